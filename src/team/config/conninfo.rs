//! Reading a libpq connection string far enough to take out the options
//! `tokio-postgres` does not parse (`sslmode`'s stricter values,
//! `sslrootcert`), in either form: `key=value` pairs or a URL.

/// A connection string with the options `tokio-postgres` does not parse
/// taken out.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct TlsOptions {
    /// The string without `sslmode` and `sslrootcert`.
    pub(super) rest: String,
    /// `sslmode` as written.
    pub(super) sslmode: Option<String>,
    /// `sslrootcert` as written.
    pub(super) sslrootcert: Option<String>,
    /// Every key the string names.
    pub(super) keys: Vec<String>,
}

/// Takes `sslmode` and `sslrootcert` out of a key=value string or a URL's
/// query; a string this cannot read is passed on whole (the parser then
/// says what is wrong with it).
pub(super) fn split_tls_options(server: &str) -> TlsOptions {
    let mut out = TlsOptions::default();
    if server.starts_with("postgres://") || server.starts_with("postgresql://") {
        let Some((base, query)) = server.split_once('?') else {
            out.rest = server.to_string();
            return out;
        };
        let mut kept = Vec::new();
        for pair in query.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            out.keys.push(k.to_string());
            match k {
                "sslmode" => out.sslmode = Some(percent_decode(v)),
                "sslrootcert" => out.sslrootcert = Some(percent_decode(v)),
                _ => kept.push(pair),
            }
        }
        out.rest = if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        return out;
    }
    let Some(pairs) = key_values(server) else {
        out.rest = server.to_string();
        return out;
    };
    let mut kept = Vec::new();
    for (k, v) in pairs {
        out.keys.push(k.clone());
        match k.as_str() {
            "sslmode" => out.sslmode = Some(v),
            "sslrootcert" => out.sslrootcert = Some(v),
            _ => kept.push(format!(
                "{k}='{}'",
                v.replace('\\', "\\\\").replace('\'', "\\'")
            )),
        }
    }
    out.rest = kept.join(" ");
    out
}

/// libpq's `key = value` pairs (values bare or in single quotes, `\`
/// escaping the next character), or `None` if the text is not that.
fn key_values(text: &str) -> Option<Vec<(String, String)>> {
    let mut chars = text.chars().peekable();
    let mut pairs = Vec::new();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Some(pairs);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') || key.is_empty() {
            return None;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next()? {
                    '\'' => break,
                    '\\' => value.push(chars.next()?),
                    c => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    value.push(chars.next()?);
                } else {
                    value.push(c);
                }
            }
        }
        pairs.push((key, value));
    }
}

/// `%XX` decoded (a URL's query value).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::super::{SslMode, connection};
    use super::*;

    #[test]
    fn the_tls_options_are_taken_out_of_either_form() {
        let kv = split_tls_options(
            "host=db user=ada sslmode=verify-full sslrootcert='/etc/my ca.pem' dbname=team",
        );
        assert_eq!(kv.sslmode.as_deref(), Some("verify-full"));
        assert_eq!(kv.sslrootcert.as_deref(), Some("/etc/my ca.pem"));
        assert_eq!(kv.rest, "host='db' user='ada' dbname='team'");
        let url = split_tls_options(
            "postgresql://ada@db/team?sslmode=require&application_name=f&sslrootcert=%2Ftmp%2Fca.pem",
        );
        assert_eq!(url.sslmode.as_deref(), Some("require"));
        assert_eq!(url.sslrootcert.as_deref(), Some("/tmp/ca.pem"));
        assert_eq!(url.rest, "postgresql://ada@db/team?application_name=f");
        let quoted = split_tls_options(r"host=db options='-c x=\'y\'' user=ada");
        assert_eq!(quoted.rest, r"host='db' options='-c x=\'y\'' user='ada'");
        let parsed = connection(r"host=db options='-c x=\'y\'' user=ada sslmode=disable").unwrap();
        assert_eq!(parsed.config.get_options(), Some("-c x='y'"));
        assert_eq!(parsed.tls.mode, SslMode::Disable);
    }
}

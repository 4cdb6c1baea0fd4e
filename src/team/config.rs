//! `[team] server` in `config.toml`: which PostgreSQL server holds the
//! team's history, as a libpq connection string, and where its password
//! comes from.
//!
//! The `tokio-postgres` crate parses the connection string (key=value pairs
//! or a `postgresql://` URL: host (a name or a Unix socket folder), port,
//! user, dbname, connect_timeout, keepalives…, application_name, options)
//! but knows neither libpq's stricter `sslmode`s (`verify-ca`,
//! `verify-full`) nor `sslrootcert`, and reads neither the environment nor
//! a password file, so the parts of libpq's behaviour followup honours are
//! done here: the TLS options are taken out of the string first (see
//! [`Tls`]); `PGUSER` when the string names no user, then `PGPASSWORD`,
//! then the password file (`PGPASSFILE`, else `~/.pgpass`; used only when
//! no one but its owner can read it, as libpq does;
//! `host:port:dbname:user:password` lines, `*` matching anything). A
//! password written in the connection string itself is refused: it would
//! sit in `config.toml` in plain text.

use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio_postgres::config::Host;

use super::TeamError;

/// The port libpq uses when none is given.
const DEFAULT_PORT: u16 = 5432;

/// How long to wait for a connection when the string does not say
/// (`connect_timeout`): offline in the van, fail in seconds, not minutes.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// libpq's `sslmode`: whether to talk TLS, and how far to trust the
/// server's certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// Never TLS.
    Disable,
    /// TLS when the server offers it, else in the clear (libpq's default);
    /// the certificate is not checked.
    Prefer,
    /// TLS or nothing; the certificate is not checked (unless a root
    /// certificate is there, as libpq does: then as `VerifyCa`).
    Require,
    /// TLS, with a certificate signed by the root certificate.
    VerifyCa,
    /// TLS, with a certificate signed by the root certificate and naming
    /// the host connected to.
    VerifyFull,
}

/// The TLS part of a connection string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tls {
    /// `sslmode` (default `prefer`).
    pub mode: SslMode,
    /// `sslrootcert`, else `~/.postgresql/root.crt` when it exists (as
    /// libpq): the certificate authority the server's certificate must
    /// come from.
    pub root_cert: Option<PathBuf>,
}

/// A parsed `[team] server`.
#[derive(Debug, Clone)]
pub struct Connection {
    /// Everything but TLS, password filled in.
    pub config: tokio_postgres::Config,
    /// How to talk TLS.
    pub tls: Tls,
}

/// Parses `server` into a connection configuration with the password
/// filled in from the environment or the password file.
pub fn connection(server: &str) -> Result<Connection, TeamError> {
    let options = split_tls_options(server);
    let mut config: tokio_postgres::Config = options
        .rest
        .parse()
        .map_err(|e| TeamError::Config(format!("[team] server is not a connection string: {e}")))?;
    if config.get_password().is_some() {
        return Err(TeamError::Config(
            "[team] server must not hold a password; put it in ~/.pgpass (or PGPASSFILE) or PGPASSWORD"
                .into(),
        ));
    }
    let tls = tls_of(options.sslmode.as_deref(), options.sslrootcert)?;
    // As libpq: a Unix socket never talks TLS, whatever sslmode says.
    #[cfg(unix)]
    let local = !config.get_hosts().is_empty()
        && config
            .get_hosts()
            .iter()
            .all(|h| matches!(h, Host::Unix(_)));
    #[cfg(not(unix))]
    let local = false;
    config.ssl_mode(match tls.mode {
        _ if local => tokio_postgres::config::SslMode::Disable,
        SslMode::Disable => tokio_postgres::config::SslMode::Disable,
        SslMode::Prefer => tokio_postgres::config::SslMode::Prefer,
        _ => tokio_postgres::config::SslMode::Require,
    });
    if config.get_user().is_none() {
        match std::env::var("PGUSER") {
            Ok(user) if !user.is_empty() => {
                config.user(&user);
            }
            _ => {
                return Err(TeamError::Config(
                    "[team] server names no user; add user=NAME (your member name) or set PGUSER"
                        .into(),
                ));
            }
        }
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    // A server gone without a word (a dropped network) is noticed in about
    // a minute, not the system's two hours, unless the string says otherwise.
    if !options.keys.iter().any(|k| k.starts_with("keepalives")) {
        config
            .keepalives(true)
            .keepalives_idle(Duration::from_secs(30))
            .keepalives_interval(Duration::from_secs(10))
            .keepalives_retries(3);
    }
    if let Some(password) = password_for(&config) {
        config.password(password);
    }
    Ok(Connection { config, tls })
}

/// `sslmode` and `sslrootcert` as written, made a [`Tls`].
fn tls_of(mode: Option<&str>, root_cert: Option<String>) -> Result<Tls, TeamError> {
    let mode = match mode.unwrap_or("prefer") {
        "disable" => SslMode::Disable,
        "allow" | "prefer" => SslMode::Prefer,
        "require" => SslMode::Require,
        "verify-ca" => SslMode::VerifyCa,
        "verify-full" => SslMode::VerifyFull,
        other => {
            return Err(TeamError::Config(format!(
                "[team] server: sslmode={other} is not one of disable, prefer, require, \
                 verify-ca, verify-full"
            )));
        }
    };
    let root_cert = match root_cert {
        Some(path) if path == "system" => {
            return Err(TeamError::Config(
                "[team] server: sslrootcert=system is not supported; name the CA's certificate file"
                    .into(),
            ));
        }
        Some(path) => Some(PathBuf::from(path)),
        None => directories::BaseDirs::new()
            .map(|d| d.home_dir().join(".postgresql").join("root.crt"))
            .filter(|p| p.is_file()),
    };
    if matches!(mode, SslMode::VerifyCa | SslMode::VerifyFull) && root_cert.is_none() {
        return Err(TeamError::Config(
            "[team] server: sslmode=verify-ca and verify-full need the server's certificate \
             authority; name its file with sslrootcert=FILE (or put it in ~/.postgresql/root.crt)"
                .into(),
        ));
    }
    Ok(Tls { mode, root_cert })
}

/// A connection string with the options `tokio-postgres` does not parse
/// taken out.
#[derive(Debug, Default, PartialEq, Eq)]
struct TlsOptions {
    /// The string without `sslmode` and `sslrootcert`.
    rest: String,
    sslmode: Option<String>,
    sslrootcert: Option<String>,
    /// Every key the string names.
    keys: Vec<String>,
}

/// Takes `sslmode` and `sslrootcert` out of a key=value string or a URL's
/// query; a string this cannot read is passed on whole (the parser then
/// says what is wrong with it).
fn split_tls_options(server: &str) -> TlsOptions {
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

/// `PGPASSWORD`, else the matching line of the password file.
fn password_for(config: &tokio_postgres::Config) -> Option<String> {
    if let Ok(p) = std::env::var("PGPASSWORD")
        && !p.is_empty()
    {
        return Some(p);
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().join(".pgpass")))?;
    let text = read_private(&file)?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(Host::Unix(p)) => p.to_string_lossy().into_owned(),
        None => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(DEFAULT_PORT);
    let dbname = config.get_dbname().or(config.get_user()).unwrap_or("");
    let user = config.get_user().unwrap_or("");
    pgpass_lookup(&text, &host, port, dbname, user)
}

/// The file's text if only its owner may read it (libpq ignores a
/// password file others can read, and so do we).
fn read_private(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return None;
        }
    }
    std::fs::read_to_string(path).ok()
}

/// The password of the first line matching `host:port:dbname:user`
/// (`*` matches anything; `\:` and `\\` are a colon and a backslash).
pub fn pgpass_lookup(
    text: &str,
    host: &str,
    port: u16,
    dbname: &str,
    user: &str,
) -> Option<String> {
    let port = port.to_string();
    let wanted = [host, port.as_str(), dbname, user];
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = split_escaped(line);
            if fields.len() != 5 {
                return None;
            }
            let matches = fields[..4]
                .iter()
                .zip(wanted)
                .all(|(f, w)| f == "*" || f == w || (w.starts_with('/') && f == "localhost"));
            matches.then(|| fields[4].clone())
        })
}

fn split_escaped(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(f)) = (chars.next(), fields.last_mut()) {
                    f.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_connection_string_is_refused() {
        let err = connection("host=db user=ada password=secret dbname=team").unwrap_err();
        assert!(
            err.to_string().contains("must not hold a password"),
            "{err}"
        );
    }

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

    #[test]
    fn verifying_the_server_needs_its_certificate_authority() {
        let err =
            connection("host=db user=ada sslmode=verify-full sslrootcert=system").unwrap_err();
        assert!(err.to_string().contains("sslrootcert"), "{err}");
        let err = connection("host=db user=ada sslmode=sometimes").unwrap_err();
        assert!(err.to_string().contains("verify-full"), "{err}");
        let ok = connection("host=db user=ada sslmode=verify-ca sslrootcert=/x/ca.pem").unwrap();
        assert_eq!(ok.tls.mode, SslMode::VerifyCa);
        assert_eq!(ok.tls.root_cert, Some(PathBuf::from("/x/ca.pem")));
        // A Unix socket never talks TLS (libpq's rule), whatever sslmode says.
        let socket = connection("host=/run/postgresql user=ada sslmode=require").unwrap();
        assert_eq!(
            socket.config.get_ssl_mode(),
            tokio_postgres::config::SslMode::Disable
        );
    }

    #[test]
    fn a_connection_string_that_is_not_one_is_refused() {
        assert!(connection("host='db").is_err());
    }

    #[test]
    fn the_password_file_matches_host_port_database_and_user() {
        let text = "# team\n\
                    db.example:5432:team:bob:bobs\n\
                    *:*:team:ada:ad\\:a\n\
                    *:*:*:*:fallback\n";
        assert_eq!(
            pgpass_lookup(text, "db.example", 5432, "team", "bob").as_deref(),
            Some("bobs")
        );
        assert_eq!(
            pgpass_lookup(text, "db.example", 5432, "team", "ada").as_deref(),
            Some("ad:a")
        );
        assert_eq!(
            pgpass_lookup(text, "other", 6000, "x", "y").as_deref(),
            Some("fallback")
        );
        assert_eq!(pgpass_lookup("h:1:d:u:p\n", "h", 2, "d", "u"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_password_file_others_can_read_is_ignored() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(&file, "*:*:*:*:pw\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(read_private(&file), None);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(read_private(&file).is_some());
    }
}

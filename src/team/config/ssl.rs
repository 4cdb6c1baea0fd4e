//! libpq's `sslmode` and `sslrootcert`, as written in `[team] server`,
//! made the [`Tls`] a connection uses (`team::tls` makes the connector).

use std::path::PathBuf;

use super::super::TeamError;

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

/// `sslmode` and `sslrootcert` as written, made a [`Tls`].
pub(super) fn tls_of(mode: Option<&str>, root_cert: Option<String>) -> Result<Tls, TeamError> {
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

#[cfg(test)]
mod tests {
    use super::super::connection;
    use super::*;

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
}

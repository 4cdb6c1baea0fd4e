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
//!
//! One module per job: [`conninfo`] takes the options `tokio-postgres`
//! does not know out of the string, [`ssl`] makes them a [`Tls`], and
//! [`password`] finds the password; this module puts the connection
//! together.

mod conninfo;
mod password;
mod ssl;

use std::time::Duration;
#[cfg(unix)]
use tokio_postgres::config::Host;

use super::TeamError;
pub use password::pgpass_lookup;
pub use ssl::{SslMode, Tls};

/// How long to wait for a connection when the string does not say
/// (`connect_timeout`): offline in the van, fail in seconds, not minutes.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

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
    let options = conninfo::split_tls_options(server);
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
    let tls = ssl::tls_of(options.sslmode.as_deref(), options.sslrootcert)?;
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
    if let Some(password) = password::password_for(&config) {
        config.password(password);
    }
    Ok(Connection { config, tls })
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
    fn a_connection_string_that_is_not_one_is_refused() {
        assert!(connection("host='db").is_err());
    }
}

//! A connection to the team's server (the hub) on which every exchange is
//! bounded in time: a server that accepts the connection and then says
//! nothing, or stops answering in the middle of a sync, makes the sync
//! fail after `[team] timeout` with one sentence, instead of hanging.
//!
//! The blocking `postgres` client has no such bound (its connect timeout
//! covers the TCP handshake only, and keepalives are answered by a frozen
//! server's kernel), so this drives `tokio-postgres` on a one-thread
//! runtime of its own and puts a deadline on each exchange. The server is
//! asked to give up on its side too (`statement_timeout`,
//! `idle_in_transaction_session_timeout`), so a member whose network
//! vanished mid-push does not hold the team's push lock for long.

use std::time::Duration;

use tokio::runtime::Runtime;
use tokio_postgres::Client;
use tokio_postgres::tls::{MakeTlsConnect, TlsConnect};

use super::TeamError;
use super::config::{Connection, SslMode};

/// A live connection to the team's server.
pub struct Hub {
    runtime: Runtime,
    client: Client,
    /// How long one exchange may take.
    wait: Duration,
    /// Where it goes, for messages.
    place: String,
}

/// Connects to `server` (a libpq connection string; see `team::config`);
/// each exchange afterwards may take `wait` at most.
pub fn connect(server: &str, wait: Duration) -> Result<Hub, TeamError> {
    let Connection { mut config, tls } = super::config::connection(server)?;
    if config.get_tcp_user_timeout().is_none() {
        // Data the server never acknowledges: give up as soon as on silence.
        config.tcp_user_timeout(wait);
    }
    let place = describe(&config);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| TeamError::Offline(format!("could not start the network runtime: {e}")))?;
    // libpq's connect_timeout bounds the whole start (TCP, TLS, sign-in),
    // not only the TCP handshake as tokio-postgres does.
    let limit = config
        .get_connect_timeout()
        .copied()
        .unwrap_or(Duration::from_secs(10));
    let connector = super::tls::connector(&tls)?;
    let opened = runtime.block_on(async {
        let opening = async {
            match connector {
                Some(tls) => open(&config, tls).await,
                None => open(&config, tokio_postgres::NoTls).await,
            }
        };
        tokio::time::timeout(limit, opening).await
    });
    let client = match opened {
        Err(_) => {
            return Err(TeamError::Offline(format!(
                "the team server ({place}) did not answer within {} s of connecting",
                limit.as_secs()
            )));
        }
        Ok(Err(e)) => return Err(unreachable(&place, tls.mode, &e)),
        Ok(Ok(client)) => client,
    };
    let mut hub = Hub {
        runtime,
        client,
        wait,
        place,
    };
    let ms = wait.as_millis();
    hub.run(async |c| {
        c.batch_execute(&format!(
            "SET statement_timeout = {ms}; SET idle_in_transaction_session_timeout = {ms}"
        ))
        .await?;
        Ok(())
    })?;
    Ok(hub)
}

/// Opens the connection and sets it running on the runtime.
async fn open<T>(config: &tokio_postgres::Config, tls: T) -> Result<Client, tokio_postgres::Error>
where
    T: MakeTlsConnect<tokio_postgres::Socket> + 'static + Send,
    T::TlsConnect: Send,
    T::Stream: Send + 'static,
    <T::TlsConnect as TlsConnect<tokio_postgres::Socket>>::Future: Send,
{
    let (client, connection) = config.connect(tls).await?;
    // Ends with an error when the server goes; the next exchange says so.
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(client)
}

/// Why a connection failed, in one sentence.
fn unreachable(place: &str, mode: SslMode, e: &tokio_postgres::Error) -> TeamError {
    let text = super::error_text(e);
    if text.contains("server does not support TLS") {
        let asked = match mode {
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
            _ => "require",
        };
        return TeamError::Offline(format!(
            "the team server ({place}) does not offer TLS, which sslmode={asked} asks for; \
             turn ssl on there, or lower sslmode"
        ));
    }
    TeamError::Offline(format!("could not reach the team server ({place}): {text}"))
}

impl Hub {
    /// Runs one exchange with the server, within the time allowed.
    pub fn run<T>(
        &mut self,
        work: impl AsyncFnOnce(&mut Client) -> Result<T, TeamError>,
    ) -> Result<T, TeamError> {
        let wait = self.wait;
        let client = &mut self.client;
        match self
            .runtime
            .block_on(async move { tokio::time::timeout(wait, work(client)).await })
        {
            Ok(done) => done,
            Err(_) => Err(self.silent()),
        }
    }

    fn silent(&self) -> TeamError {
        TeamError::Offline(format!(
            "the team server ({}) stopped answering for {} s; nothing half-done was kept, \
             and the next sync resumes where this one stopped",
            self.place,
            self.wait.as_secs()
        ))
    }
}

/// Where a connection goes, for messages (never the password).
fn describe(config: &tokio_postgres::Config) -> String {
    let host = match config.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(tokio_postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = match config.get_ports().first() {
        Some(p) if *p != 5432 => format!(":{p}"),
        _ => String::new(),
    };
    format!(
        "{host}{port} as {} to {}",
        config.get_user().unwrap_or("?"),
        config.get_dbname().unwrap_or("(default database)")
    )
}

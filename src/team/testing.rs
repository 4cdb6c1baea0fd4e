//! A throwaway PostgreSQL server for the team tests: a cluster made with
//! `initdb` in a temporary folder, listening only on a Unix socket in that
//! folder, stopped and deleted when the [`Pg`] is dropped.
//!
//! `initdb` refuses to run as root (CI runs as root), so there the cluster
//! is made and run as the unprivileged user `nobody` (through `runuser`),
//! which owns the folder. Only test builds have this module (the
//! `test-hooks` feature).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The variable that turns "no PostgreSQL here" from a skip into a failure
/// (CI sets it).
pub const REQUIRE_VAR: &str = "FOLLOWUP_REQUIRE_PG";

/// The superuser of a throwaway cluster (it trusts every local connection).
pub const SUPERUSER: &str = "postgres";

/// A running throwaway cluster.
#[derive(Debug)]
pub struct Pg {
    dir: tempfile::TempDir,
    bin: PathBuf,
    run_as: Option<&'static str>,
    /// The port (of its socket's name, and of 127.0.0.1 with TLS).
    port: u16,
    /// Whether it also listens on 127.0.0.1, with TLS.
    tls: bool,
}

/// Starts a throwaway cluster, or says why not: when `FOLLOWUP_REQUIRE_PG=1`
/// that panics (the test fails); otherwise it prints one line saying how to
/// install PostgreSQL and returns `None` (the caller returns: skipped).
pub fn start() -> Option<Pg> {
    started(Pg::start(None))
}

/// Starts a throwaway cluster that also listens on 127.0.0.1 (a free port)
/// with TLS on, presenting the certificate `cert_pem` (its key `key_pem`),
/// as [`start`] does.
pub fn start_with_tls(cert_pem: &str, key_pem: &str) -> Option<Pg> {
    started(Pg::start(Some((cert_pem, key_pem))))
}

fn started(result: Result<Pg, String>) -> Option<Pg> {
    match result {
        Ok(pg) => Some(pg),
        Err(why) if std::env::var(REQUIRE_VAR).as_deref() == Ok("1") => {
            panic!("{REQUIRE_VAR}=1 but no PostgreSQL server could be started: {why}")
        }
        Err(why) => {
            eprintln!(
                "skipped: no PostgreSQL server could be started ({why}); install it with `apt-get install postgresql` to run the team tests"
            );
            None
        }
    }
}

/// The folder of `initdb` and `pg_ctl`: on PATH, else `pg_config --bindir`,
/// else the newest `/usr/lib/postgresql/*/bin`.
fn bin_dir() -> Option<PathBuf> {
    let has_initdb = |d: &Path| d.join("initdb").is_file() && d.join("pg_ctl").is_file();
    if let Some(path) = std::env::var_os("PATH")
        && let Some(d) = std::env::split_paths(&path).find(|d| has_initdb(d))
    {
        return Some(d);
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let d = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if has_initdb(&d) {
            return Some(d);
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|d| has_initdb(d))
        .collect();
    found.sort_by_key(|d| {
        d.parent()
            .and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok())
            .unwrap_or(0)
    });
    found.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A port nothing listens on now.
fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| format!("no free port on 127.0.0.1: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

impl Pg {
    fn start(tls: Option<(&str, &str)>) -> Result<Pg, String> {
        let bin = bin_dir().ok_or("initdb was not found")?;
        let run_as = if is_root() { Some("nobody") } else { None };
        // Under root the folder must be reachable by `nobody`: /tmp is,
        // whatever TMPDIR says.
        let parent = match run_as {
            Some(_) => PathBuf::from("/tmp"),
            None => std::env::temp_dir(),
        };
        let dir = tempfile::Builder::new()
            .prefix("followup-pg-")
            .tempdir_in(parent)
            .map_err(|e| format!("no temporary folder: {e}"))?;
        if let Some(user) = run_as {
            let ok = Command::new("chown")
                .arg(user)
                .arg(dir.path())
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                return Err(format!("could not give {} to {user}", dir.path().display()));
            }
        }
        let port = if tls.is_some() { free_port()? } else { 5432 };
        let pg = Pg {
            dir,
            bin,
            run_as,
            port,
            tls: tls.is_some(),
        };
        if let Some((cert, key)) = tls {
            pg.write_private("server.crt", cert)?;
            pg.write_private("server.key", key)?;
        }
        let data = pg.data();
        pg.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        )?;
        let options = pg.options();
        let log = pg.dir.path().join("server.log");
        pg.run(
            "pg_ctl",
            &[
                "start",
                "-w",
                "-D",
                &data,
                "-l",
                &log.to_string_lossy(),
                "-o",
                &options,
            ],
        )?;
        Ok(pg)
    }

    /// The server's options: a socket in its folder, and TLS on 127.0.0.1
    /// when asked.
    fn options(&self) -> String {
        let dir = self.socket_dir().display();
        let mut options = format!(
            "-k {dir} -p {} -c fsync=off -c max_connections=60",
            self.port
        );
        if self.tls {
            options.push_str(&format!(
                " -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file={dir}/server.crt \
                 -c ssl_key_file={dir}/server.key"
            ));
        } else {
            options.push_str(" -c listen_addresses=''");
        }
        options
    }

    /// Writes `text` to `name` in the cluster's folder, readable by the
    /// cluster's user alone (the server refuses a key others can read).
    fn write_private(&self, name: &str, text: &str) -> Result<(), String> {
        use std::os::unix::fs::PermissionsExt;
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).map_err(|e| format!("could not write {name}: {e}"))?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| e.to_string())?;
        if let Some(user) = self.run_as {
            let ok = Command::new("chown")
                .arg(user)
                .arg(&path)
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                return Err(format!("could not give {name} to {user}"));
            }
        }
        Ok(())
    }

    /// Runs one of the server's programs, as the cluster's user.
    fn run(&self, program: &str, args: &[&str]) -> Result<(), String> {
        let exe = self.bin.join(program);
        let mut cmd = match self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        let out = cmd
            .args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("could not run {program}: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            let tail = String::from_utf8_lossy(&out.stderr);
            let tail = tail.lines().last().unwrap_or("").to_string();
            Err(format!("{program} failed: {tail}"))
        }
    }

    fn data(&self) -> String {
        self.dir.path().join("data").to_string_lossy().into_owned()
    }

    /// The folder holding the server's Unix socket.
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// A libpq connection string for `user` to database `dbname`.
    pub fn conn_str(&self, user: &str, dbname: &str) -> String {
        format!(
            "host={} port={} user={user} dbname={dbname}",
            self.socket_dir().display(),
            self.port
        )
    }

    /// A connection string for `user` over TCP to 127.0.0.1 (a cluster
    /// started with TLS), with `extra` options appended.
    pub fn tcp_conn_str(&self, user: &str, dbname: &str, extra: &str) -> String {
        format!(
            "host=127.0.0.1 port={} user={user} dbname={dbname} {extra}",
            self.port
        )
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The path of the server's Unix socket.
    pub fn socket_path(&self) -> PathBuf {
        self.socket_dir().join(format!(".s.PGSQL.{}", self.port))
    }

    /// A connection string for the superuser to the `postgres` database.
    pub fn admin(&self) -> String {
        self.conn_str(SUPERUSER, "postgres")
    }

    /// Stops the server at once and starts it again (a server restart
    /// mid-sync).
    pub fn restart(&self) -> Result<(), String> {
        let data = self.data();
        self.run("pg_ctl", &["stop", "-w", "-m", "immediate", "-D", &data])?;
        let options = self.options();
        let log = self.dir.path().join("server.log");
        self.run(
            "pg_ctl",
            &[
                "start",
                "-w",
                "-D",
                &data,
                "-l",
                &log.to_string_lossy(),
                "-o",
                &options,
            ],
        )
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self.run("pg_ctl", &["stop", "-w", "-m", "immediate", "-D", &data]);
        // The TempDir removes the folder (root may remove nobody's files;
        // a non-root user owns them).
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_throwaway_server_answers_and_is_gone_after() {
        let Some(pg) = start() else { return };
        let dir = pg.socket_dir().to_path_buf();
        let mut client = postgres::Client::connect(&pg.admin(), postgres::NoTls)
            .expect("connect to the throwaway server");
        let row = client.query_one("SELECT 1 + 1", &[]).expect("query");
        assert_eq!(row.get::<_, i32>(0), 2);
        drop(client);
        drop(pg);
        assert!(!dir.exists(), "the cluster's folder is deleted");
    }
}

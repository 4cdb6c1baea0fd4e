//! Where a team member's password comes from, as libpq finds it:
//! `PGPASSWORD`, else the password file (`PGPASSFILE`, else `~/.pgpass`),
//! used only when no one but its owner can read it.

use std::path::{Path, PathBuf};
use tokio_postgres::config::Host;

/// The port libpq uses when none is given.
const DEFAULT_PORT: u16 = 5432;

/// `PGPASSWORD`, else the matching line of the password file.
pub(super) fn password_for(config: &tokio_postgres::Config) -> Option<String> {
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

/// A password file's line split at its colons (`\:` and `\\` escaped).
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

//! A book and a configuration folder in a temporary directory, with the
//! command line and the cockpit run against them as of a fixed moment.

use std::path::{Path, PathBuf};

use super::{Cockpit, cli};

/// The moment every fixture runs as of.
pub const NOW: &str = "2026-11-23T09:00";

/// A temporary book, its configuration folder, and ways to run followup.
pub struct Fixture {
    dir: tempfile::TempDir,
    /// The book file.
    pub db: PathBuf,
    /// The configuration folder.
    pub config: PathBuf,
}

impl Fixture {
    /// An empty fixture (no book file yet).
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("book.db");
        let config = dir.path().join("config");
        Fixture { dir, db, config }
    }

    /// A team member's fixture: its profile named `name`, `[team] server`
    /// set to `server`, and a long background timer, so only `Y` syncs
    /// after the start.
    pub fn member(name: &str, server: &str) -> Fixture {
        let f = Fixture::new();
        std::fs::create_dir_all(&f.config).unwrap();
        std::fs::write(
            f.config.join("config.toml"),
            format!(
                "[profile]\nname = \"{name}\"\n\n[team]\nserver = \"{server}\"\nsync_every = \"1h\"\n"
            ),
        )
        .unwrap();
        f
    }

    /// Creates the team's schema on the server `admin` (an administrator's
    /// connection string) and adds `members` (server role, kind).
    pub fn set_up_team(admin: &str, members: &[(&str, &str)]) {
        let f = Fixture::new();
        f.cli(&["team", "init", "--server", admin]);
        for (name, role) in members {
            f.cli(&[
                "team",
                "add-member",
                name,
                "--role",
                role,
                "--server",
                admin,
            ]);
        }
    }

    /// The temporary directory everything lives in.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The command line as of [`NOW`]; returns stdout, panics on failure.
    pub fn cli(&self, args: &[&str]) -> String {
        self.cli_at(NOW, args)
    }

    /// The command line as of `now` (to agree a step that is overdue by `NOW`).
    pub fn cli_at(&self, now: &str, args: &[&str]) -> String {
        let mut all = vec!["--now", now];
        all.extend_from_slice(args);
        cli(&self.db, &self.config, &all)
    }

    /// The command line's JSON output.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--format", "json"]);
        serde_json::from_str(&self.cli(&all)).unwrap()
    }

    /// The cockpit at [`NOW`] in a 110×32 terminal.
    pub fn cockpit(&self) -> Cockpit {
        self.cockpit_with(&[], 110, 32)
    }

    /// The cockpit at [`NOW`] with extra environment, in a `cols`×`rows` terminal.
    pub fn cockpit_with(&self, env: &[(&str, &str)], cols: u16, rows: u16) -> Cockpit {
        self.cockpit_at(NOW, env, cols, rows)
    }

    /// The cockpit as of `now` with extra environment, in a `cols`×`rows`
    /// terminal.
    pub fn cockpit_at(&self, now: &str, env: &[(&str, &str)], cols: u16, rows: u16) -> Cockpit {
        let db = self.db.to_str().unwrap();
        let config = self.config.to_str().unwrap();
        let mut all = vec![("FOLLOWUP_CONFIG_DIR", config), ("TZ", "America/Toronto")];
        all.extend_from_slice(env);
        Cockpit::start(&["--db", db, "--now", now], &all, cols, rows)
    }
}

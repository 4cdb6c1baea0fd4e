//! The cockpit's background sync with the team's server (`[team]`).
//!
//! A thread of its own, with its own connection to the book, runs
//! `team::sync` every `[team] sync_every` and whenever the user asks; it
//! sends what came of it as a [`SyncMessage`] that the run loop picks up
//! between terminal events, so no keystroke ever waits on the network.
//! [`on_sync`] folds a message into the state (pure); [`indicator`] is what
//! the status line says when nothing else is to be said.

use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use super::effect::Effect;
use super::state::App;

/// Where the cockpit stands with the team's server.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TeamSync {
    /// No `[team] server`: the single user's book.
    #[default]
    Off,
    /// Configured, not synced yet in this session.
    Waiting,
    /// The last sync went through at this moment.
    Synced {
        /// When it finished.
        at: DateTime<Utc>,
    },
    /// The last sync failed.
    Offline {
        /// Why, as one sentence.
        reason: String,
    },
}

/// What one background sync came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncMessage {
    /// It went through.
    Synced {
        /// When it finished.
        at: DateTime<Utc>,
        /// This book's changes the server did not have yet.
        pushed: u64,
        /// Changes new to this book.
        applied: u64,
        /// The changes the server refused, set aside in the book now.
        parked: u64,
    },
    /// The server could not be reached or refused.
    Offline {
        /// Why, as one sentence.
        reason: String,
    },
}

/// Folds a sync's result into the state; reloads the lists, and the Team
/// screen when it is open, when the sync brought changes in.
pub fn on_sync(app: &mut App, message: SyncMessage) -> Vec<Effect> {
    match message {
        SyncMessage::Synced {
            at,
            pushed,
            applied,
            parked,
        } => {
            app.team = TeamSync::Synced { at };
            app.team_parked = parked;
            let refused = parked_notice(parked)
                .map(|n| format!("; {n}"))
                .unwrap_or_default();
            app.info(format!(
                "Synced with the team: {pushed} changes sent, {applied} received{refused}."
            ));
            if applied > 0 {
                let mut effects = vec![Effect::Reload];
                effects.extend(super::team_screen::reread(app));
                effects
            } else {
                Vec::new()
            }
        }
        SyncMessage::Offline { reason } => {
            app.error(format!("offline ({reason})"));
            app.team = TeamSync::Offline { reason };
            Vec::new()
        }
    }
}

/// The status line's words for the team's state as of `now`, if a team is
/// configured: "synced 3 min ago", "offline (reason)".
pub fn indicator(team: &TeamSync, now: DateTime<Utc>) -> Option<String> {
    match team {
        TeamSync::Off => None,
        TeamSync::Waiting => Some("not synced yet".into()),
        TeamSync::Synced { at } => {
            let minutes = (now - *at).num_minutes().max(0);
            Some(match minutes {
                0 => "synced just now".into(),
                m if m < 60 => format!("synced {m} min ago"),
                m => format!("synced {} h ago", m / 60),
            })
        }
        TeamSync::Offline { reason } => Some(format!("offline ({reason})")),
    }
}

/// What the status line says of the changes the server refused, when
/// there are any: "3 changes refused: followup sync --parked".
pub fn parked_notice(parked: u64) -> Option<String> {
    match parked {
        0 => None,
        1 => Some("1 change refused: followup sync --parked".into()),
        n => Some(format!("{n} changes refused: followup sync --parked")),
    }
}

/// The status line's words when nothing else is to be said: the team's
/// state, then the changes refused (only with a team: without one no
/// server could refuse, and the command would say so).
pub fn idle_status(app: &App) -> Option<String> {
    let team = indicator(&app.team, app.now.to_utc())?;
    Some(match parked_notice(app.team_parked) {
        Some(parked) => format!("{team} · {parked}"),
        None => team,
    })
}

/// The background sync thread's handles.
pub struct Worker {
    wake: Sender<()>,
    /// What each sync came to, for the run loop.
    pub messages: Receiver<SyncMessage>,
}

impl Worker {
    /// Starts the thread: it syncs the book at `path` as `author` with
    /// `server` now, then every `every` and whenever [`Worker::request`]
    /// asks, as of the clock (or `fixed`, the cockpit's `--now`), giving
    /// up on a server silent for `wait`. It ends when the worker is
    /// dropped.
    pub fn start(
        path: PathBuf,
        author: Option<String>,
        server: String,
        every: Duration,
        wait: Duration,
        fixed: Option<DateTime<Utc>>,
    ) -> Self {
        let (wake, woken) = mpsc::channel::<()>();
        let (send, messages) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let now = fixed.unwrap_or_else(Utc::now);
                let message = sync_once(&path, author.as_deref(), &server, wait, now);
                if send.send(message).is_err() {
                    return;
                }
                match woken.recv_timeout(every) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {
                        // Several presses while a sync ran: one more sync.
                        while woken.try_recv().is_ok() {}
                    }
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        });
        Worker { wake, messages }
    }

    /// Asks for a sync now (it runs after any sync in progress).
    pub fn request(&self) {
        // The thread ended only if the cockpit is closing.
        let _ = self.wake.send(());
    }
}

/// One sync on a connection of its own.
fn sync_once(
    path: &std::path::Path,
    author: Option<&str>,
    server: &str,
    wait: Duration,
    now: DateTime<Utc>,
) -> SyncMessage {
    let run = || -> Result<crate::team::sync::SyncReport, crate::team::TeamError> {
        let mut book = crate::store::Book::open(path)?;
        book.set_author(author);
        let mut hub = crate::team::server::connect(server, wait)?;
        crate::team::sync::sync(
            &mut book,
            &mut hub,
            now,
            crate::team::sync::Options::default(),
        )
    };
    match run() {
        Ok(report) => SyncMessage::Synced {
            at: now,
            pushed: report.pushed_new,
            applied: report.applied + report.reassigned,
            parked: report.parked_total,
        },
        Err(e) => SyncMessage::Offline {
            reason: crate::domain::text::sanitize_line(&e.to_string()).into_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Context;
    use chrono::TimeZone;

    fn app() -> App {
        let now = chrono::Local
            .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .unwrap();
        let mut app = App::new(Context::builtin(), now, true);
        app.team = TeamSync::Waiting;
        app
    }

    #[test]
    fn a_sync_that_brought_changes_reloads() {
        let mut app = app();
        let at = app.now.to_utc();
        let effects = on_sync(
            &mut app,
            SyncMessage::Synced {
                at,
                pushed: 2,
                applied: 3,
                parked: 0,
            },
        );
        assert!(matches!(effects.as_slice(), [Effect::Reload]));
        assert_eq!(app.team, TeamSync::Synced { at });
        let status = app.status.as_ref().expect("a status");
        assert!(status.text.contains("Synced") && !status.error);
    }

    #[test]
    fn a_sync_that_left_changes_refused_counts_them() {
        let mut app = app();
        let at = app.now.to_utc();
        on_sync(
            &mut app,
            SyncMessage::Synced {
                at,
                pushed: 1,
                applied: 0,
                parked: 3,
            },
        );
        assert_eq!(app.team_parked, 3);
        let said = &app.status.as_ref().expect("a status").text;
        assert!(
            said.contains("3 changes refused: followup sync --parked"),
            "{said}"
        );
        app.status = None;
        assert_eq!(
            idle_status(&app).as_deref(),
            Some("synced just now · 3 changes refused: followup sync --parked")
        );
        // A retry that the server took: the count goes.
        on_sync(
            &mut app,
            SyncMessage::Synced {
                at,
                pushed: 3,
                applied: 0,
                parked: 0,
            },
        );
        assert_eq!(app.team_parked, 0);
        assert_eq!(idle_status(&app).as_deref(), Some("synced just now"));
        assert_eq!(
            parked_notice(1).as_deref(),
            Some("1 change refused: followup sync --parked")
        );
    }

    #[test]
    fn a_sync_that_brought_nothing_does_not_reload() {
        let mut app = app();
        let at = app.now.to_utc();
        let effects = on_sync(
            &mut app,
            SyncMessage::Synced {
                at,
                pushed: 0,
                applied: 0,
                parked: 0,
            },
        );
        assert!(effects.is_empty());
    }

    #[test]
    fn offline_says_why_and_keeps_the_lists() {
        let mut app = app();
        let effects = on_sync(
            &mut app,
            SyncMessage::Offline {
                reason: "the team server: connection refused".into(),
            },
        );
        assert!(effects.is_empty());
        assert!(app.status.as_ref().is_some_and(|s| s.error));
        assert_eq!(
            indicator(&app.team, app.now.to_utc()).as_deref(),
            Some("offline (the team server: connection refused)")
        );
    }

    #[test]
    fn the_sync_key_asks_the_thread_or_says_why_not() {
        use crate::ui::action::{Action, Input};
        use crate::ui::update::update;
        let mut teamed = app();
        assert!(update(&mut teamed, Input::Action(Action::SyncTeam)).is_empty());
        assert!(teamed.team_sync_wanted, "the run loop hands it on");
        let mut alone = app_without_team();
        update(&mut alone, Input::Action(Action::SyncTeam));
        assert!(!alone.team_sync_wanted);
        let said = alone.status.as_ref().expect("a sentence").text.clone();
        assert!(said.contains("[team] server"), "{said}");
        let mut demo = app();
        demo.demo = true;
        update(&mut demo, Input::Action(Action::SyncTeam));
        assert!(!demo.team_sync_wanted);
    }

    fn app_without_team() -> App {
        let mut app = app();
        app.team = TeamSync::Off;
        app
    }

    #[test]
    fn the_indicator_counts_minutes() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let team = TeamSync::Synced { at };
        let later = |m| at + chrono::Duration::minutes(m);
        assert_eq!(indicator(&team, at).as_deref(), Some("synced just now"));
        assert_eq!(
            indicator(&team, later(3)).as_deref(),
            Some("synced 3 min ago")
        );
        assert_eq!(
            indicator(&team, later(130)).as_deref(),
            Some("synced 2 h ago")
        );
        assert_eq!(indicator(&TeamSync::Off, at), None);
    }
}

//! `team init`, `team add-member` and `sync`: the team's server and this
//! book's exchange with it (see `team`).

use clap::Subcommand;
use serde_json::json;

use super::{Format, Run, emit};
use crate::app::{AppError, Context};
use crate::team::{self, TeamError, roles::Role};

/// `team`'s subcommands (run by whoever administers the server).
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Create (or upgrade) the team's schema on the server
    #[command(
        after_help = "Example: followup team init --server \"host=db.example.com user=admin dbname=team\""
    )]
    Init {
        /// The server, as a connection string [default: [team] server in config.toml]
        #[arg(long, value_name = "CONNINFO")]
        server: Option<String>,
    },
    /// Add a member: a PostgreSQL login role in the role's group
    #[command(after_help = "Example: followup team add-member ada --role consultant")]
    AddMember {
        /// The member's name: their PostgreSQL role (user= in their config)
        name: String,
        /// What they may do (the server enforces it)
        #[arg(long, value_enum)]
        role: Role,
        /// The server, as a connection string [default: [team] server in config.toml]
        #[arg(long, value_name = "CONNINFO")]
        server: Option<String>,
    },
    /// Per consultant: the day's queues, open pipeline and this week's contacts, wins and losses (from this book)
    #[command(after_help = "Example: followup team status --format json")]
    Status,
}

impl TeamCommand {
    /// Whether the command reads the local book (the others talk to the
    /// server only).
    pub fn reads_book(&self) -> bool {
        matches!(self, TeamCommand::Status)
    }
}

impl From<TeamError> for AppError {
    fn from(e: TeamError) -> AppError {
        match e {
            TeamError::Store(s) => AppError::Store(s),
            TeamError::Config(m) => AppError::Usage(m),
            other => AppError::Refused(other.to_string()),
        }
    }
}

/// The server to use for `team init` and `team add-member`: `--server`,
/// else `[team] server`.
fn server(ctx: &Context, flag: Option<String>) -> Result<String, AppError> {
    match flag {
        Some(server) => Ok(server),
        None => configured_server(ctx)
            .map_err(|_| AppError::Usage(format!("{}, or give --server", team::NO_SERVER))),
    }
}

/// `[team] server` (`sync` has no `--server`: a member's book syncs with
/// its own team only).
fn configured_server(ctx: &Context) -> Result<String, AppError> {
    ctx.config
        .team_server
        .value
        .clone()
        .ok_or_else(|| AppError::Usage(team::NO_SERVER.into()))
}

/// Runs a `team` subcommand (no book needed).
pub fn team(ctx: &Context, command: TeamCommand, format: Format) -> Result<(), AppError> {
    match command {
        TeamCommand::Status => Err(AppError::Usage(
            "team status reads the book; run it as `followup team status`".into(),
        )),
        TeamCommand::Init { server: flag } => {
            let mut hub =
                team::server::connect(&server(ctx, flag)?, ctx.config.team_timeout.value)?;
            let done = team::schema::init(&mut hub)?;
            match format {
                Format::Json => super::commands::print_json(&json!({
                    "from_version": done.from,
                    "version": done.to,
                })),
                Format::Table if done.from == done.to => emit(&format!(
                    "The team schema is up to date (version {})\n",
                    done.to
                )),
                Format::Table => emit(&format!(
                    "The team schema is at version {} (was {})\n",
                    done.to, done.from
                )),
            }
        }
        TeamCommand::AddMember {
            name,
            role,
            server: flag,
        } => {
            let mut hub =
                team::server::connect(&server(ctx, flag)?, ctx.config.team_timeout.value)?;
            let created = team::roles::add_member(&mut hub, &name, role)?;
            match format {
                Format::Json => super::commands::print_json(&json!({
                    "name": name,
                    "role": role,
                    "created": created,
                })),
                Format::Table => emit(&format!(
                    "{} {name} as a {}{}\n",
                    if created { "Added" } else { "Updated" },
                    role.as_str(),
                    if created {
                        "; give the role a password on the server (psql: \\password NAME) unless it signs in another way"
                    } else {
                        ""
                    }
                )),
            }
        }
    }
}

/// `team status`: every consultant's figures, computed in this book (a
/// coordinator's holds everyone's pulled prospects).
pub fn status(run: &Run) -> Result<(), AppError> {
    let status = crate::app::team_status(&run.book, &run.ctx, &run.now)?;
    match run.format {
        Format::Json => super::commands::print_json(&json!({ "consultants": status })),
        Format::Table => emit(&status_table(&status)),
    }
}

/// The table `team status` prints.
fn status_table(status: &[crate::store::OwnerStatus]) -> String {
    if status.is_empty() {
        return "No prospects in this book yet\n".into();
    }
    let name_width = status
        .iter()
        .map(|s| crate::domain::text::sanitize_line(&s.name).chars().count())
        .max()
        .unwrap_or(0)
        .max("consultant".len());
    let mut out = format!(
        "{:<name_width$}  {:>5} {:>7} {:>7} {:>10} {:>5} {:>12}  {:>8} {:>4} {:>4}\n",
        "consultant",
        "due",
        "overdue",
        "no step",
        "no debrief",
        "quiet",
        "pipeline",
        "contacts",
        "won",
        "lost"
    );
    for s in status {
        out.push_str(&format!(
            "{:<name_width$}  {:>5} {:>7} {:>7} {:>10} {:>5} {:>12}  {:>8} {:>4} {:>4}\n",
            crate::domain::text::sanitize_line(&s.name),
            s.due_today,
            s.overdue,
            s.no_next_step,
            s.no_debrief,
            s.gone_quiet,
            s.pipeline.display_whole(),
            s.contacts_this_week,
            s.won_this_week,
            s.lost_this_week,
        ));
    }
    out.push_str(
        "pipeline: weighted by probability; contacts, won, lost: this week (from Monday)\n",
    );
    out
}

/// `sync`: push, pull, and say what moved; with `--parked`, list the
/// changes the server refused instead (no network); with
/// `--retry-parked`, push every one of those again first.
pub fn sync(run: &mut Run, parked: bool, retry_parked: bool) -> Result<(), AppError> {
    // Without a team there is nothing to sync and nothing the server
    // could have refused: say so, not "the server took them all".
    let server = configured_server(&run.ctx)?;
    if parked {
        return list_parked(run);
    }
    let retry_parked = if retry_parked {
        team::retry::Which::All
    } else {
        team::retry::Which::Owned
    };
    let wait = run.ctx.config.team_timeout.value;
    let mut hub = team::server::connect(&server, wait)?;
    let bar = progress_bar();
    // Called through `&mut` without the tests' hooks, directly with them.
    #[cfg_attr(feature = "test-hooks", allow(unused_mut))]
    let mut show = |stage: team::sync::Stage, done: u64, total: u64| {
        if let Some(bar) = &bar {
            bar.set_prefix(match stage {
                team::sync::Stage::Push => "pushing",
                team::sync::Stage::Pull => "pulling",
                team::sync::Stage::Apply => "applying",
                team::sync::Stage::Index => "indexing",
            });
            bar.set_message(match stage {
                team::sync::Stage::Index => "indexes",
                _ => "changes",
            });
            bar.set_length(total);
            bar.set_position(done);
        }
    };
    #[cfg(not(feature = "test-hooks"))]
    let options = team::sync::Options {
        on_progress: bar
            .is_some()
            .then_some(&mut show as team::sync::OnProgress<'_>),
        retry_parked,
        ..Default::default()
    };
    #[cfg(feature = "test-hooks")]
    let mut hook = test_hooks::after_pull_batch();
    // The tests' faults: killed at a point of the progress too (in the
    // middle of a first sync's apply), so progress is always followed.
    #[cfg(feature = "test-hooks")]
    let mut fault = test_hooks::during_sync();
    #[cfg(feature = "test-hooks")]
    let mut show_or_fail = |stage: team::sync::Stage, done: u64, total: u64| {
        fault(stage, done);
        show(stage, done, total);
    };
    #[cfg(feature = "test-hooks")]
    let options = team::sync::Options {
        batch: test_hooks::batch(),
        after_pull_batch: Some(&mut hook),
        on_progress: Some(&mut show_or_fail as team::sync::OnProgress<'_>),
        incremental_only: test_hooks::incremental_only(),
        retry_parked,
    };
    let report = team::sync::sync(&mut run.book, &mut hub, run.now.to_utc(), options);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let report = report?;
    match run.format {
        Format::Json => super::commands::print_json(&report),
        Format::Table => emit(&sync_table(&report)),
    }
}

/// A bar for a long sync (a new member's first takes in the whole team's
/// history), on a terminal only; `None` in a pipe.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar =
        indicatif::ProgressBar::with_draw_target(Some(0), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{prefix} {bar:40} {pos}/{len} {msg} {per_sec}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// What `sync` prints.
fn sync_table(report: &team::sync::SyncReport) -> String {
    let mut out = format!(
        "pushed  {:>7} changes ({} new on the server)\n\
         pulled  {:>7} changes ({} new in this book{})\n\
         in step with the server up to position {}\n",
        report.pushed,
        report.pushed_new,
        report.pulled,
        report.applied,
        match report.reassigned {
            0 => String::new(),
            n => format!("; {n} prospects reassigned to you"),
        },
        report.server_seq
    );
    if report.retried > 0 {
        out.push_str(&format!(
            "pushed again {} changes set aside earlier: the server took {}{}\n",
            report.retried,
            report.settled,
            match report.retried - report.settled {
                0 => String::new(),
                n => format!(", refused {n} again"),
            }
        ));
    }
    if report.parked > 0 {
        out.push_str(&format!(
            "set aside {} changes the server refused (their prospects are another member's now); \
             `followup sync --parked` lists them\n",
            report.parked
        ));
    } else if report.parked_total > 0 {
        out.push_str(&format!(
            "{} changes refused by the server earlier are set aside; `followup sync --parked` lists them\n",
            report.parked_total
        ));
    }
    out
}

/// `sync --parked`: the changes the server refused, set aside.
fn list_parked(run: &Run) -> Result<(), AppError> {
    let parked = crate::store::parked_changes(run.book.conn(), 10_000)?;
    match run.format {
        Format::Json => super::commands::print_json(&json!({ "parked": parked })),
        Format::Table if parked.is_empty() => {
            emit("No changes set aside: the server took them all\n")
        }
        Format::Table => {
            let clean = crate::domain::text::sanitize_line;
            let mut out = String::from("id     prospect                  change          reason\n");
            for p in &parked {
                out.push_str(&format!(
                    "{:<6} {:<25} {:<15} {}\n",
                    p.prospect.0,
                    clean(&p.name).chars().take(25).collect::<String>(),
                    clean(&p.what),
                    clean(&p.reason)
                ));
            }
            out.push_str(
                "These stay in this book's history; once the coordinator gives the prospect back \
                 to you, the next sync pushes them again (`followup sync --retry-parked` tries \
                 them all now)\n",
            );
            emit(&out)
        }
    }
}

/// The end-to-end tests' hooks (test builds only; see `ui/fault.rs`):
/// `FOLLOWUP_TEST_SYNC_BATCH=N` sets the batch size, and
/// `FOLLOWUP_TEST_FAULT=kill-after-pull-batch:N` kills the process right
/// after the N-th pull batch is committed.
#[cfg(feature = "test-hooks")]
mod test_hooks {
    use crate::team::TeamError;

    pub(super) fn batch() -> usize {
        std::env::var("FOLLOWUP_TEST_SYNC_BATCH")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    /// `FOLLOWUP_TEST_SYNC_INCREMENTAL=1`: never take the first sync in bulk.
    pub(super) fn incremental_only() -> bool {
        std::env::var("FOLLOWUP_TEST_SYNC_INCREMENTAL").is_ok_and(|v| v == "1")
    }

    /// `FOLLOWUP_TEST_FAULT=kill-while-applying:N` (or `kill-while-indexing:N`):
    /// dies once a first sync in bulk has applied N changes (built N
    /// indexes), inside the transaction that applies them.
    pub(super) fn during_sync() -> impl FnMut(crate::team::sync::Stage, u64) {
        use crate::team::sync::Stage;
        let fault = std::env::var("FOLLOWUP_TEST_FAULT").unwrap_or_default();
        let kill_at = |prefix: &str| -> Option<u64> { fault.strip_prefix(prefix)?.parse().ok() };
        let applying = kill_at("kill-while-applying:");
        let indexing = kill_at("kill-while-indexing:");
        move |stage, done| {
            let at = match stage {
                Stage::Apply => applying,
                Stage::Index => indexing,
                Stage::Push | Stage::Pull => None,
            };
            if at.is_some_and(|at| done >= at) {
                std::process::abort();
            }
        }
    }

    pub(super) fn after_pull_batch() -> impl FnMut(usize) -> Result<(), TeamError> {
        let kill_at: Option<usize> = std::env::var("FOLLOWUP_TEST_FAULT")
            .ok()
            .and_then(|v| v.strip_prefix("kill-after-pull-batch:")?.parse().ok());
        move |done| {
            if kill_at == Some(done) {
                std::process::abort();
            }
            Ok(())
        }
    }
}

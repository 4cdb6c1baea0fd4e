//! The command line, as clap definitions.

use chrono::{DateTime, Local};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

use crate::domain::{Action, Channel, Money, Outcome, Probability};

pub use super::arg_values::{Cleared, parse_now};
use super::arg_values::{
    parse_action, parse_channel, parse_id, parse_money, parse_outcome, parse_probability,
};

/// Keep every follow-up: a keyboard-driven cockpit for a salesperson's
/// prospects, contact attempts and next steps.
#[derive(Debug, Parser)]
#[command(
    name = "followup",
    version,
    // Plain: clap's messages are printed as plain, sanitised text (see
    // `cli::main`), so its styling would only add escape codes to remove.
    styles = clap::builder::Styles::plain(),
    after_help = "Example: followup today\n\
Run `followup` with no command to open the cockpit (`followup --demo` to try it on sample data).\n\
WHEN is said the way people talk: today, tomorrow, tue, \"mon after 5\", \"tue morning\", \"thu 3pm\", 14:30, \"in 15 min\", \"in two weeks\", \"in a couple of days\", \"the day after tomorrow\", \"tuesday next week\", \"same time tomorrow\", \"next week\", \"end of next week\", \"first week of december\", \"mid january\", \"after the holidays\", 2026-11-23, \"2026-11-23 14:30\", and \"Monday after 5 or perhaps Tuesday morning\" (two windows: due inside either, late after the last). Days off ([days_off] in config.toml) are skipped by \"next business day\" and the series; a day off you name is kept and shown as (day off). Past words (yesterday, \"last monday\") are refused; 12/1 needs [schedule] date_order in config.toml."
)]
pub struct Cli {
    /// The book to use [default: $FOLLOWUP_DB, else the platform data folder]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub db: Option<PathBuf>,

    /// Run as of this moment: 2026-11-23, 2026-11-23T09:00 (local) or RFC 3339
    #[arg(long, global = true, value_name = "DATETIME", value_parser = parse_now, help_heading = "Global options")]
    pub now: Option<DateTime<Local>>,

    /// Output format [default: table; `export`: csv; `report` also html]
    #[arg(long, global = true, value_enum, help_heading = "Global options")]
    pub format: Option<FormatArg>,

    /// Open the cockpit on a fresh demo book (a temporary file)
    #[arg(long)]
    pub demo: bool,

    /// What to do (none: open the cockpit)
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people
    Table,
    /// One JSON document on stdout, for scripts and status bars
    Json,
}

/// `--format` as typed: table and json for every command, csv and ics
/// for `export` only, html for `report` only (`cli::run` sorts them out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Aligned columns for people
    Table,
    /// JSON on stdout (`export`: JSON Lines, one prospect per line)
    Json,
    /// `export` only: CSV, one row per prospect
    Csv,
    /// `export` only: iCalendar, the open next steps as events
    Ics,
    /// `report` only: one self-contained web page with charts, printable
    Html,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a new active prospect
    #[command(
        after_help = "Example: followup add \"Ada Lovelace\" --phone 555-0101 --value 12.5k --next \"tue morning\""
    )]
    Add(AddArgs),
    /// Import prospects from a CRM's or a spreadsheet's CSV export, or vCards
    Import(super::import::ImportArgs),
    /// List prospects
    #[command(after_help = "Example: followup list --status lost")]
    List {
        /// Which prospects
        #[arg(long, value_enum, default_value_t = StatusFilter::Active)]
        status: StatusFilter,
    },
    /// Show one prospect with its attempts, next step and series position
    #[command(after_help = "Example: followup show 12")]
    Show {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
    },
    /// A prospect's timeline: every attempt, status and field change, next step and note, with who and when
    #[command(after_help = "Example: followup history 12 --all")]
    History {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
        /// Also list the bookkeeping changes (when a step was closed, the last contact moved)
        #[arg(long)]
        all: bool,
    },
    /// The day's queue: due today, overdue, no next step, gone quiet
    #[command(after_help = "Example: followup today --format json")]
    Today,
    /// Record a contact attempt (the voicemail series schedules the next one)
    #[command(
        after_help = "Example: followup log 12 reached --note \"wants the white frames\" --next \"thu 3pm\""
    )]
    Log(LogArgs),
    /// Set (replace) the open next step
    #[command(
        after_help = "Example: followup next 12 \"mon after 5 or tue morning\" --action email"
    )]
    Next(NextArgs),
    /// Change a prospect's fields
    #[command(
        after_help = "Example: followup edit 12 --probability 70 --note \"spoke to both owners\""
    )]
    Edit(EditArgs),
    /// Append a dated line to a prospect's notes
    #[command(after_help = "Example: followup note 12 \"prefers mornings\"")]
    Note {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
        /// The note; line breaks are kept, `-` reads it from standard input
        text: String,
    },
    /// Mark a prospect won: a customer, with the after-sale plan started
    #[command(after_help = "Example: followup won 12 --delivery \"dec 15\"")]
    Won {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
        /// The delivery date asked, e.g. "dec 15" (the plan's shipping check is due then)
        #[arg(long, value_name = "WHEN")]
        delivery: Option<String>,
    },
    /// Mark a prospect lost
    #[command(after_help = "Example: followup lost 12 --reason \"went with a cheaper quote\"")]
    Lost {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
        /// Why they said no
        #[arg(long)]
        reason: Option<String>,
    },
    /// Close a prospect out (the series ended without an answer)
    #[command(after_help = "Example: followup close 12")]
    Close {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
    },
    /// Reopen a won, lost or closed-out prospect with its next step
    #[command(
        after_help = "Example: followup reopen 12 --next \"jan 15\" --reason \"they called back\""
    )]
    Reopen(ReopenArgs),
    /// Print the current series step's script, filled in for a prospect
    #[command(after_help = "Example: followup script 12")]
    Script {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
    },
    /// List the available voicemail series and their steps
    #[command(after_help = "Example: followup series")]
    Series,
    /// Hold a prospect's voicemail series (they asked for time)
    #[command(after_help = "Example: followup pause 12 --until \"jan 15\"")]
    Pause {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
        /// When the series resumes by itself (when that window opens), e.g.
        /// "jan 15"; without it, until `resume`
        #[arg(long, value_name = "WHEN")]
        until: Option<String>,
    },
    /// Resume a held voicemail series
    #[command(after_help = "Example: followup resume 12")]
    Resume {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
    },
    /// Record the debriefs of an appointment: for the coordinator and the manager
    #[command(
        after_help = "Example: followup debrief 12 --probability 60 --next \"thu morning\" --well \"listened\" --well \"measured\" --well \"left a quote\" --work-on \"ask for the order\""
    )]
    Debrief(DebriefArgs),
    /// The manager's coaching sheet: the debriefs of a period, with recurring themes
    #[command(after_help = "Example: followup debriefs --since \"30 days\"")]
    Debriefs {
        /// From when, e.g. "2026-11-01" or "nov 1" [default: everything]
        #[arg(long, value_name = "WHEN")]
        since: Option<String>,
    },
    /// The manager: write a coaching note to a consultant (shared through the team's server)
    #[command(after_help = "Example: followup coach Ada \"Ask who else decides before you quote\"")]
    Coach {
        /// The consultant (a name `team status` lists)
        name: String,
        /// The note; `-` reads it from standard input
        text: String,
    },
    /// The coaching notes in this book: a consultant's own, or (the manager) everyone's
    #[command(after_help = "Example: followup coaching --consultant Ada")]
    Coaching {
        /// Only the notes to this consultant
        #[arg(long, value_name = "NAME")]
        consultant: Option<String>,
    },
    /// A customer's after-sale plan: each item, done or due, and the open one's script
    #[command(after_help = "Example: followup plan 12")]
    Plan {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
    },
    /// Tick off the open item of a customer's after-sale plan
    #[command(after_help = "Example: followup tick 12")]
    Tick {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
    },
    /// Mark the open shipping check back-ordered: tell the customer, offer an alternative or to hold
    #[command(after_help = "Example: followup backorder 12")]
    Backorder {
        /// Prospect id
        #[arg(value_parser = parse_id)]
        id: i64,
    },
    /// Print the settings in force and where each comes from
    #[command(after_help = "Example: followup config")]
    Config,
    /// Set who signs the scripts (config.toml [profile]); alone, print it
    #[command(
        after_help = "Example: followup profile --name \"Sam Carter\" --company \"Carter Windows\""
    )]
    Profile(ProfileArgs),
    /// Write a realistic sample book (for trying followup and for benchmarks)
    #[command(after_help = "Example: followup demo --db /tmp/sample.db --prospects 200")]
    Demo(DemoArgs),
    /// The weekly flow review: won and lost, contacts to win, where follow-up stopped, speed, the pipeline week by week, the series
    #[command(
        after_help = "Example: followup report --week \"last week\" --format html > review.html"
    )]
    Report(ReportArgs),
    /// Copy the book to a new file (safe while the cockpit is open)
    #[command(after_help = "Example: followup backup ~/followup-backup.db")]
    Backup {
        /// Where to write the copy (must not exist)
        path: PathBuf,
    },
    /// Replace the book with a backup, after checking it; the old book is kept aside
    #[command(after_help = "Example: followup restore ~/followup-backup.db")]
    Restore {
        /// The backup to restore
        path: PathBuf,
    },
    /// Write the whole book as CSV, JSON Lines or iCalendar (--format)
    #[command(
        after_help = "Example: followup export --format csv --out book.csv --attempts attempts.csv"
    )]
    Export(super::export::ExportArgs),
    /// Share the book with a team: set up the team's PostgreSQL server
    #[command(
        subcommand,
        after_help = "Example: followup team add-member ada --role consultant"
    )]
    Team(super::team::TeamCommand),
    /// Push this book's changes to the team's server and pull the team's
    #[command(after_help = "Example: followup sync --format json")]
    Sync {
        /// List the changes the server refused and this book set aside, instead of syncing
        #[arg(long, conflicts_with = "retry_parked")]
        parked: bool,
        /// Push again every change set aside, then sync (a sync retries by itself those of prospects given back to you)
        #[arg(long)]
        retry_parked: bool,
    },
    /// Print a shell completion script (prospect ids complete with names)
    #[command(
        after_help = "Example: followup completions bash > ~/.local/share/bash-completion/completions/followup"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: super::complete::Shell,
    },
    /// Print the manual page (roff), or write one per command into a folder
    #[command(after_help = "Example: followup man | man -l -")]
    Man {
        /// Write followup.1 and one page per command into this folder
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print prospect ids and names for shell completion, one `ID<TAB>Name` a line
    #[command(hide = true)]
    #[command(after_help = "Example: followup complete-ids 1")]
    CompleteIds {
        /// Only ids that start with this
        #[arg(default_value = "")]
        prefix: String,
    },
}

/// `profile`: an empty value removes the key.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Your name, as the scripts say it ("it's Sam Carter")
    #[arg(long)]
    pub name: Option<String>,
    /// Your company
    #[arg(long)]
    pub company: Option<String>,
    /// Your phone number, for the emails
    #[arg(long)]
    pub phone: Option<String>,
}

/// `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many prospects (about 5% active, the rest finished over the years)
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u32).range(1..=2_000_000))]
    pub prospects: u32,
    /// Seed: the same seed and --now give the same book
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Deal the prospects out to this many consultants in turn (a team's book; default: all yours)
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub consultants: Option<u32>,
}

/// Which prospects `list` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFilter {
    /// Still deciding
    Active,
    /// Bought
    Won,
    /// Said no
    Lost,
    /// Series ended unanswered
    ClosedOut,
    /// Everyone
    All,
}

/// The fields of a prospect, shared by `add` and `edit`.
#[derive(Debug, Args, Default)]
pub struct FieldArgs {
    /// Company
    #[arg(long)]
    pub company: Option<String>,
    /// Phone number
    #[arg(long)]
    pub phone: Option<String>,
    /// Email address
    #[arg(long)]
    pub email: Option<String>,
    /// The product they are likely to choose
    #[arg(long)]
    pub product: Option<String>,
    /// Quote value before taxes, e.g. 12500, 12,500.50 or 12.5k
    #[arg(long, value_parser = parse_money, allow_hyphen_values = true)]
    pub value: Option<Cleared<Money>>,
    /// Your probability of closing, 0–100
    #[arg(long, value_parser = parse_probability, allow_hyphen_values = true)]
    pub probability: Option<Cleared<Probability>>,
    /// Why they hold back; the reason for the callback
    #[arg(long)]
    pub objection: Option<String>,
    /// Decision notes: the decision process as one text
    #[arg(long)]
    pub decision: Option<String>,
    /// What they liked
    #[arg(long)]
    pub liked: Option<String>,
    /// What they disliked
    #[arg(long)]
    pub disliked: Option<String>,
    /// Decision process: who else decides
    #[arg(long, value_name = "WHO")]
    pub decides: Option<String>,
    /// Decision process: when they will see them
    #[arg(long, value_name = "WHEN")]
    pub sees_them: Option<String>,
    /// Decision process: what information they need
    #[arg(long, value_name = "WHAT")]
    pub needs: Option<String>,
    /// Decision process: how long they need to review it
    #[arg(long, value_name = "HOW LONG")]
    pub review: Option<String>,
    /// The voicemail series to follow [default: the configured one]
    #[arg(long)]
    pub series: Option<String>,
}

/// `add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Full name
    pub name: String,
    /// Fields
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Notes: goals, concerns, options discussed
    #[arg(long)]
    pub note: Option<String>,
    /// The agreed next step, e.g. "tue morning"
    #[arg(long, value_name = "WHEN")]
    pub next: Option<String>,
}

/// `edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Prospect id
    #[arg(value_parser = parse_id)]
    pub id: i64,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    /// Fields (an empty string clears one)
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Append a dated line to the notes (earlier notes are kept); `-` reads
    /// it from standard input
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Replace all the notes with TEXT (prints the notes it removed)
    #[arg(long, value_name = "TEXT", conflicts_with = "note")]
    pub replace_notes: Option<String>,
}

/// `debrief`.
#[derive(Debug, Args)]
pub struct DebriefArgs {
    /// Prospect id
    #[arg(value_parser = parse_id)]
    pub id: i64,
    /// For the coordinator: the product they are likely to choose
    #[arg(long)]
    pub product: Option<String>,
    /// For the coordinator: the value before taxes, e.g. 12500 or 12.5k
    #[arg(long, value_parser = parse_money)]
    pub value: Option<Cleared<Money>>,
    /// For the coordinator: your probability of closing, 0–100
    #[arg(long, value_parser = parse_probability)]
    pub probability: Option<Cleared<Probability>>,
    /// For the coordinator: when the follow-up is (sets the next step)
    #[arg(long, value_name = "WHEN")]
    pub next: Option<String>,
    /// What the follow-up is
    #[arg(long, value_parser = parse_action, default_value = "call", requires = "next")]
    pub action: Action,
    /// For the manager: a thing done well (give it three times)
    #[arg(long, value_name = "TEXT", required = true, num_args = 1)]
    pub well: Vec<String>,
    /// For the manager: the one thing to work on
    #[arg(long, value_name = "TEXT")]
    pub work_on: String,
}

/// `log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Prospect id
    #[arg(value_parser = parse_id)]
    pub id: i64,
    /// How it went: reached, voicemail, no-answer, email, meeting or quote (a quote given)
    #[arg(value_parser = parse_outcome)]
    pub outcome: Outcome,
    /// What was said or agreed
    #[arg(long)]
    pub note: Option<String>,
    /// The agreed next step (instead of the series' schedule)
    #[arg(long, value_name = "WHEN")]
    pub next: Option<String>,
    /// What the next step is
    #[arg(long, value_parser = parse_action, default_value = "call", requires = "next")]
    pub action: Action,
    /// How the attempt was made, if not the outcome's usual channel
    #[arg(long, value_parser = parse_channel)]
    pub channel: Option<Channel>,
}

/// `next`.
#[derive(Debug, Args)]
pub struct NextArgs {
    /// Prospect id
    #[arg(value_parser = parse_id)]
    pub id: i64,
    /// When, e.g. "tue morning", "thu 3pm", "in 2 days"
    pub when: String,
    /// What to do
    #[arg(long, value_parser = parse_action, default_value = "call")]
    pub action: Action,
    /// What to remember for it
    #[arg(long)]
    pub note: Option<String>,
}

/// `reopen`.
#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// Prospect id
    #[arg(value_parser = parse_id)]
    pub id: i64,
    /// The next step (required: an active prospect always has one), e.g. "tue morning"
    #[arg(long)]
    pub next: String,
    /// Why it is reopened (kept as a dated line in the notes)
    #[arg(long)]
    pub reason: Option<String>,
    /// What to do next
    #[arg(long, value_parser = parse_action, default_value = "call")]
    pub action: Action,
}

/// Which period `report` reviews.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The week (Monday to Sunday) holding this day: a date, "this week", "last week", "3 weeks ago" [default: this week]
    #[arg(long, value_name = "WHEN", conflicts_with_all = ["from", "to"])]
    pub week: Option<String>,
    /// The first day of the period (with --to)
    #[arg(long, value_name = "WHEN", requires = "to")]
    pub from: Option<String>,
    /// The last day of the period, included (with --from)
    #[arg(long, value_name = "WHEN", requires = "from")]
    pub to: Option<String>,
    /// Only the prospects this consultant owns (a name `team status` lists)
    #[arg(long, value_name = "NAME", conflicts_with = "team")]
    pub consultant: Option<String>,
    /// The whole book, then each consultant's figures side by side
    #[arg(long)]
    pub team: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}

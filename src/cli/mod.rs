//! The `followup` command line: parse, open the book, dispatch, print.

mod aftersale;
mod arg_values;
mod args;
mod coaching;
mod cockpit;
mod commands;
mod complete;
mod export;
mod import;
mod import_table;
mod json;
mod json_text;
mod json_today;
mod list;
mod profile;
mod report;
mod show;
mod table;
mod team;
mod timeline;
mod usage;

pub use args::{Cli, Command, Format, FormatArg, parse_now};
pub use complete::{Shell, commands_taking_an_id, man_page, script as completion_script};

use chrono::{DateTime, Local};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::app::{AppError, Context};
use crate::config;
use crate::store::{Book, OpenMode};

/// Everything a subcommand needs.
pub struct Run {
    /// The book.
    pub book: Book,
    /// Settings and series.
    pub ctx: Context,
    /// The moment the command runs as of.
    pub now: DateTime<Local>,
    /// How to print.
    pub format: Format,
}

/// Parses the command line, runs it, and turns any error into one sentence
/// on stderr with exit status 2 (bad input) or 1 (anything else).
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // A usage error is one sentence, like every other message
            // (`tell` sanitises what it quotes: clap quotes the refused
            // arguments raw).
            let args: Vec<String> = std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            if let Some(sentence) = usage::sentence(&e, &args) {
                tell(&sentence);
                return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
            }
            // Help and version (and anything clap would print otherwise):
            // rendered unstyled (see `Cli`) and sanitised like every other
            // message; help and version go to stdout (exit 0).
            let text = e.render().ansi().to_string();
            let text = crate::domain::text::sanitize_text(&text);
            if e.use_stderr() {
                let _ = std::io::stderr().write_all(text.as_bytes());
            } else {
                let _ = emit(&text);
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tell(&e.to_string());
            ExitCode::from(e.exit_code())
        }
    }
}

/// Writes one `followup: ...` line on stderr. Messages quote what was typed
/// and what the book and the configuration hold, so they are sanitised here,
/// whoever formatted them.
pub(crate) fn tell(message: &str) {
    let message = crate::domain::text::sanitize_line(message);
    let _ = writeln!(std::io::stderr(), "followup: {message}");
}

/// Writes command output to stdout, sanitised as a whole (line breaks kept)
/// whatever formatted it. A closed pipe (`followup today | head`) is not an
/// error: the reader has what it wanted.
pub(crate) fn emit(text: &str) -> Result<(), AppError> {
    let text = crate::domain::text::sanitize_text(text);
    let mut out = std::io::stdout().lock();
    output_written(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// What writing to stdout came to: a closed pipe (`followup today | head`)
/// is not an error, the reader has what it wanted.
pub(crate) fn output_written(written: std::io::Result<()>) -> Result<(), AppError> {
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(AppError::Refused(format!(
            "could not write the output: {e}"
        ))),
    }
}

/// Opens the book as `mode` needs and says on stderr, one line each,
/// anything opening it did that the user should know (permissions
/// tightened).
fn open_book(path: &std::path::Path, mode: OpenMode) -> Result<Book, AppError> {
    let book = Book::open_as(path, mode)?;
    for notice in book.notices() {
        let notice = crate::domain::text::sanitize_line(notice);
        let _ = writeln!(std::io::stderr(), "followup: {notice}");
    }
    Ok(book)
}

/// Refuses a book chosen with `--db` or `$FOLLOWUP_DB` whose folder does
/// not exist: a mistyped folder must not quietly become a new, empty book
/// (with its folders) that the next command will not find. Only the
/// default data folder is created (0700, by the store).
fn require_folder(path: &config::Setting<std::path::PathBuf>) -> Result<(), AppError> {
    if path.source == config::Source::Default {
        return Ok(());
    }
    match path.value.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => Err(AppError::Refused(format!(
            "there is no folder {}; a book is only created in a folder that exists (check {})",
            dir.display(),
            path.source
        ))),
        _ => Ok(()),
    }
}

/// Sorts out `--format`: csv and ics are `export`'s alone, which reads
/// its format from its arguments; every other command prints a table or
/// JSON.
fn output_format(cli: &mut Cli) -> Result<Format, AppError> {
    if let Some(Command::Export(args)) = &mut cli.command {
        args.format = Some(export::format_of(cli.format)?);
        return Ok(Format::Table);
    }
    let report = matches!(cli.command, Some(Command::Report(_)));
    match cli.format {
        None | Some(FormatArg::Table) => Ok(Format::Table),
        Some(FormatArg::Json) => Ok(Format::Json),
        // The page is the report's alone; it reads the flag itself.
        Some(FormatArg::Html) if report => Ok(Format::Table),
        Some(other) => Err(AppError::Usage(format!(
            "--format {} is for `followup {}`; this command prints table or json",
            clap::ValueEnum::to_possible_value(&other)
                .map_or_else(String::new, |v| v.get_name().to_string()),
            if other == FormatArg::Html {
                "report"
            } else {
                "export"
            }
        ))),
    }
}

/// Runs a parsed command line.
pub fn run(mut cli: Cli) -> Result<(), AppError> {
    let now = cli.now.unwrap_or_else(Local::now);
    let format = output_format(&mut cli)?;
    let html = cli.format == Some(FormatArg::Html);
    match &cli.command {
        Some(Command::Completions { shell }) => return complete::completions(*shell),
        Some(Command::Man { out }) => return complete::man(out.as_deref()),
        _ => {}
    }
    let mut ctx = Context::load()?;
    // The cockpit's `[keys]`, checked here so every command reports them.
    ctx.warnings
        .extend(crate::ui::keys_config::check(&ctx.config.keys));
    // `config` lists them in its output.
    if !matches!(cli.command, Some(Command::Config)) {
        for warning in &ctx.warnings {
            tell(&format!("warning: {warning}"));
        }
    }
    if let Some(Command::Config) = cli.command {
        return commands::config(&ctx, cli.db.as_deref(), format);
    }
    if let Some(Command::Series) = cli.command {
        return commands::series(&ctx, format);
    }
    if let Some(Command::Profile(args)) = cli.command {
        return profile::profile(&ctx, args, format);
    }
    if let Some(Command::Team(command)) = &cli.command
        && !command.reads_book()
        && let Some(Command::Team(command)) = cli.command
    {
        return team::team(&ctx, command, format);
    }
    let path = config::book_path(cli.db.as_deref())?;
    if matches!(cli.command, Some(Command::Demo(_))) && path.source == config::Source::Default {
        // Sample data never goes into the salesperson's own book by accident.
        return Err(AppError::Usage(
            "say where to write the sample book with --db PATH (a new file)".into(),
        ));
    }
    let interactive = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if cli.command.is_none() && interactive {
        // A newcomer with no book yet sees the cockpit working on sample
        // data; `followup add` (or `--db`) starts their own book.
        let no_book_yet = path.source == config::Source::Default && !path.value.exists();
        if cli.demo || no_book_yet {
            return cockpit::demo(ctx, cli.now, now, path);
        }
        require_folder(&path)?;
        let mut book = open_book(&path.value, OpenMode::Write)?;
        book.set_author(ctx.author());
        return crate::ui::run(book, ctx, cli.now, None).map(|_| ());
    }
    if cli.demo {
        return Err(AppError::Usage(
            "--demo opens the cockpit, which needs a terminal; use `followup demo --db PATH` to write a sample book".into(),
        ));
    }
    let reads_only = matches!(
        cli.command,
        None | Some(
            Command::List { .. }
                | Command::Show { .. }
                | Command::History { .. }
                | Command::Today
                | Command::Script { .. }
                | Command::Report(_)
                | Command::Debriefs { .. }
                | Command::Coaching { .. }
                | Command::Plan { .. }
                | Command::Backup { .. }
                | Command::Export(_)
                | Command::CompleteIds { .. }
                | Command::Team(_)
        )
    ) || matches!(&cli.command, Some(Command::Import(a)) if a.dry_run);
    // Commands that only read open the book read-only and never create,
    // convert or upgrade it; a backup copies any schema as it is.
    let mode = match cli.command {
        Some(Command::Backup { .. }) => OpenMode::Copy,
        _ if reads_only => OpenMode::Read,
        _ => OpenMode::Write,
    };
    // symlink_metadata: a dangling link is something, refused by the store.
    if reads_only && std::fs::symlink_metadata(&path.value).is_err() {
        // A dry run before the first import plans against an empty book.
        if let Some(Command::Import(args)) = cli.command {
            return import::dry_run_without_book(ctx, now, format, args);
        }
        // A mistyped --db must not quietly create an empty book (and its
        // folders) and report that nothing is due.
        return Err(AppError::Refused(format!(
            "there is no book at {} yet; `followup add NAME` starts one (or check --db / ${})",
            path.value.display(),
            config::DB_ENV
        )));
    }
    if mode == OpenMode::Write {
        require_folder(&path)?;
    }
    let mut book = open_book(&path.value, mode)?;
    book.set_author(ctx.author());
    let mut run = Run {
        book,
        ctx,
        now,
        format,
    };
    match cli.command {
        None => commands::today(&run),
        Some(Command::Report(args)) => report::report(&run, &args, html),
        Some(command) => commands::dispatch(&mut run, command),
    }
}

//! `followup export`: the whole book as CSV, JSON Lines or iCalendar, to
//! standard output or a file, and `--watch` to keep a calendar file fresh.

use clap::Args;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::args::StatusFilter;
use super::{Run, tell};
use crate::app::AppError;
use crate::domain::Status;
use crate::exchange::{self, ExportError, watch};

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One row per prospect (attempts in `--attempts FILE`).
    Csv,
    /// JSON Lines: one prospect per line, everything nested.
    Json,
    /// iCalendar: the open next steps as events.
    Ics,
}

/// `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Which prospects
    #[arg(long, value_enum, default_value_t = StatusFilter::All)]
    pub status: StatusFilter,
    /// Write to FILE instead of standard output (replaced in one step, never
    /// left half-written)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// CSV: also write every attempt to FILE (prospect_uid, uid, at, channel,
    /// outcome, note, series_step)
    #[arg(long, value_name = "FILE")]
    pub attempts: Option<PathBuf>,
    /// iCalendar: keep PATH up to date, rewriting it whenever the book
    /// changes, until Ctrl-C
    #[arg(long, value_name = "PATH", conflicts_with = "out")]
    pub watch: Option<PathBuf>,
    /// With --watch: seconds between looks at the book
    #[arg(long, value_name = "SECONDS", default_value_t = 5, requires = "watch",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub interval: u64,
    /// The format, from the global --format (set by `cli::run`).
    #[arg(skip)]
    pub format: Option<ExportFormat>,
}

/// The export format from the global `--format` (none: CSV).
pub fn format_of(format: Option<super::FormatArg>) -> Result<ExportFormat, AppError> {
    use super::FormatArg;
    match format {
        None | Some(FormatArg::Csv) => Ok(ExportFormat::Csv),
        Some(FormatArg::Json) => Ok(ExportFormat::Json),
        Some(FormatArg::Ics) => Ok(ExportFormat::Ics),
        Some(FormatArg::Table) => Err(AppError::Usage(
            "export writes --format csv, json or ics, not a table".into(),
        )),
    }
}

fn status_of(filter: StatusFilter) -> Option<Status> {
    match filter {
        StatusFilter::Active => Some(Status::Active),
        StatusFilter::Won => Some(Status::Won),
        StatusFilter::Lost => Some(Status::Lost),
        StatusFilter::ClosedOut => Some(Status::ClosedOut),
        StatusFilter::All => None,
    }
}

fn failed(e: ExportError) -> AppError {
    match e {
        ExportError::Store(e) => AppError::Store(e),
        ExportError::Io(e) => AppError::Refused(format!("could not write the export: {e}")),
    }
}

/// True when `out` names the book itself (or one of its files): an export
/// must never replace the book it reads.
fn is_the_book(out: &Path, book: &Path) -> bool {
    let canon = |p: &Path| {
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        dir.canonicalize()
            .ok()
            .zip(p.file_name())
            .map(|(d, f)| d.join(f))
    };
    let (Some(out), Some(book)) = (canon(out), canon(book)) else {
        return false;
    };
    let book = book.as_os_str().to_string_lossy().into_owned();
    let out = out.as_os_str().to_string_lossy().into_owned();
    out == book || out.starts_with(&format!("{book}-"))
}

/// Runs `export`.
pub fn export(run: &Run, args: ExportArgs) -> Result<(), AppError> {
    let format = args.format.unwrap_or(ExportFormat::Csv);
    if args.attempts.is_some() && format != ExportFormat::Csv {
        return Err(AppError::Usage(
            "--attempts goes with --format csv (the JSON export carries the attempts already)"
                .into(),
        ));
    }
    if args.watch.is_some() && format != ExportFormat::Ics {
        return Err(AppError::Usage(
            "--watch keeps a calendar file up to date: use it with --format ics".into(),
        ));
    }
    for path in [&args.out, &args.attempts, &args.watch]
        .into_iter()
        .flatten()
    {
        if is_the_book(path, run.book.path()) {
            return Err(AppError::Usage(format!(
                "{} is the book itself; choose another file for the export",
                path.display()
            )));
        }
    }
    let status = status_of(args.status);
    let conn = run.book.conn();
    let now = run.now.to_utc();
    if let Some(path) = &args.watch {
        return watch_calendar(run, status, path, args.interval);
    }
    let write = |out: &mut dyn Write| -> Result<u64, ExportError> {
        match format {
            ExportFormat::Csv => match &args.attempts {
                Some(path) => watch::write_atomically(path, |attempts| {
                    exchange::csv::export(conn, status, &mut *out, Some(attempts))
                }),
                None => exchange::csv::export(conn, status, out, None::<std::io::Sink>),
            },
            ExportFormat::Json => exchange::json::export(conn, status, out),
            ExportFormat::Ics => exchange::ics::export(conn, status, now, out),
        }
    };
    let result = match &args.out {
        Some(path) => watch::write_atomically(path, |out| write(out)),
        None => {
            let stdout = std::io::stdout();
            if stdout.is_terminal() {
                // The book's text is untrusted: on a terminal, no control
                // character gets through (a file or a pipe gets it all).
                write(&mut TerminalSafe::new(BufWriter::new(stdout.lock())))
            } else {
                write(&mut BufWriter::with_capacity(64 * 1024, stdout.lock()))
            }
        }
    };
    match result {
        Ok(_) => Ok(()),
        Err(e) if e.is_broken_pipe() => Ok(()),
        Err(e) => Err(failed(e)),
    }
}

/// `--watch`: rewrites the file whenever the book changes, until Ctrl-C
/// (or SIGTERM, SIGHUP), which stop it cleanly.
fn watch_calendar(
    run: &Run,
    status: Option<Status>,
    path: &Path,
    interval: u64,
) -> Result<(), AppError> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        #[cfg(unix)]
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| AppError::Refused(format!("could not watch for Ctrl-C: {e}")))?;
    }
    tell(&format!(
        "keeping {} up to date (every {interval} s); Ctrl-C stops",
        path.display()
    ));
    let mut pacer = watch::Interval {
        every: Duration::from_secs(interval),
        stop: &stop,
        fixed_now: None,
    };
    let writes = watch::watch(&run.book, status, path, &mut pacer).map_err(failed)?;
    tell(&format!(
        "stopped; {} written {writes} time{}",
        path.display(),
        if writes == 1 { "" } else { "s" }
    ));
    Ok(())
}

/// A writer for a terminal: passes text through line by line with control
/// characters and bidi controls removed (line breaks kept). Holds at most
/// one unfinished line.
struct TerminalSafe<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> TerminalSafe<W> {
    fn new(inner: W) -> Self {
        TerminalSafe {
            inner,
            pending: Vec::new(),
        }
    }

    fn pass(&mut self, upto: usize) -> std::io::Result<()> {
        let text = String::from_utf8_lossy(&self.pending[..upto]);
        let clean = crate::domain::text::sanitize_text(&text);
        self.inner.write_all(clean.as_bytes())?;
        self.pending.drain(..upto);
        Ok(())
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|b| *b == b'\n') {
            self.pass(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let all = self.pending.len();
        self.pass(all)?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_gets_no_control_characters() {
        let mut out = TerminalSafe::new(Vec::new());
        out.write_all("Ada \u{1b}[31mred\u{1b}[0m\r\n\"a".as_bytes())
            .unwrap();
        out.write_all("\u{202e}b\"\n".as_bytes()).unwrap();
        out.flush().unwrap();
        let text = String::from_utf8(out.inner).unwrap();
        assert_eq!(text, "Ada [31mred[0m \n\"ab\"\n", "a CR becomes a space");
    }
}

//! `export --format ics --watch PATH`: keep a calendar file up to date.
//!
//! The loop asks the book whether anything changed since it last wrote
//! (SQLite's `PRAGMA data_version`, which moves whenever another
//! connection commits) and rewrites the file when it did: into a temporary
//! file beside it, then renamed over it, so a calendar app never reads half
//! a file. Between looks it waits on a [`Pacer`], which the command line
//! backs with the real clock and Ctrl-C, and tests with a script of
//! changes, so nothing here sleeps on its own.

use chrono::{DateTime, Utc};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::ExportError;
use crate::domain::Status;
use crate::store::{self, Book};

/// What the watch loop waits on between looks at the book.
pub trait Pacer {
    /// Waits until it is time to look again; `false` stops the loop.
    fn wait(&mut self) -> bool;
    /// The moment a rewrite is stamped with.
    fn now(&mut self) -> DateTime<Utc>;
}

/// The real pacer: looks every `every`, stops when `stop` is set (by
/// Ctrl-C or a termination signal), checking it often so the stop is
/// prompt.
pub struct Interval<'a> {
    /// Time between looks at the book.
    pub every: Duration,
    /// Set to stop the loop.
    pub stop: &'a AtomicBool,
    /// The moment rewrites are stamped with (`--now`), if fixed.
    pub fixed_now: Option<DateTime<Utc>>,
}

impl Pacer for Interval<'_> {
    fn wait(&mut self) -> bool {
        let until = Instant::now() + self.every;
        while Instant::now() < until {
            if self.stop.load(Ordering::Relaxed) {
                return false;
            }
            std::thread::sleep(Duration::from_millis(100).min(self.every));
        }
        !self.stop.load(Ordering::Relaxed)
    }

    fn now(&mut self) -> DateTime<Utc> {
        self.fixed_now.unwrap_or_else(Utc::now)
    }
}

/// Writes `path` atomically: `write` fills a temporary file in the same
/// folder (private, 0600: it holds customers' details), which then
/// replaces `path` in one rename. On any failure `path` is untouched and
/// the temporary file is removed.
pub fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&std::fs::File>) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".followup-export-")
        .tempfile_in(dir)?;
    let result = {
        let mut out = BufWriter::new(temp.as_file());
        let result = write(&mut out)?;
        out.flush()?;
        result
    };
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| ExportError::Io(e.error))?;
    Ok(result)
}

/// Keeps `path` an iCalendar export of the book's open next steps: writes
/// it now, then again after every [`Pacer::wait`] in which the book
/// changed, until the pacer stops. Returns how many times it wrote.
pub fn watch(
    book: &Book,
    status: Option<Status>,
    path: &Path,
    pacer: &mut impl Pacer,
) -> Result<u64, ExportError> {
    let mut written: Option<i64> = None;
    let mut writes = 0;
    loop {
        let version = store::data_version(book.conn()).map_err(ExportError::Store)?;
        if written != Some(version) {
            let now = pacer.now();
            write_atomically(path, |out| {
                super::ics::export(book.conn(), status, now, out)
            })?;
            written = Some(version);
            writes += 1;
        }
        if !pacer.wait() {
            return Ok(writes);
        }
    }
}

//! Opening the cockpit on a sample book, and writing sample books.

use chrono::{DateTime, Local};

use super::args::DemoArgs;
use super::{Format, Run, emit};
use crate::app::{AppError, Context};
use crate::demo::{DemoOptions, generate};
use crate::store::{self, Book};

/// Opens the cockpit on a fresh sample book in a temporary file, removed on quit.
pub fn demo(
    ctx: Context,
    fixed_now: Option<DateTime<Local>>,
    now: DateTime<Local>,
) -> Result<(), AppError> {
    let file = tempfile::Builder::new()
        .prefix("followup-demo-")
        .suffix(".db")
        .tempfile()
        .map_err(|e| AppError::Refused(format!("cannot create a temporary demo book: {e}")))?;
    let path = file.path().to_path_buf();
    let result = (|| {
        let mut book = Book::open(&path)?;
        generate(&mut book, &DemoOptions::small(now, ctx.hours().clone()))?;
        crate::ui::run(book, ctx, fixed_now, true)
    })();
    // The book is closed by now (`run` owned it). SQLite removes its -wal and
    // -shm files when the last connection closes cleanly; remove them anyway
    // (a failed checkpoint leaves them), then the book itself with `file`.
    drop(file);
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.clone().into_os_string();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    if result.is_ok() {
        let _ = emit(
            "That was a sample book; it has been discarded.\n\
             Start your own: followup add \"Name\" --next \"tue morning\", then run followup.\n",
        );
    }
    result
}

/// `demo`: writes a sample book into an empty book.
pub fn write_demo(run: &mut Run, args: &DemoArgs) -> Result<(), AppError> {
    if !store::book_is_empty(run.book.conn())? {
        return Err(AppError::Refused(format!(
            "the book {} already has prospects; give a new file with --db PATH",
            run.book.path().display()
        )));
    }
    let options = DemoOptions {
        prospects: args.prospects as usize,
        seed: args.seed,
        now: run.now,
        hours: run.ctx.hours().clone(),
    };
    let started = std::time::Instant::now();
    let stats = generate(&mut run.book, &options)?;
    let elapsed = started.elapsed();
    match run.format {
        Format::Json => super::commands::print_json(&serde_json::json!({
            "prospects": stats.prospects,
            "attempts": stats.attempts,
            "active": stats.active,
            "seconds": elapsed.as_secs_f64(),
        })),
        Format::Table => emit(&format!(
            "Wrote {} prospects ({} active) and {} attempts to {} in {:.1} s\n",
            stats.prospects,
            stats.active,
            stats.attempts,
            run.book.path().display(),
            elapsed.as_secs_f64()
        )),
    }
}

//! Opening the cockpit on a sample book, and writing sample books.

use chrono::{DateTime, Local};

use super::args::DemoArgs;
use super::{Format, Run, emit};
use crate::app::{AppError, Context};
use crate::config::Setting;
use crate::demo::{DemoOptions, Progress, demo_moment, generate, generate_reporting};
use crate::store::{self, Book};
use crate::ui::demo::SampleBook;
use std::path::PathBuf;

/// Opens the cockpit on a fresh sample book in a temporary file, removed on
/// quit; `own_book` is where the user's own book is started if they leave
/// the sample for it. Outside business hours the sample is shown as of the
/// next working morning.
pub fn demo(
    ctx: Context,
    fixed_now: Option<DateTime<Local>>,
    now: DateTime<Local>,
    own_book: Setting<PathBuf>,
) -> Result<(), AppError> {
    let file = tempfile::Builder::new()
        .prefix("followup-demo-")
        .suffix(".db")
        .tempfile()
        .map_err(|e| AppError::Refused(format!("cannot create a temporary demo book: {e}")))?;
    let path = file.path().to_path_buf();
    let moment = demo_moment(now, ctx.hours());
    let sample = SampleBook {
        own_book,
        user_now: fixed_now,
        moved: moment.moved,
        changed: false,
    };
    let result = (|| {
        let mut book = Book::open(&path)?;
        generate(
            &mut book,
            &DemoOptions::small(moment.now, ctx.hours().clone()),
        )?;
        // A moved sample keeps its moment: the clock is fixed on it.
        let shown_now = if moment.moved {
            Some(moment.now)
        } else {
            fixed_now
        };
        crate::ui::run(book, ctx, shown_now, Some(sample))
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
    if let Ok(ended) = &result
        && ended.on_sample
    {
        let _ = emit(&format!(
            "That was a sample book; it has been discarded.\n\
             Start your own: press {} in the demo, or followup add \"Name\" --next \"tue morning\", then run followup.\n",
            crate::ui::demo::start_key()
        ));
    }
    result.map(|_| ())
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
    let bar = progress_bar(options.prospects);
    let mut report = |p: Progress| {
        let Some(bar) = &bar else { return };
        match p {
            Progress::Prospects { done, .. } => bar.set_position(done as u64),
            Progress::Indexing => {
                bar.set_style(indicatif::ProgressStyle::default_spinner());
                bar.set_message("building the history, the indexes and the search index");
                bar.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        }
    };
    // The book was just checked to be empty: fill it without the log.
    let filled = run
        .book
        .fill_new(|book| generate_reporting(book, &options, &mut report));
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let stats = filled?;
    if let Some(n) = args.consultants {
        let names = crate::demo::consultant_names(n as usize);
        run.book.write(|tx| store::spread_owners(tx, &names))?;
    }
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

/// A bar for a large sample book (a million prospects take minutes), on a
/// terminal only; `None` in a pipe or for a small book.
fn progress_bar(prospects: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if prospects < 20_000 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(prospects as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "writing {bar:40} {pos}/{len} prospects, {eta} left",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

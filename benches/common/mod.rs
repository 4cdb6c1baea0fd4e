//! Shared by the bench targets: sample books cached on disk, the fixed
//! clock, and a cockpit loaded and drawn the way the run loop does it.
//!
//! Books are generated once per (size, seed) into `target/bench-books/` and
//! reused by later runs; a bench that writes works on a private copy.

#![allow(dead_code)] // each bench target uses a different part of this

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Local};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use followup::app::Context;
use followup::demo::{DemoOptions, generate};
use followup::store::Book;
use followup::ui::perform::load;
use followup::ui::state::App;
use followup::ui::view::{self, Theme};

/// The seed every bench book uses (the one BENCHMARKS.md quotes).
pub const SEED: u64 = 1;
/// The moment every bench runs as of (`--now 2026-11-23T09:00`).
pub const NOW: &str = "2026-11-23T09:00";
/// The terminal the cockpit is drawn into.
pub const WIDTH: u16 = 120;
/// The terminal the cockpit is drawn into.
pub const HEIGHT: u16 = 40;

/// The fixed clock, in the local time zone like `--now`.
pub fn now() -> DateTime<Local> {
    followup::cli::parse_now(NOW).expect("a valid --now")
}

/// Settings as with an empty `FOLLOWUP_CONFIG_DIR`: built-in defaults.
pub fn ctx() -> Context {
    Context::builtin()
}

fn books_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-books")
}

/// The cached sample book of `prospects` prospects, generated on first use.
///
/// The book is the one `followup demo --prospects N --seed 1 --now
/// 2026-11-23T09:00` writes (same generator, seed, clock and hours). The
/// cache key holds a fingerprint of the generator (a small book generated
/// in memory), so a changed generator makes new books.
pub fn book(prospects: usize) -> PathBuf {
    let dir = books_dir();
    let tz = now().format("%z").to_string();
    let name = format!(
        "p{prospects}-s{SEED}-{}{tz}-g{:016x}.db",
        NOW.replace(':', ""),
        generator_fingerprint()
    );
    let path = dir.join(name);
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("create target/bench-books");
    let partial = dir.join(format!(
        "p{prospects}-s{SEED}.partial-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&partial);
    let started = Instant::now();
    {
        let mut book = Book::open(&partial).expect("open a new bench book");
        let stats = generate(&mut book, &options(prospects)).expect("generate the bench book");
        eprintln!(
            "bench book: {} prospects, {} attempts generated in {:.1} s -> {}",
            stats.prospects,
            stats.attempts,
            started.elapsed().as_secs_f64(),
            path.display()
        );
    }
    // Closing the book checkpointed and removed its WAL: one file to rename.
    std::fs::rename(&partial, &path).expect("install the bench book");
    path
}

fn options(prospects: usize) -> DemoOptions {
    DemoOptions {
        prospects,
        seed: SEED,
        now: now(),
        hours: ctx().hours().clone(),
    }
}

/// A hash of every row of a 200-prospect book from the same seed: changes
/// when the generator does. The rows' ids (`uid`) are left out: they are
/// UUIDv7s from the moment of writing, so with them every run made (and
/// kept) a book of its own.
fn generator_fingerprint() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut book = Book::open_in_memory().expect("an in-memory book");
    generate(&mut book, &options(200)).expect("generate the fingerprint book");
    let mut hasher = std::hash::DefaultHasher::new();
    for table in ["prospect", "attempt", "next_step"] {
        let mut stmt = book
            .conn()
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .expect("read the fingerprint book");
        let hashed: Vec<usize> = (0..stmt.column_count())
            .filter(|&i| stmt.column_name(i).is_ok_and(|name| name != "uid"))
            .collect();
        let mut rows = stmt.query([]).expect("read the fingerprint book");
        while let Some(row) = rows.next().expect("read the fingerprint book") {
            for &i in &hashed {
                let value: rusqlite::types::Value = row.get(i).expect("a column");
                format!("{value:?}").hash(&mut hasher);
            }
        }
    }
    hasher.finish()
}

/// The cached sample book of `prospects` prospects dealt out to
/// `consultants` consultants (`demo --consultants`), whose member is the
/// team's manager (as a sync would have said): the Team screen's book.
pub fn team_book(prospects: usize, consultants: usize) -> PathBuf {
    let source = book(prospects);
    let stem = source
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("book")
        .to_string();
    let path = books_dir().join(format!("{stem}-team{consultants}.db"));
    if path.exists() {
        return path;
    }
    let partial = books_dir().join(format!("{stem}-team.partial-{}", std::process::id()));
    std::fs::copy(&source, &partial).expect("copy the bench book");
    {
        let mut book = Book::open(&partial).expect("open the team bench book");
        let names = followup::demo::consultant_names(consultants);
        book.write(|tx| {
            followup::store::spread_owners(tx, &names)?;
            followup::store::set_team_role(tx, Some("manager"))
        })
        .expect("deal the prospects out");
    }
    std::fs::rename(&partial, &path).expect("install the team bench book");
    path
}

/// A private, writable copy of the cached book in a temporary folder (on
/// the same disk as `target/`, so its commits pay a real fsync).
pub struct BookCopy {
    _dir: tempfile::TempDir,
    /// The copy.
    pub path: PathBuf,
}

/// Copies the cached book of `prospects` prospects.
pub fn book_copy(prospects: usize) -> BookCopy {
    let source = book(prospects);
    let dir = tempfile::Builder::new()
        .prefix("copy-")
        .tempdir_in(books_dir())
        .expect("a temporary folder under target/bench-books");
    let path = dir.path().join("book.db");
    std::fs::copy(&source, &path).expect("copy the bench book");
    BookCopy { _dir: dir, path }
}

/// Opens a book the way the cockpit does.
pub fn open(path: &Path) -> Book {
    Book::open(path).expect("open the bench book")
}

/// A cockpit with its queues (and the selected prospect's detail) loaded:
/// what the run loop has before its first frame.
pub fn loaded_app(book: &mut Book) -> App {
    let mut app = App::new(ctx(), now(), true);
    load(&mut app, book).expect("load the queues");
    app
}

/// A 120×40 test terminal.
pub fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

/// Draws one frame as the run loop does (page size, then the frame).
pub fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App, theme: &Theme) {
    app.page = view::page_rows(app, WIDTH, HEIGHT).max(1);
    terminal
        .draw(|frame| view::draw(frame, app, theme))
        .expect("draw a frame");
}

/// Criterion options that take a value (so the value is not a filter).
const VALUE_OPTIONS: &[&str] = &[
    "--color",
    "--save-baseline",
    "--baseline",
    "--baseline-lenient",
    "--format",
    "--profile-time",
    "--load-baseline",
    "--sample-size",
    "--warm-up-time",
    "--measurement-time",
    "--nresamples",
    "--noise-threshold",
    "--confidence-level",
    "--significance-level",
    "--output-format",
    "--plotting-backend",
];

/// How the bench binary was asked to run, for the parts that are plain
/// loops rather than criterion benchmarks.
pub struct RunArgs {
    filter: Option<String>,
    /// `--list`: name the benchmarks, run nothing.
    pub list: bool,
    /// `--test` (or `cargo test --benches`): run everything once, quickly.
    pub test: bool,
}

impl RunArgs {
    /// Reads the command line the way criterion does (filter = the first
    /// positional argument, matched as a substring).
    pub fn from_env() -> RunArgs {
        let mut args = std::env::args().skip(1);
        let mut run = RunArgs {
            filter: None,
            list: false,
            test: false,
        };
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--list" => run.list = true,
                "--test" => run.test = true,
                a if VALUE_OPTIONS.contains(&a) => {
                    args.next();
                }
                a if a.starts_with('-') => {}
                a => {
                    if run.filter.is_none() {
                        run.filter = Some(a.to_string());
                    }
                }
            }
        }
        run
    }

    /// True when the filter selects one of `ids` (so its setup is needed).
    pub fn selects<S: AsRef<str>>(&self, ids: &[S]) -> bool {
        self.filter
            .as_deref()
            .is_none_or(|f| ids.iter().any(|id| id.as_ref().contains(f)))
    }
}

/// Percentile `p` (0–100) of sorted samples, nearest rank.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Milliseconds, for printing.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

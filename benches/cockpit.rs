//! The cockpit on the 100,000-prospect book (about a million attempts):
//!
//! - `first_frame`: open the book, load the queues and the selected
//!   prospect's detail, draw one 120×40 frame (target < 100 ms);
//! - `log_keystroke`: `v` on the selected prospect: the voicemail is
//!   committed to a file book (fsync included), the queues reloaded, the
//!   frame redrawn (target < 16 ms p99). `keystroke_p99` times 300 such
//!   keystrokes one by one and prints p50/p90/p99/max;
//! - `search/<q>`: `store::search_prospects(q, 200)` as the user types
//!   "martin" (target < 30 ms per keystroke), and `search_keystroke/<q>`,
//!   the whole keystroke in the search box (search, detail, frame).
//!
//! - `pages/…`: the whole pipeline, a page at a time: the upcoming
//!   agenda's first and next page, the all-prospects table's first and
//!   next page for several filters and sorts (and one 100 pages in), and
//!   the whole `W` / `B` keystroke (read, detail, frame); target ≤ 30 ms.
//!
//! - `flow_first_frame`: open the book, load the queues, press `F` (this
//!   week's flow review, read from the history) and draw its first frame
//!   (target ≤ 200 ms); `flow_key`: the `F` keystroke alone on an open
//!   cockpit.
//!
//! - `team_first_frame`: the same book dealt out to 20 consultants, opened
//!   by the manager: load the queues, press `T` (every consultant's
//!   counts, pipeline and week, the debriefs' work-on items and coaching
//!   notes) and draw its first frame (target ≤ 100 ms); `team_key`: the
//!   `T` keystroke alone.
//!
//! Run: `cargo bench --bench cockpit` (or with a filter, e.g. `-- first_frame`).

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use common::{
    RunArgs, book, book_copy, draw, loaded_app, ms, open, percentile, team_book, terminal,
};
use followup::store::{self, BrowseFilter, BrowseSort};
use followup::ui::pages::PAGE;
use followup::ui::perform::{SEARCH_LIMIT, drive};
use followup::ui::state::{App, Pane};
use followup::ui::update::on_key;
use followup::ui::view::Theme;

/// The book the targets are set for.
const PROSPECTS: usize = 100_000;
/// Queries the store is searched for: as the user types "martin", then a
/// number's digits (the demo's numbers all contain 555: the worst case), a
/// caller-ID lookup, an accent-free name and an e-mail domain.
const TYPED: [&str; 9] = [
    "a", "ma", "mar", "mart", "martin", "555", "0101", "zoe", "example",
];
/// The search box after each keystroke of "martin".
const TYPING: [&str; 6] = ["m", "ma", "mar", "mart", "marti", "martin"];

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// One key press as the run loop handles it: update, perform every effect
/// (writes commit, then the queues reload), draw.
fn keystroke(
    app: &mut App,
    book: &mut store::Book,
    term: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    theme: &Theme,
    k: KeyEvent,
) {
    let effects = on_key(app, k);
    drive(app, book, effects);
    draw(term, app, theme);
}

fn first_frame(c: &mut Criterion, run: &RunArgs) {
    if !run.selects(&["cockpit/first_frame"]) {
        return;
    }
    let path = book(PROSPECTS);
    let theme = Theme::default();
    let mut group = c.benchmark_group("cockpit");
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("first_frame", |b| {
        b.iter(|| {
            let mut book = open(&path);
            let mut app = loaded_app(&mut book);
            let mut term = terminal();
            draw(&mut term, &mut app, &theme);
            black_box(term.backend().buffer().area);
        });
    });
    group.finish();
}

fn flow(c: &mut Criterion, run: &RunArgs) {
    if !run.selects(&["cockpit/flow_first_frame", "cockpit/flow_key"]) {
        return;
    }
    let path = book(PROSPECTS);
    let theme = Theme::default();
    let mut group = c.benchmark_group("cockpit");
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    group.bench_function("flow_first_frame", |b| {
        b.iter(|| {
            let mut book = open(&path);
            let mut app = loaded_app(&mut book);
            let mut term = terminal();
            keystroke(&mut app, &mut book, &mut term, &theme, key('F'));
            assert!(app.flow.as_ref().is_some_and(|f| f.report.is_some()));
            black_box(term.backend().buffer().area);
        });
    });
    let mut book = open(&path);
    let mut app = loaded_app(&mut book);
    let mut term = terminal();
    draw(&mut term, &mut app, &theme);
    group.bench_function("flow_key", |b| {
        b.iter(|| {
            keystroke(&mut app, &mut book, &mut term, &theme, key('F'));
            let open = app.flow.is_some();
            // Close it again, untimed work being negligible (no read).
            keystroke(&mut app, &mut book, &mut term, &theme, key('F'));
            black_box(open);
        });
    });
    group.finish();
}

/// Consultants in the Team screen's book.
const CONSULTANTS: usize = 20;

fn team(c: &mut Criterion, run: &RunArgs) {
    if !run.selects(&["cockpit/team_first_frame", "cockpit/team_key"]) {
        return;
    }
    let path = team_book(PROSPECTS, CONSULTANTS);
    let theme = Theme::default();
    let mut group = c.benchmark_group("cockpit");
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    group.bench_function("team_first_frame", |b| {
        b.iter(|| {
            let mut book = open(&path);
            let mut app = loaded_app(&mut book);
            let mut term = terminal();
            keystroke(&mut app, &mut book, &mut term, &theme, key('T'));
            let shown = app
                .team_screen
                .as_ref()
                .and_then(|t| t.board.as_ref())
                .map_or(0, |b| b.consultants.len());
            assert_eq!(shown, CONSULTANTS);
            black_box(term.backend().buffer().area);
        });
    });
    let mut book = open(&path);
    let mut app = loaded_app(&mut book);
    let mut term = terminal();
    draw(&mut term, &mut app, &theme);
    group.bench_function("team_key", |b| {
        b.iter(|| {
            keystroke(&mut app, &mut book, &mut term, &theme, key('T'));
            let open = app.team_screen.is_some();
            keystroke(&mut app, &mut book, &mut term, &theme, key('T'));
            black_box(open);
        });
    });
    group.finish();
}

fn log_keystroke(c: &mut Criterion, run: &RunArgs) {
    if !run.selects(&["cockpit/log_keystroke"]) {
        return;
    }
    let copy = book_copy(PROSPECTS);
    let mut book = open(&copy.path);
    let mut app = loaded_app(&mut book);
    let mut term = terminal();
    let theme = Theme::default();
    draw(&mut term, &mut app, &theme);
    let mut group = c.benchmark_group("cockpit");
    group
        .sample_size(30)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("log_keystroke", |b| {
        b.iter(|| {
            assert!(app.selected_id().is_some(), "ran out of prospects to log");
            keystroke(&mut app, &mut book, &mut term, &theme, key('v'));
            black_box(app.status.as_ref().map(|s| s.error));
        });
    });
    group.finish();
    if let Some(status) = app.status.as_ref().filter(|s| s.error) {
        panic!("the last keystroke failed: {}", status.text);
    }
}

/// 300 `v` keystrokes, each timed alone: criterion reports means and
/// medians, the target is a p99.
fn keystroke_p99(run: &RunArgs) {
    let n = if run.test { 5 } else { 300 };
    let copy = book_copy(PROSPECTS);
    let mut book = open(&copy.path);
    let mut app = loaded_app(&mut book);
    let mut term = terminal();
    let theme = Theme::default();
    draw(&mut term, &mut app, &theme);
    let mut samples = Vec::with_capacity(n);
    let mut failures = 0;
    for _ in 0..n {
        let started = Instant::now();
        keystroke(&mut app, &mut book, &mut term, &theme, key('v'));
        samples.push(started.elapsed());
        if app.status.as_ref().is_some_and(|s| s.error) {
            failures += 1;
        }
    }
    samples.sort_unstable();
    println!(
        "cockpit/keystroke_p99: {n} x 'v' (log + commit + reload + draw) on {PROSPECTS} prospects: \
         p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms, mean {:.2} ms ({failures} failed)",
        ms(percentile(&samples, 50.0)),
        ms(percentile(&samples, 90.0)),
        ms(percentile(&samples, 99.0)),
        ms(percentile(&samples, 100.0)),
        ms(samples.iter().sum::<Duration>()) / n as f64,
    );
    assert_eq!(failures, 0, "some keystrokes failed to log");
}

fn search(c: &mut Criterion, run: &RunArgs) {
    if !run.selects(&TYPED.map(|q| format!("cockpit/search/{q}"))) {
        return;
    }
    let book = open(&book(PROSPECTS));
    let mut group = c.benchmark_group("cockpit/search");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for q in TYPED {
        group.bench_with_input(BenchmarkId::from_parameter(q), q, |b, q| {
            b.iter(|| {
                let hits = store::search_prospects(book.conn(), q, SEARCH_LIMIT).unwrap();
                black_box(hits.len())
            });
        });
    }
    group.finish();
}

/// The whole keystroke in the search box: the key updates the query, the
/// search runs, the first hit's detail loads, the frame is drawn.
fn search_keystroke(c: &mut Criterion, run: &RunArgs) {
    if !run.selects(&TYPING.map(|q| format!("cockpit/search_keystroke/{q}"))) {
        return;
    }
    let mut book = open(&book(PROSPECTS));
    let theme = Theme::default();
    let mut group = c.benchmark_group("cockpit/search_keystroke");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for q in TYPING {
        let (typed_before, last) = q.split_at(q.len() - 1);
        let last = last.chars().next().expect("a non-empty query");
        let mut app = loaded_app(&mut book);
        let mut term = terminal();
        // Open the search box and type what came before.
        keystroke(&mut app, &mut book, &mut term, &theme, key('/'));
        for ch in typed_before.chars() {
            keystroke(&mut app, &mut book, &mut term, &theme, key(ch));
        }
        group.bench_with_input(BenchmarkId::from_parameter(q), q, |b, _| {
            b.iter(|| {
                keystroke(&mut app, &mut book, &mut term, &theme, key(last));
                black_box(app.len(Pane::Search));
                // Take the key back without a search, so the next
                // iteration types it again.
                if let Some(search) = app.search.as_mut() {
                    search.input = tui_input::Input::new(typed_before.to_string());
                }
            });
        });
    }
    group.finish();
}

/// Filters and sorts of the table benched, as `filter_sort`.
const TABLE: [(BrowseFilter, BrowseSort, &str); 6] = [
    (BrowseFilter::All, BrowseSort::Name, "all_name"),
    (BrowseFilter::All, BrowseSort::Value, "all_value"),
    (BrowseFilter::All, BrowseSort::NextStep, "all_next"),
    (BrowseFilter::All, BrowseSort::LastSpoke, "all_spoke"),
    (
        BrowseFilter::Active,
        BrowseSort::Weighted,
        "active_weighted",
    ),
    (BrowseFilter::Won, BrowseSort::SeriesStep, "won_series"),
];

/// The agenda and the table, page by page, on the 100k book.
fn pages(c: &mut Criterion, run: &RunArgs) {
    let mut ids = vec![
        "cockpit/pages/upcoming_first".to_string(),
        "cockpit/pages/upcoming_next".to_string(),
        "cockpit/pages/table_deep/all_name".to_string(),
        "cockpit/pages/key_W".to_string(),
        "cockpit/pages/key_A".to_string(),
    ];
    for (_, _, name) in TABLE {
        ids.push(format!("cockpit/pages/table_first/{name}"));
        ids.push(format!("cockpit/pages/table_next/{name}"));
    }
    if !run.selects(&ids) {
        return;
    }
    let mut book = open(&book(PROSPECTS));
    let theme = Theme::default();
    let from = followup::domain::DayBounds::new(&common::now(), 0).day_end;
    let mut group = c.benchmark_group("cockpit/pages");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group.bench_function("upcoming_first", |b| {
        b.iter(|| {
            black_box(
                store::upcoming(book.conn(), from, None, PAGE)
                    .unwrap()
                    .len(),
            )
        });
    });
    let first = store::upcoming(book.conn(), from, None, PAGE).unwrap();
    assert_eq!(
        first.len(),
        PAGE,
        "the bench book has a page of upcoming steps"
    );
    let after = first.last().and_then(store::AgendaKey::of);
    group.bench_function("upcoming_next", |b| {
        b.iter(|| {
            black_box(
                store::upcoming(book.conn(), from, after, PAGE)
                    .unwrap()
                    .len(),
            )
        });
    });
    for (filter, sort, name) in TABLE {
        group.bench_function(format!("table_first/{name}"), |b| {
            b.iter(|| {
                black_box(
                    store::browse(book.conn(), filter, sort, None, PAGE)
                        .unwrap()
                        .len(),
                )
            });
        });
        let first = store::browse(book.conn(), filter, sort, None, PAGE).unwrap();
        assert_eq!(first.len(), PAGE, "{name}: a whole first page");
        let after = first.last().map(|r| r.key.clone());
        group.bench_function(format!("table_next/{name}"), |b| {
            b.iter(|| {
                let page = store::browse(book.conn(), filter, sort, after.as_ref(), PAGE).unwrap();
                black_box(page.len())
            });
        });
    }
    // 100 pages in (20,000 rows): a key range costs what the first page does.
    let mut after = None;
    for _ in 0..100 {
        let page = store::browse(
            book.conn(),
            BrowseFilter::All,
            BrowseSort::Name,
            after.as_ref(),
            PAGE,
        )
        .unwrap();
        after = page.last().map(|r| r.key.clone());
    }
    group.bench_function("table_deep/all_name", |b| {
        b.iter(|| {
            let page = store::browse(
                book.conn(),
                BrowseFilter::All,
                BrowseSort::Name,
                after.as_ref(),
                PAGE,
            )
            .unwrap();
            black_box(page.len())
        });
    });
    // The whole keystroke: the first page read, the selected prospect's
    // detail loaded, the frame drawn.
    for (name, k) in [("key_W", 'W'), ("key_A", 'A')] {
        let mut app = loaded_app(&mut book);
        let mut term = terminal();
        group.bench_function(name, |b| {
            b.iter(|| {
                keystroke(&mut app, &mut book, &mut term, &theme, key(k));
                black_box(app.len(app.focus));
                // Close it again without timing: the next press opens it.
                app.upcoming = None;
                app.browse = None;
                app.focus = Pane::Due;
            });
        });
    }
    group.finish();
}

fn main() {
    let run = RunArgs::from_env();
    if run.list {
        println!("cockpit/keystroke_p99: bench");
    }
    if !run.list && run.selects(&["cockpit/keystroke_p99"]) {
        keystroke_p99(&run);
    }
    let mut c = Criterion::default().configure_from_args();
    first_frame(&mut c, &run);
    flow(&mut c, &run);
    team(&mut c, &run);
    log_keystroke(&mut c, &run);
    search(&mut c, &run);
    search_keystroke(&mut c, &run);
    pages(&mut c, &run);
    c.final_summary();
}

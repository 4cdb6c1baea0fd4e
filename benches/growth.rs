//! How the cockpit's work grows with the book: 1,000, 10,000 and 100,000
//! prospects (about 10 attempts each, 5% active).
//!
//! - `growth/today_500/<n>`: `app::today` with the cockpit's limit of 500
//!   (the four queue lists, their counts and the weighted pipeline);
//! - `growth/queue_counts/<n>`: `store::queue_counts` alone;
//! - `growth/draw/<n>`: one 120×40 dashboard frame from a loaded cockpit;
//! - `growth/log_attempt/<n>`: `app::log_attempt` (a voicemail, committed
//!   to a file book with its fsync); each one is undone, unmeasured, so
//!   every iteration logs onto the same book.
//!
//! Run: `cargo bench --bench growth` (or e.g. `-- queue_counts`).

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};

use common::{RunArgs, book, book_copy, ctx, draw, loaded_app, now, open, terminal};
use followup::app::{self, LogRequest};
use followup::domain::{DayBounds, Outcome, ProspectId};
use followup::store;
use followup::ui::perform::QUEUE_LIMIT;
use followup::ui::view::Theme;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn ids(name: &str) -> Vec<String> {
    SIZES.iter().map(|n| format!("growth/{name}/{n}")).collect()
}

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(format!("growth/{name}"));
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group
}

fn today(c: &mut Criterion, run: &RunArgs) {
    if !run.selects(&ids("today_500")) {
        return;
    }
    let ctx = ctx();
    let now = now();
    let mut group = group(c, "today_500");
    for n in SIZES {
        let book = open(&book(n));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| black_box(app::today(&book, &ctx, &now, QUEUE_LIMIT).unwrap()));
        });
    }
    group.finish();
}

fn queue_counts(c: &mut Criterion, run: &RunArgs) {
    if !run.selects(&ids("queue_counts")) {
        return;
    }
    let ctx = ctx();
    let bounds = DayBounds::new(&now(), ctx.config.quiet_days.value);
    let mut group = group(c, "queue_counts");
    for n in SIZES {
        let book = open(&book(n));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            // An empty "loaded" queue with limit 0 forces every count query.
            let none = followup::domain::TodayQueue::default();
            b.iter(|| black_box(store::queue_counts(book.conn(), &bounds, &none, 0).unwrap()));
        });
    }
    group.finish();
}

fn draw_dashboard(c: &mut Criterion, run: &RunArgs) {
    if !run.selects(&ids("draw")) {
        return;
    }
    let theme = Theme::default();
    let mut group = group(c, "draw");
    for n in SIZES {
        let mut book = open(&book(n));
        let mut app = loaded_app(&mut book);
        let mut term = terminal();
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                draw(&mut term, &mut app, &theme);
                black_box(term.backend().buffer().area);
            });
        });
    }
    group.finish();
}

fn log_attempt(c: &mut Criterion, run: &RunArgs) {
    if !run.selects(&ids("log_attempt")) {
        return;
    }
    let ctx = ctx();
    let now = now();
    let request = LogRequest::outcome(Outcome::Voicemail);
    let mut group = group(c, "log_attempt");
    for n in SIZES {
        let copy = book_copy(n);
        let mut book = open(&copy.path);
        // Prospects with an open next step, as the cockpit lists them.
        let active: Vec<ProspectId> = {
            let t = app::today(&book, &ctx, &now, QUEUE_LIMIT).unwrap();
            t.queue
                .due_today
                .iter()
                .chain(&t.queue.overdue)
                .map(|i| i.id)
                .collect()
        };
        assert!(!active.is_empty(), "no prospect to log on in the {n} book");
        let mut next = 0usize;
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let id = active[next % active.len()];
                    next += 1;
                    let started = Instant::now();
                    let logged = app::log_attempt(&mut book, &ctx, now, id, &request).unwrap();
                    spent += started.elapsed();
                    app::undo(&mut book, &logged.change, now.to_utc()).unwrap();
                }
                spent
            });
        });
    }
    group.finish();
}

fn main() {
    let run = RunArgs::from_env();
    let mut c = Criterion::default().configure_from_args();
    today(&mut c, &run);
    queue_counts(&mut c, &run);
    draw_dashboard(&mut c, &run);
    log_attempt(&mut c, &run);
    c.final_summary();
}

//! `followup import` at scale: a generated spreadsheet export (name,
//! company, phone, e-mail, value, probability, next, notes and a column
//! with no field), every row a new prospect.
//!
//! - `import/rows/10000`: reading, mapping, planning and writing 10,000
//!   rows into a fresh file book, in one transaction, as the command does.
//!
//! The run also writes `target/bench-books/import-100000.csv` (once), the
//! file BENCHMARKS.md's whole-process row imports with
//! `/usr/bin/time -v target/release/followup --db /tmp/i.db --now
//! 2026-11-23T09:00 import target/bench-books/import-100000.csv`.
//!
//! Run: `cargo bench --bench import` (`-- --quick` for a short run).

mod common;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;
use criterion::{BatchSize, BenchmarkId, Criterion};

use common::{RunArgs, ctx, now};
use followup::import::{self, map};
use followup::store::Book;

const FIRST: &[&str] = &[
    "Ada", "Bruno", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Inès", "Jonas",
];
const LAST: &[&str] = &[
    "Åberg", "Byrne", "Côté", "Dubois", "Evans", "Fischer", "García", "Haddad", "Ito", "Jensen",
];
const NEXT: &[&str] = &[
    "tue morning",
    "thu 3pm",
    "in 2 days",
    "next week",
    "",
    "fri afternoon or mon morning",
    "sometime in spring",
];

/// A spreadsheet export of `n` different people, the same every time.
pub fn spreadsheet(n: usize) -> String {
    let mut out = String::with_capacity(n * 160);
    out.push_str("Name,Company,Phone,Email,Value,Probability,Next,Notes,Lead Source\n");
    for i in 0..n {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len()) % LAST.len()];
        let _ = writeln!(
            out,
            "{first} {last} {i},{last} Windows,+1 416 {:03} {:04},person{i}@example.com,\"${},{:03}.50\",{}%,{},\"Quote sent; asked about oak, row {i}\",Referral",
            100 + i / 10_000,
            i % 10_000,
            1 + i % 90,
            i % 1000,
            (i * 7) % 101,
            NEXT[i % NEXT.len()],
        );
    }
    out
}

fn bench_books() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-books")
}

/// Writes the 100,000-row file for the whole-process measurement, once.
fn hundred_thousand() {
    let path = bench_books().join("import-100000.csv");
    if !path.exists() {
        std::fs::create_dir_all(bench_books()).expect("bench-books folder");
        std::fs::write(&path, spreadsheet(100_000)).expect("write the import file");
    }
    eprintln!("import file for the whole-process row: {}", path.display());
}

fn import_rows(c: &mut Criterion, run: &RunArgs) {
    let n = 10_000;
    if !run.selects(&[format!("import/rows/{n}")]) {
        return;
    }
    let bytes = spreadsheet(n).into_bytes();
    let ctx = ctx();
    let now = now();
    let mut group = c.benchmark_group("import/rows");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(10));
    group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("temporary folder");
                let book = Book::open(&dir.path().join("book.db")).expect("a new book");
                (dir, book, bytes.clone())
            },
            |(dir, mut book, bytes)| {
                let source = import::read(bytes, &[]).expect("readable");
                let reading = map::Reading {
                    ctx: &ctx,
                    now: &now,
                };
                let (candidates, bad) = map::candidates(&source, reading);
                assert!(bad.is_empty());
                let applied = import::import(&mut book, candidates, now.with_timezone(&Utc), || {})
                    .expect("imported");
                black_box(applied);
                drop(book);
                drop(dir);
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn main() {
    let run = RunArgs::from_env();
    hundred_thousand();
    let mut c = Criterion::default().configure_from_args();
    import_rows(&mut c, &run);
    c.final_summary();
}

//! The corpus test: how people set callbacks (`corpus.tsv`), each with the
//! window (or windows, for alternatives joined by "or") it must mean, or the kind of refusal it must get. One test reads
//! every row and reports every failing row at once.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::America::Toronto;
use chrono_tz::Tz;

use super::{BusinessHours, DateOrder, parse_upcoming_windows};

const CORPUS: &str = include_str!("corpus.tsv");

fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Toronto)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn moment(text: &str) -> DateTime<Tz> {
    let ndt = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M").unwrap();
    Toronto.from_local_datetime(&ndt).single().unwrap()
}

#[test]
fn every_corpus_phrase_means_its_window() {
    let mut hours = BusinessHours::default();
    let mut now = moment("2026-11-23 09:00");
    let mut order: Option<DateOrder> = None;
    let (mut rows, mut refusals) = (0, 0);
    let mut failures = Vec::new();
    for (i, line) in CORPUS.lines().enumerate() {
        let at = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(text) = line.strip_prefix("@now ") {
            now = moment(text);
            continue;
        }
        if let Some(text) = line.strip_prefix("@days_off") {
            let entries: Vec<&str> = text.split_whitespace().collect();
            hours.days_off = super::DaysOff::parse(&entries)
                .unwrap_or_else(|e| panic!("corpus.tsv:{at}: bad days off {e:?}"));
            continue;
        }
        if let Some(text) = line.strip_prefix("@order ") {
            order = match text.trim() {
                "mdy" => Some(DateOrder::Mdy),
                "dmy" => Some(DateOrder::Dmy),
                "none" => None,
                other => panic!("corpus.tsv:{at}: unknown order {other:?}"),
            };
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [phrase, first, third, ..] = cols[..] else {
            panic!("corpus.tsv:{at}: want at least 3 tab-separated columns: {line:?}");
        };
        let got = parse_upcoming_windows(phrase, &now, &hours, order);
        if first == "refused" {
            refusals += 1;
            match got {
                Err(e) if e.to_string().contains(third) => {}
                got => failures.push(format!(
                    "corpus.tsv:{at}: {phrase:?} at {now}: want a refusal containing {third:?}, got {got:?}"
                )),
            }
            continue;
        }
        if cols.len().is_multiple_of(2) {
            panic!("corpus.tsv:{at}: want a start and an end for every window: {line:?}");
        }
        rows += 1;
        let want = cols[1..].join(" ");
        match got {
            Ok(parts) => {
                let text = parts
                    .iter()
                    .map(|w| format!("{} {}", local(w.start), local(w.end)))
                    .collect::<Vec<_>>()
                    .join(" ");
                if text != want {
                    failures.push(format!(
                        "corpus.tsv:{at}: {phrase:?} at {now}: want {want}, got {text}"
                    ));
                }
            }
            Err(e) => failures.push(format!(
                "corpus.tsv:{at}: {phrase:?} at {now}: want {want}, got error: {e}"
            )),
        }
    }
    assert!(
        rows >= 100 && refusals >= 20,
        "corpus too small: {rows} rows"
    );
    assert!(
        failures.is_empty(),
        "{} of {} corpus rows failed:\n{}",
        failures.len(),
        rows + refusals,
        failures.join("\n")
    );
}

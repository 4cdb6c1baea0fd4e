//! The review as aligned text: one section per part, each a small table
//! with a text bar beside the numbers. Every text from the book is made one
//! safe line (control characters stripped) before it is laid out.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::{Bar, Report};
use crate::domain::Money;
use crate::domain::text::sanitize_line;

/// At most this many finished prospects are listed by name.
pub const LISTED: usize = 15;

/// Money for people: whole units with thousands separators.
pub fn money(cents: i64) -> String {
    Money::from_cents(cents).display_whole()
}

/// A bar of `percent` out of 100, `width` cells wide at 100.
pub fn text_bar(percent: u32, width: usize) -> String {
    let cells = (percent as usize * width).div_ceil(100).min(width);
    "█".repeat(cells)
}

/// Rows of cells laid out in columns (numbers right-aligned), indented.
pub(crate) fn grid(out: &mut String, head: &[&str], rows: &[Vec<String>]) {
    let cols = head.len();
    let cell =
        |r: &[String], i: usize| sanitize_line(r.get(i).map_or("", String::as_str)).into_owned();
    let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
    for r in rows {
        for (i, w) in widths.iter_mut().enumerate() {
            *w = (*w).max(cell(r, i).width());
        }
    }
    let numeric = |i: usize| {
        rows.iter().all(|r| {
            let c = cell(r, i);
            c.is_empty() || c.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-')
        })
    };
    let line = |out: &mut String, cells: Vec<String>| {
        let mut text = String::from("  ");
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(c.width());
            if i > 0 && numeric(i) && i + 1 < cols {
                text.push_str(&" ".repeat(pad));
                text.push_str(c);
            } else {
                text.push_str(c);
                if i + 1 < cols {
                    text.push_str(&" ".repeat(pad));
                }
            }
            if i + 1 < cols {
                text.push_str("  ");
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(out, head.iter().map(|h| (*h).to_string()).collect());
    for r in rows {
        line(out, (0..cols).map(|i| cell(r, i)).collect());
    }
}

fn bar_rows(bars: &[Bar]) -> Vec<Vec<String>> {
    bars.iter()
        .map(|b| {
            vec![
                b.label.clone(),
                b.count.to_string(),
                format!("{}%", b.percent),
                b.brief_percent.map_or("–".into(), |p| format!("{p}%")),
                text_bar(b.percent, 20),
            ]
        })
        .collect()
}

/// The whole review as text.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", sanitize_line(&super::title(r)));
    let _ = writeln!(out, "  from {} to {}", r.period.from, r.period.to);

    let o = &r.outcomes;
    let _ = writeln!(out, "\nWon and lost");
    let tally = |name: &str, t: &super::pipeline::Tally| {
        vec![name.to_string(), t.count.to_string(), money(t.value_cents)]
    };
    grid(
        &mut out,
        &["", "count", "value"],
        &[
            tally("won", &o.won),
            tally("lost", &o.lost),
            tally("closed out", &o.closed_out),
        ],
    );
    if !o.lost_reasons.is_empty() {
        let rows: Vec<Vec<String>> = o
            .lost_reasons
            .iter()
            .map(|x| {
                vec![
                    x.reason
                        .clone()
                        .unwrap_or_else(|| "(no reason given)".into()),
                    x.count.to_string(),
                    money(x.value_cents),
                ]
            })
            .collect();
        grid(&mut out, &["lost because", "count", "value"], &rows);
    }
    if !o.finished.is_empty() {
        let rows: Vec<Vec<String>> = o
            .finished
            .iter()
            .take(LISTED)
            .map(|f| {
                vec![
                    f.id.to_string(),
                    f.name.clone(),
                    f.status.clone(),
                    f.contacts.to_string(),
                    f.value_cents.map(money).unwrap_or_default(),
                    f.lost_reason.clone().unwrap_or_default(),
                ]
            })
            .collect();
        grid(
            &mut out,
            &["id", "name", "status", "contacts", "value", "reason"],
            &rows,
        );
        if o.finished.len() > LISTED {
            let _ = writeln!(
                out,
                "  … and {} more (--format json lists all)",
                o.finished.len() - LISTED
            );
        }
    }

    let c = &r.contacts_to_win;
    let median = c
        .median
        .map_or(String::new(), |m| format!("; median {m} contacts"));
    let _ = writeln!(out, "\nContacts to win ({} wins{median})", c.wins);
    grid(
        &mut out,
        &["contact", "wins", "share", "brief", ""],
        &bar_rows(&c.bars),
    );

    let s = &r.stopped;
    let _ = writeln!(
        out,
        "\nWhere follow-up stopped ({} lost or closed out)",
        s.finished
    );
    grid(
        &mut out,
        &["contacts made", "prospects", "share", "brief", ""],
        &bar_rows(&s.bars),
    );
    let _ = writeln!(
        out,
        "  At the end: {} active; abandoned rather than finished: {} with no next step, {} gone quiet; {} overdue",
        s.active_at_end, s.no_next_step, s.gone_quiet, s.overdue
    );

    let sp = &r.speed;
    let median = sp
        .median_days
        .map_or(String::new(), |m| format!("; median {m} days"));
    let _ = writeln!(
        out,
        "\nSpeed: quote to first follow-up ({} quoted{median}; the brief: 2–4 days)",
        sp.quoted
    );
    grid(
        &mut out,
        &["days", "prospects", "share", "", ""],
        &bar_rows(&sp.bars),
    );
    let _ = writeln!(
        out,
        "  Next steps done: {}; on time {} ({}%), late {}; rescheduled {}",
        sp.steps_done, sp.on_time, sp.on_time_percent, sp.late, sp.rescheduled
    );

    let p = &r.pipeline;
    let _ = writeln!(out, "\nPipeline, weighted by probability");
    let spark: String = sparkline(&p.weeks.iter().map(|w| w.weighted_cents).collect::<Vec<_>>());
    let _ = writeln!(out, "  {spark}");
    let rows: Vec<Vec<String>> = p
        .weeks
        .iter()
        .map(|w| {
            vec![
                w.at.get(..16).unwrap_or(&w.at).replace('T', " "),
                money(w.weighted_cents),
            ]
        })
        .collect();
    grid(&mut out, &["at", "weighted"], &rows);
    grid(
        &mut out,
        &["this period", "count", "value"],
        &[
            tally("entered", &p.entered),
            tally("reopened", &p.reopened),
            tally("won", &p.won),
            tally("lost", &p.lost),
            tally("closed out", &p.closed_out),
        ],
    );

    let _ = writeln!(out, "\nThe series: answered after each step");
    if r.series.is_empty() {
        let _ = writeln!(out, "  No series step was performed in the period.");
    } else {
        let rows: Vec<Vec<String>> = r
            .series
            .iter()
            .map(|s| {
                vec![
                    s.series.clone(),
                    s.step.to_string(),
                    s.label.clone(),
                    s.performed.to_string(),
                    s.answered.to_string(),
                    s.unanswered.to_string(),
                    s.waiting.to_string(),
                    format!("{}%", s.answered_percent),
                    s.reached_at_step.to_string(),
                ]
            })
            .collect();
        grid(
            &mut out,
            &[
                "series",
                "step",
                "label",
                "done",
                "answered",
                "not",
                "waiting",
                "rate",
                "reached at",
            ],
            &rows,
        );
    }
    out
}

/// A one-line chart of `values` (eight heights), lowest to highest.
pub fn sparkline(values: &[i64]) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (lo, hi) = (
        values.iter().copied().min().unwrap_or(0),
        values.iter().copied().max().unwrap_or(0),
    );
    values
        .iter()
        .map(|v| {
            let i = if hi > lo {
                ((v - lo) * 7 / (hi - lo)) as usize
            } else {
                3
            };
            TICKS[i.min(7)]
        })
        .collect()
}

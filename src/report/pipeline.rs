//! The pipeline through time: start from the rows as they are now and walk
//! the changes back, newest first, undoing each (a set puts its old value
//! back, a creation takes the prospect out). The weighted value at each
//! week end, and every prospect's state at the period's end, fall out of
//! one pass over the changes since the oldest week end.

use std::collections::HashMap;

use serde::Serialize;

use crate::history::{Hlc, Op, Value};
use crate::store::{FlowChange, FlowRow};

/// A prospect's state at a moment, as far as the review needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snap {
    /// It had been added (a change since undoes its creation).
    pub exists: bool,
    /// It was removed.
    pub removed: bool,
    /// Its status word.
    pub status: String,
    /// Its quote value in cents.
    pub value_cents: Option<i64>,
    /// Its probability in percent.
    pub probability: Option<i64>,
    /// Why it was lost.
    pub lost_reason: Option<String>,
    /// Its name.
    pub name: String,
}

impl Snap {
    /// The state a row has now.
    pub fn of(row: &FlowRow) -> Snap {
        Snap {
            exists: true,
            removed: row.removed,
            status: row.status.clone(),
            value_cents: row.value_cents,
            probability: row.probability,
            lost_reason: row.lost_reason.clone(),
            name: row.name.clone(),
        }
    }

    /// True while in the pipeline: added, not removed, active.
    pub fn is_active(&self) -> bool {
        self.exists && !self.removed && self.status == "active"
    }

    /// Its weighted value in cents (0 outside the pipeline), rounded per
    /// prospect as the cockpit's pipeline figure is.
    pub fn weighted(&self) -> i64 {
        match (self.is_active(), self.value_cents, self.probability) {
            (true, Some(v), Some(p)) => (v.saturating_mul(p) + 50) / 100,
            _ => 0,
        }
    }

    /// Undoes one change.
    fn undo(&mut self, change: &FlowChange) {
        match change.op {
            Op::Create => self.exists = false,
            Op::Remove => self.removed = false,
            Op::Restore => self.removed = true,
            Op::Set => {
                let old = &change.old;
                match change.field.as_deref() {
                    Some("status") => self.status = text(old).unwrap_or_else(|| "active".into()),
                    Some("value_cents") => self.value_cents = old.as_int(),
                    Some("probability") => self.probability = old.as_int(),
                    Some("lost_reason") => self.lost_reason = text(old),
                    Some("name") => {
                        if let Some(name) = text(old) {
                            self.name = name;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

fn text(v: &Value) -> Option<String> {
    v.as_text().map(str::to_string)
}

/// The pipeline walked back.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// Weighted cents at each mark, in the marks' order.
    pub weighted: Vec<i64>,
    /// The state at the last mark (the period's end) of every prospect a
    /// change since the first mark touched.
    pub at_end: HashMap<i64, Snap>,
}

/// Walks `changes` (newest first) back from `rows_now` (every prospect
/// they touch, as it is now) and the weighted total now, to each of
/// `marks` (UTC seconds, oldest first; the last is the period's end).
pub fn walk(
    weighted_now: i64,
    rows_now: &[FlowRow],
    changes: &[FlowChange],
    marks: &[i64],
) -> Walk {
    let mut state: HashMap<i64, Snap> = rows_now.iter().map(|r| (r.id, Snap::of(r))).collect();
    let mut total = weighted_now;
    let mut weighted = vec![0; marks.len()];
    let mut at_end = None;
    let mut next = changes.iter().peekable();
    for (i, mark) in marks.iter().enumerate().rev() {
        let stamp = Hlc::at(chrono::DateTime::from_timestamp(*mark, 0).unwrap_or_default()).0;
        while let Some(change) = next.next_if(|c| c.hlc >= stamp) {
            // A change to a prospect the book no longer has a row for
            // cannot move a figure read from the rows.
            let Some(snap) = state.get_mut(&change.prospect) else {
                continue;
            };
            total -= snap.weighted();
            snap.undo(change);
            total += snap.weighted();
        }
        weighted[i] = total;
        if at_end.is_none() {
            at_end = Some(state.clone());
        }
    }
    Walk {
        weighted,
        at_end: at_end.unwrap_or(state),
    }
}

/// One week end of the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PipelinePoint {
    /// The moment (RFC 3339, local time).
    pub at: String,
    /// The open value weighted by probability then, in cents.
    pub weighted_cents: i64,
}

/// A count and the value it carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// How many.
    pub count: u64,
    /// Their quote values, in cents.
    pub value_cents: i64,
}

impl Tally {
    /// Adds one prospect of `value` cents.
    pub fn add(&mut self, value: Option<i64>) {
        self.count += 1;
        self.value_cents = self.value_cents.saturating_add(value.unwrap_or(0));
    }
}

/// The weighted pipeline week by week, and what moved in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pipeline {
    /// The weighted open value at each week end, oldest first; the last is
    /// the period's end.
    pub weeks: Vec<PipelinePoint>,
    /// Prospects added in the period (value as at its end).
    pub entered: Tally,
    /// Finished prospects made active again in the period.
    pub reopened: Tally,
    /// Won in the period.
    pub won: Tally,
    /// Lost in the period.
    pub lost: Tally,
    /// Closed out in the period.
    pub closed_out: Tally,
}

/// What entered the pipeline in `from..to` (UTC seconds): creations, and
/// finished prospects made active again; each prospect once, as it stood
/// at the end (`at_end`).
pub fn entered(
    changes: &[FlowChange],
    at_end: &HashMap<i64, Snap>,
    from: i64,
    to: i64,
) -> (Tally, Tally) {
    let (lo, hi) = (stamp(from), stamp(to));
    let mut created = Tally::default();
    let mut reopened = Tally::default();
    let mut seen = std::collections::HashSet::new();
    for c in changes.iter().filter(|c| c.hlc >= lo && c.hlc < hi) {
        let Some(snap) = at_end.get(&c.prospect) else {
            continue;
        };
        if !snap.exists || snap.removed {
            continue;
        }
        let reopen = c.op == Op::Set
            && c.field.as_deref() == Some("status")
            && c.new.as_text() == Some("active")
            && c.old.as_text().is_some_and(|o| o != "active");
        if c.op == Op::Create && seen.insert((c.prospect, true)) {
            created.add(snap.value_cents);
        } else if reopen && seen.insert((c.prospect, false)) {
            reopened.add(snap.value_cents);
        }
    }
    (created, reopened)
}

/// The stamp of the first change at or after `secs`.
pub fn stamp(secs: i64) -> i64 {
    Hlc::at(chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default()).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, status: &str, value: i64, probability: i64) -> FlowRow {
        FlowRow {
            id,
            name: format!("p{id}"),
            status: status.into(),
            value_cents: Some(value),
            probability: Some(probability),
            lost_reason: None,
            removed: false,
            series_name: None,
        }
    }

    fn change(secs: i64, prospect: i64, op: Op, field: Option<&str>, old: Value) -> FlowChange {
        FlowChange {
            hlc: stamp(secs),
            prospect,
            op,
            field: field.map(str::to_string),
            old,
            new: Value::Null,
        }
    }

    #[test]
    fn walking_back_undoes_each_change_at_its_mark() {
        // Now: 1 won (was active, 1,000 at 50%), 2 active (2,000 at 10%,
        // probability raised from 5% at t=150, added at t=50).
        let rows = [row(1, "won", 1_000, 50), row(2, "active", 2_000, 10)];
        let now = 200;
        let changes = [
            change(150, 2, Op::Set, Some("probability"), Value::Int(5)),
            change(
                120,
                1,
                Op::Set,
                Some("status"),
                Value::Text("active".into()),
            ),
            change(50, 2, Op::Create, None, Value::Null),
        ];
        let walk = walk(now, &rows, &changes, &[0, 100, 130, 160]);
        assert_eq!(walk.weighted, [500, 500 + 100, 100, 200]);
        assert_eq!(walk.at_end[&2].probability, Some(10));
        let at_130 = walk_back_to(&rows, &changes, 130);
        assert_eq!(at_130, 100);
    }

    fn walk_back_to(rows: &[FlowRow], changes: &[FlowChange], mark: i64) -> i64 {
        walk(200, rows, changes, &[mark]).weighted[0]
    }

    #[test]
    fn a_removed_prospect_leaves_the_pipeline_and_its_return_brings_it_back() {
        let rows = [FlowRow {
            removed: true,
            status: "closed-out".into(),
            ..row(3, "active", 1_000, 100)
        }];
        let changes = [
            change(90, 3, Op::Remove, None, Value::Null),
            change(90, 3, Op::Set, Some("status"), Value::Text("active".into())),
        ];
        let w = walk(0, &rows, &changes, &[80, 100]);
        assert_eq!(w.weighted, [1_000, 0]);
    }
}

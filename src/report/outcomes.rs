//! Won, lost and closed out in the period: counts, values, each prospect,
//! and the lost reasons grouped.

use std::collections::HashMap;

use serde::Serialize;

use super::pipeline::{Snap, Tally, stamp};
use crate::store::FlowChange;

/// A prospect finished in the period, as it stood at the period's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finished {
    /// Local id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// won, lost or closed-out.
    pub status: String,
    /// When it finished, UTC seconds.
    #[serde(skip)]
    pub at: i64,
    /// When it finished (RFC 3339, local time).
    pub finished_at: String,
    /// Quote value in cents.
    pub value_cents: Option<i64>,
    /// Why it was lost.
    pub lost_reason: Option<String>,
    /// Contact attempts made up to its finish.
    pub contacts: u64,
}

/// Prospects whose status changed in `from..to` and that stood finished at
/// the end (a win undone the same week is no win), with when they finished
/// (their last status change in the period), by time.
pub fn finished_in(
    changes: &[FlowChange],
    at_end: &HashMap<i64, Snap>,
    from: i64,
    to: i64,
) -> Vec<Finished> {
    let (lo, hi) = (stamp(from), stamp(to));
    let mut out: Vec<Finished> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Changes come newest first: the first status change met is the last.
    for c in changes.iter().filter(|c| c.hlc >= lo && c.hlc < hi) {
        if c.field.as_deref() != Some("status") || !seen.insert(c.prospect) {
            continue;
        }
        let Some(snap) = at_end.get(&c.prospect) else {
            continue;
        };
        if !snap.exists || snap.removed || snap.status == "active" {
            continue;
        }
        out.push(Finished {
            id: c.prospect,
            name: snap.name.clone(),
            status: snap.status.clone(),
            at: crate::history::Hlc(c.hlc).time().timestamp(),
            finished_at: crate::history::Hlc(c.hlc)
                .time()
                .with_timezone(&chrono::Local)
                .to_rfc3339(),
            value_cents: snap.value_cents,
            lost_reason: snap.lost_reason.clone(),
            contacts: 0,
        });
    }
    out.sort_by_key(|f| (f.at, f.id));
    out
}

/// Lost prospects sharing a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The reason, as first written (`None`: none given).
    pub reason: Option<String>,
    /// How many.
    pub count: u64,
    /// Their quote values, in cents.
    pub value_cents: i64,
}

/// Won, lost and closed out in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcomes {
    /// Won.
    pub won: Tally,
    /// Lost.
    pub lost: Tally,
    /// Closed out (the series ended unanswered).
    pub closed_out: Tally,
    /// The lost reasons, most frequent first (the same words, whatever
    /// their case and spacing, are one reason).
    pub lost_reasons: Vec<Reason>,
    /// Every prospect finished, by time.
    pub finished: Vec<Finished>,
}

/// A reason's key: the same words whatever the case and spacing.
fn reason_key(reason: Option<&str>) -> String {
    reason
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The outcomes of `finished`.
pub fn outcomes(finished: Vec<Finished>) -> Outcomes {
    let mut won = Tally::default();
    let mut lost = Tally::default();
    let mut closed_out = Tally::default();
    let mut reasons: Vec<(String, Reason)> = Vec::new();
    for f in &finished {
        match f.status.as_str() {
            "won" => won.add(f.value_cents),
            "lost" => {
                lost.add(f.value_cents);
                let key = reason_key(f.lost_reason.as_deref());
                let reason = f
                    .lost_reason
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty());
                let at = match reasons.iter().position(|(k, _)| *k == key) {
                    Some(i) => i,
                    None => {
                        reasons.push((
                            key,
                            Reason {
                                reason: reason.map(str::to_string),
                                count: 0,
                                value_cents: 0,
                            },
                        ));
                        reasons.len() - 1
                    }
                };
                let r = &mut reasons[at].1;
                r.count += 1;
                r.value_cents = r.value_cents.saturating_add(f.value_cents.unwrap_or(0));
            }
            _ => closed_out.add(f.value_cents),
        }
    }
    let mut lost_reasons: Vec<Reason> = reasons.into_iter().map(|(_, r)| r).collect();
    lost_reasons.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.reason.cmp(&b.reason)));
    Outcomes {
        won,
        lost,
        closed_out,
        lost_reasons,
        finished,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lost(reason: Option<&str>, value: i64) -> Finished {
        Finished {
            id: 1,
            name: "x".into(),
            status: "lost".into(),
            at: 0,
            finished_at: String::new(),
            value_cents: Some(value),
            lost_reason: reason.map(str::to_string),
            contacts: 1,
        }
    }

    #[test]
    fn the_same_words_are_one_reason_most_frequent_first() {
        let o = outcomes(vec![
            lost(Some("Timing"), 1),
            lost(Some("Price"), 10),
            lost(Some("  price "), 20),
            lost(Some("PRICE"), 30),
            lost(None, 5),
            lost(Some("  "), 5),
        ]);
        let got: Vec<(Option<&str>, u64, i64)> = o
            .lost_reasons
            .iter()
            .map(|r| (r.reason.as_deref(), r.count, r.value_cents))
            .collect();
        assert_eq!(
            got,
            [
                (Some("Price"), 3, 60),
                (None, 2, 10),
                (Some("Timing"), 1, 1)
            ]
        );
        assert_eq!((o.lost.count, o.lost.value_cents), (6, 71));
    }
}

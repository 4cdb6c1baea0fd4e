//! The team's flow per consultant (`followup team status`): the day's
//! queues, the open pipeline and this week's contacts, wins and losses,
//! grouped by the prospect's owner.
//!
//! Each figure is one query over the same index ranges as the cockpit's
//! queues (`queues.rs`), grouped by `prospect.owner`, or the running
//! totals the book keeps per owner (the pipeline, the owed debriefs);
//! nothing walks the attempt or history tables (checked by
//! `status_queries_use_indexes`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ToSql};

use super::StoreError;
use super::convert::secs;
use super::queues::{
    DUE_TODAY, GONE_QUIET, ITEM_COLUMNS, NO_NEXT_STEP, OVERDUE, WITH_ALTERNATIVES, bind, item,
    place,
};
use crate::domain::{DayBounds, Money, QueueKind};

/// One consultant's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct OwnerStatus {
    /// The owner's author id in this book (`prospect.owner`).
    #[serde(skip)]
    pub owner: i64,
    /// The owner's author name.
    pub name: String,
    /// Next steps due today.
    pub due_today: u64,
    /// Next steps late.
    pub overdue: u64,
    /// Active prospects with nothing scheduled.
    pub no_next_step: u64,
    /// Active prospects gone quiet.
    pub gone_quiet: u64,
    /// Active prospects met and not debriefed since.
    pub no_debrief: u64,
    /// Open pipeline: active quote values weighted by probability.
    #[serde(rename = "weighted_pipeline_cents")]
    pub pipeline: Money,
    /// Attempts made since the week began.
    pub contacts_this_week: u64,
    /// Prospects won since the week began.
    pub won_this_week: u64,
    /// Prospects lost since the week began.
    pub lost_this_week: u64,
}

/// Active prospects' weighted quote values per owner, as the book keeps
/// them (migration 018). A total's row stays at zero once an owner's
/// pipeline has been and gone: it is no figure to show.
const PIPELINE: &str = "SELECT owner, weighted_cents FROM pipeline_total WHERE weighted_cents <> 0";

/// The debriefs each owner owes, as the book keeps them (migration 025).
const OWED_DEBRIEFS: &str = "SELECT owner, owed FROM debrief_owed_total WHERE owed <> 0";

/// Attempts since `:week` per owner. `last_contact_at` is the latest
/// attempt's time, so only prospects touched this week are visited (one
/// range of the status index per status), and each one's attempts are one
/// range of `attempt_by_prospect`.
const CONTACTS: &str = "SELECT p.owner, count(*) \
     FROM prospect p INDEXED BY prospect_by_status \
     CROSS JOIN attempt a INDEXED BY attempt_by_prospect \
         ON a.prospect_id = p.id AND a.at >= :week AND a.at <= :now \
     WHERE p.status IN ('active', 'won', 'lost', 'closed-out') AND p.last_contact_at >= :week \
     AND a.removed_at IS NULL GROUP BY p.owner";

/// Prospects won or lost since `:week` per owner: one range of the
/// finished prospects' close index (migration 016).
const FINISHED: &str = "SELECT p.owner, p.status, count(*) \
     FROM prospect p INDEXED BY prospect_finished_by_close \
     WHERE p.status IN ('won', 'lost') AND p.closed_at >= :week AND p.closed_at <= :now \
     AND p.removed_at IS NULL GROUP BY p.owner, p.status";

/// A queue's count per owner.
fn grouped(from: &str) -> String {
    format!("SELECT p.owner, count(*) {from} GROUP BY p.owner")
}

/// A queue's rows with alternatives, with their owner (column 14).
fn with_alternatives(from: &str) -> String {
    format!("SELECT {ITEM_COLUMNS}, p.owner {from}{WITH_ALTERNATIVES}")
}

/// The named parameters `sql` uses.
fn params<'a>(sql: &str, all: &'a [(&'static str, i64)]) -> Vec<(&'static str, &'a dyn ToSql)> {
    all.iter()
        .filter(|(name, _)| sql.contains(name))
        .map(|(n, v)| (*n, v as &dyn ToSql))
        .collect()
}

/// Every consultant's figures as of `bounds.now`, the week beginning at
/// `week_start`, sorted by name. An owner appears when any figure is not
/// zero.
pub fn team_status(
    conn: &Connection,
    bounds: &DayBounds,
    week_start: DateTime<Utc>,
) -> Result<Vec<OwnerStatus>, StoreError> {
    let mut all: Vec<(&'static str, i64)> = bind(bounds).to_vec();
    all.push((":week", secs(week_start)));
    let mut by_owner: BTreeMap<i64, OwnerStatus> = BTreeMap::new();
    let mut add = |sql: &str, set: &mut dyn FnMut(&mut OwnerStatus, i64)| {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params(sql, &all).as_slice(), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (owner, n) = row?;
            set(by_owner.entry(owner).or_default(), n);
        }
        Ok::<_, StoreError>(())
    };
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    add(&grouped(DUE_TODAY), &mut |o, v| o.due_today = n(v))?;
    add(&grouped(OVERDUE), &mut |o, v| o.overdue = n(v))?;
    add(&grouped(NO_NEXT_STEP), &mut |o, v| o.no_next_step = n(v))?;
    add(&grouped(GONE_QUIET), &mut |o, v| o.gone_quiet = n(v))?;
    add(OWED_DEBRIEFS, &mut |o, v| o.no_debrief = n(v))?;
    add(PIPELINE, &mut |o, v| o.pipeline = Money::from_cents(v))?;
    add(CONTACTS, &mut |o, v| o.contacts_this_week = n(v))?;
    // A step with alternatives is counted above by its span; the domain's
    // rules say which queue it is really in (see `queues::place`).
    for (from, kind) in [
        (DUE_TODAY, QueueKind::DueToday),
        (OVERDUE, QueueKind::Overdue),
    ] {
        let sql = with_alternatives(from);
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params(&sql, &all).as_slice(), |r| {
            Ok((r.get::<_, i64>(14)?, item(r)?))
        })?;
        for row in rows {
            let (owner, queued) = row?;
            if place(queued, bounds, kind).is_none()
                && let Some(o) = by_owner.get_mut(&owner)
            {
                let count = match kind {
                    QueueKind::DueToday => &mut o.due_today,
                    _ => &mut o.overdue,
                };
                *count = count.saturating_sub(1);
            }
        }
    }
    {
        let mut stmt = conn.prepare_cached(FINISHED)?;
        let rows = stmt.query_map(params(FINISHED, &all).as_slice(), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (owner, status, count) = row?;
            let o = by_owner.entry(owner).or_default();
            match status.as_str() {
                "won" => o.won_this_week = n(count),
                _ => o.lost_this_week = n(count),
            }
        }
    }
    let mut names = conn.prepare_cached("SELECT name FROM author WHERE id = ?1")?;
    let mut out = Vec::with_capacity(by_owner.len());
    for (owner, mut status) in by_owner {
        if status == (OwnerStatus::default()) {
            continue;
        }
        status.owner = owner;
        status.name = names
            .query_row([owner], |r| r.get::<_, String>(0))
            .unwrap_or_else(|_| format!("author {owner}"));
        out.push(status);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Every query [`team_status`] runs: for the query-plan test.
#[cfg(test)]
fn status_queries() -> Vec<String> {
    let mut all: Vec<String> = [DUE_TODAY, OVERDUE, NO_NEXT_STEP, GONE_QUIET]
        .into_iter()
        .map(grouped)
        .collect();
    all.extend([DUE_TODAY, OVERDUE].map(with_alternatives));
    all.extend([PIPELINE, OWED_DEBRIEFS, CONTACTS, FINISHED].map(String::from));
    all
}

#[cfg(test)]
#[path = "team_status_tests.rs"]
mod tests;

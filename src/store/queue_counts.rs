//! How long each of the day's queues is in all (their lists are capped),
//! and the running totals `today` reads instead of summing rows.

use rusqlite::{Connection, named_params};

use super::StoreError;
use super::queues::{
    DUE_TODAY, DUE_TODAY_COUNT, GONE_QUIET, GONE_QUIET_COUNT, NO_NEXT_STEP, OVERDUE, OVERDUE_COUNT,
    WITH_ALTERNATIVES, bind, list, place,
};
use crate::domain::{DayBounds, Money, QueueItem, QueueKind, TodayQueue};

/// The full size of a queue over open next steps: the query's count, less
/// the rows with alternatives that [`place`] leaves out. The count says
/// how many rows have alternatives too, so only a queue with some lists
/// them to place each: the usual queue is read once, not twice (at a
/// million prospects, 70,000 index entries fewer for `today`).
fn count_placed(
    conn: &Connection,
    (from, count_from): (&str, &str),
    bounds: &DayBounds,
    kind: QueueKind,
) -> Result<u64, StoreError> {
    let (all, with_alternatives) = counts(conn, COUNT_AND_ALTERNATIVES, count_from, bounds)?;
    if with_alternatives == 0 {
        return Ok(all);
    }
    let with_alternatives = format!("{from}{WITH_ALTERNATIVES}");
    let candidates = list(conn, &with_alternatives, "p.id", bounds, usize::MAX)?;
    let left_out = candidates
        .into_iter()
        .filter(|item| place(item.clone(), bounds, kind).is_none())
        .count() as u64;
    Ok(all.saturating_sub(left_out))
}

pub(super) fn count(conn: &Connection, from: &str, bounds: &DayBounds) -> Result<u64, StoreError> {
    Ok(counts(conn, COUNT, from, bounds)?.0)
}

/// What [`counts`] selects for a plain count, and for a queue over open
/// steps (the rows with alternatives among them: `windows` is in the
/// step indexes, so it adds no read).
pub(super) const COUNT: &str = "count(*), 0";
pub(super) const COUNT_AND_ALTERNATIVES: &str = "count(*), count(s.windows)";

/// Two counts (`what`, a pair of aggregates) over the rows of `from`.
fn counts(
    conn: &Connection,
    what: &str,
    from: &str,
    bounds: &DayBounds,
) -> Result<(u64, u64), StoreError> {
    let sql = format!("SELECT {what} {from}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let params = bind(bounds);
    let wanted: Vec<(&str, &dyn rusqlite::ToSql)> = params
        .iter()
        .filter(|(name, _)| sql.contains(name))
        .map(|(n, v)| (*n, v as &dyn rusqlite::ToSql))
        .collect();
    let (a, b): (i64, i64) = stmt.query_row(wanted.as_slice(), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((u64::try_from(a).unwrap_or(0), u64::try_from(b).unwrap_or(0)))
}

/// How many prospects each queue holds in all (the lists are capped).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct QueueCounts {
    /// Due today.
    pub due_today: u64,
    /// Overdue.
    pub overdue: u64,
    /// Active with no next step.
    pub no_next_step: u64,
    /// Gone quiet.
    pub gone_quiet: u64,
    /// Met and not debriefed.
    pub no_debrief: u64,
}

/// The full size of each queue, given the lists `today_queue` loaded with
/// `limit`: a list shorter than the limit is the whole queue, so only a
/// capped one is counted again.
pub fn queue_counts(
    conn: &Connection,
    bounds: &DayBounds,
    loaded: &TodayQueue,
    limit: usize,
) -> Result<QueueCounts, StoreError> {
    let size = |list: &[QueueItem], from: (&str, &str), kind: Option<QueueKind>| {
        if list.len() < limit {
            Ok(list.len() as u64)
        } else if let Some(kind) = kind {
            count_placed(conn, from, bounds, kind)
        } else {
            count(conn, from.1, bounds)
        }
    };
    Ok(QueueCounts {
        due_today: size(
            &loaded.due_today,
            (DUE_TODAY, DUE_TODAY_COUNT),
            Some(QueueKind::DueToday),
        )?,
        overdue: size(
            &loaded.overdue,
            (OVERDUE, OVERDUE_COUNT),
            Some(QueueKind::Overdue),
        )?,
        no_next_step: size(&loaded.no_next_step, (NO_NEXT_STEP, NO_NEXT_STEP), None)?,
        gone_quiet: size(&loaded.gone_quiet, (GONE_QUIET, GONE_QUIET_COUNT), None)?,
        no_debrief: if loaded.no_debrief.len() < limit {
            loaded.no_debrief.len() as u64
        } else {
            owed_debriefs(conn)?
        },
    })
}

/// How many debriefs are owed, from the running counts per owner
/// (migration 025) instead of a pass over them all.
fn owed_debriefs(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn
        .prepare_cached("SELECT coalesce(sum(owed), 0) FROM debrief_owed_total")?
        .query_row([], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The open pipeline: active quote values weighted by probability, from
/// the running totals per owner (migration 018) instead of a pass over
/// every active prospect.
pub fn weighted_pipeline(conn: &Connection) -> Result<Money, StoreError> {
    let cents: i64 = conn
        .prepare_cached("SELECT coalesce(sum(weighted_cents), 0) FROM pipeline_total")?
        .query_row(named_params! {}, |r| r.get(0))?;
    Ok(Money::from_cents(cents))
}

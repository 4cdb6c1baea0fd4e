//! The weekly flow review: reads what the period needs from the book
//! (`store/report.rs`) and hands it to the pure review (`report/`).

use std::collections::HashSet;

use chrono::{DateTime, Local, NaiveDate};

use super::{AppError, Context};
use crate::history::Op;
use crate::report::stopped::Rules;
use crate::report::{self, Period, Report, SeriesDef, pipeline};
use crate::store::{self, Book};

/// The review of `period`, as the book knew it at the period's end.
pub fn flow_report(book: &Book, ctx: &Context, period: Period) -> Result<Report, AppError> {
    let conn = book.conn();
    let (from, to) = (period.from_secs, period.to_secs);
    let first = period.marks.first().copied().unwrap_or(from).min(from);
    let since = pipeline::stamp(first);
    let changes = store::flow_changes_since(conn, since)?;
    let rows = store::rows_changed_since(conn, since)?;
    let walk = pipeline::walk(store::weighted_now(conn)?, &rows, &changes, &period.marks);
    let rules = Rules {
        quiet_days: i64::from(ctx.config.quiet_days.value),
        grace_minutes: i64::from(ctx.config.grace_minutes.value),
    };

    let mut finished = report::outcomes::finished_in(&changes, &walk.at_end, from, to);
    for f in &mut finished {
        f.contacts = store::contacts_of(conn, f.id, f.at + 1, to)?.len() as u64;
    }

    // Active at the end: active now and untouched since, or active then.
    let mut active: Vec<i64> = store::active_now(conn)?
        .into_iter()
        .filter(|id| !walk.at_end.contains_key(id))
        .collect();
    active.extend(
        walk.at_end
            .iter()
            .filter(|(_, s)| s.is_active())
            .map(|(id, _)| *id),
    );
    active.sort_unstable();
    let standings = active
        .iter()
        .map(|id| store::standing_at(conn, *id, to))
        .collect::<Result<Vec<_>, _>>()?;

    // Quoted in the period: the prospects added in it.
    let (lo, hi) = (pipeline::stamp(from), pipeline::stamp(to));
    let mut added = HashSet::new();
    let mut quotes = Vec::new();
    for c in changes.iter().rev() {
        let Some(snap) = walk.at_end.get(&c.prospect) else {
            continue;
        };
        let in_period = c.hlc >= lo && c.hlc < hi;
        if c.op == Op::Create
            && in_period
            && snap.exists
            && !snap.removed
            && added.insert(c.prospect)
        {
            let created = crate::history::Hlc(c.hlc).time().timestamp();
            let contacts = store::contacts_of(conn, c.prospect, to, to)?;
            let (quoted, next) = report::speed::first_follow_up(&contacts, created);
            // Won or lost at the quote: nothing to follow up.
            if next.is_some() || snap.is_active() {
                quotes.push((quoted, next));
            }
        }
    }
    let closed = store::steps_closed(conn, lo, hi)?;
    let day = |secs: i64| -> NaiveDate {
        DateTime::from_timestamp(secs, 0)
            .unwrap_or_default()
            .with_timezone(&Local)
            .date_naive()
    };
    let speed = report::speed::speed(&quotes, &closed, to, rules, &day);

    let defs: Vec<SeriesDef> = ctx
        .library
        .iter()
        .map(|s| SeriesDef {
            name: s.name.clone(),
            labels: s.steps.iter().map(|st| st.label.clone()).collect(),
        })
        .collect();
    let default = ctx.default_series().name.clone();
    let touches = store::series_touches(conn, from, to)?;
    let series = report::series::series_steps(&touches, &defs, &default);

    let (entered, reopened) = pipeline::entered(&changes, &walk.at_end, from, to);
    let stopped = report::stopped::stopped(&finished, &standings, to, rules);
    let contacts_to_win = report::contacts::contacts_to_win(&finished);
    let outcomes = report::outcomes::outcomes(finished);
    let weeks = period
        .marks
        .iter()
        .zip(&walk.weighted)
        .map(|(at, cents)| pipeline::PipelinePoint {
            at: DateTime::from_timestamp(*at, 0)
                .unwrap_or_default()
                .with_timezone(&Local)
                .to_rfc3339(),
            weighted_cents: *cents,
        })
        .collect();
    Ok(Report {
        pipeline: report::Pipeline {
            weeks,
            entered,
            reopened,
            won: outcomes.won,
            lost: outcomes.lost,
            closed_out: outcomes.closed_out,
        },
        period,
        outcomes,
        contacts_to_win,
        stopped,
        speed,
        series,
    })
}

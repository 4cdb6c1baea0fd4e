//! The weekly flow review: reads what the period needs from the book
//! (`store/report.rs`) and hands it to the pure review (`report/`).

use std::collections::HashSet;

use chrono::{DateTime, Local, NaiveDate};

use super::{AppError, Context};
use crate::history::Op;
use crate::report::stopped::Rules;
use crate::report::{self, Period, Report, SeriesDef, pipeline};
pub use crate::store::Consultant;
use crate::store::{self, Book};

/// The review of `period`, as the book knew it at the period's end.
pub fn flow_report(book: &Book, ctx: &Context, period: Period) -> Result<Report, AppError> {
    flow_report_of(book, ctx, period, None)
}

/// The review of `period` over the prospects one consultant owns now
/// (`Some`), or over the whole book (`None`).
pub fn flow_report_of(
    book: &Book,
    ctx: &Context,
    period: Period,
    consultant: Option<&Consultant>,
) -> Result<Report, AppError> {
    let owned = consultant
        .map(|c| store::owned_by(book.conn(), c.id))
        .transpose()?;
    let inputs = Inputs::read(book, &period)?;
    review(book, ctx, period, &inputs, consultant, owned.as_ref())
}

/// What every review of a period reads across the book: read once, then
/// narrowed to each consultant's prospects (`report --team`).
struct Inputs {
    changes: Vec<store::FlowChange>,
    rows: Vec<store::FlowRow>,
    active_now: Vec<i64>,
    closed: Vec<store::ClosedStep>,
    touches: Vec<store::SeriesTouch>,
}

impl Inputs {
    fn read(book: &Book, period: &Period) -> Result<Inputs, AppError> {
        let conn = book.conn();
        let (from, to) = (period.from_secs, period.to_secs);
        let first = period.marks.first().copied().unwrap_or(from).min(from);
        let since = pipeline::stamp(first);
        Ok(Inputs {
            changes: store::flow_changes_since(conn, since)?,
            rows: store::rows_changed_since(conn, since)?,
            active_now: store::active_now(conn)?,
            closed: store::steps_closed(conn, pipeline::stamp(from), pipeline::stamp(to))?,
            touches: store::series_touches(conn, from, to)?,
        })
    }
}

/// The review of `period` from `inputs`, over the prospects in `owned`
/// (`None`: all).
fn review(
    book: &Book,
    ctx: &Context,
    period: Period,
    inputs: &Inputs,
    consultant: Option<&Consultant>,
    owned: Option<&HashSet<i64>>,
) -> Result<Report, AppError> {
    let conn = book.conn();
    let mine = |id: &i64| owned.is_none_or(|o| o.contains(id));
    let (from, to) = (period.from_secs, period.to_secs);
    let changes: Vec<store::FlowChange> = inputs
        .changes
        .iter()
        .filter(|c| mine(&c.prospect))
        .cloned()
        .collect();
    let rows: Vec<store::FlowRow> = inputs
        .rows
        .iter()
        .filter(|r| mine(&r.id))
        .cloned()
        .collect();
    let weighted = match consultant {
        None => store::weighted_now(conn)?,
        Some(c) => store::weighted_now_of(conn, c.id)?,
    };
    let walk = pipeline::walk(weighted, &rows, &changes, &period.marks);
    let rules = Rules {
        quiet_days: i64::from(ctx.config.quiet_days.value),
        grace_minutes: i64::from(ctx.config.grace_minutes.value),
    };

    let mut finished = report::outcomes::finished_in(&changes, &walk.at_end, from, to);
    for f in &mut finished {
        f.contacts = store::contacts_of(conn, f.id, f.at + 1, to)?.len() as u64;
    }

    // Active at the end: active now and untouched since, or active then.
    let mut active: Vec<i64> = inputs
        .active_now
        .iter()
        .copied()
        .filter(|id| mine(id) && !walk.at_end.contains_key(id))
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
    let closed: Vec<store::ClosedStep> = inputs
        .closed
        .iter()
        .filter(|s| mine(&s.prospect))
        .cloned()
        .collect();
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
    let touches: Vec<store::SeriesTouch> = inputs
        .touches
        .iter()
        .filter(|t| mine(&t.prospect))
        .cloned()
        .collect();
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
        consultant: consultant.map(|c| c.name.clone()),
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

/// The consultant called `name` (a prospect owner in this book); a name
/// nobody owns prospects under is refused with the names there are.
pub fn consultant_named(book: &Book, name: &str) -> Result<Consultant, AppError> {
    let all = store::owners(book.conn())?;
    if let Some(c) = all.iter().find(|c| c.name == name) {
        return Ok(c.clone());
    }
    let known = all
        .iter()
        .map(|c| crate::domain::text::sanitize_line(&c.name).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    let name = crate::domain::text::sanitize_line(name);
    Err(AppError::Usage(if all.is_empty() {
        format!("no consultant called \"{name}\": nobody owns a prospect in this book yet")
    } else {
        format!("no consultant called \"{name}\" in this book; the consultants are: {known}")
    }))
}

/// The review of `period` for the whole book, and each consultant's
/// figures from their own review.
pub fn team_report(
    book: &Book,
    ctx: &Context,
    period: Period,
) -> Result<report::team::TeamReport, AppError> {
    let inputs = Inputs::read(book, &period)?;
    let mut consultants = Vec::new();
    let mut by_owner = store::prospects_by_owner(book.conn())?;
    for c in store::owners(book.conn())? {
        let owned = by_owner.remove(&c.id).unwrap_or_default();
        let theirs = review(book, ctx, period.clone(), &inputs, Some(&c), Some(&owned))?;
        consultants.push(report::team::Breakdown::of(&c.name, &theirs));
    }
    Ok(report::team::TeamReport {
        review: review(book, ctx, period, &inputs, None, None)?,
        consultants,
    })
}

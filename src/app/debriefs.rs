//! Recording the debriefs after an appointment, and reading them back as
//! the manager's coaching sheet.

use chrono::{DateTime, Local, Utc};

use super::next::{NextRequest, replace_step};
use super::undo::Change;
use super::{AppError, Context, active_prospect};
use crate::domain::themes::{Theme, themes};
use crate::domain::{
    Debrief, Money, NewDebrief, NextStep, Probability, Prospect, ProspectId, ProspectPatch,
    StepResolution, text,
};
use crate::schedule::describe_windows;
use crate::store::{self, Book};

/// The two debriefs as the consultant gives them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DebriefRequest {
    /// For the coordinator: the product they are likely to choose.
    pub product: Option<String>,
    /// For the coordinator: the value before taxes.
    pub value: Option<Money>,
    /// For the coordinator: the probability.
    pub probability: Option<Probability>,
    /// For the coordinator: when the follow-up is; it sets the next step
    /// (`None`: the open next step stands).
    pub next: Option<NextRequest>,
    /// For the manager: three things done well.
    pub well: [String; 3],
    /// For the manager: one thing to work on.
    pub work_on: String,
}

/// What recording a debrief did.
#[derive(Debug, Clone)]
pub struct Debriefed {
    /// The prospect afterwards.
    pub prospect: Prospect,
    /// The debrief recorded.
    pub debrief: Debrief,
    /// The open next step afterwards.
    pub next_step: Option<NextStep>,
    /// One line for the status bar or the terminal.
    pub summary: String,
    /// How to undo it.
    pub change: Change,
}

/// Records both debriefs of an appointment in one transaction: the
/// coordinator's figures update the prospect (so the history shows how the
/// estimate moved), the follow-up sets the next step, and the debrief is
/// kept as a row of its own (which takes the prospect off "no debrief").
pub fn record_debrief(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
    request: &DebriefRequest,
) -> Result<Debriefed, AppError> {
    let step = request
        .next
        .as_ref()
        .map(|n| n.resolve(ctx, &now))
        .transpose()?;
    let now_utc = now.with_timezone(&Utc);
    book.write(|tx| {
        let before = active_prospect(tx, id)?;
        let patch = ProspectPatch {
            product: request.product.clone().filter(|p| !p.trim().is_empty()),
            value: request.value.map(Some),
            probability: request.probability.map(Some),
            ..Default::default()
        }
        .validate()?;
        if !patch.is_empty() {
            store::update_prospect(tx, id, &patch, now_utc)?;
        }
        let (created, closed) = match &step {
            Some(step) => {
                let seen = request.next.as_ref().and_then(|n| n.seen);
                let (created, closed) =
                    replace_step(tx, &before, step, seen, StepResolution::Replaced, now_utc)?;
                (Some(created.id), closed)
            }
            None => (None, None),
        };
        let next_step = store::open_step(tx, id)?;
        // The follow-up as agreed: typed now, or the step already set.
        let follow_up = match (&request.next, &next_step) {
            (Some(next), _) => Some(next.when.clone()),
            (None, Some(s)) => Some(format!(
                "{} {}",
                s.action,
                describe_windows(s.parts(), &now, ctx.hours())
            )),
            (None, None) => None,
        };
        let new = NewDebrief::new(
            request.product.clone(),
            request.value,
            request.probability,
            follow_up,
            request.well.clone(),
            request.work_on.clone(),
        )
        .map_err(|e| AppError::Usage(e.to_string()))?;
        let debrief_id = store::insert_debrief(tx, id, &new, now_utc)?;
        let debrief = store::debrief(tx, debrief_id)?
            .ok_or_else(|| AppError::Refused("the debrief could not be read back".into()))?;
        let prospect = store::require_prospect(tx, id)?;
        let then = match &next_step {
            Some(s) => format!(
                "next {} {}",
                s.action,
                describe_windows(s.parts(), &now, ctx.hours())
            ),
            None => "no next step yet: set one".into(),
        };
        let summary = format!(
            "Debrief recorded for {} — {then}",
            text::sanitize_line(&prospect.name)
        );
        let change = Change::modified(&before, summary.clone())
            .with_steps(created, closed)
            .with_debrief(debrief_id)
            .seal(tx)?;
        Ok(Debriefed {
            prospect,
            debrief,
            next_step,
            summary,
            change,
        })
    })
}

/// The manager's coaching sheet over a period.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CoachingSheet {
    /// The debriefs, newest first, each with the prospect's name.
    pub debriefs: Vec<(Debrief, String)>,
    /// Themes of the "work on" items (see `domain::themes` for the rule).
    pub work_on_themes: Vec<Theme>,
    /// Themes of the "done well" items.
    pub well_themes: Vec<Theme>,
}

/// How many debriefs a coaching sheet reads at most.
pub const COACHING_LIMIT: usize = 1000;

/// The debriefs recorded since `since` (all when `None`), with the themes
/// that recur in them.
pub fn coaching_sheet(
    conn: &rusqlite::Connection,
    since: Option<DateTime<Utc>>,
) -> Result<CoachingSheet, AppError> {
    let debriefs = store::debriefs_since(conn, since, COACHING_LIMIT)?;
    let work_on_themes = themes(debriefs.iter().map(|(d, _)| d.work_on.as_str()), 10);
    let well_themes = themes(
        debriefs
            .iter()
            .flat_map(|(d, _)| d.well.iter().map(String::as_str)),
        10,
    );
    Ok(CoachingSheet {
        debriefs,
        work_on_themes,
        well_themes,
    })
}

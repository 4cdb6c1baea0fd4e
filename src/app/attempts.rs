//! Logging a contact attempt: the voicemail series decides what comes next
//! unless the user says.

use chrono::{DateTime, Local, Utc};

use super::next::{NextRequest, replace_step};
use super::undo::Change;
use super::{AppError, Context, EditRequest, active_prospect, guard};
use crate::domain::{
    Action, Attempt, Channel, NewAttempt, NewNextStep, NextStep, Outcome, Prospect, ProspectId,
    SeriesState, Status, StepResolution, text,
};
use crate::schedule::describe_windows;
use crate::series::{NextPlan, Position, plan_attempt, plan_without_series};
use crate::store::{self, Book};

/// An attempt as the user reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRequest {
    /// How it went.
    pub outcome: Outcome,
    /// How it was made, if not the outcome's usual channel.
    pub channel: Option<Channel>,
    /// What was said or agreed.
    pub note: Option<String>,
    /// The agreed next step; overrides the series.
    pub next: Option<NextRequest>,
    /// What the conversation changed (objection, decision process,
    /// probability, value), written in the same transaction.
    pub update: Option<EditRequest>,
}

impl LogRequest {
    /// An attempt with just an outcome.
    pub fn outcome(outcome: Outcome) -> Self {
        LogRequest {
            outcome,
            channel: None,
            note: None,
            next: None,
            update: None,
        }
    }
}

/// What logging an attempt did.
#[derive(Debug, Clone)]
pub struct Logged {
    /// The prospect afterwards.
    pub prospect: Prospect,
    /// The attempt recorded.
    pub attempt: Attempt,
    /// The open next step afterwards, if any.
    pub next_step: Option<NextStep>,
    /// True if this attempt performed the final step and closed the prospect out.
    pub closed_out: bool,
    /// One line for the status bar or the terminal.
    pub summary: String,
    /// How to undo it.
    pub change: Change,
}

/// Records an attempt, advances the voicemail series, and schedules what
/// comes next, in one transaction.
pub fn log_attempt(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
    request: &LogRequest,
) -> Result<Logged, AppError> {
    if let Some(note) = &request.note {
        text::check_free_text("note", note)?;
    }
    let user_step = request
        .next
        .as_ref()
        .map(|n| n.resolve(ctx, &now))
        .transpose()?;
    let update = request
        .update
        .as_ref()
        .map(|u| u.patch.clone().validate())
        .transpose()?;
    let now_utc = now.with_timezone(&Utc);
    book.write(|tx| {
        let before = active_prospect(tx, id)?;
        if let (Some(patch), Some(edit)) = (&update, &request.update) {
            guard::check_fields(patch, edit.seen.as_deref(), &before)?;
            store::update_prospect(tx, id, patch, now_utc)?;
        }
        let series = ctx.series_for(&before);
        // A pause whose end has passed is over: the series runs again.
        let position = Position {
            performed: before.series.performed,
            paused: before.series.is_paused(now_utc),
        };
        let plan = match series {
            Some(series) => plan_attempt(series, &position, request.outcome, &now, ctx.hours())
                .map_err(|e| {
                    AppError::Refused(format!(
                        "the series \"{}\" cannot schedule: {e}",
                        series.name
                    ))
                })?,
            // Never another series' steps: only what needs none, else refused.
            None => plan_without_series(&position, request.outcome)
                .ok_or_else(|| ctx.series_missing(&before))?,
        };

        let attempt_id = store::insert_attempt(
            tx,
            &NewAttempt {
                prospect_id: id,
                at: now_utc,
                channel: request.channel.unwrap_or(request.outcome.default_channel()),
                outcome: request.outcome,
                note: request.note.clone(),
                series_step: plan.step_performed,
            },
            now_utc,
        )?;
        // A back-dated entry (logged later from notes) never moves the last
        // contact backwards.
        let last_contact = before.last_contact_at.map_or(now_utc, |t| t.max(now_utc));
        store::set_last_contact(tx, id, Some(last_contact), now_utc)?;
        store::set_series(
            tx,
            id,
            &SeriesState {
                name: before.series.name.clone(),
                performed: plan.position.performed,
                paused: plan.position.paused,
                // Still held: the pause keeps its end; otherwise it is over.
                paused_until: before.series.paused_until.filter(|_| plan.position.paused),
            },
            now_utc,
        )?;

        let open = store::open_step(tx, id)?;
        // A step whose window has opened is what this attempt just did; a
        // future one (a callback agreed for next month) still stands.
        let open_is_due = open.as_ref().is_some_and(|s| s.window.start <= now_utc);
        // The step this attempt did is done; a future one it supersedes was
        // replaced (the flow report tells the two apart).
        let replaced_as = if open_is_due || open.is_none() {
            StepResolution::Done
        } else {
            StepResolution::Replaced
        };
        let mut closed_out = false;
        let (created, closed) = match (&user_step, &plan.next) {
            (Some(step), _) => {
                let seen = request.next.as_ref().and_then(|n| n.seen);
                let (created, closed) =
                    replace_step(tx, &before, step, seen, replaced_as, now_utc)?;
                (Some(created.id), closed)
            }
            (None, NextPlan::Schedule { action, window }) => {
                let step = NewNextStep::in_window(*action, *window, None);
                let (created, closed) =
                    replace_step(tx, &before, &step, None, replaced_as, now_utc)?;
                (Some(created.id), closed)
            }
            (None, NextPlan::CloseOut) => {
                let closed = store::close_open_step(tx, id, StepResolution::Done, now_utc)?;
                store::set_status(tx, id, Status::ClosedOut, None, now_utc)?;
                closed_out = true;
                (None, closed.map(|s| s.id))
            }
            (None, NextPlan::AskUser) => {
                let closed = if open_is_due {
                    store::close_open_step(tx, id, StepResolution::Done, now_utc)?
                } else {
                    None
                };
                (None, closed.map(|s| s.id))
            }
            (None, NextPlan::KeepOpenStep) => {
                let email_done = open.as_ref().is_some_and(|s| s.action == Action::Email)
                    && request.outcome == Outcome::Email
                    && open_is_due;
                let closed = if email_done {
                    store::close_open_step(tx, id, StepResolution::Done, now_utc)?
                } else {
                    None
                };
                (None, closed.map(|s| s.id))
            }
        };

        let prospect = store::require_prospect(tx, id)?;
        let attempt = store::attempt(tx, attempt_id)?
            .ok_or_else(|| AppError::Refused("the attempt could not be read back".into()))?;
        let next_step = store::open_step(tx, id)?;
        let summary = summarize(
            ctx,
            &now,
            &prospect,
            &attempt,
            next_step.as_ref(),
            closed_out,
            series,
        );
        let change = Change::modified(&before, summary.clone())
            .with_attempt(attempt_id)
            .with_steps(created, closed)
            .seal(tx)?;
        Ok(Logged {
            prospect,
            attempt,
            next_step,
            closed_out,
            summary,
            change,
        })
    })
}

fn summarize(
    ctx: &Context,
    now: &DateTime<Local>,
    prospect: &Prospect,
    attempt: &Attempt,
    next: Option<&NextStep>,
    closed_out: bool,
    series: Option<&crate::series::Series>,
) -> String {
    let what = match (attempt.series_step, series) {
        // Reaching them leaves the series: the step is history, not news.
        (Some(_), _) if attempt.outcome.is_contact() => outcome_phrase(attempt.outcome).to_string(),
        (Some(n), Some(series)) => {
            let label = series
                .steps
                .get(n.saturating_sub(1) as usize)
                .map(|s| s.label.as_str())
                .unwrap_or("step");
            format!(
                "{} ({label}, step {n}/{})",
                outcome_phrase(attempt.outcome),
                series.steps.len()
            )
        }
        _ => outcome_phrase(attempt.outcome).to_string(),
    };
    let name = text::sanitize_line(&prospect.name);
    let then = if closed_out {
        "series finished, closed out".to_string()
    } else if let Some(step) = next {
        format!(
            "next {} {}",
            step.action,
            describe_windows(step.parts(), now, ctx.hours())
        )
    } else {
        "no next step yet: set one".to_string()
    };
    format!("{what} logged for {name} — {then}")
}

fn outcome_phrase(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Reached => "Conversation",
        Outcome::Voicemail => "Voicemail",
        Outcome::NoAnswer => "No answer",
        Outcome::Email => "Email",
        Outcome::Meeting => "Meeting",
        Outcome::Quote => "Quote",
    }
}

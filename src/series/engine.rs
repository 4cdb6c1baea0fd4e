//! The series engine: given where a prospect is in a series and how an
//! attempt went, what was performed and what happens next. Pure: `now` and
//! business hours are arguments.

use chrono::{DateTime, TimeZone};
use thiserror::Error;

use super::model::{Series, Step, StepKind};
use super::template::Template;
use crate::domain::{Action, Outcome, SeriesState};
use crate::schedule::{BusinessHours, Window, WindowError, schedule_in_business_hours};

/// Where a prospect is in its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// Steps done in the current chase; 0 means not chasing. The current
    /// step is `performed + 1` (clamped to the last step).
    pub performed: u32,
    /// True while the series is held: attempts do not advance it.
    pub paused: bool,
}

impl From<&SeriesState> for Position {
    fn from(state: &SeriesState) -> Self {
        Position {
            performed: state.performed,
            paused: state.paused,
        }
    }
}

/// What the application should do after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextPlan {
    /// Schedule this next step.
    Schedule {
        /// Call or email.
        action: Action,
        /// When.
        window: Window,
    },
    /// The final step was performed: close the prospect out.
    CloseOut,
    /// The series does not decide: ask the user for the next step (they
    /// answered, or the series is paused).
    AskUser,
    /// Nothing changes: keep the open next step as it is.
    KeepOpenStep,
}

/// The engine's answer for one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The 1-based step this attempt performed, to record on the attempt.
    pub step_performed: Option<u32>,
    /// The prospect's position after the attempt.
    pub position: Position,
    /// What happens next.
    pub next: NextPlan,
}

/// Why the engine could not plan.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EngineError {
    /// The series has no steps.
    #[error("series \"{0}\" has no steps")]
    EmptySeries(String),
    /// No call or voicemail step is left after the current email steps.
    #[error("series \"{0}\" has no call or voicemail step after step {1}")]
    NoCallStep(String, u32),
    /// A step other than `final` has no `next` rule.
    #[error("step {0} of series \"{1}\" has no `next` rule")]
    MissingRule(u32, String),
    /// A step's `next` rule could not be scheduled.
    #[error("step {step} of series \"{series}\": cannot schedule \"{rule}\": {source}")]
    Schedule {
        /// The series name.
        series: String,
        /// The 1-based step.
        step: u32,
        /// The rule.
        rule: String,
        /// Why it failed.
        source: WindowError,
    },
}

/// Placeholder step for a series with no steps (never valid).
static NO_STEP: Step = Step {
    kind: StepKind::Final,
    label: String::new(),
    script: Template::empty(),
    next: None,
};

/// 0-based index of the current step, clamped to the last step.
fn current_index(series: &Series, pos: &Position) -> usize {
    let performed = usize::try_from(pos.performed).unwrap_or(usize::MAX);
    performed.min(series.steps.len().saturating_sub(1))
}

/// 1-based step number of a 0-based index.
fn number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// The current step (1-based number and the step): `performed + 1`, clamped
/// to the last step (e.g. after the series was edited shorter).
pub fn current_step<'a>(series: &'a Series, pos: &Position) -> (u32, &'a Step) {
    let i = current_index(series, pos);
    (number(i), series.steps.get(i).unwrap_or(&NO_STEP))
}

/// Schedules `step`'s `next` rule.
fn schedule_after<Tz: TimeZone>(
    series: &Series,
    index: usize,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
) -> Result<Window, EngineError> {
    let step = number(index);
    let rule = series
        .steps
        .get(index)
        .and_then(|s| s.next.as_deref())
        .ok_or_else(|| EngineError::MissingRule(step, series.name.clone()))?;
    schedule_in_business_hours(rule, now, hours).map_err(|source| EngineError::Schedule {
        series: series.name.clone(),
        step,
        rule: rule.to_string(),
        source,
    })
}

/// When to try the final step again after nobody answered: the spacing of
/// the step before it, or the next business day.
fn retry_final<Tz: TimeZone>(
    series: &Series,
    index: usize,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
) -> Result<Window, EngineError> {
    match index.checked_sub(1) {
        Some(before) if series.steps.get(before).is_some_and(|s| s.next.is_some()) => {
            schedule_after(series, before, now, hours)
        }
        _ => schedule_in_business_hours("next business day", now, hours).map_err(|source| {
            EngineError::Schedule {
                series: series.name.clone(),
                step: number(index),
                rule: "next business day".into(),
                source,
            }
        }),
    }
}

/// Performs the step at `index`: records it and plans what follows.
fn perform<Tz: TimeZone>(
    series: &Series,
    index: usize,
    pos: &Position,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
) -> Result<Plan, EngineError> {
    let n = number(index);
    let position = Position {
        performed: n,
        paused: pos.paused,
    };
    let is_final = series
        .steps
        .get(index)
        .is_some_and(|s| s.kind == StepKind::Final);
    let next = if is_final {
        NextPlan::CloseOut
    } else {
        let following_is_email = series
            .steps
            .get(index + 1)
            .is_some_and(|s| s.kind == StepKind::Email);
        NextPlan::Schedule {
            action: if following_is_email {
                Action::Email
            } else {
                Action::Call
            },
            window: schedule_after(series, index, now, hours)?,
        }
    };
    Ok(Plan {
        step_performed: Some(n),
        position,
        next,
    })
}

/// Plans the consequences of an attempt with `outcome`, logged at `now`.
///
/// - voicemail / no answer: performs the current call step; on an email
///   step it performs nothing (the email is still owed: `e` does it); a
///   `final` step closes out,
///   otherwise its rule schedules the next attempt (an email if the following
///   step is one, else a call). Only leaving the final voicemail closes out:
///   no answer on the final step performs nothing and schedules a retry;
/// - email: performs the current step if it is an email step; otherwise the
///   email is outside the series and changes nothing;
/// - reached / meeting: leaves the series; the user gives the next step.
///
/// While paused nothing advances: an unanswered attempt or an email keeps
/// the open step as it is (never leaving a held prospect with nothing
/// scheduled), and reaching the prospect still ends the chase.
pub fn plan_attempt<Tz: TimeZone>(
    series: &Series,
    pos: &Position,
    outcome: Outcome,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
) -> Result<Plan, EngineError> {
    if series.steps.is_empty() {
        return Err(EngineError::EmptySeries(series.name.clone()));
    }
    let left = Position {
        performed: 0,
        paused: false,
    };
    let unchanged = |next| Plan {
        step_performed: None,
        position: *pos,
        next,
    };
    let cur = current_index(series, pos);
    match outcome {
        Outcome::Reached | Outcome::Meeting | Outcome::Quote => Ok(Plan {
            step_performed: (pos.performed > 0 && !pos.paused).then(|| number(cur)),
            position: left,
            next: NextPlan::AskUser,
        }),
        // Held: the agreed next step stands whatever the attempt was; a
        // paused prospect must never be left with nothing scheduled.
        _ if pos.paused => Ok(unchanged(NextPlan::KeepOpenStep)),
        Outcome::Email => {
            if series
                .steps
                .get(cur)
                .is_some_and(|s| s.kind == StepKind::Email)
            {
                perform(series, cur, pos, now, hours)
            } else {
                Ok(unchanged(NextPlan::KeepOpenStep))
            }
        }
        // An email step is done by sending the email: a call made meanwhile
        // is recorded outside the series and the email is still owed.
        Outcome::Voicemail | Outcome::NoAnswer
            if series
                .steps
                .get(cur)
                .is_some_and(|s| s.kind == StepKind::Email) =>
        {
            Ok(unchanged(NextPlan::KeepOpenStep))
        }
        Outcome::Voicemail | Outcome::NoAnswer => {
            let index = (cur..series.steps.len())
                .find(|&i| series.steps.get(i).is_some_and(|s| s.kind.is_call()))
                .ok_or_else(|| EngineError::NoCallStep(series.name.clone(), number(cur)))?;
            let is_final = series
                .steps
                .get(index)
                .is_some_and(|s| s.kind == StepKind::Final);
            if is_final && outcome == Outcome::NoAnswer {
                // The breakup message was not left: only leaving it closes
                // the prospect out. Try again with the spacing that led here.
                return Ok(unchanged(NextPlan::Schedule {
                    action: Action::Call,
                    window: retry_final(series, index, now, hours)?,
                }));
            }
            perform(series, index, pos, now, hours)
        }
    }
}

/// Plans an attempt for a prospect whose series is missing (its file is gone
/// or did not load), where that needs no step of it: reaching them still
/// ends the chase, and a paused series still holds. `None` for what the
/// series itself would decide (an unanswered attempt, an email while
/// chasing): those wait until the series is back.
pub fn plan_without_series(pos: &Position, outcome: Outcome) -> Option<Plan> {
    let unchanged = |next| Plan {
        step_performed: None,
        position: *pos,
        next,
    };
    match outcome {
        // Which step was current is the series' to say: none is recorded.
        Outcome::Reached | Outcome::Meeting | Outcome::Quote => Some(Plan {
            step_performed: None,
            position: Position::default(),
            next: NextPlan::AskUser,
        }),
        Outcome::Email | Outcome::Voicemail | Outcome::NoAnswer if pos.paused => {
            Some(unchanged(NextPlan::KeepOpenStep))
        }
        Outcome::Email | Outcome::Voicemail | Outcome::NoAnswer => None,
    }
}

/// When the next phone attempt (call, voicemail or final) would be if the
/// current step goes unanswered: the current step's rule, then the rules of
/// any email steps in between, each from when the previous window opens
/// (or from `now` if it is already open).
/// `None` when the current step is the last one (or a rule fails).
/// Used to fill `{next_call}` in the current step's script.
pub fn next_call<Tz: TimeZone>(
    series: &Series,
    pos: &Position,
    now: &DateTime<Tz>,
    hours: &BusinessHours,
) -> Option<Window> {
    let tz = now.timezone();
    let mut index = current_index(series, pos);
    let mut at: DateTime<Tz> = now.clone();
    loop {
        let window = schedule_after(series, index, &at, hours).ok()?;
        index += 1;
        let step = series.steps.get(index)?;
        if step.kind.is_call() {
            return Some(window);
        }
        at = window.start.with_timezone(&tz).max(at);
    }
}

/// How far a prospect is through its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Steps done (at most `total`).
    pub done: u32,
    /// Steps in the series.
    pub total: u32,
    /// Voicemail steps (including the final one) done.
    pub voicemails_done: u32,
    /// Voicemail steps (including the final one) in the series.
    pub voicemails_total: u32,
}

/// Progress through the series at `pos`.
pub fn progress(series: &Series, pos: &Position) -> Progress {
    let total = series.steps.len();
    let done = usize::try_from(pos.performed)
        .unwrap_or(usize::MAX)
        .min(total);
    let voicemails = |steps: &[Step]| {
        let n = steps.iter().filter(|s| s.kind.is_voicemail()).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    Progress {
        done: u32::try_from(done).unwrap_or(u32::MAX),
        total: u32::try_from(total).unwrap_or(u32::MAX),
        voicemails_done: voicemails(series.steps.get(..done).unwrap_or_default()),
        voicemails_total: voicemails(&series.steps),
    }
}

/// Most symbols a progress bar shows; longer series are scaled down.
const BAR_MAX: u32 = 12;

/// A bar like `●●●○○○○`: one symbol per step, scaled to at most 12 symbols
/// (a partly done series never shows as empty or full when scaled).
pub fn progress_bar(done: u32, total: u32) -> String {
    let done = done.min(total);
    let (filled, width) = if total <= BAR_MAX {
        (done, total)
    } else {
        let scaled =
            (u64::from(done) * u64::from(BAR_MAX) + u64::from(total) / 2) / u64::from(total);
        let mut filled = u32::try_from(scaled).unwrap_or(BAR_MAX);
        if done > 0 {
            filled = filled.max(1);
        }
        if done < total {
            filled = filled.min(BAR_MAX - 1);
        }
        (filled, BAR_MAX)
    };
    let mut bar = "●".repeat(filled as usize);
    bar.push_str(&"○".repeat((width - filled) as usize));
    bar
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;

//! Read-only views of the book: a prospect, the day's queue, a script.

use chrono::{DateTime, Local, Utc};
use serde::Serialize;

use super::{AppError, Context};
use crate::domain::{
    Action, Attempt, DayBounds, Money, NextStep, Prospect, ProspectId, TodayQueue, text,
};
use crate::schedule::{describe_instant, describe_window, describe_windows};
use crate::series::{self, Position, StepKind, TemplateContext};
use crate::store::{self, Book, QueueCounts};

/// A prospect with its history and what is next.
#[derive(Debug, Clone)]
pub struct ProspectView {
    /// The prospect.
    pub prospect: Prospect,
    /// Attempts, newest first.
    pub attempts: Vec<Attempt>,
    /// The newest conversation (reached or met): when they last spoke,
    /// which later voicemails and emails do not change.
    pub last_conversation: Option<Attempt>,
    /// The open next step.
    pub next_step: Option<NextStep>,
    /// Where they are in their series.
    pub series: SeriesView,
    /// A customer's after-sale plan (`None` before any purchase).
    pub plan: Option<super::PlanView>,
    /// The newest debrief, if any.
    pub last_debrief: Option<crate::domain::Debrief>,
}

impl ProspectView {
    /// What was discussed, for the reminder and the scripts: the note of the
    /// newest conversation (reached or meeting), else the newest attempt
    /// note, else the last entry of the notes. Sanitised, one line.
    pub fn discussed(&self) -> Option<String> {
        self.discussed_lines()
            .map(|n| text::sanitize_line(&n).trim().to_string())
    }

    /// [`discussed`](Self::discussed) with its line breaks (a note of
    /// several lines), each line made safe: for the detail pane.
    pub fn discussed_lines(&self) -> Option<String> {
        let note_of = |conversation: bool| {
            self.attempts
                .iter()
                .filter(|a| !conversation || a.outcome.is_contact())
                .filter_map(|a| a.note.as_deref())
                .find(|n| !n.trim().is_empty())
        };
        let last_conversation = self
            .last_conversation
            .as_ref()
            .and_then(|a| a.note.as_deref())
            .filter(|n| !n.trim().is_empty());
        last_conversation
            .or_else(|| note_of(true))
            .or_else(|| note_of(false))
            .map(str::to_string)
            .or_else(|| last_entry(self.prospect.notes.as_deref()?))
            .map(|n| text::sanitize_text(n.trim()).into_owned())
    }
}

/// The last dated entry of a prospect's notes, whole: a note of several
/// lines is stored with its later lines indented under the date (see
/// `prospects::appended`), so its last line alone would be a fragment of
/// it. The indentation is dropped; blank lines inside it are kept.
fn last_entry(notes: &str) -> Option<String> {
    let lines: Vec<&str> = notes.lines().collect();
    let starts = |l: &&str| !l.trim().is_empty() && !l.starts_with(char::is_whitespace);
    let start = lines.iter().rposition(starts).or_else(|| {
        // Only indented lines: the last of them, as before entries had lines.
        lines.iter().rposition(|l| !l.trim().is_empty())
    })?;
    let entry: Vec<&str> = lines[start..].iter().map(|l| l.trim()).collect();
    Some(entry.join("\n").trim().to_string())
}

/// A prospect's place in their voicemail series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesView {
    /// Series name.
    pub name: String,
    /// The current step (1-based): the one the next unanswered attempt performs.
    pub step: u32,
    /// Steps in the series.
    pub steps: u32,
    /// Steps done in the current chase.
    pub done: u32,
    /// The current step's label.
    pub label: String,
    /// The current step's kind.
    pub kind: String,
    /// True while held (check `paused_until` against now: a pause whose end
    /// has passed is over).
    pub paused: bool,
    /// When a held series resumes by itself; `None`: until resumed.
    pub paused_until: Option<DateTime<Utc>>,
    /// True when the series is missing (its file is gone or did not load):
    /// `name` is the prospect's own, `steps` is 0 and `label` says so.
    pub missing: bool,
}

impl SeriesView {
    /// True if the series is held at `now` (a pause whose end has passed is
    /// over, though the book still records it until the next write).
    pub fn is_paused(&self, now: DateTime<Utc>) -> bool {
        self.paused && self.paused_until.is_none_or(|until| until > now)
    }
}

/// What stands for a missing series' step label, in every view.
fn missing_label(name: &str) -> String {
    format!("series '{name}' is missing")
}

/// The series position of `prospect`. A missing series keeps its name and
/// is shown as such, never as another series' position.
pub fn series_view(ctx: &Context, prospect: &Prospect) -> SeriesView {
    let position = Position {
        performed: prospect.series.performed,
        paused: prospect.series.paused,
    };
    let Some(series) = ctx.series_for(prospect) else {
        let name = prospect.series.name.clone().unwrap_or_default();
        return SeriesView {
            label: missing_label(&name),
            name,
            step: prospect.series.performed.saturating_add(1),
            steps: 0,
            done: prospect.series.performed,
            kind: "missing".to_string(),
            paused: prospect.series.paused,
            paused_until: prospect.series.paused_until,
            missing: true,
        };
    };
    let (step, current) = series::current_step(series, &position);
    SeriesView {
        name: series.name.clone(),
        step,
        steps: u32::try_from(series.steps.len()).unwrap_or(u32::MAX),
        done: prospect
            .series
            .performed
            .min(u32::try_from(series.steps.len()).unwrap_or(u32::MAX)),
        label: current.label.clone(),
        kind: kind_word(current.kind).to_string(),
        paused: prospect.series.paused,
        paused_until: prospect.series.paused_until,
        missing: false,
    }
}

fn kind_word(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Call => "call",
        StepKind::Voicemail => "voicemail",
        StepKind::Email => "email",
        StepKind::Final => "final",
    }
}

/// One prospect with at most `attempt_limit` attempts.
pub fn prospect_view(
    book: &Book,
    ctx: &Context,
    id: ProspectId,
    attempt_limit: usize,
) -> Result<ProspectView, AppError> {
    let conn = book.conn();
    let prospect = store::require_prospect(conn, id)?;
    let attempts = store::attempts_for(conn, id, attempt_limit)?;
    let next_step = store::open_step(conn, id)?;
    let series = series_view(ctx, &prospect);
    let last_conversation = store::last_conversation(conn, id)?;
    let plan = super::plan_view(conn, ctx, &prospect)?;
    let last_debrief = store::debriefs_for(conn, id, 1)?.into_iter().next();
    Ok(ProspectView {
        prospect,
        attempts,
        last_conversation,
        next_step,
        series,
        plan,
        last_debrief,
    })
}

/// The day's queue with its full counts and the weighted pipeline.
#[derive(Debug, Clone)]
pub struct Today {
    /// The bounds it was computed for.
    pub bounds: DayBounds,
    /// The queues (each capped).
    pub queue: TodayQueue,
    /// The full size of each queue.
    pub counts: QueueCounts,
    /// Open pipeline value weighted by probability.
    pub pipeline: Money,
}

/// The day's queue as of `now`, each list at most `limit` long.
pub fn today(
    book: &Book,
    ctx: &Context,
    now: &DateTime<Local>,
    limit: usize,
) -> Result<Today, AppError> {
    let bounds =
        DayBounds::new(now, ctx.config.quiet_days.value).with_grace(ctx.config.grace_minutes.value);
    let conn = book.conn();
    let queue = store::today_queue(conn, &bounds, limit)?;
    Ok(Today {
        bounds,
        counts: store::queue_counts(conn, &bounds, &queue, limit)?,
        queue,
        pipeline: store::weighted_pipeline(conn)?,
    })
}

/// Every consultant's figures in this book as of `now` (see
/// `store::team_status`); the week begins on Monday at local midnight.
pub fn team_status(
    book: &Book,
    ctx: &Context,
    now: &DateTime<Local>,
) -> Result<Vec<store::OwnerStatus>, AppError> {
    use chrono::Datelike;
    let bounds =
        DayBounds::new(now, ctx.config.quiet_days.value).with_grace(ctx.config.grace_minutes.value);
    let monday = *now - chrono::Duration::days(i64::from(now.weekday().num_days_from_monday()));
    let week_start = DayBounds::new(&monday, 0).day_start;
    Ok(store::team_status(book.conn(), &bounds, week_start)?)
}

/// The current step's script, filled in for one prospect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScriptView {
    /// Current step, 1-based.
    pub step: u32,
    /// Steps in the series.
    pub steps: u32,
    /// Step label.
    pub label: String,
    /// Step kind.
    pub kind: String,
    /// The filled script.
    pub text: String,
}

/// How a finished status reads in a sentence ("closed out", not the
/// command-line word "closed-out").
pub fn finished_word(status: crate::domain::Status) -> &'static str {
    match status {
        crate::domain::Status::ClosedOut => "closed out",
        other => other.as_str(),
    }
}

/// Refuses a script for a finished prospect: the series is over, and the
/// first voicemail's words would be a wrong thing to say to a customer.
/// (The way to reopen is left to the caller's help: no key or command is
/// named here.)
pub fn check_script(view: &ProspectView) -> Result<(), AppError> {
    let p = &view.prospect;
    if p.status.is_finished() {
        return Err(AppError::Refused(format!(
            "{} is {}; there is no script to read — reopen them first",
            text::sanitize_line(&p.name),
            finished_word(p.status)
        )));
    }
    Ok(())
}

/// Fills the current step's script from the prospect, the profile and the
/// history. A missing series has no script: its text says so.
pub fn script_view(ctx: &Context, view: &ProspectView, now: &DateTime<Local>) -> ScriptView {
    let p = &view.prospect;
    let Some(series) = ctx.series_for(p) else {
        return ScriptView {
            step: view.series.step,
            steps: 0,
            label: view.series.label.clone(),
            kind: view.series.kind.clone(),
            text: ctx.series_missing(p).to_string(),
        };
    };
    let position = Position {
        performed: p.series.performed,
        paused: p.series.paused,
    };
    let (step, current) = series::current_step(series, &position);
    let hours = ctx.hours();
    let last_note = view.discussed();
    let profile = &ctx.config;
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(|s| text::sanitize_line(s).trim().to_string())
    };
    let context = TemplateContext {
        first_name: Some(text::first_name(&text::sanitize_line(&p.name)).to_string()),
        name: Some(text::sanitize_line(&p.name).trim().to_string()),
        company: clean(&p.company),
        product: clean(&p.product),
        // "When we last spoke": a conversation, not our own last voicemail.
        last_contact: view
            .last_conversation
            .as_ref()
            .map(|a| describe_instant(a.at, now)),
        last_note,
        agreed_time: view
            .next_step
            .as_ref()
            .map(|s| describe_windows(s.parts(), now, hours)),
        my_name: clean(&profile.my_name.value),
        my_phone: clean(&profile.my_phone.value),
        my_company: clean(&profile.my_company.value),
        suggested_times: Some(series::format_suggested_times(&series::suggested_times(
            now, hours, 3,
        ))),
        next_call: series::next_call(series, &position, now, hours)
            .map(|w| describe_window(&w, now, hours)),
    };
    let steps = u32::try_from(series.steps.len()).unwrap_or(u32::MAX);
    // An agreed visit or meeting is not a call: its script is how to run it.
    if let Some(action) = view
        .next_step
        .as_ref()
        .map(|s| s.action)
        .filter(|a| matches!(a, Action::Visit | Action::Meeting))
    {
        return ScriptView {
            step,
            steps,
            label: if action == Action::Visit {
                "Visit"
            } else {
                "Meeting"
            }
            .into(),
            kind: action.to_string(),
            text: series::meeting_script().render(&context),
        };
    }
    ScriptView {
        step,
        steps,
        label: current.label.clone(),
        kind: kind_word(current.kind).to_string(),
        text: current.script.render(&context),
    }
}

#[cfg(test)]
mod last_entry_tests {
    use super::last_entry;

    #[test]
    fn a_note_of_several_lines_is_the_last_entry_whole() {
        let notes = "wants triple glazing\n\
                     2026-11-23 Called about the quote.\n\
                     2026-11-27 Visited the office.\n\
                     \n\
                     \x20          They want two quotes.";
        assert_eq!(
            last_entry(notes).as_deref(),
            Some("2026-11-27 Visited the office.\n\nThey want two quotes.")
        );
    }

    #[test]
    fn one_line_entries_and_empty_notes() {
        assert_eq!(
            last_entry("first\n2026-11-23 second\n").as_deref(),
            Some("2026-11-23 second")
        );
        assert_eq!(last_entry("only one").as_deref(), Some("only one"));
        assert_eq!(
            last_entry("  indented only\n").as_deref(),
            Some("indented only")
        );
        assert_eq!(last_entry(" \n\n"), None);
        assert_eq!(last_entry(""), None);
    }
}

//! The after-sale plan of a won customer: started by the win, one open
//! item at a time (a next step), ticked off or branched on a back-order.

use chrono::{DateTime, Local, Utc};

use super::undo::Change;
use super::{AppError, Context};
use crate::aftersale::{PlanItem, Progress, due_window};
use crate::domain::{
    NewNextStep, NextStep, NextStepId, Prospect, ProspectId, Status, StepResolution, text,
};
use crate::schedule::{Window, describe_windows};
use crate::series::TemplateContext;
use crate::store::{self, Book, Tx};

/// The step for plan item `item` of `customer`, as of `now` (when the item
/// before was ticked off).
fn item_step(
    ctx: &Context,
    customer: &Prospect,
    item: &PlanItem,
    now: DateTime<Utc>,
) -> NewNextStep {
    let won = customer.closed_at.unwrap_or(now);
    let window = due_window(item, won, customer.delivery_at, now, ctx.hours());
    let mut step = NewNextStep::in_window(item.action, window, Some(item.label.clone()));
    step.plan_item = Some(item.key.clone());
    step
}

/// Schedules the first item of the plan for a customer just won (inside
/// the win's transaction); `None` if the plan is empty.
pub(super) fn start_plan(
    tx: &Tx<'_>,
    ctx: &Context,
    customer: &Prospect,
    now: DateTime<Utc>,
) -> Result<Option<NextStepId>, AppError> {
    let Some(item) = ctx.plan.first() else {
        return Ok(None);
    };
    let step = item_step(ctx, customer, item, now);
    Ok(Some(store::insert_step(tx, customer.id, &step, now)?))
}

/// What ticking off (or back-ordering) an item did.
#[derive(Debug, Clone)]
pub struct Ticked {
    /// The customer afterwards.
    pub prospect: Prospect,
    /// The item now open, if the plan goes on.
    pub next_step: Option<NextStep>,
    /// One line for the status bar or the terminal.
    pub summary: String,
    /// How to undo it.
    pub change: Change,
}

/// How the open item ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tick {
    /// Done: on to the next item.
    Done,
    /// Found back-ordered: on to the item that tells the customer.
    BackOrder,
}

/// Ticks off the open item of a customer's plan and schedules the next.
pub fn tick(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
) -> Result<Ticked, AppError> {
    advance(book, ctx, now, id, Tick::Done)
}

/// Marks the open item back-ordered: it is done, and the plan branches to
/// telling the customer and offering an alternative or to hold the order.
pub fn backorder(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
) -> Result<Ticked, AppError> {
    advance(book, ctx, now, id, Tick::BackOrder)
}

fn advance(
    book: &mut Book,
    ctx: &Context,
    now: DateTime<Local>,
    id: ProspectId,
    how: Tick,
) -> Result<Ticked, AppError> {
    let now_utc = now.with_timezone(&Utc);
    book.write(|tx| {
        let before = store::require_prospect(tx, id)?;
        let name = text::sanitize_line(&before.name).into_owned();
        let open = store::open_step(tx, id)?;
        let (open, key) = match (&before.status, open) {
            (Status::Won, Some(step)) if step.plan_item.is_some() => {
                let key = step.plan_item.clone().unwrap_or_default();
                (step, key)
            }
            (Status::Won, _) => {
                return Err(AppError::Refused(format!(
                    "{name} has nothing left on the after-sale plan"
                )));
            }
            _ => {
                return Err(AppError::Refused(format!(
                    "{name} (id {id}) is not a won customer, so there is no after-sale plan to tick"
                )));
            }
        };
        let label = ctx
            .plan
            .item(&key)
            .map_or(key.clone(), |i| i.label.clone());
        let next = match how {
            Tick::Done => ctx.plan.after(&key),
            Tick::BackOrder => Some(ctx.plan.backorder_of(&key).ok_or_else(|| {
                AppError::Refused(format!(
                    "\"{label}\" is not a shipping check, so it cannot be back-ordered; tick it off instead"
                ))
            })?),
        };
        store::close_step(tx, &open, StepResolution::Done, now_utc)?;
        let created = match next {
            Some(item) => {
                let step = item_step(ctx, &before, item, now_utc);
                Some(store::insert_step(tx, id, &step, now_utc)?)
            }
            None => None,
        };
        let next_step = store::open_step(tx, id)?;
        let done = match how {
            Tick::Done => format!("{label} done"),
            Tick::BackOrder => format!("{label}: back-ordered"),
        };
        let then = match &next_step {
            Some(s) => format!(
                "next: {} {}",
                s.note.as_deref().map(text::sanitize_line).unwrap_or_default(),
                describe_windows(s.parts(), &now, ctx.hours())
            ),
            None => "the after-sale plan is complete".into(),
        };
        let summary = format!("{done} for {name} — {then}");
        let change = Change::modified(&before, summary.clone())
            .with_steps(created, Some(open.id))
            .seal(tx)?;
        Ok(Ticked {
            prospect: store::require_prospect(tx, id)?,
            next_step,
            summary,
            change,
        })
    })
}

/// Where an item of a customer's plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemState {
    /// Ticked off.
    Done,
    /// The open one.
    Open,
    /// Still to come.
    Todo,
}

/// One line of a customer's plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlanLine {
    /// The item's key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// Where it stands.
    pub state: ItemState,
    /// When it is (was) due, for the open and done ones.
    pub due: Option<Window>,
    /// When it was ticked off.
    pub done_at: Option<DateTime<Utc>>,
}

/// A customer's plan as the cockpit and `followup plan` show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlanView {
    /// How far along.
    pub progress: Progress,
    /// Every item of the usual order (and the back-order item when it was
    /// reached), in order.
    pub lines: Vec<PlanLine>,
    /// The open item's script, filled in.
    pub script: Option<String>,
}

/// The plan of customer `p` (`None` for someone who has not bought).
pub fn plan_view(
    conn: &rusqlite::Connection,
    ctx: &Context,
    p: &Prospect,
) -> Result<Option<PlanView>, AppError> {
    if p.purchases == 0 && p.status != Status::Won {
        return Ok(None);
    }
    let since = if p.status == Status::Won {
        p.closed_at
    } else {
        None
    };
    let steps = store::plan_steps(conn, p.id, since)?;
    let open = steps.iter().find(|s| s.done_at.is_none());
    let current = open.and_then(|s| s.plan_item.as_deref());
    let progress = if p.status == Status::Won {
        ctx.plan.progress(current)
    } else {
        ctx.plan.progress(None)
    };
    let mut lines = Vec::new();
    for item in &ctx.plan.items {
        let mine: Vec<&NextStep> = steps
            .iter()
            .filter(|s| s.plan_item.as_deref() == Some(item.key.as_str()))
            .collect();
        if item.branch && mine.is_empty() {
            continue;
        }
        let last = mine.last();
        let state = match last {
            Some(s) if s.done_at.is_none() => ItemState::Open,
            Some(s) if s.resolution == Some(StepResolution::Done) => ItemState::Done,
            _ => ItemState::Todo,
        };
        lines.push(PlanLine {
            key: item.key.clone(),
            label: item.label.clone(),
            state,
            due: last.map(|s| s.window),
            done_at: last
                .and_then(|s| s.done_at)
                .filter(|_| state == ItemState::Done),
        });
    }
    let script = current
        .and_then(|k| ctx.plan.item(k))
        .map(|item| item.script.render(&script_context(ctx, p)));
    Ok(Some(PlanView {
        progress,
        lines,
        script,
    }))
}

fn script_context(ctx: &Context, p: &Prospect) -> TemplateContext {
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(|s| text::sanitize_line(s).trim().to_string())
    };
    let profile = &ctx.config;
    TemplateContext {
        first_name: Some(text::first_name(&text::sanitize_line(&p.name)).to_string()),
        name: Some(text::sanitize_line(&p.name).trim().to_string()),
        company: clean(&p.company),
        product: clean(&p.product),
        my_name: clean(&profile.my_name.value),
        my_phone: clean(&profile.my_phone.value),
        my_company: clean(&profile.my_company.value),
        ..Default::default()
    }
}

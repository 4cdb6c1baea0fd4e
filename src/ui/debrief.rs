//! The debrief form: opened with its key, and offered by itself right
//! after a meeting is logged (while it is fresh, "sitting in the vehicle").

use chrono::{DateTime, Local};

use super::action::Action as UiAction;
use super::effect::Effect;
use super::field::{Field, FieldKey, WHEN_HINT, action_field};
use super::form::{Form, FormKind};
use super::keymap::{self, KeyMode};
use super::state::{App, Mode};
use crate::app::{Context, DebriefRequest, NextRequest};
use crate::domain::{Action, Prospect, ProspectId, text::sanitize_line};

/// The debrief form for prospect `id`, the coordinator's figures filled
/// as the detail shows them (when it is loaded).
pub(super) fn form(app: &App, id: ProspectId, name: &str) -> Form {
    let p = app
        .detail
        .as_ref()
        .map(|d| &d.view.prospect)
        .filter(|p| p.id == id);
    Form::new(FormKind::Debrief(id), format!("Debrief {name}"), fields(p))
}

/// Opens the debrief form after a meeting with `id` was logged, saying why.
pub(super) fn offer(app: &mut App, id: ProspectId) {
    let name = app
        .detail
        .as_ref()
        .map(|d| &d.view.prospect)
        .filter(|p| p.id == id)
        .map(|p| sanitize_line(&p.name).into_owned())
        .unwrap_or_else(|| "the appointment".into());
    let mut form = form(app, id, &name);
    form.title = format!(
        "Debrief {name} now ({} later: {} opens it again)",
        keymap::key_for(UiAction::Back, KeyMode::Form),
        keymap::key_for(UiAction::Debrief, KeyMode::Normal)
    );
    app.mode = Mode::Form(Box::new(form));
}

fn fields(p: Option<&Prospect>) -> Vec<Field> {
    let get = |f: fn(&Prospect) -> Option<String>| p.and_then(f);
    vec![
        Field::new(
            FieldKey::Product,
            "Product",
            "for the coordinator: what they are likely to choose",
            get(|p| p.product.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::Value,
            "Value",
            "for the coordinator: before taxes, e.g. 12500 or 12.5k",
            get(|p| p.value.map(|v| v.display())).as_deref(),
        ),
        Field::new(
            FieldKey::Probability,
            "Probability %",
            "for the coordinator: your probability, 0–100",
            get(|p| p.probability.map(|x| x.percent().to_string())).as_deref(),
        ),
        Field::new(
            FieldKey::When,
            "Follow-up",
            format!("for the coordinator: when (empty: the next step stands); {WHEN_HINT}"),
            None,
        ),
        action_field(),
        Field::new(
            FieldKey::Well1,
            "Done well 1",
            "for the manager: a thing done well",
            None,
        ),
        Field::new(
            FieldKey::Well2,
            "Done well 2",
            "for the manager: a second thing done well",
            None,
        ),
        Field::new(
            FieldKey::Well3,
            "Done well 3",
            "for the manager: a third thing done well",
            None,
        ),
        Field::new(
            FieldKey::WorkOn,
            "To work on",
            "for the manager: one thing to work on",
            None,
        ),
    ]
}

/// The effect a filled debrief form asks for, or what is wrong.
pub(super) fn submit(
    form: &Form,
    id: ProspectId,
    ctx: &Context,
    now: &DateTime<Local>,
) -> Result<Effect, String> {
    let (value, probability) = form.typed_amounts()?;
    let when = form.value(FieldKey::When).trim().to_string();
    let next = if when.is_empty() {
        None
    } else {
        ctx.window(&when, now).map_err(|e| e.to_string())?;
        let action = match form.value(FieldKey::Action).trim() {
            "" => Action::Call,
            a => a.parse::<Action>().map_err(|e| e.to_string())?,
        };
        Some(NextRequest {
            when,
            action,
            note: None,
            seen: None,
        })
    };
    let product = Some(form.value(FieldKey::Product).trim().to_string()).filter(|p| !p.is_empty());
    Ok(Effect::Debrief {
        id,
        request: Box::new(DebriefRequest {
            product,
            value,
            probability,
            next,
            well: [
                form.value(FieldKey::Well1),
                form.value(FieldKey::Well2),
                form.value(FieldKey::Well3),
            ],
            work_on: form.value(FieldKey::WorkOn),
        }),
    })
}

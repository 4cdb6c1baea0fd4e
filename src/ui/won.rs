//! The won prompt: marking a prospect won asks the delivery date, as
//! `followup won ID --delivery WHEN` does; the after-sale plan's shipping
//! check is due by it. Left empty, the plan's default stands (a week
//! after the sale), and the prompt says which day that is.

use chrono::{DateTime, Days, Local};

use super::effect::Effect;
use super::field::{Field, FieldKey};
use super::form::{Form, FormKind};
use super::state::{App, Mode};
use super::update::target;
use crate::aftersale::DELIVERY_UNKNOWN_DAYS;
use crate::app::Context;
use crate::domain::ProspectId;

/// Opens the won prompt for the selected prospect.
pub(super) fn start(app: &mut App) -> Vec<Effect> {
    if let Some((id, name)) = target(app) {
        app.mode = Mode::Form(Box::new(form(id, &name, &app.now)));
    }
    Vec::new()
}

/// The prompt: one field, the delivery date, empty by default.
fn form(id: ProspectId, name: &str, now: &DateTime<Local>) -> Form {
    let default = now
        .date_naive()
        .checked_add_days(Days::new(DELIVERY_UNKNOWN_DAYS))
        .map(|d| d.format("%a %b %-d").to_string())
        .unwrap_or_else(|| "a week from today".into());
    Form::new(
        FormKind::Won(id),
        format!("Mark {name} won: delivery date?"),
        vec![Field::new(
            FieldKey::Delivery,
            "Delivery",
            format!(
                "when it is delivered, e.g. \"dec 15\" (the shipping check is due then); \
                 empty: {default}, the plan's default"
            ),
            None,
        )],
    )
}

/// The win the prompt asks for, or why the delivery date is not understood.
pub(super) fn submit(
    form: &Form,
    id: ProspectId,
    ctx: &Context,
    now: &DateTime<Local>,
) -> Result<Effect, String> {
    let delivery = form.value(FieldKey::Delivery).trim().to_string();
    if !delivery.is_empty() {
        ctx.window(&delivery, now)
            .map_err(|e| delivery_problem(&e))?;
    }
    Ok(Effect::Win {
        id,
        delivery: Some(delivery).filter(|d| !d.is_empty()),
    })
}

/// A delivery date that is not understood, in one sentence.
pub(super) fn delivery_problem(e: &dyn std::fmt::Display) -> String {
    format!("the delivery date: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::action::{Action, Input};
    use crate::ui::update::update;
    use chrono::TimeZone;

    fn now() -> DateTime<Local> {
        Local.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn typed(text: &str) -> Form {
        let mut form = form(ProspectId(7), "Ada", &now());
        form.insert_text(text);
        form
    }

    #[test]
    fn the_prompt_shows_the_plans_default_day() {
        let form = form(ProspectId(7), "Ada", &now());
        assert_eq!(form.title, "Mark Ada won: delivery date?");
        assert!(
            form.fields[0].hint.contains("empty: Mon Nov 30"),
            "{}",
            form.fields[0].hint
        );
    }

    #[test]
    fn empty_keeps_the_default_and_a_date_is_passed_on() {
        let ctx = Context::builtin();
        assert_eq!(
            submit(&typed(""), ProspectId(7), &ctx, &now()),
            Ok(Effect::Win {
                id: ProspectId(7),
                delivery: None
            })
        );
        assert_eq!(
            submit(&typed(" dec 15 "), ProspectId(7), &ctx, &now()),
            Ok(Effect::Win {
                id: ProspectId(7),
                delivery: Some("dec 15".into())
            })
        );
    }

    #[test]
    fn a_delivery_not_understood_is_refused_with_the_reason_and_the_form_stays() {
        let mut app = App::new(Context::builtin(), now(), true);
        app.mode = Mode::Form(Box::new(typed("someday soonish")));
        let effects = update(&mut app, Input::Action(Action::Submit));
        assert!(effects.is_empty());
        match &app.mode {
            Mode::Form(form) => {
                let error = form.error.as_deref().unwrap_or_default();
                assert!(error.starts_with("the delivery date: "), "{error}");
            }
            other => panic!("the form stays open: {other:?}"),
        }
    }
}

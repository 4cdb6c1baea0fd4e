//! The profile prompt: who signs the scripts (name, company, phone),
//! asked when the user starts their own book. Saving it is an effect: the
//! run loop writes `config.toml` (see `perform`).

use super::effect::Effect;
use super::form::{Field, FieldKey, Form, FormKind};
use super::keymap::{self, KeyMode};
use super::state::{App, Mode};
use std::path::Path;

use crate::app::Context;
use crate::config::{Config, ProfileChange};

/// The profile form, filled with the profile in force.
pub fn form(config: &Config) -> Form {
    let skip = keymap::key_for(super::action::Action::Back, KeyMode::Form);
    Form::new(
        FormKind::Profile,
        "Your name on the scripts".into(),
        vec![
            Field::new(
                FieldKey::Name,
                "Your name",
                format!(
                    "the scripts say \"it's <your name>\"; all optional, {skip} skips (`followup profile` changes it later)"
                ),
                config.my_name.value.as_deref(),
            ),
            Field::new(
                FieldKey::Company,
                "Company",
                "\"it's Sam from <company>\" (optional)",
                config.my_company.value.as_deref(),
            ),
            Field::new(
                FieldKey::Phone,
                "Your phone",
                "where prospects call you back, for the emails (optional)",
                config.my_phone.value.as_deref(),
            ),
        ],
    )
}

/// The change a submitted profile form asks for (`None`: nothing typed
/// over what is set). An emptied field removes its key.
pub fn submit(form: &Form) -> Option<Effect> {
    let typed = |key: FieldKey| {
        form.fields
            .iter()
            .find(|f| f.key == key)
            .filter(|f| f.value().trim() != f.initial.trim())
            .map(|f| f.value().trim().to_string())
    };
    let change = ProfileChange {
        name: typed(FieldKey::Name),
        company: typed(FieldKey::Company),
        phone: typed(FieldKey::Phone),
    };
    (!change.is_empty()).then_some(Effect::SaveProfile(change))
}

/// Folds a written profile: the settings as the file has them now, and the
/// scripts filled in again with it.
pub fn saved(app: &mut App, path: &Path, ctx: Context) -> Vec<Effect> {
    app.submitted = None;
    app.set_ctx(ctx);
    let file = path.display();
    match app.ctx.config.my_name.value.clone() {
        Some(name) => app.info(format!(
            "Saved to {file}: the scripts now say \"it's {}\".",
            crate::domain::text::sanitize_line(&name)
        )),
        None => app.info(format!("Saved to {file}.")),
    }
    vec![Effect::Reload]
}

/// Asks for the profile when the user's own book is empty and no name is
/// set: the first run of a new book.
pub fn ask_on_first_run(app: &mut App) {
    let unset = app.ctx.config.my_name.value.is_none();
    if app.sample.is_none() && app.book_is_empty && unset && matches!(app.mode, Mode::Normal) {
        app.mode = Mode::Form(Box::new(form(&app.ctx.config)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::action::{Action, Input};
    use crate::ui::update::update;
    use chrono::{Local, TimeZone};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn app() -> App {
        let now = Local.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        App::new(Context::builtin(), now, true)
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            update(app, Input::Edit(key));
        }
    }

    #[test]
    fn a_new_empty_book_without_a_name_asks_for_it() {
        let mut app = app();
        app.book_is_empty = true;
        ask_on_first_run(&mut app);
        assert!(matches!(&app.mode, Mode::Form(f) if f.kind == FormKind::Profile));
        // Not on a book with prospects, nor when a name is set.
        let mut app = self::app();
        ask_on_first_run(&mut app);
        assert!(matches!(app.mode, Mode::Normal));
    }

    #[test]
    fn the_form_saves_what_was_typed_and_only_that() {
        let mut app = app();
        app.mode = Mode::Form(Box::new(form(&app.ctx.config)));
        type_text(&mut app, "Dana Reyes");
        update(&mut app, Input::Action(Action::NextField));
        update(&mut app, Input::Action(Action::NextField));
        type_text(&mut app, "555-0199");
        let effects = update(&mut app, Input::Action(Action::Submit));
        assert_eq!(
            effects,
            vec![Effect::SaveProfile(ProfileChange {
                name: Some("Dana Reyes".into()),
                company: None,
                phone: Some("555-0199".into()),
            })]
        );
    }

    #[test]
    fn the_name_is_optional_and_esc_skips() {
        let mut app = app();
        app.mode = Mode::Form(Box::new(form(&app.ctx.config)));
        let effects = update(&mut app, Input::Action(Action::Submit));
        assert!(effects.is_empty());
        assert!(matches!(app.mode, Mode::Normal));
        app.mode = Mode::Form(Box::new(form(&app.ctx.config)));
        assert!(update(&mut app, Input::Action(Action::Back)).is_empty());
        assert!(matches!(app.mode, Mode::Normal));
    }
}

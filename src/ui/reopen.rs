//! The reopen prompt: a finished prospect (found with the search, which
//! lists every status) goes back in the pipeline with a next step.

use super::action::Action;
use super::effect::Effect;
use super::field::{Field, FieldKey, WHEN_HINT, action_field};
use super::form::{Form, FormKind};
use super::keymap::{self, KeyMode};
use super::state::{App, Mode, Pane};
use super::update::target;
use crate::domain::{ProspectId, Status};

/// Opens the reopen prompt for the selected prospect, or says why not.
pub(super) fn start(app: &mut App) -> Vec<Effect> {
    let Some((id, name)) = target(app) else {
        return Vec::new();
    };
    match selected_status(app) {
        Status::Active => {
            // The queues list only active prospects: finished ones are
            // found with the search.
            let search = keymap::keys_for(Action::Search, KeyMode::Normal);
            app.error(format!(
                "{name} is active already; find a won, lost or closed-out prospect with {search} to reopen it."
            ));
        }
        _ => app.mode = Mode::Form(Box::new(form(id, &name))),
    }
    Vec::new()
}

/// The selected prospect's status: the queues list active prospects only,
/// the search says each hit's.
fn selected_status(app: &App) -> Status {
    match app.focus {
        Pane::Search => app
            .search
            .as_ref()
            .and_then(|s| s.hits.get(app.cursor[Pane::Search.index()]))
            .map_or(Status::Active, |h| h.status),
        Pane::Book => app
            .browse
            .as_ref()
            .and_then(|b| b.rows.get(app.cursor[Pane::Book.index()]))
            .map_or(Status::Active, |r| r.status),
        Pane::Due | Pane::Stops | Pane::Upcoming => Status::Active,
    }
}

/// The prompt: the next step is required (an active prospect without one
/// is a "stop"), the reason is kept in the notes.
fn form(id: ProspectId, name: &str) -> Form {
    Form::new(
        FormKind::Reopen(id),
        format!("Reopen {name}"),
        vec![
            Field::new(FieldKey::When, "Next step", WHEN_HINT, None),
            action_field(),
            Field::new(
                FieldKey::Reason,
                "Reason",
                "why it is reopened (optional): kept in the notes",
                None,
            ),
        ],
    )
}

//! The cockpit's logic: state × input → new state + effects. Pure: no
//! terminal, no book, no clock (the time is in the state).

use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use super::action::{Action, Input};
use super::effect::Effect;
use super::form::Form;
use super::keymap::{self, KeyMode};
use super::state::{App, Mode, Pane, Question, Search};
use crate::app::{Finish, LogRequest, SeenStep};
use crate::domain::{Outcome, ProspectId, text::sanitize_line};

/// Lines one J/K press scrolls the detail by.
const DETAIL_STEP: u16 = 3;

/// Which bindings apply in the current mode.
pub fn key_mode(app: &App) -> KeyMode {
    match app.mode {
        Mode::Normal => KeyMode::Normal,
        Mode::Help(_) => KeyMode::Help,
        Mode::Form(ref form) if form.focused_is_long() => KeyMode::Text,
        Mode::Form(_) | Mode::Searching => KeyMode::Form,
        Mode::Confirm(_) | Mode::Discard(_) => KeyMode::Confirm,
    }
}

/// Handles one key press.
pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match keymap::lookup(key, key_mode(app)) {
        Some(input) => update(app, input),
        None => Vec::new(),
    }
}

/// Applies one input to the state; returns the effects to perform.
pub fn update(app: &mut App, input: Input) -> Vec<Effect> {
    match std::mem::replace(&mut app.mode, Mode::Normal) {
        Mode::Normal => normal(app, input),
        Mode::Help(scroll) => {
            // The overlay clamps the scroll to what it has to show.
            let by = |n: i16| Mode::Help(scroll.saturating_add_signed(n).min(500));
            match input {
                // A changed demo asks first, from here too.
                Input::Action(Action::Quit) => return super::demo::quit(app),
                Input::Action(Action::Help) => {}
                Input::Action(Action::MoveDown) => app.mode = by(1),
                Input::Action(Action::MoveUp) => app.mode = by(-1),
                Input::Action(Action::PageDown) => app.mode = by(10),
                Input::Action(Action::PageUp) => app.mode = by(-10),
                _ => app.mode = Mode::Help(scroll),
            }
            Vec::new()
        }
        Mode::Confirm(question) => match input {
            Input::Action(Action::Confirm) => vec![question.on_yes],
            Input::Action(Action::Decline) => {
                app.info("Cancelled.");
                Vec::new()
            }
            _ => {
                app.mode = Mode::Confirm(question);
                Vec::new()
            }
        },
        Mode::Form(mut form) => match input {
            // Every problem at once, before anything is sent to the book.
            Input::Action(Action::Submit) if !form.problems(&app.ctx, &app.now).is_empty() => {
                form.show_problems(&app.ctx, &app.now, String::new());
                app.mode = Mode::Form(form);
                Vec::new()
            }
            Input::Action(Action::Submit) => match form.submit(&app.ctx, &app.now) {
                Ok(Some(effect)) => {
                    app.submitted = Some(form);
                    vec![effect]
                }
                Ok(None) => {
                    app.info("Nothing changed.");
                    Vec::new()
                }
                Err(message) => {
                    form.show_problems(&app.ctx, &app.now, message);
                    app.mode = Mode::Form(form);
                    Vec::new()
                }
            },
            // What was typed is never lost to a stray Esc: ask first.
            Input::Action(Action::Back) if form.is_dirty() => {
                app.mode = Mode::Discard(form);
                Vec::new()
            }
            Input::Action(Action::Back) => {
                app.info("Cancelled.");
                Vec::new()
            }
            Input::Action(Action::NextField) => {
                form.next_field();
                app.mode = Mode::Form(form);
                Vec::new()
            }
            Input::Action(Action::PrevField) => {
                form.prev_field();
                app.mode = Mode::Form(form);
                Vec::new()
            }
            Input::Action(Action::OpenEditor) if form.focused_is_long() => {
                let effect = Effect::EditText {
                    field: form.focus,
                    text: form.fields[form.focus].value(),
                };
                app.mode = Mode::Form(form);
                vec![effect]
            }
            Input::Action(Action::NewLine) => {
                form.insert_text("\n");
                app.mode = Mode::Form(form);
                Vec::new()
            }
            Input::Edit(key) => {
                form.edit_key(key);
                app.mode = Mode::Form(form);
                Vec::new()
            }
            Input::Action(_) => {
                app.mode = Mode::Form(form);
                Vec::new()
            }
        },
        Mode::Discard(form) => {
            match input {
                Input::Action(Action::Confirm) => app.info("Discarded."),
                Input::Action(Action::Decline) => app.mode = Mode::Form(form),
                _ => app.mode = Mode::Discard(form),
            }
            Vec::new()
        }
        Mode::Searching => searching(app, input),
    }
}

fn searching(app: &mut App, input: Input) -> Vec<Effect> {
    match input {
        Input::Edit(key) => {
            app.mode = Mode::Searching;
            let Some(search) = app.search.as_mut() else {
                return Vec::new();
            };
            let before = search.input.value().to_string();
            search.input.handle_event(&Event::Key(key));
            let query = search.input.value().to_string();
            if query == before {
                return Vec::new();
            }
            app.cursor[Pane::Search.index()] = 0;
            vec![Effect::Search(query)]
        }
        Input::Action(Action::Submit) => {
            let empty = app
                .search
                .as_ref()
                .is_none_or(|s| s.input.value().trim().is_empty());
            if empty {
                close_search(app);
                return Vec::new();
            }
            with_detail(app)
        }
        Input::Action(Action::Back) => {
            close_search(app);
            Vec::new()
        }
        Input::Action(Action::NextField) => {
            app.mode = Mode::Searching;
            move_cursor(app, 1)
        }
        Input::Action(Action::PrevField) => {
            app.mode = Mode::Searching;
            move_cursor(app, -1)
        }
        Input::Action(_) => {
            app.mode = Mode::Searching;
            Vec::new()
        }
    }
}

fn close_search(app: &mut App) {
    app.search = None;
    if app.focus == Pane::Search {
        app.focus = Pane::Due;
        if app.len(Pane::Due) == 0 && app.len(Pane::Stops) > 0 {
            app.focus = Pane::Stops;
        }
    }
}

/// Loads the detail of the selected prospect, if any.
fn with_detail(app: &App) -> Vec<Effect> {
    app.selected_id()
        .map(Effect::LoadDetail)
        .into_iter()
        .collect()
}

fn move_cursor(app: &mut App, delta: isize) -> Vec<Effect> {
    let len = app.len(app.focus);
    if len == 0 {
        return Vec::new();
    }
    let cursor = &mut app.cursor[app.focus.index()];
    let target = (*cursor as isize + delta).clamp(0, len as isize - 1) as usize;
    if target == *cursor {
        return Vec::new();
    }
    *cursor = target;
    let mut effects = with_detail(app);
    effects.extend(super::pages::more_if_near_end(app));
    effects
}

fn panes(app: &App) -> Vec<Pane> {
    let mut panes = vec![Pane::Due, Pane::Stops];
    if app.upcoming.is_some() {
        panes.push(Pane::Upcoming);
    }
    if app.browse.is_some() {
        panes.push(Pane::Book);
    }
    if app.search.is_some() {
        panes.push(Pane::Search);
    }
    panes
}

fn switch_pane(app: &mut App, forward: bool) -> Vec<Effect> {
    let panes = panes(app);
    let at = panes.iter().position(|p| *p == app.focus).unwrap_or(0);
    let n = panes.len();
    let next = if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    };
    app.focus = panes[next];
    with_detail(app)
}

/// The selected prospect's id and display name, or an explanation.
pub(super) fn target(app: &mut App) -> Option<(crate::domain::ProspectId, String)> {
    match app.selected_item() {
        Some(item) => Some((item.id, sanitize_line(&item.name).into_owned())),
        None => {
            let message = format!(
                "No prospect selected: move to one with {}/{}, or add one with {}.",
                keymap::keys_for(Action::MoveDown, KeyMode::Normal),
                keymap::keys_for(Action::MoveUp, KeyMode::Normal),
                keymap::keys_for(Action::Add, KeyMode::Normal)
            );
            app.error(message);
            None
        }
    }
}

fn log(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    let Some((id, name)) = target(app) else {
        return Vec::new();
    };
    let effect = Effect::Log {
        id,
        request: LogRequest::outcome(outcome),
    };
    if outcome == Outcome::Voicemail && on_final_step(app) {
        // The breakup voicemail closes the prospect out: closing out always
        // asks first, whichever key leads to it.
        app.mode = Mode::Confirm(Box::new(Question {
            text: format!(
                "Leave the final voicemail and close {name} out? {} = yes, {} = no",
                keymap::key_for(Action::Confirm, KeyMode::Confirm),
                keymap::key_for(Action::Decline, KeyMode::Confirm)
            ),
            on_yes: effect,
        }));
        return Vec::new();
    }
    vec![effect]
}

/// True when the selected prospect's next unanswered attempt performs the
/// final step of their series (and the series is not held).
fn on_final_step(app: &App) -> bool {
    let Some(item) = app.selected_item() else {
        return false;
    };
    let Some(series) = app.ctx.series_named(item.series.name.as_deref()) else {
        return false;
    };
    let position = crate::series::Position::from(&item.series);
    !position.paused
        && crate::series::current_step(series, &position).1.kind == crate::series::StepKind::Final
}

fn normal(app: &mut App, input: Input) -> Vec<Effect> {
    let Input::Action(action) = input else {
        return Vec::new();
    };
    if let Some(effects) = super::team_screen::on_action(app, action) {
        return effects;
    }
    if app.flow.is_some()
        && let Some(effects) = super::flow::on_action(app, action)
    {
        return effects;
    }
    match action {
        Action::FlowReview => super::flow::toggle(app),
        // The flow review's week keys, with the screen closed.
        Action::FlowPrevWeek | Action::FlowNextWeek | Action::FlowThisWeek => {
            let open = keymap::key_for(Action::FlowReview, KeyMode::Normal);
            app.info(format!(
                "These keys change the week of the flow review: {open} opens it."
            ));
            Vec::new()
        }
        Action::TeamScreen => super::team_screen::toggle(app),
        Action::Coach => {
            let key = |a: Action| keymap::key_for(a, KeyMode::Normal);
            app.error(format!(
                "{} writes a coaching note to the consultant selected on the Team screen ({}).",
                key(Action::Coach),
                key(Action::TeamScreen)
            ));
            Vec::new()
        }
        Action::MoveDown => move_cursor(app, 1),
        Action::MoveUp => move_cursor(app, -1),
        Action::PageDown => move_cursor(app, app.page.max(1) as isize),
        Action::PageUp => move_cursor(app, -(app.page.max(1) as isize)),
        Action::First => move_cursor(app, isize::MIN / 2),
        Action::Last => move_cursor(app, isize::MAX / 2),
        Action::NextPane => switch_pane(app, true),
        Action::PrevPane => switch_pane(app, false),
        Action::ToggleDetail => {
            app.detail_open = !app.detail_open;
            if app.detail_open {
                with_detail(app)
            } else {
                Vec::new()
            }
        }
        Action::ToggleTimeline => {
            app.detail_timeline = !app.detail_timeline;
            app.detail_scroll = 0;
            if app.detail_timeline {
                app.timeline_opened_detail = !app.detail_open;
                app.detail_open = true;
            } else if app.timeline_opened_detail {
                // Back to where the user was: the lists.
                app.detail_open = false;
                app.timeline_opened_detail = false;
            }
            with_detail(app)
        }
        Action::ScrollDetailDown => {
            app.detail_scroll = app.detail_scroll.saturating_add(DETAIL_STEP);
            Vec::new()
        }
        Action::ScrollDetailUp => {
            app.detail_scroll = app.detail_scroll.saturating_sub(DETAIL_STEP);
            Vec::new()
        }
        Action::Back => {
            if app.detail_open {
                app.detail_open = false;
            } else if matches!(app.focus, Pane::Upcoming | Pane::Book) {
                super::pages::close(app, app.focus);
                return with_detail(app);
            } else if app.search.is_some() {
                close_search(app);
            } else {
                app.status = None;
            }
            Vec::new()
        }
        Action::Search => {
            let query = app
                .search
                .as_ref()
                .map(|s| s.input.value().to_string())
                .unwrap_or_default();
            if app.search.is_none() {
                app.search = Some(Search {
                    input: tui_input::Input::new(query),
                    hits: Vec::new(),
                });
            }
            app.focus = Pane::Search;
            app.mode = Mode::Searching;
            Vec::new()
        }
        Action::Upcoming => super::pages::toggle_upcoming(app),
        Action::AllProspects => super::pages::toggle_browse(app),
        Action::CycleFilter | Action::CycleSort => super::pages::cycle(app, action),
        Action::LogVoicemail => log(app, Outcome::Voicemail),
        Action::LogNoAnswer => log(app, Outcome::NoAnswer),
        Action::LogEmail => log(app, Outcome::Email),
        Action::Reached => {
            if let Some((id, name)) = target(app) {
                let seen = seen_step(app, id);
                let form = with_deal(app, id, Form::reached(id, &name, seen));
                app.mode = Mode::Form(Box::new(form));
            }
            Vec::new()
        }
        Action::LogMeeting => {
            if let Some((id, name)) = target(app) {
                let seen = seen_step(app, id);
                let form = with_deal(app, id, Form::met(id, &name, seen));
                app.mode = Mode::Form(Box::new(form));
            }
            Vec::new()
        }
        Action::LogQuote => {
            if let Some((id, name)) = target(app) {
                let seen = seen_step(app, id);
                let form = with_deal(app, id, Form::quoted(id, &name, seen));
                app.mode = Mode::Form(Box::new(form));
            }
            Vec::new()
        }
        Action::SetNext => {
            if let Some((id, name)) = target(app) {
                let seen = seen_step(app, id);
                app.mode = Mode::Form(Box::new(Form::set_next(id, &name, seen)));
            }
            Vec::new()
        }
        Action::Add => {
            app.mode = Mode::Form(Box::new(Form::add()));
            Vec::new()
        }
        Action::Edit => {
            if let Some((id, _)) = target(app) {
                match app.detail.as_ref().filter(|d| d.view.prospect.id == id) {
                    Some(detail) => {
                        app.mode = Mode::Form(Box::new(Form::edit(&detail.view.prospect)))
                    }
                    None => {
                        app.error("Still loading that prospect; try again.");
                        return vec![Effect::LoadDetail(id)];
                    }
                }
            }
            Vec::new()
        }
        Action::Note => {
            if let Some((id, name)) = target(app) {
                app.mode = Mode::Form(Box::new(Form::note(id, &name)));
            }
            Vec::new()
        }
        Action::Debrief => {
            if let Some((id, name)) = target(app) {
                let form = super::debrief::form(app, id, &name);
                app.mode = Mode::Form(Box::new(form));
            }
            Vec::new()
        }
        Action::Tick => match target(app) {
            Some((id, _)) => vec![Effect::Tick {
                id,
                backorder: false,
            }],
            None => Vec::new(),
        },
        Action::BackOrder => match target(app) {
            Some((id, _)) => vec![Effect::Tick {
                id,
                backorder: true,
            }],
            None => Vec::new(),
        },
        Action::Won => super::won::start(app),
        Action::CloseOut => confirm(app, "closed out", Finish::ClosedOut),
        Action::Lost => {
            if let Some((id, name)) = target(app) {
                app.mode = Mode::Form(Box::new(Form::lost(id, &name)));
            }
            Vec::new()
        }
        Action::Reopen => super::reopen::start(app),
        Action::TogglePause => match target(app) {
            Some((id, name)) => {
                // A pause whose end has passed is over: `p` pauses again.
                let now = app.now.to_utc();
                let paused = app.selected_item().is_some_and(|i| i.series.is_paused(now));
                if paused {
                    vec![Effect::Pause {
                        id,
                        paused: false,
                        until: None,
                    }]
                } else {
                    // Pausing asks until when.
                    app.mode = Mode::Form(Box::new(Form::pause(id, &name)));
                    Vec::new()
                }
            }
            None => Vec::new(),
        },
        // The entry leaves the stack only once its undo has gone through.
        Action::Undo => match app.undo.last() {
            Some(change) => vec![Effect::Undo {
                change: change.clone(),
                redo: false,
            }],
            None => {
                app.info("Nothing to undo.");
                Vec::new()
            }
        },
        Action::Redo => match app.redo.last() {
            Some(change) => vec![Effect::Undo {
                change: change.clone(),
                redo: true,
            }],
            None => {
                app.info("Nothing to redo.");
                Vec::new()
            }
        },
        Action::Reload => vec![Effect::Reload],
        Action::SyncTeam => {
            if app.demo {
                app.info("The sample book is not synced with the team.");
            } else if app.team == super::team_sync::TeamSync::Off {
                app.info("No team server is configured: add [team] server = \"host=... user=... dbname=...\" to config.toml.");
            } else {
                app.team_sync_wanted = true;
                app.info("Syncing with the team…");
            }
            Vec::new()
        }
        Action::Help => {
            app.mode = Mode::Help(0);
            Vec::new()
        }
        Action::Quit => super::demo::quit(app),
        Action::StartOwnBook => super::demo::start_own_book(app),
        Action::Confirm
        | Action::Decline
        | Action::Submit
        | Action::NextField
        | Action::PrevField
        | Action::OpenEditor
        | Action::NewLine => Vec::new(),
    }
}

/// `form` with the deal's fields as the detail pane shows them for `id`
/// (without them when the detail is not loaded: the log still works).
fn with_deal(app: &App, id: ProspectId, form: Form) -> Form {
    match app.detail.as_ref().filter(|d| d.view.prospect.id == id) {
        Some(d) => form.with_deal_fields(&d.view.prospect),
        None => form,
    }
}

/// The open next step the detail pane shows for `id`, which a form that
/// replaces it must still find when it saves.
fn seen_step(app: &App, id: ProspectId) -> Option<SeenStep> {
    app.detail
        .as_ref()
        .filter(|d| d.view.prospect.id == id)
        .map(|d| SeenStep(d.view.next_step.as_ref().map(|s| s.id)))
}

fn confirm(app: &mut App, word: &str, finish: Finish) -> Vec<Effect> {
    if let Some((id, name)) = target(app) {
        app.mode = Mode::Confirm(Box::new(Question {
            text: format!(
                "Mark {name} {word}? {} = yes, {} = no",
                keymap::key_for(Action::Confirm, KeyMode::Confirm),
                keymap::key_for(Action::Decline, KeyMode::Confirm)
            ),
            on_yes: Effect::Finish { id, finish },
        }));
    }
    Vec::new()
}

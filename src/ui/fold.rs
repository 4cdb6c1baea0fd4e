//! Folding outcomes into the state: the other half of `update`. Every
//! change the book's answers make to the cockpit (status line, undo stack,
//! selection, loaded queues and detail) happens here, purely.

use super::effect::Effect;
use super::outcome::{Loaded, Outcome};
use super::state::{App, Mode, Pane};

/// Folds what an effect came to into the state; returns the effects it
/// asks for in turn (a write asks for a reload, a reload for the detail).
pub fn on_outcome(app: &mut App, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Wrote {
            change,
            summary,
            select,
        } => {
            let submitted = app.submitted.take();
            if let Some(sample) = app.sample.as_mut() {
                // Quitting now loses something: ask first.
                sample.changed = true;
            }
            if app.demo {
                // Never let a sample book pass for the real one.
                app.info(format!("{summary} (sample book: discarded on quit)"));
            } else {
                app.info(summary);
            }
            app.undo.push(change);
            // A new change ends the line of what could be redone.
            app.redo.clear();
            if select.is_some() {
                app.pending_select = select;
            }
            // An appointment logged (a meeting, a quote given): the
            // debriefs are next, while it is fresh.
            if let Some(form) = submitted.as_deref()
                && let super::form::FormKind::Met(id) | super::form::FormKind::Quoted(id) =
                    form.kind
                && matches!(app.mode, Mode::Normal)
            {
                super::debrief::offer(app, id);
            }
            vec![Effect::Reload]
        }
        Outcome::Undone {
            change,
            inverse,
            redo,
        } => {
            // The entry stays on its stack until its reversal has gone
            // through, so a refused undo can be tried again; the reversal
            // goes on the other stack.
            let (from, to) = if redo {
                (&mut app.redo, &mut app.undo)
            } else {
                (&mut app.undo, &mut app.redo)
            };
            if let Some(at) = from.iter().rposition(|c| *c == change) {
                from.remove(at);
            }
            to.push(inverse);
            let word = if redo { "Redone" } else { "Undone" };
            app.info(format!("{word}: {}", change.summary));
            app.pending_select = Some(change.prospect);
            vec![Effect::Reload]
        }
        Outcome::Refused { error } => {
            match app.submitted.take() {
                // The form comes back with what was typed and why it failed:
                // nothing the user typed is lost to a refusal.
                Some(mut form) if matches!(app.mode, Mode::Normal) => {
                    form.error = Some(error.clone());
                    app.mode = Mode::Form(form);
                }
                _ => {}
            }
            app.error(error);
            vec![Effect::Reload]
        }
        Outcome::Reloaded(loaded) => reloaded(app, *loaded),
        Outcome::Detail(detail) => {
            if app
                .detail
                .as_ref()
                .is_none_or(|d| d.view.prospect.id != detail.view.prospect.id)
            {
                app.detail_scroll = 0;
            }
            app.detail = Some(*detail);
            Vec::new()
        }
        Outcome::Found { query, hits } => {
            let Some(search) = app.search.as_mut() else {
                return Vec::new();
            };
            if search.input.value() != query {
                return Vec::new(); // typed on since: a newer search follows
            }
            search.hits = hits;
            let cursor = &mut app.cursor[Pane::Search.index()];
            *cursor = (*cursor).min(search.hits.len().saturating_sub(1));
            if app.focus == Pane::Search {
                selected_detail(app)
            } else {
                Vec::new()
            }
        }
        Outcome::UpcomingPage { after, rows } => {
            let first = after.is_none();
            super::pages::upcoming_page(app, after, rows);
            if first && app.focus == Pane::Upcoming {
                selected_detail(app)
            } else {
                Vec::new()
            }
        }
        Outcome::BrowsePage { view, after, rows } => {
            let first = after.is_none();
            super::pages::browse_page(app, view, after, rows);
            if first && app.focus == Pane::Book {
                selected_detail(app)
            } else {
                Vec::new()
            }
        }
        Outcome::Flow(report) => {
            super::flow::loaded(app, report);
            Vec::new()
        }
        Outcome::Coached(summary) => {
            app.submitted = None;
            app.info(summary);
            vec![Effect::LoadTeam]
        }
        Outcome::Team(board) => {
            super::team_screen::loaded(app, board);
            Vec::new()
        }
        Outcome::TeamQueue { owner, queue } => {
            super::team_screen::queue_loaded(app, owner, queue);
            Vec::new()
        }
        Outcome::ReadFailed(error) => {
            app.error(error);
            Vec::new()
        }
        Outcome::Edited { field, result } => {
            match (result, &mut app.mode) {
                (Ok(text), Mode::Form(form)) => {
                    form.replace_text(field, &text);
                    app.status = None;
                }
                (Ok(_), _) => app.error("The form was closed; the edited text was not used."),
                (Err(why), _) => app.error(why),
            }
            Vec::new()
        }
        Outcome::OwnBook {
            path,
            existed,
            now,
            clock_fixed,
        } => super::demo::opened_own_book(app, &path, existed, now, clock_fixed),
        Outcome::ProfileSaved { path, ctx } => super::profile::saved(app, &path, *ctx),
        Outcome::Quit => {
            app.should_quit = true;
            Vec::new()
        }
    }
}

fn reloaded(app: &mut App, loaded: Loaded) -> Vec<Effect> {
    let selected = app.selected_id();
    app.set_today(loaded.today, loaded.book_is_empty);
    app.team_parked = loaded.parked;
    // An agenda read only to find a prospect just added opens if it lists
    // them; an open one takes its fresh rows.
    if let Some(upcoming) = loaded.upcoming {
        let wanted = app.upcoming.is_some()
            || app
                .pending_select
                .is_some_and(|id| upcoming.rows.iter().any(|i| i.id == id));
        if wanted {
            app.upcoming = Some(upcoming);
        }
    }
    if let (Some(fresh), Some(browse)) = (loaded.browse, app.browse.as_mut())
        && (fresh.filter, fresh.sort) == (browse.filter, browse.sort)
    {
        *browse = fresh;
    }
    for pane in [Pane::Upcoming, Pane::Book] {
        let ids = app.ids(pane);
        let cursor = &mut app.cursor[pane.index()];
        if pane == app.focus
            && let Some(pos) = selected.and_then(|id| ids.iter().position(|x| *x == id))
        {
            *cursor = pos;
        }
        *cursor = (*cursor).min(ids.len().saturating_sub(1));
    }
    if let (Some(search), Some((query, hits))) = (app.search.as_mut(), loaded.search)
        && search.input.value() == query
    {
        search.hits = hits;
        let cursor = &mut app.cursor[Pane::Search.index()];
        *cursor = (*cursor).min(search.hits.len().saturating_sub(1));
    }
    if let Some(id) = app.pending_select.take() {
        // The focused list first (a prospect added from the table stays
        // in it), then the day's queues; the search after them: a
        // prospect reopened (or un-reopened) from it is in no queue until
        // its next step comes due; the agenda lists a step due later.
        let order = [
            app.focus,
            Pane::Due,
            Pane::Stops,
            Pane::Search,
            Pane::Upcoming,
        ];
        for pane in order {
            if let Some(pos) = app.ids(pane).iter().position(|x| *x == id) {
                app.focus = pane;
                app.cursor[pane.index()] = pos;
                break;
            }
        }
    }
    selected_detail(app)
}

/// Asks for the selected prospect's detail, or clears it when nothing is
/// selected.
fn selected_detail(app: &mut App) -> Vec<Effect> {
    match app.selected_id() {
        Some(id) => vec![Effect::LoadDetail(id)],
        None => {
            app.detail = None;
            Vec::new()
        }
    }
}

//! Performing effects: the only cockpit code that touches the book. Kept
//! apart from the terminal so key → action → book change is testable with
//! an in-memory book.

use super::effect::Effect;
use super::state::{App, Detail, Pane, SearchHit};
use crate::app::{self, AppError, Change};
use crate::domain::ProspectId;
use crate::store::{self, Book};

/// The most rows a queue pane loads; the counts in the header stay exact.
pub const QUEUE_LIMIT: usize = 500;
/// The most search hits listed.
pub const SEARCH_LIMIT: usize = 200;
/// Attempts shown in the detail pane.
const HISTORY_LIMIT: usize = 50;

/// Performs `effect` against the book and records the outcome in `app`.
pub fn perform(app: &mut App, book: &mut Book, effect: Effect) {
    let writes = effect.writes();
    let result: Result<Option<(Change, String)>, AppError> = match effect {
        Effect::Log { id, request } => app::log_attempt(book, &app.ctx, app.now, id, &request)
            .map(|logged| Some((logged.change, logged.summary))),
        Effect::SetNext { id, request } => {
            app::set_next_step(book, &app.ctx, app.now, id, &request)
                .map(|(_, change)| Some((change.clone(), change.summary)))
        }
        Effect::Add { fields, next } => {
            app::add_prospect(book, &app.ctx, app.now, fields, next.as_ref()).map(|(p, change)| {
                select_after_reload(app, p.id);
                Some((change.clone(), change.summary))
            })
        }
        Effect::Edit { id, patch } => app::edit_prospect(book, &app.ctx, app.now, id, patch)
            .map(|(_, change)| Some((change.clone(), change.summary))),
        Effect::Note { id, text } => app::add_note(book, app.now, id, &text)
            .map(|(_, change)| Some((change.clone(), change.summary))),
        Effect::Finish { id, finish } => app::finish_prospect(book, app.now, id, &finish)
            .map(|(_, change)| Some((change.clone(), change.summary))),
        Effect::Pause { id, paused } => app::set_paused(book, app.now, id, paused)
            .map(|(_, change)| Some((change.clone(), change.summary))),
        Effect::Undo(change) => {
            select_after_reload(app, change.prospect);
            app::undo(book, &change).map(|summary| {
                app.info(format!("Undone: {summary}"));
                None
            })
        }
        Effect::LoadDetail(id) => load_detail(app, book, id).map(|()| None),
        Effect::Search(query) => search(app, book, &query).map(|()| None),
        Effect::Reload => reload(app, book).map(|()| None),
    };
    match result {
        Ok(Some((change, summary))) if app.demo => {
            // Never let a sample book pass for the real one.
            app.info(format!("{summary} (sample book: discarded on quit)"));
            app.undo.push(change);
        }
        Ok(Some((change, summary))) => {
            app.info(summary);
            app.undo.push(change);
        }
        Ok(None) => {}
        Err(e) => app.error(sentence(&e)),
    }
    if writes && let Err(e) = reload(app, book) {
        app.error(sentence(&e));
    }
}

/// One sentence, capitalised, for the status line.
fn sentence(err: &AppError) -> String {
    let text = err.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

fn select_after_reload(app: &mut App, id: ProspectId) {
    app.pending_select = Some(id);
}

/// Reloads the queues (and the search and detail) from the book.
pub fn reload(app: &mut App, book: &Book) -> Result<(), AppError> {
    let today = app::today(book, &app.ctx, &app.now, QUEUE_LIMIT)?;
    let empty = store::book_is_empty(book.conn())?;
    app.set_today(today, empty);
    if let Some(id) = app.pending_select.take() {
        for pane in [Pane::Due, Pane::Stops] {
            if let Some(pos) = app.ids(pane).iter().position(|x| *x == id) {
                app.focus = pane;
                app.cursor[pane.index()] = pos;
                break;
            }
        }
    }
    if let Some(query) = app.search.as_ref().map(|s| s.input.value().to_string()) {
        search(app, book, &query)?;
    }
    match app.selected_id() {
        Some(id) => load_detail(app, book, id)?,
        None => app.detail = None,
    }
    Ok(())
}

fn load_detail(app: &mut App, book: &Book, id: ProspectId) -> Result<(), AppError> {
    let view = app::prospect_view(book, &app.ctx, id, HISTORY_LIMIT)?;
    let script = app::script_view(&app.ctx, &view, &app.now);
    if app.detail.as_ref().is_none_or(|d| d.view.prospect.id != id) {
        app.detail_scroll = 0;
    }
    app.detail = Some(Detail { view, script });
    Ok(())
}

fn search(app: &mut App, book: &Book, query: &str) -> Result<(), AppError> {
    let hits = store::search_prospects(book.conn(), query, SEARCH_LIMIT)?;
    if let Some(search) = app.search.as_mut() {
        search.hits = hits
            .into_iter()
            .map(|(item, status)| SearchHit { item, status })
            .collect();
        let cursor = &mut app.cursor[Pane::Search.index()];
        *cursor = (*cursor).min(search.hits.len().saturating_sub(1));
    }
    if app.focus == Pane::Search
        && let Some(id) = app.selected_id()
    {
        load_detail(app, book, id)?;
    }
    Ok(())
}

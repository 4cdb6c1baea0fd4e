//! Performing effects: the only cockpit code that touches the book. It reads
//! the state but never changes it: each effect comes back as an
//! [`Outcome`], which [`fold`](super::fold::on_outcome) folds into the state.
//! Kept apart from the terminal so key → effect → book change is testable
//! with an in-memory book.

use std::collections::VecDeque;

use super::effect::Effect;
use super::fold::on_outcome;
use super::outcome::{Loaded, Outcome};
use super::pages::PAGE;
use super::state::{App, Browse, Detail, Pane, SearchHit, Upcoming};
use std::path::PathBuf;

use crate::app::{self, AppError, Change, Context};
use crate::config::{self, Config, ProfileChange};
use crate::domain::ProspectId;
use crate::store::{self, Book};

/// The most rows a queue pane loads; the counts in the header stay exact.
pub const QUEUE_LIMIT: usize = 500;
/// The most rows of each of a consultant's queues on the Team screen.
pub const TEAM_QUEUE_LIMIT: usize = 200;
/// The most search hits listed.
pub const SEARCH_LIMIT: usize = 200;
/// Attempts shown in the detail pane.
const HISTORY_LIMIT: usize = 50;

/// Performs `effect` against the book; says what came of it.
pub fn perform(app: &App, book: &mut Book, effect: Effect) -> Outcome {
    let ctx = &app.ctx;
    let now = app.now;
    let wrote = |result: Result<Change, AppError>, select: Option<ProspectId>| match result {
        Ok(change) => Outcome::Wrote {
            summary: change.summary.clone(),
            change,
            select,
        },
        Err(e) => Outcome::Refused {
            error: sentence(&e),
        },
    };
    match effect {
        Effect::Log { id, request } => wrote(
            app::log_attempt(book, ctx, now, id, &request).map(|logged| logged.change),
            None,
        ),
        Effect::SetNext { id, request } => wrote(
            app::set_next_step(book, ctx, now, id, &request).map(|(_, change)| change),
            None,
        ),
        Effect::Add { fields, next } => {
            match app::add_prospect(book, ctx, now, fields, next.as_ref()) {
                Ok((p, change)) => wrote(Ok(change), Some(p.id)),
                Err(e) => wrote(Err(e), None),
            }
        }
        Effect::Edit { id, request } => wrote(
            app::edit_prospect(book, ctx, now, id, *request).map(|edited| edited.change),
            None,
        ),
        Effect::Note { id, text } => wrote(
            app::add_note(book, now, id, &text).map(|(_, change)| change),
            None,
        ),
        Effect::Debrief { id, request } => wrote(
            app::record_debrief(book, ctx, now, id, &request).map(|d| d.change),
            None,
        ),
        Effect::Tick { id, backorder } => {
            let done = if backorder {
                app::backorder(book, ctx, now, id)
            } else {
                app::tick(book, ctx, now, id)
            };
            wrote(done.map(|t| t.change), None)
        }
        Effect::Win { id, delivery } => wrote(
            app::win_prospect(book, ctx, now, id, delivery.as_deref()).map(|(_, change)| change),
            None,
        ),
        Effect::Finish { id, finish } => wrote(
            app::finish_prospect(book, ctx, now, id, &finish).map(|(_, change)| change),
            None,
        ),
        // Selected afterwards: it may have been found through the search.
        Effect::Reopen { id, request } => wrote(
            app::reopen_prospect(book, ctx, now, id, &request).map(|(_, change)| change),
            Some(id),
        ),
        Effect::Pause { id, paused, until } => wrote(
            if paused {
                app::pause(book, now, id, until)
            } else {
                app::set_paused(book, now, id, false)
            }
            .map(|(_, change)| change),
            None,
        ),
        Effect::Undo { change, redo } => {
            match app::undo(book, &change, now.with_timezone(&chrono::Utc)) {
                Ok(inverse) => Outcome::Undone {
                    change,
                    inverse,
                    redo,
                },
                Err(e) => Outcome::Refused {
                    error: sentence(&e),
                },
            }
        }
        Effect::LoadDetail(id) => match load_detail(app, book, id) {
            Ok(detail) => Outcome::Detail(Box::new(detail)),
            Err(e) => Outcome::ReadFailed(sentence(&e)),
        },
        Effect::Search(query) => match search(book, &query) {
            Ok(hits) => Outcome::Found { query, hits },
            Err(e) => Outcome::ReadFailed(sentence(&e)),
        },
        Effect::LoadFlow => match flow_review(app, book) {
            Ok(report) => Outcome::Flow(Box::new(report)),
            Err(e) => Outcome::ReadFailed(sentence(&e)),
        },
        Effect::Coach { owner, text } => match app::coach_owner(book, ctx, &now, owner, &text) {
            Ok(note) => Outcome::Coached(format!(
                "Coaching note for {} kept; the next sync shares it with them.",
                crate::domain::text::sanitize_line(&note.consultant)
            )),
            Err(e) => Outcome::Refused {
                error: sentence(&e),
            },
        },
        Effect::LoadTeam => match app::team_board(book, &app.ctx, &app.now) {
            Ok(board) => Outcome::Team(board.map(Box::new)),
            Err(e) => Outcome::ReadFailed(sentence(&e)),
        },
        Effect::LoadTeamQueue { owner } => {
            match app::consultant_queue(book, &app.ctx, &app.now, owner, TEAM_QUEUE_LIMIT) {
                Ok(queue) => Outcome::TeamQueue {
                    owner,
                    queue: Box::new(queue),
                },
                Err(e) => Outcome::ReadFailed(sentence(&e)),
            }
        }
        Effect::LoadUpcoming { after } => {
            match store::upcoming(book.conn(), tomorrow(app), after, PAGE) {
                Ok(rows) => Outcome::UpcomingPage { after, rows },
                Err(e) => Outcome::ReadFailed(sentence(&AppError::from(e))),
            }
        }
        Effect::LoadBrowse {
            filter,
            sort,
            after,
        } => match store::browse(book.conn(), filter, sort, after.as_ref(), PAGE) {
            Ok(rows) => Outcome::BrowsePage {
                view: (filter, sort),
                after,
                rows,
            },
            Err(e) => Outcome::ReadFailed(sentence(&AppError::from(e))),
        },
        Effect::Reload => match load_queues(app, book) {
            Ok(loaded) => Outcome::Reloaded(Box::new(loaded)),
            Err(e) => Outcome::ReadFailed(sentence(&e)),
        },
        // The run loop performs it with the terminal (see `editor`); here
        // there is none to lend.
        Effect::EditText { field, .. } => Outcome::Edited {
            field,
            result: Err("The editor needs the cockpit's terminal.".into()),
        },
        Effect::OpenOwnBook(path) => match app::open_own_book(&path) {
            Ok((mut own, existed)) => {
                own.set_author(app.ctx.author());
                // The sample book closes here; its file is removed when the
                // cockpit ends.
                *book = own;
                // The sample may be shown as of the next working day: the
                // user's own book is shown as of their clock.
                let user_now = app.sample.as_ref().and_then(|s| s.user_now);
                Outcome::OwnBook {
                    path: path.value,
                    existed,
                    now: user_now.unwrap_or_else(chrono::Local::now),
                    clock_fixed: user_now.is_some(),
                }
            }
            Err(e) => Outcome::Refused {
                error: sentence(&e),
            },
        },
        Effect::SaveProfile(change) => match save_profile(app, &change) {
            Ok((path, ctx)) => {
                // Changes from now on are by the name just given.
                book.set_author(ctx.author());
                Outcome::ProfileSaved {
                    path,
                    ctx: Box::new(ctx),
                }
            }
            Err(e) => Outcome::Refused {
                error: sentence(&e),
            },
        },
        Effect::Quit => Outcome::Quit,
    }
}

/// Performs `effects` and everything their outcomes ask for in turn, in
/// order, until nothing is left: what the run loop does after each event.
pub fn drive(app: &mut App, book: &mut Book, effects: Vec<Effect>) {
    let mut queue = VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        let outcome = perform(app, book, effect);
        queue.extend(on_outcome(app, outcome));
    }
}

/// The first load, before the screen opens: a book that cannot be read is
/// an error on the normal screen rather than a status line.
pub fn load(app: &mut App, book: &mut Book) -> Result<(), AppError> {
    let loaded = load_queues(app, book)?;
    let effects = on_outcome(app, Outcome::Reloaded(Box::new(loaded)));
    drive(app, book, effects);
    Ok(())
}

/// Writes the profile into the configuration folder's `config.toml`, then
/// reads the settings again so the scripts sign with it.
fn save_profile(app: &App, change: &ProfileChange) -> Result<(PathBuf, Context), AppError> {
    let dir = app.ctx.config.dir.clone().ok_or_else(|| {
        AppError::Refused(format!(
            "there is no configuration folder to write the profile in; set ${}",
            config::CONFIG_DIR_ENV
        ))
    })?;
    let path = config::write_profile(&dir, change)?;
    let ctx = Context::from_config(Config::load_from(&dir)?);
    Ok((path, ctx))
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

/// The queues, with the open search run again.
fn load_queues(app: &App, book: &Book) -> Result<Loaded, AppError> {
    let today = app::today(book, &app.ctx, &app.now, QUEUE_LIMIT)?;
    let book_is_empty = store::book_is_empty(book.conn())?;
    let search = match app.search.as_ref().map(|s| s.input.value().to_string()) {
        Some(query) => {
            let hits = search(book, &query)?;
            Some((query, hits))
        }
        None => None,
    };
    // The paging lists are read again as far as they were read, so the
    // selection stays where it was, but only to the end of the page after
    // the selection's: scrolling once through the whole book does not make
    // every reload read it all. In whole pages: each limit is a statement of its own
    // (`store::convert::sql_limit`), so it must not follow every move of
    // the cursor.
    let reread = |pane: Pane, read: usize| {
        read.min(app.cursor[pane.index()] + PAGE)
            .max(PAGE)
            .div_ceil(PAGE)
            * PAGE
    };
    let upcoming = if app.upcoming.is_some() || app.pending_select.is_some() {
        let read = app.upcoming.as_ref().map_or(0, |u| u.rows.len());
        let limit = reread(Pane::Upcoming, read);
        let rows = store::upcoming(book.conn(), tomorrow(app), None, limit)?;
        Some(Upcoming {
            more: rows.len() >= limit,
            rows,
            loading: false,
        })
    } else {
        None
    };
    let browse = match app.browse.as_ref() {
        Some(b) => {
            let limit = reread(Pane::Book, b.rows.len());
            let rows = store::browse(book.conn(), b.filter, b.sort, None, limit)?;
            Some(Browse {
                filter: b.filter,
                sort: b.sort,
                more: rows.len() >= limit,
                rows,
                loading: false,
            })
        }
        None => None,
    };
    Ok(Loaded {
        today,
        book_is_empty,
        search,
        upcoming,
        browse,
        // One count over a partial index of a small table.
        parked: store::parked_count(book.conn())?,
    })
}

/// Where the agenda starts: the start of tomorrow (today's steps are on
/// the dashboard's queues).
fn tomorrow(app: &App) -> chrono::DateTime<chrono::Utc> {
    crate::domain::DayBounds::new(&app.now, 0).day_end
}

fn load_detail(app: &App, book: &Book, id: ProspectId) -> Result<Detail, AppError> {
    let view = app::prospect_view(book, &app.ctx, id, HISTORY_LIMIT)?;
    let script = app::script_view(&app.ctx, &view, &app.now);
    let timeline = if app.detail_timeline {
        Some(app::timeline(book, id)?.events)
    } else {
        None
    };
    Ok(Detail {
        view,
        script,
        timeline,
    })
}

fn search(book: &Book, query: &str) -> Result<Vec<SearchHit>, AppError> {
    Ok(store::search_prospects(book.conn(), query, SEARCH_LIMIT)?
        .into_iter()
        .map(|(item, status)| SearchHit { item, status })
        .collect())
}

/// The flow review of the week the screen shows (this week unless its
/// keys went back), as of the screen's moment: the same figures as
/// `followup report --week` for that week.
fn flow_review(app: &App, book: &Book) -> Result<crate::report::Report, AppError> {
    let day = app
        .flow
        .as_ref()
        .map_or(app.now.date_naive(), |f| f.day(&app.now));
    let period =
        crate::report::Period::week(day, &app.now).map_err(|e| AppError::Refused(e.to_string()))?;
    app::flow_report(book, &app.ctx, period)
}

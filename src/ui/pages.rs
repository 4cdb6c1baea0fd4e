//! The two screens that page through the whole pipeline: the upcoming
//! agenda and the table of all prospects. Their state, what their keys do
//! and how loaded pages fold in; the lists hold the pages read so far and
//! ask for the next one as the selection nears the end.

use super::action::Action;
use super::effect::Effect;
use super::keymap::{self, KeyMode};
use super::state::{App, Pane};
use crate::domain::QueueItem;
use crate::store::{AgendaKey, BrowseFilter, BrowseKey, BrowseRow, BrowseSort};

/// Rows read per page.
pub const PAGE: usize = 200;
/// The next page is read when the selection is this close to the end.
const NEAR_END: usize = 40;

/// The agenda: open next steps from tomorrow on, in window order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Upcoming {
    /// The rows read so far.
    pub rows: Vec<QueueItem>,
    /// True when the book may hold more after the last row.
    pub more: bool,
    /// True until the first page has come.
    pub loading: bool,
}

impl Upcoming {
    /// Where the next page starts.
    pub fn next_key(&self) -> Option<AgendaKey> {
        self.rows.last().and_then(AgendaKey::of)
    }
}

/// The table of all prospects, filtered by status and sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Browse {
    /// Which statuses are listed.
    pub filter: BrowseFilter,
    /// The order.
    pub sort: BrowseSort,
    /// The rows read so far.
    pub rows: Vec<BrowseRow>,
    /// True when the book may hold more after the last row.
    pub more: bool,
    /// True until the first page has come.
    pub loading: bool,
}

impl Browse {
    /// Where the next page starts.
    pub fn next_key(&self) -> Option<BrowseKey> {
        self.rows.last().map(|r| r.key.clone())
    }
}

/// `W`: opens the agenda (reading its first page), or closes it when it
/// has the focus.
pub fn toggle_upcoming(app: &mut App) -> Vec<Effect> {
    if app.focus == Pane::Upcoming {
        close(app, Pane::Upcoming);
        return with_detail(app);
    }
    app.focus = Pane::Upcoming;
    if app.upcoming.is_none() {
        app.upcoming = Some(Upcoming {
            loading: true,
            ..Upcoming::default()
        });
        app.cursor[Pane::Upcoming.index()] = 0;
        return vec![Effect::LoadUpcoming { after: None }];
    }
    with_detail(app)
}

/// `A`: opens the table of all prospects, or closes it when it has the
/// focus.
pub fn toggle_browse(app: &mut App) -> Vec<Effect> {
    if app.focus == Pane::Book {
        close(app, Pane::Book);
        return with_detail(app);
    }
    app.focus = Pane::Book;
    match &app.browse {
        Some(_) => with_detail(app),
        None => restart(app, Browse::default()),
    }
}

/// `f` / `S`: the next status filter or sort, read again from the top.
pub fn cycle(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(browse) = app.browse.as_ref().filter(|_| app.focus == Pane::Book) else {
        app.error(format!(
            "The filter and the sort belong to the table of all prospects: open it with {}.",
            keymap::key_for(Action::AllProspects, KeyMode::Normal)
        ));
        return Vec::new();
    };
    let (filter, sort) = match action {
        Action::CycleFilter => (browse.filter.next(), browse.sort),
        _ => (browse.filter, browse.sort.next()),
    };
    restart(
        app,
        Browse {
            filter,
            sort,
            ..Browse::default()
        },
    )
}

fn restart(app: &mut App, browse: Browse) -> Vec<Effect> {
    let (filter, sort) = (browse.filter, browse.sort);
    app.browse = Some(Browse {
        loading: true,
        ..browse
    });
    app.cursor[Pane::Book.index()] = 0;
    vec![Effect::LoadBrowse {
        filter,
        sort,
        after: None,
    }]
}

/// Closes a paging screen; the focus goes back to today's queues.
pub fn close(app: &mut App, pane: Pane) {
    match pane {
        Pane::Upcoming => app.upcoming = None,
        Pane::Book => app.browse = None,
        _ => return,
    }
    if app.focus == pane {
        app.focus = if app.len(Pane::Due) == 0 && app.len(Pane::Stops) > 0 {
            Pane::Stops
        } else {
            Pane::Due
        };
    }
}

/// The next page's read, when the selection of the focused paging list is
/// near its end and the book may hold more.
pub fn more_if_near_end(app: &App) -> Option<Effect> {
    let cursor = app.cursor[app.focus.index()];
    let near = |len: usize| cursor + NEAR_END >= len;
    match app.focus {
        Pane::Upcoming => app
            .upcoming
            .as_ref()
            .filter(|u| u.more && !u.loading && near(u.rows.len()))
            .and_then(|u| u.next_key())
            .map(|after| Effect::LoadUpcoming { after: Some(after) }),
        Pane::Book => app
            .browse
            .as_ref()
            .filter(|b| b.more && !b.loading && near(b.rows.len()))
            .and_then(|b| {
                b.next_key().map(|after| Effect::LoadBrowse {
                    filter: b.filter,
                    sort: b.sort,
                    after: Some(after),
                })
            }),
        _ => None,
    }
}

/// Folds a page of the agenda in: the first page replaces the rows, a
/// next page is appended if it follows the last row still.
pub fn upcoming_page(app: &mut App, after: Option<AgendaKey>, rows: Vec<QueueItem>) {
    let Some(upcoming) = app.upcoming.as_mut() else {
        return;
    };
    if after.is_some() && after != upcoming.next_key() {
        return; // read before a reload changed the list: a stale page
    }
    let more = rows.len() >= PAGE;
    if after.is_none() {
        upcoming.rows = rows;
    } else {
        upcoming.rows.extend(rows);
    }
    upcoming.more = more;
    upcoming.loading = false;
    clamp(app, Pane::Upcoming);
}

/// Folds a page of the table in, if it is for the filter and sort shown.
pub fn browse_page(
    app: &mut App,
    (filter, sort): (BrowseFilter, BrowseSort),
    after: Option<BrowseKey>,
    rows: Vec<BrowseRow>,
) {
    let Some(browse) = app.browse.as_mut() else {
        return;
    };
    if (browse.filter, browse.sort) != (filter, sort)
        || (after.is_some() && after != browse.next_key())
    {
        return;
    }
    let more = rows.len() >= PAGE;
    if after.is_none() {
        browse.rows = rows;
    } else {
        browse.rows.extend(rows);
    }
    browse.more = more;
    browse.loading = false;
    clamp(app, Pane::Book);
}

fn clamp(app: &mut App, pane: Pane) {
    let len = app.len(pane);
    let cursor = &mut app.cursor[pane.index()];
    *cursor = (*cursor).min(len.saturating_sub(1));
}

fn with_detail(app: &App) -> Vec<Effect> {
    app.selected_id()
        .map(Effect::LoadDetail)
        .into_iter()
        .collect()
}

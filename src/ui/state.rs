//! The cockpit's state: what was loaded from the book (model) and where the
//! user is (view state). The view draws it; `update` changes it.

use chrono::{DateTime, Local};

use crate::app::{Change, Context, ProspectView, ScriptView, Today};
use crate::domain::{ProspectId, QueueItem, QueueKind, Status};

use super::form::Form;
pub use super::pages::{Browse, Upcoming};

/// The lists the user moves between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// Due today.
    Due,
    /// Slows & stops: overdue, no next step, gone quiet.
    Stops,
    /// Search results.
    Search,
    /// The agenda: open next steps from tomorrow on.
    Upcoming,
    /// The table of all prospects.
    Book,
}

impl Pane {
    /// Index into per-pane arrays.
    pub fn index(self) -> usize {
        match self {
            Pane::Due => 0,
            Pane::Stops => 1,
            Pane::Search => 2,
            Pane::Upcoming => 3,
            Pane::Book => 4,
        }
    }
}

/// A yes/no question with what "yes" does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question.
    pub text: String,
    /// The effect on "yes".
    pub on_yes: super::effect::Effect,
}

/// What has the keyboard.
#[derive(Debug, Clone)]
pub enum Mode {
    /// The dashboard.
    Normal,
    /// The help overlay, scrolled down this many lines (on a terminal
    /// too small to show every key at once).
    Help(u16),
    /// A form or prompt.
    Form(Box<Form>),
    /// A yes/no question.
    Confirm(Box<Question>),
    /// Esc on a form with typed text: discard it? (`n` goes back to it.)
    Discard(Box<Form>),
    /// Typing a search.
    Searching,
}

/// One line of the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    /// The text.
    pub text: String,
    /// True for an error.
    pub error: bool,
}

/// A row of the slows & stops pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopRow {
    /// Which kind of stop.
    pub kind: QueueKind,
    /// The prospect.
    pub item: QueueItem,
}

/// A search hit: a prospect of any status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The prospect.
    pub item: QueueItem,
    /// Their status.
    pub status: Status,
}

/// The search box and its results.
#[derive(Debug, Clone)]
pub struct Search {
    /// The query being typed.
    pub input: tui_input::Input,
    /// Matches, best first.
    pub hits: Vec<SearchHit>,
}

/// The selected prospect in full.
#[derive(Debug, Clone)]
pub struct Detail {
    /// Prospect, history, next step, series.
    pub view: ProspectView,
    /// The current step's script.
    pub script: ScriptView,
    /// Every change of the prospect, oldest first: loaded while the detail
    /// shows the timeline.
    pub timeline: Option<Vec<crate::app::Event>>,
}

/// Everything the cockpit shows.
#[derive(Debug, Clone)]
pub struct App {
    /// Settings and series.
    pub ctx: Context,
    /// The moment the screen is drawn for.
    pub now: DateTime<Local>,
    /// True when `--now` fixed the clock.
    pub clock_fixed: bool,
    /// True on a sample book that is discarded on quit.
    pub demo: bool,
    /// On a sample book: where the user's own book is, and whether the
    /// sample was changed.
    pub sample: Option<super::demo::SampleBook>,
    /// The queues, once loaded.
    pub today: Option<Today>,
    /// Rows of the slows & stops pane, derived from `today`.
    pub stops: Vec<StopRow>,
    /// True when the book has no prospects at all.
    pub book_is_empty: bool,
    /// The focused pane.
    pub focus: Pane,
    /// The selected row of each pane.
    pub cursor: [usize; 5],
    /// True while the detail is open.
    pub detail_open: bool,
    /// The selected prospect in full, once loaded.
    pub detail: Option<Detail>,
    /// Lines the detail is scrolled down by.
    pub detail_scroll: u16,
    /// True when the detail shows the prospect's timeline (every change,
    /// who and when) instead of the reminder and the script.
    pub detail_timeline: bool,
    /// True when showing the timeline opened the detail (it was closed):
    /// going back closes it again.
    pub timeline_opened_detail: bool,
    /// The search, while open.
    pub search: Option<Search>,
    /// The agenda, while open.
    pub upcoming: Option<Upcoming>,
    /// The table of all prospects, while open.
    pub browse: Option<Browse>,
    /// The flow review screen, while open.
    pub flow: Option<super::flow::Flow>,
    /// The Team screen, while open.
    pub team_screen: Option<super::team_screen::TeamScreen>,
    /// What has the keyboard.
    pub mode: Mode,
    /// The last result or error.
    pub status: Option<StatusLine>,
    /// Changes that `u` can reverse, newest last.
    pub undo: Vec<Change>,
    /// What was undone, newest last: `Ctrl-r` redoes it (a new change
    /// clears it).
    pub redo: Vec<Change>,
    /// Set when the user quits.
    pub should_quit: bool,
    /// Rows per page in the lists (set by the view's layout).
    pub page: usize,
    /// A prospect to select once the next reload lists it (after adding).
    pub pending_select: Option<ProspectId>,
    /// The form whose effect is being performed: it comes back, with what
    /// was typed, if the book refuses the write.
    pub submitted: Option<Box<Form>>,
    /// Where the cockpit stands with the team's server.
    pub team: super::team_sync::TeamSync,
    /// Set by the sync key; the run loop hands it to the sync thread.
    pub team_sync_wanted: bool,
    /// The changes the team's server refused, set aside in the book (as
    /// of the last reload or sync).
    pub team_parked: u64,
    /// The queue rows' text as the last frame drew it (the view's cache;
    /// emptied when the settings are replaced).
    pub row_memo: std::cell::RefCell<super::view::RowMemo>,
}

impl App {
    /// A cockpit with nothing loaded yet.
    pub fn new(ctx: Context, now: DateTime<Local>, clock_fixed: bool) -> Self {
        let team_on = ctx.config.team_server.value.is_some();
        App {
            ctx,
            now,
            clock_fixed,
            demo: false,
            sample: None,
            today: None,
            stops: Vec::new(),
            book_is_empty: false,
            focus: Pane::Due,
            cursor: [0; 5],
            detail_open: false,
            detail: None,
            detail_scroll: 0,
            detail_timeline: false,
            timeline_opened_detail: false,
            search: None,
            upcoming: None,
            browse: None,
            flow: None,
            team_screen: None,
            mode: Mode::Normal,
            status: None,
            undo: Vec::new(),
            redo: Vec::new(),
            should_quit: false,
            page: 10,
            pending_select: None,
            submitted: None,
            team: if team_on {
                super::team_sync::TeamSync::Waiting
            } else {
                super::team_sync::TeamSync::Off
            },
            team_sync_wanted: false,
            team_parked: 0,
            row_memo: Default::default(),
        }
    }

    /// Replaces the settings and series, and forgets the queue rows' text
    /// described with the old ones.
    pub fn set_ctx(&mut self, ctx: Context) {
        self.ctx = ctx;
        self.row_memo.get_mut().clear();
    }

    /// Installs freshly loaded queues, keeping the selection on the same
    /// prospect where it is still listed.
    pub fn set_today(&mut self, today: Today, book_is_empty: bool) {
        let selected = self.selected_id();
        let q = &today.queue;
        self.stops = q
            .overdue
            .iter()
            .map(|i| (QueueKind::Overdue, i))
            .chain(q.no_next_step.iter().map(|i| (QueueKind::NoNextStep, i)))
            .chain(q.gone_quiet.iter().map(|i| (QueueKind::GoneQuiet, i)))
            // Met or quoted and not debriefed: listed even when also late or
            // stepless, each row saying its own problem.
            .chain(q.no_debrief.iter().map(|i| (QueueKind::NoDebrief, i)))
            .map(|(kind, item)| StopRow {
                kind,
                item: item.clone(),
            })
            .collect();
        self.today = Some(today);
        self.book_is_empty = book_is_empty;
        for pane in [Pane::Due, Pane::Stops] {
            let ids = self.ids(pane);
            let cursor = &mut self.cursor[pane.index()];
            if pane == self.focus
                && let Some(pos) = selected.and_then(|id| ids.iter().position(|x| *x == id))
            {
                *cursor = pos;
            }
            *cursor = (*cursor).min(ids.len().saturating_sub(1));
        }
        if matches!(self.focus, Pane::Due | Pane::Stops) && self.ids(self.focus).is_empty() {
            let other = if self.focus == Pane::Due {
                Pane::Stops
            } else {
                Pane::Due
            };
            if !self.ids(other).is_empty() {
                self.focus = other;
            }
        }
    }

    /// The prospect ids listed in a pane, in order.
    pub fn ids(&self, pane: Pane) -> Vec<ProspectId> {
        match pane {
            Pane::Due => self
                .today
                .as_ref()
                .map(|t| t.queue.due_today.iter().map(|i| i.id).collect())
                .unwrap_or_default(),
            Pane::Stops => self.stops.iter().map(|r| r.item.id).collect(),
            Pane::Search => self
                .search
                .as_ref()
                .map(|s| s.hits.iter().map(|h| h.item.id).collect())
                .unwrap_or_default(),
            Pane::Upcoming => self
                .upcoming
                .as_ref()
                .map(|u| u.rows.iter().map(|i| i.id).collect())
                .unwrap_or_default(),
            Pane::Book => self
                .browse
                .as_ref()
                .map(|b| b.rows.iter().map(|r| r.item.id).collect())
                .unwrap_or_default(),
        }
    }

    /// How many rows a pane lists.
    pub fn len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Due => self.today.as_ref().map_or(0, |t| t.queue.due_today.len()),
            Pane::Stops => self.stops.len(),
            Pane::Search => self.search.as_ref().map_or(0, |s| s.hits.len()),
            Pane::Upcoming => self.upcoming.as_ref().map_or(0, |u| u.rows.len()),
            Pane::Book => self.browse.as_ref().map_or(0, |b| b.rows.len()),
        }
    }

    /// The selected prospect's id, if any.
    pub fn selected_id(&self) -> Option<ProspectId> {
        self.ids(self.focus)
            .get(self.cursor[self.focus.index()])
            .copied()
    }

    /// The selected row's queue entry, if any.
    pub fn selected_item(&self) -> Option<&QueueItem> {
        let i = self.cursor[self.focus.index()];
        match self.focus {
            Pane::Due => self.today.as_ref().and_then(|t| t.queue.due_today.get(i)),
            Pane::Stops => self.stops.get(i).map(|r| &r.item),
            Pane::Search => self
                .search
                .as_ref()
                .and_then(|s| s.hits.get(i))
                .map(|h| &h.item),
            Pane::Upcoming => self.upcoming.as_ref().and_then(|u| u.rows.get(i)),
            Pane::Book => self
                .browse
                .as_ref()
                .and_then(|b| b.rows.get(i))
                .map(|r| &r.item),
        }
    }

    /// Shows a result in the status line.
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            error: false,
        });
    }

    /// Shows an error in the status line.
    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            error: true,
        });
    }
}

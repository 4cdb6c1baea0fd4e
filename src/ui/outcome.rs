//! What performing an effect came to, as data. The run loop hands it to
//! [`fold`](super::fold::on_outcome), the only place it changes the state,
//! so undo stacks, status lines and selection are testable without a book.

use chrono::{DateTime, Local};
use std::path::PathBuf;

use crate::app::{Change, Context, Today};
use crate::domain::{ProspectId, QueueItem};
use crate::store::{AgendaKey, BrowseFilter, BrowseKey, BrowseRow, BrowseSort};

use super::state::{Browse, Detail, SearchHit, Upcoming};

/// The result of one effect.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A write went through.
    Wrote {
        /// How to undo it.
        change: Change,
        /// One line for the status bar.
        summary: String,
        /// A prospect to select once the queues list it (one just added).
        select: Option<ProspectId>,
    },
    /// An undo (or a redo) went through.
    Undone {
        /// The change it reversed.
        change: Change,
        /// The change the reversal made: reversing it again redoes (or
        /// undoes again) what `change` did.
        inverse: Change,
        /// True for a redo (an undo's own change reversed).
        redo: bool,
    },
    /// A write or an undo was refused or failed; the book is unchanged.
    Refused {
        /// One sentence for the status bar.
        error: String,
    },
    /// The queues as the book has them now.
    Reloaded(Box<Loaded>),
    /// One prospect in full.
    Detail(Box<Detail>),
    /// Search hits for a query.
    Found {
        /// What was searched.
        query: String,
        /// The matches, best first.
        hits: Vec<SearchHit>,
    },
    /// A page of the agenda.
    UpcomingPage {
        /// Where it starts (`None`: the first page).
        after: Option<AgendaKey>,
        /// Its rows.
        rows: Vec<QueueItem>,
    },
    /// A page of the table of all prospects.
    BrowsePage {
        /// The filter and sort it was read for.
        view: (BrowseFilter, BrowseSort),
        /// Where it starts (`None`: the first page).
        after: Option<BrowseKey>,
        /// Its rows.
        rows: Vec<BrowseRow>,
    },
    /// The week's flow review.
    Flow(Box<crate::report::Report>),
    /// A coaching note was kept (what to say).
    Coached(String),
    /// The Team screen's board, or why it may not open.
    Team(Result<Box<crate::app::TeamBoard>, crate::app::NoTeamScreen>),
    /// One consultant's queue for the Team screen.
    TeamQueue {
        /// Their owner id.
        owner: i64,
        /// Their queues.
        queue: Box<crate::domain::TodayQueue>,
    },
    /// Reading the book failed.
    ReadFailed(String),
    /// The external editor is done with a field: its text, or why the
    /// field keeps what it had (one sentence).
    Edited {
        /// Which field of the open form.
        field: usize,
        /// The text saved, or why not.
        result: Result<String, String>,
    },
    /// The user's own book is open now, in place of the sample.
    OwnBook {
        /// Where it is.
        path: PathBuf,
        /// True when it existed (opened, not created).
        existed: bool,
        /// The moment to show it as of (the sample may show another).
        now: DateTime<Local>,
        /// True when the clock is fixed (`--now`).
        clock_fixed: bool,
    },
    /// The profile was written; the settings as the file has them now.
    ProfileSaved {
        /// The file written.
        path: PathBuf,
        /// The settings, read again.
        ctx: Box<Context>,
    },
    /// The user confirmed leaving.
    Quit,
}

/// The queues and search results read from the book.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The day's queues.
    pub today: Today,
    /// True when the book has no prospects at all.
    pub book_is_empty: bool,
    /// Fresh hits for the open search, if any.
    pub search: Option<(String, Vec<SearchHit>)>,
    /// The agenda read again, when it is open or a prospect is to be
    /// selected (one just added may be listed only there).
    pub upcoming: Option<Upcoming>,
    /// The table read again, when it is open.
    pub browse: Option<Browse>,
    /// The changes the team's server refused, set aside in the book.
    pub parked: u64,
}

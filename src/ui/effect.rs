//! What `update` asks the run loop to do: effects as data, so the update
//! logic stays pure and testable without a terminal or a book.

use chrono::{DateTime, Utc};
use std::path::PathBuf;

use crate::config::{ProfileChange, Setting};

use crate::app::{
    Change, DebriefRequest, EditRequest, Finish, LogRequest, NextRequest, ReopenRequest,
};
use crate::domain::{ProspectId, ProspectPatch};
use crate::store::{AgendaKey, BrowseFilter, BrowseKey, BrowseSort};

/// One piece of I/O for the run loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Record an attempt.
    Log {
        /// Who.
        id: ProspectId,
        /// What happened.
        request: LogRequest,
    },
    /// Set the next step.
    SetNext {
        /// Who.
        id: ProspectId,
        /// The step.
        request: NextRequest,
    },
    /// Add a prospect.
    Add {
        /// Its fields.
        fields: ProspectPatch,
        /// Its first next step.
        next: Option<NextRequest>,
    },
    /// Edit a prospect.
    Edit {
        /// Who.
        id: ProspectId,
        /// The changed fields, with the prospect as the form showed it.
        request: Box<EditRequest>,
    },
    /// Append a note.
    Note {
        /// Who.
        id: ProspectId,
        /// The note.
        text: String,
    },
    /// Won, lost or closed out.
    Finish {
        /// Who.
        id: ProspectId,
        /// How.
        finish: Finish,
    },
    /// Won, with the delivery date asked (`None`: the plan's default).
    Win {
        /// Who.
        id: ProspectId,
        /// When it is delivered, as typed (a WHEN).
        delivery: Option<String>,
    },
    /// Make a finished prospect active again.
    Reopen {
        /// Who.
        id: ProspectId,
        /// The next step and why.
        request: ReopenRequest,
    },
    /// Hold or resume the series.
    Pause {
        /// Who.
        id: ProspectId,
        /// Hold (true) or resume.
        paused: bool,
        /// When a hold ends by itself (`None`: until resumed).
        until: Option<DateTime<Utc>>,
    },
    /// Reverse a change: the newest on the undo stack, or (`redo`) the
    /// newest undo on the redo stack.
    Undo {
        /// The change.
        change: Change,
        /// True for a redo.
        redo: bool,
    },
    /// Record the debriefs of an appointment.
    Debrief {
        /// Whose appointment.
        id: ProspectId,
        /// The two debriefs.
        request: Box<DebriefRequest>,
    },
    /// Tick off (or mark back-ordered) a customer's open after-sale item.
    Tick {
        /// The customer.
        id: ProspectId,
        /// Back-ordered rather than done.
        backorder: bool,
    },
    /// Load the detail of a prospect.
    LoadDetail(ProspectId),
    /// Search the book.
    Search(String),
    /// Reload the queues from the book.
    Reload,
    /// Open a long-text field of the open form in the external editor
    /// (`$VISUAL`, `$EDITOR`, `vi`); the run loop gives it the terminal.
    EditText {
        /// Which field of the form.
        field: usize,
        /// Its text now.
        text: String,
    },
    /// Leave the sample book for the user's own: open it, or create it
    /// empty; never anything written over it.
    OpenOwnBook(Setting<PathBuf>),
    /// Write the salesperson's profile into `config.toml`.
    SaveProfile(ProfileChange),
    /// Leave the cockpit (after a question).
    Quit,
    /// Read the flow review of the week the screen shows.
    LoadFlow,
    /// Write the manager's coaching note to a consultant.
    Coach {
        /// The consultant's owner id.
        owner: i64,
        /// The note.
        text: String,
    },
    /// Read the Team screen's board (or find it may not open).
    LoadTeam,
    /// Read one consultant's queue for the Team screen.
    LoadTeamQueue {
        /// Their owner id.
        owner: i64,
    },
    /// Read a page of the agenda (the first without a key).
    LoadUpcoming {
        /// Where the page starts.
        after: Option<AgendaKey>,
    },
    /// Read a page of the table of all prospects.
    LoadBrowse {
        /// Which statuses.
        filter: BrowseFilter,
        /// In which order.
        sort: BrowseSort,
        /// Where the page starts (`None`: the first page).
        after: Option<BrowseKey>,
    },
}

impl Effect {
    /// True for effects that write to the book.
    pub fn writes(&self) -> bool {
        !matches!(
            self,
            Effect::LoadDetail(_)
                | Effect::Search(_)
                | Effect::Reload
                | Effect::EditText { .. }
                | Effect::OpenOwnBook(_)
                | Effect::SaveProfile(_)
                | Effect::Quit
                | Effect::LoadUpcoming { .. }
                | Effect::LoadBrowse { .. }
                | Effect::LoadFlow
                | Effect::LoadTeam
                | Effect::LoadTeamQueue { .. }
        )
    }
}

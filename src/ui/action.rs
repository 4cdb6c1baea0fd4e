//! What a key means: the intents the cockpit understands.

use crossterm::event::KeyEvent;

/// An intent, independent of which key produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Select the next row.
    MoveDown,
    /// Select the previous row.
    MoveUp,
    /// Jump a page down.
    PageDown,
    /// Jump a page up.
    PageUp,
    /// Select the first row.
    First,
    /// Select the last row.
    Last,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Open or close the selected prospect's detail.
    ToggleDetail,
    /// Scroll the detail down.
    ScrollDetailDown,
    /// Scroll the detail up.
    ScrollDetailUp,
    /// Leave the current view (detail, search, help).
    Back,
    /// Search the book by name or company.
    Search,
    /// Open (or close) the agenda of next steps from tomorrow on.
    Upcoming,
    /// Open (or close) the table of all prospects.
    AllProspects,
    /// Open (or close) the weekly flow review.
    FlowReview,
    /// Open (or close) the Team screen (coordinator, manager).
    TeamScreen,
    /// On the Team screen, the manager: a coaching note to the selected
    /// consultant.
    Coach,
    /// The table's next status filter.
    CycleFilter,
    /// The table's next sort.
    CycleSort,
    /// Log a voicemail (advances the series).
    LogVoicemail,
    /// Log a call nobody answered.
    LogNoAnswer,
    /// Log an email sent.
    LogEmail,
    /// Log a conversation: prompts for a note and the agreed next step.
    Reached,
    /// Log a meeting or visit: prompts for a note and the agreed next step.
    LogMeeting,
    /// Log a quote given: prompts like a meeting, then offers the debriefs.
    LogQuote,
    /// Set the next step.
    SetNext,
    /// Add a prospect.
    Add,
    /// Edit the selected prospect.
    Edit,
    /// Add a note to the selected prospect.
    Note,
    /// The flow review: the week before the one shown.
    FlowPrevWeek,
    /// The flow review: the week after the one shown.
    FlowNextWeek,
    /// The flow review: back to this week.
    FlowThisWeek,
    /// Mark won (asks the delivery date).
    Won,
    /// Mark lost (prompts for a reason).
    Lost,
    /// Close out (asks to confirm).
    CloseOut,
    /// Reopen a won, lost or closed-out prospect (prompts for the next step).
    Reopen,
    /// Hold or resume the selected prospect's series.
    /// Record the debriefs of an appointment (the coordinator's and the
    /// manager's).
    Debrief,
    /// Tick off the customer's open after-sale item.
    Tick,
    /// Mark the customer's open shipping check back-ordered.
    BackOrder,
    TogglePause,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Sync with the team's server now (in the background).
    SyncTeam,
    /// Show the selected prospect's timeline in the detail, or its
    /// reminder again.
    ToggleTimeline,
    /// Reload from the book now.
    Reload,
    /// Show or hide the keys.
    Help,
    /// Leave the cockpit.
    Quit,
    /// Leave the sample book for your own (created empty if missing).
    StartOwnBook,
    /// Confirm a question (y).
    Confirm,
    /// Decline a question (n, Esc).
    Decline,
    /// Submit the form (Enter).
    Submit,
    /// Move to the next form field.
    NextField,
    /// Move to the previous form field.
    PrevField,
    /// Open the focused long-text field in the external editor.
    OpenEditor,
    /// Break the line in a long-text field.
    NewLine,
}

/// A key the cockpit must route to a text field, or an intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A mapped intent.
    Action(Action),
    /// Text editing in the focused field.
    Edit(KeyEvent),
}

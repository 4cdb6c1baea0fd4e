//! The one table of keys: key, mode, action, description. The help overlay
//! is generated from it, so help never lies.
//!
//! [`BINDINGS`] is the default table. The cockpit installs the table in
//! force ([`install`]: the defaults with the `[keys]` of config.toml
//! applied, see `keys_config`) for its thread, and every lookup, hint,
//! help line and message that names a key reads that one.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::cell::RefCell;
use std::rc::Rc;

use super::action::{Action, Input};

/// Which set of bindings is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    /// The dashboard.
    Normal,
    /// A form or a one-line prompt with text fields.
    Form,
    /// A form whose focused field holds several lines (notes): Enter
    /// breaks the line there.
    Text,
    /// A yes/no question.
    Confirm,
    /// The help overlay.
    Help,
}

/// One binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The key.
    pub code: KeyCode,
    /// Modifiers that must be held (Shift is implied by upper-case letters).
    pub modifiers: KeyModifiers,
    /// Where it applies.
    pub mode: KeyMode,
    /// What it does.
    pub action: Action,
    /// One line for the help overlay; empty hides an alias from help.
    pub description: &'static str,
    /// Help group heading.
    pub group: &'static str,
}

const fn bind(
    code: KeyCode,
    mode: KeyMode,
    action: Action,
    group: &'static str,
    description: &'static str,
) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::NONE,
        mode,
        action,
        description,
        group,
    }
}

/// The same binding with Ctrl held.
const fn ctrl(
    code: KeyCode,
    mode: KeyMode,
    action: Action,
    group: &'static str,
    description: &'static str,
) -> Binding {
    let mut binding = bind(code, mode, action, group, description);
    binding.modifiers = KeyModifiers::CONTROL;
    binding
}

use Action as A;
use KeyCode::{BackTab, Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up};
use KeyMode::{Confirm, Form, Help, Normal, Text};

const MOVE: &str = "Move";
const LOG: &str = "Log the call";
const PROSPECT: &str = "Prospect";
const OTHER: &str = "Other";

/// Every binding of the cockpit.
pub const BINDINGS: &[Binding] = &[
    // Most used first: the help lists the groups in this order.
    bind(
        Char('v'),
        Normal,
        A::LogVoicemail,
        LOG,
        "voicemail left (advances the series)",
    ),
    bind(Char('n'), Normal, A::LogNoAnswer, LOG, "no answer"),
    bind(Char('e'), Normal, A::LogEmail, LOG, "email sent"),
    bind(
        Char('r'),
        Normal,
        A::Reached,
        LOG,
        "reached: note + agreed next step",
    ),
    bind(
        Char('m'),
        Normal,
        A::LogMeeting,
        LOG,
        "met: note + agreed next step",
    ),
    bind(
        Char('$'),
        Normal,
        A::LogQuote,
        LOG,
        "quote given: note + next step",
    ),
    bind(Char('s'), Normal, A::SetNext, LOG, "set the next step"),
    bind(
        Char('d'),
        Normal,
        A::Debrief,
        LOG,
        "debrief: coordinator + manager",
    ),
    bind(
        Char('c'),
        Normal,
        A::Tick,
        LOG,
        "customer: tick off the plan item",
    ),
    bind(
        Char('b'),
        Normal,
        A::BackOrder,
        LOG,
        "customer: back-ordered",
    ),
    bind(Char('a'), Normal, A::Add, PROSPECT, "add a prospect"),
    bind(Char('E'), Normal, A::Edit, PROSPECT, "edit"),
    bind(Char('o'), Normal, A::Note, PROSPECT, "add a note"),
    bind(Char('w'), Normal, A::Won, PROSPECT, "won"),
    bind(Char('l'), Normal, A::Lost, PROSPECT, "lost (with a reason)"),
    bind(Char('x'), Normal, A::CloseOut, PROSPECT, "close out"),
    bind(
        Char('O'),
        Normal,
        A::Reopen,
        PROSPECT,
        "reopen (won, lost, closed out)",
    ),
    bind(
        Char('p'),
        Normal,
        A::TogglePause,
        PROSPECT,
        "pause / resume the series",
    ),
    // In a note field of a form (several lines).
    ctrl(
        Char('e'),
        Text,
        A::OpenEditor,
        PROSPECT,
        "open a note in $EDITOR",
    ),
    // With the prospect keys: at 80×24 the help's other column is full.
    bind(
        Char('B'),
        Normal,
        A::StartOwnBook,
        PROSPECT,
        "demo: start your own book",
    ),
    // The Team screen: in this column too, for the same reason.
    bind(
        Char('T'),
        Normal,
        A::TeamScreen,
        PROSPECT,
        "team: consultants (read-only)",
    ),
    bind(
        Char('C'),
        Normal,
        A::Coach,
        PROSPECT,
        "team: coaching note (manager)",
    ),
    bind(Char('j'), Normal, A::MoveDown, MOVE, "next row"),
    bind(Down, Normal, A::MoveDown, MOVE, ""),
    bind(Char('k'), Normal, A::MoveUp, MOVE, "previous row"),
    bind(Up, Normal, A::MoveUp, MOVE, ""),
    bind(PageDown, Normal, A::PageDown, MOVE, "page down"),
    bind(PageUp, Normal, A::PageUp, MOVE, "page up"),
    bind(Char('g'), Normal, A::First, MOVE, "first row"),
    bind(Home, Normal, A::First, MOVE, ""),
    bind(Char('G'), Normal, A::Last, MOVE, "last row"),
    bind(End, Normal, A::Last, MOVE, ""),
    bind(Tab, Normal, A::NextPane, MOVE, "next pane"),
    bind(BackTab, Normal, A::PrevPane, MOVE, "previous pane"),
    bind(Enter, Normal, A::ToggleDetail, MOVE, "open / close detail"),
    bind(
        Char('J'),
        Normal,
        A::ScrollDetailDown,
        MOVE,
        "scroll the detail down",
    ),
    bind(
        Char('K'),
        Normal,
        A::ScrollDetailUp,
        MOVE,
        "scroll the detail up",
    ),
    bind(Esc, Normal, A::Back, MOVE, "back"),
    bind(Char('/'), Normal, A::Search, MOVE, "search the whole book"),
    bind(Char('W'), Normal, A::Upcoming, MOVE, "upcoming next steps"),
    bind(
        Char('A'),
        Normal,
        A::AllProspects,
        MOVE,
        "all prospects (table)",
    ),
    bind(
        Char('F'),
        Normal,
        A::FlowReview,
        MOVE,
        "flow review of the week",
    ),
    // The flow review's own keys (its title line names them too).
    bind(
        Char('['),
        Normal,
        A::FlowPrevWeek,
        MOVE,
        "flow: previous week",
    ),
    bind(Char(']'), Normal, A::FlowNextWeek, MOVE, "flow: next week"),
    bind(Char('t'), Normal, A::FlowThisWeek, MOVE, "flow: this week"),
    // The table's own keys (its hint line names them too).
    bind(
        Char('f'),
        Normal,
        A::CycleFilter,
        MOVE,
        "table: next status filter",
    ),
    bind(Char('S'), Normal, A::CycleSort, MOVE, "table: next sort"),
    bind(Char('u'), Normal, A::Undo, OTHER, "undo"),
    ctrl(Char('r'), Normal, A::Redo, OTHER, "redo"),
    bind(
        Char('H'),
        Normal,
        A::ToggleTimeline,
        OTHER,
        "timeline: every change, who and when",
    ),
    bind(Char('R'), Normal, A::Reload, OTHER, "reload from the book"),
    bind(
        Char('Y'),
        Normal,
        A::SyncTeam,
        OTHER,
        "sync with the team now",
    ),
    bind(Char('?'), Normal, A::Help, OTHER, "help"),
    bind(Char('q'), Normal, A::Quit, OTHER, "quit"),
    ctrl(Char('c'), Normal, A::Quit, OTHER, ""),
    // Forms and prompts: every other key edits the focused field.
    bind(Enter, Form, A::Submit, "", ""),
    bind(Esc, Form, A::Back, "", ""),
    bind(Tab, Form, A::NextField, "", ""),
    bind(Down, Form, A::NextField, "", ""),
    bind(BackTab, Form, A::PrevField, "", ""),
    bind(Up, Form, A::PrevField, "", ""),
    ctrl(Char('c'), Form, A::Back, "", ""),
    ctrl(Char('s'), Form, A::Submit, "", ""),
    // A long-text field (notes, objection, decision process): Enter and the
    // arrows edit the text; every other unbound key edits it too.
    // (Its hint line names these; Ctrl-e is in the help, with the prospect.)
    ctrl(Char('s'), Text, A::Submit, "", ""),
    bind(Enter, Text, A::NewLine, "", ""),
    bind(Tab, Text, A::NextField, "", ""),
    bind(BackTab, Text, A::PrevField, "", ""),
    bind(Esc, Text, A::Back, "", ""),
    ctrl(Char('c'), Text, A::Back, "", ""),
    // Questions.
    bind(Char('y'), Confirm, A::Confirm, "", ""),
    bind(Char('n'), Confirm, A::Decline, "", ""),
    bind(Esc, Confirm, A::Decline, "", ""),
    ctrl(Char('c'), Confirm, A::Decline, "", ""),
    // Help.
    bind(Esc, Help, A::Help, "", ""),
    bind(Char('?'), Help, A::Help, "", ""),
    bind(Char('q'), Help, A::Help, "", ""),
    bind(Char('j'), Help, A::MoveDown, "", ""),
    bind(Down, Help, A::MoveDown, "", ""),
    bind(Char('k'), Help, A::MoveUp, "", ""),
    bind(Up, Help, A::MoveUp, "", ""),
    bind(PageDown, Help, A::PageDown, "", ""),
    bind(PageUp, Help, A::PageUp, "", ""),
    ctrl(Char('c'), Help, A::Quit, "", ""),
];

thread_local! {
    /// The table in force on this thread; `None`: the defaults. The
    /// cockpit runs (and draws) on one thread, and each test has its own.
    static ACTIVE: RefCell<Option<Rc<[Binding]>>> = const { RefCell::new(None) };
}

/// Makes `table` the keymap in force on this thread (the cockpit's).
pub fn install(table: Vec<Binding>) {
    ACTIVE.with(|active| *active.borrow_mut() = Some(table.into()));
}

/// The keymap in force on this thread.
pub fn active() -> Rc<[Binding]> {
    ACTIVE.with(|active| {
        active
            .borrow_mut()
            .get_or_insert_with(|| Rc::from(BINDINGS))
            .clone()
    })
}

/// What a key press means in `mode`. Key releases are ignored (some
/// terminals report both press and release).
pub fn lookup(key: KeyEvent, mode: KeyMode) -> Option<Input> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // Upper-case letters arrive with SHIFT on some terminals and without on
    // others; the character itself says it all.
    let modifiers = match key.code {
        Char(_) => key.modifiers - KeyModifiers::SHIFT,
        BackTab => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    let found = active()
        .iter()
        .find(|b| b.mode == mode && b.code == key.code && b.modifiers == modifiers)
        .map(|b| Input::Action(b.action));
    match (found, mode) {
        (Some(input), _) => Some(input),
        (None, KeyMode::Form | KeyMode::Text) => Some(Input::Edit(key)),
        _ => None,
    }
}

/// The key names of an action in `mode`, for hints ("j/↓").
pub fn keys_for(action: Action, mode: KeyMode) -> String {
    active()
        .iter()
        .filter(|b| b.mode == mode && b.action == action)
        .map(key_name)
        .collect::<Vec<_>>()
        .join("/")
}

/// The name of the first key bound to an action in `mode`, for messages
/// that name one key ("y = yes").
pub fn key_for(action: Action, mode: KeyMode) -> String {
    active()
        .iter()
        .find(|b| b.mode == mode && b.action == action)
        .map(key_name)
        .unwrap_or_default()
}

/// A readable name of a binding's key.
pub fn key_name(b: &Binding) -> String {
    let base = match b.code {
        Char(' ') => "Space".to_string(),
        Char(c) => c.to_string(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        Home => "Home".into(),
        End => "End".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    };
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// Help lines: (group, keys, description), one per documented action, in
/// table order (the dashboard's, and the editor key of a note field).
pub fn help_entries() -> Vec<(&'static str, String, &'static str)> {
    let mut entries: Vec<(&'static str, String, &'static str)> = Vec::new();
    for b in active()
        .iter()
        .filter(|b| matches!(b.mode, Normal | Text) && !b.description.is_empty())
    {
        entries.push((b.group, keys_for(b.action, b.mode), b.description));
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn vim_and_arrow_keys_both_move() {
        assert_eq!(
            lookup(press(Char('j')), Normal),
            Some(Input::Action(A::MoveDown))
        );
        assert_eq!(
            lookup(press(Down), Normal),
            Some(Input::Action(A::MoveDown))
        );
        assert_eq!(lookup(press(Up), Normal), Some(Input::Action(A::MoveUp)));
    }

    #[test]
    fn shifted_letters_match_with_or_without_the_shift_flag() {
        let shifted = KeyEvent::new(Char('E'), KeyModifiers::SHIFT);
        assert_eq!(lookup(shifted, Normal), Some(Input::Action(A::Edit)));
        assert_eq!(
            lookup(press(Char('E')), Normal),
            Some(Input::Action(A::Edit))
        );
        let backtab = KeyEvent::new(BackTab, KeyModifiers::SHIFT);
        assert_eq!(lookup(backtab, Normal), Some(Input::Action(A::PrevPane)));
    }

    #[test]
    fn releases_are_ignored() {
        let mut key = press(Char('v'));
        key.kind = KeyEventKind::Release;
        assert_eq!(lookup(key, Normal), None);
    }

    #[test]
    fn forms_get_every_unmapped_key_as_text() {
        assert_eq!(
            lookup(press(Char('v')), Form),
            Some(Input::Edit(press(Char('v'))))
        );
        assert_eq!(lookup(press(Enter), Form), Some(Input::Action(A::Submit)));
    }

    #[test]
    fn in_a_long_text_enter_breaks_the_line_and_ctrl_keys_save_or_open_the_editor() {
        for code in [Up, Down, Char('s')] {
            assert_eq!(lookup(press(code), Text), Some(Input::Edit(press(code))));
        }
        assert_eq!(lookup(press(Enter), Text), Some(Input::Action(A::NewLine)));
        let ctrl = |c| KeyEvent::new(Char(c), KeyModifiers::CONTROL);
        assert_eq!(lookup(ctrl('s'), Text), Some(Input::Action(A::Submit)));
        assert_eq!(lookup(ctrl('s'), Form), Some(Input::Action(A::Submit)));
        assert_eq!(lookup(ctrl('e'), Text), Some(Input::Action(A::OpenEditor)));
        // On a one-line field Ctrl-e stays the field's "end of line".
        assert_eq!(lookup(ctrl('e'), Form), Some(Input::Edit(ctrl('e'))));
        assert_eq!(key_for(A::Submit, Text), "Ctrl-s");
        assert_eq!(key_for(A::OpenEditor, Text), "Ctrl-e");
    }

    #[test]
    fn every_normal_action_is_documented_once_and_no_key_is_bound_twice() {
        let entries = help_entries();
        let mut seen = std::collections::HashSet::new();
        for b in BINDINGS {
            assert!(
                seen.insert((b.mode as u8, format!("{:?}{:?}", b.code, b.modifiers))),
                "{b:?} bound twice"
            );
        }
        for key in [
            "v", "n", "e", "r", "s", "a", "E", "o", "w", "l", "x", "O", "u", "?", "q", "/", "W",
            "B", "A",
        ] {
            assert!(
                entries
                    .iter()
                    .any(|(_, k, _)| k == key || k.split('/').any(|x| x == key)),
                "{key} missing from help"
            );
        }
        assert!(entries.iter().any(|(_, k, _)| k == "j/↓"));
    }
}

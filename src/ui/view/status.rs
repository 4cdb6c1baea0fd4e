//! The status line: the last result or error on the left, the keys that
//! matter most on the right (generated from the keymap, so they never lie).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit::{clean, truncate, width};
use super::theme::Theme;
use crate::ui::action::Action;
use crate::ui::keymap::{KeyMode, keys_for};
use crate::ui::state::{App, Mode};

/// The first key bound to `action` in `mode` ("q" for "q/Ctrl-c").
pub fn key(action: Action, mode: KeyMode) -> String {
    crate::ui::keymap::key_for(action, mode)
}

/// Key hints for the current mode: (priority, text), lowest priority
/// dropped first when they do not fit. Popups carry their own hints.
fn hints(app: &App) -> Vec<(u8, String)> {
    let n = KeyMode::Normal;
    let f = KeyMode::Form;
    match app.mode {
        Mode::Normal if app.book_is_empty => vec![
            (1, format!("{} add a prospect", key(Action::Add, n))),
            (2, format!("{} help", key(Action::Help, n))),
            (3, format!("{} quit", key(Action::Quit, n))),
        ],
        Mode::Normal => vec![
            (3, format!("{} voicemail", key(Action::LogVoicemail, n))),
            (6, format!("{} no answer", key(Action::LogNoAnswer, n))),
            (7, format!("{} email", key(Action::LogEmail, n))),
            (4, format!("{} reached", key(Action::Reached, n))),
            (5, format!("{} next", key(Action::SetNext, n))),
            (1, format!("{} help", key(Action::Help, n))),
            (2, format!("{} quit", key(Action::Quit, n))),
        ],
        Mode::Searching => vec![
            (1, format!("{} open", key(Action::Submit, f))),
            (2, format!("{} next hit", keys_for(Action::NextField, f))),
            (1, format!("{} close", key(Action::Back, f))),
        ],
        Mode::Help(_) | Mode::Form(_) | Mode::Confirm(_) | Mode::Discard(_) => Vec::new(),
    }
}

/// The hints that fit in `room` columns, joined.
fn fitted_hints(app: &App, room: usize) -> String {
    let mut hints = hints(app);
    loop {
        let text = hints
            .iter()
            .map(|(_, h)| h.as_str())
            .collect::<Vec<_>>()
            .join(" · ");
        if width(&text) <= room || hints.is_empty() {
            return text;
        }
        let lowest = hints
            .iter()
            .enumerate()
            .max_by_key(|(_, (p, _))| *p)
            .map(|(i, _)| i);
        if let Some(i) = lowest {
            hints.remove(i);
        }
    }
}

/// Draws the status line.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let total = usize::from(area.width);
    let (message, style) = match &app.status {
        Some(s) if s.error => (format!("Error: {}", clean(&s.text)), theme.error()),
        Some(s) => (clean(&s.text), ratatui::style::Style::new()),
        None => (
            crate::ui::team_sync::indicator(&app.team, app.now.to_utc()).unwrap_or_default(),
            ratatui::style::Style::new(),
        ),
    };
    // The message comes first (it says what just happened to the book);
    // hints get what is left.
    let hint_room = total.saturating_sub(width(&message) + 2);
    let hints = fitted_hints(app, hint_room);
    let message_room = total.saturating_sub(width(&hints) + if hints.is_empty() { 0 } else { 2 });
    let message = truncate(&message, message_room);
    let gap = total.saturating_sub(width(&message) + width(&hints));
    let line = Line::from(vec![
        Span::styled(message, style),
        Span::raw(" ".repeat(gap)),
        Span::styled(hints, theme.muted()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

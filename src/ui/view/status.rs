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
            crate::ui::team_sync::idle_status(app).unwrap_or_default(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Context;
    use crate::ui::team_sync::TeamSync;
    use insta::assert_snapshot;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// The status line alone, `width` columns wide.
    fn line(app: &App, width: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, 1)).expect("a test terminal");
        terminal
            .draw(|f| draw(f, app, &Theme { color: false }, f.area()))
            .expect("drawn");
        terminal.backend().to_string()
    }

    /// A team member's cockpit that synced ten minutes before `now`.
    fn synced(parked: u64) -> App {
        let now = crate::ui::view::fixture::now();
        let mut app = App::new(Context::builtin(), now, true);
        app.team = TeamSync::Synced {
            at: now.to_utc() - chrono::Duration::minutes(10),
        };
        app.team_parked = parked;
        app
    }

    #[test]
    fn the_status_line_counts_the_changes_the_server_refused() {
        assert_snapshot!(line(&synced(3), 100));
    }

    #[test]
    fn no_refused_changes_no_word_of_them() {
        let text = line(&synced(0), 100);
        assert!(text.contains("synced 10 min ago"), "{text}");
        assert!(!text.contains("refused"), "{text}");
    }

    #[test]
    fn without_a_team_the_count_is_not_shown() {
        let mut app = synced(2);
        app.team = TeamSync::Off;
        let text = line(&app, 100);
        assert!(!text.contains("refused"), "{text}");
    }

    #[test]
    fn a_message_takes_the_place_of_the_count() {
        let mut app = synced(3);
        app.info("Note kept for Grace Hopper.");
        let text = line(&app, 100);
        assert!(text.contains("Note kept"), "{text}");
        assert!(!text.contains("refused"), "{text}");
    }
}

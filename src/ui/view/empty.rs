//! What the body shows when there is nothing to list, and the message for a
//! terminal too small to draw the cockpit in.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit::wrap;
use super::status::key;
use super::theme::Theme;
use crate::ui::action::Action;
use crate::ui::keymap::KeyMode;

/// Centred lines, each wrapped to fit `area`; `None` is a blank line.
fn centred(frame: &mut Frame, area: Rect, texts: Vec<Option<(String, Style)>>) {
    let room = usize::from(area.width.saturating_sub(4)).clamp(1, 72);
    let mut lines = Vec::new();
    for text in texts {
        match text {
            None => lines.push(Line::default()),
            Some((text, style)) => lines.extend(
                wrap(&text, room)
                    .into_iter()
                    .map(|piece| Line::from(Span::styled(piece, style)).centered()),
            ),
        }
    }
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    let target = area.centered_vertically(Constraint::Length(h));
    frame.render_widget(Paragraph::new(lines), target);
}

/// The body of an empty book: how to start.
pub fn book(frame: &mut Frame, area: Rect, theme: &Theme) {
    let n = KeyMode::Normal;
    let add = format!("Press {} to add your first prospect.", key(Action::Add, n));
    let demo = format!(
        "Or quit ({}) and run `followup --demo` to try the cockpit on sample data.",
        key(Action::Quit, n)
    );
    let help = format!("Press {} for all the keys.", key(Action::Help, n));
    centred(
        frame,
        area,
        vec![
            Some(("Your book is empty.".into(), theme.title())),
            None,
            Some((add, Style::new())),
            None,
            Some((demo, Style::new())),
            None,
            Some((help, theme.muted())),
        ],
    );
}

/// The whole screen of a terminal below `min_w`×`min_h`.
pub fn too_small(frame: &mut Frame, area: Rect, min_w: u16, min_h: u16, theme: &Theme) {
    let need = format!("followup needs a terminal of at least {min_w}×{min_h}");
    let has = format!("(this one is {}×{})", area.width, area.height);
    let texts = if need.len() + has.len() < usize::from(area.width.saturating_sub(4)) {
        vec![Some((format!("{need} {has}"), theme.title()))]
    } else {
        vec![Some((need, theme.title())), Some((has, theme.title()))]
    };
    let quit = format!(
        "Make the window larger, or press {} to quit.",
        key(Action::Quit, KeyMode::Normal)
    );
    let mut texts = texts;
    texts.extend([None, Some((quit, theme.muted()))]);
    centred(frame, area, texts);
}

//! Colours and emphasis. Colour is only ever a second signal: every urgency
//! also carries a symbol or a word, so the cockpit reads the same with
//! `NO_COLOR` set or on a monochrome terminal.

use std::ffi::OsStr;

use ratatui::style::{Color, Modifier, Style};

/// How the cockpit is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False when colours are off (`NO_COLOR`); emphasis (bold, reverse)
    /// is still used.
    pub color: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme { color: true }
    }
}

impl Theme {
    /// The theme the environment asks for: any non-empty `NO_COLOR` turns
    /// colours off (<https://no-color.org>).
    pub fn from_env() -> Self {
        Theme::from_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// The theme for a given value of `NO_COLOR` (`None` when unset).
    pub fn from_no_color(value: Option<&OsStr>) -> Self {
        Theme {
            color: value.is_none_or(OsStr::is_empty),
        }
    }

    /// `base` with a foreground colour, when colours are on.
    fn fg(&self, base: Style, color: Color) -> Style {
        if self.color { base.fg(color) } else { base }
    }

    /// An overdue step or a stop: red.
    pub fn overdue(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// A window that is open now: amber.
    pub fn due_now(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Yellow)
    }

    /// A prospect gone quiet: a slow rather than a stop.
    pub fn quiet(&self) -> Style {
        self.fg(Style::new(), Color::Magenta)
    }

    /// The selected row of the focused list.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Pane titles and section headings.
    pub fn title(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// Secondary text: column headings, hints, labels.
    pub fn muted(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// An error message.
    pub fn error(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    /// A good outcome: an understood window, a won prospect.
    pub fn ok(&self) -> Style {
        self.fg(Style::new(), Color::Green)
    }

    /// The border of the focused pane (also drawn thick).
    pub fn focus_border(&self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    /// The border of a pane without focus.
    pub fn border(&self) -> Style {
        self.muted()
    }

    /// The focused field of a form.
    pub fn field(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_turns_colours_off_only_when_set_and_non_empty() {
        assert!(Theme::from_no_color(None).color);
        assert!(Theme::from_no_color(Some(OsStr::new(""))).color);
        assert!(!Theme::from_no_color(Some(OsStr::new("1"))).color);
        let plain = Theme { color: false };
        assert_eq!(plain.overdue().fg, None);
        assert_eq!(Theme::default().overdue().fg, Some(Color::Red));
    }
}

//! The banner under the header on a sample book: it says plainly that this
//! is a demo, which key starts the user's own book and where, and which
//! day it shows when that is not today.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit::{truncate, width};
use super::theme::Theme;
use crate::ui::demo::{SampleBook, start_key};
use crate::ui::state::App;

/// Draws the longest banner text that fits `area`.
pub fn draw(frame: &mut Frame, app: &App, sample: &SampleBook, theme: &Theme, area: Rect) {
    let room = usize::from(area.width);
    let texts = texts(app, sample);
    let text = texts
        .iter()
        .find(|t| width(t) <= room)
        .cloned()
        .unwrap_or_else(|| truncate(texts.last().map_or("", String::as_str), room));
    let line = Line::from(Span::styled(text, theme.due_now()));
    frame.render_widget(Paragraph::new(line), area);
}

/// The banner, longest first.
pub fn texts(app: &App, sample: &SampleBook) -> Vec<String> {
    let key = start_key();
    let path = crate::domain::text::sanitize_line(&sample.own_book.value.display().to_string())
        .into_owned();
    let day = app.now.format("%a %-d %b");
    let (showing, showing_short) = if sample.moved {
        (
            format!(
                " · outside business hours, so it shows {day} from {}",
                app.now.format("%H:%M")
            ),
            format!(" · after hours: showing {day} {}", app.now.format("%H:%M")),
        )
    } else {
        (String::new(), String::new())
    };
    vec![
        format!(
            "This is a demo book (sample data, discarded on quit) — press {key} to start your own at {path}{showing}"
        ),
        format!("This is a demo book — press {key} to start your own at {path}{showing_short}"),
        format!("This is a demo book — press {key} to start your own{showing_short}"),
        format!("This is a demo book — press {key} to start your own"),
        format!("Demo book — {key}: start your own"),
    ]
}

#[cfg(test)]
mod tests {
    use insta::assert_snapshot;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::path::PathBuf;

    use super::super::{Theme, draw, fixture};
    use crate::config::Setting;
    use crate::ui::demo::SampleBook;
    use crate::ui::state::App;

    /// Row `row` of the screen of `app` at `width`×30.
    fn row(app: &App, width: u16, row: usize) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, 30)).unwrap();
        terminal
            .draw(|f| draw(f, app, &Theme { color: false }))
            .unwrap();
        let text = terminal.backend().to_string();
        text.lines().nth(row).unwrap_or_default().to_string()
    }

    fn demo(moved: bool) -> App {
        let fx = fixture::book();
        let mut app = fx.app();
        app.demo = true;
        app.sample = Some(SampleBook {
            own_book: Setting::default(PathBuf::from(
                "/home/sam/.local/share/followup/followup.db",
            )),
            user_now: None,
            moved,
            changed: false,
        });
        app
    }

    #[test]
    fn the_banner_says_it_is_a_demo_and_which_key_starts_your_own() {
        let app = demo(false);
        assert_snapshot!(row(&app, 140, 1));
        for width in [80, 100, 120] {
            let banner = row(&app, width, 1);
            assert!(
                banner.contains("demo book") && banner.contains("press B to start your own"),
                "{width}: {banner}"
            );
        }
        // On the user's own book there is no banner row.
        let mut own = app.clone();
        own.sample = None;
        own.demo = false;
        assert!(!row(&own, 140, 1).contains("demo book"));
    }

    #[test]
    fn outside_business_hours_the_banner_names_the_day_shown() {
        let app = demo(true);
        let banner = row(&app, 140, 1);
        assert!(banner.contains("showing Mon 23 Nov 09:00"), "{banner}");
        assert_snapshot!(row(&app, 160, 1));
    }
}

//! Snapshot tests of the flow review screen, one panel at a time, on the
//! fixture book's week; and the screen with colours off.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Color;

use super::fixture::{self, now};
use super::{Theme, draw};
use crate::report::Period;
use crate::ui::flow::Flow;
use crate::ui::state::App;

const PLAIN: Theme = Theme { color: false };

/// The cockpit over the fixture book with the flow screen open and read.
fn flow_app() -> App {
    let mut fx = fixture::book();
    let id = fx.id("sofia");
    let ctx = fx.ctx.clone();
    crate::app::finish_prospect(
        &mut fx.book,
        &ctx,
        now(),
        id,
        &crate::app::Finish::Lost(Some("Went with <b>Acme</b> & \"Sons\"".into())),
    )
    .expect("lost");
    let mut app = fx.app();
    let week = Period::week(now().date_naive(), &now()).expect("this week");
    let report = crate::app::flow_report(&fx.book, &fx.ctx, week).expect("a review");
    app.flow = Some(Flow {
        report: Some(Box::new(report)),
        weeks_back: 0,
    });
    app
}

fn render(app: &App, w: u16, h: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal.draw(|f| draw(f, app, &theme)).expect("drawn");
    terminal
}

/// The text of one region of an 80×24 screen.
fn region(app: &App, area: Rect) -> String {
    let terminal = render(app, 80, 24, PLAIN);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in area.y..area.y + area.height {
        let line: String = (area.x..area.x + area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn flow_title_names_the_week_and_the_way_back() {
    assert_snapshot!(region(&flow_app(), Rect::new(0, 1, 80, 1)));
}

#[test]
fn flow_charts_show_their_numbers_beside_the_bars() {
    // Contacts to win (left) and where follow-up stopped (right).
    assert_snapshot!(region(&flow_app(), Rect::new(0, 2, 80, 8)));
}

#[test]
fn flow_pipeline_and_speed() {
    assert_snapshot!(region(&flow_app(), Rect::new(0, 10, 80, 6)));
}

#[test]
fn flow_outcomes_and_series() {
    let text = region(&flow_app(), Rect::new(0, 16, 80, 7));
    assert!(text.contains("Went with <b>Acme</b> & \"Sons\""), "{text}");
    assert_snapshot!(text);
}

#[test]
fn flow_says_it_is_reading_until_the_review_arrives() {
    let mut app = flow_app();
    app.flow = Some(Flow::default());
    assert!(region(&app, Rect::new(0, 2, 80, 1)).contains("Reading the week"));
}

#[test]
fn flow_without_colour_has_no_colour() {
    let terminal = render(&flow_app(), 80, 24, PLAIN);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let coloured = render(&flow_app(), 80, 24, Theme { color: true });
    assert!(
        coloured
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg == Color::Green)
    );
}

#[test]
fn a_past_week_is_named_with_the_way_to_this_week() {
    let mut app = flow_app();
    if let Some(flow) = app.flow.as_mut() {
        flow.weeks_back = 2;
    }
    let wide = {
        let terminal = render(&app, 120, 24, PLAIN);
        let buffer = terminal.backend().buffer();
        (0..120u16)
            .map(|x| buffer[(x, 1)].symbol().to_string())
            .collect::<String>()
    };
    assert!(wide.contains("(2 weeks ago)"), "{wide}");
    assert!(
        wide.contains("[ ] weeks · t this week · F or Esc: back"),
        "{wide}"
    );
    // On 80 columns the way back stays; the way to this week gives way.
    let narrow = region(&app, Rect::new(0, 1, 80, 1));
    assert!(narrow.contains("F or Esc: back"), "{narrow}");
}

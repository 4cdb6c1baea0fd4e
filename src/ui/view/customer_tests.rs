//! Snapshots of the detail's new regions: a customer's after-sale plan
//! mid-checklist, and a recorded debrief.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::Theme;
use super::fixture::{self, before};
use crate::app::{Context, DebriefRequest, NextRequest, record_debrief, tick};
use crate::domain::{Money, Probability};
use crate::ui::state::App;

/// The detail pane alone, 60 columns wide.
fn detail(app: &App, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(60, h)).expect("a test terminal");
    terminal
        .draw(|f| super::detail::draw(f, app, &Theme { color: false }, f.area(), true))
        .expect("drawn");
    terminal.backend().to_string()
}

#[test]
fn a_customer_shows_the_plan_progress_and_the_open_items_script() {
    let mut fx = fixture::book();
    let wei = fx.id("wei");
    // Order entered two days ago; now the shipping check is open.
    tick(&mut fx.book, &Context::builtin(), before(2, 10, 0), wei).expect("tick");
    let mut app = fx.app();
    fx.search(&mut app, "Chen Wei");
    fx.open_detail(&mut app, "wei");
    let text = detail(&app, 40);
    assert!(text.contains("1/8 done"), "{text}");
    assert_snapshot!(text);
}

#[test]
fn a_recorded_debrief_is_shown_in_the_reminder() {
    let mut fx = fixture::book();
    let tomas = fx.id("tomas");
    let request = DebriefRequest {
        probability: Probability::new(55).ok(),
        value: Some(Money::from_cents(1_000_000)),
        next: Some(NextRequest::call("fri 10am")),
        well: [
            "Walked the yard with him".into(),
            "Drew the drip lines".into(),
            "Priced two options".into(),
        ],
        work_on: "Book the joint call with Ana".into(),
        ..Default::default()
    };
    record_debrief(
        &mut fx.book,
        &Context::builtin(),
        before(5, 15, 0),
        tomas,
        &request,
    )
    .expect("debrief");
    let mut app = fx.app();
    fx.search(&mut app, "Rivera");
    fx.open_detail(&mut app, "tomas");
    let text = detail(&app, 30);
    assert!(text.contains("work on: Book the"), "{text}");
    assert!(!text.contains("none since the meeting"), "{text}");
    assert_snapshot!(text);
}

//! Snapshot tests of the view, one region or state each, drawn into a
//! `TestBackend` from the fixture book.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use super::fixture::{self, Fixture, before, person};
use super::{Theme, draw, page_rows};
use crate::app::Finish;
use crate::domain::Outcome;
use crate::ui::effect::Effect;
use crate::ui::form::Form;
use crate::ui::state::{App, Mode, Pane, Question};

const PLAIN: Theme = Theme { color: false };

fn render(app: &App, w: u16, h: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal.draw(|f| draw(f, app, &theme)).expect("drawn");
    terminal
}

fn screen(app: &App, w: u16, h: u16) -> String {
    render(app, w, h, PLAIN).backend().to_string()
}

/// The dashboard with Tomás (due now) selected and his detail loaded.
fn dashboard(fx: &Fixture) -> App {
    let mut app = fx.app();
    assert_eq!(app.selected_id(), Some(fx.id("tomas")));
    fx.open_detail(&mut app, "tomas");
    app
}

#[test]
fn dashboard_100x30() {
    let fx = fixture::book();
    assert_snapshot!(screen(&dashboard(&fx), 100, 30));
}

#[test]
fn dashboard_80x24_fits_the_smallest_terminal() {
    let fx = fixture::book();
    let mut app = dashboard(&fx);
    app.focus = Pane::Stops;
    app.cursor[Pane::Stops.index()] = 2;
    app.error("the book is locked by another program; try again");
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn dashboard_140x40_shows_the_detail_beside_the_lists() {
    let fx = fixture::book();
    let mut app = dashboard(&fx);
    app.clock_fixed = true;
    app.info("Voicemail logged for Sofia Lindqvist; next: call today 08:45");
    assert_snapshot!(screen(&app, 140, 40));
}

#[test]
fn detail_replaces_the_lists_when_narrow() {
    let fx = fixture::book();
    let mut app = dashboard(&fx);
    app.detail_open = true;
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn detail_says_loading_until_the_selected_prospect_arrives() {
    let fx = fixture::book();
    let mut app = dashboard(&fx);
    app.cursor[Pane::Due.index()] = 1;
    app.detail_open = true;
    assert!(screen(&app, 80, 24).contains("Loading…"));
}

#[test]
fn help_overlay() {
    let fx = fixture::book();
    let mut app = dashboard(&fx);
    app.mode = Mode::Help(0);
    assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn set_next_form_previews_the_typed_window() {
    let fx = fixture::book();
    let mut app = dashboard(&fx);
    let mut form = Form::set_next(fx.id("tomas"), "Tomás Rivera", None);
    for c in "tue morning".chars() {
        form.edit_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.mode = Mode::Form(Box::new(form));
    let terminal = render(&app, 100, 30, PLAIN);
    assert_snapshot!(terminal.backend().to_string());
    let cursor = terminal.backend().cursor_position();
    assert_eq!(
        (cursor.x, cursor.y),
        (35, 11),
        "the cursor ends the When field"
    );
}

#[test]
fn confirm_popup() {
    let fx = fixture::book();
    let mut app = dashboard(&fx);
    app.mode = Mode::Confirm(Box::new(Question {
        text: "Mark Tomás Rivera won? y = yes, n = no".into(),
        on_yes: Effect::Finish {
            id: fx.id("tomas"),
            finish: Finish::Won,
        },
    }));
    assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn discarding_typed_text_is_asked_over_the_form() {
    let fx = fixture::book();
    let mut app = dashboard(&fx);
    let mut form = Form::note(fx.id("tomas"), "Tomás Rivera");
    form.insert_text("wants the triple pane quote");
    app.mode = Mode::Discard(Box::new(form));
    assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn empty_book_says_how_to_start() {
    let fx = Fixture::empty();
    assert_snapshot!(screen(&fx.app(), 80, 24));
}

#[test]
fn too_small_says_how_big_it_must_be() {
    let fx = fixture::book();
    assert_snapshot!(screen(&fx.app(), 60, 20));
}

#[test]
fn search_pane_lists_hits_of_any_status() {
    let fx = fixture::book();
    let mut app = fx.app();
    fx.search(&mut app, "chen");
    app.mode = Mode::Searching;
    let terminal = render(&app, 100, 30, PLAIN);
    assert_snapshot!(terminal.backend().to_string());
}

#[test]
fn page_rows_follow_the_layout() {
    let fx = fixture::book();
    let app = fx.app();
    assert_eq!(page_rows(&app, 80, 24), 8);
    assert_eq!(page_rows(&app, 100, 40), 16);
}

#[test]
fn colour_marks_urgency_and_no_color_sets_no_colour() {
    let fx = fixture::book();
    let app = dashboard(&fx);
    let coloured = render(&app, 100, 30, Theme { color: true });
    let buffer = coloured.backend().buffer();
    let bang = buffer
        .content()
        .iter()
        .find(|c| c.symbol() == "!")
        .expect("an overdue marker");
    assert_eq!(bang.fg, Color::Red);
    let now = buffer
        .content()
        .iter()
        .find(|c| c.symbol() == "▶")
        .expect("a due-now marker");
    assert_eq!(now.fg, Color::Yellow);

    let plain = render(&app, 140, 40, PLAIN);
    for cell in plain.backend().buffer().content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let mut fx = Fixture::empty();
    let hostile = "Eve\x1b[31mRed\x1b]0;pwned\x07\u{202e}Evil";
    let fields = crate::domain::ProspectPatch {
        notes: Some("Likes \x1b[2J clean screens".into()),
        objection: Some("\u{202e}wolley\x1b[0m".into()),
        ..person(hostile, Some("Acme\x07\x1b[5m Corp"), 1_000, 50)
    };
    fx.add("eve", before(1, 10, 0), fields, Some("mon morning"));
    fx.log(
        "eve",
        before(1, 11, 0),
        Outcome::Voicemail,
        None,
        Some("mon morning"),
    );
    let mut app = fx.app();
    fx.open_detail(&mut app, "eve");
    fx.search(&mut app, "Eve");
    app.focus = Pane::Due;
    let text = screen(&app, 140, 40);
    assert!(text.contains("Eve[31mRed]0;pwnedEvil"), "{text}");
    assert!(text.contains("Likes [2J clean screens"), "{text}");
    let terminal = render(&app, 140, 40, PLAIN);
    for cell in terminal.backend().buffer().content() {
        let bad = cell
            .symbol()
            .chars()
            .any(|c| c == '\x1b' || c == '\x07' || c == '\u{202e}' || c.is_control());
        assert!(!bad, "{cell:?}");
    }
}

#[test]
fn a_demo_book_is_marked_as_such_at_every_width() {
    let fx = fixture::book();
    let mut app = dashboard(&fx);
    app.demo = true;
    for width in [80, 100, 140] {
        let text = screen(&app, width, 30);
        let header = text.lines().next().unwrap_or_default();
        assert!(header.contains("DEMO"), "{width}: {header}");
    }
}

#[test]
fn help_fits_the_smallest_terminal_with_every_key() {
    let fx = fixture::book();
    let mut app = dashboard(&fx);
    app.mode = Mode::Help(0);
    // Scrolled through: every key shows at some point, and the overlay
    // says how to scroll.
    let first = screen(&app, 80, 24);
    let mut text = first.clone();
    for scroll in 1..40 {
        app.mode = Mode::Help(scroll);
        text.push_str(&screen(&app, 80, 24));
    }
    if !first.contains("set the next step") || !first.contains("quit") {
        assert!(
            first.contains("↓ more") && first.contains("scroll"),
            "{first}"
        );
    }
    for (_, _, description) in crate::ui::keymap::help_entries() {
        // Long descriptions wrap: their first word is enough to find them.
        let first = description.split_whitespace().next().unwrap_or_default();
        assert!(
            text.contains(first),
            "{description:?} missing at 80×24:\n{text}"
        );
    }
    assert!(
        text.contains("set the next step") && text.contains("quit"),
        "{text}"
    );
}

#[test]
fn a_finished_prospect_shows_how_it_ended_not_a_next_series_step() {
    let fx = fixture::book();
    let mut app = fx.app();
    fx.search(&mut app, "Chen Wei");
    fx.open_detail(&mut app, "wei");
    let text = screen(&app, 140, 40);
    assert!(text.contains("Finished") && text.contains("won "), "{text}");
    assert!(!text.contains("next: "), "{text}");
}

#[test]
fn the_empty_detail_pane_wraps_its_sentence_whole() {
    let fx = fixture::book();
    let mut app = fx.app();
    // Nothing listed in either queue, but the book is not empty.
    if let Some(today) = app.today.as_mut() {
        today.queue = Default::default();
    }
    app.stops.clear();
    app.detail = None;
    assert_eq!(app.selected_id(), None);
    let text = screen(&app, 120, 40);
    let words: Vec<&str> = text
        .lines()
        .flat_map(|l| {
            l.split('│')
                .rev()
                .nth(1)
                .unwrap_or_default()
                .split_whitespace()
        })
        .collect();
    let said = words.join(" ");
    assert!(
        said.contains("Select a prospect to see who they are and what to say."),
        "{text}"
    );
}

#[test]
fn at_120_columns_the_when_column_is_never_cut_while_the_detail_has_room() {
    let fx = fixture::book();
    let app = dashboard(&fx);
    let text = screen(&app, 120, 40);
    for when in [
        "today before 12:00",
        "Fri 20 Nov after 17:00",
        "last contact Thu 19 Nov",
    ] {
        assert!(text.contains(when), "{when} is cut:\n{text}");
    }
    assert!(
        text.contains("Reminder"),
        "the detail is still beside the lists"
    );
}

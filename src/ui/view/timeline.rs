//! The selected prospect's timeline in the detail pane: every change the
//! book's history holds, newest first, with when and who (the same story
//! `followup history ID` tells).

use ratatui::text::{Line, Span};

use super::fit::{clean, pad, width, wrap};
use super::theme::Theme;
use crate::app::Event;
use crate::schedule::describe_instant;
use crate::ui::state::App;

/// The timeline's lines in `room` columns: "today 09:30  Sam  Voicemail
/// left (series step 1)", newest first; the bookkeeping changes left out;
/// a summary too long for the room wraps under itself.
pub fn lines<'a>(app: &App, events: &[Event], theme: &Theme, room: usize) -> Vec<Line<'a>> {
    // Newest first, but one action's changes (made the same moment) keep
    // their order: "Email sent" before the step it closed and opened.
    let mut groups: Vec<Vec<&Event>> = Vec::new();
    for event in events.iter().filter(|e| e.shown) {
        match groups.last_mut() {
            Some(group) if group[0].entry.hlc.time() == event.entry.hlc.time() => group.push(event),
            _ => groups.push(vec![event]),
        }
    }
    let shown: Vec<&Event> = groups.into_iter().rev().flatten().collect();
    if shown.is_empty() {
        return vec![Line::from(Span::styled(
            "No changes recorded yet.",
            theme.muted(),
        ))];
    }
    let whens: Vec<String> = shown
        .iter()
        .map(|e| describe_instant(e.entry.hlc.time(), &app.now))
        .collect();
    let whos: Vec<String> = shown.iter().map(|e| clean(&e.entry.author)).collect();
    let when_w = whens.iter().map(|w| width(w)).max().unwrap_or(0);
    let who_w = whos.iter().map(|w| width(w)).max().unwrap_or(0).min(12);
    let indent = when_w + 2 + who_w + 2;
    let room_for_what = room.saturating_sub(indent).max(12);
    let mut out = Vec::new();
    for ((event, when), who) in shown.iter().zip(&whens).zip(&whos) {
        let what = clean(&event.summary);
        for (i, piece) in wrap(&what, room_for_what).into_iter().enumerate() {
            let lead = if i == 0 {
                format!("{}  {}  ", pad(when, when_w), pad(who, who_w))
            } else {
                " ".repeat(indent)
            };
            out.push(Line::from(vec![
                Span::styled(lead, theme.muted()),
                Span::raw(piece),
            ]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use insta::assert_snapshot;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::super::fixture;
    use super::super::theme::Theme;
    use crate::ui::effect::Effect;
    use crate::ui::update::on_key;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    /// The detail pane alone, 64×14.
    fn detail_region(app: &crate::ui::state::App) -> String {
        let mut terminal = Terminal::new(TestBackend::new(64, 14)).expect("a test terminal");
        terminal
            .draw(|f| super::super::detail::draw(f, app, &Theme { color: false }, f.area(), false))
            .expect("drawn");
        terminal.backend().to_string()
    }

    #[test]
    fn h_shows_the_selected_prospects_timeline_in_the_detail_and_h_again_goes_back() {
        let fx = fixture::book();
        let mut app = fx.app();
        let id = app.selected_id().expect("a selected prospect");
        let effects = on_key(
            &mut app,
            KeyEvent::new(KeyCode::Char('H'), KeyModifiers::SHIFT),
        );
        assert_eq!(effects, [Effect::LoadDetail(id)]);
        assert!(app.detail_timeline && app.detail_open);

        fx.open_detail(&mut app, "tomas");
        let text = detail_region(&app);
        assert!(text.contains("timeline (H back)"), "{text}");
        assert!(text.contains("Email sent (series step 3)"), "{text}");
        assert_snapshot!(text);

        on_key(
            &mut app,
            KeyEvent::new(KeyCode::Char('H'), KeyModifiers::SHIFT),
        );
        assert!(!app.detail_timeline);
        assert!(!app.detail_open, "back to the lists, as before H");
        fx.open_detail(&mut app, "tomas");
        assert!(!detail_region(&app).contains("timeline"));
    }
}

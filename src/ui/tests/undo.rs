//! Undo: it selects what it restored, and refuses when another terminal
//! changed the prospect since.

use super::*;

#[test]
fn undo_refuses_when_another_terminal_changed_the_prospect_since() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "v");
    let grace = ProspectId(2);
    // Another terminal edits Grace after the voicemail was logged.
    let phone = ProspectPatch {
        phone: Some("555-0199".into()),
        ..Default::default()
    };
    app::edit_prospect(&mut book, &app.ctx.clone(), now(), grace, phone.into()).unwrap();
    press(&mut app, &mut book, "u");
    let status = app.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("changed since"),
        "{status:?}"
    );
    assert_eq!(
        attempts(&book, grace),
        [Outcome::Voicemail],
        "nothing was undone"
    );
    let p = store::require_prospect(book.conn(), grace).unwrap();
    assert_eq!(p.phone.as_deref(), Some("555-0199"));
}

#[test]
fn undo_selects_the_prospect_it_restored() {
    let (mut app, mut book) = cockpit();
    press(&mut app, &mut book, "l"); // Grace lost: she leaves the queue
    code(&mut app, &mut book, KeyCode::Enter);
    assert_ne!(app.selected_id(), Some(ProspectId(2)));
    press(&mut app, &mut book, "u");
    assert_eq!(app.selected_id(), Some(ProspectId(2)));
}

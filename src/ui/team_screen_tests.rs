//! The Team screen's keys, pure: opening reads the board, j/k select a
//! consultant, Enter reads their queue, Esc steps back, write keys are
//! refused naming the key that goes back, and a book whose member may not
//! see it closes the screen saying why.

use super::*;
use crate::app::{ConsultantBoard, Context, TeamBoard};
use crate::store::OwnerStatus;
use crate::team::roles::Role;
use crate::ui::action::Input;
use crate::ui::update::update;
use chrono::{Local, TimeZone};

fn app() -> App {
    let now = Local.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    App::new(Context::builtin(), now, true)
}

fn press(app: &mut App, action: Action) -> Vec<Effect> {
    update(app, Input::Action(action))
}

pub(crate) fn board(role: Role) -> Box<TeamBoard> {
    let person = |owner: i64, name: &str, due: u64| ConsultantBoard {
        status: OwnerStatus {
            owner,
            name: name.into(),
            due_today: due,
            ..Default::default()
        },
        work_on: Vec::new(),
        coaching: Vec::new(),
    };
    Box::new(TeamBoard {
        role,
        consultants: vec![person(2, "ada", 3), person(3, "bo", 1)],
    })
}

#[test]
fn t_opens_the_board_moves_and_shows_a_queue_read_only() {
    let mut app = app();
    assert_eq!(press(&mut app, Action::TeamScreen), [Effect::LoadTeam]);
    loaded(&mut app, Ok(board(Role::Coordinator)));
    assert!(press(&mut app, Action::MoveDown).is_empty());
    assert!(press(&mut app, Action::MoveDown).is_empty());
    assert_eq!(
        app.team_screen.as_ref().unwrap().cursor,
        1,
        "stops at the last"
    );
    assert_eq!(
        press(&mut app, Action::ToggleDetail),
        [Effect::LoadTeamQueue { owner: 3 }]
    );
    let open = app.team_screen.as_ref().unwrap().queue.as_ref().unwrap();
    assert_eq!(open.name, "bo");
    // A queue for someone no longer shown is dropped; theirs is kept.
    queue_loaded(&mut app, 2, Box::default());
    assert!(
        app.team_screen
            .as_ref()
            .unwrap()
            .queue
            .as_ref()
            .unwrap()
            .queue
            .is_none()
    );
    queue_loaded(&mut app, 3, Box::default());
    assert!(
        app.team_screen
            .as_ref()
            .unwrap()
            .queue
            .as_ref()
            .unwrap()
            .queue
            .is_some()
    );
    // Reload reads the queues, the board and the open queue again.
    assert_eq!(
        press(&mut app, Action::Reload),
        [
            Effect::Reload,
            Effect::LoadTeam,
            Effect::LoadTeamQueue { owner: 3 }
        ]
    );
    // Esc: back to the board, then out.
    press(&mut app, Action::Back);
    assert!(app.team_screen.as_ref().unwrap().queue.is_none());
    press(&mut app, Action::Back);
    assert!(app.team_screen.is_none());
}

#[test]
fn write_keys_are_refused_naming_the_way_back() {
    let mut app = app();
    press(&mut app, Action::TeamScreen);
    loaded(&mut app, Ok(board(Role::Manager)));
    press(&mut app, Action::ToggleDetail);
    for action in [Action::LogVoicemail, Action::Won, Action::Add, Action::Undo] {
        assert!(press(&mut app, action).is_empty(), "{action:?}");
        let status = app.status.clone().expect("a message");
        assert!(status.error);
        assert!(status.text.contains("read-only"), "{}", status.text);
        let back = keymap::key_for(Action::TeamScreen, KeyMode::Normal);
        assert!(
            status.text.contains(&format!("{back} goes back")),
            "{}",
            status.text
        );
        assert!(matches!(app.mode, crate::ui::state::Mode::Normal));
    }
    // T closes the screen from the queue too.
    press(&mut app, Action::TeamScreen);
    assert!(app.team_screen.is_none());
}

#[test]
fn a_consultant_or_an_unsynced_book_is_told_why() {
    let mut app = app();
    press(&mut app, Action::TeamScreen);
    loaded(&mut app, Err(NoTeamScreen::Consultant));
    assert!(app.team_screen.is_none());
    let text = app.status.clone().unwrap().text;
    assert!(text.contains("coordinator and the manager"), "{text}");
    assert!(text.contains("consultant"), "{text}");
    press(&mut app, Action::TeamScreen);
    loaded(&mut app, Err(NoTeamScreen::NotSynced));
    let text = app.status.clone().unwrap().text;
    assert!(text.contains("[team] server"), "{text}");
    // A board arriving after the screen closed is dropped.
    loaded(&mut app, Ok(board(Role::Manager)));
    assert!(app.team_screen.is_none());
}

#[test]
fn c_opens_the_managers_coaching_note_for_the_selected_consultant() {
    let mut app = app();
    press(&mut app, Action::TeamScreen);
    loaded(&mut app, Ok(board(Role::Coordinator)));
    press(&mut app, Action::Coach);
    assert!(matches!(app.mode, crate::ui::state::Mode::Normal));
    assert!(app.status.clone().unwrap().text.contains("manager"));

    let mut app = self::app();
    press(&mut app, Action::TeamScreen);
    loaded(&mut app, Ok(board(Role::Manager)));
    press(&mut app, Action::MoveDown);
    press(&mut app, Action::Coach);
    let crate::ui::state::Mode::Form(form) = &mut app.mode else {
        panic!("a form");
    };
    assert_eq!(form.title, "Coaching note for bo");
    form.insert_text("Ask for the budget");
    assert_eq!(
        press(&mut app, Action::Submit),
        [Effect::Coach {
            owner: 3,
            text: "Ask for the budget".into()
        }]
    );
}

#[test]
fn a_background_sync_that_brought_changes_reads_the_open_screen_again() {
    use crate::ui::fold::on_outcome;
    use crate::ui::outcome::Outcome;
    use crate::ui::team_sync::{SyncMessage, on_sync};
    let synced = |applied| SyncMessage::Synced {
        at: chrono::Utc::now(),
        pushed: 0,
        applied,
        parked: 0,
    };
    let mut app = app();
    press(&mut app, Action::TeamScreen);
    on_outcome(&mut app, Outcome::Team(Ok(board(Role::Coordinator))));
    press(&mut app, Action::MoveDown);
    press(&mut app, Action::ToggleDetail);
    on_outcome(
        &mut app,
        Outcome::TeamQueue {
            owner: 3,
            queue: Box::default(),
        },
    );
    // Nothing new: nothing read.
    assert!(on_sync(&mut app, synced(0)).is_empty());
    // Changes came in: the lists, the board and the queue shown are read
    // again (the run loop reads them from the local book; the network
    // was the sync thread's).
    assert_eq!(
        on_sync(&mut app, synced(4)),
        [
            Effect::Reload,
            Effect::LoadTeam,
            Effect::LoadTeamQueue { owner: 3 }
        ]
    );
    // Keys work while the fresh figures are on their way, and what is
    // shown stays until they come.
    assert!(press(&mut app, Action::MoveDown).is_empty());
    let screen = app.team_screen.as_ref().unwrap();
    assert!(screen.board.is_some() && screen.queue.as_ref().unwrap().queue.is_some());
    let mut fresh = board(Role::Coordinator);
    fresh.consultants[1].status.due_today = 5;
    on_outcome(&mut app, Outcome::Team(Ok(fresh)));
    let screen = app.team_screen.as_ref().unwrap();
    assert_eq!(screen.cursor, 1, "the selection stays on its row");
    assert_eq!(
        screen.board.as_ref().unwrap().consultants[1]
            .status
            .due_today,
        5
    );
    assert_eq!(
        screen.queue.as_ref().map(|q| q.owner),
        Some(3),
        "still shown"
    );
    // Closed: only the cockpit's own lists.
    press(&mut app, Action::TeamScreen);
    assert_eq!(on_sync(&mut app, synced(1)), [Effect::Reload]);
}

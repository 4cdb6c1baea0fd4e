//! Snapshot tests of the Team screen, one region at a time: the board with
//! its counts (the selected row, the manager's "work on" items below) and a
//! consultant's queue, read-only.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::fixture::{self, now};
use super::{Theme, draw};
use crate::app::{ConsultantBoard, TeamBoard};
use crate::domain::Money;
use crate::store::{OwnerStatus, WorkOn};
use crate::team::roles::Role;
use crate::ui::state::App;
use crate::ui::team_screen::{OpenQueue, TeamScreen};

const PLAIN: Theme = Theme { color: false };

fn board(role: Role) -> TeamBoard {
    let ada = ConsultantBoard {
        status: OwnerStatus {
            owner: 2,
            name: "Ada Lovelace".into(),
            due_today: 4,
            overdue: 2,
            no_next_step: 1,
            no_debrief: 1,
            gone_quiet: 3,
            pipeline: Money::from_cents(1_234_500),
            contacts_this_week: 17,
            won_this_week: 2,
            lost_this_week: 1,
        },
        work_on: Vec::new(),
        coaching: Vec::new(),
    };
    let bo = ConsultantBoard {
        status: OwnerStatus {
            owner: 3,
            // Text from the book is cleaned before it is drawn.
            name: "Bo\u{1b}[2J Diddley".into(),
            due_today: 1,
            pipeline: Money::from_cents(50_000),
            contacts_this_week: 3,
            ..Default::default()
        },
        coaching: vec![crate::store::CoachingNote {
            id: 1,
            uid: crate::history::Uid([7; 16]),
            hlc: crate::history::Hlc::at((now() - chrono::Duration::days(1)).to_utc()),
            at: (now() - chrono::Duration::days(1)).to_utc(),
            author: "Maria".into(),
            consultant: "Bo".into(),
            text: "Good call on the Harbour quote; now ask for the budget".into(),
        }],
        work_on: vec![
            WorkOn {
                owner: 3,
                at: (now() - chrono::Duration::days(2)).to_utc(),
                prospect: "Maple Street Bakery".into(),
                text: "Ask who else decides before quoting".into(),
            },
            WorkOn {
                owner: 3,
                at: (now() - chrono::Duration::days(9)).to_utc(),
                prospect: "Harbour Dental".into(),
                text: "Book the next step before leaving".into(),
            },
        ],
    };
    TeamBoard {
        role,
        consultants: vec![ada, bo],
    }
}

fn with_board(role: Role, cursor: usize) -> App {
    let mut app = fixture::book().app();
    app.team_screen = Some(TeamScreen {
        board: Some(Box::new(board(role))),
        cursor,
        queue: None,
    });
    app
}

/// The text of rows `from..to` of an 80×24 screen.
fn rows(app: &App, from: u16, to: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    terminal.draw(|f| draw(f, app, &PLAIN)).expect("drawn");
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in from..to {
        let line: String = (0..80)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn the_coordinator_sees_every_consultants_counts() {
    let app = with_board(Role::Coordinator, 0);
    assert_snapshot!(rows(&app, 1, 6));
}

#[test]
fn the_manager_sees_the_selected_consultants_work_on_items_and_coaching_notes() {
    let app = with_board(Role::Manager, 1);
    assert_snapshot!(rows(&app, 12, 22));
}

#[test]
fn enter_shows_a_consultants_queue_read_only() {
    let fx = fixture::book();
    let mut app = fx.app();
    let queue = app.today.as_ref().expect("loaded").queue.clone();
    app.team_screen = Some(TeamScreen {
        board: Some(Box::new(board(Role::Coordinator))),
        cursor: 0,
        queue: Some(OpenQueue {
            owner: 2,
            name: "Ada Lovelace".into(),
            queue: Some(Box::new(queue)),
            scroll: 0,
        }),
    });
    assert_snapshot!(rows(&app, 1, 10));
}

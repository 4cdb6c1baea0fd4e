//! The Team screen in the real cockpit, over a real team server: the
//! manager's `T` lists each consultant's counts and their debriefs' "work
//! on" items, `Enter` shows a consultant's queue read-only (a write key is
//! refused), `C` writes a coaching note that reaches that consultant,
//! `Esc` and `T` go back; a consultant's `T` says why not.

mod pty;

use followup::team::testing;
use pty::Fixture;

#[test]
fn the_manager_sees_each_consultant_and_their_queue_read_only() {
    let Some(pg) = testing::start() else { return };
    Fixture::set_up_team(
        &pg.admin(),
        &[
            ("ada", "consultant"),
            ("bo", "consultant"),
            ("maria", "manager"),
        ],
    );
    let ada = Fixture::member("Ada", &pg.conn_str("ada", "postgres"));
    ada.cli(&["add", "Grace Hopper", "--next", "today 3pm"]);
    ada.cli(&["add", "Katherine Johnson", "--next", "today 4pm"]);
    ada.cli(&["log", "1", "meeting", "--next", "today 5pm"]);
    ada.cli(&[
        "debrief",
        "1",
        "--well",
        "listened",
        "--well",
        "showed samples",
        "--well",
        "on time",
        "--work-on",
        "Ask who else decides",
    ]);
    ada.cli(&["sync"]);
    let bo = Fixture::member("Bo", &pg.conn_str("bo", "postgres"));
    bo.cli(&["add", "Alan Turing"]);
    bo.cli(&["sync"]);
    let maria = Fixture::member("Maria", &pg.conn_str("maria", "postgres"));
    maria.cli(&["sync"]);

    let mut cockpit = maria.cockpit();
    cockpit.wait_for("synced just now");
    cockpit.send("T");
    let screen = cockpit.wait_until("the team board", |s| {
        s.contains("Team · 2 consultants · manager view")
            && s.contains("Ada")
            && s.contains("Bo")
            && s.contains("Ask who else decides")
    });
    assert!(screen.contains("no debrief"), "{screen}");
    // Bo (second row): one prospect with no next step, and their queue.
    cockpit.send("j");
    cockpit.wait_for("Work on · Bo");
    cockpit.send("\r");
    let screen = cockpit.wait_until("Bo's queue", |s| {
        s.contains("Bo's queue · read-only") && s.contains("Alan Turing")
    });
    assert!(!screen.contains("Grace Hopper"), "only Bo's: {screen}");
    cockpit.send("v");
    cockpit.wait_for("read-only: T goes back");
    cockpit.send("\x1b");
    cockpit.wait_for("Team · 2 consultants");
    // The manager's coaching note to Bo, kept and shown under the board.
    cockpit.send("C");
    cockpit.wait_for("Coaching note for Bo");
    cockpit.send("Book the next step before leaving");
    cockpit.send("\x13");
    cockpit.wait_until("the note kept and shown", |s| {
        s.contains("Coaching note for Bo kept") && s.contains("Maria: Book the next step")
    });
    cockpit.send("T");
    cockpit.wait_for("Due today");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    // The next syncs carry it to Bo.
    maria.cli(&["sync"]);
    bo.cli(&["sync"]);
    assert!(
        bo.cli(&["coaching"])
            .contains("Book the next step before leaving")
    );

    // A consultant is told why the screen does not open.
    let mut cockpit = ada.cockpit();
    cockpit.wait_for("Grace Hopper");
    // The background sync's own message first, so it does not cover ours.
    cockpit.wait_for("synced just now");
    cockpit.send("T");
    cockpit.wait_for("member is a consultant");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

#[test]
fn the_open_team_screen_follows_a_background_sync() {
    let Some(pg) = testing::start() else { return };
    Fixture::set_up_team(
        &pg.admin(),
        &[
            ("ada", "consultant"),
            ("bo", "consultant"),
            ("cora", "coordinator"),
        ],
    );
    let ada = Fixture::member("Ada", &pg.conn_str("ada", "postgres"));
    ada.cli(&["add", "Grace Hopper", "--next", "today 3pm"]);
    ada.cli(&["sync"]);
    let cora = Fixture::member("Cora", &pg.conn_str("cora", "postgres"));
    cora.cli(&["sync"]);

    let mut cockpit = cora.cockpit();
    cockpit.wait_for("synced just now");
    cockpit.send("T");
    cockpit.wait_for("Team · 1 consultant ·");
    // Bo's first prospect reaches the server; the sync key (not R) brings
    // it in and the open screen reads itself again.
    let bo = Fixture::member("Bo", &pg.conn_str("bo", "postgres"));
    bo.cli(&["add", "Alan Turing"]);
    bo.cli(&["sync"]);
    cockpit.send("Y");
    let screen = cockpit.wait_for("Team · 2 consultants");
    assert!(screen.contains("Bo"), "{screen}");
}

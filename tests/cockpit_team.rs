//! The cockpit's background sync with the team's server: `Y` syncs now
//! and the lists show what came in; an unreachable server is "offline" on
//! the status line while the keys go on working; without `[team]`, `Y`
//! says which setting is missing.

mod pty;

use followup::team::testing;
use pty::Fixture;

/// A member's fixture, its profile named Cora (see [`Fixture::member`]).
fn member(server: &str) -> Fixture {
    Fixture::member("Cora", server)
}

#[test]
fn y_syncs_now_and_shows_what_came_in() {
    let Some(pg) = testing::start() else { return };
    Fixture::set_up_team(
        &pg.admin(),
        &[("ada", "consultant"), ("cora", "coordinator")],
    );
    let cora = member(&pg.conn_str("cora", "postgres"));
    cora.cli(&["sync"]);
    let cockpit = cora.cockpit();
    cockpit.wait_for("Synced with the team");
    // Ada's prospect reaches the server after the cockpit's first sync.
    let ada = member(&pg.conn_str("ada", "postgres"));
    ada.cli(&["add", "Grace Hopper", "--next", "today 3pm"]);
    ada.cli(&["sync"]);
    let mut cockpit = cockpit;
    assert!(!cockpit.screen().contains("Grace Hopper"));
    cockpit.send("Y");
    let screen = cockpit.wait_for("Grace Hopper");
    assert!(screen.contains("received"), "{screen}");
    // The header keeps saying when it last synced.
    cockpit.wait_for("synced just now");
}

#[test]
fn the_status_line_counts_the_changes_the_server_refused() {
    let Some(pg) = testing::start() else { return };
    Fixture::set_up_team(
        &pg.admin(),
        &[
            ("ada", "consultant"),
            ("bob", "consultant"),
            ("cora", "coordinator"),
        ],
    );
    let ada = member(&pg.conn_str("ada", "postgres"));
    ada.cli(&["add", "Grace Hopper", "--next", "today 3pm"]);
    ada.cli(&["sync"]);
    // The coordinator gives Grace to Bob; Ada's edit of her is refused.
    let mut cora =
        postgres::Client::connect(&pg.conn_str("cora", "postgres"), postgres::NoTls).unwrap();
    cora.execute(
        "UPDATE followup.prospect_owner SET owner = 'bob' WHERE owner = 'ada'",
        &[],
    )
    .unwrap();
    ada.cli(&["edit", "1", "--probability", "70"]);
    let cockpit = ada.cockpit();
    let screen = cockpit.wait_for("1 change refused: followup sync --parked");
    assert!(screen.contains("Synced with the team"), "{screen}");
}

#[test]
fn an_unreachable_server_is_offline() {
    let nowhere = tempfile::tempdir().unwrap();
    let f = member(&format!(
        "host={} user=ada dbname=team",
        nowhere.path().join("no-server-here").display()
    ));
    f.cli(&["add", "Grace Hopper", "--next", "today 3pm"]);
    let cockpit = f.cockpit();
    cockpit.wait_for("Grace Hopper");
    cockpit.wait_for("offline (");
}

/// A server that takes the connection and never answers: the sync thread
/// waits on it, the keys do not.
#[test]
fn a_silent_server_never_blocks_a_key() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let f = member(&format!("host=127.0.0.1 port={port} user=ada dbname=team"));
    f.cli(&["add", "Grace Hopper", "--next", "today 3pm"]);
    let mut cockpit = f.cockpit();
    cockpit.wait_for("Grace Hopper");
    cockpit.send("Y");
    cockpit.send("?");
    cockpit.wait_for("sync with the team now");
    cockpit.send("?");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
    drop(silent);
}

#[test]
fn without_a_team_y_names_the_setting() {
    let f = Fixture::new();
    f.cli(&["add", "Grace Hopper", "--next", "today 3pm"]);
    let mut cockpit = f.cockpit();
    cockpit.wait_for("Grace Hopper");
    cockpit.send("Y");
    cockpit.wait_for("[team] server");
}

//! Reopening from the cockpit: a closed-out prospect who calls back is
//! found with `/`, reopened with `O` and its next step, and the command
//! line then sees it active.

mod pty;

use pty::Fixture;

#[test]
fn a_closed_out_prospect_found_by_search_is_reopened_with_its_next_step() {
    let f = Fixture::new();
    let run = |args: &[&str]| f.cli(args);
    run(&["add", "Grace Hopper", "--next", "today 10am"]);
    run(&["add", "Edsger Dijkstra", "--next", "today 11am"]);
    run(&["close", "2"]);

    let mut cockpit = f.cockpit();
    cockpit.wait_for("Grace Hopper");
    cockpit.send("/");
    cockpit.send("Dijk");
    cockpit.wait_for("closed-out");
    cockpit.send("\r");
    cockpit.send("O");
    cockpit.wait_for("Reopen Edsger Dijkstra");
    cockpit.send("tomorrow 2pm\t\tcalled back\r");
    cockpit.wait_for("Reopened Edsger Dijkstra");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);

    let shown: serde_json::Value =
        serde_json::from_str(&run(&["show", "2", "--format", "json"])).unwrap();
    assert_eq!(shown["status"], "active", "{shown}");
    assert_eq!(shown["next_step"]["action"], "call", "{shown}");
    let start = shown["next_step"]["due"]["start"]
        .as_str()
        .unwrap_or_default();
    assert!(start.starts_with("2026-11-24T14:00"), "{shown}");
    let notes = shown["notes"].as_str().unwrap_or_default();
    assert!(
        notes.ends_with("Reopened (was closed-out): called back"),
        "{shown}"
    );
}

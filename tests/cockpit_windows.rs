//! A step agreed with alternatives ("fri afternoon or mon morning"), in the
//! real cockpit: not due over the weekend, due now on Monday morning.

mod pty;

use pty::Fixture;

const FRIDAY: &str = "2026-11-27T10:00";

fn fixture() -> Fixture {
    let f = Fixture::new();
    f.cli_at(FRIDAY, &["add", "Weekend Wanda"]);
    f.cli_at(FRIDAY, &["next", "1", "fri afternoon or mon morning"]);
    f
}

#[test]
fn the_weekend_between_two_windows_is_not_due_and_not_late() {
    let f = fixture();
    let mut cockpit = f.cockpit_at("2026-11-28T11:00", &[], 140, 32);
    let screen = cockpit.wait_for("Nothing due today.");
    assert!(screen.contains("Due today (0)"), "{screen}");
    // Not in the list as late (nor anywhere as late).
    assert!(screen.contains("overdue 0"), "{screen}");
    for line in screen.lines().filter(|l| l.contains("Weekend Wanda")) {
        assert!(!line.contains("late"), "{screen}");
    }
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

#[test]
fn monday_morning_is_due_now_by_its_own_window() {
    let f = fixture();
    let mut cockpit = f.cockpit_at("2026-11-30T09:00", &[], 140, 32);
    let screen = cockpit.wait_for("Weekend Wanda");
    assert!(screen.contains("Due today (1)"), "{screen}");
    // Her row in the list, marked due now, naming both windows.
    let row = screen
        .lines()
        .find(|l| l.contains("Weekend Wanda") && l.contains("call"))
        .expect("her row");
    assert!(row.contains("▶ now"), "{screen}");
    assert!(
        row.contains("Fri 27 Nov 12:00–17:00 or today before 12:00"),
        "{screen}"
    );
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

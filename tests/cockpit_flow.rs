//! The flow review in the real cockpit: `F` opens this week's review over
//! the lists, with its charts' numbers; `[`, `]` and `t` go to other weeks,
//! each with the figures `followup report --week` gives it; `F` goes back.

mod pty;

use pty::Fixture;

#[test]
fn f_opens_the_flow_review_and_goes_back() {
    // NOW (the fixture's clock) is Monday 23 November 2026, 09:00.
    let f = Fixture::new();
    f.cli(&[
        "add",
        "Grace Hopper",
        "--value",
        "8000",
        "--probability",
        "50",
        "--next",
        "today 10am",
    ]);
    f.cli(&["add", "Ada Lovelace", "--value", "12500"]);
    f.cli(&["won", "2"]);
    let mut cockpit = f.cockpit();
    cockpit.wait_for("Grace Hopper");
    cockpit.send("F");
    // A frame may arrive in pieces: wait for every panel asserted on.
    let screen = cockpit.wait_until("the whole flow review", |s| {
        s.contains("Flow review · week of Mon Nov 23, 2026")
            && s.contains("Contacts to win · 1 wins")
            && s.contains("Where follow-up stopped")
            && s.contains("brief 80%")
            && s.contains("now 4,000")
            && s.contains("won 1 12,500")
    });
    assert!(screen.contains("Answered after each step"), "{screen}");
    assert!(
        !screen.contains("Due today"),
        "the review covers the lists: {screen}"
    );
    cockpit.send("F");
    cockpit.wait_for("Due today");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

#[test]
fn the_week_keys_show_a_past_week_with_the_figures_of_report_week() {
    // NOW is Monday 23 November 2026: last week is the week of Nov 16.
    let f = Fixture::new();
    let at = |now: &str, args: &[&str]| {
        f.cli_at(now, args);
    };
    at(
        "2026-11-16T10:00",
        &["add", "Ada", "--value", "10000", "--probability", "50"],
    );
    at(
        "2026-11-17T10:00",
        &["add", "Bob", "--value", "2000", "--probability", "20"],
    );
    at(
        "2026-11-18T10:00",
        &[
            "add",
            "Cy",
            "--value",
            "4000",
            "--probability",
            "50",
            "--next",
            "nov 20",
        ],
    );
    at("2026-11-16T10:05", &["log", "1", "quote"]);
    at("2026-11-17T10:05", &["log", "2", "meeting"]);
    at("2026-11-18T15:00", &["log", "1", "reached"]);
    at("2026-11-19T11:00", &["won", "1"]);
    at("2026-11-20T16:00", &["lost", "2", "--reason", "Price"]);
    // This week: one more prospect, so the two weeks differ.
    f.cli(&["add", "Dee", "--value", "700", "--next", "today 10am"]);

    let report = f.json(&["report", "--week", "2026-11-16"]);
    let o = &report["outcomes"];
    let sp = &report["speed"];
    let p = &report["pipeline"];
    // Amounts as the screen writes them (whole, with separators).
    let money = |v: &serde_json::Value| followup::report::table::money(v.as_i64().unwrap());
    let expected = [
        "Flow review · week of Mon Nov 16, 2026 (last week)".to_string(),
        format!(
            "Contacts to win · {} wins",
            report["contacts_to_win"]["wins"]
        ),
        format!(
            "Where follow-up stopped · {} lost",
            report["stopped"]["finished"]
        ),
        format!(
            "won {} {} · lost {} {}",
            o["won"]["count"],
            money(&o["won"]["value_cents"]),
            o["lost"]["count"],
            money(&o["lost"]["value_cents"])
        ),
        format!("quoted {} ·", sp["quoted"]),
        format!(
            "in {} · won {} · lost {}",
            p["entered"]["count"].as_u64().unwrap() + p["reopened"]["count"].as_u64().unwrap(),
            p["won"]["count"],
            p["lost"]["count"]
        ),
    ];
    // The review of last week has figures of its own: not this week's.
    assert_eq!(o["won"]["count"], 1, "{report}");
    assert_eq!(sp["quoted"], 2, "{report}");

    let mut cockpit = f.cockpit();
    cockpit.wait_for("Dee");
    cockpit.send("F");
    cockpit.wait_for("Flow review · week of Mon Nov 23, 2026 (this week)");
    // There is no week after this one.
    cockpit.send("]");
    cockpit.wait_for("This is the current week");
    cockpit.send("[");
    let screen = cockpit.wait_until("last week's review, whole", |s| {
        expected.iter().all(|e| s.contains(e.as_str()))
    });
    assert!(screen.contains("t this week"), "{screen}");
    // Two weeks back, then straight back to this week.
    cockpit.send("[");
    cockpit.wait_for("week of Mon Nov 9, 2026 (2 weeks ago)");
    cockpit.send("t");
    cockpit.wait_until("this week again", |s| {
        s.contains("Flow review · week of Mon Nov 23, 2026 (this week)") && s.contains("won 0")
    });
    cockpit.send("[");
    cockpit.wait_for("week of Mon Nov 16, 2026 (last week)");
    cockpit.send("]");
    cockpit.wait_for("week of Mon Nov 23, 2026 (this week)");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

//! Debriefs and the after-sale plan in the real cockpit: logging a meeting
//! with `m` (or a quote with `$`) offers the debrief form at once, which
//! sets the next step; `w` asks the delivery date, which the plan's
//! shipping check is due by; a customer's plan item is ticked off with `c`.

mod pty;

use pty::Fixture;

#[test]
fn m_offers_the_debrief_and_c_ticks_the_customers_plan() {
    let f = Fixture::new();
    f.cli(&[
        "add",
        "Grace Hopper",
        "--product",
        "Bay window",
        "--next",
        "today 10am",
    ]);
    let mut cockpit = f.cockpit();
    cockpit.wait_for("Grace Hopper");
    cockpit.send("m");
    cockpit.wait_for("Met Grace Hopper");
    cockpit.send("measured the bay window");
    // Ctrl-s saves (the note takes several lines).
    cockpit.send("\x13");
    cockpit.wait_for("Debrief Grace Hopper now");
    // Product, value, probability, then the follow-up.
    cockpit.send("\t12.5k\t60\t");
    cockpit.send("fri 3pm");
    cockpit.wait_for("Fri 15:00");
    cockpit.send("\t\tlistened\tmeasured twice\twrote it down\task for the order\r");
    cockpit.wait_for("Debrief recorded for Grace Hopper");

    // Her next step is Friday now: find her, she buys on the spot; a
    // customer, the plan's first item due today.
    cockpit.send("/");
    cockpit.send("Grace");
    cockpit.wait_for("active");
    cockpit.send("\r");
    cockpit.send("w");
    cockpit.wait_for("Mark Grace Hopper won: delivery date?");
    // The plan's default is shown; a date not understood is refused with
    // the reason, and the prompt stays with what was typed.
    cockpit.wait_for("empty: Mon Nov 30, the plan's default");
    cockpit.send("blue moon");
    cockpit.send("\r");
    cockpit.wait_for("the delivery date:");
    cockpit.send(&"\x7f".repeat("blue moon".len()));
    cockpit.send("dec 9");
    cockpit.wait_for("→ Wed 9 Dec");
    cockpit.send("\r");
    cockpit.wait_for("after-sale plan started");
    cockpit.send("c");
    cockpit.wait_for("Order entered done for Grace Hopper");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);

    let sheet = f.json(&["debriefs"]);
    assert_eq!(sheet["count"], 1, "{sheet}");
    assert_eq!(sheet["debriefs"][0]["work_on"], "ask for the order");
    assert_eq!(sheet["debriefs"][0]["value_cents"], 1_250_000);
    let plan = f.json(&["plan", "1"]);
    let open: Vec<&serde_json::Value> = plan["plan"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["state"] == "open")
        .collect();
    assert_eq!(open[0]["key"], "shipped", "{plan}");
    // Due by the delivery date asked at the win.
    let due = open[0]["due"]["start"].as_str().unwrap_or_default();
    assert!(due.starts_with("2026-12-09"), "{plan}");
}

#[test]
fn dollar_logs_a_quote_and_offers_the_debrief_like_a_meeting() {
    let f = Fixture::new();
    f.cli(&["add", "Ada Lovelace", "--next", "today 10am"]);
    let mut cockpit = f.cockpit();
    cockpit.wait_for("Ada Lovelace");
    cockpit.send("$");
    cockpit.wait_for("Quote given to Ada Lovelace");
    cockpit.send("bay window, 12k installed");
    cockpit.send("\x13");
    cockpit.wait_for("Debrief Ada Lovelace now");
    // Esc leaves the debrief for later: it is owed, in the slows & stops.
    cockpit.send("\x1b");
    cockpit.wait_until("the form closed, the debrief owed", |s| {
        s.contains("✎ debrief") && !s.contains("Debrief Ada Lovelace now")
    });
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);

    let shown = f.json(&["show", "1"]);
    assert_eq!(shown["attempts"][0]["outcome"], "quote", "{shown}");
    assert_eq!(shown["attempts"][0]["note"], "bay window, 12k installed");
    let today = f.json(&["today"]);
    assert_eq!(today["counts"]["no_debrief"], 1, "{today}");
}

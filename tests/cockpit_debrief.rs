//! Debriefs and the after-sale plan in the real cockpit: logging a meeting
//! with `m` offers the debrief form at once, which sets the next step;
//! a customer's plan item is ticked off with `c`.

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
    cockpit.wait_for("Mark Grace Hopper won?");
    cockpit.send("y");
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
}

//! The flow review in the real cockpit: `F` opens this week's review over
//! the lists, with its charts' numbers; `F` goes back.

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
    let screen = cockpit.wait_until("the flow review", |s| {
        s.contains("Flow review · week of Mon Nov 23, 2026")
            && s.contains("Contacts to win · 1 wins")
    });
    assert!(screen.contains("Where follow-up stopped"), "{screen}");
    assert!(screen.contains("brief 80%"), "{screen}");
    assert!(
        screen.contains("now 4,000"),
        "the weighted pipeline: {screen}"
    );
    assert!(
        !screen.contains("Due today"),
        "the review covers the lists: {screen}"
    );
    cockpit.send("F");
    cockpit.wait_for("Due today");
    cockpit.send("q");
    assert_eq!(cockpit.wait_exit(), 0);
}

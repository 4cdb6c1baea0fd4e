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

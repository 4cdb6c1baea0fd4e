//! `won --delivery`, `plan`, `tick` and `backorder`: the after-sale plan on
//! the command line.

mod common;

use common::Book;

fn open_item(book: &Book, id: &str) -> String {
    let v = book.run_json(&["plan", id]);
    v["plan"]["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["state"] == "open"))
        .map(|i| i["key"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default()
}

#[test]
fn winning_starts_the_plan_which_advances_and_branches_on_a_back_order() {
    let book = Book::new();
    let num = book.add("Grace Hopper", &["--next", "today"]);
    let id = num.to_string();
    let refused = book.refused(&["tick", &id], 1);
    assert!(refused.contains("not a won customer"), "{refused}");
    let v = book.run_json(&["won", &id, "--delivery", "dec 2"]);
    assert_eq!(v["status"], "won");
    assert_eq!(v["customer"], "customer");
    assert_eq!(v["purchases"], 1);
    assert!(
        v["delivery_at"].as_str().unwrap().starts_with("2026-12-02"),
        "{v}"
    );
    assert_eq!(open_item(&book, &id), "order-entered");
    // Due today, like any call, as a customer.
    let today = book.run_json(&["today"]);
    let due = today["due_today"].as_array().unwrap();
    assert!(
        due.iter().any(|i| i["id"] == num && i["customer"] == true),
        "{today}"
    );

    let v = book.run_json(&["tick", &id]);
    assert!(
        v["summary"]
            .as_str()
            .unwrap()
            .contains("Order entered done"),
        "{v}"
    );
    assert_eq!(v["next_step"]["plan_item"], "shipped");
    assert!(
        v["next_step"]["due"]["start"]
            .as_str()
            .unwrap()
            .starts_with("2026-12-02"),
        "{v}"
    );
    // Late once the delivery day has passed.
    let later = book.json_at("2026-12-03T09:00", &["today"]);
    assert!(
        later["overdue"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == num)
    );

    let out = book.table_at("2026-12-02T10:00", &["backorder", &id]);
    assert!(out.contains("Shipped: back-ordered"), "{out}");
    assert_eq!(open_item(&book, &id), "back-order");
    let shown = book.run_table(&["show", &id]);
    assert!(
        shown.contains("customer, after-sale plan 2/8 done"),
        "{shown}"
    );
    let plan = book.run_table(&["plan", &id]);
    assert!(plan.contains("2/8 done"), "{plan}");
    assert!(plan.contains("→ [ ] Back-ordered: tell them"), "{plan}");
    assert!(
        plan.contains("offer an alternative") || plan.contains("alternative"),
        "{plan}"
    );
    book.table_at("2026-12-02T11:00", &["tick", &id]);
    assert_eq!(open_item(&book, &id), "shipped-complete");
    book.table_at("2026-12-02T12:00", &["tick", &id]);
    // "Arrived intact" is no shipping check: a back-order is refused there.
    let err = book.refused(&["backorder", &id], 1);
    assert!(err.contains("tick it off instead"), "{err}");
}

#[test]
fn plan_is_refused_for_someone_who_has_not_bought() {
    let book = Book::new();
    let id = book.add("Ada Lovelace", &[]).to_string();
    let err = book.refused(&["plan", &id], 1);
    assert!(err.contains("has not bought yet"), "{err}");
}

#[test]
fn a_bad_plan_file_is_reported_with_its_line_and_the_built_in_plan_is_used() {
    let book = Book::new();
    book.write_config(
        "after-sale.toml",
        "[[item]]\nkey = \"a\"\nlabel = \"A\"\naction = \"fax\"\n",
    );
    let id = book.add("Ada Lovelace", &[]).to_string();
    let out = book.with(&["won", &id]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("after-sale.toml:4:"), "{stderr}");
    assert_eq!(open_item(&book, &id), "order-entered");
}

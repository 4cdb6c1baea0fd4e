//! The flow review's queries read index ranges only (migration 013).

use super::Book;
use super::report::report_queries;

/// Every query of the review reads an index range or looks rows up by
/// key: none scans a table (the history least of all) or sorts one.
#[test]
fn report_queries_use_indexes() {
    let book = Book::open_in_memory().unwrap();
    for (name, sql) in report_queries() {
        let mut stmt = book
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let n = stmt.parameter_count();
        let plan: Vec<String> = stmt
            .query_map(rusqlite::params_from_iter(std::iter::repeat_n(0, n)), |r| {
                r.get::<_, String>(3)
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let text = plan.join(" | ");
        for line in &plan {
            let scans = line.starts_with("SCAN ") && !line.contains("USING");
            assert!(!scans, "{name} scans a table: {text}");
        }
        assert!(text.contains("INDEX"), "{name}: {text}");
        assert!(!text.contains("TEMP B-TREE"), "{name} sorts: {text}");
        let expected = match name {
            "flow_changes" | "rows_changed" => "history_flow",
            "steps_closed" => "history_step_closed",
            "series_touches" => "attempt_series_by_time",
            _ => "",
        };
        assert!(text.contains(expected), "{name}: {text}");
    }
}

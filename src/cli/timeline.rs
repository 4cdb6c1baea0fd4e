//! `history` as a table for people.

use chrono::Local;
use std::fmt::Write;

use super::table::{LastColumn, Table};
use crate::domain::text::sanitize_line;

/// `history`: a table of the timeline, oldest first; `all` keeps the
/// bookkeeping changes too.
pub fn timeline(t: &crate::app::Timeline, all: bool, what: LastColumn) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (id {}) — {}",
        sanitize_line(&t.prospect.name),
        t.prospect.id,
        t.prospect.status
    );
    let mut table = Table::new(&["When", "Who", "What"]).last_column(what);
    for e in t.events.iter().filter(|e| all || e.shown) {
        table.row(vec![
            crate::app::history_when(e.entry.hlc.time().with_timezone(&Local)),
            e.entry.author.clone(),
            e.summary.clone(),
        ]);
    }
    if t.events.is_empty() {
        out.push_str("No changes recorded yet.\n");
    } else {
        out.push_str(&table.render());
    }
    out
}

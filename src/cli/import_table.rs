//! The dry run's table: what each row of the file would do.

use super::table::{LastColumn, Table};
use crate::import::{Action, Plan};

/// One line per row: its line, the action, the prospect, how it matched
/// and what it changes.
pub fn plan_table(plan: &Plan) -> String {
    let mut table = Table::new(&["line", "action", "prospect", "match", "changes"])
        .last_column(LastColumn::Full);
    for row in &plan.rows {
        let name = row.name.clone();
        let (prospect, changes) = match &row.action {
            Action::Create => (name, String::new()),
            Action::Update { id, changes } => (format!("#{id} {name}"), changes.join(", ")),
            Action::Unchanged { id } => (format!("#{id} {name}"), "nothing new".into()),
            Action::Merged { into_line } => (name, format!("same person as line {into_line}")),
        };
        let matched = row
            .matched
            .map(|m| m.as_str().to_string())
            .unwrap_or_default();
        table.row(vec![
            row.candidate.line.to_string(),
            row.action.as_str().to_string(),
            prospect,
            matched,
            changes,
        ]);
    }
    table.render()
}

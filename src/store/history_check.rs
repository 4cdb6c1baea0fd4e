//! Checks that a prospect's rows are what its history says: the tables
//! are a projection of the history, and must never drift from it (used by
//! the property, crash and upgrade tests).

use rusqlite::Connection;

use super::StoreError;
use super::history::history_for;
use super::prospects::facts;
use crate::domain::ProspectId;
use crate::history::{PROSPECT_FIELDS, RowState, Uid, Value, project};

/// Every difference between prospect `id`'s rows (removed ones included)
/// and the replay of its history; empty when they agree.
pub fn history_disagreements(conn: &Connection, id: ProspectId) -> Result<Vec<String>, StoreError> {
    let entries = history_for(conn, id, usize::MAX >> 1)?;
    let state = project(&entries);
    let mut problems = Vec::new();

    let removed: Option<i64> = conn.query_row(
        "SELECT removed_at FROM prospect WHERE id = ?1",
        [id.0],
        |r| r.get(0),
    )?;
    let row = read_prospect(conn, id)?;
    if removed.is_some() != state.prospect.removed.is_some() {
        problems.push(format!("prospect {id}: removed is {}", removed.is_some()));
    }
    for (field, value) in row {
        let told = state.prospect.fields.get(field).unwrap_or(&Value::Null);
        if *told != value {
            problems.push(format!(
                "prospect {id}: {field} is {value:?}, the history says {told:?}"
            ));
        }
    }
    debug_assert_eq!(PROSPECT_FIELDS.len(), 26);

    let attempts = read_rows(
        conn,
        id,
        "attempt",
        &["at", "channel", "outcome", "note", "series_step"],
    )?;
    for (uid, fields, removed) in attempts {
        compare(
            "attempt",
            &uid,
            &fields,
            removed,
            &state.attempts,
            &mut problems,
        );
    }
    let steps = read_rows(
        conn,
        id,
        "next_step",
        &[
            "action",
            "due_start",
            "due_end",
            "note",
            "created_at",
            "done_at",
            "resolution",
            "windows",
            "plan_item",
        ],
    )?;
    for (uid, fields, removed) in steps {
        compare("step", &uid, &fields, removed, &state.steps, &mut problems);
    }
    let debriefs = read_rows(conn, id, "debrief", super::debriefs::FIELDS)?;
    for (uid, fields, removed) in debriefs {
        compare(
            "debrief",
            &uid,
            &fields,
            removed,
            &state.debriefs,
            &mut problems,
        );
    }
    Ok(problems)
}

/// A prospect's rows of `table` (removed ones included): each row's uid,
/// the `fields` named, and whether it is removed.
type Rows = Vec<(Vec<u8>, Vec<(String, Value)>, bool)>;

fn read_rows(
    conn: &Connection,
    id: ProspectId,
    table: &str,
    fields: &[&str],
) -> Result<Rows, StoreError> {
    let sql = format!(
        "SELECT uid, {}, removed_at IS NOT NULL FROM {table} WHERE prospect_id = ?1",
        fields.join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([id.0], |r| {
        let values = fields
            .iter()
            .enumerate()
            .map(|(i, f)| Ok(((*f).to_string(), r.get::<_, Value>(i + 1)?)))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((r.get(0)?, values, r.get(fields.len() + 1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn read_prospect(
    conn: &Connection,
    id: ProspectId,
) -> Result<Vec<(&'static str, Value)>, StoreError> {
    let sql = format!(
        "SELECT {} FROM prospect p WHERE p.id = ?1",
        super::prospects::COLUMNS
    );
    let p = conn.query_row(&sql, [id.0], super::prospects::from_row)?;
    Ok(facts(&p).into_iter().collect())
}

fn compare(
    what: &str,
    uid: &[u8],
    fields: &[(String, Value)],
    removed: bool,
    told: &std::collections::BTreeMap<Uid, RowState>,
    problems: &mut Vec<String>,
) {
    let Some(uid) = Uid::from_slice(uid) else {
        problems.push(format!("a {what} has no id"));
        return;
    };
    let Some(state) = told.get(&uid) else {
        problems.push(format!("{what} {uid} is not in the history"));
        return;
    };
    if state.removed.is_some() != removed {
        problems.push(format!("{what} {uid}: removed is {removed}"));
    }
    for (field, value) in fields {
        let says = state.fields.get(field).unwrap_or(&Value::Null);
        if says != value {
            problems.push(format!(
                "{what} {uid}: {field} is {value:?}, the history says {says:?}"
            ));
        }
    }
}

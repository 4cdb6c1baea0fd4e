//! followup's own JSON export (`export --format json`: JSON Lines, one
//! prospect per line, its attempts and next steps nested) read back as
//! records, so it imports as its CSV export does: the prospect's fields
//! by their own names, and its open next step by its exact windows.

use std::rc::Rc;

use serde_json::{Map, Value};

use super::headers::own_target;
use super::{Cell, Record};

/// True when the text looks like JSON Lines (its first character opens an
/// object).
pub fn is_json_lines(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// Every line as a record; a line that is not a JSON object is a record
/// with its problem, reported with the other bad rows.
pub fn records(text: &str) -> Vec<Record> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let line_no = i as u64 + 1;
            match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(p)) => Record {
                    line: line_no,
                    cells: cells(&p),
                    problem: None,
                    raw: Some(line.to_string()),
                },
                Ok(_) => bad(line_no, line, "the line is not a JSON object".into()),
                Err(e) => bad(line_no, line, format!("the line is not JSON: {e}")),
            }
        })
        .collect()
}

fn bad(line: u64, raw: &str, why: String) -> Record {
    Record {
        line,
        cells: Vec::new(),
        problem: Some(why),
        raw: Some(raw.to_string()),
    }
}

fn cell(label: &str, value: String) -> Cell {
    Cell {
        label: Rc::from(label),
        target: own_target(label),
        value,
    }
}

/// A scalar as a cell's text; `None` for null, objects and lists.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn cells(p: &Map<String, Value>) -> Vec<Cell> {
    let mut out: Vec<Cell> = p
        .iter()
        .filter(|(k, _)| k.as_str() != super::reject::WHY_COLUMN)
        .filter_map(|(k, v)| text(v).map(|t| cell(k, t)))
        .collect();
    // The decision process's parts, as their own fields.
    if let Some(Value::Object(parts)) = p.get("decision") {
        for (k, v) in parts {
            if let Some(t) = text(v) {
                out.push(cell(&format!("decision_{k}"), t));
            }
        }
    }
    // The open next step (at most one is open), by its exact windows.
    let open = p
        .get("next_steps")
        .and_then(Value::as_array)
        .and_then(|steps| {
            steps
                .iter()
                .find(|s| s.get("done_at").is_none_or(Value::is_null))
        });
    if let Some(step) = open {
        if let Some(action) = step.get("action").and_then(text) {
            out.push(cell("next_step_action", action));
        }
        let windows: Vec<String> = step
            .get("windows")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|w| {
                Some(format!(
                    "{}/{}",
                    text(w.get("start")?)?,
                    text(w.get("end")?)?
                ))
            })
            .collect();
        if !windows.is_empty() {
            out.push(cell("next_step_windows", windows.join(" ")));
        }
        if let Some(note) = step.get("note").and_then(text) {
            out.push(cell("next_step_note", note));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Target;

    #[test]
    fn a_prospect_line_gives_its_fields_and_open_step() {
        let line = r#"{"uid":"01a0d9ab-a560-7899-b640-f7a535b88153","id":7,"name":"Ada","value_cents":1250,"notes":null,"series":{"done":2},"next_steps":[{"action":"call","windows":[{"start":"2026-11-11T09:30:00+00:00","end":"2026-11-11T10:30:00+00:00"}],"note":"old","done_at":"2026-11-13T13:05:00+00:00"},{"action":"email","windows":[{"start":"2026-11-27T08:00:00+00:00","end":"2026-11-27T20:00:00+00:00"},{"start":"2026-11-30T08:00:00+00:00","end":"2026-11-30T12:00:00+00:00"}],"note":"send the quote","done_at":null}]}"#;
        assert!(is_json_lines(&format!("\n{line}\n")));
        let records = records(line);
        assert_eq!(records.len(), 1);
        let get = |label: &str| {
            records[0]
                .cells
                .iter()
                .find(|c| &*c.label == label)
                .map(|c| (c.target, c.value.as_str()))
        };
        assert_eq!(get("name"), Some((Target::Name, "Ada")));
        assert_eq!(get("value_cents"), Some((Target::ValueCents, "1250")));
        assert_eq!(get("id"), Some((Target::Ignore, "7")));
        assert_eq!(get("notes"), None, "null is no cell");
        assert_eq!(get("next_step_action"), Some((Target::NextAction, "email")));
        assert_eq!(
            get("next_step_windows"),
            Some((
                Target::NextWindows,
                "2026-11-27T08:00:00+00:00/2026-11-27T20:00:00+00:00 \
                 2026-11-30T08:00:00+00:00/2026-11-30T12:00:00+00:00"
            ))
        );
        assert_eq!(
            get("next_step_note"),
            Some((Target::NextNote, "send the quote"))
        );
    }

    #[test]
    fn a_line_that_is_not_a_prospect_is_a_bad_record() {
        let records = records("{\"name\":\"Ada\"}\n\n[1,2]\n{oops\n");
        assert_eq!(records.len(), 3);
        assert!(records[0].problem.is_none());
        assert_eq!(records[1].line, 3);
        assert!(
            records[1]
                .problem
                .as_deref()
                .unwrap()
                .contains("not a JSON object")
        );
        assert!(records[2].problem.as_deref().unwrap().contains("not JSON"));
    }
}

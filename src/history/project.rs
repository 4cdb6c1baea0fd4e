//! The current state as the history tells it: replaying changes from
//! empty, in stamp order, with the rule in the module docs (the greatest
//! stamp wins a field). The store's tables must always equal this; tests
//! and the crash checks compare them.

use std::collections::BTreeMap;

use super::{Entry, EntryKind, Hlc, Op, Uid, Value};

/// A row as the history builds it: its fields and whether it was removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowState {
    /// Field name → value.
    pub fields: BTreeMap<String, Value>,
    /// Removed by a tombstone, with its stamp.
    pub removed: Option<Hlc>,
    /// The stamp of its creation.
    pub created: Hlc,
}

/// A prospect with its attempts and steps, as the history builds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProspectState {
    /// The prospect's own fields.
    pub prospect: RowState,
    /// Its attempts by id.
    pub attempts: BTreeMap<Uid, RowState>,
    /// Its next steps by id.
    pub steps: BTreeMap<Uid, RowState>,
}

/// The fields a prospect has before any change sets them.
const PROSPECT_DEFAULTS: &[(&str, Value)] = &[
    ("series_performed", Value::Int(0)),
    ("series_paused", Value::Int(0)),
];

/// Every field of a prospect the history keeps.
pub const PROSPECT_FIELDS: &[&str] = &[
    "name",
    "company",
    "phone",
    "email",
    "product",
    "value_cents",
    "probability",
    "objection",
    "decision_process",
    "notes",
    "series_name",
    "status",
    "lost_reason",
    "closed_at",
    "series_performed",
    "series_paused",
    "series_paused_until",
    "last_contact_at",
];

/// Replays `entries` (one prospect's, in any order) into its state.
pub fn project(entries: &[Entry]) -> ProspectState {
    let mut order: Vec<&Entry> = entries.iter().collect();
    order.sort_by_key(|e| (e.hlc, e.device));
    let mut state = ProspectState::default();
    for e in order {
        apply(&mut state, e);
    }
    one_open_step(&mut state);
    state
}

/// A prospect has at most one open next step. Two books that each set one
/// while apart both hold theirs; the one set last (by stamp) stays open and
/// the other counts as replaced by it, the same on every book.
fn one_open_step(state: &mut ProspectState) {
    let is_open = |r: &RowState| {
        r.removed.is_none() && r.fields.get("resolution").is_none_or(|v| *v == Value::Null)
    };
    let Some((newest, created_at)) = state
        .steps
        .iter()
        .filter(|(_, r)| is_open(r))
        .max_by_key(|(uid, r)| (r.created, **uid))
        .map(|(uid, r)| (*uid, r.fields.get("created_at").cloned()))
    else {
        return;
    };
    for (uid, row) in state.steps.iter_mut() {
        if *uid != newest && is_open(row) {
            row.fields
                .insert("resolution".into(), Value::Text("replaced".into()));
            row.fields
                .insert("done_at".into(), created_at.clone().unwrap_or(Value::Null));
        }
    }
}

fn apply(state: &mut ProspectState, e: &Entry) {
    match (e.kind, e.op) {
        (EntryKind::Prospect, Op::Create) => {
            let row = &mut state.prospect;
            row.created = e.hlc;
            for field in PROSPECT_FIELDS {
                row.fields.insert((*field).to_string(), Value::Null);
            }
            for (field, value) in PROSPECT_DEFAULTS {
                row.fields.insert((*field).to_string(), value.clone());
            }
            row.fields
                .insert("status".into(), Value::Text("active".into()));
            row.fields.extend(json_fields(&e.new));
        }
        (EntryKind::Prospect, Op::Set) => {
            if let Some(field) = &e.field {
                state.prospect.fields.insert(field.clone(), e.new.clone());
            }
        }
        (EntryKind::Prospect, Op::Remove) => state.prospect.removed = Some(e.hlc),
        (EntryKind::Prospect, Op::Restore) => state.prospect.removed = None,
        (EntryKind::Note, _) => {
            let notes = state
                .prospect
                .fields
                .entry("notes".into())
                .or_insert(Value::Null);
            let added = e.new.as_text().unwrap_or_default();
            *notes = Value::Text(format!("{}{added}", notes.as_text().unwrap_or_default()));
        }
        (EntryKind::Attempt | EntryKind::Step, op) => {
            let Some(uid) = e.entity else { return };
            let rows = if e.kind == EntryKind::Attempt {
                &mut state.attempts
            } else {
                &mut state.steps
            };
            let row = rows.entry(uid).or_default();
            match op {
                Op::Create => {
                    row.created = e.hlc;
                    if e.kind == EntryKind::Step {
                        row.fields.insert("done_at".into(), Value::Null);
                        row.fields.insert("resolution".into(), Value::Null);
                    }
                    row.fields.extend(json_fields(&e.new));
                }
                Op::Set => {
                    if let Some(field) = &e.field {
                        row.fields.insert(field.clone(), e.new.clone());
                    }
                }
                Op::Remove => row.removed = Some(e.hlc),
                Op::Restore => row.removed = None,
            }
        }
    }
}

/// A created row's fields, from the JSON object its change carries.
pub fn json_fields(v: &Value) -> Vec<(String, Value)> {
    let Some(Ok(serde_json::Value::Object(map))) =
        v.as_text().map(serde_json::from_str::<serde_json::Value>)
    else {
        return Vec::new();
    };
    map.into_iter()
        .map(|(k, v)| {
            let value = match v {
                serde_json::Value::Number(n) => n.as_i64().map_or(Value::Null, Value::Int),
                serde_json::Value::String(s) => Value::Text(s),
                serde_json::Value::Bool(b) => Value::Int(i64::from(b)),
                _ => Value::Null,
            };
            (k, value)
        })
        .collect()
}

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

impl RowState {
    /// True for a next step still to do: not removed, no resolution.
    pub fn is_open(&self) -> bool {
        self.removed.is_none()
            && self
                .fields
                .get("resolution")
                .is_none_or(|v| *v == Value::Null)
    }
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
    /// Its debriefs by id.
    pub debriefs: BTreeMap<Uid, RowState>,
    /// The stamp of its newest status change.
    pub status_stamp: Hlc,
}

/// The fields a prospect has before any change sets them.
const PROSPECT_DEFAULTS: &[(&str, Value)] = &[
    ("series_performed", Value::Int(0)),
    ("series_paused", Value::Int(0)),
    ("purchases", Value::Int(0)),
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
    "liked",
    "disliked",
    "decision_who",
    "decision_when",
    "decision_info",
    "decision_review",
    "delivery_at",
    "purchases",
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
    nothing_open_when_finished(&mut state);
    state
}

/// Only an active prospect has something open to do, and a won customer
/// the item of its after-sale plan. A book that finished or removed a
/// prospect while another set it a next step ends with the step cancelled,
/// as of the finish (or removal), on every book alike. (On one book the
/// finish itself closes the step; this only settles changes made apart.)
fn nothing_open_when_finished(state: &mut ProspectState) {
    let status = state.prospect.fields.get("status");
    let active = status == Some(&Value::Text("active".into()));
    let won = status == Some(&Value::Text("won".into()));
    let ended = match state.prospect.removed {
        Some(removed) => removed,
        None if active => return,
        None => state.status_stamp,
    };
    let at = Value::Int(ended.time().timestamp());
    let removed = state.prospect.removed.is_some();
    for row in state.steps.values_mut() {
        let plan = row
            .fields
            .get("plan_item")
            .is_some_and(|v| *v != Value::Null);
        if won && plan && !removed {
            continue;
        }
        if row.is_open() && row.created != Hlc::default() {
            row.fields
                .insert("resolution".into(), Value::Text("cancelled".into()));
            row.fields.insert("done_at".into(), at.clone());
        }
    }
}

/// A prospect has at most one open next step. Two books that each set one
/// while apart both hold theirs; the one set last (by stamp) stays open and
/// the other counts as replaced by it, the same on every book.
///
/// A won customer keeps its after-sale item rather than a step set apart
/// while it was still a prospect (that one is cancelled with the win).
fn one_open_step(state: &mut ProspectState) {
    let won = state.prospect.fields.get("status") == Some(&Value::Text("won".into()));
    let plan = |r: &RowState| r.fields.get("plan_item").is_some_and(|v| *v != Value::Null);
    let Some((newest, created_at)) = state
        .steps
        .iter()
        .filter(|(_, r)| r.is_open())
        .max_by_key(|(uid, r)| (won && plan(r), r.created, **uid))
        .map(|(uid, r)| (*uid, r.fields.get("created_at").cloned()))
    else {
        return;
    };
    for (uid, row) in state.steps.iter_mut() {
        if *uid != newest && row.is_open() {
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
                if field == "status" {
                    state.status_stamp = e.hlc;
                }
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
            let before = notes.as_text().unwrap_or_default();
            // A first note (into empty notes) has no line break before it;
            // two books each adding one while apart must not run them
            // together.
            let gap = if before.is_empty() || before.ends_with('\n') || added.starts_with('\n') {
                ""
            } else {
                "\n"
            };
            *notes = Value::Text(format!("{before}{gap}{added}"));
        }
        (EntryKind::Attempt | EntryKind::Step | EntryKind::Debrief, op) => {
            let Some(uid) = e.entity else { return };
            let rows = match e.kind {
                EntryKind::Attempt => &mut state.attempts,
                EntryKind::Debrief => &mut state.debriefs,
                _ => &mut state.steps,
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

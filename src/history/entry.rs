//! One change as the history keeps it.

use serde::Serialize;

use super::{Hlc, Uid};

/// What kind of row a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// The prospect itself (its fields and status).
    Prospect,
    /// A contact attempt.
    Attempt,
    /// A next step.
    Step,
    /// A line appended to the prospect's notes.
    Note,
    /// A debrief recorded after an appointment.
    Debrief,
}

impl EntryKind {
    /// The word, as JSON and the timeline spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Prospect => "prospect",
            EntryKind::Attempt => "attempt",
            EntryKind::Step => "step",
            EntryKind::Note => "note",
            EntryKind::Debrief => "debrief",
        }
    }

    /// The code stored in the history (migration 010).
    pub fn code(self) -> i64 {
        match self {
            EntryKind::Prospect => 0,
            EntryKind::Attempt => 1,
            EntryKind::Step => 2,
            EntryKind::Note => 3,
            EntryKind::Debrief => 4,
        }
    }

    /// Reads a stored code.
    pub fn from_code(code: i64) -> Option<EntryKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Every kind.
    pub const ALL: [EntryKind; 5] = [
        EntryKind::Prospect,
        EntryKind::Attempt,
        EntryKind::Step,
        EntryKind::Note,
        EntryKind::Debrief,
    ];

    /// Reads the word (as JSON and the timeline spell it).
    pub fn parse(word: &str) -> Option<EntryKind> {
        [
            EntryKind::Prospect,
            EntryKind::Attempt,
            EntryKind::Step,
            EntryKind::Note,
            EntryKind::Debrief,
        ]
        .into_iter()
        .find(|k| k.as_str() == word)
    }
}

/// What happened to the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Op {
    /// It came into being.
    Create,
    /// One field changed.
    Set,
    /// It was removed: a tombstone, so history and sync carry the removal.
    Remove,
    /// A removed row came back (an undone removal: redo).
    Restore,
}

impl Op {
    /// The word, as JSON and the timeline spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Create => "create",
            Op::Set => "set",
            Op::Remove => "remove",
            Op::Restore => "restore",
        }
    }

    /// The code stored in the history (migration 010).
    pub fn code(self) -> i64 {
        match self {
            Op::Create => 0,
            Op::Set => 1,
            Op::Remove => 2,
            Op::Restore => 3,
        }
    }

    /// Reads a stored code.
    pub fn from_code(code: i64) -> Option<Op> {
        [Op::Create, Op::Set, Op::Remove, Op::Restore]
            .into_iter()
            .find(|o| o.code() == code)
    }

    /// Reads the word (as JSON and the timeline spell it).
    pub fn parse(word: &str) -> Option<Op> {
        [Op::Create, Op::Set, Op::Remove, Op::Restore]
            .into_iter()
            .find(|o| o.as_str() == word)
    }
}

/// A field's value, as stored: nothing, a whole number (money in cents,
/// percentages, times in seconds) or text (a created row's fields are a
/// JSON object in text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// No value.
    Null,
    /// A whole number.
    Int(i64),
    /// Text.
    Text(String),
}

impl Value {
    /// The text, if it is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The number, if it is one.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
}

impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Value {
        v.map_or(Value::Null, Value::Int)
    }
}

impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Value {
        v.map_or(Value::Null, |t| Value::Text(t.to_string()))
    }
}

/// One change: which row, what, when (by the hybrid clock), by which device
/// and author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The stamp that orders it among every device's changes.
    pub hlc: Hlc,
    /// The book (machine) that made it.
    pub device: Uid,
    /// Who made it.
    pub author: String,
    /// The prospect it concerns.
    pub prospect: Uid,
    /// The kind of row changed.
    pub kind: EntryKind,
    /// The attempt, step or note changed (`None`: the prospect).
    pub entity: Option<Uid>,
    /// What happened.
    pub op: Op,
    /// The field, for [`Op::Set`].
    pub field: Option<String>,
    /// The value before.
    pub old: Value,
    /// The value after.
    pub new: Value,
}

impl serde::Serialize for Hlc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

impl serde::Serialize for Uid {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

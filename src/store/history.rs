//! The change history: appended by every write, in the write's own
//! transaction (see [`Tx`]), and read back as a prospect's timeline.

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension};

use super::{StoreError, Tx};
use crate::domain::ProspectId;
use crate::history::{Entry, EntryKind, Hlc, Op, Uid, Value};

/// This book's own row in `device`.
pub(super) const THIS_DEVICE: i64 = 1;
/// The single user's author row, "me".
pub(super) const DEFAULT_AUTHOR: i64 = 1;

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::from(rusqlite::types::Null),
            Value::Int(i) => ToSqlOutput::from(*i),
            Value::Text(t) => ToSqlOutput::from(t.as_str()),
        })
    }
}

impl FromSql for Value {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Ok(match value {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Int(i),
            ValueRef::Real(r) => Value::Text(r.to_string()),
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                Value::Text(String::from_utf8_lossy(t).into_owned())
            }
        })
    }
}

/// The `author` row for `name`, added the first time that name writes.
pub(super) fn author_id(conn: &Connection, name: Option<&str>) -> Result<i64, StoreError> {
    let Some(name) = name else {
        return Ok(DEFAULT_AUTHOR);
    };
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM author WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?
    {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO author (name) VALUES (?1)")?
        .execute([name])?;
    Ok(conn.last_insert_rowid())
}

/// The last stamp this book gave out or saw.
pub(super) fn load_clock(conn: &Connection) -> Result<Hlc, StoreError> {
    let value: Option<i64> = conn
        .prepare_cached("SELECT value FROM book_meta WHERE key = 'hlc'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(Hlc(value.unwrap_or(0)))
}

/// Keeps the clock for the next transaction.
pub(super) fn save_clock(conn: &Connection, clock: Hlc) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT OR REPLACE INTO book_meta (key, value) VALUES ('hlc', ?1)")?
        .execute([clock.0])?;
    Ok(())
}

/// One change to append.
#[derive(Debug, Clone)]
pub(super) struct Record<'a> {
    /// The prospect concerned.
    pub prospect: ProspectId,
    /// The kind of row changed.
    pub kind: EntryKind,
    /// The attempt, step or note changed; `None` for the prospect.
    pub entity: Option<Uid>,
    /// What happened.
    pub op: Op,
    /// The field, for a set.
    pub field: Option<&'a str>,
    /// Before.
    pub old: Value,
    /// After.
    pub new: Value,
}

impl Tx<'_> {
    /// Appends `change`, stamped with the next tick of the clock for an
    /// event at `now`.
    pub(super) fn record(&self, change: Record<'_>, now: DateTime<Utc>) -> Result<(), StoreError> {
        let hlc = self.clock.get().next(now);
        self.clock.set(hlc);
        self.prepare_cached(
            "INSERT INTO history (hlc, device, author, prospect, kind, entity, op, field, old, new) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(rusqlite::params![
            hlc.0,
            THIS_DEVICE,
            self.author,
            change.prospect.0,
            change.kind.code(),
            change.entity.map(|u| u.0.to_vec()),
            change.op.code(),
            change.field,
            change.old,
            change.new,
        ])?;
        Ok(())
    }
}

/// The columns [`entry_from_row`] reads, from [`ENTRY_FROM`].
///
/// An attempt never changes once made (only a tombstone can follow), so
/// its fields are kept once, in its row: the history's "create" of an
/// attempt reads them from there (by its uid) instead of holding a second
/// copy of every attempt, the bulk of a book.
pub(super) const ENTRY_COLUMNS: &str = "h.hlc, d.uid, a.name, p.uid, h.kind, h.entity, h.op, \
     h.field, h.old, \
     CASE WHEN h.kind = 1 AND h.op = 0 AND h.new IS NULL THEN ( \
         SELECT json_object('at', x.at, 'channel', x.channel, 'outcome', x.outcome, \
                            'note', x.note, 'series_step', x.series_step) \
         FROM attempt x WHERE x.uid = h.entity) \
     ELSE h.new END";
/// The history with the uids and names its rows refer to.
pub(super) const ENTRY_FROM: &str = "FROM history h \
     JOIN device d ON d.id = h.device \
     JOIN author a ON a.id = h.author \
     JOIN prospect p ON p.id = h.prospect";

/// Reads a change selected with [`ENTRY_COLUMNS`].
pub(super) fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    let uid = |i: usize| -> rusqlite::Result<Option<Uid>> {
        Ok(r.get::<_, Option<Vec<u8>>>(i)?
            .as_deref()
            .and_then(Uid::from_slice))
    };
    let kind: i64 = r.get(4)?;
    let op: i64 = r.get(6)?;
    Ok(Entry {
        hlc: Hlc(r.get(0)?),
        device: uid(1)?.unwrap_or(Uid([0; 16])),
        author: r.get(2)?,
        prospect: uid(3)?.unwrap_or(Uid([0; 16])),
        kind: EntryKind::from_code(kind).unwrap_or(EntryKind::Prospect),
        entity: uid(5)?,
        op: Op::from_code(op).unwrap_or(Op::Set),
        field: r.get(7)?,
        old: r.get(8)?,
        new: r.get(9)?,
    })
}

/// Every change of a prospect (its attempts, steps and notes included), in
/// the order of their stamps, oldest first; at most `limit`, the newest.
pub fn history_for(
    conn: &Connection,
    prospect: ProspectId,
    limit: usize,
) -> Result<Vec<Entry>, StoreError> {
    let sql = format!(
        "SELECT * FROM (SELECT {ENTRY_COLUMNS}, h.seq {ENTRY_FROM} WHERE h.prospect = ?1 \
         ORDER BY h.hlc DESC, d.uid DESC, h.seq DESC LIMIT {}) ORDER BY 1, 2, 11",
        super::convert::sql_limit(limit)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([prospect.0], entry_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many changes a prospect has.
pub fn history_len(conn: &Connection, prospect: ProspectId) -> Result<u64, StoreError> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM history WHERE prospect = ?1")?
        .query_row([prospect.0], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

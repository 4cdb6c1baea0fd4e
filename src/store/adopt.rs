//! Bringing rows that were written without history into it: the upgrade of
//! a book made before the history existed, and rows loaded in bulk (sample
//! books). Each row gets its stable id, and a history is reconstructed from
//! what the row holds: when it was created, its attempts, its next steps
//! with their resolutions, and how it finished. One statement per kind of
//! fact, so a 100,000-prospect book adopts in seconds.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::StoreError;
use super::history::{THIS_DEVICE, save_clock};
use crate::history::{EntryKind, Hlc, Op, Uid};

/// The highest row ids before a load: rows above them are the new ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Marks {
    prospect: i64,
    attempt: i64,
    step: i64,
}

impl Marks {
    /// The current highest ids.
    pub(super) fn read(conn: &Connection) -> Result<Marks, StoreError> {
        let max = |table: &str| -> Result<i64, StoreError> {
            Ok(conn.query_row(
                &format!("SELECT coalesce(max(id), 0) FROM {table}"),
                [],
                |r| r.get(0),
            )?)
        };
        Ok(Marks {
            prospect: max("prospect")?,
            attempt: max("attempt")?,
            step: max("next_step")?,
        })
    }

    /// The highest prospect id before the load.
    pub(super) fn prospect(self) -> i64 {
        self.prospect
    }
}

/// A UUIDv7 made in SQL for a row created at `ms`: the 48-bit milliseconds,
/// the version nibble, random bits, the variant nibble, random bits.
fn uid_sql(ms: &str) -> String {
    format!(
        "unhex(printf('%012X', {ms}) || '7' || substr(hex(randomblob(2)), 1, 3) \
         || '8' || substr(hex(randomblob(8)), 1, 15))"
    )
}

/// A stamp (milliseconds << 16) for a time in seconds, in SQL.
fn stamp(secs: &str) -> String {
    format!("({secs}) * 65536000")
}

/// How the history table being written spells a change's kind and op:
/// migration 009's table takes words, 010 turned them into codes. The
/// upgrade of a book from before the history runs this at 009.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Spelling {
    /// `'prospect'`, `'create'`: the table as migration 009 made it.
    Words,
    /// `0`, `0`: the table since migration 010.
    Codes,
}

impl Spelling {
    fn kind(self, kind: EntryKind) -> String {
        match self {
            Spelling::Words => format!("'{}'", kind.as_str()),
            Spelling::Codes => kind.code().to_string(),
        }
    }

    fn op(self, op: Op) -> String {
        match self {
            Spelling::Words => format!("'{}'", op.as_str()),
            Spelling::Codes => op.code().to_string(),
        }
    }
}

/// Gives every row above `from` its id and a reconstructed history.
pub(super) fn adopt(
    conn: &Connection,
    from: Marks,
    now: DateTime<Utc>,
    spelling: Spelling,
) -> Result<(), StoreError> {
    adopt_all_but_attempts(conn, from, now, spelling)?;
    adopt_attempts(conn, from, spelling)
}

/// [`adopt`] but for the attempts' history: the ids, the prospects' and
/// next steps' history. A bulk load builds the history's partial indexes
/// (which take no attempt) between the two, from a history a third the
/// size.
pub(super) fn adopt_all_but_attempts(
    conn: &Connection,
    from: Marks,
    now: DateTime<Utc>,
    spelling: Spelling,
) -> Result<(), StoreError> {
    let device = Uid::new(now);
    conn.execute(
        "INSERT OR IGNORE INTO device (id, uid) VALUES (?1, ?2)",
        rusqlite::params![THIS_DEVICE, device.0.to_vec()],
    )?;
    let p = from.prospect;
    let a = from.attempt;
    let s = from.step;
    let at = stamp;
    let sql = format!(
        "UPDATE prospect SET uid = {puid} WHERE id > {p} AND uid IS NULL;
         UPDATE attempt SET uid = {auid} WHERE id > {a} AND uid IS NULL;
         UPDATE next_step SET uid = {suid} WHERE id > {s} AND uid IS NULL;

         INSERT INTO history (hlc, device, author, prospect, kind, entity, op, field, old, new)
         SELECT {created}, 1, owner, id, {k_prospect}, NULL, {o_create}, NULL, NULL,
                json_patch('{{}}', json_object(
                    'name', name, 'company', company, 'phone', phone, 'email', email,
                    'product', product, 'value_cents', value_cents, 'probability', probability,
                    'objection', objection, 'decision_process', decision_process,
                    'notes', notes, 'series_name', series_name, 'created_at', created_at))
         FROM prospect WHERE id > {p};

         INSERT INTO history (hlc, device, author, prospect, kind, entity, op, field, old, new)
         SELECT {step_created}, 1, 1, prospect_id, {k_step}, uid, {o_create}, NULL, NULL,
                json_object('action', action, 'due_start', due_start, 'due_end', due_end,
                            'note', note, 'created_at', created_at, 'windows', windows)
         FROM next_step WHERE id > {s};

         INSERT INTO history (hlc, device, author, prospect, kind, entity, op, field, old, new)
         SELECT {step_done}, 1, 1, prospect_id, {k_step}, uid, {o_set}, 'done_at', NULL, done_at
         FROM next_step WHERE id > {s} AND done_at IS NOT NULL;

         INSERT INTO history (hlc, device, author, prospect, kind, entity, op, field, old, new)
         SELECT {step_done}, 1, 1, prospect_id, {k_step}, uid, {o_set}, 'resolution', NULL, resolution
         FROM next_step WHERE id > {s} AND done_at IS NOT NULL;

         ",
        puid = uid_sql("created_at * 1000"),
        auid = uid_sql("at * 1000"),
        suid = uid_sql("created_at * 1000"),
        created = at("created_at"),
        step_created = at("created_at"),
        step_done = at("done_at"),
        k_prospect = spelling.kind(EntryKind::Prospect),
        k_step = spelling.kind(EntryKind::Step),
        o_create = spelling.op(Op::Create),
        o_set = spelling.op(Op::Set),
    );
    conn.execute_batch(&sql)?;
    // The facts a finished prospect and its series carry, as of when they
    // were last written (the book before the history kept no earlier ones):
    // one pass over the prospects, each joined with the list of facts
    // (CROSS JOIN keeps the prospects the outer loop), rather than a pass
    // per fact over a table that may not fit in the cache.
    let case = |pick: &dyn Fn(&Fact) -> String| -> String {
        let arms: String = PROSPECT_FACTS
            .iter()
            .enumerate()
            .map(|(n, fact)| format!(" WHEN {n} THEN {}", pick(fact)))
            .collect();
        format!("CASE f.n{arms} END")
    };
    let facts: Vec<String> = (0..PROSPECT_FACTS.len())
        .map(|n| format!("({n}, '{}')", PROSPECT_FACTS[n].0))
        .collect();
    conn.execute(
        &format!(
            "INSERT INTO history (hlc, device, author, prospect, kind, entity, op, field, old, new)
             SELECT {stamp}, 1, p.owner, p.id, {kind}, NULL, {set}, f.field, {old}, {new}
             FROM prospect p CROSS JOIN (SELECT column1 AS n, column2 AS field FROM (VALUES {facts})) f
             WHERE p.id > ?1 AND {filter}",
            stamp = case(&|(_, when, _, _)| at(when)),
            old = case(&|(_, _, old, _)| (*old).to_string()),
            new = case(&|(field, _, _, _)| format!("p.{field}")),
            filter = case(&|(_, _, _, filter)| format!("({filter})")),
            kind = spelling.kind(EntryKind::Prospect),
            set = spelling.op(Op::Set),
            facts = facts.join(", "),
        ),
        [p],
    )?;
    Ok(())
}

/// The rest of [`adopt`]: each attempt's history (its creation), and the
/// clock moved past every stamp written.
pub(super) fn adopt_attempts(
    conn: &Connection,
    from: Marks,
    spelling: Spelling,
) -> Result<(), StoreError> {
    conn.execute(
        &format!(
            "INSERT INTO history (hlc, device, author, prospect, kind, entity, op, field, old, new)
             SELECT {at}, 1, 1, prospect_id, {kind}, uid, {create}, NULL, NULL, NULL
             FROM attempt WHERE id > ?1",
            at = stamp("at"),
            kind = spelling.kind(EntryKind::Attempt),
            create = spelling.op(Op::Create),
        ),
        [from.attempt],
    )?;
    let last: Option<i64> = conn.query_row("SELECT max(hlc) FROM history", [], |r| r.get(0))?;
    let clock = super::history::load_clock(conn)?.observe(Hlc(last.unwrap_or(0)));
    save_clock(conn, clock)?;
    Ok(())
}

/// (field, when it was set, its value before, which rows have it).
type Fact = (&'static str, &'static str, &'static str, &'static str);

/// The facts a prospect's row carries that the history reconstructs.
const PROSPECT_FACTS: &[Fact] = &[
    (
        "status",
        "coalesce(closed_at, updated_at)",
        "'active'",
        "status <> 'active'",
    ),
    (
        "lost_reason",
        "coalesce(closed_at, updated_at)",
        "NULL",
        "lost_reason IS NOT NULL",
    ),
    (
        "closed_at",
        "coalesce(closed_at, updated_at)",
        "NULL",
        "closed_at IS NOT NULL",
    ),
    (
        "series_performed",
        "updated_at",
        "0",
        "series_performed <> 0",
    ),
    ("series_paused", "updated_at", "0", "series_paused <> 0"),
    (
        "series_paused_until",
        "updated_at",
        "NULL",
        "series_paused_until IS NOT NULL",
    ),
    (
        "last_contact_at",
        "updated_at",
        "NULL",
        "last_contact_at IS NOT NULL",
    ),
];

/// Ids are unique; indexed once they are all given (an upgrade fills them
/// after adding the columns).
pub(super) fn index_ids(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(
        "CREATE UNIQUE INDEX prospect_by_uid ON prospect (uid);
         CREATE UNIQUE INDEX attempt_by_uid ON attempt (uid);
         CREATE UNIQUE INDEX next_step_by_uid ON next_step (uid);",
    )?;
    Ok(())
}

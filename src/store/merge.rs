//! Taking in changes made on another book (another device, a team
//! member's): each is appended once, however often it arrives, and the
//! rows of every prospect it touched are rebuilt from that prospect's whole
//! history. Books holding the same changes therefore hold the same rows,
//! whatever order the changes arrived in (the rule in `history`'s docs).

use rusqlite::{Connection, OptionalExtension, named_params};
use std::collections::BTreeSet;

use super::convert::secs;
use super::history::{ENTRY_COLUMNS, ENTRY_FROM, author_id, entry_from_row, history_for};
use super::{StoreError, Tx};
use crate::domain::ProspectId;
use crate::history::{Entry, EntryKind, Hlc, Op, RowState, Uid, Value, project};

/// The changes the book learnt after position `after` (0: from the
/// beginning), at most `limit`, each with its position, so a sync can
/// resume after the last one it sent.
pub fn changes_after(
    conn: &Connection,
    after: i64,
    limit: usize,
) -> Result<Vec<(i64, Entry)>, StoreError> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS}, h.seq {ENTRY_FROM} WHERE h.seq > ?1 ORDER BY h.seq LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![after, limit as i64], |r| {
        Ok((r.get(10)?, entry_from_row(r)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Appends the changes not yet in the book and rebuilds the rows of the
/// prospects they touch; returns how many were new.
pub fn merge(
    tx: &Tx<'_>,
    entries: &[Entry],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, StoreError> {
    // A prospect's creation first, so every other change finds its prospect.
    let mut order: Vec<&Entry> = entries.iter().collect();
    order.sort_by_key(|e| !(e.kind == EntryKind::Prospect && e.op == Op::Create));
    let mut touched = BTreeSet::new();
    let mut added = 0;
    for e in order {
        let prospect = match local_prospect(tx, e.prospect)? {
            Some(id) => id,
            None if e.kind == EntryKind::Prospect && e.op == Op::Create => {
                insert_placeholder(tx, e)?
            }
            None => {
                return Err(StoreError::Sql(format!(
                    "a change to prospect {} arrived without the prospect",
                    e.prospect
                )));
            }
        };
        let device = device_id(tx, e.device)?;
        // A change is known by its stamp and device, and what it changed:
        // an upgraded book's reconstructed changes may share a stamp.
        let known: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM history WHERE prospect = ?1 AND device = ?2 \
                 AND hlc = ?3 AND kind = ?4 AND op = ?5 AND field IS ?6 AND entity IS ?7)",
            )?
            .query_row(
                rusqlite::params![
                    prospect.0,
                    device,
                    e.hlc.0,
                    e.kind.code(),
                    e.op.code(),
                    e.field,
                    e.entity.map(|u| u.0.to_vec())
                ],
                |r| r.get(0),
            )?;
        if known {
            continue;
        }
        let author = author_id(tx, Some(&e.author))?;
        // An attempt's fields live in its row (see `history::ENTRY_COLUMNS`).
        let new = if e.kind == EntryKind::Attempt && e.op == Op::Create {
            insert_attempt_row(tx, prospect, e)?;
            &Value::Null
        } else {
            &e.new
        };
        append(tx, prospect, device, author, e, new, now)?;
        touched.insert(prospect);
        added += 1;
    }
    for id in touched {
        rebuild(tx, id)?;
    }
    Ok(added)
}

/// Appends change `e` of local prospect `prospect` to the history (`new`:
/// what the row keeps of its new value), and lets the book's clock see it.
pub(super) fn append(
    tx: &Tx<'_>,
    prospect: ProspectId,
    device: i64,
    author: i64,
    e: &Entry,
    new: &Value,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO history (hlc, device, author, prospect, kind, entity, op, field, old, new) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(rusqlite::params![
        e.hlc.0,
        device,
        author,
        prospect.0,
        e.kind.code(),
        e.entity.map(|u| u.0.to_vec()),
        e.op.code(),
        e.field,
        e.old,
        new,
    ])?;
    // Every later local change orders after what was seen; but a
    // device whose clock is far ahead must not drag this book's clock
    // (and every later stamp) into the future with it.
    let horizon = Hlc::at(now + chrono::Duration::days(1));
    tx.clock.set(tx.clock.get().observe(e.hlc.min(horizon)));
    Ok(())
}

/// The row of an attempt made elsewhere, from the fields its change carries.
pub(super) fn insert_attempt_row(
    tx: &Tx<'_>,
    prospect: ProspectId,
    e: &Entry,
) -> Result<(), StoreError> {
    let Some(uid) = e.entity else {
        return Ok(());
    };
    let fields = crate::history::json_fields(&e.new);
    let get = |k: &str| {
        fields
            .iter()
            .find(|(f, _)| f == k)
            .map_or(Value::Null, |(_, v)| v.clone())
    };
    tx.prepare_cached(
        "INSERT OR IGNORE INTO attempt (uid, prospect_id, at, channel, outcome, note, series_step) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![
        uid.0.to_vec(),
        prospect.0,
        get("at"),
        get("channel"),
        get("outcome"),
        get("note"),
        get("series_step"),
    ])?;
    Ok(())
}

fn local_prospect(conn: &Connection, uid: Uid) -> Result<Option<ProspectId>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM prospect WHERE uid = ?1")?
        .query_row([uid.0.to_vec()], |r| r.get(0))
        .optional()?
        .map(ProspectId))
}

/// The local row of a device, added the first time one of its changes
/// arrives.
pub(super) fn device_id(conn: &Connection, uid: Uid) -> Result<i64, StoreError> {
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM device WHERE uid = ?1")?
        .query_row([uid.0.to_vec()], |r| r.get(0))
        .optional()?
    {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO device (uid) VALUES (?1)")?
        .execute([uid.0.to_vec()])?;
    Ok(conn.last_insert_rowid())
}

/// The row a prospect created elsewhere starts as; [`rebuild`] fills it.
pub(super) fn insert_placeholder(tx: &Tx<'_>, e: &Entry) -> Result<ProspectId, StoreError> {
    let fields = crate::history::json_fields(&e.new);
    let get = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone());
    let name = get("name")
        .and_then(|v| v.as_text().map(str::to_string))
        .unwrap_or_else(|| "(unnamed)".into());
    let created = get("created_at")
        .and_then(|v| v.as_int())
        .unwrap_or_else(|| secs(e.hlc.time()));
    let owner = author_id(tx, Some(&e.author))?;
    tx.prepare_cached(
        "INSERT INTO prospect (uid, owner, name, status, created_at, updated_at) \
         VALUES (?1, ?2, ?3, 'active', ?4, ?4)",
    )?
    .execute(rusqlite::params![
        e.prospect.0.to_vec(),
        owner,
        name,
        created
    ])?;
    Ok(ProspectId(tx.last_insert_rowid()))
}

fn stamp_secs(hlc: Option<Hlc>) -> Option<i64> {
    hlc.map(|h| secs(h.time()))
}

/// Makes prospect `id`'s rows (its own, its attempts', its steps') what
/// its history says.
fn rebuild(tx: &Tx<'_>, id: ProspectId) -> Result<(), StoreError> {
    let entries = history_for(tx, id, usize::MAX >> 1)?;
    write_rows(tx, id, &entries, AttemptRows::All)
}

/// Which attempt rows [`write_rows`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AttemptRows {
    /// Every attempt the history made.
    All,
    /// Only the removed ones: the caller has just inserted every attempt's
    /// row (`insert_attempt_row`), so the others are already what the
    /// history says (see `first_sync`).
    RemovedOnly,
}

/// Writes prospect `id`'s rows (its own, its attempts', its steps') as
/// `entries`, its whole history in the book's order, say.
pub(super) fn write_rows(
    tx: &Tx<'_>,
    id: ProspectId,
    entries: &[Entry],
    attempts: AttemptRows,
) -> Result<(), StoreError> {
    let updated = entries.iter().map(|e| e.hlc).max();
    let state = project(entries);
    let f = |k: &str| state.prospect.fields.get(k).cloned().unwrap_or(Value::Null);
    tx.prepare_cached(
        "UPDATE prospect SET name = coalesce(:name, name), company = :company, phone = :phone, \
         email = :email, product = :product, value_cents = :value, probability = :probability, \
         objection = :objection, decision_process = :decision, notes = :notes, \
         series_name = :series, status = coalesce(:status, status), lost_reason = :lost, \
         closed_at = :closed, series_performed = coalesce(:performed, 0), \
         series_paused = coalesce(:paused, 0), series_paused_until = :until, \
         last_contact_at = :last_contact, updated_at = coalesce(:updated, updated_at), \
         liked = :liked, disliked = :disliked, decision_who = :who, decision_when = :when, \
         decision_info = :info, decision_review = :review, delivery_at = :delivery, \
         purchases = coalesce(:purchases, 0), \
         removed_at = CASE WHEN :removed IS NULL THEN NULL ELSE coalesce(removed_at, :removed) END \
         WHERE id = :id",
    )?
    .execute(named_params! {
        ":name": f("name"),
        ":company": f("company"),
        ":phone": f("phone"),
        ":email": f("email"),
        ":product": f("product"),
        ":value": f("value_cents"),
        ":probability": f("probability"),
        ":objection": f("objection"),
        ":decision": f("decision_process"),
        ":notes": f("notes"),
        ":series": f("series_name"),
        ":status": f("status"),
        ":lost": f("lost_reason"),
        ":closed": f("closed_at"),
        ":performed": f("series_performed"),
        ":paused": f("series_paused"),
        ":until": f("series_paused_until"),
        ":last_contact": f("last_contact_at"),
        ":liked": f("liked"),
        ":disliked": f("disliked"),
        ":who": f("decision_who"),
        ":when": f("decision_when"),
        ":info": f("decision_info"),
        ":review": f("decision_review"),
        ":delivery": f("delivery_at"),
        ":purchases": f("purchases"),
        ":updated": stamp_secs(updated),
        ":removed": stamp_secs(state.prospect.removed),
        ":id": id.0,
    })?;
    // A row whose creation has not arrived yet waits for it (a later
    // merge rebuilds it from everything then known).
    let born = |r: &&RowState| r.created != Hlc::default();
    let written = |r: &&RowState| attempts == AttemptRows::All || r.removed.is_some();
    for (uid, row) in state.attempts.iter().filter(|(_, r)| born(r) && written(r)) {
        upsert_attempt(tx, id, *uid, row)?;
    }
    // Closed steps first, so the one open step never meets another.
    let steps = || state.steps.iter().filter(|(_, r)| born(r));
    for (uid, row) in steps().filter(|(_, r)| !r.is_open()) {
        upsert_step(tx, id, *uid, row)?;
    }
    for (uid, row) in steps().filter(|(_, r)| r.is_open()) {
        upsert_step(tx, id, *uid, row)?;
    }
    for (uid, row) in state.debriefs.iter().filter(|(_, r)| born(r)) {
        upsert_debrief(tx, id, *uid, row)?;
    }
    Ok(())
}

fn upsert_debrief(
    tx: &Tx<'_>,
    prospect: ProspectId,
    uid: Uid,
    row: &RowState,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO debrief (uid, prospect_id, at, product, value_cents, probability, \
         follow_up, well_1, well_2, well_3, work_on, removed_at) \
         VALUES (:uid, :prospect, :at, :product, :value, :probability, :follow_up, :w1, :w2, \
         :w3, :work_on, :removed) \
         ON CONFLICT (uid) DO UPDATE SET \
         removed_at = CASE WHEN excluded.removed_at IS NULL THEN NULL \
                      ELSE coalesce(debrief.removed_at, excluded.removed_at) END",
    )?
    .execute(named_params! {
        ":uid": uid.0.to_vec(),
        ":prospect": prospect.0,
        ":at": field(row, "at"),
        ":product": field(row, "product"),
        ":value": field(row, "value_cents"),
        ":probability": field(row, "probability"),
        ":follow_up": field(row, "follow_up"),
        ":w1": field(row, "well_1"),
        ":w2": field(row, "well_2"),
        ":w3": field(row, "well_3"),
        ":work_on": field(row, "work_on"),
        ":removed": stamp_secs(row.removed),
    })?;
    Ok(())
}

fn field(row: &RowState, k: &str) -> Value {
    row.fields.get(k).cloned().unwrap_or(Value::Null)
}

fn upsert_attempt(
    tx: &Tx<'_>,
    prospect: ProspectId,
    uid: Uid,
    row: &RowState,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO attempt (uid, prospect_id, at, channel, outcome, note, series_step, removed_at) \
         VALUES (:uid, :prospect, :at, :channel, :outcome, :note, :step, :removed) \
         ON CONFLICT (uid) DO UPDATE SET \
         removed_at = CASE WHEN excluded.removed_at IS NULL THEN NULL \
                      ELSE coalesce(attempt.removed_at, excluded.removed_at) END",
    )?
    .execute(named_params! {
        ":uid": uid.0.to_vec(),
        ":prospect": prospect.0,
        ":at": field(row, "at"),
        ":channel": field(row, "channel"),
        ":outcome": field(row, "outcome"),
        ":note": field(row, "note"),
        ":step": field(row, "series_step"),
        ":removed": stamp_secs(row.removed),
    })?;
    Ok(())
}

fn upsert_step(
    tx: &Tx<'_>,
    prospect: ProspectId,
    uid: Uid,
    row: &RowState,
) -> Result<(), StoreError> {
    // A removed step is closed, as removing closes it (store/next_steps.rs).
    let removed = stamp_secs(row.removed);
    // Closed when it has a resolution. Until both halves of a closing
    // (its time and its resolution, two changes) have arrived, the half
    // that has stands for both; once both are in, the row is exact.
    let how = field(row, "resolution")
        .as_text()
        .map(str::to_string)
        .or_else(|| removed.map(|_| "cancelled".to_string()))
        .or_else(|| field(row, "done_at").as_int().map(|_| "done".to_string()));
    let done = how.as_ref().map(|_| {
        field(row, "done_at")
            .as_int()
            .or(removed)
            .or_else(|| field(row, "created_at").as_int())
            .unwrap_or_default()
    });
    tx.prepare_cached(
        "INSERT INTO next_step (uid, prospect_id, action, due_start, due_end, note, created_at, \
         done_at, resolution, windows, removed_at, plan_item) \
         VALUES (:uid, :prospect, :action, :start, :end, :note, :created, :done, :how, :windows, \
         :removed, :plan_item) \
         ON CONFLICT (uid) DO UPDATE SET done_at = excluded.done_at, \
         resolution = excluded.resolution, \
         removed_at = CASE WHEN excluded.removed_at IS NULL THEN NULL \
                      ELSE coalesce(next_step.removed_at, excluded.removed_at) END",
    )?
    .execute(named_params! {
        ":uid": uid.0.to_vec(),
        ":prospect": prospect.0,
        ":action": field(row, "action"),
        ":start": field(row, "due_start"),
        ":end": field(row, "due_end"),
        ":note": field(row, "note"),
        ":created": field(row, "created_at"),
        ":done": done,
        ":how": how,
        ":windows": field(row, "windows"),
        ":removed": removed,
        ":plan_item": field(row, "plan_item"),
    })?;
    Ok(())
}

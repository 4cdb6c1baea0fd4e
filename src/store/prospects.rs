//! Prospects in the book.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, named_params};

use super::convert::{opt_time, secs, time};
use super::history::Record;
use super::{StoreError, Tx};
use crate::domain::{
    Money, NewProspect, Probability, Prospect, ProspectId, ProspectPatch, SeriesState, Status,
};
use crate::history::{EntryKind, Op, Uid, Value};

/// The prospect columns every query selects, in [`from_row`] order.
pub(super) const COLUMNS: &str = "p.id, p.name, p.company, p.phone, p.email, p.product, \
     p.value_cents, p.probability, p.objection, p.decision_process, p.notes, p.status, \
     p.lost_reason, p.series_name, p.series_performed, p.series_paused, p.last_contact_at, \
     p.created_at, p.updated_at, p.closed_at, p.series_paused_until, p.liked, p.disliked, \
     p.decision_who, p.decision_when, p.decision_info, p.decision_review, p.delivery_at, \
     p.purchases, p.debrief_due";

/// How many columns [`COLUMNS`] selects: a query's own columns come after.
pub(super) const COLUMN_COUNT: usize = 30;

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Prospect> {
    let probability: Option<i64> = row.get(7)?;
    let performed: i64 = row.get(14)?;
    Ok(Prospect {
        id: ProspectId(row.get(0)?),
        name: row.get(1)?,
        company: row.get(2)?,
        phone: row.get(3)?,
        email: row.get(4)?,
        product: row.get(5)?,
        value: row.get::<_, Option<i64>>(6)?.map(Money::from_cents),
        probability: probability.and_then(|p| Probability::new(p).ok()),
        objection: row.get(8)?,
        decision_process: row.get(9)?,
        notes: row.get(10)?,
        status: row.get(11)?,
        lost_reason: row.get(12)?,
        series: SeriesState {
            name: row.get(13)?,
            performed: u32::try_from(performed).unwrap_or(0),
            paused: row.get(15)?,
            paused_until: opt_time(row.get(20)?),
        },
        last_contact_at: opt_time(row.get(16)?),
        created_at: time(row.get(17)?),
        updated_at: time(row.get(18)?),
        closed_at: opt_time(row.get(19)?),
        liked: row.get(21)?,
        disliked: row.get(22)?,
        decision_who: row.get(23)?,
        decision_when: row.get(24)?,
        decision_info: row.get(25)?,
        decision_review: row.get(26)?,
        delivery_at: opt_time(row.get(27)?),
        purchases: u32::try_from(row.get::<_, i64>(28)?).unwrap_or(0),
        debrief_due: opt_time(row.get(29)?),
    })
}

/// Blank text means "not given": stored as NULL.
fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// Adds a new active prospect; returns its id.
pub fn insert_prospect(
    conn: &Tx<'_>,
    new: &NewProspect,
    now: DateTime<Utc>,
) -> Result<ProspectId, StoreError> {
    let f = new.fields();
    let uid = Uid::new(now);
    conn.prepare_cached(
        "INSERT INTO prospect (uid, owner, name, company, phone, email, product, value_cents, \
         probability, objection, decision_process, notes, series_name, status, created_at, \
         updated_at, liked, disliked, decision_who, decision_when, decision_info, \
         decision_review) \
         VALUES (:uid, :owner, :name, :company, :phone, :email, :product, :value, :probability, \
         :objection, :decision, :notes, :series, 'active', :now, :now, :liked, :disliked, \
         :who, :when, :info, :review)",
    )?
    .execute(named_params! {
        ":uid": uid.0.to_vec(),
        ":owner": conn.author,
        ":name": f.name.as_deref().unwrap_or_default(),
        ":company": text(&f.company),
        ":phone": text(&f.phone),
        ":email": text(&f.email),
        ":product": text(&f.product),
        ":value": f.value.flatten().map(Money::cents),
        ":probability": f.probability.flatten().map(Probability::percent),
        ":objection": text(&f.objection),
        ":decision": text(&f.decision_process),
        ":notes": text(&f.notes),
        ":series": text(&f.series),
        ":now": secs(now),
        ":liked": text(&f.liked),
        ":disliked": text(&f.disliked),
        ":who": text(&f.decision_who),
        ":when": text(&f.decision_when),
        ":info": text(&f.decision_info),
        ":review": text(&f.decision_review),
    })?;
    let id = ProspectId(conn.last_insert_rowid());
    let created = require_prospect(conn, id)?;
    conn.record(
        Record {
            prospect: id,
            kind: EntryKind::Prospect,
            entity: None,
            op: Op::Create,
            field: None,
            old: Value::Null,
            new: Value::Text(created_fields(&created)),
        },
        now,
    )?;
    Ok(id)
}

/// One prospect, if it exists.
pub fn prospect(conn: &Connection, id: ProspectId) -> Result<Option<Prospect>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM prospect p WHERE p.id = ?1 AND p.removed_at IS NULL");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id.0], from_row)
        .optional()?)
}

/// One prospect, or a "no such prospect" error.
pub fn require_prospect(conn: &Connection, id: ProspectId) -> Result<Prospect, StoreError> {
    prospect(conn, id)?.ok_or(StoreError::NoSuchProspect(id))
}

/// Applies the given fields of `patch` (already validated).
pub fn update_prospect(
    conn: &Tx<'_>,
    id: ProspectId,
    patch: &ProspectPatch,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let before = require_prospect(conn, id)?;
    // Each column is either kept (flag 0) or set (flag 1), so one cached
    // statement serves every combination of edited fields.
    let set = |v: bool| i64::from(v);
    let changed = conn
        .prepare_cached(
            "UPDATE prospect SET \
             name = CASE WHEN :s_name THEN :name ELSE name END, \
             company = CASE WHEN :s_company THEN :company ELSE company END, \
             phone = CASE WHEN :s_phone THEN :phone ELSE phone END, \
             email = CASE WHEN :s_email THEN :email ELSE email END, \
             product = CASE WHEN :s_product THEN :product ELSE product END, \
             value_cents = CASE WHEN :s_value THEN :value ELSE value_cents END, \
             probability = CASE WHEN :s_probability THEN :probability ELSE probability END, \
             objection = CASE WHEN :s_objection THEN :objection ELSE objection END, \
             decision_process = CASE WHEN :s_decision THEN :decision ELSE decision_process END, \
             notes = CASE WHEN :s_notes THEN :notes ELSE notes END, \
             series_name = CASE WHEN :s_series THEN :series ELSE series_name END, \
             liked = CASE WHEN :s_liked THEN :liked ELSE liked END, \
             disliked = CASE WHEN :s_disliked THEN :disliked ELSE disliked END, \
             decision_who = CASE WHEN :s_who THEN :who ELSE decision_who END, \
             decision_when = CASE WHEN :s_when THEN :when ELSE decision_when END, \
             decision_info = CASE WHEN :s_info THEN :info ELSE decision_info END, \
             decision_review = CASE WHEN :s_review THEN :review ELSE decision_review END, \
             updated_at = :now \
             WHERE id = :id",
        )?
        .execute(named_params! {
            ":s_name": set(patch.name.is_some()),
            ":name": patch.name.as_deref().unwrap_or_default(),
            ":s_company": set(patch.company.is_some()),
            ":company": text(&patch.company),
            ":s_phone": set(patch.phone.is_some()),
            ":phone": text(&patch.phone),
            ":s_email": set(patch.email.is_some()),
            ":email": text(&patch.email),
            ":s_product": set(patch.product.is_some()),
            ":product": text(&patch.product),
            ":s_value": set(patch.value.is_some()),
            ":value": patch.value.flatten().map(Money::cents),
            ":s_probability": set(patch.probability.is_some()),
            ":probability": patch.probability.flatten().map(Probability::percent),
            ":s_objection": set(patch.objection.is_some()),
            ":objection": text(&patch.objection),
            ":s_decision": set(patch.decision_process.is_some()),
            ":decision": text(&patch.decision_process),
            ":s_notes": set(patch.notes.is_some()),
            ":notes": text(&patch.notes),
            ":s_series": set(patch.series.is_some()),
            ":series": text(&patch.series),
            ":s_liked": set(patch.liked.is_some()),
            ":liked": text(&patch.liked),
            ":s_disliked": set(patch.disliked.is_some()),
            ":disliked": text(&patch.disliked),
            ":s_who": set(patch.decision_who.is_some()),
            ":who": text(&patch.decision_who),
            ":s_when": set(patch.decision_when.is_some()),
            ":when": text(&patch.decision_when),
            ":s_info": set(patch.decision_info.is_some()),
            ":info": text(&patch.decision_info),
            ":s_review": set(patch.decision_review.is_some()),
            ":review": text(&patch.decision_review),
            ":now": secs(now),
            ":id": id.0,
        })?;
    if changed == 0 {
        return Err(StoreError::NoSuchProspect(id));
    }
    record_changes(conn, &before, now)
}

/// Moves a prospect to `status`; a finished status stamps `closed_at`.
pub fn set_status(
    conn: &Tx<'_>,
    id: ProspectId,
    status: Status,
    lost_reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let before = require_prospect(conn, id)?;
    let closed_at = status.is_finished().then_some(secs(now));
    conn.prepare_cached(
        "UPDATE prospect SET status = ?2, lost_reason = ?3, closed_at = ?4, updated_at = ?5 \
         WHERE id = ?1",
    )?
    .execute(rusqlite::params![
        id.0,
        status,
        lost_reason,
        closed_at,
        secs(now)
    ])?;
    record_changes(conn, &before, now)
}

/// Records the prospect's series position.
pub fn set_series(
    conn: &Tx<'_>,
    id: ProspectId,
    series: &SeriesState,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let before = require_prospect(conn, id)?;
    conn.prepare_cached(
        "UPDATE prospect SET series_name = ?2, series_performed = ?3, series_paused = ?4, \
         updated_at = ?5, series_paused_until = ?6 WHERE id = ?1",
    )?
    .execute(rusqlite::params![
        id.0,
        series.name,
        series.performed,
        series.paused,
        secs(now),
        // An end only means something while paused.
        series.paused_until.filter(|_| series.paused).map(secs),
    ])?;
    record_changes(conn, &before, now)
}

/// Records a purchase: one more win, and the delivery date asked at it
/// (the after-sale plan's "shipped" is due by then).
pub fn record_purchase(
    conn: &Tx<'_>,
    id: ProspectId,
    delivery: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let before = require_prospect(conn, id)?;
    conn.prepare_cached(
        "UPDATE prospect SET purchases = purchases + 1, delivery_at = ?2, updated_at = ?3 \
         WHERE id = ?1",
    )?
    .execute(rusqlite::params![id.0, delivery.map(secs), secs(now)])?;
    record_changes(conn, &before, now)
}

/// Records when the prospect was last contacted (denormalised from the
/// attempts so "gone quiet" is an indexed range).
pub fn set_last_contact(
    conn: &Tx<'_>,
    id: ProspectId,
    at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let before = require_prospect(conn, id)?;
    conn.prepare_cached("UPDATE prospect SET last_contact_at = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![id.0, at.map(secs)])?;
    record_changes(conn, &before, now)
}

/// Removes a prospect with its attempts and next steps (undo of adding it).
pub fn remove_prospect(
    conn: &Tx<'_>,
    id: ProspectId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let before = require_prospect(conn, id)?;
    if let Some(step) = super::open_step(conn, id)? {
        super::next_steps::remove_step(conn, &step, now)?;
    }
    // Closed out first, as a change of its own, so the queues (active
    // prospects only) leave it out and the history says so.
    conn.prepare_cached(
        "UPDATE prospect SET status = CASE status WHEN 'active' THEN 'closed-out' ELSE status END \
         WHERE id = ?1",
    )?
    .execute([id.0])?;
    record_changes(conn, &before, now)?;
    conn.prepare_cached("UPDATE prospect SET removed_at = ?2, updated_at = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![id.0, secs(now)])?;
    record_membership(conn, id, Op::Remove, now)
}

/// Brings back a removed prospect (the status it had is set back by the
/// caller, with the rest of its fields).
pub fn unremove_prospect(
    conn: &Tx<'_>,
    id: ProspectId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let changed = conn
        .prepare_cached(
            "UPDATE prospect SET removed_at = NULL, updated_at = ?2 \
             WHERE id = ?1 AND removed_at IS NOT NULL",
        )?
        .execute(rusqlite::params![id.0, secs(now)])?;
    if changed == 0 {
        return Err(StoreError::NoSuchProspect(id));
    }
    record_membership(conn, id, Op::Restore, now)
}

/// Appends the removal or the return of the prospect itself.
fn record_membership(
    conn: &Tx<'_>,
    id: ProspectId,
    op: Op,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.record(
        Record {
            prospect: id,
            kind: EntryKind::Prospect,
            entity: None,
            op,
            field: None,
            old: Value::Null,
            new: Value::Null,
        },
        now,
    )
}

/// Puts every field of a prospect back as it was (undo).
pub fn restore_prospect(conn: &Tx<'_>, p: &Prospect, now: DateTime<Utc>) -> Result<(), StoreError> {
    let before = require_prospect(conn, p.id)?;
    conn.prepare_cached(
        "UPDATE prospect SET name = :name, company = :company, phone = :phone, email = :email, \
         product = :product, value_cents = :value, probability = :probability, \
         objection = :objection, decision_process = :decision, notes = :notes, \
         status = :status, lost_reason = :lost, series_name = :series, \
         series_performed = :performed, series_paused = :paused, series_paused_until = :until, \
         last_contact_at = :last_contact, updated_at = :updated, closed_at = :closed, \
         liked = :liked, disliked = :disliked, decision_who = :who, decision_when = :when, \
         decision_info = :info, decision_review = :review, delivery_at = :delivery, \
         purchases = :purchases \
         WHERE id = :id",
    )?
    .execute(named_params! {
        ":name": p.name,
        ":company": p.company,
        ":phone": p.phone,
        ":email": p.email,
        ":product": p.product,
        ":value": p.value.map(Money::cents),
        ":probability": p.probability.map(Probability::percent),
        ":objection": p.objection,
        ":decision": p.decision_process,
        ":notes": p.notes,
        ":status": p.status,
        ":lost": p.lost_reason,
        ":series": p.series.name,
        ":performed": p.series.performed,
        ":paused": p.series.paused,
        ":until": p.series.paused_until.map(secs),
        ":last_contact": p.last_contact_at.map(secs),
        ":updated": secs(now),
        ":closed": p.closed_at.map(secs),
        ":liked": p.liked,
        ":disliked": p.disliked,
        ":who": p.decision_who,
        ":when": p.decision_when,
        ":info": p.decision_info,
        ":review": p.decision_review,
        ":delivery": p.delivery_at.map(secs),
        ":purchases": p.purchases,
        ":id": p.id.0,
    })?;
    record_changes(conn, &before, now)
}

/// Which prospects to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProspectFilter {
    /// Only those with this status.
    Status(Status),
    /// Everyone.
    All,
}

/// Prospects by name, at most `limit` from `offset`.
pub fn list_prospects(
    conn: &Connection,
    filter: ProspectFilter,
    limit: usize,
    offset: usize,
) -> Result<Vec<Prospect>, StoreError> {
    let (clause, status) = match filter {
        ProspectFilter::Status(s) => ("WHERE p.status = ?1 AND p.removed_at IS NULL", Some(s)),
        ProspectFilter::All => ("WHERE ?1 IS NULL AND p.removed_at IS NULL", None),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM prospect p {clause} ORDER BY p.name COLLATE NOCASE, p.id \
         LIMIT ?2 OFFSET ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        rusqlite::params![status, limit as i64, offset as i64],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The fields the history keeps of a prospect, as stored. (`updated_at`
/// is not one: it is the time of the newest change.)
pub(super) fn facts(p: &Prospect) -> [(&'static str, Value); 26] {
    let text = |v: &Option<String>| Value::from(v.as_deref());
    let time = |v: Option<DateTime<Utc>>| Value::from(v.map(secs));
    [
        ("name", Value::Text(p.name.clone())),
        ("company", text(&p.company)),
        ("phone", text(&p.phone)),
        ("email", text(&p.email)),
        ("product", text(&p.product)),
        ("value_cents", Value::from(p.value.map(Money::cents))),
        (
            "probability",
            Value::from(p.probability.map(|v| i64::from(v.percent()))),
        ),
        ("objection", text(&p.objection)),
        ("decision_process", text(&p.decision_process)),
        ("notes", text(&p.notes)),
        ("series_name", text(&p.series.name)),
        ("status", Value::Text(p.status.as_str().to_string())),
        ("lost_reason", text(&p.lost_reason)),
        ("closed_at", time(p.closed_at)),
        (
            "series_performed",
            Value::Int(i64::from(p.series.performed)),
        ),
        ("series_paused", Value::Int(i64::from(p.series.paused))),
        ("series_paused_until", time(p.series.paused_until)),
        ("last_contact_at", time(p.last_contact_at)),
        ("liked", text(&p.liked)),
        ("disliked", text(&p.disliked)),
        ("decision_who", text(&p.decision_who)),
        ("decision_when", text(&p.decision_when)),
        ("decision_info", text(&p.decision_info)),
        ("decision_review", text(&p.decision_review)),
        ("delivery_at", time(p.delivery_at)),
        ("purchases", Value::Int(i64::from(p.purchases))),
    ]
}

/// The fields typed when a prospect is added: its "create" change carries
/// them.
const TYPED_FIELDS: &[&str] = &[
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
    "liked",
    "disliked",
    "decision_who",
    "decision_when",
    "decision_info",
    "decision_review",
];

/// The fields a new prospect starts with, as the JSON object its "create"
/// change carries (fields without a value left out).
fn created_fields(p: &Prospect) -> String {
    let mut map = serde_json::Map::new();
    for (field, value) in facts(p)
        .into_iter()
        .filter(|(f, _)| TYPED_FIELDS.contains(f))
    {
        match value {
            Value::Null => {}
            Value::Int(i) => {
                map.insert(field.into(), i.into());
            }
            Value::Text(t) => {
                map.insert(field.into(), t.into());
            }
        }
    }
    map.insert("created_at".into(), secs(p.created_at).into());
    serde_json::Value::Object(map).to_string()
}

/// Appends a change for every field that differs between `before` and the
/// prospect as it is now. A note added at the end of the notes is kept as
/// a note of its own, not as the whole text twice.
fn record_changes(conn: &Tx<'_>, before: &Prospect, now: DateTime<Utc>) -> Result<(), StoreError> {
    let after = require_prospect(conn, before.id)?;
    for ((field, old), (_, new)) in facts(before).into_iter().zip(facts(&after)) {
        if old == new {
            continue;
        }
        let appended = match (&old, &new) {
            (Value::Null, Value::Text(_)) if field == "notes" => Some(new.clone()),
            (Value::Text(o), Value::Text(n)) if field == "notes" && n.starts_with(o.as_str()) => {
                Some(Value::Text(n[o.len()..].to_string()))
            }
            _ => None,
        };
        let change = match appended {
            Some(line) => Record {
                prospect: before.id,
                kind: EntryKind::Note,
                entity: Some(Uid::new(now)),
                op: Op::Create,
                field: None,
                old: Value::Null,
                new: line,
            },
            None => Record {
                prospect: before.id,
                kind: EntryKind::Prospect,
                entity: None,
                op: Op::Set,
                field: Some(field),
                old,
                new,
            },
        };
        conn.record(change, now)?;
    }
    Ok(())
}

/// Who owns a prospect (an author's name: the profile of whoever added it).
pub fn prospect_owner(conn: &Connection, id: ProspectId) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT a.name FROM prospect p JOIN author a ON a.id = p.owner WHERE p.id = ?1",
        )?
        .query_row([id.0], |r| r.get(0))
        .optional()?)
}

/// A prospect's stable id.
pub fn prospect_uid(conn: &Connection, id: ProspectId) -> Result<Option<Uid>, StoreError> {
    let bytes: Option<Option<Vec<u8>>> = conn
        .prepare_cached("SELECT uid FROM prospect WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0))
        .optional()?;
    Ok(bytes.flatten().as_deref().and_then(Uid::from_slice))
}

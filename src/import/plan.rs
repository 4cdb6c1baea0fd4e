//! Deciding, against the book, what each row does: create a prospect,
//! update the one it already is (same uid, e-mail or phone), or nothing.
//! Planning only reads, so `--dry-run` plans on a read-only book and the
//! import plans inside its own transaction: both see the same decisions.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{Candidate, Keys};
use crate::domain::{ProspectId, ProspectPatch, Status};
use crate::store::{self, StoreError};

/// How a row was recognised as someone already known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The uid of a followup export.
    Uid,
    /// The same e-mail address.
    Email,
    /// The same phone number.
    Phone,
}

impl Match {
    /// Its word in the dry-run.
    pub fn as_str(self) -> &'static str {
        match self {
            Match::Uid => "uid",
            Match::Email => "email",
            Match::Phone => "phone",
        }
    }
}

/// What a row does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A new prospect.
    Create,
    /// Changes these fields of an existing prospect.
    Update {
        /// Which prospect.
        id: ProspectId,
        /// The fields that change, by name.
        changes: Vec<&'static str>,
    },
    /// The prospect it already is holds everything the row says.
    Unchanged {
        /// Which prospect.
        id: ProspectId,
    },
    /// The same person as an earlier row of the file, merged into it.
    Merged {
        /// The earlier row's line.
        into_line: u64,
    },
}

impl Action {
    /// Its word in the dry-run.
    pub fn as_str(&self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update { .. } => "update",
            Action::Unchanged { .. } => "skip",
            Action::Merged { .. } => "merge",
        }
    }
}

/// A row and what it does.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The row, read (for an update: only what changes is in its patch).
    pub candidate: Candidate,
    /// What it does.
    pub action: Action,
    /// How it was recognised, for an update.
    pub matched: Option<Match>,
    /// Who it is (the row's name, whatever the update changes).
    pub name: String,
    /// True when the prospect will have no open next step afterwards while
    /// active: the user's first job.
    pub without_next_step: bool,
}

/// What an import will do, row by row.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Every good row, in file order.
    pub rows: Vec<Planned>,
}

impl Plan {
    /// How many rows create, update, and change nothing (merged rows and
    /// unchanged prospects).
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for row in &self.rows {
            match row.action {
                Action::Create => counts.0 += 1,
                Action::Update { .. } => counts.1 += 1,
                _ => counts.2 += 1,
            }
        }
        counts
    }

    /// How many prospects the import leaves active with no next step.
    pub fn without_next_step(&self) -> usize {
        self.rows.iter().filter(|r| r.without_next_step).count()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Uid([u8; 16]),
    Email(String),
    Phone(String),
}

fn keys(k: &Keys) -> impl Iterator<Item = Key> + '_ {
    k.uid
        .iter()
        .map(|u| Key::Uid(u.0))
        .chain(k.emails.iter().cloned().map(Key::Email))
        .chain(k.phones.iter().cloned().map(Key::Phone))
}

/// Plans every candidate against the book on `conn`.
pub fn plan(conn: &Connection, candidates: Vec<Candidate>) -> Result<Plan, StoreError> {
    let mut rows: Vec<Planned> = Vec::with_capacity(candidates.len());
    // Keys of the rows planned so far: a later row with one of them is the
    // same person.
    let mut seen: HashMap<Key, usize> = HashMap::new();
    for candidate in candidates {
        let earlier = keys(&candidate.keys).find_map(|k| seen.get(&k).copied());
        if let Some(earlier) = earlier {
            let into_line = rows[earlier].candidate.line;
            merge(&mut rows[earlier].candidate, &candidate);
            for k in keys(&candidate.keys) {
                seen.entry(k).or_insert(earlier);
            }
            rows.push(Planned {
                name: candidate.patch.name.clone().unwrap_or_default(),
                candidate,
                action: Action::Merged { into_line },
                matched: None,
                without_next_step: false,
            });
            continue;
        }
        let index = rows.len();
        for k in keys(&candidate.keys) {
            seen.entry(k).or_insert(index);
        }
        rows.push(match find(conn, &candidate.keys)? {
            Some((id, how)) => update(conn, candidate, id, how)?,
            None => Planned {
                name: candidate.patch.name.clone().unwrap_or_default(),
                without_next_step: candidate.next.is_none()
                    && candidate.status.is_none_or(|s| !s.is_finished()),
                candidate,
                action: Action::Create,
                matched: None,
            },
        });
    }
    // A merge may have brought a next step or a status to an earlier row.
    for row in &mut rows {
        if row.action == Action::Create {
            row.without_next_step = row.candidate.next.is_none()
                && row.candidate.status.is_none_or(|s| !s.is_finished());
        }
    }
    Ok(Plan { rows })
}

/// The prospect the row already is: by uid, then e-mail, then phone.
fn find(conn: &Connection, keys: &Keys) -> Result<Option<(ProspectId, Match)>, StoreError> {
    if let Some(uid) = &keys.uid
        && let Some(id) = store::prospect_by_uid(conn, uid)?
    {
        return Ok(Some((id, Match::Uid)));
    }
    for email in &keys.emails {
        if let Some(id) = store::prospect_by_email(conn, email)? {
            return Ok(Some((id, Match::Email)));
        }
    }
    for phone in &keys.phones {
        if let Some(id) = store::prospect_by_phone(conn, phone)? {
            return Ok(Some((id, Match::Phone)));
        }
    }
    Ok(None)
}

/// Fills the fields `into` lacks from `from`; notes are added to.
fn merge(into: &mut Candidate, from: &Candidate) {
    let (a, b) = (&mut into.patch, &from.patch);
    for (slot, value) in [
        (&mut a.company, &b.company),
        (&mut a.phone, &b.phone),
        (&mut a.email, &b.email),
        (&mut a.product, &b.product),
        (&mut a.objection, &b.objection),
        (&mut a.decision_process, &b.decision_process),
    ] {
        if slot.is_none() {
            slot.clone_from(value);
        }
    }
    a.value = a.value.or(b.value);
    a.probability = a.probability.or(b.probability);
    if let Some(more) = &b.notes {
        a.notes = Some(match a.notes.take() {
            Some(notes) if notes.contains(more.as_str()) => notes,
            Some(notes) => format!("{notes}\n{more}"),
            None => more.clone(),
        });
    }
    into.status = into.status.or(from.status);
    if into.lost_reason.is_none() {
        into.lost_reason.clone_from(&from.lost_reason);
    }
    if into.next.is_none() {
        into.next.clone_from(&from.next);
    }
    into.keys.emails.extend(from.keys.emails.iter().cloned());
    into.keys.phones.extend(from.keys.phones.iter().cloned());
}

/// What the row changes in the prospect it already is. Fields it gives
/// replace the book's; its notes are added to the book's unless already
/// there; a won or lost status finishes an active prospect (a finished
/// one is never reopened by an import); a next step is set only where
/// none is open.
fn update(
    conn: &Connection,
    mut candidate: Candidate,
    id: ProspectId,
    how: Match,
) -> Result<Planned, StoreError> {
    let before = store::require_prospect(conn, id)?;
    let name = candidate.patch.name.clone().unwrap_or_default();
    let given = std::mem::take(&mut candidate.patch);
    let mut patch = ProspectPatch::default();
    let mut changes = Vec::new();
    let mut text = |field: &'static str,
                    new: Option<String>,
                    old: &Option<String>,
                    slot: &mut Option<String>| {
        if let Some(new) = new
            && old.as_deref() != Some(new.as_str())
        {
            *slot = Some(new);
            changes.push(field);
        }
    };
    text(
        "name",
        given.name,
        &Some(before.name.clone()),
        &mut patch.name,
    );
    text(
        "company",
        given.company,
        &before.company,
        &mut patch.company,
    );
    text("phone", given.phone, &before.phone, &mut patch.phone);
    // An address matched whatever its case is the same address.
    let email = given.email.filter(|e| {
        !before
            .email
            .as_deref()
            .is_some_and(|b| b.eq_ignore_ascii_case(e))
    });
    text("email", email, &before.email, &mut patch.email);
    text(
        "product",
        given.product,
        &before.product,
        &mut patch.product,
    );
    text(
        "objection",
        given.objection,
        &before.objection,
        &mut patch.objection,
    );
    text(
        "decision_process",
        given.decision_process,
        &before.decision_process,
        &mut patch.decision_process,
    );
    let notes = given.notes.map(|more| match before.notes.as_deref() {
        Some(old) if old.contains(more.as_str()) => old.to_string(),
        Some(old) if !old.trim().is_empty() => format!("{old}\n{more}"),
        _ => more,
    });
    text("notes", notes, &before.notes, &mut patch.notes);
    if let Some(Some(value)) = given.value
        && before.value != Some(value)
    {
        patch.value = Some(Some(value));
        changes.push("value");
    }
    if let Some(Some(p)) = given.probability
        && before.probability != Some(p)
    {
        patch.probability = Some(Some(p));
        changes.push("probability");
    }
    let status = candidate
        .status
        .filter(|s| before.status == Status::Active && *s != before.status);
    if status.is_some() {
        changes.push("status");
    }
    let open = store::open_step(conn, id)?;
    let active_after = before.status == Status::Active && status.is_none();
    let next = candidate
        .next
        .take()
        .filter(|_| active_after && open.is_none());
    if next.is_some() {
        changes.push("next step");
    }
    let without_next_step = active_after && open.is_none() && next.is_none();
    candidate.patch = patch;
    candidate.status = status;
    candidate.next = next;
    let action = if changes.is_empty() {
        Action::Unchanged { id }
    } else {
        Action::Update { id, changes }
    };
    Ok(Planned {
        candidate,
        action,
        matched: Some(how),
        name,
        without_next_step,
    })
}

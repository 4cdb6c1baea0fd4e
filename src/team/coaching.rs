//! The manager's coaching notes on the team's server
//! (`followup.coaching_note`, server migration 003): pushed by the
//! manager's book, pulled by every member's (the server gives a consultant
//! only the notes addressed to them). A sync runs [`sync_coaching`] after
//! the changes; nothing here waits for anything else.

use super::TeamError;
use super::hub::Hub;
use crate::history::{Hlc, Uid};
use crate::store::{self, Book, CoachingNote};

/// Notes moved per batch.
const BATCH: i64 = 500;

/// What a coaching sync moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CoachingMoved {
    /// Notes written here that the server took.
    pub pushed: u64,
    /// Notes new to this book.
    pub pulled: u64,
}

/// The member a note is for: the owner, on the server, of a prospect the
/// consultant owns in this book; else a member whose role is spelt as the
/// name. `None`: nobody yet (the note waits for the next sync).
fn member_for(book: &Book, hub: &mut Hub, name: &str) -> Result<Option<String>, TeamError> {
    let prospect =
        store::a_prospect_of(book.conn(), name)?.map(|uid| uuid::Uuid::from_bytes(uid.0));
    hub.run(async |client| {
        if let Some(prospect) = prospect {
            let row = client
                .query_opt(
                    "SELECT owner::text FROM followup.prospect_owner WHERE prospect = $1",
                    &[&prospect],
                )
                .await?;
            if let Some(row) = row {
                return Ok(Some(row.get(0)));
            }
        }
        let row = client
            .query_opt(
                "SELECT role::text FROM followup.member WHERE lower(role::text) = lower($1)",
                &[&name],
            )
            .await?;
        Ok(row.map(|r| r.get(0)))
    })
}

/// Pushes the notes written here, then pulls the ones this member may read
/// since the last sync.
pub fn sync_coaching(book: &mut Book, hub: &mut Hub) -> Result<CoachingMoved, TeamError> {
    let mut moved = CoachingMoved::default();
    for note in store::coaching_to_push(book.conn())? {
        let Some(member) = member_for(book, hub, &note.consultant)? else {
            continue;
        };
        hub.run(async |client| {
            client
                .execute(
                    "INSERT INTO followup.coaching_note (uid, hlc, author, consultant, consultant_name, text) \
                     VALUES ($1, $2, $3, $4::text::name, $5, $6) ON CONFLICT (uid) DO NOTHING",
                    &[
                        &uuid::Uuid::from_bytes(note.uid.0),
                        &note.hlc.0,
                        &note.author,
                        &member,
                        &note.consultant,
                        &note.text,
                    ],
                )
                .await
                .map_err(refused)
        })?;
        book.write(|tx| store::mark_coaching_pushed(tx, &[note.id]))?;
        moved.pushed += 1;
    }
    loop {
        let after = store::coaching_cursor(book.conn())?;
        let rows = hub.run(async |client| {
            Ok(client
                .query(
                    "SELECT seq, uid, hlc, author, consultant_name, text FROM followup.coaching_note \
                     WHERE seq > $1 ORDER BY seq LIMIT $2",
                    &[&after, &BATCH],
                )
                .await?)
        })?;
        let Some(last) = rows.last().map(|r| r.get::<_, i64>(0)) else {
            break;
        };
        let notes: Vec<CoachingNote> = rows
            .iter()
            .map(|r| {
                let hlc = Hlc(r.get(2));
                CoachingNote {
                    id: 0,
                    uid: Uid(*r.get::<_, uuid::Uuid>(1).as_bytes()),
                    hlc,
                    at: hlc.time(),
                    author: r.get(3),
                    consultant: r.get(4),
                    text: r.get(5),
                }
            })
            .collect();
        moved.pulled += book.write(|tx| {
            let mut new = 0;
            for note in &notes {
                new += u64::from(store::take_coaching_note(tx, note)?);
            }
            store::set_coaching_cursor(tx, last)?;
            Ok::<_, TeamError>(new)
        })?;
    }
    Ok(moved)
}

/// A note the server's rules refused, said so.
fn refused(e: tokio_postgres::Error) -> TeamError {
    if e.code() == Some(&tokio_postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
        TeamError::Refused(format!(
            "the team server refused a coaching note: only the team's manager writes them ({})",
            super::error_text(&e)
        ))
    } else {
        TeamError::from(e)
    }
}

//! Pushing again the changes the server refused and a sync set aside
//! (`store::park`): once the cause is gone (the coordinator gave the
//! prospect back), they should reach the team after all.
//!
//! Every sync retries, by itself, the changes of the prospects the server
//! now says are this member's ([`Which::Owned`]: one small query, and
//! nothing at all when nothing is set aside); `followup sync
//! --retry-parked` retries them all ([`Which::All`]), whatever the server
//! says about ownership. A change the server takes is settled (its record
//! stays, see migration 021) in the same local transaction that merges its
//! prospect's whole history from the server: while the prospect was
//! another member's, this book could not read its changes, and the pull
//! cursor is past them. One still refused stays set aside with the
//! server's new words. Pushing a change twice is harmless: the server
//! keeps each change once.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use super::hub::Hub;
use super::{TeamError, server};
use crate::history::Uid;
use crate::store::{self, Book};

/// Which changes set aside a retry pushes again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Which {
    /// Those of the prospects the server says this member owns now.
    #[default]
    Owned,
    /// All of them (the server decides again).
    All,
}

/// What a retry did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Retried {
    /// Changes set aside that were pushed again.
    pub tried: u64,
    /// Of those, the ones the server took (no longer set aside).
    pub settled: u64,
}

/// Pushes again the changes set aside that `which` names, `batch` at a
/// time (one server and one local transaction each); `now` stamps the
/// settled ones and bounds the merge's clock (see `store::merge`).
pub fn retry_parked(
    book: &mut Book,
    hub: &mut Hub,
    now: DateTime<Utc>,
    which: Which,
    batch: usize,
) -> Result<Retried, TeamError> {
    let mut done = Retried::default();
    let mut after = 0;
    loop {
        let parked = store::parked_entries(book.conn(), after, batch.max(1))?;
        let Some(&(last, _)) = parked.last() else {
            break;
        };
        after = last;
        let prospects: BTreeSet<Uid> = parked.iter().map(|(_, e)| e.prospect).collect();
        let wanted = match which {
            Which::All => prospects,
            Which::Owned => owned_among(hub, &prospects)?,
        };
        let (seqs, entries): (Vec<i64>, Vec<_>) = parked
            .into_iter()
            .filter(|(_, e)| wanted.contains(&e.prospect))
            .unzip();
        if entries.is_empty() {
            continue;
        }
        let pushed = server::push(hub, &entries)?;
        let refused: BTreeMap<Uid, String> = pushed.refused.into_iter().collect();
        // The prospects given back: their changes made meanwhile by others.
        let mut histories = Vec::new();
        for uid in wanted.iter().filter(|u| !refused.contains_key(u)) {
            histories.extend(server::prospect_history(hub, *uid)?);
        }
        let stamp = now.timestamp();
        let settled = book.write(|tx| {
            let mut settled = 0;
            for (seq, entry) in seqs.iter().zip(&entries) {
                match refused.get(&entry.prospect) {
                    Some(reason) => store::park(tx, &[*seq], reason, stamp)?,
                    None => {
                        store::settle(tx, &[*seq], stamp)?;
                        settled += 1;
                    }
                }
            }
            store::merge(tx, &histories, now)?;
            Ok::<_, TeamError>(settled)
        })?;
        done.tried += entries.len() as u64;
        done.settled += settled;
    }
    Ok(done)
}

/// Of `prospects`, those the server says this member owns (a consultant
/// reads only their own ownership rows; the others read all, and this
/// keeps theirs).
fn owned_among(hub: &mut Hub, prospects: &BTreeSet<Uid>) -> Result<BTreeSet<Uid>, TeamError> {
    let asked: Vec<uuid::Uuid> = prospects
        .iter()
        .map(|u| uuid::Uuid::from_bytes(u.0))
        .collect();
    let rows = hub.run(async |c| {
        Ok(c.query(
            "SELECT prospect FROM followup.prospect_owner \
             WHERE owner = current_user AND prospect = ANY($1)",
            &[&asked],
        )
        .await?)
    })?;
    rows.iter()
        .map(|r| Ok(Uid(*r.try_get::<_, uuid::Uuid>(0)?.as_bytes())))
        .collect()
}

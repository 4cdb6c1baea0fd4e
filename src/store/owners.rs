//! Who owns a prospect in a team's book: the owner the team's server says
//! after a reassignment (`set_owner`), and sample books for a team (`demo
//! --consultants N`, the Team screen's bench): the prospects dealt out to
//! several consultants in turn, each the owner and the author of their
//! prospects' creation (as a synced team book has them).

use super::history::author_id;
use super::{StoreError, Tx};
use crate::history::{EntryKind, Op, Uid};

/// Files prospect `uid` under `owner` (an author's name, created if new),
/// as the team's server says after a coordinator reassigned it; a
/// prospect this book does not hold is left alone. Ownership is the
/// server's to keep (its row-level security reads it), so this is not a
/// change of the book's history: the pipeline totals follow through their
/// trigger.
pub fn set_owner(tx: &Tx<'_>, uid: Uid, owner: &str) -> Result<bool, StoreError> {
    let id = author_id(tx, Some(owner))?;
    let changed = tx
        .prepare_cached("UPDATE prospect SET owner = ?1 WHERE uid = ?2 AND owner <> ?1")?
        .execute(rusqlite::params![id, uid.0.to_vec()])?;
    Ok(changed > 0)
}

/// Gives prospect `id` to `names[id % names.len()]` (creating the author
/// rows), and makes that consultant the author of its creation.
pub fn spread_owners(tx: &Tx<'_>, names: &[String]) -> Result<(), StoreError> {
    if names.is_empty() {
        return Ok(());
    }
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        ids.push(author_id(tx, Some(name))?);
    }
    tx.execute_batch(
        "CREATE TEMP TABLE spread (slot INTEGER PRIMARY KEY, author INTEGER NOT NULL)",
    )?;
    for (slot, id) in ids.iter().enumerate() {
        tx.execute(
            "INSERT INTO temp.spread (slot, author) VALUES (?1, ?2)",
            rusqlite::params![slot as i64, id],
        )?;
    }
    let n = names.len() as i64;
    tx.execute(
        "UPDATE prospect SET owner = (SELECT author FROM temp.spread WHERE slot = prospect.id % ?1)",
        [n],
    )?;
    tx.execute(
        &format!(
            "UPDATE history SET author = (SELECT owner FROM prospect WHERE id = history.prospect) \
             WHERE kind = {} AND op = {}",
            EntryKind::Prospect.code(),
            Op::Create.code()
        ),
        [],
    )?;
    tx.execute_batch("DROP TABLE temp.spread")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Book, owners};

    #[test]
    fn prospects_are_dealt_out_in_turn() {
        let mut book = Book::open_in_memory().unwrap();
        let now = chrono::Local::now();
        let options = crate::demo::DemoOptions {
            prospects: 30,
            ..crate::demo::DemoOptions::small(now, crate::schedule::BusinessHours::default())
        };
        crate::demo::generate(&mut book, &options).unwrap();
        let names: Vec<String> = ["Ada", "Bo", "Cy"].map(String::from).to_vec();
        book.write(|tx| spread_owners(tx, &names)).unwrap();
        let all = owners(book.conn()).unwrap();
        let listed: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(listed, ["Ada", "Bo", "Cy"]);
        let creators: i64 = book
            .conn()
            .query_row(
                "SELECT count(DISTINCT author) FROM history WHERE kind = 0 AND op = 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(creators, 3);
        for id in 1..=30 {
            let id = crate::domain::ProspectId(id);
            assert_eq!(
                crate::store::history_disagreements(book.conn(), id).unwrap(),
                Vec::<String>::new()
            );
        }
    }
}

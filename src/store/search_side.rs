//! The search index of a load into a book with no prospects yet, built on
//! another core while the rows are written.
//!
//! Rebuilding the trigram index once the rows are in took a tenth of a
//! large sample book's time, on the one thread that writes the book, while
//! the second core was nearly idle. Instead, each loaded prospect's
//! searchable text goes to a thread that indexes it in a private database
//! with the book's own index definition; at the end the book's (empty)
//! index is made again and the finished index's tables are copied in: a
//! few tens of thousands of large blocks instead of tokenizing every name.
//!
//! Only for a book with no prospect before the load: the side index holds
//! the loaded rows alone. When it cannot be used (an older or newer index
//! definition than the one it knows, no thread to be had, or the side
//! thread failed), the index is rebuilt in place as before, silently: the
//! book's contents are the same either way, only slower to make.
//!
//! The private database is SQLite's temporary file (`SQLITE_TMPDIR`,
//! `TMPDIR` or `/var/tmp`), unlinked as it is made: at a million
//! prospects about 220 MB there, beside the process's own memory.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use rusqlite::{Connection, params, params_from_iter};

use super::StoreError;

/// The searchable columns of one loaded prospect.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Doc {
    id: i64,
    name: String,
    company: Option<String>,
    email: Option<String>,
    /// As written: its digits are taken on the side thread, off the
    /// writing one.
    phone: Option<String>,
}

/// Prospects sent to the side thread at a time, and batches in flight.
const BATCH: usize = 1_024;
const IN_FLIGHT: usize = 8;

/// The search index's shadow tables a side build fills, with their column
/// counts; `_config` is left as the new index writes it.
const SHADOW_TABLES: [(&str, usize); 3] = [
    ("prospect_search_data", 2),
    ("prospect_search_idx", 3),
    ("prospect_search_docsize", 2),
];

/// The book's phone without its punctuation, as migration 005's generated
/// `phone_digits` column computes it (a test holds the two together).
pub(super) fn phone_digits(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '(' | ')' | '.' | '+' | '/'))
        .collect()
}

/// A side build under way.
pub(super) struct SearchSide {
    /// `None` once the batches are all sent, or the thread stopped taking them.
    sender: Option<SyncSender<Vec<Doc>>>,
    batch: Vec<Doc>,
    worker: Option<JoinHandle<Result<Connection, StoreError>>>,
}

impl std::fmt::Debug for SearchSide {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchSide").finish_non_exhaustive()
    }
}

impl SearchSide {
    /// Starts a side build when the book has no prospect yet and its index
    /// is the one this build knows how to copy; `None` otherwise.
    pub(super) fn start(conn: &Connection) -> Result<Option<SearchSide>, StoreError> {
        let empty: bool =
            conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM prospect)", [], |r| {
                r.get(0)
            })?;
        let Some(definition) = index_definition(conn)? else {
            return Ok(None);
        };
        if !empty || !copyable(&definition) {
            return Ok(None);
        }
        let (sender, receiver) = sync_channel(IN_FLIGHT);
        // No thread to be had: the index is rebuilt in place instead.
        let Ok(worker) = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || build(&definition, &receiver))
        else {
            return Ok(None);
        };
        Ok(Some(SearchSide {
            sender: Some(sender),
            batch: Vec::with_capacity(BATCH),
            worker: Some(worker),
        }))
    }

    /// Indexes a prospect just written.
    pub(super) fn add(
        &mut self,
        id: i64,
        name: &str,
        company: Option<&str>,
        email: Option<&str>,
        phone: Option<&str>,
    ) {
        if self.sender.is_none() {
            return;
        }
        self.batch.push(Doc {
            id,
            name: name.to_owned(),
            company: company.map(str::to_owned),
            email: email.map(str::to_owned),
            phone: phone.map(str::to_owned),
        });
        if self.batch.len() >= BATCH {
            self.send();
        }
    }

    fn send(&mut self) {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        // A thread that stopped taking batches has failed: its error is
        // read at the end, and the index rebuilt in place.
        if let Some(sender) = &self.sender
            && sender.send(batch).is_err()
        {
            self.sender = None;
        }
    }

    /// Waits for the side index: its database, or why there is none.
    fn finish(mut self) -> Result<Connection, StoreError> {
        if !self.batch.is_empty() {
            self.send();
        }
        self.sender = None;
        match self.worker.take().map(JoinHandle::join) {
            Some(Ok(built)) => built,
            Some(Err(_)) => Err(StoreError::Sql("the search index thread panicked".into())),
            None => Err(StoreError::Sql("the search index thread is gone".into())),
        }
    }
}

impl Drop for SearchSide {
    /// A load that stops early stops the thread too.
    fn drop(&mut self) {
        self.sender = None;
        if let Some(worker) = self.worker.take() {
            // Its result (a partial index) is not wanted.
            let _ = worker.join();
        }
    }
}

/// The book's search index as its schema declares it.
fn index_definition(conn: &Connection) -> Result<Option<String>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'prospect_search'",
    )?;
    let mut rows = stmt.query([])?;
    Ok(match rows.next()? {
        Some(row) => Some(row.get(0)?),
        None => None,
    })
}

/// True for the index whose columns and shadow tables this build knows:
/// migration 005's, on the prospect table.
fn copyable(definition: &str) -> bool {
    let squeezed: String = definition.split_whitespace().collect::<Vec<_>>().join(" ");
    squeezed
        == "CREATE VIRTUAL TABLE prospect_search USING fts5( name, company, email, phone_digits, \
            content = 'prospect', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1' )"
}

/// The side thread: indexes every batch into a private database made with
/// the book's own index definition.
fn build(definition: &str, batches: &Receiver<Vec<Doc>>) -> Result<Connection, StoreError> {
    let side = Connection::open("")?;
    // The definition names its content table; the side index is written
    // directly and never reads it, but the table must exist.
    side.execute_batch(
        "CREATE TABLE prospect (id INTEGER PRIMARY KEY, name, company, email, phone_digits);",
    )?;
    side.execute_batch(definition)?;
    side.execute(
        "INSERT INTO prospect_search (prospect_search, rank) VALUES ('hashsize', ?1)",
        [super::bulk::SEARCH_BUILD_HASHSIZE],
    )?;
    side.execute_batch("BEGIN")?;
    {
        let mut insert = side.prepare(
            "INSERT INTO prospect_search (rowid, name, company, email, phone_digits) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for batch in batches {
            for doc in batch {
                insert.execute(params![
                    doc.id,
                    doc.name,
                    doc.company,
                    doc.email,
                    doc.phone.as_deref().map(phone_digits)
                ])?;
            }
        }
    }
    side.execute_batch("COMMIT")?;
    Ok(side)
}

/// Makes the book's search index complete at the end of a load: the side
/// index copied in when there is one, otherwise `rebuild` run in place.
pub(super) fn finish(
    conn: &Connection,
    side: Option<SearchSide>,
    rebuild: &str,
) -> Result<(), StoreError> {
    let built = side.map(SearchSide::finish);
    match (built, index_definition(conn)?) {
        (Some(Ok(built)), Some(definition)) => copy_in(conn, &built, &definition),
        _ => Ok(conn.execute_batch(rebuild)?),
    }
}

/// Replaces the book's index by the side one: the index is made again (so
/// no state of the old one outlives the copy on this connection), then
/// its shadow tables take the side index's rows.
fn copy_in(conn: &Connection, built: &Connection, definition: &str) -> Result<(), StoreError> {
    conn.execute_batch("DROP TABLE prospect_search")?;
    conn.execute_batch(definition)?;
    for (table, columns) in SHADOW_TABLES {
        conn.execute_batch(&format!("DELETE FROM {table}"))?;
        let marks = vec!["?"; columns].join(", ");
        let mut insert = conn.prepare(&format!("INSERT INTO {table} VALUES ({marks})"))?;
        let mut read = built.prepare(&format!("SELECT * FROM {table}"))?;
        let mut rows = read.query([])?;
        while let Some(row) = rows.next()? {
            let values = (0..columns)
                .map(|i| row.get::<_, rusqlite::types::Value>(i))
                .collect::<Result<Vec<_>, _>>()?;
            insert.execute(params_from_iter(values))?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "search_side_tests.rs"]
mod tests;

//! Writing a plan: every row in the caller's one transaction, through the
//! store's own writes, so the history records each created and updated
//! prospect exactly as `add` and `edit` would.

use chrono::{DateTime, Utc};

use super::plan::{Action, Plan};
use crate::domain::{NewProspect, ProspectId, StepResolution};
use crate::store::{self, StoreError, Tx};

/// What was written: the id of every row's prospect (`None` for a row
/// merged into an earlier one), in plan order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// One per planned row.
    pub ids: Vec<Option<ProspectId>>,
}

/// From how many new prospects the search index (and, when the import is
/// large beside the book, the other indexes) is filled once at the end
/// rather than row by row.
const SEARCH_AFTER: usize = 500;

/// Plans `candidates` against `book` and writes them, all in one
/// transaction (the command's whole write): returns the plan and what was
/// written. The connection is first set up for one large transaction.
pub fn import(
    book: &mut store::Book,
    candidates: Vec<super::Candidate>,
    now: DateTime<Utc>,
    progress: impl FnMut(),
) -> Result<(Plan, Applied), StoreError> {
    // Enough for the pages a 100,000-row import changes.
    store::allow_large_transaction(book, 64)?;
    book.write(|tx| {
        let plan = super::plan(tx, candidates)?;
        let applied = apply(tx, &plan, now, progress)?;
        Ok((plan, applied))
    })
}

/// Writes `plan` inside `tx`; `progress` is told after each row.
pub fn apply(
    tx: &Tx<'_>,
    plan: &Plan,
    now: DateTime<Utc>,
    progress: impl FnMut(),
) -> Result<Applied, StoreError> {
    let created = plan.counts().0;
    if created >= SEARCH_AFTER {
        // Rebuilding every index of a big book for a few rows would cost
        // more than it saves.
        let book = store::prospect_count(tx)?;
        let rebuild = created.saturating_mul(4) >= book;
        store::with_indexes_after(tx, rebuild, || rows(tx, plan, now, progress))
    } else {
        rows(tx, plan, now, progress)
    }
}

fn rows(
    tx: &Tx<'_>,
    plan: &Plan,
    now: DateTime<Utc>,
    mut progress: impl FnMut(),
) -> Result<Applied, StoreError> {
    let mut ids = Vec::with_capacity(plan.rows.len());
    for row in &plan.rows {
        let c = &row.candidate;
        let id = match &row.action {
            Action::Create => {
                let new = NewProspect::new(c.patch.clone())
                    .map_err(|e| StoreError::Sql(format!("line {}: {e}", c.line)))?;
                let id = store::insert_prospect(tx, &new, now)?;
                if let Some(uid) = &c.keys.uid {
                    store::adopt_uid(tx, id, uid)?;
                }
                Some(id)
            }
            Action::Update { id, .. } => {
                if !c.patch.is_empty() {
                    store::update_prospect(tx, *id, &c.patch, now)?;
                }
                Some(*id)
            }
            Action::Unchanged { id } => Some(*id),
            Action::Merged { .. } => None,
        };
        if let (Some(id), false) = (id, matches!(row.action, Action::Unchanged { .. })) {
            if let Some(status) = c.status.filter(|s| s.is_finished()) {
                store::set_status(tx, id, status, c.lost_reason.as_deref(), now)?;
            } else if let Some(step) = &c.next {
                if row.action != Action::Create {
                    store::close_open_step(tx, id, StepResolution::Replaced, now)?;
                }
                store::insert_step(tx, id, step, now)?;
            }
        }
        ids.push(id);
        progress();
    }
    Ok(Applied { ids })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ProspectPatch;
    use crate::import::{Candidate, Keys, plan};
    use crate::store::Book;

    fn candidate(i: usize) -> Candidate {
        Candidate {
            line: i as u64 + 2,
            patch: ProspectPatch {
                name: Some(format!("Person {i}")),
                email: Some(format!("p{i}@example.com")),
                ..Default::default()
            },
            status: None,
            lost_reason: None,
            next: None,
            keys: Keys {
                emails: vec![format!("p{i}@example.com")],
                ..Default::default()
            },
        }
    }

    #[test]
    fn a_large_import_leaves_search_indexes_and_history_whole() {
        let mut book = Book::open_in_memory().unwrap();
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let n = SEARCH_AFTER + 100;
        let applied = book
            .write(|tx| {
                let plan = plan(tx, (0..n).map(candidate).collect())?;
                apply(tx, &plan, now, || {})
            })
            .unwrap();
        assert_eq!(applied.ids.iter().flatten().count(), n);
        let conn = book.conn();
        assert_eq!(
            store::search_prospects(conn, "Person 123", 10)
                .unwrap()
                .len(),
            1
        );
        assert!(
            store::prospect_by_email(conn, "p599@example.com")
                .unwrap()
                .is_some()
        );
        let history: i64 = conn
            .query_row("SELECT count(*) FROM history WHERE op = 0", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(history, n as i64);
        // A second import of the same rows finds every one: nothing new.
        let plan = book
            .write(|tx| plan(tx, (0..n).map(candidate).collect()))
            .unwrap();
        assert_eq!(plan.counts(), (0, 0, n));
    }
}

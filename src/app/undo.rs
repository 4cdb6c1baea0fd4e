//! Undo: every write returns what it did, so it can be reversed exactly.

use super::AppError;
use crate::domain::{AttemptId, NextStepId, Prospect, ProspectId};
use crate::store::{self, Book, Tx};

/// What one operation wrote, enough to put the book back as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The prospect it touched.
    pub prospect: ProspectId,
    /// What was done, for "Undid: …" messages.
    pub summary: String,
    pub(super) kind: ChangeKind,
    /// The prospect as the operation left it: undo refuses if anything
    /// (another terminal, say) has changed it since.
    after: Option<Box<Fingerprint>>,
}

/// Everything of a prospect that a later write would change.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint {
    prospect: Prospect,
    newest_attempt: Option<AttemptId>,
    open_step: Option<NextStepId>,
}

impl Fingerprint {
    fn read(conn: &rusqlite::Connection, id: ProspectId) -> Result<Option<Fingerprint>, AppError> {
        let Some(mut prospect) = store::prospect(conn, id)? else {
            return Ok(None);
        };
        // Not a change of its own: undo moves it too (undo is a new change),
        // so undoing twice in a row must not see the first undo as "changed
        // since".
        prospect.updated_at = chrono::DateTime::default();
        Ok(Some(Fingerprint {
            prospect,
            newest_attempt: store::newest_attempt_id(conn, id)?,
            open_step: store::open_step(conn, id)?.map(|s| s.id),
        }))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ChangeKind {
    /// The prospect was added: undo removes it.
    Created,
    /// The prospect was changed.
    Modified {
        /// Every field as it was before.
        before: Box<Prospect>,
        /// An attempt the operation recorded.
        created_attempt: Option<AttemptId>,
        /// A next step the operation scheduled.
        created_step: Option<NextStepId>,
        /// A next step the operation closed.
        closed_step: Option<NextStepId>,
    },
}

impl Change {
    pub(super) fn created(prospect: ProspectId, summary: String) -> Change {
        Change {
            prospect,
            summary,
            kind: ChangeKind::Created,
            after: None,
        }
    }

    pub(super) fn modified(before: &Prospect, summary: String) -> Change {
        Change {
            prospect: before.id,
            summary,
            kind: ChangeKind::Modified {
                before: Box::new(before.clone()),
                created_attempt: None,
                created_step: None,
                closed_step: None,
            },
            after: None,
        }
    }

    /// Records the prospect as the operation leaves it; called last, inside
    /// the operation's transaction.
    pub(super) fn seal(mut self, tx: &Tx<'_>) -> Result<Change, AppError> {
        self.after = Fingerprint::read(tx, self.prospect)?.map(Box::new);
        Ok(self)
    }

    pub(super) fn with_attempt(mut self, id: AttemptId) -> Change {
        if let ChangeKind::Modified {
            created_attempt, ..
        } = &mut self.kind
        {
            *created_attempt = Some(id);
        }
        self
    }

    pub(super) fn with_steps(
        mut self,
        created: Option<NextStepId>,
        closed: Option<NextStepId>,
    ) -> Change {
        if let ChangeKind::Modified {
            created_step,
            closed_step,
            ..
        } = &mut self.kind
        {
            *created_step = created;
            *closed_step = closed;
        }
        self
    }
}

/// Reverses `change` in one transaction, made at `now`; returns its
/// summary.
///
/// Undo is a change of its own, not a rewind: it appends compensating
/// changes to the history (the fields set back, the attempt or step it
/// made removed by a tombstone, the step it closed reopened), so the
/// history tells both what was done and that it was undone, and nothing is
/// deleted.
pub fn undo(
    book: &mut Book,
    change: &Change,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, AppError> {
    book.write(|tx| {
        let current = Fingerprint::read(tx, change.prospect)?;
        if current.as_ref() != change.after.as_deref() {
            let name = current
                .map(|f| crate::domain::text::sanitize_line(&f.prospect.name).into_owned())
                .unwrap_or_else(|| "that prospect".into());
            return Err(AppError::Refused(format!(
                "{name} has changed since (in another terminal?), so nothing was undone"
            )));
        }
        match &change.kind {
            ChangeKind::Created => store::remove_prospect(tx, change.prospect, now)?,
            ChangeKind::Modified {
                before,
                created_attempt,
                created_step,
                closed_step,
            } => {
                // Make sure the prospect is still there (another terminal may
                // have removed it) before touching its rows.
                store::require_prospect(tx, change.prospect)?;
                if let Some(step) = created_step.map(|id| store::step(tx, id)).transpose()? {
                    step.into_iter()
                        .try_for_each(|s| store::remove_step(tx, &s, now))?;
                }
                if let Some(step) = closed_step.map(|id| store::step(tx, id)).transpose()? {
                    step.into_iter()
                        .try_for_each(|s| store::reopen_step(tx, &s, now))?;
                }
                if let Some(attempt) = created_attempt {
                    store::remove_attempt(tx, *attempt, now)?;
                }
                store::restore_prospect(tx, before, now)?;
            }
        }
        Ok::<_, AppError>(())
    })?;
    Ok(change.summary.clone())
}

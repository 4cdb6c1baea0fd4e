//! Undo: every write returns what it did, so it can be reversed exactly.

use super::AppError;
use crate::domain::{
    AttemptId, DebriefId, NextStep, NextStepId, Prospect, ProspectId, StepResolution,
};
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
    /// The prospect's add was undone: undoing that (redo) brings it back.
    Removed {
        /// Every field as it was before the removal.
        before: Box<Prospect>,
        /// The next step the removal closed and removed.
        open_step: Option<NextStepId>,
    },
    /// The prospect was changed. An undo is a change of this kind too, with
    /// the roles swapped, so undoing it (redo) does the original again.
    Modified {
        /// Every field as it was before.
        before: Box<Prospect>,
        /// An attempt the operation recorded: undo removes it.
        created_attempt: Option<AttemptId>,
        /// An attempt the operation removed: undo brings it back.
        removed_attempt: Option<AttemptId>,
        /// A next step the operation scheduled: undo removes it.
        created_step: Option<NextStepId>,
        /// An open next step the operation removed: undo brings it back.
        removed_step: Option<NextStepId>,
        /// A next step the operation closed: undo reopens it.
        closed_step: Option<NextStepId>,
        /// A next step the operation reopened, and how it had been closed:
        /// undo closes it so again.
        reopened_step: Option<(NextStepId, StepResolution)>,
        /// A debrief the operation recorded: undo removes it.
        created_debrief: Option<DebriefId>,
        /// A debrief the operation removed: undo brings it back.
        removed_debrief: Option<DebriefId>,
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
                removed_attempt: None,
                created_step: None,
                removed_step: None,
                closed_step: None,
                reopened_step: None,
                created_debrief: None,
                removed_debrief: None,
            },
            after: None,
        }
    }

    pub(super) fn with_debrief(mut self, id: DebriefId) -> Change {
        if let ChangeKind::Modified {
            created_debrief, ..
        } = &mut self.kind
        {
            *created_debrief = Some(id);
        }
        self
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

/// Reverses `change` in one transaction, made at `now`; returns the
/// change the reversal itself made, which reverses it in turn (so undoing
/// an undo is a redo).
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
) -> Result<Change, AppError> {
    book.write(|tx| {
        let current = Fingerprint::read(tx, change.prospect)?;
        // (A removed prospect reads as absent, and so does its fingerprint.)
        if current.as_ref() != change.after.as_deref() {
            let name = current
                .map(|f| crate::domain::text::sanitize_line(&f.prospect.name).into_owned())
                .unwrap_or_else(|| "that prospect".into());
            return Err(AppError::Refused(format!(
                "{name} has changed since (in another terminal?), so nothing was undone"
            )));
        }
        let inverse = match &change.kind {
            ChangeKind::Created => {
                let before = store::require_prospect(tx, change.prospect)?;
                let open = store::open_step(tx, change.prospect)?.map(|s| s.id);
                store::remove_prospect(tx, change.prospect, now)?;
                ChangeKind::Removed {
                    before: Box::new(before),
                    open_step: open,
                }
            }
            ChangeKind::Removed { before, open_step } => {
                store::unremove_prospect(tx, change.prospect, now)?;
                store::restore_prospect(tx, before, now)?;
                if let Some(step) = step(tx, *open_step)? {
                    store::restore_step(tx, &step, now)?;
                }
                ChangeKind::Created
            }
            ChangeKind::Modified {
                before,
                created_attempt,
                removed_attempt,
                created_step,
                removed_step,
                closed_step,
                reopened_step,
                created_debrief,
                removed_debrief,
            } => {
                // Make sure the prospect is still there (another terminal may
                // have removed it) before touching its rows.
                let current = store::require_prospect(tx, change.prospect)?;
                // Closing before opening: a prospect has one open step.
                if let Some(step) = step(tx, *created_step)? {
                    store::remove_step(tx, &step, now)?;
                }
                if let Some((id, how)) = reopened_step
                    && let Some(step) = step(tx, Some(*id))?
                {
                    store::close_step(tx, &step, *how, now)?;
                }
                let closed_how = match step(tx, *closed_step)? {
                    Some(step) => {
                        let how = step.resolution;
                        store::reopen_step(tx, &step, now)?;
                        how.map(|h| (step.id, h))
                    }
                    None => None,
                };
                if let Some(step) = step(tx, *removed_step)? {
                    store::restore_step(tx, &step, now)?;
                }
                if let Some(attempt) = created_attempt {
                    store::remove_attempt(tx, *attempt, now)?;
                }
                if let Some(attempt) = removed_attempt {
                    store::restore_attempt(tx, *attempt, now)?;
                }
                if let Some(debrief) = created_debrief {
                    store::set_debrief_removed(tx, *debrief, Some(now), now)?;
                }
                if let Some(debrief) = removed_debrief {
                    store::set_debrief_removed(tx, *debrief, None, now)?;
                }
                store::restore_prospect(tx, before, now)?;
                ChangeKind::Modified {
                    before: Box::new(current),
                    created_attempt: *removed_attempt,
                    removed_attempt: *created_attempt,
                    created_step: *removed_step,
                    removed_step: *created_step,
                    closed_step: reopened_step.map(|(id, _)| id),
                    reopened_step: closed_how,
                    created_debrief: *removed_debrief,
                    removed_debrief: *created_debrief,
                }
            }
        };
        Change {
            prospect: change.prospect,
            summary: change.summary.clone(),
            kind: inverse,
            after: None,
        }
        .seal(tx)
    })
}

/// The step `id` names, if any.
fn step(tx: &Tx<'_>, id: Option<NextStepId>) -> Result<Option<NextStep>, AppError> {
    Ok(match id {
        Some(id) => store::step(tx, id)?,
        None => None,
    })
}

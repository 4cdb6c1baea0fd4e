//! The next step: what happens next with a prospect, and when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::contact::word_enum;
use super::{Action, ProspectId};
use crate::schedule::Window;

/// The row id of a next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NextStepId(pub i64);

word_enum! {
    /// How a next step stopped being open: kept for the weekly flow report
    /// (late and abandoned follow-ups).
    StepResolution, "resolution" {
        /// An attempt was made.
        Done => "done",
        /// A new next step was agreed in its place.
        Replaced => "replaced",
        /// The prospect was won, lost or closed out.
        Cancelled => "cancelled",
    }
}

/// A scheduled next step as kept in the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    /// Row id.
    pub id: NextStepId,
    /// Whose step.
    pub prospect_id: ProspectId,
    /// What to do.
    pub action: Action,
    /// When it is due.
    pub window: Window,
    /// What to remember for it.
    pub note: Option<String>,
    /// When it was scheduled.
    pub created_at: DateTime<Utc>,
    /// When it stopped being open.
    pub done_at: Option<DateTime<Utc>>,
    /// Why it stopped being open.
    pub resolution: Option<StepResolution>,
}

/// A next step about to be scheduled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNextStep {
    /// What to do.
    pub action: Action,
    /// When it is due.
    pub window: Window,
    /// What to remember for it.
    pub note: Option<String>,
}

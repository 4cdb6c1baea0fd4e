//! A contact attempt: one call, voicemail, email or meeting.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Channel, Outcome, ProspectId};

/// The row id of an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AttemptId(pub i64);

/// A contact attempt as kept in the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Row id.
    pub id: AttemptId,
    /// Who was contacted.
    pub prospect_id: ProspectId,
    /// When.
    pub at: DateTime<Utc>,
    /// How.
    pub channel: Channel,
    /// How it went.
    pub outcome: Outcome,
    /// What was said or agreed.
    pub note: Option<String>,
    /// The voicemail-series step it performed (1-based), if any.
    pub series_step: Option<u32>,
}

/// An attempt about to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttempt {
    /// Who was contacted.
    pub prospect_id: ProspectId,
    /// When.
    pub at: DateTime<Utc>,
    /// How.
    pub channel: Channel,
    /// How it went.
    pub outcome: Outcome,
    /// What was said or agreed.
    pub note: Option<String>,
    /// The series step it performed, if any.
    pub series_step: Option<u32>,
}

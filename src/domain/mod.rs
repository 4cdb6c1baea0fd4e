//! Plain types and rules of the sales process. No I/O, no clock.

mod attempt;
mod contact;
mod debrief;
mod due;
mod error;
mod money;
mod next_step;
mod prospect;
mod queue;
pub mod text;
pub mod themes;

pub use attempt::{Attempt, AttemptId, NewAttempt};
pub use contact::{Action, Channel, Outcome};
pub use debrief::{Debrief, DebriefError, DebriefId, MAX_DEBRIEF_CHARS, NewDebrief};
pub use error::DomainError;
pub use money::Money;
pub use next_step::{NewNextStep, NextStep, NextStepId, StepResolution, parts_of, split_parts};
pub use prospect::{
    MAX_NAME_CHARS, NewProspect, Probability, Prospect, ProspectId, ProspectPatch, SeriesState,
    Status, looks_like_email,
};
pub use queue::{DEFAULT_GRACE_MINUTES, DayBounds, QueueItem, QueueKind, TodayQueue};

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
    /// When it is due: with alternatives, from the first one's start to the
    /// last one's end (what the queue queries range over).
    pub window: Window,
    /// The alternatives when more than one was agreed ("mon after 5 or tue
    /// morning"), in time order; empty when `window` is the only one. See
    /// [`NextStep::parts`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Window>,
    /// What to remember for it.
    pub note: Option<String>,
    /// When it was scheduled.
    pub created_at: DateTime<Utc>,
    /// When it stopped being open.
    pub done_at: Option<DateTime<Utc>>,
    /// Why it stopped being open.
    pub resolution: Option<StepResolution>,
    /// The after-sale plan item it is (a won customer's checklist), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_item: Option<String>,
}

/// A next step about to be scheduled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNextStep {
    /// What to do.
    pub action: Action,
    /// When it is due (with alternatives, spanning them all).
    pub window: Window,
    /// The alternatives when more than one was agreed; empty otherwise.
    pub alternatives: Vec<Window>,
    /// What to remember for it.
    pub note: Option<String>,
    /// The after-sale plan item it is, if any.
    pub plan_item: Option<String>,
}

impl NextStep {
    /// The windows the step may be done in: its alternatives, or its one
    /// window.
    pub fn parts(&self) -> &[Window] {
        parts_of(&self.window, &self.alternatives)
    }
}

impl NewNextStep {
    /// A step due in `parts` (alternatives, as parsed): `window` spans them
    /// and `alternatives` keeps them when there is more than one. `None` if
    /// `parts` is empty.
    pub fn in_windows(action: Action, parts: Vec<Window>, note: Option<String>) -> Option<Self> {
        let (window, alternatives) = split_parts(parts)?;
        Some(NewNextStep {
            action,
            window,
            alternatives,
            note,
            plan_item: None,
        })
    }

    /// A step due in one window.
    pub fn in_window(action: Action, window: Window, note: Option<String>) -> Self {
        NewNextStep {
            action,
            window,
            alternatives: Vec::new(),
            note,
            plan_item: None,
        }
    }

    /// The windows the step may be done in (see [`NextStep::parts`]).
    pub fn parts(&self) -> &[Window] {
        parts_of(&self.window, &self.alternatives)
    }
}

/// `alternatives`, or `window` alone when there are none.
pub fn parts_of<'a>(window: &'a Window, alternatives: &'a [Window]) -> &'a [Window] {
    if alternatives.is_empty() {
        std::slice::from_ref(window)
    } else {
        alternatives
    }
}

/// The window spanning `parts` and the alternatives to keep (none for a
/// single window). `None` if `parts` is empty.
pub fn split_parts(parts: Vec<Window>) -> Option<(Window, Vec<Window>)> {
    let parts = Window::merge(parts);
    let span = Window::new(parts.first()?.start, parts.last()?.end);
    if parts.len() > 1 {
        Some((span, parts))
    } else {
        Some((span, Vec::new()))
    }
}

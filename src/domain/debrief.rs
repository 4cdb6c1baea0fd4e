//! The debriefs recorded right after an appointment: one for the sales
//! coordinator (where the deal stands) and one for the manager (three
//! things done well, one to work on).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::text::check_text;
use super::{DomainError, MAX_NAME_CHARS, Money, Probability, ProspectId};

/// The row id of a debrief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DebriefId(pub i64);

/// Longest accepted text of the manager's debrief: a short sentence each.
pub const MAX_DEBRIEF_CHARS: usize = 500;

/// A debrief as kept in the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Debrief {
    /// Row id.
    pub id: DebriefId,
    /// Whose appointment.
    pub prospect_id: ProspectId,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// For the coordinator: the product they are likely to choose.
    pub product: Option<String>,
    /// For the coordinator: the value before taxes.
    pub value: Option<Money>,
    /// For the coordinator: the consultant's probability.
    pub probability: Option<Probability>,
    /// For the coordinator: the follow-up agreed, as it was said ("tue
    /// morning"); it set the next step.
    pub follow_up: Option<String>,
    /// For the manager: three things done well.
    pub well: [String; 3],
    /// For the manager: one thing to work on.
    pub work_on: String,
}

/// A debrief about to be recorded (validated by [`NewDebrief::new`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDebrief {
    /// For the coordinator: the product likely chosen.
    pub product: Option<String>,
    /// For the coordinator: the value before taxes.
    pub value: Option<Money>,
    /// For the coordinator: the probability.
    pub probability: Option<Probability>,
    /// For the coordinator: the follow-up, as said.
    pub follow_up: Option<String>,
    /// Three things done well.
    pub well: [String; 3],
    /// One thing to work on.
    pub work_on: String,
}

/// Why a debrief was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DebriefError {
    /// The manager's part needs all four texts.
    #[error(
        "a debrief needs three things done well and one to work on ({0} is empty); the manager reads all four"
    )]
    Missing(&'static str),
    /// A text broke the rules of text.
    #[error(transparent)]
    Text(#[from] DomainError),
}

impl NewDebrief {
    /// Checks and trims the texts: the four of the manager's part are
    /// required; the coordinator's product is optional.
    pub fn new(
        product: Option<String>,
        value: Option<Money>,
        probability: Option<Probability>,
        follow_up: Option<String>,
        well: [String; 3],
        work_on: String,
    ) -> Result<NewDebrief, DebriefError> {
        let names = [
            "the first thing done well",
            "the second thing done well",
            "the third thing done well",
        ];
        let mut trimmed: [String; 3] = Default::default();
        for (i, text) in well.iter().enumerate() {
            let t = text.trim();
            if t.is_empty() {
                return Err(DebriefError::Missing(names[i]));
            }
            check_text("debrief", t, MAX_DEBRIEF_CHARS)?;
            trimmed[i] = t.to_string();
        }
        let work_on = work_on.trim().to_string();
        if work_on.is_empty() {
            return Err(DebriefError::Missing("the thing to work on"));
        }
        check_text("debrief", &work_on, MAX_DEBRIEF_CHARS)?;
        let product = product
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty());
        if let Some(p) = &product {
            check_text("product", p, MAX_NAME_CHARS)?;
        }
        let follow_up = follow_up
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty());
        if let Some(f) = &follow_up {
            check_text("follow-up", f, MAX_NAME_CHARS)?;
        }
        Ok(NewDebrief {
            product,
            value,
            probability,
            follow_up,
            well: trimmed,
            work_on,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn well() -> [String; 3] {
        [
            "listened".into(),
            "measured twice".into(),
            "left a sample".into(),
        ]
    }

    #[test]
    fn all_four_of_the_managers_texts_are_required() {
        let ok = NewDebrief::new(None, None, None, None, well(), " ask for the order ".into());
        assert_eq!(ok.unwrap().work_on, "ask for the order");
        let mut w = well();
        w[1] = "  ".into();
        let err = NewDebrief::new(None, None, None, None, w, "x".into()).unwrap_err();
        assert!(err.to_string().contains("second thing done well"), "{err}");
        let err = NewDebrief::new(None, None, None, None, well(), "".into()).unwrap_err();
        assert!(err.to_string().contains("to work on"), "{err}");
    }
}

//! A prospect: someone who got a quote and has not decided yet.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::contact::word_enum;
use super::text::{check_free_text, check_text};
use super::{DomainError, Money};

/// The row id of a prospect in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProspectId(pub i64);

impl fmt::Display for ProspectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

word_enum! {
    /// Where a prospect is in the sales process.
    Status, "status" {
        /// Still deciding: needs a next step.
        Active => "active",
        /// Bought.
        Won => "won",
        /// Said no.
        Lost => "lost",
        /// The voicemail series ended without an answer.
        ClosedOut => "closed-out",
    }
}

impl Status {
    /// True once the prospect has left the pipeline.
    pub fn is_finished(self) -> bool {
        self != Status::Active
    }
}

/// The consultant's probability of closing, a whole percentage 0–100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Probability(u8);

impl Probability {
    /// A probability, if `percent` is within 0–100.
    pub fn new(percent: i64) -> Result<Self, DomainError> {
        u8::try_from(percent)
            .ok()
            .filter(|p| *p <= 100)
            .map(Probability)
            .ok_or_else(|| DomainError::BadProbability(percent.to_string()))
    }

    /// The percentage.
    pub fn percent(self) -> u8 {
        self.0
    }
}

impl FromStr for Probability {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.trim().trim_end_matches('%').trim();
        digits
            .parse::<i64>()
            .map_err(|_| DomainError::BadProbability(s.to_string()))
            .and_then(|p| {
                Probability::new(p).map_err(|_| DomainError::BadProbability(s.to_string()))
            })
    }
}

/// A prospect's place in its voicemail series.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SeriesState {
    /// The series it follows; `None` means the configured default.
    pub name: Option<String>,
    /// Steps performed in the current chase (0: not chasing; the next
    /// unanswered attempt performs step 1).
    pub performed: u32,
    /// True while the series is held (the prospect asked for time).
    pub paused: bool,
    /// When a held series resumes by itself; `None` while paused means until
    /// the user resumes it. Only meaningful while `paused`.
    #[serde(default)]
    pub paused_until: Option<DateTime<Utc>>,
}

impl SeriesState {
    /// True if the series is held at `now`: paused, and the pause (if it
    /// has an end) has not run out. An ended pause needs no write to end:
    /// every reader compares with its own `now`.
    pub fn is_paused(&self, now: DateTime<Utc>) -> bool {
        self.paused && self.paused_until.is_none_or(|until| until > now)
    }
}

/// A prospect as kept in the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prospect {
    /// Row id.
    pub id: ProspectId,
    /// Full name (required).
    pub name: String,
    /// Company, if a business.
    pub company: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// The product they are likely to choose.
    pub product: Option<String>,
    /// Quote value before taxes.
    pub value: Option<Money>,
    /// The consultant's probability of closing.
    pub probability: Option<Probability>,
    /// Why they hold back; the reason for the callback.
    pub objection: Option<String>,
    /// The decision process as one text (what was written before it had
    /// its four parts below): the decision notes.
    pub decision_process: Option<String>,
    /// What they liked (heard at the quote).
    #[serde(default)]
    pub liked: Option<String>,
    /// What they disliked.
    #[serde(default)]
    pub disliked: Option<String>,
    /// The decision process: who else decides.
    #[serde(default)]
    pub decision_who: Option<String>,
    /// The decision process: when they will see them.
    #[serde(default)]
    pub decision_when: Option<String>,
    /// The decision process: what information they need.
    #[serde(default)]
    pub decision_info: Option<String>,
    /// The decision process: how long they need to review it.
    #[serde(default)]
    pub decision_review: Option<String>,
    /// Free notes: goals, concerns, options discussed.
    pub notes: Option<String>,
    /// Where they are in the process.
    pub status: Status,
    /// Why they said no (lost only).
    pub lost_reason: Option<String>,
    /// The voicemail series position.
    pub series: SeriesState,
    /// When the last attempt was made, if any.
    pub last_contact_at: Option<DateTime<Utc>>,
    /// When the prospect was added.
    pub created_at: DateTime<Utc>,
    /// When any field last changed.
    pub updated_at: DateTime<Utc>,
    /// When the prospect was won, lost or closed out.
    pub closed_at: Option<DateTime<Utc>>,
    /// The delivery date asked at the (last) win, for the after-sale plan.
    #[serde(default)]
    pub delivery_at: Option<DateTime<Utc>>,
    /// How many times they bought (two or more: a repeat customer).
    #[serde(default)]
    pub purchases: u32,
    /// The newest appointment (meeting or quote given) no debrief has
    /// followed yet ("no debrief").
    #[serde(default)]
    pub debrief_due: Option<DateTime<Utc>>,
}

impl Prospect {
    /// Quote value weighted by probability (zero if either is unknown).
    pub fn weighted_value(&self) -> Money {
        match (self.value, self.probability) {
            (Some(v), Some(p)) => v.weighted(p.percent()),
            _ => Money::default(),
        }
    }

    /// What they are once they bought: "customer" after the first purchase
    /// (won), "repeat customer" after a second one, or back with a new quote
    /// after buying (the brief: until they buy again, a customer is a
    /// prospect that bought). `None` before any purchase.
    pub fn customer_word(&self) -> Option<&'static str> {
        match (self.purchases, self.status) {
            (0, _) => None,
            (1, Status::Won) => Some("customer"),
            (1, Status::Active) | (2.., _) => Some("repeat customer"),
            _ => Some("customer"),
        }
    }
}

/// The fields of a prospect that a salesperson types in; used both to add a
/// prospect and (all `Option`) to edit one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProspectPatch {
    /// New name.
    pub name: Option<String>,
    /// New company (an empty string clears it).
    pub company: Option<String>,
    /// New phone (an empty string clears it).
    pub phone: Option<String>,
    /// New email (an empty string clears it).
    pub email: Option<String>,
    /// New product (an empty string clears it).
    pub product: Option<String>,
    /// New value (`Some(None)` clears it).
    pub value: Option<Option<Money>>,
    /// New probability (`Some(None)` clears it).
    pub probability: Option<Option<Probability>>,
    /// New objection (an empty string clears it).
    pub objection: Option<String>,
    /// New decision notes (an empty string clears it).
    pub decision_process: Option<String>,
    /// What they liked (an empty string clears it).
    pub liked: Option<String>,
    /// What they disliked (an empty string clears it).
    pub disliked: Option<String>,
    /// Who else decides (an empty string clears it).
    pub decision_who: Option<String>,
    /// When they see them (an empty string clears it).
    pub decision_when: Option<String>,
    /// What information they need (an empty string clears it).
    pub decision_info: Option<String>,
    /// How long they need to review it (an empty string clears it).
    pub decision_review: Option<String>,
    /// New notes (an empty string clears them).
    pub notes: Option<String>,
    /// Series to follow (an empty string returns to the default).
    pub series: Option<String>,
}

/// Longest accepted name (and other one-line field); longer is surely a
/// paste gone wrong.
pub const MAX_NAME_CHARS: usize = 200;

impl ProspectPatch {
    /// True when the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == ProspectPatch::default()
    }

    /// Checks every given field against the rules; trims the name.
    pub fn validate(mut self) -> Result<Self, DomainError> {
        if let Some(name) = &self.name {
            let trimmed = name.trim();
            if trimmed.is_empty() {
                return Err(DomainError::EmptyName);
            }
            check_text("name", trimmed, MAX_NAME_CHARS)?;
            self.name = Some(trimmed.to_string());
        }
        for (field, value) in [
            ("company", &self.company),
            ("phone", &self.phone),
            ("email", &self.email),
            ("product", &self.product),
            ("series", &self.series),
        ] {
            if let Some(v) = value {
                check_text(field, v, MAX_NAME_CHARS)?;
            }
        }
        if let Some(email) = self.email.as_deref().map(str::trim)
            && !email.is_empty()
            && !looks_like_email(email)
        {
            return Err(DomainError::BadEmail(email.to_string()));
        }
        for (field, value) in [
            ("objection", &self.objection),
            ("decision process", &self.decision_process),
            ("notes", &self.notes),
            ("liked", &self.liked),
            ("disliked", &self.disliked),
            ("who else decides", &self.decision_who),
            ("when they see them", &self.decision_when),
            ("information they need", &self.decision_info),
            ("time to review", &self.decision_review),
        ] {
            if let Some(v) = value {
                check_free_text(field, v)?;
            }
        }
        Ok(self)
    }
}

/// True for text with the shape of one e-mail address: `local@domain.tld`,
/// no spaces, one `@`. (Whether it reaches anyone only sending tells.)
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@')
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
}

/// A new prospect: a validated patch that carries a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProspect {
    fields: ProspectPatch,
}

impl NewProspect {
    /// Validates the fields of a new prospect; the name is required.
    pub fn new(fields: ProspectPatch) -> Result<Self, DomainError> {
        if fields.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(DomainError::EmptyName);
        }
        Ok(NewProspect {
            fields: fields.validate()?,
        })
    }

    /// The validated fields.
    pub fn fields(&self) -> &ProspectPatch {
        &self.fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_prospect_needs_a_name() {
        assert_eq!(
            NewProspect::new(ProspectPatch::default()),
            Err(DomainError::EmptyName)
        );
        let blank = ProspectPatch {
            name: Some("   ".into()),
            ..Default::default()
        };
        assert_eq!(NewProspect::new(blank), Err(DomainError::EmptyName));
        let ok = ProspectPatch {
            name: Some("  Ada Lovelace ".into()),
            ..Default::default()
        };
        assert_eq!(
            NewProspect::new(ok).map(|p| p.fields().name.clone()),
            Ok(Some("Ada Lovelace".into()))
        );
    }

    #[test]
    fn refuses_nul_and_absurd_lengths() {
        let nul = ProspectPatch {
            notes: Some("a\0b".into()),
            ..Default::default()
        };
        assert_eq!(nul.validate(), Err(DomainError::NulInText("notes")));
        let long = ProspectPatch {
            name: Some("x".repeat(201)),
            ..Default::default()
        };
        assert!(matches!(
            long.validate(),
            Err(DomainError::TooLong { field: "name", .. })
        ));
    }

    #[test]
    fn email_addresses_are_checked_for_shape() {
        for good in ["ada@engines.example", "a.b+tag@mail.co.uk", "  x@y.z  "] {
            let patch = ProspectPatch {
                email: Some(good.into()),
                ..Default::default()
            };
            assert!(patch.validate().is_ok(), "{good}");
        }
        for bad in [
            "ada",
            "ada@",
            "@engines.example",
            "ada@engines",
            "a b@c.d",
            "a@b@c.d",
            "a@b..c",
            "a@.b",
        ] {
            let patch = ProspectPatch {
                email: Some(bad.into()),
                ..Default::default()
            };
            assert_eq!(
                patch.validate(),
                Err(DomainError::BadEmail(bad.into())),
                "{bad}"
            );
        }
        let cleared = ProspectPatch {
            email: Some(String::new()),
            ..Default::default()
        };
        assert!(
            cleared.validate().is_ok(),
            "an empty value clears the address"
        );
    }

    #[test]
    fn probability_is_a_percentage() {
        assert_eq!(
            "35".parse::<Probability>().map(Probability::percent),
            Ok(35)
        );
        assert_eq!(
            "80%".parse::<Probability>().map(Probability::percent),
            Ok(80)
        );
        for bad in ["101", "-1", "abc", "", "3.5"] {
            assert!(bad.parse::<Probability>().is_err(), "{bad}");
        }
    }

    #[test]
    fn status_words_round_trip() {
        for s in Status::ALL {
            assert_eq!(s.as_str().parse::<Status>(), Ok(*s));
        }
        assert_eq!("closed_out".parse::<Status>(), Ok(Status::ClosedOut));
        assert!("maybe".parse::<Status>().is_err());
    }
}

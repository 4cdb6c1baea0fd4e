//! The voicemail series as data: named steps, each with a script and the rule
//! that schedules the following attempt.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use thiserror::Error;

use super::template::Template;
use crate::schedule::{BusinessHours, schedule_in_business_hours};

/// What the consultant does at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// Call; the script is a conversation (You / Me / Next step). No message is left.
    Call,
    /// Call; leave the scripted message if nobody picks up.
    Voicemail,
    /// Send an email; the script is a subject line and a body.
    Email,
    /// The last ("breakup") voicemail; the prospect is closed out after it.
    Final,
}

impl StepKind {
    /// Every kind, in the order they are documented.
    pub const ALL: &'static [StepKind] = &[
        StepKind::Call,
        StepKind::Voicemail,
        StepKind::Email,
        StepKind::Final,
    ];

    /// The word used in series files.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Call => "call",
            StepKind::Voicemail => "voicemail",
            StepKind::Email => "email",
            StepKind::Final => "final",
        }
    }

    /// True for steps performed by phone (call, voicemail, final).
    pub fn is_call(self) -> bool {
        !matches!(self, StepKind::Email)
    }

    /// True for steps that leave a voicemail (voicemail and final).
    pub fn is_voicemail(self) -> bool {
        matches!(self, StepKind::Voicemail | StepKind::Final)
    }
}

impl fmt::Display for StepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What is done at this step.
    pub kind: StepKind,
    /// Short name shown in the cockpit ("VM 1 · agreed time").
    pub label: String,
    /// What to say or write.
    pub script: Template,
    /// Window-language rule for the following attempt if this one goes
    /// unanswered; `None` only for the `final` step.
    pub next: Option<String>,
}

/// A named series of follow-up steps, worked in order until the prospect
/// answers or the final step closes them out.
///
/// A series from [`Series::from_toml`] or the library is validated: at least
/// two steps, non-empty labels, a parsable `next` rule on every step but the
/// last, and exactly one `final` step, last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// Unique name ("default").
    pub name: String,
    /// One line saying what the series is for.
    pub description: String,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// Why a series is invalid. `offset` is a byte offset into the TOML text when
/// the problem was found while reading a file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct SeriesError {
    /// What is wrong, in words.
    pub message: String,
    /// Where in the source text, if known.
    pub offset: Option<usize>,
}

impl SeriesError {
    /// The 1-based line of the problem in `text` (line 1 when unknown).
    pub fn line_in(&self, text: &str) -> usize {
        self.offset.map_or(1, |o| super::file::line_of(text, o))
    }
}

/// Which part of a step a problem is about.
#[derive(Clone, Copy)]
pub(super) enum Field {
    Header,
    Label,
    Next,
}

/// Where a structural problem is.
#[derive(Clone, Copy)]
pub(super) enum At {
    /// The series as a whole.
    Series,
    /// The series name.
    Name,
    /// A field of a step (0-based).
    Step(usize, Field),
}

/// A structural problem and where it is.
pub(super) struct Problem {
    pub(super) at: At,
    pub(super) message: String,
}

/// A fixed Monday morning used to check that rules parse.
fn check_time() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(2026, 1, 5)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .map_or(DateTime::UNIX_EPOCH, |n| n.and_utc())
}

/// Checks everything but templates, on a view of the steps.
pub(super) fn check(name: &str, steps: &[(StepKind, &str, Option<&str>)]) -> Result<(), Problem> {
    if name.trim().is_empty() {
        return Err(Problem {
            at: At::Name,
            message: "the series name is empty".into(),
        });
    }
    if steps.len() < 2 {
        return Err(Problem {
            at: At::Series,
            message: format!(
                "a series needs at least 2 steps, this one has {}",
                steps.len()
            ),
        });
    }
    let last = steps.len() - 1;
    let now = check_time();
    let hours = BusinessHours::default();
    for (i, &(kind, label, next)) in steps.iter().enumerate() {
        let n = i + 1;
        let at = |field| At::Step(i, field);
        if label.trim().is_empty() {
            return Err(Problem {
                at: at(Field::Label),
                message: format!("step {n}: the label is empty"),
            });
        }
        let problem = |field, what: String| Problem {
            at: at(field),
            message: format!("step {n} ({}): {what}", label.trim()),
        };
        match (kind, next) {
            (StepKind::Final, _) if i != last => {
                return Err(problem(
                    Field::Header,
                    "a final step must be the last step".into(),
                ));
            }
            (StepKind::Final, Some(_)) => {
                return Err(problem(
                    Field::Next,
                    "a final step takes no `next` rule (the prospect is closed out)".into(),
                ));
            }
            (StepKind::Final, None) => {}
            (_, _) if i == last => {
                return Err(problem(
                    Field::Header,
                    format!("the last step must be `final`, not `{kind}`"),
                ));
            }
            (_, None) => {
                return Err(problem(
                    Field::Header,
                    "missing `next` rule (when to try again if unanswered)".into(),
                ));
            }
            (_, Some(rule)) => {
                if let Err(e) = schedule_in_business_hours(rule, &now, &hours) {
                    return Err(problem(
                        Field::Next,
                        format!("`next` rule \"{rule}\" does not parse: {e}"),
                    ));
                }
            }
        }
    }
    Ok(())
}

impl Series {
    /// Checks the rules a series must follow (see [`Series`]).
    pub fn validate(&self) -> Result<(), SeriesError> {
        let view: Vec<_> = self
            .steps
            .iter()
            .map(|s| (s.kind, s.label.as_str(), s.next.as_deref()))
            .collect();
        check(&self.name, &view).map_err(|p| SeriesError {
            message: p.message,
            offset: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(kind: StepKind, label: &str, next: Option<&str>) -> Step {
        Step {
            kind,
            label: label.into(),
            script: Template::empty(),
            next: next.map(Into::into),
        }
    }

    #[test]
    fn validate_checks_built_series() {
        let mut s = Series {
            name: "s".into(),
            description: String::new(),
            steps: vec![
                step(StepKind::Voicemail, "VM", Some("in 2 business days")),
                step(StepKind::Final, "Last", None),
            ],
        };
        assert_eq!(s.validate(), Ok(()));
        s.steps.swap(0, 1);
        let err = s.validate().unwrap_err();
        assert!(err.message.contains("step 1 (Last)"), "{err}");
        assert_eq!(err.offset, None);
        s.steps.truncate(1);
        assert!(s.validate().unwrap_err().message.contains("at least 2"));
    }

    #[test]
    fn kinds_classify() {
        let calls: Vec<_> = StepKind::ALL.iter().filter(|k| k.is_call()).collect();
        assert_eq!(calls.len(), 3);
        assert!(StepKind::Final.is_voicemail() && !StepKind::Call.is_voicemail());
        assert_eq!(StepKind::Email.to_string(), "email");
    }
}

//! Optimistic concurrency: a write that starts from what the user saw (a
//! form opened a minute ago, while another terminal kept working) refuses
//! when what it would overwrite has changed since, instead of silently
//! reverting the other change.
//!
//! The rule is per field: an edit of the phone number is not blocked by a
//! voicemail logged elsewhere, only by a change to the phone number itself.

use super::AppError;
use crate::domain::{NextStepId, Prospect, ProspectPatch, text};

/// The open next step as the user saw it when they began a write that
/// replaces it (`SeenStep(None)`: they saw none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeenStep(pub Option<NextStepId>);

/// The fields `patch` sets whose value in `current` is no longer what the
/// user saw in `seen`, by their names in the form.
pub(super) fn stale_fields(
    patch: &ProspectPatch,
    seen: &Prospect,
    current: &Prospect,
) -> Vec<&'static str> {
    let mut stale = Vec::new();
    let mut check = |sets: bool, label: &'static str, same: bool| {
        if sets && !same {
            stale.push(label);
        }
    };
    check(patch.name.is_some(), "name", seen.name == current.name);
    check(
        patch.company.is_some(),
        "company",
        seen.company == current.company,
    );
    check(patch.phone.is_some(), "phone", seen.phone == current.phone);
    check(patch.email.is_some(), "email", seen.email == current.email);
    check(
        patch.product.is_some(),
        "product",
        seen.product == current.product,
    );
    check(patch.value.is_some(), "value", seen.value == current.value);
    check(
        patch.probability.is_some(),
        "probability",
        seen.probability == current.probability,
    );
    check(
        patch.objection.is_some(),
        "objection",
        seen.objection == current.objection,
    );
    check(
        patch.decision_process.is_some(),
        "decision process",
        seen.decision_process == current.decision_process,
    );
    check(patch.notes.is_some(), "notes", seen.notes == current.notes);
    check(patch.liked.is_some(), "liked", seen.liked == current.liked);
    check(
        patch.disliked.is_some(),
        "disliked",
        seen.disliked == current.disliked,
    );
    check(
        patch.decision_who.is_some(),
        "who else decides",
        seen.decision_who == current.decision_who,
    );
    check(
        patch.decision_when.is_some(),
        "when they see them",
        seen.decision_when == current.decision_when,
    );
    check(
        patch.decision_info.is_some(),
        "information they need",
        seen.decision_info == current.decision_info,
    );
    check(
        patch.decision_review.is_some(),
        "time to review",
        seen.decision_review == current.decision_review,
    );
    check(
        patch.series.is_some(),
        "series",
        seen.series.name == current.series.name,
    );
    stale
}

/// Refuses an edit when a field it sets was changed since the user saw it.
pub(super) fn check_fields(
    patch: &ProspectPatch,
    seen: Option<&Prospect>,
    current: &Prospect,
) -> Result<(), AppError> {
    let Some(seen) = seen else {
        return Ok(());
    };
    let stale = stale_fields(patch, seen, current);
    if stale.is_empty() {
        return Ok(());
    }
    Err(AppError::Refused(format!(
        "{} of {} changed since you opened the form; reopen it",
        capitalize(&join_words(&stale)),
        text::sanitize_line(&current.name)
    )))
}

/// Refuses a write that replaces the open next step when that step is not
/// the one the user saw.
pub(super) fn check_step(
    seen: Option<SeenStep>,
    current: Option<NextStepId>,
    prospect: &Prospect,
) -> Result<(), AppError> {
    match seen {
        Some(SeenStep(seen)) if seen != current => Err(AppError::Refused(format!(
            "The next step of {} changed since you opened the form; reopen it",
            text::sanitize_line(&prospect.name)
        ))),
        _ => Ok(()),
    }
}

/// "a", "a and b", "a, b and c".
fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Money, Probability, ProspectId, SeriesState, Status};
    use chrono::DateTime;

    fn prospect() -> Prospect {
        Prospect {
            id: ProspectId(7),
            name: "Ada Lovelace".into(),
            company: None,
            phone: Some("555-0101".into()),
            email: None,
            product: None,
            value: Some(Money::from_cents(1_000_000)),
            probability: Probability::new(40).ok(),
            objection: None,
            decision_process: None,
            notes: None,
            status: Status::Active,
            lost_reason: None,
            series: SeriesState::default(),
            last_contact_at: None,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
            closed_at: None,
            liked: None,
            disliked: None,
            decision_who: None,
            decision_when: None,
            decision_info: None,
            decision_review: None,
            delivery_at: None,
            purchases: 0,
            debrief_due: None,
        }
    }

    #[test]
    fn only_fields_the_edit_sets_can_be_stale() {
        let seen = prospect();
        let mut current = prospect();
        current.probability = Probability::new(95).ok();
        current.value = Some(Money::from_cents(5_000_000));
        let phone_only = ProspectPatch {
            phone: Some("555-0199".into()),
            ..Default::default()
        };
        assert!(check_fields(&phone_only, Some(&seen), &current).is_ok());
        let both = ProspectPatch {
            value: Some(None),
            probability: Some(None),
            phone: Some("x".into()),
            ..Default::default()
        };
        let err = check_fields(&both, Some(&seen), &current).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Value and probability of Ada Lovelace changed since you opened the form; reopen it"
        );
        assert!(check_fields(&both, None, &current).is_ok(), "no guard");
    }

    #[test]
    fn a_replaced_step_must_be_the_one_seen() {
        let p = prospect();
        assert!(check_step(Some(SeenStep(Some(NextStepId(3)))), Some(NextStepId(3)), &p).is_ok());
        assert!(check_step(Some(SeenStep(None)), Some(NextStepId(3)), &p).is_err());
        assert!(check_step(Some(SeenStep(Some(NextStepId(3)))), None, &p).is_err());
        assert!(check_step(None, Some(NextStepId(9)), &p).is_ok());
    }
}

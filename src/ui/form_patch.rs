//! What a form's fields change in a prospect: only the fields typed over,
//! compared with the prospect as the form showed it, so a save never writes
//! back values another terminal changed meanwhile.

use super::form::{FieldKey, Form};
use crate::app::EditRequest;
use crate::domain::{Money, Probability, Prospect, ProspectPatch};

impl Form {
    /// The deal fields a reached or met form changed, checked against the
    /// prospect as the form showed it; `None` when nothing changed.
    pub(super) fn deal_update(&self) -> Result<Option<EditRequest>, String> {
        let Some(original) = self.original.as_deref() else {
            return Ok(None);
        };
        let patch = self.changes_from(original)?;
        Ok((!patch.is_empty()).then(|| EditRequest {
            patch,
            append_note: None,
            seen: Some(Box::new(original.clone())),
        }))
    }

    /// The value and probability typed, parsed (`None`: left empty).
    pub(super) fn typed_amounts(&self) -> Result<(Option<Money>, Option<Probability>), String> {
        let value = match self.value(FieldKey::Value).trim() {
            "" => None,
            v => Some(v.parse::<Money>().map_err(|e| e.to_string())?),
        };
        let probability = match self.value(FieldKey::Probability).trim() {
            "" => None,
            v => Some(v.parse::<Probability>().map_err(|e| e.to_string())?),
        };
        Ok((value, probability))
    }

    /// The prospect fields this form shows whose text no longer says what
    /// `original` has (an emptied field clears the value; amounts compare
    /// as amounts, "12500" = "12,500"). Fields the form lacks are kept.
    fn changes_from(&self, original: &Prospect) -> Result<ProspectPatch, String> {
        let (value, probability) = self.typed_amounts()?;
        let shown = |key| self.fields.iter().any(|f| f.key == key);
        let changed = |key: FieldKey, was: Option<&str>| {
            let now = self.value(key);
            let now = now.trim();
            // A long text opened made safe (see `lines`): compared so, a
            // field left alone is not a change.
            let was = was.unwrap_or_default();
            let was = if key.is_long() {
                super::lines::clean_text(was)
            } else {
                was.to_string()
            };
            (shown(key) && now != was.trim()).then(|| now.to_string())
        };
        Ok(ProspectPatch {
            name: changed(FieldKey::Name, Some(&original.name)),
            company: changed(FieldKey::Company, original.company.as_deref()),
            phone: changed(FieldKey::Phone, original.phone.as_deref()),
            email: changed(FieldKey::Email, original.email.as_deref()),
            product: changed(FieldKey::Product, original.product.as_deref()),
            value: (shown(FieldKey::Value) && value != original.value).then_some(value),
            probability: (shown(FieldKey::Probability) && probability != original.probability)
                .then_some(probability),
            objection: changed(FieldKey::Objection, original.objection.as_deref()),
            decision_process: changed(FieldKey::Decision, original.decision_process.as_deref()),
            notes: None,
            series: None,
            liked: changed(FieldKey::Liked, original.liked.as_deref()),
            disliked: changed(FieldKey::Disliked, original.disliked.as_deref()),
            decision_who: changed(FieldKey::DecisionWho, original.decision_who.as_deref()),
            decision_when: changed(FieldKey::DecisionWhen, original.decision_when.as_deref()),
            decision_info: changed(FieldKey::DecisionInfo, original.decision_info.as_deref()),
            decision_review: changed(
                FieldKey::DecisionReview,
                original.decision_review.as_deref(),
            ),
        })
    }

    /// The prospect fields of an add or edit form. An edit sends only the
    /// fields typed over (an emptied field clears the value), so a save never
    /// writes back values another terminal has changed meanwhile.
    pub(super) fn patch(&self, adding: bool) -> Result<ProspectPatch, String> {
        let name = self.value(FieldKey::Name);
        let name = name.trim();
        if name.is_empty() {
            return Err("a prospect needs a name".into());
        }
        if let Some(original) = self.original.as_deref().filter(|_| !adding) {
            return self.changes_from(original);
        }
        let (value, probability) = self.typed_amounts()?;
        let given = |key| Some(self.value(key).trim().to_string()).filter(|v| !v.is_empty());
        Ok(ProspectPatch {
            name: Some(name.to_string()),
            company: given(FieldKey::Company),
            phone: given(FieldKey::Phone),
            email: given(FieldKey::Email),
            product: given(FieldKey::Product),
            value: value.map(Some),
            probability: probability.map(Some),
            objection: given(FieldKey::Objection),
            decision_process: given(FieldKey::Decision),
            notes: given(FieldKey::Note),
            series: None,
            liked: given(FieldKey::Liked),
            disliked: given(FieldKey::Disliked),
            decision_who: given(FieldKey::DecisionWho),
            decision_when: given(FieldKey::DecisionWhen),
            decision_info: given(FieldKey::DecisionInfo),
            decision_review: given(FieldKey::DecisionReview),
        })
    }
}

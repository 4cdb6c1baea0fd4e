//! The text fields of forms and prompts, and the fields of a prospect.

use tui_input::Input;

use crate::domain::Prospect;

/// What the "when" fields suggest typing.
pub(super) const WHEN_HINT: &str =
    "e.g. tomorrow, tue morning, thu 3pm, mon after 5, in 2 days, next week";

/// Which value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
    /// Prospect name.
    Name,
    /// Company.
    Company,
    /// Phone.
    Phone,
    /// Email.
    Email,
    /// Product.
    Product,
    /// Quote value.
    Value,
    /// Probability.
    Probability,
    /// Objection.
    Objection,
    /// Decision process.
    Decision,
    /// A note.
    Note,
    /// When the next step is.
    When,
    /// What the next step is.
    Action,
    /// Why they said no.
    Reason,
}

/// One labelled text field.
#[derive(Debug, Clone)]
pub struct Field {
    /// What it holds.
    pub key: FieldKey,
    /// Its label.
    pub label: &'static str,
    /// The text being edited.
    pub input: Input,
    /// The text it was opened with: the form has unsaved typing when a
    /// field no longer holds it.
    pub initial: String,
    /// Shown under the form while the field has focus.
    pub hint: String,
}

impl Field {
    pub(super) fn new(
        key: FieldKey,
        label: &'static str,
        hint: impl Into<String>,
        value: Option<&str>,
    ) -> Self {
        Field {
            key,
            label,
            input: Input::new(value.unwrap_or_default().to_string()),
            initial: value.unwrap_or_default().to_string(),
            hint: hint.into(),
        }
    }
}

/// The "what the next step is" field of the step forms, calling by default.
pub(super) fn action_field() -> Field {
    Field::new(
        FieldKey::Action,
        "Action",
        "call, email, visit, meeting or text",
        Some("call"),
    )
}

/// The fields of the add (with notes and next step) and edit forms.
pub(super) fn prospect_fields(p: Option<&Prospect>, adding: bool) -> Vec<Field> {
    let get = |f: fn(&Prospect) -> Option<String>| p.and_then(f);
    let mut fields = vec![
        Field::new(
            FieldKey::Name,
            "Name",
            "required",
            p.map(|p| p.name.as_str()),
        ),
        Field::new(
            FieldKey::Company,
            "Company",
            "",
            get(|p| p.company.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::Phone,
            "Phone",
            "",
            get(|p| p.phone.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::Email,
            "Email",
            "",
            get(|p| p.email.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::Product,
            "Product",
            "what they are likely to choose",
            get(|p| p.product.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::Value,
            "Value",
            "quote before taxes, e.g. 12500 or 12.5k",
            get(|p| p.value.map(|v| v.display())).as_deref(),
        ),
        Field::new(
            FieldKey::Probability,
            "Probability %",
            "0–100",
            get(|p| p.probability.map(|x| x.percent().to_string())).as_deref(),
        ),
        Field::new(
            FieldKey::Objection,
            "Objection",
            "why they hold back",
            get(|p| p.objection.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::Decision,
            "Decision process",
            "who else decides, by when, what they need",
            get(|p| p.decision_process.clone()).as_deref(),
        ),
    ];
    if adding {
        fields.push(Field::new(
            FieldKey::Note,
            "Notes",
            "goals, concerns, options discussed",
            None,
        ));
        fields.push(Field::new(FieldKey::When, "Next step", WHEN_HINT, None));
    }
    fields
}

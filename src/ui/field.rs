//! The text fields of forms and prompts, and the fields of a prospect.

use crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::lines::Lines;

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
    /// Decision notes (the decision process as one text).
    Decision,
    /// What they liked.
    Liked,
    /// What they disliked.
    Disliked,
    /// Decision process: who else decides.
    DecisionWho,
    /// Decision process: when they see them.
    DecisionWhen,
    /// Decision process: what information they need.
    DecisionInfo,
    /// Decision process: how long they need to review.
    DecisionReview,
    /// A debrief: the first thing done well.
    Well1,
    /// A debrief: the second thing done well.
    Well2,
    /// A debrief: the third thing done well.
    Well3,
    /// A debrief: the thing to work on.
    WorkOn,
    /// The delivery date asked at a win.
    Delivery,
    /// A note.
    Note,
    /// When the next step is.
    When,
    /// What the next step is.
    Action,
    /// Why they said no.
    Reason,
}

impl FieldKey {
    /// True for the long texts, edited on several lines: notes (and what
    /// was said), objection, decision process.
    pub fn is_long(self) -> bool {
        matches!(
            self,
            FieldKey::Note | FieldKey::Objection | FieldKey::Decision
        )
    }
}

/// The text a field holds while it is edited.
#[derive(Debug, Clone)]
pub enum FieldText {
    /// One line (names, amounts, when): Enter saves the form.
    Line(Input),
    /// Several lines (see [`FieldKey::is_long`]): Enter breaks the line.
    Lines(Box<Lines>),
}

/// One labelled text field.
#[derive(Debug, Clone)]
pub struct Field {
    /// What it holds.
    pub key: FieldKey,
    /// Its label.
    pub label: &'static str,
    /// The text being edited.
    pub text: FieldText,
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
        let value = value.unwrap_or_default();
        let text = if key.is_long() {
            FieldText::Lines(Box::new(Lines::new(value)))
        } else {
            FieldText::Line(Input::new(value.to_string()))
        };
        let mut field = Field {
            key,
            label,
            text,
            initial: String::new(),
            hint: hint.into(),
        };
        // A long text opens made safe: that is what it holds untouched.
        field.initial = field.value();
        field
    }

    /// The text as typed (several lines joined with `\n`).
    pub fn value(&self) -> String {
        match &self.text {
            FieldText::Line(input) => input.value().to_string(),
            FieldText::Lines(lines) => lines.value(),
        }
    }

    /// True for a field of several lines.
    pub fn is_long(&self) -> bool {
        matches!(self.text, FieldText::Lines(_))
    }

    /// Edits with one key. False when the key leaves the field instead
    /// (Up on the first line of a long text, Down on its last).
    pub fn edit_key(&mut self, key: KeyEvent) -> bool {
        match &mut self.text {
            FieldText::Line(input) => {
                input.handle_event(&Event::Key(key));
                true
            }
            FieldText::Lines(lines) => lines.edit_key(key),
        }
    }

    /// Types pasted text at the cursor: a long text keeps its line breaks,
    /// a one-line field gets it as one line.
    pub fn insert(&mut self, text: &str) {
        match &mut self.text {
            FieldText::Line(input) => {
                super::paste::insert_text(input, &super::paste::pasted_line(text))
            }
            FieldText::Lines(lines) => lines.insert(text),
        }
    }

    /// Replaces the whole text (what the external editor saved; a one-line
    /// field gets it as one line).
    pub fn replace(&mut self, text: &str) {
        match &mut self.text {
            FieldText::Line(input) => *input = Input::new(super::paste::pasted_line(text)),
            FieldText::Lines(lines) => lines.replace(text),
        }
    }

    /// Shows or hides the field's cursor as it gains or loses focus.
    pub(super) fn set_focused(&mut self, focused: bool) {
        if let FieldText::Lines(lines) = &mut self.text {
            lines.set_focused(focused);
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
    if !adding {
        // What was heard at the quote, one field each: the edit form (and
        // `followup edit`) fills them in once the quote is given.
        fields.extend(quote_fields(p));
    }
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

/// What they liked and disliked, and the decision process in its four
/// parts, filled as `p` has them.
fn quote_fields(p: Option<&Prospect>) -> Vec<Field> {
    let get = |f: fn(&Prospect) -> Option<String>| p.and_then(f);
    vec![
        Field::new(
            FieldKey::Liked,
            "Liked",
            "what they liked",
            get(|p| p.liked.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::Disliked,
            "Disliked",
            "what they disliked",
            get(|p| p.disliked.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::DecisionWho,
            "Who else decides",
            "decision process: who else decides",
            get(|p| p.decision_who.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::DecisionWhen,
            "Sees them",
            "decision process: when they will see them",
            get(|p| p.decision_when.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::DecisionInfo,
            "Needs to know",
            "decision process: what information they need",
            get(|p| p.decision_info.clone()).as_deref(),
        ),
        Field::new(
            FieldKey::DecisionReview,
            "Time to review",
            "decision process: how long they need to review it",
            get(|p| p.decision_review.clone()).as_deref(),
        ),
    ]
}

//! Forms and one-line prompts: text fields edited with a maintained input
//! widget (`tui-input`), validated purely before any effect is produced.

use chrono::{DateTime, Local};
use crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use crate::app::{Context, Finish, LogRequest, NextRequest};
use crate::domain::{Action, Money, Outcome, Probability, Prospect, ProspectId, ProspectPatch};
use crate::schedule::describe_window;

use super::effect::Effect;
pub use super::field::{Field, FieldKey};
use super::field::{WHEN_HINT, prospect_fields};

/// What a form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Add a prospect.
    Add,
    /// Edit a prospect.
    Edit(ProspectId),
    /// Log a conversation and the agreed next step.
    Reached(ProspectId),
    /// Set the next step.
    SetNext(ProspectId),
    /// Add a note.
    Note(ProspectId),
    /// Mark lost with a reason.
    Lost(ProspectId),
}

/// A form or prompt on screen.
#[derive(Debug, Clone)]
pub struct Form {
    /// What it is for.
    pub kind: FormKind,
    /// Its title.
    pub title: String,
    /// Its fields.
    pub fields: Vec<Field>,
    /// The focused field.
    pub focus: usize,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

impl Form {
    fn new(kind: FormKind, title: String, fields: Vec<Field>) -> Self {
        Form {
            kind,
            title,
            fields,
            focus: 0,
            error: None,
        }
    }

    /// The add-a-prospect form.
    pub fn add() -> Self {
        Form::new(
            FormKind::Add,
            "Add a prospect".into(),
            prospect_fields(None, true),
        )
    }

    /// The edit form, filled with the prospect's fields.
    pub fn edit(p: &Prospect) -> Self {
        let title = format!("Edit {}", crate::domain::text::sanitize_line(&p.name));
        Form::new(FormKind::Edit(p.id), title, prospect_fields(Some(p), false))
    }

    /// The reached prompt: what was said and the agreed next step.
    pub fn reached(id: ProspectId, name: &str) -> Self {
        Form::new(
            FormKind::Reached(id),
            format!("Reached {name}"),
            vec![
                Field::new(
                    FieldKey::Note,
                    "What was said",
                    "their goals, what they need, what you agreed",
                    None,
                ),
                Field::new(FieldKey::When, "Agreed next step", WHEN_HINT, None),
                Field::new(
                    FieldKey::Action,
                    "Action",
                    "call, email, visit, meeting or text",
                    Some("call"),
                ),
            ],
        )
    }

    /// The set-next-step prompt.
    pub fn set_next(id: ProspectId, name: &str) -> Self {
        Form::new(
            FormKind::SetNext(id),
            format!("Next step for {name}"),
            vec![
                Field::new(FieldKey::When, "When", WHEN_HINT, None),
                Field::new(
                    FieldKey::Action,
                    "Action",
                    "call, email, visit, meeting or text",
                    Some("call"),
                ),
                Field::new(
                    FieldKey::Note,
                    "Note",
                    "what to remember for it (optional)",
                    None,
                ),
            ],
        )
    }

    /// The note prompt.
    pub fn note(id: ProspectId, name: &str) -> Self {
        Form::new(
            FormKind::Note(id),
            format!("Note for {name}"),
            vec![Field::new(
                FieldKey::Note,
                "Note",
                "goals, concerns, options discussed",
                None,
            )],
        )
    }

    /// The lost prompt (Enter confirms).
    pub fn lost(id: ProspectId, name: &str) -> Self {
        Form::new(
            FormKind::Lost(id),
            format!("Mark {name} lost"),
            vec![Field::new(
                FieldKey::Reason,
                "Reason",
                "why they said no (optional); Enter marks lost, Esc cancels",
                None,
            )],
        )
    }

    /// The text of a field ("" if the form has no such field).
    pub fn value(&self, key: FieldKey) -> &str {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map_or("", |f| f.input.value())
    }

    /// Sends a key to the focused field.
    pub fn edit_key(&mut self, key: KeyEvent) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.input.handle_event(&Event::Key(key));
            self.error = None;
        }
    }

    /// Focuses the next field (wrapping).
    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    /// Focuses the previous field (wrapping).
    pub fn prev_field(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    /// What the "when" field currently means, or why it is not understood;
    /// shown live under the field.
    pub fn when_preview(
        &self,
        ctx: &Context,
        now: &DateTime<Local>,
    ) -> Option<Result<String, String>> {
        let when = self.value(FieldKey::When).trim();
        if when.is_empty() || !self.fields.iter().any(|f| f.key == FieldKey::When) {
            return None;
        }
        Some(
            ctx.window(when, now)
                .map(|w| describe_window(&w, now, ctx.hours()))
                .map_err(|e| e.to_string()),
        )
    }

    /// Validates the form into the effect it asks for, or says what is wrong.
    pub fn submit(&self, ctx: &Context, now: &DateTime<Local>) -> Result<Effect, String> {
        let when = self.value(FieldKey::When).trim();
        let next = |required: bool| -> Result<Option<NextRequest>, String> {
            if when.is_empty() {
                return if required {
                    Err("say when the next step is".into())
                } else {
                    Ok(None)
                };
            }
            ctx.window(when, now).map_err(|e| e.to_string())?;
            let action = match self.value(FieldKey::Action).trim() {
                "" => Action::Call,
                a => a.parse::<Action>().map_err(|e| e.to_string())?,
            };
            let note =
                Some(self.value(FieldKey::Note).trim().to_string()).filter(|n| !n.is_empty());
            let note = if matches!(self.kind, FormKind::SetNext(_)) {
                note
            } else {
                None
            };
            Ok(Some(NextRequest {
                when: when.to_string(),
                action,
                note,
            }))
        };
        let note = Some(self.value(FieldKey::Note).trim().to_string()).filter(|n| !n.is_empty());
        match self.kind {
            FormKind::Add => {
                let fields = self.patch(true)?;
                Ok(Effect::Add {
                    fields,
                    next: next(false)?,
                })
            }
            FormKind::Edit(id) => Ok(Effect::Edit {
                id,
                patch: self.patch(false)?,
            }),
            FormKind::Reached(id) => {
                let request = LogRequest {
                    outcome: Outcome::Reached,
                    channel: None,
                    note,
                    next: next(false)?,
                };
                Ok(Effect::Log { id, request })
            }
            FormKind::SetNext(id) => {
                let request = next(true)?.ok_or("say when the next step is")?;
                Ok(Effect::SetNext { id, request })
            }
            FormKind::Note(id) => match note {
                Some(text) => Ok(Effect::Note { id, text }),
                None => Err("the note is empty".into()),
            },
            FormKind::Lost(id) => {
                let reason =
                    Some(self.value(FieldKey::Reason).trim().to_string()).filter(|r| !r.is_empty());
                Ok(Effect::Finish {
                    id,
                    finish: Finish::Lost(reason),
                })
            }
        }
    }

    /// The prospect fields of an add or edit form. For an edit, every field
    /// is sent as typed (an emptied field clears the value).
    fn patch(&self, adding: bool) -> Result<ProspectPatch, String> {
        let text = |key| Some(self.value(key).trim().to_string());
        let name = self.value(FieldKey::Name).trim();
        if name.is_empty() {
            return Err("a prospect needs a name".into());
        }
        let value = match self.value(FieldKey::Value).trim() {
            "" => None,
            v => Some(v.parse::<Money>().map_err(|e| e.to_string())?),
        };
        let probability = match self.value(FieldKey::Probability).trim() {
            "" => None,
            v => Some(v.parse::<Probability>().map_err(|e| e.to_string())?),
        };
        let optional = |key| {
            if adding {
                text(key).filter(|v: &String| !v.is_empty())
            } else {
                text(key)
            }
        };
        Ok(ProspectPatch {
            name: Some(name.to_string()),
            company: optional(FieldKey::Company),
            phone: optional(FieldKey::Phone),
            email: optional(FieldKey::Email),
            product: optional(FieldKey::Product),
            value: if adding { value.map(Some) } else { Some(value) },
            probability: if adding {
                probability.map(Some)
            } else {
                Some(probability)
            },
            objection: optional(FieldKey::Objection),
            decision_process: optional(FieldKey::Decision),
            notes: if adding {
                optional(FieldKey::Note)
            } else {
                None
            },
            series: None,
        })
    }
}

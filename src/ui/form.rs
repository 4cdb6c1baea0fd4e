//! Forms and one-line prompts: text fields edited with a maintained input
//! widget (`tui-input`), validated purely before any effect is produced.

use chrono::{DateTime, Local};
use crossterm::event::KeyEvent;

use crate::app::{Context, EditRequest, Finish, LogRequest, NextRequest, ReopenRequest, SeenStep};
use crate::domain::{Action, Outcome, Prospect, ProspectId};
use crate::schedule::describe_windows;

use super::action::Action as UiAction;
use super::effect::Effect;
pub use super::field::{Field, FieldKey, FieldText};
use super::field::{WHEN_HINT, action_field, prospect_fields};
use super::keymap::{self, KeyMode};

/// What a form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Add a prospect.
    Add,
    /// Edit a prospect.
    Edit(ProspectId),
    /// Log a conversation and the agreed next step.
    Reached(ProspectId),
    /// Log a meeting or visit, what was agreed and the next step.
    Met(ProspectId),
    /// Log a quote given, what was agreed and the next step.
    Quoted(ProspectId),
    /// Set the next step.
    SetNext(ProspectId),
    /// Add a note.
    Note(ProspectId),
    /// Mark lost with a reason.
    Lost(ProspectId),
    /// Reopen a finished prospect with its next step.
    Reopen(ProspectId),
    /// Pause the series, until a time or until resumed.
    Pause(ProspectId),
    /// Who signs the scripts: name, company, phone (see `ui::profile`).
    Profile,
    /// The debriefs of an appointment (see `ui::debrief`).
    Debrief(ProspectId),
    /// Mark won, with the delivery date asked (see `ui::won`).
    Won(ProspectId),
    /// The manager's coaching note to a consultant (their owner id).
    Coach(i64),
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
    /// The prospect as the edit form showed it: only fields typed over are
    /// saved, and only if nobody changed them meanwhile.
    pub(super) original: Option<Box<Prospect>>,
    /// The open next step a form that replaces it showed.
    seen_step: Option<SeenStep>,
}

impl Form {
    /// A form with `fields`, the first focused (the prompts of other
    /// modules, like reopen, are built with it).
    pub(super) fn new(kind: FormKind, title: String, fields: Vec<Field>) -> Self {
        let mut form = Form {
            kind,
            title,
            fields,
            focus: 0,
            error: None,
            original: None,
            seen_step: None,
        };
        form.focus_on(0);
        form
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
        let mut form = Form::new(FormKind::Edit(p.id), title, prospect_fields(Some(p), false));
        form.original = Some(Box::new(p.clone()));
        form
    }

    /// The meeting prompt: like reached, for a visit or a meeting held.
    pub fn met(id: ProspectId, name: &str, seen_step: Option<SeenStep>) -> Self {
        let mut form = Form::reached(id, name, seen_step);
        form.kind = FormKind::Met(id);
        form.title = format!("Met {name}");
        form
    }

    /// The quote prompt: like a meeting, for a quote given.
    pub fn quoted(id: ProspectId, name: &str, seen_step: Option<SeenStep>) -> Self {
        let mut form = Form::reached(id, name, seen_step);
        form.kind = FormKind::Quoted(id);
        form.title = format!("Quote given to {name}");
        form
    }

    /// The reached prompt: what was said and the agreed next step.
    pub fn reached(id: ProspectId, name: &str, seen_step: Option<SeenStep>) -> Self {
        let mut form = Form::new(
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
                action_field(),
            ],
        );
        form.seen_step = seen_step;
        form
    }

    /// Adds the deal's fields a conversation changes (value, probability,
    /// objection, decision process), filled as `p` has them: that is when
    /// they change.
    pub fn with_deal_fields(mut self, p: &Prospect) -> Self {
        let keys = [
            FieldKey::Value,
            FieldKey::Probability,
            FieldKey::Objection,
            FieldKey::Decision,
        ];
        // After the note and the next step, which every call has.
        self.fields.extend(
            prospect_fields(Some(p), false)
                .into_iter()
                .filter(|f| keys.contains(&f.key)),
        );
        self.original = Some(Box::new(p.clone()));
        self
    }

    /// The set-next-step prompt.
    pub fn set_next(id: ProspectId, name: &str, seen_step: Option<SeenStep>) -> Self {
        let mut form = Form::new(
            FormKind::SetNext(id),
            format!("Next step for {name}"),
            vec![
                Field::new(FieldKey::When, "When", WHEN_HINT, None),
                action_field(),
                Field::new(
                    FieldKey::Note,
                    "Note",
                    "what to remember for it (optional)",
                    None,
                ),
            ],
        );
        form.seen_step = seen_step;
        form
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

    /// The manager's coaching note to consultant `owner` (`name`).
    pub fn coach(owner: i64, name: &str) -> Self {
        Form::new(
            FormKind::Coach(owner),
            format!(
                "Coaching note for {}",
                crate::domain::text::sanitize_line(name)
            ),
            vec![Field::new(
                FieldKey::Note,
                "Note",
                "what to keep doing, what to work on",
                None,
            )],
        )
    }

    /// The pause prompt: until when (empty: until resumed).
    pub fn pause(id: ProspectId, name: &str) -> Self {
        Form::new(
            FormKind::Pause(id),
            format!("Pause the series of {name}"),
            vec![Field::new(
                FieldKey::When,
                "Until",
                "Pause until (empty: until you resume), e.g. \"jan 15\"",
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
                format!(
                    "why they said no (optional); {} marks lost, {} cancels",
                    keymap::keys_for(UiAction::Submit, KeyMode::Form),
                    keymap::keys_for(UiAction::Back, KeyMode::Form)
                ),
                None,
            )],
        )
    }

    /// The text of a field ("" if the form has no such field).
    pub fn value(&self, key: FieldKey) -> String {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(Field::value)
            .unwrap_or_default()
    }

    /// True when the focused field holds several lines (Enter breaks the
    /// line there, and the external editor can open it).
    pub fn focused_is_long(&self) -> bool {
        self.fields.get(self.focus).is_some_and(Field::is_long)
    }

    /// Sends a key to the focused field; Up on the first line of a long
    /// text and Down on its last move to the field above or below.
    pub fn edit_key(&mut self, key: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if field.edit_key(key) {
            self.error = None;
        } else if key.code == crossterm::event::KeyCode::Up {
            self.prev_field();
        } else {
            self.next_field();
        }
    }

    /// Puts what the external editor saved into field `index` (see
    /// [`Effect::EditText`]).
    pub fn replace_text(&mut self, index: usize, text: &str) {
        if let Some(field) = self.fields.get_mut(index) {
            field.replace(text);
            self.error = None;
        }
    }

    /// True when a field holds something other than what it was opened
    /// with: leaving would lose typing.
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(|f| f.value() != f.initial)
    }

    /// The question asked before discarding what was typed.
    pub fn discard_question(&self) -> String {
        format!(
            "Discard what you typed in \"{}\"? {} = yes, {} = no (back to the form)",
            self.title,
            keymap::key_for(UiAction::Confirm, KeyMode::Confirm),
            keymap::key_for(UiAction::Decline, KeyMode::Confirm)
        )
    }

    /// Types pasted text into the focused field at its cursor (a long text
    /// keeps its line breaks; a one-line field gets one line).
    pub fn insert_text(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.insert(text);
            self.error = None;
        }
    }

    /// Focuses the next field (wrapping).
    pub fn next_field(&mut self) {
        self.focus_on((self.focus + 1) % self.fields.len().max(1));
    }

    /// Focuses the previous field (wrapping).
    pub fn prev_field(&mut self) {
        let n = self.fields.len().max(1);
        self.focus_on((self.focus + n - 1) % n);
    }

    /// Focuses field `index`.
    pub(super) fn focus_on(&mut self, index: usize) {
        self.focus = index;
        for (i, field) in self.fields.iter_mut().enumerate() {
            field.set_focused(i == index);
        }
    }

    /// What the "when" field currently means, or why it is not understood;
    /// shown live under the field.
    pub fn when_preview(
        &self,
        ctx: &Context,
        now: &DateTime<Local>,
    ) -> Option<Result<String, String>> {
        // The next step's time, or a win's delivery date.
        let key = [FieldKey::When, FieldKey::Delivery]
            .into_iter()
            .find(|k| self.fields.iter().any(|f| f.key == *k))?;
        let when = self.value(key);
        let when = when.trim();
        if when.is_empty() {
            return None;
        }
        Some(
            ctx.windows(when, now)
                .map(|parts| describe_windows(&parts, now, ctx.hours()))
                .map_err(|e| e.to_string()),
        )
    }

    /// Validates the form into the effect it asks for (`None`: an edit that
    /// changes nothing), or says what is wrong.
    pub fn submit(&self, ctx: &Context, now: &DateTime<Local>) -> Result<Option<Effect>, String> {
        let when = self.value(FieldKey::When);
        let when = when.trim();
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
                seen: self.seen_step,
            }))
        };
        let note = Some(self.value(FieldKey::Note).trim().to_string()).filter(|n| !n.is_empty());
        let effect = match self.kind {
            FormKind::Add => Effect::Add {
                fields: self.patch(true)?,
                next: next(false)?,
            },
            FormKind::Edit(id) => {
                let patch = self.patch(false)?;
                if patch.is_empty() {
                    return Ok(None);
                }
                Effect::Edit {
                    id,
                    request: Box::new(EditRequest {
                        patch,
                        append_note: None,
                        seen: self.original.clone(),
                    }),
                }
            }
            FormKind::Reached(id) | FormKind::Met(id) | FormKind::Quoted(id) => Effect::Log {
                id,
                request: LogRequest {
                    update: self.deal_update()?,
                    outcome: match self.kind {
                        FormKind::Met(_) => Outcome::Meeting,
                        FormKind::Quoted(_) => Outcome::Quote,
                        _ => Outcome::Reached,
                    },
                    channel: None,
                    note,
                    next: next(false)?,
                },
            },
            FormKind::SetNext(id) => {
                let request = next(true)?.ok_or("say when the next step is")?;
                Effect::SetNext { id, request }
            }
            FormKind::Note(id) => match note {
                Some(text) => Effect::Note { id, text },
                None => return Err("the note is empty".into()),
            },
            // The series resumes when the named window opens, as
            // `pause --until` does.
            FormKind::Pause(id) => Effect::Pause {
                id,
                paused: true,
                until: match when {
                    "" => None,
                    w => Some(ctx.window(w, now).map_err(|e| e.to_string())?.start),
                },
            },
            FormKind::Lost(id) => Effect::Finish {
                id,
                finish: Finish::Lost(self.reason()),
            },
            FormKind::Profile => return Ok(super::profile::submit(self)),
            FormKind::Coach(owner) => match note {
                Some(text) => Effect::Coach { owner, text },
                None => return Err("the note is empty".into()),
            },
            FormKind::Debrief(id) => return super::debrief::submit(self, id, ctx, now).map(Some),
            FormKind::Won(id) => return super::won::submit(self, id, ctx, now).map(Some),
            FormKind::Reopen(id) => Effect::Reopen {
                id,
                request: ReopenRequest {
                    next: next(true)?.ok_or("say when the next step is")?,
                    reason: self.reason(),
                },
            },
        };
        Ok(Some(effect))
    }

    /// The reason typed, if any.
    fn reason(&self) -> Option<String> {
        Some(self.value(FieldKey::Reason).trim().to_string()).filter(|r| !r.is_empty())
    }
}

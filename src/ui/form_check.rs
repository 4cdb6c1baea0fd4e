//! Every problem of a form at once: a refused save names each bad field and
//! puts the cursor on the first, instead of one complaint per Enter.

use chrono::{DateTime, Local};

use super::form::{FieldKey, Form, FormKind};
use crate::app::Context;
use crate::domain::{Action, Money, Probability, looks_like_email};

impl Form {
    /// What is wrong with each field, in the order the fields are shown.
    pub fn problems(&self, ctx: &Context, now: &DateTime<Local>) -> Vec<(FieldKey, String)> {
        let mut problems = Vec::new();
        for field in &self.fields {
            let text = field.value();
            let text = text.trim();
            let problem = match field.key {
                FieldKey::Name if text.is_empty() && self.kind != FormKind::Profile => {
                    Some("a prospect needs a name".to_string())
                }
                FieldKey::Value if !text.is_empty() => {
                    text.parse::<Money>().err().map(|e| e.to_string())
                }
                FieldKey::Probability if !text.is_empty() => {
                    text.parse::<Probability>().err().map(|e| e.to_string())
                }
                FieldKey::Email if !text.is_empty() && !looks_like_email(text) => {
                    Some(format!("\"{text}\" does not look like an e-mail address"))
                }
                FieldKey::Action if !text.is_empty() => {
                    text.parse::<Action>().err().map(|e| e.to_string())
                }
                FieldKey::When if text.is_empty() && self.needs_when() => {
                    Some("say when the next step is".to_string())
                }
                FieldKey::When if !text.is_empty() => {
                    ctx.window(text, now).err().map(|e| e.to_string())
                }
                FieldKey::Delivery if !text.is_empty() => ctx
                    .window(text, now)
                    .err()
                    .map(|e| super::won::delivery_problem(&e)),
                FieldKey::Well1 | FieldKey::Well2 | FieldKey::Well3 | FieldKey::WorkOn
                    if text.is_empty() =>
                {
                    Some("the manager reads all four: three done well, one to work on".to_string())
                }
                _ => None,
            };
            if let Some(problem) = problem {
                problems.push((field.key, problem));
            }
        }
        problems
    }

    /// Shows every problem and moves the cursor to the first bad field;
    /// `fallback` is the refusal to show when no single field is to blame.
    pub fn show_problems(&mut self, ctx: &Context, now: &DateTime<Local>, fallback: String) {
        let problems = self.problems(ctx, now);
        match problems.first() {
            Some((key, _)) => {
                if let Some(at) = self.fields.iter().position(|f| f.key == *key) {
                    self.focus = at;
                }
                let all: Vec<String> = problems.into_iter().map(|(_, p)| p).collect();
                self.error = Some(all.join("; "));
            }
            None => self.error = Some(fallback),
        }
    }

    /// True for the forms whose whole point is a next step.
    fn needs_when(&self) -> bool {
        matches!(self.kind, FormKind::SetNext(_) | FormKind::Reopen(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Local> {
        Local
            .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .single()
            .unwrap()
    }

    #[test]
    fn every_bad_field_is_named_and_the_cursor_goes_to_the_first() {
        let ctx = Context::builtin();
        let mut form = Form::add();
        for (key, text) in [
            (FieldKey::Email, "ada.example"),
            (FieldKey::Value, "lots"),
            (FieldKey::Probability, "150"),
            (FieldKey::When, "feb 30"),
        ] {
            let at = form.fields.iter().position(|f| f.key == key).unwrap();
            form.focus = at;
            form.insert_text(text);
        }
        form.focus = 0;
        form.show_problems(&ctx, &now(), "refused".into());
        let error = form.error.clone().unwrap();
        for expected in ["needs a name", "e-mail", "lots", "150", "February"] {
            assert!(error.contains(expected), "{expected}: {error}");
        }
        assert_eq!(form.fields[form.focus].key, FieldKey::Name);

        let mut named = Form::add();
        named.insert_text("Ada");
        let at = named
            .fields
            .iter()
            .position(|f| f.key == FieldKey::Value)
            .unwrap();
        named.focus = at;
        named.insert_text("12k");
        named.focus = 0;
        assert!(named.problems(&ctx, &now()).is_empty(), "12k is a value");
    }
}

//! Script templates: text with `{placeholder}` slots filled per prospect.
//!
//! `{{` and `}}` stand for literal braces. Every placeholder has a natural
//! fallback, so a missing value never leaves a raw `{name}` in front of a
//! customer. `{name:phrase with _}` is an optional phrase: the value stands
//! for `_` when it is known, and the whole phrase is left out when it is not
//! (`it's {my_name}{my_company: from _}` reads "it's Sam" without a company,
//! never "from our team").

use thiserror::Error;

use super::placeholder::{Placeholder, TemplateContext};

/// Why a script is not a valid template. `offset` is the byte offset in the
/// script text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemplateError {
    /// `{something}` that is not a known placeholder.
    #[error("unknown placeholder {{{name}}} (known: {known})", known = known_names())]
    UnknownPlaceholder {
        /// The name between the braces.
        name: String,
        /// Byte offset of the opening brace.
        offset: usize,
    },
    /// A `{` with no matching `}` on the same line.
    #[error("unclosed brace '{{' (write '{{{{' for a literal brace)")]
    Unclosed {
        /// Byte offset of the opening brace.
        offset: usize,
    },
    /// A lone `}` that does not close a placeholder.
    #[error("unmatched brace '}}' (write '}}}}' for a literal brace)")]
    Unmatched {
        /// Byte offset of the brace.
        offset: usize,
    },
}

impl TemplateError {
    /// Byte offset of the problem in the script text.
    pub fn offset(&self) -> usize {
        match self {
            TemplateError::UnknownPlaceholder { offset, .. }
            | TemplateError::Unclosed { offset }
            | TemplateError::Unmatched { offset } => *offset,
        }
    }
}

fn known_names() -> String {
    Placeholder::ALL
        .iter()
        .map(|p| p.name())
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Slot(Placeholder),
    /// A phrase shown only when the value is known; `_` stands for it.
    Optional(Placeholder, String),
}

/// A parsed script: literal text and placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Template {
    source: String,
    parts: Vec<Part>,
}

impl Template {
    /// An empty template (renders as the empty string).
    pub const fn empty() -> Template {
        Template {
            source: String::new(),
            parts: Vec::new(),
        }
    }

    /// Plain text with no placeholders: braces in `text` are kept as written.
    pub fn literal(text: &str) -> Template {
        Template {
            source: text.replace('{', "{{").replace('}', "}}"),
            parts: vec![Part::Text(text.to_string())],
        }
    }

    /// Parses `{placeholder}` slots; `{{` and `}}` are literal braces.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if chars.peek().map(|&(_, n)| n) == Some('{') => {
                    chars.next();
                    lit.push('{');
                }
                '}' if chars.peek().map(|&(_, n)| n) == Some('}') => {
                    chars.next();
                    lit.push('}');
                }
                '}' => return Err(TemplateError::Unmatched { offset: i }),
                '{' => {
                    let rest = &text[i + 1..];
                    let close = rest
                        .find(['}', '{', '\n'])
                        .filter(|&j| rest[j..].starts_with('}'))
                        .ok_or(TemplateError::Unclosed { offset: i })?;
                    let inside = &rest[..close];
                    let (name, phrase) = match inside.split_once(':') {
                        Some((name, phrase)) => (name.trim(), Some(phrase)),
                        None => (inside.trim(), None),
                    };
                    let p = Placeholder::from_name(name).ok_or_else(|| {
                        TemplateError::UnknownPlaceholder {
                            name: name.to_string(),
                            offset: i,
                        }
                    })?;
                    if !lit.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut lit)));
                    }
                    parts.push(match phrase {
                        Some(phrase) => Part::Optional(p, phrase.to_string()),
                        None => Part::Slot(p),
                    });
                    // Skip the name and the closing brace.
                    for (j, _) in chars.by_ref() {
                        if j == i + 1 + close {
                            break;
                        }
                    }
                }
                c => lit.push(c),
            }
        }
        if !lit.is_empty() {
            parts.push(Part::Text(lit));
        }
        Ok(Template {
            source: text.to_string(),
            parts,
        })
    }

    /// The text the template was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The placeholders used, in order of first appearance, without repeats.
    pub fn placeholders(&self) -> Vec<Placeholder> {
        let mut seen = Vec::new();
        for part in &self.parts {
            if let Part::Slot(p) | Part::Optional(p, _) = part
                && !seen.contains(p)
            {
                seen.push(*p);
            }
        }
        seen
    }

    /// Fills every placeholder from `ctx` (or its fallback).
    pub fn render(&self, ctx: &TemplateContext) -> String {
        let mut out = String::with_capacity(self.source.len());
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Slot(p) => out.push_str(ctx.value(*p)),
                Part::Optional(p, phrase) => {
                    if let Some(value) = ctx.known(*p) {
                        out.push_str(&phrase.replacen('_', value, 1));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_ctx() -> TemplateContext {
        TemplateContext {
            first_name: Some("Ana".into()),
            name: Some("Ana Silva".into()),
            company: Some("Silva Roofing".into()),
            product: Some("the heat pump".into()),
            last_contact: Some("Tue 17 Nov 10:00".into()),
            last_note: Some("the rebate".into()),
            agreed_time: Some("Thu 10:00".into()),
            my_name: Some("Sam".into()),
            my_phone: Some("555-0100".into()),
            my_company: Some("Acme".into()),
            suggested_times: Some("Fri 20 Nov at 10:00".into()),
            next_call: Some("tomorrow 09:00–12:00".into()),
        }
    }

    fn all_slots() -> String {
        Placeholder::ALL
            .iter()
            .map(|p| format!("[{{{}}}]", p.name()))
            .collect()
    }

    #[test]
    fn renders_every_placeholder_with_a_value() {
        let t = Template::parse(&all_slots()).unwrap();
        assert_eq!(t.placeholders(), Placeholder::ALL);
        let out = t.render(&full_ctx());
        assert_eq!(
            out,
            "[Ana][Ana Silva][Silva Roofing][the heat pump][Tue 17 Nov 10:00][the rebate]\
             [Thu 10:00][Sam][555-0100][Acme][Fri 20 Nov at 10:00][tomorrow 09:00–12:00]"
        );
    }

    #[test]
    fn falls_back_when_missing_or_blank() {
        let t = Template::parse(&all_slots()).unwrap();
        let blank = TemplateContext {
            first_name: Some("  ".into()),
            name: Some(String::new()),
            company: Some(" ".into()),
            product: Some("\t".into()),
            last_contact: Some(String::new()),
            last_note: Some(" ".into()),
            agreed_time: Some(String::new()),
            my_name: Some(" ".into()),
            my_phone: Some(String::new()),
            my_company: Some(" ".into()),
            suggested_times: Some(String::new()),
            next_call: Some("\n".into()),
        };
        let expected: String = Placeholder::ALL
            .iter()
            .map(|p| format!("[{}]", p.fallback()))
            .collect();
        for ctx in [TemplateContext::default(), blank] {
            let out = t.render(&ctx);
            assert!(!out.contains('{') && !out.contains('}'), "{out}");
            assert_eq!(out, expected);
        }
        let hi = Template::parse("Hi {first_name}, it's {my_name} from {my_company}.").unwrap();
        assert_eq!(
            hi.render(&TemplateContext::default()),
            "Hi there, it's your consultant from our team."
        );
    }

    #[test]
    fn doubled_braces_are_literal() {
        let t = Template::parse("{{x}} {first_name} }}{{").unwrap();
        assert_eq!(t.render(&full_ctx()), "{x} Ana }{");
        assert_eq!(t.placeholders(), vec![Placeholder::FirstName]);
    }

    #[test]
    fn spaces_inside_braces_are_allowed() {
        let t = Template::parse("Hi { first_name }!").unwrap();
        assert_eq!(t.render(&full_ctx()), "Hi Ana!");
    }

    #[test]
    fn unknown_placeholder_is_named() {
        let err = Template::parse("Hi {firstname}").unwrap_err();
        assert_eq!(
            err,
            TemplateError::UnknownPlaceholder {
                name: "firstname".into(),
                offset: 3
            }
        );
        assert!(err.to_string().contains("{firstname}"), "{err}");
        assert!(matches!(
            Template::parse("{}"),
            Err(TemplateError::UnknownPlaceholder { .. })
        ));
    }

    #[test]
    fn unclosed_and_unmatched_braces_are_errors() {
        assert_eq!(
            Template::parse("Hi {first_name"),
            Err(TemplateError::Unclosed { offset: 3 })
        );
        assert_eq!(
            Template::parse("Hi {first_name\n}"),
            Err(TemplateError::Unclosed { offset: 3 })
        );
        assert_eq!(
            Template::parse("a {b {name}"),
            Err(TemplateError::Unclosed { offset: 2 })
        );
        assert_eq!(
            Template::parse("a } b"),
            Err(TemplateError::Unmatched { offset: 2 })
        );
        let msg = Template::parse("x {").unwrap_err().to_string();
        assert!(msg.contains("unclosed brace"), "{msg}");
    }

    #[test]
    fn an_optional_phrase_is_left_out_when_its_value_is_not_known() {
        let t = Template::parse("it's {my_name}{my_company: from _}. Last time{last_note: (_)}.")
            .unwrap();
        assert_eq!(
            t.placeholders(),
            [
                Placeholder::MyName,
                Placeholder::MyCompany,
                Placeholder::LastNote
            ]
        );
        assert_eq!(
            t.render(&full_ctx()),
            "it's Sam from Acme. Last time (the rebate)."
        );
        let bare = TemplateContext {
            my_name: Some("Sam".into()),
            last_note: Some("   ".into()),
            ..Default::default()
        };
        assert_eq!(t.render(&bare), "it's Sam. Last time.");
        assert!(matches!(
            Template::parse("{nosuch: from _}"),
            Err(TemplateError::UnknownPlaceholder { .. })
        ));
    }
}

//! Reading a series from its TOML text, with the position of any problem.

use serde::Deserialize;
use toml::Spanned;

use super::model::{At, Field, Series, SeriesError, Step, StepKind, check};
use super::template::Template;

/// The 1-based line containing byte `offset` of `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()
        .iter()
        .take(end)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeries {
    name: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(rename = "step", alias = "steps", default)]
    steps: Vec<Spanned<RawStep>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    kind: Spanned<StepKind>,
    label: Spanned<String>,
    script: Spanned<String>,
    next: Option<Spanned<String>>,
}

impl Series {
    /// Reads and validates a series from its TOML text.
    pub fn from_toml(text: &str) -> Result<Series, SeriesError> {
        let raw: RawSeries = toml::from_str(text).map_err(|e| SeriesError {
            message: e.message().split_whitespace().collect::<Vec<_>>().join(" "),
            offset: e.span().map(|s| s.start),
        })?;
        let view: Vec<_> = raw
            .steps
            .iter()
            .map(|s| {
                let s = s.get_ref();
                (
                    *s.kind.get_ref(),
                    s.label.get_ref().as_str(),
                    s.next.as_ref().map(|n| n.get_ref().as_str()),
                )
            })
            .collect();
        if let Err(p) = check(raw.name.get_ref(), &view) {
            let offset = match p.at {
                At::Series => None,
                At::Name => Some(raw.name.span().start),
                At::Step(i, field) => raw.steps.get(i).map(|step| {
                    let s = step.get_ref();
                    match field {
                        Field::Header => step.span().start,
                        Field::Label => s.label.span().start,
                        Field::Next => s
                            .next
                            .as_ref()
                            .map_or(step.span().start, |n| n.span().start),
                    }
                }),
            };
            return Err(SeriesError {
                message: p.message,
                offset,
            });
        }
        let mut steps = Vec::with_capacity(raw.steps.len());
        for (i, step) in raw.steps.into_iter().enumerate() {
            let s = step.into_inner();
            let script = Template::parse(s.script.get_ref()).map_err(|e| SeriesError {
                message: format!("step {} ({}): {e}", i + 1, s.label.get_ref().trim()),
                offset: Some(script_offset(text, &s.script, e.offset())),
            })?;
            steps.push(Step {
                kind: s.kind.into_inner(),
                label: s.label.into_inner().trim().to_string(),
                script,
                next: s.next.map(|n| n.into_inner().trim().to_string()),
            });
        }
        Ok(Series {
            name: raw.name.into_inner().trim().to_string(),
            description: raw.description.trim().to_string(),
            steps,
        })
    }
}

/// Maps an offset inside a script's value to an offset in the TOML text, so
/// an error points at the right line of a multi-line script. Exact for
/// scripts without escapes; otherwise it stays within the script.
fn script_offset(text: &str, script: &Spanned<String>, inner: usize) -> usize {
    let span = script.span();
    let raw = text.get(span.clone()).unwrap_or("");
    let quote = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        3
    } else {
        1
    };
    // A newline right after the opening triple quote is not part of the value.
    let body = raw.get(quote..).unwrap_or("");
    let skip = quote
        + match () {
            _ if quote == 3 && body.starts_with("\r\n") => 2,
            _ if quote == 3 && body.starts_with('\n') => 1,
            _ => 0,
        };
    (span.start + skip + inner).min(span.end.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"name = "short"
description = "two steps"

[[step]]
kind = "voicemail"
label = "VM"
next = "in 2 business days"
script = """
If they pick up: ask how the review is going.
Hi {first_name}, it's {my_name}.
"""

[[step]]
kind = "final"
label = "Last"
script = "Thanks, {first_name}. Call {my_phone} any time."
"#;

    fn err_of(text: &str) -> (usize, String) {
        let e = Series::from_toml(text).unwrap_err();
        (e.line_in(text), e.message)
    }

    #[test]
    fn reads_a_valid_series() {
        let s = Series::from_toml(TWO).unwrap();
        assert_eq!(s.name, "short");
        assert_eq!(s.description, "two steps");
        assert_eq!(s.steps.len(), 2);
        assert_eq!(s.steps[0].kind, StepKind::Voicemail);
        assert_eq!(s.steps[0].next.as_deref(), Some("in 2 business days"));
        assert_eq!(s.steps[1].kind, StepKind::Final);
        assert!(s.validate().is_ok());
    }

    #[test]
    fn final_must_be_last() {
        let text = TWO.replace("kind = \"voicemail\"", "kind = \"final\"");
        let (line, msg) = err_of(&text);
        assert_eq!(line, 4, "{msg}");
        assert!(msg.contains("final step must be the last"), "{msg}");
    }

    #[test]
    fn last_must_be_final() {
        let text = TWO.replace("kind = \"final\"", "kind = \"call\"");
        let (line, msg) = err_of(&text);
        assert_eq!(line, 13, "{msg}");
        assert!(msg.contains("must be `final`"), "{msg}");
    }

    #[test]
    fn next_is_required_and_checked() {
        let text = TWO.replace("next = \"in 2 business days\"\n", "");
        let (line, msg) = err_of(&text);
        assert_eq!((line, msg.contains("missing `next`")), (4, true), "{msg}");
        let text = TWO.replace("in 2 business days", "whenever, really");
        let (line, msg) = err_of(&text);
        assert_eq!(line, 7, "{msg}");
        assert!(msg.contains("whenever, really"), "{msg}");
    }

    #[test]
    fn labels_and_step_count() {
        let (line, msg) = err_of(&TWO.replace("label = \"VM\"", "label = \" \""));
        assert_eq!(line, 6, "{msg}");
        assert!(msg.contains("label is empty"), "{msg}");
        let one =
            "# one step\nname = \"x\"\n[[step]]\nkind = \"final\"\nlabel = \"L\"\nscript = \"s\"\n";
        let (line, msg) = err_of(one);
        assert_eq!(line, 1);
        assert!(msg.contains("at least 2 steps"), "{msg}");
        let (line, msg) = err_of(&TWO.replace("\"short\"", "\"  \""));
        assert_eq!(line, 1);
        assert!(msg.contains("name is empty"), "{msg}");
        let (line, _) = err_of(&format!("# comment\n{}", TWO.replace("\"short\"", "\"\"")));
        assert_eq!(line, 2);
    }

    #[test]
    fn template_errors_point_into_the_script() {
        let text = TWO.replace("{my_name}", "{my_nam}");
        let (line, msg) = err_of(&text);
        assert_eq!(line, 10, "{msg}");
        assert!(msg.contains("{my_nam}"), "{msg}");
        let text = TWO.replace("Call {my_phone}", "Call {my_phone");
        let (line, msg) = err_of(&text);
        assert_eq!(line, 16, "{msg}");
        assert!(msg.contains("unclosed"), "{msg}");
    }

    #[test]
    fn line_of_counts_newlines() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}

//! clap's usage errors as one sentence, in the style of every other
//! message: `followup: what is wrong; see followup CMD --help`.
//!
//! clap lays its errors out over several lines (the error, a usage line, a
//! tip); the facts it carries (the argument, the value, what would do) are
//! read from its context and put in one sentence. An error kind without
//! that context keeps clap's own first line.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

/// The context value of `kind` as text (a list joined with ", ").
fn context(e: &Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) if !list.is_empty() => Some(list.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(list) if !list.is_empty() => Some(
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    }
}

/// The command the error is about ("followup show"): the first word of
/// the command line that names a subcommand, else clap's usage line (its
/// words up to the first option or argument).
fn command_of(e: &Error, args: &[String]) -> String {
    let cli = <crate::cli::Cli as clap::CommandFactory>::command();
    if let Some(sub) = args
        .iter()
        .skip(1)
        .find(|a| cli.find_subcommand(a.as_str()).is_some())
    {
        return format!("followup {sub}");
    }
    let usage = context(e, ContextKind::Usage).unwrap_or_default();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let words: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    if words.is_empty() {
        "followup".to_string()
    } else {
        words.join(" ")
    }
}

/// An argument as clap names it ("--format <FORMAT>") without its value
/// placeholder: "--format".
fn arg_name(arg: &str) -> &str {
    arg.split_whitespace().next().unwrap_or(arg)
}

/// The one sentence for a usage error on the command line `args` (the
/// program's name first); `None` for help and version, which clap prints
/// as they are.
pub fn sentence(e: &Error, args: &[String]) -> Option<String> {
    if !e.use_stderr() {
        return None;
    }
    let command = command_of(e, args);
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let did_you_mean = |kind| {
        context(e, kind)
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default()
    };
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "\"{}\" is not a command{}",
            context(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
            did_you_mean(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::UnknownArgument if arg.starts_with('-') => format!(
            "`{command}` has no option {arg}{}",
            did_you_mean(ContextKind::SuggestedArg)
        ),
        ErrorKind::UnknownArgument => format!("`{command}` takes no argument \"{arg}\" here"),
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue)
                .map(|v| format!("; use one of {v}"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("{} needs a value{valid}", arg_name(&arg))
            } else {
                format!("\"{value}\" is not a valid {}{valid}", arg_name(&arg))
            }
        }
        // Our own parsers' sentences, which say what to write instead.
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            // clap's number parsers pass on std's error, which names
            // neither the option nor what to write ("invalid digit found
            // in string").
            Some(source)
                if source.is::<std::num::ParseIntError>()
                    || source.is::<std::num::ParseFloatError>() =>
            {
                format!(
                    "\"{value}\" is not a valid {}: write a number",
                    arg_name(&arg)
                )
            }
            Some(source) => return Some(source.to_string()),
            None => format!("\"{value}\" is not a valid {}", arg_name(&arg)),
        },
        ErrorKind::MissingRequiredArgument => format!("`{command}` needs {arg}"),
        ErrorKind::ArgumentConflict => match context(e, ContextKind::PriorArg) {
            Some(prior) => format!(
                "{} cannot be used with {}",
                arg_name(&arg),
                arg_name(&prior)
            ),
            None => format!("{} cannot be used here", arg_name(&arg)),
        },
        ErrorKind::MissingSubcommand => format!("`{command}` needs a command"),
        _ => {
            // clap's own first line, without its "error: ".
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            first.trim_start_matches("error:").trim().to_string()
        }
    };
    Some(format!("{what}; see `{command} --help`"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn message(args: &[&str]) -> String {
        let argv: Vec<String> = std::iter::once("followup")
            .chain(args.iter().copied())
            .map(String::from)
            .collect();
        let e = Cli::try_parse_from(&argv).expect_err("a usage error");
        sentence(&e, &argv).expect("a sentence")
    }

    #[test]
    fn usage_errors_are_one_sentence_with_a_hint() {
        let cases: [(&[&str], &str); 9] = [
            (
                &["frobnicate"],
                "\"frobnicate\" is not a command; see `followup --help`",
            ),
            (
                &["shw", "1"],
                "\"shw\" is not a command (did you mean show?)",
            ),
            (
                &["show", "1", "--frob"],
                "`followup show` has no option --frob; see `followup show --help`",
            ),
            (
                &["list", "--status", "maybe"],
                "\"maybe\" is not a valid --status; use one of active, won, lost, closed-out, all",
            ),
            (
                &["show", "abc"],
                "\"abc\" is not a prospect id; ids are whole numbers (see `followup list`)",
            ),
            (
                &["reopen", "1"],
                "`followup reopen` needs --next <NEXT>; see `followup reopen --help`",
            ),
            (
                &["edit", "1", "--note", "a", "--replace-notes", "b"],
                "cannot be used with",
            ),
            (
                &["show", "1", "2"],
                "`followup show` takes no argument \"2\" here",
            ),
            (
                &["demo", "--db", "x.db", "--prospects", "abc"],
                "\"abc\" is not a valid --prospects: write a number; see `followup demo --help`",
            ),
        ];
        for (args, expected) in cases {
            let text = message(args);
            assert!(text.contains(expected), "{args:?}: {text}");
            assert_eq!(text.lines().count(), 1, "{args:?}: {text}");
            assert!(text.contains("`followup"), "{args:?}: {text}");
        }
    }

    #[test]
    fn help_and_version_are_not_errors() {
        for args in [&["--help"][..], &["--version"], &["show", "--help"]] {
            let e = Cli::try_parse_from(std::iter::once("followup").chain(args.iter().copied()))
                .expect_err("clap stops for help");
            assert!(sentence(&e, &[]).is_none());
        }
    }
}

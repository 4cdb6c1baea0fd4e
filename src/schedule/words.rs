//! Words people say around a time that carry no time themselves (fillers:
//! "perhaps", "let's say"), and past words ("yesterday", "last monday",
//! "2 days ago") that must be refused as passed rather than misunderstood.

use super::WindowError;
use super::day::weekday;
use super::tokens::{Cursor, Token};

/// What "last …" names when it means the past ("last week", "last night").
const PAST_UNITS: [&str; 6] = ["week", "weekend", "month", "year", "night", "time"];

/// Words that soften a time without changing it: "maybe tuesday" is
/// tuesday. Dropped before parsing, so they may stand anywhere
/// ("tue at around 2", "mon after 5 or perhaps tue morning").
const FILLERS: [&str; 10] = [
    "perhaps",
    "maybe",
    "say",
    "around",
    "about",
    "probably",
    "possibly",
    "roughly",
    "approximately",
    "approx",
];

/// The number of tokens of "let's"/"lets" starting at `i` (before "say").
fn lets_len(toks: &[Token], i: usize) -> usize {
    let word = |j: usize| toks.get(j).and_then(Token::word);
    let apostrophe = |j: usize| {
        toks.get(j)
            .is_some_and(|t| matches!(t.text.as_str(), "'" | "’"))
    };
    match word(i) {
        Some("lets") if word(i + 1) == Some("say") => 1,
        Some("let")
            if apostrophe(i + 1) && word(i + 2) == Some("s") && word(i + 3) == Some("say") =>
        {
            3
        }
        _ => 0,
    }
}

/// `toks` without filler words. A token that followed a dropped one counts
/// as spaced, so quoted input still reads naturally.
pub(super) fn drop_fillers(toks: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    let mut dropped = false;
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let skip = match lets_len(&toks, i) {
            0 if t.word().is_some_and(|w| FILLERS.contains(&w)) => 1,
            n => n,
        };
        if skip > 0 {
            i += skip;
            dropped = true;
            continue;
        }
        let mut t = t.clone();
        t.spaced = !out.is_empty() && (t.spaced || dropped);
        out.push(t);
        dropped = false;
        i += 1;
    }
    out
}

/// Refuses input that counts back ("2 days ago", "a week ago"): `Ok(())`
/// if it has no "ago".
pub(super) fn refuse_ago(toks: &[Token], input: &str) -> Result<(), WindowError> {
    if toks.iter().any(|t| t.is_word("ago")) {
        return Err(WindowError::Passed {
            text: input.trim().to_string(),
            when: None,
        });
    }
    Ok(())
}

/// Refuses a past word at the cursor ("yesterday", "the day before
/// yesterday", "last monday", "last week", but not "last week of
/// december"): `Ok(())` if there is none.
pub(super) fn refuse_past(cur: &Cursor) -> Result<(), WindowError> {
    let passed = |text: String| Err(WindowError::Passed { text, when: None });
    let the = usize::from(cur.word_at(0) == Some("the"));
    let w = |n| cur.word_at(the + n);
    let len = match w(0) {
        Some("yesterday") => 1,
        Some("day") if w(1) == Some("before") && w(2) == Some("yesterday") => 3,
        Some("last") if w(1) == Some("week") && w(2) == Some("of") => 0,
        Some("last") if w(1).is_some_and(|u| PAST_UNITS.contains(&u) || weekday(u).is_some()) => 2,
        _ => 0,
    };
    if len == 0 {
        return Ok(());
    }
    let mut end = cur.clone();
    end.pos += the + len;
    passed(end.text_since(cur.pos))
}

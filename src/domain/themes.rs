//! Themes in short texts: what the manager's coaching sheet counts when the
//! same words recur across debriefs ("asked for the order" three weeks in
//! a row).
//!
//! The rule, kept simple so anyone can check a count by hand:
//!
//! 1. Each text is lowercased and split into words at anything that is not
//!    a letter or a digit (an apostrophe inside a word is dropped: "didn't"
//!    is "didnt").
//! 2. Stop words ("the", "to", "and", "with", … see [`STOP_WORDS`]) and
//!    words of one or two letters are left out; a plural `s` is taken off a
//!    word of four letters or more that does not end in `ss` ("objections"
//!    counts as "objection").
//! 3. The terms of a text are its remaining words and each pair of words
//!    next to each other once the stop words are out ("asked for the order"
//!    gives "asked", "order" and "asked order"). A term counts once per text.
//! 4. A theme is a term found in two texts or more. A word is not listed
//!    on its own when a pair containing it has the same count (the pair says
//!    it better). Themes come most frequent first, then pairs before single
//!    words, then A to Z.

use std::collections::{BTreeMap, BTreeSet};

/// Words too common to make a theme.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "but", "by", "can", "could", "did", "didnt", "do", "does", "dont", "for",
    "from", "get", "got", "had", "has", "have", "he", "her", "him", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "just", "me", "more", "my", "no", "not", "of", "on", "one", "or",
    "our", "out", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there",
    "they", "this", "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "which",
    "who", "will", "with", "would", "you", "your",
];

/// One recurring theme: the word or pair of words, and in how many texts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Theme {
    /// The word, or two words separated by a space.
    pub term: String,
    /// How many texts use it.
    pub count: usize,
}

/// The words of `text` that can make a theme, in order (rules 1 and 2).
pub fn theme_words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace(['\'', '’'], "");
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2 && !STOP_WORDS.contains(w))
        .map(|w| {
            if w.chars().count() >= 4 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// The themes of `texts` (rules 3 and 4), at most `limit`.
pub fn themes<'a>(texts: impl IntoIterator<Item = &'a str>, limit: usize) -> Vec<Theme> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for text in texts {
        let words = theme_words(text);
        let mut terms: BTreeSet<String> = words.iter().cloned().collect();
        for pair in words.windows(2) {
            terms.insert(format!("{} {}", pair[0], pair[1]));
        }
        for term in terms {
            *counts.entry(term).or_default() += 1;
        }
    }
    let recurring: Vec<(&String, usize)> = counts
        .iter()
        .filter(|(_, n)| **n >= 2)
        .map(|(t, n)| (t, *n))
        .collect();
    let mut out: Vec<Theme> = recurring
        .iter()
        .filter(|(term, n)| {
            term.contains(' ')
                || !recurring.iter().any(|(other, m)| {
                    m == n && other.split(' ').count() == 2 && other.split(' ').any(|w| w == *term)
                })
        })
        .map(|(term, count)| Theme {
            term: (*term).clone(),
            count: *count,
        })
        .collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| b.term.contains(' ').cmp(&a.term.contains(' ')))
            .then_with(|| a.term.cmp(&b.term))
    });
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_stopped_and_singular() {
        assert_eq!(
            theme_words("Asked for the ORDER; handled two objections, didn't rush"),
            ["asked", "order", "handled", "two", "objection", "rush"]
        );
        assert_eq!(theme_words("Discussed glass"), ["discussed", "glass"]);
    }

    #[test]
    fn a_pair_found_in_two_texts_is_a_theme_and_hides_its_words() {
        let texts = [
            "Ask for the order sooner",
            "Should have asked for the order",
            "ask for the order at the end",
            "Talk less about price",
        ];
        let t = themes(texts, 10);
        // "ask order" twice, "asked order" once: the pair of the two that
        // agree, and "order" alone (three texts) as a word of its own.
        assert_eq!(
            t,
            vec![
                Theme {
                    term: "order".into(),
                    count: 3
                },
                Theme {
                    term: "ask order".into(),
                    count: 2
                },
            ]
        );
    }

    #[test]
    fn nothing_recurs_nothing_is_listed() {
        assert!(themes(["Listened well", "Measured the bay window"], 10).is_empty());
    }
}

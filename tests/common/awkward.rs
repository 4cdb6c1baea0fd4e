//! A book full of awkward text, for the export and import round trips:
//! quotes, commas, semicolons, line breaks, tabs, unicode, and cells a
//! spreadsheet would run as a formula. To cover a new case in every round
//! trip, add it to [`PEOPLE`].

use super::Book;

/// One prospect of the awkward book, as the command line adds it.
pub struct Person {
    /// The name.
    pub name: &'static str,
    /// `add` options (flag, value).
    pub fields: &'static [(&'static str, &'static str)],
    /// Attempts logged, oldest first (outcome, note).
    pub attempts: &'static [(&'static str, &'static str)],
    /// The next step set last (WHEN, note), if any.
    pub next: Option<(&'static str, &'static str)>,
    /// Lost with this reason at the end, if any.
    pub lost: Option<&'static str>,
}

/// The awkward people.
pub const PEOPLE: &[Person] = &[
    Person {
        name: "\"Quoted\" O'Brien, Jr.",
        fields: &[
            ("--company", "=HYPERLINK(\"http://example.com\",\"click\")"),
            ("--phone", "+1 (555) 010-1234"),
            ("--email", "jr@example.com"),
            ("--product", "Windows, doors; \"triple\" glazing"),
            ("--value", "12500.50"),
            ("--probability", "60"),
            ("--objection", "-20% or no deal"),
            ("--decision", "\tTab first, then the wife decides"),
            ("--liked", "The \"quiet\" rollers, and the price"),
            ("--decides", "=his wife, Zoë"),
            ("--review", "two weeks; no rush"),
            (
                "--note",
                "Line one, with a comma\nLine \"two\"; quotes\n\n@mention after a blank line\nZoë 山田 🚪 ñ",
            ),
        ],
        attempts: &[
            ("voicemail", "=1+1"),
            ("reached", "Said: \"call back\",\nafter the holidays"),
        ],
        next: Some((
            "mon after 5 or tue morning",
            "@ ask for the \"decision\", then quote",
        )),
        lost: None,
    },
    Person {
        name: "@Handle Person",
        fields: &[
            ("--company", "'=already quoted"),
            ("--phone", "-555-0102"),
            ("--product", "\rCarriage return first"),
        ],
        attempts: &[("no-answer", "+ nothing")],
        next: None,
        lost: Some("=cheaper elsewhere, \"much\""),
    },
    Person {
        name: "Plain Jane",
        fields: &[("--company", "Jane's Café, Ltd.")],
        attempts: &[],
        next: Some(("thu 3pm", "")),
        lost: None,
    },
];

/// Builds the awkward book (at the book's `now`); returns the ids, in
/// [`PEOPLE`] order.
pub fn awkward_book(book: &Book) -> Vec<i64> {
    PEOPLE
        .iter()
        .map(|person| {
            // `--flag=value`: a value may begin with `-`.
            let extra: Vec<String> = person
                .fields
                .iter()
                .map(|(flag, value)| format!("{flag}={value}"))
                .collect();
            let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
            let id = book.add(person.name, &extra);
            let sid = id.to_string();
            for (outcome, note) in person.attempts {
                book.run_json(&["log", &sid, outcome, &format!("--note={note}")]);
            }
            if let Some((when, note)) = person.next {
                let note = format!("--note={note}");
                let mut args = vec!["next", sid.as_str(), when];
                if note != "--note=" {
                    args.push(&note);
                }
                book.run_json(&args);
            }
            if let Some(reason) = person.lost {
                book.run_json(&["lost", &sid, &format!("--reason={reason}")]);
            }
            id
        })
        .collect()
}

//! Which followup field a column holds, by its header: one alias table
//! (data, not a ladder of matches), read case- and accent-insensitively.
//! Exports are localised and carry custom fields; a header the table does
//! not know keeps its column, labelled, in the notes.

use std::borrow::Cow;

/// Where a column's cells go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// The whole name.
    Name,
    /// Given name (joined with the others into the name).
    FirstName,
    /// Middle name.
    MiddleName,
    /// Family name.
    LastName,
    /// A deal's or lead's title: the name when no person is named, else
    /// the product.
    DealName,
    /// Company.
    Company,
    /// A phone number (several columns may hold them; the first is kept,
    /// the rest go into the notes).
    Phone,
    /// An e-mail address (as phones).
    Email,
    /// The product they are likely to choose.
    Product,
    /// Quote value, as people write money.
    Value,
    /// Quote value in cents (followup's own export).
    ValueCents,
    /// Probability, `40%`, `40` or `0.4`.
    Probability,
    /// The next step's time, in the WHEN language.
    Next,
    /// What the next step is about.
    NextNote,
    /// Free notes.
    Notes,
    /// Won, lost or still open.
    Status,
    /// Why they said no.
    LostReason,
    /// What holds them back.
    Objection,
    /// Who decides, when, with what.
    Decision,
    /// followup's stable id, from one of its own exports.
    Uid,
    /// What they liked (followup's own export).
    Liked,
    /// What they disliked (followup's own export).
    Disliked,
    /// Who else decides (followup's own export).
    DecisionWho,
    /// When they see them (followup's own export).
    DecisionWhen,
    /// What they need to know (followup's own export).
    DecisionInfo,
    /// How long they need to review (followup's own export).
    DecisionReview,
    /// The next step's action (followup's own export: `call`, `email` …).
    NextAction,
    /// The next step's exact windows (followup's own export: RFC 3339
    /// `start/end` pairs, or its start and end columns).
    NextWindows,
    /// The next step's first window's start (followup's own export).
    NextStart,
    /// The next step's first window's end (followup's own export).
    NextEnd,
    /// Known and deliberately not kept (labels of other columns,
    /// bookkeeping of followup's own export).
    Ignore,
    /// Not known: kept, labelled, in the notes.
    Unknown,
}

/// Every target a user may name in `--map column=field`, with its name.
pub const FIELD_NAMES: &[(&str, Target)] = &[
    ("name", Target::Name),
    ("first_name", Target::FirstName),
    ("middle_name", Target::MiddleName),
    ("last_name", Target::LastName),
    ("deal", Target::DealName),
    ("company", Target::Company),
    ("phone", Target::Phone),
    ("email", Target::Email),
    ("product", Target::Product),
    ("value", Target::Value),
    ("value_cents", Target::ValueCents),
    ("probability", Target::Probability),
    ("next", Target::Next),
    ("next_note", Target::NextNote),
    ("notes", Target::Notes),
    ("status", Target::Status),
    ("lost_reason", Target::LostReason),
    ("objection", Target::Objection),
    ("decision_process", Target::Decision),
    ("uid", Target::Uid),
    ("ignore", Target::Ignore),
    ("note_line", Target::Unknown),
];

/// The target a `--map` field name stands for.
pub fn field_named(name: &str) -> Option<Target> {
    let key = normalise(name).replace(' ', "_");
    FIELD_NAMES.iter().find(|(n, _)| *n == key).map(|(_, t)| *t)
}

use super::aliases::ALIASES;
use Target::*;

/// followup's own field names (the keys of `show --format json`): a header
/// holding `uid` and at least three of these is one of its exports.
pub const OWN_FIELDS: &[&str] = &[
    "id",
    "name",
    "company",
    "phone",
    "email",
    "product",
    "value_cents",
    "value",
    "probability",
    "objection",
    "decision_process",
    "notes",
    "status",
    "lost_reason",
    "last_contact_at",
    "created_at",
    "updated_at",
    "closed_at",
];

/// The target of a header in one of followup's own exports: its field
/// names as they are, the bookkeeping columns (set by the book, not by a
/// user) ignored, anything else read as any header would be.
pub fn own_target(header: &str) -> Target {
    match header.trim() {
        "name" => Name,
        "company" => Company,
        "phone" => Phone,
        "email" => Email,
        "product" => Product,
        "value_cents" => ValueCents,
        "probability" => Probability,
        "objection" => Objection,
        "decision_process" => Decision,
        "notes" => Notes,
        "status" => Status,
        "lost_reason" => LostReason,
        "uid" => Uid,
        "liked" => Liked,
        "disliked" => Disliked,
        "decision_who" => DecisionWho,
        "decision_when" => DecisionWhen,
        "decision_info" => DecisionInfo,
        "decision_review" => DecisionReview,
        // Kept by the book itself (a customer's purchases, the delivery
        // asked at a win, a debrief owed): not a user's to import.
        "purchases" | "delivery_at" | "debrief_due" => Ignore,
        "next_step_action" => NextAction,
        "next_step_windows" => NextWindows,
        "next_step_due_start" => NextStart,
        "next_step_due_end" => NextEnd,
        "next_step_note" => NextNote,
        // Set by the book, not by the user: a step's id and creation, the
        // series' progress (an imported prospect starts its own chase).
        "next_step_uid"
        | "next_step_created_at"
        | "series_done"
        | "series_paused"
        | "series_paused_until" => Ignore,
        "id" | "value" | "last_contact_at" | "created_at" | "updated_at" | "closed_at"
        | "series" | "series_step" | "weighted" | "weighted_cents" | "last_spoke_at" => Ignore,
        other => target(other),
    }
}

/// The target of a header.
pub fn target(header: &str) -> Target {
    let key = normalise(header);
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == key)
        .map_or(Unknown, |(_, t)| *t)
}

/// True when a header row is one of followup's own exports.
pub fn is_own_export(headers: &[String]) -> bool {
    let has = |name: &str| headers.iter().any(|h| h.trim() == name);
    has("uid") && has("name") && OWN_FIELDS.iter().filter(|f| has(f)).count() >= 3
}

/// A header as the alias table reads it: lower case, Latin accents removed,
/// every run of other characters one space, every run of digits `#`.
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut gap = false;
    let mut digits = false;
    for c in header.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        for f in folded.chars() {
            if f.is_ascii_digit() {
                if !digits {
                    if gap && !out.is_empty() {
                        out.push(' ');
                    }
                    out.push('#');
                }
                digits = true;
                gap = false;
            } else if f.is_alphanumeric() {
                if (gap || digits) && !out.is_empty() {
                    out.push(' ');
                }
                out.push(f);
                gap = false;
                digits = false;
            } else {
                gap = true;
            }
        }
    }
    out
}

/// A lower-case letter without its accent (`é` → `e`, `ß` → `ss`); other
/// characters as they are.
pub fn fold(c: char) -> Cow<'static, str> {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => return Cow::Owned(c.to_string()),
    };
    Cow::Borrowed(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_read_alike_whatever_their_case_accents_and_punctuation() {
        assert_eq!(normalise("E-mail 2 - Value"), "e mail # value");
        assert_eq!(normalise("  Person - Email (Work) "), "person email work");
        assert_eq!(normalise("Prénom"), "prenom");
        assert_eq!(normalise("TÉLÉPHONE"), "telephone");
        assert_eq!(
            normalise("primary_contact_first_name"),
            "primary contact first name"
        );
        assert_eq!(normalise("Company / Account"), "company account");
        assert_eq!(normalise("Vollständiger Name"), "vollstandiger name");
    }

    #[test]
    fn the_table_knows_each_crms_headers() {
        for (header, expected) in [
            ("Email", Email),
            ("E-mail 3 - Value", Email),
            ("E-mail 1 - Label", Ignore),
            ("Phone 2 - Value", Phone),
            ("Person - Name", Name),
            ("Organization - Name", Company),
            ("Deal - Value", Value),
            ("Deal - Status", Status),
            ("FirstName", FirstName),
            ("LastName", LastName),
            ("MobilePhone", Phone),
            ("primary_contact_primary_email", Email),
            ("next_task_date", Next),
            ("Nachname", LastName),
            ("Prénom", FirstName),
            ("Job Title", Unknown),
            ("Industry", Unknown),
        ] {
            assert_eq!(target(header), expected, "{header}");
        }
    }

    #[test]
    fn the_table_names_each_header_once() {
        for (i, (alias, _)) in ALIASES.iter().enumerate() {
            assert_eq!(
                normalise(&alias.replace('#', "1")),
                *alias,
                "{alias} is not normalised"
            );
            assert!(
                ALIASES[i + 1..].iter().all(|(a, _)| a != alias),
                "{alias} twice"
            );
        }
    }

    #[test]
    fn map_names_fields_by_followups_own_words() {
        assert_eq!(field_named("phone"), Some(Phone));
        assert_eq!(field_named("Decision process"), Some(Decision));
        assert_eq!(field_named("fax"), None);
    }

    #[test]
    fn own_exports_are_recognised_by_their_header() {
        let own: Vec<String> = ["id", "uid", "name", "company", "phone", "value_cents"]
            .map(String::from)
            .to_vec();
        assert!(is_own_export(&own));
        let hubspot: Vec<String> = ["Record ID", "First Name", "Email"]
            .map(String::from)
            .to_vec();
        assert!(!is_own_export(&hubspot));
    }
}

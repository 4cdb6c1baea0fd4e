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

use Target::*;

/// Normalised header → target. Headers are normalised by [`normalise`]
/// (lower case, accents and punctuation gone, runs of digits as `#`), so
/// `E-mail 2 - Value`, `e_mail_2_value` and `E-MAIL 3 – VALUE` are one row.
const ALIASES: &[(&str, Target)] = &[
    // Names: English, then HubSpot's French, German and Spanish exports.
    ("name", Name),
    ("full name", Name),
    ("contact name", Name),
    ("contact", Name),
    ("person", Name),
    ("person name", Name),
    ("primary contact name", Name),
    ("client", Name),
    ("client name", Name),
    ("customer", Name),
    ("customer name", Name),
    ("prospect", Name),
    ("lead name", Name),
    ("nom complet", Name),
    ("vollstandiger name", Name),
    ("nombre completo", Name),
    ("first name", FirstName),
    ("firstname", FirstName),
    ("given name", FirstName),
    ("person first name", FirstName),
    ("primary contact first name", FirstName),
    ("prenom", FirstName),
    ("vorname", FirstName),
    ("nombre", FirstName),
    ("middle name", MiddleName),
    ("additional name", MiddleName),
    ("last name", LastName),
    ("lastname", LastName),
    ("family name", LastName),
    ("surname", LastName),
    ("person last name", LastName),
    ("primary contact last name", LastName),
    ("nom", LastName),
    ("nom de famille", LastName),
    ("nachname", LastName),
    ("apellidos", LastName),
    ("apellido", LastName),
    ("deal name", DealName),
    ("deal title", DealName),
    ("deal", DealName),
    ("opportunity", DealName),
    ("opportunity name", DealName),
    // Companies.
    ("company", Company),
    ("company name", Company),
    ("company account", Company),
    ("associated company", Company),
    ("account", Company),
    ("account name", Company),
    ("organization", Company),
    ("organisation", Company),
    ("organization name", Company),
    ("organisation name", Company),
    ("organization # name", Company),
    ("display name", Company),
    ("business", Company),
    ("entreprise", Company),
    ("societe", Company),
    ("nom de l entreprise", Company),
    ("firma", Company),
    ("firmenname", Company),
    ("unternehmen", Company),
    ("empresa", Company),
    ("nombre de la empresa", Company),
    // Phones.
    ("phone", Phone),
    ("phone number", Phone),
    ("phones", Phone),
    ("telephone", Phone),
    ("tel", Phone),
    ("mobile", Phone),
    ("mobile phone", Phone),
    ("mobilephone", Phone),
    ("cell", Phone),
    ("cell phone", Phone),
    ("work phone", Phone),
    ("home phone", Phone),
    ("person phone", Phone),
    ("primary contact primary phone", Phone),
    ("primary contact other phones", Phone),
    ("phone # value", Phone),
    ("numero de telephone", Phone),
    ("telephone portable", Phone),
    ("telefon", Phone),
    ("telefonnummer", Phone),
    ("mobiltelefon", Phone),
    ("telefono", Phone),
    ("numero de telefono", Phone),
    // E-mail addresses.
    ("email", Email),
    ("e mail", Email),
    ("emails", Email),
    ("email address", Email),
    ("e mail address", Email),
    ("mail", Email),
    ("person email", Email),
    ("person email work", Email),
    ("person email home", Email),
    ("person email other", Email),
    ("primary contact primary email", Email),
    ("primary contact other emails", Email),
    ("e mail # value", Email),
    ("email # value", Email),
    ("courriel", Email),
    ("adresse e mail", Email),
    ("e mail adresse", Email),
    ("correo", Email),
    ("correo electronico", Email),
    // The deal.
    ("product", Product),
    ("products", Product),
    ("produit", Product),
    ("produkt", Product),
    ("producto", Product),
    ("value", Value),
    ("amount", Value),
    ("deal value", Value),
    ("deal amount", Value),
    ("quote", Value),
    ("quote value", Value),
    ("price", Value),
    ("montant", Value),
    ("betrag", Value),
    ("importe", Value),
    ("value cents", ValueCents),
    ("probability", Probability),
    ("deal probability", Probability),
    ("win probability", Probability),
    ("chance", Probability),
    ("likelihood", Probability),
    ("probabilite", Probability),
    ("wahrscheinlichkeit", Probability),
    ("probabilidad", Probability),
    ("status", Status),
    ("lead status", Status),
    ("status label", Status),
    ("deal status", Status),
    ("deal status open won lost", Status),
    ("deal stage", Status),
    ("stage", Status),
    ("statut", Status),
    ("etat", Status),
    ("estado", Status),
    ("lost reason", LostReason),
    ("deal lost reason", LostReason),
    ("closed lost reason", LostReason),
    ("reason lost", LostReason),
    ("objection", Objection),
    ("objections", Objection),
    ("decision process", Decision),
    ("decision", Decision),
    // The next step.
    ("next", Next),
    ("next step", Next),
    ("next step date", Next),
    ("next contact", Next),
    ("next call", Next),
    ("next follow up", Next),
    ("follow up", Next),
    ("follow up date", Next),
    ("followup", Next),
    ("callback", Next),
    ("call back", Next),
    ("next task date", Next),
    ("next activity date", Next),
    ("activity due date", Next),
    ("when", Next),
    ("next task text", NextNote),
    ("next task", NextNote),
    ("next action", NextNote),
    ("next step note", NextNote),
    ("activity subject", NextNote),
    // Notes.
    ("notes", Notes),
    ("note", Notes),
    ("note content", Notes),
    ("description", Notes),
    ("comments", Notes),
    ("comment", Notes),
    ("remarks", Notes),
    ("commentaires", Notes),
    ("bemerkungen", Notes),
    ("notizen", Notes),
    ("notas", Notes),
    // Ids and labels.
    ("uid", Uid),
    ("e mail # label", Ignore),
    ("e mail # type", Ignore),
    ("email # label", Ignore),
    ("phone # label", Ignore),
    ("phone # type", Ignore),
    // The reason column of a reject file this command wrote.
    ("import error", Ignore),
];

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
            assert_eq!(normalise(alias), *alias, "{alias} is not normalised");
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

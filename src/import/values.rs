//! Reading the cells of other tools' exports: money written the European
//! or the American way, probabilities as `40%` or `0.4`, statuses in each
//! CRM's words, several phones or addresses in one cell.

use crate::domain::{Money, Probability, Status};

/// Reads money as exports write it: `1.234,50 €`, `$1,234.50`, `1 234,50`,
/// `EUR 1234.5`, `12k`. A comma followed by exactly one or two digits at
/// the end is a decimal comma; otherwise commas and dots are read as
/// [`Money`] reads them.
pub fn money(cell: &str) -> Option<Money> {
    let trimmed = cell.trim();
    // Currency codes and signs before or after the amount.
    let core: String = trimmed
        .trim_matches(|c: char| c.is_alphabetic() && c != 'k' && c != 'K' && c != 'm' && c != 'M')
        .chars()
        .filter(|c| !matches!(c, '€' | '$' | '£' | '¥' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let core = core.trim();
    let european = match core.rfind(',') {
        Some(i) => {
            let after = &core[i + 1..];
            let tail_digits = after.chars().take_while(char::is_ascii_digit).count();
            (1..=2).contains(&tail_digits) && after.len() == tail_digits
        }
        None => false,
    };
    let text = if european {
        core.replace(['.', ' '], "").replace(',', ".")
    } else {
        core.to_string()
    };
    text.parse::<Money>().ok()
}

/// Reads a probability: `40`, `40%`, `40 %`, `0.4`, `0,4` (a fraction when
/// it has a decimal point and is at most 1), `12.5%` rounded.
pub fn probability(cell: &str) -> Option<Probability> {
    let text = cell.trim();
    let percent_sign = text.ends_with('%');
    let number = text.trim_end_matches('%').trim().replace(',', ".");
    let value: f64 = number.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let fraction = !percent_sign && number.contains('.') && value <= 1.0;
    let percent = if fraction { value * 100.0 } else { value };
    let rounded = percent.round();
    if !(0.0..=100.0).contains(&rounded) {
        return None;
    }
    Probability::new(rounded as i64).ok()
}

/// What a status cell says, in the words of the CRMs: `Some(status)` when
/// it is clear, `None` when it says something else (kept in the notes).
pub fn status(cell: &str) -> Option<Status> {
    let key = super::headers::normalise(cell).replace(' ', "");
    let found = STATUS_WORDS.iter().find(|(word, _)| *word == key)?;
    Some(found.1)
}

/// Status words, as [`super::headers::normalise`] leaves them without
/// spaces: followup's own, then HubSpot, Pipedrive, Salesforce, Zoho and
/// Close.
const STATUS_WORDS: &[(&str, Status)] = &[
    ("active", Status::Active),
    ("open", Status::Active),
    ("new", Status::Active),
    ("inprogress", Status::Active),
    ("won", Status::Won),
    ("closedwon", Status::Won),
    ("dealwon", Status::Won),
    ("customer", Status::Won),
    ("closedconverted", Status::Won),
    ("converted", Status::Won),
    ("gagne", Status::Won),
    ("gewonnen", Status::Won),
    ("ganado", Status::Won),
    ("lost", Status::Lost),
    ("closedlost", Status::Lost),
    ("deallost", Status::Lost),
    ("lostlead", Status::Lost),
    ("notinterested", Status::Lost),
    ("closednotconverted", Status::Lost),
    ("perdu", Status::Lost),
    ("verloren", Status::Lost),
    ("perdido", Status::Lost),
    ("closedout", Status::ClosedOut),
];

/// The separate values of a cell that may hold several phone numbers or
/// e-mail addresses: Google's ` ::: `, and the commas or semicolons of
/// Pipedrive and Close.
pub fn several(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(":::")
        .flat_map(|part| part.split([',', ';']))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The last ten digits of a phone number, for finding the same number
/// however it was typed, with or without its country code; `None` when too
/// short to tell people apart.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let last = &digits[digits.len().saturating_sub(10)..];
    (last.len() >= 6).then(|| last.iter().collect())
}

/// An e-mail address as it is compared.
pub fn email_key(email: &str) -> String {
    email.trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_the_ways_exports_write_it() {
        for (cell, cents) in [
            ("1.234,50 €", 123_450),
            ("$1,234.50", 123_450),
            ("1 234,5", 123_450),
            ("EUR 1234.50", 123_450),
            ("1234,50 EUR", 123_450),
            ("12k", 1_200_000),
            ("12500", 1_250_000),
            ("12,500", 1_250_000),
            ("£950", 95_000),
        ] {
            assert_eq!(money(cell), Some(Money::from_cents(cents)), "{cell}");
        }
        for bad in ["lots", "-5", "1,2,3,4.5.6"] {
            assert_eq!(money(bad), None, "{bad}");
        }
    }

    #[test]
    fn probabilities_as_percent_or_fraction() {
        for (cell, p) in [
            ("40%", 40),
            ("40", 40),
            ("0.4", 40),
            ("0,4", 40),
            ("1", 1),
            ("12.5 %", 13),
            ("1.0", 100),
        ] {
            assert_eq!(
                probability(cell).map(Probability::percent),
                Some(p),
                "{cell}"
            );
        }
        for bad in ["150", "-1", "likely", "NaN"] {
            assert_eq!(probability(bad), None, "{bad}");
        }
    }

    #[test]
    fn statuses_in_the_crms_words() {
        assert_eq!(status("closedwon"), Some(Status::Won));
        assert_eq!(status("Closed Won"), Some(Status::Won));
        assert_eq!(status("Closed - Not Converted"), Some(Status::Lost));
        assert_eq!(status("Lost"), Some(Status::Lost));
        assert_eq!(status("open"), Some(Status::Active));
        assert_eq!(status("closed-out"), Some(Status::ClosedOut));
        assert_eq!(status("Attempted to contact"), None);
    }

    #[test]
    fn several_values_in_one_cell() {
        let all: Vec<&str> = several("a@x.io ::: b@y.io, c@z.io").collect();
        assert_eq!(all, ["a@x.io", "b@y.io", "c@z.io"]);
        assert_eq!(
            phone_key("+1 (416) 555-0101").as_deref(),
            Some("4165550101")
        );
        assert_eq!(phone_key("12-34"), None);
    }
}

//! vCards (RFC 6350's 4.0, RFC 2426's 3.0, and the 2.1 of phone exports
//! with bare `TYPE`s and quoted-printable values): one record per card.

use std::rc::Rc;

use super::{Cell, Record, Target};

/// Properties that say nothing about the person (versions, revisions, ids
/// of other apps, pictures).
const IGNORED: &[&str] = &[
    "BEGIN",
    "END",
    "VERSION",
    "PRODID",
    "REV",
    "UID",
    "PHOTO",
    "LOGO",
    "SOUND",
    "KEY",
    "KIND",
    "SOURCE",
    "CLIENTPIDMAP",
    "X-ABUID",
    "X-ABLABEL",
    "X-IMPORT-ERROR",
];

/// A card being read: the line of its `BEGIN`, its property lines (with
/// their line numbers) and its text so far.
type OpenCard = (u64, Vec<(u64, String)>, String);

/// Every card in `text`, each with the line its `BEGIN:VCARD` is on.
pub fn records(text: &str) -> Vec<Record> {
    let mut records = Vec::new();
    let mut card: Option<OpenCard> = None;
    for (line, content) in logical_lines(text) {
        let upper = content.trim().to_ascii_uppercase();
        if upper == "BEGIN:VCARD" {
            card = Some((line, Vec::new(), String::new()));
        } else if upper == "END:VCARD" {
            if let Some((start, props, mut raw)) = card.take() {
                raw.push_str("END:VCARD\r\n");
                records.push(record(start, &props, raw));
            }
        } else if let Some((_, props, _)) = card.as_mut() {
            props.push((line, content.clone()));
        }
        if let Some((_, _, raw)) = card.as_mut() {
            raw.push_str(&content.replace('\n', "\r\n "));
            raw.push_str("\r\n");
        }
    }
    if let Some((start, props, raw)) = card {
        records.push(record(start, &props, raw));
    }
    records
}

/// The file's lines unfolded (a line starting with a space or tab goes on
/// the one before; a quoted-printable value ending in `=` goes on to the
/// next line), each with the line number it starts on.
fn logical_lines(text: &str) -> Vec<(u64, String)> {
    let mut out: Vec<(u64, String)> = Vec::new();
    let mut soft_break = false;
    for (i, physical) in text.lines().enumerate() {
        let number = i as u64 + 1;
        let continued = physical.starts_with([' ', '\t']);
        match out.last_mut() {
            Some((_, last)) if continued => last.push_str(&physical[1..]),
            Some((_, last)) if soft_break => {
                last.pop();
                last.push_str(physical);
            }
            _ => out.push((number, physical.to_string())),
        }
        soft_break = out.last().is_some_and(|(_, l)| {
            l.ends_with('=') && l.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
        });
    }
    out
}

fn record(line: u64, props: &[(u64, String)], raw: String) -> Record {
    let mut cells = Vec::new();
    for (_, content) in props {
        property(content, &mut cells);
    }
    Record {
        line,
        cells,
        problem: None,
        raw: Some(raw),
    }
}

/// Adds the cells of one property line.
fn property(content: &str, cells: &mut Vec<Cell>) {
    let Some((head, value)) = split_value(content) else {
        return;
    };
    let mut parts = head.split(';');
    let name = parts.next().unwrap_or_default();
    // A group prefix ("item1.TEL") says nothing on its own.
    let name = name.rsplit('.').next().unwrap_or(name).to_ascii_uppercase();
    let params: Vec<String> = parts.map(str::to_ascii_uppercase).collect();
    if IGNORED.contains(&name.as_str())
        || params
            .iter()
            .any(|p| p == "ENCODING=B" || p == "ENCODING=BASE64" || p == "BASE64")
    {
        return;
    }
    let value = if params.iter().any(|p| p.ends_with("QUOTED-PRINTABLE")) {
        let charset = params
            .iter()
            .find_map(|p| p.strip_prefix("CHARSET="))
            .unwrap_or("UTF-8");
        quoted_printable(value, charset)
    } else {
        value.to_string()
    };
    let mut add = |label: &str, target: Target, text: String| {
        if !text.trim().is_empty() {
            cells.push(Cell {
                label: Rc::from(label),
                target,
                value: text.trim().to_string(),
            });
        }
    };
    let kind = types(&params);
    match name.as_str() {
        "FN" => add("FN", Target::Name, unescape(&value)),
        "N" => {
            let parts = components(&value);
            let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
            add("N", Target::LastName, part(0));
            add("N", Target::FirstName, part(1));
            add("N", Target::MiddleName, part(2));
        }
        "ORG" => {
            let parts = components(&value);
            let mut parts = parts.into_iter();
            add("ORG", Target::Company, parts.next().unwrap_or_default());
            let rest: Vec<String> = parts.filter(|p| !p.trim().is_empty()).collect();
            add("Department", Target::Unknown, rest.join(", "));
        }
        "TEL" => {
            let number = unescape(&value);
            let number = number.strip_prefix("tel:").unwrap_or(&number).to_string();
            add(&label("Phone", &kind), Target::Phone, number);
        }
        "EMAIL" => add(&label("E-mail", &kind), Target::Email, unescape(&value)),
        "NOTE" => add("Note", Target::Notes, unescape(&value)),
        "ADR" => {
            let parts: Vec<String> = components(&value)
                .into_iter()
                .filter(|p| !p.trim().is_empty())
                .collect();
            add(&label("Address", &kind), Target::Unknown, parts.join(", "));
        }
        other => {
            let title = match other {
                "TITLE" => "Title".to_string(),
                "ROLE" => "Role".to_string(),
                "URL" => "Website".to_string(),
                "BDAY" => "Birthday".to_string(),
                "NICKNAME" => "Nickname".to_string(),
                "CATEGORIES" => "Categories".to_string(),
                _ => other.to_string(),
            };
            add(&title, Target::Unknown, unescape(&value));
        }
    }
}

/// The property's head and value, split at the first colon outside quotes.
fn split_value(content: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (i, c) in content.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some((&content[..i], &content[i + 1..])),
            _ => {}
        }
    }
    None
}

/// The `TYPE`s of a property (`TYPE=cell,voice`, 2.1's bare `CELL`), lower
/// case, without the ones that say nothing (`voice`, `internet`, `pref`).
fn types(params: &[String]) -> Vec<String> {
    params
        .iter()
        .flat_map(|p| p.strip_prefix("TYPE=").unwrap_or(p).split(','))
        .map(|t| t.trim_matches('"').to_ascii_lowercase())
        .filter(|t| !t.contains('=') && !t.is_empty())
        .filter(|t| {
            !matches!(
                t.as_str(),
                "voice" | "internet" | "pref" | "quoted-printable"
            )
        })
        .collect()
}

fn label(base: &str, kind: &[String]) -> String {
    if kind.is_empty() {
        base.to_string()
    } else {
        format!("{base} ({})", kind.join(", "))
    }
}

/// A structured value's components, split at unescaped semicolons.
fn components(value: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(p)) = (chars.next(), parts.last_mut()) {
                    p.push_str(&unescape(&format!("\\{next}")));
                }
            }
            ';' => parts.push(String::new()),
            _ => {
                if let Some(p) = parts.last_mut() {
                    p.push(c);
                }
            }
        }
    }
    parts
}

/// A text value with its escapes (`\n`, `\,`, `\;`, `\\`) read.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A quoted-printable value (`=C3=A9`) decoded in `charset`.
fn quoted_printable(value: &str, charset: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let encoding =
        encoding_rs::Encoding::for_label(charset.as_bytes()).unwrap_or(encoding_rs::UTF_8);
    encoding.decode_without_bom_handling(&out).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<(String, Target, String)> {
        let records = records(text);
        assert_eq!(records.len(), 1);
        records[0]
            .cells
            .iter()
            .map(|c| (c.label.to_string(), c.target, c.value.clone()))
            .collect()
    }

    #[test]
    fn reads_a_folded_v4_card_with_several_numbers() {
        let got = cells(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Åberg\r\nN:Åberg;Zoë;;;\r\nORG:Nordic \r\n Windows;Sales\r\n\
             TEL;TYPE=work,voice:tel:+1-416-555-0101\r\nTEL;TYPE=cell:+1 416 555 0199\r\n\
             EMAIL:zoe@example.com\r\nNOTE:Likes the oak frames\\, not pine.\\nCall after 5.\r\nEND:VCARD\r\n",
        );
        assert!(got.contains(&("FN".into(), Target::Name, "Zoë Åberg".into())));
        assert!(got.contains(&("ORG".into(), Target::Company, "Nordic Windows".into())));
        assert!(got.contains(&("Department".into(), Target::Unknown, "Sales".into())));
        assert!(got.contains(&(
            "Phone (work)".into(),
            Target::Phone,
            "+1-416-555-0101".into()
        )));
        assert!(got.contains(&(
            "Phone (cell)".into(),
            Target::Phone,
            "+1 416 555 0199".into()
        )));
        assert!(got.contains(&(
            "Note".into(),
            Target::Notes,
            "Likes the oak frames, not pine.\nCall after 5.".into()
        )));
    }

    #[test]
    fn reads_version_2_1_with_bare_types_and_quoted_printable() {
        let got = cells(
            "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:C=C3=B4t=C3=A9;H=C3=A9l=C3=A8ne\n\
             TEL;CELL;VOICE:555-0142\nNOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0A=\nsecond line\nEND:VCARD\n",
        );
        assert!(got.contains(&("N".into(), Target::LastName, "Côté".into())));
        assert!(got.contains(&("N".into(), Target::FirstName, "Hélène".into())));
        assert!(got.contains(&("Phone (cell)".into(), Target::Phone, "555-0142".into())));
        assert!(got.contains(&(
            "Note".into(),
            Target::Notes,
            "first line\r\nsecond line".into()
        )));
    }

    #[test]
    fn each_card_knows_its_line() {
        let all = records("BEGIN:VCARD\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nFN:B\nEND:VCARD\n");
        assert_eq!(all.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 5]);
    }
}

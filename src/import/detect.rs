//! What kind of file it is (vCard or CSV, which delimiter, whose export),
//! and reading it into records.

use std::rc::Rc;

use super::headers::{self, Target, normalise};
use super::{Override, Record, Source, csv_rows, encoding, json_lines, vcard};

/// What kind of file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-, semicolon- or tab-separated values.
    Csv {
        /// The delimiter found.
        delimiter: u8,
        /// Whose export the header looks like.
        layout: Layout,
    },
    /// vCards (2.1, 3.0, 4.0).
    VCard,
    /// followup's own JSON export (JSON Lines).
    JsonLines,
}

impl Format {
    /// How the summary names it: "HubSpot CSV (,)".
    pub fn describe(self) -> String {
        match self {
            Format::VCard => "vCard".into(),
            Format::JsonLines => "followup JSON Lines".into(),
            Format::Csv { delimiter, layout } => {
                let d = match delimiter {
                    b'\t' => "tab".to_string(),
                    other => char::from(other).to_string(),
                };
                format!("{} CSV ({d})", layout.name())
            }
        }
    }
}

/// Whose export a header row looks like (for the summary; the mapping is
/// the alias table's, whatever the layout, except for followup's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// followup's own export: its field names and `uid`.
    Own,
    /// A CRM's, by name.
    Crm(&'static str),
    /// A spreadsheet (any other header).
    Spreadsheet,
}

impl Layout {
    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Own => "followup",
            Layout::Crm(name) => name,
            Layout::Spreadsheet => "spreadsheet",
        }
    }
}

/// Each CRM's signature: headers (normalised) that all appear in its
/// exports and rarely elsewhere. The first that matches names the layout.
const SIGNATURES: &[(&str, &[&str])] = &[
    ("HubSpot deals", &["record id", "deal name", "deal stage"]),
    ("HubSpot contacts", &["record id", "contact owner"]),
    ("HubSpot contacts", &["contact id", "lifecycle stage"]),
    ("Zoho CRM", &["record id", "lead owner"]),
    ("Pipedrive", &["person name"]),
    ("Pipedrive", &["deal title"]),
    ("Salesforce", &["firstname", "lastname"]),
    ("Salesforce", &["lead owner", "company account"]),
    ("Close", &["display name", "status label"]),
    ("Close", &["primary contact name"]),
    ("Google Contacts", &["e mail # value"]),
    ("Google Contacts", &["phone # value"]),
    ("Google Contacts", &["given name", "family name"]),
];

/// Recognises the file and reads every record. `overrides` replace the
/// alias table's target for the columns they name; naming a column the
/// header does not have is refused.
pub fn read(bytes: Vec<u8>, overrides: &[Override]) -> Result<Source, String> {
    let (text, encoding) = encoding::decode(bytes);
    if text.trim().is_empty() {
        return Err("the file is empty".into());
    }
    if is_vcard(&text) {
        let records = vcard::records(&text);
        if !overrides.is_empty() {
            return Err(
                "--map applies to CSV columns; a vCard's properties are read as they are".into(),
            );
        }
        return Ok(Source {
            format: Format::VCard,
            encoding,
            header: Vec::new(),
            records,
        });
    }
    if json_lines::is_json_lines(&text) {
        if !overrides.is_empty() {
            return Err("--map applies to CSV columns; followup's JSON export is read by its own field names".into());
        }
        return Ok(Source {
            format: Format::JsonLines,
            encoding,
            header: Vec::new(),
            records: json_lines::records(&text),
        });
    }
    let (text, skipped, declared) = excel_separator_line(&text);
    let delimiter = declared.unwrap_or_else(|| delimiter(text));
    let (header, records) = csv_rows::read(text, delimiter, skipped)?;
    let layout = layout(&header);
    let mut targets: Vec<Target> = header
        .iter()
        .map(|h| match layout {
            Layout::Own => headers::own_target(h),
            _ => headers::target(h),
        })
        .collect();
    for o in overrides {
        let key = normalise(&o.column);
        let index = header
            .iter()
            .position(|h| normalise(h) == key)
            .ok_or_else(|| {
                format!(
                    "--map names \"{}\", which is not a column of this file",
                    o.column
                )
            })?;
        targets[index] = o.target;
    }
    let restore = layout == Layout::Own;
    let records = records
        .into_iter()
        .map(|(line, cells, problem)| Record {
            line,
            cells: cells
                .into_iter()
                .zip(header.iter().zip(&targets))
                .map(|(value, (label, target))| super::Cell {
                    label: Rc::clone(label),
                    target: *target,
                    value: if restore { restored(value) } else { value },
                })
                .collect(),
            problem,
            raw: None,
        })
        .collect();
    Ok(Source {
        format: Format::Csv { delimiter, layout },
        encoding,
        header,
        records,
    })
}

fn is_vcard(text: &str) -> bool {
    text.trim_start()
        .get(..11)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCARD"))
}

/// Excel's `sep=;` first line names the delimiter; returns the text after
/// it, how many lines were skipped, and the delimiter.
fn excel_separator_line(text: &str) -> (&str, u64, Option<u8>) {
    let first = text.lines().next().unwrap_or_default();
    match first.trim_end().strip_prefix("sep=").map(str::as_bytes) {
        Some([d]) => (
            text[first.len()..].trim_start_matches(['\r', '\n']),
            1,
            Some(*d),
        ),
        _ => (text, 0, None),
    }
}

/// The delimiter of the header line: whichever of `,` `;` tab appears most
/// often outside quotes (`,` when none does).
pub fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn layout(header: &[Rc<str>]) -> Layout {
    let owned: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    if headers::is_own_export(&owned) {
        return Layout::Own;
    }
    let keys: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    SIGNATURES
        .iter()
        .find(|(_, needs)| needs.iter().all(|n| keys.iter().any(|k| k == n)))
        .map_or(Layout::Spreadsheet, |(name, _)| Layout::Crm(name))
}

/// A cell of followup's own export with the mark that kept a spreadsheet
/// from reading it as a formula (`'=…`, `'+1 416…`) taken off again, by
/// the export's own rule (`exchange::cells`): every marked cell carries
/// exactly one added mark, a cell that began with one included.
fn restored(value: String) -> String {
    match crate::exchange::cells::restore(&value) {
        kept if kept.len() == value.len() => value,
        kept => kept.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_delimiter_of_the_header() {
        assert_eq!(delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(delimiter("a;b;c\n"), b';');
        assert_eq!(delimiter("a\tb\t\"c,d,e\"\n"), b'\t');
        assert_eq!(delimiter("name\n"), b',');
    }

    #[test]
    fn own_exports_get_their_marked_cells_back() {
        assert_eq!(restored("'+1 416 555 0101".into()), "+1 416 555 0101");
        assert_eq!(restored("'=SUM(A1)".into()), "=SUM(A1)");
        // The export marks a cell that began with the mark itself too.
        assert_eq!(restored("''quoted".into()), "'quoted");
        assert_eq!(restored("plain".into()), "plain");
    }

    #[test]
    fn an_excel_separator_line_names_the_delimiter() {
        let source = read(b"sep=;\nName;Phone\nAda;555-0101\n".to_vec(), &[]).unwrap();
        assert!(matches!(
            source.format,
            Format::Csv {
                delimiter: b';',
                ..
            }
        ));
        assert_eq!(source.records.len(), 1);
        assert_eq!(source.records[0].line, 3);
    }
}

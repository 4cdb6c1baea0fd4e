//! The reject file of `--skip-bad`: the bad rows as they were read, so
//! they can be fixed and imported again, each with why it was refused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{BadCell, Format, Source};

/// The column of the reject file that says why (the import reads it back
/// as nothing).
pub const WHY_COLUMN: &str = "import error";

/// Where the reject file of `input` goes: beside it, `NAME.rejected.csv`
/// (`.vcf` for vCards); for standard input, in the current folder.
pub fn path_for(input: Option<&Path>, format: Format) -> PathBuf {
    let ext = match format {
        Format::VCard => "vcf",
        Format::Csv { .. } => "csv",
        Format::JsonLines => "jsonl",
    };
    match input {
        Some(path) => {
            let stem = path.file_stem().map_or_else(
                || "import".to_string(),
                |s| s.to_string_lossy().into_owned(),
            );
            path.with_file_name(format!("{stem}.rejected.{ext}"))
        }
        None => PathBuf::from(format!("followup-import.rejected.{ext}")),
    }
}

/// Writes the records with bad cells to `path` (UTF-8, the file's own
/// delimiter, the header and a last column saying why; a vCard file gets
/// the cards, each with a NOTE saying why).
pub fn write(path: &Path, source: &Source, bad: &[BadCell]) -> Result<(), String> {
    let mut why: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for b in bad {
        let text = if b.column.is_empty() {
            b.why.clone()
        } else {
            format!("{}: {}", b.column, b.why)
        };
        why.entry(b.line).or_default().push(text);
    }
    let failed = |e: &dyn std::fmt::Display| {
        format!("could not write the reject file {}: {e}", path.display())
    };
    let records = source
        .records
        .iter()
        .filter_map(|r| why.get(&r.line).map(|w| (r, w.join("; "))));
    match source.format {
        Format::JsonLines => {
            // Each bad line as it was, with why in a key of its own that a
            // second import leaves out (a line that is not an object as is).
            let mut out = String::new();
            for (record, why) in records {
                let raw = record.raw.as_deref().unwrap_or_default();
                let line = match serde_json::from_str::<serde_json::Value>(raw) {
                    Ok(serde_json::Value::Object(mut p)) => {
                        p.insert(WHY_COLUMN.into(), why.into());
                        serde_json::Value::Object(p).to_string()
                    }
                    _ => raw.to_string(),
                };
                out.push_str(&line);
                out.push('\n');
            }
            std::fs::write(path, out).map_err(|e| failed(&e))
        }
        Format::VCard => {
            let mut out = String::new();
            for (record, why) in records {
                let raw = record.raw.as_deref().unwrap_or_default();
                let body = raw.trim_end().strip_suffix("END:VCARD").unwrap_or(raw);
                out.push_str(body.trim_end());
                out.push_str(&format!(
                    "\r\nX-IMPORT-ERROR:{}\r\nEND:VCARD\r\n",
                    why.replace('\n', " ")
                ));
            }
            std::fs::write(path, out).map_err(|e| failed(&e))
        }
        Format::Csv { delimiter, .. } => {
            let mut writer = csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_path(path)
                .map_err(|e| failed(&e))?;
            let mut header: Vec<&str> = source.header.iter().map(|h| &**h).collect();
            header.push(WHY_COLUMN);
            writer.write_record(&header).map_err(|e| failed(&e))?;
            for (record, why) in records {
                let mut cells: Vec<&str> = record.cells.iter().map(|c| c.value.as_str()).collect();
                cells.push(&why);
                writer.write_record(&cells).map_err(|e| failed(&e))?;
            }
            writer.flush().map_err(|e| failed(&e))
        }
    }
}

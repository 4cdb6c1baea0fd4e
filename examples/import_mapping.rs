//! Reading an unusual spreadsheet the way `followup import --map` does: a
//! trade-show lead list kept in a German office's Excel, with its own
//! column names, `;` between cells and amounts written `1.234,50 €`.
//!
//! ```sh
//! cargo run --example import_mapping
//! ```
//!
//! Four columns are mapped by hand ("Ansprechpartner" is the name,
//! "Durchwahl" the phone, "Budget" the quote's value, "Rückruf" the next
//! step); "Firma" and "E-Mail" are recognised by
//! the importer's own alias table, and "Messestand" (a column followup has no
//! field for) goes into the notes, labelled. Nothing is written: this prints
//! what `followup import --dry-run` would plan to create.

use chrono::{Local, TimeZone};
use followup::app::Context;
use followup::import::{self, Override, map::Reading};
use std::io::Write;

/// The spreadsheet, as Excel saves it ("CSV (Trennzeichen-getrennt)").
pub const SHEET: &str = "\
Ansprechpartner;Firma;Durchwahl;E-Mail;Budget;Rückruf;Messestand
Jana Köhler;Bäckerei Köhler;+49 30 1234 5678;jana@koehler.example;12.500,00 €;tomorrow 10am;B14
Tobias Brandt;Brandt & Söhne;030 9876 5432;;4.200,50 €;;C02
";

/// The mapping: column = followup field.
pub const MAP: &[&str] = &[
    "Ansprechpartner=name",
    "Durchwahl=phone",
    "Budget=value",
    "Rückruf=next",
];

/// Reads `sheet` with `map` and prints one line per prospect it would create;
/// returns how many rows were bad.
pub fn run(sheet: &str, map: &[&str], out: &mut impl Write) -> Result<usize, String> {
    let overrides: Vec<Override> = map.iter().map(|m| m.parse()).collect::<Result<_, _>>()?;
    let source = import::read(sheet.as_bytes().to_vec(), &overrides)?;
    let ctx = Context::builtin();
    let now = Local
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .ok_or("no such local time")?;
    let (candidates, bad) = import::map::candidates(
        &source,
        Reading {
            ctx: &ctx,
            now: &now,
        },
    );
    let write = |out: &mut dyn Write, line: String| {
        writeln!(out, "{line}").map_err(|e| format!("cannot write: {e}"))
    };
    write(out, format!("read as {}", source.format.describe()))?;
    for c in &candidates {
        let p = &c.patch;
        let value = p.value.flatten().map(|m| m.to_string()).unwrap_or_default();
        let next = c.next.as_ref().map_or_else(
            || "no next step".to_string(),
            |n| format!("{} {}", n.action, n.window.start.format("%a %d %b %H:%M")),
        );
        write(
            out,
            format!(
                "line {}: {} | {} | {} | {} | {}",
                c.line,
                p.name.as_deref().unwrap_or("?"),
                p.company.as_deref().unwrap_or(""),
                p.phone.as_deref().unwrap_or(""),
                value,
                next,
            ),
        )?;
        if let Some(notes) = &p.notes {
            write(out, format!("    notes: {}", notes.replace('\n', " / ")))?;
        }
    }
    for b in &bad {
        write(
            out,
            format!("bad: line {}, {}: {}", b.line, b.column, b.why),
        )?;
    }
    Ok(bad.len())
}

fn main() {
    let mut out = std::io::stdout();
    match run(SHEET, MAP, &mut out) {
        Ok(0) => {}
        Ok(n) => {
            eprintln!("{n} bad row(s)");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("import_mapping: {e}");
            std::process::exit(1);
        }
    }
}

//! `followup import FILE`: read, check every row, plan against the book,
//! write it all in one transaction (or only say what would happen).

use chrono::Utc;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Value, json};
use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use super::args::Format;
use super::{Run, emit, tell};
use crate::app::AppError;
use crate::import::{self, BadCell, Candidate, Override, Plan, Source, map, plan};
use crate::store::Book;
use crate::ui::action::Action as UiAction;
use crate::ui::keymap::{KeyMode, key_for};

/// `followup import`'s options.
#[derive(Debug, Args)]
#[command(after_help = "Example: followup import hubspot-contacts.csv --dry-run")]
pub struct ImportArgs {
    /// The file: a CSV export (HubSpot, Pipedrive, Salesforce, Zoho, Close,
    /// Google Contacts, a spreadsheet, followup's own) or vCards; `-` reads
    /// standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Put a column's cells in a field: "Cell=phone" (fields: name,
    /// first_name, last_name, company, phone, email, product, value,
    /// probability, next, next_note, notes, status, lost_reason, objection,
    /// decision_process, uid, ignore); repeat for more columns
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<Override>,
    /// Say what would be created, updated and skipped; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows and write the bad ones to a reject file (beside
    /// FILE: NAME.rejected.csv) instead of importing nothing
    #[arg(long)]
    pub skip_bad: bool,
    /// Where `--skip-bad` writes the bad rows
    #[arg(long, value_name = "PATH", requires = "skip_bad")]
    pub reject_file: Option<PathBuf>,
}

impl ImportArgs {
    fn input(&self) -> Option<&std::path::Path> {
        (self.file.as_os_str() != "-").then_some(self.file.as_path())
    }
}

/// Reads the file and maps every row; nothing touches the book yet.
fn read(run: &Run, args: &ImportArgs) -> Result<(Source, Vec<Candidate>, Vec<BadCell>), AppError> {
    let mut bytes = Vec::new();
    let read = match args.input() {
        Some(path) => std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)),
        None => std::io::stdin().read_to_end(&mut bytes),
    };
    read.map_err(|e| AppError::Refused(format!("could not read {}: {e}", args.file.display())))?;
    let source = import::read(bytes, &args.map).map_err(AppError::Refused)?;
    let reading = map::Reading {
        ctx: &run.ctx,
        now: &run.now,
    };
    let (candidates, bad) = map::candidates(&source, reading);
    Ok((source, candidates, bad))
}

/// Runs `followup import`.
pub fn import(run: &mut Run, args: ImportArgs) -> Result<(), AppError> {
    let (mut source, candidates, bad) = read(run, &args)?;
    if bad.is_empty() {
        // Only the reject file reads the rows again: free them now.
        source.records = Vec::new();
    }
    let bad_rows = {
        let mut lines: Vec<u64> = bad.iter().map(|b| b.line).collect();
        lines.dedup();
        lines.len()
    };
    if !bad.is_empty() && !args.skip_bad {
        report_bad(run.format, &args, &source, &bad)?;
        return Err(AppError::Refused(format!(
            "{bad_rows} bad row{} (every one listed above); nothing was imported: fix {}, or use --skip-bad to import the other {} rows",
            plural(bad_rows),
            if bad_rows == 1 { "it" } else { "them" },
            candidates.len()
        )));
    }
    let reject = (!bad.is_empty()).then(|| {
        args.reject_file
            .clone()
            .unwrap_or_else(|| import::reject::path_for(args.input(), source.format))
    });
    if args.dry_run {
        let plan = plan(run.book.conn(), candidates)?;
        return report(
            run,
            &args,
            &source,
            &plan,
            None,
            &bad,
            reject.as_deref(),
            true,
        );
    }
    if let Some(path) = &reject {
        import::reject::write(path, &source, &bad).map_err(AppError::Refused)?;
    }
    let bar = progress(candidates.len());
    let now = run.now.with_timezone(&Utc);
    let (plan, applied) = import::import(&mut run.book, candidates, now, || bar.inc(1))?;
    bar.finish_and_clear();
    report(
        run,
        &args,
        &source,
        &plan,
        Some(&applied.ids),
        &bad,
        reject.as_deref(),
        false,
    )
}

/// `--dry-run` with no book yet: the plan against an empty book.
pub fn dry_run_without_book(
    run_ctx: crate::app::Context,
    now: chrono::DateTime<chrono::Local>,
    format: Format,
    args: ImportArgs,
) -> Result<(), AppError> {
    let mut run = Run {
        book: Book::open_in_memory()?,
        ctx: run_ctx,
        now,
        format,
    };
    import(&mut run, args)
}

/// A bar on a terminal; nothing in a pipe.
fn progress(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("importing {bar:40} {pos}/{len} rows") {
        bar.set_style(style);
    }
    bar
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn bad_json(bad: &[BadCell]) -> Value {
    bad.iter()
        .map(|b| json!({ "line": b.line, "column": b.column, "why": b.why }))
        .collect()
}

/// Every bad row, in one pass: on stderr (one line each) or in the JSON.
fn report_bad(
    format: Format,
    args: &ImportArgs,
    source: &Source,
    bad: &[BadCell],
) -> Result<(), AppError> {
    match format {
        Format::Json => super::commands::print_json(&json!({
            "file": args.file,
            "format": source.format.describe(),
            "imported": false,
            "bad": bad_json(bad),
        })),
        Format::Table => {
            for b in bad {
                match b.column.as_str() {
                    "" => tell(&format!("line {}: {}", b.line, b.why)),
                    column => tell(&format!("line {}, column \"{column}\": {}", b.line, b.why)),
                }
            }
            Ok(())
        }
    }
}

/// The import's summary (or the dry run's plan).
#[allow(clippy::too_many_arguments)]
fn report(
    run: &Run,
    args: &ImportArgs,
    source: &Source,
    plan: &Plan,
    ids: Option<&[Option<crate::domain::ProspectId>]>,
    bad: &[BadCell],
    reject: Option<&std::path::Path>,
    dry_run: bool,
) -> Result<(), AppError> {
    let (created, updated, skipped) = plan.counts();
    let without = plan.without_next_step();
    let bad_rows = {
        let mut lines: Vec<u64> = bad.iter().map(|b| b.line).collect();
        lines.dedup();
        lines.len()
    };
    match run.format {
        Format::Json => {
            let rows: Vec<Value> =
                plan.rows
                    .iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let id = match &row.action {
                            import::Action::Update { id, .. }
                            | import::Action::Unchanged { id } => Some(id.0),
                            _ => ids
                                .and_then(|ids| ids.get(i).copied().flatten())
                                .map(|id| id.0),
                        };
                        let mut v = json!({
                            "line": row.candidate.line,
                            "action": row.action.as_str(),
                            "id": id,
                            "name": row.name,
                            "matched_by": row.matched.map(import::Match::as_str),
                            "without_next_step": row.without_next_step,
                        });
                        if let import::Action::Update { changes, .. } = &row.action {
                            v["changes"] = json!(changes);
                        }
                        if let import::Action::Merged { into_line } = row.action {
                            v["merged_into_line"] = json!(into_line);
                        }
                        v
                    })
                    .collect();
            super::commands::print_json(&json!({
                "file": args.file,
                "format": source.format.describe(),
                "encoding": source.encoding.name(),
                "dry_run": dry_run,
                "imported": !dry_run,
                "created": created,
                "updated": updated,
                "skipped": skipped,
                "without_next_step": without,
                "bad": bad_json(bad),
                "reject_file": reject,
                "rows": rows,
            }))
        }
        Format::Table => {
            let mut out = String::new();
            if dry_run {
                out.push_str(&super::import_table::plan_table(plan));
            }
            let what = format!(
                "{} ({}, {})",
                args.file.display(),
                source.format.describe(),
                source.encoding.name()
            );
            if dry_run {
                out.push_str(&format!(
                    "Dry run of {what}: would create {created}, update {updated}, skip {skipped}; nothing was changed.\n"
                ));
            } else {
                out.push_str(&format!(
                    "Imported {what}: {created} created, {updated} updated, {skipped} skipped.\n"
                ));
            }
            if bad_rows > 0 {
                let reject = reject.map(|p| p.display().to_string()).unwrap_or_default();
                let verb = if dry_run { "would go" } else { "are" };
                out.push_str(&format!(
                    "{bad_rows} bad row{} left out; they {verb} in {reject} with the reason on each.\n",
                    plural(bad_rows)
                ));
            }
            if without > 0 {
                let key = key_for(UiAction::SetNext, KeyMode::Normal);
                let (have, them) = match (dry_run, without) {
                    (true, 1) => ("would have", "it"),
                    (true, _) => ("would have", "each of them"),
                    (false, 1) => ("has", "it"),
                    (false, _) => ("have", "each of them"),
                };
                out.push_str(&format!(
                    "{without} of them {have} no next step. Your first job: give {them} one. In the cockpit they are under \"no next step\": select one and press {key}; or run `followup next ID WHEN`.\n"
                ));
            }
            emit(&out)
        }
    }
}

//! One handler per subcommand: validate, call the application operation,
//! print the result as a table or JSON.

use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::Path;

use super::args::{
    AddArgs, Command, EditArgs, FieldArgs, Format, LogArgs, NextArgs, ReopenArgs, StatusFilter,
};
use super::table::LastColumn;
use super::{Run, emit, json, json_today, show};
use crate::app::{self, AppError, Context, Finish, LogRequest, NextRequest};
use crate::config;
use crate::domain::{ProspectId, ProspectPatch, Status};
use crate::store::{self, ProspectFilter};

/// The most prospects `list` prints; the book is paged, never loaded whole.
const LIST_LIMIT: usize = 10_000;
/// The most queue entries `today` prints per queue.
const QUEUE_LIMIT: usize = 500;

/// A note given on the command line: `-` reads it, line breaks and all,
/// from standard input (`followup note 7 - < call.txt`).
fn text_or_stdin(text: String) -> Result<String, AppError> {
    if text != "-" {
        return Ok(text);
    }
    std::io::read_to_string(std::io::stdin())
        .map_err(|e| AppError::Refused(format!("could not read the note from standard input: {e}")))
}

/// Runs one subcommand against the open book.
pub fn dispatch(run: &mut Run, command: Command) -> Result<(), AppError> {
    match command {
        Command::Add(args) => add(run, args),
        Command::Import(args) => super::import::import(run, args),
        Command::List { status } => list(run, status),
        Command::Show { id } => show_one(run, ProspectId(id)),
        Command::History { id, all } => history(run, ProspectId(id), all),
        Command::Today => today(run),
        Command::Log(args) => log(run, args),
        Command::Next(args) => next(run, args),
        Command::Edit(args) => edit(run, args),
        Command::Note { id, text } => {
            let text = text_or_stdin(text)?;
            let (p, _) = app::add_note(&mut run.book, run.now, ProspectId(id), &text)?;
            print_prospect(run, &p, "Note added")
        }
        Command::Won { id, delivery } => {
            let (p, change) = app::win_prospect(
                &mut run.book,
                &run.ctx,
                run.now,
                ProspectId(id),
                delivery.as_deref(),
            )?;
            print_prospect(run, &p, &change.summary)
        }
        Command::Debrief(args) => super::aftersale::debrief(run, args),
        Command::Debriefs { since } => super::aftersale::debriefs(run, since),
        Command::Coach { name, text } => super::coaching::coach(run, &name, text_or_stdin(text)?),
        Command::Coaching { consultant } => super::coaching::list(run, consultant.as_deref()),
        Command::Plan { id } => super::aftersale::plan(run, ProspectId(id)),
        Command::Tick { id } => super::aftersale::advance(run, ProspectId(id), false),
        Command::Backorder { id } => super::aftersale::advance(run, ProspectId(id), true),
        Command::Lost { id, reason } => finish(run, id, Finish::Lost(reason)),
        Command::Close { id } => finish(run, id, Finish::ClosedOut),
        Command::Reopen(args) => reopen(run, args),
        Command::Script { id } => script(run, ProspectId(id)),
        Command::Pause { id, until } => {
            // The series resumes when the named window opens ("jan 15": that
            // morning, as business hours start).
            let until = until
                .map(|when| run.ctx.window(&when, &run.now).map(|w| w.start))
                .transpose()?;
            let (p, change) = app::pause(&mut run.book, run.now, ProspectId(id), until)?;
            print_prospect(run, &p, &change.summary)
        }
        Command::Resume { id } => {
            let (p, change) = app::set_paused(&mut run.book, run.now, ProspectId(id), false)?;
            print_prospect(run, &p, &change.summary)
        }
        Command::Series => series(&run.ctx, run.format),
        Command::Config => config(&run.ctx, Some(run.book.path()), run.format),
        // Handled before a book is opened (`cli::run`).
        Command::Profile(args) => super::profile::profile(&run.ctx, args, run.format),
        Command::Team(super::team::TeamCommand::Status) => super::team::status(run),
        Command::Team(command) => super::team::team(&run.ctx, command, run.format),
        Command::Sync {
            parked,
            retry_parked,
        } => super::team::sync(run, parked, retry_parked),
        Command::Demo(args) => super::cockpit::write_demo(run, &args),
        Command::Report(args) => super::report::report(run, &args, false),
        Command::Backup { path } => {
            let info = store::backup_to(&run.book, &path)?;
            match run.format {
                Format::Json => print_json(&json!({ "path": path, "prospects": info.prospects })),
                Format::Table => emit(&format!(
                    "Backed up {} prospects to {}\n",
                    info.prospects,
                    path.display()
                )),
            }
        }
        Command::Export(args) => super::export::export(run, args),
        Command::Completions { shell } => super::complete::completions(shell),
        Command::Man { out } => super::complete::man(out.as_deref()),
        Command::CompleteIds { prefix } => super::complete::complete_ids(run, &prefix),
        Command::Restore { path } => {
            let stamp = run.now.format("%Y%m%d-%H%M%S").to_string();
            let (info, aside) = store::restore_from(&mut run.book, &path, &stamp)?;
            match run.format {
                Format::Json => print_json(
                    &json!({ "restored": path, "prospects": info.prospects, "previous_book": aside }),
                ),
                Format::Table => emit(&format!(
                    "Restored {} prospects from {}; the previous book is kept at {}\n",
                    info.prospects,
                    path.display(),
                    aside.display()
                )),
            }
        }
    }
}

/// Prints one JSON document: the only way JSON reaches stdout.
pub(super) fn print_json(value: &impl serde::Serialize) -> Result<(), AppError> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match super::json_text::write_to(value, &mut out) {
        Ok(()) => out.write_all(b"\n").and_then(|()| out.flush()),
        Err(e) if e.is_io() => Err(e.into()),
        // A value JSON cannot hold (none of ours): what is still buffered
        // is dropped rather than printed as the start of a document.
        Err(e) => {
            drop(out.into_parts());
            return Err(AppError::Refused(format!("could not write JSON: {e}")));
        }
    };
    super::output_written(written)
}

fn patch(fields: FieldArgs, name: Option<String>, notes: Option<String>) -> ProspectPatch {
    ProspectPatch {
        name,
        company: fields.company,
        phone: fields.phone,
        email: fields.email,
        product: fields.product,
        value: fields.value.map(|v| v.0),
        probability: fields.probability.map(|p| p.0),
        objection: fields.objection,
        decision_process: fields.decision,
        notes,
        series: fields.series,
        liked: fields.liked,
        disliked: fields.disliked,
        decision_who: fields.decides,
        decision_when: fields.sees_them,
        decision_info: fields.needs,
        decision_review: fields.review,
    }
}

fn print_prospect(run: &Run, p: &crate::domain::Prospect, message: &str) -> Result<(), AppError> {
    match run.format {
        Format::Json => print_json(&json::prospect(p, Some(&app::series_view(&run.ctx, p)))),
        Format::Table => emit(&format!(
            "{}\n",
            crate::domain::text::sanitize_line(message)
        )),
    }
}

fn add(run: &mut Run, args: AddArgs) -> Result<(), AppError> {
    let next = args.next.map(NextRequest::call);
    let fields = patch(args.fields, Some(args.name), args.note);
    let (p, change) = app::add_prospect(&mut run.book, &run.ctx, run.now, fields, next.as_ref())?;
    print_prospect(run, &p, &format!("{} (id {})", change.summary, p.id))
}

fn list(run: &Run, status: StatusFilter) -> Result<(), AppError> {
    let filter = match status {
        StatusFilter::Active => ProspectFilter::Status(Status::Active),
        StatusFilter::Won => ProspectFilter::Status(Status::Won),
        StatusFilter::Lost => ProspectFilter::Status(Status::Lost),
        StatusFilter::ClosedOut => ProspectFilter::Status(Status::ClosedOut),
        StatusFilter::All => ProspectFilter::All,
    };
    let prospects = store::list_prospects(run.book.conn(), filter, LIST_LIMIT + 1, 0)?;
    let prospects = if prospects.len() > LIST_LIMIT {
        super::tell(&format!(
            "showing the first {LIST_LIMIT} prospects by name; narrow with --status"
        ));
        &prospects[..LIST_LIMIT]
    } else {
        &prospects[..]
    };
    match run.format {
        Format::Json => print_json(
            &prospects
                .iter()
                .map(|p| json::prospect(p, None))
                .collect::<Vec<_>>(),
        ),
        Format::Table => {
            let rows = super::list::with_steps(run.book.conn(), prospects)?;
            emit(&super::list::prospect_list(
                &rows,
                status_word(status),
                &run.now,
                run.ctx.hours(),
            ))
        }
    }
}

fn status_word(status: StatusFilter) -> &'static str {
    match status {
        StatusFilter::Active => "active",
        StatusFilter::Won => "won",
        StatusFilter::Lost => "lost",
        StatusFilter::ClosedOut => "closed-out",
        StatusFilter::All => "all",
    }
}

fn show_one(run: &Run, id: ProspectId) -> Result<(), AppError> {
    let view = app::prospect_view(&run.book, &run.ctx, id, usize::MAX >> 1)?;
    match run.format {
        Format::Json => print_json(&json::prospect_view(&view, &run.now, run.ctx.hours())),
        Format::Table => emit(&show::prospect_view(
            &view,
            &run.now,
            run.ctx.hours(),
            note_column(),
        )),
    }
}

/// `history`: the prospect's timeline, oldest first.
fn history(run: &Run, id: ProspectId, all: bool) -> Result<(), AppError> {
    let timeline = app::timeline(&run.book, id)?;
    match run.format {
        Format::Json => print_json(&json::timeline(&timeline)),
        Format::Table => emit(&super::timeline::timeline(&timeline, all, note_column())),
    }
}

/// How `show` fits attempt notes: wrapped to the terminal's width (from
/// `COLUMNS`, else the terminal, else 100), or whole when the output goes
/// to a pipe or a file, where a program or a pager reads it.
fn note_column() -> LastColumn {
    if !std::io::stdout().is_terminal() {
        return LastColumn::Full;
    }
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
        .or_else(|| {
            crossterm::terminal::size()
                .ok()
                .map(|(cols, _)| usize::from(cols))
                .filter(|c| *c > 0)
        })
        .unwrap_or(DEFAULT_COLUMNS);
    LastColumn::Wrap(columns)
}

/// The width assumed when a terminal does not say.
const DEFAULT_COLUMNS: usize = 100;

/// `today` (and, until the cockpit lands, `followup` with no command).
pub fn today(run: &Run) -> Result<(), AppError> {
    let today = app::today(&run.book, &run.ctx, &run.now, QUEUE_LIMIT)?;
    match run.format {
        Format::Json => print_json(&json_today::today(&today, &run.now, run.ctx.hours())),
        Format::Table => emit(&show::today(&today, &run.now, run.ctx.hours())),
    }
}

fn log(run: &mut Run, args: LogArgs) -> Result<(), AppError> {
    let request = LogRequest {
        update: None,
        outcome: args.outcome,
        channel: args.channel,
        note: args.note,
        next: args.next.map(|when| NextRequest {
            when,
            action: args.action,
            note: None,
            seen: None,
        }),
    };
    let logged = app::log_attempt(
        &mut run.book,
        &run.ctx,
        run.now,
        ProspectId(args.id),
        &request,
    )?;
    match run.format {
        Format::Json => print_json(&json!({
            "attempt": json::attempt(&logged.attempt),
            "next_step": logged.next_step.as_ref().map(|s| json::next_step(s, &run.now, run.ctx.hours())),
            "status": logged.prospect.status.as_str(),
            "closed_out": logged.closed_out,
            "series": app::series_view(&run.ctx, &logged.prospect),
            "summary": logged.summary,
        })),
        Format::Table => emit(&format!("{}\n", logged.summary)),
    }
}

fn next(run: &mut Run, args: NextArgs) -> Result<(), AppError> {
    let request = NextRequest {
        when: args.when,
        action: args.action,
        note: args.note,
        seen: None,
    };
    let (step, change) = app::set_next_step(
        &mut run.book,
        &run.ctx,
        run.now,
        ProspectId(args.id),
        &request,
    )?;
    match run.format {
        Format::Json => print_json(&json::next_step(&step, &run.now, run.ctx.hours())),
        Format::Table => emit(&format!("{}\n", change.summary)),
    }
}

fn edit(run: &mut Run, args: EditArgs) -> Result<(), AppError> {
    let request = app::EditRequest {
        patch: patch(args.fields, args.name, args.replace_notes),
        append_note: args.note.map(text_or_stdin).transpose()?,
        seen: None,
    };
    let edited = app::edit_prospect(
        &mut run.book,
        &run.ctx,
        run.now,
        ProspectId(args.id),
        request,
    )?;
    let p = &edited.prospect;
    match run.format {
        Format::Json => {
            let mut value = json::prospect(p, Some(&app::series_view(&run.ctx, p)));
            if let Some(removed) = &edited.replaced_notes {
                value["replaced_notes"] = json!(removed);
            }
            print_json(&value)
        }
        Format::Table => {
            let mut out = format!("{}\n", edited.change.summary);
            if let Some(removed) = &edited.replaced_notes {
                // The command line has no undo: say exactly what was removed.
                out.push_str("The notes it replaced were:\n");
                for line in crate::domain::text::sanitize_lines(removed) {
                    out.push_str(&format!("  {line}\n"));
                }
            }
            emit(&out)
        }
    }
}

fn finish(run: &mut Run, id: i64, how: Finish) -> Result<(), AppError> {
    let (p, change) = app::finish_prospect(&mut run.book, &run.ctx, run.now, ProspectId(id), &how)?;
    print_prospect(run, &p, &change.summary)
}

fn reopen(run: &mut Run, args: ReopenArgs) -> Result<(), AppError> {
    let request = app::ReopenRequest {
        next: NextRequest {
            when: args.next,
            action: args.action,
            note: None,
            seen: None,
        },
        reason: args.reason,
    };
    let (p, change) = app::reopen_prospect(
        &mut run.book,
        &run.ctx,
        run.now,
        ProspectId(args.id),
        &request,
    )?;
    print_prospect(run, &p, &change.summary)
}

fn script(run: &Run, id: ProspectId) -> Result<(), AppError> {
    let view = app::prospect_view(&run.book, &run.ctx, id, 50)?;
    app::check_script(&view)?;
    if view.series.missing {
        return Err(run.ctx.series_missing(&view.prospect));
    }
    let script = app::script_view(&run.ctx, &view, &run.now);
    match run.format {
        Format::Json => print_json(&json!(script)),
        Format::Table => emit(&show::script(&view, &script)),
    }
}

/// `series`: the available series with their steps.
pub fn series(ctx: &Context, format: Format) -> Result<(), AppError> {
    match format {
        Format::Json => print_json(&json::series_list(ctx)),
        Format::Table => emit(&show::series_list(ctx)),
    }
}

/// `config`: every setting in force and where it came from.
pub fn config(ctx: &Context, db: Option<&Path>, format: Format) -> Result<(), AppError> {
    let book = config::book_path(db)?;
    let rows = show::config_rows(ctx, &book);
    match format {
        Format::Json => {
            let mut doc: serde_json::Map<_, _> = rows
                .iter()
                .map(|(k, v, s)| (k.to_string(), json!({ "value": v, "source": s })))
                .collect();
            doc.insert("warnings".into(), json!(ctx.warnings));
            print_json(&doc)
        }
        Format::Table => {
            // Values and sources are paths more often than not: never cut.
            let mut table =
                super::table::Table::new(&["SETTING", "VALUE", "SOURCE"]).uncut(&[1, 2]);
            for (k, v, s) in rows {
                table.row(vec![k.to_string(), v, s]);
            }
            emit(&format!(
                "{}{}",
                table.render(),
                show::config_warnings(&ctx.warnings)
            ))
        }
    }
}

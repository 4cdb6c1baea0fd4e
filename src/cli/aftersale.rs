//! The commands of debriefs and the after-sale plan: `debrief`,
//! `debriefs`, `plan`, `tick`, `backorder`.

use serde_json::json;

use super::args::{DebriefArgs, Format};
use super::commands::print_json;
use super::table::{Table, fit};
use super::{Run, emit, json};
use crate::app::{self, AppError, DebriefRequest, ItemState, NextRequest};
use crate::domain::ProspectId;
use crate::domain::text::sanitize_line;
use crate::schedule::describe_windows;

/// `debrief ID …`: both debriefs of an appointment.
pub fn debrief(run: &mut Run, args: DebriefArgs) -> Result<(), AppError> {
    let [a, b, c] = <[String; 3]>::try_from(args.well).map_err(|given| {
        AppError::Usage(format!(
            "give three things done well (--well three times), not {}",
            given.len()
        ))
    })?;
    let request = DebriefRequest {
        product: args.product,
        value: args.value.and_then(|v| v.0),
        probability: args.probability.and_then(|p| p.0),
        next: args.next.map(|when| NextRequest {
            when,
            action: args.action,
            note: None,
            seen: None,
        }),
        well: [a, b, c],
        work_on: args.work_on,
    };
    let done = app::record_debrief(
        &mut run.book,
        &run.ctx,
        run.now,
        ProspectId(args.id),
        &request,
    )?;
    match run.format {
        Format::Json => {
            let mut doc = json::prospect(&done.prospect, None);
            doc["debrief"] = json::debrief(&done.debrief);
            doc["next_step"] = done
                .next_step
                .as_ref()
                .map_or(serde_json::Value::Null, |s| {
                    json::next_step(s, &run.now, run.ctx.hours())
                });
            print_json(&doc)
        }
        Format::Table => emit(&format!("{}\n", done.summary)),
    }
}

/// `debriefs [--since WHEN]`: the manager's coaching sheet.
pub fn debriefs(run: &Run, since: Option<String>) -> Result<(), AppError> {
    let since = since.map(|s| since_time(&s, run)).transpose()?;
    let sheet = app::coaching_sheet(run.book.conn(), since)?;
    match run.format {
        Format::Json => print_json(&json!({
            "since": since.map(json::time),
            "count": sheet.debriefs.len(),
            "work_on_themes": sheet.work_on_themes,
            "well_themes": sheet.well_themes,
            "debriefs": sheet.debriefs.iter().map(|(d, name)| {
                let mut v = json::debrief(d);
                v["name"] = json!(name);
                v
            }).collect::<Vec<_>>(),
        })),
        Format::Table => emit(&coaching_text(run, &sheet, since)),
    }
}

/// The start of a period: a date (`2026-11-01`), a span back from now
/// (`30 days`, `2 weeks`), or a day in the window language (its start).
fn since_time(text: &str, run: &Run) -> Result<chrono::DateTime<chrono::Utc>, AppError> {
    use chrono::{Duration, NaiveDate, TimeZone};
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return chrono::Local
            .from_local_datetime(&date.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map(|t| t.to_utc())
            .ok_or_else(|| AppError::Usage(format!("{text} has no midnight here")));
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if let [n, unit] | [n, unit, "ago"] = words.as_slice()
        && let Ok(n) = n.parse::<i64>()
    {
        let days = match unit.trim_end_matches('s') {
            "day" => Some(n),
            "week" => Some(n * 7),
            _ => None,
        };
        if let Some(days) = days {
            return Ok((run.now - Duration::days(days)).to_utc());
        }
    }
    crate::schedule::parse_window(text, &run.now, run.ctx.hours())
        .map(|w| w.start)
        .map_err(|e| {
            AppError::Usage(format!(
                "--since: {e}; write a date like 2026-11-01, or \"30 days\""
            ))
        })
}

fn coaching_text(
    run: &Run,
    sheet: &app::CoachingSheet,
    since: Option<chrono::DateTime<chrono::Utc>>,
) -> String {
    let mut out = match since {
        Some(t) => format!(
            "{} debriefs since {}\n",
            sheet.debriefs.len(),
            app::history_when(t.with_timezone(&chrono::Local))
        ),
        None => format!("{} debriefs\n", sheet.debriefs.len()),
    };
    if sheet.debriefs.is_empty() {
        out.push_str("No debriefs in this period: `followup debrief ID …` records one after each appointment.\n");
        return out;
    }
    for (title, themes) in [
        ("To work on, recurring", &sheet.work_on_themes),
        ("Done well, recurring", &sheet.well_themes),
    ] {
        out.push_str(&format!("\n{title}:\n"));
        if themes.is_empty() {
            out.push_str("  (no words recur yet)\n");
        }
        for t in themes.iter() {
            out.push_str(&format!("  {:>3}×  {}\n", t.count, t.term));
        }
    }
    out.push('\n');
    let mut table = Table::new(&["WHEN", "PROSPECT", "WORK ON", "DONE WELL"]);
    for (d, name) in &sheet.debriefs {
        let when = d.at.with_timezone(&run.now.timezone());
        table.row(vec![
            when.format("%Y-%m-%d").to_string(),
            fit(&sanitize_line(name), 24),
            fit(&sanitize_line(&d.work_on), 40),
            sanitize_line(&d.well.join(" / ")).into_owned(),
        ]);
    }
    out.push_str(&table.render());
    out
}

/// `plan ID`: a customer's after-sale plan.
pub fn plan(run: &Run, id: ProspectId) -> Result<(), AppError> {
    let p = crate::store::require_prospect(run.book.conn(), id)?;
    let Some(view) = app::plan_view(run.book.conn(), &run.ctx, &p)? else {
        return Err(AppError::Refused(format!(
            "{} (id {id}) has not bought yet, so there is no after-sale plan; `followup won {id}` starts one",
            sanitize_line(&p.name)
        )));
    };
    let hours = run.ctx.hours();
    match run.format {
        Format::Json => {
            let mut doc = json::prospect(&p, None);
            doc["plan"] = json!({
                "done": view.progress.done,
                "total": view.progress.total,
                "script": view.script,
                "items": view.lines.iter().map(|l| json!({
                    "key": l.key,
                    "label": l.label,
                    "state": l.state,
                    "due": l.due.as_ref().map(|w| json::window(w, &run.now, hours)),
                    "done_at": l.done_at.map(json::time),
                })).collect::<Vec<_>>(),
            });
            print_json(&doc)
        }
        Format::Table => {
            let word = p.customer_word().unwrap_or("customer");
            let mut out = format!(
                "{} — {word}, after-sale plan {}/{} done\n",
                sanitize_line(&p.name),
                view.progress.done,
                view.progress.total
            );
            for l in &view.lines {
                let (mark, when) = match l.state {
                    ItemState::Done => (
                        "[x]",
                        l.done_at
                            .map(|t| {
                                format!(
                                    "done {}",
                                    app::history_when(t.with_timezone(&run.now.timezone()))
                                )
                            })
                            .unwrap_or_default(),
                    ),
                    ItemState::Open => (
                        "[ ]",
                        l.due
                            .map(|w| format!("due {}", describe_windows(&[w], &run.now, hours)))
                            .unwrap_or_default(),
                    ),
                    ItemState::Todo => ("[ ]", String::new()),
                };
                let arrow = if l.state == ItemState::Open {
                    "→"
                } else {
                    " "
                };
                out.push_str(&format!("{arrow} {mark} {:<32} {when}\n", l.label));
            }
            if let Some(script) = &view.script {
                out.push_str("\nScript:\n");
                for line in crate::domain::text::sanitize_lines(script) {
                    out.push_str(&format!("  {line}\n"));
                }
            }
            emit(&out)
        }
    }
}

/// `tick ID` and `backorder ID`.
pub fn advance(run: &mut Run, id: ProspectId, backorder: bool) -> Result<(), AppError> {
    let done = if backorder {
        app::backorder(&mut run.book, &run.ctx, run.now, id)?
    } else {
        app::tick(&mut run.book, &run.ctx, run.now, id)?
    };
    match run.format {
        Format::Json => {
            let mut doc = json::prospect(&done.prospect, None);
            doc["next_step"] = done
                .next_step
                .as_ref()
                .map_or(serde_json::Value::Null, |s| {
                    json::next_step(s, &run.now, run.ctx.hours())
                });
            doc["summary"] = json!(done.summary);
            print_json(&doc)
        }
        Format::Table => emit(&format!("{}\n", done.summary)),
    }
}

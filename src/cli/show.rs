//! Table (human) output of the read commands.

use chrono::{DateTime, Local};
use std::fmt::Write;

use super::table::{LastColumn, Table};
use crate::app::{Context, ProspectView, ScriptView, Today};
use crate::config::Setting;
use crate::domain::text::{sanitize_line, sanitize_lines};
use crate::domain::{Money, QueueItem};
use crate::schedule::{BusinessHours, describe_instant, describe_windows};

pub(super) fn money(m: Option<Money>) -> String {
    m.map(|m| m.display()).unwrap_or_default()
}

pub(super) fn opt(s: &Option<String>) -> String {
    s.as_deref()
        .map(|s| sanitize_line(s).into_owned())
        .unwrap_or_default()
}

/// `show`; `notes` says how attempt notes fit the output (wrapped to a
/// terminal, whole in a pipe).
pub fn prospect_view(
    view: &ProspectView,
    now: &DateTime<Local>,
    hours: &BusinessHours,
    notes: LastColumn,
) -> String {
    let p = &view.prospect;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (id {}) — {}",
        sanitize_line(&p.name),
        p.id,
        p.status
    );
    // A value of several lines (an objection typed on two) keeps them,
    // each indented under the first; a blank line stays blank.
    let field = |out: &mut String, label: &str, value: String| {
        for (i, line) in value.lines().enumerate() {
            let _ = match i {
                0 => writeln!(out, "  {label:<11} {line}"),
                _ if line.trim().is_empty() => writeln!(out),
                _ => writeln!(out, "  {:<11} {line}", ""),
            };
        }
    };
    let lines = |s: &Option<String>| {
        s.as_deref()
            .map(|s| sanitize_lines(s.trim()).join("\n"))
            .unwrap_or_default()
    };
    field(&mut out, "Company", opt(&p.company));
    field(&mut out, "Phone", opt(&p.phone));
    field(&mut out, "Email", opt(&p.email));
    field(&mut out, "Product", opt(&p.product));
    field(&mut out, "Value", money(p.value));
    field(
        &mut out,
        "Probability",
        p.probability
            .map(|x| format!("{}%", x.percent()))
            .unwrap_or_default(),
    );
    field(&mut out, "Objection", lines(&p.objection));
    field(&mut out, "Liked", lines(&p.liked));
    field(&mut out, "Disliked", lines(&p.disliked));
    field(&mut out, "Decides w/", lines(&p.decision_who));
    field(&mut out, "Sees them", lines(&p.decision_when));
    field(&mut out, "Needs", lines(&p.decision_info));
    field(&mut out, "To review", lines(&p.decision_review));
    field(&mut out, "Decision", lines(&p.decision_process));
    if let Some(word) = p.customer_word() {
        let plan = view
            .plan
            .as_ref()
            .map(|v| {
                format!(
                    ", after-sale plan {}/{} done",
                    v.progress.done, v.progress.total
                )
            })
            .unwrap_or_default();
        field(&mut out, "Customer", format!("{word}{plan}"));
    }
    if let Some(met) = p.debrief_due.filter(|_| !p.status.is_finished()) {
        field(
            &mut out,
            "Debrief",
            format!("owed since the appointment {}", describe_instant(met, now)),
        );
    } else if let Some(d) = &view.last_debrief {
        field(
            &mut out,
            "Debrief",
            format!(
                "{}: work on {}",
                describe_instant(d.at, now),
                sanitize_line(&d.work_on)
            ),
        );
    }
    field(&mut out, "Lost reason", opt(&p.lost_reason));
    field(
        &mut out,
        "Last spoke",
        match &view.last_conversation {
            Some(a) => describe_instant(a.at, now),
            None if view.attempts.is_empty() => "never contacted".into(),
            None => "never reached yet".into(),
        },
    );
    let s = &view.series;
    let paused = match s.paused_until {
        _ if !s.is_paused(now.to_utc()) => String::new(),
        Some(until) => format!(" (paused until {})", describe_instant(until, now)),
        None => " (paused)".into(),
    };
    let series = if p.status.is_finished() {
        // The chase is over: how it ended, never a step still "next".
        let at = p.closed_at.map(|t| describe_instant(t, now));
        let word = crate::app::finished_word(p.status);
        at.map_or(word.to_string(), |at| format!("{word} {at}"))
    } else if s.missing {
        format!(
            "{} — put its file back, or choose another with: followup edit {} --series NAME",
            sanitize_line(&s.label),
            p.id
        )
    } else {
        format!(
            "{} — step {}/{}: {}{paused}",
            sanitize_line(&s.name),
            s.step,
            s.steps,
            sanitize_line(&s.label)
        )
    };
    let label = if p.status.is_finished() {
        "Finished"
    } else {
        "Series"
    };
    field(&mut out, label, series);
    let next = match &view.next_step {
        Some(step) => format!(
            "{} {}{}",
            step.action,
            describe_windows(step.parts(), now, hours),
            step.note
                .as_deref()
                .map(|n| format!(" — {}", sanitize_line(n)))
                .unwrap_or_default()
        ),
        None if p.status.is_finished() => "none (finished)".into(),
        None => format!("NONE — set one with: followup next {} WHEN", p.id),
    };
    field(&mut out, "Next step", next);
    if let Some(notes) = &p.notes {
        let _ = writeln!(out, "  Notes");
        for line in sanitize_lines(notes) {
            let _ = match line.trim().is_empty() {
                true => writeln!(out),
                false => writeln!(out, "    {line}"),
            };
        }
    }
    if view.attempts.is_empty() {
        let _ = writeln!(out, "  No attempts yet.");
    } else {
        let _ = writeln!(out, "  Attempts (newest first)");
        let mut t = Table::new(&["    WHEN", "OUTCOME", "STEP", "NOTE"]).last_column(notes);
        for a in &view.attempts {
            t.row(vec![
                format!("    {}", describe_instant(a.at, now)),
                a.outcome.to_string(),
                a.series_step.map(|n| n.to_string()).unwrap_or_default(),
                opt(&a.note),
            ]);
        }
        out.push_str(&t.render());
    }
    out
}

fn queue_table(
    title: &str,
    items: &[QueueItem],
    total: u64,
    today: &Today,
    now: &DateTime<Local>,
    hours: &BusinessHours,
    out: &mut String,
) {
    let _ = writeln!(out, "{title} ({total})");
    if items.is_empty() {
        let _ = writeln!(out, "  nothing\n");
        return;
    }
    let mut t = Table::new(&["  ID", "NAME", "COMPANY", "NEXT", "DUE", "VALUE"]);
    for item in items {
        let due = item.due.as_ref().map(|w| {
            let late = today.bounds.days_late(w);
            let text = describe_windows(item.parts(), now, hours);
            match late {
                0 => text,
                1 => format!("{text} (1 day late)"),
                n => format!("{text} ({n} days late)"),
            }
        });
        t.row(vec![
            format!("  {}", item.id),
            item.name.clone(),
            opt(&item.company),
            item.action.map(|a| a.to_string()).unwrap_or_default(),
            due.unwrap_or_else(|| match item.last_contact_at {
                Some(t) => format!("last contact {}", describe_instant(t, now)),
                None => "never contacted".into(),
            }),
            money(item.value),
        ]);
    }
    out.push_str(&t.render());
    if (items.len() as u64) < total {
        let _ = writeln!(out, "  … and {} more", total - items.len() as u64);
    }
    out.push('\n');
}

/// `today`.
pub fn today(t: &Today, now: &DateTime<Local>, hours: &BusinessHours) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — due today {}, overdue {}, no next step {}, gone quiet {} — weighted pipeline {}\n",
        now.format("%a %-d %b %Y %H:%M"),
        t.counts.due_today,
        t.counts.overdue,
        t.counts.no_next_step,
        t.counts.gone_quiet,
        t.pipeline.display_whole()
    );
    queue_table(
        "DUE TODAY",
        &t.queue.due_today,
        t.counts.due_today,
        t,
        now,
        hours,
        &mut out,
    );
    queue_table(
        "OVERDUE",
        &t.queue.overdue,
        t.counts.overdue,
        t,
        now,
        hours,
        &mut out,
    );
    queue_table(
        "NO NEXT STEP",
        &t.queue.no_next_step,
        t.counts.no_next_step,
        t,
        now,
        hours,
        &mut out,
    );
    queue_table(
        "GONE QUIET",
        &t.queue.gone_quiet,
        t.counts.gone_quiet,
        t,
        now,
        hours,
        &mut out,
    );
    // Listed when there is one: met, and the debrief not recorded yet.
    if t.counts.no_debrief > 0 {
        queue_table(
            "NO DEBRIEF",
            &t.queue.no_debrief,
            t.counts.no_debrief,
            t,
            now,
            hours,
            &mut out,
        );
    }
    out
}

/// `script`.
pub fn script(view: &ProspectView, s: &ScriptView) -> String {
    let mut out = String::new();
    let paused = if view.series.paused {
        " — series paused"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "{} — step {}/{} ({}): {}{paused}\n",
        sanitize_line(&view.prospect.name),
        s.step,
        s.steps,
        s.kind,
        sanitize_line(&s.label)
    );
    for line in sanitize_lines(&s.text) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// `series`.
pub fn series_list(ctx: &Context) -> String {
    let mut out = String::new();
    let in_force = &ctx.default_series().name;
    for series in ctx.library.iter() {
        let default = if &series.name == in_force {
            " (default)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{}{default} — {}",
            sanitize_line(&series.name),
            sanitize_line(&series.description)
        );
        for line in crate::series::describe_series(series) {
            let _ = writeln!(out, "{}", sanitize_line(&line));
        }
        out.push('\n');
    }
    out
}

/// `config`: what is wrong with the configuration, after the settings
/// (nothing when all is well).
pub fn config_warnings(warnings: &[String]) -> String {
    let mut out = String::new();
    if !warnings.is_empty() {
        let _ = writeln!(out, "\nWARNINGS");
        for w in warnings {
            let _ = writeln!(out, "  {}", sanitize_line(w));
        }
    }
    out
}

/// `config`: (setting, value, source) rows.
pub fn config_rows(
    ctx: &Context,
    book: &Setting<std::path::PathBuf>,
) -> Vec<(&'static str, String, String)> {
    let c = &ctx.config;
    let text = |s: &Setting<Option<String>>| {
        (
            s.value.clone().unwrap_or_else(|| "(not set)".into()),
            s.source.to_string(),
        )
    };
    let h = &c.hours.value;
    let days: Vec<String> = h
        .days
        .iter()
        .map(|d| d.to_string().to_lowercase())
        .collect();
    let (name, name_src) = text(&c.my_name);
    let (phone, phone_src) = text(&c.my_phone);
    let (company, company_src) = text(&c.my_company);
    let (team_server, team_src) = text(&c.team_server);
    let config_file = c
        .dir
        .as_ref()
        .map(|d| d.join("config.toml").display().to_string())
        .unwrap_or_else(|| "(none)".into());
    let dir_source =
        if std::env::var_os(crate::config::CONFIG_DIR_ENV).is_some_and(|v| !v.is_empty()) {
            format!("${}", crate::config::CONFIG_DIR_ENV)
        } else {
            "default".to_string()
        };
    let series_dir = c
        .series_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "(none)".into());
    vec![
        (
            "book",
            book.value.display().to_string(),
            book.source.to_string(),
        ),
        ("config file", config_file, dir_source.clone()),
        ("series folder", series_dir, dir_source),
        ("profile.name", name, name_src),
        ("profile.phone", phone, phone_src),
        ("profile.company", company, company_src),
        (
            "hours.start",
            h.start.format("%H:%M").to_string(),
            c.hours.source.to_string(),
        ),
        (
            "hours.end",
            h.end.format("%H:%M").to_string(),
            c.hours.source.to_string(),
        ),
        ("hours.days", days.join(","), c.hours.source.to_string()),
        (
            "series.default",
            c.default_series.value.clone(),
            c.default_series.source.to_string(),
        ),
        (
            "cockpit.quiet_days",
            c.quiet_days.value.to_string(),
            c.quiet_days.source.to_string(),
        ),
        (
            "cockpit.grace_minutes",
            c.grace_minutes.value.to_string(),
            c.grace_minutes.source.to_string(),
        ),
        (
            "schedule.date_order",
            crate::config::date_order_name(c.date_order.value).to_string(),
            c.date_order.source.to_string(),
        ),
        (
            "days_off.dates",
            c.days_off.value.to_string(),
            c.days_off.source.to_string(),
        ),
        ("team.server", team_server, team_src),
        (
            "team.sync_every",
            format!("{}s", c.team_sync_every.value.as_secs()),
            c.team_sync_every.source.to_string(),
        ),
        (
            "team.timeout",
            format!("{}s", c.team_timeout.value.as_secs()),
            c.team_timeout.source.to_string(),
        ),
    ]
}

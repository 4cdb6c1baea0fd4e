//! The detail of the selected prospect: who they are, a reminder of the last
//! conversation and what should have happened since, where they are in the
//! series, the script for the current step and the history.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit::{clean, clean_opt, pad, truncate, width, wrap};
use super::queue::pane_block;
use super::theme::Theme;
use crate::domain::text::sanitize_lines;
use crate::domain::{QueueKind, Status};
use crate::schedule::{describe_instant, describe_windows};
use crate::series::progress_bar;
use crate::ui::action::Action;
use crate::ui::keymap::{KeyMode, keys_for};
use crate::ui::state::{App, Detail};

/// Width of the labels of the reminder.
const LABEL: usize = 13;
/// Most recent lines of the notes shown in the detail.
const NOTE_LINES: usize = 6;

/// Draws the detail pane; `focused` when it replaces the lists.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, focused: bool) {
    let room = usize::from(area.width.saturating_sub(4)).max(1);
    let selected = app.selected_id();
    let detail = app
        .detail
        .as_ref()
        .filter(|d| Some(d.view.prospect.id) == selected);
    let (title, lines) = match (selected, detail) {
        (None, _) => (
            "Detail".to_string(),
            wrap(
                "Select a prospect to see who they are and what to say.",
                room,
            )
            .into_iter()
            .map(|line| muted(&line, theme))
            .collect(),
        ),
        (Some(_), None) => ("Detail".to_string(), vec![muted("Loading…", theme)]),
        (Some(_), Some(d)) if app.detail_timeline => match &d.timeline {
            Some(events) => (
                format!(
                    "{} · timeline ({} back)",
                    title(d),
                    keys_for(Action::ToggleTimeline, KeyMode::Normal)
                ),
                super::timeline::lines(app, events, theme, room),
            ),
            None => (title(d), vec![muted("Loading…", theme)]),
        },
        (Some(_), Some(d)) => (title(d), body(app, d, theme, room)),
    };
    // Scroll within what there is; say so in the title when more is hidden.
    let inner_height = area.height.saturating_sub(2);
    let most = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_sub(inner_height);
    let scroll = app.detail_scroll.min(most);
    let title = if most > 0 {
        format!(
            "{title} · {}/{} scroll",
            keys_for(Action::ScrollDetailDown, KeyMode::Normal),
            keys_for(Action::ScrollDetailUp, KeyMode::Normal)
        )
    } else {
        title
    };
    let block = pane_block(truncate(&title, room.saturating_sub(2)), focused, theme);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

fn muted<'a>(text: &str, theme: &Theme) -> Line<'a> {
    Line::from(Span::styled(text.to_string(), theme.muted()))
}

/// "Name · Company".
fn title(d: &Detail) -> String {
    let p = &d.view.prospect;
    match clean_opt(p.company.as_deref()) {
        c if c.is_empty() => clean(&p.name),
        c => format!("{} · {c}", clean(&p.name)),
    }
}

/// `text` wrapped to `room`, every piece in `style`.
pub(super) fn para<'a>(text: &str, style: Style, room: usize) -> Vec<Line<'a>> {
    wrap(text, room)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, style)))
        .collect()
}

/// `text` wrapped to `room`, line by line: a line break stays a line break
/// and a blank line stays blank; each line is made safe on its own.
fn wrap_lines(text: &str, room: usize) -> Vec<String> {
    text.split('\n')
        .flat_map(|line| {
            // A continuation of a dated note keeps its indent (up to a
            // third of the room) and wraps under it.
            let indent = line.chars().take_while(|c| *c == ' ').count().min(room / 3);
            wrap(&clean(line), room.saturating_sub(indent))
                .into_iter()
                .map(move |piece| match piece.is_empty() {
                    true => piece,
                    false => format!("{}{piece}", " ".repeat(indent)),
                })
        })
        .collect()
}

/// A labelled value, wrapped under its own column (a value of several
/// lines keeps them).
pub(super) fn field<'a>(
    label: &str,
    value: &str,
    style: Style,
    room: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let value_room = room.saturating_sub(LABEL).max(8);
    wrap_lines(value, value_room)
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let label = if i == 0 {
                pad(label, LABEL)
            } else {
                " ".repeat(LABEL)
            };
            Line::from(vec![
                Span::styled(label, theme.muted()),
                Span::styled(piece, style),
            ])
        })
        .collect()
}

pub(super) fn heading<'a>(text: &str, theme: &Theme) -> [Line<'a>; 2] {
    [
        Line::default(),
        Line::from(Span::styled(text.to_string(), theme.title())),
    ]
}

fn body<'a>(app: &App, d: &Detail, theme: &Theme, room: usize) -> Vec<Line<'a>> {
    let (view, p) = (&d.view, &d.view.prospect);
    let mut lines = Vec::new();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    match p.status {
        Status::Active => {}
        Status::Won => {
            let word = p.customer_word().unwrap_or("customer").to_uppercase();
            let text = format!("★ WON · {word}");
            lines.extend(para(&text, theme.ok().add_modifier(Modifier::BOLD), room));
        }
        Status::Lost => {
            let reason = clean_opt(p.lost_reason.as_deref());
            let text = if reason.is_empty() {
                "✗ LOST (no reason given)".to_string()
            } else {
                format!("✗ LOST: {reason}")
            };
            lines.extend(para(&text, theme.error(), room));
        }
        Status::ClosedOut => lines.extend(para(
            "■ CLOSED OUT: the series ended without an answer",
            bold,
            room,
        )),
    }
    let contact: Vec<String> = [p.phone.as_deref(), p.email.as_deref()]
        .into_iter()
        .map(clean_opt)
        .filter(|s| !s.is_empty())
        .collect();
    if contact.is_empty() {
        lines.push(muted("no phone or email on file", theme));
    } else {
        lines.extend(para(&contact.join(" · "), Style::new(), room));
    }
    let deal: Vec<String> = [
        clean_opt(p.product.as_deref()),
        p.value.map(|v| v.display()).unwrap_or_default(),
        p.probability
            .map(|x| format!("{}%", x.percent()))
            .unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    if !deal.is_empty() {
        lines.extend(para(&deal.join(" · "), Style::new(), room));
    }

    lines.extend(heading("Reminder", theme));
    lines.extend(reminder(app, d, theme, room));

    // The notes captured after the quote (goals, concerns, options), newest
    // last; `o` appends to them.
    if let Some(notes) = p.notes.as_deref() {
        let all = note_lines(notes);
        if !all.is_empty() {
            lines.extend(heading("Notes", theme));
            for line in &all[all.len().saturating_sub(NOTE_LINES)..] {
                lines.extend(
                    wrap_lines(line, room)
                        .into_iter()
                        .map(|l| Line::from(Span::raw(l))),
                );
            }
        }
    }

    let s = &view.series;
    if p.status.is_finished() {
        // The chase is over: how it ended, not a step still "next".
        lines.extend(heading("Finished", theme));
        let word = crate::app::finished_word(p.status);
        // (A lost reason is on the first line of the pane already.)
        let finished = match p.closed_at {
            Some(at) => format!("{word} {}", describe_instant(at, &app.now)),
            None => word.to_string(),
        };
        lines.extend(para(&finished, Style::new(), room));
        lines.extend(super::customer::plan_lines(app, view, theme, room));
        lines.extend(heading("History", theme));
        lines.extend(history(app, d, theme, room));
        return lines;
    }
    lines.extend(heading("Series", theme));
    // The same "done/total" as the queue rows, then what comes next.
    let mut series = if s.missing {
        format!("{} (see followup config)", clean(&s.label))
    } else {
        format!(
            "{} {} {}/{} done · next: {}",
            clean(&s.name),
            progress_bar(s.done, s.steps),
            s.done,
            s.steps,
            clean(&s.label)
        )
    };
    if s.is_paused(app.now.to_utc()) {
        series.push_str(" · paused");
        if let Some(until) = s.paused_until {
            series.push_str(&format!(" until {}", describe_instant(until, &app.now)));
        }
    }
    lines.extend(para(&series, Style::new(), room));

    if !p.status.is_finished() {
        lines.extend(heading(
            &format!("Script · {}", clean(&d.script.kind)),
            theme,
        ));
        for line in sanitize_lines(&d.script.text) {
            lines.extend(para(&line, Style::new(), room));
        }
    }

    lines.extend(heading("History", theme));
    lines.extend(history(app, d, theme, room));
    lines
}

/// Last spoke, what was discussed, what was supposed to happen, objection
/// and decision process.
fn reminder<'a>(app: &App, d: &Detail, theme: &Theme, room: usize) -> Vec<Line<'a>> {
    let (view, p) = (&d.view, &d.view.prospect);
    let mut lines = Vec::new();
    let discussed = view.discussed();
    let describe = |a: &crate::domain::Attempt| {
        let mut parts = vec![describe_instant(a.at, &app.now), a.outcome.to_string()];
        // Its note, unless it is what "Discussed" shows anyway.
        parts.extend(
            a.note
                .as_deref()
                .map(clean)
                .filter(|n| !n.is_empty() && Some(n.trim()) != discussed.as_deref()),
        );
        parts.join(" · ")
    };
    // When they last spoke and when we last tried are two facts: a
    // voicemail left since does not make the conversation any newer.
    let spoke = match (&view.last_conversation, view.attempts.first()) {
        (Some(a), _) => describe(a),
        (None, Some(_)) => "never reached yet".into(),
        (None, None) => "never contacted".into(),
    };
    lines.extend(field("Last spoke", &spoke, Style::new(), room, theme));
    if let Some(a) = view
        .attempts
        .first()
        .filter(|a| view.last_conversation.as_ref().map(|c| c.id) != Some(a.id))
    {
        lines.extend(field(
            "Last attempt",
            &describe(a),
            Style::new(),
            room,
            theme,
        ));
    }
    if let Some(text) = view.discussed_lines() {
        lines.extend(field("Discussed", text.trim(), Style::new(), room, theme));
    }
    let (next, style) = match &view.next_step {
        Some(step) => {
            let mut text = format!(
                "{} {}",
                step.action,
                describe_windows(step.parts(), &app.now, app.ctx.hours())
            );
            if let Some(note) = step.note.as_deref().map(clean).filter(|n| !n.is_empty()) {
                text.push_str(&format!(" · {note}"));
            }
            let bounds = app.today.as_ref().map(|t| t.bounds);
            let parts = step.parts();
            match bounds.and_then(|b| b.classify_parts(parts).map(|k| (b, k))) {
                Some((b, QueueKind::Overdue)) => match parts.last().map_or(0, |w| b.days_late(w)) {
                    0 => (format!("! late: {text}"), theme.overdue()),
                    n => (format!("! {n}d late: {text}"), theme.overdue()),
                },
                _ if parts.iter().any(|w| w.is_open(app.now.to_utc())) => {
                    (format!("▶ now: {text}"), theme.due_now())
                }
                _ => (text, Style::new()),
            }
        }
        None if p.status.is_finished() => ("none (finished)".into(), theme.muted()),
        None => (
            format!(
                "■ no next step: press {} to agree one",
                keys_for(Action::SetNext, KeyMode::Normal)
            ),
            theme.overdue(),
        ),
    };
    lines.extend(field("Next step", &next, style, room, theme));
    for (label, value) in [
        ("Objection", &p.objection),
        ("Liked", &p.liked),
        ("Disliked", &p.disliked),
        ("Decides with", &p.decision_who),
        ("Sees them", &p.decision_when),
        ("Needs to know", &p.decision_info),
        ("To review", &p.decision_review),
        ("Decision", &p.decision_process),
    ] {
        let value = value.as_deref().unwrap_or_default().trim();
        if !clean(value).is_empty() {
            lines.extend(field(label, value, Style::new(), room, theme));
        }
    }
    lines.extend(super::customer::debrief_lines(app, view, theme, room));
    lines
}

/// The lines of the notes, safe to draw: a blank line between paragraphs
/// of a note is kept (one, however many there were), none at either end.
fn note_lines(notes: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in sanitize_lines(notes) {
        let blank = line.trim().is_empty();
        if blank && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(if blank { String::new() } else { line });
    }
    if out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// One line per attempt, newest first: when, outcome, series step, note.
fn history<'a>(app: &App, d: &Detail, theme: &Theme, room: usize) -> Vec<Line<'a>> {
    let attempts = &d.view.attempts;
    if attempts.is_empty() {
        return vec![muted("No attempts yet.", theme)];
    }
    let whens: Vec<String> = attempts
        .iter()
        .map(|a| describe_instant(a.at, &app.now))
        .collect();
    let when_w = whens.iter().map(|w| width(w)).max().unwrap_or(0);
    let outcome_w = attempts
        .iter()
        .map(|a| width(a.outcome.as_str()))
        .max()
        .unwrap_or(0);
    attempts
        .iter()
        .zip(whens)
        .map(|(a, when)| {
            let step = a
                .series_step
                .map(|n| format!("step {n}"))
                .unwrap_or_default();
            let note = clean_opt(a.note.as_deref());
            let text = format!(
                "{}  {}  {}  {note}",
                pad(&when, when_w),
                pad(a.outcome.as_str(), outcome_w),
                pad(&step, 7)
            );
            Line::from(truncate(text.trim_end(), room))
        })
        .collect()
}

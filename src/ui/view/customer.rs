//! The parts of the detail about debriefs and customers: the newest
//! debrief (or that one is owed), and a customer's after-sale plan with
//! its progress bar and the open item's script.

use ratatui::style::Style;
use ratatui::text::Line;

use super::detail::{field, heading, para};
use super::fit::clean;
use super::theme::Theme;
use crate::app::{ItemState, ProspectView};
use crate::domain::text::sanitize_lines;
use crate::schedule::{describe_instant, describe_windows};
use crate::series::progress_bar;
use crate::ui::action::Action;
use crate::ui::keymap::{KeyMode, key_for};
use crate::ui::state::App;

/// "Debrief": owed since a meeting (with the key that records it), or the
/// newest one in a line.
pub fn debrief_lines<'a>(
    app: &App,
    view: &ProspectView,
    theme: &Theme,
    room: usize,
) -> Vec<Line<'a>> {
    let p = &view.prospect;
    if let Some(met) = p.debrief_due.filter(|_| !p.status.is_finished()) {
        let text = format!(
            "✎ none since the meeting {}: press {} to record it",
            describe_instant(met, &app.now),
            key_for(Action::Debrief, KeyMode::Normal)
        );
        return field("Debrief", &text, theme.quiet(), room, theme);
    }
    let Some(d) = &view.last_debrief else {
        return Vec::new();
    };
    let mut parts = vec![describe_instant(d.at, &app.now)];
    parts.extend(d.probability.map(|p| format!("{}%", p.percent())));
    parts.push(format!("work on: {}", clean(&d.work_on)));
    let well: Vec<String> = d.well.iter().map(|w| clean(w)).collect();
    let mut lines = field("Debrief", &parts.join(" · "), Style::new(), room, theme);
    lines.extend(field(
        "Done well",
        &well.join(" · "),
        Style::new(),
        room,
        theme,
    ));
    lines
}

/// A customer's after-sale plan: its bar, each item, the open item's
/// script and the keys that tick it off or mark it back-ordered.
pub fn plan_lines<'a>(app: &App, view: &ProspectView, theme: &Theme, room: usize) -> Vec<Line<'a>> {
    let Some(plan) = view
        .plan
        .as_ref()
        .filter(|_| view.prospect.status.is_finished())
    else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let word = view.prospect.customer_word().unwrap_or("customer");
    lines.extend(heading(&format!("After-sale plan · {word}"), theme));
    let (done, total) = (plan.progress.done, plan.progress.total);
    let mut bar = format!(
        "{} {done}/{total} done",
        progress_bar(
            u32::try_from(done).unwrap_or(u32::MAX),
            u32::try_from(total).unwrap_or(u32::MAX),
        )
    );
    if done < total {
        bar.push_str(&format!(
            " · {} ticks off, {} back-ordered",
            key_for(Action::Tick, KeyMode::Normal),
            key_for(Action::BackOrder, KeyMode::Normal)
        ));
    }
    lines.extend(para(&bar, Style::new(), room));
    for item in &plan.lines {
        let (mark, style, when) = match item.state {
            ItemState::Done => (
                "✓",
                theme.muted(),
                item.done_at
                    .map(|t| describe_instant(t, &app.now))
                    .unwrap_or_default(),
            ),
            ItemState::Open => (
                "▶",
                theme.due_now(),
                item.due
                    .map(|w| describe_windows(&[w], &app.now, app.ctx.hours()))
                    .unwrap_or_default(),
            ),
            ItemState::Todo => ("·", Style::new(), String::new()),
        };
        let text = match when.is_empty() {
            true => format!("{mark} {}", clean(&item.label)),
            false => format!("{mark} {} · {when}", clean(&item.label)),
        };
        lines.extend(para(&text, style, room));
    }
    if let Some(script) = &plan.script {
        lines.extend(heading("Script · after-sale", theme));
        for line in sanitize_lines(script) {
            lines.extend(para(&line, Style::new(), room));
        }
    }
    lines
}

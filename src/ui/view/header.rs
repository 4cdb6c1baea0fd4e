//! The header line: the date the screen is drawn for, and the day's counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit::width;
use super::theme::Theme;
use crate::ui::state::App;

/// Draws `followup · Mon 23 Nov 2026 09:00` on the left and the counts on
/// the right, shortening both until they fit.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let available = usize::from(area.width);
    let lefts = left_texts(app);
    let rights = right_spans(app, theme);
    let mut chosen = None;
    'search: for right in &rights {
        let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
        for left in &lefts {
            if width(left) + 2 + right_w <= available {
                chosen = Some((left.clone(), right.clone(), right_w));
                break 'search;
            }
        }
    }
    let (left, right, right_w) = chosen.unwrap_or_else(|| {
        let left = lefts.last().cloned().unwrap_or_default();
        (left, Vec::new(), 0)
    });
    let gap = available.saturating_sub(width(&left) + right_w);
    let mut spans = vec![
        Span::styled(left, theme.title()),
        Span::raw(" ".repeat(gap)),
    ];
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The left side, longest first.
fn left_texts(app: &App) -> Vec<String> {
    let long = app.now.format("%a %-d %b %Y %H:%M");
    let short = app.now.format("%a %-d %b %H:%M");
    let (as_of, as_of_short) = if app.clock_fixed {
        (" · as of --now", " · --now")
    } else {
        ("", "")
    };
    if app.demo {
        // Never let a sample book pass for the real one.
        return vec![
            format!("DEMO · sample book, discarded on quit · {short}"),
            "DEMO · sample, discarded on quit".to_string(),
            "DEMO · discarded on quit".to_string(),
            "DEMO".to_string(),
        ];
    }
    let mut texts = Vec::new();
    // With a team: when it last synced, or that it is offline.
    if let Some(team) = crate::ui::team_sync::indicator(&app.team, app.now.to_utc()) {
        texts.push(format!("followup · {long}{as_of} · {team}"));
        texts.push(format!("{short}{as_of_short} · {team}"));
    }
    texts.push(format!("followup · {long}{as_of}"));
    texts.push(format!("{short}{as_of_short}"));
    texts
}

/// The right side, most complete first.
fn right_spans(app: &App, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let Some(today) = app.today.as_ref() else {
        return vec![vec![Span::styled("loading…", theme.muted())]];
    };
    let c = today.counts;
    let urgent = |n: u64| if n > 0 { theme.overdue() } else { Style::new() };
    let pipeline = format!("pipeline {}", today.pipeline.display_whole());
    let build = |no_step: &str, with_pipeline: bool| {
        let mut parts = vec![
            (format!("due {}", c.due_today), Style::new()),
            (format!("overdue {}", c.overdue), urgent(c.overdue)),
            (
                format!("{no_step} {}", c.no_next_step),
                urgent(c.no_next_step),
            ),
            (format!("quiet {}", c.gone_quiet), Style::new()),
        ];
        if c.no_debrief > 0 {
            parts.push((format!("debrief {}", c.no_debrief), Style::new()));
        }
        if with_pipeline {
            parts.push((pipeline.clone(), Style::new()));
        }
        let mut spans = Vec::new();
        for (i, (text, style)) in parts.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" · ", theme.muted()));
            }
            spans.push(Span::styled(text, style));
        }
        spans
    };
    vec![
        build("no next step", true),
        build("no step", true),
        build("no step", false),
    ]
}

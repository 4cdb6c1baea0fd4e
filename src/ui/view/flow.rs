//! The flow review screen: six panels over the body, each with its numbers
//! written out beside any chart (a text alternative that also reads with
//! colours off). Contacts to win and where follow-up stopped are bar charts
//! next to the brief's shares; the pipeline is a sparkline of its week ends.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Sparkline};

use super::theme::Theme;
use crate::domain::text::sanitize_line;
use crate::report::table::money;
use crate::report::{Bar as Share, Report};
use crate::ui::action::Action;
use crate::ui::keymap::{self, KeyMode};
use crate::ui::state::App;

/// Draws the screen into `area` (the body).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let report = app.flow.as_ref().and_then(|f| f.report.as_deref());
    let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let close = keymap::key_for(Action::FlowReview, KeyMode::Normal);
    let back = keymap::key_for(Action::Back, KeyMode::Normal);
    let weeks_back = app.flow.as_ref().map_or(0, |f| f.weeks_back);
    let when = match weeks_back {
        0 => " (this week)".to_string(),
        1 => " (last week)".to_string(),
        n => format!(" ({n} weeks ago)"),
    };
    let heading = match report {
        Some(r) => format!("Flow review · {}{when}", r.period.label),
        None => format!("Flow review{when}"),
    };
    // The keys, as many as fit after the week's name: the way back first,
    // then the week keys, then the way to this week.
    let mut keys = vec![format!("{close} or {back}: back")];
    let (step, this_week) = crate::ui::flow::week_keys();
    keys.insert(0, step);
    if weeks_back > 0 {
        keys.insert(1, this_week);
    }
    let room = usize::from(title.width).saturating_sub(heading.chars().count() + 3);
    while keys.len() > 1 && keys.join(" · ").chars().count() > room {
        // (The way back, last in the list, is kept.)
        keys.remove(keys.len() - 2);
    }
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(heading, theme.title()),
            Span::styled(format!("   {}", keys.join(" · ")), theme.muted()),
        ])),
        title,
    );
    let Some(r) = report else {
        frame.render_widget(Paragraph::new("Reading the week from the history…"), body);
        return;
    };
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Length(8),
        Constraint::Length(6),
        Constraint::Min(4),
    ])
    .areas(body);
    let halves = |r: Rect| -> [Rect; 2] {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(r)
    };
    let [contacts, stopped] = halves(top);
    let [pipeline, speed] = halves(middle);
    let [outcomes, series] = halves(bottom);
    let c = &r.contacts_to_win;
    bars(
        frame,
        theme,
        contacts,
        &format!("Contacts to win · {} wins", c.wins),
        &c.bars,
        None,
    );
    let s = &r.stopped;
    let hanging = format!(
        "left hanging: {} no next step · {} quiet",
        s.no_next_step, s.gone_quiet
    );
    bars(
        frame,
        theme,
        stopped,
        &format!("Where follow-up stopped · {} lost", s.finished),
        &s.bars,
        Some(hanging),
    );
    draw_pipeline(frame, r, theme, pipeline);
    draw_speed(frame, r, theme, speed);
    draw_outcomes(frame, r, theme, outcomes);
    draw_series(frame, r, theme, series);
}

fn panel<'a>(title: &'a str, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(title, theme.title()))
}

/// Short labels for the bars (the panels are narrow on 80 columns).
fn short(label: &str) -> &str {
    match label {
        "never followed up (1 contact)" => "1 only",
        "stopped after two" => "2",
        "stopped after three" => "3",
        "more than three" => "4+",
        other => other,
    }
}

/// A horizontal bar chart of shares, with "count  share  (brief)" beside
/// each bar, and an optional last line.
fn bars(
    frame: &mut Frame,
    theme: &Theme,
    area: Rect,
    title: &str,
    shares: &[Share],
    footer: Option<String>,
) {
    let block = panel(title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [chart, numbers] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(inner);
    let data: Vec<Bar> = shares
        .iter()
        .map(|b| {
            Bar::default()
                .value(u64::from(b.percent))
                .label(Line::from(short(&b.label).to_string()))
                .text_value(String::new())
        })
        .collect();
    let widget = BarChart::default()
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .max(100)
        .bar_style(theme.ok())
        .data(BarGroup::default().bars(&data));
    frame.render_widget(widget, chart);
    let mut lines: Vec<Line> = shares
        .iter()
        .map(|b| {
            let brief = b
                .brief_percent
                .map_or(String::new(), |p| format!("  brief {p}%"));
            Line::from(vec![
                Span::raw(format!("{:>4} {:>3}%", b.count, b.percent)),
                Span::styled(brief, theme.muted()),
            ])
        })
        .collect();
    if let Some(footer) = footer {
        lines.push(Line::styled(footer, theme.muted()));
    }
    let [numbers_area, footer_area] =
        Layout::vertical([Constraint::Length(shares.len() as u16), Constraint::Fill(1)])
            .areas(numbers);
    let footer = lines.split_off(shares.len().min(lines.len()));
    frame.render_widget(Paragraph::new(lines), numbers_area);
    // The footer runs under the chart too: it is the panel's last line.
    let footer_row = Rect {
        x: inner.x,
        width: inner.width,
        ..footer_area
    };
    frame.render_widget(Paragraph::new(footer), footer_row);
}

fn draw_pipeline(frame: &mut Frame, r: &Report, theme: &Theme, area: Rect) {
    let block = panel("Pipeline, weighted", theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let p = &r.pipeline;
    let values: Vec<u64> = p
        .weeks
        .iter()
        .map(|w| u64::try_from(w.weighted_cents / 100).unwrap_or(0))
        .collect();
    let [spark, text] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let [spark, ends] =
        Layout::horizontal([Constraint::Length(values.len() as u16), Constraint::Fill(1)])
            .areas(spark);
    frame.render_widget(Sparkline::default().data(&values).style(theme.ok()), spark);
    let first = p.weeks.first().map_or(0, |w| w.weighted_cents);
    let last = p.weeks.last().map_or(0, |w| w.weighted_cents);
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(format!(" now {}", money(last))),
            Line::styled(
                format!(
                    " {} weeks ago {}",
                    p.weeks.len().saturating_sub(1),
                    money(first)
                ),
                theme.muted(),
            ),
        ]),
        ends,
    );
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(format!(
                "in {} · won {} · lost {} · closed {}",
                p.entered.count + p.reopened.count,
                p.won.count,
                p.lost.count,
                p.closed_out.count
            )),
            Line::styled(
                format!("entered {}", money(p.entered.value_cents)),
                theme.muted(),
            ),
        ]),
        text,
    );
}

fn draw_speed(frame: &mut Frame, r: &Report, theme: &Theme, area: Rect) {
    let s = &r.speed;
    let share = |i: usize| s.bars.get(i).map_or(0, |b| b.count);
    let median = s
        .median_days
        .map_or("–".to_string(), |d| format!("{d} days"));
    let lines = vec![
        Line::from(format!(
            "quoted {} · median to follow-up {median}",
            s.quoted
        )),
        Line::from(format!(
            "2–4 days {} · later {} · not yet {}",
            share(1),
            share(2) + share(3),
            share(4) + share(5)
        )),
        Line::from(format!(
            "steps done {} · on time {}% · late {}",
            s.steps_done, s.on_time_percent, s.late
        )),
        Line::styled("the brief: call back in 2–4 days", theme.muted()),
    ];
    frame.render_widget(Paragraph::new(lines).block(panel("Speed", theme)), area);
}

fn draw_outcomes(frame: &mut Frame, r: &Report, theme: &Theme, area: Rect) {
    let o = &r.outcomes;
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("won {}", o.won.count), theme.ok()),
            Span::raw(format!(
                " {} · lost {} {}",
                money(o.won.value_cents),
                o.lost.count,
                money(o.lost.value_cents)
            )),
        ]),
        Line::from(format!("closed out {}", o.closed_out.count)),
    ];
    for reason in o
        .lost_reasons
        .iter()
        .take(usize::from(area.height.saturating_sub(4)))
    {
        let text = reason.reason.as_deref().unwrap_or("(no reason given)");
        lines.push(Line::styled(
            format!("{:>3} {}", reason.count, sanitize_line(text)),
            theme.muted(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines).block(panel("Won and lost", theme)),
        area,
    );
}

fn draw_series(frame: &mut Frame, r: &Report, theme: &Theme, area: Rect) {
    let rows = usize::from(area.height.saturating_sub(2));
    let mut lines: Vec<Line> = r
        .series
        .iter()
        .filter(|s| s.performed > 0)
        .take(rows)
        .map(|s| {
            Line::from(format!(
                "{:>2} {:<18} {:>3}% of {}",
                s.step,
                sanitize_line(&s.label).chars().take(18).collect::<String>(),
                s.answered_percent,
                s.answered + s.unanswered
            ))
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("no series step this week", theme.muted()));
    }
    frame.render_widget(
        Paragraph::new(lines).block(panel("Answered after each step", theme)),
        area,
    );
}

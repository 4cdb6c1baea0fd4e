//! The Team screen: one row per consultant with the day's counts, the open
//! pipeline and this week's contacts, wins and losses; for the manager, the
//! selected consultant's newest debrief "work on" items below; and, on
//! Enter, that consultant's queue, read-only. Every text from the book is
//! cleaned before it is drawn.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::columns::row_text;
use super::fit::{clean, pad, truncate, width};
use super::theme::Theme;
use crate::app::{ConsultantBoard, TeamBoard, WORK_ON_DAYS};
use crate::domain::{QueueKind, TodayQueue};
use crate::team::roles::Role;
use crate::ui::action::Action;
use crate::ui::keymap::{self, KeyMode};
use crate::ui::state::App;
use crate::ui::team_screen::{OpenQueue, TeamScreen};

/// The number columns: heading and width.
const COLUMNS: [(&str, usize); 9] = [
    ("due", 3),
    ("late", 4),
    ("no step", 7),
    ("no debrief", 10),
    ("quiet", 5),
    ("pipeline", 10),
    ("contacts", 8),
    ("won", 3),
    ("lost", 4),
];

/// Rows the manager's "work on" panel takes (title and five items).
const WORK_ON_HEIGHT: u16 = 6;
/// Rows the manager's coaching panel takes (title and three notes).
const COACHING_HEIGHT: u16 = 4;

/// Draws the screen into `area` (the body).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(screen) = app.team_screen.as_ref() else {
        return;
    };
    let [title, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(title_line(screen, theme)), title);
    let Some(board) = screen.board.as_deref() else {
        frame.render_widget(Paragraph::new("Reading the team's figures…"), body);
        return;
    };
    if let Some(open) = &screen.queue {
        draw_queue(frame, app, theme, body, open);
        return;
    }
    if board.consultants.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "No consultant has prospects in this book yet: sync to bring the team's in.",
            ),
            body,
        );
        return;
    }
    let manager = board.role == Role::Manager;
    let [table, work_on, coaching] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(if manager { WORK_ON_HEIGHT } else { 0 }),
        Constraint::Length(if manager { COACHING_HEIGHT } else { 0 }),
    ])
    .areas(body);
    draw_table(frame, theme, table, board, screen.cursor);
    if manager && let Some(c) = board.consultants.get(screen.cursor) {
        draw_work_on(frame, theme, work_on, c);
        draw_coaching(frame, theme, coaching, c);
    }
}

/// "Team · 3 consultants · manager   T or Esc: back · Enter: their queue".
fn title_line<'a>(screen: &TeamScreen, theme: &Theme) -> Line<'a> {
    let key = |a: Action| keymap::key_for(a, KeyMode::Normal);
    let heading = match (&screen.queue, screen.board.as_deref()) {
        (Some(open), _) => format!("{}'s queue · read-only", clean(&open.name)),
        (None, Some(b)) => format!(
            "Team · {} consultant{} · {} view",
            b.consultants.len(),
            if b.consultants.len() == 1 { "" } else { "s" },
            b.role.as_str()
        ),
        (None, None) => "Team".to_string(),
    };
    let manager = screen
        .board
        .as_ref()
        .is_some_and(|b| b.role == Role::Manager);
    let hint = match &screen.queue {
        Some(_) => format!("   {}: back to the team", key(Action::Back)),
        None if manager => format!(
            "   {}/{}: back · {}: their queue · {}: coach",
            key(Action::TeamScreen),
            key(Action::Back),
            key(Action::ToggleDetail),
            key(Action::Coach)
        ),
        None => format!(
            "   {} or {}: back · {}: their queue",
            key(Action::TeamScreen),
            key(Action::Back),
            key(Action::ToggleDetail)
        ),
    };
    Line::from(vec![
        Span::styled(heading, theme.title()),
        Span::styled(hint, theme.muted()),
    ])
}

/// The cells of one consultant's row, numbers right-aligned.
fn figures(c: &ConsultantBoard) -> [String; 9] {
    let s = &c.status;
    [
        s.due_today.to_string(),
        s.overdue.to_string(),
        s.no_next_step.to_string(),
        s.no_debrief.to_string(),
        s.gone_quiet.to_string(),
        s.pipeline.display_whole(),
        s.contacts_this_week.to_string(),
        s.won_this_week.to_string(),
        s.lost_this_week.to_string(),
    ]
}

fn draw_table(frame: &mut Frame, theme: &Theme, area: Rect, board: &TeamBoard, cursor: usize) {
    let numbers: usize = COLUMNS.iter().map(|(_, w)| w + 1).sum();
    let name_width = (area.width as usize)
        .saturating_sub(numbers + 2)
        .clamp(4, 28);
    let line = |name: &str, cells: &[String]| -> String {
        let mut text = format!("  {}", pad(&truncate(name, name_width), name_width));
        for (cell, (_, w)) in cells.iter().zip(COLUMNS) {
            text.push(' ');
            text.push_str(&" ".repeat(w.saturating_sub(width(cell))));
            text.push_str(cell);
        }
        text
    };
    let heads: Vec<String> = COLUMNS.iter().map(|(h, _)| (*h).to_string()).collect();
    let mut lines = vec![Line::styled(line("consultant", &heads), theme.muted())];
    // Keep the selected row in view.
    let room = (area.height as usize).saturating_sub(2).max(1);
    let first = cursor.saturating_sub(room - 1);
    for (i, c) in board.consultants.iter().enumerate().skip(first).take(room) {
        let text = line(&clean(&c.status.name), &figures(c));
        if i == cursor {
            lines.push(Line::styled(
                pad(&text, area.width as usize),
                theme.selected(),
            ));
        } else {
            lines.push(Line::raw(text));
        }
    }
    lines.push(Line::styled(
        "  pipeline weighted by probability; contacts, won, lost: this week",
        theme.muted(),
    ));
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_work_on(frame: &mut Frame, theme: &Theme, area: Rect, c: &ConsultantBoard) {
    let title = format!(
        "Work on · {} · debriefs of the last {WORK_ON_DAYS} days",
        clean(&c.status.name)
    );
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border())
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let room = inner.width as usize;
    let lines: Vec<Line> = if c.work_on.is_empty() {
        vec![Line::styled("  no debrief in that time", theme.muted())]
    } else {
        c.work_on
            .iter()
            .map(|w| {
                let day =
                    w.at.with_timezone(&chrono::Local)
                        .format("%b %e")
                        .to_string();
                let who = truncate(&clean(&w.prospect), 18);
                let head = format!("  {day}  {who}: ");
                let text = truncate(&clean(&w.text), room.saturating_sub(width(&head)));
                Line::from(vec![Span::styled(head, theme.muted()), Span::raw(text)])
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_coaching(frame: &mut Frame, theme: &Theme, area: Rect, c: &ConsultantBoard) {
    let title = format!("Coaching notes to {}", clean(&c.status.name));
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border())
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let room = inner.width as usize;
    let lines: Vec<Line> = if c.coaching.is_empty() {
        vec![Line::styled("  none yet", theme.muted())]
    } else {
        c.coaching
            .iter()
            .map(|n| {
                let day =
                    n.at.with_timezone(&chrono::Local)
                        .format("%b %e")
                        .to_string();
                let head = format!("  {day}  {}: ", truncate(&clean(&n.author), 14));
                let text = truncate(&clean(&n.text), room.saturating_sub(width(&head)));
                Line::from(vec![Span::styled(head, theme.muted()), Span::raw(text)])
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One consultant's queue, read-only: each list under its heading, the
/// rows as the dashboard words them.
fn draw_queue(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, open: &OpenQueue) {
    let Some(queue) = open.queue.as_deref() else {
        frame.render_widget(Paragraph::new("Reading their queue…"), area);
        return;
    };
    let lines = queue_lines(app, theme, queue, area.width as usize);
    let room = area.height as usize;
    let scroll = open.scroll.min(lines.len().saturating_sub(room));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(room).collect();
    frame.render_widget(Paragraph::new(shown), area);
}

fn queue_lines<'a>(app: &App, theme: &Theme, q: &TodayQueue, room: usize) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let lists = [
        ("Due today", QueueKind::DueToday, &q.due_today),
        ("Overdue", QueueKind::Overdue, &q.overdue),
        ("No next step", QueueKind::NoNextStep, &q.no_next_step),
        ("Gone quiet", QueueKind::GoneQuiet, &q.gone_quiet),
        ("No debrief", QueueKind::NoDebrief, &q.no_debrief),
    ];
    for (heading, kind, items) in lists {
        lines.push(Line::styled(
            format!("{heading} ({})", items.len()),
            theme.title(),
        ));
        if items.is_empty() {
            lines.push(Line::styled("  none", theme.muted()));
        }
        for item in items.iter() {
            let r = row_text(app, theme, item, kind);
            let marker = pad(&truncate(&r.marker, 12), 12);
            let name = pad(&truncate(&r.name, 22), 22);
            let rest = [r.company.as_str(), r.action.as_str(), r.when.as_str()]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            let rest = truncate(&rest, room.saturating_sub(2 + 12 + 1 + 22 + 2));
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(marker, r.marker_style),
                Span::raw(format!(" {name}  ")),
                Span::styled(rest, theme.muted()),
            ]));
        }
    }
    lines
}

//! The upcoming pane: every open next step from tomorrow on, this week day
//! by day ("Wed 2 Dec"), later weeks by week ("Week of 14 Dec"), each row
//! as today's queue draws it.

use chrono::{Datelike, Duration, Local, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, TableState, Wrap};

use super::columns::{HEADINGS, RowText, fit_widths, row_text};
use super::queue::{MARKER, all_widths, pane_block, queue_row, table};
use super::theme::Theme;
use crate::domain::{QueueItem, QueueKind};
use crate::ui::action::Action;
use crate::ui::keymap::{KeyMode, key_for};
use crate::ui::state::{App, Pane};

/// The heading of the group a step starting on `day` falls in, seen from
/// `today`: days of this week (to Sunday) each, then weeks from Monday.
pub fn group_heading(day: NaiveDate, today: NaiveDate) -> String {
    let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    if monday(day) == monday(today) {
        day.format("%a %-d %b").to_string()
    } else {
        format!("Week of {}", monday(day).format("%-d %b"))
    }
}

/// The day a row is grouped by: its window's start, in local time.
fn day_of(item: &QueueItem) -> Option<NaiveDate> {
    item.due.map(|w| w.start.with_timezone(&Local).date_naive())
}

/// Draws the upcoming pane into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(upcoming) = app.upcoming.as_ref() else {
        return;
    };
    let more = if upcoming.more { "+" } else { "" };
    let title = format!("Upcoming ({}{more})", upcoming.rows.len());
    let block = pane_block(title, app.focus == Pane::Upcoming, theme);
    if upcoming.rows.is_empty() {
        let text = if upcoming.loading {
            "Loading…".to_string()
        } else {
            format!(
                "Nothing scheduled after today. Set a prospect's next step with {}, or add one with {}.",
                key_for(Action::SetNext, KeyMode::Normal),
                key_for(Action::Add, KeyMode::Normal)
            )
        };
        let message = Paragraph::new(Span::styled(text, theme.muted()))
            .wrap(Wrap { trim: true })
            .block(block);
        frame.render_widget(message, area);
        return;
    }
    // Only the rows up to a screen before the selection are made (however
    // many pages were read); the first one shown gets its group's heading.
    let inner = block.inner(area);
    let visible = usize::from(inner.height.saturating_sub(1)).max(1);
    let cursor = app.cursor[Pane::Upcoming.index()];
    let start = (cursor + 1).saturating_sub(visible);
    let items = upcoming
        .rows
        .iter()
        .skip(start)
        .take(cursor + 1 - start + visible);
    let items: Vec<&QueueItem> = items.collect();
    let rows: Vec<RowText> = items
        .iter()
        .map(|item| row_text(app, theme, item, QueueKind::DueToday))
        .collect();
    let widths = fit_widths(&rows, usize::from(inner.width).saturating_sub(MARKER));
    let shown = widths.shown();
    let today = app.now.date_naive();
    let mut body: Vec<Row> = Vec::with_capacity(rows.len() + 8);
    let mut selected = 0;
    let mut group: Option<String> = None;
    for (i, (item, text)) in items.iter().zip(&rows).enumerate() {
        let heading = day_of(item).map(|d| group_heading(d, today));
        if heading != group {
            if let Some(h) = &heading {
                // The heading fills the row: its cells are the shown columns.
                let line = Line::from(Span::styled(h.clone(), theme.title()));
                let mut cells = vec![Cell::from(line)];
                cells.extend((1..shown.len()).map(|_| Cell::from("")));
                body.push(Row::new(cells));
            }
            group = heading;
        }
        if start + i == cursor {
            selected = body.len();
        }
        body.push(queue_row(text, &widths));
    }
    let header = HEADINGS
        .iter()
        .zip(all_widths(&widths))
        .filter(|(_, w)| *w > 0)
        .map(|(h, _)| *h);
    let focused = app.focus == Pane::Upcoming;
    let table = table(body, header, &shown, focused, theme).block(block);
    let mut state = TableState::new().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn this_week_by_day_then_by_week() {
        let monday = day(2026, 11, 30);
        assert_eq!(group_heading(day(2026, 12, 2), monday), "Wed 2 Dec");
        assert_eq!(group_heading(day(2026, 12, 6), monday), "Sun 6 Dec");
        assert_eq!(group_heading(day(2026, 12, 7), monday), "Week of 7 Dec");
        assert_eq!(group_heading(day(2026, 12, 17), monday), "Week of 14 Dec");
        // From a Sunday, Monday is next week already.
        assert_eq!(
            group_heading(day(2026, 12, 7), day(2026, 12, 6)),
            "Week of 7 Dec"
        );
    }
}

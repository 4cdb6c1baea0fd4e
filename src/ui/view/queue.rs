//! The list panes: due today, slows & stops, and search results. Each is a
//! table whose selected row is kept visible by ratatui's `TableState`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Cell, HighlightSpacing, Paragraph, Row, Table, TableState, Wrap,
};

use std::rc::Rc;

use super::columns::{HEADINGS, RowText, Widths, fit_widths};
use super::fit::{clean, clean_opt, truncate, width};
use super::theme::Theme;
use crate::domain::{QueueItem, QueueKind};
use crate::schedule::describe_windows;
use crate::ui::state::{App, Mode, Pane};

/// Columns taken by the selection marker.
pub(super) const MARKER: usize = 2;

/// The bordered block of a pane, thick and highlighted when focused.
pub fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let (border, kind, title_style) = if focused {
        (theme.focus_border(), BorderType::Thick, theme.title())
    } else {
        (theme.border(), BorderType::Plain, Style::new())
    };
    Block::bordered()
        .border_type(kind)
        .border_style(border)
        .title(Span::styled(format!(" {title} "), title_style))
}

/// The rows of the due-today and slows-&-stops panes.
pub type PaneRows = (Vec<Rc<RowText>>, Vec<Rc<RowText>>);

/// The rows of the due-today and slows-&-stops panes, taken once a frame
/// from the rows the last frame described (see [`super::RowMemo`]).
pub fn pane_rows(app: &App, theme: &Theme) -> PaneRows {
    let due = app
        .today
        .as_ref()
        .map(|t| &t.queue.due_today[..])
        .unwrap_or_default()
        .iter()
        .map(|item| (item, QueueKind::DueToday));
    let stops = app.stops.iter().map(|r| (&r.item, r.kind));
    let mut memo = app.row_memo.borrow_mut();
    let rows = memo.rows(app, theme, due.chain(stops));
    let (due, stops) = rows.split_at(app.today.as_ref().map_or(0, |t| t.queue.due_today.len()));
    (due.to_vec(), stops.to_vec())
}

/// The width the lists need to show every column uncut, borders included.
pub fn wanted_width(rows: &PaneRows) -> usize {
    let (due, stops) = rows;
    super::columns::wanted_width(due).max(super::columns::wanted_width(stops)) + MARKER + 2
}

/// Draws the due-today and slows-&-stops panes, or the search pane when it
/// has the focus.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect, rows: PaneRows) {
    if app.focus == Pane::Search && app.search.is_some() {
        draw_search(frame, app, theme, area);
        return;
    }
    let [due_area, stops_area] = split(area);
    let counts = app.today.as_ref().map(|t| t.counts);
    let due_title = format!("Due today ({})", counts.map_or(0, |c| c.due_today));
    let stops_title = format!(
        "Slows & stops ({})",
        counts.map_or(0, |c| c.overdue
            + c.no_next_step
            + c.gone_quiet
            + c.no_debrief)
    );
    let (due, stops) = rows;
    let panes = [
        (Pane::Due, due_title, due, due_area, "Nothing due today."),
        (
            Pane::Stops,
            stops_title,
            stops,
            stops_area,
            "No slows or stops: every active prospect has a next step.",
        ),
    ];
    for (pane, title, rows, pane_area, empty) in panes {
        let focused = app.focus == pane;
        let block = pane_block(title, focused, theme);
        if app.today.is_none() || rows.is_empty() {
            let text = if app.today.is_none() {
                "Loading…"
            } else {
                empty
            };
            let message = Paragraph::new(Span::styled(text, theme.muted()))
                .wrap(Wrap { trim: true })
                .block(block);
            frame.render_widget(message, pane_area);
            continue;
        }
        let inner = block.inner(pane_area);
        let widths = fit_widths(&rows, usize::from(inner.width).saturating_sub(MARKER));
        // Only the rows on screen are made into cells (a list holds up to
        // 500): the window a fresh table state shows, the selection at its
        // bottom once it has moved past the first screen. The widths still
        // come from every row, so scrolling never moves a column.
        let cursor = app.cursor[pane.index()];
        let (start, shown) = on_screen(inner.height, cursor, rows.len());
        let body: Vec<Row> = rows[start..start + shown]
            .iter()
            .map(|r| queue_row(r, &widths))
            .collect();
        let header = HEADINGS
            .iter()
            .zip(all_widths(&widths))
            .filter(|(_, w)| *w > 0)
            .map(|(h, _)| *h);
        let table = table(body, header, &widths.shown(), focused, theme).block(block);
        let mut state = TableState::new().with_selected(Some(cursor - start));
        frame.render_stateful_widget(table, pane_area, &mut state);
    }
}

/// Which rows of `len` a table of `height` lines (its heading included)
/// shows with row `cursor` selected: (first, how many), as a fresh
/// `TableState` would scroll them.
fn on_screen(height: u16, cursor: usize, len: usize) -> (usize, usize) {
    let visible = usize::from(height.saturating_sub(1)).max(1);
    let cursor = cursor.min(len.saturating_sub(1));
    let start = (cursor + 1).saturating_sub(visible);
    (start, visible.min(len - start))
}

/// The due-today and slows-&-stops areas.
fn split(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(area)
}

/// Rows of the focused list that fit in `area` (for page up / down).
pub fn page_rows(app: &App, area: Rect) -> usize {
    let height = if app.focus == Pane::Search && app.search.is_some() {
        area.height.saturating_sub(2 + 2)
    } else if app.focus == Pane::Book && app.browse.is_some() {
        // Borders, the hint line and the headings.
        area.height.saturating_sub(2 + 2)
    } else if app.focus == Pane::Upcoming && app.upcoming.is_some() {
        area.height.saturating_sub(2 + 1)
    } else {
        split(area)[0].height.saturating_sub(2 + 1)
    };
    usize::from(height).max(1)
}

pub(super) fn all_widths(w: &Widths) -> [usize; 7] {
    [
        w.marker, w.name, w.company, w.action, w.when, w.value, w.series,
    ]
}

pub(super) fn queue_row<'a>(r: &RowText, w: &Widths) -> Row<'a> {
    let series = if w.bar { &r.series } else { &r.series_short };
    let texts = [
        (&r.marker, r.marker_style),
        (&r.name, Style::new()),
        (&r.company, Style::new()),
        (&r.action, Style::new()),
        (&r.when, Style::new()),
        (&r.value, Style::new()),
        (series, Style::new()),
    ];
    let cells = texts
        .into_iter()
        .zip(all_widths(w))
        .enumerate()
        .filter(|(_, (_, w))| *w > 0)
        .map(|(i, ((text, style), w))| {
            let line = Line::from(Span::styled(truncate(text, w), style));
            Cell::from(if i == 5 { line.right_aligned() } else { line })
        });
    Row::new(cells.collect::<Vec<_>>())
}

/// A table with a muted heading row and the selection style of its pane.
pub(super) fn table<'a>(
    rows: Vec<Row<'a>>,
    header: impl IntoIterator<Item = &'a str>,
    widths: &[usize],
    focused: bool,
    theme: &Theme,
) -> Table<'a> {
    let constraints = widths
        .iter()
        .map(|w| Constraint::Length(u16::try_from(*w).unwrap_or(u16::MAX)));
    let (highlight, symbol) = if focused {
        (theme.selected(), "> ")
    } else {
        (Style::new(), "  ")
    };
    Table::new(rows, constraints)
        .header(Row::new(header).style(theme.muted()))
        .column_spacing(1)
        .row_highlight_style(highlight)
        .highlight_symbol(symbol)
        .highlight_spacing(HighlightSpacing::Always)
}

/// The search pane: the query box and the hits.
fn draw_search(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(search) = app.search.as_ref() else {
        return;
    };
    let title = format!("Search ({})", search.hits.len());
    let block = pane_block(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let query_area = inner.inner(ratatui::layout::Margin::new(2, 0));
    let [query_area, _, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(query_area);
    let [_, _, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let prompt = "Search: ";
    let room = usize::from(query_area.width).saturating_sub(width(prompt) + 1);
    let scroll = search.input.visual_scroll(room);
    let query = clean(search.input.value());
    let query_line = Line::from(vec![Span::styled(prompt, theme.title()), Span::raw(query)]);
    frame.render_widget(
        Paragraph::new(query_line).scroll((0, u16::try_from(scroll).unwrap_or(0))),
        query_area,
    );
    if matches!(app.mode, Mode::Searching) {
        let x = search.input.visual_cursor().saturating_sub(scroll) + width(prompt);
        let x = query_area.x + u16::try_from(x).unwrap_or(0);
        frame.set_cursor_position((x.min(query_area.right().saturating_sub(1)), query_area.y));
    }
    if search.hits.is_empty() {
        let text = if search.input.value().trim().is_empty() {
            "Type part of a name or company.".to_string()
        } else {
            format!("No prospect matches \"{}\".", clean(search.input.value()))
        };
        let message = Paragraph::new(Span::styled(text, theme.muted())).wrap(Wrap { trim: true });
        frame.render_widget(message, list_area);
        return;
    }
    let available = usize::from(list_area.width).saturating_sub(MARKER + 3);
    let status_w = "closed-out".len();
    let rest = available.saturating_sub(status_w);
    let (name_w, company_w) = (rest * 3 / 10, rest * 3 / 10);
    let next_w = rest.saturating_sub(name_w + company_w);
    let widths = [name_w, company_w, status_w, next_w];
    let rows = search.hits.iter().map(|hit| {
        let status = hit.status.to_string();
        let cells = [
            clean(&hit.item.name),
            clean_opt(hit.item.company.as_deref()),
            status,
            next_text(app, &hit.item, hit.status.is_finished()),
        ];
        Row::new(
            cells
                .into_iter()
                .zip(widths)
                .map(|(text, w)| Cell::from(truncate(&text, w)))
                .collect::<Vec<_>>(),
        )
    });
    let header = ["Name", "Company", "Status", "Next step"];
    let table = table(rows.collect(), header, &widths, true, theme);
    let mut state = TableState::new().with_selected(Some(app.cursor[Pane::Search.index()]));
    frame.render_stateful_widget(table, list_area, &mut state);
}

/// "call today after 17:00", "no next step" or "—" for a finished prospect.
fn next_text(app: &App, item: &QueueItem, finished: bool) -> String {
    match (item.action, item.due.as_ref()) {
        (Some(action), Some(_)) => {
            let when = describe_windows(item.parts(), &app.now, app.ctx.hours());
            format!("{action} {when}")
        }
        _ if finished => "—".into(),
        _ => "■ no next step".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::view::fixture::{Fixture, now, person};
    use ratatui::{Terminal, backend::TestBackend};

    #[test]
    fn the_window_on_screen_ends_at_the_selection_once_it_moves_past_the_first_screen() {
        // A table of 11 lines: a heading and 10 rows.
        assert_eq!(on_screen(11, 0, 40), (0, 10));
        assert_eq!(on_screen(11, 9, 40), (0, 10));
        assert_eq!(on_screen(11, 10, 40), (1, 10));
        assert_eq!(on_screen(11, 39, 40), (30, 10));
        assert_eq!(on_screen(11, 2, 3), (0, 3));
        assert_eq!(on_screen(0, 5, 40), (5, 1), "no room: the selection alone");
    }

    #[test]
    fn a_long_list_shows_the_rows_around_the_selection_with_the_columns_of_all() {
        let mut fx = Fixture::empty();
        let names: Vec<&'static str> = (0..40)
            .map(|i| &*Box::leak(format!("Person {i:02}").into_boxed_str()))
            .collect();
        for (i, name) in names.iter().enumerate() {
            let at = format!("today {}:{:02}", 10 + i / 12, (i % 12) * 5);
            // One long company far down the list still sets its column.
            let company = (i == 0).then_some("Northwind Consolidated Holdings");
            fx.add(name, now(), person(name, company, 1000, 50), Some(&at));
        }
        let mut app = fx.app();
        app.focus = Pane::Due;
        let screen = |app: &App| {
            let mut t = Terminal::new(TestBackend::new(120, 30)).unwrap();
            t.draw(|f| {
                let rows = pane_rows(app, &Theme { color: false });
                draw(f, app, &Theme { color: false }, f.area(), rows)
            })
            .unwrap();
            t.backend().to_string()
        };
        let top = screen(&app);
        assert!(
            top.contains("Person 00") && top.contains("Northwind"),
            "{top}"
        );
        app.cursor[Pane::Due.index()] = 30;
        let down = screen(&app);
        assert!(
            down.contains("> Person 30"),
            "the selection is shown: {down}"
        );
        assert!(
            !down.contains("Person 31"),
            "it is the last row shown: {down}"
        );
        assert!(!down.contains("Person 00"), "{down}");
        // The company column keeps the width the first row gave it, though
        // no row on screen has a company now: the action stays in place.
        let line = down.lines().find(|l| l.contains("Person 30")).unwrap();
        let first = top.lines().find(|l| l.contains("Person 01")).unwrap();
        assert!(line.contains("call"), "{line}");
        assert_eq!(
            line.find("call"),
            first.find("call"),
            "same layout:\n{line}\n{first}"
        );
    }
}

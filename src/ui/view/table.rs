//! The table of all prospects: name, company, status, next step, last
//! spoke, value, weighted value and series step; the title says which
//! status filter and which sort are in force, and the keys that change them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, TableState, Wrap};

use super::fit::{clean, clean_opt, truncate, width};
use super::queue::{MARKER, pane_block, table};
use super::theme::Theme;
use crate::domain::Money;
use crate::schedule::{describe_instant, describe_window};
use crate::series::{Position, progress};
use crate::store::BrowseRow;
use crate::ui::action::Action;
use crate::ui::keymap::{KeyMode, key_for};
use crate::ui::state::{App, Pane};

/// Column headings, in order.
const HEADINGS: [&str; 8] = [
    "Name",
    "Company",
    "Status",
    "Next step",
    "Last spoke",
    "Value",
    "Weighted",
    "Series",
];
/// The width the table asks for beside the detail: every column of a
/// typical row uncut.
pub const WANTED_WIDTH: usize = 110;
/// Columns right-aligned (the amounts).
const RIGHT: [usize; 2] = [5, 6];

/// The texts of one row, before fitting.
fn cells(app: &App, row: &BrowseRow) -> [String; 8] {
    let item = &row.item;
    let next = match (item.action, item.due.as_ref()) {
        (Some(action), Some(w)) => {
            format!("{action} {}", describe_window(w, &app.now, app.ctx.hours()))
        }
        _ if row.status.is_finished() => "—".into(),
        _ => "■ none".into(),
    };
    let spoke = row.last_spoke.map_or("never".into(), |t| {
        let at = describe_instant(t, &app.now);
        at.rsplit_once(' ')
            .map_or(at.clone(), |(day, _)| day.to_string())
    });
    let weighted = item
        .value
        .zip(item.probability)
        .map(|(v, p)| Money::from_cents((v.cents() * i64::from(p.percent()) + 50) / 100).display())
        .unwrap_or_default();
    let series = if row.status.is_finished() {
        String::new()
    } else {
        match app.ctx.series_named(item.series.name.as_deref()) {
            Some(series) => {
                let p = progress(series, &Position::from(&item.series));
                format!("{}/{}", p.done, p.total)
            }
            None => "missing".into(),
        }
    };
    [
        clean(&item.name),
        clean_opt(item.company.as_deref()),
        row.status.to_string(),
        next,
        spoke,
        item.value.map(|v| v.display()).unwrap_or_default(),
        weighted,
        series,
    ]
}

/// Widths for `texts` in `available` columns (0 hides a column). The short
/// columns (status, last spoke, amounts, series) take what they need; next
/// step, name and company share the rest, each at a readable minimum; when
/// that does not fit, the company goes, then the last-spoke column. The
/// status column is shown only when the table mixes statuses.
fn widths(texts: &[[String; 8]], available: usize, mixed: bool) -> [usize; 8] {
    let mut natural = HEADINGS.map(width);
    for row in texts {
        for (i, text) in row.iter().enumerate() {
            natural[i] = natural[i].max(width(text));
        }
    }
    if !mixed {
        natural[2] = 0;
    }
    // (column, readable minimum) of the columns that give way, in the order
    // they are given spare room: the next step first (a cut time misleads).
    let flexible = [(3, 14), (0, 12), (1, 10)];
    for hidden in [&[][..], &[1][..], &[1, 4][..]] {
        let mut w = natural;
        for i in hidden {
            w[*i] = 0;
        }
        let shown = w.iter().filter(|w| **w > 0).count();
        let fixed: usize = w
            .iter()
            .enumerate()
            .filter(|(i, _)| !flexible.iter().any(|(f, _)| f == i))
            .map(|(_, w)| w)
            .sum();
        let room = available.saturating_sub(fixed + shown.saturating_sub(1));
        let mins: usize = flexible.iter().map(|(i, min)| min.min(&w[*i])).sum();
        if room < mins && hidden.len() < 2 {
            continue;
        }
        let mut spare = room.saturating_sub(mins);
        for (i, min) in flexible {
            let base = min.min(w[i]);
            let grow = (w[i] - base).min(spare);
            w[i] = base + grow;
            spare -= grow;
        }
        return w;
    }
    natural
}

/// Draws the table into `area`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, area: Rect) {
    let Some(browse) = app.browse.as_ref() else {
        return;
    };
    let more = if browse.more { "+" } else { "" };
    let title = format!(
        "All prospects: {} by {} ({}{more})",
        browse.filter.label(),
        browse.sort.label(),
        browse.rows.len()
    );
    let block = pane_block(title, app.focus == Pane::Book, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [hint_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let hint = format!(
        "{} status filter · {} sort · {} / {} close",
        key_for(Action::CycleFilter, KeyMode::Normal),
        key_for(Action::CycleSort, KeyMode::Normal),
        key_for(Action::AllProspects, KeyMode::Normal),
        key_for(Action::Back, KeyMode::Normal),
    );
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(hint, theme.muted()))),
        hint_area,
    );
    if browse.rows.is_empty() {
        let text = if browse.loading {
            "Loading…".to_string()
        } else {
            format!(
                "No {} prospects. {} shows another status; {} adds a prospect.",
                browse.filter.label(),
                key_for(Action::CycleFilter, KeyMode::Normal),
                key_for(Action::Add, KeyMode::Normal)
            )
        };
        let message = Paragraph::new(Span::styled(text, theme.muted())).wrap(Wrap { trim: true });
        frame.render_widget(message, list_area);
        return;
    }
    // Only the rows on screen are made (however many pages were read): the
    // window a fresh table state would show, the selection at its bottom
    // once it has moved past the first screen.
    let visible = usize::from(list_area.height.saturating_sub(1)).max(1);
    let cursor = app.cursor[Pane::Book.index()];
    let start = (cursor + 1).saturating_sub(visible);
    let texts: Vec<[String; 8]> = browse
        .rows
        .iter()
        .skip(start)
        .take(visible)
        .map(|r| cells(app, r))
        .collect();
    let mixed = browse.filter.status().is_none();
    let w = widths(
        &texts,
        usize::from(list_area.width).saturating_sub(MARKER),
        mixed,
    );
    let shown: Vec<usize> = w.iter().copied().filter(|w| *w > 0).collect();
    let rows = texts.iter().map(|row| {
        let cells = row
            .iter()
            .zip(w)
            .enumerate()
            .filter(|(_, (_, w))| *w > 0)
            .map(|(i, (text, w))| {
                let line = Line::from(truncate(text, w));
                Cell::from(if RIGHT.contains(&i) {
                    line.right_aligned()
                } else {
                    line
                })
            });
        Row::new(cells.collect::<Vec<_>>())
    });
    let header = HEADINGS
        .iter()
        .zip(w)
        .filter(|(_, w)| *w > 0)
        .map(|(h, _)| *h);
    let table = table(
        rows.collect(),
        header,
        &shown,
        app.focus == Pane::Book,
        theme,
    );
    let mut state = TableState::new().with_selected(Some(cursor - start));
    frame.render_stateful_widget(table, list_area, &mut state);
}

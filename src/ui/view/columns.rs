//! The columns of a queue row: what each cell says, and how wide each
//! column may be so a row always fits the pane.

use std::borrow::Borrow;

use chrono::Local;
use ratatui::style::Style;

use super::fit::{clean, clean_opt, width};
use super::theme::Theme;
use crate::domain::{QueueItem, QueueKind};
use crate::schedule::{describe_instant, describe_windows};
use crate::series::{Position, progress, progress_bar};
use crate::ui::state::App;

/// The text of one queue row, before fitting.
#[derive(Debug, Clone)]
pub struct RowText {
    /// Urgency symbol and word, e.g. `! 3d late`.
    pub marker: String,
    /// The marker's style.
    pub marker_style: Style,
    /// Prospect name (clean).
    pub name: String,
    /// Company (clean).
    pub company: String,
    /// The next step's action.
    pub action: String,
    /// When it is due, or when they were last contacted.
    pub when: String,
    /// Quote value.
    pub value: String,
    /// Series progress with its bar.
    pub series: String,
    /// Series progress without the bar.
    pub series_short: String,
    /// The width of each text, measured once (the column widths take the
    /// widest of every row at each frame).
    pub widths: Measured,
}

/// The terminal columns each text of a [`RowText`] takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measured {
    /// The marker's.
    pub marker: usize,
    /// The name's.
    pub name: usize,
    /// The company's.
    pub company: usize,
    /// The action's.
    pub action: usize,
    /// The "when"'s.
    pub when: usize,
    /// The value's.
    pub value: usize,
    /// The series progress's, with its bar.
    pub series: usize,
    /// The series progress's, without the bar.
    pub series_short: usize,
}

/// The row of a queue entry; `kind` is its queue.
pub fn row_text(app: &App, theme: &Theme, item: &QueueItem, kind: QueueKind) -> RowText {
    let now = app.now;
    let hours = app.ctx.hours();
    let due = item
        .due
        .map(|_| describe_windows(item.parts(), &now, hours));
    let last = match item.last_contact_at {
        Some(t) => {
            // The day is what matters in a list; the detail has the time.
            let at = describe_instant(t, &now);
            let day = at.rsplit_once(' ').map_or(at.as_str(), |(day, _)| day);
            format!("last contact {day}")
        }
        None => "never contacted".to_string(),
    };
    let (marker, marker_style, when) = match kind {
        QueueKind::DueToday => {
            let open = item.parts().iter().any(|w| w.is_open(now.to_utc()));
            let marker = if open { "▶ now" } else { "" };
            (marker.to_string(), theme.due_now(), due.unwrap_or_default())
        }
        QueueKind::Overdue => {
            let days = app
                .today
                .as_ref()
                .zip(item.due.as_ref())
                .map_or(0, |(t, w)| t.bounds.days_late(w));
            let marker = if days > 0 {
                format!("! {days}d late")
            } else {
                "! late".into()
            };
            (marker, theme.overdue(), due.unwrap_or_default())
        }
        QueueKind::NoNextStep => ("■ no step".into(), theme.overdue(), last),
        QueueKind::GoneQuiet => {
            let days = item.last_contact_at.map(|t| {
                let then = t.with_timezone(&Local).date_naive();
                (now.date_naive() - then).num_days().max(0)
            });
            let marker = days.map_or("~ quiet".into(), |d| format!("~ quiet {d}d"));
            (marker, theme.quiet(), due.unwrap_or(last))
        }
        QueueKind::NoDebrief => {
            let met = item.debrief_due.map_or(String::new(), |t| {
                let at = describe_instant(t, &now);
                let day = at.rsplit_once(' ').map_or(at.as_str(), |(day, _)| day);
                format!("met {day}")
            });
            ("✎ debrief".into(), theme.quiet(), met)
        }
    };
    let (series, series_short) = series_text(app, item);
    let name = clean(&item.name);
    let company = clean_opt(item.company.as_deref());
    let action = item.action.map(|a| a.to_string()).unwrap_or_default();
    let value = item.value.map(|v| v.display()).unwrap_or_default();
    let widths = Measured {
        marker: width(&marker),
        name: width(&name),
        company: width(&company),
        action: width(&action),
        when: width(&when),
        value: width(&value),
        series: width(&series),
        series_short: width(&series_short),
    };
    RowText {
        marker,
        marker_style,
        name,
        company,
        action,
        when,
        value,
        series,
        series_short,
        widths,
    }
}

/// Series progress: `●●●○○○○○○○ 3/10` and `3/10`, or `paused`.
fn series_text(app: &App, item: &QueueItem) -> (String, String) {
    // A customer's step is an item of the after-sale plan, not the series.
    if item.customer {
        return ("customer".into(), "customer".into());
    }
    if item.series.is_paused(app.now.to_utc()) {
        return ("paused".into(), "paused".into());
    }
    // A missing series (its file did not load) is never drawn as another's.
    let Some(series) = app.ctx.series_named(item.series.name.as_deref()) else {
        return ("missing".into(), "missing".into());
    };
    let position = Position {
        performed: item.series.performed,
        paused: item.series.is_paused(app.now.to_utc()),
    };
    let p = progress(series, &position);
    let short = format!("{}/{}", p.done, p.total);
    (format!("{} {short}", progress_bar(p.done, p.total)), short)
}

/// Column widths of a queue table; 0 hides a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Widths {
    /// Urgency marker.
    pub marker: usize,
    /// Name.
    pub name: usize,
    /// Company.
    pub company: usize,
    /// Action.
    pub action: usize,
    /// When.
    pub when: usize,
    /// Value.
    pub value: usize,
    /// Series progress.
    pub series: usize,
    /// True when the series column has room for the bar.
    pub bar: bool,
}

impl Widths {
    /// The widths of the shown columns, in order.
    pub fn shown(&self) -> Vec<usize> {
        [
            self.marker,
            self.name,
            self.company,
            self.action,
            self.when,
            self.value,
            self.series,
        ]
        .into_iter()
        .filter(|w| *w > 0)
        .collect()
    }
}

/// Column headings (the marker column has none).
pub const HEADINGS: [&str; 7] = ["", "Name", "Company", "Action", "When", "Value", "Series"];

/// Names are cut to no less than this before other columns give way.
const NAME_MIN: usize = 18;
/// Companies are cut to no less than this before the column is hidden.
const COMPANY_MIN: usize = 12;
/// "When" texts are cut to this as a last resort.
const WHEN_MIN: usize = 16;

/// Widths that fit `rows` into `available` columns (spacing included).
/// Names and companies get at least a readable width; to make room, first
/// the series bar goes, then the action column, then the company column,
/// and last long "when" texts are cut.
pub fn fit_widths<R: Borrow<RowText>>(rows: &[R], available: usize) -> Widths {
    let widest = |f: fn(&Measured) -> usize| rows.iter().map(|r| f(&r.borrow().widths)).max();
    let most =
        |f: fn(&Measured) -> usize, heading: &str| widest(f).unwrap_or(0).max(width(heading));
    let name = most(|m| m.name, "Name");
    let company = match widest(|m| m.company) {
        Some(0) | None => 0,
        Some(w) => w.max(width("Company")),
    };
    let full = Widths {
        marker: widest(|m| m.marker).unwrap_or(0),
        name: name.min(NAME_MIN),
        company: company.min(COMPANY_MIN),
        action: most(|m| m.action, "Action"),
        when: most(|m| m.when, "When"),
        value: most(|m| m.value, "Value"),
        series: most(|m| m.series, "Series"),
        bar: true,
    };
    let short = most(|m| m.series_short, "Series");
    let no_bar = Widths {
        series: short,
        bar: false,
        ..full
    };
    let no_action = Widths {
        action: 0,
        ..no_bar
    };
    let no_company = Widths {
        company: 0,
        ..no_action
    };
    let cut_when = Widths {
        when: full.when.min(WHEN_MIN),
        name: name.min(NAME_MIN).min(12),
        ..no_company
    };
    let tries = [full, no_bar, no_action, no_company, cut_when];
    let base = tries
        .into_iter()
        .find(|w| total(w) <= available)
        .unwrap_or(cut_when);
    grow(base, available.saturating_sub(total(&base)), name, company)
}

/// Columns `rows` take with every column shown and no "when" cut, names
/// and companies at their readable minimum and no series bar (the detail
/// beside the lists is worth more than either), spacing included.
pub fn wanted_width<R: Borrow<RowText>>(rows: &[R]) -> usize {
    let grown = fit_widths(rows, usize::MAX / 4);
    let series = rows
        .iter()
        .map(|r| r.borrow().widths.series_short)
        .max()
        .unwrap_or(0)
        .max(width("Series"));
    total(&Widths {
        name: grown.name.min(NAME_MIN),
        company: grown.company.min(COMPANY_MIN),
        series,
        bar: false,
        ..grown
    })
}

/// Columns a row takes, spacing included.
fn total(w: &Widths) -> usize {
    let shown = w.shown();
    shown.iter().sum::<usize>() + shown.len().saturating_sub(1)
}

/// Gives `spare` columns to the name and the company, up to what they need.
fn grow(mut w: Widths, spare: usize, name: usize, company: usize) -> Widths {
    let name_wants = name.saturating_sub(w.name);
    let company_wants = if w.company > 0 {
        company.saturating_sub(w.company)
    } else {
        0
    };
    let wants = name_wants + company_wants;
    if wants <= spare {
        w.name += name_wants;
        w.company += company_wants;
    } else if let Some(to_name) = (spare * name_wants).checked_div(wants) {
        w.name += to_name;
        w.company += spare - to_name;
    }
    w
}

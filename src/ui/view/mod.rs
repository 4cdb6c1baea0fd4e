//! The view: a pure function of the state. [`draw`] paints one frame from
//! an [`App`]; it reads nothing else (no clock, no book, no environment), so
//! every screen is tested by drawing into a `TestBackend`.
//!
//! One file per pane: [`header`], [`banner`] (on a sample book), [`queue`] (the lists), [`detail`],
//! [`status`], [`flow`] (the flow review), [`team`] (the Team screen), and the popups [`help`] and [`form`]; [`empty`] covers the
//! empty book and a terminal too small to draw in.

mod agenda;
mod banner;
mod columns;
mod customer;
mod detail;
mod empty;
mod fit;
mod flow;
mod form;
mod header;
mod help;
mod queue;
mod row_memo;
mod status;
mod table;
mod team;
pub mod theme;
mod timeline;

#[cfg(test)]
mod customer_tests;
#[cfg(test)]
mod fixture;
#[cfg(test)]
mod flow_tests;
#[cfg(test)]
mod form_tests;
#[cfg(test)]
mod pages_tests;
#[cfg(test)]
mod team_tests;
#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

pub use row_memo::RowMemo;
pub use theme::Theme;

use crate::ui::state::{App, Mode, Pane};

/// Narrowest terminal the cockpit draws in.
pub const MIN_WIDTH: u16 = 80;
/// Shortest terminal the cockpit draws in.
pub const MIN_HEIGHT: u16 = 24;
/// From this width on the detail is shown beside the lists.
pub const SIDE_BY_SIDE_WIDTH: u16 = 120;
/// The narrowest the detail gets beside the lists: the lists take the width
/// their columns need first, up to this.
const DETAIL_MIN_WIDTH: u16 = 46;

/// Where the lists and the detail go in the body.
struct Body {
    lists: Option<Rect>,
    detail: Option<Rect>,
}

/// The header, the demo banner (no rows on the user's own book), body and
/// status line of a screen of `area`.
fn frame_areas(app: &App, area: Rect) -> [Rect; 4] {
    let banner = u16::from(app.sample.is_some());
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// Where the lists and the detail go; `wanted` is the width the lists'
/// columns need (`None`: only the heights matter).
fn body_areas(app: &App, body: Rect, wanted: Option<usize>) -> Body {
    if app.detail_open {
        // Enter opens the detail over the whole body at any width.
        Body {
            lists: None,
            detail: Some(body),
        }
    } else if body.width >= SIDE_BY_SIDE_WIDTH {
        // The lists get what their columns need ("When" uncut) before the
        // detail grows past its minimum, and never less than 55%.
        let wanted = u16::try_from(wanted.unwrap_or(0)).unwrap_or(u16::MAX);
        let lists_width = wanted
            .max(u16::try_from(u32::from(body.width) * 55 / 100).unwrap_or(body.width))
            .min(body.width.saturating_sub(DETAIL_MIN_WIDTH));
        let [lists, detail] =
            Layout::horizontal([Constraint::Length(lists_width), Constraint::Fill(1)]).areas(body);
        Body {
            lists: Some(lists),
            detail: Some(detail),
        }
    } else {
        Body {
            lists: Some(body),
            detail: None,
        }
    }
}

/// Draws the whole cockpit for `app` into `frame`.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        empty::too_small(frame, area, MIN_WIDTH, MIN_HEIGHT, theme);
        return;
    }
    let [header_area, banner_area, body, status_area] = frame_areas(app, area);
    header::draw(frame, app, theme, header_area);
    if let Some(sample) = &app.sample {
        banner::draw(frame, app, sample, theme, banner_area);
    }
    if app.team_screen.is_some() {
        team::draw(frame, app, theme, body);
    } else if app.flow.is_some() {
        flow::draw(frame, app, theme, body);
    } else if app.book_is_empty && app.search.is_none() {
        empty::book(frame, body, theme);
    } else {
        // The search, the agenda and the table size themselves; the queues
        // are measured once a frame.
        let searching = own_screen(app);
        let rows = if searching {
            Default::default()
        } else {
            queue::pane_rows(app, theme)
        };
        let wanted = match app.focus {
            // The table has eight columns: it takes what the detail can give.
            Pane::Book if searching => Some(table::WANTED_WIDTH),
            _ => (!searching).then(|| queue::wanted_width(&rows)),
        };
        let regions = body_areas(app, body, wanted);
        if let Some(lists) = regions.lists {
            match app.focus {
                Pane::Upcoming if searching => agenda::draw(frame, app, theme, lists),
                Pane::Book if searching => table::draw(frame, app, theme, lists),
                _ => queue::draw(frame, app, theme, lists, rows),
            }
        }
        if let Some(detail) = regions.detail {
            detail::draw(frame, app, theme, detail, regions.lists.is_none());
        }
    }
    status::draw(frame, app, theme, status_area);
    match &app.mode {
        Mode::Help(scroll) => help::draw(frame, area, theme, *scroll),
        Mode::Form(f) => form::draw(frame, app, f, theme, area),
        Mode::Confirm(q) => form::confirm(frame, q, theme, area),
        Mode::Discard(f) => {
            form::draw(frame, app, f, theme, area);
            form::ask(frame, &f.discard_question(), theme, area);
        }
        Mode::Normal | Mode::Searching => {}
    }
}

/// True when the focused pane has the lists' area to itself (the search,
/// the agenda or the table of all prospects).
fn own_screen(app: &App) -> bool {
    match app.focus {
        Pane::Search => app.search.is_some(),
        Pane::Upcoming => app.upcoming.is_some(),
        Pane::Book => app.browse.is_some(),
        Pane::Due | Pane::Stops => false,
    }
}

/// Rows of the focused list visible on a `width`×`height` terminal: what
/// page up / down should move by (`App::page`).
pub fn page_rows(app: &App, width: u16, height: u16) -> usize {
    let [_, _, body, _] = frame_areas(app, Rect::new(0, 0, width, height));
    // The lists' height does not depend on how wide they are.
    match body_areas(app, body, None).lists {
        Some(lists) => queue::page_rows(app, lists),
        None => 1,
    }
}

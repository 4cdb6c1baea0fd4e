//! The queue rows' text, kept from one frame to the next.
//!
//! Describing a row (its windows and last contact through the calendar,
//! its series bar) is most of a frame's work at 100,000 prospects: both
//! panes hold up to 800 rows, and a keystroke that logs an attempt changes
//! one of them. A row's text depends only on its queue item, its queue,
//! the moment drawn for (and the day's bounds, which the queues take from
//! it and the settings), the business hours, the colours, the series
//! library and the local time zone. The memo reuses a row's text while the
//! item, queue, moment, hours and colours are what they were, and is
//! emptied when the settings (and so the library) are replaced
//! ([`App::set_ctx`]). The moment is read again at each new minute, on
//! focus and when another process wrote the book: those frames describe
//! every row, as a keystroke's never does.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Local};

use super::columns::{RowText, row_text};
use super::theme::Theme;
use crate::domain::{ProspectId, QueueItem, QueueKind};
use crate::schedule::BusinessHours;
use crate::ui::state::App;

/// What every kept row was described for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MadeFor {
    now: DateTime<Local>,
    hours: BusinessHours,
    color: bool,
}

/// Rows described for the last frame; see the module's comment.
#[derive(Debug, Clone, Default)]
pub struct RowMemo {
    made_for: Option<MadeFor>,
    rows: HashMap<(ProspectId, QueueKind), (QueueItem, Rc<RowText>)>,
}

impl RowMemo {
    /// Forgets every row (the settings or the series changed).
    pub fn clear(&mut self) {
        self.made_for = None;
        self.rows.clear();
    }

    /// The text of each of `items` (with its queue), reusing what the
    /// last call described for the same item; rows not asked for again
    /// are forgotten.
    pub fn rows<'i>(
        &mut self,
        app: &App,
        theme: &Theme,
        items: impl IntoIterator<Item = (&'i QueueItem, QueueKind)>,
    ) -> Vec<Rc<RowText>> {
        let same = self.made_for.as_ref().is_some_and(|m| {
            m.now == app.now && m.color == theme.color && m.hours == *app.ctx.hours()
        });
        if !same {
            self.clear();
            self.made_for = Some(MadeFor {
                now: app.now,
                hours: app.ctx.hours().clone(),
                color: theme.color,
            });
        }
        let mut kept = std::mem::take(&mut self.rows);
        items
            .into_iter()
            .map(|(item, kind)| {
                let key = (item.id, kind);
                // A row kept moves back with the item it was made for; only
                // a row described anew copies its item.
                let entry = match kept.remove(&key) {
                    Some((was, text)) if was == *item => (was, text),
                    _ => (item.clone(), Rc::new(row_text(app, theme, item, kind))),
                };
                let text = Rc::clone(&entry.1);
                self.rows.insert(key, entry);
                text
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::view::fixture::{Fixture, now, person};

    fn due(app: &App) -> Vec<(&QueueItem, QueueKind)> {
        app.today
            .as_ref()
            .unwrap()
            .queue
            .due_today
            .iter()
            .map(|i| (i, QueueKind::DueToday))
            .collect()
    }

    #[test]
    fn a_row_is_described_again_only_when_what_it_shows_changed() {
        let mut fx = Fixture::empty();
        fx.add(
            "Ann",
            now(),
            person("Ann", None, 1000, 50),
            Some("today 15:00"),
        );
        fx.add(
            "Bob",
            now(),
            person("Bob", None, 2000, 50),
            Some("today 16:00"),
        );
        let mut app = fx.app();
        let theme = Theme { color: false };
        let mut memo = RowMemo::default();
        let first = memo.rows(&app, &theme, due(&app));
        assert_eq!(first.len(), 2);
        let again = memo.rows(&app, &theme, due(&app));
        assert!(
            first.iter().zip(&again).all(|(a, b)| Rc::ptr_eq(a, b)),
            "nothing changed: the same text"
        );

        // One item changes: only its row is described again, and it says
        // the new value.
        let today = app.today.as_mut().unwrap();
        today.queue.due_today[1].value = Some(crate::domain::Money::from_cents(500_000));
        let changed = memo.rows(&app, &theme, due(&app));
        assert!(Rc::ptr_eq(&first[0], &changed[0]));
        assert!(!Rc::ptr_eq(&first[1], &changed[1]));
        assert_ne!(first[1].value, changed[1].value);
        assert_eq!(
            changed[1].value,
            row_text(
                &app,
                &theme,
                &app.today.as_ref().unwrap().queue.due_today[1],
                QueueKind::DueToday
            )
            .value
        );

        // Another minute, another colour: every row again.
        app.now += chrono::Duration::minutes(1);
        let later = memo.rows(&app, &theme, due(&app));
        assert!(!Rc::ptr_eq(&changed[0], &later[0]));
        let coloured = memo.rows(&app, &Theme { color: true }, due(&app));
        assert!(!Rc::ptr_eq(&later[0], &coloured[0]));
        assert_ne!(later[0].marker_style, coloured[0].marker_style);
    }

    #[test]
    fn new_settings_forget_every_row() {
        let mut fx = Fixture::empty();
        fx.add(
            "Ann",
            now(),
            person("Ann", None, 1000, 50),
            Some("today 15:00"),
        );
        let mut app = fx.app();
        let theme = Theme { color: false };
        let first = app.row_memo.borrow_mut().rows(&app, &theme, due(&app));
        app.set_ctx(crate::app::Context::builtin());
        assert!(app.row_memo.borrow().rows.is_empty());
        let again = app.row_memo.borrow_mut().rows(&app, &theme, due(&app));
        assert!(!Rc::ptr_eq(&first[0], &again[0]));
    }

    #[test]
    fn the_memo_forgets_rows_that_left_the_lists() {
        let mut fx = Fixture::empty();
        fx.add(
            "Ann",
            now(),
            person("Ann", None, 1000, 50),
            Some("today 15:00"),
        );
        let app = fx.app();
        let theme = Theme { color: false };
        let mut memo = RowMemo::default();
        memo.rows(&app, &theme, due(&app));
        assert_eq!(memo.rows.len(), 1);
        memo.rows(&app, &theme, []);
        assert!(memo.rows.is_empty());
    }
}

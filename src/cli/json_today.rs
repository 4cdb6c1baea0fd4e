//! `today --format json`: the queues and their counts.
//!
//! Typed (not a `Value` tree) and written as it is made: `today` is the
//! command status bars run every few seconds, and at a million prospects it
//! prints 2,500 rows. Each row's document is made while the row is written
//! and dropped after, instead of all of them being held first (that doubled
//! the memory the command touched, and page faults were a sixth of its time).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::json::{decimal, time_text};
use crate::app::Today;
use crate::domain::{DayBounds, Money, QueueItem};
use crate::schedule::{BusinessHours, Window, describe_window};

/// A window as `today` prints it.
#[derive(Serialize)]
struct WindowDoc {
    start: String,
    end: String,
    text: String,
}

/// A window's document, shared by every row due in that window.
struct SharedWindow(Rc<WindowDoc>);

impl Serialize for SharedWindow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// A queue entry as `today` prints it.
#[derive(Serialize)]
struct QueueItemDoc<'a> {
    id: i64,
    name: &'a str,
    company: Option<&'a str>,
    value_cents: Option<i64>,
    value: Option<String>,
    probability: Option<u8>,
    last_contact_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<SharedWindow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_late: Option<i64>,
    /// True inside one of the step's windows.
    #[serde(skip_serializing_if = "Option::is_none")]
    due_now: Option<bool>,
    /// Every window of a step with alternatives ("fri afternoon or mon
    /// morning"); `due` is the one that applies now. Left out for a step
    /// of one window (nearly every row: `due` says it all, and `today`
    /// prints hundreds of rows).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    windows: Vec<SharedWindow>,
    /// A won customer: the step is an item of the after-sale plan.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    customer: bool,
    /// The appointment (meeting or quote given) no debrief has followed yet
    /// (the "no debrief" queue).
    #[serde(skip_serializing_if = "Option::is_none")]
    debrief_due: Option<String>,
}

/// The windows already written out while printing one `today`: the same
/// few recur across hundreds of rows (at a million prospects, the 2,000
/// rows with a step hold about 480 different windows), and describing one
/// costs more than sharing its text.
struct WindowTexts<'n> {
    now: &'n DateTime<Local>,
    hours: &'n BusinessHours,
    seen: HashMap<(DateTime<Utc>, DateTime<Utc>), Rc<WindowDoc>>,
}

impl WindowTexts<'_> {
    fn doc(&mut self, w: &Window) -> SharedWindow {
        let (now, hours) = (self.now, self.hours);
        let doc = self.seen.entry((w.start, w.end)).or_insert_with(|| {
            Rc::new(WindowDoc {
                start: time_text(w.start),
                end: time_text(w.end),
                text: describe_window(w, now, hours),
            })
        });
        SharedWindow(Rc::clone(doc))
    }
}

fn queue_item<'a>(
    item: &'a QueueItem,
    bounds: &DayBounds,
    windows: &mut WindowTexts<'_>,
) -> QueueItemDoc<'a> {
    QueueItemDoc {
        id: item.id.0,
        name: &item.name,
        company: item.company.as_deref(),
        value_cents: item.value.map(Money::cents),
        value: item.value.map(decimal),
        probability: item.probability.map(|p| p.percent()),
        last_contact_at: item.last_contact_at.map(time_text),
        action: item.due.and(item.action).map(|a| a.as_str()),
        due: item.due.map(|w| windows.doc(&w)),
        days_late: item.due.map(|w| bounds.days_late(&w)),
        due_now: item.due.map(|_| bounds.is_due_now(item.parts())),
        windows: if item.parts().len() > 1 {
            item.parts().iter().map(|w| windows.doc(w)).collect()
        } else {
            Vec::new()
        },
        customer: item.customer,
        debrief_due: item.debrief_due.map(time_text),
    }
}

/// One queue's rows, each made into its document as it is written.
struct QueueList<'a, 'w> {
    items: &'a [QueueItem],
    bounds: &'a DayBounds,
    windows: &'w RefCell<WindowTexts<'a>>,
}

impl Serialize for QueueList<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.items
                .iter()
                .map(|i| queue_item(i, self.bounds, &mut self.windows.borrow_mut())),
        )
    }
}

/// `today` as printed: the queues and their counts; see [`today`].
pub struct TodayDoc<'a> {
    today: &'a Today,
    now: &'a DateTime<Local>,
    hours: &'a BusinessHours,
}

impl Serialize for TodayDoc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.today;
        let windows = RefCell::new(WindowTexts {
            now: self.now,
            hours: self.hours,
            seen: HashMap::new(),
        });
        let list = |items| QueueList {
            items,
            bounds: &t.bounds,
            windows: &windows,
        };
        let mut doc = s.serialize_struct("TodayDoc", 9)?;
        doc.serialize_field("date", &self.now.format("%Y-%m-%d").to_string())?;
        doc.serialize_field("now", &time_text(t.bounds.now))?;
        doc.serialize_field("due_today", &list(&t.queue.due_today))?;
        doc.serialize_field("overdue", &list(&t.queue.overdue))?;
        doc.serialize_field("no_next_step", &list(&t.queue.no_next_step))?;
        doc.serialize_field("gone_quiet", &list(&t.queue.gone_quiet))?;
        doc.serialize_field("no_debrief", &list(&t.queue.no_debrief))?;
        doc.serialize_field("counts", &t.counts)?;
        doc.serialize_field("weighted_pipeline_cents", &t.pipeline.cents())?;
        doc.end()
    }
}

/// `today`: the queues and their counts, made into JSON as it is written.
pub fn today<'a>(t: &'a Today, now: &'a DateTime<Local>, hours: &'a BusinessHours) -> TodayDoc<'a> {
    TodayDoc {
        today: t,
        now,
        hours,
    }
}

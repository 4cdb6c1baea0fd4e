//! The weekly flow review: pure functions over the book's history rows
//! (read by `store/report.rs`, gathered by `app/report.rs`). Every figure
//! is computed as of the period's end from what was known then, so a past
//! week gives the same figures however the book changed since.
//!
//! One file per part of the review: [`period`] (which week), [`pipeline`]
//! (walking the pipeline back from today), [`contacts`] (contacts to win),
//! [`stopped`] (where follow-up stopped), [`speed`] (how fast and on time),
//! [`series`] (which message works), [`outcomes`] (won and lost); and the
//! outputs, [`table`] and [`html`] (JSON is the [`Report`] serialised).

pub mod contacts;
pub mod html;
pub mod outcomes;
pub mod period;
pub mod pipeline;
pub mod series;
pub mod speed;
pub mod stopped;
pub mod table;
pub mod team;

#[cfg(test)]
mod tests;

use serde::Serialize;

pub use contacts::ContactsToWin;
pub use outcomes::{Finished, Outcomes};
pub use period::{Period, PeriodError};
pub use pipeline::{Pipeline, Snap, Walk};
pub use series::{SeriesDef, SeriesStep};
pub use speed::Speed;
pub use stopped::Stopped;

/// One bar of a distribution: how many, their share, and the brief's share
/// for the same bar (where the brief gives one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bar {
    /// What the bar counts ("1st", "2–4 days").
    pub label: String,
    /// How many.
    pub count: u64,
    /// Their share of the total, in whole percent.
    pub percent: u32,
    /// The brief's share, in percent (`None`: the brief gives none).
    pub brief_percent: Option<u32>,
}

/// Bars from counts, with shares of their total.
pub(crate) fn bars(items: &[(&str, u64, Option<u32>)]) -> Vec<Bar> {
    let total: u64 = items.iter().map(|(_, n, _)| n).sum();
    items
        .iter()
        .map(|(label, count, brief)| Bar {
            label: (*label).to_string(),
            count: *count,
            percent: percent(*count, total),
            brief_percent: *brief,
        })
        .collect()
}

/// `part` of `whole` in whole percent, rounded (0 of nothing).
pub(crate) fn percent(part: u64, whole: u64) -> u32 {
    if whole == 0 {
        return 0;
    }
    u32::try_from((part * 200 + whole) / (whole * 2)).unwrap_or(100)
}

/// The review's title: the period, and whose prospects when not the
/// whole book's.
pub fn title(r: &Report) -> String {
    match &r.consultant {
        Some(name) => format!("Flow review of {name}: {}", r.period.label),
        None => format!("Flow review: {}", r.period.label),
    }
}

/// The whole review of one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The consultant whose prospects are reviewed (`None`: the whole book).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consultant: Option<String>,
    /// The period reviewed.
    pub period: Period,
    /// Won, lost and closed out in the period.
    pub outcomes: Outcomes,
    /// How many contacts each win took.
    pub contacts_to_win: ContactsToWin,
    /// Where follow-up stopped.
    pub stopped: Stopped,
    /// How fast the follow-up came, and whether steps were kept on time.
    pub speed: Speed,
    /// The weighted pipeline week by week, and what moved this period.
    pub pipeline: Pipeline,
    /// Each series step and how often the prospect answered after it.
    pub series: Vec<SeriesStep>,
}

//! Speed: days from the quote (the first quote logged, else the first
//! meeting) to the first follow-up, for the prospects added in the period
//! (the brief: 2–4 days, and every day after lowers the odds); and the
//! next steps done in the period, on time or late (kept promises are the
//! audition).

use chrono::NaiveDate;
use serde::Serialize;

use super::stopped::Rules;
use super::{Bar, bars, percent};
use crate::store::{ClosedStep, Contact};

/// How fast the follow-up came, and whether promises were kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speed {
    /// Prospects added in the period.
    pub quoted: u64,
    /// Days from the quote to the first follow-up: 0–1, 2–4 (the brief),
    /// 5–7, more, not yet (within 4 days), not yet (late).
    pub bars: Vec<Bar>,
    /// The middle follow-up's days (`None`: none yet).
    pub median_days: Option<i64>,
    /// Next steps done in the period.
    pub steps_done: u64,
    /// Of those, done before their window had passed.
    pub on_time: u64,
    /// Of those, done after it.
    pub late: u64,
    /// On time, in percent of those done.
    pub on_time_percent: u32,
    /// Next steps moved to another time in the period.
    pub rescheduled: u64,
}

/// When a prospect was quoted (its first quote logged, else its first
/// meeting or visit, else when it was added) and when it was first
/// contacted after that, if it was.
pub fn first_follow_up(contacts: &[Contact], created: i64) -> (i64, Option<i64>) {
    let start = contacts
        .iter()
        .find(|c| c.quoted)
        .or_else(|| contacts.iter().find(|c| c.met))
        .map_or(created, |c| c.at);
    let next = contacts.iter().find(|c| c.at > start).map(|c| c.at);
    (start, next)
}

/// The speed figures: `quotes` holds, for each prospect added in the
/// period, when it was quoted and when first followed up (`None`: not
/// before `end`); `day` turns a moment into its local date.
pub fn speed(
    quotes: &[(i64, Option<i64>)],
    closed: &[ClosedStep],
    end: i64,
    rules: Rules,
    day: &dyn Fn(i64) -> NaiveDate,
) -> Speed {
    let mut days: Vec<i64> = Vec::new();
    let (mut waiting, mut overdue) = (0, 0);
    for (start, next) in quotes {
        match next {
            Some(at) => days.push((day(*at) - day(*start)).num_days()),
            None if (day(end) - day(*start)).num_days() > 4 => overdue += 1,
            None => waiting += 1,
        }
    }
    days.sort_unstable();
    let n = |lo: i64, hi: i64| days.iter().filter(|d| **d >= lo && **d <= hi).count() as u64;
    let done: Vec<&ClosedStep> = closed.iter().filter(|s| s.resolution == "done").collect();
    let on_time = done
        .iter()
        .filter(|s| s.closed <= rules.late_after(s.due_start, s.due_end))
        .count() as u64;
    let steps_done = done.len() as u64;
    Speed {
        quoted: quotes.len() as u64,
        bars: bars(&[
            ("0–1 days", n(i64::MIN, 1), None),
            ("2–4 days", n(2, 4), None),
            ("5–7 days", n(5, 7), None),
            ("8 days or more", n(8, i64::MAX), None),
            ("not yet (within 4 days)", waiting, None),
            ("not yet (late)", overdue, None),
        ]),
        median_days: days.get(days.len().saturating_sub(1) / 2).copied(),
        steps_done,
        on_time,
        late: steps_done - on_time,
        on_time_percent: percent(on_time, steps_done),
        rescheduled: closed.iter().filter(|s| s.resolution == "replaced").count() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(at: i64, met: bool, quoted: bool) -> Contact {
        Contact {
            at,
            spoke: true,
            met,
            quoted,
            series_step: None,
        }
    }

    #[test]
    fn the_follow_up_counts_from_the_first_quote_else_the_first_meeting() {
        let met = contact(10, true, false);
        let quoted = contact(20, true, true);
        let call = contact(30, false, false);
        assert_eq!(first_follow_up(&[met, quoted, call], 0), (20, Some(30)));
        assert_eq!(first_follow_up(&[met, call], 0), (10, Some(30)));
        assert_eq!(first_follow_up(&[call], 5), (5, Some(30)));
        assert_eq!(first_follow_up(&[met, quoted], 0), (20, None));
    }
}

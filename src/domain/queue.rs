//! The day's queues: who to call now, and which prospects have slowed or
//! stopped. The store fills them with indexed queries; the rules that decide
//! which queue a prospect belongs in live here.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::Serialize;

use super::{Action, Money, Probability, ProspectId, SeriesState};
use crate::schedule::Window;

/// Minutes an exact time ("thu 3pm") may run over before it is late, unless
/// configured otherwise.
pub const DEFAULT_GRACE_MINUTES: u32 = 30;

/// Today's local date as a UTC span, so queue queries stay plain comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayBounds {
    /// The moment the queues are computed for.
    pub now: DateTime<Utc>,
    /// Local midnight starting today.
    pub day_start: DateTime<Utc>,
    /// Local midnight starting tomorrow.
    pub day_end: DateTime<Utc>,
    /// Prospects with no attempt since this moment have gone quiet.
    pub quiet_since: DateTime<Utc>,
    /// A next step starting at or after this moment is an agreed wait: its
    /// prospect is not "gone quiet", however long since the last contact.
    pub quiet_until: DateTime<Utc>,
    /// How long an exact time may run over before it is late: a call agreed
    /// for 15:00 made at 15:10 was on time.
    pub grace: Duration,
}

impl DayBounds {
    /// The bounds of `now`'s local day; `quiet_days` is how long without an
    /// attempt makes an active prospect "gone quiet". The grace period is
    /// [`DEFAULT_GRACE_MINUTES`]; see [`DayBounds::with_grace`].
    pub fn new<Tz: TimeZone>(now: &DateTime<Tz>, quiet_days: u32) -> Self {
        let tz = now.timezone();
        let today = now.date_naive();
        let midnight = |date: NaiveDate| -> DateTime<Utc> {
            let naive = date.and_time(chrono::NaiveTime::MIN);
            // Midnight can fall in a DST gap in a few zones; take the first
            // instant of the day that exists.
            (0..4)
                .find_map(|h| {
                    tz.from_local_datetime(&(naive + Duration::hours(h)))
                        .earliest()
                })
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| naive.and_utc())
        };
        let now_utc = now.with_timezone(&Utc);
        let tomorrow = today.succ_opt().unwrap_or(today);
        let quiet = Duration::days(i64::from(quiet_days));
        DayBounds {
            now: now_utc,
            day_start: midnight(today),
            day_end: midnight(tomorrow),
            quiet_since: now_utc - quiet,
            quiet_until: now_utc + quiet,
            grace: Duration::minutes(i64::from(DEFAULT_GRACE_MINUTES)),
        }
    }

    /// The same bounds with a grace period of `minutes` for exact times.
    pub fn with_grace(self, minutes: u32) -> Self {
        DayBounds {
            grace: Duration::minutes(i64::from(minutes)),
            ..self
        }
    }

    /// The moment a window turns late: its end, but never before its start
    /// plus the grace period. So an exact time ("thu 3pm", a window of no
    /// length) is late after 15:30, while a window at least as long as the
    /// grace period ("tue morning") is late once it has ended.
    pub fn late_after(&self, window: &Window) -> DateTime<Utc> {
        window.end.max(window.start + self.grace)
    }

    /// True once the window is late (see [`DayBounds::late_after`]).
    pub fn is_late(&self, window: &Window) -> bool {
        self.late_after(window) < self.now
    }

    /// The earliest window start that is not late yet for a window shorter
    /// than the grace period (the queries' `:grace_from`).
    pub fn grace_from(&self) -> DateTime<Utc> {
        self.now - self.grace
    }

    /// Which queue an open next step's window puts a prospect in, if any.
    pub fn classify(&self, window: &Window) -> Option<QueueKind> {
        if self.is_late(window) {
            Some(QueueKind::Overdue)
        } else if window.start < self.day_end {
            Some(QueueKind::DueToday)
        } else {
            None
        }
    }

    /// Whole days a window is late (0 when it turned late today).
    pub fn days_late(&self, window: &Window) -> i64 {
        if !self.is_late(window) {
            return 0;
        }
        let late = self.late_after(window);
        if late >= self.day_start {
            0
        } else {
            (self.day_start - late).num_days() + 1
        }
    }
}

/// The queues of the dashboard and of `followup today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueKind {
    /// An open next step whose window falls today and is not late.
    DueToday,
    /// An open next step that is late: its window ended before now (an exact
    /// time, after the grace period), and the series is not paused.
    Overdue,
    /// An active prospect with no open next step: a stop.
    NoNextStep,
    /// An active, unpaused prospect with no attempt for the quiet period
    /// whose next step is after today but within the quiet period ahead (a
    /// step agreed further ahead is an agreed wait, not silence).
    GoneQuiet,
    /// An active prospect met or quoted (a visit, meeting or quote logged) with no debrief
    /// recorded since: a slow of its own until the debrief is in.
    NoDebrief,
}

/// One prospect in a queue, with what the dashboard shows of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueItem {
    /// The prospect.
    pub id: ProspectId,
    /// Their name (raw; sanitize before display).
    pub name: String,
    /// Their company.
    pub company: Option<String>,
    /// Quote value.
    pub value: Option<Money>,
    /// Probability of closing.
    pub probability: Option<Probability>,
    /// Series position.
    pub series: SeriesState,
    /// The open next step's action, if any.
    pub action: Option<Action>,
    /// The open next step's window, if any: with alternatives, the one that
    /// applies at the queue's `now` (see [`DayBounds::applying`]).
    pub due: Option<Window>,
    /// The open next step's alternatives when it has more than one window
    /// ("fri afternoon or mon morning"), in time order; empty otherwise.
    pub alternatives: Vec<Window>,
    /// The last attempt, if any.
    pub last_contact_at: Option<DateTime<Utc>>,
    /// A won customer (the step is an item of their after-sale plan).
    #[serde(default)]
    pub customer: bool,
    /// The appointment (meeting or quote given) no debrief has followed
    /// yet, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debrief_due: Option<DateTime<Utc>>,
}

impl QueueItem {
    /// The open next step's windows: its alternatives, or its one window
    /// (none without a next step).
    pub fn parts(&self) -> &[Window] {
        if self.alternatives.is_empty() {
            self.due.as_slice()
        } else {
            &self.alternatives
        }
    }
}

/// Everything `followup today` and the dashboard list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TodayQueue {
    /// Due today, in window order.
    pub due_today: Vec<QueueItem>,
    /// Overdue, most days late first.
    pub overdue: Vec<QueueItem>,
    /// Active with no next step, oldest contact first.
    pub no_next_step: Vec<QueueItem>,
    /// Active, scheduled soon, but no attempt for too long.
    pub gone_quiet: Vec<QueueItem>,
    /// Met or quoted and not debriefed, oldest appointment first.
    pub no_debrief: Vec<QueueItem>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .unwrap()
    }

    #[test]
    fn day_bounds_follow_the_local_day() {
        let tz = FixedOffset::west_opt(5 * 3600).unwrap();
        let now = tz.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let b = DayBounds::new(&now, 14);
        assert_eq!(b.day_start, at("2026-11-23T05:00:00Z"));
        assert_eq!(b.day_end, at("2026-11-24T05:00:00Z"));
        assert_eq!(b.quiet_since, at("2026-11-09T14:00:00Z"));
    }

    #[test]
    fn classifies_windows_into_queues() {
        let tz = FixedOffset::west_opt(0).unwrap();
        let b = DayBounds::new(&tz.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap(), 14);
        let w = |s: &str, e: &str| Window::new(at(s), at(e));
        assert_eq!(
            b.classify(&w("2026-11-23T17:00:00Z", "2026-11-23T20:00:00Z")),
            Some(QueueKind::DueToday)
        );
        assert_eq!(
            b.classify(&w("2026-11-23T08:00:00Z", "2026-11-23T12:00:00Z")),
            Some(QueueKind::DueToday)
        );
        assert_eq!(
            b.classify(&w("2026-11-23T08:00:00Z", "2026-11-23T11:59:59Z")),
            Some(QueueKind::Overdue)
        );
        assert_eq!(
            b.classify(&w("2026-11-24T08:00:00Z", "2026-11-24T12:00:00Z")),
            None
        );
        let late = w("2026-11-20T08:00:00Z", "2026-11-20T20:00:00Z");
        assert_eq!(b.days_late(&late), 3);
        assert_eq!(
            b.days_late(&w("2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z")),
            0
        );
    }

    #[test]
    fn an_exact_time_gets_the_grace_period_and_a_window_does_not() {
        let tz = FixedOffset::west_opt(0).unwrap();
        let at_time = |h, m| tz.with_ymd_and_hms(2026, 11, 26, h, m, 0).unwrap();
        let exact = Window::at(at("2026-11-26T15:00:00Z"));
        let short = Window::new(at("2026-11-26T15:00:00Z"), at("2026-11-26T15:10:00Z"));
        let morning = Window::new(at("2026-11-26T08:00:00Z"), at("2026-11-26T12:00:00Z"));
        let b = |h, m| DayBounds::new(&at_time(h, m), 14);
        assert_eq!(b(15, 30).classify(&exact), Some(QueueKind::DueToday));
        assert_eq!(b(15, 31).classify(&exact), Some(QueueKind::Overdue));
        assert_eq!(b(15, 30).classify(&short), Some(QueueKind::DueToday));
        assert_eq!(b(15, 31).classify(&short), Some(QueueKind::Overdue));
        assert_eq!(b(12, 1).classify(&morning), Some(QueueKind::Overdue));
        assert_eq!(
            b(15, 5).with_grace(0).classify(&exact),
            Some(QueueKind::Overdue)
        );
        // Late yesterday evening counts from when the grace ran out.
        let evening = Window::at(at("2026-11-25T23:50:00Z"));
        assert_eq!(b(9, 0).days_late(&evening), 0);
        assert_eq!(b(9, 0).with_grace(0).days_late(&evening), 1);
        assert_eq!(b(9, 0).quiet_until, at("2026-12-10T09:00:00Z"));
    }
}

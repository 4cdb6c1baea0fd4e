//! Where active prospects stand today: which queue their open next step
//! puts them in, where they are in the series, and when they were last
//! contacted.

use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};

use super::calendar::{Calendar, at_minutes};
use super::chase::Chase;
use super::names;
use super::rng::Rng;
use crate::domain::{Action, QueueKind};
use crate::schedule::Window;
use chrono::DateTime;

/// What an active prospect looks like in today's queues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ActiveKind {
    /// Next step due today (later today, or open now).
    Due,
    /// Next step overdue by one to nine days.
    Overdue,
    /// Next step on a later day, recently contacted.
    Future,
    /// No next step: a stop.
    NoStep,
    /// Next step weeks away and no contact for three weeks or more.
    Quiet,
    /// The series is paused; next step on a later day.
    Paused,
}

/// How an active prospect's history ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ActiveEnd {
    /// Series steps performed in the current chase.
    pub performed: u32,
    /// True if the series is paused.
    pub paused: bool,
    /// When the last attempt was made.
    pub last: NaiveDateTime,
    /// The open next step: action, window start and end (seconds), note.
    pub open: Option<(Action, i64, i64, Option<&'static str>)>,
}

/// Which queue a window puts a prospect in, compared in whole seconds as
/// the queue queries do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Queue {
    /// Due today.
    Due,
    /// Overdue by this many days (0 when the window ended today).
    Overdue(i64),
    /// On a later day.
    Later,
}

/// The queue of a window from `start` to `end` (seconds).
pub(super) fn queue_of(cal: &Calendar, start: i64, end: i64) -> Queue {
    // The same rule as the queues (grace period included), so the stats the
    // generator reports are what `today` lists.
    let b = &cal.bounds;
    let at = |secs: i64| DateTime::from_timestamp(secs, 0).unwrap_or_default();
    let window = Window::new(at(start), at(end));
    match b.classify(&window) {
        Some(QueueKind::Overdue) => Queue::Overdue(b.days_late(&window)),
        Some(_) => Queue::Due,
        None => Queue::Later,
    }
}

/// Where an active prospect of `kind` stands; `chase_pref` is the series
/// position to try first (0: not chasing).
pub(super) fn place(
    cal: &Calendar,
    chase: &Chase,
    rng: &mut Rng,
    kind: ActiveKind,
    chase_pref: u32,
) -> ActiveEnd {
    match kind {
        ActiveKind::Due | ActiveKind::Overdue | ActiveKind::Future => {
            // The preferred position gets a few draws before another is tried.
            let mut k = chase_pref;
            for attempt in 0..6 {
                if k == 0 {
                    break;
                }
                if let Some(end) = chasing(cal, chase, rng, kind, k) {
                    return end;
                }
                if attempt >= 2 {
                    k = 1 + rng.below(9) as u32;
                }
            }
            agreed(cal, rng, kind)
        }
        ActiveKind::NoStep => ActiveEnd {
            performed: 0,
            paused: false,
            last: cal.past_time(rng, 1, 8),
            open: None,
        },
        ActiveKind::Quiet => {
            // Weeks without a word and the agreed call coming up within the
            // quiet period: time to confirm it (a call agreed further ahead
            // is an agreed wait, not quiet).
            let last = cal.past_time(rng, 21, 40);
            let date = cal.on_or_after(cal.today + Duration::days(rng.range(2, 10)));
            let (s, e) = agreed_window(cal, rng, date);
            ActiveEnd {
                performed: 0,
                paused: false,
                last,
                open: Some((
                    Action::Call,
                    cal.secs(s),
                    cal.secs(e),
                    Some(rng.pick(names::STEP_NOTES)),
                )),
            }
        }
        ActiveKind::Paused => {
            let performed = rng.range(1, 6) as u32;
            let last = cal.past_time(rng, 2, 15);
            let date = cal.on_or_after(cal.today + Duration::days(rng.range(5, 25)));
            let (s, e) = agreed_window(cal, rng, date);
            ActiveEnd {
                performed,
                paused: true,
                last,
                open: Some((
                    Action::Call,
                    cal.secs(s),
                    cal.secs(e),
                    Some(rng.pick(names::PAUSED_NOTES)),
                )),
            }
        }
    }
}

/// A prospect `k` steps into the series whose next attempt, as the series
/// schedules it, falls in `kind`'s queue; `None` if this draw does not fit.
fn chasing(
    cal: &Calendar,
    chase: &Chase,
    rng: &mut Rng,
    kind: ActiveKind,
    k: u32,
) -> Option<ActiveEnd> {
    let last = match (kind, chase.same_day_max(k)) {
        (ActiveKind::Due, Some(max)) => {
            cal.now_local - Duration::minutes(rng.range(1, (max - 1).clamp(1, 180)))
        }
        (ActiveKind::Due, None) => {
            let target = cal.business_time(rng, cal.today);
            chase.back(cal, rng, target, k)
        }
        (ActiveKind::Overdue, _) => {
            let day = overdue_day(cal, rng);
            let target = cal.business_time(rng, day);
            chase.back(cal, rng, target, k)
        }
        _ => {
            // Far enough ahead that step k was performed by today.
            let ahead = chase.same_day_max(k).map_or(8, |_| 0);
            let ahead = chase.working_days(k).unwrap_or(ahead);
            let date = cal.add_working(cal.today, rng.range(1, ahead));
            let target = cal.business_time(rng, date);
            chase.back(cal, rng, target, k)
        }
    };
    let (start, end) = cal.span();
    let minute = i64::from(last.time().num_seconds_from_midnight() / 60);
    if last >= cal.now_local - Duration::minutes(1)
        || minute < start
        || minute >= end
        || !cal.is_working(last.date())
        || last < cal.now_local - Duration::days(12)
    {
        return None;
    }
    let (action, window) = chase.next_window(cal, k, last)?;
    let (s, e) = (window.start.timestamp(), window.end.timestamp());
    let fits = match (kind, queue_of(cal, s, e)) {
        (ActiveKind::Due, Queue::Due) => true,
        (ActiveKind::Overdue, Queue::Overdue(late)) => (1..=9).contains(&late),
        (ActiveKind::Future, Queue::Later) => true,
        _ => false,
    };
    fits.then_some(ActiveEnd {
        performed: k,
        paused: false,
        last,
        open: Some((action, s, e, None)),
    })
}

/// A prospect not in the series: the next step was agreed in the last
/// conversation.
fn agreed(cal: &Calendar, rng: &mut Rng, kind: ActiveKind) -> ActiveEnd {
    let (last, (s, e)) = match kind {
        ActiveKind::Due => (cal.past_time(rng, 1, 6), due_window(cal, rng)),
        ActiveKind::Overdue => {
            let day = overdue_day(cal, rng);
            let before = cal.sub_working(day, rng.range(1, 4));
            let last = cal.business_time(rng, before);
            let mut window = agreed_window(cal, rng, day);
            for _ in 0..4 {
                if window.1 < cal.today.and_time(at_minutes(0)) {
                    break;
                }
                window = agreed_window(cal, rng, day);
            }
            if window.1.date() >= cal.today {
                window = (
                    day.and_time(at_minutes(9 * 60)),
                    day.and_time(at_minutes(12 * 60)),
                );
            }
            (last, window)
        }
        _ => {
            let r = rng.below(100);
            let ahead = if r < 70 {
                rng.range(1, 5)
            } else if r < 90 {
                rng.range(6, 15)
            } else {
                rng.range(16, 40)
            };
            let date = cal.add_working(cal.today, ahead);
            (cal.past_time(rng, 0, 9), agreed_window(cal, rng, date))
        }
    };
    let note = rng.chance(60).then(|| rng.pick(names::STEP_NOTES));
    let action = if rng.chance(85) {
        Action::Call
    } else {
        Action::Meeting
    };
    ActiveEnd {
        performed: 0,
        paused: false,
        last,
        open: Some((action, cal.secs(s), cal.secs(e), note)),
    }
}

/// A working day one to nine days ago (any day if none is a working day).
fn overdue_day(cal: &Calendar, rng: &mut Rng) -> NaiveDate {
    let days: Vec<NaiveDate> = (1..=9)
        .map(|d| cal.today - Duration::days(d))
        .filter(|d| cal.is_working(*d))
        .collect();
    rng.pick_ref(&days)
        .copied()
        .unwrap_or(cal.today - Duration::days(rng.range(1, 9)))
}

/// A window the way people agree on one, on `date`: a precise time, a
/// morning or afternoon, after five, a range, the whole day, or "after five
/// or the next morning".
pub(super) fn agreed_window(
    cal: &Calendar,
    rng: &mut Rng,
    date: NaiveDate,
) -> (NaiveDateTime, NaiveDateTime) {
    let (start, end) = cal.span();
    let on = |m: i64| date.and_time(at_minutes(m));
    let whole = (on(start), on(end));
    let r = rng.below(100);
    let (a, b) = match r {
        0..=29 => {
            let t = rng.range(start / 15, (end - 15) / 15) * 15;
            (on(t.max(start)), on(t.max(start)))
        }
        30..=44 => (on(start), on(12 * 60)),
        45..=59 => (on(12 * 60), on(17 * 60)),
        60..=71 => (on(17 * 60), on(end)),
        72..=84 => {
            let t = rng.range(start / 30, (end - 60) / 30) * 30;
            (on(t), on((t + rng.range(2, 4) * 30).min(end)))
        }
        85..=91 => whole,
        _ => {
            let next = cal.hours.next_working_day(date);
            (
                on(17 * 60),
                next.and_time(at_minutes((12 * 60).min(end).max(start))),
            )
        }
    };
    let inside = |t: NaiveDateTime| {
        let m = i64::from(t.time().num_seconds_from_midnight() / 60);
        (start..=end).contains(&m)
    };
    if a > b || !inside(a) || !inside(b) || (a == b && r > 29) {
        whole
    } else {
        (a, b)
    }
}

/// A window due today: later today or open now; past business hours, open
/// until midnight so the demo always has something due.
fn due_window(cal: &Calendar, rng: &mut Rng) -> (NaiveDateTime, NaiveDateTime) {
    let now = cal.now.timestamp();
    let mut candidates: Vec<(NaiveDateTime, NaiveDateTime)> = (0..8)
        .map(|_| agreed_window(cal, rng, cal.today))
        .filter(|(s, e)| {
            matches!(queue_of(cal, cal.secs(*s), cal.secs(*e)), Queue::Due) && cal.secs(*e) >= now
        })
        .collect();
    let (start, end) = cal.span();
    let now_m = i64::from(cal.now_local.time().num_seconds_from_midnight() / 60);
    if now_m >= start && now_m + 30 < end {
        // Open now: began within the last hour or two.
        let from = (now_m - rng.range(1, 4) * 30).max(start);
        let to = (from + rng.range(3, 6) * 30).clamp(now_m + 30, end);
        candidates.push((
            cal.today.and_time(at_minutes(from - from % 15)),
            cal.today.and_time(at_minutes(to)),
        ));
    }
    if let Some(w) = rng.pick_ref(&candidates) {
        return *w;
    }
    let from = Calendar::floor5(cal.now_local);
    let last = cal.today.and_time(at_minutes(24 * 60 - 1)) + Duration::seconds(59);
    (from, (cal.now_local + Duration::hours(2)).min(last))
}

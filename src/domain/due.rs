//! When a step with several windows ("fri afternoon or mon morning") is due.
//!
//! The windows are alternatives, not one stretch: the step is due now only
//! inside one of them, and late only once the last one is (an exact time
//! after the grace period). Between two windows it is simply not due yet.

use chrono::{DateTime, Utc};

use super::{DayBounds, QueueKind};
use crate::schedule::Window;

impl DayBounds {
    /// The window that applies at `now`: the first that is not late yet
    /// (the current one, else the next one to come), else the last. `None`
    /// only for no windows at all.
    pub fn applying(&self, parts: &[Window]) -> Option<Window> {
        parts
            .iter()
            .find(|w| !self.is_late(w))
            .or_else(|| parts.last())
            .copied()
    }

    /// True while `now` lies inside one of the windows (an exact time, up
    /// to the end of its grace period).
    pub fn is_due_now(&self, parts: &[Window]) -> bool {
        parts
            .iter()
            .any(|w| w.start <= self.now && self.now <= self.late_after(w))
    }

    /// Which queue a step due in `parts` puts its prospect in: overdue once
    /// the last window is late, due today when the window that applies
    /// opens before tomorrow, otherwise none (see [`DayBounds::classify`]).
    pub fn classify_parts(&self, parts: &[Window]) -> Option<QueueKind> {
        self.applying(parts).and_then(|w| self.classify(&w))
    }

    /// The moment the step turns late: when its last window does.
    pub fn parts_late_after(&self, parts: &[Window]) -> Option<DateTime<Utc>> {
        parts.last().map(|w| self.late_after(w))
    }
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

    /// Friday 27 Nov 2026 afternoon or Monday 30 Nov morning (UTC).
    fn fri_or_mon() -> Vec<Window> {
        vec![
            Window::new(at("2026-11-27T12:00:00Z"), at("2026-11-27T17:00:00Z")),
            Window::new(at("2026-11-30T08:00:00Z"), at("2026-11-30T12:00:00Z")),
        ]
    }

    fn bounds(s: &str) -> DayBounds {
        let tz = FixedOffset::west_opt(0).unwrap();
        DayBounds::new(&at(s).with_timezone(&tz), 14)
    }

    #[test]
    fn due_now_only_inside_a_window() {
        let parts = fri_or_mon();
        assert!(bounds("2026-11-27T13:00:00Z").is_due_now(&parts));
        assert!(!bounds("2026-11-27T18:00:00Z").is_due_now(&parts));
        assert!(!bounds("2026-11-28T12:00:00Z").is_due_now(&parts));
        assert!(bounds("2026-11-30T09:00:00Z").is_due_now(&parts));
        assert!(!bounds("2026-11-30T12:01:00Z").is_due_now(&parts));
    }

    #[test]
    fn the_window_that_applies_is_the_current_then_the_next_then_the_last() {
        let parts = fri_or_mon();
        let b = |s| bounds(s).applying(&parts).unwrap();
        assert_eq!(b("2026-11-27T09:00:00Z"), parts[0]);
        assert_eq!(b("2026-11-27T13:00:00Z"), parts[0]);
        assert_eq!(b("2026-11-28T12:00:00Z"), parts[1]);
        assert_eq!(b("2026-11-30T09:00:00Z"), parts[1]);
        assert_eq!(b("2026-12-01T09:00:00Z"), parts[1]);
        assert_eq!(bounds("2026-11-27T09:00:00Z").applying(&[]), None);
    }

    #[test]
    fn on_saturday_it_is_neither_due_today_nor_overdue() {
        let parts = fri_or_mon();
        // Friday: due today; Friday evening: between windows, Monday's
        // is next, so not due today and not late.
        assert_eq!(
            bounds("2026-11-27T09:00:00Z").classify_parts(&parts),
            Some(QueueKind::DueToday)
        );
        assert_eq!(bounds("2026-11-27T18:00:00Z").classify_parts(&parts), None);
        assert_eq!(bounds("2026-11-28T12:00:00Z").classify_parts(&parts), None);
        assert_eq!(bounds("2026-11-29T12:00:00Z").classify_parts(&parts), None);
        assert_eq!(
            bounds("2026-11-30T09:00:00Z").classify_parts(&parts),
            Some(QueueKind::DueToday)
        );
        // Overdue only after the last window has ended.
        assert_eq!(
            bounds("2026-11-30T12:01:00Z").classify_parts(&parts),
            Some(QueueKind::Overdue)
        );
        assert_eq!(
            bounds("2026-11-30T12:01:00Z").parts_late_after(&parts),
            Some(at("2026-11-30T12:00:00Z"))
        );
    }

    #[test]
    fn exact_times_keep_their_grace_period() {
        let parts = vec![
            Window::at(at("2026-11-30T15:00:00Z")),
            Window::at(at("2026-12-01T15:00:00Z")),
        ];
        // Monday 15:20: still Monday's call, within its grace.
        let b = bounds("2026-11-30T15:20:00Z");
        assert!(b.is_due_now(&parts));
        assert_eq!(b.applying(&parts), Some(parts[0]));
        assert_eq!(b.classify_parts(&parts), Some(QueueKind::DueToday));
        // Monday 15:31: Monday's has gone by; Tuesday's is next, not late.
        let b = bounds("2026-11-30T15:31:00Z");
        assert!(!b.is_due_now(&parts));
        assert_eq!(b.applying(&parts), Some(parts[1]));
        assert_eq!(b.classify_parts(&parts), None);
        // Tuesday 15:20 is still on time; 15:31 is late.
        let b = bounds("2026-12-01T15:20:00Z");
        assert_eq!(b.classify_parts(&parts), Some(QueueKind::DueToday));
        let b = bounds("2026-12-01T15:31:00Z");
        assert_eq!(b.classify_parts(&parts), Some(QueueKind::Overdue));
        assert_eq!(b.days_late(&b.applying(&parts).unwrap()), 0);
    }

    #[test]
    fn one_window_is_classified_as_before() {
        let w = Window::new(at("2026-11-30T08:00:00Z"), at("2026-11-30T12:00:00Z"));
        for now in [
            "2026-11-29T12:00:00Z",
            "2026-11-30T09:00:00Z",
            "2026-11-30T13:00:00Z",
        ] {
            let b = bounds(now);
            assert_eq!(b.classify_parts(&[w]), b.classify(&w), "{now}");
        }
    }
}

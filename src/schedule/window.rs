//! A due window: when a next step may be done.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A span of time in which a next step is due, stored in UTC.
///
/// `start == end` is a precise time ("thu 3pm"); otherwise the step may be
/// done any time from `start` up to `end` ("tue morning").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// When the window opens.
    pub start: DateTime<Utc>,
    /// When the window closes (equal to `start` for a precise time).
    pub end: DateTime<Utc>,
}

impl Window {
    /// A window from `start` to `end`; the two are swapped if given backwards.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        if end < start {
            Window {
                start: end,
                end: start,
            }
        } else {
            Window { start, end }
        }
    }

    /// A precise time.
    pub fn at(instant: DateTime<Utc>) -> Self {
        Window {
            start: instant,
            end: instant,
        }
    }

    /// True for a precise time rather than a span.
    pub fn is_instant(&self) -> bool {
        self.start == self.end
    }

    /// True once the window has closed: the step is overdue.
    pub fn has_ended(&self, now: DateTime<Utc>) -> bool {
        self.end < now
    }

    /// True while `now` lies inside the window: the step is due right now.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.start <= now && now <= self.end
    }

    /// Puts alternatives in time order and merges those that overlap or
    /// touch, so a step's windows never double back on themselves.
    pub fn merge(mut parts: Vec<Window>) -> Vec<Window> {
        parts.sort_by_key(|w| (w.start, w.end));
        let mut out: Vec<Window> = Vec::with_capacity(parts.len());
        for w in parts {
            match out.last_mut() {
                Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                _ => out.push(w),
            }
        }
        out
    }
}

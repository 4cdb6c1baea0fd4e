//! Hybrid logical clock stamps.
//!
//! A stamp is wall-clock milliseconds with a 16-bit counter below them, in
//! one `i64`, so stamps compare as integers and store compactly. A new
//! stamp is never below the last one this book saw (its own or another
//! device's), even when the wall clock goes back or a test injects an
//! earlier `--now`: then the counter (and, past 65,535, the milliseconds)
//! moves on instead.

use chrono::{DateTime, Utc};

const COUNTER_BITS: u32 = 16;

/// A hybrid logical clock stamp: milliseconds since the epoch and a counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hlc(pub i64);

impl Hlc {
    /// The stamp for wall time `at` with counter 0.
    pub fn at(at: DateTime<Utc>) -> Hlc {
        Hlc(at.timestamp_millis().max(0) << COUNTER_BITS)
    }

    /// The next stamp after `self` for an event at wall time `now`: `now`
    /// if it is ahead, else one tick after `self`.
    pub fn next(self, now: DateTime<Utc>) -> Hlc {
        Hlc::at(now).max(Hlc(self.0.saturating_add(1)))
    }

    /// Takes in a stamp seen on another device's change, so that every
    /// later local stamp orders after it.
    pub fn observe(self, seen: Hlc) -> Hlc {
        self.max(seen)
    }

    /// The wall-clock part, for display.
    pub fn time(self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.0 >> COUNTER_BITS).unwrap_or_default()
    }

    /// The counter part.
    pub fn counter(self) -> u16 {
        (self.0 & ((1 << COUNTER_BITS) - 1)) as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
    }

    #[test]
    fn a_clock_ahead_gives_its_time() {
        let last = Hlc::at(t(9, 0));
        let next = last.next(t(9, 5));
        assert_eq!(next.time(), t(9, 5));
        assert_eq!(next.counter(), 0);
    }

    #[test]
    fn a_clock_that_goes_back_still_moves_forward() {
        let last = Hlc::at(t(9, 0));
        let next = last.next(t(8, 0));
        assert!(next > last);
        assert_eq!(next.time(), t(9, 0));
        assert_eq!(next.counter(), 1);
        assert!(next.next(t(8, 0)) > next);
    }

    #[test]
    fn a_stamp_seen_elsewhere_orders_every_later_local_one() {
        let mine = Hlc::at(t(9, 0));
        let theirs = Hlc::at(t(10, 0)).next(t(10, 0));
        let next = mine.observe(theirs).next(t(9, 1));
        assert!(next > theirs);
    }

    #[test]
    fn stamps_order_as_their_integers() {
        let a = Hlc::at(t(9, 0));
        let b = a.next(t(9, 0));
        assert!(a.0 < b.0 && a < b);
    }
}

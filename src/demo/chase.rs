//! The voicemail series as sample data needs it: each step's kind, and how
//! long after a step its rule puts the next attempt (measured once by
//! scheduling each rule on a reference day), so chases can be laid out
//! backwards from their last attempt.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::calendar::{Calendar, at_minutes};
use super::rng::Rng;
use crate::domain::Action;
use crate::schedule::{Window, schedule_in_business_hours};
use crate::series::{SeriesLibrary, StepKind};

/// How long after a step the series tries again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Later the same day, between `min` and `max` minutes on.
    SameDay { min: i64, max: i64 },
    /// This many working days on.
    Days(i64),
}

/// The built-in series, reduced to what the generator needs.
#[derive(Debug, Clone)]
pub(super) struct Chase {
    kinds: Vec<StepKind>,
    rules: Vec<Option<String>>,
    gaps: Vec<Gap>,
}

impl Chase {
    /// The built-in default series, its gaps measured in `cal`'s hours.
    pub(super) fn builtin(cal: &Calendar) -> Chase {
        let library = SeriesLibrary::builtin();
        let series = library.default_series(crate::series::DEFAULT_SERIES_NAME);
        let kinds: Vec<StepKind> = series.steps.iter().map(|s| s.kind).collect();
        let rules: Vec<Option<String>> = series.steps.iter().map(|s| s.next.clone()).collect();
        let gaps = rules.iter().map(|r| measure(cal, r.as_deref())).collect();
        Chase { kinds, rules, gaps }
    }

    /// Steps in the series.
    pub(super) fn len(&self) -> u32 {
        u32::try_from(self.kinds.len()).unwrap_or(u32::MAX)
    }

    /// The kind of 1-based step `step` (final past the end).
    pub(super) fn kind(&self, step: u32) -> StepKind {
        let i = (step as usize).saturating_sub(1);
        self.kinds.get(i).copied().unwrap_or(StepKind::Final)
    }

    /// When step `step` was performed, given that the following attempt
    /// was made at `next`.
    pub(super) fn back(
        &self,
        cal: &Calendar,
        rng: &mut Rng,
        next: NaiveDateTime,
        step: u32,
    ) -> NaiveDateTime {
        let i = (step as usize).saturating_sub(1);
        match self.gaps.get(i).copied().unwrap_or(Gap::Days(1)) {
            Gap::SameDay { min, max } => {
                let minutes = rng_between(rng, min, max);
                back_minutes(cal, rng, next, minutes)
            }
            Gap::Days(n) => {
                let date = cal.sub_working(next.date(), n);
                cal.business_time(rng, date)
            }
        }
    }

    /// The longest same-day gap after `step`, in minutes (`None` when the
    /// step's rule moves to another day).
    pub(super) fn same_day_max(&self, step: u32) -> Option<i64> {
        let i = (step as usize).saturating_sub(1);
        match self.gaps.get(i) {
            Some(Gap::SameDay { max, .. }) => Some(*max),
            _ => None,
        }
    }

    /// How many working days after `step` its rule moves (`None` when it
    /// stays on the same day).
    pub(super) fn working_days(&self, step: u32) -> Option<i64> {
        let i = (step as usize).saturating_sub(1);
        match self.gaps.get(i) {
            Some(Gap::Days(n)) => Some(*n),
            _ => None,
        }
    }

    /// What the series schedules after step `step` performed at `at`: a
    /// call, or an email when the following step is one.
    pub(super) fn next_window(
        &self,
        cal: &Calendar,
        step: u32,
        at: NaiveDateTime,
    ) -> Option<(Action, Window)> {
        let i = (step as usize).saturating_sub(1);
        let rule = self.rules.get(i)?.as_deref()?;
        let at = cal.local(at)?;
        let window = schedule_in_business_hours(rule, &at, &cal.hours).ok()?;
        let action = if self.kind(step + 1) == StepKind::Email {
            Action::Email
        } else {
            Action::Call
        };
        Some((action, window))
    }
}

/// A gap in `min..=max` minutes, at least one, at most four hours.
fn rng_between(rng: &mut Rng, min: i64, max: i64) -> i64 {
    let lo = min.max(1);
    let hi = max.min(240).max(lo);
    rng.range(lo, hi)
}

/// `minutes` before `t`; if that leaves the business day, near the end of
/// the previous working day instead.
pub(super) fn back_minutes(
    cal: &Calendar,
    rng: &mut Rng,
    t: NaiveDateTime,
    minutes: i64,
) -> NaiveDateTime {
    let earlier = t - Duration::minutes(minutes);
    let (start, end) = cal.span();
    let start_of_day = t.date().and_time(at_minutes(start));
    if earlier.date() == t.date() && earlier >= start_of_day {
        return earlier;
    }
    let day = cal.sub_working(t.date(), 1);
    let m = rng.range((end - 90).max(start), (end - 10).max(start));
    day.and_time(at_minutes(m))
}

/// Measures a rule by scheduling it two hours into a reference working day.
fn measure(cal: &Calendar, rule: Option<&str>) -> Gap {
    let fallback = Gap::Days(1);
    let Some(rule) = rule else { return fallback };
    let Some(day) = NaiveDate::from_ymd_opt(2025, 1, 8).map(|d| cal.on_or_after(d)) else {
        return fallback;
    };
    let (start, end) = cal.span();
    let reference = day.and_time(at_minutes((start + 120).min(end - 1)));
    let Some(at) = cal.local(reference) else {
        return fallback;
    };
    let Ok(window) = schedule_in_business_hours(rule, &at, &cal.hours) else {
        return fallback;
    };
    let first = cal.naive(window.start.timestamp());
    let last = cal.naive(window.end.timestamp());
    if first.date() == day {
        let min = (first - reference).num_minutes().max(0);
        let max = if last.date() == day {
            (last - reference).num_minutes().max(min)
        } else {
            min
        };
        return Gap::SameDay { min, max };
    }
    let mut n = 0;
    let mut d = day;
    while d < first.date() && n < 60 {
        d = cal.hours.next_working_day(d);
        n += 1;
    }
    Gap::Days(n.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::BusinessHours;
    use chrono::{Local, TimeZone};

    #[test]
    fn measures_the_default_series() {
        let now = Local.with_ymd_and_hms(2026, 3, 11, 10, 30, 0).single();
        let Some(now) = now else { return };
        let cal = Calendar::new(now, &BusinessHours::default());
        let chase = Chase::builtin(&cal);
        assert_eq!(chase.len(), 10);
        assert_eq!(chase.kind(10), StepKind::Final);
        assert_eq!(chase.gaps[0], Gap::SameDay { min: 15, max: 15 });
        assert!(matches!(chase.gaps[1], Gap::SameDay { min: 0, .. }));
        assert_eq!(chase.gaps[2], Gap::Days(1));
        assert_eq!(chase.gaps[8], Gap::Days(10));
    }
}

//! Where follow-up stopped: the prospects lost or closed out in the period
//! by how many contacts they had, next to the brief ("48% never follow up,
//! 25% stop after a second contact, only 12% make more than three"); and
//! the active prospects left hanging at the period's end (no next step, or
//! gone quiet): abandoned rather than finished.

use serde::Serialize;

use super::outcomes::Finished;
use super::{Bar, bars};
use crate::store::Standing;

/// Where follow-up stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stopped {
    /// Lost or closed out in the period.
    pub finished: u64,
    /// By contacts: only the first (never followed up), two, three, more
    /// than three.
    pub bars: Vec<Bar>,
    /// Active at the period's end.
    pub active_at_end: u64,
    /// Active at the end with no next step.
    pub no_next_step: u64,
    /// Active at the end, a next step set, but no contact for the quiet
    /// days (and the step not an agreed long wait).
    pub gone_quiet: u64,
    /// Active at the end with a next step whose window had passed.
    pub overdue: u64,
}

/// The settings the hanging prospects are judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Days without contact after which a scheduled prospect has gone quiet.
    pub quiet_days: i64,
    /// Minutes of grace after an exact time before it is late.
    pub grace_minutes: i64,
}

impl Rules {
    /// When a step of window `start..end` is late: its end, but at least
    /// the grace after its start.
    pub fn late_after(&self, start: i64, end: i64) -> i64 {
        end.max(start + self.grace_minutes * 60)
    }
}

/// What became of the prospects that stopped, and of those left hanging
/// (`standings` of the prospects active at `end`).
pub fn stopped(finished: &[Finished], standings: &[Standing], end: i64, rules: Rules) -> Stopped {
    let lost: Vec<u64> = finished
        .iter()
        .filter(|f| f.status != "won")
        .map(|f| f.contacts)
        .collect();
    let n = |lo: u64, hi: u64| lost.iter().filter(|c| **c >= lo && **c <= hi).count() as u64;
    let quiet = rules.quiet_days * 86_400;
    let mut s = Stopped {
        finished: lost.len() as u64,
        bars: bars(&[
            ("never followed up (1 contact)", n(0, 1), Some(48)),
            ("stopped after two", n(2, 2), Some(25)),
            ("stopped after three", n(3, 3), None),
            ("more than three", n(4, u64::MAX), Some(12)),
        ]),
        active_at_end: standings.len() as u64,
        no_next_step: 0,
        gone_quiet: 0,
        overdue: 0,
    };
    for st in standings {
        let Some((start, due_end)) = st.open_step else {
            s.no_next_step += 1;
            continue;
        };
        if rules.late_after(start, due_end) < end {
            s.overdue += 1;
            continue;
        }
        let last = st.last_attempt.unwrap_or(st.created);
        if last < end - quiet && start < end + quiet {
            s.gone_quiet += 1;
        }
    }
    s
}

//! Contacts to win: how many contact attempts each win took, next to the
//! brief's breakdown (2% of sales on the 1st contact, 3% on the 2nd, 5% on
//! the 3rd, 10% on the 4th, 80% on the 5th to 12th).

use serde::Serialize;

use super::outcomes::Finished;
use super::{Bar, bars};

/// The distribution of contacts per win.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactsToWin {
    /// Wins in the period.
    pub wins: u64,
    /// The middle win's contacts (`None`: no win).
    pub median: Option<u64>,
    /// 1st, 2nd, 3rd, 4th, 5th–12th, 13th on.
    pub bars: Vec<Bar>,
}

/// The distribution over the wins among `finished`.
pub fn contacts_to_win(finished: &[Finished]) -> ContactsToWin {
    let mut counts: Vec<u64> = finished
        .iter()
        .filter(|f| f.status == "won")
        .map(|f| f.contacts)
        .collect();
    counts.sort_unstable();
    let n = |lo: u64, hi: u64| counts.iter().filter(|c| **c >= lo && **c <= hi).count() as u64;
    ContactsToWin {
        wins: counts.len() as u64,
        median: counts.get(counts.len().saturating_sub(1) / 2).copied(),
        bars: bars(&[
            ("1st", n(0, 1), Some(2)),
            ("2nd", n(2, 2), Some(3)),
            ("3rd", n(3, 3), Some(5)),
            ("4th", n(4, 4), Some(10)),
            ("5th–12th", n(5, 12), Some(80)),
            ("13th on", n(13, u64::MAX), None),
        ]),
    }
}

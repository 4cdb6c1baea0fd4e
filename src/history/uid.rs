//! Stable identities: UUIDv7, time-ordered and unique across devices.

use chrono::{DateTime, Utc};
use std::fmt;
use std::str::FromStr;

/// The identity of a row (prospect, attempt, next step) or a device: never
/// changes, and is what exports, imports and sync use. The short number a
/// user types is only a local handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uid(pub [u8; 16]);

impl Uid {
    /// A new UUIDv7 for something created at `at` (its first 48 bits are
    /// the milliseconds, so ids sort by creation; the rest is random).
    pub fn new(at: DateTime<Utc>) -> Uid {
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        let ts = uuid::Timestamp::from_unix(
            uuid::NoContext,
            ms / 1000,
            u32::try_from((ms % 1000) * 1_000_000).unwrap_or(0),
        );
        Uid(*uuid::Uuid::new_v7(ts).as_bytes())
    }

    /// The bytes as stored.
    pub fn from_slice(bytes: &[u8]) -> Option<Uid> {
        <[u8; 16]>::try_from(bytes).ok().map(Uid)
    }
}

impl fmt::Display for Uid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        uuid::Uuid::from_bytes(self.0).hyphenated().fmt(f)
    }
}

impl FromStr for Uid {
    type Err = String;

    fn from_str(s: &str) -> Result<Uid, String> {
        uuid::Uuid::parse_str(s.trim())
            .map(|u| Uid(*u.as_bytes()))
            .map_err(|_| format!("\"{s}\" is not an id like 0192f0c4-…"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn ids_are_unique_and_sort_by_creation() {
        let early = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        let late = Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap();
        let a = Uid::new(early);
        let b = Uid::new(early);
        let c = Uid::new(late);
        assert_ne!(a, b);
        assert!(a < c && b < c);
    }

    #[test]
    fn an_id_reads_back_from_its_text() {
        let id = Uid::new(Utc::now());
        assert_eq!(id.to_string().parse::<Uid>().unwrap(), id);
        assert_eq!(uuid::Uuid::from_bytes(id.0).get_version_num(), 7);
        assert!("nonsense".parse::<Uid>().is_err());
    }
}

//! Stable identities: UUIDv7, time-ordered and unique across devices.

use chrono::{DateTime, Utc};
use std::cell::Cell;
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
    /// Rows loaded in bulk take theirs from [`Uid::in_run`] instead.
    pub fn new(at: DateTime<Utc>) -> Uid {
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        let random = random_bytes();
        Uid(*uuid::Builder::from_unix_timestamp_millis(ms, &random)
            .into_uuid()
            .as_bytes())
    }

    /// The `n`th of a run of UUIDv7s made at `at` in one go (rows loaded in
    /// bulk): the milliseconds, then `n` as a 42-bit counter where the
    /// random bits begin (RFC 9562, section 6.2, method 1), then 32 random
    /// bits. A run's ids rise with `n`, so a unique index of them grows at
    /// its right edge as the rows are written instead of at random places.
    /// They carry the time of the load, not of what each row records
    /// (nothing reads an id's time; ids only need to be unique and
    /// ordered). Two runs begun in the same millisecond on two devices
    /// differ by their 32 random bits.
    pub fn in_run(at: DateTime<Utc>, n: u64) -> Uid {
        debug_assert!(n < 1 << 42, "a run has at most 2^42 ids");
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        let random = random_bytes();
        let high = (n >> 30) & 0x0FFF;
        let low = n & 0x3FFF_FFFF;
        let tail = u64::from(u32::from_le_bytes([
            random[0], random[1], random[2], random[3],
        ]));
        let mut bytes = [0u8; 16];
        bytes[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
        bytes[6] = 0x70 | ((high >> 8) as u8 & 0x0F);
        bytes[7] = (high & 0xFF) as u8;
        // The variant (binary 10), then the counter's low 30 bits, then the
        // random ones.
        let b = (0b10 << 62) | (low << 32) | tail;
        bytes[8..].copy_from_slice(&b.to_be_bytes());
        Uid(bytes)
    }

    /// The bytes as stored.
    pub fn from_slice(bytes: &[u8]) -> Option<Uid> {
        <[u8; 16]>::try_from(bytes).ok().map(Uid)
    }
}

thread_local! {
    /// A generator seeded once per thread from the operating system (a
    /// UUIDv4's random bits): asking the system for every id costs a system
    /// call each, and a sample book makes a million of them.
    static STATE: Cell<u64> = Cell::new(u64::from_le_bytes(
        uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap_or([7; 8]),
    ));
}

/// Ten random bytes for an id (splitmix64 over the seeded state).
fn random_bytes() -> [u8; 10] {
    let next = || {
        STATE.with(|s| {
            let x = s.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
            s.set(x);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        })
    };
    let (a, b) = (next().to_le_bytes(), next().to_le_bytes());
    let mut out = [0u8; 10];
    out[..8].copy_from_slice(&a);
    out[8..].copy_from_slice(&b[..2]);
    out
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
    fn a_run_of_ids_rises_with_its_counter_and_is_a_uuid_v7() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let counts = [
            0,
            1,
            2,
            (1 << 30) - 1,
            1 << 30,
            (1 << 30) + 1,
            (1 << 42) - 1,
        ];
        let ids: Vec<Uid> = counts.iter().map(|n| Uid::in_run(at, *n)).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        for id in &ids {
            let u = uuid::Uuid::from_bytes(id.0);
            assert_eq!(u.get_version_num(), 7);
            assert_eq!(u.get_variant(), uuid::Variant::RFC4122);
            let (secs, _) = u.get_timestamp().unwrap().to_unix();
            assert_eq!(secs, at.timestamp().cast_unsigned());
        }
        // Two runs started in the same millisecond still differ.
        assert_ne!(Uid::in_run(at, 5), Uid::in_run(at, 5));
        // A later run sorts after an earlier one.
        assert!(Uid::in_run(at + chrono::Duration::milliseconds(1), 0) > ids[6]);
    }

    #[test]
    fn an_id_reads_back_from_its_text() {
        let id = Uid::new(Utc::now());
        assert_eq!(id.to_string().parse::<Uid>().unwrap(), id);
        assert_eq!(uuid::Uuid::from_bytes(id.0).get_version_num(), 7);
        assert!("nonsense".parse::<Uid>().is_err());
    }
}

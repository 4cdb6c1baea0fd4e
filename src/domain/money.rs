//! Money, kept in cents so sums are exact.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::DomainError;

/// An amount of money in cents (the quote value before taxes).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money {
    cents: i64,
}

/// The largest amount accepted: a trillion, far above any quote, far below overflow.
const MAX_CENTS: i64 = 100_000_000_000_000;

impl Money {
    /// An amount from whole cents.
    pub fn from_cents(cents: i64) -> Self {
        Money { cents }
    }

    /// The amount in cents.
    pub fn cents(self) -> i64 {
        self.cents
    }

    /// `self × percent / 100`, rounded to the nearest cent (the weighted value).
    pub fn weighted(self, percent: u8) -> Money {
        let product = i128::from(self.cents) * i128::from(percent);
        let rounded = (product + 50).div_euclid(100);
        Money {
            cents: i64::try_from(rounded).unwrap_or(i64::MAX),
        }
    }

    /// Adds without overflowing (saturates, which no real book reaches).
    pub fn saturating_add(self, other: Money) -> Money {
        Money {
            cents: self.cents.saturating_add(other.cents),
        }
    }

    /// Grouped whole units for tables and the header: `12,500` (cents dropped
    /// when zero, otherwise `12,500.50`).
    pub fn display(self) -> String {
        let negative = self.cents < 0;
        let abs = self.cents.unsigned_abs();
        let units = abs / 100;
        let cents = abs % 100;
        let digits = units.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 4);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let sign = if negative { "-" } else { "" };
        if cents == 0 {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}.{cents:02}")
        }
    }
}

impl Money {
    /// Grouped whole units, rounded (`12,501`): for totals, where cents are noise.
    pub fn display_whole(self) -> String {
        let rounded = self
            .cents
            .saturating_add(if self.cents < 0 { -50 } else { 50 })
            / 100;
        Money::from_cents(rounded.saturating_mul(100)).display()
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl FromStr for Money {
    type Err = DomainError;

    /// Reads `12500`, `12,500`, `12500.5`, `$12,500.50`, `12 500`, and the
    /// shorthand people type for quotes: `12k`, `12.5k`, `1.2m`.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let bad = || DomainError::BadMoney(input.to_string());
        let trimmed = input.trim();
        let (negative, rest) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let cleaned: String = rest
            .trim_start_matches(['$', '€', '£'])
            .chars()
            .filter(|c| *c != ',' && *c != ' ' && *c != '_')
            .collect();
        // A thousands or millions suffix moves the decimal point.
        let (cleaned, shift) = match cleaned.chars().last().map(|c| c.to_ascii_lowercase()) {
            Some('k') => (&cleaned[..cleaned.len() - 1], 3),
            Some('m') => (&cleaned[..cleaned.len() - 1], 6),
            _ => (cleaned.as_str(), 0),
        };
        if cleaned.is_empty() {
            return Err(bad());
        }
        let (whole, frac) = match cleaned.split_once('.') {
            Some((w, f)) => (w, f),
            None => (cleaned, ""),
        };
        if whole.is_empty() && frac.is_empty() {
            return Err(bad());
        }
        // Cents are the smallest unit: "12.345" is a typo, "12.345k" is not.
        let frac_digits = 2 + shift;
        if !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
            || frac.len() > frac_digits
        {
            return Err(bad());
        }
        if negative {
            return Err(DomainError::NegativeMoney(input.to_string()));
        }
        let too_large = || DomainError::MoneyTooLarge(input.to_string());
        let units: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| too_large())?
        };
        // The fraction, padded to its full number of digits, is in cents.
        let frac_cents: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<frac_digits$}")
                .parse()
                .map_err(|_| bad())?
        };
        let scale = 10_i64.pow(u32::try_from(frac_digits).map_err(|_| bad())?);
        let cents = units
            .checked_mul(scale)
            .and_then(|c| c.checked_add(frac_cents))
            .filter(|c| *c <= MAX_CENTS)
            .ok_or_else(too_large)?;
        Ok(Money { cents })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_ways_people_write_amounts() {
        for (input, cents) in [
            ("12500", 1_250_000),
            ("12,500", 1_250_000),
            ("12 500", 1_250_000),
            ("$12,500.50", 1_250_050),
            ("12500.5", 1_250_050),
            ("0", 0),
            (".5", 50),
            ("7.", 700),
            ("12k", 1_200_000),
            ("12.5k", 1_250_000),
            ("12.5K", 1_250_000),
            ("$1.2m", 120_000_000),
            ("1.23456m", 123_456_000),
            ("0.5k", 50_000),
            ("1,200k", 120_000_000),
        ] {
            assert_eq!(
                input.parse::<Money>(),
                Ok(Money::from_cents(cents)),
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_money() {
        for input in [
            "",
            "abc",
            "12.345",
            "1e5",
            "--5",
            "12.5.5",
            "NaN",
            ".",
            "k",
            "12kk",
            "1.234567k",
            "12km",
        ] {
            assert!(
                matches!(input.parse::<Money>(), Err(DomainError::BadMoney(_))),
                "{input}"
            );
        }
        assert!(matches!(
            "-5".parse::<Money>(),
            Err(DomainError::NegativeMoney(_))
        ));
        assert!(matches!(
            "99999999999999999999".parse::<Money>(),
            Err(DomainError::MoneyTooLarge(_))
        ));
    }

    #[test]
    fn displays_grouped_and_weights_by_probability() {
        assert_eq!(Money::from_cents(1_250_000).display(), "12,500");
        assert_eq!(Money::from_cents(1_250_050).display(), "12,500.50");
        assert_eq!(Money::from_cents(99).display(), "0.99");
        assert_eq!(Money::from_cents(100_000_000).display(), "1,000,000");
        assert_eq!(
            Money::from_cents(1_000_000).weighted(35),
            Money::from_cents(350_000)
        );
        assert_eq!(Money::from_cents(333).weighted(50), Money::from_cents(167));
        assert_eq!(Money::from_cents(24_916_382).display_whole(), "249,164");
    }
}

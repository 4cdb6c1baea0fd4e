//! Why a value or a change was refused by the rules.

use thiserror::Error;

/// A rule of the sales process refused a value or a change.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DomainError {
    /// A closed-set word (outcome, status, …) was not one of the known ones.
    #[error("\"{given}\" is not a known {what}; use one of: {expected}")]
    UnknownWord {
        /// What kind of word was expected.
        what: &'static str,
        /// What was given.
        given: String,
        /// The accepted words, comma separated.
        expected: String,
    },
    /// A prospect needs a name.
    #[error("a prospect needs a name")]
    EmptyName,
    /// A probability must be a whole percentage.
    #[error("probability must be a whole number from 0 to 100, not \"{0}\"")]
    BadProbability(String),
    /// A money amount could not be read.
    #[error("\"{0}\" is not an amount of money; write it like 12500, 12,500.50 or 12.5k")]
    BadMoney(String),
    /// An e-mail address does not have the shape of one.
    #[error("\"{0}\" does not look like an e-mail address; write it like name@example.com")]
    BadEmail(String),
    /// A money amount was negative.
    #[error("a value cannot be negative (\"{0}\")")]
    NegativeMoney(String),
    /// A money amount was too large to store.
    #[error("\"{0}\" is too large a value")]
    MoneyTooLarge(String),
    /// A text field was too long to be reasonable.
    #[error("the {field} is too long ({len} characters; the limit is {max})")]
    TooLong {
        /// Which field.
        field: &'static str,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A text field held a NUL character, which cannot be stored faithfully.
    #[error("the {0} contains a NUL character")]
    NulInText(&'static str),
}

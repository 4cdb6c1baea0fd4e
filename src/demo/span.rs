//! How far back a sample book's finished prospects go. A large book spreads
//! them over three years (a realistic archive: about 640 finish a week in
//! the 100,000-prospect book, every week of the flow review has its wins,
//! losses and series). The cockpit's small sample has only fifteen: spread
//! over three years, the flow review (`F`) would show an empty week; over
//! the last twelve weeks, the twelve week ends of its pipeline each have
//! prospects coming and going, and this week or last has its wins and
//! losses.

/// Up to this many prospects, a book is "small".
const SMALL: usize = 1_000;

/// Days before today a finished prospect's last attempt may lie.
pub(super) fn finished_within_days(prospects: usize) -> i64 {
    if prospects <= SMALL { 12 * 7 } else { 3 * 365 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_books_finish_within_the_reviews_twelve_weeks() {
        assert_eq!(finished_within_days(40), 84);
        assert_eq!(finished_within_days(100_000), 1095);
    }
}

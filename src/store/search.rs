//! Finding prospects by name, company, e-mail or phone, and small
//! whole-book facts.

use rusqlite::Connection;

use super::StoreError;
use super::queues::{ITEM_COLUMNS, ITEM_WIDTH, item};
use crate::domain::{QueueItem, Status};

/// The most index matches a search sorts: the newest prospects that match.
/// Typing on narrows the search long before a salesperson reads this many,
/// and the bound keeps every keystroke's cost flat however many match (a
/// common area code matches most of the book).
pub const SEARCH_CANDIDATES: i64 = 2_000;

/// What a typed search looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Query {
    /// One or two characters: the start of a name.
    NamePrefix(String),
    /// Any part of a name, company or e-mail address (or phone digits).
    Text(String),
    /// Digits of a phone number, typed with or without punctuation.
    Digits(String),
}

impl Query {
    fn parse(query: &str) -> Option<Query> {
        let query = query.trim();
        if query.is_empty() {
            return None;
        }
        let phone_like = query.chars().any(|c| c.is_ascii_digit())
            && query
                .chars()
                .all(|c| c.is_ascii_digit() || " -().+/".contains(c));
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        Some(if phone_like && digits.len() >= 3 {
            Query::Digits(digits)
        } else if query.chars().count() >= 3 {
            Query::Text(query.to_string())
        } else {
            Query::NamePrefix(query.to_string())
        })
    }
}

/// One FTS5 string that matches any substring; quotes doubled.
fn fts_string(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Prospects of any status whose name, company, e-mail address or phone
/// number contains `query` (ignoring case and accents; a phone by its
/// digits, so "0101" finds "555-0101"), active ones first, at most `limit`.
///
/// Three or more characters go through the trigram index (over at most
/// [`SEARCH_CANDIDATES`] matches, the newest); one or two match the start
/// of the name through the name index. Neither scans the book.
pub fn search_prospects(
    conn: &Connection,
    query: &str,
    limit: usize,
) -> Result<Vec<(QueueItem, Status)>, StoreError> {
    let Some(query) = Query::parse(query) else {
        return Ok(Vec::new());
    };
    let limit = super::convert::sql_limit(limit);
    let (sql, pattern) = match &query {
        Query::NamePrefix(prefix) => {
            let escaped = prefix
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            (
                format!(
                    "SELECT {ITEM_COLUMNS}, p.status FROM prospect p \
                     LEFT JOIN next_step s ON s.prospect_id = p.id AND s.done_at IS NULL \
                     WHERE p.name LIKE ?1 ESCAPE '\\' AND p.removed_at IS NULL \
                     ORDER BY p.name COLLATE NOCASE, p.id LIMIT {limit}"
                ),
                format!("{escaped}%"),
            )
        }
        Query::Text(_) | Query::Digits(_) => {
            let pattern = match &query {
                Query::Digits(digits) => format!("phone_digits : {}", fts_string(digits)),
                Query::Text(text) | Query::NamePrefix(text) => fts_string(text),
            };
            (
                format!(
                    "SELECT {ITEM_COLUMNS}, p.status FROM ( \
                         SELECT rowid AS id FROM prospect_search WHERE prospect_search MATCH ?1 \
                         ORDER BY rowid DESC LIMIT {SEARCH_CANDIDATES} \
                     ) f \
                     JOIN prospect p ON p.id = f.id \
                     LEFT JOIN next_step s ON s.prospect_id = p.id AND s.done_at IS NULL \
                     WHERE p.removed_at IS NULL \
                     ORDER BY p.status <> 'active', p.name COLLATE NOCASE, p.id LIMIT {limit}"
                ),
                pattern,
            )
        }
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let read = |row: &rusqlite::Row<'_>| Ok((item(row)?, row.get(ITEM_WIDTH)?));
    let rows = stmt.query_map([pattern], read)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// True when the book holds no prospect at all.
pub fn book_is_empty(conn: &Connection) -> Result<bool, StoreError> {
    let any: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM prospect WHERE removed_at IS NULL)")?
        .query_row([], |r| r.get(0))?;
    Ok(!any)
}

/// SQLite's counter of commits by other connections: when it changes,
/// another process wrote the book and the screen should reload.
pub fn data_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewProspect, ProspectPatch};
    use crate::store::{Book, insert_prospect};

    /// Name, company, phone, e-mail.
    type Person<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

    fn book(people: &[Person<'_>]) -> Book {
        let mut book = Book::open_in_memory().unwrap();
        book.write(|tx| {
            for (name, company, phone, email) in people {
                let fields = ProspectPatch {
                    name: Some((*name).into()),
                    company: company.map(Into::into),
                    phone: phone.map(Into::into),
                    email: email.map(Into::into),
                    ..Default::default()
                };
                insert_prospect(tx, &NewProspect::new(fields).unwrap(), Default::default())?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
        book
    }

    fn names(book: &Book, query: &str) -> Vec<String> {
        search_prospects(book.conn(), query, 50)
            .unwrap()
            .into_iter()
            .map(|(item, _)| item.name)
            .collect()
    }

    fn people() -> Book {
        book(&[
            (
                "Zoë Côté",
                Some("Maison Côté"),
                Some("(613) 555-0101"),
                None,
            ),
            (
                "Ada Lovelace",
                None,
                Some("+1 613.555.0199"),
                Some("ada@engines.example"),
            ),
            (
                "Grace Hopper",
                Some("Navy Yard"),
                None,
                Some("grace@navy.example"),
            ),
        ])
    }

    #[test]
    fn finds_people_ignoring_case_and_accents() {
        let book = people();
        assert_eq!(names(&book, "zoe"), ["Zoë Côté"]);
        assert_eq!(names(&book, "COTE"), ["Zoë Côté"]);
        assert_eq!(names(&book, "maison cote"), ["Zoë Côté"]);
        assert_eq!(names(&book, "LOVE"), ["Ada Lovelace"]);
        assert_eq!(
            names(&book, "zo"),
            ["Zoë Côté"],
            "short: the start of a name"
        );
    }

    #[test]
    fn finds_a_caller_by_any_part_of_the_number_however_typed() {
        let book = people();
        assert_eq!(names(&book, "0101"), ["Zoë Côté"]);
        assert_eq!(names(&book, "555-0199"), ["Ada Lovelace"]);
        assert_eq!(names(&book, "(613) 555"), ["Ada Lovelace", "Zoë Côté"]);
        assert_eq!(names(&book, "6135550101"), ["Zoë Côté"]);
        assert!(names(&book, "999").is_empty());
    }

    #[test]
    fn finds_people_by_email() {
        let book = people();
        assert_eq!(names(&book, "navy.example"), ["Grace Hopper"]);
        assert_eq!(names(&book, "ada@"), ["Ada Lovelace"]);
    }

    #[test]
    fn a_changed_phone_or_email_is_found_by_its_new_value_only() {
        let mut book = people();
        book.write(|tx| {
            tx.execute(
                "UPDATE prospect SET phone = '555-0777', email = 'z@new.example' WHERE id = 1",
                [],
            )
            .map_err(StoreError::from)
        })
        .unwrap();
        assert_eq!(names(&book, "0777"), ["Zoë Côté"]);
        assert_eq!(names(&book, "new.example"), ["Zoë Côté"]);
        assert!(names(&book, "0101").is_empty());
    }

    #[test]
    fn an_update_that_leaves_the_searched_values_alone_leaves_the_index_alone() {
        let mut book = people();
        let blocks = |book: &Book| -> i64 {
            book.conn()
                .query_row("SELECT count(*) FROM prospect_search_data", [], |r| {
                    r.get(0)
                })
                .unwrap()
        };
        let before = blocks(&book);
        // Every column set, as an edit of the value writes it (migration 022).
        let set = |book: &mut Book, name: &str| {
            book.write(|tx| {
                tx.execute(
                    "UPDATE prospect SET name = ?1, company = company, email = email, \
                     phone = phone, value_cents = 5000 WHERE id = 1",
                    [name],
                )
                .map_err(StoreError::from)
            })
            .unwrap();
        };
        set(&mut book, "Zoë Côté");
        assert_eq!(blocks(&book), before, "the same values: no new segment");
        assert_eq!(names(&book, "zoe"), ["Zoë Côté"]);
        set(&mut book, "Zoé Tremblay");
        assert!(blocks(&book) > before, "a new name is indexed");
        assert_eq!(names(&book, "tremblay"), ["Zoé Tremblay"]);
        assert!(names(&book, "zoe cote").is_empty());
    }

    #[test]
    fn a_search_sorts_at_most_the_candidate_bound() {
        let many: Vec<String> = (0..(SEARCH_CANDIDATES + 50))
            .map(|i| format!("Martin {i:05}"))
            .collect();
        let people: Vec<_> = many
            .iter()
            .map(|n| (n.as_str(), None, None, None))
            .collect();
        let book = book(&people);
        let hits = search_prospects(book.conn(), "martin", 10).unwrap();
        assert_eq!(hits.len(), 10);
        // The newest matches are the ones considered: the first 50 added are not.
        assert_eq!(hits[0].0.name, "Martin 00050");
    }
}

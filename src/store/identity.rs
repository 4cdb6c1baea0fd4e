//! Telling a followup book from any other SQLite database: by the
//! application id every book carries, or, for books written before there
//! was one, by their schema.

use rusqlite::Connection;
use std::collections::BTreeMap;

use super::{StoreError, migrations};

/// The `application_id` stamped in every book's header: ASCII "FLUP".
/// `file(1)` and other tools see from it whose database this is.
pub const APPLICATION_ID: i32 = 0x464C_5550;

/// What an SQLite database is, as far as followup is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Identity {
    /// No tables and no version: a new file, which may become a book.
    Empty,
    /// A followup book at schema `version` (at most [`migrations::SCHEMA_VERSION`]);
    /// `stamped` when it carries [`APPLICATION_ID`] already.
    Book {
        /// Its schema version.
        version: usize,
        /// Whether its header says it is a followup book.
        stamped: bool,
    },
    /// A followup book written by a newer release.
    Newer(i64),
    /// Not a followup book; why, in words.
    Foreign(String),
}

/// Reads what the database on `conn` is, without writing anything.
///
/// A stamped database is trusted to be what its version says (a migration
/// that does not fit fails and changes nothing). An unstamped one is a book
/// only if its schema is exactly what that version of followup created.
pub(super) fn identify(conn: &Connection) -> Result<Identity, StoreError> {
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = migrations::SCHEMA_VERSION as i64;
    if app_id != APPLICATION_ID && app_id != 0 {
        return Ok(Identity::Foreign(format!(
            "it is another program's SQLite database (application id {app_id:#x})"
        )));
    }
    if version < 0 {
        return Ok(Identity::Foreign(format!(
            "its schema version {version} is not one followup ever wrote"
        )));
    }
    if app_id == APPLICATION_ID {
        return Ok(match usize::try_from(version) {
            Ok(v) if version <= known => Identity::Book {
                version: v,
                stamped: true,
            },
            _ => Identity::Newer(version),
        });
    }
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if version == 0 && objects == 0 {
        return Ok(Identity::Empty);
    }
    let foreign = || Identity::Foreign("it is another program's SQLite database".into());
    let Ok(v) = usize::try_from(version) else {
        return Ok(foreign());
    };
    if v == 0 || v > migrations::SCHEMA_VERSION {
        // Every release that knew a newer schema stamped its books.
        return Ok(foreign());
    }
    // Every table, column, index and trigger of that version must be there
    // as followup made it; something more (an index someone added by hand)
    // does not make a salesperson's own book foreign.
    if missing(&schema_of(conn)?, &expected_schema(v)?).is_some() {
        return Ok(foreign());
    }
    Ok(Identity::Book {
        version: v,
        stamped: false,
    })
}

/// Marks the database on `conn` as a followup book.
pub(super) fn stamp(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}

/// A database's schema: each table with its columns, each index and
/// trigger with its table, keyed by kind and name. SQLite's own tables
/// (statistics, sequences) are left out: they come and go by themselves.
pub(super) type Schema = BTreeMap<String, String>;

/// The schema of the main database on `conn`.
pub(super) fn schema_of(conn: &Connection) -> Result<Schema, StoreError> {
    let mut objects = conn.prepare(
        "SELECT type, name, tbl_name FROM sqlite_master \
         WHERE substr(name, 1, 7) <> 'sqlite_' ORDER BY type, name",
    )?;
    let mut columns = conn.prepare(
        "SELECT name, type, \"notnull\", ifnull(dflt_value, ''), pk \
         FROM pragma_table_info(?1) ORDER BY cid",
    )?;
    let mut schema = Schema::new();
    let rows = objects.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (kind, name, table) = row?;
        let shape = if kind == "table" {
            columns
                .query_map([&name], |r| {
                    Ok(format!(
                        "{} {} notnull={} default={} pk={}",
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, i64>(4)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?
                .join(", ")
        } else {
            format!("on {table}")
        };
        schema.insert(format!("{kind} {name}"), shape);
    }
    Ok(schema)
}

/// The schema followup creates at `version`, built in memory.
pub(super) fn expected_schema(version: usize) -> Result<Schema, StoreError> {
    let mut conn = Connection::open_in_memory()?;
    migrations::migrate_to(&mut conn, version)?;
    schema_of(&conn)
}

/// The first object of `expected` that `found` lacks or has in another
/// shape, in words; `None` when every one is there as expected.
fn missing(found: &Schema, expected: &Schema) -> Option<String> {
    expected
        .iter()
        .find_map(|(key, shape)| match found.get(key) {
            None => Some(format!("it has no {key}")),
            Some(other) if other != shape => Some(format!("its {key} has other columns ({other})")),
            Some(_) => None,
        })
}

/// The first way `found` differs from `expected` (something missing, in
/// another shape, or more), in words; `None` when they are the same.
pub(super) fn difference(found: &Schema, expected: &Schema) -> Option<String> {
    if let Some(missing) = missing(found, expected) {
        return Some(missing);
    }
    found
        .keys()
        .find(|key| !expected.contains_key(*key))
        .map(|key| format!("it has a {key} no followup book has"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(sql: &str) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(sql).unwrap();
        conn
    }

    #[test]
    fn every_version_of_the_schema_is_recognised_unstamped() {
        for version in 1..=migrations::SCHEMA_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrations::migrate_to(&mut conn, version).unwrap();
            assert_eq!(
                identify(&conn).unwrap(),
                Identity::Book {
                    version,
                    stamped: false
                }
            );
        }
    }

    #[test]
    fn other_databases_are_foreign() {
        for sql in [
            "CREATE TABLE recipe (x);",
            "CREATE TABLE prospect (foo, bar); PRAGMA user_version = 4;",
            "PRAGMA application_id = 7;",
            "CREATE TABLE t (x); PRAGMA user_version = -5;",
            "CREATE TABLE t (x); PRAGMA user_version = 99;",
        ] {
            let found = identify(&db(sql)).unwrap();
            assert!(matches!(found, Identity::Foreign(_)), "{sql}: {found:?}");
        }
        assert_eq!(identify(&db("")).unwrap(), Identity::Empty);
    }

    #[test]
    fn a_stamped_book_is_trusted_up_to_the_known_version() {
        let conn = db("PRAGMA application_id = 1179407696; PRAGMA user_version = 99;");
        assert_eq!(identify(&conn).unwrap(), Identity::Newer(99));
        let conn = db("PRAGMA application_id = 1179407696;");
        assert_eq!(
            identify(&conn).unwrap(),
            Identity::Book {
                version: 0,
                stamped: true
            }
        );
    }

    #[test]
    fn a_missing_trigger_or_an_extra_index_is_a_difference() {
        let expected = expected_schema(migrations::SCHEMA_VERSION).unwrap();
        let mut conn = Connection::open_in_memory().unwrap();
        migrations::migrate_to(&mut conn, migrations::SCHEMA_VERSION).unwrap();
        assert_eq!(difference(&schema_of(&conn).unwrap(), &expected), None);
        conn.execute_batch("CREATE INDEX mine ON attempt (note)")
            .unwrap();
        let diff = difference(&schema_of(&conn).unwrap(), &expected).unwrap();
        assert!(diff.contains("index mine"), "{diff}");
        assert!(
            matches!(identify(&conn).unwrap(), Identity::Book { .. }),
            "an extra index of the user's own keeps a book a book"
        );
        conn.execute_batch("DROP TRIGGER next_step_opened").unwrap();
        let diff = difference(&schema_of(&conn).unwrap(), &expected).unwrap();
        assert!(diff.contains("next_step_opened"), "{diff}");
        assert!(matches!(identify(&conn).unwrap(), Identity::Foreign(_)));
    }
}

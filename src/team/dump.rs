//! A book's current tables and history as canonical text, for the tests
//! that compare two books which took in the same changes (a first sync in
//! bulk against the incremental one): every column but the local ids, each
//! id replaced by the stable id or the name it stands for.

use rusqlite::Connection;

/// The tables compared whole, each with what its rows are ordered by.
const TABLES: &[(&str, &str)] = &[
    ("prospect", "uid"),
    ("attempt", "uid"),
    ("next_step", "uid"),
    ("debrief", "uid"),
];

/// Every row of the book's current tables (prospects, attempts, steps,
/// debriefs, the running totals of pipelines and owed debriefs but those
/// at zero: a total's row stays at 0 once an owner's total has been and
/// gone, so whether one is there depends on the order the changes came
/// in), its history (per prospect, in the order the
/// book learnt it) and its devices and authors, one line each.
pub fn canonical_dump(conn: &Connection) -> Vec<String> {
    let mut queries = Vec::new();
    for (table, order) in TABLES {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .and_then(|mut s| {
                s.query_map([], |r| r.get::<_, String>(0))?
                    .collect::<Result<_, _>>()
            })
            .expect("the table's columns");
        let select: Vec<String> = columns
            .iter()
            .filter(|c| *c != "id")
            .map(|c| match c.as_str() {
                "owner" => "(SELECT name FROM author WHERE id = t.owner)".to_string(),
                "prospect_id" => {
                    "(SELECT hex(uid) FROM prospect WHERE id = t.prospect_id)".to_string()
                }
                "uid" => "hex(t.uid)".to_string(),
                other => format!("t.{other}"),
            })
            .collect();
        queries.push(format!(
            "SELECT '{table}', {} FROM {table} t ORDER BY t.{order}",
            select.join(", ")
        ));
    }
    queries.push(
        "SELECT 'history', hex(p.uid), h.hlc, hex(d.uid), a.name, h.kind, hex(h.entity), h.op, \
         h.field, h.old, h.new FROM history h JOIN prospect p ON p.id = h.prospect \
         JOIN device d ON d.id = h.device JOIN author a ON a.id = h.author \
         ORDER BY p.uid, h.seq"
            .to_string(),
    );
    queries.push(
        "SELECT 'pipeline', a.name, t.weighted_cents FROM pipeline_total t \
         JOIN author a ON a.id = t.owner WHERE t.weighted_cents <> 0 ORDER BY a.name"
            .to_string(),
    );
    queries.push(
        "SELECT 'owed debriefs', a.name, t.owed FROM debrief_owed_total t \
         JOIN author a ON a.id = t.owner WHERE t.owed <> 0 ORDER BY a.name"
            .to_string(),
    );
    queries.push("SELECT 'device', hex(uid) FROM device WHERE id <> 1 ORDER BY uid".to_string());
    queries.push("SELECT 'author', name FROM author ORDER BY name".to_string());
    let mut out = Vec::new();
    for sql in queries {
        let mut stmt = conn.prepare(&sql).expect("a dump query");
        let width = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..width)
                    .map(|i| format!("{:?}", r.get_ref(i).expect("a column")))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .expect("a dump")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows");
        out.extend(rows);
    }
    out
}

/// Checks the book's search index against its prospects (FTS5's own
/// integrity check) and returns whether it holds.
pub fn search_index_holds(conn: &Connection) -> bool {
    conn.execute(
        "INSERT INTO prospect_search (prospect_search, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .is_ok()
}

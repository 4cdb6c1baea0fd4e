//! The rows of a CSV file, with the line each starts on.

use std::rc::Rc;

/// A row: the line it starts on, its cells (as many as the header names;
/// missing ones empty), and what is wrong with it as a whole, if anything.
pub type Row = (u64, Vec<String>, Option<String>);

/// Reads the header and every row of `text`, split at `delimiter`. Lines
/// are counted from 1 after `skipped` lines before `text` began. Blank
/// header cells are named by their position ("Column 4").
pub fn read(text: &str, delimiter: u8, skipped: u64) -> Result<(Vec<Rc<str>>, Vec<Row>), String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let unreadable = |e: csv::Error| format!("the file could not be read as CSV: {e}");
    if !reader.read_record(&mut record).map_err(unreadable)? {
        return Err("the file is empty".into());
    }
    let header: Vec<Rc<str>> = record
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = h.trim();
            if h.is_empty() {
                Rc::from(format!("Column {}", i + 1))
            } else {
                Rc::from(h)
            }
        })
        .collect();
    let mut rows = Vec::new();
    while reader.read_record(&mut record).map_err(unreadable)? {
        let line = record.position().map_or(0, |p| p.line()) + skipped;
        let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
        let extra = cells.len().saturating_sub(header.len());
        let problem = (extra > 0 && cells[header.len()..].iter().any(|c| !c.trim().is_empty()))
            .then(|| {
                format!(
                    "the row has {} cells and the header names {}: a delimiter or a quote is out of place",
                    cells.len(),
                    header.len()
                )
            });
        cells.resize(header.len(), String::new());
        rows.push((line, cells, problem));
    }
    Ok((header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_know_their_lines_even_across_quoted_line_breaks() {
        let (header, rows) =
            read("Name,Notes\nAda,\"two\nlines\"\nBob,x,extra\nCy\n", b',', 0).unwrap();
        assert_eq!(header.len(), 2);
        assert_eq!(rows[0].0, 2);
        assert_eq!(rows[0].1[1], "two\nlines");
        assert_eq!(rows[1].0, 4);
        assert!(rows[1].2.is_some());
        assert_eq!(rows[2], (5, vec!["Cy".to_string(), String::new()], None));
    }
}

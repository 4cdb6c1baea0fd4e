//! `coach` and `coaching`: the manager's coaching notes, written and read.

use super::{Format, Run, emit};
use crate::app::{self, AppError};
use crate::domain::text::sanitize_line;

/// The most notes `coaching` lists.
const LISTED: usize = 200;

/// `coach NAME TEXT`: writes the note (the next sync shares it).
pub fn coach(run: &mut Run, name: &str, text: String) -> Result<(), AppError> {
    let note = app::coach(&mut run.book, &run.ctx, &run.now, name, &text)?;
    match run.format {
        Format::Json => super::commands::print_json(&note),
        Format::Table => emit(&format!(
            "Coaching note for {} kept; the next sync shares it with them\n",
            sanitize_line(&note.consultant)
        )),
    }
}

/// `coaching [--consultant NAME]`: the notes, newest first.
pub fn list(run: &Run, consultant: Option<&str>) -> Result<(), AppError> {
    let notes = app::coaching_notes(&run.book, consultant, LISTED)?;
    match run.format {
        Format::Json => super::commands::print_json(&serde_json::json!({ "notes": notes })),
        Format::Table if notes.is_empty() => emit("No coaching notes in this book yet\n"),
        Format::Table => {
            let mut out = String::new();
            for n in &notes {
                let at =
                    n.at.with_timezone(&chrono::Local)
                        .format("%a %d %b %Y %H:%M");
                out.push_str(&format!(
                    "{at}  {} to {}\n",
                    sanitize_line(&n.author),
                    sanitize_line(&n.consultant)
                ));
                for line in n.text.lines() {
                    out.push_str(&format!("    {}\n", sanitize_line(line)));
                }
            }
            emit(&out)
        }
    }
}

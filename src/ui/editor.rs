//! A long-text field opened in the user's own editor (`$VISUAL`, else
//! `$EDITOR`, else `vi`): the text goes to a private temporary file, the
//! editor gets the terminal, and what it saved comes back into the field.
//! Performed by the run loop, the only code that touches the terminal;
//! `update` only asks for it ([`Effect::EditText`](super::effect::Effect)).

use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitStatus};

use super::outcome::Outcome;
use super::terminal::TerminalGuard;

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi` (empty values
/// count as unset). It may carry arguments (`code --wait`).
pub fn editor_command(visual: Option<OsString>, editor: Option<OsString>) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Opens `text` (field `field` of the open form) in the editor, lending it
/// the terminal; says what came of it.
pub fn perform(terminal: &mut TerminalGuard, field: usize, text: &str) -> Outcome {
    let command = editor_command(std::env::var_os("VISUAL"), std::env::var_os("EDITOR"));
    let result = edit(terminal, &command, text);
    Outcome::Edited { field, result }
}

fn edit(terminal: &mut TerminalGuard, command: &str, text: &str) -> Result<String, String> {
    // Private (0600) and removed when dropped: it holds a customer's notes.
    let mut file = tempfile::Builder::new()
        .prefix("followup-note-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("Could not make a file for the editor: {e}."))?;
    let mut body = text.to_string();
    if !body.is_empty() {
        body.push('\n');
    }
    file.write_all(body.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("Could not write a file for the editor: {e}."))?;
    let status = terminal
        .lend(|| run(command, file.path()))
        .map_err(|e| format!("Could not take the terminal back from the editor: {e}."))?;
    check(command, status)?;
    // Read by path: editors often save by writing a new file over the old.
    let saved = std::fs::read_to_string(file.path()).map_err(|e| {
        format!("Could not read what the editor saved ({e}); the field keeps its text.")
    })?;
    Ok(saved_text(&saved))
}

/// Runs `command` with `path` as its last argument, through the shell so
/// that a command with arguments (`code --wait`, `vim -c 'set tw=72'`) is
/// split the way the user wrote it.
fn run(command: &str, path: &Path) -> std::io::Result<ExitStatus> {
    if cfg!(unix) {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{command} \"$1\""))
            .arg("sh")
            .arg(path)
            .status()
    } else {
        let mut words = command.split_whitespace();
        let program = words.next().unwrap_or("vi");
        Command::new(program).args(words).arg(path).status()
    }
}

/// The one sentence for an editor that did not finish well.
fn check(command: &str, status: std::io::Result<ExitStatus>) -> Result<(), String> {
    let keeps = "the field keeps its text";
    match status {
        Err(e) => Err(format!(
            "Could not start the editor \"{command}\" ({e}); {keeps}."
        )),
        Ok(s) if s.success() => Ok(()),
        // The shell's answer for a command it cannot find or run.
        Ok(s) if cfg!(unix) && matches!(s.code(), Some(126 | 127)) => Err(format!(
            "Could not start the editor \"{command}\" (set $VISUAL or $EDITOR); {keeps}."
        )),
        Ok(s) => match s.code() {
            Some(code) => Err(format!(
                "The editor \"{command}\" exited with status {code}; {keeps}."
            )),
            None => Err(format!(
                "The editor \"{command}\" was stopped by a signal; {keeps}."
            )),
        },
    }
}

/// What the editor saved, without the line breaks editors add at the end.
fn saved_text(saved: &str) -> String {
    saved.trim_end_matches(['\n', '\r']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_wins_over_editor_and_vi_is_the_last_resort() {
        let os = |s: &str| Some(OsString::from(s));
        assert_eq!(editor_command(os("code --wait"), os("nano")), "code --wait");
        assert_eq!(editor_command(None, os("nano")), "nano");
        assert_eq!(editor_command(os("  "), os("nano")), "nano");
        assert_eq!(editor_command(None, None), "vi");
    }

    #[cfg(unix)]
    #[test]
    fn the_editor_runs_with_its_arguments_and_the_file_last() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("note file.txt");
        std::fs::write(&file, "before\n").unwrap();
        // A command with an argument of its own; the path has a space.
        let status = run("sed -i -e 's/before/after/'", &file);
        assert!(check("sed", status).is_ok());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "after\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_or_missing_editor_is_one_sentence_and_the_text_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("n.txt");
        let failed = check("false", run("false", &file)).unwrap_err();
        assert_eq!(
            failed,
            "The editor \"false\" exited with status 1; the field keeps its text."
        );
        let missing = check("no-such-editor-x", run("no-such-editor-x", &file)).unwrap_err();
        assert!(missing.starts_with("Could not start the editor \"no-such-editor-x\""));
    }

    #[test]
    fn the_line_breaks_editors_add_at_the_end_go_and_blank_lines_stay() {
        assert_eq!(saved_text("one\n\ntwo\n\n"), "one\n\ntwo");
        assert_eq!(saved_text("one\r\n"), "one");
    }
}

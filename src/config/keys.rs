//! `[keys]` in config.toml as written: the keys the salesperson chose for
//! the cockpit's actions (`log_voicemail = "V"`, `undo = ["u", "ctrl-z"]`).
//! Only read here, with the line of each entry; the cockpit's keymap
//! checks them against its actions and keys (`ui::keys_config`), so a
//! mistake there is a warning naming the file and line, and the defaults
//! stay in force for that action.

use std::path::PathBuf;

/// One entry of `[keys]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyChoice {
    /// The action's name as written (`log_voicemail`).
    pub action: String,
    /// The keys as written, or why the value is not a key or a list of keys.
    pub keys: Result<Vec<String>, String>,
    /// The file it is in.
    pub path: PathBuf,
    /// Its 1-based line.
    pub line: usize,
}

/// The line of `action = ...` inside the `[keys]` table of `text`.
fn line_of_entry(text: &str, action: &str) -> usize {
    let mut in_keys = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start();
        if line.starts_with('[') {
            in_keys = line.trim_end().trim_end_matches(|c: char| c != ']') == "[keys]";
            continue;
        }
        if in_keys {
            let name = line.trim_start_matches(['"', '\'']);
            if let Some(rest) = name.strip_prefix(action)
                && rest
                    .trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with('=')
            {
                return i + 1;
            }
        }
    }
    1
}

/// Reads the `[keys]` table of the file at `path` (whose text is `text`).
pub(super) fn read(table: &toml::Table, text: &str, path: &std::path::Path) -> Vec<KeyChoice> {
    table
        .iter()
        .map(|(action, value)| {
            let keys = match value {
                toml::Value::String(key) => Ok(vec![key.clone()]),
                toml::Value::Array(list) => list
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .filter(|keys| !keys.is_empty())
                    .ok_or_else(|| {
                        "give a key (\"V\") or a list of keys ([\"V\", \"ctrl-v\"])".into()
                    }),
                _ => Err("give a key (\"V\") or a list of keys ([\"V\", \"ctrl-v\"])".into()),
            };
            KeyChoice {
                action: action.clone(),
                keys,
                path: path.to_path_buf(),
                line: line_of_entry(text, action),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_with_their_line() {
        let text = "[profile]\nname = \"Sam\"\n\n[keys]\n# mine\nlog_voicemail = \"V\"\nundo = [\"u\", \"ctrl-z\"]\nquit = 3\n";
        let table: toml::Table = toml::from_str::<toml::Table>(text).unwrap()["keys"]
            .as_table()
            .unwrap()
            .clone();
        let path = std::path::Path::new("/c/config.toml");
        let mut choices = read(&table, text, path);
        choices.sort_by_key(|c| c.line);
        assert_eq!(choices[0].action, "log_voicemail");
        assert_eq!(choices[0].keys, Ok(vec!["V".to_string()]));
        assert_eq!(choices[0].line, 6);
        assert_eq!(
            choices[1].keys,
            Ok(vec!["u".to_string(), "ctrl-z".to_string()])
        );
        assert_eq!(choices[1].line, 7);
        assert_eq!(choices[2].line, 8);
        assert!(choices[2].keys.is_err());
    }
}

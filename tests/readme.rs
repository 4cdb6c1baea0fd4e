//! README.md's key table and command table are checked against the keymap
//! and the clap definitions, so the documentation cannot drift from what
//! the program does.

use clap::CommandFactory;
use followup::cli::Cli;
use followup::ui::keymap::{BINDINGS, KeyMode, key_name};
use std::collections::BTreeSet;

fn readme() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    std::fs::read_to_string(path).expect("read README.md")
}

/// The rows of the Markdown table that follows the `## heading` line.
fn table_rows(readme: &str, heading: &str) -> Vec<(String, String)> {
    let section = readme
        .split(&format!("\n## {heading}\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("README.md has no \"## {heading}\" section"));
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---") && !l.starts_with("| key |"))
        .filter(|l| !l.starts_with("| command |"))
        .map(|l| {
            // Cells split on `|` not escaped as `\|`.
            let cells: Vec<String> = l
                .replace("\\|", "\u{0}")
                .split('|')
                .map(|c| c.trim().replace('\u{0}', "|"))
                .collect();
            (cells[1].clone(), cells[2].clone())
        })
        .collect()
}

/// The text between backticks in `cell`.
fn code_spans(cell: &str) -> Vec<String> {
    cell.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

#[test]
fn the_key_table_names_every_documented_key_and_only_real_ones() {
    let readme = readme();
    let rows = table_rows(&readme, "The cockpit");
    assert!(!rows.is_empty(), "the cockpit section has a key table");
    let documented: BTreeSet<String> = rows.iter().flat_map(|(keys, _)| code_spans(keys)).collect();
    let normal: Vec<_> = BINDINGS
        .iter()
        .filter(|b| b.mode == KeyMode::Normal)
        .collect();
    let bound: BTreeSet<String> = normal.iter().map(|b| key_name(b)).collect();
    for key in &documented {
        assert!(
            bound.contains(key),
            "README's key table lists `{key}`, which the keymap does not bind"
        );
    }
    // Keys named in the second column ("`Tab`/`Shift-Tab` switch pane")
    // document their actions too.
    let documented: BTreeSet<String> = documented
        .into_iter()
        .chain(
            rows.iter()
                .flat_map(|(_, does)| code_spans(does))
                .filter(|span| bound.contains(span)),
        )
        .collect();
    // Every action with a help line has at least one of its keys in the
    // table (arrows and Page keys are "arrows" in prose).
    for b in normal.iter().filter(|b| !b.description.is_empty()) {
        let keys: Vec<String> = normal
            .iter()
            .filter(|o| o.action == b.action)
            .map(|o| key_name(o))
            .collect();
        let prose_only = keys
            .iter()
            .all(|k| ["↑", "↓", "PgUp", "PgDn", "Home", "End", "g", "G"].contains(&k.as_str()));
        assert!(
            prose_only || keys.iter().any(|k| documented.contains(k)),
            "README's key table is missing {:?} ({})",
            keys,
            b.description
        );
    }
}

#[test]
fn the_command_table_lists_every_command_and_only_real_options() {
    let readme = readme();
    let rows = table_rows(&readme, "The command line");
    let cli = Cli::command();
    let globals: BTreeSet<String> = cli
        .get_arguments()
        .filter_map(|a| a.get_long().map(str::to_string))
        .collect();
    let mut listed = BTreeSet::new();
    for (usage, _) in &rows {
        for span in code_spans(usage) {
            let name = span
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            let command = cli
                .find_subcommand(&name)
                .unwrap_or_else(|| panic!("README lists `{name}`, which is not a command"));
            listed.insert(name.clone());
            let options: BTreeSet<String> = command
                .get_arguments()
                .filter_map(|a| a.get_long().map(str::to_string))
                .collect();
            for word in span.split(|c: char| c.is_whitespace() || "[]|".contains(c)) {
                if let Some(option) = word.strip_prefix("--") {
                    assert!(
                        options.contains(option) || globals.contains(option),
                        "README gives `{name} --{option}`, which `{name}` does not take"
                    );
                }
            }
        }
    }
    for command in cli.get_subcommands() {
        let name = command.get_name();
        // Hidden commands (`complete-ids`, which completion scripts call)
        // are not for people.
        if name == "help" || command.is_hide_set() {
            continue;
        }
        assert!(
            listed.contains(name),
            "README's command table does not list `{name}`"
        );
    }
}

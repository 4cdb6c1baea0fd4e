//! The conventions of a command-line tool: completion scripts (prospect
//! ids included), the manual page, `--version`, an example in every
//! command's help, and usage errors as one sentence.

mod common;

use clap::CommandFactory;
use common::{Book, assert_one_line};
use followup::cli::{Cli, Shell, commands_taking_an_id, completion_script, man_page};

/// Every subcommand a person may type (not clap's `help`, not hidden ones).
fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
        .map(|c| c.get_name().to_string())
        .collect()
}

#[test]
fn every_shell_gets_a_script_naming_every_command() {
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let script = String::from_utf8(completion_script(shell)).unwrap();
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for name in subcommands() {
            assert!(
                script.contains(&name),
                "{shell} script does not mention {name}"
            );
        }
    }
    // The id snippets: bash and fish ask `complete-ids`; zsh's id
    // arguments call the function that does.
    let bash = String::from_utf8(completion_script(Shell::Bash)).unwrap();
    assert!(bash.contains("complete-ids") && bash.contains("complete -F _followup_with_ids"));
    let zsh = String::from_utf8(completion_script(Shell::Zsh)).unwrap();
    assert_eq!(
        zsh.matches(":id -- Prospect id:_followup_ids").count(),
        commands_taking_an_id().len(),
        "every id argument completes ids"
    );
    assert!(zsh.contains("followup complete-ids"));
    let fish = String::from_utf8(completion_script(Shell::Fish)).unwrap();
    assert!(fish.contains("__fish_seen_subcommand_from show history log"));
    assert!(commands_taking_an_id().len() >= 12);
}

#[test]
fn the_completions_command_prints_the_script() {
    let book = Book::new();
    let out = book.cmd().args(["completions", "fish"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, completion_script(Shell::Fish));
    let stderr = book.refused(&["completions", "tcsh"], 2);
    assert!(stderr.contains("\"tcsh\" is not a valid"), "{stderr}");
}

/// A bash session that sources the script and asks it to complete `words`.
fn bash_completes(book: &Book, words: &str) -> Option<String> {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_followup"));
    let script = book.dir.path().join("followup.bash");
    std::fs::write(&script, completion_script(Shell::Bash)).unwrap();
    let program = format!(
        "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
         _followup_with_ids followup \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &program])
        .env("PATH", path)
        .env("FOLLOWUP_CONFIG_DIR", &book.config_dir)
        .env_remove("FOLLOWUP_DB")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn bash_completes_prospect_ids_from_the_book() {
    let book = Book::new();
    let ada = book.add("Ada", &[]);
    let grace = book.add("Grace", &[]);
    let db = book.path.display().to_string();
    let Some(ids) = bash_completes(&book, &format!("followup --db '{db}' show ''")) else {
        eprintln!("no bash here: skipped");
        return;
    };
    let ids: Vec<&str> = ids.lines().collect();
    assert!(ids.contains(&ada.to_string().as_str()), "{ids:?}");
    assert!(ids.contains(&grace.to_string().as_str()), "{ids:?}");
    // After the id, and for commands without one, clap's completion runs.
    let words = bash_completes(&book, &format!("followup --db '{db}' sho")).unwrap();
    assert_eq!(words.trim(), "show");
}

#[test]
fn complete_ids_lists_ids_and_names_without_control_characters() {
    let book = Book::new();
    let ada = book.add(
        "Ada\tLove\u{1b}[31mlace",
        &["--company", "Analytical\nEngines"],
    );
    let grace = book.add("Grace", &[]);
    book.run_json(&["won", &grace.to_string()]);
    let mut ten = 0;
    for i in 0..8 {
        ten = book.add(&format!("P{i}"), &[]);
    }
    let out = book.with(&["complete-ids"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10, "{text}");
    for line in &lines {
        assert_eq!(line.matches('\t').count(), 1, "{line:?}");
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "{line:?}"
        );
    }
    assert_eq!(
        lines[0],
        format!("{ada}\tAda Love[31mlace (Analytical Engines)")
    );
    assert_eq!(
        lines.last().unwrap(),
        &format!("{grace}\tGrace"),
        "a finished prospect comes after the active ones"
    );
    // With a prefix: only the ids that start with it.
    let out = book
        .with(&["complete-ids", &ten.to_string()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, format!("{ten}\tP7\n"));
}

#[test]
fn the_manual_page_is_roff_and_names_every_command() {
    let page = String::from_utf8(man_page().unwrap()).unwrap();
    // clap_mangen's page: two string definitions for the apostrophe,
    // then the title.
    let first_macro = page
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"))
        .unwrap();
    assert!(first_macro.starts_with(".TH followup 1"), "{first_macro}");
    assert!(page.contains(".SH SUBCOMMANDS") || page.contains(".SH SUBCOMMAND"));
    for name in subcommands() {
        assert!(
            page.contains(&format!("followup\\-{}", name.replace('-', "\\-")))
                || page.contains(&name),
            "{name}"
        );
    }
    // groff, when there is one, reads it without a warning.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("followup.1");
    std::fs::write(&path, &page).unwrap();
    if let Ok(out) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&path)
        .output()
    {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && stderr.trim().is_empty(), "{stderr}");
    }
}

#[test]
fn man_out_writes_one_page_per_command() {
    let book = Book::new();
    let dir = book.dir.path().join("man");
    std::fs::create_dir(&dir).unwrap();
    let out = book
        .cmd()
        .args(["man", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut pages: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert!(pages.contains(&"followup.1".to_string()), "{pages:?}");
    for name in subcommands() {
        let page = format!("followup-{name}.1");
        assert!(pages.contains(&page), "{page} missing: {pages:?}");
        let text = std::fs::read_to_string(dir.join(&page)).unwrap();
        assert!(text.contains(".TH followup-"), "{page}");
    }
    let missing = book.dir.path().join("nowhere");
    let stderr = book.refused(&["man", "--out", &missing.to_string_lossy()], 2);
    assert!(stderr.contains("there is no folder"), "{stderr}");
}

#[test]
fn every_command_has_an_example_in_its_help() {
    let mut cli = Cli::command();
    cli.build();
    let mut checked = 0;
    let mut commands = vec![cli.clone()];
    commands.extend(
        cli.get_subcommands()
            .filter(|c| c.get_name() != "help")
            .cloned(),
    );
    for mut command in commands {
        let help = command.render_help().to_string();
        let example = help
            .lines()
            .find(|l| l.starts_with("Example: followup"))
            .unwrap_or_else(|| panic!("`{}` --help has no example:\n{help}", command.get_name()));
        // The example uses the command it documents.
        let name = command.get_name();
        assert!(
            name == "followup" || example.contains(&format!("followup {name}")),
            "{name}: {example}"
        );
        checked += 1;
    }
    assert!(checked > 25);
}

#[test]
fn version_and_help_print_on_stdout() {
    let book = Book::new();
    let out = book.cmd().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("followup {}\n", env!("CARGO_PKG_VERSION"))
    );
    let out = book.cmd().args(["export", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("Example: followup export"), "{help}");
}

#[test]
fn usage_errors_are_one_sentence_with_a_pointer_to_help() {
    let book = Book::new();
    for (args, expected) in [
        (
            &["frobnicate"][..],
            "followup: \"frobnicate\" is not a command; see `followup --help`",
        ),
        (
            &["show", "1", "--colour"],
            "followup: `followup show` has no option --colour; see `followup show --help`",
        ),
        (
            &["log", "1"],
            "followup: `followup log` needs <OUTCOME>; see `followup log --help`",
        ),
    ] {
        let out = book.with(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_one_line(&stderr, args);
        assert_eq!(stderr.trim_end(), expected);
    }
}

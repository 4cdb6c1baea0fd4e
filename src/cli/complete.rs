//! Shell completion scripts, the manual page, and the prospect ids that
//! completion offers.
//!
//! The scripts are clap_complete's, generated from the same clap
//! definitions as `--help`; for bash, zsh and fish a small hand-written
//! snippet is added that completes a command's prospect id by asking
//! `followup complete-ids` (hidden), which prints `ID<TAB>Name (Company)`
//! lines: zsh and fish show the names beside the ids, bash offers the ids.
//! PowerShell and elvish get clap_complete's script alone.

use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

use super::args::Cli;
use super::{Run, emit};
use crate::app::AppError;
use crate::store;

pub use clap_complete::Shell;

/// How many ids `complete-ids` prints at most.
const MAX_IDS: usize = 1000;

/// The subcommands whose first positional argument is a prospect id.
pub fn commands_taking_an_id() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|c| {
            c.get_positionals()
                .next()
                .is_some_and(|a| a.get_id() == "id")
        })
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "followup", &mut out);
    let ids = commands_taking_an_id().join(" ");
    match shell {
        Shell::Bash => {
            out.extend_from_slice(BASH.replace("@IDS@", &ids.replace(' ', "|")).as_bytes())
        }
        Shell::Zsh => {
            let text = String::from_utf8_lossy(&out).replace(
                ":id -- Prospect id:_default",
                ":id -- Prospect id:_followup_ids",
            );
            out = text.into_bytes();
            out.extend_from_slice(ZSH.as_bytes());
        }
        Shell::Fish => out.extend_from_slice(FISH.replace("@IDS@", &ids).as_bytes()),
        _ => {}
    }
    out
}

/// Bash: the id after a command that takes one (ids only: bash shows no
/// descriptions); everything else goes to clap_complete's `_followup`.
const BASH: &str = r#"
# followup: complete prospect ids by asking the book (`followup complete-ids`).
_followup_with_ids() {
    local cur="${COMP_WORDS[COMP_CWORD]}" sub="" db="" pos=0 i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --db) db="${COMP_WORDS[i+1]}"; ((i++)) ;;
            --db=*) db="${COMP_WORDS[i]#--db=}" ;;
            --now|--format) ((i++)) ;;
            -*) ;;
            *) if [[ -z $sub ]]; then sub="${COMP_WORDS[i]}"; else ((pos++)); fi ;;
        esac
    done
    case "$sub" in
        @IDS@)
            if [[ $pos -eq 0 && $cur != -* ]]; then
                local ids
                ids="$(followup ${db:+--db "$db"} complete-ids "$cur" 2>/dev/null | cut -f1)"
                COMPREPLY=($(compgen -W "$ids" -- "$cur"))
                return 0
            fi
            ;;
    esac
    _followup "$@"
}
complete -F _followup_with_ids -o bashdefault -o default followup
"#;

/// Zsh: clap_complete's id arguments call this instead of `_default`.
const ZSH: &str = r#"
# followup: complete prospect ids with names (`followup complete-ids`).
(( $+functions[_followup_ids] )) ||
_followup_ids() {
    local -a ids
    local line
    for line in ${(f)"$(followup complete-ids 2>/dev/null)"}; do
        ids+=("${line%%$'\t'*}:${line#*$'\t'}")
    done
    _describe -t prospects 'prospect' ids
}
"#;

/// Fish: shows the names beside the ids by itself (TAB-separated).
const FISH: &str = r#"
# followup: complete prospect ids with names (`followup complete-ids`).
complete -c followup -n "__fish_seen_subcommand_from @IDS@" -f -a "(followup complete-ids (commandline -ct) 2>/dev/null)"
"#;

/// Writes generated text (ours, not the book's) to stdout as it is; a
/// closed pipe is not an error.
fn print_raw(bytes: &[u8]) -> Result<(), AppError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(AppError::Refused(format!(
            "could not write the output: {e}"
        ))),
        _ => Ok(()),
    }
}

/// `completions SHELL`.
pub fn completions(shell: Shell) -> Result<(), AppError> {
    print_raw(&script(shell))
}

/// The manual page of `followup` as a whole (roff).
pub fn man_page() -> Result<Vec<u8>, AppError> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| AppError::Refused(format!("could not write the manual page: {e}")))?;
    Ok(out)
}

/// `man [--out DIR]`: the page on stdout, or one page per command in DIR.
pub fn man(out: Option<&Path>) -> Result<(), AppError> {
    match out {
        None => print_raw(&man_page()?),
        Some(dir) => {
            if !dir.is_dir() {
                return Err(AppError::Usage(format!(
                    "there is no folder {}; make it first, then write the pages into it",
                    dir.display()
                )));
            }
            clap_mangen::generate_to(Cli::command(), dir).map_err(|e| {
                AppError::Refused(format!(
                    "could not write the manual pages into {}: {e}",
                    dir.display()
                ))
            })?;
            emit(&format!("Wrote the manual pages into {}\n", dir.display()))
        }
    }
}

/// `complete-ids [PREFIX]`: `ID<TAB>Name (Company)` lines, with control
/// characters (tabs included) taken out of the book's text.
pub fn complete_ids(run: &Run, prefix: &str) -> Result<(), AppError> {
    let mut text = String::new();
    for (id, name, company) in store::ids_for_completion(run.book.conn(), prefix, MAX_IDS)? {
        let name = crate::domain::text::sanitize_line(&name);
        text.push_str(&format!("{id}\t{name}"));
        if let Some(company) = company {
            text.push_str(&format!(
                " ({})",
                crate::domain::text::sanitize_line(&company)
            ));
        }
        text.push('\n');
    }
    // Not `emit`: it would turn the separating tab into a space.
    print_raw(text.as_bytes())
}

//! `[keys]` in config.toml applied to the keymap: each cockpit action may
//! be given its own key or keys (`log_voicemail = "V"`, `undo = ["u",
//! "ctrl-z"]`), which replace its default keys on the dashboard.
//!
//! Checked when loaded: an unknown action, a key that cannot be read, or a
//! key another action already has is reported (file and line) and that
//! action keeps its default keys. Ctrl-c always quits.

use crossterm::event::{KeyCode, KeyModifiers};

use super::action::Action;
use super::keymap::{BINDINGS, Binding, KeyMode, key_name};
use crate::config::KeyChoice;

/// The name of each dashboard action in `[keys]`, in the help's order.
pub const ACTIONS: &[(&str, Action)] = &[
    ("log_voicemail", Action::LogVoicemail),
    ("log_no_answer", Action::LogNoAnswer),
    ("log_email", Action::LogEmail),
    ("reached", Action::Reached),
    ("met", Action::LogMeeting),
    ("quote", Action::LogQuote),
    ("set_next", Action::SetNext),
    ("debrief", Action::Debrief),
    ("tick", Action::Tick),
    ("back_order", Action::BackOrder),
    ("add", Action::Add),
    ("edit", Action::Edit),
    ("note", Action::Note),
    ("won", Action::Won),
    ("lost", Action::Lost),
    ("close_out", Action::CloseOut),
    ("reopen", Action::Reopen),
    ("pause", Action::TogglePause),
    ("start_own_book", Action::StartOwnBook),
    ("down", Action::MoveDown),
    ("up", Action::MoveUp),
    ("page_down", Action::PageDown),
    ("page_up", Action::PageUp),
    ("first", Action::First),
    ("last", Action::Last),
    ("next_pane", Action::NextPane),
    ("previous_pane", Action::PrevPane),
    ("detail", Action::ToggleDetail),
    ("scroll_down", Action::ScrollDetailDown),
    ("scroll_up", Action::ScrollDetailUp),
    ("back", Action::Back),
    ("search", Action::Search),
    ("upcoming", Action::Upcoming),
    ("all_prospects", Action::AllProspects),
    ("flow_review", Action::FlowReview),
    ("flow_previous_week", Action::FlowPrevWeek),
    ("flow_next_week", Action::FlowNextWeek),
    ("flow_this_week", Action::FlowThisWeek),
    ("team_screen", Action::TeamScreen),
    ("coach", Action::Coach),
    ("filter", Action::CycleFilter),
    ("sort", Action::CycleSort),
    ("undo", Action::Undo),
    ("redo", Action::Redo),
    ("timeline", Action::ToggleTimeline),
    ("reload", Action::Reload),
    ("sync", Action::SyncTeam),
    ("help", Action::Help),
    ("quit", Action::Quit),
];

/// Reads a key as written in `[keys]`: a character (`V`, `?`), `ctrl-`
/// and a character, or a named key (`enter`, `esc`, `tab`, `shift-tab`,
/// `up`, `down`, `home`, `end`, `pgup`, `pgdn`, `space`).
pub fn parse_key(text: &str) -> Result<(KeyCode, KeyModifiers), String> {
    let named = |name: &str| -> Option<KeyCode> {
        Some(match name.to_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "space" => KeyCode::Char(' '),
            _ => return None,
        })
    };
    let single = |s: &str| {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => Some(KeyCode::Char(c)),
            _ => None,
        }
    };
    let lower = text.to_lowercase();
    if let Some(rest) = lower
        .strip_prefix("ctrl-")
        .or_else(|| lower.strip_prefix("ctrl+"))
    {
        // Ctrl with a letter: terminals send the same for either case.
        return single(rest)
            .filter(|c| matches!(c, KeyCode::Char(c) if c.is_ascii_alphanumeric()))
            .map(|c| (c, KeyModifiers::CONTROL))
            .ok_or_else(|| {
                format!("\"{text}\" is not a key; Ctrl goes with a letter or digit (\"ctrl-z\")")
            });
    }
    single(text)
        .or_else(|| named(text))
        .map(|c| (c, KeyModifiers::NONE))
        .ok_or_else(|| {
            format!("\"{text}\" is not a key; write a character (\"V\"), \"ctrl-z\", or enter, esc, tab, shift-tab, up, down, home, end, pgup, pgdn, space")
        })
}

/// The name of an action in `[keys]`.
pub fn action_name(action: Action) -> Option<&'static str> {
    ACTIONS.iter().find(|(_, a)| *a == action).map(|(n, _)| *n)
}

/// True for the binding no `[keys]` entry removes: Ctrl-c quits.
fn is_fixed(b: &Binding) -> bool {
    b.mode == KeyMode::Normal
        && b.code == KeyCode::Char('c')
        && b.modifiers == KeyModifiers::CONTROL
}

/// An entry that can be applied: the action and its keys.
struct Rebind<'a> {
    choice: &'a KeyChoice,
    action: Action,
    keys: Vec<(KeyCode, KeyModifiers)>,
}

/// The defaults with `rebinds` applied: each action's dashboard keys
/// replaced by its own, in the place of its first default binding (so the
/// help keeps its order).
fn apply(rebinds: &[&Rebind<'_>]) -> Vec<Binding> {
    let mut table = Vec::with_capacity(BINDINGS.len());
    let mut placed = Vec::new();
    for b in BINDINGS {
        let rebind = rebinds
            .iter()
            .find(|r| b.mode == KeyMode::Normal && r.action == b.action && !is_fixed(b));
        match rebind {
            None => table.push(*b),
            Some(r) if !placed.contains(&r.action) => {
                placed.push(r.action);
                // The first key carries the help line; the others are
                // listed beside it ("V/ctrl-v").
                for (i, (code, modifiers)) in r.keys.iter().enumerate() {
                    table.push(Binding {
                        code: *code,
                        modifiers: *modifiers,
                        description: if i == 0 { b.description } else { "" },
                        ..*b
                    });
                }
            }
            Some(_) => {}
        }
    }
    table
}

/// The keymap for `choices` and what was wrong with them (one sentence
/// each, naming the file and line).
pub fn resolve(choices: &[KeyChoice]) -> (Vec<Binding>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut rebinds: Vec<Rebind<'_>> = Vec::new();
    for choice in choices {
        let at = format!("{}:{}", choice.path.display(), choice.line);
        let Some(action) = ACTIONS
            .iter()
            .find(|(name, _)| *name == choice.action)
            .map(|(_, a)| *a)
        else {
            let names: Vec<&str> = ACTIONS.iter().map(|(n, _)| *n).collect();
            warnings.push(format!(
                "{at}: [keys] has no action \"{}\"; the actions are {}",
                choice.action,
                names.join(", ")
            ));
            continue;
        };
        let keys = match &choice.keys {
            Ok(keys) => keys
                .iter()
                .map(|k| parse_key(k))
                .collect::<Result<Vec<_>, _>>(),
            Err(why) => Err(why.clone()),
        };
        match keys {
            Ok(keys) => rebinds.push(Rebind {
                choice,
                action,
                keys,
            }),
            Err(why) => warnings.push(format!(
                "{at}: [keys] {}: {why}; it keeps its default keys",
                choice.action
            )),
        }
    }
    // A key taken twice on the dashboard: the entry that caused it is
    // dropped (its action keeps its defaults) until none is.
    loop {
        let refs: Vec<&Rebind<'_>> = rebinds.iter().collect();
        let table = apply(&refs);
        let clash = rebinds.iter().enumerate().find_map(|(i, r)| {
            r.keys.iter().find_map(|(code, modifiers)| {
                let holders: Vec<&Binding> = table
                    .iter()
                    .filter(|b| {
                        b.mode == KeyMode::Normal && b.code == *code && b.modifiers == *modifiers
                    })
                    .collect();
                let same_entry_twice =
                    r.keys.iter().filter(|k| **k == (*code, *modifiers)).count() > 1;
                (holders.len() > 1 || same_entry_twice).then(|| {
                    let other = holders
                        .iter()
                        .find(|b| b.action != r.action)
                        .and_then(|b| action_name(b.action))
                        .unwrap_or(r.choice.action.as_str());
                    (i, key_name(holders[0]), other.to_string())
                })
            })
        });
        match clash {
            None => return (table, warnings),
            Some((i, key, other)) => {
                let r = rebinds.remove(i);
                warnings.push(format!(
                    "{}:{}: [keys] {}: {key} is already the key of {other}; {} keeps its default keys",
                    r.choice.path.display(),
                    r.choice.line,
                    r.choice.action,
                    r.choice.action
                ));
            }
        }
    }
}

/// Only the warnings of [`resolve`], for `followup config` and stderr.
pub fn check(choices: &[KeyChoice]) -> Vec<String> {
    resolve(choices).1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::action::Input;
    use crate::ui::keymap::{self, help_entries, install, key_for, lookup};
    use crossterm::event::KeyEvent;

    fn choice(action: &str, keys: &[&str], line: usize) -> KeyChoice {
        KeyChoice {
            action: action.into(),
            keys: Ok(keys.iter().map(|k| k.to_string()).collect()),
            path: "/c/config.toml".into(),
            line,
        }
    }

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn every_dashboard_action_has_a_name_and_every_name_an_action() {
        for b in BINDINGS.iter().filter(|b| b.mode == KeyMode::Normal) {
            assert!(
                action_name(b.action).is_some(),
                "{:?} has no name",
                b.action
            );
        }
        let mut names: Vec<&str> = ACTIONS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ACTIONS.len());
    }

    #[test]
    fn a_rebinding_moves_the_action_and_the_help_and_messages_follow() {
        let (table, warnings) = resolve(&[choice("log_voicemail", &["V", "ctrl-v"], 3)]);
        assert!(warnings.is_empty(), "{warnings:?}");
        install(table);
        assert_eq!(
            lookup(press('V'), KeyMode::Normal),
            Some(Input::Action(Action::LogVoicemail))
        );
        assert_eq!(
            lookup(press('v'), KeyMode::Normal),
            None,
            "the default key is free"
        );
        let ctrl_v = KeyEvent::new(KeyCode::Char('v'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(ctrl_v, KeyMode::Normal),
            Some(Input::Action(Action::LogVoicemail))
        );
        assert_eq!(key_for(Action::LogVoicemail, KeyMode::Normal), "V");
        assert!(
            help_entries()
                .iter()
                .any(|(_, keys, what)| keys == "V/Ctrl-v" && what.starts_with("voicemail")),
            "{:?}",
            help_entries()
        );
        // The forms keep their own keys.
        assert_eq!(key_for(Action::Submit, KeyMode::Form), "Enter");
        keymap::install(BINDINGS.to_vec());
    }

    #[test]
    fn mistakes_are_reported_with_file_and_line_and_the_defaults_kept() {
        let mut bad_value = choice("undo", &[], 9);
        bad_value.keys = Err("give a key".into());
        let (table, warnings) = resolve(&[
            choice("shout", &["z"], 4),
            choice("won", &["n"], 5),
            choice("lost", &["ctrl-"], 6),
            choice("reload", &["F5"], 7),
            bad_value,
            choice("quit", &["Q"], 8),
        ]);
        assert_eq!(warnings.len(), 5, "{warnings:#?}");
        assert!(warnings[0].starts_with(
            "/c/config.toml:4: [keys] has no action \"shout\"; the actions are log_voicemail,"
        ));
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("/c/config.toml:6: [keys] lost: \"ctrl-\" is not a key")),
            "{warnings:#?}"
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("/c/config.toml:7: [keys] reload: \"F5\" is not a key")),
            "{warnings:#?}"
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("/c/config.toml:9: [keys] undo: give a key")),
            "{warnings:#?}"
        );
        assert!(
            warnings.iter().any(|w| w == "/c/config.toml:5: [keys] won: n is already the key of log_no_answer; won keeps its default keys"),
            "{warnings:#?}"
        );
        let keys = |action| {
            table
                .iter()
                .filter(|b| b.mode == KeyMode::Normal && b.action == action)
                .map(key_name)
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(Action::Won), ["w"]);
        assert_eq!(keys(Action::LogNoAnswer), ["n"]);
        assert_eq!(keys(Action::Quit), ["Q", "Ctrl-c"], "Ctrl-c always quits");
    }

    #[test]
    fn two_actions_may_swap_their_keys() {
        let (table, warnings) = resolve(&[choice("won", &["l"], 1), choice("lost", &["w"], 2)]);
        assert!(warnings.is_empty(), "{warnings:?}");
        let find = |c| {
            table
                .iter()
                .find(|b| b.mode == KeyMode::Normal && b.code == KeyCode::Char(c))
                .map(|b| b.action)
        };
        assert_eq!(find('l'), Some(Action::Won));
        assert_eq!(find('w'), Some(Action::Lost));
    }

    #[test]
    fn the_readme_lists_every_action_name() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let section = readme
            .split("`[keys]` gives")
            .nth(1)
            .expect("the [keys] paragraph");
        let section = section.split("\n\n").next().unwrap_or_default();
        for (name, _) in ACTIONS {
            assert!(
                section.contains(&format!("`{name}`")),
                "README does not list {name}"
            );
        }
    }

    #[test]
    fn keys_are_read_as_written() {
        assert_eq!(parse_key("V"), Ok((KeyCode::Char('V'), KeyModifiers::NONE)));
        assert_eq!(
            parse_key("Ctrl-Z"),
            Ok((KeyCode::Char('z'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            parse_key("space"),
            Ok((KeyCode::Char(' '), KeyModifiers::NONE))
        );
        assert_eq!(
            parse_key("PgDn"),
            Ok((KeyCode::PageDown, KeyModifiers::NONE))
        );
        assert!(parse_key("").is_err());
        assert!(parse_key("vv").is_err());
    }
}

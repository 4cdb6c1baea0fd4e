//! The sample book: where the user's own book is (or would be), whether
//! the sample was changed, and the keys that leave it — start your own
//! book, or quit (asking first when the sample holds changes).

use chrono::{DateTime, Local};
use std::path::{Path, PathBuf};

use super::action::Action;
use super::effect::Effect;
use super::keymap::{self, KeyMode};
use super::state::{App, Mode, Pane, Question};
use crate::config::Setting;

/// What the cockpit knows about the sample book it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleBook {
    /// The user's own book: `--db`, `$FOLLOWUP_DB`, or the default path.
    pub own_book: Setting<PathBuf>,
    /// The clock the user asked for (`--now`): the own book is shown as of
    /// it, or as of the real clock (the sample may show another moment).
    pub user_now: Option<DateTime<Local>>,
    /// True when the sample is shown as of the next working day (now is
    /// outside business hours).
    pub moved: bool,
    /// True once the user changed the sample book.
    pub changed: bool,
}

/// The key that leaves the sample for the user's own book, from the keymap.
pub fn start_key() -> String {
    keymap::key_for(Action::StartOwnBook, KeyMode::Normal)
}

/// The own-book key: leaves the sample book for the user's own, which is
/// created empty, or opened if it exists. On the user's own book it only
/// says where that is.
pub fn start_own_book(app: &mut App) -> Vec<Effect> {
    match &app.sample {
        Some(sample) => vec![Effect::OpenOwnBook(sample.own_book.clone())],
        None => {
            app.info("This is your own book already.");
            Vec::new()
        }
    }
}

/// The quit key: on a sample book the user changed, asks first, saying
/// what will be lost and where their own book would be.
pub fn quit(app: &mut App) -> Vec<Effect> {
    match app.sample.as_ref().filter(|s| s.changed) {
        Some(sample) => {
            let path = sample.own_book.value.display();
            app.mode = Mode::Confirm(Box::new(Question {
                text: format!(
                    "Quit the demo? Your changes to the sample book will be lost. Your own book would be at {path} ({stay}, then {start}, starts it). {} = quit, {stay} = stay",
                    keymap::key_for(Action::Confirm, KeyMode::Confirm),
                    stay = keymap::key_for(Action::Decline, KeyMode::Confirm),
                    start = start_key(),
                ),
                on_yes: Effect::Quit,
            }));
        }
        None => app.should_quit = true,
    }
    Vec::new()
}

/// Folds the user's own book being open in place of the sample: the
/// cockpit starts over on it (the sample's undo steps mean nothing there),
/// as of the user's clock, and asks for the profile on a new book (or when
/// no name is set yet).
pub fn opened_own_book(
    app: &mut App,
    path: &Path,
    existed: bool,
    now: DateTime<Local>,
    clock_fixed: bool,
) -> Vec<Effect> {
    app.demo = false;
    app.sample = None;
    app.now = now;
    app.clock_fixed = clock_fixed;
    app.undo.clear();
    app.redo.clear();
    app.search = None;
    app.focus = Pane::Due;
    app.cursor = Default::default();
    app.detail = None;
    app.detail_open = false;
    app.detail_scroll = 0;
    app.pending_select = None;
    let path = path.display();
    if existed {
        app.info(format!(
            "Your own book was already at {path}: opened it as it is (the sample book is discarded)."
        ));
    } else {
        app.info(format!("Started your own book at {path}."));
    }
    if !existed || app.ctx.config.my_name.value.is_none() {
        app.mode = Mode::Form(Box::new(super::profile::form(&app.ctx.config)));
    }
    vec![Effect::Reload]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Context;
    use crate::ui::action::Input;
    use crate::ui::update::update;
    use chrono::TimeZone;

    fn demo_app() -> App {
        let now = Local.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut app = App::new(Context::builtin(), now, true);
        app.demo = true;
        app.sample = Some(SampleBook {
            own_book: Setting::default(PathBuf::from(
                "/home/sam/.local/share/followup/followup.db",
            )),
            user_now: None,
            moved: false,
            changed: false,
        });
        app
    }

    #[test]
    fn quitting_an_unchanged_demo_does_not_ask() {
        let mut app = demo_app();
        assert!(update(&mut app, Input::Action(Action::Quit)).is_empty());
        assert!(app.should_quit);
    }

    #[test]
    fn quitting_a_changed_demo_asks_and_names_the_own_book() {
        let mut app = demo_app();
        app.sample.as_mut().unwrap().changed = true;
        assert!(update(&mut app, Input::Action(Action::Quit)).is_empty());
        assert!(!app.should_quit);
        let Mode::Confirm(q) = &app.mode else {
            panic!("asks: {:?}", app.mode)
        };
        assert!(
            q.text
                .contains("/home/sam/.local/share/followup/followup.db"),
            "{}",
            q.text
        );
        assert!(q.text.contains("will be lost"), "{}", q.text);
        // No: stays. Yes: quits.
        update(&mut app, Input::Action(Action::Decline));
        assert!(!app.should_quit);
        update(&mut app, Input::Action(Action::Quit));
        let effects = update(&mut app, Input::Action(Action::Confirm));
        assert_eq!(effects, vec![Effect::Quit]);
    }

    #[test]
    fn on_the_own_book_the_cockpit_starts_over_and_asks_who_signs() {
        let mut app = demo_app();
        app.sample.as_mut().unwrap().changed = true;
        let real_now = Local.with_ymd_and_hms(2026, 11, 29, 23, 0, 0).unwrap();
        let effects = opened_own_book(
            &mut app,
            Path::new("/home/sam/.local/share/followup/followup.db"),
            false,
            real_now,
            false,
        );
        assert_eq!(effects, vec![Effect::Reload]);
        assert!(!app.demo && app.sample.is_none());
        assert!(
            app.undo.is_empty(),
            "the sample's changes cannot be undone on the own book"
        );
        assert_eq!(app.now, real_now);
        assert!(!app.clock_fixed);
        assert!(matches!(&app.mode, Mode::Form(f) if f.kind == crate::ui::form::FormKind::Profile));
        assert!(
            app.status
                .as_ref()
                .unwrap()
                .text
                .contains("Started your own book")
        );
        // Quitting no longer asks.
        app.mode = Mode::Normal;
        update(&mut app, Input::Action(Action::Quit));
        assert!(app.should_quit);
    }

    #[test]
    fn a_file_that_is_not_a_book_is_never_written_over() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("followup.db");
        std::fs::write(&path, "my notes, not a book\n").unwrap();
        let mut app = demo_app();
        app.sample.as_mut().unwrap().own_book = Setting::default(path.clone());
        let mut book = crate::store::Book::open_in_memory().unwrap();
        let effects = update(&mut app, Input::Action(Action::StartOwnBook));
        crate::ui::perform::drive(&mut app, &mut book, effects);
        assert!(app.demo && app.sample.is_some(), "still on the sample");
        assert!(app.status.as_ref().unwrap().error);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "my notes, not a book\n"
        );
        // A path in a folder that does not exist (given by --db) is refused.
        app.sample.as_mut().unwrap().own_book = Setting {
            value: tmp.path().join("nope").join("book.db"),
            source: crate::config::Source::Flag("--db"),
        };
        let effects = update(&mut app, Input::Action(Action::StartOwnBook));
        crate::ui::perform::drive(&mut app, &mut book, effects);
        assert!(app.demo);
        assert!(app.status.as_ref().unwrap().text.contains("no folder"));
        // A new book in an existing folder is started, and opened.
        let own = tmp.path().join("mine.db");
        app.sample.as_mut().unwrap().own_book = Setting::default(own.clone());
        let effects = update(&mut app, Input::Action(Action::StartOwnBook));
        crate::ui::perform::drive(&mut app, &mut book, effects);
        assert!(!app.demo);
        assert_eq!(book.path(), own.as_path());
        assert!(app.book_is_empty);
    }

    #[test]
    fn the_key_opens_the_own_book_only_from_a_demo() {
        let mut app = demo_app();
        let effects = update(&mut app, Input::Action(Action::StartOwnBook));
        assert_eq!(
            effects,
            vec![Effect::OpenOwnBook(app.sample.clone().unwrap().own_book)]
        );
        app.sample = None;
        app.demo = false;
        assert!(update(&mut app, Input::Action(Action::StartOwnBook)).is_empty());
        assert!(app.status.is_some());
    }
}

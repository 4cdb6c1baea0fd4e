//! The run loop: the only cockpit code that touches the terminal.
//!
//! It blocks on terminal events; between them it wakes about once a second
//! only to notice another process's writes (`data_version`), the clock
//! crossing a minute, or a quit signal, and redraws only when something
//! changed.

use chrono::{DateTime, Local, Timelike};
use crossterm::event::{self, Event, KeyEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::demo::SampleBook;
use super::editor;
use super::effect::Effect;
use super::fault::Fault;
use super::fold::on_outcome;
use super::paste::on_paste;
use super::perform::{drive, load};
use super::profile::ask_on_first_run;
use super::state::App;
use super::team_sync::{Worker, on_sync};
use super::terminal;
use super::update::on_key;
use super::view::{self, theme::Theme};
use crate::app::{AppError, Context};
use crate::store::{self, Book};

/// How often the loop wakes without input to look for outside changes.
const WAKE: Duration = Duration::from_millis(1000);

/// How often the loop wakes while a team sync thread may have news.
const SYNC_WAKE: Duration = Duration::from_millis(200);

/// How a cockpit session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ended {
    /// True when it ended on a sample book (the user never left it for
    /// their own).
    pub on_sample: bool,
}

/// Opens the cockpit on `book` until the user quits or a signal asks to stop;
/// `sample` marks a sample book that is discarded afterwards (the user may
/// leave it for their own book meanwhile).
pub fn run(
    mut book: Book,
    ctx: Context,
    fixed_now: Option<DateTime<Local>>,
    sample: Option<SampleBook>,
) -> Result<Ended, AppError> {
    // SIGTERM, SIGINT and SIGQUIT end the loop so the terminal is restored;
    // a second one ends the process at once. SIGHUP (the terminal closed)
    // ends the loop too, so what follows the loop still runs (a demo book is
    // removed), but never at once on a second one: the kernel and the shell
    // may each send one. (A write in progress is one SQLite transaction
    // either way: it commits whole or not at all.)
    let stop = Arc::new(AtomicBool::new(false));
    let no_handler =
        |e: std::io::Error| AppError::Refused(format!("could not install a signal handler: {e}"));
    for signal in [SIGTERM, SIGINT, SIGQUIT] {
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))
            .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&stop)))
            .map_err(no_handler)?;
    }
    signal_hook::flag::register(SIGHUP, Arc::clone(&stop)).map_err(no_handler)?;
    let now = fixed_now.unwrap_or_else(Local::now);
    // The keys in force: the defaults with config.toml's `[keys]` (what
    // was wrong with them is among the warnings shown below).
    super::keymap::install(super::keys_config::resolve(&ctx.config.keys).0);
    let mut app = App::new(ctx, now, fixed_now.is_some());
    app.demo = sample.is_some();
    app.sample = sample;
    // Load before the terminal switches screens, so a broken book is a
    // plain error on the normal screen.
    load(&mut app, &mut book)?;
    // A new book of their own: who signs the scripts?
    ask_on_first_run(&mut app);
    // What is wrong with the configuration also went to stderr, now hidden
    // by the cockpit's screen: say it where the user looks.
    if let Some(first) = app.ctx.warnings.first() {
        let message = match app.ctx.warnings.len() {
            1 => format!("{first} (see followup config)"),
            n => format!("{n} warnings, see followup config; first: {first}"),
        };
        app.error(message);
    }
    let theme = Theme::from_env();
    let fault = Fault::from_env();
    let mut seen_version = store::data_version(book.conn())?;
    // The team's sync runs on its own thread with its own connection
    // (never on a sample book).
    let mut worker = start_sync(&app, &book, fixed_now);

    // Given back when dropped, however this function ends.
    let mut terminal = terminal::take(Arc::clone(&stop))?;
    let mut dirty = true;
    // The log is copied into the book while the user pauses, not in
    // whichever keystroke's commit finds it full.
    let mut checkpoints = store::IdleCheckpoints::default();
    while !app.should_quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            if let Ok(size) = terminal.size() {
                app.page = view::page_rows(&app, size.width, size.height).max(1);
            }
            terminal
                .draw(|frame| view::draw(frame, &app, &theme))
                .map_err(|e| AppError::Refused(format!("cannot draw: {e}")))?;
            dirty = false;
        }
        // With a sync thread, wake often enough that its news shows promptly.
        let wake = if worker.is_some() { SYNC_WAKE } else { WAKE };
        let ready = event::poll(wake)
            .map_err(|e| AppError::Refused(format!("cannot read the keyboard: {e}")))?;
        if !ready {
            // A pause: the moment to move the log into the book. One that
            // fails (another process busy) leaves it to SQLite's own.
            let _ = checkpoints.idle(&book);
        }
        if ready {
            match event::read()
                .map_err(|e| AppError::Refused(format!("cannot read the keyboard: {e}")))?
            {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let Some(fault) = fault
                        && fault.trigger(&key, &book)?
                    {
                        continue;
                    }
                    let effects = on_key(&mut app, key);
                    let effects = with_terminal(&mut terminal, &mut app, effects);
                    drive(&mut app, &mut book, effects);
                    dirty = true;
                }
                Event::Paste(text) => {
                    let effects = on_paste(&mut app, &text);
                    drive(&mut app, &mut book, effects);
                    dirty = true;
                }
                Event::Resize(_, _) => dirty = true,
                Event::FocusGained => {
                    refresh(&mut app, &mut book);
                    dirty = true;
                }
                _ => {}
            }
        }
        if worker.is_none() && app.sample.is_none() {
            // The user left the sample book for their own.
            worker = start_sync(&app, &book, fixed_now);
        }
        if let Some(worker) = &worker {
            if std::mem::take(&mut app.team_sync_wanted) {
                worker.request();
            }
            while let Ok(message) = worker.messages.try_recv() {
                let effects = on_sync(&mut app, message);
                if !effects.is_empty() {
                    // These read everything written so far, the sync's
                    // changes included: no second reload below for them.
                    seen_version = store::data_version(book.conn()).unwrap_or(seen_version);
                }
                drive(&mut app, &mut book, effects);
                dirty = true;
            }
        }
        // Another terminal wrote the book, or the clock moved on: reload.
        let version = store::data_version(book.conn()).unwrap_or(seen_version);
        let minute_passed = !app.clock_fixed && Local::now().minute() != app.now.minute();
        if version != seen_version || minute_passed {
            seen_version = version;
            refresh(&mut app, &mut book);
            dirty = true;
        }
    }
    Ok(Ended {
        on_sample: app.sample.is_some(),
    })
}

/// Performs the effects that need the terminal (the external editor) and
/// folds what came of them; returns the others, for the book.
fn with_terminal(
    terminal: &mut terminal::TerminalGuard,
    app: &mut App,
    effects: Vec<Effect>,
) -> Vec<Effect> {
    let mut rest = Vec::new();
    for effect in effects {
        match effect {
            Effect::EditText { field, text } => {
                let outcome = editor::perform(terminal, field, &text);
                rest.extend(on_outcome(app, outcome));
            }
            other => rest.push(other),
        }
    }
    rest
}

/// The team's sync thread, when `[team] server` is set and the book is the
/// user's own (a sample book is never synced).
fn start_sync(app: &App, book: &Book, fixed_now: Option<DateTime<Local>>) -> Option<Worker> {
    let server = app.ctx.config.team_server.value.as_ref()?;
    if app.sample.is_some() {
        return None;
    }
    Some(Worker::start(
        book.path().to_path_buf(),
        app.ctx.author().map(str::to_string),
        server.clone(),
        app.ctx.config.team_sync_every.value,
        app.ctx.config.team_timeout.value,
        fixed_now.map(|n| n.to_utc()),
    ))
}

fn refresh(app: &mut App, book: &mut Book) {
    if !app.clock_fixed {
        app.now = Local::now();
    }
    // The open Team screen too: its figures move with the clock and with
    // what another terminal's `followup sync` brought.
    let mut effects = vec![Effect::Reload];
    effects.extend(super::team_screen::reread(app));
    drive(app, book, effects);
}

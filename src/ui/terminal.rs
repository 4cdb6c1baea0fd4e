//! The cockpit's hold on the terminal: taken once, given back as it was
//! found on every way out, and let go of when the terminal goes away.

use crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, EnableBracketedPaste, EnableFocusChange,
};
use ratatui::DefaultTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once};

use crate::app::AppError;

/// True while the terminal reports focus changes and brackets pastes:
/// whoever turns reporting off first (the guard, the panic hook) clears it,
/// so it is done once.
static FOCUS_REPORTING: AtomicBool = AtomicBool::new(false);

/// True when standard input is the terminal (crossterm reads it then), so
/// it can be watched for a hang-up. Noted when the terminal is taken: once
/// hung up, it no longer even reads as a terminal.
static WATCH_STDIN: AtomicBool = AtomicBool::new(false);

/// Turns focus reporting and bracketed paste off if they are on.
fn stop_focus_reporting() {
    if FOCUS_REPORTING.swap(false, Ordering::SeqCst) {
        let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste, DisableFocusChange);
    }
}

/// The terminal, taken: raw mode, the alternate screen, focus reporting,
/// bracketed paste.
/// Dropping it gives everything back: on quit, on an error returned with
/// `?`, and while unwinding from a panic. (The panic hook does it too, before
/// the panic message is printed, and covers an aborting panic.)
pub struct TerminalGuard {
    terminal: DefaultTerminal,
}

impl std::ops::Deref for TerminalGuard {
    type Target = DefaultTerminal;

    fn deref(&self) -> &DefaultTerminal {
        &self.terminal
    }
}

impl std::ops::DerefMut for TerminalGuard {
    fn deref_mut(&mut self) -> &mut DefaultTerminal {
        &mut self.terminal
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        silence_if_gone();
        stop_focus_reporting();
        // A terminal that cannot be restored is no reason to fail.
        let _ = ratatui::try_restore();
        // `terminal` is dropped next: it shows the cursor again.
    }
}

impl TerminalGuard {
    /// Lends the terminal to another program (the external editor) for the
    /// length of `run`: gives everything back as [`take`] found it (focus
    /// reporting, bracketed paste, the alternate screen, raw mode, the
    /// cursor), then takes it again and has the next draw repaint it all.
    pub fn lend<T>(&mut self, run: impl FnOnce() -> T) -> std::io::Result<T> {
        stop_focus_reporting();
        ratatui::try_restore()?;
        let _ = self.terminal.show_cursor();
        let result = run();
        crossterm::terminal::enable_raw_mode()?;
        crossterm::execute!(std::io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
        FOCUS_REPORTING.store(true, Ordering::SeqCst);
        crossterm::execute!(std::io::stdout(), EnableFocusChange, EnableBracketedPaste)?;
        let _ = self.terminal.hide_cursor();
        // A blank screen, and no memory of the last frame: the next draw
        // paints everything. (`Terminal::clear` would ask the terminal
        // where its cursor is, an answer some never send.)
        crossterm::execute!(
            std::io::stdout(),
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        self.terminal.swap_buffers();
        Ok(result)
    }
}

/// Takes the terminal (see [`TerminalGuard`]). Should it hang up (its window
/// closed), `stop` is raised and the terminal let go of (see [`watch`]).
pub fn take(stop: Arc<AtomicBool>) -> Result<TerminalGuard, AppError> {
    let terminal = ratatui::try_init()
        .map_err(|e| AppError::Refused(format!("cannot use this terminal: {e}")))?;
    let guard = TerminalGuard { terminal };
    let stdin_is_terminal = std::io::IsTerminal::is_terminal(&std::io::stdin());
    WATCH_STDIN.store(stdin_is_terminal, Ordering::SeqCst);
    install_panic_hook();
    // Marked first: a sequence written in part is undone all the same.
    FOCUS_REPORTING.store(true, Ordering::SeqCst);
    // Bracketed paste: a pasted text arrives as one event for the focused
    // field, never as keystrokes that could run commands or submit a form.
    let _ = crossterm::execute!(std::io::stdout(), EnableFocusChange, EnableBracketedPaste);
    #[cfg(unix)]
    if stdin_is_terminal {
        // Blocked in poll(2) until the hang-up: no cost while the cockpit runs.
        let _ = std::thread::Builder::new()
            .name("hang-up watch".into())
            .spawn(move || watch(&stop));
    }
    #[cfg(not(unix))]
    let _ = stop;
    Ok(guard)
}

/// Turns focus reporting off before the hook in place (ratatui's, which
/// leaves the alternate screen) prints the panic.
fn install_panic_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            silence_if_gone();
            stop_focus_reporting();
            previous(info);
        }));
    });
}

/// True when poll(2) says the terminal (standard input) has hung up, waiting
/// for that as long as `block`. (With no events asked for, poll only ever
/// wakes for a hang-up or an error.)
#[cfg(unix)]
fn hung_up(block: bool) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    let zero = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    loop {
        let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
        match poll(&mut fds, if block { None } else { Some(&zero) }) {
            Ok(0) if !block => return false,
            Ok(_) => {
                let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
                if fds[0].revents().intersects(gone) {
                    return true;
                }
                if !block {
                    return false;
                }
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return false,
        }
    }
}

/// Waits for the terminal to hang up, then lets go of it: raises `stop` for
/// the run loop, points output at /dev/null (see [`silence_if_gone`]) and
/// replaces the input with an empty pipe that never has anything to read.
///
/// crossterm's reader retries at once, forever, when a read of the
/// terminal ends without a byte, which every read of a hung-up terminal
/// does: it would spin inside `event::poll`, never returning to the loop to
/// see `stop`. Reading the empty pipe instead, it is told "nothing yet" and
/// returns when its timeout is up.
#[cfg(unix)]
fn watch(stop: &AtomicBool) {
    if !hung_up(true) {
        return;
    }
    stop.store(true, Ordering::SeqCst);
    silence();
    /// The pipe's write end, kept open for good: closed, the pipe would
    /// read as ended, which is just what must not happen.
    static WRITE_END: std::sync::OnceLock<rustix::fd::OwnedFd> = std::sync::OnceLock::new();
    if let Ok((read_end, write_end)) = rustix::pipe::pipe()
        && rustix::io::ioctl_fionbio(&read_end, true).is_ok()
    {
        let _ = rustix::stdio::dup2_stdin(&read_end);
        let _ = WRITE_END.set(write_end);
    }
}

/// Once the terminal has hung up, every write to it fails, and ratatui
/// (restoring it, showing the cursor) and the standard library (printing a
/// panic) panic when they cannot print to stderr: standard output and error
/// are pointed at /dev/null instead, so the way out (removing a demo book)
/// still runs.
fn silence_if_gone() {
    #[cfg(unix)]
    if WATCH_STDIN.load(Ordering::SeqCst) && hung_up(false) {
        silence();
    }
}

/// Points standard output and error at /dev/null.
#[cfg(unix)]
fn silence() {
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        let _ = rustix::stdio::dup2_stdout(&null);
        let _ = rustix::stdio::dup2_stderr(&null);
    }
}

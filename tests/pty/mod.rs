//! Runs the real `followup` binary in a pseudo-terminal and reads its screen
//! through a terminal emulator (vt100), as a user would see it.

#![allow(dead_code)]

mod fixture;

#[allow(unused_imports)] // not every test file uses the fixture
pub use fixture::{Fixture, NOW};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something before failing.
const PATIENCE: Duration = Duration::from_secs(15);

/// A running cockpit.
pub struct Cockpit {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// `None` once the terminal is hung up.
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    /// Tells the reader to close the terminal's master side.
    hang_up: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Cockpit {
    /// Starts `followup ARGS` in a `cols`×`rows` terminal with `env`.
    pub fn start(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Cockpit {
        Cockpit::start_program(env!("CARGO_BIN_EXE_followup"), args, env, cols, rows)
    }

    /// Starts `program ARGS` (which runs followup) in a `cols`×`rows`
    /// terminal with `env`.
    pub fn start_program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Cockpit {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("FOLLOWUP_DB");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn followup");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        // A plain copy of the master's descriptor: portable-pty's own writer
        // types Enter and Ctrl-D when dropped, which `hang_up` must not.
        let writer: Box<dyn Write + Send> = match pty.master.as_raw_fd() {
            Some(fd) => Box::new(filedescriptor::FileDescriptor::dup(&Fd(fd)).expect("pty writer")),
            None => pty.master.take_writer().expect("pty writer"),
        };
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows"),
            std::num::NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let hang_up = Arc::new(AtomicBool::new(false));
        let h = Arc::clone(&hang_up);
        // Keep the master alive in the reader thread: dropping it (with the
        // reader) hangs up the terminal, which `hang_up` asks for. The thread
        // waits for output in short polls so it can notice that request.
        let master = pty.master;
        let master_fd = master.as_raw_fd();
        let reader_thread = std::thread::spawn(move || {
            let _master = master;
            let mut buf = [0u8; 8192];
            loop {
                if h.load(Ordering::SeqCst) {
                    break;
                }
                if let Some(fd) = master_fd {
                    let mut fds = [filedescriptor::pollfd {
                        fd,
                        events: filedescriptor::POLLIN,
                        revents: 0,
                    }];
                    match filedescriptor::poll(&mut fds, Some(Duration::from_millis(50))) {
                        Ok(0) => continue,
                        Ok(_) => {}
                        Err(_) => break,
                    }
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Cockpit {
            parser,
            raw,
            writer: Some(writer),
            child,
            hang_up,
            reader: Some(reader_thread),
        }
    }

    /// Closes the terminal, as closing its window does: the program gets
    /// SIGHUP and its terminal reads end. Output written afterwards is lost.
    pub fn hang_up(&mut self) {
        self.writer = None;
        self.hang_up.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the pty reader thread");
        }
    }

    /// The screen's text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Every byte the program wrote to the terminal so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// True while the program is on the alternate screen.
    pub fn on_alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Waits until the screen shows `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("screen shows {text:?}"), |s| s.contains(text))
    }

    /// Waits until `check` holds for the screen text.
    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting until {what}; the screen is:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is still open");
        writer
            .write_all(keys.as_bytes())
            .expect("type into the pty");
        writer.flush().expect("flush the pty");
    }

    /// Waits for the program to exit; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                // Let the reader drain what was written before exiting.
                let drained = Instant::now() + Duration::from_secs(2);
                while self.reader.is_some()
                    && self.on_alternate_screen()
                    && Instant::now() < drained
                {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("followup did not exit; the screen is:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap_or(0)
    }
}

impl Drop for Cockpit {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// A borrowed file descriptor number, to duplicate.
struct Fd(std::os::fd::RawFd);

impl std::os::fd::AsRawFd for Fd {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        self.0
    }
}

/// The row index at which `text` first appears on `screen`.
pub fn row_of(screen: &str, text: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(text))
}

/// Runs the CLI against `db` (at a fixed now) and returns stdout; panics on failure.
pub fn cli(db: &Path, config: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_followup"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FOLLOWUP_DB")
        .env("FOLLOWUP_CONFIG_DIR", config)
        .env("TZ", "America/Toronto")
        .output()
        .expect("run followup");
    assert!(
        out.status.success(),
        "followup {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

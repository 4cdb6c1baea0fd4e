//! However the cockpit ends — an error, a signal, its terminal closing — the
//! terminal is given back as it was found, and a demo book leaves no files.

mod pty;

use pty::{Cockpit, Fixture, NOW};
use std::path::Path;

/// A book with one prospect due today.
fn fixture() -> Fixture {
    let f = Fixture::new();
    f.cli(&["add", "Grace Hopper", "--next", "today 10am"]);
    f
}

/// The cockpit on the book with extra environment.
fn cockpit(f: &Fixture, env: &[(&str, &str)]) -> Cockpit {
    let cockpit = f.cockpit_with(env, 110, 32);
    cockpit.wait_for("Grace Hopper");
    cockpit
}

/// The cockpit on a demo book, with temporary files in `tmp`.
fn demo(f: &Fixture, tmp: &Path) -> Cockpit {
    demo_under(f, tmp, None)
}

/// The cockpit on a demo book, with temporary files in `tmp`, started
/// by `shell` (then the shell, not followup, leads the terminal's session).
fn demo_under(f: &Fixture, tmp: &Path, shell: Option<&str>) -> Cockpit {
    let env = [
        ("FOLLOWUP_CONFIG_DIR", f.config.to_str().unwrap()),
        ("TZ", "America/Toronto"),
        ("TMPDIR", tmp.to_str().unwrap()),
    ];
    let args = ["--demo", "--now", NOW];
    let cockpit = match shell {
        None => Cockpit::start(&args, &env, 110, 32),
        Some(shell) => {
            // `; true` keeps the shell from replacing itself with followup.
            let script = "\"$0\" \"$@\"; true";
            let all = [&["-c", script, env!("CARGO_BIN_EXE_followup")][..], &args].concat();
            Cockpit::start_program(shell, &all, &env, 110, 32)
        }
    };
    cockpit.wait_for("Due today");
    assert!(!demo_files(tmp).is_empty(), "the demo book is in TMPDIR");
    cockpit
}

/// Where `needle` last occurs in `raw`.
fn last(raw: &[u8], needle: &[u8]) -> Option<usize> {
    raw.windows(needle.len()).rposition(|w| w == needle)
}

/// The terminal was restored: off the alternate screen, focus reporting
/// turned off after it was turned on.
fn assert_restored(cockpit: &Cockpit, what: &str) {
    assert!(
        !cockpit.on_alternate_screen(),
        "{what}: still on the alternate screen"
    );
    let raw = cockpit.raw();
    assert!(
        last(&raw, b"\x1b[?1049l").is_some(),
        "{what}: alternate screen not left"
    );
    let on = last(&raw, b"\x1b[?1004h").expect("focus reporting turned on");
    assert!(
        last(&raw, b"\x1b[?1004l").is_some_and(|off| off > on),
        "{what}: focus reporting left on"
    );
}

/// The demo book's files (`followup-demo-*`) in `tmp`.
fn demo_files(tmp: &Path) -> Vec<String> {
    std::fs::read_dir(tmp)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("followup-demo-"))
        .collect()
}

fn kill(signal: &str, pid: u32) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal}");
}

#[test]
fn an_error_ending_the_cockpit_restores_the_terminal() {
    let f = fixture();
    let mut cockpit = cockpit(&f, &[("FOLLOWUP_TEST_FAULT", "error-on:Z")]);
    cockpit.send("Z");
    assert_eq!(cockpit.wait_exit(), 1, "an error exits with status 1");
    assert_restored(&cockpit, "error");
    // The error, as one line on the normal screen.
    cockpit.wait_for("followup: test fault");
}

#[test]
fn sigquit_restores_the_terminal() {
    let f = fixture();
    let mut cockpit = cockpit(&f, &[]);
    kill("QUIT", cockpit.pid());
    assert_eq!(cockpit.wait_exit(), 0);
    assert_restored(&cockpit, "SIGQUIT");
}

#[test]
fn a_demo_ended_by_sighup_leaves_no_files() {
    let f = fixture();
    let tmp = f.dir().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let mut cockpit = demo(&f, &tmp);
    kill("HUP", cockpit.pid());
    cockpit.wait_exit();
    assert_eq!(demo_files(&tmp), Vec::<String>::new());
}

#[test]
fn a_demo_whose_terminal_closes_ends_and_leaves_no_files() {
    let f = fixture();
    let tmp = f.dir().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let mut cockpit = demo(&f, &tmp);
    // The kernel sends SIGHUP, and every read of the terminal ends at once:
    // the cockpit must neither spin on it nor be killed before cleaning up.
    cockpit.hang_up();
    let code = cockpit.wait_exit();
    eprintln!("DEBUG exit {code}");
    assert_eq!(demo_files(&tmp), Vec::<String>::new());
}

#[test]
fn a_demo_orphaned_by_its_terminal_closing_ends_and_leaves_no_files() {
    let f = fixture();
    let tmp = f.dir().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let mut cockpit = demo_under(&f, &tmp, Some("sh"));
    let shell = cockpit.pid();
    let children = format!("/proc/{shell}/task/{shell}/children");
    let pid: u32 = std::fs::read_to_string(&children)
        .unwrap()
        .trim()
        .parse()
        .expect("followup is the shell's one child");
    // Should the test fail, followup is not left running.
    struct KillOnDrop(u32);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let cmdline = std::fs::read(format!("/proc/{}/cmdline", self.0)).unwrap_or_default();
            if String::from_utf8_lossy(&cmdline).contains("followup") {
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", &self.0.to_string()])
                    .status();
            }
        }
    }
    let _orphan = KillOnDrop(pid);
    // The shell, leading the session, dies of the hang-up: followup, left
    // orphaned, must end and clean up by itself.
    cockpit.hang_up();
    cockpit.wait_exit();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat"));
        if state.is_err() || state.is_ok_and(|s| s.contains(") Z ")) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "followup is still running after its terminal closed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(demo_files(&tmp), Vec::<String>::new());
}

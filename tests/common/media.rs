//! Read-only media in tests, as real for root as for anyone else, and
//! tests that say why when they cannot run.

#[cfg(unix)]
use std::path::{Path, PathBuf};

#[cfg(unix)]
use super::mode;

/// True when the tests run as root, who ignores file permission bits (CI
/// does). Files are created with the effective user id, so a new file says.
#[cfg(unix)]
pub fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::tempfile().expect("a temporary file");
    probe.metadata().expect("its metadata").uid() == 0
}

/// For a test that cannot set up what it needs on this machine. Under CI
/// (`CI` set), which must run every test, it fails; elsewhere it prints why
/// on stderr so the skip is never silent. (Straight to stderr, not through
/// `eprintln!`, which the test harness captures and hides on success.)
pub fn cannot_run(test: &str, why: &str) {
    use std::io::Write;
    if std::env::var_os("CI").is_some() {
        panic!("{test} cannot run here ({why}), and CI must run it");
    }
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// Files and folders made read-only in a way this process cannot bypass,
/// like read-only media; undone on drop (even when the test panics).
///
/// A normal user gets permission bits (0400 files, 0500 folders). Root
/// ignores those, so for root it sets the immutable attribute
/// (`chattr +i`), which root's writes obey too.
#[cfg(unix)]
pub struct ReadOnlyMedia {
    immutable: Vec<PathBuf>,
    modes: Vec<(PathBuf, u32)>,
}

#[cfg(unix)]
impl ReadOnlyMedia {
    /// Makes `paths` read-only, and checks that it took: writing into each
    /// folder and opening each file for writing must fail. `Err` says why
    /// that is impossible here.
    pub fn make(paths: &[&Path]) -> Result<ReadOnlyMedia, String> {
        use std::os::unix::fs::PermissionsExt;
        let mut media = ReadOnlyMedia {
            immutable: Vec::new(),
            modes: Vec::new(),
        };
        let root = running_as_root();
        for path in paths {
            if root {
                let out = std::process::Command::new("chattr")
                    .arg("+i")
                    .arg(path)
                    .output()
                    .map_err(|e| format!("running as root, and `chattr` cannot run: {e}"))?;
                if !out.status.success() {
                    return Err(format!(
                        "running as root, and `chattr +i {}` failed ({}); the immutable \
                         attribute is the only read-only root cannot bypass",
                        path.display(),
                        String::from_utf8_lossy(&out.stderr).trim()
                    ));
                }
                media.immutable.push(path.to_path_buf());
            } else {
                let old = mode(path);
                let new = if path.is_dir() { 0o500 } else { 0o400 };
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(new))
                    .map_err(|e| format!("chmod {}: {e}", path.display()))?;
                media.modes.push((path.to_path_buf(), old));
            }
        }
        for path in paths {
            let writable = if path.is_dir() {
                let probe = path.join("probe-for-write");
                let made = std::fs::write(&probe, "x").is_ok();
                let _ = std::fs::remove_file(&probe);
                made
            } else {
                std::fs::OpenOptions::new().write(true).open(path).is_ok()
            };
            if writable {
                return Err(format!(
                    "{} is still writable after making it read-only",
                    path.display()
                ));
            }
        }
        Ok(media)
    }
}

#[cfg(unix)]
impl Drop for ReadOnlyMedia {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        for path in self.immutable.iter().rev() {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(path)
                .output();
        }
        for (path, old) in self.modes.iter().rev() {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(*old));
        }
    }
}

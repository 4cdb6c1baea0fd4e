//! The book's files on disk: created private, never through a symbolic
//! link, tightened when found open to others, and copies published without
//! ever replacing a file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;

/// The book's companions SQLite keeps beside it in WAL mode; they hold the
/// same personal data as the book.
const COMPANIONS: [&str; 2] = ["-wal", "-shm"];

/// Makes sure a book file exists at `path` for a command that writes:
/// creates its folder (0700) and an empty file (0600) if there is none, so
/// the book is never readable by others, even for an instant.
///
/// A symbolic link is followed only to a file that exists: creating one
/// through a dangling link would put the book wherever the link points,
/// with whatever permissions that place gives. The file is created with
/// `create_new` (`O_EXCL`), which never follows a link, so a link that
/// appears meanwhile makes it fail rather than write through it.
pub(super) fn create_private(path: &Path) -> Result<(), StoreError> {
    if require_existing(path)? {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        create_private_dir(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    match private_file(path) {
        Ok(_) => Ok(()),
        // Something appeared meanwhile (another followup creating the
        // book, or a link): judge it like any existing path.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => require_existing(path).map(|_| ()),
        Err(e) => Err(open_error(path, e)),
    }
}

/// Checks what is at `path` before opening it: `true` for a file (or a
/// link to one), `false` for nothing at all; a dangling link or a folder
/// is refused.
pub(super) fn require_existing(path: &Path) -> Result<bool, StoreError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(open_error(path, e)),
    };
    let target = if meta.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(target) => target,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::DanglingLink(path.to_path_buf()));
            }
            Err(e) => return Err(open_error(path, e)),
        }
    } else {
        meta
    };
    if target.is_dir() {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            reason: "it is a folder, not a file".into(),
        });
    }
    Ok(true)
}

/// Creates `dir` and any missing parents, readable by the owner only.
pub(super) fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Creates a new, empty file readable by the owner only; fails if anything
/// (a file or a link, even a dangling one) is at `path`.
fn private_file(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Removes the group and other permission bits of the book and its -wal
/// and -shm files. Returns what to tell the user: that it tightened them,
/// or (read-only media, someone else's file) that it could not.
///
/// The book holds customers' personal data; a book copied in with `cp` or
/// made under a lax umask by an older release must not stay readable by
/// every account on the machine. This changes who may read the file, not
/// what it holds, so commands that only read do it too.
pub(super) fn tighten(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut changed = None;
        let mut failed = None;
        let files = std::iter::once(path.to_path_buf()).chain(companions(path));
        for file in files {
            // The book may be reached through a link (to an existing file);
            // its companions are SQLite's and never links of ours.
            let meta = if file == path {
                fs::metadata(&file)
            } else {
                fs::symlink_metadata(&file)
            };
            let Ok(meta) = meta else { continue };
            let mode = meta.permissions().mode() & 0o777;
            if !meta.is_file() || mode & 0o077 == 0 {
                continue;
            }
            let tight = mode & 0o700;
            match fs::set_permissions(&file, fs::Permissions::from_mode(tight)) {
                Ok(()) => changed = changed.or(Some(tight)),
                Err(e) => failed = failed.or(Some((mode, e))),
            }
        }
        if let Some((mode, e)) = failed {
            return Some(format!(
                "warning: {} can be read by other users (mode {mode:04o}) and its permissions could not be tightened ({e})",
                path.display()
            ));
        }
        changed.map(|tight| {
            format!(
                "tightened permissions of {} to {tight:04o} (it holds customers' personal data)",
                path.display()
            )
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The -wal and -shm paths of the book at `path`.
pub(super) fn companions(path: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    COMPANIONS.iter().map(move |suffix| {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    })
}

/// Checks that a copy may be written at `dest`: nothing is there, or only
/// an empty file (left by a failed backup of an older release, which
/// created the file before copying). Links are refused, dangling or not: a
/// copy is never written through one.
pub(super) fn require_free(dest: &Path) -> Result<(), StoreError> {
    match fs::symlink_metadata(dest) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(open_error(dest, e)),
        Ok(meta) if meta.file_type().is_symlink() => {
            if fs::metadata(dest).is_err() {
                Err(StoreError::DanglingLink(dest.to_path_buf()))
            } else {
                Err(StoreError::Exists(dest.to_path_buf()))
            }
        }
        Ok(meta) if meta.is_file() && meta.len() == 0 => Ok(()),
        Ok(_) => Err(StoreError::Exists(dest.to_path_buf())),
    }
}

/// A new private file in `dir` (created 0700 if missing) for building a
/// copy before [`publish`] gives it its name; removed when dropped.
pub(super) fn temp_beside(dir: &Path, name: &str) -> Result<tempfile::NamedTempFile, StoreError> {
    if !dir.exists() {
        create_private_dir(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    // tempfile creates files 0600 with O_EXCL.
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(|e| open_error(dir, e))
}

/// Gives the complete file `temp` the name `dest` without ever replacing
/// anything: a hard link fails if `dest` exists (a link included), where a
/// rename would silently overwrite it. An empty leftover at `dest` (see
/// [`require_free`]) is removed first. Then the folder is synced, so the
/// new name survives a power cut.
pub(super) fn publish(temp: &Path, dest: &Path) -> Result<(), StoreError> {
    require_free(dest)?;
    if let Ok(meta) = fs::symlink_metadata(dest)
        && meta.is_file()
        && meta.len() == 0
    {
        fs::remove_file(dest).map_err(|e| open_error(dest, e))?;
    }
    match fs::hard_link(temp, dest) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(StoreError::Exists(dest.to_path_buf()));
        }
        // Some file systems (FAT, some network mounts) have no hard links:
        // rename after checking again that nothing is there; only a file
        // created in that instant could be replaced.
        Err(_) => {
            require_free(dest)?;
            fs::rename(temp, dest).map_err(|e| open_error(dest, e))?;
        }
    }
    sync_dir(dest);
    Ok(())
}

/// Syncs the folder holding `path`, so a new name in it is durable. Best
/// effort: not every platform can open a folder for this.
fn sync_dir(path: &Path) {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if let Ok(dir) = fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}

fn open_error(path: &Path, e: io::Error) -> StoreError {
    StoreError::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_dangling_link_is_refused_and_its_target_never_created() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("book.db");
        symlink("elsewhere.db", &link).unwrap();
        let err = create_private(&link).unwrap_err();
        assert!(matches!(err, StoreError::DanglingLink(_)), "{err:?}");
        assert!(!dir.path().join("elsewhere.db").exists());
        let err = require_free(&link).unwrap_err();
        assert!(matches!(err, StoreError::DanglingLink(_)), "{err:?}");
    }

    #[test]
    fn tightening_removes_group_and_other_bits_only() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book.db");
        fs::write(&book, "x").unwrap();
        let wal = dir.path().join("book.db-wal");
        fs::write(&wal, "x").unwrap();
        fs::set_permissions(&book, fs::Permissions::from_mode(0o644)).unwrap();
        fs::set_permissions(&wal, fs::Permissions::from_mode(0o640)).unwrap();
        let notice = tighten(&book).unwrap();
        assert!(notice.contains("0600"), "{notice}");
        assert_eq!(mode(&book), 0o600);
        assert_eq!(mode(&wal), 0o600);
        assert_eq!(tighten(&book), None, "said once");
        fs::set_permissions(&book, fs::Permissions::from_mode(0o444)).unwrap();
        assert!(tighten(&book).unwrap().contains("0400"));
        assert_eq!(mode(&book), 0o400, "never adds a permission");
    }

    #[test]
    fn publishing_never_replaces_a_file_but_takes_an_empty_leftover() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("copy.db");
        fs::write(&dest, "").unwrap();
        let temp = temp_beside(dir.path(), "copy.db").unwrap();
        fs::write(temp.path(), "new").unwrap();
        publish(temp.path(), &dest).unwrap();
        assert_eq!(fs::read_to_string(&dest).unwrap(), "new");
        assert_eq!(mode(&dest), 0o600);
        let other = temp_beside(dir.path(), "copy.db").unwrap();
        fs::write(other.path(), "other").unwrap();
        let err = publish(other.path(), &dest).unwrap_err();
        assert!(matches!(err, StoreError::Exists(_)), "{err:?}");
        assert_eq!(fs::read_to_string(&dest).unwrap(), "new");
    }
}

//! Changing the `[profile]` of `config.toml` in place: only its keys change;
//! every other table, key and comment of the file is kept as it was.

use std::io::Write;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, value};

use super::{ConfigError, line_of};

/// A change to the salesperson's profile: `None` leaves a key as it is,
/// an empty (or blank) text removes it, any other text sets it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChange {
    /// `[profile] name`: who signs the scripts.
    pub name: Option<String>,
    /// `[profile] company`.
    pub company: Option<String>,
    /// `[profile] phone`.
    pub phone: Option<String>,
}

impl ProfileChange {
    /// True when it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.company.is_none() && self.phone.is_none()
    }
}

/// Writes `change` into `DIR/config.toml`, creating the folder (0700) and
/// the file (0600) when missing; returns the file's path. A file that is
/// not valid TOML is refused, naming its path and line, and left as it is.
pub fn write_profile(dir: &Path, change: &ProfileChange) -> Result<PathBuf, ConfigError> {
    let path = dir.join("config.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(ConfigError::Read { path, source }),
    };
    let edited =
        edit_profile(text.as_deref().unwrap_or_default(), change).map_err(|(line, message)| {
            ConfigError::NotToml {
                path: path.clone(),
                line,
                message,
            }
        })?;
    if text.as_deref() == Some(edited.as_str()) {
        return Ok(path);
    }
    create_private_dir(dir).map_err(|source| ConfigError::Write {
        path: path.clone(),
        source,
    })?;
    replace_file(&path, &edited).map_err(|source| ConfigError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// The text of a configuration file with `change` applied to its
/// `[profile]`, or the 1-based line and the reason it is not valid TOML.
pub fn edit_profile(text: &str, change: &ProfileChange) -> Result<String, (usize, String)> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        (line, e.message().trim().to_string())
    })?;
    if change.is_empty() {
        return Ok(text.to_string());
    }
    if !doc.contains_key("profile") {
        // A new table goes at the end, after what the file already has.
        let mut table = Table::new();
        table.set_implicit(false);
        doc.insert("profile", Item::Table(table));
    }
    // `[profile]`, `profile.name = …` or `profile = { … }` alike.
    let Some(profile) = doc.get_mut("profile").and_then(Item::as_table_like_mut) else {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("profile"))
            .map_or(1, |i| i + 1);
        return Err((line, "profile must be a table, [profile]".into()));
    };
    for (key, wanted) in [
        ("name", &change.name),
        ("company", &change.company),
        ("phone", &change.phone),
    ] {
        match wanted.as_deref().map(clean) {
            None => {}
            Some(v) if v.is_empty() => {
                profile.remove(key);
            }
            Some(v) => match profile.get_mut(key).and_then(Item::as_value_mut) {
                // Keep the comment after the old value.
                Some(old) => {
                    let decor = old.decor().clone();
                    *old = toml_edit::Value::from(v);
                    *old.decor_mut() = decor;
                }
                None => {
                    profile.insert(key, value(v));
                }
            },
        }
    }
    Ok(doc.to_string())
}

/// The text as it goes into the file: one line, no control characters,
/// no surrounding blanks.
fn clean(text: &str) -> String {
    crate::domain::text::sanitize_line(text).trim().to_string()
}

/// Creates `dir` (and its parents) private to the user when missing.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Replaces `path` with `text` whole: written beside it and renamed over
/// it, so a crash leaves the old file or the new one, never half of each.
/// The old file's permissions are kept (0600 for a new one); a symbolic
/// link is written through, to the file it names.
fn replace_file(path: &Path, text: &str) -> std::io::Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::Builder::new()
        .prefix(".config.toml.")
        .tempfile_in(folder)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    match std::fs::metadata(&target) {
        Ok(old) => file.as_file().set_permissions(old.permissions())?,
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                file.as_file()
                    .set_permissions(std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    file.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(name: &str, company: &str, phone: &str) -> ProfileChange {
        ProfileChange {
            name: Some(name.into()),
            company: Some(company.into()),
            phone: Some(phone.into()),
        }
    }

    const KEPT: &str = "# My settings, kept by hand.\n\
        [profile]\n\
        name = \"Old Name\"   # who signs\n\
        \n\
        [hours]\n\
        start = \"09:00\"  # we open late\n\
        end = \"17:00\"\n\
        \n\
        # Quiet after ten days.\n\
        [cockpit]\n\
        quiet_days = 10\n";

    #[test]
    fn only_the_profile_keys_change_and_comments_stay() {
        let out = edit_profile(KEPT, &set("Sam Carter", "Carter & Co", "555-0100")).unwrap();
        assert_eq!(
            out,
            "# My settings, kept by hand.\n\
             [profile]\n\
             name = \"Sam Carter\"   # who signs\n\
             company = \"Carter & Co\"\n\
             phone = \"555-0100\"\n\
             \n\
             [hours]\n\
             start = \"09:00\"  # we open late\n\
             end = \"17:00\"\n\
             \n\
             # Quiet after ten days.\n\
             [cockpit]\n\
             quiet_days = 10\n"
        );
    }

    #[test]
    fn a_missing_table_is_added_and_empty_values_remove_keys() {
        let out = edit_profile("[hours]\nstart = \"09:00\"\n", &set("Sam", "", "")).unwrap();
        assert!(out.starts_with("[hours]\nstart = \"09:00\"\n"), "{out}");
        assert!(out.contains("[profile]\nname = \"Sam\"\n"), "{out}");
        let out = edit_profile(
            &out,
            &ProfileChange {
                name: Some(" ".into()),
                ..ProfileChange::default()
            },
        )
        .unwrap();
        assert!(!out.contains("name"), "{out}");
        assert!(out.contains("start = \"09:00\""), "{out}");
        // Left alone: None changes nothing.
        let out = edit_profile(KEPT, &ProfileChange::default()).unwrap();
        assert_eq!(out, KEPT);
    }

    #[test]
    fn dotted_keys_and_inline_tables_are_changed_where_they_are() {
        let out = edit_profile("profile.name = \"Old\"\n", &set("New", "", "")).unwrap();
        assert_eq!(out, "profile.name = \"New\"\n");
        let out = edit_profile("profile = { name = \"Old\" }\n", &set("New", "", "")).unwrap();
        let parsed: toml::Table = toml::from_str(&out).unwrap();
        assert_eq!(parsed["profile"]["name"].as_str(), Some("New"), "{out}");
    }

    #[test]
    fn quotes_and_control_characters_cannot_break_the_file() {
        let out = edit_profile("", &set("Sam \"The Closer\"\u{1b}[2J", "A\nB", "")).unwrap();
        let parsed: toml::Table = toml::from_str(&out).unwrap();
        let profile = parsed["profile"].as_table().unwrap();
        assert_eq!(profile["name"].as_str(), Some("Sam \"The Closer\"[2J"));
        assert!(!profile["company"].as_str().unwrap().contains('\n'));
    }

    #[test]
    fn the_file_and_its_folder_are_created() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a").join("followup");
        let path = write_profile(&dir, &set("Sam Carter", "", "555-0100")).unwrap();
        assert_eq!(path, dir.join("config.toml"));
        let config = super::super::Config::load_from(&dir).unwrap();
        assert_eq!(config.my_name.value.as_deref(), Some("Sam Carter"));
        assert_eq!(config.my_phone.value.as_deref(), Some("555-0100"));
        assert_eq!(config.my_company.value, None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
    }

    #[test]
    fn an_existing_file_keeps_everything_else() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("config.toml");
        std::fs::write(&path, KEPT).unwrap();
        write_profile(tmp.path(), &set("Sam", "", "")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# My settings, kept by hand.\n"), "{text}");
        assert!(text.contains("start = \"09:00\"  # we open late"), "{text}");
        assert!(
            text.contains("# Quiet after ten days.\n[cockpit]"),
            "{text}"
        );
        let config = super::super::Config::load_from(tmp.path()).unwrap();
        assert_eq!(config.my_name.value.as_deref(), Some("Sam"));
        assert_eq!(config.quiet_days.value, 10);
    }

    #[test]
    fn a_file_that_is_not_toml_is_refused_naming_path_and_line() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("config.toml");
        let broken = "[profile]\nname = \"Sam\"\n\n[hours\nstart = \"09:00\"\n";
        std::fs::write(&path, broken).unwrap();
        let err = write_profile(tmp.path(), &set("Pat", "", ""))
            .unwrap_err()
            .to_string();
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains("line 4"), "{err}");
        assert!(!err.contains('\n'), "one sentence: {err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
        // A profile that is not a table is refused too.
        std::fs::write(&path, "# mine\nprofile = \"Sam\"\n").unwrap();
        let err = write_profile(tmp.path(), &set("Pat", "", ""))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2"), "{err}");
    }
}

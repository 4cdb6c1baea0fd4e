//! The series library: the built-in default plus the user's `*.toml` files.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::model::{Series, Step, StepKind};
use super::template::Template;

/// The built-in series, as shipped.
pub const DEFAULT_SERIES_TOML: &str = include_str!("../../assets/series/default.toml");

/// Name of the built-in series.
pub const DEFAULT_SERIES_NAME: &str = "default";

/// A series file that could not be used; it was skipped.
/// Displays as `PATH:LINE: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesFileError {
    /// The file (or folder) concerned.
    pub path: PathBuf,
    /// 1-based line of the problem (1 when it concerns the whole file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SeriesFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

impl std::error::Error for SeriesFileError {}

/// All series available, by name: the built-in `default` (unless a user file
/// replaces it) and every valid user file.
#[derive(Debug, Clone)]
pub struct SeriesLibrary {
    series: BTreeMap<String, (Series, Option<PathBuf>)>,
    builtin_default: Series,
}

/// The built-in default series. The shipped file is tested to be valid; the
/// minimal series below only guards against a broken build.
fn builtin_default() -> Series {
    Series::from_toml(DEFAULT_SERIES_TOML).unwrap_or_else(|_| Series {
        name: DEFAULT_SERIES_NAME.to_string(),
        description: "Minimal fallback series.".to_string(),
        steps: vec![
            Step {
                kind: StepKind::Voicemail,
                label: "Voicemail".to_string(),
                script: Template::literal("Leave a short message and say you will call again."),
                next: Some("next business day".to_string()),
            },
            Step {
                kind: StepKind::Final,
                label: "Final voicemail".to_string(),
                script: Template::literal("Thank them and say this is your last message."),
                next: None,
            },
        ],
    })
}

/// The 1-based line of the `name = ...` key in a series file (1 if not found).
fn name_line(text: &str) -> usize {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix("name")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

impl SeriesLibrary {
    /// Only the built-in series.
    pub fn builtin() -> SeriesLibrary {
        let builtin_default = builtin_default();
        let mut series = BTreeMap::new();
        series.insert(
            builtin_default.name.clone(),
            (builtin_default.clone(), None),
        );
        SeriesLibrary {
            series,
            builtin_default,
        }
    }

    /// The built-in series plus every `*.toml` file in `dir` (read in name
    /// order). A missing folder is fine. A file that cannot be read or is
    /// invalid is skipped and reported; a user file named like a built-in
    /// series replaces it; a second file with an already used name is skipped.
    pub fn load(dir: Option<&Path>) -> (SeriesLibrary, Vec<SeriesFileError>) {
        let mut lib = SeriesLibrary::builtin();
        let mut errors = Vec::new();
        let Some(dir) = dir else {
            return (lib, errors);
        };
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (lib, errors),
            Err(e) => {
                errors.push(SeriesFileError {
                    path: dir.to_path_buf(),
                    line: 1,
                    message: format!("cannot read the series folder: {e}"),
                });
                return (lib, errors);
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
                    && p.is_file()
            })
            .collect();
        paths.sort();
        let mut from_user: BTreeMap<String, PathBuf> = BTreeMap::new();
        for path in paths {
            let fail = |line, message| SeriesFileError {
                path: path.clone(),
                line,
                message,
            };
            let text = match fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    errors.push(fail(1, format!("cannot read the file: {e}")));
                    continue;
                }
            };
            let series = match Series::from_toml(&text) {
                Ok(s) => s,
                Err(e) => {
                    errors.push(fail(e.line_in(&text), e.message));
                    continue;
                }
            };
            if let Some(first) = from_user.get(&series.name) {
                errors.push(fail(
                    name_line(&text),
                    format!(
                        "series \"{}\" is already defined in {}; this file is skipped",
                        series.name,
                        first.display()
                    ),
                ));
                continue;
            }
            from_user.insert(series.name.clone(), path.clone());
            lib.series
                .insert(series.name.clone(), (series, Some(path.clone())));
        }
        (lib, errors)
    }

    /// The series with this name.
    pub fn get(&self, name: &str) -> Option<&Series> {
        self.series.get(name.trim()).map(|(s, _)| s)
    }

    /// The file a series was loaded from; `None` for a built-in series or an
    /// unknown name.
    pub fn path(&self, name: &str) -> Option<&Path> {
        self.series.get(name.trim()).and_then(|(_, p)| p.as_deref())
    }

    /// Every series name, in order.
    pub fn names(&self) -> Vec<&str> {
        self.series.keys().map(String::as_str).collect()
    }

    /// Every series, in name order.
    pub fn iter(&self) -> impl Iterator<Item = &Series> {
        self.series.values().map(|(s, _)| s)
    }

    /// The series new prospects follow: `default_name` if known, else the
    /// `default` series (possibly replaced by a user file), else the built-in
    /// default as shipped. Never fails. (An unknown `default_name` is
    /// reported by the application, see `Context::from_config`.)
    pub fn default_series(&self, default_name: &str) -> &Series {
        self.get(default_name)
            .or_else(|| self.get(DEFAULT_SERIES_NAME))
            .unwrap_or(&self.builtin_default)
    }

    /// The series a prospect follows: the one it names, or for `None` the
    /// [default](Self::default_series). `None` when the one it names is
    /// missing (its file is gone or did not load): the prospect is not
    /// quietly moved onto another series, whose steps would not be its own.
    pub fn resolve(&self, name: Option<&str>, default_name: &str) -> Option<&Series> {
        match name {
            Some(name) => self.get(name),
            None => Some(self.default_series(default_name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const VALID: &str = r#"name = "short"
description = "Two quick tries."

[[step]]
kind = "voicemail"
label = "Quick VM"
next = "next business day"
script = "Hi {first_name}, it's {my_name}."

[[step]]
kind = "final"
label = "Bye"
script = "Thanks {first_name}, call {my_phone} any time."
"#;

    fn write(dir: &Path, file: &str, text: &str) -> PathBuf {
        let p = dir.join(file);
        fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn builtin_default_is_valid() {
        let s = Series::from_toml(DEFAULT_SERIES_TOML).unwrap();
        assert_eq!(s.name, "default");
        s.validate().unwrap();
        let count = |k: StepKind| s.steps.iter().filter(|st| st.kind == k).count();
        let voicemails = s.steps.iter().filter(|st| st.kind.is_voicemail()).count();
        assert_eq!(s.steps.len(), 10);
        assert_eq!(voicemails, 7);
        assert_eq!(count(StepKind::Email), 2);
        assert_eq!(count(StepKind::Call), 1);
        assert_eq!(count(StepKind::Final), 1);
        assert_eq!(SeriesLibrary::builtin().get("default"), Some(&s));
    }

    #[test]
    fn builtin_scripts_render_without_braces() {
        let lib = SeriesLibrary::builtin();
        let ctx = crate::series::TemplateContext::default();
        for step in &lib.default_series(DEFAULT_SERIES_NAME).steps {
            let text = step.script.render(&ctx);
            assert!(!text.contains(['{', '}']), "{}: {text}", step.label);
            assert!(!text.trim().is_empty(), "{}", step.label);
        }
    }

    #[test]
    fn missing_or_absent_dir_is_fine() {
        let (lib, errs) = SeriesLibrary::load(None);
        assert!(errs.is_empty());
        assert_eq!(lib.names(), ["default"]);
        let tmp = tempfile::tempdir().unwrap();
        let (lib, errs) = SeriesLibrary::load(Some(&tmp.path().join("nope")));
        assert!(errs.is_empty());
        assert_eq!(lib.names(), ["default"]);
    }

    #[test]
    fn loads_a_valid_user_series_and_ignores_other_files() {
        let tmp = tempfile::tempdir().unwrap();
        let p = write(tmp.path(), "short.toml", VALID);
        write(tmp.path(), "notes.txt", "not a series {");
        let (lib, errs) = SeriesLibrary::load(Some(tmp.path()));
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(lib.names(), ["default", "short"]);
        let names: Vec<_> = lib.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["default", "short"]);
        assert_eq!(lib.get("short").map(|s| s.steps.len()), Some(2));
        assert_eq!(lib.path("short"), Some(p.as_path()));
        assert_eq!(lib.path("default"), None);
        let name = |s: Option<&Series>| s.map(|s| s.name.clone());
        assert_eq!(
            name(lib.resolve(Some("short"), "default")),
            Some("short".into())
        );
        assert_eq!(name(lib.resolve(None, "short")), Some("short".into()));
        assert_eq!(name(lib.resolve(None, "gone")), Some("default".into()));
        // A named series that is missing is missing, not the default.
        assert_eq!(name(lib.resolve(Some("gone"), "default")), None);
        assert_eq!(lib.default_series("also-gone").name, "default");
    }

    #[test]
    fn user_file_replaces_builtin_default() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            "mine.toml",
            &VALID.replace("\"short\"", "\"default\""),
        );
        let (lib, errs) = SeriesLibrary::load(Some(tmp.path()));
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(lib.names(), ["default"]);
        assert_eq!(lib.get("default").map(|s| s.steps.len()), Some(2));
        assert_eq!(lib.default_series("y").steps.len(), 2);
    }

    #[test]
    fn malformed_toml_reports_path_and_line() {
        let tmp = tempfile::tempdir().unwrap();
        let bad = VALID.replace("label = \"Bye\"", "label = \"Bye");
        let p = write(tmp.path(), "bad.toml", &bad);
        write(tmp.path(), "good.toml", VALID);
        let (lib, errs) = SeriesLibrary::load(Some(tmp.path()));
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].path, p);
        assert_eq!(errs[0].line, 12);
        let shown = errs[0].to_string();
        assert!(
            shown.starts_with(&format!("{}:12: ", p.display())),
            "{shown}"
        );
        assert!(!shown.contains('\n'), "{shown}");
        assert_eq!(lib.names(), ["default", "short"]);
    }

    #[test]
    fn unknown_placeholder_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            "a.toml",
            &VALID.replace("{my_name}", "{my_nme}"),
        );
        let (lib, errs) = SeriesLibrary::load(Some(tmp.path()));
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 8);
        assert!(errs[0].message.contains("{my_nme}"), "{}", errs[0]);
        assert_eq!(lib.names(), ["default"]);
    }

    #[test]
    fn unknown_kind_missing_field_and_final_not_last() {
        let tmp = tempfile::tempdir().unwrap();
        write(
            tmp.path(),
            "1.toml",
            &VALID.replace("\"voicemail\"", "\"fax\""),
        );
        write(
            tmp.path(),
            "2.toml",
            &VALID.replace("label = \"Bye\"\n", ""),
        );
        let swapped = VALID
            .replace("\"voicemail\"", "\"tmp\"")
            .replace("\"final\"", "\"voicemail\"")
            .replace("\"tmp\"", "\"final\"");
        write(tmp.path(), "3.toml", &swapped);
        write(
            tmp.path(),
            "4.toml",
            &VALID.replace("next business day", "someday"),
        );
        let (lib, errs) = SeriesLibrary::load(Some(tmp.path()));
        let got: Vec<_> = errs
            .iter()
            .map(|e| (e.path.file_name().unwrap().to_str().unwrap(), e.line))
            .collect();
        assert_eq!(
            got,
            [("1.toml", 5), ("2.toml", 10), ("3.toml", 4), ("4.toml", 7)]
        );
        assert!(errs[0].message.contains("fax"), "{}", errs[0]);
        assert!(errs[1].message.contains("label"), "{}", errs[1]);
        assert!(errs[2].message.contains("final"), "{}", errs[2]);
        assert!(errs[3].message.contains("someday"), "{}", errs[3]);
        assert_eq!(lib.names(), ["default"]);
        assert!(lib.resolve(Some("short"), "default").is_none());
    }

    #[test]
    fn duplicate_user_names_keep_the_first() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "a.toml", VALID);
        let p = write(tmp.path(), "b.toml", VALID);
        let (lib, errs) = SeriesLibrary::load(Some(tmp.path()));
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].path.as_path(), errs[0].line), (p.as_path(), 1));
        assert!(errs[0].message.contains("already defined"));
        assert_eq!(lib.path("short"), Some(tmp.path().join("a.toml").as_path()));
    }
}

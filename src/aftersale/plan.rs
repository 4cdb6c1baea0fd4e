//! The plan: its items, read from TOML with the line of any problem.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::domain::Action;
use crate::series::Template;
use crate::series::file_line as line_of;

/// The built-in plan, as shipped.
pub const DEFAULT_PLAN_TOML: &str = include_str!("../../assets/after-sale.toml");

/// The file in the config folder that replaces the built-in plan.
pub const AFTER_SALE_FILE: &str = "after-sale.toml";

/// What an item's due day counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// The day of the sale.
    Won,
    /// The delivery date asked at the win (a week after it when none was
    /// given).
    Delivery,
    /// The day the item before was ticked off.
    Previous,
}

/// One item of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    /// Its short name, kept with the customer's step.
    pub key: String,
    /// What the cockpit shows.
    pub label: String,
    /// The kind of next step it is.
    pub action: Action,
    /// What its due day counts from.
    pub from: Anchor,
    /// Days after that.
    pub days: u32,
    /// What to say or check.
    pub script: Template,
    /// The item a back-order branches to from this one.
    pub backorder: Option<String>,
    /// Only a back-order reaches it.
    pub branch: bool,
    /// For a branch item: where the plan goes back to once it is done.
    pub resume: Option<String>,
}

/// The after-sale plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Its items in order (branch items among them, skipped in the usual
    /// order).
    pub items: Vec<PlanItem>,
}

/// A plan file that could not be used (the built-in plan is used instead).
/// Displays as `PATH:LINE: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFileError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line of the problem.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PlanFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} (the built-in after-sale plan is used)",
            self.path.display(),
            self.line,
            self.message
        )
    }
}

/// How far a customer is through the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    /// Items of the usual order done.
    pub done: usize,
    /// Items of the usual order in all.
    pub total: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    #[serde(rename = "item", default)]
    items: Vec<Spanned<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    key: String,
    label: String,
    action: Action,
    from: Anchor,
    #[serde(default)]
    days: u32,
    script: Spanned<String>,
    backorder: Option<String>,
    #[serde(default)]
    branch: bool,
    resume: Option<String>,
}

impl Plan {
    /// The built-in plan.
    pub fn builtin() -> Plan {
        // The shipped file is tested to read; an empty plan only guards
        // against a broken build.
        Plan::from_toml(DEFAULT_PLAN_TOML).unwrap_or(Plan { items: Vec::new() })
    }

    /// Reads and checks a plan: `Err((line, message))` when it cannot be used.
    pub fn from_toml(text: &str) -> Result<Plan, (usize, String)> {
        let raw: RawPlan = toml::from_str(text).map_err(|e| {
            (
                e.span().map_or(1, |s| line_of(text, s.start)),
                e.message().split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })?;
        let mut items = Vec::new();
        for spanned in &raw.items {
            let line = line_of(text, spanned.span().start);
            let r = spanned.get_ref();
            let script = Template::parse(r.script.get_ref())
                .map_err(|e| (line_of(text, r.script.span().start), e.to_string()))?;
            if items.iter().any(|i: &PlanItem| i.key == r.key) {
                return Err((line, format!("a second item is called \"{}\"", r.key)));
            }
            if r.key.trim().is_empty() || r.label.trim().is_empty() {
                return Err((line, "every item needs a key and a label".into()));
            }
            items.push(PlanItem {
                key: r.key.clone(),
                label: r.label.clone(),
                action: r.action,
                from: r.from,
                days: r.days,
                script,
                backorder: r.backorder.clone(),
                branch: r.branch,
                resume: r.resume.clone(),
            });
        }
        if !items.iter().any(|i| !i.branch) {
            return Err((1, "the plan has no item (add [[item]] tables)".into()));
        }
        for (spanned, item) in raw.items.iter().zip(&items) {
            let line = line_of(text, spanned.span().start);
            for (word, target) in [("backorder", &item.backorder), ("resume", &item.resume)] {
                if let Some(t) = target
                    && !items.iter().any(|i| &i.key == t)
                {
                    return Err((line, format!("{word} names \"{t}\", which is not an item")));
                }
            }
            if item.branch && item.resume.is_none() {
                return Err((line, "a branch item needs resume = \"…\"".into()));
            }
        }
        Ok(Plan { items })
    }

    /// The plan in force: `after-sale.toml` in `config_dir` if there is one
    /// and it reads, else the built-in plan (with why the file was not used).
    pub fn load(config_dir: Option<&Path>) -> (Plan, Option<PlanFileError>) {
        let Some(path) = config_dir.map(|d| d.join(AFTER_SALE_FILE)) else {
            return (Plan::builtin(), None);
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Plan::builtin(), None),
            Err(e) => {
                let message = format!("cannot read the after-sale plan: {e}");
                return (
                    Plan::builtin(),
                    Some(PlanFileError {
                        path,
                        line: 1,
                        message,
                    }),
                );
            }
        };
        match Plan::from_toml(&text) {
            Ok(plan) => (plan, None),
            Err((line, message)) => (
                Plan::builtin(),
                Some(PlanFileError {
                    path,
                    line,
                    message,
                }),
            ),
        }
    }

    /// The first item: what winning schedules.
    pub fn first(&self) -> Option<&PlanItem> {
        self.items.iter().find(|i| !i.branch)
    }

    /// The item called `key`.
    pub fn item(&self, key: &str) -> Option<&PlanItem> {
        self.items.iter().find(|i| i.key == key)
    }

    /// What comes once `key` is ticked off: the next item of the usual
    /// order, or for a branch item the one it resumes; `None` at the end
    /// (or for a key the plan no longer has).
    pub fn after(&self, key: &str) -> Option<&PlanItem> {
        let at = self.items.iter().position(|i| i.key == key)?;
        if let Some(resume) = &self.items[at].resume {
            return self.item(resume);
        }
        self.items[at + 1..].iter().find(|i| !i.branch)
    }

    /// Where a back-order on `key` branches to, if it can.
    pub fn backorder_of(&self, key: &str) -> Option<&PlanItem> {
        self.item(key)?
            .backorder
            .as_deref()
            .and_then(|k| self.item(k))
    }

    /// Progress with `current` the open item (`None`: all done): the
    /// items of the usual order before it are done. A branch item counts as
    /// at the item it resumes.
    pub fn progress(&self, current: Option<&str>) -> Progress {
        let main: Vec<&PlanItem> = self.items.iter().filter(|i| !i.branch).collect();
        let total = main.len();
        let done = match current {
            None => total,
            Some(key) => {
                let key = self
                    .item(key)
                    .and_then(|i| i.resume.as_deref())
                    .unwrap_or(key);
                main.iter().position(|i| i.key == key).unwrap_or(total)
            }
        };
        Progress { done, total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_plan_reads_and_branches_on_a_back_order() {
        let plan = Plan::from_toml(DEFAULT_PLAN_TOML).expect("the shipped plan reads");
        assert_eq!(plan.first().unwrap().key, "order-entered");
        assert_eq!(plan.after("order-entered").unwrap().key, "shipped");
        assert_eq!(plan.after("shipped").unwrap().key, "shipped-complete");
        // The branch is skipped in the usual order...
        assert_eq!(plan.after("shipped-complete").unwrap().key, "arrived");
        // ...reached by a back-order, and goes back to the check.
        assert_eq!(plan.backorder_of("shipped").unwrap().key, "back-order");
        assert_eq!(plan.after("back-order").unwrap().key, "shipped-complete");
        assert_eq!(plan.after("repeat"), None);
        assert_eq!(
            plan.progress(Some("order-entered")),
            Progress { done: 0, total: 8 }
        );
        assert_eq!(
            plan.progress(Some("back-order")),
            Progress { done: 2, total: 8 }
        );
        assert_eq!(plan.progress(None), Progress { done: 8, total: 8 });
    }

    #[test]
    fn a_bad_plan_names_the_line() {
        let text = "[[item]]\nkey = \"a\"\nlabel = \"A\"\naction = \"call\"\nfrom = \"won\"\nscript = \"x\"\n\n[[item]]\nkey = \"b\"\nlabel = \"B\"\naction = \"fax\"\nfrom = \"won\"\nscript = \"y\"\n";
        let (line, message) = Plan::from_toml(text).unwrap_err();
        assert_eq!(line, 11, "{message}");
        let text = "[[item]]\nkey = \"a\"\nlabel = \"A\"\naction = \"call\"\nfrom = \"won\"\nscript = \"x\"\nbackorder = \"nope\"\n";
        let (line, message) = Plan::from_toml(text).unwrap_err();
        assert_eq!(line, 1);
        assert!(message.contains("nope"), "{message}");
    }

    #[test]
    fn a_plan_file_in_the_config_folder_replaces_the_built_in_one() {
        let dir = tempfile::tempdir().unwrap();
        let (plan, error) = Plan::load(Some(dir.path()));
        assert_eq!((plan, error), (Plan::builtin(), None));
        std::fs::write(
            dir.path().join(AFTER_SALE_FILE),
            "[[item]]\nkey = \"thanks\"\nlabel = \"Thank them\"\naction = \"text\"\nfrom = \"won\"\nscript = \"Thanks!\"\n",
        )
        .unwrap();
        let (plan, error) = Plan::load(Some(dir.path()));
        assert!(error.is_none());
        assert_eq!(plan.items.len(), 1);
        std::fs::write(dir.path().join(AFTER_SALE_FILE), "[[item]]\nkey = 3\n").unwrap();
        let (plan, error) = Plan::load(Some(dir.path()));
        assert_eq!(plan, Plan::builtin());
        let error = error.unwrap().to_string();
        assert!(error.contains("after-sale.toml:2:"), "{error}");
    }
}

//! From a record's cells to a prospect: names joined, the first phone and
//! e-mail kept (the others in the notes), money and probabilities read,
//! the next step parsed in the WHEN language, every unknown column kept in
//! the notes under its header. A cell that cannot be read makes the row
//! bad, with the line, the column and why.

use chrono::{DateTime, Local, Utc};

use super::values::{self, email_key, phone_key};
use super::{Record, Target};
use crate::app::Context;
use crate::domain::{
    Action, Money, NewNextStep, ProspectPatch, Status, looks_like_email, text::MAX_TEXT_CHARS,
};
use crate::history::Uid;
use crate::schedule::Window;

/// Why one cell (or the row) could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCell {
    /// The line the row starts on.
    pub line: u64,
    /// The column's header (empty: the row as a whole).
    pub column: String,
    /// Why, in one sentence.
    pub why: String,
}

/// What identifies a candidate in the book: any one of them matching an
/// existing prospect makes the row an update.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    /// followup's stable id, from its own export.
    pub uid: Option<Uid>,
    /// Every e-mail address of the row, lower case.
    pub emails: Vec<String>,
    /// Every phone number of the row, as digits.
    pub phones: Vec<String>,
}

/// A row read as a prospect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The line it starts on.
    pub line: u64,
    /// Its fields (only those the row gives are set).
    pub patch: ProspectPatch,
    /// Won, lost or closed out, when the row says so clearly.
    pub status: Option<Status>,
    /// Why they said no.
    pub lost_reason: Option<String>,
    /// The next step, when the row gives one the WHEN language reads.
    pub next: Option<NewNextStep>,
    /// What finds it in the book.
    pub keys: Keys,
}

/// What the mapping needs besides the record: the settings (business
/// hours, date order) and the moment the WHEN language reads from.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    /// Settings.
    pub ctx: &'a Context,
    /// Now.
    pub now: &'a DateTime<Local>,
}

/// Reads a record: `Ok(None)` for a blank row, the candidate, or every bad
/// cell of the row.
pub fn candidate(record: &Record, reading: Reading<'_>) -> Result<Option<Candidate>, Vec<BadCell>> {
    let mut bad = Vec::new();
    let line = record.line;
    if let Some(problem) = &record.problem {
        bad.push(BadCell {
            line,
            column: String::new(),
            why: problem.clone(),
        });
    }
    let mut fail = |column: &str, why: String| {
        bad.push(BadCell {
            line,
            column: column.to_string(),
            why,
        })
    };
    let mut b = Builder::default();
    for cell in &record.cells {
        let value = cell.value.trim();
        if value.is_empty() || cell.target == Target::Ignore {
            continue;
        }
        b.any = true;
        let label = &*cell.label;
        match cell.target {
            Target::Name => first(&mut b.name, value),
            Target::FirstName => b.first.push(value.to_string()),
            Target::MiddleName => b.middle.push(value.to_string()),
            Target::LastName => b.last.push(value.to_string()),
            Target::DealName => first(&mut b.deal, value),
            Target::Company => keep_or_note(&mut b.patch.company, &mut b.notes, label, value),
            Target::Product => keep_or_note(&mut b.patch.product, &mut b.notes, label, value),
            Target::Objection => keep_or_note(&mut b.patch.objection, &mut b.notes, label, value),
            Target::Decision => {
                keep_or_note(&mut b.patch.decision_process, &mut b.notes, label, value)
            }
            Target::LostReason => keep_or_note(&mut b.lost_reason, &mut b.notes, label, value),
            Target::Liked => keep_or_note(&mut b.patch.liked, &mut b.notes, label, value),
            Target::Disliked => keep_or_note(&mut b.patch.disliked, &mut b.notes, label, value),
            Target::DecisionWho => {
                keep_or_note(&mut b.patch.decision_who, &mut b.notes, label, value)
            }
            Target::DecisionWhen => {
                keep_or_note(&mut b.patch.decision_when, &mut b.notes, label, value)
            }
            Target::DecisionInfo => {
                keep_or_note(&mut b.patch.decision_info, &mut b.notes, label, value)
            }
            Target::DecisionReview => {
                keep_or_note(&mut b.patch.decision_review, &mut b.notes, label, value)
            }
            Target::Phone => {
                for phone in values::several(value) {
                    if let Some(key) = phone_key(phone) {
                        b.keys.phones.push(key);
                    }
                    keep_or_note(&mut b.patch.phone, &mut b.notes, label, phone);
                }
            }
            Target::Email => {
                for email in values::several(value) {
                    if !looks_like_email(email) {
                        fail(label, format!("\"{email}\" is not an e-mail address"));
                        continue;
                    }
                    b.keys.emails.push(email_key(email));
                    keep_or_note(&mut b.patch.email, &mut b.notes, label, email);
                }
            }
            Target::Value => match values::money(value) {
                Some(m) => b.value = b.value.or(Some(m)),
                None => fail(label, format!("\"{value}\" is not an amount of money")),
            },
            Target::ValueCents => match value.parse::<i64>() {
                Ok(c) if c >= 0 => b.cents = Some(Money::from_cents(c)),
                _ => fail(label, format!("\"{value}\" is not a whole number of cents")),
            },
            Target::Probability => match values::probability(value) {
                Some(p) => b.patch.probability = Some(Some(p)),
                None => fail(
                    label,
                    format!("\"{value}\" is not a probability (40%, 40 or 0.4)"),
                ),
            },
            Target::Status => match values::status(value) {
                Some(s) => b.status = Some(s),
                None => b.notes.push(format!("{label}: {value}")),
            },
            Target::Next => first(&mut b.next, value),
            Target::NextAction => match value.parse::<Action>() {
                Ok(action) => b.exact.action = Some(action),
                Err(_) => fail(label, format!("\"{value}\" is not a next step's action")),
            },
            Target::NextWindows | Target::NextStart | Target::NextEnd => {
                if let Err(why) = b.exact.read(cell.target, value) {
                    fail(label, why);
                }
            }
            Target::NextNote => first(&mut b.next_note, value),
            Target::Notes => b.plain_notes.push(value.to_string()),
            Target::Uid => match value.parse::<Uid>() {
                Ok(uid) => b.keys.uid = Some(uid),
                Err(_) => fail(label, format!("\"{value}\" is not a followup uid")),
            },
            Target::Unknown => b.notes.push(format!("{label}: {value}")),
            Target::Ignore => {}
        }
    }
    if !b.any && bad.is_empty() {
        return Ok(None);
    }
    let candidate = b.finish(line, reading, &mut bad);
    if bad.is_empty() {
        Ok(candidate)
    } else {
        Err(bad)
    }
}

/// Reads every record of a file: the candidates of its good rows (blank
/// rows left out) and every bad cell of the others, in file order.
pub fn candidates(source: &super::Source, reading: Reading<'_>) -> (Vec<Candidate>, Vec<BadCell>) {
    let mut good = Vec::with_capacity(source.records.len());
    let mut bad = Vec::new();
    for record in &source.records {
        match candidate(record, reading) {
            Ok(Some(c)) => good.push(c),
            Ok(None) => {}
            Err(cells) => bad.extend(cells),
        }
    }
    (good, bad)
}

/// Keeps the first non-empty value of a one-value field.
fn first(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = Some(value.to_string());
    }
}

/// Sets a field the first time; a second, different value goes into the
/// notes under its column's header.
fn keep_or_note(slot: &mut Option<String>, notes: &mut Vec<String>, label: &str, value: &str) {
    match slot {
        None => *slot = Some(value.to_string()),
        Some(kept) if kept == value => {}
        Some(_) => notes.push(format!("{label}: {value}")),
    }
}

#[derive(Default)]
struct Builder {
    any: bool,
    patch: ProspectPatch,
    name: Option<String>,
    first: Vec<String>,
    middle: Vec<String>,
    last: Vec<String>,
    deal: Option<String>,
    value: Option<Money>,
    cents: Option<Money>,
    status: Option<Status>,
    lost_reason: Option<String>,
    next: Option<String>,
    next_note: Option<String>,
    plain_notes: Vec<String>,
    notes: Vec<String>,
    keys: Keys,
    exact: ExactStep,
}

/// A next step as followup's own export writes it: exact times, not words.
#[derive(Debug, Default)]
struct ExactStep {
    action: Option<Action>,
    windows: Vec<Window>,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
}

impl ExactStep {
    fn read(&mut self, target: Target, value: &str) -> Result<(), String> {
        let time = |t: &str| {
            DateTime::parse_from_rfc3339(t.trim())
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| format!("\"{t}\" is not a time like 2026-11-23T17:00:00-05:00"))
        };
        match target {
            Target::NextStart => self.start = Some(time(value)?),
            Target::NextEnd => self.end = Some(time(value)?),
            _ => {
                for pair in value.split_whitespace() {
                    let (start, end) = pair
                        .split_once('/')
                        .ok_or_else(|| format!("\"{pair}\" is not a window START/END"))?;
                    let (start, end) = (time(start)?, time(end)?);
                    if end < start {
                        return Err(format!("the window \"{pair}\" ends before it starts"));
                    }
                    self.windows.push(Window::new(start, end));
                }
            }
        }
        Ok(())
    }

    /// The windows, when the row gave any.
    fn windows(&self) -> Option<Vec<Window>> {
        if !self.windows.is_empty() {
            return Some(self.windows.clone());
        }
        let start = self.start?;
        Some(vec![Window::new(
            start,
            self.end.unwrap_or(start).max(start),
        )])
    }
}

impl Builder {
    fn finish(
        mut self,
        line: u64,
        reading: Reading<'_>,
        bad: &mut Vec<BadCell>,
    ) -> Option<Candidate> {
        let joined: Vec<&str> = [&self.first, &self.middle, &self.last]
            .into_iter()
            .filter_map(|parts| parts.first().map(String::as_str))
            .collect();
        let person = self
            .name
            .take()
            .or_else(|| (!joined.is_empty()).then(|| joined.join(" ")));
        // A deal's title names the row when no person does; else it says
        // what they are buying.
        let name = match (person, self.deal.take()) {
            (Some(person), Some(deal)) => {
                let mut notes = std::mem::take(&mut self.notes);
                keep_or_note(&mut self.patch.product, &mut notes, "Deal", &deal);
                self.notes = notes;
                Some(person)
            }
            (Some(person), None) => Some(person),
            (None, deal) => deal
                .or_else(|| self.patch.company.clone())
                .or_else(|| self.patch.email.clone()),
        };
        let Some(name) = name else {
            bad.push(BadCell {
                line,
                column: String::new(),
                why: "no name: the row has no name, first or last name, company or e-mail".into(),
            });
            return None;
        };
        self.patch.name = Some(name);
        self.patch.value = self.cents.or(self.value).map(Some);
        let finished = self.status.is_some_and(Status::is_finished);
        let exact = self.exact.windows();
        let next = match self.next.take() {
            _ if exact.is_some() && !finished => exact.and_then(|parts| {
                NewNextStep::in_windows(
                    self.exact.action.unwrap_or(Action::Call),
                    parts,
                    self.next_note.take(),
                )
            }),
            Some(when) if finished => {
                self.notes
                    .push(format!("Next step (not kept, finished): {when}"));
                None
            }
            Some(when) => match reading.ctx.windows(&when, reading.now) {
                Ok(parts) => NewNextStep::in_windows(Action::Call, parts, self.next_note.take()),
                Err(_) => {
                    self.notes.push(format!("Next step: {when}"));
                    None
                }
            },
            None => None,
        };
        let lost_reason = match self.lost_reason.take() {
            Some(reason) if self.status == Some(Status::Lost) => Some(reason),
            Some(reason) => {
                self.notes.push(format!("Lost reason: {reason}"));
                None
            }
            None => None,
        };
        if let Some(note) = self.next_note.take() {
            self.notes.push(format!("Next task: {note}"));
        }
        let mut notes = self.plain_notes;
        notes.extend(self.notes);
        if !notes.is_empty() {
            let text = notes.join("\n");
            if text.chars().count() > MAX_TEXT_CHARS {
                bad.push(BadCell {
                    line,
                    column: String::new(),
                    why: format!("the notes would be longer than {MAX_TEXT_CHARS} characters"),
                });
                return None;
            }
            self.patch.notes = Some(text);
        }
        match self.patch.clone().validate() {
            Ok(patch) => Some(Candidate {
                line,
                patch,
                status: self.status.filter(|s| *s != Status::Active),
                lost_reason,
                next,
                keys: self.keys,
            }),
            Err(e) => {
                bad.push(BadCell {
                    line,
                    column: String::new(),
                    why: e.to_string(),
                });
                None
            }
        }
    }
}

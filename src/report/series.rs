//! The series: for each step of each voicemail series performed in the
//! period, how often the prospect called back or was reached after it
//! (their next attempt was a conversation), which message works.

use serde::Serialize;

use super::percent;
use crate::store::SeriesTouch;

/// A series as the review labels it: its name and its steps' labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesDef {
    /// Its name.
    pub name: String,
    /// Its steps' labels, in order.
    pub labels: Vec<String>,
}

/// One step of one series, over the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesStep {
    /// The series.
    pub series: String,
    /// The step (1-based).
    pub step: u32,
    /// Its label ("VM 1 · agreed time").
    pub label: String,
    /// Times it was performed without reaching them.
    pub performed: u64,
    /// After which their next contact was a conversation.
    pub answered: u64,
    /// After which the next contact was not.
    pub unanswered: u64,
    /// After which nothing happened yet.
    pub waiting: u64,
    /// Answered, in percent of those with a next contact.
    pub answered_percent: u32,
    /// Times they were reached at this very step.
    pub reached_at_step: u64,
}

/// The steps performed in `touches`, by series and step. `default` names
/// the series of prospects that follow the default one.
pub fn series_steps(touches: &[SeriesTouch], defs: &[SeriesDef], default: &str) -> Vec<SeriesStep> {
    let mut out: Vec<SeriesStep> = Vec::new();
    for t in touches {
        let series = t.series_name.as_deref().unwrap_or(default);
        let at = match out
            .iter()
            .position(|s| s.series == series && s.step == t.step)
        {
            Some(i) => i,
            None => {
                let label = defs
                    .iter()
                    .find(|d| d.name == series)
                    .and_then(|d| d.labels.get((t.step as usize).saturating_sub(1)))
                    .cloned()
                    .unwrap_or_else(|| format!("step {}", t.step));
                out.push(SeriesStep {
                    series: series.to_string(),
                    step: t.step,
                    label,
                    performed: 0,
                    answered: 0,
                    unanswered: 0,
                    waiting: 0,
                    answered_percent: 0,
                    reached_at_step: 0,
                });
                out.len() - 1
            }
        };
        let s = &mut out[at];
        if t.spoke {
            s.reached_at_step += 1;
            continue;
        }
        s.performed += 1;
        match t.next_spoke {
            Some(true) => s.answered += 1,
            Some(false) => s.unanswered += 1,
            None => s.waiting += 1,
        }
    }
    for s in &mut out {
        s.answered_percent = percent(s.answered, s.answered + s.unanswered);
    }
    out.sort_by(|a, b| a.series.cmp(&b.series).then(a.step.cmp(&b.step)));
    out
}

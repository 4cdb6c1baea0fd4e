//! A summary of the book from its JSON export: how many prospects in each
//! status, the open pipeline (value, weighted by probability), the open
//! next steps, and how many attempts the won deals took.
//!
//! ```sh
//! followup export --format json | cargo run --example pipeline_summary
//! ```
//!
//! The export is JSON Lines (one prospect per line), so this reads it one
//! prospect at a time, whatever the size of the book.

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};

/// What the summary counts.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Prospects by status ("active", "won", …).
    pub by_status: BTreeMap<String, u64>,
    /// Active prospects' quoted value, in cents.
    pub pipeline_cents: i64,
    /// Active prospects' value weighted by their probability, in cents.
    pub weighted_cents: i64,
    /// Open next steps.
    pub open_steps: u64,
    /// Attempts made on the prospects that were won.
    pub attempts_to_win: u64,
}

/// Reads a `followup export --format json` stream.
pub fn summarise(input: impl BufRead) -> Result<Summary, String> {
    let mut summary = Summary::default();
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| format!("cannot read line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let p: Value = serde_json::from_str(&line)
            .map_err(|e| format!("line {} is not a prospect: {e}", n + 1))?;
        let status = p["status"].as_str().unwrap_or("unknown").to_string();
        let attempts = p["attempts"].as_array().map_or(0, Vec::len) as u64;
        if status == "active" {
            let value = p["value_cents"].as_i64().unwrap_or(0);
            summary.pipeline_cents += value;
            summary.weighted_cents += value * p["probability"].as_i64().unwrap_or(0) / 100;
        }
        if status == "won" {
            summary.attempts_to_win += attempts;
        }
        let open = p["next_steps"]
            .as_array()
            .map_or(0, |s| s.iter().filter(|s| s["done_at"].is_null()).count());
        summary.open_steps += open as u64;
        *summary.by_status.entry(status).or_default() += 1;
    }
    Ok(summary)
}

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// The summary as text.
pub fn report(s: &Summary) -> String {
    let mut out = String::new();
    let total: u64 = s.by_status.values().sum();
    out.push_str(&format!("{total} prospects\n"));
    for (status, count) in &s.by_status {
        out.push_str(&format!("  {status:<11} {count}\n"));
    }
    out.push_str(&format!(
        "open pipeline: {} (weighted {})\n",
        money(s.pipeline_cents),
        money(s.weighted_cents)
    ));
    out.push_str(&format!("open next steps: {}\n", s.open_steps));
    let won = s.by_status.get("won").copied().unwrap_or(0);
    if won > 0 {
        out.push_str(&format!(
            "attempts per won deal: {:.1}\n",
            s.attempts_to_win as f64 / won as f64
        ));
    }
    out
}

fn main() -> std::process::ExitCode {
    match summarise(std::io::stdin().lock()) {
        Ok(summary) => {
            let _ = std::io::stdout().write_all(report(&summary).as_bytes());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pipeline_summary: {e}");
            std::process::ExitCode::from(1)
        }
    }
}

//! The team's review (`report --team`): the whole book's review and, per
//! consultant, the figures that compare across people (won, lost, what
//! entered, the pipeline at the period's end, contacts to win, speed and
//! steps on time, who is left hanging). Pure: built from each
//! consultant's own [`Report`].

use std::fmt::Write;

use serde::Serialize;

use super::Report;
use super::html::escape;
use super::pipeline::Tally;
use super::table::money;
use crate::domain::text::sanitize_line;

/// One consultant's figures for the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    /// The consultant (prospect owner).
    pub name: String,
    /// Won in the period.
    pub won: Tally,
    /// Lost in the period.
    pub lost: Tally,
    /// Closed out in the period.
    pub closed_out: Tally,
    /// Quoted (added) in the period.
    pub entered: Tally,
    /// The weighted pipeline at the period's end, in cents.
    pub weighted_pipeline_cents: i64,
    /// The median number of contacts a win took.
    pub median_contacts_to_win: Option<u64>,
    /// The median days from quote to first follow-up.
    pub median_days_to_follow_up: Option<i64>,
    /// Next steps done in the period.
    pub steps_done: u64,
    /// Of those, the share done on time, in whole percent.
    pub on_time_percent: u32,
    /// Active at the end with no next step.
    pub no_next_step: u64,
    /// Active at the end and gone quiet.
    pub gone_quiet: u64,
    /// Active at the end with the next step late.
    pub overdue: u64,
}

impl Breakdown {
    /// The figures of `review`, one consultant's review.
    pub fn of(name: &str, review: &Report) -> Breakdown {
        Breakdown {
            name: name.to_string(),
            won: review.outcomes.won,
            lost: review.outcomes.lost,
            closed_out: review.outcomes.closed_out,
            entered: review.pipeline.entered,
            weighted_pipeline_cents: review.pipeline.weeks.last().map_or(0, |w| w.weighted_cents),
            median_contacts_to_win: review.contacts_to_win.median,
            median_days_to_follow_up: review.speed.median_days,
            steps_done: review.speed.steps_done,
            on_time_percent: review.speed.on_time_percent,
            no_next_step: review.stopped.no_next_step,
            gone_quiet: review.stopped.gone_quiet,
            overdue: review.stopped.overdue,
        }
    }

    /// The row's cells, as the table and the page show them.
    fn cells(&self) -> Vec<String> {
        let or_dash = |v: Option<String>| v.unwrap_or_else(|| "–".into());
        vec![
            sanitize_line(&self.name).into_owned(),
            self.won.count.to_string(),
            money(self.won.value_cents),
            self.lost.count.to_string(),
            self.closed_out.count.to_string(),
            self.entered.count.to_string(),
            money(self.weighted_pipeline_cents),
            or_dash(self.median_contacts_to_win.map(|n| n.to_string())),
            or_dash(self.median_days_to_follow_up.map(|n| n.to_string())),
            if self.steps_done == 0 {
                "–".into()
            } else {
                format!("{}%", self.on_time_percent)
            },
            self.no_next_step.to_string(),
            self.gone_quiet.to_string(),
            self.overdue.to_string(),
        ]
    }
}

/// The column heads of the breakdown.
const HEAD: [&str; 13] = [
    "consultant",
    "won",
    "won value",
    "lost",
    "closed out",
    "quoted",
    "pipeline",
    "contacts/win",
    "days to f-up",
    "on time",
    "no step",
    "quiet",
    "overdue",
];

/// The team's review: the whole book's, then each consultant's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamReport {
    /// The whole book's review.
    pub review: Report,
    /// Each consultant's figures, by name.
    pub consultants: Vec<Breakdown>,
}

/// What the breakdown's columns mean, said once under it.
const LEGEND: &str = "pipeline: weighted, at the period's end; contacts/win and days to f-up: medians; \
no step, quiet, overdue: active prospects left so at the end";

/// The team's review as text: the book's review, then the breakdown.
pub fn render_table(t: &TeamReport) -> String {
    let mut out = super::table::render(&t.review);
    let _ = writeln!(out, "\nPer consultant");
    if t.consultants.is_empty() {
        out.push_str("  nobody owns a prospect in this book yet\n");
        return out;
    }
    let rows: Vec<Vec<String>> = t.consultants.iter().map(Breakdown::cells).collect();
    super::table::grid(&mut out, &HEAD, &rows);
    let _ = writeln!(out, "  {LEGEND}");
    out
}

/// The team's review as one page: the book's review with the breakdown as
/// its last section.
pub fn render_html(t: &TeamReport) -> String {
    let mut section = String::from("<section><h2>Per consultant</h2><table><tr>");
    for (i, h) in HEAD.iter().enumerate() {
        let class = if i == 0 { "" } else { " class=\"n\"" };
        let _ = write!(section, "<th{class}>{}</th>", escape(h));
    }
    section.push_str("</tr>");
    for b in &t.consultants {
        section.push_str("<tr>");
        for (i, c) in b.cells().iter().enumerate() {
            let class = if i == 0 { "" } else { " class=\"n\"" };
            let _ = write!(section, "<td{class}>{}</td>", escape(c));
        }
        section.push_str("</tr>");
    }
    let _ = write!(
        section,
        "</table><p class=\"note\">{}</p></section>",
        escape(LEGEND)
    );
    super::html::render_with(&t.review, &section)
}

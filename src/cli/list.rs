//! `list` for people: who, how to reach them, and what happens next.

use chrono::{DateTime, Local};

use super::show::{money, opt};
use super::table::{LastColumn, Table};
use crate::app::AppError;
use crate::domain::{NextStep, Prospect, Status};
use crate::schedule::{BusinessHours, describe_windows};
use crate::store;

/// Each prospect with their open next step. Only active prospects have
/// one (finishing cancels it): one indexed lookup each.
pub fn with_steps(
    conn: &rusqlite::Connection,
    prospects: &[Prospect],
) -> Result<Vec<(Prospect, Option<NextStep>)>, AppError> {
    prospects
        .iter()
        .map(|p| {
            let step = match p.status {
                Status::Active => store::open_step(conn, p.id)?,
                _ => None,
            };
            Ok((p.clone(), step))
        })
        .collect()
}

/// `list`: each prospect with their open next step (`None` for the
/// finished, who have none). Lost prospects show why they said no.
pub fn prospect_list(
    prospects: &[(Prospect, Option<NextStep>)],
    which: &str,
    now: &DateTime<Local>,
    hours: &BusinessHours,
) -> String {
    if prospects.is_empty() {
        return match which {
            "active" | "all" => {
                "No prospects yet. Add one with: followup add \"Name\" --next \"tue morning\"\n"
                    .into()
            }
            other => format!("No {other} prospects.\n"),
        };
    }
    let lost = which == "lost";
    let mut headers = vec![
        "ID",
        "NAME",
        "COMPANY",
        "PHONE",
        "STATUS",
        "NEXT STEP",
        "VALUE",
        "PROB",
    ];
    if lost {
        headers.push("LOST REASON");
    }
    // A next step is read whole ("call Mon 23 Nov after 17:00 or Tue 24
    // Nov morning"); so is a phone number, and the reason comes last.
    let mut t = Table::new(&headers).uncut(&[3, 5]).last_column(if lost {
        LastColumn::Full
    } else {
        LastColumn::Cut
    });
    for (p, step) in prospects {
        let next = match step {
            Some(step) => format!(
                "{} {}",
                step.action,
                describe_windows(step.parts(), now, hours)
            ),
            None if p.status == Status::Active => "none".into(),
            None => String::new(),
        };
        let mut row = vec![
            p.id.to_string(),
            p.name.clone(),
            opt(&p.company),
            opt(&p.phone),
            p.status.to_string(),
            next,
            money(p.value),
            p.probability
                .map(|x| format!("{}%", x.percent()))
                .unwrap_or_default(),
        ];
        if lost {
            row.push(opt(&p.lost_reason));
        }
        t.row(row);
    }
    t.render()
}

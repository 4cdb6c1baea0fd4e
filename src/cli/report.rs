//! `followup report`: the weekly flow review as a table, JSON or a web page.

use super::args::{Format, ReportArgs};
use super::commands::print_json;
use super::{Run, emit};
use crate::app::{self, AppError};
use crate::report::{Period, PeriodError, html, period, table, team};

impl From<PeriodError> for AppError {
    fn from(e: PeriodError) -> AppError {
        AppError::Usage(e.to_string())
    }
}

/// The period the arguments name: a week (this one by default) or the days
/// from one date to another.
pub fn period_of(args: &ReportArgs, run: &Run) -> Result<Period, AppError> {
    let now = &run.now;
    Ok(match (&args.week, &args.from, &args.to) {
        (_, Some(from), Some(to)) => Period::days(
            period::parse_day(from, now)?,
            period::parse_day(to, now)?,
            now,
        )?,
        (Some(week), _, _) => Period::week(period::parse_day(week, now)?, now)?,
        _ => Period::week(now.date_naive(), now)?,
    })
}

/// Prints the review of the period the arguments name.
pub fn report(run: &Run, args: &ReportArgs, as_html: bool) -> Result<(), AppError> {
    let period = period_of(args, run)?;
    if args.team {
        let t = app::team_report(&run.book, &run.ctx, period)?;
        if as_html {
            return emit(&team::render_html(&t));
        }
        return match run.format {
            Format::Json => print_json(&t),
            Format::Table => emit(&team::render_table(&t)),
        };
    }
    let consultant = match &args.consultant {
        Some(name) => Some(app::consultant_named(&run.book, name)?),
        None => None,
    };
    let report = app::flow_report_of(&run.book, &run.ctx, period, consultant.as_ref())?;
    if as_html {
        return emit(&html::render(&report));
    }
    match run.format {
        Format::Json => print_json(&report),
        Format::Table => emit(&table::render(&report)),
    }
}

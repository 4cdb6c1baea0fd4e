//! The operations a salesperson performs on the book.
//!
//! The command line and the cockpit both call these; each write is one
//! transaction, validated before anything is written, and returns a
//! [`Change`] that [`undo`] can reverse.

mod aftersale;
mod attempts;
mod coaching;
mod context;
mod debriefs;
mod error;
mod guard;
mod history;
mod next;
mod own_book;
mod prospects;
mod reopen;
mod report;
mod team_board;
mod undo;
mod views;

#[cfg(test)]
mod aftersale_tests;
#[cfg(test)]
mod convergence_tests;
#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod reopen_tests;
#[cfg(test)]
mod tests;

pub use aftersale::{ItemState, PlanLine, PlanView, Ticked, backorder, plan_view, tick};
pub use attempts::{LogRequest, Logged, log_attempt};
pub use coaching::{COACHING_MAX, coach, coach_owner, coaching_notes};
pub use context::Context;
pub use debriefs::{
    COACHING_LIMIT, CoachingSheet, DebriefRequest, Debriefed, coaching_sheet, record_debrief,
};
pub use error::AppError;
pub use guard::SeenStep;
pub use history::{Event, HISTORY_LIMIT, Timeline, timeline, when as history_when};
pub use next::{NextRequest, set_next_step};
pub use own_book::open_own_book;
pub use prospects::{
    EditRequest, Edited, Finish, add_note, add_prospect, edit_prospect, finish_prospect, pause,
    set_paused, win_prospect,
};
pub use reopen::{ReopenRequest, reopen_prospect};
pub use report::{Consultant, consultant_named, flow_report, flow_report_of, team_report};
pub use team_board::{
    ConsultantBoard, NoTeamScreen, TeamBoard, WORK_ON_DAYS, consultant_queue, team_board, team_role,
};
pub use undo::{Change, undo};
pub use views::{
    ProspectView, ScriptView, SeriesView, Today, check_script, finished_word, prospect_view,
    script_view, series_view, team_status, today,
};

use crate::domain::{Prospect, ProspectId};
use crate::store::{self, Tx};

/// Loads an active prospect for a write, refusing a finished one.
fn active_prospect(tx: &Tx<'_>, id: ProspectId) -> Result<Prospect, AppError> {
    let prospect = store::require_prospect(tx, id)?;
    if prospect.status.is_finished() {
        return Err(AppError::Finished {
            id,
            name: crate::domain::text::sanitize_line(&prospect.name).into_owned(),
            status: prospect.status,
        });
    }
    Ok(prospect)
}

//! The cockpit's Team screen, read from the book: per consultant the
//! figures of `team status`, and for the manager the debriefs' "work on"
//! items; and one consultant's queue, read-only. Who may open it is the
//! member's role as the last sync said (see `store::team_role`).

use chrono::{DateTime, Duration, Local};

use super::{AppError, Context};
use crate::domain::{DayBounds, TodayQueue};
use crate::store::{self, Book, CoachingNote, OwnerStatus, WorkOn};
use crate::team::roles::Role;

/// How far back the manager's "work on" items go.
pub const WORK_ON_DAYS: i64 = 30;
/// The most "work on" items read for the whole team.
pub const WORK_ON_LIMIT: usize = 400;
/// The most "work on" items kept per consultant.
pub const WORK_ON_EACH: usize = 5;

/// The most coaching notes shown per consultant.
pub const COACHING_EACH: usize = 3;

/// Why the Team screen does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoTeamScreen {
    /// The book has never synced with a team (or its member is unknown).
    NotSynced,
    /// The member is a consultant.
    Consultant,
}

/// One consultant on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultantBoard {
    /// Their figures (their owner id, name and counts).
    pub status: OwnerStatus,
    /// The newest debriefs' "work on" items (the manager's view only).
    pub work_on: Vec<WorkOn>,
    /// The newest coaching notes to them (the manager's view only).
    pub coaching: Vec<CoachingNote>,
}

/// The Team screen's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamBoard {
    /// Who is looking.
    pub role: Role,
    /// Every consultant, by name.
    pub consultants: Vec<ConsultantBoard>,
}

/// The member's role as the last sync said.
pub fn team_role(book: &Book) -> Result<Option<Role>, AppError> {
    Ok(store::team_role(book.conn())?.and_then(|r| Role::parse(&r)))
}

/// The Team screen for the coordinator or the manager, as of `now`.
pub fn team_board(
    book: &Book,
    ctx: &Context,
    now: &DateTime<Local>,
) -> Result<Result<TeamBoard, NoTeamScreen>, AppError> {
    let role = match team_role(book)? {
        None => return Ok(Err(NoTeamScreen::NotSynced)),
        Some(Role::Consultant) => return Ok(Err(NoTeamScreen::Consultant)),
        Some(role) => role,
    };
    let status = super::team_status(book, ctx, now)?;
    let mut consultants: Vec<ConsultantBoard> = status
        .into_iter()
        .map(|status| ConsultantBoard {
            status,
            work_on: Vec::new(),
            coaching: Vec::new(),
        })
        .collect();
    if role == Role::Manager {
        for c in &mut consultants {
            c.coaching = store::coaching_notes(book.conn(), Some(&c.status.name), COACHING_EACH)?;
        }
        let since = (*now - Duration::days(WORK_ON_DAYS)).to_utc();
        for item in store::work_on_since(book.conn(), since, WORK_ON_LIMIT)? {
            if let Some(c) = consultants
                .iter_mut()
                .find(|c| c.status.owner == item.owner)
                && c.work_on.len() < WORK_ON_EACH
            {
                c.work_on.push(item);
            }
        }
    }
    Ok(Ok(TeamBoard { role, consultants }))
}

/// One consultant's queues as of `now`, each at most `limit` long.
pub fn consultant_queue(
    book: &Book,
    ctx: &Context,
    now: &DateTime<Local>,
    owner: i64,
    limit: usize,
) -> Result<TodayQueue, AppError> {
    let bounds =
        DayBounds::new(now, ctx.config.quiet_days.value).with_grace(ctx.config.grace_minutes.value);
    Ok(store::owner_queue(
        book.conn(),
        &bounds,
        limit,
        Some(owner),
    )?)
}

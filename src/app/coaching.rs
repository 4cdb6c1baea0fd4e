//! The manager's coaching notes: written to a consultant of the book (a
//! prospect owner), refused unless the last sync said this book's member
//! is the manager (the server refuses anyone else's besides), and read by
//! the consultant they are for once their book has synced.

use chrono::{DateTime, Local};

use super::{AppError, Context};
use crate::store::{self, Book, CoachingNote};
use crate::team::roles::Role;

/// The longest note taken.
pub const COACHING_MAX: usize = 2000;

/// Writes a coaching note to `consultant` (a name `team status` lists).
pub fn coach(
    book: &mut Book,
    ctx: &Context,
    now: &DateTime<Local>,
    consultant: &str,
    text: &str,
) -> Result<CoachingNote, AppError> {
    if ctx.config.team_server.value.is_none() {
        // "Run `followup sync`" would only fail the same way.
        return Err(AppError::Usage(format!(
            "only the team's manager writes coaching notes, and {}",
            crate::team::NO_SERVER
        )));
    }
    match super::team_role(book)? {
        Some(Role::Manager) => {}
        Some(other) => {
            return Err(AppError::Refused(format!(
                "only the team's manager writes coaching notes; this book's member is a {}",
                other.as_str()
            )));
        }
        None => {
            return Err(AppError::Refused(
                "only the team's manager writes coaching notes, and this book has not synced \
                 with a team yet (run `followup sync`)"
                    .into(),
            ));
        }
    }
    let who = super::consultant_named(book, consultant)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::Usage("the coaching note is empty".into()));
    }
    if text.chars().count() > COACHING_MAX {
        return Err(AppError::Usage(format!(
            "the coaching note is longer than {COACHING_MAX} characters"
        )));
    }
    Ok(book.write(|tx| store::insert_coaching_note(tx, &who.name, text, now.to_utc()))?)
}

/// [`coach`], to the consultant whose owner id is `owner` (the Team
/// screen's selection).
pub fn coach_owner(
    book: &mut Book,
    ctx: &Context,
    now: &DateTime<Local>,
    owner: i64,
    text: &str,
) -> Result<CoachingNote, AppError> {
    let name = store::owners(book.conn())?
        .into_iter()
        .find(|c| c.id == owner)
        .map(|c| c.name)
        .ok_or_else(|| AppError::Refused("that consultant owns no prospect any more".into()))?;
    coach(book, ctx, now, &name, text)
}

/// The coaching notes in this book, newest first: to `consultant`, or to
/// anyone (a consultant's book holds only the notes addressed to them).
pub fn coaching_notes(
    book: &Book,
    consultant: Option<&str>,
    limit: usize,
) -> Result<Vec<CoachingNote>, AppError> {
    Ok(store::coaching_notes(book.conn(), consultant, limit)?)
}

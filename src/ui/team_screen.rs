//! The Team screen (`T`): for the coordinator and the manager, every
//! consultant's figures; Enter shows the selected consultant's queue,
//! read-only. Its state and what keys do while it is open (the view is
//! `view/team.rs`). Who may open it is decided by the book (the role the
//! last sync said), so the refusal comes back as an outcome.

use super::action::Action;
use super::effect::Effect;
use super::keymap::{self, KeyMode};
use super::state::App;
use crate::app::{NoTeamScreen, TeamBoard};
use crate::domain::TodayQueue;

/// The open Team screen.
#[derive(Debug, Clone, Default)]
pub struct TeamScreen {
    /// The board once read (`None`: still reading).
    pub board: Option<Box<TeamBoard>>,
    /// The selected consultant (a row of the board).
    pub cursor: usize,
    /// The consultant whose queue is shown, while it is.
    pub queue: Option<OpenQueue>,
}

/// One consultant's queue, shown read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenQueue {
    /// Their owner id.
    pub owner: i64,
    /// Their name.
    pub name: String,
    /// The queue once read.
    pub queue: Option<Box<TodayQueue>>,
    /// Rows scrolled past.
    pub scroll: usize,
}

impl TeamScreen {
    /// The selected consultant's owner id and name.
    pub fn selected(&self) -> Option<(i64, &str)> {
        let c = self.board.as_ref()?.consultants.get(self.cursor)?;
        Some((c.status.owner, c.status.name.as_str()))
    }
}

/// The keys that write to the book: refused on the Team screen, which
/// shows other people's prospects.
fn writes(action: Action) -> bool {
    matches!(
        action,
        Action::LogVoicemail
            | Action::LogNoAnswer
            | Action::LogEmail
            | Action::Reached
            | Action::LogMeeting
            | Action::SetNext
            | Action::Add
            | Action::Edit
            | Action::Note
            | Action::Won
            | Action::Lost
            | Action::CloseOut
            | Action::Reopen
            | Action::Debrief
            | Action::Tick
            | Action::BackOrder
            | Action::TogglePause
            | Action::Undo
            | Action::Redo
    )
}

/// `T`: opens the screen (reading the board), or closes it.
pub fn toggle(app: &mut App) -> Vec<Effect> {
    if app.team_screen.take().is_some() {
        return Vec::new();
    }
    app.flow = None;
    app.team_screen = Some(TeamScreen::default());
    vec![Effect::LoadTeam]
}

/// A key while the screen is open. `None`: not handled here (help, quit,
/// sync work as anywhere).
pub fn on_action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    let screen = app.team_screen.as_mut()?;
    let rows = screen.board.as_ref().map_or(0, |b| b.consultants.len());
    match action {
        Action::TeamScreen => {
            app.team_screen = None;
            Some(Vec::new())
        }
        Action::Back if screen.queue.is_some() => {
            screen.queue = None;
            Some(Vec::new())
        }
        Action::Back => {
            app.team_screen = None;
            Some(Vec::new())
        }
        Action::ToggleDetail if screen.queue.is_some() => {
            screen.queue = None;
            Some(Vec::new())
        }
        Action::ToggleDetail => {
            let Some((owner, name)) = screen.selected() else {
                return Some(Vec::new());
            };
            screen.queue = Some(OpenQueue {
                owner,
                name: name.to_string(),
                queue: None,
                scroll: 0,
            });
            Some(vec![Effect::LoadTeamQueue { owner }])
        }
        Action::MoveDown | Action::MoveUp | Action::PageDown | Action::PageUp => {
            let step: isize = match action {
                Action::MoveDown => 1,
                Action::MoveUp => -1,
                Action::PageDown => 10,
                _ => -10,
            };
            match screen.queue.as_mut() {
                Some(q) => q.scroll = q.scroll.saturating_add_signed(step),
                None => {
                    let last = rows.saturating_sub(1);
                    screen.cursor = screen.cursor.saturating_add_signed(step).min(last);
                }
            }
            Some(Vec::new())
        }
        Action::First => {
            screen.cursor = 0;
            Some(Vec::new())
        }
        Action::Last => {
            screen.cursor = rows.saturating_sub(1);
            Some(Vec::new())
        }
        Action::Coach => {
            let manager = screen
                .board
                .as_ref()
                .is_some_and(|b| b.role == crate::team::roles::Role::Manager);
            match screen.selected() {
                Some((owner, name)) if manager => {
                    let form = super::form::Form::coach(owner, name);
                    app.mode = super::state::Mode::Form(Box::new(form));
                }
                Some(_) => app.error("Only the team's manager writes coaching notes."),
                None => {}
            }
            Some(Vec::new())
        }
        Action::Reload => {
            let mut effects = vec![Effect::Reload];
            effects.extend(reread(app));
            Some(effects)
        }
        a if writes(a) => {
            let close = keymap::key_for(Action::TeamScreen, KeyMode::Normal);
            app.error(format!(
                "The Team screen is read-only: {close} goes back to your own prospects."
            ));
            Some(Vec::new())
        }
        Action::Help | Action::Quit | Action::StartOwnBook | Action::SyncTeam => None,
        _ => Some(Vec::new()),
    }
}

/// Reading the open screen again (the board, and the consultant's queue
/// shown): after `R`, and after a background sync brought changes in.
/// Nothing when the screen is closed. What is shown stays until the fresh
/// figures arrive, and the selection stays on its row.
pub fn reread(app: &App) -> Vec<Effect> {
    let Some(screen) = app.team_screen.as_ref() else {
        return Vec::new();
    };
    let mut effects = vec![Effect::LoadTeam];
    if let Some(q) = &screen.queue {
        effects.push(Effect::LoadTeamQueue { owner: q.owner });
    }
    effects
}

/// Folds the board in: shown if the screen is still open; a book whose
/// member may not see it closes the screen with why.
pub fn loaded(app: &mut App, board: Result<Box<TeamBoard>, NoTeamScreen>) {
    let Some(screen) = app.team_screen.as_mut() else {
        return;
    };
    match board {
        Ok(board) => {
            screen.cursor = screen.cursor.min(board.consultants.len().saturating_sub(1));
            screen.board = Some(board);
        }
        Err(why) => {
            app.team_screen = None;
            let text = match why {
                NoTeamScreen::Consultant => {
                    "The Team screen is for the coordinator and the manager; this book's member is a consultant.".to_string()
                }
                NoTeamScreen::NotSynced if app.ctx.config.team_server.value.is_some() => {
                    let sync = keymap::key_for(Action::SyncTeam, KeyMode::Normal);
                    format!(
                        "The Team screen is for the coordinator and the manager: press {sync} to sync, and it opens once the server says you are one."
                    )
                }
                NoTeamScreen::NotSynced => {
                    "The Team screen is for a team's coordinator and manager: this book syncs with no team ([team] server in config.toml).".to_string()
                }
            };
            app.error(text);
        }
    }
}

/// Folds a consultant's queue in (dropped if another is shown by now).
pub fn queue_loaded(app: &mut App, owner: i64, queue: Box<TodayQueue>) {
    if let Some(q) = app
        .team_screen
        .as_mut()
        .and_then(|s| s.queue.as_mut())
        .filter(|q| q.owner == owner)
    {
        q.queue = Some(queue);
    }
}

#[cfg(test)]
#[path = "team_screen_tests.rs"]
mod tests;

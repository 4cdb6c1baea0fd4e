//! The flow review screen (`F`): this week's review from the history, over
//! the whole body of the cockpit. Its state, and what keys do while it is
//! open (the view is `view/flow.rs`).

use super::action::Action;
use super::effect::Effect;
use super::state::App;
use crate::report::Report;

/// The open flow screen.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    /// The review once read (`None`: still reading).
    pub report: Option<Box<Report>>,
}

/// `F`: opens the screen (reading this week's review), or closes it.
pub fn toggle(app: &mut App) -> Vec<Effect> {
    if app.flow.take().is_some() {
        return Vec::new();
    }
    app.flow = Some(Flow::default());
    vec![Effect::LoadFlow]
}

/// A key while the screen is open: `F` and Esc close it; reload, help and
/// quit work as anywhere; keys that act on a prospect wait until it is
/// closed (the lists they act on are hidden). `None`: not handled here.
pub fn on_action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::FlowReview | Action::Back => {
            app.flow = None;
            Some(Vec::new())
        }
        Action::Reload => Some(vec![Effect::Reload, Effect::LoadFlow]),
        Action::Help | Action::Quit | Action::StartOwnBook => None,
        _ => Some(Vec::new()),
    }
}

/// Folds a review read from the book in (dropped if the screen was closed
/// meanwhile).
pub fn loaded(app: &mut App, report: Box<Report>) {
    if let Some(flow) = app.flow.as_mut() {
        flow.report = Some(report);
    }
}

//! The flow review screen (`F`): a week's review from the history, over
//! the whole body of the cockpit, this week first; its keys go to the
//! weeks before and back. Its state, and what keys do while it is open
//! (the view is `view/flow.rs`).

use chrono::{DateTime, Duration, Local, NaiveDate};

use super::action::Action;
use super::effect::Effect;
use super::keymap::{self, KeyMode};
use super::state::App;
use crate::report::Report;

/// The open flow screen.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    /// The review once read (`None`: still reading).
    pub report: Option<Box<Report>>,
    /// Which week is shown: 0 this week, 1 last week, and so on.
    pub weeks_back: u32,
}

impl Flow {
    /// A day of the week shown, as of `now` (the review takes the whole
    /// week it falls in, cut at `now`).
    pub fn day(&self, now: &DateTime<Local>) -> NaiveDate {
        now.date_naive() - Duration::weeks(i64::from(self.weeks_back))
    }
}

/// `F`: opens the screen (reading this week's review), or closes it. The
/// week keys do nothing while it is closed (see [`on_action`]).
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
        Action::FlowPrevWeek | Action::FlowNextWeek | Action::FlowThisWeek => {
            Some(go_to_week(app, action))
        }
        Action::Help | Action::Quit | Action::StartOwnBook => None,
        _ => Some(Vec::new()),
    }
}

/// Moves the screen a week back or forward, or to this week, and reads
/// that week; there is nothing to review after this week.
fn go_to_week(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(flow) = app.flow.as_mut() else {
        return Vec::new();
    };
    let weeks_back = match action {
        Action::FlowPrevWeek => flow.weeks_back.saturating_add(1),
        Action::FlowNextWeek if flow.weeks_back == 0 => {
            app.info("This is the current week: there is no review after it yet.");
            return Vec::new();
        }
        Action::FlowNextWeek => flow.weeks_back - 1,
        _ => 0,
    };
    if weeks_back == flow.weeks_back {
        return Vec::new();
    }
    flow.weeks_back = weeks_back;
    // The week shown is read again; the old one is not shown meanwhile.
    flow.report = None;
    vec![Effect::LoadFlow]
}

/// The week keys of the screen, for its title line: ("[ ] weeks",
/// "t this week").
pub fn week_keys() -> (String, String) {
    let key = |a| keymap::key_for(a, KeyMode::Normal);
    (
        format!(
            "{} {} weeks",
            key(Action::FlowPrevWeek),
            key(Action::FlowNextWeek)
        ),
        format!("{} this week", key(Action::FlowThisWeek)),
    )
}

/// Folds a review read from the book in (dropped if the screen was closed
/// meanwhile).
pub fn loaded(app: &mut App, report: Box<Report>) {
    if let Some(flow) = app.flow.as_mut() {
        flow.report = Some(report);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Context;
    use crate::ui::action::Input;
    use crate::ui::update::update;
    use chrono::{Local, TimeZone};

    fn app() -> App {
        let now = Local.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        App::new(Context::builtin(), now, true)
    }

    fn press(app: &mut App, action: Action) -> Vec<Effect> {
        update(app, Input::Action(action))
    }

    #[test]
    fn f_opens_reads_and_closes_the_screen() {
        let mut app = app();
        assert_eq!(press(&mut app, Action::FlowReview), [Effect::LoadFlow]);
        assert!(app.flow.as_ref().is_some_and(|f| f.report.is_none()));
        // Keys that act on a prospect wait while the lists are hidden.
        assert!(press(&mut app, Action::Won).is_empty());
        assert!(matches!(app.mode, crate::ui::state::Mode::Normal));
        assert_eq!(
            press(&mut app, Action::Reload),
            [Effect::Reload, Effect::LoadFlow]
        );
        assert!(press(&mut app, Action::FlowReview).is_empty());
        assert!(app.flow.is_none());
        press(&mut app, Action::FlowReview);
        press(&mut app, Action::Back);
        assert!(app.flow.is_none(), "Esc goes back too");
    }

    #[test]
    fn a_review_arriving_after_the_screen_closed_is_dropped() {
        let mut app = app();
        let book = crate::store::Book::open_in_memory().unwrap();
        let week = crate::report::Period::week(app.now.date_naive(), &app.now).unwrap();
        let report = crate::app::flow_report(&book, &app.ctx, week).unwrap();
        loaded(&mut app, Box::new(report.clone()));
        assert!(app.flow.is_none());
        press(&mut app, Action::FlowReview);
        loaded(&mut app, Box::new(report));
        assert!(app.flow.as_ref().is_some_and(|f| f.report.is_some()));
    }
}

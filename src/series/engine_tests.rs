//! Tests of the series engine: a full walk of the default series with an
//! injected clock, across a weekend and a DST change.

use super::*;
use crate::series::SeriesLibrary;
use chrono::{Datelike, NaiveDate, Utc};
use chrono_tz::America::Toronto;
use chrono_tz::Tz;

fn default_series() -> Series {
    SeriesLibrary::builtin().default_series("default").clone()
}

/// A Toronto local time on a day of 2026.
fn local(month: u32, day: u32, h: u32, m: u32) -> DateTime<Tz> {
    Toronto.with_ymd_and_hms(2026, month, day, h, m, 0).unwrap()
}

fn hours() -> BusinessHours {
    BusinessHours::default()
}

/// The window's local start and end.
fn local_window(w: &Window) -> (DateTime<Tz>, DateTime<Tz>) {
    (
        w.start.with_timezone(&Toronto),
        w.end.with_timezone(&Toronto),
    )
}

fn assert_in_business_hours(w: &Window) {
    let h = hours();
    let (start, end) = local_window(w);
    assert_eq!(start.date_naive(), end.date_naive(), "{start} – {end}");
    assert!(
        h.is_working_day(start.date_naive()),
        "{start} is not a working day"
    );
    assert!(
        start.time() >= h.start && end.time() <= h.end,
        "{start} – {end}"
    );
}

#[test]
fn walks_the_default_series_to_close_out() {
    let series = default_series();
    // (step, kind, outcome, action, start (month, day, h, m), end (month, day, h, m))
    type Row = (
        u32,
        StepKind,
        Outcome,
        Action,
        (u32, u32, u32, u32),
        (u32, u32, u32, u32),
    );
    let table: [Row; 9] = [
        // Thu 29 Oct 10:00: VM 1, "in 15 min".
        (
            1,
            StepKind::Voicemail,
            Outcome::Voicemail,
            Action::Call,
            (10, 29, 10, 15),
            (10, 29, 10, 15),
        ),
        // VM 2, "today": today's business hours, by email.
        (
            2,
            StepKind::Voicemail,
            Outcome::Voicemail,
            Action::Email,
            (10, 29, 8, 0),
            (10, 29, 20, 0),
        ),
        // Email (sent at 10:15), "next business day morning": Friday morning.
        (
            3,
            StepKind::Email,
            Outcome::Email,
            Action::Call,
            (10, 30, 8, 0),
            (10, 30, 12, 0),
        ),
        // Second call on Friday, "next business day afternoon": over the
        // weekend and the DST change to Monday afternoon.
        (
            4,
            StepKind::Call,
            Outcome::NoAnswer,
            Action::Call,
            (11, 2, 12, 0),
            (11, 2, 17, 0),
        ),
        // VM 3 on Monday noon, "today", by email.
        (
            5,
            StepKind::Voicemail,
            Outcome::Voicemail,
            Action::Email,
            (11, 2, 8, 0),
            (11, 2, 20, 0),
        ),
        // Email (sent Monday noon), "in 3 business days": Thursday.
        (
            6,
            StepKind::Email,
            Outcome::Email,
            Action::Call,
            (11, 5, 8, 0),
            (11, 5, 20, 0),
        ),
        // VM 4, "in 5 business days": Thursday next week.
        (
            7,
            StepKind::Voicemail,
            Outcome::Voicemail,
            Action::Call,
            (11, 12, 8, 0),
            (11, 12, 20, 0),
        ),
        // VM 5, "in 7 business days": Monday 23.
        (
            8,
            StepKind::Voicemail,
            Outcome::Voicemail,
            Action::Call,
            (11, 23, 8, 0),
            (11, 23, 20, 0),
        ),
        // VM 6, "in 10 business days": Monday 7 December.
        (
            9,
            StepKind::Voicemail,
            Outcome::Voicemail,
            Action::Call,
            (12, 7, 8, 0),
            (12, 7, 20, 0),
        ),
    ];
    let mut now = local(10, 29, 10, 0);
    let mut pos = Position::default();
    for (step, kind, outcome, action, (sm, sd, sh, smin), (em, ed, eh, emin)) in table {
        let (n, current) = current_step(&series, &pos);
        assert_eq!((n, current.kind), (step, kind), "at step {step}");
        let plan = plan_attempt(&series, &pos, outcome, &now, &hours()).unwrap();
        assert_eq!(plan.step_performed, Some(step));
        assert_eq!(
            plan.position,
            Position {
                performed: step,
                paused: false
            }
        );
        let NextPlan::Schedule {
            action: got,
            window,
        } = plan.next
        else {
            panic!("step {step}: expected a schedule, got {:?}", plan.next);
        };
        assert_eq!(got, action, "step {step}");
        let expected = Window::new(
            local(sm, sd, sh, smin).with_timezone(&Utc),
            local(em, ed, eh, emin).with_timezone(&Utc),
        );
        assert_eq!(window, expected, "step {step}: {:?}", local_window(&window));
        assert_in_business_hours(&window);
        // The next attempt is made when the window opens (or right away
        // when it is already open, as "today" is).
        now = window.start.with_timezone(&Toronto).max(now);
        pos = plan.position;
    }
    // Monday 7 December: the final voicemail closes the prospect out.
    assert_eq!(
        now.date_naive(),
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    );
    assert_eq!(now.weekday(), chrono::Weekday::Mon);
    let (n, last) = current_step(&series, &pos);
    assert_eq!((n, last.kind), (10, StepKind::Final));
    let plan = plan_attempt(&series, &pos, Outcome::Voicemail, &now, &hours()).unwrap();
    assert_eq!(plan.step_performed, Some(10));
    assert_eq!(plan.position.performed, 10);
    assert_eq!(plan.next, NextPlan::CloseOut);
    let p = progress(&series, &plan.position);
    assert_eq!(
        (p.done, p.total, p.voicemails_done, p.voicemails_total),
        (10, 10, 7, 7)
    );
}

#[test]
fn reached_at_step_three_leaves_the_series() {
    let series = default_series();
    let pos = Position {
        performed: 2,
        paused: false,
    };
    for outcome in [Outcome::Reached, Outcome::Meeting] {
        let plan = plan_attempt(&series, &pos, outcome, &local(10, 29, 11, 0), &hours()).unwrap();
        assert_eq!(plan.step_performed, Some(3));
        assert_eq!(
            plan.position,
            Position {
                performed: 0,
                paused: false
            }
        );
        assert_eq!(plan.next, NextPlan::AskUser);
    }
    // Not chasing: reaching them records no step.
    let plan = plan_attempt(
        &series,
        &Position::default(),
        Outcome::Reached,
        &local(10, 29, 11, 0),
        &hours(),
    )
    .unwrap();
    assert_eq!(plan.step_performed, None);
    assert_eq!(plan.next, NextPlan::AskUser);
}

#[test]
fn paused_does_not_advance() {
    let series = default_series();
    let pos = Position {
        performed: 3,
        paused: true,
    };
    let now = local(10, 29, 11, 0);
    for (outcome, next) in [
        (Outcome::Voicemail, NextPlan::KeepOpenStep),
        (Outcome::NoAnswer, NextPlan::KeepOpenStep),
        (Outcome::Email, NextPlan::KeepOpenStep),
    ] {
        let plan = plan_attempt(&series, &pos, outcome, &now, &hours()).unwrap();
        assert_eq!(
            (plan.step_performed, plan.position, plan.next),
            (None, pos, next)
        );
    }
    let plan = plan_attempt(&series, &pos, Outcome::Reached, &now, &hours()).unwrap();
    assert_eq!(plan.step_performed, None);
    assert_eq!(plan.position.performed, 0);
    assert_eq!(plan.next, NextPlan::AskUser);
}

#[test]
fn email_on_a_call_step_keeps_the_open_step() {
    let series = default_series();
    let now = local(10, 29, 11, 0);
    for performed in [0, 1, 3] {
        let pos = Position {
            performed,
            paused: false,
        };
        let plan = plan_attempt(&series, &pos, Outcome::Email, &now, &hours()).unwrap();
        assert_eq!(
            (plan.step_performed, plan.position, plan.next),
            (None, pos, NextPlan::KeepOpenStep)
        );
    }
}

#[test]
fn a_call_on_an_email_step_leaves_the_email_owed() {
    let series = default_series();
    let pos = Position {
        performed: 2,
        paused: false,
    }; // current: step 3, an email
    let now = local(10, 29, 11, 0);
    for outcome in [Outcome::Voicemail, Outcome::NoAnswer] {
        let plan = plan_attempt(&series, &pos, outcome, &now, &hours()).unwrap();
        assert_eq!(plan.step_performed, None, "{outcome:?}");
        assert_eq!(plan.position, pos, "{outcome:?}: still on the email step");
        assert_eq!(plan.next, NextPlan::KeepOpenStep, "{outcome:?}");
    }
    let plan = plan_attempt(&series, &pos, Outcome::Email, &now, &hours()).unwrap();
    assert_eq!(
        plan.step_performed,
        Some(3),
        "sending the email does the step"
    );
}

#[test]
fn past_the_end_is_the_last_step() {
    let series = default_series();
    let pos = Position {
        performed: 42,
        paused: false,
    };
    let (n, step) = current_step(&series, &pos);
    assert_eq!((n, step.kind), (10, StepKind::Final));
    let plan = plan_attempt(
        &series,
        &pos,
        Outcome::Voicemail,
        &local(10, 29, 11, 0),
        &hours(),
    )
    .unwrap();
    assert_eq!(
        (plan.step_performed, plan.next),
        (Some(10), NextPlan::CloseOut)
    );
    let p = progress(&series, &pos);
    assert_eq!((p.done, p.voicemails_done), (10, 7));
}

#[test]
fn next_call_walks_through_email_steps() {
    let series = default_series();
    let now = local(10, 29, 10, 15);
    // At VM 2 ("today", then the email's "next business day morning").
    let w = next_call(
        &series,
        &Position {
            performed: 1,
            paused: false,
        },
        &now,
        &hours(),
    )
    .unwrap();
    assert_eq!(local_window(&w).0, local(10, 30, 8, 0));
    // At VM 1: in 15 minutes.
    let w = next_call(&series, &Position::default(), &now, &hours()).unwrap();
    assert_eq!(local_window(&w).0, local(10, 29, 10, 30));
    // At the final step there is no next call.
    assert_eq!(
        next_call(
            &series,
            &Position {
                performed: 9,
                paused: false
            },
            &now,
            &hours()
        ),
        None
    );
}

#[test]
fn empty_series_is_an_error_not_a_panic() {
    let series = Series {
        name: "empty".into(),
        description: String::new(),
        steps: vec![],
    };
    let pos = Position::default();
    assert!(
        plan_attempt(
            &series,
            &pos,
            Outcome::Voicemail,
            &local(10, 29, 11, 0),
            &hours()
        )
        .is_err()
    );
    assert_eq!(current_step(&series, &pos).0, 1);
    assert_eq!(progress(&series, &pos), Progress::default());
}

#[test]
fn progress_counts_voicemails() {
    let series = default_series();
    let p = progress(
        &series,
        &Position {
            performed: 4,
            paused: false,
        },
    );
    assert_eq!(
        (p.done, p.total, p.voicemails_done, p.voicemails_total),
        (4, 10, 2, 7)
    );
}

#[test]
fn progress_bar_scales() {
    assert_eq!(progress_bar(3, 7), "●●●○○○○");
    assert_eq!(progress_bar(0, 3), "○○○");
    assert_eq!(progress_bar(9, 3), "●●●");
    assert_eq!(progress_bar(0, 0), "");
    assert_eq!(progress_bar(12, 24), "●●●●●●○○○○○○");
    assert_eq!(progress_bar(1, 100), "●○○○○○○○○○○○");
    assert_eq!(progress_bar(99, 100), "●●●●●●●●●●●○");
    assert_eq!(progress_bar(100, 100).chars().count(), 12);
}

#[test]
fn without_its_series_only_what_needs_no_step_is_planned() {
    let chasing = Position {
        performed: 3,
        paused: false,
    };
    let reached = plan_without_series(&chasing, Outcome::Reached).unwrap();
    assert_eq!(
        (reached.step_performed, reached.position, reached.next),
        (None, Position::default(), NextPlan::AskUser)
    );
    for outcome in [Outcome::Voicemail, Outcome::NoAnswer, Outcome::Email] {
        assert_eq!(plan_without_series(&chasing, outcome), None, "{outcome}");
    }
    let paused = Position {
        paused: true,
        ..chasing
    };
    let held = plan_without_series(&paused, Outcome::Voicemail).unwrap();
    assert_eq!((held.position, held.next), (paused, NextPlan::KeepOpenStep));
}

#[test]
fn no_answer_on_the_final_step_retries_and_only_the_breakup_voicemail_closes_out() {
    let series = default_series();
    let pos = Position {
        performed: 9,
        paused: false,
    };
    let now = local(12, 7, 10, 0); // Monday
    let plan = plan_attempt(&series, &pos, Outcome::NoAnswer, &now, &hours()).unwrap();
    assert_eq!(plan.step_performed, None, "nothing was left on the machine");
    assert_eq!(plan.position, pos, "still on the final step");
    let NextPlan::Schedule { action, window } = plan.next else {
        panic!("a retry is scheduled, got {:?}", plan.next);
    };
    assert_eq!(action, Action::Call);
    assert!(window.start > now.with_timezone(&Utc), "{window:?}");
    assert_in_business_hours(&window);
    let plan = plan_attempt(&series, &pos, Outcome::Voicemail, &now, &hours()).unwrap();
    assert_eq!(plan.next, NextPlan::CloseOut);
}

/// Business hours with Christmas Day, Boxing Monday and the week after
/// off (`[days_off]`).
fn holiday_hours() -> BusinessHours {
    BusinessHours {
        days_off: crate::schedule::DaysOff::parse(&["2026-12-25", "2026-12-28..2027-01-01"])
            .unwrap(),
        ..BusinessHours::default()
    }
}

fn toronto(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Tz> {
    Toronto.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

#[test]
fn a_retry_never_lands_on_a_day_off() {
    let series = default_series();
    let hours = holiday_hours();
    let planned = |performed, outcome, now: DateTime<Tz>| {
        let pos = Position {
            performed,
            paused: false,
        };
        match plan_attempt(&series, &pos, outcome, &now, &hours)
            .unwrap()
            .next
        {
            NextPlan::Schedule { window, .. } => local_window(&window),
            other => panic!("expected a scheduled retry, got {other:?}"),
        }
    };
    // The email of Thursday 24 Dec, "next business day morning": not
    // Christmas, not the week off, but Monday 4 January.
    let (start, end) = planned(2, Outcome::Email, toronto(2026, 12, 24, 10, 0));
    assert_eq!(start, toronto(2027, 1, 4, 8, 0));
    assert_eq!(end, toronto(2027, 1, 4, 12, 0));
    // A voicemail on Monday 14 Dec, "in 10 business days": the days off
    // are not counted (eight in December, then 4 and 5 January).
    let (start, _) = planned(8, Outcome::Voicemail, toronto(2026, 12, 14, 10, 0));
    assert_eq!(start, toronto(2027, 1, 5, 8, 0));
    // A voicemail left on a day off anyway, "today": the next business day.
    let (start, _) = planned(1, Outcome::Voicemail, toronto(2026, 12, 28, 10, 0));
    assert_eq!(start, toronto(2027, 1, 4, 8, 0));
    // Without days off the same email is due on Christmas Day.
    let pos = Position {
        performed: 2,
        paused: false,
    };
    let plain = plan_attempt(
        &series,
        &pos,
        Outcome::Email,
        &toronto(2026, 12, 24, 10, 0),
        &BusinessHours::default(),
    )
    .unwrap();
    let NextPlan::Schedule { window, .. } = plain.next else {
        panic!("expected a scheduled retry");
    };
    assert_eq!(local_window(&window).0, toronto(2026, 12, 25, 8, 0));
}

#[test]
fn suggested_times_never_fall_on_a_day_off() {
    let hours = holiday_hours();
    let times = crate::series::suggested_times(&toronto(2026, 12, 23, 15, 0), &hours, 3);
    let days: Vec<String> = times
        .iter()
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .collect();
    assert_eq!(
        days,
        ["2026-12-24 10:00", "2027-01-04 14:00", "2027-01-05 10:00"]
    );
}

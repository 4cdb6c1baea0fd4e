//! A prospect's history as events in order, timed backwards from its last
//! attempt so nothing lands after `now`.

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use super::calendar::{Calendar, at_minutes};
use super::chase::{Chase, back_minutes};
use super::names;
use super::rng::Rng;
use crate::domain::{Action, Channel, Outcome};
use crate::series::StepKind;

/// Something that happened with a prospect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Event {
    /// The quote visit: the quote given.
    Visit,
    /// The quote visit where they signed on the spot (a sale on the 1st
    /// contact).
    SignedAtVisit,
    /// A phone conversation.
    Talk,
    /// A meeting or video call.
    Meeting,
    /// A text exchange.
    Text,
    /// An email outside the series.
    EmailOut,
    /// A series step performed without reaching them (1-based).
    Step(u32),
    /// Reached them while chasing, at this step.
    Callback(u32),
    /// The conversation where they said yes.
    Won,
    /// The conversation where they said no.
    Lost,
}

/// An attempt as it will be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PlannedAttempt {
    /// When, in seconds since the epoch.
    pub at: i64,
    /// How.
    pub channel: Channel,
    /// How it went.
    pub outcome: Outcome,
    /// The series step it performed.
    pub step: Option<u32>,
    /// What was noted.
    pub note: Option<&'static str>,
}

/// The rounds of contact after the quote: exactly `n` events, the last one
/// a conversation (so a next step was agreed in it).
pub(super) fn rounds(rng: &mut Rng, n: u32) -> Vec<Event> {
    let mut events = Vec::with_capacity(n as usize);
    let mut left = n;
    while left > 0 {
        if left >= 2 && rng.chance(30) {
            // A short chase ended by reaching them.
            let len = 1 + rng.below(u64::from(left.min(4) - 1)) as u32;
            events.extend((1..=len).map(Event::Step));
            events.push(Event::Callback(len + 1));
            left -= len + 1;
        } else if left >= 2 && rng.chance(12) {
            events.push(Event::EmailOut);
            events.push(Event::Talk);
            left -= 2;
        } else {
            let r = rng.below(100);
            events.push(if r < 72 {
                Event::Talk
            } else if r < 88 {
                Event::Meeting
            } else {
                Event::Text
            });
            left -= 1;
        }
    }
    events
}

/// When `event` happened, given the time of the event after it.
fn back(
    cal: &Calendar,
    chase: &Chase,
    rng: &mut Rng,
    event: Event,
    next: NaiveDateTime,
) -> NaiveDateTime {
    let days = match event {
        Event::Step(step) => return chase.back(cal, rng, next, step),
        Event::EmailOut => rng.range(0, 2),
        Event::Visit => rng.range(2, 4),
        _ => {
            // Callbacks are usually agreed a few days out.
            let r = rng.below(100);
            if r < 55 {
                rng.range(1, 3)
            } else if r < 90 {
                rng.range(4, 7)
            } else {
                rng.range(8, 15)
            }
        }
    };
    if days == 0 {
        let minutes = rng.range(30, 240);
        return back_minutes(cal, rng, next, minutes);
    }
    let date = cal.sub_working(next.date(), days);
    cal.business_time(rng, date)
}

/// Times `events` backwards from `last` (the time of the last one) and
/// turns them into attempts, oldest first.
pub(super) fn attempts(
    cal: &Calendar,
    chase: &Chase,
    rng: &mut Rng,
    events: &[Event],
    last: NaiveDateTime,
) -> Vec<PlannedAttempt> {
    let mut times = vec![last; events.len()];
    for i in (0..events.len().saturating_sub(1)).rev() {
        times[i] = back(cal, chase, rng, events[i], times[i + 1]);
    }
    let mut out = Vec::with_capacity(events.len());
    let mut previous = i64::MIN;
    for (event, time) in events.iter().zip(times) {
        // Same-minute attempts keep their order.
        let at = cal.secs(time).max(previous.saturating_add(60));
        previous = at;
        out.push(attempt(chase, rng, *event, at));
    }
    out
}

/// The attempt an event records.
fn attempt(chase: &Chase, rng: &mut Rng, event: Event, at: i64) -> PlannedAttempt {
    use names::*;
    let (channel, outcome, step, notes, keep): (_, _, _, &[&'static str], u64) = match event {
        Event::Visit => (Channel::Visit, Outcome::Quote, None, VISIT_NOTES, 90),
        Event::SignedAtVisit => (
            Channel::Visit,
            Outcome::Meeting,
            None,
            SIGNED_AT_VISIT_NOTES,
            100,
        ),
        Event::Talk => (Channel::Call, Outcome::Reached, None, TALK_NOTES, 85),
        Event::Meeting => (Channel::Meeting, Outcome::Meeting, None, MEETING_NOTES, 85),
        Event::Text => (Channel::Text, Outcome::Reached, None, TEXT_NOTES, 80),
        Event::EmailOut => (Channel::Email, Outcome::Email, None, EMAIL_NOTES, 80),
        Event::Callback(s) => (Channel::Call, Outcome::Reached, Some(s), CALLBACK_NOTES, 90),
        Event::Won if rng.chance(50) => (
            Channel::Meeting,
            Outcome::Meeting,
            None,
            WON_MEETING_NOTES,
            100,
        ),
        Event::Won => (Channel::Call, Outcome::Reached, None, WON_CALL_NOTES, 100),
        Event::Lost => (Channel::Call, Outcome::Reached, None, LOST_NOTES, 100),
        Event::Step(s) => match chase.kind(s) {
            StepKind::Email => (
                Channel::Email,
                Outcome::Email,
                Some(s),
                SERIES_EMAIL_NOTES,
                50,
            ),
            StepKind::Call => (
                Channel::Call,
                Outcome::NoAnswer,
                Some(s),
                NO_ANSWER_NOTES,
                40,
            ),
            StepKind::Voicemail => (
                Channel::Voicemail,
                Outcome::Voicemail,
                Some(s),
                VOICEMAIL_NOTES,
                35,
            ),
            StepKind::Final => (
                Channel::Voicemail,
                Outcome::Voicemail,
                Some(s),
                FINAL_NOTES,
                90,
            ),
        },
    };
    let note = rng.chance(keep).then(|| rng.pick(notes));
    PlannedAttempt {
        at,
        channel,
        outcome,
        step,
        note,
    }
}

/// A next step as it will be written (times in seconds since the epoch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PlannedStep {
    /// What to do.
    pub action: Action,
    /// Window start.
    pub start: i64,
    /// Window end.
    pub end: i64,
    /// What to remember.
    pub note: Option<&'static str>,
    /// When it was scheduled.
    pub created: i64,
    /// When it was done (history only).
    pub done: Option<i64>,
}

/// The step the last attempt carried out: scheduled at the attempt before
/// it, done by the last one, sometimes after its window had closed.
pub(super) fn history_step(
    cal: &Calendar,
    rng: &mut Rng,
    attempts: &[PlannedAttempt],
) -> Option<PlannedStep> {
    let [.., before, last] = attempts else {
        return None;
    };
    let action = match last.channel {
        Channel::Email => Action::Email,
        Channel::Meeting | Channel::Visit => Action::Meeting,
        _ => Action::Call,
    };
    let (open, close) = cal.span();
    let done = cal.naive(last.at);
    let minute_of = |t: NaiveDateTime| i64::from(t.time().num_seconds_from_midnight() / 60);
    let on = |day: NaiveDate, m: i64| cal.secs(day.and_time(at_minutes(m)));
    let late = rng.chance(20).then(|| {
        // Done late: the window had closed a day or three before.
        let day = cal.sub_working(done.date(), rng.range(1, 3));
        let from = rng.range(open / 30, (close - 60) / 30) * 30;
        let to = (from + rng.range(2, 6) * 30).min(close);
        (on(day, from), on(day, to))
    });
    let (start, end) = match late {
        Some((s, e)) if s >= before.at => (s, e),
        _ if rng.chance(35) => {
            // A precise time, called a few minutes after.
            let m = minute_of(done) - rng.range(0, 6) * 5;
            let at = on(done.date(), (m - m % 15).max(open));
            (at, at)
        }
        _ => {
            let m = minute_of(done) - rng.range(0, 4) * 30;
            let from = (m - m % 30).max(open);
            let to = (from + rng.range(2, 8) * 30)
                .min(close)
                .max(minute_of(done));
            (on(done.date(), from), on(done.date(), to))
        }
    };
    let start = start.clamp(before.at, last.at);
    Some(PlannedStep {
        action,
        start,
        end: end.max(start),
        note: None,
        created: before.at,
        done: Some(last.at),
    })
}

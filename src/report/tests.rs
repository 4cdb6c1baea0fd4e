//! The review on a small hand-built book whose every figure is known:
//! eight prospects over three weeks, reviewed for the week of Monday
//! November 16, 2026, then changed afterwards (the replay must not move).
//!
//! | who | added | contacts | in the week |
//! |---|---|---|---|
//! | Ada | Nov 2, 10,000 @ 50% | meeting Nov 2, reached Nov 4, voicemail Nov 16, reached Nov 17 | won Nov 17 (4 contacts) |
//! | Bob | Nov 16, 5,000 @ 20% | meeting Nov 16 | won Nov 16 (1 contact) |
//! | Cy `<script>` | Nov 10, 8,000 @ 40% | meeting Nov 10 | lost Nov 18, "Price" (1 contact) |
//! | Di | Nov 3, 2,000 @ 25% | meeting Nov 3, reached Nov 5 | lost Nov 19, " price " (2 contacts) |
//! | Ed | Nov 17, 3,000 @ 30% | meeting Nov 17, reached Nov 19 | followed up after 2 days |
//! | Flo | Nov 18, 1,000 @ 10% | meeting Nov 18 | step moved Nov 19; not followed up (5 days) |
//! | Gus | Nov 2, 4,000 @ 50% | meeting Nov 2 | no next step |
//! | Hal | Nov 2 | meeting Nov 2, next step Dec 1 | gone quiet |

use chrono::{DateTime, Local, NaiveDate, TimeZone};

use super::*;
use crate::app::{self, Context, Finish, LogRequest, NextRequest, ReopenRequest};
use crate::domain::{Money, Outcome, Probability, ProspectId, ProspectPatch};
use crate::store::Book;

fn at(day: u32, hour: u32) -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 11, day, hour, 0, 0)
        .single()
        .unwrap()
}

struct Fixture {
    book: Book,
    ctx: Context,
    ids: Vec<ProspectId>,
}

impl Fixture {
    fn add(
        &mut self,
        name: &str,
        day: u32,
        value: Option<(i64, i64)>,
        next: Option<&str>,
    ) -> ProspectId {
        let fields = ProspectPatch {
            name: Some(name.into()),
            value: value.map(|(v, _)| Some(Money::from_cents(v * 100))),
            probability: value.map(|(_, p)| Some(Probability::new(p).unwrap())),
            ..Default::default()
        };
        let next = next.map(NextRequest::call);
        let (p, _) =
            app::add_prospect(&mut self.book, &self.ctx, at(day, 9), fields, next.as_ref())
                .unwrap();
        self.log(p.id, day, 9, Outcome::Meeting, None);
        self.ids.push(p.id);
        p.id
    }

    fn log(&mut self, id: ProspectId, day: u32, hour: u32, outcome: Outcome, next: Option<&str>) {
        let mut request = LogRequest::outcome(outcome);
        request.next = next.map(NextRequest::call);
        app::log_attempt(&mut self.book, &self.ctx, at(day, hour), id, &request).unwrap();
    }

    fn finish(&mut self, id: ProspectId, day: u32, finish: Finish) {
        app::finish_prospect(&mut self.book, &self.ctx, at(day, 15), id, &finish).unwrap();
    }

    fn review(&self, now: DateTime<Local>) -> Report {
        let week = Period::week(NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(), &now).unwrap();
        app::flow_report(&self.book, &self.ctx, week).unwrap()
    }
}

fn book() -> Fixture {
    let mut f = Fixture {
        book: Book::open_in_memory().unwrap(),
        ctx: Context::builtin(),
        ids: Vec::new(),
    };
    let ada = f.add("Ada", 2, Some((10_000, 50)), None);
    let gus = f.add("Gus", 2, Some((4_000, 50)), None);
    let hal = f.add("Hal", 2, None, Some("dec 1"));
    let di = f.add("Di", 3, Some((2_000, 25)), None);
    f.log(ada, 4, 11, Outcome::Reached, Some("nov 16"));
    f.log(di, 5, 11, Outcome::Reached, None);
    let cy = f.add(
        "Cy <script>alert(\"x\")</script> & Co",
        10,
        Some((8_000, 40)),
        None,
    );
    let bob = f.add("Bob", 16, Some((5_000, 20)), None);
    f.log(ada, 16, 10, Outcome::Voicemail, None);
    f.finish(bob, 16, Finish::Won);
    let ed = f.add("Ed", 17, Some((3_000, 30)), Some("nov 19"));
    f.log(ada, 17, 11, Outcome::Reached, None);
    f.finish(ada, 17, Finish::Won);
    let flo = f.add("Flo", 18, Some((1_000, 10)), Some("nov 20"));
    f.finish(cy, 18, Finish::Lost(Some("Price".into())));
    f.log(ed, 19, 14, Outcome::Reached, Some("nov 30"));
    app::set_next_step(
        &mut f.book,
        &f.ctx,
        at(19, 16),
        flo,
        &NextRequest::call("nov 27"),
    )
    .unwrap();
    f.finish(di, 19, Finish::Lost(Some(" price ".into())));
    let _ = (gus, hal);
    f
}

/// Cents in whole dollars.
fn dollars(n: i64) -> i64 {
    n * 100
}

fn counts(bars: &[Bar]) -> Vec<u64> {
    bars.iter().map(|b| b.count).collect()
}

#[test]
fn every_figure_of_a_known_week() {
    let f = book();
    let r = f.review(at(25, 9));
    // Won and lost.
    let o = &r.outcomes;
    assert_eq!((o.won.count, o.won.value_cents), (2, dollars(15_000)));
    assert_eq!((o.lost.count, o.lost.value_cents), (2, dollars(10_000)));
    assert_eq!(o.closed_out.count, 0);
    assert_eq!(o.lost_reasons.len(), 1, "{:?}", o.lost_reasons);
    assert_eq!(o.lost_reasons[0].reason.as_deref(), Some("Price"));
    assert_eq!(
        (o.lost_reasons[0].count, o.lost_reasons[0].value_cents),
        (2, dollars(10_000))
    );
    let names: Vec<(&str, u64)> = o
        .finished
        .iter()
        .map(|x| (&x.name[..2], x.contacts))
        .collect();
    assert_eq!(names, [("Bo", 1), ("Ad", 4), ("Cy", 1), ("Di", 2)]);
    // Contacts to win: Bob on the 1st, Ada on the 4th.
    let c = &r.contacts_to_win;
    assert_eq!((c.wins, c.median), (2, Some(1)));
    assert_eq!(counts(&c.bars), [1, 0, 0, 1, 0, 0]);
    assert_eq!(c.bars[0].percent, 50);
    assert_eq!(c.bars[4].brief_percent, Some(80));
    // Where follow-up stopped: Cy never followed up, Di after two.
    let s = &r.stopped;
    assert_eq!(s.finished, 2);
    assert_eq!(counts(&s.bars), [1, 1, 0, 0]);
    assert_eq!(s.bars[0].brief_percent, Some(48));
    assert_eq!(
        (s.active_at_end, s.no_next_step, s.gone_quiet, s.overdue),
        (4, 1, 1, 0)
    );
    // Speed: Ed after 2 days, Flo not yet after 5 (Bob won at the quote).
    let sp = &r.speed;
    assert_eq!(sp.quoted, 2, "{sp:?}");
    assert_eq!(counts(&sp.bars), [0, 1, 0, 0, 0, 1]);
    assert_eq!(sp.median_days, Some(2));
    // Ada's step of Nov 16 done by the voicemail (on time), the series'
    // retry done late by the call of Nov 17, Ed's Nov 19 step on time;
    // Flo's moved once.
    assert_eq!((sp.steps_done, sp.on_time, sp.late), (3, 2, 1));
    assert_eq!((sp.on_time_percent, sp.rescheduled), (67, 1));
    // Pipeline: Ada 5,000 + Cy 3,200 + Di 500 + Gus 2,000 at the start;
    // Ed 900 + Flo 100 + Gus 2,000 at the end.
    let p = &r.pipeline;
    let n = p.weeks.len();
    assert_eq!(p.weeks[n - 2].weighted_cents, dollars(10_700));
    assert_eq!(p.weeks[n - 1].weighted_cents, dollars(3_000));
    assert_eq!(
        (p.entered.count, p.entered.value_cents),
        (3, dollars(9_000))
    );
    assert_eq!((p.won.count, p.lost.count, p.reopened.count), (2, 2, 0));
    // The series: Ada answered after the first voicemail, reached at the
    // call of the second step.
    assert_eq!(r.series.len(), 2, "{:?}", r.series);
    let step = &r.series[0];
    assert_eq!(
        (step.step, step.performed, step.answered, step.unanswered),
        (1, 1, 1, 0)
    );
    assert_eq!(step.answered_percent, 100);
    assert_eq!(step.label, "VM 1 · agreed time");
    assert_eq!(
        (
            r.series[1].step,
            r.series[1].performed,
            r.series[1].reached_at_step
        ),
        (2, 0, 1)
    );
}

#[test]
fn a_past_week_replays_the_same_after_later_changes() {
    let mut f = book();
    let before = f.review(at(25, 9));
    let [ada, _gus, _hal, di, cy, _bob, ed, flo] = f.ids[..] else {
        panic!("eight prospects");
    };
    // The next week: Ed won, Flo called, Di reopened, Ada's value edited,
    // Cy reopened and lost again with another reason.
    f.finish(ed, 24, Finish::Won);
    f.log(flo, 24, 10, Outcome::Reached, Some("nov 26"));
    let reopen = ReopenRequest {
        next: NextRequest::call("nov 27"),
        reason: Some("called back".into()),
    };
    app::reopen_prospect(&mut f.book, &f.ctx, at(24, 11), di, &reopen).unwrap();
    let edit = ProspectPatch {
        value: Some(Some(Money::from_cents(1))),
        name: Some("Ada Renamed".into()),
        ..Default::default()
    };
    app::edit_prospect(&mut f.book, &f.ctx, at(24, 12), ada, edit.into()).unwrap();
    app::reopen_prospect(&mut f.book, &f.ctx, at(24, 13), cy, &reopen).unwrap();
    f.finish(cy, 24, Finish::Lost(Some("Timing".into())));
    let after = f.review(at(25, 9));
    assert_eq!(before, after);
    // This week's review sees them.
    let this_week =
        Period::week(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(), &at(25, 9)).unwrap();
    let now = app::flow_report(&f.book, &f.ctx, this_week).unwrap();
    assert_eq!((now.outcomes.won.count, now.outcomes.lost.count), (1, 1));
    assert_eq!(
        now.pipeline.reopened.count, 2,
        "Di back; Cy reopened and lost again"
    );
}

#[test]
fn an_empty_book_reviews_to_zeros() {
    let f = Fixture {
        book: Book::open_in_memory().unwrap(),
        ctx: Context::builtin(),
        ids: Vec::new(),
    };
    let r = f.review(at(25, 9));
    assert_eq!(r.outcomes.won.count, 0);
    assert!(r.pipeline.weeks.iter().all(|w| w.weighted_cents == 0));
    assert!(r.contacts_to_win.bars.iter().all(|b| b.percent == 0));
    assert_eq!(r.contacts_to_win.median, None);
}

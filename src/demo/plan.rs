//! Pure generation of a sample book's records: who is in it, in which
//! state, and each prospect's history. Every prospect draws from its own
//! random streams, so it can be generated twice (once to sort by creation
//! time, once to write) and comes out the same.

use chrono::Duration;

use super::DemoOptions;
use super::active::{self, ActiveKind};
use super::calendar::Calendar;
use super::chase::Chase;
use super::names::{self, ascii_fold};
use super::rng::Rng;
use super::timeline::{self, Event, PlannedAttempt, PlannedStep};
use crate::domain::Status;

/// What a prospect is in the generated book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Bought.
    Won,
    /// Said no.
    Lost,
    /// The series ended unanswered.
    ClosedOut,
    /// Still deciding.
    Active(ActiveKind),
}

/// How many prospects of each role: about 5% active (at least 25 when the
/// book is small, so the queues have something to show), the rest finished.
pub(super) fn roles(n: usize) -> Vec<Role> {
    let active = n.div_ceil(20).max(n.min(25));
    let finished = n - active;
    let mut left = active;
    let mut take = |wanted: usize| {
        let k = wanted.min(left);
        left -= k;
        k
    };
    let share = |percent: usize| active * percent / 100;
    let counts = [
        (ActiveKind::Due, take(share(6).max(6))),
        (ActiveKind::Overdue, take(share(4).max(4))),
        (ActiveKind::NoStep, take(share(2).max(3))),
        (ActiveKind::Quiet, take(share(2).max(2))),
        (ActiveKind::Paused, take(share(1).max(2))),
    ];
    let mut roles = Vec::with_capacity(n);
    for (kind, count) in counts {
        roles.extend(std::iter::repeat_n(Role::Active(kind), count));
    }
    roles.extend(std::iter::repeat_n(Role::Active(ActiveKind::Future), left));
    let won = finished * 30 / 95;
    let lost = finished * 35 / 95;
    roles.extend(std::iter::repeat_n(Role::Won, won));
    roles.extend(std::iter::repeat_n(Role::Lost, lost));
    roles.extend(std::iter::repeat_n(Role::ClosedOut, finished - won - lost));
    roles
}

/// A prospect's history and state.
#[derive(Debug, Clone)]
pub(super) struct Timeline {
    /// Its role.
    pub role: Role,
    /// Attempts, oldest first (never empty).
    pub attempts: Vec<PlannedAttempt>,
    /// The open next step, if any.
    pub open: Option<PlannedStep>,
    /// A done next step, for history.
    pub history: Option<PlannedStep>,
    /// Series steps performed in the current chase.
    pub performed: u32,
    /// Series paused.
    pub paused: bool,
    /// When it was won, lost or closed out.
    pub closed_at: Option<i64>,
}

impl Timeline {
    /// When the prospect was created: at the quote visit.
    pub fn created(&self) -> i64 {
        self.attempts.first().map_or(0, |a| a.at)
    }

    /// The newest attempt.
    pub fn last_contact(&self) -> i64 {
        self.attempts.last().map_or(0, |a| a.at)
    }

    /// The status it ends in.
    pub fn status(&self) -> Status {
        match self.role {
            Role::Won => Status::Won,
            Role::Lost => Status::Lost,
            Role::ClosedOut => Status::ClosedOut,
            Role::Active(_) => Status::Active,
        }
    }
}

/// A prospect's own fields.
#[derive(Debug, Clone)]
pub(super) struct Fields {
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub product: &'static str,
    pub value_cents: i64,
    pub probability: u8,
    pub objection: Option<&'static str>,
    pub decision: Option<&'static str>,
    pub notes: Option<String>,
    pub lost_reason: Option<&'static str>,
}

/// Everything needed to generate the book.
#[derive(Debug)]
pub(super) struct Planner {
    cal: Calendar,
    chase: Chase,
    seed: u64,
    roles: Vec<Role>,
    /// Preferred series positions of the first active prospects.
    spread: Vec<u32>,
}

/// The preferred series position (steps performed) of each of the first
/// active prospects (0: none). Together they take every step before the
/// breakup voicemail: steps retried the same day can only be due or late
/// today, so they go to those; steps followed by days of waiting fit a
/// later day best.
fn spread(roles: &[Role], chase: &Chase) -> Vec<u32> {
    let (same_day, later): (Vec<u32>, Vec<u32>) =
        (1..chase.len()).partition(|k| chase.same_day_max(*k).is_some());
    let order = |kind: ActiveKind| -> Vec<u32> {
        match kind {
            ActiveKind::Due => same_day
                .iter()
                .chain(later.iter().take(2))
                .copied()
                .collect(),
            ActiveKind::Overdue => same_day.iter().chain(later.iter().rev()).copied().collect(),
            ActiveKind::Future => later.clone(),
            ActiveKind::NoStep | ActiveKind::Quiet | ActiveKind::Paused => Vec::new(),
        }
    };
    let orders: Vec<(ActiveKind, Vec<u32>)> =
        [ActiveKind::Due, ActiveKind::Overdue, ActiveKind::Future]
            .into_iter()
            .map(|k| (k, order(k)))
            .collect();
    let mut rank = [0usize; 6];
    roles
        .iter()
        .map_while(|r| match r {
            Role::Active(kind) => Some(*kind),
            _ => None,
        })
        .map(|kind| {
            let r = &mut rank[kind as usize];
            let k = orders
                .iter()
                .find(|(of, _)| *of == kind)
                .and_then(|(_, o)| o.get(*r))
                .copied()
                .unwrap_or(0);
            *r += 1;
            k
        })
        .collect()
}

/// Random streams per prospect.
const TIMELINE: u64 = 1;
const FIELDS: u64 = 2;

impl Planner {
    /// A planner for `options`.
    pub fn new(options: &DemoOptions) -> Planner {
        let cal = Calendar::new(options.now, &options.hours);
        let chase = Chase::builtin(&cal);
        let roles = roles(options.prospects);
        Planner {
            spread: spread(&roles, &chase),
            cal,
            chase,
            seed: options.seed,
            roles,
        }
    }

    /// How many prospects.
    pub fn len(&self) -> usize {
        self.roles.len()
    }

    /// The calendar (for classifying windows).
    pub fn calendar(&self) -> &Calendar {
        &self.cal
    }

    /// Prospect `i`'s history.
    pub fn timeline(&self, i: usize) -> Timeline {
        let (cal, chase) = (&self.cal, &self.chase);
        let mut rng = Rng::stream(self.seed, TIMELINE, i as u64);
        let role = self.roles.get(i).copied().unwrap_or(Role::Won);
        let mut events = vec![Event::Visit];
        let (last, performed, paused, open) = match role {
            Role::Won => {
                // The contacts the sale took, as the brief has it.
                match contacts_to_win(&mut rng) {
                    1 => events = vec![Event::SignedAtVisit],
                    n => {
                        events.extend(timeline::rounds(&mut rng, n - 2));
                        events.push(Event::Won);
                    }
                }
                (self.finished_at(&mut rng), 0, false, None)
            }
            Role::Lost => {
                let n = rng_u32(&mut rng, 0, 14);
                events.extend(timeline::rounds(&mut rng, n));
                events.push(Event::Lost);
                (self.finished_at(&mut rng), 0, false, None)
            }
            Role::ClosedOut => {
                let n = rng_u32(&mut rng, 0, 5);
                events.extend(timeline::rounds(&mut rng, n));
                events.extend((1..=chase.len()).map(Event::Step));
                (self.finished_at(&mut rng), chase.len(), false, None)
            }
            Role::Active(kind) => {
                // The first prospects of each kind take the series positions
                // that kind can show, so even the small book shows the whole
                // series (VM 1 to the breakup voicemail); after them, about a
                // third were agreed a next step rather than being chased.
                let pref = match self.spread.get(i).copied().filter(|k| *k > 0) {
                    Some(k) => k,
                    None if rng.chance(35) => 0,
                    None => 1 + (i % 9) as u32,
                };
                let end = active::place(cal, chase, &mut rng, kind, pref);
                let n = rng_u32(&mut rng, 0, 5);
                events.extend(timeline::rounds(&mut rng, n));
                events.extend((1..=end.performed).map(Event::Step));
                (end.last, end.performed, end.paused, end.open)
            }
        };
        let attempts = timeline::attempts(cal, chase, &mut rng, &events, last);
        let newest = attempts.last().map_or(0, |a| a.at);
        let closed_at = match role {
            Role::Active(_) => None,
            Role::ClosedOut => Some(newest),
            _ => Some(newest + rng.range(0, 20) * 60),
        };
        let history = timeline::history_step(cal, &mut rng, &attempts);
        let open = open.map(|(action, start, end, note)| PlannedStep {
            action,
            start,
            end,
            note,
            created: newest,
            done: None,
        });
        Timeline {
            role,
            attempts,
            open,
            history,
            performed,
            paused,
            closed_at,
        }
    }

    /// When a finished prospect's last attempt was: a working day in the
    /// past three years (the last twelve weeks in a small book, see
    /// `span`).
    fn finished_at(&self, rng: &mut Rng) -> chrono::NaiveDateTime {
        let cal = &self.cal;
        let days = super::span::finished_within_days(self.roles.len());
        let mut date = cal.today - Duration::days(rng.range(1, days));
        // Draw again on days off, so every working day is as likely.
        for _ in 0..8 {
            if cal.is_working(date) {
                break;
            }
            date = cal.today - Duration::days(rng.range(1, days));
        }
        let date = cal.on_or_before(date);
        cal.business_time(rng, date)
    }

    /// Prospect `i`'s own fields, given its history.
    pub fn fields(&self, i: usize, timeline: &Timeline) -> Fields {
        let mut rng = Rng::stream(self.seed, FIELDS, i as u64);
        let (name, email_name) = if rng.chance(3) {
            let (name, romanised) = rng
                .pick_ref(names::CJK_NAMES)
                .copied()
                .unwrap_or(("Lee", "lee"));
            (name.to_string(), romanised.to_string())
        } else {
            let first = rng.pick(names::FIRST_NAMES);
            let last = rng.pick(names::LAST_NAMES);
            let (f, l) = (ascii_fold(first), ascii_fold(last));
            let local = match rng.below(4) {
                0 => format!("{f}.{l}"),
                1 => format!("{f}{l}"),
                2 => format!("{}{l}", f.chars().next().unwrap_or('x')),
                _ => format!("{f}.{l}{}", rng.range(1, 99)),
            };
            (format!("{first} {last}"), local)
        };
        let company = rng.chance(35).then(|| {
            rng.pick(names::COMPANIES)
                .replace("{last}", rng.pick(names::LAST_NAMES))
        });
        let domain = match &company {
            Some(c) => {
                let slug: String = ascii_fold(c).chars().take(18).collect();
                format!("{slug}.example.com")
            }
            None => rng
                .pick(&["example.com", "example.net", "example.org"])
                .to_string(),
        };
        let email = rng.chance(88).then(|| format!("{email_name}@{domain}"));
        let phone = rng.chance(95).then(|| {
            format!(
                "({}) 555-01{:02}",
                rng.pick(names::AREA_CODES),
                rng.below(100)
            )
        });
        let (product, lo, hi) = rng
            .pick_ref(names::PRODUCTS)
            .copied()
            .unwrap_or(("Windows", 1_500, 60_000));
        let dollars = rng.range(lo, hi);
        let value_cents = match rng.below(10) {
            0..=6 => (dollars / 50).max(1) * 50 * 100,
            7 | 8 => dollars / 10 * 10 * 100,
            _ => dollars * 100 + rng.range(1, 99),
        };
        let (lo, hi) = match timeline.role {
            Role::Won => (8, 18),
            Role::Lost => (2, 12),
            _ => (2, 18),
        };
        let probability = (rng.range(lo, hi) * 5) as u8;
        let objection = rng.chance(90).then(|| rng.pick(names::OBJECTIONS));
        let decision = rng.chance(85).then(|| rng.pick(names::DECISIONS));
        let lost_reason = (timeline.role == Role::Lost).then(|| rng.pick(names::LOST_REASONS));
        let with_notes = matches!(timeline.role, Role::Active(_)) || rng.chance(85);
        let notes = with_notes.then(|| {
            let visit = self.cal.naive(timeline.created()).format("%a %b %-d");
            let who = if company.is_some() {
                rng.pick(&["the owner", "the office manager", "the property manager"])
            } else {
                rng.pick(&[
                    "both owners",
                    "her and her partner",
                    "him and his daughter",
                    "the homeowner",
                ])
            };
            let mut lower = product.chars();
            let product_lc: String = lower
                .next()
                .map(|c| c.to_lowercase().chain(lower).collect())
                .unwrap_or_default();
            format!(
                "{visit} visit: went over the {product_lc} quote with {who}. Goal: {}. \
                 Liked {}; worried about {}. {}",
                rng.pick(names::GOALS),
                rng.pick(names::LIKED),
                rng.pick(names::CONCERNS),
                rng.pick(names::PROMISES),
            )
        });
        Fields {
            name,
            company,
            phone,
            email,
            product,
            value_cents,
            probability,
            objection,
            decision,
            notes,
            lost_reason,
        }
    }
}

/// How many contacts a sale takes (the quote visit the first): 2% on the
/// 1st, 3% on the 2nd, 5% on the 3rd, 10% on the 4th and 80% on the 5th to
/// the 12th, the breakdown the flow review compares with.
fn contacts_to_win(rng: &mut Rng) -> u32 {
    match rng.below(100) {
        0..=1 => 1,
        2..=4 => 2,
        5..=9 => 3,
        10..=19 => 4,
        _ => rng_u32(rng, 5, 12),
    }
}

/// A number in `lo..=hi`.
fn rng_u32(rng: &mut Rng, lo: u32, hi: u32) -> u32 {
    u32::try_from(rng.range(i64::from(lo), i64::from(hi))).unwrap_or(lo)
}

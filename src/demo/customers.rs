//! The sample book's customers: the newest wins have their after-sale plan
//! under way, each at another item (one has hit a back-order), so the
//! cockpit shows customers mid-checklist in today's queues.

use chrono::{DateTime, Duration, Utc};

use super::DemoOptions;
use crate::aftersale::{Plan, PlanItem, due_window};
use crate::domain::{
    Channel, Money, NewAttempt, NewNextStep, NewProspect, Outcome, Probability, ProspectId,
    ProspectPatch, Status, StepResolution,
};
use crate::schedule::Window;
use crate::store::{self, StoreError, Tx};

/// Wins this recent may get a plan (its last check is six months on).
pub(super) const RECENT_DAYS: i64 = 240;
/// At most this many customers.
pub(super) const MOST: usize = 6;
/// At least this many customers in a sample for trying the cockpit (fresh
/// ones make up the rest).
pub(super) const WANT: usize = 3;
/// Only a sample of at most this many prospects (the one `--demo` opens)
/// gets fresh customers: a larger book keeps exactly the number asked.
pub(super) const FRESH_UP_TO: usize = 100;
/// A customer whose open item would be later than this is left without a
/// plan (a sample book does not show the after-sale forgotten for months).
const MOST_DAYS_LATE: i64 = 9;

/// One item of a simulated plan: its window, and when it was ticked off
/// (`None`: the open one).
type Path<'a> = Vec<(&'a PlanItem, Window, Option<DateTime<Utc>>)>;

/// The plan of a customer won at `won`, ticked along as a diligent
/// consultant would up to `now`: every item whose day has passed, except
/// the first customer's first item (left late) and the second customer's
/// shipping (back-ordered). `None` when the open item would be too late.
fn simulate<'a>(
    plan: &'a Plan,
    options: &DemoOptions,
    n: usize,
    won: DateTime<Utc>,
    delivery: DateTime<Utc>,
) -> Option<Path<'a>> {
    let now = options.now.to_utc();
    let mut path = Vec::new();
    let mut item = plan.first();
    let mut previous = won;
    while let Some(current) = item {
        let window = due_window(current, won, Some(delivery), previous, &options.hours);
        let ticked = window.start.max(previous) + Duration::hours(2);
        let last = plan.after(&current.key).is_none();
        if (n == 0 && path.is_empty()) || last || ticked >= now - Duration::days(1) {
            if (now - window.end).num_days() > MOST_DAYS_LATE {
                return None;
            }
            path.push((current, window, None));
            return Some(path);
        }
        path.push((current, window, Some(ticked)));
        previous = ticked;
        item = match (n, current.key.as_str()) {
            (1, "shipped") => plan.backorder_of(&current.key),
            _ => plan.after(&current.key),
        };
    }
    None
}

/// Starts the plan of the newest wins (`won`: the prospect and when it was
/// won, newest first) and ticks it along; returns the open item's window
/// of each customer, for the stats.
pub(super) fn add(
    tx: &Tx<'_>,
    options: &DemoOptions,
    won: &[(ProspectId, DateTime<Utc>)],
) -> Result<Vec<Window>, StoreError> {
    let plan = Plan::builtin();
    let mut open = Vec::new();
    for &(id, at) in won {
        if open.len() == MOST {
            break;
        }
        let delivery = at + Duration::days(7 + (open.len() as i64 % 3) * 3);
        let Some(path) = simulate(&plan, options, open.len(), at, delivery) else {
            continue;
        };
        store::record_purchase(tx, id, Some(delivery), at)?;
        let mut created = at;
        for (item, window, ticked) in path {
            let mut step = NewNextStep::in_window(item.action, window, Some(item.label.clone()));
            step.plan_item = Some(item.key.clone());
            let step_id = store::insert_step(tx, id, &step, created)?;
            match ticked {
                Some(t) => {
                    if let Some(s) = store::step(tx, step_id)? {
                        store::close_step(tx, &s, StepResolution::Done, t)?;
                    }
                    created = t;
                }
                None => open.push(window),
            }
        }
    }
    Ok(open)
}

/// Customers the sample adds when its own wins are too old to be under
/// way (a small sample may have none in months): name, company, product,
/// value in cents, and how many days ago they bought.
const FRESH: &[(&str, &str, &str, i64, i64)] = &[
    (
        "Noor Haddad",
        "Haddad Dental",
        "Reception glazing",
        1_240_000,
        1,
    ),
    ("Tom Becker", "", "Sliding patio door", 480_000, 12),
    (
        "Inês Duarte",
        "Duarte Bakery",
        "Storefront windows",
        2_150_000,
        26,
    ),
];

/// Adds won customers from [`FRESH`] until there are `want` customers in
/// all (`have` already); returns the open item's window of each.
pub(super) fn add_fresh(
    tx: &Tx<'_>,
    options: &DemoOptions,
    have: usize,
    want: usize,
) -> Result<Vec<Window>, StoreError> {
    let now = options.now.to_utc();
    let plan = Plan::builtin();
    let mut open = Vec::new();
    for &(name, company, product, cents, days) in FRESH {
        if have + open.len() >= want {
            break;
        }
        let won = now - Duration::days(days);
        let met = won - Duration::days(9);
        let fields = ProspectPatch {
            name: Some(name.into()),
            company: Some(company.into()).filter(|c: &String| !c.is_empty()),
            product: Some(product.into()),
            value: Some(Some(Money::from_cents(cents))),
            probability: Some(Probability::new(90).ok()),
            ..Default::default()
        };
        let new = NewProspect::new(fields).map_err(|e| StoreError::Sql(e.to_string()))?;
        let id = store::insert_prospect(tx, &new, met - Duration::days(3))?;
        for (at, outcome) in [(met, Outcome::Meeting), (won, Outcome::Reached)] {
            let channel = match outcome {
                Outcome::Meeting => Channel::Visit,
                _ => Channel::Call,
            };
            store::insert_attempt(
                tx,
                &NewAttempt {
                    prospect_id: id,
                    at,
                    channel,
                    outcome,
                    note: None,
                    series_step: None,
                },
                at,
            )?;
            store::set_last_contact(tx, id, Some(at), at)?;
        }
        store::set_status(tx, id, Status::Won, None, won)?;
        let n = have + open.len();
        let delivery = won + Duration::days(7 + (n as i64 % 3) * 3);
        let Some(path) = simulate(&plan, options, n, won, delivery) else {
            continue;
        };
        store::record_purchase(tx, id, Some(delivery), won)?;
        let mut created = won;
        for (item, window, ticked) in path {
            let mut step = NewNextStep::in_window(item.action, window, Some(item.label.clone()));
            step.plan_item = Some(item.key.clone());
            let step_id = store::insert_step(tx, id, &step, created)?;
            match ticked {
                Some(t) => {
                    if let Some(s) = store::step(tx, step_id)? {
                        store::close_step(tx, &s, StepResolution::Done, t)?;
                    }
                    created = t;
                }
                None => open.push(window),
            }
        }
    }
    Ok(open)
}

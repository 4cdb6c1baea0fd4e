//! The sample book's debriefs: the book "started debriefing" three weeks
//! ago; most appointments since (meetings, quotes given) have both
//! debriefs, the two newest are still owed (so "no debrief" shows), and the
//! coaching sheet has themes to count. As in the cockpit, the coordinator's
//! figures move the estimate: most debriefs change the probability, some
//! the value, and the history keeps each change.

use chrono::{DateTime, Duration, Utc};

use super::DemoOptions;
use super::names::PRODUCTS;
use super::rng::Rng;
use crate::domain::{Money, NewDebrief, Probability, ProspectId, ProspectPatch};
use crate::store::{self, StoreError, Tx};

/// How far back the sample book asks for debriefs.
pub(super) const SINCE_DAYS: i64 = 21;
/// The newest meetings left without a debrief.
const LEFT_OWED: usize = 2;
/// The most debriefs written (a huge sample book needs no more).
const MOST: usize = 400;

const WELL: &[&str] = &[
    "Listened to their goals before talking product",
    "Measured on the spot",
    "Left a written quote",
    "Asked who else decides",
    "Agreed the follow-up time before leaving",
    "Showed samples they could touch",
    "Explained the warranty clearly",
    "Kept to the time they gave me",
    "Asked about their budget early",
    "Summed up what they need in their words",
];

const WORK_ON: &[&str] = &[
    "Ask for the order",
    "Ask for the order sooner",
    "Talk less about price",
    "Book the joint call with the other decision maker",
    "Spell out the cost of waiting",
    "Ask more open questions",
    "Confirm the decision date",
];

/// The earliest meeting that owes a debrief in the sample book.
pub(super) fn since(options: &DemoOptions) -> DateTime<Utc> {
    options.now.to_utc() - Duration::days(SINCE_DAYS)
}

/// Writes the debriefs of every owed meeting but the newest few.
pub(super) fn add(tx: &Tx<'_>, options: &DemoOptions) -> Result<usize, StoreError> {
    let owed = store::owed_debriefs(tx, MOST + LEFT_OWED)?;
    let keep = owed.len().saturating_sub(LEFT_OWED);
    let mut rng = Rng::stream(options.seed, 0xDEB, 0);
    let now = options.now.to_utc();
    for &(id, met) in &owed[..keep] {
        write_one(tx, &mut rng, id, (met + Duration::minutes(25)).min(now))?;
    }
    Ok(keep)
}

fn write_one(
    tx: &Tx<'_>,
    rng: &mut Rng,
    id: ProspectId,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let p = store::require_prospect(tx, id)?;
    // The estimate after the appointment: the probability moves by up to
    // 15 points either way (in steps of 5, within 10–90), the value is
    // revised on one debrief in three (by -10% to +15%, whole dollars).
    let probability = p.probability.map(|q| {
        let moved = i64::from(q.percent()) + (rng.range(0, 6) - 3) * 5;
        Probability::new(moved.clamp(10, 90)).unwrap_or(q)
    });
    let value = match p.value {
        Some(v) if rng.chance(33) => {
            // Within the dearest and cheapest products' range, as quoted.
            let lo = PRODUCTS.iter().map(|p| p.1).min().unwrap_or(1) * 100;
            let hi = PRODUCTS.iter().map(|p| p.2).max().unwrap_or(i64::MAX / 100) * 100;
            let cents = v.cents() * (90 + rng.range(0, 25)) / 100;
            Some(Money::from_cents((cents / 100 * 100).clamp(lo, hi)))
        }
        other => other,
    };
    if probability != p.probability || value != p.value {
        let patch = ProspectPatch {
            value: Some(value),
            probability: Some(probability),
            ..Default::default()
        };
        store::update_prospect(tx, id, &patch, at)?;
    }
    let first = rng.index(WELL.len());
    let well = [0, 3, 7].map(|k| WELL[(first + k) % WELL.len()].to_string());
    let new = NewDebrief::new(
        p.product.clone(),
        value,
        probability,
        None,
        well,
        rng.pick(WORK_ON).to_string(),
    )
    .map_err(|e| StoreError::Sql(e.to_string()))?;
    store::insert_debrief(tx, id, &new, at)?;
    Ok(())
}

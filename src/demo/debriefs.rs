//! The sample book's debriefs: the book "started debriefing" three weeks
//! ago; most meetings since have both debriefs, the two newest are still
//! owed (so "no debrief" shows), and the coaching sheet has themes to count.

use chrono::{DateTime, Duration, Utc};

use super::DemoOptions;
use super::rng::Rng;
use crate::domain::{NewDebrief, ProspectId};
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
    let first = rng.index(WELL.len());
    let well = [0, 3, 7].map(|k| WELL[(first + k) % WELL.len()].to_string());
    let new = NewDebrief::new(
        p.product.clone(),
        p.value,
        p.probability,
        None,
        well,
        rng.pick(WORK_ON).to_string(),
    )
    .map_err(|e| StoreError::Sql(e.to_string()))?;
    store::insert_debrief(tx, id, &new, at)?;
    Ok(())
}

//! When an item of the plan is due: a business day counted from the sale,
//! the delivery date or the item before.

use chrono::{DateTime, Days, Local, NaiveDate, TimeZone, Utc};

use super::{Anchor, PlanItem};
use crate::schedule::{BusinessHours, Window};

/// Days from the win to the delivery when none was asked.
pub const DELIVERY_UNKNOWN_DAYS: u64 = 7;

/// The business day `item` is due: its anchor's day (the sale `won`, the
/// `delivery` date, or `previous`, when the item before was ticked off)
/// plus its days, moved to the next business day when that is not one;
/// the whole business day, in local time.
pub fn due_window(
    item: &PlanItem,
    won: DateTime<Utc>,
    delivery: Option<DateTime<Utc>>,
    previous: DateTime<Utc>,
    hours: &BusinessHours,
) -> Window {
    let day = |t: DateTime<Utc>| t.with_timezone(&Local).date_naive();
    let anchor = match item.from {
        Anchor::Won => day(won),
        Anchor::Delivery => delivery.map(day).unwrap_or_else(|| {
            day(won)
                .checked_add_days(Days::new(DELIVERY_UNKNOWN_DAYS))
                .unwrap_or(day(won))
        }),
        Anchor::Previous => day(previous),
    };
    let mut date = anchor
        .checked_add_days(Days::new(u64::from(item.days)))
        .unwrap_or(anchor);
    if !hours.is_working_day(date) {
        date = hours.next_working_day(date);
    }
    business_day(date, hours)
}

fn business_day(date: NaiveDate, hours: &BusinessHours) -> Window {
    let at = |t| {
        Local
            .from_local_datetime(&date.and_time(t))
            .earliest()
            .map(|l| l.with_timezone(&Utc))
            .unwrap_or_default()
    };
    Window::new(at(hours.start), at(hours.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aftersale::Plan;

    fn local(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Local
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn items_fall_on_business_days_from_their_anchor() {
        let plan = Plan::builtin();
        let hours = BusinessHours::default();
        // Won on Friday 4 Dec 2026, delivery asked for Wednesday 9 Dec.
        let won = local(2026, 12, 4, 15);
        let delivery = Some(local(2026, 12, 9, 8));
        let due = |key: &str, previous| {
            let w = due_window(plan.item(key).unwrap(), won, delivery, previous, &hours);
            w.start.with_timezone(&Local).date_naive().to_string()
        };
        assert_eq!(due("order-entered", won), "2026-12-04");
        assert_eq!(due("shipped", won), "2026-12-09");
        // Ticked "arrived" on Friday 11th: three days on is Monday the 14th.
        assert_eq!(due("in-use", local(2026, 12, 11, 10)), "2026-12-14");
        // 25 days after the sale is a Tuesday.
        assert_eq!(due("personal-touch", won), "2026-12-29");
        // Without a delivery date, a week after the sale.
        let w = due_window(plan.item("shipped").unwrap(), won, None, won, &hours);
        assert_eq!(
            w.start.with_timezone(&Local).date_naive().to_string(),
            "2026-12-11"
        );
    }
}

//! The after-sale ("true") follow-up: the checklist a won customer gets,
//! as data the user can edit like the voicemail series (the built-in
//! `assets/after-sale.toml`, replaced by `after-sale.toml` in the config
//! folder). Pure apart from reading that file; the app turns items into
//! next steps.

mod due;
mod plan;

pub use due::{DELIVERY_UNKNOWN_DAYS, due_window};
pub use plan::{
    AFTER_SALE_FILE, Anchor, DEFAULT_PLAN_TOML, Plan, PlanFileError, PlanItem, Progress,
};

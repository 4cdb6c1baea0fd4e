//! The book: the only code that speaks SQL.
//!
//! One SQLite file, opened with WAL and a busy timeout so the cockpit and a
//! command in another terminal can both write it. Every write is one
//! transaction begun IMMEDIATE; every list is an indexed query with a limit.

mod adopt;
mod agenda;
mod attempts;
mod backup;
mod browse;
mod bulk;
mod bulk_triggers;
mod checkpoint;
mod coaching;
mod convert;
mod debriefs;
mod error;
mod export;
mod files;
mod first_sync;
mod history;
mod history_check;
mod identity;
mod import;
mod merge;
mod migrations;
mod next_steps;
mod open;
mod owners;
mod parked;
mod prospects;
mod queue_counts;
mod queues;
mod report;
#[cfg(test)]
mod report_tests;
mod restore;
mod search;
mod search_side;
mod sync_meta;
mod team_board;
mod team_status;

pub use agenda::{AgendaKey, upcoming};
pub use attempts::{
    attempt, attempts_for, insert_attempt, last_attempt, last_conversation, newest_attempt_id,
    remove_attempt, restore_attempt,
};
pub use backup::{BackupInfo, backup_to, check_backup};
pub use browse::{BrowseFilter, BrowseKey, BrowseRow, BrowseSort, SortKey, browse};
pub use bulk::{BulkAttempt, BulkLoader, BulkProspect, BulkStep, bulk_load};
pub use checkpoint::{Checkpointed, IdleCheckpoints};
pub use coaching::{
    CoachingNote, a_prospect_of, coaching_cursor, coaching_notes, coaching_to_push,
    insert_coaching_note, mark_coaching_pushed, set_coaching_cursor, take_coaching_note,
};
pub use debriefs::{
    debrief, debriefs_for, debriefs_since, insert_debrief, owed_debriefs, set_debrief_from,
    set_debrief_removed,
};
pub use error::StoreError;
pub use export::{ExportRecord, ExportScope, StepScope, export_book, ids_for_completion};
pub use first_sync::{
    Applied, ApplyStage, apply_staged, first_sync_in_bulk, stage_changes, staged_count,
};
pub use history::{history_for, history_len};
pub use history_check::history_disagreements;
pub use identity::APPLICATION_ID;
pub use import::{
    adopt_uid, allow_large_transaction, prospect_by_email, prospect_by_phone, prospect_by_uid,
    prospect_count, with_indexes_after,
};
pub use merge::{changes_after, merge};
pub use migrations::{SCHEMA_VERSION, migrate_to};
pub use next_steps::{
    close_open_step, close_step, insert_step, open_step, plan_steps, remove_step, reopen_step,
    restore_step, step,
};
pub use open::{Book, OpenMode, Tx};
pub use owners::{set_owner, spread_owners};
pub use parked::{ParkedChange, park, parked_changes, parked_count, parked_entries, settle};
pub use prospects::{
    ProspectFilter, insert_prospect, list_prospects, prospect, prospect_owner, prospect_uid,
    record_purchase, remove_prospect, require_prospect, restore_prospect, set_last_contact,
    set_series, set_status, unremove_prospect, update_prospect,
};
pub use queue_counts::{QueueCounts, queue_counts, weighted_pipeline};
pub use queues::{owner_queue, today_queue};
pub use report::{
    ClosedStep, Consultant, Contact, FLOW_FIELDS, FlowChange, FlowRow, SeriesTouch, Standing,
    active_now, contacts_of, flow_changes_since, owned_by, owners, prospects_by_owner,
    rows_changed_since, rows_of, series_touches, standing_at, steps_closed, weighted_now,
    weighted_now_of,
};
pub use restore::restore_from;
pub use search::{book_is_empty, data_version, search_prospects};
pub use sync_meta::{
    SyncCursor, changes_between, changes_since, has_prospect, own_device, set_sync_cursor,
    sync_cursor,
};
pub use team_board::{WorkOn, set_team_role, team_role, work_on_since};
pub use team_status::{OwnerStatus, team_status};

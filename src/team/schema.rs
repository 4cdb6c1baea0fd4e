//! The server's schema: its own numbered migrations
//! (`server_migrations/NNN_*.sql`), applied in order by `followup team
//! init`, each recorded in `followup.schema_version`, all in one
//! transaction (a failed init leaves the server as it was).

use super::TeamError;
use super::hub::Hub;

/// The server migrations, in order; the version of each is its position
/// (1-based). Never edit one that has shipped: add the next.
const MIGRATIONS: &[&str] = &[
    include_str!("server_migrations/001_change_history.sql"),
    include_str!("server_migrations/002_debriefs.sql"),
    include_str!("server_migrations/003_coaching.sql"),
    include_str!("server_migrations/004_reassigned_at.sql"),
];

/// The server schema version this followup works with.
pub const SERVER_SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Serialises concurrent `team init`s.
const INIT_LOCK: i64 = 0x666f_6c6c_6f77;

/// What `team init` did: the version found and the version now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upgrade {
    /// The server's schema version before (0: none).
    pub from: i32,
    /// The version now.
    pub to: i32,
}

/// Creates or upgrades the team's schema on the server.
pub fn init(hub: &mut Hub) -> Result<Upgrade, TeamError> {
    hub.run(async |client| {
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&INIT_LOCK])
            .await?;
        tx.batch_execute(
            "CREATE SCHEMA IF NOT EXISTS followup; \
             CREATE TABLE IF NOT EXISTS followup.schema_version ( \
                 version    integer PRIMARY KEY, \
                 applied_at timestamptz NOT NULL DEFAULT now())",
        )
        .await?;
        let from: i32 = tx
            .query_one(
                "SELECT coalesce(max(version), 0) FROM followup.schema_version",
                &[],
            )
            .await?
            .try_get(0)?;
        if from > SERVER_SCHEMA_VERSION {
            return Err(too_new(from));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            let version = i as i32 + 1;
            tx.batch_execute(sql).await?;
            tx.execute(
                "INSERT INTO followup.schema_version (version) VALUES ($1)",
                &[&version],
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Upgrade {
            from,
            to: SERVER_SCHEMA_VERSION,
        })
    })
}

/// Refuses a server whose schema is missing or not the one this followup
/// knows.
pub fn check(hub: &mut Hub) -> Result<(), TeamError> {
    let version: Option<i32> = hub.run(async |client| {
        let exists: bool = client
            .query_one(
                "SELECT to_regclass('followup.schema_version') IS NOT NULL",
                &[],
            )
            .await?
            .try_get(0)?;
        if !exists {
            return Ok(None);
        }
        Ok(Some(
            client
                .query_one(
                    "SELECT coalesce(max(version), 0) FROM followup.schema_version",
                    &[],
                )
                .await?
                .try_get(0)?,
        ))
    })?;
    let Some(version) = version else {
        return Err(TeamError::Refused(
            "the server has no team schema yet; run `followup team init` there first".into(),
        ));
    };
    match version.cmp(&SERVER_SCHEMA_VERSION) {
        std::cmp::Ordering::Equal => Ok(()),
        std::cmp::Ordering::Greater => Err(too_new(version)),
        std::cmp::Ordering::Less => Err(TeamError::Refused(format!(
            "the server's team schema is version {version}, older than this followup's \
             {SERVER_SCHEMA_VERSION}; run `followup team init` to upgrade it"
        ))),
    }
}

fn too_new(version: i32) -> TeamError {
    TeamError::Refused(format!(
        "the server's team schema is version {version}, newer than this followup knows \
         ({SERVER_SCHEMA_VERSION}); upgrade followup"
    ))
}

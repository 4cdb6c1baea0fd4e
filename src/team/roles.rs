//! Team members: each is a PostgreSQL login role in one of the group roles
//! `followup_consultant`, `followup_coordinator`, `followup_manager`, which
//! the server's grants and row-level security policies name.

use super::TeamError;
use super::hub::Hub;

/// What a member may do (enforced by the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Works their own prospects: reads and writes only those.
    Consultant,
    /// Tracks every prospect: reads and writes all, may reassign them.
    Coordinator,
    /// Checks the strategy: reads everything.
    Manager,
}

impl Role {
    /// The word, as `member.kind` and the command line spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Consultant => "consultant",
            Role::Coordinator => "coordinator",
            Role::Manager => "manager",
        }
    }

    /// The group role on the server.
    pub fn group(self) -> &'static str {
        match self {
            Role::Consultant => "followup_consultant",
            Role::Coordinator => "followup_coordinator",
            Role::Manager => "followup_manager",
        }
    }

    /// The role a word names (`member.kind`, the command line's spelling).
    pub fn parse(word: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == word)
    }

    /// Every role.
    pub const ALL: [Role; 3] = [Role::Consultant, Role::Coordinator, Role::Manager];
}

/// A member name usable as a role name: letters, digits, `_`, `-` and `.`,
/// at most 63 bytes, not starting with `pg_` or `followup_` (reserved).
pub fn check_name(name: &str) -> Result<(), TeamError> {
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if name.is_empty() || name.len() > 63 || !ok_chars {
        return Err(TeamError::Refused(format!(
            "\"{name}\" cannot be a member name; use 1 to 63 letters, digits, _, - or ."
        )));
    }
    if name.starts_with("pg_") || name.starts_with("followup_") {
        return Err(TeamError::Refused(format!(
            "\"{name}\" is reserved; member names cannot start with pg_ or followup_"
        )));
    }
    Ok(())
}

/// A quoted identifier (the name is checked first, so this is belt and
/// braces).
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Creates member `name`'s login role (or takes the existing role) and puts
/// it in `role`'s group only; returns whether the role was new.
pub fn add_member(hub: &mut Hub, name: &str, role: Role) -> Result<bool, TeamError> {
    check_name(name)?;
    super::schema::check(hub)?;
    let who = ident(name);
    hub.run(async |client| {
        let tx = client.transaction().await?;
        let exists: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
                &[&name],
            )
            .await?
            .try_get(0)?;
        if !exists {
            tx.batch_execute(&format!("CREATE ROLE {who} LOGIN"))
                .await?;
        }
        for other in Role::ALL.into_iter().filter(|r| *r != role) {
            tx.batch_execute(&format!("REVOKE {} FROM {who}", other.group()))
                .await?;
        }
        tx.batch_execute(&format!("GRANT {} TO {who}", role.group()))
            .await?;
        tx.execute(
            "INSERT INTO followup.member (role, kind) VALUES ($1, $2) \
             ON CONFLICT (role) DO UPDATE SET kind = excluded.kind",
            &[&name, &role.as_str()],
        )
        .await?;
        tx.commit().await?;
        Ok(!exists)
    })
}

/// The connected member's role, as the team's member list has it (`None`:
/// the login is not a member, such as the server's administrator).
pub fn my_role(hub: &mut Hub) -> Result<Option<Role>, TeamError> {
    hub.run(async |client| {
        let row = client
            .query_opt(
                "SELECT kind FROM followup.member WHERE role = current_user",
                &[],
            )
            .await?;
        Ok(row.and_then(|r| Role::parse(r.get::<_, &str>(0))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_are_plain_role_names() {
        assert!(check_name("ada").is_ok());
        assert!(check_name("sam.carter-2").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("a b").is_err());
        assert!(check_name("x\"; DROP").is_err());
        assert!(check_name("pg_monitor").is_err());
        assert!(check_name("followup_manager").is_err());
        assert!(check_name(&"a".repeat(64)).is_err());
    }
}

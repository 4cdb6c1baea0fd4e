//! Members of a team on a throwaway server (`followup::team::testing`):
//! their books, configured to sync as their server role, and the team set
//! up on the server.

use super::Book;
use followup::team::testing::Pg;

/// A member's book whose `[team]` section is `team` (the server string
/// and any other keys), its profile named `name`.
pub fn member_with(name: &str, team: &str) -> Book {
    let book = Book::new();
    std::fs::create_dir_all(&book.config_dir).unwrap();
    std::fs::write(
        book.config_dir.join("config.toml"),
        format!("[profile]\nname = \"{name}\"\n\n[team]\n{team}\n"),
    )
    .unwrap();
    book
}

/// A member's book, its config naming the team's server as `role`.
pub fn member(pg: &Pg, role: &str, name: &str) -> Book {
    member_with(
        name,
        &format!("server = \"{}\"", pg.conn_str(role, "postgres")),
    )
}

/// Creates the team's schema on the server and adds `members` (server
/// role, kind), each checked, from `admin` (any book: `team` needs none).
pub fn team_from(pg: &Pg, admin: &Book, members: &[(&str, &str)]) {
    let init = admin.json_at(&admin.now, &["team", "init", "--server", &pg.admin()]);
    assert_eq!(init["from_version"], 0, "{init}");
    for (name, role) in members {
        let added = admin.json_at(
            &admin.now,
            &[
                "team",
                "add-member",
                name,
                "--role",
                role,
                "--server",
                &pg.admin(),
            ],
        );
        assert_eq!(added["created"], true, "{added}");
    }
}

/// [`team_from`] a book of its own.
pub fn team(pg: &Pg, members: &[(&str, &str)]) {
    team_from(pg, &Book::new(), members);
}

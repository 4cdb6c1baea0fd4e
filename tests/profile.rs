//! `followup profile`: sets `[profile]` in config.toml, keeping the rest of
//! the file, and the scripts then sign with it.

use assert_cmd::Command;
use predicates::str::contains;

fn followup(config: &std::path::Path, db: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("followup").unwrap();
    cmd.env("FOLLOWUP_CONFIG_DIR", config)
        .env_remove("FOLLOWUP_DB")
        .args(["--db", db.to_str().unwrap(), "--now", "2026-11-23T09:00"]);
    cmd
}

#[test]
fn profile_sets_prints_and_signs_the_scripts() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let db = tmp.path().join("book.db");
    followup(&config, &db)
        .arg("profile")
        .assert()
        .success()
        .stdout(contains("name     (not set)"));
    followup(&config, &db)
        .args([
            "profile",
            "--name",
            "Dana Reyes",
            "--company",
            "Reyes Roofing",
        ])
        .assert()
        .success()
        .stdout(contains("name     Dana Reyes"));
    let text = std::fs::read_to_string(config.join("config.toml")).unwrap();
    assert!(text.contains("name = \"Dana Reyes\""), "{text}");
    followup(&config, &db)
        .args(["add", "Pat Lee", "--next", "today 10:00"])
        .assert()
        .success();
    followup(&config, &db)
        .args(["script", "1"])
        .assert()
        .success()
        .stdout(contains("Dana Reyes"))
        .stdout(contains("Reyes Roofing"));
    // An empty value removes the key; the other keys stay.
    followup(&config, &db)
        .args(["profile", "--company", ""])
        .assert()
        .success()
        .stdout(contains("company  (not set)"))
        .stdout(contains("name     Dana Reyes"));
}

#[test]
fn profile_keeps_the_rest_of_the_file_and_refuses_a_broken_one() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    std::fs::create_dir(&config).unwrap();
    let file = config.join("config.toml");
    std::fs::write(
        &file,
        "# hours for winter\n[hours]\nend = \"17:00\" # dark early\n",
    )
    .unwrap();
    let db = tmp.path().join("book.db");
    followup(&config, &db)
        .args(["profile", "--name", "Dana"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("# hours for winter\n[hours]\nend = \"17:00\" # dark early\n"),
        "{text}"
    );
    assert!(text.contains("[profile]\nname = \"Dana\""), "{text}");
    std::fs::write(&file, "[hours\n").unwrap();
    followup(&config, &db)
        .args(["profile", "--name", "Dana"])
        .assert()
        .failure()
        .stderr(contains(file.display().to_string()))
        .stderr(contains(":1:"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "[hours\n");
}

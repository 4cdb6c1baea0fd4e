//! Tests of loading `config.toml`.

use super::*;
use chrono::NaiveTime;

#[test]
fn missing_file_means_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    assert_eq!(config.hours.value, BusinessHours::default());
    assert_eq!(config.quiet_days.value, 14);
    assert_eq!(config.default_series.source, Source::Default);
}

#[test]
fn reads_profile_and_hours_with_their_source() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "[profile]\nname = \"Sam Carter\"\nphone = \"555-0100\"\n\n[hours]\nstart = \"09:00\"\nend = \"17:30\"\ndays = [\"mon\", \"tue\", \"sat\"]\n\n[cockpit]\nquiet_days = 10\n",
    )
    .unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    assert_eq!(config.my_name.value.as_deref(), Some("Sam Carter"));
    assert_eq!(
        config.hours.value.start,
        NaiveTime::from_hms_opt(9, 0, 0).unwrap()
    );
    assert_eq!(
        config.hours.value.days,
        vec![Weekday::Mon, Weekday::Tue, Weekday::Sat]
    );
    assert_eq!(config.quiet_days.value, 10);
    assert!(matches!(config.hours.source, Source::File(_)));
    assert_eq!(config.my_company.source, Source::Default);
}

#[test]
fn reads_the_date_order() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    assert_eq!(config.date_order.value, None);
    std::fs::write(
        dir.path().join("config.toml"),
        "[schedule]\ndate_order = \"dmy\"\n",
    )
    .unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    assert_eq!(config.date_order.value, Some(DateOrder::Dmy));
    assert!(matches!(config.date_order.source, Source::File(_)));
}

#[test]
fn a_bad_file_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "[profile]\nname = \"Sam\"\n\n[hours]\nstart = \"25:00\"\n",
    )
    .unwrap();
    let err = Config::load_from(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("config.toml:5:") && err.contains("25:00"),
        "{err}"
    );
    std::fs::write(&path, "[profile]\nnmae = \"Sam\"\n").unwrap();
    let err = Config::load_from(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("config.toml:2:") && err.contains("nmae"),
        "{err}"
    );
    std::fs::write(&path, "[hours]\nstart = \"18:00\"\nend = \"09:00\"\n").unwrap();
    let err = Config::load_from(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("config.toml:3:") && err.contains("must be after"),
        "{err}"
    );
    std::fs::write(
        &path,
        "[profile]\nname = \"Sam\"\n\n[schedule]\ndate_order = \"ymd\"\n",
    )
    .unwrap();
    let err = Config::load_from(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("config.toml:5:") && err.contains("\"ymd\"") && err.contains("mdy"),
        "{err}"
    );
    std::fs::write(&path, "[hours]\nstart = \"18:00\"\nend = \"09:00\"\n").unwrap();
    let err = Config::load_from(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("config.toml:3:") && err.contains("must be after"),
        "{err}"
    );
}

#[test]
fn reads_days_off_into_the_business_days() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "[days_off]\ndates = [\"2026-12-25\", \"2026-12-28..2027-01-01\"]\n",
    )
    .unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    let date = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    assert!(matches!(config.days_off.source, Source::File(_)));
    assert_eq!(
        config.days_off.value.to_string(),
        "2026-12-25, 2026-12-28..2027-01-01"
    );
    let hours = &config.hours.value;
    assert!(!hours.is_working_day(date("2026-12-25")));
    assert!(hours.is_working_day(date("2026-12-24")));
    assert!(!hours.is_working_day(date("2026-12-31")));
    assert_eq!(
        hours.next_working_day(date("2026-12-24")),
        date("2027-01-04")
    );
    assert_eq!(
        hours.previous_working_day(date("2027-01-04")),
        date("2026-12-24")
    );
    // Without the section: no days off.
    let none = tempfile::tempdir().unwrap();
    let config = Config::load_from(none.path()).unwrap();
    assert!(config.days_off.value.is_empty());
    assert_eq!(config.days_off.source, Source::Default);
}

#[test]
fn a_bad_day_off_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    for (text, line, says) in [
        (
            "[profile]\nname = \"Sam\"\n\n[days_off]\ndates = [\n  \"2026-12-25\",\n  \"2026-13-01\",\n]\n",
            7,
            "\"2026-13-01\" is not a date",
        ),
        (
            "[days_off]\ndates = [\"2027-01-02..2026-12-24\"]\n",
            2,
            "ends before it starts",
        ),
        ("[days_off]\ndatse = [\"2026-12-25\"]\n", 2, "datse"),
        ("[days_off]\ndates = \"2026-12-25\"\n", 2, "sequence"),
    ] {
        std::fs::write(&path, text).unwrap();
        let err = Config::load_from(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains(&format!("config.toml:{line}:")) && err.contains(says),
            "{text}: {err}"
        );
    }
}

#[test]
fn reads_the_team_server_and_refuses_unknown_team_keys() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    assert_eq!(config.team_server.value, None, "no team by default");
    std::fs::write(
        dir.path().join("config.toml"),
        "[team]\nserver = \"host=db.example.com user=ada dbname=team\"\n",
    )
    .unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    assert_eq!(
        config.team_server.value.as_deref(),
        Some("host=db.example.com user=ada dbname=team")
    );
    assert!(matches!(config.team_server.source, Source::File(_)));
    std::fs::write(
        dir.path().join("config.toml"),
        "[team]\nserver = \"host=db\"\npassword = \"secret\"\n",
    )
    .unwrap();
    let err = Config::load_from(dir.path()).unwrap_err().to_string();
    assert!(err.contains("password"), "{err}");
}

#[test]
fn reads_how_often_the_cockpit_syncs() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    assert_eq!(config.team_sync_every.value.as_secs(), 300, "five minutes");
    std::fs::write(
        dir.path().join("config.toml"),
        "[team]\nserver = \"host=db\"\nsync_every = \"90s\"\n",
    )
    .unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    assert_eq!(config.team_sync_every.value.as_secs(), 90);
    assert_eq!(super::parse_every("2h").unwrap().as_secs(), 7200);
    assert_eq!(super::parse_every("10").unwrap().as_secs(), 600);
    for bad in ["5s", "often", "5 days", ""] {
        assert!(super::parse_every(bad).is_err(), "{bad}");
    }
    std::fs::write(
        dir.path().join("config.toml"),
        "[team]\nsync_every = \"soon\"\n",
    )
    .unwrap();
    let err = Config::load_from(dir.path()).unwrap_err().to_string();
    assert!(err.contains("sync_every"), "{err}");
}

#[test]
fn reads_how_long_a_sync_waits_for_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    assert_eq!(config.team_timeout.value.as_secs(), 30);
    std::fs::write(dir.path().join("config.toml"), "[team]\ntimeout = \"5s\"\n").unwrap();
    let config = Config::load_from(dir.path()).unwrap();
    assert_eq!(config.team_timeout.value.as_secs(), 5);
    assert_eq!(super::parse_timeout("2m").unwrap().as_secs(), 120);
    for bad in ["0s", "soon", "11m", ""] {
        assert!(super::parse_timeout(bad).is_err(), "{bad}");
    }
    std::fs::write(
        dir.path().join("config.toml"),
        "[team]\ntimeout = \"never\"\n",
    )
    .unwrap();
    let err = Config::load_from(dir.path()).unwrap_err().to_string();
    assert!(err.contains("timeout"), "{err}");
}

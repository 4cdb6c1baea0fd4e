//! A custom voicemail series, loaded and shown through the library.
//!
//! Reads every `*.toml` series in a folder (default: `examples/series`,
//! which holds `trade-show.toml`) with the same loader the cockpit uses,
//! reports any file that does not load (with its path and line), lists
//! each series' steps as `followup series` does, and fills the first
//! step's script for a sample prospect.
//!
//! ```sh
//! cargo run --example custom_series
//! cargo run --example custom_series -- ~/.config/followup/series
//! ```

use followup::series::{SeriesLibrary, TemplateContext, describe_series};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Loads the series in `dir` and writes what they are to `out`; returns
/// how many files failed to load.
pub fn run(dir: &Path, out: &mut impl Write) -> std::io::Result<usize> {
    let (library, errors) = SeriesLibrary::load(Some(dir));
    for error in &errors {
        writeln!(out, "not loaded: {error}")?;
    }
    // A sample prospect and salesperson for the placeholders.
    let sample = TemplateContext {
        first_name: Some("Dana".into()),
        name: Some("Dana Whitfield".into()),
        product: Some("a sunroom".into()),
        my_name: Some("Sam Carter".into()),
        my_company: Some("Carter Windows".into()),
        next_call: Some("on Thursday morning".into()),
        ..Default::default()
    };
    for series in library.iter() {
        writeln!(out, "{} — {}", series.name, series.description)?;
        for line in describe_series(series) {
            writeln!(out, "{line}")?;
        }
        if let Some(first) = series.steps.first() {
            writeln!(out, "\nStep 1, filled in for a sample prospect:\n")?;
            writeln!(out, "{}", first.script.render(&sample).trim_end())?;
        }
        writeln!(out)?;
    }
    Ok(errors.len())
}

fn main() -> std::process::ExitCode {
    let dir = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/series"),
        PathBuf::from,
    );
    match run(&dir, &mut std::io::stdout().lock()) {
        Ok(0) => std::process::ExitCode::SUCCESS,
        Ok(_) => std::process::ExitCode::from(1),
        Err(e) => {
            eprintln!("custom_series: {e}");
            std::process::ExitCode::from(1)
        }
    }
}

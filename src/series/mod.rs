//! The voicemail series: the steps a consultant works when a prospect does
//! not pick up, as data (TOML files plus a built-in default), their script
//! templates, and the pure engine that plans the next attempt.
//!
//! Nothing here reads the clock or the database; only the loader touches the
//! filesystem.

mod engine;
mod file;
pub(crate) use file::line_of as file_line;
mod load;
mod meeting;
mod model;
mod placeholder;
mod template;
mod times;

pub use engine::{
    EngineError, NextPlan, Plan, Position, Progress, current_step, next_call, plan_attempt,
    plan_without_series, progress, progress_bar,
};
pub use load::{DEFAULT_SERIES_NAME, DEFAULT_SERIES_TOML, SeriesFileError, SeriesLibrary};
pub use meeting::meeting_script;
pub use model::{Series, SeriesError, Step, StepKind};
pub use placeholder::{Placeholder, TemplateContext};
pub use template::{Template, TemplateError};
pub use times::{format_suggested_times, suggested_times};

/// One line per step, for a `followup series` listing:
/// `  1. voicemail  VM 1 · agreed time        then in 15 min`.
/// The final step reads `then close out`.
pub fn describe_series(series: &Series) -> Vec<String> {
    let number_width = series.steps.len().to_string().len().max(3);
    let label_width = series
        .steps
        .iter()
        .map(|s| s.label.chars().count())
        .max()
        .unwrap_or(0)
        .max(24);
    series
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let then = match (&step.next, step.kind) {
                (_, StepKind::Final) | (None, _) => "close out",
                (Some(rule), _) => rule.as_str(),
            };
            let number = format!("{}.", i + 1);
            format!(
                "{number:>nw$} {kind:<10} {label:<lw$}  then {then}",
                nw = number_width + 1,
                kind = step.kind.as_str(),
                label = step.label,
                lw = label_width,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_the_default_series() {
        let lines = describe_series(SeriesLibrary::builtin().default_series("default"));
        assert_eq!(lines.len(), 10);
        assert_eq!(
            lines[0],
            "  1. voicemail  VM 1 · agreed time        then in 15 min"
        );
        assert_eq!(
            lines[9],
            " 10. final      Final voicemail           then close out"
        );
        assert!(
            lines[2]
                .contains("email      Email · suggested times   then next business day morning")
        );
    }
}

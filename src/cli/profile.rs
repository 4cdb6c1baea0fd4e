//! `profile`: who signs the scripts, kept in `config.toml` `[profile]`.

use serde_json::json;

use super::args::ProfileArgs;
use super::{Format, emit};
use crate::app::{AppError, Context};
use crate::config::{self, Config, ProfileChange};
use crate::domain::text::sanitize_line;

/// Sets the keys given (an empty value removes one), then prints the
/// profile in force; with no option, only prints it.
pub fn profile(ctx: &Context, args: ProfileArgs, format: Format) -> Result<(), AppError> {
    let change = ProfileChange {
        name: args.name,
        company: args.company,
        phone: args.phone,
    };
    let dir = ctx.config.dir.clone().ok_or_else(|| {
        AppError::Refused(format!(
            "there is no configuration folder (no home folder); set ${}",
            config::CONFIG_DIR_ENV
        ))
    })?;
    let (config, saved) = if change.is_empty() {
        (ctx.config.clone(), None)
    } else {
        let path = config::write_profile(&dir, &change)?;
        (Config::load_from(&dir)?, Some(path))
    };
    let file = dir.join("config.toml");
    let shown = |v: &Option<String>| v.as_deref().map(|v| sanitize_line(v).into_owned());
    let (name, company, phone) = (
        shown(&config.my_name.value),
        shown(&config.my_company.value),
        shown(&config.my_phone.value),
    );
    match format {
        Format::Json => super::commands::print_json(&json!({
            "name": name,
            "company": company,
            "phone": phone,
            "file": file,
            "saved": saved.is_some(),
        })),
        Format::Table => {
            let or_unset = |v: &Option<String>| v.clone().unwrap_or_else(|| "(not set)".into());
            let mut out = match &saved {
                Some(path) => format!("Saved to {}\n", path.display()),
                None => String::new(),
            };
            out.push_str(&format!(
                "name     {}\ncompany  {}\nphone    {}\n",
                or_unset(&name),
                or_unset(&company),
                or_unset(&phone)
            ));
            if name.is_none() {
                out.push_str(
                    "The scripts cannot say who is calling until you set your name: followup profile --name \"Your Name\"\n",
                );
            }
            emit(&out)
        }
    }
}

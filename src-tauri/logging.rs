//! The app's log: `quotemap.log` in the user's log folder (Tauri's app log
//! folder: `~/.local/share/org.quotemap.desktop/logs` on Linux), also on standard
//! error for whoever started the app from a terminal. Rotated at 1 MB, the last
//! five kept. Info and above from the app, warnings and above from the libraries;
//! `QUOTEMAP_LOG=debug` (or error, warn, info, trace) sets the app's level.
//!
//! The log goes into bug reports (Help › About › Copy diagnostics), so it never
//! holds article text: imports log paths and reasons, not titles.

use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, plugin::TauriPlugin};
use tauri_plugin_log::{RotationStrategy, Target, TargetKind, TimezoneStrategy};

/// The log file's name without `.log`.
const LOG_FILE_STEM: &str = "quotemap";
/// A log file is rotated when it reaches this size.
const MAX_LOG_BYTES: u128 = 1_000_000;
/// Rotated logs kept besides the current one.
const KEPT_LOGS: usize = 5;
/// Environment variable that sets the app's log level.
const LEVEL_ENV: &str = "QUOTEMAP_LOG";

/// The plugin that writes the log; the logger is installed when the app starts.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    let level = app_level(std::env::var(LEVEL_ENV).ok().as_deref());
    tauri_plugin_log::Builder::new()
        .targets([
            Target::new(TargetKind::LogDir {
                file_name: Some(LOG_FILE_STEM.to_owned()),
            }),
            Target::new(TargetKind::Stderr),
        ])
        .level(log::LevelFilter::Warn)
        .level_for(env!("CARGO_CRATE_NAME"), level)
        .max_file_size(MAX_LOG_BYTES)
        .rotation_strategy(RotationStrategy::KeepSome(KEPT_LOGS))
        // The local offset cannot be read safely once threads run (the `time`
        // crate refuses), so every line is stamped in UTC, and says so.
        .timezone_strategy(TimezoneStrategy::UseUtc)
        .build()
}

/// The current log file, for Help › About.
pub fn log_file<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let folder = app.path().app_log_dir().ok()?;
    Some(folder.join(format!("{LOG_FILE_STEM}.log")))
}

/// The app's level from `QUOTEMAP_LOG`; info when unset or not a level.
fn app_level(asked: Option<&str>) -> log::LevelFilter {
    asked
        .and_then(|name| name.trim().parse().ok())
        .unwrap_or(log::LevelFilter::Info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_comes_from_the_environment_or_is_info() {
        assert_eq!(app_level(None), log::LevelFilter::Info);
        assert_eq!(app_level(Some("debug")), log::LevelFilter::Debug);
        assert_eq!(app_level(Some(" WARN ")), log::LevelFilter::Warn);
        assert_eq!(app_level(Some("loud")), log::LevelFilter::Info);
    }
}

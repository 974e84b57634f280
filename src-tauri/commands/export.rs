//! Exports from the window. The save dialog runs here, in Rust: the webview
//! chooses a format and a scope, never a path. The export reads through its
//! own connection to the library (SQLite WAL), so the window keeps working
//! while it runs; progress is an event, Cancel a command, and the file is
//! written under a temporary name and renamed when complete.
//!
//! For the end-to-end tests only, `QUOTEMAP_TEST_SAVE_PATH` names the file
//! the dialog would have returned (WebDriver cannot drive a native dialog).

use super::CommandError;
use crate::AppState;
use base64::Engine;
use quotemap_core::api::{self, ExportCounts, ExportFormat, ExportScope, ExportSummary};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tauri::{Emitter, State};
use tauri_plugin_dialog::DialogExt;

/// Event sent while an export runs (at most ten a second); payload: `ExportProgress`.
pub const EXPORT_PROGRESS: &str = "export-progress";

/// The file the tests' "dialog" returns.
const TEST_SAVE_PATH: &str = "QUOTEMAP_TEST_SAVE_PATH";

/// The largest map image the window may hand over (bytes, decoded).
const MAX_IMAGE_BYTES: usize = 64 * 1024 * 1024;

/// A finished export, for the status line.
#[derive(Debug, Serialize)]
pub struct ExportDone {
    /// The file's name (not its folder: the window has no use for paths).
    pub file_name: String,
    /// What it holds.
    pub summary: ExportSummary,
}

/// What an export of `scope` would hold, for the dialog's preview.
#[tauri::command(async)]
pub fn export_counts(
    state: State<'_, AppState>,
    scope: ExportScope,
) -> Result<ExportCounts, CommandError> {
    Ok(api::export_counts(&state.library(), &scope)?)
}

/// Asks where to save (the native dialog, which confirms an overwrite), or
/// `None` when the user dismissed it. Without a filter the name is a folder's.
fn ask_path(
    app: &tauri::AppHandle,
    title: &str,
    name: &str,
    filter: Option<(&str, &str)>,
) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(TEST_SAVE_PATH) {
        return Some(PathBuf::from(path));
    }
    let mut dialog = app.dialog().file().set_title(title).set_file_name(name);
    if let Some((label, extension)) = filter {
        dialog = dialog.add_filter(label, &[extension]);
    }
    dialog
        .blocking_save_file()
        .and_then(|path| path.into_path().ok())
}

fn failed(error: api::ExportError) -> CommandError {
    CommandError {
        code: match error {
            api::ExportError::Cancelled => "cancelled",
            _ => "export",
        },
        message: error.to_string(),
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Shows the save dialog and exports `scope` as `format` to the file chosen;
/// `None` when the dialog was dismissed, the error `cancelled` when Cancel was pressed.
#[tauri::command(async)]
pub fn export_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    format: ExportFormat,
    scope: ExportScope,
) -> Result<Option<ExportDone>, CommandError> {
    // A format written as a folder (Parquet tables) is saved under a folder's name.
    let (suggested, filter) = if format.writes_a_folder() {
        let name = format!("quotemap-{}-{}", scope_name(&scope), format.name());
        (name, None)
    } else {
        let name = format!("quotemap-{}.{}", scope_name(&scope), format.extension());
        (name, Some((format.label(), format.extension())))
    };
    let Some(path) = ask_path(
        &app,
        &format!("Export {}", format.label()),
        &suggested,
        filter,
    ) else {
        return Ok(None);
    };
    // Its own connection: the window's commands are not held up by a long export.
    let library_path = PathBuf::from(api::library_info(&state.library())?.path);
    let library = api::open_library(&library_path)?;
    state.cancel_export.store(false, Ordering::SeqCst);
    let mut last_emit: Option<Instant> = None;
    let summary = api::export_to_file(&library, format, &scope, &path, true, &mut |step| {
        if last_emit.is_none_or(|at| at.elapsed() >= Duration::from_millis(100)) {
            let _ = app.emit(EXPORT_PROGRESS, step);
            last_emit = Some(Instant::now());
        }
        !state.cancel_export.load(Ordering::SeqCst)
    })
    .map_err(|error| {
        log::warn!("export to {} failed: {error}", path.display());
        failed(error)
    })?;
    log::info!(
        "exported {} as {} to {}",
        scope_name(&scope),
        format.label(),
        path.display()
    );
    Ok(Some(ExportDone {
        file_name: file_name(&path),
        summary,
    }))
}

/// A name for the file that says what is in it.
fn scope_name(scope: &ExportScope) -> String {
    if let Some(article) = scope.article {
        return format!("article-{article}");
    }
    let filter = &scope.filter;
    let named = [&filter.speaker, &filter.outlet, &filter.tag, &filter.kind]
        .into_iter()
        .flatten()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("-");
    let cleaned: String = named
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if cleaned.is_empty() {
        "library".to_owned()
    } else {
        cleaned.chars().take(60).collect()
    }
}

/// Stops the running export; its file is not written.
#[tauri::command]
pub fn cancel_export(state: State<'_, AppState>) {
    state.cancel_export.store(true, Ordering::SeqCst);
}

/// Saves the map as the window drew it: `png` (base64 of the image) or `svg`
/// (the document). Checked before it is written: a PNG signature, an `<svg>`
/// root; `None` when the dialog was dismissed.
#[tauri::command(async)]
pub fn save_map_image(
    app: tauri::AppHandle,
    format: String,
    data: String,
) -> Result<Option<String>, CommandError> {
    let invalid = |message: &str| CommandError {
        code: "invalid",
        message: message.to_owned(),
    };
    let bytes = match format.as_str() {
        "png" => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data.trim())
                .map_err(|_| invalid("the map image is not base64"))?;
            if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
                return Err(invalid("the map image is not a PNG"));
            }
            bytes
        }
        "svg" => {
            let start = data.trim_start();
            if !(start.starts_with("<svg") || start.starts_with("<?xml"))
                || !data.contains("</svg>")
            {
                return Err(invalid("the map image is not an SVG document"));
            }
            data.into_bytes()
        }
        _ => return Err(invalid("the map is saved as png or svg")),
    };
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(invalid("the map image is larger than 64 MB"));
    }
    let Some(path) = ask_path(
        &app,
        "Save the map",
        &format!("quotemap-map.{format}"),
        Some((
            if format == "png" {
                "PNG image"
            } else {
                "SVG image"
            },
            &format,
        )),
    ) else {
        return Ok(None);
    };
    api::save_whole_file(&path, &bytes).map_err(failed)?;
    Ok(Some(file_name(&path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_what_is_in_them() {
        let mut scope = ExportScope::default();
        assert_eq!(scope_name(&scope), "library");
        scope.filter.speaker = Some("Sergei Lavrov".to_owned());
        scope.filter.kind = Some("direct".to_owned());
        assert_eq!(scope_name(&scope), "sergei-lavrov-direct");
        scope.filter.speaker = Some("../../etc/passwd".to_owned());
        assert_eq!(scope_name(&scope), "etc-passwd-direct");
        scope.article = Some(7);
        assert_eq!(scope_name(&scope), "article-7");
    }
}

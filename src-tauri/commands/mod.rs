//! Tauri commands: each takes the app state, calls one `quotemap_core::api`
//! function and maps its error. **API boundary** with the webview; the
//! argument and result types are the ones exported to `ui/src/lib/bindings/`.

mod export;
mod review;

pub use export::*;
pub use review::*;

use crate::AppState;
use quotemap_core::api::{
    self, ArticleFilter, ArticleOrder, ArticlePage, ArticleView, EntityView, EvidenceView,
    LibraryFacets, LibraryInfo, MapPosition, MapView, SearchHit, SpeakerQuoteView, StoreError,
    TimelineMonth,
};
use serde::Serialize;
use tauri::State;

/// The one error shape the UI receives: a stable `code` to switch on and a
/// message for the user.
#[derive(Debug, Serialize)]
pub struct CommandError {
    pub(crate) code: &'static str,
    pub(crate) message: String,
}

impl From<StoreError> for CommandError {
    fn from(error: StoreError) -> Self {
        CommandError {
            code: "library",
            message: error.to_string(),
        }
    }
}

fn not_found(id: i64) -> CommandError {
    CommandError {
        code: "not_found",
        message: format!("no article #{id} in the library"),
    }
}

/// A page of the library list (the window reads the rows it shows).
#[tauri::command(async)]
pub fn list_article_page(
    state: State<'_, AppState>,
    filter: Option<ArticleFilter>,
    order: ArticleOrder,
    offset: u32,
    limit: u32,
) -> Result<ArticlePage, CommandError> {
    Ok(api::list_article_page(
        &state.library(),
        &filter.unwrap_or_default(),
        order,
        offset,
        limit,
    )?)
}

/// Quotations per month of what the filter keeps.
#[tauri::command(async)]
pub fn quote_timeline(
    state: State<'_, AppState>,
    filter: ArticleFilter,
) -> Result<Vec<TimelineMonth>, CommandError> {
    Ok(api::quote_timeline(&state.library(), &filter)?)
}

/// Every quotation of one speaker across the library, oldest first.
#[tauri::command(async)]
pub fn speaker_quotes(
    state: State<'_, AppState>,
    name: String,
) -> Result<Vec<SpeakerQuoteView>, CommandError> {
    Ok(api::speaker_quotes(&state.library(), &name)?)
}

/// Speakers and outlets of the library, for the filters and the speakers view.
#[tauri::command(async)]
pub fn library_facets(state: State<'_, AppState>) -> Result<LibraryFacets, CommandError> {
    Ok(api::library_facets(&state.library())?)
}

/// One article for the reader; `evidence` (`[start, end]` as an evidence
/// sentence of the map gave it) is marked in the text.
#[tauri::command(async)]
pub fn get_article(
    state: State<'_, AppState>,
    id: i64,
    evidence: Option<(u32, u32)>,
) -> Result<ArticleView, CommandError> {
    let evidence = evidence.map(|(start, end)| start as usize..end as usize);
    api::get_article_with_evidence(&state.library(), id, evidence)?.ok_or_else(|| not_found(id))
}

/// The relations map of the articles the filter keeps, or of one article.
#[tauri::command(async)]
pub fn relation_map(
    state: State<'_, AppState>,
    filter: ArticleFilter,
    article: Option<i64>,
) -> Result<MapView, CommandError> {
    Ok(api::relation_map(&state.library(), &filter, article)?)
}

/// Where the user left the nodes of this map.
#[tauri::command(async)]
pub fn map_positions(
    state: State<'_, AppState>,
    filter: ArticleFilter,
    article: Option<i64>,
) -> Result<Vec<MapPosition>, CommandError> {
    Ok(api::map_positions(&state.library(), &filter, article)?)
}

/// Keeps where the nodes of this map are (after a layout or a drag).
#[tauri::command(async)]
pub fn save_map_positions(
    state: State<'_, AppState>,
    filter: ArticleFilter,
    article: Option<i64>,
    positions: Vec<MapPosition>,
) -> Result<usize, CommandError> {
    Ok(api::save_map_positions(
        &mut state.library(),
        &filter,
        article,
        &positions,
    )?)
}

/// Forgets this map's layout: the next drawing lays it out afresh.
#[tauri::command(async)]
pub fn reset_map_positions(
    state: State<'_, AppState>,
    filter: ArticleFilter,
    article: Option<i64>,
) -> Result<(), CommandError> {
    Ok(api::reset_map_positions(
        &mut state.library(),
        &filter,
        article,
    )?)
}

/// The sentences behind one edge of the map.
#[tauri::command(async)]
pub fn edge_evidence(
    state: State<'_, AppState>,
    kind: String,
    from: i64,
    to: i64,
) -> Result<Vec<EvidenceView>, CommandError> {
    Ok(api::edge_evidence(&state.library(), &kind, from, to)?)
}

/// One entity: the names it was matched under, its quotations, its mentions.
#[tauri::command(async)]
pub fn entity(state: State<'_, AppState>, id: i64) -> Result<EntityView, CommandError> {
    Ok(api::entity_view(&state.library(), id)?)
}

/// More of an entity's quotations, after the first page `entity` gave.
#[tauri::command(async)]
pub fn entity_quotes(
    state: State<'_, AppState>,
    id: i64,
    offset: u32,
    limit: u32,
) -> Result<Vec<SpeakerQuoteView>, CommandError> {
    Ok(api::entity_quotes(&state.library(), id, offset, limit)?)
}

/// Full-text search over titles, text and quotations, as the user types.
#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, query: String) -> Result<Vec<SearchHit>, CommandError> {
    Ok(api::search(&state.library(), &query, 50)?)
}

/// Where the library is and how big it is.
#[tauri::command(async)]
pub fn library_info(state: State<'_, AppState>) -> Result<LibraryInfo, CommandError> {
    Ok(api::library_info(&state.library())?)
}

/// How the re-analysis of older articles behind the window stands.
#[tauri::command]
pub fn reanalysis_status(state: State<'_, AppState>) -> api::ReanalysisStatus {
    state.reanalysis().clone()
}

/// Shows the native Open dialog (files, or folders when `folders`) and imports
/// what the user chose, as a drop would. The paths come from the dialog, in
/// Rust; the webview only asks for the dialog.
#[tauri::command]
pub fn open_import_dialog(app: tauri::AppHandle, folders: bool) {
    use tauri_plugin_dialog::DialogExt;
    let dialog = app.dialog().file().set_title(if folders {
        "Import folders of articles"
    } else {
        "Import articles"
    });
    let chosen = move |paths: Option<Vec<tauri_plugin_dialog::FilePath>>| {
        let paths: Vec<std::path::PathBuf> = paths
            .unwrap_or_default()
            .into_iter()
            .filter_map(|path| path.into_path().ok())
            .collect();
        if !paths.is_empty() {
            crate::import_paths(app, paths);
        }
    };
    if folders {
        dialog.pick_folders(chosen);
    } else {
        dialog
            .add_filter(
                "Articles",
                &[
                    "txt", "text", "html", "htm", "xhtml", "md", "markdown", "eml", "docx", "pdf",
                    "json", "jsonl", "ndjson", "csv",
                ],
            )
            .pick_files(chosen);
    }
}

/// Stops the running imports before their next file (what is in stays in).
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    state.cancel_imports();
}

/// Imports the files the app was started with ("Open with"), once: the window
/// calls it when it listens for the import's events. Returns how many there were.
#[tauri::command]
pub fn import_launch_files(app: tauri::AppHandle, state: State<'_, AppState>) -> usize {
    let files = state.take_launch_files();
    let count = files.len();
    if count > 0 {
        crate::import_paths(app, files);
    }
    count
}

/// Versions and the open library, for Help › About and "Copy diagnostics".
#[tauri::command]
pub fn about(app: tauri::AppHandle, state: State<'_, AppState>) -> api::AboutInfo {
    let log_file = crate::logging::log_file(&app);
    api::about(
        &state.library(),
        env!("CARGO_PKG_VERSION"),
        log_file.as_deref(),
    )
}

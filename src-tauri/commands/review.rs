//! Commands of the analyst's layer: annotate, correct, tag, review, undo and
//! redo. Each calls one `quotemap_core::api` function; a refused edit comes
//! back as `{ code: "invalid" | "not_found", message }` and changed nothing.

use super::CommandError;
use crate::AppState;
use quotemap_core::api::{
    self, AnnotationFilter, AnnotationInput, AnnotationList, AnnotationView, EditError,
    HistoryStep, SpeakerInput, TagCount,
};
use tauri::State;

impl From<EditError> for CommandError {
    fn from(error: EditError) -> Self {
        let code = match &error {
            EditError::Invalid(_) => "invalid",
            EditError::NotFound(_) => "not_found",
            EditError::Library(_) => "library",
        };
        CommandError {
            code,
            message: error.to_string(),
        }
    }
}

/// Highlights `[start, end)` (code points) of an article with a note.
#[tauri::command(async)]
pub fn add_annotation(
    state: State<'_, AppState>,
    article: i64,
    start: u32,
    end: u32,
    input: AnnotationInput,
) -> Result<AnnotationView, CommandError> {
    Ok(api::add_annotation(
        &mut state.library(),
        article,
        start,
        end,
        &input,
    )?)
}

/// Changes an annotation's note, tags and colour.
#[tauri::command(async)]
pub fn update_annotation(
    state: State<'_, AppState>,
    id: i64,
    input: AnnotationInput,
) -> Result<AnnotationView, CommandError> {
    Ok(api::update_annotation(&mut state.library(), id, &input)?)
}

/// Deletes an annotation.
#[tauri::command(async)]
pub fn delete_annotation(state: State<'_, AppState>, id: i64) -> Result<(), CommandError> {
    Ok(api::delete_annotation(&mut state.library(), id)?)
}

/// The Annotations view: the newest `limit` notes (at most 2,000 a call) the filter keeps.
#[tauri::command(async)]
pub fn list_annotations(
    state: State<'_, AppState>,
    filter: AnnotationFilter,
    limit: u32,
) -> Result<AnnotationList, CommandError> {
    Ok(api::list_annotations(
        &state.library(),
        &filter,
        limit.min(2_000),
    )?)
}

/// Every tag of the library, most used first.
#[tauri::command(async)]
pub fn library_tags(state: State<'_, AppState>) -> Result<Vec<TagCount>, CommandError> {
    Ok(api::library_tags(&state.library())?)
}

/// Sets an article's tags.
#[tauri::command(async)]
pub fn set_article_tags(
    state: State<'_, AppState>,
    article: i64,
    tags: Vec<String>,
) -> Result<Vec<String>, CommandError> {
    Ok(api::set_article_tags(&mut state.library(), article, &tags)?)
}

/// Marks an article reviewed or not.
#[tauri::command(async)]
pub fn set_reviewed(
    state: State<'_, AppState>,
    article: i64,
    reviewed: bool,
) -> Result<(), CommandError> {
    Ok(api::set_reviewed(&mut state.library(), article, reviewed)?)
}

/// Confirms a quotation; returns its id from now on.
#[tauri::command(async)]
pub fn confirm_quote(state: State<'_, AppState>, quote: String) -> Result<String, CommandError> {
    Ok(api::confirm_quote(&mut state.library(), &quote)?)
}

/// Rejects a quotation.
#[tauri::command(async)]
pub fn reject_quote(state: State<'_, AppState>, quote: String) -> Result<String, CommandError> {
    Ok(api::reject_quote(&mut state.library(), &quote)?)
}

/// Gives a quotation another speaker.
#[tauri::command(async)]
pub fn set_quote_speaker(
    state: State<'_, AppState>,
    quote: String,
    speaker: SpeakerInput,
) -> Result<String, CommandError> {
    Ok(api::set_quote_speaker(
        &mut state.library(),
        &quote,
        &speaker,
    )?)
}

/// Changes a quotation's kind.
#[tauri::command(async)]
pub fn set_quote_kind(
    state: State<'_, AppState>,
    quote: String,
    kind: String,
) -> Result<String, CommandError> {
    Ok(api::set_quote_kind(&mut state.library(), &quote, &kind)?)
}

/// Moves a quotation's span (code points).
#[tauri::command(async)]
pub fn set_quote_span(
    state: State<'_, AppState>,
    quote: String,
    start: u32,
    end: u32,
) -> Result<String, CommandError> {
    Ok(api::set_quote_span(
        &mut state.library(),
        &quote,
        start,
        end,
    )?)
}

/// Adds a quotation the engine missed.
#[tauri::command(async)]
pub fn add_quote(
    state: State<'_, AppState>,
    article: i64,
    start: u32,
    end: u32,
    speaker: SpeakerInput,
    kind: String,
) -> Result<String, CommandError> {
    Ok(api::add_quote(
        &mut state.library(),
        article,
        start,
        end,
        &speaker,
        &kind,
    )?)
}

/// Renames an entity; returns its id.
#[tauri::command(async)]
pub fn rename_entity(
    state: State<'_, AppState>,
    id: i64,
    name: String,
) -> Result<i64, CommandError> {
    Ok(api::rename_entity(&mut state.library(), id, &name)?)
}

/// Merges entity `from` into `into`; returns the merged entity's id.
#[tauri::command(async)]
pub fn merge_entities(
    state: State<'_, AppState>,
    from: i64,
    into: i64,
) -> Result<i64, CommandError> {
    Ok(api::merge_entities(&mut state.library(), from, into)?)
}

/// Splits an alias out of an entity; returns the id the alias now names.
#[tauri::command(async)]
pub fn split_entity(
    state: State<'_, AppState>,
    id: i64,
    alias: String,
) -> Result<i64, CommandError> {
    Ok(api::split_entity(&mut state.library(), id, &alias)?)
}

/// Takes back the last change of the user's layer.
#[tauri::command(async)]
pub fn undo(state: State<'_, AppState>) -> Result<Option<HistoryStep>, CommandError> {
    Ok(api::undo(&mut state.library())?)
}

/// Makes the last undone change again.
#[tauri::command(async)]
pub fn redo(state: State<'_, AppState>) -> Result<Option<HistoryStep>, CommandError> {
    Ok(api::redo(&mut state.library())?)
}

//! Every change of the user's layer goes through here: it is applied in one
//! durable transaction, what it derives is rebuilt, and it is remembered so
//! that undo and redo (since the library was opened) can take it back and
//! make it again. Also the errors every edit shares.

use super::*;
use crate::store::user_layer::{Change, UserOp};

/// Why an edit of the user's layer was refused; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// The input cannot be used, and why (in words for the user).
    #[error("{0}")]
    Invalid(String),
    /// What the edit names is not in the library.
    #[error("{0}")]
    NotFound(String),
    /// The library refused.
    #[error("{0}")]
    Library(#[from] StoreError),
}

/// What an undo or redo did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HistoryStep {
    /// The change, in words ("reject a quotation").
    pub label: String,
    /// Changes left to undo.
    pub can_undo: u32,
    /// Changes left to redo.
    pub can_redo: u32,
}

/// Applies a change, remembers it for undo and forgets what was undone.
pub(super) fn commit(
    library: &mut Library,
    label: &str,
    forward: Vec<UserOp>,
    backward: Vec<UserOp>,
) -> Result<(), EditError> {
    apply(library, &forward)?;
    library.history.undo.push(Change {
        label: label.to_owned(),
        forward,
        backward,
    });
    library.history.redo.clear();
    Ok(())
}

fn apply(library: &mut Library, ops: &[UserOp]) -> Result<(), StoreError> {
    let stale = library.apply_user_ops(ops)?;
    for article_id in stale {
        model::rebuild_derived(library, article_id)?;
    }
    Ok(())
}

/// Takes back the last change of the user's layer; `None` when there is none.
pub fn undo(library: &mut Library) -> Result<Option<HistoryStep>, EditError> {
    let Some(change) = library.history.undo.pop() else {
        return Ok(None);
    };
    if let Err(error) = apply(library, &change.backward) {
        library.history.undo.push(change);
        return Err(error.into());
    }
    let label = change.label.clone();
    library.history.redo.push(change);
    Ok(Some(step(library, label)))
}

/// Makes the last undone change again; `None` when there is none.
pub fn redo(library: &mut Library) -> Result<Option<HistoryStep>, EditError> {
    let Some(change) = library.history.redo.pop() else {
        return Ok(None);
    };
    if let Err(error) = apply(library, &change.forward) {
        library.history.redo.push(change);
        return Err(error.into());
    }
    let label = change.label.clone();
    library.history.undo.push(change);
    Ok(Some(step(library, label)))
}

fn step(library: &Library, label: String) -> HistoryStep {
    HistoryStep {
        label,
        can_undo: library.history.undo.len() as u32,
        can_redo: library.history.redo.len() as u32,
    }
}

/// A span given in code points (as the reader and `extract` give them) as
/// bytes of the article's text: refused when empty, only white space, outside
/// the text or reversed.
pub(super) fn span_in(
    text: &str,
    start: u32,
    end: u32,
) -> Result<std::ops::Range<usize>, EditError> {
    if start >= end {
        return Err(EditError::Invalid(format!(
            "the selection {start}–{end} is empty: select some text first"
        )));
    }
    let (Some(from), Some(to)) = (
        extract::byte_offset(text, start as usize),
        extract::byte_offset(text, end as usize),
    ) else {
        return Err(EditError::Invalid(format!(
            "the selection {start}–{end} is outside the article's text ({} characters)",
            text.chars().count()
        )));
    };
    // A boundary inside a character as the reader sees it (a flag, an emoji sequence):
    // the selection would cut it in two.
    for (at, which) in [(from, start), (to, end)] {
        let mut cursor = unicode_segmentation::GraphemeCursor::new(at, text.len(), true);
        if !cursor.is_boundary(text, 0).unwrap_or(true) {
            return Err(EditError::Invalid(format!(
                "the selection cuts a character in two at {which}: select whole characters"
            )));
        }
    }
    if text[from..to].trim().is_empty() {
        return Err(EditError::Invalid(
            "the selection holds only white space: select some text".to_owned(),
        ));
    }
    Ok(from..to)
}

/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;
/// The longest tag or name, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// A tag or a name as typed: trimmed; refused when empty, too long or holding
/// control characters (markup is text and shown as text).
pub(super) fn clean_name(what: &str, value: &str) -> Result<String, EditError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(EditError::Invalid(format!("the {what} is empty")));
    }
    if value.chars().count() > MAX_NAME_CHARS {
        return Err(EditError::Invalid(format!(
            "the {what} is longer than {MAX_NAME_CHARS} characters"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(EditError::Invalid(format!(
            "the {what} {:?} holds control characters",
            value.chars().take(40).collect::<String>()
        )));
    }
    Ok(value.to_owned())
}

/// Tags as typed: each cleaned, sorted, without repeats.
pub(super) fn clean_tags(tags: &[String]) -> Result<Vec<String>, EditError> {
    let mut cleaned = tags
        .iter()
        .map(|tag| clean_name("tag", tag))
        .collect::<Result<Vec<_>, _>>()?;
    cleaned.sort();
    cleaned.dedup();
    Ok(cleaned)
}

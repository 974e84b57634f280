//! The facade the CLI, the desktop app and any other face call, and the only
//! public module of the engine: the compiler keeps the faces from reaching
//! past it. **API boundary**: the types here are plain data with public
//! fields, serialisable, and exported to TypeScript (`ui/src/lib/bindings/`,
//! checked for drift by a test). Nothing else in the engine is serialised for
//! the UI.
//!
//! One module per use case, each with its view types beside it.

mod analysis;
mod annotations;
mod corrections;
mod documents;
mod export;
mod extract;
mod history;
mod import;
mod library;
mod map;
mod model;
mod reader;
mod search;
mod speakers;

pub use analysis::*;
pub use annotations::*;
pub use corrections::*;
pub use documents::*;
pub use export::*;
pub use extract::*;
pub use history::{EditError, HistoryStep, MAX_NAME_CHARS, MAX_NOTE_CHARS, redo, undo};
pub use import::*;
pub use library::*;
pub use map::*;
pub use reader::*;
pub use search::*;
pub use speakers::*;

/// The quote engine's version (a library analysed by another is analysed again).
pub use crate::analyze::ENGINE_VERSION;
/// Where the library lives when the user named none.
pub use crate::library_path::resolve_library_path;
/// The open library: a handle the faces pass back to the functions here.
pub use crate::store::Library;
/// Why a library operation failed, in words for the user.
pub use crate::store::StoreError;

use crate::analyze::{analyze_article, analyze_article_by};
use crate::ingest::{self, BlockKind};
use crate::sample;
use crate::store::Insertion;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod tests;

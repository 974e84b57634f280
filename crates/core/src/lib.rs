//! The Quotemap engine: ingest article files, analyse them, store them in a
//! SQLite library, and answer the queries the CLI and the desktop app ask.
//!
//! Flow is one way: bytes → [`ingest`] → [`ingest::Article`] → [`store`] →
//! [`api`] views. Nothing here knows about Tauri, clap or an async runtime;
//! the CLI and the desktop shell are thin layers over [`api`].
//!
//! Offsets: inside the engine every span is a UTF-8 byte range into the
//! article's stored (normalised) text. Conversion to other units happens only
//! at the boundary, in [`api`], and the unit is part of the field name.

pub mod analyze;
pub mod api;
pub mod export;
pub mod ingest;
pub mod library_path;
pub mod parallel;
pub mod sample;
pub mod store;

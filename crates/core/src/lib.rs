//! The Quotemap engine: ingest article files, analyse them, store them in a
//! SQLite library, and answer the queries the CLI and the desktop app ask.
//!
//! Flow is one way: bytes → `ingest` → `Article` → `store` → [`api`] views.
//! Nothing here knows about Tauri, clap or an async runtime; the CLI, the
//! desktop shell and any other face are thin layers over [`api`], the only
//! public module: the compiler keeps them from reaching past it.
//!
//! Offsets: inside the engine every span is a UTF-8 byte range into the
//! article's stored (normalised) text. Conversion to other units happens only
//! at the boundary, in [`api`], and the unit is part of the field name.

pub mod api;

/// The engine's own modules: private to the crate, so no face can call them.
/// The `internals` feature opens them to the engine's benchmarks and fuzz
/// targets, which measure the stages themselves; no face enables it.
macro_rules! internal_modules {
    ($($name:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        pub mod $name;
        #[cfg(not(feature = "internals"))]
        pub(crate) mod $name;
    )*};
}

internal_modules!(analyze, ingest, library_path, parallel, sample, store);

#[cfg(test)]
#[path = "../tests"]
mod engine_tests {
    //! The engine's data-driven suites (fixtures with expected dumps) and the
    //! worker tests: they read the stages' own structures, so they are built
    //! inside the crate rather than as integration tests of the public API.
    mod entity_fixtures;
    mod ingest_fixtures;
    mod quote_fixtures;
    mod worker;
}

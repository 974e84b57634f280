//! Exports of the library for other tools, read through the same views as
//! the reader. `gexf`: the relations map for Gephi.

mod gexf;

pub use gexf::{ExportError, write_gexf};

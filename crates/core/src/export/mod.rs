//! Exports of the library for other tools. `gexf`: the relations map for
//! Gephi.

pub mod gexf;

//! The bundled demo article: a real article as a user saves it, imported into
//! every new library so that the first start shows something analysed.

/// File name the sample is stored under (its source path in the library).
pub const SAMPLE_FILE_NAME: &str = "iran-press-2019-01-30.txt";

/// The sample article's bytes, exactly as shipped in `crates/core/data/`.
pub const SAMPLE_ARTICLE: &str = include_str!("../data/iran-press-2019-01-30.txt");

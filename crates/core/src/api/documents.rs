//! One document's bytes read into the articles an import would store, with no
//! library and no file system: for faces that bring their own data (the fuzz
//! targets, a Python package reading from a data lake). The parsers run in
//! this process behind `catch_unwind` and the readers' own bounds.

use super::*;

/// An article as the readers produced it: its metadata and normalised text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadArticle {
    /// The format it was read as (`plain_text`, `html`, `pdf`, …).
    pub format: &'static str,
    /// The headline.
    pub title: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// Author(s).
    pub author: Option<String>,
    /// Publication date-time as the source gives it (ISO 8601, local).
    pub published: Option<String>,
    /// The text (NFC, `\n` line ends): the text the analysis reads.
    pub text: String,
}

/// One article of a document (a batch file has several), or why that record is not one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadRecord {
    /// "line 3", "row 5", "item 2" in a batch file; `None` for a single-article document.
    pub label: Option<String>,
    /// The article, when the record is one.
    pub article: Option<ReadArticle>,
    /// Why the record is not an article.
    pub error: Option<String>,
}

/// Reads a document given as bytes; `file_name` says its format by its
/// extension, as in a dropped folder (`page.html`, `feed.jsonl`). A document
/// that cannot be read as a whole (unknown format, over the size limit, a
/// damaged file) is an `Err` with the reason; a bad record of a batch file is
/// a [`ReadRecord`] with its `error`, and the others still come.
pub fn read_document(file_name: &str, bytes: &[u8]) -> Result<Vec<ReadRecord>, String> {
    let format = ingest::SourceFormat::from_path(Path::new(file_name))
        .map_err(|error| format!("{file_name}: {error}"))?;
    if bytes.len() as u64 > ingest::DEFAULT_MAX_FILE_BYTES {
        return Err(format!(
            "{file_name}: {} bytes, over the limit of {} bytes for one file",
            bytes.len(),
            ingest::DEFAULT_MAX_FILE_BYTES
        ));
    }
    let records = std::panic::catch_unwind(|| ingest::records_from_bytes(bytes, format))
        .map_err(|_| format!("{file_name}: the reader failed on this file"))?
        .map_err(|error| format!("{file_name}: {error}"))?;
    // A document of one article that is not one fails as a whole.
    if let [
        ingest::Record {
            label: None,
            article: Err(error),
        },
    ] = records.as_slice()
    {
        return Err(format!("{file_name}: {error}"));
    }
    Ok(records
        .into_iter()
        .map(|record| match record.article {
            Ok(article) => ReadRecord {
                label: record.label,
                article: Some(ReadArticle {
                    format: article.format.as_str(),
                    published: article.published.map(|p| p.local),
                    title: article.title,
                    outlet: article.outlet,
                    author: article.author,
                    text: article.text,
                }),
                error: None,
            },
            Err(error) => ReadRecord {
                label: record.label,
                article: None,
                error: Some(error.to_string()),
            },
        })
        .collect())
}

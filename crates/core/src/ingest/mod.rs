//! Ingest: from a file (or bytes) to an [`Article`], the normalised text and
//! its structure. Later stages never see raw bytes.

pub mod dates;
pub mod decode;
pub mod html;
pub mod plain_text;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::ops::Range;
use std::path::Path;

/// Files larger than this are refused before they are read (bytes).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The formats an article can come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Plain text as copied from a news site.
    PlainText,
    /// A web page saved from a browser.
    Html,
}

impl SourceFormat {
    /// The name stored in the library.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::PlainText => "plain_text",
            SourceFormat::Html => "html",
        }
    }

    /// The format for a file name, decided by its extension.
    pub fn from_path(path: &Path) -> Result<SourceFormat, IngestError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("txt" | "text") => Ok(SourceFormat::PlainText),
            Some("html" | "htm" | "xhtml") => Ok(SourceFormat::Html),
            Some(other) => Err(IngestError::UnsupportedFormat(format!(".{other}"))),
            None => Err(IngestError::UnsupportedFormat("no extension".to_owned())),
        }
    }
}

/// What a block of the article text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The line giving the publication date.
    DateLine,
    /// The article's headline.
    Headline,
    /// The headline printed a second time (shown once by the reader).
    HeadlineRepeat,
    /// A second headline line that differs from the first.
    Subheadline,
    /// The first body paragraph.
    Lead,
    /// A body paragraph.
    Body,
    /// `Related news:`, `Read More:` and the like.
    RelatedHeading,
    /// Another article's headline listed under a related heading; not body text.
    RelatedLink,
}

/// A block of the article: its kind and its byte span in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// UTF-8 byte range into the article text.
    pub span: Range<usize>,
}

/// A publication date-time as the article gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// Local date-time in ISO 8601, with the UTC offset when known (`2019-01-30T17:41:00+03:30`).
    pub local: String,
    /// The same instant in UTC, when the zone or offset is known.
    pub utc: Option<String>,
    /// IANA zone name, when the text named one (`Asia/Tehran`).
    pub zone: Option<String>,
}

/// One article, ready to store and analyse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Normalised text (NFC, `\n`): every span refers to it.
    pub text: String,
    /// The format it was read from.
    pub format: SourceFormat,
    /// The headline.
    pub title: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// When it was published.
    pub published: Option<Published>,
    /// Text blocks in order.
    pub blocks: Vec<Block>,
    /// Encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// True when invalid byte sequences were replaced.
    pub had_decoding_errors: bool,
}

impl Article {
    /// SHA-256 of the normalised text, hex: the identity used to spot duplicates.
    pub fn content_hash(&self) -> String {
        let digest = Sha256::digest(self.text.as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Why a file could not become an article. Messages give the reason only;
/// callers put the file name in front.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("no such file")]
    NotFound,
    /// The path is a directory, device or other non-regular file.
    #[error("not a regular file")]
    NotAFile,
    /// The file cannot be read (permissions, I/O error).
    #[error("cannot be read: {0}")]
    Unreadable(String),
    /// The file exceeds the size limit.
    #[error("too large: {size} bytes, the limit is {limit} bytes")]
    TooLarge {
        /// Size of the file.
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The extension names a format we do not read.
    #[error("unsupported format ({0}); supported: .txt, .html")]
    UnsupportedFormat(String),
    /// The bytes are not usable text.
    #[error("{0}")]
    Decode(#[from] decode::DecodeError),
    /// A web page without article text (only scripts, menus, or nothing).
    #[error("no article text found in the page")]
    NoArticleText,
}

/// Reads one file from disk into an [`Article`], refusing what is not an article.
pub fn read_article_file(path: &Path, max_bytes: u64) -> Result<Article, IngestError> {
    let metadata = std::fs::metadata(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => IngestError::NotFound,
        _ => IngestError::Unreadable(error.to_string()),
    })?;
    if !metadata.is_file() {
        return Err(IngestError::NotAFile);
    }
    if metadata.len() > max_bytes {
        return Err(IngestError::TooLarge {
            size: metadata.len(),
            limit: max_bytes,
        });
    }
    let format = SourceFormat::from_path(path)?;
    let bytes = std::fs::read(path).map_err(|error| IngestError::Unreadable(error.to_string()))?;
    article_from_bytes(&bytes, format)
}

/// Builds an [`Article`] from bytes in a known format.
pub fn article_from_bytes(bytes: &[u8], format: SourceFormat) -> Result<Article, IngestError> {
    let decoded = decode::decode_text(bytes)?;
    let (text, structure) = match format {
        SourceFormat::PlainText => {
            let structure = plain_text::parse(&decoded.text);
            (decoded.text, structure)
        }
        SourceFormat::Html => html_article(&decoded.text)?,
    };
    Ok(Article {
        text,
        format,
        title: structure.title,
        outlet: structure.outlet,
        published: structure.published,
        blocks: structure.blocks,
        encoding: decoded.encoding,
        had_decoding_errors: decoded.had_errors,
    })
}

/// A web page as an article: its title as the headline block, then the main text's
/// paragraphs (lead first). The stored text is exactly these blocks, normalised.
fn html_article(page: &str) -> Result<(String, plain_text::PlainTextStructure), IngestError> {
    let page = html::parse_html(page, None);
    if page.text.trim().is_empty() {
        return Err(IngestError::NoArticleText);
    }
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut push = |kind: BlockKind, content: &str, text: &mut String| {
        let content = decode::normalize(content.trim());
        if content.is_empty() {
            return;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&content);
        blocks.push(Block {
            kind,
            span: start..text.len(),
        });
    };
    if let Some(title) = &page.title {
        push(BlockKind::Headline, title, &mut text);
    }
    for (index, paragraph) in page.text.split("\n\n").enumerate() {
        push(
            if index == 0 {
                BlockKind::Lead
            } else {
                BlockKind::Body
            },
            paragraph,
            &mut text,
        );
    }
    let structure = plain_text::PlainTextStructure {
        blocks,
        title: page.title.map(|t| decode::normalize(&t)),
        outlet: page.site_name,
        published: page.published.as_deref().and_then(dates::parse_date_line),
    };
    Ok((text, structure))
}

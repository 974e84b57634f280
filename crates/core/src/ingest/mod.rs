//! Ingest: from a file (or bytes) to an [`Article`], the normalised text and
//! its structure. Later stages never see raw bytes.

pub mod batch;
pub mod boilerplate;
pub mod dates;
pub mod decode;
pub mod docx;
pub mod html;
pub mod pdf;
pub mod plain_text;
pub mod sandbox;
pub mod worker;

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
    /// Markdown.
    Markdown,
    /// An e-mail message (RFC 5322): headers as metadata, the text part as body.
    Eml,
    /// A Word document.
    Docx,
    /// A PDF with a text layer.
    Pdf,
    /// A JSON file holding one article per object (an array, or under "articles"/"items").
    Json,
    /// JSON Lines: one article per line.
    JsonLines,
    /// CSV with a header row: one article per row.
    Csv,
}

impl SourceFormat {
    /// The name stored in the library.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::PlainText => "plain_text",
            SourceFormat::Html => "html",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Eml => "eml",
            SourceFormat::Docx => "docx",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Json => "json",
            SourceFormat::JsonLines => "jsonl",
            SourceFormat::Csv => "csv",
        }
    }

    /// The format stored under this name ([`SourceFormat::as_str`]).
    pub fn from_name(name: &str) -> Option<SourceFormat> {
        [
            SourceFormat::PlainText,
            SourceFormat::Html,
            SourceFormat::Markdown,
            SourceFormat::Eml,
            SourceFormat::Docx,
            SourceFormat::Pdf,
            SourceFormat::Json,
            SourceFormat::JsonLines,
            SourceFormat::Csv,
        ]
        .into_iter()
        .find(|format| format.as_str() == name)
    }

    /// Binary formats whose parsers read the bytes themselves (no text decoding first).
    pub fn is_hostile_binary(self) -> bool {
        matches!(
            self,
            SourceFormat::Pdf | SourceFormat::Docx | SourceFormat::Eml
        )
    }

    /// Formats holding one article per record.
    pub fn is_batch(self) -> bool {
        matches!(
            self,
            SourceFormat::Json | SourceFormat::JsonLines | SourceFormat::Csv
        )
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
            Some("md" | "markdown") => Ok(SourceFormat::Markdown),
            Some("eml") => Ok(SourceFormat::Eml),
            Some("docx") => Ok(SourceFormat::Docx),
            Some("pdf") => Ok(SourceFormat::Pdf),
            Some("json") => Ok(SourceFormat::Json),
            Some("jsonl" | "ndjson") => Ok(SourceFormat::JsonLines),
            Some("csv") => Ok(SourceFormat::Csv),
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

/// One article, ready to store and analyse (and to cross from a worker process
/// as JSON, read back as [`ArticleFromWorker`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Normalised text (NFC, `\n`): every span refers to it.
    pub text: String,
    /// The format it was read from.
    pub format: SourceFormat,
    /// The headline.
    pub title: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// Author(s), as the source gives them ("; " between several).
    pub author: Option<String>,
    /// When it was published.
    pub published: Option<Published>,
    /// Text blocks in order.
    pub blocks: Vec<Block>,
    /// Encoding the bytes were decoded from.
    pub encoding: &'static str,
    /// True when invalid byte sequences were replaced.
    pub had_decoding_errors: bool,
}

/// An [`Article`] as read back from JSON: the encoding is a name to look up.
#[derive(Deserialize)]
pub(crate) struct ArticleFromWorker {
    text: String,
    format: SourceFormat,
    title: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    published: Option<Published>,
    blocks: Vec<Block>,
    encoding: String,
    had_decoding_errors: bool,
}

impl TryFrom<ArticleFromWorker> for Article {
    type Error = String;

    fn try_from(wire: ArticleFromWorker) -> Result<Article, String> {
        let encoding = encoding_rs::Encoding::for_label(wire.encoding.as_bytes())
            .map(encoding_rs::Encoding::name)
            .ok_or_else(|| format!("unknown encoding {}", wire.encoding))?;
        Ok(Article {
            text: wire.text,
            format: wire.format,
            title: wire.title,
            outlet: wire.outlet,
            author: wire.author,
            published: wire.published,
            blocks: wire.blocks,
            encoding,
            had_decoding_errors: wire.had_decoding_errors,
        })
    }
}

impl Article {
    /// Every block's span lies inside the text on character boundaries (checked
    /// on articles from a worker before anything slices the text with them).
    pub fn is_consistent(&self) -> bool {
        self.blocks.iter().all(|block| {
            block.span.start <= block.span.end
                && self.text.is_char_boundary(block.span.start)
                && self.text.is_char_boundary(block.span.end)
        })
    }

    fn assemble(
        text: String,
        format: SourceFormat,
        structure: plain_text::PlainTextStructure,
        encoding: &'static str,
        had_decoding_errors: bool,
    ) -> Article {
        Article {
            text,
            format,
            title: structure.title,
            outlet: structure.outlet,
            author: None,
            published: structure.published,
            blocks: structure.blocks,
            encoding,
            had_decoding_errors,
        }
    }

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
    #[error(
        "unsupported format ({0}); supported: .txt, .html, .md, .eml, .docx, .pdf, .json, .jsonl, .csv"
    )]
    UnsupportedFormat(String),
    /// The bytes are not usable text.
    #[error("{0}")]
    Decode(#[from] decode::DecodeError),
    /// A web page without article text (only scripts, menus, or nothing).
    #[error("no article text found in the page")]
    NoArticleText,
    /// A Word document that cannot be read.
    #[error("{0}")]
    Docx(#[from] docx::DocxError),
    /// A PDF that cannot be read.
    #[error("{0}")]
    Pdf(#[from] pdf::PdfError),
    /// The worker process reading the file failed, ran out of time or memory.
    #[error("{0}")]
    Worker(String),
    /// Not an e-mail message, or one without a text part.
    #[error("{0}")]
    Mail(&'static str),
    /// A batch file that cannot be read as a whole (not JSON, no header row…).
    #[error("{0}")]
    Batch(String),
}

/// Where the parsers run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Extraction {
    /// In this process, behind `catch_unwind` and bounded reads (tests, tools).
    #[default]
    InProcess,
    /// In sandboxed worker processes with a time limit and a memory cap (the app, the CLI).
    Worker(worker::WorkerConfig),
}

/// The parsers of one import: this process, or a pool of worker processes
/// that lives as long as the import.
pub enum Readers {
    /// In this process.
    InProcess,
    /// In worker processes.
    Workers(worker::WorkerPool),
}

impl Readers {
    /// The readers an [`Extraction`] asks for.
    pub fn new(extraction: &Extraction) -> Readers {
        match extraction {
            Extraction::InProcess => Readers::InProcess,
            Extraction::Worker(config) => Readers::Workers(worker::WorkerPool::new(config.clone())),
        }
    }

    /// Reads a file's articles and analyses each (what an import stores): in a
    /// worker, within its time budget and sandbox, or in this process. A failure
    /// of an article file as a whole is its one record's; a batch file that
    /// cannot be read fails as a whole.
    pub fn read_file(
        &self,
        path: &Path,
        max_bytes: u64,
    ) -> Result<Vec<worker::AnalysedRecord>, IngestError> {
        match self {
            Readers::Workers(pool) => pool.read_file(path, max_bytes),
            Readers::InProcess => Ok(read_records(path, max_bytes)?
                .into_iter()
                .map(|record| worker::AnalysedRecord {
                    label: record.label,
                    article: record.article.map(crate::analyze::with_analysis),
                })
                .collect()),
        }
    }
}

/// The bytes of a regular file within the size limit.
fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, IngestError> {
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
    std::fs::read(path).map_err(|error| IngestError::Unreadable(error.to_string()))
}

/// One article read from a file; batch files give several, labelled by line or row.
#[derive(Debug)]
pub struct Record {
    /// "line 3", "row 5", "item 2" for batch files; `None` for a single-article file.
    pub label: Option<String>,
    /// The article, or why this record is not one.
    pub article: Result<Article, IngestError>,
}

/// Reads a file into its articles: one for an article file, one per record for a
/// batch file (JSON, JSON Lines, CSV). A failure of the file as a whole is an `Err`;
/// a bad record is an `Err` inside its [`Record`] and the others still come.
pub fn read_records(path: &Path, max_bytes: u64) -> Result<Vec<Record>, IngestError> {
    read_file_with(path, max_bytes, records_from_bytes, |error| Record {
        label: None,
        article: Err(error),
    })
}

/// Reads a file and turns its bytes into records with `read`. A failure of an
/// article file as a whole (unreadable, too large, damaged) becomes its one
/// record, made by `failed`; a batch file that cannot be read fails as a whole.
pub(crate) fn read_file_with<R>(
    path: &Path,
    max_bytes: u64,
    read: impl FnOnce(&[u8], SourceFormat) -> Result<Vec<R>, IngestError>,
    failed: impl FnOnce(IngestError) -> R,
) -> Result<Vec<R>, IngestError> {
    let format = SourceFormat::from_path(path)?;
    match read_bytes(path, max_bytes).and_then(|bytes| read(&bytes, format)) {
        Err(error) if !format.is_batch() => Ok(vec![failed(error)]),
        read => read,
    }
}

/// [`read_records`] for bytes already read, every parser in this process.
pub fn records_from_bytes(bytes: &[u8], format: SourceFormat) -> Result<Vec<Record>, IngestError> {
    match format {
        SourceFormat::Json | SourceFormat::JsonLines | SourceFormat::Csv => {
            let decoded = decode::decode_text(bytes)?;
            batch::records(&decoded.text, format)
        }
        _ => Ok(vec![Record {
            label: None,
            article: article_from_bytes(bytes, format),
        }]),
    }
}

/// Builds an [`Article`] from bytes in a known format.
pub fn article_from_bytes(bytes: &[u8], format: SourceFormat) -> Result<Article, IngestError> {
    // Mail carries its own charsets and transfer encodings: the parser reads the bytes.
    if format.is_hostile_binary() {
        return parts_in_process(bytes, format)?.into_article(format);
    }
    let decoded = decode::decode_text(bytes)?;
    let (text, structure) = match format {
        SourceFormat::PlainText => {
            let structure = plain_text::parse(&decoded.text);
            (decoded.text, structure)
        }
        SourceFormat::Html => return html_article(&decoded),
        SourceFormat::Markdown => markdown_article(&decoded.text)?,
        SourceFormat::Eml | SourceFormat::Docx | SourceFormat::Pdf => {
            return parts_in_process(bytes, format)?.into_article(format);
        }
        SourceFormat::Json | SourceFormat::JsonLines | SourceFormat::Csv => {
            return Err(IngestError::Batch(
                "a batch file holds several articles".to_owned(),
            ));
        }
    };
    Ok(Article::assemble(
        text,
        format,
        structure,
        decoded.encoding,
        decoded.had_errors,
    ))
}

/// An article given as parts (a web page, a Markdown file, a record of a batch file):
/// the title as the headline block, then the paragraphs (lead first). The stored text
/// is exactly these blocks, normalised, separated by blank lines.
pub struct ArticleParts<'p> {
    /// Headline.
    pub title: Option<&'p str>,
    /// Body paragraphs in order.
    pub paragraphs: Vec<&'p str>,
    /// Publication date as given.
    pub published: Option<&'p str>,
    /// Outlet.
    pub outlet: Option<&'p str>,
    /// Author(s).
    pub author: Option<&'p str>,
}

impl ArticleParts<'_> {
    fn into_structure(self) -> Result<(String, plain_text::PlainTextStructure), IngestError> {
        if self.paragraphs.iter().all(|p| p.trim().is_empty()) {
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
        if let Some(title) = self.title {
            push(BlockKind::Headline, title, &mut text);
        }
        let mut first = true;
        for paragraph in self.paragraphs.iter().filter(|p| !p.trim().is_empty()) {
            push(
                if first {
                    BlockKind::Lead
                } else {
                    BlockKind::Body
                },
                paragraph,
                &mut text,
            );
            first = false;
        }
        let structure = plain_text::PlainTextStructure {
            blocks,
            title: self
                .title
                .map(|t| decode::normalize(t.trim()))
                .filter(|t| !t.is_empty()),
            outlet: self
                .outlet
                .map(|o| decode::normalize(o.trim()))
                .filter(|o| !o.is_empty()),
            published: self
                .published
                .and_then(|d| dates::parse_date_line(d.trim())),
        };
        Ok((text, structure))
    }

    /// The article these parts make.
    pub fn into_article(self, format: SourceFormat) -> Result<Article, IngestError> {
        let author = self
            .author
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|a| !a.is_empty());
        let (text, structure) = self.into_structure()?;
        let mut article = Article::assemble(text, format, structure, "UTF-8", false);
        article.author = author;
        Ok(article)
    }
}

/// An e-mail message as an article: the subject is the title, the date the
/// publication date, the text part (or the HTML part's main text) the body.
/// Attachments are ignored and never written anywhere.
fn eml_parts(bytes: &[u8]) -> Result<OwnedParts, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Decode(decode::DecodeError::Empty));
    }
    let message = mail_parser::MessageParser::default()
        .parse(bytes)
        .ok_or(IngestError::Mail("not an e-mail message (no headers)"))?;
    let body = match message.body_text(0) {
        Some(text) if !text.trim().is_empty() => text.into_owned(),
        _ => message
            .body_html(0)
            .map(|page| html::parse_html(&page, None).map(|page| page.text))
            .ok_or(IngestError::Mail("the message has no text part"))?
            .map_err(|refused| IngestError::Unreadable(refused.to_string()))?,
    };
    // Mail wraps lines at about 72 characters: a paragraph is a run of lines.
    let paragraphs: Vec<String> = body
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .collect();
    let sender = message
        .from()
        .and_then(|f| f.first())
        .and_then(|a| a.name().or(a.address()))
        .map(str::to_owned);
    // The sender wrote it; the outlet is the sender's organisation when the header names one.
    let organisation = message
        .header("Organization")
        .and_then(|h| h.as_text())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    Ok(OwnedParts {
        title: message.subject().map(str::to_owned),
        paragraphs,
        published: message.date().map(|d| d.to_rfc3339()),
        outlet: organisation.or_else(|| sender.clone()),
        author: sender,
    })
}

/// A Word document as an article: the title from its properties, else its first
/// paragraph when short (a heading); the rest are the paragraphs.
fn docx_parts(bytes: &[u8]) -> Result<OwnedParts, IngestError> {
    // The zip and XML crates are well tested, but the file is hostile until proven
    // otherwise: a panic costs this file, not the import.
    let document = std::panic::catch_unwind(|| docx::read_docx(bytes))
        .map_err(|_| IngestError::Docx(docx::DocxError::Xml("the reader failed".to_owned())))??;
    let mut parts = OwnedParts::titled(document.title, document.paragraphs);
    parts.author = document.author;
    Ok(parts)
}

/// A PDF as an article: its title property, else its first paragraph when short.
fn pdf_parts(bytes: &[u8]) -> Result<OwnedParts, IngestError> {
    let document = std::panic::catch_unwind(|| pdf::read_pdf(bytes))
        .map_err(|_| IngestError::Worker("the PDF reader failed on this file".to_owned()))??;
    Ok(OwnedParts::titled(document.title, document.paragraphs))
}

/// The parts of an article read from a binary format (owned: the parsers
/// build their strings).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OwnedParts {
    /// Headline.
    pub title: Option<String>,
    /// Body paragraphs in order.
    pub paragraphs: Vec<String>,
    /// Publication date as given.
    pub published: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Author(s).
    pub author: Option<String>,
}

impl OwnedParts {
    /// A document with an optional title property: without one, a short first
    /// paragraph (a heading) is the title.
    fn titled(title: Option<String>, mut paragraphs: Vec<String>) -> OwnedParts {
        let title = title.or_else(|| {
            paragraphs
                .first()
                .is_some_and(|p| p.split_whitespace().count() <= 15)
                .then(|| paragraphs.remove(0))
        });
        OwnedParts {
            title,
            paragraphs,
            published: None,
            outlet: None,
            author: None,
        }
    }

    /// The article these parts make.
    pub fn into_article(self, format: SourceFormat) -> Result<Article, IngestError> {
        ArticleParts {
            title: self.title.as_deref(),
            paragraphs: self.paragraphs.iter().map(String::as_str).collect(),
            published: self.published.as_deref(),
            outlet: self.outlet.as_deref(),
            author: self.author.as_deref(),
        }
        .into_article(format)
    }
}

/// Reads a binary format (PDF, DOCX, e-mail) in this process.
pub(crate) fn parts_in_process(
    bytes: &[u8],
    format: SourceFormat,
) -> Result<OwnedParts, IngestError> {
    match format {
        SourceFormat::Eml => eml_parts(bytes),
        SourceFormat::Docx => docx_parts(bytes),
        SourceFormat::Pdf => pdf_parts(bytes),
        _ => Err(IngestError::UnsupportedFormat(format.as_str().to_owned())),
    }
}

/// A web page as an article: main text and metadata (title, author, date, site).
fn html_article(decoded: &decode::DecodedText) -> Result<Article, IngestError> {
    let page = html::parse_html(&decoded.text, None)
        .map_err(|refused| IngestError::Unreadable(refused.to_string()))?;
    let mut article = ArticleParts {
        title: page.title.as_deref(),
        paragraphs: page.text.split("\n\n").collect(),
        published: page.published.as_deref(),
        outlet: page.site_name.as_deref(),
        author: page.author.as_deref(),
    }
    .into_article(SourceFormat::Html)?;
    article.encoding = decoded.encoding;
    article.had_decoding_errors = decoded.had_errors;
    Ok(article)
}

/// A Markdown file as an article: the first heading is the title, every other
/// block (paragraph, heading, list item, quotation) a paragraph of plain text.
fn markdown_article(source: &str) -> Result<(String, plain_text::PlainTextStructure), IngestError> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut title: Option<String> = None;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut in_first_heading = false;
    for event in Parser::new(source) {
        match event {
            Event::Start(Tag::Heading { .. }) if title.is_none() && paragraphs.is_empty() => {
                in_first_heading = true
            }
            Event::End(TagEnd::Heading(_)) if in_first_heading => {
                title = Some(std::mem::take(&mut current));
                in_first_heading = false;
            }
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => {
                let paragraph = std::mem::take(&mut current);
                if !paragraph.trim().is_empty() {
                    paragraphs.push(paragraph);
                }
            }
            _ => {}
        }
    }
    if !current.trim().is_empty() {
        paragraphs.push(current);
    }
    ArticleParts {
        title: title.as_deref(),
        paragraphs: paragraphs.iter().map(String::as_str).collect(),
        published: None,
        outlet: None,
        author: None,
    }
    .into_structure()
}

//! The facade the CLI and the desktop app call. **API boundary**: the types
//! here are plain data with public fields, serialisable, and exported to
//! TypeScript (`ui/src/lib/bindings/`, checked for drift by a test). Nothing
//! else in the engine is serialised for the UI.

use crate::analyze::analyze_article;
use crate::ingest::{self, BlockKind};
use crate::sample;
use crate::store::{Insertion, Library, StoreError};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Key in `library_meta` recording that the sample was added once.
const SAMPLE_SEEDED_KEY: &str = "sample_seeded";

/// A line of the library list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArticleSummary {
    /// Library id.
    #[ts(type = "number")]
    pub id: i64,
    /// Headline.
    pub title: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Publication date-time as written in the article (ISO 8601, local).
    pub published: Option<String>,
    /// Number of quotations found in it.
    pub n_quotes: u32,
}

pub use crate::store::ArticleFilter;

/// A speaker or outlet across the library, for filters and the speakers view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NameCountView {
    /// The name.
    pub name: String,
    /// Articles it occurs in.
    pub n_articles: u32,
    /// Its quotations (speakers) or articles (outlets).
    pub n_quotes: u32,
}

/// A speaker's quotation somewhere in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SpeakerQuoteView {
    /// The article.
    #[ts(type = "number")]
    pub article_id: i64,
    /// Its headline.
    pub title: String,
    /// Its publication date-time as written.
    pub published: Option<String>,
    /// Index into that article's [`ArticleView::quotes`].
    pub index: u32,
    /// The quoted text.
    pub text: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
}

/// Quotations in one month, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimelineMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Direct quotations.
    pub direct: u32,
    /// Indirect (reported) speech.
    pub indirect: u32,
    /// Mixed quotations.
    pub mixed: u32,
}

/// A node of the relations map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MapNodeView {
    /// Entity id in the library.
    #[ts(type = "number")]
    pub id: i64,
    /// `person`, `organisation`, `country`, `city`.
    pub kind: String,
    /// The fullest name seen.
    pub name: String,
    /// Mentions in the articles kept.
    pub n_mentions: u32,
    /// Articles mentioning it.
    pub n_articles: u32,
}

/// An edge of the relations map: one kind of relation between two entities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MapEdgeView {
    /// `affiliation`, `met_with`, `said_about`, `cooperation`, `opposition`.
    pub kind: String,
    /// From entity id.
    #[ts(type = "number")]
    pub from: i64,
    /// To entity id.
    #[ts(type = "number")]
    pub to: i64,
    /// `supportive`, `critical` or `neutral`.
    pub stance: String,
    /// Evidence sentences behind it.
    pub weight: u32,
}

/// The relations map of the articles a filter keeps, or of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MapView {
    /// Entities (dates left out).
    pub nodes: Vec<MapNodeView>,
    /// Relations.
    pub edges: Vec<MapEdgeView>,
}

/// One sentence behind a relation, ready to open in the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceView {
    /// The article.
    #[ts(type = "number")]
    pub article_id: i64,
    /// Its headline.
    pub title: String,
    /// Its date as written.
    pub published: Option<String>,
    /// The sentence.
    pub sentence: String,
    /// The relation's stance there.
    pub stance: String,
    /// Where the sentence is in the article (opaque: pass back to open it marked).
    pub start: u32,
    /// End of the sentence (opaque, as `start`).
    pub end: u32,
}

/// An entity with what the library says of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EntityView {
    /// Entity id.
    #[ts(type = "number")]
    pub id: i64,
    /// Names seen, fullest first, with the role or detail each came with —
    /// how the library matched them into one entity.
    pub aliases: Vec<(String, Option<String>)>,
    /// Its quotations (for a person or organisation that speaks).
    pub quotes: Vec<SpeakerQuoteView>,
    /// Where the articles name it: (article id, title, sentence).
    pub mentions: Vec<EvidenceView>,
}

/// An entity offered by the entity filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EntityFacet {
    /// Entity id.
    #[ts(type = "number")]
    pub id: i64,
    /// `person`, `organisation`, `country`, `city`.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// Articles naming it.
    pub n_articles: u32,
}

/// What the library's filters can offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LibraryFacets {
    /// Speakers by name, most quoted first.
    pub speakers: Vec<NameCountView>,
    /// Outlets, most articles first.
    pub outlets: Vec<NameCountView>,
    /// The 300 entities most articles name.
    pub entities: Vec<EntityFacet>,
}

/// What a block of the reader shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BlockRole {
    /// The publication date line.
    DateLine,
    /// The headline.
    Headline,
    /// A second headline line.
    Subheadline,
    /// The lead paragraph.
    Lead,
    /// A body paragraph.
    Body,
    /// `Related news:` and similar headings.
    RelatedHeading,
    /// A link to another article (its headline), not body text.
    RelatedLink,
}

/// A run of a block's text with the quotations it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SegmentView {
    /// The text of the run, to be rendered as a text node.
    pub text: String,
    /// Indices into [`ArticleView::quotes`] of the quotations covering it, outermost first.
    pub quotes: Vec<u32>,
    /// Part of the evidence sentence the reader was opened on (from the map).
    pub evidence: bool,
}

/// One block of an article, ready to render as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BlockView {
    /// What the block is.
    pub role: BlockRole,
    /// Its text, to be rendered as a text node (never as markup).
    pub text: String,
    /// The same text cut where quotations begin and end; the UI draws these, so it never
    /// computes offsets itself.
    pub segments: Vec<SegmentView>,
}

/// A speaker of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SpeakerView {
    /// Position in the article's speaker list (order of appearance).
    pub index: u32,
    /// Display name.
    pub name: String,
    /// `person`, `organisation` or `anonymous`.
    pub kind: String,
    /// Role from the text ("Foreign Minister").
    pub role: Option<String>,
    /// Affiliation from the text ("Russia").
    pub affiliation: Option<String>,
    /// Number of quotations attributed to the speaker.
    pub n_quotes: u32,
    /// Palette slot (0-11) derived from the name, so a speaker keeps its colour across launches.
    pub color: u32,
}

/// A quotation of an article.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuoteView {
    /// Position in the article's quote list.
    pub index: u32,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// The quoted content.
    pub text: String,
    /// Index into [`ArticleView::speakers`].
    pub speaker: Option<u32>,
    /// The words the attribution rests on ("he", "the Russian top diplomat").
    pub mention: Option<String>,
    /// The cue ("said", "according to", ":").
    pub cue: Option<String>,
    /// The sentence (or headline) the attribution rests on.
    pub evidence: String,
    /// 0 to 1; below 0.7 deserves a second look.
    pub confidence: f32,
    /// Inside another quotation.
    pub nested: bool,
    /// The rule that found it.
    pub rule: String,
    /// The day it was said, when the text gives one (`YYYY-MM-DD`, resolved
    /// against the article's date).
    pub said_on: Option<String>,
}

/// An article as the reader shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ArticleView {
    /// Library id.
    #[ts(type = "number")]
    pub id: i64,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Author(s), as the source gives them.
    pub author: Option<String>,
    /// Publication date-time as written (ISO 8601 with offset when known).
    pub published_local: Option<String>,
    /// IANA zone of the publication date, when the article named one.
    pub published_zone: Option<String>,
    /// The same instant in UTC (RFC 3339), when known.
    pub published_utc: Option<String>,
    /// File it was imported from.
    pub source_path: Option<String>,
    /// Blocks in reading order; the repeated headline is left out.
    pub blocks: Vec<BlockView>,
    /// Speakers in order of appearance.
    pub speakers: Vec<SpeakerView>,
    /// Quotations in text order.
    pub quotes: Vec<QuoteView>,
}

/// An article that an import added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportedArticle {
    /// The file.
    pub path: String,
    /// Its new library id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its headline.
    pub title: String,
}

/// A file whose text was already in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuplicateArticle {
    /// The file.
    pub path: String,
    /// The id of the article already stored with the same text.
    #[ts(type = "number")]
    pub existing_id: i64,
}

/// A file that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportFailure {
    /// The file.
    pub path: String,
    /// The reason, in words for the user.
    pub reason: String,
}

/// What one import did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    /// Articles added.
    pub added: Vec<ImportedArticle>,
    /// Files whose text was already stored.
    pub duplicates: Vec<DuplicateArticle>,
    /// Files that failed, each with its reason.
    pub failures: Vec<ImportFailure>,
    /// Files inside dropped folders that are not in a format Quotemap reads (images, …).
    pub skipped_other_formats: u32,
    /// The user stopped the import; the files before the stop are in.
    pub cancelled: bool,
}

/// Where an import is: `done` of `total` files, working on `current`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportProgress {
    /// Files finished.
    pub done: u32,
    /// Files in the import (folders expanded).
    pub total: u32,
    /// The file being read.
    pub current: String,
}

impl ImportReport {
    /// One line per file, for terminals and logs.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for added in &self.added {
            lines.push(format!(
                "imported {} as #{}: {}",
                added.path, added.id, added.title
            ));
        }
        for duplicate in &self.duplicates {
            lines.push(format!(
                "skipped {}: already in the library as #{}",
                duplicate.path, duplicate.existing_id
            ));
        }
        for failure in &self.failures {
            lines.push(format!("failed {}: {}", failure.path, failure.reason));
        }
        if self.cancelled {
            lines.push("cancelled: the files above are in, the rest were not read".to_owned());
        }
        if self.skipped_other_formats > 0 {
            lines.push(format!(
                "skipped {} file(s) of other formats inside folders",
                self.skipped_other_formats
            ));
        }
        lines
    }
}

/// The open library, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LibraryInfo {
    /// Path of the SQLite file.
    pub path: String,
    /// Number of articles.
    #[ts(type = "number")]
    pub n_articles: u64,
}

/// Settings of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Files larger than this many bytes are refused.
    pub max_file_bytes: u64,
    /// Where PDF, DOCX and e-mail parsers run (a worker process in the app and the CLI).
    pub extraction: ingest::Extraction,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            max_file_bytes: ingest::DEFAULT_MAX_FILE_BYTES,
            extraction: ingest::Extraction::InProcess,
        }
    }
}

/// The current time in UTC, RFC 3339: the import time stamp.
pub fn now_utc() -> String {
    jiff::Timestamp::now().to_string()
}

/// Opens the library; a brand-new library gets the bundled sample article once.
pub fn open_library(path: &Path) -> Result<Library, StoreError> {
    let mut library = Library::open(path)?;
    if library.meta(SAMPLE_SEEDED_KEY)?.is_none() {
        let article = ingest::article_from_bytes(
            sample::SAMPLE_ARTICLE.as_bytes(),
            ingest::SourceFormat::PlainText,
        )
        .map_err(|error| StoreError::DamagedRow {
            id: 0,
            reason: error.to_string(),
        })?;
        let title = article
            .title
            .clone()
            .unwrap_or_else(|| sample::SAMPLE_FILE_NAME.to_owned());
        let analysis = analyze_article(
            &article.text,
            article.published.as_ref().map(|p| p.local.as_str()),
        );
        library.insert_article(
            &article,
            &analysis,
            &title,
            Some(sample::SAMPLE_FILE_NAME),
            &now_utc(),
        )?;
        library.set_meta(SAMPLE_SEEDED_KEY, "1")?;
    }
    // Articles stored before this engine version are analysed again (one transaction each).
    for id in library.articles_needing_analysis()? {
        if let Some(article) = library.get_article(id)? {
            let analysis = analyze_article(&article.text, article.published_local.as_deref());
            library.save_analysis(id, &analysis, &now_utc())?;
        }
    }
    Ok(library)
}

/// Files to import: each path as given, and the files inside dropped folders
/// (recursively, without following symbolic links, so a link loop cannot trap the
/// walk). Inside folders only files of a supported format are taken; the others are
/// counted in the report. A folder that cannot be read is reported as a failure.
fn expand_folders(paths: &[PathBuf], report: &mut ImportReport) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = Vec::new();
        for entry in walkdir::WalkDir::new(path).follow_links(false) {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if ingest::SourceFormat::from_path(entry.path()).is_ok() {
                        found.push(entry.into_path());
                    } else {
                        report.skipped_other_formats += 1;
                    }
                }
                Ok(_) => {}
                Err(error) => report.failures.push(ImportFailure {
                    path: error.path().unwrap_or(path).display().to_string(),
                    reason: format!(
                        "cannot be read: {}",
                        error
                            .io_error()
                            .map_or_else(|| error.to_string(), ToString::to_string)
                    ),
                }),
            }
        }
        found.sort();
        files.extend(found);
    }
    files
}

/// Imports files: they are read and analysed on every core, and stored one by one in
/// the order given (folders expanded and sorted), each article in its own
/// transaction; a file that fails is reported with its reason and the rest go on.
/// `progress` is called before each file is stored; when it returns `false` the import
/// stops there and what is stored stays.
pub fn import_files(
    library: &mut Library,
    paths: &[PathBuf],
    options: &ImportOptions,
    imported_at: &str,
    progress: &mut dyn FnMut(&ImportProgress) -> bool,
) -> ImportReport {
    let mut report = ImportReport::default();
    let files = expand_folders(paths, &mut report);
    let total = files.len() as u32;
    let threads = crate::parallel::worker_threads();
    let completed = crate::parallel::prepare_in_parallel(
        &files,
        threads,
        threads * 4,
        |path| prepare_file(path, options),
        |index, prepared| {
            let path = &files[index];
            let step = ImportProgress {
                done: index as u32,
                total,
                current: path.display().to_string(),
            };
            if !progress(&step) {
                return false;
            }
            store_file(library, path, prepared, imported_at, &mut report);
            true
        },
    );
    // Articles already stored stay: each was its own transaction.
    report.cancelled = !completed;
    report
}

/// A file's articles, read and analysed, ready to store; or why the file has none.
type PreparedFile = Result<Vec<PreparedRecord>, String>;

/// One article of a file (a batch file has several), or why that record is not one.
struct PreparedRecord {
    label: Option<String>,
    article: Result<(ingest::Article, crate::analyze::Analysis), String>,
}

/// Reads and analyses one file; runs on the import's worker threads. A panic in a
/// parser or the analysis is this file's failure, never the import's.
fn prepare_file(path: &Path, options: &ImportOptions) -> PreparedFile {
    let read_and_analyse = || {
        let records = ingest::read_records(path, options.max_file_bytes, &options.extraction)
            .map_err(|error| error.to_string())?;
        Ok(records
            .into_iter()
            .map(|record| PreparedRecord {
                label: record.label,
                article: record
                    .article
                    .map(|article| {
                        let analysis = analyze_article(
                            &article.text,
                            article.published.as_ref().map(|p| p.local.as_str()),
                        );
                        (article, analysis)
                    })
                    .map_err(|error| error.to_string()),
            })
            .collect())
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read_and_analyse)).unwrap_or_else(|_| {
        Err(
            "internal error while reading this file (a bug in Quotemap; please report it)"
                .to_owned(),
        )
    })
}

/// Stores a prepared file's articles and notes each outcome in the report.
fn store_file(
    library: &mut Library,
    path: &Path,
    prepared: PreparedFile,
    imported_at: &str,
    report: &mut ImportReport,
) {
    let records = match prepared {
        Ok(records) => records,
        Err(reason) => {
            report.failures.push(ImportFailure {
                path: path.display().to_string(),
                reason,
            });
            return;
        }
    };
    for record in records {
        // A batch file's records are named by their line or row.
        let shown = match &record.label {
            Some(label) => format!("{} ({label})", path.display()),
            None => path.display().to_string(),
        };
        match store_record(library, path, record, imported_at) {
            Ok((Insertion::Added(id), title)) => report.added.push(ImportedArticle {
                path: shown,
                id,
                title,
            }),
            Ok((Insertion::Duplicate(existing_id), _)) => {
                report.duplicates.push(DuplicateArticle {
                    path: shown,
                    existing_id,
                });
            }
            Err(reason) => report.failures.push(ImportFailure {
                path: shown,
                reason,
            }),
        }
    }
}

fn store_record(
    library: &mut Library,
    path: &Path,
    record: PreparedRecord,
    imported_at: &str,
) -> Result<(Insertion, String), String> {
    let (article, analysis) = record.article?;
    let title = article.title.clone().unwrap_or_else(|| {
        let stem = path.file_stem().map_or_else(
            || "Untitled".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        match &record.label {
            Some(label) => format!("{stem} ({label})"),
            None => stem,
        }
    });
    // Store the absolute path so that the library means the same from any folder.
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let insertion = library
        .insert_article(
            &article,
            &analysis,
            &title,
            Some(&absolute.to_string_lossy()),
            imported_at,
        )
        .map_err(|error| error.to_string())?;
    Ok((insertion, title))
}

/// All articles, for the library list.
pub fn list_articles(
    library: &Library,
    filter: &ArticleFilter,
) -> Result<Vec<ArticleSummary>, StoreError> {
    Ok(library
        .list_articles(filter)?
        .into_iter()
        .map(|row| ArticleSummary {
            id: row.id,
            title: row.title,
            outlet: row.outlet,
            published: row.published_local,
            n_quotes: row.n_quotes,
        })
        .collect())
}

/// Quotations per month (by the article's date) of what a filter keeps; with a
/// speaker, that speaker's quotations only. Oldest first; undated articles out.
pub fn quote_timeline(
    library: &Library,
    filter: &ArticleFilter,
) -> Result<Vec<TimelineMonth>, StoreError> {
    Ok(library
        .quote_timeline(filter)?
        .into_iter()
        .map(|(month, direct, indirect, mixed)| TimelineMonth {
            month,
            direct,
            indirect,
            mixed,
        })
        .collect())
}

/// Every quotation of a speaker across the library, oldest first.
pub fn speaker_quotes(library: &Library, name: &str) -> Result<Vec<SpeakerQuoteView>, StoreError> {
    Ok(library
        .speaker_quotes(name)?
        .into_iter()
        .map(|row| SpeakerQuoteView {
            article_id: row.article_id,
            title: row.title,
            published: row.published_local,
            index: row.index,
            text: row.text,
            kind: row.kind,
        })
        .collect())
}

/// The relations map: for one article (`article`), or for the articles the filter keeps.
pub fn relation_map(
    library: &Library,
    filter: &ArticleFilter,
    article: Option<i64>,
) -> Result<MapView, StoreError> {
    let (nodes, edges) = library.map(filter, article)?;
    Ok(MapView {
        nodes: nodes
            .into_iter()
            .map(|n| MapNodeView {
                id: n.id,
                kind: n.kind,
                name: n.name,
                n_mentions: n.n_mentions,
                n_articles: n.n_articles,
            })
            .collect(),
        edges: edges
            .into_iter()
            .map(|e| MapEdgeView {
                kind: e.kind,
                from: e.from,
                to: e.to,
                stance: e.stance,
                weight: e.weight,
            })
            .collect(),
    })
}

/// The evidence sentences of one edge of the map.
pub fn edge_evidence(
    library: &Library,
    kind: &str,
    from: i64,
    to: i64,
) -> Result<Vec<EvidenceView>, StoreError> {
    Ok(library
        .relation_evidence(kind, from, to)?
        .into_iter()
        .map(|row| EvidenceView {
            article_id: row.article_id,
            title: row.title,
            published: row.published_local,
            sentence: row.sentence,
            stance: row.stance,
            start: row.span.start as u32,
            end: row.span.end as u32,
        })
        .collect())
}

/// One entity: its names, its quotations and where it is mentioned.
pub fn entity_view(library: &Library, id: i64) -> Result<EntityView, StoreError> {
    let aliases = library.entity_aliases(id)?;
    // A speaker's quotations are found under any of the names the entity carries.
    let mut quotes = Vec::new();
    for (alias, _) in &aliases {
        for quote in speaker_quotes(library, alias)? {
            if !quotes.contains(&quote) {
                quotes.push(quote);
            }
        }
    }
    let mut mentions = Vec::new();
    for (article_id, title, span) in library.entity_mentions(id, 200)? {
        let Some(article) = library.get_article(article_id)? else {
            continue;
        };
        let text = &article.text;
        if span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            continue;
        }
        let low = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let high = text[span.end..]
            .find('\n')
            .map_or(text.len(), |i| span.end + i);
        let sentence = text[low..high].trim().to_owned();
        if mentions
            .iter()
            .any(|m: &EvidenceView| m.article_id == article_id && m.sentence == sentence)
        {
            continue;
        }
        mentions.push(EvidenceView {
            article_id,
            title,
            published: article.published_local.clone(),
            sentence,
            stance: "neutral".to_owned(),
            start: low as u32,
            end: high as u32,
        });
    }
    Ok(EntityView {
        id,
        aliases,
        quotes,
        mentions,
    })
}

/// The speakers and outlets of the whole library, with their counts.
pub fn library_facets(library: &Library) -> Result<LibraryFacets, StoreError> {
    let view = |rows: Vec<crate::store::NameCount>| {
        rows.into_iter()
            .map(|row| NameCountView {
                name: row.name,
                n_articles: row.n_articles,
                n_quotes: row.n_quotes,
            })
            .collect()
    };
    Ok(LibraryFacets {
        speakers: view(library.speaker_counts()?),
        outlets: view(library.outlet_counts()?),
        entities: library
            .entity_counts(300)?
            .into_iter()
            .map(|(id, kind, name, n_articles)| EntityFacet {
                id,
                kind,
                name,
                n_articles,
            })
            .collect(),
    })
}

/// A piece of a search snippet: text, and whether it is a matched word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SnippetPart {
    /// Text, to be shown as text.
    pub text: String,
    /// True for a matched word.
    pub hit: bool,
}

/// An article a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    /// Library id.
    #[ts(type = "number")]
    pub id: i64,
    /// Headline.
    pub title: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Publication date-time as written in the article.
    pub published: Option<String>,
    /// Text around the matches.
    pub snippet: Vec<SnippetPart>,
    /// The first quotation (index into [`ArticleView::quotes`]) holding every searched word.
    pub quote: Option<u32>,
}

/// Searches the library (titles and text, quotations included) as the user
/// types: every word must occur, the last one as a prefix; `"a phrase"` in
/// double quotes must occur as written. Best matches first, at most `limit`.
/// Input that holds no word gives no hits, never an error.
pub fn search(library: &Library, input: &str, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
    let Some((query, words)) = fts_query(input) else {
        return Ok(Vec::new());
    };
    let rows = library.search(&query, limit.clamp(1, 200) as usize)?;
    let mut hits = Vec::with_capacity(rows.len());
    for row in rows {
        let quote = first_quote_with(library, row.id, &words)?;
        hits.push(SearchHit {
            id: row.id,
            title: row.title,
            outlet: row.outlet,
            published: row.published_local,
            snippet: snippet_parts(&row.snippet),
            quote,
        });
    }
    Ok(hits)
}

/// The FTS5 query for what the user typed, and its words (lower-case). Every
/// word is quoted, so no input is FTS5 syntax: `NEAR`, `-`, `*` and quotes
/// typed by the user are words or nothing.
fn fts_query(input: &str) -> Option<(String, Vec<String>)> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    let trimmed = input.trim();
    let phrase = trimmed.len() >= 2 && trimmed.starts_with('"') && trimmed.ends_with('"');
    let query = if phrase {
        format!("\"{}\"", words.join(" "))
    } else {
        let still_typing = !input.ends_with(char::is_whitespace);
        let last = words.len() - 1;
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i == last && still_typing {
                    format!("\"{w}\"*")
                } else {
                    format!("\"{w}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    Some((query, words))
}

/// FTS5's snippet with our private-use marks, as parts.
fn snippet_parts(snippet: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut hit = false;
    for piece in snippet.split([crate::store::SNIPPET_OPEN, crate::store::SNIPPET_CLOSE]) {
        if !piece.is_empty() {
            parts.push(SnippetPart {
                text: piece.to_owned(),
                hit,
            });
        }
        hit = !hit;
    }
    parts
}

/// Index (as in [`get_article`]) of the first quotation whose text holds every word.
fn first_quote_with(
    library: &Library,
    article_id: i64,
    words: &[String],
) -> Result<Option<u32>, StoreError> {
    let Some(article) = library.get_article(article_id)? else {
        return Ok(None);
    };
    let (_, quotes) = library.get_analysis(article_id)?;
    let text = &article.text;
    let index = quotes
        .iter()
        .filter(|q| {
            q.span.start <= q.span.end
                && q.span.end <= text.len()
                && text.is_char_boundary(q.span.start)
                && text.is_char_boundary(q.span.end)
        })
        .position(|q| {
            let quoted = text[q.span.clone()].to_lowercase();
            words.iter().all(|w| quoted.contains(w.as_str()))
        });
    Ok(index.map(|i| i as u32))
}

/// One article for the reader, or `None` when the id is unknown.
pub fn get_article(library: &Library, id: i64) -> Result<Option<ArticleView>, StoreError> {
    get_article_with_evidence(library, id, None)
}

/// One article for the reader with an evidence sentence marked: `evidence`
/// is an [`EvidenceView`]'s `[start, end)`, passed back as it came.
pub fn get_article_with_evidence(
    library: &Library,
    id: i64,
    evidence: Option<std::ops::Range<usize>>,
) -> Result<Option<ArticleView>, StoreError> {
    let Some(article) = library.get_article(id)? else {
        return Ok(None);
    };
    let (stored_speakers, stored_quotes) = library.get_analysis(id)?;
    let text = &article.text;
    let in_text = |span: &std::ops::Range<usize>| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    let stored_quotes: Vec<_> = stored_quotes
        .into_iter()
        .filter(|q| in_text(&q.span))
        .collect();
    let speaker_index = |speaker_id: Option<i64>| {
        speaker_id
            .and_then(|sid| stored_speakers.iter().position(|s| s.id == sid))
            .map(|i| i as u32)
    };
    let speakers = stored_speakers
        .iter()
        .enumerate()
        .map(|(index, s)| SpeakerView {
            index: index as u32,
            name: s.name.clone(),
            kind: s.kind.clone(),
            role: s.role.clone(),
            affiliation: s.affiliation.clone(),
            n_quotes: stored_quotes
                .iter()
                .filter(|q| q.speaker_id == Some(s.id))
                .count() as u32,
            color: palette_slot(&s.name),
        })
        .collect();
    let quotes = stored_quotes
        .iter()
        .enumerate()
        .map(|(index, q)| QuoteView {
            index: index as u32,
            kind: q.kind.clone(),
            text: text[q.span.clone()].to_owned(),
            speaker: speaker_index(q.speaker_id),
            mention: q
                .mention
                .clone()
                .filter(|m| in_text(m))
                .map(|m| text[m].to_owned()),
            cue: q
                .cue
                .clone()
                .filter(|c| in_text(c))
                .map(|c| text[c].to_owned()),
            evidence: evidence_sentence(text, &article.blocks, q),
            confidence: q.confidence as f32,
            nested: q.nested,
            rule: q.rule.clone(),
            said_on: q.said_on.clone(),
        })
        .collect();
    let blocks = article
        .blocks
        .iter()
        .filter_map(|block| {
            let role = match block.kind {
                BlockKind::DateLine => BlockRole::DateLine,
                BlockKind::Headline => BlockRole::Headline,
                BlockKind::HeadlineRepeat => return None,
                BlockKind::Subheadline => BlockRole::Subheadline,
                BlockKind::Lead => BlockRole::Lead,
                BlockKind::Body => BlockRole::Body,
                BlockKind::RelatedHeading => BlockRole::RelatedHeading,
                BlockKind::RelatedLink => BlockRole::RelatedLink,
            };
            Some(BlockView {
                role,
                text: text[block.span.clone()].to_owned(),
                segments: segments(text, &block.span, &stored_quotes, evidence.as_ref()),
            })
        })
        .collect();
    Ok(Some(ArticleView {
        id: article.id,
        title: article.title,
        outlet: article.outlet,
        author: article.author,
        published_local: article.published_local,
        published_zone: article.published_zone,
        published_utc: article.published_utc,
        source_path: article.source_path,
        blocks,
        speakers,
        quotes,
    }))
}

/// Cuts a block's text where quotations start and end.
fn segments(
    text: &str,
    block: &std::ops::Range<usize>,
    quotes: &[crate::store::StoredQuote],
    evidence: Option<&std::ops::Range<usize>>,
) -> Vec<SegmentView> {
    let mut cuts = vec![block.start, block.end];
    let evidence = evidence.filter(|e| {
        e.start < e.end
            && e.end <= text.len()
            && text.is_char_boundary(e.start)
            && text.is_char_boundary(e.end)
    });
    for span in quotes.iter().map(|q| &q.span).chain(evidence) {
        for at in [span.start, span.end] {
            if block.start < at && at < block.end {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let mut covering: Vec<(usize, u32)> = quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.span.start <= w[0] && w[1] <= q.span.end)
                .map(|(i, q)| (q.span.len(), i as u32))
                .collect();
            // Outermost (longest) first.
            covering.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            SegmentView {
                text: text[w[0]..w[1]].to_owned(),
                quotes: covering.into_iter().map(|(_, i)| i).collect(),
                evidence: evidence.is_some_and(|e| e.start <= w[0] && w[1] <= e.end),
            }
        })
        .collect()
}

/// The text the attribution rests on: from the start of the sentence or block holding the
/// quote or its cue and mention to the end of the one holding the last of them.
fn evidence_sentence(
    text: &str,
    blocks: &[ingest::Block],
    quote: &crate::store::StoredQuote,
) -> String {
    let mut start = quote.span.start;
    let mut end = quote.span.end;
    for span in [&quote.cue, &quote.mention].into_iter().flatten() {
        if span.end <= text.len() {
            start = start.min(span.start);
            end = end.max(span.end);
        }
    }
    // Stay inside the block holding the quote, and widen to sentence ends.
    let block = blocks
        .iter()
        .find(|b| b.span.start <= quote.span.start && quote.span.start <= b.span.end);
    let (low, high) = block.map_or((0, text.len()), |b| (b.span.start, b.span.end));
    let start = start.max(low);
    let end = end.min(high).max(start);
    let sentence_start = text[low..start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(low, |i| low + i + 1);
    let sentence_end = text[end..high]
        .find(['.', '!', '?', '\n'])
        .map_or(high, |i| end + i + 1);
    if !text.is_char_boundary(sentence_start) || !text.is_char_boundary(sentence_end) {
        return text[start..end].trim().to_owned();
    }
    text[sentence_start..sentence_end].trim().to_owned()
}

/// A stable palette slot for a speaker name (FNV-1a), so colours survive restarts.
fn palette_slot(name: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in name.to_lowercase().bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % 12
}

/// The library's path and size.
pub fn library_info(library: &Library) -> Result<LibraryInfo, StoreError> {
    Ok(LibraryInfo {
        path: library.path().display().to_string(),
        n_articles: library.count_articles()?,
    })
}

/// One quotation in the `extract` output. Offsets are Unicode code points
/// into the input text, end-exclusive (the unit of the evaluation files).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedQuote {
    /// Start of the content (code points).
    pub start: usize,
    /// End of the content (code points, exclusive).
    pub end: usize,
    /// The content.
    pub text: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: &'static str,
    /// Resolved name of the speaker.
    pub speaker: Option<String>,
    /// The mention the attribution rests on (code points).
    pub speaker_span: Option<[usize; 2]>,
    /// The cue text.
    pub cue: Option<String>,
    /// The cue (code points).
    pub cue_span: Option<[usize; 2]>,
    /// 0 to 1, two decimals.
    pub confidence: f64,
    /// Pieces of one quotation share a group.
    pub group: usize,
    /// A quotation inside another one.
    pub nested: bool,
    /// The rule that found it.
    pub rule: &'static str,
}

/// Byte offset → code point offset, for one text.
struct CodePoints(Vec<u32>);

impl CodePoints {
    fn new(text: &str) -> CodePoints {
        let mut map = vec![0u32; text.len() + 1];
        let mut count = 0u32;
        let mut last = 0;
        for (byte, c) in text.char_indices() {
            for slot in &mut map[last..=byte] {
                *slot = count;
            }
            count += 1;
            last = byte + 1;
            let _ = c;
        }
        for slot in &mut map[last..] {
            *slot = count;
        }
        CodePoints(map)
    }

    fn at(&self, byte: usize) -> usize {
        self.0[byte.min(self.0.len() - 1)] as usize
    }

    fn span(&self, span: &std::ops::Range<usize>) -> [usize; 2] {
        [self.at(span.start), self.at(span.end)]
    }
}

/// Finds the quotations in a text, with code-point offsets (the `extract` contract).
/// `include_nested` keeps quotations inside other quotations.
pub fn extract_quotes(text: &str, include_nested: bool) -> Vec<ExtractedQuote> {
    let analysis = crate::analyze::analyze(text);
    let code_points = CodePoints::new(text);
    analysis
        .quotes
        .iter()
        .filter(|quote| include_nested || !quote.nested)
        .map(|quote| {
            let [start, end] = code_points.span(&quote.span);
            ExtractedQuote {
                start,
                end,
                text: text[quote.span.clone()].to_owned(),
                kind: quote.kind.as_str(),
                speaker: quote
                    .speaker
                    .map(|s| analysis.speakers[s].name.clone())
                    .or_else(|| {
                        quote
                            .speaker_mention
                            .clone()
                            .map(|m| text[m].trim().to_owned())
                    }),
                speaker_span: quote.speaker_mention.as_ref().map(|m| code_points.span(m)),
                cue: quote.cue.clone().map(|c| text[c].to_owned()),
                cue_span: quote.cue.as_ref().map(|c| code_points.span(c)),
                confidence: (f64::from(quote.confidence) * 100.0).round() / 100.0,
                group: quote.group,
                nested: quote.nested,
                rule: quote.rule,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ts_rs::Config;

    /// Imports with the default options at a fixed time.
    fn import(
        library: &mut Library,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(&ImportProgress) -> bool,
    ) -> ImportReport {
        import_files(
            library,
            paths,
            &ImportOptions::default(),
            "2026-01-01T00:00:00Z",
            progress,
        )
    }

    /// Files are read on several threads but stored in the order given, so article
    /// numbers follow the files whatever thread finished first; a bad file in the middle
    /// is named and the rest go in.
    #[test]
    fn a_parallel_import_stores_in_file_order() {
        let folder = tempfile::tempdir().unwrap();
        let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
        let paths: Vec<PathBuf> = (0..40)
            .map(|n| {
                let path = folder.path().join(format!("{n:02}.txt"));
                // Longer texts first, so the first files take the longest to analyse.
                let body = "The council said the budget would pass. ".repeat(200 - 4 * n);
                let text = if n == 17 {
                    String::new()
                } else {
                    format!("Article {n:02}\n\n{body}")
                };
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        let mut done = Vec::new();
        let report = import(&mut library, &paths, &mut |step| {
            done.push(step.done);
            true
        });
        assert_eq!(done, (0..40).collect::<Vec<u32>>());
        assert!(!report.cancelled);
        assert_eq!(report.failures.len(), 1);
        assert!(report.failures[0].path.ends_with("17.txt"));
        let titles: Vec<&str> = report.added.iter().map(|a| a.title.as_str()).collect();
        let expected: Vec<String> = (0..40)
            .filter(|&n| n != 17)
            .map(|n| format!("Article {n:02}"))
            .collect();
        assert_eq!(titles, expected);
        assert!(report.added.windows(2).all(|w| w[0].id < w[1].id));
    }

    /// Cancelling stops before the next file; what is in stays in, and progress counts files.
    #[test]
    fn import_reports_progress_and_stops_when_asked() {
        let folder = tempfile::tempdir().unwrap();
        let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
        let paths: Vec<PathBuf> = ["a", "b", "c"]
            .iter()
            .map(|name| {
                let path = folder.path().join(format!("{name}.txt"));
                std::fs::write(
                    &path,
                    format!("Headline {name}\n\nThe body of article {name} says enough."),
                )
                .unwrap();
                path
            })
            .collect();
        let mut steps = Vec::new();
        let report = import(&mut library, &paths, &mut |step| {
            steps.push((step.done, step.total));
            step.done < 1
        });
        assert_eq!(steps, [(0, 3), (1, 3)]);
        assert!(report.cancelled);
        assert_eq!(report.added.len(), 1);
        assert_eq!(
            list_articles(&library, &ArticleFilter::default())
                .unwrap()
                .len(),
            2,
            "the sample and the one imported"
        );
    }

    /// The TypeScript files the UI imports; regenerate with `UPDATE_BINDINGS=1 cargo test`.
    #[test]
    fn search_finds_quotes_as_typed_and_never_fails_on_syntax() {
        let folder = tempfile::tempdir().unwrap();
        let library = open_library(&folder.path().join("library.sqlite3")).unwrap();
        // The sample article is there on first open.
        let hits = search(&library, "lavro", 20).unwrap();
        assert_eq!(hits.len(), 1, "a prefix finds the sample");
        assert!(
            hits[0]
                .snippet
                .iter()
                .any(|p| p.hit && p.text.starts_with("Lavrov"))
        );
        assert!(hits[0].snippet.iter().all(|p| !p.text.contains('\u{E000}')));
        // A phrase from a quotation lands on that quotation.
        let phrase = "\"will not enter any treaty\"";
        let hits = search(&library, phrase, 20).unwrap();
        assert_eq!(hits.len(), 1);
        let article = get_article(&library, hits[0].id).unwrap().unwrap();
        let quote = hits[0].quote.expect("the quotation holding the phrase");
        assert!(
            article.quotes[quote as usize]
                .text
                .contains("will not enter any treaty")
        );
        // Words that are not there, and input that is FTS5 syntax, give nothing, not errors.
        for input in [
            "zanzibar",
            "",
            "  ",
            "\"",
            "NEAR(",
            "* - ^",
            "AND OR NOT",
            "title:x",
            "\"\"\"",
        ] {
            let hits = search(&library, input, 20).unwrap();
            assert!(hits.is_empty() || input == "title:x", "{input:?}: {hits:?}");
        }
    }

    #[test]
    fn filters_combine_and_facets_count() {
        let folder = tempfile::tempdir().unwrap();
        let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
        let file = folder.path().join("port.txt");
        std::fs::write(
            &file,
            "Mar 3, 2020 09:15 Europe/Paris\n\nPort reopens\n\n\
             The port reopened on Tuesday, the harbour master said.\n\n\
             “We are open again,” said Maria Okafor.\n",
        )
        .unwrap();
        let report = import(&mut library, &[file], &mut |_| true);
        assert_eq!(report.added.len(), 1);
        let titles = |filter: ArticleFilter| -> Vec<String> {
            list_articles(&library, &filter)
                .unwrap()
                .into_iter()
                .map(|a| a.title)
                .collect()
        };
        let sample = "Iraq not to enter anti Iran alliance".to_owned();
        let port = "Port reopens".to_owned();
        assert_eq!(
            titles(ArticleFilter::default()),
            vec![port.clone(), sample.clone()]
        );
        let by = |speaker: &str| ArticleFilter {
            speaker: Some(speaker.to_owned()),
            ..ArticleFilter::default()
        };
        assert_eq!(titles(by("Sergei Lavrov")), vec![sample.clone()]);
        assert_eq!(titles(by("Maria Okafor")), vec![port.clone()]);
        assert_eq!(
            titles(ArticleFilter {
                kind: Some("mixed".to_owned()),
                ..by("Maria Okafor")
            }),
            Vec::<String>::new()
        );
        assert_eq!(
            titles(ArticleFilter {
                outlet: Some("Iran Press".to_owned()),
                ..ArticleFilter::default()
            }),
            vec![sample.clone()]
        );
        let dated = ArticleFilter {
            from: Some("2020-01-01".to_owned()),
            to: Some("2020-12-31".to_owned()),
            ..ArticleFilter::default()
        };
        assert_eq!(titles(dated), vec![port.clone()]);
        // Naming an entity: the sample names Russia, the port article does not.
        let facets = library_facets(&library).unwrap();
        let russia = facets
            .entities
            .iter()
            .find(|e| e.name == "Russia")
            .unwrap()
            .id;
        assert_eq!(
            titles(ArticleFilter {
                entity: Some(russia),
                ..ArticleFilter::default()
            }),
            vec![sample.clone()]
        );
        let listed = list_articles(&library, &ArticleFilter::default()).unwrap();
        assert!(listed.iter().all(|a| a.n_quotes > 0));
        let facets = library_facets(&library).unwrap();
        let lavrov = facets
            .speakers
            .iter()
            .find(|s| s.name == "Sergei Lavrov")
            .unwrap();
        assert_eq!((lavrov.n_articles, lavrov.n_quotes > 1), (1, true));
        assert!(
            facets
                .outlets
                .iter()
                .any(|o| o.name == "Iran Press" && o.n_articles == 1)
        );
        // The timeline counts quotations by month; a speaker filter keeps theirs only.
        let all = quote_timeline(&library, &ArticleFilter::default()).unwrap();
        assert_eq!(
            all.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(),
            ["2019-01", "2020-03"]
        );
        let his = quote_timeline(&library, &by("Sergei Lavrov")).unwrap();
        assert_eq!(his.len(), 1);
        assert_eq!(
            his[0].direct + his[0].indirect + his[0].mixed,
            lavrov.n_quotes
        );
        // Zarif spoke "On Jan. 17": that is the day of his statement.
        let sample_view = get_article(&library, 1).unwrap().unwrap();
        let zarif = sample_view
            .speakers
            .iter()
            .position(|s| s.name == "Mohammad Javad Zarif")
            .unwrap() as u32;
        assert!(
            sample_view
                .quotes
                .iter()
                .any(|q| q.speaker == Some(zarif) && q.said_on.as_deref() == Some("2019-01-17"))
        );
        // A speaker's quotations across the library point at the right quotation of each article.
        let quotes = speaker_quotes(&library, "Sergei Lavrov").unwrap();
        assert_eq!(quotes.len() as u32, lavrov.n_quotes);
        for quote in &quotes {
            let article = get_article(&library, quote.article_id).unwrap().unwrap();
            let shown = &article.quotes[quote.index as usize];
            assert_eq!(shown.text, quote.text);
            assert_eq!(
                article.speakers[shown.speaker.unwrap() as usize].name,
                "Sergei Lavrov"
            );
        }
    }

    #[test]
    fn one_entity_per_person_across_articles_and_a_map_with_evidence() {
        let folder = tempfile::tempdir().unwrap();
        let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
        // The sample names "Iranian Foreign Minister Mohammad Javad Zarif"; this article only "Zarif".
        let file = folder.path().join("zarif.txt");
        std::fs::write(
            &file,
            "Feb 2, 2019 10:00 Asia/Tehran\n\nZarif on talks\n\n\
             “Iran and Iraq will deepen their cooperation,” Zarif said on Saturday.\n",
        )
        .unwrap();
        let report = import(&mut library, &[file], &mut |_| true);
        assert_eq!(report.added.len(), 1);
        let map = relation_map(&library, &ArticleFilter::default(), None).unwrap();
        // The speakers view and filter know him under one name too.
        let facets = library_facets(&library).unwrap();
        let zarifs: Vec<&NameCountView> = facets
            .speakers
            .iter()
            .filter(|s| s.name.ends_with("Zarif"))
            .collect();
        assert_eq!(zarifs.len(), 1, "{:?}", facets.speakers);
        assert_eq!(
            (zarifs[0].name.as_str(), zarifs[0].n_articles),
            ("Mohammad Javad Zarif", 2)
        );
        let by_zarif = ArticleFilter {
            speaker: Some("Mohammad Javad Zarif".to_owned()),
            ..ArticleFilter::default()
        };
        assert_eq!(list_articles(&library, &by_zarif).unwrap().len(), 2);
        assert_eq!(
            speaker_quotes(&library, "Mohammad Javad Zarif")
                .unwrap()
                .len() as u32,
            zarifs[0].n_quotes
        );
        let zarif: Vec<&MapNodeView> = map
            .nodes
            .iter()
            .filter(|n| n.name.ends_with("Zarif"))
            .collect();
        assert_eq!(zarif.len(), 1, "{:?}", map.nodes);
        assert_eq!(zarif[0].name, "Mohammad Javad Zarif");
        assert_eq!(zarif[0].n_articles, 2);
        let entity = entity_view(&library, zarif[0].id).unwrap();
        let names: Vec<&str> = entity.aliases.iter().map(|(a, _)| a.as_str()).collect();
        assert!(
            names.contains(&"Zarif") && names.contains(&"Mohammad Javad Zarif"),
            "{names:?}"
        );
        assert!(entity.quotes.len() >= 3, "his quotations in both articles");
        // Iran–Iraq cooperation now rests on both articles.
        let id = |name: &str| map.nodes.iter().find(|n| n.name == name).unwrap().id;
        let edge = map
            .edges
            .iter()
            .find(|e| {
                e.kind == "cooperation"
                    && [e.from, e.to].contains(&id("Iran"))
                    && [e.from, e.to].contains(&id("Iraq"))
            })
            .expect("Iran–Iraq cooperation");
        let evidence = edge_evidence(&library, &edge.kind, edge.from, edge.to).unwrap();
        assert_eq!(edge.weight as usize, evidence.len());
        assert!(
            evidence
                .iter()
                .any(|e| e.sentence.contains("deepen their cooperation"))
        );
        assert!(
            evidence
                .iter()
                .any(|e| e.sentence.contains("will not enter any treaty"))
        );
        // The map of one article holds only its own entities.
        let one = relation_map(
            &library,
            &ArticleFilter::default(),
            Some(report.added[0].id),
        )
        .unwrap();
        assert!(
            one.nodes
                .iter()
                .all(|n| ["Mohammad Javad Zarif", "Iran", "Iraq"].contains(&n.name.as_str())),
            "{:?}",
            one.nodes
        );
    }

    #[test]
    fn typescript_bindings_are_current() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings");
        let config = Config::new().with_large_int("number");
        let update = std::env::var_os("UPDATE_BINDINGS").is_some();
        let mut stale = Vec::new();
        macro_rules! check {
            ($($ty:ty),* $(,)?) => {$(
                let name = format!("{}.ts", stringify!($ty));
                let generated = <$ty as TS>::export_to_string(&config).unwrap();
                let path = folder.join(&name);
                if update {
                    std::fs::create_dir_all(&folder).unwrap();
                    std::fs::write(&path, &generated).unwrap();
                } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
                    stale.push(name);
                }
            )*};
        }
        check!(
            ArticleSummary,
            BlockRole,
            SegmentView,
            BlockView,
            SpeakerView,
            QuoteView,
            ArticleView,
            ImportedArticle,
            DuplicateArticle,
            ImportFailure,
            ImportReport,
            ImportProgress,
            LibraryInfo,
            SnippetPart,
            SearchHit,
            ArticleFilter,
            NameCountView,
            LibraryFacets,
            SpeakerQuoteView,
            TimelineMonth,
            MapNodeView,
            MapEdgeView,
            MapView,
            EvidenceView,
            EntityView,
            EntityFacet,
        );
        assert!(
            stale.is_empty(),
            "stale bindings {stale:?}: run `UPDATE_BINDINGS=1 cargo test`"
        );
    }
}

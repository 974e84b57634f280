//! The library as a whole: opening it (with the sample on first start and
//! re-analysis by a newer engine), the article list, the filters' facets and
//! the status bar.

use super::*;

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
    /// Number of its quotations (the user's layer applied).
    pub n_quotes: u32,
    /// Marked reviewed by the user.
    pub reviewed: bool,
}

use crate::store::ArticleRow;
pub use crate::store::{ArticleFilter, ArticleOrder};

/// A speaker or outlet across the library, for filters and the speakers view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NameCountView {
    /// The name.
    pub name: String,
    /// Articles it occurs in.
    pub n_articles: u32,
    /// Its quotations (speakers) or articles (outlets).
    pub n_quotes: u32,
    /// The library entity a speaker is (to rename or merge it); none for outlets.
    #[ts(type = "number | null")]
    pub entity: Option<i64>,
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

/// The open library, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LibraryInfo {
    /// Path of the SQLite file.
    pub path: String,
    /// Number of articles.
    #[ts(type = "number")]
    pub n_articles: u64,
    /// Articles an older engine analysed, still waiting to be analysed again
    /// (after an upgrade the window does it behind itself: [`reanalyse_outdated`]).
    #[ts(type = "number")]
    pub outdated: u64,
}

/// Why a library would not open, in words for the person who chose it (the
/// start-up dialog): what SQLite's code means for them, else the error itself.
pub fn open_failure_reason(error: &StoreError) -> String {
    use rusqlite::ErrorCode;
    let StoreError::Sqlite(rusqlite::Error::SqliteFailure(failure, _)) = error else {
        return error.to_string();
    };
    match failure.code {
        ErrorCode::NotADatabase => {
            "This file is not a Quotemap library (it is not an SQLite database).".to_owned()
        }
        ErrorCode::DatabaseCorrupt => "The library file is damaged (SQLite finds it corrupt). \
             Open a backup copy, or make a new library."
            .to_owned(),
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
            "Another program holds the library locked. Close it and start Quotemap again."
                .to_owned()
        }
        ErrorCode::ReadOnly => {
            "The library can only be read here (the file or its folder is read-only).".to_owned()
        }
        ErrorCode::PermissionDenied | ErrorCode::CannotOpen => {
            "The file cannot be opened: its folder may be missing or not writable, \
             or you may not have permission to read it."
                .to_owned()
        }
        ErrorCode::DiskFull => "The disk is full.".to_owned(),
        _ => error.to_string(),
    }
}

/// What Help › About shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AboutInfo {
    /// The program's version (the face's own: app or CLI).
    pub app_version: String,
    /// The quote engine's version: a library analysed by another is analysed again.
    pub engine_version: String,
    /// Path of the open library file.
    pub library_path: String,
    /// The face's log file, when it keeps one.
    pub log_file: Option<String>,
    /// The last lines of that log, oldest first (the log holds no article text).
    pub log_tail: Vec<String>,
}

/// How many of the log's last lines diagnostics carry.
pub const LOG_TAIL_LINES: usize = 40;
/// Only the end of the log is read: a big log never slows Help › About.
const LOG_TAIL_BYTES: u64 = 16 * 1024;

/// The versions, the open library and the end of the face's log (`log_file`),
/// for Help › About and diagnostics.
pub fn about(library: &Library, app_version: &str, log_file: Option<&Path>) -> AboutInfo {
    AboutInfo {
        app_version: app_version.to_owned(),
        engine_version: crate::analyze::ENGINE_VERSION.to_owned(),
        library_path: library.path().display().to_string(),
        log_file: log_file.map(|path| path.display().to_string()),
        // A log not written yet (or unreadable) has no lines to show; About still opens.
        log_tail: log_file
            .and_then(|path| last_lines(path, LOG_TAIL_LINES).ok())
            .unwrap_or_default(),
    }
}

/// The last `count` whole lines of a text file, read from its last few kilobytes.
fn last_lines(path: &Path, count: usize) -> std::io::Result<Vec<String>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let length = file.metadata()?.len();
    let start = length.saturating_sub(LOG_TAIL_BYTES);
    file.seek(SeekFrom::Start(start))?;
    let mut bytes = Vec::new();
    file.take(LOG_TAIL_BYTES).read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut lines: Vec<&str> = text.lines().collect();
    if start > 0 && !lines.is_empty() {
        // Read from the middle of a line: its start is not here.
        lines.remove(0);
    }
    let keep = lines.len().saturating_sub(count);
    Ok(lines[keep..]
        .iter()
        .map(|line| (*line).to_owned())
        .collect())
}

/// The current time in UTC, RFC 3339: the import time stamp.
pub fn now_utc() -> String {
    jiff::Timestamp::now().to_string()
}

/// A number that changes when another connection has written to the library
/// since the last call (an import of the app's own, the CLI, another app): the
/// views read from it are then out of date. Never changed by this
/// connection's own writes.
pub fn outside_changes(library: &Library) -> Result<i64, StoreError> {
    library.data_version()
}

/// Opens the library; a brand-new library gets the bundled sample article once,
/// and articles an older engine analysed are analysed again before it returns
/// (what a command does: it answers with today's analysis, so an article that
/// cannot be analysed again is an error naming it). A window opens with
/// [`open_library_leaving_outdated`] and runs [`reanalyse_outdated`] behind it.
pub fn open_library(path: &Path) -> Result<Library, StoreError> {
    let mut library = open_library_leaving_outdated(path)?;
    let report = reanalyse_outdated(&mut library, &mut |_| true)?;
    if let Some(failure) = report.failed.into_iter().next() {
        return Err(failure.error);
    }
    Ok(library)
}

/// How far [`reanalyse_outdated`] has come (heard by the app's thread, never by the window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReanalysisProgress {
    /// Articles analysed again so far.
    pub done: u32,
    /// Articles that could not be analysed again so far (they keep their earlier analysis).
    pub failed: u32,
    /// Articles an older engine analysed when it started.
    pub total: u32,
}

/// An article [`reanalyse_outdated`] could not analyse again: it keeps the
/// analysis it had, stays outdated, and is tried again at the next opening.
#[derive(Debug)]
pub struct ReanalysisFailure {
    /// Library id of the article.
    pub article_id: i64,
    /// Why.
    pub error: StoreError,
}

/// What a run of [`reanalyse_outdated`] did.
#[derive(Debug, Default)]
pub struct ReanalysisReport {
    /// Articles analysed again.
    pub done: u32,
    /// Articles that could not be, in the order met.
    pub failed: Vec<ReanalysisFailure>,
}

/// The re-analysis a window runs behind itself, for its status bar: while it
/// runs the window says so and waits to redraw the map; once it has ended,
/// what is still outdated is said with the reason instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReanalysisStatus {
    /// Not started yet (or never needed).
    Idle,
    /// Analysing older articles again now.
    Running,
    /// Ended; what it could not do is left for the next start.
    Ended {
        /// Articles analysed again.
        done: u32,
        /// Articles that kept their earlier analysis (each named in the log).
        failed: u32,
        /// Why it ended early, if it did: the library's trouble, in words.
        stopped: Option<String>,
    },
}

/// Failures in a row after which re-analysis stops with the last one: the
/// library (disk full, locked, read-only), not one article, is in trouble.
pub const REANALYSIS_FAILURES_IN_A_ROW: usize = 5;

/// Analyses again, one transaction each and keeping the user's layer, the
/// articles an older engine analysed (after an upgrade: 10,000 articles take
/// ~11 s in a release build). `progress` hears after each article and stops the
/// work by answering false (the rest waits for the next opening). An article
/// that cannot be analysed again (a damaged row) is reported and the rest
/// carry on; [`REANALYSIS_FAILURES_IN_A_ROW`] failures in a row stop the run
/// with the last error.
pub fn reanalyse_outdated(
    library: &mut Library,
    progress: &mut dyn FnMut(ReanalysisProgress) -> bool,
) -> Result<ReanalysisReport, StoreError> {
    let outdated = library.articles_needing_analysis()?;
    let total = u32::try_from(outdated.len()).unwrap_or(u32::MAX);
    let mut report = ReanalysisReport::default();
    let mut failures_in_a_row = 0;
    for article_id in outdated {
        // Read again each time: a user may have deleted it meanwhile.
        let analysed = library
            .get_article(article_id)
            .and_then(|article| match article {
                Some(article) => model::analyse_and_store(library, &article, &now_utc()),
                None => Ok(()),
            });
        match analysed {
            Ok(()) => {
                report.done += 1;
                failures_in_a_row = 0;
            }
            Err(error) => {
                failures_in_a_row += 1;
                if failures_in_a_row >= REANALYSIS_FAILURES_IN_A_ROW {
                    return Err(error);
                }
                report.failed.push(ReanalysisFailure { article_id, error });
            }
        }
        let step = ReanalysisProgress {
            done: report.done,
            failed: u32::try_from(report.failed.len()).unwrap_or(u32::MAX),
            total,
        };
        if !progress(step) {
            break;
        }
    }
    Ok(report)
}

/// Opens the library as [`open_library`] does, but leaves the articles an older
/// engine analysed as they are, for [`reanalyse_outdated`] on a thread of its
/// own: after an upgrade, a large library would otherwise open minutes late.
pub fn open_library_leaving_outdated(path: &Path) -> Result<Library, StoreError> {
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
    // A change of the user's layer whose rebuild a crash interrupted.
    model::rebuild_stale(&mut library)?;
    Ok(library)
}

/// The longest page the list is read in: a window shows a few dozen rows.
pub const MAX_PAGE: u32 = 1_000;

/// A page of the library list and how long the whole list is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArticlePage {
    /// Articles the filter keeps, in all.
    pub total: u32,
    /// Position of the first row of `articles` in the whole list.
    pub offset: u32,
    /// Up to the page's length of rows, in the chosen order.
    pub articles: Vec<ArticleSummary>,
}

/// Rows `offset..offset + limit` (at most [`MAX_PAGE`]) of the library list
/// that `filter` keeps, in `order`, with the list's length: the window reads
/// the rows it shows, never the whole library.
pub fn list_article_page(
    library: &Library,
    filter: &ArticleFilter,
    order: ArticleOrder,
    offset: u32,
    limit: u32,
) -> Result<ArticlePage, StoreError> {
    let rows = library.list_articles_page(
        filter,
        order,
        u64::from(offset),
        u64::from(limit.min(MAX_PAGE)),
    )?;
    let total = library.count_filtered_articles(filter)?;
    Ok(ArticlePage {
        total: u32::try_from(total).unwrap_or(u32::MAX),
        offset,
        articles: rows.into_iter().map(summary).collect(),
    })
}

/// Every article the filter keeps, in `order` (the CLI's list).
pub fn list_articles(
    library: &Library,
    filter: &ArticleFilter,
    order: ArticleOrder,
) -> Result<Vec<ArticleSummary>, StoreError> {
    Ok(library
        .list_articles_page(filter, order, 0, u64::MAX)?
        .into_iter()
        .map(summary)
        .collect())
}

fn summary(row: ArticleRow) -> ArticleSummary {
    ArticleSummary {
        id: row.id,
        title: row.title,
        outlet: row.outlet,
        published: row.published_local,
        n_quotes: row.n_quotes,
        reviewed: row.reviewed,
    }
}

/// The speakers and outlets of the whole library, with their counts.
pub fn library_facets(library: &Library) -> Result<LibraryFacets, StoreError> {
    let view = |rows: Vec<crate::store::NameCount>| {
        rows.into_iter()
            .map(|row| NameCountView {
                name: row.name,
                n_articles: row.n_articles,
                n_quotes: row.n_quotes,
                entity: row.entity,
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

/// The library's path and size.
pub fn library_info(library: &Library) -> Result<LibraryInfo, StoreError> {
    Ok(LibraryInfo {
        path: library.path().display().to_string(),
        n_articles: library.count_articles()?,
        outdated: library.count_articles_needing_analysis()?,
    })
}

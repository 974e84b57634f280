//! The library: one SQLite file holding articles (and, in later migrations,
//! their analysis). One opener sets the durability pragmas; migrations are
//! `.sql` files applied in one transaction; each article is written in its
//! own IMMEDIATE transaction so a crash leaves only whole articles.

use crate::analyze::{Analysis, QuoteKind};
use crate::ingest::{Article, Block};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub(crate) mod user_layer;

/// SQL for the articles (`a`) that have no analysis by the engine version `?1`.
/// A macro so that queries can `concat!` it.
macro_rules! outdated_articles {
    () => {
        "FROM articles a LEFT JOIN article_analysis x ON x.article_id = a.id
         WHERE x.engine_version IS NOT ?1"
    };
}

/// SQL for a field of the entity a speaker's name (the SQL expression `$name`)
/// was matched into: a person before an organisation, the oldest first. A macro
/// so that queries can `concat!` it.
macro_rules! speaker_entity {
    ($field:literal, $name:literal) => {
        concat!(
            "(SELECT e.", $field, " FROM entity_aliases al JOIN entities e ON e.id = al.entity_id
              WHERE al.alias = ", $name, " AND e.kind IN ('person', 'organisation')
              ORDER BY e.kind = 'person' DESC, e.id LIMIT 1)"
        )
    };
}

/// SQL for the library-wide name of the speaker of reviewed quotation `q`: the entity their name was
/// matched into ("Zarif" in one article is "Mohammad Javad Zarif"), else the
/// name as the article gives it.
macro_rules! speaker_name {
    () => {
        concat!(
            "coalesce(",
            speaker_entity!("name", "q.speaker_name"),
            ", q.speaker_name)"
        )
    };
}

/// The part of [`article_filter!`] about the article itself (outlet ?1, dates
/// ?2 and ?3, entity ?6, tag ?7, reviewed ?8), without its quotations.
macro_rules! article_facts_filter {
    () => {
        "(?1 IS NULL OR a.outlet = ?1)
               AND (?2 IS NULL OR substr(a.published_local, 1, 10) >= ?2)
               AND (?3 IS NULL OR substr(a.published_local, 1, 10) <= ?3)
               AND (?6 IS NULL OR EXISTS (
                        SELECT 1 FROM entity_mentions m
                        WHERE m.article_id = a.id AND m.entity_id = ?6))
               AND (?7 IS NULL OR EXISTS (
                        SELECT 1 FROM user_article_tags t WHERE t.article_id = a.id AND t.tag = ?7)
                    OR EXISTS (
                        SELECT 1 FROM user_annotations n JOIN user_annotation_tags t
                            ON t.annotation_id = n.id
                        WHERE n.article_id = a.id AND t.tag = ?7))
               AND (?8 IS NULL OR ?8 = EXISTS (
                        SELECT 1 FROM user_article_reviews r WHERE r.article_id = a.id))"
    };
}

/// SQL condition on article `a` for an [`ArticleFilter`], its fields bound as
/// ?1 outlet, ?2 from, ?3 to, ?4 speaker, ?5 kind, ?6 entity, ?7 tag, ?8
/// reviewed (see [`filter_params`]); an unset field (NULL) holds for every
/// article. Quotations are the reviewed ones (the user's layer applied),
/// asked for with `IN` rather than a correlated `EXISTS`: SQLite does not push
/// an outer row's id into the `reviewed_quotes` view (a UNION), so a correlated
/// query would read the whole view once per article.
macro_rules! article_filter {
    () => {
        concat!(
            article_facts_filter!(),
            "
               AND (?4 IS NULL OR a.id IN (
                        SELECT q.article_id FROM reviewed_quotes q
                        WHERE q.speaker_name IS NOT NULL AND ",
            speaker_name!(),
            " = ?4
                          AND (?5 IS NULL OR q.kind = ?5)))
               AND (?5 IS NULL OR ?4 IS NOT NULL OR a.id IN (
                        SELECT q.article_id FROM reviewed_quotes q WHERE q.kind = ?5))"
        )
    };
}

/// The values of [`article_filter!`]'s parameters ?1 to ?8.
fn filter_params(filter: &ArticleFilter) -> [&dyn rusqlite::ToSql; 8] {
    [
        &filter.outlet,
        &filter.from,
        &filter.to,
        &filter.speaker,
        &filter.kind,
        &filter.entity,
        &filter.tag,
        &filter.reviewed,
    ]
}

/// Parameters ?1–?8 of the filter and ?9 the one article, when the scope is one.
fn selection_params<'a>(
    filter: &'a ArticleFilter,
    article: &'a Option<i64>,
) -> impl Iterator<Item = &'a dyn rusqlite::ToSql> {
    filter_params(filter)
        .into_iter()
        .chain([article as &dyn rusqlite::ToSql])
}

// After the filter macros, which it uses.
mod export_queries;
mod list_queries;
mod map_queries;
mod sort_key;
mod upgrade_backup;
pub use list_queries::ArticleOrder;
pub(crate) use list_queries::ArticleRow;
pub(crate) use map_queries::NodePosition;

/// Schema migrations, in order. `PRAGMA user_version` counts how many ran.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../sql/migrations/0001_articles.sql")),
    M::up(include_str!("../../sql/migrations/0002_quotes.sql")),
    M::up(include_str!("../../sql/migrations/0003_author.sql")),
    M::up(include_str!("../../sql/migrations/0004_entities.sql")),
    M::up(include_str!(
        "../../sql/migrations/0005_statement_dates.sql"
    )),
    M::up(include_str!("../../sql/migrations/0006_alias_index.sql")),
    M::up(include_str!("../../sql/migrations/0007_user_layer.sql")),
    M::up(include_str!("../../sql/migrations/0008_map_positions.sql")),
    M::up(include_str!("../../sql/migrations/0009_list_order.sql")),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// Errors of the library store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database was written by a newer Quotemap; opening it could damage it.
    #[error(
        "the library {path} has schema version {found}, newer than this Quotemap understands \
         ({supported}); update Quotemap to open it"
    )]
    TooNew {
        /// The library file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this binary knows.
        supported: usize,
    },
    /// The folder for the library could not be created.
    #[error("cannot create the library folder {path}: {reason}")]
    CreateFolder {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// SQLite refused an operation.
    #[error("library database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Migrating the schema failed; the transaction was rolled back.
    #[error("library migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// The library needs a schema upgrade and could not be copied first; it was
    /// left as it was.
    #[error(
        "the library {path} needs an upgrade, and the copy kept before one ({copy}) could not \
         be written: {reason}; the library was left as it was"
    )]
    UpgradeBackup {
        /// The library file.
        path: PathBuf,
        /// Where the copy was to go.
        copy: PathBuf,
        /// Why it failed.
        reason: String,
    },
    /// A stored row could not be decoded.
    #[error("library row {id} is damaged: {reason}")]
    DamagedRow {
        /// Row id.
        id: i64,
        /// Why.
        reason: String,
    },
}

/// An article row as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    /// Row id.
    pub id: i64,
    /// Path it was imported from, when it came from a file.
    pub source_path: Option<String>,
    /// Source format name.
    pub format: String,
    /// Headline (or the file name when the article has none).
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Author(s), as the source gives them.
    pub author: Option<String>,
    /// Local publication date-time, ISO 8601.
    pub published_local: Option<String>,
    /// UTC publication instant.
    pub published_utc: Option<String>,
    /// IANA zone of the publication date.
    pub published_zone: Option<String>,
    /// Normalised text.
    pub text: String,
    /// Block structure (byte spans into `text`).
    pub blocks: Vec<Block>,
    /// When it was imported (UTC).
    pub imported_at: String,
}

/// Which articles a list shows; every field that is set must hold.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(default)]
pub struct ArticleFilter {
    /// Quoting this speaker (by name, as the library shows it).
    pub speaker: Option<String>,
    /// From this outlet.
    pub outlet: Option<String>,
    /// Holding a quotation of this kind (`direct`, `indirect`, `mixed`); with a
    /// speaker, one of that speaker's.
    pub kind: Option<String>,
    /// Published on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Published on or before this day (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Naming this entity (an id of the library's entities).
    #[ts(type = "number | null")]
    pub entity: Option<i64>,
    /// Tagged so by the user (on the article or on one of its annotations).
    pub tag: Option<String>,
    /// Marked reviewed (`true`) or not yet (`false`).
    pub reviewed: Option<bool>,
}

/// One evidence sentence of a relation, in its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    /// The article.
    pub article_id: i64,
    /// Its headline.
    pub title: String,
    /// Its publication date.
    pub published_local: Option<String>,
    /// Byte span of the sentence in the article text.
    pub span: Range<usize>,
    /// The same span in Unicode code points, as exports give offsets.
    pub points: Range<usize>,
    /// The sentence.
    pub sentence: String,
    /// The relation's stance in that article.
    pub stance: String,
}

/// One quotation of a speaker, with its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerQuoteRow {
    /// The article.
    pub article_id: i64,
    /// Its headline.
    pub title: String,
    /// Its publication date-time.
    pub published_local: Option<String>,
    /// Index of the quotation in the article's list.
    pub index: u32,
    /// The quoted text.
    pub text: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
}

/// A name and how often it occurs, for filter menus and the speakers view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCount {
    /// The name.
    pub name: String,
    /// Articles it occurs in.
    pub n_articles: u32,
    /// Quotations (for speakers) or articles (for outlets).
    pub n_quotes: u32,
    /// The library entity a speaker is (none for outlets and unmatched names).
    pub entity: Option<i64>,
}

/// Marks the start of a matched word in a search snippet.
pub const SNIPPET_OPEN: char = '\u{E000}';
/// Marks the end of a matched word in a search snippet.
pub const SNIPPET_CLOSE: char = '\u{E001}';

/// One article found by a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    /// Row id.
    pub id: i64,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Local publication date-time.
    pub published_local: Option<String>,
    /// Text around the matches, matched words between the snippet marks.
    pub snippet: String,
}

/// Result of trying to add an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Insertion {
    /// A new row was written.
    Added(i64),
    /// The same normalised text is already stored under this id.
    Duplicate(i64),
}

/// An open library file.
#[derive(Debug)]
pub struct Library {
    connection: Connection,
    path: PathBuf,
    /// The user's changes since the library was opened (undo and redo).
    pub(crate) history: user_layer::History,
}

impl Library {
    /// Opens (creating if needed) the library at `path` and migrates it to the
    /// current schema. A library newer than this binary is refused, not opened.
    pub(crate) fn open(path: &Path) -> Result<Library, StoreError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|error| StoreError::CreateFolder {
                path: folder.to_owned(),
                reason: error.to_string(),
            })?;
        }
        let mut connection = Connection::open(path)?;
        // Read the version before any pragma writes to the file: a newer library stays untouched.
        let found: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found > SCHEMA_VERSION as i64 {
            return Err(StoreError::TooNew {
                path: path.to_owned(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        // An older library is copied before it is upgraded (all migrations run in one
        // transaction: a failed upgrade leaves it as it was, the copy is for later regrets).
        if found > 0 && found < SCHEMA_VERSION as i64 {
            let time = jiff::Timestamp::now().strftime("%Y-%m-%dT%H%M%SZ").to_string();
            upgrade_backup::back_up_before_upgrade(&connection, path, found, &time)?;
        }
        configure(&connection)?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut connection)?;
        let mut library = Library {
            connection,
            path: path.to_owned(),
            history: user_layer::History::default(),
        };
        library.fill_sort_keys()?;
        Ok(library)
    }

    /// The connection itself, for tests that damage rows on purpose.
    #[cfg(test)]
    pub(crate) fn connection_for_tests(&self) -> &Connection {
        &self.connection
    }

    /// The file this library lives in.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's `data_version`: changes when another connection (another
    /// process, or the app's importer) commits to the file, never for this one's
    /// own writes.
    pub(crate) fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .connection
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }

    /// Adds an article in its own transaction, unless its text is already stored.
    pub(crate) fn insert_article(
        &mut self,
        article: &Article,
        analysis: &Analysis,
        title: &str,
        source_path: Option<&str>,
        imported_at: &str,
    ) -> Result<Insertion, StoreError> {
        // A batch of one.
        let mut batch = self.import_batch();
        let insertion = batch.insert_article(article, analysis, title, source_path, imported_at)?;
        batch.commit()?;
        Ok(insertion)
    }

    /// Stores an import's articles several to a transaction (see [`ImportBatch`]).
    pub(crate) fn import_batch(&mut self) -> ImportBatch<'_> {
        ImportBatch {
            connection: &self.connection,
            transaction: None,
            opened: std::time::Instant::now(),
            articles: 0,
        }
    }

    /// Rebuilds what an article derives from its analysis and the user's layer
    /// (see [`Library::save_analysis`]; `links` hold quotation row ids here).
    pub(crate) fn replace_derived(
        &mut self,
        article_id: i64,
        derived: &crate::analyze::entities::Entities,
        links: &[(i64, i64)],
    ) -> Result<(), StoreError> {
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute("DELETE FROM relations WHERE article_id = ?1", [article_id])?;
        transaction.execute(
            "DELETE FROM entity_mentions WHERE article_id = ?1",
            [article_id],
        )?;
        write_derived(&transaction, article_id, derived, links)?;
        transaction.commit()?;
        Ok(())
    }

    /// How many articles have no analysis by the current engine.
    pub(crate) fn count_articles_needing_analysis(&self) -> Result<u64, StoreError> {
        let count: i64 = self.connection.query_row(
            concat!("SELECT count(*) ", outdated_articles!()),
            [crate::analyze::ENGINE_VERSION],
            |row| row.get(0),
        )?;
        Ok(count.unsigned_abs())
    }

    /// Ids of articles that have no analysis by the current engine.
    pub(crate) fn articles_needing_analysis(&self) -> Result<Vec<i64>, StoreError> {
        let mut statement = self
            .connection
            .prepare(concat!("SELECT a.id ", outdated_articles!(), " ORDER BY a.id"))?;
        let rows = statement.query_map([crate::analyze::ENGINE_VERSION], |row| row.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Replaces an article's machine analysis, in one transaction, with the rows
    /// derived from it and the user's layer: `derived` (the entities of the
    /// reviewed quotations) and `links` (user version id, index into
    /// `analysis.quotes` of the machine quotation it covers). The user's own
    /// rows are not touched.
    pub(crate) fn save_analysis(
        &mut self,
        article_id: i64,
        analysis: &Analysis,
        analyzed_at: &str,
        derived: &crate::analyze::entities::Entities,
        links: &[(i64, usize)],
    ) -> Result<(), StoreError> {
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        transaction.execute("DELETE FROM quotes WHERE article_id = ?1", [article_id])?;
        transaction.execute("DELETE FROM speakers WHERE article_id = ?1", [article_id])?;
        transaction.execute("DELETE FROM relations WHERE article_id = ?1", [article_id])?;
        transaction.execute(
            "DELETE FROM entity_mentions WHERE article_id = ?1",
            [article_id],
        )?;
        write_analysis(&transaction, article_id, analysis, analyzed_at, derived, links)?;
        transaction.commit()?;
        Ok(())
    }

    /// The speakers the machine found in an article, in order of appearance.
    pub(crate) fn machine_speakers(&self, article_id: i64) -> Result<Vec<StoredSpeaker>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT id, name, kind, role, affiliation FROM speakers WHERE article_id = ?1 ORDER BY ordinal",
        )?;
        let speakers = statement
            .query_map([article_id], |row| {
                Ok(StoredSpeaker {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    kind: row.get(2)?,
                    role: row.get(3)?,
                    affiliation: row.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(speakers)
    }

    /// An article's speakers (in order of appearance) and quotes (in text order).
    pub(crate) fn get_analysis(
        &self,
        article_id: i64,
    ) -> Result<(Vec<StoredSpeaker>, Vec<StoredQuote>), StoreError> {
        let speakers = self.machine_speakers(article_id)?;
        let mut statement = self.connection.prepare_cached(
            "SELECT id, start_byte, end_byte, kind, cue_start, cue_end, mention_start, mention_end,
                    speaker_id, confidence, group_number, nested, rule, said_on
             FROM quotes WHERE article_id = ?1 ORDER BY start_byte, end_byte DESC",
        )?;
        let span = |start: Option<i64>, end: Option<i64>| match (start, end) {
            (Some(s), Some(e)) => Some(s as usize..e as usize),
            _ => None,
        };
        let quotes = statement
            .query_map([article_id], |row| {
                Ok(StoredQuote {
                    id: row.get(0)?,
                    span: row.get::<_, i64>(1)? as usize..row.get::<_, i64>(2)? as usize,
                    kind: row.get(3)?,
                    cue: span(row.get(4)?, row.get(5)?),
                    mention: span(row.get(6)?, row.get(7)?),
                    speaker_id: row.get(8)?,
                    confidence: row.get(9)?,
                    group: row.get(10)?,
                    nested: row.get::<_, i64>(11)? != 0,
                    rule: row.get(12)?,
                    said_on: row.get(13)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok((speakers, quotes))
    }

    /// Every quotation of a speaker (by name) across the library, oldest first:
    /// (article id, article title, publication date, quote index in the
    /// article's list, quoted text, kind).
    pub(crate) fn speaker_quotes(&self, name: &str) -> Result<Vec<SpeakerQuoteRow>, StoreError> {
        Ok(self.speaker_quotes_of_any(&[name], 0, None)?.0)
    }

    /// Every quotation whose speaker's library-wide name is one of `names`,
    /// oldest first (as [`Self::speaker_quotes`]).
    ///
    /// The quotation's index is its place among all of its article's quotations,
    /// so the numbering runs over whole articles, but only over the articles
    /// where a speaker's name as written could mean one of `names`: the name
    /// itself or an alias of an entity so named (a full pass over the
    /// library's quotations per name took 250–300 ms at 10,000 articles;
    /// now 40–115 ms for all the names at once).
    ///
    /// Rows `offset` to `offset + limit` (all from `offset` when `limit` is
    /// `None`) and how many there are in all (0 when `offset` is past the end).
    pub(crate) fn speaker_quotes_of_any(
        &self,
        names: &[&str],
        offset: u32,
        limit: Option<u32>,
    ) -> Result<(Vec<SpeakerQuoteRow>, u32), StoreError> {
        let names = serde_json::to_string(names).map_err(|error| StoreError::DamagedRow {
            id: 0,
            reason: error.to_string(),
        })?;
        let mut statement = self.connection.prepare_cached(concat!(
            "WITH wanted(name) AS (SELECT value FROM json_each(?1)),
                  written(name) AS (
                    SELECT name FROM wanted
                    UNION SELECT al.alias FROM entity_aliases al JOIN entities e ON e.id = al.entity_id
                          WHERE e.name IN wanted)
             SELECT a.id, a.title, a.published_local, q.position,
                    -- Spans are bytes: cut the text as a blob.
                    CAST(substr(CAST(a.text AS BLOB), q.start_byte + 1, q.end_byte - q.start_byte)
                         AS TEXT),
                    q.kind, count(*) OVER ()
             FROM (SELECT r.*, row_number() OVER (
                          PARTITION BY article_id
                          ORDER BY start_byte, end_byte DESC, machine_id IS NULL, machine_id, user_id)
                          - 1 AS position
                   FROM reviewed_quotes r
                   WHERE r.article_id IN (
                     SELECT q.article_id FROM speakers s JOIN quotes q ON q.speaker_id = s.id
                     WHERE s.name IN written
                     UNION SELECT u.article_id FROM user_quotes u WHERE u.speaker_name IN written)) q
             JOIN articles a ON a.id = q.article_id
             WHERE q.speaker_name IN written AND ",
            speaker_name!(),
            " IN wanted
             ORDER BY a.published_utc IS NULL, a.published_utc, a.published_local, a.id, q.start_byte
             LIMIT ?2 OFFSET ?3"
        ))?;
        // SQLite reads a negative LIMIT as none.
        let limit = limit.map_or(-1, i64::from);
        let mut total = 0;
        let rows = statement.query_map(params![names, limit, offset], |row| {
            total = row.get(6)?;
            Ok(SpeakerQuoteRow {
                article_id: row.get(0)?,
                title: row.get(1)?,
                published_local: row.get(2)?,
                index: row.get(3)?,
                text: row.get(4)?,
                kind: row.get(5)?,
            })
        })?;
        let rows = rows.collect::<Result<Vec<_>, _>>()?;
        Ok((rows, total))
    }

    /// Quotations per month of the articles a filter keeps (a speaker filter
    /// counts that speaker's quotations only): (month `YYYY-MM`, direct,
    /// indirect, mixed), oldest first. A quotation counts on the day it was
    /// said when its sentence gives it, else on the article's date; undated
    /// ones are left out.
    pub(crate) fn quote_timeline(
        &self,
        filter: &ArticleFilter,
    ) -> Result<Vec<(String, u32, u32, u32)>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            concat!("SELECT substr(coalesce(q.said_on, a.published_local), 1, 7) AS month,
                    sum(q.kind = 'direct'), sum(q.kind = 'indirect'), sum(q.kind = 'mixed')
             FROM reviewed_quotes q
             JOIN articles a ON a.id = q.article_id
             WHERE coalesce(q.said_on, a.published_local) IS NOT NULL
               AND (?4 IS NULL OR ", speaker_name!(), " = ?4)
               AND (?5 IS NULL OR q.kind = ?5)
               AND ", article_facts_filter!(), "
             GROUP BY month ORDER BY month"),
        )?;
        // The speaker and kind hold for each quotation here, not for its article.
        let rows = statement.query_map(filter_params(filter), |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The evidence sentences of a relation between two entities, oldest article first.
    pub(crate) fn relation_evidence(
        &self,
        kind: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<EvidenceRow>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT a.id, a.title, a.published_local, v.start_byte, v.end_byte,
                    CAST(substr(CAST(a.text AS BLOB), v.start_byte + 1, v.end_byte - v.start_byte) AS TEXT),
                    r.stance,
                    length(CAST(substr(CAST(a.text AS BLOB), 1, v.start_byte) AS TEXT)),
                    length(CAST(substr(CAST(a.text AS BLOB), 1, v.end_byte) AS TEXT))
             FROM relations r
             JOIN relation_evidence v ON v.relation_id = r.id
             JOIN articles a ON a.id = r.article_id
             WHERE r.kind = ?1 AND r.from_entity = ?2 AND r.to_entity = ?3
             ORDER BY a.published_utc IS NULL, a.published_utc, a.id, v.start_byte",
        )?;
        let rows = statement.query_map(params![kind, from, to], |row| {
            let start: i64 = row.get(3)?;
            let end: i64 = row.get(4)?;
            Ok(EvidenceRow {
                article_id: row.get(0)?,
                title: row.get(1)?,
                published_local: row.get(2)?,
                span: start.max(0) as usize..end.max(0) as usize,
                sentence: row.get(5)?,
                stance: row.get(6)?,
                points: row.get::<_, i64>(7)?.max(0) as usize..row.get::<_, i64>(8)?.max(0) as usize,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Names an entity was seen under, with the role or detail given.
    pub(crate) fn entity_aliases(&self, id: i64) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT alias, detail FROM entity_aliases WHERE entity_id = ?1 ORDER BY length(alias) DESC",
        )?;
        let rows = statement.query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Mentions of an entity: (article id, title, byte span, sentence around it), at most `limit`.
    pub(crate) fn entity_mentions(
        &self,
        id: i64,
        limit: u32,
    ) -> Result<Vec<(i64, String, Range<usize>)>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT a.id, a.title, m.start_byte, m.end_byte FROM entity_mentions m
             JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?1
             ORDER BY a.published_utc IS NULL, a.published_utc, a.id, m.start_byte LIMIT ?2",
        )?;
        let rows = statement.query_map(params![id, limit], |row| {
            let start: i64 = row.get(2)?;
            let end: i64 = row.get(3)?;
            Ok((
                row.get(0)?,
                row.get(1)?,
                start.max(0) as usize..end.max(0) as usize,
            ))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Speakers across the library by name, most quoted first.
    pub(crate) fn speaker_counts(&self) -> Result<Vec<NameCount>, StoreError> {
        let mut statement = self.connection.prepare_cached(concat!(
            "SELECT g.speaker, g.n_articles, g.n_quotes,
                    (SELECT e.id FROM entities e
                     WHERE e.name = g.speaker AND e.kind IN ('person', 'organisation')
                       AND EXISTS (SELECT 1 FROM entity_mentions m WHERE m.entity_id = e.id)
                     ORDER BY e.kind = 'person' DESC, e.id LIMIT 1)
             FROM (SELECT ",
            speaker_name!(),
            " AS speaker, count(DISTINCT q.article_id) AS n_articles, count(*) AS n_quotes
                   FROM reviewed_quotes q WHERE q.speaker_name IS NOT NULL
                   GROUP BY speaker) g
             ORDER BY g.n_quotes DESC, g.speaker"
        ))?;
        let rows = statement.query_map([], |row| {
            Ok(NameCount {
                name: row.get(0)?,
                n_articles: row.get(1)?,
                n_quotes: row.get(2)?,
                entity: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The entities most articles name (dates aside), for the entity filter.
    pub(crate) fn entity_counts(&self, limit: u32) -> Result<Vec<(i64, String, String, u32)>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT e.id, e.kind, e.name, count(DISTINCT m.article_id) AS n
             FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
             WHERE e.kind != 'date'
             GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?1",
        )?;
        let rows = statement.query_map([limit], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Outlets across the library, most articles first.
    pub(crate) fn outlet_counts(&self) -> Result<Vec<NameCount>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT outlet, count(*), count(*) FROM articles WHERE outlet IS NOT NULL
             GROUP BY outlet ORDER BY count(*) DESC, outlet",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(NameCount {
                name: row.get(0)?,
                n_articles: row.get(1)?,
                n_quotes: row.get(2)?,
                entity: None,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Articles matching an FTS5 query, best first, with a snippet of the text
    /// around the matches; matched words are wrapped in [`SNIPPET_OPEN`] and
    /// [`SNIPPET_CLOSE`] (private-use characters, never markup).
    pub(crate) fn search(&self, fts_query: &str, limit: usize) -> Result<Vec<SearchRow>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT a.id, a.title, a.outlet, a.published_local,
                    snippet(articles_fts, -1, ?2, ?3, '…', 24)
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
             WHERE articles_fts MATCH ?1
             ORDER BY rank
             LIMIT ?4",
        )?;
        let rows = statement.query_map(
            params![
                fts_query,
                SNIPPET_OPEN.to_string(),
                SNIPPET_CLOSE.to_string(),
                limit as i64
            ],
            |row| {
                Ok(SearchRow {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    outlet: row.get(2)?,
                    published_local: row.get(3)?,
                    snippet: row.get(4)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Every article id, in order.
    pub(crate) fn article_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut statement = self.connection.prepare("SELECT id FROM articles ORDER BY id")?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Number of stored articles.
    pub(crate) fn count_articles(&self) -> Result<u64, StoreError> {
        let count: i64 = self
            .connection
            .query_row("SELECT count(*) FROM articles", [], |row| row.get(0))?;
        Ok(count.unsigned_abs())
    }

    /// One article with its text, or `None` when no row has that id.
    pub(crate) fn get_article(&self, id: i64) -> Result<Option<StoredArticle>, StoreError> {
        let row = self
            .connection
            .prepare_cached(
                "SELECT id, source_path, format, title, outlet, published_local, published_utc,
                        published_zone, text, blocks_json, imported_at, author
                 FROM articles WHERE id = ?1",
            )?
            .query_row(
                [id],
                |row| {
                    Ok((
                        StoredArticle {
                            id: row.get(0)?,
                            source_path: row.get(1)?,
                            format: row.get(2)?,
                            title: row.get(3)?,
                            outlet: row.get(4)?,
                            author: row.get(11)?,
                            published_local: row.get(5)?,
                            published_utc: row.get(6)?,
                            published_zone: row.get(7)?,
                            text: row.get(8)?,
                            blocks: Vec::new(),
                            imported_at: row.get(10)?,
                        },
                        row.get::<_, String>(9)?,
                    ))
                },
            )
            .optional()?;
        let Some((mut article, blocks_json)) = row else {
            return Ok(None);
        };
        article.blocks =
            serde_json::from_str(&blocks_json).map_err(|error| StoreError::DamagedRow {
                id,
                reason: error.to_string(),
            })?;
        let text_len = article.text.len();
        if article.blocks.iter().any(|b| {
            b.span.end > text_len
                || !article.text.is_char_boundary(b.span.start)
                || !article.text.is_char_boundary(b.span.end)
        }) {
            return Err(StoreError::DamagedRow {
                id,
                reason: "block span outside the text".into(),
            });
        }
        Ok(Some(article))
    }

    /// A value from the library's own key-value table.
    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT value FROM library_meta WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Sets a value in the library's own key-value table.
    pub(crate) fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.connection.execute(
            "INSERT INTO library_meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Runs SQLite's consistency checks; `Ok(())` when the file is sound.
    #[cfg(test)]
    pub(crate) fn check_integrity(&self) -> Result<(), StoreError> {
        let result: String = self
            .connection
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(StoreError::DamagedRow {
                id: 0,
                reason: result,
            })
        }
    }
}

/// A speaker row.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSpeaker {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// `person`, `organisation` or `anonymous`.
    pub kind: String,
    /// Role from the text.
    pub role: Option<String>,
    /// Affiliation from the text.
    pub affiliation: Option<String>,
}

/// A quote row (byte spans into the article text).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredQuote {
    /// Row id.
    pub id: i64,
    /// Content span.
    pub span: std::ops::Range<usize>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// Cue span.
    pub cue: Option<std::ops::Range<usize>>,
    /// Speaker mention span.
    pub mention: Option<std::ops::Range<usize>>,
    /// Speaker row id.
    pub speaker_id: Option<i64>,
    /// 0 to 1.
    pub confidence: f64,
    /// Pieces of one quotation share a group.
    pub group: i64,
    /// Inside another quotation.
    pub nested: bool,
    /// The rule that found it.
    pub rule: String,
    /// The day it was said, when its sentence gives one (`YYYY-MM-DD`).
    pub said_on: Option<String>,
}

/// Articles of an import, stored several to a transaction: one commit (one
/// `fsync` at `synchronous=FULL`) for up to [`ImportBatch::MAX_ARTICLES`]
/// articles or [`ImportBatch::MAX_OPEN`] of storing, whichever comes first.
/// Each article is written inside a savepoint, so a failing article leaves
/// nothing and the others stay; a crash loses at most the uncommitted
/// articles, whole, and their source files are still there to import again
/// (the next import skips what was committed). The user's layer never goes
/// through a batch: each of its changes is its own durable transaction.
pub(crate) struct ImportBatch<'l> {
    connection: &'l Connection,
    transaction: Option<rusqlite::Transaction<'l>>,
    opened: std::time::Instant,
    articles: usize,
}

impl ImportBatch<'_> {
    /// Articles per commit at most.
    pub(crate) const MAX_ARTICLES: usize = 100;
    /// How long a batch stays open at most: the window's list and other
    /// processes see new articles this often, and a user's edit waits at
    /// most this long for the write lock.
    pub(crate) const MAX_OPEN: Duration = Duration::from_millis(250);

    /// Adds an article unless its text is already stored (in the library or
    /// earlier in this batch).
    pub(crate) fn insert_article(
        &mut self,
        article: &Article,
        analysis: &Analysis,
        title: &str,
        source_path: Option<&str>,
        imported_at: &str,
    ) -> Result<Insertion, StoreError> {
        let transaction = match &mut self.transaction {
            Some(transaction) => transaction,
            None => {
                self.opened = std::time::Instant::now();
                self.transaction.insert(rusqlite::Transaction::new_unchecked(
                    self.connection,
                    TransactionBehavior::Immediate,
                )?)
            }
        };
        // Dropped without commit on an error: this article's writes are undone.
        let savepoint = transaction.savepoint()?;
        let insertion =
            insert_article_into(&savepoint, article, analysis, title, source_path, imported_at)?;
        savepoint.commit()?;
        if matches!(insertion, Insertion::Added(_)) {
            self.articles += 1;
        }
        Ok(insertion)
    }

    /// True when the open batch should be committed now.
    pub(crate) fn is_due(&self) -> bool {
        self.transaction.is_some()
            && (self.articles >= Self::MAX_ARTICLES || self.opened.elapsed() >= Self::MAX_OPEN)
    }

    /// Commits the articles added since the last commit (nothing when none).
    pub(crate) fn commit(&mut self) -> Result<(), StoreError> {
        self.articles = 0;
        match self.transaction.take() {
            Some(transaction) => Ok(transaction.commit()?),
            None => Ok(()),
        }
    }
}

/// Inserts an article and its analysis on `connection` (inside the caller's
/// transaction or savepoint), unless its text is already stored.
fn insert_article_into(
    connection: &Connection,
    article: &Article,
    analysis: &Analysis,
    title: &str,
    source_path: Option<&str>,
    imported_at: &str,
) -> Result<Insertion, StoreError> {
    let hash = article.content_hash();
    let existing: Option<i64> = connection
        .query_row(
            "SELECT id FROM articles WHERE content_sha256 = ?1",
            [&hash],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(Insertion::Duplicate(id));
    }
    let blocks_json =
        serde_json::to_string(&article.blocks).map_err(|error| StoreError::DamagedRow {
            id: 0,
            reason: error.to_string(),
        })?;
    let published = article.published.as_ref();
    connection.execute(
        "INSERT INTO articles (content_sha256, source_path, format, title, outlet,
             published_local, published_utc, published_zone, text, blocks_json, encoding,
             imported_at, author, title_key, outlet_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            hash,
            source_path,
            article.format.as_str(),
            title,
            article.outlet,
            published.map(|p| &p.local),
            published.and_then(|p| p.utc.as_ref()),
            published.and_then(|p| p.zone.as_ref()),
            article.text,
            blocks_json,
            article.encoding,
            imported_at,
            article.author,
            sort_key::sort_key(title),
            article.outlet.as_deref().map(sort_key::sort_key),
        ],
    )?;
    let id = connection.last_insert_rowid();
    // A new article has no user layer yet: its entities are the machine's.
    write_analysis(connection, id, analysis, imported_at, &analysis.entities, &[])?;
    Ok(Insertion::Added(id))
}

fn write_analysis(
    transaction: &Connection,
    article_id: i64,
    analysis: &Analysis,
    analyzed_at: &str,
    derived: &crate::analyze::entities::Entities,
    links: &[(i64, usize)],
) -> Result<(), StoreError> {
    let mut speaker_ids = Vec::with_capacity(analysis.speakers.len());
    {
        let mut insert = transaction.prepare_cached(
            "INSERT INTO speakers (article_id, ordinal, name, kind, role, affiliation)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (ordinal, speaker) in analysis.speakers.iter().enumerate() {
            let kind = speaker.kind.as_str();
            insert.execute(params![
                article_id,
                ordinal as i64,
                speaker.name,
                kind,
                speaker.role,
                speaker.affiliation
            ])?;
            speaker_ids.push(transaction.last_insert_rowid());
        }
    }
    let mut insert = transaction.prepare_cached(
        "INSERT INTO quotes (article_id, start_byte, end_byte, kind, cue_start, cue_end, mention_start,
             mention_end, speaker_id, confidence, group_number, nested, rule, said_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut quote_ids = Vec::with_capacity(analysis.quotes.len());
    for (index, quote) in analysis.quotes.iter().enumerate() {
        let found = &analysis.entities;
        let said_on = found
            .quote_dates
            .get(index)
            .copied()
            .flatten()
            .map(|date| found.entities[date].name.as_str());
        let kind = match quote.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        };
        insert.execute(params![
            article_id,
            quote.span.start as i64,
            quote.span.end as i64,
            kind,
            quote.cue.as_ref().map(|c| c.start as i64),
            quote.cue.as_ref().map(|c| c.end as i64),
            quote.speaker_mention.as_ref().map(|m| m.start as i64),
            quote.speaker_mention.as_ref().map(|m| m.end as i64),
            quote.speaker.map(|s| speaker_ids[s]),
            f64::from(quote.confidence),
            quote.group.min(i64::MAX as usize) as i64,
            i64::from(quote.nested),
            quote.rule,
            said_on,
        ])?;
        quote_ids.push(transaction.last_insert_rowid());
    }
    let links: Vec<(i64, i64)> = links
        .iter()
        .filter_map(|&(user, index)| quote_ids.get(index).map(|&quote| (user, quote)))
        .collect();
    write_derived(transaction, article_id, derived, &links)?;
    transaction.execute(
        "INSERT INTO article_analysis (article_id, engine_version, analyzed_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (article_id) DO UPDATE SET engine_version = excluded.engine_version,
             analyzed_at = excluded.analyzed_at",
        params![article_id, crate::analyze::ENGINE_VERSION, analyzed_at],
    )?;
    Ok(())
}

/// Writes what an article derives from its analysis and the user's layer: its
/// entity mentions and relations, and the links of user versions to machine
/// quotations (user version id, quotation row id); the article is no longer stale.
fn write_derived(
    transaction: &Connection,
    article_id: i64,
    derived: &crate::analyze::entities::Entities,
    links: &[(i64, i64)],
) -> Result<(), StoreError> {
    write_entities(transaction, article_id, derived)?;
    transaction.execute(
        "DELETE FROM user_quote_links WHERE user_quote_id IN
             (SELECT id FROM user_quotes WHERE article_id = ?1)",
        [article_id],
    )?;
    let mut link = transaction.prepare_cached(
        "INSERT OR REPLACE INTO user_quote_links (user_quote_id, quote_id) VALUES (?1, ?2)",
    )?;
    for (user, quote) in links {
        link.execute([user, quote])?;
    }
    transaction.execute(
        "DELETE FROM derived_stale WHERE article_id = ?1",
        [article_id],
    )?;
    Ok(())
}

/// What the library matches an article's entity on, so that "Zarif" in one
/// article and "Mohammad Javad Zarif" in another are one node: a person by
/// surname (a different first name makes another person, keyed by full name),
/// anything else by its name, case aside.
fn entity_id(
    transaction: &Connection,
    entity: &crate::analyze::entities::Entity,
    decisions: &EntityDecisions,
) -> Result<i64, StoreError> {
    use crate::analyze::entities::EntityKind;
    let mut kind = entity.kind.as_str().to_owned();
    let lower = entity.name.to_lowercase();
    let words = identifying_words(&lower);
    let mut key = lower.clone();
    if entity.kind == EntityKind::Person
        && let Some(&surname) = words.last()
    {
        let existing: Option<String> = transaction
            .query_row(
                "SELECT name FROM entities WHERE kind = 'person' AND key = ?1",
                [surname],
                |row| row.get(0),
            )
            .optional()?;
        // "Mr Abbas" is "Mahmoud Abbas"; "Ali Abbas" is not.
        let first_names_differ = existing.as_deref().is_some_and(|name| {
            let name = name.to_lowercase();
            let theirs = identifying_words(&name);
            theirs.len() >= 2 && words.len() >= 2 && theirs[0] != words[0]
        });
        if !first_names_differ {
            key = surname.to_owned();
        }
    }
    // The user's decisions, by identity: an alias split out is its own entity, a
    // merged entity is the one it was merged into, a renamed one keeps its name.
    if decisions
        .splits
        .contains(&(kind.clone(), key.clone(), lower.clone()))
    {
        key = user_layer::split_key(&lower);
    }
    for _ in 0..16 {
        match decisions.merges.get(&(kind.clone(), key.clone())) {
            Some((into_kind, into_key)) => {
                kind.clone_from(into_kind);
                key.clone_from(into_key);
            }
            None => break,
        }
    }
    let chosen = decisions.names.get(&(kind.clone(), key.clone()));
    // The user's name for it, else the fullest name seen: more identifying words
    // first ("Tomas Varga" over "Mrs Varga-Lind"), then the longer.
    let name = match chosen {
        Some(chosen) => chosen.clone(),
        None => {
            let existing: Option<String> = transaction
                .query_row(
                    "SELECT name FROM entities WHERE kind = ?1 AND key = ?2",
                    params![kind, key],
                    |row| row.get(0),
                )
                .optional()?;
            match existing {
                Some(existing) if !is_fuller_name(&entity.name, &existing) => existing,
                _ => entity.name.clone(),
            }
        }
    };
    transaction.execute(
        "INSERT INTO entities (kind, name, key) VALUES (?1, ?2, ?3)
         ON CONFLICT (kind, key) DO UPDATE SET name = excluded.name",
        params![kind, name, key],
    )?;
    let id: i64 = transaction.query_row(
        "SELECT id FROM entities WHERE kind = ?1 AND key = ?2",
        params![kind, key],
        |row| row.get(0),
    )?;
    transaction.execute(
        "INSERT INTO entity_aliases (entity_id, alias, detail) VALUES (?1, ?2, ?3)
         ON CONFLICT (entity_id, alias) DO UPDATE SET detail = coalesce(entity_aliases.detail, excluded.detail)",
        params![id, entity.name, entity.detail],
    )?;
    Ok(id)
}

/// The words of a person's name that tell who they are: an honorific ("Mr",
/// "Dr.") is how an article addresses them, so "Mr Abbas" and "Mahmoud Abbas"
/// share a surname and no conflicting first name.
fn identifying_words(lower: &str) -> Vec<&str> {
    let lexicon = crate::analyze::lexicon::Lexicon::get();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let start = words
        .iter()
        .position(|w| !lexicon.is_honorific(w))
        .unwrap_or(words.len());
    words[start..].to_vec()
}

/// Whether `name` says more of who an entity is than `than` does: more words
/// that are not honorifics, then more characters.
fn is_fuller_name(name: &str, than: &str) -> bool {
    let (name_lower, than_lower) = (name.to_lowercase(), than.to_lowercase());
    let words = |lower: &str| identifying_words(lower).len();
    (words(&name_lower), name.len()) > (words(&than_lower), than.len())
}

/// The user's decisions about who is who, read once per article written:
/// names by (kind, key), merges (kind, key) → (kind, key), split aliases
/// (kind, key, alias in lower case).
#[derive(Debug, Default)]
struct EntityDecisions {
    names: rustc_hash::FxHashMap<(String, String), String>,
    merges: rustc_hash::FxHashMap<(String, String), (String, String)>,
    splits: rustc_hash::FxHashSet<(String, String, String)>,
}

impl EntityDecisions {
    fn load(transaction: &Connection) -> Result<EntityDecisions, StoreError> {
        let mut decisions = EntityDecisions::default();
        let mut names = transaction.prepare_cached("SELECT kind, key, name FROM user_entity_names")?;
        for row in names.query_map([], |row| Ok(((row.get(0)?, row.get(1)?), row.get(2)?)))? {
            let (identity, name) = row?;
            decisions.names.insert(identity, name);
        }
        let mut merges = transaction
            .prepare_cached("SELECT kind, key, into_kind, into_key FROM user_entity_merges")?;
        for row in merges.query_map([], |row| {
            Ok(((row.get(0)?, row.get(1)?), (row.get(2)?, row.get(3)?)))
        })? {
            let (from, into) = row?;
            decisions.merges.insert(from, into);
        }
        let mut splits = transaction.prepare_cached("SELECT kind, key, alias FROM user_entity_splits")?;
        for row in splits.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))? {
            decisions.splits.insert(row?);
        }
        Ok(decisions)
    }
}

fn write_entities(
    transaction: &Connection,
    article_id: i64,
    found: &crate::analyze::entities::Entities,
) -> Result<(), StoreError> {
    use crate::analyze::entities::RelationKind;
    let decisions = EntityDecisions::load(transaction)?;
    let ids = found
        .entities
        .iter()
        .map(|entity| entity_id(transaction, entity, &decisions))
        .collect::<Result<Vec<i64>, _>>()?;
    let mut mention = transaction.prepare_cached(
        "INSERT INTO entity_mentions (article_id, entity_id, start_byte, end_byte)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for m in &found.mentions {
        mention.execute(params![
            article_id,
            ids[m.entity],
            m.span.start as i64,
            m.span.end as i64
        ])?;
    }
    let mut relation = transaction.prepare_cached(
        "INSERT INTO relations (article_id, kind, from_entity, to_entity, stance, place, date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut evidence = transaction.prepare_cached(
        "INSERT INTO relation_evidence (relation_id, start_byte, end_byte) VALUES (?1, ?2, ?3)",
    )?;
    for r in &found.relations {
        // Country relations have no direction: one order in the whole library, so
        // that every article's evidence lands on the same edge.
        let (from, to) = (ids[r.from], ids[r.to]);
        let symmetric = matches!(r.kind, RelationKind::Cooperation | RelationKind::Opposition);
        let (from, to) = if symmetric && from > to {
            (to, from)
        } else {
            (from, to)
        };
        relation.execute(params![
            article_id,
            r.kind.as_str(),
            from,
            to,
            r.stance.as_str(),
            r.place.map(|p| ids[p]),
            r.date.map(|d| ids[d]),
        ])?;
        let relation_id = transaction.last_insert_rowid();
        for span in &r.evidence {
            evidence.execute(params![relation_id, span.start as i64, span.end as i64])?;
        }
    }
    Ok(())
}

/// Durability and safety settings, per connection.
fn configure(connection: &Connection) -> Result<(), StoreError> {
    connection.busy_timeout(Duration::from_secs(5))?;
    let _mode: String =
        connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    // FULL: user corrections and annotations must survive a power cut, not only a crash.
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    connection.pragma_update(None, "trusted_schema", "OFF")?;
    // 16 MB of page cache (SQLite's default is 2 MB): reading a large library
    // article by article (an export, the reader) rereads fewer pages from disk.
    connection.pragma_update(None, "cache_size", -16_384)?;
    connection.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::analyze;
    use crate::ingest::{SourceFormat, article_from_bytes};

    fn article(text: &str) -> Article {
        article_from_bytes(text.as_bytes(), SourceFormat::PlainText).unwrap()
    }

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }

    #[test]
    fn insert_list_get_and_duplicates() {
        let folder = tempfile::tempdir().unwrap();
        let mut library = Library::open(&folder.path().join("nested/library.sqlite3")).unwrap();
        let first = article("Headline here\n\nA body paragraph that says something long enough.");
        let Insertion::Added(id) = library
            .insert_article(
                &first,
                &analyze(&first.text),
                "Headline here",
                Some("/a.txt"),
                "2026-01-01T00:00:00Z",
            )
            .unwrap()
        else {
            panic!("expected a new row");
        };
        assert_eq!(
            library
                .insert_article(
                    &first,
                    &analyze(&first.text),
                    "Other",
                    None,
                    "2026-01-02T00:00:00Z"
                )
                .unwrap(),
            Insertion::Duplicate(id)
        );
        assert_eq!(library.count_articles().unwrap(), 1);
        let stored = library.get_article(id).unwrap().unwrap();
        assert_eq!(stored.text, first.text);
        assert_eq!(stored.blocks, first.blocks);
        assert_eq!(library.get_article(id + 1).unwrap(), None);
        library.check_integrity().unwrap();
    }

    #[test]
    fn full_text_index_follows_inserts() {
        let folder = tempfile::tempdir().unwrap();
        let mut library = Library::open(&folder.path().join("library.sqlite3")).unwrap();
        let a = article("Title one\n\nLavrov spoke about security cooperation with Iraq today.");
        library
            .insert_article(
                &a,
                &analyze(&a.text),
                "Title one",
                None,
                "2026-01-01T00:00:00Z",
            )
            .unwrap();
        let hits: i64 = library
            .connection
            .query_row(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'cooperation'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hits, 1);
    }

    #[test]
    fn pragmas_are_set() {
        let folder = tempfile::tempdir().unwrap();
        let library = Library::open(&folder.path().join("library.sqlite3")).unwrap();
        let get = |name: &str| -> String {
            library
                .connection
                .pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
                .map(|v| format!("{v:?}"))
                .unwrap()
        };
        assert_eq!(get("journal_mode"), "Text(\"wal\")");
        assert_eq!(get("synchronous"), "Integer(2)");
        assert_eq!(get("foreign_keys"), "Integer(1)");
    }

    #[test]
    fn newer_library_is_refused_and_left_untouched() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("library.sqlite3");
        {
            let connection = Connection::open(&path).unwrap();
            connection
                .execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
                .unwrap();
        }
        let error = Library::open(&path).unwrap_err();
        assert!(
            matches!(error, StoreError::TooNew { found: 99, .. }),
            "{error}"
        );
        assert!(error.to_string().contains("newer than this Quotemap"));
        let connection = Connection::open(&path).unwrap();
        let version: i64 = connection
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 99);
        let articles: i64 = connection
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'articles'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(articles, 0);
    }
}

//! Queries the exports need beyond the reader's: the articles of a
//! selection in publication order, its counts for the Export dialog's
//! preview, the library-wide name of a speaker, and the dates over which
//! each entity is mentioned (for Gephi's timeline).

use super::{ArticleFilter, Library, StoreError, selection_params};
use rusqlite::OptionalExtension;
use std::collections::HashMap;

/// How much an export would hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct SelectionCounts {
    pub articles: u64,
    pub quotes: u64,
    pub annotations: u64,
}

impl Library {
    /// The ids of the articles a filter keeps (or the one article), oldest first.
    pub(crate) fn selected_article_ids(
        &self,
        filter: &ArticleFilter,
        article: Option<i64>,
    ) -> Result<Vec<i64>, StoreError> {
        let mut statement = self.connection.prepare_cached(concat!(
            "SELECT a.id FROM articles a WHERE (?9 IS NULL OR a.id = ?9) AND ",
            article_filter!(),
            " ORDER BY a.published_utc IS NULL, a.published_utc, a.published_local, a.id"
        ))?;
        let rows = statement.query_map(
            rusqlite::params_from_iter(selection_params(filter, &article)),
            |row| row.get(0),
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Articles, quotations (of the filter's speaker and kind, when set) and
    /// annotations an export of the selection holds.
    pub(crate) fn selection_counts(
        &self,
        filter: &ArticleFilter,
        article: Option<i64>,
    ) -> Result<SelectionCounts, StoreError> {
        let sql = concat!(
            "WITH kept AS (SELECT a.id FROM articles a WHERE (?9 IS NULL OR a.id = ?9) AND ",
            article_filter!(),
            ")
             SELECT (SELECT count(*) FROM kept),
                    (SELECT count(*) FROM reviewed_quotes q
                     WHERE q.article_id IN (SELECT id FROM kept)
                       AND (?5 IS NULL OR q.kind = ?5)
                       AND (?4 IS NULL OR (q.speaker_name IS NOT NULL AND ",
            speaker_name!(),
            " = ?4))),
                    (SELECT count(*) FROM user_annotations n WHERE n.article_id IN (SELECT id FROM kept))"
        );
        let mut statement = self.connection.prepare_cached(sql)?;
        Ok(statement.query_row(
            rusqlite::params_from_iter(selection_params(filter, &article)),
            |row| {
                Ok(SelectionCounts {
                    articles: row.get::<_, i64>(0)?.unsigned_abs(),
                    quotes: row.get::<_, i64>(1)?.unsigned_abs(),
                    annotations: row.get::<_, i64>(2)?.unsigned_abs(),
                })
            },
        )?)
    }

    /// The name the library shows for a speaker named so in an article: the
    /// entity the name was matched into, as the filters and the speakers
    /// view use it.
    pub(crate) fn speaker_library_name(&self, name: &str) -> Result<String, StoreError> {
        let mut statement = self.connection.prepare_cached(concat!(
            "SELECT ",
            speaker_name!(),
            " FROM (SELECT ?1 AS speaker_name) q"
        ))?;
        let found: Option<String> = statement
            .query_row([name], |row| row.get(0))
            .optional()?
            .flatten();
        Ok(found.unwrap_or_else(|| name.to_owned()))
    }

    /// For each entity mentioned in the selection, the first and last day
    /// (`YYYY-MM-DD`) of the dated articles naming it.
    pub(crate) fn entity_date_ranges(
        &self,
        filter: &ArticleFilter,
        article: Option<i64>,
    ) -> Result<HashMap<i64, (String, String)>, StoreError> {
        let mut statement = self.connection.prepare_cached(concat!(
            "SELECT m.entity_id, min(substr(a.published_local, 1, 10)),
                    max(substr(a.published_local, 1, 10))
             FROM entity_mentions m JOIN articles a ON a.id = m.article_id
             WHERE a.published_local IS NOT NULL AND (?9 IS NULL OR a.id = ?9) AND ",
            article_filter!(),
            " GROUP BY m.entity_id"
        ))?;
        let rows = statement.query_map(
            rusqlite::params_from_iter(selection_params(filter, &article)),
            |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))),
        )?;
        Ok(rows.collect::<Result<HashMap<_, _>, _>>()?)
    }
}

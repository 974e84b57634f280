//! The library list, a page at a time: the articles a filter keeps, in the
//! order the user chose, counted, and cut into pages by SQL (so a library of
//! 100,000 articles never travels whole to the window); and the collation
//! keys the title and outlet orders read, filled for rows stored before them.

use super::sort_key::sort_key;
use super::{ArticleFilter, Library, StoreError, filter_params};
use rusqlite::params;

/// A short row for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRow {
    /// Row id.
    pub id: i64,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Local publication date-time.
    pub published_local: Option<String>,
    /// Number of its quotations (the user's layer applied).
    pub n_quotes: u32,
    /// Marked reviewed by the user.
    pub reviewed: bool,
}

/// The order of the library list. Ties go by title, then by the order of
/// import; undated articles come after the dated ones in both date orders,
/// articles without an outlet after the others.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
pub enum ArticleOrder {
    /// Latest publication first.
    #[default]
    Newest,
    /// Earliest publication first.
    Oldest,
    /// By headline (case, accents ignored; numbers by value).
    Title,
    /// By outlet, then headline.
    Outlet,
    /// Most quotations first (the user's layer applied).
    Quotes,
}

/// SQL for the number of reviewed quotations of article `a`: the count of its
/// rows of `reviewed_quotes`, from the indexed tables (see that view): each
/// machine quotation with a user version is replaced by its user versions that
/// are not rejections, and the user's own quotations are added.
macro_rules! quote_count {
    () => {
        "((SELECT count(*) FROM quotes q WHERE q.article_id = a.id)
          - (SELECT count(DISTINCT l.quote_id) FROM user_quotes u
             JOIN user_quote_links l ON l.user_quote_id = u.id WHERE u.article_id = a.id)
          + (SELECT count(*) FROM user_quotes u
             WHERE u.article_id = a.id AND u.status != 'rejected'))"
    };
}

/// One page of the list in an order (`ORDER BY` terms on article `a`): the ids
/// are chosen and cut first, so the counts and marks are read for the page's
/// rows only. Filter ?1–?8, then ?9 the page's length and ?10 its offset.
/// `counted:` is for an order by the quotation count: the inner query counts
/// every kept article's quotations as `n_quotes` (its order names that, the
/// outer one `page.n_quotes`); otherwise SQLite would count them for nothing.
macro_rules! page_query {
    (counted: $inner_order:literal, $outer_order:literal) => {
        page_query!(@build (concat!(", ", quote_count!(), " AS n_quotes")), $inner_order, $outer_order)
    };
    ($order:literal) => {
        page_query!(@build (""), $order, $order)
    };
    (@build ($($inner_columns:tt)*), $inner_order:literal, $outer_order:literal) => {
        concat!(
            "SELECT a.id, a.title, a.outlet, a.published_local, ",
            quote_count!(),
            ",
                    EXISTS (SELECT 1 FROM user_article_reviews r WHERE r.article_id = a.id)
             FROM (SELECT a.id",
            $($inner_columns)*,
            " FROM articles a WHERE ",
            article_filter!(),
            " ORDER BY ",
            $inner_order,
            " LIMIT ?9 OFFSET ?10) AS page
             JOIN articles a ON a.id = page.id
             ORDER BY ",
            $outer_order
        )
    };
}

impl Library {
    /// Up to `limit` articles the filter keeps, from `offset` on in `order`.
    pub(crate) fn list_articles_page(
        &self,
        filter: &ArticleFilter,
        order: ArticleOrder,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let sql = match order {
            // The instant when the zone is known, else the date as written (the
            // same ISO form, so they interleave to within hours); the index
            // `articles_by_date_newest` and `_oldest` hold this expression.
            ArticleOrder::Newest => page_query!(
                "coalesce(a.published_utc, a.published_local) IS NULL,
                 coalesce(a.published_utc, a.published_local) DESC, a.title_key, a.id"
            ),
            ArticleOrder::Oldest => page_query!(
                "coalesce(a.published_utc, a.published_local) IS NULL,
                 coalesce(a.published_utc, a.published_local), a.title_key, a.id"
            ),
            ArticleOrder::Title => page_query!("a.title_key, a.id"),
            ArticleOrder::Outlet => page_query!(
                "a.outlet_key IS NULL, a.outlet_key, a.title_key, a.id"
            ),
            ArticleOrder::Quotes => page_query!(
                counted: "n_quotes DESC, a.title_key, a.id",
                "page.n_quotes DESC, a.title_key, a.id"
            ),
        };
        let mut statement = self.connection.prepare_cached(sql)?;
        // SQLite's integers are signed; a page beyond them is empty anyway.
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let parameters = filter_params(filter)
            .into_iter()
            .chain([&limit as &dyn rusqlite::ToSql, &offset]);
        let rows = statement.query_map(rusqlite::params_from_iter(parameters), |row| {
            Ok(ArticleRow {
                id: row.get(0)?,
                title: row.get(1)?,
                outlet: row.get(2)?,
                published_local: row.get(3)?,
                n_quotes: row.get(4)?,
                reviewed: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// How many articles the filter keeps.
    pub(crate) fn count_filtered_articles(&self, filter: &ArticleFilter) -> Result<u64, StoreError> {
        let mut statement = self.connection.prepare_cached(concat!(
            "SELECT count(*) FROM articles a WHERE ",
            article_filter!()
        ))?;
        let count: i64 = statement.query_row(filter_params(filter), |row| row.get(0))?;
        Ok(count.unsigned_abs())
    }

    /// Collation keys for the rows stored before they existed (a library made by
    /// an older Quotemap, just upgraded): one transaction, nothing when none lacks them.
    pub(super) fn fill_sort_keys(&mut self) -> Result<(), StoreError> {
        let transaction = self.connection.transaction()?;
        {
            let mut missing =
                transaction.prepare("SELECT id, title, outlet FROM articles WHERE title_key IS NULL")?;
            let rows = missing
                .query_map([], |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, Option<String>>(2)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let mut update = transaction
                .prepare("UPDATE articles SET title_key = ?2, outlet_key = ?3 WHERE id = ?1")?;
            for (id, title, outlet) in rows {
                update.execute(params![id, sort_key(&title), outlet.as_deref().map(sort_key)])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }
}

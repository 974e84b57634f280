//! The analyst's layer in the library: annotations, tags, reviews, the user's
//! versions of quotations and decisions about entities (migration 7). These
//! rows are written only here, each change in its own IMMEDIATE transaction
//! (the library runs `synchronous=FULL`), and only by the user's actions: the
//! analysis never writes or deletes them.
//!
//! A change is a list of [`UserOp`]s, each one putting a whole row or removing
//! it, so that undo is the same operation with the rows as they were before.
//! What is derived from the layer (the link of a user version to the machine
//! quotation it covers, and an article's entities once its quotations changed)
//! is marked stale in the same transaction and rebuilt by the caller.

use super::{Library, StoreError};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use std::collections::BTreeSet;
use std::ops::Range;

/// Where an item sits in an article: position and quoted text with context
/// (W3C TextPositionSelector and TextQuoteSelector). Byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Anchor {
    /// UTF-8 byte range into the article's stored text.
    pub span: Range<usize>,
    /// The text of the span when it was anchored.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after it.
    pub suffix: String,
}

/// Characters of context kept on each side of an anchored span.
pub(crate) const CONTEXT_CHARS: usize = 32;

impl Anchor {
    /// The anchor of `span` (a checked range of char boundaries) in `text`.
    pub(crate) fn new(text: &str, span: Range<usize>) -> Anchor {
        let prefix_start = text[..span.start]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let suffix_end = text[span.end..]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(text.len(), |(i, _)| span.end + i);
        Anchor {
            exact: text[span.clone()].to_owned(),
            prefix: text[prefix_start..span.start].to_owned(),
            suffix: text[span.end..suffix_end].to_owned(),
            span,
        }
    }

    /// Whether the stored text still holds the anchored text where it says.
    pub(crate) fn holds_in(&self, text: &str) -> bool {
        text.get(self.span.clone()) == Some(self.exact.as_str())
    }
}

/// The speaker of a user version of a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UserSpeaker {
    pub name: String,
    /// `person`, `organisation` or `anonymous`.
    pub kind: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
}

/// A user version of a quotation (a row of `user_quotes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UserQuoteRow {
    pub id: i64,
    pub article_id: i64,
    /// `confirmed`, `rejected`, `corrected` or `added`.
    pub status: String,
    pub anchor: Anchor,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    pub speaker: Option<UserSpeaker>,
    pub created_at: String,
    pub updated_at: String,
    pub needs_anchor: bool,
}

/// A highlight with a note (a row of `user_annotations` and its tags).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AnnotationRow {
    pub id: i64,
    pub article_id: i64,
    pub anchor: Anchor,
    pub note: String,
    pub color: String,
    /// Sorted, without repeats.
    pub tags: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    pub needs_anchor: bool,
}

/// An entity's identity as the library matches it: kind and key, never a row id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct EntityIdentity {
    pub kind: String,
    pub key: String,
}

/// One step of a change of the user's layer. Each puts a whole row (or set)
/// or removes it; the inverse of a change is the same steps with the rows as
/// they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UserOp {
    PutAnnotation(AnnotationRow),
    DeleteAnnotation(i64),
    PutQuote(UserQuoteRow),
    DeleteQuote { id: i64, article_id: i64 },
    SetArticleTags { article_id: i64, tags: Vec<String> },
    SetReviewed { article_id: i64, at: Option<String> },
    SetEntityName { entity: EntityIdentity, name: Option<String> },
    SetEntityMerge { entity: EntityIdentity, into: Option<EntityIdentity> },
    SetEntitySplit { entity: EntityIdentity, alias: String, split: bool },
}

/// A filter of the Annotations view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AnnotationQuery {
    pub tag: Option<String>,
    pub article: Option<i64>,
    /// First day kept (`YYYY-MM-DD`, on the annotation's creation).
    pub from: Option<String>,
    /// Last day kept.
    pub to: Option<String>,
    /// An FTS5 query over notes and highlighted text.
    pub fts: Option<String>,
    pub limit: u32,
}

/// An annotation with its article's title, for the Annotations view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AnnotationListRow {
    pub annotation: AnnotationRow,
    pub title: String,
}

const QUOTE_COLUMNS: &str = "id, article_id, status, start_byte, end_byte, exact, prefix, suffix, kind,
     speaker_name, speaker_kind, speaker_role, speaker_affiliation, created_at, updated_at, needs_anchor";

fn quote_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<UserQuoteRow> {
    let name: Option<String> = row.get(9)?;
    Ok(UserQuoteRow {
        id: row.get(0)?,
        article_id: row.get(1)?,
        status: row.get(2)?,
        anchor: Anchor {
            span: row.get::<_, i64>(3)? as usize..row.get::<_, i64>(4)? as usize,
            exact: row.get(5)?,
            prefix: row.get(6)?,
            suffix: row.get(7)?,
        },
        kind: row.get(8)?,
        speaker: match name {
            Some(name) => Some(UserSpeaker {
                name,
                kind: row
                    .get::<_, Option<String>>(10)?
                    .unwrap_or_else(|| "person".to_owned()),
                role: row.get(11)?,
                affiliation: row.get(12)?,
            }),
            None => None,
        },
        created_at: row.get(13)?,
        updated_at: row.get(14)?,
        needs_anchor: row.get::<_, i64>(15)? != 0,
    })
}

const ANNOTATION_COLUMNS: &str = "n.id, n.article_id, n.start_byte, n.end_byte, n.exact, n.prefix, n.suffix,
     n.note, n.color, n.created_at, n.updated_at, n.needs_anchor,
     (SELECT json_group_array(tag) FROM (SELECT tag FROM user_annotation_tags t
      WHERE t.annotation_id = n.id ORDER BY tag))";

fn annotation_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AnnotationRow> {
    let tags: String = row.get(12)?;
    Ok(AnnotationRow {
        id: row.get(0)?,
        article_id: row.get(1)?,
        anchor: Anchor {
            span: row.get::<_, i64>(2)? as usize..row.get::<_, i64>(3)? as usize,
            exact: row.get(4)?,
            prefix: row.get(5)?,
            suffix: row.get(6)?,
        },
        note: row.get(7)?,
        color: row.get(8)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        needs_anchor: row.get::<_, i64>(11)? != 0,
    })
}

impl Library {
    /// Applies one change of the user's layer in one durable transaction and
    /// returns the articles whose derived rows (entities) must be rebuilt; they
    /// are marked stale in the same transaction, so a crash before the rebuild
    /// is repaired on the next open.
    pub(crate) fn apply_user_ops(&mut self, ops: &[UserOp]) -> Result<BTreeSet<i64>, StoreError> {
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut stale = BTreeSet::new();
        for op in ops {
            match op {
                UserOp::PutAnnotation(a) => {
                    transaction.execute(
                        "INSERT INTO user_annotations (id, article_id, start_byte, end_byte, exact,
                             prefix, suffix, note, color, created_at, updated_at, needs_anchor)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                         ON CONFLICT (id) DO UPDATE SET start_byte = excluded.start_byte,
                             end_byte = excluded.end_byte, exact = excluded.exact,
                             prefix = excluded.prefix, suffix = excluded.suffix,
                             note = excluded.note, color = excluded.color,
                             updated_at = excluded.updated_at, needs_anchor = excluded.needs_anchor",
                        params![
                            a.id,
                            a.article_id,
                            a.anchor.span.start as i64,
                            a.anchor.span.end as i64,
                            a.anchor.exact,
                            a.anchor.prefix,
                            a.anchor.suffix,
                            a.note,
                            a.color,
                            a.created_at,
                            a.updated_at,
                            i64::from(a.needs_anchor)
                        ],
                    )?;
                    transaction.execute(
                        "DELETE FROM user_annotation_tags WHERE annotation_id = ?1",
                        [a.id],
                    )?;
                    for tag in &a.tags {
                        transaction.execute(
                            "INSERT OR IGNORE INTO user_annotation_tags (annotation_id, tag) VALUES (?1, ?2)",
                            params![a.id, tag],
                        )?;
                    }
                }
                UserOp::DeleteAnnotation(id) => {
                    transaction.execute("DELETE FROM user_annotations WHERE id = ?1", [id])?;
                }
                UserOp::PutQuote(q) => {
                    let speaker = q.speaker.as_ref();
                    transaction.execute(
                        "INSERT INTO user_quotes (id, article_id, status, start_byte, end_byte, exact,
                             prefix, suffix, kind, speaker_name, speaker_kind, speaker_role,
                             speaker_affiliation, created_at, updated_at, needs_anchor)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                         ON CONFLICT (id) DO UPDATE SET status = excluded.status,
                             start_byte = excluded.start_byte, end_byte = excluded.end_byte,
                             exact = excluded.exact, prefix = excluded.prefix,
                             suffix = excluded.suffix, kind = excluded.kind,
                             speaker_name = excluded.speaker_name,
                             speaker_kind = excluded.speaker_kind,
                             speaker_role = excluded.speaker_role,
                             speaker_affiliation = excluded.speaker_affiliation,
                             updated_at = excluded.updated_at, needs_anchor = excluded.needs_anchor",
                        params![
                            q.id,
                            q.article_id,
                            q.status,
                            q.anchor.span.start as i64,
                            q.anchor.span.end as i64,
                            q.anchor.exact,
                            q.anchor.prefix,
                            q.anchor.suffix,
                            q.kind,
                            speaker.map(|s| &s.name),
                            speaker.map(|s| &s.kind),
                            speaker.and_then(|s| s.role.as_ref()),
                            speaker.and_then(|s| s.affiliation.as_ref()),
                            q.created_at,
                            q.updated_at,
                            i64::from(q.needs_anchor)
                        ],
                    )?;
                    stale.insert(q.article_id);
                }
                UserOp::DeleteQuote { id, article_id } => {
                    transaction.execute("DELETE FROM user_quotes WHERE id = ?1", [id])?;
                    stale.insert(*article_id);
                }
                UserOp::SetArticleTags { article_id, tags } => {
                    transaction.execute(
                        "DELETE FROM user_article_tags WHERE article_id = ?1",
                        [article_id],
                    )?;
                    for tag in tags {
                        transaction.execute(
                            "INSERT OR IGNORE INTO user_article_tags (article_id, tag) VALUES (?1, ?2)",
                            params![article_id, tag],
                        )?;
                    }
                }
                UserOp::SetReviewed { article_id, at } => match at {
                    Some(at) => {
                        transaction.execute(
                            "INSERT INTO user_article_reviews (article_id, reviewed_at) VALUES (?1, ?2)
                             ON CONFLICT (article_id) DO UPDATE SET reviewed_at = excluded.reviewed_at",
                            params![article_id, at],
                        )?;
                    }
                    None => {
                        transaction.execute(
                            "DELETE FROM user_article_reviews WHERE article_id = ?1",
                            [article_id],
                        )?;
                    }
                },
                UserOp::SetEntityName { entity, name } => {
                    match name {
                        Some(name) => transaction.execute(
                            "INSERT INTO user_entity_names (kind, key, name) VALUES (?1, ?2, ?3)
                             ON CONFLICT (kind, key) DO UPDATE SET name = excluded.name",
                            params![entity.kind, entity.key, name],
                        )?,
                        None => transaction.execute(
                            "DELETE FROM user_entity_names WHERE kind = ?1 AND key = ?2",
                            params![entity.kind, entity.key],
                        )?,
                    };
                    stale.extend(articles_naming(&transaction, entity)?);
                }
                UserOp::SetEntityMerge { entity, into } => {
                    // Both sides' articles: their entity rows are rebuilt with the decision,
                    // and the aliases of both sides with them.
                    stale.extend(articles_naming(&transaction, entity)?);
                    clear_aliases(&transaction, entity)?;
                    let previous: Option<(String, String)> = transaction
                        .query_row(
                            "SELECT into_kind, into_key FROM user_entity_merges
                             WHERE kind = ?1 AND key = ?2",
                            params![entity.kind, entity.key],
                            |row| Ok((row.get(0)?, row.get(1)?)),
                        )
                        .optional()?;
                    if let Some((kind, key)) = previous {
                        let previous = EntityIdentity { kind, key };
                        stale.extend(articles_naming(&transaction, &previous)?);
                        clear_aliases(&transaction, &previous)?;
                    }
                    match into {
                        Some(into) => {
                            stale.extend(articles_naming(&transaction, into)?);
                            clear_aliases(&transaction, into)?;
                            transaction.execute(
                                "INSERT INTO user_entity_merges (kind, key, into_kind, into_key)
                                 VALUES (?1, ?2, ?3, ?4)
                                 ON CONFLICT (kind, key) DO UPDATE SET into_kind = excluded.into_kind,
                                     into_key = excluded.into_key",
                                params![entity.kind, entity.key, into.kind, into.key],
                            )?;
                        }
                        None => {
                            transaction.execute(
                                "DELETE FROM user_entity_merges WHERE kind = ?1 AND key = ?2",
                                params![entity.kind, entity.key],
                            )?;
                        }
                    }
                }
                UserOp::SetEntitySplit {
                    entity,
                    alias,
                    split,
                } => {
                    stale.extend(articles_naming(&transaction, entity)?);
                    clear_aliases(&transaction, entity)?;
                    if *split {
                        transaction.execute(
                            "INSERT OR IGNORE INTO user_entity_splits (kind, key, alias) VALUES (?1, ?2, ?3)",
                            params![entity.kind, entity.key, alias],
                        )?;
                    } else {
                        transaction.execute(
                            "DELETE FROM user_entity_splits WHERE kind = ?1 AND key = ?2 AND alias = ?3",
                            params![entity.kind, entity.key, alias],
                        )?;
                        let own = EntityIdentity {
                            kind: entity.kind.clone(),
                            key: split_key(alias),
                        };
                        stale.extend(articles_naming(&transaction, &own)?);
                        clear_aliases(&transaction, &own)?;
                    }
                }
            }
        }
        for article_id in &stale {
            transaction.execute(
                "INSERT OR IGNORE INTO derived_stale (article_id) VALUES (?1)",
                [article_id],
            )?;
        }
        transaction.commit()?;
        Ok(stale)
    }

    /// Articles whose derived rows wait for a rebuild (a change was committed
    /// but the rebuild did not run, or a decision touched them).
    pub(crate) fn stale_articles(&self) -> Result<Vec<i64>, StoreError> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT article_id FROM derived_stale ORDER BY article_id")?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The user versions of an article's quotations, in text order.
    pub(crate) fn user_quotes(&self, article_id: i64) -> Result<Vec<UserQuoteRow>, StoreError> {
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT {QUOTE_COLUMNS} FROM user_quotes WHERE article_id = ?1 ORDER BY start_byte, id"
        ))?;
        let rows = statement.query_map([article_id], quote_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// One user version of a quotation.
    pub(crate) fn user_quote(&self, id: i64) -> Result<Option<UserQuoteRow>, StoreError> {
        Ok(self
            .connection
            .query_row(
                &format!("SELECT {QUOTE_COLUMNS} FROM user_quotes WHERE id = ?1"),
                [id],
                quote_row,
            )
            .optional()?)
    }

    /// A free row id for a new annotation or user quotation (never reused
    /// while the library lives, so undo can put a row back under its id).
    pub(crate) fn next_user_id(&self, table: UserTable) -> Result<i64, StoreError> {
        let (table, key) = match table {
            UserTable::Annotations => ("user_annotations", "last_annotation_id"),
            UserTable::Quotes => ("user_quotes", "last_user_quote_id"),
        };
        let id: i64 = self.connection.query_row(
            &format!(
                "SELECT max(coalesce((SELECT max(id) FROM {table}), 0),
                            coalesce((SELECT CAST(value AS INTEGER) FROM library_meta
                                      WHERE key = ?1), 0)) + 1"
            ),
            [key],
            |row| row.get(0),
        )?;
        self.set_meta(key, &id.to_string())?;
        Ok(id)
    }

    /// An article's annotations in text order.
    pub(crate) fn annotations(&self, article_id: i64) -> Result<Vec<AnnotationRow>, StoreError> {
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT {ANNOTATION_COLUMNS} FROM user_annotations n WHERE n.article_id = ?1
             ORDER BY n.start_byte, n.id"
        ))?;
        let rows = statement.query_map([article_id], annotation_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// One annotation.
    pub(crate) fn annotation(&self, id: i64) -> Result<Option<AnnotationRow>, StoreError> {
        Ok(self
            .connection
            .query_row(
                &format!("SELECT {ANNOTATION_COLUMNS} FROM user_annotations n WHERE n.id = ?1"),
                [id],
                annotation_row,
            )
            .optional()?)
    }

    /// Annotations across the library, newest first, as a query keeps them.
    pub(crate) fn list_annotations(
        &self,
        query: &AnnotationQuery,
    ) -> Result<Vec<AnnotationListRow>, StoreError> {
        let mut statement = self.connection.prepare_cached(&format!(
            "SELECT {ANNOTATION_COLUMNS}, a.title
             FROM user_annotations n JOIN articles a ON a.id = n.article_id
             WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM user_annotation_tags t
                                         WHERE t.annotation_id = n.id AND t.tag = ?1))
               AND (?2 IS NULL OR n.article_id = ?2)
               AND (?3 IS NULL OR substr(n.created_at, 1, 10) >= ?3)
               AND (?4 IS NULL OR substr(n.created_at, 1, 10) <= ?4)
               AND (?5 IS NULL OR n.id IN (SELECT rowid FROM user_annotations_fts
                                           WHERE user_annotations_fts MATCH ?5))
             ORDER BY n.created_at DESC, n.id DESC
             LIMIT ?6"
        ))?;
        let rows = statement.query_map(
            params![
                query.tag,
                query.article,
                query.from,
                query.to,
                query.fts,
                i64::from(query.limit)
            ],
            |row| {
                Ok(AnnotationListRow {
                    annotation: annotation_row(row)?,
                    title: row.get(13)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Number of annotations in the library.
    pub(crate) fn count_annotations(&self) -> Result<u64, StoreError> {
        let n: i64 =
            self.connection
                .query_row("SELECT count(*) FROM user_annotations", [], |row| row.get(0))?;
        Ok(n.unsigned_abs())
    }

    /// An article's tags, sorted.
    pub(crate) fn article_tags(&self, article_id: i64) -> Result<Vec<String>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT tag FROM user_article_tags WHERE article_id = ?1 ORDER BY tag",
        )?;
        let rows = statement.query_map([article_id], |row| row.get(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// When the user marked the article reviewed.
    pub(crate) fn reviewed_at(&self, article_id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT reviewed_at FROM user_article_reviews WHERE article_id = ?1",
                [article_id],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Every tag of the library (on articles and annotations) with how often it is used.
    pub(crate) fn tag_counts(&self) -> Result<Vec<(String, u32)>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT tag, count(*) FROM (SELECT tag FROM user_article_tags
                                        UNION ALL SELECT tag FROM user_annotation_tags)
             GROUP BY tag ORDER BY count(*) DESC, tag",
        )?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// An entity's identity and name, by row id.
    pub(crate) fn entity_identity(
        &self,
        id: i64,
    ) -> Result<Option<(EntityIdentity, String)>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT kind, key, name FROM entities WHERE id = ?1",
                [id],
                |row| {
                    Ok((
                        EntityIdentity {
                            kind: row.get(0)?,
                            key: row.get(1)?,
                        },
                        row.get(2)?,
                    ))
                },
            )
            .optional()?)
    }

    /// The row id of an entity by identity, when it has one now.
    pub(crate) fn entity_by_identity(
        &self,
        identity: &EntityIdentity,
    ) -> Result<Option<i64>, StoreError> {
        Ok(self
            .connection
            .query_row(
                "SELECT id FROM entities WHERE kind = ?1 AND key = ?2",
                params![identity.kind, identity.key],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The user's decisions about one entity: its name and what it is merged into.
    pub(crate) fn entity_decisions(
        &self,
        identity: &EntityIdentity,
    ) -> Result<EntityDecision, StoreError> {
        let name = self
            .connection
            .query_row(
                "SELECT name FROM user_entity_names WHERE kind = ?1 AND key = ?2",
                params![identity.kind, identity.key],
                |row| row.get(0),
            )
            .optional()?;
        let into = self
            .connection
            .query_row(
                "SELECT into_kind, into_key FROM user_entity_merges WHERE kind = ?1 AND key = ?2",
                params![identity.kind, identity.key],
                |row| {
                    Ok(EntityIdentity {
                        kind: row.get(0)?,
                        key: row.get(1)?,
                    })
                },
            )
            .optional()?;
        Ok(EntityDecision { name, into })
    }

    /// The identities merged into `identity`.
    pub(crate) fn merged_into(
        &self,
        identity: &EntityIdentity,
    ) -> Result<Vec<EntityIdentity>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT kind, key FROM user_entity_merges WHERE into_kind = ?1 AND into_key = ?2
             ORDER BY kind, key",
        )?;
        let rows = statement.query_map(params![identity.kind, identity.key], |row| {
            Ok(EntityIdentity {
                kind: row.get(0)?,
                key: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// The user's decisions about one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntityDecision {
    /// The name the user gave it.
    pub name: Option<String>,
    /// The entity it is merged into.
    pub into: Option<EntityIdentity>,
}

/// The two tables whose rows get ids from [`Library::next_user_id`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum UserTable {
    Annotations,
    Quotes,
}

/// The key of an alias split out of an entity: its own identity.
pub(crate) fn split_key(alias: &str) -> String {
    format!("split:{}", alias.to_lowercase())
}

/// Articles that mention an entity (by identity), for rebuilding their rows.
fn articles_naming(
    transaction: &rusqlite::Transaction<'_>,
    entity: &EntityIdentity,
) -> Result<Vec<i64>, StoreError> {
    let mut statement = transaction.prepare_cached(
        "SELECT DISTINCT m.article_id FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
         WHERE e.kind = ?1 AND e.key = ?2",
    )?;
    let rows = statement.query_map(params![entity.kind, entity.key], |row| row.get(0))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Removes an entity's aliases before its articles are rebuilt, which adds back
/// exactly the names its mentions now carry (an alias merged in or split out
/// moves with its mentions instead of staying behind).
fn clear_aliases(
    transaction: &rusqlite::Transaction<'_>,
    entity: &EntityIdentity,
) -> Result<(), StoreError> {
    transaction.execute(
        "DELETE FROM entity_aliases WHERE entity_id IN
             (SELECT id FROM entities WHERE kind = ?1 AND key = ?2)",
        params![entity.kind, entity.key],
    )?;
    Ok(())
}

/// A quotation as the analyst sees it (a row of the `reviewed_quotes` view).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReviewedQuote {
    /// The machine quotation's row (gone with the next analysis: never stored by the user).
    pub machine_id: Option<i64>,
    /// The user version over it, or the user's own quotation.
    pub user_id: Option<i64>,
    pub span: Range<usize>,
    pub kind: String,
    pub speaker_name: Option<String>,
    pub speaker_kind: Option<String>,
    pub speaker_role: Option<String>,
    pub speaker_affiliation: Option<String>,
    /// The machine speaker row, when the machine's attribution stands.
    pub speaker_id: Option<i64>,
    pub cue: Option<Range<usize>>,
    pub mention: Option<Range<usize>>,
    pub confidence: f64,
    pub nested: bool,
    pub rule: String,
    pub said_on: Option<String>,
    /// `machine`, `confirmed`, `corrected` or `added`.
    pub status: String,
}

impl Library {
    /// An article's quotations with the user's layer applied, in reading order.
    pub(crate) fn reviewed_quotes(&self, article_id: i64) -> Result<Vec<ReviewedQuote>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT machine_id, user_id, start_byte, end_byte, kind, speaker_name, speaker_kind,
                    speaker_role, speaker_affiliation, speaker_id, cue_start, cue_end, mention_start, mention_end, confidence, nested,
                    rule, said_on, status
             FROM reviewed_quotes WHERE article_id = ?1
             ORDER BY start_byte, end_byte DESC, machine_id IS NULL, machine_id, user_id",
        )?;
        let span = |start: Option<i64>, end: Option<i64>| match (start, end) {
            (Some(s), Some(e)) if 0 <= s && s <= e => Some(s as usize..e as usize),
            _ => None,
        };
        let rows = statement.query_map([article_id], |row| {
            let speaker_id: Option<i64> = row.get(9)?;
            let user_id: Option<i64> = row.get(1)?;
            Ok(ReviewedQuote {
                machine_id: row.get(0)?,
                user_id,
                span: row.get::<_, i64>(2)?.max(0) as usize..row.get::<_, i64>(3)?.max(0) as usize,
                kind: row.get(4)?,
                speaker_name: row.get(5)?,
                speaker_kind: row.get(6)?,
                speaker_role: row.get(7)?,
                speaker_affiliation: row.get(8)?,
                // A user version names its speaker; the machine's row no longer applies.
                speaker_id: if user_id.is_some() { None } else { speaker_id },
                cue: span(row.get(10)?, row.get(11)?),
                mention: span(row.get(12)?, row.get(13)?),
                confidence: row.get(14)?,
                nested: row.get::<_, i64>(15)? != 0,
                rule: row.get(16)?,
                said_on: row.get(17)?,
                status: row.get(18)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

/// The changes of the user's layer since the library was opened, for undo
/// and redo: each change with the steps that make it and the steps that
/// take it back.
#[derive(Debug, Default)]
pub(crate) struct History {
    pub undo: Vec<Change>,
    pub redo: Vec<Change>,
}

/// One change of the user's layer as the user made it.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    /// What it did, in words ("reject a quotation").
    pub label: String,
    pub forward: Vec<UserOp>,
    pub backward: Vec<UserOp>,
}

//! The relations map's queries: the entities and relations of a selection
//! (with how often each entity speaks and the days each relation was
//! stated, for the map's sizes and time window), and the positions the user
//! left the map's nodes in, kept per scope by entity key so that they
//! survive re-analysis.

use super::{ArticleFilter, Library, StoreError, selection_params};
use rusqlite::params;
use std::collections::HashMap;

/// An entity of the library with how much the articles say of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapNode {
    /// Entity id.
    pub id: i64,
    /// `person`, `organisation`, `country`, `city`, `date`.
    pub kind: String,
    /// The fullest name seen.
    pub name: String,
    /// Mentions across the articles kept.
    pub n_mentions: u32,
    /// Articles that mention it.
    pub n_articles: u32,
    /// Quotations it said in the articles kept (its speakers' names resolved
    /// to entities as the Speakers view does).
    pub n_quotes: u32,
}

/// A relation of the library: the same kind between the same two entities,
/// over all the articles kept, with the stance most of them give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapEdge {
    /// Relation kind.
    pub kind: String,
    /// From entity id.
    pub from: i64,
    /// To entity id.
    pub to: i64,
    /// `supportive`, `critical` or `neutral` (the most frequent; ties neutral).
    pub stance: String,
    /// Evidence sentences behind it.
    pub weight: u32,
    /// The day (`YYYY-MM-DD`) of each evidence sentence whose article is
    /// dated, oldest first; undated evidence has none.
    pub days: Vec<String>,
}

/// A relation of the map: (kind, from entity, to entity).
type RelationKey = (String, i64, i64);

/// Where the user left one node of a map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodePosition {
    /// Entity id (today's; positions are stored by entity key).
    pub entity: i64,
    /// Model x.
    pub x: f64,
    /// Model y.
    pub y: f64,
}

impl Library {
    /// The entities and relations of the articles a filter keeps (or of one
    /// article), for the map. Date entities are left out of the map.
    pub(crate) fn map(
        &self,
        filter: &ArticleFilter,
        article: Option<i64>,
    ) -> Result<(Vec<MapNode>, Vec<MapEdge>), StoreError> {
        // The articles kept, as a temporary table the queries share.
        self.connection
            .execute("DROP TABLE IF EXISTS temp.map_articles", [])?;
        self.connection.execute(
            "CREATE TEMP TABLE map_articles (id INTEGER PRIMARY KEY)",
            [],
        )?;
        self.connection.execute(
            concat!(
                "INSERT INTO map_articles SELECT a.id FROM articles a
                 WHERE (?9 IS NULL OR a.id = ?9) AND ",
                article_filter!()
            ),
            rusqlite::params_from_iter(selection_params(filter, &article)),
        )?;
        let quotes = self.quotes_by_entity()?;
        let mut nodes = self.connection.prepare(
            "SELECT e.id, e.kind, e.name, count(*), count(DISTINCT m.article_id)
             FROM entity_mentions m JOIN entities e ON e.id = m.entity_id
             WHERE m.article_id IN (SELECT id FROM temp.map_articles) AND e.kind != 'date'
             GROUP BY e.id ORDER BY count(*) DESC, e.name",
        )?;
        let nodes = nodes
            .query_map([], |row| {
                let id = row.get(0)?;
                Ok(MapNode {
                    id,
                    kind: row.get(1)?,
                    name: row.get(2)?,
                    n_mentions: row.get(3)?,
                    n_articles: row.get(4)?,
                    n_quotes: quotes.get(&id).copied().unwrap_or(0),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut days = self.relation_days()?;
        let mut edges = self.connection.prepare(
            "SELECT r.kind, r.from_entity, r.to_entity,
                    CASE WHEN sum(r.stance = 'supportive') > sum(r.stance = 'critical')
                              AND sum(r.stance = 'supportive') >= sum(r.stance = 'neutral') THEN 'supportive'
                         WHEN sum(r.stance = 'critical') > sum(r.stance = 'supportive')
                              AND sum(r.stance = 'critical') >= sum(r.stance = 'neutral') THEN 'critical'
                         ELSE 'neutral' END,
                    (SELECT count(*) FROM relation_evidence v JOIN relations r2 ON r2.id = v.relation_id
                     WHERE r2.kind = r.kind AND r2.from_entity = r.from_entity
                       AND r2.to_entity = r.to_entity
                       AND r2.article_id IN (SELECT id FROM temp.map_articles))
             FROM relations r
             JOIN entities a ON a.id = r.from_entity JOIN entities b ON b.id = r.to_entity
             WHERE r.article_id IN (SELECT id FROM temp.map_articles)
               AND a.kind != 'date' AND b.kind != 'date'
             GROUP BY r.kind, r.from_entity, r.to_entity
             ORDER BY r.kind, r.from_entity, r.to_entity",
        )?;
        let edges = edges
            .query_map([], |row| {
                let kind: String = row.get(0)?;
                let from = row.get(1)?;
                let to = row.get(2)?;
                let days = days.remove(&(kind.clone(), from, to)).unwrap_or_default();
                Ok(MapEdge {
                    kind,
                    from,
                    to,
                    stance: row.get(3)?,
                    weight: row.get(4)?,
                    days,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok((nodes, edges))
    }

    /// Quotations of the map's articles per entity that said them: a speaker's
    /// name is the entity [`speaker_entity!`] matches it to, as for the Speakers view.
    fn quotes_by_entity(&self) -> Result<HashMap<i64, u32>, StoreError> {
        // Counted by name first, then each name resolved once (not once per quotation).
        let mut statement = self.connection.prepare(concat!(
            "SELECT ",
            speaker_entity!("id", "g.speaker_name"),
            " AS entity, sum(g.n)
             FROM (SELECT q.speaker_name, count(*) AS n FROM reviewed_quotes q
                   WHERE q.speaker_name IS NOT NULL
                     AND q.article_id IN (SELECT id FROM temp.map_articles)
                   GROUP BY q.speaker_name) g
             GROUP BY entity HAVING entity IS NOT NULL"
        ))?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<HashMap<_, _>, _>>()?)
    }

    /// The days of the evidence of each relation of the map's articles, by
    /// (kind, from, to), oldest first; evidence in undated articles has none.
    fn relation_days(&self) -> Result<HashMap<RelationKey, Vec<String>>, StoreError> {
        let mut statement = self.connection.prepare(
            "SELECT r.kind, r.from_entity, r.to_entity, substr(a.published_local, 1, 10)
             FROM relations r
             JOIN relation_evidence v ON v.relation_id = r.id
             JOIN articles a ON a.id = r.article_id
             WHERE r.article_id IN (SELECT id FROM temp.map_articles)
               AND a.published_local IS NOT NULL
             ORDER BY 1, 2, 3, 4",
        )?;
        let mut days: HashMap<RelationKey, Vec<String>> = HashMap::new();
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            days.entry((row.get(0)?, row.get(1)?, row.get(2)?))
                .or_default()
                .push(row.get(3)?);
        }
        Ok(days)
    }

    /// Where the user left the nodes of the map of `scope`, for the entities
    /// that exist today.
    pub(crate) fn map_positions(&self, scope: &str) -> Result<Vec<NodePosition>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT e.id, p.x, p.y FROM user_map_positions p
             JOIN entities e ON e.kind = p.entity_kind AND e.key = p.entity_key
             WHERE p.scope = ?1 ORDER BY e.id",
        )?;
        let rows = statement.query_map([scope], |row| {
            Ok(NodePosition {
                entity: row.get(0)?,
                x: row.get(1)?,
                y: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Keeps where the user left the nodes of the map of `scope` (by entity
    /// key, so a re-analysis that renumbers entities keeps them), in one
    /// transaction. Positions that are not finite numbers are refused.
    pub(crate) fn save_map_positions(
        &mut self,
        scope: &str,
        positions: &[NodePosition],
    ) -> Result<usize, StoreError> {
        let transaction = self.connection.transaction()?;
        let mut saved = 0;
        {
            let mut statement = transaction.prepare_cached(
                "INSERT INTO user_map_positions (scope, entity_kind, entity_key, x, y)
                 SELECT ?1, e.kind, e.key, ?3, ?4 FROM entities e WHERE e.id = ?2
                 ON CONFLICT (scope, entity_kind, entity_key) DO UPDATE SET x = excluded.x, y = excluded.y",
            )?;
            for position in positions {
                if !position.x.is_finite() || !position.y.is_finite() {
                    continue;
                }
                saved += statement.execute(params![scope, position.entity, position.x, position.y])?;
            }
        }
        transaction.commit()?;
        Ok(saved)
    }

    /// Forgets the layout of the map of `scope` (the user asked for a new one).
    pub(crate) fn clear_map_positions(&mut self, scope: &str) -> Result<(), StoreError> {
        self.connection
            .execute("DELETE FROM user_map_positions WHERE scope = ?1", [scope])?;
        Ok(())
    }
}

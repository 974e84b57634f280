//! The relations map: entities and the relations the articles state, the
//! evidence behind an edge, and what the library says of one entity.

use super::*;
use crate::store::NodePosition;
use serde::Deserialize;

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
    /// Quotations it said in these articles.
    pub n_quotes: u32,
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
    /// The day (`YYYY-MM-DD`) of each evidence sentence in a dated article,
    /// oldest first (the map's time window counts these).
    pub days: Vec<String>,
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
    /// Its first [`ENTITY_QUOTES_PAGE`] quotations, oldest first (for a person
    /// or organisation that speaks); [`entity_quotes`] gives the others.
    pub quotes: Vec<SpeakerQuoteView>,
    /// How many quotations it has in all.
    pub n_quotes: u32,
    /// Where the articles name it: (article id, title, sentence).
    pub mentions: Vec<EvidenceView>,
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
                n_quotes: n.n_quotes,
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
                days: e.days,
            })
            .collect(),
    })
}

/// Where the user left a node of the map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct MapPosition {
    /// Entity id.
    #[ts(type = "number")]
    pub entity: i64,
    /// Model x (Cytoscape's coordinates, not the screen's).
    pub x: f64,
    /// Model y.
    pub y: f64,
}

/// The key a map's layout is kept under: one article, or the library as one
/// filter selects it (the same filter finds the same layout again).
fn layout_scope(filter: &ArticleFilter, article: Option<i64>) -> String {
    match article {
        Some(id) => format!("article:{id}"),
        None => format!(
            "library:{}",
            serde_json::to_string(filter).unwrap_or_default()
        ),
    }
}

/// Where the user left the nodes of this map (entities that no longer exist
/// are left out); the map places only the others.
pub fn map_positions(
    library: &Library,
    filter: &ArticleFilter,
    article: Option<i64>,
) -> Result<Vec<MapPosition>, StoreError> {
    Ok(library
        .map_positions(&layout_scope(filter, article))?
        .into_iter()
        .map(|p| MapPosition {
            entity: p.entity,
            x: p.x,
            y: p.y,
        })
        .collect())
}

/// Keeps where the nodes of this map are, so the next drawing (after an
/// import, a restart, a re-analysis) puts them there again. Returns how many
/// were kept (positions of unknown entities or not finite are skipped).
pub fn save_map_positions(
    library: &mut Library,
    filter: &ArticleFilter,
    article: Option<i64>,
    positions: &[MapPosition],
) -> Result<usize, StoreError> {
    let positions: Vec<NodePosition> = positions
        .iter()
        .map(|p| NodePosition {
            entity: p.entity,
            x: p.x,
            y: p.y,
        })
        .collect();
    library.save_map_positions(&layout_scope(filter, article), &positions)
}

/// Forgets the layout of this map: the next drawing lays it out afresh.
pub fn reset_map_positions(
    library: &mut Library,
    filter: &ArticleFilter,
    article: Option<i64>,
) -> Result<(), StoreError> {
    library.clear_map_positions(&layout_scope(filter, article))
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

/// How many of an entity's quotations [`entity_view`] carries: a panel shows
/// them a page at a time, and a much-quoted person has thousands (4,999 of
/// them were ~1 MB to send to the window for a click).
pub const ENTITY_QUOTES_PAGE: u32 = 50;

/// One entity: its names, its first quotations and where it is mentioned.
pub fn entity_view(library: &Library, id: i64) -> Result<EntityView, StoreError> {
    let aliases = library.entity_aliases(id)?;
    let (quotes, n_quotes) = entity_quotes_page(library, &aliases, 0, Some(ENTITY_QUOTES_PAGE))?;
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
        n_quotes,
        mentions,
    })
}

/// An entity's quotations `offset` to `offset + limit`, oldest first, as
/// [`entity_view`] begins them (for "Show more" in its panel).
pub fn entity_quotes(
    library: &Library,
    id: i64,
    offset: u32,
    limit: u32,
) -> Result<Vec<SpeakerQuoteView>, StoreError> {
    let aliases = library.entity_aliases(id)?;
    Ok(entity_quotes_page(library, &aliases, offset, Some(limit))?.0)
}

/// A speaker's quotations are found under any of the names the entity
/// carries, in one pass over the library.
fn entity_quotes_page(
    library: &Library,
    aliases: &[(String, Option<String>)],
    offset: u32,
    limit: Option<u32>,
) -> Result<(Vec<SpeakerQuoteView>, u32), StoreError> {
    let names: Vec<&str> = aliases.iter().map(|(alias, _)| alias.as_str()).collect();
    let (rows, total) = library.speaker_quotes_of_any(&names, offset, limit)?;
    Ok((quote_views(rows), total))
}

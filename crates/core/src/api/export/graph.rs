//! The relations map of a selection as the graph formats write it: nodes
//! with their aliases and the days they are mentioned over, edges with their
//! evidence (restricted to the selection) and days. Cooperation and
//! opposition have no direction; since networkx and others refuse a graph
//! that mixes directed and undirected edges, every edge is written directed
//! and those two carry `mutual = true` (see ADR 9).

mod gexf;
mod graphml;

pub(super) use gexf::write_gexf;
pub(super) use graphml::write_graphml;

use super::selection::Selection;
use super::text::day;
use super::*;
use std::collections::HashSet;

/// An entity of the map.
#[derive(Debug, Clone, Serialize)]
pub(super) struct GraphNode {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub mentions: u32,
    pub articles: u32,
    /// First and last day of the dated articles naming it.
    pub first: Option<String>,
    pub last: Option<String>,
    /// Names seen, fullest first, with the role or detail each came with.
    pub aliases: Vec<GraphAlias>,
}

/// A name an entity was seen under.
#[derive(Debug, Clone, Serialize)]
pub(super) struct GraphAlias {
    pub name: String,
    pub detail: Option<String>,
}

/// A relation of the map.
#[derive(Debug, Clone, Serialize)]
pub(super) struct GraphEdge {
    pub kind: String,
    pub from: i64,
    pub to: i64,
    /// `supportive`, `critical` or `neutral` (the most frequent).
    pub stance: String,
    /// Evidence sentences behind it.
    pub weight: u32,
    /// Has no direction (cooperation, opposition).
    pub mutual: bool,
    /// First and last day of its evidence.
    pub first: Option<String>,
    pub last: Option<String>,
    pub evidence: Vec<GraphEvidence>,
}

/// One sentence behind a relation.
#[derive(Debug, Clone, Serialize)]
pub(super) struct GraphEvidence {
    pub article: i64,
    pub title: String,
    pub published: Option<String>,
    pub sentence: String,
    pub stance: String,
    /// The sentence in the article's text (code points).
    pub start: usize,
    pub end: usize,
}

/// The map of a selection: its nodes, and its edges read one at a time
/// with their evidence ([`Graph::each_edge`]), so that a library's
/// evidence is never held in memory at once.
pub(super) struct Graph<'a> {
    library: &'a Library,
    pub nodes: Vec<GraphNode>,
    edges: Vec<MapEdgeView>,
    /// The selection's articles, when it is not the whole library.
    kept: Option<HashSet<i64>>,
}

impl<'a> Graph<'a> {
    /// The map of the selection's articles, its entities and relations counted as written.
    pub fn read(selection: &mut Selection<'a>) -> Result<Graph<'a>, ExportError> {
        let library = selection.library;
        let scope = selection.scope;
        let map = relation_map(library, &scope.filter, scope.article)?;
        let mut dates = library.entity_date_ranges(&scope.filter, scope.article)?;
        let whole_library = scope.article.is_none() && scope.filter == ArticleFilter::default();
        let kept = (!whole_library).then(|| selection.ids().iter().copied().collect());
        let mut nodes = Vec::with_capacity(map.nodes.len());
        for node in map.nodes {
            let (first, last) = dates.remove(&node.id).unzip();
            let aliases = library
                .entity_aliases(node.id)?
                .into_iter()
                .map(|(name, detail)| GraphAlias { name, detail })
                .collect();
            nodes.push(GraphNode {
                id: node.id,
                kind: node.kind,
                name: node.name,
                mentions: node.n_mentions,
                articles: node.n_articles,
                first,
                last,
                aliases,
            });
        }
        selection.count_graph(nodes.len(), map.edges.len());
        Ok(Graph {
            library,
            nodes,
            edges: map.edges,
            kept,
        })
    }

    /// Calls `write` with each edge and its evidence (in the selection), in turn.
    pub fn each_edge(
        &self,
        mut write: impl FnMut(usize, &GraphEdge) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        for (number, edge) in self.edges.iter().enumerate() {
            let evidence: Vec<GraphEvidence> = self
                .library
                .relation_evidence(&edge.kind, edge.from, edge.to)?
                .into_iter()
                .filter(|row| {
                    self.kept
                        .as_ref()
                        .is_none_or(|k| k.contains(&row.article_id))
                })
                .map(|row| GraphEvidence {
                    article: row.article_id,
                    title: row.title,
                    published: row.published_local,
                    sentence: row.sentence,
                    stance: row.stance,
                    start: row.points.start,
                    end: row.points.end,
                })
                .collect();
            let days: Vec<&str> = evidence
                .iter()
                .filter_map(|e| day(e.published.as_deref()))
                .collect();
            let first = days.iter().min().map(|d| (*d).to_owned());
            let last = days.iter().max().map(|d| (*d).to_owned());
            let edge = GraphEdge {
                mutual: matches!(edge.kind.as_str(), "cooperation" | "opposition"),
                kind: edge.kind.clone(),
                from: edge.from,
                to: edge.to,
                stance: edge.stance.clone(),
                weight: edge.weight.max(1),
                first,
                last,
                evidence,
            };
            write(number, &edge)?;
        }
        Ok(())
    }
}

/// The evidence of an edge as one attribute value: a JSON list.
pub(super) fn evidence_json(edge: &GraphEdge) -> String {
    serde_json::to_string(&edge.evidence).unwrap_or_else(|_| "[]".to_owned())
}

/// Writes XML with quick-xml, every text and attribute value made XML-safe.
pub(super) struct XmlOut<W: Write> {
    pub writer: quick_xml::Writer<W>,
}

impl<W: Write> XmlOut<W> {
    pub fn new(out: W) -> Self {
        XmlOut {
            writer: quick_xml::Writer::new_with_indent(out, b' ', 2),
        }
    }

    pub fn declaration(&mut self) -> std::io::Result<()> {
        self.writer.write_event(quick_xml::events::Event::Decl(
            quick_xml::events::BytesDecl::new("1.0", Some("UTF-8"), None),
        ))
    }

    fn element<'e>(
        name: &'e str,
        attributes: &[(&str, &str)],
    ) -> quick_xml::events::BytesStart<'e> {
        let mut element = quick_xml::events::BytesStart::new(name);
        for (key, value) in attributes {
            element.push_attribute((*key, super::text::xml_safe(value).as_ref()));
        }
        element
    }

    pub fn open(&mut self, name: &str, attributes: &[(&str, &str)]) -> std::io::Result<()> {
        self.writer
            .write_event(quick_xml::events::Event::Start(Self::element(
                name, attributes,
            )))
    }

    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> std::io::Result<()> {
        self.writer
            .write_event(quick_xml::events::Event::Empty(Self::element(
                name, attributes,
            )))
    }

    pub fn close(&mut self, name: &str) -> std::io::Result<()> {
        self.writer.write_event(quick_xml::events::Event::End(
            quick_xml::events::BytesEnd::new(name),
        ))
    }

    /// `<name attributes…>text</name>`.
    pub fn text_element(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> std::io::Result<()> {
        self.open(name, attributes)?;
        let safe = super::text::xml_safe(text);
        self.writer.write_event(quick_xml::events::Event::Text(
            quick_xml::events::BytesText::new(&safe),
        ))?;
        self.close(name)
    }

    pub fn finish(self) -> std::io::Result<()> {
        self.writer.into_inner().flush()
    }
}

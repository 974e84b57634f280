//! The relations map as GEXF 1.3 for Gephi: entities as nodes (label, kind,
//! mentions, articles), relations as edges (kind, stance, weight = evidence
//! sentences; cooperation and opposition undirected) with their evidence as
//! an attribute: a JSON list of `{article, title, sentence, start, end}`,
//! offsets in Unicode code points into the article's text. Written with
//! quick-xml, so names and sentences are escaped whatever they hold.

use crate::api::{ArticleFilter, Library, StoreError, relation_map};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::collections::HashMap;
use std::io::Write;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the library failed.
    #[error("{0}")]
    Library(#[from] StoreError),
    /// Writing failed (disk full, no permission…).
    #[error("cannot write: {0}")]
    Write(#[from] std::io::Error),
}

/// Writes the map of the articles the filter keeps as GEXF.
pub fn write_gexf(
    library: &Library,
    filter: &ArticleFilter,
    out: impl Write,
) -> Result<(), ExportError> {
    let map = relation_map(library, filter, None)?;
    let mut writer = Writer::new_with_indent(out, b' ', 2);
    let start = |name: &str, attributes: &[(&str, &str)]| {
        let mut element = BytesStart::new(name.to_owned());
        for (key, value) in attributes {
            element.push_attribute((*key, *value));
        }
        element
    };
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer.write_event(Event::Start(start(
        "gexf",
        &[("xmlns", "http://gexf.net/1.3"), ("version", "1.3")],
    )))?;
    writer.write_event(Event::Start(start("meta", &[])))?;
    for (tag, text) in [
        ("creator", "Quotemap"),
        (
            "description",
            "Entities and the relations the articles state, with their evidence",
        ),
    ] {
        writer.write_event(Event::Start(start(tag, &[])))?;
        writer.write_event(Event::Text(BytesText::new(text)))?;
        writer.write_event(Event::End(BytesEnd::new(tag)))?;
    }
    writer.write_event(Event::End(BytesEnd::new("meta")))?;
    writer.write_event(Event::Start(start(
        "graph",
        &[("defaultedgetype", "directed"), ("mode", "static")],
    )))?;
    for (class, attributes) in [
        (
            "node",
            &[
                ("kind", "string"),
                ("mentions", "integer"),
                ("articles", "integer"),
            ][..],
        ),
        (
            "edge",
            &[
                ("kind", "string"),
                ("stance", "string"),
                ("evidence", "string"),
            ][..],
        ),
    ] {
        writer.write_event(Event::Start(start("attributes", &[("class", class)])))?;
        for (id, kind) in attributes {
            writer.write_event(Event::Empty(start(
                "attribute",
                &[("id", id), ("title", id), ("type", kind)],
            )))?;
        }
        writer.write_event(Event::End(BytesEnd::new("attributes")))?;
    }
    let attvalues =
        |writer: &mut Writer<_>, values: &[(&str, String)]| -> Result<(), ExportError> {
            writer.write_event(Event::Start(start("attvalues", &[])))?;
            for (key, value) in values {
                writer.write_event(Event::Empty(start(
                    "attvalue",
                    &[("for", key), ("value", value)],
                )))?;
            }
            writer.write_event(Event::End(BytesEnd::new("attvalues")))?;
            Ok(())
        };
    writer.write_event(Event::Start(start("nodes", &[])))?;
    for node in &map.nodes {
        let id = node.id.to_string();
        writer.write_event(Event::Start(start(
            "node",
            &[("id", &id), ("label", &node.name)],
        )))?;
        attvalues(
            &mut writer,
            &[
                ("kind", node.kind.clone()),
                ("mentions", node.n_mentions.to_string()),
                ("articles", node.n_articles.to_string()),
            ],
        )?;
        writer.write_event(Event::End(BytesEnd::new("node")))?;
    }
    writer.write_event(Event::End(BytesEnd::new("nodes")))?;
    writer.write_event(Event::Start(start("edges", &[])))?;
    // Article texts, for code-point offsets of the evidence.
    let mut texts: HashMap<i64, String> = HashMap::new();
    for (number, edge) in map.edges.iter().enumerate() {
        let mut evidence = Vec::new();
        for row in library.relation_evidence(&edge.kind, edge.from, edge.to)? {
            if !texts.contains_key(&row.article_id)
                && let Some(article) = library.get_article(row.article_id)?
            {
                texts.insert(row.article_id, article.text);
            }
            let code_points = |byte: usize| {
                texts
                    .get(&row.article_id)
                    .filter(|t| byte <= t.len() && t.is_char_boundary(byte))
                    .map(|t| t[..byte].chars().count())
            };
            evidence.push(serde_json::json!({
                "article": row.article_id,
                "title": row.title,
                "sentence": row.sentence,
                "start": code_points(row.span.start),
                "end": code_points(row.span.end),
            }));
        }
        let undirected = matches!(edge.kind.as_str(), "cooperation" | "opposition");
        let (id, source, target, weight) = (
            number.to_string(),
            edge.from.to_string(),
            edge.to.to_string(),
            edge.weight.max(1).to_string(),
        );
        let mut attributes = vec![
            ("id", id.as_str()),
            ("source", source.as_str()),
            ("target", target.as_str()),
            ("weight", weight.as_str()),
            ("label", edge.kind.as_str()),
        ];
        if undirected {
            attributes.push(("type", "undirected"));
        }
        writer.write_event(Event::Start(start("edge", &attributes)))?;
        attvalues(
            &mut writer,
            &[
                ("kind", edge.kind.clone()),
                ("stance", edge.stance.clone()),
                ("evidence", serde_json::Value::Array(evidence).to_string()),
            ],
        )?;
        writer.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    writer.write_event(Event::End(BytesEnd::new("edges")))?;
    writer.write_event(Event::End(BytesEnd::new("graph")))?;
    writer.write_event(Event::End(BytesEnd::new("gexf")))?;
    writer.into_inner().flush()?;
    Ok(())
}

//! The map as GEXF 1.3 for Gephi: entities as nodes (label, kind, mentions,
//! articles, aliases), relations as directed edges (kind, stance, mutual,
//! weight = evidence sentences, the evidence as a JSON list with code-point
//! offsets). The graph is dynamic with `timeformat="date"`: each node and
//! edge spans the days of its articles, so Gephi's timeline filters it.

use super::{Graph, XmlOut, evidence_json};
use crate::api::export::ExportError;
use crate::api::export::selection::Selection;
use std::io::Write;

pub(in crate::api::export) fn write_gexf(
    selection: &mut Selection<'_>,
    out: impl Write,
) -> Result<(), ExportError> {
    let graph = Graph::read(selection)?;
    let mut xml = XmlOut::new(out);
    xml.declaration()?;
    xml.open(
        "gexf",
        &[("xmlns", "http://gexf.net/1.3"), ("version", "1.3")],
    )?;
    xml.open("meta", &[])?;
    xml.text_element("creator", &[], "Quotemap")?;
    xml.text_element(
        "description",
        &[],
        "Entities and the relations the articles state, with their evidence",
    )?;
    xml.close("meta")?;
    xml.open(
        "graph",
        &[
            ("defaultedgetype", "directed"),
            ("mode", "dynamic"),
            ("timeformat", "date"),
        ],
    )?;
    let node_attributes = [
        ("kind", "string"),
        ("mentions", "integer"),
        ("articles", "integer"),
        ("aliases", "string"),
    ];
    let edge_attributes = [
        ("kind", "string"),
        ("stance", "string"),
        ("mutual", "boolean"),
        ("evidence", "string"),
    ];
    for (class, attributes) in [("node", &node_attributes), ("edge", &edge_attributes)] {
        xml.open("attributes", &[("class", class), ("mode", "static")])?;
        for (id, kind) in attributes {
            xml.empty("attribute", &[("id", id), ("title", id), ("type", kind)])?;
        }
        xml.close("attributes")?;
    }
    let attvalues = |xml: &mut XmlOut<_>, values: &[(&str, &str)]| -> std::io::Result<()> {
        xml.open("attvalues", &[])?;
        for (key, value) in values {
            xml.empty("attvalue", &[("for", key), ("value", value)])?;
        }
        xml.close("attvalues")
    };
    // Start and end of a node or edge, when its articles are dated.
    let span = |first: &Option<String>, last: &Option<String>| {
        let mut attributes = Vec::new();
        if let (Some(first), Some(last)) = (first, last) {
            attributes.push(("start", first.clone()));
            attributes.push(("end", last.clone()));
        }
        attributes
    };
    xml.open("nodes", &[])?;
    for node in &graph.nodes {
        let id = node.id.to_string();
        let dates = span(&node.first, &node.last);
        let mut attributes = vec![("id", id.as_str()), ("label", node.name.as_str())];
        attributes.extend(dates.iter().map(|(k, v)| (*k, v.as_str())));
        xml.open("node", &attributes)?;
        let aliases = node
            .aliases
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        attvalues(
            &mut xml,
            &[
                ("kind", &node.kind),
                ("mentions", &node.mentions.to_string()),
                ("articles", &node.articles.to_string()),
                ("aliases", &aliases),
            ],
        )?;
        xml.close("node")?;
    }
    xml.close("nodes")?;
    xml.open("edges", &[])?;
    graph.each_edge(|number, edge| {
        let (id, source, target, weight) = (
            number.to_string(),
            edge.from.to_string(),
            edge.to.to_string(),
            edge.weight.to_string(),
        );
        let dates = span(&edge.first, &edge.last);
        let mut attributes = vec![
            ("id", id.as_str()),
            ("source", source.as_str()),
            ("target", target.as_str()),
            ("weight", weight.as_str()),
            ("label", edge.kind.as_str()),
        ];
        attributes.extend(dates.iter().map(|(k, v)| (*k, v.as_str())));
        xml.open("edge", &attributes)?;
        attvalues(
            &mut xml,
            &[
                ("kind", &edge.kind),
                ("stance", &edge.stance),
                ("mutual", if edge.mutual { "true" } else { "false" }),
                ("evidence", &evidence_json(edge)),
            ],
        )?;
        xml.close("edge")?;
        Ok(())
    })?;
    xml.close("edges")?;
    xml.close("graph")?;
    xml.close("gexf")?;
    xml.finish()?;
    Ok(())
}

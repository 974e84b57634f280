//! The map as GraphML: the same nodes, edges and attributes as the GEXF,
//! declared as typed keys (networkx, yEd, Cytoscape read them); one
//! directed graph, `mutual` marking the relations without direction.

use super::{Graph, XmlOut, evidence_json};
use crate::api::export::ExportError;
use crate::api::export::selection::Selection;
use std::io::Write;

/// (key id, applies to, attribute name, GraphML type).
const KEYS: [(&str, &str, &str, &str); 14] = [
    ("label", "node", "label", "string"),
    ("kind", "node", "kind", "string"),
    ("mentions", "node", "mentions", "int"),
    ("articles", "node", "articles", "int"),
    ("aliases", "node", "aliases", "string"),
    ("first", "node", "first", "string"),
    ("last", "node", "last", "string"),
    ("relation", "edge", "kind", "string"),
    ("stance", "edge", "stance", "string"),
    ("weight", "edge", "weight", "int"),
    ("mutual", "edge", "mutual", "boolean"),
    ("evidence", "edge", "evidence", "string"),
    ("edge_first", "edge", "first", "string"),
    ("edge_last", "edge", "last", "string"),
];

pub(in crate::api::export) fn write_graphml(
    selection: &mut Selection<'_>,
    out: impl Write,
) -> Result<(), ExportError> {
    let graph = Graph::read(selection)?;
    let mut xml = XmlOut::new(out);
    xml.declaration()?;
    xml.open(
        "graphml",
        &[
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns \
                 http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )?;
    for (id, domain, name, kind) in KEYS {
        xml.empty(
            "key",
            &[
                ("id", id),
                ("for", domain),
                ("attr.name", name),
                ("attr.type", kind),
            ],
        )?;
    }
    xml.open("graph", &[("id", "quotemap"), ("edgedefault", "directed")])?;
    let data = |xml: &mut XmlOut<_>, key: &str, value: &str| {
        xml.text_element("data", &[("key", key)], value)
    };
    for node in &graph.nodes {
        let id = format!("n{}", node.id);
        xml.open("node", &[("id", &id)])?;
        data(&mut xml, "label", &node.name)?;
        data(&mut xml, "kind", &node.kind)?;
        data(&mut xml, "mentions", &node.mentions.to_string())?;
        data(&mut xml, "articles", &node.articles.to_string())?;
        let aliases = node
            .aliases
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        data(&mut xml, "aliases", &aliases)?;
        if let (Some(first), Some(last)) = (&node.first, &node.last) {
            data(&mut xml, "first", first)?;
            data(&mut xml, "last", last)?;
        }
        xml.close("node")?;
    }
    graph.each_edge(|number, edge| {
        let (id, source, target) = (
            format!("e{number}"),
            format!("n{}", edge.from),
            format!("n{}", edge.to),
        );
        xml.open(
            "edge",
            &[("id", &id), ("source", &source), ("target", &target)],
        )?;
        data(&mut xml, "relation", &edge.kind)?;
        data(&mut xml, "stance", &edge.stance)?;
        data(&mut xml, "weight", &edge.weight.to_string())?;
        data(
            &mut xml,
            "mutual",
            if edge.mutual { "true" } else { "false" },
        )?;
        data(&mut xml, "evidence", &evidence_json(edge))?;
        if let (Some(first), Some(last)) = (&edge.first, &edge.last) {
            data(&mut xml, "edge_first", first)?;
            data(&mut xml, "edge_last", last)?;
        }
        xml.close("edge")?;
        Ok(())
    })?;
    xml.close("graph")?;
    xml.close("graphml")?;
    xml.finish()?;
    Ok(())
}

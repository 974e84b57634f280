//! The whole selection as JSON, as `schemas/quotemap-export.v1.schema.json`
//! describes it: the scope, the articles (text, tags, review mark,
//! quotations with the user's layer applied, annotations), then the entities
//! with their aliases and the relations with their evidence. Articles are
//! written one at a time; the output carries no clock, so the same library
//! gives the same bytes.

use super::graph::Graph;
use super::selection::{ExportQuote, Selection};
use super::*;

/// The schema's version; bumped with any change a reader would notice.
pub(super) const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonArticle<'a> {
    id: i64,
    title: &'a str,
    outlet: Option<&'a str>,
    author: Option<&'a str>,
    published_local: Option<&'a str>,
    published_utc: Option<&'a str>,
    published_zone: Option<&'a str>,
    source: Option<&'a str>,
    tags: &'a [String],
    reviewed: bool,
    text: &'a str,
    quotes: &'a [ExportQuote],
    annotations: Vec<JsonAnnotation<'a>>,
}

#[derive(Serialize)]
struct JsonAnnotation<'a> {
    id: i64,
    start: u32,
    end: u32,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    note: &'a str,
    color: &'a str,
    tags: &'a [String],
    created_at: &'a str,
    updated_at: &'a str,
    needs_anchoring: bool,
}

pub(super) fn write(selection: &mut Selection<'_>, out: impl Write) -> Result<(), ExportError> {
    let mut out = out;
    let filter = &selection.scope.filter;
    let scope = serde_json::json!({
        "speaker": filter.speaker,
        "entity": filter.entity,
        "outlet": filter.outlet,
        "kind": filter.kind,
        "from": filter.from,
        "to": filter.to,
        "tag": filter.tag,
        "reviewed": filter.reviewed,
        "article": selection.scope.article,
    });
    write!(
        out,
        "{{\"format\":\"quotemap-export\",\"version\":{SCHEMA_VERSION},\"scope\":{scope},\"articles\":["
    )?;
    let mut first = true;
    selection.for_each(|article| {
        let view = &article.view;
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        out.write_all(b"\n")?;
        let json = JsonArticle {
            id: view.id,
            title: &view.title,
            outlet: view.outlet.as_deref(),
            author: view.author.as_deref(),
            published_local: view.published_local.as_deref(),
            published_utc: view.published_utc.as_deref(),
            published_zone: view.published_zone.as_deref(),
            source: view.source_path.as_deref(),
            tags: &view.tags,
            reviewed: view.reviewed,
            text: &view.text,
            quotes: &article.quotes,
            annotations: view
                .annotations
                .iter()
                .map(|a| JsonAnnotation {
                    id: a.id,
                    start: a.start,
                    end: a.end,
                    exact: &a.exact,
                    prefix: &a.prefix,
                    suffix: &a.suffix,
                    note: &a.note,
                    color: &a.color,
                    tags: &a.tags,
                    created_at: &a.created_at,
                    updated_at: &a.updated_at,
                    needs_anchoring: a.needs_anchoring,
                })
                .collect(),
        };
        serde_json::to_writer(&mut out, &json)?;
        Ok(())
    })?;
    let graph = Graph::read(selection)?;
    out.write_all(b"\n],\"entities\":")?;
    serde_json::to_writer(&mut out, &graph.nodes)?;
    out.write_all(b",\n\"relations\":[")?;
    graph.each_edge(|number, edge| {
        if number > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        serde_json::to_writer(&mut out, edge)?;
        Ok(())
    })?;
    out.write_all(b"]")?;
    let summary = selection.summary();
    write!(
        out,
        ",\n\"counts\":{}}}\n",
        serde_json::json!({
            "articles": summary.articles,
            "quotes": summary.quotes,
            "annotations": summary.annotations,
            "entities": summary.entities,
            "relations": summary.relations,
        })
    )?;
    out.flush()?;
    Ok(())
}

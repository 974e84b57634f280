//! W3C Web Annotation (JSON-LD): one `AnnotationCollection` holding the
//! user's annotations (note as a commenting body, tags as tagging bodies)
//! and the quotations (speaker as an identifying body, kind as a
//! classifying one, review status as an assessing one), each targeting its
//! article's stored text with a `TextQuoteSelector` and a
//! `TextPositionSelector` (code points, as the model counts them).

use super::selection::Selection;
use super::*;
use serde_json::{Value, json};

/// Characters of context a quotation's selector carries on each side.
const CONTEXT_CHARS: usize = 32;

fn target(
    view: &ArticleView,
    exact: &str,
    prefix: &str,
    suffix: &str,
    start: u32,
    end: u32,
) -> Value {
    json!({
        "type": "SpecificResource",
        "source": {
            "id": format!("urn:quotemap:article:{}", view.id),
            "type": "Text",
            "format": "text/plain",
            "title": view.title,
        },
        "selector": [
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    })
}

/// Up to [`CONTEXT_CHARS`] characters before and after `[start, end)` (code points).
fn context(text: &str, start: u32, end: u32) -> (String, String) {
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (start as usize, (end as usize).min(chars.len()));
    let prefix = chars[start.saturating_sub(CONTEXT_CHARS)..start.min(chars.len())]
        .iter()
        .collect();
    let suffix = chars[end..(end + CONTEXT_CHARS).min(chars.len())]
        .iter()
        .collect();
    (prefix, suffix)
}

pub(super) fn write(selection: &mut Selection<'_>, out: impl Write) -> Result<(), ExportError> {
    let mut out = out;
    out.write_all(
        b"{\"@context\":\"http://www.w3.org/ns/anno.jsonld\",\"id\":\"urn:quotemap:export\",\
          \"type\":\"AnnotationCollection\",\"label\":\"Quotemap annotations and quotations\",\
          \"first\":{\"type\":\"AnnotationPage\",\"items\":[",
    )?;
    let mut total = 0u64;
    selection.for_each(|article| {
        let view = &article.view;
        let mut items = Vec::new();
        for a in &view.annotations {
            let mut body = Vec::new();
            if !a.note.trim().is_empty() {
                body.push(json!({"type": "TextualBody", "value": a.note, "format": "text/plain", "purpose": "commenting"}));
            }
            for tag in &a.tags {
                body.push(json!({"type": "TextualBody", "value": tag, "purpose": "tagging"}));
            }
            let motivation = if a.note.trim().is_empty() { "highlighting" } else { "commenting" };
            let mut item = json!({
                "id": format!("urn:quotemap:annotation:{}", a.id),
                "type": "Annotation",
                "motivation": motivation,
                "created": a.created_at,
                "modified": a.updated_at,
                "target": target(view, &a.exact, &a.prefix, &a.suffix, a.start, a.end),
            });
            if !body.is_empty() {
                item["body"] = Value::Array(body);
            }
            items.push(item);
        }
        // Only quotations the scope keeps (the speaker and kind filters).
        for q in &article.quotes {
            let (prefix, suffix) = context(&view.text, q.start, q.end);
            let mut body = vec![
                json!({"type": "TextualBody", "value": q.kind, "purpose": "classifying"}),
                json!({"type": "TextualBody", "value": q.status, "purpose": "assessing"}),
            ];
            if let Some(speaker) = &q.speaker {
                body.insert(0, json!({"type": "TextualBody", "value": speaker, "purpose": "identifying"}));
            }
            items.push(json!({
                "id": format!("urn:quotemap:quote:{}", q.id),
                "type": "Annotation",
                "motivation": "identifying",
                "body": body,
                "target": target(view, &q.text, &prefix, &suffix, q.start, q.end),
            }));
        }
        for item in items {
            if total > 0 {
                out.write_all(b",")?;
            }
            out.write_all(b"\n")?;
            serde_json::to_writer(&mut out, &item)?;
            total += 1;
        }
        Ok(())
    })?;
    write!(out, "\n]}},\"total\":{total}}}\n")?;
    out.flush()?;
    Ok(())
}

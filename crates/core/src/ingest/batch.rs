//! Batch files from news databases and scrapers: JSON (an array of objects, or
//! one under `articles`, `items`, `results`, `data`, `docs`), JSON Lines, and
//! CSV with a header row. Each record is one article; columns are recognised
//! by name (case-insensitive): text/body/content/article, title/headline,
//! date/published/publication_date, outlet/source/publication/site, url/link.
//! A bad record is reported with its line or row and the others go in.

use super::{ArticleParts, IngestError, Record, SourceFormat};
use serde_json::{Map, Value};

const TEXT_KEYS: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "story",
];
const TITLE_KEYS: &[&str] = &["title", "headline", "heading"];
const DATE_KEYS: &[&str] = &[
    "published",
    "date",
    "published_at",
    "publication_date",
    "pubdate",
    "datetime",
    "date_published",
];
const AUTHOR_KEYS: &[&str] = &["author", "authors", "byline", "creator", "writer"];
const OUTLET_KEYS: &[&str] = &[
    "outlet",
    "source",
    "publication",
    "publisher",
    "site",
    "site_name",
    "media",
];

/// The records of a batch file's text.
pub fn records(text: &str, format: SourceFormat) -> Result<Vec<Record>, IngestError> {
    match format {
        SourceFormat::JsonLines => Ok(text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(index, line)| Record {
                label: Some(format!("line {}", index + 1)),
                article: serde_json::from_str::<Value>(line)
                    .map_err(|error| IngestError::Batch(format!("not JSON: {error}")))
                    .and_then(|value| article_from_value(&value, format)),
            })
            .collect()),
        SourceFormat::Json => {
            let value: Value = serde_json::from_str(text)
                .map_err(|error| IngestError::Batch(format!("not valid JSON: {error}")))?;
            let items = match value {
                Value::Array(items) => items,
                Value::Object(ref object) => {
                    let list = ["articles", "items", "results", "data", "docs"]
                        .iter()
                        .find_map(|key| object.get(*key).and_then(Value::as_array).cloned());
                    // A single article object is a batch of one.
                    list.unwrap_or_else(|| vec![value.clone()])
                }
                _ => {
                    return Err(IngestError::Batch(
                        "JSON holds no article objects".to_owned(),
                    ));
                }
            };
            Ok(items
                .iter()
                .enumerate()
                .map(|(index, item)| Record {
                    label: Some(format!("item {}", index + 1)),
                    article: article_from_value(item, format),
                })
                .collect())
        }
        SourceFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(text.as_bytes());
            let headers: Vec<String> = reader
                .headers()
                .map_err(|error| IngestError::Batch(format!("no CSV header row: {error}")))?
                .iter()
                .map(|h| h.trim().to_lowercase())
                .collect();
            if !headers.iter().any(|h| TEXT_KEYS.contains(&h.as_str())) {
                return Err(IngestError::Batch(format!(
                    "no text column (one of: {}) in the header row",
                    TEXT_KEYS.join(", ")
                )));
            }
            Ok(reader
                .records()
                .enumerate()
                .map(|(index, row)| Record {
                    // Row 1 is the header.
                    label: Some(format!("row {}", index + 2)),
                    article: row
                        .map_err(|error| IngestError::Batch(format!("unreadable row: {error}")))
                        .and_then(|row| {
                            let object: Map<String, Value> = headers
                                .iter()
                                .zip(row.iter())
                                .map(|(key, value)| (key.clone(), Value::String(value.to_owned())))
                                .collect();
                            article_from_value(&Value::Object(object), format)
                        }),
                })
                .collect())
        }
        _ => Err(IngestError::Batch("not a batch format".to_owned())),
    }
}

/// The first non-empty string among the keys (compared case-insensitively).
fn field<'v>(object: &'v Map<String, Value>, keys: &[&str]) -> Option<&'v str> {
    keys.iter().find_map(|key| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .and_then(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    })
}

fn article_from_value(value: &Value, format: SourceFormat) -> Result<super::Article, IngestError> {
    let Value::Object(object) = value else {
        return Err(IngestError::Batch("not an object".to_owned()));
    };
    let text = field(object, TEXT_KEYS)
        .ok_or_else(|| IngestError::Batch(format!("no text (one of: {})", TEXT_KEYS.join(", "))))?;
    let normalised = text.replace("\r\n", "\n");
    let paragraphs: Vec<&str> = normalised.split("\n\n").collect();
    ArticleParts {
        title: field(object, TITLE_KEYS),
        paragraphs,
        published: field(object, DATE_KEYS),
        outlet: field(object, OUTLET_KEYS),
        author: field(object, AUTHOR_KEYS),
    }
    .into_article(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_json_and_csv_records() {
        let jsonl = "{\"title\": \"A\", \"text\": \"First body.\", \"date\": \"2020-01-02\"}\nnot json\n{\"headline\": \"B\"}\n";
        let found = super::records(jsonl, SourceFormat::JsonLines).unwrap();
        assert_eq!(found.len(), 3);
        let first = found[0].article.as_ref().unwrap();
        assert_eq!(first.title.as_deref(), Some("A"));
        assert_eq!(first.published.as_ref().unwrap().local, "2020-01-02");
        assert_eq!(&first.text[first.blocks[1].span.clone()], "First body.");
        assert!(
            found[1]
                .article
                .as_ref()
                .unwrap_err()
                .to_string()
                .starts_with("not JSON")
        );
        assert!(
            found[2]
                .article
                .as_ref()
                .unwrap_err()
                .to_string()
                .starts_with("no text")
        );
        assert_eq!(found[2].label.as_deref(), Some("line 3"));

        let json =
            r#"{"articles": [{"Headline": "C", "Body": "Text.\n\nMore.", "Source": "Wire"}]}"#;
        let found = super::records(json, SourceFormat::Json).unwrap();
        let article = found[0].article.as_ref().unwrap();
        assert_eq!(article.outlet.as_deref(), Some("Wire"));
        assert_eq!(article.blocks.len(), 3, "headline, lead, body");

        let csv = "title,text,outlet\nD,\"Quoted, with comma.\",Daily\nE,,Daily\n";
        let found = super::records(csv, SourceFormat::Csv).unwrap();
        assert_eq!(found.len(), 2);
        assert!(
            found[0]
                .article
                .as_ref()
                .unwrap()
                .text
                .contains("Quoted, with comma.")
        );
        assert_eq!(found[1].label.as_deref(), Some("row 3"));
        assert!(found[1].article.is_err());
        assert!(
            super::records("a,b\n1,2\n", SourceFormat::Csv)
                .unwrap_err()
                .to_string()
                .contains("no text column")
        );
        assert!(super::records("{", SourceFormat::Json).is_err());
    }
}

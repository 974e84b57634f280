//! The JSON Lines commands: `quotemap extract` (quotations) and
//! `quotemap parse-html` (main text and metadata of web pages). One line out
//! per line in, streamed, so memory does not grow with the number of
//! documents. A line that is not a JSON object with the needed string field
//! gets an output line with an `error` field and the run goes on.

use anyhow::{Context, Result};
use quotemap_core::api;
use serde_json::{Map, Value, json};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// `quotemap extract`: `{"id", "text"}` → `{"id", "quotes": [...]}`.
pub fn extract(file: Option<&Path>, include_nested: bool) -> Result<ExitCode> {
    map_lines(file, "text", |object, text| {
        let _ = object;
        json!({ "quotes": api::extract_quotes(text, include_nested) })
    })
}

/// `quotemap parse-html`: `{"id", "html", "url"?}` → `{"id", "text", "title", "author", "published", "site_name"}`.
pub fn parse_html(file: Option<&Path>) -> Result<ExitCode> {
    map_lines(file, "html", |object, page| {
        let url = object.get("url").and_then(Value::as_str);
        json!(api::parse_html(page, url))
    })
}

/// Reads JSON Lines, calls `make` on each object's string field `field`, and
/// writes `{"id", …fields of the result}` per line.
fn map_lines(
    file: Option<&Path>,
    field: &str,
    make: impl Fn(&Map<String, Value>, &str) -> Value,
) -> Result<ExitCode> {
    let input: Box<dyn BufRead> = match file {
        Some(path) => Box::new(BufReader::new(
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?,
        )),
        None => Box::new(BufReader::new(std::io::stdin().lock())),
    };
    let stdout = std::io::stdout();
    let mut output = BufWriter::new(stdout.lock());
    let mut n_errors = 0usize;
    for (number, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read line {}", number + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let mut record = Map::new();
        match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(object)) => {
                record.insert(
                    "id".into(),
                    object.get("id").cloned().unwrap_or(Value::Null),
                );
                match object.get(field).and_then(Value::as_str) {
                    Some(value) => {
                        if let Value::Object(fields) = make(&object, value) {
                            record.extend(fields);
                        }
                    }
                    None => {
                        n_errors += 1;
                        record.insert(
                            "error".into(),
                            json!(format!("no string field \"{field}\"")),
                        );
                    }
                }
            }
            Ok(_) | Err(_) => {
                n_errors += 1;
                record.insert("id".into(), Value::Null);
                record.insert(
                    "error".into(),
                    json!(format!("line {} is not a JSON object", number + 1)),
                );
            }
        }
        serde_json::to_writer(&mut output, &record)?;
        output.write_all(b"\n")?;
    }
    output.flush()?;
    if n_errors > 0 {
        eprintln!("quotemap: {n_errors} line(s) could not be read");
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

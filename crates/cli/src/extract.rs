//! The JSON Lines commands: `quotemap extract` (quotations), `quotemap analyze`
//! (quotations, speakers, entities, relations) and `quotemap parse-html` (main
//! text and metadata of web pages). One line out per line in, streamed, so
//! memory does not grow with the number of documents. A line that is not a JSON object with the needed string field
//! gets an output line with an `error` field and the run goes on.

use anyhow::{Context, Result};
use quotemap_core::api;
use serde::Serialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// `quotemap extract`: `{"id", "text"}` → `{"id", "quotes": [...]}`.
pub fn extract(file: Option<&Path>, include_nested: bool) -> Result<ExitCode> {
    #[derive(Serialize)]
    struct Quotes {
        quotes: Vec<api::ExtractedQuote>,
    }
    map_lines(file, "text", |_, text| {
        Ok(Quotes {
            quotes: api::extract_quotes(text, include_nested),
        })
    })
}

/// `quotemap analyze`: `{"id", "text", "published"?}` → `{"id", "quotes", "speakers",
/// "entities", "relations"}`, or `{"id", "error"}` for a `published` that is no date.
pub fn analyze(file: Option<&Path>) -> Result<ExitCode> {
    map_lines(file, "text", |object, text| {
        let published = match object.get("published") {
            None => None,
            Some(raw) if raw.get() == "null" => None,
            Some(raw) => {
                Some(string(raw).ok_or_else(|| "published: expected a string or null".to_owned())?)
            }
        };
        api::analyze_text(text, published.as_deref())
    })
}

/// `quotemap parse-html`: `{"id", "html", "url"?}` → `{"id", "text", "title", "author", "published", "site_name"}`,
/// or `{"id", "error"}` for a page that is not read (nested too deep).
pub fn parse_html(file: Option<&Path>) -> Result<ExitCode> {
    map_lines(file, "html", |object, page| {
        let url = object.get("url").and_then(|raw| string(raw));
        api::parse_html(page, url.as_deref())
    })
}

/// One input line: its fields, each value still JSON text (the article text is
/// decoded once, straight from the line, when it has no escapes).
type Fields<'l> = BTreeMap<Cow<'l, str>, &'l RawValue>;

/// A JSON string field's value (`None` for any other JSON value).
fn string(raw: &RawValue) -> Option<Cow<'_, str>> {
    /// Borrowed from the line unless the string has escapes.
    #[derive(serde::Deserialize)]
    struct JsonString<'l>(#[serde(borrow)] Cow<'l, str>);
    serde_json::from_str::<JsonString>(raw.get())
        .ok()
        .map(|string| string.0)
}

/// An output line: the input's `id` as written, then the result's fields.
#[derive(Serialize)]
struct Record<'l, T: Serialize> {
    id: &'l RawValue,
    #[serde(flatten)]
    result: T,
}

#[derive(Serialize)]
struct Failure {
    error: String,
}

/// Reads JSON Lines, calls `make` on each object's string field `field`, and
/// writes `{"id", …fields of the result}` per line (`{"id", "error"}` when `make`
/// gives a reason instead).
fn map_lines<T: Serialize>(
    file: Option<&Path>,
    field: &str,
    make: impl Fn(&Fields, &str) -> Result<T, String>,
) -> Result<ExitCode> {
    let input: Box<dyn BufRead> = match file {
        Some(path) => Box::new(BufReader::new(
            std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?,
        )),
        None => Box::new(BufReader::new(std::io::stdin().lock())),
    };
    let stdout = std::io::stdout();
    let mut output = BufWriter::new(stdout.lock());
    let null: Box<RawValue> = RawValue::from_string("null".to_owned())?;
    let mut n_errors = 0usize;
    for (number, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read line {}", number + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Fields>(&line) {
            Ok(object) => {
                let id = object.get("id").copied().unwrap_or(&null);
                match object.get(field).and_then(|raw| string(raw)) {
                    Some(value) => {
                        // A document the engine fails on is reported on its own line
                        // and the stream goes on (the panic's message is on stderr too).
                        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            make(&object, &value)
                        }));
                        match made {
                            Ok(Ok(result)) => {
                                serde_json::to_writer(&mut output, &Record { id, result })?
                            }
                            Ok(Err(reason)) => {
                                n_errors += 1;
                                let error = format!("line {}: {reason}", number + 1);
                                let result = Failure { error };
                                serde_json::to_writer(&mut output, &Record { id, result })?;
                            }
                            Err(payload) => {
                                n_errors += 1;
                                let error = format!(
                                    "line {}: the engine failed on this document ({})",
                                    number + 1,
                                    panic_message(payload.as_ref())
                                );
                                let result = Failure { error };
                                serde_json::to_writer(&mut output, &Record { id, result })?;
                            }
                        }
                    }
                    None => {
                        n_errors += 1;
                        let error = format!("no string field \"{field}\"");
                        let result = Failure { error };
                        serde_json::to_writer(&mut output, &Record { id, result })?;
                    }
                }
            }
            Err(_) => {
                n_errors += 1;
                let error = format!("line {} is not a JSON object", number + 1);
                let result = Failure { error };
                serde_json::to_writer(&mut output, &Record { id: &null, result })?;
            }
        }
        output.write_all(b"\n")?;
    }
    output.flush()?;
    if n_errors > 0 {
        eprintln!("quotemap: {n_errors} line(s) could not be read or analysed");
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

/// The text a panic was raised with.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("an internal error")
}

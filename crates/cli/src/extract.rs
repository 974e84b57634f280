//! `quotemap extract`: JSON Lines in, JSON Lines out, one line per line,
//! streamed so that memory does not grow with the number of documents.
//! A line that is not a JSON object with a string `text` gets an output line
//! with an `error` field and the run goes on.

use anyhow::{Context, Result};
use quotemap_core::api;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// Runs the extraction over a file or standard input.
pub fn run(file: Option<&Path>, include_nested: bool) -> Result<ExitCode> {
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
        let record = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(object)) => match object.get("text").and_then(Value::as_str) {
                Some(text) => {
                    let quotes = api::extract_quotes(text, include_nested);
                    json!({ "id": object.get("id").cloned().unwrap_or(Value::Null), "quotes": quotes })
                }
                None => {
                    n_errors += 1;
                    json!({ "id": object.get("id").cloned().unwrap_or(Value::Null), "quotes": [], "error": "no string field \"text\"" })
                }
            },
            Ok(_) | Err(_) => {
                n_errors += 1;
                json!({ "id": Value::Null, "quotes": [], "error": format!("line {} is not a JSON object", number + 1) })
            }
        };
        serde_json::to_writer(&mut output, &record)?;
        output.write_all(b"\n")?;
    }
    output.flush()?;
    if n_errors > 0 {
        eprintln!("quotemap extract: {n_errors} line(s) could not be read");
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

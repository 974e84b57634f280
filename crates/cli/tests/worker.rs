//! The sandboxed reader workers of the real binary: every fixture reads the
//! same in a worker as in this process, the worker answers file after file,
//! its memory and processor time are capped, and a reader that tries to reach
//! out (a file, the network, a process) is stopped.
#![cfg(target_os = "linux")]

mod common;

use common::{quotemap, stdout};
use quotemap_core::api;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};

fn fixtures() -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "../../tests/fixtures/ingest"]
        .iter()
        .collect()
}

/// One request of the worker protocol.
fn request(format: &str, bytes: &[u8]) -> Vec<u8> {
    let mut frame = vec![format.len() as u8];
    frame.extend_from_slice(format.as_bytes());
    frame.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    frame.extend_from_slice(bytes);
    frame
}

/// Runs `quotemap --extract-worker ARGS` on `input`; its answers (JSON) and exit.
fn worker(args: &[&str], input: Vec<u8>) -> (Vec<serde_json::Value>, ExitStatus) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotemap"))
        .arg("--extract-worker")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut output = Vec::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut output)
        .unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap();
    let mut answers = Vec::new();
    let mut rest = output.as_slice();
    while rest.len() >= 8 {
        let length = u64::from_le_bytes(rest[..8].try_into().unwrap()) as usize;
        answers.push(serde_json::from_slice(&rest[8..8 + length]).unwrap());
        rest = &rest[8 + length..];
    }
    (answers, status)
}

#[test]
fn every_fixture_reads_the_same_in_the_sandboxed_worker_as_in_process() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let output = quotemap(
        &library,
        &["import", "--json", fixtures().to_str().unwrap()],
    );
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let report_line = |file: &str| {
        lines
            .iter()
            .find(|line| line["file"].as_str().is_some_and(|f| f.ends_with(file)))
    };
    let mut compared = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let bytes = std::fs::read(&path).unwrap();
        let records = match api::read_document(&name, &bytes) {
            Ok(records) => records,
            // A failure of the whole file: the worker's import names the same reason
            // (files of other formats, the `.expected` dumps, are not in its report).
            Err(reason) => {
                if let Some(said) = report_line(&name) {
                    let why = said["reason"].as_str().unwrap();
                    assert!(reason.ends_with(why), "{name}: {reason} vs {why}");
                    compared += 1;
                }
                continue;
            }
        };
        for record in records {
            let shown = match &record.label {
                Some(label) => format!("{name} ({label})"),
                None => name.clone(),
            };
            let said =
                report_line(&shown).unwrap_or_else(|| panic!("{shown} not in the import's report"));
            match (record.article, record.error) {
                (Some(article), _) => {
                    let id = said["article"].as_i64().unwrap_or_else(|| {
                        // The sample article is a fixture too: already present.
                        said["existing_article"].as_i64().unwrap()
                    });
                    let stored: serde_json::Value = serde_json::from_str(&stdout(&quotemap(
                        &library,
                        &["show", &id.to_string(), "--json"],
                    )))
                    .unwrap();
                    assert_eq!(
                        stored["text"].as_str(),
                        Some(article.text.as_str()),
                        "{shown}"
                    );
                    assert_eq!(
                        stored["outlet"].as_str(),
                        article.outlet.as_deref(),
                        "{shown}"
                    );
                    assert_eq!(
                        stored["author"].as_str(),
                        article.author.as_deref(),
                        "{shown}"
                    );
                    assert_eq!(
                        stored["published_local"].as_str(),
                        article.published.as_deref(),
                        "{shown}"
                    );
                    if let Some(title) = &article.title {
                        assert_eq!(stored["title"].as_str(), Some(title.as_str()), "{shown}");
                    }
                    // The worker's analysis is the engine's: as many quotations, with
                    // the same code-point spans, as the analysis in this process.
                    let here = api::analyze_text(&article.text, None).unwrap();
                    let spans = |quotes: &[serde_json::Value]| -> Vec<(i64, i64)> {
                        quotes
                            .iter()
                            .map(|q| (q["start"].as_i64().unwrap(), q["end"].as_i64().unwrap()))
                            .collect()
                    };
                    let expected: Vec<(i64, i64)> = here
                        .quotes
                        .iter()
                        .map(|q| (q.quote.start as i64, q.quote.end as i64))
                        .collect();
                    assert_eq!(
                        spans(stored["quotes"].as_array().unwrap()),
                        expected,
                        "{shown}"
                    );
                }
                (None, Some(error)) => {
                    assert_eq!(said["reason"].as_str(), Some(error.as_str()), "{shown}");
                }
                (None, None) => unreachable!(),
            }
            compared += 1;
        }
    }
    // Every format, good and bad files and records (25 today).
    assert!(compared >= 25, "only {compared} compared");
}

#[test]
fn one_worker_reads_file_after_file_until_its_input_ends() {
    let page = std::fs::read(fixtures().join("saved-page.html")).unwrap();
    let pdf = std::fs::read(fixtures().join("harbour-strike.pdf")).unwrap();
    let batch = std::fs::read(fixtures().join("news-export.jsonl")).unwrap();
    let mut input = request("html", &page);
    input.extend(request("pdf", &pdf));
    input.extend(request("jsonl", &batch));
    input.extend(request("pdf", b"%PDF-1.4 cut short"));
    let (answers, status) = worker(&["1073741824", "30", "2"], input);
    assert!(status.success(), "{status:?}");
    assert_eq!(answers.len(), 4);
    let title = |answer: &serde_json::Value, record: usize| {
        answer["Records"][record]["article"]["Ok"][0]["title"].clone()
    };
    assert_eq!(title(&answers[0], 0), "Ceasefire talks resume in Geneva");
    assert_eq!(title(&answers[1], 0), "Harbour strike ends after talks");
    // With its analysis: the union leader's quotation in the PDF.
    let quotes = answers[1]["Records"][0]["article"]["Ok"][1]["quotes"]
        .as_array()
        .unwrap();
    assert!(!quotes.is_empty());
    assert_eq!(answers[2]["Records"].as_array().unwrap().len(), 4);
    assert_eq!(title(&answers[2], 1), "Rail strike called off");
    // A damaged article file is its one record's failure; the worker goes on.
    let why = answers[3]["Records"][0]["article"]["Err"].as_str().unwrap();
    assert!(why.contains("PDF"), "{why}");
}

#[test]
fn the_worker_dies_cleanly_when_its_memory_cap_is_hit() {
    // One megabyte of address space cannot hold a PDF reader: the worker must
    // fail (and be reported as a crash by the importer), not hang.
    let pdf = std::fs::read(fixtures().join("harbour-strike.pdf")).unwrap();
    let (answers, status) = worker(&["1048576", "30", "2"], request("pdf", &pdf));
    assert!(!status.success(), "{status:?}");
    assert!(answers.is_empty());
}

#[test]
fn the_worker_is_stopped_when_a_file_uses_up_its_processor_time() {
    use std::os::unix::process::ExitStatusExt;
    // Twenty megabytes of one paragraph take this reader more than a second.
    let mut page = b"<html><body><p>".to_vec();
    page.extend(std::iter::repeat_n(b"word ".as_slice(), 4_000_000).flatten());
    page.extend_from_slice(b"</p></body></html>");
    // One second for the file, nothing more per MiB.
    let (answers, status) = worker(&["1073741824", "1", "0"], request("html", &page));
    assert!(answers.is_empty());
    assert_eq!(status.signal(), Some(24), "SIGXCPU expected: {status:?}");
}

#[test]
fn the_sandbox_stops_a_reader_that_reaches_out() {
    // The same attempts succeed outside the sandbox (this test's own process).
    assert!(std::fs::read("/etc/passwd").is_ok());
    let output = Command::new(env!("CARGO_BIN_EXE_quotemap"))
        .args(["--extract-worker", "--sandbox-check"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["sandbox"]["seccomp"], true, "{report}");
    let attempts = report["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 7, "{report}");
    for attempt in attempts {
        let outcome = attempt["outcome"].as_str().unwrap();
        assert!(outcome.starts_with("stopped: "), "{attempt}");
    }
    // Landlock's state is reported whatever the kernel gives.
    assert!(report["sandbox"]["landlock"].is_string(), "{report}");
}

//! The worker processes that read files: a reader that hangs, crashes, lies
//! or answers nonsense costs one file and says why. Real processes: small
//! shell scripts stand in for a parser gone wrong (the real worker, with its
//! sandbox, is tested through the CLI binary in `crates/cli/tests/worker.rs`).
#![cfg(unix)]

use crate::ingest::worker::{AnalysedRecord, MAX_ANSWER_BYTES, WorkerConfig, WorkerPool};
use crate::ingest::{IngestError, SourceFormat};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// An answer frame (length, then JSON) as a `printf` format: octal escapes.
fn printf_frame(json: &str) -> String {
    let mut frame = (json.len() as u64).to_le_bytes().to_vec();
    frame.extend_from_slice(json.as_bytes());
    frame.iter().map(|b| format!("\\{b:03o}")).collect()
}

/// Every stand-in script, written once before any test starts a process: a
/// file still open for writing when another thread forks cannot be executed
/// ("Text file busy"). Each reads the first byte of its request, then misbehaves.
fn script(name: &str) -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("quotemap-worker-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // An answer frame for one article, `block` its block's span, `quote` its one quotation's.
        let answer = |block: &str, quote: &str| {
            format!(
                r#"{{"Records":[{{"label":null,"article":{{"Ok":[{{"text":"short","format":"pdf","title":null,"outlet":null,"author":null,"published":null,"blocks":[{{"kind":"body","span":{block}}}],"encoding":"UTF-8","had_decoding_errors":false}},{{"quotes":[{{"span":{quote},"kind":"Direct","cue":null,"speaker_mention":null,"speaker":null,"confidence":0.5,"group":0,"nested":false,"rule":"made-up"}}],"speakers":[],"diagnostics":[],"entities":{{"entities":[],"mentions":[],"relations":[],"quote_dates":[]}}}}]}}}}]}}"#
            )
        };
        let honest = answer(r#"{"start":0,"end":5}"#, r#"{"start":1,"end":4}"#);
        let lie = answer(r#"{"start":0,"end":99}"#, r#"{"start":1,"end":4}"#);
        let analysis_lie = answer(r#"{"start":0,"end":5}"#, r#"{"start":1,"end":40}"#);
        let huge = (MAX_ANSWER_BYTES + 1).to_le_bytes();
        let huge: String = huge.iter().map(|b| format!("\\{b:03o}")).collect();
        for (name, body) in [
            ("hang.sh", "cat > /dev/null".to_owned()),
            ("crash.sh", "head -c 1 > /dev/null; kill -SEGV $$".to_owned()),
            ("fails.sh", "head -c 1 > /dev/null; exit 3".to_owned()),
            ("babbles.sh", "head -c 1 > /dev/null; echo hello".to_owned()),
            ("deaf.sh", "exit 0".to_owned()),
            (
                "honest.sh",
                format!("head -c 1 > /dev/null; printf '{}'; cat > /dev/null", printf_frame(&honest)),
            ),
            (
                "liar.sh",
                format!("head -c 1 > /dev/null; printf '{}'; cat > /dev/null", printf_frame(&lie)),
            ),
            (
                "analysis-liar.sh",
                format!(
                    "head -c 1 > /dev/null; printf '{}'; cat > /dev/null",
                    printf_frame(&analysis_lie)
                ),
            ),
            (
                "hasty.sh",
                format!("head -c 1 > /dev/null; printf '{}'; sleep 30", printf_frame(&honest)),
            ),
            (
                "boaster.sh",
                format!("head -c 1 > /dev/null; printf '{huge}'; cat > /dev/null"),
            ),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        dir
    });
    dir.join(name)
}

fn pool(program: PathBuf, time_limit: Duration) -> WorkerPool {
    WorkerPool::new(WorkerConfig {
        program,
        time_limit,
        time_per_mib: Duration::ZERO,
        memory_limit: 1 << 30,
    })
}

fn reason(result: Result<Vec<AnalysedRecord>, IngestError>) -> String {
    match result {
        Err(IngestError::Worker(reason)) => reason,
        other => panic!("expected a worker failure, got {other:?}"),
    }
}

#[test]
fn a_reader_that_hangs_is_stopped_at_the_time_limit() {
    let started = Instant::now();
    let why = reason(
        pool(script("hang.sh"), Duration::from_millis(300)).read(b"%PDF-1.4", SourceFormat::Pdf),
    );
    assert!(why.contains("took longer than"), "{why}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_reader_that_crashes_is_reported_as_a_crash() {
    let why = reason(
        pool(script("crash.sh"), Duration::from_secs(10)).read(b"%PDF-1.4", SourceFormat::Pdf),
    );
    assert!(why.contains("crashed"), "{why}");
}

#[test]
fn a_reader_that_fails_or_answers_nonsense_is_named() {
    let why =
        reason(pool(script("fails.sh"), Duration::from_secs(10)).read(b"x", SourceFormat::Docx));
    assert!(why.contains("exit code 3"), "{why}");
    let why =
        reason(pool(script("babbles.sh"), Duration::from_secs(10)).read(b"x", SourceFormat::Html));
    assert_eq!(why, "the reader gave no answer");
}

#[test]
fn a_reader_that_never_reads_its_input_does_not_block_the_import() {
    // 8 MB does not fit in a pipe: the writer must not hold the parent up.
    let big = vec![b'a'; 8 << 20];
    let why =
        reason(pool(script("deaf.sh"), Duration::from_secs(10)).read(&big, SourceFormat::Pdf));
    assert_eq!(why, "the reader gave no answer");
}

#[test]
fn an_answer_whose_spans_leave_the_text_is_refused() {
    // The same answer with its spans inside the text is taken as it is.
    let records = pool(script("honest.sh"), Duration::from_secs(10))
        .read(b"x", SourceFormat::Pdf)
        .unwrap();
    let (article, analysis) = records[0].article.as_ref().unwrap();
    assert_eq!(article.text, "short");
    assert_eq!(analysis.quotes[0].rule, "made-up");
    // A taken-over reader must not make the app slice outside an article's text.
    for liar in ["liar.sh", "analysis-liar.sh"] {
        let why = reason(pool(script(liar), Duration::from_secs(10)).read(b"x", SourceFormat::Pdf));
        assert_eq!(
            why, "the reader's answer put a span outside the text",
            "{liar}"
        );
    }
}

#[test]
fn an_answer_before_the_file_was_read_is_refused() {
    // 8 MB: the worker answers while most of the request is still unread.
    let big = vec![b'a'; 8 << 20];
    let started = Instant::now();
    let why =
        reason(pool(script("hasty.sh"), Duration::from_secs(10)).read(&big, SourceFormat::Pdf));
    assert_eq!(why, "the reader answered before reading the file");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn an_answer_over_the_size_bound_is_not_read() {
    let why =
        reason(pool(script("boaster.sh"), Duration::from_secs(10)).read(b"x", SourceFormat::Csv));
    assert_eq!(why, "the reader's answer was longer than 512 MiB");
}

#[test]
fn a_missing_program_is_a_clear_failure() {
    let why = reason(
        pool(
            PathBuf::from("/nonexistent/quotemap"),
            Duration::from_secs(1),
        )
        .read(b"x", SourceFormat::Pdf),
    );
    assert!(why.starts_with("the reader could not be started"), "{why}");
}

//! The worker process that reads PDF, DOCX and e-mail: a reader that hangs,
//! crashes or answers nonsense costs one file and says why. Real processes:
//! small shell scripts stand in for a parser gone wrong.
#![cfg(unix)]

use crate::ingest::worker::{WorkerConfig, parts_in_worker};
use crate::ingest::{IngestError, SourceFormat};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Every stand-in script, written once before any test starts a process: a
/// file still open for writing when another thread forks cannot be executed
/// ("Text file busy").
fn script(name: &str) -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("quotemap-worker-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, body) in [
            ("hang.sh", "cat > /dev/null; sleep 30"),
            ("crash.sh", "cat > /dev/null; kill -SEGV $$"),
            ("fails.sh", "cat > /dev/null; exit 3"),
            ("babbles.sh", "cat > /dev/null; echo hello"),
            ("deaf.sh", "exit 0"),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        dir
    });
    dir.join(name)
}

fn config(program: PathBuf, time_limit: Duration) -> WorkerConfig {
    WorkerConfig {
        program,
        time_limit,
        memory_limit: 1 << 30,
    }
}

fn reason(result: Result<crate::ingest::OwnedParts, IngestError>) -> String {
    match result {
        Err(IngestError::Worker(reason)) => reason,
        other => panic!("expected a worker failure, got {other:?}"),
    }
}

#[test]
fn a_reader_that_hangs_is_stopped_at_the_time_limit() {
    let hang = script("hang.sh");
    let started = Instant::now();
    let why = reason(parts_in_worker(
        &config(hang, Duration::from_millis(300)),
        b"%PDF-1.4",
        SourceFormat::Pdf,
    ));
    assert!(why.contains("took longer than"), "{why}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_reader_that_crashes_is_reported_as_a_crash() {
    let crash = script("crash.sh");
    let why = reason(parts_in_worker(
        &config(crash, Duration::from_secs(10)),
        b"%PDF-1.4",
        SourceFormat::Pdf,
    ));
    assert!(why.contains("crashed"), "{why}");
}

#[test]
fn a_reader_that_fails_or_answers_nonsense_is_named() {
    let fails = script("fails.sh");
    let why = reason(parts_in_worker(
        &config(fails, Duration::from_secs(10)),
        b"x",
        SourceFormat::Docx,
    ));
    assert!(why.contains("exit code 3"), "{why}");
    let babbles = script("babbles.sh");
    let why = reason(parts_in_worker(
        &config(babbles, Duration::from_secs(10)),
        b"x",
        SourceFormat::Eml,
    ));
    assert_eq!(why, "the reader gave no answer");
}

#[test]
fn a_reader_that_never_reads_its_input_does_not_block_the_import() {
    // 8 MB does not fit in a pipe: the writer must not hold the parent up.
    let deaf = script("deaf.sh");
    let big = vec![b'a'; 8 << 20];
    let why = reason(parts_in_worker(
        &config(deaf, Duration::from_secs(10)),
        &big,
        SourceFormat::Pdf,
    ));
    assert_eq!(why, "the reader gave no answer");
}

#[test]
fn a_missing_program_is_a_clear_failure() {
    let why = reason(parts_in_worker(
        &config(
            PathBuf::from("/nonexistent/quotemap"),
            Duration::from_secs(1),
        ),
        b"x",
        SourceFormat::Pdf,
    ));
    assert!(why.starts_with("the reader could not be started"), "{why}");
}

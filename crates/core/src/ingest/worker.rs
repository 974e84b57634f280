//! Reading hostile binary formats (PDF, DOCX, e-mail) in a child process of
//! our own binary, so that a parser that panics, loops, overflows its stack
//! or eats memory costs one file, never the app. The parent writes the
//! file's bytes to the child's stdin and reads the parts of the article as
//! JSON from its stdout; the child caps its own address space; the parent
//! kills it when the time limit passes.
//!
//! Any binary that imports with a worker must call [`run_worker`] when it is
//! started with [`WORKER_FLAG`] (the CLI and the desktop app do, first thing).

use super::{IngestError, OwnedParts, SourceFormat};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The first argument that turns our binary into a worker.
pub const WORKER_FLAG: &str = "--extract-worker";

/// How to run the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerConfig {
    /// The executable to start with [`WORKER_FLAG`] (our own binary).
    pub program: PathBuf,
    /// Wall-clock limit per file.
    pub time_limit: Duration,
    /// Address-space limit of the worker, in bytes.
    pub memory_limit: u64,
}

impl WorkerConfig {
    /// The running executable as the worker, with the default limits (30 s, 1 GiB).
    pub fn this_program() -> Option<WorkerConfig> {
        Some(WorkerConfig {
            program: std::env::current_exe().ok()?,
            time_limit: Duration::from_secs(30),
            memory_limit: 1 << 30,
        })
    }
}

/// What the worker answers.
#[derive(serde::Serialize, serde::Deserialize)]
enum Answer {
    Parts(OwnedParts),
    Failed(String),
}

/// Reads the article parts of a file in a worker process.
pub fn parts_in_worker(
    config: &WorkerConfig,
    bytes: &[u8],
    format: SourceFormat,
) -> Result<OwnedParts, IngestError> {
    let failed = |reason: String| IngestError::Worker(reason);
    let mut child = Command::new(&config.program)
        .arg(WORKER_FLAG)
        .arg(format.as_str())
        .arg(config.memory_limit.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed(format!("the reader could not be started: {e}")))?;
    // Feed and drain on threads: a child that stops reading must not block us.
    let mut stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            // A child that died early closes the pipe; its exit status says why.
            let _ = stdin.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut output = Vec::new();
        if let Some(stdout) = stdout.as_mut() {
            let _ = stdout.read_to_end(&mut output);
        }
        output
    });
    let deadline = Instant::now() + config.time_limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                // The pipe threads end when the pipes close; a grandchild of a
                // foreign program could hold them open, so they are not waited for.
                drop((writer, reader));
                return Err(failed(format!(
                    "reading took longer than {} s; stopped",
                    config.time_limit.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(failed(format!("the reader was lost: {e}"))),
        }
    };
    let _ = writer.join();
    let output = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(failed(match status.code() {
            Some(code) => format!("the reader failed (exit code {code}); the file may be damaged"),
            None => {
                "the reader crashed (out of memory or a fault); the file may be damaged or hostile"
                    .to_owned()
            }
        }));
    }
    match serde_json::from_slice::<Answer>(&output) {
        Ok(Answer::Parts(parts)) => Ok(parts),
        Ok(Answer::Failed(reason)) => Err(failed(reason)),
        Err(_) => Err(failed("the reader gave no answer".to_owned())),
    }
}

/// The worker's side: `ARGS` are the format name and the memory limit; the
/// file comes on `input`, the answer goes to `output`. Returns the exit code.
pub fn run_worker(args: &[String], mut input: impl Read, mut output: impl Write) -> i32 {
    let (Some(format), Some(limit)) = (args.first(), args.get(1)) else {
        return 2;
    };
    let Some(format) = SourceFormat::from_name(format) else {
        return 2;
    };
    #[cfg(unix)]
    if let Ok(limit) = limit.parse::<u64>() {
        // Over the cap an allocation fails and the process aborts: the parent sees a crash.
        let _ = rlimit::setrlimit(rlimit::Resource::AS, limit, limit);
    }
    #[cfg(not(unix))]
    let _ = limit;
    let mut bytes = Vec::new();
    if input.read_to_end(&mut bytes).is_err() {
        return 2;
    }
    let answer = match std::panic::catch_unwind(|| super::parts_in_process(&bytes, format)) {
        Ok(Ok(parts)) => Answer::Parts(parts),
        Ok(Err(error)) => Answer::Failed(error.to_string()),
        Err(_) => Answer::Failed("the reader failed on this file; it may be damaged".to_owned()),
    };
    match serde_json::to_writer(&mut output, &answer) {
        Ok(()) => 0,
        Err(_) => 2,
    }
}

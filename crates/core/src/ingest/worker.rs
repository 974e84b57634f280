//! Reading files in worker processes of our own binary, so that a parser that
//! panics, loops, overflows its stack, eats memory or is taken over by a
//! hostile file costs that file, never the app or the user's data.
//!
//! Every format goes through a worker when the caller has one (the app and
//! the CLI). A worker enters its sandbox (see [`super::sandbox`]) before it
//! reads anything, then reads requests from stdin and answers on stdout until
//! stdin closes, so an import pays for starting a process once per thread,
//! not per file. The parent bounds each file by wall-clock time (it kills the
//! worker and starts another for the next file) and bounds the answer's size;
//! the worker bounds its own processor time per file and its memory.
//!
//! Protocol: `PROGRAM --extract-worker MEMORY_LIMIT SECONDS SECONDS_PER_MIB`. A request is
//! the format's name as one length byte and its bytes, then the file's length
//! as a little-endian u64 and its bytes; an answer is a little-endian u64
//! length and that much JSON ([`Answer`]). Any other outcome fails the file.
//!
//! Any binary that imports with a worker must call [`run_worker`] when it is
//! started with [`WORKER_FLAG`] (the CLI and the desktop app do, first thing).

use super::{Article, ArticleFromWorker, IngestError, SourceFormat};
use crate::analyze::Analysis;
use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, mpsc};
use std::time::Duration;

/// The first argument that turns our binary into a worker.
pub const WORKER_FLAG: &str = "--extract-worker";

/// The argument after [`WORKER_FLAG`] that runs the sandbox's self-check.
pub const SANDBOX_CHECK_FLAG: &str = "--sandbox-check";

/// The largest answer the parent reads (a 50 MB batch file's articles fit
/// several times over); a longer one fails the file.
pub const MAX_ANSWER_BYTES: u64 = 512 << 20;

/// A worker's address space by default (1 GiB).
pub const DEFAULT_MEMORY_LIMIT: u64 = 1 << 30;

/// The time a file may take, in wall-clock time (the parent) and in processor
/// time (the worker): the base limit, and more per MiB, since a batch file of
/// many articles is analysed whole in one request.
pub fn time_budget(base: Duration, per_mib: Duration, bytes: usize) -> Duration {
    base + per_mib * u32::try_from(bytes >> 20).unwrap_or(u32::MAX)
}

/// How to run the workers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerConfig {
    /// The executable to start with [`WORKER_FLAG`] (our own binary).
    pub program: PathBuf,
    /// Wall-clock limit per file, and the worker's processor time per file
    /// (both longer for large files, see [`time_budget`]).
    pub time_limit: Duration,
    /// What each MiB of a file adds to its time limit.
    pub time_per_mib: Duration,
    /// Address-space limit of the worker, in bytes.
    pub memory_limit: u64,
}

impl WorkerConfig {
    /// The running executable as the worker, with the default limits (30 s and
    /// 2 s per MiB, 1 GiB).
    pub fn this_program() -> Option<WorkerConfig> {
        Some(WorkerConfig {
            program: std::env::current_exe().ok()?,
            time_limit: Duration::from_secs(30),
            time_per_mib: Duration::from_secs(2),
            memory_limit: DEFAULT_MEMORY_LIMIT,
        })
    }
}

/// One article of a file read and analysed by a worker (a batch file has
/// several), or why that record is not one.
#[derive(Debug)]
pub struct AnalysedRecord {
    /// "line 3", "row 5", "item 2" for batch files; `None` for a single-article file.
    pub label: Option<String>,
    /// The article and its analysis, or why this record is not one.
    pub article: Result<(Article, Analysis), IngestError>,
}

/// What the worker answers for one file.
#[derive(serde::Serialize)]
enum Answer {
    /// The file's articles with their analyses (one for an article file, one
    /// per record for a batch file).
    Records(Vec<WireRecord<Article>>),
    /// Why the file as a whole could not be read.
    Failed(String),
}

/// [`Answer`] as the parent reads it.
#[derive(serde::Deserialize)]
enum AnswerRead {
    Records(Vec<WireRecord<ArticleFromWorker>>),
    Failed(String),
}

#[derive(serde::Serialize, serde::Deserialize)]
struct WireRecord<A> {
    label: Option<String>,
    article: Result<(A, Analysis), String>,
}

/// Worker processes for one import: each thread takes an idle one (or starts
/// one), and gives it back when the file went well. Dropping the pool ends them.
pub struct WorkerPool {
    config: WorkerConfig,
    idle: Mutex<Vec<Worker>>,
}

impl WorkerPool {
    /// A pool that starts workers as they are needed.
    pub fn new(config: WorkerConfig) -> WorkerPool {
        WorkerPool {
            config,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Reads and analyses a file's articles in a worker: a failure of an article
    /// file as a whole is its one record's; a batch file that cannot be read fails.
    pub fn read_file(
        &self,
        path: &std::path::Path,
        max_bytes: u64,
    ) -> Result<Vec<AnalysedRecord>, IngestError> {
        super::read_file_with(
            path,
            max_bytes,
            |bytes, format| self.read(bytes, format),
            |error| AnalysedRecord {
                label: None,
                article: Err(error),
            },
        )
    }

    /// Reads and analyses one file's articles in a worker.
    pub fn read(
        &self,
        bytes: &[u8],
        format: SourceFormat,
    ) -> Result<Vec<AnalysedRecord>, IngestError> {
        let failed = IngestError::Worker;
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let mut worker = match idle {
            Some(worker) => worker,
            None => Worker::start(&self.config).map_err(failed)?,
        };
        let answer = worker.ask(bytes, format, &self.config);
        let records = match answer {
            Ok(AnswerRead::Records(records)) => records,
            Ok(AnswerRead::Failed(reason)) => {
                self.give_back(worker);
                return Err(failed(reason));
            }
            // The worker is killed when dropped: a new one reads the next file.
            Err(reason) => return Err(failed(reason)),
        };
        let mut checked = Vec::with_capacity(records.len());
        for record in records {
            let article = match record.article {
                Ok((article, analysis)) => {
                    let Ok(article) = Article::try_from(article) else {
                        return Err(failed("the reader's answer was damaged".to_owned()));
                    };
                    // A worker that answers nonsense is not trusted with another file.
                    if !article.is_consistent() || !analysis.is_consistent_with(&article.text) {
                        return Err(failed(
                            "the reader's answer put a span outside the text".to_owned(),
                        ));
                    }
                    Ok((article, analysis))
                }
                Err(reason) => Err(IngestError::Worker(reason)),
            };
            checked.push(AnalysedRecord {
                label: record.label,
                article,
            });
        }
        self.give_back(worker);
        Ok(checked)
    }

    fn give_back(&self, worker: Worker) {
        self.idle
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(worker);
    }
}

/// One running worker: its process, its stdin, and the answers its stdout
/// thread has read.
struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    answers: mpsc::Receiver<Result<Vec<u8>, String>>,
}

impl Worker {
    fn start(config: &WorkerConfig) -> Result<Worker, String> {
        let mut child = Command::new(&config.program)
            .arg(WORKER_FLAG)
            .arg(config.memory_limit.to_string())
            .arg(config.time_limit.as_secs().max(1).to_string())
            .arg(config.time_per_mib.as_secs().to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("the reader could not be started: {e}"))?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let (sender, answers) = mpsc::channel();
        // Answers are read on a thread of their own so that waiting for one can time out.
        std::thread::spawn(move || {
            let Some(mut stdout) = stdout else { return };
            loop {
                let mut length = [0u8; 8];
                if stdout.read_exact(&mut length).is_err() {
                    return;
                }
                let length = u64::from_le_bytes(length);
                if length > MAX_ANSWER_BYTES {
                    let _ = sender.send(Err(format!(
                        "the reader's answer was longer than {} MiB",
                        MAX_ANSWER_BYTES >> 20
                    )));
                    return;
                }
                let mut answer = Vec::new();
                if (&mut stdout)
                    .take(length)
                    .read_to_end(&mut answer)
                    .is_err()
                    || answer.len() as u64 != length
                {
                    return;
                }
                if sender.send(Ok(answer)).is_err() {
                    return;
                }
            }
        });
        Ok(Worker {
            child,
            stdin,
            answers,
        })
    }

    /// Sends one file and waits for its answer within the time limit.
    fn ask(
        &mut self,
        bytes: &[u8],
        format: SourceFormat,
        config: &WorkerConfig,
    ) -> Result<AnswerRead, String> {
        let mut request = Vec::with_capacity(bytes.len() + 32);
        let name = format.as_str().as_bytes();
        request.push(name.len() as u8);
        request.extend_from_slice(name);
        request.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        request.extend_from_slice(bytes);
        let Some(mut stdin) = self.stdin.take() else {
            return Err("the reader was lost".to_owned());
        };
        // Written on a thread: a worker that stops reading must not block us.
        let (written, stdin_back) = mpsc::channel();
        std::thread::spawn(move || {
            if stdin.write_all(&request).and_then(|()| stdin.flush()).is_ok() {
                let _ = written.send(stdin);
            }
        });
        let budget = time_budget(config.time_limit, config.time_per_mib, bytes.len());
        match self.answers.recv_timeout(budget) {
            Ok(Ok(answer)) => {
                // The worker reads the whole file before it answers, so the
                // writer is done or about to be; one that is not is broken.
                self.stdin = stdin_back.recv_timeout(Duration::from_secs(2)).ok();
                if self.stdin.is_none() {
                    return Err("the reader answered before reading the file".to_owned());
                }
                serde_json::from_slice::<AnswerRead>(&answer)
                    .map_err(|_| "the reader's answer was damaged".to_owned())
            }
            Ok(Err(reason)) => Err(reason),
            Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
                "reading took longer than {} s; stopped",
                budget.as_secs()
            )),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(self.why_it_ended()),
        }
    }

    /// The worker's stdout closed without an answer: its exit says why.
    fn why_it_ended(&mut self) -> String {
        let status = match self.child.wait() {
            Ok(status) => status,
            Err(e) => return format!("the reader was lost: {e}"),
        };
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if status.signal() == Some(super::sandbox::CPU_LIMIT_SIGNAL) {
                return "reading used its whole processor-time limit; stopped".to_owned();
            }
        }
        match status.code() {
            Some(0) => "the reader gave no answer".to_owned(),
            Some(code) => format!("the reader failed (exit code {code}); the file may be damaged"),
            None => {
                "the reader crashed (out of memory or a fault); the file may be damaged or hostile"
                    .to_owned()
            }
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // An idle worker ends when its stdin closes; one that is busy or stuck is killed.
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The worker's side. `args` are the memory limit, the processor seconds per
/// file and per MiB of a file (or [`SANDBOX_CHECK_FLAG`]); requests come on
/// `input`, answers go to `output`. Returns the exit code: 0 when stdin closed.
pub fn run_worker(args: &[String], input: impl Read, output: impl Write) -> i32 {
    if args.first().map(String::as_str) == Some(SANDBOX_CHECK_FLAG) {
        return sandbox_check(output);
    }
    let number = |index: usize| args.get(index).and_then(|a| a.parse::<u64>().ok());
    let (Some(memory_limit), Some(cpu_seconds), Some(cpu_seconds_per_mib)) =
        (number(0), number(1), number(2))
    else {
        return 2;
    };
    // A worker whose sandbox fails reads nothing: it says why for every file.
    let sandboxed = super::sandbox::enter(memory_limit).map(|_| ());
    serve(input, output, |bytes, format| {
        if let Err(reason) = &sandboxed {
            return Answer::Failed(format!("the reader's sandbox could not be set up: {reason}"));
        }
        let budget = time_budget(
            Duration::from_secs(cpu_seconds),
            Duration::from_secs(cpu_seconds_per_mib),
            bytes.len(),
        );
        if let Err(reason) = super::sandbox::allow_cpu_time(budget) {
            return Answer::Failed(reason);
        }
        read_in_worker(bytes, format)
    })
}

/// Reads and analyses one file into the answer, a panic included.
fn read_in_worker(bytes: &[u8], format: SourceFormat) -> Answer {
    let read_and_analyse = || {
        super::records_from_bytes(bytes, format).map(|records| {
            records
                .into_iter()
                .map(|record| WireRecord {
                    label: record.label,
                    article: record
                        .article
                        .map(crate::analyze::with_analysis)
                        .map_err(|e| e.to_string()),
                })
                .collect()
        })
    };
    match std::panic::catch_unwind(read_and_analyse) {
        Ok(Ok(records)) => Answer::Records(records),
        Ok(Err(error)) => Answer::Failed(error.to_string()),
        Err(_) => Answer::Failed("the reader failed on this file; it may be damaged".to_owned()),
    }
}

/// The request loop: one answer per request until stdin closes.
fn serve(
    mut input: impl Read,
    output: impl Write,
    mut answer: impl FnMut(&[u8], SourceFormat) -> Answer,
) -> i32 {
    let mut output = BufWriter::new(output);
    loop {
        let mut name_length = [0u8; 1];
        match input.read(&mut name_length) {
            Ok(0) => return 0,
            Ok(_) => {}
            Err(_) => return 2,
        }
        let mut name = vec![0u8; usize::from(name_length[0])];
        let mut length = [0u8; 8];
        if input.read_exact(&mut name).is_err() || input.read_exact(&mut length).is_err() {
            return 2;
        }
        let Some(format) = std::str::from_utf8(&name)
            .ok()
            .and_then(SourceFormat::from_name)
        else {
            return 2;
        };
        let mut bytes = Vec::new();
        let length = u64::from_le_bytes(length);
        match (&mut input).take(length).read_to_end(&mut bytes) {
            Ok(read) if read as u64 == length => {}
            _ => return 2,
        }
        let reply = answer(&bytes, format);
        drop(bytes);
        let Ok(json) = serde_json::to_vec(&reply) else {
            return 2;
        };
        drop(reply);
        let sent = output
            .write_all(&(json.len() as u64).to_le_bytes())
            .and_then(|()| output.write_all(&json))
            .and_then(|()| output.flush());
        if sent.is_err() {
            return 2;
        }
    }
}

/// `--extract-worker --sandbox-check`: enters the sandbox with the default
/// limits, tries what a taken-over reader would, and prints the outcome as JSON.
fn sandbox_check(mut output: impl Write) -> i32 {
    let report = match super::sandbox::enter(DEFAULT_MEMORY_LIMIT) {
        Ok(sandbox) => serde_json::json!({
            "sandbox": sandbox,
            "attempts": super::sandbox::escape_attempts()
                .into_iter()
                .map(|(attempt, outcome)| serde_json::json!({"attempt": attempt, "outcome": outcome}))
                .collect::<Vec<_>>(),
        }),
        Err(reason) => serde_json::json!({ "error": reason }),
    };
    match writeln!(output, "{report}") {
        Ok(()) => 0,
        Err(_) => 2,
    }
}

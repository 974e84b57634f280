//! Importing files: read and analysed on every core, stored in file order,
//! each article in its own transaction, every failure named with its file.

use super::*;
use crate::store::ImportBatch;

/// An article that an import added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportedArticle {
    /// The file.
    pub path: String,
    /// Its new library id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its headline.
    pub title: String,
}

/// A file whose text was already in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuplicateArticle {
    /// The file.
    pub path: String,
    /// The id of the article already stored with the same text.
    #[ts(type = "number")]
    pub existing_id: i64,
}

/// A file that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportFailure {
    /// The file.
    pub path: String,
    /// The reason, in words for the user.
    pub reason: String,
}

/// What one import did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    /// Articles added.
    pub added: Vec<ImportedArticle>,
    /// Files whose text was already stored.
    pub duplicates: Vec<DuplicateArticle>,
    /// Files that failed, each with its reason.
    pub failures: Vec<ImportFailure>,
    /// Files inside dropped folders that are not in a format Quotemap reads (images, …).
    pub skipped_other_formats: u32,
    /// Symbolic links inside dropped folders: never followed (a link could lead
    /// anywhere on the disk, or round in a circle).
    pub skipped_links: u32,
    /// The user stopped the import; the files before the stop are in.
    pub cancelled: bool,
}

/// Where an import is: `done` of `total` files, working on `current`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportProgress {
    /// Files finished.
    pub done: u32,
    /// Files in the import (folders expanded).
    pub total: u32,
    /// The file being read.
    pub current: String,
}

impl ImportReport {
    /// The report of an import that could not start because the library would
    /// not open for it: every path failed, with the reason.
    pub fn library_unavailable(paths: &[PathBuf], error: &StoreError) -> ImportReport {
        ImportReport {
            failures: paths
                .iter()
                .map(|path| ImportFailure {
                    path: path.display().to_string(),
                    reason: format!("the library could not be opened to import into: {error}"),
                })
                .collect(),
            ..ImportReport::default()
        }
    }

    /// One line per file, for terminals: each added article with its title.
    pub fn lines(&self) -> Vec<String> {
        self.lines_with_titles(true)
    }

    /// One line per file, for the log: paths and reasons, never a title (a log
    /// goes into bug reports; the article's text stays in the library).
    pub fn log_lines(&self) -> Vec<String> {
        self.lines_with_titles(false)
    }

    fn lines_with_titles(&self, with_titles: bool) -> Vec<String> {
        let mut lines = Vec::new();
        for added in &self.added {
            lines.push(if with_titles {
                format!("imported {} as #{}: {}", added.path, added.id, added.title)
            } else {
                format!("imported {} as #{}", added.path, added.id)
            });
        }
        for duplicate in &self.duplicates {
            lines.push(format!(
                "skipped {}: already in the library as #{}",
                duplicate.path, duplicate.existing_id
            ));
        }
        for failure in &self.failures {
            lines.push(format!("failed {}: {}", failure.path, failure.reason));
        }
        if self.cancelled {
            lines.push("cancelled: the files above are in, the rest were not read".to_owned());
        }
        if self.skipped_other_formats > 0 {
            lines.push(format!(
                "skipped {} file(s) of other formats inside folders",
                self.skipped_other_formats
            ));
        }
        if self.skipped_links > 0 {
            lines.push(format!(
                "skipped {} symbolic link(s) inside folders (links are not followed)",
                self.skipped_links
            ));
        }
        lines
    }
}

/// Settings of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Files larger than this many bytes are refused.
    pub max_file_bytes: u64,
    /// Where the parsers run (sandboxed worker processes in the app and the CLI).
    pub extraction: ingest::Extraction,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            max_file_bytes: ingest::DEFAULT_MAX_FILE_BYTES,
            extraction: ingest::Extraction::InProcess,
        }
    }
}

/// Files to import: each path as given, and the files inside dropped folders
/// (recursively, without following symbolic links, so a link loop cannot trap the
/// walk). Inside folders only files of a supported format are taken; the others are
/// counted in the report. A folder that cannot be read is reported as a failure.
fn expand_folders(paths: &[PathBuf], report: &mut ImportReport) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = Vec::new();
        for entry in walkdir::WalkDir::new(path).follow_links(false) {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if ingest::SourceFormat::from_path(entry.path()).is_ok() {
                        found.push(entry.into_path());
                    } else {
                        report.skipped_other_formats += 1;
                    }
                }
                Ok(entry) if entry.path_is_symlink() => report.skipped_links += 1,
                Ok(_) => {}
                Err(error) => report.failures.push(ImportFailure {
                    path: error.path().unwrap_or(path).display().to_string(),
                    reason: format!(
                        "cannot be read: {}",
                        error
                            .io_error()
                            .map_or_else(|| error.to_string(), ToString::to_string)
                    ),
                }),
            }
        }
        found.sort();
        files.extend(found);
    }
    files
}

/// Imports files: they are read and analysed on every core, and stored one by one in
/// the order given (folders expanded and sorted), each article whole or not at all,
/// several to a transaction (at most 100 articles or 250 ms of storing, see
/// `store::ImportBatch`); a file that fails is reported with its reason and the rest go on.
/// `progress` is called before each file is stored; when it returns `false` the import
/// stops there and what is stored stays.
pub fn import_files(
    library: &mut Library,
    paths: &[PathBuf],
    options: &ImportOptions,
    imported_at: &str,
    progress: &mut dyn FnMut(&ImportProgress) -> bool,
) -> ImportReport {
    let mut report = ImportReport::default();
    let files = expand_folders(paths, &mut report);
    let total = files.len() as u32;
    let threads = crate::parallel::worker_threads();
    // The worker processes live as long as this import.
    let readers = ingest::Readers::new(&options.extraction);
    // Several articles to a transaction; `committed` counts the added ones committed.
    let mut batch = library.import_batch();
    let mut committed = 0;
    let completed = crate::parallel::prepare_in_parallel(
        &files,
        threads,
        threads * 4,
        |path| prepare_file(path, options.max_file_bytes, &readers),
        |index, prepared| {
            let path = &files[index];
            let step = ImportProgress {
                done: index as u32,
                total,
                current: path.display().to_string(),
            };
            if !progress(&step) {
                return false;
            }
            store_file(&mut batch, path, prepared, imported_at, &mut report);
            if batch.is_due() {
                commit(&mut batch, &mut report, &mut committed);
            }
            true
        },
    );
    // What was stored before a cancel stays.
    commit(&mut batch, &mut report, &mut committed);
    report.cancelled = !completed;
    report
}

/// Commits the batch; when that fails, the articles reported as added since the
/// last commit were not stored after all, and the report says so.
fn commit(batch: &mut ImportBatch<'_>, report: &mut ImportReport, committed: &mut usize) {
    if let Err(error) = batch.commit() {
        for article in report.added.drain(*committed..).collect::<Vec<_>>() {
            report.failures.push(ImportFailure {
                path: article.path,
                reason: format!("could not be stored: {error}"),
            });
        }
    }
    *committed = report.added.len();
}

/// A file's articles (a batch file has several), read and analysed, ready to
/// store; or why the file has none.
type PreparedFile = Result<Vec<ingest::worker::AnalysedRecord>, String>;

/// Reads and analyses one file; runs on the import's worker threads. A panic in a
/// parser or the analysis is this file's failure, never the import's.
fn prepare_file(path: &Path, max_file_bytes: u64, readers: &ingest::Readers) -> PreparedFile {
    let read_and_analyse = || {
        readers
            .read_file(path, max_file_bytes)
            .map_err(|error| error.to_string())
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read_and_analyse)).unwrap_or_else(|_| {
        Err(
            "internal error while reading this file (a bug in Quotemap; please report it)"
                .to_owned(),
        )
    })
}

/// Stores a prepared file's articles and notes each outcome in the report.
fn store_file(
    batch: &mut ImportBatch<'_>,
    path: &Path,
    prepared: PreparedFile,
    imported_at: &str,
    report: &mut ImportReport,
) {
    let records = match prepared {
        Ok(records) => records,
        Err(reason) => {
            report.failures.push(ImportFailure {
                path: path.display().to_string(),
                reason,
            });
            return;
        }
    };
    for record in records {
        // A batch file's records are named by their line or row.
        let shown = match &record.label {
            Some(label) => format!("{} ({label})", path.display()),
            None => path.display().to_string(),
        };
        match store_record(batch, path, record, imported_at) {
            Ok((Insertion::Added(id), title)) => report.added.push(ImportedArticle {
                path: shown,
                id,
                title,
            }),
            Ok((Insertion::Duplicate(existing_id), _)) => {
                report.duplicates.push(DuplicateArticle {
                    path: shown,
                    existing_id,
                });
            }
            Err(reason) => report.failures.push(ImportFailure {
                path: shown,
                reason,
            }),
        }
    }
}

fn store_record(
    batch: &mut ImportBatch<'_>,
    path: &Path,
    record: ingest::worker::AnalysedRecord,
    imported_at: &str,
) -> Result<(Insertion, String), String> {
    let (article, analysis) = record.article.map_err(|error| error.to_string())?;
    let title = article.title.clone().unwrap_or_else(|| {
        let stem = path.file_stem().map_or_else(
            || "Untitled".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        match &record.label {
            Some(label) => format!("{stem} ({label})"),
            None => stem,
        }
    });
    // Store the absolute path so that the library means the same from any folder.
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let insertion = batch
        .insert_article(
            &article,
            &analysis,
            &title,
            Some(&absolute.to_string_lossy()),
            imported_at,
        )
        .map_err(|error| error.to_string())?;
    Ok((insertion, title))
}

/// Files larger than this are refused unless the import says otherwise (50 MiB).
pub const DEFAULT_MAX_FILE_BYTES: u64 = ingest::DEFAULT_MAX_FILE_BYTES;

impl ImportOptions {
    /// The options of the app and the CLI: files are read by this very program
    /// started again as sandboxed worker processes (see [`run_extract_worker_if_asked`]),
    /// so a hostile file cannot take the caller down or reach beyond its own bytes.
    pub fn with_worker_process(max_file_bytes: u64) -> ImportOptions {
        ImportOptions {
            max_file_bytes,
            extraction: ingest::worker::WorkerConfig::this_program()
                .map_or(ingest::Extraction::InProcess, ingest::Extraction::Worker),
        }
    }
}

/// Every program that imports calls this first with its arguments (program name
/// left out): when it was started as a reader worker, it enters its sandbox, reads
/// files from standard input and answers each on standard output until the input
/// ends, and gives the exit code to end with.
pub fn run_extract_worker_if_asked(args: &[String]) -> Option<u8> {
    if args.first().map(String::as_str) != Some(ingest::worker::WORKER_FLAG) {
        return None;
    }
    let code = ingest::worker::run_worker(
        &args[1..],
        std::io::stdin().lock(),
        std::io::stdout().lock(),
    );
    Some(u8::try_from(code).unwrap_or(1))
}

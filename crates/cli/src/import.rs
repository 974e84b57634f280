//! `quotemap import`: files and folders into the library, with a progress bar on
//! a terminal, a line per file for people or JSON Lines for scripts, and the
//! paths themselves from standard input when one of them is `-`.

use anyhow::{Context, Result};
use clap::Args;
use quotemap_core::api;
use serde_json::json;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(after_help = "Examples:
  quotemap import ~/news/2019-01-30.html report.pdf   two files
  quotemap import ~/news                              a folder and everything under it
  find ~/news -name '*.eml' -newer last-run | quotemap import -
                                                      the paths read from standard input
  quotemap import --json ~/news > report.jsonl        one JSON line per file, then a summary")]
pub struct ImportArgs {
    /// Files and folders to import; `-` reads more paths from standard input, one per line.
    #[arg(required = true, value_name = "PATH")]
    files: Vec<PathBuf>,
    /// Refuse files larger than this many bytes.
    #[arg(long, default_value_t = api::DEFAULT_MAX_FILE_BYTES)]
    max_file_bytes: u64,
    /// Print one JSON object per file (`status`: imported, already_present or failed)
    /// and a last line `{"summary": …}`, instead of sentences.
    #[arg(long)]
    json: bool,
}

/// Runs the import; exit code 3 when some files failed (the others are in).
pub fn import(library: &mut api::Library, args: ImportArgs) -> Result<ExitCode> {
    let files = with_paths_from_stdin(args.files, std::io::stdin().lock())?;
    // PDF, DOCX and e-mail are read by this binary started as a worker.
    let options = api::ImportOptions::with_worker_process(args.max_file_bytes);
    // A progress bar on a terminal; nothing when the output is piped.
    let bar = indicatif::ProgressBar::new(0);
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let report = api::import_files(library, &files, &options, &api::now_utc(), &mut |step| {
        bar.set_length(u64::from(step.total));
        bar.set_position(u64::from(step.done));
        bar.set_message(step.current.clone());
        true
    });
    bar.finish_and_clear();
    let mut out = std::io::stdout().lock();
    if args.json {
        for line in json_lines(&report) {
            writeln!(out, "{line}")?;
        }
    } else {
        for line in report.lines() {
            if line.starts_with("failed") {
                eprintln!("{line}");
            } else {
                writeln!(out, "{line}")?;
            }
        }
        writeln!(
            out,
            "{} imported, {} already present, {} failed",
            report.added.len(),
            report.duplicates.len(),
            report.failures.len()
        )?;
    }
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

/// The paths given, with each `-` replaced by the lines of `stdin` (read once;
/// blank lines left out, a path's own spaces kept).
fn with_paths_from_stdin(files: Vec<PathBuf>, stdin: impl BufRead) -> Result<Vec<PathBuf>> {
    let dash = std::path::Path::new("-");
    if !files.iter().any(|f| f == dash) {
        return Ok(files);
    }
    let mut listed = Vec::new();
    for line in stdin.lines() {
        let line = line.context("cannot read the list of paths from standard input")?;
        let line = line.strip_suffix('\r').unwrap_or(&line);
        if !line.trim().is_empty() {
            listed.push(PathBuf::from(line));
        }
    }
    let mut all = Vec::with_capacity(files.len() + listed.len());
    let mut listed = Some(listed);
    for file in files {
        if file == dash {
            all.extend(listed.take().unwrap_or_default());
        } else {
            all.push(file);
        }
    }
    Ok(all)
}

/// The report as JSON Lines: one object per file, then the summary.
fn json_lines(report: &api::ImportReport) -> Vec<serde_json::Value> {
    let mut lines = Vec::new();
    for added in &report.added {
        lines.push(json!({"file": added.path, "status": "imported", "article": added.id, "title": added.title}));
    }
    for duplicate in &report.duplicates {
        lines.push(json!({"file": duplicate.path, "status": "already_present", "article": duplicate.existing_id}));
    }
    for failure in &report.failures {
        lines.push(json!({"file": failure.path, "status": "failed", "reason": failure.reason}));
    }
    lines.push(json!({"summary": {
        "imported": report.added.len(),
        "already_present": report.duplicates.len(),
        "failed": report.failures.len(),
        "skipped_other_formats": report.skipped_other_formats,
        "skipped_links": report.skipped_links,
        "cancelled": report.cancelled,
    }}));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_replaced_by_the_paths_on_standard_input_in_its_place() {
        let given = vec![
            PathBuf::from("a.txt"),
            PathBuf::from("-"),
            PathBuf::from("z.txt"),
        ];
        let stdin = "b c.html\r\n\n  \nd.pdf\n".as_bytes();
        let all = with_paths_from_stdin(given, stdin).unwrap();
        let names: Vec<_> = all.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(names, ["a.txt", "b c.html", "d.pdf", "z.txt"]);
    }

    #[test]
    fn without_a_dash_standard_input_is_not_read() {
        let given = vec![PathBuf::from("a.txt")];
        let all = with_paths_from_stdin(given, "never.txt\n".as_bytes()).unwrap();
        assert_eq!(all, [PathBuf::from("a.txt")]);
    }
}

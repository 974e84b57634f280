//! `quotemap export` as a user runs it: every format to a file, filters,
//! standard output, an existing file, a missing folder, an empty selection.

mod common;
use common::{quotemap, stderr, stdout};

#[test]
fn every_format_is_written_and_summed_up() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    for (format, name) in [
        ("csv", "q.csv"),
        ("xlsx", "q.xlsx"),
        ("json", "q.json"),
        ("gexf", "q.gexf"),
        ("graphml", "q.graphml"),
        ("markdown", "q.md"),
        ("html", "q.html"),
        ("annotations", "q.jsonld"),
    ] {
        let out = folder.path().join(name);
        let output = quotemap(
            &library,
            &["export", "--format", format, out.to_str().unwrap()],
        );
        assert!(output.status.success(), "{format}: {output:?}");
        assert!(
            stderr(&output).contains("wrote "),
            "{format}: {}",
            stderr(&output)
        );
        assert!(std::fs::metadata(&out).unwrap().len() > 0, "{format}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".quotemap-export")
        })
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");
}

#[test]
fn filters_choose_the_rows_and_standard_output_takes_them() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let output = quotemap(
        &library,
        &[
            "export",
            "--format",
            "csv",
            "--speaker",
            "Sergei Lavrov",
            "-",
        ],
    );
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let speaker = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "speaker")
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| &r[speaker] == "Sergei Lavrov"));
    // A filter that keeps nothing: a valid file with its header, and a message.
    let empty = quotemap(
        &library,
        &["export", "--format", "csv", "--outlet", "Nowhere", "-"],
    );
    assert!(empty.status.success());
    assert_eq!(stdout(&empty).lines().count(), 1, "the header");
    assert!(
        stderr(&empty).contains("no article matches"),
        "{}",
        stderr(&empty)
    );
}

#[test]
fn an_existing_file_needs_force_and_a_missing_folder_is_named() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let out = folder.path().join("report.html");
    std::fs::write(&out, "mine").unwrap();
    let refused = quotemap(
        &library,
        &["export", "--format", "html", out.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let forced = quotemap(
        &library,
        &[
            "export",
            "--format",
            "html",
            "--force",
            out.to_str().unwrap(),
        ],
    );
    assert!(forced.status.success(), "{forced:?}");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let missing = folder.path().join("gone/report.md");
    let failed = quotemap(
        &library,
        &["export", "--format", "markdown", missing.to_str().unwrap()],
    );
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("gone"), "{}", stderr(&failed));
    let bad_day = quotemap(
        &library,
        &["export", "--format", "csv", "--from", "yesterday", "-"],
    );
    assert_eq!(bad_day.status.code(), Some(2));
    assert!(stderr(&bad_day).contains("YYYY-MM-DD"));
}

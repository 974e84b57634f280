//! The `quotemap` binary run as a user runs it, against a library in a
//! temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn quotemap(library: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quotemap"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("QUOTEMAP_LIBRARY")
        .output()
        .unwrap()
}

fn fixture(name: &str) -> String {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../../tests/fixtures/ingest",
        name,
    ]
    .iter()
    .collect();
    path.to_string_lossy().into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn new_library_lists_the_sample() {
    let folder = tempfile::tempdir().unwrap();
    let output = quotemap(&folder.path().join("lib.sqlite3"), &["list"]);
    assert!(output.status.success());
    let listing = stdout(&output);
    assert!(
        listing.contains("Iraq not to enter anti Iran alliance"),
        "{listing}"
    );
    assert!(listing.contains("2019-01-30T17:41:00+03:30"), "{listing}");
    assert!(listing.contains("Iran Press"), "{listing}");
}

#[test]
fn bad_files_are_named_and_the_rest_goes_in() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let missing = folder.path().join("missing.txt");
    let output = quotemap(
        &library,
        &[
            "import",
            &fixture("empty.txt"),
            &fixture("binary-junk.txt"),
            missing.to_str().unwrap(),
            &fixture("windows-1252.txt"),
            &fixture("notes.xyz"),
        ],
    );
    assert_eq!(output.status.code(), Some(3));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("empty.txt: the file is empty"), "{errors}");
    assert!(
        errors.contains("binary-junk.txt: the file is binary"),
        "{errors}"
    );
    assert!(errors.contains("missing.txt: no such file"), "{errors}");
    assert!(
        errors.contains("notes.xyz: unsupported format (.xyz)"),
        "{errors}"
    );
    assert!(stdout(&output).contains("1 imported, 0 already present, 4 failed"));

    let listing = stdout(&quotemap(&library, &["list"]));
    assert_eq!(
        listing.lines().count(),
        2,
        "sample + the one good file: {listing}"
    );
    assert!(
        listing.contains("Minister’s visit to Café Tehran"),
        "{listing}"
    );
}

#[test]
fn importing_twice_says_duplicate() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let file = fixture("crlf-no-dateline.txt");
    assert!(quotemap(&library, &["import", &file]).status.success());
    let again = quotemap(&library, &["import", &file]);
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("already in the library as #2"),
        "{}",
        stdout(&again)
    );
    // The sample itself is recognised too, wherever the file comes from.
    let sample = quotemap(&library, &["import", &fixture("iran-press-2019-01-30.txt")]);
    assert!(stdout(&sample).contains("already in the library as #1"));
}

#[test]
fn show_prints_blocks_and_json() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let text = stdout(&quotemap(&library, &["show", "1"]));
    assert!(
        text.starts_with("Jan 30, 2019 17:41 Asia/Tehran\n"),
        "{text}"
    );
    assert_eq!(
        text.matches("Iraq not to enter anti Iran alliance").count(),
        1,
        "repeat hidden"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&quotemap(&library, &["show", "1", "--json"]).stdout).unwrap();
    assert_eq!(json["published_zone"], "Asia/Tehran");
    let missing = quotemap(&library, &["show", "99"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no article #99"));
}

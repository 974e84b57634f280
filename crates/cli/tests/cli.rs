//! The `quotemap` binary run as a user runs it, against a library in a
//! temporary folder.

mod common;

use common::{quotemap, stdout};
use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs `quotemap` (no library) with `input` on its standard input, as a
/// pipeline does.
fn quotemap_with_stdin(args: &[&str], input: &str) -> Output {
    quotemap_with_stdin_bytes(args, input.as_bytes())
}

fn quotemap_with_stdin_bytes(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotemap"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A process that dies early closes its input; its exit status tells the test.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
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
            &fixture("scripts-only.html"),
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
    assert!(
        errors.contains("scripts-only.html: no article text found in the page"),
        "{errors}"
    );
    assert!(stdout(&output).contains("1 imported, 0 already present, 5 failed"));

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

#[test]
fn extract_streams_jsonl_with_code_point_offsets() {
    let input = concat!(
        r#"{"id": "a", "text": "\ud83d\ude00 The caf\u00e9 owner said: \u201cWe open at nine.\u201d"}"#,
        "\n",
        "not json\n",
        r#"{"id": 7, "text": "Nothing quoted here."}"#,
        "\n"
    );
    let output = quotemap_with_stdin(&["extract"], input);
    assert_eq!(output.status.code(), Some(3), "one bad line");
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "one output line per input line");
    let quote = &lines[0]["quotes"][0];
    let text = "😀 The café owner said: “We open at nine.”";
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (
        quote["start"].as_u64().unwrap() as usize,
        quote["end"].as_u64().unwrap() as usize,
    );
    // Offsets count code points (the emoji is one), so they index the text as Python does.
    assert_eq!(
        chars[start..end].iter().collect::<String>(),
        "We open at nine."
    );
    assert_eq!(quote["text"], "We open at nine.");
    assert_eq!(quote["kind"], "direct");
    assert_eq!(quote["cue"], "said");
    let [s, e] = [
        quote["speaker_span"][0].as_u64().unwrap() as usize,
        quote["speaker_span"][1].as_u64().unwrap() as usize,
    ];
    assert_eq!(chars[s..e].iter().collect::<String>(), "The café owner");
    assert_eq!(quote["confidence"], 0.9);
    assert!(lines[1]["error"].as_str().unwrap().contains("line 2"));
    assert_eq!(lines[2]["id"], 7);
    assert_eq!(lines[2]["quotes"].as_array().unwrap().len(), 0);
}

/// `analyze`: quotations with their speaker's index and day, entities with
/// their mentions, relations with evidence; a date that is none is that
/// line's error and the stream goes on.
#[test]
fn analyze_streams_jsonl_with_speakers_entities_and_relations() {
    let text = "Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister \
        Mohammad Javad Zarif in Moscow on Thursday. \u{201C}We support Iran,\u{201D} Lavrov said.";
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": "a", "text": text, "published": "2019-01-19"}),
        serde_json::json!({"id": "b", "text": text, "published": "soon"}),
        serde_json::json!({"id": "c", "text": "No quotes.", "published": null}),
    );
    let output = quotemap_with_stdin(&["analyze"], &input);
    assert_eq!(output.status.code(), Some(3), "one bad line");
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let chars: Vec<char> = text.chars().collect();
    let slice = |span: &serde_json::Value| -> String {
        let [start, end] = [&span[0], &span[1]].map(|v| v.as_u64().unwrap() as usize);
        chars[start..end].iter().collect()
    };
    let quote = &lines[0]["quotes"][0];
    assert_eq!(quote["text"], "We support Iran,");
    let speaker = &lines[0]["speakers"][quote["speaker_index"].as_u64().unwrap() as usize];
    assert_eq!(speaker["name"], "Sergei Lavrov");
    let entities = lines[0]["entities"].as_array().unwrap();
    let lavrov = entities
        .iter()
        .find(|e| e["name"] == "Sergei Lavrov")
        .unwrap();
    assert_eq!(lavrov["detail"], "Foreign Minister");
    let mentions: Vec<String> = lavrov["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(slice)
        .collect();
    assert_eq!(mentions, ["Sergei Lavrov", "Lavrov"]);
    let said_about = lines[0]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "said_about")
        .expect("what Lavrov said about Iran");
    assert_eq!(
        entities[said_about["from"].as_u64().unwrap() as usize]["name"],
        "Sergei Lavrov"
    );
    assert_eq!(said_about["to_name"], "Iran");
    assert_eq!(said_about["stance"], "supportive");
    let evidence = &said_about["evidence"][0];
    let span = serde_json::json!([evidence["start"], evidence["end"]]);
    assert_eq!(
        slice(&span),
        "\u{201C}We support Iran,\u{201D} Lavrov said."
    );
    assert_eq!(evidence["text"], slice(&span));
    assert!(lines[1]["error"].as_str().unwrap().contains("\"soon\""));
    assert_eq!(lines[2]["quotes"].as_array().unwrap().len(), 0);
}

#[test]
fn saved_web_pages_are_imported_with_their_metadata_and_quotes() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let output = quotemap(&library, &["import", &fixture("saved-page.html")]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let listing = stdout(&quotemap(&library, &["list"]));
    assert!(
        listing.contains("Ceasefire talks resume in Geneva"),
        "{listing}"
    );
    assert!(listing.contains("The Daily Example"), "{listing}");
    assert!(listing.contains("2020-03-03T09:15:00+01:00"), "{listing}");
    let text = stdout(&quotemap(&library, &["show", "2"]));
    assert!(
        !text.contains("Home") && !text.contains("Privacy") && !text.contains("tracking"),
        "{text}"
    );
    assert!(text.contains("“We are ready to make concessions"), "{text}");
}

#[test]
fn folders_are_imported_recursively_without_following_link_loops() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let drop = folder.path().join("dropped");
    std::fs::create_dir_all(drop.join("sub")).unwrap();
    std::fs::copy(fixture("crlf-no-dateline.txt"), drop.join("a.txt")).unwrap();
    std::fs::copy(fixture("saved-page.html"), drop.join("sub/page.html")).unwrap();
    std::fs::write(drop.join("sub/photo.png"), b"\x89PNG").unwrap();
    std::os::unix::fs::symlink(&drop, drop.join("sub/loop")).unwrap();
    // A link to a file outside the folder is not followed either.
    let outside = folder.path().join("outside.txt");
    std::fs::copy(fixture("windows-1252.txt"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, drop.join("elsewhere.txt")).unwrap();
    let output = quotemap(&library, &["import", drop.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out = stdout(&output);
    assert!(
        out.contains("2 imported, 0 already present, 0 failed"),
        "{out}"
    );
    assert!(
        out.contains("skipped 1 file(s) of other formats inside folders"),
        "{out}"
    );
    assert!(
        out.contains("skipped 2 symbolic link(s) inside folders (links are not followed)"),
        "{out}"
    );
}

#[test]
fn extract_leaves_out_nested_quotes_unless_asked() {
    let sample = std::fs::read_to_string(fixture("iran-press-2019-01-30.txt")).unwrap();
    let line = serde_json::json!({"id": "sample", "text": sample}).to_string();
    let run = |args: &[&str]| -> Vec<serde_json::Value> {
        let output = quotemap_with_stdin(args, &line);
        let record: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        record["quotes"].as_array().unwrap().clone()
    };
    let outermost = run(&["extract"]);
    let all = run(&["extract", "--nested"]);
    // Nine body quotes (one nested inside Zarif's statement) and four headline attributions.
    assert_eq!(outermost.len(), 12);
    assert_eq!(all.len(), 13);
    let nested = all.iter().find(|q| q["nested"] == true).unwrap();
    assert_eq!(
        nested["text"],
        "when America retreats, chaos often follows,"
    );
    assert_eq!(nested["speaker"], "Mike Pompeo");
}

#[test]
fn batch_files_import_every_good_record_and_name_the_bad_ones() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let output = quotemap(
        &library,
        &[
            "import",
            &fixture("news-export.jsonl"),
            &fixture("news-export.csv"),
            &fixture("news-export.json"),
            &fixture("interview-notes.md"),
        ],
    );
    assert_eq!(output.status.code(), Some(3), "some records failed");
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("news-export.jsonl (line 3): no text"),
        "{errors}"
    );
    assert!(
        errors.contains("news-export.jsonl (line 4): not JSON"),
        "{errors}"
    );
    assert!(
        errors.contains("news-export.csv (row 3): no text"),
        "{errors}"
    );
    assert!(
        stdout(&output).contains("5 imported, 0 already present, 3 failed"),
        "{}",
        stdout(&output)
    );
    let listing = stdout(&quotemap(&library, &["list"]));
    for title in [
        "Minister resigns over budget row",
        "Rail strike called off",
        "Floods close the coast road",
        "Talks on fishing quotas stall",
        "Port workers end their strike",
    ] {
        assert!(listing.contains(title), "{title} missing: {listing}");
    }
    assert!(listing.contains("Capital Times"), "{listing}");
}

#[test]
fn pdf_word_and_mail_are_read_in_a_worker_and_bad_ones_named() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let output = quotemap(
        &library,
        &[
            "import",
            &fixture("harbour-strike.pdf"),
            &fixture("encrypted.pdf"),
            &fixture("truncated.pdf"),
            &fixture("council-minutes.docx"),
            &fixture("zip-bomb.docx"),
            &fixture("wire-story.eml"),
        ],
    );
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("encrypted.pdf: the PDF is encrypted"),
        "{errors}"
    );
    assert!(
        errors.contains("truncated.pdf: not a readable PDF (the file is cut short"),
        "{errors}"
    );
    assert!(errors.contains("zip-bomb.docx: refused"), "{errors}");
    assert!(stdout(&output).contains("3 imported, 0 already present, 3 failed"));
    let listing = stdout(&quotemap(&library, &["list"]));
    assert!(
        listing.contains("Harbour strike ends after talks"),
        "{listing}"
    );
    // The union leader's quote is found in the PDF's text.
    let shown = stdout(&quotemap(&library, &["show", "2"]));
    assert!(shown.contains("Maria Okafor"), "{shown}");
}

#[test]
fn export_gexf_writes_the_map_with_its_evidence() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let out = folder.path().join("map.gexf");
    let output = quotemap(
        &library,
        &["export", "--format", "gexf", out.to_str().unwrap()],
    );
    assert!(output.status.success(), "{output:?}");
    let xml = std::fs::read_to_string(&out).unwrap();
    // A real XML parser reads it back: nodes with kinds, edges with stance and evidence.
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut nodes, mut edges, mut evidence) = (Vec::new(), 0, Vec::new());
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) if e.name().into_inner() == "node" => {
                let label = e.try_get_attribute("label").unwrap().unwrap();
                nodes.push(
                    label
                        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap()
                        .into_owned(),
                );
            }
            quick_xml::events::Event::Start(e) if e.name().into_inner() == "edge" => edges += 1,
            quick_xml::events::Event::Empty(e) if e.name().into_inner() == "attvalue" => {
                let key = e.try_get_attribute("for").unwrap().unwrap();
                if key
                    .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .unwrap()
                    == "evidence"
                {
                    let value = e.try_get_attribute("value").unwrap().unwrap();
                    evidence.push(
                        value
                            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .unwrap()
                            .into_owned(),
                    );
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    for name in [
        "Sergei Lavrov",
        "Mohamed Ali Alhakim",
        "Iraq",
        "Iran",
        "Russia",
        "Moscow",
    ] {
        assert!(nodes.iter().any(|n| n == name), "{name} in {nodes:?}");
    }
    assert!(edges >= 10, "{edges} edges");
    assert_eq!(evidence.len(), edges);
    let first: serde_json::Value = serde_json::from_str(&evidence[0]).unwrap();
    let item = &first[0];
    assert!(item["sentence"].as_str().unwrap().len() > 10);
    assert!(item["start"].as_u64().unwrap() < item["end"].as_u64().unwrap());
}

#[test]
fn a_file_over_the_size_limit_or_unreadable_is_named_and_the_rest_goes_in() {
    use std::os::unix::fs::PermissionsExt;
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let big = folder.path().join("big.txt");
    let sample = std::fs::read_to_string(fixture("iran-press-2019-01-30.txt")).unwrap();
    std::fs::write(&big, sample.repeat(3)).unwrap();
    let locked = folder.path().join("locked.txt");
    std::fs::copy(fixture("windows-1252.txt"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Permissions do not bind the superuser (CI may run as root): then the file is readable.
    let locked_is_unreadable = std::fs::read(&locked).is_err();
    let limit = (sample.len() * 2).to_string();
    let output = quotemap(
        &library,
        &[
            "import",
            "--max-file-bytes",
            &limit,
            big.to_str().unwrap(),
            locked.to_str().unwrap(),
            &fixture("crlf-no-dateline.txt"),
        ],
    );
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains(&format!(
            "big.txt: too large: {} bytes, the limit is {limit} bytes",
            sample.len() * 3
        )),
        "{errors}"
    );
    let (imported, failed) = if locked_is_unreadable {
        assert!(
            errors.contains("locked.txt: cannot be read: Permission denied"),
            "{errors}"
        );
        (1, 2)
    } else {
        (2, 1)
    };
    assert!(
        stdout(&output).contains(&format!(
            "{imported} imported, 0 already present, {failed} failed"
        )),
        "{}",
        stdout(&output)
    );
    assert_eq!(output.status.code(), Some(3), "some files failed");
    // The new library's sample article and the files that went in.
    let listing = stdout(&quotemap(&library, &["list", "--json"]));
    assert_eq!(listing.lines().count(), 1 + imported, "{listing}");
}

#[test]
fn import_json_gives_a_line_per_file_and_a_summary_and_reads_paths_from_stdin() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let library = library.to_str().unwrap();
    // Two paths on the command line, two more (one with a space-free bad file) from stdin.
    let listed = format!(
        "{}\n\n{}\n",
        fixture("crlf-no-dateline.txt"),
        fixture("empty.txt")
    );
    let output = quotemap_with_stdin(
        &[
            "--library",
            library,
            "import",
            "--json",
            &fixture("windows-1252.txt"),
            "-",
            &fixture("iran-press-2019-01-30.txt"),
        ],
        &listed,
    );
    assert_eq!(output.status.code(), Some(3), "one file failed");
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let by_file = |name: &str| {
        lines
            .iter()
            .find(|l| l["file"].as_str().is_some_and(|f| f.ends_with(name)))
            .unwrap_or_else(|| panic!("no line for {name}: {lines:?}"))
    };
    assert_eq!(by_file("windows-1252.txt")["status"], "imported");
    assert_eq!(
        by_file("windows-1252.txt")["title"],
        "Minister’s visit to Café Tehran"
    );
    assert_eq!(by_file("crlf-no-dateline.txt")["status"], "imported");
    assert_eq!(by_file("empty.txt")["status"], "failed");
    assert_eq!(by_file("empty.txt")["reason"], "the file is empty");
    // The sample is in every new library already.
    assert_eq!(
        by_file("iran-press-2019-01-30.txt")["status"],
        "already_present"
    );
    assert_eq!(by_file("iran-press-2019-01-30.txt")["article"], 1);
    assert_eq!(lines.len(), 5, "{lines:?}");
    let summary = &lines[4]["summary"];
    assert_eq!(summary["imported"], 2);
    assert_eq!(summary["already_present"], 1);
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["cancelled"], false);
}

#[test]
fn completions_and_manual_pages_come_from_the_command_definition() {
    let bash = quotemap_with_stdin(&["completions", "bash"], "");
    assert!(bash.status.success());
    let script = stdout(&bash);
    assert!(script.contains("complete -F _quotemap"), "{script}");
    for subcommand in ["import", "export", "annotate", "reanalyze", "completions"] {
        assert!(
            script.contains(subcommand),
            "{subcommand} missing from the bash completions"
        );
    }
    let fish = stdout(&quotemap_with_stdin(&["completions", "fish"], ""));
    assert!(fish.contains("complete -c quotemap"), "{fish}");

    let page = stdout(&quotemap_with_stdin(&["man"], ""));
    assert!(page.contains(".TH quotemap 1"), "{page}");
    assert!(
        page.contains("QUOTEMAP_LIBRARY"),
        "the environment variable is documented: {page}"
    );
    let import = stdout(&quotemap_with_stdin(&["man", "import"], ""));
    let title = format!(
        ".TH quotemap-import 1  \"quotemap {}\"",
        env!("CARGO_PKG_VERSION")
    );
    assert!(import.contains(&title), "{import}");
    assert!(import.contains("\\-\\-json"), "{import}");
    let unknown = quotemap_with_stdin(&["man", "imprt"], "");
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no subcommand \"imprt\""));

    // What the packages install: a page for the program and for each subcommand.
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    let written = quotemap_with_stdin(&["man", "--dir", pages.to_str().unwrap()], "");
    assert!(written.status.success(), "{written:?}");
    for name in [
        "quotemap",
        "quotemap-import",
        "quotemap-export",
        "quotemap-man",
    ] {
        let page = std::fs::read_to_string(pages.join(format!("{name}.1")))
            .unwrap_or_else(|e| panic!("{name}.1 not written: {e}"));
        assert!(page.contains(&format!(".TH {name} 1")), "{page}");
    }
    let import = std::fs::read_to_string(pages.join("quotemap-import.1")).unwrap();
    assert!(import.contains("\\-\\-json"), "{import}");
}

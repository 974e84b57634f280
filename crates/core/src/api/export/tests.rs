//! Exports of the sample article with a test user's corrections, read back
//! by independent readers: golden files (reviewed by hand) for the text
//! formats, the `csv` crate, calamine for the workbook, the committed JSON
//! Schema, quick-xml (and networkx when Python has it) for the graphs,
//! dom_query and pulldown-cmark for the reports. Bad output paths leave no
//! file behind.

use super::*;
use std::collections::HashSet;

/// A note a spreadsheet, an HTML page and a Markdown renderer must keep as text.
const HOSTILE_NOTE: &str =
    "=cmd|' /C calc'!A0 <script>alert(\"x\")</script> [click](javascript:alert(1)) & <b>bold</b>";

/// The sample library, as a test user left it: one quotation rejected, one
/// given to a speaker named differently and that speaker merged into the
/// entity the engine knew, one confirmed, two notes (one hostile), an
/// article tag.
fn reviewed_sample() -> (tempfile::TempDir, Library) {
    let folder = tempfile::tempdir().unwrap();
    let mut library = open_library(&folder.path().join("library.sqlite3")).unwrap();
    reject_quote(&mut library, "1:2111-2161").unwrap();
    let corrected = set_quote_speaker(
        &mut library,
        "1:2067-2109",
        &SpeakerInput {
            name: "M. A. Alhakim".to_owned(),
            kind: "person".to_owned(),
            role: Some("Foreign Minister".to_owned()),
            affiliation: Some("Iraq".to_owned()),
        },
    )
    .unwrap();
    confirm_quote(&mut library, "1:771-880").unwrap();
    add_annotation(
        &mut library,
        1,
        1321,
        1369,
        &AnnotationInput {
            note: "Check against the Tehran Times version.".to_owned(),
            tags: vec!["follow-up".to_owned(), "iran".to_owned()],
            color: "green".to_owned(),
        },
    )
    .unwrap();
    add_annotation(
        &mut library,
        1,
        1665,
        1708,
        &AnnotationInput {
            note: HOSTILE_NOTE.to_owned(),
            tags: vec!["pompeo".to_owned()],
            color: String::new(),
        },
    )
    .unwrap();
    set_article_tags(&mut library, 1, &["iran-iraq".to_owned()]).unwrap();
    // The name the user gave is an entity of its own until merged.
    let article = get_article(&library, 1).unwrap().unwrap();
    let quote = article.quotes.iter().find(|q| q.id == corrected).unwrap();
    assert_eq!(
        article.speakers[quote.speaker.unwrap() as usize].name,
        "M. A. Alhakim"
    );
    let entities = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    let id_of = |name: &str| entities.nodes.iter().find(|n| n.name == name).map(|n| n.id);
    let user_named = id_of("M. A. Alhakim").expect("the user's speaker is an entity");
    merge_entities(
        &mut library,
        user_named,
        id_of("Mohamed Ali Alhakim").unwrap(),
    )
    .unwrap();
    (folder, library)
}

fn export_bytes(library: &Library, format: ExportFormat, scope: &ExportScope) -> Vec<u8> {
    let mut out = Vec::new();
    export(library, format, scope, &mut out, &mut |_| true).unwrap();
    out
}

/// The output with the annotations' clock times replaced, so it can be compared.
fn without_clock(library: &Library, text: String) -> String {
    let mut text = text;
    for a in list_annotations(library, &AnnotationFilter::default(), 1000)
        .unwrap()
        .annotations
    {
        text = text
            .replace(&a.created_at, "<created>")
            .replace(&a.updated_at, "<updated>");
    }
    text
}

/// Compares with `tests/export/<name>`; `UPDATE_EXPECT=1` writes it for review.
fn check_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/export")
        .join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no {}: run with UPDATE_EXPECT=1 and review it",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\nexpected: {:?}\nactual:   {:?}",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

#[test]
fn every_text_format_of_the_reviewed_sample_matches_its_golden_file() {
    let (_folder, library) = reviewed_sample();
    let scope = ExportScope::default();
    for (format, name) in [
        (ExportFormat::Csv, "sample.csv"),
        (ExportFormat::Json, "sample.json"),
        (ExportFormat::Gexf, "sample.gexf"),
        (ExportFormat::Graphml, "sample.graphml"),
        (ExportFormat::Markdown, "sample.md"),
        (ExportFormat::Html, "sample.html"),
        (ExportFormat::Annotations, "sample.jsonld"),
    ] {
        let text = String::from_utf8(export_bytes(&library, format, &scope)).unwrap();
        check_golden(name, &without_clock(&library, text));
    }
    let by_tag = ExportScope {
        group_by: ReportGrouping::Tag,
        ..ExportScope::default()
    };
    let text = String::from_utf8(export_bytes(&library, ExportFormat::Markdown, &by_tag)).unwrap();
    check_golden("sample-by-tag.md", &text);
}

/// The CSV's records, read by the `csv` crate (after the byte-order mark).
fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix("\u{FEFF}".as_bytes())
        .expect("a UTF-8 BOM");
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn csv_holds_the_reviewed_quotations_and_no_formula() {
    let (_folder, library) = reviewed_sample();
    let rows = csv_records(&export_bytes(
        &library,
        ExportFormat::Csv,
        &ExportScope::default(),
    ));
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let article = get_article(&library, 1).unwrap().unwrap();
    assert_eq!(
        rows.len() - 1,
        article.quotes.len(),
        "one row per reviewed quotation"
    );
    assert_eq!(article.quotes.len(), 12, "13 found, one rejected");
    let texts: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r[column("quote")].as_str())
        .collect();
    assert!(
        !texts.iter().any(|t| t.contains("hub for US conspiracy")),
        "rejected stays out"
    );
    let corrected = rows[1..]
        .iter()
        .find(|r| r[column("quote")] == "Baghdad boycotts anti-Iran event in Poland")
        .unwrap();
    assert_eq!(corrected[column("status")], "corrected");
    assert_eq!(
        corrected[column("speaker")],
        "Mohamed Ali Alhakim",
        "merged into the entity"
    );
    assert_eq!(corrected[column("speaker_as_written")], "M. A. Alhakim");
    let confirmed = rows[1..]
        .iter()
        .filter(|r| r[column("status")] == "confirmed")
        .count();
    assert_eq!(confirmed, 1);
    let noted = rows[1..]
        .iter()
        .find(|r| r[column("quote")] == "when America retreats, chaos often follows,")
        .unwrap();
    assert_eq!(
        noted[column("note")],
        format!("'{HOSTILE_NOTE}"),
        "a formula is text"
    );
    assert_eq!(noted[column("tags")], "iran-iraq; pompeo");
    // Every cell that starts like a formula is behind an apostrophe.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{cell:?} would be evaluated"
            );
        }
    }
}

#[test]
fn the_speaker_filter_keeps_exactly_that_speakers_quotations() {
    let (_folder, library) = reviewed_sample();
    let scope = ExportScope {
        filter: ArticleFilter {
            speaker: Some("Sergei Lavrov".to_owned()),
            ..ArticleFilter::default()
        },
        ..ExportScope::default()
    };
    let rows = csv_records(&export_bytes(&library, ExportFormat::Csv, &scope));
    let speaker = rows[0].iter().position(|h| h == "speaker").unwrap();
    assert_eq!(rows.len() - 1, 4);
    assert!(rows[1..].iter().all(|r| r[speaker] == "Sergei Lavrov"));
    assert_eq!(export_counts(&library, &scope).unwrap().quotes, 4);
    let kind = ExportScope {
        filter: ArticleFilter {
            kind: Some("mixed".to_owned()),
            ..ArticleFilter::default()
        },
        ..ExportScope::default()
    };
    assert_eq!(
        csv_records(&export_bytes(&library, ExportFormat::Csv, &kind)).len(),
        2
    );
    assert_eq!(export_counts(&library, &kind).unwrap().quotes, 1);
}

#[test]
fn an_empty_selection_is_a_valid_file_with_headers() {
    let (_folder, library) = reviewed_sample();
    let nothing = ExportScope {
        filter: ArticleFilter {
            outlet: Some("No Such Outlet".to_owned()),
            ..ArticleFilter::default()
        },
        ..ExportScope::default()
    };
    assert_eq!(
        export_counts(&library, &nothing).unwrap(),
        ExportCounts::default()
    );
    let rows = csv_records(&export_bytes(&library, ExportFormat::Csv, &nothing));
    assert_eq!(rows.len(), 1, "the header only");
    let json: serde_json::Value =
        serde_json::from_slice(&export_bytes(&library, ExportFormat::Json, &nothing)).unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 0);
    validate_json(&json);
    let markdown =
        String::from_utf8(export_bytes(&library, ExportFormat::Markdown, &nothing)).unwrap();
    assert!(markdown.contains("No quotations in this selection."));
    for format in ExportFormat::ALL
        .into_iter()
        .filter(|f| !f.writes_a_folder())
    {
        let mut out = Vec::new();
        let summary = export(&library, format, &nothing, &mut out, &mut |_| true).unwrap();
        assert_eq!(summary.quotes, 0, "{format:?}");
        assert!(!out.is_empty(), "{format:?} writes a valid empty file");
    }
}

#[test]
fn the_workbook_read_by_calamine_holds_what_the_csv_holds() {
    use calamine::{Data, Reader, Xlsx};
    let (_folder, library) = reviewed_sample();
    let scope = ExportScope::default();
    let csv = csv_records(&export_bytes(&library, ExportFormat::Csv, &scope));
    let bytes = export_bytes(&library, ExportFormat::Xlsx, &scope);
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["quotes", "speakers", "articles", "annotations", "relations"]
    );
    let quotes = workbook.worksheet_range("quotes").unwrap();
    assert_eq!(quotes.height(), csv.len());
    for (r, (sheet_row, csv_row)) in quotes.rows().zip(&csv).enumerate() {
        for (c, (cell, expected)) in sheet_row.iter().zip(csv_row).enumerate() {
            let column = csv[0][c].as_str();
            // The CSV guards formulas with an apostrophe; a workbook cell is text anyway.
            let expected = expected.strip_prefix('\'').unwrap_or(expected);
            match cell {
                Data::String(s) => assert_eq!(s, expected, "row {r} {column}"),
                Data::Empty => assert_eq!(expected, "", "row {r} {column}"),
                Data::Float(f) if column == "confidence" => {
                    assert_eq!(format!("{f:.2}"), expected, "row {r}")
                }
                Data::Float(f) => assert_eq!(f.to_string(), expected, "row {r} {column}"),
                Data::DateTime(date) => {
                    let (y, m, d, ..) = date.to_ymd_hms_milli();
                    let day = format!("{y:04}-{m:02}-{d:02}");
                    assert!(
                        expected.starts_with(&day),
                        "row {r} {column}: {day} {expected}"
                    );
                }
                other => panic!("row {r} {column}: unexpected {other:?}"),
            }
        }
    }
    let speakers = workbook.worksheet_range("speakers").unwrap();
    let first: Vec<String> = speakers
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(first[0], "Sergei Lavrov");
    assert_eq!(first[4], "4");
    let annotations = workbook.worksheet_range("annotations").unwrap();
    assert_eq!(annotations.height(), 3, "header and two notes");
    assert!(
        annotations
            .rows()
            .any(|r| r[4] == Data::String(HOSTILE_NOTE.to_owned()))
    );
    let relations = workbook.worksheet_range("relations").unwrap();
    let map = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    assert_eq!(relations.height(), map.edges.len() + 1);
}

#[test]
fn a_cell_longer_than_excel_allows_is_cut_with_an_ellipsis() {
    let long = "é".repeat(xlsx::MAX_CELL_CHARS + 10);
    let cell = xlsx::cell_text(&long);
    assert_eq!(cell.chars().count(), xlsx::MAX_CELL_CHARS);
    assert!(cell.ends_with('…'));
    assert_eq!(xlsx::cell_text("short"), "short");
}

fn validate_json(json: &serde_json::Value) {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/quotemap-export.v1.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(json)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn json_validates_against_the_committed_schema_and_holds_the_whole_selection() {
    let (_folder, library) = reviewed_sample();
    let json: serde_json::Value = serde_json::from_slice(&export_bytes(
        &library,
        ExportFormat::Json,
        &ExportScope::default(),
    ))
    .unwrap();
    validate_json(&json);
    assert_eq!(json["version"], json::SCHEMA_VERSION);
    let article = &json["articles"][0];
    assert!(
        article["text"]
            .as_str()
            .unwrap()
            .contains("Iraq not to enter anti Iran alliance")
    );
    assert_eq!(article["quotes"].as_array().unwrap().len(), 12);
    assert_eq!(article["annotations"].as_array().unwrap().len(), 2);
    let alhakim = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Mohamed Ali Alhakim")
        .unwrap();
    let aliases: Vec<&str> = alhakim["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert!(aliases.contains(&"M. A. Alhakim"), "{aliases:?}");
    // Every piece of evidence is where it says in the article's text.
    let text: Vec<char> = article["text"].as_str().unwrap().chars().collect();
    for relation in json["relations"].as_array().unwrap() {
        for evidence in relation["evidence"].as_array().unwrap() {
            let (start, end) = (
                evidence["start"].as_u64().unwrap() as usize,
                evidence["end"].as_u64().unwrap() as usize,
            );
            let found: String = text[start..end].iter().collect();
            assert_eq!(found, evidence["sentence"].as_str().unwrap());
        }
    }
}

/// (node ids, edges as (source, target)) of a GEXF or GraphML file, read with quick-xml.
fn graph_elements(xml: &str) -> (HashSet<String>, Vec<(String, String)>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut nodes, mut edges) = (HashSet::new(), Vec::new());
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attribute = |name: &str| {
                    e.attributes()
                        .map(|a| a.unwrap())
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned()
                        })
                };
                match e.name().as_ref() {
                    "node" => {
                        nodes.insert(attribute("id").unwrap());
                    }
                    "edge" => {
                        edges.push((attribute("source").unwrap(), attribute("target").unwrap()))
                    }
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    (nodes, edges)
}

#[test]
fn graph_files_hold_every_node_and_edge_and_load_in_networkx() {
    let (folder, library) = reviewed_sample();
    let map = relation_map(&library, &ArticleFilter::default(), None).unwrap();
    for (format, prefix) in [(ExportFormat::Gexf, ""), (ExportFormat::Graphml, "n")] {
        let xml =
            String::from_utf8(export_bytes(&library, format, &ExportScope::default())).unwrap();
        let (nodes, edges) = graph_elements(&xml);
        let expected: HashSet<String> = map
            .nodes
            .iter()
            .map(|n| format!("{prefix}{}", n.id))
            .collect();
        assert_eq!(nodes, expected, "{format:?}");
        assert_eq!(edges.len(), map.edges.len(), "{format:?}");
        for edge in &map.edges {
            let pair = (
                format!("{prefix}{}", edge.from),
                format!("{prefix}{}", edge.to),
            );
            assert!(edges.contains(&pair), "{format:?} lacks {pair:?}");
        }
        let path = folder.path().join(format!("map.{}", format.extension()));
        std::fs::write(&path, &xml).unwrap();
    }
    // networkx, when this machine's Python has it: both files load as directed graphs.
    let script = "import sys, networkx as nx\n\
                  g = nx.read_gexf(sys.argv[1]); h = nx.read_graphml(sys.argv[2])\n\
                  print(g.number_of_nodes(), g.number_of_edges(), h.number_of_nodes(), h.number_of_edges(), g.is_directed(), h.is_directed())";
    let has_networkx = std::process::Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_networkx {
        eprintln!("networkx not installed: the networkx check is skipped");
        return;
    }
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(folder.path().join("map.gexf"))
        .arg(folder.path().join("map.graphml"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let (n, e) = (map.nodes.len(), map.edges.len());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        format!("{n} {e} {n} {e} True True")
    );
}

#[test]
fn reports_keep_a_hostile_note_as_text() {
    let (_folder, library) = reviewed_sample();
    let html = String::from_utf8(export_bytes(
        &library,
        ExportFormat::Html,
        &ExportScope::default(),
    ))
    .unwrap();
    let document = dom_query::Document::from(html.as_str());
    assert_eq!(document.select("script").length(), 0);
    assert_eq!(document.select("b").length(), 0);
    assert_eq!(document.select("a").length(), 0);
    let notes: Vec<String> = document
        .select(".note")
        .iter()
        .map(|n| n.text().to_string())
        .collect();
    assert!(notes.contains(&HOSTILE_NOTE.to_owned()), "{notes:?}");
    let markdown = String::from_utf8(export_bytes(
        &library,
        ExportFormat::Markdown,
        &ExportScope::default(),
    ))
    .unwrap();
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&markdown));
    let page = dom_query::Document::from(rendered.as_str());
    assert_eq!(
        page.select("script").length() + page.select("a").length() + page.select("b").length(),
        0
    );
    assert!(
        page.text().contains(HOSTILE_NOTE),
        "the note reads as written"
    );
}

#[test]
fn web_annotations_target_the_text_they_quote() {
    let (_folder, library) = reviewed_sample();
    let json: serde_json::Value = serde_json::from_slice(&export_bytes(
        &library,
        ExportFormat::Annotations,
        &ExportScope::default(),
    ))
    .unwrap();
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    let items = json["first"]["items"].as_array().unwrap();
    assert_eq!(json["total"], items.len());
    assert_eq!(items.len(), 2 + 12);
    let text: Vec<char> = get_article(&library, 1)
        .unwrap()
        .unwrap()
        .text
        .chars()
        .collect();
    for item in items {
        let selectors = item["target"]["selector"].as_array().unwrap();
        let quote = &selectors[0];
        let position = &selectors[1];
        assert_eq!(quote["type"], "TextQuoteSelector");
        let (start, end) = (
            position["start"].as_u64().unwrap() as usize,
            position["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[start..end].iter().collect::<String>(),
            quote["exact"].as_str().unwrap()
        );
        let prefix: String = text[..start].iter().collect();
        assert!(prefix.ends_with(quote["prefix"].as_str().unwrap()));
    }
    let hostile = items
        .iter()
        .find(|i| i["motivation"] == "commenting" && i["body"][0]["value"] == HOSTILE_NOTE);
    assert!(hostile.is_some());
}

#[test]
fn a_file_is_complete_or_absent() {
    let (folder, library) = reviewed_sample();
    let scope = ExportScope::default();
    let out = folder.path().join("quotes.csv");
    let summary = export_to_file(
        &library,
        ExportFormat::Csv,
        &scope,
        &out,
        false,
        &mut |_| true,
    )
    .unwrap();
    assert_eq!(summary.quotes, 12);
    let written = std::fs::read(&out).unwrap();
    // An existing file is kept unless overwriting is asked for.
    let again = export_to_file(
        &library,
        ExportFormat::Csv,
        &scope,
        &out,
        false,
        &mut |_| true,
    );
    assert!(matches!(again, Err(ExportError::Exists(_))), "{again:?}");
    assert_eq!(std::fs::read(&out).unwrap(), written);
    // A cancelled export leaves the old file and no temporary one.
    let cancelled = export_to_file(&library, ExportFormat::Json, &scope, &out, true, &mut |p| {
        p.done == 0
    });
    assert!(
        matches!(cancelled, Err(ExportError::Cancelled)),
        "{cancelled:?}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), written);
    let missing = export_to_file(
        &library,
        ExportFormat::Csv,
        &scope,
        &folder.path().join("no/such/folder/q.csv"),
        false,
        &mut |_| true,
    );
    let message = missing.unwrap_err().to_string();
    assert!(
        message.contains("no/such/folder") && message.contains("no such folder"),
        "{message}"
    );
    let names: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".quotemap-export")),
        "{names:?}"
    );
    // A full disk: the error says so, nothing panics.
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let result = export(
            &library,
            ExportFormat::Json,
            &scope,
            std::io::BufWriter::new(full),
            &mut |_| true,
        );
        let message = result.unwrap_err().to_string();
        assert!(message.contains("cannot write"), "{message}");
    }
}

/// The rows of a Parquet file, each a JSON object, read with the parquet crate's row reader.
fn parquet_rows(path: &Path) -> Vec<serde_json::Value> {
    use ::parquet::file::reader::{FileReader, SerializedFileReader};
    use ::parquet::record::Field;
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| {
            let row = row.unwrap();
            let fields = row.get_column_iter().map(|(name, field)| {
                let value = match field {
                    Field::Null => serde_json::Value::Null,
                    Field::Bool(b) => (*b).into(),
                    Field::Long(n) => (*n).into(),
                    Field::Double(x) => (*x).into(),
                    Field::Str(s) => s.clone().into(),
                    other => panic!("{name}: unexpected {other:?}"),
                };
                (name.clone(), value)
            });
            serde_json::Value::Object(fields.collect())
        })
        .collect()
}

/// The Parquet tables hold what the CSV (quotations) and the JSON (entities,
/// relations, evidence) hold, with the user's layer applied.
#[test]
fn parquet_tables_hold_what_the_csv_and_the_json_hold() {
    let (folder, library) = reviewed_sample();
    let scope = ExportScope::default();
    let out = folder.path().join("findings");
    let summary = export_to_file(
        &library,
        ExportFormat::Parquet,
        &scope,
        &out,
        false,
        &mut |_| true,
    )
    .unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut expected_names = parquet_tables::PARQUET_TABLES.map(str::to_owned).to_vec();
    expected_names.sort();
    assert_eq!(names, expected_names);

    let csv = csv_records(&export_bytes(&library, ExportFormat::Csv, &scope));
    let quotes = parquet_rows(&out.join("quotes.parquet"));
    assert_eq!(quotes.len(), csv.len() - 1);
    assert_eq!(summary.quotes as usize, quotes.len());
    let column = |name: &str| csv[0].iter().position(|c| c == name).unwrap();
    for (row, record) in quotes.iter().zip(&csv[1..]) {
        assert_eq!(row["quote_id"], record[column("quote_id")]);
        // The CSV guards formulas with an apostrophe; a Parquet string is data anyway.
        for (parquet_column, csv_column) in [
            ("text", "quote"),
            ("kind", "kind"),
            ("status", "status"),
            ("sentence", "sentence"),
            ("speaker", "speaker"),
            ("speaker_as_written", "speaker_as_written"),
        ] {
            let cell = record[column(csv_column)].as_str();
            assert_eq!(
                row[parquet_column].as_str().unwrap_or(""),
                cell.strip_prefix('\'').unwrap_or(cell),
                "{parquet_column}"
            );
        }
    }
    assert!(quotes.iter().all(|q| q["status"] != "rejected"));
    assert!(
        quotes
            .iter()
            .any(|q| q["speaker"] == "Mohamed Ali Alhakim"
                && q["speaker_as_written"] == "M. A. Alhakim"),
        "the user's correction, merged"
    );

    let json: serde_json::Value =
        serde_json::from_slice(&export_bytes(&library, ExportFormat::Json, &scope)).unwrap();
    let entities = parquet_rows(&out.join("entities.parquet"));
    assert_eq!(entities.len(), json["entities"].as_array().unwrap().len());
    let alhakim = entities
        .iter()
        .find(|e| e["name"] == "Mohamed Ali Alhakim")
        .unwrap();
    assert!(
        alhakim["aliases"]
            .as_str()
            .unwrap()
            .contains("M. A. Alhakim")
    );
    let relations = parquet_rows(&out.join("relations.parquet"));
    let json_relations = json["relations"].as_array().unwrap();
    assert_eq!(relations.len(), json_relations.len());
    let evidence = parquet_rows(&out.join("evidence.parquet"));
    let json_evidence: Vec<&serde_json::Value> = json_relations
        .iter()
        .flat_map(|r| r["evidence"].as_array().unwrap())
        .collect();
    assert_eq!(evidence.len(), json_evidence.len());
    for (row, expected) in evidence.iter().zip(&json_evidence) {
        assert_eq!(row["sentence"], expected["sentence"]);
        assert_eq!(row["start"], expected["start"]);
        let relation = &relations[row["relation_id"].as_i64().unwrap() as usize - 1];
        assert_eq!(relation["relation_id"], row["relation_id"]);
    }
    let annotations = parquet_rows(&out.join("annotations.parquet"));
    assert!(annotations.iter().any(|a| a["note"] == HOSTILE_NOTE));
    let articles = parquet_rows(&out.join("articles.parquet"));
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["tags"], "iran-iraq");
    assert_eq!(articles[0]["quotes"], quotes.len() as i64);
    let speakers = parquet_rows(&out.join("speakers.parquet"));
    let quoted: HashSet<&str> = quotes
        .iter()
        .filter_map(|q| q["speaker"].as_str())
        .collect();
    assert_eq!(speakers.len(), quoted.len());
    let counted: i64 = speakers.iter().map(|s| s["quotes"].as_i64().unwrap()).sum();
    assert_eq!(
        counted as usize,
        quotes.iter().filter(|q| !q["speaker"].is_null()).count()
    );
}

/// The folder is replaced only when asked and only if it holds our tables alone;
/// a stream cannot take a folder; an empty selection gives empty tables.
#[test]
fn a_parquet_folder_is_never_mixed_with_other_files() {
    let (folder, library) = reviewed_sample();
    let scope = ExportScope::default();
    let out = folder.path().join("findings");
    let export_to = |path: &Path, overwrite: bool| {
        export_to_file(
            &library,
            ExportFormat::Parquet,
            &scope,
            path,
            overwrite,
            &mut |_| true,
        )
    };
    export_to(&out, false).unwrap();
    assert!(matches!(
        export_to(&out, false),
        Err(ExportError::Exists(_))
    ));
    export_to(&out, true).unwrap();
    std::fs::write(out.join("my-notes.txt"), "mine").unwrap();
    let refused = export_to(&out, true).unwrap_err().to_string();
    assert!(refused.contains("my-notes.txt"), "{refused}");
    assert_eq!(
        std::fs::read_to_string(out.join("my-notes.txt")).unwrap(),
        "mine"
    );
    let file = folder.path().join("a-file.parquet");
    std::fs::write(&file, "x").unwrap();
    assert!(
        export_to(&file, true)
            .unwrap_err()
            .to_string()
            .contains("is a file")
    );
    assert!(matches!(
        export(
            &library,
            ExportFormat::Parquet,
            &scope,
            Vec::new(),
            &mut |_| true
        ),
        Err(ExportError::NeedsFolder("parquet"))
    ));
    // Nothing half-written is left beside them.
    let leftovers: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with(".quotemap-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let nothing = ExportScope {
        filter: ArticleFilter {
            outlet: Some("No such outlet".to_owned()),
            ..ArticleFilter::default()
        },
        ..ExportScope::default()
    };
    let empty = folder.path().join("empty");
    export_to_file(
        &library,
        ExportFormat::Parquet,
        &nothing,
        &empty,
        false,
        &mut |_| true,
    )
    .unwrap();
    for table in parquet_tables::PARQUET_TABLES {
        assert!(parquet_rows(&empty.join(table)).is_empty(), "{table}");
    }
    let cancelled = folder.path().join("cancelled");
    assert!(matches!(
        export_to_file(
            &library,
            ExportFormat::Parquet,
            &scope,
            &cancelled,
            false,
            &mut |_| false
        ),
        Err(ExportError::Cancelled)
    ));
    assert!(!cancelled.exists());
}

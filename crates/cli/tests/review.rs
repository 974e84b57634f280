//! The analyst's layer from the shell: the same use cases as the window,
//! driven by the ids and code-point offsets `quotemap show --json` prints.

mod common;

use common::{quotemap, stderr, stdout};
use serde_json::Value;
use std::path::Path;

fn show(library: &Path, id: i64, machine: bool) -> Value {
    let mut args = vec!["show".to_owned(), id.to_string(), "--json".to_owned()];
    if machine {
        args.push("--machine".to_owned());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = quotemap(library, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The quotation holding `words`, and its speaker's name.
fn quote<'a>(article: &'a Value, words: &str) -> (&'a Value, Option<String>) {
    let quote = article["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"].as_str().unwrap().contains(words))
        .unwrap_or_else(|| panic!("no quotation with {words:?}"));
    let speaker = quote["speaker"].as_u64().map(|s| {
        article["speakers"][s as usize]["name"]
            .as_str()
            .unwrap()
            .to_owned()
    });
    (quote, speaker)
}

/// `[start, end]` in code points of `words` in the article's stored text.
fn span(article: &Value, words: &str) -> (String, String) {
    let text = article["text"].as_str().unwrap();
    let byte = text.find(words).unwrap();
    let start = text[..byte].chars().count();
    (
        start.to_string(),
        (start + words.chars().count()).to_string(),
    )
}

fn ok(library: &Path, args: &[&str]) -> String {
    let output = quotemap(library, args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

fn refused(library: &Path, args: &[&str], words: &str) {
    let output = quotemap(library, args);
    assert_eq!(output.status.code(), Some(1), "{args:?}");
    let message = stderr(&output);
    assert!(
        message.contains(words),
        "{args:?}: {message:?} should say {words:?}"
    );
}

#[test]
fn notes_and_corrections_from_the_shell_survive_reanalysis() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let sample = show(&library, 1, false);
    // Offsets are code points into the stored text `show --json` prints.
    let (start, end) = span(&sample, "Military and security cooperation");
    let made = ok(
        &library,
        &[
            "annotate",
            "1",
            "--start",
            &start,
            "--end",
            &end,
            "--note",
            "Check\nthe readout",
            "--tag",
            "follow-up",
            "--tag",
            "russia",
            "--color",
            "green",
        ],
    );
    assert!(
        made.contains("\"Military and security cooperation\""),
        "{made}"
    );
    let listed = ok(
        &library,
        &["annotations", "list", "--tag", "russia", "--json"],
    );
    let note: Value = serde_json::from_str(listed.lines().next().unwrap()).unwrap();
    assert_eq!(note["exact"], "Military and security cooperation");
    assert_eq!(note["note"], "Check\nthe readout");
    assert_eq!(note["tags"], serde_json::json!(["follow-up", "russia"]));
    assert!(ok(&library, &["annotations", "list", "--search", "readout"]).contains("follow-up"));
    assert_eq!(ok(&library, &["annotations", "list", "--tag", "other"]), "");

    // Reject Lavrov's first direct quotation, give Zarif's colon quote to Pompeo.
    let (lavrov, who) = quote(&sample, "Russia will help Iraq");
    assert_eq!(who.as_deref(), Some("Sergei Lavrov"));
    ok(
        &library,
        &["quote", "reject", lavrov["id"].as_str().unwrap()],
    );
    let (zarif, who) = quote(&sample, "simply untrue");
    assert_eq!(who.as_deref(), Some("Mohammad Javad Zarif"));
    let moved = ok(
        &library,
        &[
            "quote",
            "set-speaker",
            zarif["id"].as_str().unwrap(),
            "Mike Pompeo",
        ],
    );
    let moved_id = moved.trim().rsplit(' ').next().unwrap().to_owned();
    ok(&library, &["tag", "1", "iraq", "russia"]);
    ok(&library, &["reviewed", "1"]);

    let check = |when: &str| {
        let article = show(&library, 1, false);
        assert!(
            article["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .all(|q| !q["text"]
                    .as_str()
                    .unwrap()
                    .contains("Russia will help Iraq")),
            "{when}: rejected"
        );
        let (zarif, who) = quote(&article, "simply untrue");
        assert_eq!(who.as_deref(), Some("Mike Pompeo"), "{when}");
        assert_eq!(zarif["status"], "corrected", "{when}");
        assert_eq!(zarif["id"], moved_id.as_str(), "{when}: the id stays");
        assert_eq!(
            article["tags"],
            serde_json::json!(["iraq", "russia"]),
            "{when}"
        );
        assert_eq!(article["reviewed"], true, "{when}");
        assert_eq!(
            article["annotations"].as_array().unwrap().len(),
            1,
            "{when}"
        );
    };
    check("after the corrections");
    assert!(ok(&library, &["reanalyze", "--all"]).contains("analysed 1 article"));
    check("after reanalyze");
    // The machine's analysis stays what the engine said.
    let machine = show(&library, 1, true);
    assert_eq!(
        quote(&machine, "simply untrue").1.as_deref(),
        Some("Mohammad Javad Zarif")
    );
    assert!(machine["annotations"].as_array().unwrap().is_empty());

    // An added quotation, and deleting the note.
    let (start, end) = span(&sample, "Iraq not to enter anti Iran alliance");
    ok(
        &library,
        &[
            "quote",
            "add",
            "1",
            "--start",
            &start,
            "--end",
            &end,
            "--speaker",
            "Iran Press",
            "--kind",
            "indirect",
        ],
    );
    let now = show(&library, 1, false);
    let (added, who) = quote(&now, "Iraq not to enter anti Iran alliance");
    assert_eq!(
        (added["status"].as_str(), who.as_deref()),
        (Some("added"), Some("Iran Press"))
    );
    ok(
        &library,
        &["annotations", "delete", &note["id"].to_string()],
    );
    assert_eq!(ok(&library, &["annotations", "list"]), "");
}

#[test]
fn entities_merge_and_split_from_the_shell() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let export = |library: &Path| ok(library, &["export", "--format", "gexf", "-"]);
    let gexf = export(&library);
    let node_id = |gexf: &str, label: &str| -> String {
        let at = gexf
            .find(&format!("label=\"{label}\""))
            .unwrap_or_else(|| panic!("no {label}"));
        let start = gexf[..at].rfind("id=\"").unwrap() + 4;
        gexf[start..].split('"').next().unwrap().to_owned()
    };
    let pompeo = node_id(&gexf, "Mike Pompeo");
    let lavrov = node_id(&gexf, "Sergei Lavrov");
    assert!(ok(&library, &["entity", "merge", &pompeo, &lavrov]).contains("merged"));
    let merged = export(&library);
    assert!(!merged.contains("label=\"Mike Pompeo\""));
    let names = ok(&library, &["entity", "show", &lavrov]);
    assert!(
        names.contains("Mike Pompeo") && names.contains("Sergei Lavrov"),
        "{names}"
    );
    ok(&library, &["entity", "split", &lavrov, "Mike Pompeo"]);
    assert!(export(&library).contains("label=\"Mike Pompeo\""));
    let renamed = ok(&library, &["entity", "rename", &lavrov, "Sergey Lavrov"]);
    assert!(renamed.contains("Sergey Lavrov"));
    assert!(export(&library).contains("label=\"Sergey Lavrov\""));
}

#[test]
fn bad_input_is_refused_with_a_reason_and_changes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let library = folder.path().join("lib.sqlite3");
    let before = show(&library, 1, false);
    refused(
        &library,
        &["annotate", "1", "--start", "5", "--end", "5"],
        "empty",
    );
    refused(
        &library,
        &["annotate", "1", "--start", "0", "--end", "999999"],
        "outside",
    );
    refused(
        &library,
        &["annotate", "7", "--start", "0", "--end", "4"],
        "no article #7",
    );
    refused(
        &library,
        &[
            "annotate", "1", "--start", "0", "--end", "4", "--tag", "a\u{7}b",
        ],
        "control characters",
    );
    refused(
        &library,
        &[
            "annotate", "1", "--start", "0", "--end", "4", "--color", "red",
        ],
        "unknown colour",
    );
    // One argument holds at most 128 KiB (the 1 MB note is refused in the core tests).
    let huge = "x".repeat(100_000);
    refused(
        &library,
        &[
            "annotate", "1", "--start", "0", "--end", "4", "--note", &huge,
        ],
        "longer than",
    );
    refused(
        &library,
        &["annotations", "delete", "42"],
        "no annotation #42",
    );
    refused(&library, &["quote", "reject", "1:0-1"], "no quotation");
    refused(&library, &["quote", "confirm", "u12"], "no quotation");
    refused(&library, &["entity", "merge", "3", "3"], "itself");
    refused(
        &library,
        &["entity", "rename", "999999", "X"],
        "no entity #999999",
    );
    refused(
        &library,
        &["entity", "split", "1", "Nobody"],
        "not a name of entity #1",
    );
    refused(&library, &["tag", "1", " "], "empty");
    let (any, _) = quote(&before, "Russia will help Iraq");
    refused(
        &library,
        &["quote", "set-kind", any["id"].as_str().unwrap(), "rumour"],
        "unknown quotation kind",
    );
    assert_eq!(show(&library, 1, false), before, "nothing changed");
}

//! Data-driven ingest tests: every file in `tests/fixtures/ingest/` is read
//! as an article and its structure dump compared with `<file>.expected`
//! beside it. `UPDATE_EXPECT=1 cargo test` rewrites the dumps (review the diff).

use crate::ingest::{self, Article};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/ingest");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_none_or(|e| e != "expected"))
        .collect();
    files.sort();
    files
}

fn dump(result: Result<Article, ingest::IngestError>) -> String {
    let article = match result {
        Ok(article) => article,
        Err(error) => return format!("error: {error}\n"),
    };
    let mut out = String::new();
    writeln!(out, "title: {:?}", article.title).unwrap();
    writeln!(out, "outlet: {:?}", article.outlet).unwrap();
    writeln!(out, "author: {:?}", article.author).unwrap();
    match &article.published {
        Some(p) => writeln!(
            out,
            "published: {} utc={:?} zone={:?}",
            p.local, p.utc, p.zone
        ),
        None => writeln!(out, "published: None"),
    }
    .unwrap();
    writeln!(
        out,
        "encoding: {} errors={}",
        article.encoding, article.had_decoding_errors
    )
    .unwrap();
    writeln!(out, "sha256: {}", article.content_hash()).unwrap();
    writeln!(out, "blocks:").unwrap();
    for block in &article.blocks {
        let text = &article.text[block.span.clone()];
        let shown: String = text.chars().take(70).collect();
        let ellipsis = if text.chars().count() > 70 { "…" } else { "" };
        writeln!(
            out,
            "  {:<16} {:>5}..{:<5} {:?}{}",
            format!("{:?}", block.kind),
            block.span.start,
            block.span.end,
            shown,
            ellipsis
        )
        .unwrap();
    }
    out
}

#[test]
fn ingest_fixtures_match_their_dumps() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut mismatches = Vec::new();
    let files = fixtures();
    assert!(files.len() >= 5, "fixtures missing");
    for path in files {
        // Batch files give one dump per record, headed by its line or row.
        let actual = match ingest::read_records(&path, ingest::DEFAULT_MAX_FILE_BYTES) {
            Err(error) => format!("error: {error}\n"),
            Ok(records) => records
                .into_iter()
                .map(|record| match record.label {
                    Some(label) => format!("== {label}\n{}", dump(record.article)),
                    None => dump(record.article),
                })
                .collect(),
        };
        let expected_path = PathBuf::from(format!("{}.expected", path.display()));
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            mismatches.push(format!(
                "--- {}\n{}\n+++ actual\n{}",
                expected_path.display(),
                expected,
                actual
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn sample_article_is_a_fixture_too() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/ingest/iran-press-2019-01-30.txt");
    assert_eq!(
        std::fs::read_to_string(sample).unwrap(),
        crate::sample::SAMPLE_ARTICLE
    );
}

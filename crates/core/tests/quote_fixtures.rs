//! Data-driven quote tests: every `tests/fixtures/quotes/*.txt` (and the
//! bundled sample article) is analysed and the dump compared with the
//! `.expected` file beside it. The fixtures are short texts written by us,
//! one construction each; a mistake fixed becomes a new fixture.
//! `UPDATE_EXPECT=1 cargo test` rewrites the dumps: review the diff.

use crate::analyze::{Analysis, analyze};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn dump(text: &str, analysis: &Analysis) -> String {
    let mut out = String::new();
    for quote in &analysis.quotes {
        let speaker = quote.speaker.map_or("?".to_owned(), |s| {
            let speaker = &analysis.speakers[s];
            let about: Vec<&str> = [speaker.role.as_deref(), speaker.affiliation.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if about.is_empty() {
                speaker.name.clone()
            } else {
                format!("{} ({})", speaker.name, about.join(", "))
            }
        });
        let mention = quote
            .speaker_mention
            .clone()
            .map_or(String::new(), |m| format!(" mention={:?}", &text[m]));
        let cue = quote
            .cue
            .clone()
            .map_or(String::new(), |c| format!(" cue={:?}", &text[c]));
        writeln!(
            out,
            "{}{} [{}]{}{} rule={} conf={:.2}\n    {:?}",
            quote.kind.as_str(),
            if quote.nested { " nested" } else { "" },
            speaker,
            mention,
            cue,
            quote.rule,
            quote.confidence,
            &text[quote.span.clone()],
        )
        .unwrap();
    }
    out
}

fn check(name: &str, text: &str, expected_path: &Path, update: bool) -> Option<String> {
    let actual = dump(text, &analyze(text));
    if update {
        std::fs::write(expected_path, &actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
    (expected != actual).then(|| format!("--- {name} expected\n{expected}+++ actual\n{actual}"))
}

#[test]
fn quote_fixtures_match_their_dumps() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/quotes");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "quote fixtures missing");
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let expected = path.with_extension("expected");
        failures.extend(check(&path.display().to_string(), &text, &expected, update));
    }
    let sample = crate::sample::SAMPLE_ARTICLE;
    failures.extend(check(
        "sample",
        sample,
        &root.join("sample-article.expected"),
        update,
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The sample article is the job's definition: these attributions must hold.
#[test]
fn sample_article_has_the_design_table() {
    let text = crate::sample::SAMPLE_ARTICLE;
    let analysis = analyze(text);
    let said_by = |needle: &str| -> Option<String> {
        analysis
            .quotes
            .iter()
            .filter(|q| text[q.span.clone()].contains(needle))
            .min_by_key(|q| q.span.len())
            .and_then(|q| q.speaker)
            .map(|s| analysis.speakers[s].name.clone())
    };
    let table = [
        (
            "Baghdad will not enter any treaty against Iran",
            "Mohamed Ali Alhakim",
        ),
        (
            "Military and security cooperation with Russia",
            "Mohamed Ali Alhakim",
        ),
        ("importance of security on the border", "Sergei Lavrov"),
        ("Russia will help Iraq", "Sergei Lavrov"),
        ("The US presence in Iraq", "Sergei Lavrov"),
        ("conference in Poland as nonconstructive", "Sergei Lavrov"),
        (
            "Iran and Iraq had friendly relations",
            "Mohammad Javad Zarif",
        ),
        (
            "is simply untrue. Actually the opposite is the case",
            "Mohammad Javad Zarif",
        ),
        ("none of Pompeo's business", "Mohammad Javad Zarif"),
        (
            "redoubling its diplomatic and commercial efforts",
            "Mike Pompeo",
        ),
        ("when America retreats, chaos often follows,", "Mike Pompeo"),
        ("Baghdad boycotts anti-Iran event", "Mohamed Ali Alhakim"),
        ("hub for US conspiracy against Iran", "official"),
    ];
    for (needle, speaker) in table {
        assert_eq!(said_by(needle).as_deref(), Some(speaker), "{needle}");
    }
    let lavrov = analysis
        .speakers
        .iter()
        .find(|s| s.name == "Sergei Lavrov")
        .unwrap();
    assert_eq!(lavrov.role.as_deref(), Some("Foreign Minister"));
    assert_eq!(lavrov.affiliation.as_deref(), Some("Russia"));
}

/// Arbitrary text never panics the analysis, entities and relations included
/// (a cheap stand-in for the fuzz target).
#[test]
fn analysis_never_panics_on_odd_text() {
    let pieces = [
        "\u{201C}",
        "\u{201D}",
        "\"",
        "'",
        "''",
        "\u{2018}",
        "\u{2019}",
        "«",
        "»",
        "„",
        ":",
        ",",
        ".",
        " ",
        "\n",
        "\n\n",
        "said",
        "he",
        "Mr.",
        "according to",
        "é",
        "😀",
        "\u{301}",
        "Lavrov",
        "that",
        "—",
        "Tehran's",
        "in Moscow",
        "Jan. 17",
        "one day after",
        "against",
        "not",
        "anti-",
        "met with",
        "counterpart",
        "Iraqi",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(state % 60) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let analysis = analyze(&text);
        for quote in &analysis.quotes {
            assert!(
                text.is_char_boundary(quote.span.start) && text.is_char_boundary(quote.span.end)
            );
        }
        let _ = crate::api::extract_quotes(&text, true);
        // Entities and relations too: every span on a character boundary.
        let article = crate::analyze::analyze_article(&text, Some("2019-01-30"));
        let found = &article.entities;
        for mention in &found.mentions {
            assert!(
                text.is_char_boundary(mention.span.start)
                    && text.is_char_boundary(mention.span.end)
            );
        }
        for relation in &found.relations {
            for span in &relation.evidence {
                assert!(
                    span.start <= span.end
                        && text.is_char_boundary(span.start)
                        && text.is_char_boundary(span.end)
                );
            }
        }
    }
}

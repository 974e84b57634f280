//! Data-driven quote tests: every `tests/fixtures/quotes/*.txt` (and the
//! bundled sample article) is analysed and the dump compared with the
//! `.expected` file beside it. The fixtures are short texts written by us,
//! one construction each; a mistake fixed becomes a new fixture.
//!
//! An expected dump states what is true, checked by a person against the
//! text. Each quotation is a header (`kind [speaker] key=value…`) and its
//! text; a field left out of the header is not checked, so a dump can state
//! the truth (kind, speaker, span) without guessing the rule or confidence
//! an engine that gets it right would print. Fixtures the engine gets wrong
//! today are listed in `known-failures.list`: they are reported, not failed,
//! and one that starts to pass fails the test until it is taken off the list
//! (a fix shows as progress). `UPDATE_EXPECT=1 cargo test` rewrites the
//! other dumps from the engine's output — to review a diff, never to accept
//! a wrong answer; it leaves the listed ones alone.

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

/// One quotation of a dump: its header's fields and its text line.
#[derive(Debug)]
struct DumpedQuote {
    kind: String,
    speaker: String,
    fields: Vec<(String, String)>,
    text: String,
}

/// Reads a dump: a header line (`kind [speaker] key=value …`) and an indented text line per quotation.
fn parse_dump(dump: &str) -> Vec<DumpedQuote> {
    let lines: Vec<&str> = dump.lines().filter(|l| !l.trim().is_empty()).collect();
    lines
        .chunks(2)
        .map(|pair| {
            let header = pair[0];
            let open = header.find(" [").unwrap_or(header.len());
            let close = header[open..].find(']').map_or(header.len(), |i| open + i);
            let kind = header[..open].to_owned();
            let speaker = header.get(open + 2..close).unwrap_or("").to_owned();
            let mut fields = Vec::new();
            let mut rest = header.get(close + 1..).unwrap_or("").trim();
            while let Some(eq) = rest.find('=') {
                let key = rest[..eq].trim().to_owned();
                let value_start = &rest[eq + 1..];
                let (value, next) = if let Some(quoted) = value_start.strip_prefix('"') {
                    // A quoted value ends at the first `"` not escaped.
                    let mut end = 0;
                    let mut escaped = false;
                    for (i, c) in quoted.char_indices() {
                        if escaped {
                            escaped = false;
                        } else if c == '\\' {
                            escaped = true;
                        } else if c == '"' {
                            end = i;
                            break;
                        }
                    }
                    (format!("\"{}\"", &quoted[..end]), &quoted[end + 1..])
                } else {
                    let end = value_start.find(' ').unwrap_or(value_start.len());
                    (value_start[..end].to_owned(), &value_start[end..])
                };
                fields.push((key, value));
                rest = next.trim();
            }
            DumpedQuote {
                kind,
                speaker,
                fields,
                text: pair.get(1).map_or(String::new(), |t| t.trim().to_owned()),
            }
        })
        .collect()
}

/// Whether the engine's dump says what the expected dump states (fields the
/// expected header leaves out are not checked).
fn dump_holds(expected: &str, actual: &str) -> bool {
    let (expected, actual) = (parse_dump(expected), parse_dump(actual));
    expected.len() == actual.len()
        && expected.iter().zip(&actual).all(|(e, a)| {
            e.kind == a.kind
                && e.speaker == a.speaker
                && e.text == a.text
                && e.fields.iter().all(|field| a.fields.contains(field))
        })
}

/// The fixtures the engine gets wrong today (file stems), from `known-failures.list`
/// in `root` (the quote and the entity fixtures each have one).
pub(super) fn known_failures(root: &Path) -> Vec<String> {
    std::fs::read_to_string(root.join("known-failures.list"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// How a fixture fared.
enum Outcome {
    Holds,
    Fails(String),
}

fn check(name: &str, text: &str, expected_path: &Path, update: bool) -> Outcome {
    let actual = dump(text, &analyze(text));
    if update {
        std::fs::write(expected_path, &actual).unwrap();
        return Outcome::Holds;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
    if dump_holds(&expected, &actual) {
        Outcome::Holds
    } else {
        Outcome::Fails(format!(
            "--- {name} expected\n{expected}+++ actual\n{actual}"
        ))
    }
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
    let known = known_failures(&root);
    let mut cases: Vec<(String, String, PathBuf)> = files
        .iter()
        .map(|path| {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            (
                stem,
                std::fs::read_to_string(path).unwrap(),
                path.with_extension("expected"),
            )
        })
        .collect();
    cases.push((
        "sample-article".to_owned(),
        crate::sample::SAMPLE_ARTICLE.to_owned(),
        root.join("sample-article.expected"),
    ));
    for stem in &known {
        assert!(
            cases.iter().any(|(s, ..)| s == stem),
            "known-failures.list names no fixture {stem:?}"
        );
    }
    let (mut failures, mut still_known, mut fixed) = (Vec::new(), Vec::new(), Vec::new());
    for (stem, text, expected) in &cases {
        let listed = known.contains(stem);
        // The listed dumps state the truth by hand: never rewritten from the engine's output.
        match check(stem, text, expected, update && !listed) {
            Outcome::Holds if listed => fixed.push(stem.clone()),
            Outcome::Holds => {}
            Outcome::Fails(_) if listed => still_known.push(stem.clone()),
            Outcome::Fails(diff) => failures.push(diff),
        }
    }
    if !still_known.is_empty() {
        eprintln!(
            "known failures ({} of {} quote fixtures): {}",
            still_known.len(),
            cases.len(),
            still_known.join(", ")
        );
    }
    assert!(
        fixed.is_empty(),
        "now right, take off tests/fixtures/quotes/known-failures.list: {}",
        fixed.join(", ")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_expected_dump_checks_only_the_fields_it_states() {
    let engine = "direct [Elinor] mention=\"Elinor\" cue=\"said\" rule=previous-speaker conf=0.60\n    \"All day?\"\n";
    let truth = "direct [Marianne]\n    \"All day?\"\n";
    assert!(!dump_holds(truth, engine), "the speaker is checked");
    assert!(
        dump_holds("direct [Elinor]\n    \"All day?\"\n", engine),
        "unstated fields are not"
    );
    assert!(dump_holds(engine, engine));
    assert!(
        !dump_holds("direct [Elinor] cue=\"asked\"\n    \"All day?\"\n", engine),
        "stated ones are"
    );
    assert!(!dump_holds("", engine), "a missing quotation fails");
    let escaped = "direct [A] mention=\"say \\\"hi\\\"\" rule=r conf=0.90\n    \"x\"\n";
    assert!(dump_holds(escaped, escaped));
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

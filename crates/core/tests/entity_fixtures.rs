//! Data-driven entity and relation tests: every `tests/fixtures/entities/*.txt`
//! (and the bundled sample article) is read as an article (so its date line
//! dates it), analysed, and its entities and relations dumped and compared
//! with the `.expected` file beside it. `UPDATE_EXPECT=1 cargo test` rewrites
//! the dumps: review the diff. The sample must show the relations of DESIGN.md.
//! Fixtures the engine gets wrong today are named in `known-failures.list`
//! beside them: their dumps are written by hand, reported, not failed, and
//! the test fails once they come out right.

use crate::analyze::analyze;
use crate::analyze::entities::{Entities, RelationKind, Stance, find_entities};
use crate::ingest::{SourceFormat, article_from_bytes};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn entities_of(text: &str) -> (String, Entities) {
    let article = article_from_bytes(text.as_bytes(), SourceFormat::PlainText).unwrap();
    let analysis = analyze(&article.text);
    let published = article.published.as_ref().map(|p| p.local.clone());
    let entities = find_entities(&article.text, &analysis, published.as_deref());
    (article.text, entities)
}

fn dump(text: &str, found: &Entities) -> String {
    let mut out = String::new();
    for entity in &found.entities {
        let n = found
            .mentions
            .iter()
            .filter(|m| std::ptr::eq(&found.entities[m.entity], entity))
            .count();
        let detail = entity
            .detail
            .as_deref()
            .map_or(String::new(), |d| format!(" ({d})"));
        writeln!(
            out,
            "{} {}{} mentions={n}",
            entity.kind.as_str(),
            entity.name,
            detail
        )
        .unwrap();
    }
    for relation in &found.relations {
        let name = |i: usize| found.entities[i].name.as_str();
        let extra: Vec<String> = [
            relation.place.map(|p| format!("in {}", name(p))),
            relation.date.map(|d| format!("on {}", name(d))),
        ]
        .into_iter()
        .flatten()
        .collect();
        writeln!(
            out,
            "{} {} -> {} [{}]{}",
            relation.kind.as_str(),
            name(relation.from),
            name(relation.to),
            relation.stance.as_str(),
            if extra.is_empty() {
                String::new()
            } else {
                format!(" {}", extra.join(" "))
            }
        )
        .unwrap();
        for evidence in &relation.evidence {
            let sentence: String = text[evidence.clone()].chars().take(90).collect();
            writeln!(out, "    {sentence:?}").unwrap();
        }
    }
    out
}

fn check(name: &str, text: &str, expected: &Path, update: bool) -> Option<String> {
    let (text, found) = entities_of(text);
    let actual = dump(&text, &found);
    if update {
        std::fs::write(expected, &actual).unwrap();
        return None;
    }
    let wanted = std::fs::read_to_string(expected).unwrap_or_default();
    (wanted != actual).then(|| format!("--- {name} expected\n{wanted}+++ actual\n{actual}"))
}

#[test]
fn entity_fixtures_match_their_dumps() {
    let folder: PathBuf = [env!("CARGO_MANIFEST_DIR"), "../../tests/fixtures/entities"]
        .iter()
        .collect();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let known = super::quote_fixtures::known_failures(&folder);
    let mut failures = Vec::new();
    let sample = crate::sample::SAMPLE_ARTICLE;
    failures.extend(check(
        "sample",
        sample,
        &folder.join("sample-article.expected"),
        update,
    ));
    let (mut still_known, mut fixed) = (Vec::new(), Vec::new());
    let mut stems = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let listed = known.contains(&stem);
            // The listed dumps state the truth by hand: never rewritten from the engine's output.
            let failed = check(
                &path.display().to_string(),
                &text,
                &path.with_extension("expected"),
                update && !listed,
            );
            match (failed, listed) {
                (None, true) => fixed.push(stem.clone()),
                (Some(_), true) => still_known.push(stem.clone()),
                (failed, false) => failures.extend(failed),
            }
            stems.push(stem);
        }
    }
    for stem in &known {
        assert!(
            stems.contains(stem),
            "known-failures.list names no fixture {stem:?}"
        );
    }
    if !still_known.is_empty() {
        eprintln!(
            "known failures ({} of {} entity fixtures): {}",
            still_known.len(),
            stems.len(),
            still_known.join(", ")
        );
    }
    assert!(
        fixed.is_empty(),
        "now right, take off tests/fixtures/entities/known-failures.list: {}",
        fixed.join(", ")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_sample_shows_the_relations_of_the_design() {
    let (_, found) = entities_of(crate::sample::SAMPLE_ARTICLE);
    let id = |name: &str| {
        found
            .entities
            .iter()
            .position(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}"))
    };
    let has = |kind: RelationKind, a: &str, b: &str, stance: Option<Stance>| {
        let (a, b) = (id(a), id(b));
        found.relations.iter().any(|r| {
            r.kind == kind
                && ((r.from, r.to) == (a, b) || (r.from, r.to) == (b, a))
                && stance.is_none_or(|s| r.stance == s)
                && !r.evidence.is_empty()
        })
    };
    // Iraq–Iran friendly; Russia–Iraq cooperation; the US against Iran.
    assert!(has(RelationKind::Cooperation, "Iraq", "Iran", None));
    assert!(has(RelationKind::Cooperation, "Russia", "Iraq", None));
    assert!(has(RelationKind::Opposition, "United States", "Iran", None));
    // Iraq boycotts the anti-Iran event in Poland.
    assert!(has(
        RelationKind::Opposition,
        "Iraq",
        "Poland",
        Some(Stance::Critical)
    ));
    // Russia (Lavrov) about the US presence in Iraq.
    assert!(has(
        RelationKind::SaidAbout,
        "Sergei Lavrov",
        "United States",
        None
    ));
    // Alhakim met Lavrov in Moscow.
    let met = found
        .relations
        .iter()
        .find(|r| r.kind == RelationKind::MetWith)
        .expect("a met-with relation");
    assert_eq!(found.entities[met.from].name, "Mohamed Ali Alhakim");
    assert_eq!(found.entities[met.to].name, "Sergei Lavrov");
    assert_eq!(
        met.place.map(|p| found.entities[p].name.as_str()),
        Some("Moscow")
    );
    // Affiliations from roles.
    assert!(has(
        RelationKind::Affiliation,
        "Mohammad Javad Zarif",
        "Iran",
        None
    ));
    // Dates resolve against the article: "Jan. 17" is 2019-01-17.
    assert!(found.entities.iter().any(|e| e.name == "2019-01-17"));
    // "One day after Pompeo's remarks" follows "On Jan. 9" (the text has a no-break space).
    assert!(found.entities.iter().any(|e| {
        e.name == "2019-01-10"
            && e.detail.as_deref().is_some_and(|d| {
                d.split_whitespace().collect::<Vec<_>>().join(" ") == "One day after"
            })
    }));
}

//! Throughput of `analyze` on real article text: the bundled sample, our
//! quote fixtures, and (when `../shared/eval/` is present) the PolNeAR DEV
//! news articles. Run with `make bench`; figures go in BENCHMARKS.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotemap_core::analyze::{analyze, analyze_article};
use std::hint::black_box;
use std::path::Path;

fn fixtures_text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/quotes");
    let mut files: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// PolNeAR DEV article texts, if the evaluation data is next to the project.
fn polnear_texts() -> Option<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/polnear.dev.jsonl");
    let data = std::fs::read_to_string(path).ok()?;
    Some(
        data.lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|doc| doc["text"].as_str().map(str::to_owned))
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    let sample = quotemap_core::sample::SAMPLE_ARTICLE;
    group.throughput(Throughput::Bytes(sample.len() as u64));
    group.bench_function("sample_article", |b| b.iter(|| analyze(black_box(sample))));
    let fixtures = fixtures_text();
    group.throughput(Throughput::Bytes(fixtures.len() as u64));
    group.bench_function("quote_fixtures", |b| {
        b.iter(|| analyze(black_box(&fixtures)))
    });
    if let Some(texts) = polnear_texts() {
        let total: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(total as u64));
        group.sample_size(10);
        group.bench_function("polnear_dev_526_articles", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| analyze(black_box(t)).quotes.len())
                    .sum::<usize>()
            })
        });
        // What the importer runs: quotes, then entities, relations and dates.
        group.bench_function("polnear_dev_526_articles_with_entities", |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| {
                        analyze_article(black_box(t), Some("2016-06-01"))
                            .entities
                            .mentions
                            .len()
                    })
                    .sum::<usize>()
            })
        });
    } else {
        eprintln!("../shared/eval/polnear.dev.jsonl absent: skipping the PolNeAR benchmark");
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Pages per second of `parse_html` (main text and metadata) on the saved
//! web pages of the HTML benchmarks in `../shared/eval/html/`, read into
//! memory first so only the engine is timed. Skips when the data is absent.
//! Run with `make bench`; figures go in BENCHMARKS.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotemap_core::ingest::html::parse_html;
use std::hint::black_box;
use std::path::Path;

/// `(html, url)` of each page of one DEV set, if the evaluation data is next to the project.
fn pages(set: &str) -> Option<Vec<(String, Option<String>)>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/html")
        .join(format!("{set}.dev.jsonl"));
    let data = std::fs::read_to_string(path).ok()?;
    Some(
        data.lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|page| {
                let html = page["html"].as_str()?.to_owned();
                Some((html, page["url"].as_str().map(str::to_owned)))
            })
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_html");
    group.sample_size(10);
    for set in ["trafilatura", "readability"] {
        let Some(pages) = pages(set) else {
            eprintln!("../shared/eval/html/{set}.dev.jsonl absent: skipping");
            continue;
        };
        group.throughput(Throughput::Elements(pages.len() as u64));
        group.bench_function(format!("{set}_dev_{}_pages", pages.len()), |b| {
            b.iter(|| {
                pages
                    .iter()
                    .map(|(html, url)| {
                        parse_html(black_box(html), url.as_deref())
                            .map_or(0, |page| page.text.len())
                    })
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

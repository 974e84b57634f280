//! Reading a .jsonl file: any bytes give articles or a reason, never a panic,
//! hang or unbounded memory; each article's text is then analysed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotemap_core::api;

fuzz_target!(|data: &[u8]| {
    if let Ok(records) = api::read_document("fuzzed.jsonl", data) {
        for article in records.into_iter().filter_map(|record| record.article) {
            let _ = api::extract_quotes(&article.text, true);
        }
    }
});

//! The analysis of any text: quotations with offsets inside the text, never a
//! panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotemap_core::api;

fuzz_target!(|text: &str| {
    for quote in api::extract_quotes(text, true) {
        let n_chars = text.chars().count();
        assert!(quote.start <= quote.end && quote.end <= n_chars);
    }
});

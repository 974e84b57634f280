//! `quotemap parse-html`'s main-text extraction on any page.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotemap_core::api;

fuzz_target!(|page: &str| {
    let _ = api::parse_html(page, Some("https://example.org/a"));
});

//! Collation keys for the library list's title and outlet orders: the Unicode
//! root collation (CLDR, through ICU4X) at primary strength with numeric
//! ordering, so "émile" sorts with "Emile" and "Item 2" before "Item 10", as
//! the window's `Intl.Collator` with `sensitivity: 'base', numeric: true`
//! does. Stored beside the text and compared by SQLite as bytes, so a page of
//! the list in that order is an index scan.

use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use std::sync::LazyLock;

/// Characters of a text that count for its place in the list: enough to
/// order real headlines, and a bound on the key of a hostile 100 kB title.
const KEY_CHARS: usize = 160;

static COLLATOR: LazyLock<Option<CollatorBorrowed<'static>>> = LazyLock::new(|| {
    let mut options = CollatorOptions::default();
    options.strength = Some(Strength::Primary);
    let mut preferences = CollatorPreferences::default();
    preferences.numeric_ordering = Some(CollationNumericOrdering::True);
    CollatorBorrowed::try_new(preferences, options).ok()
});

/// The key that orders `text` in the list (byte-wise comparison).
pub(crate) fn sort_key(text: &str) -> Vec<u8> {
    let head = match text.char_indices().nth(KEY_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let mut key = Vec::with_capacity(head.len() * 2 + 4);
    match COLLATOR.as_ref() {
        Some(collator) => {
            // Writing into a Vec cannot fail (its error type is Infallible).
            let Ok(()) = collator.write_sort_key_to(head.trim(), &mut key);
        }
        // The collation data is compiled in, so this is not expected; the text's
        // lower case still gives a usable order.
        None => key.extend(head.trim().to_lowercase().into_bytes()),
    }
    key
}

#[cfg(test)]
mod tests {
    use super::sort_key;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut words: Vec<&str> = words.to_vec();
        words.sort_by_key(|word| sort_key(word));
        words.into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn case_and_accents_are_ignored_and_numbers_go_by_value() {
        assert_eq!(sort_key("Émile Zola"), sort_key("emile zola"));
        assert_eq!(
            sorted(&["Item 10", "item 2", "Zürich talks", "Ångström", "apple", "Budget"]),
            ["Ångström", "apple", "Budget", "item 2", "Item 10", "Zürich talks"]
        );
    }

    #[test]
    fn a_long_title_is_keyed_by_its_start() {
        let long = "a".repeat(100_000);
        assert!(sort_key(&long).len() < 1_000);
        assert!(sort_key(&long) > sort_key("A"));
        assert_eq!(sort_key(""), sort_key("  "));
    }
}

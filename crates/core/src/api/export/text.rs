//! Text made safe for where an export puts it: XML (characters XML 1.0
//! forbids), spreadsheets (cells that a spreadsheet program would evaluate
//! as a formula: CSV injection) and days for date columns.

use std::borrow::Cow;

/// `text` without the characters XML 1.0 cannot hold (most C0 controls,
/// U+FFFE, U+FFFF), each replaced by U+FFFD; quick-xml escapes the rest.
pub(super) fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || (' '..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

/// A text cell no spreadsheet program evaluates: one that starts like a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return, as OWASP lists
/// them) is written after an apostrophe, which spreadsheets show as text.
pub(super) fn spreadsheet_safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The day (`YYYY-MM-DD`) of a date as the library stores it, when it has one.
pub(super) fn day(published: Option<&str>) -> Option<&str> {
    let day = published?.get(..10)?;
    jiff::civil::Date::strptime("%Y-%m-%d", day).ok()?;
    Some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_safe_replaces_only_forbidden_characters() {
        assert_eq!(xml_safe("a\u{1}b\u{FFFE}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
        assert!(matches!(xml_safe("plain « text » 😀"), Cow::Borrowed(_)));
    }

    #[test]
    fn formulas_become_text() {
        assert_eq!(
            spreadsheet_safe("=cmd|' /C calc'!A0"),
            "'=cmd|' /C calc'!A0"
        );
        assert_eq!(spreadsheet_safe("-2+3"), "'-2+3");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("We will act"), "We will act");
    }

    #[test]
    fn days_are_checked_dates() {
        assert_eq!(day(Some("2019-04-19T10:00:00+03:00")), Some("2019-04-19"));
        assert_eq!(day(Some("2019-13-40")), None);
        assert_eq!(day(Some("2019")), None);
        assert_eq!(day(None), None);
    }
}

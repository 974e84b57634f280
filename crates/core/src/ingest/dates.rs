//! Publication dates in the forms news sites print them, parsed with jiff and
//! the IANA time-zone database (bundled, so results do not depend on the host).

use super::Published;
use jiff::ZonedDateTime;
use jiff::civil::{Date, DateTime};

/// Formats with an IANA zone name or a numeric offset, tried in order.
const ZONED_FORMATS: &[&str] = &[
    "%b %d, %Y %H:%M %Q",
    "%B %d, %Y %H:%M %Q",
    "%b %d, %Y %H:%M:%S %Q",
    "%d %b %Y %H:%M %Q",
    "%d %B %Y %H:%M %Q",
    "%Y-%m-%d %H:%M %Q",
    "%Y-%m-%dT%H:%M:%S%:z",
    "%Y-%m-%dT%H:%M%:z",
    "%Y-%m-%d %H:%M:%S %z",
];

/// Formats with a time but no zone: the civil date-time is kept as written.
const CIVIL_DATETIME_FORMATS: &[&str] = &[
    "%b %d, %Y %H:%M",
    "%B %d, %Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
];

/// Formats with a date only.
const DATE_FORMATS: &[&str] = &["%b %d, %Y", "%B %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"];

/// A time written in UTC (`…Z`, `+00:00`) as the clock read where the page is
/// published, when its language tag names one time zone (`de`, `fr-FR`, `ja`): a German
/// page's `2022-11-06T23:00:00Z` is 7 November there. Anything else is returned as
/// written, and so is a bare `T00:00:00Z`, which is usually a date with no time.
pub fn in_page_zone(published: &str, language: Option<&str>) -> String {
    let utc = published.ends_with('Z') || published.ends_with("+00:00");
    let midnight = published.get(10..19) == Some("T00:00:00");
    let zone = language.and_then(zone_of_language);
    match (utc && !midnight, zone, published.parse::<jiff::Timestamp>()) {
        (true, Some(zone), Ok(timestamp)) => timestamp
            .in_tz(zone)
            .map(|zoned| zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
            .unwrap_or_else(|_| published.to_owned()),
        _ => published.to_owned(),
    }
}

/// The one IANA zone a language tag implies: by its region when it has one, else by a
/// language spoken in one zone only. `en`, `es`, `pt`, `ar` without a region imply none.
fn zone_of_language(tag: &str) -> Option<&'static str> {
    let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
    let mut parts = tag.split('-');
    let language = parts.next()?;
    let region = parts.find(|p| p.len() == 2);
    const REGIONS: &[(&str, &str)] = &[
        ("de", "Europe/Berlin"),
        ("at", "Europe/Vienna"),
        ("ch", "Europe/Zurich"),
        ("fr", "Europe/Paris"),
        ("it", "Europe/Rome"),
        ("nl", "Europe/Amsterdam"),
        ("be", "Europe/Brussels"),
        ("lu", "Europe/Luxembourg"),
        ("es", "Europe/Madrid"),
        ("pt", "Europe/Lisbon"),
        ("gb", "Europe/London"),
        ("uk", "Europe/London"),
        ("ie", "Europe/Dublin"),
        ("pl", "Europe/Warsaw"),
        ("cz", "Europe/Prague"),
        ("sk", "Europe/Bratislava"),
        ("hu", "Europe/Budapest"),
        ("dk", "Europe/Copenhagen"),
        ("se", "Europe/Stockholm"),
        ("no", "Europe/Oslo"),
        ("fi", "Europe/Helsinki"),
        ("gr", "Europe/Athens"),
        ("ro", "Europe/Bucharest"),
        ("bg", "Europe/Sofia"),
        ("hr", "Europe/Zagreb"),
        ("si", "Europe/Ljubljana"),
        ("rs", "Europe/Belgrade"),
        ("tr", "Europe/Istanbul"),
        ("ua", "Europe/Kyiv"),
        ("il", "Asia/Jerusalem"),
        ("ir", "Asia/Tehran"),
        ("in", "Asia/Kolkata"),
        ("jp", "Asia/Tokyo"),
        ("kr", "Asia/Seoul"),
        ("cn", "Asia/Shanghai"),
        ("co", "America/Bogota"),
        ("pe", "America/Lima"),
        ("ar", "America/Argentina/Buenos_Aires"),
        ("nz", "Pacific/Auckland"),
    ];
    const LANGUAGES: &[(&str, &str)] = &[
        ("de", "Europe/Berlin"),
        ("fr", "Europe/Paris"),
        ("it", "Europe/Rome"),
        ("nl", "Europe/Amsterdam"),
        ("pl", "Europe/Warsaw"),
        ("cs", "Europe/Prague"),
        ("sk", "Europe/Bratislava"),
        ("hu", "Europe/Budapest"),
        ("da", "Europe/Copenhagen"),
        ("sv", "Europe/Stockholm"),
        ("nb", "Europe/Oslo"),
        ("nn", "Europe/Oslo"),
        ("fi", "Europe/Helsinki"),
        ("el", "Europe/Athens"),
        ("ro", "Europe/Bucharest"),
        ("bg", "Europe/Sofia"),
        ("hr", "Europe/Zagreb"),
        ("sl", "Europe/Ljubljana"),
        ("tr", "Europe/Istanbul"),
        ("uk", "Europe/Kyiv"),
        ("he", "Asia/Jerusalem"),
        ("fa", "Asia/Tehran"),
        ("ja", "Asia/Tokyo"),
        ("ko", "Asia/Seoul"),
    ];
    let table = |entries: &[(&str, &'static str)], key: &str| {
        entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, zone)| *zone)
    };
    match region {
        Some(region) => table(REGIONS, region),
        None => table(LANGUAGES, language),
    }
}

/// Parses a whole line as a publication date, or returns `None`.
pub fn parse_date_line(line: &str) -> Option<Published> {
    // A date line is short; anything longer is prose that happens to start with a date.
    if line.is_empty() || line.len() > 64 {
        return None;
    }
    let line = line.replace('\u{a0}', " ");
    let line = line.trim();
    // "Jan. 30, 2019" is common; jiff's %b wants "Jan".
    let line = line.replacen(". ", " ", 1);
    for format in ZONED_FORMATS {
        if let Ok(zoned) = ZonedDateTime::strptime(format, &line) {
            return Some(published_from_zoned(&zoned));
        }
    }
    // RFC 3339 with fractional seconds or "Z" (web pages): an exact instant.
    if let Ok(timestamp) = line.parse::<jiff::Timestamp>() {
        return Some(Published {
            local: timestamp.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
            utc: Some(timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
            zone: None,
        });
    }
    for format in CIVIL_DATETIME_FORMATS {
        if let Ok(datetime) = DateTime::strptime(format, &line) {
            return Some(Published {
                local: datetime.to_string(),
                utc: None,
                zone: None,
            });
        }
    }
    for format in DATE_FORMATS {
        if let Ok(date) = Date::strptime(format, &line) {
            return Some(Published {
                local: date.to_string(),
                utc: None,
                zone: None,
            });
        }
    }
    None
}

/// Month names and abbreviations in the languages of the pages we see most
/// (English, German, French, Spanish, Italian, Dutch, Portuguese, and Polish in
/// the genitive that dates use), lower-case.
const MONTH_NAMES: [&[&str]; 12] = [
    &[
        "january", "jan", "januar", "jänner", "jän", "janvier", "enero", "gennaio", "januari",
        "janeiro", "stycznia",
    ],
    &[
        "february",
        "feb",
        "februar",
        "février",
        "fevrier",
        "febrero",
        "febbraio",
        "februari",
        "fevereiro",
        "lutego",
    ],
    &[
        "march", "mar", "märz", "maerz", "mars", "marzo", "maart", "março", "marco", "marca",
    ],
    &["april", "apr", "avril", "abril", "aprile", "kwietnia"],
    &["may", "mai", "mayo", "maggio", "mei", "maio", "maja"],
    &[
        "june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca",
    ],
    &[
        "july", "jul", "juli", "juillet", "julio", "luglio", "julho", "lipca",
    ],
    &[
        "august", "aug", "août", "aout", "agosto", "augustus", "sierpnia",
    ],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "setembro",
        "września",
    ],
    &[
        "october",
        "oct",
        "oktober",
        "octobre",
        "octubre",
        "ottobre",
        "outubro",
        "okt",
        "października",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "listopada",
    ],
    &[
        "december",
        "dec",
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "dez",
        "grudnia",
    ],
];

/// The month a name or abbreviation ("Jan.", "Januar", "janvier") stands for.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    let word = word.to_lowercase();
    let word = word.trim_end_matches('.');
    MONTH_NAMES
        .iter()
        .position(|names| names.contains(&word))
        .map(|index| index as u8 + 1)
}

/// A calendar date, checked by jiff, as `YYYY-MM-DD` (years 1990–2100 only: a
/// page's other numbers rarely make a plausible date).
pub(crate) fn calendar_date(year: i64, month: i64, day: i64) -> Option<String> {
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let date = Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()?;
    Some(date.to_string())
}

/// The first date written in `text` in one of the forms pages print:
/// `2019-01-18`, `18.01.2019`, `18/01/2019` (`01/18/2019` when the first
/// number cannot be a month), `18. Januar 2019`, `18 janvier 2019`,
/// `Jan 18, 2019`, `January 18th, 2019`, `18.01.19`. Returns `YYYY-MM-DD`.
pub fn find_date(text: &str) -> Option<String> {
    // Words and numbers with the one character that follows each.
    let mut tokens: Vec<(&str, char)> = Vec::new();
    let mut start = None;
    let bytes = text.as_bytes();
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        // The "T" of 2021-11-04T10:00 separates date and time.
        let time_separator = c == 'T'
            && at > 0
            && bytes[at - 1].is_ascii_digit()
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
        if c.is_alphanumeric() && !time_separator {
            start.get_or_insert(at);
        } else if let Some(from) = start.take() {
            let word = &text[from..at];
            // "3 de marzo de 2021", "the 18th of January".
            if !matches!(word, "de" | "del" | "of") {
                tokens.push((word, c));
            }
        }
    }
    let number = |word: &str| -> Option<i64> {
        let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
        let suffix = &word[digits.len()..];
        let ordinal = suffix.is_empty() || matches!(suffix, "st" | "nd" | "rd" | "th" | "er");
        (ordinal
            && !digits.is_empty()
            && digits.len() <= 4
            && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
    };
    for window in tokens.windows(3) {
        let [(a, sep_a), (b, sep_b), (c, _)] = window else {
            continue;
        };
        let (na, nb, nc) = (number(a), number(b), number(c));
        let numeric_separators = |x: char, y: char| x == y && matches!(x, '-' | '/' | '.');
        let found = match (na, nb, nc) {
            (Some(y), Some(m), Some(d)) if a.len() == 4 && numeric_separators(*sep_a, *sep_b) => {
                calendar_date(y, m, d)
            }
            (Some(d), Some(m), Some(y)) if c.len() == 4 && numeric_separators(*sep_a, *sep_b) => {
                if *sep_a == '/' && d <= 12 && m > 12 {
                    calendar_date(y, d, m)
                } else {
                    calendar_date(y, m, d)
                }
            }
            // "23.09.22": a two-digit year only with dots and two-digit day and month,
            // the way German pages print it.
            (Some(d), Some(m), Some(y))
                if a.len() == 2
                    && b.len() == 2
                    && c.len() == 2
                    && *sep_a == '.'
                    && *sep_b == '.' =>
            {
                calendar_date(2000 + y, m, d)
            }
            (Some(d), None, Some(y)) if c.len() == 4 && a.len() <= 3 => {
                month_number(b).and_then(|m| calendar_date(y, i64::from(m), d))
            }
            (None, Some(d), Some(y)) if c.len() == 4 && b.len() <= 4 => {
                month_number(a).and_then(|m| calendar_date(y, i64::from(m), d))
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn published_from_zoned(zoned: &ZonedDateTime) -> Published {
    let zone = zoned.time_zone().iana_name().map(str::to_owned);
    Published {
        local: zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        utc: Some(zoned.timestamp().to_string()),
        zone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_genitive_months() {
        assert_eq!(find_date("16 marca 2021").as_deref(), Some("2021-03-16"));
        assert_eq!(
            find_date("3 października 2020 r.").as_deref(),
            Some("2020-10-03")
        );
    }

    #[test]
    fn utc_times_read_on_the_page_clock_when_its_language_names_one_zone() {
        assert_eq!(
            in_page_zone("2022-11-06T23:00:00.000Z", Some("de")),
            "2022-11-07T00:00:00+01:00"
        );
        assert_eq!(
            in_page_zone("2021-11-04T23:00Z", Some("de-DE")),
            "2021-11-05T00:00:00+01:00"
        );
        // An offset already written, a language of many zones, a bare midnight: as written.
        assert_eq!(
            in_page_zone("2022-05-05T21:00:00-05:00", Some("de")),
            "2022-05-05T21:00:00-05:00"
        );
        assert_eq!(
            in_page_zone("2022-05-04T03:37:37+00:00", Some("en")),
            "2022-05-04T03:37:37+00:00"
        );
        assert_eq!(
            in_page_zone("2022-05-04T00:00:00Z", Some("fr")),
            "2022-05-04T00:00:00Z"
        );
        assert_eq!(in_page_zone("2022-05-04", Some("fr")), "2022-05-04");
        // The region decides when there is one.
        assert_eq!(
            in_page_zone("2020-01-01T20:00:00Z", Some("en_GB")),
            "2020-01-01T20:00:00+00:00"
        );
        assert_eq!(
            in_page_zone("2020-01-01T20:00:00Z", Some("ja-JP")),
            "2020-01-02T05:00:00+09:00"
        );
    }

    #[test]
    fn iana_zone_is_kept() {
        let published = parse_date_line("Jan 30, 2019 17:41 Asia/Tehran").unwrap();
        assert_eq!(published.local, "2019-01-30T17:41:00+03:30");
        assert_eq!(published.zone.as_deref(), Some("Asia/Tehran"));
        assert_eq!(published.utc.as_deref(), Some("2019-01-30T14:11:00Z"));
    }

    #[test]
    fn other_shapes() {
        assert_eq!(parse_date_line("Jan. 9, 2019").unwrap().local, "2019-01-09");
        assert_eq!(parse_date_line("2019-01-09").unwrap().local, "2019-01-09");
        let offset = parse_date_line("2019-01-09T08:30:00-05:00").unwrap();
        assert_eq!(offset.utc.as_deref(), Some("2019-01-09T13:30:00Z"));
        assert_eq!(offset.zone, None);
        let web = parse_date_line("2021-11-22T18:42:22.455+01:00").unwrap();
        assert_eq!(web.utc.as_deref(), Some("2021-11-22T17:42:22Z"));
        assert_eq!(
            parse_date_line("2021-05-06T07:08:09Z").unwrap().local,
            "2021-05-06T07:08:09+00:00"
        );
    }

    #[test]
    fn prose_is_not_a_date() {
        assert_eq!(
            parse_date_line("On Jan. 17, Iranian Foreign Minister said"),
            None
        );
        assert_eq!(
            parse_date_line("Iraq not to enter anti Iran alliance"),
            None
        );
    }

    #[test]
    fn dates_are_found_in_the_forms_pages_print() {
        let cases = [
            ("Stand: 25.01.2022", "2022-01-25"),
            ("12. Januar 2022, Eawag", "2022-01-12"),
            ("le 07 Mai 2020 - 12:38", "2020-05-07"),
            ("Jan 18, 2019", "2019-01-18"),
            ("Updated January 18th, 2019", "2019-01-18"),
            ("06/13/2019", "2019-06-13"),
            ("13/06/2019", "2019-06-13"),
            ("posted 2021-11-04T10:00", "2021-11-04"),
            ("3 de marzo de 2021", "2021-03-03"),
        ];
        for (text, expected) in cases {
            assert_eq!(find_date(text).as_deref(), Some(expected), "{text}");
        }
        for text in [
            "Version 1.2.3",
            "31.02.2021",
            "call 0800 123 4567",
            "May I help?",
            "",
        ] {
            assert_eq!(find_date(text), None, "{text}");
        }
    }
}

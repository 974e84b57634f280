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
}

//! Bytes to normalised text: encoding detection, decoding, and the one
//! normalisation (NFC, `\n` line endings) that every stored text goes through.
//!
//! Order of evidence, strongest first: a byte-order mark, a BOM-less UTF-16
//! pattern of NUL bytes, valid UTF-8, then Firefox's detector (chardetng)
//! for the legacy 8-bit and CJK encodings. Decoding itself is encoding_rs.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use unicode_normalization::UnicodeNormalization;

/// Why bytes could not become article text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Zero bytes, or nothing but whitespace after decoding.
    #[error("the file is empty")]
    Empty,
    /// Control characters or NUL bytes where text would have none.
    #[error("the file is binary, not text ({0})")]
    Binary(String),
}

/// Text decoded from bytes, with what was learned on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// NFC-normalised text with `\n` line endings; offsets everywhere refer to it.
    pub text: String,
    /// WHATWG name of the encoding the bytes were read as.
    pub encoding: &'static str,
    /// True when some byte sequences were invalid and became U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes` to normalised text, refusing empty and binary input.
pub fn decode_text(bytes: &[u8]) -> Result<DecodedText, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let encoding = detect_encoding(bytes);
    if encoding != UTF_16LE && encoding != UTF_16BE {
        // A NUL byte never occurs in text in any 8-bit or multi-byte encoding we read.
        if let Some(position) = bytes.iter().position(|&b| b == 0) {
            return Err(DecodeError::Binary(format!(
                "NUL byte at offset {position}"
            )));
        }
    }
    let (decoded, actual_encoding, had_errors) = encoding.decode(bytes);
    let text = normalize(&decoded);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    check_not_binary(&text)?;
    Ok(DecodedText {
        text,
        encoding: actual_encoding.name(),
        had_errors,
    })
}

/// NFC and `\n` line endings: the single normalisation every stored text gets.
/// Also removes C0 controls other than tab and newline, which no article needs, and
/// the invisible characters that split words for search and quotation matching.
pub fn normalize(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .nfc()
        .filter(|&c| c == '\n' || c == '\t' || !(c.is_control() && (c as u32) < 0x20))
        .filter(|&c| !is_invisible(c) && !is_hostile_control(c))
        .collect()
}

/// Characters an article could use to deceive its reader, removed at import:
/// - bidi embeddings and overrides (U+202A–U+202E), which reverse the text after
///   them on screen ("Trojan Source"); Unicode itself prefers the isolates
///   (U+2066–U+2069), which stay, as do the marks LRM, RLM and ALM that right-to-left
///   text needs;
/// - the two private-use characters the search highlighter marks matches with
///   (`SNIPPET_OPEN`, `SNIPPET_CLOSE`), so a text cannot fake a highlight.
pub fn is_hostile_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{e000}' | '\u{e001}')
}

/// Soft hyphens (hyphenation hints inside words: "Wäh\u{ad}rend"), zero-width spaces,
/// word joiners and a byte-order mark inside the text. Zero-width (non-)joiners stay:
/// Persian and Indic scripts need them.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

fn detect_encoding(bytes: &[u8]) -> &'static Encoding {
    if let Some((encoding, _bom_length)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    // Before the UTF-8 check: ASCII in UTF-16 is also valid (NUL-laden) UTF-8.
    if let Some(encoding) = bomless_utf16(bytes) {
        return encoding;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// UTF-16 without a BOM shows as NUL bytes in every other position for Latin text.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // Require a clear majority on one side and almost none on the other.
    if odd_nuls * 10 >= pairs * 4 && even_nuls * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 4 && odd_nuls * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decoded binary junk is full of replacement characters and control codes.
fn check_not_binary(text: &str) -> Result<(), DecodeError> {
    let mut total = 0usize;
    let mut suspicious = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && c != '\n' && c != '\t') {
            suspicious += 1;
        }
    }
    // Real text that went through a wrong decoder has a few U+FFFD; junk has many.
    if total > 0 && suspicious * 10 > total {
        return Err(DecodeError::Binary(format!(
            "{suspicious} of the first {total} characters are not text"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf_is_normalised() {
        let decoded = decode_text(b"\xEF\xBB\xBFline one\r\nline two\r").unwrap();
        assert_eq!(decoded.text, "line one\nline two\n");
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn bidi_overrides_and_highlight_marks_are_removed() {
        // An override would show the rest of the quotation reversed; the private-use
        // marks would fake a search highlight. Isolates and marks stay.
        assert_eq!(
            normalize("\"I\u{202e}resign\u{202c},\" he said. \u{e000}fake\u{e001} \u{2067}عربي\u{2069}\u{200f}"),
            "\"Iresign,\" he said. fake \u{2067}عربي\u{2069}\u{200f}"
        );
    }

    #[test]
    fn nfc_composes_combining_marks() {
        let decoded = decode_text("cafe\u{301}".as_bytes()).unwrap();
        assert_eq!(decoded.text, "caf\u{e9}");
    }

    #[test]
    fn invisible_word_breakers_are_removed_and_joiners_kept() {
        assert_eq!(
            normalize("Wäh\u{ad}rend Sie\u{200b} hier"),
            "Während Sie hier"
        );
        assert_eq!(normalize("می\u{200c}خواهم"), "می\u{200c}خواهم");
    }

    #[test]
    fn windows_1252_smart_quotes_are_detected() {
        let bytes = b"The minister\x92s \x93statement\x94 was read at the caf\xe9 in the morning.";
        let decoded = decode_text(bytes).unwrap();
        assert_eq!(decoded.encoding, "windows-1252");
        assert!(
            decoded
                .text
                .contains("minister\u{2019}s \u{201C}statement\u{201D}")
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Lavrov said: \u{201C}Russia will help.\u{201D}";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend_from_slice(&le);
        for bytes in [le, be, le_bom] {
            assert_eq!(decode_text(&bytes).unwrap().text, text);
        }
    }

    #[test]
    fn empty_and_whitespace_only_are_refused() {
        assert_eq!(decode_text(b""), Err(DecodeError::Empty));
        assert_eq!(decode_text(b" \n\t\r\n"), Err(DecodeError::Empty));
    }

    #[test]
    fn binary_junk_is_refused() {
        let junk: Vec<u8> = (0..2048u32)
            .map(|i| (i.wrapping_mul(7919) % 251) as u8)
            .collect();
        assert!(matches!(decode_text(&junk), Err(DecodeError::Binary(_))));
        let png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        assert!(matches!(decode_text(png_like), Err(DecodeError::Binary(_))));
    }
}

//! Text units the analysis works on: paragraphs and word/punctuation tokens,
//! each a byte span into the article text. Sentences come later, once the
//! quotations are known, because a sentence never ends inside a quotation.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A token: a word (letters, digits, internal apostrophes) or one punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// True for words, false for punctuation and symbols.
    pub is_word: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The byte range.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Splits text into word and punctuation tokens (UAX #29 word boundaries);
/// whitespace is dropped. Runs between whitespace made of ASCII and the
/// typographic quotes and dashes of news text (`‘ ’ “ ” – —`) take a fast path
/// that applies the same UAX #29 rules to them (letters and digits join; `'`
/// `.` `:` `‘` `’` join letters; `,` `.` `;` `'` `‘` `’` join digits; `_`
/// joins); everything else goes through `unicode-segmentation`. Tests check
/// that both paths agree.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // A chunk up to the next ASCII whitespace: the fast path in one pass, or,
        // when it meets another character, its tokens undone and the chunk read by UAX #29.
        let first_token = tokens.len();
        i = match tokenize_simple(bytes, i, &mut tokens) {
            Ok(end) => end,
            Err(()) => {
                tokens.truncate(first_token);
                let end = bytes[i..]
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .map_or(bytes.len(), |n| i + n);
                tokenize_unicode(text, i, end, &mut tokens);
                end
            }
        };
    }
    tokens
}

fn tokenize_unicode(text: &str, chunk_start: usize, chunk_end: usize, tokens: &mut Vec<Token>) {
    // Start at the whitespace before the chunk: UAX #29 attaches combining and
    // format marks to it, and whitespace segments are dropped anyway.
    let from = text[..chunk_start]
        .char_indices()
        .next_back()
        .filter(|(_, c)| c.is_whitespace())
        .map_or(chunk_start, |(i, _)| i);
    for (offset, piece) in text[from..chunk_end].split_word_bound_indices() {
        if piece.chars().next().is_none_or(char::is_whitespace) {
            continue;
        }
        let start = from + offset;
        let is_word = piece.chars().any(char::is_alphanumeric);
        tokens.push(Token {
            start,
            end: start + piece.len(),
            is_word,
        });
    }
}

/// Bytes that make ASCII words: letters, digits and `_` (a table: the tokenizer
/// asks about every byte).
const WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let c = byte as u8;
        table[byte] = c.is_ascii_alphanumeric() || c == b'_';
        byte += 1;
    }
    table
};

/// A typographic mark of the fast path at `at` (all are three bytes, E2 80 xx):
/// `Some(true)` for `‘` `’` (UAX #29 MidNumLet, they join like `.`),
/// `Some(false)` for `“ ” – —` (never joined).
fn typographic_mark(bytes: &[u8], at: usize) -> Option<bool> {
    match bytes.get(at..at + 3)? {
        [0xE2, 0x80, 0x98 | 0x99] => Some(true),
        [0xE2, 0x80, 0x93 | 0x94 | 0x9C | 0x9D] => Some(false),
        _ => None,
    }
}

/// Tokens of the chunk starting at `chunk_start` (up to the next ASCII whitespace)
/// when it holds only ASCII and typographic marks ([`typographic_mark`]): the
/// chunk's end, or `Err` at the first other character.
fn tokenize_simple(bytes: &[u8], chunk_start: usize, tokens: &mut Vec<Token>) -> Result<usize, ()> {
    // The mark at `j` (`width` bytes) joins the characters either side of it. (Both
    // are letters or digits, so both are in the chunk.)
    let joins = |j: usize, width: usize| -> bool {
        let Some(&after) = bytes.get(j + width) else {
            return false;
        };
        let before = bytes[j - 1];
        let mid_num_let = width == 3 || matches!(bytes[j], b'\'' | b'.');
        let letters = before.is_ascii_alphabetic()
            && after.is_ascii_alphabetic()
            && (mid_num_let || bytes[j] == b':');
        let digits = before.is_ascii_digit()
            && after.is_ascii_digit()
            && (mid_num_let || matches!(bytes[j], b',' | b';'));
        letters || digits
    };
    let word_byte = |b: u8| WORD_BYTES[usize::from(b)];
    let mut i = chunk_start;
    while let Some(&c) = bytes.get(i) {
        if c.is_ascii_whitespace() {
            break;
        }
        if word_byte(c) {
            let mut j = i + 1;
            loop {
                match bytes.get(j) {
                    Some(&b) if word_byte(b) => j += 1,
                    Some(&b) if b.is_ascii() && joins(j, 1) => j += 2,
                    Some(_) if typographic_mark(bytes, j) == Some(true) && joins(j, 3) => j += 4,
                    _ => break,
                }
            }
            let is_word = c != b'_' || bytes[i..j].iter().any(u8::is_ascii_alphanumeric);
            tokens.push(Token {
                start: i,
                end: j,
                is_word,
            });
            i = j;
        } else {
            let width = if c.is_ascii() {
                1
            } else if typographic_mark(bytes, i).is_some() {
                3
            } else {
                return Err(());
            };
            tokens.push(Token {
                start: i,
                end: i + width,
                is_word: false,
            });
            i += width;
        }
    }
    Ok(i)
}

/// Paragraph spans. Paragraphs are separated by blank lines; a text without
/// any blank line but with several lines has one paragraph per line. Spans
/// are trimmed of surrounding whitespace.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    // Hard-wrapped text (lines cut near a fixed width) keeps single newlines
    // inside paragraphs; otherwise a single newline also ends a paragraph.
    let has_blank_line = is_hard_wrapped(text) && blank_line_exists(text);
    let mut result = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let blank = line.trim().is_empty();
        if blank || !has_blank_line {
            if let Some(s) = start.take() {
                result.push(s..end);
            }
            if blank {
                continue;
            }
        }
        start.get_or_insert(line_start);
        end = line_start + line.trim_end().len();
    }
    if let Some(s) = start {
        result.push(s..end);
    }
    result
        .into_iter()
        .map(|range| {
            let slice = &text[range.clone()];
            let lead = slice.len() - slice.trim_start().len();
            range.start + lead..range.end
        })
        .filter(|range| !range.is_empty())
        .collect()
}

/// Most lines end between 50 and 80 characters: the text was wrapped at a fixed width.
fn is_hard_wrapped(text: &str) -> bool {
    let mut lines = 0usize;
    let mut wrapped = 0usize;
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(2000) {
        lines += 1;
        // A character is one to four bytes: only lines of 50 to 320 bytes need counting.
        if (50..=320).contains(&line.len()) && (50..=80).contains(&line.chars().count()) {
            wrapped += 1;
        }
    }
    lines >= 10 && wrapped * 10 >= lines * 6
}

fn blank_line_exists(text: &str) -> bool {
    text.lines().any(|line| line.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_contractions_and_split_punctuation() {
        let text = "He said: \u{201C}won\u{2019}t go,\u{201D} U.S. officials.";
        let words: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
        assert_eq!(
            words,
            [
                "He",
                "said",
                ":",
                "\u{201C}",
                "won\u{2019}t",
                "go",
                ",",
                "\u{201D}",
                "U.S",
                ".",
                "officials",
                "."
            ]
        );
    }

    /// The ASCII fast path gives exactly the tokens of UAX #29.
    #[test]
    fn fast_path_agrees_with_unicode_segmentation() {
        let text = "Mr. O'Neil said: \"U.S. GDP grew 3.1% to $1,495.50 in Q2_2019;it's 9:30 a.m.\" -- e.g. (x) [y]... 'quoted' don't a:b 1;2 _x_ x'1 \u{201C}won\u{2019}t\u{201D} \u{2018}x\u{2019} 1\u{2019}2 a\u{2019}1 \u{2019}a\u{2019} a\u{2014}b\u{2013}c \u{2019}\u{2019}a\u{2019}\u{2019}b";
        let mut reference = Vec::new();
        tokenize_unicode(text, 0, text.len(), &mut reference);
        assert_eq!(tokenize(text), reference);
    }

    /// Same check on real news and novels when the evaluation data is next to the project.
    #[test]
    fn fast_path_agrees_on_evaluation_texts_when_present() {
        for name in ["polnear.dev.jsonl", "pdnc.dev.jsonl"] {
            let path = format!(
                "{}/../../../shared/eval/{name}",
                env!("CARGO_MANIFEST_DIR")
            );
            let Ok(data) = std::fs::read_to_string(&path) else {
                eprintln!("{path} absent: skipped");
                continue;
            };
            for line in data.lines() {
                let doc: serde_json::Value = serde_json::from_str(line).unwrap();
                let text = doc["text"].as_str().unwrap();
                let mut reference = Vec::new();
                tokenize_unicode(text, 0, text.len(), &mut reference);
                let fast = tokenize(text);
                if let Some(i) = (0..fast.len().max(reference.len()))
                    .find(|&i| fast.get(i) != reference.get(i))
                {
                    let show =
                        |t: Option<&Token>| t.map(|t| format!("{:?}", &text[t.start..t.end]));
                    panic!(
                        "{}: token {i}: fast {:?} vs reference {:?}",
                        doc["id"],
                        show(fast.get(i)),
                        show(reference.get(i))
                    );
                }
            }
        }
    }

    #[test]
    fn paragraphs_by_blank_lines_or_by_lines() {
        let line = "A line of prose wrapped at a fixed width like old e-texts are.";
        let text = format!(
            "{line}\n{line}\n{line}\n{line}\n{line}\n\n{line}\n{line}\n{line}\n{line}\n{line}\n"
        );
        assert_eq!(paragraphs(&text).len(), 2);
        let news = "Short line.\nAnother paragraph.\n\n  Third.\n";
        let spans = paragraphs(news);
        assert_eq!(
            spans.iter().map(|r| &news[r.clone()]).collect::<Vec<_>>(),
            ["Short line.", "Another paragraph.", "Third."]
        );
        let lines = "First.\nSecond.\nThird.";
        assert_eq!(paragraphs(lines).len(), 3);
    }
}

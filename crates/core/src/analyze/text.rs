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
/// whitespace is dropped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    for (start, piece) in text.split_word_bound_indices() {
        let first = piece.chars().next().unwrap_or(' ');
        if first.is_whitespace() {
            continue;
        }
        let is_word = piece.chars().any(char::is_alphanumeric);
        tokens.push(Token {
            start,
            end: start + piece.len(),
            is_word,
        });
    }
    tokens
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
        if (50..=80).contains(&line.chars().count()) {
            wrapped += 1;
        }
    }
    lines >= 10 && wrapped * 10 >= lines * 6
}

fn blank_line_exists(text: &str) -> bool {
    text.lines().any(|line| line.trim().is_empty())
}

/// True when `c` can start or end a word (for deciding what a quote mark is).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
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

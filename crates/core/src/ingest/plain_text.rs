//! Structure of an article saved as plain text from a news site: the date
//! line with its time zone, the bulleted headline and its repetition, the
//! lead, the outlet prefix, body paragraphs, and the `Related news:` /
//! `Read More:` blocks whose lines are other articles' headlines.
//!
//! The text itself is never changed here; the result is a list of blocks,
//! each a byte span into the normalised text.

use super::{Block, BlockKind, Published};
use std::ops::Range;

/// What the plain-text reader found in one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlainTextStructure {
    /// Blocks in text order, each a byte span of the text.
    pub blocks: Vec<Block>,
    /// The headline, if the text has one.
    pub title: Option<String>,
    /// The outlet named in a prefix such as `Iran Press/Iran news:`.
    pub outlet: Option<String>,
    /// The publication date-time from the date line.
    pub published: Option<Published>,
}

/// Headings that open a block of links to other articles.
const RELATED_HEADINGS: &[&str] = &[
    "related news",
    "related",
    "related articles",
    "related stories",
    "read more",
    "read also",
    "also read",
    "see also",
    "more news",
    "more on this",
];

/// Words that mark a colon prefix as an outlet name rather than a speaker.
const OUTLET_WORDS: &[&str] = &[
    "news", "press", "agency", "times", "post", "wire", "tv", "radio", "herald", "tribune",
    "journal", "reuters", "afp", "ap", "irna", "tass", "xinhua", "bbc", "cnn",
];

/// Reads the structure of a plain-text article.
pub fn parse(text: &str) -> PlainTextStructure {
    let paragraphs = paragraphs(text);
    let mut structure = PlainTextStructure::default();
    let mut index = 0;

    // Date line: the first paragraph's first line, when it parses as a date.
    if let Some(first) = paragraphs.first() {
        let first_line_end = text[first.clone()]
            .find('\n')
            .map_or(first.end, |i| first.start + i);
        let first_line = first.start..first_line_end;
        if let Some(published) = super::dates::parse_date_line(text[first_line.clone()].trim()) {
            structure.published = Some(published);
            structure.blocks.push(Block {
                kind: BlockKind::DateLine,
                span: trimmed(text, first_line),
            });
            // The rest of that paragraph (the sample puts the headline right below) is read as lines.
            let rest = first_line_end..first.end;
            read_headline_lines(text, rest, &mut structure);
            index = 1;
        }
    }

    // A headline without a date line: a short first paragraph without final punctuation.
    if structure.title.is_none() && index < paragraphs.len() {
        let candidate = paragraphs[index].clone();
        let line = text[candidate.clone()].trim();
        if looks_like_headline(line) && paragraphs.len() > index + 1 {
            read_headline_lines(text, candidate, &mut structure);
            index += 1;
        }
    }

    let mut in_related = false;
    let mut body_paragraphs_seen = 0;
    for paragraph in &paragraphs[index..] {
        let span = paragraph.clone();
        let content = text[span.clone()].trim();
        if is_related_heading(content) {
            structure.blocks.push(Block {
                kind: BlockKind::RelatedHeading,
                span,
            });
            in_related = true;
            continue;
        }
        if in_related && looks_like_headline(content) {
            // One paragraph may hold several link lines.
            for line in lines(text, span) {
                structure.blocks.push(Block {
                    kind: BlockKind::RelatedLink,
                    span: line,
                });
            }
            continue;
        }
        in_related = false;
        let kind = if body_paragraphs_seen == 0 {
            BlockKind::Lead
        } else {
            BlockKind::Body
        };
        if body_paragraphs_seen < 3 && structure.outlet.is_none() {
            structure.outlet = outlet_prefix(content);
        }
        body_paragraphs_seen += 1;
        structure.blocks.push(Block { kind, span });
    }
    structure
}

/// The headline lines below a date line: a bullet headline, then its repetition.
fn read_headline_lines(text: &str, range: Range<usize>, structure: &mut PlainTextStructure) {
    for line in lines(text, range) {
        // The bullet is decoration: the block starts at the headline's first letter.
        let bullet_free = text[line.clone()].trim_start_matches(['•', '*', '-', '·', '▪']);
        let line = trimmed(text, line.end - bullet_free.len()..line.end);
        let headline = &text[line.clone()];
        match &structure.title {
            None => {
                structure.title = Some(headline.to_owned());
                structure.blocks.push(Block {
                    kind: BlockKind::Headline,
                    span: line,
                });
            }
            Some(title) if title == headline => {
                structure.blocks.push(Block {
                    kind: BlockKind::HeadlineRepeat,
                    span: line,
                });
            }
            Some(_) => structure.blocks.push(Block {
                kind: BlockKind::Subheadline,
                span: line,
            }),
        }
    }
}

/// Paragraph spans: runs of non-blank lines, trimmed of surrounding whitespace.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut result = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                result.push(trimmed(text, s..end));
            }
        } else {
            start.get_or_insert(line_start);
            end = line_start + line.trim_end_matches('\n').len();
        }
    }
    if let Some(s) = start {
        result.push(trimmed(text, s..end));
    }
    result
}

/// Non-blank line spans within `range`, trimmed.
fn lines(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut result = Vec::new();
    let mut offset = range.start;
    for line in text[range].split_inclusive('\n') {
        let span = offset..offset + line.len();
        offset += line.len();
        if !line.trim().is_empty() {
            result.push(trimmed(text, span));
        }
    }
    result
}

/// Shrinks a span to exclude leading and trailing whitespace (including NBSP).
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

fn is_related_heading(content: &str) -> bool {
    let heading = content.trim_end_matches(':').trim().to_lowercase();
    content.len() < 40 && RELATED_HEADINGS.contains(&heading.as_str())
}

/// A headline is short, one or two lines, and does not end like a sentence.
fn looks_like_headline(content: &str) -> bool {
    let words = content.split_whitespace().count();
    let last = content.chars().last().unwrap_or('.');
    (1..=24).contains(&words)
        && content.lines().count() <= 3
        && !matches!(last, '.' | '”' | '"' | '’' | '\'' | ',' | ';')
}

/// `Iran Press/Iran news: ...` → `Iran Press`. Only prefixes that name an outlet
/// (a slash, or an outlet word) count, so `Iraqi FM: ...` is not an outlet.
fn outlet_prefix(paragraph: &str) -> Option<String> {
    let (prefix, rest) = paragraph.split_once(':')?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let words: Vec<&str> = prefix
        .split([' ', '/', '\u{a0}'])
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = words.first()?.chars().next()?.is_uppercase();
    if prefix.len() > 48 || words.len() > 6 || !capitalised || prefix.contains(['.', ',', '"']) {
        return None;
    }
    let names_outlet = prefix.contains('/')
        || words
            .iter()
            .any(|w| OUTLET_WORDS.contains(&w.to_lowercase().as_str()));
    if !names_outlet {
        return None;
    }
    // `Iran Press/Iran news` names the outlet first, then its section.
    let outlet = prefix.split('/').next().unwrap_or(prefix).trim();
    Some(outlet.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_prefixes() {
        assert_eq!(
            outlet_prefix("Iran Press/Iran news: In a joint"),
            Some("Iran Press".into())
        );
        assert_eq!(
            outlet_prefix("Reuters: The minister said"),
            Some("Reuters".into())
        );
        assert_eq!(
            outlet_prefix("Iraqi FM: Baghdad boycotts anti-Iran event"),
            None
        );
        assert_eq!(
            outlet_prefix("Lavrov went on to say: “Russia will help"),
            None
        );
    }

    #[test]
    fn headline_shapes() {
        assert!(looks_like_headline(
            "Iraq won’t be a hub for US conspiracy against Iran: official"
        ));
        assert!(!looks_like_headline("Lavrov said the talks went well."));
    }
}

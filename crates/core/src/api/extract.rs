//! The engine as a pure function of text (`quotemap extract`): quotations
//! with Unicode code-point offsets, the unit of the evaluation files.

use super::*;

/// One quotation in the `extract` output. Offsets are Unicode code points
/// into the input text, end-exclusive (the unit of the evaluation files).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedQuote {
    /// Start of the content (code points).
    pub start: usize,
    /// End of the content (code points, exclusive).
    pub end: usize,
    /// The content.
    pub text: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: &'static str,
    /// Resolved name of the speaker.
    pub speaker: Option<String>,
    /// The mention the attribution rests on (code points).
    pub speaker_span: Option<[usize; 2]>,
    /// The cue text.
    pub cue: Option<String>,
    /// The cue (code points).
    pub cue_span: Option<[usize; 2]>,
    /// 0 to 1, two decimals.
    pub confidence: f64,
    /// Pieces of one quotation share a group.
    pub group: usize,
    /// A quotation inside another one.
    pub nested: bool,
    /// The rule that found it.
    pub rule: &'static str,
}

/// Byte offset → code point offset, for one text: the code points before each
/// 64-byte block and a bit per byte that starts a character, so a lookup is a
/// popcount (12 bytes per 64 of text, built in one pass).
pub(super) struct CodePoints {
    /// Code points before each block.
    before_block: Vec<u32>,
    /// Bit `i` of block `b`: byte `64 b + i` starts a character.
    starts: Vec<u64>,
    len: usize,
}

impl CodePoints {
    pub(super) fn new(text: &str) -> CodePoints {
        let bytes = text.as_bytes();
        let mut before_block = Vec::with_capacity(bytes.len() / 64 + 1);
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 1);
        let mut count = 0u32;
        for block in bytes.chunks(64) {
            let mut mask = 0u64;
            if block.is_ascii() {
                // Every byte starts a character (most blocks of most texts).
                mask = u64::MAX >> (64 - block.len());
            } else {
                for (i, &byte) in block.iter().enumerate() {
                    // UTF-8 continuation bytes are 10xxxxxx.
                    mask |= u64::from((byte & 0xC0) != 0x80) << i;
                }
            }
            before_block.push(count);
            starts.push(mask);
            count += mask.count_ones();
        }
        before_block.push(count);
        starts.push(0);
        CodePoints {
            before_block,
            starts,
            len: bytes.len(),
        }
    }

    /// Code points before `byte` (a byte inside a character counts that character).
    pub(super) fn at(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let (block, bit) = (byte / 64, byte % 64);
        let below = self.starts[block] & ((1u64 << bit) - 1);
        (self.before_block[block] + below.count_ones()) as usize
    }

    pub(super) fn span(&self, span: &std::ops::Range<usize>) -> [usize; 2] {
        [self.at(span.start), self.at(span.end)]
    }
}

/// Finds the quotations in a text, with code-point offsets (the `extract` contract).
/// `include_nested` keeps quotations inside other quotations.
pub fn extract_quotes(text: &str, include_nested: bool) -> Vec<ExtractedQuote> {
    let analysis = crate::analyze::analyze(text);
    let code_points = CodePoints::new(text);
    let groups = group_numbers(&analysis.quotes);
    analysis
        .quotes
        .iter()
        .zip(groups)
        .filter(|(quote, _)| include_nested || !quote.nested)
        .map(|(quote, group)| extracted_quote(text, &code_points, &analysis, quote, group))
        .collect()
}

/// The `group` of each quotation as the contract gives it: the pieces of one
/// quotation share a number, and a quotation of one piece (which the engine
/// leaves at `usize::MAX`, a number JSON readers and Arrow cannot hold) gets a
/// number of its own after theirs, in text order.
pub(super) fn group_numbers(quotes: &[crate::analyze::Quote]) -> Vec<usize> {
    let mut next = quotes
        .iter()
        .map(|quote| quote.group)
        .filter(|&group| group != usize::MAX)
        .max()
        .map_or(0, |group| group + 1);
    quotes
        .iter()
        .map(|quote| {
            if quote.group == usize::MAX {
                next += 1;
                next - 1
            } else {
                quote.group
            }
        })
        .collect()
}

/// [`extract_quotes`] of each text, on every core; the results in the order of
/// the texts.
pub fn extract_quotes_batch<S: AsRef<str> + Sync>(
    texts: &[S],
    include_nested: bool,
) -> Vec<Vec<ExtractedQuote>> {
    in_parallel(texts, |text| extract_quotes(text.as_ref(), include_nested))
}

/// `make` of each item on every core, the results in the items' order.
pub(super) fn in_parallel<T: Sync, R: Send>(items: &[T], make: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = crate::parallel::worker_threads();
    let mut results = Vec::with_capacity(items.len());
    crate::parallel::prepare_in_parallel(items, threads, threads * 8, make, |_, result| {
        results.push(result);
        true
    });
    results
}

/// One quotation of an analysis as the `extract` contract gives it.
pub(super) fn extracted_quote(
    text: &str,
    code_points: &CodePoints,
    analysis: &crate::analyze::Analysis,
    quote: &crate::analyze::Quote,
    group: usize,
) -> ExtractedQuote {
    let [start, end] = code_points.span(&quote.span);
    ExtractedQuote {
        start,
        end,
        text: text[quote.span.clone()].to_owned(),
        kind: quote.kind.as_str(),
        speaker: quote
            .speaker
            .map(|s| analysis.speakers[s].name.clone())
            .or_else(|| {
                quote
                    .speaker_mention
                    .clone()
                    .map(|m| text[m].trim().to_owned())
            }),
        speaker_span: quote.speaker_mention.as_ref().map(|m| code_points.span(m)),
        cue: quote.cue.clone().map(|c| text[c].to_owned()),
        cue_span: quote.cue.as_ref().map(|c| code_points.span(c)),
        confidence: (f64::from(quote.confidence) * 100.0).round() / 100.0,
        group,
        nested: quote.nested,
        rule: quote.rule,
    }
}

/// What a web page gives (`quotemap parse-html`): main text and metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedPage {
    /// Main text, paragraphs separated by blank lines; never markup.
    pub text: String,
    /// Headline.
    pub title: Option<String>,
    /// Author(s), joined by "; ".
    pub author: Option<String>,
    /// Publication date or date-time as the page gives it (ISO 8601).
    pub published: Option<String>,
    /// Site name.
    pub site_name: Option<String>,
}

/// The main text and metadata of a web page; `url` is where it was saved from.
/// A page the parser could not finish in time (nested too deep) is an `Err`
/// with the reason.
pub fn parse_html(html: &str, url: Option<&str>) -> Result<ParsedPage, String> {
    let page = ingest::html::parse_html(html, url).map_err(|refused| refused.to_string())?;
    Ok(ParsedPage {
        text: page.text,
        title: page.title,
        author: page.author,
        published: page.published,
        site_name: page.site_name,
    })
}

/// Code point offset → byte offset in `text`, or `None` past its end. The one
/// place where offsets from the faces (code points) become the engine's bytes.
pub(super) fn byte_offset(text: &str, code_point: usize) -> Option<usize> {
    if code_point == 0 {
        return Some(0);
    }
    match text.char_indices().nth(code_point) {
        Some((byte, _)) => Some(byte),
        None => (text.chars().count() == code_point).then_some(text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::CodePoints;

    /// Every byte offset, on and inside characters and across block edges: the
    /// code points of the text before it, a partial character counting as one.
    #[test]
    fn code_points_count_the_characters_before_each_byte() {
        let text = "Ab \u{201C}é\u{201D} 日本 😀 x".repeat(9);
        let code_points = CodePoints::new(&text);
        for byte in 0..=text.len() + 3 {
            let expected = text
                .char_indices()
                .take_while(|&(start, _)| start < byte)
                .count();
            assert_eq!(code_points.at(byte), expected, "byte {byte}");
        }
        assert_eq!(CodePoints::new("").at(5), 0);
    }
}

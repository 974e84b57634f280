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

/// Byte offset → code point offset, for one text.
pub(super) struct CodePoints(Vec<u32>);

impl CodePoints {
    pub(super) fn new(text: &str) -> CodePoints {
        let mut map = vec![0u32; text.len() + 1];
        let mut count = 0u32;
        let mut last = 0;
        for (byte, c) in text.char_indices() {
            for slot in &mut map[last..=byte] {
                *slot = count;
            }
            count += 1;
            last = byte + 1;
            let _ = c;
        }
        for slot in &mut map[last..] {
            *slot = count;
        }
        CodePoints(map)
    }

    pub(super) fn at(&self, byte: usize) -> usize {
        self.0[byte.min(self.0.len() - 1)] as usize
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
    analysis
        .quotes
        .iter()
        .filter(|quote| include_nested || !quote.nested)
        .map(|quote| {
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
                group: quote.group,
                nested: quote.nested,
                rule: quote.rule,
            }
        })
        .collect()
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
pub fn parse_html(html: &str, url: Option<&str>) -> ParsedPage {
    let page = ingest::html::parse_html(html, url);
    ParsedPage {
        text: page.text,
        title: page.title,
        author: page.author,
        published: page.published,
        site_name: page.site_name,
    }
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

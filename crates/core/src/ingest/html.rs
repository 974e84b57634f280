//! Web pages saved from a browser: the main text by a readability port
//! (dom_smoothie, on an HTML5 parser), never rendering the page, and the
//! metadata by our own, tested precedence:
//!
//! - title: the first visible `<h1>` (without a kicker above the headline) when one of
//!   JSON-LD `headline`, `dc:title`, `og:title`, `twitter:title`, `parsely-title`,
//!   `<title>` contains it, ignoring case and quote style, and it is not the site's name;
//!   else the first of those, without a site suffix;
//! - author: JSON-LD `author` names > `<meta name="author">` > `article:author` > the byline;
//! - published: JSON-LD `datePublished` (also inside `<![CDATA[`) >
//!   `article:published_time` > `<time datetime>` > other date metas > the URL >
//!   an element marked as a date > the date by the headline > a date labelled as the
//!   publication's; a UTC time is read on the clock of the one zone the page's language
//!   names;
//! - site name: `og:site_name` > JSON-LD `publisher.name`.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::{Map, Value};

/// Main text this long is taken from Readability's first, strictest pass.
const SHORT_ARTICLE_CHARS: usize = 250;

/// Elements parsed at most; a page beyond this is cut, not rejected.
const MAX_ELEMENTS: usize = 200_000;

/// What a web page gives: main text and metadata.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlArticle {
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
    /// Canonical URL.
    pub url: Option<String>,
    /// Language (`lang` attribute).
    pub language: Option<String>,
}

/// Elements nested deeper than this make a page unreadable here. Parsing and
/// main-text scoring take time in proportion to the depth for every element
/// (100,000 nested `<div>`s did not finish in minutes); real pages nest a few dozen
/// levels.
pub const MAX_NESTING: usize = 1_000;

/// The sum over all elements of how deep each one stands: main-text scoring walks
/// each element's ancestors, so its time follows this sum (100,000 elements under
/// 1,000 levels, 10⁸, took 51 s). Large real pages stay under a few 10⁵.
pub const MAX_ANCESTOR_STEPS: usize = 4_000_000;

/// Why a page is not read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageRefused {
    /// Nested deeper than [`MAX_NESTING`].
    #[error(
        "the page nests its elements more than {MAX_NESTING} levels deep (a broken or hostile page)"
    )]
    TooDeep,
    /// Too many elements nested too deep for their number (over [`MAX_ANCESTOR_STEPS`]).
    #[error(
        "the page has too many elements nested too deep for it to be read in time (a broken or hostile page)"
    )]
    TooHeavy,
}

/// Extracts the main text and metadata of a page; a page nested too deep for
/// the parser to finish in time is refused.
pub fn parse_html(html: &str, url: Option<&str>) -> Result<HtmlArticle, PageRefused> {
    // Scripts, style sheets, vector drawings and data attributes are over half of a
    // saved page and none of its text: the parser is spared them (JSON-LD, which is
    // metadata, stays).
    let html = &*slimmed_page(html);
    let shape = nesting(html, MAX_NESTING + 1);
    if shape.deepest > MAX_NESTING {
        return Err(PageRefused::TooDeep);
    }
    if shape.ancestor_steps > MAX_ANCESTOR_STEPS {
        return Err(PageRefused::TooHeavy);
    }
    Ok(parse_slimmed_html(html, url))
}

/// How a page's elements nest, as a parser would build them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Nesting {
    /// The deepest element's depth (the scan stops at the `stop` it was given).
    deepest: usize,
    /// The sum of every element's depth.
    ancestor_steps: usize,
}

/// How a page's elements nest (the scan stops when the depth reaches `stop`):
/// start tags open, end tags close; void elements, self-closing tags and
/// elements whose end tag may be left out (`<p>`, `<li>`, `<td>`…, which the
/// parser closes by itself) do not count.
fn nesting(html: &str, stop: usize) -> Nesting {
    const NOT_NESTING: &[&[u8]] = &[
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
        b"param", b"source", b"track", b"wbr", b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th",
        b"tbody", b"thead", b"tfoot", b"option", b"optgroup", b"rb", b"rt", b"rp", b"rtc",
        b"colgroup", b"caption", b"html", b"head", b"body",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at, mut ancestor_steps) = (0usize, 0usize, 0usize, 0usize);
    while let Some(open) = next_markup(bytes, at) {
        let closing = bytes.get(open + 1) == Some(&b'/');
        let name_start = open + 1 + usize::from(closing);
        at = name_start;
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = tag_name_end(bytes, name_start);
        let name = &bytes[name_start..name_end];
        if NOT_NESTING.iter().any(|n| name.eq_ignore_ascii_case(n)) {
            continue;
        }
        let tag_end = memchr::memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |p| name_end + p);
        at = tag_end;
        if closing {
            depth = depth.saturating_sub(1);
        } else if bytes[..tag_end].last() != Some(&b'/') {
            depth += 1;
            deepest = deepest.max(depth);
            ancestor_steps += depth;
            if deepest >= stop {
                break;
            }
        }
    }
    Nesting {
        deepest,
        ancestor_steps,
    }
}

/// The next `<` from `at` that starts markup, comments passed over whole (a
/// commented-out tag is not a tag); `None` at the end or in an unclosed comment.
fn next_markup(bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + offset;
        if !bytes[open..].starts_with(b"<!--") {
            return Some(open);
        }
        at = open + 4 + memchr::memmem::find(&bytes[open + 4..], b"-->")? + 3;
    }
    None
}

/// Where the tag name starting at `start` ends (space, `>` or `/`).
fn tag_name_end(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|&b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        .map_or(bytes.len(), |p| start + p)
}

/// [`parse_html`] of a page already slimmed and checked.
fn parse_slimmed_html(html: &str, url: Option<&str>) -> HtmlArticle {
    let document = Document::from(html);
    let metadata = PageMetadata::read(&document);
    // Read before readability takes the document, and only when nothing better dates the page.
    let url_date = url.and_then(date_in_url);
    let dated = if metadata.published.is_none() && url_date.is_none() {
        dated_element(&document)
    } else {
        None
    };
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        text_mode: TextMode::Formatted,
        // Readability retries with its filters relaxed below 500 characters, and the
        // relaxed passes mostly add page furniture; a short article is still an article.
        // (DEV text F1 is flat from 100 to 300: 0.923-0.924 against 0.918 at 500.)
        char_threshold: SHORT_ARTICLE_CHARS,
        // Classes are not in the text: no need to strip them from the article.
        keep_classes: true,
        ..Config::default()
    };
    // A URL that is not absolute is only a hint: retry without it rather than fail.
    // The readability crate is young: a panic on a hostile page must cost only this
    // page's main text, never the app (the metadata above is already read).
    let article = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Only an absolute URL is a valid base; anything else is dropped rather than
        // failing the page (and the document is parsed once, not cloned for a retry).
        let base = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
        let readability = Readability::with_document(document, base, Some(config));
        readability.ok().and_then(|mut r| r.parse().ok())
    }))
    .ok()
    .flatten();
    let text = article
        .as_ref()
        .map(|a| super::boilerplate::strip_boilerplate(&clean_text(&a.text_content)))
        .filter(|text| !text.is_empty())
        // Readability found no candidate at all: the paragraphs of the block with the
        // most paragraph text, so a plain page is never imported empty.
        .unwrap_or_else(|| clean_text(&densest_block_text(html)));
    let fallback_title = article
        .as_ref()
        .map(|a| a.title.trim().to_owned())
        .filter(|t| !t.is_empty());
    let title = metadata.title.or(fallback_title);
    let author = metadata.author.clone();
    let published = metadata
        .published
        .or_else(|| {
            article
                .as_ref()
                .and_then(|a| a.published_time.as_deref())
                .and_then(normalise_date)
        })
        .or(url_date)
        .or(dated)
        .or_else(|| date_after_heading(html, title.as_deref()))
        .or_else(|| labelled_date(html, metadata.description.as_deref()))
        // Last: a dateline, a date printed in the article's opening ("Wiesbaden,
        // 11. November 2021"); dates further down are what the article is about.
        .or_else(|| super::dates::find_date(opening(&text)))
        .map(|date| super::dates::in_page_zone(&date, metadata.language.as_deref()));
    HtmlArticle {
        text: strip_byline(
            &strip_leading_title(&text, title.as_deref()),
            author.as_deref(),
        ),
        title,
        author: metadata
            .author
            .as_deref()
            .and_then(clean_author)
            .or_else(|| {
                article
                    .as_ref()
                    .and_then(|a| a.byline.as_deref())
                    .and_then(clean_author)
            }),
        published,
        site_name: metadata
            .site_name
            .or_else(|| article.as_ref().and_then(|a| a.site_name.clone())),
        url: metadata.canonical.or_else(|| url.map(str::to_owned)),
        language: metadata.language,
    }
}

/// The first three paragraphs of a text, at most about 400 bytes of it: where a
/// dateline stands.
fn opening(text: &str) -> &str {
    let paragraphs_end = text
        .match_indices("\n\n")
        .nth(2)
        .map_or(text.len(), |(at, _)| at);
    &text[..text.floor_char_boundary(paragraphs_end.min(400))]
}

/// The page as the parser needs it: the content of `<script>`, `<style>` and `<svg>`
/// elements cut out (the tags stay, empty), except JSON-LD scripts, and the attributes
/// no text or metadata comes from dropped from start tags (`data-*`, `on*` handlers,
/// `srcset`, `sizes`, tooltips, `alt`, `target`). The scan reads the page as an HTML
/// tokenizer does: comments are passed over whole, so a commented-out tag cuts
/// nothing; the text of `<title>`, `<textarea>`, `<noscript>` and the like is passed
/// over untouched, however much it looks like tags; a cut ends where a parser ends
/// the element, at the first `</script`, `</style` or `</svg`, whatever the case.
/// Whitespace is kept as it is: Readability's byline test measures a node's text
/// with its indentation.
fn slimmed_page(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let starts_with_ci = |at: usize, prefix: &[u8]| {
        bytes
            .get(at..at + prefix.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(prefix))
    };
    let mut kept = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(open) = next_markup(bytes, at) {
        let name_start = open + 1;
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            at = name_start;
            continue;
        }
        let name_end = tag_name_end(bytes, name_start);
        let Some(tag) = start_tag(bytes, name_end) else {
            break;
        };
        for dropped in tag.dropped_attributes {
            kept.push_str(&html[copied..dropped.start]);
            copied = dropped.end;
        }
        let name = &bytes[name_start..name_end];
        at = tag.end;
        // After `<plaintext>` everything is text.
        if name.eq_ignore_ascii_case(b"plaintext") {
            break;
        }
        let cut_body = [&b"script"[..], b"style", b"svg"]
            .into_iter()
            .find(|cut| name.eq_ignore_ascii_case(cut));
        // Elements whose content is text to a parser, however much it looks like tags
        // (`<title>A <tweet author="x"> thread</title>`): passed over untouched.
        let raw_text = [
            &b"title"[..],
            b"textarea",
            b"xmp",
            b"iframe",
            b"noembed",
            b"noframes",
            b"noscript",
        ]
        .into_iter()
        .find(|raw| name.eq_ignore_ascii_case(raw));
        let Some(body_of) = cut_body.or(raw_text) else {
            continue;
        };
        // The first `</name` after the tag, in any case.
        let mut search = tag.end;
        let close = loop {
            match memchr::memmem::find(&bytes[search..], b"</") {
                Some(found) if starts_with_ci(search + found + 2, body_of) => {
                    break Some(search + found);
                }
                Some(found) => search += found + 2,
                None => break None,
            }
        };
        let Some(close) = close else { break };
        let json_ld = html[open..tag.end].to_ascii_lowercase().contains("ld+json");
        if cut_body.is_some() && !json_ld && close > tag.end {
            kept.push_str(&html[copied..tag.end]);
            copied = close;
        }
        at = close + 2;
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    kept.push_str(&html[copied..]);
    std::borrow::Cow::Owned(kept)
}

/// A start tag's attributes read as an HTML tokenizer reads them.
struct StartTag {
    /// Just past the closing `>`.
    end: usize,
    /// Byte ranges of the attributes to leave out, each with the space before it.
    dropped_attributes: Vec<std::ops::Range<usize>>,
}

/// The start tag whose name ends at `name_end`, or `None` when the page ends inside it.
fn start_tag(bytes: &[u8], name_end: usize) -> Option<StartTag> {
    let mut dropped_attributes = Vec::new();
    let mut at = name_end;
    loop {
        let space_start = at;
        while bytes
            .get(at)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => {
                return Some(StartTag {
                    end: at + 1,
                    dropped_attributes,
                });
            }
            _ => {
                // An attribute name runs to a space, `/`, `>` or `=` (not counting its
                // first character, which may be `=`).
                let name_start = at;
                at += 1;
                while bytes
                    .get(at)
                    .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'='))
                {
                    at += 1;
                }
                let name = &bytes[name_start..at];
                let mut value_end = at;
                while bytes.get(value_end).is_some_and(u8::is_ascii_whitespace) {
                    value_end += 1;
                }
                if bytes.get(value_end) == Some(&b'=') {
                    value_end += 1;
                    while bytes.get(value_end).is_some_and(u8::is_ascii_whitespace) {
                        value_end += 1;
                    }
                    match bytes.get(value_end)? {
                        quote @ (b'"' | b'\'') => {
                            let close = memchr::memchr(*quote, &bytes[value_end + 1..])?;
                            value_end += close + 2;
                        }
                        _ => {
                            while bytes
                                .get(value_end)
                                .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                            {
                                value_end += 1;
                            }
                        }
                    }
                    at = value_end;
                }
                if unneeded_attribute(name) && space_start < name_start {
                    dropped_attributes.push(space_start..at);
                }
            }
        }
    }
}

/// Attributes no text or metadata is read from: lazy-loading and tracking data,
/// event handlers, responsive image sources, tooltips, image descriptions (an image's
/// text is not the article's) and link targets. (`aria-*` stays: Readability skips
/// what is hidden from screen readers.)
fn unneeded_attribute(name: &[u8]) -> bool {
    let starts_ci = |prefix: &[u8]| {
        name.get(..prefix.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(prefix))
    };
    starts_ci(b"data-")
        || (starts_ci(b"on") && name.len() > 2)
        || name.eq_ignore_ascii_case(b"srcset")
        || ["sizes", "title", "alt", "target"]
            .iter()
            .any(|unneeded| name.eq_ignore_ascii_case(unneeded.as_bytes()))
}

/// The text of the element whose `<p>` children hold the most text, one paragraph per
/// child paragraph, heading, list item, quotation or preformatted block.
fn densest_block_text(html: &str) -> String {
    let document = Document::from(html);
    let mut text_by_parent: rustc_hash::FxHashMap<dom_query::NodeId, usize> = Default::default();
    for paragraph in document.select("body p").nodes() {
        if let Some(parent) = paragraph.parent() {
            *text_by_parent.entry(parent.id).or_default() += paragraph.text().trim().len();
        }
    }
    let Some((&best, _)) = text_by_parent
        .iter()
        .max_by_key(|(id, length)| (**length, std::cmp::Reverse(**id)))
    else {
        return String::new();
    };
    let Some(block) = document.tree.get(&best) else {
        return String::new();
    };
    let mut paragraphs = Vec::new();
    for child in block.element_children() {
        let name = child.node_name().map(|n| n.to_string()).unwrap_or_default();
        if matches!(name.as_str(), "ul" | "ol") {
            paragraphs.extend(
                child
                    .element_children()
                    .iter()
                    .map(|item| item.text().to_string()),
            );
        } else if matches!(
            name.as_str(),
            "p" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" | "div"
        ) {
            paragraphs.push(child.text().to_string());
        }
    }
    paragraphs.join("\n\n")
}

/// Paragraphs separated by one blank line, whitespace inside them collapsed.
fn clean_text(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|&c| !super::decode::is_invisible(c))
        .collect();
    let mut paragraphs = Vec::new();
    for block in text.split("\n\n") {
        let collapsed: Vec<&str> = block.split_whitespace().collect();
        if !collapsed.is_empty() {
            paragraphs.push(collapsed.join(" "));
        }
    }
    paragraphs.join("\n\n")
}

/// The words a byline opens with, lower-case ("By Anna Berg", "Von Jörn Mecher"); not
/// the Italian "di", which opens surnames too ("Di Maio").
pub(crate) const BYLINE_WORDS: [&str; 7] = ["by ", "by:", "von ", "von:", "par ", "por ", "door "];

/// A byline ("By Anna Berg", "von Anna Berg am 14. Mai 2014") or a bare date among the
/// first paragraphs, or an author's signature as the last ("Von: Anna Berg"), is
/// metadata, not text.
fn strip_byline(text: &str, author: Option<&str>) -> String {
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let last = paragraphs.len().saturating_sub(1);
    let is_metadata = |index: usize, paragraph: &str| {
        let words = paragraph.split_whitespace().count();
        let lowered = paragraph.to_lowercase();
        let by = BYLINE_WORDS.iter().any(|b| lowered.starts_with(b));
        let opening = index < 3
            && ((words <= 12 && by)
                || (words <= 8 && author.is_some_and(|a| !a.is_empty() && paragraph.contains(a)))
                || (words <= 6 && super::dates::find_date(paragraph).is_some()));
        let signature = index == last && index > 0 && words <= 5 && by;
        opening || signature
    };
    paragraphs
        .iter()
        .enumerate()
        .filter(|(index, paragraph)| !is_metadata(*index, paragraph))
        .map(|(_, paragraph)| *paragraph)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// An author as a reader wants it: the name without "By"/"Von"/"Par" or a label before
/// it ("Geschrieben von", "Auteur:"), without a date after it ("Janic Cathomen,
/// 01.12.2021", "Von Jörn Mecher am 08.12.2022"), entities decoded, outer quotation
/// marks off; `None` for what is no name (a form label, a comment, a sentence).
fn clean_author(raw: &str) -> Option<String> {
    const LABELS: [&str; 11] = [
        "posted on",
        "posted by",
        "written by",
        "geschrieben von",
        "erstellt von",
        "veröffentlicht von",
        "text und interview:",
        "text:",
        "auteur:",
        "autor:",
        "author:",
    ];
    let mut name = normalise_space(&decode_entities(raw));
    // The label, and what stands before it (", par Attac France").
    loop {
        // Offsets are taken on the name itself: lower-casing may change byte lengths.
        let trimmed = name.trim_start_matches(|c: char| !c.is_alphanumeric());
        let skipped = name.len() - trimmed.len();
        let label = LABELS.iter().chain(&BYLINE_WORDS).find(|label| {
            trimmed
                .get(..label.len())
                .is_some_and(|head| head.to_lowercase() == **label)
        });
        match label {
            Some(label) => name = trimmed[label.len()..].trim().to_owned(),
            None => {
                name = name[skipped..].to_owned();
                break;
            }
        }
    }
    // A date after the name, with what joins it (", ", " am ", " - ").
    let date_starts = |at: usize, c: char| {
        let word_start = at == 0 || name[..at].ends_with(' ');
        let month = word_start
            && super::dates::month_number(
                name[at..]
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or(""),
            )
            .is_some();
        // The date must begin here: "April Ryan, March 3" is a name, then a date.
        let end = name.floor_char_boundary((at + 20).min(name.len()));
        (c.is_ascii_digit() || month) && super::dates::find_date(&name[at..end]).is_some()
    };
    if let Some(cut) = name
        .char_indices()
        .find_map(|(at, c)| date_starts(at, c).then_some(at))
    {
        name = name[..cut].to_owned();
        // "gnaddrig Sagt: 9. Dezember 2013 …" is a comment's header, not a byline.
        if name.trim_end().ends_with(':') {
            return None;
        }
        for joiner in [" am", " on", " le", " el", " at"] {
            let end = name.trim_end();
            let keep = end.len().saturating_sub(joiner.len());
            if end.is_char_boundary(keep) && end[keep..].eq_ignore_ascii_case(joiner) {
                name.truncate(keep);
            }
        }
    }
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | ')'))
        .trim()
        .to_owned();
    let words = name.split_whitespace().count();
    // "Name (erforderlich)", "gnaddrig Sagt: … Schöne Einleitung", "Posted on".
    let no_name = name.is_empty()
        || words > 10
        || name.contains(':')
        || name.to_lowercase().contains("(erforderlich)")
        || name.to_lowercase().contains("(required)");
    (!no_name).then_some(name)
}

/// The title is metadata: when the main text opens with it, it is not repeated there.
fn strip_leading_title(text: &str, title: Option<&str>) -> String {
    match (title, text.split_once("\n\n")) {
        (Some(title), Some((first, rest))) if first.trim() == title.trim() => rest.to_owned(),
        _ => text.to_owned(),
    }
}

#[derive(Debug, Default)]
struct PageMetadata {
    title: Option<String>,
    description: Option<String>,
    author: Option<String>,
    published: Option<String>,
    site_name: Option<String>,
    canonical: Option<String>,
    language: Option<String>,
}

/// The elements metadata is read from, found in one walk of the page (a selector
/// query each would walk the whole page again), in document order.
#[derive(Default)]
struct MetadataElements<'a> {
    /// `<html>`, for its `lang`.
    root: Option<dom_query::NodeRef<'a>>,
    /// `<meta content>`.
    metas: Vec<dom_query::NodeRef<'a>>,
    /// The first `<title>`.
    title: Option<dom_query::NodeRef<'a>>,
    /// The first few `<h1>`s.
    h1s: Vec<dom_query::NodeRef<'a>>,
    /// The first few `<h2>`s: where a page without an article `<h1>` puts its headline.
    h2s: Vec<dom_query::NodeRef<'a>>,
    /// `<time datetime>`.
    times: Vec<dom_query::NodeRef<'a>>,
    /// `[itemprop="datePublished"]`.
    microdata_dates: Vec<dom_query::NodeRef<'a>>,
    /// The first `<link rel="canonical">`.
    canonical: Option<dom_query::NodeRef<'a>>,
    /// `<script type="application/ld+json">`.
    json_ld_scripts: Vec<dom_query::NodeRef<'a>>,
}

impl<'a> MetadataElements<'a> {
    /// How many `<h1>`s are kept: enough to pass over a hidden one and a site banner.
    const HEADINGS: usize = 8;

    fn find(document: &'a Document) -> Self {
        let mut found = MetadataElements::default();
        for node in document.root().descendants_it() {
            let Some(name) = node.qual_name_ref().map(|q| q.local.clone()) else {
                continue;
            };
            let attr_is =
                |attribute: &str, value: &str| node.attr(attribute).is_some_and(|v| &*v == value);
            match &*name {
                "html" if found.root.is_none() => found.root = Some(node),
                "meta" if node.has_attr("content") => found.metas.push(node),
                "title" if found.title.is_none() => found.title = Some(node),
                "h1" if found.h1s.len() < Self::HEADINGS => found.h1s.push(node),
                "h2" if found.h2s.len() < Self::HEADINGS => found.h2s.push(node),
                "time" if node.has_attr("datetime") => found.times.push(node),
                "link" if found.canonical.is_none() && attr_is("rel", "canonical") => {
                    found.canonical = Some(node);
                }
                "script" if attr_is("type", "application/ld+json") => {
                    found.json_ld_scripts.push(node);
                }
                _ => {}
            }
            if attr_is("itemprop", "datePublished") {
                found.microdata_dates.push(node);
            }
        }
        found
    }
}

impl PageMetadata {
    fn read(document: &Document) -> PageMetadata {
        let elements = MetadataElements::find(document);
        let json_ld = json_ld_objects(&elements.json_ld_scripts);
        let article_ld = json_ld.iter().find(|object| is_article(object));
        // Every <meta> with content, read once in document order: (attribute, one of
        // its space-separated values lower-cased, content). Looking them up beats a
        // selector walk of the page each.
        let metas: Vec<(&str, String, String)> = elements
            .metas
            .iter()
            .flat_map(|node| {
                let content = node
                    .attr("content")
                    .map(|c| c.trim().to_owned())
                    .unwrap_or_default();
                ["property", "name", "itemprop"]
                    .into_iter()
                    .filter(|_| !content.is_empty())
                    .find_map(|attribute| {
                        node.attr(attribute).map(|value| {
                            value
                                .split_whitespace()
                                .map(|v| (attribute, v.to_lowercase(), content.clone()))
                                .collect::<Vec<_>>()
                        })
                    })
                    .unwrap_or_default()
            })
            .collect();
        let meta = |attribute: &str, value: &str| -> Option<String> {
            metas
                .iter()
                .find(|(a, v, _)| *a == attribute && v == value)
                .map(|(_, _, content)| content.clone())
        };
        let page_title = || -> Option<String> {
            let text = elements.title.as_ref()?.text();
            let words: Vec<&str> = text.split_whitespace().collect();
            (!words.is_empty()).then(|| words.join(" "))
        };
        let ld = |key: &str| article_ld.and_then(|object| object.get(key));
        let clean =
            |t: String| Some(normalise_space(&decode_entities(&t))).filter(|t| !t.is_empty());
        // The titles a page declares, in precedence order. <title> stays among them: on
        // the DEV pages it beats the first <h1>, which is often a site banner. A headline
        // in JSON-LD that is not an article's still vouches for a heading, last.
        let candidates: Vec<String> = [
            ld("headline").and_then(Value::as_str).map(str::to_owned),
            meta("property", "dc:title")
                .or_else(|| meta("name", "dc:title"))
                .or_else(|| meta("name", "dc.title"))
                .or_else(|| meta("property", "dcterm:title")),
            meta("property", "og:title"),
            meta("name", "twitter:title").or_else(|| meta("property", "twitter:title")),
            meta("name", "parsely-title"),
            page_title(),
            json_ld
                .iter()
                .find_map(|o| o.get("headline").and_then(Value::as_str))
                .map(str::to_owned),
        ]
        .into_iter()
        .flatten()
        .filter_map(clean)
        .collect();
        // The first few <h1>s, each without a kicker above its headline: a site banner
        // often comes first.
        let headings: Vec<String> = elements
            .h1s
            .iter()
            .filter(|node| !hidden(node))
            .take(3)
            .filter_map(|node| clean(heading_text(node)))
            .collect();
        let h1 = headings.first().cloned();
        // Every declared title vouches, a second `og:title` an SEO plugin adds too.
        let folded: Vec<String> = candidates
            .iter()
            .map(|c| fold_title(c))
            .chain(
                metas
                    .iter()
                    .filter(|(a, v, _)| *a == "property" && v == "og:title")
                    .skip(1)
                    .map(|(_, _, content)| fold_title(&decode_entities(content))),
            )
            .collect();
        // A heading that is only the site's name (what a title's site suffix is) is
        // not the article's.
        let site_name = |heading: &str| {
            let h = fold_title(heading);
            candidates.iter().zip(&folded).any(|(c, f)| {
                let head = fold_title(&strip_site_suffix(c));
                f.len() > head.len()
                    && f.starts_with(&head)
                    && f[head.len()..].trim_start_matches(|c: char| !c.is_alphanumeric()) == h
            })
        };
        // The page's own heading wins when one of those titles contains it ("Chronik: X",
        // "X - Site"), ignoring case, quote and dash styles; a one-word heading only
        // when a title begins with it ("Penny - Wiki").
        let vouched = |heading: &String| {
            let h = fold_title(heading);
            if heading.split_whitespace().count() >= 2 {
                folded.iter().any(|f| f.contains(&h))
            } else {
                folded.iter().any(|f| {
                    f.strip_prefix(&h)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
                })
            }
        };
        // An <h2> only when no <h1> is the article's (the <h1> is the site's banner, or
        // there is none).
        // It must be a whole part of a declared title, between separators ("Site | X",
        // "X (2021/5)", "X - Author"), not the opening words of a longer headline
        // ("X: Deep-Fried Fish Cakes", a section's "Il Climate Clock").
        let second_headings = || {
            elements
                .h2s
                .iter()
                .filter(|node| !hidden(node))
                .filter_map(|node| clean(heading_text(node)))
                .find(|h| {
                    let h_folded = fold_title(h);
                    !site_name(h) && folded.iter().any(|f| is_title_part(f, &h_folded))
                })
        };
        let vouched_heading = headings
            .iter()
            .find(|h| !site_name(h) && vouched(h))
            .cloned()
            .or_else(second_headings);
        let title = match vouched_heading.as_ref() {
            Some(heading) => Some(heading.clone()),
            None => candidates
                .first()
                .map(|t| strip_site_suffix(t))
                .or_else(|| h1.clone()),
        };
        let author = ld("author")
            .and_then(json_ld_names)
            .or_else(|| meta("name", "author"))
            .or_else(|| meta("property", "article:author").filter(|a| !a.starts_with("http")));
        // Sources in precedence order, each looked at only when those before it gave no
        // date (a "Fri Feb 18" without a year is passed over for the next): the ones that
        // walk the page are not run on a page its metadata already dates.
        let time_element = || {
            elements
                .times
                .iter()
                .find_map(|node| node.attr("datetime").map(|d| d.trim().to_owned()))
        };
        let microdata = || {
            elements.microdata_dates.iter().find_map(|node| {
                node.attr("datetime")
                    .or_else(|| node.attr("content"))
                    .map(|d| d.trim().to_owned())
                    .or_else(|| {
                        Some(node.text().trim().to_owned())
                            .filter(|t| t.len() <= 40 && !t.is_empty())
                    })
            })
        };
        let meta_date = |attribute: &str, value: &str| {
            meta(attribute, value).and_then(|raw| normalise_date(&raw))
        };
        let named = |names: &'static [&'static str]| {
            move || names.iter().find_map(|name| meta_date("name", name))
        };
        let sources: [&dyn Fn() -> Option<String>; 7] = [
            &|| {
                ld("datePublished")
                    .and_then(Value::as_str)
                    .and_then(normalise_date)
            },
            // An SEO plugin's graph may date the `WebPage`, not the article.
            &|| {
                json_ld.iter().find_map(|o| {
                    o.get("datePublished")
                        .and_then(Value::as_str)
                        .and_then(normalise_date)
                })
            },
            &|| meta_date("property", "article:published_time"),
            &|| time_element().and_then(|raw| normalise_date(&raw)),
            &|| named(&["date", "pubdate"])().or_else(|| meta_date("itemprop", "datepublished")),
            &named(&[
                "dc.date.issued",
                "publish-date",
                "publication_date",
                "citation_publication_date",
                "dc.date",
                "dcterms.date",
                "parsely-pub-date",
                "sailthru.date",
            ]),
            &|| {
                microdata()
                    .and_then(|raw| normalise_date(&raw))
                    .or_else(|| meta_date("itemprop", "datecreated"))
            },
        ];
        let published = sources.iter().find_map(|source| source());
        let site_name = meta("property", "og:site_name").or_else(|| {
            ld("publisher")
                .and_then(|p| p.get("name"))
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
        let canonical = elements
            .canonical
            .and_then(|node| node.attr("href").map(|h| h.trim().to_owned()));
        let language = elements
            .root
            .and_then(|node| node.attr("lang").map(|l| l.trim().to_owned()))
            .filter(|l| !l.is_empty())
            .or_else(|| meta("property", "og:locale"));
        let description =
            meta("name", "description").or_else(|| meta("property", "og:description"));
        PageMetadata {
            title,
            description,
            author,
            published,
            site_name,
            canonical,
            language,
        }
    }
}

/// Titles in metadata are sometimes escaped twice ("&amp;#038;"): decode what is left.
fn decode_entities(text: &str) -> String {
    if text.contains('&') {
        html_escape::decode_html_entities(text).into_owned()
    } else {
        text.to_owned()
    }
}

/// What separates a title's parts ("Headline | Site"), set off by spaces.
const TITLE_SEPARATORS: [&str; 6] = ["|", "-", "–", "—", "::", "·"];

/// "Plejaden, M45 - Abenteuer Astronomie" → "Plejaden, M45": a short tail after a
/// separator is the site's name.
fn strip_site_suffix(title: &str) -> String {
    for separator in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(&format!(" {separator} ")) {
            let head_words = head.split_whitespace().count();
            let tail_words = tail.split_whitespace().count();
            if head_words >= 2 && tail_words <= 4 && tail_words < head_words {
                return head.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

/// Whether `part` stands in `title` between separators or the title's ends (both
/// folded by [`fold_title`]).
fn is_title_part(title: &str, part: &str) -> bool {
    // Also a bullet and an opening parenthesis: "X (2021/5)", "X • 1619".
    let separators = TITLE_SEPARATORS.iter().chain(&["•", "("]);
    !part.is_empty()
        && title.match_indices(part).any(|(at, _)| {
            let (before, after) = (&title[..at], &title[at + part.len()..]);
            // Whole words, and a separator set off by spaces ("Site - X", not "Ab-X").
            let opens = before.is_empty()
                || before.ends_with(' ')
                    && separators.clone().any(|s| before.trim_end().ends_with(s));
            let closes = after.is_empty()
                || after.starts_with(' ')
                    && separators
                        .clone()
                        .any(|s| after.trim_start().starts_with(s));
            opens && closes
        })
}

/// A title as compared, not as shown: lower case, one quote and dash style, single spaces.
fn fold_title(title: &str) -> String {
    let mapped: String = title
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2010}'..='\u{2015}' => '-',
            c => c,
        })
        .collect();
    normalise_space(&mapped)
}

/// Whether an element is marked as not shown (`class="hidden"`, "sr-only",
/// `hidden`, `display:none`): a heading only screen readers get is not the headline.
fn hidden(node: &dom_query::NodeRef) -> bool {
    node.has_attr("hidden")
        || node.attr("class").is_some_and(|class| {
            class
                .split_whitespace()
                .any(|c| c == "hidden" || c.contains("sr-only") || c.contains("visually-hidden"))
        })
        || node
            .attr("style")
            .is_some_and(|style| style.replace(' ', "").contains("display:none"))
}

/// A heading's text without the kicker a news page sets above the headline in the
/// same element (`<span class="dachzeile">`, "topline", "kicker") and the colon after it.
fn heading_text(node: &dom_query::NodeRef) -> String {
    const KICKER: [&str; 8] = [
        "kicker",
        "topline",
        "dachzeile",
        "overline",
        "eyebrow",
        "subtitle",
        "roofline",
        "spitzmarke",
    ];
    let children = node.children();
    let mut skip = 0;
    for child in &children {
        if child.is_text() && child.text().trim().is_empty() {
            skip += 1;
            continue;
        }
        let kicker = child.is_element()
            && child.attr("class").is_some_and(|class| {
                let class = class.to_lowercase();
                KICKER.iter().any(|k| class.contains(k))
            });
        if kicker {
            skip += 1;
        }
        break;
    }
    if skip == 0 || !children[..skip].iter().any(|c| c.is_element()) {
        return node.text().to_string();
    }
    let rest: String = children[skip..]
        .iter()
        .map(|c| c.text().to_string())
        .collect();
    let rest = rest.trim_start();
    // The separator between kicker and headline, when it is an element of its own.
    rest.trim_start_matches([':', '|', '-', '\u{2013}', ' '])
        .to_owned()
}

fn normalise_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every object in the page's JSON-LD scripts, in document order, nested ones
/// (an `@graph`, a `mainEntity`) after their parent.
fn json_ld_objects(scripts: &[dom_query::NodeRef]) -> Vec<Map<String, Value>> {
    fn walk(value: Value, objects: &mut Vec<Map<String, Value>>) {
        match value {
            Value::Array(list) => list.into_iter().for_each(|v| walk(v, objects)),
            Value::Object(object) => {
                let children: Vec<Value> = object
                    .values()
                    .filter(|v| v.is_object() || v.is_array())
                    .cloned()
                    .collect();
                objects.push(object);
                children.into_iter().for_each(|v| walk(v, objects));
            }
            _ => {}
        }
    }
    let mut objects = Vec::new();
    for script in scripts {
        if let Ok(value) = serde_json::from_str::<Value>(without_cdata(&script.text())) {
            walk(value, &mut objects);
        }
    }
    objects
}

/// A script's JSON without the `<![CDATA[ … ]]>` (or `//<![CDATA[`) wrapper that
/// XHTML-minded pages put around it.
fn without_cdata(script: &str) -> &str {
    let text = script.trim();
    let text = text.strip_prefix("//").unwrap_or(text).trim_start();
    match text.strip_prefix("<![CDATA[") {
        Some(inner) => {
            let inner = inner.trim_end();
            let inner = inner.strip_suffix("]]>").unwrap_or(inner).trim_end();
            inner.strip_suffix("//").unwrap_or(inner).trim()
        }
        None => script.trim(),
    }
}

/// Whether a JSON-LD object describes an article.
fn is_article(object: &Map<String, Value>) -> bool {
    let types: Vec<&str> = match object.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    types.iter().any(|t| {
        t.ends_with("Article")
            || *t == "BlogPosting"
            || *t == "WebPage" && object.contains_key("headline")
    })
}

/// The first date printed in an element marked as one (`class="date"`,
/// "published", "datum"), the more specific marks first; one walk of the page.
fn dated_element(document: &Document) -> Option<String> {
    // 0: marked as published; 1: as a date; 2: as a time, the article's meta data or byline.
    let mark = |node: &dom_query::NodeRef| -> Option<usize> {
        let class = node.attr("class").unwrap_or_default();
        let has = |words: &[&str]| words.iter().any(|w| class.contains(w));
        if has(&["publish", "Publish"]) {
            Some(0)
        } else if has(&["date", "Date", "datum", "Datum"])
            || node.attr("id").is_some_and(|id| id.contains("date"))
        {
            Some(1)
        } else if node.has_name("time") || has(&["time", "meta", "byline"]) {
            Some(2)
        } else {
            None
        }
    };
    let mut best: Option<(usize, String)> = None;
    for node in document.root().descendants_it() {
        if !node.is_element() {
            continue;
        }
        let Some(rank) = mark(&node) else { continue };
        if best
            .as_ref()
            .is_some_and(|(best_rank, _)| *best_rank <= rank)
            || in_teaser(&node)
        {
            continue;
        }
        let text = node.text();
        if let Some(date) = (text.len() <= 120)
            .then(|| super::dates::find_date(&text))
            .flatten()
        {
            if rank == 0 {
                return Some(date);
            }
            best = Some((rank, date));
        }
    }
    best.map(|(_, date)| date)
}

/// Whether a node is part of a teaser of another article, a sidebar or a page's
/// navigation, where the dates are other articles' dates.
fn in_teaser(node: &dom_query::NodeRef) -> bool {
    const MARKS: [&str; 4] = ["teaser", "related", "sidebar", "newsitem"];
    std::iter::successors(Some(*node), |n| n.parent())
        .take(8)
        .any(|n| {
            n.has_name("aside")
                || n.has_name("nav")
                || n.has_name("footer")
                || ["class", "id"].iter().any(|attribute| {
                    n.attr(attribute).is_some_and(|value| {
                        let value = value.to_lowercase();
                        MARKS.iter().any(|mark| value.contains(mark))
                    })
                })
        })
}

/// `/2019/10/16/` or `2019-10-16` in a URL path.
fn date_in_url(url: &str) -> Option<String> {
    let parts: Vec<&str> = url.split(['/', '-', '_', '.']).collect();
    parts
        .windows(3)
        .find_map(|w| iso_date(w[0], w[1], w[2]))
        // "20220124-foerderung": eight digits that make a date.
        .or_else(|| {
            parts.iter().find_map(|part| {
                (part.len() == 8 && part.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| iso_date(&part[..4], &part[4..6], &part[6..]))
                    .flatten()
            })
        })
}

/// A date as the page gives it, normalised: ISO dates and date-times are kept
/// as written (the local date is the publication day), anything else is read
/// by [`super::dates::find_date`]; `None` when it holds no full date.
fn normalise_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let iso = raw.len() >= 10
        && raw.is_char_boundary(10)
        && raw[..10].bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if iso {
        return super::dates::find_date(&raw[..10]).map(|_| raw.to_owned());
    }
    super::dates::find_date(raw)
}

/// A date printed by the headline ("Stand - 12.11.2021", "25. Januar 2022"): the first
/// date in the visible text from just before a heading to 3000 bytes after it; first the
/// heading (`<h1>` or `<h2>`) that holds the title, then the `<h1>`s in order (the
/// `<h2>`s on a page without any).
fn date_after_heading(html: &str, title: Option<&str>) -> Option<String> {
    let h1s: Vec<usize> = html.match_indices("<h1").map(|(i, _)| i).take(4).collect();
    let h2s: Vec<usize> = html.match_indices("<h2").map(|(i, _)| i).take(4).collect();
    let window = |anchor: usize, before: usize, after: usize| {
        let start = html.floor_char_boundary(anchor.saturating_sub(before));
        let end = html.floor_char_boundary((anchor + after).min(html.len()));
        visible_text(&html[start..end])
    };
    // The title's first words, as the heading that holds it begins.
    let opening = title
        .map(|t| {
            let folded = fold_title(t);
            folded
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let mut anchors: Vec<usize> = h1s
        .iter()
        .chain(&h2s)
        .copied()
        .filter(|&anchor| {
            !opening.is_empty() && fold_title(&window(anchor, 0, 1500)).contains(&opening)
        })
        .take(1)
        .collect();
    anchors.extend(if h1s.is_empty() { h2s } else { h1s });
    anchors
        .into_iter()
        .find_map(|anchor| super::dates::find_date(&window(anchor, 200, 3000)))
}

/// A date anywhere on the page after a label that says it is the publication date
/// ("Erschienen am: 01.11.2023", "Published on", "Publié le", "Notizia del").
fn labelled_date(html: &str, description: Option<&str>) -> Option<String> {
    const LABELS: [&str; 12] = [
        "erschienen am",
        "veröffentlicht am",
        "publiziert am",
        "published on",
        "published:",
        "date published",
        "publié le",
        "pubblicato il",
        "notizia del",
        "publicado el",
        "publicado em",
        "gepubliceerd op",
    ];
    // The page's own description counts too ("… (Notizia del 14 Gennaio 2020)").
    let mut text = visible_text(html);
    if let Some(description) = description {
        text.push('\n');
        text.push_str(description);
    }
    let text = text.to_lowercase();
    LABELS.iter().find_map(|label| {
        text.match_indices(label).find_map(|(at, _)| {
            let from = at + label.len();
            let to = text.floor_char_boundary((from + 40).min(text.len()));
            super::dates::find_date(&text[from..to])
        })
    })
}

/// The text of an HTML fragment with its tags out, so that attribute values (image
/// paths, ids) are not read as dates.
fn visible_text(fragment: &str) -> String {
    let mut visible = String::with_capacity(fragment.len());
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                visible.push(' ');
            }
            _ if !in_tag => visible.push(c),
            _ => {}
        }
    }
    visible
}

/// An ISO date from year, month and day strings, when they make a plausible date.
fn iso_date(year: &str, month: &str, day: &str) -> Option<String> {
    if year.len() != 4 || month.len() > 2 || day.len() > 2 {
        return None;
    }
    super::dates::calendar_date(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// `"author": {"name": …}` or a list of them, or a plain string.
fn json_ld_names(value: &Value) -> Option<String> {
    let names: Vec<String> = match value {
        Value::String(name) => vec![name.trim().to_owned()],
        Value::Object(object) => object
            .get("name")
            .and_then(Value::as_str)
            .map(|n| vec![n.trim().to_owned()])
            .unwrap_or_default(),
        Value::Array(list) => list.iter().filter_map(json_ld_names).collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
    (!names.is_empty()).then(|| names.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages here are all readable: their article, not the refusal.
    fn parse_html(html: &str, url: Option<&str>) -> HtmlArticle {
        super::parse_html(html, url).unwrap()
    }

    /// Nesting deeper than real pages do is refused before the parser sees it, in
    /// time linear in the page; elements the parser closes by itself do not count.
    #[test]
    fn pages_nested_too_deep_are_refused_in_linear_time() {
        let nested = format!("<html><body>{}text{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
        assert_eq!(super::parse_html(&nested, None), Err(PageRefused::TooDeep));
        let unclosed = format!("<html><body>{}</body></html>", "<div>x".repeat(100_000));
        assert_eq!(super::parse_html(&unclosed, None), Err(PageRefused::TooDeep));
        let formatting = format!("<p>{}", "<b>bold ".repeat(5_000));
        assert_eq!(super::parse_html(&formatting, None), Err(PageRefused::TooDeep));
        // A long page of paragraphs and list items with no end tags is flat.
        let flat = format!("<html><body><ul>{}</ul>{}</body></html>", "<li>item ".repeat(50_000), "<p>Text of a paragraph.".repeat(50_000));
        assert!(nesting(&flat, MAX_NESTING + 1).deepest <= 3);
        // Comments, self-closing and void elements do not nest.
        let shape = nesting("<div><!-- <div><div> --><br><img src=x/><span/></div>", 10);
        assert_eq!(shape, Nesting { deepest: 1, ancestor_steps: 1 });
        let deepest = nesting(&"<section>".repeat(MAX_NESTING), MAX_NESTING + 1).deepest;
        assert_eq!(deepest, MAX_NESTING);
        assert!(super::parse_html(&"<section>".repeat(MAX_NESTING), None).is_ok());
        // Under the depth limit, but 100,000 elements each 999 deep: refused too.
        let heavy = format!("{}{}", "<div>".repeat(999), "<span>x</span> ".repeat(100_000));
        assert_eq!(super::parse_html(&heavy, None), Err(PageRefused::TooHeavy));
    }

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
        <title>Talks resume | Example News</title>
        <meta property="og:title" content="Talks resume in Paris (og)">
        <meta property="og:site_name" content="Example News">
        <meta property="article:published_time" content="2020-03-03T09:15:00+01:00">
        <link rel="canonical" href="https://example.org/talks">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Example"},
          {"@type":"NewsArticle","headline":"Talks resume in Paris","datePublished":"2020-03-03",
           "author":[{"@type":"Person","name":"Anna Berg"},{"@type":"Person","name":"Karl Lind"}]}]}</script>
        </head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Talks resume in Paris</h1>
        <p>The two delegations met again on Tuesday after a break of three weeks, officials said.</p>
        <p>“We will cooperate,” the French minister said, adding that the talks would go on until Friday.</p>
        <p>Observers expect a joint statement before the weekend, according to diplomats in the capital.</p>
        <script>window.__pwned = true</script>
        <p><img src=x onerror="alert(1)">The text is data, never markup.</p>
        </article>
        <footer>Copyright Example News. All rights reserved.</footer>
        </body></html>"#;

    #[test]
    fn main_text_and_metadata_by_precedence() {
        let article = parse_html(PAGE, Some("https://example.org/talks"));
        assert_eq!(article.title.as_deref(), Some("Talks resume in Paris"));
        assert_eq!(article.author.as_deref(), Some("Anna Berg; Karl Lind"));
        assert_eq!(article.published.as_deref(), Some("2020-03-03"));
        assert_eq!(article.site_name.as_deref(), Some("Example News"));
        assert_eq!(article.url.as_deref(), Some("https://example.org/talks"));
        assert_eq!(article.language.as_deref(), Some("en"));
        assert!(
            article
                .text
                .contains("The two delegations met again on Tuesday"),
            "{}",
            article.text
        );
        assert!(
            article
                .text
                .contains("“We will cooperate,” the French minister said")
        );
        assert!(
            !article.text.contains("Home"),
            "menu kept: {}",
            article.text
        );
        assert!(!article.text.contains("Copyright"), "footer kept");
        assert!(
            !article.text.contains("__pwned") && !article.text.contains('<'),
            "{}",
            article.text
        );
        assert!(
            !article.text.starts_with("Talks resume in Paris"),
            "title repeated in the text"
        );
    }

    #[test]
    fn without_json_ld_the_next_sources_win() {
        let page = r#"<html><head><title>Plain title</title>
            <meta name="author" content="Eva Holm"><meta property="og:title" content="OG title">
            </head><body><h1>H1 title</h1><p>Body.</p><time datetime="2021-05-06T07:08:09Z">May 6</time></body></html>"#;
        let article = parse_html(page, None);
        assert_eq!(article.title.as_deref(), Some("OG title"));
        assert_eq!(article.author.as_deref(), Some("Eva Holm"));
        assert_eq!(article.published.as_deref(), Some("2021-05-06T07:08:09Z"));
        let bare = parse_html(
            "<html><head><title>Only title</title></head><body><h1>Heading</h1></body></html>",
            None,
        );
        assert_eq!(bare.title.as_deref(), Some("Only title"));
        let banner = parse_html(
            "<html><head><title>Talks resume - Example News</title></head><body><h1>Talks resume</h1></body></html>",
            None,
        );
        assert_eq!(banner.title.as_deref(), Some("Talks resume"));
        // A first <h1> that is only the site's name gives way to the article's own.
        let site_first = parse_html(
            "<html><head><title>Late again after all | A Dog Diary</title></head><body>\
             <h1>A Dog Diary</h1><h1>Late again after all</h1><p>Text.</p></body></html>",
            None,
        );
        assert_eq!(site_first.title.as_deref(), Some("Late again after all"));
        // A date right after a multi-byte character must not split it.
        let _ = parse_html("<h1>x</h1>“12.11.2021” é.é.é 1.2.", None);
        let dated = parse_html(
            "<html><body><h1>A b c</h1><p>Stand - 12.11.2021</p></body></html>",
            None,
        );
        assert_eq!(dated.published.as_deref(), Some("2021-11-12"));
        assert_eq!(
            date_in_url("https://x.org/2013/12/09/post/").as_deref(),
            Some("2013-12-09")
        );
        assert_eq!(date_in_url("https://x.org/a/99/13/45"), None);
        assert_eq!(
            date_in_url("https://x.de/Meldung/2022/20220124-foerderung.html").as_deref(),
            Some("2022-01-24")
        );
        // Dates as pages print them: in an element marked as a date, or under the heading.
        let marked = parse_html(
            r#"<html><body><h1>A b c</h1><span class="news-list-date">12. Januar 2022,</span><p>Text.</p></body></html>"#,
            None,
        );
        assert_eq!(marked.published.as_deref(), Some("2022-01-12"));
        let under_heading = parse_html(
            "<html><body><h1>A b c</h1><div>25. Januar 2022 (DJV) Berlin</div></body></html>",
            None,
        );
        assert_eq!(under_heading.published.as_deref(), Some("2022-01-25"));
        // A meta date without a year is passed over, a local one normalised.
        let metas = parse_html(
            r#"<html><head><meta name="date" content="Fri Feb 18"><meta name="dc.date" content="01-11-2023"></head><body><h1>x</h1></body></html>"#,
            None,
        );
        assert_eq!(metas.published.as_deref(), Some("2023-11-01"));
    }

    #[test]
    fn the_visible_headline_vouched_by_a_declared_title() {
        let title = |page: &str| parse_html(page, None).title;
        // A kicker set above the headline inside the <h1> is not part of it.
        assert_eq!(
            title(
                r#"<html><head><title>Banks reopen on Monday | Daily</title></head><body><h1>
                <span class="dachzeile">After the strike</span> <span class="headline">Banks reopen on Monday</span></h1></body></html>"#
            )
            .as_deref(),
            Some("Banks reopen on Monday")
        );
        // A heading only screen readers get is passed over for the visible one.
        assert_eq!(
            title(
                r#"<html><head><title>News - Lab</title><meta property="og:title" content="First electron counts"></head>
                <body><h1 class="pagetitle hidden">News</h1><h1>First electron counts</h1></body></html>"#
            )
            .as_deref(),
            Some("First electron counts")
        );
        // Case and quotation-mark style do not stop a title vouching for the heading;
        // a one-word heading counts when a title begins with it.
        assert_eq!(
            title(r#"<html><head><title>Transformation lab</title></head><body><h1>TRANSFORMATION LAB</h1></body></html>"#)
                .as_deref(),
            Some("TRANSFORMATION LAB")
        );
        assert_eq!(
            title(r#"<html><head><title>Penny - Valley Wiki</title></head><body><h1>Penny</h1></body></html>"#)
                .as_deref(),
            Some("Penny")
        );
        // The heading that is the title's site suffix is the site, not the article.
        assert_eq!(
            title(r#"<html><head><title>Basic muffin recipe - Muffin Recipes</title></head><body><h1>Muffin Recipes</h1></body></html>"#)
                .as_deref(),
            Some("Basic muffin recipe")
        );
        // Without a vouched heading: Dublin Core, also as one of several space-separated
        // property names, before Open Graph; Parse.ly's title when nothing else is declared.
        assert_eq!(
            title(
                r#"<html><head><title>Element</title><meta property="og:title" content="Open Graph">
                <meta property="x:title dc:title" content="Dublin Core"></head><body><h1>Test page</h1></body></html>"#
            )
            .as_deref(),
            Some("Dublin Core")
        );
        assert_eq!(
            title(r#"<html><head><meta name="parsely-title" content="Parsely says"></head><body><h1>Test page</h1></body></html>"#)
                .as_deref(),
            Some("Parsely says")
        );
    }

    #[test]
    fn dates_printed_by_the_headline_or_labelled_as_publication() {
        let published = |page: &str| parse_html(page, None).published;
        // The heading that holds the title dates the page, an <h2> one too.
        assert_eq!(
            published(
                r#"<html><head><title>Levels on sale now | Swim</title></head><body><h1>Partners</h1>
                <nav>x</nav><h2>Levels on sale now</h2><div><span class="blue">01.02.2022</span></div></body></html>"#
            )
            .as_deref(),
            Some("2022-02-01")
        );
        // A two-digit year, the German way.
        assert_eq!(
            published(r#"<html><body><h1>Vintage flair</h1><div class="uploaded">23.09.22</div></body></html>"#)
                .as_deref(),
            Some("2022-09-23")
        );
        // A label that says "published", wherever it is.
        let described = parse_html(
            r#"<html><head><meta name="description" content="Bears: a record year (Notizia del 14 Gennaio 2020)"></head><body><h1>Orso</h1><p>Testo.</p></body></html>"#,
            None,
        );
        assert_eq!(described.published.as_deref(), Some("2020-01-14"));
        let far = format!(
            "<html><body><h1>Review</h1>{}<p>Letzte Änderung: 31.10.2023<br>Erschienen am: 01.11.2023</p></body></html>",
            "<p>Text of the review goes on.</p>".repeat(200)
        );
        assert_eq!(published(&far).as_deref(), Some("2023-11-01"));
        // A UTC time on a German page is the next day in Berlin.
        assert_eq!(
            published(r#"<html lang="de"><head><meta property="article:published_time" content="2022-11-06T23:00:00.000Z"></head><body><h1>Süd</h1></body></html>"#)
                .as_deref(),
            Some("2022-11-07T00:00:00+01:00")
        );
    }

    #[test]
    fn json_ld_wrapped_in_cdata_is_read() {
        let page = r#"<html><head><meta property="article:published_time" content="2015-12-11T14:28:34Z">
            <script type="application/ld+json">
            <![CDATA[
            {"@type":"NewsArticle","headline":"Wrapped","datePublished":"2015-10-15T02:19:15Z"}
            ]]>
            </script></head><body><h1>Wrapped</h1></body></html>"#;
        let article = parse_html(page, None);
        assert_eq!(article.published.as_deref(), Some("2015-10-15T02:19:15Z"));
        assert_eq!(without_cdata("//<![CDATA[\n{}\n//]]>"), "{}");
    }

    #[test]
    fn script_and_style_bodies_are_cut_before_parsing() {
        let page = "<html><head><STYLE>p{color:red}</style><script type=\"application/ld+json\">{\"a\":1}</script>\
            <script>var s = '<p>not text</p>';</SCRIPT ></head><body><!-- <script> --><p>Kept</p>\
            <scripts>odd tag</scripts><script src=x></script></body></html>";
        let cut = slimmed_page(page);
        assert!(cut.contains("<STYLE></style>"), "{cut}");
        assert!(cut.contains("{\"a\":1}"), "JSON-LD kept: {cut}");
        assert!(cut.contains("<script></SCRIPT >"), "{cut}");
        assert!(cut.contains("<!-- <script> --><p>Kept</p>"), "{cut}");
        assert!(cut.contains("<scripts>odd tag</scripts>"), "{cut}");
        // Unclosed: nothing cut from there on; no panic on a tag cut short.
        assert_eq!(slimmed_page("<p>a</p><script>x"), "<p>a</p><script>x");
        assert_eq!(slimmed_page("<scr"), "<scr");
        assert_eq!(slimmed_page("é<script"), "é<script");
    }

    #[test]
    fn an_h2_is_the_headline_when_it_is_a_whole_part_of_the_declared_title() {
        let page = |h2: &str, title: &str| {
            format!(
                "<html><head><title>{title}</title></head><body><h2>Menu</h2>\
                <h2>{h2}</h2><p>Some text of the article that is long enough.</p></body></html>"
            )
        };
        let title = |h2: &str, declared: &str| parse_html(&page(h2, declared), None).title;
        assert_eq!(
            title("Journey to Python 3", "Digital Home | Journey to Python 3").as_deref(),
            Some("Journey to Python 3")
        );
        assert_eq!(
            title(
                "Der historische Purzelbaum",
                "Der historische Purzelbaum (2021/5)"
            )
            .as_deref(),
            Some("Der historische Purzelbaum")
        );
        // The opening words of a longer headline are a section's heading, not the headline.
        assert_eq!(
            title("Dezuka Suisan", "Dezuka Suisan: Deep-Fried Fish Cakes").as_deref(),
            Some("Dezuka Suisan: Deep-Fried Fish Cakes")
        );
        assert!(!is_title_part("ab-cd ef", "cd ef"));
    }

    #[test]
    fn a_teasers_date_is_another_articles() {
        let page = "<html><body><div class=\"teaser\"><span class=\"pubdate\">04.11.2021</span>\
            <a href=/x>Other article</a></div><h1>Italien: Reise- und Sicherheitshinweise</h1>\
            <span class=\"heading__meta\">Stand - 12.11.2021</span><p>Text.</p></body></html>";
        assert_eq!(
            dated_element(&Document::from(page)).as_deref(),
            Some("2021-11-12")
        );
    }

    #[test]
    fn a_dateline_dates_a_page_without_metadata_but_later_dates_do_not() {
        let body = "<p>Die Preise gingen an acht Produkte, die besonders nachhaltig sind, \
            und wurden von einer Jury aus Fachleuten vergeben.</p>"
            .repeat(25);
        let page = format!(
            "<html><body><article><h1>Acht Produkte prämiert</h1>\
            <p>Hofheim am Taunus | Wiesbaden, 11. November&nbsp;2021</p>{body}</article></body></html>"
        );
        assert_eq!(
            parse_html(&page, None).published.as_deref(),
            Some("2021-11-11")
        );
        // A date the article mentions further down is what it is about, not when it appeared.
        let page = format!(
            "<html><body><article><h1>Acht Produkte prämiert</h1>{body}\
            <p>Die nächste Verleihung ist am 28.07.2022.</p></article></body></html>"
        );
        assert_eq!(parse_html(&page, None).published, None);
    }

    #[test]
    fn slimming_drops_drawings_and_unneeded_attributes_only() {
        let page = "<div data-id=\"7\" class=a onclick='go(\">\")' id=b><img srcset=\"x 1x\" sizes=1 src=y alt='A' title=t>\
            <svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/></svg><p data-x>Text</p><a href=/on>on</a></div>";
        assert_eq!(
            slimmed_page(page),
            "<div class=a id=b><img src=y><svg viewBox=\"0 0 1 1\"></svg><p>Text</p><a href=/on>on</a></div>"
        );
        // The text of a title is not tags, whatever it looks like.
        let title = "<title>A <tweet author=\"x\" twe</title><p data-a=1>Text</p>";
        assert_eq!(
            slimmed_page(title),
            "<title>A <tweet author=\"x\" twe</title><p>Text</p>"
        );
        // A tag cut short ends the slimming; nothing after it is lost.
        assert_eq!(slimmed_page("<p data-a=\"x>y"), "<p data-a=\"x>y");
    }

    #[test]
    fn a_page_readability_finds_nothing_in_still_gives_its_paragraphs() {
        let page = "<html><body><h5><a href=/>Home</a></h5><h1><a id=top></a>Bears: a record year</h1>\
            <div id=text><em>( Pescasseroli, 14 January )</em><p>At least nine females bred this year.</p>\
            <p>The result is very positive.</p><ul><li>Sixteen cubs</li></ul></div><div><p>Footer</p></div></body></html>";
        let text = densest_block_text(page);
        assert_eq!(
            text,
            "At least nine females bred this year.\n\nThe result is very positive.\n\nSixteen cubs"
        );
        assert_eq!(
            densest_block_text("<html><body>no paragraphs</body></html>"),
            ""
        );
    }

    #[test]
    fn authors_without_labels_dates_and_markup() {
        let clean = |raw: &str| clean_author(raw);
        let cases: [(&str, Option<&str>); 18] = [
            ("Von Patrick Czerny -", Some("Patrick Czerny")),
            ("By Celia Parbey", Some("Celia Parbey")),
            ("Geschrieben vonElisa Marvena", Some("Elisa Marvena")),
            (", par Attac France", Some("Attac France")),
            ("Auteur: Anna Kubišta", Some("Anna Kubišta")),
            ("Janic Cathomen, 01.12.2021", Some("Janic Cathomen")),
            ("Von Jörn Mecher am 08.12.2022", Some("Jörn Mecher")),
            ("Redaktion 1. November 2023 10:29", Some("Redaktion")),
            ("Redacci&oacute;n Diario", Some("Redacción Diario")),
            (
                "'Luana Patriolino, Raphael Felice'",
                Some("Luana Patriolino, Raphael Felice"),
            ),
            ("Dr. Rainer Quitzow", Some("Dr. Rainer Quitzow")),
            ("Luigi Di Maio", Some("Luigi Di Maio")),
            ("Di Maio", Some("Di Maio")),
            ("Name (erforderlich)", None),
            (
                "gnaddrig Sagt: 9. Dezember 2013 at 14:57 Schöne Einleitung",
                None,
            ),
            ("Posted on", None),
            ("By Nathan Willis March 25, 2015", Some("Nathan Willis")),
            ("April 28, 2019 at 6:01 am Updated April 29, 2019", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(clean(raw).as_deref(), expected, "{raw}");
        }
        assert_eq!(clean("  "), None);
        // Letters whose lower case is longer or shorter never split a character.
        for raw in [
            "İİİ by Ayşe 1. Mai 2023",
            "ẞ Von Groß",
            "Kelvin Kam on 3.4.2021",
            "by İ",
            "von ",
        ] {
            let _ = clean(raw);
        }
    }

    #[test]
    fn scripts_only_and_junk_do_not_panic() {
        let article = parse_html("<script>var a = 1;</script><script>b()</script>", None);
        assert!(article.text.trim().is_empty(), "{:?}", article.text);
        let _ = parse_html("<<<>>><html><body><p>unclosed <b>tags", Some("not a url"));
        let _ = parse_html("", None);
    }
}

//! Analyze: from an article's text to its quotations, their cues, and who
//! said them. Stages are explicit and run in this order (see
//! `docs/adr/0004-quote-engine.md`):
//!
//! 1. paragraphs and tokens ([`text`]);
//! 2. quotation marks paired on characters ([`marks`]);
//! 3. sentences, never ending inside a quotation ([`sentences`]);
//! 4. direct quotes and their frames, indirect and mixed speech, headline
//!    attributions ([`quotes`], with speaker mentions from [`speakers`]);
//! 5. unattributed quotes inherit from the conversation (same paragraph,
//!    continued quotation, turn-taking, the previous speaker);
//! 6. one token, one attribution: overlapping finds are settled;
//! 7. speaker mentions resolved to one speaker per person ([`resolve`]).
//!
//! Every span is a UTF-8 byte range into the text given.

pub mod entities;
pub mod lexicon;
pub mod marks;
pub mod quotes;
pub mod resolve;
pub mod sentences;
pub mod speakers;
pub mod text;
pub mod wire;

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Version of the analysis rules; articles analysed by another version are analysed again.
pub const ENGINE_VERSION: &str = "quotes-8-entities-4";

/// How a quotation is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QuoteKind {
    /// All of it inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Reported speech containing a quoted fragment.
    Mixed,
}

impl QuoteKind {
    /// The name used in files and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// What kind of speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpeakerKind {
    /// A named person.
    Person,
    /// An organisation or a group named as such ("the ministry").
    Organisation,
    /// An unnamed source known by role ("an official").
    Anonymous,
}

impl SpeakerKind {
    /// The name used in files and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organisation => "organisation",
            SpeakerKind::Anonymous => "anonymous",
        }
    }
}

/// One speaker of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerEntity {
    /// Display name (full name for people, the description otherwise).
    pub name: String,
    /// Person, organisation or anonymous source.
    pub kind: SpeakerKind,
    /// Role from the text ("Foreign Minister").
    pub role: Option<String>,
    /// Affiliation from the text ("Russia").
    pub affiliation: Option<String>,
    /// `Some(true)` when the text shows the person as female (honorific, given name,
    /// pronouns), `Some(false)` as male; used to agree "he"/"she" with speakers.
    pub female: Option<bool>,
}

/// A quotation found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The content (for direct quotes, without the outer marks).
    pub span: Range<usize>,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The cue (reporting verb, phrase, colon or dash).
    pub cue: Option<Range<usize>>,
    /// The mention the attribution rests on ("he", "Lavrov", "the Russian top diplomat").
    pub speaker_mention: Option<Range<usize>>,
    /// Index into [`Analysis::speakers`].
    pub speaker: Option<usize>,
    /// How sure the engine is, 0 to 1.
    pub confidence: f32,
    /// Pieces of one quotation (interrupted or over paragraphs) share a group.
    pub group: usize,
    /// A quotation inside another one (it has its own speaker).
    pub nested: bool,
    /// The rule that found it (for explanations and diagnostics).
    pub rule: &'static str,
}

/// Quote as the stages pass it along, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct RawQuote {
    span: Range<usize>,
    kind: QuoteKind,
    cue: Option<Range<usize>>,
    speaker_mention: Option<Range<usize>>,
    confidence: f32,
    group: usize,
    nested: bool,
    rule: &'static str,
    /// The quotation piece a direct quote came from.
    piece: Option<usize>,
}

/// Something the analysis noticed and worked around, for the reader's second look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Where (bytes).
    pub span: Range<usize>,
    /// What, in words.
    pub message: &'static str,
}

/// The analysis of one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Quotations in text order.
    pub quotes: Vec<Quote>,
    /// The speakers they are attributed to.
    pub speakers: Vec<SpeakerEntity>,
    /// Stray quotation marks, quotations without a speaker.
    pub diagnostics: Vec<Diagnostic>,
    /// Entities and relations (see [`entities`]).
    pub entities: entities::Entities,
}

/// Analyses an article: [`analyze`], then its entities and relations, with
/// relative dates resolved against `published` (`YYYY-MM-DD…`) when known.
pub fn analyze_article(text: &str, published: Option<&str>) -> Analysis {
    analyze_article_by(text, published, None)
}

/// [`analyze_article`] for an article whose byline is known: a narrator the text
/// never names ("I asked both campaigns …" in a column) is the byline's one
/// person, when it names one.
pub fn analyze_article_by(text: &str, published: Option<&str>, byline: Option<&str>) -> Analysis {
    let mut analysis = analyze(text);
    if let Some(byline) = byline {
        resolve::name_the_narrator(&mut analysis.speakers, &mut analysis.quotes, byline);
    }
    analysis.entities = entities::find_entities(text, &analysis, published);
    analysis
}

/// An article read from a file with its analysis, dated by the article's own
/// publication date and with its byline: what the importer stores (in a worker
/// or in process).
pub fn with_analysis(article: crate::ingest::Article) -> (crate::ingest::Article, Analysis) {
    let published = article.published.as_ref().map(|p| p.local.as_str());
    let analysis = analyze_article_by(&article.text, published, article.author.as_deref());
    (article, analysis)
}

/// Analyses a text (normalised: NFC, `\n`).
pub fn analyze(text: &str) -> Analysis {
    let paragraphs = text::paragraphs(text);
    let tokens = text::tokenize(text);
    let pairing = marks::pair_quotation_marks(text, &paragraphs);
    let pieces = pairing.pieces;
    let sentences = sentences::sentences(text, &paragraphs, &tokens, &pieces);
    let context = quotes::Context::new(text, &tokens, &paragraphs, &sentences, &pieces);
    let mut direct = quotes::direct_quotes(&context);
    inherit_speakers(&context, &mut direct);
    let indirect = quotes::indirect_quotes(&context, &direct);
    let headlines = quotes::headline_quotes(&context);
    let raw = settle_overlaps(direct, indirect, headlines);

    let mentions: Vec<(Range<usize>, Range<usize>)> = raw
        .iter()
        .filter_map(|q| q.speaker_mention.clone().map(|m| (m, q.span.clone())))
        .collect();
    let (speakers, resolved) =
        resolve::resolve_speakers(text, &tokens, &mentions, &context.top_pieces);
    let mut resolved = resolved.into_iter();
    let quotes = raw
        .into_iter()
        .map(|q| {
            let speaker = if q.speaker_mention.is_some() {
                resolved.next().flatten()
            } else {
                None
            };
            Quote {
                span: q.span,
                kind: q.kind,
                cue: q.cue,
                speaker_mention: q.speaker_mention,
                speaker,
                confidence: q.confidence,
                group: q.group,
                nested: q.nested,
                rule: q.rule,
            }
        })
        .collect::<Vec<_>>();
    let mut quotes = quotes;
    if is_dialogue(text, &paragraphs) {
        take_turns(text, &tokens, &paragraphs, &speakers, &mut quotes);
    }
    let mut diagnostics: Vec<Diagnostic> = pairing
        .stray_marks
        .iter()
        .map(|&at| Diagnostic {
            span: at..at + text[at..].chars().next().map_or(0, char::len_utf8),
            message: "quotation mark without a partner; ignored",
        })
        .collect();
    diagnostics.extend(
        quotes
            .iter()
            .filter(|q| q.speaker.is_none())
            .map(|q| Diagnostic {
                span: q.span.clone(),
                message: "quotation without a recognised speaker",
            }),
    );
    diagnostics.sort_by_key(|d| d.span.start);
    Analysis {
        quotes,
        speakers,
        diagnostics,
        entities: entities::Entities::default(),
    }
}

/// Fiction-like text: many paragraphs, a good share of them opening with a quotation.
fn is_dialogue(text: &str, paragraphs: &[Range<usize>]) -> bool {
    let opening = paragraphs
        .iter()
        .filter(|p| text[(*p).clone()].starts_with(['"', '\u{201C}', '\u{2018}', '\'', '\u{00AB}']))
        .count();
    paragraphs.len() >= 40 && opening * 4 >= paragraphs.len()
}

/// Turns remembered for finding the other person of a conversation.
const RECENT_TURNS: usize = 8;

/// In dialogue, a turn without a frame belongs to the speaker before the last one
/// (A, B, A), when the two turns before it came in the two paragraphs before it.
fn take_turns(
    text: &str,
    tokens: &[text::Token],
    paragraphs: &[Range<usize>],
    speakers: &[SpeakerEntity],
    quotes: &mut [Quote],
) {
    // The person a turn speaks to, when it names them ("…, Greta." / "Dorian--").
    let vocative = |quote: &Quote| -> Option<usize> {
        let first = tokens.partition_point(|t| t.start < quote.span.start);
        let last = tokens.partition_point(|t| t.end <= quote.span.end);
        (first..last).find_map(|i| {
            let word = tokens[i].text(text);
            if !tokens[i].is_word || !word.chars().next().is_some_and(char::is_uppercase) {
                return None;
            }
            let before = if i == first {
                ","
            } else {
                tokens[i - 1].text(text)
            };
            let after = if i + 1 >= last {
                "."
            } else {
                tokens[i + 1].text(text)
            };
            let addressed = matches!(
                before,
                "," | "dear" | "Dear" | "oh" | "Oh" | "\u{2014}" | "-"
            ) && matches!(after, "," | "." | "!" | "?" | "-" | "\u{2014}" | ";");
            if !addressed {
                return None;
            }
            speakers.iter().position(|s| {
                s.kind == SpeakerKind::Person && s.name.split_whitespace().any(|part| part == word)
            })
        })
    };
    let paragraph_of = |q: &Quote| paragraphs.partition_point(|p| p.end < q.span.start);
    // (paragraph, speaker, mention) of the last two turns.
    let mut turns: Vec<(usize, usize, Option<Range<usize>>)> = Vec::new();
    let mut current_paragraph = usize::MAX;
    let mut paragraph_speaker: Option<(usize, Option<Range<usize>>)> = None;
    let mut last_turn_quote: Option<(usize, Option<usize>)> = None;
    for quote in quotes.iter_mut().filter(|q| !q.nested) {
        let paragraph = paragraph_of(quote);
        let inherited = matches!(quote.rule, "previous-speaker" | "turn-taking" | "floating");
        if paragraph != current_paragraph {
            if let (Some((speaker, mention)), true) =
                (paragraph_speaker.take(), current_paragraph != usize::MAX)
            {
                turns.push((current_paragraph, speaker, mention));
                if turns.len() > RECENT_TURNS {
                    turns.remove(0);
                }
            }
            current_paragraph = paragraph;
            // The person the previous turn addressed answers.
            let addressed = last_turn_quote
                .and_then(|(p, v)| (p + 1 == paragraph).then_some(v))
                .flatten();
            if inherited
                && let Some(person) = addressed.filter(|&v| Some(v) != turns.last().map(|t| t.1))
            {
                quote.speaker = Some(person);
                quote.speaker_mention = None;
                quote.rule = "addressee";
                quote.confidence = 0.6;
            } else if inherited && turns.len() >= 2 {
                let (p2, s2, ref m2) = turns[turns.len() - 2];
                let (p1, s1, _) = turns[turns.len() - 1];
                if s1 != s2 && p1 + 1 == paragraph && p2 + 1 == p1 {
                    quote.speaker = Some(s2);
                    quote.speaker_mention = m2.clone();
                    quote.rule = "turn-taking";
                    quote.confidence = 0.6;
                } else if s1 != s2 && p1 + 1 == paragraph && paragraph - p2 <= 6 {
                    quote.speaker = Some(s2);
                    quote.speaker_mention = m2.clone();
                    quote.rule = "turn-taking";
                    quote.confidence = 0.45;
                } else if p1 + 1 != paragraph && paragraph - p1 <= 6 {
                    quote.speaker = Some(s1);
                    quote.speaker_mention = turns[turns.len() - 1].2.clone();
                    quote.rule = "turn-taking";
                    quote.confidence = 0.44;
                } else if p1 + 1 == paragraph
                    && let Some((_, other, mention)) = turns
                        .iter()
                        .rev()
                        .find(|(p, s, _)| *s != s1 && paragraph - p <= 12)
                {
                    // A new paragraph is a new speaker: the last one before who was not
                    // the previous turn's.
                    quote.speaker = Some(*other);
                    quote.speaker_mention = mention.clone();
                    quote.rule = "turn-taking";
                    quote.confidence = 0.4;
                }
            }
        } else if inherited {
            // Later pieces of the same paragraph follow its first quotation.
            if let Some((speaker, mention)) = &paragraph_speaker {
                quote.speaker = Some(*speaker);
                quote.speaker_mention = mention.clone();
                quote.rule = "continuation";
            }
        }
        if paragraph_speaker.is_none()
            && let Some(speaker) = quote.speaker
        {
            paragraph_speaker = Some((speaker, quote.speaker_mention.clone()));
        }
        last_turn_quote = Some((paragraph, vocative(quote)));
    }
}

/// Quotes without a frame of their own take the speaker the conversation gives them.
fn inherit_speakers(context: &quotes::Context<'_>, quotes: &mut [RawQuote]) {
    // Pieces of one quotation (over paragraphs) share the attribution found on any of them.
    // In dialogue a quotation rarely runs over paragraphs: an unclosed mark there is more
    // often a slip than a long speech, so the turns decide instead.
    let dialogue = is_dialogue(context.text, context.paragraphs);
    let paragraph_of = |q: &RawQuote| context.paragraphs.partition_point(|p| p.end < q.span.start);
    for i in (0..quotes.len()).rev() {
        if quotes[i].speaker_mention.is_some() {
            continue;
        }
        let later = (i + 1..quotes.len())
            .find(|&j| quotes[j].group == quotes[i].group && quotes[j].speaker_mention.is_some())
            .filter(|&j| !dialogue || paragraph_of(&quotes[j]) == paragraph_of(&quotes[i]));
        if let Some(j) = later {
            quotes[i].speaker_mention = quotes[j].speaker_mention.clone();
            quotes[i].cue = quotes[j].cue.clone();
            quotes[i].rule = "same-quotation";
            quotes[i].confidence = 0.85;
        }
    }
    let paragraph_of = |q: &RawQuote| context.paragraphs.partition_point(|p| p.end < q.span.start);
    for i in 0..quotes.len() {
        if quotes[i].speaker_mention.is_some() || quotes[i].nested {
            continue;
        }
        let paragraph = paragraph_of(&quotes[i]);
        // Earlier top-level quotes with their paragraphs, nearest first.
        let previous: Vec<usize> = (0..i)
            .rev()
            .filter(|&j| !quotes[j].nested)
            .take(2)
            .collect();
        let Some(&p1) = previous.first() else {
            if let Some(subject) = quotes::narration_subject(context, &quotes[i].span) {
                quotes[i].speaker_mention = Some(subject);
                quotes[i].rule = "narration-subject";
                quotes[i].confidence = 0.6;
            }
            continue;
        };
        let p1_paragraph = paragraph_of(&quotes[p1]);
        let same_group = quotes[p1].group == quotes[i].group;
        let inherited = if same_group || p1_paragraph == paragraph {
            Some((p1, "continuation", 0.85))
        } else if let Some(subject) = quotes::narration_subject(context, &quotes[i].span) {
            quotes[i].speaker_mention = Some(subject);
            quotes[i].rule = "narration-subject";
            quotes[i].confidence = 0.6;
            continue;
        } else if let Some(&p2) = previous.get(1) {
            let p2_paragraph = paragraph_of(&quotes[p2]);
            let alternating = p1_paragraph + 1 == paragraph
                && p2_paragraph + 1 == p1_paragraph
                && quotes[p1].speaker_mention.is_some()
                && quotes[p2].speaker_mention.is_some()
                && speaker_text(context, &quotes[p1]) != speaker_text(context, &quotes[p2]);
            if alternating {
                Some((p2, "turn-taking", 0.6))
            } else if paragraph - p1_paragraph <= 1 {
                Some((p1, "previous-speaker", 0.6))
            } else {
                None
            }
        } else if paragraph - p1_paragraph <= 1 {
            Some((p1, "previous-speaker", 0.6))
        } else {
            None
        };
        if let Some((from, rule, confidence)) = inherited
            && quotes[from].speaker_mention.is_some()
        {
            quotes[i].speaker_mention = quotes[from].speaker_mention.clone();
            quotes[i].cue = quotes[i].cue.clone().or_else(|| quotes[from].cue.clone());
            quotes[i].rule = rule;
            quotes[i].confidence = confidence;
        }
    }
}

fn speaker_text<'t>(context: &quotes::Context<'t>, quote: &RawQuote) -> Option<&'t str> {
    quote
        .speaker_mention
        .clone()
        .map(|m| context.text[m].trim())
}

/// One token, one attribution: a direct quote inside a mixed quote's content
/// is part of it (unless it has its own cue, like a nested quote); an indirect
/// find overlapping a direct quote yields to it; headlines never overlap body.
fn settle_overlaps(
    direct: Vec<RawQuote>,
    indirect: Vec<RawQuote>,
    headlines: Vec<RawQuote>,
) -> Vec<RawQuote> {
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let mut result: Vec<RawQuote> = Vec::new();
    // Each check looks only at the spans that can overlap (sorted by start, with the
    // furthest end so far), so settling stays near linear in the number of quotations.
    let mut direct_spans: Vec<Range<usize>> = direct.iter().map(|d| d.span.clone()).collect();
    direct_spans.sort_by_key(|span| span.start);
    let furthest_end: Vec<usize> = direct_spans
        .iter()
        .scan(0, |end, span| {
            *end = (*end).max(span.end);
            Some(*end)
        })
        .collect();
    let mut kept_indirect: Vec<RawQuote> = Vec::new();
    // The kept indirect quotations do not overlap: by start, the one before a span
    // is the only one that can overlap it or hold it.
    let mut kept_by_start: std::collections::BTreeMap<usize, usize> = Default::default();
    let kept_before = |kept_by_start: &std::collections::BTreeMap<usize, usize>, end: usize| {
        kept_by_start.range(..end).next_back().map(|(_, &index)| index)
    };
    for quote in indirect {
        let reach = direct_spans.partition_point(|span| span.start < quote.span.end);
        let clashes_with_direct = (0..reach)
            .rev()
            .take_while(|&i| furthest_end[i] > quote.span.start)
            .any(|i| {
                let d = &direct_spans[i];
                overlaps(d, &quote.span)
                    && !(quote.kind == QuoteKind::Mixed
                        && quote.span.start <= d.start
                        && d.end <= quote.span.end)
            });
        let clashes_with_kept = kept_before(&kept_by_start, quote.span.end)
            .is_some_and(|index| overlaps(&kept_indirect[index].span, &quote.span));
        if !clashes_with_direct && !clashes_with_kept {
            if !quote.span.is_empty() {
                kept_by_start.insert(quote.span.start, kept_indirect.len());
            }
            kept_indirect.push(quote);
        }
    }
    for mut quote in direct {
        let inside_mixed = kept_before(&kept_by_start, quote.span.start + 1)
            .map(|index| &kept_indirect[index])
            .filter(|m| {
                m.kind == QuoteKind::Mixed
                    && m.span.start <= quote.span.start
                    && quote.span.end <= m.span.end
            });
        if let Some(mixed) = inside_mixed {
            if quote.rule == "floating" || quote.rule == "previous-speaker" || quote.cue.is_none() {
                continue;
            }
            if mixed.speaker_mention != quote.speaker_mention {
                quote.nested = true;
            } else {
                continue;
            }
        }
        result.push(quote);
    }
    for headline in headlines {
        if !result
            .iter()
            .chain(&kept_indirect)
            .any(|q| overlaps(&q.span, &headline.span))
        {
            result.push(headline);
        }
    }
    result.extend(kept_indirect);
    result.sort_by_key(|q| (q.span.start, q.span.end));
    result
}

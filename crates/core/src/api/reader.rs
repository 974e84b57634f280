//! The reader: one article cut into blocks and segments with its speakers and
//! quotations, so the UI never computes an offset.

use super::*;
use crate::store::user_layer::ReviewedQuote;

/// What a block of the reader shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BlockRole {
    /// The publication date line.
    DateLine,
    /// The headline.
    Headline,
    /// A second headline line.
    Subheadline,
    /// The lead paragraph.
    Lead,
    /// A body paragraph.
    Body,
    /// `Related news:` and similar headings.
    RelatedHeading,
    /// A link to another article (its headline), not body text.
    RelatedLink,
}

/// A run of a block's text with the quotations it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SegmentView {
    /// The text of the run, to be rendered as a text node.
    pub text: String,
    /// Indices into [`ArticleView::quotes`] of the quotations covering it, outermost first.
    pub quotes: Vec<u32>,
    /// Part of the evidence sentence the reader was opened on (from the map).
    pub evidence: bool,
    /// Where the run starts in [`ArticleView::text`] (Unicode code points): a
    /// selection inside it is this plus the code points before it in the run.
    pub start: u32,
    /// Indices into [`ArticleView::annotations`] of the highlights covering it.
    pub annotations: Vec<u32>,
}

/// One block of an article, ready to render as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BlockView {
    /// What the block is.
    pub role: BlockRole,
    /// Its text, to be rendered as a text node (never as markup).
    pub text: String,
    /// The same text cut where quotations begin and end; the UI draws these, so it never
    /// computes offsets itself.
    pub segments: Vec<SegmentView>,
}

/// A speaker of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SpeakerView {
    /// Position in the article's speaker list (order of appearance).
    pub index: u32,
    /// Display name.
    pub name: String,
    /// `person`, `organisation` or `anonymous`.
    pub kind: String,
    /// Role from the text ("Foreign Minister").
    pub role: Option<String>,
    /// Affiliation from the text ("Russia").
    pub affiliation: Option<String>,
    /// Number of quotations attributed to the speaker.
    pub n_quotes: u32,
    /// Palette slot (0-11) derived from the name, so a speaker keeps its colour across launches.
    pub color: u32,
}

/// A quotation of an article.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuoteView {
    /// Position in the article's quote list.
    pub index: u32,
    /// Stable id, the one the correction functions and `quotemap quote` take:
    /// `u<n>` for a quotation the user confirmed, corrected or added (kept for
    /// good), `<article>:<start>-<end>` (code points) for the machine's.
    pub id: String,
    /// `machine`, `confirmed`, `corrected` or `added`.
    pub status: String,
    /// Start of the quoted text in [`ArticleView::text`] (Unicode code points).
    pub start: u32,
    /// End of the quoted text (code points, exclusive).
    pub end: u32,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// The quoted content.
    pub text: String,
    /// Index into [`ArticleView::speakers`].
    pub speaker: Option<u32>,
    /// The words the attribution rests on ("he", "the Russian top diplomat").
    pub mention: Option<String>,
    /// The cue ("said", "according to", ":").
    pub cue: Option<String>,
    /// The sentence (or headline) the attribution rests on.
    pub evidence: String,
    /// 0 to 1; below 0.7 deserves a second look.
    pub confidence: f32,
    /// Inside another quotation.
    pub nested: bool,
    /// The rule that found it.
    pub rule: String,
    /// The day it was said, when the text gives one (`YYYY-MM-DD`, resolved
    /// against the article's date).
    pub said_on: Option<String>,
}

/// An article as the reader shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ArticleView {
    /// Library id.
    #[ts(type = "number")]
    pub id: i64,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Author(s), as the source gives them.
    pub author: Option<String>,
    /// Publication date-time as written (ISO 8601 with offset when known).
    pub published_local: Option<String>,
    /// IANA zone of the publication date, when the article named one.
    pub published_zone: Option<String>,
    /// The same instant in UTC (RFC 3339), when known.
    pub published_utc: Option<String>,
    /// File it was imported from.
    pub source_path: Option<String>,
    /// Blocks in reading order; the repeated headline is left out.
    pub blocks: Vec<BlockView>,
    /// Speakers in order of appearance.
    pub speakers: Vec<SpeakerView>,
    /// Quotations in text order.
    pub quotes: Vec<QuoteView>,
    /// The stored text every offset of this view refers to (code points).
    pub text: String,
    /// The user's highlights and notes, in text order.
    pub annotations: Vec<AnnotationView>,
    /// The user's tags on the article.
    pub tags: Vec<String>,
    /// Marked reviewed by the user.
    pub reviewed: bool,
}

/// One article for the reader, or `None` when the id is unknown.
pub fn get_article(library: &Library, id: i64) -> Result<Option<ArticleView>, StoreError> {
    get_article_with_evidence(library, id, None)
}

/// One article for the reader with an evidence sentence marked: `evidence`
/// is an [`EvidenceView`]'s `[start, end)`, passed back as it came.
pub fn get_article_with_evidence(
    library: &Library,
    id: i64,
    evidence: Option<std::ops::Range<usize>>,
) -> Result<Option<ArticleView>, StoreError> {
    let Some(article) = library.get_article(id)? else {
        return Ok(None);
    };
    let machine_speakers = library.machine_speakers(id)?;
    let quotes = library.reviewed_quotes(id)?;
    article_view(
        library,
        article,
        machine_speakers,
        quotes,
        Blocks::Cut(evidence),
    )
    .map(Some)
}

/// One article as [`get_article`] gives it, without the blocks cut into
/// segments for drawing (`blocks` is empty): what the exports read.
pub(super) fn get_article_unblocked(
    library: &Library,
    id: i64,
) -> Result<Option<ArticleView>, StoreError> {
    let Some(article) = library.get_article(id)? else {
        return Ok(None);
    };
    let machine_speakers = library.machine_speakers(id)?;
    let quotes = library.reviewed_quotes(id)?;
    article_view(library, article, machine_speakers, quotes, Blocks::Left).map(Some)
}

/// Whether the view carries the blocks cut for the reader, with the evidence
/// sentence to mark, or leaves them out.
enum Blocks {
    Cut(Option<std::ops::Range<usize>>),
    Left,
}

/// The machine's analysis of an article as it stored it, without the user's
/// layer (`quotemap show --machine`): what the engine said, for comparison.
pub fn get_article_machine(library: &Library, id: i64) -> Result<Option<ArticleView>, StoreError> {
    let Some(article) = library.get_article(id)? else {
        return Ok(None);
    };
    let (speakers, stored) = library.get_analysis(id)?;
    let quotes = stored
        .into_iter()
        .map(|q| {
            let speaker = q
                .speaker_id
                .and_then(|sid| speakers.iter().find(|s| s.id == sid));
            ReviewedQuote {
                machine_id: Some(q.id),
                user_id: None,
                span: q.span,
                kind: q.kind,
                speaker_name: speaker.map(|s| s.name.clone()),
                speaker_kind: speaker.map(|s| s.kind.clone()),
                speaker_role: speaker.and_then(|s| s.role.clone()),
                speaker_affiliation: speaker.and_then(|s| s.affiliation.clone()),
                speaker_id: q.speaker_id,
                cue: q.cue,
                mention: q.mention,
                confidence: q.confidence,
                nested: q.nested,
                rule: q.rule,
                said_on: q.said_on,
                status: "machine".to_owned(),
            }
        })
        .collect();
    let mut view = article_view(library, article, speakers, quotes, Blocks::Cut(None))?;
    view.annotations.clear();
    for block in &mut view.blocks {
        for segment in &mut block.segments {
            segment.annotations.clear();
        }
    }
    Ok(Some(view))
}

/// The reader's view of an article from its quotations (reviewed or raw).
fn article_view(
    library: &Library,
    article: crate::store::StoredArticle,
    machine_speakers: Vec<crate::store::StoredSpeaker>,
    quotes: Vec<ReviewedQuote>,
    blocks: Blocks,
) -> Result<ArticleView, StoreError> {
    let text = &article.text;
    let in_text = |span: &std::ops::Range<usize>| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    let quotes: Vec<ReviewedQuote> = quotes.into_iter().filter(|q| in_text(&q.span)).collect();
    let code_points = CodePoints::new(text);
    // Speakers: the machine's in order of appearance, then the names the user gave;
    // only those with a quotation left are listed.
    let mut names: Vec<(String, String, Option<String>, Option<String>)> = machine_speakers
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.kind.clone(),
                s.role.clone(),
                s.affiliation.clone(),
            )
        })
        .collect();
    let quote_speaker: Vec<Option<usize>> = quotes
        .iter()
        .map(|q| match (q.speaker_id, &q.speaker_name) {
            (Some(sid), _) => machine_speakers.iter().position(|s| s.id == sid),
            (None, Some(name)) => {
                let kind = q
                    .speaker_kind
                    .clone()
                    .unwrap_or_else(|| "person".to_owned());
                let (role, affiliation) = (&q.speaker_role, &q.speaker_affiliation);
                if let Some(index) = names.iter().position(|n| &n.0 == name) {
                    let entry = &mut names[index];
                    if model::describe_speaker(&mut entry.2, &mut entry.3, &kind, role, affiliation)
                    {
                        entry.1 = kind;
                    }
                    return Some(index);
                }
                names.push((name.clone(), kind, role.clone(), affiliation.clone()));
                Some(names.len() - 1)
            }
            (None, None) => None,
        })
        .collect();
    let mut shown: Vec<Option<u32>> = vec![None; names.len()];
    let mut speakers: Vec<SpeakerView> = Vec::new();
    for (index, (name, kind, role, affiliation)) in names.iter().enumerate() {
        let n_quotes = quote_speaker.iter().filter(|&&s| s == Some(index)).count() as u32;
        if n_quotes == 0 {
            continue;
        }
        shown[index] = Some(speakers.len() as u32);
        speakers.push(SpeakerView {
            index: speakers.len() as u32,
            name: name.clone(),
            kind: kind.clone(),
            role: role.clone(),
            affiliation: affiliation.clone(),
            n_quotes,
            color: 0,
        });
    }
    let slots = distinct_palette_slots(
        &speakers
            .iter()
            .map(|s| (s.name.as_str(), s.n_quotes))
            .collect::<Vec<_>>(),
    );
    for (speaker, slot) in speakers.iter_mut().zip(slots) {
        speaker.color = slot;
    }
    let quote_views = quotes
        .iter()
        .enumerate()
        .map(|(index, q)| {
            let [start, end] = code_points.span(&q.span);
            QuoteView {
                index: index as u32,
                id: quote_id(article.id, q, &code_points),
                status: q.status.clone(),
                start: start as u32,
                end: end as u32,
                kind: q.kind.clone(),
                text: text[q.span.clone()].to_owned(),
                speaker: quote_speaker[index].and_then(|s| shown[s]),
                mention: q
                    .mention
                    .clone()
                    .filter(|m| in_text(m))
                    .map(|m| text[m].to_owned()),
                cue: q
                    .cue
                    .clone()
                    .filter(|c| in_text(c))
                    .map(|c| text[c].to_owned()),
                evidence: evidence_sentence(text, &article.blocks, q),
                confidence: q.confidence as f32,
                nested: q.nested,
                rule: q.rule.clone(),
                said_on: q.said_on.clone(),
            }
        })
        .collect();
    let stored_annotations = library.annotations(article.id)?;
    // Highlights that can no longer be placed are listed, never drawn.
    let annotation_spans: Vec<std::ops::Range<usize>> = stored_annotations
        .iter()
        .map(|a| {
            if !a.needs_anchor && a.anchor.holds_in(text) {
                a.anchor.span.clone()
            } else {
                0..0
            }
        })
        .collect();
    let annotations: Vec<_> = stored_annotations
        .into_iter()
        .map(|row| annotation_view(row, &article.title, text, &code_points))
        .collect();
    let quote_spans: Vec<std::ops::Range<usize>> = quotes.iter().map(|q| q.span.clone()).collect();
    let cut = matches!(blocks, Blocks::Cut(_));
    let evidence = match blocks {
        Blocks::Cut(evidence) => evidence,
        Blocks::Left => None,
    };
    let blocks = article
        .blocks
        .iter()
        .filter(|_| cut)
        .filter_map(|block| {
            let role = match block.kind {
                BlockKind::DateLine => BlockRole::DateLine,
                BlockKind::Headline => BlockRole::Headline,
                BlockKind::HeadlineRepeat => return None,
                BlockKind::Subheadline => BlockRole::Subheadline,
                BlockKind::Lead => BlockRole::Lead,
                BlockKind::Body => BlockRole::Body,
                BlockKind::RelatedHeading => BlockRole::RelatedHeading,
                BlockKind::RelatedLink => BlockRole::RelatedLink,
            };
            Some(BlockView {
                role,
                text: text[block.span.clone()].to_owned(),
                segments: segments(
                    text,
                    &block.span,
                    &quote_spans,
                    &annotation_spans,
                    evidence.as_ref(),
                    &code_points,
                ),
            })
        })
        .collect();
    let tags = library.article_tags(article.id)?;
    let reviewed = library.reviewed_at(article.id)?.is_some();
    Ok(ArticleView {
        id: article.id,
        title: article.title,
        outlet: article.outlet,
        author: article.author,
        published_local: article.published_local,
        published_zone: article.published_zone,
        published_utc: article.published_utc,
        source_path: article.source_path,
        blocks,
        speakers,
        quotes: quote_views,
        annotations,
        tags,
        reviewed,
        text: article.text,
    })
}

/// The stable id of a quotation (see [`QuoteView::id`]).
fn quote_id(article_id: i64, quote: &ReviewedQuote, code_points: &CodePoints) -> String {
    match quote.user_id {
        Some(user) => format!("u{user}"),
        None => {
            let [start, end] = code_points.span(&quote.span);
            format!("{article_id}:{start}-{end}")
        }
    }
}

/// Cuts a block's text where quotations, highlights and the evidence start and end.
fn segments(
    text: &str,
    block: &std::ops::Range<usize>,
    quotes: &[std::ops::Range<usize>],
    annotations: &[std::ops::Range<usize>],
    evidence: Option<&std::ops::Range<usize>>,
    code_points: &CodePoints,
) -> Vec<SegmentView> {
    let mut cuts = vec![block.start, block.end];
    let evidence = evidence.filter(|e| {
        e.start < e.end
            && e.end <= text.len()
            && text.is_char_boundary(e.start)
            && text.is_char_boundary(e.end)
    });
    for span in quotes.iter().chain(annotations).chain(evidence) {
        for at in [span.start, span.end] {
            if block.start < at && at < block.end {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let mut covering: Vec<(usize, u32)> = quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.start <= w[0] && w[1] <= q.end)
                .map(|(i, q)| (q.len(), i as u32))
                .collect();
            // Outermost (longest) first.
            covering.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            SegmentView {
                text: text[w[0]..w[1]].to_owned(),
                quotes: covering.into_iter().map(|(_, i)| i).collect(),
                evidence: evidence.is_some_and(|e| e.start <= w[0] && w[1] <= e.end),
                start: code_points.at(w[0]) as u32,
                annotations: annotations
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.start <= w[0] && w[1] <= a.end)
                    .map(|(i, _)| i as u32)
                    .collect(),
            }
        })
        .collect()
}

/// The text the attribution rests on: from the start of the sentence or block holding the
/// quote or its cue and mention to the end of the one holding the last of them.
fn evidence_sentence(text: &str, blocks: &[ingest::Block], quote: &ReviewedQuote) -> String {
    let mut start = quote.span.start;
    let mut end = quote.span.end;
    for span in [&quote.cue, &quote.mention].into_iter().flatten() {
        if span.end <= text.len() {
            start = start.min(span.start);
            end = end.max(span.end);
        }
    }
    // Stay inside the block holding the quote, and widen to sentence ends.
    let block = blocks
        .iter()
        .find(|b| b.span.start <= quote.span.start && quote.span.start <= b.span.end);
    let (low, high) = block.map_or((0, text.len()), |b| (b.span.start, b.span.end));
    let start = start.max(low);
    let end = end.min(high).max(start);
    let sentence_start = text[low..start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(low, |i| low + i + 1);
    let sentence_end = text[end..high]
        .find(['.', '!', '?', '\n'])
        .map_or(high, |i| end + i + 1);
    if !text.is_char_boundary(sentence_start) || !text.is_char_boundary(sentence_end) {
        return text[start..end].trim().to_owned();
    }
    text[sentence_start..sentence_end].trim().to_owned()
}

/// Colours in the reader's palette (`speaker-c0` … `speaker-c11`).
const PALETTE_SLOTS: u32 = 12;

/// A palette slot for each of an article's speakers (`(name, quotations)`):
/// different within the article while there are colours left, and stable — each
/// speaker gets its name's own slot unless a speaker with more quotations (or
/// the same number and an earlier name) took it first, then the next free one.
fn distinct_palette_slots(speakers: &[(&str, u32)]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..speakers.len()).collect();
    order.sort_by(|&a, &b| {
        speakers[b]
            .1
            .cmp(&speakers[a].1)
            .then_with(|| speakers[a].0.cmp(speakers[b].0))
    });
    let mut taken = [false; PALETTE_SLOTS as usize];
    let mut slots = vec![0; speakers.len()];
    for (placed, index) in order.into_iter().enumerate() {
        let own = palette_slot(speakers[index].0);
        // More speakers than colours: the rest share, each with its own name's colour.
        let slot = if placed >= PALETTE_SLOTS as usize {
            own
        } else {
            (0..PALETTE_SLOTS)
                .map(|step| (own + step) % PALETTE_SLOTS)
                .find(|&slot| !taken[slot as usize])
                .unwrap_or(own)
        };
        taken[slot as usize] = true;
        slots[index] = slot;
    }
    slots
}

/// A stable palette slot for a speaker name (FNV-1a), so colours survive restarts.
fn palette_slot(name: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in name.to_lowercase().bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % PALETTE_SLOTS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` different names whose own slot is `slot`.
    fn names_in_slot(slot: u32, n: usize) -> Vec<String> {
        (0..)
            .map(|i| format!("Speaker {i}"))
            .filter(|name| palette_slot(name) == slot)
            .take(n)
            .collect()
    }

    #[test]
    fn two_speakers_whose_names_share_a_colour_get_different_ones() {
        let first = "Mohammad Javad Zarif";
        let own = palette_slot(first);
        let second = &names_in_slot(own, 1)[0];
        let slots = distinct_palette_slots(&[(second, 2), (first, 5)]);
        // The one quoted more keeps its name's colour; the other takes the next free one.
        assert_eq!(slots, [(own + 1) % PALETTE_SLOTS, own]);
    }

    #[test]
    fn a_speaker_keeps_its_own_colour_when_nobody_else_wants_it() {
        let slots = distinct_palette_slots(&[("Sergei Lavrov", 1)]);
        assert_eq!(slots, [palette_slot("Sergei Lavrov")]);
    }

    #[test]
    fn twelve_speakers_get_twelve_colours_and_more_share_their_own() {
        let names = names_in_slot(3, 15);
        let speakers: Vec<(&str, u32)> = names.iter().map(|n| (n.as_str(), 1)).collect();
        let slots = distinct_palette_slots(&speakers);
        // Equal counts: by name. The first twelve take every colour once.
        let mut by_name: Vec<(&str, u32)> = names.iter().map(String::as_str).zip(slots).collect();
        by_name.sort_unstable();
        let mut first_twelve: Vec<u32> = by_name[..12].iter().map(|&(_, s)| s).collect();
        first_twelve.sort_unstable();
        assert_eq!(first_twelve, (0..12).collect::<Vec<_>>());
        assert!(by_name[12..].iter().all(|&(_, s)| s == 3));
    }
}

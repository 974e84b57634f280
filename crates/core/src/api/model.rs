//! The one read model: the machine's analysis with the user's layer over it.
//! Every view of an article's quotations (reader, `quotemap show`, speakers,
//! timeline, map, exports) reads the `reviewed_quotes` view of the store or
//! the functions here, which apply the same rules:
//!
//! - a user version applies to the machine quotation that overlaps it most,
//!   by more than half of the shorter of the two ([`link_user_quotes`]);
//! - confirmed or corrected, it replaces that quotation; rejected, it hides
//!   it; with no quotation there, it stands alone;
//! - an article's entities and relations are derived from its quotations as
//!   reviewed, so a rejected quotation leaves the map and a new speaker joins it.

use super::*;
use crate::analyze::entities::find_entities;
use crate::analyze::{Analysis, Quote, QuoteKind, SpeakerEntity, SpeakerKind};
use crate::store::StoredArticle;
use crate::store::user_layer::UserQuoteRow;
use std::ops::Range;

/// The stored machine analysis of an article (quotations and speakers; the
/// entities are derived again from them) and the row id of each quotation.
pub(crate) fn stored_machine_analysis(
    library: &Library,
    article_id: i64,
) -> Result<(Analysis, Vec<i64>), StoreError> {
    let (speakers, quotes) = library.get_analysis(article_id)?;
    let speaker_index =
        |id: Option<i64>| id.and_then(|id| speakers.iter().position(|s| s.id == id));
    let analysis = Analysis {
        quotes: quotes
            .iter()
            .map(|q| Quote {
                span: q.span.clone(),
                kind: quote_kind(&q.kind),
                cue: q.cue.clone(),
                speaker_mention: q.mention.clone(),
                speaker: speaker_index(q.speaker_id),
                confidence: q.confidence as f32,
                group: q.group.max(0) as usize,
                nested: q.nested,
                rule: "stored",
            })
            .collect(),
        speakers: speakers
            .iter()
            .map(|s| SpeakerEntity {
                name: s.name.clone(),
                kind: speaker_kind(&s.kind),
                role: s.role.clone(),
                affiliation: s.affiliation.clone(),
                female: None,
            })
            .collect(),
        diagnostics: Vec::new(),
        entities: Default::default(),
    };
    Ok((analysis, quotes.iter().map(|q| q.id).collect()))
}

pub(crate) fn quote_kind(kind: &str) -> QuoteKind {
    match kind {
        "indirect" => QuoteKind::Indirect,
        "mixed" => QuoteKind::Mixed,
        _ => QuoteKind::Direct,
    }
}

pub(crate) fn speaker_kind(kind: &str) -> SpeakerKind {
    match kind {
        "organisation" => SpeakerKind::Organisation,
        "anonymous" => SpeakerKind::Anonymous,
        _ => SpeakerKind::Person,
    }
}

/// Which machine quotation each user version applies to: (user version id,
/// index into `machine`). The one overlapping it most, by more than half of
/// the shorter of the two; of those that overlap it as much, the one closest to
/// it in length (a version of a nested quotation is the nested one's, not its
/// parent's, which covers the same text and more); then an outer quotation
/// before a nested one.
pub(crate) fn link_user_quotes(machine: &[Quote], users: &[UserQuoteRow]) -> Vec<(i64, usize)> {
    let overlap =
        |a: &Range<usize>, b: &Range<usize>| a.end.min(b.end).saturating_sub(a.start.max(b.start));
    users
        .iter()
        .filter_map(|user| {
            let span = &user.anchor.span;
            machine
                .iter()
                .enumerate()
                .filter(|(_, q)| {
                    let shared = overlap(&q.span, span);
                    shared > 0 && 2 * shared > q.span.len().min(span.len())
                })
                .max_by(|(i, a), (j, b)| {
                    overlap(&a.span, span)
                        .cmp(&overlap(&b.span, span))
                        .then(
                            b.span
                                .len()
                                .abs_diff(span.len())
                                .cmp(&a.span.len().abs_diff(span.len())),
                        )
                        .then(b.nested.cmp(&a.nested))
                        .then(j.cmp(i))
                })
                .map(|(index, _)| (user.id, index))
        })
        .collect()
}

/// Applies a user's speaker to the article's speaker of the same name: a name
/// alone picks that speaker; a name with details (a kind other than the
/// default, a role, an affiliation) also describes them, for every quotation
/// of theirs in the article. Role and affiliation are updated here; returns
/// whether the user's kind applies too (the reader and the derived entities
/// keep kinds in different types).
pub(crate) fn describe_speaker(
    role: &mut Option<String>,
    affiliation: &mut Option<String>,
    given_kind: &str,
    given_role: &Option<String>,
    given_affiliation: &Option<String>,
) -> bool {
    if given_role.is_some() {
        role.clone_from(given_role);
    }
    if given_affiliation.is_some() {
        affiliation.clone_from(given_affiliation);
    }
    given_kind != "person" || given_role.is_some() || given_affiliation.is_some()
}

/// The analysis as the analyst sees it, for deriving entities and relations.
pub(crate) fn reviewed_analysis(
    text: &str,
    machine: &Analysis,
    users: &[UserQuoteRow],
    links: &[(i64, usize)],
) -> Analysis {
    let mut speakers = machine.speakers.clone();
    let mut speaker_of =
        |name: &str, kind: &str, role: &Option<String>, affiliation: &Option<String>| {
            if let Some(index) = speakers.iter().position(|s| s.name == name) {
                let speaker = &mut speakers[index];
                if describe_speaker(
                    &mut speaker.role,
                    &mut speaker.affiliation,
                    kind,
                    role,
                    affiliation,
                ) {
                    speaker.kind = speaker_kind(kind);
                }
                return index;
            }
            speakers.push(SpeakerEntity {
                name: name.to_owned(),
                kind: speaker_kind(kind),
                role: role.clone(),
                affiliation: affiliation.clone(),
                female: None,
            });
            speakers.len() - 1
        };
    let mut hidden = vec![false; machine.quotes.len()];
    let mut quotes: Vec<Quote> = Vec::new();
    let mut replaced: Vec<Option<Quote>> = vec![None; machine.quotes.len()];
    for user in users {
        let linked = links
            .iter()
            .find(|(id, _)| *id == user.id)
            .map(|&(_, index)| index);
        if user.status == "rejected" {
            if let Some(index) = linked {
                hidden[index] = true;
            }
            continue;
        }
        if !user.anchor.holds_in(text) {
            continue;
        }
        let base = linked.map(|index| &machine.quotes[index]);
        let speaker = user
            .speaker
            .as_ref()
            .map(|s| speaker_of(&s.name, &s.kind, &s.role, &s.affiliation));
        // The machine's mention stays when the speaker is the machine's; a new speaker
        // is mentioned where the text names them (else at the quotation itself).
        let machine_name = base
            .and_then(|q| q.speaker)
            .map(|m| machine.speakers[m].name.as_str());
        let mention = match user.speaker.as_ref().map(|s| s.name.as_str()) {
            None => None,
            Some(name) if machine_name == Some(name) => {
                base.and_then(|q| q.speaker_mention.clone())
            }
            Some(name) => Some(
                mention_of(text, name, user.anchor.span.start)
                    .unwrap_or_else(|| user.anchor.span.clone()),
            ),
        };
        let quote = Quote {
            span: user.anchor.span.clone(),
            kind: quote_kind(&user.kind),
            cue: base.and_then(|q| q.cue.clone()),
            speaker_mention: mention,
            speaker,
            confidence: 1.0,
            group: base.map_or(usize::MAX / 2 + user.id.unsigned_abs() as usize, |q| {
                q.group
            }),
            nested: base.is_some_and(|q| q.nested),
            rule: "user",
        };
        match linked {
            Some(index) => replaced[index] = Some(quote),
            None => quotes.push(quote),
        }
    }
    for (index, quote) in machine.quotes.iter().enumerate() {
        if hidden[index] {
            continue;
        }
        quotes.push(replaced[index].take().unwrap_or_else(|| quote.clone()));
    }
    quotes.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    Analysis {
        quotes,
        speakers,
        diagnostics: Vec::new(),
        entities: Default::default(),
    }
}

/// Where the text names a speaker the user chose: the full name, else its last
/// word (a surname), nearest before `near`, else the first after it.
fn mention_of(text: &str, name: &str, near: usize) -> Option<Range<usize>> {
    let mut candidates: Vec<&str> = vec![name.trim()];
    if let Some(last) = name.split_whitespace().last()
        && last.chars().count() >= 3
        && last != name.trim()
    {
        candidates.push(last);
    }
    for needle in candidates.into_iter().filter(|n| !n.is_empty()) {
        let found: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
        let before = found.iter().rev().find(|&&i| i < near);
        if let Some(&start) = before.or(found.first()) {
            return Some(start..start + needle.len());
        }
    }
    None
}

/// Rebuilds what an article derives from its analysis and the user's layer:
/// the links of user versions to machine quotations, and its entities.
pub(crate) fn rebuild_derived(library: &mut Library, article_id: i64) -> Result<(), StoreError> {
    let Some(article) = library.get_article(article_id)? else {
        return Ok(());
    };
    let (machine, quote_ids) = stored_machine_analysis(library, article_id)?;
    let users = library.user_quotes(article_id)?;
    let links = link_user_quotes(&machine.quotes, &users);
    let reviewed = reviewed_analysis(&article.text, &machine, &users, &links);
    let entities = find_entities(&article.text, &reviewed, article.published_local.as_deref());
    let row_links: Vec<(i64, i64)> = links
        .iter()
        .map(|&(user, index)| (user, quote_ids[index]))
        .collect();
    library.replace_derived(article_id, &entities, &row_links)
}

/// Analyses a stored article with the current engine and stores the result,
/// keeping the user's layer: its versions are linked to the new quotations
/// and the entities derived from the quotations as reviewed.
pub(crate) fn analyse_and_store(
    library: &mut Library,
    article: &StoredArticle,
    analyzed_at: &str,
) -> Result<(), StoreError> {
    let machine = analyze_article_by(
        &article.text,
        article.published_local.as_deref(),
        article.author.as_deref(),
    );
    store_machine_analysis(library, article, &machine, analyzed_at)
}

/// Stores an article's machine analysis with what it derives under the user's layer.
pub(crate) fn store_machine_analysis(
    library: &mut Library,
    article: &StoredArticle,
    machine: &Analysis,
    analyzed_at: &str,
) -> Result<(), StoreError> {
    let published = article.published_local.as_deref();
    let users = library.user_quotes(article.id)?;
    if users.is_empty() {
        return library.save_analysis(article.id, machine, analyzed_at, &machine.entities, &[]);
    }
    let links = link_user_quotes(&machine.quotes, &users);
    let reviewed = reviewed_analysis(&article.text, machine, &users, &links);
    // Confirmations change nothing the entities rest on: the machine's stand.
    if same_attributions(machine, &reviewed) {
        return library.save_analysis(article.id, machine, analyzed_at, &machine.entities, &links);
    }
    let derived = find_entities(&article.text, &reviewed, published);
    library.save_analysis(article.id, machine, analyzed_at, &derived, &links)
}

/// Whether two analyses attribute the same spans to the same speakers from the
/// same mentions: all that entities and relations are derived from.
fn same_attributions(a: &Analysis, b: &Analysis) -> bool {
    fn speaker(analysis: &Analysis, index: Option<usize>) -> Option<&SpeakerEntity> {
        index.and_then(|i| analysis.speakers.get(i))
    }
    let same_speaker = |x: Option<&SpeakerEntity>, y: Option<&SpeakerEntity>| match (x, y) {
        (Some(x), Some(y)) => {
            x.name == y.name
                && x.kind == y.kind
                && x.role == y.role
                && x.affiliation == y.affiliation
        }
        (None, None) => true,
        _ => false,
    };
    a.quotes.len() == b.quotes.len()
        && a.quotes.iter().zip(&b.quotes).all(|(x, y)| {
            x.span == y.span
                && x.kind == y.kind
                && x.speaker_mention == y.speaker_mention
                && same_speaker(speaker(a, x.speaker), speaker(b, y.speaker))
        })
}

/// Rebuilds every article whose derived rows wait for it (after a change, or
/// after a crash between a change and its rebuild).
pub(crate) fn rebuild_stale(library: &mut Library) -> Result<(), StoreError> {
    for article_id in library.stale_articles()? {
        rebuild_derived(library, article_id)?;
    }
    Ok(())
}

//! One text's whole analysis without a library (`quotemap analyze`, the
//! Python package's `analyze`): its quotations, speakers, entities and the
//! relations between them with the sentences behind each, every offset in
//! Unicode code points into the text as given.

use super::extract::{CodePoints, ExtractedQuote, extracted_quote, group_numbers, in_parallel};
use super::*;
use crate::analyze::entities::Entities;

/// Everything the engine finds in one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextAnalysis {
    /// Quotations in text order, nested ones included (`nested: true`).
    pub quotes: Vec<AnalyzedQuote>,
    /// The speakers the quotations are attributed to (`speaker_index` points here).
    pub speakers: Vec<AnalyzedSpeaker>,
    /// People, organisations, countries, cities and days named in the text.
    pub entities: Vec<AnalyzedEntity>,
    /// Relations between entities (`from` and `to` index `entities`).
    pub relations: Vec<AnalyzedRelation>,
}

/// A quotation: the `extract` fields, its speaker's index and the day it was said.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnalyzedQuote {
    /// The fields `extract` gives (offsets in code points).
    #[serde(flatten)]
    pub quote: ExtractedQuote,
    /// Index into [`TextAnalysis::speakers`], when the speaker was resolved.
    pub speaker_index: Option<usize>,
    /// The day it was said (`YYYY-MM-DD`), when its sentence gives one.
    pub said_on: Option<String>,
}

/// A speaker of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyzedSpeaker {
    /// Full name for people, the description otherwise.
    pub name: String,
    /// `person`, `organisation` or `anonymous`.
    pub kind: &'static str,
    /// Role from the text ("Foreign Minister").
    pub role: Option<String>,
    /// Affiliation from the text ("Russia").
    pub affiliation: Option<String>,
}

/// An entity of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyzedEntity {
    /// `person`, `organisation`, `country`, `city` or `date`.
    pub kind: &'static str,
    /// Canonical name ("Sergei Lavrov", "Iraq", "2019-01-17").
    pub name: String,
    /// A person's role, a city's country, a date as written.
    pub detail: Option<String>,
    /// Where the text names it (code points, end exclusive).
    pub mentions: Vec<[usize; 2]>,
}

/// A relation between two entities of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyzedRelation {
    /// `affiliation`, `met_with`, `said_about`, `cooperation` or `opposition`.
    pub kind: &'static str,
    /// Index into [`TextAnalysis::entities`] (the speaker, the person, the first country).
    pub from: usize,
    /// Index into [`TextAnalysis::entities`].
    pub to: usize,
    /// The `from` entity's name.
    pub from_name: String,
    /// The `to` entity's name.
    pub to_name: String,
    /// `supportive`, `critical` or `neutral`.
    pub stance: &'static str,
    /// Where it happened, when the text says (a city's name).
    pub place: Option<String>,
    /// When it happened, when the text says (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// The sentences it rests on, in text order.
    pub evidence: Vec<AnalyzedEvidence>,
}

/// One sentence behind a relation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnalyzedEvidence {
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// The sentence.
    pub text: String,
}

/// Analyses one text. `published` is the article's date (`YYYY-MM-DD`,
/// optionally followed by a time), against which "yesterday" or "on Monday"
/// become days; any other value is an `Err` naming it.
pub fn analyze_text(text: &str, published: Option<&str>) -> Result<TextAnalysis, String> {
    if let Some(published) = published
        && crate::analyze::entities::publication_day(published).is_none()
    {
        return Err(format!(
            "published: expected a date such as 2019-01-17, not {published:?}"
        ));
    }
    let analysis = analyze_article(text, published);
    let code_points = CodePoints::new(text);
    let Entities {
        entities,
        mentions,
        relations,
        quote_dates,
    } = &analysis.entities;
    let entity_name = |index: usize| entities[index].name.clone();
    let groups = group_numbers(&analysis.quotes);
    let quotes = analysis
        .quotes
        .iter()
        .zip(groups)
        .enumerate()
        .map(|(index, (quote, group))| AnalyzedQuote {
            quote: extracted_quote(text, &code_points, &analysis, quote, group),
            speaker_index: quote.speaker,
            said_on: quote_dates.get(index).copied().flatten().map(entity_name),
        })
        .collect();
    let speakers = analysis
        .speakers
        .iter()
        .map(|speaker| AnalyzedSpeaker {
            name: speaker.name.clone(),
            kind: speaker.kind.as_str(),
            role: speaker.role.clone(),
            affiliation: speaker.affiliation.clone(),
        })
        .collect();
    let mut analyzed_entities: Vec<AnalyzedEntity> = entities
        .iter()
        .map(|entity| AnalyzedEntity {
            kind: entity.kind.as_str(),
            name: entity.name.clone(),
            detail: entity.detail.clone(),
            mentions: Vec::new(),
        })
        .collect();
    for mention in mentions {
        if let Some(entity) = analyzed_entities.get_mut(mention.entity) {
            entity.mentions.push(code_points.span(&mention.span));
        }
    }
    let relations = relations
        .iter()
        .map(|relation| AnalyzedRelation {
            kind: relation.kind.as_str(),
            from: relation.from,
            to: relation.to,
            from_name: entity_name(relation.from),
            to_name: entity_name(relation.to),
            stance: relation.stance.as_str(),
            place: relation.place.map(entity_name),
            date: relation.date.map(entity_name),
            evidence: relation
                .evidence
                .iter()
                .map(|sentence| {
                    let [start, end] = code_points.span(sentence);
                    AnalyzedEvidence {
                        start,
                        end,
                        text: text[sentence.clone()].to_owned(),
                    }
                })
                .collect(),
        })
        .collect();
    Ok(TextAnalysis {
        quotes,
        speakers,
        entities: analyzed_entities,
        relations,
    })
}

/// [`analyze_text`] of each `(text, published)`, on every core; the results
/// in the order given.
pub fn analyze_text_batch<S: AsRef<str> + Sync>(
    texts: &[(S, Option<S>)],
) -> Vec<Result<TextAnalysis, String>> {
    in_parallel(texts, |(text, published)| {
        analyze_text(text.as_ref(), published.as_ref().map(AsRef::as_ref))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "MOSCOW, Jan. 17 (Reuters) - Russian Foreign Minister Sergei Lavrov met \
        Iranian Foreign Minister Mohammad Javad Zarif in Moscow on Thursday. \
        \u{201C}We support Iran\u{2019}s right to trade,\u{201D} Lavrov said.";

    /// Every offset is in code points of the text as given, and points at the
    /// words the field names (the curly marks are one code point, three bytes).
    #[test]
    fn offsets_are_code_points_and_fields_point_at_their_words() {
        let analysis = analyze_text(TEXT, Some("2019-01-17")).unwrap();
        let chars: Vec<char> = TEXT.chars().collect();
        let slice = |[start, end]: [usize; 2]| chars[start..end].iter().collect::<String>();
        let quote = &analysis.quotes[0];
        assert_eq!(
            slice([quote.quote.start, quote.quote.end]),
            quote.quote.text
        );
        assert_eq!(quote.quote.text, "We support Iran\u{2019}s right to trade,");
        let speaker = &analysis.speakers[quote.speaker_index.unwrap()];
        assert_eq!(speaker.name, "Sergei Lavrov");
        assert_eq!(speaker.kind, "person");
        let lavrov = analysis
            .entities
            .iter()
            .find(|e| e.name == "Sergei Lavrov")
            .unwrap();
        assert!(lavrov.mentions.iter().all(|&m| slice(m).contains("Lavrov")));
        assert!(!analysis.relations.is_empty());
        for relation in &analysis.relations {
            assert_eq!(relation.from_name, analysis.entities[relation.from].name);
            for evidence in &relation.evidence {
                assert_eq!(slice([evidence.start, evidence.end]), evidence.text);
            }
        }
    }

    /// The same quotations as `extract` (nested ones included), field for field.
    #[test]
    fn quotes_are_the_extract_contract() {
        let analysis = analyze_text(TEXT, None).unwrap();
        let extracted = extract_quotes(TEXT, true);
        let analyzed: Vec<&ExtractedQuote> = analysis.quotes.iter().map(|q| &q.quote).collect();
        assert_eq!(analyzed, extracted.iter().collect::<Vec<_>>());
    }

    /// Pieces of one quotation share a group; every other quotation has a group
    /// of its own, a small number (the engine's "no group" never leaks out).
    #[test]
    fn groups_are_small_numbers_shared_only_by_pieces() {
        // The last quotation runs over a paragraph break: two pieces, one group.
        let text = "Officials said the talks had failed. The mayor said the port would reopen.\n\n\
            \u{201C}I am leaving,\u{201D} Smith said. \u{201C}I have had enough.\n\n\
            \u{201C}Nobody listens,\u{201D} he went on.";
        let quotes = extract_quotes(text, false);
        let groups: Vec<usize> = quotes.iter().map(|q| q.group).collect();
        assert_eq!(quotes.len(), 5, "{quotes:#?}");
        assert_eq!(groups[3], groups[4], "the two pieces: {groups:?}");
        let mut distinct = groups.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 4, "one group each otherwise: {groups:?}");
        assert!(groups.iter().all(|&g| g < quotes.len()), "{groups:?}");
    }

    /// A publication date that is not one is refused with its value, a date
    /// with a time is taken, and text cut inside a character does not panic.
    #[test]
    fn a_publication_date_must_be_a_date() {
        let refused = analyze_text(TEXT, Some("yesterday")).unwrap_err();
        assert!(refused.contains("\"yesterday\""), "{refused}");
        assert!(analyze_text(TEXT, Some("2019-01-1\u{e9}")).is_err());
        assert!(analyze_text(TEXT, Some("2019-01-17T09:30:00+03:00")).is_ok());
    }

    /// The batches give what one call per text gives, in the order given.
    #[test]
    fn batches_keep_the_order_and_the_results() {
        let texts: Vec<String> = (0..40)
            .map(|i| format!("\u{201C}Point {i} stands,\u{201D} said Anna Weber.\n\n{TEXT}"))
            .collect();
        let batch = extract_quotes_batch(&texts, false);
        for (text, quotes) in texts.iter().zip(&batch) {
            assert_eq!(quotes, &extract_quotes(text, false));
        }
        let pairs: Vec<(&str, Option<&str>)> = texts
            .iter()
            .map(|t| (t.as_str(), Some("2019-01-17")))
            .collect();
        let analyses = analyze_text_batch(&pairs);
        assert_eq!(analyses.len(), texts.len());
        assert_eq!(analyses[7], analyze_text(&texts[7], Some("2019-01-17")));
        assert!(extract_quotes_batch::<&str>(&[], false).is_empty());
    }
}

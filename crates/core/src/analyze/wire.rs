//! The analysis as it comes back from a reader worker (JSON): quotations and
//! diagnostics read through owned mirrors, since their rule and message names
//! are `&'static str` in the engine; and the check that every span lies in the
//! article's text and every index points at something, before the store or the
//! reader uses them. A worker is sandboxed, but it parses hostile files: what
//! it answers is checked like input.

use super::{Analysis, Diagnostic, Quote, QuoteKind};
use serde::{Deserialize, Deserializer};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Mutex;

/// Rule and message names kept for the life of the process. The engine has a
/// few dozen; an answer that would add more than this is refused, so a worker
/// gone wrong cannot grow the app's memory.
const MAX_NAMES: usize = 512;
const MAX_NAME_BYTES: usize = 120;

/// Names kept for the life of the process, each once.
#[derive(Default)]
struct Names(HashSet<&'static str>);

impl Names {
    fn intern(&mut self, name: String) -> Result<&'static str, String> {
        if let Some(known) = self.0.get(name.as_str()) {
            return Ok(known);
        }
        if self.0.len() >= MAX_NAMES || name.len() > MAX_NAME_BYTES {
            return Err("too many or too long rule names".to_owned());
        }
        let leaked: &'static str = Box::leak(name.into_boxed_str());
        self.0.insert(leaked);
        Ok(leaked)
    }
}

/// The one `&'static str` for a rule or message name.
fn static_name(name: String) -> Result<&'static str, String> {
    static NAMES: Mutex<Option<Names>> = Mutex::new(None);
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    names.get_or_insert_with(Names::default).intern(name)
}

#[derive(Deserialize)]
struct QuoteFromWorker {
    span: Range<usize>,
    kind: QuoteKind,
    cue: Option<Range<usize>>,
    speaker_mention: Option<Range<usize>>,
    speaker: Option<usize>,
    confidence: f32,
    group: usize,
    nested: bool,
    rule: String,
}

impl<'de> Deserialize<'de> for Quote {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Quote, D::Error> {
        let wire = QuoteFromWorker::deserialize(deserializer)?;
        Ok(Quote {
            span: wire.span,
            kind: wire.kind,
            cue: wire.cue,
            speaker_mention: wire.speaker_mention,
            speaker: wire.speaker,
            confidence: wire.confidence,
            group: wire.group,
            nested: wire.nested,
            rule: static_name(wire.rule).map_err(serde::de::Error::custom)?,
        })
    }
}

#[derive(Deserialize)]
struct DiagnosticFromWorker {
    span: Range<usize>,
    message: String,
}

impl<'de> Deserialize<'de> for Diagnostic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Diagnostic, D::Error> {
        let wire = DiagnosticFromWorker::deserialize(deserializer)?;
        Ok(Diagnostic {
            span: wire.span,
            message: static_name(wire.message).map_err(serde::de::Error::custom)?,
        })
    }
}

impl Analysis {
    /// Every span lies inside `text` on character boundaries, every index
    /// points at a speaker or an entity that exists, every confidence is a
    /// number from 0 to 1.
    pub fn is_consistent_with(&self, text: &str) -> bool {
        let span_ok = |span: &Range<usize>| {
            span.start <= span.end
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
        };
        let speakers = self.speakers.len();
        let entities = &self.entities;
        let entity_ok = |index: usize| index < entities.entities.len();
        self.quotes.iter().all(|quote| {
            span_ok(&quote.span)
                && quote.cue.as_ref().is_none_or(span_ok)
                && quote.speaker_mention.as_ref().is_none_or(span_ok)
                && quote.speaker.is_none_or(|s| s < speakers)
                && (0.0..=1.0).contains(&quote.confidence)
        }) && self.diagnostics.iter().all(|d| span_ok(&d.span))
            && entities
                .mentions
                .iter()
                .all(|m| span_ok(&m.span) && entity_ok(m.entity))
            && entities.relations.iter().all(|r| {
                entity_ok(r.from)
                    && entity_ok(r.to)
                    && r.place.is_none_or(entity_ok)
                    && r.date.is_none_or(entity_ok)
                    && r.evidence.iter().all(span_ok)
            })
            && entities.quote_dates.len() <= self.quotes.len()
            && entities.quote_dates.iter().flatten().all(|&d| entity_ok(d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::analyze_article;

    const TEXT: &str = "\"We will not join any alliance against Iran,\" Foreign Minister \
        Mohammed Ali al-Hakim said in Baghdad on Wednesday after he met Mohammad Javad Zarif.";

    #[test]
    fn an_analysis_crosses_as_json_unchanged() {
        let analysis = analyze_article(TEXT, Some("2019-01-30"));
        assert!(!analysis.quotes.is_empty() && !analysis.entities.relations.is_empty());
        let json = serde_json::to_string(&analysis).unwrap();
        let back: Analysis = serde_json::from_str(&json).unwrap();
        assert_eq!(back, analysis);
        assert!(back.is_consistent_with(TEXT));
    }

    #[test]
    fn spans_outside_the_text_and_dangling_indexes_are_caught() {
        let analysis = analyze_article(TEXT, Some("2019-01-30"));
        let mut broken = analysis.clone();
        broken.quotes[0].span = 0..TEXT.len() + 1;
        assert!(!broken.is_consistent_with(TEXT));
        let mut broken = analysis.clone();
        broken.quotes[0].speaker = Some(analysis.speakers.len());
        assert!(!broken.is_consistent_with(TEXT));
        let mut broken = analysis.clone();
        broken.entities.relations[0].to = analysis.entities.entities.len();
        assert!(!broken.is_consistent_with(TEXT));
        let mut broken = analysis.clone();
        broken.entities.mentions[0].span = 1..1 + "\u{e9}".len();
        assert!(broken.is_consistent_with(TEXT), "ASCII text: any index is a boundary");
        assert!(!broken.is_consistent_with("\u{e9}\u{e9}\u{e9}\u{e9}"));
        let mut broken = analysis;
        broken.quotes[0].confidence = f32::NAN;
        assert!(!broken.is_consistent_with(TEXT));
    }

    #[test]
    fn rule_names_are_kept_once_and_their_number_is_bounded() {
        // A set of its own: the process-wide one serves the other tests.
        let mut names = Names::default();
        let first = names.intern("direct-said".to_owned()).unwrap();
        let again = names.intern("direct-said".to_owned()).unwrap();
        assert!(std::ptr::eq(first, again));
        assert!(names.intern("x".repeat(MAX_NAME_BYTES + 1)).is_err());
        for n in 1..MAX_NAMES {
            names.intern(format!("made-up-{n}")).unwrap();
        }
        assert!(names.intern("one-too-many".to_owned()).is_err());
        assert!(names.intern("direct-said".to_owned()).is_ok());
    }
}

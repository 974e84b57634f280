//! The selection an export writes, read one article at a time through the
//! reader's read model, with each quotation flattened into the row the
//! table formats print (speaker under the library's name, the notes and
//! tags on it).

use super::*;
use std::collections::HashMap;

/// One quotation as every export writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct ExportQuote {
    /// The id `quotemap quote` takes (see [`QuoteView::id`]).
    pub id: String,
    /// `machine`, `confirmed`, `corrected` or `added`.
    pub status: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// The quoted text.
    pub text: String,
    /// Start in the article's text (code points).
    pub start: u32,
    /// End (code points, exclusive).
    pub end: u32,
    /// The speaker under the library's name (the entity the name was matched into).
    pub speaker: Option<String>,
    /// The speaker as this article names them.
    pub speaker_as_written: Option<String>,
    /// `person`, `organisation` or `anonymous`.
    pub speaker_kind: Option<String>,
    /// Role given in the text.
    pub role: Option<String>,
    /// Affiliation given in the text.
    pub affiliation: Option<String>,
    /// The cue ("said").
    pub cue: Option<String>,
    /// The words naming the speaker there.
    pub mention: Option<String>,
    /// The sentence the attribution rests on.
    pub sentence: String,
    /// 0 to 1, two decimals.
    pub confidence: f64,
    /// The day it was said, when the text gives one.
    pub said_on: Option<String>,
    /// Inside another quotation.
    pub nested: bool,
    /// The user's notes on highlights overlapping it.
    pub notes: Vec<String>,
    /// Tags of the article and of the notes on it, sorted.
    pub tags: Vec<String>,
}

/// One article of the selection, with its quotations as exported.
pub(super) struct ExportArticle {
    /// The reader's view (the user's layer applied), without its drawn blocks.
    pub view: ArticleView,
    /// Its quotations the scope keeps, in text order.
    pub quotes: Vec<ExportQuote>,
}

impl ExportArticle {
    /// The day it was published, when known.
    pub fn day(&self) -> Option<&str> {
        text::day(self.view.published_local.as_deref())
    }
}

/// A speaker's row, summed over the selection.
#[derive(Default)]
pub(super) struct SpeakerRow {
    pub kind: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub quotes: u64,
    pub articles: u64,
    last_article: i64,
    /// First and last day of the dated articles quoting them.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// The speakers of the quotations exported, by the library's name.
#[derive(Default)]
pub(super) struct SpeakerTotals(HashMap<String, SpeakerRow>);

impl SpeakerTotals {
    /// Counts a quotation of an article (articles are given in turn).
    pub fn add(&mut self, article: &ExportArticle, quote: &ExportQuote) {
        let Some(name) = &quote.speaker else { return };
        let totals = self.0.entry(name.clone()).or_default();
        totals.quotes += 1;
        if totals.last_article != article.view.id {
            totals.articles += 1;
            totals.last_article = article.view.id;
        }
        if totals.kind.is_empty() {
            totals.kind = quote.speaker_kind.clone().unwrap_or_default();
        }
        totals.role = totals.role.take().or_else(|| quote.role.clone());
        totals.affiliation = totals
            .affiliation
            .take()
            .or_else(|| quote.affiliation.clone());
        if let Some(day) = article.day() {
            if totals.first.as_deref().is_none_or(|f| day < f) {
                totals.first = Some(day.to_owned());
            }
            if totals.last.as_deref().is_none_or(|l| day > l) {
                totals.last = Some(day.to_owned());
            }
        }
    }

    /// The rows, most quoted first, then by name.
    pub fn most_quoted_first(self) -> Vec<(String, SpeakerRow)> {
        let mut speakers: Vec<(String, SpeakerRow)> = self.0.into_iter().collect();
        speakers.sort_by(|a, b| b.1.quotes.cmp(&a.1.quotes).then_with(|| a.0.cmp(&b.0)));
        speakers
    }
}

/// The articles of an export, read on demand.
pub(super) struct Selection<'a> {
    pub library: &'a Library,
    pub scope: &'a ExportScope,
    ids: Vec<i64>,
    progress: &'a mut dyn FnMut(ExportProgress) -> bool,
    /// Library names of speakers, as looked up.
    names: HashMap<String, String>,
    summary: ExportSummary,
}

impl<'a> Selection<'a> {
    pub fn new(
        library: &'a Library,
        scope: &'a ExportScope,
        progress: &'a mut dyn FnMut(ExportProgress) -> bool,
    ) -> Result<Selection<'a>, StoreError> {
        let ids = library.selected_article_ids(&scope.filter, scope.article)?;
        Ok(Selection {
            library,
            scope,
            ids,
            progress,
            names: HashMap::new(),
            summary: ExportSummary::default(),
        })
    }

    /// The ids of the articles, oldest first.
    pub fn ids(&self) -> &[i64] {
        &self.ids
    }

    /// What has been written so far.
    pub fn summary(&self) -> ExportSummary {
        self.summary
    }

    /// Counts the entities and relations a graph format wrote.
    pub fn count_graph(&mut self, entities: usize, relations: usize) {
        self.summary.articles = self.summary.articles.max(self.ids.len() as u64);
        self.summary.entities = entities as u64;
        self.summary.relations = relations as u64;
    }

    /// Calls `write` with each article in turn, oldest first, reporting
    /// progress after each; stops with [`ExportError::Cancelled`] when asked.
    pub fn for_each(
        &mut self,
        mut write: impl FnMut(&ExportArticle) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        let total = self.ids.len() as u64;
        if !(self.progress)(ExportProgress { done: 0, total }) {
            return Err(ExportError::Cancelled);
        }
        for index in 0..self.ids.len() {
            let Some(view) =
                crate::api::reader::get_article_unblocked(self.library, self.ids[index])?
            else {
                continue; // deleted while exporting: nothing to write
            };
            let quotes = self.quotes_of(&view)?;
            let article = ExportArticle { view, quotes };
            write(&article)?;
            self.summary.articles += 1;
            self.summary.quotes += article.quotes.len() as u64;
            self.summary.annotations += article.view.annotations.len() as u64;
            let done = index as u64 + 1;
            if !(self.progress)(ExportProgress { done, total }) {
                return Err(ExportError::Cancelled);
            }
        }
        Ok(())
    }

    /// The library's name for a speaker named so in an article.
    fn library_name(&mut self, name: &str) -> Result<String, StoreError> {
        if let Some(known) = self.names.get(name) {
            return Ok(known.clone());
        }
        let found = self.library.speaker_library_name(name)?;
        self.names.insert(name.to_owned(), found.clone());
        Ok(found)
    }

    /// The article's quotations the scope keeps (the speaker and kind
    /// filters choose quotations, not only articles), flattened.
    fn quotes_of(&mut self, view: &ArticleView) -> Result<Vec<ExportQuote>, StoreError> {
        let filter = &self.scope.filter;
        let mut quotes = Vec::with_capacity(view.quotes.len());
        for quote in &view.quotes {
            if filter.kind.as_ref().is_some_and(|k| *k != quote.kind) {
                continue;
            }
            let speaker = quote.speaker.and_then(|s| view.speakers.get(s as usize));
            let library_name = match speaker {
                Some(s) => Some(self.library_name(&s.name)?),
                None => None,
            };
            if let Some(wanted) = &filter.speaker
                && library_name.as_ref() != Some(wanted)
            {
                continue;
            }
            // Notes on highlights overlapping the quotation (placed ones only).
            let on_quote: Vec<&AnnotationView> = view
                .annotations
                .iter()
                .filter(|a| !a.needs_anchoring && a.start < quote.end && quote.start < a.end)
                .collect();
            let mut tags: Vec<String> = view.tags.clone();
            for annotation in &on_quote {
                tags.extend(annotation.tags.iter().cloned());
            }
            tags.sort();
            tags.dedup();
            quotes.push(ExportQuote {
                id: quote.id.clone(),
                status: quote.status.clone(),
                kind: quote.kind.clone(),
                text: quote.text.clone(),
                start: quote.start,
                end: quote.end,
                speaker: library_name,
                speaker_as_written: speaker.map(|s| s.name.clone()),
                speaker_kind: speaker.map(|s| s.kind.clone()),
                role: speaker.and_then(|s| s.role.clone()),
                affiliation: speaker.and_then(|s| s.affiliation.clone()),
                cue: quote.cue.clone(),
                mention: quote.mention.clone(),
                sentence: quote.evidence.clone(),
                confidence: (f64::from(quote.confidence) * 100.0).round() / 100.0,
                said_on: quote.said_on.clone(),
                nested: quote.nested,
                notes: on_quote
                    .iter()
                    .filter(|a| !a.note.trim().is_empty())
                    .map(|a| a.note.clone())
                    .collect(),
                tags,
            });
        }
        Ok(quotes)
    }
}

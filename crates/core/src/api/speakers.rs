//! Speakers across the library and the timeline of who said what when.

use super::*;

/// A speaker's quotation somewhere in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SpeakerQuoteView {
    /// The article.
    #[ts(type = "number")]
    pub article_id: i64,
    /// Its headline.
    pub title: String,
    /// Its publication date-time as written.
    pub published: Option<String>,
    /// Index into that article's [`ArticleView::quotes`].
    pub index: u32,
    /// The quoted text.
    pub text: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
}

/// Quotations in one month, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimelineMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Direct quotations.
    pub direct: u32,
    /// Indirect (reported) speech.
    pub indirect: u32,
    /// Mixed quotations.
    pub mixed: u32,
}

/// Quotations per month (by the article's date) of what a filter keeps; with a
/// speaker, that speaker's quotations only. Oldest first; undated articles out.
pub fn quote_timeline(
    library: &Library,
    filter: &ArticleFilter,
) -> Result<Vec<TimelineMonth>, StoreError> {
    Ok(library
        .quote_timeline(filter)?
        .into_iter()
        .map(|(month, direct, indirect, mixed)| TimelineMonth {
            month,
            direct,
            indirect,
            mixed,
        })
        .collect())
}

/// Every quotation of a speaker across the library, oldest first.
pub fn speaker_quotes(library: &Library, name: &str) -> Result<Vec<SpeakerQuoteView>, StoreError> {
    Ok(quote_views(library.speaker_quotes(name)?))
}

/// The rows of a speaker's quotations as the views the windows and exports show.
pub(super) fn quote_views(rows: Vec<crate::store::SpeakerQuoteRow>) -> Vec<SpeakerQuoteView> {
    rows.into_iter()
        .map(|row| SpeakerQuoteView {
            article_id: row.article_id,
            title: row.title,
            published: row.published_local,
            index: row.index,
            text: row.text,
            kind: row.kind,
        })
        .collect()
}

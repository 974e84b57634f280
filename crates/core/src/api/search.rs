//! Full-text search as the user types: FTS5 over titles and text, snippets
//! as text parts, and the quotation a hit lands on.

use super::*;

/// A piece of a search snippet: text, and whether it is a matched word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SnippetPart {
    /// Text, to be shown as text.
    pub text: String,
    /// True for a matched word.
    pub hit: bool,
}

/// An article a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    /// Library id.
    #[ts(type = "number")]
    pub id: i64,
    /// Headline.
    pub title: String,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Publication date-time as written in the article.
    pub published: Option<String>,
    /// Text around the matches.
    pub snippet: Vec<SnippetPart>,
    /// The first quotation (index into [`ArticleView::quotes`]) holding every searched word.
    pub quote: Option<u32>,
}

/// Searches the library (titles and text, quotations included) as the user
/// types: every word must occur, the last one as a prefix; `"a phrase"` in
/// double quotes must occur as written. Best matches first, at most `limit`.
/// Input that holds no word gives no hits, never an error.
pub fn search(library: &Library, input: &str, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
    let Some((query, words)) = fts_query(input) else {
        return Ok(Vec::new());
    };
    let rows = library.search(&query, limit.clamp(1, 200) as usize)?;
    let mut hits = Vec::with_capacity(rows.len());
    for row in rows {
        let quote = first_quote_with(library, row.id, &words)?;
        hits.push(SearchHit {
            id: row.id,
            title: row.title,
            outlet: row.outlet,
            published: row.published_local,
            snippet: snippet_parts(&row.snippet),
            quote,
        });
    }
    Ok(hits)
}

/// The FTS5 query for what the user typed, and its words (lower-case). Every
/// word is quoted, so no input is FTS5 syntax: `NEAR`, `-`, `*` and quotes
/// typed by the user are words or nothing.
pub(super) fn fts_query(input: &str) -> Option<(String, Vec<String>)> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    let trimmed = input.trim();
    let phrase = trimmed.len() >= 2 && trimmed.starts_with('"') && trimmed.ends_with('"');
    let query = if phrase {
        format!("\"{}\"", words.join(" "))
    } else {
        let still_typing = !input.ends_with(char::is_whitespace);
        let last = words.len() - 1;
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i == last && still_typing {
                    format!("\"{w}\"*")
                } else {
                    format!("\"{w}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    Some((query, words))
}

/// FTS5's snippet with our private-use marks, as parts.
fn snippet_parts(snippet: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut hit = false;
    for piece in snippet.split([crate::store::SNIPPET_OPEN, crate::store::SNIPPET_CLOSE]) {
        if !piece.is_empty() {
            parts.push(SnippetPart {
                text: piece.to_owned(),
                hit,
            });
        }
        hit = !hit;
    }
    parts
}

/// Index (as in [`get_article`]) of the first quotation whose text holds every word.
fn first_quote_with(
    library: &Library,
    article_id: i64,
    words: &[String],
) -> Result<Option<u32>, StoreError> {
    let Some(article) = library.get_article(article_id)? else {
        return Ok(None);
    };
    // The reader's quotations, in its order: the user's layer applied.
    let quotes = library.reviewed_quotes(article_id)?;
    let text = &article.text;
    let index = quotes
        .iter()
        .filter(|q| {
            q.span.start <= q.span.end
                && q.span.end <= text.len()
                && text.is_char_boundary(q.span.start)
                && text.is_char_boundary(q.span.end)
        })
        .position(|q| {
            let quoted = text[q.span.clone()].to_lowercase();
            words.iter().all(|w| quoted.contains(w.as_str()))
        });
    Ok(index.map(|i| i as u32))
}

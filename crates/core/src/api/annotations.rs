//! Annotating: highlights with a note, tags and a colour on any span of an
//! article; tags and the reviewed mark on articles; the library-wide
//! Annotations view with its filters and search over notes.

use super::*;
use crate::store::user_layer::{Anchor, AnnotationQuery, AnnotationRow, UserOp, UserTable};
use history::{EditError, clean_tags, commit, span_in};

/// The colours a highlight can have.
pub const ANNOTATION_COLORS: [&str; 6] = ["yellow", "green", "blue", "pink", "purple", "orange"];

/// A highlight with a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AnnotationView {
    /// Annotation id.
    #[ts(type = "number")]
    pub id: i64,
    /// The article.
    #[ts(type = "number")]
    pub article_id: i64,
    /// Its headline.
    pub title: String,
    /// Start in the article's text (Unicode code points).
    pub start: u32,
    /// End (code points, exclusive).
    pub end: u32,
    /// The highlighted text (as it was when highlighted).
    pub exact: String,
    /// Text just before it.
    pub prefix: String,
    /// Text just after it.
    pub suffix: String,
    /// The note, plain text (shown as text, never markup).
    pub note: String,
    /// One of [`ANNOTATION_COLORS`].
    pub color: String,
    /// Tags, sorted.
    pub tags: Vec<String>,
    /// When it was made (UTC, RFC 3339).
    pub created_at: String,
    /// When it was last changed.
    pub updated_at: String,
    /// The article's text no longer holds the highlighted text where it was:
    /// kept and listed, to be placed again by the user.
    pub needs_anchoring: bool,
}

pub(super) fn annotation_view(
    row: AnnotationRow,
    title: &str,
    text: &str,
    code_points: &CodePoints,
) -> AnnotationView {
    let placed = !row.needs_anchor && row.anchor.holds_in(text);
    let [start, end] = if placed {
        code_points.span(&row.anchor.span)
    } else {
        [0, 0]
    };
    AnnotationView {
        id: row.id,
        article_id: row.article_id,
        title: title.to_owned(),
        start: start as u32,
        end: end as u32,
        exact: row.anchor.exact,
        prefix: row.anchor.prefix,
        suffix: row.anchor.suffix,
        note: row.note,
        color: row.color,
        tags: row.tags,
        created_at: row.created_at,
        updated_at: row.updated_at,
        needs_anchoring: !placed,
    }
}

/// What a new or changed annotation says.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(default)]
pub struct AnnotationInput {
    /// The note (plain text, several lines allowed).
    pub note: String,
    /// Tags.
    pub tags: Vec<String>,
    /// One of [`ANNOTATION_COLORS`]; `yellow` when empty.
    pub color: String,
}

fn checked_input(input: &AnnotationInput) -> Result<AnnotationInput, EditError> {
    if input.note.chars().count() > history::MAX_NOTE_CHARS {
        return Err(EditError::Invalid(format!(
            "the note is longer than {} characters: keep long texts in a file and note where",
            history::MAX_NOTE_CHARS
        )));
    }
    if input
        .note
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(EditError::Invalid(
            "the note holds control characters (only line breaks and tabs are kept)".to_owned(),
        ));
    }
    let color = if input.color.is_empty() {
        ANNOTATION_COLORS[0].to_owned()
    } else if ANNOTATION_COLORS.contains(&input.color.as_str()) {
        input.color.clone()
    } else {
        return Err(EditError::Invalid(format!(
            "unknown colour {:?}: one of {}",
            input.color.chars().take(40).collect::<String>(),
            ANNOTATION_COLORS.join(", ")
        )));
    };
    Ok(AnnotationInput {
        note: input.note.replace("\r\n", "\n"),
        tags: clean_tags(&input.tags)?,
        color,
    })
}

fn article_text(
    library: &Library,
    article_id: i64,
) -> Result<crate::store::StoredArticle, EditError> {
    library
        .get_article(article_id)?
        .ok_or_else(|| EditError::NotFound(format!("no article #{article_id} in the library")))
}

/// Highlights `[start, end)` (code points) of an article with a note, tags and a colour.
pub fn add_annotation(
    library: &mut Library,
    article_id: i64,
    start: u32,
    end: u32,
    input: &AnnotationInput,
) -> Result<AnnotationView, EditError> {
    let article = article_text(library, article_id)?;
    let span = span_in(&article.text, start, end)?;
    let input = checked_input(input)?;
    let now = now_utc();
    let row = AnnotationRow {
        id: library.next_user_id(UserTable::Annotations)?,
        article_id,
        anchor: Anchor::new(&article.text, span),
        note: input.note,
        color: input.color,
        tags: input.tags,
        created_at: now.clone(),
        updated_at: now,
        needs_anchor: false,
    };
    let id = row.id;
    commit(
        library,
        "add a note",
        vec![UserOp::PutAnnotation(row)],
        vec![UserOp::DeleteAnnotation(id)],
    )?;
    annotation(library, id)
}

/// One annotation.
pub fn annotation(library: &Library, id: i64) -> Result<AnnotationView, EditError> {
    let row = library
        .annotation(id)?
        .ok_or_else(|| EditError::NotFound(format!("no annotation #{id}")))?;
    let article = article_text(library, row.article_id)?;
    Ok(annotation_view(
        row,
        &article.title,
        &article.text,
        &CodePoints::new(&article.text),
    ))
}

/// Changes an annotation's note, tags and colour.
pub fn update_annotation(
    library: &mut Library,
    id: i64,
    input: &AnnotationInput,
) -> Result<AnnotationView, EditError> {
    let before = library
        .annotation(id)?
        .ok_or_else(|| EditError::NotFound(format!("no annotation #{id}")))?;
    let input = checked_input(input)?;
    let after = AnnotationRow {
        note: input.note,
        color: input.color,
        tags: input.tags,
        updated_at: now_utc(),
        ..before.clone()
    };
    commit(
        library,
        "change a note",
        vec![UserOp::PutAnnotation(after)],
        vec![UserOp::PutAnnotation(before)],
    )?;
    annotation(library, id)
}

/// Deletes an annotation (undo brings it back).
pub fn delete_annotation(library: &mut Library, id: i64) -> Result<(), EditError> {
    let before = library
        .annotation(id)?
        .ok_or_else(|| EditError::NotFound(format!("no annotation #{id}")))?;
    commit(
        library,
        "delete a note",
        vec![UserOp::DeleteAnnotation(id)],
        vec![UserOp::PutAnnotation(before)],
    )
}

/// Which annotations the Annotations view lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(default)]
pub struct AnnotationFilter {
    /// Carrying this tag.
    pub tag: Option<String>,
    /// On this article.
    #[ts(type = "number | null")]
    pub article: Option<i64>,
    /// Made on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Made on or before this day.
    pub to: Option<String>,
    /// Words of the note or the highlighted text, as the user types them.
    pub search: Option<String>,
}

/// The Annotations view: what a filter keeps, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AnnotationList {
    /// At most `limit` annotations.
    pub annotations: Vec<AnnotationView>,
    /// Annotations in the whole library.
    #[ts(type = "number")]
    pub total: u64,
}

/// Annotations across the library that a filter keeps, newest first, at most `limit`.
pub fn list_annotations(
    library: &Library,
    filter: &AnnotationFilter,
    limit: u32,
) -> Result<AnnotationList, StoreError> {
    let fts = match filter.search.as_deref() {
        Some(input) => match search::fts_query(input) {
            Some((query, _)) => Some(query),
            // Typed, but no word in it: nothing matches.
            None if !input.trim().is_empty() => Some("\"\u{1}\"".to_owned()),
            None => None,
        },
        None => None,
    };
    let rows = library.list_annotations(&AnnotationQuery {
        tag: filter.tag.clone(),
        article: filter.article,
        from: filter.from.clone(),
        to: filter.to.clone(),
        fts,
        limit: limit.clamp(1, 100_000),
    })?;
    // Offsets need each article's text; an article is read once however many notes it has.
    let mut texts: std::collections::HashMap<i64, (String, CodePoints)> = Default::default();
    let mut annotations = Vec::with_capacity(rows.len());
    for row in rows {
        let article_id = row.annotation.article_id;
        let (text, code_points) = match texts.entry(article_id) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => {
                let text = library
                    .get_article(article_id)?
                    .map(|a| a.text)
                    .unwrap_or_default();
                let code_points = CodePoints::new(&text);
                entry.insert((text, code_points))
            }
        };
        annotations.push(annotation_view(
            row.annotation,
            &row.title,
            text,
            code_points,
        ));
    }
    Ok(AnnotationList {
        annotations,
        total: library.count_annotations()?,
    })
}

/// A tag and how often the library uses it (articles and annotations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TagCount {
    /// The tag.
    pub tag: String,
    /// Articles and annotations carrying it.
    pub count: u32,
}

/// Every tag of the library, most used first (for typeahead and the tag filter).
pub fn library_tags(library: &Library) -> Result<Vec<TagCount>, StoreError> {
    Ok(library
        .tag_counts()?
        .into_iter()
        .map(|(tag, count)| TagCount { tag, count })
        .collect())
}

/// Sets an article's tags (the whole set).
pub fn set_article_tags(
    library: &mut Library,
    article_id: i64,
    tags: &[String],
) -> Result<Vec<String>, EditError> {
    article_text(library, article_id)?;
    let tags = clean_tags(tags)?;
    let before = library.article_tags(article_id)?;
    commit(
        library,
        "tag an article",
        vec![UserOp::SetArticleTags {
            article_id,
            tags: tags.clone(),
        }],
        vec![UserOp::SetArticleTags {
            article_id,
            tags: before,
        }],
    )?;
    Ok(tags)
}

/// Marks an article reviewed, or not.
pub fn set_reviewed(
    library: &mut Library,
    article_id: i64,
    reviewed: bool,
) -> Result<(), EditError> {
    article_text(library, article_id)?;
    let before = library.reviewed_at(article_id)?;
    let after = if reviewed {
        Some(before.clone().unwrap_or_else(now_utc))
    } else {
        None
    };
    commit(
        library,
        if reviewed {
            "mark reviewed"
        } else {
            "mark not reviewed"
        },
        vec![UserOp::SetReviewed {
            article_id,
            at: after,
        }],
        vec![UserOp::SetReviewed {
            article_id,
            at: before,
        }],
    )
}

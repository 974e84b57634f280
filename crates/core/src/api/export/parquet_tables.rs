//! Parquet tables for DuckDB, pandas and Spark: a folder with one file per
//! table — quotes, articles, speakers, annotations, entities, relations and
//! the evidence sentences of the relations — written through the same read
//! model as every other format (the user's layer applied).
//!
//! Rows are buffered and written in row groups of [`ROW_GROUP`] rows, so
//! memory stays bounded on a library of any size; Snappy compression, as
//! Spark writes. Lists (tags, notes, aliases) are joined into one string, as
//! in the workbook: the derived writer has no list columns.

use super::graph::Graph;
use super::selection::{Selection, SpeakerTotals};
use super::*;
use ::parquet::basic::Compression;
use ::parquet::file::properties::WriterProperties;
use ::parquet::file::writer::SerializedFileWriter;
use ::parquet::record::RecordWriter;
use parquet_derive::ParquetRecordWriter;
use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::sync::Arc;

/// Rows per row group: large enough for columnar reads, small enough to buffer.
const ROW_GROUP: usize = 20_000;

/// The tables, as files of the folder.
pub const PARQUET_TABLES: [&str; 7] = [
    "quotes.parquet",
    "articles.parquet",
    "speakers.parquet",
    "annotations.parquet",
    "entities.parquet",
    "relations.parquet",
    "evidence.parquet",
];

#[derive(ParquetRecordWriter)]
struct QuoteRow {
    article_id: i64,
    /// The id `quotemap quote` takes.
    quote_id: String,
    status: String,
    kind: String,
    text: String,
    start: i64,
    end: i64,
    speaker: Option<String>,
    speaker_as_written: Option<String>,
    speaker_kind: Option<String>,
    role: Option<String>,
    affiliation: Option<String>,
    cue: Option<String>,
    mention: Option<String>,
    sentence: String,
    confidence: f64,
    said_on: Option<String>,
    nested: bool,
    /// The user's notes on it, separated by blank lines.
    notes: String,
    /// Tags, separated by "; ".
    tags: String,
}

#[derive(ParquetRecordWriter)]
struct ArticleRow {
    article_id: i64,
    title: String,
    outlet: Option<String>,
    author: Option<String>,
    published_local: Option<String>,
    published_utc: Option<String>,
    published_zone: Option<String>,
    source: Option<String>,
    quotes: i64,
    annotations: i64,
    tags: String,
    reviewed: bool,
}

#[derive(ParquetRecordWriter)]
struct SpeakerRow {
    speaker: String,
    kind: String,
    role: Option<String>,
    affiliation: Option<String>,
    quotes: i64,
    articles: i64,
    first: Option<String>,
    last: Option<String>,
}

#[derive(ParquetRecordWriter)]
struct AnnotationRow {
    annotation_id: i64,
    article_id: i64,
    start: i64,
    end: i64,
    highlighted: String,
    note: String,
    tags: String,
    color: String,
    created_at: String,
    updated_at: String,
    needs_anchoring: bool,
}

#[derive(ParquetRecordWriter)]
struct EntityRow {
    entity_id: i64,
    kind: String,
    name: String,
    mentions: i64,
    articles: i64,
    first: Option<String>,
    last: Option<String>,
    /// Other names it was seen under, separated by "; ".
    aliases: String,
}

#[derive(ParquetRecordWriter)]
struct RelationRow {
    relation_id: i64,
    kind: String,
    from_id: i64,
    from_name: String,
    to_id: i64,
    to_name: String,
    stance: String,
    mutual: bool,
    /// Evidence sentences behind it.
    weight: i64,
    first: Option<String>,
    last: Option<String>,
}

#[derive(ParquetRecordWriter)]
struct EvidenceRow {
    relation_id: i64,
    article_id: i64,
    title: String,
    published: Option<String>,
    sentence: String,
    stance: String,
    start: i64,
    end: i64,
}

impl From<::parquet::errors::ParquetError> for ExportError {
    fn from(error: ::parquet::errors::ParquetError) -> Self {
        match error {
            ::parquet::errors::ParquetError::External(inner) => {
                match inner.downcast::<std::io::Error>() {
                    Ok(io) => ExportError::Write(*io),
                    Err(other) => ExportError::Table(other.to_string()),
                }
            }
            other => ExportError::Table(other.to_string()),
        }
    }
}

/// One table being written: rows buffered up to a row group.
struct Table<T> {
    writer: SerializedFileWriter<BufWriter<File>>,
    rows: Vec<T>,
}

impl<T> Table<T>
where
    for<'a> &'a [T]: RecordWriter<T>,
{
    fn create(folder: &Path, name: &str) -> Result<Table<T>, ExportError> {
        let file = File::create(folder.join(name))?;
        let empty: &[T] = &[];
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("Quotemap {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer =
            SerializedFileWriter::new(BufWriter::new(file), empty.schema()?, Arc::new(properties))?;
        Ok(Table {
            writer,
            rows: Vec::new(),
        })
    }

    fn push(&mut self, row: T) -> Result<(), ExportError> {
        self.rows.push(row);
        if self.rows.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ExportError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        self.rows.as_slice().write_to_row_group(&mut group)?;
        group.close()?;
        self.rows.clear();
        Ok(())
    }

    /// Writes what is buffered and the footer, and puts the file on disk.
    fn finish(mut self) -> Result<(), ExportError> {
        self.flush()?;
        let file = self.writer.into_inner()?;
        file.into_inner()
            .map_err(|error| error.into_error())?
            .sync_all()?;
        Ok(())
    }
}

fn count(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

/// Writes every table of the selection into `folder` (which exists and is empty).
pub(super) fn write(selection: &mut Selection<'_>, folder: &Path) -> Result<(), ExportError> {
    let mut quotes = Table::<QuoteRow>::create(folder, PARQUET_TABLES[0])?;
    let mut articles = Table::<ArticleRow>::create(folder, PARQUET_TABLES[1])?;
    let mut annotations = Table::<AnnotationRow>::create(folder, PARQUET_TABLES[3])?;
    let mut speakers = SpeakerTotals::default();
    selection.for_each(|article| {
        let view = &article.view;
        for quote in &article.quotes {
            speakers.add(article, quote);
            quotes.push(QuoteRow {
                article_id: view.id,
                quote_id: quote.id.clone(),
                status: quote.status.clone(),
                kind: quote.kind.clone(),
                text: quote.text.clone(),
                start: i64::from(quote.start),
                end: i64::from(quote.end),
                speaker: quote.speaker.clone(),
                speaker_as_written: quote.speaker_as_written.clone(),
                speaker_kind: quote.speaker_kind.clone(),
                role: quote.role.clone(),
                affiliation: quote.affiliation.clone(),
                cue: quote.cue.clone(),
                mention: quote.mention.clone(),
                sentence: quote.sentence.clone(),
                confidence: quote.confidence,
                said_on: quote.said_on.clone(),
                nested: quote.nested,
                notes: quote.notes.join("\n\n"),
                tags: quote.tags.join("; "),
            })?;
        }
        articles.push(ArticleRow {
            article_id: view.id,
            title: view.title.clone(),
            outlet: view.outlet.clone(),
            author: view.author.clone(),
            published_local: view.published_local.clone(),
            published_utc: view.published_utc.clone(),
            published_zone: view.published_zone.clone(),
            source: view.source_path.clone(),
            quotes: count(article.quotes.len()),
            annotations: count(view.annotations.len()),
            tags: view.tags.join("; "),
            reviewed: view.reviewed,
        })?;
        for annotation in &view.annotations {
            annotations.push(AnnotationRow {
                annotation_id: annotation.id,
                article_id: view.id,
                start: i64::from(annotation.start),
                end: i64::from(annotation.end),
                highlighted: annotation.exact.clone(),
                note: annotation.note.clone(),
                tags: annotation.tags.join("; "),
                color: annotation.color.clone(),
                created_at: annotation.created_at.clone(),
                updated_at: annotation.updated_at.clone(),
                needs_anchoring: annotation.needs_anchoring,
            })?;
        }
        Ok(())
    })?;
    quotes.finish()?;
    articles.finish()?;
    annotations.finish()?;

    let mut speaker_table = Table::<SpeakerRow>::create(folder, PARQUET_TABLES[2])?;
    for (name, totals) in speakers.most_quoted_first() {
        speaker_table.push(SpeakerRow {
            speaker: name,
            kind: totals.kind,
            role: totals.role,
            affiliation: totals.affiliation,
            quotes: count(totals.quotes),
            articles: count(totals.articles),
            first: totals.first,
            last: totals.last,
        })?;
    }
    speaker_table.finish()?;

    let graph = Graph::read(selection)?;
    let mut entities = Table::<EntityRow>::create(folder, PARQUET_TABLES[4])?;
    for node in &graph.nodes {
        entities.push(EntityRow {
            entity_id: node.id,
            kind: node.kind.clone(),
            name: node.name.clone(),
            mentions: i64::from(node.mentions),
            articles: i64::from(node.articles),
            first: node.first.clone(),
            last: node.last.clone(),
            aliases: node
                .aliases
                .iter()
                .map(|alias| alias.name.as_str())
                .filter(|alias| *alias != node.name)
                .collect::<Vec<_>>()
                .join("; "),
        })?;
    }
    entities.finish()?;
    let names: HashMap<i64, &str> = graph
        .nodes
        .iter()
        .map(|node| (node.id, node.name.as_str()))
        .collect();
    let mut relations = Table::<RelationRow>::create(folder, PARQUET_TABLES[5])?;
    let mut evidence = Table::<EvidenceRow>::create(folder, PARQUET_TABLES[6])?;
    graph.each_edge(|number, edge| {
        let relation_id = count(number) + 1;
        relations.push(RelationRow {
            relation_id,
            kind: edge.kind.clone(),
            from_id: edge.from,
            from_name: names.get(&edge.from).copied().unwrap_or("").to_owned(),
            to_id: edge.to,
            to_name: names.get(&edge.to).copied().unwrap_or("").to_owned(),
            stance: edge.stance.clone(),
            mutual: edge.mutual,
            weight: i64::from(edge.weight),
            first: edge.first.clone(),
            last: edge.last.clone(),
        })?;
        for sentence in &edge.evidence {
            evidence.push(EvidenceRow {
                relation_id,
                article_id: sentence.article,
                title: sentence.title.clone(),
                published: sentence.published.clone(),
                sentence: sentence.sentence.clone(),
                stance: sentence.stance.clone(),
                start: count(sentence.start),
                end: count(sentence.end),
            })?;
        }
        Ok(())
    })?;
    relations.finish()?;
    evidence.finish()?;
    Ok(())
}

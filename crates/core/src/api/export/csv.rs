//! Quotations as CSV: UTF-8 with a byte-order mark (so spreadsheet programs
//! read the accents), RFC 4180 quoting (the `csv` crate), one row per
//! quotation; text cells that would start a formula are written as text.

use super::selection::{ExportQuote, Selection};
use super::text::spreadsheet_safe;
use super::*;

/// The columns of a quotation row, shared with the workbook's quotes sheet.
pub(super) const QUOTE_COLUMNS: [&str; 20] = [
    "article_id",
    "title",
    "outlet",
    "published",
    "source",
    "speaker",
    "speaker_as_written",
    "role",
    "affiliation",
    "speaker_kind",
    "kind",
    "cue",
    "quote",
    "sentence",
    "confidence",
    "status",
    "said_on",
    "note",
    "tags",
    "quote_id",
];

/// A quotation row's cells as text, in [`QUOTE_COLUMNS`] order (the workbook
/// writes the article id and the confidence as numbers, the days as dates).
pub(super) fn quote_cells(view: &ArticleView, quote: &ExportQuote) -> [String; 20] {
    let text = |value: Option<&String>| value.cloned().unwrap_or_default();
    [
        view.id.to_string(),
        view.title.clone(),
        text(view.outlet.as_ref()),
        text(view.published_local.as_ref()),
        text(view.source_path.as_ref()),
        text(quote.speaker.as_ref()),
        text(quote.speaker_as_written.as_ref()),
        text(quote.role.as_ref()),
        text(quote.affiliation.as_ref()),
        text(quote.speaker_kind.as_ref()),
        quote.kind.clone(),
        text(quote.cue.as_ref()),
        quote.text.clone(),
        quote.sentence.clone(),
        format!("{:.2}", quote.confidence),
        quote.status.clone(),
        text(quote.said_on.as_ref()),
        quote.notes.join("\n\n"),
        quote.tags.join("; "),
        quote.id.clone(),
    ]
}

pub(super) fn write(selection: &mut Selection<'_>, out: impl Write) -> Result<(), ExportError> {
    let mut out = out;
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    let csv_error = |error: ::csv::Error| match error.into_kind() {
        ::csv::ErrorKind::Io(io) => ExportError::Write(io),
        other => ExportError::Write(std::io::Error::other(format!("{other:?}"))),
    };
    writer.write_record(QUOTE_COLUMNS).map_err(csv_error)?;
    selection.for_each(|article| {
        for quote in &article.quotes {
            let cells = quote_cells(&article.view, quote);
            writer
                .write_record(cells.iter().map(|cell| spreadsheet_safe(cell).into_owned()))
                .map_err(csv_error)?;
        }
        Ok(())
    })?;
    writer.flush()?;
    Ok(())
}

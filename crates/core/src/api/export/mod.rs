//! Exports: the findings of a selection (the filtered library, one article,
//! or all of it) in the formats other tools read — CSV and XLSX for the
//! desk, JSON (with a committed JSON Schema) for the data team, GEXF and
//! GraphML for network tools, a Markdown or HTML report for the editor, W3C
//! Web Annotations for annotation tools.
//!
//! Every format reads the selection through the reader's read model
//! ([`get_article`]: the user's corrections applied, rejected quotations
//! gone, annotations and tags included) one article at a time, so memory
//! does not grow with the library (the graph formats and the report, which
//! must see the whole selection before writing, hold only what they print).
//! [`export_to_file`] writes to a temporary file beside the target and
//! renames it when complete: a failed or cancelled export leaves no half
//! file.

mod csv;
mod graph;
mod json;
mod report;
mod selection;
mod text;
mod web_annotation;
mod xlsx;

use super::*;
use std::io::Write;

/// The formats findings leave in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Quotations, one row each (UTF-8 with BOM, RFC 4180).
    Csv,
    /// A workbook: quotes, speakers, articles, annotations, relations.
    Xlsx,
    /// Everything, as the committed JSON Schema describes it.
    Json,
    /// The relations map for Gephi.
    Gexf,
    /// The relations map, typed keys (networkx, yEd, Cytoscape).
    Graphml,
    /// A findings report in Markdown.
    Markdown,
    /// A findings report as one standalone HTML file.
    Html,
    /// W3C Web Annotation (JSON-LD): the user's annotations and the quotations.
    Annotations,
}

impl ExportFormat {
    /// Every format, in the order the Export dialog lists them.
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Csv,
        ExportFormat::Xlsx,
        ExportFormat::Json,
        ExportFormat::Gexf,
        ExportFormat::Graphml,
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Annotations,
    ];

    /// The name the CLI takes (`--format csv`).
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Json => "json",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Graphml => "graphml",
            ExportFormat::Markdown => "markdown",
            ExportFormat::Html => "html",
            ExportFormat::Annotations => "annotations",
        }
    }

    /// The format a CLI name stands for.
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Annotations => "jsonld",
            other => other.name(),
        }
    }

    /// What a save dialog calls it.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Csv => "Quotes as CSV",
            ExportFormat::Xlsx => "Excel workbook",
            ExportFormat::Json => "JSON",
            ExportFormat::Gexf => "GEXF (Gephi)",
            ExportFormat::Graphml => "GraphML",
            ExportFormat::Markdown => "Report (Markdown)",
            ExportFormat::Html => "Report (HTML)",
            ExportFormat::Annotations => "Web Annotations (JSON-LD)",
        }
    }
}

/// How a report groups its quotations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportGrouping {
    /// One section per speaker, most quoted first.
    #[default]
    Speaker,
    /// One section per tag (of the article or of a note on the quotation).
    Tag,
}

/// What to export: the articles the filter keeps, or one article of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(default)]
pub struct ExportScope {
    /// The library filter (an empty filter: the whole library). The speaker
    /// and kind filters also choose the quotations exported.
    pub filter: ArticleFilter,
    /// Only this article.
    #[ts(type = "number | null")]
    pub article: Option<i64>,
    /// How a report groups its quotations.
    pub group_by: ReportGrouping,
}

/// How much an export will hold, for the dialog's preview and the CLI's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
pub struct ExportCounts {
    /// Articles.
    #[ts(type = "number")]
    pub articles: u64,
    /// Quotations.
    #[ts(type = "number")]
    pub quotes: u64,
    /// The user's annotations.
    #[ts(type = "number")]
    pub annotations: u64,
}

/// Progress of a running export, `done` of `total` articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ExportProgress {
    /// Articles written.
    #[ts(type = "number")]
    pub done: u64,
    /// Articles to write.
    #[ts(type = "number")]
    pub total: u64,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the library failed.
    #[error("{0}")]
    Library(#[from] StoreError),
    /// Writing failed (disk full, no permission…).
    #[error("cannot write: {0}")]
    Write(#[from] std::io::Error),
    /// The output file exists and overwriting was not asked for.
    #[error("{0} exists; choose another name or overwrite it (--force)")]
    Exists(PathBuf),
    /// The folder of the output file is missing or cannot be written.
    #[error("cannot write in {folder}: {reason}")]
    Folder {
        /// The folder.
        folder: PathBuf,
        /// Why.
        reason: String,
    },
    /// The user cancelled it; nothing was written.
    #[error("export cancelled")]
    Cancelled,
    /// The spreadsheet writer failed.
    #[error("cannot write the workbook: {0}")]
    Workbook(String),
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(error: rust_xlsxwriter::XlsxError) -> Self {
        match error {
            rust_xlsxwriter::XlsxError::IoError(io) => ExportError::Write(io),
            other => ExportError::Workbook(other.to_string()),
        }
    }
}

impl From<serde_json::Error> for ExportError {
    fn from(error: serde_json::Error) -> Self {
        ExportError::Write(error.into())
    }
}

/// What was exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
pub struct ExportSummary {
    /// Articles written.
    #[ts(type = "number")]
    pub articles: u64,
    /// Quotations written.
    #[ts(type = "number")]
    pub quotes: u64,
    /// Annotations written.
    #[ts(type = "number")]
    pub annotations: u64,
    /// Entities written (graph formats and JSON).
    #[ts(type = "number")]
    pub entities: u64,
    /// Relations written (graph formats, JSON and XLSX).
    #[ts(type = "number")]
    pub relations: u64,
}

/// The counts an export of `scope` would hold.
pub fn export_counts(library: &Library, scope: &ExportScope) -> Result<ExportCounts, StoreError> {
    let counts = library.selection_counts(&scope.filter, scope.article)?;
    Ok(ExportCounts {
        articles: counts.articles,
        quotes: counts.quotes,
        annotations: counts.annotations,
    })
}

/// Writes the selection in a format. `progress` hears after each article
/// and cancels the export by returning `false`.
pub fn export<W: Write + Send>(
    library: &Library,
    format: ExportFormat,
    scope: &ExportScope,
    out: W,
    progress: &mut dyn FnMut(ExportProgress) -> bool,
) -> Result<ExportSummary, ExportError> {
    let mut selection = selection::Selection::new(library, scope, progress)?;
    match format {
        ExportFormat::Csv => csv::write(&mut selection, out),
        ExportFormat::Xlsx => xlsx::write(&mut selection, out),
        ExportFormat::Json => json::write(&mut selection, out),
        ExportFormat::Gexf => graph::write_gexf(&mut selection, out),
        ExportFormat::Graphml => graph::write_graphml(&mut selection, out),
        ExportFormat::Markdown => report::write_markdown(&mut selection, out),
        ExportFormat::Html => report::write_html(&mut selection, out),
        ExportFormat::Annotations => web_annotation::write(&mut selection, out),
    }?;
    Ok(selection.summary())
}

/// A temporary file beside `path`, for writing it whole or not at all.
fn temporary_beside(path: &Path) -> Result<tempfile::NamedTempFile, ExportError> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder_error = |reason: String| ExportError::Folder {
        folder: folder.to_owned(),
        reason,
    };
    if !folder.is_dir() {
        return Err(folder_error("no such folder".into()));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".quotemap-export-");
    // As any new file (the umask applies), not the private mode of a temporary file.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder
        .tempfile_in(folder)
        .map_err(|error| folder_error(error.to_string()))
}

/// Writes `bytes` to `path` whole or not at all (a temporary file renamed
/// over it): for what the window renders itself, the map as PNG or SVG.
pub fn save_whole_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let mut file = temporary_beside(path)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// Writes the selection to `path`: into a temporary file in the same folder,
/// renamed over `path` when complete. An existing `path` is refused unless
/// `overwrite`.
pub fn export_to_file(
    library: &Library,
    format: ExportFormat,
    scope: &ExportScope,
    path: &Path,
    overwrite: bool,
    progress: &mut dyn FnMut(ExportProgress) -> bool,
) -> Result<ExportSummary, ExportError> {
    if !overwrite && path.exists() {
        return Err(ExportError::Exists(path.to_owned()));
    }
    let mut file = temporary_beside(path)?;
    let summary = {
        let mut writer = std::io::BufWriter::new(file.as_file_mut());
        let summary = export(library, format, scope, &mut writer, progress)?;
        writer.flush()?;
        summary
    };
    // On disk before the rename, so a crash cannot leave an empty file under the name.
    file.as_file().sync_all()?;
    if !overwrite && path.exists() {
        return Err(ExportError::Exists(path.to_owned()));
    }
    file.persist(path).map_err(|error| error.error)?;
    Ok(summary)
}

#[cfg(test)]
mod tests;

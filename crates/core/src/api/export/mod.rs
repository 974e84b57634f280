//! Exports: the findings of a selection (the filtered library, one article,
//! or all of it) in the formats other tools read — CSV and XLSX for the
//! desk, JSON (with a committed JSON Schema) for the data team, GEXF and
//! GraphML for network tools, a Markdown or HTML report for the editor, W3C
//! Web Annotations for annotation tools, Parquet tables (a folder) for
//! DuckDB, pandas and Spark.
//!
//! Every format reads the selection through the reader's read model
//! ([`get_article`]: the user's corrections applied, rejected quotations
//! gone, annotations and tags included) one article at a time, so memory
//! does not grow with the library (the graph formats and the report, which
//! must see the whole selection before writing, hold only what they print).
//! [`export_to_file`] writes to a temporary file beside the target and
//! renames it when complete: a failed or cancelled export leaves no half
//! file (the Parquet folder likewise: written beside, renamed into place).

mod csv;
mod graph;
mod json;
mod parquet_tables;
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
    /// A folder of Parquet tables: quotes, articles, speakers, annotations,
    /// entities, relations and their evidence.
    Parquet,
}

impl ExportFormat {
    /// Every format, in the order the Export dialog lists them.
    pub const ALL: [ExportFormat; 9] = [
        ExportFormat::Csv,
        ExportFormat::Xlsx,
        ExportFormat::Json,
        ExportFormat::Gexf,
        ExportFormat::Graphml,
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Annotations,
        ExportFormat::Parquet,
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
            ExportFormat::Parquet => "parquet",
        }
    }

    /// Written as a folder of files rather than one file.
    pub fn writes_a_folder(self) -> bool {
        self == ExportFormat::Parquet
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
            ExportFormat::Parquet => "Parquet tables (a folder)",
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
    /// The Parquet writer failed.
    #[error("cannot write the Parquet tables: {0}")]
    Table(String),
    /// A format written as a folder was asked for as one stream.
    #[error("{0} is written as a folder of files: name a folder, not standard output")]
    NeedsFolder(&'static str),
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
        ExportFormat::Parquet => return Err(ExportError::NeedsFolder(format.name())),
    }?;
    Ok(selection.summary())
}

/// The folder `path` will be written in (its parent; the working folder for a
/// bare name), checked to exist.
fn folder_of(path: &Path) -> Result<&Path, ExportError> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(folder_error(folder, "no such folder".into()));
    }
    Ok(folder)
}

fn folder_error(folder: &Path, reason: String) -> ExportError {
    ExportError::Folder {
        folder: folder.to_owned(),
        reason,
    }
}

/// A builder of temporary files or folders named as ours, made with `mode`
/// (the umask applies), not the private mode of a temporary one.
#[cfg_attr(not(unix), allow(unused_variables))]
fn temporary_builder(mode: u32) -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".quotemap-export-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(mode));
    builder
}

/// A temporary file beside `path`, for writing it whole or not at all.
fn temporary_beside(path: &Path) -> Result<tempfile::NamedTempFile, ExportError> {
    let folder = folder_of(path)?;
    temporary_builder(0o666)
        .tempfile_in(folder)
        .map_err(|error| folder_error(folder, error.to_string()))
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
    if format.writes_a_folder() {
        return export_to_folder(library, scope, path, overwrite, progress);
    }
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

/// The Parquet tables of the selection into the folder `path`: written into a
/// new folder beside it and renamed into place when complete. An existing
/// `path` is replaced only when `overwrite` and only if it holds nothing but
/// Quotemap's tables (a folder of other files is never deleted).
fn export_to_folder(
    library: &Library,
    scope: &ExportScope,
    path: &Path,
    overwrite: bool,
    progress: &mut dyn FnMut(ExportProgress) -> bool,
) -> Result<ExportSummary, ExportError> {
    let replacing = path.exists();
    if replacing {
        if !overwrite {
            return Err(ExportError::Exists(path.to_owned()));
        }
        ensure_only_tables(path)?;
    }
    let folder = folder_of(path)?;
    let written = temporary_builder(0o777)
        .tempdir_in(folder)
        .map_err(|error| folder_error(folder, error.to_string()))?;
    let mut selection = selection::Selection::new(library, scope, progress)?;
    parquet_tables::write(&mut selection, written.path())?;
    if replacing {
        // The old tables move aside first, so a failure leaves one whole set under the name.
        let old = tempfile::Builder::new()
            .prefix(".quotemap-replaced-")
            .tempdir_in(folder)
            .map_err(|error| folder_error(folder, error.to_string()))?;
        let aside = old.path().join("tables");
        std::fs::rename(path, &aside)?;
        if let Err(error) = std::fs::rename(written.path(), path) {
            std::fs::rename(&aside, path)?;
            return Err(error.into());
        }
        let _ = written.keep();
    } else {
        std::fs::rename(written.path(), path)?;
        let _ = written.keep();
    }
    Ok(selection.summary())
}

/// Refuses to replace `path` unless it is a folder of Quotemap's tables only.
fn ensure_only_tables(path: &Path) -> Result<(), ExportError> {
    let not_ours = |reason: &str| ExportError::Folder {
        folder: path.to_owned(),
        reason: format!("{reason}; choose another name"),
    };
    if !path.is_dir() {
        return Err(not_ours("it is a file, not a folder of Parquet tables"));
    }
    for entry in std::fs::read_dir(path)? {
        let name = entry?.file_name();
        if !name
            .to_str()
            .is_some_and(|name| parquet_tables::PARQUET_TABLES.contains(&name))
        {
            return Err(not_ours(&format!(
                "it holds {} besides Quotemap's tables",
                name.to_string_lossy()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;

//! `quotemap export`: the findings of the library, or of the articles the
//! filters keep, in one of the export formats, to a file (written under a
//! temporary name and renamed when complete) or to standard output.

use anyhow::{Result, bail};
use clap::Args;
use quotemap_core::api;
use std::io::Write;
use std::path::PathBuf;

/// The arguments of `quotemap export`.
#[derive(Args)]
pub struct ExportArgs {
    /// csv, xlsx, json, gexf, graphml, markdown, html, annotations (W3C Web Annotation
    /// JSON-LD) or parquet (a folder of tables: quotes, articles, speakers, annotations,
    /// entities, relations, evidence).
    #[arg(long, value_parser = api::ExportFormat::ALL.map(api::ExportFormat::name))]
    format: String,
    /// Only quotations of this speaker (by the name the library shows).
    #[arg(long)]
    speaker: Option<String>,
    /// Only articles naming this entity (its id, as `quotemap entity show` and the map give it).
    #[arg(long)]
    entity: Option<i64>,
    /// Only articles of this outlet.
    #[arg(long)]
    outlet: Option<String>,
    /// Only quotations of this kind: direct, indirect or mixed.
    #[arg(long, value_parser = ["direct", "indirect", "mixed"])]
    kind: Option<String>,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    from: Option<String>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    to: Option<String>,
    /// Only articles tagged so (on the article or one of its notes).
    #[arg(long)]
    tag: Option<String>,
    /// Only articles marked reviewed.
    #[arg(long, conflicts_with = "not_reviewed")]
    reviewed: bool,
    /// Only articles not yet marked reviewed.
    #[arg(long)]
    not_reviewed: bool,
    /// Only this article.
    #[arg(long)]
    article: Option<i64>,
    /// How a report (markdown, html) groups its quotations: speaker or tag.
    #[arg(long, default_value = "speaker", value_parser = ["speaker", "tag"])]
    group_by: String,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    force: bool,
    /// The file to write (the folder, for parquet); `-` for standard output.
    out: PathBuf,
}

/// Said when the filters keep no article.
const NOTHING: &str = "no article matches the filters: the file holds no rows";

fn parse_day(value: &str) -> Result<String, String> {
    let valid = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if valid {
        Ok(value.to_owned())
    } else {
        Err(format!("{value:?} is not a day as YYYY-MM-DD"))
    }
}

/// Runs `quotemap export`.
pub fn export(library: &api::Library, args: ExportArgs) -> Result<()> {
    let Some(format) = api::ExportFormat::from_name(&args.format) else {
        bail!("unknown format {}", args.format);
    };
    let scope = api::ExportScope {
        filter: api::ArticleFilter {
            speaker: args.speaker,
            outlet: args.outlet,
            kind: args.kind,
            from: args.from,
            to: args.to,
            entity: args.entity,
            tag: args.tag,
            reviewed: match (args.reviewed, args.not_reviewed) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
        },
        article: args.article,
        group_by: if args.group_by == "tag" {
            api::ReportGrouping::Tag
        } else {
            api::ReportGrouping::Speaker
        },
    };
    if args.out.as_os_str() == "-" {
        if format == api::ExportFormat::Xlsx && std::io::IsTerminal::is_terminal(&std::io::stdout())
        {
            bail!("a workbook is binary: redirect standard output to a file, or name one");
        }
        let mut out = std::io::BufWriter::new(std::io::stdout());
        let summary = api::export(library, format, &scope, &mut out, &mut |_| true)?;
        out.flush()?;
        if summary.articles == 0 {
            eprintln!("{NOTHING}");
        }
    } else {
        let bar = indicatif::ProgressBar::new(0);
        if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        }
        let summary = api::export_to_file(
            library,
            format,
            &scope,
            &args.out,
            args.force,
            &mut |step| {
                bar.set_length(step.total);
                bar.set_position(step.done);
                true
            },
        );
        bar.finish_and_clear();
        let summary = summary?;
        if summary.articles == 0 {
            eprintln!("{NOTHING}");
        }
        eprintln!(
            "wrote {}: {} articles, {} quotations, {} annotations{}",
            args.out.display(),
            summary.articles,
            summary.quotes,
            summary.annotations,
            if summary.entities + summary.relations > 0 {
                format!(
                    ", {} entities, {} relations",
                    summary.entities, summary.relations
                )
            } else {
                String::new()
            }
        );
    }
    Ok(())
}

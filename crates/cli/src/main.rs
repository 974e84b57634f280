//! `quotemap`: the engine headless. Each subcommand parses its arguments and
//! calls one function of `quotemap_core::api`; nothing here knows the schema.
//!
//! Exit codes: 0 success; 1 a command failed (library cannot be opened,
//! article not found); 2 usage error; 3 an import finished but some files failed.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use quotemap_core::api;
use std::path::PathBuf;
use std::process::ExitCode;

mod export;
mod extract;
mod review;

#[derive(Parser)]
#[command(
    name = "quotemap",
    version,
    about = "Quotemap: quotes, speakers and relations in news articles"
)]
struct Cli {
    /// The library file (default: $QUOTEMAP_LIBRARY, else $XDG_DATA_HOME/quotemap/library.sqlite3).
    #[arg(long, global = true, value_name = "PATH")]
    library: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import article files, and folders of them (recursively), into the library.
    Import {
        /// Files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = api::DEFAULT_MAX_FILE_BYTES)]
        max_file_bytes: u64,
    },
    /// List the articles in the library.
    List {
        /// Print JSON Lines instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Find quotations in JSON Lines `{"id", "text"}` (stdin when no file); one line out per line in.
    Extract {
        /// The JSONL file; standard input when absent.
        file: Option<PathBuf>,
        /// Also list quotations nested inside other quotations (each has its own speaker;
        /// left out by default, as the evaluation data annotates only the outermost).
        #[arg(long)]
        nested: bool,
    },
    /// Main text and metadata of web pages: JSON Lines `{"id", "html", "url"?}` (stdin when no file).
    ParseHtml {
        /// The JSONL file; standard input when absent.
        file: Option<PathBuf>,
    },
    /// Export findings (quotations, speakers, annotations, relations) of the
    /// library or of the articles the filters keep.
    Export(export::ExportArgs),
    /// Print one article, block by block, with its quotations as reviewed.
    Show {
        /// The article id (see `quotemap list`).
        id: i64,
        /// Print JSON: the stored `text` all offsets (code points) refer to, each
        /// quotation with its stable `id` and review `status`, the annotations.
        #[arg(long)]
        json: bool,
        /// The machine's analysis as stored, without the user's corrections.
        #[arg(long)]
        machine: bool,
    },
    /// Highlight a span of an article (code points, as `show --json` gives them) with a note.
    Annotate {
        /// The article id.
        article: i64,
        /// Start (code points into the article's text).
        #[arg(long)]
        start: u32,
        /// End (code points, exclusive).
        #[arg(long)]
        end: u32,
        /// The note.
        #[arg(long)]
        note: Option<String>,
        /// A tag (repeat for several).
        #[arg(long = "tag")]
        tags: Vec<String>,
        /// yellow, green, blue, pink, purple or orange.
        #[arg(long)]
        color: Option<String>,
    },
    /// List or delete annotations.
    #[command(subcommand)]
    Annotations(review::AnnotationsCommand),
    /// Confirm, reject or correct a quotation, or add one.
    #[command(subcommand)]
    Quote(review::QuoteCommand),
    /// Rename, merge or split entities.
    #[command(subcommand)]
    Entity(review::EntityCommand),
    /// Add tags to an article (or remove them with --remove).
    Tag {
        /// The article id.
        article: i64,
        /// The tags.
        #[arg(required = true)]
        tags: Vec<String>,
        /// Remove these tags instead.
        #[arg(long)]
        remove: bool,
    },
    /// Mark an article reviewed (or not, with --not).
    Reviewed {
        /// The article id.
        article: i64,
        /// Mark it not reviewed.
        #[arg(long)]
        not: bool,
    },
    /// Analyse articles again with this engine, keeping every correction and note.
    Reanalyze {
        /// The articles (see `quotemap list`).
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        articles: Vec<i64>,
        /// Every article of the library.
        #[arg(long)]
        all: bool,
    },
}

fn main() -> ExitCode {
    // Started again by ourselves to read one PDF, DOCX or e-mail in isolation.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = api::run_extract_worker_if_asked(&args) {
        return ExitCode::from(code);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("quotemap: {error:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    // `extract` and `parse-html` need no library: they are pure functions of their input.
    match &cli.command {
        Command::Extract { file, nested } => {
            return extract::extract(file.as_deref(), *nested);
        }
        Command::ParseHtml { file } => return extract::parse_html(file.as_deref()),
        _ => {}
    }
    let path = api::resolve_library_path(cli.library, |name| std::env::var(name).ok())
        .context("no library path: pass --library PATH or set QUOTEMAP_LIBRARY or HOME")?;
    let mut library = api::open_library(&path)
        .with_context(|| format!("cannot open the library {}", path.display()))?;
    match cli.command {
        Command::Import {
            files,
            max_file_bytes,
        } => {
            // PDF, DOCX and e-mail are read by this binary started as a worker.
            let options = api::ImportOptions::with_worker_process(max_file_bytes);
            // A progress bar on a terminal; nothing when the output is piped.
            let bar = indicatif::ProgressBar::new(0);
            if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
            }
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let report = api::import_files(
                &mut library,
                &files,
                &options,
                &api::now_utc(),
                &mut |step| {
                    bar.set_length(u64::from(step.total));
                    bar.set_position(u64::from(step.done));
                    bar.set_message(step.current.clone());
                    true
                },
            );
            bar.finish_and_clear();
            for line in report.lines() {
                if line.starts_with("failed") {
                    eprintln!("{line}");
                } else {
                    println!("{line}");
                }
            }
            println!(
                "{} imported, {} already present, {} failed",
                report.added.len(),
                report.duplicates.len(),
                report.failures.len()
            );
            Ok(if report.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(3)
            })
        }
        Command::List { json } => {
            for article in api::list_articles(&library, &api::ArticleFilter::default())? {
                if json {
                    println!("{}", serde_json::to_string(&article)?);
                } else {
                    println!(
                        "{:>6}  {:<25}  {:<20}  {}",
                        article.id,
                        article.published.as_deref().unwrap_or("-"),
                        article.outlet.as_deref().unwrap_or("-"),
                        article.title
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { .. } | Command::ParseHtml { .. } => {
            unreachable!("handled before the library is opened")
        }
        Command::Export(args) => {
            export::export(&library, args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, json, machine } => {
            let article = if machine {
                api::get_article_machine(&library, id)?
            } else {
                api::get_article(&library, id)?
            };
            let Some(article) = article else {
                bail!("no article #{id} in {}", path.display());
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&article)?);
            } else {
                for block in &article.blocks {
                    println!("{}\n", block.text);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Annotate {
            article,
            start,
            end,
            note,
            tags,
            color,
        } => {
            review::annotate(&mut library, article, (start, end), note, tags, color)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Annotations(command) => {
            review::annotations(&mut library, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Quote(command) => {
            review::quote(&mut library, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Entity(command) => {
            review::entity(&mut library, command)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Tag {
            article,
            tags,
            remove,
        } => {
            let current = api::get_article(&library, article)?
                .map(|a| a.tags)
                .unwrap_or_default();
            let wanted: Vec<String> = if remove {
                current.into_iter().filter(|t| !tags.contains(t)).collect()
            } else {
                current.into_iter().chain(tags).collect()
            };
            let now = api::set_article_tags(&mut library, article, &wanted)?;
            println!("article #{article}: tags [{}]", now.join(", "));
            Ok(ExitCode::SUCCESS)
        }
        Command::Reviewed { article, not } => {
            api::set_reviewed(&mut library, article, !not)?;
            println!(
                "article #{article}: {}",
                if not { "not reviewed" } else { "reviewed" }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Reanalyze { articles, all } => {
            let chosen = (!all).then_some(articles.as_slice());
            let n = api::reanalyze(&mut library, chosen)?;
            println!("analysed {n} article(s) again; corrections and notes kept");
            Ok(ExitCode::SUCCESS)
        }
    }
}

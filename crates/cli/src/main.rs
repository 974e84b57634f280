//! `quotemap`: the engine headless. Each subcommand parses its arguments and
//! calls one function of `quotemap_core::api`; nothing here knows the schema.
//!
//! Exit codes: 0 success; 1 a command failed (library cannot be opened,
//! article not found); 2 usage error; 3 an import finished but some files failed.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use quotemap_core::{api, ingest, library_path};
use std::path::PathBuf;
use std::process::ExitCode;

mod extract;

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
        #[arg(long, default_value_t = quotemap_core::ingest::DEFAULT_MAX_FILE_BYTES)]
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
    /// Export the library: `--format gexf` writes the relations map for Gephi.
    Export {
        /// The format: `gexf`.
        #[arg(long, value_parser = ["gexf"])]
        format: String,
        /// The file to write (`-` for standard output).
        out: PathBuf,
    },
    /// Print one article's text, block by block.
    Show {
        /// The article id (see `quotemap list`).
        id: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    // Started again by ourselves to read one PDF, DOCX or e-mail in isolation.
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(ingest::worker::WORKER_FLAG) {
        let code = ingest::worker::run_worker(
            &args[1..],
            std::io::stdin().lock(),
            std::io::stdout().lock(),
        );
        return ExitCode::from(code as u8);
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
    let path = library_path::resolve_library_path(cli.library, |name| std::env::var(name).ok())
        .context("no library path: pass --library PATH or set QUOTEMAP_LIBRARY or HOME")?;
    let mut library = api::open_library(&path)
        .with_context(|| format!("cannot open the library {}", path.display()))?;
    match cli.command {
        Command::Import {
            files,
            max_file_bytes,
        } => {
            let options = api::ImportOptions {
                max_file_bytes,
                // PDF, DOCX and e-mail are read by this binary started as a worker.
                extraction: ingest::worker::WorkerConfig::this_program()
                    .map_or(ingest::Extraction::InProcess, ingest::Extraction::Worker),
            };
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
        Command::Export { format, out } => {
            debug_assert_eq!(format, "gexf");
            let filter = api::ArticleFilter::default();
            if out.as_os_str() == "-" {
                quotemap_core::export::gexf::write_gexf(
                    &library,
                    &filter,
                    std::io::stdout().lock(),
                )?;
            } else {
                // Written beside the target, then renamed: a failed export leaves no half file.
                let folder = out
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(std::path::Path::new("."));
                let mut file = tempfile::NamedTempFile::new_in(folder)
                    .with_context(|| format!("cannot write in {}", folder.display()))?;
                quotemap_core::export::gexf::write_gexf(
                    &library,
                    &filter,
                    std::io::BufWriter::new(file.as_file_mut()),
                )?;
                file.persist(&out)
                    .with_context(|| format!("cannot write {}", out.display()))?;
                eprintln!("wrote {}", out.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            let Some(article) = api::get_article(&library, id)? else {
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
    }
}

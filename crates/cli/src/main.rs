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
mod import;
mod review;
mod shell;

#[derive(Parser)]
#[command(
    name = "quotemap",
    version,
    about = "Quotemap: quotes, speakers and relations in news articles",
    after_help = "Examples, one per subcommand (`quotemap help SUBCOMMAND` for more):
  quotemap import ~/news                         files and folders into the library
  quotemap list --json --sort title              the articles, one JSON line each
  quotemap show 12                               an article's text; --json for offsets and quotations
  quotemap extract < articles.jsonl              quotations of {\"id\",\"text\"} lines, no library
  quotemap analyze < articles.jsonl              quotations, speakers, entities, relations; no library
  quotemap parse-html < pages.jsonl              main text and metadata of {\"id\",\"html\"} lines
  quotemap export --format xlsx findings.xlsx    quotations, speakers, notes and relations
  quotemap annotate 12 --start 40 --end 95 --note \"check the date\" --tag follow-up
  quotemap annotations list                      the notes, newest first
  quotemap quote set-speaker 301 \"Mohammad Javad Zarif\"
  quotemap entity merge 17 4                     entity 17 becomes part of entity 4
  quotemap tag 12 iran sanctions                 tags on an article
  quotemap reviewed 12                           the article is marked reviewed
  quotemap reanalyze --all                       this engine again; corrections and notes kept
  quotemap completions bash                      the shell's completion script
  quotemap man | man -l -                        this manual

The library is the app's ($XDG_DATA_HOME/quotemap/library.sqlite3) unless --library
or QUOTEMAP_LIBRARY names another. Exit codes: 0 success, 1 a command failed,
2 a usage error, 3 an import finished with some files failed."
)]
struct Cli {
    /// The library file (default: $XDG_DATA_HOME/quotemap/library.sqlite3, the one the app opens).
    #[arg(long, global = true, value_name = "PATH", env = "QUOTEMAP_LIBRARY")]
    library: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// The orders of `quotemap list` (the engine's [`api::ArticleOrder`]).
#[derive(Clone, Copy, clap::ValueEnum)]
enum ListOrder {
    /// Latest publication first; undated articles last.
    Newest,
    /// Earliest publication first; undated articles last.
    Oldest,
    /// By title (case and accents ignored, numbers by value).
    Title,
    /// By outlet, then title; articles without an outlet last.
    Outlet,
    /// Most quotations first.
    Quotes,
}

impl From<ListOrder> for api::ArticleOrder {
    fn from(order: ListOrder) -> Self {
        match order {
            ListOrder::Newest => api::ArticleOrder::Newest,
            ListOrder::Oldest => api::ArticleOrder::Oldest,
            ListOrder::Title => api::ArticleOrder::Title,
            ListOrder::Outlet => api::ArticleOrder::Outlet,
            ListOrder::Quotes => api::ArticleOrder::Quotes,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Import article files, and folders of them (recursively), into the library.
    Import(import::ImportArgs),
    /// List the articles in the library.
    List {
        /// Print JSON Lines instead of a table.
        #[arg(long)]
        json: bool,
        /// The order of the list, as the window's Sort menu offers it.
        #[arg(long, value_enum, default_value_t = ListOrder::Newest)]
        sort: ListOrder,
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
    /// Quotations, speakers, entities and relations (with their evidence) of JSON Lines
    /// `{"id", "text", "published"?}` (stdin when no file); one line out per line in.
    Analyze {
        /// The JSONL file; standard input when absent.
        file: Option<PathBuf>,
    },
    /// Main text and metadata of web pages: JSON Lines `{"id", "html", "url"?}` (stdin when no file).
    ParseHtml {
        /// The JSONL file; standard input when absent.
        file: Option<PathBuf>,
    },
    /// Export findings (quotations, speakers, annotations, relations) of the
    /// library or of the articles the filters keep.
    #[command(after_help = "Examples:
  quotemap export --format xlsx findings.xlsx
  quotemap export --format csv --speaker \"Mike Pompeo\" --from 2019-01-01 - > pompeo.csv
  quotemap export --format parquet findings     a folder: findings/quotes.parquet, …
  duckdb -c \"SELECT speaker, count(*) FROM 'findings/quotes.parquet' GROUP BY 1 ORDER BY 2 DESC\"")]
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
    /// Print the completion script for a shell (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Examples:
  quotemap completions bash > ~/.local/share/bash-completion/completions/quotemap
  quotemap completions zsh > ~/.zfunc/_quotemap
  quotemap completions fish > ~/.config/fish/completions/quotemap.fish")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of quotemap or of one of its subcommands.
    #[command(after_help = "Examples:
  quotemap man | man -l -
  quotemap man import > ~/.local/share/man/man1/quotemap-import.1
  quotemap man --dir ~/.local/share/man/man1")]
    Man {
        /// The subcommand (the whole program when absent).
        #[arg(conflicts_with = "dir")]
        subcommand: Option<String>,
        /// Write every page (quotemap.1 and quotemap-SUBCOMMAND.1) into this folder instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
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
        Command::Analyze { file } => return extract::analyze(file.as_deref()),
        Command::Completions { shell } => {
            shell::completions::<Cli>(*shell)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Man { subcommand, dir } => {
            match dir {
                Some(dir) => shell::man_pages_into::<Cli>(dir)?,
                None => shell::man::<Cli>(subcommand.as_deref())?,
            }
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let path = api::resolve_library_path(cli.library, |name| std::env::var(name).ok())
        .context("no library path: pass --library PATH or set QUOTEMAP_LIBRARY or HOME")?;
    let mut library = api::open_library(&path)
        .with_context(|| format!("cannot open the library {}", path.display()))?;
    match cli.command {
        Command::Import(args) => import::import(&mut library, args),
        Command::List { json, sort } => {
            for article in
                api::list_articles(&library, &api::ArticleFilter::default(), sort.into())?
            {
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
        Command::Extract { .. }
        | Command::ParseHtml { .. }
        | Command::Analyze { .. }
        | Command::Completions { .. }
        | Command::Man { .. } => {
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

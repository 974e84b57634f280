//! The analyst's layer from the shell: annotate, correct quotations and
//! entities, tag, mark reviewed, analyse again. The same `api` functions the
//! app calls; offsets are Unicode code points into the `text` that
//! `quotemap show ID --json` prints.

use anyhow::{Result, bail};
use clap::Subcommand;
use quotemap_core::api::{self, Library};

/// `quotemap annotations …`
#[derive(Subcommand)]
pub enum AnnotationsCommand {
    /// List annotations, newest first.
    List {
        /// Only those with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Only those on this article.
        #[arg(long)]
        article: Option<i64>,
        /// Only those whose note or highlighted text holds these words.
        #[arg(long)]
        search: Option<String>,
        /// Print JSON Lines instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Delete an annotation.
    Delete {
        /// The annotation id (see `quotemap annotations list`).
        id: i64,
    },
}

/// `quotemap quote …`: QUOTE is a quotation's `id` in `quotemap show ID --json`.
#[derive(Subcommand)]
pub enum QuoteCommand {
    /// Confirm a quotation as shown (a rejected one comes back).
    Confirm {
        /// The quotation id.
        quote: String,
    },
    /// Reject a quotation: hidden everywhere, also after re-analysis.
    Reject {
        /// The quotation id.
        quote: String,
    },
    /// Give a quotation another speaker.
    SetSpeaker {
        /// The quotation id.
        quote: String,
        /// The speaker's name.
        name: String,
        /// `person`, `organisation` or `anonymous`.
        #[arg(long, default_value = "person")]
        kind: String,
        /// Role ("Foreign Minister").
        #[arg(long)]
        role: Option<String>,
        /// Affiliation ("Russia").
        #[arg(long)]
        affiliation: Option<String>,
    },
    /// Change a quotation's kind.
    SetKind {
        /// The quotation id.
        quote: String,
        /// `direct`, `indirect` or `mixed`.
        kind: String,
    },
    /// Move a quotation's span (code points).
    SetSpan {
        /// The quotation id.
        quote: String,
        /// Start (code points into the article's text).
        #[arg(long)]
        start: u32,
        /// End (code points, exclusive).
        #[arg(long)]
        end: u32,
    },
    /// Add a quotation the engine missed.
    Add {
        /// The article id.
        article: i64,
        /// Start (code points into the article's text).
        #[arg(long)]
        start: u32,
        /// End (code points, exclusive).
        #[arg(long)]
        end: u32,
        /// Who said it.
        #[arg(long)]
        speaker: String,
        /// `direct`, `indirect` or `mixed`.
        #[arg(long, default_value = "direct")]
        kind: String,
    },
}

/// `quotemap entity …`: ids as the map and `quotemap show` give them.
#[derive(Subcommand)]
pub enum EntityCommand {
    /// Give an entity another name.
    Rename {
        /// The entity id.
        id: i64,
        /// Its name from now on.
        name: String,
    },
    /// Merge entity FROM into entity INTO (mentions, quotations and relations follow).
    Merge {
        /// The entity merged away.
        from: i64,
        /// The entity kept.
        into: i64,
    },
    /// Split one of an entity's names back out into an entity of its own.
    Split {
        /// The entity id.
        id: i64,
        /// The name to split out.
        alias: String,
    },
    /// Print an entity's names.
    Show {
        /// The entity id.
        id: i64,
    },
}

/// `quotemap annotate`.
pub fn annotate(
    library: &mut Library,
    article: i64,
    (start, end): (u32, u32),
    note: Option<String>,
    tags: Vec<String>,
    color: Option<String>,
) -> Result<()> {
    let view = api::add_annotation(
        library,
        article,
        start,
        end,
        &api::AnnotationInput {
            note: note.unwrap_or_default(),
            tags,
            color: color.unwrap_or_default(),
        },
    )?;
    println!(
        "annotation #{} on article #{}: {:?}",
        view.id, article, view.exact
    );
    Ok(())
}

/// `quotemap annotations …`.
pub fn annotations(library: &mut Library, command: AnnotationsCommand) -> Result<()> {
    match command {
        AnnotationsCommand::List {
            tag,
            article,
            search,
            json,
        } => {
            let list = api::list_annotations(
                library,
                &api::AnnotationFilter {
                    tag,
                    article,
                    search,
                    ..api::AnnotationFilter::default()
                },
                100_000,
            )?;
            for a in &list.annotations {
                if json {
                    println!("{}", serde_json::to_string(a)?);
                } else {
                    let place = if a.needs_anchoring {
                        "needs re-anchoring".to_owned()
                    } else {
                        format!("{}-{}", a.start, a.end)
                    };
                    println!(
                        "#{:<5} article #{:<5} {place:<12} [{}] {:?}: {}",
                        a.id,
                        a.article_id,
                        a.tags.join(", "),
                        a.exact,
                        a.note.replace('\n', " / ")
                    );
                }
            }
        }
        AnnotationsCommand::Delete { id } => {
            api::delete_annotation(library, id)?;
            println!("deleted annotation #{id}");
        }
    }
    Ok(())
}

/// `quotemap quote …`.
pub fn quote(library: &mut Library, command: QuoteCommand) -> Result<()> {
    let (verb, id) = match command {
        QuoteCommand::Confirm { quote } => ("confirmed", api::confirm_quote(library, &quote)?),
        QuoteCommand::Reject { quote } => ("rejected", api::reject_quote(library, &quote)?),
        QuoteCommand::SetSpeaker {
            quote,
            name,
            kind,
            role,
            affiliation,
        } => (
            "speaker set",
            api::set_quote_speaker(
                library,
                &quote,
                &api::SpeakerInput {
                    name,
                    kind,
                    role,
                    affiliation,
                },
            )?,
        ),
        QuoteCommand::SetKind { quote, kind } => {
            ("kind set", api::set_quote_kind(library, &quote, &kind)?)
        }
        QuoteCommand::SetSpan { quote, start, end } => (
            "span set",
            api::set_quote_span(library, &quote, start, end)?,
        ),
        QuoteCommand::Add {
            article,
            start,
            end,
            speaker,
            kind,
        } => (
            "added",
            api::add_quote(
                library,
                article,
                start,
                end,
                &api::SpeakerInput {
                    name: speaker,
                    ..api::SpeakerInput::default()
                },
                &kind,
            )?,
        ),
    };
    println!("{verb}: quotation {id}");
    Ok(())
}

/// `quotemap entity …`.
pub fn entity(library: &mut Library, command: EntityCommand) -> Result<()> {
    match command {
        EntityCommand::Rename { id, name } => {
            let id = api::rename_entity(library, id, &name)?;
            println!("renamed: entity #{id} is {name}");
        }
        EntityCommand::Merge { from, into } => {
            let id = api::merge_entities(library, from, into)?;
            println!("merged #{from} into #{id}");
        }
        EntityCommand::Split { id, alias } => {
            let new = api::split_entity(library, id, &alias)?;
            println!("split {alias:?} out of #{id}: it is entity #{new}");
        }
        EntityCommand::Show { id } => {
            let view = api::entity_view(library, id)?;
            if view.aliases.is_empty() {
                bail!("no entity #{id} in the library");
            }
            for (alias, detail) in &view.aliases {
                match detail {
                    Some(detail) => println!("{alias} ({detail})"),
                    None => println!("{alias}"),
                }
            }
        }
    }
    Ok(())
}

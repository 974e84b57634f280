//! Correcting the machine: confirm, reject or change a quotation (speaker,
//! kind, span), add one it missed; rename, merge and split entities; analyse
//! again with the current engine, keeping all of it. Each correction is a
//! user version stored apart from the analysis (see `model` for how it
//! applies) and can be undone.

use super::*;
use crate::store::user_layer::{
    Anchor, EntityIdentity, ReviewedQuote, UserOp, UserQuoteRow, UserSpeaker, UserTable,
};
use history::{EditError, clean_name, commit, span_in};

/// The kinds a quotation can have.
pub const QUOTE_KINDS: [&str; 3] = ["direct", "indirect", "mixed"];
/// The kinds a speaker can have.
pub const SPEAKER_KINDS: [&str; 3] = ["person", "organisation", "anonymous"];

/// A quotation found by its stable id, with the user's version of it if any.
struct Found {
    article: crate::store::StoredArticle,
    /// As the reader shows it (absent for a rejected one).
    shown: Option<ReviewedQuote>,
    /// The user's version of it.
    user: Option<UserQuoteRow>,
}

fn find_quote(library: &Library, id: &str) -> Result<Found, EditError> {
    let unknown = || {
        EditError::NotFound(format!(
            "no quotation {id:?} (ids come from `quotemap show --json`)"
        ))
    };
    if let Some(number) = id.strip_prefix('u') {
        let number: i64 = number.parse().map_err(|_| unknown())?;
        let user = library.user_quote(number)?.ok_or_else(unknown)?;
        let article = library.get_article(user.article_id)?.ok_or_else(unknown)?;
        let shown = library
            .reviewed_quotes(article.id)?
            .into_iter()
            .find(|q| q.user_id == Some(number));
        return Ok(Found {
            article,
            shown,
            user: Some(user),
        });
    }
    let (article_id, span) = id.split_once(':').ok_or_else(unknown)?;
    let (start, end) = span.split_once('-').ok_or_else(unknown)?;
    let (Ok(article_id), Ok(start), Ok(end)) = (
        article_id.parse::<i64>(),
        start.parse::<usize>(),
        end.parse::<usize>(),
    ) else {
        return Err(unknown());
    };
    let article = library.get_article(article_id)?.ok_or_else(unknown)?;
    let bytes = (
        extract::byte_offset(&article.text, start),
        extract::byte_offset(&article.text, end),
    );
    let (Some(start), Some(end)) = bytes else {
        return Err(unknown());
    };
    let shown = library
        .reviewed_quotes(article_id)?
        .into_iter()
        .find(|q| q.span == (start..end))
        .ok_or_else(unknown)?;
    let user = match shown.user_id {
        Some(user) => library.user_quote(user)?,
        None => None,
    };
    Ok(Found {
        article,
        shown: Some(shown),
        user,
    })
}

/// The user version that records `found` as it is shown now, with `status`.
fn snapshot(library: &mut Library, found: &Found, status: &str) -> Result<UserQuoteRow, EditError> {
    let now = now_utc();
    if let Some(user) = &found.user {
        return Ok(UserQuoteRow {
            status: status.to_owned(),
            updated_at: now,
            ..user.clone()
        });
    }
    let shown = found
        .shown
        .as_ref()
        .ok_or_else(|| EditError::NotFound("that quotation is not shown".to_owned()))?;
    let (speakers, _) = library.get_analysis(found.article.id)?;
    let machine = shown
        .speaker_id
        .and_then(|sid| speakers.iter().find(|s| s.id == sid));
    Ok(UserQuoteRow {
        id: library.next_user_id(UserTable::Quotes)?,
        article_id: found.article.id,
        status: status.to_owned(),
        anchor: Anchor::new(&found.article.text, shown.span.clone()),
        kind: shown.kind.clone(),
        speaker: shown.speaker_name.as_ref().map(|name| UserSpeaker {
            name: name.clone(),
            kind: shown
                .speaker_kind
                .clone()
                .unwrap_or_else(|| "person".to_owned()),
            role: machine.and_then(|s| s.role.clone()),
            affiliation: machine.and_then(|s| s.affiliation.clone()),
        }),
        created_at: now.clone(),
        updated_at: now,
        needs_anchor: false,
    })
}

/// Stores `after` as the user's version, remembering what was there before.
fn put_version(
    library: &mut Library,
    label: &str,
    found: &Found,
    after: UserQuoteRow,
) -> Result<String, EditError> {
    let id = after.id;
    let backward = match &found.user {
        Some(before) => UserOp::PutQuote(before.clone()),
        None => UserOp::DeleteQuote {
            id,
            article_id: after.article_id,
        },
    };
    commit(
        library,
        label,
        vec![UserOp::PutQuote(after)],
        vec![backward],
    )?;
    Ok(format!("u{id}"))
}

/// Confirms a quotation as the machine (or the user) has it; a rejected one
/// comes back. Returns the quotation's id from now on.
pub fn confirm_quote(library: &mut Library, id: &str) -> Result<String, EditError> {
    let found = find_quote(library, id)?;
    // Confirming a corrected or added quotation keeps what the user made of it.
    let status = match found.user.as_ref().map(|u| u.status.as_str()) {
        Some("corrected") => "corrected",
        Some("added") => "added",
        _ => "confirmed",
    };
    let after = snapshot(library, &found, status)?;
    put_version(library, "confirm a quotation", &found, after)
}

/// Rejects a quotation: it is hidden everywhere, and stays hidden when a newer
/// engine finds it again.
pub fn reject_quote(library: &mut Library, id: &str) -> Result<String, EditError> {
    let found = find_quote(library, id)?;
    let after = snapshot(library, &found, "rejected")?;
    put_version(library, "reject a quotation", &found, after)
}

/// Who said a quotation, as the user names them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(default)]
pub struct SpeakerInput {
    /// The name (one of the library's people and organisations, or a new one).
    pub name: String,
    /// `person`, `organisation` or `anonymous`; `person` when empty.
    pub kind: String,
    /// Role ("Foreign Minister").
    pub role: Option<String>,
    /// Affiliation ("Russia").
    pub affiliation: Option<String>,
}

fn checked_speaker(input: &SpeakerInput) -> Result<UserSpeaker, EditError> {
    let kind = if input.kind.is_empty() {
        "person".to_owned()
    } else if SPEAKER_KINDS.contains(&input.kind.as_str()) {
        input.kind.clone()
    } else {
        return Err(EditError::Invalid(format!(
            "unknown speaker kind {:?}: one of {}",
            input.kind.chars().take(40).collect::<String>(),
            SPEAKER_KINDS.join(", ")
        )));
    };
    let optional = |what: &str, value: &Option<String>| -> Result<Option<String>, EditError> {
        match value.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(value) => clean_name(what, value).map(Some),
        }
    };
    Ok(UserSpeaker {
        name: clean_name("speaker's name", &input.name)?,
        kind,
        role: optional("role", &input.role)?,
        affiliation: optional("affiliation", &input.affiliation)?,
    })
}

fn checked_kind(kind: &str) -> Result<String, EditError> {
    if QUOTE_KINDS.contains(&kind) {
        Ok(kind.to_owned())
    } else {
        Err(EditError::Invalid(format!(
            "unknown quotation kind {:?}: one of {}",
            kind.chars().take(40).collect::<String>(),
            QUOTE_KINDS.join(", ")
        )))
    }
}

/// Gives a quotation another speaker.
pub fn set_quote_speaker(
    library: &mut Library,
    id: &str,
    speaker: &SpeakerInput,
) -> Result<String, EditError> {
    let speaker = checked_speaker(speaker)?;
    let found = find_quote(library, id)?;
    let mut after = snapshot(library, &found, corrected_status(&found))?;
    after.speaker = Some(speaker);
    put_version(library, "change a speaker", &found, after)
}

/// Changes a quotation's kind (`direct`, `indirect`, `mixed`).
pub fn set_quote_kind(library: &mut Library, id: &str, kind: &str) -> Result<String, EditError> {
    let kind = checked_kind(kind)?;
    let found = find_quote(library, id)?;
    let mut after = snapshot(library, &found, corrected_status(&found))?;
    after.kind = kind;
    put_version(library, "change a quotation's kind", &found, after)
}

/// Moves a quotation's span to `[start, end)` (code points).
pub fn set_quote_span(
    library: &mut Library,
    id: &str,
    start: u32,
    end: u32,
) -> Result<String, EditError> {
    let found = find_quote(library, id)?;
    let span = span_in(&found.article.text, start, end)?;
    let mut after = snapshot(library, &found, corrected_status(&found))?;
    after.anchor = Anchor::new(&found.article.text, span);
    put_version(library, "adjust a quotation", &found, after)
}

/// An added quotation stays added when corrected; anything else becomes corrected.
fn corrected_status(found: &Found) -> &'static str {
    match found.user.as_ref().map(|u| u.status.as_str()) {
        Some("added") => "added",
        _ => "corrected",
    }
}

/// Adds a quotation the engine missed at `[start, end)` (code points).
pub fn add_quote(
    library: &mut Library,
    article_id: i64,
    start: u32,
    end: u32,
    speaker: &SpeakerInput,
    kind: &str,
) -> Result<String, EditError> {
    let article = library
        .get_article(article_id)?
        .ok_or_else(|| EditError::NotFound(format!("no article #{article_id} in the library")))?;
    let span = span_in(&article.text, start, end)?;
    let speaker = checked_speaker(speaker)?;
    let kind = checked_kind(kind)?;
    let now = now_utc();
    let row = UserQuoteRow {
        id: library.next_user_id(UserTable::Quotes)?,
        article_id,
        status: "added".to_owned(),
        anchor: Anchor::new(&article.text, span),
        kind,
        speaker: Some(speaker),
        created_at: now.clone(),
        updated_at: now,
        needs_anchor: false,
    };
    let found = Found {
        article,
        shown: None,
        user: None,
    };
    put_version(library, "add a quotation", &found, row)
}

fn entity(library: &Library, id: i64) -> Result<(EntityIdentity, String), EditError> {
    library
        .entity_identity(id)?
        .ok_or_else(|| EditError::NotFound(format!("no entity #{id} in the library")))
}

/// The entity's id now (ids change when merges and splits rebuild entities).
fn current_id(library: &Library, identity: &EntityIdentity) -> Result<i64, EditError> {
    library
        .entity_by_identity(identity)?
        .ok_or_else(|| EditError::NotFound("the entity is no longer in the library".to_owned()))
}

/// Gives an entity the name the user chose; returns its id.
pub fn rename_entity(library: &mut Library, id: i64, name: &str) -> Result<i64, EditError> {
    let name = clean_name("name", name)?;
    let (identity, _) = entity(library, id)?;
    let before = library.entity_decisions(&identity)?.name;
    commit(
        library,
        "rename an entity",
        vec![UserOp::SetEntityName {
            entity: identity.clone(),
            name: Some(name),
        }],
        vec![UserOp::SetEntityName {
            entity: identity.clone(),
            name: before,
        }],
    )?;
    current_id(library, &identity)
}

/// Merges entity `from` into entity `into`: its mentions, quotations and
/// relations follow, its names become aliases of `into`. Returns the merged
/// entity's id.
pub fn merge_entities(library: &mut Library, from: i64, into: i64) -> Result<i64, EditError> {
    if from == into {
        return Err(EditError::Invalid(
            "an entity cannot be merged with itself".to_owned(),
        ));
    }
    let (source, _) = entity(library, from)?;
    let (target, target_name) = entity(library, into)?;
    let before = library.entity_decisions(&source)?.into;
    let mut forward = vec![UserOp::SetEntityMerge {
        entity: source.clone(),
        into: Some(target.clone()),
    }];
    let mut backward = vec![UserOp::SetEntityMerge {
        entity: source,
        into: before,
    }];
    // The entity kept keeps its name: a longer name merged in would otherwise
    // become the "fullest name seen".
    if library.entity_decisions(&target)?.name.is_none() {
        forward.insert(
            0,
            UserOp::SetEntityName {
                entity: target.clone(),
                name: Some(target_name),
            },
        );
        backward.push(UserOp::SetEntityName {
            entity: target.clone(),
            name: None,
        });
    }
    commit(library, "merge entities", forward, backward)?;
    current_id(library, &target)
}

/// Splits an alias back out of an entity: an entity merged into it under that
/// name is unmerged, any other alias becomes an entity of its own. Returns the
/// id of the entity the alias now names.
pub fn split_entity(library: &mut Library, id: i64, alias: &str) -> Result<i64, EditError> {
    let (identity, _) = entity(library, id)?;
    let aliases = library.entity_aliases(id)?;
    let wanted = alias.trim().to_lowercase();
    if !aliases.iter().any(|(a, _)| a.to_lowercase() == wanted) {
        return Err(EditError::Invalid(format!(
            "{:?} is not a name of entity #{id} (its names: {})",
            alias.chars().take(60).collect::<String>(),
            aliases
                .iter()
                .map(|(a, _)| a.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    if aliases.len() < 2 {
        return Err(EditError::Invalid(format!(
            "entity #{id} has one name only: there is nothing to split"
        )));
    }
    // An entity merged in under this name: take the merge back.
    let surname = wanted
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_owned();
    let merged = library
        .merged_into(&identity)?
        .into_iter()
        .find(|m| m.key == wanted || m.key == surname);
    if let Some(merged) = merged {
        commit(
            library,
            "split an entity",
            vec![UserOp::SetEntityMerge {
                entity: merged.clone(),
                into: None,
            }],
            vec![UserOp::SetEntityMerge {
                entity: merged.clone(),
                into: Some(identity),
            }],
        )?;
        return current_id(library, &merged);
    }
    commit(
        library,
        "split an entity",
        vec![UserOp::SetEntitySplit {
            entity: identity.clone(),
            alias: wanted.clone(),
            split: true,
        }],
        vec![UserOp::SetEntitySplit {
            entity: identity.clone(),
            alias: wanted.clone(),
            split: false,
        }],
    )?;
    current_id(
        library,
        &EntityIdentity {
            kind: identity.kind,
            key: crate::store::user_layer::split_key(&wanted),
        },
    )
}

/// Analyses articles again with the current engine (all when `articles` is
/// `None`), keeping the user's layer. Returns how many were analysed.
pub fn reanalyze(library: &mut Library, articles: Option<&[i64]>) -> Result<u32, EditError> {
    let ids = match articles {
        Some(ids) => ids.to_vec(),
        None => library.article_ids()?,
    };
    let now = now_utc();
    let mut count = 0;
    for id in ids {
        let article = library
            .get_article(id)?
            .ok_or_else(|| EditError::NotFound(format!("no article #{id} in the library")))?;
        model::analyse_and_store(library, &article, &now)?;
        count += 1;
    }
    Ok(count)
}

//! Entities and relations of one article, from its text and its quotation
//! analysis: countries (names, short forms, demonyms, and capitals used as
//! metonyms — "Baghdad will not …" is Iraq, "in Moscow" is the city), cities,
//! organisations (a gazetteer and the organisations that speak), people (the
//! speakers, with role and affiliation), and dates resolved against the
//! article's own date. Relations keep the byte spans of their evidence:
//! affiliation (from a role), met-with (talks, joint press conferences,
//! meetings), said-about (a speaker's quotation naming an entity, with a
//! stance), and country to country (cooperation or opposition).

use super::lexicon::{Lexicon, lower};
use super::text::{Token, tokenize};
use super::{Analysis, SpeakerKind};
use crate::ingest::dates::month_number;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
use std::sync::OnceLock;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum EntityKind {
    /// A person.
    Person,
    /// A government body, party, armed group, international body…
    Organisation,
    /// A state.
    Country,
    /// A city or other place.
    City,
    /// A calendar day.
    Date,
}

impl EntityKind {
    /// The name used in files and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Country => "country",
            EntityKind::City => "city",
            EntityKind::Date => "date",
        }
    }
}

/// One entity of the article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    /// Person, organisation, country, city or date.
    pub kind: EntityKind,
    /// Canonical name ("Iraq", "Sergei Lavrov", "2019-01-17").
    pub name: String,
    /// The role of a person, the country of a city, the text of a date.
    pub detail: Option<String>,
}

/// Where the text names an entity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntityMention {
    /// Index into [`Entities::entities`].
    pub entity: usize,
    /// Byte span in the text.
    pub span: Range<usize>,
}

/// What a relation says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum RelationKind {
    /// A person belongs to a country or organisation (from their role).
    Affiliation,
    /// People met (talks, a visit, a joint press conference).
    MetWith,
    /// A speaker's quotation names the entity.
    SaidAbout,
    /// Two countries draw closer.
    Cooperation,
    /// Two countries stand against each other.
    Opposition,
}

impl RelationKind {
    /// The name used in files and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Affiliation => "affiliation",
            RelationKind::MetWith => "met_with",
            RelationKind::SaidAbout => "said_about",
            RelationKind::Cooperation => "cooperation",
            RelationKind::Opposition => "opposition",
        }
    }
}

/// How a statement regards what it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Stance {
    /// Cooperation, help, friendship.
    Supportive,
    /// Opposition, hostility, denial.
    Critical,
    /// Neither.
    Neutral,
}

impl Stance {
    /// The name used in files and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supportive => "supportive",
            Stance::Critical => "critical",
            Stance::Neutral => "neutral",
        }
    }
}

/// A relation between two entities, with the sentences it rests on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Relation {
    /// What it says.
    pub kind: RelationKind,
    /// From this entity (the speaker, the person, the first country).
    pub from: usize,
    /// To this entity.
    pub to: usize,
    /// Supportive, critical or neutral (said-about and country relations).
    pub stance: Stance,
    /// Byte spans of the evidence sentences, in text order, no duplicates.
    pub evidence: Vec<Range<usize>>,
    /// Where it happened, when the text says (a city entity).
    pub place: Option<usize>,
    /// When it happened, when the text says (a date entity).
    pub date: Option<usize>,
}

/// Everything the entity stage found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entities {
    /// Entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Their mentions, in text order.
    pub mentions: Vec<EntityMention>,
    /// Relations between them.
    pub relations: Vec<Relation>,
    /// For each quotation of the analysis (same order), the date entity of the
    /// day the statement was made, when its sentence gives one ("On Jan. 17,
    /// Zarif said …").
    pub quote_dates: Vec<Option<usize>>,
}

/// How a gazetteer entry was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Name,
    Demonym,
    Capital,
    Organisation,
}

struct Gazetteer {
    /// Surface form (as written, case kept) → (canonical name, country of a capital, form).
    forms: FxHashMap<&'static str, (&'static str, Option<&'static str>, Form)>,
    /// The first word of every form ("United" of "United States"): a word that is
    /// none of them starts no name, and most words are passed over on one look-up.
    first_words: FxHashSet<&'static str>,
    /// Longest form, in words.
    max_words: usize,
}

const COUNTRIES: &str = include_str!("../../data/gazetteer/countries.tsv");
const ORGANISATIONS: &str = include_str!("../../data/gazetteer/organisations.tsv");

/// Country names that are also common given names or words: taken as the
/// country only when not followed by a capitalised word ("Jordan Peterson").
const AMBIGUOUS_NAMES: &[&str] = &["Jordan", "Chad", "Georgia", "Victoria", "Guinea", "Niger"];

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| {
        let mut forms = FxHashMap::default();
        let lines = |data: &'static str| {
            data.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        };
        for line in lines(COUNTRIES) {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let Some(&country) = fields.first() else {
                continue;
            };
            forms.insert(country, (country, None, Form::Name));
            for (field, form) in [(1, Form::Name), (2, Form::Demonym), (3, Form::Capital)] {
                for surface in fields.get(field).copied().unwrap_or("").split(',') {
                    let surface = surface.trim();
                    if surface.is_empty() {
                        continue;
                    }
                    let capital_of = (form == Form::Capital).then_some(country);
                    forms.entry(surface).or_insert((
                        if form == Form::Capital {
                            surface
                        } else {
                            country
                        },
                        capital_of,
                        form,
                    ));
                }
            }
        }
        for line in lines(ORGANISATIONS) {
            let mut fields = line.split('\t');
            let Some(name) = fields.next() else { continue };
            forms.insert(name, (name, None, Form::Organisation));
            for alias in fields.next().unwrap_or("").split(',') {
                let alias = alias.trim();
                if !alias.is_empty() {
                    forms
                        .entry(alias)
                        .or_insert((name, None, Form::Organisation));
                }
            }
        }
        let max_words = forms
            .keys()
            .map(|f| f.split([' ', '-']).count())
            .max()
            .unwrap_or(1);
        let first_words = forms
            .keys()
            .filter_map(|f| f.split([' ', '-']).next())
            .collect();
        Gazetteer {
            forms,
            first_words,
            max_words,
        }
    })
}

/// Words after which a capital is the city, not its government.
fn is_place_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "In" | "at" | "to" | "from" | "near" | "into" | "visited" | "outside" | "across"
    )
}

/// Finds the entities and relations of a text whose quotations are analysed.
/// The day of a publication date (`YYYY-MM-DD`, a time may follow), or `None`
/// when it does not start with one.
pub fn publication_day(published: &str) -> Option<jiff::civil::Date> {
    // `get`: a date of non-ASCII text must not be cut inside a character.
    published.get(..10)?.parse().ok()
}

/// `published` is the article's date (`YYYY-MM-DD…`), for relative dates.
pub fn find_entities(text: &str, analysis: &Analysis, published: Option<&str>) -> Entities {
    let tokens = tokenize(text);
    let mut found = Entities::default();
    let mut index: FxHashMap<(EntityKind, String), usize> = FxHashMap::default();
    let mut entity =
        |found: &mut Entities, kind: EntityKind, name: &str, detail: Option<String>| {
            *index.entry((kind, name.to_owned())).or_insert_with(|| {
                found.entities.push(Entity {
                    kind,
                    name: name.to_owned(),
                    detail,
                });
                found.entities.len() - 1
            })
        };

    // Speakers that are people or organisations are entities; their mentions are the
    // attributions the quote stage resolved.
    let mut speaker_entity: Vec<Option<usize>> = vec![None; analysis.speakers.len()];
    let mut first_mention: Vec<Option<Range<usize>>> = vec![None; analysis.speakers.len()];
    for quote in &analysis.quotes {
        let (Some(speaker), Some(mention)) = (quote.speaker, quote.speaker_mention.clone()) else {
            continue;
        };
        let Some(s) = analysis.speakers.get(speaker) else {
            continue;
        };
        // A description ("the ministry", "officials") is not an entity of the map.
        if !s.name.chars().any(char::is_uppercase) {
            continue;
        }
        // A speaker the gazetteer knows ("Amman welcomed …", "NATO said") is that
        // country or organisation.
        let known = gazetteer()
            .forms
            .get(s.name.as_str())
            .map(|&(name, capital_of, form)| match form {
                Form::Organisation => (EntityKind::Organisation, name),
                _ => (EntityKind::Country, capital_of.unwrap_or(name)),
            });
        let (kind, name) = match (known, s.kind) {
            (Some(known), _) => known,
            (None, SpeakerKind::Person) => (EntityKind::Person, s.name.as_str()),
            (None, SpeakerKind::Organisation) => (EntityKind::Organisation, s.name.as_str()),
            (None, SpeakerKind::Anonymous) => continue,
        };
        let detail = (kind == EntityKind::Person)
            .then(|| s.role.clone())
            .flatten();
        let id =
            *speaker_entity[speaker].get_or_insert_with(|| entity(&mut found, kind, name, detail));
        if first_mention[speaker].is_none() {
            first_mention[speaker] = Some(mention.clone());
        }
        found.mentions.push(EntityMention {
            entity: id,
            span: mention,
        });
    }

    // People are also named where they do not speak: their full name and surname.
    let people: Vec<(usize, String)> = found
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .map(|(i, e)| (i, e.name.clone()))
        .collect();
    for (id, name) in people {
        let surname = name.rsplit(' ').next().unwrap_or(&name).to_owned();
        for form in [name.as_str(), surname.as_str()] {
            for (at, _) in text.match_indices(form) {
                let end = at + form.len();
                let bounded = !text[..at].ends_with(char::is_alphanumeric)
                    && !text[end..].starts_with(char::is_alphanumeric);
                let inside_known = found
                    .mentions
                    .iter()
                    .any(|m| m.span.start <= at && end <= m.span.end);
                if bounded && !inside_known {
                    found.mentions.push(EntityMention {
                        entity: id,
                        span: at..end,
                    });
                }
            }
        }
    }

    // Countries, capitals, cities and organisations by the gazetteer.
    let gazetteer = gazetteer();
    let words: Vec<&Token> = tokens.iter().filter(|t| t.is_word).collect();
    let mut i = 0;
    while i < words.len() {
        let first = &text[words[i].start..words[i].end];
        let first_bare = first
            .strip_suffix("'s")
            .or_else(|| first.strip_suffix("\u{2019}s"))
            .unwrap_or(first);
        if !gazetteer.first_words.contains(first) && !gazetteer.first_words.contains(first_bare) {
            i += 1;
            continue;
        }
        let mut matched = None;
        for n in (1..=gazetteer.max_words.min(words.len() - i)).rev() {
            let span = words[i].start..words[i + n - 1].end;
            let surface = &text[span.clone()];
            // Only words joined by single spaces or hyphens form a name; a time
            // zone ("Europe/Paris") or a path is not a mention.
            if surface.contains(['\n', '\t']) || surface.contains("  ") {
                continue;
            }
            if text[..span.start].ends_with('/') || text[span.end..].starts_with('/') {
                continue;
            }
            if let Some(&entry) = gazetteer.forms.get(surface) {
                matched = Some((n, span, entry));
                break;
            }
            // "Tehran's influence", "Pompeo’s": the possessive is not part of the name.
            let bare = surface
                .strip_suffix("'s")
                .or_else(|| surface.strip_suffix("\u{2019}s"));
            if let Some(&entry) = bare.and_then(|b| gazetteer.forms.get(b)) {
                let end = span.start + bare.map_or(0, str::len);
                matched = Some((n, span.start..end, entry));
                break;
            }
        }
        let Some((n, span, (name, capital_of, form))) = matched else {
            i += 1;
            continue;
        };
        let next_capitalised = words.get(i + n).is_some_and(|w| {
            w.start <= span.end + 1
                && text[w.start..w.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        });
        if form == Form::Name && AMBIGUOUS_NAMES.contains(&name) && next_capitalised {
            i += n;
            continue;
        }
        let previous = i
            .checked_sub(1)
            .map(|p| &text[words[p].start..words[p].end]);
        // "the writer Anatole France", "Michael Jordan": a country's name right after a
        // given name is the end of a person's name, not the country.
        let after_given_name = form == Form::Name
            && i.checked_sub(1).is_some_and(|p| {
                &text[words[p].end..span.start] == " "
                    && previous.is_some_and(|word| {
                        word.chars().next().is_some_and(char::is_uppercase)
                            && Lexicon::get().given_name_is_female(word).is_some()
                            && !gazetteer.forms.contains_key(word)
                    })
            });
        if after_given_name {
            i += n;
            continue;
        }
        let id = match (form, capital_of) {
            (Form::Capital, Some(country)) if previous.is_some_and(is_place_preposition) => {
                entity(&mut found, EntityKind::City, name, Some(country.to_owned()))
            }
            (Form::Capital, Some(country)) => {
                entity(&mut found, EntityKind::Country, country, None)
            }
            (Form::Organisation, _) => entity(&mut found, EntityKind::Organisation, name, None),
            _ => entity(&mut found, EntityKind::Country, name, None),
        };
        found.mentions.push(EntityMention { entity: id, span });
        i += n;
    }

    // Dates: "Jan. 17", "January 17, 2019", "17 January" — resolved against the article;
    // then "one day after", "the next day" — against the date the text gave last;
    // "said on Monday", "last Friday" — against the article's day.
    let mut days = dates_in(text, &tokens, published);
    days.extend(relative_dates_in(text, &tokens, &days));
    days.extend(weekday_dates_in(text, &tokens, published));
    days.sort_by_key(|(span, _)| span.start);
    for (span, day) in days {
        let id = entity(
            &mut found,
            EntityKind::Date,
            &day.clone().unwrap_or_else(|| text[span.clone()].to_owned()),
            Some(text[span.clone()].to_owned()),
        );
        found.mentions.push(EntityMention { entity: id, span });
    }
    found
        .mentions
        .sort_by_key(|m| (m.span.start, m.span.end, m.entity));
    found.mentions.dedup();

    relations(text, analysis, &mut found, &speaker_entity, &first_mention);
    found.quote_dates = analysis
        .quotes
        .iter()
        .map(|quote| {
            // The sentence of the attribution (the mention and cue) dates the statement.
            let anchor = quote.speaker_mention.clone().unwrap_or(quote.span.clone());
            let sentence = sentence_around(text, &anchor);
            found
                .mentions
                .iter()
                .filter(|m| sentence.start <= m.span.start && m.span.end <= sentence.end)
                .map(|m| m.entity)
                .find(|&e| {
                    found.entities[e].kind == EntityKind::Date
                        && found.entities[e].name.len() == 10
                        && found.entities[e].name.as_bytes()[4] == b'-'
                })
        })
        .collect();
    found
}

/// Dates written as a month and a day (and maybe a year), with the day they
/// are: a missing year is the article's, or the year before when that puts
/// the day after the article; `None` when the article has no date to lean on.
fn dates_in(
    text: &str,
    tokens: &[Token],
    published: Option<&str>,
) -> Vec<(Range<usize>, Option<String>)> {
    let article = published.and_then(publication_day);
    let mut found = Vec::new();
    let word = |i: usize| tokens.get(i).map(|t| t.text(text)).unwrap_or("");
    let number = |w: &str| -> Option<i8> {
        (!w.is_empty() && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    let mut i = 0;
    while i < tokens.len() {
        // "Jan. 17" / "January 17" (the period of "Jan." is its own token).
        let Some(month) = tokens[i]
            .is_word
            .then(|| word(i))
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .and_then(month_number)
        else {
            i += 1;
            continue;
        };
        let day_at = if word(i + 1) == "." { i + 2 } else { i + 1 };
        let Some(day) = number(word(day_at)) else {
            i += 1;
            continue;
        };
        let mut end = day_at;
        let mut year = None;
        let year_at = if word(end + 1) == "," {
            end + 2
        } else {
            end + 1
        };
        if let Ok(y) = word(year_at).parse::<i16>()
            && (1900..=2100).contains(&y)
        {
            year = Some(y);
            end = year_at;
        }
        let span = tokens[i].start..tokens[end].end;
        let resolved = match (year, article) {
            (Some(y), _) => jiff::civil::Date::new(y, month as i8, day).ok(),
            (None, Some(article)) => jiff::civil::Date::new(article.year(), month as i8, day)
                .ok()
                .map(|d| {
                    // "would stop serving RT on Dec. 12" in October: still to come.
                    if d > article && told_in_the_past(text, tokens, i, end, 8) != Some(false) {
                        jiff::civil::Date::new(article.year() - 1, month as i8, day).unwrap_or(d)
                    } else {
                        d
                    }
                }),
            (None, None) => None,
        };
        found.push((span, resolved.map(|d| d.to_string())));
        i = end + 1;
    }
    found
}

/// "One day after", "two days later", "the next day", "a day earlier": the day
/// counted from the last date written before it, when the text gave one;
/// nothing otherwise (a relative date is left unresolved, never guessed).
fn relative_dates_in(
    text: &str,
    tokens: &[Token],
    absolute: &[(Range<usize>, Option<String>)],
) -> Vec<(Range<usize>, Option<String>)> {
    let word = |i: usize| lower(tokens.get(i).map_or("", |t| t.text(text)));
    let count = |w: &str| -> Option<i64> {
        match w {
            "a" | "one" => Some(1),
            "two" => Some(2),
            "three" => Some(3),
            "four" => Some(4),
            "five" => Some(5),
            "six" => Some(6),
            "seven" => Some(7),
            _ => w.parse().ok().filter(|n| (1..=60).contains(n)),
        }
    };
    let mut found = Vec::new();
    for i in 0..tokens.len() {
        // (offset in days, last token of the phrase)
        // Every phrase begins with "the" or a count: most words end the look here.
        let first = word(i);
        if first.as_ref() != "the" && count(first.as_ref()).is_none() {
            continue;
        }
        let (second, third) = (word(i + 1), word(i + 2));
        let phrase = match (first.as_ref(), second.as_ref(), third.as_ref()) {
            ("the", "next" | "following", "day") => Some((1, i + 2)),
            ("the", "previous", "day") => Some((-1, i + 2)),
            ("the", "day", "before") => Some((-1, i + 2)),
            ("the", "day", "after") => Some((1, i + 2)),
            (n, "day" | "days", "after" | "later") => count(n).map(|n| (n, i + 2)),
            (n, "day" | "days", "before" | "earlier") => count(n).map(|n| (-n, i + 2)),
            _ => None,
        };
        let Some((offset, last)) = phrase else {
            continue;
        };
        let span = tokens[i].start..tokens[last].end;
        // The last date the text gave before this phrase.
        let Some((anchor_span, anchor)) = absolute
            .iter()
            .rev()
            .find(|(s, day)| s.end <= span.start && day.is_some())
            .and_then(|(s, day)| {
                Some((
                    s.clone(),
                    day.as_deref()?.parse::<jiff::civil::Date>().ok()?,
                ))
            })
        else {
            continue;
        };
        // "Talks were held on Jan. 11, one day after a visit": in the sentence of
        // its date, the phrase names the earlier event; after it, the next one
        // ("On Jan. 9 he spoke. One day after, they answered").
        let between = &text[anchor_span.end..span.start];
        let same_sentence =
            !between.contains(". ") && !between.contains(".\n") && !between.contains('\n');
        let offset = if same_sentence { -offset } else { offset };
        let resolved = anchor
            .checked_add(jiff::Span::new().days(offset))
            .ok()
            .map(|d| d.to_string());
        found.push((span, resolved));
    }
    found
}

/// Past forms that do not end in "-ed", for telling "said on Monday" (the
/// Monday before the article) from "will meet on Monday".
const IRREGULAR_PAST: &[&str] = &[
    "said", "told", "wrote", "spoke", "met", "held", "gave", "made", "took", "went", "came",
    "sent", "saw", "began", "left", "won", "lost", "led", "struck", "fell", "rose", "shot",
    "fought", "sought", "brought", "thought", "felt", "kept", "paid", "put", "read", "ran",
    "set", "cut", "hit", "quit", "was", "were", "had", "did",
];

/// "said on Monday", "Monday's talks were …", "last Friday", "next Tuesday": a
/// day of the week, as news writes the days around its own. With "last" it is
/// the one before the article's day, with "next" the one after; told in the
/// past ("said", "met", "announced" near it in its sentence) it is the latest
/// such day up to the article's own. Anything else ("will meet on Monday",
/// no article date) is left out, never guessed.
fn weekday_dates_in(
    text: &str,
    tokens: &[Token],
    published: Option<&str>,
) -> Vec<(Range<usize>, Option<String>)> {
    let Some(article) = published.and_then(publication_day) else {
        return Vec::new();
    };
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text(text)).to_lowercase();
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let written = token.text(text);
        if !token.is_word || !written.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let Some(weekday) = super::lexicon::weekday_number(written) else {
            continue;
        };
        let before = i.checked_sub(1).map(&word);
        // "Fox News Sunday", "Bloody Sunday": a name that ends in a weekday.
        let in_a_name = i.checked_sub(1).is_some_and(|p| {
            let previous = tokens[p].text(text);
            tokens[p].is_word
                && tokens[p].end < token.start
                && previous.chars().next().is_some_and(char::is_uppercase)
                && !matches!(
                    previous.to_lowercase().as_str(),
                    "on" | "last" | "next" | "since" | "until" | "by" | "early" | "late" | "and" | "or"
                )
        });
        if in_a_name {
            continue;
        }
        // (direction, first token of the phrase)
        let (direction, first) = match before.as_deref() {
            Some("last") => (-1, i - 1),
            Some("next") => (1, i - 1),
            _ if told_in_the_past(text, tokens, i, i, 4) == Some(true) => (0, i),
            _ => continue,
        };
        let today = i64::from(article.weekday().to_monday_zero_offset());
        let back = (today - weekday).rem_euclid(7);
        let offset = match direction {
            // The latest such day up to the article's own (today counts).
            0 => -back,
            // The one before the article's day: a week back when it is today.
            -1 => -(if back == 0 { 7 } else { back }),
            _ => {
                let ahead = (weekday - today).rem_euclid(7);
                if ahead == 0 { 7 } else { ahead }
            }
        };
        let resolved = article
            .checked_add(jiff::Span::new().days(offset))
            .ok()
            .map(|d| d.to_string());
        found.push((tokens[first].start..token.end, resolved));
    }
    found
}

/// Whether the words around tokens `first..=last` tell of the past (`Some(true)`:
/// "said", "met", "announced") or of what is to come (`Some(false)`: "will",
/// "would", "plans"): the nearest sign among the `before` words before them, else
/// among the six after, in their sentence; `None` when neither shows.
fn told_in_the_past(
    text: &str,
    tokens: &[Token],
    first: usize,
    last: usize,
    before: usize,
) -> Option<bool> {
    let word = |i: usize| tokens.get(i).map_or(String::new(), |t| t.text(text).to_lowercase());
    let ends_sentence = |i: usize| matches!(word(i).as_str(), "." | "!" | "?" | ";");
    let tense = |w: &str| {
        if matches!(
            w,
            "will" | "would" | "shall" | "'ll" | "’ll" | "plans" | "expected" | "scheduled"
        ) {
            Some(false)
        } else if (w.len() > 4 && w.ends_with("ed") && w.chars().all(|c| c.is_ascii_lowercase()))
            || IRREGULAR_PAST.contains(&w)
        {
            Some(true)
        } else {
            None
        }
    };
    let mut told = None;
    let mut j = first;
    while told.is_none() && j > 0 && first - j < before && !ends_sentence(j - 1) {
        j -= 1;
        told = tense(&word(j));
    }
    let mut j = last + 1;
    while told.is_none() && j < tokens.len() && j - last <= 6 && !ends_sentence(j) {
        told = tense(&word(j));
        j += 1;
    }
    told
}

/// Words of cooperation and of opposition, for the stance of a statement.
fn stance_word(word: &str) -> Option<Stance> {
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    if lower.starts_with("anti-") || lower.starts_with("anti") && lower.len() > 6 {
        return Some(Stance::Critical);
    }
    match lower {
        "cooperation" | "cooperate" | "cooperating" | "help" | "helps" | "helping" | "support"
        | "supports" | "supported" | "friendly" | "friendship" | "friend" | "friends" | "ally"
        | "allies" | "alliance" | "partner" | "partners" | "partnership" | "strengthen"
        | "guarantees" | "guarantee" | "unity" | "welcome" | "welcomed" | "agreement"
        | "brotherly" | "good" => Some(Stance::Supportive),
        "against" | "counter" | "boycott" | "boycotts" | "boycotted" | "conspiracy" | "untrue"
        | "threat" | "threatens" | "hostile" | "hostility" | "sanctions" | "condemn"
        | "condemns" | "condemned" | "accuse" | "accuses" | "accused" | "oppose" | "opposes"
        | "nonconstructive" | "chaos" | "interference" | "interfere" | "aggression" | "enemy"
        | "enemies" | "attack" | "attacks" | "war" | "lie" | "lies" | "business" | "defeat"
        | "destroy" | "fight" | "terrorist" | "terrorists" => Some(Stance::Critical),
        _ => None,
    }
}

fn is_negation(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "not" | "never" | "no" | "won't" | "won’t" | "n't" | "cannot" | "none" | "without"
    )
}

/// Words that refuse or reject what they speak of: "boycotts an anti-Iran
/// event", "calls an anti-Iran conference nonconstructive" side with Iran.
fn is_refusal(word: &str) -> bool {
    is_negation(word)
        || matches!(
            word.to_lowercase().as_str(),
            "boycott"
                | "boycotts"
                | "boycotted"
                | "reject"
                | "rejects"
                | "rejected"
                | "refuse"
                | "refuses"
                | "refused"
                | "nonconstructive"
                | "untrue"
                | "condemn"
                | "condemns"
                | "condemned"
                | "oppose"
                | "opposes"
                | "opposed"
        )
}

/// The words of a span with their byte ranges.
fn words_of<'t>(text: &'t str, span: &Range<usize>) -> Vec<(Range<usize>, &'t str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text[span.clone()]
        .char_indices()
        .chain(std::iter::once((span.end - span.start, ' ')))
    {
        let part = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((
                    span.start + from..span.start + at,
                    &text[span.start + from..span.start + at],
                ));
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// How a quotation regards one entity it names: "anti-Iran", "against Iran",
/// "counter Tehran's influence" are critical of it unless the quotation
/// refuses them ("will not enter any treaty against Iran", "boycotts an
/// anti-Iran event"); otherwise the nearest word of cooperation or opposition
/// within four words decides, a negation before it turning it; none is neutral.
fn stance_toward(text: &str, quote: &Range<usize>, target: &Range<usize>) -> Stance {
    let words = words_of(text, quote);
    let Some(at) = words
        .iter()
        .position(|(range, _)| {
            range.start <= target.start && target.start < range.end.max(range.start + 1)
        })
        .or_else(|| {
            words
                .iter()
                .position(|(range, _)| range.start >= target.start)
        })
    else {
        return Stance::Neutral;
    };
    let flip = |stance: Stance| match stance {
        Stance::Supportive => Stance::Critical,
        Stance::Critical => Stance::Supportive,
        Stance::Neutral => Stance::Neutral,
    };
    let target_word = words[at].1.to_lowercase();
    let aimed_at = target_word.starts_with("anti-")
        || words[at.saturating_sub(2)..at]
            .iter()
            .any(|(_, w)| matches!(w.to_lowercase().as_str(), "against" | "counter" | "anti"));
    if aimed_at {
        let refused = words
            .iter()
            .enumerate()
            .any(|(i, (_, w))| i != at && is_refusal(w));
        return if refused {
            Stance::Supportive
        } else {
            Stance::Critical
        };
    }
    let nearest = (1..=4).find_map(|distance| {
        [at.checked_sub(distance), Some(at + distance)]
            .into_iter()
            .flatten()
            .filter(|&i| i < words.len())
            .find_map(|i| stance_word(words[i].1).map(|s| (i, s)))
    });
    match nearest {
        Some((i, stance)) => {
            let negated = words[i.saturating_sub(6)..i]
                .iter()
                .any(|(_, w)| is_negation(w));
            if negated { flip(stance) } else { stance }
        }
        None => Stance::Neutral,
    }
}

/// A word whose period does not end a sentence: "Jan.", "Mr.", "U.S.", an initial.
fn is_abbreviation(word: &str) -> bool {
    word.len() <= 4
        && word.chars().next().is_some_and(char::is_uppercase)
        && (word.len() <= 2
            || word.contains('.')
            || month_number(word).is_some()
            || matches!(
                word,
                "Mr" | "Mrs" | "Dr" | "Gen" | "Sen" | "Rep" | "Gov" | "Sept"
            ))
}

/// The sentence around a span, within its paragraph.
fn sentence_around(text: &str, span: &Range<usize>) -> Range<usize> {
    let low = text[..span.start].rfind("\n").map_or(0, |i| i + 1);
    let high = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    // The last ". " before the span that is not an abbreviation's ("Jan. 17", "Mr. X").
    let mut start = low;
    let mut search = span.start;
    while let Some(i) = text[low..search].rfind(". ") {
        let before = &text[low..low + i];
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
            .next()
            .unwrap_or("");
        if !is_abbreviation(word) {
            start = low + i + 2;
            break;
        }
        search = low + i;
    }
    // The first end mark after the span that is not an abbreviation's ("Feb. 27").
    let mut end = high;
    let mut from = span.end;
    while let Some(i) = text[from..high].find(['.', '!', '?']) {
        let at = from + i;
        if text.as_bytes()[at] == b'.'
            && is_abbreviation(
                text[low..at]
                    .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
                    .next()
                    .unwrap_or(""),
            )
        {
            from = at + 1;
            continue;
        }
        end = at + 1;
        break;
    }
    start..end.max(span.end)
}

fn relations(
    text: &str,
    analysis: &Analysis,
    found: &mut Entities,
    speaker_entity: &[Option<usize>],
    first_mention: &[Option<Range<usize>>],
) {
    let mut by_key: FxHashMap<(RelationKind, usize, usize), usize> = FxHashMap::default();
    let country_named = |found: &Entities, name: &str| {
        found
            .entities
            .iter()
            .position(|e| e.kind == EntityKind::Country && e.name == name)
    };
    let mut add = |found: &mut Entities,
                   kind: RelationKind,
                   from: usize,
                   to: usize,
                   stance: Stance,
                   evidence: Range<usize>| {
        if from == to {
            return;
        }
        // Country relations are symmetric: one edge per pair.
        let (from, to) =
            if matches!(kind, RelationKind::Cooperation | RelationKind::Opposition) && from > to {
                (to, from)
            } else {
                (from, to)
            };
        let at = *by_key.entry((kind, from, to)).or_insert_with(|| {
            found.relations.push(Relation {
                kind,
                from,
                to,
                stance,
                evidence: Vec::new(),
                place: None,
                date: None,
            });
            found.relations.len() - 1
        });
        let relation = &mut found.relations[at];
        if !relation.evidence.contains(&evidence) {
            relation.evidence.push(evidence);
            relation.evidence.sort_by_key(|e| e.start);
        }
        // A later stronger statement sets the stance; opposing ones cancel to neutral.
        relation.stance = match (relation.stance, stance) {
            (a, b) if a == b => a,
            (Stance::Neutral, b) => b,
            (a, Stance::Neutral) => a,
            _ => Stance::Neutral,
        };
    };

    // Affiliation: the role's country ("Iraqi Foreign Minister" → Iraq).
    for (speaker, s) in analysis.speakers.iter().enumerate() {
        let (Some(person), Some(affiliation), Some(mention)) = (
            speaker_entity[speaker],
            s.affiliation.as_deref(),
            first_mention[speaker].clone(),
        ) else {
            continue;
        };
        // A country, or an organisation the person is with ("the BBC's Karl Oduya").
        let (kind, name) = match gazetteer().forms.get(affiliation) {
            Some(&(name, _, Form::Organisation)) => (EntityKind::Organisation, name),
            Some(&(name, capital_of, _)) => (EntityKind::Country, capital_of.unwrap_or(name)),
            None if Lexicon::get().country(affiliation).is_none() => {
                (EntityKind::Organisation, affiliation)
            }
            None => (EntityKind::Country, affiliation),
        };
        let target = match found
            .entities
            .iter()
            .position(|e| e.kind == kind && e.name == name)
        {
            Some(existing) => existing,
            None => {
                found.entities.push(Entity {
                    kind,
                    name: name.to_owned(),
                    detail: None,
                });
                found.entities.len() - 1
            }
        };
        // The evidence is the first sentence that names the person with the country or
        // organisation ("Canadian Fisheries Minister Ann Petit met …", "BBC Paul
        // Reynolds reports …"), else the sentence of the first quotation's attribution.
        let mut named_at: Vec<&Range<usize>> = found
            .mentions
            .iter()
            .filter(|m| m.entity == person)
            .map(|m| &m.span)
            .collect();
        named_at.sort_by_key(|span| span.start);
        let names_target = |sentence: &Range<usize>| {
            found.mentions.iter().any(|m| {
                m.entity == target && sentence.start <= m.span.start && m.span.end <= sentence.end
            }) || (kind == EntityKind::Organisation && text[sentence.clone()].contains(name))
        };
        let sentence = named_at
            .into_iter()
            .map(|span| sentence_around(text, span))
            .find(names_target)
            .unwrap_or_else(|| sentence_around(text, &mention));
        // An organisation no list knows is mentioned where the sentence names it with
        // the person ("The BBC's Karl Oduya"), so that it is on the map.
        if kind == EntityKind::Organisation
            && !found.mentions.iter().any(|m| m.entity == target)
            && let Some(at) = text[sentence.clone()].find(name)
        {
            let start = sentence.start + at;
            found.mentions.push(EntityMention {
                entity: target,
                span: start..start + name.len(),
            });
            found
                .mentions
                .sort_by_key(|m| (m.span.start, m.span.end, m.entity));
        }
        add(
            found,
            RelationKind::Affiliation,
            person,
            target,
            Stance::Neutral,
            sentence,
        );
    }

    // Said-about and country to country, from each quotation's named entities.
    for quote in &analysis.quotes {
        let Some(speaker) = quote
            .speaker
            .and_then(|s| speaker_entity.get(s).copied().flatten())
        else {
            continue;
        };
        let named: Vec<usize> = found
            .mentions
            .iter()
            .filter(|m| quote.span.start <= m.span.start && m.span.end <= quote.span.end)
            .map(|m| m.entity)
            .filter(|&e| e != speaker && found.entities[e].kind != EntityKind::Date)
            .collect();
        if named.is_empty() {
            continue;
        }
        let evidence = sentence_around(text, &quote.span);
        let stance_of_target = |found: &Entities, target: usize| {
            found
                .mentions
                .iter()
                .filter(|m| {
                    m.entity == target
                        && quote.span.start <= m.span.start
                        && m.span.end <= quote.span.end
                })
                .map(|m| stance_toward(text, &quote.span, &m.span))
                .fold(
                    Stance::Neutral,
                    |a, b| if a == Stance::Neutral { b } else { a },
                )
        };
        let own_country = analysis.speakers[quote.speaker.unwrap_or(0)]
            .affiliation
            .as_deref()
            .and_then(|a| country_named(found, a));
        let mut countries: Vec<(usize, Stance)> = Vec::new();
        for &target in named.iter().filter(|&&t| Some(t) != own_country) {
            let stance = stance_of_target(found, target);
            add(
                found,
                RelationKind::SaidAbout,
                speaker,
                target,
                stance,
                evidence.clone(),
            );
            if found.entities[target].kind == EntityKind::Country
                && !countries.iter().any(|(c, _)| *c == target)
            {
                countries.push((target, stance));
            }
        }
        let kind_of = |stance: Stance| match stance {
            Stance::Supportive => Some(RelationKind::Cooperation),
            Stance::Critical => Some(RelationKind::Opposition),
            Stance::Neutral => None,
        };
        // The speaker's country and each country named, by the stance toward it; or,
        // when the speaker speaks for no country, the named countries that the
        // statement regards alike ("Iran and Iraq had friendly relations").
        match own_country {
            Some(own) => {
                for &(other, stance) in countries.iter().filter(|(c, _)| *c != own) {
                    if let Some(kind) = kind_of(stance) {
                        add(found, kind, own, other, stance, evidence.clone());
                    }
                }
            }
            None => {
                // Countries named together ("Iran and Iraq will deepen their cooperation",
                // "Iran-Iraq relations") share the stance either of them has.
                let joined = |found: &Entities, x: usize, y: usize| {
                    let spans = |e: usize| {
                        found
                            .mentions
                            .iter()
                            .filter(move |m| {
                                m.entity == e
                                    && quote.span.start <= m.span.start
                                    && m.span.end <= quote.span.end
                            })
                            .map(|m| m.span.clone())
                    };
                    spans(x).any(|a| {
                        spans(y).any(|b| {
                            let (first, second) = if a.start < b.start {
                                (&a, &b)
                            } else {
                                (&b, &a)
                            };
                            first.end <= second.start
                                && text[first.end..second.start].split_whitespace().count() <= 1
                        })
                    })
                };
                for (a, &(x, sx)) in countries.iter().enumerate() {
                    for &(y, sy) in &countries[a + 1..] {
                        let stance = match (sx, sy) {
                            (s, t) if s == t => s,
                            (Stance::Neutral, t) if joined(found, x, y) => t,
                            (s, Stance::Neutral) if joined(found, x, y) => s,
                            _ => Stance::Neutral,
                        };
                        if let Some(kind) = kind_of(stance) {
                            add(found, kind, x, y, stance, evidence.clone());
                        }
                    }
                }
            }
        }
    }

    met_with(text, analysis, found, speaker_entity, &mut add);
}

/// "a joint press conference with his Russian counterpart in Moscow", "met
/// with X", "talks with X": the person the sentence is about (named before
/// the cue, else the speaker of the sentence's quotation) met the person
/// named after it, or the counterpart the role and nationality point to;
/// with the place and date when the sentence gives them.
fn met_with(
    text: &str,
    analysis: &Analysis,
    found: &mut Entities,
    speaker_entity: &[Option<usize>],
    add: &mut impl FnMut(&mut Entities, RelationKind, usize, usize, Stance, Range<usize>),
) {
    const CUES: &[&str] = &[
        "press conference with",
        "met with",
        "meeting with",
        "talks with",
        "phone call with",
        " met ",
    ];
    let mut cues: Vec<Range<usize>> = CUES
        .iter()
        .flat_map(|cue| text.match_indices(cue).map(|(at, c)| at..at + c.len()))
        .collect();
    cues.sort_by_key(|c| c.start);
    let person_in = |found: &Entities, range: Range<usize>, last: bool| {
        let mut people = found.mentions.iter().filter(|m| {
            range.start <= m.span.start
                && m.span.end <= range.end
                && found.entities[m.entity].kind == EntityKind::Person
        });
        if last {
            people.next_back()
        } else {
            people.next()
        }
        .map(|m| m.entity)
    };
    for cue in cues {
        let sentence = sentence_around(text, &cue);
        // The subject: a person named before the cue, else the one who speaks here.
        let speaker_here = analysis.quotes.iter().find_map(|q| {
            let mention = q.speaker_mention.as_ref()?;
            (sentence.start <= mention.start && mention.end <= sentence.end)
                .then_some(q.speaker?)
                .and_then(|s| speaker_entity.get(s).copied().flatten().map(|e| (s, e)))
        });
        let Some(subject) =
            person_in(found, sentence.start..cue.start, true).or(speaker_here.map(|(_, e)| e))
        else {
            continue;
        };
        let named = person_in(found, cue.end..sentence.end, false).filter(|&p| p != subject);
        let counterpart = named.or_else(|| {
            let rest = &text[cue.end..sentence.end];
            if !rest.contains("counterpart") {
                return None;
            }
            let (speaker, _) = speaker_here?;
            let own = &analysis.speakers[speaker];
            // The counterpart has the subject's role in the country the phrase names.
            let country = found
                .mentions
                .iter()
                .filter(|m| m.span.start >= cue.end && m.span.end <= sentence.end)
                .map(|m| &found.entities[m.entity])
                .find(|e| e.kind == EntityKind::Country)?
                .name
                .clone();
            analysis
                .speakers
                .iter()
                .enumerate()
                .find(|(_, s)| {
                    s.role == own.role && s.affiliation.as_deref() == Some(country.as_str())
                })
                .and_then(|(i, _)| speaker_entity[i])
        });
        let Some(other) = counterpart.filter(|&o| o != subject) else {
            continue;
        };
        add(
            found,
            RelationKind::MetWith,
            subject,
            other,
            Stance::Neutral,
            sentence.clone(),
        );
        let first_of = |found: &Entities, kind: EntityKind| {
            found
                .mentions
                .iter()
                .find(|m| {
                    m.span.start >= sentence.start
                        && m.span.end <= sentence.end
                        && found.entities[m.entity].kind == kind
                })
                .map(|m| m.entity)
        };
        let (place, date) = (
            first_of(found, EntityKind::City),
            first_of(found, EntityKind::Date),
        );
        if let Some(relation) = found
            .relations
            .iter_mut()
            .find(|r| r.kind == RelationKind::MetWith && r.from == subject && r.to == other)
        {
            relation.place = relation.place.or(place);
            relation.date = relation.date.or(date);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stance_toward_each_named_entity() {
        let stance = |text: &str, target: &str| {
            let at = text.find(target).unwrap();
            stance_toward(text, &(0..text.len()), &(at..at + target.len()))
        };
        // Refused hostility is not hostile; hostility is.
        assert_eq!(
            stance("Baghdad will not enter any treaty against Iran", "Iran"),
            Stance::Supportive
        );
        assert_eq!(
            stance("Baghdad boycotts anti-Iran event in Poland", "Iran"),
            Stance::Supportive
        );
        assert_eq!(
            stance("efforts to counter Tehran's influence", "Tehran"),
            Stance::Critical
        );
        // The nearest word decides, for each entity apart.
        let text = "Russia will help Iraq develop and expects the US not to follow other goals";
        assert_eq!(stance(text, "Iraq"), Stance::Supportive);
        assert_eq!(stance(text, "US"), Stance::Neutral);
        assert_eq!(
            stance("guarantees defeat of ISIS in Iraq", "ISIS"),
            Stance::Critical
        );
    }

    #[test]
    fn dates_resolve_against_the_article() {
        let text = "On Jan. 17 he spoke; on Dec. 30 too; and on March 3, 2018 once.";
        let tokens = tokenize(text);
        let found: Vec<Option<String>> = dates_in(text, &tokens, Some("2019-01-30T17:41:00+03:30"))
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        assert_eq!(
            found,
            [
                Some("2019-01-17".to_owned()),
                Some("2018-12-30".to_owned()),
                Some("2018-03-03".to_owned())
            ]
        );
        assert_eq!(dates_in(text, &tokens, None)[0].1, None);
        // A day after the article's, told as still to come, is this year's.
        let text = "The bank said that it would stop serving RT on Dec. 12, after the vote.";
        let tokens = tokenize(text);
        assert_eq!(
            dates_in(text, &tokens, Some("2016-10-17"))[0].1.as_deref(),
            Some("2016-12-12")
        );
        // Relative days count from the last date the text gave; without one, nothing.
        let text = "On Jan. 9 he spoke. One day after his remarks, and two days later, they met. \
                    Talks were held on Jan. 11, just one day after a visit.";
        let tokens = tokenize(text);
        let absolute = dates_in(text, &tokens, Some("2019-01-30"));
        let relative: Vec<Option<String>> = relative_dates_in(text, &tokens, &absolute)
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        assert_eq!(
            relative,
            [
                Some("2019-01-10".to_owned()),
                Some("2019-01-11".to_owned()),
                Some("2019-01-10".to_owned())
            ]
        );
        assert!(
            relative_dates_in(
                "The next day they met.",
                &tokenize("The next day they met."),
                &[]
            )
            .is_empty()
        );
    }

    #[test]
    fn days_of_the_week_resolve_against_the_article_when_told_in_the_past() {
        // 2019-01-10 is a Thursday.
        let days = |text: &str| -> Vec<(String, Option<String>)> {
            let tokens = tokenize(text);
            weekday_dates_in(text, &tokens, Some("2019-01-10T09:00:00+00:00"))
                .into_iter()
                .map(|(span, day)| (text[span].to_owned(), day))
                .collect()
        };
        for (text, written, day) in [
            ("Zarif said on Monday that the talks would continue.", "Monday", "2019-01-07"),
            ("On Tuesday, Lavrov told reporters the deal was alive.", "Tuesday", "2019-01-08"),
            // The article's own day, and the one a week before it.
            ("Merkel said Thursday that she was ready.", "Thursday", "2019-01-10"),
            ("Last Thursday Macron said the plan had failed.", "Last Thursday", "2019-01-03"),
            ("The summit opens next Monday.", "next Monday", "2019-01-14"),
        ] {
            assert_eq!(days(text), [(written.to_owned(), Some(day.to_owned()))], "{text}");
        }
        // To come, or with nothing to say when: left out.
        assert!(days("The ministers will meet on Friday, Abe said.").is_empty());
        assert!(days("Friday prayers draw crowds.").is_empty());
        assert!(days("Mike Pence told Fox News Sunday that it was fought.").is_empty());
        let tokens = tokenize("He said on Monday.");
        assert!(weekday_dates_in("He said on Monday.", &tokens, None).is_empty());
    }
}

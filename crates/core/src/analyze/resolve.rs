//! Speaker resolution within one article: every speaker mention (full name
//! with title, surname, pronoun, role phrase such as "Russian top diplomat"
//! or "Iraqi FM") is mapped to one speaker, carrying the role and the
//! affiliation that the text gives. Deterministic sieves, in this order:
//! names by surname, role + nationality against the people the article
//! introduces, pronouns to the most recent person, anything else kept as
//! written (organisations, anonymous sources).

use super::lexicon::{
    Lexicon, is_capitalised_function_word, is_determiner, is_name_particle, is_preposition,
    is_speaker_pronoun, looks_plural, lower,
};
use super::text::Token;
use super::{SpeakerEntity, SpeakerKind};
use std::ops::Range;

/// A mention read into its parts.
#[derive(Debug, Default, Clone)]
struct MentionParts {
    country: Option<&'static str>,
    role: Option<&'static str>,
    /// The role is named in the plural ("officials", "aides"): several people,
    /// never resolved to one person of that role.
    plural_role: bool,
    name: Vec<String>,
    /// Capitalised modifiers of a role that are not a known country ("Swedish", "White House").
    affiliation_words: Vec<String>,
    /// Gender shown by an honorific ("Mrs.", "Sir").
    honorific: Option<Gender>,
    /// The honorific as written ("Mrs.", "Sir"), kept in the display of one-word names.
    honorific_word: Option<String>,
}

impl MentionParts {
    /// The organisation a named person is with, when the mention gives one.
    fn organisation(&self) -> Option<String> {
        (!self.name.is_empty() && !self.affiliation_words.is_empty())
            .then(|| self.affiliation_words.join(" "))
    }
}

/// "Lind's" → "Lind", "Vales’" → "Vales".
fn without_possessive(mut word: &str) -> &str {
    while let Some(stem) = word.strip_suffix("'s") {
        word = stem;
    }
    while let Some(stem) = word.strip_suffix("\u{2019}s") {
        word = stem;
    }
    word.trim_end_matches(['\'', '\u{2019}'])
}

fn parse_mention(words: &[&str]) -> MentionParts {
    let lexicon = Lexicon::get();
    let mut parts = MentionParts::default();
    // Names before the role are modifiers ("Swedish top diplomat", "White House spokesman");
    // names after it are the person's name.
    let mut before_role: Vec<String> = Vec::new();
    let mut seen_role = false;
    // The capitalised words before a lower-case run are modifiers, not the name.
    let mut modifiers_closed = false;
    let mut phrase = String::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i].trim_matches(|c: char| {
            !c.is_alphanumeric() && c != '-' && c != '.' && c != '\'' && c != '\u{2019}'
        });
        // Read on the word as written: the trimming above takes the comma off.
        let ends_with_comma = words[i].ends_with(',');
        let word = word.trim_end_matches(',');
        // "WASHINGTON -- President Obama": a dateline before a dash is not the person's.
        if matches!(word, "-" | "--" | "\u{2013}" | "\u{2014}") && parts.name.is_empty() && !seen_role {
            before_role.clear();
            i += 1;
            continue;
        }
        if word.is_empty() {
            // "Joshua Levy , the committee chairman" (the comma a token of its own).
            if words[i].contains(',') && (!parts.name.is_empty() || !before_role.is_empty() && !seen_role) {
                if parts.name.is_empty() {
                    parts.name.append(&mut before_role);
                }
                take_appositive(&mut parts, &words[i + 1..]);
                break;
            }
            i += 1;
            continue;
        }
        let matched = match role_at(lexicon, words, i, &mut phrase) {
            Some((role, length, plural)) => {
                // A more specific role wins over "minister" alone.
                if parts.role.is_none() || length > 1 {
                    parts.role = Some(role);
                    parts.plural_role = plural;
                }
                length
            }
            None => 0,
        };
        if matched > 0 {
            seen_role = true;
            i += matched;
            continue;
        }
        // A country before any name word modifies what follows ("Russian Foreign
        // Minister", "US Secretary of State"); after one it ends a name ("Anatole
        // France", "Michael Jordan").
        if parts.name.is_empty()
            && before_role.is_empty()
            && let Some(country) = lexicon.country(word.trim_end_matches('.'))
            // "Georgia Brown", "Chad Evans", "Jordan Peterson": a country's own name right
            // before a name word is a first name (a nationality is a demonym, "US" or
            // "UK" initials, or stands before a role: "Iran Foreign Minister").
            && !(country == word
                && words.get(i + 1).is_some_and(|next| {
                    let next = next.trim_end_matches([',', '.']);
                    next.chars().next().is_some_and(char::is_uppercase)
                        && !lexicon.opens_role(next)
                        && lexicon.country(next).is_none()
                        && !is_capitalised_function_word(lower(next).as_ref())
                }))
        {
            parts.country.get_or_insert(country);
            i += 1;
            continue;
        }
        let honorific = lexicon.is_honorific(word);
        if parts.name.is_empty() && honorific {
            parts.honorific_word = Some(word.to_owned());
        }
        match word.trim_end_matches('.') {
            "Mr" | "Sir" | "Lord" | "Master" | "Mister" => parts.honorific = Some(Gender::Male),
            "Mrs" | "Miss" | "Ms" | "Lady" | "Madame" | "Mme" | "Dame" => {
                parts.honorific = Some(Gender::Female)
            }
            _ => {}
        }
        let is_name = word.chars().next().is_some_and(char::is_uppercase)
            // "Nothing--as Mrs. Welland had often remarked": a dash joins no name.
            && !word.as_bytes().windows(2).any(|pair| pair == b"--")
            && !word.contains('\u{2014}')
            && {
                // Lowered once for the four lists (each would lower it again).
                let lowered = lower(word);
                let lowered = lowered.as_ref();
                !is_capitalised_function_word(lowered)
                    && !is_speaker_pronoun(lowered)
                    && !honorific
                    && !is_determiner(lowered)
            }
            && word.chars().any(char::is_alphabetic);
        if is_name {
            let cleaned = without_possessive(word).to_owned();
            // "The BBC's Karl Oduya", "France's Nicolas Marchetti": a possessive before
            // more name words names whom the person is with, not the person.
            let owner_of_next = cleaned.len() < word.len()
                && !seen_role
                && parts.name.is_empty()
                && words.get(i + 1).is_some_and(|next| {
                    next.chars().next().is_some_and(char::is_uppercase)
                        && !lexicon.opens_role(next.trim_end_matches(','))
                        && !is_capitalised_function_word(next)
                });
            if owner_of_next {
                before_role.push(cleaned);
                let owner = std::mem::take(&mut before_role);
                match lexicon.country(&owner.join(" ")) {
                    Some(country) => {
                        parts.country.get_or_insert(country);
                    }
                    None => parts.affiliation_words = owner,
                }
                i += 1;
                continue;
            }
            if seen_role || modifiers_closed || !parts.name.is_empty() {
                parts.name.push(cleaned);
            } else {
                before_role.push(cleaned);
            }
            // "Tom Pryce, Dorian Vale": a comma ends the name.
            if ends_with_comma && (!parts.name.is_empty() || !before_role.is_empty()) {
                if parts.name.is_empty() && !seen_role {
                    parts.name.append(&mut before_role);
                }
                take_appositive(&mut parts, &words[i + 1..]);
                break;
            }
        } else if is_name_particle(word)
            && (!parts.name.is_empty()
                // "Mr. van der Berg", "de Vries": the particle opens the family name.
                || words.get(i + 1).is_some_and(|next| {
                    next.chars().next().is_some_and(char::is_uppercase) || is_name_particle(next)
                }))
        {
            parts.name.push(word.to_owned());
        } else if !parts.name.is_empty() {
            // A name is one run of words: "Vera and Lionel" is not a person called "Vera Lionel".
            break;
        } else if !before_role.is_empty() && !seen_role && parts.name.is_empty() {
            // "The Democratic presidential nominee", "Justice Department senior trial
            // counsel Caroline Wolverton", "Democratic front-runner Hillary Clinton",
            // "Democratic voters": capitalised words running on through lower-case
            // ones into a role, a name or a group modify what follows; otherwise
            // ("Lind the younger", "Joshua Levy , the chairman") a name before a
            // lower-case word is the name, as is a full name before an owner's
            // possessive ("Nicolas Sarkozy France's former president").
            let owner_after_name =
                before_role.len() > 1 && without_possessive(words[i - 1]).len() < words[i - 1].len();
            if !modifiers_closed
                && !owner_after_name
                && runs_on_into_role_or_name(lexicon, words, i, &mut phrase)
            {
                modifiers_closed = true;
            } else if !modifiers_closed {
                parts.name.append(&mut before_role);
                if matches!(word, "and" | "or" | "&") {
                    break;
                }
            }
        }
        i += 1;
    }
    if !before_role.is_empty() {
        if seen_role || modifiers_closed {
            // Modifiers of a role, a name or a group: an affiliation ("Swedish", "White
            // House", "Justice Department", "Democratic voters"), unless the mention
            // names nothing else.
            let group = words.last().is_some_and(|head| is_group_head(lower(head).as_ref()));
            if parts.name.is_empty() && parts.role.is_none() && !group {
                parts.name = before_role;
            } else if parts.affiliation_words.is_empty() {
                parts.affiliation_words = before_role;
            }
        } else {
            parts.name.extend(before_role);
        }
    }
    split_glued_country(&mut parts, lexicon);
    parts
}

/// The longest role phrase starting at word `i` (none unless the word opens one):
/// the role, how many words it takes and whether it is written in the plural.
/// `phrase` is scratch space, kept by the caller across calls.
fn role_at(
    lexicon: &Lexicon,
    words: &[&str],
    i: usize,
    phrase: &mut String,
) -> Option<(&'static str, usize, bool)> {
    let first = words[i].trim_end_matches(',');
    if !lexicon.opens_role(first) {
        return None;
    }
    // "Justice Department", "Defense Ministry": a capitalised role word naming the
    // office of a body is part of the body's name, not a person's role.
    if words
        .get(i + 1)
        .is_some_and(|next| is_body_of_state(without_possessive(next.trim_end_matches(','))))
        && first.chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    (1..=lexicon.max_role_words.min(words.len() - i))
        .rev()
        .find_map(|length| {
            phrase.clear();
            for (n, word) in words[i..i + length].iter().enumerate() {
                if n > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(word);
            }
            let written = phrase.trim_end_matches(',');
            lexicon
                .role(written)
                .map(|role| (role, length, lexicon.is_plural_role(written)))
        })
}

/// True when the lower-case word `i`, right after capitalised words (not after a
/// comma, not a determiner or a connector), opens a run of plain lower-case words
/// that ends in a role phrase, a capitalised name word, or the mention's last
/// word as the noun of a group.
fn runs_on_into_role_or_name(lexicon: &Lexicon, words: &[&str], i: usize, phrase: &mut String) -> bool {
    if words[i - 1].ends_with(',') {
        return false;
    }
    for j in i..words.len() {
        if j > i && role_at(lexicon, words, j, phrase).is_some() {
            return true;
        }
        let word = words[j];
        let lowered = lower(word);
        let lowered = lowered.as_ref();
        if word.chars().next().is_some_and(char::is_uppercase) {
            return j > i
                && !is_capitalised_function_word(lowered)
                && !is_speaker_pronoun(lowered)
                && !lexicon.is_honorific(word);
        }
        let plain = word.chars().all(|c| c.is_alphabetic() || c == '-');
        if !plain || is_determiner(lowered) || is_preposition(lowered) || is_name_particle(lowered)
            || matches!(lowered, "and" | "or" | "who" | "which" | "that")
        {
            return false;
        }
    }
    // "Democratic voters", "Clinton aides", "the Sanders campaign": the mention ends
    // in the lower-case noun of a group, which the capitalised words describe.
    words.last().is_some_and(|head| is_group_head(lower(head).as_ref()))
}

/// A lower-case noun that heads a description of a group of people: a plural
/// ("voters", "aides") or a body that speaks as one ("campaign", "government").
fn is_group_head(word: &str) -> bool {
    looks_plural(word)
        || matches!(
            word,
            "campaign" | "administration" | "camp" | "team" | "government" | "party" | "staff" | "family" | "side"
        )
}

/// Head nouns of the bodies of a state or an organisation, capitalised in their
/// names ("Justice Department", "Foreign Office", "Finance Committee").
fn is_body_of_state(word: &str) -> bool {
    matches!(
        word,
        "Department"
            | "Ministry"
            | "Office"
            | "Committee"
            | "Council"
            | "Agency"
            | "Bureau"
            | "Commission"
            | "Court"
            | "Directorate"
            | "Service"
            | "Secretariat"
    )
}

/// "Joshua Levy, the committee chairman": an appositive after a name, without
/// a name of its own, gives the person's role, country and affiliation.
fn take_appositive(parts: &mut MentionParts, rest: &[&str]) {
    if parts.role.is_some() || rest.is_empty() {
        return;
    }
    let appositive = parse_mention(rest);
    if appositive.name.is_empty() && appositive.role.is_some() {
        parts.role = appositive.role;
        parts.country = parts.country.or(appositive.country);
        if parts.affiliation_words.is_empty() {
            parts.affiliation_words = appositive.affiliation_words;
        }
    }
}

/// "Nicolas Sarkozy France's former president", a caption's "Nicolas Sarkozy
/// France": a country named after a full name is the person's country, not
/// part of the name. Only after two name words or more ("Anatole France",
/// "Michael Jordan" keep theirs), and only a country's name or short form as
/// written (a demonym there is more often a surname: "Mary Anne French").
fn split_glued_country(parts: &mut MentionParts, lexicon: &Lexicon) {
    if parts.country.is_some() || parts.name.len() < 3 {
        return;
    }
    for glued in (1..=3.min(parts.name.len() - 2)).rev() {
        let split = parts.name.len() - glued;
        // "Lisa O. Monaco": after a middle initial comes the surname.
        if parts.name[split - 1].trim_end_matches('.').chars().count() == 1 {
            continue;
        }
        if let Some(country) = country_as_written(lexicon, &parts.name[split..].join(" ")) {
            parts.country = Some(country);
            parts.name.truncate(split);
            return;
        }
    }
}

/// The country a text names by its own name or short form ("France", "UK"), not
/// by a demonym: after a name a demonym is more often a surname ("Mary Anne French").
fn country_as_written(lexicon: &Lexicon, written: &str) -> Option<&'static str> {
    let country = lexicon.country(written)?;
    let short_form = written.len() <= 3 && written.chars().all(|c| c.is_ascii_uppercase());
    (country == written || short_form).then_some(country)
}

/// A capitalised word that is no honorific, role word, function word or
/// determiner: what a name may be made of ("Ana", "Ruiz"; not "Mr", "Minister",
/// "When", "The").
fn is_plain_capitalised(lexicon: &Lexicon, word: &str) -> bool {
    let lowered = lower(word);
    word.chars().next().is_some_and(char::is_uppercase)
        && !lexicon.is_honorific(word)
        && !lexicon.is_role_word(word)
        && !is_capitalised_function_word(lowered.as_ref())
        && !is_determiner(lowered.as_ref())
}

/// "…," said the mayor, Ana Ruiz.": the name in apposition after a role
/// mention (two to four capitalised words that are neither role, honorific,
/// country nor function words, ending the clause) is the speaker's name.
fn name_after_role(after: &str) -> Option<Vec<String>> {
    let lexicon = Lexicon::get();
    let rest = after.strip_prefix(", ")?;
    let end = rest
        .find(['.', ',', ';', ':', '\n', '(', ')', '"', '\u{201C}', '\u{201D}'])
        .unwrap_or(rest.len());
    let words: Vec<&str> = rest[..end].split(' ').collect();
    let is_name_word = |word: &str| {
        is_plain_capitalised(lexicon, word)
            && word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}')
            && lexicon.country(word).is_none()
    };
    ((2..=4).contains(&words.len()) && words.iter().all(|w| is_name_word(w)))
        .then(|| words.iter().map(|w| (*w).to_owned()).collect())
}

/// How far (bytes) before a person's first mention the text may name them in full.
const INTRODUCTION_WINDOW: usize = 5_000;

/// "BBC Paul Reynolds reports from Brussels … Reynolds said": a person known only
/// by a surname is the one the text named in full shortly before their first
/// mention ([`INTRODUCTION_WINDOW`]), when it names exactly one. A given name right
/// before the surname (the name list, or the first name of someone else in the
/// article) makes the full name; an outlet's initials or a possessive owner before
/// it ("BBC", "The BBC's") is the organisation, a country's name after it ("Angela
/// Merkel Germany" in a caption or a list) the country. The person stays as they
/// were when another first name stands before the same surname ("Tomas Varga",
/// "Ilona Varga"), when the word is written elsewhere as a first name ("Jane" of
/// "Jane Andrews"), under a married woman's title ("Mrs. Welland" is not "May
/// Welland"), or when the given name's sex is not the one the honorific or the
/// pronouns around the person show ("Dallas" whom the text calls "he").
fn name_in_full_from_text(
    text: &str,
    tokens: &[Token],
    people: &mut [Person],
    quoted: &[Range<usize>],
) {
    let lexicon = Lexicon::get();
    let first_names: Vec<String> = people
        .iter()
        .filter(|p| p.full_name.len() >= 2)
        .map(|p| p.full_name[0].clone())
        .collect();
    let capitalised = |word: &str| word.chars().next().is_some_and(char::is_uppercase);
    let is_given_name = |word: &str| {
        is_plain_capitalised(lexicon, word)
            && (lexicon.given_name_is_female(word).is_some() || first_names.iter().any(|n| n == word))
    };
    // A capitalised word before a surname that is none of the words that may stand
    // there besides a first name ("Mr", "Minister", "When", "US", "Norwegian").
    let might_be_given_name = |word: &str| {
        is_plain_capitalised(lexicon, word)
            && lexicon.country(word).is_none()
            && !word.chars().all(|c| c.is_ascii_uppercase() || c == '.')
    };
    // The words of one line, one space apart: a name is written that way.
    let adjacent = |a: &Token, b: &Token| a.is_word && b.is_word && &text[a.end..b.start] == " ";
    // "O'Brien" is a name, "I'd" is not.
    let name_like = |word: &str| {
        capitalised(word)
            && word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}'))
            && word
                .split(['\'', '\u{2019}'])
                .skip(1)
                .all(|rest| rest.chars().next().is_some_and(char::is_uppercase))
    };
    // The sex the pronouns around each person's mentions show, computed once if needed.
    let mut text_genders: Option<Vec<Gender>> = None;
    for index in 0..people.len() {
        let person = &people[index];
        let surname = match person.full_name.as_slice() {
            [surname] if name_like(surname) => surname.as_str(),
            _ => continue,
        };
        // "Mrs. Welland" is the mother, not "May Welland": a married woman's title
        // names the family's wife, not one of its first-named members.
        let married_title = person.honorific_word.as_deref().is_some_and(|h| {
            matches!(h.trim_end_matches('.'), "Mrs" | "Madame" | "Mme" | "Lady" | "Dame")
        });
        if married_title
            || first_names.iter().any(|n| n == surname)
            || people
                .iter()
                .any(|p| p.full_name.len() >= 2 && p.surname() == surname)
        {
            continue;
        }
        // A word the text also writes before another name is a first name ("Jane"
        // of "Jane Andrews", "Cassandra" of "Cassandra Otway"), not a surname.
        let first_name_elsewhere = tokens.windows(2).any(|pair| {
            pair[0].text(text) == surname
                && adjacent(&pair[0], &pair[1])
                && might_be_given_name(pair[1].text(text))
                && name_like(pair[1].text(text))
        });
        if first_name_elsewhere {
            continue;
        }
        let mut introduced: Option<usize> = None; // the surname's token
        let mut ambiguous = false;
        for at in 1..tokens.len() {
            let token = &tokens[at];
            if token.start >= person.first_seen {
                break;
            }
            // A news story names a person in full a few paragraphs before quoting them;
            // a name far back (a novel's chapters) is more often someone else's.
            if token.start + INTRODUCTION_WINDOW < person.first_seen {
                continue;
            }
            let before = &tokens[at - 1];
            if token.text(text) != surname || !adjacent(before, token) {
                continue;
            }
            let word = before.text(text);
            if is_given_name(word) && introduced.is_none() {
                introduced = Some(at);
            } else if introduced.is_none_or(|first| tokens[first - 1].text(text) != word)
                && might_be_given_name(word)
            {
                // "Tomas Varga and Ilona Varga": another first name (listed or not).
                ambiguous = true;
                break;
            }
        }
        let (Some(at), false) = (introduced, ambiguous) else {
            continue;
        };
        let given = tokens[at - 1].text(text);
        if let Some(gender) = person.honorific_gender
            && lexicon.given_name_is_female(given) != Some(gender == Gender::Female)
        {
            continue;
        }
        // "Dallas" whom the text calls "he" is not "Regina Dallas".
        if let Some(female) = lexicon.given_name_is_female(given) {
            let by_text = text_genders.get_or_insert_with(|| {
                genders(text, tokens, people, &surname_occurrences(text, tokens, people, quoted)).by_text
            });
            if by_text[index] != Gender::Unknown && (by_text[index] == Gender::Female) != female {
                continue;
            }
        }
        // The capitalised words just before the given name, on its line.
        let mut owner: Vec<&str> = Vec::new();
        let mut before = at - 1;
        while before > 0 && owner.len() < 3 && adjacent(&tokens[before - 1], &tokens[before]) {
            let word = tokens[before - 1].text(text);
            if !capitalised(word) {
                break;
            }
            owner.insert(0, word);
            before -= 1;
        }
        let possessive = owner
            .last()
            .is_some_and(|last| without_possessive(last).len() < last.len());
        if let Some(last) = owner.last_mut() {
            *last = without_possessive(last);
        }
        if owner.first().is_some_and(|w| is_determiner(lower(w).as_ref())) {
            owner.remove(0);
        }
        let initials = |word: &&str| {
            (2..=6).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase())
        };
        let owner_is_plain = !owner.is_empty()
            && !owner
                .iter()
                .any(|w| lexicon.is_role_word(w) || lexicon.is_honorific(w));
        let owner_country = owner_is_plain
            .then(|| lexicon.country(&owner.join(" ")))
            .flatten();
        let owner_organisation = (owner_is_plain
            && owner_country.is_none()
            && (possessive || owner.iter().all(initials)))
        .then(|| owner.join(" "));
        // A country's name (not its demonym: "Mary Anne French") right after the name.
        let country_after = tokens
            .get(at + 1)
            .filter(|next| adjacent(&tokens[at], next))
            .and_then(|next| country_as_written(lexicon, next.text(text)));
        let person = &mut people[index];
        person.full_name.insert(0, given.to_owned());
        person.country = person.country.or(owner_country).or(country_after);
        if person.organisation.is_none() {
            person.organisation = owner_organisation;
        }
    }
}

/// Grammatical gender of a person, as the text shows it (honorifics, pronouns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn of_pronoun(word: &str) -> Gender {
        match word.to_lowercase().as_str() {
            "he" | "him" | "his" | "himself" => Gender::Male,
            "she" | "her" | "hers" | "herself" => Gender::Female,
            _ => Gender::Unknown,
        }
    }

    /// The gender a description's head word implies ("the girl", "the old gentleman").
    fn of_description(head: &str) -> Gender {
        match head.to_lowercase().as_str() {
            "man" | "gentleman" | "boy" | "father" | "brother" | "son" | "husband" | "uncle"
            | "king" | "prince" | "lord" | "fellow" | "lad" | "sir" | "grandfather" | "nephew" => {
                Gender::Male
            }
            "woman" | "lady" | "girl" | "mother" | "sister" | "daughter" | "wife" | "aunt"
            | "queen" | "princess" | "maid" | "widow" | "grandmother" | "niece" | "miss" => {
                Gender::Female
            }
            _ => Gender::Unknown,
        }
    }

    fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// Each person's gender: `best` from honorifics, else the given-name list, else the
/// pronouns the text puts after their mentions; `by_text` leaves the list out, for a
/// pronoun no one else fits ("Adel Nasser … he told": the list has Adel as a woman).
struct Genders {
    best: Vec<Gender>,
    by_text: Vec<Gender>,
}

fn genders(
    text: &str,
    tokens: &[Token],
    people: &[Person],
    occurrences: &[Vec<usize>],
) -> Genders {
    let by_text: Vec<Gender> = people
        .iter()
        .zip(occurrences)
        .map(|(person, positions)| {
            if let Some(gender) = person.honorific_gender {
                return gender;
            }
            let (mut male, mut female) = (0usize, 0usize);
            for &at in positions.iter().take(200) {
                let index = tokens.partition_point(|t| t.start < at);
                if index > 0 {
                    match tokens[index - 1].text(text).trim_end_matches('.') {
                        "Mr" | "Sir" | "Lord" | "Master" | "Mister" => male += 5,
                        "Mrs" | "Miss" | "Ms" | "Lady" | "Madame" | "Mme" | "Dame" => female += 5,
                        _ => {}
                    }
                }
                // The first subject pronoun after the name in the same sentence of narration
                // ("Ralph … he", "Mary … she"); quotation marks and sentence ends stop the look.
                for token in tokens.iter().skip(index + 1).take(10) {
                    let word = token.text(text);
                    if matches!(
                        word,
                        "." | "!" | "?" | ";" | "\"" | "\u{201C}" | "\u{201D}" | "'"
                    ) {
                        break;
                    }
                    match word {
                        "he" => male += 1,
                        "she" => female += 1,
                        _ => continue,
                    }
                    break;
                }
            }
            if male >= 2 * female.max(1) {
                Gender::Male
            } else if female >= 2 * male.max(1) {
                Gender::Female
            } else {
                Gender::Unknown
            }
        })
        .collect();
    let best = people
        .iter()
        .zip(&by_text)
        .map(|(person, &gender)| {
            if person.honorific_gender.is_some() {
                return gender;
            }
            match person
                .full_name
                .first()
                .and_then(|n| Lexicon::get().given_name_is_female(n))
            {
                Some(true) => Gender::Female,
                Some(false) => Gender::Male,
                None => gender,
            }
        })
        .collect();
    Genders { best, by_text }
}

/// A person (or other speaker) as the article builds it up.
#[derive(Debug, Clone)]
struct Person {
    full_name: Vec<String>,
    role: Option<&'static str>,
    country: Option<&'static str>,
    /// Whom the person is with when that is not a country ("the BBC's Karl Oduya").
    organisation: Option<String>,
    first_seen: usize,
    honorific_gender: Option<Gender>,
    honorific_word: Option<String>,
    /// Mentions by one name only, before a fuller name was seen.
    bare_mentions: usize,
}

impl Person {
    fn surname(&self) -> &str {
        self.full_name.last().map_or("", String::as_str)
    }
}

/// Resolves the speaker mentions (byte spans, in quote order) to speakers.
/// Returns the speakers and, for each mention, the index of its speaker.
pub fn resolve_speakers(
    text: &str,
    tokens: &[Token],
    mentions: &[(Range<usize>, Range<usize>)],
    quoted: &[Range<usize>],
) -> (Vec<SpeakerEntity>, Vec<Option<usize>>) {
    // People introduced anywhere in the text with a role or in a speaker mention.
    let mut people: Vec<Person> = Vec::new();
    let add_person = |parts: &MentionParts, at: usize, people: &mut Vec<Person>| -> Option<usize> {
        if parts.name.is_empty() {
            return None;
        }
        let found = find_person(people, parts).filter(|&index| {
            // "Vale" said this and that for chapters before "Lucy Vale" appears:
            // she is his sister, not his full name.
            let person = &people[index];
            let sister =
                person.full_name.len() == 1 && parts.name.len() >= 2 && person.bare_mentions >= 3;
            // "Mrs. Vale" is not "Dorian Vale", whose gender the text has not shown.
            let unknown_gender = parts.name.len() == 1
                && person.full_name.len() >= 2
                && person.honorific_gender.is_none()
                && parts.honorific.is_some_and(|gender| {
                    Lexicon::get()
                        .given_name_is_female(&person.full_name[0])
                        .is_none_or(|female| female != (gender == Gender::Female))
                });
            // "Vale said" three times, then "Mrs. Vale": his wife or his mother.
            let wife = parts.name.len() == 1
                && person.full_name.len() == 1
                && person.honorific_gender.is_none()
                && parts.honorific.is_some()
                && person.bare_mentions >= 3;
            !sister && !unknown_gender && !wife
        });
        if let Some(index) = found {
            let person = &mut people[index];
            if parts.name.len() == 1 {
                person.bare_mentions += 1;
            }
            if parts.name.len() > person.full_name.len() {
                person.full_name = parts.name.clone();
            }
            person.role = person.role.or(parts.role);
            person.honorific_gender = person.honorific_gender.or(parts.honorific);
            if person.honorific_word.is_none() {
                person.honorific_word = parts.honorific_word.clone();
            }
            person.country = person.country.or(parts.country);
            if person.organisation.is_none() {
                person.organisation = parts.organisation();
            }
            return Some(index);
        }
        people.push(Person {
            full_name: parts.name.clone(),
            role: parts.role,
            country: parts.country,
            organisation: parts.organisation(),
            first_seen: at,
            honorific_gender: parts.honorific,
            honorific_word: parts.honorific_word.clone(),
            bare_mentions: usize::from(parts.name.len() == 1),
        });
        Some(people.len() - 1)
    };
    for (start, words) in titled_names(text, tokens) {
        let parts = parse_mention(&words);
        if parts.role.is_some() && !parts.name.is_empty() {
            add_person(&parts, start, &mut people);
        }
    }
    let parsed: Vec<MentionParts> = mentions
        .iter()
        .map(|(span, _)| {
            let mut parts = parse_mention(&text[span.clone()].split_whitespace().collect::<Vec<_>>());
            if parts.name.is_empty()
                && parts.role.is_some()
                && let Some(name) = name_after_role(&text[span.end..])
            {
                parts.name = name;
            }
            parts
        })
        .collect();
    for ((span, _), parts) in mentions.iter().zip(&parsed) {
        add_person(parts, span.start, &mut people);
    }
    name_in_full_from_text(text, tokens, &mut people, quoted);
    // First-person narration: "I" in a frame outside any quotation is one person.
    let narrator_frames = narrator_frames(text, mentions, quoted);
    let narrator = if narrator_frames.is_empty() {
        None
    } else {
        narrator_name(text, tokens, mentions, &narrator_frames, quoted).and_then(|(at, words)| {
            let parts = parse_mention(&words);
            add_person(&parts, at, &mut people)
        })
    };

    let mut speakers: Vec<SpeakerEntity> = Vec::new();
    let mut person_speaker: Vec<Option<usize>> = vec![None; people.len()];
    let same_as = full_name_of_first_names(&people);
    let mut speaker_for_person = |person: usize, speakers: &mut Vec<SpeakerEntity>| -> usize {
        let person = same_as[person];
        if let Some(index) = person_speaker[person] {
            return index;
        }
        let p = &people[person];
        speakers.push(SpeakerEntity {
            name: match (&p.honorific_word, p.full_name.len()) {
                // "Mrs. Palmer", "Sir John": a one-word name keeps its honorific.
                (Some(honorific), 1) => format!("{honorific} {}", p.full_name[0]),
                // "Mr. van der Berg": a family name that opens with its particle.
                (Some(honorific), _)
                    if p.full_name[0]
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase) =>
                {
                    format!("{honorific} {}", p.full_name.join(" "))
                }
                _ => p.full_name.join(" "),
            },
            // "The Justice Department has warned": a body named by its office.
            kind: if p.full_name.len() > 1
                && p.full_name.last().is_some_and(|head| is_body_of_state(head))
            {
                SpeakerKind::Organisation
            } else {
                SpeakerKind::Person
            },
            role: p.role.map(str::to_owned),
            affiliation: p.country.map(str::to_owned).or_else(|| p.organisation.clone()),
            female: None,
        });
        person_speaker[person] = Some(speakers.len() - 1);
        speakers.len() - 1
    };
    // Where each person's surname occurs (whole words), computed on the first pronoun.
    let occurrences: std::cell::OnceCell<Vec<Vec<usize>>> = std::cell::OnceCell::new();
    let occurrences =
        || occurrences.get_or_init(|| surname_occurrences(text, tokens, &people, quoted));
    let gender_cache: std::cell::OnceCell<Genders> = std::cell::OnceCell::new();
    let all_genders = || gender_cache.get_or_init(|| genders(text, tokens, &people, occurrences()));
    let genders_of = || all_genders().best.as_slice();
    let mut resolved: Vec<Option<usize>> = Vec::with_capacity(mentions.len());
    let mut last_person: Option<(usize, usize)> = None; // (person, quote start)
    let mut other_person: Option<usize> = None; // the last person before last_person
    for (index, ((span, quote), parts)) in mentions.iter().zip(&parsed).enumerate() {
        let mention = text[span.clone()].trim();
        let words: Vec<&str> = mention.split_whitespace().collect();
        let first_person_frame = narrator_frames.binary_search(&index).is_ok();
        let the_other = matches!(
            words.as_slice(),
            [the, other] if lower(the.trim_end_matches([',', '.'])).as_ref() == "the"
                && lower(other.trim_end_matches([',', '.'])).as_ref() == "other"
        );
        let person = if first_person_frame {
            narrator
        } else if the_other {
            // "inquired the other": the one of the two talking who did not speak last.
            other_person
        } else if !parts.name.is_empty() {
            find_person(&people, parts)
        } else if words.len() == 1 && is_speaker_pronoun(words[0]) {
            let gender = Gender::of_pronoun(words[0]);
            let resolve_with = |genders: &[Gender]| {
                subject_of_narration(text, tokens, span, gender, occurrences(), genders).or_else(
                    || {
                        resolve_pronoun(
                            span,
                            gender,
                            words[0],
                            occurrences(),
                            genders,
                            last_person.map(|(p, _)| p),
                        )
                    },
                )
            };
            // When nobody fits by the name list ("Adel" is a woman's name there), the
            // text's own evidence alone decides.
            resolve_with(genders_of()).or_else(|| resolve_with(&all_genders().by_text))
        } else if let Some(gender) = words
            .last()
            .map(|head| Gender::of_description(head.trim_end_matches([',', '.'])))
            .filter(|g| *g != Gender::Unknown && parts.name.is_empty() && parts.role.is_none())
        {
            // "the girl", "the old gentleman": the most recent person of that gender.
            resolve_pronoun(span, gender, "he", occurrences(), genders_of(), None)
        } else if !parts.plural_role && (parts.role.is_some() || parts.country.is_some()) {
            resolve_role(parts, &people, || occurrences().as_slice(), span.start)
        } else {
            None
        };
        let speaker = match person {
            // The narrator is not the "he" or "she" of the next frame.
            Some(person) if first_person_frame => Some(speaker_for_person(person, &mut speakers)),
            Some(person) => {
                if let Some((previous, _)) = last_person.filter(|(p, _)| *p != person) {
                    other_person = Some(previous);
                }
                last_person = Some((person, quote.start));
                Some(speaker_for_person(person, &mut speakers))
            }
            None if first_person_frame => Some(
                speakers
                    .iter()
                    .position(|s| s.name == NARRATOR)
                    .unwrap_or_else(|| {
                        speakers.push(SpeakerEntity {
                            name: NARRATOR.to_owned(),
                            kind: SpeakerKind::Person,
                            role: None,
                            affiliation: None,
                            female: None,
                        });
                        speakers.len() - 1
                    }),
            ),
            None if words.len() == 1 && is_speaker_pronoun(words[0]) => None,
            None => {
                let mut name = strip_determiner(mention);
                // "Officials in Ohio said": a plural role word capitalised only because it
                // opens the sentence is a description, written as the text would mid-sentence.
                if parts.plural_role
                    && name == mention
                    && !name.contains(' ')
                    && name.chars().next().is_some_and(char::is_uppercase)
                    && name.chars().skip(1).all(char::is_lowercase)
                {
                    name = name.to_lowercase();
                }
                let kind = if parts.role.is_some() {
                    SpeakerKind::Anonymous
                } else {
                    SpeakerKind::Organisation
                };
                let existing = speakers
                    .iter()
                    .position(|s| s.name.eq_ignore_ascii_case(&name));
                Some(existing.unwrap_or_else(|| {
                    speakers.push(SpeakerEntity {
                        name,
                        kind,
                        role: parts.role.map(str::to_owned),
                        affiliation: parts.country.map(str::to_owned).or_else(|| {
                            (!parts.affiliation_words.is_empty())
                                .then(|| parts.affiliation_words.join(" "))
                        }),
                        female: None,
                    });
                    speakers.len() - 1
                }))
            }
        };
        let _ = index;
        resolved.push(speaker);
    }
    // Genders of the people who speak, for the dialogue pass.
    if let Some(genders) = gender_cache.get() {
        for (person, speaker) in person_speaker.iter().enumerate() {
            if let Some(speaker) = speaker {
                speakers[*speaker].female = match genders.best[person] {
                    Gender::Female => Some(true),
                    Gender::Male => Some(false),
                    Gender::Unknown => None,
                };
            }
        }
    }
    (speakers, resolved)
}

/// For each person, the person they are: a one-word "May" or "Tom" is the
/// only "May Welland" or "Tom Bertram" the text names, so one speaker.
fn full_name_of_first_names(people: &[Person]) -> Vec<usize> {
    (0..people.len())
        .map(|index| {
            let person = &people[index];
            if person.full_name.len() != 1 || person.honorific_word.is_some() {
                return index;
            }
            let name = person.full_name[0].as_str();
            let mut full = (0..people.len()).filter(|&other| {
                people[other].full_name.len() >= 2 && people[other].full_name[0] == name
            });
            let is_a_surname = people
                .iter()
                .any(|p| p.full_name.len() >= 2 && p.surname() == name);
            match (full.next(), full.next()) {
                (Some(other), None) if !is_a_surname => other,
                _ => index,
            }
        })
        .collect()
}

/// The speaker of first-person frames ("…," I said) when the text never names the narrator.
const NARRATOR: &str = "the narrator";

/// Gives the unnamed narrator the name of the article's one author ("Last week I
/// asked both campaigns …" in a column is its byline's person), joining a speaker
/// of that name if the text has one. `byline` is the article's author field as
/// imported ("By Jane Doe, Reuters"); nothing changes unless it names exactly one
/// person (see [`byline_person`]).
pub fn name_the_narrator(speakers: &mut Vec<SpeakerEntity>, quotes: &mut [super::Quote], byline: &str) {
    let Some(narrator) = speakers.iter().position(|s| s.name == NARRATOR) else {
        return;
    };
    let Some(author) = byline_person(byline) else {
        return;
    };
    match speakers.iter().position(|s| s.name == author) {
        Some(same) => {
            // One speaker for both: the narrator's quotations go to the named one.
            speakers.remove(narrator);
            let same = if same > narrator { same - 1 } else { same };
            for quote in quotes.iter_mut() {
                quote.speaker = quote.speaker.map(|index| match index {
                    i if i == narrator => same,
                    i if i > narrator => i - 1,
                    i => i,
                });
            }
        }
        None => {
            let speaker = &mut speakers[narrator];
            speaker.name = author;
            speaker.kind = SpeakerKind::Person;
        }
    }
}

/// The one person a byline names: "By Jane Doe", "Jane Doe, Reuters", "Jane
/// Doe | Staff" give "Jane Doe"; several people ("Jane Doe and John Roe"), a
/// desk or an outlet alone ("Editorial Board", "Reuters staff"), or anything but
/// two to four name words give none.
pub fn byline_person(byline: &str) -> Option<String> {
    let byline = byline.trim();
    // "By", "Von", "Par" …: the words the importer already takes for a byline's.
    let byline = crate::ingest::html::BYLINE_WORDS
        .iter()
        .find_map(|by| {
            let head = byline.get(..by.len())?;
            head.eq_ignore_ascii_case(by).then(|| byline[by.len()..].trim_start())
        })
        .unwrap_or(byline);
    let first = byline.split([',', ';', '|', '/', '\n']).next()?.trim();
    let first = first.split(" - ").next()?.trim();
    let words: Vec<&str> = first.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    let lexicon = Lexicon::get();
    let name_word = |word: &str| {
        let lowered = lower(word);
        word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '\u{2019}'))
            && !is_capitalised_function_word(lowered.as_ref())
            && lexicon.country(word).is_none()
            && !matches!(
                lowered.as_ref(),
                "staff" | "editors" | "editorial" | "board" | "desk" | "reporter" | "reporters" | "news" | "press"
                    | "team" | "correspondent" | "correspondents" | "agency" | "service" | "wire" | "contributor"
            )
    };
    let particle = |word: &str| is_name_particle(word);
    let all_names = words.iter().all(|w| name_word(w) || particle(w));
    let names = words.iter().filter(|w| name_word(w)).count();
    (all_names && names >= 2 && name_word(words[0]) && name_word(words[words.len() - 1]))
        .then(|| words.join(" "))
}

/// Indices (ascending) of the mentions that are a narrator's "I" outside any quotation.
fn narrator_frames(
    text: &str,
    mentions: &[(Range<usize>, Range<usize>)],
    quoted: &[Range<usize>],
) -> Vec<usize> {
    let inside_quote = |at: usize| {
        let index = quoted.partition_point(|r| r.end <= at);
        quoted.get(index).is_some_and(|r| r.start <= at)
    };
    mentions
        .iter()
        .enumerate()
        .filter(|(_, (span, _))| text[span.clone()].trim() == "I" && !inside_quote(span.start))
        .map(|(index, _)| index)
        .collect()
}

/// The narrator's name: the name the other speakers call out most often in
/// the turns just before and after the narrator's own ("Perhaps you are
/// right, Watson," he said). Returns where it was first seen and its words.
fn narrator_name<'t>(
    text: &'t str,
    tokens: &[Token],
    mentions: &[(Range<usize>, Range<usize>)],
    frames: &[usize],
    quoted: &[Range<usize>],
) -> Option<(usize, Vec<&'t str>)> {
    // A turn of another paragraph is another speaker's; texts without blank lines
    // mark paragraphs with a single line break.
    let paragraph_break = if text.contains("\n\n") { "\n\n" } else { "\n" };
    let mut counts: rustc_hash::FxHashMap<Vec<&str>, (usize, usize)> =
        rustc_hash::FxHashMap::default();
    let mut seen = rustc_hash::FxHashSet::default();
    for &frame in frames {
        let quote = &mentions[frame].1;
        let own = quoted.partition_point(|r| r.end <= quote.start);
        let neighbours = [own.checked_sub(1), own.checked_add(1)];
        for neighbour in neighbours.into_iter().flatten() {
            let Some(range) = quoted.get(neighbour) else {
                continue;
            };
            let gap = if neighbour < own {
                range.end..quote.start
            } else {
                quote.end..range.start
            };
            if gap.start > gap.end
                || !text[gap].contains(paragraph_break)
                || !seen.insert(neighbour)
            {
                continue;
            }
            for (at, name) in vocatives(text, tokens, range) {
                let entry = counts.entry(name).or_insert((0, at));
                entry.0 += 1;
                entry.1 = entry.1.min(at);
            }
        }
    }
    // The most frequent name, if it is called out more than once; ties go to the earliest.
    counts
        .into_iter()
        .filter(|(_, (count, _))| *count >= 2)
        .max_by_key(|(_, (count, at))| (*count, std::cmp::Reverse(*at)))
        .map(|(name, (_, at))| (at, name))
}

/// Names used to address someone inside a quotation: "Watson, …", "…, Watson.",
/// "…, my dear Watson!", "Oh, Diana, …". A name followed by a verb ("Diana says")
/// is a subject, not a vocative.
fn vocatives<'t>(
    text: &'t str,
    tokens: &[Token],
    range: &Range<usize>,
) -> Vec<(usize, Vec<&'t str>)> {
    let lexicon = Lexicon::get();
    let first = tokens.partition_point(|t| t.start < range.start);
    let last = tokens.partition_point(|t| t.end <= range.end);
    let in_quote = &tokens[first..last];
    let name_word = |token: &Token| {
        let word = token.text(text);
        token.is_word
            && word.chars().next().is_some_and(char::is_uppercase)
            && !is_capitalised_function_word(word)
            && !is_speaker_pronoun(word)
            && word != "I"
    };
    let mut found = Vec::new();
    let mut k = 0;
    while k < in_quote.len() {
        // A vocative opens the quotation or follows a comma (and an endearment).
        let mut start = k;
        let after_comma = k > 0 && in_quote[k - 1].text(text) == ",";
        if !(k == 0 || after_comma) {
            k += 1;
            continue;
        }
        while start < in_quote.len()
            && matches!(
                lower(in_quote[start].text(text)).as_ref(),
                "my" | "dear" | "good" | "old"
            )
        {
            start += 1;
        }
        let mut end = start;
        let mut words = Vec::new();
        while end < in_quote.len() {
            let token = &in_quote[end];
            let word = token.text(text);
            if lexicon.is_honorific(word) || name_word(token) {
                words.push(word);
                end += 1;
                // "Mr." and "Dr.": the period belongs to the honorific.
                if in_quote
                    .get(end)
                    .is_some_and(|t| t.text(text) == "." && lexicon.is_honorific(word))
                {
                    end += 1;
                }
            } else {
                break;
            }
        }
        let closes = in_quote
            .get(end)
            .is_none_or(|t| matches!(t.text(text), "," | "." | "!" | "?" | ";"));
        if closes && words.iter().any(|w| !lexicon.is_honorific(w)) && words.len() <= 3 {
            found.push((in_quote[start].start, words));
        }
        k = end.max(k + 1);
    }
    found
}

/// Byte offsets of each person's surname as a whole word in the text, in one
/// pass over the tokens.
fn surname_occurrences(
    text: &str,
    tokens: &[Token],
    people: &[Person],
    quoted: &[Range<usize>],
) -> Vec<Vec<usize>> {
    // Names inside quotations are mostly people spoken to, not the narration's subjects.
    let inside_quote = |at: usize| {
        let index = quoted.partition_point(|r| r.end <= at);
        quoted.get(index).is_some_and(|r| r.start <= at)
    };
    let mut by_surname: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (index, person) in people.iter().enumerate() {
        if !person.surname().is_empty() {
            by_surname.entry(person.surname()).or_default().push(index);
        }
    }
    // Novels call people by their first names: count those too when unambiguous.
    let mut first_names: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (index, person) in people.iter().enumerate() {
        if person.full_name.len() >= 2 {
            first_names
                .entry(person.full_name[0].as_str())
                .or_default()
                .push(index);
        }
    }
    for (name, indices) in first_names {
        if indices.len() == 1 && !by_surname.contains_key(name) {
            by_surname.insert(name, indices);
        }
    }
    let mut occurrences = vec![Vec::new(); people.len()];
    // Most names are capitalised: then lower-case words need no lookup. (A particle
    // that opens a name, "van der Berg", is looked up everywhere.)
    let lowercase_names = by_surname
        .keys()
        .any(|name| !name.starts_with(|c: char| c.is_ascii_uppercase()));
    for (position, token) in tokens.iter().enumerate() {
        if !token.is_word || !lowercase_names && text.as_bytes()[token.start].is_ascii_lowercase()
        {
            continue;
        }
        let Some(indices) = by_surname.get(token.text(text)) else {
            continue;
        };
        if inside_quote(token.start) {
            continue;
        }
        if let [index] = indices[..] {
            occurrences[index].push(token.start);
            continue;
        }
        // A family name shared by several people: the words before it say whose it is
        // ("Mrs. Vale", "Lucy Vale", or Dorian for a bare "Vale").
        let mut words = Vec::with_capacity(3);
        let mut before = position;
        while before > 0 && words.len() < 2 {
            before -= 1;
            let word = tokens[before].text(text);
            if word == "." {
                continue;
            }
            if !tokens[before].is_word || !word.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            words.insert(0, word);
        }
        words.push(token.text(text));
        if let Some(index) = find_person(people, &parse_mention(&words)) {
            occurrences[index].push(token.start);
        }
    }
    occurrences
}

/// The person a named mention refers to: same surname, unless first names or
/// honorifics disagree (a novel's Mrs. Vale, Lucy Vale and Dorian
/// Vale are three people); the most recently added wins, except for a
/// bare surname.
fn find_person(people: &[Person], parts: &MentionParts) -> Option<usize> {
    let surname = parts.name.last()?.to_lowercase();
    // No lower-casing for ASCII names (most): their lower case is ASCII too.
    let is_surname = |word: &str| {
        if word.is_ascii() {
            word.eq_ignore_ascii_case(&surname)
        } else {
            lower(word).as_ref() == surname
        }
    };
    // A first name alone ("Ralph") is the one person introduced with it ("Ralph Denham").
    if parts.name.len() == 1 && !people.iter().any(|p| is_surname(p.surname())) {
        let mut with_first_name = people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.full_name.len() >= 2 && is_surname(&p.full_name[0]));
        if let (Some((index, _)), None) = (with_first_name.next(), with_first_name.next()) {
            return Some(index);
        }
    }
    let candidates: Vec<usize> = (0..people.len())
        .filter(|&i| {
            let p = &people[i];
            is_surname(p.surname())
                && (parts.name.len() < 2
                    || p.full_name.len() < 2
                    || p.full_name[0] == parts.name[0])
                && match (p.honorific_gender, parts.honorific) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                }
        })
        .collect();
    // "Mrs. Vale" is the one the text calls Mrs. Vale, not Lucy Vale.
    fn honorific(word: &Option<String>) -> Option<&str> {
        word.as_deref().map(|w| w.trim_end_matches('.'))
    }
    if let Some(wanted) = honorific(&parts.honorific_word)
        && let Some(&same) = candidates
            .iter()
            .rev()
            .find(|&&i| honorific(&people[i].honorific_word) == Some(wanted))
    {
        return Some(same);
    }
    if candidates.len() > 1 && parts.name.len() == 1 && parts.honorific.is_none() {
        // A bare surname ("Vale") is the man of the family the text introduced
        // first, not his sister Lucy Vale nor Mrs. Vale.
        let female = |p: &Person| {
            p.honorific_gender == Some(Gender::Female)
                || (p.full_name.len() >= 2
                    && Lexicon::get().given_name_is_female(&p.full_name[0]) == Some(true))
        };
        if let Some(&first) = candidates
            .iter()
            .filter(|&&i| !female(&people[i]))
            .min_by_key(|&&i| people[i].first_seen)
        {
            return Some(first);
        }
    }
    candidates.last().copied()
}

fn strip_determiner(mention: &str) -> String {
    let mut words: Vec<&str> = mention.split_whitespace().collect();
    while words.len() > 1 && is_determiner(words[0]) && !words[0].eq_ignore_ascii_case("top") {
        words.remove(0);
    }
    words.join(" ").trim_end_matches(',').to_owned()
}

/// "Iraqi FM", "Russian top diplomat", "his Russian counterpart": the person
/// with that role and nationality; the nearest before the mention, else the
/// first after it (a lead often names the role before the person).
fn resolve_role<'o>(
    parts: &MentionParts,
    people: &[Person],
    occurrences: impl Fn() -> &'o [Vec<usize>],
    at: usize,
) -> Option<usize> {
    let wanted_affiliation =
        (!parts.affiliation_words.is_empty()).then(|| parts.affiliation_words.join(" "));
    // `back`: the person was named before the mention. Only then does a bare role
    // point to a more specific one ("Foreign Minister Sergei Lavrov … the
    // minister said"); a headline's "…: Minister" names nobody in particular.
    let compatible = |p: &Person, back: bool| {
        let role_ok = match (parts.role, p.role) {
            (Some("Counterpart"), _) | (None, _) => true,
            (Some(wanted), Some(has)) if parts.country.is_some() => {
                wanted == has || has.contains(wanted) || wanted.contains(has)
            }
            (Some(wanted), Some(has)) => wanted == has || back && is_kind_of_role(has, wanted),
            (Some(_), None) => false,
        };
        let country_ok = match (parts.country, p.country) {
            (Some(wanted), Some(has)) => wanted == has,
            (Some(_), None) => false,
            (None, _) => true,
        };
        // "The Democratic presidential nominee" is not a nominee the text gave as Republican.
        let affiliation_ok = match (&wanted_affiliation, &p.organisation) {
            (Some(wanted), Some(has)) => wanted == has,
            _ => true,
        };
        role_ok
            && country_ok
            && affiliation_ok
            && (parts.country.is_some() || parts.role != Some("Counterpart"))
    };
    // In a long text a role points to a person named near it: "the General" of a
    // novel's first chapter is not the "General Perovski" of a memoir cited in its
    // tenth. A news article is shorter than either window.
    // (The surname index is built only for a mention that far into a text.)
    let named_recently = |index: usize| {
        people[index].first_seen + ROLE_REACH_BACK >= at || {
            let positions = &occurrences()[index];
            let from = positions.partition_point(|&p| p + ROLE_REACH_BACK < at);
            positions.get(from).is_some_and(|&p| p <= at)
        }
    };
    let before = people
        .iter()
        .enumerate()
        .filter(|(i, p)| p.first_seen <= at && compatible(p, true) && named_recently(*i))
        .max_by_key(|(_, p)| p.first_seen);
    let after = people
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.first_seen > at && p.first_seen <= at + ROLE_REACH_AHEAD && compatible(p, false)
        })
        .min_by_key(|(_, p)| p.first_seen);
    before.or(after).map(|(i, _)| i)
}

/// "the minister" for "Foreign Minister Sergei Lavrov": a bare role points to a
/// person with a more specific one of the same head. Not when the modifier
/// makes another office ("Vice President" is not "the president", "Prime
/// Minister" not "the minister", "Press Secretary" not "the secretary").
fn is_kind_of_role(specific: &str, bare: &str) -> bool {
    specific
        .strip_suffix(bare)
        .and_then(|modifier| modifier.strip_suffix(' '))
        .is_some_and(|modifier| {
            !modifier.is_empty()
                && !modifier.split(' ').any(|word| {
                    matches!(
                        word,
                        "Vice" | "Deputy" | "Prime" | "Assistant" | "Under" | "Press" | "Former"
                    )
                })
        })
}

/// How far before a role mention its person must have been named (bytes).
const ROLE_REACH_BACK: usize = 30_000;
/// How far after a role mention its person may first be named (a headline's
/// "Iraqi FM:" named in the lead), in bytes.
const ROLE_REACH_AHEAD: usize = 3_000;

/// "Catherine looked round and saw Miss Tilney. … “Stop!” she cried": a
/// "he" or "she" in a frame is the person the narration just made its
/// subject (a name opening a sentence) in this paragraph or the one before,
/// if one of that gender was, rather than the last name mentioned.
fn subject_of_narration(
    text: &str,
    tokens: &[Token],
    span: &Range<usize>,
    gender: Gender,
    occurrences: &[Vec<usize>],
    genders: &[Gender],
) -> Option<usize> {
    if gender == Gender::Unknown {
        return None;
    }
    let paragraph_start = |at: usize| text[..at].rfind("\n\n").map_or(0, |i| i + 2);
    let this_paragraph = paragraph_start(span.start);
    let window_start = this_paragraph;
    let opens_sentence = |at: usize| {
        let mut index = tokens.partition_point(|t| t.start < at);
        // Back over the rest of the name: "Miss Daisy Miller", "Mr. Thorpe".
        while index > 0 {
            let previous = tokens[index - 1];
            let word = previous.text(text);
            let name_part = previous.is_word && word.chars().next().is_some_and(char::is_uppercase);
            let honorific_period = word == "."
                && index >= 2
                && Lexicon::get().is_honorific(tokens[index - 2].text(text));
            if name_part && !text[previous.end..tokens[index].start].contains('\n')
                || honorific_period
            {
                index -= 1;
            } else {
                break;
            }
        }
        let start = tokens[index].start;
        if start <= window_start || text[..start].ends_with("\n\n") {
            return true;
        }
        index > 0 && matches!(tokens[index - 1].text(text), "." | "!" | "?" | ";")
    };
    (0..occurrences.len())
        .filter(|&person| genders[person] == gender)
        .filter_map(|person| {
            let positions = &occurrences[person];
            let from = positions.partition_point(|&at| at < window_start);
            let to = positions.partition_point(|&at| at < span.start);
            positions[from..to]
                .iter()
                .rev()
                .find(|&&at| opens_sentence(at))
                .map(|&at| (person, at))
        })
        .max_by_key(|&(_, at)| at)
        .map(|(person, _)| person)
}

/// "he", "she", "who", "in his part": the most recent person named before the
/// mention (outside quotations) whose gender agrees, preferring the previous
/// quote's speaker when nobody else was named since.
fn resolve_pronoun(
    span: &Range<usize>,
    gender: Gender,
    pronoun: &str,
    occurrences: &[Vec<usize>],
    genders: &[Gender],
    last_speaker: Option<usize>,
) -> Option<usize> {
    if !matches!(pronoun.to_lowercase().as_str(), "he" | "she" | "who" | "i") {
        return None;
    }
    let last_before = |person: usize| {
        let positions = &occurrences[person];
        let index = positions.partition_point(|&at| at < span.start);
        index.checked_sub(1).map(|i| positions[i])
    };
    let agrees = |person: usize| gender.compatible(genders[person]);
    let most_recent = |filter: &dyn Fn(usize) -> bool| {
        (0..occurrences.len())
            .filter(|&i| filter(i))
            .filter_map(|i| last_before(i).map(|at| (i, at)))
            .max_by_key(|&(_, at)| at)
    };
    // People whose gender is known to match come first; unknown ones only if none does.
    let recent = if gender == Gender::Unknown {
        most_recent(&agrees)
    } else {
        most_recent(&|i| genders[i] == gender).or_else(|| most_recent(&agrees))
    };
    match (last_speaker.filter(|&s| agrees(s)), recent) {
        (Some(speaker), Some((person, at))) => {
            // A person named after the last speaker's own mention takes over.
            let speaker_at = last_before(speaker).unwrap_or(0);
            Some(if at > speaker_at { person } else { speaker })
        }
        (Some(speaker), None) => Some(speaker),
        (None, Some((person, _))) => Some(person),
        (None, None) => None,
    }
}

/// Runs of title and name words in the text that hold a role word (only those can
/// introduce someone by role), for people introduced with a role.
fn titled_names<'t>(text: &'t str, tokens: &[Token]) -> Vec<(usize, Vec<&'t str>)> {
    let lexicon = Lexicon::get();
    let mut runs = Vec::new();
    // The run being read, reused from run to run; copied out only when it qualifies.
    let mut current: Vec<&str> = Vec::new();
    let mut start = 0;
    let capitalised = |token: &Token| {
        token.is_word
            && token
                .text(text)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    let mut end_run = |current: &mut Vec<&'t str>, start: usize| {
        if current.len() >= 2 && current.iter().any(|word| lexicon.is_role_word(word)) {
            runs.push((start, current.clone()));
        }
        current.clear();
    };
    for (index, token) in tokens.iter().enumerate() {
        let word = token.text(text);
        // A run never crosses a line: a headline ending "… in Paris" and a paragraph
        // opening "Nicolas Sarkozy, France's former president" are two runs.
        if !current.is_empty()
            && index > 0
            && text[tokens[index - 1].end..token.start].contains('\n')
        {
            end_run(&mut current, start);
        }
        // "U.S. Attorney": an abbreviation's period stays in the run, on its word.
        if word == "."
            && let Some(last) = current.last_mut()
            && super::speakers::is_abbreviation_period(text, tokens, index)
        {
            *last = &text[tokens[index - 1].start..token.end];
            continue;
        }
        // Lower-case role words count only next to a capitalised word ("spokesman Josh
        // Earnest"), so the lexicon is asked about few tokens.
        let near_capital = !current.is_empty() || tokens.get(index + 1).is_some_and(capitalised);
        let fits = capitalised(token)
            || token.is_word
                && near_capital
                && (matches!(
                    word,
                    "of" | "top" | "senior" | "foreign" | "deputy" | "former"
                ) || lexicon.role(word).is_some());
        if fits {
            if current.is_empty() {
                start = token.start;
            }
            current.push(word);
        } else if !current.is_empty() {
            end_run(&mut current, start);
        }
    }
    end_run(&mut current, start);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_points_to_a_person_named_near_it() {
        let general = |first_seen: usize| Person {
            full_name: vec!["Perovski".to_owned()],
            role: Some("General"),
            country: None,
            organisation: None,
            first_seen,
            honorific_gender: None,
            honorific_word: None,
            bare_mentions: 0,
        };
        let parts = parse_mention(&["the", "General"]);
        assert!(parts.role.is_some(), "{parts:?}");
        let role_of = |first_seen: usize, named: Vec<usize>, at: usize| {
            let occurrences = [named];
            resolve_role(&parts, &[general(first_seen)], || &occurrences[..], at)
        };
        // Named a page before: he is the General.
        assert_eq!(role_of(1_000, vec![1_000], 2_000), Some(0));
        // Named once, long before, or only chapters later: another general.
        assert_eq!(role_of(1_000, vec![1_000], 90_000), None);
        assert_eq!(role_of(90_000, vec![90_000], 2_000), None);
        // Named again recently: still him.
        assert_eq!(role_of(1_000, vec![1_000, 85_000], 90_000), Some(0));
        // A headline's role named in the lead just after it.
        assert_eq!(role_of(2_500, vec![2_500], 100), Some(0));
    }

    #[test]
    fn a_name_in_apposition_after_a_role_is_the_speakers() {
        let name = |after: &str| name_after_role(after).map(|n| n.join(" "));
        assert_eq!(name(", Ana Ruiz."), Some("Ana Ruiz".to_owned()));
        assert_eq!(name(", Lena Ostrova, on Monday."), Some("Lena Ostrova".to_owned()));
        // Not a name: a place, a lone word, a clause, no comma.
        assert_eq!(name(", Paris."), None);
        assert_eq!(name(", France and Spain."), None);
        assert_eq!(name(", who was there."), None);
        assert_eq!(name(" Ana Ruiz."), None);
        assert_eq!(name(", The Minister Of State."), None);
    }

    #[test]
    fn a_byline_names_one_person_or_nobody() {
        for (byline, person) in [
            ("By Mara Stein", Some("Mara Stein")),
            ("Mara Stein, City Desk", Some("Mara Stein")),
            ("BY Olu Bayo | Staff", Some("Olu Bayo")),
            ("Anna van der Berg", Some("Anna van der Berg")),
            ("Mara Stein and Olu Bayo", None),
            ("Editorial Board", None),
            ("Reuters Staff", None),
            ("Stein", None),
            ("the city desk", None),
        ] {
            assert_eq!(byline_person(byline).as_deref(), person, "{byline}");
        }
    }

    #[test]
    fn mentions_are_read_into_parts() {
        // An appositive gives the role; a country glued after a full name is the country.
        let parts = parse_mention(&["Joshua", "Levy,", "the", "committee", "chairman"]);
        assert_eq!((parts.name.join(" "), parts.role), ("Joshua Levy".to_owned(), Some("Chair")));
        let parts = parse_mention(&["Nicolas", "Sarkozy", "France's", "former", "president"]);
        assert_eq!(parts.name, ["Nicolas", "Sarkozy"]);
        assert_eq!((parts.country, parts.role), (Some("France"), Some("President")));
        for kept in [&["Anatole", "France"][..], &["Mary", "Anne", "French"], &["Lisa", "O.", "Monaco"]] {
            assert_eq!(parse_mention(kept).name, kept, "{kept:?}");
        }
        // Capitalised words running on into a role or a name modify it: an affiliation.
        let parts = parse_mention(&["The", "Green", "mayoral", "nominee"]);
        assert!(parts.name.is_empty());
        assert_eq!((parts.role, parts.affiliation_words.join(" ")), (Some("Nominee"), "Green".to_owned()));
        let parts = parse_mention(&["Justice", "Department", "senior", "trial", "counsel", "Mara", "Stein"]);
        assert_eq!(parts.name, ["Mara", "Stein"]);
        assert_eq!((parts.role, parts.affiliation_words.join(" ")), (Some("Counsel"), "Justice Department".to_owned()));
        let parts = parse_mention(&["Libertarian", "front-runner", "Ada", "Moss"]);
        assert_eq!((parts.name.join(" "), parts.affiliation_words.join(" ")), ("Ada Moss".to_owned(), "Libertarian".to_owned()));
        // A group the capitalised words describe is not a person named by them.
        for (group, owner) in [(&["Green", "voters"][..], "Green"), (&["the", "Moss", "campaign"], "Moss")] {
            let parts = parse_mention(group);
            assert!(parts.name.is_empty(), "{group:?}");
            assert_eq!(parts.affiliation_words.join(" "), owner);
        }
        assert_eq!(parse_mention(&["Ada", "Moss", "herself"]).name, ["Ada", "Moss"]);
        // … but not across a comma or a determiner, and a dateline is nobody's.
        let parts = parse_mention(&["Joshua", "Levy", ",", "the", "committee", "chairman"]);
        assert_eq!((parts.name.join(" "), parts.role), ("Joshua Levy".to_owned(), Some("Chair")));
        assert_eq!(parse_mention(&["Lind", "the", "younger"]).name, ["Lind"]);
        let parts = parse_mention(&["OSLO", "--", "President", "Ane", "Vik"]);
        assert_eq!((parts.name.join(" "), parts.affiliation_words.len()), ("Ane Vik".to_owned(), 0));
        // A role word naming a body's office is part of the body's name.
        let parts = parse_mention(&["The", "Justice", "Ministry"]);
        assert_eq!((parts.name.join(" "), parts.role), ("Justice Ministry".to_owned(), None));
        let parts = parse_mention(&["Russian", "Foreign", "Minister", "Sergei", "Lavrov"]);
        assert_eq!(parts.country, Some("Russia"));
        assert_eq!(parts.role, Some("Foreign Minister"));
        assert_eq!(parts.name, ["Sergei", "Lavrov"]);
        let parts = parse_mention(&["US", "Secretary", "of", "State", "Mike", "Pompeo"]);
        assert_eq!(parts.country, Some("United States"));
        assert_eq!(parts.role, Some("Secretary of State"));
        assert_eq!(parts.name, ["Mike", "Pompeo"]);
        // Any state's demonym is a nationality; a state's own name before a name is a first name.
        let parts = parse_mention(&["Palestinian", "President", "Mahmoud", "Abbas"]);
        assert_eq!((parts.country, parts.role), (Some("Palestine"), Some("President")));
        for kept in [&["Georgia", "Brown"][..], &["Jordan", "Peterson"], &["Chad", "Evans"]] {
            let parts = parse_mention(kept);
            assert_eq!(parts.name, kept, "{kept:?}");
            assert_eq!(parts.country, None, "{kept:?}");
        }
        let parts = parse_mention(&["Russian", "top", "diplomat"]);
        assert_eq!(
            (parts.country, parts.role),
            (Some("Russia"), Some("Foreign Minister"))
        );
    }
}

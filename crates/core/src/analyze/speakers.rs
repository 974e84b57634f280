//! Speaker mentions around a cue: the noun phrase before a reporting verb
//! ("Russian Foreign Minister Sergei Lavrov, in his part, emphasized"), the
//! inverted one after it ("said Trump"), pronouns, and descriptions ("the
//! ministry", "an official"). No parser: token shapes and the lexicons.

use super::lexicon::{
    Lexicon, is_capitalised_function_word, is_determiner, is_name_particle, is_preposition,
    is_speaker_pronoun, is_verb_modifier, is_weekday, lower,
};
use super::sentences::abbreviates_in_name;
use super::text::Token;

/// A mention as token indices (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionTokens {
    /// First token of the whole mention (appositive included).
    pub first: usize,
    /// Last token of the whole mention.
    pub last: usize,
}

/// Lower-case words that belong in a role description ("top", "senior").
fn is_role_modifier(word: &str) -> bool {
    matches!(
        lower(word).as_ref(),
        "top"
            | "senior"
            | "former"
            | "deputy"
            | "foreign"
            | "chief"
            | "acting"
            | "interim"
            | "assistant"
            | "vice"
            | "state"
            | "defense"
            | "defence"
            | "finance"
            | "interior"
            | "press"
            | "campaign"
            | "government"
            | "military"
            | "police"
            | "security"
            | "health"
            | "trade"
            | "white"
            | "house"
            | "presidential"
            | "republican"
            | "democratic"
            | "unnamed"
            | "anonymous"
            | "local"
            | "federal"
            | "administration"
            | "ministry"
            | "department"
            | "party"
            | "company"
            | "spokesman"
            | "spokeswoman"
            | "aide"
            | "aides"
            | "sources"
            | "source"
            | "officials"
            | "official"
            | "experts"
            | "analysts"
            | "critics"
            | "supporters"
            | "lawmakers"
            | "residents"
            | "witnesses"
            | "people"
            | "voters"
            | "authorities"
            | "police,"
            | "prosecutors"
            | "investigators"
            | "leaders"
            | "members"
            | "ministers"
            | "diplomats"
            | "agency"
            | "council"
            | "court"
            | "committee"
            | "organization"
            | "organisation"
            | "group"
            | "statement"
            | "report"
            | "poll"
            | "polls"
            | "survey"
            | "study"
            | "data"
            | "army"
            | "embassy"
            | "office"
    )
}

/// Connectors inside names and titles ("Secretary *of* State", "Osama *bin* Laden").
fn is_name_connector(word: &str) -> bool {
    is_name_particle(word) || matches!(word, "of" | "for" | "&")
}

fn first_char_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A capitalised word that can be part of a name or title.
fn is_name_word(word: &str) -> bool {
    first_char_upper(word)
        && word.chars().any(char::is_alphabetic)
        && !is_capitalised_function_word(word)
        && Lexicon::get().verb(word).is_none_or(|entries| {
            entries
                .iter()
                .all(|e| e.tier != super::lexicon::VerbTier::Speech)
        })
}

fn is_role_word(word: &str) -> bool {
    is_role_modifier(word) || Lexicon::get().role(word).is_some()
}

/// The noun phrase ending at token `end` (inclusive), not reaching before `low`.
pub fn noun_phrase_ending_at(
    text: &str,
    tokens: &[Token],
    end: usize,
    low: usize,
) -> Option<MentionTokens> {
    let word = tokens.get(end)?.text(text);
    if is_speaker_pronoun(word) {
        return Some(MentionTokens {
            first: end,
            last: end,
        });
    }
    let mut first = None;
    let mut k = end as isize;
    while k >= low as isize {
        let index = k as usize;
        let w = tokens[index].text(text);
        let token = tokens[index];
        let part_of_phrase = if !token.is_word {
            // "Sen. Warren", "U.S. Secretary": a period after an abbreviation.
            index > low && index < end && is_abbreviation_period(text, tokens, index)
        } else if is_name_word(w) || is_role_word(w) {
            true
        } else if is_name_connector(w) {
            first.is_some() && index > low && is_name_word(tokens[index - 1].text(text))
        } else {
            false
        };
        if part_of_phrase {
            first = Some(index);
            k -= 1;
            continue;
        }
        if token.is_word && is_determiner(w) && first.is_some() {
            first = Some(index);
        }
        break;
    }
    if let Some(first) = first {
        // A phrase made only of lower-case role words needs a determiner or must fill the clause.
        let has_capital =
            (first..=end).any(|i| first_char_upper(tokens[i].text(text)) && tokens[i].is_word);
        let starts_with_determiner = is_determiner(tokens[first].text(text));
        if has_capital || starts_with_determiner || first == low {
            return Some(MentionTokens { first, last: end });
        }
    }
    // A description: up to four lower-case words after a determiner ("a spokesman for the company").
    if tokens[end].is_word && !is_verb_modifier(word) && !is_preposition(word) {
        let mut i = end;
        for _ in 0..4 {
            if i == 0 || i <= low {
                break;
            }
            i -= 1;
            let w = tokens[i].text(text);
            // "Her partner now drew near, and said": a verb's company ends the description.
            if !tokens[i].is_word || is_preposition(w) && w != "for" || is_verb_modifier(w) {
                break;
            }
            if is_determiner(w) {
                return Some(MentionTokens {
                    first: i,
                    last: end,
                });
            }
        }
    }
    None
}

/// "said the Professor pleasantly", "said the boy falling back": the words
/// after the head tell how it was said and are not part of the speaker.
fn is_manner_after_head(text: &str, tokens: &[Token], index: usize, start: usize) -> bool {
    let word = tokens[index].text(text);
    let next_is_word = tokens.get(index + 1).is_some_and(|t| t.is_word);
    (word.ends_with("ly") && !next_is_word)
        || word == "very"
        || (word.ends_with("ing") && index > start + 1)
}

/// The period of "Mr." or "U.S.", not a full stop.
pub(super) fn is_abbreviation_period(text: &str, tokens: &[Token], index: usize) -> bool {
    index > 0
        && tokens[index].text(text) == "."
        && tokens[index - 1].end == tokens[index].start
        && abbreviates_in_name(tokens[index - 1].text(text))
}

fn is_boundary(word: &str) -> bool {
    matches!(
        word,
        "," | ";"
            | ":"
            | "("
            | ")"
            | "\u{2014}"
            | "\u{2013}"
            | "--"
            | "\u{201C}"
            | "\u{201D}"
            | "\""
            | "''"
            | "\u{2018}"
            | "\u{2019}"
            | "."
            | "!"
            | "?"
            | "\u{00AB}"
            | "\u{00BB}"
            | "["
            | "]"
    )
}

/// Conjunctions and subordinators that may precede a subject in its clause.
fn is_clause_opener(word: &str) -> bool {
    matches!(
        lower(word).as_ref(),
        "and"
            | "but"
            | "so"
            | "then"
            | "when"
            | "while"
            | "as"
            | "because"
            | "since"
            | "although"
            | "though"
            | "if"
            | "that"
            | "where"
            | "after"
            | "before"
            | "once"
            | "until"
            | "yet"
            | "also"
            | "now"
            | "still"
            | "however"
            | "meanwhile"
            | "or"
            | "nor"
    )
}

/// The subject of the cue starting at token `cue`, looking back no further than `low`.
pub fn subject_before(
    text: &str,
    tokens: &[Token],
    cue: usize,
    low: usize,
) -> Option<MentionTokens> {
    if cue == 0 || cue <= low {
        return None;
    }
    let mut j = cue - 1;
    let step_back = |j: &mut usize| -> bool {
        if *j == 0 || *j <= low {
            return false;
        }
        *j -= 1;
        true
    };
    while is_verb_modifier(tokens[j].text(text)) && tokens[j].is_word {
        if !step_back(&mut j) {
            return None;
        }
    }
    // A parenthesis after the subject: "Sen. Ted Cruz (R-Tex.) has said", "Sen. Jack Reed
    // (D-R.I.), said".
    if tokens[j].text(text) == "," && j > low + 1 && tokens[j - 1].text(text) == ")" {
        j -= 1;
    }
    if tokens[j].text(text) == ")" {
        let open = (low..j)
            .rev()
            .take(12)
            .find(|&i| tokens[i].text(text) == "(")?;
        if open == 0 || open <= low {
            return None;
        }
        j = open - 1;
        while tokens[j].is_word && is_verb_modifier(tokens[j].text(text)) {
            if !step_back(&mut j) {
                return None;
            }
        }
    }
    // "… less than two weeks ago said": skip the time phrase.
    if lower(tokens[j].text(text)).as_ref() == "ago" {
        let mut k = j;
        while k > low
            && j - k < 6
            && tokens[k - 1].is_word
            && !first_char_upper(tokens[k - 1].text(text))
        {
            k -= 1;
        }
        if k == 0 || k <= low {
            return None;
        }
        j = k - 1;
    }
    // Time adjuncts between subject and verb: "Two committees on Monday asked …".
    let is_time_word = |w: &str| {
        is_weekday(w)
            || matches!(
                lower(w).as_ref(),
                "night"
                    | "morning"
                    | "afternoon"
                    | "evening"
                    | "week"
                    | "month"
                    | "year"
                    | "today"
                    | "yesterday"
                    | "tonight"
                    | "recently"
                    | "earlier"
                    | "later"
                    | "again"
            )
    };
    if is_time_word(tokens[j].text(text)) {
        while j > low
            && (is_time_word(tokens[j].text(text))
                || matches!(
                    lower(tokens[j].text(text)).as_ref(),
                    "on" | "last" | "this" | "late" | "early"
                ))
        {
            j -= 1;
        }
        while tokens[j].is_word && is_verb_modifier(tokens[j].text(text)) {
            if !step_back(&mut j) {
                return None;
            }
        }
    }
    // Coordinated verbs: "X smiled and said".
    if tokens[j].text(text).eq_ignore_ascii_case("and") && j > low + 1 {
        let verb = tokens[j - 1].text(text);
        if tokens[j - 1].is_word
            && !first_char_upper(verb)
            && (verb.ends_with("ed") || verb.ends_with('s'))
        {
            j -= 2;
            while tokens[j].is_word && is_verb_modifier(tokens[j].text(text)) {
                if !step_back(&mut j) {
                    return None;
                }
            }
        }
    }
    // Catenatives: "went on to say", "responded by saying", "wanted to add".
    let w = tokens[j].text(text).to_lowercase();
    if w == "to" || w == "by" {
        if !step_back(&mut j) {
            return None;
        }
        for _ in 0..2 {
            let t = tokens[j].text(text);
            if tokens[j].is_word && !first_char_upper(t) && !is_speaker_pronoun(t) {
                if !step_back(&mut j) {
                    return None;
                }
            } else {
                break;
            }
        }
        while tokens[j].is_word && is_verb_modifier(tokens[j].text(text)) {
            if !step_back(&mut j) {
                return None;
            }
        }
    }
    let mut hops = 0;
    loop {
        // The clause segment ending at j.
        let mut k = j as isize;
        while k >= low as isize
            && (!is_boundary(tokens[k as usize].text(text))
                || is_abbreviation_period(text, tokens, k as usize))
        {
            k -= 1;
        }
        let segment_start = (k + 1) as usize;
        if segment_start <= j
            && let Some(np) = noun_phrase_ending_at(text, tokens, j, segment_start)
        {
            // Symbols (an emoji, a bullet) and conjunctions may precede the subject.
            let openers_only = (segment_start..np.first)
                .all(|i| !tokens[i].is_word || is_clause_opener(tokens[i].text(text)));
            let is_pronoun = np.first == np.last && is_speaker_pronoun(tokens[np.first].text(text));
            // "IMF chief economist Maury Obstfeld said": a lower-case title before a name
            // belongs to the mention, unless the clause is a modifier ("speaking in …").
            let first_word = tokens[segment_start].text(text);
            let modifier_clause = is_preposition(first_word)
                || matches!(
                    lower(first_word).as_ref(),
                    "who" | "which" | "whose" | "whom"
                )
                || (!first_char_upper(first_word)
                    && (first_word.ends_with("ing") || first_word.ends_with("ed")));
            let titled_name = !openers_only
                && !is_pronoun
                && !modifier_clause
                && first_char_upper(tokens[np.last].text(text))
                && (segment_start..np.first).all(|i| {
                    let w = tokens[i].text(text);
                    (tokens[i].is_word || w == "-") && !is_preposition(w) && !is_determiner(w)
                })
                && np.first - segment_start <= 6;
            if titled_name {
                let mut first = segment_start;
                while first < np.first && is_clause_opener(tokens[first].text(text)) {
                    first += 1;
                }
                return Some(MentionTokens {
                    first,
                    last: np.last,
                });
            }
            if openers_only || is_pronoun {
                let is_description = !first_char_upper(tokens[np.first].text(text))
                    && !is_speaker_pronoun(tokens[np.first].text(text));
                // "Barkley, the analyst, said": prefer the name before the appositive.
                if is_description
                    && hops == 1
                    && k >= 1
                    && k as usize > low
                    && tokens[k as usize].text(text) == ","
                    && let Some(name) = noun_phrase_ending_at(text, tokens, k as usize - 1, low)
                    && first_char_upper(tokens[name.first].text(text))
                {
                    return Some(MentionTokens {
                        first: name.first,
                        last: np.last,
                    });
                }
                return Some(np);
            }
            // Not after a comma: "Luis Miranda, a spokesman for the convention, said"
            // is Luis Miranda (the hop below).
            if hops == 0
                && let Some(head) = head_before_place(text, tokens, segment_start, np.first)
            {
                return Some(head);
            }
        }
        // Hop over a comma-delimited modifier ("X, in his part, said").
        if k >= 1 && (k as usize) > low && tokens[k as usize].text(text) == "," && hops < 3 {
            j = k as usize - 1;
            hops += 1;
            continue;
        }
        return None;
    }
}

/// "Officials in Ohio said", "a spokesman for the ministry in Berlin said",
/// "Lawyers for Georgia and Virginia said": the noun phrase that opens the
/// clause, before a preposition of place or of belonging, spoke; the name
/// nearest the verb is where they are or whom they speak for. `start` opens the
/// clause and `named` is where the noun phrase nearest the verb begins.
fn head_before_place(
    text: &str,
    tokens: &[Token],
    start: usize,
    named: usize,
) -> Option<MentionTokens> {
    let mut first = start;
    while first < named && is_clause_opener(tokens[first].text(text)) {
        first += 1;
    }
    // "of" is left out: in "three-quarters of the voters" the voters speak.
    let preposition = (first + 1..named).find(|&i| {
        matches!(
            lower(tokens[i].text(text)).as_ref(),
            "in" | "for" | "from" | "at" | "with"
        )
    })?;
    // One noun phrase, a preposition and a place or owner: no verb ("The DOJ responded
    // with the lawsuit"), no second clause ("gained attention in 1992 when a …").
    let plain = |i: usize| {
        let w = tokens[i].text(text);
        // "for Georgia and Virginia": names joined by "and" are one place or owner.
        let joins_names = w == "and"
            && i > first
            && first_char_upper(tokens[i - 1].text(text))
            && tokens
                .get(i + 1)
                .is_some_and(|next| first_char_upper(next.text(text)));
        tokens[i].is_word
            && (!is_clause_opener(w) || joins_names)
            && !matches!(lower(w).as_ref(), "who" | "which" | "that" | "whose" | "whom")
            && (first_char_upper(w) || !(w.ends_with("ed") || w.ends_with("ing")))
            && Lexicon::get().verb(w).is_none()
    };
    if !(first..named).all(plain) {
        return None;
    }
    let head = noun_phrase_ending_at(text, tokens, preposition - 1, first)?;
    (head.first == first && head.last - head.first < 4 && !is_speaker_pronoun(tokens[head.first].text(text)))
        .then_some(head)
}

/// The inverted subject after the cue ending at token `cue_last` ("said Trump").
pub fn subject_after(
    text: &str,
    tokens: &[Token],
    cue_last: usize,
    high: usize,
) -> Option<MentionTokens> {
    let mut start = cue_last + 1;
    if start >= high || start >= tokens.len() {
        return None;
    }
    // "said astonished Agatha", "cried poor Toby": one lower-case modifier before a name.
    let modifier = |word: &str| {
        word.chars().next().is_some_and(char::is_lowercase)
            && !is_determiner(word)
            && !is_preposition(word)
            && !is_speaker_pronoun(word)
            && !is_verb_modifier(word)
            && !is_name_connector(word)
            && Lexicon::get().verb(word).is_none()
    };
    if start + 1 < high.min(tokens.len())
        && tokens[start].is_word
        && tokens[start + 1].is_word
        && tokens[start].end < tokens[start + 1].start
        && modifier(tokens[start].text(text))
        && is_name_word(tokens[start + 1].text(text))
    {
        start += 1;
    }
    let first_word = tokens[start].text(text);
    if is_speaker_pronoun(first_word)
        && !matches!(lower(first_word).as_ref(), "it" | "which" | "who" | "you")
    {
        return Some(MentionTokens {
            first: start,
            last: start,
        });
    }
    let mut last = None;
    let mut has_head = false;
    let mut i = start;
    let end = high.min(tokens.len());
    // A hyphenated compound ("station-master", "hump-backed", "good-naturedly") is one
    // word here: the index of its last part.
    let compound_end = |i: usize| {
        let mut j = i;
        while j + 2 < end
            && tokens[j + 1].text(text) == "-"
            && tokens[j].end == tokens[j + 1].start
            && tokens[j + 1].end == tokens[j + 2].start
            && tokens[j + 2].is_word
        {
            j += 2;
        }
        j
    };
    while i < end && i < start + 8 {
        let token = tokens[i];
        let j = if token.is_word { compound_end(i) } else { i };
        let w = &text[token.start..tokens[j].end];
        let compound = j > i;
        // "the man who called himself", "the valet somewhat affably": the speaker ends.
        let ends_phrase = matches!(
            lower(w).as_ref(),
            "who" | "whom" | "whose" | "which" | "that" | "somewhat" | "rather" | "quite"
        ) || (compound && w.ends_with("ly"));
        let fits = if ends_phrase {
            false
        } else if !token.is_word {
            // "Mr. Garland", "Mr. van der Berg".
            last.is_some()
                && is_abbreviation_period(text, tokens, i)
                && tokens.get(i + 1).is_some_and(|next| {
                    let next = next.text(text);
                    first_char_upper(next) || is_name_particle(next)
                })
        } else if is_name_word(w) || is_role_word(w) {
            has_head = true;
            true
        } else if is_determiner(w) && i == start {
            true
        } else if last.is_some()
            && is_determiner(tokens[start].text(text))
            && i <= start + 3
            && !is_preposition(w)
            && (compound || Lexicon::get().verb(w).is_none())
            && !is_manner_after_head(text, tokens, j, start)
        {
            // "said the girl", "inquired the young lady", "said the station-master":
            // a description after a determiner.
            has_head = true;
            true
        } else if is_name_connector(w) {
            // "said de Vries"; "Secretary of State" but not "asked Hollis of Crane".
            let next_is_name = tokens
                .get(j + 1)
                .is_some_and(|t| t.is_word && is_name_word(t.text(text)));
            (last.is_none() && i == start && next_is_name)
                || (last.is_some() && (w != "of" || is_role_word(tokens[i - 1].text(text))))
        } else {
            false
        };
        if !fits {
            break;
        }
        last = Some(j);
        i = j + 1;
    }
    match last {
        Some(last) if has_head => Some(MentionTokens { first: start, last }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::text::tokenize;

    fn before(text: &str, cue_word: &str) -> String {
        let tokens = tokenize(text);
        let cue = tokens
            .iter()
            .position(|t| t.text(text) == cue_word)
            .unwrap();
        let m = subject_before(text, &tokens, cue, 0).expect("a subject");
        text[tokens[m.first].start..tokens[m.last].end].to_owned()
    }

    #[test]
    fn subjects_before_cues() {
        assert_eq!(
            before(
                "Russian Foreign Minister Sergei Lavrov, in his part, emphasized on it.",
                "emphasized"
            ),
            "Russian Foreign Minister Sergei Lavrov"
        );
        assert_eq!(
            before(
                "On Jan. 9, US Secretary of State Mike Pompeo, speaking in the Jordanian capital Amman said the",
                "said"
            ),
            "US Secretary of State Mike Pompeo"
        );
        assert_eq!(before("Lavrov went on to say: yes", "say"), "Lavrov");
        assert_eq!(
            before("Russian top diplomat also said: no", "said"),
            "Russian top diplomat"
        );
        assert_eq!(before("But he said it", "said"), "he");
        assert_eq!(
            before("In a statement, the ministry said it", "said"),
            "the ministry"
        );
        assert_eq!(
            before("Barkley, the analyst, said it", "said"),
            "Barkley, the analyst"
        );
        assert_eq!(before("Zarif responded by saying: no", "saying"), "Zarif");
    }

    #[test]
    fn subjects_after_cues() {
        let text = "\u{201C}No,\u{201D} said Sen. Elizabeth Warren, who";
        let tokens = tokenize(text);
        let cue = tokens.iter().position(|t| t.text(text) == "said").unwrap();
        let m = subject_after(text, &tokens, cue, tokens.len()).unwrap();
        assert_eq!(
            &text[tokens[m.first].start..tokens[m.last].end],
            "Sen. Elizabeth Warren"
        );
    }
}

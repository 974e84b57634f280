//! Quotations and their cues and speaker mentions: direct quotes (paired
//! marks) attributed by the frames around them, indirect and mixed speech
//! from reporting verbs, `according to`, colon quotes without marks, and
//! headline attributions (`Q: X`, `X: Q`). Each found quote records the rule
//! that found it and a confidence.

use super::lexicon::{
    Lexicon, VerbTier, is_capitalised_function_word, is_determiner, is_preposition,
    is_speaker_pronoun, is_verb_modifier, is_weekday, looks_plural, lower, takes_recipient,
};
use super::marks::QuotedPiece;
use super::speakers::{
    MentionTokens, is_abbreviation_period, noun_phrase_ending_at, subject_after, subject_before,
};
use super::text::Token;
use super::{QuoteKind, RawQuote};
use std::ops::Range;

/// Everything the quote finder works on, computed once per text.
pub struct Context<'t> {
    /// The text.
    pub text: &'t str,
    /// Its tokens.
    pub tokens: &'t [Token],
    /// Paragraph spans.
    pub paragraphs: &'t [Range<usize>],
    /// Sentence spans.
    pub sentences: &'t [Range<usize>],
    /// Paired quotation pieces.
    pub pieces: &'t [QuotedPiece],
    /// Spans (opening to closing mark) of the top-level pieces, in order.
    pub top_pieces: Vec<Range<usize>>,
    /// Each token's reporting-verb entries, looked up once: the rules ask about the
    /// same tokens many times.
    verbs: Vec<Option<&'static [super::lexicon::VerbEntry]>>,
    /// Word tokens before each token (and before the end): a quotation's words are
    /// counted in constant time, however many quotations nest in a long one.
    words_before: Vec<u32>,
}

impl<'t> Context<'t> {
    /// Everything the quote finder works on.
    pub fn new(
        text: &'t str,
        tokens: &'t [Token],
        paragraphs: &'t [Range<usize>],
        sentences: &'t [Range<usize>],
        pieces: &'t [QuotedPiece],
    ) -> Context<'t> {
        let mut top_pieces: Vec<Range<usize>> = pieces
            .iter()
            .filter(|p| p.parent.is_none())
            .map(|p| p.open.start..p.close.as_ref().map_or(p.content.end, |c| c.end))
            .collect();
        top_pieces.sort_by_key(|r| r.start);
        let lexicon = Lexicon::get();
        let verbs = tokens
            .iter()
            .map(|t| t.is_word.then(|| lexicon.verb(t.text(text))).flatten())
            .collect();
        let mut words_before = Vec::with_capacity(tokens.len() + 1);
        let mut n_words = 0u32;
        words_before.push(0);
        for token in tokens {
            n_words += u32::from(token.is_word);
            words_before.push(n_words);
        }
        Context {
            text,
            tokens,
            paragraphs,
            sentences,
            pieces,
            top_pieces,
            verbs,
            words_before,
        }
    }
}

impl Context<'_> {
    fn word(&self, index: usize) -> &str {
        self.tokens[index].text(self.text)
    }

    /// Word tokens among the tokens `first..last`.
    fn words_between(&self, first: usize, last: usize) -> usize {
        if first >= last {
            return 0;
        }
        (self.words_before[last] - self.words_before[first]) as usize
    }

    /// Index of the first token starting at or after `byte`.
    fn token_at_or_after(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.start < byte)
    }

    /// Index of the first token ending after `byte`'s token range end... i.e. tokens before `byte`.
    fn tokens_before(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= byte)
    }

    fn sentence_of(&self, byte: usize) -> Range<usize> {
        let index = self.sentences.partition_point(|s| s.end <= byte);
        self.sentences.get(index).cloned().unwrap_or(byte..byte)
    }

    fn paragraph_index(&self, byte: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.end < byte)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// Whether a quotation opens inside `range`.
    fn holds_quotation(&self, range: &Range<usize>) -> bool {
        let index = self
            .top_pieces
            .partition_point(|piece| piece.end <= range.start);
        self.top_pieces
            .get(index)
            .is_some_and(|piece| piece.start < range.end)
    }

    fn inside_top_quote(&self, byte: usize) -> bool {
        // Top-level pieces are disjoint and sorted: binary search.
        let index = self.top_pieces.partition_point(|range| range.end <= byte);
        self.top_pieces
            .get(index)
            .is_some_and(|range| range.start <= byte)
    }

    fn mention_span(&self, mention: MentionTokens) -> Range<usize> {
        self.tokens[mention.first].start..self.tokens[mention.last].end
    }

    fn is_speech_verb(&self, index: usize, tiers: &[VerbTier]) -> Option<(&'static str, usize)> {
        let token = self.tokens.get(index)?;
        if !token.is_word {
            return None;
        }
        let entries = self.verbs[index]?;
        // After a determiner or a possessive the word is a noun ("his remarks", "States' claim").
        if index > 0 {
            let previous = lower(self.tokens[index - 1].text(self.text));
            let previous = previous.as_ref();
            let plural_possessive = matches!(previous, "'" | "\u{2019}")
                && index > 1
                && self.tokens[index - 2].end == self.tokens[index - 1].start
                && self.tokens[index - 2].text(self.text).ends_with('s');
            let determiner = matches!(
                previous,
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
                    | "my"
                    | "your"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
            );
            if determiner
                || plural_possessive
                || previous.ends_with("'s")
                || previous.ends_with("\u{2019}s")
            {
                return None;
            }
        }
        for entry in entries {
            if !tiers.contains(&entry.tier) {
                continue;
            }
            match entry.particle {
                None => return Some((entry.lemma, index)),
                Some(particle) => {
                    if self
                        .tokens
                        .get(index + 1)
                        .is_some_and(|t| t.text(self.text).eq_ignore_ascii_case(particle))
                    {
                        return Some((entry.lemma, index + 1));
                    }
                }
            }
        }
        None
    }
}

const NEAR_QUOTE_TIERS: &[VerbTier] = &[VerbTier::Speech, VerbTier::Evaluative, VerbTier::Manner];
const INDIRECT_TIERS: &[VerbTier] = &[VerbTier::Speech, VerbTier::Evaluative];

/// Nouns that act as cues with a possessive speaker ("Pompeo's claim that").
fn is_cue_noun(word: &str) -> bool {
    matches!(
        lower(word).as_ref(),
        "claim"
            | "claims"
            | "statement"
            | "statements"
            | "remarks"
            | "remark"
            | "comments"
            | "comment"
            | "words"
            | "view"
            | "assertion"
            | "allegation"
            | "accusation"
            | "warning"
            | "message"
            | "argument"
            | "position"
            | "response"
            | "reply"
            | "answer"
            | "promise"
            | "pledge"
            | "tweet"
            | "testimony"
            | "announcement"
            | "message:"
            | "advice"
            | "verdict"
    )
}

fn is_opening_mark(word: &str) -> bool {
    matches!(
        word,
        "\u{201C}" | "\"" | "''" | "\u{201E}" | "\u{00AB}" | "\u{2018}" | "'" | "``"
    )
}

/// Finds direct quotes and their attributions.
pub fn direct_quotes(context: &Context<'_>) -> Vec<RawQuote> {
    let mut quotes: Vec<RawQuote> = Vec::new();
    let mut last_accepted: Option<&QuotedPiece> = None;
    for (piece_index, piece) in context.pieces.iter().enumerate() {
        let content = trim_span(context.text, piece.content.clone());
        if content.is_empty() {
            continue;
        }
        let n_words = context.words_between(
            context.token_at_or_after(content.start),
            context.tokens_before(content.end),
        );
        if n_words == 0 {
            continue;
        }
        if !has_letters(&context.text[content.clone()]) || is_title(&context.text[content.clone()])
        {
            continue;
        }
        let attribution = attribute_after(context, piece, false)
            .or_else(|| attribute_before(context, piece))
            .or_else(|| attribute_colon_paragraph(context, piece))
            .or_else(|| attribute_after(context, piece, true));
        let mut quote = RawQuote {
            span: content.clone(),
            kind: QuoteKind::Direct,
            cue: None,
            speaker_mention: None,
            confidence: 0.0,
            group: piece.group,
            nested: piece.parent.is_some(),
            rule: "",
            piece: Some(piece_index),
        };
        match attribution {
            Some(found) => {
                quote.cue = Some(found.cue);
                quote.speaker_mention = found.speaker;
                quote.confidence = found.confidence;
                quote.rule = found.rule;
                if let Some(that_start) = found.mixed_from {
                    quote.kind = QuoteKind::Mixed;
                    quote.span = that_start..piece.close.as_ref().map_or(content.end, |c| c.end);
                } else if found.rule.starts_with("after") && piece.parent.is_none() {
                    // "The bank's action could be a kind of “veiled sanction,” he said.": the
                    // quotation ends a reported clause that began earlier in the sentence.
                    if let Some(start) = reported_clause_start(context, piece) {
                        quote.kind = QuoteKind::Mixed;
                        quote.span = start..piece.close.as_ref().map_or(content.end, |c| c.end);
                    }
                }
            }
            None => {
                if !looks_like_free_standing_quote(context, piece, n_words, last_accepted) {
                    continue;
                }
                quote.confidence = 0.5;
                quote.rule = "floating";
            }
        }
        if !quote.nested {
            last_accepted = Some(piece);
        }
        quotes.push(quote);
    }
    quotes
}

/// Where the reported clause holding a quotation starts, when the quotation does
/// not open its sentence: the sentence start, after a leading conjunction.
fn reported_clause_start(context: &Context<'_>, piece: &QuotedPiece) -> Option<usize> {
    let sentence = context.sentence_of(piece.open.start);
    let lead = context.text[sentence.start..piece.open.start].trim_end();
    if lead.is_empty() || lead.ends_with([':', ',', '(', '\u{2014}']) {
        return None;
    }
    let first = context.token_at_or_after(sentence.start);
    let open_token = context.tokens_before(piece.open.start);
    let words = (first..open_token)
        .filter(|&i| context.tokens[i].is_word)
        .count();
    // Another quotation or a cue inside the lead makes it a different construction.
    let crowded = (first..open_token).any(|i| {
        is_opening_mark(context.word(i)) || context.is_speech_verb(i, NEAR_QUOTE_TIERS).is_some()
    });
    if words < 3 || crowded {
        return None;
    }
    Some(context.tokens[skip_leading_conjunctions(context, first, open_token)].start)
}

/// The first token from `from` (before `to`) that is not a leading "And", "But", "So"…:
/// PolNeAR's content starts after them.
fn skip_leading_conjunctions(context: &Context<'_>, from: usize, to: usize) -> usize {
    let mut index = from;
    while index < to
        && matches!(
            lower(context.word(index)).as_ref(),
            "and" | "but" | "so" | "still" | "yet"
        )
    {
        index += 1;
    }
    index
}

/// What one attribution rule found.
struct Attribution {
    cue: Range<usize>,
    speaker: Option<Range<usize>>,
    confidence: f32,
    rule: &'static str,
    /// For `X said that “Q”`: the content starts at "that" (a mixed quote).
    mixed_from: Option<usize>,
}

/// `“Q,” X said.` / `“Q,” said X.` / `“Q” — X`.
fn attribute_after(
    context: &Context<'_>,
    piece: &QuotedPiece,
    unknown_verbs: bool,
) -> Option<Attribution> {
    let close = piece.close.as_ref()?;
    let paragraph = &context.paragraphs[context.paragraph_index(close.start)];
    let first = context.token_at_or_after(close.end);
    // The frame is in the sentence that follows the closing mark (“Q.” Adam Green said.).
    let sentence = context.sentence_of(context.tokens.get(first).map_or(close.end, |t| t.start));
    let limit = sentence.end.min(paragraph.end);
    let mut high = first;
    while high < context.tokens.len() && context.tokens[high].start < limit && high < first + 40 {
        if is_opening_mark(context.word(high)) && context.tokens[high].start > close.end {
            break;
        }
        high += 1;
    }
    if first >= high {
        return None;
    }
    // Dash attribution: “Q” — Albert Einstein
    if matches!(
        context.word(first),
        "\u{2014}" | "\u{2015}" | "\u{2013}" | "-" | "--"
    ) && let Some(np) = subject_after(context.text, context.tokens, first, high)
    {
        return Some(Attribution {
            cue: context.tokens[first].span(),
            speaker: Some(context.mention_span(np)),
            confidence: 0.85,
            rule: "after-dash",
            mixed_from: None,
        });
    }
    for index in (first..high).filter(|_| !unknown_verbs) {
        let Some((_lemma, cue_last)) = context.is_speech_verb(index, NEAR_QUOTE_TIERS) else {
            continue;
        };
        // "… Mr. Zahed said: “…”" introduces the next quotation, not this one.
        let next_is = |offset: usize, check: &dyn Fn(&str) -> bool| {
            context
                .tokens
                .get(cue_last + offset)
                .is_some_and(|t| check(t.text(context.text)))
        };
        // "“A,” X said, “B.”" is one interrupted quotation: the frame serves both pieces.
        let introduces_next = next_is(1, &|w| w == ":" || is_opening_mark(w));
        if introduces_next {
            return None;
        }
        let cue = context.tokens[index].start..context.tokens[cue_last].end;
        let adjacent = |np: &MentionTokens| {
            np.first == first || np.first == first + 1 && context.word(first) == ","
        };
        if let Some(np) =
            subject_before(context.text, context.tokens, index, first).filter(adjacent)
        {
            return Some(Attribution {
                cue,
                speaker: Some(context.mention_span(np)),
                confidence: 0.95,
                rule: "after-subject-verb",
                mixed_from: None,
            });
        }
        let verb_adjacent = index == first || index == first + 1 && context.word(first) == ",";
        if let Some(np) =
            subject_after(context.text, context.tokens, cue_last, high).filter(|_| verb_adjacent)
        {
            return Some(Attribution {
                cue,
                speaker: Some(context.mention_span(np)),
                confidence: 0.95,
                rule: "after-verb-subject",
                mixed_from: None,
            });
        }
        // A cue right after the quote without a speaker ("…,” was the reply): stop looking.
        if index <= first + 1 {
            return None;
        }
    }
    // A verb not in the lexicon right after the quote: "“…,” he surmised." / "“…,” Tom growled."
    if !unknown_verbs {
        return None;
    }
    let mut i = first;
    if i < high && context.word(i) == "," {
        i += 1;
    }
    let subject = noun_phrase_ending_at(context.text, context.tokens, i, i)
        .filter(|np| np.first == np.last)
        .or_else(|| {
            (i + 1..high.min(i + 4)).find_map(|e| {
                noun_phrase_ending_at(context.text, context.tokens, e, i).filter(|np| {
                    np.first == i && context.tokens.get(e + 1).is_some_and(|t| t.is_word)
                })
            })
        });
    if let Some(np) = subject {
        let verb = np.last + 1;
        let ends_clause = |k: usize| {
            context.tokens.get(k).is_none_or(|t| {
                t.start >= limit || matches!(t.text(context.text), "," | "." | "!" | "?" | ";")
            })
        };
        if verb < high
            && context.tokens[verb].is_word
            && context.word(verb).ends_with("ed")
            && !first_char_upper_word(context.word(verb))
            && ends_clause(verb + 1)
        {
            return Some(Attribution {
                cue: context.tokens[verb].span(),
                speaker: Some(context.mention_span(np)),
                confidence: 0.7,
                rule: "after-unknown-verb",
                mixed_from: None,
            });
        }
    }
    None
}

fn first_char_upper_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `X said: “Q”`, `X said “Q”`, `X said that “Q”`, `according to X, “Q”`, `X’s claim that “Q”`, `X: “Q”`.
fn attribute_before(context: &Context<'_>, piece: &QuotedPiece) -> Option<Attribution> {
    let sentence = context.sentence_of(piece.open.start);
    let low = context.token_at_or_after(sentence.start);
    let open_token = context.tokens_before(piece.open.start);
    if open_token <= low {
        return None;
    }
    // Look back from the mark for the nearest cue, at most 10 tokens away.
    let mut index = open_token;
    while index > low && open_token - index < 16 {
        index -= 1;
        let w = context.word(index);
        if context.tokens[index].end <= piece.open.start && is_opening_mark(w) {
            break;
        }
        if let Some((lemma, cue_last)) = context.is_speech_verb(index, NEAR_QUOTE_TIERS) {
            // "critics called “a disaster”" names something; it does not quote anyone.
            if lemma == "call" && cue_last == index {
                return None;
            }
            let between: Vec<&str> = (cue_last + 1..open_token)
                .map(|i| context.word(i))
                .collect();
            // The quotation must follow the cue's frame ("said:", "said,", "told reporters:",
            // "said that"); a fragment deeper inside the reported clause belongs to a mixed quote.
            let that_only = between.len() == 1 && between[0].eq_ignore_ascii_case("that");
            let framed = between.is_empty()
                || that_only
                || matches!(between.last(), Some(&":") | Some(&","))
                    && between.len() <= 8
                    && !between.iter().any(|w| w.eq_ignore_ascii_case("that"));
            if !framed {
                return None;
            }
            let mixed_from = that_only.then(|| context.tokens[cue_last + 1].start);
            let cue = context.tokens[index].start..context.tokens[cue_last].end;
            // "X sent Y his congratulations, saying: “Q”": the participle's subject is the
            // one that opens the sentence, not the last speaker.
            let participle = index > low + 1
                && context.word(index - 1) == ","
                && context.word(index).ends_with("ing");
            let speaker = subject_before(context.text, context.tokens, index, low)
                .or_else(|| subject_after(context.text, context.tokens, cue_last, open_token))
                .or_else(|| participle.then(|| subject_at_start(context, low, index - 1)).flatten())
                .map(|np| context.mention_span(np));
            if speaker.is_none() && !between.contains(&":") {
                return None;
            }
            let confidence = if speaker.is_some() { 0.9 } else { 0.6 };
            return Some(Attribution {
                cue,
                speaker,
                confidence,
                rule: "before-subject-verb",
                mixed_from,
            });
        }
        if w.eq_ignore_ascii_case("according")
            && context
                .tokens
                .get(index + 1)
                .is_some_and(|t| t.text(context.text) == "to")
        {
            let np = subject_after(context.text, context.tokens, index + 1, open_token)?;
            return Some(Attribution {
                cue: context.tokens[index].start..context.tokens[index + 1].end,
                speaker: Some(context.mention_span(np)),
                confidence: 0.85,
                rule: "before-according-to",
                mixed_from: None,
            });
        }
        if is_cue_noun(w) && index > low {
            let possessor = context.word(index - 1);
            if possessor.ends_with("'s")
                || possessor.ends_with("\u{2019}s")
                || matches!(lower(possessor).as_ref(), "his" | "her" | "their")
            {
                let end = context.tokens[index - 1].end;
                let np_end = if possessor.ends_with('s') && possessor.len() > 2 {
                    end - possessor.len()
                        + possessor
                            .trim_end_matches("'s")
                            .trim_end_matches("\u{2019}s")
                            .len()
                } else {
                    end
                };
                let np = noun_phrase_ending_at(context.text, context.tokens, index - 1, low);
                let start = np.map_or(context.tokens[index - 1].start, |np| {
                    context.tokens[np.first].start
                });
                return Some(Attribution {
                    cue: context.tokens[index].span(),
                    speaker: Some(start..np_end),
                    confidence: 0.8,
                    rule: "before-possessive-noun",
                    mixed_from: None,
                });
            }
        }
    }
    // Transcript style: `Name: “Q”` at the start of a sentence.
    if open_token >= 1 && context.word(open_token - 1) == ":" {
        let mut np_end = open_token.checked_sub(2)?;
        // "Kasich resisted: “…”": one verb between the name and the colon.
        if np_end > low && context.tokens[np_end].is_word && context.word(np_end).ends_with("ed") {
            np_end -= 1;
        }
        let np = noun_phrase_ending_at(context.text, context.tokens, np_end, low)?;
        if np.first == low {
            return Some(Attribution {
                cue: context.tokens[open_token - 1].span(),
                speaker: Some(context.mention_span(np)),
                confidence: 0.75,
                rule: "before-colon",
                mixed_from: None,
            });
        }
    }
    None
}

/// `Lavrov went on to say:` ¶ `“Q”` — a paragraph ending with a cue and a colon; in
/// novels also with a comma or a full stop right after the cue ("…, cried out," ¶ `“Q”`,
/// "Mr. Pennant … continued." ¶ `“Q”`).
fn attribute_colon_paragraph(context: &Context<'_>, piece: &QuotedPiece) -> Option<Attribution> {
    let paragraph_index = context.paragraph_index(piece.open.start);
    if paragraph_index == 0 || context.paragraphs[paragraph_index].start != piece.open.start {
        return None;
    }
    let previous = &context.paragraphs[paragraph_index - 1];
    let ending = context.text[previous.clone()].trim_end();
    let colon = ending.ends_with(':');
    if !colon && !ending.ends_with(',') && !ending.ends_with('.') {
        return None;
    }
    let mark = context
        .tokens_before(previous.start + ending.len())
        .checked_sub(1)?;
    let sentence_start = context.sentence_of(previous.end.saturating_sub(1)).start;
    let low = context.token_at_or_after(sentence_start);
    // Only a paragraph of narration: in one that holds a quotation the frame at its end
    // is that quotation's ("“Your sister?” Dunmore asked.").
    let narration = !context.holds_quotation(previous);
    if !colon && !narration {
        return None;
    }
    // After a colon the cue may be a few words back ("went on to say to reporters:"); after
    // a comma or a full stop it is the last word or two ("cried out,", "proceeded.").
    // After a comma, also a cue followed by its manner ("and said, pausing at the door,").
    let reach = if colon { 8 } else { 10 };
    for index in (low..mark).rev().take(reach) {
        if let Some((_, cue_last)) = context.is_speech_verb(index, NEAR_QUOTE_TIERS) {
            let at_end = cue_last + 1 >= mark
                || cue_last + 2 >= mark && context.tokens[cue_last + 1].is_word
                || ending.ends_with(',') && context.word(cue_last + 1) == ",";
            if !colon && !at_end {
                continue;
            }
            // The subject before the cue, else the person who opens the sentence ("Mary at
            // once explained … by saying:", "Marianne, suddenly awakened, … cried out,").
            // A person: a name, he or she, or a description ("the doctor"); not an
            // object the sentence also holds ("found it, and said,", "after some
            // hesitation, said,").
            let personal = |np: &MentionTokens| {
                let first = context.word(np.first);
                matches!(lower(first).as_ref(), "he" | "she" | "i" | "we" | "they")
                    || first_char_upper_word(first) && !is_speaker_pronoun(first)
                    || matches!(lower(first).as_ref(), "the" | "a" | "an")
                        && first_char_upper_word(context.word(np.last))
            };
            let speaker = subject_before(context.text, context.tokens, index, low)
                .filter(|np| colon || personal(np))
                .or_else(|| {
                    subject_at_start(context, low, index).filter(|np| {
                        let first = context.word(np.first);
                        matches!(lower(first).as_ref(), "he" | "she")
                            || (np.first..=np.last).all(|i| {
                                !context.tokens[i].is_word || first_char_upper_word(context.word(i))
                            }) && !is_speaker_pronoun(first)
                    })
                })
                .map(|np| context.mention_span(np))?;
            return Some(Attribution {
                cue: context.tokens[index].start..context.tokens[cue_last].end,
                speaker: Some(speaker),
                confidence: if colon { 0.85 } else { 0.75 },
                rule: "colon-paragraph",
                mixed_from: None,
            });
        }
    }
    None
}

/// An unattributed quotation counts only if it reads like speech, not a
/// scare quote or a title: whole sentences, at least four words, not after
/// "called"/"so-called", not all title case.
fn looks_like_free_standing_quote(
    context: &Context<'_>,
    piece: &QuotedPiece,
    n_words: usize,
    previous_accepted: Option<&QuotedPiece>,
) -> bool {
    if piece.parent.is_some() {
        return false;
    }
    let before_token = context.tokens_before(piece.open.start);
    if before_token > 0 {
        let previous = context.word(before_token - 1).to_lowercase();
        let naming = matches!(
            previous.as_str(),
            "called"
                | "named"
                | "dubbed"
                | "titled"
                | "entitled"
                | "as"
                | "so-called"
                | "term"
                | "word"
                | "phrase"
                | "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
        );
        if naming {
            return false;
        }
    }
    let paragraph = &context.paragraphs[context.paragraph_index(piece.open.start)];
    // The rest of an interrupted quotation: “A,” said X, “B.”
    if let Some(previous) = previous_accepted {
        let previous_end = previous
            .close
            .as_ref()
            .map_or(previous.content.end, |c| c.end);
        let same_paragraph = previous_end >= paragraph.start && previous_end <= piece.open.start;
        let from = context.tokens_before(previous_end);
        let to = context.tokens_before(piece.open.start);
        // The narration between the pieces is a frame ("he said,") or ends a sentence.
        let frame = (from..to).any(|i| context.is_speech_verb(i, NEAR_QUOTE_TIERS).is_some());
        let new_sentence = context.text
            [context.sentence_of(piece.open.start).start..piece.open.start]
            .trim()
            .is_empty();
        if same_paragraph && to.saturating_sub(from) <= 25 && (frame || new_sentence) {
            return true;
        }
    }
    // A paragraph that opens with a quotation (dialogue, quote-only paragraphs).
    if paragraph.start == piece.open.start {
        return true;
    }
    // Otherwise the quotation opens its sentence or follows a colon; a fragment inside a
    // narrative sentence is part of someone's mixed quote or a scare quote.
    let sentence = context.sentence_of(piece.open.start);
    let lead = context.text[sentence.start..piece.open.start].trim();
    let content = context.text[piece.content.clone()].trim_end();
    let sentence_like = n_words >= 4 || content.ends_with(['.', '!', '?']);
    (lead.is_empty() || lead.ends_with(':')) && sentence_like
}

fn has_letters(content: &str) -> bool {
    content.chars().any(char::is_alphabetic)
}

/// A title in quotation marks ("The Rachel Maddow Show"): short, every word capitalised,
/// no sentence punctuation.
fn is_title(content: &str) -> bool {
    // Eight words are enough to know (a long quotation is read no further).
    let words: Vec<&str> = content.split_whitespace().take(8).collect();
    let small = |w: &str| {
        matches!(
            w,
            "a" | "an" | "the" | "of" | "and" | "in" | "on" | "is" | "for" | "to" | "at" | "with"
        )
    };
    words.len() <= 7
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words
            .iter()
            .all(|w| small(w) || !w.chars().next().is_some_and(char::is_lowercase))
        && !content.trim_end().ends_with(['.', '!', '?', ','])
        && words.len() >= 2
}

/// Trims whitespace from both ends of a byte span.
pub fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let slice = &text[span.clone()];
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.start + slice.trim_end().len();
    start..end.max(start)
}

/// Trims trailing sentence punctuation (the final period is not content in PolNeAR).
fn trim_final_punctuation(text: &str, span: Range<usize>) -> Range<usize> {
    let mut span = trim_span(text, span);
    while let Some(c) = text[span.clone()].chars().next_back() {
        if matches!(c, '.' | ',' | ';' | ':' | ' ' | '\u{a0}') {
            span.end -= c.len_utf8();
        } else {
            break;
        }
    }
    span
}

/// Finds indirect and mixed speech: reporting verbs outside quotations.
pub fn indirect_quotes(context: &Context<'_>, direct: &[RawQuote]) -> Vec<RawQuote> {
    let mut found = Vec::new();
    let mut used_cues: Vec<Range<usize>> = direct.iter().filter_map(|q| q.cue.clone()).collect();
    used_cues.sort_by_key(|c| c.start);
    let is_used_cue = |byte: usize| {
        let index = used_cues.partition_point(|c| c.end <= byte);
        used_cues.get(index).is_some_and(|c| c.start <= byte)
    };
    for sentence in context.sentences {
        let low = context.token_at_or_after(sentence.start);
        let high = context.tokens_before(sentence.end);
        let mut index = low;
        while index < high {
            let token = context.tokens[index];
            // Only a reporting verb or "according" can start a find (checked first: cheap).
            let according = token.text(context.text).eq_ignore_ascii_case("according");
            if context.verbs[index].is_none() && !according
                || context.inside_top_quote(token.start)
                || is_used_cue(token.start)
            {
                index += 1;
                continue;
            }
            if according
                && context
                    .tokens
                    .get(index + 1)
                    .is_some_and(|t| t.text(context.text) == "to")
            {
                if let Some(quote) = according_to(context, index, low, high, sentence) {
                    found.push(quote);
                }
                index += 2;
                continue;
            }
            if let Some((lemma, cue_last)) = context.is_speech_verb(index, INDIRECT_TIERS) {
                let quotes = reported_speech(context, index, cue_last, lemma, low, high, sentence);
                if !quotes.is_empty() {
                    found.extend(quotes);
                    index = cue_last + 1;
                    continue;
                }
            }
            index += 1;
        }
    }
    found
}

fn according_to(
    context: &Context<'_>,
    index: usize,
    low: usize,
    high: usize,
    sentence: &Range<usize>,
) -> Option<RawQuote> {
    // The source: a name or description, or whatever stands before the next comma
    // ("according to exit polls", "according to emails released by WikiLeaks").
    let np = subject_after(context.text, context.tokens, index + 1, high).or_else(|| {
        let first = index + 2;
        let last = (first..high.min(first + 8))
            .take_while(|&i| context.tokens[i].is_word)
            .last()?;
        Some(MentionTokens { first, last })
    })?;
    let cue = context.tokens[index].start..context.tokens[index + 1].end;
    let content = if index == low || (index == low + 1 && !context.tokens[low].is_word) {
        // According to X, C.
        let comma = (np.last + 1..high).find(|&i| context.word(i) == ",")?;
        // The content is in this sentence: a comma that ends it leaves none.
        if comma + 1 >= high {
            return None;
        }
        context.tokens[comma + 1].start..sentence.end
    } else {
        // C, according to X.
        let before = index.checked_sub(1)?;
        if context.word(before) != "," {
            return None;
        }
        sentence.start..context.tokens[before].start
    };
    if content.start >= content.end {
        return None;
    }
    let content = trim_final_punctuation(context.text, content);
    make_indirect(
        context,
        content,
        cue,
        Some(context.mention_span(np)),
        0.8,
        "according-to",
    )
}

#[allow(clippy::too_many_arguments)]
fn reported_speech(
    context: &Context<'_>,
    index: usize,
    cue_last: usize,
    lemma: &'static str,
    low: usize,
    high: usize,
    sentence: &Range<usize>,
) -> Vec<RawQuote> {
    let cue = context.tokens[index].start..context.tokens[cue_last].end;
    let subject = subject_before(context.text, context.tokens, index, low)
        .or_else(|| plural_noun_frame(context, index, low));
    // A frame set off by commas: "C, X said, D." / "C, said X." — content on both sides.
    let inverted = (subject.is_none() && index > low && context.word(index - 1) == ",")
        .then(|| subject_after(context.text, context.tokens, cue_last, high))
        .flatten();
    let frame = match (subject, inverted) {
        (Some(np), _) if np.first > low && context.word(np.first - 1) == "," => {
            Some((np, np.first, cue_last))
        }
        (None, Some(np)) => Some((np, index, np.last)),
        _ => None,
    };
    if let Some((np, frame_first, frame_last)) = frame {
        let after = frame_last + 1;
        let ends_here = after >= high || matches!(context.word(after), "," | "." | ";" | "!" | "?");
        if ends_here {
            let mut quotes = Vec::new();
            quotes.extend(content_before_cue(
                context,
                frame_first,
                cue.clone(),
                Some(np),
                low,
                sentence,
            ));
            if !quotes.is_empty() && after + 1 < high && context.word(after) == "," {
                let start = context.tokens[after + 1].start;
                let content = trim_final_punctuation(
                    context.text,
                    start..clause_end(context, after + 1, high, sentence),
                );
                let n_words = context.text[content.clone()].split_whitespace().count();
                if n_words >= 3 {
                    quotes.extend(make_indirect(
                        context,
                        content,
                        cue.clone(),
                        Some(context.mention_span(np)),
                        0.7,
                        "content-after-frame",
                    ));
                }
            }
            if !quotes.is_empty() {
                return quotes;
            }
        }
    }
    let cue_tokens = index..=cue_last;
    reported_speech_after(
        context, cue_tokens, cue, subject, lemma, low, high, sentence,
    )
    .into_iter()
    .collect()
}

/// Reported speech whose content follows the cue (`X said (that) C`, `X said: C`).
/// `cue` and `subject` are the ones [`reported_speech`] already found.
#[allow(clippy::too_many_arguments)]
fn reported_speech_after(
    context: &Context<'_>,
    cue_tokens: std::ops::RangeInclusive<usize>,
    cue: Range<usize>,
    subject: Option<MentionTokens>,
    lemma: &'static str,
    low: usize,
    high: usize,
    sentence: &Range<usize>,
) -> Option<RawQuote> {
    let (index, cue_last) = (*cue_tokens.start(), *cue_tokens.end());
    // Participial cue ", saying that …": the speaker is the subject of the main clause.
    let participle = context.word(index).ends_with("ing")
        && index > low
        && matches!(
            lower(context.word(index - 1)).as_ref(),
            "," | "while" | "after" | "before" | "when" | "since"
        );
    // Coordinated cue "… and noted that …": the subject of the first clause.
    let coordinated = index > low + 1
        && subject.is_none()
        && matches!(lower(context.word(index - 1)).as_ref(), "and" | "but");
    let speaker = if participle {
        // "C, Hollande said Tuesday, noting …": the subject of the frame before it in
        // the sentence, else of the main clause.
        (low..index)
            .rev()
            .find_map(|j| {
                let (_, last) = context.is_speech_verb(j, INDIRECT_TIERS)?;
                subject_before(context.text, context.tokens, j, low)
                    .or_else(|| subject_after(context.text, context.tokens, last, index))
            })
            .or_else(|| subject_at_sentence_start(context, low, index))
            .or_else(|| {
                // "On Tuesday night, Trump mocked …, saying": past an opening adjunct.
                let comma = (low..index.min(low + 8)).find(|&i| context.word(i) == ",")?;
                subject_at_sentence_start(context, comma + 1, index)
            })
    } else if coordinated {
        subject_at_sentence_start(context, low, index)
    } else {
        subject
    };
    // A headline in title case ("Rubio Responds To …") is not reported speech.
    let words_in_sentence = (low..high).filter(|&i| context.tokens[i].is_word).count();
    let capitalised = (low..high)
        .filter(|&i| context.tokens[i].is_word && first_char_upper_word(context.word(i)))
        .count();
    if words_in_sentence >= 4
        && capitalised * 10 > words_in_sentence * 6
        && !matches!(lemma, "say" | "tell")
    {
        return None;
    }

    // "the woman who called herself de Vries": naming oneself is not saying anything.
    if lemma == "call"
        && context.tokens.get(cue_last + 1).is_some_and(|t| {
            matches!(
                lower(t.text(context.text)).as_ref(),
                "himself" | "herself" | "themselves" | "itself" | "myself" | "ourselves"
            )
        })
    {
        return None;
    }
    // Content after the cue; "responded by saying" is one cue.
    let mut k = cue_last + 1;
    let mut cue = cue;
    if k + 1 < high
        && matches!(lower(context.word(k)).as_ref(), "by" | "with")
        && let Some((_, last)) = context.is_speech_verb(k + 1, INDIRECT_TIERS)
    {
        cue = cue.start..context.tokens[last].end;
        k = last + 1;
    }
    if k < high
        && matches!(lower(context.word(k)).as_ref(), "on" | "upon")
        && matches!(
            lemma,
            "emphasize" | "emphasise" | "stress" | "insist" | "comment" | "report"
        )
    {
        k += 1;
    }
    if k < high && takes_recipient(lemma) {
        // Skip the person spoken to: a pronoun, a name, or a short description.
        let opens_content = |w: &str| {
            matches!(
                lower(w).as_ref(),
                "that"
                    | "to"
                    | "if"
                    | "whether"
                    | "who"
                    | "whom"
                    | "what"
                    | "why"
                    | "how"
                    | "when"
                    | "where"
                    | "which"
            )
        };
        let mut j = k;
        while j < high && j < k + 5 && context.tokens[j].is_word && !opens_content(context.word(j))
        {
            j += 1;
        }
        // "told reporters the bill would pass", "told him they were leaving": a short
        // recipient, then a clause of its own with no "that" before it.
        if let Some(content) = bare_clause_after_recipient(context, k, high) {
            j = content;
        }
        let at_end =
            j >= high || (j + 1 == high && matches!(context.word(j), "." | "!" | "?" | ";"));
        if j < high && j > k && !at_end {
            k = j;
        } else if at_end {
            // "…, Sen. Grassley told reporters.": the person spoken to ends the sentence,
            // so the content is before the frame.
            k = high;
        }
    }
    // "Voters say by a 7-point margin, 49 percent to 42 percent, that …": a "that" shortly
    // after the cue, with no other verb of saying between, starts the content.
    if k < high && !context.word(k).eq_ignore_ascii_case("that") {
        let that = (k..high.min(k + 14))
            .take_while(|&i| {
                context.is_speech_verb(i, INDIRECT_TIERS).is_none()
                    && !is_opening_mark(context.word(i))
            })
            .find(|&i| {
                context.word(i).eq_ignore_ascii_case("that") && i > k && context.word(i - 1) == ","
            });
        if let Some(that) = that {
            k = that;
        }
    }
    // Time and medium adjuncts before "that" ("said in a statement Tuesday that").
    if k < high
        && (is_weekday(context.word(k))
            || matches!(
                lower(context.word(k)).as_ref(),
                "in" | "on"
                    | "for"
                    | "at"
                    | "after"
                    | "before"
                    | "following"
                    | "during"
                    | "last"
                    | "this"
                    | "yesterday"
                    | "today"
            ))
    {
        // Not past a comma and another verb of saying: in "said Wednesday in Lagos, noting
        // that …" the "that" belongs to "noting".
        let that = (k..high.min(k + 12))
            .take_while(|&i| {
                i == 0
                    || context.word(i - 1) != ","
                    || context.is_speech_verb(i, INDIRECT_TIERS).is_none()
            })
            .find(|&i| context.word(i).eq_ignore_ascii_case("that"));
        match that {
            Some(that) => k = that,
            None => {
                let comma = (k..high.min(k + 8)).find(|&i| context.word(i) == ",");
                // "has said for weeks he's the only one", "said on Tuesday they would":
                // a short adjunct, then a clause that opens with its subject pronoun.
                let pronoun = (k + 1..high.min(k + 5)).find(|&i| {
                    let word = lower(context.word(i));
                    // "he", and "he's", "they’re".
                    let head = word.as_ref().split(['\'', '\u{2019}']).next().unwrap_or("");
                    matches!(head, "he" | "she" | "they" | "we" | "i" | "there")
                });
                k = match (comma, pronoun) {
                    (Some(comma), Some(pronoun)) if pronoun < comma => pronoun,
                    (None, Some(pronoun)) => pronoun,
                    (comma, _) => comma.unwrap_or(high),
                };
            }
        }
    }
    // "C, lawmakers said Friday, as they …", "C, Hollande said, noting …": a comma right
    // after the cue makes the frame parenthetical, and the content is what comes before.
    if k < high
        && context.word(k) == ","
        && let Some(before) =
            content_before_cue(context, index, cue.clone(), speaker, low, sentence)
    {
        return Some(before);
    }
    // ", noting that …" after the frame's adjuncts: the content is the participle's.
    // (", adding, “…”" stays: its quotation takes the frame before.)
    if k + 2 < high
        && context.word(k) == ","
        && context.is_speech_verb(k + 1, INDIRECT_TIERS).is_some()
        && context.tokens[k + 2].is_word
    {
        return None;
    }
    if k < high && context.word(k) == "," {
        k += 1;
    }
    let colon = k < high && context.word(k) == ":";
    if k >= high {
        // Nothing after the cue: perhaps "C, X said."
        return content_before_cue(context, index, cue, speaker, low, sentence);
    }
    let first_word = lower(context.word(k));
    let first_word = first_word.as_ref();
    let evaluative = context.verbs[index]
        .is_some_and(|e| e.iter().all(|e| e.tier == VerbTier::Evaluative));
    // Evaluative verbs take "that"/"to" content, or (with a named subject) their object:
    // "criticized the plan", "called for a recount".
    let object_content = evaluative && !matches!(first_word, "that" | "to");
    if object_content
        && (speaker.is_none() || is_speaker_pronoun(first_word) || first_word == "it")
    {
        return None;
    }
    // Verbs that also take a plain object ("add a title", "state lawmakers", "respond to
    // emails") report speech only with "that", "whether", a colon or a comma.
    let needs_marker = matches!(
        lemma,
        "add" | "state" | "mention" | "respond" | "reply" | "answer"
    );
    // ", adding the involvement should be …": the participle after a comma is itself
    // the mark of reported speech.
    let marked = colon
        || participle
        || matches!(first_word, "that" | "whether" | "if")
        || k > 0 && context.word(k - 1) == ",";
    if needs_marker && !marked {
        return None;
    }
    // Content does not start with a preposition ("reported by", "respond to questions");
    // "to" + verb is an infinitive ("urged them to leave").
    let infinitive = first_word == "to"
        && context.tokens.get(k + 1).is_some_and(|t| {
            let next = t.text(context.text);
            t.is_word && !first_char_upper_word(next) && !is_determiner(next)
        });
    if !colon && is_preposition(first_word) && !infinitive {
        return None;
    }
    if is_opening_mark(context.word(k)) && !colon {
        // A quotation right after the cue is a direct quote (handled there).
        return None;
    }
    if colon
        && context
            .tokens
            .get(k + 1)
            .is_some_and(|t| is_opening_mark(t.text(context.text)))
    {
        // "X added: “…”" is a direct quote's frame.
        return None;
    }
    let start_token = if colon { k + 1 } else { k };
    let start = context.tokens.get(start_token)?.start;
    let end = if colon {
        // Colon quote without marks: to the end of the paragraph.
        context.paragraphs[context.paragraph_index(start)].end
    } else {
        clause_end(context, start_token, high, sentence)
    };
    if start >= end {
        return None;
    }
    let content = trim_final_punctuation(context.text, start..end);
    let n_words = context.tokens
        [context.token_at_or_after(content.start)..context.tokens_before(content.end)]
        .iter()
        .filter(|t| t.is_word)
        .count();
    if n_words < 3 {
        return None;
    }
    // "three-quarters of the voters said …", "border officials say …": when no noun phrase
    // is recognised, the word before the verb of saying stands for the speaker.
    let fallback = speaker.is_none()
        && matches!(
            lemma,
            "say"
                | "tell"
                | "add"
                | "note"
                | "write"
                | "argue"
                | "claim"
                | "insist"
                | "warn"
                | "explain"
                | "announce"
                | "report"
        );
    let speaker = speaker.or_else(|| {
        if !fallback {
            return None;
        }
        word_before_cue(context, index, low)
    });
    let speaker = speaker?;
    let speaker = Some(issuer_of_document(context, speaker, low).unwrap_or(speaker));
    // A colon or "that" marks the content's start; a bare clause is less certain.
    let confidence = if colon || first_word == "that" {
        0.8
    } else {
        0.65
    };
    make_indirect(
        context,
        content,
        cue,
        speaker.map(|np| context.mention_span(np)),
        confidence,
        if colon { "colon" } else { "reported" },
    )
}

/// "three-quarters of the voters said …", "border officials say …": when no noun phrase is
/// recognised, the word before the verb of saying stands for the speaker.
fn word_before_cue(context: &Context<'_>, index: usize, low: usize) -> Option<MentionTokens> {
    let mut j = index.checked_sub(1)?;
    // Back over "has since", "today", "Friday" to the subject.
    while j > low && (is_verb_modifier(context.word(j)) || is_weekday(context.word(j))) {
        j -= 1;
    }
    let word = context.word(j);
    // Not a word that opens a sentence or links a clause ("Having now said", "which
    // said", "it said"): those stand for nobody.
    (j >= low
        && context.tokens[j].is_word
        && !is_preposition(word)
        && context.verbs[j].is_none()
        && (!is_capitalised_function_word(word)
            || matches!(lower(word).as_ref(), "it" | "this" | "that"))
        && !matches!(
            lower(word).as_ref(),
            "and" | "but" | "or" | "that" | "to" | "not" | "be" | "been" | "being"
        ))
    .then_some(MentionTokens { first: j, last: j })
}

/// "C, local councillors said, …": a plural common noun that no rule names as a speaker,
/// with at most two adjectives before it and a comma before those, is the frame's subject.
fn plural_noun_frame(context: &Context<'_>, index: usize, low: usize) -> Option<MentionTokens> {
    let np = word_before_cue(context, index, low)?;
    let noun = context.word(np.first);
    if !noun.ends_with('s') || !is_lowercase_ascii(noun) || is_speaker_pronoun(noun) {
        return None;
    }
    let mut first = np.first;
    while first > low + 1 && np.first - first < 2 && is_plain_adjective(context, first - 1) {
        first -= 1;
    }
    (first > low && context.word(first - 1) == ",").then_some(MentionTokens {
        first,
        last: np.last,
    })
}

fn is_lowercase_ascii(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_lowercase())
}

/// A lower-case word that can only be an adjective before a noun ("local", "senior"):
/// not a verb form, preposition, determiner, adverb, conjunction or pronoun.
fn is_plain_adjective(context: &Context<'_>, index: usize) -> bool {
    let word = context.word(index);
    context.tokens[index].is_word
        && is_lowercase_ascii(word)
        && !word.ends_with("ed")
        && !word.ends_with("ing")
        && !is_preposition(word)
        && !is_determiner(word)
        && !is_verb_modifier(word)
        && context.verbs[index].is_none()
        && !matches!(
            word,
            "and"
                | "or"
                | "but"
                | "so"
                | "then"
                | "as"
                | "while"
                | "because"
                | "when"
                | "if"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "what"
                | "who"
                | "which"
                | "not"
                | "even"
        )
}

/// The noun phrase that opens the sentence ("The Post intervened in April, arguing that …").
fn subject_at_start(context: &Context<'_>, low: usize, limit: usize) -> Option<MentionTokens> {
    let mut first = low;
    while first < limit
        && (!context.tokens[first].is_word
            || matches!(
                lower(context.word(first)).as_ref(),
                "and" | "but" | "so" | "then" | "meanwhile" | "also"
            ))
    {
        first += 1;
    }
    if first >= limit {
        return None;
    }
    if is_speaker_pronoun(context.word(first)) {
        return Some(MentionTokens { first, last: first });
    }
    // Extend over the phrase, then check it reads back as a noun phrase.
    let mut last = first;
    loop {
        // "Mrs. Lynde interposed": the period of an honorific is inside the name.
        if last + 2 < limit
            && is_abbreviation_period(context.text, context.tokens, last + 1)
            && first_char_upper_word(context.word(last + 2))
        {
            last += 2;
            continue;
        }
        if last + 1 < limit
            && context.tokens[last + 1].is_word
            && context.verbs[last + 1].is_none()
            && !is_preposition(context.word(last + 1))
            && (first_char_upper_word(context.word(last + 1))
                || last == first && is_determiner(context.word(first))
                // "Opposition leader Sheila Grant sent …": a role word inside the name's run.
                || Lexicon::get().role(context.word(last + 1)).is_some()
                    && context
                        .tokens
                        .get(last + 2)
                        .is_some_and(|t| first_char_upper_word(t.text(context.text))))
        {
            last += 1;
            continue;
        }
        break;
    }
    noun_phrase_ending_at(context.text, context.tokens, last, first).filter(|np| np.first == first)
}

/// The person a paragraph's narration is about, for a quotation of that
/// paragraph with no frame of its own: the subject of the narration sentence
/// just before the quotation ("He lowered his head. “Mistakes …”"), else of
/// the one just after it ("“Is it?” She looked down."). Novels put a
/// speaker's actions beside their words.
pub fn narration_subject(context: &Context<'_>, quote: &Range<usize>) -> Option<Range<usize>> {
    let paragraph = context
        .paragraphs
        .iter()
        .find(|p| p.start <= quote.start && quote.start <= p.end)?;
    let inside_piece = |at: usize| {
        let index = context.top_pieces.partition_point(|r| r.end <= at);
        context.top_pieces.get(index).is_some_and(|r| r.start <= at)
    };
    let subject_of = |sentence: &Range<usize>| -> Option<Range<usize>> {
        let low = context.tokens.partition_point(|t| t.start < sentence.start);
        let limit = context.tokens.partition_point(|t| t.start < sentence.end);
        if low >= limit || inside_piece(context.tokens[low].start) {
            return None;
        }
        let np = subject_at_start(context, low, limit)?;
        let first = context.word(np.first);
        // People only: a name or he/she, not "it", "they" or "the door".
        let person = matches!(lower(first).as_ref(), "he" | "she" | "i")
            || (np.first == np.last && first_char_upper_word(first) && !is_speaker_pronoun(first))
            || (first_char_upper_word(context.word(np.last)) && !is_determiner(first));
        let next = context.tokens.get(np.last + 1)?;
        // "He lowered", "Katharine looked": the subject is followed by its verb.
        let followed_by_verb = next.is_word && !first_char_upper_word(next.text(context.text));
        (person && followed_by_verb)
            .then(|| context.tokens[np.first].start..context.tokens[np.last].end)
    };
    let sentences = context.sentences;
    let at = sentences.partition_point(|s| s.end <= quote.start);
    // The narration sentence before the quotation, in the same paragraph.
    if let Some(before) = at.checked_sub(1).map(|i| &sentences[i])
        && before.start >= paragraph.start
        && let Some(subject) = subject_of(before)
    {
        return Some(subject);
    }
    let after = sentences[at..]
        .iter()
        .find(|s| s.start >= quote.end && !inside_piece(s.start))?;
    if after.start > paragraph.end {
        return None;
    }
    subject_of(after)
}

/// Where the reported clause starts after a short recipient with no "that"
/// ("told reporters the bill would pass"): the recipient is an object pronoun,
/// a lower-case plural or a run of one to three capitalised words; the clause
/// opens with a subject (a pronoun, a determiner or a capitalised word) and has
/// an auxiliary or modal verb within its first seven words.
fn bare_clause_after_recipient(context: &Context<'_>, k: usize, high: usize) -> Option<usize> {
    let word = |i: usize| lower(context.word(i));
    let first = context.word(k);
    let after_recipient = if matches!(
        word(k).as_ref(),
        "him" | "her" | "them" | "us" | "me" | "you"
    ) || looks_plural(first)
    {
        k + 1
    } else if first_char_upper_word(first) && !is_capitalised_function_word(first) {
        (k..high.min(k + 3))
            .take_while(|&i| context.tokens[i].is_word && first_char_upper_word(context.word(i)))
            .last()?
            + 1
    } else {
        return None;
    };
    if after_recipient >= high || !context.tokens[after_recipient].is_word {
        return None;
    }
    let opener = word(after_recipient);
    let subject = matches!(
        opener.as_ref(),
        "he" | "she" | "they" | "it" | "we" | "i" | "there" | "the" | "a" | "an" | "his" | "her"
            | "their" | "its" | "our" | "this" | "these" | "those"
    ) || first_char_upper_word(context.word(after_recipient))
        && !is_capitalised_function_word(context.word(after_recipient));
    let finite = (after_recipient + 1..high.min(after_recipient + 8)).any(|i| {
        matches!(
            word(i).as_ref(),
            "will" | "would" | "could" | "should" | "can" | "may" | "might" | "must" | "is" | "are"
                | "was" | "were" | "has" | "have" | "had" | "did" | "does" | "do"
        )
    });
    (subject && finite).then_some(after_recipient)
}

/// "Trump issued a statement saying …", "the embassy released a letter stating
/// …": a document that someone put out speaks for them, so the one who issued
/// it is the speaker (a document is the source only when nobody else is named:
/// "the statement said").
fn issuer_of_document(
    context: &Context<'_>,
    document: MentionTokens,
    low: usize,
) -> Option<MentionTokens> {
    if !is_document_noun(context.word(document.last)) {
        return None;
    }
    let mut verb = document.first.checked_sub(1)?;
    while verb > low && is_determiner(context.word(verb)) {
        verb -= 1;
    }
    // "put out a statement"
    if verb > low && lower(context.word(verb)).as_ref() == "out" {
        verb -= 1;
    }
    if verb <= low || !is_putting_out(context.word(verb)) {
        return None;
    }
    // The subject right before the verb ("… so loud that the embassy issued"), or
    // the sentence's own start ("On Saturday, Trump issued" past its opening adjunct);
    // never a noun phrase further back.
    subject_before(context.text, context.tokens, verb, low)
        .or_else(|| {
            let comma = (low..verb.min(low + 8)).find(|&i| context.word(i) == ",");
            subject_at_start(context, comma.map_or(low, |c| c + 1), verb)
        })
        .filter(|issuer| issuer.last + 1 == verb)
}

/// Nouns of documents that carry someone's words.
fn is_document_noun(word: &str) -> bool {
    matches!(
        lower(word).as_ref(),
        "statement"
            | "letter"
            | "memo"
            | "memorandum"
            | "release"
            | "filing"
            | "affidavit"
            | "email"
            | "e-mail"
            | "tweet"
            | "post"
            | "note"
            | "message"
            | "communique"
            | "communiqué"
    )
}

/// Verbs of putting a document out, in the past tense ("issued a statement").
fn is_putting_out(word: &str) -> bool {
    matches!(
        lower(word).as_ref(),
        "issued"
            | "released"
            | "sent"
            | "posted"
            | "published"
            | "emailed"
            | "e-mailed"
            | "circulated"
            | "distributed"
            | "filed"
            | "signed"
            | "wrote"
            | "tweeted"
            | "delivered"
            | "put"
    )
}

fn subject_at_sentence_start(
    context: &Context<'_>,
    low: usize,
    limit: usize,
) -> Option<MentionTokens> {
    subject_at_start(context, low, limit)
}

/// End of the reported clause: the sentence end, or an earlier boundary where
/// the author's own words begin (", but", ", which", "; ").
fn clause_end(
    context: &Context<'_>,
    start_token: usize,
    high: usize,
    sentence: &Range<usize>,
) -> usize {
    let mut i = start_token + 3;
    while i + 1 < high {
        let w = context.word(i);
        // A dash or semicolon ends the reported clause ("four other nights - one of them …").
        if matches!(w, ";" | "\u{2014}" | "\u{2013}" | "--")
            || w == "-" && context.tokens[i].start > context.tokens[i - 1].end
        {
            return context.tokens[i].start;
        }
        if w == "," {
            // A comma inside a quotation ("New York values,") is followed by its mark.
            let after_mark = if i + 2 < high
                && context.inside_top_quote(context.tokens[i].start)
                && !context.inside_top_quote(context.tokens[i + 2].start)
            {
                i + 1
            } else {
                i
            };
            let next = context.word(after_mark + 1).to_lowercase();
            // The author's own continuation: a contrast, a relative clause, a participle
            // ("…, leading to …", "…, including …"), or a time clause.
            let continuation = matches!(
                next.as_str(),
                "but"
                    | "which"
                    | "while"
                    | "whereas"
                    | "although"
                    | "though"
                    | "according"
                    | "who"
                    | "adding"
                    | "saying"
                    | "noting"
                    | "including"
                    | "leading"
                    | "until"
                    | "despite"
            );
            // ", stating …", ", arguing …": another cue's participle starts its own clause.
            let participle_cue = next.ends_with("ing")
                && context
                    .is_speech_verb(after_mark + 1, INDIRECT_TIERS)
                    .is_some();
            if continuation && after_mark == i {
                return context.tokens[i].start;
            }
            if participle_cue {
                return context.tokens[after_mark].end;
            }
            // ", he said" / ", X said": the frame of another attribution.
            if let Some(cue) = (i + 1..high.min(i + 5))
                .find(|&j| context.is_speech_verb(j, NEAR_QUOTE_TIERS).is_some())
                && subject_before(context.text, context.tokens, cue, i + 1).is_some()
            {
                return context.tokens[i].start;
            }
        }
        i += 1;
    }
    sentence.end
}

/// `C, X said.` / `C, said X.` — the content is the sentence before the frame.
fn content_before_cue(
    context: &Context<'_>,
    index: usize,
    cue: Range<usize>,
    speaker: Option<MentionTokens>,
    low: usize,
    sentence: &Range<usize>,
) -> Option<RawQuote> {
    let (speaker, frame_start) = match speaker {
        Some(np) => (np, np.first.min(index)),
        None => {
            let np = subject_after(
                context.text,
                context.tokens,
                index,
                context.tokens_before(sentence.end),
            )?;
            (np, index)
        }
    };
    let comma = frame_start.checked_sub(1)?;
    if comma <= low || context.word(comma) != "," {
        return None;
    }
    let start_token = skip_leading_conjunctions(context, low, comma);
    let content = trim_final_punctuation(
        context.text,
        context.tokens[start_token].start..context.tokens[comma].start,
    );
    // An adverbial ("On Jan. 17, X said, …") is not content: a clause has a lower-case
    // word other than prepositions, determiners and conjunctions.
    let clause_like = (start_token..comma).any(|i| {
        let w = context.word(i);
        context.tokens[i].is_word
            && !first_char_upper_word(w)
            && !is_preposition(w)
            && !is_determiner(w)
            && !matches!(w, "and" | "or" | "but")
            && !w.chars().all(|c| c.is_ascii_digit())
    });
    // (One word is an adverbial, not a clause.)
    let words = (start_token..comma).filter(|&i| context.tokens[i].is_word).count();
    if !clause_like
        || words < 2
        || is_preposition(context.word(start_token)) && comma - start_token <= 5
    {
        return None;
    }
    // A content made of one quotation is a direct quote (handled there).
    make_indirect(
        context,
        content,
        cue,
        Some(context.mention_span(speaker)),
        0.75,
        "content-before-cue",
    )
}

/// Builds an indirect or mixed quote, or nothing when the content is one quotation.
fn make_indirect(
    context: &Context<'_>,
    content: Range<usize>,
    cue: Range<usize>,
    speaker: Option<Range<usize>>,
    confidence: f32,
    rule: &'static str,
) -> Option<RawQuote> {
    if content.is_empty() {
        return None;
    }
    let inner: Vec<&QuotedPiece> = context
        .pieces
        .iter()
        .filter(|p| {
            p.parent.is_none() && p.open.start >= content.start && p.content.end <= content.end
        })
        .collect();
    // One quotation with only marks and punctuation around it is a direct quote; a word
    // outside it ("said the “central complication …”") makes the whole a mixed quote.
    let words_outside = inner.len() == 1 && {
        let piece = inner[0];
        let before = &context.text[content.start..piece.open.start.max(content.start)];
        let after = &context.text[piece.content.end.min(content.end)..content.end];
        before
            .chars()
            .chain(after.chars())
            .any(char::is_alphanumeric)
    };
    if inner.len() == 1 && !words_outside {
        return None;
    }
    // Content that starts inside a quotation is not reported speech of this cue.
    if context.pieces.iter().any(|p| {
        p.parent.is_none() && p.content.start < content.start && content.start < p.content.end
    }) {
        return None;
    }
    Some(RawQuote {
        span: content,
        kind: if inner.is_empty() {
            QuoteKind::Indirect
        } else {
            QuoteKind::Mixed
        },
        cue: Some(cue),
        speaker_mention: speaker,
        confidence,
        group: usize::MAX,
        nested: false,
        rule,
        piece: None,
    })
}

/// Headline frames: `Q: X` and `X: Q` in a short one-line paragraph without final period.
pub fn headline_quotes(context: &Context<'_>) -> Vec<RawQuote> {
    let mut found = Vec::new();
    for paragraph in context.paragraphs {
        // A headline is one short line with ": " in it; most paragraphs fail fast here.
        if paragraph.len() > 240 {
            continue;
        }
        let line = &context.text[paragraph.clone()];
        if !line.contains(": ") {
            continue;
        }
        let n_words = line.split_whitespace().count();
        if line.contains('\n')
            || !(4..=25).contains(&n_words)
            || line.trim_end().ends_with(['.', '"', '\u{201D}'])
        {
            continue;
        }
        let Some(colon_offset) = line.find(": ") else {
            continue;
        };
        if line[colon_offset + 2..].contains(": ") || line[..colon_offset].contains('/') {
            continue;
        }
        let colon = paragraph.start + colon_offset;
        let left = trim_span(context.text, paragraph.start..colon);
        let right = trim_span(context.text, colon + 1..paragraph.end);
        let left_words = context.text[left.clone()].split_whitespace().count();
        let right_words = context.text[right.clone()].split_whitespace().count();
        let is_speaker_phrase = |span: &Range<usize>, words: usize| {
            let phrase = &context.text[span.clone()];
            words <= 4
                && phrase.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !phrase.chars().any(|c| c.is_ascii_digit())
                && phrase
                    .split_whitespace()
                    .all(|w| Lexicon::get().verb(w).is_none())
                && phrase.split_whitespace().any(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        || Lexicon::get().role(w).is_some()
                        || matches!(w, "sources" | "source")
                })
        };
        let (content, speaker) =
            if right_words <= 3 && left_words >= 3 && is_speaker_phrase(&right, right_words) {
                (left, right)
            } else if left_words <= 4 && right_words >= 3 && is_speaker_phrase(&left, left_words) {
                (right, left)
            } else {
                continue;
            };
        found.push(RawQuote {
            span: content,
            kind: QuoteKind::Indirect,
            cue: Some(colon..colon + 1),
            speaker_mention: Some(speaker),
            confidence: 0.7,
            group: usize::MAX,
            nested: false,
            rule: "headline",
            piece: None,
        });
    }
    found
}

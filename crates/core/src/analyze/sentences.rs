//! Sentence boundaries, found after the quotations so that a sentence never
//! ends inside one: a period inside “…” belongs to the quotation, and
//! “Q?” asked X. stays one sentence.

use super::marks::QuotedPiece;
use super::text::Token;
use std::ops::Range;

/// Titles before a name ("Sen. Warren"): their period never ends a sentence.
fn is_title_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Gen"
            | "St"
            | "Prof"
            | "Rev"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Mme"
            | "Mlle"
            | "Messrs"
            | "Hon"
            | "Fr"
    )
}

/// The word before a period that belongs to a name rather than ending a
/// sentence: a title ("Mr."), an initial ("J."), a dotted acronym ("U.S.").
/// A given name ("said Vera. Lionel looked") is not one.
pub(super) fn abbreviates_in_name(word: &str) -> bool {
    let mut chars = word.chars();
    let single_capital =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_capital
        || is_abbreviation(word)
        || (word.contains('.') && word.chars().any(char::is_uppercase))
}

/// Abbreviations after which a period does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    is_title_abbreviation(word)
        || matches!(
            word,
            "Cmdr"
                | "Adm"
                | "Jr"
                | "Sr"
                | "Inc"
                | "Corp"
                | "Co"
                | "Ltd"
                | "No"
                | "vs"
                | "Jan"
                | "Feb"
                | "Mar"
                | "Apr"
                | "Jun"
                | "Jul"
                | "Aug"
                | "Sep"
                | "Sept"
                | "Oct"
                | "Nov"
                | "Dec"
                | "U.S"
                | "U.K"
                | "U.N"
                | "D.C"
                | "a.m"
                | "p.m"
                | "e.g"
                | "i.e"
                | "Ft"
                | "Mt"
                | "Ave"
                | "Blvd"
                | "Dept"
                | "Univ"
                | "approx"
                | "Calif"
                | "Fla"
                | "Ill"
                | "Mass"
                | "Pa"
                | "Va"
                | "Wash"
                | "Ariz"
                | "Colo"
                | "Conn"
                | "Ga"
                | "Ky"
                | "La"
                | "Md"
                | "Mich"
                | "Minn"
                | "Mo"
                | "Nev"
                | "Okla"
                | "Ore"
                | "Tenn"
                | "Tex"
                | "Wis"
                | "R"
                | "D"
                | "I"
        )
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || (word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4)
}

/// Sentence spans within each paragraph (byte ranges, trimmed).
pub fn sentences(
    text: &str,
    paragraphs: &[Range<usize>],
    tokens: &[Token],
    pieces: &[QuotedPiece],
) -> Vec<Range<usize>> {
    // Top-level content spans and closing marks, sorted, for binary searches.
    let mut contents: Vec<Range<usize>> = pieces
        .iter()
        .filter(|p| p.parent.is_none())
        .map(|p| p.content.clone())
        .collect();
    contents.sort_by_key(|r| r.start);
    let inside_quote = |position: usize| {
        let index = contents.partition_point(|r| r.end <= position);
        contents.get(index).is_some_and(|r| r.start <= position)
    };
    // Closing mark start → (mark end, the content ends like a sentence).
    let mut closings: Vec<(usize, usize, bool)> = pieces
        .iter()
        .filter(|p| p.parent.is_none())
        .filter_map(|p| {
            p.close.as_ref().map(|c| {
                (
                    c.start,
                    c.end,
                    text[p.content.clone()]
                        .trim_end()
                        .ends_with(['.', '!', '?']),
                )
            })
        })
        .collect();
    closings.sort_unstable();
    let closing_at = |position: usize| {
        closings
            .binary_search_by_key(&position, |c| c.0)
            .ok()
            .map(|i| (closings[i].1, closings[i].2))
    };
    let mut result = Vec::new();
    let mut token_index = 0;
    for paragraph in paragraphs {
        while token_index < tokens.len() && tokens[token_index].start < paragraph.start {
            token_index += 1;
        }
        let first = token_index;
        while token_index < tokens.len() && tokens[token_index].end <= paragraph.end {
            token_index += 1;
        }
        let paragraph_tokens = &tokens[first..token_index];
        let mut start = paragraph.start;
        for (i, token) in paragraph_tokens.iter().enumerate() {
            let t = token.text(text);
            // A quotation ending in .!? closes a sentence when a capitalised word follows.
            // (Quotation marks are punctuation tokens: words need no search.)
            if !token.is_word
                && let Some((close_end, ends_sentence)) = closing_at(token.start)
                && ends_sentence
            {
                let next_upper = paragraph_tokens
                    .get(i + 1)
                    .is_some_and(|n| n.text(text).chars().next().is_some_and(char::is_uppercase));
                if next_upper && close_end > start {
                    result.push(start..close_end);
                    start = paragraph_tokens[i + 1].start;
                }
                continue;
            }
            if !matches!(t, "." | "!" | "?" | "…") || inside_quote(token.start) {
                continue;
            }
            if t == "." && i > 0 && is_abbreviation(paragraph_tokens[i - 1].text(text)) {
                // "Sen. Warren" continues; "in the U.S. He said" ends: decide by the next word.
                let next_is_name_like = paragraph_tokens
                    .get(i + 1)
                    .is_some_and(|n| n.text(text).chars().next().is_some_and(char::is_uppercase));
                let previous = paragraph_tokens[i - 1].text(text);
                let title_like = is_title_abbreviation(previous) || previous.chars().count() == 1;
                // "U.S. Attorney Joshua Levy", "U.N. Secretary-General": a role goes on.
                let next_is_role = paragraph_tokens.get(i + 1).is_some_and(|n| {
                    super::lexicon::Lexicon::get().role(n.text(text)).is_some()
                });
                if title_like || !next_is_name_like || next_is_role {
                    continue;
                }
            }
            // The sentence ends after this mark and any closing quotation marks right after it.
            let mut end = token.end;
            let mut j = i + 1;
            while let Some(next) = paragraph_tokens.get(j) {
                let nt = next.text(text);
                if next.start == end
                    && matches!(
                        nt,
                        "\u{201D}" | "\"" | "\u{2019}" | "'" | "''" | "\u{00BB}" | ")"
                    )
                {
                    end = next.end;
                    j += 1;
                } else {
                    break;
                }
            }
            // A lower-case continuation (“Q?” asked X) keeps the sentence going.
            let continues = paragraph_tokens.get(j).is_some_and(|next| {
                next.text(text)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            });
            if continues {
                continue;
            }
            if end > start {
                result.push(start..end);
            }
            start = paragraph_tokens.get(j).map_or(paragraph.end, |n| n.start);
        }
        if start < paragraph.end {
            result.push(start..paragraph.end);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::marks::pair_quotation_marks;
    use crate::analyze::text::{paragraphs, tokenize};

    fn split(text: &str) -> Vec<&str> {
        let paragraphs = paragraphs(text);
        let tokens = tokenize(text);
        let pieces = pair_quotation_marks(text, &paragraphs).pieces;
        sentences(text, &paragraphs, &tokens, &pieces)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn quotes_are_atomic_and_abbreviations_do_not_split() {
        assert_eq!(
            split(
                "Sen. Warren spoke. \u{201C}No. Never.\u{201D} She left the U.S. on Monday.\n\nNext."
            ),
            [
                "Sen. Warren spoke.",
                "\u{201C}No. Never.\u{201D}",
                "She left the U.S. on Monday.",
                "Next."
            ]
        );
        assert_eq!(
            split("\u{201C}Why?\u{201D} asked Tom. Then he left."),
            ["\u{201C}Why?\u{201D} asked Tom.", "Then he left."]
        );
    }
}

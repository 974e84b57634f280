//! Quotation-mark pairing, done on characters before any sentence splitting.
//!
//! Rules (from CoreNLP's QuoteAnnotator and textacy's pairing bugs, see
//! `docs/adr/0004-quote-engine.md`):
//! - any double closer closes any double opener (`"…”` pairs: mismatched
//!   styles are common in copied text); `''` counts as a straight double mark;
//! - a straight `"` closes when a double quotation is open, else opens;
//! - single marks (`‘ ’ '`) open only before a word and after a non-word, and
//!   close only after a non-space and before a non-word, so apostrophes
//!   (`States'`, `won’t`, `’90s`) never pair;
//! - a quotation left open at a paragraph end continues when the next
//!   paragraph starts with an opening mark (news and novel convention), and
//!   then yields one piece per paragraph; otherwise its opener is a stray
//!   mark, ignored, and the paragraph is paired again without it.

use std::collections::HashSet;
use std::ops::Range;

/// One contiguous piece of quoted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotedPiece {
    /// Byte span of the opening mark.
    pub open: Range<usize>,
    /// Byte span of the closing mark; `None` when the piece ends at a
    /// paragraph end and the quotation continues in the next paragraph.
    pub close: Option<Range<usize>>,
    /// Byte span of the content between the marks.
    pub content: Range<usize>,
    /// Pieces of one quotation (over several paragraphs) share this number.
    pub group: usize,
    /// Index of the piece this one is nested in.
    pub parent: Option<usize>,
    /// Double (`“ ” " « »`) or single (`‘ ’ '`) marks.
    pub double: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkKind {
    DoubleOpen,
    DoubleClose,
    DoubleEither,
    LowOpen,
    SingleOpen,
    SingleClose,
    SingleEither,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    kind: MarkKind,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    mark: Mark,
    double: bool,
    low: bool,
    piece_index: usize,
    /// The stack position of the nearest double opener at or below this one: the
    /// opener a double closer closes, found without walking the stack.
    double_at_or_below: Option<usize>,
}

/// Pairing a paragraph again without one stray opener at a time keeps the best
/// pairing of ordinary text; after this many rounds in one paragraph (a hostile
/// or broken text) every opener left unclosed is dropped at once, so pairing stays
/// linear in the paragraph.
const STRAY_ROUNDS_ONE_AT_A_TIME: usize = 32;

/// A piece whose opener was dropped as a stray when an outer quotation closed.
const DROPPED: Option<Range<usize>> = Some(usize::MAX..usize::MAX);

/// What pairing found: the quoted pieces, and the marks it had to ignore.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pairing {
    /// Quoted pieces in text order.
    pub pieces: Vec<QuotedPiece>,
    /// Byte offsets of opening marks that had no partner and were ignored (diagnostics).
    pub stray_marks: Vec<usize>,
}

/// Finds the quotation marks in `text` and pairs them into pieces.
pub fn pair_quotation_marks(text: &str, paragraphs: &[Range<usize>]) -> Pairing {
    let mut pieces: Vec<QuotedPiece> = Vec::new();
    let mut stray_marks: Vec<usize> = Vec::new();
    let mut next_group = 0;
    // A quotation carried over from the previous paragraph: its group.
    let mut carried: Option<usize> = None;
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let marks = find_marks(text, paragraph.clone());
        let next_starts_with_opener = paragraphs
            .get(index + 1)
            .and_then(|next| {
                find_marks(
                    text,
                    next.start..text.floor_char_boundary(next.end.min(next.start + 4)),
                )
                .first()
                .copied()
            })
            .is_some_and(|mark| {
                mark.start == paragraphs[index + 1].start
                    && matches!(
                        mark.kind,
                        MarkKind::DoubleOpen | MarkKind::DoubleEither | MarkKind::LowOpen
                    )
            });
        let mut ignored: HashSet<usize> = HashSet::new();
        let mut rounds = 0;
        // Pair, and pair again without each opener that stays unclosed.
        loop {
            let attempt = pair_paragraph(
                text,
                paragraph,
                &marks,
                &ignored,
                carried,
                next_starts_with_opener,
            );
            match attempt {
                Attempt::Done {
                    pieces: found,
                    carry,
                } => {
                    let base = pieces.len();
                    for mut piece in found {
                        piece.parent = piece.parent.map(|p| p + base);
                        if piece.group == usize::MAX {
                            piece.group = next_group;
                            next_group += 1;
                        }
                        pieces.push(piece);
                    }
                    carried = carry.map(|local| pieces[base + local].group);
                    break;
                }
                Attempt::Stray(positions) => {
                    rounds += 1;
                    let take = if rounds < STRAY_ROUNDS_ONE_AT_A_TIME {
                        1
                    } else {
                        positions.len()
                    };
                    for &position in &positions[..take] {
                        ignored.insert(position);
                        stray_marks.push(position);
                    }
                }
            }
        }
    }
    stray_marks.sort_unstable();
    Pairing {
        pieces,
        stray_marks,
    }
}

enum Attempt {
    /// Pieces found (group `usize::MAX` = new group), and the local index of
    /// the piece that continues into the next paragraph.
    Done {
        pieces: Vec<QuotedPiece>,
        carry: Option<usize>,
    },
    /// These openers have no closer, innermost first: ignore the first (or all)
    /// and pair again.
    Stray(Vec<usize>),
}

fn pair_paragraph(
    text: &str,
    paragraph: &Range<usize>,
    marks: &[Mark],
    ignored: &HashSet<usize>,
    carried: Option<usize>,
    next_starts_with_opener: bool,
) -> Attempt {
    let mut pieces: Vec<QuotedPiece> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut marks = marks
        .iter()
        .filter(|m| !ignored.contains(&m.start))
        .peekable();

    // A carried quotation reopens with this paragraph's first mark.
    if let Some(group) = carried
        && let Some(first) = marks.peek().copied().filter(|m| m.start == paragraph.start)
    {
        marks.next();
        pieces.push(QuotedPiece {
            open: first.start..first.end,
            close: None,
            content: first.end..paragraph.end,
            group,
            parent: None,
            double: true,
        });
        stack.push(Open {
            mark: *first,
            double: true,
            low: false,
            piece_index: 0,
            double_at_or_below: Some(0),
        });
    }

    for mark in marks {
        let top = stack.last().copied();
        let double_open = top.and_then(|o| o.double_at_or_below);
        let single_on_top = top.is_some_and(|o| !o.double);
        match mark.kind {
            MarkKind::DoubleClose | MarkKind::DoubleEither => {
                if let Some(position) = double_open {
                    close_at(&mut stack, &mut pieces, position, mark);
                } else if mark.kind == MarkKind::DoubleEither {
                    open(&mut stack, &mut pieces, mark, true, false);
                }
            }
            MarkKind::DoubleOpen => {
                // In „…“ style the high mark closes the low one.
                if let Some(position) = double_open.filter(|&p| stack[p].low) {
                    close_at(&mut stack, &mut pieces, position, mark);
                } else {
                    open(&mut stack, &mut pieces, mark, true, false);
                }
            }
            MarkKind::LowOpen => open(&mut stack, &mut pieces, mark, true, true),
            MarkKind::SingleOpen => open(&mut stack, &mut pieces, mark, false, false),
            MarkKind::SingleClose => {
                if single_on_top {
                    let top = stack.len() - 1;
                    close_at(&mut stack, &mut pieces, top, mark);
                }
            }
            MarkKind::SingleEither => {
                if single_on_top && closes_single(text, mark) {
                    let top = stack.len() - 1;
                    close_at(&mut stack, &mut pieces, top, mark);
                } else if opens_single(text, mark) {
                    open(&mut stack, &mut pieces, mark, false, false);
                }
            }
        }
    }

    // What is still open at the paragraph end.
    let mut carry = None;
    let mut strays = Vec::new();
    while let Some(open) = stack.pop() {
        let is_outermost_double = stack.is_empty() && open.double;
        if is_outermost_double && next_starts_with_opener {
            let piece = &mut pieces[open.piece_index];
            piece.content = piece.content.start..paragraph.end;
            piece.close = None;
            carry = Some(open.piece_index);
        } else if open.piece_index == 0 && carried.is_some() && open.double {
            // A carried quotation that neither closes nor continues ends here.
            let piece = &mut pieces[0];
            piece.content = piece.content.start..paragraph.end;
        } else {
            strays.push(open.mark.start);
        }
    }
    if !strays.is_empty() {
        return Attempt::Stray(strays);
    }
    let carry = remove_dropped(&mut pieces, carry);
    Attempt::Done { pieces, carry }
}

/// Removes the pieces of openers dropped as strays (in one pass, at the end of
/// the paragraph), re-pointing parents and the carried piece; a piece inside a
/// dropped one has no parent.
fn remove_dropped(pieces: &mut Vec<QuotedPiece>, carry: Option<usize>) -> Option<usize> {
    if !pieces.iter().any(|p| p.close == DROPPED) {
        return carry;
    }
    let mut new_index: Vec<Option<usize>> = Vec::with_capacity(pieces.len());
    let mut kept = 0;
    for piece in pieces.iter() {
        if piece.close == DROPPED {
            new_index.push(None);
        } else {
            new_index.push(Some(kept));
            kept += 1;
        }
    }
    pieces.retain(|p| p.close != DROPPED);
    for piece in pieces.iter_mut() {
        piece.parent = piece.parent.and_then(|parent| new_index[parent]);
    }
    carry.and_then(|index| new_index[index])
}

fn open(
    stack: &mut Vec<Open>,
    pieces: &mut Vec<QuotedPiece>,
    mark: &Mark,
    double: bool,
    low: bool,
) {
    let parent = stack.last().map(|o| o.piece_index);
    let double_at_or_below = if double {
        Some(stack.len())
    } else {
        stack.last().and_then(|o| o.double_at_or_below)
    };
    pieces.push(QuotedPiece {
        open: mark.start..mark.end,
        close: None,
        content: mark.end..mark.end,
        group: usize::MAX,
        parent,
        double,
    });
    stack.push(Open {
        mark: *mark,
        double,
        low,
        piece_index: pieces.len() - 1,
        double_at_or_below,
    });
}

/// Closes the opener at `position`; openers above it were strays and are
/// dropped (their pieces are removed when the paragraph is done).
fn close_at(stack: &mut Vec<Open>, pieces: &mut [QuotedPiece], position: usize, mark: &Mark) {
    for dropped in stack.drain(position + 1..) {
        pieces[dropped.piece_index].close = DROPPED;
    }
    let Some(open) = stack.pop() else { return };
    let piece = &mut pieces[open.piece_index];
    piece.content = piece.content.start..mark.start;
    piece.close = Some(mark.start..mark.end);
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// A single mark opens before a word and after a non-word.
fn opens_single(text: &str, mark: &Mark) -> bool {
    let before_ok = char_before(text, mark.start).is_none_or(|c| !c.is_alphanumeric() && c != '\'');
    let after_ok = char_after(text, mark.end).is_some_and(|c| c.is_alphabetic());
    before_ok && after_ok
}

/// A single mark closes after a non-space and before a non-word.
fn closes_single(text: &str, mark: &Mark) -> bool {
    let before_ok = char_before(text, mark.start).is_some_and(|c| !c.is_whitespace());
    let after_ok = char_after(text, mark.end).is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// The quotation marks inside `range`, classified by their shape and context.
fn find_marks(text: &str, range: Range<usize>) -> Vec<Mark> {
    let mut marks = Vec::new();
    let slice = &text[range.clone()];
    let bytes = slice.as_bytes();
    // Only `"`, `'`, `` ` `` and a few multi-byte lead bytes (‘ ’ “ ” „ « » ＂) can start a
    // mark: skip everything else without decoding it.
    // Blocks of 16 bytes are tested whole first (the test vectorises); most hold none.
    let candidate = |b: u8| matches!(b, b'"' | b'\'' | b'`' | 0xC2 | 0xE2 | 0xEF);
    let mut chars = bytes
        .chunks(16)
        .enumerate()
        .filter(|(_, block)| block.iter().fold(false, |seen, &b| seen | candidate(b)))
        .flat_map(|(n, block)| {
            block
                .iter()
                .enumerate()
                .filter(|&(_, &b)| candidate(b))
                .map(move |(i, _)| n * 16 + i)
        })
        .filter_map(|offset| slice[offset..].chars().next().map(|c| (offset, c)))
        .peekable();
    while let Some((offset, c)) = chars.next() {
        let start = range.start + offset;
        let kind = match c {
            '"' | '\u{FF02}' | '\u{201C}' | '\u{201D}'
                if char_before(text, start).is_some_and(char::is_whitespace)
                    && char_after(text, start + c.len_utf8()).is_some_and(char::is_whitespace) =>
            {
                // A mark with spaces on both sides opens and closes nothing.
                continue;
            }
            '\u{201C}' => MarkKind::DoubleOpen,
            '\u{201D}' => MarkKind::DoubleClose,
            '\u{201E}' => MarkKind::LowOpen,
            '\u{00AB}' => MarkKind::DoubleOpen,
            '\u{00BB}' => MarkKind::DoubleClose,
            '"' | '\u{FF02}' => MarkKind::DoubleEither,
            '\u{2018}' => {
                let mark = Mark {
                    start,
                    end: start + c.len_utf8(),
                    kind: MarkKind::SingleOpen,
                };
                if !opens_single(text, &mark) {
                    continue;
                }
                MarkKind::SingleOpen
            }
            '\u{2019}' => {
                let mark = Mark {
                    start,
                    end: start + c.len_utf8(),
                    kind: MarkKind::SingleClose,
                };
                if !closes_single(text, &mark) {
                    continue;
                }
                MarkKind::SingleClose
            }
            '\'' => {
                // Two apostrophes stand for a straight double mark (PolNeAR, PTB).
                if chars
                    .peek()
                    .is_some_and(|&(next_offset, next)| next == '\'' && next_offset == offset + 1)
                {
                    chars.next();
                    marks.push(Mark {
                        start,
                        end: start + 2,
                        kind: MarkKind::DoubleEither,
                    });
                    continue;
                }
                MarkKind::SingleEither
            }
            '`' if chars
                .peek()
                .is_some_and(|&(next_offset, next)| next == '`' && next_offset == offset + 1) =>
            {
                chars.next();
                marks.push(Mark {
                    start,
                    end: start + 2,
                    kind: MarkKind::DoubleOpen,
                });
                continue;
            }
            _ => continue,
        };
        marks.push(Mark {
            start,
            end: start + c.len_utf8(),
            kind,
        });
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::text::paragraphs;

    fn contents(text: &str) -> Vec<String> {
        pair_quotation_marks(text, &paragraphs(text))
            .pieces
            .iter()
            .map(|p| text[p.content.clone()].to_owned())
            .collect()
    }

    #[test]
    fn mismatched_straight_and_curly() {
        assert_eq!(
            contents("He said: \"Military cooperation.\u{201D} Then."),
            ["Military cooperation."]
        );
    }

    #[test]
    fn apostrophes_do_not_pair() {
        let text =
            "The States' remarks \u{201C}won\u{2019}t change the \u{2019}90s,\u{201D} he said.";
        assert_eq!(contents(text), ["won\u{2019}t change the \u{2019}90s,"]);
    }

    #[test]
    fn nested_single_inside_double() {
        let text = "\u{201C}He said \u{2018}no\u{2019} twice,\u{201D} she said.";
        let pieces = pair_quotation_marks(text, &paragraphs(text)).pieces;
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[1].parent, Some(0));
        assert_eq!(&text[pieces[1].content.clone()], "no");
    }

    #[test]
    fn multi_paragraph_convention() {
        let text =
            "\u{201C}First paragraph.\n\n\u{201C}Second paragraph.\u{201D} she said.\n\nAfter.";
        let pieces = pair_quotation_marks(text, &paragraphs(text)).pieces;
        assert_eq!(pieces.len(), 2);
        assert_eq!(&text[pieces[0].content.clone()], "First paragraph.");
        assert_eq!(&text[pieces[1].content.clone()], "Second paragraph.");
        assert_eq!(pieces[0].group, pieces[1].group);
        assert!(pieces[0].close.is_none());
    }

    #[test]
    fn stray_opener_is_skipped_not_fatal() {
        let text = "A stray \u{201C} mark here.\n\n\u{201C}Real quote,\u{201D} he said.";
        assert_eq!(contents(text), ["Real quote,"]);
        let text = "An \u{201C}unclosed mark.\n\nHe said \u{201C}Real quote,\u{201D} and left.";
        let pairing = pair_quotation_marks(text, &paragraphs(text));
        assert_eq!(pairing.stray_marks, [3]);
        assert_eq!(pairing.pieces.len(), 1);
    }

    #[test]
    fn other_styles() {
        assert_eq!(contents("Er sagte: \u{201E}Nein\u{201C}."), ["Nein"]);
        assert_eq!(contents("Il a dit : \u{00AB} Non \u{00BB}."), [" Non "]);
        assert_eq!(contents("He said ''no way'' today."), ["no way"]);
        assert_eq!(
            contents("She said 'never again' and left."),
            ["never again"]
        );
    }
}

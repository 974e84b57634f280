//! What a readability pass leaves in a web page's main text that is not the article:
//! inline teasers for other articles ("Read more: …"), the related-links, sharing and
//! newsletter blocks that follow the article, and advertisement labels. The markers
//! are data (`data/boilerplate/markers.tsv`), matched at the start of a paragraph or
//! within it, by kind; a heading ending the text with a colon goes too.

use std::sync::OnceLock;

const MARKERS: &str = include_str!("../../data/boilerplate/markers.tsv");

#[derive(Default)]
struct Markers {
    teaser: Vec<String>,
    tail: Vec<String>,
    action: Vec<String>,
    line: Vec<String>,
    credit: Vec<String>,
    more: Vec<String>,
    notice: Vec<String>,
    channel: Vec<String>,
    invite: Vec<String>,
    ours: Vec<String>,
}

fn markers() -> &'static Markers {
    static MARKERS_ONCE: OnceLock<Markers> = OnceLock::new();
    MARKERS_ONCE.get_or_init(|| {
        let mut markers = Markers::default();
        for line in MARKERS.lines().filter(|l| !l.starts_with('#')) {
            if let Some((kind, words)) = line.split_once('\t') {
                let words = words.trim().to_lowercase();
                match kind {
                    "teaser" => markers.teaser.push(words),
                    "tail" => markers.tail.push(words),
                    "action" => markers.action.push(words),
                    "line" => markers.line.push(words),
                    "credit" => markers.credit.push(words),
                    "more" => markers.more.push(words),
                    "notice" => markers.notice.push(words),
                    "channel" => markers.channel.push(words),
                    "invite" => markers.invite.push(words),
                    "ours" => markers.ours.push(words),
                    _ => {}
                }
            }
        }
        markers
    })
}

/// A heading (or call to action) that starts the tail has at most this many words.
const TAIL_HEADING_WORDS: usize = 12;

/// A call to action that ends the text ("Sign up for our newsletter to get the
/// council's decisions every week …") has at most this many words.
const CALL_TO_ACTION_WORDS: usize = 40;

/// A notice to the reader (a paywall) has at most this many words.
const NOTICE_WORDS: usize = 60;

/// A teaser for another article ("… mehr") has at most this many words.
const TEASER_WORDS: usize = 25;

/// An image credit is a caption of at most this many words.
const CREDIT_WORDS: usize = 20;

/// The main text (paragraphs separated by blank lines) without teasers, labels and
/// what follows a tail heading in its second half.
pub fn strip_boilerplate(text: &str) -> String {
    let markers = markers();
    let total = text.len().max(1);
    let mut kept: Vec<&str> = Vec::new();
    let mut position = 0;
    for paragraph in text.split("\n\n") {
        let at = position;
        position += paragraph.len() + 2;
        let whole = paragraph.to_lowercase();
        let lowered = whole.trim_start_matches(|c: char| !c.is_alphanumeric());
        let bare = lowered.trim_end_matches(|c: char| !c.is_alphanumeric());
        let words = paragraph.split_whitespace().count();
        let begins = |list: &[String]| list.iter().any(|m| lowered.starts_with(m.as_str()));
        let holds = |list: &[String], most: usize| {
            words <= most && list.iter().any(|m| whole.contains(m.as_str()))
        };
        if markers.line.iter().any(|m| m == bare)
            || begins(&markers.teaser)
            || holds(&markers.credit, CREDIT_WORDS)
            || holds(&markers.notice, NOTICE_WORDS)
        {
            continue;
        }
        // "Wettergutachten. Auskunft über vergangenes Wetter… mehr •••"
        if words <= TEASER_WORDS && markers.more.iter().any(|m| bare.ends_with(m.as_str())) {
            continue;
        }
        let second_half = at * 2 >= total;
        // A call to action may be a sentence or two, when nothing follows it.
        let last = position >= text.len();
        let heading =
            words <= TAIL_HEADING_WORDS && (begins(&markers.tail) || begins(&markers.action));
        let names_any = |list: &[String]| list.iter().any(|m| contains_words(&whole, m));
        let closing_action = last
            && words <= CALL_TO_ACTION_WORDS
            && (begins(&markers.action)
                || names_any(&markers.channel)
                    && (begins(&markers.invite) || names_any(&markers.ours)));
        if (second_half && heading) || (at > 0 && closing_action) {
            break;
        }
        // Earlier, such a heading is a box set into the article ("Share this article"):
        // it goes, the article goes on.
        if heading {
            continue;
        }
        kept.push(paragraph);
    }
    // A short heading that ends the text with a colon ("More on the virus in Thuringia:")
    // introduced links that are gone; nothing of the article follows it.
    while kept.len() > 1
        && kept.last().is_some_and(|last| {
            last.trim_end().ends_with(':') && last.split_whitespace().count() <= TAIL_HEADING_WORDS
        })
    {
        kept.pop();
    }
    kept.join("\n\n")
}

/// Whether `text` holds `words` as whole words ("follow", not "following").
fn contains_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        !text[..at].ends_with(char::is_alphanumeric)
            && !text[at + words.len()..].starts_with(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teasers_labels_and_the_tail_go() {
        let article = "The council met on Monday and agreed the budget for next year.\n\n\
            Read more: Council rejects the first draft\n\n\
            Anzeige\n\n\
            Budget 2023: what changed… Read more »\n\n\
            If you are already a subscriber, log in to read the whole story.\n\n\
            The town hall in spring. (Foto: Anna Berg / Getty Images)\n\n\
            The mayor said the vote was close, and the opposition will appeal.\n\n\
            Schon gelesen?\n\n\
            Another story entirely\n\n\
            Join our newsletter";
        let closing = "The council met on Monday and agreed the budget for next year after a long debate.\n\n\
            Sign up for our newsletter to get the council's decisions every week, \
            and tell us which of our stories on the town you would like to read next.";
        assert_eq!(
            strip_boilerplate(closing),
            "The council met on Monday and agreed the budget for next year after a long debate."
        );
        assert_eq!(
            strip_boilerplate(article),
            "The council met on Monday and agreed the budget for next year.\n\n\
             The mayor said the vote was close, and the opposition will appeal."
        );
    }

    #[test]
    fn a_closing_pointer_to_the_sites_channels_or_a_heading_of_gone_links_goes() {
        let body =
            "The council met on Monday and agreed the budget for next year after a long debate.";
        for closing in [
            "Follow The Gleaner on Twitter and Instagram @JamaicaGleaner.",
            "¡Mira lo que tiene nuestro canal de YouTube!",
            "Lucas Nolan is a reporter. Follow him on Twitter @LucasNolan.",
            "More on the budget:",
        ] {
            assert_eq!(strip_boilerplate(&format!("{body}\n\n{closing}")), body);
        }
        // An article that ends on what someone wrote on a platform is text.
        for closing in [
            "The following day the mayor wrote on Twitter that she would not resign.",
            "The opposition will join the protest, its leader said on Facebook.",
            "Police will follow up on the video posted to YouTube, the chief said.",
        ] {
            let article = format!("{body}\n\n{closing}");
            assert_eq!(strip_boilerplate(&article), article);
        }
    }

    #[test]
    fn a_marker_in_the_first_half_or_in_a_long_paragraph_is_text() {
        // A heading in the first half is a box set into the article: it goes and the
        // article goes on; a long paragraph that happens to begin with the words is text.
        let article = "More stories\n\nThe first paragraph of a long article about a town that tells many stories.\n\n\
            More from the council was expected, said a spokesman who asked not to be named today.";
        assert_eq!(
            strip_boilerplate(article),
            article.strip_prefix("More stories\n\n").unwrap()
        );
    }
}

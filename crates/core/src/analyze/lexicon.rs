//! Word lists the analysis reads, loaded once from the data files in
//! `crates/core/data/lexicon/` (embedded in the binary). Lookups are by
//! lower-cased word; multi-word entries are matched by the callers word by word.

// FxHash: the keys are our own word lists, so a fast non-keyed hash is safe here.
use arrayvec::ArrayString;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// A word in lower case: borrowed when it already is, on the stack when it is short
/// ASCII, on the heap otherwise. Lexicon look-ups run on every token, so this
/// keeps them free of allocations.
pub enum LowerWord<'w> {
    /// The word was lower case already.
    Borrowed(&'w str),
    /// Short ASCII, lowered on the stack.
    Inline(ArrayString<32>),
    /// Anything else.
    Owned(String),
}

impl AsRef<str> for LowerWord<'_> {
    fn as_ref(&self) -> &str {
        match self {
            LowerWord::Borrowed(word) => word,
            LowerWord::Inline(word) => word,
            LowerWord::Owned(word) => word,
        }
    }
}

/// The word in lower case, without allocating when it already is or is short ASCII.
pub fn lower(word: &str) -> LowerWord<'_> {
    if word.is_ascii() {
        if !word.bytes().any(|byte| byte.is_ascii_uppercase()) {
            return LowerWord::Borrowed(word);
        }
        if let Ok(mut lowered) = ArrayString::<32>::from(word) {
            lowered.make_ascii_lowercase();
            return LowerWord::Inline(lowered);
        }
        return LowerWord::Owned(word.to_ascii_lowercase());
    }
    if !word.chars().any(char::is_uppercase) {
        return LowerWord::Borrowed(word);
    }
    LowerWord::Owned(word.to_lowercase())
}

/// How strongly a reporting verb signals speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbTier {
    /// Verbs of saying that take a clause: direct and indirect speech.
    Speech,
    /// Saying verbs that usually take a noun object: indirect only with "that"/"to".
    Evaluative,
    /// Manner of speaking: only right beside a quotation.
    Manner,
    /// Thinking, believing, wanting (not speech).
    Cognition,
    /// Evidence shown by an artifact (not speech).
    Evidence,
}

/// A reporting verb form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// Lemma (`say`).
    pub lemma: &'static str,
    /// Tier.
    pub tier: VerbTier,
    /// Second word of a phrasal verb (`out` in `point out`).
    pub particle: Option<&'static str>,
}

/// All word lists.
#[derive(Debug)]
pub struct Lexicon {
    verbs: WordMap<Vec<VerbEntry>>,
    roles: WordMap<&'static str>,
    /// Every word of a role phrase, and the words a role phrase opens with: most
    /// capitalised runs hold none, and then no phrase needs building.
    role_words: WordMap<()>,
    role_first_words: WordMap<()>,
    /// Role phrases in the plural ("officials", "lawyers", "foreign ministers").
    plural_roles: WordMap<()>,
    /// Longest role phrase, in words.
    pub max_role_words: usize,
    honorifics: WordMap<()>,
    country_words: WordMap<&'static str>,
    given_names: WordMap<bool>,
    sentence_openers: WordMap<()>,
}

const REPORTING_VERBS: &str = include_str!("../../data/lexicon/reporting_verbs.tsv");
const ROLES: &str = include_str!("../../data/lexicon/roles.tsv");
const HONORIFICS: &str = include_str!("../../data/lexicon/honorifics.txt");
// The entity stage's gazetteer: a speaker's nationality ("Palestinian President …",
// "the Kenyan minister") is read from the same states the map shows.
const COUNTRIES: &str = include_str!("../../data/gazetteer/countries.tsv");
const GIVEN_NAMES: &str = include_str!("../../data/lexicon/given_names.tsv");
const SENTENCE_OPENERS: &str = include_str!("../../data/lexicon/sentence_openers.txt");

/// Number of word shapes ([`word_shapes`]).
const SHAPES: usize = 1 << 14;

/// A word's two shapes, the same for any letter case: its first two bytes, and its
/// last two, ASCII lower-cased (five bits each), with its length up to 15.
fn word_shapes(word: &[u8]) -> [usize; 2] {
    let bits = |byte: Option<&u8>| byte.map_or(0, |b| usize::from(b.to_ascii_lowercase() & 31));
    let length = word.len().min(15);
    let last = word.len().saturating_sub(1);
    [
        (bits(word.first()) << 9) | (bits(word.get(1)) << 4) | length,
        (bits(word.get(last)) << 9) | (bits(word.get(last.wrapping_sub(1))) << 4) | length,
    ]
}

/// A word list keyed by lower-case words, with the [`word_shapes`] of its ASCII
/// keys: a word whose shapes no key has is not in the list, found without
/// lower-casing or hashing it (most words of a text are in no list).
#[derive(Debug)]
struct WordMap<V> {
    map: HashMap<String, V>,
    shapes: [Box<[u64; SHAPES / 64]>; 2],
}

impl<V> FromIterator<(String, V)> for WordMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> WordMap<V> {
        let map: HashMap<String, V> = entries.into_iter().collect();
        let mut shapes = [Box::new([0u64; SHAPES / 64]), Box::new([0u64; SHAPES / 64])];
        // An ASCII word lower-cases to ASCII of the same length, so only ASCII keys can
        // match the ASCII words the shapes rule out.
        for key in map.keys().filter(|key| key.is_ascii()) {
            for (set, shape) in shapes.iter_mut().zip(word_shapes(key.as_bytes())) {
                set[shape / 64] |= 1 << (shape % 64);
            }
        }
        WordMap { map, shapes }
    }
}

impl<V> WordMap<V> {
    /// The entry of a word, in any letter case.
    fn get(&self, word: &str) -> Option<&V> {
        if word.is_ascii()
            && self
                .shapes
                .iter()
                .zip(word_shapes(word.as_bytes()))
                .any(|(set, shape)| set[shape / 64] & (1 << (shape % 64)) == 0)
        {
            return None;
        }
        self.map.get(lower(word).as_ref())
    }

    fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }
}

fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

impl Lexicon {
    /// The lexicon, loaded on first use.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::load)
    }

    fn load() -> Lexicon {
        let mut verbs: HashMap<String, Vec<VerbEntry>> = HashMap::default();
        for line in data_lines(REPORTING_VERBS) {
            let mut fields = line.split('\t');
            let (Some(lemma), Some(tier), Some(forms)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let tier = match tier {
                "speech" => VerbTier::Speech,
                "evaluative" => VerbTier::Evaluative,
                "manner" => VerbTier::Manner,
                "cognition" => VerbTier::Cognition,
                _ => VerbTier::Evidence,
            };
            for form in forms.split(',') {
                let mut words = form.split(' ');
                let head = words.next().unwrap_or(form);
                let particle = words.next();
                verbs.entry(head.to_owned()).or_default().push(VerbEntry {
                    lemma,
                    tier,
                    particle,
                });
            }
        }
        let mut roles: HashMap<String, &'static str> = HashMap::default();
        let mut role_words: HashMap<String, ()> = HashMap::default();
        let mut role_first_words: HashMap<String, ()> = HashMap::default();
        let mut max_role_words = 1;
        for line in data_lines(ROLES) {
            if let Some((phrase, role)) = line.split_once('\t') {
                max_role_words = max_role_words.max(phrase.split(' ').count());
                for word in phrase.split(' ') {
                    role_words.insert(word.to_owned(), ());
                }
                if let Some(first) = phrase.split(' ').next() {
                    role_first_words.insert(first.to_owned(), ());
                }
                roles.insert(phrase.to_owned(), role);
            }
        }
        // A role's plural names the same role ("lawyers", "spokesmen"), unless listed;
        // a plural names several people, never one person of that role.
        let listed: Vec<(String, &'static str)> =
            roles.iter().map(|(phrase, role)| (phrase.clone(), *role)).collect();
        let mut plural_roles: HashMap<String, ()> = HashMap::default();
        for (phrase, _) in &listed {
            let plural = plural_of_phrase(phrase);
            if plural != *phrase {
                plural_roles.insert(plural, ());
            }
        }
        for (phrase, role) in listed {
            let plural = plural_of_phrase(&phrase);
            if plural == phrase || plural_roles.contains_key(&phrase) || roles.contains_key(&plural) {
                continue;
            }
            if let Some(last) = plural.split(' ').next_back() {
                role_words.insert(last.to_owned(), ());
            }
            if !plural.contains(' ') {
                role_first_words.insert(plural.clone(), ());
            }
            roles.insert(plural, role);
        }
        let honorifics = data_lines(HONORIFICS)
            .map(|w| (w.trim().to_owned(), ()))
            .collect();
        let mut country_words: HashMap<String, &'static str> = HashMap::default();
        for line in data_lines(COUNTRIES) {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let Some(&name) = fields.first() else {
                continue;
            };
            for field in fields.iter().skip(1).take(2) {
                for word in field.split(',') {
                    country_words.insert(word.to_lowercase(), name);
                }
            }
        }
        let mut given_names: HashMap<String, bool> = HashMap::default();
        for line in data_lines(GIVEN_NAMES) {
            if let Some((gender, names)) = line.split_once('\t') {
                for name in names.split_whitespace() {
                    given_names.insert(name.to_owned(), gender == "f");
                }
            }
        }
        let sentence_openers = data_lines(SENTENCE_OPENERS)
            .flat_map(str::split_whitespace)
            .map(|w| (w.to_owned(), ()))
            .collect();
        Lexicon {
            verbs: verbs.into_iter().collect(),
            roles: roles.into_iter().collect(),
            role_words: role_words.into_iter().collect(),
            role_first_words: role_first_words.into_iter().collect(),
            plural_roles: plural_roles.into_iter().collect(),
            max_role_words,
            honorifics,
            country_words: country_words.into_iter().collect(),
            given_names: given_names.into_iter().collect(),
            sentence_openers,
        }
    }

    /// Reporting-verb entries for a word (lower-cased lookup).
    pub fn verb(&self, word: &str) -> Option<&[VerbEntry]> {
        self.verbs.get(word).map(Vec::as_slice)
    }

    /// The role a phrase names (`top diplomat` → `Foreign Minister`).
    pub fn role(&self, phrase: &str) -> Option<&'static str> {
        self.roles.get(phrase).copied()
    }

    /// True for a role phrase in the plural (`officials`, `foreign ministers`).
    pub fn is_plural_role(&self, phrase: &str) -> bool {
        self.plural_roles.get(phrase).is_some()
    }

    /// True for a word that is part of some role phrase (`foreign`, `minister`).
    pub fn is_role_word(&self, word: &str) -> bool {
        self.role_words.contains(word)
    }

    /// True for a word some role phrase opens with (`foreign`, `minister`, `u.s.`).
    pub fn opens_role(&self, word: &str) -> bool {
        self.role_first_words.contains(word)
    }

    /// True for honorifics such as `Mr` or `Dr`.
    pub fn is_honorific(&self, word: &str) -> bool {
        self.honorifics.contains(word.trim_end_matches('.'))
    }

    /// `Some(true)` for a usually female given name, `Some(false)` for a male one.
    pub fn given_name_is_female(&self, name: &str) -> Option<bool> {
        self.given_names.get(name).copied()
    }

    /// The country a name, short form or demonym points to (`Iraqi` → `Iraq`).
    pub fn country(&self, word: &str) -> Option<&'static str> {
        self.country_words.get(word).copied()
    }
}

/// Words that may sit between a speaker and the cue verb ("X *has also* said").
pub fn is_verb_modifier(word: &str) -> bool {
    let lowered = lower(word);
    let lower = lowered.as_ref();
    matches!(
        lower,
        "also"
            | "has"
            | "have"
            | "had"
            | "would"
            | "will"
            | "was"
            | "were"
            | "is"
            | "are"
            | "did"
            | "does"
            | "do"
            | "not"
            | "never"
            | "might"
            | "may"
            | "could"
            | "should"
            | "must"
            | "can"
            | "just"
            | "even"
            | "too"
            | "now"
            | "then"
            | "once"
            | "again"
            | "still"
            | "later"
            | "earlier"
            | "first"
            | "further"
            | "n't"
            | "reportedly"
            | "already"
            | "often"
            | "always"
            | "once-again"
            // "The council has since said", "residents today argue", "they both said".
            | "since"
            | "both"
            | "all"
            | "today"
            | "tonight"
            | "yesterday"
            | "herself"
            | "himself"
            | "themselves"
            | "itself"
    ) || (lower.len() > 4
        && lower.ends_with("ly")
        && !matches!(
            lower,
            "early"
                | "italy"
                | "holly"
                | "kelly"
                | "sally"
                | "emily"
                | "lily"
                | "molly"
                | "polly"
                | "reilly"
                | "daly"
        ))
}

/// Personal and relative pronouns that can be a speaker mention.
pub fn is_speaker_pronoun(word: &str) -> bool {
    matches!(
        lower(word).as_ref(),
        "he" | "she" | "they" | "we" | "i" | "it" | "who" | "which" | "you"
    )
}

/// Determiners and possessives that start a description ("the ministry", "his counterpart").
/// The plural of a role phrase: its last word in the plural ("chief of staff"
/// stays: its head is not last, and "chiefs of staff" is rare in the news).
fn plural_of_phrase(phrase: &str) -> String {
    if phrase.contains(" of ") {
        return phrase.to_owned();
    }
    let (before, last) = match phrase.rsplit_once(' ') {
        Some((before, last)) => (Some(before), last),
        None => (None, phrase),
    };
    let plural = if let Some(stem) = last.strip_suffix("man") {
        format!("{stem}men")
    } else if last.ends_with('y')
        && !last.ends_with("ay")
        && !last.ends_with("ey")
        && !last.ends_with("oy")
    {
        format!("{}ies", &last[..last.len() - 1])
    } else if ["s", "sh", "ch", "x"].iter().any(|end| last.ends_with(end)) {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    match before {
        Some(before) => format!("{before} {plural}"),
        None => plural,
    }
}

/// A lower-case word written like an English plural ("voters", "aides"; not
/// "press", "status", "themselves").
pub fn looks_plural(word: &str) -> bool {
    word.len() > 3
        && word.chars().all(|c| c.is_ascii_lowercase())
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !matches!(word, "themselves" | "ourselves" | "yourselves" | "always" | "perhaps" | "besides")
}

pub fn is_determiner(word: &str) -> bool {
    matches!(
        lower(word).as_ref(),
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
            | "one"
            | "some"
            | "many"
            | "several"
            | "two"
            | "three"
            | "four"
            | "other"
            | "another"
            | "this"
            | "these"
            | "those"
            | "most"
            | "few"
            | "all"
            | "both"
            | "each"
            | "every"
            | "no"
            | "any"
            | "more"
            | "top"
    )
}

/// Capitalised words that are not names (sentence-initial function words, days, months).
pub fn is_capitalised_function_word(word: &str) -> bool {
    let lowered = lower(word);
    let lowered = lowered.as_ref();
    // "Hastily", "Having" and other capitalised sentence openers are never names.
    Lexicon::get().sentence_openers.contains(lowered)
        || is_weekday(lowered)
        || matches!(
            lowered,
            "but"
                | "and"
                | "or"
                | "so"
                | "then"
                | "however"
                | "meanwhile"
                | "also"
                | "in"
                | "on"
                | "at"
                | "for"
                | "from"
                | "with"
                | "by"
                | "after"
                | "before"
                | "when"
                | "while"
                | "as"
                | "if"
                | "though"
                | "although"
                | "because"
                | "since"
                | "yet"
                | "still"
                | "now"
                | "the"
                | "a"
                | "an"
                | "this"
                | "that"
                | "these"
                | "those"
                | "there"
                | "here"
                | "it"
                | "today"
                | "yesterday"
                | "tonight"
                | "last"
                | "next"
                | "during"
                | "asked"
                | "speaking"
                | "according"
                | "instead"
                | "indeed"
                | "moreover"
                | "furthermore"
                | "why"
                | "what"
                | "how"
                | "where"
                | "who"
                | "which"
                | "not"
                | "no"
                | "yes"
                | "well"
                | "oh"
                // Prepositions, determiners and adverbs that open a novel's sentences
                // ("To her he soon turned", "Without saying anything, he …", "Thus
                // occupied, she …", "Again she laid …", "True, he said").
                | "to"
                | "of"
                | "into"
                | "upon"
                | "about"
                | "through"
                | "under"
                | "over"
                | "without"
                | "within"
                | "until"
                | "unless"
                | "whether"
                | "once"
                | "even"
                | "perhaps"
                | "thus"
                | "hence"
                | "therefore"
                | "otherwise"
                | "besides"
                | "again"
                | "never"
                | "always"
                | "nor"
                | "nothing"
                | "true"
                | "such"
                | "every"
                | "each"
                | "all"
                | "both"
                | "some"
                | "his"
                | "her"
                | "their"
                | "my"
                | "our"
                | "your"
                | "its"
        )
}

/// Particles inside a family name ("Osama *bin* Laden", "Mr. *van der* Berg").
pub fn is_name_particle(word: &str) -> bool {
    matches!(
        word,
        "bin"
            | "ibn"
            | "al"
            | "el"
            | "de"
            | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "du"
            | "da"
            | "dos"
            | "di"
    )
}

/// Days of the week, which often stand between a subject and its verb ("X on Monday said").
pub fn is_weekday(word: &str) -> bool {
    weekday_number(word).is_some()
}

/// The day of the week a word names, Monday 0 … Sunday 6 (any letter case).
pub fn weekday_number(word: &str) -> Option<i64> {
    Some(match lower(word).as_ref() {
        "monday" => 0,
        "tuesday" => 1,
        "wednesday" => 2,
        "thursday" => 3,
        "friday" => 4,
        "saturday" => 5,
        "sunday" => 6,
        _ => return None,
    })
}

/// Prepositions (a noun phrase right after one is not a subject).
pub fn is_preposition(word: &str) -> bool {
    matches!(
        lower(word).as_ref(),
        "in" | "of"
            | "to"
            | "at"
            | "from"
            | "with"
            | "on"
            | "for"
            | "by"
            | "about"
            | "against"
            | "into"
            | "over"
            | "under"
            | "after"
            | "before"
            | "during"
            | "between"
            | "among"
            | "than"
            | "like"
            | "via"
            | "per"
            | "toward"
            | "towards"
            | "through"
            | "across"
    )
}

/// Verbs whose object is the person spoken to ("told *reporters* that").
pub fn takes_recipient(lemma: &str) -> bool {
    matches!(
        lemma,
        "tell"
            | "assure"
            | "reassure"
            | "warn"
            | "remind"
            | "inform"
            | "ask"
            | "urge"
            | "advise"
            | "promise"
            | "caution"
            | "instruct"
            | "convince"
            | "notify"
            | "thank"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads() {
        let lexicon = Lexicon::get();
        assert_eq!(lexicon.verb("Said").unwrap()[0].lemma, "say");
        assert_eq!(
            lexicon.verb("emphasized").unwrap()[0].tier,
            VerbTier::Speech
        );
        assert_eq!(lexicon.verb("pointed").unwrap()[0].particle, Some("out"));
        assert_eq!(lexicon.role("Top Diplomat"), Some("Foreign Minister"));
        assert_eq!(lexicon.role("FM"), Some("Foreign Minister"));
        assert_eq!(lexicon.country("Iraqi"), Some("Iraq"));
        assert_eq!(lexicon.country("US"), Some("United States"));
        assert!(lexicon.is_honorific("Mr."));
        assert!(is_verb_modifier("reportedly") && !is_verb_modifier("Italy"));
    }
}

//! Lexicons as data: the files in `src/lexicon/` are compiled into the binary and parsed once.
//! A new language is a set of data files plus a `Language` entry, not a rewrite.

use crate::smallstr::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// What a speaker noun without a name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nominal {
    /// "the company", "the ministry": the organisation in focus.
    Org,
    /// "the statement", "the report": whoever issued it (the speaker in focus).
    Doc,
    /// "a spokeswoman", "officials": an unnamed person or group.
    Person,
}

/// Closed-class flags of a lower-case word (see `Language::flags`).
pub const AUX: u8 = 1;
pub const DET: u8 = 2;
pub const STOP: u8 = 4;
pub const TIME: u8 = 8;
pub const THAT: u8 = 16;
/// The base form of a cue verb (say, tell): needs a plural or modal subject to be a verb.
pub const BASE: u8 = 32;
/// The first word of an "according to" phrase.
pub const ACCORDING: u8 = 64;

/// What the lexicons say of one lower-case word.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// Cue tier (1 saying … 3 belief), 0 when not a cue.
    pub cue: u8,
    /// AUX | DET | STOP | TIME | THAT | BASE | ACCORDING.
    pub flags: u8,
    pub nominal: Option<Nominal>,
}

/// One language's lexicons and closed word classes.
pub struct Language {
    /// lower-case word → everything the lists below say of it, in one look-up.
    pub info: HashMap<String, WordInfo>,
    pub code: &'static str,
    /// lower-case form → confidence tier (1 = verb of saying … 3 = belief).
    pub cues: HashMap<String, u8>,
    /// Separable verbs (German "gab … an", "wies … zurück"): lower-case finite form → the
    /// particles that must close its clause for it to be a cue, with their tier. Written
    /// `gab+an` in the cue file.
    pub particle_cues: HashMap<String, Vec<(String, u8)>>,
    /// base forms of cue verbs (the first form of each lexicon line).
    pub cue_bases: HashSet<String>,
    /// Highest cue tier that reports indirect speech: English reports speech acts only (tier 1;
    /// findings, cognition and perception are not speech). German keeps its tiers (its
    /// cognition verbs are few and mostly used of statements: "erwartete, dass").
    pub indirect_max_tier: u8,
    /// Finite verb forms recognisable without a suffix (auxiliaries, modals, irregular past):
    /// a reported clause has one, a noun-phrase object has none.
    pub finite: HashSet<String>,
    /// Nouns naming an utterance ("the allegations"): a cue's object that reports speech.
    pub speech_nouns: HashSet<String>,
    /// title as written (and lower-cased) → gender if the title implies one.
    pub titles: HashMap<String, Option<Gender>>,
    /// lower-case noun → what it stands for.
    pub nominals: HashMap<String, Nominal>,
    /// words that make a capitalised name an organisation (as written).
    pub orgwords: HashSet<String>,
    /// lower-case words never a name on their own.
    pub stop: HashSet<String>,
    /// Nouns after which a quote is a title or a name ("the film “…”", "das Buch „…“").
    pub works: HashSet<String>,
    /// Label nouns: a quote after them and a colon is a title too ("Motto: „…“").
    pub labels: HashSet<String>,
    /// Nouns compound (German): a word names a work when its last part does.
    pub compounds: bool,
    /// Every noun is capitalised (German): a lower-case word is never a noun.
    pub capitalised_nouns: bool,
    /// given name → usual gender.
    pub firstnames: HashMap<String, Gender>,
    pub he: &'static [&'static str],
    pub she: &'static [&'static str],
    pub it: &'static [&'static str],
    pub they: &'static [&'static str],
    /// first person outside quotes (the author): never resolved.
    pub first_person: &'static [&'static str],
    /// Quoted fragments are verbatim words, not scare quotes: report them inside a mixed clause
    /// too (as a nested direct quote), and keep short ones that start in lower case. German news
    /// usage (and annotation) is so; English keeps the clause and drops short fragments.
    pub verbatim_fragments: bool,
    /// Verb forms that mark reported speech on their own (German Konjunktiv I).
    pub subjunctive: &'static [&'static str],
    /// complementisers after a cue ("that").
    pub that: &'static [&'static str],
    /// determiners that open a nominal speaker phrase.
    pub determiners: &'static [&'static str],
    /// auxiliaries and adverbs that may stand between subject and cue ("has also said").
    pub aux: &'static [&'static str],
    /// Prepositions whose phrase is never a speaker: German puts prepositional phrases between
    /// subject and verb ("Wie der Minister am Dienstag in Hannover erklärte"), so the phrase
    /// right before a verb may not be its subject.
    pub pp_preps: &'static [&'static str],
    /// "according to" as lower-case word sequences.
    pub according: &'static [&'static [&'static str]],
    /// connectors allowed inside a name ("Department of Homeland Security").
    pub name_connectors: &'static [&'static str],
    /// words after a cue that are not part of the content ("Wednesday", "in a statement" is handled apart).
    pub time_words: &'static [&'static str],
}

fn parse_tiered(src: &str) -> HashMap<String, u8> {
    let mut m = HashMap::default();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.split_whitespace();
        let tier: u8 = it.next().and_then(|t| t.parse().ok()).unwrap_or(2);
        for w in it {
            if w.contains('+') {
                continue;
            }
            let e = m.entry(w.to_lowercase()).or_insert(tier);
            *e = (*e).min(tier);
        }
    }
    m
}

fn parse_particles(src: &str) -> HashMap<String, Vec<(String, u8)>> {
    let mut m: HashMap<String, Vec<(String, u8)>> = HashMap::default();
    for line in src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut it = line.split_whitespace();
        let tier: u8 = it.next().and_then(|t| t.parse().ok()).unwrap_or(2);
        for (verb, particle) in it.filter_map(|w| w.split_once('+')) {
            m.entry(verb.to_lowercase()).or_default().push((particle.to_lowercase(), tier));
        }
    }
    m
}

/// The first form of each line with several forms is the verb's base form.
fn parse_bases(src: &str) -> HashSet<String> {
    src.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.len() >= 3 && !f[1].contains('+')).then(|| f[1].to_lowercase())
        })
        .collect()
}

fn parse_gendered(src: &str, lower: bool) -> HashMap<String, Option<Gender>> {
    let mut m = HashMap::default();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.split_whitespace();
        let g = match it.next() {
            Some("m") => Some(Gender::Male),
            Some("f") => Some(Gender::Female),
            _ => None,
        };
        for w in it {
            m.insert(w.to_string(), g);
            if lower {
                m.insert(w.to_lowercase(), g);
            }
        }
    }
    m
}

fn parse_nominals(src: &str) -> HashMap<String, Nominal> {
    let mut m = HashMap::default();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut it = line.split_whitespace();
        let k = match it.next() {
            Some("org") => Nominal::Org,
            Some("doc") => Nominal::Doc,
            _ => Nominal::Person,
        };
        for w in it {
            m.entry(w.to_lowercase().replace('_', " ")).or_insert(k);
        }
    }
    m
}

fn parse_set(src: &str, lower: bool) -> HashSet<String> {
    src.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| l.trim_start().trim_start_matches(':'))
        .flat_map(|l| l.split_whitespace())
        .map(|w| if lower { w.to_lowercase() } else { w.to_string() })
        .collect()
}

/// A lower-cased word set, each word with a curly apostrophe also in its straight form.
fn parse_apostrophes(src: &str) -> HashSet<String> {
    let mut m = parse_set(src, true);
    let straight: Vec<String> = m.iter().filter(|w| w.contains('’')).map(|w| w.replace('’', "'")).collect();
    m.extend(straight);
    m
}

/// The lines of a works file that start with ":" (label nouns).
fn parse_labels(src: &str) -> HashSet<String> {
    src.lines()
        .filter_map(|l| l.trim_start().strip_prefix(':'))
        .flat_map(|l| l.split_whitespace())
        .map(|w| w.to_lowercase())
        .collect()
}

fn names(src: &str) -> HashMap<String, Gender> {
    parse_gendered(src, false).into_iter().filter_map(|(k, v)| v.map(|g| (k, g))).collect()
}

fn with_flags(mut l: Language) -> Language {
    let mut f: HashMap<String, WordInfo> = HashMap::default();
    for p in l.according {
        f.entry(p[0].to_string()).or_default().flags |= ACCORDING;
    }
    for (list, bit) in [(l.aux, AUX), (l.determiners, DET), (l.time_words, TIME), (l.that, THAT)] {
        for w in list {
            f.entry(w.to_string()).or_default().flags |= bit;
        }
    }
    for w in &l.stop {
        f.entry(w.clone()).or_default().flags |= STOP;
    }
    for (w, &t) in &l.cues {
        f.entry(w.clone()).or_default().cue = t;
    }
    for w in &l.cue_bases {
        f.entry(w.clone()).or_default().flags |= BASE;
    }
    for (w, &n) in &l.nominals {
        f.entry(w.clone()).or_default().nominal = Some(n);
    }
    l.info = f;
    l
}

pub fn english() -> &'static Language {
    static L: OnceLock<Language> = OnceLock::new();
    L.get_or_init(|| {
        with_flags(Language {
            info: HashMap::default(),
            code: "en",
            cues: parse_tiered(include_str!("lexicon/en_cues.txt")),
            particle_cues: parse_particles(include_str!("lexicon/en_cues.txt")),
            cue_bases: parse_bases(include_str!("lexicon/en_cues.txt")),
            indirect_max_tier: 1,
            finite: parse_apostrophes(include_str!("lexicon/en_finite.txt")),
            speech_nouns: parse_set(include_str!("lexicon/en_speech_nouns.txt"), true),
            titles: parse_gendered(include_str!("lexicon/en_titles.txt"), true),
            nominals: parse_nominals(include_str!("lexicon/en_nominals.txt")),
            orgwords: parse_set(include_str!("lexicon/en_orgwords.txt"), false),
            stop: parse_set(include_str!("lexicon/en_stop.txt"), true),
            works: parse_set(include_str!("lexicon/en_works.txt"), true),
            labels: parse_labels(include_str!("lexicon/en_works.txt")),
            compounds: false,
            capitalised_nouns: false,
            firstnames: names(include_str!("lexicon/en_firstnames.txt")),
            he: &["he", "him", "his"],
            she: &["she", "her"],
            it: &["it", "its"],
            they: &["they", "them", "their"],
            first_person: &["i", "we", "you", "me", "us"],
            verbatim_fragments: false,
            subjunctive: &[],
            that: &["that"],
            determiners: &[
                "the", "a", "an", "one", "another", "its", "his", "her", "their", "our", "my", "your", "two", "three",
                "several", "some", "many", "most", "other", "both", "this", "that", "these", "those", "no",
            ],
            aux: &[
                "has",
                "had",
                "have",
                "will",
                "would",
                "also",
                "later",
                "previously",
                "then",
                "once",
                "again",
                "further",
                "recently",
                "reportedly",
                "quickly",
                "repeatedly",
                "publicly",
                "privately",
                "flatly",
                "often",
                "frequently",
                "initially",
                "originally",
                "even",
                "has also",
                "simply",
                "never",
                "ultimately",
                "first",
                "clearly",
                "explicitly",
                "separately",
                "earlier",
                "still",
                "had",
                "did",
                "does",
                "do",
                "is",
                "was",
                "were",
                "are",
                "been",
                "be",
                "could",
                "should",
                "may",
                "might",
                "can",
                "must",
                "not",
                "n't",
                "hasn't",
                "hasn’t",
                "hadn't",
                "hadn’t",
                "haven't",
                "haven’t",
                "doesn't",
                "doesn’t",
                "didn't",
                "didn’t",
                "don't",
                "don’t",
                "isn't",
                "isn’t",
                "wasn't",
                "wasn’t",
                "won't",
                "won’t",
                "wouldn't",
                "wouldn’t",
                "can't",
                "can’t",
                "couldn't",
                "couldn’t",
                "shouldn't",
                "shouldn’t",
                "firmly",
                "strongly",
                "angrily",
                "bluntly",
                "openly",
                "correctly",
                "falsely",
                "wrongly",
                "rightly",
                "subsequently",
            ],
            pp_preps: &[],
            according: &[&["according", "to"], &["as", "reported", "by"]],
            name_connectors: &[
                "of", "for", "and", "&", "de", "del", "della", "da", "di", "do", "dos", "van", "von", "der", "den",
                "la", "le", "al", "bin", "ibn", "the",
            ],
            time_words: &[
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
                "today",
                "yesterday",
                "tonight",
                "recently",
                "earlier",
                "later",
                "last",
                "this",
                "week",
                "month",
                "year",
                "morning",
                "afternoon",
                "evening",
                "night",
                "on",
                "in",
                "at",
                "also",
                "previously",
                "repeatedly",
                "again",
                "publicly",
                "privately",
                "then",
            ],
        })
    })
}

pub fn german() -> &'static Language {
    static L: OnceLock<Language> = OnceLock::new();
    L.get_or_init(|| {
        with_flags(Language {
            info: HashMap::default(),
            code: "de",
            cues: parse_tiered(include_str!("lexicon/de_cues.txt")),
            particle_cues: parse_particles(include_str!("lexicon/de_cues.txt")),
            cue_bases: HashSet::default(),
            indirect_max_tier: 3,
            finite: HashSet::default(),
            speech_nouns: HashSet::default(),
            titles: parse_gendered(include_str!("lexicon/de_titles.txt"), false),
            nominals: parse_nominals(include_str!("lexicon/de_nominals.txt")),
            orgwords: parse_set(include_str!("lexicon/de_orgwords.txt"), false),
            stop: parse_set(include_str!("lexicon/de_stop.txt"), true),
            works: parse_set(include_str!("lexicon/de_works.txt"), true),
            labels: parse_labels(include_str!("lexicon/de_works.txt")),
            compounds: true,
            capitalised_nouns: true,
            firstnames: names(include_str!("lexicon/de_firstnames.txt")),
            he: &["er", "ihm", "ihn"],
            she: &["sie"],
            it: &["es"],
            they: &[],
            first_person: &["ich", "wir", "du"],
            verbatim_fragments: true,
            subjunctive: &[
                "sei", "seien", "seiest", "habe", "hätten", "werde", "könne", "müsse", "solle", "wolle", "dürfe",
                "gebe", "liege", "gehe", "komme", "stehe", "wisse", "brauche", "bleibe",
            ],
            that: &["dass", "daß"],
            determiners: &[
                "der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "einen", "sein", "seine",
                "ihre",
            ],
            aux: &[
                "habe",
                "hat",
                "hatte",
                "hätten",
                "wird",
                "würde",
                "auch",
                "bereits",
                "zudem",
                "außerdem",
                "nun",
                "jedoch",
                "dazu",
                "gegenüber",
                "noch",
            ],
            pp_preps: &[
                "in",
                "im",
                "am",
                "an",
                "auf",
                "aus",
                "bei",
                "beim",
                "mit",
                "nach",
                "seit",
                "von",
                "vom",
                "zu",
                "zum",
                "zur",
                "für",
                "gegen",
                "ohne",
                "um",
                "über",
                "unter",
                "vor",
                "hinter",
                "neben",
                "zwischen",
                "durch",
                "gegenüber",
                "ins",
                "ans",
            ],
            according: &[
                &["laut"],
                &["zufolge"],
                &["nach", "angaben"],
                &["nach", "den", "worten"],
                &["nach", "auffassung"],
                &["nach", "ansicht"],
                &["nach", "meinung"],
                &["nach", "einschätzung"],
                &["nach", "darstellung"],
                &["nach", "aussagen"],
                &["nach", "informationen"],
            ],
            name_connectors: &["von", "van", "de", "der", "und"],
            time_words: &[
                "am",
                "montag",
                "dienstag",
                "mittwoch",
                "donnerstag",
                "freitag",
                "samstag",
                "sonntag",
                "heute",
                "gestern",
            ],
        })
    })
}

impl Language {
    /// Is this lower-case word a label noun ("Motto", compounds included)?
    pub fn is_label(&self, lower: &str) -> bool {
        self.in_set_or_compound(&self.labels, lower)
    }

    /// Does this lower-case word name a work or a named thing, so that a quote after it is a
    /// title ("film", German "Nachrichtenmagazin")?
    pub fn names_work(&self, lower: &str) -> bool {
        self.in_set_or_compound(&self.works, lower)
    }

    /// The word is in `set`, or (where nouns compound) its last part of at least four letters
    /// is: "fernsehsender" → "sender".
    fn in_set_or_compound(&self, set: &HashSet<String>, lower: &str) -> bool {
        set.contains(lower)
            || self.compounds
                && lower.char_indices().skip(1).any(|(i, _)| lower.len() - i >= 4 && set.contains(&lower[i..]))
    }
}

/// Picks English or German from the article's first lower-case words.
pub fn detect<'w>(words: impl Iterator<Item = &'w str>) -> &'static Language {
    let (mut en, mut de) = (0usize, 0usize);
    for w in words.take(400) {
        match w {
            "the" | "and" | "of" | "to" | "said" | "is" | "that" | "with" | "was" | "for" | "a" | "he" | "she"
            | "it" => en += 1,
            "der" | "die" | "und" | "das" | "ist" | "nicht" | "mit" | "sagte" | "sich" | "den" | "dass" | "dem"
            | "ein" | "eine" | "von" | "zu" | "auf" | "wird" | "hat" => de += 1,
            _ => {}
        }
    }
    if de > en {
        german()
    } else {
        english()
    }
}

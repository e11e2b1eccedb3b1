//! Lexicons as data: the files in `src/lexicon/` are compiled into the binary and parsed once.
//! A language is a directory `src/lexicon/<code>/` of data files and one line in `profiles()`.

use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};
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

/// Cue tiers (`WordInfo::cue`, `Tok::cue`, the first column of `*_cues.txt`): how surely a
/// verb reports speech. Not a cue.
pub const NO_CUE: u8 = 0;
/// Verbs of saying ("said", "told"): direct and indirect speech.
pub const CUE_SAYING: u8 = 1;
/// Saying-like verbs ("shows", "found"), weaker as direct cues.
pub const CUE_REPORTING: u8 = 2;
/// Cognition and belief ("believes"): indirect speech only.
pub const CUE_BELIEF: u8 = 3;
/// Manner and naming verbs ("laughed", "bezeichnete … als"): introduce a direct quote, never
/// report a clause.
pub const CUE_MANNER: u8 = 4;

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
    /// Cue tier (`lexicon::CUE_SAYING` … `CUE_MANNER`), `NO_CUE` when not a cue.
    pub cue: u8,
    /// AUX | DET | STOP | TIME | THAT | BASE | ACCORDING.
    pub flags: u8,
    pub nominal: Option<Nominal>,
}

/// One language's profile: its word lists (the files in `src/lexicon/<code>/`, each saying where
/// it came from) and its behaviour flags (`profile.txt`). Rule code asks the profile, never the
/// language code. Adding a language is a directory of files and one line in `profiles()`.
pub struct Language {
    /// lower-case word → everything the lists below say of it, in one look-up.
    pub info: HashMap<String, WordInfo>,
    pub code: &'static str,
    /// lower-case form → cue tier (`CUE_SAYING` … `CUE_MANNER`).
    pub cues: HashMap<String, u8>,
    /// Separable verbs (German "gab … an", "wies … zurück"): lower-case finite form → the
    /// particles that must close its clause for it to be a cue, with their tier. Written
    /// `gab+an` in the cue file; read where the flag `separable_cues` is set.
    pub particle_cues: HashMap<String, Vec<(String, u8)>>,
    /// base forms of cue verbs (the first form of each lexicon line; flag `base_forms`).
    pub cue_bases: HashSet<String>,
    /// Highest cue tier that reports indirect speech: English reports speech acts only (tier 1;
    /// findings, cognition and perception are not speech). German keeps its tiers (its
    /// cognition verbs are few and mostly used of statements: "erwartete, dass").
    pub indirect_max_tier: u8,
    /// `confidence RULE-ID VALUE` lines of `profile.txt`: the share of right labels a rule gives
    /// in this language, measured on its annotated news; it caps the rule's own confidence (whose
    /// constants are fitted on English news).
    pub confidence_caps: Vec<(&'static str, f32)>,
    /// Finite verb forms recognisable without a suffix (auxiliaries, modals, irregular past):
    /// a reported clause has one, a noun-phrase object has none.
    pub finite: HashSet<String>,
    /// Nouns naming an utterance ("the allegations"): a cue's object that reports speech.
    pub speech_nouns: HashSet<String>,
    /// title as written (and lower-cased unless nouns are capitalised) → gender if the title
    /// implies one.
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
    /// given name → usual gender.
    pub firstnames: HashMap<String, Gender>,
    pub he: Vec<&'static str>,
    pub she: Vec<&'static str>,
    pub it: Vec<&'static str>,
    pub they: Vec<&'static str>,
    /// first person outside quotes (the author): never resolved.
    pub first_person: Vec<&'static str>,
    /// Verb forms that mark reported speech on their own (German Konjunktiv I).
    pub subjunctive: Vec<&'static str>,
    /// complementisers after a cue ("that").
    pub that: Vec<&'static str>,
    /// determiners that open a nominal speaker phrase.
    pub determiners: Vec<&'static str>,
    /// auxiliaries and adverbs that may stand between subject and cue ("has also said").
    pub aux: Vec<&'static str>,
    /// Prepositions whose phrase is never a speaker: German puts prepositional phrases between
    /// subject and verb ("Wie der Minister am Dienstag in Hannover erklärte"), so the phrase
    /// right before a verb may not be its subject.
    pub pp_preps: Vec<&'static str>,
    /// "according to" as lower-case word sequences (those before the speaker, then those after).
    pub according: Vec<Vec<&'static str>>,
    /// "according to" words that follow the speaker ("X zufolge"): no speaker is parsed after them.
    pub according_after: Vec<&'static str>,
    /// connectors allowed inside a name ("Department of Homeland Security").
    pub name_connectors: Vec<&'static str>,
    /// words after a cue that are not part of the content ("Wednesday", "in a statement" is handled apart).
    pub time_words: Vec<&'static str>,
    /// Prepositions that open a filler between a cue and its quote or clause ("said in a statement").
    pub preps: Vec<&'static str>,
    /// Cues whose object is who was addressed ("told reporters").
    pub addressee_cues: Vec<&'static str>,
    /// Verbs that name rather than report before one of `naming_preps` ("sprach von").
    pub naming_verbs: Vec<&'static str>,
    pub naming_preps: Vec<&'static str>,
    /// Small words inside a Title Case run that is a title or a name.
    pub title_connectors: Vec<&'static str>,
    /// Honorifics, without the period ("Mr", "Frau"): the word after one is a name.
    pub honorifics: Vec<&'static str>,
    /// First words of place names, lower case ("south", "new").
    pub place_starts: Vec<&'static str>,
    /// Words that stand in for a cue right after a quote ("„…“, so der Minister").
    pub post_quote_cues: Vec<&'static str>,
    /// Frequent words that identify the language (`detect`).
    pub detect_words: Vec<&'static str>,
    /// Closed word classes (`word_classes.txt`; what each is for is said there): the reported-
    /// clause test (`speech.rs`), speaker phrases and roles.
    pub subordinators: Vec<&'static str>,
    pub prepositions: Vec<&'static str>,
    pub non_subjects: Vec<&'static str>,
    pub nominatives: Vec<&'static str>,
    pub subject_words: Vec<&'static str>,
    pub quantifiers: Vec<&'static str>,
    pub verb_aux: Vec<&'static str>,
    pub of_preps: Vec<&'static str>,
    pub definite: Vec<&'static str>,
    pub demonstratives: Vec<&'static str>,
    pub affiliation_preps: Vec<&'static str>,
    pub spokes: Vec<&'static str>,
    pub role_qualifiers: Vec<&'static str>,
    pub role_ranks: Vec<&'static str>,
    /// Endings of agent nouns ("coordinator", "organizer", "defenceman"): a lower-case word with
    /// one ends a title between an organisation's name and a person's.
    pub agent_suffixes: Vec<&'static str>,
    /// Prepositions of place ("in Park Hills"): a name after one is a place's.
    pub locative_preps: Vec<&'static str>,
    /// Last words of place names ("Douglas County", "Harbour Hills"): such a name is a place's.
    pub place_nouns: Vec<&'static str>,
    /// Nouns compound (German): a word names a work when its last part does.
    pub compounds: bool,
    /// Every noun is capitalised (German): a lower-case word is never a noun.
    pub capitalised_nouns: bool,
    /// Quoted fragments are verbatim words, not scare quotes: report them inside a mixed clause
    /// too (as a nested direct quote), and keep short ones that start in lower case. German news
    /// usage (and annotation) is so; English keeps the clause and drops short fragments.
    pub verbatim_fragments: bool,
    /// The subject may follow the finite verb ("Dann sagte der Minister: …", "…, sagte er"): the
    /// phrase after any cue may be its speaker, an addressee cue included.
    pub verb_second: bool,
    /// Reported speech opens after a comma, a colon or the complementiser ("Sie gab an, dass …").
    pub clause_anchor: bool,
    /// The neuter pronoun after a cue is an expletive, never a speaker ("so heißt es").
    pub expletive_it: bool,
    /// Naming verbs put the named thing before the quoted label ("bezeichnete die Lage als „…“").
    pub naming_object_first: bool,
    /// Plural nouns end in -s: a bare singular noun before a cue is rarely a speaker.
    pub plural_s: bool,
    /// A quoted fragment inside a sentence whose own subject speaks is that subject's words, not
    /// the words of the paragraph's other quote ("Später warnte die Ministerin vor „…“"): the
    /// sentence's subject goes before the neighbour (`adjacent-quote` leaves it to
    /// `sentence-subject`). German news embeds short quotations in its sentences so.
    pub embedded_own_subject: bool,
}

/// The text of every file of one language's directory, `src/lexicon/<code>/`.
struct Files {
    profile: &'static str,
    cues: &'static str,
    titles: &'static str,
    nominals: &'static str,
    orgwords: &'static str,
    stop: &'static str,
    works: &'static str,
    firstnames: &'static str,
    pronouns: &'static str,
    subjunctive: &'static str,
    complementisers: &'static str,
    determiners: &'static str,
    aux: &'static str,
    pp_preps: &'static str,
    according: &'static str,
    according_after: &'static str,
    name_connectors: &'static str,
    time_words: &'static str,
    preps: &'static str,
    addressee_cues: &'static str,
    naming_von: &'static str,
    title_connectors: &'static str,
    honorifics: &'static str,
    place_starts: &'static str,
    post_quote_cues: &'static str,
    detect: &'static str,
    finite: &'static str,
    speech_nouns: &'static str,
    word_classes: &'static str,
}

/// Every file of `src/lexicon/<code>/`, compiled in.
macro_rules! language_files {
    ($code:literal) => {
        Files {
            profile: include_str!(concat!("lexicon/", $code, "/profile.txt")),
            cues: include_str!(concat!("lexicon/", $code, "/cues.txt")),
            titles: include_str!(concat!("lexicon/", $code, "/titles.txt")),
            nominals: include_str!(concat!("lexicon/", $code, "/nominals.txt")),
            orgwords: include_str!(concat!("lexicon/", $code, "/orgwords.txt")),
            stop: include_str!(concat!("lexicon/", $code, "/stop.txt")),
            works: include_str!(concat!("lexicon/", $code, "/works.txt")),
            firstnames: include_str!(concat!("lexicon/", $code, "/firstnames.txt")),
            pronouns: include_str!(concat!("lexicon/", $code, "/pronouns.txt")),
            subjunctive: include_str!(concat!("lexicon/", $code, "/subjunctive.txt")),
            complementisers: include_str!(concat!("lexicon/", $code, "/complementisers.txt")),
            determiners: include_str!(concat!("lexicon/", $code, "/determiners.txt")),
            aux: include_str!(concat!("lexicon/", $code, "/aux.txt")),
            pp_preps: include_str!(concat!("lexicon/", $code, "/pp_preps.txt")),
            according: include_str!(concat!("lexicon/", $code, "/according.txt")),
            according_after: include_str!(concat!("lexicon/", $code, "/according_after.txt")),
            name_connectors: include_str!(concat!("lexicon/", $code, "/name_connectors.txt")),
            time_words: include_str!(concat!("lexicon/", $code, "/time_words.txt")),
            preps: include_str!(concat!("lexicon/", $code, "/preps.txt")),
            addressee_cues: include_str!(concat!("lexicon/", $code, "/addressee_cues.txt")),
            naming_von: include_str!(concat!("lexicon/", $code, "/naming_von.txt")),
            title_connectors: include_str!(concat!("lexicon/", $code, "/title_connectors.txt")),
            honorifics: include_str!(concat!("lexicon/", $code, "/honorifics.txt")),
            place_starts: include_str!(concat!("lexicon/", $code, "/place_starts.txt")),
            post_quote_cues: include_str!(concat!("lexicon/", $code, "/post_quote_cues.txt")),
            detect: include_str!(concat!("lexicon/", $code, "/detect.txt")),
            finite: include_str!(concat!("lexicon/", $code, "/finite.txt")),
            speech_nouns: include_str!(concat!("lexicon/", $code, "/speech_nouns.txt")),
            word_classes: include_str!(concat!("lexicon/", $code, "/word_classes.txt")),
        }
    };
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
    for p in &l.according {
        f.entry(p[0].to_string()).or_default().flags |= ACCORDING;
    }
    for (list, bit) in [(&l.aux, AUX), (&l.determiners, DET), (&l.time_words, TIME), (&l.that, THAT)] {
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

impl Language {
    /// `confidence` capped by what rule `rule` measured in this language (`confidence_caps`).
    pub fn capped_confidence(&self, rule: &str, confidence: f32) -> f32 {
        self.confidence_caps.iter().find(|(r, _)| *r == rule).map_or(confidence, |&(_, c)| confidence.min(c))
    }
}

/// The entries of a list file: one a line (an entry may have several words), `#` lines are
/// comments.
fn parse_lines(src: &'static str) -> Vec<&'static str> {
    src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// The words after `key` on the line that starts with it (`he he him his`, `flags …`).
fn keyed(src: &'static str, key: &str) -> Vec<&'static str> {
    parse_lines(src)
        .into_iter()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            (it.next() == Some(key)).then(|| it.collect::<Vec<_>>())
        })
        .next()
        .unwrap_or_default()
}

fn load(f: Files) -> Language {
    let flags = keyed(f.profile, "flags");
    let flag = |name: &str| flags.contains(&name);
    let capitalised_nouns = flag("capitalised_nouns");
    let before: Vec<Vec<&'static str>> =
        parse_lines(f.according).iter().map(|l| l.split_whitespace().collect()).collect();
    let after = parse_lines(f.according_after);
    let mut according = before;
    according.extend(after.iter().map(|w| vec![*w]));
    with_flags(Language {
        info: HashMap::default(),
        code: keyed(f.profile, "code").first().copied().unwrap_or(""),
        cues: parse_tiered(f.cues),
        particle_cues: if flag("separable_cues") { parse_particles(f.cues) } else { HashMap::default() },
        cue_bases: if flag("base_forms") { parse_bases(f.cues) } else { HashSet::default() },
        indirect_max_tier: keyed(f.profile, "indirect_max_tier")
            .first()
            .and_then(|t| t.parse().ok())
            .unwrap_or(CUE_BELIEF),
        confidence_caps: parse_lines(f.profile)
            .into_iter()
            .filter_map(|l| match l.split_whitespace().collect::<Vec<_>>()[..] {
                ["confidence", rule, v] => v.parse().ok().map(|v| (rule, v)),
                _ => None,
            })
            .collect(),
        finite: parse_apostrophes(f.finite),
        speech_nouns: parse_set(f.speech_nouns, true),
        titles: parse_gendered(f.titles, !capitalised_nouns),
        nominals: parse_nominals(f.nominals),
        orgwords: parse_set(f.orgwords, false),
        stop: parse_set(f.stop, true),
        works: parse_set(f.works, true),
        labels: parse_labels(f.works),
        firstnames: names(f.firstnames),
        he: keyed(f.pronouns, "he"),
        she: keyed(f.pronouns, "she"),
        it: keyed(f.pronouns, "it"),
        they: keyed(f.pronouns, "they"),
        first_person: keyed(f.pronouns, "first"),
        subjunctive: parse_lines(f.subjunctive),
        that: parse_lines(f.complementisers),
        determiners: parse_lines(f.determiners),
        aux: parse_lines(f.aux),
        pp_preps: parse_lines(f.pp_preps),
        according,
        according_after: after,
        name_connectors: parse_lines(f.name_connectors),
        time_words: parse_lines(f.time_words),
        preps: parse_lines(f.preps),
        addressee_cues: parse_lines(f.addressee_cues),
        naming_verbs: keyed(f.naming_von, "verbs"),
        naming_preps: keyed(f.naming_von, "after"),
        title_connectors: parse_lines(f.title_connectors),
        honorifics: parse_lines(f.honorifics),
        place_starts: parse_lines(f.place_starts),
        post_quote_cues: parse_lines(f.post_quote_cues),
        detect_words: parse_lines(f.detect),
        subordinators: keyed(f.word_classes, "subordinators"),
        prepositions: keyed(f.word_classes, "prepositions"),
        non_subjects: keyed(f.word_classes, "non_subjects"),
        nominatives: keyed(f.word_classes, "nominatives"),
        subject_words: keyed(f.word_classes, "subject_words"),
        quantifiers: keyed(f.word_classes, "quantifiers"),
        verb_aux: keyed(f.word_classes, "verb_aux"),
        of_preps: keyed(f.word_classes, "of_preps"),
        definite: keyed(f.word_classes, "definite"),
        demonstratives: keyed(f.word_classes, "demonstratives"),
        affiliation_preps: keyed(f.word_classes, "affiliation_preps"),
        spokes: keyed(f.word_classes, "spokes"),
        role_qualifiers: keyed(f.word_classes, "role_qualifiers"),
        role_ranks: keyed(f.word_classes, "role_ranks"),
        agent_suffixes: keyed(f.word_classes, "agent_suffixes"),
        locative_preps: keyed(f.word_classes, "locative_preps"),
        place_nouns: keyed(f.word_classes, "place_nouns"),
        compounds: flag("compounds"),
        capitalised_nouns,
        verbatim_fragments: flag("verbatim_fragments"),
        verb_second: flag("verb_second"),
        clause_anchor: flag("clause_anchor"),
        expletive_it: flag("expletive_it"),
        naming_object_first: flag("naming_object_first"),
        plural_s: flag("plural_s"),
        embedded_own_subject: flag("embedded_own_subject"),
    })
}

/// Every language profile, English first (it wins a tie in `detect`).
pub fn profiles() -> &'static [Language] {
    static L: OnceLock<Vec<Language>> = OnceLock::new();
    L.get_or_init(|| vec![load(language_files!("en")), load(language_files!("de"))])
}

/// The profile with this code.
pub fn profile(code: &str) -> Option<&'static Language> {
    profiles().iter().find(|l| l.code == code)
}

pub fn english() -> &'static Language {
    &profiles()[0]
}

pub fn german() -> &'static Language {
    &profiles()[1]
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

/// The codes of the languages the engine has a profile for (`en`, `de`, …).
pub fn language_codes() -> Vec<&'static str> {
    profiles().iter().map(|l| l.code).collect()
}

/// Picks the profile whose `detect.txt` words are most frequent among the article's first 400
/// lower-case words (the first profile on a tie).
pub fn detect<'w>(words: impl Iterator<Item = &'w str>) -> &'static Language {
    // word → index of the profile it identifies (the first profile that lists it)
    static BY_WORD: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    let all = profiles();
    let by_word = BY_WORD.get_or_init(|| {
        let mut m = HashMap::default();
        for (i, l) in all.iter().enumerate() {
            for w in &l.detect_words {
                m.entry(*w).or_insert(i);
            }
        }
        m
    });
    let mut counts = vec![0usize; all.len()];
    for w in words.take(400) {
        if let Some(&i) = by_word.get(w) {
            counts[i] += 1;
        }
    }
    let mut best = 0;
    for (i, &n) in counts.iter().enumerate() {
        if n > counts[best] {
            best = i;
        }
    }
    &all[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_loads_its_files_and_flags() {
        let codes: Vec<&str> = profiles().iter().map(|l| l.code).collect();
        assert_eq!(codes, ["en", "de"]);
        for l in profiles() {
            assert!(!l.cues.is_empty() && !l.detect_words.is_empty() && !l.determiners.is_empty(), "{}", l.code);
            assert!(!l.preps.is_empty() && !l.honorifics.is_empty() && !l.according.is_empty(), "{}", l.code);
            assert!(!l.he.is_empty() && !l.she.is_empty(), "{}", l.code);
        }
        let (en, de) = (profile("en").unwrap(), profile("de").unwrap());
        assert!(de.verb_second && de.clause_anchor && de.capitalised_nouns && !de.particle_cues.is_empty());
        assert!(!en.verb_second && !en.clause_anchor && en.plural_s && !en.cue_bases.is_empty());
        assert_eq!(de.naming_verbs.first(), Some(&"sprach"));
        assert!(de.according.iter().any(|p| p == &["zufolge"]) && de.according_after == ["zufolge"]);
        assert!(en.aux.contains(&"has also"), "an entry may have several words");
    }

    #[test]
    fn detection_chooses_among_the_profiles() {
        let words = |s: &'static str| s.split_whitespace();
        assert_eq!(detect(words("der minister sagte dass die brücke nicht hält")).code, "de");
        assert_eq!(detect(words("the minister said that the bridge will hold")).code, "en");
        assert_eq!(detect(words("")).code, "en", "a tie goes to the first profile");
    }

    #[test]
    fn every_lexicon_file_says_where_it_came_from() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lexicon");
        let mut n = 0;
        for lang in std::fs::read_dir(&dir).unwrap() {
            let lang = lang.unwrap().path();
            for f in std::fs::read_dir(&lang).unwrap() {
                let f = f.unwrap().path();
                let text = std::fs::read_to_string(&f).unwrap();
                assert!(text.starts_with('#'), "{} must open with a comment", f.display());
                assert!(text.contains("Source:"), "{} must say where it came from", f.display());
                n += 1;
            }
        }
        assert!(n >= 2 * 26, "{n} files");
    }

    #[test]
    fn no_rule_compares_a_language_code() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![src.join("engine.rs"), src.join("speaker_phrase.rs"), src.join("entities.rs")];
        files.extend(std::fs::read_dir(src.join("sieves")).unwrap().map(|f| f.unwrap().path()));
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            assert!(!text.contains("lang.code"), "{} asks for the language code: use a profile flag", f.display());
        }
    }
}

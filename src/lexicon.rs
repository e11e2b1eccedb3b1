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

/// What kind of organisation a speaker is (`org_types.txt`): "the company" refers to a company.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgType {
    Unknown,
    Company,
    Government,
    Media,
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
/// A possessive determiner ("his", "their"; `word_classes.txt` `possessives`).
pub const POSSESSIVE: u8 = 128;

/// What the lexicons say of one lower-case word.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// Cue tier (`lexicon::CUE_SAYING` … `CUE_MANNER`), `NO_CUE` when not a cue.
    pub cue: u8,
    /// AUX | DET | STOP | TIME | THAT | BASE | ACCORDING | POSSESSIVE.
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
    /// The kind of organisation the last word of a name names, as written ("Ministry", "Times").
    pub org_name_types: HashMap<String, OrgType>,
    /// The kind of organisation a lower-case speaker noun stands for ("company", "white house").
    pub org_noun_types: HashMap<String, OrgType>,
    /// Abbreviations whose period does not end a sentence, lower case without the period
    /// (`abbreviations.txt`; the sentence splitter runs before detection and uses every profile's).
    pub abbreviations: Vec<&'static str>,
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
    /// a party member's noun that ends an epithet, not a name ("the Kentucky Republican said")
    pub party_members: Vec<&'static str>,
    /// cue verbs whose bare form is also a noun: after a determiner (and modifiers with no plural
    /// ending) they are the noun ("the civil claim said", "the big reveal:")
    pub cue_nouns: Vec<&'static str>,
    /// what after a hyphen makes a capitalised word a modifier, not a name ("Calgary-based")
    pub modifier_tails: Vec<&'static str>,
    /// participles after which "by" names who received a document, not its author ("obtained by")
    pub receipt_participles: Vec<&'static str>,
    pub role_ranks: Vec<&'static str>,
    /// words that open a subject that names nobody ("no group claimed")
    pub negative_subjects: Vec<&'static str>,
    /// the infinitive marker ("to say": not a finite verb)
    pub infinitive_markers: Vec<&'static str>,
    /// the preposition of a passive's agent ("published by")
    pub agent_preps: Vec<&'static str>,
    /// verb stems that demand rather than report before one of `request_preps` ("called for")
    pub request_stems: Vec<&'static str>,
    pub request_preps: Vec<&'static str>,
    /// cue forms that report only with an expletive subject (`expletives`: "es heißt")
    pub impersonal_cues: Vec<&'static str>,
    pub expletives: Vec<&'static str>,
    /// Prepositions that name the source of impersonal words ("„…“, heißt es in dem Bericht").
    pub source_preps: Vec<&'static str>,
    /// participles that name after a noun ("a technique called …")
    pub naming_participles: Vec<&'static str>,
    /// the word between a naming participle and the name ("known as “…”", "billed as a “…”")
    pub naming_as: Vec<&'static str>,
    /// the coordinating conjunction that joins two subjects or verbs ("and")
    pub conjunctions: Vec<&'static str>,
    /// words that join the items of a list of speakers ("and", "or")
    pub list_joiners: Vec<&'static str>,
    /// conjunctions that close a separable verb's clause ("und", "aber")
    pub clause_joiners: Vec<&'static str>,
    /// auxiliaries of the passive ("was told")
    pub passive_aux: Vec<&'static str>,
    /// object pronouns after an addressee cue ("told him")
    pub object_pronouns: Vec<&'static str>,
    /// the preposition of an addressee after a cue ("said to")
    pub addressee_preps: Vec<&'static str>,
    /// plural nouns without a plural ending ("police")
    pub plural_nouns: Vec<&'static str>,
    /// quantifiers that make a name a group ("many Democrats")
    pub plural_quantifiers: Vec<&'static str>,
    /// conjunctions that open a concessive clause after a quote ("though")
    pub concessives: Vec<&'static str>,
    /// verbs that make words after a comma a clause, not an appositive
    pub clause_verbs: Vec<&'static str>,
    /// particles that belong to the name after them ("von der Leyen")
    pub name_particles: Vec<&'static str>,
    /// the pronoun that is no speaker after a complementiser ("that it")
    pub cleft_pronouns: Vec<&'static str>,
    /// relative pronouns that open a clause about the phrase before the comma ("who")
    pub relatives: Vec<&'static str>,
    /// the writer's own pronoun ("I"): a quote credited to it outside quotation marks is the
    /// writer's, not a quoted source's
    pub writer_pronouns: Vec<&'static str>,
    /// the genitive preposition ("of")
    pub genitive_preps: Vec<&'static str>,
    /// possessives that refer to an organisation ("its spokesperson")
    pub org_possessives: Vec<&'static str>,
    /// possessive pronouns ("his", "its") that are no owner's name
    pub personal_possessives: Vec<&'static str>,
    /// possessive determiners (`Tok::is_possessive`)
    pub possessives: Vec<&'static str>,
    /// pronouns whose 's is a contracted verb ("that's")
    pub contraction_stems: Vec<&'static str>,
    /// contracted verb endings ("n't", "'ll")
    pub contraction_suffixes: Vec<&'static str>,
    /// first words of a photo credit in parentheses ("(Photo: …)")
    pub credit_words: Vec<&'static str>,
    /// elisions written with a leading apostrophe ('n', 'em): the apostrophe opens no quote
    pub elisions: Vec<&'static str>,
    /// small words inside an organisation's name that its acronym skips ("of")
    pub org_name_fillers: Vec<&'static str>,
    /// country prefixes, as written, that an organisation's acronym may leave out ("US Department of …" → DHS)
    pub acronym_prefixes: Vec<&'static str>,
    /// the word that opens a byline ("By Jane Doe")
    pub byline_words: Vec<&'static str>,
    /// words that start a place name before a capitalised word ("New York")
    pub place_prefixes: Vec<&'static str>,
    /// Determiners never in the nominative (German "dem", "den", "des"): a phrase they open is
    /// no verb's subject (`oblique_dets`; empty where articles do not mark case).
    pub oblique_dets: Vec<&'static str>,
    /// The articles whose noun slot a quoted name may fill (`name_articles`; the `article_names`
    /// flag): every case of the definite article ("des „Sacharow-Preises“", "das „Zentrum …“").
    pub name_articles: Vec<&'static str>,
    /// The words between a reflexive pronoun and a quote that make the quote a name the subject
    /// gives itself (`self_naming`: "die sich selbst „…“ nennt", "die sich als „…“ präsentiert").
    pub self_naming: Vec<&'static str>,
    /// Reflexive pronouns that may stand between a cue and its subject ("„…“, äußerte sich X").
    pub reflexives: Vec<&'static str>,
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
    /// A short capitalised quote right after a definite article fills the article's noun slot:
    /// it names an organisation, a publication or a law ("die „Aktion Sauberes Dorf“ teilte mit"),
    /// it is not a quotation. German puts such names in quotation marks.
    pub article_names: bool,
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
    abbreviations: &'static str,
    org_types: &'static str,
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
            abbreviations: include_str!(concat!("lexicon/", $code, "/abbreviations.txt")),
            org_types: include_str!(concat!("lexicon/", $code, "/org_types.txt")),
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
    for (list, bit) in
        [(&l.aux, AUX), (&l.determiners, DET), (&l.time_words, TIME), (&l.that, THAT), (&l.possessives, POSSESSIVE)]
    {
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

/// The keys of `word_classes.txt` (one `Language` field each): a line with another key is an error.
const WORD_CLASSES: &[&str] = &[
    "subordinators",
    "prepositions",
    "non_subjects",
    "nominatives",
    "subject_words",
    "quantifiers",
    "verb_aux",
    "of_preps",
    "definite",
    "demonstratives",
    "affiliation_preps",
    "spokes",
    "role_qualifiers",
    "role_ranks",
    "negative_subjects",
    "infinitive_markers",
    "agent_preps",
    "request_stems",
    "request_preps",
    "impersonal_cues",
    "expletives",
    "source_preps",
    "naming_participles",
    "naming_as",
    "conjunctions",
    "list_joiners",
    "clause_joiners",
    "passive_aux",
    "object_pronouns",
    "addressee_preps",
    "plural_nouns",
    "plural_quantifiers",
    "concessives",
    "clause_verbs",
    "name_particles",
    "cleft_pronouns",
    "relatives",
    "writer_pronouns",
    "genitive_preps",
    "org_possessives",
    "personal_possessives",
    "possessives",
    "contraction_stems",
    "contraction_suffixes",
    "credit_words",
    "elisions",
    "org_name_fillers",
    "acronym_prefixes",
    "byline_words",
    "place_prefixes",
    "oblique_dets",
    "reflexives",
    "agent_suffixes",
    "locative_preps",
    "place_nouns",
    "party_members",
    "cue_nouns",
    "modifier_tails",
    "receipt_participles",
    "name_articles",
    "self_naming",
];

/// `word_classes.txt`: one class a line, its key then its words. A key not in `WORD_CLASSES`, or
/// given twice, is an error naming it and its line.
fn parse_word_classes(src: &'static str) -> Result<HashMap<&'static str, Vec<&'static str>>, String> {
    let mut m: HashMap<&'static str, Vec<&'static str>> = HashMap::default();
    for (n, line) in src.lines().enumerate() {
        let mut it = line.split_whitespace();
        let Some(key) = it.next().filter(|k| !k.starts_with('#')) else { continue };
        if !WORD_CLASSES.contains(&key) {
            return Err(format!("line {}: unknown word class `{key}` (known: {})", n + 1, WORD_CLASSES.join(", ")));
        }
        if m.insert(key, it.collect()).is_some() {
            return Err(format!("line {}: word class `{key}` given twice", n + 1));
        }
    }
    Ok(m)
}

/// `org_types.txt`: `name|noun KIND word …` lines (KIND company, government or media; `_` in a
/// noun is a space) → the kinds of name words and of nouns. Another first or second word is an
/// error naming the line.
type OrgTypes = (HashMap<String, OrgType>, HashMap<String, OrgType>);
fn parse_org_types(src: &str) -> Result<OrgTypes, String> {
    let (mut names, mut nouns) = (HashMap::default(), HashMap::default());
    for (n, line) in src.lines().enumerate() {
        let mut it = line.split_whitespace();
        let Some(what) = it.next().filter(|k| !k.starts_with('#')) else { continue };
        let kind = match it.next() {
            Some("company") => OrgType::Company,
            Some("government") => OrgType::Government,
            Some("media") => OrgType::Media,
            k => {
                return Err(format!("line {}: unknown kind of organisation {k:?} (company, government, media)", n + 1))
            }
        };
        let (map, words): (&mut HashMap<String, OrgType>, Vec<String>) = match what {
            "name" => (&mut names, it.map(str::to_string).collect()),
            "noun" => (&mut nouns, it.map(|w| w.replace('_', " ")).collect()),
            _ => return Err(format!("line {}: `{what}` is neither `name` nor `noun`", n + 1)),
        };
        map.extend(words.into_iter().map(|w| (w, kind)));
    }
    Ok((names, nouns))
}

/// The words of a list file, any number a line (`#` lines are comments).
fn parse_words(src: &'static str) -> Vec<&'static str> {
    parse_lines(src).into_iter().flat_map(str::split_whitespace).collect()
}

fn load(f: Files) -> Language {
    let code = keyed(f.profile, "code").first().copied().unwrap_or("");
    // the files are compiled in: a test loads every profile, so this cannot fail in a build that passed it
    let classes =
        parse_word_classes(f.word_classes).unwrap_or_else(|e| panic!("src/lexicon/{code}/word_classes.txt: {e}"));
    let class = |key: &str| classes.get(key).cloned().unwrap_or_default();
    let (org_name_types, org_noun_types) =
        parse_org_types(f.org_types).unwrap_or_else(|e| panic!("src/lexicon/{code}/org_types.txt: {e}"));
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
        code,
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
        abbreviations: parse_words(f.abbreviations),
        org_name_types,
        org_noun_types,
        subordinators: class("subordinators"),
        prepositions: class("prepositions"),
        non_subjects: class("non_subjects"),
        nominatives: class("nominatives"),
        subject_words: class("subject_words"),
        quantifiers: class("quantifiers"),
        verb_aux: class("verb_aux"),
        of_preps: class("of_preps"),
        definite: class("definite"),
        demonstratives: class("demonstratives"),
        affiliation_preps: class("affiliation_preps"),
        spokes: class("spokes"),
        role_qualifiers: class("role_qualifiers"),
        party_members: class("party_members"),
        cue_nouns: class("cue_nouns"),
        modifier_tails: class("modifier_tails"),
        receipt_participles: class("receipt_participles"),
        role_ranks: class("role_ranks"),
        negative_subjects: class("negative_subjects"),
        infinitive_markers: class("infinitive_markers"),
        agent_preps: class("agent_preps"),
        request_stems: class("request_stems"),
        request_preps: class("request_preps"),
        impersonal_cues: class("impersonal_cues"),
        expletives: class("expletives"),
        source_preps: class("source_preps"),
        naming_participles: class("naming_participles"),
        naming_as: class("naming_as"),
        conjunctions: class("conjunctions"),
        list_joiners: class("list_joiners"),
        clause_joiners: class("clause_joiners"),
        passive_aux: class("passive_aux"),
        object_pronouns: class("object_pronouns"),
        addressee_preps: class("addressee_preps"),
        plural_nouns: class("plural_nouns"),
        plural_quantifiers: class("plural_quantifiers"),
        concessives: class("concessives"),
        clause_verbs: class("clause_verbs"),
        name_particles: class("name_particles"),
        cleft_pronouns: class("cleft_pronouns"),
        relatives: class("relatives"),
        writer_pronouns: class("writer_pronouns"),
        genitive_preps: class("genitive_preps"),
        org_possessives: class("org_possessives"),
        personal_possessives: class("personal_possessives"),
        possessives: class("possessives"),
        contraction_stems: class("contraction_stems"),
        contraction_suffixes: class("contraction_suffixes"),
        credit_words: class("credit_words"),
        elisions: class("elisions"),
        org_name_fillers: class("org_name_fillers"),
        acronym_prefixes: class("acronym_prefixes"),
        byline_words: class("byline_words"),
        place_prefixes: class("place_prefixes"),
        oblique_dets: class("oblique_dets"),
        name_articles: class("name_articles"),
        self_naming: class("self_naming"),
        reflexives: class("reflexives"),
        agent_suffixes: class("agent_suffixes"),
        locative_preps: class("locative_preps"),
        place_nouns: class("place_nouns"),
        compounds: flag("compounds"),
        capitalised_nouns,
        verbatim_fragments: flag("verbatim_fragments"),
        verb_second: flag("verb_second"),
        clause_anchor: flag("clause_anchor"),
        expletive_it: flag("expletive_it"),
        naming_object_first: flag("naming_object_first"),
        plural_s: flag("plural_s"),
        embedded_own_subject: flag("embedded_own_subject"),
        article_names: flag("article_names"),
    })
}

/// A profile built from `code`'s files after `edit` (tests: a list is in use when a result changes
/// without it). Leaked: each call keeps its profile for the rest of the test run.
#[cfg(test)]
fn edited_profile(code: &str, edit: impl FnOnce(&mut Files)) -> &'static Language {
    let mut f = match code {
        "en" => language_files!("en"),
        "de" => language_files!("de"),
        _ => panic!("no profile {code}"),
    };
    edit(&mut f);
    Box::leak(Box::new(load(f)))
}

/// `code`'s profile with the word class `class` left out of its `word_classes.txt`.
#[cfg(test)]
fn without_class(code: &str, class: &str) -> &'static Language {
    edited_profile(code, |f| {
        let kept: String = f
            .word_classes
            .lines()
            .filter(|l| l.split_whitespace().next() != Some(class))
            .map(|l| l.to_string() + "\n")
            .collect();
        assert!(kept.len() < f.word_classes.len(), "{code}/word_classes.txt has no class {class}");
        f.word_classes = Box::leak(kept.into_boxed_str());
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

/// Each word class and list file that moved out of rule code is in use: a short news sentence
/// (written for these tests) whose result changes when the list is left out of the profile.
#[cfg(test)]
mod moved_lists {
    use super::*;
    use crate::{Article, Block, Config};

    /// The quotes found in `paras` in profile `lang`: kind, rule, text and speaker (name, role).
    fn summary(lang: &'static Language, paras: &[&str]) -> String {
        let article = Article::new(paras.iter().map(|p| Block::paragraph(*p)).collect());
        let a = crate::engine::analyze_in(&article, &Config::default(), Some(lang));
        let quotes: Vec<String> = a
            .quotes
            .iter()
            .map(|q| {
                let t = &article.blocks[q.span.block].text[q.span.start..q.span.end];
                let sp = q.speaker.map_or("nobody".to_string(), |s| match &a.speakers[s].role {
                    Some(role) => format!("{}, {role}", a.speakers[s].name),
                    None => a.speakers[s].name.clone(),
                });
                format!("{} {}: {t} ← {sp}", q.kind.as_str(), q.rule)
            })
            .collect();
        if quotes.is_empty() {
            "no quote".to_string()
        } else {
            quotes.join("; ")
        }
    }

    /// (language, word class, paragraphs separated by " | ", the quotes found with the class).
    const CASES: &[(&str, &str, &str, &str)] = &[
        ("en", "negative_subjects", "No group said the attack was planned by the army in the north.", "no quote"),
        ("en", "infinitive_markers", "The mayor announced a plan to do more for the parks.", "no quote"),
        ("en", "agent_preps", "The report, published by the Pew Research Center, said that most voters are worried about prices.", "indirect indirect-verb: most voters are worried about prices ← Pew Research Center"),
        ("en", "request_stems", "Ann Lee called for calm on Monday, the storm will pass.", "no quote"),
        ("en", "request_preps", "Ann Lee called for calm on Monday, the storm will pass.", "no quote"),
        ("en", "naming_participles", "Researchers used a method called “deep mapping” in the study of the river.", "no quote"),
        ("en", "naming_as", "Critics of the rule known as the “clean slate” say it tips the scales toward landlords.", "no quote"),
        ("en", "conjunctions", "Ann Lee and Tom Roy say the budget is far too small for the city.", "indirect indirect-verb: the budget is far too small for the city ← Tom Roy"),
        ("en", "list_joiners", "Ann Lee had two words for the plan: “bold” and “costly”.", "no quote"),
        ("en", "passive_aux", "The workers were told that the plant would close for good in June.", "no quote"),
        ("en", "object_pronouns", "The mayor told them that the bridge would reopen in the spring.", "indirect indirect-verb: the bridge would reopen in the spring ← The mayor, The mayor"),
        ("en", "addressee_preps", "The bridge will reopen in May, the mayor said to the council on Monday.", "no quote"),
        ("en", "plural_nouns", "Police say the driver was speeding when the crash happened on the highway.", "indirect indirect-verb: the driver was speeding when the crash happened on the highway ← Police"),
        ("en", "plural_quantifiers", "Many Democrats say the bill will fail in the Senate this week.", "indirect indirect-verb: the bill will fail in the Senate this week ← Democrats"),
        ("en", "concessives", "The mayor said the bridge is safe, but the engineer said that it needs repairs soon.", "indirect indirect-verb: the bridge is safe ← The mayor, The mayor; indirect indirect-verb: it needs repairs soon ← the engineer"),
        ("en", "clause_verbs", "“We are ready,” said Ann Lee, whose company has a contract with the city.", "direct trailing-cue: “We are ready,” ← Ann Lee"),
        ("en", "genitive_preps", "The Bank of Canada said that rates will rise in the spring.", "indirect indirect-verb: rates will rise in the spring ← Bank of Canada"),
        ("en", "org_possessives", "Acme Corp. makes toys in Ohio. Its spokesperson said that sales rose sharply in May.", "indirect indirect-verb: sales rose sharply in May ← Acme Corp."),
        ("en", "personal_possessives", "Ann Lee runs Acme Corp. in Ohio. Her company said that sales rose sharply in May.", "indirect indirect-verb: sales rose sharply in May ← Acme Corp."),
        ("en", "possessives", "Acme Corp. makes toys in Ohio. Our company said that sales rose sharply in May.", "indirect indirect-verb: sales rose sharply in May ← Our company"),
        ("en", "contraction_stems", "The mayor said everything's fine with the bridge now.", "indirect indirect-verb: everything's fine with the bridge now ← The mayor, The mayor"),
        ("en", "contraction_suffixes", "The mayor said the city needn't wait any longer for the money.", "indirect indirect-verb: the city needn't wait any longer for the money ← The mayor, The mayor"),
        ("en", "org_name_fillers", "Ann Lee of the Red Cross said that aid is coming to the town.", "indirect indirect-verb: aid is coming to the town ← Ann Lee"),
        ("en", "byline_words", "By Jane Doe. “We are ready for the storm.”", "direct unattributed: “We are ready for the storm.” ← nobody"),
        ("en", "place_prefixes", "New Zealand said that the border will reopen for tourists in March.", "indirect indirect-verb: the border will reopen for tourists in March ← New Zealand"),
        ("de", "negative_subjects", "Niemand sagte, dass der Plan scheitern werde.", "no quote"),
        ("de", "impersonal_cues", "Der Titel heißt wie das Buch des Ministers.", "no quote"),
        ("de", "expletives", "In dem Bericht heißt es, die Lage sei ernst.", "indirect indirect-verb: die Lage sei ernst ← Bericht"),
        ("de", "clause_joiners", "Ministerin Ann Lee sprach am Montag über „Mut“ und „Kosten“.", "no quote"),
        ("de", "source_preps", "„Wir sind bereit“, heißt es in dem Bericht.", "direct trailing-cue: „Wir sind bereit“ ← Bericht"),
        ("de", "list_joiners", "Ann Lee nannte den Plan „mutig“ und „teuer“.", "no quote"),
    ];

    #[test]
    fn every_moved_word_class_decides_a_news_sentence() {
        for &(code, class, text, want) in CASES {
            let paras: Vec<&str> = text.split(" | ").collect();
            let with = summary(profile(code).unwrap(), &paras);
            assert_eq!(with, want, "{code} {class}: {text}");
            let without = summary(without_class(code, class), &paras);
            assert_ne!(without, with, "{code} {class}: {text} does not depend on the class");
        }
    }

    #[test]
    fn the_kinds_of_organisation_decide_which_one_the_company_is() {
        // "the company" goes to the company, not to the organisation named last
        let en = ["Acme Corp. signed a deal with the Department of Energy. The company said that sales rose in May."];
        let want = "indirect indirect-verb: sales rose in May ← Acme Corp.";
        assert_eq!(summary(english(), &en), want);
        assert_ne!(summary(edited_profile("en", |f| f.org_types = ""), &en), want);
        // German: an agency credit ("Anna Berg/Reuters.") names the photographer, never a speaker
        let de = ["Anna Berg/Reuters.", "„Wir sind bereit“, sagte sie."];
        let want = "direct trailing-cue: „Wir sind bereit“ ← nobody";
        assert_eq!(summary(german(), &de), want);
        assert_ne!(summary(edited_profile("de", |f| f.org_types = ""), &de), want);
    }

    #[test]
    fn von_before_a_name_is_part_of_the_name() {
        // German: "von" before a name is no preposition of a phrase before the verb
        let text = "Wie von Heydebreck erklärte, sei die Lage ernst.";
        let article = Article::new(vec![Block::paragraph(text)]);
        let subject = |lang: &'static Language| {
            let doc = crate::doc::Doc::build_in(&article, Some(lang));
            let verb = doc.blocks[0].toks.iter().position(|t| t.is("erklärte")).unwrap();
            crate::speaker_phrase::backward(&doc, 0, verb, 0, 0).map(|np| doc.blocks[0].slice(np.a, np.z).to_string())
        };
        assert_eq!(subject(german()).as_deref(), Some("Heydebreck"));
        assert_ne!(subject(without_class("de", "name_particles")).as_deref(), Some("Heydebreck"));
    }

    #[test]
    fn abbreviations_elisions_credit_words_and_acronym_words_of_every_profile_count_in_any_text() {
        // the sentence splitter: "Mr." (en) and "bzw." (de) end no sentence, in any text
        let text = "Mr. Lee met the mayor bzw. the council. They agreed.";
        assert_eq!(crate::text::sentences(text, &[]).len(), 2);
        assert!(english().abbreviations.contains(&"mr") && german().abbreviations.contains(&"bzw"));
        // quote pairing: the apostrophe of "'n'" is an elision, so no quote opens there
        let quotes = crate::quotes::find_all(&["The band played rock 'n' roll, and 'the crowd loved it.'"]);
        assert_eq!(quotes[0].len(), 1, "{:?}", quotes[0]);
        assert!(english().elisions.contains(&"n"));
        // captions: a credit in parentheses
        assert!(crate::speech::is_caption_like("Die Fähre legt ab. (Getty Images)"));
        assert!(english().credit_words.contains(&"getty"));
        // acronyms: a leading country prefix and the small words of the name are left out
        let words: Vec<String> = "US Department of Homeland Security".split(' ').map(String::from).collect();
        assert_eq!(crate::entities::acronym_of(&words), "DHS");
        assert!(english().acronym_prefixes.contains(&"US") && english().org_name_fillers.contains(&"of"));
    }

    #[test]
    fn the_loader_rejects_an_unknown_or_repeated_word_class() {
        let ok = parse_word_classes("# comment\nsubordinators when while\n\nrole_ranks vice\n").unwrap();
        assert_eq!(ok["subordinators"], ["when", "while"]);
        let err = parse_word_classes("subordinators when\nsubordinatorz while\n").unwrap_err();
        assert!(err.starts_with("line 2: unknown word class `subordinatorz` (known: subordinators, "), "{err}");
        let err = parse_word_classes("spokes spokesman\nspokes spokeswoman\n").unwrap_err();
        assert_eq!(err, "line 2: word class `spokes` given twice");
        let err = parse_org_types("name media Times\nnoun goverment ministry\n").unwrap_err();
        assert!(err.starts_with("line 2: unknown kind of organisation"), "{err}");
        let err = parse_org_types("nouns media paper\n").unwrap_err();
        assert_eq!(err, "line 1: `nouns` is neither `name` nor `noun`");
        let (names, nouns) = parse_org_types("name media Times\nnoun government white_house\n").unwrap();
        assert_eq!((names["Times"], nouns["white house"]), (OrgType::Media, OrgType::Government));
    }
}

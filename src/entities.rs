//! The per-article table of people and organisations: proper-name mentions found outside
//! quotations, linked by surname, short form and acronym to the earliest full mention; plus
//! the look-ups that resolve pronouns and nominals ("the company", "she") at a position.

use crate::api::{Span, SpeakerKind};
use crate::doc::Doc;
use crate::lexicon::{Gender, NO_CUE};

/// How far back (in blocks) a pronoun or nominal looks for its antecedent.
pub const ANTECEDENT_WINDOW_BLOCKS: usize = 6;
/// How many earlier name mentions a pronoun or nominal reads at most (keeps time linear).
pub const ANTECEDENT_MAX_MENTIONS: usize = 200;
/// How many candidates an entity look-up weighs at most (keeps time linear).
pub const FIND_CANDIDATES: usize = 64;
/// How often a multi-word name must be called by its first word alone (and never by its last)
/// to be taken for a team's or a firm's, not a person's (a person is called by a given name now
/// and then: "her father Khaled").
pub const MIN_FIRST_WORD_REFS: u32 = 2;
/// Longest name, in tokens.
pub const MAX_NAME_TOKENS: usize = 8;
/// Most words of a role read before a name ("WHL commissioner Ron Robison") or in an
/// appositive after it ("Doug McCallum, the mayor of Surrey,").
pub const MAX_ROLE_TOKENS: usize = 8;
pub use crate::lexicon::OrgType;

#[derive(Debug, Clone)]
pub struct Entity {
    /// Name words, without title or article ("Kaspersky", "Lab").
    pub words: Vec<String>,
    pub kind: SpeakerKind,
    pub org_type: OrgType,
    pub gender: Option<Gender>,
    pub role: Option<String>,
    pub mentions: Vec<Span>,
    /// Named (from a proper name) or described ("a spokeswoman").
    pub named: bool,
    /// Hash of the lower-case name, for look-ups.
    key: u64,
    /// Acronym of the name words, for look-ups.
    acr: String,
    /// How often the article refers to this multi-word name by its last word alone
    /// ("Lonechild" after "Darian Lonechild"): news style's sign of a person. (A name called by
    /// its first word, "Edmonton" for "Edmonton Oilers", is more often a team or a firm's.)
    pub short_refs: u32,
    /// How often the article calls this multi-word name by its first word alone.
    first_refs: u32,
    /// How often the article calls this multi-word name by its last word after a definite
    /// article ("the Oilers"): a team's or a body's short name, never a person's.
    definite_refs: u32,
    /// How often the name stands right after a preposition of place ("in Park Hills").
    place_refs: u32,
    /// A place: speaks only when news makes it a subject ("Ottawa said"), never stands for "it",
    /// "they" or "the department".
    pub place: bool,
    /// Where the article last named this person in full as a sentence's subject (block, byte): a
    /// surname two people share is the one named so nearest before it.
    last_full: Option<(usize, usize)>,
}

impl Entity {
    pub fn display(&self) -> String {
        self.words.join(" ")
    }
    fn new(
        words: Vec<String>,
        kind: SpeakerKind,
        org_type: OrgType,
        gender: Option<Gender>,
        role: Option<String>,
        mentions: Vec<Span>,
        named: bool,
    ) -> Entity {
        let mut e = Entity {
            words: Vec::new(),
            kind,
            org_type,
            gender,
            role,
            mentions,
            named,
            key: 0,
            acr: String::new(),
            short_refs: 0,
            first_refs: 0,
            definite_refs: 0,
            place_refs: 0,
            place: false,
            last_full: None,
        };
        e.set_words(words);
        e
    }
    fn set_words(&mut self, words: Vec<String>) {
        self.key = key_of(&words);
        self.acr = if words.len() > 1 { acronym_of(&words) } else { String::new() };
        self.words = words;
    }
    fn key(&self) -> u64 {
        self.key
    }
    /// The name opens with a given name of the language's list ("Lee Park"): a person's.
    fn has_given_name(&self, lang: &crate::lexicon::Language) -> bool {
        self.words.first().is_some_and(|w| lang.firstnames.contains_key(w.as_str()))
    }
    fn acronym(&self) -> &str {
        &self.acr
    }
}

/// Hash of the lower-case name: words joined by one space (the same as hashing the
/// lower-cased token texts joined by spaces, which the fast path in `build` does).
fn key_of(words: &[String]) -> u64 {
    let mut k = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            k.push(' ');
        }
        k.extend(w.chars().flat_map(char::to_lowercase));
    }
    crate::fxhash::fx(&k)
}

pub fn acronym_of(words: &[String]) -> String {
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        let lw = w.to_lowercase();
        // every profile's fillers: an article may name an organisation in another language
        if crate::lexicon::profiles().iter().any(|l| l.org_name_fillers.contains(&lw.as_str())) {
            continue;
        }
        // a leading country prefix is optional in acronyms (US Department of … → DHS)
        if i == 0
            && words.len() > 2
            && crate::lexicon::profiles().iter().any(|l| l.acronym_prefixes.contains(&w.as_str()))
        {
            continue;
        }
        if let Some(c) = w.chars().next() {
            if c.is_uppercase() {
                s.push(c);
            }
        }
    }
    s
}

fn is_acronym(w: &str) -> bool {
    let n = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&n) && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

/// A proper-name mention: token range of the whole mention and of the name words.
#[derive(Debug, Clone)]
pub struct NameRun {
    pub a: usize,
    pub z: usize,
    pub name_a: usize,
    pub name_z: usize,
    pub role: Option<String>,
    pub gender: Option<Gender>,
}

/// A person named with a role: "Surrey Mayor Doug McCallum", "WHL commissioner Ron Robison",
/// "Doug McCallum, the mayor of Surrey,". `words` are the role's lower-case words.
#[derive(Debug, Clone)]
pub struct RoleMention {
    pub span: Span,
    pub entity: usize,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct NameMention {
    pub span: Span,
    pub entity: usize,
    /// The token where the mention's sentence starts (`usize::MAX` when not known): mentions of
    /// one sentence share it.
    pub sent: usize,
    /// How salient the mention is as an antecedent of a later he / she: `SALIENCE_SUBJECT` for
    /// the subject of its sentence or of a fronted clause, `SALIENCE_POSSESSIVE` for a possessor
    /// ("Parker's plea"), `SALIENCE_OTHER` otherwise.
    pub salience: u8,
    /// The sentence's subject is he / she (of this gender): "Still, he denied Lee's request".
    pub subject_pronoun: Option<Gender>,
}

/// A name mention as the subject of its sentence ("Mary Voss, the director, agreed …").
pub const SALIENCE_SUBJECT: u8 = 2;
/// A name mention neither subject nor possessor (an object, inside a prepositional phrase).
pub const SALIENCE_OTHER: u8 = 1;
/// A possessor ("Parker's plea"): the least likely antecedent of the next he / she.
pub const SALIENCE_POSSESSIVE: u8 = 0;

impl NameMention {
    fn new(span: Span, entity: usize) -> Self {
        NameMention { span, entity, sent: usize::MAX, salience: SALIENCE_OTHER, subject_pronoun: None }
    }
}

/// Most words of a sentence opener closed by a comma before a subject ("Still, he …", "On
/// Friday, she …").
const MAX_OPENER_TOKENS: usize = 4;

/// The gender a token names when it is the language's he or she (its first form).
fn pronoun_gender(lang: &crate::lexicon::Language, t: &crate::doc::Tok) -> Option<Gender> {
    if lang.he.first().is_some_and(|w| t.lower == *w) {
        Some(Gender::Male)
    } else if lang.she.first().is_some_and(|w| t.lower == *w) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// The gender of a he / she that is the subject of sentence `[s, end)` of block `b`: its first
/// word, or the first after a short opener closed by a comma.
fn subject_pronoun(doc: &Doc, b: usize, s: usize, end: usize) -> Option<Gender> {
    let toks = &doc.blocks[b].toks;
    let mut k = s;
    if let Some(c) = (s..end.min(s + MAX_OPENER_TOKENS + 1)).find(|&j| toks[j].is_punct(",")) {
        if toks[s..c].iter().all(|t| t.quote.is_none()) {
            k = c + 1;
        }
    }
    let gender_of = |t: &crate::doc::Tok| pronoun_gender(doc.lang, t);
    let first = toks.get(s).filter(|t| t.quote.is_none()).and_then(gender_of);
    first.or_else(|| toks.get(k).filter(|t| k < end && t.quote.is_none()).and_then(gender_of))
}

/// Most adverbs and adjectives between a preposition of place and a name ("in thickly forested
/// Douglas County").
const MAX_LOCATIVE_GAP: usize = 2;

/// Whether the name run `r` (of the sentence starting at token `s`) stands right after a
/// preposition of place (`locative_preps`), with at most `MAX_LOCATIVE_GAP` plain words or a
/// determiner between, and is no possessor ("in Lee's view").
fn after_locative(doc: &Doc, b: usize, r: &NameRun, s: usize) -> bool {
    let toks = &doc.blocks[b].toks;
    let last = &toks[r.name_z - 1].lower;
    if r.role.is_some() || last.ends_with("'s") || last.ends_with("’s") {
        return false;
    }
    let mut k = r.a;
    let mut gap = 0;
    while k > s {
        let t = &toks[k - 1];
        if doc.lang.locative_preps.contains(&t.lower.as_str()) {
            return true;
        }
        if gap >= MAX_LOCATIVE_GAP || !(t.is_plain_word() || t.is_det()) || t.quote.is_some() {
            return false;
        }
        gap += 1;
        k -= 1;
    }
    false
}

/// How salient the name run `r` of the sentence starting at token `s` is (see
/// `NameMention::salience`); `prev_end` is the token after the sentence's previous name mention
/// (`s` when none). A subject: only its role words, a determiner, conjunctions or subordinators
/// come before it ("But Mayor Ann Lee …", "Although Lee …"), or a fronted phrase closed by a
/// comma with no name in it ("Given his views, Lee …").
fn salience(doc: &Doc, b: usize, r: &NameRun, s: usize, prev_end: usize) -> u8 {
    let toks = &doc.blocks[b].toks;
    let last = &toks[r.name_z - 1].lower;
    if last.ends_with("'s") || last.ends_with("’s") {
        return SALIENCE_POSSESSIVE;
    }
    let lang = doc.lang;
    let role_noun = |t: &crate::doc::Tok| {
        t.nominal == Some(crate::lexicon::Nominal::Person) || (!t.cap && lang.titles.contains_key(t.lower.as_str()))
    };
    // role words before the name ("Stella's owners", "the Veterans Affairs deputy minister")
    let mut k = r.a;
    if k > s && role_noun(&toks[k - 1]) {
        while k > s
            && toks[k - 1].quote.is_none()
            && (toks[k - 1].is_plain_word()
                || toks[k - 1].is_det()
                || toks[k - 1].is_possessive()
                || (toks[k - 1].cap && toks[k - 1].is_word() && !doc.is_stop(&toks[k - 1])))
        {
            k -= 1;
        }
    } else if k > s && toks[k - 1].is_det() {
        k -= 1;
    }
    // another name before it in the sentence is the subject, if any is
    if k == s {
        return SALIENCE_SUBJECT;
    }
    if prev_end > k {
        return SALIENCE_OTHER;
    }
    let prep =
        |t: &crate::doc::Tok| lang.preps.contains(&t.lower.as_str()) || lang.pp_preps.contains(&t.lower.as_str());
    let no_cue = toks[s..k].iter().all(|t| t.cue == crate::lexicon::NO_CUE);
    let fronted = toks[k - 1].is_punct(",") && prev_end <= s;
    let opener = toks[s..k].iter().all(|t| {
        (t.kind == crate::text::TokKind::Punct && !t.is_punct(",") && !t.is_punct(":"))
            || (t.is_word() && doc.is_stop(t) && !prep(t))
    });
    if no_cue && (fronted || opener) {
        SALIENCE_SUBJECT
    } else {
        SALIENCE_OTHER
    }
}

#[derive(Debug, Default)]
pub struct Entities {
    pub list: Vec<Entity>,
    /// Name mentions outside quotes, in text order.
    pub names: Vec<NameMention>,
    /// People named with a role, in text order (for "the mayor" → the mayor the article named).
    pub roles: Vec<RoleMention>,
    /// Alias entities (an acronym given in parentheses) and the entity they stand for.
    forward: Vec<(usize, usize)>,
    /// Lower-case name → entity, for the common case of a name used again as written.
    by_key: crate::fxhash::FxHashMap<u64, usize>,
    /// (tag, word) → entities: 'l' last word, 'f' first word of a longer name, 's' a one-word
    /// name, 'a' a suffix of a longer name's acronym, 'A' a one-word acronym.
    by_word: crate::fxhash::FxHashMap<(u8, u64), Vec<usize>>,
}

/// A sentence that credits the article or a photo to a reporter or an agency: "By Jane Doe",
/// "The Canadian Press.", "Jane Doe/The Canadian Press.". Whoever it names wrote or supplied the article and is
/// never the speaker of a quote in it (nor an antecedent of "they").
pub fn is_credit(doc: &Doc, b: usize, s: usize, end: usize) -> bool {
    let toks = &doc.blocks[b].toks;
    let words: Vec<usize> = (s..end).filter(|&k| toks[k].is_word()).collect();
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else { return false };
    if (s..end).any(|k| toks[k].quote.is_some() || toks[k].cue != crate::lexicon::NO_CUE) {
        return false;
    }
    let by = toks[first].is_in(&doc.lang.byline_words);
    let mut start = if by { words.get(1).copied() } else { Some(first) };
    // a photo credit: "Jane Doe/The Canadian Press."
    if let Some(slash) = (s..end).find(|&k| toks[k].is_punct("/")) {
        let photographer = name_run(doc, b, first, s).is_some_and(|r| r.z == slash);
        if !photographer {
            return false;
        }
        start = (slash + 1..end).find(|&k| toks[k].is_word());
    }
    let Some(r) = start.and_then(|a| name_run(doc, b, a, s)) else { return false };
    if r.z <= last {
        return false;
    }
    let media = {
        let (_, org_type, _) = classify(doc, &run_words(doc, b, &r), &r.role, r.gender);
        org_type == OrgType::Media
    };
    (by && doc.lang.plural_s) || media
}

/// The title a word is, with the gender it implies: a title of the lexicon, or a hyphenated
/// compound of capitalised words that ends in one ("Vice-President", "Attorney-General"; English).
fn title_of<'l>(lang: &'l crate::lexicon::Language, w: &str) -> Option<&'l Option<Gender>> {
    lang.titles.get(w).or_else(|| {
        let (first, last) = w.rsplit_once('-')?;
        // (German compounds such as "CDU-Chef" are left as they were tuned)
        let caps =
            !lang.capitalised_nouns && first.starts_with(char::is_uppercase) && last.starts_with(char::is_uppercase);
        caps.then(|| lang.titles.get(last)).flatten()
    })
}

/// A name connector that is a surname particle ("van", "der", "de", "la"), not a word joining
/// an organisation's name ("of", "for", "and", "the").
fn is_particle(lang: &crate::lexicon::Language, w: &str) -> bool {
    lang.name_connectors.contains(&w) && !lang.org_name_fillers.contains(&w)
}

/// Finds the proper name that starts at token `i` of block `b` (a capitalised word or a
/// title), or None. `sent_start` is the token index where the sentence starts.
/// "Calgary-based", "Ontario-born", "U.S.-made": a word joined by a hyphen to a participle or
/// noun that makes it a modifier (`modifier_tails`) is never part of a name ("Ban Ki-moon",
/// "Jean-Luc", "Smith-Jones" are names).
pub fn hyphenated_modifier(lang: &crate::lexicon::Language, word: &str) -> bool {
    word.rsplit_once('-').is_some_and(|(head, tail)| !head.is_empty() && lang.modifier_tails.contains(&tail))
}

pub fn name_run(doc: &Doc, b: usize, i: usize, sent_start: usize) -> Option<NameRun> {
    let bd = &doc.blocks[b];
    let toks = &bd.toks;
    let lang = doc.lang;
    let t = toks.get(i)?;
    // "Los Angeles-based attorney …", "the Calgary-based railway": capitalised words that end
    // in a modifier before a lower-case word modify it; they are no name ("Florida-based
    // Republican strategist" still reads as one run, as before)
    let modifies_next =
        |k: usize| hyphenated_modifier(lang, &toks[k].lower) && !toks.get(k + 1).is_some_and(|n| n.is_word() && n.cap);
    if !t.is_word() || !t.cap || modifies_next(i) {
        return None;
    }
    // extend over capitalised words, connectors between them, titles
    let mut z = i;
    while z < toks.len() && z - i < MAX_NAME_TOKENS + 3 {
        let tk = &toks[z];
        if tk.quote != t.quote {
            break;
        }
        if tk.is_word() && modifies_next(z) {
            return None;
        }
        // "The Canadian Press A train derailment …": a capitalised article opens a new phrase
        if z > i && tk.is_det() && toks.get(z + 1).is_some_and(|n| n.is_word() && !n.cap) {
            break;
        }
        if tk.is_word() && tk.cap {
            z += 1;
            // a possessive ends the name ("Trump's campaign")
            if tk.lower.ends_with("'s") || tk.lower.ends_with("’s") {
                break;
            }
            continue;
        }
        if tk.is_word()
            && lang.name_connectors.contains(&tk.lower.as_str())
            && z + 1 < toks.len()
            && toks[z + 1].is_word()
            && toks[z + 1].cap
            && z > i
        {
            // "and" joins two names only inside an organisation ("Johnson & Johnson"): keep
            // "X and Y" apart when both sides look like people
            if tk.is_in(&doc.lang.conjunctions) {
                break;
            }
            z += 1;
            continue;
        }
        // two particles of a surname ("Ben van der Berg", "Ana de la Cruz")
        if tk.is_word()
            && z > i
            && z + 2 < toks.len()
            && is_particle(lang, &tk.lower)
            && toks[z + 1].is_word()
            && is_particle(lang, &toks[z + 1].lower)
            && toks[z + 2].is_word()
            && toks[z + 2].cap
        {
            z += 2;
            continue;
        }
        break;
    }
    if z == i {
        return None;
    }
    // a dateline ("CAIRO —", "NEW YORK (AP) —") is a place, not a speaker
    if i == 0
        && (i..z).all(|k| is_acronym(bd.tok_text(k)) && bd.tok_text(k).len() >= 3)
        && toks.get(z).is_some_and(|t| t.is_dash() || t.is_punct("("))
    {
        return None;
    }
    let mut a = i;
    let mut name_a = i;
    let mut role: Vec<&str> = Vec::new();
    let mut gender = None;
    // leading article and sentence-initial common words
    while name_a < z {
        let tk = &toks[name_a];
        let w = bd.tok_text(name_a);
        // after an honorific the next word is a name even if it is also a title ("Mr. King")
        let after_honorific = role.last().is_some_and(|r| lang.honorifics.contains(&r.trim_end_matches('.')));
        // "State Department", "Home Office": title words before an organisation word are its name
        let org_run = toks[z - 1].is_word() && lang.orgwords.contains(bd.tok_text(z - 1));
        if let (Some(g), false, false) = (title_of(lang, w), after_honorific, org_run) {
            // a title word is role ("President" alone is a role, handled as a nominal)
            role.push(w);
            if g.is_some() {
                gender = *g;
            }
            name_a += 1;
            continue;
        }
        let initial = name_a == sent_start
            || (name_a > 0
                && toks[name_a - 1].kind != crate::text::TokKind::Word
                && name_a == i
                && is_after_opening(doc, b, name_a));
        // "New" before a capitalised word starts a place name (New Zealand, New York)
        let name_start = tk.is_in(&doc.lang.place_prefixes) && name_a + 1 < z;
        // ("Ms. May": after an honorific a month or a function word is a name)
        if doc.is_stop(tk)
            && !name_start
            && !(after_honorific && tk.cap)
            && (initial || name_a < z)
            && !(tk.lower.len() <= 3 && tk.end - tk.start >= 2 && is_acronym(w))
        {
            if role.is_empty() {
                a = name_a + 1;
            }
            name_a += 1;
            continue;
        }
        if initial
            && z - name_a == 1
            && (doc.seen_lowercase(&tk.lower)
                || (tk.lower.ends_with("ly") && toks.get(z).is_some_and(|t| t.is_punct(","))))
        {
            // "Basically, don't expect …": a sentence adverb
            return None;
        }
        break;
    }
    // trailing connectors
    let mut name_z = z;
    while name_z > name_a
        && toks[name_z - 1].is_word()
        && lang.name_connectors.contains(&toks[name_z - 1].lower.as_str())
    {
        name_z -= 1;
    }
    if name_z <= name_a {
        return None;
    }
    // a single capitalised word that the article also writes in lower case, after a colon or
    // at a sentence start, is a common word
    // ("Prosecutors say …": a noun the lexicon knows as a speaker, capitalised by position)
    if name_z - name_a == 1
        && (name_a == sent_start)
        && (doc.seen_lowercase(&toks[name_a].lower) || toks[name_a].nominal.is_some())
    {
        return None;
    }
    if a > name_a {
        a = name_a;
    }
    // "Tunisian Prime Minister Habib Essid", "Snopes fact-checker David Emery": the words
    // before a title, or before a known given name, are a role
    if name_z - name_a >= 3 {
        let last_title = (name_a..name_z - 1).rev().find(|&k| title_of(lang, bd.tok_text(k)).is_some());
        let given = (name_a + 1..name_z - 1).find(|&k| lang.firstnames.contains_key(bd.tok_text(k)));
        let split = match (last_title, given) {
            (Some(t), _) if name_z - (t + 1) >= 1 && name_z - (t + 1) <= 3 => Some(t + 1),
            // before a given name, an organisation's name or a role noun is a role ("Snopes
            // Fact-Checker David Emery"); other capitalised words are part of the name ("Te
            // Kaurinui Robert Parata")
            (_, Some(g))
                if name_z - g <= 3
                    && (lang.capitalised_nouns
                        || (name_a..g).any(|k| {
                            lang.orgwords.contains(bd.tok_text(k))
                                || is_acronym(bd.tok_text(k))
                                || bd.tok_text(k).contains('-')
                                || toks[k].nominal.is_some()
                        })) =>
            {
                Some(g)
            }
            _ => None,
        };
        if let Some(k) = split {
            // an organisation's own name is not split ("Department of Homeland Security"), but a
            // person after an organisation's title is ("Facebook CEO Mark Zuckerberg")
            let org_in_name = (k..name_z).any(|j| lang.orgwords.contains(bd.tok_text(j)));
            let org_in_role = (name_a..k).any(|j| lang.orgwords.contains(bd.tok_text(j)));
            let person_after = name_z - k >= 2 || lang.firstnames.contains_key(bd.tok_text(k));
            if !org_in_name && (!org_in_role || person_after) {
                role.clear();
                for j in name_a..k {
                    role.push(bd.tok_text(j));
                }
                if let Some(g) = (name_a..k).rev().find_map(|j| title_of(lang, bd.tok_text(j)).copied().flatten()) {
                    gender = Some(g);
                }
                name_a = k;
            }
        }
    }
    let role = if role.is_empty() { None } else { Some(role.join(" ")) };
    Some(NameRun { a, z: name_z, name_a, name_z, role, gender })
}

/// The role a name mention is given, as lower-case words: its title ("Prime Minister Justin
/// Trudeau"), the lower-case role words right before it ending in a person noun ("WHL
/// commissioner Ron Robison", "Oilers head coach Ken Hitchcock"), and an appositive after it
/// that holds a person noun ("Doug McCallum, the mayor of Surrey,"). `end` ends the sentence.
pub fn role_words(doc: &Doc, b: usize, r: &NameRun, end: usize) -> Vec<String> {
    let toks = &doc.blocks[b].toks;
    let mut words: Vec<String> = Vec::new();
    if let Some(role) = &r.role {
        words.extend(role.split_whitespace().map(|w| w.to_lowercase()));
    }
    // before: "... commissioner Ron Robison": the word before the name is a person noun
    // a role noun: a person noun ("mayor") or a title written in lower case ("commissioner")
    let role_noun = |t: &crate::doc::Tok| {
        t.nominal == Some(crate::lexicon::Nominal::Person) || (!t.cap && doc.lang.titles.contains_key(t.lower.as_str()))
    };
    if r.a > 0 && !toks[r.a - 1].cap && role_noun(&toks[r.a - 1]) {
        let mut k = r.a;
        while k > 0
            && r.a - k < MAX_ROLE_TOKENS
            && toks[k - 1].is_word()
            && toks[k - 1].quote.is_none()
            && !toks[k - 1].is_det()
            && !toks[k - 1].is_possessive()
            && toks[k - 1].cue == crate::lexicon::NO_CUE
            && !doc.is_stop(&toks[k - 1])
            && !doc.is_aux(&toks[k - 1])
        {
            k -= 1;
        }
        words.extend(toks[k..r.a].iter().map(|t| t.lower.to_string()));
    }
    // after: "Doug McCallum, the mayor of Surrey,"
    if r.z + 2 < end && toks[r.z].is_punct(",") && toks[r.z + 1].is_det() && !toks[r.z + 1].is_possessive() {
        let mut k = r.z + 2;
        let mut person = false;
        while k < end && k - r.z <= MAX_ROLE_TOKENS && toks[k].is_word() && toks[k].cue == crate::lexicon::NO_CUE {
            person |= role_noun(&toks[k]);
            k += 1;
        }
        if person && (k == end || toks[k].is_punct(",")) {
            words.extend(toks[r.z + 2..k].iter().map(|t| t.lower.to_string()));
        }
    }
    words
}

fn is_after_opening(doc: &Doc, b: usize, i: usize) -> bool {
    let toks = &doc.blocks[b].toks;
    i > 0 && (toks[i - 1].is_punct(":") || toks[i - 1].is_punct("(") || toks[i - 1].is_punct("—"))
}

/// Name words of a run, possessive stripped.
pub fn run_words(doc: &Doc, b: usize, r: &NameRun) -> Vec<String> {
    let bd = &doc.blocks[b];
    (r.name_a..r.name_z)
        .map(|k| {
            let w = bd.tok_text(k);
            w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w).replace('\u{00AD}', "")
        })
        .collect()
}

pub fn classify(
    doc: &Doc,
    words: &[String],
    role: &Option<String>,
    gender: Option<Gender>,
) -> (SpeakerKind, OrgType, Option<Gender>) {
    let lang = doc.lang;
    let mut org_type = OrgType::Unknown;
    let mut is_org = false;
    for w in words {
        if lang.orgwords.contains(w.as_str()) {
            is_org = true;
            org_type = lang.org_name_types.get(w.as_str()).copied().unwrap_or(org_type);
        }
    }
    if !is_org && words.len() == 1 && is_acronym(&words[0]) && !lang.titles.contains_key(words[0].as_str()) {
        is_org = true;
    }
    // "South Sudan", "New Zealand", "San Francisco": a place, which speaks as an organisation
    // does ("South Korea said …") and is never a person whose surname is its last word
    if !is_org && words.len() > 1 && lang.place_starts.contains(&words[0].to_lowercase().as_str()) {
        is_org = true;
    }
    // "Douglas County", "Harbour Hills": a place, which speaks only as its government does
    if !is_org && words.len() > 1 && words.last().is_some_and(|w| lang.place_nouns.contains(&w.as_str())) {
        return (SpeakerKind::Organisation, OrgType::Government, None);
    }
    if is_org {
        return (SpeakerKind::Organisation, org_type, None);
    }
    let first_gender = words.first().and_then(|w| lang.firstnames.get(w.as_str()).copied());
    let g = gender.or(first_gender);
    if role.is_some() || first_gender.is_some() || gender.is_some() {
        return (SpeakerKind::Person, OrgType::Unknown, g);
    }
    if (2..=4).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) && !is_acronym(w))
    {
        return (SpeakerKind::Person, OrgType::Unknown, g);
    }
    (SpeakerKind::Unknown, OrgType::Unknown, g)
}

impl Entities {
    /// Builds the table from every proper name outside quotes and headlines.
    pub fn build(doc: &Doc) -> Entities {
        let mut e = Entities::default();
        let mut key_buf = String::new();
        for (b, bd) in doc.blocks.iter().enumerate() {
            if bd.headline_like {
                continue;
            }
            for &(s, end) in &bd.sents {
                if is_credit(doc, b, s, end) {
                    continue;
                }
                let subject_pronoun = subject_pronoun(doc, b, s, end);
                let mut i = s;
                // the end of the sentence's last name mention that is not a possessor
                let mut prev_end = s;
                while i < end {
                    let t = &bd.toks[i];
                    if t.quote.is_some() || !t.is_word() || !t.cap {
                        i += 1;
                        continue;
                    }
                    match name_run(doc, b, i, s) {
                        Some(r) => {
                            let r = e.without_sentence_opener(doc, b, r, s);
                            let span = Span::new(b, bd.toks[r.name_a].start, bd.toks[r.name_z - 1].end);
                            // fast path: a name used again exactly as before
                            key_buf.clear();
                            for k in r.name_a..r.name_z {
                                if k > r.name_a {
                                    key_buf.push(' ');
                                }
                                let l = &bd.toks[k].lower;
                                key_buf.push_str(l.strip_suffix("'s").or_else(|| l.strip_suffix("’s")).unwrap_or(l));
                            }
                            let id = match e.by_key.get(&crate::fxhash::fx(&key_buf)).copied() {
                                Some(id) if r.role.is_none() => {
                                    let id = e.resolve_forward(id);
                                    // a surname two people share: the one named nearest before
                                    let id = match r.name_z - r.name_a {
                                        1 => e.surname_bearer(&run_words(doc, b, &r)[0]).unwrap_or(id),
                                        _ => id,
                                    };
                                    // (each use by the first word counts; a surname's first use suffices)
                                    if r.name_z - r.name_a == 1 && e.list[id].words.len() > 1 {
                                        let w = run_words(doc, b, &r);
                                        let ent = &mut e.list[id];
                                        if ent.words.first() == w.first() && ent.words.last() != w.first() {
                                            ent.first_refs += 1;
                                        }
                                    }
                                    e.list[id].mentions.push(span);
                                    e.names.push(NameMention::new(span, id));
                                    id
                                }
                                _ => {
                                    let words = run_words(doc, b, &r);
                                    // "the Oilers said", not "the Closs home" (a surname as modifier)
                                    let definite = r.name_a > 0
                                        && bd.toks[r.name_a - 1].is_in(&doc.lang.definite)
                                        && bd.toks.get(r.name_z).is_none_or(|t| {
                                            !t.is_word() || t.cap || t.cue != NO_CUE || doc.is_aux(t) || doc.is_stop(t)
                                        });
                                    e.link_after(doc, words, r.role.clone(), r.gender, span, definite)
                                }
                            };
                            if after_locative(doc, b, &r, s) {
                                e.list[id].place_refs += 1;
                            }
                            let sal = salience(doc, b, &r, s, prev_end);
                            // a full name as its sentence's subject takes over a shared surname ("with
                            // her husband Tom Lee" does not; a caption is an aside)
                            if r.name_z - r.name_a > 1
                                && sal == SALIENCE_SUBJECT
                                && bd.kind != crate::api::BlockKind::Caption
                            {
                                e.list[id].last_full = Some((b, span.start));
                            }
                            if let Some(m) = e.names.last_mut() {
                                m.sent = s;
                                m.salience = sal;
                                m.subject_pronoun = subject_pronoun;
                            }
                            // (a capitalised word of unknown kind, "Given the cold, …", may be no name)
                            if sal != SALIENCE_POSSESSIVE && e.list[id].kind != SpeakerKind::Unknown {
                                prev_end = r.z;
                            }
                            let words = role_words(doc, b, &r, end);
                            if !words.is_empty() {
                                e.roles.push(RoleMention { span, entity: id, words });
                            }
                            // "Kaspersky Lab cybersecurity firm", "the DHS agency": a nominal right
                            // after the name types it
                            let mut k = r.z;
                            // ("Donald Trump's campaign" does not make Trump an organisation)
                            let possessive = bd.toks[r.name_z - 1].lower.ends_with("'s")
                                || bd.toks[r.name_z - 1].lower.ends_with("’s");
                            // ("the Ford government", "the Trudeau cabinet": a person known by
                            // gender or role stays a person; the body is theirs)
                            let person = {
                                let ent = &e.list[id];
                                ent.kind == SpeakerKind::Person && (ent.gender.is_some() || ent.role.is_some())
                            };
                            while !possessive
                                && !person
                                && k < end
                                && k < r.z + 3
                                && bd.toks[k].is_word()
                                && !bd.toks[k].cap
                                && bd.toks[k].cue == 0
                                && !bd.toks[k].is_det()
                                && !doc.is_stop(&bd.toks[k])
                                && !bd.toks[k].is_possessive()
                            {
                                if let Some(crate::lexicon::Nominal::Org) = doc.nominal(&bd.toks[k]) {
                                    let ent = &mut e.list[id];
                                    ent.kind = SpeakerKind::Organisation;
                                    if ent.org_type == OrgType::Unknown {
                                        ent.org_type = org_type_of_noun(doc.lang, &bd.toks[k].lower);
                                    }
                                    break;
                                }
                                k += 1;
                            }
                            // "National Rifle Association (NRA)": the acronym names the same entity;
                            // "Olena Kovalenko (Олена Коваленко)": so does the name in another script
                            let mut next_i = r.z.max(i + 1);
                            if r.z + 2 < end && bd.toks[r.z].is_punct("(") {
                                if bd.toks[r.z + 2].is_punct(")") && is_acronym(bd.tok_text(r.z + 1)) {
                                    let w = bd.tok_text(r.z + 1);
                                    let sp = Span::new(b, bd.toks[r.z + 1].start, bd.toks[r.z + 1].end);
                                    e.list[id].mentions.push(sp);
                                    e.names.push(NameMention::new(sp, id));
                                    e.alias(id, w);
                                    next_i = r.z + 3;
                                } else if let Some(r2) = name_run(doc, b, r.z + 1, s)
                                    .filter(|r2| r2.z < end && bd.toks[r2.z].is_punct(")") && r2.role.is_none())
                                {
                                    let other = run_words(doc, b, &r2);
                                    let known = e.by_key.get(&key_of(&other)).copied();
                                    if known.is_none() && r2.name_z - r2.name_a == r.name_z - r.name_a {
                                        let sp = Span::new(b, bd.toks[r2.name_a].start, bd.toks[r2.name_z - 1].end);
                                        e.list[id].mentions.push(sp);
                                        e.names.push(NameMention::new(sp, id));
                                        e.by_key.insert(key_of(&other), id);
                                        next_i = r2.z + 1;
                                    }
                                }
                            }
                            i = next_i;
                        }
                        None => i += 1,
                    }
                }
            }
        }
        e.demote_first_word_names(doc);
        e.demote_places(doc);
        e.learn_gender(doc);
        e
    }

    /// Counts a one-word mention of entity `id`'s longer name: by its last word (a surname) or
    /// by its first. A last word after a definite article ("the Oilers" for "Edmonton Oilers") is
    /// a team's or a body's short name, never a surname.
    fn count_short_ref(&mut self, words: &[String], id: usize, definite: bool) {
        let ent = &mut self.list[id];
        if words.len() == 1 && ent.words.len() > 1 {
            if ent.words.last() == words.first() {
                if definite {
                    ent.definite_refs += 1;
                } else {
                    ent.short_refs += 1;
                }
            } else if ent.words.first() == words.first() {
                ent.first_refs += 1;
            }
        }
    }

    /// A multi-word name taken for a person only because it is capitalised words, which the
    /// article calls by its first word (twice or more) or by its last after a definite article
    /// ("Riverton" or "the Hawks" for "Riverton Hawks") and never by its last alone, names a
    /// team, a firm or a body, not a person.
    fn demote_first_word_names(&mut self, doc: &Doc) {
        for e in &mut self.list {
            let given = e.has_given_name(doc.lang);
            if e.kind == SpeakerKind::Person
                && (e.first_refs >= MIN_FIRST_WORD_REFS || e.definite_refs > 0)
                && e.short_refs == 0
                && e.gender.is_none()
                && e.role.is_none()
                && !given
            {
                e.kind = SpeakerKind::Organisation;
            }
        }
    }

    /// A name the article puts after a preposition of place ("in Park Hills", "in thickly
    /// forested Douglas County") and shows no sign of a person (a given name, gender, role, a
    /// surname used alone) names a place: it speaks only as its government does ("Ottawa said"),
    /// and is never a person nor a he / she.
    fn demote_places(&mut self, doc: &Doc) {
        for e in &mut self.list {
            let given = e.has_given_name(doc.lang);
            let no_person = e.gender.is_none() && e.role.is_none() && e.short_refs == 0 && !given;
            let place_noun =
                e.words.len() > 1 && e.words.last().is_some_and(|w| doc.lang.place_nouns.contains(&w.as_str()));
            if place_noun
                || (e.place_refs > 0 && no_person && matches!(e.kind, SpeakerKind::Person | SpeakerKind::Unknown))
            {
                e.kind = SpeakerKind::Organisation;
                e.org_type = OrgType::Government;
                e.place = true;
            }
        }
    }

    /// Gender from the article itself: the subject of a sentence and the first he / she after
    /// it in that sentence, with no other person named between, are one person ("Lee Park said
    /// she …", "Robin, a nurse, was at home when she heard …"). What the article says of a
    /// person outweighs a given name's usual gender; evidence both ways leaves the gender as it was.
    /// A name the article calls he or she is a person's.
    fn learn_gender(&mut self, doc: &Doc) {
        let lang = doc.lang;
        let mut votes: crate::fxhash::FxHashMap<usize, (u32, u32)> = Default::default();
        for (mi, m) in self.names.iter().enumerate() {
            if m.salience != SALIENCE_SUBJECT || m.sent == usize::MAX {
                continue;
            }
            let id = self.resolve_forward(m.entity);
            let bd = &doc.blocks[m.span.block];
            let (_, end) = bd.sentence_of(m.sent);
            let from = bd.tok_at(m.span.end);
            // (a name that ends its sentence: nothing after it to learn from)
            if from >= end {
                continue;
            }
            // a capitalised word of unknown kind is a name only with an appositive that describes
            // it ("Yuni, a resident of …"); else it may open the sentence ("Despite the …")
            let described = bd.toks.get(from).is_some_and(|t| t.is_punct(","))
                && bd.toks.get(from + 1).is_some_and(|t| t.is_det() && t.is_word());
            match self.list[id].kind {
                SpeakerKind::Person => {}
                SpeakerKind::Unknown if described => {}
                _ => continue,
            }
            // an appositive describes the subject itself ("Lee Park, a nurse, said she …")
            let apposition_end = match bd.toks.get(from) {
                Some(t) if t.is_punct(",") && from < end => bd.toks[from + 1..end]
                    .iter()
                    .take(MAX_ROLE_TOKENS * 2)
                    .position(|t| t.is_punct(","))
                    .map_or(from, |k| from + 1 + k),
                _ => from,
            };
            // the next person named in the sentence (after the appositive) ends the search
            let after = bd.toks.get(apposition_end).map_or(usize::MAX, |t| t.start);
            let next = self.names[mi + 1..]
                .iter()
                .take_while(|n| n.span.block == m.span.block && n.sent == m.sent)
                .find(|n| {
                    n.span.start > after && self.list[self.resolve_forward(n.entity)].kind != SpeakerKind::Organisation
                })
                .map_or(usize::MAX, |n| n.span.start);
            for (k, t) in bd.toks[from..end].iter().enumerate() {
                let person_noun = from + k > apposition_end && t.nominal == Some(crate::lexicon::Nominal::Person);
                if t.start >= next || person_noun {
                    break;
                }
                if t.quote.is_some() || !t.is_word() {
                    continue;
                }
                let v = votes.entry(id).or_default();
                match pronoun_gender(lang, t) {
                    Some(Gender::Male) => v.0 += 1,
                    Some(_) => v.1 += 1,
                    None => continue,
                }
                break;
            }
        }
        for (id, (male, female)) in votes {
            let g = match (male, female) {
                (m, 0) if m > 0 => Gender::Male,
                (0, f) if f > 0 => Gender::Female,
                _ => continue,
            };
            // …and one the article calls he or she is a person
            let e = &mut self.list[id];
            if e.kind == SpeakerKind::Unknown {
                e.kind = SpeakerKind::Person;
            }
            e.gender = Some(g);
        }
    }

    /// "Knowing Bardos", "Finally Demi": a capitalised word opening the sentence before a name the
    /// article already uses, which the article also writes in lower case, is no part of it.
    fn without_sentence_opener(&self, doc: &Doc, b: usize, mut r: NameRun, s: usize) -> NameRun {
        if r.name_a != s || r.name_z - r.name_a < 2 || r.role.is_some() {
            return r;
        }
        let words = run_words(doc, b, &r);
        // only a word the article also writes in lower case ("knowing", "finally") is a common
        // word, never a place's first word ("South Korea")
        let first = words[0].to_lowercase();
        if doc.lang.firstnames.contains_key(words[0].as_str())
            || !doc.seen_lowercase(&first)
            || doc.lang.place_starts.contains(&first.as_str())
        {
            return r;
        }
        let fx = crate::fxhash::fx;
        // ("Kaspersky Lab …" again: the whole run is the name the article uses)
        if self.by_key.contains_key(&key_of(&words)) || self.by_word.contains_key(&(b'f', fx(&words[0]))) {
            return r;
        }
        let rest = &words[1..];
        let known = self.by_key.contains_key(&key_of(rest))
            || (rest.len() == 1
                && (self.by_word.contains_key(&(b'l', fx(&rest[0])))
                    || self.by_word.contains_key(&(b's', fx(&rest[0])))));
        if known {
            r.name_a += 1;
            r.a = r.a.max(r.name_a);
        }
        r
    }

    /// Files `acronym` ("NRA" after "National Rifle Association") as another name of entity
    /// `id`: an alias entity (never output, `named: false`) that forwards to it.
    fn alias(&mut self, id: usize, acronym: &str) {
        if self.list[id].acronym() == acronym {
            return; // already found through the acronym index
        }
        let e = Entity::new(
            vec![acronym.to_string()],
            SpeakerKind::Organisation,
            self.list[id].org_type,
            None,
            None,
            Vec::new(),
            false,
        );
        let alias_id = self.list.len();
        self.by_key.insert(e.key, alias_id);
        self.list.push(e);
        self.index(alias_id);
        self.forward.push((alias_id, id));
    }

    /// Adds a name mention to entity `id`, filling in gender and role when still unknown.
    fn record(&mut self, id: usize, gender: Option<Gender>, role: Option<String>, span: Span) {
        let ent = &mut self.list[id];
        if ent.gender.is_none() {
            ent.gender = gender;
        }
        if ent.role.is_none() {
            ent.role = role;
        }
        ent.mentions.push(span);
        self.names.push(NameMention::new(span, id));
    }

    /// Links a proper-name mention to an existing entity or makes a new one.
    pub fn link(
        &mut self,
        doc: &Doc,
        words: Vec<String>,
        role: Option<String>,
        gender: Option<Gender>,
        span: Span,
    ) -> usize {
        self.link_after(doc, words, role, gender, span, false)
    }

    /// `link`, for a mention right after a definite article (`definite`: "the Oilers").
    fn link_after(
        &mut self,
        doc: &Doc,
        words: Vec<String>,
        role: Option<String>,
        gender: Option<Gender>,
        span: Span,
        definite: bool,
    ) -> usize {
        let key = key_of(&words);
        // a surname two people share: the one named nearest before
        if let Some(id) = words.first().filter(|_| words.len() == 1).and_then(|w| self.surname_bearer(w)) {
            self.count_short_ref(&words, id, definite);
            self.record(id, gender, role, span);
            return id;
        }
        if let Some(&id) = self.by_key.get(&key) {
            let id = self.resolve_forward(id);
            self.count_short_ref(&words, id, definite);
            self.record(id, gender, role, span);
            return id;
        }
        let (kind, org_type, gender) = classify(doc, &words, &role, gender);
        let id = match self.find(&words, kind) {
            Some(id) => id,
            None => {
                // a new entity: nothing to upgrade
                self.list.push(Entity::new(words, kind, org_type, gender, None, Vec::new(), true));
                let id = self.list.len() - 1;
                self.index(id);
                self.record(id, None, role, span);
                self.by_key.insert(key, id);
                return id;
            }
        };
        let id = self.resolve_forward(id);
        let mut upgraded = false;
        self.count_short_ref(&words, id, definite);
        let ent = &mut self.list[id];
        // the most complete name wins; the earliest on ties
        if words.len() > ent.words.len()
            && !(ent.kind == SpeakerKind::Organisation
                && kind != SpeakerKind::Organisation
                && !is_acronym(&ent.words[0])
                && ent.words.len() > 1)
        {
            ent.set_words(words);
            if ent.kind == SpeakerKind::Unknown {
                ent.kind = kind;
            }
            if ent.org_type == OrgType::Unknown {
                ent.org_type = org_type;
            }
            upgraded = true;
        }
        if ent.kind == SpeakerKind::Unknown && kind != SpeakerKind::Unknown {
            ent.kind = kind;
        }
        self.record(id, gender, role, span);
        self.by_key.insert(key, id);
        if upgraded {
            self.index(id);
        }
        id
    }

    fn resolve_forward(&self, id: usize) -> usize {
        self.forward.iter().find(|(a, _)| *a == id).map(|&(_, b)| b).unwrap_or(id)
    }

    /// Records entity `id` under its words and acronym suffixes, for `find`.
    fn index(&mut self, id: usize) {
        let fx = crate::fxhash::fx;
        let e = &self.list[id];
        let mut keys: [(u8, u64); 12] = [(0, 0); 12];
        let mut n = 0;
        if e.words.len() > 1 {
            keys[0] = (b'l', fx(&e.words[e.words.len() - 1]));
            keys[1] = (b'f', fx(&e.words[0]));
            n = 2;
            let a = e.acronym();
            for k in 0..a.len().saturating_sub(1) {
                if a.is_char_boundary(k) && n < keys.len() {
                    keys[n] = (b'a', fx(&a[k..]));
                    n += 1;
                }
            }
        } else if let Some(w) = e.words.first() {
            keys[0] = (b's', fx(w));
            n = 1;
            if is_acronym(w) {
                keys[1] = (b'A', fx(&w.replace('.', "")));
                n = 2;
            }
        }
        for &k in &keys[..n] {
            self.by_word.entry(k).or_default().push(id);
        }
    }

    /// The most recent entity filed under `key` that satisfies `pred`.
    fn latest(&self, tag: u8, key: &str, pred: impl Fn(&Entity) -> bool) -> Option<usize> {
        let v = self.by_word.get(&(tag, crate::fxhash::fx(key)))?;
        v.iter().rev().take(FIND_CANDIDATES).copied().filter(|&i| pred(&self.list[i])).max()
    }

    /// When two or more people named in full share the surname `word`, the one the article last
    /// named in full as a sentence's subject; None otherwise (or when neither was).
    fn surname_bearer(&self, word: &str) -> Option<usize> {
        let bearers = || {
            self.by_word.get(&(b'l', crate::fxhash::fx(word))).into_iter().flatten().rev().take(FIND_CANDIDATES).filter(
                |&&i| {
                    let e = &self.list[i];
                    e.named
                        && e.kind == SpeakerKind::Person
                        && e.words.len() > 1
                        && e.words.last().is_some_and(|w| w == word)
                },
            )
        };
        if bearers().count() < 2 {
            return None;
        }
        bearers().copied().filter(|&i| self.list[i].last_full.is_some()).max_by_key(|&i| (self.list[i].last_full, i))
    }

    fn find(&self, words: &[String], kind: SpeakerKind) -> Option<usize> {
        // acronym ↔ full name
        if words.len() == 1 && is_acronym(&words[0]) {
            let a = words[0].replace('.', "");
            if let Some(i) = self.latest(b'a', &a, |e| e.kind != SpeakerKind::Person && e.words.len() > 1) {
                return Some(i);
            }
        }
        if words.len() > 1 {
            let a = acronym_of(words);
            let mut best = None;
            for k in 0..a.len().saturating_sub(1) {
                if a.is_char_boundary(k) {
                    best = best.max(self.latest(b'A', &a[k..], |e| e.words.len() == 1));
                }
            }
            if best.is_some() {
                return best;
            }
        }
        if words.len() == 1 {
            let w = &words[0];
            // surname or short form of an earlier full name
            if let Some(i) =
                self.latest(b'l', w, |e| e.named && e.kind != SpeakerKind::Organisation && e.words.last() == Some(w))
            {
                return Some(i);
            }
            if let Some(i) =
                self.latest(b'f', w, |e| e.named && e.kind == SpeakerKind::Organisation && e.words.first() == Some(w))
            {
                return Some(i);
            }
            if let Some(i) =
                self.latest(b'f', w, |e| e.named && e.kind == SpeakerKind::Person && e.words.first() == Some(w))
            {
                return Some(i);
            }
        } else if kind != SpeakerKind::Organisation {
            // a full name after its surname was used alone
            let last = words.last()?;
            if let Some(i) = self.latest(b's', last, |e| {
                e.named && e.words.len() == 1 && &e.words[0] == last && e.kind != SpeakerKind::Organisation
            }) {
                return Some(i);
            }
            // "Hillary Rodham Clinton" after "Hillary Clinton"
            if let Some(i) = self.latest(b'l', last, |e| {
                e.named
                    && e.kind == SpeakerKind::Person
                    && e.words.last() == Some(last)
                    && e.words.first() == words.first()
            }) {
                return Some(i);
            }
        }
        None
    }

    /// The entity of the name mention covering `span`, if the table has one.
    pub fn at(&self, span: Span) -> Option<usize> {
        let i = self.names.partition_point(|m| (m.span.block, m.span.start) < (span.block, span.start));
        for m in &self.names[i..] {
            if m.span.block != span.block || m.span.start >= span.end {
                break;
            }
            if m.span.start >= span.start && m.span.end <= span.end {
                return Some(self.resolve_forward(m.entity));
            }
        }
        None
    }

    /// The entity of the name mention that ends at byte `end` of `block`, if any.
    pub fn ending_at(&self, block: usize, end: usize) -> Option<usize> {
        let i = self.names.partition_point(|m| (m.span.block, m.span.start) < (block, end));
        self.names[..i]
            .iter()
            .rev()
            .take_while(|m| m.span.block == block)
            .take(4)
            .find(|m| m.span.end == end)
            .map(|m| self.resolve_forward(m.entity))
    }

    /// Name mentions strictly before (block, pos), nearest first, within the window.
    pub fn before(&self, block: usize, pos: usize) -> impl Iterator<Item = &NameMention> {
        let i = self.names.partition_point(|m| (m.span.block, m.span.start) < (block, pos));
        self.names[..i]
            .iter()
            .rev()
            .take(ANTECEDENT_MAX_MENTIONS)
            .take_while(move |m| m.span.block + ANTECEDENT_WINDOW_BLOCKS >= block)
    }

    /// he / she: a person before the position whose gender does not conflict. The nearest
    /// sentence with one decides; within it the subject is preferred ("Mary Voss agreed with
    /// Ann Lee's plan. “…,” she said": Voss), then the speaker in focus (`prefer`), then the
    /// nearest mention that is not a possessor.
    pub fn resolve_person(
        &self,
        block: usize,
        pos: usize,
        gender: Option<Gender>,
        prefer: Option<usize>,
    ) -> Option<usize> {
        // A multi-word name with no sign of a person (no given name, title, role, or later
        // reference by one word) may be a place or a firm ("Kinder Morgan", "Douglas County"):
        // such a name is an antecedent only when no better one is in the window.
        let evident = |e: &Entity| {
            e.kind == SpeakerKind::Person
                && (e.words.len() == 1 || e.gender.is_some() || e.role.is_some() || e.short_refs > 0)
        };
        let agrees = |e: &Entity| gender.is_none() || e.gender.is_none() || e.gender == gender;
        let focus = prefer.filter(|&p| self.list[p].kind == SpeakerKind::Person && agrees(&self.list[p]));
        // Some(evident) for a possible antecedent
        let candidate = |e: &Entity| {
            let unknown = matches!(e.kind, SpeakerKind::Unknown | SpeakerKind::Anonymous);
            let possible = e.kind != SpeakerKind::Organisation
                && !(e.kind == SpeakerKind::Unknown && e.words.len() > 1)
                && agrees(e);
            // a one-word name of unknown kind and gender ("Klisch said …") only when nobody
            // known to be a person is in the window
            possible.then(|| evident(e) && !(unknown && e.gender.is_none()))
        };
        let mut fallback = None;
        // the sentence of the nearest strong antecedent, and the best one in it (rank, entity)
        let mut sentence = None;
        let mut best: Option<(u8, usize)> = None;
        for m in self.before(block, pos) {
            if let Some(key) = sentence {
                if (m.span.block, m.sent) != key {
                    break;
                }
            }
            let id = self.resolve_forward(m.entity);
            let e = &self.list[id];
            // "Still, he denied Lee's request. “…,” he said": that sentence's he goes on speaking,
            // not the person it names in passing
            if gender.is_some() && m.subject_pronoun == gender && m.salience != SALIENCE_SUBJECT && m.sent != usize::MAX
            {
                continue;
            }
            let strong = Some(id) == focus || candidate(e) == Some(true);
            if !strong {
                // the weak antecedents of the nearest sentence with one, the subject first
                if candidate(e) == Some(false) {
                    let key = (m.span.block, m.sent);
                    match fallback {
                        None => fallback = Some((key, m.salience, id)),
                        Some((k, r, _)) if k == key && m.sent != usize::MAX && m.salience > r => {
                            fallback = Some((key, m.salience, id))
                        }
                        _ => {}
                    }
                }
                continue;
            }
            let rank = match m.salience {
                SALIENCE_SUBJECT => 3,
                _ if Some(id) == focus => 2,
                s => s,
            };
            if best.is_none_or(|(r, _)| rank > r) {
                best = Some((rank, id));
            }
            if m.sent == usize::MAX {
                break;
            }
            sentence = Some((m.span.block, m.sent));
        }
        best.map(|(_, id)| id).or(fallback.map(|(_, _, id)| id))
    }

    /// they: the subject of its own or the previous sentence when that subject is a group, an
    /// organisation or a plural name ("The Conservatives believe …; they say …").
    pub fn resolve_group_subject(&self, block: usize, pos: usize) -> Option<usize> {
        let mut sentences = 0;
        let mut last = None;
        for m in self.before(block, pos) {
            let key = (m.span.block, m.sent);
            if last != Some(key) {
                sentences += 1;
                last = Some(key);
                if sentences > 2 || m.sent == usize::MAX {
                    return None;
                }
            }
            if m.salience != SALIENCE_SUBJECT {
                continue;
            }
            let id = self.resolve_forward(m.entity);
            let e = &self.list[id];
            let plural = e.words.len() == 1 && e.words[0].ends_with('s') && e.kind != SpeakerKind::Person;
            return (!e.place && (e.kind == SpeakerKind::Organisation || plural)).then_some(id);
        }
        None
    }

    /// "the mayor", "the finance minister", "the president of the council": the person the article
    /// last named with that role. `head` is the role noun, `mods` the phrase's other content
    /// words (lower case); every one of them must be among the role's words, so "the finance
    /// minister" never picks the "Environment Minister".
    pub fn resolve_role(&self, block: usize, pos: usize, head: &str, mods: &[&str], ranks: &[&str]) -> Option<usize> {
        let fits = |m: &RoleMention| {
            let has = |w: &str| m.words.iter().any(|x| x == w);
            let id = self.resolve_forward(m.entity);
            let same_rank = ranks.iter().all(|r| has(r) == mods.contains(r));
            (self.list[id].kind != SpeakerKind::Organisation && has(head) && same_rank && mods.iter().all(|w| has(w)))
                .then_some(id)
        };
        let i = self.roles.partition_point(|m| (m.span.block, m.span.start) < (block, pos));
        // the nearest earlier mention; else the article names the person later ("the WHL
        // commissioner said …" before "WHL commissioner Ron Robison said"): the nearest after
        self.roles[..i]
            .iter()
            .rev()
            .take(ANTECEDENT_MAX_MENTIONS)
            .find_map(fits)
            .or_else(|| self.roles[i..].iter().take(ANTECEDENT_MAX_MENTIONS).find_map(fits))
    }

    /// the company / it / they: the organisation in focus. `want` narrows by type.
    pub fn resolve_org(&self, block: usize, pos: usize, want: OrgType) -> Option<usize> {
        let mut fallback = None;
        for m in self.before(block, pos) {
            let id = self.resolve_forward(m.entity);
            let e = &self.list[id];
            if e.kind != SpeakerKind::Organisation || e.place {
                continue;
            }
            if want == OrgType::Unknown || e.org_type == want {
                return Some(id);
            }
            // a company can also be typed as a media house, and the reverse; governments are
            // never "the company"
            let compatible = e.org_type == OrgType::Unknown
                || matches!(
                    (want, e.org_type),
                    (OrgType::Company, OrgType::Media) | (OrgType::Media, OrgType::Company)
                );
            if fallback.is_none() && compatible {
                fallback = Some(id);
            }
        }
        // a standfirst may say "the company" before the story names it: the next organisation
        fallback.or_else(|| {
            let i = self.names.partition_point(|m| (m.span.block, m.span.start) < (block, pos));
            self.names[i..]
                .iter()
                .take_while(|m| m.span.block <= block + 2)
                .map(|m| self.resolve_forward(m.entity))
                .find(|&id| {
                    self.list[id].kind == SpeakerKind::Organisation
                        && !self.list[id].place
                        && (want == OrgType::Unknown
                            || self.list[id].org_type == want
                            || self.list[id].org_type == OrgType::Unknown)
                })
        })
    }

    /// "the railway", "the union": the nearest organisation before the position whose name holds
    /// the noun as a word ("Canadian Pacific Railway", "International Union of …").
    pub fn resolve_org_by_noun(&self, block: usize, pos: usize, noun: &str) -> Option<usize> {
        self.before(block, pos).map(|m| self.resolve_forward(m.entity)).find(|&id| {
            let e = &self.list[id];
            e.kind == SpeakerKind::Organisation && !e.place && e.words.iter().any(|w| w.eq_ignore_ascii_case(noun))
        })
    }

    /// A speaker described but not named ("a spokeswoman", "officials").
    pub fn described(&mut self, words: String, span: Span) -> usize {
        let key = key_of(std::slice::from_ref(&words));
        if let Some(i) =
            self.list.iter().position(|e| !e.named && e.key() == key && e.kind != SpeakerKind::Organisation)
        {
            self.list[i].mentions.push(span);
            return i;
        }
        // "sources said" after "sources familiar with the talks": the bare noun refers back to
        // the source the article described in full
        if !words.contains(' ') {
            let lower = words.to_lowercase();
            if let Some(i) = self.list.iter().rposition(|e| {
                !e.named
                    && e.kind == SpeakerKind::Anonymous
                    && e.words.len() == 1
                    && e.words[0].to_lowercase().strip_prefix(&lower).is_some_and(|rest| rest.starts_with(' '))
            }) {
                self.list[i].mentions.push(span);
                return i;
            }
        }
        self.list.push(Entity::new(vec![words], SpeakerKind::Unknown, OrgType::Unknown, None, None, vec![span], false));
        self.list.len() - 1
    }

    pub fn add_mention(&mut self, id: usize, span: Span) {
        let id = self.resolve_forward(id);
        // duplicates are removed when the result is built
        self.list[id].mentions.push(span);
    }

    pub fn canonical(&self, id: usize) -> usize {
        self.resolve_forward(id)
    }
}

pub fn org_type_of_noun(lang: &crate::lexicon::Language, noun: &str) -> OrgType {
    lang.org_noun_types.get(noun.trim_end_matches("'s")).copied().unwrap_or(OrgType::Unknown)
}

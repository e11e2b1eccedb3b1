//! Speech, not thought: what makes a reported clause speech, and which blocks never hold any.
//!
//! A verb of saying reports speech when its content is a clause ("said the plan had failed") or
//! holds quoted words ("called the plan “a disaster”"). With a noun-phrase or prepositional
//! object it is another sense of the verb: "cited the report", "posted a photo", "added a goal",
//! "agreed with the plan", "responded for the Oilers", "promised to meet". Captions, photo
//! credits and teaser links ("READ MORE: Minister says …") are never speech.

use crate::doc::{Doc, Tok};
use crate::text::TokKind;

/// How many words into the content the reported clause's finite verb may stand.
pub const MAX_WORDS_TO_FINITE_VERB: usize = 14;
/// How many words a fronted phrase before a comma may have ("in a tweet on Monday, the …").
pub const MAX_FRONTED_WORDS: usize = 8;
/// A comma after at least this many words of content with no finite verb yet closes a noun-phrase
/// object ("announced its plans in the summer of 2015, the economy was …"); fewer may be the
/// items of a listed subject ("said Canada, Mexico and …").
pub const MIN_OBJECT_WORDS_BEFORE_COMMA: usize = 3;

fn word_is(t: &Tok, list: &[&str]) -> bool {
    t.kind == TokKind::Word && list.contains(&t.lower.as_str())
}

/// Is token `i` (content starts at `a`) a finite verb? Auxiliaries, modals and irregular pasts
/// from the lexicon; an -ed form not after a determiner; an -s form right after a subject
/// (pronoun, name, or a noun after a determiner) while no preposition has intervened.
fn is_finite(doc: &Doc, toks: &[Tok], a: usize, i: usize, after_prep: bool) -> bool {
    let t = &toks[i];
    if t.kind != TokKind::Word || t.quote.is_some() {
        return false;
    }
    let w = t.lower.as_str();
    let p = (i > a).then(|| &toks[i - 1]);
    // ("the two might", "some will": a quantifier stands for its noun, so a verb may follow)
    let after_det = p.is_some_and(|p| {
        (p.is_det() && !word_is(p, &doc.lang.quantifiers))
            || p.is_possessive()
            || p.is_in(&doc.lang.infinitive_markers)
            || p.kind != TokKind::Word
    });
    let listed = doc.lang.finite.contains(w) || doc.lang.contraction_suffixes.iter().any(|s| w.ends_with(s));
    if listed && !after_det {
        return true;
    }
    // "that's", "it's", "there's": a pronoun with a contracted "is" / "has"
    if let Some(stem) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
        if doc.lang.contraction_stems.contains(&stem) {
            return true;
        }
    }
    let Some(p) = p else { return false };
    if t.cap {
        return false;
    }
    if w.len() > 4 && w.ends_with("ed") && !after_det {
        return true;
    }
    if after_prep || after_det || !w.ends_with('s') || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return false;
    }
    // "it works", "Ottawa plans", "the city needs"
    word_is(p, &doc.lang.subject_words)
        || p.cap
        || (i >= a + 2 && (toks[i - 2].is_det() || toks[i - 2].is_possessive()))
}

/// Does the content `toks[c..z]` of a verb of saying report speech: a clause with a finite verb
/// before any subordinate clause, or quoted words? Always true outside English (German marks
/// its reported clauses by comma and verb position, checked where they are found).
pub fn reports_a_clause(doc: &Doc, b: usize, c: usize, z: usize) -> bool {
    if doc.lang.finite.is_empty() {
        return true;
    }
    let toks = &doc.blocks[b].toks;
    if c >= z || toks[c..z].iter().any(|t| t.quote.is_some()) {
        return c < z;
    }
    // "denied the allegations", "confirmed reports of a deal": the object names an utterance
    if toks[c..z.min(c + 3)].iter().any(|t| doc.lang.speech_nouns.contains(t.lower.as_str())) {
        return true;
    }
    let mut k = c;
    // a fronted phrase: "in retrospect, he …", "for others, it …"
    if word_is(&toks[k], &doc.lang.prepositions) {
        match (k..z.min(k + MAX_FRONTED_WORDS + 1)).find(|&j| toks[j].is_punct(",")) {
            Some(j) if j + 1 < z => k = j + 1,
            _ => return false,
        }
    }
    if word_is(&toks[k], &doc.lang.non_subjects) || word_is(&toks[k], &doc.lang.prepositions) {
        return false;
    }
    // "said they also go well with …": a subject pronoun is never an object
    if word_is(&toks[k], &doc.lang.nominatives) {
        return true;
    }
    let mut words = 0;
    let mut after_prep = false;
    for i in k..z {
        let t = &toks[i];
        if t.is_punct(";") || t.is_punct(":") || (t.is_punct(",") && words >= MIN_OBJECT_WORDS_BEFORE_COMMA) {
            return false;
        }
        if t.kind != TokKind::Word {
            continue;
        }
        if i > k && word_is(t, &doc.lang.subordinators) {
            return false;
        }
        if is_finite(doc, toks, k, i, after_prep) {
            return true;
        }
        after_prep |= word_is(t, &doc.lang.prepositions);
        words += 1;
        if words >= MAX_WORDS_TO_FINITE_VERB {
            return false;
        }
    }
    false
}

/// A paragraph that is a caption, a credit or a teaser link rather than article text, so it
/// holds no speech: a teaser opens with an upper-case label and a colon and has no sentence end
/// ("WATCH: Premier says …", "READ MORE: …"); a caption ends with a credit in parentheses
/// ("… at the rally. (Photo: Jane Doe)", "(Jane Doe/The Canadian Press)", "( Getty Images )")
/// or is a short video blurb ending with its running time ("… after the vote. 2:41").
pub fn is_caption_like(text: &str) -> bool {
    let t = text.trim();
    if let Some((label, rest)) = t.split_once(':') {
        let label_ok = label.len() >= 4
            && label.len() <= 30
            && label.chars().any(char::is_alphabetic)
            && label.chars().all(|c| c.is_uppercase() || c == ' ' || c == '\'' || c == '’' || c == '-');
        if label_ok && !rest.trim_end().ends_with(['.', '!', '?', '"', '”']) {
            return true;
        }
    }
    if let Some((before, inner)) = t.strip_suffix(')').and_then(|s| s.rfind('(').map(|i| (&s[..i], &s[i + 1..]))) {
        let inner = inner.trim();
        let before = before.trim_end();
        let lower = inner.to_lowercase();
        // every profile's credit words: captions are read before the language is detected
        let credit_word = crate::lexicon::profiles().iter().flat_map(|l| &l.credit_words).any(|w| lower.starts_with(w));
        let agency_slash = inner.contains('/') && inner.split('/').all(|p| p.trim().starts_with(char::is_uppercase));
        let short_name = (1..=4).contains(&inner.split_whitespace().count())
            && inner.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
            && before.ends_with(['.', '!', '?', '"', '”']);
        if credit_word || agency_slash || short_name {
            return true;
        }
    }
    // "… after the vote. 2:41": a video's running time closes its blurb
    if let Some((before, last)) = t.rsplit_once(' ') {
        let (m, s) = last.split_once(':').unwrap_or(("", ""));
        if before.ends_with(['.', '!', '?', '"', '”'])
            && !m.is_empty()
            && m.len() <= 2
            && s.len() == 2
            && (m.chars().chain(s.chars())).all(|c| c.is_ascii_digit())
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::is_caption_like;

    #[test]
    fn captions_credits_and_teasers() {
        assert!(is_caption_like("WATCH: Mayor says the bridge will reopen in spring"));
        assert!(is_caption_like("READ MORE: Council votes to keep the library open"));
        assert!(is_caption_like("The mayor speaks to reporters at city hall. (Photo: Ann Lee)"));
        assert!(is_caption_like("Crews clear the road near Hope on Tuesday. (Sam Roy/The Canadian Press)"));
        assert!(is_caption_like("A ferry leaves the terminal. ( Getty Images )"));
        assert!(is_caption_like("The coach explains why the team changed its lineup. 2:41"));
        assert!(!is_caption_like("BUDGET WATCH: The council met on Monday. It said the budget is balanced."));
        assert!(!is_caption_like("The mayor said the bridge (built in 1931) will reopen."));
        assert!(!is_caption_like("She said the meeting starts at 10:30 and will end at 12:00"));
    }

    #[test]
    fn padded_parentheses_after_non_ascii_text_do_not_panic() {
        // found by the property test in CI: spaces inside "( … )" after a multi-byte character
        // once put the "before" slice inside '»'
        assert!(!is_caption_like("Привет (»x  )"));
        assert!(is_caption_like("Паром «Вега» отходит. ( Getty Images )"));
    }
}

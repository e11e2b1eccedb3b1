//! `colon-intro`: a sentence that introduces the quote with a colon — `X put it this way: "…"` —
//! and a paragraph ending in ":" before a quoted paragraph.

use super::clause::{first_np, is_cue, subject_after_fronted};
use super::context::{inherit, Ctx, Fired};
use crate::speaker_phrase;

pub const ID: &str = "colon-intro";
/// Fitted (issue 9): the share of this rule's predictions matched with the right speaker, measured
/// on English news, GGT dev and PolNeAR train+dev (`quotelens eval FILE` per-rule table:
/// precision × speaker); a language profile may cap it (`confidence` lines of `de/profile.txt`).
pub const CONFIDENCE: f32 = 0.64;
/// Taken off `CONFIDENCE` when the previous paragraph has no cue, only a subject.
pub const NO_CUE_PENALTY: f32 = 0.1;

/// `He put it this way: "…"`; a paragraph ending in ":" before a quoted paragraph.
pub fn attribute(cx: &mut Ctx, qi: usize) -> Option<Fired> {
    let d = cx.direct[qi].clone();
    let doc = cx.doc;
    let toks = &doc.blocks[d.b].toks;
    let lo = cx.prev_quote_floor(qi);
    if d.first_tok > lo && toks[d.first_tok - 1].is_punct(":") {
        // "Sie sagte, die Reform sei nötig: „…“": the colon ends reported speech, and the quote
        // goes on with the words of its speaker
        let colon = toks[d.first_tok - 1].start;
        let text = &doc.blocks[d.b].text;
        let reported = cx.indirect.iter().rev().find(|x| {
            x.b == d.b && x.start >= toks[d.sent.0].start && x.end <= colon && text[x.end..colon].trim().is_empty()
        });
        if let Some(x) = reported.filter(|x| x.att.entity.is_some()) {
            return Some((inherit(&x.att, ID, CONFIDENCE), None));
        }
        // "Trump: 'We will win'" (headline style) or "The minister was blunt: …"
        // "Im Landtag warb die Ministerin mit den Worten: „…“": the subject follows the verb
        let np = subject_after_fronted(doc, d.b, d.sent.0.max(lo), d.first_tok - 1)
            .or_else(|| first_np(doc, d.b, lo, d.first_tok - 1))?;
        let att = cx.att_from(d.b, &np, Some((d.first_tok - 1, d.first_tok)), ID, CONFIDENCE, d.raw.start);
        return Some((att, None));
    }
    if d.first_tok == 0 && d.b > 0 {
        let pb = &doc.blocks[d.b - 1];
        if pb.text.trim_end().ends_with(':') && !pb.toks.is_empty() {
            let &(s, e) = pb.sents.last()?;
            let e = e.saturating_sub(1); // the colon
                                         // a cue with its subject wins; else the sentence's first phrase
            for c in (s..e).rev() {
                if is_cue(&pb.toks[c], c == s) && pb.toks[c].quote.is_none() {
                    let mut j = c;
                    while j > s && doc.is_aux(&pb.toks[j - 1]) {
                        j -= 1;
                    }
                    if let Some(np) = speaker_phrase::backward(doc, d.b - 1, j, s, s)
                        .or_else(|| speaker_phrase::forward(doc, d.b - 1, c + 1, e, s))
                    {
                        let att = cx.att_from(d.b - 1, &np, Some((c, c + 1)), ID, CONFIDENCE, pb.toks[c].start);
                        return Some((att, None));
                    }
                }
            }
            let np = subject_after_fronted(doc, d.b - 1, s, e).or_else(|| first_np(doc, d.b - 1, s, e))?;
            let att = cx.att_from(d.b - 1, &np, None, ID, CONFIDENCE - NO_CUE_PENALTY, pb.toks[np.a].start);
            return Some((att, None));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::test_support::run;

    #[test]
    fn colon_intro_paragraph_before_quote() {
        let r = run(&[
            "Governor Lucas Brandt put it bluntly when asked about the flood defences:",
            "\"We built walls for the last century's rain, not this century's.\"",
        ]);
        let q = r.quote("last century");
        assert_eq!(q.speaker, Some("Lucas Brandt"));
        assert_eq!(q.rule, "colon-intro");
    }

    #[test]
    fn colon_intro_in_the_same_sentence() {
        let r = run(&["Mayor Olga Brenner was blunt: \"Nobody sails until the wreck is cleared.\""]);
        let q = r.quote("Nobody sails");
        assert_eq!(q.speaker, Some("Olga Brenner"));
        assert_eq!(q.rule, "colon-intro");
    }

    #[test]
    fn german_subject_after_the_verb_when_a_phrase_is_fronted() {
        let r = run(&[
            "Der Landtag stritt am Donnerstag über die neuen Schulgesetze.",
            "In der Debatte über die Reform warb die Kultusministerin Petra Lange um Geduld: „Die Schulen brauchen Zeit.“",
            "Den Entwurf der Regierung lehnte der Abgeordnete Karl Brandt entschieden ab: „So geht das nicht weiter.“",
            "Auf der Pressekonferenz zeigte sich Lange später zuversichtlich: „Wir finden einen Weg mit allen.“",
        ]);
        assert_eq!(r.quote("brauchen Zeit").speaker, Some("Petra Lange"), "{}", r.dump());
        assert_eq!(r.quote("geht das nicht").speaker, Some("Karl Brandt"), "{}", r.dump());
        assert_eq!(r.quote("einen Weg").speaker, Some("Petra Lange"), "{}", r.dump());
    }

    #[test]
    fn a_colon_after_reported_speech_opens_its_speakers_quote() {
        let r = run(&[
            "Die Ministerin Eva Brandt sagte, die Reform sei notwendig: „Wir können nicht länger warten.“",
            "Die Sprecherin Maria Kern beschrieb die Bedeutung der neuen Klinik für die ganze Region mit den Worten: „Das ist ein großer Tag für uns alle.“",
        ]);
        // the reported clause ends at the colon; the quotation is direct speech of its own
        let clause = r.quote("die Reform sei notwendig");
        assert_eq!((clause.kind, clause.speaker), ("indirect", Some("Eva Brandt")));
        let q = r.quote("länger warten");
        assert_eq!((q.kind, q.speaker, q.rule), ("direct", Some("Eva Brandt"), "colon-intro"));
        let q = r.quote("großer Tag");
        assert_eq!((q.kind, q.speaker), ("direct", Some("Maria Kern")));
        assert!(r.all().iter().all(|x| x.kind != "mixed"), "no clause runs on into the quotation");
    }

    #[test]
    fn the_object_of_a_preposition_before_a_colon_is_no_speaker() {
        let r = run(&[
            "Omar Levin spoke for an hour. \"I think they need to talk,\" he said. Then, after a pause: \"A few \
             more talks and they will sort it out.\"",
        ]);
        assert_eq!(r.quote("A few more talks").speaker, Some("Omar Levin"), "{}", r.dump());
    }
}

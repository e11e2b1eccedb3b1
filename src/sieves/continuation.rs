//! `continuation`: a bare quoted paragraph right after an attributed one (also the later
//! paragraphs of a multi-paragraph quote) keeps its speaker.

use super::context::{inherit, Attribution, Ctx, Fired, FOCUS_LOOKBACK, MIN_WORDS_UNATTRIBUTED};
use crate::api::BlockKind;
use crate::doc::Doc;
use crate::lexicon::CUE_SAYING;

pub const ID: &str = "continuation";
/// Fitted (issue 9): the share of this rule's predictions matched with the right speaker, measured
/// on English news, GGT dev and PolNeAR train+dev (`quotelens eval FILE` per-rule table:
/// precision × speaker); a language profile may cap it (`confidence` lines of `de/profile.txt`).
pub const CONFIDENCE: f32 = 0.56;
/// How many blocks back a bare quoted paragraph may inherit a speaker from.
pub const CONTINUATION_BLOCKS: usize = 1;
/// How many captions, headings or quote-free list items a continuation may look past.
pub const MAX_ASIDES_SKIPPED: usize = 2;

/// A bare quoted paragraph right after a paragraph whose last attribution is known.
pub fn attribute(cx: &mut Ctx, qi: usize) -> Option<Fired> {
    let d = &cx.direct[qi];
    // a quoted heading ("‘We need to listen’") is a section title, not the next paragraph
    if d.first_tok != 0 || d.b == 0 || d.words < MIN_WORDS_UNATTRIBUTED || cx.doc.blocks[d.b].kind == BlockKind::Heading
    {
        return None;
    }
    // the quote opens the paragraph; its own sentence has no cue outside quotes
    let toks = &cx.doc.blocks[d.b].toks;
    if toks[d.sent.0..d.sent.1].iter().any(|t| t.quote.is_none() && t.cue == CUE_SAYING && !t.cap) {
        return None;
    }
    let mut best: Option<(usize, Attribution)> = None;
    // captions, headings and picture credits between two paragraphs do not break the run
    let from_b = earliest_focus_block(cx.doc, d.b);
    // the previous paragraph's last attributed quote: its bare last quote (`"A," she said. "B."`)
    // gets its speaker only later, from `adjacent-quote`, and has the same one
    let mut prev_b = None;
    for p in cx.direct[..qi].iter().rev().take(FOCUS_LOOKBACK) {
        if p.b < from_b || prev_b.is_some_and(|pb| p.b != pb) {
            break;
        }
        if p.b < d.b {
            prev_b = Some(p.b);
            if let Some(a) = &p.att {
                best = Some((p.raw.start, a.clone()));
                break;
            }
        }
    }
    // indirect speech in the previous paragraph also sets the speaker in focus
    let upto = cx.indirect.partition_point(|x| x.b < d.b);
    for i in cx.indirect[..upto].iter().rev().take(FOCUS_LOOKBACK) {
        if i.b >= from_b && i.b < d.b && i.att.entity.is_some() {
            let newer = match &best {
                Some((pos, _)) => {
                    let pb =
                        cx.direct[..qi].iter().rev().take(FOCUS_LOOKBACK).find(|p| p.b < d.b).map(|p| p.b).unwrap_or(0);
                    i.b > pb || (i.b == pb && i.start > *pos)
                }
                None => true,
            };
            if newer {
                best = Some((i.start, i.att.clone()));
            }
            break;
        }
    }
    let (_, a) = best?;
    a.entity?;
    Some((inherit(&a, ID, CONFIDENCE), None))
}

/// The first block whose speech is still in focus for block `b`: the previous
/// `CONTINUATION_BLOCKS` paragraphs, not counting captions, headings and quote-free list items
/// (figure captions on many sites) in between.
fn earliest_focus_block(doc: &Doc, b: usize) -> usize {
    let mut k = b;
    let mut paragraphs = 0;
    let mut skipped = 0;
    while k > 0 && paragraphs < CONTINUATION_BLOCKS {
        k -= 1;
        let bd = &doc.blocks[k];
        let aside = matches!(bd.kind, BlockKind::Caption | BlockKind::Heading)
            || (bd.kind == BlockKind::ListItem && bd.quotes.is_empty());
        if aside && skipped < MAX_ASIDES_SKIPPED {
            skipped += 1;
        } else {
            paragraphs += 1;
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use crate::test_support::run;

    #[test]
    fn multi_paragraph_quote_one_speaker() {
        let r = run(&[
            "Ines Carvalho, who ran the clinic for a decade, remembered the winter of the blackout.",
            "“We delivered three babies by torchlight that week. Nobody complained once.",
            "“When the power came back, the nurses just cried,” Carvalho said.",
        ]);
        assert_eq!(r.quote("torchlight").speaker, Some("Ines Carvalho"));
        assert_eq!(r.quote("torchlight").rule, "continuation");
        assert_eq!(r.quote("nurses just cried").speaker, Some("Ines Carvalho"));
        let first = r.a.quotes.iter().position(|q| r.text(&q.span).contains("torchlight")).unwrap();
        let second = r.a.quotes.iter().find(|q| r.text(&q.span).contains("nurses")).unwrap();
        assert_eq!(second.continues, Some(first));
    }

    #[test]
    fn continuation_after_a_paragraph_ending_in_a_bare_quote() {
        let r = run(&[
            "Nadia Osei has sold bread on Quay Street since 1994.",
            "\"I have seen every shop change hands,\" Osei said. \"Mine is the last one left.\"",
            "\"The landlords want offices now, and offices do not buy bread.\"",
        ]);
        let q = r.quote("offices do not buy bread");
        assert_eq!(q.speaker, Some("Nadia Osei"));
        assert_eq!(q.rule, "continuation");
    }

    #[test]
    fn continuation_bare_quoted_paragraph() {
        let r = run(&[
            "\"The league has ignored the stadium's cracks for years,\" said Omar Diallo, who chairs the supporters' trust.",
            "\"Somebody will get hurt before anyone signs a repair order.\"",
        ]);
        let q = r.quote("Somebody will get hurt");
        assert_eq!(q.speaker, Some("Omar Diallo"));
        assert_eq!(q.rule, "continuation");
    }

    #[test]
    fn continuation_looks_past_captions_but_not_into_headings() {
        use crate::{analyze, Article, Block, BlockKind, Config};
        let article = Article::new(vec![
            Block::paragraph(
                "“The river has never risen this fast,” says Mara Ellison, who has farmed the valley for forty years.",
            ),
            Block::new(BlockKind::Caption, "Mara Ellison on her farm near the levee."),
            Block::paragraph("“We moved the cattle twice in one night and we still lost the lower fields.”"),
            Block::new(BlockKind::Heading, "“We will stay on this land”"),
        ]);
        let a = analyze(&article, &Config::default());
        let speaker_of = |needle: &str| {
            let q = a
                .quotes
                .iter()
                .find(|q| article.blocks[q.span.block].text[q.span.start..q.span.end].contains(needle))
                .expect("quote found");
            q.speaker.map(|s| a.speakers[s].name.clone())
        };
        assert_eq!(speaker_of("moved the cattle").as_deref(), Some("Mara Ellison"));
        assert_eq!(speaker_of("stay on this land"), None);
    }
}

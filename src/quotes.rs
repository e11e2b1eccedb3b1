//! Finds direct quotations: pairs quotation marks in every common style, tells apostrophes
//! from single quotes by word boundaries, skips orphans, and links news-style multi-paragraph
//! quotes (each paragraph opens with a mark, only the last one closes).
//!
//! Offsets are UTF-8 bytes into the block's text.

/// One pair of quotation marks at the top level of a block (nested quotes are not reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawQuote {
    /// Start of the opening mark.
    pub start: usize,
    /// End of the closing mark, or the end of the paragraph's text when the quote goes on in
    /// the next paragraph.
    pub end: usize,
    /// Byte length of the opening mark.
    pub open_len: usize,
    /// Byte length of the closing mark (0 when the quote runs on into the next paragraph).
    pub close_len: usize,
    /// Single marks (‘…’ '…' ‚…‘ ‹…›).
    pub single: bool,
    /// The quote is not closed in this block: the next block carries on with it.
    pub runs_on: bool,
    /// This quote carries on a quote left open by the previous block.
    pub carries_on: bool,
}

impl RawQuote {
    /// The words inside the marks.
    pub fn inner(&self) -> (usize, usize) {
        (self.start + self.open_len, self.end - self.close_len)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Straight,       // "
    TwoSingles,     // '' (typewriter double quote)
    Backticks,      // ``
    LeftDouble,     // “
    RightDouble,    // ”
    LowDouble,      // „
    LeftGuil,       // «
    RightGuil,      // »
    LeftCorner,     // 「
    RightCorner,    // 」
    LeftWhite,      // 『
    RightWhite,     // 』
    SingleStraight, // '
    LeftSingle,     // ‘
    RightSingle,    // ’
    LowSingle,      // ‚
    LeftAngle,      // ‹
    RightAngle,     // ›
}

impl Mark {
    fn single(self) -> bool {
        matches!(
            self,
            Mark::SingleStraight
                | Mark::LeftSingle
                | Mark::RightSingle
                | Mark::LowSingle
                | Mark::LeftAngle
                | Mark::RightAngle
        )
    }
    /// Can `closer` close a quote opened by `self`?
    fn closed_by(self, closer: Mark) -> bool {
        use Mark::*;
        match self {
            Straight | TwoSingles | Backticks => matches!(closer, Straight | TwoSingles | RightDouble | LeftDouble),
            LeftDouble => matches!(closer, RightDouble | Straight | LeftDouble | TwoSingles),
            RightDouble => matches!(closer, RightDouble | Straight),
            LowDouble => matches!(closer, LeftDouble | RightDouble | Straight),
            LeftGuil => closer == RightGuil,
            RightGuil => closer == LeftGuil,
            LeftCorner => closer == RightCorner,
            LeftWhite => closer == RightWhite,
            RightCorner | RightWhite => false,
            SingleStraight => matches!(closer, SingleStraight | RightSingle),
            LeftSingle => matches!(closer, RightSingle | SingleStraight),
            RightSingle => matches!(closer, RightSingle),
            LowSingle => matches!(closer, LeftSingle | RightSingle),
            LeftAngle => closer == RightAngle,
            RightAngle => closer == LeftAngle,
        }
    }
    /// Marks that only ever open.
    fn open_only(self) -> bool {
        matches!(self, Mark::LowDouble | Mark::LowSingle | Mark::LeftCorner | Mark::LeftWhite | Mark::Backticks)
    }
    fn close_only(self) -> bool {
        matches!(self, Mark::RightCorner | Mark::RightWhite)
    }
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    pos: usize,
    len: usize,
    mark: Mark,
    can_open: bool,
    can_close: bool,
}

fn mark_at(text: &str, i: usize, c: char) -> Option<(Mark, usize)> {
    let m = match c {
        '"' => Mark::Straight,
        '\'' => {
            if text.as_bytes().get(i + 1) == Some(&b'\'') {
                return Some((Mark::TwoSingles, 2));
            }
            Mark::SingleStraight
        }
        '`' => {
            if text.as_bytes().get(i + 1) == Some(&b'`') {
                return Some((Mark::Backticks, 2));
            }
            return None;
        }
        '\u{201C}' => Mark::LeftDouble,
        '\u{201D}' => Mark::RightDouble,
        '\u{201E}' => Mark::LowDouble,
        '\u{00AB}' => Mark::LeftGuil,
        '\u{00BB}' => Mark::RightGuil,
        '\u{300C}' => Mark::LeftCorner,
        '\u{300D}' => Mark::RightCorner,
        '\u{300E}' => Mark::LeftWhite,
        '\u{300F}' => Mark::RightWhite,
        '\u{2018}' => Mark::LeftSingle,
        '\u{2019}' => Mark::RightSingle,
        '\u{201A}' => Mark::LowSingle,
        '\u{2039}' => Mark::LeftAngle,
        '\u{203A}' => Mark::RightAngle,
        _ => return None,
    };
    Some((m, c.len_utf8()))
}

/// True for characters after which a quote may open: start, space, opening brackets, dashes,
/// slashes and other marks.
fn opens_after(p: Option<char>) -> bool {
    match p {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | ';' | ',' | '…' | '\u{00AD}')
                || is_mark_char(c)
        }
    }
}

/// True for characters before which a quote may close: end, space, punctuation, other marks.
fn closes_before(n: Option<char>) -> bool {
    match n {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…' | '/' | '*')
                || is_mark_char(c)
        }
    }
}

fn is_mark_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{2039}'
            | '\u{203A}'
            | '\u{300C}'
            | '\u{300D}'
            | '\u{300E}'
            | '\u{300F}'
    )
}

/// Elisions written with a leading apostrophe: 'n', 'em, 'til, 'cause, '90s.
fn is_elision(after: &str) -> bool {
    let end = after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len());
    let word = &after[..end];
    if word.is_empty() {
        return false;
    }
    let digits = word.trim_end_matches(['s', 'S']);
    if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
        return true; // '90s, '08
    }
    // every profile's elisions (`word_classes.txt`): quotes are paired before the language is detected
    crate::lexicon::profiles().iter().flat_map(|l| &l.elisions).any(|e| e.eq_ignore_ascii_case(word))
}

fn candidates(text: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // every quotation mark starts with one of these bytes (ASCII, or the UTF-8 lead byte
        // of U+00AB/BB, U+2018–203A, U+300C–300F): skip everything else without decoding
        if !matches!(bytes[i], b'"' | b'\'' | b'`' | 0xC2 | 0xE2 | 0xE3) {
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let Some((mark, len)) = mark_at(text, i, c) else {
            i += c.len_utf8();
            continue;
        };
        let prev = text[..i].chars().next_back();
        let next = text[i + len..].chars().next();
        let left_ok = opens_after(prev);
        let right_ok = closes_before(next);
        let next_is_space = next.is_none_or(|n| n.is_whitespace());
        let prev_is_space = prev.is_none_or(|p| p.is_whitespace());
        let mut can_open = left_ok && !next_is_space;
        let mut can_close = right_ok && !prev_is_space;
        if mark.single() && matches!(mark, Mark::SingleStraight | Mark::RightSingle | Mark::LeftSingle) {
            let p_alnum = prev.is_some_and(|p| p.is_alphanumeric());
            let n_alnum = next.is_some_and(|n| n.is_alphanumeric());
            if p_alnum && n_alnum {
                // don't, O'Brien, rock’n’roll
                can_open = false;
                can_close = false;
            } else if can_open && is_elision(&text[i + len..]) {
                // '90s, 'em, rock 'n' roll; a ‘ before a digit year is an apostrophe too
                can_open = false;
            }
            if mark == Mark::RightSingle && p_alnum && !n_alnum {
                // Jones’ or a closing ’: closes only if something is open (decided in pairing)
                can_open = false;
            }
            if mark == Mark::LeftSingle {
                can_close = can_close && !n_alnum;
            }
        }
        if matches!(mark, Mark::LeftGuil | Mark::LeftAngle) {
            // French typography puts a space inside guillemets: « Bonjour »
            can_open = left_ok && next.is_some();
        }
        if matches!(mark, Mark::RightGuil | Mark::RightAngle) {
            can_close = right_ok && prev.is_some();
        }
        if mark.open_only() {
            can_close = false;
            if !can_open && !next_is_space {
                can_open = true;
            }
        }
        if mark.close_only() {
            // 」 』 are unambiguous: they close whatever follows them
            can_open = false;
            can_close = true;
        }
        if matches!(mark, Mark::LeftDouble) && !can_open && !can_close {
            // “ glued on both sides: treat as opening
            can_open = !next_is_space;
        }
        if matches!(mark, Mark::RightDouble) && !can_open && !can_close {
            can_close = !prev_is_space;
        }
        if can_open || can_close {
            out.push(Cand { pos: i, len, mark, can_open, can_close });
        }
        i += len;
    }
    out
}

#[derive(Clone, Copy, Debug)]
struct Open {
    pos: usize,
    len: usize,
    mark: Mark,
}

/// How many words a credit between a quote and a quote whose reopening mark was left out may have
/// (`"…," Jones said. It was …"`).
pub const MAX_CREDIT_WORDS_BEFORE_UNOPENED: usize = 6;

/// `"…," Jones said. It was never personal."`: the paragraph ends with a closing mark that closes
/// nothing, after a quote and a short credit sentence; the writer left out the reopening mark, so
/// the quote is the text from the sentence after the credit to that mark.
fn unopened_after_credit(text: &str, prev: &RawQuote, cands: &[Cand]) -> Option<RawQuote> {
    let last = cands.last()?;
    // no other mark (a quote, not an apostrophe) stands between the quote before and this one
    if cands.iter().any(|c| c.pos >= prev.end && c.pos < last.pos) {
        return None;
    }
    if last.mark.single() || !last.can_close || last.can_open || last.pos + last.len != text.trim_end().len() {
        return None;
    }
    let gap = text.get(prev.end..last.pos)?;
    let stop = gap.char_indices().find(|&(i, c)| {
        matches!(c, '.' | '!' | '?')
            && gap[i + 1..].starts_with(' ')
            && gap[i + 1..].trim_start().starts_with(char::is_uppercase)
    })?;
    let credit = &gap[..stop.0];
    let words = credit.split_whitespace().count();
    if words == 0 || words > MAX_CREDIT_WORDS_BEFORE_UNOPENED {
        return None;
    }
    let rest = &gap[stop.0 + 1..];
    let start = prev.end + stop.0 + 1 + (rest.len() - rest.trim_start().len());
    (start < last.pos).then_some(RawQuote {
        start,
        end: last.pos + last.len,
        open_len: 0,
        close_len: last.len,
        single: false,
        runs_on: false,
        carries_on: false,
    })
}

/// State carried from one block to the next: is a top-level quote still open?
#[derive(Debug, Default, Clone, Copy)]
pub struct Carry {
    open: Option<(bool, bool, Mark)>, // (single, was carried, opening mark)
}

/// Finds top-level quotations in one block. `carry` holds whether the previous block left a
/// quote open; it is updated for the next block.
pub fn find_quotes(text: &str, carry: &mut Carry) -> Vec<RawQuote> {
    let cands = candidates(text);
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::with_capacity(4);
    // Does this block carry on the previous block's open quote? Only when it opens with a mark.
    let first_nonspace = text.char_indices().find(|(_, c)| !c.is_whitespace()).map(|(i, _)| i);
    let carried_in = carry.open.is_some()
        && cands.first().is_some_and(|c| Some(c.pos) == first_nonspace && c.can_open && !c.mark.single());
    let mut first_is_carried = carried_in;
    // `“The rules are at the discretion of the officer` ¶ `based on the advice of doctors,” said Lee.`:
    // a block that opens with no mark but whose first mark can only close the quote the previous
    // block left open carries that quote on (the opening mark left out, or a stray paragraph break)
    let carried_bare = !carried_in
        && carry.open.is_some_and(|(_, _, m)| {
            cands
                .first()
                .is_some_and(|c| c.can_close && !c.can_open && Some(c.pos) != first_nonspace && m.closed_by(c.mark))
        });

    if let (true, Some(pos), Some((_, _, mark))) = (carried_bare, first_nonspace, carry.open) {
        stack.push(Open { pos, len: 0, mark });
        first_is_carried = true;
    }
    for c in &cands {
        // Close the innermost quote this mark can close.
        if c.can_close {
            if let Some(depth) = stack.iter().rposition(|o| o.mark.closed_by(c.mark)) {
                // Prefer the innermost; drop anything opened above it (orphans).
                let o = stack[depth];
                let straight_ambiguous = c.can_open && depth + 1 < stack.len();
                if !straight_ambiguous || depth + 1 == stack.len() {
                    stack.truncate(depth);
                    if depth == 0 {
                        let q = RawQuote {
                            start: o.pos,
                            end: c.pos + c.len,
                            open_len: o.len,
                            close_len: c.len,
                            single: o.mark.single(),
                            runs_on: false,
                            carries_on: first_is_carried,
                        };
                        first_is_carried = false;
                        if q.inner().1 > q.inner().0 {
                            out.push(q);
                        }
                    }
                    continue;
                }
            }
        }
        if c.can_open {
            if let Some(top) = stack.last() {
                // A second opening double mark while a double is open and nothing could close:
                // the first was an orphan. Start over from here.
                if !top.mark.single()
                    && !c.mark.single()
                    && stack.len() == 1
                    && !c.can_close
                    && same_family(top.mark, c.mark)
                {
                    stack.clear();
                    first_is_carried = false;
                }
            }
            if stack.len() < 3 {
                stack.push(Open { pos: c.pos, len: c.len, mark: c.mark });
            }
        }
    }
    if let (true, Some(prev)) = (stack.is_empty(), out.last()) {
        if let Some(q) = unopened_after_credit(text, prev, &cands) {
            out.push(q);
        }
    }
    // A top-level double quote left open: it runs on if the next block opens with a mark.
    // We cannot see the next block here, so report it tentatively; `link_runs` confirms.
    carry.open = None;
    if let Some(o) = stack.first() {
        if !o.mark.single() {
            let end = text.trim_end().len();
            if end > o.pos + o.len {
                out.push(RawQuote {
                    start: o.pos,
                    end,
                    open_len: o.len,
                    close_len: 0,
                    single: false,
                    runs_on: true,
                    carries_on: first_is_carried,
                });
                carry.open = Some((false, first_is_carried, o.mark));
            }
        }
    }
    out
}

fn same_family(a: Mark, b: Mark) -> bool {
    use Mark::*;
    let fam = |m: Mark| match m {
        Straight | TwoSingles | Backticks => 0,
        LeftDouble | RightDouble | LowDouble => 1,
        LeftGuil | RightGuil => 2,
        _ => 3,
    };
    fam(a) == fam(b)
}

/// Finds the quotes of every block, linking multi-paragraph quotes. A quote left open at the
/// end of a block is kept only if the next block opens with a quotation mark (news style);
/// otherwise the orphan opening mark is dropped.
pub fn find_all(blocks: &[&str]) -> Vec<Vec<RawQuote>> {
    let mut carry = Carry::default();
    let mut all: Vec<Vec<RawQuote>> = blocks.iter().map(|t| find_quotes(t, &mut carry)).collect();
    for b in 0..all.len() {
        let next_opens = blocks.get(b + 1).is_some_and(|t| starts_with_open_mark(t))
            || all.get(b + 1).and_then(|n| n.first()).is_some_and(|q| q.carries_on && q.open_len == 0);
        if let Some(last) = all[b].last_mut() {
            if last.runs_on && !next_opens {
                all[b].pop();
            }
        }
        // a carried-on quote whose predecessor was dropped is not carried
        if b > 0 {
            let prev_runs = all[b - 1].last().is_some_and(|q| q.runs_on);
            if let Some(first) = all[b].first_mut() {
                if first.carries_on && !prev_runs {
                    first.carries_on = false;
                }
            }
        }
    }
    all
}

fn starts_with_open_mark(t: &str) -> bool {
    let t = t.trim_start();
    let Some(c) = t.chars().next() else { return false };
    match mark_at(t, 0, c) {
        Some((m, _)) => !m.single() && !m.close_only(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str) -> Vec<&str> {
        let mut c = Carry::default();
        find_quotes(t, &mut c).iter().map(|q| &t[q.start..q.end]).collect()
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(
            spans(r#""We will win," she said. "Then we rest.""#),
            vec![r#""We will win,""#, r#""Then we rest.""#]
        );
        assert_eq!(spans("“Prices rose,” he said."), vec!["“Prices rose,”"]);
    }

    #[test]
    fn german_and_french_marks() {
        assert_eq!(spans("„Das ist gut“, sagte sie."), vec!["„Das ist gut“"]);
        assert_eq!(spans("Il a dit : « C’est fini » hier."), vec!["« C’est fini »"]);
        assert_eq!(spans("Er sagte: »Wir gehen.«"), vec!["»Wir gehen.«"]);
        assert_eq!(spans("「こんにちは」と言った"), vec!["「こんにちは」"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(spans("Don't touch Jones' car from the '90s, rock 'n' roll.").is_empty());
        assert!(spans("It’s the Joneses’ turn, isn’t it?").is_empty());
    }

    #[test]
    fn single_quotes_pair_on_word_boundaries() {
        assert_eq!(spans("evidence of its 'links' to Moscow"), vec!["'links'"]);
        assert_eq!(spans("He said ‘we’re done’ and left."), vec!["‘we’re done’"]);
    }

    #[test]
    fn nested_quotes_report_the_outer() {
        assert_eq!(spans(r#""He called it 'a farce' today," she said."#), vec![r#""He called it 'a farce' today,""#]);
    }

    #[test]
    fn orphan_marks_are_skipped() {
        // an unclosed mark in the middle does not swallow the rest
        let t = r#"The "odd mark and then "a real quote," he said."#;
        assert_eq!(spans(t), vec![r#""a real quote,""#]);
        assert!(spans(r#"closing only" here"#).is_empty());
    }

    #[test]
    fn typewriter_double_singles() {
        assert_eq!(spans("''It is fine,'' Ms. Sherry said."), vec!["''It is fine,''"]);
    }

    #[test]
    fn multi_paragraph_quote() {
        let blocks = ["“The first part goes on.", "“And the second ends here,” she said.", "Then “orphan."];
        let all = find_all(&blocks);
        assert_eq!(all[0].len(), 1);
        assert!(all[0][0].runs_on);
        assert!(all[1][0].carries_on);
        assert!(all[2].is_empty());
    }

    #[test]
    fn multi_paragraph_quote_whose_second_paragraph_lost_its_mark() {
        let blocks =
            ["“Who may join is up to the officer", "based on the advice of doctors,” said Lee.", "Later ” a stray."];
        let all = find_all(&blocks);
        assert!(all[0][0].runs_on);
        let q = all[1][0];
        assert!(q.carries_on && q.open_len == 0);
        assert_eq!(&blocks[1][q.start..q.end], "based on the advice of doctors,”");
        // a stray closing mark after a closed quote carries nothing on
        assert!(all[2].is_empty());
        let all = find_all(&["He said “this never closes", "Next paragraph ends ” here."]);
        assert!(all[0].is_empty() && all[1].is_empty());
    }

    #[test]
    fn a_quote_whose_reopening_mark_was_left_out_ends_at_its_closing_mark() {
        assert_eq!(
            spans("\"We trained hard,\" Lee said. It was never personal. I'm here to win.\""),
            vec!["\"We trained hard,\"", "It was never personal. I'm here to win.\""]
        );
        // a long sentence between them is no credit; a stray mark closes nothing
        assert_eq!(
            spans("\"We trained hard,\" Lee said after the long game in the rain on Sunday night. It was fine.\""),
            vec!["\"We trained hard,\""]
        );
    }

    #[test]
    fn orphan_open_at_block_end_dropped() {
        let blocks = ["He said “this never closes", "Next paragraph."];
        let all = find_all(&blocks);
        assert!(all[0].is_empty());
    }
}

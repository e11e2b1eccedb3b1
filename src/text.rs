//! Tokens and sentences of one block. Offsets are UTF-8 bytes into the block's text.

/// Combining diacritics (a stress mark in Приве́т) continue the word they sit on.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200D)
}

fn is_abbreviation(w: &str) -> bool {
    if w.is_empty() || w.len() > 6 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 6];
    for (d, c) in buf.iter_mut().zip(w.bytes()) {
        *d = c.to_ascii_lowercase();
    }
    let lw = &buf[..w.len()];
    sorted_abbreviations().binary_search_by(|a| a.as_bytes().cmp(lw)).is_ok()
}

fn sorted_abbreviations() -> &'static [&'static str] {
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    SORTED.get_or_init(|| {
        // every profile's `abbreviations.txt`: sentences are split before the language is detected
        let mut v: Vec<&'static str> =
            crate::lexicon::profiles().iter().flat_map(|l| l.abbreviations.iter().copied()).collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// First letter upper case.
    pub cap: bool,
}

/// Splits a block into words, numbers and punctuation. A word keeps inner apostrophes
/// (don't, O'Brien), hyphens (Moscow-based), periods of initials and abbreviations (U.S., Mr.).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, |t| out.push(t));
    out
}

/// `tokenize`, handing each token to `emit` instead of collecting them.
pub fn tokenize_into(text: &str, mut emit: impl FnMut(Token)) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // ASCII fast path: a space or a lower-case letter run needs no decoding
        let b0 = b[i];
        if b0 == b' ' || b0 == b'\n' || b0 == b'\t' || b0 == b'\r' {
            i += 1;
            continue;
        }
        let c = if b0 < 0x80 {
            b0 as char
        } else {
            match text[i..].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        let cl = c.len_utf8();
        if c.is_whitespace() || c == '\u{00AD}' || c == '\u{200B}' {
            i += cl;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + cl;
            let mut all_digits = c.is_ascii_digit();
            loop {
                // ASCII letters and digits: the common case, byte by byte
                while j < b.len() && b[j].is_ascii_alphanumeric() {
                    if !b[j].is_ascii_digit() {
                        all_digits = false;
                    }
                    j += 1;
                }
                let Some(d) = text[j..].chars().next() else { break };
                if d.is_alphanumeric() || d == '\u{00AD}' || is_combining(d) {
                    if !d.is_ascii_digit() {
                        all_digits = false;
                    }
                    j += d.len_utf8();
                    continue;
                }
                // inner joiners: apostrophes, hyphens, periods/commas in numbers and initials
                if matches!(d, '\'' | '’' | '-' | '.' | ',' | '&') {
                    let after = text[j + d.len_utf8()..].chars().next();
                    let next_alnum = after.is_some_and(|a| a.is_alphanumeric());
                    let ok = match d {
                        '\'' | '’' | '-' | '&' => next_alnum,
                        '.' => next_alnum && (all_digits || after.is_some_and(|a| a.is_uppercase()) && j - start <= 2),
                        ',' => all_digits && after.is_some_and(|a| a.is_ascii_digit()),
                        _ => false,
                    };
                    if ok {
                        j += d.len_utf8();
                        continue;
                    }
                }
                break;
            }
            // a trailing period of an abbreviation or initials belongs to the word
            if text[j..].starts_with('.') {
                let w = &text[start..j];
                let initials = w.contains('.') || (w.len() == c.len_utf8() && c.is_uppercase());
                if initials || is_abbreviation(w) {
                    j += 1;
                }
            }
            emit(Token {
                start,
                end: j,
                kind: if all_digits { TokKind::Number } else { TokKind::Word },
                cap: c.is_uppercase(),
            });
            i = j;
            continue;
        }
        emit(Token { start: i, end: i + cl, kind: TokKind::Punct, cap: false });
        i += cl;
    }
}

/// German month names (`lexicon/de/months.txt`): after "12." they make the period an ordinal's,
/// not a sentence end. Sentences are split before the language is known, so for every article.
fn months_de() -> &'static [&'static str] {
    static M: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        include_str!("lexicon/de/months.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// A full stop with no space after it still ends a sentence between a lower-case word and a
/// capitalised one ("sagte er.Die Polizei"): no abbreviation, address or initial has that shape.
/// Both words stand between spaces ("www.stadt.De", "z.B.Karten" are no sentence ends).
fn missing_space(before: &str, after: &str) -> bool {
    let w = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let n = after.split(char::is_whitespace).next().unwrap_or("");
    let n = n.trim_end_matches(|c: char| c.is_ascii_punctuation());
    let mut b = w.chars().rev();
    let mut a = n.chars();
    w.chars().all(char::is_alphabetic)
        && n.chars().all(char::is_alphabetic)
        && matches!((b.next(), b.next()), (Some(x), Some(y)) if x.is_lowercase() && y.is_lowercase())
        && matches!((a.next(), a.next()), (Some(x), Some(y)) if x.is_uppercase() && y.is_lowercase())
}

/// Sentence boundaries of a block as byte ranges, never splitting inside `protected` ranges
/// (the block's direct quotes), so a quotation and its cue stay in one sentence.
pub fn sentences(text: &str, protected: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    // `protected` is sorted and disjoint: binary search
    let inside = |p: usize| {
        let k = protected.partition_point(|&(_, e)| e <= p);
        protected.get(k).is_some_and(|&(s, e)| p > s && p < e)
    };
    while i < bytes.len() {
        // terminators are '.', '!', '?' and '…' (whose UTF-8 starts with 0xE2): skip the rest
        if !matches!(bytes[i], b'.' | b'!' | b'?' | 0xE2) {
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let at = i;
        i += c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // period of an abbreviation or initial: the tokenizer rule, repeated cheaply here
        if c == '.' {
            let before = &text[..at];
            let w: &str = before.rsplit(|ch: char| !ch.is_alphanumeric() && ch != '.').next().unwrap_or("");
            let one_upper = {
                let mut cs = w.chars();
                matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
            };
            if is_abbreviation(w) || one_upper || (w.contains('.') && w.len() <= 5) {
                continue;
            }
            // decimal numbers
            if w.chars().last().is_some_and(|d| d.is_ascii_digit())
                && text[at + 1..].chars().next().is_some_and(|d| d.is_ascii_digit())
            {
                continue;
            }
            // German ordinals in dates: "am 12. Oktober", "vom 3. März"
            if (1..=2).contains(&w.len()) && w.bytes().all(|d| d.is_ascii_digit()) {
                let next_word = text[at + 1..].trim_start().split(|ch: char| !ch.is_alphabetic()).next().unwrap_or("");
                if months_de().contains(&next_word) {
                    continue;
                }
            }
        }
        // swallow further terminators, closing marks and brackets
        let mut end = i;
        while let Some(d) = text[end..].chars().next() {
            if matches!(d, '.' | '!' | '?' | '…' | ')' | ']' | '"' | '\'' | '”' | '’' | '»' | '«' | '“' | '›' | '」')
            {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        i = end;
        // must be followed by space then something sentence-like, or the end
        let rest = &text[end..];
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            break;
        }
        if trimmed.len() == rest.len() && !(c == '.' && missing_space(&text[..at], rest)) {
            continue; // no space after: "e.g.x" or "…ignore"
        }
        let next = trimmed.chars().next().unwrap_or(' ');
        if !(next.is_uppercase()
            || next.is_ascii_digit()
            || crate::doc::quotes_is_open_char(next)
            || next == '('
            || next == '—'
            || next == '–')
        {
            continue;
        }
        if inside(end) {
            continue;
        }
        out.push((start, end));
        start = end + (rest.len() - trimmed.len());
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push((start, text.trim_end().len().max(start)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        tokenize(t).iter().map(|k| &t[k.start..k.end]).collect()
    }

    #[test]
    fn tokens_keep_names_and_abbreviations() {
        assert_eq!(
            words("Mr. O'Brien, the U.S. envoy, didn’t go."),
            vec!["Mr.", "O'Brien", ",", "the", "U.S.", "envoy", ",", "didn’t", "go", "."]
        );
        assert_eq!(words("Moscow-based firm: 1,200 jobs"), vec!["Moscow-based", "firm", ":", "1,200", "jobs"]);
    }

    #[test]
    fn tokens_handle_non_ascii() {
        assert_eq!(words("Приве́т мир — 😀 ok"), vec!["Приве́т", "мир", "—", "😀", "ok"]);
    }

    #[test]
    fn sentences_respect_quotes_and_abbreviations() {
        let t = "\"We won. We rest,\" Mr. Smith said. Then he left.";
        let q = [(0, 18)];
        let s: Vec<&str> = sentences(t, &q).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(s, vec!["\"We won. We rest,\" Mr. Smith said.", "Then he left."]);
    }

    #[test]
    fn a_full_stop_missing_its_space_still_ends_the_sentence() {
        let t = "Die Straße bleibt gesperrt.Der Verkehr wird umgeleitet. Siehe www.Stadt.de und z.B.Karten.";
        let s: Vec<&str> = sentences(t, &[]).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            vec!["Die Straße bleibt gesperrt.", "Der Verkehr wird umgeleitet.", "Siehe www.Stadt.de und z.B.Karten."]
        );
    }
}

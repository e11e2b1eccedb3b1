//! Small strings for the engine's hot path: one lower-cased string per token, most of them short
//! enough to live inline. A few lines; no dependency needed.

use std::ops::Deref;

const INLINE: usize = 22;

/// A string stored inline up to 22 bytes (nearly every word), on the heap beyond.
#[derive(Clone)]
pub enum SmallStr {
    Inline { len: u8, buf: [u8; INLINE] },
    Heap(Box<str>),
}

impl SmallStr {
    pub fn new(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut buf = [0u8; INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            SmallStr::Inline { len: s.len() as u8, buf }
        } else {
            SmallStr::Heap(s.into())
        }
    }
    /// Lower-cases `s` without a heap allocation when it is short ASCII.
    pub fn lower(s: &str) -> Self {
        if s.len() <= INLINE && s.is_ascii() {
            let mut buf = [0u8; INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            buf[..s.len()].make_ascii_lowercase();
            SmallStr::Inline { len: s.len() as u8, buf }
        } else {
            // non-ASCII ("Äußerung", "Москва"): lower-case into the inline buffer while it fits
            let mut buf = [0u8; INLINE];
            let mut len = 0;
            for c in s.chars().filter(|&c| c != '\u{00AD}').flat_map(char::to_lowercase) {
                if len + c.len_utf8() > INLINE {
                    let l: String = s.chars().filter(|&c| c != '\u{00AD}').flat_map(char::to_lowercase).collect();
                    return SmallStr::Heap(l.into());
                }
                len += c.encode_utf8(&mut buf[len..]).len();
            }
            SmallStr::Inline { len: len as u8, buf }
        }
    }
    pub fn as_str(&self) -> &str {
        match self {
            // SAFETY: `buf[..len]` is only ever written by `new` (a copy of a whole &str) or by
            // `lower` (ASCII lower-casing of a whole ASCII &str, or whole chars encoded with
            // `char::encode_utf8`), so it is valid UTF-8.
            SmallStr::Inline { len, buf } => unsafe { std::str::from_utf8_unchecked(&buf[..*len as usize]) },
            SmallStr::Heap(b) => b,
        }
    }
}

impl Deref for SmallStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for SmallStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl PartialEq<&str> for SmallStr {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}
impl PartialEq<str> for SmallStr {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn lower_inline_and_heap() {
        assert_eq!(SmallStr::lower("Said").as_str(), "said");
        assert_eq!(SmallStr::lower("ПРИВЕТ").as_str(), "привет");
        let long = "A".repeat(40);
        assert_eq!(SmallStr::lower(&long).as_str(), "a".repeat(40));
        assert_eq!(SmallStr::lower("So\u{00AD}ft").as_str(), "soft");
        assert!(matches!(SmallStr::lower("Äußerung"), SmallStr::Inline { .. }));
        assert_eq!(SmallStr::lower("Äußerung").as_str(), "äußerung");
        // a long non-ASCII word, and one whose lower case outgrows the buffer ("İ" → "i̇")
        assert_eq!(SmallStr::lower("Bundesverfassungsgerichtsurteil-Ä").as_str(), "bundesverfassungsgerichtsurteil-ä");
        assert_eq!(SmallStr::lower(&"İ".repeat(10)).as_str(), "i\u{307}".repeat(10));
    }
}

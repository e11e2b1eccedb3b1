//! Offset conversion. The engine works in UTF-8 bytes; JavaScript wants UTF-16 code units and
//! the JSONL contract wants Unicode code points.

/// Maps byte offsets of one string to UTF-16 code units or code points in O(log n), storing
/// one entry per non-ASCII character only.
pub struct Utf16Index {
    /// For each non-ASCII char: (byte offset, UTF-16 units before it, code points before it,
    /// its UTF-8 length, its UTF-16 length).
    marks: Vec<(usize, usize, usize, u8, u8)>,
    len: usize,
}

impl Utf16Index {
    pub fn new(s: &str) -> Self {
        // most paragraphs of English news are pure ASCII: nothing to record
        if s.is_ascii() {
            return Utf16Index { marks: Vec::new(), len: s.len() };
        }
        let mut marks = Vec::new();
        let (mut u16s, mut cps) = (0usize, 0usize);
        for (i, c) in s.char_indices() {
            if !c.is_ascii() {
                marks.push((i, u16s, cps, c.len_utf8() as u8, c.len_utf16() as u8));
            }
            u16s += c.len_utf16();
            cps += 1;
        }
        Utf16Index { marks, len: s.len() }
    }

    /// (UTF-16 units, code points) before byte offset `byte` (clamped to the string).
    fn convert(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.len);
        let i = self.marks.partition_point(|m| m.0 < byte);
        if i == 0 {
            return (byte, byte);
        }
        let (b, u, c, bl, ul) = self.marks[i - 1];
        let after = b + bl as usize;
        // bytes between the end of that char and `byte` are ASCII
        let rest = byte.saturating_sub(after);
        (u + ul as usize + rest, c + 1 + rest)
    }

    /// UTF-16 code units before byte offset `byte`.
    pub fn to_utf16(&self, byte: usize) -> usize {
        self.convert(byte).0
    }
    /// Unicode code points before byte offset `byte`.
    pub fn to_code_points(&self, byte: usize) -> usize {
        self.convert(byte).1
    }
}

/// Byte offset of code point `cp` in `s` (clamped to its end).
pub fn byte_of_code_point(s: &str, cp: usize) -> usize {
    s.char_indices().nth(cp).map(|(i, _)| i).unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_every_boundary() {
        let s = "a“b”\u{00A0}😀Привет x";
        let idx = Utf16Index::new(s);
        for (i, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            let u16_expected: usize = s[..i].encode_utf16().count();
            let cp_expected = s[..i].chars().count();
            assert_eq!(idx.to_utf16(i), u16_expected, "utf16 at byte {i}");
            assert_eq!(idx.to_code_points(i), cp_expected, "cp at byte {i}");
        }
    }

    #[test]
    fn ascii_is_identity() {
        let idx = Utf16Index::new("plain ascii");
        assert_eq!(idx.to_utf16(5), 5);
        assert_eq!(idx.to_code_points(11), 11);
    }
}

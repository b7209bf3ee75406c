//! A small PDF tokenizer over raw file bytes, for the clauses that are about bytes.
//! It never allocates per token and never reads past the slice it is given.

/// PDF white-space bytes (PDF Reference 1.4, Table 3.1).
pub(crate) fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

/// PDF delimiter bytes.
pub(crate) fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// End-of-line byte.
pub(crate) fn is_eol(b: u8) -> bool {
    b == b'\r' || b == b'\n'
}

/// One token; byte ranges are absolute offsets into the lexed slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A run of regular characters: a number or a keyword.
    Regular(usize, usize),
    /// A name, without its slash.
    Name(usize, usize),
    /// A literal string, parentheses excluded.
    Literal,
    /// A hexadecimal string's inner bytes.
    Hex(usize, usize),
    DictOpen,
    DictClose,
    ArrayOpen,
    ArrayClose,
    /// A stray delimiter such as `)`, `{` or `}`.
    Other,
}

/// Cursor over the bytes of a file.
#[derive(Debug)]
pub(crate) struct Lexer<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(bytes: &'a [u8], pos: usize) -> Self {
        Self { bytes, pos: pos.min(bytes.len()) }
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    /// Skips white space and comments.
    pub(crate) fn skip_space(&mut self) {
        while let Some(b) = self.peek(0) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek(0).is_some_and(|c| !is_eol(c)) {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Next token and its start offset.
    pub(crate) fn next_token(&mut self) -> Option<(usize, Tok)> {
        self.skip_space();
        let start = self.pos;
        let b = self.peek(0)?;
        self.pos += 1;
        let tok = match b {
            b'(' => {
                self.skip_literal();
                Tok::Literal
            }
            b'<' if self.peek(0) == Some(b'<') => {
                self.pos += 1;
                Tok::DictOpen
            }
            b'<' => self.hex(),
            b'>' if self.peek(0) == Some(b'>') => {
                self.pos += 1;
                Tok::DictClose
            }
            b'[' => Tok::ArrayOpen,
            b']' => Tok::ArrayClose,
            b'/' => {
                let s = self.pos;
                self.regular_run();
                Tok::Name(s, self.pos)
            }
            _ if is_delim(b) => Tok::Other,
            _ => {
                self.regular_run();
                Tok::Regular(start, self.pos)
            }
        };
        Some((start, tok))
    }

    fn regular_run(&mut self) {
        while self.peek(0).is_some_and(|c| !is_white(c) && !is_delim(c)) {
            self.pos += 1;
        }
    }

    fn skip_literal(&mut self) {
        let mut depth = 1usize;
        while let Some(b) = self.peek(0) {
            self.pos += 1;
            match b {
                b'\\' => self.pos = (self.pos + 1).min(self.bytes.len()),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn hex(&mut self) -> Tok {
        let s = self.pos;
        while self.peek(0).is_some_and(|c| c != b'>') {
            self.pos += 1;
        }
        let e = self.pos;
        if self.peek(0).is_some() {
            self.pos += 1;
        }
        Tok::Hex(s, e)
    }

    /// Reads an unsigned decimal integer at the cursor (no space skipping).
    pub(crate) fn digits(&mut self) -> Option<u64> {
        let s = self.pos;
        let mut v: u64 = 0;
        while let Some(b) = self.peek(0).filter(u8::is_ascii_digit) {
            v = v.saturating_mul(10).saturating_add(u64::from(b - b'0'));
            self.pos += 1;
        }
        (self.pos > s).then_some(v)
    }

    /// Counts white-space bytes at the cursor and skips them (comments not skipped).
    pub(crate) fn white_run(&mut self) -> usize {
        let s = self.pos;
        while self.peek(0).is_some_and(is_white) {
            self.pos += 1;
        }
        self.pos - s
    }

    /// Length of the EOL marker at `pos` (CR LF, CR or LF), 0 if none.
    pub(crate) fn eol_len_at(&self, pos: usize) -> usize {
        match (self.bytes.get(pos), self.bytes.get(pos + 1)) {
            (Some(b'\r'), Some(b'\n')) => 2,
            (Some(b'\r' | b'\n'), _) => 1,
            _ => 0,
        }
    }

    /// Whether `word` is at `pos`.
    pub(crate) fn at(&self, pos: usize, word: &[u8]) -> bool {
        self.bytes.get(pos..pos + word.len()) == Some(word)
    }
}

/// Last occurrence of `needle` in `hay`.
pub(crate) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).rev().find(|&i| &hay[i..i + needle.len()] == needle)
}

/// First occurrence of `needle` in `hay` at or after `from`, looking at most `budget` bytes.
pub(crate) fn find_from(hay: &[u8], needle: &[u8], from: usize, budget: usize) -> Option<usize> {
    let end = hay.len().min(from.saturating_add(budget).saturating_add(needle.len()));
    let window = hay.get(from..end)?;
    window.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let src = b"<< /A (x(y)\\)) <41 42> [1 2.5] >> % c\nstream";
        let mut lx = Lexer::new(src, 0);
        let mut toks = Vec::new();
        while let Some((_, t)) = lx.next_token() {
            toks.push(t);
        }
        assert_eq!(toks.len(), 10);
        assert_eq!(toks[0], Tok::DictOpen);
        assert!(matches!(toks[2], Tok::Literal));
        assert!(matches!(toks[3], Tok::Hex(_, _)));
        assert!(matches!(toks[9], Tok::Regular(s, e) if &src[s..e] == b"stream"));
    }

    #[test]
    fn finds() {
        assert_eq!(rfind(b"abcabc", b"bc"), Some(4));
        assert_eq!(find_from(b"abcabc", b"bc", 2, 10), Some(4));
        assert_eq!(find_from(b"abcabc", b"bc", 2, 1), None);
    }
}

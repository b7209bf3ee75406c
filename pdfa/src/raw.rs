//! Byte-level clauses that an object model hides: header (6.1.2), end of file (6.1.3), xref
//! table syntax (6.1.4), hex strings (6.1.6), stream keywords and Length (6.1.7), obj/endobj (6.1.8).

use scor_locale::text;

use crate::lexer::{Lexer, Tok, find_from, is_eol, is_white, rfind};
use crate::report::{Findings, PdfLocation};

/// An indirect object as the cross-reference data places it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    pub(crate) id: (u32, u16),
    pub(crate) offset: usize,
}

/// Resolves an indirect Length: the integer value of an object.
pub(crate) type LengthOf<'a> = &'a dyn Fn((u32, u16)) -> Option<i64>;

/// A stream's Length as written in its dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Declared {
    Direct(i64),
    Indirect(u32, u16),
}

/// Header and binary comment (6.1.2 tests 1 and 2).
pub(crate) fn check_header(bytes: &[u8], f: &mut Findings) {
    let ok = bytes.len() >= 8
        && bytes.starts_with(b"%PDF-")
        && bytes[5].is_ascii_digit()
        && bytes[6] == b'.'
        && bytes[7].is_ascii_digit();
    if !ok {
        f.add("6.1.2", 1, text!("pdfa-header"), PdfLocation::offset(0));
        return;
    }
    let lx = Lexer::new(bytes, 0);
    let mut pos = 8;
    while bytes.get(pos).is_some_and(|b| !is_eol(*b)) {
        pos += 1;
    }
    let eol = lx.eol_len_at(pos);
    let line = pos + eol;
    let comment = bytes.get(line..line + 5);
    let good = eol > 0 && comment.is_some_and(|c| c[0] == b'%' && c[1..].iter().all(|b| *b > 127));
    if !good {
        f.add("6.1.2", 2, text!("pdfa-header-binary-comment"), PdfLocation::offset(line));
    }
}

/// Nothing after the last %%EOF but one optional EOL (6.1.3 test 3).
pub(crate) fn check_eof(bytes: &[u8], f: &mut Findings) {
    let Some(pos) = rfind(bytes, b"%%EOF") else {
        f.add("6.1.3", 3, text!("pdfa-no-eof"), PdfLocation::offset(bytes.len()));
        return;
    };
    let rest = &bytes[pos + 5..];
    if !matches!(rest, b"" | b"\n" | b"\r" | b"\r\n") {
        let msg = text!("pdfa-after-eof", count = rest.len());
        f.add("6.1.3", 3, msg, PdfLocation::offset(pos + 5));
    }
}

/// Cross-reference sections from the last startxref through the /Prev chain (6.1.4).
pub(crate) fn check_xref(bytes: &[u8], f: &mut Findings) {
    let Some(sx) = rfind(bytes, b"startxref") else {
        f.add("6.1.4", 0, text!("pdfa-no-startxref"), PdfLocation::offset(bytes.len()));
        return;
    };
    let mut lx = Lexer::new(bytes, sx + 9);
    lx.skip_space();
    let mut next = lx.digits().map(|v| v as usize);
    let mut seen = Vec::new();
    while let Some(offset) = next {
        if seen.contains(&offset) || seen.len() >= 64 {
            break;
        }
        seen.push(offset);
        next = check_xref_section(bytes, offset, f);
    }
}

/// Checks one section; returns the /Prev offset of its trailer.
fn check_xref_section(bytes: &[u8], offset: usize, f: &mut Findings) -> Option<usize> {
    let mut lx = Lexer::new(bytes, offset);
    if !lx.at(offset, b"xref") {
        xref_not_table(bytes, offset, f);
        return None;
    }
    let eol = lx.eol_len_at(offset + 4);
    if eol == 0 || !bytes.get(offset + 4 + eol).is_some_and(u8::is_ascii_digit) {
        f.add("6.1.4", 2, text!("pdfa-xref-eol"), PdfLocation::offset(offset));
    }
    lx.pos = offset + 4;
    loop {
        lx.white_run();
        let header_at = lx.pos;
        let Some(_first) = lx.digits() else { break };
        let gap_start = lx.pos;
        let gap = lx.white_run();
        let single_space = gap == 1 && bytes[gap_start] == b' ';
        let Some(count) = lx.digits() else { break };
        if !single_space {
            f.add("6.1.4", 1, text!("pdfa-xref-subsection"), PdfLocation::offset(header_at));
        }
        lx.white_run();
        lx.pos = lx.pos.saturating_add((count as usize).saturating_mul(20)).min(bytes.len());
    }
    trailer_prev(bytes, lx.pos, f)
}

/// Reports an xref offset that holds no table: an xref stream, or damage.
fn xref_not_table(bytes: &[u8], offset: usize, f: &mut Findings) {
    let mut lx = Lexer::new(bytes, offset);
    let is_obj = lx.digits().is_some()
        && {
            lx.skip_space();
            lx.digits().is_some()
        }
        && {
            lx.skip_space();
            lx.at(lx.pos, b"obj")
        };
    let msg = if is_obj { text!("pdfa-xref-stream") } else { text!("pdfa-xref-not-table") };
    f.add("6.1.4", 0, msg, PdfLocation::offset(offset));
}

/// Reads the trailer dictionary after a table: flags /XRefStm, returns /Prev.
fn trailer_prev(bytes: &[u8], from: usize, f: &mut Findings) -> Option<usize> {
    let mut lx = Lexer::new(bytes, from);
    lx.skip_space();
    if !lx.at(lx.pos, b"trailer") {
        return None;
    }
    lx.pos += 7;
    let mut depth = 0usize;
    let mut key: Option<&[u8]> = None;
    let mut prev = None;
    while let Some((at, tok)) = lx.next_token() {
        match tok {
            Tok::DictOpen => depth += 1,
            Tok::DictClose => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            Tok::Name(s, e) if depth == 1 && key.is_none() => {
                key = Some(&bytes[s..e]);
                if key == Some(b"XRefStm") {
                    f.add("6.1.4", 0, text!("pdfa-xrefstm"), PdfLocation::offset(at));
                }
                continue;
            }
            Tok::Regular(s, e) if key == Some(b"Prev") => {
                prev = std::str::from_utf8(&bytes[s..e]).ok().and_then(|t| t.parse().ok());
            }
            _ => {}
        }
        if depth == 1 {
            key = None;
        }
    }
    prev
}

/// Per-object byte checks (6.1.6, 6.1.7 tests 1-2, 6.1.8) within a total byte budget.
pub(crate) fn check_objects(bytes: &[u8], placed: &[Placed], length_of: LengthOf<'_>, f: &mut Findings) {
    let mut budget = bytes.len().saturating_mul(4).saturating_add(1 << 20);
    let mut offsets: Vec<usize> = Vec::with_capacity(placed.len());
    for p in placed {
        if offsets.contains(&p.offset) && offsets.len() < 10_000 {
            continue;
        }
        offsets.push(p.offset);
        let used = check_object(bytes, p, length_of, f, budget);
        budget = budget.saturating_sub(used);
        if budget == 0 {
            for c in ["6.1.6", "6.1.7", "6.1.8"] {
                f.skip(c, text!("pdfa-skip-scan-budget"));
            }
            return;
        }
    }
}

/// Checks one object; returns the number of bytes it scanned.
fn check_object(bytes: &[u8], p: &Placed, length_of: LengthOf<'_>, f: &mut Findings, budget: usize) -> usize {
    let loc = || PdfLocation { object: Some(p.id), byte_offset: Some(p.offset as u64), page: None };
    let mut lx = Lexer::new(bytes, p.offset);
    let Some(spacing_ok) = object_header(&mut lx) else {
        let msg = text!(
            "pdfa-xref-entry",
            number = p.id.0.to_string(),
            generation = p.id.1.to_string(),
            offset = p.offset.to_string(),
        );
        f.add("6.1.4", 0, msg, loc());
        return 16;
    };
    let preceded = p.offset == 0 || is_eol(bytes[p.offset - 1]);
    if !spacing_ok || !preceded {
        f.add("6.1.8", 1, text!("pdfa-object-header"), loc());
    }
    body(bytes, &mut lx, p, length_of, f, budget);
    lx.pos.saturating_sub(p.offset)
}

/// Parses "num gen obj"; Some(spacing is single and obj is followed by EOL).
fn object_header(lx: &mut Lexer<'_>) -> Option<bool> {
    lx.digits()?;
    let s1 = lx.white_run();
    lx.digits()?;
    let s2 = lx.white_run();
    if !lx.at(lx.pos, b"obj") {
        return None;
    }
    lx.pos += 3;
    let after = lx.bytes.get(lx.pos).copied();
    Some(s1 == 1 && s2 == 1 && after.is_some_and(is_eol))
}

/// Walks the object body up to endobj.
fn body(bytes: &[u8], lx: &mut Lexer<'_>, p: &Placed, length_of: LengthOf<'_>, f: &mut Findings, budget: usize) {
    let limit = p.offset.saturating_add(budget);
    let loc = |at: usize| PdfLocation { object: Some(p.id), byte_offset: Some(at as u64), page: None };
    let mut length = LengthScan::default();
    while let Some((at, tok)) = lx.next_token() {
        if lx.pos > limit {
            return;
        }
        length.feed(bytes, tok);
        match tok {
            Tok::Hex(s, e) => check_hex(&bytes[s..e], f, loc(at)),
            Tok::Regular(s, e) if &bytes[s..e] == b"stream" => {
                let declared = match length.declared {
                    Some(Declared::Direct(v)) => Some(v),
                    Some(Declared::Indirect(n, g)) => length_of((n, g)),
                    None => None,
                };
                if !stream_data(bytes, lx, p, declared, f, budget) {
                    return;
                }
            }
            Tok::Regular(s, e) if &bytes[s..e] == b"endobj" => {
                let before = at > 0 && is_eol(bytes[at - 1]);
                let after = bytes.get(e).is_none_or(|b| is_eol(*b));
                if !before || !after {
                    f.add("6.1.8", 1, text!("pdfa-endobj-eol"), loc(at));
                }
                return;
            }
            Tok::Regular(s, e) if &bytes[s..e] == b"obj" => {
                f.add("6.1.8", 1, text!("pdfa-no-endobj"), loc(at));
                return;
            }
            _ => {}
        }
    }
}

/// Hexadecimal string content (6.1.6 tests 1 and 2).
fn check_hex(inner: &[u8], f: &mut Findings, loc: PdfLocation) {
    let digits: Vec<u8> = inner.iter().copied().filter(|b| !is_white(*b)).collect();
    if !digits.iter().all(u8::is_ascii_hexdigit) {
        f.add("6.1.6", 2, text!("pdfa-hex-characters"), loc.clone());
    }
    if digits.len() % 2 == 1 {
        f.add("6.1.6", 1, text!("pdfa-hex-odd"), loc);
    }
}

/// After the stream keyword: EOL rules and Length (6.1.7 tests 1 and 2). Returns false to stop.
fn stream_data(
    bytes: &[u8],
    lx: &mut Lexer<'_>,
    p: &Placed,
    declared: Option<i64>,
    f: &mut Findings,
    budget: usize,
) -> bool {
    let kw_end = lx.pos;
    let loc = PdfLocation { object: Some(p.id), byte_offset: Some(kw_end as u64), page: None };
    let (start, eol_ok) = match (bytes.get(kw_end), bytes.get(kw_end + 1)) {
        (Some(b'\r'), Some(b'\n')) => (kw_end + 2, true),
        (Some(b'\n'), _) => (kw_end + 1, true),
        (Some(b'\r'), _) => (kw_end + 1, false),
        _ => (kw_end, false),
    };
    let Some(end_kw) = find_from(bytes, b"endstream", start, budget) else {
        f.add("6.1.7", 1, text!("pdfa-no-endstream"), loc);
        return false;
    };
    let (data_end, end_eol_ok) = data_end_before(bytes, start, end_kw);
    if !eol_ok || !end_eol_ok {
        f.add("6.1.7", 2, text!("pdfa-stream-eol"), loc.clone());
    }
    check_length(bytes, start, data_end, declared, f, loc);
    lx.pos = end_kw + 9;
    true
}

/// Where the data ends before endstream, and whether an EOL precedes endstream.
fn data_end_before(bytes: &[u8], start: usize, end_kw: usize) -> (usize, bool) {
    if end_kw >= start + 2 && &bytes[end_kw - 2..end_kw] == b"\r\n" {
        (end_kw - 2, true)
    } else if end_kw > start && is_eol(bytes[end_kw - 1]) {
        (end_kw - 1, true)
    } else {
        (end_kw, false)
    }
}

/// Length must equal the bytes between the EOL after stream and the EOL before endstream.
fn check_length(
    bytes: &[u8],
    start: usize,
    data_end: usize,
    declared: Option<i64>,
    f: &mut Findings,
    loc: PdfLocation,
) {
    let actual = data_end - start;
    let Some(declared) = declared else {
        f.add("6.1.7", 1, text!("pdfa-no-length"), loc);
        return;
    };
    // A Length that ends exactly at an EOL byte before endstream also counts as matching the data
    // (data that itself ends with CR or LF): accept declared == actual + eol bytes absorbed.
    let alt = bytes_eol_absorbed(bytes, data_end);
    let ok = usize::try_from(declared).is_ok_and(|d| d == actual || (alt > 0 && d == actual + alt));
    if !ok {
        let msg = text!("pdfa-stream-length", declared = declared.to_string(), actual = actual);
        f.add("6.1.7", 1, msg, loc);
    }
}

/// Bytes of the EOL that `data_end_before` took off (the data may legitimately end with them).
fn bytes_eol_absorbed(bytes: &[u8], data_end: usize) -> usize {
    let rest = &bytes[data_end..];
    if rest.starts_with(b"\r\nendstream") { 1 } else { 0 }
}

/// Follows the tokens of an object to find `/Length` in its outermost dictionary.
#[derive(Debug, Default)]
struct LengthScan {
    depth: usize,
    after_key: bool,
    numbers: Vec<i64>,
    declared: Option<Declared>,
}

impl LengthScan {
    fn feed(&mut self, bytes: &[u8], tok: Tok) {
        match tok {
            Tok::DictOpen | Tok::ArrayOpen => {
                self.close_direct();
                self.depth += 1;
            }
            Tok::DictClose | Tok::ArrayClose => {
                self.close_direct();
                self.depth = self.depth.saturating_sub(1);
            }
            Tok::Name(s, e) => {
                self.close_direct();
                self.after_key = self.depth == 1 && &bytes[s..e] == b"Length";
            }
            Tok::Regular(s, e) if self.after_key => self.value_token(&bytes[s..e]),
            _ => self.close_direct(),
        }
    }

    fn value_token(&mut self, text: &[u8]) {
        if text == b"R" && self.numbers.len() == 2 {
            let (n, g) = (self.numbers[0], self.numbers[1]);
            self.declared = u32::try_from(n).ok().zip(u16::try_from(g).ok()).map(|(n, g)| Declared::Indirect(n, g));
            self.after_key = false;
            self.numbers.clear();
            return;
        }
        match std::str::from_utf8(text).ok().and_then(|t| t.parse::<i64>().ok()) {
            Some(v) if self.numbers.len() < 2 => self.numbers.push(v),
            _ => self.close_direct(),
        }
    }

    /// A value of one number, not followed by "gen R", is a direct Length.
    fn close_direct(&mut self) {
        if self.after_key && self.numbers.len() == 1 {
            self.declared = Some(Declared::Direct(self.numbers[0]));
        }
        self.after_key = false;
        self.numbers.clear();
    }
}

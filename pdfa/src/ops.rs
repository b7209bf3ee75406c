//! Content-stream operators read one at a time from the bytes, with the last few operands kept: time is
//! linear and memory constant in the content's size, however many operators it holds.

use lopdf::{Dictionary, Object};

use crate::lexer::{Lexer, Tok, find_from, is_white};

/// Operands kept before an operator (the most any operator the checks read takes: `cm`, `d1`).
const KEPT: usize = 8;

/// An operand, as far as the checks read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Operand<'a> {
    Number(f64),
    Name(&'a [u8]),
    /// A string, array, dictionary, boolean or null.
    Other,
}

/// What [`walk`] meets in a content stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<'a> {
    /// An operator, with (at most the last eight of) the operands before it.
    Op(&'a [u8], &'a [Operand<'a>]),
    /// An inline image (`BI` … `ID` data `EI`): its dictionary.
    InlineImage(Dictionary),
}

/// Calls `f` on each operator and inline image of `data`, in order.
pub fn walk<'a>(data: &'a [u8], mut f: impl FnMut(Event<'_>)) {
    let mut lx = Lexer::new(data, 0);
    let mut operands: Vec<Operand<'a>> = Vec::with_capacity(KEPT);
    let mut depth = 0usize;
    while let Some((_, tok)) = lx.next_token() {
        let operand = match tok {
            Tok::ArrayOpen | Tok::DictOpen => {
                depth += 1;
                continue;
            }
            Tok::ArrayClose | Tok::DictClose if depth > 0 => {
                depth -= 1;
                if depth > 0 {
                    continue;
                }
                Operand::Other
            }
            _ if depth > 0 => continue,
            Tok::Name(s, e) => Operand::Name(&data[s..e]),
            Tok::Literal | Tok::Hex(..) | Tok::ArrayClose | Tok::DictClose | Tok::Other => Operand::Other,
            Tok::Regular(s, e) => match regular(&data[s..e]) {
                Some(operand) => operand,
                None if &data[s..e] == b"BI" => {
                    f(Event::InlineImage(inline_dict(&mut lx)));
                    skip_image_data(&mut lx);
                    operands.clear();
                    continue;
                }
                None => {
                    f(Event::Op(&data[s..e], &operands));
                    operands.clear();
                    continue;
                }
            },
        };
        if operands.len() == KEPT {
            operands.remove(0);
        }
        operands.push(operand);
    }
}

/// A regular token as an operand (a number, boolean or null), or None for an operator.
fn regular(token: &[u8]) -> Option<Operand<'_>> {
    match token {
        b"true" | b"false" | b"null" => Some(Operand::Other),
        [b'0'..=b'9' | b'+' | b'-' | b'.', ..] => {
            let number = std::str::from_utf8(token).ok().and_then(|t| t.parse::<f64>().ok());
            Some(number.filter(|n| n.is_finite()).map_or(Operand::Other, Operand::Number))
        }
        _ => None,
    }
}

/// Reads key/value pairs up to the ID keyword.
fn inline_dict(lx: &mut Lexer<'_>) -> Dictionary {
    let mut dict = Dictionary::new();
    while let Some((_, tok)) = lx.next_token() {
        match tok {
            Tok::Regular(s, e) if &lx.bytes[s..e] == b"ID" => break,
            Tok::Name(s, e) => {
                let key = lx.bytes[s..e].to_vec();
                let Some((_, value_tok)) = lx.next_token() else { break };
                if matches!(value_tok, Tok::Regular(s, e) if &lx.bytes[s..e] == b"ID") {
                    break;
                }
                dict.set(key, inline_value(lx, value_tok, 0));
            }
            _ => {}
        }
    }
    dict
}

fn inline_value(lx: &mut Lexer<'_>, tok: Tok, depth: usize) -> Object {
    match tok {
        Tok::Name(s, e) => Object::Name(lx.bytes[s..e].to_vec()),
        Tok::Regular(s, e) => match &lx.bytes[s..e] {
            b"true" => Object::Boolean(true),
            b"false" => Object::Boolean(false),
            text => std::str::from_utf8(text).ok().and_then(|t| t.parse().ok()).map_or(Object::Null, Object::Integer),
        },
        Tok::ArrayOpen if depth < 8 => {
            let mut items = Vec::new();
            while let Some((_, t)) = lx.next_token() {
                if t == Tok::ArrayClose || matches!(t, Tok::Regular(s, e) if &lx.bytes[s..e] == b"ID") {
                    break;
                }
                items.push(inline_value(lx, t, depth + 1));
            }
            Object::Array(items)
        }
        _ => Object::Null,
    }
}

/// Skips the image data after ID: up to white space, "EI", then white space or the end.
fn skip_image_data(lx: &mut Lexer<'_>) {
    let mut from = lx.pos + 1;
    while let Some(at) = find_from(lx.bytes, b"EI", from, usize::MAX) {
        let before = at > 0 && is_white(lx.bytes[at - 1]);
        let after = lx.bytes.get(at + 2).is_none_or(|b| is_white(*b));
        if before && after {
            lx.pos = at + 2;
            return;
        }
        from = at + 1;
    }
    lx.pos = lx.bytes.len();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(data: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        walk(data, |event| {
            out.push(match event {
                Event::Op(op, operands) => format!("{} {operands:?}", String::from_utf8_lossy(op)),
                Event::InlineImage(d) => format!("BI {}", d.len()),
            })
        });
        out
    }

    #[test]
    fn operators_with_their_operands() {
        let got = events(b"q 1 0 0 1 -2.5 .5 cm /Im0 Do [(a) 1 [2]] TJ << /A 1 >> BDC % c\n/P0 gs Q");
        assert_eq!(
            got,
            [
                "q []",
                "cm [Number(1.0), Number(0.0), Number(0.0), Number(1.0), Number(-2.5), Number(0.5)]",
                "Do [Name([73, 109, 48])]",
                "TJ [Other]",
                "BDC [Other]",
                "gs [Name([80, 48])]",
                "Q []",
            ]
        );
    }

    #[test]
    fn inline_images_are_skipped_whole() {
        let got = events(b"BI /W 2 /H 1 /F /AHx ID 0fEI stray\nEI Q");
        assert_eq!(got, ["BI 3", "Q []"]);
    }

    #[test]
    fn only_the_last_operands_are_kept() {
        let got = events(b"1 2 3 4 5 6 7 8 9 10 re");
        assert!(got[0].starts_with("re [Number(3.0)"), "{got:?}");
    }
}

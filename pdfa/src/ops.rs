//! Content-stream operators read one at a time from the bytes, with the last few operands kept: time is
//! linear and memory constant in the content's size, however many operators it holds.

use lopdf::Dictionary;

use crate::lexer::{Lexer, Tok};

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
                    f(Event::InlineImage(crate::content::inline_dict(&mut lx)));
                    crate::content::skip_image_data(&mut lx);
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

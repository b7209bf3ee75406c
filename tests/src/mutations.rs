//! Valid documents of a message, rewritten into other spellings of the same XML (comments, character
//! references, CDATA, prefixes…) and often mutated at random (bytes, XML tokens, whole lines), to compare
//! the streaming validator's verdict with another reader's on documents no one wrote by hand.

use crate::documents;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use scor_dictionary::schema::MessageSchema;

/// One change to a document's bytes. Positions are [`Index`]es so that proptest shrinks them.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// `token` inserted before the byte at `at`.
    Insert { at: Index, token: Vec<u8> },
    /// Up to `len` bytes removed from `at`.
    Delete { at: Index, len: usize },
    /// The byte at `at` replaced by `byte`.
    Replace { at: Index, byte: u8 },
    /// A line removed (the generated documents have one element tag, or one leaf, a line).
    DeleteLine { line: Index },
    /// A line written twice.
    DuplicateLine { line: Index },
    /// Two lines swapped.
    SwapLines { a: Index, b: Index },
    /// A line moved before another.
    MoveLine { from: Index, to: Index },
    /// The value of a data element (the `at`-th) replaced by one of [`VALUES`], as written in XML.
    Value { at: Index, value: &'static str },
}

/// Values at the edges of the data elements' types as XML Schema and the tables define them: dates
/// and times on and off the calendar, with a time zone or a fraction; numbers signed, with leading
/// zeros, in other digits; codes in other case; addresses; white space and references.
const VALUES: &[&str] = &[
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2024-02-29",
    "2023-02-29",
    "2024-04-31",
    "2024-01-01Z",
    "2024-01-01+01:00",
    "-2024-01-01",
    "12024-01-01",
    "2024-01-01T24:00:00",
    "2024-01-01T23:59:60",
    "2024-01-01T23:59:59",
    "2024-01-01T00:00:00Z",
    "2024-01-01T00:00:00.5",
    "2024-01-01 00:00:00",
    "0",
    "00",
    "1",
    "01",
    "001",
    "+1",
    "-0",
    "1.0",
    "1e3",
    "999999999",
    "9999999999999999999999",
    "\u{661}\u{662}\u{663}",
    "\u{FF10}\u{FF11}",
    "",
    "A",
    "a",
    "\u{E9}",
    "ORDN",
    "ordn",
    "INTERNE",
    "EXTERNE",
    "MANDAT",
    "PS:a@b.fr",
    "PS:A@B.FR",
    "PS:a@b",
    "PS:\u{E9}@b.fr",
    "PS:a@b.fr;PRT:c@d.fr",
    "PS : a@b.fr",
    "&#x31;",
    "1&#x20;",
    "&#32;1",
    "<![CDATA[1]]>",
    "1<!-- -->2",
];

/// Single bytes worth inserting or writing over another: XML's markup, spaces, a control character,
/// UTF-8 lead and continuation bytes, a byte never valid in UTF-8.
const BYTES: &[u8] = b"<>&;#'\"=/?!-[]x \t\r\n0aZ:\x00\x01\x0B\xC3\xA9\xE2\x80\xFF";

/// Tokens beyond the XML dictionary of the fuzz targets: references and characters a reader must
/// refuse or resolve, a byte-order mark, a name with a prefix.
const EXTRA_TOKENS: &[&str] = &[
    "&#0;",
    "&#1;",
    "&#9;",
    "&#xD800;",
    "&#x10FFFF;",
    "&#x110000;",
    "&#65;",
    "&#x20;",
    "&nbsp;",
    "\u{FEFF}",
    "\u{FFFE}",
    "\u{85}",
    "\u{A0}",
    "\u{2028}",
    " a=\"1\"",
    " xmlns:x=\"urn:x\"",
    " xmlns=\"\"",
    " xml:lang=\"fr\"",
    "<x:a/>",
    "<a/>",
    "<!---->",
    "<?pi x?>",
    "<![CDATA[1]]>",
    "<!DOCTYPE x>",
    "<!DOCTYPE x [<!ENTITY e \"1\">]>",
    "&e;",
    " standalone=\"yes\"",
    " encoding=\"ISO-8859-1\"",
    "                                ",
];

/// The tokens of `fuzz/dict/xml.dict` (libFuzzer's format: one quoted string a line, `\"` and `\\`
/// escaped), with [`EXTRA_TOKENS`].
pub fn tokens(dictionary: &str) -> Vec<Vec<u8>> {
    let quoted = dictionary.lines().filter_map(|line| line.strip_prefix('"')?.strip_suffix('"'));
    let unescaped = quoted.map(|token| token.replace("\\\"", "\"").replace("\\\\", "\\").into_bytes());
    unescaped.chain(EXTRA_TOKENS.iter().map(|t| t.as_bytes().to_vec())).collect()
}

fn mutation(tokens: Vec<Vec<u8>>) -> BoxedStrategy<Mutation> {
    prop_oneof![
        3 => (any::<Index>(), select(tokens)).prop_map(|(at, token)| Mutation::Insert { at, token }),
        2 => (any::<Index>(), select(BYTES)).prop_map(|(at, byte)| Mutation::Insert { at, token: vec![byte] }),
        2 => (any::<Index>(), 1..16usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => (any::<Index>(), select(BYTES)).prop_map(|(at, byte)| Mutation::Replace { at, byte }),
        1 => any::<Index>().prop_map(|line| Mutation::DeleteLine { line }),
        1 => any::<Index>().prop_map(|line| Mutation::DuplicateLine { line }),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(from, to)| Mutation::MoveLine { from, to }),
        3 => (any::<Index>(), select(VALUES)).prop_map(|(at, value)| Mutation::Value { at, value }),
    ]
    .boxed()
}

/// A valid document, and the bytes made of it.
#[derive(Debug, Clone)]
pub struct Mutated {
    /// The document as [`documents::Document::to_xml`] writes it.
    pub original: String,
    pub bytes: Vec<u8>,
    /// Only [`Rewrite`]s were applied: the bytes are the same document spelt otherwise.
    pub respelt_only: bool,
}

/// A valid document of `schema`, spelt otherwise by up to four [`Rewrite`]s, then changed by up to
/// three [`Mutation`]s (none in a third of the documents, which stay valid).
pub fn mutated(schema: &'static MessageSchema, tokens: Vec<Vec<u8>>) -> BoxedStrategy<Mutated> {
    let mutations = prop_oneof![1 => Just(Vec::new()), 2 => proptest::collection::vec(mutation(tokens), 1..=3)];
    (documents::valid(schema), proptest::collection::vec(rewrite(), 0..=4), mutations)
        .prop_map(|(document, rewrites, mutations)| {
            let original = document.to_xml();
            let xml = rewrites.iter().fold(original.clone(), |xml, rewrite| rewrite.apply(&xml));
            let bytes = mutations.iter().fold(xml.into_bytes(), |bytes, mutation| mutation.apply(bytes));
            Mutated { original, bytes, respelt_only: mutations.is_empty() }
        })
        .boxed()
}

/// Another spelling of the same document: what XML says is equal, a reader must read as equal.
#[derive(Debug, Clone)]
pub enum Rewrite {
    /// Markup that carries no content (a comment, a processing instruction; white space at the end
    /// of a line) inserted after the `at`-th `>`.
    Between { at: Index, insert: &'static str },
    /// One character of a value written as a character reference, decimal or hexadecimal.
    CharacterReference { at: Index, hex: bool },
    /// A value without references written as a CDATA section.
    Cdata { at: Index },
    /// Every element written with a prefix bound to the message's namespace on the root.
    Prefixed,
    /// The root's attributes in single quotes.
    SingleQuotes,
    /// Lines ending in carriage return and line feed.
    Crlf,
}

/// What [`Rewrite::Between`] inserts.
const BETWEEN: &[&str] = &["<!-- a comment -->", "<!---->", "<?scor note?>", " ", "\t", "\r\n", "\n\n"];

fn rewrite() -> BoxedStrategy<Rewrite> {
    prop_oneof![
        3 => (any::<Index>(), select(BETWEEN)).prop_map(|(at, insert)| Rewrite::Between { at, insert }),
        3 => (any::<Index>(), any::<bool>()).prop_map(|(at, hex)| Rewrite::CharacterReference { at, hex }),
        2 => any::<Index>().prop_map(|at| Rewrite::Cdata { at }),
        1 => Just(Rewrite::Prefixed),
        1 => Just(Rewrite::SingleQuotes),
        1 => Just(Rewrite::Crlf),
    ]
    .boxed()
}

impl Rewrite {
    /// `xml`, a document as [`documents::Document::to_xml`] writes it, spelt otherwise.
    pub fn apply(&self, xml: &str) -> String {
        match self {
            Rewrite::Between { at, insert } => {
                // White space only between lines, where it is not part of a value.
                let spaces = insert.trim_start_matches([' ', '\t', '\r', '\n']).is_empty();
                let ends: Vec<usize> = (xml.match_indices('>').map(|(i, _)| i + 1))
                    .filter(|&i| !spaces || xml[i..].starts_with(['\r', '\n']))
                    .collect();
                let at = ends[at.index(ends.len())];
                format!("{}{insert}{}", &xml[..at], &xml[at..])
            }
            Rewrite::CharacterReference { at, hex } => {
                let characters = value_characters(xml);
                if characters.is_empty() {
                    return xml.to_owned();
                }
                let (i, c) = characters[at.index(characters.len())];
                let reference = if *hex { format!("&#x{:X};", c as u32) } else { format!("&#{};", c as u32) };
                format!("{}{reference}{}", &xml[..i], &xml[i + c.len_utf8()..])
            }
            Rewrite::Cdata { at } => {
                let values: Vec<(usize, usize)> =
                    values(xml).filter(|&(from, to)| !xml[from..to].contains('&')).collect();
                if values.is_empty() {
                    return xml.to_owned();
                }
                let (from, to) = values[at.index(values.len())];
                format!("{}<![CDATA[{}]]>{}", &xml[..from], &xml[from..to], &xml[to..])
            }
            Rewrite::Prefixed if xml.contains(" xmlns:p=") => xml.to_owned(),
            Rewrite::Prefixed => {
                let mut prefixed = String::with_capacity(xml.len() + 256);
                let mut rest = xml;
                while let Some(i) = rest.find('<') {
                    let (before, tag) = rest.split_at(i);
                    prefixed.push_str(before);
                    let name_at = if tag.starts_with("</") { 2 } else { 1 };
                    prefixed.push_str(&tag[..name_at]);
                    if tag[name_at..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                        prefixed.push_str("p:");
                    }
                    rest = &tag[name_at..];
                }
                prefixed.push_str(rest);
                let declared = xml.split(" xmlns=").nth(1).expect("the root declares its namespace");
                let quote = declared.chars().next().expect("a quoted namespace");
                let namespace = declared[1..].split(quote).next().expect("a quoted namespace");
                prefixed.replacen(" xmlns=", &format!(" xmlns:p=\"{namespace}\" xmlns="), 1)
            }
            Rewrite::SingleQuotes => {
                let root = xml.find("?>").map_or(0, |i| i + 2);
                let root_end = root + xml[root..].find('>').expect("a root start tag");
                format!("{}{}{}", &xml[..root], xml[root..root_end].replace('"', "'"), &xml[root_end..])
            }
            Rewrite::Crlf => xml.replace('\n', "\r\n"),
        }
    }
}

impl Mutation {
    pub fn apply(&self, mut bytes: Vec<u8>) -> Vec<u8> {
        match self {
            Mutation::Insert { at, token } => {
                let at = at.index(bytes.len() + 1);
                bytes.splice(at..at, token.iter().copied());
            }
            Mutation::Delete { at, len } if !bytes.is_empty() => {
                let at = at.index(bytes.len());
                bytes.drain(at..(at + len).min(bytes.len()));
            }
            Mutation::Replace { at, byte } if !bytes.is_empty() => {
                let at = at.index(bytes.len());
                bytes[at] = *byte;
            }
            Mutation::DeleteLine { line } => {
                return lines_edited(&bytes, |lines| {
                    lines.remove(line.index(lines.len()));
                });
            }
            Mutation::DuplicateLine { line } => {
                return lines_edited(&bytes, |lines| {
                    let i = line.index(lines.len());
                    lines.insert(i, lines[i]);
                });
            }
            Mutation::SwapLines { a, b } => {
                return lines_edited(&bytes, |lines| {
                    let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                    lines.swap(a, b);
                });
            }
            Mutation::MoveLine { from, to } => {
                return lines_edited(&bytes, |lines| {
                    let line = lines.remove(from.index(lines.len()));
                    lines.insert(to.index(lines.len() + 1), line);
                });
            }
            Mutation::Value { at, value } => {
                let Ok(xml) = std::str::from_utf8(&bytes) else { return bytes };
                let leaves: Vec<(usize, usize)> = values(xml).collect();
                if leaves.is_empty() {
                    return bytes;
                }
                let (from, to) = leaves[at.index(leaves.len())];
                return [&xml.as_bytes()[..from], value.as_bytes(), &xml.as_bytes()[to..]].concat();
            }
            Mutation::Delete { .. } | Mutation::Replace { .. } => {}
        }
        bytes
    }
}

/// The byte ranges of the values of leaf elements: text before an end tag that is not only white
/// space (which is the space between the elements of a group).
fn values(xml: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    xml.match_indices('>').filter_map(move |(i, _)| {
        let from = i + 1;
        let to = from + xml[from..].find('<')?;
        let text = &xml[from..to];
        let spaces = text.trim_start_matches([' ', '\t', '\r', '\n']).is_empty();
        (!spaces && xml[to..].starts_with("</")).then_some((from, to))
    })
}

/// The characters of the values of leaf elements that are not part of a reference, with their offsets.
fn value_characters(xml: &str) -> Vec<(usize, char)> {
    let mut characters = Vec::new();
    for (from, to) in values(xml) {
        let mut in_reference = false;
        for (i, c) in xml[from..to].char_indices() {
            in_reference = (in_reference || c == '&') && c != ';';
            if !in_reference && c != ';' {
                characters.push((from + i, c));
            }
        }
    }
    characters
}

/// `bytes` cut after each line feed, edited as a list of lines (never empty) and joined again.
fn lines_edited(bytes: &[u8], edit: impl FnOnce(&mut Vec<&[u8]>)) -> Vec<u8> {
    let mut lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    if lines.is_empty() {
        return bytes.to_vec();
    }
    edit(&mut lines);
    lines.concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;

    fn index(i: usize, of: usize) -> Index {
        // An Index maps to `i` of `of` when its fraction is i / of (proptest scales by the length).
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        loop {
            let candidate = any::<Index>().new_tree(&mut runner).unwrap().current();
            if candidate.index(of) == i {
                return candidate;
            }
        }
    }

    #[test]
    fn line_mutations_edit_whole_lines() {
        let bytes = b"a\nb\nc\n".to_vec();
        assert_eq!(Mutation::DeleteLine { line: index(1, 3) }.apply(bytes.clone()), b"a\nc\n");
        assert_eq!(Mutation::DuplicateLine { line: index(0, 3) }.apply(bytes.clone()), b"a\na\nb\nc\n");
        assert_eq!(Mutation::SwapLines { a: index(0, 3), b: index(2, 3) }.apply(bytes.clone()), b"c\nb\na\n");
        assert_eq!(Mutation::MoveLine { from: index(2, 3), to: index(0, 3) }.apply(bytes), b"c\na\nb\n");
    }

    #[test]
    fn byte_mutations_stay_within_the_document() {
        assert_eq!(Mutation::Insert { at: index(2, 3), token: b"<>".to_vec() }.apply(b"ab".to_vec()), b"ab<>");
        assert_eq!(Mutation::Delete { at: index(1, 3), len: 9 }.apply(b"abc".to_vec()), b"a");
        assert_eq!(Mutation::Replace { at: index(0, 1), byte: b'<' }.apply(b"a".to_vec()), b"<");
        assert_eq!(Mutation::Delete { at: index(0, 1), len: 1 }.apply(Vec::new()), b"");
    }

    #[test]
    fn the_dictionary_reads_its_escapes() {
        let read = tokens("# a comment\n\"<a>\"\n\"=\\\"\"\n\"\\\\\"\n");
        assert_eq!(&read[..3], &[b"<a>".to_vec(), b"=\"".to_vec(), b"\\".to_vec()]);
        assert_eq!(read.len(), 3 + EXTRA_TOKENS.len());
    }
}

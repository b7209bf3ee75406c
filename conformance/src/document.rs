//! A message the streaming validator found well-formed, read into a small element tree so cross-field
//! rules can ask for a data element by its EF id, wherever the dictionary version puts it.

use quick_xml::Reader;
use quick_xml::events::Event;
use scor_dictionary::schema::{Content, MessageSchema, Node};
use scor_dictionary::stream::{LineCursor, Reading};
use scor_dictionary::{Finding, Location, Options};

/// An element with its text, children and place in the file.
#[derive(Debug, Clone)]
pub struct Element {
    pub name: String,
    pub text: String,
    pub xpath: String,
    pub line: u32,
    pub column: u32,
    pub children: Vec<Element>,
}

impl Element {
    /// The first element at `path` (`Lot/Exercice`) below this one.
    pub fn at(&self, path: &str) -> Option<&Element> {
        path.split('/').try_fold(self, |element, name| element.children.iter().find(|c| c.name == name))
    }

    /// Every element at `path` below this one, in document order.
    pub fn all(&self, path: &str) -> Vec<&Element> {
        let mut current = vec![self];
        for name in path.split('/') {
            current = current.iter().flat_map(|e| e.children.iter().filter(|c| c.name == name)).collect();
        }
        current
    }

    /// The location of this element in `file`.
    pub fn location(&self, file: &str) -> Location {
        Location { line: Some(self.line), column: Some(self.column), ..Location::file(file).with_xpath(&self.xpath) }
    }
}

/// A read message: its schema and root element.
#[derive(Debug)]
pub struct Document {
    pub schema: &'static MessageSchema,
    pub file: String,
    pub root: Element,
}

impl Document {
    /// Reads `bytes`, which the streaming validator has found well-formed and within the reading limits.
    /// Returns `None` when they are not (the validator's findings say why).
    pub fn read(schema: &'static MessageSchema, file: &str, bytes: &[u8]) -> Option<Self> {
        Some(Self::named(schema, file, read_tree(bytes)?))
    }

    /// Validates `bytes` (the streaming validator's findings) and reads the document on the same pass;
    /// the second value gives it, as [`Document::read`] would read it (`None` when it is not
    /// well-formed). The caller asks for it only when the findings let it: a pass that stopped early
    /// left the file to be read again, which a hostile file must not be.
    pub fn validate<'a>(
        schema: &'static MessageSchema,
        file: &'a str,
        bytes: &'a [u8],
        options: Options,
    ) -> (Vec<Finding>, impl FnOnce() -> Option<Self> + 'a) {
        let mut tree = TreeReading { bytes, ..TreeReading::default() };
        let findings = scor_dictionary::stream::validate_reading(schema, file, bytes, options, &mut tree);
        let TreeReading { root, broken, .. } = tree;
        let document = move || {
            if broken { Self::read(schema, file, bytes) } else { root.map(|root| Self::named(schema, file, root)) }
        };
        (findings, document)
    }

    fn named(schema: &'static MessageSchema, file: &str, mut root: Element) -> Self {
        root.xpath = format!("/{}", root.name);
        name_children(&mut root, schema.children);
        Self { schema, file: file.to_owned(), root }
    }

    /// The element of data element `id`, when the message has it (first occurrence).
    pub fn field(&self, id: &str) -> Option<&Element> {
        self.root.at(self.schema.field(id)?.path)
    }

    /// The text of data element `id`.
    pub fn value(&self, id: &str) -> Option<&str> {
        self.field(id).map(|e| e.text.as_str())
    }

    /// The element of data element `id` inside `group`, an occurrence of the repeated group `group_path`
    /// (`Dossiers/Dossier`).
    pub fn field_in<'a>(&self, group: &'a Element, group_path: &str, id: &str) -> Option<&'a Element> {
        let path = self.schema.field(id)?.path;
        group.at(path.strip_prefix(group_path)?.strip_prefix('/')?)
    }

    /// The path of the group that holds data element `id` (`Dossiers/Dossier` for EF_PA_004_01).
    pub fn group_of(&self, id: &str) -> Option<&'static str> {
        self.schema.field(id)?.path.rsplit_once('/').map(|(group, _)| group)
    }

    /// The location of `element` in this document's file.
    pub fn location(&self, element: &Element) -> Location {
        element.location(&self.file)
    }

    /// The location of the root element.
    pub fn root_location(&self) -> Location {
        self.location(&self.root)
    }
}

/// XPaths as the streaming validator writes them: an index only on elements that may repeat.
fn name_children(parent: &mut Element, nodes: &'static [Node]) {
    let mut counts: std::collections::HashMap<String, u32> = Default::default();
    for child in &mut parent.children {
        let count = counts.entry(child.name.clone()).or_default();
        *count += 1;
        let node = nodes.iter().find(|n| n.name == child.name);
        let repeats = node.is_some_and(|n| n.max > 1);
        child.xpath = if repeats {
            format!("{}/{}[{count}]", parent.xpath, child.name)
        } else {
            format!("{}/{}", parent.xpath, child.name)
        };
        match node.map(|n| &n.content) {
            Some(Content::Group(children)) => name_children(child, children),
            _ => name_children(child, &[]),
        }
    }
}

/// The element tree of well-formed XML, local names only (the validator has checked namespaces).
fn read_tree(bytes: &[u8]) -> Option<Element> {
    let mut reader = Reader::from_reader(bytes);
    let mut cursor = LineCursor::default();
    let mut stack: Vec<Element> = Vec::new();
    loop {
        let start = reader.buffer_position();
        match reader.read_event().ok()? {
            Event::Start(e) => {
                let name = <str as ToOwned>::to_owned(e.local_name().as_ref());
                stack.push(open(&mut cursor, bytes, start, &name));
            }
            Event::Empty(e) => {
                let name = <str as ToOwned>::to_owned(e.local_name().as_ref());
                let element = open(&mut cursor, bytes, start, &name);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => return Some(element),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().ok()? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)?.to_owned(),
                };
                stack.last_mut()?.text.push_str(&text);
            }
            Event::CData(c) => stack.last_mut()?.text.push_str(&c),
            Event::End(_) => {
                let element = stack.pop()?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => return Some(element),
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The tree of [`read_tree`], built from the validator's events instead of a second pass.
#[derive(Default)]
struct TreeReading<'b> {
    bytes: &'b [u8],
    cursor: LineCursor,
    stack: Vec<Element>,
    root: Option<Element>,
    /// The pass stopped, or met what `read_tree` gives up on (resolved text before the root).
    broken: bool,
}

impl Reading for TreeReading<'_> {
    fn start(&mut self, local_name: &str, offset: u64) {
        if self.root.is_none() {
            let element = open(&mut self.cursor, self.bytes, offset, local_name);
            self.stack.push(element);
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(top) = self.stack.last_mut() {
            top.text.push_str(text);
        }
    }

    fn resolved(&mut self, text: &str) {
        match self.stack.last_mut() {
            Some(top) => top.text.push_str(text),
            None => self.broken |= self.root.is_none(),
        }
    }

    fn end(&mut self) {
        if self.root.is_some() {
            return;
        }
        let Some(element) = self.stack.pop() else {
            self.broken = true;
            return;
        };
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(element),
            None => self.root = Some(element),
        }
    }

    fn stopped(&mut self) {
        self.broken = true;
    }
}

fn open(cursor: &mut LineCursor, bytes: &[u8], start: u64, name: &str) -> Element {
    let (line, column) = cursor.at(bytes, start);
    Element { name: name.to_owned(), text: String::new(), xpath: String::new(), line, column, children: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::Document;
    use scor_dictionary::{Options, Profil};

    const HEADER: &str = include_str!("../../examples/lot/E-2026-ENTSCANORDO-00042.xml");

    /// The document read on the validator's pass is the one a second pass reads, element for element
    /// (names, text, XPaths, lines and columns), whatever the file holds.
    #[test]
    fn the_validators_pass_reads_what_a_second_pass_reads() {
        let schema = scor_dictionary::latest::DICTIONARY.message(Profil::Entscanordo);
        let root =
            "<ENTSCANORDO xmlns=\"http://www.interregime.fr/ENTSCANORDO\" Version=\"04.00\" Profil=\"ENTSCANORDO\">";
        let cases = [
            HEADER.to_owned(),
            format!("\u{feff}{HEADER}"),
            HEADER.replace("\n", "\r\n"),
            HEADER
                .replace("<Fonction>9</Fonction>", "<Fonction>&#57;<![CDATA[]]></Fonction><!-- c --><Inconnu a='1'/>"),
            HEADER.replace(
                "<Fonction>9</Fonction>",
                "<Fonction>&amp;&lt;9</Fonction><x:Autre xmlns:x='urn:x'>t</x:Autre>",
            ),
            HEADER.replace(root, &format!("\u{feff}{root}")),
            HEADER.replace(root, &format!("<![CDATA[ ]]>{root}")),
            HEADER.replace("</ENTSCANORDO>", "</ENTSCANORDO><après/>"),
            HEADER.replace("</ENTSCANORDO>", "</ENTSCANORDO>&amp;"),
            HEADER.replace("</ENTSCANORDO>", ""),
            HEADER.replace("<Temps>", "<!DOCTYPE x><Temps>"),
            HEADER.replace("2026-11-23T10:15:00", "&ent;"),
            format!("{root}</ENTSCANORDO>"),
            "<ENTSCANORDO/>".to_owned(),
            String::new(),
        ];
        for xml in cases {
            let (_, validated) = Document::validate(schema, "E.xml", xml.as_bytes(), Options::default());
            let read = Document::read(schema, "E.xml", xml.as_bytes());
            assert_eq!(format!("{:?}", validated().map(|d| d.root)), format!("{:?}", read.map(|d| d.root)), "{xml}");
        }
    }
}

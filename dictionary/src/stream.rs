//! The streaming validator: one quick-xml pass over a message that checks what yaserde cannot —
//! root, namespace, attributes, element order, unknown, missing and repeated elements — and every data
//! element's value, with size, depth and text limits, and no entity ever expanded.

use crate::Check;
use crate::finding::{Finding, Location};
use crate::schema::{Content, MessageSchema, Node, is_xml_char};
use quick_xml::NsReader;
use quick_xml::events::{BytesDecl, BytesStart, Event};
use quick_xml::name::ResolveResult;
use scor_locale::{Text, text};

/// What the caller allows the validator to do beyond the defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Echo the values of confidential messages (patient data) in findings.
    pub reveal_patient_data: bool,
}

/// Every finding of one pass over `bytes`, the content of `file`, against `schema`.
pub fn validate(schema: &'static MessageSchema, file: &str, bytes: &[u8], options: Options) -> Vec<Finding> {
    validate_reading(schema, file, bytes, options, &mut ())
}

/// The elements of a message as the pass meets them, for a caller that builds its own model from the
/// same events instead of reading the file again: every element (unknown ones too) with its local name
/// and the byte offset of its start tag, and its text.
pub trait Reading {
    fn start(&mut self, local_name: &str, offset: u64);
    /// Character data, as read.
    fn text(&mut self, text: &str);
    /// A CDATA section, or an entity or character reference resolved.
    fn resolved(&mut self, text: &str);
    fn end(&mut self);
    /// The pass stopped before the end of the file (a fatal finding, or the finding limit): what was
    /// given so far is not the whole message.
    fn stopped(&mut self);
}

/// Nothing is kept.
impl Reading for () {
    fn start(&mut self, _: &str, _: u64) {}
    fn text(&mut self, _: &str) {}
    fn resolved(&mut self, _: &str) {}
    fn end(&mut self) {}
    fn stopped(&mut self) {}
}

/// [`validate`], giving `reading` each element met on the way.
pub fn validate_reading(
    schema: &'static MessageSchema,
    file: &str,
    bytes: &[u8],
    options: Options,
    reading: &mut dyn Reading,
) -> Vec<Finding> {
    let mut pass = Pass::new(schema, file, bytes, options);
    if !pass.run(reading) {
        reading.stopped();
    }
    pass.findings
}

/// An open element: a group with its progress through its children, a data element collecting its
/// text, or an element being skipped (unknown, foreign) with everything inside it.
enum Frame {
    Group { nodes: &'static [Node], position: usize, counts: Vec<u32>, xpath: String },
    Field { node: &'static Node, text: String, over_limit: bool, xpath: String, line: Option<(u32, u32)> },
    Skip,
}

struct Pass<'a> {
    schema: &'static MessageSchema,
    file: &'a str,
    bytes: &'a [u8],
    options: Options,
    stack: Vec<Frame>,
    findings: Vec<Finding>,
    seen_root: bool,
    cursor: LineCursor,
}

/// What is wrong with an XML declaration at the start of `document`, whose bytes are UTF-8, if anything.
fn declaration_problem(declaration: &BytesDecl<'_>, document: &[u8]) -> Option<String> {
    let [version, encoding, standalone] = match declared(declaration) {
        Ok(values) => values,
        Err(problem) => return Some(problem),
    };
    let version = version.unwrap_or_default();
    let minor = version.strip_prefix("1.");
    if !minor.is_some_and(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit())) {
        return Some(format!("XML version {version:?} is not 1.0"));
    }
    if let Some(standalone) = standalone.filter(|s| *s != "yes" && *s != "no") {
        return Some(format!("standalone={standalone:?}: it is \"yes\" or \"no\""));
    }
    let label = encoding?;
    let mut chars = label.chars();
    let named = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !named {
        return Some(format!("{label:?} is not the name of an encoding"));
    }
    let encoding = encoding_rs::Encoding::for_label_no_replacement(label.as_bytes());
    match encoding {
        None => Some(format!("encoding {label:?} is not an encoding a reader knows")),
        Some(encoding) if encoding == encoding_rs::UTF_8 => None,
        Some(encoding) if !encoding.is_ascii_compatible() => {
            Some(format!("the document declares encoding {label} but its bytes are UTF-8"))
        }
        Some(_) if !document.is_ascii() => Some(format!(
            "the document declares encoding {label} and holds non-ASCII bytes, which a reader that follows \
             the declaration reads as other characters than this UTF-8 reading"
        )),
        Some(_) => None,
    }
}

/// The names an XML declaration may hold, in the order it must hold them.
const DECLARED: [&str; 3] = ["version", "encoding", "standalone"];

/// The values of an XML declaration (`xml version="1.0" …`, between `<?` and `?>`), read by XML 1.0's
/// production 23: `version` first and required, then `encoding` and `standalone` if present, each after
/// white space, with `=` and a quoted value. Values are checked by the caller.
fn declared<'a>(declaration: &'a BytesDecl<'_>) -> Result<[Option<&'a str>; 3], String> {
    let content: &str = declaration;
    let mut rest = content.strip_prefix("xml").ok_or("the XML declaration does not start with <?xml")?;
    let mut values = [None; 3];
    let mut next = 0;
    loop {
        let after_space = rest.trim_start_matches(XML_SPACES);
        if after_space.is_empty() {
            break;
        }
        if after_space.len() == rest.len() {
            return Err(format!("white space is needed before {:?} in the XML declaration", cut(after_space)));
        }
        let name_end = after_space.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(after_space.len());
        let name = &after_space[..name_end];
        let Some(at) = DECLARED.iter().skip(next).position(|n| *n == name).map(|i| i + next) else {
            return Err(format!("{:?} is not in its place in the XML declaration", cut(after_space)));
        };
        if values[0].is_none() && at != 0 {
            return Err("the XML declaration starts with its version".to_owned());
        }
        let after_eq = after_space[name_end..].trim_start_matches(XML_SPACES).strip_prefix('=');
        let value_and_rest = after_eq.map(|v| v.trim_start_matches(XML_SPACES));
        let quoted = value_and_rest.and_then(|v| {
            let quote = v.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            let end = v[1..].find(quote)? + 1;
            Some((&v[1..end], &v[end + 1..]))
        });
        let Some((value, after_value)) = quoted else {
            return Err(format!("{name} in the XML declaration needs = and a quoted value"));
        };
        values[at] = Some(value);
        (rest, next) = (after_value, at + 1);
    }
    if values[0].is_none() {
        return Err("the XML declaration has no version".to_owned());
    }
    Ok(values)
}

/// What is wrong with the target of a processing instruction, if anything: it is a name (XML 1.0 §2.3)
/// without a colon (Namespaces in XML §7), and not `xml` in any case, which only the declaration is.
fn target_problem(target: &str) -> Option<String> {
    let mut chars = target.chars();
    let named = chars.next().is_some_and(is_name_start) && chars.all(is_name_char);
    if !named || target.contains(':') {
        Some(format!("{:?} is not the name of a processing instruction", cut(target)))
    } else if target.eq_ignore_ascii_case("xml") {
        Some("the XML declaration is allowed only at the very start of the document".to_owned())
    } else {
        None
    }
}

/// XML 1.0's NameStartChar (fifth edition).
fn is_name_start(c: char) -> bool {
    matches!(c, ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0's NameChar (fifth edition).
fn is_name_char(c: char) -> bool {
    is_name_start(c) || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// XML's white space characters.
const XML_SPACES: [char; 4] = [' ', '\t', '\r', '\n'];

/// The first characters of `text`, to quote it in a message.
fn cut(text: &str) -> &str {
    text.char_indices().nth(12).map_or(text, |(at, _)| &text[..at])
}

/// `]]>` in `text`: never in character data (a byte scan, as most text has no `]`).
fn has_cdata_end(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.contains(&b']') && bytes.windows(3).any(|w| w == b"]]>")
}

/// The first character of `text` outside XML's `Char` production ([`is_xml_char`]), and its offset.
/// Only a C0 control other than tab, line feed and carriage return, or a character whose UTF-8 starts
/// with 0xEF (U+F000 to U+FFFF, where U+FFFE and U+FFFF are), can be one: blocks of bytes holding
/// neither are passed over without a branch, as nearly every document has none.
fn forbidden_character(text: &str) -> Option<(usize, char)> {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF;
    (0..bytes.len()).step_by(BLOCK).find_map(|start| {
        let end = (start + BLOCK).min(bytes.len());
        if !bytes[start..end].iter().fold(false, |any, &b| any | suspect(b)) {
            return None;
        }
        let from = text.floor_char_boundary(start);
        let window = &text[from..text.ceil_char_boundary(end)];
        window.char_indices().find(|(_, c)| !is_xml_char(*c)).map(|(at, c)| (from + at, c))
    })
}

/// Every quoted value of a start tag's attributes is followed by white space or the end of the tag
/// (quick-xml reads `a="1"b="2"` as two attributes).
fn spaced_attributes(raw: &[u8]) -> bool {
    let mut quote = None;
    let mut closed = false;
    for &b in raw {
        if let Some(q) = quote {
            if b == q {
                (quote, closed) = (None, true);
            }
            continue;
        }
        if std::mem::take(&mut closed) && !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/') {
            return false;
        }
        if b == b'"' || b == b'\'' {
            quote = Some(b);
        }
    }
    true
}

/// `text` is white space in XML's sense (space, tab, carriage return, line feed), the only text
/// allowed between the elements of a group and around the root; Unicode's other spaces are not.
fn only_xml_spaces(text: &str) -> bool {
    text.trim_start_matches(XML_SPACES).is_empty()
}

/// Why the pass stopped early.
struct Stop;

/// The attributes of an element, as read, namespace declarations aside.
#[derive(Default)]
struct Attributes {
    /// (local name, in no namespace, normalised value).
    read: Vec<(String, bool, String)>,
    /// Every attribute, namespace declarations included.
    count: usize,
}

impl<'a> Pass<'a> {
    fn new(schema: &'static MessageSchema, file: &'a str, bytes: &'a [u8], options: Options) -> Self {
        Self {
            schema,
            file,
            bytes,
            options,
            stack: Vec::new(),
            findings: Vec::new(),
            seen_root: false,
            cursor: LineCursor::default(),
        }
    }

    fn limits(&self) -> crate::schema::XmlLimits {
        self.schema.dictionary.xml_limits
    }

    fn reveal(&self) -> bool {
        self.options.reveal_patient_data || !self.schema.confidential
    }

    /// Records a finding of `check` at byte `offset` (line and column computed from it).
    fn report(
        &mut self,
        check: Check,
        element: Option<&'static str>,
        xpath: Option<String>,
        offset: u64,
        message: Text,
    ) {
        let rule = self.schema.dictionary.rule(check, element);
        let (line, column) = self.cursor.at(self.bytes, offset);
        let location = Location {
            file: self.file.to_owned(),
            xpath,
            line: Some(line),
            column: Some(column),
            byte_offset: Some(offset),
            page: None,
        };
        let mut finding = Finding::new(rule, self.schema.level, location, message);
        if let Some(element) = element {
            finding = finding.about(element);
        }
        self.push(finding);
    }

    /// Keeps a finding unless the file already has as many as the limit allows; the last one kept
    /// says so.
    fn push(&mut self, mut finding: Finding) {
        let limit = self.limits().max_findings;
        if self.findings.len() >= limit {
            return;
        }
        if self.findings.len() + 1 == limit {
            finding.retell(|text| text!("xml-finding-limit-reached", finding = text));
        }
        self.findings.push(finding);
    }

    /// Whether the pass read the file to its end.
    fn run(&mut self, reading: &mut dyn Reading) -> bool {
        let max = self.limits().max_bytes;
        if self.bytes.len() as u64 > max {
            let size = self.bytes.len();
            self.report(Check::Limit, None, None, 0, text!("xml-file-too-large", size = size, max = max));
            return false;
        }
        let text = match std::str::from_utf8(self.bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.valid_up_to() as u64;
                self.report(Check::Syntax, None, None, at, text!("xml-not-utf8"));
                return false;
            }
        };
        if let Some((at, character)) = forbidden_character(text) {
            let detail = format!("the character U+{:04X}, which XML cannot carry (XML 1.0 §2.2)", character as u32);
            self.report(Check::Syntax, None, None, at as u64, text!("xml-not-well-formed", detail = detail));
            return false;
        }
        let mut reader = NsReader::from_str(text);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.check_comments = true;
        self.events(&mut reader, reading).is_ok()
    }

    fn events(&mut self, reader: &mut NsReader<&[u8]>, reading: &mut dyn Reading) -> Result<(), Stop> {
        loop {
            let offset = reader.buffer_position();
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = reader.error_position();
                    self.report(
                        Check::Syntax,
                        None,
                        self.xpath(),
                        at,
                        text!("xml-not-well-formed", detail = e.to_string()),
                    );
                    return Err(Stop);
                }
            };
            match event {
                Event::Start(start) => {
                    reading.start(start.local_name().as_ref(), offset);
                    self.start(reader, &start, offset)?;
                }
                Event::End(_) => {
                    reading.end();
                    self.end(offset);
                }
                Event::Text(text) => {
                    if has_cdata_end(text.as_ref()) {
                        return Err(self.not_well_formed(offset, "`]]>` in character data (XML 1.0 §2.4)"));
                    }
                    let text = text.xml10_content();
                    reading.text(&text);
                    self.text(&text, only_xml_spaces(&text), offset);
                }
                Event::CData(data) => {
                    reading.resolved(&data);
                    self.text(&data, false, offset);
                }
                Event::GeneralRef(reference) => self.reference(&reference, offset, reading)?,
                Event::DocType(_) => {
                    self.report(Check::Dtd, None, None, offset, text!("xml-dtd"));
                    return Err(Stop);
                }
                Event::Eof => {
                    self.eof(offset);
                    return Ok(());
                }
                Event::Decl(declaration) => self.declaration(&declaration, offset)?,
                Event::PI(instruction) => {
                    if let Some(detail) = target_problem(instruction.target()) {
                        return Err(self.not_well_formed(offset, &detail));
                    }
                }
                Event::Empty(_) | Event::Comment(_) => {}
            }
        }
    }

    /// Reports the document as not well formed at `offset`, where the pass stops.
    fn not_well_formed(&mut self, offset: u64, detail: &str) -> Stop {
        self.report(Check::Syntax, None, self.xpath(), offset, text!("xml-not-well-formed", detail = detail));
        Stop
    }

    /// The XML declaration: first in the file and once, version 1.x, `standalone` yes or no, and an
    /// encoding this UTF-8 reading agrees with (UTF-8, or any ASCII-compatible one on an ASCII file).
    fn declaration(&mut self, declaration: &BytesDecl<'_>, offset: u64) -> Result<(), Stop> {
        let after_bom = if self.bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        let problem = if offset != 0 && offset != after_bom {
            Some("the XML declaration is allowed only at the very start of the document".to_owned())
        } else {
            declaration_problem(declaration, self.bytes)
        };
        match problem {
            Some(detail) => Err(self.not_well_formed(offset, &detail)),
            None => Ok(()),
        }
    }

    fn xpath(&self) -> Option<String> {
        self.stack.iter().rev().find_map(|f| match f {
            Frame::Group { xpath, .. } | Frame::Field { xpath, .. } => Some(xpath.clone()),
            Frame::Skip => None,
        })
    }

    fn start(&mut self, reader: &NsReader<&[u8]>, start: &BytesStart<'_>, offset: u64) -> Result<(), Stop> {
        let depth = self.limits().max_depth;
        if self.stack.len() >= depth {
            self.report(Check::Limit, None, self.xpath(), offset, text!("xml-too-deep", depth = depth));
            return Err(Stop);
        }
        let (namespace, local) = reader.resolver().resolve_element(start.name());
        let local = local.as_ref().to_owned();
        let in_namespace = matches!(namespace, ResolveResult::Bound(ns) if ns.0 == self.schema.namespace);
        if !self.seen_root {
            self.seen_root = true;
            return self.root(reader, start, &local, in_namespace, offset);
        }
        // Most elements have none: their start tag is only a name.
        let attributes = if start.attributes_raw().trim_ascii().is_empty() {
            Attributes::default()
        } else {
            self.read_attributes(reader, start, &local, &self.xpath().unwrap_or_default(), offset)?
        };
        let frame = match self.stack.last_mut() {
            Some(Frame::Group { .. }) => self.child(&local, in_namespace, offset),
            Some(Frame::Field { node, xpath, .. }) => {
                let (id, xpath) = (field_id(node), xpath.clone());
                let message = text!("xml-element-in-field", element = &local, id = id);
                self.report(Check::Content, Some(id), Some(xpath), offset, message);
                Frame::Skip
            }
            Some(Frame::Skip) => Frame::Skip,
            None => {
                self.report(Check::Syntax, None, None, offset, text!("xml-element-after-root", element = &local));
                return Err(Stop);
            }
        };
        if let Frame::Group { xpath, .. } | Frame::Field { xpath, .. } = &frame
            && attributes.count > 0
        {
            let xpath = xpath.clone();
            self.check_element_attributes(&attributes, &local, &xpath, offset)?;
        }
        self.stack.push(frame);
        Ok(())
    }

    fn root(
        &mut self,
        reader: &NsReader<&[u8]>,
        start: &BytesStart<'_>,
        local: &str,
        in_namespace: bool,
        offset: u64,
    ) -> Result<(), Stop> {
        let schema = self.schema;
        let xpath = format!("/{}", schema.root);
        // Attributes are read first: a broken one can hide the namespace declaration.
        let attributes = self.read_attributes(reader, start, local, &xpath, offset)?;
        if local != schema.root || !in_namespace {
            let (profil, root, namespace) = (schema.profil, schema.root, schema.namespace);
            let message = if in_namespace {
                text!("xml-root", element = local, profil = profil, root = root, namespace = namespace)
            } else {
                text!(
                    "xml-root-outside-namespace",
                    element = local,
                    profil = profil,
                    root = root,
                    namespace = namespace
                )
            };
            self.report(Check::Root, None, Some(xpath), offset, message);
            return Err(Stop);
        }
        self.check_attributes(attributes, &xpath, offset)?;
        let counts = vec![0; schema.children.len()];
        self.stack.push(Frame::Group { nodes: schema.children, position: 0, counts, xpath });
        Ok(())
    }

    /// The attributes of `element`, or a finding on the first one that cannot be read (not well formed,
    /// or an entity in its value).
    fn read_attributes(
        &mut self,
        reader: &NsReader<&[u8]>,
        start: &BytesStart<'_>,
        element: &str,
        xpath: &str,
        offset: u64,
    ) -> Result<Attributes, Stop> {
        let mut attributes = Attributes::default();
        if !spaced_attributes(start.attributes_raw().as_bytes()) {
            let detail = "no white space between two attributes (XML 1.0 §3.1)";
            let message = text!("xml-bad-attribute", element = element, detail = detail);
            self.report(Check::Syntax, None, Some(xpath.to_owned()), offset, message);
            return Err(Stop);
        }
        for attribute in start.attributes() {
            let attribute = match attribute {
                Ok(a) => a,
                Err(e) => {
                    let message = text!("xml-bad-attribute", element = element, detail = e.to_string());
                    self.report(Check::Syntax, None, Some(xpath.to_owned()), offset, message);
                    return Err(Stop);
                }
            };
            if attribute.value.contains('<') {
                let detail = "`<` in an attribute value (XML 1.0 §3.1)";
                let message = text!("xml-bad-attribute", element = element, detail = detail);
                self.report(Check::Syntax, None, Some(xpath.to_owned()), offset, message);
                return Err(Stop);
            }
            attributes.count += 1;
            if attributes.count > self.limits().max_attributes {
                // Counted further only to be told: the document is not read any further.
                continue;
            }
            let value = match attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(value) => value,
                Err(e) => {
                    let message = text!("xml-attribute-entity", detail = e.to_string());
                    self.report(Check::Dtd, None, Some(xpath.to_owned()), offset, message);
                    return Err(Stop);
                }
            };
            let key = attribute.key;
            if key.as_namespace_binding().is_some() {
                continue;
            }
            let value = value.into_owned();
            let (namespace, local) = reader.resolver().resolve_attribute(key);
            let unbound = matches!(namespace, ResolveResult::Unbound);
            attributes.read.push((local.as_ref().to_owned(), unbound, value));
        }
        Ok(attributes)
    }

    /// The attribute limit of any element; then, but for the root, every attribute is unknown: only the
    /// root has attributes (Version and Profil).
    fn check_element_attributes(
        &mut self,
        attributes: &Attributes,
        element: &str,
        xpath: &str,
        offset: u64,
    ) -> Result<(), Stop> {
        let (count, max) = (attributes.count, self.limits().max_attributes);
        if count > max {
            let message = text!("xml-too-many-attributes", count = count, max = max);
            self.report(Check::Limit, None, Some(xpath.to_owned()), offset, message);
            return Err(Stop);
        }
        for (name, _, _) in &attributes.read {
            let message = text!("xml-unknown-attribute", name = name.as_str(), element = element);
            self.report(Check::Attribute, None, Some(xpath.to_owned()), offset, message);
        }
        Ok(())
    }

    /// Unknown attributes, the attribute limit, and the values of Version and Profil.
    fn check_attributes(&mut self, mut attributes: Attributes, xpath: &str, offset: u64) -> Result<(), Stop> {
        let schema = self.schema;
        let mut take = |name: &str| {
            let at = attributes.read.iter().position(|(local, unbound, _)| *unbound && local == name)?;
            Some(attributes.read.remove(at).2)
        };
        let (version, profil) = (take("Version"), take("Profil"));
        self.check_element_attributes(&attributes, schema.root, xpath, offset)?;
        let expected = [("Version", version, schema.version), ("Profil", profil, schema.profil)];
        for (name, found, expected) in expected {
            let message = match found {
                Some(value) if value == expected => continue,
                Some(value) => text!(
                    "xml-attribute-value",
                    name = name,
                    value = format!("{value:?}"),
                    profil = schema.profil,
                    expected = format!("{expected:?}")
                ),
                None => text!(
                    "xml-attribute-missing",
                    name = name,
                    profil = schema.profil,
                    expected = format!("{expected:?}")
                ),
            };
            self.report(Check::Attribute, None, Some(xpath.to_owned()), offset, message);
        }
        Ok(())
    }

    /// The frame of a child element of the current group, after checking its place.
    fn child(&mut self, local: &str, in_namespace: bool, offset: u64) -> Frame {
        let Some(Frame::Group { nodes, position, xpath, .. }) = self.stack.last() else { unreachable!() };
        let (nodes, position, parent) = (*nodes, *position, xpath.clone());
        let found = nodes[position..].iter().position(|n| n.name == local).map(|i| i + position);
        let earlier = nodes[..position].iter().position(|n| n.name == local);
        if !in_namespace {
            let message = text!("xml-outside-namespace", element = local, namespace = self.schema.namespace);
            self.report(Check::Namespace, None, Some(format!("{parent}/{local}")), offset, message);
            return Frame::Skip;
        }
        let Some(index) = found.or(earlier) else {
            let message = text!("xml-unknown-element", element = local, profil = self.schema.profil);
            self.report(Check::Unknown, None, Some(format!("{parent}/{local}")), offset, message);
            return Frame::Skip;
        };
        if found.is_none() {
            let expected_before = nodes[position].name;
            let message = text!("xml-order", element = local, before = expected_before);
            self.report(Check::Order, node_element(&nodes[index]), Some(format!("{parent}/{local}")), offset, message);
        }
        let Some(Frame::Group { position, counts, .. }) = self.stack.last_mut() else { unreachable!() };
        if found.is_some() {
            *position = index;
        }
        counts[index] += 1;
        let count = counts[index];
        let node = &nodes[index];
        let xpath = if node.max > 1 { format!("{parent}/{local}[{count}]") } else { format!("{parent}/{local}") };
        if count > node.max {
            let message = text!("xml-too-many", element = local, count = count, max = node.max);
            self.report(Check::Repeat, node_element(node), Some(xpath.clone()), offset, message);
        }
        match &node.content {
            Content::Group(children) => {
                Frame::Group { nodes: children, position: 0, counts: vec![0; children.len()], xpath }
            }
            Content::Field(_) => {
                let (line, column) = self.cursor.at(self.bytes, offset);
                Frame::Field { node, text: String::new(), over_limit: false, xpath, line: Some((line, column)) }
            }
        }
    }

    /// Reports `node` as missing if it occurred fewer times than required.
    fn missing(&mut self, node: &'static Node, count: u32, parent: &str, offset: u64) {
        if count >= node.min {
            return;
        }
        let message = if count == 0 {
            text!("xml-missing", element = node.name, parent = parent)
        } else {
            text!("xml-too-few", element = node.name, count = count, min = node.min)
        };
        self.report(Check::Missing, node_element(node), Some(format!("{parent}/{}", node.name)), offset, message);
    }

    /// Character data at `offset`: a data element's text; between the elements of a group and around
    /// the root, only `blank` text (white space written as characters or references; a CDATA section
    /// never is).
    fn text(&mut self, content: &str, blank: bool, offset: u64) {
        let max = self.limits().max_text_bytes;
        match self.stack.last_mut() {
            Some(Frame::Field { text, over_limit, node, xpath, .. }) => {
                if *over_limit {
                    return;
                }
                if text.len() + content.len() > max {
                    *over_limit = true;
                    let (id, xpath) = (field_id(node), xpath.clone());
                    self.report(Check::Limit, Some(id), Some(xpath), offset, text!("xml-text-too-long", max = max));
                    return;
                }
                text.push_str(content);
            }
            Some(Frame::Group { xpath, .. }) if !blank => {
                let xpath = xpath.clone();
                self.report(Check::Content, None, Some(xpath), offset, text!("xml-text-in-group"));
            }
            None if !blank => {
                self.report(Check::Syntax, None, None, offset, text!("xml-text-outside-root"));
            }
            _ => {}
        }
    }

    /// `&name;` and `&#n;`: the five predefined entities and character references are text; any other
    /// entity would need a DTD, which is refused.
    fn reference(
        &mut self,
        reference: &quick_xml::events::BytesRef<'_>,
        offset: u64,
        reading: &mut dyn Reading,
    ) -> Result<(), Stop> {
        let resolved = match reference.resolve_char_ref() {
            Ok(Some(c)) => Some(c.to_string()),
            Ok(None) => quick_xml::escape::resolve_predefined_entity(reference).map(str::to_owned),
            Err(e) => {
                self.report(
                    Check::Syntax,
                    None,
                    self.xpath(),
                    offset,
                    text!("xml-bad-char-ref", detail = e.to_string()),
                );
                return Err(Stop);
            }
        };
        match resolved {
            Some(_) if self.stack.is_empty() => {
                self.report(Check::Syntax, None, None, offset, text!("xml-text-outside-root"));
                Err(Stop)
            }
            Some(text) => {
                reading.resolved(&text);
                self.text(&text, only_xml_spaces(&text), offset);
                Ok(())
            }
            None => {
                let name: &str = reference;
                let message = text!("xml-undefined-entity", name = name);
                self.report(Check::Dtd, None, self.xpath(), offset, message);
                Err(Stop)
            }
        }
    }

    fn end(&mut self, offset: u64) {
        match self.stack.pop() {
            Some(Frame::Group { nodes, counts, xpath, .. }) => {
                // Checked at the end only: an element skipped over may still come, out of order.
                for (node, count) in nodes.iter().zip(counts) {
                    self.missing(node, count, &xpath, offset);
                }
            }
            Some(Frame::Field { node, text, over_limit: false, xpath, line }) => self.value(node, &text, xpath, line),
            _ => {}
        }
    }

    /// Checks the value of a data element and reports each violation at the element's start.
    fn value(&mut self, node: &'static Node, text: &str, xpath: String, line: Option<(u32, u32)>) {
        let Content::Field(field) = &node.content else { return };
        for violation in field.check(text, self.reveal()) {
            let rule = self.schema.dictionary.rule(violation.check, Some(field.id));
            let location = Location {
                file: self.file.to_owned(),
                xpath: Some(xpath.clone()),
                line: line.map(|l| l.0),
                column: line.map(|l| l.1),
                byte_offset: None,
                page: None,
            };
            self.push(Finding::new(rule, self.schema.level, location, violation.message).about(field.id));
        }
    }

    fn eof(&mut self, offset: u64) {
        if !self.seen_root {
            self.report(Check::Syntax, None, None, offset, text!("xml-no-root"));
        } else if !self.stack.is_empty() {
            self.report(Check::Syntax, None, self.xpath(), offset, text!("xml-truncated"));
        }
    }
}

fn field_id(node: &Node) -> &'static str {
    match &node.content {
        Content::Field(field) => field.id,
        Content::Group(_) => "",
    }
}

/// The data element a node is, if it is one.
fn node_element(node: &Node) -> Option<&'static str> {
    match &node.content {
        Content::Field(field) => Some(field.id),
        Content::Group(_) => None,
    }
}

/// Line and column of byte offsets, computed incrementally: offsets mostly grow during a pass, so
/// the whole file is scanned about once however many positions are asked for.
#[derive(Debug, Clone, Copy)]
pub struct LineCursor {
    offset: usize,
    line: u32,
    column: u32,
}

impl Default for LineCursor {
    fn default() -> Self {
        Self { offset: 0, line: 1, column: 1 }
    }
}

impl LineCursor {
    /// 1-based line and column (in characters) of `offset`.
    pub fn at(&mut self, bytes: &[u8], offset: u64) -> (u32, u32) {
        let target = (offset as usize).min(bytes.len());
        if target < self.offset {
            *self = Self::default();
        }
        for &byte in &bytes[self.offset..target] {
            if byte == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if byte & 0xC0 != 0x80 {
                self.column += 1;
            }
        }
        self.offset = target;
        (self.line, self.column)
    }
}

/// 1-based line and column (in characters) of a byte offset. Scans from the start: for many offsets of
/// one file, keep a [`LineCursor`].
pub fn line_column(bytes: &[u8], offset: u64) -> (u32, u32) {
    LineCursor::default().at(bytes, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The block scan finds what a scan of every character with `is_xml_char` finds, wherever the
    /// character falls against the blocks' edges.
    #[test]
    fn forbidden_characters_are_found_across_blocks() {
        let naive = |text: &str| text.char_indices().find(|(_, c)| !is_xml_char(*c));
        for bad in ['\u{0}', '\u{B}', '\u{1F}', '\u{FFFE}', '\u{FFFF}', '\u{FEFF}', '\u{FF10}', '\t'] {
            for at in [0, 1, 61, 62, 63, 64, 65, 127, 128, 200] {
                let text = format!("{}{bad}{}", "a".repeat(at), "é\n".repeat(40));
                assert_eq!(forbidden_character(&text), naive(&text), "{bad:?} at {at}");
            }
        }
        assert_eq!(forbidden_character(""), None);
    }
}

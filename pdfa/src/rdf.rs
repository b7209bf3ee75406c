//! The RDF/XML of an XMP packet read as a tree of property values (simple, array, structure), the
//! shape ISO 19005-1 6.7.8 and 6.7.9 check. Bounded: at most `MAX_NODES` elements, `MAX_DEPTH` deep.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

/// The RDF namespace.
pub(crate) const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

const MAX_NODES: usize = 200_000;
const MAX_DEPTH: usize = 64;
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// An XML element: namespace, prefix, local name, attributes, children and text.
#[derive(Debug, Default)]
struct Element {
    ns: String,
    prefix: String,
    local: String,
    attrs: Vec<Attr>,
    children: Vec<Element>,
    text: String,
}

#[derive(Debug)]
struct Attr {
    ns: String,
    prefix: String,
    local: String,
    value: String,
}

/// The kind of an RDF array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayKind {
    Bag,
    Seq,
    Alt,
}

/// An XMP value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Simple(String),
    Array(ArrayKind, Vec<Item>),
    Struct(Vec<Property>),
}

/// An array item, with its xml:lang qualifier.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub lang: Option<String>,
    pub value: Value,
}

/// A property or structure field: namespace, prefix, local name and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    pub ns: String,
    pub prefix: String,
    pub name: String,
    pub value: Value,
}

/// Reads the top-level properties of every rdf:Description; None when the XML does not parse or is
/// past the bounds (the well-formedness check reports that).
pub fn properties(text: &str) -> Option<Vec<Property>> {
    let root = tree(text)?;
    let mut out = Vec::new();
    collect(&root, &mut out, 0);
    Some(out)
}

fn collect(e: &Element, out: &mut Vec<Property>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    if e.ns == RDF && e.local == "Description" {
        out.extend(fields_of(e));
        return;
    }
    for c in &e.children {
        collect(c, out, depth + 1);
    }
}

/// Fields of a node element: its property attributes and property elements.
fn fields_of(e: &Element) -> Vec<Property> {
    let mut out: Vec<Property> = e
        .attrs
        .iter()
        .filter(|a| is_property_attr(a))
        .map(|a| Property {
            ns: a.ns.clone(),
            prefix: a.prefix.clone(),
            name: a.local.clone(),
            value: Value::Simple(a.value.clone()),
        })
        .collect();
    out.extend(e.children.iter().map(|c| Property {
        ns: c.ns.clone(),
        prefix: c.prefix.clone(),
        name: c.local.clone(),
        value: value_of(c),
    }));
    out
}

fn is_property_attr(a: &Attr) -> bool {
    !a.ns.is_empty() && a.ns != RDF && a.ns != XML_NS
}

fn attr<'a>(e: &'a Element, ns: &str, local: &str) -> Option<&'a str> {
    e.attrs.iter().find(|a| a.ns == ns && a.local == local).map(|a| a.value.as_str())
}

/// The value of a property element.
fn value_of(e: &Element) -> Value {
    if attr(e, RDF, "parseType") == Some("Resource") {
        return Value::Struct(fields_of(e));
    }
    if let Some(uri) = attr(e, RDF, "resource") {
        return Value::Simple(uri.to_string());
    }
    if let Some(child) = e.children.first() {
        return node_value(child);
    }
    if e.attrs.iter().any(is_property_attr) {
        return Value::Struct(fields_of(e));
    }
    Value::Simple(e.text.clone())
}

/// The value given by a node element (rdf:Bag/Seq/Alt, rdf:Description or a typed node).
fn node_value(n: &Element) -> Value {
    let kind = match (n.ns == RDF, n.local.as_str()) {
        (true, "Bag") => Some(ArrayKind::Bag),
        (true, "Seq") => Some(ArrayKind::Seq),
        (true, "Alt") => Some(ArrayKind::Alt),
        _ => None,
    };
    if let Some(kind) = kind {
        let items = n
            .children
            .iter()
            .filter(|c| c.ns == RDF && c.local == "li")
            .map(|li| Item { lang: attr(li, XML_NS, "lang").map(str::to_string), value: value_of(li) })
            .collect();
        return Value::Array(kind, items);
    }
    let fields = fields_of(n);
    // A qualified simple value: rdf:value with qualifiers.
    if let Some(v) = n.children.iter().find(|c| c.ns == RDF && c.local == "value") {
        return value_of(v);
    }
    Value::Struct(fields)
}

/// Parses the XML into an element tree (the root holds the top-level elements).
fn tree(text: &str) -> Option<Element> {
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut nodes = 0usize;
    loop {
        let (res, event) = reader.read_resolved_event().ok()?;
        let ns = namespace(&res);
        match event {
            Event::Start(e) | Event::Empty(e) if stack.len() > MAX_DEPTH || nodes >= MAX_NODES => {
                let _ = e;
                return None;
            }
            Event::Start(e) => {
                nodes += 1;
                stack.push(element(&reader, ns, &e)?);
            }
            Event::Empty(e) => {
                nodes += 1;
                let el = element(&reader, ns, &e)?;
                stack.last_mut()?.children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop()?;
                stack.last_mut()?.children.push(el);
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                stack.last_mut()?.text.push_str(&text);
            }
            Event::CData(t) => stack.last_mut()?.text.push_str(&t),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => predefined_entity(&r)?.to_string(),
                };
                stack.last_mut()?.text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() == 1 { stack.pop() } else { None }
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    match name {
        "amp" => Some("&"),
        "lt" => Some("<"),
        "gt" => Some(">"),
        "apos" => Some("'"),
        "quot" => Some("\""),
        _ => None,
    }
}

fn namespace(res: &ResolveResult<'_>) -> String {
    match res {
        ResolveResult::Bound(ns) => ns.as_ref().to_string(),
        _ => String::new(),
    }
}

fn element(reader: &NsReader<&[u8]>, ns: String, e: &BytesStart<'_>) -> Option<Element> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.ok()?;
        let key = a.key;
        if key.as_ref().starts_with("xmlns") {
            continue;
        }
        let (ares, local) = reader.resolver().resolve_attribute(key);
        let ns = if key.as_ref().starts_with("xml:") { XML_NS.to_string() } else { namespace(&ares) };
        let value = a.normalized_value(XmlVersion::Implicit1_0).ok()?.into_owned();
        attrs.push(Attr {
            ns,
            prefix: key.prefix().map(|p| p.as_ref().to_string()).unwrap_or_default(),
            local: local.as_ref().to_string(),
            value,
        });
    }
    Some(Element {
        ns,
        prefix: e.name().prefix().map(|p| p.as_ref().to_string()).unwrap_or_default(),
        local: e.local_name().as_ref().to_string(),
        attrs,
        children: Vec::new(),
        text: String::new(),
    })
}

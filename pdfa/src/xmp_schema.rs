//! XMP properties against the XMP 2004 predefined schemas (data/xmp2004-schemas.tsv) and the PDF/A
//! extension schemas of the packet: 6.7.8 (extension schema syntax) and 6.7.9 tests 2-3.

use std::collections::HashMap;

use scor_locale::{Text, text};

use crate::rdf::{ArrayKind, Item, Property, Value};

/// The table of predefined properties and structure fields (ISO 19005-1 6.7.9, XMP 2004).
const TABLE: &str = include_str!("../data/xmp2004-schemas.tsv");

pub(crate) const EXTENSION: &str = "http://www.aiim.org/pdfa/ns/extension/";
const SCHEMA: &str = "http://www.aiim.org/pdfa/ns/schema#";
const PROPERTY: &str = "http://www.aiim.org/pdfa/ns/property#";
const TYPE: &str = "http://www.aiim.org/pdfa/ns/type#";
const FIELD: &str = "http://www.aiim.org/pdfa/ns/field#";

/// Simple value types of XMP 2004.
const SIMPLE: [&str; 14] = [
    "Text",
    "Integer",
    "Real",
    "Boolean",
    "Date",
    "URI",
    "URL",
    "AgentName",
    "ProperName",
    "MIMEType",
    "Locale",
    "RenditionClass",
    "XPath",
    "Rational",
];

/// One finding: clause, veraPDF test number, message.
pub(crate) type Finding = (&'static str, u32, Text);

/// The predefined properties (namespace, name) -> value type, and structure types -> fields, read from
/// the table once per process.
#[derive(Debug, Default)]
struct Predefined {
    properties: HashMap<(String, String), String>,
    structs: HashMap<String, Vec<(String, String, String)>>,
}

static PREDEFINED: std::sync::LazyLock<Predefined> = std::sync::LazyLock::new(Predefined::read);

/// Known properties and types: the predefined ones, and those the packet's extension schemas define
/// (which win over a predefined property of the same name).
#[derive(Debug)]
struct Schemas {
    predefined: &'static Predefined,
    properties: HashMap<(String, String), String>,
    /// Value types an extension schema defines (name -> fields, unchecked when empty).
    custom_types: HashMap<String, Vec<(String, String, String)>>,
}

impl Predefined {
    fn read() -> Self {
        let mut s = Self::default();
        for line in TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            match cols.as_slice() {
                ["property", ns, name, ty] => {
                    s.properties.insert(((*ns).to_string(), (*name).to_string()), (*ty).to_string());
                }
                ["field", st, ns, name, ty] => s.structs.entry((*st).to_string()).or_default().push((
                    (*ns).to_string(),
                    (*name).to_string(),
                    (*ty).to_string(),
                )),
                _ => {}
            }
        }
        s
    }
}

impl Schemas {
    fn new() -> Self {
        Self { predefined: &PREDEFINED, properties: HashMap::new(), custom_types: HashMap::new() }
    }

    /// The value type of property `key`.
    fn property(&self, key: &(String, String)) -> Option<&String> {
        self.properties.get(key).or_else(|| self.predefined.properties.get(key))
    }

    fn structure(&self, ty: &str) -> Option<&Vec<(String, String, String)>> {
        self.predefined.structs.get(ty).or_else(|| self.custom_types.get(ty))
    }

    fn is_known_type(&self, ty: &str) -> bool {
        let base = array_item_type(ty).map_or(ty, |(_, t)| t);
        ty == "Lang Alt"
            || SIMPLE.contains(&base)
            || matches!(base, "GPSCoordinate" | "Lang Alt")
            || self.predefined.structs.contains_key(base)
            || self.custom_types.contains_key(base)
            || base.starts_with("Closed Choice")
            || base.starts_with("Open Choice")
            || base == "Choice"
    }
}

fn array_item_type(ty: &str) -> Option<(ArrayKind, &str)> {
    let (head, rest) = ty.split_once(' ')?;
    let kind = match head.to_ascii_lowercase().as_str() {
        "bag" => ArrayKind::Bag,
        "seq" => ArrayKind::Seq,
        "alt" => ArrayKind::Alt,
        _ => return None,
    };
    Some((kind, rest.trim()))
}

/// Checks every top-level property; returns the findings.
pub(crate) fn check(props: &[Property]) -> Vec<Finding> {
    let mut schemas = Schemas::new();
    // First the value types every schema defines (a property may use a type defined later).
    for p in props.iter().filter(|p| p.ns == EXTENSION) {
        extension(p, &mut schemas, &mut Vec::new());
    }
    let mut out = Vec::new();
    for p in props.iter().filter(|p| p.ns == EXTENSION) {
        extension(p, &mut schemas, &mut out);
    }
    for p in props.iter().filter(|p| p.ns != EXTENSION) {
        let key = (p.ns.clone(), p.name.clone());
        let Some(ty) = schemas.property(&key).cloned() else {
            let msg = text!("pdfa-xmp-unknown-property", prefix = &p.prefix, name = &p.name, namespace = &p.ns);
            out.push(("6.7.9", 2, msg));
            continue;
        };
        if !conforms(&schemas, &p.value, &ty, 0) {
            let msg = text!("pdfa-xmp-value-type", prefix = &p.prefix, name = &p.name, value_type = ty);
            out.push(("6.7.9", 3, msg));
        }
    }
    out
}

/// Whether `v` is a value of type `ty`.
fn conforms(s: &Schemas, v: &Value, ty: &str, depth: usize) -> bool {
    if depth > 16 {
        return true;
    }
    if ty == "Lang Alt" {
        return match v {
            Value::Array(ArrayKind::Alt, items) => items.iter().all(|i| i.lang.is_some() && is_text(&i.value)),
            _ => false,
        };
    }
    if let Some((kind, item_ty)) = array_item_type(ty) {
        return match v {
            Value::Array(k, items) if *k == kind => items.iter().all(|i| conforms(s, &i.value, item_ty, depth + 1)),
            _ => false,
        };
    }
    if let Some(fields) = s.structure(ty) {
        return match v {
            Value::Struct(found) => fields.is_empty() || found.iter().all(|f| field_conforms(s, fields, f, depth)),
            _ => false,
        };
    }
    let Value::Simple(text) = v else { return false };
    simple_conforms(text.trim(), ty)
}

fn field_conforms(s: &Schemas, fields: &[(String, String, String)], f: &Property, depth: usize) -> bool {
    fields
        .iter()
        .find(|(ns, name, _)| *ns == f.ns && *name == f.name)
        .is_some_and(|(_, _, ty)| conforms(s, &f.value, ty, depth + 1))
}

fn is_text(v: &Value) -> bool {
    matches!(v, Value::Simple(_))
}

fn simple_conforms(t: &str, ty: &str) -> bool {
    match ty {
        "Integer" => is_integer(t),
        "Real" => is_real(t),
        "Boolean" => t == "True" || t == "False",
        "Date" => is_date(t),
        "Rational" => t.split_once('/').is_some_and(|(a, b)| is_integer(a) && is_digits(b)),
        "GPSCoordinate" => is_gps(t),
        _ => true,
    }
}

fn is_digits(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

fn is_integer(t: &str) -> bool {
    is_digits(t.strip_prefix(['+', '-']).unwrap_or(t))
}

fn is_real(t: &str) -> bool {
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    match t.split_once('.') {
        Some((a, b)) => {
            (a.is_empty() || is_digits(a)) && (b.is_empty() || is_digits(b)) && !(a.is_empty() && b.is_empty())
        }
        None => is_digits(t),
    }
}

/// An XMP Date: YYYY[-MM[-DD[Thh:mm[:ss[.s+]][TZD]]]], TZD being Z or +hh:mm / -hh:mm.
fn is_date(t: &str) -> bool {
    let (date, time) = t.split_once('T').unwrap_or((t, ""));
    is_day(date) && (time.is_empty() || (date.len() == 10 && is_time(time)))
}

fn is_time(t: &str) -> bool {
    let (clock, zone) = match t.find(['Z', '+', '-']) {
        Some(i) => t.split_at(i),
        None => (t, ""),
    };
    let zone_ok = zone.is_empty()
        || zone == "Z"
        || zone[1..].split_once(':').is_some_and(|(h, m)| h.len() == 2 && is_digits(h) && m.len() == 2 && is_digits(m));
    let parts: Vec<&str> = clock.split(':').collect();
    let two = |p: &str| p.len() == 2 && is_digits(p);
    let clock_ok = match parts.as_slice() {
        [h, m] => two(h) && two(m),
        [h, m, s] => two(h) && two(m) && s.split_once('.').map_or(two(s), |(a, b)| two(a) && is_digits(b)),
        _ => false,
    };
    zone_ok && clock_ok
}

/// YYYY, YYYY-MM or YYYY-MM-DD.
fn is_day(t: &str) -> bool {
    let parts: Vec<&str> = t.split('-').collect();
    match parts.as_slice() {
        [y] => y.len() == 4 && is_digits(y),
        [y, m] => y.len() == 4 && is_digits(y) && m.len() == 2 && is_digits(m),
        [y, m, d] => y.len() == 4 && is_digits(y) && m.len() == 2 && is_digits(m) && d.len() == 2 && is_digits(d),
        _ => false,
    }
}

/// DDD,MM,SSk or DDD,MM.mmk with k one of N, S, E, W.
fn is_gps(t: &str) -> bool {
    let Some(body) = t.strip_suffix(['N', 'S', 'E', 'W']) else { return false };
    let parts: Vec<&str> = body.split(',').collect();
    match parts.as_slice() {
        [d, m, sec] => is_digits(d) && is_digits(m) && is_digits(sec),
        [d, m] => is_digits(d) && is_real(m),
        _ => false,
    }
}

/// 6.7.8: a pdfaExtension:schemas container; registers what it describes.
fn extension(p: &Property, s: &mut Schemas, out: &mut Vec<Finding>) {
    if p.name != "schemas" {
        out.push(("6.7.8", 1, text!("pdfa-extension-container-field", field = &p.name)));
        return;
    }
    let Value::Array(ArrayKind::Bag, schemas) = &p.value else {
        out.push(("6.7.8", 2, text!("pdfa-extension-not-bag")));
        return;
    };
    if p.prefix != "pdfaExtension" {
        out.push(("6.7.8", 2, text!("pdfa-extension-container-prefix", prefix = &p.prefix)));
    }
    for item in schemas {
        schema_definition(item, s, out);
    }
}

/// The fields of a structure item, or the finding `not_a_structure` when it is no structure.
fn struct_fields<'a>(v: &'a Value, not_a_structure: Text, test: u32, out: &mut Vec<Finding>) -> Option<&'a [Property]> {
    match v {
        Value::Struct(f) => Some(f),
        _ => {
            out.push(("6.7.8", test, not_a_structure));
            None
        }
    }
}

/// Text field `name` of namespace `ns`, with its prefix checked.
fn text_field<'a>(
    fields: &'a [Property],
    ns: &str,
    name: &str,
    prefix: &str,
    test: u32,
    out: &mut Vec<Finding>,
) -> Option<&'a str> {
    let f = fields.iter().find(|f| f.ns == ns && f.name == name);
    match f {
        Some(Property { value: Value::Simple(t), prefix: p, .. }) if p == prefix => Some(t.trim()),
        _ => {
            let msg = text!("pdfa-extension-text-field", prefix = prefix, name = name);
            out.push(("6.7.8", test, msg));
            None
        }
    }
}

/// Undefined fields of an extension schema structure (6.7.8 test 1).
fn undefined_fields(fields: &[Property], ns: &str, allowed: &[&str], out: &mut Vec<Finding>) {
    for f in fields.iter().filter(|f| f.ns != ns || !allowed.contains(&f.name.as_str())) {
        out.push(("6.7.8", 1, text!("pdfa-extension-undefined-field", prefix = &f.prefix, name = &f.name)));
    }
}

fn seq_items<'a>(
    fields: &'a [Property],
    ns: &str,
    name: &str,
    prefix: &str,
    test: u32,
    out: &mut Vec<Finding>,
) -> &'a [Item] {
    match fields.iter().find(|f| f.ns == ns && f.name == name) {
        None => &[],
        Some(Property { value: Value::Array(ArrayKind::Seq, items), prefix: p, .. }) if p == prefix => items,
        Some(_) => {
            out.push(("6.7.8", test, text!("pdfa-extension-not-seq", prefix = prefix, name = name)));
            &[]
        }
    }
}

fn schema_definition(item: &Item, s: &mut Schemas, out: &mut Vec<Finding>) {
    let Some(fields) = struct_fields(&item.value, text!("pdfa-extension-schema-not-struct"), 1, out) else { return };
    undefined_fields(fields, SCHEMA, &["schema", "namespaceURI", "prefix", "property", "valueType"], out);
    text_field(fields, SCHEMA, "schema", "pdfaSchema", 3, out);
    let uri = text_field(fields, SCHEMA, "namespaceURI", "pdfaSchema", 4, out).map(str::to_string);
    text_field(fields, SCHEMA, "prefix", "pdfaSchema", 5, out);
    for t in seq_items(fields, SCHEMA, "valueType", "pdfaSchema", 7, out) {
        value_type(t, s, out);
    }
    let props: Vec<Item> = seq_items(fields, SCHEMA, "property", "pdfaSchema", 6, out).to_vec();
    for p in &props {
        property_definition(p, uri.as_deref(), s, out);
    }
}

fn property_definition(item: &Item, uri: Option<&str>, s: &mut Schemas, out: &mut Vec<Finding>) {
    let Some(fields) = struct_fields(&item.value, text!("pdfa-extension-property-not-struct"), 1, out) else { return };
    undefined_fields(fields, PROPERTY, &["name", "valueType", "category", "description"], out);
    let name = text_field(fields, PROPERTY, "name", "pdfaProperty", 8, out);
    let ty = text_field(fields, PROPERTY, "valueType", "pdfaProperty", 9, out);
    if let Some(ty) = ty.filter(|t| !s.is_known_type(t)) {
        out.push(("6.7.8", 9, text!("pdfa-extension-property-type", value_type = ty)));
    }
    let category = text_field(fields, PROPERTY, "category", "pdfaProperty", 10, out);
    if let Some(c) = category.filter(|c| !matches!(*c, "internal" | "external")) {
        out.push(("6.7.8", 10, text!("pdfa-extension-property-category", category = c)));
    }
    text_field(fields, PROPERTY, "description", "pdfaProperty", 11, out);
    if let (Some(uri), Some(name)) = (uri, name) {
        let ty = ty.filter(|t| s.is_known_type(t)).unwrap_or("Text").to_string();
        s.properties.insert((uri.to_string(), name.to_string()), ty);
    }
}

fn value_type(item: &Item, s: &mut Schemas, out: &mut Vec<Finding>) {
    let Some(fields) = struct_fields(&item.value, text!("pdfa-extension-type-not-struct"), 1, out) else { return };
    undefined_fields(fields, TYPE, &["type", "namespaceURI", "prefix", "description", "field"], out);
    let name = text_field(fields, TYPE, "type", "pdfaType", 12, out).map(str::to_string);
    let uri = text_field(fields, TYPE, "namespaceURI", "pdfaType", 13, out).unwrap_or_default().to_string();
    text_field(fields, TYPE, "prefix", "pdfaType", 14, out);
    text_field(fields, TYPE, "description", "pdfaType", 15, out);
    let mut defined = Vec::new();
    for f in seq_items(fields, TYPE, "field", "pdfaType", 16, out) {
        let Some(ff) = struct_fields(&f.value, text!("pdfa-extension-field-not-struct"), 1, out) else { continue };
        undefined_fields(ff, FIELD, &["name", "valueType", "description"], out);
        let fname = text_field(ff, FIELD, "name", "pdfaField", 17, out);
        let fty = text_field(ff, FIELD, "valueType", "pdfaField", 18, out);
        text_field(ff, FIELD, "description", "pdfaField", 19, out);
        if let (Some(n), Some(t)) = (fname, fty) {
            defined.push((uri.clone(), n.to_string(), t.to_string()));
        }
    }
    if let Some(name) = name {
        // Field types may name types defined later: accept the structure without checking its fields.
        let _ = defined;
        s.custom_types.insert(name, Vec::new());
    }
}

//! Metadata clauses: the catalog's XMP stream (6.7.2), Info/XMP consistency (6.7.3), packet header
//! (6.7.5), well-formedness (6.7.9) and PDF/A identification (6.7.11). XMP is read in UTF-8/16/32.

use lopdf::{Dictionary, Object};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};
use scor_locale::text;

use crate::context::Ctx;
use crate::error::ReadError;
use crate::model::{get, ref_of};
use crate::report::PdfLocation;
use crate::text::{decode_text_string, parse_pdf_date, parse_xmp_date};

pub(crate) use crate::rdf::RDF;
pub(crate) const DC: &str = "http://purl.org/dc/elements/1.1/";
pub(crate) const XMP: &str = "http://ns.adobe.com/xap/1.0/";
pub(crate) const PDF: &str = "http://ns.adobe.com/pdf/1.3/";
pub(crate) const PDFAID: &str = "http://www.aiim.org/pdfa/ns/id/";

/// One top-level XMP property.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XmpProperty {
    pub namespace: String,
    pub prefix: String,
    pub name: String,
    /// Simple value, or the items of an rdf:Alt/Seq/Bag.
    pub values: Vec<String>,
    /// The x-default item of a language alternative.
    pub x_default: Option<String>,
}

impl XmpProperty {
    /// The value that stands for the property: x-default, else the first value.
    pub fn main_value(&self) -> Option<&str> {
        self.x_default.as_deref().or(self.values.first().map(String::as_str))
    }
}

/// Parsed XMP packet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Xmp {
    pub properties: Vec<XmpProperty>,
    /// Attribute names found in the `<?xpacket begin ...?>` header.
    pub packet_attributes: Vec<String>,
}

impl Xmp {
    /// First property with this namespace and local name.
    pub fn get(&self, namespace: &str, name: &str) -> Option<&XmpProperty> {
        self.properties.iter().find(|p| p.namespace == namespace && p.name == name)
    }
}

/// Decodes XMP bytes in UTF-8, UTF-16 or UTF-32 (BOM or the pattern of the first '<').
pub fn decode_xmp_bytes(bytes: &[u8]) -> Result<String, ReadError> {
    let text = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(rest)?,
        [0x00, 0x00, 0xFE, 0xFF, rest @ ..] => utf32(rest, u32::from_be_bytes)?,
        [0x00, 0x00, 0x00, b'<', ..] => utf32(bytes, u32::from_be_bytes)?,
        [0xFF, 0xFE, 0x00, 0x00, rest @ ..] => utf32(rest, u32::from_le_bytes)?,
        [b'<', 0x00, 0x00, 0x00, ..] => utf32(bytes, u32::from_le_bytes)?,
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes)?,
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes)?,
        [0x00, b'<', ..] => utf16(bytes, u16::from_be_bytes)?,
        [b'<', 0x00, ..] => utf16(bytes, u16::from_le_bytes)?,
        _ => utf8(bytes)?,
    };
    Ok(text.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(text))
}

fn utf8(bytes: &[u8]) -> Result<String, ReadError> {
    Ok(String::from_utf8(bytes.to_vec())?)
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> Result<String, ReadError> {
    let units = bytes.chunks_exact(2).map(|c| read([c[0], c[1]]));
    Ok(char::decode_utf16(units).collect::<Result<String, _>>()?)
}

fn utf32(bytes: &[u8], read: fn([u8; 4]) -> u32) -> Result<String, ReadError> {
    bytes.chunks_exact(4).map(|c| char::from_u32(read([c[0], c[1], c[2], c[3]])).ok_or(ReadError::XmpUtf32)).collect()
}

/// Parser state for one document.
#[derive(Default)]
struct State {
    depth: usize,
    saw_rdf: bool,
    description: Option<usize>,
    property: Option<(usize, XmpProperty, String)>,
    item: Option<(usize, Option<String>, String)>,
}

/// Parses an XMP packet into top-level properties; Err describes the first well-formedness problem.
pub fn parse_xmp(text: &str) -> Result<Xmp, ReadError> {
    let mut reader = NsReader::from_str(text);
    let mut st = State::default();
    let mut xmp = Xmp::default();
    loop {
        let (res, event) = reader.read_resolved_event().map_err(ReadError::Xml)?;
        let ns = namespace(&res)?;
        match event {
            Event::Start(e) => start(&reader, &mut st, &mut xmp, &e, ns)?,
            Event::Empty(e) => {
                start(&reader, &mut st, &mut xmp, &e, ns)?;
                end(&mut st, &mut xmp);
            }
            Event::End(_) => end(&mut st, &mut xmp),
            Event::Text(t) => push_text(&mut st, &t.xml10_content()),
            Event::CData(t) => push_text(&mut st, &t),
            Event::GeneralRef(r) => push_text(&mut st, &entity(&r)?),
            Event::PI(pi) => packet_header(&mut xmp, &pi),
            Event::DocType(_) => return Err(ReadError::Doctype),
            Event::Eof => break,
            _ => {}
        }
    }
    if st.depth != 0 {
        return Err(ReadError::Unclosed);
    }
    if !st.saw_rdf {
        return Err(ReadError::NoRdf);
    }
    Ok(xmp)
}

fn namespace(res: &ResolveResult<'_>) -> Result<Option<String>, ReadError> {
    match res {
        ResolveResult::Bound(ns) => Ok(Some(ns.as_ref().to_string())),
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Unknown(p) => Err(ReadError::UndeclaredPrefix(p.clone())),
    }
}

fn entity(r: &quick_xml::events::BytesRef<'_>) -> Result<String, ReadError> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let name: &str = r;
    match name {
        "amp" => Ok("&".into()),
        "lt" => Ok("<".into()),
        "gt" => Ok(">".into()),
        "apos" => Ok("'".into()),
        "quot" => Ok("\"".into()),
        other => Err(ReadError::UnknownEntity(other.to_owned())),
    }
}

fn packet_header(xmp: &mut Xmp, pi: &str) {
    let Some(rest) = pi.strip_prefix("xpacket") else { return };
    if !rest.contains("begin") {
        return;
    }
    for part in rest.split_whitespace() {
        if let Some((name, _)) = part.split_once('=') {
            xmp.packet_attributes.push(name.to_string());
        }
    }
}

fn start(
    reader: &NsReader<&[u8]>,
    st: &mut State,
    xmp: &mut Xmp,
    e: &BytesStart<'_>,
    ns: Option<String>,
) -> Result<(), ReadError> {
    st.depth += 1;
    let local = e.local_name().as_ref().to_string();
    let prefix = e.name().prefix().map(|p| p.as_ref().to_string()).unwrap_or_default();
    let is_rdf = ns.as_deref() == Some(RDF);
    if is_rdf && local == "RDF" {
        st.saw_rdf = true;
    }
    if is_rdf && local == "Description" {
        st.description = Some(st.depth);
        return description_attributes(reader, xmp, e);
    }
    if st.description.is_some_and(|d| d + 1 == st.depth) {
        let namespace = ns.ok_or_else(|| ReadError::PropertyWithoutNamespace(local.clone()))?;
        let prop = XmpProperty { namespace, prefix, name: local, ..XmpProperty::default() };
        st.property = Some((st.depth, prop, String::new()));
    } else if is_rdf && local == "li" && st.property.is_some() {
        let lang = attributes(e)?.into_iter().find(|(k, _)| k == "xml:lang").map(|(_, v)| v);
        st.item = Some((st.depth, lang, String::new()));
    }
    Ok(())
}

fn attributes(e: &BytesStart<'_>) -> Result<Vec<(String, String)>, ReadError> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = a?;
        let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(ReadError::AttributeValue)?;
        out.push((a.key.as_ref().to_string(), value.into_owned()));
    }
    Ok(out)
}

/// Properties written as attributes of rdf:Description.
fn description_attributes(reader: &NsReader<&[u8]>, xmp: &mut Xmp, e: &BytesStart<'_>) -> Result<(), ReadError> {
    for a in e.attributes() {
        let a = a?;
        let key = a.key;
        if key.as_ref().starts_with("xmlns") || key.as_ref().starts_with("xml:") {
            continue;
        }
        let (res, local) = reader.resolver().resolve_attribute(key);
        let Some(namespace) = namespace(&res)? else { continue };
        if namespace == RDF {
            continue;
        }
        let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(ReadError::AttributeValue)?.into_owned();
        let prefix = key.prefix().map(|p| p.as_ref().to_string()).unwrap_or_default();
        let name = local.as_ref().to_string();
        xmp.properties.push(XmpProperty { namespace, prefix, name, values: vec![value], x_default: None });
    }
    Ok(())
}

fn push_text(st: &mut State, text: &str) {
    if let Some((_, _, buf)) = st.item.as_mut() {
        buf.push_str(text);
    } else if let Some((d, _, buf)) = st.property.as_mut()
        && *d == st.depth
    {
        buf.push_str(text);
    }
}

fn end(st: &mut State, xmp: &mut Xmp) {
    if st.item.as_ref().is_some_and(|(d, _, _)| *d == st.depth) {
        let (_, lang, text) = st.item.take().unwrap_or_default();
        if let Some((_, prop, _)) = st.property.as_mut() {
            if lang.as_deref() == Some("x-default") {
                prop.x_default = Some(text.clone());
            }
            prop.values.push(text);
        }
    } else if st.property.as_ref().is_some_and(|(d, _, _)| *d == st.depth) {
        if let Some((_, mut prop, text)) = st.property.take() {
            if prop.values.is_empty() && !text.trim().is_empty() {
                prop.values.push(text);
            }
            xmp.properties.push(prop);
        }
    } else if st.description == Some(st.depth) {
        st.description = None;
    }
    st.depth = st.depth.saturating_sub(1);
}

/// Clauses checked on the decoded XMP packet.
const XMP_CLAUSES: [&str; 4] = ["6.7.3", "6.7.5", "6.7.9", "6.7.11"];

/// All metadata clauses.
pub(crate) fn check_metadata(ctx: &mut Ctx<'_>, catalog: &Dictionary) {
    let doc = ctx.doc;
    let info = doc.trailer.get(b"Info").ok().and_then(|o| crate::model::as_dict(crate::model::resolve(doc, o)));
    let loc = ref_of(catalog, b"Metadata").map(PdfLocation::object).unwrap_or_default();
    let Some(Object::Stream(s)) = get(doc, catalog, b"Metadata") else {
        ctx.f.add("6.7.2", 1, text!("pdfa-no-metadata"), loc.clone());
        missing_identification(ctx, loc.clone());
        if let Some(info) = info {
            compare_info(ctx, info, &Xmp::default(), loc);
        }
        return;
    };
    if s.dict.has(b"Filter") {
        ctx.f.add("6.7.2", 2, text!("pdfa-metadata-filter"), loc.clone());
    }
    let limit = ctx.limits.max_decoded_stream_bytes;
    let bytes = match crate::decode::decode(doc, s, limit) {
        Ok(b) => b,
        Err(crate::decode::DecodeError::OverLimit { .. }) => {
            ctx.f.stop(crate::report::LimitStop::stream(loc.object, limit));
            ctx.f.skip_at_limit(&XMP_CLAUSES, crate::report::ReadingLimit::DecodedStreamBytes);
            return;
        }
        Err(e) => {
            for c in XMP_CLAUSES {
                ctx.f.skip(c, text!("pdfa-skip-metadata-decode", error = e.text()));
            }
            return;
        }
    };
    let text = decode_xmp_bytes(&bytes);
    let parsed = match &text {
        Ok(t) => parse_xmp(t).map_err(|e| e.text()),
        Err(e) => Err(e.text()),
    };
    let xmp = match parsed {
        Ok(x) => x,
        Err(e) => {
            ctx.f.add("6.7.9", 1, text!("pdfa-xmp-not-well-formed", error = e), loc.clone());
            for c in ["6.7.3", "6.7.5", "6.7.11"] {
                ctx.f.skip(c, text!("pdfa-skip-xmp-parse"));
            }
            return;
        }
    };
    check_packet(ctx, &xmp, loc.clone());
    if let Ok(text) = &text {
        check_schemas(ctx, text, &loc);
    }
    check_identification(ctx, &xmp, loc.clone());
    if let Some(info) = info {
        compare_info(ctx, info, &xmp, loc);
    }
}

/// 6.7.8 and 6.7.9 tests 2-3: every property predefined or described by an extension schema, with
/// the value type its schema gives.
fn check_schemas(ctx: &mut Ctx<'_>, text: &str, loc: &PdfLocation) {
    match crate::rdf::properties(text) {
        Some(props) => {
            for (clause, test, msg) in crate::xmp_schema::check(&props) {
                ctx.f.add(clause, test, msg, loc.clone());
            }
        }
        None => {
            for clause in ["6.7.8", "6.7.9"] {
                ctx.f.skip(clause, text!("pdfa-skip-xmp-rdf-bounds"));
            }
        }
    }
}

fn check_packet(ctx: &mut Ctx<'_>, xmp: &Xmp, loc: PdfLocation) {
    if xmp.packet_attributes.iter().any(|a| a == "bytes") {
        ctx.f.add("6.7.5", 1, text!("pdfa-xmp-packet-bytes"), loc.clone());
    }
    if xmp.packet_attributes.iter().any(|a| a == "encoding") {
        ctx.f.add("6.7.5", 2, text!("pdfa-xmp-packet-encoding"), loc);
    }
}

fn missing_identification(ctx: &mut Ctx<'_>, loc: PdfLocation) {
    ctx.f.add("6.7.11", 1, text!("pdfa-no-identification"), loc);
}

fn check_identification(ctx: &mut Ctx<'_>, xmp: &Xmp, loc: PdfLocation) {
    let ids: Vec<&XmpProperty> = xmp.properties.iter().filter(|p| p.namespace == PDFAID).collect();
    if ids.is_empty() {
        missing_identification(ctx, loc);
        return;
    }
    let value = |name: &str| xmp.get(PDFAID, name).and_then(XmpProperty::main_value).map(str::trim);
    let part = value("part");
    if part != Some("1") {
        let msg = match part {
            Some(part) => text!("pdfa-pdfaid-part", value = part),
            None => text!("pdfa-pdfaid-part-missing"),
        };
        ctx.f.add("6.7.11", 2, msg, loc.clone());
    }
    let conformance = value("conformance");
    if !matches!(conformance, Some("A" | "B")) {
        let msg = match conformance {
            Some(conformance) => text!("pdfa-pdfaid-conformance", value = conformance),
            None => text!("pdfa-pdfaid-conformance-missing"),
        };
        ctx.f.add("6.7.11", 3, msg, loc.clone());
    }
    if let Some(p) = ids.iter().find(|p| p.prefix != "pdfaid") {
        let msg = text!("pdfa-pdfaid-prefix", property = &p.name, prefix = &p.prefix);
        ctx.f.add("6.7.11", 4, msg, loc);
    }
}

/// How an Info entry maps to XMP (ISO 19005-1 6.7.3, Table 1).
const INFO_MAP: [(&str, &str, &str, bool); 8] = [
    ("Title", DC, "title", false),
    ("Author", DC, "creator", false),
    ("Subject", DC, "description", false),
    ("Keywords", PDF, "Keywords", false),
    ("Creator", XMP, "CreatorTool", false),
    ("Producer", PDF, "Producer", false),
    ("CreationDate", XMP, "CreateDate", true),
    ("ModDate", XMP, "ModifyDate", true),
];

fn compare_info(ctx: &mut Ctx<'_>, info: &Dictionary, xmp: &Xmp, loc: PdfLocation) {
    let doc = ctx.doc;
    for (key, ns, name, is_date) in INFO_MAP {
        let raw = match get(doc, info, key.as_bytes()) {
            None => continue,
            Some(Object::String(raw, _)) => raw,
            Some(_) => {
                let msg = text!("pdfa-info-not-text", key = key, property = name);
                ctx.f.add("6.7.3", 1, msg, loc.clone());
                continue;
            }
        };
        let info_value = decode_text_string(raw);
        let xmp_value = xmp.get(ns, name).and_then(XmpProperty::main_value);
        let several = key == "Author" && xmp.get(ns, name).is_some_and(|p| p.values.len() > 1);
        if several {
            ctx.f.add("6.7.3", 1, text!("pdfa-info-author-creators"), loc.clone());
        }
        let same = match xmp_value {
            None => false,
            Some(x) if is_date => same_instant(&info_value, x),
            Some(x) => x == info_value,
        };
        if !same {
            let msg = match xmp_value {
                Some(x) => text!("pdfa-info-differs", key = key, info = &info_value, property = name, xmp = x),
                None => text!("pdfa-info-xmp-missing", key = key, info = &info_value, property = name),
            };
            ctx.f.add("6.7.3", 1, msg, loc.clone());
        }
    }
}

fn same_instant(info: &str, xmp: &str) -> bool {
    match (parse_pdf_date(info), parse_xmp_date(xmp)) {
        (Some(a), Some(b)) => a.instant() == b.instant(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKET: &str = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="1">
<pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">A &amp; B</rdf:li></rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;

    #[test]
    fn parses_attributes_and_alternatives() {
        let x = parse_xmp(PACKET).unwrap();
        assert_eq!(x.get(PDFAID, "part").unwrap().main_value(), Some("1"));
        assert_eq!(x.get(PDFAID, "conformance").unwrap().main_value(), Some("B"));
        assert_eq!(x.get(DC, "title").unwrap().main_value(), Some("A & B"));
        assert_eq!(x.packet_attributes, vec!["begin", "id"]);
    }

    #[test]
    fn reads_every_unicode_form() {
        let utf16be: Vec<u8> = PACKET.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let utf16le: Vec<u8> = PACKET.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf32le: Vec<u8> = PACKET.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect();
        let utf32be: Vec<u8> = PACKET.chars().flat_map(|c| u32::from(c).to_be_bytes()).collect();
        for bytes in [utf16be, utf16le, utf32le, utf32be] {
            assert_eq!(decode_xmp_bytes(&bytes).unwrap(), PACKET);
        }
    }

    #[test]
    fn rejects_broken_xml() {
        assert!(parse_xmp("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><a>").is_err());
        assert!(parse_xmp("<x:y/>").is_err());
    }
}

//! Object-level file-structure clauses over every indirect object: trailer (6.1.3), object and xref
//! streams (6.1.4), stream keys (6.1.7), LZW (6.1.10), file specs (6.1.11), limits (6.1.12), 6.1.13.

use lopdf::{Dictionary, Object, ObjectId, Stream};
use scor_locale::text;

use crate::context::Ctx;
use crate::model::{filters, get_dict, get_name};
use crate::report::{LimitStop, PdfLocation, ReadingLimit};

/// Clauses checked on every indirect object: file structure, XObjects, resources and fonts.
const OBJECT_CLAUSES: [&str; 12] =
    ["6.1.4", "6.1.7", "6.1.10", "6.1.11", "6.1.12", "6.2.4", "6.2.5", "6.2.6", "6.2.7", "6.2.8", "6.3", "6.4"];

/// What the walk gathers for the later clauses.
#[derive(Debug, Default)]
pub(crate) struct Gathered<'a> {
    /// Every Resources dictionary, with the object that holds it.
    pub(crate) resources: Vec<(ObjectId, &'a Dictionary)>,
}

/// Trailer clauses (6.1.3 tests 1, 2 and 4).
pub(crate) fn check_trailer(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc;
    if doc.trailer.has(b"Encrypt") || doc.encryption_state.is_some() {
        ctx.f.add("6.1.3", 2, text!("pdfa-encrypt"), PdfLocation::default());
    }
    let id_ok = matches!(doc.trailer.get(b"ID"), Ok(Object::Array(a)) if a.len() == 2);
    if !id_ok {
        ctx.f.add("6.1.3", 1, text!("pdfa-trailer-no-id"), PdfLocation::default());
    }
    if doc.xref_recovery.is_some() {
        ctx.f.add("6.1.4", 0, text!("pdfa-xref-damaged"), PdfLocation::default());
    }
}

/// Catalog-level structure clauses (6.1.11 test 2, 6.1.13).
pub(crate) fn check_catalog(ctx: &mut Ctx<'_>, catalog: &Dictionary) {
    let doc = ctx.doc;
    if get_dict(doc, catalog, b"Names").is_some_and(|n| n.has(b"EmbeddedFiles")) {
        ctx.f.add("6.1.11", 2, text!("pdfa-embedded-files"), PdfLocation::default());
    }
    if catalog.has(b"OCProperties") {
        ctx.f.add("6.1.13", 1, text!("pdfa-optional-content"), PdfLocation::default());
    }
}

/// Walks every indirect object (up to the limit) and every direct object inside it.
pub(crate) fn walk_objects<'a>(ctx: &mut Ctx<'a>) -> Gathered<'a> {
    let doc = ctx.doc;
    let mut g = Gathered::default();
    let total = doc.objects.len();
    if total > 8_388_607 {
        let msg = text!("pdfa-too-many-objects", total = total);
        ctx.f.add("6.1.12", 7, msg, PdfLocation::default());
    }
    if total > ctx.limits.max_objects {
        ctx.f.stop(LimitStop::objects(total, ctx.limits.max_objects));
        ctx.f.skip_at_limit(&OBJECT_CLAUSES, ReadingLimit::Objects);
    }
    for (id, obj) in doc.objects.iter().take(ctx.limits.max_objects) {
        visit(ctx, &mut g, *id, obj, 0);
    }
    g
}

const MAX_DEPTH: usize = 64;

fn visit<'a>(ctx: &mut Ctx<'a>, g: &mut Gathered<'a>, id: ObjectId, obj: &'a Object, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let loc = || PdfLocation::object(id);
    match obj {
        Object::Integer(i) if i32::try_from(*i).is_err() => {
            let msg = text!("pdfa-integer", value = i.to_string());
            ctx.f.add("6.1.12", 1, msg, loc());
        }
        Object::Real(r) if r.abs() > 32767.0 || !r.is_finite() => {
            let msg = text!("pdfa-real", value = r.to_string());
            ctx.f.add("6.1.12", 2, msg, loc());
        }
        Object::String(s, _) if s.len() > 65535 => {
            let msg = text!("pdfa-string", length = s.len());
            ctx.f.add("6.1.12", 3, msg, loc());
        }
        Object::Name(n) => check_name(ctx, n, id),
        Object::Array(a) => {
            if a.len() > 8191 {
                let msg = text!("pdfa-array", length = a.len());
                ctx.f.add("6.1.12", 5, msg, loc());
            }
            for item in a {
                visit(ctx, g, id, item, depth + 1);
            }
        }
        Object::Dictionary(d) => visit_dict(ctx, g, id, d, depth),
        Object::Stream(s) => {
            check_stream(ctx, id, s);
            visit_dict(ctx, g, id, &s.dict, depth);
        }
        _ => {}
    }
}

fn check_name(ctx: &mut Ctx<'_>, name: &[u8], id: ObjectId) {
    if name.len() > 127 {
        let msg = text!("pdfa-name", length = name.len());
        ctx.f.add("6.1.12", 4, msg, PdfLocation::object(id));
    }
}

fn visit_dict<'a>(ctx: &mut Ctx<'a>, g: &mut Gathered<'a>, id: ObjectId, d: &'a Dictionary, depth: usize) {
    if d.len() > 4095 {
        let msg = text!("pdfa-dictionary", length = d.len());
        ctx.f.add("6.1.12", 6, msg, PdfLocation::object(id));
    }
    check_file_spec(ctx, id, d);
    if let Some(res) = get_dict(ctx.doc, d, b"Resources") {
        g.resources.push((id, res));
    }
    for (key, value) in d.iter() {
        check_name(ctx, key, id);
        visit(ctx, g, id, value, depth + 1);
    }
}

/// 6.1.11 test 1: file specifications shall not embed files.
fn check_file_spec(ctx: &mut Ctx<'_>, id: ObjectId, d: &Dictionary) {
    let is_spec = get_name(ctx.doc, d, b"Type") == Some(b"Filespec") || d.has(b"UF") || d.has(b"F");
    if is_spec && d.has(b"EF") {
        ctx.f.add("6.1.11", 1, text!("pdfa-filespec-ef"), PdfLocation::object(id));
    }
}

/// Stream dictionary clauses: 6.1.4 (object/xref streams), 6.1.7 test 3, 6.1.10 test 1, XObjects.
fn check_stream(ctx: &mut Ctx<'_>, id: ObjectId, s: &Stream) {
    let doc = ctx.doc;
    let loc = || PdfLocation::object(id);
    match get_name(doc, &s.dict, b"Type") {
        Some(b"ObjStm") => {
            ctx.f.add("6.1.4", 0, text!("pdfa-object-stream"), loc());
        }
        Some(b"XRef") => {
            ctx.f.add("6.1.4", 0, text!("pdfa-xref-stream-object"), loc());
        }
        _ => {}
    }
    let external: Vec<&str> =
        ["F", "FFilter", "FDecodeParms"].into_iter().filter(|k| s.dict.has(k.as_bytes())).collect();
    if !external.is_empty() {
        let msg = text!("pdfa-stream-external", keys = external.join(", "));
        ctx.f.add("6.1.7", 3, msg, loc());
    }
    let fl = filters(doc, &s.dict, b"Filter");
    if fl.iter().any(|n| *n == b"LZWDecode" || *n == b"LZW") {
        ctx.f.add("6.1.10", 1, text!("pdfa-stream-lzw"), loc());
    }
}

//! Graphics clauses: the output intent (6.2.2), images and XObjects (6.2.4-6.2.7), ExtGState (6.2.8, 6.4),
//! transparency groups and soft masks (6.4); the colour spaces they name are checked by `colour`.

use lopdf::{Dictionary, Object, ObjectId, Stream};
use scor_locale::text;

use crate::colour::{NoProfile, check_colour_space, check_intent_name, check_n, icc_of};
use crate::context::Ctx;
use crate::icc::show4;
use crate::model::{get, get_array, get_dict, get_name, get_number, ref_of, resolve, show};
use crate::report::{PdfLocation, ReadingLimit};

/// Clauses that depend on the output intent's profile: the profile itself, device colour against it,
/// annotation colours.
const ICC_CLAUSES: [&str; 3] = ["6.2.2", "6.2.3", "6.5.3"];

/// 6.2.2: the PDF/A-1 output intent and its profile; sets the output colour space.
pub(crate) fn check_output_intents(ctx: &mut Ctx<'_>, catalog: &Dictionary) {
    let doc = ctx.doc;
    let Some(intents) = get_array(doc, catalog, b"OutputIntents") else { return };
    let mut profile_refs: Vec<Option<ObjectId>> = Vec::new();
    for intent in intents {
        let Some(d) = crate::model::as_dict(resolve(doc, intent)) else { continue };
        if d.has(b"DestOutputProfile") {
            profile_refs.push(ref_of(d, b"DestOutputProfile"));
        }
        if get_name(doc, d, b"S") == Some(b"GTS_PDFA1") {
            check_pdfa_intent(ctx, d);
        }
    }
    let first = profile_refs.first().copied().flatten();
    if profile_refs.len() > 1 && profile_refs.iter().any(|r| r.is_none() || *r != first) {
        ctx.f.add("6.2.2", 2, text!("pdfa-output-intents-profiles"), PdfLocation::default());
    }
}

fn check_pdfa_intent(ctx: &mut Ctx<'_>, d: &Dictionary) {
    let doc = ctx.doc;
    let loc = ref_of(d, b"DestOutputProfile").map(PdfLocation::object).unwrap_or_default();
    let Some(Object::Stream(s)) = get(doc, d, b"DestOutputProfile") else {
        ctx.f.add("6.2.2", 1, text!("pdfa-output-intent-no-profile"), loc);
        return;
    };
    let header = match icc_of(ctx, s, "6.2.2", loc.clone()) {
        Ok(header) => header,
        Err(NoProfile::AtLimit) => {
            // The file has an output intent whose colour space is unknown: what depends on it is not evaluated.
            ctx.output_at_limit = true;
            ctx.f.skip_at_limit(&ICC_CLAUSES, ReadingLimit::DecodedStreamBytes);
            return;
        }
        Err(NoProfile::Unread) => return,
    };
    let class_ok = matches!(&header.class, b"prtr" | b"mntr");
    let cs_ok = matches!(&header.colour_space, b"RGB " | b"CMYK" | b"GRAY");
    if !class_ok || !cs_ok || header.major >= 3 {
        let msg = text!(
            "pdfa-output-intent-profile",
            class = show4(&header.class),
            colour_space = show4(&header.colour_space),
            version = format!("{}.{}", header.major, header.minor),
        );
        ctx.f.add("6.2.2", 1, msg, loc.clone());
    }
    check_n(ctx, s, header, loc);
    ctx.output_cs = Some(header.colour_space);
}

/// XObject clauses for a stream with a Subtype (6.2.4-6.2.7, 6.4 tests 2 and 3).
pub(crate) fn check_xobject(ctx: &mut Ctx<'_>, id: ObjectId, s: &Stream, subtype: &[u8]) {
    let doc = ctx.doc;
    let d = &s.dict;
    let loc = || PdfLocation::object(id);
    let is_xobject = matches!(subtype, b"Image" | b"Form" | b"PS");
    if !is_xobject || get_name(doc, d, b"Type").is_some_and(|t| t != b"XObject") {
        return;
    }
    if d.has(b"OPI") {
        ctx.f.add("6.2.4", 2, text!("pdfa-xobject-opi"), loc());
    }
    if d.has(b"SMask") {
        ctx.f.add("6.4", 2, text!("pdfa-xobject-smask"), loc());
    }
    match subtype {
        b"Image" => check_image(ctx, id, d),
        b"Form" => check_form(ctx, id, s),
        _ => {
            ctx.f.add("6.2.7", 1, text!("pdfa-xobject-postscript"), loc());
        }
    }
}

fn check_image(ctx: &mut Ctx<'_>, id: ObjectId, d: &Dictionary) {
    let doc = ctx.doc;
    let loc = || PdfLocation::object(id);
    if d.has(b"Alternates") {
        ctx.f.add("6.2.4", 1, text!("pdfa-image-alternates"), loc());
    }
    if matches!(get(doc, d, b"Interpolate"), Some(Object::Boolean(true))) {
        ctx.f.add("6.2.4", 3, text!("pdfa-image-interpolate"), loc());
    }
    check_intent_name(ctx, get_name(doc, d, b"Intent"), loc());
}

fn check_form(ctx: &mut Ctx<'_>, id: ObjectId, s: &Stream) {
    let doc = ctx.doc;
    let d = &s.dict;
    let loc = || PdfLocation::object(id);
    if get_name(doc, d, b"Subtype2") == Some(b"PS") || d.has(b"PS") {
        ctx.f.add("6.2.5", 1, text!("pdfa-form-postscript"), loc());
    }
    if d.has(b"Ref") {
        ctx.f.add("6.2.6", 1, text!("pdfa-form-reference"), loc());
    }
    check_group(ctx, d, loc());
}

/// 6.4 test 3: no transparency group on a page or form.
pub(crate) fn check_group(ctx: &mut Ctx<'_>, d: &Dictionary, loc: PdfLocation) {
    let doc = ctx.doc;
    if get_dict(doc, d, b"Group").is_some_and(|g| get_name(doc, g, b"S") == Some(b"Transparency")) {
        ctx.f.add("6.4", 3, text!("pdfa-transparency-group"), loc);
    }
}

/// Checks one Resources dictionary: ExtGState and Shading entries (named colour spaces are checked
/// where content selects them with cs/CS).
pub(crate) fn check_resources(ctx: &mut Ctx<'_>, owner: ObjectId, res: &Dictionary) {
    let doc = ctx.doc;
    if let Some(gs) = get_dict(doc, res, b"ExtGState") {
        for (_, v) in gs.iter() {
            let id = match v {
                Object::Reference(id) => *id,
                _ => owner,
            };
            if let Some(d) = crate::model::as_dict(resolve(doc, v))
                && ctx.first_visit(d)
            {
                check_ext_gstate(ctx, d, PdfLocation::object(id));
            }
        }
    }
    if let Some(shadings) = get_dict(doc, res, b"Shading") {
        for (_, v) in shadings.iter() {
            if let Some(cs) = crate::model::as_dict(resolve(doc, v)).and_then(|d| d.get(b"ColorSpace").ok()) {
                check_colour_space(ctx, cs, None, PdfLocation::object(owner), 0);
            }
        }
    }
}

/// ExtGState clauses: 6.2.8 tests 1-2, 6.4 tests 1 and 4-6, 6.2.9.
fn check_ext_gstate(ctx: &mut Ctx<'_>, d: &Dictionary, loc: PdfLocation) {
    let doc = ctx.doc;
    if d.has(b"TR") {
        ctx.f.add("6.2.8", 1, text!("pdfa-extgstate-tr"), loc.clone());
    }
    if d.has(b"TR2") && get_name(doc, d, b"TR2") != Some(b"Default") {
        ctx.f.add("6.2.8", 2, text!("pdfa-extgstate-tr2"), loc.clone());
    }
    if d.has(b"SMask") && get_name(doc, d, b"SMask") != Some(b"None") {
        ctx.f.add("6.4", 1, text!("pdfa-extgstate-smask"), loc.clone());
    }
    check_blend_mode(ctx, d, loc.clone());
    for (key, test) in [(b"CA".as_slice(), 5), (b"ca".as_slice(), 6)] {
        if let Some(v) = get_number(doc, d, key).filter(|v| (v - 1.0).abs() >= 1e-6) {
            let (key, value) = (show(key), v.to_string());
            let msg = match test {
                5 => text!("pdfa-extgstate-stroke-alpha", key = key, value = value),
                _ => text!("pdfa-extgstate-fill-alpha", key = key, value = value),
            };
            ctx.f.add("6.4", test, msg, loc.clone());
        }
    }
    check_intent_name(ctx, get_name(doc, d, b"RI"), loc);
}

fn check_blend_mode(ctx: &mut Ctx<'_>, d: &Dictionary, loc: PdfLocation) {
    let doc = ctx.doc;
    let names: Vec<&[u8]> = match get(doc, d, b"BM") {
        Some(Object::Name(n)) => vec![n],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| match resolve(doc, o) {
                Object::Name(n) => Some(n.as_slice()),
                _ => None,
            })
            .collect(),
        _ => return,
    };
    if let Some(bad) = names.iter().find(|n| !matches!(**n, b"Normal" | b"Compatible")) {
        let msg = text!("pdfa-extgstate-blend-mode", mode = show(bad));
        ctx.f.add("6.4", 4, msg, loc);
    }
}

//! Font clauses on fonts reached from Resources: dictionary entries (6.3.2), composite fonts (6.3.3),
//! embedding (6.3.4), subset CharSet/CIDSet (6.3.5) and TrueType encodings (6.3.7).

use lopdf::{Dictionary, Object, ObjectId};
use scor_locale::{Text, text};

use crate::context::Ctx;
use crate::model::{get, get_array, get_dict, get_int, get_name, resolve, show};
use crate::report::PdfLocation;

const SUBTYPES: [&[u8]; 7] = [b"Type1", b"MMType1", b"TrueType", b"Type3", b"Type0", b"CIDFontType0", b"CIDFontType2"];

const STANDARD_14: [&[u8]; 14] = [
    b"Times-Roman",
    b"Times-Bold",
    b"Times-Italic",
    b"Times-BoldItalic",
    b"Helvetica",
    b"Helvetica-Bold",
    b"Helvetica-Oblique",
    b"Helvetica-BoldOblique",
    b"Courier",
    b"Courier-Bold",
    b"Courier-Oblique",
    b"Courier-BoldOblique",
    b"Symbol",
    b"ZapfDingbats",
];

/// Checks the fonts of one Resources dictionary.
pub(crate) fn check_font_resources(ctx: &mut Ctx<'_>, owner: ObjectId, res: &Dictionary) {
    let doc = ctx.doc;
    let Some(fonts) = get_dict(doc, res, b"Font") else { return };
    for (_, v) in fonts.iter() {
        let id = match v {
            Object::Reference(id) => *id,
            _ => owner,
        };
        if let Some(font) = crate::model::as_dict(resolve(doc, v))
            && ctx.first_visit(font)
        {
            check_font(ctx, font, PdfLocation::object(id), 0);
        }
    }
}

fn check_font(ctx: &mut Ctx<'_>, font: &Dictionary, loc: PdfLocation, depth: usize) {
    let doc = ctx.doc;
    let subtype = get_name(doc, font, b"Subtype").unwrap_or_default();
    let base = get_name(doc, font, b"BaseFont");
    let label = font_label(base);
    if get_name(doc, font, b"Type") != Some(b"Font") {
        ctx.f.add("6.3.2", 1, text!("pdfa-font-no-type", font = label.clone()), loc.clone());
    }
    if !SUBTYPES.contains(&subtype) {
        let msg = text!("pdfa-font-subtype", font = label.clone(), subtype = show(subtype));
        ctx.f.add("6.3.2", 2, msg, loc.clone());
    }
    if subtype != b"Type3" && base.is_none() {
        ctx.f.add("6.3.2", 3, text!("pdfa-font-no-basefont", font = label.clone()), loc.clone());
    }
    if matches!(subtype, b"Type1" | b"MMType1" | b"TrueType" | b"Type3") {
        check_simple_font(ctx, font, base, &label, loc.clone());
    }
    if subtype == b"Type0" {
        check_type0(ctx, font, &label, loc, depth);
        return;
    }
    if subtype != b"Type3" {
        check_embedding(ctx, font, subtype, base, &label, loc);
    }
}

/// How a message names a font: by its BaseFont name when it has one.
pub(crate) fn font_label(base: Option<&[u8]>) -> Text {
    match base {
        Some(name) => text!("pdfa-font-named", name = show(name)),
        None => text!("pdfa-font-unnamed"),
    }
}

fn check_simple_font(ctx: &mut Ctx<'_>, font: &Dictionary, base: Option<&[u8]>, label: &Text, loc: PdfLocation) {
    let doc = ctx.doc;
    let standard = base.is_some_and(|b| STANDARD_14.contains(&strip_subset(b)));
    if standard {
        return;
    }
    let first = get_int(doc, font, b"FirstChar");
    let last = get_int(doc, font, b"LastChar");
    if first.is_none() {
        ctx.f.add("6.3.2", 4, text!("pdfa-font-no-firstchar", font = label.clone()), loc.clone());
    }
    if last.is_none() {
        ctx.f.add("6.3.2", 5, text!("pdfa-font-no-lastchar", font = label.clone()), loc.clone());
    }
    let widths = get_array(doc, font, b"Widths").map(<[Object]>::len);
    let expected = first.zip(last).map(|(f, l)| l.saturating_sub(f).saturating_add(1));
    if widths.is_none() || widths.map(|w| w as i64) != expected {
        let msg = text!("pdfa-font-widths", font = label.clone());
        ctx.f.add("6.3.2", 6, msg, loc);
    }
}

fn strip_subset(name: &[u8]) -> &[u8] {
    if is_subset(name) { &name[7..] } else { name }
}

/// Subset fonts are named with six upper-case letters and a plus sign.
fn is_subset(name: &[u8]) -> bool {
    name.len() > 7 && name[..6].iter().all(u8::is_ascii_uppercase) && name[6] == b'+'
}

fn check_embedding(
    ctx: &mut Ctx<'_>,
    font: &Dictionary,
    subtype: &[u8],
    base: Option<&[u8]>,
    label: &Text,
    loc: PdfLocation,
) {
    let doc = ctx.doc;
    let desc = get_dict(doc, font, b"FontDescriptor");
    let file = desc.and_then(|d| {
        [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"].into_iter().find_map(|k| match get(doc, d, k) {
            Some(Object::Stream(s)) => Some(s),
            _ => None,
        })
    });
    let Some(file) = file else {
        let msg = text!("pdfa-font-not-embedded", font = label.clone());
        ctx.f.add("6.3.4", 1, msg, loc);
        return;
    };
    if let Some(sub) = get_name(doc, &file.dict, b"Subtype").filter(|s| !matches!(*s, b"Type1C" | b"CIDFontType0C")) {
        let msg = text!("pdfa-font-file-subtype", font = label.clone(), subtype = show(sub));
        ctx.f.add("6.3.2", 7, msg, loc.clone());
    }
    let Some(desc) = desc else { return };
    let subset = base.is_some_and(is_subset);
    if subset && subtype == b"Type1" && desc.has(b"CharSet") {
        let reason = text!("pdfa-skip-font-charset", font = label.clone());
        ctx.f.skip("6.3.5", reason);
    }
    if subset && matches!(subtype, b"CIDFontType0" | b"CIDFontType2") && desc.has(b"CIDSet") {
        let reason = text!("pdfa-skip-font-cidset", font = label.clone());
        ctx.f.skip("6.3.5", reason);
    }
    if subset && subtype == b"Type1" && !desc.has(b"CharSet") {
        let msg = text!("pdfa-font-no-charset", font = label.clone());
        ctx.f.add("6.3.5", 2, msg, loc.clone());
    }
    if subset && matches!(subtype, b"CIDFontType0" | b"CIDFontType2") && !desc.has(b"CIDSet") {
        let msg = text!("pdfa-font-no-cidset", font = label.clone());
        ctx.f.add("6.3.5", 3, msg, loc.clone());
    }
    if subtype == b"TrueType" {
        check_truetype_encoding(ctx, font, desc, label, loc);
    }
}

fn check_truetype_encoding(ctx: &mut Ctx<'_>, font: &Dictionary, desc: &Dictionary, label: &Text, loc: PdfLocation) {
    let doc = ctx.doc;
    let symbolic = get_int(doc, desc, b"Flags").is_some_and(|f| f & 4 != 0);
    let encoding = get(doc, font, b"Encoding");
    if symbolic {
        if encoding.is_some() {
            let msg = text!("pdfa-font-symbolic-encoding", font = label.clone());
            ctx.f.add("6.3.7", 2, msg, loc);
        }
        return;
    }
    let ok = match encoding {
        Some(Object::Name(n)) => matches!(n.as_slice(), b"MacRomanEncoding" | b"WinAnsiEncoding"),
        Some(Object::Dictionary(d)) => {
            matches!(get_name(doc, d, b"BaseEncoding"), Some(b"MacRomanEncoding" | b"WinAnsiEncoding"))
                && !d.has(b"Differences")
        }
        _ => false,
    };
    if !ok {
        let msg = text!("pdfa-font-nonsymbolic-encoding", font = label.clone());
        ctx.f.add("6.3.7", 1, msg, loc);
    }
}

fn check_type0(ctx: &mut Ctx<'_>, font: &Dictionary, label: &Text, loc: PdfLocation, depth: usize) {
    let doc = ctx.doc;
    let cmap_name = get_name(doc, font, b"Encoding");
    let identity = matches!(cmap_name, Some(b"Identity-H" | b"Identity-V"));
    if let Some(name) = cmap_name.filter(|_| !identity) {
        let msg = text!("pdfa-font-cmap-not-embedded", font = label.clone(), cmap = show(name));
        ctx.f.add("6.3.3", 3, msg, loc.clone());
    }
    let descendant = get_array(doc, font, b"DescendantFonts").and_then(|a| a.first());
    let Some(desc_obj) = descendant else { return };
    let desc_loc = match desc_obj {
        Object::Reference(id) => PdfLocation::object(*id),
        _ => loc.clone(),
    };
    let Some(cid) = crate::model::as_dict(resolve(doc, desc_obj)) else { return };
    if get_name(doc, cid, b"Subtype") == Some(b"CIDFontType2") && get(doc, cid, b"CIDToGIDMap").is_none() {
        let msg = text!("pdfa-font-no-cidtogidmap", font = label.clone());
        ctx.f.add("6.3.3", 2, msg, desc_loc.clone());
    }
    if let Some(Object::Stream(_)) = get(doc, font, b"Encoding") {
        let reason = text!("pdfa-skip-font-cmap", font = label.clone());
        ctx.f.skip("6.1.12", reason.clone());
        ctx.f.skip("6.3.3", reason);
    }
    if !identity
        && let Some(Object::Stream(cmap)) = get(doc, font, b"Encoding")
        && !same_system_info(ctx, &cmap.dict, cid)
    {
        let msg = text!("pdfa-font-system-info", font = label.clone());
        ctx.f.add("6.3.3", 1, msg, loc);
    }
    if depth < 2 {
        check_font(ctx, cid, desc_loc, depth + 1);
    }
}

fn same_system_info(ctx: &Ctx<'_>, cmap: &Dictionary, cid: &Dictionary) -> bool {
    let doc = ctx.doc;
    let info = |d: &Dictionary| {
        get_dict(doc, d, b"CIDSystemInfo").map(|i| {
            let s = |k: &[u8]| match get(doc, i, k) {
                Some(Object::String(v, _)) => v.clone(),
                _ => Vec::new(),
            };
            (s(b"Registry"), s(b"Ordering"))
        })
    };
    info(cmap) == info(cid)
}

//! Content stream clauses: graphics state nesting (6.1.12 test 8), operators (6.2.10), device colour
//! operators (6.2.3), rendering intents (6.2.9) and inline images (6.1.10 test 2, 6.2.4 test 3).

use lopdf::{Dictionary, Object, Stream};
use scor_locale::{Text, text};

use crate::colour::{check_colour_space, check_intent_name};
use crate::context::{Ctx, DeviceCs};
use crate::decode::{DecodeError, decode};
use crate::model::{as_dict, get, get_dict, get_name, resolve};
use crate::ops::{Event, Operand, walk};
use crate::report::{LimitStop, PdfLocation, ReadingLimit};

/// Clauses checked on a content stream.
pub(crate) const CONTENT_CLAUSES: [&str; 3] = ["6.1.12", "6.2.3", "6.2.10"];

/// Operators of PDF Reference 1.4 (Appendix A).
const OPERATORS: [&str; 73] = [
    "b", "B", "b*", "B*", "BDC", "BI", "BMC", "BT", "BX", "c", "cm", "CS", "cs", "d", "d0", "d1", "Do", "DP", "EI",
    "EMC", "ET", "EX", "f", "F", "f*", "G", "g", "gs", "h", "i", "ID", "j", "J", "K", "k", "l", "m", "M", "MP", "n",
    "q", "Q", "re", "RG", "rg", "ri", "s", "S", "SC", "sc", "SCN", "scn", "sh", "T*", "Tc", "Td", "TD", "Tf", "TJ",
    "Tj", "TL", "Tm", "Tr", "Ts", "Tw", "Tz", "v", "w", "W", "W*", "y", "'", "\"",
];

/// How deep forms, patterns and Type 3 glyphs may nest inside content before the walk stops.
const MAX_NESTING: usize = 12;

/// Checks the content of a form, tiling pattern or Type 3 glyph the first time it is used, with its
/// own Resources or, without them, those of the content that uses it.
pub(crate) fn check_used_stream<'a>(
    ctx: &mut Ctx<'a>,
    s: &'a Stream,
    parent: Option<&'a Dictionary>,
    loc: PdfLocation,
    nesting: usize,
) {
    if nesting > MAX_NESTING || !ctx.first_content_visit(s) {
        return;
    }
    let resources = get_dict(ctx.doc, &s.dict, b"Resources").or(parent);
    check_stream_content(ctx, s, resources, loc, nesting + 1);
}

/// Decodes (within the limit) and checks one content stream.
pub(crate) fn check_stream_content<'a>(
    ctx: &mut Ctx<'a>,
    s: &Stream,
    resources: Option<&'a Dictionary>,
    loc: PdfLocation,
    nesting: usize,
) {
    let limit = ctx.limits.max_decoded_stream_bytes;
    let data = match decode(ctx.doc, s, limit) {
        Ok(d) => d,
        Err(DecodeError::OverLimit { .. }) => {
            ctx.f.stop(LimitStop::stream(loc.object, limit));
            ctx.f.skip_at_limit(&CONTENT_CLAUSES, ReadingLimit::DecodedStreamBytes);
            return;
        }
        Err(e) => {
            let reason = text!("pdfa-skip-content-stream", place = describe(&loc), error = e.text());
            for clause in CONTENT_CLAUSES {
                ctx.f.skip(clause, reason.clone());
            }
            return;
        }
    };
    check_content_bytes(ctx, &data, resources, loc, nesting);
}

/// Checks decoded content bytes, one operator at a time.
pub(crate) fn check_content_bytes<'a>(
    ctx: &mut Ctx<'a>,
    data: &[u8],
    resources: Option<&'a Dictionary>,
    loc: PdfLocation,
    nesting: usize,
) {
    let mut depth = 0usize;
    let mut nesting_reported = false;
    let mut font: Option<(&'a Dictionary, PdfLocation)> = None;
    // Text rendering mode, saved by q and restored by Q (mode 3, invisible text, is exempt from 6.3.5-6.3.6).
    let mut render_mode = 0i64;
    let mut saved_modes: Vec<i64> = Vec::new();
    walk(data, |event| {
        if let Event::Op(_, operands) = &event {
            check_operands(ctx, operands, &loc);
        }
        match event {
            Event::InlineImage(image) => check_inline_image(ctx, &image, resources, &loc),
            Event::Op(b"q", _) => {
                if saved_modes.len() < 64 {
                    saved_modes.push(render_mode);
                }
                depth += 1;
                if depth > 28 && !nesting_reported {
                    nesting_reported = true;
                    ctx.f.add("6.1.12", 8, text!("pdfa-content-nesting"), loc.clone());
                }
            }
            Event::Op(b"Q", _) => {
                depth = depth.saturating_sub(1);
                render_mode = saved_modes.pop().unwrap_or(render_mode);
            }
            Event::Op(b"Tr", [.., Operand::Number(m)]) => render_mode = *m as i64,
            Event::Op(b"Tf", operands) => {
                font = font_of(ctx, operands, resources, &loc);
                follow(ctx, b"Tf", operands, resources, &loc, nesting);
            }
            Event::Op(op @ (b"Tj" | b"TJ" | b"'" | b"\""), operands) => {
                if let Some((f, at)) = font.as_ref().filter(|_| render_mode != 3) {
                    show_text(ctx, f, at, operands);
                }
                check_operator(ctx, op, operands, resources, &loc);
            }
            Event::Op(op, operands) => {
                check_operator(ctx, op, operands, resources, &loc);
                follow(ctx, op, operands, resources, &loc, nesting);
            }
        }
    });
}

/// 6.1.12 tests 1-4 and 6.1.6 on the operands of a content stream operator.
fn check_operands(ctx: &mut Ctx<'_>, operands: &[Operand], loc: &PdfLocation) {
    for operand in operands {
        match *operand {
            Operand::Number(n) if !(-2_147_483_648.0..=2_147_483_647.0).contains(&n) => {
                let msg = text!("pdfa-content-integer", value = n.to_string());
                ctx.f.add("6.1.12", 1, msg, loc.clone());
            }
            Operand::Real(r) if r.abs() > 32767.0 => {
                let msg = text!("pdfa-content-real", value = r.to_string());
                ctx.f.add("6.1.12", 2, msg, loc.clone());
            }
            Operand::Str(raw, hex) => check_string(ctx, raw, hex, loc),
            Operand::Name(n) if n.len() > 127 => {
                let msg = text!("pdfa-content-name", length = n.len());
                ctx.f.add("6.1.12", 4, msg, loc.clone());
            }
            _ => {}
        }
    }
}

fn check_string(ctx: &mut Ctx<'_>, raw: &[u8], hex: bool, loc: &PdfLocation) {
    if hex {
        let digits = raw.iter().filter(|c| !crate::lexer::is_white(**c)).count();
        if digits % 2 != 0 {
            ctx.f.add("6.1.6", 1, text!("pdfa-content-hex-odd"), loc.clone());
        }
        if raw.iter().any(|c| !crate::lexer::is_white(*c) && !c.is_ascii_hexdigit()) {
            ctx.f.add("6.1.6", 2, text!("pdfa-content-hex-digit"), loc.clone());
        }
    }
    let len = crate::ops::string_bytes(raw, hex).len();
    if len > 65535 {
        let msg = text!("pdfa-content-string", length = len);
        ctx.f.add("6.1.12", 3, msg, loc.clone());
    }
}

/// Follows what an operator paints with: forms and images (Do), tiling patterns (scn/SCN), Type 3
/// glyph procedures (Tf). Only what content uses is checked (ISO 19005-1 Cor.2: unused resources are exempt).
fn follow<'a>(
    ctx: &mut Ctx<'a>,
    op: &[u8],
    operands: &[Operand],
    res: Option<&'a Dictionary>,
    loc: &PdfLocation,
    nesting: usize,
) {
    let doc = ctx.doc;
    let Some(Operand::Name(name)) = operands.iter().rev().find(|o| matches!(o, Operand::Name(_))) else { return };
    let category: &[u8] = match op {
        b"Do" => b"XObject",
        b"scn" | b"SCN" => b"Pattern",
        b"Tf" => b"Font",
        _ => return,
    };
    let Some(entry) = res.and_then(|r| get_dict(doc, r, category)).and_then(|d| d.get(name).ok()) else { return };
    let at = match entry {
        Object::Reference(id) => PdfLocation { object: Some(*id), ..loc.clone() },
        _ => loc.clone(),
    };
    match (category, resolve(doc, entry)) {
        (b"XObject", Object::Stream(s)) => check_used_xobject(ctx, s, res, at, nesting),
        (b"Pattern", Object::Stream(s)) => check_used_stream(ctx, s, res, at, nesting),
        (b"Font", font) => check_type3_glyphs(ctx, font, res, at, nesting),
        _ => {}
    }
}

/// The font a Tf operator selects, and where it is.
fn font_of<'a>(
    ctx: &mut Ctx<'a>,
    operands: &[Operand],
    res: Option<&'a Dictionary>,
    loc: &PdfLocation,
) -> Option<(&'a Dictionary, PdfLocation)> {
    let doc = ctx.doc;
    let Some(Operand::Name(name)) = operands.iter().rev().find(|o| matches!(o, Operand::Name(_))) else {
        return None;
    };
    let entry = res.and_then(|r| get_dict(doc, r, b"Font")).and_then(|d| d.get(name).ok())?;
    let at = match entry {
        Object::Reference(id) => PdfLocation { object: Some(*id), ..loc.clone() },
        _ => loc.clone(),
    };
    let font = as_dict(resolve(doc, entry))?;
    Some((font, at))
}

/// Records the codes a text-showing operator shows with the current font.
fn show_text<'a>(ctx: &mut Ctx<'a>, font: &'a Dictionary, at: &PdfLocation, operands: &[Operand]) {
    for operand in operands.iter().rev().take(1) {
        match operand {
            Operand::Str(raw, hex) => ctx.show_text(font, at, &crate::ops::string_bytes(raw, *hex)),
            Operand::Array(raw) => {
                for s in crate::ops::array_strings(raw) {
                    ctx.show_text(font, at, &s);
                }
            }
            _ => {}
        }
    }
}

/// An XObject where content paints it: its clauses (6.2.4-6.2.7, 6.4), then a form's content or an
/// image's colour space with the resources it is painted with.
pub(crate) fn check_used_xobject<'a>(
    ctx: &mut Ctx<'a>,
    s: &'a Stream,
    res: Option<&'a Dictionary>,
    at: PdfLocation,
    nesting: usize,
) {
    let doc = ctx.doc;
    let subtype = get_name(doc, &s.dict, b"Subtype");
    if ctx.first_visit(&s.dict)
        && let Some(sub) = subtype
    {
        crate::graphics::check_xobject(ctx, at.object.unwrap_or_default(), s, sub);
    }
    match subtype {
        Some(b"Image") => check_used_image(ctx, s, res, at),
        Some(b"Form") | None => check_used_stream(ctx, s, res, at, nesting),
        _ => {}
    }
}

/// 6.2.3: the colour space of an image where it is painted (the page's Default spaces apply).
fn check_used_image<'a>(ctx: &mut Ctx<'a>, s: &'a Stream, res: Option<&'a Dictionary>, loc: PdfLocation) {
    let mask = matches!(get(ctx.doc, &s.dict, b"ImageMask"), Some(Object::Boolean(true)));
    if !mask && let Ok(cs) = s.dict.get(b"ColorSpace") {
        check_colour_space(ctx, cs, res, loc, 0);
    }
}

fn check_type3_glyphs<'a>(
    ctx: &mut Ctx<'a>,
    font: &'a Object,
    res: Option<&'a Dictionary>,
    loc: PdfLocation,
    nesting: usize,
) {
    let doc = ctx.doc;
    let Some(font) = as_dict(font).filter(|f| get_name(doc, f, b"Subtype") == Some(b"Type3")) else { return };
    let res = get_dict(doc, font, b"Resources").or(res);
    let Some(procs) = get_dict(doc, font, b"CharProcs") else { return };
    for (_, glyph) in procs.iter() {
        if let Object::Stream(s) = resolve(doc, glyph) {
            check_used_stream(ctx, s, res, loc.clone(), nesting);
        }
    }
}

fn check_operator<'a>(
    ctx: &mut Ctx<'a>,
    op: &[u8],
    operands: &[Operand],
    res: Option<&'a Dictionary>,
    loc: &PdfLocation,
) {
    let name = || match operands.first() {
        Some(Operand::Name(n)) => Some(n.to_vec()),
        _ => None,
    };
    match op {
        b"rg" | b"RG" => crate::colour::use_device(ctx, DeviceCs::Rgb, res, loc.clone()),
        b"k" | b"K" => crate::colour::use_device(ctx, DeviceCs::Cmyk, res, loc.clone()),
        b"g" | b"G" => crate::colour::use_device(ctx, DeviceCs::Gray, res, loc.clone()),
        b"cs" | b"CS" => {
            if let Some(cs) = name() {
                check_colour_space(ctx, &Object::Name(cs), res, loc.clone(), 0);
            }
        }
        b"ri" => {
            if let Some(intent) = name() {
                check_intent_name(ctx, Some(&intent), loc.clone());
            }
        }
        _ if !OPERATORS.iter().any(|known| known.as_bytes() == op) => {
            let msg = text!("pdfa-content-operator", operator = String::from_utf8_lossy(op).into_owned());
            ctx.f.add("6.2.10", 1, msg, loc.clone());
        }
        _ => {}
    }
}

fn check_inline_image<'a>(ctx: &mut Ctx<'a>, d: &Dictionary, res: Option<&'a Dictionary>, loc: &PdfLocation) {
    let filter = d.get(b"F").or_else(|_| d.get(b"Filter")).ok();
    let names: Vec<&[u8]> = match filter {
        Some(Object::Name(n)) => vec![n],
        Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_name().ok()).collect(),
        _ => Vec::new(),
    };
    if names.iter().any(|n| *n == b"LZW" || *n == b"LZWDecode") {
        ctx.f.add("6.1.10", 2, text!("pdfa-inline-image-lzw"), loc.clone());
    }
    let interpolate = d.get(b"I").or_else(|_| d.get(b"Interpolate")).ok();
    if matches!(interpolate, Some(Object::Boolean(true))) {
        ctx.f.add("6.2.4", 3, text!("pdfa-inline-image-interpolate"), loc.clone());
    }
    let mask = matches!(d.get(b"IM").or_else(|_| d.get(b"ImageMask")), Ok(Object::Boolean(true)));
    if let Some(cs) = d.get(b"CS").or_else(|_| d.get(b"ColorSpace")).ok().filter(|_| !mask) {
        check_colour_space(ctx, cs, res, loc.clone(), 0);
    }
    if let Ok(Object::Name(n)) = d.get(b"Intent") {
        check_intent_name(ctx, Some(n), loc.clone());
    }
}

fn describe(loc: &PdfLocation) -> Text {
    match (loc.page, loc.object) {
        (Some(p), _) => text!("pdfa-place-page", page = p),
        (None, Some((n, g))) => text!("pdfa-place-object", object = format!("{n} {g}")),
        _ => text!("pdfa-place-unknown"),
    }
}

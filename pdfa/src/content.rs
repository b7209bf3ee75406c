//! Content stream clauses: graphics state nesting (6.1.12 test 8), operators (6.2.10), device colour
//! operators (6.2.3), rendering intents (6.2.9) and inline images (6.1.10 test 2, 6.2.4 test 3).

use lopdf::{Dictionary, Object, Stream};

use crate::colour::{check_colour_space, check_intent_name};
use crate::context::{Ctx, DeviceCs};
use crate::decode::{DecodeError, decode};
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

/// Decodes (within the limit) and checks one content stream.
pub(crate) fn check_stream_content(ctx: &mut Ctx<'_>, s: &Stream, resources: Option<&Dictionary>, loc: PdfLocation) {
    let limit = ctx.limits.max_decoded_stream_bytes;
    let data = match decode(ctx.doc, s, limit) {
        Ok(d) => d,
        Err(DecodeError::OverLimit { .. }) => {
            ctx.f.stop(LimitStop::stream(loc.object, limit));
            ctx.f.skip_at_limit(&CONTENT_CLAUSES, ReadingLimit::DecodedStreamBytes);
            return;
        }
        Err(e) => {
            let reason = format!("a content stream ({}) could not be decoded: {e}", describe(&loc));
            for clause in CONTENT_CLAUSES {
                ctx.f.skip(clause, reason.clone());
            }
            return;
        }
    };
    check_content_bytes(ctx, &data, resources, loc);
}

/// Checks decoded content bytes, one operator at a time.
pub(crate) fn check_content_bytes(ctx: &mut Ctx<'_>, data: &[u8], resources: Option<&Dictionary>, loc: PdfLocation) {
    let mut depth = 0usize;
    let mut nesting_reported = false;
    walk(data, |event| match event {
        Event::InlineImage(image) => check_inline_image(ctx, &image, resources, &loc),
        Event::Op(b"q", _) => {
            depth += 1;
            if depth > 28 && !nesting_reported {
                nesting_reported = true;
                let msg = "graphics states are nested (q) more than 28 deep; reduce the q/Q nesting";
                ctx.f.add("6.1.12", 8, msg.into(), loc.clone());
            }
        }
        Event::Op(b"Q", _) => depth = depth.saturating_sub(1),
        Event::Op(op, operands) => check_operator(ctx, op, operands, resources, &loc),
    });
}

fn check_operator(ctx: &mut Ctx<'_>, op: &[u8], operands: &[Operand], res: Option<&Dictionary>, loc: &PdfLocation) {
    let name = || match operands.first() {
        Some(Operand::Name(n)) => Some(n.to_vec()),
        _ => None,
    };
    match op {
        b"rg" | b"RG" => ctx.use_device(DeviceCs::Rgb, loc.clone()),
        b"k" | b"K" => ctx.use_device(DeviceCs::Cmyk, loc.clone()),
        b"g" | b"G" => ctx.use_device(DeviceCs::Gray, loc.clone()),
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
            let msg = format!(
                "the content stream uses operator \"{}\", which PDF 1.4 does not define; remove it",
                String::from_utf8_lossy(op)
            );
            ctx.f.add("6.2.10", 1, msg, loc.clone());
        }
        _ => {}
    }
}

fn check_inline_image(ctx: &mut Ctx<'_>, d: &Dictionary, res: Option<&Dictionary>, loc: &PdfLocation) {
    let filter = d.get(b"F").or_else(|_| d.get(b"Filter")).ok();
    let names: Vec<&[u8]> = match filter {
        Some(Object::Name(n)) => vec![n],
        Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_name().ok()).collect(),
        _ => Vec::new(),
    };
    if names.iter().any(|n| *n == b"LZW" || *n == b"LZWDecode") {
        let msg = "an inline image is LZW-compressed; use FlateDecode instead".to_string();
        ctx.f.add("6.1.10", 2, msg, loc.clone());
    }
    let interpolate = d.get(b"I").or_else(|_| d.get(b"Interpolate")).ok();
    if matches!(interpolate, Some(Object::Boolean(true))) {
        ctx.f.add("6.2.4", 3, "an inline image has Interpolate true; set it to false".into(), loc.clone());
    }
    let mask = matches!(d.get(b"IM").or_else(|_| d.get(b"ImageMask")), Ok(Object::Boolean(true)));
    if let Some(cs) = d.get(b"CS").or_else(|_| d.get(b"ColorSpace")).ok().filter(|_| !mask) {
        check_colour_space(ctx, cs, res, loc.clone(), 0);
    }
    if let Ok(Object::Name(n)) = d.get(b"Intent") {
        check_intent_name(ctx, Some(n), loc.clone());
    }
}

fn describe(loc: &PdfLocation) -> String {
    match (loc.page, loc.object) {
        (Some(p), _) => format!("page {p}"),
        (None, Some((n, g))) => format!("object {n} {g}"),
        _ => "unknown place".into(),
    }
}

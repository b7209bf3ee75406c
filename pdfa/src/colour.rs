//! Colour clauses shared by resources, XObjects and content streams: colour spaces against the output
//! intent (6.2.3), embedded ICC profiles (6.2.2, 6.2.3) and rendering intents (6.2.9).

use lopdf::{Dictionary, Object, Stream};
use scor_locale::{Arg, text};

use crate::context::{Ctx, DeviceCs};
use crate::decode::{DecodeError, decode};
use crate::icc::{IccHeader, parse_header, show4};
use crate::model::{get_dict, get_int, resolve, show};
use crate::report::{LimitStop, PdfLocation, ReadingLimit};

const INTENTS: [&[u8]; 4] = [b"RelativeColorimetric", b"AbsoluteColorimetric", b"Perceptual", b"Saturation"];

/// 6.2.9: a rendering intent must be one of the four standard names.
pub(crate) fn check_intent_name(ctx: &mut Ctx<'_>, intent: Option<&[u8]>, loc: PdfLocation) {
    if let Some(name) = intent.filter(|n| !INTENTS.contains(n)) {
        let msg = text!("pdfa-rendering-intent", intent = show(name));
        ctx.f.add("6.2.9", 1, msg, loc);
    }
}

/// Colour space clauses: device spaces against the output intent, ICCBased profiles, DeviceN size.
pub(crate) fn check_colour_space<'a>(
    ctx: &mut Ctx<'a>,
    cs: &Object,
    resources: Option<&'a Dictionary>,
    loc: PdfLocation,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    let doc = ctx.doc;
    let cs_loc = match cs {
        Object::Reference(id) => PdfLocation { object: Some(*id), ..loc.clone() },
        _ => loc.clone(),
    };
    match resolve(doc, cs) {
        Object::Name(n) => match device_of(n) {
            Some(kind) => use_device(ctx, kind, resources, loc),
            None => named_space(ctx, n, resources, loc, depth),
        },
        Object::Array(a) => array_space(ctx, a, resources, cs_loc, depth),
        _ => {}
    }
}

/// 6.2.3: a device colour space painted with these resources. A Default colour space of the
/// resources (DefaultRGB, DefaultCMYK, DefaultGray) replaces it and is checked instead.
pub(crate) fn use_device<'a>(ctx: &mut Ctx<'a>, kind: DeviceCs, resources: Option<&'a Dictionary>, loc: PdfLocation) {
    let key: &[u8] = match kind {
        DeviceCs::Rgb => b"DefaultRGB",
        DeviceCs::Cmyk => b"DefaultCMYK",
        DeviceCs::Gray => b"DefaultGray",
    };
    let default = resources.and_then(|r| get_dict(ctx.doc, r, b"ColorSpace")).and_then(|c| c.get(key).ok());
    match default {
        Some(cs) if !matches!(resolve(ctx.doc, cs), Object::Name(_)) => check_colour_space(ctx, cs, None, loc, 1),
        _ => ctx.use_device(kind, loc),
    }
}

/// Device colour space of a name (full or inline-image abbreviation).
fn device_of(name: &[u8]) -> Option<DeviceCs> {
    match name {
        b"DeviceRGB" | b"RGB" => Some(DeviceCs::Rgb),
        b"DeviceCMYK" | b"CMYK" => Some(DeviceCs::Cmyk),
        b"DeviceGray" | b"G" => Some(DeviceCs::Gray),
        _ => None,
    }
}

fn named_space<'a>(ctx: &mut Ctx<'a>, n: &[u8], resources: Option<&'a Dictionary>, loc: PdfLocation, depth: usize) {
    let doc = ctx.doc;
    let entry = resources.and_then(|r| get_dict(doc, r, b"ColorSpace")).and_then(|c| c.get(n).ok());
    if let Some(cs) = entry {
        check_colour_space(ctx, cs, resources, loc, depth + 1);
    }
}

fn array_space<'a>(ctx: &mut Ctx<'a>, a: &[Object], resources: Option<&'a Dictionary>, loc: PdfLocation, depth: usize) {
    let doc = ctx.doc;
    let family = a.first().map(|o| resolve(doc, o));
    let Some(Object::Name(family)) = family else { return };
    match family.as_slice() {
        b"ICCBased" => {
            if let Some(Object::Stream(s)) = a.get(1).map(|o| resolve(doc, o)) {
                let loc = match a.get(1) {
                    Some(Object::Reference(id)) => PdfLocation { object: Some(*id), ..loc },
                    _ => loc,
                };
                check_input_profile(ctx, s, loc);
            }
        }
        b"Indexed" | b"I" | b"Pattern" => {
            if let Some(base) = a.get(1) {
                check_colour_space(ctx, base, resources, loc, depth + 1);
            }
        }
        b"Separation" => {
            if let Some(alt) = a.get(2) {
                check_colour_space(ctx, alt, resources, loc, depth + 1);
            }
        }
        b"DeviceN" => {
            let n = match a.get(1).map(|o| resolve(doc, o)) {
                Some(Object::Array(names)) => names.len(),
                _ => 0,
            };
            if n > 8 {
                let msg = text!("pdfa-devicen-components", components = n);
                ctx.f.add("6.1.12", 9, msg, loc.clone());
            }
            if let Some(alt) = a.get(2) {
                check_colour_space(ctx, alt, resources, loc, depth + 1);
            }
        }
        _ => {}
    }
}

/// 6.2.3 tests 1 and 5 for an ICCBased colour space.
fn check_input_profile(ctx: &mut Ctx<'_>, s: &Stream, loc: PdfLocation) {
    let Ok(header) = icc_of(ctx, s, "6.2.3", loc.clone()) else { return };
    let class_ok = matches!(&header.class, b"prtr" | b"mntr" | b"scnr" | b"spac");
    let cs_ok = matches!(&header.colour_space, b"RGB " | b"CMYK" | b"GRAY" | b"Lab ");
    if !class_ok || !cs_ok || header.major >= 3 {
        let msg = text!(
            "pdfa-icc-input-profile",
            class = show4(&header.class),
            colour_space = show4(&header.colour_space),
            version = format!("{}.{}", header.major, header.minor),
        );
        ctx.f.add("6.2.3", 1, msg, loc.clone());
    }
    check_n(ctx, s, header, loc);
}

/// Why an ICC profile gave no header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoProfile {
    /// Its stream decodes past the stream limit (recorded as a limit stop).
    AtLimit,
    /// It could not be decoded, or is no ICC profile (recorded as such).
    Unread,
}

/// Decodes and parses an ICC stream; reports test 1 of `clause` when it is no profile.
pub(crate) fn icc_of(
    ctx: &mut Ctx<'_>,
    s: &Stream,
    clause: &'static str,
    loc: PdfLocation,
) -> Result<IccHeader, NoProfile> {
    let limit = ctx.limits.max_decoded_stream_bytes;
    let data = match decode(ctx.doc, s, limit) {
        Ok(d) => d,
        Err(DecodeError::OverLimit { .. }) => {
            ctx.f.stop(LimitStop::stream(loc.object, limit));
            ctx.f.skip_at_limit(&[clause], ReadingLimit::DecodedStreamBytes);
            return Err(NoProfile::AtLimit);
        }
        Err(e) => {
            ctx.f.skip(clause, text!("pdfa-skip-icc-stream", error = e.text()));
            return Err(NoProfile::Unread);
        }
    };
    let Some(header) = parse_header(&data) else {
        ctx.f.add(clause, 1, text!("pdfa-icc-invalid"), loc);
        return Err(NoProfile::Unread);
    };
    Ok(header)
}

/// 6.2.3 test 5: N of an ICC stream matches its profile.
pub(crate) fn check_n(ctx: &mut Ctx<'_>, s: &Stream, header: IccHeader, loc: PdfLocation) {
    let n = get_int(ctx.doc, &s.dict, b"N");
    if n.is_none() || n != header.components() {
        // `missing` and `unsupported` select the words for an absent N and an unknown colour space.
        let components = header.components().map_or(Arg::from("unsupported"), Arg::from);
        let msg = text!(
            "pdfa-icc-n",
            n = n.map_or_else(|| "missing".to_owned(), |v| v.to_string()),
            colour_space = show4(&header.colour_space),
            components = components,
        );
        ctx.f.add("6.2.3", 5, msg, loc);
    }
}

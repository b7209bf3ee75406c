//! Embedded font programs against the glyphs content shows with them: glyph presence (6.3.5 test 1),
//! widths (6.3.6) and the cmap of symbolic TrueType fonts (6.3.7 test 3), read with ttf-parser.

use lopdf::{Dictionary, Object};
use scor_locale::{Text, text};
use ttf_parser::{Face, GlyphId, PlatformId};

use crate::context::{Ctx, UsedFont};
use crate::decode::{DecodeError, decode};
use crate::model::{get, get_array, get_dict, get_int, get_name, resolve, show};
use crate::report::{LimitStop, ReadingLimit};

/// Unicode of the WinAnsiEncoding codes 0x80-0x9F (PDF Reference 1.4, Appendix D); 0 where undefined.
const WIN_ANSI_80: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0,
    0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

fn win_ansi_unicode(code: u32) -> Option<u32> {
    match code {
        0x20..=0x7E | 0xA0..=0xFF => Some(code),
        0x80..=0x9F => Some(u32::from(WIN_ANSI_80[(code - 0x80) as usize])).filter(|u| *u != 0),
        _ => None,
    }
}

/// Checks every font content used against its embedded program.
pub(crate) fn check_used_fonts<'a>(ctx: &mut Ctx<'a>, fonts: &[UsedFont<'a>]) {
    for used in fonts {
        check_font(ctx, used);
    }
}

fn check_font(ctx: &mut Ctx<'_>, used: &UsedFont<'_>) {
    let doc = ctx.doc;
    let font = used.font;
    let label = crate::fonts::font_label(get_name(doc, font, b"BaseFont"));
    let subtype = get_name(doc, font, b"Subtype").unwrap_or_default();
    if subtype == b"Type3" {
        check_type3(ctx, used, &label);
        return;
    }
    let Some(desc) = get_dict(doc, font, b"FontDescriptor") else { return };
    let program =
        [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"].into_iter().find_map(|k| match get(doc, desc, k) {
            Some(Object::Stream(s)) => Some((k, s)),
            _ => None,
        });
    let Some((key, stream)) = program else { return };
    if subtype != b"TrueType" || key != b"FontFile2" {
        let reason = text!("pdfa-skip-font-program", font = label.clone(), subtype = show(subtype), key = show(key));
        for clause in ["6.3.5", "6.3.6"] {
            ctx.f.skip(clause, reason.clone());
        }
        return;
    }
    let limit = ctx.limits.max_decoded_stream_bytes;
    let data = match decode(doc, stream, limit) {
        Ok(d) => d,
        Err(DecodeError::OverLimit { .. }) => {
            ctx.f.stop(LimitStop::stream(used.loc.object, limit));
            ctx.f.skip_at_limit(&["6.3.5", "6.3.6", "6.3.7"], ReadingLimit::DecodedStreamBytes);
            return;
        }
        Err(e) => {
            for clause in ["6.3.5", "6.3.6", "6.3.7"] {
                ctx.f.skip(clause, text!("pdfa-skip-font-decode", font = label.clone(), error = e.text()));
            }
            return;
        }
    };
    check_truetype(ctx, used, desc, &data, &label);
}

fn check_truetype(ctx: &mut Ctx<'_>, used: &UsedFont<'_>, desc: &Dictionary, data: &[u8], label: &Text) {
    let doc = ctx.doc;
    let face = match Face::parse(data, 0) {
        Ok(face) => face,
        Err(e) => {
            for clause in ["6.3.5", "6.3.6", "6.3.7"] {
                let error = Text::verbatim(e.to_string());
                ctx.f.skip(clause, text!("pdfa-skip-truetype-parse", font = label.clone(), error = error));
            }
            return;
        }
    };
    let symbolic = get_int(doc, desc, b"Flags").is_some_and(|f| f & 4 != 0);
    let subtables = face.tables().cmap.map_or(0, |c| c.subtables.len());
    if symbolic && subtables != 1 {
        let msg = text!("pdfa-font-cmap-subtables", font = label.clone(), subtables = subtables);
        ctx.f.add("6.3.7", 3, msg, used.loc.clone());
    }
    let mac_roman = get_name(doc, used.font, b"Encoding") == Some(b"MacRomanEncoding");
    let first = get_int(doc, used.font, b"FirstChar").unwrap_or(0);
    let widths = get_array(doc, used.font, b"Widths").unwrap_or_default();
    let per_em = f64::from(face.units_per_em().max(1));
    for &code in &used.codes {
        let Some(gid) = glyph_of(&face, code, symbolic, mac_roman) else {
            let reason = text!("pdfa-skip-font-glyph", font = label.clone(), code = code.to_string());
            ctx.f.skip("6.3.5", reason.clone());
            ctx.f.skip("6.3.6", reason);
            continue;
        };
        let from_dict = usize::try_from(i64::from(code) - first).ok().and_then(|i| widths.get(i)).and_then(|w| {
            match resolve(doc, w) {
                Object::Integer(i) => Some(*i as f64),
                Object::Real(r) => Some(f64::from(*r)),
                _ => None,
            }
        });
        let from_program = face.glyph_hor_advance(gid).map(|a| f64::from(a) * 1000.0 / per_em);
        if let (Some(d), Some(p)) = (from_dict, from_program)
            && (d - p).abs() > 1.0
        {
            let msg = text!(
                "pdfa-font-width-program",
                font = label.clone(),
                code = code.to_string(),
                widths = d.to_string(),
                program = format!("{p:.0}"),
            );
            ctx.f.add("6.3.6", 1, msg, used.loc.clone());
        }
    }
}

/// The glyph of a simple TrueType font's code, by the PDF Reference 1.4 5.5.5 rules; None when
/// no cmap subtable gives one (or it gives glyph 0, .notdef).
fn glyph_of(face: &Face<'_>, code: u32, symbolic: bool, mac_roman: bool) -> Option<GlyphId> {
    let cmap = face.tables().cmap?;
    let lookup = |platform: PlatformId, encoding: u16, cp: u32| {
        cmap.subtables
            .into_iter()
            .filter(|s| s.platform_id == platform && s.encoding_id == encoding)
            .find_map(|s| s.glyph_index(cp))
            .filter(|g| g.0 != 0)
    };
    if symbolic {
        return [code, 0xF000 + code, 0xF100 + code, 0xF200 + code]
            .into_iter()
            .find_map(|cp| lookup(PlatformId::Windows, 0, cp))
            .or_else(|| lookup(PlatformId::Macintosh, 0, code));
    }
    if mac_roman && let Some(g) = lookup(PlatformId::Macintosh, 0, code) {
        return Some(g);
    }
    win_ansi_unicode(code)
        .and_then(|u| lookup(PlatformId::Windows, 1, u))
        .or_else(|| lookup(PlatformId::Macintosh, 0, code))
}

/// 6.3.6 for a Type 3 font: the width of each shown glyph (d0/d1 of its procedure) against Widths.
fn check_type3(ctx: &mut Ctx<'_>, used: &UsedFont<'_>, label: &Text) {
    let doc = ctx.doc;
    let font = used.font;
    let first = get_int(doc, font, b"FirstChar").unwrap_or(0);
    let widths = get_array(doc, font, b"Widths").unwrap_or_default();
    let differences = get_dict(doc, font, b"Encoding").and_then(|e| get_array(doc, e, b"Differences"));
    let procs = get_dict(doc, font, b"CharProcs");
    for &code in &used.codes {
        let name = differences.and_then(|d| glyph_name(doc, d, code));
        let glyph = name.and_then(|n| procs.and_then(|p| get(doc, p, n)));
        let Some(Object::Stream(proc_stream)) = glyph else { continue };
        let Ok(data) = decode(doc, proc_stream, ctx.limits.max_decoded_stream_bytes) else { continue };
        let Some(from_program) = type3_width(&data) else { continue };
        let from_dict = usize::try_from(i64::from(code) - first).ok().and_then(|i| widths.get(i)).and_then(number);
        if let Some(d) = from_dict
            && (d - from_program).abs() > 1.0
        {
            let msg = text!(
                "pdfa-font-width-type3",
                font = label.clone(),
                code = code.to_string(),
                widths = d.to_string(),
                program = from_program.to_string(),
            );
            ctx.f.add("6.3.6", 1, msg, used.loc.clone());
        }
    }
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The glyph name a Differences array gives a code.
fn glyph_name<'a>(doc: &'a lopdf::Document, differences: &'a [Object], code: u32) -> Option<&'a [u8]> {
    let mut next: Option<i64> = None;
    let mut found = None;
    for item in differences {
        match resolve(doc, item) {
            Object::Integer(i) => next = Some(*i),
            Object::Name(n) => {
                if next == Some(i64::from(code)) {
                    found = Some(n.as_slice());
                }
                next = next.map(|c| c + 1);
            }
            _ => {}
        }
    }
    found
}

/// The horizontal width wx of a glyph procedure's d0 or d1 operator.
fn type3_width(data: &[u8]) -> Option<f64> {
    let mut width = None;
    crate::ops::walk(data, |event| {
        if width.is_none()
            && let crate::ops::Event::Op(op @ (b"d0" | b"d1"), operands) = event
        {
            let count = if op == b"d1" { 6 } else { 2 };
            width = match operands.len().checked_sub(count).and_then(|n| operands.get(n)) {
                Some(crate::ops::Operand::Number(v) | crate::ops::Operand::Real(v)) => Some(*v),
                _ => None,
            };
        }
    });
    width
}

//! Interactive clauses: annotations (6.5.2, 6.5.3), actions and additional actions (6.6.1, 6.6.2),
//! interactive forms (6.9). Walks are bounded and remember what they visited, so loops end.

use lopdf::{Dictionary, Object};
use scor_locale::text;

use crate::context::Ctx;
use crate::model::{as_dict, get, get_array, get_dict, get_name, get_number, resolve, show};
use crate::report::PdfLocation;

const ANNOTATIONS: [&[u8]; 16] = [
    b"Text",
    b"Link",
    b"FreeText",
    b"Line",
    b"Square",
    b"Circle",
    b"Highlight",
    b"Underline",
    b"Squiggly",
    b"StrikeOut",
    b"Stamp",
    b"Ink",
    b"Popup",
    b"Widget",
    b"PrinterMark",
    b"TrapNet",
];
const ACTIONS: [&[u8]; 6] = [b"GoTo", b"GoToR", b"Thread", b"URI", b"Named", b"SubmitForm"];
const NAMED: [&[u8]; 4] = [b"NextPage", b"PrevPage", b"FirstPage", b"LastPage"];
const WALK_CAP: usize = 100_000;

/// Catalog-level interactive clauses: AA, OpenAction, JavaScript names, outlines, AcroForm.
pub(crate) fn check_catalog(ctx: &mut Ctx<'_>, catalog: &Dictionary) {
    let doc = ctx.doc;
    if catalog.has(b"AA") {
        ctx.f.add("6.6.2", 3, text!("pdfa-catalog-aa"), PdfLocation::default());
    }
    if let Some(open) = get(doc, catalog, b"OpenAction").and_then(as_dict) {
        check_action(ctx, open, PdfLocation::default(), 0);
    }
    if get_dict(doc, catalog, b"Names").is_some_and(|n| n.has(b"JavaScript")) {
        ctx.f.add("6.6.1", 1, text!("pdfa-javascript"), PdfLocation::default());
    }
    check_outlines(ctx, catalog);
    if let Some(form) = get_dict(doc, catalog, b"AcroForm") {
        check_acroform(ctx, form);
    }
}

/// One action and its Next chain (6.6.1 tests 1-2).
fn check_action(ctx: &mut Ctx<'_>, action: &Dictionary, loc: PdfLocation, depth: usize) {
    if depth > 32 || !ctx.first_visit(action) {
        return;
    }
    let doc = ctx.doc;
    let kind = get_name(doc, action, b"S").unwrap_or_default();
    if !ACTIONS.contains(&kind) {
        let msg = text!("pdfa-action-type", action = show(kind));
        ctx.f.add("6.6.1", 1, msg, loc.clone());
    }
    if kind == b"Named" {
        let n = get_name(doc, action, b"N").unwrap_or_default();
        if !NAMED.contains(&n) {
            let msg = text!("pdfa-named-action", action = show(n));
            ctx.f.add("6.6.1", 2, msg, loc.clone());
        }
    }
    match get(doc, action, b"Next") {
        Some(Object::Dictionary(d)) => check_action(ctx, d, loc, depth + 1),
        Some(Object::Array(a)) => {
            for next in a.iter().filter_map(|o| as_dict(resolve(doc, o))) {
                check_action(ctx, next, loc.clone(), depth + 1);
            }
        }
        _ => {}
    }
}

/// Actions of an additional-actions dictionary.
fn check_aa_actions(ctx: &mut Ctx<'_>, aa: &Dictionary, loc: PdfLocation) {
    let doc = ctx.doc;
    for (_, v) in aa.iter() {
        if let Some(action) = as_dict(resolve(doc, v)) {
            check_action(ctx, action, loc.clone(), 0);
        }
    }
}

fn check_outlines(ctx: &mut Ctx<'_>, catalog: &Dictionary) {
    let doc = ctx.doc;
    let mut stack: Vec<&Dictionary> = get_dict(doc, catalog, b"Outlines").into_iter().collect();
    let mut steps = 0;
    while let Some(item) = stack.pop() {
        steps += 1;
        if steps > WALK_CAP || !ctx.first_visit_outline(item) {
            continue;
        }
        if let Some(a) = get_dict(doc, item, b"A") {
            check_action(ctx, a, PdfLocation::default(), 0);
        }
        for key in [b"First".as_slice(), b"Next"] {
            if let Some(next) = get_dict(doc, item, key) {
                stack.push(next);
            }
        }
    }
}

fn check_acroform(ctx: &mut Ctx<'_>, form: &Dictionary) {
    let doc = ctx.doc;
    if matches!(get(doc, form, b"NeedAppearances"), Some(Object::Boolean(true))) {
        ctx.f.add("6.9", 1, text!("pdfa-need-appearances"), PdfLocation::default());
    }
    let mut stack: Vec<(&Object, usize)> =
        get_array(doc, form, b"Fields").unwrap_or_default().iter().map(|o| (o, 0)).collect();
    let mut steps = 0;
    while let Some((obj, depth)) = stack.pop() {
        steps += 1;
        let Some(field) = as_dict(resolve(doc, obj)) else { continue };
        if steps > WALK_CAP || depth > 32 || !ctx.first_visit_field(field) {
            continue;
        }
        let loc = match obj {
            Object::Reference(id) => PdfLocation::object(*id),
            _ => PdfLocation::default(),
        };
        if field.has(b"AA") && get_name(doc, field, b"Subtype") != Some(b"Widget") {
            ctx.f.add("6.6.2", 2, text!("pdfa-field-aa"), loc);
        }
        for kid in get_array(doc, field, b"Kids").unwrap_or_default() {
            stack.push((kid, depth + 1));
        }
    }
}

/// Annotations of one page (6.5.2, 6.5.3, 6.6.1 test 3, 6.6.2 test 1, 6.9 test 2) and page AA actions.
pub(crate) fn check_page<'a>(ctx: &mut Ctx<'a>, page: &'a Dictionary, page_no: u32) {
    let doc = ctx.doc;
    if let Some(aa) = get_dict(doc, page, b"AA") {
        check_aa_actions(ctx, aa, PdfLocation::page(page_no));
    }
    for annot in get_array(doc, page, b"Annots").unwrap_or_default() {
        let id = match annot {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        if let Some(d) = as_dict(resolve(doc, annot)) {
            let loc = PdfLocation { object: id, page: Some(page_no), byte_offset: None };
            check_annotation(ctx, d, loc);
        }
    }
}

fn check_annotation<'a>(ctx: &mut Ctx<'a>, d: &'a Dictionary, loc: PdfLocation) {
    let doc = ctx.doc;
    let subtype = get_name(doc, d, b"Subtype").unwrap_or_default();
    if !ANNOTATIONS.contains(&subtype) {
        let msg = text!("pdfa-annotation-type", subtype = show(subtype));
        ctx.f.add("6.5.2", 1, msg, loc.clone());
    }
    if let Some(ca) = get_number(doc, d, b"CA").filter(|v| *v != 1.0) {
        ctx.f.add("6.5.3", 1, text!("pdfa-annotation-ca", value = ca.to_string()), loc.clone());
    }
    check_flags(ctx, d, loc.clone());
    if (d.has(b"C") || d.has(b"IC")) && !ctx.output_at_limit && ctx.output_cs != Some(*b"RGB ") {
        ctx.f.add("6.5.3", 3, text!("pdfa-annotation-colour"), loc.clone());
    }
    check_appearance(ctx, d, subtype, loc.clone());
    if subtype == b"Widget" {
        check_widget(ctx, d, loc.clone());
    } else if let Some(a) = get_dict(doc, d, b"A") {
        check_action(ctx, a, loc, 0);
    }
}

fn check_flags(ctx: &mut Ctx<'_>, d: &Dictionary, loc: PdfLocation) {
    let flags = crate::model::get_int(ctx.doc, d, b"F");
    let ok = flags.is_some_and(|f| f & 4 == 4 && f & (1 | 2 | 32) == 0);
    if !ok {
        ctx.f.add("6.5.3", 2, text!("pdfa-annotation-flags"), loc);
    }
}

fn check_appearance<'a>(ctx: &mut Ctx<'a>, d: &'a Dictionary, subtype: &[u8], loc: PdfLocation) {
    let doc = ctx.doc;
    let Some(ap) = get_dict(doc, d, b"AP") else { return };
    let only_n = ap.len() == 1 && ap.has(b"N");
    let button = subtype == b"Widget" && field_type(ctx, d) == Some(b"Btn".as_slice());
    let n_ok = match get(doc, ap, b"N") {
        Some(Object::Stream(_)) => !button,
        Some(Object::Dictionary(n)) => button && !n.is_empty(),
        _ => false,
    };
    if !only_n || !n_ok {
        ctx.f.add("6.5.3", 4, text!("pdfa-annotation-appearance"), loc.clone());
    }
    check_appearance_content(ctx, ap, loc);
}

/// The appearance streams of an annotation are content: they are checked as forms.
fn check_appearance_content<'a>(ctx: &mut Ctx<'a>, ap: &'a Dictionary, loc: PdfLocation) {
    let doc = ctx.doc;
    for (_, entry) in ap.iter() {
        match resolve(doc, entry) {
            Object::Stream(s) => crate::content::check_used_xobject(ctx, s, None, loc.clone(), 0),
            Object::Dictionary(states) => {
                for (_, state) in states.iter() {
                    if let Object::Stream(s) = resolve(doc, state) {
                        crate::content::check_used_xobject(ctx, s, None, loc.clone(), 0);
                    }
                }
            }
            _ => {}
        }
    }
}

/// FT of a widget, inherited from its parent field when absent.
fn field_type<'a>(ctx: &Ctx<'a>, d: &'a Dictionary) -> Option<&'a [u8]> {
    let doc = ctx.doc;
    let mut cur = d;
    for _ in 0..32 {
        if let Some(ft) = get_name(doc, cur, b"FT") {
            return Some(ft);
        }
        cur = get_dict(doc, cur, b"Parent")?;
    }
    None
}

fn check_widget(ctx: &mut Ctx<'_>, d: &Dictionary, loc: PdfLocation) {
    if d.has(b"A") {
        ctx.f.add("6.6.1", 3, text!("pdfa-widget-action"), loc.clone());
    }
    if d.has(b"AA") {
        ctx.f.add("6.6.2", 1, text!("pdfa-widget-aa"), loc.clone());
    }
    if !d.has(b"AP") {
        ctx.f.add("6.9", 2, text!("pdfa-widget-no-appearance"), loc);
    }
}

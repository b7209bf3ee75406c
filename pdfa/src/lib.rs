//! PDF/A-1b (ISO 19005-1:2005 level B) conformance checks clause by clause, following the veraPDF
//! PDF/A-1B profile, and a writer of minimal PDF/A-1b scans ([`write::scan`]).
//!
//! [`check`] never panics on bad input and bounds its work by the caller's [`Limits`]. Each
//! [`Violation`] names its ISO 19005-1 clause and the veraPDF test number within that clause
//! (0 when the profile has no test for what was found). Clauses about bytes (header, EOLs, stream
//! Length, hex strings, xref syntax) are checked on the raw file, the others on the lopdf model.
//! Clause numbers are ISO 19005-1's, as in the veraPDF profile: 6.2.5 form XObjects with PS,
//! 6.2.6 reference XObjects, 6.2.7 PostScript XObjects, 6.2.8 ExtGState TR/TR2, 6.2.10 operators.
//!
//! Checked (veraPDF test numbers): 6.1.2 t1-2; 6.1.3 t1-3; 6.1.4 t1-2 and t0 (xref or object
//! streams, damaged cross-reference data); 6.1.6 t1-2; 6.1.7 t1-3; 6.1.8 t1; 6.1.10 t1-2;
//! 6.1.11 t1-2; 6.1.12 t1-9; 6.1.13 t1; 6.2.2 t1-2; 6.2.3 t1-5; 6.2.4 t1-3; 6.2.5 t1; 6.2.6 t1;
//! 6.2.7 t1; 6.2.8 t1-2; 6.2.9 t1; 6.2.10 t1; 6.3.2 t1-7; 6.3.3 t1-3; 6.3.4 t1; 6.3.5 t2-3 (CharSet
//! and CIDSet present); 6.3.7 t1-2; 6.4 t1-6; 6.5.2 t1; 6.5.3 t1-4; 6.6.1 t1-3; 6.6.2 t1-3;
//! 6.7.2 t1-2; 6.7.3 t1; 6.7.5 t1-2; 6.7.9 t1; 6.7.11 t1-4; 6.9 t1-2.
//! Not checked: 6.1.3 t4 (linearized first-page ID), 6.1.12 t10 (CID values), 6.3.3 t4 (CMap
//! WMode), 6.3.5 t1, 6.3.6, 6.3.7 t3 (these need font programs parsed: a file with an embedded
//! font gets them as not evaluated), the text rendering mode 3 exemption of 6.3.4, Default colour
//! spaces of 6.2.3, 6.7.8 (extension schemas) and 6.7.9 t2 (properties predefined or described).

mod colour;
mod content;
mod context;
mod error;
mod fonts;
mod graphics;
pub mod icc;
mod interactive;
mod lexer;
mod model;
mod raw;
mod report;
mod structure;
pub mod text;
pub mod write;
pub mod xmp;

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::xref::XrefEntry;
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

pub use error::ReadError;
pub use report::{Limits, PdfLocation, Report, Violation};
pub use text::PdfDate;
pub use write::{DocInfo, Page, Raster, ScanError, scan};

use context::Ctx;
use model::{as_dict, get, get_array, get_dict, get_name};
use report::Findings;

/// Clause given to a file that does not parse as PDF at all (ISO 19005-1 6.1.1: a conforming file
/// follows the PDF Reference 1.4 syntax).
pub const PARSE_CLAUSE: &str = "6.1.1";

/// Clauses that need the object model; listed as not evaluated when the file does not load.
const MODEL_CLAUSES: [&str; 20] = [
    "6.1.3", "6.1.6", "6.1.7", "6.1.8", "6.1.10", "6.1.11", "6.1.12", "6.1.13", "6.2.2", "6.2.3", "6.2.4", "6.2.5",
    "6.2.6", "6.2.7", "6.2.8", "6.2.9", "6.2.10", "6.3", "6.4", "6.5-6.9",
];

/// Checks a file against PDF/A-1b, clause by clause.
pub fn check(bytes: &[u8], limits: &Limits) -> Report {
    let mut f = Findings::new(limits.max_findings_per_test);
    raw::check_header(bytes, &mut f);
    raw::check_eof(bytes, &mut f);
    raw::check_xref(bytes, &mut f);
    if bytes.len() > limits.max_input_bytes {
        let reason =
            format!("the file ({} bytes) is larger than max_input_bytes ({})", bytes.len(), limits.max_input_bytes);
        skip_model(&mut f, &reason);
        return f.report;
    }
    let doc = match load(bytes, limits) {
        Ok(doc) => doc,
        Err(e) => {
            let msg = format!("the file could not be parsed as PDF ({e}); it must be a well-formed PDF 1.4 file");
            f.add(PARSE_CLAUSE, 0, msg, PdfLocation::default());
            raw_encrypt(bytes, &mut f);
            skip_model(&mut f, "the file did not parse");
            return f.report;
        }
    };
    let length_of = |id: ObjectId| match doc.objects.get(&id) {
        Some(Object::Integer(v)) => Some(*v),
        _ => None,
    };
    raw::check_objects(bytes, &placed(&doc), &length_of, &mut f);
    let outcome = catch_unwind(AssertUnwindSafe(|| model_checks(&doc, limits, &mut f)));
    if outcome.is_err() {
        skip_model(&mut f, "an internal error stopped the object-level checks");
    }
    f.report
}

fn skip_model(f: &mut Findings, reason: &str) {
    for clause in MODEL_CLAUSES {
        f.skip(clause, reason);
    }
}

fn load(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let options =
        LoadOptions { max_decompressed_size: Some(limits.max_decoded_stream_bytes), ..LoadOptions::default() };
    match catch_unwind(AssertUnwindSafe(|| Document::load_mem_with_options(bytes, options))) {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err(ReadError::Pdf(e)),
        Err(_) => Err(ReadError::ParserGaveUp),
    }
}

/// Flags an Encrypt key in the last trailer when the model could not be built.
fn raw_encrypt(bytes: &[u8], f: &mut Findings) {
    let Some(at) = lexer::rfind(bytes, b"trailer") else { return };
    let end = bytes.len().min(at + 4096);
    if lexer::find_from(&bytes[..end], b"/Encrypt", at, 4096).is_some() {
        let msg = "the trailer has an Encrypt entry: PDF/A forbids encryption; save the file unencrypted";
        f.add("6.1.3", 2, msg.into(), PdfLocation::offset(at));
    }
}

/// Objects with their file offsets and resolved stream lengths.
fn placed(doc: &Document) -> Vec<raw::Placed> {
    let mut out: Vec<raw::Placed> = doc
        .reference_table
        .entries
        .iter()
        .filter_map(|(num, entry)| match entry {
            XrefEntry::Normal { offset, generation } => {
                Some(raw::Placed { id: (*num, *generation), offset: *offset as usize })
            }
            _ => None,
        })
        .filter(|p| p.id.0 != 0)
        .collect();
    out.sort_by_key(|p| p.offset);
    out
}

fn model_checks(doc: &Document, limits: &Limits, f: &mut Findings) {
    let mut ctx = Ctx::new(doc, limits, f);
    structure::check_trailer(&mut ctx);
    let Some(catalog) = catalog(doc) else {
        let msg = "the trailer has no usable Root (document catalog); the file must have a catalog";
        ctx.f.add(PARSE_CLAUSE, 0, msg.into(), PdfLocation::default());
        return;
    };
    graphics::check_output_intents(&mut ctx, catalog);
    structure::check_catalog(&mut ctx, catalog);
    let gathered = structure::walk_objects(&mut ctx);
    let mut seen = HashSet::new();
    for (owner, res) in gathered.resources {
        if seen.insert(std::ptr::from_ref(res) as usize) {
            graphics::check_resources(&mut ctx, owner, res);
            fonts::check_font_resources(&mut ctx, owner, res);
        }
    }
    check_pages(&mut ctx, catalog);
    interactive::check_catalog(&mut ctx, catalog);
    xmp::check_metadata(&mut ctx, catalog);
    if ctx.embedded_fonts {
        let reason = "embedded font programs are not parsed (glyph presence, widths, cmap subtables)";
        for clause in ["6.3.5", "6.3.6", "6.3.7"] {
            ctx.f.skip(clause, reason);
        }
    }
}

fn catalog(doc: &Document) -> Option<&Dictionary> {
    get(doc, &doc.trailer, b"Root").and_then(as_dict)
}

/// Pages in order, walking the tree with a visited set and a step cap.
fn page_ids<'a>(doc: &'a Document, catalog: &'a Dictionary, max: usize) -> (Vec<(ObjectId, &'a Dictionary)>, bool) {
    let mut pages = Vec::new();
    let mut visited = HashSet::new();
    let mut stack: Vec<&Object> = catalog.get(b"Pages").ok().into_iter().collect();
    let mut steps = 0usize;
    while let Some(node) = stack.pop() {
        steps += 1;
        if steps > max.saturating_mul(4).saturating_add(10_000) || pages.len() > max {
            return (pages, true);
        }
        let Object::Reference(id) = node else { continue };
        if !visited.insert(*id) {
            continue;
        }
        let Some(d) = doc.objects.get(id).and_then(as_dict) else { continue };
        match get_name(doc, d, b"Type") {
            Some(b"Pages") => stack.extend(get_array(doc, d, b"Kids").unwrap_or_default().iter().rev()),
            _ => pages.push((*id, d)),
        }
    }
    let truncated = pages.len() > max;
    pages.truncate(max);
    (pages, truncated)
}

fn check_pages(ctx: &mut Ctx<'_>, catalog: &Dictionary) {
    let doc = ctx.doc;
    let max = usize::try_from(ctx.limits.max_pages).unwrap_or(usize::MAX);
    let (pages, truncated) = page_ids(doc, catalog, max);
    if truncated {
        ctx.f.skip("6.2.10", format!("only the first {max} pages were examined"));
    } else {
        ctx.f.report.pages = Some(pages.len() as u32);
    }
    for (i, (id, page)) in pages.into_iter().enumerate() {
        let page_no = i as u32 + 1;
        let loc = PdfLocation { object: Some(id), page: Some(page_no), byte_offset: None };
        graphics::check_group(ctx, page, loc.clone());
        interactive::check_page(ctx, page, page_no);
        let resources = inherited(doc, page, b"Resources");
        let data = page_content(ctx, page, loc.clone());
        if let Some(data) = data {
            content::check_content_bytes(ctx, &data, resources, loc);
        }
    }
}

/// An inheritable page attribute.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    let mut node = page;
    for _ in 0..64 {
        if let Some(v) = get_dict(doc, node, key) {
            return Some(v);
        }
        node = get_dict(doc, node, b"Parent")?;
    }
    None
}

/// The page's content streams, decoded within the limit and joined.
fn page_content(ctx: &mut Ctx<'_>, page: &Dictionary, loc: PdfLocation) -> Option<Vec<u8>> {
    let doc = ctx.doc;
    let streams: Vec<&lopdf::Stream> = match get(doc, page, b"Contents") {
        Some(Object::Stream(s)) => vec![s],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| match model::resolve(doc, o) {
                Object::Stream(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let limit = ctx.limits.max_decoded_stream_bytes;
    let page_no = loc.page.unwrap_or(0);
    let mut out = Vec::new();
    for s in streams {
        let decoded = match s.decompressed_content_with_limit(limit) {
            Ok(d) => d,
            Err(_) if model::unfiltered(s) => s.content.clone(),
            Err(e) => {
                let reason = format!("a content stream of page {page_no} could not be decoded within the limits: {e}");
                for clause in ["6.1.12", "6.2.3", "6.2.10"] {
                    ctx.f.skip(clause, reason.clone());
                }
                return None;
            }
        };
        if out.len() + decoded.len() > limit {
            ctx.f.skip("6.2.10", format!("page {page_no} content is larger than the decoded-stream limit"));
            return None;
        }
        out.extend_from_slice(&decoded);
        out.push(b'\n');
    }
    Some(out)
}

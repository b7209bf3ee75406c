//! PDF/A-1b (ISO 19005-1:2005 level B) conformance checks clause by clause, following the veraPDF
//! PDF/A-1B profile, and a writer of minimal PDF/A-1b scans ([`write::scan`]).
//!
//! [`check`] never panics on bad input and bounds its work by the caller's [`Limits`]: a limit that
//! stops the reading is a [`LimitStop`], and the clauses it left unchecked are listed with it. The
//! page tree is walked once ([`pages::walk`], within [`Parsed`]); one that is not a tree (loops,
//! missing pages, no page) gives 6.1.1 findings. Streams decode within [`decode`]'s byte limit. Each
//! [`Violation`] names its ISO 19005-1 clause and the veraPDF test number within that clause
//! (0 when the profile has no test for what was found). Clauses about bytes (header, EOLs, stream
//! Length, hex strings, xref syntax) are checked on the raw file, the others on the lopdf model.
//! Messages are texts of the `pdfa` catalogues of scor-locale: each `message` holds the English
//! rendering and its `text` the message id and arguments; [`Report::localize`] renders them in French.
//! Clause numbers are ISO 19005-1's, as in the veraPDF profile: 6.2.5 form XObjects with PS,
//! 6.2.6 reference XObjects, 6.2.7 PostScript XObjects, 6.2.8 ExtGState TR/TR2, 6.2.10 operators.
//!
//! Checked (veraPDF test numbers): 6.1.2 t1-2; 6.1.3 t1-3; 6.1.4 t1-2 and t0 (xref or object
//! streams, damaged cross-reference data); 6.1.6 t1-2; 6.1.7 t1-3; 6.1.8 t1; 6.1.10 t1-2;
//! 6.1.11 t1-2; 6.1.12 t1-9 (objects and content operands); 6.1.13 t1; 6.2.2 t1-2; 6.2.3 t1-5 with
//! Default colour spaces; 6.2.4 t1-3; 6.2.5 t1; 6.2.6 t1; 6.2.7 t1; 6.2.8 t1-2; 6.2.9 t1; 6.2.10 t1;
//! 6.3.2 t1-7; 6.3.3 t1-3; 6.3.4 t1; 6.3.5 t1 (TrueType programs) and t2-3 (CharSet and CIDSet present);
//! 6.3.6 t1 (TrueType and Type 3); 6.3.7 t1-3; 6.4 t1-6; 6.5.2 t1; 6.5.3 t1-4; 6.6.1 t1-3; 6.6.2 t1-3;
//! 6.7.2 t1-2; 6.7.3 t1; 6.7.5 t1-2; 6.7.8 t1-19; 6.7.9 t1-3 (data/xmp2004-schemas.tsv); 6.7.11 t1-4;
//! 6.9 t1-2. XObjects, tiling patterns and Type 3 glyphs are checked where content uses them (Cor.2).
//! Not checked, listed as not evaluated where they apply:
//! 6.1.12 t10 (CID values), 6.3.3 t4 (CMap WMode), 6.3.5 t1 and 6.3.6 for Type 1, CFF and CIDFont
//! programs, and whether CharSet or CIDSet lists every glyph of the program (6.3.5 t2-3).

mod colour;
mod content;
mod context;
pub mod decode;
mod error;
mod font_program;
mod fonts;
mod graphics;
pub mod icc;
mod interactive;
mod lexer;
mod model;
pub mod ops;
pub mod pages;
mod raw;
mod rdf;
mod report;
mod structure;
pub mod text;
pub mod write;
pub mod xmp;
mod xmp_schema;

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::xref::XrefEntry;
use lopdf::{DecompressError, Dictionary, Document, LoadOptions, Object, ObjectId};
use scor_locale::{Text, text};

pub use error::ReadError;
pub use pages::{PageTree, TreeFault};
pub use report::{LimitStop, Limits, PdfLocation, ReadingLimit, Report, Violation};
pub use text::PdfDate;
pub use write::{DocInfo, Page, Raster, ScanError, scan};

use context::Ctx;
use decode::PageContent;
use model::{as_dict, get_dict};
use report::Findings;

/// The third-party parsers whose panics scor-pdfa catches (`catch_unwind`): the file is then not
/// evaluated, and the check goes on.
pub const CAUGHT_PANICS: &[&str] = &["lopdf"];

/// Clause given to a file that does not parse as PDF at all (ISO 19005-1 6.1.1: a conforming file
/// follows the PDF Reference 1.4 syntax), and to a page tree that is not a tree of pages.
pub const PARSE_CLAUSE: &str = "6.1.1";

/// Clauses that need the object model; listed as not evaluated when the file does not load.
const MODEL_CLAUSES: [&str; 20] = [
    "6.1.3", "6.1.6", "6.1.7", "6.1.8", "6.1.10", "6.1.11", "6.1.12", "6.1.13", "6.2.2", "6.2.3", "6.2.4", "6.2.5",
    "6.2.6", "6.2.7", "6.2.8", "6.2.9", "6.2.10", "6.3", "6.4", "6.5-6.9",
];

/// Clauses checked on each page (its group, annotations, actions and content).
const PAGE_CLAUSES: [&str; 9] = ["6.1.12", "6.2.3", "6.2.10", "6.4", "6.5.2", "6.5.3", "6.6.1", "6.6.2", "6.9"];

/// A PDF parsed once: lopdf's object model and its page tree, walked once. The PDF/A checker and the
/// scan-quality analysis share it, so that both read the same pages.
#[derive(Debug)]
pub struct Parsed {
    pub doc: Document,
    pub tree: PageTree,
}

impl Parsed {
    /// Parses `bytes` (object streams decoded within `max_decoded_stream_bytes`) and walks its page
    /// tree, keeping at most `max_pages` pages. Never panics: a panic of lopdf is an error.
    pub fn load(bytes: &[u8], max_decoded_stream_bytes: usize, max_pages: u32) -> Result<Self, ReadError> {
        let options = LoadOptions { max_decompressed_size: Some(max_decoded_stream_bytes), ..LoadOptions::default() };
        let doc = match catch_unwind(AssertUnwindSafe(|| Document::load_mem_with_options(bytes, options))) {
            Ok(Ok(doc)) => doc,
            Ok(Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }))) => {
                return Err(ReadError::OverLimit { limit: max_decoded_stream_bytes });
            }
            Ok(Err(e)) => return Err(ReadError::Pdf(e)),
            Err(_) => return Err(ReadError::ParserGaveUp),
        };
        let tree = catch_unwind(AssertUnwindSafe(|| pages::walk(&doc, max_pages))).unwrap_or_default();
        Ok(Self { doc, tree })
    }
}

/// Parses a file for [`check_parsed`] within `limits`: a file over `max_input_bytes` is not parsed.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Parsed, ReadError> {
    if bytes.len() > limits.max_input_bytes {
        return Err(ReadError::TooLarge { bytes: bytes.len(), max: limits.max_input_bytes });
    }
    Parsed::load(bytes, limits.max_decoded_stream_bytes, limits.max_pages)
}

/// Checks a file against PDF/A-1b, clause by clause.
pub fn check(bytes: &[u8], limits: &Limits) -> Report {
    check_parsed(bytes, parse(bytes, limits).as_ref(), limits)
}

/// Checks a file against PDF/A-1b, clause by clause, given what [`parse`] made of it.
pub fn check_parsed(bytes: &[u8], parsed: Result<&Parsed, &ReadError>, limits: &Limits) -> Report {
    let mut f = Findings::new(limits.max_findings_per_test);
    raw::check_header(bytes, &mut f);
    raw::check_eof(bytes, &mut f);
    raw::check_xref(bytes, &mut f);
    let pdf = match parsed {
        Ok(pdf) => pdf,
        Err(e) => {
            not_loaded(bytes, e, &mut f);
            return f.report;
        }
    };
    let doc = &pdf.doc;
    let length_of = |id: ObjectId| match doc.objects.get(&id) {
        Some(Object::Integer(v)) => Some(*v),
        _ => None,
    };
    raw::check_objects(bytes, &placed(doc), &length_of, &mut f);
    let outcome = catch_unwind(AssertUnwindSafe(|| model_checks(bytes, pdf, limits, &mut f)));
    if outcome.is_err() {
        skip_model(&mut f, &text!("pdfa-skip-internal-error"));
    }
    f.report
}

/// What a file that did not load gets: its reason, and every model clause not evaluated.
fn not_loaded(bytes: &[u8], e: &ReadError, f: &mut Findings) {
    match e {
        ReadError::TooLarge { .. } => skip_model(f, &e.text()),
        ReadError::OverLimit { limit } => {
            f.stop(LimitStop::object_stream(*limit));
            f.skip_at_limit(&MODEL_CLAUSES, ReadingLimit::DecodedStreamBytes);
        }
        e => {
            let msg = text!("pdfa-not-parsed", error = e.text());
            f.add(PARSE_CLAUSE, 0, msg, PdfLocation::default());
            raw_encrypt(bytes, f);
            skip_model(f, &text!("pdfa-skip-not-parsed"));
        }
    }
}

fn skip_model(f: &mut Findings, reason: &Text) {
    for clause in MODEL_CLAUSES {
        f.skip(clause, reason.clone());
    }
}

/// Flags an Encrypt key in the last trailer when the model could not be built.
fn raw_encrypt(bytes: &[u8], f: &mut Findings) {
    let Some(at) = lexer::rfind(bytes, b"trailer") else { return };
    let end = bytes.len().min(at + 4096);
    if lexer::find_from(&bytes[..end], b"/Encrypt", at, 4096).is_some() {
        f.add("6.1.3", 2, text!("pdfa-encrypt"), PdfLocation::offset(at));
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

/// 6.1.3 test 4: a linearized file's first-page trailer ID equals the last trailer's (as written).
fn check_linearized_id(bytes: &[u8], f: &mut Findings) {
    let id_at = |at: usize| {
        let start = lexer::find_from(bytes, b"/ID", at, 4096)?;
        let end = lexer::find_from(bytes, b"]", start, 4096)?;
        Some(bytes[start..end].iter().copied().filter(|b| !lexer::is_white(*b)).collect::<Vec<u8>>())
    };
    let first = lexer::find_from(bytes, b"trailer", 0, bytes.len());
    let last = lexer::rfind(bytes, b"trailer");
    let (Some(first), Some(last)) = (first, last) else {
        f.skip("6.1.3", text!("pdfa-skip-linearized-trailers"));
        return;
    };
    if let (Some(a), Some(b)) = (id_at(first), id_at(last))
        && a != b
    {
        f.add("6.1.3", 4, text!("pdfa-linearized-id"), PdfLocation::offset(first));
    }
}

fn model_checks(bytes: &[u8], pdf: &Parsed, limits: &Limits, f: &mut Findings) {
    let mut ctx = Ctx::new(&pdf.doc, limits, f);
    structure::check_trailer(&mut ctx);
    if pdf.doc.objects.values().any(|o| model::as_dict(o).is_some_and(|d| d.has(b"Linearized"))) {
        check_linearized_id(bytes, ctx.f);
    }
    let Some(catalog) = pages::catalog(&pdf.doc) else {
        ctx.f.add(PARSE_CLAUSE, 0, text!("pdfa-no-root"), PdfLocation::default());
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
    check_pages(&mut ctx, &pdf.tree);
    interactive::check_catalog(&mut ctx, catalog);
    xmp::check_metadata(&mut ctx, catalog);
    let used = std::mem::take(&mut ctx.used_fonts);
    font_program::check_used_fonts(&mut ctx, &used);
}

/// The page tree's faults (6.1.1), its page limit, then each page it reaches.
fn check_pages<'a>(ctx: &mut Ctx<'a>, tree: &PageTree) {
    for fault in &tree.faults {
        ctx.f.add(PARSE_CLAUSE, 0, fault.text(), fault.location());
    }
    if let Some(stop) = &tree.stop {
        ctx.f.stop(stop.clone());
        ctx.f.skip_at_limit(&PAGE_CLAUSES, ReadingLimit::Pages);
    }
    ctx.f.report.pages = Some(tree.pages.len() as u32);
    let doc = ctx.doc;
    for (i, id) in tree.pages.iter().enumerate() {
        let Some(page) = doc.objects.get(id).and_then(as_dict) else { continue };
        let page_no = i as u32 + 1;
        let loc = PdfLocation { object: Some(*id), page: Some(page_no), byte_offset: None };
        graphics::check_group(ctx, page, loc.clone());
        interactive::check_page(ctx, page, page_no);
        let resources = inherited(doc, page, b"Resources");
        if let Some(data) = page_content(ctx, page, &loc) {
            content::check_content_bytes(ctx, &data, resources, loc, 0);
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
fn page_content(ctx: &mut Ctx<'_>, page: &Dictionary, loc: &PdfLocation) -> Option<Vec<u8>> {
    let limit = ctx.limits.max_decoded_stream_bytes;
    let page_no = loc.page.unwrap_or(0);
    let stop = match decode::page_content(ctx.doc, page, limit) {
        PageContent::Decoded(data) => return Some(data),
        PageContent::StreamOverLimit(id) => LimitStop::stream(id, limit),
        PageContent::TotalOverLimit => LimitStop::page_content(page_no, loc.object.unwrap_or_default(), limit),
        PageContent::Failed(e) => {
            let reason = text!("pdfa-skip-page-content", page = page_no, error = e.text());
            for clause in content::CONTENT_CLAUSES {
                ctx.f.skip(clause, reason.clone());
            }
            return None;
        }
    };
    ctx.f.stop(stop);
    ctx.f.skip_at_limit(&content::CONTENT_CLAUSES, ReadingLimit::DecodedStreamBytes);
    None
}

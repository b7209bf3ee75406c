//! Lots for the benchmarks and the `write-lot` example: the bundled example lot, and larger lots built
//! with scor-sender from the example plan (its dossiers cloned, each with two PJ), sealed with the test
//! PKI (TEST ONLY keys).

#![allow(dead_code)]

use scor_conformance::{Config, Keys};
use scor_dictionary::{Dictionary, Limit};
use scor_lot::cms::{ContentCipher, Key};
use scor_lot::files::{self, LotFile};
use scor_pdfa::write::{self, DocInfo, Page, Raster};
use scor_sender::{DossierPlan, LotPlan, PiecePlan, example};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn dictionary() -> &'static Dictionary {
    &scor_dictionary::latest::DICTIONARY
}

/// The workspace root (the parent of this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the crate is in the workspace").to_path_buf()
}

/// The routing address of the example lot.
pub fn route() -> &'static str {
    let (regime, code) = example::ROUTE;
    dictionary().route(regime, code).expect("the example routes to a table address").address
}

/// The test PKI's key for the example route.
pub fn key() -> Key {
    scor_lot::pki::load(&repo_root().join("test-pki"), route()).expect("the test PKI has the example route")
}

/// The checker as `cargo xtask conform` sets it up (test PKI), issuing ARLs at a fixed time.
pub fn config() -> Config {
    let keys = Keys::test_pki(&repo_root().join("test-pki")).expect("the test PKI is committed");
    Config::new(dictionary(), Arc::new(keys), scor_sender::example::ARL_ISSUED_AT)
}

/// The bundled example lot (examples/lot), read as `cargo xtask conform` reads a folder.
pub fn example_lot() -> Vec<LotFile> {
    let limits = scor_conformance::lot::read_limits(dictionary());
    let read = files::read_folder(&repo_root().join("examples/lot"), &limits).expect("examples/lot is readable");
    assert!(read.problems.is_empty(), "examples/lot reads without problems: {:?}", read.problems);
    read.files
}

/// The scans a built lot's PJ are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pj {
    /// The example's scans: bars on white, 1 and 2 pages, a few kilobytes each.
    Example,
    /// Bitonal A4 pages of text-like glyphs with ragged edges and scanner specks, as many pages as make
    /// about `bytes` bytes: what a 250 DPI office scan of a typed page compresses to.
    Text { bytes: usize },
    /// One grey page of pseudo-random pixels, about `bytes` bytes: the worst case for every stage.
    Noise { bytes: usize },
}

impl Pj {
    /// `example`, `text:BYTES` or `noise:BYTES`.
    pub fn parse(text: &str) -> Option<Self> {
        let (kind, bytes) = text.split_once(':').unwrap_or((text, ""));
        let bytes = || bytes.parse::<usize>().ok();
        match kind {
            "example" => Some(Self::Example),
            "text" => Some(Self::Text { bytes: bytes()? }),
            "noise" => Some(Self::Noise { bytes: bytes()? }),
            _ => None,
        }
    }

    /// The PDF of piece `piece` (0 or 1 of its dossier), `counter` distinct over the lot.
    fn pdf(self, piece: u32, dpi: u32, counter: u32) -> Vec<u8> {
        match self {
            Self::Example => example::scan(piece + 1, dpi, counter),
            Self::Text { bytes } => text_scan(bytes, dpi, counter),
            Self::Noise { bytes } => noise_scan(bytes, counter),
        }
    }
}

/// The example plan with `dossiers` dossiers of two PJ each (one per nature, 1 and 2 pages), every
/// invoice, identifier and scan distinct.
pub fn plan(dossiers: usize) -> LotPlan {
    plan_of(dossiers, Pj::Example)
}

/// [`plan`] with PJ made of `pj` scans.
pub fn plan_of(dossiers: usize, pj: Pj) -> LotPlan {
    let dictionary = dictionary();
    let mut plan = example::plan(dictionary);
    let template = plan.dossiers[1].clone();
    let carried = plan.dossiers[0].pieces[0].lien.clone();
    let natures: Vec<String> = plan.dossiers.iter().flat_map(|d| d.pieces.iter().map(|p| p.nature.clone())).collect();
    let natures = [natures[0].clone(), natures[1].clone()];
    let dpi = u32::try_from(dictionary.limit(Limit::ScanDpiExpected)).unwrap_or(u32::MAX);
    let identifier = |nature: &str, counter: u32| {
        let ps = &plan.ps_number;
        format!("{ps}.{nature}.{ps}.01_751_0001.20261123.{counter:06}")
    };
    let mut counter = 0;
    plan.dossiers = (0..dossiers)
        .map(|n| {
            let pieces = (0..2u32)
                .map(|p| {
                    counter += 1;
                    let nature = &natures[p as usize % natures.len()];
                    PiecePlan {
                        nature: nature.clone(),
                        lien: carried.clone(),
                        identifier: identifier(nature, counter),
                        pdf: Some(pj.pdf(p, dpi, counter)),
                        mandat: None,
                    }
                })
                .collect();
            DossierPlan { invoice: format!("{:09}", 101 + n), pieces, ..template.clone() }
        })
        .collect();
    plan.fse_invoices = dossiers.to_string();
    plan
}

/// The lot of [`plan`]`(dossiers)`, sealed with AES-256-CBC for the example route's test certificate.
pub fn built_lot(dossiers: usize) -> Vec<LotFile> {
    built_lot_of(dossiers, Pj::Example)
}

/// [`built_lot`] with PJ made of `pj` scans.
pub fn built_lot_of(dossiers: usize, pj: Pj) -> Vec<LotFile> {
    let built =
        scor_sender::build(&plan_of(dossiers, pj), &key().cert, ContentCipher::Aes256Cbc).expect("the plan builds");
    built.files
}

/// A small xorshift generator: the same scans on every run.
struct Rng(u64);

impl Rng {
    fn new(seed: u32) -> Self {
        Self(u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 32) as u32
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u32) -> u32 {
        self.next() % n.max(1)
    }
}

/// A PDF/A-1b scan of about `bytes` bytes: as many [`text_page`]s at `dpi` as fit, with as many more
/// scanner specks as make up the rest.
pub fn text_scan(bytes: usize, dpi: u32, seed: u32) -> Vec<u8> {
    let info =
        DocInfo { title: Some(format!("PJ {seed}")), creator: Some("scor-kit bench".to_owned()), ..DocInfo::default() };
    let size =
        |specks: u32| write::scan(&[text_page(dpi, seed * 97, specks)], &info).expect("the page is well formed").len();
    let (plain, specked) = (size(0), size(CALIBRATION_SPECKS));
    let pages = (bytes / plain.max(1)).max(1);
    let per_speck = (specked.saturating_sub(plain) as f64 / f64::from(CALIBRATION_SPECKS)).max(0.1);
    let specks = ((bytes / pages).saturating_sub(plain) as f64 / per_speck) as u32;
    let pages: Vec<Page> = (0..pages as u32).map(|page| text_page(dpi, seed * 97 + page, specks)).collect();
    write::scan(&pages, &info).expect("the pages are well formed")
}

/// Extra specks on the page that measures what one speck adds to the file.
const CALIBRATION_SPECKS: u32 = 20_000;

/// A bitonal A4 page at `dpi`: lines of words of glyphs (strokes of ragged width) within margins of an
/// inch, and scanner specks over the text area (`extra_specks` more than a clean scan has).
fn text_page(dpi: u32, seed: u32, extra_specks: u32) -> Page {
    let (width, height) = (210 * dpi * 10 / 254, 297 * dpi * 10 / 254);
    let row = width.div_ceil(8) as usize;
    let mut raster = vec![0xFF; row * height as usize];
    let mut rng = Rng::new(seed);
    let mut ink = |x: u32, y: u32| {
        if x < width && y < height {
            raster[y as usize * row + x as usize / 8] &= !(0x80 >> (x % 8));
        }
    };
    let (glyph_w, glyph_h, line) = (dpi / 12, dpi / 9, dpi / 5);
    let (left, right) = (dpi, width - dpi);
    let mut top = dpi;
    while top + glyph_h < height - dpi {
        let mut x = left + rng.below(dpi / 2);
        let line_end = right - rng.below(dpi);
        while x + glyph_w < line_end {
            for _ in 0..2 + rng.below(8) {
                if x + glyph_w >= line_end {
                    break;
                }
                // A glyph: two to four strokes, vertical, horizontal or slanted, each a few pixels wide.
                for _ in 0..2 + rng.below(3) {
                    let (x0, y0) = (x + rng.below(glyph_w), top + rng.below(glyph_h));
                    let (x1, y1) = (x + rng.below(glyph_w), top + rng.below(glyph_h));
                    let steps = x0.abs_diff(x1).max(y0.abs_diff(y1)).max(1);
                    for s in 0..=steps {
                        let along = |a: u32, b: u32| {
                            let (a, b) = (i64::from(a), i64::from(b));
                            u32::try_from(a + (b - a) * i64::from(s) / i64::from(steps)).unwrap_or(0)
                        };
                        let (px, py) = (along(x0, x1), along(y0, y1));
                        let pen = 2 + rng.below(2);
                        for dy in 0..pen {
                            for dx in 0..pen {
                                ink(px + dx, py + dy);
                            }
                        }
                    }
                }
                x += glyph_w + rng.below(3);
            }
            x += glyph_w;
        }
        top += line + rng.below(3);
    }
    for _ in 0..(width * height / 4000 + extra_specks) {
        ink(left + rng.below(right - left), dpi + rng.below(height - 2 * dpi));
    }
    Page { width, height, dpi, raster: Raster::Bitonal(raster) }
}

/// A PDF/A-1b scan of one grey page of pseudo-random pixels (which Flate cannot compress), about
/// `bytes` bytes long.
pub fn noise_scan(bytes: usize, seed: u32) -> Vec<u8> {
    let width = 500u32;
    let height = u32::try_from(bytes.saturating_sub(4000) / 500).expect("a page height");
    let mut rng = Rng::new(seed);
    let pixels = (0..width * height).map(|_| rng.next() as u8).collect();
    let page = Page { width, height, dpi: 250, raster: Raster::Gray(pixels) };
    let info = DocInfo { title: Some(format!("PJ {seed}")), ..DocInfo::default() };
    write::scan(&[page], &info).expect("the page is well formed")
}

/// Total size of a lot's files.
pub fn lot_bytes(lot: &[LotFile]) -> u64 {
    lot.iter().map(|f| f.bytes.len() as u64).sum()
}

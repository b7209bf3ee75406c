//! An example lot that passes every check: two dossiers, three PJ (one referring to a PJ already sent),
//! routed to `01.751@01.scor.rss.fr`. Its people and numbers are invented; its codes come from the tables.

use crate::{DossierPlan, LotPlan, PiecePlan};
use scor_dictionary::{CodeListKey, Dictionary, Limit};
use scor_pdfa::text::parse_pdf_date;
use scor_pdfa::write::{self, DocInfo, Page, Raster};

/// When the example lot is sent (its header's Temps, 2026-11-23T10:15:00Z), in seconds since the Unix
/// epoch: the date of its message (`examples/lot.eml`) and of the files of its archives.
pub const SENT_AT: i64 = 1_795_428_900;

/// When checks of the example lot issue their ARL in tests, fuzzing and benchmarks (2026-11-23T10:40:00Z,
/// 25 minutes after it is sent), so that the ARLs they write compare byte for byte.
pub const ARL_ISSUED_AT: i64 = 1_795_430_400;

/// The routing address the example lot goes to (one of the test PKI's).
pub const ROUTE: (&str, &str) = ("01", "751");

/// The example lot's plan, with PDF/A-1b scans made at the dictionary's expected resolution.
pub fn plan(dictionary: &Dictionary) -> LotPlan {
    let first = |list: CodeListKey| dictionary.code_list(list).entries[0].code.to_owned();
    let ps = "565038410";
    let caisse = || (ROUTE.0.to_owned(), ROUTE.1.to_owned(), "0001".to_owned());
    let identifier = |nature: &str, counter: u32| format!("{ps}.{nature}.{ps}.01_751_0001.20261123.{counter:06}");
    let dpi = u32::try_from(dictionary.limit(Limit::ScanDpiExpected)).unwrap_or(u32::MAX);
    let carried = dictionary.code_list(CodeListKey::Lien).entries.iter().find(|e| e.extra("carries") == ["file"]);
    let referred = dictionary.code_list(CodeListKey::Lien).entries.iter().find(|e| e.extra("carries") == ["reference"]);
    let (carried, referred) = (carried.map_or("", |e| e.code), referred.map_or("", |e| e.code));
    let natures: Vec<&str> = dictionary.code_list(CodeListKey::NaturePj).entries.iter().map(|e| e.code).collect();
    let piece = |nature: &str, counter: u32, pages: u32| PiecePlan {
        nature: nature.to_owned(),
        lien: carried.to_owned(),
        identifier: identifier(nature, counter),
        pdf: Some(scan(pages, dpi, counter)),
        mandat: None,
    };
    LotPlan {
        identification: format!("{ps}-2026112310150000001"),
        temps: "2026-11-23T10:15:00".to_owned(),
        fonction: first(CodeListKey::Fonction),
        exercice: "2026".to_owned(),
        compostage: "00042".to_owned(),
        index_lot: "1".to_owned(),
        nombre_lots: "1".to_owned(),
        fse_lot: "123".to_owned(),
        fse_sent: "2026-11-20".to_owned(),
        fse_invoices: "2".to_owned(),
        regime: ROUTE.0.to_owned(),
        organism: ROUTE.1.to_owned(),
        ps_number: ps.to_owned(),
        specialty: first(CodeListKey::Specialite),
        finess: None,
        arl_recipients: "PS:cabinet.exemple@example.test".to_owned(),
        approval: "TEST-0001".to_owned(),
        software: "scor-kit example".to_owned(),
        software_version: env!("CARGO_PKG_VERSION").to_owned(),
        dossiers: vec![
            DossierPlan {
                invoice: "000000101".to_owned(),
                invoice_date: "2026-11-19".to_owned(),
                nir: "1850675123456".to_owned(),
                nir_key: nir_key("1850675123456"),
                birth_date: "1985-06-15".to_owned(),
                birth_rank: "1".to_owned(),
                caisse: caisse(),
                pieces: vec![piece(natures[0], 1, 1)],
            },
            DossierPlan {
                invoice: "000000102".to_owned(),
                invoice_date: "2026-11-20".to_owned(),
                nir: "292072A123456".to_owned(),
                nir_key: nir_key("292072A123456"),
                birth_date: "1992-07-01".to_owned(),
                birth_rank: "1".to_owned(),
                caisse: caisse(),
                pieces: vec![
                    piece(natures[1 % natures.len()], 2, 2),
                    PiecePlan {
                        nature: natures[0].to_owned(),
                        lien: referred.to_owned(),
                        identifier: identifier(natures[0], 3),
                        pdf: None,
                        mandat: None,
                    },
                ],
            },
        ],
    }
}

/// The lot the same PS sent earlier that day, accepted in the README's loop: dossier 002 of the example
/// lot with the PJ the example lot's EXTERNE piece refers to, carried as a file.
pub fn earlier_plan(dictionary: &Dictionary) -> LotPlan {
    let mut plan = plan(dictionary);
    plan.identification = format!("{}-2026112309000000001", plan.ps_number);
    plan.temps = "2026-11-23T09:00:00".to_owned();
    plan.compostage = "00041".to_owned();
    plan.fse_invoices = "1".to_owned();
    let mut dossier = plan.dossiers.remove(1);
    let mut referred = dossier.pieces.remove(1);
    let carried = dictionary.code_list(CodeListKey::Lien).entries.iter().find(|e| e.extra("carries") == ["file"]);
    referred.lien = carried.map_or("", |e| e.code).to_owned();
    let dpi = u32::try_from(dictionary.limit(Limit::ScanDpiExpected)).unwrap_or(u32::MAX);
    referred.pdf = Some(scan(1, dpi, 3));
    dossier.pieces = vec![referred];
    plan.dossiers = vec![dossier];
    plan
}

/// The NIR key: 97 − (NIR mod 97), 2A and 2B counted as 19 and 18 (public rule).
pub fn nir_key(nir: &str) -> String {
    let digits = nir.replacen("2A", "19", 1).replacen("2B", "18", 1);
    let number: u64 = digits.parse().unwrap_or(0);
    format!("{:02}", 97 - number % 97)
}

/// A PDF/A-1b scan of `pages` A4 pages at `dpi`: white with dark text-like bars, different per page
/// and per `seed`.
pub fn scan(pages: u32, dpi: u32, seed: u32) -> Vec<u8> {
    let pages: Vec<Page> = (0..pages).map(|page| a4_page(dpi, seed * 31 + page)).collect();
    let info = DocInfo {
        title: Some(format!("PJ {seed}")),
        creator: Some("scor-kit example".to_owned()),
        producer: Some("scor-pdfa".to_owned()),
        creation_date: parse_pdf_date("D:20261123101500Z"),
        ..DocInfo::default()
    };
    write::scan(&pages, &info).expect("the example pages are well formed")
}

fn a4_page(dpi: u32, variant: u32) -> Page {
    let (width, height) = (210 * dpi * 10 / 254, 297 * dpi * 10 / 254);
    let row = width.div_ceil(8) as usize;
    let mut raster = vec![0xFF; row * height as usize];
    let margin = dpi;
    let line = dpi / 6;
    for (n, top) in (margin..height - margin).step_by(line as usize * 2).enumerate() {
        let length = (width - 2 * margin) * (60 + (n as u32 * 7 + variant * 13) % 40) / 100;
        for y in top..top + line / 2 {
            for x in margin..margin + length {
                raster[y as usize * row + x as usize / 8] &= !(0x80 >> (x % 8));
            }
        }
    }
    Page { width, height, dpi, raster: Raster::Bitonal(raster) }
}

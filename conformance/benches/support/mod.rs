//! Lots for the benchmarks and the `write-lot` example: the bundled example lot, and larger lots built
//! with scor-sender from the example plan (its dossiers cloned, each with two PJ), sealed with the test
//! PKI (TEST ONLY keys).

#![allow(dead_code)]

use scor_conformance::{Config, Keys};
use scor_dictionary::{Dictionary, Limit};
use scor_lot::cms::{ContentCipher, Key};
use scor_lot::files::{self, LotFile};
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
    Config {
        dictionary: dictionary(),
        keys: Arc::new(keys),
        reveal_patient_data: false,
        plain: false,
        issued_at: 1_795_430_400,
        sequence: 1,
        history: None,
    }
}

/// The bundled example lot (examples/lot), read as `cargo xtask conform` reads a folder.
pub fn example_lot() -> Vec<LotFile> {
    let limits = scor_conformance::lot::read_limits(dictionary());
    let read = files::read_folder(&repo_root().join("examples/lot"), &limits).expect("examples/lot is readable");
    assert!(read.problems.is_empty(), "examples/lot reads without problems: {:?}", read.problems);
    read.files
}

/// The example plan with `dossiers` dossiers of two PJ each (one per nature, 1 and 2 pages), every
/// invoice, identifier and scan distinct.
pub fn plan(dossiers: usize) -> LotPlan {
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
                        pdf: Some(example::scan(p + 1, dpi, counter)),
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
    let built = scor_sender::build(&plan(dossiers), &key().cert, ContentCipher::Aes256Cbc).expect("the plan builds");
    built.files
}

/// Total size of a lot's files.
pub fn lot_bytes(lot: &[LotFile]) -> u64 {
    lot.iter().map(|f| f.bytes.len() as u64).sum()
}

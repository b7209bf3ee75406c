//! Regressions of the fuzzing campaigns (fuzz/README.md), on stable: each target's property replayed
//! on the committed seeds of `fuzz/seeds/`, and each finding's input (`tests/fixtures/fuzz/`) with what
//! it must now give.

use scor_dictionary::latest::arlscanordo::Arlscanordo;
use scor_dictionary::latest::entarlscanordo::Entarlscanordo;
use scor_dictionary::latest::entscanordo::Entscanordo;
use scor_dictionary::latest::grammars::RECIPIENTS;
use scor_dictionary::latest::scanordo::Scanordo;
use scor_dictionary::{Message, Options, Severity};
use scor_lot::cms::{self, CmsError};
use scor_tests::{lots, repo_root};
use std::path::Path;

/// The property of `arl_xml` and the other XML targets: reading never panics, and a document read
/// without error that can be written back reads back equal and still without error.
fn xml_property<M: Message + PartialEq + std::fmt::Debug>(data: &[u8]) {
    let file = M::schema().file.example;
    let parsed = M::read(file, data, Options::default());
    if !parsed.is_valid() {
        return;
    }
    let Some(model) = parsed.message else { return };
    let Ok(xml) = model.to_xml() else { return };
    let again = M::read(file, xml.as_bytes(), Options::default());
    assert!(again.is_valid(), "a valid document, written back, has errors:\n{xml}\n{:#?}", again.findings);
    assert_eq!(again.message, Some(model), "a valid document does not read back equal:\n{xml}");
}

/// The property of `recipients`.
fn recipients_property(text: &str) {
    let Ok(recipients) = RECIPIENTS.parse(text) else { return };
    let roles: Vec<&str> = recipients.iter().map(|r| r.role.as_str()).collect();
    assert!(RECIPIENTS.combinations.contains(&roles.as_slice()), "{text:?} accepted with roles {roles:?}");
    let written: Vec<String> = recipients.iter().map(|r| format!("{}:{}", r.role, r.address)).collect();
    assert_eq!(RECIPIENTS.parse(&written.join(";")), Ok(recipients));
}

/// The property of `cms_envelope`.
fn cms_property(data: &[u8]) {
    const CAP: u64 = 4096;
    let key = lots::test_key(lots::example_route());
    match (cms::inspect(data), cms::open(data, &key, CAP)) {
        (Err(inspect), Err(open)) => assert_eq!(inspect, open),
        (Err(inspect), Ok(_)) => panic!("inspect failed ({inspect}) but open succeeded"),
        (Ok(info), Ok(plain)) => assert!(plain.len() as u64 <= CAP && key.matches(&info)),
        (Ok(info), Err(CmsError::NoMatchingRecipient)) => assert!(!key.matches(&info)),
        (Ok(_), Err(_)) => {}
    }
}

/// The property of `lot_tar` and `lot_eml`: an ARL the checker writes builds its typed models.
fn arl_reads_back(checked: &scor_conformance::Checked) {
    let Ok(arl) = &checked.arl else { return };
    let options = Options { reveal_patient_data: true };
    assert!(Entarlscanordo::read(&arl.header_name, arl.header.as_bytes(), options).message.is_some());
    assert!(Arlscanordo::read(&arl.diagnostic_name, arl.diagnostic.as_bytes(), options).message.is_some());
}

/// Replays `data` through the property of fuzz target `target`.
fn replay(target: &str, data: &[u8]) {
    match target {
        "arl_xml" => xml_property::<Arlscanordo>(data),
        "entarl_xml" => xml_property::<Entarlscanordo>(data),
        "entscanordo_xml" => xml_property::<Entscanordo>(data),
        "scanordo_xml" => xml_property::<Scanordo>(data),
        "recipients" => recipients_property(&String::from_utf8_lossy(data)),
        "cms_envelope" => cms_property(data),
        "pdfa" => {
            let limits = pdfa_limits();
            let report = scor_pdfa::check(data, &limits);
            assert!(report.pages.is_none_or(|pages| pages <= limits.max_pages));
        }
        "lot_tar" => arl_reads_back(&lots::check_tar(data)),
        "lot_eml" => arl_reads_back(&lots::check_eml(data)),
        "lot_plain" => arl_reads_back(&lots::check_tar_before_sealing(data)),
        // The SMTP session's seeds are replayed with their invariants by pair/tests/fuzz_seeds.rs.
        "smtp_session" => {}
        // Structured targets (arbitrary models) and arl_message (scor-answering) replay under cargo fuzz only.
        _ => {}
    }
}

fn pdfa_limits() -> scor_pdfa::Limits {
    scor_conformance::checks::pj::pdfa_limits(&scor_dictionary::latest::DICTIONARY)
}

/// (name, bytes) of every file of `dir`, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_file())
        .map(|entry| (entry.file_name().to_string_lossy().into_owned(), std::fs::read(entry.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_passes_its_target_property() {
    let seeds = repo_root().join("fuzz/seeds");
    let mut replayed = 0;
    for target in dirs(&seeds) {
        for (name, bytes) in files(&seeds.join(&target)) {
            eprintln!("{target}/{name}");
            replay(&target, &bytes);
            replayed += 1;
        }
    }
    assert!(replayed >= 20, "only {replayed} seeds under {}", seeds.display());
}

/// `lot_plain`'s seed is the example lot before sealing, and the checker finds nothing wrong with it and
/// leaves only the encryption not evaluated: every check of its indexes and PJ runs on it, so the
/// mutations of the plain files reach them.
#[test]
fn the_lot_before_sealing_seed_reaches_every_check_of_its_content() {
    let seed = std::fs::read(repo_root().join("fuzz/seeds/lot_plain/before-sealing.tar")).unwrap();
    let checked = lots::check_tar_before_sealing(&seed);
    let outcome = &checked.outcome;
    assert!(outcome.findings.iter().all(|f| f.severity == Severity::Info), "{:#?}", outcome.findings);
    let not_evaluated: Vec<&str> = outcome.not_evaluated.iter().flat_map(|n| n.rules.iter().copied()).collect();
    assert!(not_evaluated.iter().all(|rule| rule.starts_with("CMS-")), "{not_evaluated:?}");
    let roles: Vec<_> = outcome.files.iter().map(|f| (f.name.as_str(), f.role)).collect();
    use scor_conformance::FileRole::{Header, Index, Pj};
    let header = outcome.files[0].name.as_str();
    assert_eq!(
        roles,
        [(header, Header), ("D-001.xml", Index), ("D-002.xml", Index), ("P-001-001.pdf", Pj), ("P-002-001.pdf", Pj)]
    );
    assert!(outcome.files.iter().filter(|f| f.role == Pj).all(|f| f.pages.is_some()), "{:#?}", outcome.files);
    assert!(checked.arl.is_ok());
}

/// The names of the subfolders of `dir`, sorted.
fn dirs(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut dirs: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    dirs
}

/// Campaign 7's finding (`pj_image`): a 16 × 16 CMYK JPEG with odd sampling factors made zune-jpeg
/// 0.5.15 panic in its AVX2 inverse DCT (`idct/avx2.rs`, an `unwrap` on `None`), and the panic stopped
/// the whole check. The page is now not evaluated, with the decoder's failure as the reason.
#[test]
fn a_jpeg_that_makes_its_decoder_panic_leaves_its_page_not_evaluated() {
    let pdf = std::fs::read(repo_root().join("tests/fixtures/fuzz/pj_image-zune-jpeg-idct.pdf")).unwrap();
    let (limits, thresholds) = scor_conformance::checks::pj::quality_settings(&scor_dictionary::latest::DICTIONARY, 0);
    let report = scor_quality::analyze(&pdf, &limits, &thresholds);
    assert!(report.pages.is_empty(), "{report:#?}");
    let pages: Vec<Option<u32>> = report.not_evaluated.iter().map(|(page, _)| *page).collect();
    assert_eq!(pages, [Some(1)]);
    let reasons: Vec<&str> = report.not_evaluated_texts.iter().map(|text| text.id()).collect();
    assert_eq!(reasons, ["image-decoder-failed"]);
}

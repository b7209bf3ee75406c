//! scor-fuzz: what the fuzz targets of `fuzz_targets/` share: the property each kind of target
//! asserts, the test-PKI key and checker configuration, the limits the conformance checker uses, the
//! page trees of `pdf_page_tree` ([`page_tree`]) and the page images of `pj_image` ([`page_image`]).

pub mod page_image;
pub mod page_tree;
mod seed_bytes;

use scor_conformance::panics::CaughtPanics;
use scor_conformance::{Config, Keys};
use scor_dictionary::{Message, Options, Severity};
use scor_lot::cms::Key;
use std::fmt::Debug;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The routing address whose test key opens the example lot's envelopes.
pub const EXAMPLE_ROUTE: &str = "01.751@01.scor.rss.fr";

/// The committed test PKI (TEST ONLY keys), found from this crate's manifest.
pub fn test_pki() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../test-pki")
}

/// The test key of [`EXAMPLE_ROUTE`], loaded once.
pub fn example_key() -> &'static Key {
    static KEY: OnceLock<Key> = OnceLock::new();
    KEY.get_or_init(|| scor_lot::pki::load(&test_pki(), EXAMPLE_ROUTE).expect("the test PKI is committed"))
}

/// The checker as `cargo xtask conform` configures it, with every key of the test PKI, at a fixed
/// time.
pub fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        let keys = Keys::test_pki(&test_pki()).expect("the test PKI is committed");
        Config::new(&scor_dictionary::latest::DICTIONARY, Arc::new(keys), scor_sender::example::ARL_ISSUED_AT)
    })
}

/// The checker as `cargo xtask conform --plain` configures it: lots given before sealing, their indexes
/// and PJ in the clear (`D-nnn.xml`, `P-nnn-iii.pdf`), otherwise as [`config`].
pub fn plain_config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| Config { plain: true, ..config().clone() })
}

/// The PDF/A limits the conformance checker gives a PJ (from the dictionary's `limits.csv`).
pub fn pdfa_limits() -> scor_pdfa::Limits {
    scor_conformance::checks::pj::pdfa_limits(&scor_dictionary::latest::DICTIONARY)
}

/// Any bytes as message `M`: reading never panics; a document read without error is well formed to
/// a second reader (roxmltree), and when it can be written back it reads back equal and still without
/// error.
pub fn xml_target<M: Message + PartialEq + Debug>(data: &[u8]) {
    let file = M::schema().file.example;
    let parsed = M::read(file, data, Options::default());
    if !parsed.is_valid() {
        return;
    }
    let text = std::str::from_utf8(data).expect("the validator accepts UTF-8 only");
    if let Err(error) = roxmltree::Document::parse(text) {
        panic!(
            "the validator accepts a document roxmltree reads as not well formed ({error}):\n{}",
            data.escape_ascii()
        );
    }
    let Some(model) = parsed.message else { return };
    let Ok(xml) = model.to_xml() else { return };
    let again = M::read(file, xml.as_bytes(), Options::default());
    assert!(again.is_valid(), "a valid document, written back, has errors:\n{xml}\n{:#?}", again.findings);
    assert_eq!(again.message.as_ref(), Some(&model), "a valid document does not read back equal:\n{xml}");
}

/// Any model `M` that serialises reads back equal, and the validator's findings on its XML are the
/// findings of [`Message::validate`] on the model.
pub fn model_target<M: Message + PartialEq + Debug>(model: M) {
    let Ok(xml) = model.to_xml() else { return };
    let options = Options { reveal_patient_data: true };
    let read = M::read(M::schema().file.example, xml.as_bytes(), options);
    assert_eq!(read.message.as_ref(), Some(&model), "the model does not read back equal:\n{xml}");
    let validated = model.validate();
    assert_eq!(read.findings, validated, "reader and validate() disagree on:\n{xml}");
    let errors = validated.iter().any(|f| f.severity == Severity::Error);
    assert_eq!(read.is_valid(), !errors);
}

/// Lets panics raised inside the third-party parsers that scor-pdfa and scor-quality catch with
/// `catch_unwind` by design ([`scor_conformance::panics::caught_at`]) unwind to that
/// `catch_unwind`, counted by place in the log at the 1st, 10th, 100th… of each ([`CaughtPanics`]);
/// every other panic still aborts, as libFuzzer's hook makes it.
pub fn tolerate_caught_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let abort = std::panic::take_hook();
        let counted = std::sync::Mutex::new(CaughtPanics::default());
        std::panic::set_hook(Box::new(move |info| match scor_conformance::panics::caught_at(info) {
            Some((parser, place)) => {
                let message = info.payload_as_str().unwrap_or_default();
                let line = counted.lock().map(|mut c| c.record(parser, &place, message));
                if let Ok(Some(line)) = line {
                    eprintln!("{line}");
                }
            }
            None => abort(info),
        }));
    });
}

/// The ARL a check wrote, if any, is two well-formed documents that build their typed models.
pub fn arl_reads_back(checked: &scor_conformance::Checked) {
    use scor_dictionary::latest::{arlscanordo::Arlscanordo, entarlscanordo::Entarlscanordo};
    let Ok(arl) = &checked.arl else { return };
    let options = Options { reveal_patient_data: true };
    let header = Entarlscanordo::read(&arl.header_name, arl.header.as_bytes(), options);
    assert!(header.message.is_some(), "the ARL header does not read:\n{}\n{:#?}", arl.header, header.findings);
    let diagnostic = Arlscanordo::read(&arl.diagnostic_name, arl.diagnostic.as_bytes(), options);
    let findings = &diagnostic.findings;
    assert!(diagnostic.message.is_some(), "the ARL does not read:\n{}\n{findings:#?}", arl.diagnostic);
}

//! The seed's ARL example (SCOR-BRIEF §Returns, cleaned of slide damage) parses into the typed
//! ARLSCANORDO model with every value exact; the raw slide text of seed 003 gives located findings.

use scor_dictionary::latest::arlscanordo::Arlscanordo;
use scor_dictionary::{Message, Options};
use scor_tests::{SEED_ARL, fixture, seed_arl_model};

#[test]
fn cleaned_seed_arl_parses_into_the_typed_model() {
    let parsed = Arlscanordo::read("D-ARLSCANORDO.xml", SEED_ARL.as_bytes(), Options::default());
    assert!(parsed.findings.is_empty(), "unexpected findings: {:#?}", parsed.findings);
    assert_eq!(parsed.message, Some(seed_arl_model()));
}

#[test]
fn seed_arl_cause_is_the_seed_diagnostic_with_its_label() {
    use scor_dictionary::latest::codes::{Diagnostic, DiagnosticLevel, Etat};
    let arl = Arlscanordo::read("D-ARLSCANORDO.xml", SEED_ARL.as_bytes(), Options::default()).message.unwrap();
    let cause: Diagnostic = arl.diag_entete.diagnostic.cause.parse().unwrap();
    assert_eq!(cause, Diagnostic::C5113);
    assert_eq!(cause.label(), "Code Specialite PS non connu ou non autorise du systeme");
    assert_eq!(cause.level(), DiagnosticLevel::Header);
    assert_eq!(cause.provenance(), scor_dictionary::Provenance::Seed);
    assert_eq!(arl.diag_entete.diagnostic.etat.parse::<Etat>().unwrap(), Etat::R);
}

#[test]
fn raw_slide_text_gives_located_findings_not_a_panic() {
    let bytes = std::fs::read(fixture("seed-003-arl-slide.txt")).unwrap();
    let parsed = Arlscanordo::read("seed-003-slide.txt", &bytes, Options::default());
    assert_eq!(parsed.message, None);
    assert!(!parsed.is_valid());
    // The bullet before the root element, then the broken `Profil Version=… PGMD Profil=…` attributes.
    let syntax: Vec<_> = parsed.findings.iter().filter(|f| f.rule == "XML-SYNTAX").collect();
    assert!(!syntax.is_empty(), "{:#?}", parsed.findings);
    let attribute = syntax.iter().find(|f| f.message.contains("attribute")).expect("a finding on the broken attribute");
    assert_eq!(attribute.location.file, "seed-003-slide.txt");
    assert_eq!(attribute.location.line, Some(1));
    assert!(attribute.location.column.is_some_and(|c| c > 1));
    assert_eq!(attribute.location.xpath.as_deref(), Some("/ARL"));
    assert_eq!(attribute.cause, Some("5101"), "an unreadable ARL header is a header-level XML rejection");
    let shown = attribute.to_string();
    assert!(shown.starts_with("seed-003-slide.txt:1:"), "{shown}");
}

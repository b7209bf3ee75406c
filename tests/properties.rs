//! Properties of the generated models and validators, on documents generated from the tables:
//! a valid message reads, serialises and reads back equal; a value breaking one facet of one data
//! element is reported with that element's EF id, and nothing else is.

use proptest::prelude::*;
use scor_dictionary::latest::{arlscanordo, entarlscanordo, entscanordo, scanordo};
use scor_dictionary::stream::{self, Options};
use scor_dictionary::{Message, Severity};
use scor_tests::documents;

const REVEAL: Options = Options { reveal_patient_data: true };

/// Valid document → typed model → XML → typed model: equal, and no finding on the way.
fn round_trip<M: Message + PartialEq + std::fmt::Debug>(document: &documents::Document) -> Result<(), TestCaseError> {
    let xml = document.to_xml();
    let first = M::read("generated.xml", xml.as_bytes(), REVEAL);
    prop_assert!(first.findings.is_empty(), "findings on a valid document:\n{xml}\n{:#?}", first.findings);
    let model = first.message.expect("a valid document builds its model");
    prop_assert!(model.validate().is_empty());
    let written = model.to_xml().expect("a valid model serialises");
    prop_assert!(!written.contains("scor:"), "serialised with a prefix:\n{written}");
    let second = M::read("written.xml", written.as_bytes(), REVEAL);
    prop_assert!(second.findings.is_empty(), "findings on the serialised model:\n{written}\n{:#?}", second.findings);
    prop_assert_eq!(second.message, Some(model));
    Ok(())
}

/// A document with one broken value: findings name that element, and only it.
fn one_violation(document: &documents::Document, id: &str) -> Result<(), TestCaseError> {
    let xml = document.to_xml();
    let findings = stream::validate(document.schema, "generated.xml", xml.as_bytes(), REVEAL);
    let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    prop_assert!(errors.iter().any(|f| f.element == Some(id)), "no finding on {id}:\n{xml}\n{findings:#?}");
    prop_assert!(errors.iter().all(|f| f.element == Some(id)), "findings beyond {id}:\n{xml}\n{findings:#?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn entscanordo_round_trips(document in documents::valid(&entscanordo::SCHEMA)) {
        round_trip::<entscanordo::Entscanordo>(&document)?;
    }

    #[test]
    fn scanordo_round_trips(document in documents::valid(&scanordo::SCHEMA)) {
        round_trip::<scanordo::Scanordo>(&document)?;
    }

    #[test]
    fn entarlscanordo_round_trips(document in documents::valid(&entarlscanordo::SCHEMA)) {
        round_trip::<entarlscanordo::Entarlscanordo>(&document)?;
    }

    #[test]
    fn arlscanordo_round_trips(document in documents::valid(&arlscanordo::SCHEMA)) {
        round_trip::<arlscanordo::Arlscanordo>(&document)?;
    }

    #[test]
    fn entscanordo_violations_name_their_element((document, id) in documents::with_one_violation(&entscanordo::SCHEMA)) {
        one_violation(&document, id)?;
    }

    #[test]
    fn scanordo_violations_name_their_element((document, id) in documents::with_one_violation(&scanordo::SCHEMA)) {
        one_violation(&document, id)?;
    }

    #[test]
    fn entarlscanordo_violations_name_their_element((document, id) in documents::with_one_violation(&entarlscanordo::SCHEMA)) {
        one_violation(&document, id)?;
    }

    #[test]
    fn arlscanordo_violations_name_their_element((document, id) in documents::with_one_violation(&arlscanordo::SCHEMA)) {
        one_violation(&document, id)?;
    }

    /// Any model `arbitrary` builds (any strings) either refuses to serialise (a character XML cannot
    /// carry) or reads back equal.
    #[test]
    fn arbitrary_arl_models_serialise_and_read_back_equal(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut input = arbitrary::Unstructured::new(&bytes);
        let Ok(model) = <arlscanordo::Arlscanordo as arbitrary::Arbitrary>::arbitrary(&mut input) else {
            return Ok(());
        };
        if let Ok(xml) = model.to_xml() {
            let back = arlscanordo::Arlscanordo::read("arbitrary.xml", xml.as_bytes(), REVEAL);
            prop_assert_eq!(back.message, Some(model), "{}", xml);
        }
    }
}

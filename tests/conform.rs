//! `conform` end to end on lots built by scor-sender: the example lot passes every check, and each
//! deviation gives its rule, its place and the ARL the receiving side would send. The ARL documents
//! written validate against the dictionary and the XSD; patient data stays hidden unless asked for;
//! every check of the engine has its rule, and every error it raises carries an ARL cause.

#[path = "conform/support.rs"]
#[macro_use]
mod support;
#[path = "conform/certificates.rs"]
mod certificates;
#[path = "conform/dossier.rs"]
mod dossier;
#[path = "conform/header.rs"]
mod header;
#[path = "conform/history.rs"]
mod history;
#[path = "conform/hostile.rs"]
mod hostile;
#[path = "conform/inventory.rs"]
mod inventory;
#[path = "conform/languages.rs"]
mod languages;
#[path = "conform/limits.rs"]
mod limits;
#[path = "conform/pdf.rs"]
mod pdf;
#[path = "conform/pj_alone.rs"]
mod pj_alone;
#[path = "conform/quality.rs"]
mod quality;
#[path = "conform/transport.rs"]
mod transport;

use scor_conformance::arl::ArlFiles;
use scor_dictionary::stream::{self, Options};
use scor_dictionary::{Check, CodeListKey, DecidedBy, Dictionary, Profil, Severity, latest};
use scor_test_tools::require_tool;
use scor_tests::lots::{build, check, check_revealing, example_plan};
use scor_tests::repo_root;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use support::{Deviation, accepted, describe, errors};

/// Every deviation of the matrix.
fn deviations() -> Vec<Deviation> {
    [
        transport::DEVIATIONS,
        limits::DEVIATIONS,
        certificates::DEVIATIONS,
        inventory::DEVIATIONS,
        header::DEVIATIONS,
        dossier::DEVIATIONS,
        history::DEVIATIONS,
        pdf::DEVIATIONS,
        quality::DEVIATIONS,
    ]
    .concat()
}

/// The check families of the lot conformance engine (the validator's checks, and the checks reading
/// returns, are the others of `Check::ALL`).
const LOT_CHECKS: [&str; 11] =
    ["mail-", "routing-", "lot-", "inventory-", "header-", "pj-", "cms-", "index-", "pdf-", "pdfa-", "quality-"];

fn is_lot_check(check: &str) -> bool {
    LOT_CHECKS.iter().any(|prefix| check.starts_with(prefix))
}

#[test]
fn the_example_lot_is_conformant_and_accepted() {
    let lot = build(&example_plan());
    let checked = check(&lot.files);
    errors(&checked, &[]);
    assert!(checked.outcome.findings.iter().all(|f| f.rule == "PJ-EXTERNE"), "{}", describe(&checked));
    assert!(checked.outcome.not_evaluated.is_empty(), "{:#?}", checked.outcome.not_evaluated);
    accepted(&checked);
}

#[test]
fn every_lot_check_is_raised_by_a_deviation() {
    let dictionary = &latest::DICTIONARY;
    let raised: BTreeSet<&str> =
        deviations().iter().flat_map(|(_, run)| run().outcome.findings.iter().map(|f| f.rule)).collect();
    // Rules about the history of lots are raised by the receiving side (pair/tests/rules.rs).
    let lot_checks: Vec<Check> = Check::ALL
        .into_iter()
        .filter(|c| is_lot_check(c.as_str()) && dictionary.rule(*c, None).applies_to != scor_dictionary::Scope::History)
        .collect();
    assert!(lot_checks.len() >= 47, "{lot_checks:?}");
    let missing: Vec<Check> =
        lot_checks.iter().filter(|c| !raised.contains(dictionary.rule(**c, None).id)).copied().collect();
    assert!(missing.is_empty(), "no deviation raises the rule of {missing:?}");
}

#[test]
fn error_findings_always_carry_the_cause_of_their_level() {
    let dictionary = &latest::DICTIONARY;
    let mut errors = 0;
    for (name, run) in deviations() {
        for finding in &run().outcome.findings {
            let rule = dictionary.rule_by_id(finding.rule).expect("findings name rules of the dictionary");
            let causes = [rule.header_cause, rule.dossier_cause];
            // Only the receiving point answers in the ARL: an error it does not decide carries no cause.
            if finding.severity == Severity::Error && rule.decided_by == DecidedBy::Pair {
                errors += 1;
                assert!(finding.cause.is_some(), "{name}: an error without an ARL cause: {finding}");
                assert!(causes.contains(&finding.cause), "{name}: {finding} has a cause of neither level");
            } else {
                assert_eq!(finding.cause, None, "{name}: {finding} is no error but has a cause");
            }
        }
    }
    assert!(errors > 60, "the deviations raise errors: {errors}");
}

#[test]
fn every_check_raises_a_rule_of_its_own_in_every_version() {
    for dictionary in scor_dictionary::DICTIONARIES {
        for check in Check::ALL {
            let rule = dictionary.rule(check, None);
            assert_eq!(rule.check, check, "dictionary {}: check {check} raises {}", dictionary.version, rule.id);
            assert!(
                dictionary.rules.contains(&rule),
                "dictionary {}: {} is not in its table",
                dictionary.version,
                rule.id
            );
        }
        for rule in dictionary.rules {
            let raised = dictionary.rule(rule.check, rule.element);
            assert_eq!(raised.id, rule.id, "dictionary {}: {} is never raised", dictionary.version, rule.id);
        }
    }
}

#[test]
fn every_error_rule_has_an_arl_cause_and_no_other_rule_has_one() {
    // Rules raised on a lot: the validator's and the lot engine's (rules about returns answer no ARL).
    for dictionary in scor_dictionary::DICTIONARIES {
        let diagnostics = dictionary.code_list(CodeListKey::Diagnostic);
        for rule in dictionary.rules.iter().filter(|r| r.applies_to != scor_dictionary::Scope::Return) {
            let causes: Vec<&str> = [rule.header_cause, rule.dossier_cause].into_iter().flatten().collect();
            // Only the receiving point answers in the ARL: the caisse's and the PS's rules carry no cause.
            match (rule.severity, rule.decided_by) {
                (Severity::Error, DecidedBy::Pair) => {
                    assert!(!causes.is_empty(), "{}: error rule without a cause", rule.id);
                }
                _ => {
                    assert!(causes.is_empty(), "{}: a {} {} rule has a cause", rule.id, rule.severity, rule.decided_by)
                }
            }
            for cause in causes {
                assert!(diagnostics.contains(cause), "{}: cause {cause} is not in the diagnostic table", rule.id);
            }
        }
    }
}

/// The ARL documents validate with the generated validator and with `xmllint` (the program
/// [`require_tool`] found) against the XSD.
fn assert_valid(xmllint: &str, files: &ArlFiles) {
    assert_valid_in(xmllint, files, &latest::DICTIONARY);
    for part in [
        "<Emetteur>\n    <CodeRegime>01</CodeRegime>\n    <CodeOrganisme>751</CodeOrganisme>",
        "<NumeroFacturationPS>565038410</NumeroFacturationPS>",
        "<FichierDiagnostic>D-ARLSCANORDO.xml</FichierDiagnostic>",
    ] {
        assert!(files.header.contains(part), "{part} in {}", files.header);
    }
    assert!(files.diagnostic.contains("<Identification>565038410-2026112310150000001</Identification>"));
}

/// The ARL documents validate with `dictionary`'s generated validators and with `xmllint` against its XSD.
fn assert_valid_in(xmllint: &str, files: &ArlFiles, dictionary: &'static Dictionary) {
    assert_eq!(
        (files.header_name.as_str(), files.diagnostic_name.as_str()),
        ("E-ARLSCANORDO.xml", "D-ARLSCANORDO.xml")
    );
    let dir = tempfile::tempdir().unwrap();
    for (profil, name, xml) in [
        (Profil::Entarlscanordo, &files.header_name, &files.header),
        (Profil::Arlscanordo, &files.diagnostic_name, &files.diagnostic),
    ] {
        let schema = dictionary.message(profil);
        let profil = profil.as_str();
        let findings = stream::validate(schema, name, xml.as_bytes(), Options::default());
        assert!(findings.is_empty(), "{profil}: {findings:#?}\n{xml}");
        let path = dir.path().join(name);
        std::fs::write(&path, xml).unwrap();
        let xsd = repo_root().join(format!("generated/xsd/{}/{profil}.xsd", dictionary.version));
        let (ok, stderr) = verdict(xmllint, &xsd, &path);
        assert!(ok, "xmllint rejects the {profil} written:\n{stderr}\n{xml}");
    }
}

/// The example lot checked against `dictionary` (the user's `--spec`).
fn checked_against(dictionary: &'static Dictionary, files: &[scor_lot::files::LotFile]) -> scor_conformance::Checked {
    let config = scor_conformance::Config { dictionary, ..scor_tests::lots::config() };
    scor_conformance::check_files_in_memory("lot".to_owned(), files, &config)
}

#[test]
fn the_arl_is_written_with_the_checked_version() {
    let Some(xmllint) = require_tool("xmllint") else { return };
    let lot = build(&example_plan());
    for dictionary in scor_dictionary::DICTIONARIES {
        let checked = checked_against(dictionary, &lot.files);
        accepted(&checked);
        let files = checked.arl.as_ref().unwrap();
        assert_valid_in(xmllint, files, dictionary);
        let written = scor_conformance::arl::write(
            dictionary,
            &checked.prediction,
            &scor_conformance::arl::answered(
                dictionary,
                scor_conformance::arl::Known::default(),
                "2026-11-23T10:15:00",
            ),
            scor_tests::lots::config().issued_at,
            1,
        )
        .unwrap();
        let root = |xml: &str| xml.lines().nth(1).unwrap_or_default().to_owned();
        let schema = dictionary.message(Profil::Arlscanordo);
        assert!(root(&written.diagnostic).contains(&format!("Version=\"{}\"", schema.version)));
        assert_eq!(root(&files.diagnostic), root(&written.diagnostic), "{}", dictionary.version);
    }
}

#[test]
fn a_prescriber_lot_is_judged_the_same_under_2_13_and_2_14() {
    let limit =
        usize::try_from(scor_dictionary::applicable::DICTIONARY.limit(scor_dictionary::Limit::PjMaxBytes)).unwrap();
    let mut plan = example_plan();
    plan.dossiers[1].pieces[0].pdf = Some(scor_tests::lots::noise_scan(limit + 10_000, 7));
    let lot = build(&plan);
    let verdicts: Vec<(Vec<&str>, Option<String>)> = scor_dictionary::DICTIONARIES
        .iter()
        .map(|dictionary| {
            let checked = checked_against(dictionary, &lot.files);
            let mut rules: Vec<&str> = checked.outcome.findings.iter().map(|f| f.rule).collect();
            rules.sort_unstable();
            let size = checked.outcome.findings.iter().find(|f| f.rule == "PJ-SIZE").map(|f| f.message.clone());
            (rules, size)
        })
        .collect();
    assert!(verdicts[0].0.contains(&"PJ-SIZE"), "{verdicts:?}");
    assert!(verdicts.windows(2).all(|w| w[0] == w[1]), "2.13 and 2.14 differ on a prescriber lot: {verdicts:?}");
}

#[test]
fn a_header_that_cannot_be_read_still_gets_an_arl() {
    let Some(xmllint) = require_tool("xmllint") else { return };
    let plan = example_plan();
    let mut lot = build(&plan);
    lot.files[0].bytes.truncate(200);
    let raw = scor_tests::lots::eml(&scor_tests::lots::example_headers(&plan), &lot.files);
    let checked = scor_tests::lots::check_eml(&raw);
    support::header_rejection(&checked, "5101");
    let files = checked.arl.as_ref().expect("an ARL is written");
    assert_valid_in(xmllint, files, &latest::DICTIONARY);
    // What the message still tells: the lot's Identification (Subject), the organism (To), the PS.
    assert!(files.diagnostic.contains(&format!("<Identification>{}</Identification>", plan.identification)));
    assert!(
        files.header.contains("<CodeRegime>01</CodeRegime>\n    <CodeOrganisme>751</CodeOrganisme>"),
        "{}",
        files.header
    );
    assert!(files.header.contains("<NumeroFacturationPS>565038410</NumeroFacturationPS>"), "{}", files.header);
    let fallbacks: Vec<String> =
        checked.outcome.arl_fallbacks.iter().map(|f| f.render(scor_locale::Lang::En)).collect();
    let named = |id: &str, origin: &str| fallbacks.iter().any(|f| f.contains(id) && f.contains(origin));
    assert!(named("EF_PA_001_01", "Subject"), "{fallbacks:#?}");
    assert!(named("EF_PA_001_17", "To address"), "{fallbacks:#?}");
    assert!(named("EF_PA_002_01", "Subject"), "{fallbacks:#?}");
    assert!(named("EF_PA_001_02", "time of the ARL"), "{fallbacks:#?}");
    assert!(fallbacks.iter().all(|f| f.contains("lot 2026-00042")), "{fallbacks:#?}");
}

fn verdict(xmllint: &str, schema: &Path, file: &Path) -> (bool, String) {
    let output =
        Command::new(xmllint).arg("--noout").arg("--schema").arg(schema).arg(file).output().expect("xmllint runs");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn the_arl_of_an_accepted_lot_validates() {
    let Some(xmllint) = require_tool("xmllint") else { return };
    let checked = transport::eml_as_sent();
    accepted(checked);
    assert_valid(xmllint, checked.arl.as_ref().unwrap());
}

#[test]
fn the_arl_of_a_header_rejection_validates() {
    let Some(xmllint) = require_tool("xmllint") else { return };
    let checked = header::header_index_lot();
    support::header_rejection(checked, "5102");
    let files = checked.arl.as_ref().unwrap();
    assert_valid(xmllint, files);
    assert!(files.diagnostic.contains("<Activite>CTRENV</Activite>\n      <Etat>R</Etat>\n      <Cause>5102</Cause>"));
}

#[test]
fn the_arl_of_a_dossier_rejection_validates() {
    let Some(xmllint) = require_tool("xmllint") else { return };
    let checked = dossier::two_dossiers();
    support::dossier_rejection(checked, &[(1, "D-001.pkcs7", "5202"), (2, "P-002-001.pkcs7", "5204")]);
    let files = checked.arl.as_ref().unwrap();
    assert_valid(xmllint, files);
    assert_eq!(files.diagnostic.matches("<Fichier>").count(), 2, "one file per dossier: {}", files.diagnostic);
    assert_eq!(files.diagnostic.matches("<Activite>CTRDOS</Activite>").count(), 2, "{}", files.diagnostic);
}

#[test]
fn patient_data_is_echoed_only_when_revealing() {
    let files = dossier::patient_data_lot();
    let (nir, birth) = ("1850675123456", "1985-02-30");
    let hidden = dossier::index_patient_data();
    errors(hidden, &["INDEX-NIR-KEY", "FIELD-FORMAT"]);
    let index: Vec<_> = hidden.outcome.findings.iter().filter(|f| f.location.file == "D-001.pkcs7").collect();
    assert_eq!(index.len(), 2, "{}", describe(hidden));
    let everything = format!("{:?} {:?}", hidden.outcome, hidden.arl);
    assert!(!everything.contains(nir) && !everything.contains(birth), "{everything}");
    assert!(!everything.contains(&nir[5..]), "no part of the NIR either");

    let revealed = check_revealing(&files);
    errors(&revealed, &["INDEX-NIR-KEY", "FIELD-FORMAT"]);
    let message = |rule: &str| revealed.outcome.findings.iter().find(|f| f.rule == rule).unwrap().message.clone();
    assert!(message("INDEX-NIR-KEY").contains(nir), "{}", message("INDEX-NIR-KEY"));
    assert!(message("FIELD-FORMAT").contains(birth), "{}", message("FIELD-FORMAT"));
}

/// Coverage of the deviation fixtures and the example lot: every lot rule is exercised (raised, or its
/// input read and passed); the rules about returns and the history of lots are the others.
#[test]
fn the_deviation_fixtures_exercise_every_lot_rule() {
    let dictionary = &latest::DICTIONARY;
    let example = check(&build(&example_plan()).files);
    let samples: Vec<&scor_conformance::LotOutcome> = std::iter::once(&example)
        .chain(deviations().iter().map(|(_, run)| run()))
        .map(|checked| &checked.outcome)
        .collect();
    let coverage = scor_conformance::coverage::Coverage::of(dictionary, &samples);
    assert_eq!(coverage.samples, deviations().len() + 1);
    assert_eq!(coverage.unexercised, Vec::<&str>::new(), "{coverage:#?}");
    let not_lot: Vec<&str> =
        coverage.rules.iter().filter(|r| r.applies_to != scor_dictionary::Scope::Lot).map(|r| r.rule).collect();
    let others: Vec<&str> =
        dictionary.rules.iter().filter(|r| r.applies_to != scor_dictionary::Scope::Lot).map(|r| r.id).collect();
    assert_eq!(not_lot, others);
    assert!(coverage.rules.iter().filter(|r| not_lot.contains(&r.rule)).all(|r| !r.exercised()));
    // Every lot check of the engine is raised by a deviation, not merely passed.
    for rule in coverage.rules.iter().filter(|r| is_lot_check(dictionary.rule_by_id(r.rule).unwrap().check.as_str())) {
        if dictionary.rule_by_id(rule.rule).unwrap().applies_to == scor_dictionary::Scope::Lot {
            assert!(rule.raised > 0, "{} is never raised", rule.rule);
        }
    }
    assert!(coverage.arl_causes.contains_key("0000") && coverage.arl_causes.contains_key("5999"));
}

/// Coverage of two lots, asserted whole: the example lot (accepted) and the example with specialty 99
/// (header rejection 5113), both checked with the history where their EXTERNE reference is known.
#[test]
fn coverage_of_two_lots() {
    let dictionary = &latest::DICTIONARY;
    let example = check(&build(&example_plan()).files);
    let specialty = header::field_specialite();
    let samples = [&example.outcome, &specialty.outcome];
    let coverage = scor_conformance::coverage::Coverage::of(dictionary, &samples);
    let raised: Vec<(&str, usize)> =
        coverage.rules.iter().filter(|r| r.raised > 0).map(|r| (r.rule, r.raised)).collect();
    assert_eq!(raised, [("FIELD-SPECIALITE", 1)], "{coverage:#?}");
    let arl: Vec<(&str, usize)> = coverage.arl_causes.iter().map(|(c, n)| (*c, *n)).collect();
    assert_eq!(arl, [("0000", 1), ("5113", 1)]);
    // Folders, not SMTP messages: the mail rules read nothing.
    let mail: Vec<&str> =
        dictionary.rules.iter().filter(|r| r.check.as_str().starts_with("mail-")).map(|r| r.id).collect();
    assert_eq!(coverage.unexercised, mail, "{coverage:#?}");
    let passed = |id: &str| coverage.rules.iter().find(|r| r.rule == id).unwrap().passed;
    assert_eq!(
        (passed("FIELD-SPECIALITE"), passed("PDFA-FILE"), passed("CMS-DECRYPT"), passed("INDEX-NIR-KEY")),
        (1, 2, 2, 2)
    );
}

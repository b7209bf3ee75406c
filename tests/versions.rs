//! Checking one lot against each dictionary version: the example lot passes every version; a private
//! clinic's lot (SCOR-CP, seed 000: an S3404 statement with the mandat mention, the clinic's FINESS
//! number) passes 2.14 and fails 2.13 with clear findings; a missing required element and a deprecated
//! code are reported only by the version whose tables say so.

use scor_conformance::{Checked, Config};
use scor_dictionary::{Finding, Severity};
use scor_sender::LotPlan;
use scor_tests::lots::{build, config, example_plan};

fn check_against(version: &str, plan: &LotPlan) -> Checked {
    let dictionary = scor_dictionary::dictionary(version).unwrap_or_else(|| panic!("dictionary {version}"));
    let config = Config { dictionary, ..config() };
    scor_conformance::check_files_in_memory("lot".to_owned(), &build(plan).files, &config)
}

fn rules(checked: &Checked, severity: Severity) -> Vec<&'static str> {
    let mut rules: Vec<&str> =
        checked.outcome.findings.iter().filter(|f| f.severity == severity).map(|f| f.rule).collect();
    rules.dedup();
    rules
}

fn finding<'a>(checked: &'a Checked, rule: &str) -> &'a Finding {
    let findings = &checked.outcome.findings;
    findings.iter().find(|f| f.rule == rule).unwrap_or_else(|| panic!("no {rule} in {findings:#?}"))
}

/// The example lot sent by a private clinic: specialty 90 with its FINESS number, and dossier 001's
/// PJ an S3404 statement carrying the mandat mention.
fn clinic_plan() -> LotPlan {
    let mut plan = example_plan();
    plan.specialty = "90".to_owned();
    plan.finess = Some("750000001".to_owned());
    let piece = &mut plan.dossiers[0].pieces[0];
    piece.identifier = piece.identifier.replacen(&format!(".{}.", piece.nature), ".S3404.", 1);
    piece.nature = "S3404".to_owned();
    piece.mandat = Some("MANDAT".to_owned());
    plan
}

#[test]
fn the_example_lot_passes_every_version() {
    for dictionary in scor_dictionary::DICTIONARIES {
        let checked = check_against(dictionary.version, &example_plan());
        assert!(checked.outcome.is_conformant(), "{}: {:#?}", dictionary.version, checked.outcome.findings);
        assert_eq!(rules(&checked, Severity::Warning), Vec::<&str>::new(), "{}", dictionary.version);
        assert_eq!(checked.prediction.outcome(), "accepted", "{}", dictionary.version);
    }
}

#[test]
fn a_clinic_lot_passes_2_14_and_fails_2_13() {
    let plan = clinic_plan();
    let checked = check_against("2.14", &plan);
    assert!(checked.outcome.is_conformant(), "{:#?}", checked.outcome.findings);
    assert!(checked.outcome.findings.iter().all(|f| f.rule == "PJ-EXTERNE"), "{:#?}", checked.outcome.findings);
    assert_eq!(checked.prediction.outcome(), "accepted");

    let checked = check_against("2.13", &plan);
    assert!(!checked.outcome.is_conformant());
    let specialty = finding(&checked, "FIELD-SPECIALITE");
    assert_eq!((specialty.element, specialty.cause), (Some("EF_PA_002_02"), Some("5113")));
    assert!(specialty.message.contains("\"90\" is not a code of the list Specialite"), "{specialty}");
    let unknown: Vec<&str> = checked
        .outcome
        .findings
        .iter()
        .filter(|f| f.rule == "XML-UNKNOWN")
        .filter_map(|f| f.location.xpath.as_deref())
        .collect();
    assert!(unknown.iter().any(|x| x.ends_with("/Emetteur/NumeroFINESS")), "{unknown:?}");
    assert!(unknown.iter().any(|x| x.ends_with("/Piece[1]/MentionMandat")), "{unknown:?}");
    let nature = finding(&checked, "FIELD-CODE");
    assert!(nature.message.contains("\"S3404\" is not a code of the list NaturePj"), "{nature}");
    assert_eq!(checked.prediction.outcome(), "header-rejection");
}

#[test]
fn an_s3404_statement_without_the_mandat_mention_is_rejected_by_2_14() {
    let mut plan = clinic_plan();
    plan.dossiers[0].pieces[0].mandat = None;
    let checked = check_against("2.14", &plan);
    assert_eq!(rules(&checked, Severity::Error), ["CODE-REQUIRES"]);
    let found = finding(&checked, "CODE-REQUIRES");
    assert_eq!((found.element, found.cause), (Some("EF_PA_005_07"), Some("5109")));
    assert_eq!(found.location.xpath.as_deref(), Some("/ENTSCANORDO/Dossiers/Dossier[1]/Piece[1]/Nature"));
    assert!(found.message.contains("Nature de la PJ `S3404`"), "{found}");
    assert!(found.message.contains("requires Mention mandat apposée sur la PJ (EF_PA_005_07"), "{found}");
    assert!(found.message.ends_with("in its Piece, which has none"), "{found}");
    assert_eq!(checked.prediction.outcome(), "header-rejection");
    assert_eq!(checked.prediction.cause(), "5109");
}

#[test]
fn a_clinic_without_its_finess_number_is_rejected_by_2_14() {
    let mut plan = clinic_plan();
    plan.finess = None;
    let checked = check_against("2.14", &plan);
    assert_eq!(rules(&checked, Severity::Error), ["CODE-REQUIRES"]);
    let found = finding(&checked, "CODE-REQUIRES");
    assert_eq!(found.element, Some("EF_PA_002_04"));
    assert!(found.message.contains("Code spécialité du PS `90`"), "{found}");
    assert!(found.message.ends_with("in its Emetteur, which has none"), "{found}");
    // A PS (not a clinic) needs no FINESS number, and the other pieces no mandat mention.
    assert!(check_against("2.14", &example_plan()).outcome.findings.iter().all(|f| f.rule != "CODE-REQUIRES"));
}

#[test]
fn a_deprecated_specialty_warns_from_its_date_in_2_14_only() {
    let mut plan = example_plan();
    plan.specialty = "22".to_owned();
    let checked = check_against("2.14", &plan);
    assert!(checked.outcome.is_conformant(), "a deprecated code is still accepted: {:#?}", checked.outcome.findings);
    assert_eq!(rules(&checked, Severity::Warning), ["CODE-DEPRECATED"]);
    let found = finding(&checked, "CODE-DEPRECATED");
    assert_eq!((found.element, found.cause), (Some("EF_PA_002_02"), None));
    assert_eq!(found.location.xpath.as_deref(), Some("/ENTSCANORDO/Emetteur/CodeSpecialite"));
    assert!(found.message.contains("is deprecated since 2026-07-01 and the lot is dated 2026-11-23"), "{found}");
    assert!(found.message.ends_with("use `01` (Médecine générale) instead"), "{found}");

    assert!(check_against("2.13", &plan).outcome.findings.iter().all(|f| f.rule != "CODE-DEPRECATED"));
    plan.temps = "2026-06-30T10:15:00".to_owned();
    let before = check_against("2.14", &plan);
    assert!(before.outcome.findings.iter().all(|f| f.rule != "CODE-DEPRECATED"), "{:#?}", before.outcome.findings);
}

#[test]
fn a_code_not_yet_valid_on_the_lots_date_warns() {
    let mut plan = clinic_plan();
    plan.temps = "2025-12-31T10:15:00".to_owned();
    let checked = check_against("2.14", &plan);
    let messages: Vec<&str> =
        checked.outcome.findings.iter().filter(|f| f.rule == "CODE-DEPRECATED").map(|f| f.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(
        messages.iter().all(|m| m.contains("applies from 2026-01-01 but the lot is dated 2025-12-31")),
        "{messages:#?}"
    );
}

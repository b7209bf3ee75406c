//! Returns as they come: the seed's ARL, its raw slide text, ARLs that break the ARL-* rules, a tar
//! archive, service messages, and the ARL scor-conformance predicts for the example lot.

use scor_answering::compose::{self, DossierDiagnostic, Exchange};
use scor_answering::{Analysis, Classification, classify, read_eml, read_files, read_path};
use scor_dictionary::schema::CodeEntry;
use scor_dictionary::{CodeListKey, latest::DICTIONARY};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("answering lives in the repository").to_path_buf()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures").join(name)).unwrap()
}

fn code(code: &str) -> &'static CodeEntry {
    DICTIONARY.code_list(CodeListKey::Diagnostic).get(code).unwrap()
}

fn exchange() -> Exchange {
    Exchange {
        lot: "565038410-2026020110000000042".to_owned(),
        lot_temps: "2026-02-01T10:00:00".to_owned(),
        arl: "2026020211000000001".to_owned(),
        arl_temps: "2026-02-02T11:00:00".to_owned(),
        regime: "01".to_owned(),
        organisme: "011".to_owned(),
        ps: "565038410".to_owned(),
        ps_address: "ps@cabinet.example".to_owned(),
        organism_address: "01.011@01.scor.rss.fr".to_owned(),
        date: 1_770_030_000,
        message_id: "test.arl@scor-kit.invalid".to_owned(),
    }
}

/// The two ARL files of a return, the diagnostic one edited by `edit`.
fn edited_arl(cause: &str, dossiers: &[DossierDiagnostic<'_>], edit: impl Fn(String) -> String) -> Analysis {
    let mut files = compose::arl_files(&exchange(), code(cause), dossiers).unwrap();
    files[1].1 = edit(String::from_utf8(files[1].1.clone()).unwrap()).into_bytes();
    classify(&read_files(&DICTIONARY, "test".to_owned(), files))
}

fn rules(analysis: &Analysis) -> Vec<&'static str> {
    analysis.findings.iter().map(|f| f.rule).collect()
}

#[test]
fn the_seed_arl_is_a_header_rejection_on_cause_5113_with_its_label() {
    let received = read_files(
        &DICTIONARY,
        "seed".to_owned(),
        vec![("D-ARLSCANORDO.xml".to_owned(), fixture("seed-arl-cleaned.xml"))],
    );
    let analysis = classify(&received);
    let Classification::HeaderRejection { cause, label, libelle, .. } = &analysis.classification else {
        panic!("{analysis:#?}")
    };
    assert_eq!(*cause, "5113");
    assert_eq!(*label, "Code Specialite PS non connu ou non autorise du systeme");
    assert!(libelle.as_deref().unwrap().contains("CategoriePS -88-200- non habilitee"));
    assert_eq!(analysis.lot.as_deref(), Some("565038410-2011120510542663945"));
    // The seed shows the diagnostic file only: its header file is reported missing.
    assert_eq!(rules(&analysis), ["ARL-FILE-MISSING"]);
}

#[test]
fn the_raw_slide_text_is_unreadable_with_an_xml_syntax_finding() {
    let received = read_files(
        &DICTIONARY,
        "slide".to_owned(),
        vec![("D-ARLSCANORDO.xml".to_owned(), fixture("seed-003-arl-slide.txt"))],
    );
    let analysis = classify(&received);
    let Classification::Unreadable { reason, findings, .. } = &analysis.classification else { panic!("{analysis:#?}") };
    assert!(reason.contains("D-ARLSCANORDO.xml"), "{reason}");
    assert!(findings.iter().any(|f| f.rule == "XML-SYNTAX"), "{findings:#?}");
    assert!(findings.iter().all(|f| f.cause.is_none()), "no ARL answers an ARL: {findings:#?}");
}

#[test]
fn the_raw_slide_text_given_as_a_message_is_unreadable() {
    let analysis = classify(&read_eml(&DICTIONARY, "slide.eml".to_owned(), &fixture("seed-003-arl-slide.txt")));
    assert_eq!(analysis.classification.outcome(), "unreadable");
    assert!(rules(&analysis).contains(&"ARL-FILE-MISSING"), "{analysis:#?}");
}

#[test]
fn a_dossier_diagnostic_naming_two_files_is_reported_and_its_first_file_kept() {
    let dossiers = [DossierDiagnostic { numero: 1, file: "D-001.pkcs7", cause: code("5202") }];
    let analysis = edited_arl("5999", &dossiers, |xml| {
        xml.replace("<Fichier>D-001.pkcs7</Fichier>", "<Fichier>D-001.pkcs7 P-001-001.pkcs7</Fichier>")
    });
    let Classification::DossierRejection { dossiers, .. } = &analysis.classification else { panic!("{analysis:#?}") };
    assert_eq!(dossiers[0].file, "D-001.pkcs7");
    assert!(rules(&analysis).contains(&"ARL-DOSSIER-FILE"), "{analysis:#?}");
}

#[test]
fn a_dossier_diagnostic_naming_a_file_of_another_dossier_or_kind_is_reported() {
    let dossiers = [DossierDiagnostic { numero: 2, file: "D-001.pkcs7", cause: code("5204") }];
    let analysis = edited_arl("5999", &dossiers, |xml| xml);
    let messages: Vec<&str> =
        analysis.findings.iter().filter(|f| f.rule == "ARL-DOSSIER-FILE").map(|f| f.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages[0].contains("not of dossier 002"), "{messages:#?}");
    assert!(messages[1].contains("names the dossier's pj file"), "{messages:#?}");
}

#[test]
fn an_etat_inconsistent_with_the_cause_is_reported_and_the_cause_decides() {
    let analysis = edited_arl("5113", &[], |xml| xml.replace("<Etat>R</Etat>", "<Etat>A</Etat>"));
    assert_eq!(analysis.classification.outcome(), "header-rejection");
    let finding = analysis.findings.iter().find(|f| f.rule == "ARL-INCONSISTENT").expect("ARL-INCONSISTENT");
    assert_eq!(finding.location.xpath.as_deref(), Some("/ARL/DiagEntete/Diagnostic/Etat"));
}

#[test]
fn the_dossiers_cause_without_dossier_diagnostics_is_reported() {
    let analysis = edited_arl("5999", &[], |xml| xml);
    assert_eq!(analysis.classification.outcome(), "dossier-rejection");
    assert_eq!(rules(&analysis), ["ARL-INCONSISTENT"]);
}

#[test]
fn a_dossier_cause_in_the_header_diagnostic_is_a_header_rejection_with_a_finding() {
    let analysis = edited_arl("5204", &[], |xml| xml);
    assert_eq!(analysis.classification.outcome(), "header-rejection");
    assert!(rules(&analysis).contains(&"ARL-INCONSISTENT"), "{analysis:#?}");
}

#[test]
fn a_cause_the_table_does_not_know_makes_the_arl_unreadable() {
    let analysis = edited_arl("5113", &[], |xml| xml.replace("<Cause>5113</Cause>", "<Cause>5150</Cause>"));
    let Classification::Unreadable { findings, .. } = &analysis.classification else { panic!("{analysis:#?}") };
    assert!(findings.iter().any(|f| f.rule == "FIELD-CODE"), "{findings:#?}");
}

#[test]
fn an_arl_without_its_diagnostic_file_is_unreadable() {
    let files = compose::arl_files(&exchange(), code("0000"), &[]).unwrap();
    let analysis = classify(&read_files(&DICTIONARY, "test".to_owned(), files[..1].to_vec()));
    assert_eq!(analysis.classification.outcome(), "unreadable");
    assert_eq!(rules(&analysis), ["ARL-FILE-MISSING"]);
}

#[test]
fn an_arl_as_one_tar_attachment_is_read_like_two_attachments() {
    let mut archive = tar::Builder::new(Vec::new());
    for (name, bytes) in compose::arl_files(&exchange(), code("5113"), &[]).unwrap() {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        archive.append_data(&mut header, name, bytes.as_slice()).unwrap();
    }
    let archive = archive.into_inner().unwrap();
    let envelope = scor_lot::mail::MailHeaders {
        from: "01.011@01.scor.rss.fr".to_owned(),
        to: vec!["ps@cabinet.example".to_owned()],
        subject: "ARL SCOR 565038410-2026020110000000042".to_owned(),
        date: Some(1_770_030_000),
        message_id: Some("tar.arl@scor-kit.invalid".to_owned()),
    };
    let files = scor_lot::files::from_files(vec![("ARL.tar".to_owned(), archive)]);
    let analysis =
        classify(&read_eml(&DICTIONARY, "tar.eml".to_owned(), &scor_lot::mail::write_eml(&envelope, &files)));
    assert_eq!(analysis.classification.cause(), Some("5113"), "{analysis:#?}");
    assert!(analysis.findings.is_empty(), "{analysis:#?}");
}

#[test]
fn a_stray_attachment_is_a_warning_and_a_subject_naming_another_lot_too() {
    let mut files = compose::arl_files(&exchange(), code("0000"), &[]).unwrap();
    files.push(("notes.txt".to_owned(), b"hello".to_vec()));
    let envelope = scor_lot::mail::MailHeaders {
        from: "01.011@01.scor.rss.fr".to_owned(),
        to: vec!["ps@cabinet.example".to_owned()],
        subject: "ARL SCOR 565038410-2026020110000000099".to_owned(),
        date: Some(1_770_030_000),
        message_id: None,
    };
    let raw = scor_lot::mail::write_eml(&envelope, &scor_lot::files::from_files(files));
    let analysis = classify(&read_eml(&DICTIONARY, "stray.eml".to_owned(), &raw));
    assert_eq!(analysis.classification.outcome(), "accepted");
    assert_eq!(rules(&analysis), ["ARL-FILE-STRAY", "ARL-MISMATCH"]);
}

#[test]
fn a_service_message_with_a_code_that_is_not_a_service_code_is_unreadable() {
    let raw = compose::service_message(&exchange(), code("9001"));
    let raw = String::from_utf8(raw).unwrap().replace("042 9001", "042 5113");
    let analysis = classify(&read_eml(&DICTIONARY, "service.eml".to_owned(), raw.as_bytes()));
    assert_eq!(analysis.classification.outcome(), "unreadable");
    assert_eq!(rules(&analysis), ["SERVICE-MESSAGE-CODE"]);
    assert_eq!(analysis.lot.as_deref(), Some("565038410-2026020110000000042"));
}

#[test]
fn an_empty_message_is_unreadable_not_a_panic() {
    let analysis = classify(&read_eml(&DICTIONARY, "empty.eml".to_owned(), b""));
    assert_eq!(analysis.classification.outcome(), "unreadable");
    assert!(rules(&analysis).contains(&"MAIL-UNREADABLE"), "{analysis:#?}");
}

#[test]
fn a_folder_holding_the_two_files_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in compose::arl_files(&exchange(), code("5101"), &[]).unwrap() {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let analysis = classify(&read_path(&DICTIONARY, dir.path()).unwrap());
    assert_eq!(analysis.classification.cause(), Some("5101"));
    assert!(analysis.findings.is_empty(), "{analysis:#?}");
}

#[test]
fn the_arl_scor_conformance_predicts_for_the_example_lot_reads_as_accepted() {
    let keys = scor_conformance::Keys::test_pki(&root().join("test-pki")).unwrap();
    let config = scor_conformance::Config::new(&DICTIONARY, std::sync::Arc::new(keys), 1_770_030_000);
    let checked = scor_conformance::check_path(&root().join("examples/lot"), &config).unwrap();
    let arl = checked.arl.unwrap();
    let files = vec![(arl.header_name, arl.header.into_bytes()), (arl.diagnostic_name, arl.diagnostic.into_bytes())];
    let analysis = classify(&read_files(&DICTIONARY, "predicted".to_owned(), files));
    assert_eq!(analysis.classification.outcome(), "accepted", "{analysis:#?}");
    assert!(analysis.findings.is_empty(), "{analysis:#?}");
}

#[test]
fn an_arl_file_over_the_reading_limit_is_named_not_said_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = compose::arl_files(&exchange(), code("0000"), &[]).unwrap();
    let limit = DICTIONARY.limit(scor_dictionary::Limit::XmlMaxBytes) as usize;
    files[1].1.resize(limit + 1, b' ');
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let analysis = classify(&read_path(&DICTIONARY, dir.path()).unwrap());
    assert_eq!(rules(&analysis), ["ARL-LIMIT"], "{analysis:#?}");
    let finding = &analysis.findings[0];
    assert_eq!(finding.location.file, "D-ARLSCANORDO.xml");
    assert_eq!(finding.message, format!("D-ARLSCANORDO.xml: file larger than {limit} bytes (limit xml_max_bytes)"));
    let Classification::Unreadable { reason, .. } = &analysis.classification else { panic!("{analysis:#?}") };
    assert_eq!(reason, "D-ARLSCANORDO.xml was not read: it is over a reading limit");
}

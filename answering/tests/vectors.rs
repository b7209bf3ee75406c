//! The golden ARL vectors: fresh against the tables (no stale, missing or orphan file), and each one
//! classified at the level its code has in the diagnostic table, as its reviewed snapshot says.

use scor_answering::vectors::{self, Vector};
use scor_answering::{Classification, classify, read_eml};
use scor_dictionary::{CodeListKey, latest::DICTIONARY};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("answering lives in the repository").to_path_buf()
}

fn committed(vector: &Vector) -> Vec<u8> {
    std::fs::read(root().join(vectors::folder(DICTIONARY.version)).join(&vector.name)).expect("the vector is committed")
}

#[test]
fn vectors_are_fresh() {
    let stale = vectors::sync_all(&root(), true).unwrap();
    assert!(stale.is_empty(), "run `cargo xtask arl vectors`: {stale:#?}");
}

#[test]
fn every_code_of_the_table_has_one_vector() {
    let vectors = vectors::vectors().unwrap();
    let codes: Vec<&str> = DICTIONARY.code_list(CodeListKey::Diagnostic).entries.iter().map(|e| e.code).collect();
    assert_eq!(vectors.iter().map(|v| v.code).collect::<Vec<_>>(), codes);
}

#[test]
fn each_vector_is_classified_at_the_level_of_its_code() {
    for vector in vectors::vectors().unwrap() {
        let analysis = classify(&read_eml(&DICTIONARY, vector.name.clone(), &committed(&vector)));
        assert!(analysis.findings.is_empty(), "{}: {:#?}", vector.name, analysis.findings);
        let classification = &analysis.classification;
        assert_eq!(classification.level(), Some(vector.expected_level), "{}", vector.name);
        let entry = DICTIONARY.code_list(CodeListKey::Diagnostic).get(vector.code).unwrap();
        match classification {
            Classification::DossierRejection { dossiers, .. } => {
                let causes: Vec<&str> = dossiers.iter().map(|d| d.cause).collect();
                assert_eq!(causes, vector.expected_dossier_causes, "{}", vector.name);
            }
            other => {
                assert_eq!(other.cause(), Some(vector.code), "{}", vector.name);
                assert_eq!(other.label(), Some(entry.label), "{}", vector.name);
            }
        }
    }
}

#[test]
fn the_multi_dossier_vector_rejects_two_of_three_dossiers_with_different_causes() {
    let vector = vectors::vectors().unwrap().into_iter().find(|v| v.name.ends_with("-multi.eml")).unwrap();
    let analysis = classify(&read_eml(&DICTIONARY, vector.name.clone(), &committed(&vector)));
    let Classification::DossierRejection { dossiers, .. } = analysis.classification else { panic!("{analysis:#?}") };
    let numbers: Vec<&str> = dossiers.iter().map(|d| d.numero.as_str()).collect();
    assert_eq!(numbers, ["001", "003"]);
    assert_ne!(dossiers[0].cause, dossiers[1].cause);
}

#[test]
fn classifications_of_the_vectors() {
    for vector in vectors::vectors().unwrap() {
        let analysis = classify(&read_eml(&DICTIONARY, vector.name.clone(), &committed(&vector)));
        insta::assert_json_snapshot!(vector.name.trim_end_matches(".eml").to_owned(), analysis);
    }
}

#[test]
fn a_vector_no_code_produces_is_an_orphan_reported_then_removed() {
    let dir = tempfile::tempdir().unwrap();
    vectors::sync(dir.path(), false).unwrap();
    std::fs::write(dir.path().join("5150-header-rejection.eml"), b"a deleted code").unwrap();
    let stale = vectors::sync(dir.path(), true).unwrap();
    assert_eq!(stale, ["5150-header-rejection.eml (no code of the table produces it any more)"]);
    vectors::sync(dir.path(), false).unwrap();
    assert!(!dir.path().join("5150-header-rejection.eml").exists());
    assert!(vectors::sync(dir.path(), true).unwrap().is_empty());
}

//! `spec diff` and `spec new` on fixture versions: a copy of 2.13 in a temporary repository root is
//! started as version 2.90 with `new_version`, one change of each kind is made to its tables, and the
//! diff must list each change once, breaking or not, with the files and vectors it touches. The
//! snapshot of the real `2.13 → 2.14` diff is reviewed Markdown.

use scor_codegen::diff::{Area, Change, Kind};
use std::fs;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// A temporary root holding spec/scor/2.13 (a copy) and 2.90, started from it.
fn fixture() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("spec/scor/2.13"), &root.path().join("spec/scor/2.13"));
    let written = scor_codegen::new_version(root.path(), "2.90", "2.13").unwrap();
    assert!(written.contains(&"spec/scor/2.90/codes/nature-pj.csv".to_owned()), "{written:?}");
    root
}

/// Replaces `from` by `to` (exactly once) in table `table` of version 2.90.
fn edit(root: &Path, table: &str, from: &str, to: &str) {
    let path = root.join("spec/scor/2.90").join(table);
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{table}: {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The specialty list with the validity columns (after its `profession` column), code 22 deprecated in
/// favour of 01.
fn date_specialties(root: &Path) {
    let path = root.join("spec/scor/2.90/codes/specialite.csv");
    let text = fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    for (n, line) in text.lines().enumerate() {
        let (code, rest) = line.split_once(',').unwrap();
        let (label, rest) = rest.split_once(',').unwrap();
        let (profession, tail) = rest.split_once(',').unwrap();
        let label = format!("{label},{profession}");
        let dates = match (n, code) {
            (0, _) => "valid_from,deprecated_from,replaced_by",
            (_, "22") => ",2026-07-01,01",
            _ => ",,",
        };
        out.push_str(&format!("{code},{label},{dates},{tail}\n"));
    }
    fs::write(&path, out).unwrap();
}

fn summary(change: &Change) -> String {
    let mark = if change.breaking { "breaking" } else { "keeps" };
    format!("{:?} {} {} {mark}: {}", change.area, change.kind.as_str(), change.item, change.what)
}

#[test]
fn spec_new_copies_the_tables_and_renumbers_the_version() {
    let root = fixture();
    let version = fs::read_to_string(root.path().join("spec/scor/2.90/version.toml")).unwrap();
    assert!(version.contains("version = \"2.90\""), "{version}");
    assert!(version.contains("copied from 2.13"), "{version}");
    assert_eq!(scor_codegen::versions(root.path()).unwrap(), ["2.13", "2.90"]);
    assert!(scor_codegen::check_tables(root.path()).unwrap().is_empty());
    let diff = scor_codegen::diff_versions(root.path(), "2.13", "2.90").unwrap();
    let changes: Vec<String> = diff.changes.iter().map(summary).collect();
    assert_eq!(
        changes,
        [
            "Version changed version.toml keeps: source `seed 003 §3: applicable corpus for prescribers is version 2.13; §5: SEH exchange contract 4.00` → `copied from 2.13 by `cargo xtask spec new`: say where 2.90 comes from`"
        ]
    );
    for (version, from) in [("2.90", "2.13"), ("2.91", "1.0"), ("two", "2.13")] {
        assert!(scor_codegen::new_version(root.path(), version, from).is_err(), "{version} from {from}");
    }
}

#[test]
fn each_change_is_listed_once_and_marked_breaking_or_not() {
    let root = fixture();
    let r = root.path();
    edit(r, "data-elements.csv", "Nom du logiciel,alphanumeric,1,50", "Nom du logiciel,alphanumeric,1,40");
    edit(r, "data-elements.csv", "Version du logiciel,alphanumeric,1,20", "Version du logiciel,alphanumeric,1,30");
    edit(r, "data-elements.csv", r"alphanumeric,1,20,[A-Za-z0-9\-]+", r"alphanumeric,1,20,[A-Z0-9\-]+");
    edit(
        r,
        "data-elements.csv",
        "EF_PA_004_01,",
        "EF_PA_003_04,ENTSCANORDO,Editeur/Contact,Contact de l'éditeur,alphanumeric,1,50,,,,,1,modelled,fixture\nEF_PA_004_01,",
    );
    edit(
        r,
        "codes/nature-pj.csv",
        "AUTP,Autre PJ demandée par une AMO,*,pj_per_nature_max,pj_max_bytes,seed,seed 003 §6\n",
        "TEST,Nature de test,01,pj_per_nature_max,pj_max_bytes,modelled,fixture\n",
    );
    edit(r, "codes/diagnostic.csv", "5206,Nature de PJ non autorisée pour le PS", "5206,Nature de PJ non autorisée");
    edit(r, "limits.csv", "pj_max_bytes,250000", "pj_max_bytes,200000");
    edit(r, "limits.csv", "lot_max_files,2000", "lot_max_files,3000");
    let rules = r.join("spec/scor/2.90/rules.csv");
    let mut text = fs::read_to_string(&rules).unwrap();
    text.push_str("FIXTURE-ERROR,fixture-error,lot,,error,pair,5102,,modelled,fixture,A fixture error rule,Une règle d'erreur de test\n");
    text.push_str("FIXTURE-INFO,fixture-info,lot,,info,pair,,,modelled,fixture,A fixture info rule,Une règle d'information de test\n");
    fs::write(&rules, text).unwrap();
    date_specialties(r);
    assert_eq!(scor_codegen::check_tables(r).unwrap(), []);

    let diff = scor_codegen::diff_versions(r, "2.13", "2.90").unwrap();
    let changes: Vec<String> = diff.changes.iter().filter(|c| c.area != Area::Version).map(summary).collect();
    let expected = [
        "DataElement added EF_PA_003_04 (ENTSCANORDO/Editeur/Contact) breaking: Contact de l'éditeur: alphanumeric 1..50, occurs `1` (modelled)",
        r"DataElement changed EF_PA_003_01 (ENTSCANORDO/Editeur/NumeroAgrement) breaking: pattern `[A-Za-z0-9\-]+` → `[A-Z0-9\-]+`",
        "DataElement changed EF_PA_003_02 (ENTSCANORDO/Editeur/NomLogiciel) breaking: max_length 50 → 40",
        "DataElement changed EF_PA_003_03 (ENTSCANORDO/Editeur/VersionLogiciel) keeps: max_length 20 → 30",
        "CodeList changed specialite keeps: validity columns added",
        "Code changed diagnostic 5206 keeps: label `Nature de PJ non autorisée pour le PS` → `Nature de PJ non autorisée`",
        "Code added nature-pj TEST keeps: Nature de test (modelled); allowed_specialties `01`; max_per_dossier `pj_per_nature_max`; max_bytes `pj_max_bytes`",
        "Code removed nature-pj AUTP breaking: Autre PJ demandée par une AMO",
        "Code changed specialite 22 keeps: deprecated_from (none) → `2026-07-01`",
        "Code changed specialite 22 keeps: replaced_by (none) → `01`",
        "Limit changed pj_max_bytes breaking: 250000 → 200000 bytes",
        "Limit changed lot_max_files keeps: 2000 → 3000 count",
        "Rule added FIXTURE-ERROR breaking: fixture-error (error, lot): A fixture error rule",
        "Rule added FIXTURE-INFO keeps: fixture-info (info, lot): A fixture info rule",
    ];
    let (mut got, mut want) = (changes.clone(), expected.map(str::to_owned).to_vec());
    got.sort();
    want.sort();
    assert_eq!(got, want, "{}", changes.join("\n"));
    assert_eq!(diff.breaking(), 6);

    let change = |item: &str| diff.changes.iter().find(|c| c.item == item).unwrap();
    assert_eq!(change("diagnostic 5206").vectors, ["generated/vectors/2.90/arl/5206-*.eml"]);
    assert!(change("nature-pj TEST").generated.contains(&"generated/xsd/2.90/ENTSCANORDO.xsd".to_owned()));
    assert!(
        change("nature-pj TEST").generated.contains(&"dictionary/src/generated/v2_90/codes/nature_pj.rs".to_owned())
    );
    assert_eq!(change("FIXTURE-ERROR").generated, ["dictionary/src/generated/v2_90/rules.rs"]);
    let removed = change("nature-pj AUTP");
    assert_eq!(removed.kind, Kind::Removed);
    assert!(removed.generated.contains(&"dictionary/src/generated/v2_90/codes/nature_pj.rs".to_owned()));
    assert_eq!(diff.vectors().into_iter().collect::<Vec<_>>(), ["generated/vectors/2.90/arl/5206-*.eml"]);

    let markdown = diff.markdown("Fixture");
    assert!(markdown.starts_with("# Fixture\n\nFrom SCOR dictionary 2.13 (`spec/scor/2.13`) to 2.90"), "{markdown}");
    assert!(markdown.contains("**15 change(s), 6 breaking**"), "{markdown}");
    assert!(
        markdown.contains("| `pj_max_bytes` | changed | 250000 → 200000 bytes | **yes** | limit tightened |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("\n## Golden vectors touched\n\n- `generated/vectors/2.90/arl/5206-*.eml`\n"),
        "{markdown}"
    );
    let text = diff.text();
    assert!(text.starts_with("SCOR dictionary 2.13 → 2.90: 15 change(s), 6 breaking\n"), "{text}");
    assert!(text.contains("  BREAKING limit pj_max_bytes changed: 250000 → 200000 bytes (limit tightened)"), "{text}");
}

#[test]
fn a_french_description_changed_is_a_change_of_the_rule() {
    let root = fixture();
    let r = root.path();
    edit(r, "rules.csv", ",La clé du NIR ne correspond pas au NIR\n", ",La clé ne correspond pas au NIR\n");
    assert_eq!(scor_codegen::check_tables(r).unwrap(), []);
    let diff = scor_codegen::diff_versions(r, "2.13", "2.90").unwrap();
    let changes: Vec<String> = diff.changes.iter().filter(|c| c.area != Area::Version).map(summary).collect();
    assert_eq!(
        changes,
        [
            "Rule changed INDEX-NIR-KEY keeps: description_fr `La clé du NIR ne correspond pas au NIR` → `La clé ne correspond pas au NIR`"
        ]
    );
    assert_eq!(
        diff.changes.iter().find(|c| c.area == Area::Rule).unwrap().generated,
        ["dictionary/src/generated/v2_90/rules.rs"]
    );
}

#[test]
fn each_version_has_a_generated_changelog() {
    let root = fixture();
    edit(root.path(), "limits.csv", "pj_max_bytes,250000", "pj_max_bytes,500000");
    let outputs = scor_codegen::outputs(root.path()).unwrap();
    let changelog = |version: &str| {
        let path = format!("generated/docs/changelog-{version}.md");
        outputs.iter().find(|o| o.path == path).unwrap_or_else(|| panic!("no {path}")).contents.clone()
    };
    let first = changelog("2.13");
    assert!(first.contains("# Changelog of SCOR dictionary 2.13\n\nFirst version"), "{first}");
    let second = changelog("2.90");
    assert!(
        second.starts_with("<!--\nGenerated by `cargo xtask codegen` from spec/scor/2.13 and spec/scor/2.90."),
        "{second}"
    );
    assert!(second.contains("# Changelog of SCOR dictionary 2.90\n"), "{second}");
    assert!(second.contains("| `pj_max_bytes` | changed | 250000 → 500000 bytes | no | limit loosened |"), "{second}");
}

#[test]
fn validity_columns_are_checked() {
    let root = fixture();
    date_specialties(root.path());
    edit(
        root.path(),
        "codes/specialite.csv",
        "diplôme,prescripteur,,2026-07-01,01",
        "diplôme,prescripteur,2026-08-01,2026-07-01,99",
    );
    edit(root.path(), "codes/specialite.csv", "Cardiologie,prescripteur,,,", "Cardiologie,prescripteur,2026-02-30,,");
    let errors: Vec<String> =
        scor_codegen::check_tables(root.path()).unwrap().iter().map(ToString::to_string).collect();
    let file = "spec/scor/2.90/codes/specialite.csv";
    assert_eq!(
        errors,
        [
            format!("{file}:4: valid_from `2026-02-30` is not a date AAAA-MM-JJ"),
            format!("{file}:21: deprecated_from 2026-07-01 is not after valid_from 2026-08-01"),
            format!("{file}:21: replaced_by `99` is not another code of list `specialite`"),
        ]
    );
}

/// The reviewed diff of the real bump.
#[test]
fn spec_diff_2_13_2_14() {
    let diff = scor_codegen::diff_versions(&repo_root(), "2.13", "2.14").unwrap();
    insta::assert_snapshot!(diff.markdown("Changes from SCOR dictionary 2.13 to 2.14"));
}

//! The files of a lot: header, strays, extensions, duplicates, numbering, and the header's inventory.

use crate::support::*;
use scor_tests::lots::*;

deviation!(
    /// The lot without its header file.
    inventory_header_missing,
    {
        let mut files = build(&example_plan()).files;
        remove(&mut files, HEADER);
        check(&files)
    }
);

deviation!(
    /// A second header file (another Compostage).
    inventory_header_second,
    {
        let mut files = build(&example_plan()).files;
        let second = memory_file("E-2026-ENTSCANORDO-00043.xml", file(&files, HEADER).bytes.clone());
        files.push(second);
        check(&files)
    }
);

deviation!(
    /// A file that is no lot file.
    inventory_stray,
    {
        let mut files = build(&example_plan()).files;
        files.push(memory_file("notes.txt", b"to do".to_vec()));
        check(&files)
    }
);

deviation!(
    /// An index file with its extension in upper case.
    inventory_extension,
    {
        let mut files = build(&example_plan()).files;
        rename(&mut files, "D-001.pkcs7", "D-001.PKCS7");
        check(&files)
    }
);

deviation!(
    /// The same index file twice, the second named in upper case.
    inventory_duplicate,
    {
        let mut files = build(&example_plan()).files;
        let copy = memory_file("D-001.PKCS7", file(&files, "D-001.pkcs7").bytes.clone());
        files.push(copy);
        check(&files)
    }
);

deviation!(
    /// A PJ file of a dossier that has no index file.
    inventory_numbering,
    {
        let mut files = build(&example_plan()).files;
        let orphan = memory_file("P-003-001.pkcs7", file(&files, "P-002-001.pkcs7").bytes.clone());
        files.push(orphan);
        check(&files)
    }
);

deviation!(
    /// Dossier files numbered 001 and 003: the second dossier's files renamed.
    inventory_numbering_gap,
    {
        let mut files = build(&example_plan()).files;
        rename(&mut files, "D-002.pkcs7", "D-003.pkcs7");
        rename(&mut files, "P-002-001.pkcs7", "P-003-001.pkcs7");
        check(&files)
    }
);

deviation!(
    /// A dossier whose only piece refers to a PJ already sent: an index and no PJ file.
    inventory_pj_missing,
    {
        let mut plan = example_plan();
        let externe = plan.dossiers[1].pieces[1].clone();
        plan.dossiers[0].pieces = vec![scor_sender::PiecePlan {
            identifier: externe.identifier.replace(".000003", ".000004"),
            ..externe
        }];
        check(&build(&plan).files)
    }
);

deviation!(
    /// The PJ file of an INTERNE piece removed: its dossier has no PJ file, and the header announces one.
    inventory_pj_removed,
    {
        let mut files = build(&example_plan()).files;
        remove(&mut files, "P-001-001.pkcs7");
        check(&files)
    }
);

deviation!(
    /// A PJ file the header does not announce.
    inventory_header_mismatch,
    {
        let mut files = build(&example_plan()).files;
        let extra = memory_file("P-001-002.pkcs7", file(&files, "P-001-001.pkcs7").bytes.clone());
        files.push(extra);
        check(&files)
    }
);

pub const DEVIATIONS: &[Deviation] = &[
    ("inventory_header_missing", inventory_header_missing),
    ("inventory_header_second", inventory_header_second),
    ("inventory_stray", inventory_stray),
    ("inventory_extension", inventory_extension),
    ("inventory_duplicate", inventory_duplicate),
    ("inventory_numbering", inventory_numbering),
    ("inventory_numbering_gap", inventory_numbering_gap),
    ("inventory_pj_missing", inventory_pj_missing),
    ("inventory_pj_removed", inventory_pj_removed),
    ("inventory_header_mismatch", inventory_header_mismatch),
];

#[test]
fn inventory_header_removed() {
    let checked = inventory_header_missing();
    finding(checked, Want::error("INVENTORY-HEADER", "lot", "5106"));
    errors(checked, &["INVENTORY-HEADER"]);
    header_rejection_without_arl(checked, "5106");
    assert_eq!(checked.outcome.not_evaluated.len(), 4, "no route, no key: {}", describe(checked));
}

#[test]
fn inventory_header_twice() {
    let checked = inventory_header_second();
    finding(checked, Want::error("INVENTORY-HEADER", "E-2026-ENTSCANORDO-00043.xml", "5106"));
    errors(checked, &["INVENTORY-HEADER"]);
    header_rejection_without_arl(checked, "5106");
}

#[test]
fn inventory_stray_file() {
    let checked = inventory_stray();
    finding(checked, Want::error("INVENTORY-STRAY", "notes.txt", "5106"));
    errors(checked, &["INVENTORY-STRAY"]);
    header_rejection(checked, "5106");
}

#[test]
fn inventory_extension_in_upper_case() {
    let checked = inventory_extension();
    finding(checked, Want::notice("INVENTORY-EXTENSION", scor_dictionary::Severity::Warning, "D-001.PKCS7"));
    errors(checked, &[]);
    warnings(checked, &["INVENTORY-EXTENSION"]);
    accepted(checked);
}

#[test]
fn inventory_duplicate_ignoring_case() {
    let checked = inventory_duplicate();
    finding(checked, Want::error("INVENTORY-DUPLICATE", "D-001.PKCS7", "5106"));
    errors(checked, &["INVENTORY-DUPLICATE"]);
    header_rejection(checked, "5106");
}

#[test]
fn inventory_numbering_pj_without_index() {
    let checked = inventory_numbering();
    finding(checked, Want::error("INVENTORY-NUMBERING", "P-003-001.pkcs7", "5106"));
    errors(checked, &["INVENTORY-NUMBERING"]);
    header_rejection(checked, "5106");
}

#[test]
fn inventory_numbering_with_a_gap() {
    let checked = inventory_numbering_gap();
    finding(checked, Want::error("INVENTORY-NUMBERING", "D-003.pkcs7", "5106"));
    // The header still announces dossier 002: the files and the header disagree three times.
    let mismatch = Want::error("INVENTORY-HEADER-MISMATCH", HEADER, "5106");
    finding(checked, mismatch.at("/ENTSCANORDO/Dossiers/Dossier[2]", 46));
    finding(checked, mismatch.at("/ENTSCANORDO/Dossiers/Dossier[2]/Piece[1]", 50));
    finding(checked, Want::error("INVENTORY-HEADER-MISMATCH", "D-003.pkcs7", "5106"));
    errors(checked, &["INVENTORY-NUMBERING", "INVENTORY-HEADER-MISMATCH"]);
    assert_eq!(count(checked, "INVENTORY-HEADER-MISMATCH"), 3);
    header_rejection(checked, "5106");
}

#[test]
fn inventory_pj_missing_in_a_dossier_of_references_only() {
    let checked = inventory_pj_missing();
    finding(checked, Want::error("INVENTORY-PJ-MISSING", "D-001.pkcs7", "5203"));
    errors(checked, &["INVENTORY-PJ-MISSING"]);
    dossier_rejection(checked, &[(1, "D-001.pkcs7", "5203")]);
}

#[test]
fn inventory_pj_file_removed() {
    let checked = inventory_pj_removed();
    finding(checked, Want::error("INVENTORY-PJ-MISSING", "D-001.pkcs7", "5203"));
    let mismatch = Want::error("INVENTORY-HEADER-MISMATCH", HEADER, "5106");
    finding(checked, mismatch.at("/ENTSCANORDO/Dossiers/Dossier[1]/Piece[1]", 37));
    errors(checked, &["INVENTORY-PJ-MISSING", "INVENTORY-HEADER-MISMATCH"]);
    header_rejection(checked, "5106");
}

#[test]
fn inventory_header_mismatch_unannounced_pj() {
    let checked = inventory_header_mismatch();
    finding(checked, Want::error("INVENTORY-HEADER-MISMATCH", "P-001-002.pkcs7", "5106"));
    errors(checked, &["INVENTORY-HEADER-MISMATCH"]);
    header_rejection(checked, "5106");
}

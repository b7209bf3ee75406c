//! Runs built by hand for the report tests: a header rejection with an excerpt, a dossier rejection of
//! two dossiers, an accepted lot and a service message, with not-evaluated checks.
#![allow(dead_code)] // each test binary uses its own part of this module

use scor_conformance::{
    FileOutcome, FileRole, LotKind, LotOutcome, NotEvaluated, PredictedArl, RejectedDossier, Run, Source, Tool,
};
use scor_dictionary::{Dictionary, Finding, Level, Location, latest};
use scor_locale::Text;

pub const DICTIONARY: &Dictionary = &latest::DICTIONARY;

/// A fixed tool, so that snapshots do not move with the crate version.
pub const TOOL: Tool = Tool { name: "scor-kit", version: "0.1.0" };

pub const HEADER: &str = "E-2026-ENTSCANORDO-00042.xml";

/// The header of the first lot: line 15 holds the unknown specialty code 99, at column 21.
pub const HEADER_TEXT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ENTSCANORDO Version="04.00" Profil="ENTSCANORDO" xmlns="http://www.interregime.fr/ENTSCANORDO">
  <Identification>565038410-20261123101500000001</Identification>
  <Temps>2026-11-23T10:15:00</Temps>
  <Fonction>9</Fonction>
  <Lot>
    <Exercice>2026</Exercice>
    <Compostage>00042</Compostage>
    <IndexLot>1</IndexLot>
    <NombreLots>1</NombreLots>
    <NombreDossiers>1</NombreDossiers>
  </Lot>
  <Emetteur>
    <NumeroFacturationPS>565038410</NumeroFacturationPS>
    <CodeSpecialite>99</CodeSpecialite>
  </Emetteur>
</ENTSCANORDO>
"#;

/// The rule `id` of the 2.13 dictionary.
pub fn rule(id: &str) -> &'static scor_dictionary::Rule {
    DICTIONARY.rule_by_id(id).unwrap_or_else(|| panic!("rule {id} is in the 2.13 dictionary"))
}

pub fn file(name: &str, role: FileRole, dossier: Option<u32>, bytes: u64) -> FileOutcome {
    FileOutcome { name: name.to_owned(), role, dossier, bytes, plain_bytes: None, pages: None }
}

pub fn at(file: &str, xpath: &str, line: u32, column: u32) -> Location {
    Location { line: Some(line), column: Some(column), ..Location::file(file).with_xpath(xpath) }
}

/// Etat R on the header, cause 5113, with the header's source so the text report shows an excerpt.
pub fn header_rejection() -> LotOutcome {
    let specialty = Finding::new(
        rule("FIELD-SPECIALITE"),
        Level::Header,
        at(HEADER, "/ENTSCANORDO/Emetteur/CodeSpecialite", 15, 21),
        "specialty code 99 is not in the specialty table",
    );
    let extension = Finding::new(
        rule("INVENTORY-EXTENSION"),
        Level::Header,
        Location::file("P-001-001.Pkcs7"),
        "extension .Pkcs7 is accepted, but should be lower case (.pkcs7)",
    );
    LotOutcome {
        input: "lots/header-5113".to_owned(),
        kind: LotKind::Folder,
        identification: Some("565038410-20261123101500000001".to_owned()),
        files: vec![
            file(HEADER, FileRole::Header, None, 812),
            file("D-001.pkcs7", FileRole::Index, Some(1), 2_048),
            file("P-001-001.Pkcs7", FileRole::Pj, Some(1), 90_112),
        ],
        findings: vec![specialty, extension],
        not_evaluated: Vec::new(),
        arl_fallbacks: Vec::new(),
        arl: Some(PredictedArl::HeaderRejection {
            cause: "5113",
            label: "Code Specialite PS non connu ou non autorise du systeme",
        }),
        sources: vec![Source { file: HEADER.to_owned(), text: HEADER_TEXT.to_owned(), level: Level::Header }],
        pages: Vec::new(),
        suppressed: Vec::new(),
        regraded: Vec::new(),
    }
}

/// Etat R, cause 5999: dossier 1's PJ is not PDF/A-1b, dossier 2's index cannot be decrypted.
pub fn dossier_rejection() -> LotOutcome {
    let metadata = Finding::new(
        rule("PDFA-METADATA"),
        Level::Dossier,
        Location { page: Some(2), byte_offset: Some(18_734), ..Location::file("P-001-001.pkcs7") },
        "the document information dictionary and the XMP metadata disagree on the title",
    )
    .under_clause("ISO 19005-1 6.7.3");
    let weak = Finding::new(
        rule("CMS-ALGORITHM-WEAK"),
        Level::Dossier,
        Location::file("P-001-001.pkcs7"),
        "content encrypted with 3DES: accepted, AES-256-CBC expected",
    );
    let decrypt = Finding::new(
        rule("CMS-DECRYPT"),
        Level::Dossier,
        Location::file("D-002.pkcs7"),
        "no recipient of the EnvelopedData matches the organism certificate",
    );
    let blank = Finding::new(
        rule("QUALITY-BLANK"),
        Level::Dossier,
        Location { page: Some(2), ..Location::file("P-001-001.pkcs7") },
        "the page is blank: 0.2 ‰ of it holds marks (at most 2 ‰)",
    );
    let mut pj = file("P-001-001.pkcs7", FileRole::Pj, Some(1), 120_000);
    pj.plain_bytes = Some(118_211);
    pj.pages = Some(2);
    let mut index = file("D-001.pkcs7", FileRole::Index, Some(1), 2_048);
    index.plain_bytes = Some(1_377);
    LotOutcome {
        input: "mail/lot-00043.eml".to_owned(),
        kind: LotKind::Eml,
        identification: Some("565038410-20261123101600000002".to_owned()),
        files: vec![
            file("E-2026-ENTSCANORDO-00043.xml", FileRole::Header, None, 1_204),
            index,
            pj,
            file("D-002.pkcs7", FileRole::Index, Some(2), 2_048),
            file("P-002-001.pkcs7", FileRole::Pj, Some(2), 64_000),
        ],
        findings: vec![metadata, weak, blank, decrypt],
        not_evaluated: vec![NotEvaluated {
            file: "D-002.pkcs7".to_owned(),
            checks: Text::verbatim("index checks and dossier 2's PJ checks"),
            reason: Text::verbatim("the index could not be decrypted"),
            rules: vec!["INDEX-NIR-KEY", "INDEX-HEADER", "PJ-IDENTIFIER"],
        }],
        arl_fallbacks: Vec::new(),
        arl: Some(PredictedArl::DossierRejection {
            cause: "5999",
            label: "Rejet au niveau dossier",
            dossiers: vec![
                RejectedDossier {
                    dossier: 1,
                    file: "P-001-001.pkcs7".to_owned(),
                    cause: "5204",
                    label: "PJ non conforme au format PDF/A-1b",
                },
                RejectedDossier {
                    dossier: 2,
                    file: "D-002.pkcs7".to_owned(),
                    cause: "5201",
                    label: "Fichier du dossier indéchiffrable",
                },
            ],
        }),
        sources: Vec::new(),
        pages: Vec::new(),
        suppressed: Vec::new(),
        regraded: Vec::new(),
    }
}

/// Etat A, cause 0000, with one info finding.
pub fn accepted() -> LotOutcome {
    let externe = Finding::new(
        rule("PJ-EXTERNE"),
        Level::Header,
        at("E-2026-ENTSCANORDO-00044.xml", "/ENTSCANORDO/Dossiers/Dossier[1]/Piece[2]/IdentifiantPJ", 31, 9),
        "PJ 002 of dossier 1 refers to a PJ already sent: the receiving side checks the reference",
    );
    LotOutcome {
        input: "lots/ok-00044".to_owned(),
        kind: LotKind::Folder,
        identification: Some("565038410-20261123101700000003".to_owned()),
        files: vec![
            file("E-2026-ENTSCANORDO-00044.xml", FileRole::Header, None, 1_100),
            file("D-001.pkcs7", FileRole::Index, Some(1), 2_048),
            file("P-001-001.pkcs7", FileRole::Pj, Some(1), 80_000),
        ],
        findings: vec![externe],
        not_evaluated: Vec::new(),
        arl_fallbacks: Vec::new(),
        arl: Some(PredictedArl::Accepted { cause: "0000", label: "Lot accepté et transmis à l'AMO" }),
        sources: Vec::new(),
        pages: Vec::new(),
        suppressed: Vec::new(),
        regraded: Vec::new(),
    }
}

/// A service message: the SMTP message carries no attachment, so nothing of the lot could be checked.
pub fn service_message() -> LotOutcome {
    let no_attachment =
        Finding::new(rule("MAIL-NO-ATTACHMENT"), Level::Header, Location::file(""), "the message has no attachment");
    LotOutcome {
        input: "mail/empty.eml".to_owned(),
        kind: LotKind::Eml,
        identification: None,
        files: Vec::new(),
        findings: vec![no_attachment],
        not_evaluated: vec![NotEvaluated {
            file: String::new(),
            checks: Text::verbatim("every check of the lot's files"),
            reason: Text::verbatim("the message has no attachment"),
            rules: Vec::new(),
        }],
        arl_fallbacks: Vec::new(),
        arl: Some(PredictedArl::ServiceMessage { cause: "9002", label: "Message sans pièce jointe" }),
        sources: Vec::new(),
        pages: Vec::new(),
        suppressed: Vec::new(),
        regraded: Vec::new(),
    }
}

/// A run over the four lots above.
pub fn representative_run() -> Run {
    Run {
        tool: TOOL,
        dictionary: DICTIONARY,
        lots: vec![header_rejection(), dossier_rejection(), accepted(), service_message()],
        advisor: None,
    }
}

/// A run of the given lots.
pub fn run_of(lots: Vec<LotOutcome>) -> Run {
    Run { tool: TOOL, dictionary: DICTIONARY, lots, advisor: None }
}

/// The advisor file of [`advised_run`]: a suppression, a re-grade narrowed by clause and dossier, an
/// expired entry and an unused one.
pub const ADVISOR: &str = r#"[[advice]]
rule = "FIELD-SPECIALITE"
xpath = "/ENTSCANORDO/Emetteur"
suppress = true
reason = "specialty 99 agreed with the caisse"
expires = 2999-12-31

[[advice]]
rule = "PDFA-METADATA"
clause = "6.7"
dossier = 1
severity = "warning"
reason = "title mismatch tolerated by the PAIR"
expires = "2999-12-31"

[[advice]]
rule = "CMS-DECRYPT"
suppress = true
reason = "an old key"
expires = 2020-01-01

[[advice]]
rule = "LOT-SIZE"
suppress = true
reason = "never seen"
expires = 2999-12-31
"#;

/// [`representative_run`] with [`ADVISOR`] applied on 2026-12-06.
pub fn advised_run() -> Run {
    let advisor = scor_conformance::advisor::Advisor::parse("scor-advisor.toml", ADVISOR.as_bytes(), DICTIONARY)
        .expect("the advisor file parses");
    let mut run = representative_run();
    run.advisor = Some(advisor.apply(&mut run.lots, "2026-12-06"));
    run
}

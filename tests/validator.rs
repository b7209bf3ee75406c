//! The streaming validator and `Message::read` on hand-written documents: a valid ARL (the seed's
//! example, cleaned), then one deviation per test, each asserting the rule, the data element, the
//! ARL cause, the XPath and the line where it applies. Also the recipients grammar of EF_PA_002_03.

use scor_dictionary::latest::arlscanordo::{self, Arlscanordo, DiagDossier, Diagnostic};
use scor_dictionary::latest::entarlscanordo::{self, Entarlscanordo};
use scor_dictionary::latest::grammars::RECIPIENTS;
use scor_dictionary::latest::limits::{XML_MAX_BYTES, XML_MAX_DEPTH, XML_MAX_FINDINGS, XML_MAX_TEXT_BYTES};
use scor_dictionary::latest::scanordo::{self, Scanordo};
use scor_dictionary::schema::{MessageSchema, Recipient, RecipientsError};
use scor_dictionary::stream::validate;
use scor_dictionary::{Finding, Message, Options};
use scor_tests::{SEED_ARL, SEED_ARL_LIBELLE, seed_arl_model};
use std::time::{Duration, Instant};

const ARL_FILE: &str = "D-ARLSCANORDO.xml";

/// A dossier-level rejection: two rejected dossiers.
const ARL_DOSSIERS: &str = r#"<ARL Version="02.00" Profil="ARLSCANORDO" xmlns="http://www.interregime.fr/ARLSCANORDO">
  <Identification>2026011512000000001</Identification>
  <Temps>2026-01-15T12:00:00</Temps>
  <Fonction>9</Fonction>
  <DiagEntete>
    <Identification>565038410-2026011511300012345</Identification>
    <Temps>2026-01-15T11:30:00</Temps>
    <Fonction>9</Fonction>
    <Profil>ENTSCANORDO</Profil>
    <Diagnostic>
      <Activite>CTRENV</Activite>
      <Etat>R</Etat>
      <Cause>5999</Cause>
    </Diagnostic>
  </DiagEntete>
  <DiagDossier>
    <NumeroDossier>001</NumeroDossier>
    <Fichier>D-001.pkcs7</Fichier>
    <Diagnostic>
      <Activite>CTRDOS</Activite>
      <Etat>R</Etat>
      <Cause>5201</Cause>
      <Libelle>Index indechiffrable</Libelle>
    </Diagnostic>
  </DiagDossier>
  <DiagDossier>
    <NumeroDossier>002</NumeroDossier>
    <Fichier>P-002-001.pkcs7</Fichier>
    <Diagnostic>
      <Activite>CTRDOS</Activite>
      <Etat>R</Etat>
      <Cause>5204</Cause>
    </Diagnostic>
  </DiagDossier>
</ARL>
"#;

const ENTARL: &str = r#"<ENTARLSCANORDO Version="02.00" Profil="ENTARLSCANORDO" xmlns="http://www.interregime.fr/ENTARLSCANORDO">
  <Identification>2012012711282803081</Identification>
  <Temps>2012-01-27T11:28:28</Temps>
  <Fonction>9</Fonction>
  <Emetteur>
    <CodeRegime>01</CodeRegime>
    <CodeOrganisme>751</CodeOrganisme>
  </Emetteur>
  <Destinataire>
    <NumeroFacturationPS>565038410</NumeroFacturationPS>
  </Destinataire>
  <FichierDiagnostic>D-ARLSCANORDO.xml</FichierDiagnostic>
</ENTARLSCANORDO>
"#;

/// A dossier index: NIR 1 85 01 75 123 456, key 97 - (1850175123456 mod 97) = 9.
const SCANORDO: &str = r#"<SCANORDO Version="04.00" Profil="SCANORDO" xmlns="http://www.interregime.fr/SCANORDO">
  <Identification>001</Identification>
  <Beneficiaire>
    <NIR>1850175123456</NIR>
    <CleNIR>09</CleNIR>
    <DateNaissance>1985-01-15</DateNaissance>
    <RangNaissance>1</RangNaissance>
  </Beneficiaire>
  <Facture>
    <NumeroFacture>000000123</NumeroFacture>
    <DateFacture>2026-01-10</DateFacture>
    <NumeroFacturationPS>565038410</NumeroFacturationPS>
  </Facture>
  <OrganismeGestionnaire>
    <CodeRegime>01</CodeRegime>
    <CodeCaisse>751</CodeCaisse>
    <CodeCentre>0001</CodeCentre>
  </OrganismeGestionnaire>
</SCANORDO>
"#;

// ---------------------------------------------------------------------------------------------
// Helpers

fn check(schema: &'static MessageSchema, doc: impl AsRef<[u8]>) -> Vec<Finding> {
    validate(schema, ARL_FILE, doc.as_ref(), Options::default())
}

fn arl(doc: impl AsRef<[u8]>) -> Vec<Finding> {
    check(&arlscanordo::SCHEMA, doc)
}

/// `doc` with `from` replaced by `to` once; `from` must be there.
#[track_caller]
fn edit(doc: &str, from: &str, to: &str) -> String {
    assert!(doc.contains(from), "{from:?} is not in the document");
    doc.replacen(from, to, 1)
}

/// 1-based line and column (in characters) of the first `needle` in `doc`.
#[track_caller]
fn position(doc: &str, needle: &str) -> (u32, u32) {
    let at = doc.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in the document"));
    let before = &doc[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |n| n + 1)..].chars().count() + 1;
    (line as u32, column as u32)
}

#[track_caller]
fn line_of(doc: &str, needle: &str) -> u32 {
    position(doc, needle).0
}

fn listing(findings: &[Finding]) -> String {
    findings.iter().map(|f| format!("  {f}")).collect::<Vec<_>>().join("\n")
}

/// The only finding.
#[track_caller]
fn only(findings: &[Finding]) -> &Finding {
    assert_eq!(findings.len(), 1, "expected exactly one finding, got:\n{}", listing(findings));
    &findings[0]
}

/// The first finding of `rule`.
#[track_caller]
fn of<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
    findings.iter().find(|f| f.rule == rule).unwrap_or_else(|| panic!("no {rule} finding; got:\n{}", listing(findings)))
}

/// Asserts rule, data element, XPath and line of a finding.
#[track_caller]
fn assert_finding(finding: &Finding, rule: &str, element: Option<&str>, xpath: Option<&str>, line: u32) {
    assert_eq!(finding.rule, rule, "{finding}");
    assert_eq!(finding.element, element, "{finding}");
    assert_eq!(finding.location.xpath.as_deref(), xpath, "{finding}");
    assert_eq!(finding.location.line, Some(line), "{finding}");
    assert_eq!(finding.location.file, ARL_FILE, "{finding}");
}

fn read_arl(doc: impl AsRef<[u8]>) -> Arlscanordo {
    let parsed = Arlscanordo::read(ARL_FILE, doc.as_ref(), Options::default());
    assert!(parsed.findings.is_empty(), "unexpected findings:\n{}", listing(&parsed.findings));
    parsed.message.expect("a valid document builds its model")
}

// ---------------------------------------------------------------------------------------------
// Valid documents, reading and writing

#[test]
fn valid_arl_has_no_finding() {
    let findings = arl(SEED_ARL);
    assert!(findings.is_empty(), "{}", listing(&findings));
    let findings = arl(ARL_DOSSIERS);
    assert!(findings.is_empty(), "{}", listing(&findings));
}

#[test]
fn valid_arl_reads_into_the_exact_model() {
    let parsed = Arlscanordo::read(ARL_FILE, SEED_ARL.as_bytes(), Options::default());
    assert!(parsed.is_valid());
    assert!(parsed.findings.is_empty(), "{}", listing(&parsed.findings));
    assert_eq!(parsed.message, Some(seed_arl_model()));
}

#[test]
fn dossier_diagnostics_read_in_order() {
    let model = read_arl(ARL_DOSSIERS);
    assert_eq!(model.diag_entete.diagnostic.cause, "5999");
    assert_eq!(model.diag_entete.diagnostic.libelle, None);
    assert_eq!(
        model.diag_dossier,
        vec![
            DiagDossier {
                numero_dossier: "001".into(),
                fichier: "D-001.pkcs7".into(),
                diagnostic: Diagnostic {
                    activite: "CTRDOS".into(),
                    etat: "R".into(),
                    cause: "5201".into(),
                    libelle: Some("Index indechiffrable".into()),
                },
            },
            DiagDossier {
                numero_dossier: "002".into(),
                fichier: "P-002-001.pkcs7".into(),
                diagnostic: Diagnostic {
                    activite: "CTRDOS".into(),
                    etat: "R".into(),
                    cause: "5204".into(),
                    libelle: None,
                },
            },
        ]
    );
}

#[test]
fn to_xml_writes_the_default_namespace_and_reads_back_equal() {
    for doc in [SEED_ARL, ARL_DOSSIERS] {
        let model = read_arl(doc);
        let xml = model.to_xml().unwrap();
        assert!(xml.starts_with("<?xml"), "{xml}");
        assert!(xml.contains(r#"<ARL xmlns="http://www.interregime.fr/ARLSCANORDO""#), "{xml}");
        assert!(!xml.contains("scor:") && !xml.contains("xmlns:"), "a prefix leaked into the output:\n{xml}");
        assert!(xml.contains(r#"Version="02.00""#) && xml.contains(r#"Profil="ARLSCANORDO""#), "{xml}");
        let findings = arl(&xml);
        assert!(findings.is_empty(), "{}\n{xml}", listing(&findings));
        assert_eq!(read_arl(&xml), model);
        assert!(model.validate().is_empty());
    }
}

#[test]
fn model_validate_locates_a_bad_value() {
    let mut model = seed_arl_model();
    model.diag_entete.diagnostic.cause = "9999".into();
    let findings = model.validate();
    let finding = only(&findings);
    assert_eq!(finding.rule, "FIELD-CODE");
    assert_eq!(finding.element, Some("EF_MR_018_03"));
    assert_eq!(finding.location.xpath.as_deref(), Some("/ARL/DiagEntete/Diagnostic/Cause"));
    assert!(finding.message.contains("\"9999\""), "{finding}");
}

#[test]
fn prefixed_root_in_the_right_namespace_is_valid() {
    // Namespaces are matched by URI, not by prefix.
    let prefixed =
        SEED_ARL.replace("</", "</a:").replace('<', "<a:").replace("<a:/a:", "</a:").replace("xmlns=", "xmlns:a=");
    assert!(prefixed.starts_with(r#"<a:ARL Version="02.00" Profil="ARLSCANORDO" xmlns:a="#), "{prefixed}");
    assert!(prefixed.contains("</a:Libelle>") && prefixed.contains("<a:Libelle>"), "{prefixed}");
    let findings = arl(&prefixed);
    assert!(findings.is_empty(), "{}", listing(&findings));
    assert_eq!(read_arl(&prefixed), seed_arl_model());
}

#[test]
fn valid_entarlscanordo_reads_into_the_exact_model() {
    let findings = check(&entarlscanordo::SCHEMA, ENTARL);
    assert!(findings.is_empty(), "{}", listing(&findings));
    let parsed = Entarlscanordo::read("E-ARLSCANORDO.xml", ENTARL.as_bytes(), Options::default());
    let model = parsed.message.expect("model");
    assert_eq!(model.version, "02.00");
    assert_eq!(model.profil, "ENTARLSCANORDO");
    assert_eq!(model.identification, "2012012711282803081");
    assert_eq!(model.temps, "2012-01-27T11:28:28");
    assert_eq!(model.fonction, "9");
    assert_eq!(model.emetteur.code_regime, "01");
    assert_eq!(model.emetteur.code_organisme, "751");
    assert_eq!(model.destinataire.numero_facturation_ps, "565038410");
    assert_eq!(model.fichier_diagnostic, "D-ARLSCANORDO.xml");
    let xml = model.to_xml().unwrap();
    assert_eq!(Entarlscanordo::read("E-ARLSCANORDO.xml", xml.as_bytes(), Options::default()).message, Some(model));
}

#[test]
fn entarlscanordo_diagnostic_file_name_is_checked() {
    let doc = edit(ENTARL, "<FichierDiagnostic>D-ARLSCANORDO.xml", "<FichierDiagnostic>E-ARLSCANORDO.xml");
    let findings = check(&entarlscanordo::SCHEMA, &doc);
    let finding = only(&findings);
    let line = line_of(&doc, "<FichierDiagnostic>");
    assert_finding(finding, "FIELD-PATTERN", Some("EF_MR_004_01"), Some("/ENTARLSCANORDO/FichierDiagnostic"), line);
    assert_eq!(finding.cause, Some("5102"));
}

// ---------------------------------------------------------------------------------------------
// Structure: root, namespaces, attributes, order, cardinality, content

#[test]
fn wrong_namespace_on_root() {
    let doc = edit(SEED_ARL, "http://www.interregime.fr/ARLSCANORDO", "http://www.interregime.fr/ENTSCANORDO");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-ROOT", None, Some("/ARL"), 1);
    assert_eq!(finding.location.column, Some(1));
    assert_eq!(finding.cause, Some("5101"));
    assert!(finding.message.contains("http://www.interregime.fr/ARLSCANORDO"), "{finding}");
    // The typed model is not even attempted.
    assert_eq!(Arlscanordo::read(ARL_FILE, doc.as_bytes(), Options::default()).message, None);

    let no_namespace = edit(SEED_ARL, r#" xmlns="http://www.interregime.fr/ARLSCANORDO""#, "");
    assert_finding(only(&arl(&no_namespace)), "XML-ROOT", None, Some("/ARL"), 1);
}

#[test]
fn wrong_root_element() {
    let doc = edit(&edit(SEED_ARL, "<ARL ", "<ARLX "), "</ARL>", "</ARLX>");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-ROOT", None, Some("/ARL"), 1);
    assert!(finding.message.contains("<ARLX>"), "{finding}");
}

#[test]
fn child_in_a_foreign_namespace() {
    let doc = edit(SEED_ARL, "  <DiagEntete>", "  <x:Extra xmlns:x=\"urn:example:other\">1</x:Extra>\n  <DiagEntete>");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-NAMESPACE", None, Some("/ARL/Extra"), line_of(&doc, "<x:Extra"));
    assert_eq!(finding.location.column, Some(3));

    // The right element name in the wrong namespace does not count as the element.
    let doc = edit(SEED_ARL, "  <Fonction>9</Fonction>", "  <Fonction xmlns=\"urn:example:other\">9</Fonction>");
    let findings = arl(&doc);
    let line = line_of(&doc, "<Fonction xmlns");
    assert_finding(of(&findings, "XML-NAMESPACE"), "XML-NAMESPACE", None, Some("/ARL/Fonction"), line);
    let missing = of(&findings, "XML-MISSING");
    // Missing elements are reported at the end tag of their parent: one skipped over may still come.
    assert_finding(missing, "XML-MISSING", Some("EF_MR_016_03"), Some("/ARL/Fonction"), line_of(&doc, "</ARL>"));
}

#[test]
fn unknown_element() {
    let doc = edit(SEED_ARL, "  <DiagEntete>", "  <Bidule>x</Bidule>\n  <DiagEntete>");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-UNKNOWN", None, Some("/ARL/Bidule"), 5);
    assert_eq!(finding.cause, Some("5101"));
    assert!(finding.message.contains("<Bidule>"), "{finding}");
}

#[test]
fn elements_out_of_order() {
    let doc = edit(
        SEED_ARL,
        "  <Identification>2012012711282803081</Identification>\n  <Temps>2012-01-27T11:28:28</Temps>",
        "  <Temps>2012-01-27T11:28:28</Temps>\n  <Identification>2012012711282803081</Identification>",
    );
    let findings = arl(&doc);
    let finding = of(&findings, "XML-ORDER");
    assert_finding(finding, "XML-ORDER", Some("EF_MR_016_01"), Some("/ARL/Identification"), 3);
    assert!(finding.message.contains("<Identification>") && finding.message.contains("<Temps>"), "{finding}");
    assert!(findings.iter().all(|f| f.rule != "XML-REPEAT"), "{}", listing(&findings));
    assert!(findings.iter().all(|f| f.rule != "XML-MISSING"), "present, only late: {}", listing(&findings));
}

#[test]
fn missing_required_element() {
    let doc = edit(SEED_ARL, "  <Fonction>9</Fonction>\n  <DiagEntete>", "  <DiagEntete>");
    let findings = arl(&doc);
    let finding = only(&findings);
    // Reported at the end tag of the parent, once it is sure the element never came.
    assert_finding(finding, "XML-MISSING", Some("EF_MR_016_03"), Some("/ARL/Fonction"), line_of(&doc, "</ARL>"));
    assert!(finding.message.contains("missing from /ARL"), "{finding}");

    // A missing group at the end of its parent is reported at the parent's end tag.
    let doc = edit(
        SEED_ARL,
        "  </DiagEntete>",
        "  </DiagEntete>\n  <DiagDossier>\n    <NumeroDossier>001</NumeroDossier>\n  </DiagDossier>",
    );
    let findings = arl(&doc);
    let fichier = findings.iter().find(|f| f.location.xpath.as_deref() == Some("/ARL/DiagDossier[1]/Fichier"));
    let line = line_of(&doc, "  </DiagDossier>");
    assert_finding(
        fichier.expect("Fichier missing"),
        "XML-MISSING",
        Some("EF_MR_019_02"),
        Some("/ARL/DiagDossier[1]/Fichier"),
        line,
    );
    let group = findings.iter().find(|f| f.location.xpath.as_deref() == Some("/ARL/DiagDossier[1]/Diagnostic"));
    assert_finding(
        group.expect("Diagnostic missing"),
        "XML-MISSING",
        None,
        Some("/ARL/DiagDossier[1]/Diagnostic"),
        line,
    );
    assert_eq!(findings.len(), 2, "{}", listing(&findings));
}

#[test]
fn repeated_single_element() {
    let doc = edit(
        SEED_ARL,
        "  <Temps>2012-01-27T11:28:28</Temps>\n",
        "  <Temps>2012-01-27T11:28:28</Temps>\n  <Temps>2012-01-27T11:28:29</Temps>\n",
    );
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-REPEAT", Some("EF_MR_016_02"), Some("/ARL/Temps"), 4);
    assert!(finding.message.contains("2 times"), "{finding}");
}

#[test]
fn text_inside_a_group() {
    let doc = edit(SEED_ARL, "  <DiagEntete>\n", "  <DiagEntete>oops\n");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-CONTENT", None, Some("/ARL/DiagEntete"), 5);
    assert_eq!(finding.location.column, Some(15));
}

#[test]
fn element_inside_a_data_element() {
    let doc = edit(SEED_ARL, "  <Fonction>9</Fonction>", "  <Fonction>9<b>gras</b></Fonction>");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-CONTENT", Some("EF_MR_016_03"), Some("/ARL/Fonction"), 4);
    assert!(finding.message.contains("<b>"), "{finding}");
}

#[test]
fn version_wrong_or_missing() {
    let doc = edit(SEED_ARL, r#"Version="02.00""#, r#"Version="04.00""#);
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-ATTRIBUTE", None, Some("/ARL"), 1);
    assert!(finding.message.contains("Version") && finding.message.contains("\"04.00\""), "{finding}");

    let doc = edit(SEED_ARL, r#"Version="02.00" "#, "");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-ATTRIBUTE", None, Some("/ARL"), 1);
    assert!(finding.message.contains("Version is missing"), "{finding}");

    let doc = edit(SEED_ARL, r#"Profil="ARLSCANORDO""#, r#"Profil="ENTARLSCANORDO""#);
    let finding = only(&arl(&doc)).clone();
    assert_finding(&finding, "XML-ATTRIBUTE", None, Some("/ARL"), 1);
    assert!(finding.message.contains("Profil"), "{finding}");
}

#[test]
fn unknown_attribute() {
    let doc = edit(SEED_ARL, r#"Profil="ARLSCANORDO""#, r#"Profil="ARLSCANORDO" Foo="1""#);
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-ATTRIBUTE", None, Some("/ARL"), 1);
    assert!(finding.message.contains("Foo"), "{finding}");
}

/// Only the root has attributes: one on a data element or a group is unknown, as xmllint says against
/// the generated XSD (`tests/xsd.rs`). Namespace declarations are not attributes.
#[test]
fn attributes_of_other_elements_are_unknown() {
    let doc = edit(SEED_ARL, "<Cause>", r#"<Cause Foo="1">"#);
    let finding = only(&arl(&doc)).clone();
    assert_finding(&finding, "XML-ATTRIBUTE", None, Some("/ARL/DiagEntete/Diagnostic/Cause"), line_of(&doc, "<Cause"));
    assert!(finding.message.contains("Foo") && finding.message.contains("<Cause>"), "{finding}");

    let doc = edit(SEED_ARL, "<Diagnostic>", r#"<Diagnostic xmlns:x="urn:x" x:Bar="2">"#);
    let finding = only(&arl(&doc)).clone();
    assert_finding(&finding, "XML-ATTRIBUTE", None, Some("/ARL/DiagEntete/Diagnostic"), line_of(&doc, "<Diagnostic"));
    assert!(finding.message.contains("Bar"), "{finding}");

    let declared =
        edit(SEED_ARL, "<Diagnostic>", r#"<Diagnostic xmlns="http://www.interregime.fr/ARLSCANORDO" xmlns:x="urn:x">"#);
    assert!(arl(&declared).is_empty(), "{}", listing(&arl(&declared)));
}

/// An attribute that is not well formed makes the document not well formed wherever it stands, on an
/// element the message does not have too; an entity in its value is refused as a DTD construct.
#[test]
fn a_malformed_attribute_on_any_element_is_not_well_formed() {
    for (from, to) in [
        ("<Cause>", "<Cause a=1>"),
        ("<Cause>", "<Cause junk>"),
        ("<Cause>", r#"<Cause a="1" a="2">"#),
        ("<Cause>", r#"<Cause a="<">"#),
        ("<Diagnostic>", "<Diagnostic><Inconnu a=1/>"),
    ] {
        assert_not_well_formed(&edit(SEED_ARL, from, to), "bad attribute on <");
    }
    let doc = edit(SEED_ARL, "<Cause>", r#"<Cause a="&foo;">"#);
    assert_eq!(only(&arl(&doc)).rule, "XML-DTD");
}

/// The attribute limit holds on every element: past it the document is not read further.
#[test]
fn the_attribute_limit_holds_on_every_element() {
    let many: String = (0..1000).map(|i| format!(r#" a{i}="1""#)).collect();
    let doc = edit(SEED_ARL, "<Cause>", &format!("<Cause{many}>"));
    let finding = only(&arl(&doc)).clone();
    assert_eq!(finding.rule, "XML-LIMIT", "{finding}");
    assert!(finding.message.contains("1000 attributes"), "{finding}");
}

/// The XML declaration: at the very start and once, version 1.x, `standalone` yes or no, and an
/// encoding this UTF-8 reading agrees with; `]]>` never in character data. (`tests/xsd.rs` holds the
/// same cases against xmllint.)
#[test]
fn the_xml_declaration_and_character_data_are_checked_as_a_reader_would() {
    let declared = |declaration: &str| format!("{declaration}\n{SEED_ARL}");
    for accepted in [
        declared(r#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"#),
        declared(r#"<?xml version='1.0' encoding='utf-8'?>"#),
        declared("<?xml\tversion = \"1.0\"\nencoding='UTF-8'  standalone=\"yes\" ?>"),
        format!("\u{FEFF}{}", declared(r#"<?xml version="1.0"?>"#)),
    ] {
        assert!(arl(&accepted).is_empty(), "{accepted}: {}", listing(&arl(&accepted)));
    }
    for (rejected, says) in [
        (declared(r#"<?xml version="2.0"?>"#), "is not 1.0"),
        (declared(r#"<?xml version="1.0" standalone="maybe"?>"#), "standalone"),
        (declared(r#"<?xml version="1.0" encoding="bogus"?>"#), "not an encoding"),
        (declared(r#"<?xml version="1.0" encoding="UTF-16"?>"#), "bytes are UTF-8"),
        (declared(r#"<?xml version="1.0" encoding="ISO-8859-1"?>"#), "non-ASCII bytes"),
        (format!(" {}", declared(r#"<?xml version="1.0"?>"#)), "very start"),
        (
            declared(r#"<?xml version="1.0"?>"#).replacen("<DiagEntete>", "<DiagEntete><?xml version=\"1.0\"?>", 1),
            "very start",
        ),
        (edit(SEED_ARL, "<Fonction>9", "<Fonction>]]>9"), "`]]>`"),
        (declared(r#"<?xml version="1.0"<encoding="UTF-8"?>"#), "white space is needed"),
        (declared(r#"<?xml version="1.0" <encoding="UTF-8"?>"#), "not in its place"),
        (declared(r#"<?xml version="1.0"encoding="UTF-8"?>"#), "white space is needed"),
        (declared(r#"<?xml encoding="UTF-8" version="1.0"?>"#), "starts with its version"),
        (declared(r#"<?xml version="1.0" standalone="no" encoding="UTF-8"?>"#), "not in its place"),
        (declared(r#"<?xml version="1.0" version="1.0"?>"#), "not in its place"),
        (declared(r#"<?xml version=1.0?>"#), "quoted value"),
        (declared(r#"<?xml version="1.0'?>"#), "quoted value"),
        (declared(r#"<?xml standalone="no"?>"#), "starts with its version"),
        (declared(r#"<?xml version="1.0" encoding=" UTF-8"?>"#), "not the name of an encoding"),
        (declared(r#"<?xml version="1.0" encoding="8bit"?>"#), "not the name of an encoding"),
    ] {
        assert_not_well_formed(&rejected, says);
    }
}

/// `doc`'s one finding is XML-SYNTAX, and its message says `says`.
fn assert_not_well_formed(doc: &str, says: &str) {
    let findings = arl(doc);
    let finding = only(&findings);
    assert_eq!(finding.rule, "XML-SYNTAX", "{doc}: {finding}");
    assert!(finding.message.contains(says), "{doc}: {finding}");
}

// ---------------------------------------------------------------------------------------------
// DTD, entities, character data

#[test]
fn doctype_with_entities_is_refused_fast() {
    let mut dtd = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE ARL [\n  <!ENTITY lol0 \"lol\">\n");
    for level in 1..10 {
        let previous = format!("&lol{};", level - 1);
        dtd.push_str(&format!("  <!ENTITY lol{level} \"{}\">\n", previous.repeat(10)));
    }
    dtd.push_str("]>\n");
    let doc = format!("{dtd}{}", edit(SEED_ARL, "|…|", "|&lol9;|"));
    let started = Instant::now();
    let findings = arl(&doc);
    let parsed = Arlscanordo::read(ARL_FILE, doc.as_bytes(), Options::default());
    assert!(started.elapsed() < Duration::from_secs(1), "took {:?}", started.elapsed());
    let finding = only(&findings);
    assert_finding(finding, "XML-DTD", None, None, 2);
    assert_eq!(finding.cause, Some("5101"));
    assert_eq!(parsed.message, None);
    assert_eq!(parsed.findings, findings);
}

#[test]
fn undefined_entity_is_refused() {
    let doc = edit(SEED_ARL, "|…|", "|&foo;|");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-DTD", None, Some("/ARL/DiagEntete/Diagnostic/Libelle"), 14);
    assert!(finding.message.contains("&foo;"), "{finding}");
    assert_eq!(Arlscanordo::read(ARL_FILE, doc.as_bytes(), Options::default()).message, None);

    // Columns count characters, not bytes.
    let doc = edit(SEED_ARL, "<Libelle>Code", "<Libelle>Été € &foo; Code");
    let finding = only(&arl(&doc)).clone();
    assert_finding(&finding, "XML-DTD", None, Some("/ARL/DiagEntete/Diagnostic/Libelle"), 14);
    assert_eq!(finding.location.column, Some(position(&doc, "&foo;").1));
    assert_eq!(finding.location.column, Some(22));
}

#[test]
fn predefined_entities_and_character_references_are_decoded() {
    let doc = edit(
        SEED_ARL,
        &format!("<Libelle>{}</Libelle>", SEED_ARL_LIBELLE),
        "<Libelle>Tom &amp; Jerry &lt;3 &gt; &quot;x&quot; &apos;y&apos; &#233;t&#xE9; &#x20AC;</Libelle>",
    );
    let doc = edit(&doc, "<Etat>R</Etat>", "<Etat>&#82;</Etat>");
    let findings = arl(&doc);
    assert!(findings.is_empty(), "{}", listing(&findings));
    let model = read_arl(&doc);
    assert_eq!(model.diag_entete.diagnostic.libelle.as_deref(), Some("Tom & Jerry <3 > \"x\" 'y' été €"));
    assert_eq!(model.diag_entete.diagnostic.etat, "R");
}

#[test]
fn cdata_is_text() {
    let doc =
        edit(SEED_ARL, &format!("<Libelle>{}</Libelle>", SEED_ARL_LIBELLE), "<Libelle><![CDATA[a < b & c]]></Libelle>");
    let doc = edit(&doc, "<Cause>5113</Cause>", "<Cause><![CDATA[51]]>13</Cause>");
    let findings = arl(&doc);
    assert!(findings.is_empty(), "{}", listing(&findings));
    let model = read_arl(&doc);
    assert_eq!(model.diag_entete.diagnostic.libelle.as_deref(), Some("a < b & c"));
    assert_eq!(model.diag_entete.diagnostic.cause, "5113");

    // CDATA is checked like any text.
    let doc = edit(SEED_ARL, "<Cause>5113</Cause>", "<Cause><![CDATA[9999]]></Cause>");
    assert_finding(only(&arl(&doc)), "FIELD-CODE", Some("EF_MR_018_03"), Some("/ARL/DiagEntete/Diagnostic/Cause"), 13);
}

// ---------------------------------------------------------------------------------------------
// Reading limits and broken files

/// `ARL` with `levels` nested unknown elements after `Fonction`, so the deepest is at depth `levels + 1`.
fn nested(levels: usize) -> String {
    let open = "<X>".repeat(levels);
    let close = "</X>".repeat(levels);
    edit(SEED_ARL, "  <DiagEntete>", &format!("  {open}{close}\n  <DiagEntete>"))
}

#[test]
fn nesting_deeper_than_the_limit() {
    let depth = XML_MAX_DEPTH as usize;
    // The root plus depth - 1 levels: exactly at the limit.
    let findings = arl(nested(depth - 1));
    assert!(findings.iter().all(|f| f.rule != "XML-LIMIT"), "{}", listing(&findings));
    assert_eq!(only(&findings).rule, "XML-UNKNOWN");

    let doc = nested(depth);
    let findings = arl(&doc);
    let limit = findings.last().unwrap();
    assert_finding(limit, "XML-LIMIT", None, Some("/ARL"), 5);
    assert_eq!(limit.location.column, Some(3 + 3 * depth as u32 - 3), "{limit}");
    assert!(limit.message.contains(&format!("deeper than {depth} levels")), "{limit}");
    assert_eq!(Arlscanordo::read(ARL_FILE, doc.as_bytes(), Options::default()).message, None);
}

#[test]
fn file_larger_than_the_limit_is_not_parsed() {
    let max = XML_MAX_BYTES as usize;
    // Not XML at all: only the size is reported, so nothing was parsed.
    let bytes = vec![b'<'; max + 1];
    let findings = arl(&bytes);
    let finding = only(&findings);
    assert_finding(finding, "XML-LIMIT", None, None, 1);
    assert_eq!(finding.location.column, Some(1));
    assert!(finding.message.contains(&format!("{} bytes", max + 1)), "{finding}");

    // Exactly at the limit is read.
    let mut doc = SEED_ARL.to_owned();
    doc.push_str(&" ".repeat(max - doc.len()));
    assert_eq!(doc.len(), max);
    let findings = arl(&doc);
    assert!(findings.is_empty(), "{}", listing(&findings));
}

#[test]
fn text_longer_than_the_limit() {
    let max = XML_MAX_TEXT_BYTES as usize;
    let long = "a".repeat(max + 1);
    let doc = edit(SEED_ARL, SEED_ARL_LIBELLE, &long);
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-LIMIT", Some("EF_MR_018_04"), Some("/ARL/DiagEntete/Diagnostic/Libelle"), 14);
    assert!(finding.message.contains(&format!("longer than {max} bytes")), "{finding}");

    // At the limit the text is read, and its length checked against the data element.
    let doc = edit(SEED_ARL, SEED_ARL_LIBELLE, &"a".repeat(max));
    let finding = only(&arl(&doc)).clone();
    assert_finding(&finding, "FIELD-LENGTH", Some("EF_MR_018_04"), Some("/ARL/DiagEntete/Diagnostic/Libelle"), 14);
}

#[test]
fn non_utf8_bytes() {
    let mut bytes = SEED_ARL.as_bytes().to_vec();
    let at = SEED_ARL.find("Specialite").unwrap() + 2;
    assert_eq!(bytes[at], b'e');
    bytes[at] = 0xE9; // é in Latin-1
    let findings = arl(&bytes);
    let finding = only(&findings);
    let (line, column) = position(SEED_ARL, "Specialite");
    assert_finding(finding, "XML-SYNTAX", None, None, line);
    assert_eq!(finding.location.column, Some(column + 2));
    assert_eq!(finding.location.byte_offset, Some(at as u64));
    assert!(finding.message.contains("UTF-8"), "{finding}");
    assert_eq!(Arlscanordo::read(ARL_FILE, &bytes, Options::default()).message, None);
}

#[test]
fn truncated_document() {
    let doc = &SEED_ARL[..SEED_ARL.find("    <Diagnostic>").unwrap()];
    let findings = arl(doc);
    let finding = only(&findings);
    assert_finding(finding, "XML-SYNTAX", None, Some("/ARL/DiagEntete"), 10);
    assert!(finding.message.contains("truncated"), "{finding}");

    // Cut inside a tag.
    let doc = &SEED_ARL[..SEED_ARL.find("<Temps>").unwrap() + 4];
    let finding = only(&arl(doc)).clone();
    assert_finding(&finding, "XML-SYNTAX", None, Some("/ARL"), 3);
    assert_eq!(Arlscanordo::read(ARL_FILE, doc.as_bytes(), Options::default()).message, None);
}

#[test]
fn empty_file() {
    let findings = arl("");
    let finding = only(&findings);
    assert_finding(finding, "XML-SYNTAX", None, None, 1);
    assert_eq!(finding.location.column, Some(1));
    assert!(finding.message.contains("no root element"), "{finding}");
    let parsed = Arlscanordo::read(ARL_FILE, b"", Options::default());
    assert_eq!(parsed.message, None);
    assert!(!parsed.is_valid());
}

#[test]
fn content_after_the_root_element() {
    let doc = format!("{SEED_ARL}<ARL/>");
    assert_finding(only(&arl(&doc)), "XML-SYNTAX", None, None, 18);
    // Text is located where its node starts: right after `</ARL>`, before the line break.
    let doc = format!("{SEED_ARL}junk");
    let finding = only(&arl(&doc)).clone();
    assert_finding(&finding, "XML-SYNTAX", None, None, 17);
    assert_eq!(finding.location.column, Some(7));
    assert!(finding.message.contains("outside the root element"), "{finding}");
}

/// A processing instruction's target is a name without a colon, and not `xml` in any case.
#[test]
fn processing_instructions_have_a_target_name() {
    for accepted in ["<?pi?>", "<?pi x?>", "<?xml-stylesheet href=\"a\"?>", "<?é.1 ?>"] {
        let doc = edit(SEED_ARL, "<DiagEntete>", &format!("<DiagEntete>{accepted}"));
        assert!(arl(&doc).is_empty(), "{accepted}: {}", listing(&arl(&doc)));
    }
    for (rejected, says) in [
        ("<? x?>", "not the name"),
        ("<?1pi?>", "not the name"),
        ("<?pi/x?>", "not the name"),
        ("<?p:i?>", "not the name"),
        ("<?&xml?>", "not the name"),
        ("<?XML x?>", "very start"),
        ("<?xMl?>", "very start"),
    ] {
        assert_not_well_formed(&edit(SEED_ARL, "<DiagEntete>", &format!("<DiagEntete>{rejected}")), says);
    }
}

/// Characters outside XML's `Char` production make a document not well formed wherever they are, in
/// a comment or a processing instruction as in a value; CDATA is text in a data element only; a
/// reference is never outside the root; a namespace declaration's value is read as any attribute's.
#[test]
fn what_a_reader_refuses_outside_values_is_refused() {
    for (rejected, rule) in [
        (edit(SEED_ARL, "<DiagEntete>", "<DiagEntete><!-- \u{0} -->"), "XML-SYNTAX"),
        (edit(SEED_ARL, "<DiagEntete>", "<DiagEntete><?pi \u{1F}?>"), "XML-SYNTAX"),
        (edit(SEED_ARL, "<Fonction>9", "<Fonction>9\u{FFFF}"), "XML-SYNTAX"),
        (edit(SEED_ARL, "<Fonction>9", "<Fonction>9\u{B}"), "XML-SYNTAX"),
        (edit(SEED_ARL, "<DiagEntete>", "<DiagEntete><![CDATA[ ]]>"), "XML-CONTENT"),
        (edit(SEED_ARL, "<ARL ", "<![CDATA[ ]]><ARL "), "XML-SYNTAX"),
        (edit(SEED_ARL, "<ARL ", "&#x20;<ARL "), "XML-SYNTAX"),
        (format!("{SEED_ARL}&#10;"), "XML-SYNTAX"),
        (edit(SEED_ARL, "\" Profil=", "\"Profil="), "XML-SYNTAX"),
        (edit(SEED_ARL, "<DiagEntete>", "<DiagEntete xmlns:a='1'xmlns:b='2'>"), "XML-SYNTAX"),
        (edit(SEED_ARL, "xmlns=\"", "xmlns:p=\"&bad\" xmlns=\""), "XML-DTD"),
    ] {
        let findings = arl(&rejected);
        assert_eq!(only(&findings).rule, rule, "{rejected}: {}", listing(&findings));
    }
    let finding = arl(edit(SEED_ARL, "<Fonction>9", "<Fonction>9\u{0}"))[0].clone();
    assert!(finding.message.contains("U+0000, which XML cannot carry"), "{finding}");
    for accepted in [
        edit(SEED_ARL, "<Fonction>9", "<Fonction><![CDATA[9]]>"),
        edit(SEED_ARL, "<DiagEntete>", "<DiagEntete>&#x20;&#9;"),
        edit(SEED_ARL, "<Fonction>9", "<Fonction>9<!-- \u{FFFD} \u{EFBB} -->"),
        format!("\u{FEFF}{SEED_ARL}"),
    ] {
        assert!(arl(&accepted).is_empty(), "{accepted}: {}", listing(&arl(&accepted)));
    }
}

/// Only space, tab, carriage return and line feed are white space between elements and around the
/// root: a no-break space, a next-line character or a line separator is text there.
#[test]
fn white_space_is_xml_white_space_only() {
    for space in ["\u{A0}", "\u{85}", "\u{2028}", "\u{3000}"] {
        let in_group = edit(SEED_ARL, "<DiagEntete>", &format!("<DiagEntete>{space}"));
        assert_eq!(only(&arl(&in_group)).rule, "XML-CONTENT", "{space:?}");
        let after_root = format!("{SEED_ARL}{space}");
        assert_eq!(only(&arl(&after_root)).rule, "XML-SYNTAX", "{space:?}");
    }
    let spaces = edit(SEED_ARL, "<DiagEntete>", "<DiagEntete> \t\r\n");
    assert!(arl(format!("{spaces} \t\r\n")).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Values

#[test]
fn unknown_diagnostic_code() {
    let doc = edit(SEED_ARL, "<Cause>5113</Cause>", "<Cause>9999</Cause>");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "FIELD-CODE", Some("EF_MR_018_03"), Some("/ARL/DiagEntete/Diagnostic/Cause"), 13);
    assert_eq!(finding.location.column, Some(7));
    // ARLSCANORDO is a header-level file: FIELD-CODE answers its header cause (rules.csv).
    assert_eq!(finding.cause, Some("5102"));
    assert!(finding.message.contains("\"9999\"") && finding.message.contains("Diagnostic"), "{finding}");
    assert!(
        finding
            .to_string()
            .starts_with("D-ARLSCANORDO.xml:13:7 /ARL/DiagEntete/Diagnostic/Cause: error [FIELD-CODE EF_MR_018_03] "),
        "{finding}"
    );
    // The typed model is still built: the finding is about a value, not the structure.
    let parsed = Arlscanordo::read(ARL_FILE, doc.as_bytes(), Options::default());
    assert!(!parsed.is_valid());
    assert_eq!(parsed.message.map(|m| m.diag_entete.diagnostic.cause), Some("9999".to_owned()));
}

#[test]
fn impossible_date() {
    let doc = edit(SEED_ARL, "<Temps>2012-01-27T11:28:28</Temps>", "<Temps>2012-02-30T00:00:00</Temps>");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "FIELD-FORMAT", Some("EF_MR_016_02"), Some("/ARL/Temps"), 3);
    assert_eq!(finding.location.column, Some(3));
    assert_eq!(finding.cause, Some("5102"));

    // 2012 is a leap year.
    let doc = edit(SEED_ARL, "<Temps>2012-01-27T11:28:28</Temps>", "<Temps>2012-02-29T23:59:59</Temps>");
    assert!(arl(&doc).is_empty());
}

#[test]
fn numeric_field_with_letters() {
    let doc = edit(SEED_ARL, "<Identification>2012012711282803081<", "<Identification>20120127112828030AB<");
    let findings = arl(&doc);
    let finding = only(&findings);
    assert_finding(finding, "FIELD-FORMAT", Some("EF_MR_016_01"), Some("/ARL/Identification"), 2);
    assert!(finding.message.contains("digits"), "{finding}");
}

#[test]
fn dossier_number_out_of_range() {
    let doc = edit(ARL_DOSSIERS, "<NumeroDossier>001<", "<NumeroDossier>000<");
    let findings = arl(&doc);
    let finding = only(&findings);
    let line = line_of(&doc, "<NumeroDossier>000");
    assert_finding(finding, "FIELD-RANGE", Some("EF_MR_019_01"), Some("/ARL/DiagDossier[1]/NumeroDossier"), line);
    assert!(finding.message.contains("1..999"), "{finding}");
}

#[test]
fn value_in_the_second_dossier_is_located() {
    let doc = edit(ARL_DOSSIERS, "<Fichier>P-002-001.pkcs7<", "<Fichier>P-002-001.pdf<");
    let findings = arl(&doc);
    let finding = only(&findings);
    let line = line_of(&doc, "<Fichier>P-002-001.pdf");
    assert_finding(finding, "FIELD-PATTERN", Some("EF_MR_019_02"), Some("/ARL/DiagDossier[2]/Fichier"), line);
    assert_eq!(finding.cause, Some("5102"));

    let doc = edit(ARL_DOSSIERS, "<Cause>5204<", "<Cause>52O4<");
    let line = line_of(&doc, "<Cause>52O4");
    let findings = arl(&doc);
    let code = of(&findings, "FIELD-CODE");
    assert_finding(code, "FIELD-CODE", Some("EF_MR_020_03"), Some("/ARL/DiagDossier[2]/Diagnostic/Cause"), line);
}

#[test]
fn findings_are_capped() {
    let max = XML_MAX_FINDINGS as usize;
    let doc = edit(SEED_ARL, "  <DiagEntete>", &format!("{}\n  <DiagEntete>", "<Bidule/>".repeat(max + 50)));
    let findings = arl(&doc);
    assert_eq!(findings.len(), max);
    assert!(findings.iter().all(|f| f.rule == "XML-UNKNOWN"));
    assert!(findings.last().unwrap().message.contains("finding limit reached"), "{}", findings.last().unwrap());
    assert!(!findings[max - 2].message.contains("finding limit reached"));

    // Value findings are capped too.
    let dossier = "<DiagDossier><NumeroDossier>000</NumeroDossier><Fichier>D-001.pkcs7</Fichier>\
                   <Diagnostic><Activite>CTRDOS</Activite><Etat>R</Etat><Cause>5201</Cause></Diagnostic></DiagDossier>\n";
    let doc = edit(SEED_ARL, "</ARL>", &format!("{}</ARL>", dossier.repeat(max + 50)));
    let findings = arl(&doc);
    assert_eq!(findings.len(), max);
    assert!(findings.iter().all(|f| f.rule == "FIELD-RANGE"));
    assert_eq!(
        findings[max - 1].location.xpath.as_deref(),
        Some(format!("/ARL/DiagDossier[{max}]/NumeroDossier").as_str())
    );
}

// ---------------------------------------------------------------------------------------------
// Patient data (SCANORDO is confidential)

#[test]
fn valid_scanordo_has_no_finding() {
    let findings = check(&scanordo::SCHEMA, SCANORDO);
    assert!(findings.is_empty(), "{}", listing(&findings));
    let parsed = Scanordo::read("D-001.pkcs7", SCANORDO.as_bytes(), Options::default());
    let model = parsed.message.expect("model");
    assert_eq!(model.identification, "001");
    assert_eq!(model.beneficiaire.nir, "1850175123456");
    assert_eq!(model.beneficiaire.cle_nir, "09");
    assert_eq!(model.facture.date_facture, "2026-01-10");
    assert_eq!(model.organisme_gestionnaire.code_centre, "0001");
}

#[test]
fn patient_data_is_masked_unless_revealed() {
    let bad_nir = "9850175123456";
    let doc = edit(SCANORDO, "<NIR>1850175123456<", &format!("<NIR>{bad_nir}<"));
    let line = line_of(&doc, "<NIR>");

    let findings = validate(&scanordo::SCHEMA, "D-001.pkcs7", doc.as_bytes(), Options::default());
    let finding = only(&findings);
    assert_eq!(finding.rule, "FIELD-PATTERN");
    assert_eq!(finding.element, Some("EF_IX_002_01"));
    assert_eq!(finding.location.xpath.as_deref(), Some("/SCANORDO/Beneficiaire/NIR"));
    assert_eq!(finding.location.line, Some(line));
    // SCANORDO is a dossier-level file.
    assert_eq!(finding.cause, Some("5202"));
    assert!(!finding.message.contains(bad_nir) && !finding.to_string().contains(bad_nir), "{finding}");
    assert!(!finding.to_string().contains("985017"), "{finding}");
    assert!(finding.message.contains("masked"), "{finding}");
    let parsed = Scanordo::read("D-001.pkcs7", doc.as_bytes(), Options::default());
    assert!(parsed.findings.iter().all(|f| !f.to_string().contains(bad_nir)), "{}", listing(&parsed.findings));

    let revealed = validate(&scanordo::SCHEMA, "D-001.pkcs7", doc.as_bytes(), Options { reveal_patient_data: true });
    let finding = only(&revealed);
    assert_eq!(finding.rule, "FIELD-PATTERN");
    assert!(finding.message.contains(bad_nir), "{finding}");

    // A bad birth date is masked too.
    let doc = edit(SCANORDO, "<DateNaissance>1985-01-15<", "<DateNaissance>1985-02-30<");
    let findings = validate(&scanordo::SCHEMA, "D-001.pkcs7", doc.as_bytes(), Options::default());
    let finding = only(&findings);
    assert_eq!((finding.rule, finding.element), ("FIELD-FORMAT", Some("EF_IX_002_03")));
    assert!(!finding.message.contains("1985-02-30"), "{finding}");
}

#[test]
fn patient_data_is_masked_when_the_typed_model_fails() {
    // The validator ignores the processing instruction and sees the NIR 1850175123456, which is valid;
    // yaserde then fails and its error message, holding the NIR's digits, becomes a finding.
    let doc = edit(SCANORDO, "<NIR>1850175123456<", "<NIR>185017<?pi x?>5123456<");
    let parsed = Scanordo::read("D-001.pkcs7", doc.as_bytes(), Options::default());
    assert!(parsed.findings.iter().all(|f| !f.message.contains("5123456")), "{}", listing(&parsed.findings));
}

// ---------------------------------------------------------------------------------------------
// The ARL-recipient grammar of EF_PA_002_03

fn recipients(pairs: &[(&str, &str)]) -> Vec<Recipient> {
    pairs.iter().map(|(role, address)| Recipient { role: (*role).into(), address: (*address).into() }).collect()
}

#[test]
fn recipients_grammar_accepts_the_seed_forms() {
    assert_eq!(RECIPIENTS.element, "EF_PA_002_03");
    assert_eq!(RECIPIENTS.parse("PS:adressePS@domaine.fr"), Ok(recipients(&[("PS", "adressePS@domaine.fr")])));
    assert_eq!(
        RECIPIENTS.parse("PRT:adresseOCT@domaine.fr ; PAIR : adressePAIR@domaine.fr"),
        Ok(recipients(&[("PRT", "adresseOCT@domaine.fr"), ("PAIR", "adressePAIR@domaine.fr")]))
    );
    assert_eq!(
        RECIPIENTS.parse("PS:a@b.fr;PRT:c@d.fr ; PAIR : e@f.fr"),
        Ok(recipients(&[("PS", "a@b.fr"), ("PRT", "c@d.fr"), ("PAIR", "e@f.fr")]))
    );
}

#[test]
fn recipients_grammar_rejects_other_forms() {
    assert!(
        matches!(RECIPIENTS.parse("PAIR:x@y.fr"), Err(RecipientsError::Combination { roles, .. }) if roles == ["PAIR"])
    );
    assert!(matches!(
        RECIPIENTS.parse("PS:x@y.fr;PS:z@y.fr"),
        Err(RecipientsError::Combination { roles, .. }) if roles == ["PS", "PS"]
    ));
    assert!(matches!(
        RECIPIENTS.parse("PAIR:x@y.fr;PRT:z@y.fr"),
        Err(RecipientsError::Combination { roles, .. }) if roles == ["PAIR", "PRT"]
    ));
    let bad = RECIPIENTS.parse("PS:notanaddress");
    assert_eq!(bad, Err(RecipientsError::BadAddress { position: 1, address: "notanaddress".into() }));
    let why = bad.unwrap_err();
    assert!(!why.describe(false).render(scor_locale::Lang::En).contains("notanaddress"));
    assert!(why.describe(true).render(scor_locale::Lang::En).contains("notanaddress"));
    assert_eq!(RECIPIENTS.parse("PS x@y.fr"), Err(RecipientsError::NoRoleSeparator { position: 1 }));
    assert_eq!(RECIPIENTS.parse("PS:x@y.fr;"), Err(RecipientsError::EmptyItem { position: 2 }));
    assert_eq!(RECIPIENTS.parse("PS:x@y.fr ; "), Err(RecipientsError::EmptyItem { position: 2 }));
    assert_eq!(RECIPIENTS.parse(""), Err(RecipientsError::EmptyItem { position: 1 }));
}

#[test]
fn entity_in_an_attribute_is_refused_as_a_dtd_construct() {
    let doc = edit(SEED_ARL, "Version=\"02.00\"", "Version=\"&foo;\"");
    let findings = arl(&doc);
    let finding = of(&findings, "XML-DTD");
    assert_eq!(finding.location.xpath.as_deref(), Some("/ARL"));
    assert!(findings.iter().all(|f| f.rule != "XML-ATTRIBUTE"), "{}", listing(&findings));
}

#[test]
fn the_last_finding_kept_says_the_limit_was_reached_even_on_a_value() {
    use scor_dictionary::latest::limits::XML_MAX_FINDINGS;
    let dossiers: String = (0..XML_MAX_FINDINGS + 50)
        .map(|_| {
            "  <DiagDossier><NumeroDossier>000</NumeroDossier><Fichier>D-001.pkcs7</Fichier>\
             <Diagnostic><Activite>CTRDOS</Activite><Etat>R</Etat><Cause>5201</Cause></Diagnostic></DiagDossier>\n"
        })
        .collect();
    let doc = edit(SEED_ARL, "</ARL>", &format!("{dossiers}</ARL>"));
    let findings = arl(&doc);
    assert_eq!(findings.len() as u64, XML_MAX_FINDINGS);
    let last = findings.last().unwrap();
    assert_eq!(last.rule, "FIELD-RANGE");
    assert!(last.message.contains("finding limit reached"), "{last}");
}

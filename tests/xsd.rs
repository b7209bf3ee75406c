//! The emitted XSD agree with the models: xmllint accepts documents the models produce, and rejects
//! a document with one required element removed or an attribute on an element other than the root
//! (which the streaming validator reports too).

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use scor_dictionary::latest::{arlscanordo, entarlscanordo, entscanordo, scanordo};
use scor_dictionary::schema::MessageSchema;
use scor_dictionary::stream::{self, Options};
use scor_dictionary::{Message, latest};
use scor_test_tools::require_tool;
use scor_tests::{documents, repo_root};
use std::path::{Path, PathBuf};
use std::process::Command;

const DOCUMENTS_PER_MESSAGE: usize = 12;

fn xsd(schema: &MessageSchema) -> PathBuf {
    repo_root().join(format!("generated/xsd/{}/{}.xsd", latest::VERSION, schema.profil))
}

/// The verdict of `xmllint` (the program [`require_tool`] found) on `files` against `schema`:
/// (success, stderr).
fn verdict(xmllint: &str, schema: &Path, files: &[PathBuf]) -> (bool, String) {
    let output =
        Command::new(xmllint).arg("--noout").arg("--schema").arg(schema).args(files).output().expect("xmllint runs");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Documents generated from the schema, read into the model and written back by it.
fn model_documents<M: Message>(schema: &'static MessageSchema) -> Vec<String> {
    let mut runner = TestRunner::deterministic();
    let strategy = documents::valid(schema);
    (0..DOCUMENTS_PER_MESSAGE)
        .map(|_| {
            let document = strategy.new_tree(&mut runner).expect("a document").current();
            let parsed = M::read("generated.xml", document.to_xml().as_bytes(), Options::default());
            parsed.message.expect("a valid document builds its model").to_xml().expect("the model serialises")
        })
        .collect()
}

fn write_all(dir: &Path, prefix: &str, documents: &[String]) -> Vec<PathBuf> {
    documents
        .iter()
        .enumerate()
        .map(|(i, xml)| {
            let path = dir.join(format!("{prefix}-{i}.xml"));
            std::fs::write(&path, xml).unwrap();
            path
        })
        .collect()
}

fn check_message<M: Message>(schema: &'static MessageSchema) {
    let Some(xmllint) = require_tool("xmllint") else { return };
    let dir = tempfile::tempdir().unwrap();
    let produced = model_documents::<M>(schema);
    let files = write_all(dir.path(), schema.profil, &produced);
    let (ok, errors) = verdict(xmllint, &xsd(schema), &files);
    assert!(ok, "xmllint rejects documents produced by the {} model:\n{errors}", schema.profil);

    // Remove each required child of the root (data element or group), one at a time.
    let required = schema.children.iter().filter(|n| n.min > 0);
    let mut removed = 0;
    for node in required {
        let (open, close) = (format!("<{}>", node.name), format!("</{}>", node.name));
        let xml = &produced[0];
        let start = xml.find(&open).expect("required element present");
        let end = xml[start..].find(&close).expect("closing tag") + start + close.len();
        let broken = format!("{}{}", &xml[..start], &xml[end..]);
        let path = dir.path().join(format!("without-{}.xml", node.name));
        std::fs::write(&path, &broken).unwrap();
        let (ok, errors) = verdict(xmllint, &xsd(schema), std::slice::from_ref(&path));
        assert!(!ok, "xmllint accepts {} without <{}>", schema.profil, node.name);
        assert!(errors.contains(node.name) || errors.contains("Missing child"), "{errors}");
        let findings = stream::validate(schema, "without.xml", broken.as_bytes(), Options::default());
        assert!(
            findings.iter().any(|f| f.rule == "XML-MISSING" && f.message.contains(node.name)),
            "the validator misses <{}>: {findings:#?}",
            node.name
        );
        removed += 1;
    }
    assert!(removed >= 4, "{} has at least four required root elements", schema.profil);

    // An attribute on the root's first child: only the root has attributes.
    let first = schema.children[0].name;
    let with_attribute = produced[0].replacen(&format!("<{first}>"), &format!(r#"<{first} Foo="1">"#), 1);
    assert_ne!(with_attribute, produced[0], "<{first}> is in the document");
    let path = dir.path().join("with-attribute.xml");
    std::fs::write(&path, &with_attribute).unwrap();
    let (ok, errors) = verdict(xmllint, &xsd(schema), std::slice::from_ref(&path));
    assert!(!ok && errors.contains("attribute 'Foo'"), "xmllint accepts an attribute on <{first}>: {errors}");
    let findings = stream::validate(schema, "with-attribute.xml", with_attribute.as_bytes(), Options::default());
    assert!(findings.iter().any(|f| f.rule == "XML-ATTRIBUTE"), "the validator misses it: {findings:#?}");
}

#[test]
fn entscanordo_xsd_agrees_with_the_model() {
    check_message::<entscanordo::Entscanordo>(&entscanordo::SCHEMA);
}

#[test]
fn scanordo_xsd_agrees_with_the_model() {
    check_message::<scanordo::Scanordo>(&scanordo::SCHEMA);
}

#[test]
fn entarlscanordo_xsd_agrees_with_the_model() {
    check_message::<entarlscanordo::Entarlscanordo>(&entarlscanordo::SCHEMA);
}

#[test]
fn arlscanordo_xsd_agrees_with_the_model() {
    check_message::<arlscanordo::Arlscanordo>(&arlscanordo::SCHEMA);
}

#[test]
fn xsd_rejects_a_value_the_tables_forbid() {
    let Some(xmllint) = require_tool("xmllint") else { return };
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(scor_tests::fixture("seed-arl-cleaned.xml")).unwrap();
    let files =
        write_all(dir.path(), "seed", &[seed.clone(), seed.replace("<Cause>5113</Cause>", "<Cause>5114</Cause>")]);
    let schema = &arlscanordo::SCHEMA;
    assert!(verdict(xmllint, &xsd(schema), &files[..1]).0, "the seed's ARL is valid");
    assert!(!verdict(xmllint, &xsd(schema), &files[1..]).0, "5114 is not a diagnostic code of the tables");
}

/// Documents that are not well formed, or whose XML declaration a reader refuses, against xmllint: the
/// streaming validator rejects exactly those xmllint rejects, on variants of the example header.
#[test]
fn the_validator_and_xmllint_agree_on_well_formedness() {
    let Some(xmllint) = require_tool("xmllint") else { return };
    let header = std::fs::read_to_string(repo_root().join("examples/lot/E-2026-ENTSCANORDO-00042.xml")).unwrap();
    let root = &header[header.find("<ENTSCANORDO").unwrap()..];
    let edit = |from: &str, to: &str| {
        assert!(header.contains(from), "{from}");
        header.replacen(from, to, 1).into_bytes()
    };
    let declared = |declaration: &str| format!("{declaration}\n{root}").into_bytes();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("as-is", header.clone().into_bytes()),
        ("byte-order-mark", [b"\xEF\xBB\xBF".as_slice(), header.as_bytes()].concat()),
        ("mismatched-end-tag", edit("</Emetteur>", "</Emetteurx>")),
        ("text-after-root", format!("{header}junk").into_bytes()),
        ("text-before-root", format!("junk{root}").into_bytes()),
        ("bare-ampersand", edit("<NomLogiciel>", "<NomLogiciel>a & b")),
        ("cdata-end-in-text", edit("<NomLogiciel>", "<NomLogiciel>a ]]> b")),
        ("escaped-lt-in-text", edit("<NomLogiciel>", "<NomLogiciel>&lt;")),
        ("unknown-entity", edit("<NomLogiciel>", "<NomLogiciel>&nbsp;")),
        ("char-ref-zero", edit("<NomLogiciel>", "<NomLogiciel>&#0;")),
        ("char-ref-out-of-range", edit("<NomLogiciel>", "<NomLogiciel>&#x110000;")),
        ("double-hyphen-in-comment", edit("<Emetteur>", "<Emetteur><!-- a -- b -->")),
        ("processing-instruction", edit("<Emetteur>", "<Emetteur><?note x?>")),
        ("declaration-inside", edit("<Emetteur>", r#"<Emetteur><?xml version="1.0"?>"#)),
        ("declaration-twice", format!("<?xml version=\"1.0\"?>\n{header}").into_bytes()),
        ("space-before-declaration", format!(" {header}").into_bytes()),
        ("version-2", declared(r#"<?xml version="2.0"?>"#)),
        ("standalone-maybe", declared(r#"<?xml version="1.0" standalone="maybe"?>"#)),
        ("standalone-yes", declared(r#"<?xml version="1.0" standalone="yes"?>"#)),
        ("encoding-unknown", declared(r#"<?xml version="1.0" encoding="bogus"?>"#)),
        ("encoding-utf16-on-utf8", declared(r#"<?xml version="1.0" encoding="UTF-16"?>"#)),
        ("encoding-latin1-ascii", declared(r#"<?xml version="1.0" encoding="ISO-8859-1"?>"#)),
        ("undeclared-prefix", edit("<Emetteur>", "<Emetteur><x:Foo/>")),
        ("end-tag-with-attribute", edit("</Emetteur>", r#"</Emetteur a="1">"#)),
        ("unquoted-attribute", edit("<Emetteur>", "<Emetteur a=1>")),
        ("repeated-attribute", edit("<Emetteur>", r#"<Emetteur xmlns:x="urn:x" x:a="1" x:a="2">"#)),
        ("lt-in-attribute", edit("<Emetteur>", r#"<Emetteur a="<">"#)),
        ("attribute-on-field", edit("<AdresseARL>", r#"<AdresseARL a="1">"#)),
        ("namespace-declaration", edit("<Emetteur>", r#"<Emetteur xmlns:x="urn:x">"#)),
    ];
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = cases
        .iter()
        .map(|(name, bytes)| {
            let path = dir.path().join(format!("{name}.xml"));
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    let (_, errors) = verdict(xmllint, &xsd(&entscanordo::SCHEMA), &files);
    let mut disagreements = Vec::new();
    for ((name, bytes), path) in cases.iter().zip(&files) {
        let xmllint_accepts = errors.lines().any(|line| line == format!("{} validates", path.display()));
        let findings = stream::validate(&entscanordo::SCHEMA, "E.xml", bytes, Options::default());
        let accepts = !findings.iter().any(|f| f.severity == scor_dictionary::Severity::Error);
        if accepts != xmllint_accepts {
            disagreements
                .push(format!("{name}: xmllint accepts {xmllint_accepts}, the validator {accepts}: {findings:?}"));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}\n{errors}");
    assert!(errors.contains("as-is.xml validates"), "{errors}");
}

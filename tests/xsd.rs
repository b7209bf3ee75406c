//! The emitted XSD agree with the models: xmllint accepts documents the models produce, and rejects
//! a document with one required element removed or an attribute on an element other than the root
//! (which the streaming validator reports too). The streaming validator and xmllint give the same
//! verdict on hand-made variants of the example header and on mutated documents of every message.

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use scor_conformance::document::Document;
use scor_dictionary::latest::{arlscanordo, entarlscanordo, entscanordo, scanordo};
use scor_dictionary::schema::MessageSchema;
use scor_dictionary::stream::{self, Options};
use scor_dictionary::{Finding, Message, latest};
use scor_test_tools::require_tool;
use scor_tests::{documents, repo_root};
use std::path::{Path, PathBuf};
use std::process::Command;

const DOCUMENTS_PER_MESSAGE: usize = 12;

fn xsd(schema: &MessageSchema) -> PathBuf {
    repo_root().join(format!("generated/xsd/{}/{}.xsd", latest::VERSION, schema.profil))
}

/// `xmllint` (the program [`require_tool`] found) validating against `schema`, files still to give.
fn xmllint_against(xmllint: &str, schema: &Path) -> Command {
    let mut command = Command::new(xmllint);
    command.arg("--noout").arg("--schema").arg(schema);
    command
}

/// What xmllint said: (success, stderr).
fn said(output: std::process::Output) -> (bool, String) {
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// The verdict of `xmllint` on `files` against `schema`.
fn verdict(xmllint: &str, schema: &Path, files: &[PathBuf]) -> (bool, String) {
    said(xmllint_against(xmllint, schema).args(files).output().expect("xmllint runs"))
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

/// Documents that are not well formed, or whose XML declaration a reader refuses, or with a date at the
/// edge of the calendar, against xmllint: the streaming validator rejects exactly those xmllint
/// rejects, on variants of the example header.
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
        ("declaration-lt-between", declared(r#"<?xml version="1.0"<encoding="UTF-8"?>"#)),
        ("declaration-no-space", declared(r#"<?xml version="1.0"encoding="UTF-8"?>"#)),
        ("declaration-order", declared(r#"<?xml version="1.0" standalone="no" encoding="UTF-8"?>"#)),
        ("declaration-without-version", declared(r#"<?xml encoding="UTF-8"?>"#)),
        ("declaration-unquoted", declared(r#"<?xml version=1.0?>"#)),
        ("encoding-name-with-space", declared(r#"<?xml version="1.0" encoding=" UTF-8"?>"#)),
        ("declaration-spaces", declared("<?xml\tversion = \"1.0\"\nencoding='UTF-8'  standalone=\"yes\" ?>")),
        ("no-break-space-in-group", edit("<Emetteur>", "<Emetteur>\u{A0}")),
        ("no-break-space-after-root", format!("{header}\u{A0}").into_bytes()),
        ("line-separator-in-group", edit("<Emetteur>", "<Emetteur>\u{2028}")),
        ("instruction-without-target", edit("<Emetteur>", "<Emetteur><? x?>")),
        ("instruction-target-digit", edit("<Emetteur>", "<Emetteur><?1pi?>")),
        ("instruction-target-slash", edit("<Emetteur>", "<Emetteur><?pi/x?>")),
        ("instruction-target-xml-upper", edit("<Emetteur>", "<Emetteur><?XML x?>")),
        ("instruction-target-xml-prefix", edit("<Emetteur>", "<Emetteur><?xml-stylesheet x?>")),
        ("instruction-empty", edit("<Emetteur>", "<Emetteur><?pi?>")),
        ("control-in-comment", edit("<Emetteur>", "<Emetteur><!-- \u{1} -->")),
        ("nonchar-in-value", edit("<NomLogiciel>", "<NomLogiciel>\u{FFFE}")),
        ("cdata-space-in-group", edit("<Emetteur>", "<Emetteur><![CDATA[ ]]>")),
        ("cdata-before-root", format!("<![CDATA[ ]]>{root}").into_bytes()),
        ("reference-before-root", format!("&#x20;{root}").into_bytes()),
        ("reference-space-in-group", edit("<Emetteur>", "<Emetteur>&#x20;")),
        ("comment-ending-in-three-hyphens", edit("<Emetteur>", "<Emetteur><!-- a --->")),
        ("comment-of-one-hyphen", edit("<Emetteur>", "<Emetteur><!--->")),
        ("comment-before-declaration", format!("<!-- a -->{header}").into_bytes()),
        ("instruction-before-declaration", format!("<?pi?>{header}").into_bytes()),
        ("date-in-year-0000", edit("<DateEnvoi>2026", "<DateEnvoi>0000")),
        ("date-on-29-february-of-a-leap-year", edit("<DateEnvoi>2026-11-20", "<DateEnvoi>2024-02-29")),
        ("time-24-00-00", edit("<Temps>2026-11-23T10:15:00", "<Temps>2026-11-23T24:00:00")),
        ("attributes-without-space", edit("\" Version=", "\"Version=")),
        ("ampersand-in-namespace", edit(" xmlns=\"", " xmlns:p=\"&x\" xmlns=\"")),
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

/// The verdict of `xmllint` on one document given on its standard input.
fn accepted_by_xmllint(xmllint: &str, schema: &Path, bytes: &[u8]) -> (bool, String) {
    use std::io::Write;
    let mut child = xmllint_against(xmllint, schema)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("xmllint runs");
    child.stdin.take().expect("a pipe").write_all(bytes).expect("xmllint reads its input");
    said(child.wait_with_output().expect("xmllint ends"))
}

/// What xmllint says when it validates a document XML does not allow: it reports the fault, then reads on.
const XMLLINT_READS_ON: &[&str] = &[
    // a broken namespace constraint (a colon in a processing instruction's target, `xmlns:xml` bound
    // elsewhere);
    "namespace error",
    // bytes its decoder could not convert;
    "encoding error",
    // a version number that is not 1.x (`1.`).
    "Unsupported version",
];

/// What the validator says of a document xmllint validates without a word.
const VALIDATOR_ALONE_REFUSES: &[&str] = &[
    // an encoding name only glibc's iconv knows, by its loose matching of names (`U-TF-8` is UTF-8 to
    // it), which Java and encoding_rs do not;
    "is not an encoding a reader knows",
    // a NUL character after the root element, where xmllint stops reading.
    "U+0000",
];

/// A document xmllint accepts and the validator refuses for a known reason: the values of dates,
/// times and bounded numbers with white space around them ([`only_white_space_around_collapsed_values`]); a document
/// type declaration, which XML allows and the validator refuses by rule (XML-DTD: the messages carry
/// none, and entities are never expanded); or one of [`XMLLINT_READS_ON`] and [`VALIDATOR_ALONE_REFUSES`].
fn known_difference(schema: &'static MessageSchema, bytes: &[u8], xmllint: &str, findings: &[Finding]) -> bool {
    let validator_says = |says: &&str| findings.iter().any(|f| f.rule == "XML-SYNTAX" && f.message.contains(says));
    XMLLINT_READS_ON.iter().any(|says| xmllint.contains(says))
        || VALIDATOR_ALONE_REFUSES.iter().any(validator_says)
        || findings.iter().any(|f| f.rule == "XML-DTD")
        || only_white_space_around_collapsed_values(schema, bytes)
}

/// The data elements whose XSD type is derived from `xs:date`, `xs:dateTime` or `xs:integer`
/// (`restriction` in codegen's `render/xsd.rs`): XML Schema collapses the white space of their values
/// before any facet (the `whiteSpace` facet is fixed for those types), and cannot be told otherwise.
/// The validator reads a value as written: a date with a space before it breaks its format.
fn collapsed_ids(nodes: &'static [scor_dictionary::schema::Node], out: &mut Vec<&'static str>) {
    use scor_dictionary::schema::{Content, FieldType};
    for node in nodes {
        match &node.content {
            Content::Group(children) => collapsed_ids(children, out),
            Content::Field(field) => {
                let integer =
                    field.kind == FieldType::Numeric && (field.min_value.is_some() || field.max_value.is_some());
                if matches!(field.kind, FieldType::Date | FieldType::Datetime) || integer {
                    out.push(field.id);
                }
            }
        }
    }
}

/// A known difference between the XSD and the validator: every error of the validator on `bytes` is
/// a value of a data element XML Schema collapses ([`collapsed_ids`]) with white space at an end,
/// however it is written (characters, references, CDATA).
fn only_white_space_around_collapsed_values(schema: &'static MessageSchema, bytes: &[u8]) -> bool {
    let mut ids = Vec::new();
    collapsed_ids(schema.children, &mut ids);
    let spaced = |shown: &str| {
        // The value as the finding shows it: Rust's debug form, quoted and escaped.
        let inner = shown.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or_default();
        [" ", "\\t", "\\n", "\\r"].iter().any(|w| inner.starts_with(w) || inner.ends_with(w))
    };
    let value_spaced = |f: &Finding| {
        f.text.args().iter().any(|(name, arg)| *name == "value" && matches!(arg, scor_locale::Arg::Str(s) if spaced(s)))
    };
    let findings = stream::validate(schema, "collapsed.xml", bytes, Options { reveal_patient_data: true });
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.severity == scor_dictionary::Severity::Error).collect();
    !errors.is_empty()
        && errors
            .iter()
            .all(|f| f.rule.starts_with("FIELD-") && f.element.is_some_and(|id| ids.contains(&id)) && value_spaced(f))
}

/// A document only respelt reads as its original: no finding, and the same typed model (the model is
/// built by yaserde, apart from the validator: comments, references, CDATA and prefixes reach both).
fn respelt_reads_as_the_original<M: Message + PartialEq + std::fmt::Debug>(
    original: &str,
    respelt: &[u8],
) -> Result<(), proptest::test_runner::TestCaseError> {
    let expected = M::read("original.xml", original.as_bytes(), Options::default()).message;
    let read = M::read("respelt.xml", respelt, Options::default());
    proptest::prop_assert!(
        read.findings.is_empty(),
        "findings on a respelt document:\n{}\n{:#?}",
        respelt.escape_ascii(),
        read.findings
    );
    proptest::prop_assert_eq!(read.message, expected, "the respelt document:\n{}", respelt.escape_ascii());
    let tree = |bytes: &[u8]| {
        let (_, document) = Document::validate(M::schema(), "D.xml", bytes, Options::default());
        document().map(|d| values(&d.root))
    };
    proptest::prop_assert_eq!(
        tree(respelt),
        tree(original.as_bytes()),
        "the engine's reading of\n{}",
        respelt.escape_ascii()
    );
    Ok(())
}

/// An element tree of the engine as (name, value of a data element, xpath) in document order, its
/// places in the file aside.
fn values(element: &scor_conformance::document::Element) -> Vec<(String, String, String)> {
    // A group's text is the white space between its elements.
    let text = if element.children.is_empty() { element.text.clone() } else { String::new() };
    let mut all = vec![(element.name.clone(), text, element.xpath.clone())];
    all.extend(element.children.iter().flat_map(values));
    all
}

/// `SCOR_DIFFERENTIAL_<name>` as a number, or `default`: how many mutated documents of each message
/// are compared (`CASES`, 250 in the test suite), and the seed of their generation (`SEED`, 0).
fn differential_setting(name: &str, default: u64) -> u64 {
    std::env::var(format!("SCOR_DIFFERENTIAL_{name}")).ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// What the two readers said of the documents compared so far.
#[derive(Debug, Default)]
struct Tally {
    both_accept: u32,
    both_reject: u32,
    known_difference: u32,
}

/// Valid documents of `schema` mutated at random ([`scor_tests::mutations`]): the validator and
/// xmllint (against the generated XSD) accept and reject the same ones, the two known differences
/// aside. A disagreement is shrunk to a smallest document and shown with both verdicts.
fn differential<M: Message + PartialEq + std::fmt::Debug>() {
    let schema = M::schema();
    let Some(xmllint) = require_tool("xmllint") else { return };
    let dictionary = std::fs::read_to_string(repo_root().join("fuzz/dict/xml.dict")).unwrap();
    let strategy = scor_tests::mutations::mutated(schema, scor_tests::mutations::tokens(&dictionary));
    let cases = differential_setting("CASES", 250) as u32;
    let config = proptest::test_runner::Config { cases, failure_persistence: None, ..Default::default() };
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&differential_setting("SEED", 0).to_le_bytes());
    let rng = proptest::test_runner::TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &seed);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let xsd = xsd(schema);
    let tally = std::cell::RefCell::new(Tally::default());
    let result = runner.run(&strategy, |mutated| {
        let bytes = mutated.bytes;
        if mutated.respelt_only {
            respelt_reads_as_the_original::<M>(&mutated.original, &bytes)?;
        }
        let (xmllint_accepts, errors) = accepted_by_xmllint(xmllint, &xsd, &bytes);
        let findings = stream::validate(schema, "mutated.xml", &bytes, Options::default());
        let accepts = !findings.iter().any(|f| f.severity == scor_dictionary::Severity::Error);
        let mut tally = tally.borrow_mut();
        match (accepts, xmllint_accepts) {
            (true, true) => tally.both_accept += 1,
            (false, false) => tally.both_reject += 1,
            (false, true) if known_difference(schema, &bytes, &errors, &findings) => tally.known_difference += 1,
            _ => proptest::prop_assert_eq!(
                accepts,
                xmllint_accepts,
                "the validator (left) and xmllint (right) on\n{}\nxmllint: {}\nvalidator: {:#?}",
                bytes.escape_ascii(),
                errors,
                findings
            ),
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{} on a mutated document: {failure}", schema.profil);
    }
    let tally = tally.into_inner();
    eprintln!("{}: {cases} mutated documents, {tally:?}", schema.profil);
    assert!(
        tally.both_accept >= cases / 20 && tally.both_reject >= cases / 20,
        "the mutations should leave some documents valid and break others: {tally:?}"
    );
}

#[test]
fn the_validator_and_xmllint_agree_on_mutated_entscanordo() {
    differential::<entscanordo::Entscanordo>();
}

#[test]
fn the_validator_and_xmllint_agree_on_mutated_scanordo() {
    differential::<scanordo::Scanordo>();
}

#[test]
fn the_validator_and_xmllint_agree_on_mutated_entarlscanordo() {
    differential::<entarlscanordo::Entarlscanordo>();
}

#[test]
fn the_validator_and_xmllint_agree_on_mutated_arlscanordo() {
    differential::<arlscanordo::Arlscanordo>();
}

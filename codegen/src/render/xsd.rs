//! Renders one XML Schema per message (`generated/xsd/<version>/<PROFIL>.xsd`): the element tree of
//! the message, and one named simple type per data element carrying its format from the tables.

use crate::check;
use crate::ir::{Dictionary, Field, Group, Message, Node};
use crate::load::{CodeListTable, RecipientsRow};
use crate::output::{self, Output};
use crate::pattern;
use std::collections::BTreeSet;

/// Tables every schema is generated from (code lists are added per message).
const BASE_INPUTS: [&str; 5] = ["messages.toml", "data-elements.csv", "limits.csv", "grammars.toml", "code-lists.toml"];

/// Lexical form of a date (no time zone, as in the seed's ARL).
const DATE_PATTERN: &str = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
/// Lexical form of a date and time (no time zone), hours 00 to 23: `xs:dateTime` alone also takes
/// 24:00:00 (the end of a day), which the validator does not.
const DATETIME_PATTERN: &str = "[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-9]{2}:[0-9]{2}";

pub fn render(dictionary: &Dictionary) -> Vec<Output> {
    dictionary
        .messages
        .iter()
        .map(|message| Output {
            path: format!("generated/xsd/{}/{}.xsd", dictionary.version, message.row.profil),
            contents: schema(dictionary, message),
        })
        .collect()
}

/// The table files a message's schema depends on, relative to the version folder.
fn inputs(message: &Message) -> Vec<String> {
    let lists: BTreeSet<String> = message
        .root
        .fields()
        .iter()
        .filter_map(|f| f.element.code_list.as_ref())
        .map(|key| format!("codes/{key}.csv"))
        .collect();
    BASE_INPUTS.iter().map(|s| (*s).to_owned()).chain(lists).collect()
}

fn schema(dictionary: &Dictionary, message: &Message) -> String {
    let inputs = inputs(message);
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let mut xml = Xml::default();
    xml.line(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    xml.comment(&output::header_lines(&dictionary.tables, &inputs));
    let namespace = &message.row.namespace;
    xml.open(
        "xs:schema",
        &[
            ("xmlns:xs", "http://www.w3.org/2001/XMLSchema"),
            ("targetNamespace", namespace),
            ("xmlns", namespace),
            ("elementFormDefault", "qualified"),
        ],
    );
    let row = &message.row;
    xml.documentation(&format!(
        "{} {}: {} (provenance: {}; source: {})",
        row.profil,
        row.version,
        row.description,
        row.provenance.as_str(),
        row.source
    ));
    root_element(&mut xml, message);
    for field in message.root.fields() {
        simple_type(&mut xml, dictionary, field);
    }
    xml.close("xs:schema");
    xml.out
}

fn root_element(xml: &mut Xml, message: &Message) {
    xml.open("xs:element", &[("name", &message.root.name)]);
    xml.open("xs:complexType", &[]);
    sequence(xml, &message.root);
    for (name, value) in [("Version", &message.row.version), ("Profil", &message.row.profil)] {
        xml.empty("xs:attribute", &[("name", name), ("type", "xs:string"), ("use", "required"), ("fixed", value)]);
    }
    xml.close("xs:complexType");
    xml.close("xs:element");
}

fn sequence(xml: &mut Xml, group: &Group) {
    xml.open("xs:sequence", &[]);
    for child in &group.children {
        match child {
            Node::Field(field) => {
                let mut attrs = vec![("name", field.name.clone()), ("type", field.element.id.clone())];
                attrs.extend(occurs(field.min, field.max));
                xml.empty("xs:element", &borrowed(&attrs));
            }
            Node::Group(group) => {
                let mut attrs = vec![("name", group.name.clone())];
                attrs.extend(occurs(group.min, group.max));
                xml.open("xs:element", &borrowed(&attrs));
                xml.open("xs:complexType", &[]);
                sequence(xml, group);
                xml.close("xs:complexType");
                xml.close("xs:element");
            }
        }
    }
    xml.close("xs:sequence");
}

/// `minOccurs`/`maxOccurs`, left out when 1; `u32::MAX` is unbounded.
fn occurs(min: u32, max: u32) -> Vec<(&'static str, String)> {
    let mut attrs = Vec::new();
    if min != 1 {
        attrs.push(("minOccurs", min.to_string()));
    }
    if max == u32::MAX {
        attrs.push(("maxOccurs", "unbounded".to_owned()));
    } else if max != 1 {
        attrs.push(("maxOccurs", max.to_string()));
    }
    attrs
}

fn borrowed<'a>(attrs: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    attrs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The named simple type of a data element: its documentation and its restriction.
fn simple_type(xml: &mut Xml, dictionary: &Dictionary, field: &Field) {
    let e = &field.element;
    xml.open("xs:simpleType", &[("name", &e.id)]);
    xml.documentation(&format!(
        "{} ({}; {}; provenance: {}; source: {})",
        e.name,
        e.path,
        e.kind,
        e.provenance.as_str(),
        e.source
    ));
    let restriction = restriction(dictionary, field);
    xml.open("xs:restriction", &[("base", restriction.base)]);
    for facet in &restriction.facets {
        match &facet.label {
            None => xml.empty(facet.name, &[("value", &facet.value)]),
            Some(label) => {
                xml.open(facet.name, &[("value", &facet.value)]);
                xml.documentation(label);
                xml.close(facet.name);
            }
        }
    }
    xml.close("xs:restriction");
    xml.close("xs:simpleType");
}

/// A base type and its facets, in the order XSD lists them.
struct Restriction {
    base: &'static str,
    facets: Vec<Facet>,
}

struct Facet {
    name: &'static str,
    value: String,
    /// Documentation of an enumeration value (the code's label).
    label: Option<String>,
}

impl Facet {
    fn new(name: &'static str, value: impl Into<String>) -> Self {
        Self { name, value: value.into(), label: None }
    }
}

fn restriction(dictionary: &Dictionary, field: &Field) -> Restriction {
    let e = &field.element;
    let lengths = || length_facets(e.min_length, e.max_length);
    match e.kind.as_str() {
        "numeric" => numeric(dictionary, field),
        "date" => Restriction { base: "xs:date", facets: vec![Facet::new("xs:pattern", DATE_PATTERN)] },
        "datetime" => Restriction { base: "xs:dateTime", facets: vec![Facet::new("xs:pattern", DATETIME_PATTERN)] },
        "code" => Restriction { base: "xs:string", facets: enumerations(dictionary, e.code_list.as_deref()) },
        "recipients" => {
            let mut facets = lengths();
            if let Some(grammar) = &dictionary.tables.recipients {
                facets.push(Facet::new("xs:pattern", recipients_pattern(grammar)));
            }
            Restriction { base: "xs:string", facets }
        }
        // alphanumeric and identifier: lengths and the table pattern, if any.
        _ => {
            let mut facets = lengths();
            facets.extend(e.pattern.as_deref().map(|p| Facet::new("xs:pattern", pattern::xsd(p))));
            Restriction { base: "xs:string", facets }
        }
    }
}

fn length_facets(min: usize, max: usize) -> Vec<Facet> {
    let mut facets = Vec::new();
    if min > 0 {
        facets.push(Facet::new("xs:minLength", min.to_string()));
    }
    facets.push(Facet::new("xs:maxLength", max.to_string()));
    facets
}

/// Digits only; an integer with bounds when the table gives a range.
fn numeric(dictionary: &Dictionary, field: &Field) -> Restriction {
    let e = &field.element;
    let digits = Facet::new("xs:pattern", digits_pattern(e.min_length, e.max_length));
    let bound = |text: &Option<String>| {
        text.as_deref().map(|t| check::value_bound(t, &dictionary.limits).expect("checked: value bound").to_string())
    };
    let (min, max) = (bound(&e.min_value), bound(&e.max_value));
    if min.is_none() && max.is_none() {
        return Restriction { base: "xs:string", facets: vec![digits] };
    }
    let mut facets = vec![digits];
    facets.extend(min.map(|v| Facet::new("xs:minInclusive", v)));
    facets.extend(max.map(|v| Facet::new("xs:maxInclusive", v)));
    Restriction { base: "xs:integer", facets }
}

/// `[0-9]{n}` or `[0-9]{min,max}`.
fn digits_pattern(min: usize, max: usize) -> String {
    if min == max { format!("[0-9]{{{min}}}") } else { format!("[0-9]{{{min},{max}}}") }
}

fn enumerations(dictionary: &Dictionary, key: Option<&str>) -> Vec<Facet> {
    let list: Option<&CodeListTable> = dictionary.tables.code_lists.iter().find(|l| Some(l.key.as_str()) == key);
    let list = list.expect("checked: code list of a code element exists");
    list.codes
        .iter()
        .map(|c| Facet { name: "xs:enumeration", value: c.code.clone(), label: Some(c.label.clone()) })
        .collect()
}

/// One pattern for the whole ARL-recipient field: the allowed role combinations as alternatives.
fn recipients_pattern(grammar: &RecipientsRow) -> String {
    let sp = if grammar.spaces_around_separators { " *" } else { "" };
    let address = format!("({})", pattern::xsd(&grammar.address_pattern));
    let role_sep = format!("{sp}{}{sp}", xsd_escape(&grammar.role_separator));
    let item_sep = format!("{sp}{}{sp}", xsd_escape(&grammar.item_separator));
    let alternatives: Vec<String> = grammar
        .combinations
        .iter()
        .map(|roles| {
            let items: Vec<String> = roles.iter().map(|r| format!("{}{role_sep}{address}", xsd_escape(r))).collect();
            format!("({})", items.join(&item_sep))
        })
        .collect();
    format!("{sp}({}){sp}", alternatives.join("|"))
}

/// Escapes the metacharacters of XSD regular expressions in a literal (XSD's single-character
/// escapes; `$` is not one of them and must stay bare).
fn xsd_escape(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len());
    for c in literal.chars() {
        if r"\|.-^?*+{}()[]".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes XML special characters in text and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// `text` with every `--` broken into `- -`.
fn comment_safe(text: &str) -> String {
    let mut safe = text.to_owned();
    while safe.contains("--") {
        safe = safe.replace("--", "- -");
    }
    safe
}

/// A minimal indenting XML writer (2 spaces a level).
#[derive(Default)]
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn line(&mut self, text: &str) {
        self.out.push_str(&"  ".repeat(self.depth));
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn tag(name: &str, attrs: &[(&str, &str)]) -> String {
        let mut tag = name.to_owned();
        for (key, value) in attrs {
            tag.push_str(&format!(" {key}=\"{}\"", escape(value)));
        }
        tag
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.line(&format!("<{}>", Self::tag(name, attrs)));
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.line(&format!("</{name}>"));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.line(&format!("<{}/>", Self::tag(name, attrs)));
    }

    fn documentation(&mut self, text: &str) {
        self.open("xs:annotation", &[]);
        self.line(&format!("<xs:documentation>{}</xs:documentation>", escape(text)));
        self.close("xs:annotation");
    }

    /// An XML comment of several lines. `--` cannot occur in a comment; lines are separated by a
    /// newline and indentation, so a line ending in `-` cannot form one with the next.
    fn comment(&mut self, lines: &[String]) {
        self.line("<!--");
        for line in lines {
            self.line(&format!("  {}", comment_safe(line)));
        }
        self.line("-->");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    /// The seed's header-rejection ARL (SCOR-BRIEF §Returns), the integration tests' fixture.
    const SEED_ARL: &str = include_str!("../../../tests/fixtures/seed-arl-cleaned.xml");

    /// A complete lot header (SCOR-BRIEF §3 ENTSCANORDO); `{ADRESSE}` is replaced by each test value.
    const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ENTSCANORDO Version="04.00" Profil="ENTSCANORDO" xmlns="http://www.interregime.fr/ENTSCANORDO">
  <Identification>565038410-2011120510542663945</Identification>
  <Temps>2026-11-23T10:00:00</Temps>
  <Fonction>9</Fonction>
  <Lot><Exercice>2026</Exercice><Compostage>00042</Compostage><IndexLot>1</IndexLot><NombreLots>1</NombreLots>
    <NombreDossiers>1</NombreDossiers></Lot>
  <LotFSE><NumeroLot>123</NumeroLot><DateEnvoi>2026-11-22</DateEnvoi><NombreFactures>1</NombreFactures></LotFSE>
  <Destinataire><CodeRegime>01</CodeRegime><CodeOrganisme>011</CodeOrganisme></Destinataire>
  <Emetteur><NumeroFacturationPS>565038410</NumeroFacturationPS><CodeSpecialite>01</CodeSpecialite>
    <AdresseARL>{ADRESSE}</AdresseARL></Emetteur>
  <Editeur><NumeroAgrement>ABC-123</NumeroAgrement><NomLogiciel>Logiciel</NomLogiciel>
    <VersionLogiciel>1.0</VersionLogiciel></Editeur>
  <Dossiers><Dossier><NumeroDossier>001</NumeroDossier><NumeroFacture>000000001</NumeroFacture>
    <DateFacture>2026-11-20</DateFacture>
    <Piece><Indice>001</Indice><Nature>FSDE</Nature><Lien>INTERNE</Lien>
      <IdentifiantPJ>565038410.FSDE.565038410.01_801_0001.20261123.000001</IdentifiantPJ><Taille>1234</Taille>
      <Empreinte>0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef</Empreinte></Piece>
  </Dossier></Dossiers>
</ENTSCANORDO>
"#;

    fn dictionary() -> Dictionary {
        let repo_root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        crate::versions::dictionary(repo_root, "2.13").unwrap_or_else(|e| panic!("{e}"))
    }

    fn schemas() -> Vec<Output> {
        render(&dictionary())
    }

    fn schema_of<'a>(outputs: &'a [Output], profil: &str) -> &'a str {
        let path = format!("generated/xsd/2.13/{profil}.xsd");
        &outputs.iter().find(|o| o.path == path).unwrap_or_else(|| panic!("no {path}")).contents
    }

    #[test]
    fn one_schema_per_message() {
        let outputs = schemas();
        let paths: Vec<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "generated/xsd/2.13/ARLSCANORDO.xsd",
                "generated/xsd/2.13/ENTARLSCANORDO.xsd",
                "generated/xsd/2.13/ENTSCANORDO.xsd",
                "generated/xsd/2.13/SCANORDO.xsd",
            ]
        );
        assert_eq!(outputs, schemas(), "output is deterministic");
        for output in &outputs {
            assert!(output.contents.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n"));
            assert!(output.contents.ends_with("</xs:schema>\n"));
            let comment = output.contents.split("<!--").nth(1).unwrap().split("-->").next().unwrap();
            assert!(!comment.contains("--"), "{comment}");
            assert!(comment.contains("Tables sha256: "));
        }
    }

    #[test]
    fn arl_schema_follows_the_tables() {
        let outputs = schemas();
        let arl = schema_of(&outputs, "ARLSCANORDO");
        for expected in [
            r#"targetNamespace="http://www.interregime.fr/ARLSCANORDO""#,
            r#"xmlns="http://www.interregime.fr/ARLSCANORDO""#,
            r#"elementFormDefault="qualified""#,
            r#"<xs:element name="ARL">"#,
            r#"<xs:attribute name="Version" type="xs:string" use="required" fixed="02.00"/>"#,
            r#"<xs:attribute name="Profil" type="xs:string" use="required" fixed="ARLSCANORDO"/>"#,
            r#"<xs:element name="DiagDossier" minOccurs="0" maxOccurs="999">"#,
            r#"<xs:element name="Libelle" type="EF_MR_018_04" minOccurs="0"/>"#,
            r#"<xs:enumeration value="5113">"#,
            r#"<xs:simpleType name="EF_MR_016_01">"#,
            r#"<xs:pattern value="[0-9]{19}"/>"#,
            r#"<xs:pattern value="([0-9]{9})-([0-9]{14})([0-9]{5})"/>"#,
            "codes/diagnostic.csv",
        ] {
            assert!(arl.contains(expected), "ARLSCANORDO.xsd lacks {expected}\n{arl}");
        }
    }

    #[test]
    fn header_schema_has_ranges_dates_and_the_recipients_grammar() {
        let outputs = schemas();
        let header = schema_of(&outputs, "ENTSCANORDO");
        for expected in [
            r#"<xs:restriction base="xs:integer">"#,
            r#"<xs:maxInclusive value="99"/>"#,
            r#"<xs:pattern value="[0-9]{1,2}"/>"#,
            r#"<xs:restriction base="xs:date">"#,
            r#"<xs:element name="Piece" maxOccurs="999">"#,
            r#"<xs:enumeration value="ORDN">"#,
            r#"<xs:pattern value="[A-Za-z0-9\-]+"/>"#,
        ] {
            assert!(header.contains(expected), "ENTSCANORDO.xsd lacks {expected}");
        }
        let grammar = dictionary().tables.recipients.unwrap();
        let pattern = recipients_pattern(&grammar);
        assert!(pattern.starts_with(" *((PS *: *("), "{pattern}");
        assert!(pattern.contains(") *; *PAIR *: *("), "{pattern}");
        assert!(header.contains(&format!(r#"<xs:pattern value="{}"/>"#, escape(&pattern))));
    }

    #[test]
    fn escapes_and_helpers() {
        assert_eq!(escape(r#"a<b>&"c""#), "a&lt;b&gt;&amp;&quot;c&quot;");
        assert_eq!(xsd_escape("a.|b"), r"a\.\|b");
        assert_eq!(comment_safe("a---b--c"), "a- - -b- -c");
        assert_eq!(digits_pattern(3, 3), "[0-9]{3}");
        assert_eq!(digits_pattern(1, 9), "[0-9]{1,9}");
        assert_eq!(occurs(0, u32::MAX), [("minOccurs", "0".to_owned()), ("maxOccurs", "unbounded".to_owned())]);
        assert!(occurs(1, 1).is_empty());
    }

    /// `xmllint --noout --schema` run by `xmllint` (the program `require_tool` found): whether the
    /// document is valid, and what xmllint said.
    fn verdict(xmllint: &str, schema: &Path, document: &Path) -> (bool, String) {
        let run = Command::new(xmllint).arg("--noout").arg("--schema").arg(schema).arg(document).output();
        let out = run.expect("xmllint runs");
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    fn write(dir: &Path, name: &str, contents: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// A document the schema must reject: its root only (elements missing), so only the schema's
    /// own validity decides whether xmllint runs the validation at all.
    fn bare_root(message: &Message) -> String {
        let row = &message.row;
        format!(
            "<{} Version=\"{}\" Profil=\"{}\" xmlns=\"{}\"/>\n",
            row.root,
            escape(&row.version),
            escape(&row.profil),
            escape(&row.namespace)
        )
    }

    #[test]
    fn xmllint_validates_the_seed_arl() {
        let Some(xmllint) = scor_test_tools::require_tool("xmllint") else { return };
        let dir = tempfile::tempdir().unwrap();
        let outputs = schemas();
        let xsd = write(dir.path(), "ARLSCANORDO.xsd", schema_of(&outputs, "ARLSCANORDO"));
        let seed = write(dir.path(), "seed.xml", SEED_ARL);
        let without = SEED_ARL.replacen("  <Fonction>9</Fonction>\n", "", 1);
        assert_ne!(without, SEED_ARL);
        let broken = write(dir.path(), "no-fonction.xml", &without);
        let (valid, log) = verdict(xmllint, &xsd, &seed);
        assert!(valid, "the seed ARL must validate:\n{log}");
        let (valid, log) = verdict(xmllint, &xsd, &broken);
        assert!(!valid, "an ARL without its root Fonction must be rejected:\n{log}");
        assert!(log.contains("Fonction"), "{log}");
    }

    #[test]
    fn xmllint_checks_the_recipients_grammar() {
        let Some(xmllint) = scor_test_tools::require_tool("xmllint") else { return };
        let dir = tempfile::tempdir().unwrap();
        let outputs = schemas();
        let xsd = write(dir.path(), "ENTSCANORDO.xsd", schema_of(&outputs, "ENTSCANORDO"));
        let cases = [
            ("PS:adressePS@domaine.fr", true),
            ("PRT:adresseOCT@domaine.fr ; PAIR : adressePAIR@domaine.fr", true),
            ("PS:adressePS@domaine.fr;PRT:adresseOCT@domaine.fr ; PAIR : adressePAIR@domaine.fr", true),
            (" PS : ps@domaine.fr ", true),
            ("PAIR:adressePAIR@domaine.fr", false),
            ("PS:a@domaine.fr;PS:b@domaine.fr", false),
            ("PS:adressePS@domaine", false),
            ("PS adressePS@domaine.fr", false),
        ];
        for (i, (address, expected)) in cases.into_iter().enumerate() {
            let doc = write(dir.path(), &format!("header-{i}.xml"), &HEADER.replace("{ADRESSE}", address));
            let (valid, log) = verdict(xmllint, &xsd, &doc);
            assert_eq!(valid, expected, "AdresseARL `{address}`:\n{log}");
        }
    }

    #[test]
    fn xmllint_accepts_every_schema() {
        let Some(xmllint) = scor_test_tools::require_tool("xmllint") else { return };
        let dir = tempfile::tempdir().unwrap();
        let dictionary = dictionary();
        for (message, output) in dictionary.messages.iter().zip(render(&dictionary)) {
            let profil = &message.row.profil;
            let xsd = write(dir.path(), &format!("{profil}.xsd"), &output.contents);
            let doc = write(dir.path(), &format!("{profil}.xml"), &bare_root(message));
            let (valid, log) = verdict(xmllint, &xsd, &doc);
            assert!(!valid, "{profil}: a bare root must be rejected");
            assert!(!log.contains("failed to compile") && !log.contains("parser error"), "{profil}.xsd:\n{log}");
            assert!(log.contains("fails to validate"), "{profil}.xsd:\n{log}");
        }
    }
}

//! Reading and writing a SCOR message as its typed model: the streaming validator runs first (with
//! locations), then yaserde builds the model; writing uses the default namespace, as real messages do.

use crate::Check;
use crate::finding::{Finding, Location, Severity};
use crate::schema::{MessageSchema, is_xml_char};
use crate::stream::{self, Options};
use scor_locale::{Text, text};
use yaserde::{YaDeserialize, YaSerialize};

/// A message read from bytes: the typed model when the document could be built into one, and every
/// finding of the validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<M> {
    pub message: Option<M>,
    pub findings: Vec<Finding>,
}

impl<M> Parsed<M> {
    /// True when no finding is an error.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Why a model could not be written as XML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("a value holds the character U+{0:04X}, which XML cannot carry")]
    Character(u32),
    #[error("a value holds a carriage return, which XML readers turn into a line feed")]
    CarriageReturn,
    #[error("attribute {0} holds a tab or line break, which XML readers turn into a space")]
    AttributeWhitespace(&'static str),
    #[error("serialisation failed: {0}")]
    Yaserde(String),
    #[error("element {element} would occur {count} times, outside its cardinality")]
    Cardinality { element: &'static str, count: u32 },
    #[error("{0} is not an element of the message at that place")]
    Unknown(String),
    #[error("the document would not pass its validator: {0}")]
    Invalid(String),
}

/// A message of the dictionary (generated for each message of each version).
pub trait Message: YaSerialize + YaDeserialize + Sized {
    /// The element tree and facets of the message.
    fn schema() -> &'static MessageSchema;

    /// The values of the root attributes `Version` and `Profil`.
    fn root_attributes(&self) -> [(&'static str, &str); 2];

    /// Validates `bytes` (the content of `file`) and builds the model.
    fn read(file: &str, bytes: &[u8], options: Options) -> Parsed<Self> {
        let schema = Self::schema();
        let mut findings = stream::validate(schema, file, bytes, options);
        if findings.iter().any(|f| is_fatal(schema, f)) {
            return Parsed { message: None, findings };
        }
        let text = std::str::from_utf8(bytes).expect("the validator reported non-UTF-8 input as fatal");
        match typed(text) {
            Ok(message) => Parsed { message: Some(message), findings },
            Err(error) => {
                if !findings.iter().any(|f| f.severity == Severity::Error) {
                    let rule = schema.dictionary.rule(Check::Syntax, None);
                    let location = Location::file(file).with_xpath(format!("/{}", schema.root));
                    findings.push(Finding::new(
                        rule,
                        schema.level,
                        location,
                        text!("xml-model-not-built", detail = masked(schema, options, error)),
                    ));
                }
                Parsed { message: None, findings }
            }
        }
    }

    /// The message as an XML document, indented, in its default namespace. Fails rather than write
    /// a document that would not read back equal.
    fn to_xml(&self) -> Result<String, WriteError> {
        if let Some((name, _)) = self.root_attributes().into_iter().find(|(_, v)| v.contains(['\t', '\n', '\r'])) {
            return Err(WriteError::AttributeWhitespace(name));
        }
        let xml = serialise(self)?;
        match xml.chars().find(|c| !is_xml_char(*c) || *c == '\r') {
            Some('\r') => Err(WriteError::CarriageReturn),
            Some(c) => Err(WriteError::Character(c as u32)),
            None => Ok(xml),
        }
    }

    /// Every finding the validator has on this model, located in its XML form.
    fn validate(&self) -> Vec<Finding> {
        let schema = Self::schema();
        let file = schema.file.example;
        match serialise(self) {
            Ok(xml) => stream::validate(schema, file, xml.as_bytes(), Options { reveal_patient_data: true }),
            Err(error) => {
                let rule = schema.dictionary.rule(Check::Syntax, None);
                vec![Finding::new(rule, schema.level, Location::file(file), error.to_string())]
            }
        }
    }
}

/// yaserde's error text quotes values: for a confidential message, only with the caller's consent.
fn masked(schema: &MessageSchema, options: Options, error: String) -> Text {
    if schema.confidential && !options.reveal_patient_data {
        text!("xml-details-masked")
    } else {
        Text::verbatim(error)
    }
}

/// Findings after which the typed model is not even attempted.
fn is_fatal(schema: &MessageSchema, finding: &Finding) -> bool {
    [Check::Syntax, Check::Dtd, Check::Limit, Check::Root]
        .iter()
        .any(|check| schema.dictionary.rule(*check, None).id == finding.rule)
}

fn serialise<M: YaSerialize>(message: &M) -> Result<String, WriteError> {
    let config = yaserde::ser::Config {
        perform_indent: true,
        write_document_declaration: true,
        indent_string: Some("  ".to_owned()),
    };
    yaserde::ser::to_string_with_config(message, &config).map_err(|e| WriteError::Yaserde(e.to_string())).map(
        |mut xml| {
            xml.push('\n');
            xml
        },
    )
}

/// yaserde's parse, with the text of data elements kept exactly (no trimming).
fn typed<M: YaDeserialize>(text: &str) -> Result<M, String> {
    let config = xml::reader::ParserConfig::new()
        .trim_whitespace(false)
        .whitespace_to_characters(true)
        .cdata_to_characters(true)
        .ignore_comments(true)
        .coalesce_characters(true);
    let mut deserializer =
        yaserde::de::Deserializer::new(xml::reader::EventReader::new_with_config(text.as_bytes(), config));
    M::deserialize(&mut deserializer).map_err(|e| e.to_string())
}

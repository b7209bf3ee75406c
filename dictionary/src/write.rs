//! Writing a message from its schema alone: values by data-element id, laid out in the schema's element
//! order, so that a message of any dictionary version is written without code of that version.

use crate::message::WriteError;
use crate::schema::{Content, MessageSchema, Node, is_xml_char};
use crate::stream::{self, Options};
use crate::{Finding, Severity};

/// What a group (or the root) holds: data-element values by EF id, and groups by element name, a
/// repeated group once per occurrence. Values never named by the schema make [`write`] fail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    fields: Vec<(String, String)>,
    groups: Vec<(String, Values)>,
}

impl Values {
    pub fn new() -> Self {
        Self::default()
    }

    /// With the value of data element `id` (`EF_MR_016_01`).
    pub fn field(mut self, id: &str, value: impl Into<String>) -> Self {
        self.fields.push((id.to_owned(), value.into()));
        self
    }

    /// With data element `id` when `value` is known.
    pub fn field_opt(self, id: &str, value: Option<impl Into<String>>) -> Self {
        match value {
            Some(value) => self.field(id, value),
            None => self,
        }
    }

    /// With one more occurrence of group `name` (`DiagDossier`).
    pub fn group(mut self, name: &str, values: Values) -> Self {
        self.groups.push((name.to_owned(), values));
        self
    }
}

/// The message `schema` holding `values`, as an indented XML document in its default namespace. Fails
/// when a value is missing, repeated past its cardinality, unknown to the schema, or breaks its data
/// element: what is written always passes the version's validator.
pub fn write(schema: &'static MessageSchema, values: &Values) -> Result<String, WriteError> {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<{} xmlns=\"{}\" Version=\"{}\" Profil=\"{}\">\n",
        schema.root,
        escape(schema.namespace, true),
        escape(schema.version, true),
        escape(schema.profil, true)
    ));
    group(schema.children, values, 1, &mut xml)?;
    xml.push_str(&format!("</{}>\n", schema.root));
    match xml.chars().find(|c| !is_xml_char(*c) || *c == '\r') {
        Some('\r') => return Err(WriteError::CarriageReturn),
        Some(c) => return Err(WriteError::Character(c as u32)),
        None => {}
    }
    let findings = stream::validate(schema, schema.file.example, xml.as_bytes(), Options { reveal_patient_data: true });
    match findings.iter().find(|f| f.severity == Severity::Error) {
        Some(finding) => Err(WriteError::Invalid(describe(finding))),
        None => Ok(xml),
    }
}

/// The elements of one group occurrence, in schema order.
fn group(nodes: &'static [Node], values: &Values, depth: usize, out: &mut String) -> Result<(), WriteError> {
    let indent = "  ".repeat(depth);
    for node in nodes {
        match &node.content {
            Content::Field(field) => {
                let found: Vec<&String> =
                    values.fields.iter().filter(|(id, _)| id == field.id).map(|(_, v)| v).collect();
                occurs(node, found.len())?;
                for value in found {
                    out.push_str(&format!("{indent}<{0}>{1}</{0}>\n", node.name, escape(value, false)));
                }
            }
            Content::Group(children) => {
                let found: Vec<&Values> =
                    values.groups.iter().filter(|(name, _)| name == node.name).map(|(_, v)| v).collect();
                occurs(node, found.len())?;
                for occurrence in found {
                    out.push_str(&format!("{indent}<{}>\n", node.name));
                    group(children, occurrence, depth + 1, out)?;
                    out.push_str(&format!("{indent}</{}>\n", node.name));
                }
            }
        }
    }
    let known = |name: &str| nodes.iter().any(|n| n.name == name && matches!(n.content, Content::Group(_)));
    let field_known = |id: &str| nodes.iter().any(|n| matches!(&n.content, Content::Field(f) if f.id == id));
    if let Some((id, _)) = values.fields.iter().find(|(id, _)| !field_known(id)) {
        return Err(WriteError::Unknown(id.clone()));
    }
    if let Some((name, _)) = values.groups.iter().find(|(name, _)| !known(name)) {
        return Err(WriteError::Unknown(name.clone()));
    }
    Ok(())
}

/// `count` occurrences of `node` are within its cardinality.
fn occurs(node: &Node, count: usize) -> Result<(), WriteError> {
    let count = u32::try_from(count).unwrap_or(u32::MAX);
    if count < node.min || count > node.max {
        return Err(WriteError::Cardinality { element: node.name, count });
    }
    Ok(())
}

/// Text or attribute value with the characters XML reserves escaped.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn describe(finding: &Finding) -> String {
    format!("[{}] {}", finding.rule, finding.message)
}

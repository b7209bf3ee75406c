//! Documents generated from a message schema with proptest: every value follows its data element's
//! facets (length, type, pattern, range, code list, grammar), or exactly one element breaks one facet.
//! The facets are read from the generated schema; the verdict on a document is the validator's alone.

use proptest::prelude::*;
use proptest::sample::select;
use regex::Regex;
use scor_dictionary::schema::{Content, Field, FieldType, MessageSchema, Node, RecipientsGrammar};

/// An element of a generated document.
#[derive(Debug, Clone)]
pub enum Tree {
    Group { name: &'static str, children: Vec<Tree> },
    Leaf { field: &'static Field, name: &'static str, value: String },
}

/// A generated document of one message.
#[derive(Debug, Clone)]
pub struct Document {
    pub schema: &'static MessageSchema,
    pub children: Vec<Tree>,
}

/// How many times a node is repeated at most in generated documents (to keep them small).
const MAX_REPEAT: u32 = 3;

/// Documents whose every value is valid.
pub fn valid(schema: &'static MessageSchema) -> BoxedStrategy<Document> {
    children(schema.children).prop_map(move |children| Document { schema, children }).boxed()
}

/// Documents where one data element (returned with them) breaks one of its facets.
pub fn with_one_violation(schema: &'static MessageSchema) -> BoxedStrategy<(Document, &'static str)> {
    valid(schema)
        .prop_flat_map(|document| {
            let count = document.leaf_count();
            (Just(document), 0..count)
        })
        .prop_flat_map(|(document, index)| {
            let field = document.leaf(index);
            (Just(document), Just(index), violating(field))
        })
        .prop_map(|(mut document, index, value)| {
            let id = document.set_leaf(index, value);
            (document, id)
        })
        .boxed()
}

fn children(nodes: &'static [Node]) -> BoxedStrategy<Vec<Tree>> {
    let per_node: Vec<BoxedStrategy<Vec<Tree>>> = nodes.iter().map(occurrences).collect();
    per_node.prop_map(|lists| lists.into_iter().flatten().collect()).boxed()
}

fn occurrences(node: &'static Node) -> BoxedStrategy<Vec<Tree>> {
    let max = node.max.min(node.min.max(1) + MAX_REPEAT - 1).min(node.min + MAX_REPEAT);
    let count = node.min as usize..=max as usize;
    let one: BoxedStrategy<Tree> = match &node.content {
        Content::Field(field) => {
            valid_value(field).prop_map(move |value| Tree::Leaf { field, name: node.name, value }).boxed()
        }
        Content::Group(nodes) => {
            children(nodes).prop_map(move |children| Tree::Group { name: node.name, children }).boxed()
        }
    };
    proptest::collection::vec(one, count).boxed()
}

/// A value that follows every facet of `field`.
pub fn valid_value(field: &'static Field) -> BoxedStrategy<String> {
    let (min_len, max_len) = (field.min_length, field.max_length);
    match field.kind {
        FieldType::Code => {
            let codes: Vec<&str> = field.code_list.as_ref().expect("code field has a list").codes.to_vec();
            select(codes).prop_map(str::to_owned).boxed()
        }
        FieldType::Numeric => numeric(field),
        FieldType::Date => date().boxed(),
        FieldType::Datetime => {
            (date(), 0u32..24, 0u32..60, 0u32..60).prop_map(|(d, h, m, s)| format!("{d}T{h:02}:{m:02}:{s:02}")).boxed()
        }
        FieldType::Recipients => recipients(field.grammar.expect("recipients field has a grammar")),
        FieldType::Identifier | FieldType::Alphanumeric => match field.pattern {
            Some((source, _)) => proptest::string::string_regex(source)
                .expect("table pattern is a valid regex")
                .prop_filter("length within the element's bounds", move |v| {
                    (min_len..=max_len).contains(&v.chars().count())
                })
                .boxed(),
            None => {
                let max = max_len.min(min_len + 40);
                proptest::string::string_regex(&format!("[ a-zA-Z0-9éèàçôÉ&<>\"'#|:;.,/-]{{{min_len},{max}}}"))
                    .expect("valid regex")
                    .boxed()
            }
        },
    }
}

fn date() -> impl Strategy<Value = String> {
    (1950u32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn numeric(field: &'static Field) -> BoxedStrategy<String> {
    let (min_len, max_len) = (field.min_length, field.max_length);
    if field.min_value.is_none() && field.max_value.is_none() {
        return proptest::string::string_regex(&format!("[0-9]{{{min_len},{max_len}}}")).expect("valid regex").boxed();
    }
    let largest_fitting = 10u64.saturating_pow(max_len as u32).saturating_sub(1);
    let low = field.min_value.unwrap_or(0);
    let high = field.max_value.unwrap_or(largest_fitting).min(largest_fitting);
    (low..=high).prop_map(move |n| format!("{n:0min_len$}")).boxed()
}

fn recipients(grammar: &'static RecipientsGrammar) -> BoxedStrategy<String> {
    let combinations: Vec<&'static [&'static str]> = grammar.combinations.to_vec();
    let widths = if grammar.spaces_around_separators { 0..3usize } else { 0..1usize };
    let space = widths.prop_map(|n| " ".repeat(n));
    select(combinations)
        .prop_flat_map(move |roles| {
            let items: Vec<_> = roles
                .iter()
                .map(|role| {
                    (space.clone(), space.clone(), "[a-z]{1,8}@[a-z]{1,8}\\.fr")
                        .prop_map(move |(a, b, address)| format!("{role}{a}{}{b}{address}", grammar.role_separator))
                })
                .collect();
            items.prop_map(move |items| items.join(&format!(" {} ", grammar.item_separator)))
        })
        .boxed()
}

/// A value that breaks at least one facet of `field`, the breach being decided from the facets alone.
pub fn violating(field: &'static Field) -> BoxedStrategy<String> {
    let mut options: Vec<BoxedStrategy<String>> = Vec::new();
    let (min_len, max_len) = (field.min_length, field.max_length);
    if min_len > 0 {
        options.push(Just(String::new()).boxed());
    }
    options.push(Just("7".repeat(max_len + 1)).boxed());
    match field.kind {
        FieldType::Numeric => {
            options.push(Just(format!("{}A", "1".repeat(min_len.saturating_sub(1)))).boxed());
            if let Some(max) = field.max_value {
                let text = format!("{:0min_len$}", max + 1);
                if text.len() <= max_len {
                    options.push(Just(text).boxed());
                }
            }
            if let Some(min) = field.min_value.filter(|m| *m > 0) {
                options.push(Just(format!("{:0min_len$}", min - 1)).boxed());
            }
        }
        FieldType::Date => options.push(Just("2023-02-29".to_owned()).boxed()),
        FieldType::Datetime => options.push(Just("2024-13-01T10:00:00".to_owned()).boxed()),
        FieldType::Code => {
            let codes: Vec<&str> = field.code_list.as_ref().expect("code field has a list").codes.to_vec();
            let width = min_len.max(1);
            options.push(
                proptest::string::string_regex(&format!("[A-Z0-9]{{{width}}}"))
                    .expect("valid regex")
                    .prop_filter("not a code of the list", move |v| !codes.contains(&v.as_str()))
                    .boxed(),
            );
        }
        FieldType::Recipients => {
            options.push(Just("PAIR:pair@domaine.fr".to_owned()).boxed());
            options.push(Just("PS adresse@domaine.fr".to_owned()).boxed());
        }
        FieldType::Identifier | FieldType::Alphanumeric => {
            if let Some((source, _)) = field.pattern {
                let regex = Regex::new(&format!("^(?:{source})$")).expect("valid regex");
                options.push(
                    valid_value(field)
                        .prop_map(|v| format!("~{}", v.chars().skip(1).collect::<String>()))
                        .prop_filter("breaks the pattern", move |v| !regex.is_match(v))
                        .boxed(),
                );
            }
        }
    }
    proptest::strategy::Union::new(options).boxed()
}

impl Document {
    fn leaves_mut(&mut self) -> Vec<(&'static Field, &mut String)> {
        fn walk<'a>(trees: &'a mut [Tree], out: &mut Vec<(&'static Field, &'a mut String)>) {
            for tree in trees {
                match tree {
                    Tree::Group { children, .. } => walk(children, out),
                    Tree::Leaf { field, value, .. } => out.push((*field, value)),
                }
            }
        }
        let mut out = Vec::new();
        walk(&mut self.children, &mut out);
        out
    }

    pub fn leaf_count(&self) -> usize {
        self.clone().leaves_mut().len()
    }

    pub fn leaf(&self, index: usize) -> &'static Field {
        self.clone().leaves_mut()[index].0
    }

    /// Replaces the value of leaf `index`; returns its EF id.
    pub fn set_leaf(&mut self, index: usize, value: String) -> &'static str {
        let mut leaves = self.leaves_mut();
        let (field, slot) = &mut leaves[index];
        **slot = value;
        field.id
    }

    /// The document as XML, in the message's default namespace.
    pub fn to_xml(&self) -> String {
        let s = self.schema;
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{} xmlns=\"{}\" Version=\"{}\" Profil=\"{}\">\n",
            s.root, s.namespace, s.version, s.profil
        );
        write_trees(&self.children, 1, &mut out);
        out.push_str(&format!("</{}>\n", s.root));
        out
    }
}

fn write_trees(trees: &[Tree], depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for tree in trees {
        match tree {
            Tree::Group { name, children } => {
                out.push_str(&format!("{indent}<{name}>\n"));
                write_trees(children, depth + 1, out);
                out.push_str(&format!("{indent}</{name}>\n"));
            }
            Tree::Leaf { name, value, .. } => out.push_str(&format!("{indent}<{name}>{}</{name}>\n", escape(value))),
        }
    }
}

/// XML text escaping.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

//! Renders one Rust module per message: the typed model (yaserde derives, default namespace), the
//! data elements with their facets, and the element tree the streaming validator walks.

use super::common::{doc, num, provenance};
use crate::ir::{Dictionary, Field, Group, Message, Node};
use crate::output::{self, Output};
use crate::{check, names, pattern};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::BTreeSet;

/// Prefix bound to the message namespace in the yaserde attributes; `default_namespace` makes the
/// serialised form unprefixed, as the real messages are.
const NS_PREFIX: &str = "scor";

pub fn render(dictionary: &Dictionary) -> Vec<Output> {
    dictionary.messages.iter().map(|m| message(dictionary, m)).collect()
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn message(dictionary: &Dictionary, message: &Message) -> Output {
    let structs = structs(message);
    let fields = message.root.fields().into_iter().map(|f| field_static(dictionary, f)).collect::<Vec<_>>();
    let schema = schema(message);
    let root = ident(&message.root.struct_name);
    let code = quote! {
        use crate::finding::{Level, Provenance};
        use crate::schema::{CodeListRef, Content, Field, FieldType, MessageSchema, Node};
        use regex_lite::Regex;
        use std::sync::LazyLock;
        use yaserde::{YaDeserialize, YaSerialize};

        #schema
        impl crate::message::Message for #root {
            fn schema() -> &'static MessageSchema {
                &SCHEMA
            }
            fn root_attributes(&self) -> [(&'static str, &str); 2] {
                [("Version", &self.version), ("Profil", &self.profil)]
            }
        }
        #(#structs)*
        #(#fields)*
    };
    let row = &message.row;
    let description = format!(
        "{}: {}.\nTyped model, data elements and element tree of the message (root `{}`, namespace `{}`).",
        row.profil, row.description, row.root, row.namespace
    );
    let header = output::header_lines(&dictionary.tables, &["messages.toml", "data-elements.csv", "limits.csv"]);
    output::rust(
        format!("{}/{}/{}.rs", crate::output::RUST_DIR, dictionary.module, message.module),
        &header,
        &description,
        code,
    )
}

fn schema(message: &Message) -> TokenStream {
    let row = &message.row;
    let (profil, root, namespace, version) = (&row.profil, &row.root.as_str(), &row.namespace, &row.version);
    let description = &row.description;
    let level = ident(&names::camel(&row.level));
    let confidential = row.confidential;
    let file = ident(&names::constant(&row.file));
    let children = nodes(&message.root);
    let docs = doc(&format!("The element tree of {profil}, walked by the streaming validator."));
    quote! {
        #docs
        pub static SCHEMA: MessageSchema = MessageSchema {
            dictionary: &super::DICTIONARY,
            profil: #profil,
            root: #root,
            namespace: #namespace,
            version: #version,
            description: #description,
            level: Level::#level,
            confidential: #confidential,
            file: &super::file_names::#file,
            children: &[#(#children),*],
        };
    }
}

fn nodes(group: &Group) -> Vec<TokenStream> {
    group
        .children
        .iter()
        .map(|child| {
            let name = child.name();
            let (min, max) = child.cardinality();
            let (min, max) = (num(min), num(max));
            let content = match child {
                Node::Field(f) => {
                    let id = ident(&names::constant(&f.element.id));
                    quote!(Content::Field(&#id))
                }
                Node::Group(g) => {
                    let children = nodes(g);
                    quote!(Content::Group(&[#(#children),*]))
                }
            };
            quote!(Node { name: #name, min: #min, max: #max, content: #content })
        })
        .collect()
}

/// One struct per distinct group name (groups of the same shape share it).
fn structs(message: &Message) -> Vec<TokenStream> {
    let groups = message.root.groups();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (index, group) in groups.iter().enumerate() {
        if seen.insert(group.struct_name.clone()) {
            let paths: Vec<&str> =
                groups.iter().filter(|g| g.struct_name == group.struct_name).map(|g| g.path.as_str()).collect();
            out.push(group_struct(message, group, &paths, index == 0));
        }
    }
    out
}

fn group_struct(message: &Message, group: &Group, paths: &[&str], is_root: bool) -> TokenStream {
    let row = &message.row;
    let name = ident(&group.struct_name);
    let xml_name = &group.name;
    let namespace = &row.namespace;
    let mut fields: Vec<TokenStream> = Vec::new();
    if is_root {
        fields.push(quote! {
            #[doc = " Attribute `Version`: the message version."]
            #[yaserde(attribute = true, rename = "Version")]
            pub version: String,
            #[doc = " Attribute `Profil`: the message profile."]
            #[yaserde(attribute = true, rename = "Profil")]
            pub profil: String,
        });
    }
    fields.extend(group.children.iter().map(member));
    let docs = if is_root {
        doc(&format!("{} (root element `{}`). `Default` sets Version and Profil.", row.profil, row.root))
    } else {
        let places = paths.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(" and ");
        doc(&format!("Group {places} of {} ({}).", row.profil, occurs_text(group.min, group.max)))
    };
    let derive_default = if is_root { quote!() } else { quote!(Default,) };
    let item = quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, #derive_default YaSerialize, YaDeserialize)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[yaserde(rename = #xml_name, namespaces = { #NS_PREFIX = #namespace }, prefix = #NS_PREFIX, default_namespace = #NS_PREFIX)]
        pub struct #name {
            #(#fields)*
        }
    };
    if !is_root {
        return item;
    }
    let (version, profil) = (&row.version, &row.profil);
    let defaults = group.children.iter().map(|c| {
        let field = ident(&names::snake(c.name()));
        quote!(#field: Default::default(),)
    });
    quote! {
        #item
        impl Default for #name {
            fn default() -> Self {
                Self { version: #version.to_owned(), profil: #profil.to_owned(), #(#defaults)* }
            }
        }
    }
}

fn member(node: &Node) -> TokenStream {
    let (min, max) = node.cardinality();
    let xml_name = node.name();
    let field = ident(&names::snake(xml_name));
    let inner = match node {
        Node::Field(_) => quote!(String),
        Node::Group(g) => {
            let t = ident(&g.struct_name);
            quote!(#t)
        }
    };
    let ty = match (min, max) {
        (_, max) if max > 1 => quote!(Vec<#inner>),
        (0, _) => quote!(Option<#inner>),
        _ => inner,
    };
    let docs = match node {
        Node::Field(f) => doc(&format!(
            "`{}` {}: {} ({}, {}).",
            xml_name,
            f.element.id,
            f.element.name,
            f.element.kind,
            occurs_text(min, max)
        )),
        Node::Group(g) => doc(&format!("`{}` ({}).", xml_name, occurs_text(g.min, g.max))),
    };
    quote! {
        #docs
        #[yaserde(prefix = #NS_PREFIX, rename = #xml_name)]
        pub #field: #ty,
    }
}

fn occurs_text(min: u32, max: u32) -> String {
    match (min, max) {
        (a, b) if a == b => format!("exactly {a}"),
        (a, u32::MAX) => format!("{a}..n"),
        (a, b) => format!("{a}..{b}"),
    }
}

fn field_static(dictionary: &Dictionary, field: &Field) -> TokenStream {
    let e = &field.element;
    let name = ident(&names::constant(&e.id));
    let (id, label, path) = (&e.id, &e.name, &e.path);
    let kind = ident(&names::camel(&e.kind));
    let (min_length, max_length) = (num(e.min_length as u64), num(e.max_length as u64));
    let bound = |b: &Option<String>| {
        let value = b.as_ref().map(|t| check::value_bound(t, &dictionary.limits).expect("checked: bound"));
        match value.map(num) {
            Some(v) => quote!(Some(#v)),
            None => quote!(None),
        }
    };
    let (min_value, max_value) = (bound(&e.min_value), bound(&e.max_value));
    let regex_name = ident(&format!("{}_PATTERN", names::constant(&e.id)));
    let (pattern_static, pattern) = match &e.pattern {
        Some(source) => {
            let anchored = pattern::anchored(source);
            (
                quote! {
                    static #regex_name: LazyLock<Regex> =
                        LazyLock::new(|| Regex::new(#anchored).expect("pattern checked by scor-codegen"));
                },
                quote!(Some((#source, &#regex_name))),
            )
        }
        None => (quote!(), quote!(None)),
    };
    let code_list = match e.code_list.as_ref().and_then(|k| dictionary.tables.code_lists.iter().find(|l| &l.key == k)) {
        Some(list) => {
            let (key, list_name, ty) = (&list.key, &list.name, ident(&list.name));
            quote!(Some(CodeListRef { key: #key, name: #list_name, contains: super::codes::#ty::contains, codes: &super::codes::#ty::CODES }))
        }
        None => quote!(None),
    };
    let grammar = if e.kind == "recipients" { quote!(Some(&super::grammars::RECIPIENTS)) } else { quote!(None) };
    let provenance = provenance(e.provenance);
    let docs = doc(&format!("{id} {label} (`{path}`). Provenance: {}; {}.", e.provenance.as_str(), e.source));
    quote! {
        #pattern_static
        #docs
        pub static #name: Field = Field {
            id: #id,
            name: #label,
            path: #path,
            kind: FieldType::#kind,
            min_length: #min_length,
            max_length: #max_length,
            pattern: #pattern,
            min_value: #min_value,
            max_value: #max_value,
            code_list: #code_list,
            grammar: #grammar,
            provenance: #provenance,
        };
    }
}

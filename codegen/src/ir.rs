//! Stage 3: the intermediate model every renderer reads: one dictionary version with its messages as
//! element trees (groups and data elements in document order), built from checked tables.

use crate::check::{self, ancestors};
use crate::load::{ElementRow, MessageRow, Tables};
use crate::names;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Dictionary {
    pub version: String,
    /// Rust module of the version, e.g. `v2_13`.
    pub module: String,
    pub tables: Tables,
    pub limits: BTreeMap<String, u64>,
    pub messages: Vec<Message>,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub row: MessageRow,
    /// Rust module, e.g. `arlscanordo`.
    pub module: String,
    /// The root element, whose children are the message's elements.
    pub root: Group,
}

#[derive(Debug, Clone)]
pub struct Group {
    /// Element name (`Dossier`), and path from the root (`Dossiers/Dossier`; empty for the root).
    pub name: String,
    pub path: String,
    pub min: u32,
    pub max: u32,
    /// Rust struct of the group, unique within its message.
    pub struct_name: String,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // built once per generation; boxing would only add noise
pub enum Node {
    Group(Group),
    Field(Field),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub min: u32,
    pub max: u32,
    pub element: ElementRow,
}

impl Node {
    pub fn name(&self) -> &str {
        match self {
            Node::Group(g) => &g.name,
            Node::Field(f) => &f.name,
        }
    }

    pub fn cardinality(&self) -> (u32, u32) {
        match self {
            Node::Group(g) => (g.min, g.max),
            Node::Field(f) => (f.min, f.max),
        }
    }
}

impl Group {
    /// Every data element below this group, in document order.
    pub fn fields(&self) -> Vec<&Field> {
        let mut out = Vec::new();
        for child in &self.children {
            match child {
                Node::Field(f) => out.push(f),
                Node::Group(g) => out.extend(g.fields()),
            }
        }
        out
    }

    /// This group and every group below it, depth first.
    pub fn groups(&self) -> Vec<&Group> {
        let mut out = vec![self];
        for child in &self.children {
            if let Node::Group(g) = child {
                out.extend(g.groups());
            }
        }
        out
    }

    /// The shape two groups must share to be one Rust struct.
    fn shape(&self) -> Vec<(String, u32, u32, bool)> {
        self.children
            .iter()
            .map(|c| {
                let (min, max) = c.cardinality();
                (c.name().to_owned(), min, max, matches!(c, Node::Group(_)))
            })
            .collect()
    }
}

/// Builds the model of checked tables.
pub fn build(tables: Tables) -> Dictionary {
    let limits = check::limit_map(&tables);
    let messages = tables.messages.iter().map(|m| message(m, &tables.elements, &limits)).collect();
    Dictionary {
        version: tables.version.version.clone(),
        module: names::version_module(&tables.version.version),
        tables,
        limits,
        messages,
    }
}

fn message(row: &MessageRow, elements: &[ElementRow], limits: &BTreeMap<String, u64>) -> Message {
    let mut root = Group {
        name: row.root.clone(),
        path: String::new(),
        min: 1,
        max: 1,
        struct_name: names::camel(&row.profil),
        children: Vec::new(),
    };
    for element in elements.iter().filter(|e| e.message == row.profil) {
        let mut group = &mut root;
        for path in ancestors(&element.path) {
            let name = path.rsplit('/').next().unwrap_or(&path).to_owned();
            let reuse = matches!(group.children.last(), Some(Node::Group(g)) if g.path == path);
            if !reuse {
                let declared = row.groups.iter().find(|g| g.path == path).expect("checked: group declared");
                let (min, max) = check::occurs(&declared.occurs, limits).expect("checked: cardinality");
                let struct_name = names::camel(&name);
                group.children.push(Node::Group(Group { name, path, min, max, struct_name, children: Vec::new() }));
            }
            let Some(Node::Group(last)) = group.children.last_mut() else { unreachable!() };
            group = last;
        }
        let (min, max) = check::occurs(&element.occurs, limits).expect("checked: cardinality");
        let name = element.path.rsplit('/').next().unwrap_or(&element.path).to_owned();
        group.children.push(Node::Field(Field { name, min, max, element: element.clone() }));
    }
    name_structs(&mut root);
    Message { row: row.clone(), module: row.profil.to_lowercase(), root }
}

/// Groups of one name share a struct when they have the same shape; otherwise the parent's name
/// prefixes theirs (`DiagEnteteDiagnostic`).
fn name_structs(root: &mut Group) {
    let mut shapes: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for group in root.groups().into_iter().skip(1) {
        let entry = shapes.entry(group.struct_name.clone()).or_default();
        if !entry.contains(&group.shape()) {
            entry.push(group.shape());
        }
    }
    let clashing: Vec<String> = shapes.into_iter().filter(|(_, s)| s.len() > 1).map(|(n, _)| n).collect();
    rename(root, &clashing, "");
}

fn rename(group: &mut Group, clashing: &[String], parent: &str) {
    if clashing.contains(&group.struct_name) {
        group.struct_name = format!("{parent}{}", group.struct_name);
    }
    let own = names::camel(&group.name);
    for child in &mut group.children {
        if let Node::Group(g) = child {
            rename(g, clashing, &own);
        }
    }
}

//! The inventory of a lot: which file is the header, which are the index and PJ files of each dossier,
//! and what is stray, duplicated, misnumbered or missing (file-names.csv patterns).

use super::Collector;
use scor_dictionary::{Check, FileNameKind, Level, Location};
use std::collections::{BTreeMap, HashSet};

/// The files of one dossier, by name.
#[derive(Debug, Default, Clone)]
pub struct DossierFiles {
    pub index: Option<String>,
    /// PJ files by indice.
    pub pjs: BTreeMap<u32, String>,
}

/// What each file of a lot is.
#[derive(Debug, Default)]
pub struct Inventory {
    /// The one header file, when there is exactly one.
    pub header: Option<String>,
    /// Exercice and Compostage read from the header's file name.
    pub header_name_parts: Option<(String, String)>,
    pub dossiers: BTreeMap<u32, DossierFiles>,
    pub strays: Vec<String>,
}

impl Inventory {
    /// The role of `name` in the lot and its dossier number (for reports).
    pub fn role_of(&self, name: &str) -> (&'static str, Option<u32>) {
        if self.header.as_deref() == Some(name) {
            return ("header", None);
        }
        for (number, files) in &self.dossiers {
            if files.index.as_deref() == Some(name) {
                return ("index", Some(*number));
            }
            if files.pjs.values().any(|p| p == name) {
                return ("pj", Some(*number));
            }
        }
        ("stray", None)
    }
}

/// Sorts `names`, the files of lot `input`, into an inventory and raises every inventory finding.
pub fn take(input: &str, names: &[&str], c: &mut Collector) -> Inventory {
    let mut inventory = Inventory::default();
    let mut headers = Vec::new();
    let mut seen = HashSet::new();
    for &name in names {
        if !seen.insert(name.to_ascii_lowercase()) {
            let message =
                format!("`{name}` appears twice in the lot (names compared ignoring case); the second is ignored");
            c.raise(Check::InventoryDuplicate, Level::Header, Location::file(name), message);
            continue;
        }
        sort_file(name, &mut inventory, &mut headers, c);
    }
    match headers.as_slice() {
        [(one, parts)] => {
            inventory.header = Some(one.clone());
            inventory.header_name_parts = Some(parts.clone());
        }
        [] => {
            let example = c.dictionary.file_name(FileNameKind::Header).example;
            let message = format!("the lot has no header file (a name like `{example}`)");
            c.raise(Check::InventoryHeader, Level::Header, Location::file(input), message);
        }
        [first, rest @ ..] => {
            for (other, _) in rest {
                let message = format!("a second header file; the lot already has `{}`", first.0);
                c.raise(Check::InventoryHeader, Level::Header, Location::file(other), message);
            }
        }
    }
    numbering(&inventory, c);
    inventory
}

fn sort_file(name: &str, inventory: &mut Inventory, headers: &mut Vec<(String, (String, String))>, c: &mut Collector) {
    let d = c.dictionary;
    let (header, index, pj) =
        (d.file_name(FileNameKind::Header), d.file_name(FileNameKind::Index), d.file_name(FileNameKind::Pj));
    let captured = |caps: &regex::Captures<'_>, group: &str| caps.name(group).map_or("", |m| m.as_str()).to_owned();
    if let Some(caps) = header.captures(name) {
        extension(name, &captured(&caps, "extension"), header.canonical_extension, c);
        headers.push((name.to_owned(), (captured(&caps, "exercice"), captured(&caps, "compostage"))));
    } else if let Some(caps) = index.captures(name) {
        extension(name, &captured(&caps, "extension"), index.canonical_extension, c);
        let number = captured(&caps, "dossier").parse().unwrap_or(0);
        inventory.dossiers.entry(number).or_default().index = Some(name.to_owned());
    } else if let Some(caps) = pj.captures(name) {
        extension(name, &captured(&caps, "extension"), pj.canonical_extension, c);
        let number = captured(&caps, "dossier").parse().unwrap_or(0);
        let indice = captured(&caps, "indice").parse().unwrap_or(0);
        inventory.dossiers.entry(number).or_default().pjs.insert(indice, name.to_owned());
    } else {
        let examples = [header.example, index.example, pj.example].join("`, `");
        let message = format!("`{name}` matches no file name of a lot (`{examples}`)");
        c.raise(Check::InventoryStray, Level::Header, Location::file(name), message);
        inventory.strays.push(name.to_owned());
    }
}

fn extension(name: &str, found: &str, canonical: &str, c: &mut Collector) {
    if found != canonical {
        let message = format!("extension `.{found}` accepted, but `.{canonical}` is the canonical form");
        c.raise(Check::InventoryExtension, Level::Header, Location::file(name), message);
    }
}

/// Dossiers numbered 1, 2, 3… with no gap; every PJ file in a dossier that has an index; every index
/// with at least one PJ file.
fn numbering(inventory: &Inventory, c: &mut Collector) {
    let mut expected = 1;
    for (&number, files) in &inventory.dossiers {
        match &files.index {
            Some(index) => {
                if number != expected {
                    let message = format!(
                        "dossier files are numbered from 001 without gaps: expected {expected:03}, found {number:03}"
                    );
                    c.raise(Check::InventoryNumbering, Level::Header, Location::file(index), message);
                }
                expected = number + 1;
                if files.pjs.is_empty() {
                    let message = format!("dossier {number:03} has an index file but no PJ file");
                    c.raise(Check::InventoryPjMissing, Level::Dossier, Location::file(index), message);
                }
            }
            None => {
                for pj in files.pjs.values() {
                    let message = format!("`{pj}` belongs to dossier {number:03}, which has no index file");
                    c.raise(Check::InventoryNumbering, Level::Header, Location::file(pj), message);
                }
            }
        }
    }
}

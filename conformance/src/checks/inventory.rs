//! The inventory of a lot: which file is the header, which are the index and PJ files of each dossier,
//! and what is stray, duplicated, misnumbered or missing (file-names.csv patterns).

use super::Collector;
use crate::outcome::FileRole;
use scor_dictionary::{Check, FileNameKind, Level, Location};
use scor_lot::LotFile;
use std::collections::{BTreeMap, HashMap};

/// The header file, with the Exercice and Compostage its name gives.
#[derive(Debug, Clone)]
pub struct HeaderFile<'lot> {
    pub file: &'lot LotFile,
    pub exercice: String,
    pub compostage: String,
}

/// The files of one dossier.
#[derive(Debug, Default, Clone)]
pub struct DossierFiles<'lot> {
    pub index: Option<&'lot LotFile>,
    /// PJ files by indice.
    pub pjs: BTreeMap<u32, &'lot LotFile>,
}

/// What each file of a lot is.
#[derive(Debug, Default)]
pub struct Inventory<'lot> {
    /// The one header file, when there is exactly one.
    pub header: Option<HeaderFile<'lot>>,
    pub dossiers: BTreeMap<u32, DossierFiles<'lot>>,
    /// The role of each file of the lot, in lot order, with its dossier number.
    pub roles: Vec<(FileRole, Option<u32>)>,
}

/// Sorts `lot`, the files of lot `input`, into an inventory and raises every inventory finding.
pub fn take<'lot>(input: &str, lot: &'lot [LotFile], c: &mut Collector) -> Inventory<'lot> {
    let mut inventory = Inventory::default();
    let mut headers = Vec::new();
    // The first file of each name ignoring case: its exact name and its role.
    let mut seen: HashMap<String, (&str, (FileRole, Option<u32>))> = HashMap::new();
    for file in lot {
        let name = file.name.as_str();
        if let Some((first, role)) = seen.get(&name.to_ascii_lowercase()) {
            let message =
                format!("`{name}` appears twice in the lot (names compared ignoring case); the second is ignored");
            c.raise(Check::InventoryDuplicate, Level::Header, Location::file(name), message);
            inventory.roles.push(if *first == name { *role } else { (FileRole::Stray, None) });
            continue;
        }
        let role = sort_file(file, &mut inventory, &mut headers, c);
        seen.insert(name.to_ascii_lowercase(), (name, role));
        inventory.roles.push(role);
    }
    if headers.len() > 1 {
        // With no one header, a header-named file is no more the lot's header than a stray.
        for (role, _) in inventory.roles.iter_mut().filter(|(role, _)| *role == FileRole::Header) {
            *role = FileRole::Stray;
        }
    }
    match headers.as_slice() {
        [one] => inventory.header = Some(one.clone()),
        [] => {
            let example = c.dictionary.file_name(FileNameKind::Header).example;
            let message = format!("the lot has no header file (a name like `{example}`)");
            c.raise(Check::InventoryHeader, Level::Header, Location::file(input), message);
        }
        [first, rest @ ..] => {
            for other in rest {
                let message = format!("a second header file; the lot already has `{}`", first.file.name);
                c.raise(Check::InventoryHeader, Level::Header, Location::file(&other.file.name), message);
            }
        }
    }
    numbering(&inventory, c);
    inventory
}

/// Files `file` by its name's pattern and returns its role.
fn sort_file<'lot>(
    file: &'lot LotFile,
    inventory: &mut Inventory<'lot>,
    headers: &mut Vec<HeaderFile<'lot>>,
    c: &mut Collector,
) -> (FileRole, Option<u32>) {
    let d = c.dictionary;
    let name = file.name.as_str();
    let (header, index, pj) =
        (d.file_name(FileNameKind::Header), d.file_name(FileNameKind::Index), d.file_name(FileNameKind::Pj));
    let captured = |caps: &regex::Captures<'_>, group: &str| caps.name(group).map_or("", |m| m.as_str()).to_owned();
    if let Some(caps) = header.captures(name) {
        extension(name, &captured(&caps, "extension"), header.canonical_extension, c);
        let (exercice, compostage) = (captured(&caps, "exercice"), captured(&caps, "compostage"));
        headers.push(HeaderFile { file, exercice, compostage });
        (FileRole::Header, None)
    } else if let Some(caps) = index.captures(name) {
        extension(name, &captured(&caps, "extension"), index.canonical_extension, c);
        let number = captured(&caps, "dossier").parse().unwrap_or(0);
        inventory.dossiers.entry(number).or_default().index = Some(file);
        (FileRole::Index, Some(number))
    } else if let Some(caps) = pj.captures(name) {
        extension(name, &captured(&caps, "extension"), pj.canonical_extension, c);
        let number = captured(&caps, "dossier").parse().unwrap_or(0);
        let indice = captured(&caps, "indice").parse().unwrap_or(0);
        inventory.dossiers.entry(number).or_default().pjs.insert(indice, file);
        (FileRole::Pj, Some(number))
    } else {
        let examples = [header.example, index.example, pj.example].join("`, `");
        let message = format!("`{name}` matches no file name of a lot (`{examples}`)");
        c.raise(Check::InventoryStray, Level::Header, Location::file(name), message);
        (FileRole::Stray, None)
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
fn numbering(inventory: &Inventory<'_>, c: &mut Collector) {
    let mut expected = 1;
    for (&number, files) in &inventory.dossiers {
        match files.index {
            Some(index) => {
                if number != expected {
                    let message = format!(
                        "dossier files are numbered from 001 without gaps: expected {expected:03}, found {number:03}"
                    );
                    c.raise(Check::InventoryNumbering, Level::Header, Location::file(&index.name), message);
                }
                expected = number + 1;
                if files.pjs.is_empty() {
                    let message = format!("dossier {number:03} has an index file but no PJ file");
                    c.raise(Check::InventoryPjMissing, Level::Dossier, Location::file(&index.name), message);
                }
            }
            None => {
                for pj in files.pjs.values() {
                    let message = format!("`{}` belongs to dossier {number:03}, which has no index file", pj.name);
                    c.raise(Check::InventoryNumbering, Level::Header, Location::file(&pj.name), message);
                }
            }
        }
    }
}

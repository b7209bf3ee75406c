//! The inventory of a lot: which file is the header, which are the index and PJ files of each dossier,
//! and what is stray, duplicated, misnumbered or missing (file-names.csv patterns).

use super::{Collector, stage};
use crate::outcome::FileRole;
use scor_dictionary::schema::Captures;
use scor_dictionary::{Check, FileNameKind, Level, Limit, Location};
use scor_locale::text;
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
    /// The index file, when the lot holds it but a limit kept it from being read.
    pub unread_index: Option<String>,
    /// PJ files the lot holds but a limit kept from being read, by indice.
    pub unread_pjs: BTreeMap<u32, String>,
}

impl DossierFiles<'_> {
    /// Whether the lot holds the dossier's index file, read or not.
    pub fn has_index(&self) -> bool {
        self.index.is_some() || self.unread_index.is_some()
    }

    /// Whether the lot holds PJ file `indice`, read or not.
    pub fn has_pj(&self, indice: u32) -> bool {
        self.pjs.contains_key(&indice) || self.unread_pjs.contains_key(&indice)
    }
}

/// What a limit kept from being read: the names of the files it held back, and whether the lot's
/// listing is whole all the same (false when the reading stopped before every name was seen).
#[derive(Debug, Clone, Copy)]
pub struct Unread<'a> {
    pub names: &'a [String],
    /// The limit that stopped the reading, if one did.
    pub limit: Option<Limit>,
    pub listing_complete: bool,
}

impl Unread<'_> {
    /// Nothing held back.
    pub const NONE: Unread<'static> = Unread { names: &[], limit: None, listing_complete: true };
}

/// What each file of a lot is.
#[derive(Debug, Default)]
pub struct Inventory<'lot> {
    /// The one header file, when there is exactly one.
    pub header: Option<HeaderFile<'lot>>,
    /// A header file the lot holds but a limit kept from being read.
    pub unread_header: Option<String>,
    pub dossiers: BTreeMap<u32, DossierFiles<'lot>>,
    /// The role of each file of the lot, in lot order, with its dossier number.
    pub roles: Vec<(FileRole, Option<u32>)>,
    /// Whether the lot's listing is whole: only then can a file be said to be missing.
    pub complete: bool,
    /// The lot is given before sealing: dossier files are named `D-nnn.xml` and `P-nnn-iii.pdf`.
    pub plain: bool,
}

impl Inventory<'_> {
    /// The file-name patterns of a dossier's index and PJ files (sealed, or plain before sealing).
    fn dossier_patterns(&self) -> (FileNameKind, FileNameKind) {
        if self.plain {
            (FileNameKind::IndexPlain, FileNameKind::PjPlain)
        } else {
            (FileNameKind::Index, FileNameKind::Pj)
        }
    }
}

/// Sorts `lot`, the files of lot `input` (and the names of those a limit held back), into an
/// inventory and raises every inventory finding. A file is said missing only when the listing is whole.
pub fn take<'lot>(
    input: &str,
    lot: &'lot [LotFile],
    unread: Unread<'_>,
    plain: bool,
    c: &mut Collector,
) -> Inventory<'lot> {
    let mut inventory = Inventory { complete: unread.listing_complete, plain, ..Inventory::default() };
    let mut headers = Vec::new();
    // The first file of each name ignoring case: its exact name and its role.
    let mut seen: HashMap<String, (&str, (FileRole, Option<u32>))> = HashMap::new();
    for file in lot {
        let name = file.name.as_str();
        if let Some((first, role)) = seen.get(&name.to_ascii_lowercase()) {
            let message = text!("inventory-duplicate", name = name);
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
    for name in unread.names {
        sort_unread(name, &mut inventory, c);
    }
    match headers.as_slice() {
        [one] => inventory.header = Some(one.clone()),
        [] if inventory.unread_header.is_some() || !inventory.complete => {}
        [] => {
            let example = c.dictionary.file_name(FileNameKind::Header).example;
            let message = text!("inventory-no-header", example = example);
            c.raise(Check::InventoryHeader, Level::Header, Location::file(input), message);
        }
        [first, rest @ ..] => {
            for other in rest {
                let message = text!("inventory-second-header", first = first.file.name.as_str());
                c.raise(Check::InventoryHeader, Level::Header, Location::file(&other.file.name), message);
            }
        }
    }
    if inventory.complete {
        numbering(&inventory, c);
    } else if let Some(limit) = unread.limit {
        c.skip(
            input,
            &[stage::XML, stage::HEADER, stage::ENVELOPE, stage::INDEX, stage::PJ, stage::PDF, stage::QUALITY],
            text!("skip-inventory-missing"),
            text!("reason-lot-limit", limit = limit.as_str()),
        );
    }
    inventory
}

/// Files a name the lot holds but a limit kept from being read; it counts as present.
fn sort_unread(name: &str, inventory: &mut Inventory<'_>, c: &Collector) {
    let d = c.dictionary;
    let part = |caps: &Captures<'_>, group: &str| caps.name(group).and_then(|m| m.as_str().parse().ok());
    let (index, pj) = inventory.dossier_patterns();
    if d.file_name(FileNameKind::Header).captures(name).is_some() {
        inventory.unread_header.get_or_insert_with(|| name.to_owned());
    } else if let Some(caps) = d.file_name(index).captures(name) {
        let number = part(&caps, "dossier").unwrap_or(0);
        inventory.dossiers.entry(number).or_default().unread_index = Some(name.to_owned());
    } else if let Some(caps) = d.file_name(pj).captures(name) {
        let (number, indice) = (part(&caps, "dossier").unwrap_or(0), part(&caps, "indice").unwrap_or(0));
        inventory.dossiers.entry(number).or_default().unread_pjs.insert(indice, name.to_owned());
    }
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
    let (index, pj) = inventory.dossier_patterns();
    let (header, index, pj) = (d.file_name(FileNameKind::Header), d.file_name(index), d.file_name(pj));
    let captured = |caps: &Captures<'_>, group: &str| caps.name(group).map_or("", |m| m.as_str()).to_owned();
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
        let message = text!("inventory-stray", name = name, examples = examples);
        c.raise(Check::InventoryStray, Level::Header, Location::file(name), message);
        (FileRole::Stray, None)
    }
}

fn extension(name: &str, found: &str, canonical: &str, c: &mut Collector) {
    if found != canonical {
        let message = text!("inventory-extension", found = found, canonical = canonical);
        c.raise(Check::InventoryExtension, Level::Header, Location::file(name), message);
    }
}

/// Dossiers numbered 1, 2, 3… with no gap; every PJ file in a dossier that has an index; every index
/// with at least one PJ file.
fn numbering(inventory: &Inventory<'_>, c: &mut Collector) {
    let mut expected = 1;
    for (&number, files) in &inventory.dossiers {
        let index = files.index.map(|f| f.name.as_str()).or(files.unread_index.as_deref());
        match index {
            Some(index) => {
                if number != expected {
                    let message = text!(
                        "inventory-numbering",
                        expected = format!("{expected:03}"),
                        found = format!("{number:03}")
                    );
                    c.raise(Check::InventoryNumbering, Level::Header, Location::file(index), message);
                }
                expected = number + 1;
                if files.pjs.is_empty() && files.unread_pjs.is_empty() {
                    let message = text!("inventory-no-pj", number = format!("{number:03}"));
                    c.raise(Check::InventoryPjMissing, Level::Dossier, Location::file(index), message);
                }
            }
            None => {
                for pj in files.pjs.values() {
                    let message = text!("inventory-no-index", name = pj.name.as_str(), number = format!("{number:03}"));
                    c.raise(Check::InventoryNumbering, Level::Header, Location::file(&pj.name), message);
                }
            }
        }
    }
}

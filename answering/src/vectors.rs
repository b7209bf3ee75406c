//! Golden ARL vectors generated from the diagnostic table: one return per code, at the level of that
//! code, plus a multi-dossier case; written with a fixed date so that they are deterministic. Each
//! dictionary version has its own folder, `generated/vectors/<version>/arl/`.

use crate::causes::level;
use crate::compose::{self, DossierDiagnostic, Exchange};
use scor_dictionary::latest::DICTIONARY;
use scor_dictionary::schema::CodeEntry;
use scor_dictionary::{CodeListKey, DICTIONARIES, Dictionary, FileNameKind};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Where the vectors of dictionary `version` live, from the repository root.
pub fn folder(version: &str) -> String {
    format!("generated/vectors/{version}/arl")
}

/// The fixed date of every vector: 2026-01-15T10:30:00 UTC.
pub const DATE: i64 = 1_768_473_000;

/// One golden vector: a return message and the classification it must get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vector {
    /// File name, `<code>-<outcome>.eml`.
    pub name: String,
    /// The diagnostic code the vector stands for.
    pub code: &'static str,
    /// The level of the diagnostic table the classification must have (`accepted`, `header`,
    /// `dossiers`, `service`): a `dossier` code is read within a `dossiers` rejection.
    pub expected_level: &'static str,
    /// The dossier causes the rejection must list, in order.
    pub expected_dossier_causes: Vec<&'static str>,
    pub message: Vec<u8>,
}

/// Every vector of the diagnostic table of the newest dictionary, in table order.
pub fn vectors() -> Result<Vec<Vector>, String> {
    vectors_of(&DICTIONARY)
}

/// Every vector of the diagnostic table of `dictionary`, in table order.
pub fn vectors_of(dictionary: &'static Dictionary) -> Result<Vec<Vector>, String> {
    let entries = dictionary.code_list(CodeListKey::Diagnostic).entries;
    let dossiers_cause = entries.iter().find(|e| level(e) == "dossiers").ok_or("no code of level dossiers")?;
    let dossier_codes: Vec<&'static CodeEntry> = entries.iter().filter(|e| level(e) == "dossier").collect();
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let exchange = exchange(dictionary, index + 1, entry.code);
            match level(entry) {
                "dossiers" => multi_dossier(dictionary, &exchange, entry, &dossier_codes),
                "dossier" => single_dossier(dictionary, &exchange, dossiers_cause, entry),
                "service" => Ok(Vector {
                    name: format!("{}-service-message.eml", entry.code),
                    code: entry.code,
                    expected_level: "service",
                    expected_dossier_causes: Vec::new(),
                    message: compose::service_message(&exchange, entry),
                }),
                level @ ("accepted" | "header") => {
                    let outcome = if level == "header" { "header-rejection" } else { "accepted" };
                    Ok(Vector {
                        name: format!("{}-{outcome}.eml", entry.code),
                        code: entry.code,
                        expected_level: level,
                        expected_dossier_causes: Vec::new(),
                        message: arl(&exchange, entry, &[])?,
                    })
                }
                other => Err(format!("code {} has level {other:?}, which no vector is written for", entry.code)),
            }
        })
        .collect()
}

/// A dossier rejection of dossier 001, naming the file the code names.
fn single_dossier(
    dictionary: &Dictionary,
    exchange: &Exchange,
    header: &'static CodeEntry,
    entry: &'static CodeEntry,
) -> Result<Vector, String> {
    let file = file_for(dictionary, entry, 1);
    let dossiers = [DossierDiagnostic { numero: 1, file: &file, cause: entry }];
    Ok(Vector {
        name: format!("{}-dossier-rejection.eml", entry.code),
        code: entry.code,
        expected_level: "dossiers",
        expected_dossier_causes: vec![entry.code],
        message: arl(exchange, header, &dossiers)?,
    })
}

/// The dossiers cause's vector: a lot of 3 dossiers, dossiers 001 and 003 rejected with the first and
/// the last dossier codes of the table.
fn multi_dossier(
    dictionary: &Dictionary,
    exchange: &Exchange,
    header: &'static CodeEntry,
    codes: &[&'static CodeEntry],
) -> Result<Vector, String> {
    let (Some(first), Some(last)) = (codes.first(), codes.last()) else {
        return Err("the diagnostic table has no code of level dossier".to_owned());
    };
    let (file_1, file_3) = (file_for(dictionary, first, 1), file_for(dictionary, last, 3));
    let dossiers = [
        DossierDiagnostic { numero: 1, file: &file_1, cause: first },
        DossierDiagnostic { numero: 3, file: &file_3, cause: last },
    ];
    Ok(Vector {
        name: format!("{}-dossier-rejection-multi.eml", header.code),
        code: header.code,
        expected_level: "dossiers",
        expected_dossier_causes: vec![first.code, last.code],
        message: arl(exchange, header, &dossiers)?,
    })
}

fn arl(exchange: &Exchange, cause: &'static CodeEntry, dossiers: &[DossierDiagnostic<'_>]) -> Result<Vec<u8>, String> {
    compose::arl_message(exchange, cause, dossiers).map_err(|e| format!("code {}: {e}", cause.code))
}

/// The file of dossier `numero` a diagnostic of `entry` names: its index, or its first PJ (the
/// file-name row's example with the dossier number and PJ indice put in).
fn file_for(dictionary: &Dictionary, entry: &CodeEntry, numero: u32) -> String {
    let kind = if entry.extra("file").first() == Some(&"pj") { FileNameKind::Pj } else { FileNameKind::Index };
    let numero = format!("{numero:03}");
    compose::fill(dictionary.file_name(kind), &[("dossier", &numero), ("indice", "001")])
}

/// The fixed parties and identifiers of vector number `sequence`.
fn exchange(dictionary: &Dictionary, sequence: usize, code: &str) -> Exchange {
    let route = dictionary.routes.first().expect("the routing table has addresses");
    Exchange {
        lot: format!("565038410-20260115090000{sequence:05}"),
        lot_temps: "2026-01-15T09:00:00".to_owned(),
        arl: format!("20260115103000{sequence:05}"),
        arl_temps: "2026-01-15T10:30:00".to_owned(),
        regime: route.regime.to_owned(),
        organisme: route.code.to_owned(),
        ps: "565038410".to_owned(),
        ps_address: "ps.565038410@cabinet.example".to_owned(),
        organism_address: route.address.to_owned(),
        date: DATE,
        message_id: format!("{code}.{sequence:05}.arl@scor-kit.invalid"),
    }
}

/// The vectors of every dictionary version, each in its folder under `root` (or, with `check`,
/// compared). Returns what was (or would be) changed, as paths from `root`.
pub fn sync_all(root: &Path, check: bool) -> Result<Vec<String>, String> {
    let mut changed = Vec::new();
    for dictionary in DICTIONARIES.iter().copied() {
        let folder = folder(dictionary.version);
        let changes = sync_of(&root.join(&folder), dictionary, check)?;
        changed.extend(changes.into_iter().map(|change| format!("{folder}/{change}")));
    }
    Ok(changed)
}

/// Writes the vectors of the newest dictionary into `folder` (or, with `check`, compares them).
pub fn sync(folder: &Path, check: bool) -> Result<Vec<String>, String> {
    sync_of(folder, &DICTIONARY, check)
}

/// Writes the vectors of `dictionary` into `folder` (or, with `check`, compares them) and removes (or
/// reports) the `.eml` files no code produces any more. Returns what was (or would be) changed.
pub fn sync_of(folder: &Path, dictionary: &'static Dictionary, check: bool) -> Result<Vec<String>, String> {
    let wanted: BTreeMap<String, Vec<u8>> = vectors_of(dictionary)?.into_iter().map(|v| (v.name, v.message)).collect();
    let mut changed = Vec::new();
    for (name, bytes) in &wanted {
        let path = folder.join(name);
        let current = fs::read(&path).ok();
        if current.as_deref() == Some(bytes.as_slice()) {
            continue;
        }
        changed.push(format!("{name} ({})", if current.is_some() { "differs" } else { "missing" }));
        if !check {
            fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
            fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    for orphan in existing(folder)?.into_iter().filter(|name| !wanted.contains_key(name)) {
        changed.push(format!("{orphan} (no code of the table produces it any more)"));
        if !check {
            let path = folder.join(&orphan);
            fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(changed)
}

/// The `.eml` files of `folder` (none when it does not exist).
fn existing(folder: &Path) -> Result<Vec<String>, String> {
    let Ok(entries) = fs::read_dir(folder) else { return Ok(Vec::new()) };
    let mut names = Vec::new();
    for entry in entries {
        let name = entry.map_err(|e| format!("{}: {e}", folder.display()))?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".eml") {
            names.push(name);
        }
    }
    Ok(names)
}

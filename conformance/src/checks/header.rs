//! The lot header (ENTSCANORDO): the generated validator first, then the rules that tie its fields to
//! each other, to the file names, to the calendar and to the code lists' requirements and dates.

use super::inventory::{DossierFiles, Inventory};
use super::{Collector, deprecation, requires, stage};
use crate::calendar::day_number;
use crate::document::Document;
use crate::header::{Header, HeaderDossier, HeaderPiece};
use scor_dictionary::{Check, CodeListKey, Level, Limit, Location, Options, Profil};
use scor_locale::{Text, text};
use scor_lot::LotFile;

/// Validates the header and runs every cross-field rule; `None` when it could not be read far enough.
pub fn check(file: &LotFile, inventory: &Inventory<'_>, reveal: bool, c: &mut Collector) -> Option<Header> {
    let (bytes, file) = (file.bytes.as_slice(), file.name.as_str());
    let schema = c.dictionary.message(Profil::Entscanordo);
    let (findings, document) = Document::validate(schema, file, bytes, Options { reveal_patient_data: reveal });
    let unreadable = super::unreadable(c.dictionary, &findings);
    c.findings.extend(findings);
    if unreadable {
        c.skip(
            file,
            &[stage::HEADER, stage::ENVELOPE, stage::XML, stage::INDEX, stage::PJ, stage::PDF, stage::QUALITY],
            text!("skip-header-rules"),
            text!("reason-header-unreadable"),
        );
        return None;
    }
    let mut header = Header::new(document()?, c.dictionary);
    identification(&header, c);
    file_name(&header, inventory, c);
    lot_counts(&header, c);
    dossier_numbers(&header, inventory, c);
    pieces(&header, inventory, c);
    dates(&header, c);
    requires::check(&header, c);
    header.route = route(&header, c);
    deprecation::check(&header, c);
    Some(header)
}

fn location(header: &Header, id: &str) -> Location {
    header.document.field(id).map_or_else(|| header.document.root_location(), |e| header.document.location(e))
}

/// EF_PA_001_01 starts with the PS number (its pattern's `ps` part) of EF_PA_002_01.
fn identification(header: &Header, c: &mut Collector) {
    let schema = header.document.schema;
    let (Some(identification), Some(ps)) = (header.value("EF_PA_001_01"), header.value("EF_PA_002_01")) else {
        return;
    };
    let Some((_, regex)) = schema.field("EF_PA_001_01").and_then(|f| f.pattern) else { return };
    let Some(prefix) = regex.captures(identification).and_then(|caps| caps.name("ps")) else { return };
    if prefix.as_str() != ps {
        let message = text!("header-identification", prefix = prefix.as_str(), ps = ps);
        c.raise(Check::HeaderIdentification, Level::Header, location(header, "EF_PA_001_01"), message);
    }
}

/// Exercice and Compostage equal the parts of the header's file name.
fn file_name(header: &Header, inventory: &Inventory<'_>, c: &mut Collector) {
    let Some(name) = &inventory.header else { return };
    let (exercice, compostage) = (&name.exercice, &name.compostage);
    for (id, expected, part) in [("EF_PA_001_05", exercice, "Exercice"), ("EF_PA_001_06", compostage, "Compostage")] {
        if let Some(value) = header.value(id)
            && value != expected
        {
            let message = text!("header-file-name", part = part, value = value, expected = expected.as_str());
            let finding = c.raise(Check::HeaderFileName, Level::Header, location(header, id), message);
            finding.element = Some(id);
        }
    }
}

/// NombreDossiers = number of Dossier elements; IndexLot ≤ NombreLots.
fn lot_counts(header: &Header, c: &mut Collector) {
    if let Some(count) = header.value("EF_PA_001_09").and_then(|v| v.parse::<usize>().ok())
        && count != header.dossiers.len()
    {
        let message = text!("header-dossier-count", count = count, found = header.dossiers.len());
        c.raise(Check::HeaderDossierCount, Level::Header, location(header, "EF_PA_001_09"), message);
    }
    let index = header.value("EF_PA_001_07").and_then(|v| v.parse::<u32>().ok());
    let count = header.value("EF_PA_001_08").and_then(|v| v.parse::<u32>().ok());
    if let (Some(index), Some(count)) = (index, count)
        && index > count
    {
        let message = text!("header-index-lot", index = index, count = count);
        c.raise(Check::HeaderIndexLot, Level::Header, location(header, "EF_PA_001_07"), message);
    }
}

/// Dossier numbers run 1, 2, 3… in order, and match the index files of the lot.
fn dossier_numbers(header: &Header, inventory: &Inventory<'_>, c: &mut Collector) {
    for (position, dossier) in header.dossiers.iter().enumerate() {
        let expected = u32::try_from(position + 1).unwrap_or(u32::MAX);
        let at = header.document.location(&dossier.element);
        match dossier.number {
            Some(number) if number != expected => {
                let message = text!(
                    "header-dossier-number",
                    number = format!("{number:03}"),
                    expected = format!("{expected:03}")
                );
                c.raise(Check::HeaderDossierNumbers, Level::Header, at.clone(), message);
            }
            _ => {}
        }
        if let Some(number) = dossier.number
            && inventory.complete
            && inventory.dossiers.get(&number).is_none_or(|files| !files.has_index())
        {
            let message = text!("header-dossier-without-index", number = format!("{number:03}"));
            c.raise(Check::InventoryHeaderMismatch, Level::Header, at, message);
        }
    }
    for (number, files) in &inventory.dossiers {
        if let Some(index) = files.index
            && header.dossier(*number).is_none()
        {
            let message = text!("dossier-not-announced", number = format!("{number:03}"));
            c.raise(Check::InventoryHeaderMismatch, Level::Header, Location::file(&index.name), message);
        }
    }
}

/// Piece indices unique and starting at `indice_min`; INTERNE pieces have a PJ file, Taille and
/// Empreinte; EXTERNE pieces have none of them; every PJ file is announced.
fn pieces(header: &Header, inventory: &Inventory<'_>, c: &mut Collector) {
    let first = c.dictionary.limit(Limit::IndiceMin);
    let empty = Default::default();
    for dossier in &header.dossiers {
        let files = dossier.number.and_then(|n| inventory.dossiers.get(&n)).unwrap_or(&empty);
        let mut seen = std::collections::BTreeSet::new();
        for piece in &dossier.pieces {
            let at = header.document.location(&piece.element);
            if let Some(indice) = piece.indice
                && !seen.insert(indice)
            {
                c.raise(
                    Check::HeaderPieceIndices,
                    Level::Header,
                    at.clone(),
                    text!("piece-indice-twice", indice = format!("{indice:03}")),
                );
            }
            lien(header, piece, c);
            if piece.in_lot
                && inventory.complete
                && let (Some(number), Some(indice)) = (dossier.number, piece.indice)
                && !files.has_pj(indice)
            {
                let message =
                    text!("piece-without-pj-file", indice = format!("{indice:03}"), number = format!("{number:03}"));
                c.raise(Check::InventoryHeaderMismatch, Level::Header, at, message);
            }
        }
        indices_in_order(header, dossier, &seen, first, c);
        natures(header, dossier, files, c);
        for (indice, file) in &files.pjs {
            let announced = dossier.pieces.iter().any(|p| p.in_lot && p.indice == Some(*indice));
            if !announced {
                let message = text!("pj-file-not-announced");
                c.raise(Check::InventoryHeaderMismatch, Level::Header, Location::file(&file.name), message);
            }
        }
    }
}

/// Piece indices start at `indice_min` and leave no gap (seed 003 §7.1: the order number of the PJ).
fn indices_in_order(
    header: &Header,
    dossier: &HeaderDossier,
    seen: &std::collections::BTreeSet<u32>,
    first: u64,
    c: &mut Collector,
) {
    let Some(&lowest) = seen.first() else { return };
    let at = header.document.location(&dossier.element);
    if u64::from(lowest) != first {
        let message = text!("piece-indices-start", lowest = format!("{lowest:03}"), first = format!("{first:03}"));
        c.raise(Check::HeaderPieceIndices, Level::Header, at.clone(), message);
    }
    let gaps: Vec<Text> = seen
        .iter()
        .zip(seen.iter().skip(1))
        .filter(|(a, b)| **b > **a + 1)
        .map(|(a, b)| text!("piece-indices-range", from = format!("{:03}", a + 1), to = format!("{:03}", b - 1)))
        .collect();
    if !gaps.is_empty() {
        let message = text!("piece-indices-gap", gaps = super::list(gaps));
        c.raise(Check::HeaderPieceIndices, Level::Header, at, message);
    }
}

/// At most `max_per_dossier` PJ carried in the lot of each nature in a dossier (codes/nature-pj.csv); the piece past
/// the maximum is named by its PJ file, else by a PJ file of the same nature, else by the index.
fn natures(header: &Header, dossier: &HeaderDossier, files: &DossierFiles<'_>, c: &mut Collector) {
    let group = header.document.group_of("EF_PA_005_02").unwrap_or_default();
    let mut counts: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    // A piece referring to a PJ already sent (EXTERNE) adds no PDF to the dossier.
    for piece in dossier.pieces.iter().filter(|p| p.in_lot) {
        let Some(nature) = header.document.field_in(&piece.element, group, "EF_PA_005_02") else { continue };
        let Some(entry) = c.dictionary.code_list(CodeListKey::NaturePj).get(&nature.text) else { continue };
        let Some(max) = entry.bound("max_per_dossier") else { continue };
        let count = counts.entry(entry.code).or_default();
        *count += 1;
        if *count == max + 1 {
            let of_nature = |p: &&HeaderPiece| {
                header.document.field_in(&p.element, group, "EF_PA_005_02").is_some_and(|n| n.text == entry.code)
            };
            let file = piece
                .indice
                .and_then(|i| files.pjs.get(&i).copied())
                .or_else(|| dossier.pieces.iter().filter(of_nature).find_map(|p| files.pjs.get(&p.indice?).copied()))
                .or(files.index)
                .map(|f| f.name.as_str());
            let location = file.map_or_else(|| header.document.location(&piece.element), Location::file);
            let message = text!(
                "pj-nature-count",
                dossier = dossier.number.map_or_else(|| "?".to_owned(), |n| format!("{n:03}")),
                max = max,
                nature = entry.code,
                label = entry.label
            );
            c.raise(Check::PjNatureCount, Level::Dossier, location, message).element = Some("EF_PA_005_02");
        }
    }
}

/// INTERNE pieces carry Taille and Empreinte; EXTERNE pieces carry neither.
fn lien(header: &Header, piece: &HeaderPiece, c: &mut Collector) {
    let document = &header.document;
    let Some(group) = document.group_of("EF_PA_005_01") else { return };
    let has = |id| document.field_in(&piece.element, group, id).is_some();
    let (size, digest) = (has("EF_PA_005_05"), has("EF_PA_005_06"));
    let at = document.location(&piece.element);
    if piece.in_lot && !(size && digest) {
        c.raise(Check::HeaderLien, Level::Header, at, text!("piece-interne-without-size"));
    } else if !piece.in_lot && (size || digest) {
        c.raise(Check::HeaderLien, Level::Header, at, text!("piece-externe-with-size"));
    }
}

/// Temps is not before the FSE lot's DateEnvoi, and at most `pj_lot_max_days_after_invoice` days after
/// each invoice (and not before it).
fn dates(header: &Header, c: &mut Collector) {
    let Some(sent) = header.value("EF_PA_001_02").and_then(day_number) else { return };
    if let Some(fse) = header.value("EF_PA_001_11").and_then(day_number)
        && sent < fse
    {
        let message = text!("lot-before-fse");
        c.raise(Check::HeaderDateFse, Level::Header, location(header, "EF_PA_001_02"), message);
    }
    let max_days = i64::try_from(c.dictionary.limit(Limit::PjLotMaxDaysAfterInvoice)).unwrap_or(i64::MAX);
    let Some(group) = header.document.group_of("EF_PA_004_03") else { return };
    for dossier in &header.dossiers {
        let Some(element) = header.document.field_in(&dossier.element, group, "EF_PA_004_03") else { continue };
        let Some(invoice) = day_number(&element.text) else { continue };
        let days = sent - invoice;
        let message = if days > max_days {
            text!("lot-after-invoice", days = days, invoice = element.text.as_str(), max = max_days)
        } else if days < 0 {
            text!("lot-before-invoice", invoice = element.text.as_str())
        } else {
            continue;
        };
        c.raise(Check::HeaderDateInvoice, Level::Header, header.document.location(element), message);
    }
}

/// The routing address of Destinataire (CodeRegime, CodeOrganisme) in the routing table.
fn route(header: &Header, c: &mut Collector) -> Option<&'static str> {
    let regime = header.value("EF_PA_001_16")?;
    let code = header.value("EF_PA_001_17")?;
    match c.dictionary.route(regime, code) {
        Some(route) => Some(route.address),
        None => {
            let message = text!("routing-unknown", regime = regime, code = code);
            c.raise(Check::RoutingUnknown, Level::Header, location(header, "EF_PA_001_17"), message);
            None
        }
    }
}

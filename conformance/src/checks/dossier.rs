//! One dossier: each file opened ([`super::envelope`]), the index (SCANORDO) validated and tied to the
//! header (dossier number, invoice, PS, NIR key, PJ identifiers); PJ files go to [`super::pj`].

use super::envelope::{self, Opening};
use super::inventory::DossierFiles;
use super::{Collector, Context, history, in_header, stage};
use crate::document::Document;
use crate::header::{Header, HeaderDossier};
use crate::outcome::FileRole;
use rayon::prelude::*;
use scor_dictionary::{Check, Level, Limit, Location, Options, Profil};
use scor_locale::text;
use scor_lot::files::LotFile;

/// A file of a dossier once decrypted: what reports say of it.
#[derive(Debug, Clone)]
pub struct Opened<'lot> {
    pub file: &'lot LotFile,
    pub role: FileRole,
    /// Size of the decrypted content.
    pub plain_bytes: u64,
    /// Page count of a PJ that parsed as PDF.
    pub pages: Option<u32>,
}

/// Checks the index and PJ files of dossier `number`; returns each file it could decrypt. The index and
/// each PJ are opened and checked in parallel, each into its own collector, then gathered in file order
/// (index, then PJ by indice), so findings do not depend on scheduling.
pub fn check<'lot>(number: u32, files: &DossierFiles<'lot>, cx: Context<'_>, c: &mut Collector) -> Vec<Opened<'lot>> {
    let header_dossier = cx.header.and_then(|h| h.dossier(number));
    let dictionary = c.dictionary;
    let ((index_own, index), pjs) = rayon::join(
        || apart(dictionary, |own| index(number, files.index?, header_dossier, cx, own)),
        || {
            let pjs = files.pjs.par_iter();
            pjs.map(|(indice, file)| apart(dictionary, |own| pj(file, *indice, header_dossier, cx, own)))
                .collect::<Vec<_>>()
        },
    );
    let (index_opened, index_document) = index.unzip();
    let mut opened = Vec::new();
    for (own, file) in std::iter::once((index_own, index_opened)).chain(pjs) {
        c.merge(own);
        opened.extend(file);
    }
    let index_document = index_document.flatten();
    if let (Some(header), Some(dossier)) = (cx.header, header_dossier) {
        identifiers(header, dossier, files, index_document.as_ref(), cx, c);
    }
    opened
}

/// What `check` gives, with the collector it raised into.
fn apart<T>(
    dictionary: &'static scor_dictionary::Dictionary,
    check: impl FnOnce(&mut Collector) -> T,
) -> (Collector, T) {
    let mut own = Collector::new(dictionary);
    let checked = check(&mut own);
    (own, checked)
}

/// Opens the index and checks it: what reports say of it, and the index read when it could be.
fn index<'lot>(
    number: u32,
    file: &'lot LotFile,
    header_dossier: Option<&HeaderDossier>,
    cx: Context<'_>,
    c: &mut Collector,
) -> Option<(Opened<'lot>, Option<Document>)> {
    let limit = c.dictionary.xml_limits.max_bytes;
    let plain = envelope::open(file, cx, limit, too_large_index(file, limit), c).plain()?;
    let opened = Opened { file, role: FileRole::Index, plain_bytes: plain.len() as u64, pages: None };
    Some((opened, check_index(number, file, &plain, header_dossier, cx, c)))
}

/// Opens PJ `indice` and checks it; what reports say of it when it could be decrypted.
fn pj<'lot>(
    file: &'lot LotFile,
    indice: u32,
    header_dossier: Option<&HeaderDossier>,
    cx: Context<'_>,
    c: &mut Collector,
) -> Option<Opened<'lot>> {
    let (limit, nature) = super::pj::max_bytes(c.dictionary, cx.header, header_dossier, indice);
    match envelope::open(file, cx, limit, too_large_pj(file, limit, nature), c) {
        Opening::Plain(plain) => {
            let pages = super::pj::check(file, &plain, indice, header_dossier, cx, c);
            Some(Opened { file, role: FileRole::Pj, plain_bytes: plain.len() as u64, pages })
        }
        Opening::Sealed(sealed) => {
            super::pj::sealed_size(file, &sealed, indice, header_dossier, cx, c);
            None
        }
        Opening::Failed => None,
    }
}

/// A PJ over its limit once decrypted: a PJ-size finding, not an envelope one.
fn too_large_pj<'a>(file: &'a LotFile, limit: u64, nature: Option<&str>) -> impl FnOnce(&mut Collector, u64) + 'a {
    let nature = nature.map(str::to_owned);
    move |c, at_least| {
        let message = match nature {
            Some(nature) => text!("pj-decrypted-too-large-nature", size = at_least, limit = limit, nature = nature),
            None => text!("pj-decrypted-too-large", size = at_least, limit = limit, name = Limit::PjMaxBytes.as_str()),
        };
        c.raise(Check::PjSize, Level::Dossier, Location::file(&file.name), message);
    }
}

/// An index over the XML reading limit once decrypted.
fn too_large_index(file: &LotFile, limit: u64) -> impl FnOnce(&mut Collector, u64) + '_ {
    move |c, at_least| {
        let message =
            text!("index-decrypted-too-large", size = at_least, limit = limit, name = Limit::XmlMaxBytes.as_str());
        c.raise(Check::CmsStructure, Level::Dossier, Location::file(&file.name), message);
    }
}

/// Validates the index and ties it to its dossier in the header.
fn check_index(
    number: u32,
    file: &LotFile,
    plain: &[u8],
    dossier: Option<&HeaderDossier>,
    cx: Context<'_>,
    c: &mut Collector,
) -> Option<Document> {
    let schema = c.dictionary.message(Profil::Scanordo);
    let options = Options { reveal_patient_data: cx.reveal };
    let (findings, document) = Document::validate(schema, &file.name, plain, options);
    let unreadable = super::unreadable(c.dictionary, &findings);
    c.findings.extend(findings);
    if unreadable {
        c.skip(&file.name, &[stage::INDEX], text!("skip-index-consistency"), text!("reason-index-unreadable"));
        return None;
    }
    let document = document()?;
    nir_key(&document, cx.reveal, c);
    if let (Some(header), Some(dossier)) = (cx.header, dossier) {
        consistency(number, &document, header, dossier, c);
    }
    Some(document)
}

/// EF_IX_002_02 = 97 − (NIR mod 97), Corsican departments 2A and 2B counted as 19 and 18.
fn nir_key(index: &Document, reveal: bool, c: &mut Collector) {
    let (Some(nir), Some(key)) = (index.value("EF_IX_002_01"), index.field("EF_IX_002_02")) else { return };
    let Some(expected) = nir_key_of(nir) else { return };
    if key.text.parse::<u64>().ok() != Some(expected) {
        let message = if reveal {
            text!("nir-key-shown", key = key.text.as_str(), nir = nir, expected = format!("{expected:02}"))
        } else {
            text!("nir-key")
        };
        c.raise(Check::IndexNirKey, Level::Dossier, index.location(key), message);
    }
}

/// The key of a 13-character NIR, or `None` when it is not 13 digits (the pattern check says so).
pub fn nir_key_of(nir: &str) -> Option<u64> {
    let digits = match nir.get(5..7) {
        Some("2A") => format!("{}19{}", &nir[..5], &nir[7..]),
        Some("2B") => format!("{}18{}", &nir[..5], &nir[7..]),
        _ => nir.to_owned(),
    };
    let number: u64 = digits.parse().ok().filter(|_| digits.len() == 13)?;
    Some(97 - number % 97)
}

/// Index Identification, invoice number and date, PS number equal the header's.
fn consistency(number: u32, index: &Document, header: &Header, dossier: &HeaderDossier, c: &mut Collector) {
    let group = header.document.group_of("EF_PA_004_02").unwrap_or_default();
    let header_value = |id: &str| header.document.field_in(&dossier.element, group, id).map(|e| e.text.clone());
    let pairs = [
        ("EF_IX_001_01", Some(format!("{number:03}")), "Identification", text!("index-number-of-file-name")),
        (
            "EF_IX_003_01",
            header_value("EF_PA_004_02"),
            "NumeroFacture",
            text!("header-element", name = "NumeroFacture"),
        ),
        ("EF_IX_003_02", header_value("EF_PA_004_03"), "DateFacture", text!("header-element", name = "DateFacture")),
        (
            "EF_IX_003_03",
            header.value("EF_PA_002_01").map(str::to_owned),
            "NumeroFacturationPS",
            text!("header-ps-number"),
        ),
    ];
    for (id, expected, name, what) in pairs {
        let (Some(element), Some(expected)) = (index.field(id), expected) else { continue };
        if element.text != expected {
            let message = text!("index-differs", name = name, what = what, expected = expected);
            let finding = c.raise(Check::IndexHeader, Level::Dossier, index.location(element), message);
            finding.element = Some(id);
        }
    }
}

/// Every PJ identifier of the dossier against the header (nature, PS number, lot date) and the index
/// (régime, caisse, centre); an EXTERNE one against the history of lots.
fn identifiers(
    header: &Header,
    dossier: &HeaderDossier,
    files: &DossierFiles<'_>,
    index: Option<&Document>,
    cx: Context<'_>,
    c: &mut Collector,
) {
    let document = &header.document;
    let Some(group) = document.group_of("EF_PA_005_04") else { return };
    let Some((_, regex)) = document.schema.field("EF_PA_005_04").and_then(|f| f.pattern) else { return };
    for piece in &dossier.pieces {
        let Some(element) = document.field_in(&piece.element, group, "EF_PA_005_04") else { continue };
        // The identifier's cause (5208, index inconsistent with the header) names the dossier's index.
        let file = files.index.map_or_else(|| document.file.clone(), |index| index.name.clone());
        if !piece.in_lot {
            let dossier_file = match (dossier.number, piece.indice) {
                (Some(number), Some(indice)) => history::piece_file(c.dictionary, cx.plain, number, indice),
                _ => file.clone(),
            };
            let reference = history::Reference { header, identifier: element, dossier_file: &dossier_file };
            history::externe(reference, cx.history, c);
        }
        let Some(caps) = regex.captures(&element.text) else { continue };
        let part = |name: &str| caps.name(name).map(|m| m.as_str());
        let nature = document.field_in(&piece.element, group, "EF_PA_005_02").map(|e| e.text.as_str());
        let mut expected = vec![
            ("nature", nature, text!("identifier-piece-nature")),
            ("ps_emetteur", header.value("EF_PA_002_01"), text!("identifier-emetteur-ps")),
        ];
        if let Some(index) = index {
            expected.push(("regime", index.value("EF_IX_004_01"), text!("index-element", name = "CodeRegime")));
            expected.push(("caisse", index.value("EF_IX_004_02"), text!("index-element", name = "CodeCaisse")));
            expected.push(("centre", index.value("EF_IX_004_03"), text!("index-element", name = "CodeCentre")));
        }
        for (name, want, what) in expected {
            if let (Some(found), Some(want)) = (part(name), want)
                && found != want
            {
                let message = text!(
                    "identifier-part-differs",
                    identifier = element.text.as_str(),
                    part = name,
                    found = found,
                    what = what,
                    expected = want
                );
                c.raise(Check::PjIdentifier, Level::Dossier, in_header(&file, element), message);
            }
        }
        identifier_date(header, part("date"), element, &file, c);
    }
}

/// The identifier's date (AAAAMMJJ) is a date, not after the lot.
fn identifier_date(
    header: &Header,
    date: Option<&str>,
    element: &crate::document::Element,
    file: &str,
    c: &mut Collector,
) {
    let Some(date) = date else { return };
    let dashed =
        format!("{}-{}-{}", &date[..4.min(date.len())], date.get(4..6).unwrap_or(""), date.get(6..8).unwrap_or(""));
    let lot = header.value("EF_PA_001_02").and_then(crate::calendar::day_number);
    let message = match (crate::calendar::day_number(&dashed), lot) {
        (None, _) => text!("identifier-not-a-date", identifier = element.text.as_str(), date = date),
        (Some(day), Some(lot)) if day > lot => {
            text!("identifier-after-lot", identifier = element.text.as_str(), date = date)
        }
        _ => return,
    };
    c.raise(Check::PjIdentifier, Level::Dossier, in_header(file, element), message);
}

//! The lot header (ENTSCANORDO) once the validator has read it: the facts later checks rely on (its
//! document, routing address, dossiers and the pieces each announces).

use crate::document::{Document, Element};
use scor_dictionary::{CodeListKey, Dictionary};

/// The header's facts later checks rely on (dossier consistency, PJ digests, routing).
#[derive(Debug)]
pub struct Header {
    pub document: Document,
    /// The routing address of Destinataire, when the routing table has it.
    pub route: Option<&'static str>,
    pub dossiers: Vec<HeaderDossier>,
}

impl Header {
    /// The header of `document`, with its dossiers and pieces; the route is found by the header checks.
    pub fn new(document: Document, dictionary: &Dictionary) -> Self {
        let dossiers = dossiers(&document, dictionary);
        Self { document, route: None, dossiers }
    }

    pub fn value(&self, id: &str) -> Option<&str> {
        self.document.value(id)
    }

    pub fn dossier(&self, number: u32) -> Option<&HeaderDossier> {
        self.dossiers.iter().find(|d| d.number == Some(number))
    }
}

/// A `Dossier` of the header with its pieces.
#[derive(Debug)]
pub struct HeaderDossier {
    pub number: Option<u32>,
    pub element: Element,
    pub pieces: Vec<HeaderPiece>,
}

/// A `Piece` of a dossier: the PJ the header announces.
#[derive(Debug)]
pub struct HeaderPiece {
    pub indice: Option<u32>,
    pub element: Element,
    /// Whether the lot carries the PJ as a file (Lien's `carries` column is `file`).
    pub in_lot: bool,
}

fn dossiers(document: &Document, dictionary: &Dictionary) -> Vec<HeaderDossier> {
    let Some(group) = document.group_of("EF_PA_004_01") else { return Vec::new() };
    let piece_group = document.group_of("EF_PA_005_01").unwrap_or_default();
    let piece_path = piece_group.strip_prefix(group).and_then(|p| p.strip_prefix('/')).unwrap_or("Piece");
    let liens = dictionary.code_list(CodeListKey::Lien);
    document
        .root
        .all(group)
        .into_iter()
        .map(|element| {
            let numero = number(document.field_in(element, group, "EF_PA_004_01"));
            let pieces = element
                .all(piece_path)
                .into_iter()
                .map(|piece| {
                    let indice = number(document.field_in(piece, piece_group, "EF_PA_005_01"));
                    let lien = document.field_in(piece, piece_group, "EF_PA_005_03").map(|e| e.text.as_str());
                    let in_lot = lien.and_then(|l| liens.get(l)).is_none_or(|l| l.extra("carries") == ["file"]);
                    HeaderPiece { indice, element: piece.clone(), in_lot }
                })
                .collect();
            HeaderDossier { number: numero, element: element.clone(), pieces }
        })
        .collect()
}

fn number(element: Option<&Element>) -> Option<u32> {
    element?.text.parse().ok()
}

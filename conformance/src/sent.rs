//! What a lot gives a history once sent (`cargo xtask arl sent`): its Identification and the
//! identifiers of the PJ it carries, read from its header alone.

use crate::checks;
use crate::document::Document;
use crate::header::Header;
use crate::lot::mail_limits;
use scor_dictionary::{Dictionary, FileNameKind, Options, Profil};
use scor_lot::LotKind;
use std::path::Path;

/// What a lot sent gives its history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentFacts {
    /// The lot's Identification (EF_PA_001_01).
    pub identification: String,
    /// The identifier (EF_PA_005_04) of every PJ the lot carries (INTERNE pieces), in header order.
    pub pjs: Vec<String>,
}

/// Why a lot gave no facts to record.
#[derive(Debug, thiserror::Error)]
pub enum SentError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("{0}: the lot has no header file named as file-names.csv says")]
    NoHeader(String),
    #[error("{0}: the header could not be read: {1}")]
    Unreadable(String, String),
    #[error("{0}: the header has no Identification")]
    NoIdentification(String),
}

/// The facts of the lot at `path` (folder, `.eml` or tar archive), read from its header alone.
pub fn sent_facts(path: &Path, dictionary: &'static Dictionary) -> Result<SentFacts, SentError> {
    let read = scor_lot::stored::read(path, LotKind::of(path)?, &mail_limits(dictionary))?;
    let input = path.display().to_string();
    let pattern = dictionary.file_name(FileNameKind::Header);
    let file = read.files().iter().find(|f| pattern.captures(&f.name).is_some());
    let file = file.ok_or_else(|| SentError::NoHeader(input.clone()))?;
    let schema = dictionary.message(Profil::Entscanordo);
    let findings = scor_dictionary::stream::validate(schema, &file.name, &file.bytes, Options::default());
    if checks::unreadable(dictionary, &findings) {
        let first = findings.first().map(ToString::to_string).unwrap_or_default();
        return Err(SentError::Unreadable(input, first));
    }
    let document = Document::read(schema, &file.name, &file.bytes)
        .ok_or_else(|| SentError::Unreadable(input.clone(), "no element tree".to_owned()))?;
    let header = Header::new(document, dictionary);
    let identification = header.value("EF_PA_001_01").ok_or(SentError::NoIdentification(input))?.to_owned();
    Ok(SentFacts { identification, pjs: carried(&header) })
}

/// The identifiers of the header's INTERNE pieces.
fn carried(header: &Header) -> Vec<String> {
    let document = &header.document;
    let Some(group) = document.group_of("EF_PA_005_04") else { return Vec::new() };
    let pieces = header.dossiers.iter().flat_map(|d| &d.pieces).filter(|p| p.in_lot);
    pieces.filter_map(|p| document.field_in(&p.element, group, "EF_PA_005_04")).map(|e| e.text.clone()).collect()
}

//! scor-sender: the sending side (process TT). A [`LotPlan`] says what a lot holds; [`build`] writes its
//! header and indexes with the generated models, seals each dossier file for the organism certificate
//! and names every file after the dictionary's patterns; [`scan`] makes PDF/A-1b PJ from page images.

use scor_dictionary::latest::entscanordo::{
    Destinataire, Dossier, Dossiers, Editeur, Emetteur, Entscanordo, Lot, LotFse, Piece,
};
use scor_dictionary::latest::scanordo::{Beneficiaire, Facture, OrganismeGestionnaire, Scanordo};
use scor_dictionary::{Dictionary, FileNameKind, Message, WriteError};
use scor_lot::cms::{self, ContentCipher};
use scor_lot::files::{LotFile, Origin};
use sha2::{Digest, Sha256};

pub mod example;

/// What a lot holds, in the words of the header (ENTSCANORDO) and the indexes (SCANORDO).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotPlan {
    /// EF_PA_001_01.
    pub identification: String,
    /// EF_PA_001_02, `AAAA-MM-JJThh:mm:ss`.
    pub temps: String,
    pub fonction: String,
    pub exercice: String,
    pub compostage: String,
    pub index_lot: String,
    pub nombre_lots: String,
    pub fse_lot: String,
    pub fse_sent: String,
    pub fse_invoices: String,
    pub regime: String,
    pub organism: String,
    pub ps_number: String,
    pub specialty: String,
    /// The FINESS number of a private clinic (Emetteur/NumeroFINESS, from dictionary 2.14); `None` for a PS.
    pub finess: Option<String>,
    pub arl_recipients: String,
    pub approval: String,
    pub software: String,
    pub software_version: String,
    pub dossiers: Vec<DossierPlan>,
}

/// One dossier: the invoice, the beneficiary, the managing organism, and its PJ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierPlan {
    pub invoice: String,
    pub invoice_date: String,
    pub nir: String,
    pub nir_key: String,
    pub birth_date: String,
    pub birth_rank: String,
    pub caisse: (String, String, String),
    pub pieces: Vec<PiecePlan>,
}

/// One PJ: carried in the lot as a PDF, or referring to one already sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PiecePlan {
    pub nature: String,
    pub lien: String,
    pub identifier: String,
    /// The plain PDF, for a PJ carried in the lot.
    pub pdf: Option<Vec<u8>>,
    /// The mandat mention of the piece (Piece/MentionMandat, from dictionary 2.14), e.g. on an S3404.
    pub mandat: Option<String>,
}

/// Why a lot could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("writing {0}: {1}")]
    Write(&'static str, WriteError),
    #[error("sealing {0}: {1}")]
    Seal(String, openssl::error::ErrorStack),
}

/// A built lot: its files in lot order (header, then each dossier's index and PJ).
#[derive(Debug, Clone)]
pub struct BuiltLot {
    pub files: Vec<LotFile>,
    pub header: Entscanordo,
    pub indexes: Vec<Scanordo>,
}

/// Builds the lot of `plan`, each dossier file sealed for `organism` with `cipher`.
pub fn build(plan: &LotPlan, organism: &openssl::x509::X509, cipher: ContentCipher) -> Result<BuiltLot, BuildError> {
    let names = (FileNameKind::Index, FileNameKind::Pj);
    build_files(plan, names, |name, plain| sealed(name, plain, organism, cipher))
}

/// The lot of `plan` as an LPS writes it before sealing: the header, then each dossier's plain index
/// (`D-nnn.xml`) and PDF (`P-nnn-iii.pdf`), named by the tables' `index_plain` and `pj_plain` patterns.
pub fn build_plain(plan: &LotPlan) -> Result<BuiltLot, BuildError> {
    let names = (FileNameKind::IndexPlain, FileNameKind::PjPlain);
    build_files(plan, names, |name, plain| Ok(LotFile { name, bytes: plain.to_vec(), origin: Origin::Memory }))
}

/// The lot of `plan`, each dossier file named by `(index, pj)` patterns and made by `make`.
fn build_files(
    plan: &LotPlan,
    (index_kind, pj_kind): (FileNameKind, FileNameKind),
    make: impl Fn(String, &[u8]) -> Result<LotFile, BuildError>,
) -> Result<BuiltLot, BuildError> {
    let dictionary = Entscanordo::schema().dictionary;
    let header = header(plan);
    let mut files = vec![header_file_of(dictionary, plan, &header)?];
    let mut indexes = Vec::new();
    for (position, dossier) in plan.dossiers.iter().enumerate() {
        let number = position + 1;
        let index = index(plan, dossier, number);
        let xml = index.to_xml().map_err(|e| BuildError::Write("index", e))?;
        files.push(make(dossier_file_name(dictionary, index_kind, number, None), xml.as_bytes())?);
        for (indice, piece) in dossier.pieces.iter().enumerate() {
            if let Some(pdf) = &piece.pdf {
                files.push(make(dossier_file_name(dictionary, pj_kind, number, Some(indice + 1)), pdf)?);
            }
        }
        indexes.push(index);
    }
    Ok(BuiltLot { files, header, indexes })
}

/// The header file of `plan` alone, with no dossier file built or sealed (for checks of the header).
pub fn header_file(plan: &LotPlan) -> Result<LotFile, BuildError> {
    header_file_of(Entscanordo::schema().dictionary, plan, &header(plan))
}

fn header_file_of(dictionary: &Dictionary, plan: &LotPlan, header: &Entscanordo) -> Result<LotFile, BuildError> {
    Ok(file(header_name(dictionary, plan), header.to_xml().map_err(|e| BuildError::Write("header", e))?))
}

fn file(name: String, text: String) -> LotFile {
    LotFile { name, bytes: text.into_bytes(), origin: Origin::Memory }
}

fn sealed(
    name: String,
    plain: &[u8],
    organism: &openssl::x509::X509,
    cipher: ContentCipher,
) -> Result<LotFile, BuildError> {
    let bytes = cms::seal(plain, organism, cipher).map_err(|e| BuildError::Seal(name.clone(), e))?;
    Ok(LotFile { name, bytes, origin: Origin::Memory })
}

/// The header's file name: the `header` pattern's example with this lot's Exercice and Compostage.
pub fn header_name(dictionary: &Dictionary, plan: &LotPlan) -> String {
    let pattern = dictionary.file_name(FileNameKind::Header);
    let example = pattern.example;
    let caps = pattern.captures(example).expect("the example matches its pattern (checked by scor-codegen)");
    replace_groups(example, &caps, &[("exercice", &plan.exercice), ("compostage", &plan.compostage)])
}

/// The index file name of dossier `number`.
pub fn index_name(dictionary: &Dictionary, number: usize) -> String {
    dossier_file_name(dictionary, FileNameKind::Index, number, None)
}

/// The PJ file name of piece `indice` of dossier `number`.
pub fn pj_name(dictionary: &Dictionary, number: usize, indice: usize) -> String {
    dossier_file_name(dictionary, FileNameKind::Pj, number, Some(indice))
}

/// The name of a dossier file by pattern `kind`: its example with the dossier number (and indice),
/// zero-padded to the example's widths.
fn dossier_file_name(dictionary: &Dictionary, kind: FileNameKind, number: usize, indice: Option<usize>) -> String {
    let pattern = dictionary.file_name(kind);
    let caps = pattern.captures(pattern.example).expect("the example matches its pattern");
    let width = |group| caps.name(group).map_or(0, |m| m.len());
    let dossier = format!("{number:0w$}", w = width("dossier"));
    let indice = indice.map(|indice| format!("{indice:0w$}", w = width("indice")));
    let mut values = vec![("dossier", dossier.as_str())];
    values.extend(indice.as_deref().map(|indice| ("indice", indice)));
    replace_groups(pattern.example, &caps, &values)
}

/// `example` with the text of each named group replaced, right to left so offsets stay valid.
fn replace_groups(example: &str, caps: &scor_dictionary::schema::Captures<'_>, values: &[(&str, &str)]) -> String {
    let mut spans: Vec<(std::ops::Range<usize>, &str)> =
        values.iter().filter_map(|(group, value)| Some((caps.name(group)?.range(), *value))).collect();
    spans.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut name = example.to_owned();
    for (range, value) in spans {
        name.replace_range(range, value);
    }
    name
}

fn header(plan: &LotPlan) -> Entscanordo {
    let schema = Entscanordo::schema();
    Entscanordo {
        version: schema.version.to_owned(),
        profil: schema.profil.to_owned(),
        identification: plan.identification.clone(),
        temps: plan.temps.clone(),
        fonction: plan.fonction.clone(),
        lot: Lot {
            exercice: plan.exercice.clone(),
            compostage: plan.compostage.clone(),
            index_lot: plan.index_lot.clone(),
            nombre_lots: plan.nombre_lots.clone(),
            nombre_dossiers: plan.dossiers.len().to_string(),
        },
        lot_fse: LotFse {
            numero_lot: plan.fse_lot.clone(),
            date_envoi: plan.fse_sent.clone(),
            nombre_factures: plan.fse_invoices.clone(),
        },
        destinataire: Destinataire { code_regime: plan.regime.clone(), code_organisme: plan.organism.clone() },
        emetteur: Emetteur {
            numero_facturation_ps: plan.ps_number.clone(),
            code_specialite: plan.specialty.clone(),
            adresse_arl: plan.arl_recipients.clone(),
            numero_finess: plan.finess.clone(),
        },
        editeur: Editeur {
            numero_agrement: plan.approval.clone(),
            nom_logiciel: plan.software.clone(),
            version_logiciel: plan.software_version.clone(),
        },
        dossiers: Dossiers { dossier: plan.dossiers.iter().enumerate().map(|(i, d)| dossier(d, i + 1)).collect() },
    }
}

fn dossier(plan: &DossierPlan, number: usize) -> Dossier {
    let width = |id| Entscanordo::schema().field(id).map_or(0, |f| f.min_length);
    Dossier {
        numero_dossier: format!("{number:0w$}", w = width("EF_PA_004_01")),
        numero_facture: plan.invoice.clone(),
        date_facture: plan.invoice_date.clone(),
        piece: plan
            .pieces
            .iter()
            .enumerate()
            .map(|(i, p)| Piece {
                indice: format!("{:0w$}", i + 1, w = width("EF_PA_005_01")),
                nature: p.nature.clone(),
                lien: p.lien.clone(),
                identifiant_pj: p.identifier.clone(),
                taille: p.pdf.as_ref().map(|pdf| pdf.len().to_string()),
                empreinte: p.pdf.as_ref().map(|pdf| Sha256::digest(pdf).iter().map(|b| format!("{b:02x}")).collect()),
                mention_mandat: p.mandat.clone(),
            })
            .collect(),
    }
}

fn index(plan: &LotPlan, dossier: &DossierPlan, number: usize) -> Scanordo {
    let schema = Scanordo::schema();
    let width = schema.field("EF_IX_001_01").map_or(0, |f| f.min_length);
    Scanordo {
        version: schema.version.to_owned(),
        profil: schema.profil.to_owned(),
        identification: format!("{number:0width$}"),
        beneficiaire: Beneficiaire {
            nir: dossier.nir.clone(),
            cle_nir: dossier.nir_key.clone(),
            date_naissance: dossier.birth_date.clone(),
            rang_naissance: dossier.birth_rank.clone(),
        },
        facture: Facture {
            numero_facture: dossier.invoice.clone(),
            date_facture: dossier.invoice_date.clone(),
            numero_facturation_ps: plan.ps_number.clone(),
        },
        organisme_gestionnaire: OrganismeGestionnaire {
            code_regime: dossier.caisse.0.clone(),
            code_caisse: dossier.caisse.1.clone(),
            code_centre: dossier.caisse.2.clone(),
        },
    }
}

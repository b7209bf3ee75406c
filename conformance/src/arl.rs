//! The ARL the receiving side would send: which level the lot is rejected at (SCOR-BRIEF §3 "Which
//! level a rejection is at"), and the ENTARLSCANORDO + ARLSCANORDO documents written with the models.

use crate::calendar;
use crate::header::Header;
use crate::outcome::{PredictedArl, RejectedDossier};
use scor_dictionary::latest::arlscanordo::{Arlscanordo, DiagDossier, DiagEntete, Diagnostic};
use scor_dictionary::latest::entarlscanordo::{Destinataire, Emetteur, Entarlscanordo};
use scor_dictionary::schema::CodeEntry;
use scor_dictionary::{CodeListKey, Dictionary, FileNameKind, Finding, Message, Severity, WriteError};
use std::collections::BTreeMap;

/// The diagnostic of the first error at the highest level: service message, then header, then each
/// dossier's first wrong file; accepted when no error carries a cause.
pub fn predict(dictionary: &'static Dictionary, findings: &[Finding]) -> PredictedArl {
    let diagnostics = dictionary.code_list(CodeListKey::Diagnostic);
    let level_of = |cause: &str| diagnostics.get(cause).and_then(|e| e.extra("level").first().copied());
    let errors: Vec<(&Finding, &'static CodeEntry)> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f| Some((f, diagnostics.get(f.cause?)?)))
        .collect();
    let first_at = |level: &str| errors.iter().find(|(f, _)| f.cause.and_then(level_of) == Some(level));
    if let Some((_, entry)) = first_at("service") {
        return PredictedArl::ServiceMessage { cause: entry.code, label: entry.label };
    }
    if let Some((_, entry)) = first_at("header") {
        return PredictedArl::HeaderRejection { cause: entry.code, label: entry.label };
    }
    let mut dossiers: BTreeMap<u32, RejectedDossier> = BTreeMap::new();
    for (finding, entry) in errors.iter().filter(|(f, _)| f.cause.and_then(level_of) == Some("dossier")) {
        let Some(number) = dossier_of(dictionary, &finding.location.file) else { continue };
        dossiers.entry(number).or_insert_with(|| RejectedDossier {
            dossier: number,
            file: finding.location.file.clone(),
            cause: entry.code,
            label: entry.label,
        });
    }
    let summary = |level: &str| {
        diagnostics.entries.iter().find(|e| e.extra("level").first() == Some(&level)).expect("checked by scor-codegen")
    };
    if dossiers.is_empty() {
        let accepted = summary("accepted");
        return PredictedArl::Accepted { cause: accepted.code, label: accepted.label };
    }
    let entry = summary("dossiers");
    PredictedArl::DossierRejection { cause: entry.code, label: entry.label, dossiers: dossiers.into_values().collect() }
}

/// The dossier number of an index or PJ file name.
pub fn dossier_of(dictionary: &Dictionary, file: &str) -> Option<u32> {
    [FileNameKind::Index, FileNameKind::Pj, FileNameKind::IndexPlain, FileNameKind::PjPlain]
        .into_iter()
        .find_map(|name| dictionary.file_name(name).captures(file)?.name("dossier")?.as_str().parse().ok())
}

/// The two files of an ARL message, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArlFiles {
    pub header_name: String,
    pub header: String,
    pub diagnostic_name: String,
    pub diagnostic: String,
}

/// Why no ARL could be written.
#[derive(Debug, thiserror::Error)]
pub enum ArlError {
    #[error("a service message is sent instead of an ARL ({0})")]
    ServiceMessage(&'static str),
    #[error("the lot header could not be read: the ARL needs its {0}")]
    HeaderUnreadable(&'static str),
    #[error("the ARL could not be written: {0}")]
    Write(#[from] WriteError),
}

/// ENTARLSCANORDO and ARLSCANORDO for `arl`, issued at `unix_seconds` with sequence `sequence`.
pub fn write(
    dictionary: &'static Dictionary,
    arl: &PredictedArl,
    header: Option<&Header>,
    unix_seconds: i64,
    sequence: u32,
) -> Result<ArlFiles, ArlError> {
    if let PredictedArl::ServiceMessage { cause, .. } = arl {
        return Err(ArlError::ServiceMessage(cause));
    }
    let header = header.ok_or(ArlError::HeaderUnreadable("Identification"))?;
    let need = |id: &'static str| header.value(id).map(str::to_owned).ok_or(ArlError::HeaderUnreadable(id));
    let temps = calendar::datetime(unix_seconds);
    let identification = arl_identification(&temps, sequence);
    let fonction = dictionary.code_list(CodeListKey::Fonction).entries[0].code.to_owned();
    let diagnostic_name = dictionary.file_name(FileNameKind::ArlDiagnostic).example.to_owned();
    let entete = Entarlscanordo {
        version: Entarlscanordo::schema().version.to_owned(),
        profil: Entarlscanordo::schema().profil.to_owned(),
        identification: identification.clone(),
        temps: temps.clone(),
        fonction: fonction.clone(),
        emetteur: Emetteur { code_regime: need("EF_PA_001_16")?, code_organisme: need("EF_PA_001_17")? },
        destinataire: Destinataire { numero_facturation_ps: need("EF_PA_002_01")? },
        fichier_diagnostic: diagnostic_name.clone(),
    };
    let arl_document = Arlscanordo {
        version: Arlscanordo::schema().version.to_owned(),
        profil: Arlscanordo::schema().profil.to_owned(),
        identification,
        temps,
        fonction,
        diag_entete: DiagEntete {
            identification: need("EF_PA_001_01")?,
            temps: need("EF_PA_001_02")?,
            fonction: need("EF_PA_001_03")?,
            profil: header.document.schema.profil.to_owned(),
            diagnostic: diagnostic(dictionary, arl.cause()),
        },
        diag_dossier: dossiers(dictionary, arl),
    };
    Ok(ArlFiles {
        header_name: dictionary.file_name(FileNameKind::ArlHeader).example.to_owned(),
        header: entete.to_xml()?,
        diagnostic_name,
        diagnostic: arl_document.to_xml()?,
    })
}

fn dossiers(dictionary: &'static Dictionary, arl: &PredictedArl) -> Vec<DiagDossier> {
    let PredictedArl::DossierRejection { dossiers, .. } = arl else { return Vec::new() };
    dossiers
        .iter()
        .map(|d| DiagDossier {
            numero_dossier: padded(d.dossier, "EF_MR_019_01"),
            fichier: d.file.clone(),
            diagnostic: diagnostic(dictionary, d.cause),
        })
        .collect()
}

/// The ARL's Identification: its timestamp's digits, then `sequence` on the digits the element has left.
fn arl_identification(temps: &str, sequence: u32) -> String {
    let stamp: String = temps.chars().filter(char::is_ascii_digit).collect();
    let length = Arlscanordo::schema().field("EF_MR_016_01").map_or(stamp.len(), |f| f.max_length);
    let width = length.saturating_sub(stamp.len());
    let sequence = u64::from(sequence) % 10u64.saturating_pow(u32::try_from(width).unwrap_or(0));
    format!("{stamp}{sequence:0width$}")
}

/// `number` zero-padded to the length of data element `id`.
fn padded(number: u32, id: &str) -> String {
    let width = Arlscanordo::schema().field(id).map_or(0, |f| f.min_length);
    format!("{number:0width$}")
}

/// A Diagnostic with the activity, état and label the diagnostic table gives `cause`.
fn diagnostic(dictionary: &'static Dictionary, cause: &str) -> Diagnostic {
    let entry = dictionary.code_list(CodeListKey::Diagnostic).get(cause);
    let column = |name: &str| entry.and_then(|e| e.extra(name).first().copied()).unwrap_or_default().to_owned();
    Diagnostic {
        activite: column("activite"),
        etat: column("etat"),
        cause: cause.to_owned(),
        libelle: entry.map(|e| e.label.to_owned()),
    }
}

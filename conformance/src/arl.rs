//! The ARL the receiving side would send: which level the lot is rejected at (SCOR-BRIEF §3 "Which
//! level a rejection is at"), and the ENTARLSCANORDO + ARLSCANORDO documents written from the
//! checked version's schemas, from the header or, when it cannot be read, from what is still known.

use crate::calendar;
use crate::header::Header;
use crate::outcome::{PredictedArl, RejectedDossier};
use scor_dictionary::schema::{CodeEntry, MessageSchema};
use scor_dictionary::write::Values;
use scor_dictionary::{CodeListKey, Dictionary, FileNameKind, Finding, Profil, Severity, WriteError};
use scor_locale::{Text, text};
use scor_lot::mail::Transport;
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
    #[error("the ARL could not be written: {0}")]
    Write(#[from] WriteError),
}

/// What the ARL says of the lot it answers, by data element of the lot header: the header's values,
/// or, when the header cannot be read, what can still be known, each fallback named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answered {
    /// Values by data element of ENTSCANORDO (`EF_PA_001_01`...).
    values: Vec<(&'static str, String)>,
    /// Each value not read from the header: which element, what was written, and where it came from.
    pub fallbacks: Vec<Text>,
}

impl Answered {
    fn get(&self, id: &str) -> String {
        self.values.iter().find(|(i, _)| *i == id).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

/// Where the values of an ARL come from besides the header.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    pub header: Option<&'a Header>,
    /// The name of the lot's header file (its Exercice and Compostage), when the lot has one.
    pub header_file: Option<&'a str>,
    /// The message the lot came in (its Subject names the lot; its To, the organism; its From, the PS).
    pub transport: Option<&'a Transport>,
}

/// The lot header elements an ARL repeats: Identification, Temps, Fonction, the organism (CodeRegime,
/// CodeOrganisme) and the PS (NumeroFacturationPS).
const ANSWERED: [&str; 6] =
    ["EF_PA_001_01", "EF_PA_001_02", "EF_PA_001_03", "EF_PA_001_16", "EF_PA_001_17", "EF_PA_002_01"];

/// The values an ARL repeats, from the header when it was read, else from the message and the file
/// name; what nothing tells is written in the shape its data element takes, and named as such.
pub fn answered(dictionary: &'static Dictionary, known: Known<'_>, issued: &str) -> Answered {
    let entete = dictionary.message(Profil::Entscanordo);
    let mut answered = Answered::default();
    let from_header = |id: &str| known.header.and_then(|h| h.value(id)).filter(|v| fits(entete, id, v));
    let subject_identification = known
        .transport
        .and_then(|t| t.subject.as_deref())
        .and_then(|s| s.split_whitespace().last())
        .filter(|v| fits(entete, "EF_PA_001_01", v));
    let route = known.transport.and_then(|t| t.to.iter().find_map(|to| dictionary.route_by_address(to)));
    let file_name = known.header_file.and_then(|f| dictionary.file_name(FileNameKind::Header).captures(f));
    let lot = file_name.map(|c| {
        let part = |name| c.name(name).map_or("", |m| m.as_str()).to_owned();
        format!("{}-{}", part("exercice"), part("compostage"))
    });
    for id in ANSWERED {
        if let Some(value) = from_header(id) {
            answered.values.push((id, value.to_owned()));
            continue;
        }
        let (value, origin) = fallback(dictionary, id, subject_identification, route, issued);
        let name = entete.field(id).map_or(id, |f| f.path);
        answered.fallbacks.push(match lot.as_deref() {
            Some(lot) => {
                text!("arl-fallback-lot", name = name, id = id, lot = lot, value = value.as_str(), origin = origin)
            }
            None => text!("arl-fallback", name = name, id = id, value = value.as_str(), origin = origin),
        });
        answered.values.push((id, value));
    }
    answered
}

/// The value of `id` when the header does not give it, and where it comes from.
fn fallback(
    dictionary: &'static Dictionary,
    id: &str,
    identification: Option<&str>,
    route: Option<&'static scor_dictionary::schema::Route>,
    issued: &str,
) -> (String, Text) {
    let entete = dictionary.message(Profil::Entscanordo);
    let part = |name: &str| {
        let field = entete.field("EF_PA_001_01")?;
        let regex = field.pattern?.1;
        Some(regex.captures(identification?)?.name(name)?.as_str().to_owned())
    };
    match id {
        "EF_PA_001_01" if identification.is_some() => {
            (identification.unwrap_or_default().to_owned(), text!("arl-origin-subject"))
        }
        "EF_PA_002_01" if part("ps").is_some() => (part("ps").unwrap_or_default(), text!("arl-origin-subject-ps")),
        "EF_PA_001_16" if route.is_some() => {
            (route.map(|r| r.regime.to_owned()).unwrap_or_default(), text!("arl-origin-to"))
        }
        "EF_PA_001_17" if route.is_some() => {
            (route.map(|r| r.code.to_owned()).unwrap_or_default(), text!("arl-origin-to"))
        }
        "EF_PA_001_02" => (issued.to_owned(), text!("arl-origin-time")),
        "EF_PA_001_03" => {
            let list = dictionary.code_list(CodeListKey::Fonction);
            let code = list.entries.first().map_or("", |e| e.code);
            (code.to_owned(), text!("arl-origin-first-code", list = list.key))
        }
        _ => (shape(dictionary, id), text!("arl-origin-shape")),
    }
}

/// A placeholder in the shape of data element `id`: zeros (and the separators its pattern needs), or the
/// first code of its code list.
fn shape(dictionary: &'static Dictionary, id: &str) -> String {
    let entete = dictionary.message(Profil::Entscanordo);
    let Some(field) = entete.field(id) else { return String::new() };
    if let Some(list) = field.code_list.as_ref().and_then(|l| dictionary.code_list_named(l.key))
        && let Some(first) = list.entries.first()
    {
        return first.code.to_owned();
    }
    let zeros = "0".repeat(field.min_length.max(1));
    if fits(entete, id, &zeros) {
        return zeros;
    }
    // An identifier with a separator (`PS-timestamp`): zeros, and the separator where the pattern takes it.
    (0..field.max_length)
        .map(|at| (0..field.max_length).map(|i| if i == at { '-' } else { '0' }).collect::<String>())
        .find(|candidate| fits(entete, id, candidate))
        .unwrap_or(zeros)
}

/// `value` is a valid value of data element `id` of `schema`.
fn fits(schema: &MessageSchema, id: &str, value: &str) -> bool {
    schema.field(id).is_some_and(|f| f.check(value, false).is_empty())
}

/// ENTARLSCANORDO and ARLSCANORDO for `arl`, issued at `unix_seconds` with sequence `sequence`, written
/// with the models of `dictionary` (the version the lot was checked against).
pub fn write(
    dictionary: &'static Dictionary,
    arl: &PredictedArl,
    answered: &Answered,
    unix_seconds: i64,
    sequence: u32,
) -> Result<ArlFiles, ArlError> {
    if let PredictedArl::ServiceMessage { cause, .. } = arl {
        return Err(ArlError::ServiceMessage(cause));
    }
    let (entete, diagnostic_schema) =
        (dictionary.message(Profil::Entarlscanordo), dictionary.message(Profil::Arlscanordo));
    let temps = calendar::datetime(unix_seconds);
    let identification = arl_identification(diagnostic_schema, &temps, sequence);
    let fonction = dictionary.code_list(CodeListKey::Fonction).entries[0].code.to_owned();
    let diagnostic_name = dictionary.file_name(FileNameKind::ArlDiagnostic).example.to_owned();
    let header = Values::new()
        .field("EF_MR_001_01", &identification)
        .field("EF_MR_001_02", &temps)
        .field("EF_MR_001_03", &fonction)
        .group(
            group(entete, "EF_MR_002_01"),
            Values::new()
                .field("EF_MR_002_01", answered.get("EF_PA_001_16"))
                .field("EF_MR_002_02", answered.get("EF_PA_001_17")),
        )
        .group(group(entete, "EF_MR_003_01"), Values::new().field("EF_MR_003_01", answered.get("EF_PA_002_01")))
        .field("EF_MR_004_01", &diagnostic_name);
    let diag_entete = Values::new()
        .field("EF_MR_017_01", answered.get("EF_PA_001_01"))
        .field("EF_MR_017_02", answered.get("EF_PA_001_02"))
        .field("EF_MR_017_03", answered.get("EF_PA_001_03"))
        .field("EF_MR_017_04", dictionary.message(Profil::Entscanordo).profil)
        .group(group(diagnostic_schema, "EF_MR_018_01"), diagnostic(dictionary, arl.cause(), "EF_MR_018"));
    let mut document = Values::new()
        .field("EF_MR_016_01", &identification)
        .field("EF_MR_016_02", &temps)
        .field("EF_MR_016_03", &fonction)
        .group(group(diagnostic_schema, "EF_MR_017_01"), diag_entete);
    for dossier in dossiers(arl) {
        let values = Values::new()
            .field("EF_MR_019_01", padded(diagnostic_schema, dossier.dossier, "EF_MR_019_01"))
            .field("EF_MR_019_02", sealed_name(dictionary, &dossier.file))
            .group(group(diagnostic_schema, "EF_MR_020_01"), diagnostic(dictionary, dossier.cause, "EF_MR_020"));
        document = document.group(group(diagnostic_schema, "EF_MR_019_01"), values);
    }
    Ok(ArlFiles {
        header_name: dictionary.file_name(FileNameKind::ArlHeader).example.to_owned(),
        header: scor_dictionary::write::write(entete, &header)?,
        diagnostic_name,
        diagnostic: scor_dictionary::write::write(diagnostic_schema, &document)?,
    })
}

/// The group holding data element `id`: the last group of its path (`DiagEntete/Diagnostic/Cause` →
/// `Diagnostic`).
fn group(schema: &MessageSchema, id: &str) -> &'static str {
    let path = schema.field(id).map_or("", |f| f.path);
    path.rsplit('/').nth(1).unwrap_or(path)
}

fn dossiers(arl: &PredictedArl) -> &[RejectedDossier] {
    match arl {
        PredictedArl::DossierRejection { dossiers, .. } => dossiers,
        _ => &[],
    }
}

/// The name the receiving point knows a dossier file by: a file given before sealing (`D-001.xml`,
/// `P-001-002.pdf`) under its sealed name, with the canonical extension of its sealed kind.
pub fn sealed_name(dictionary: &Dictionary, file: &str) -> String {
    let plain = [(FileNameKind::IndexPlain, FileNameKind::Index), (FileNameKind::PjPlain, FileNameKind::Pj)];
    for (plain, sealed) in plain {
        if let Some(extension) = dictionary.file_name(plain).captures(file).and_then(|c| c.name("extension")) {
            let canonical = dictionary.file_name(sealed).canonical_extension;
            return format!("{}{canonical}{}", &file[..extension.start()], &file[extension.end()..]);
        }
    }
    file.to_owned()
}

/// The ARL's Identification: its timestamp's digits, then `sequence` on the digits the element has left.
fn arl_identification(schema: &MessageSchema, temps: &str, sequence: u32) -> String {
    let stamp: String = temps.chars().filter(char::is_ascii_digit).collect();
    let length = schema.field("EF_MR_016_01").map_or(stamp.len(), |f| f.max_length);
    let width = length.saturating_sub(stamp.len());
    let sequence = u64::from(sequence) % 10u64.saturating_pow(u32::try_from(width).unwrap_or(0));
    format!("{stamp}{sequence:0width$}")
}

/// `number` zero-padded to the length of data element `id`.
fn padded(schema: &MessageSchema, number: u32, id: &str) -> String {
    let width = schema.field(id).map_or(0, |f| f.min_length);
    format!("{number:0width$}")
}

/// A Diagnostic (data elements `{prefix}_01` to `_04`: Activite, Etat, Cause, Libelle) with the
/// activity, état and label the diagnostic table gives `cause`.
fn diagnostic(dictionary: &'static Dictionary, cause: &str, prefix: &str) -> Values {
    let entry = dictionary.code_list(CodeListKey::Diagnostic).get(cause);
    let column = |name: &str| entry.and_then(|e| e.extra(name).first().copied()).unwrap_or_default().to_owned();
    Values::new()
        .field(&format!("{prefix}_01"), column("activite"))
        .field(&format!("{prefix}_02"), column("etat"))
        .field(&format!("{prefix}_03"), cause)
        .field_opt(&format!("{prefix}_04"), entry.map(|e| e.label))
}

//! The checks of a return beyond its validators (rules ARL-* of `rules.csv`): files present, the
//! Etat and level of each cause as the diagnostic table gives them, one file per dossier diagnostic.

use crate::causes::level;
use crate::classification::DiagnosedDossier;
use crate::input::{Received, ReturnSource};
use scor_dictionary::latest::DICTIONARY;
use scor_dictionary::latest::arlscanordo::{Arlscanordo, DiagDossier, Diagnostic};
use scor_dictionary::latest::entarlscanordo::Entarlscanordo;
use scor_dictionary::schema::CodeEntry;
use scor_dictionary::{Check, FileNameKind, Finding, Level, Location};
use scor_locale::Text;
use scor_lot::files::LotFile;

/// The findings of one return, each raised through the rule of its check.
#[derive(Debug, Default)]
pub struct Findings(Vec<Finding>);

impl Findings {
    /// Raises the rule of `check` at `location`. A finding about a return carries no ARL cause.
    pub fn raise(&mut self, check: Check, location: Location, message: impl Into<Text>) {
        self.push(Finding::new(DICTIONARY.rule(check, None), Level::Header, location, message));
    }

    /// Findings of a validator, without the ARL cause they would have in a lot.
    pub fn extend(&mut self, findings: Vec<Finding>) {
        findings.into_iter().for_each(|finding| self.push(finding));
    }

    fn push(&mut self, mut finding: Finding) {
        finding.cause = None;
        self.0.push(finding);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.0.iter()
    }

    pub fn into_vec(self) -> Vec<Finding> {
        self.0
    }
}

/// Files of the return other than the ARL's two (`found`).
pub fn stray_files(received: &Received, found: [Option<&LotFile>; 2], findings: &mut Findings) {
    for file in &received.files {
        if !found.iter().flatten().any(|arl| std::ptr::eq(*arl, file)) {
            findings.raise(
                Check::ArlFileStray,
                Location::file(&file.name),
                format!("{} is not a file of an ARL (zip archives are not opened); it is ignored", file.name),
            );
        }
    }
}

/// The ARL file of file-name row `kind` is missing.
pub fn missing(received: &Received, kind: FileNameKind, findings: &mut Findings) {
    let file = DICTIONARY.file_name(kind).example;
    findings.raise(Check::ArlFileMissing, Location::file(&received.input), format!("the ARL has no file {file}"));
}

pub fn neither_arl_nor_service(received: &Received, findings: &mut Findings) {
    let subject = match (&received.subject, received.kind) {
        (Some(subject), _) => format!("Subject {subject:?} is not a service message's"),
        (None, ReturnSource::Eml) => "the message has no Subject".to_owned(),
        (None, _) => "a folder carries no service message".to_owned(),
    };
    let (header, diagnostic) = (
        DICTIONARY.file_name(FileNameKind::ArlHeader).example,
        DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example,
    );
    let service = DICTIONARY.file_name(FileNameKind::ServiceMessageSubject).example;
    findings.raise(
        Check::ArlFileMissing,
        Location::file(&received.input),
        format!("no {header} nor {diagnostic}, and {subject} (e.g. {service:?})"),
    );
}

pub fn service_code(received: &Received, code: &str, findings: &mut Findings) {
    findings.raise(
        Check::ServiceMessageCode,
        Location::file(&received.input),
        format!("code {code:?} of the Subject is not a code of level service in the diagnostic table"),
    );
}

/// The Subject of an ARL message names the lot of DiagEntete.
pub fn subject(received: &Received, document: &Arlscanordo, findings: &mut Findings) {
    if received.kind != ReturnSource::Eml {
        return;
    }
    let pattern = DICTIONARY.file_name(FileNameKind::ArlSubject);
    let lot = &document.diag_entete.identification;
    let named = received.subject.as_deref().and_then(|s| pattern.captures(s.trim())?.name("identification"));
    match named {
        Some(identification) if identification.as_str() == lot => {}
        Some(identification) => findings.raise(
            Check::ArlMismatch,
            Location::file(&received.input),
            format!("the Subject names lot {} but DiagEntete/Identification is {lot}", identification.as_str()),
        ),
        None => findings.raise(
            Check::ArlMismatch,
            Location::file(&received.input),
            format!("the Subject {:?} is not {:?}", received.subject.as_deref().unwrap_or(""), pattern.example),
        ),
    }
}

/// FichierDiagnostic of the ARL header names the diagnostic file received.
pub fn diagnostic_file_name(entete: &Entarlscanordo, diagnostic: &LotFile, findings: &mut Findings) {
    if entete.fichier_diagnostic != diagnostic.name {
        let header = DICTIONARY.file_name(FileNameKind::ArlHeader).example;
        findings.raise(
            Check::ArlMismatch,
            Location::file(header).with_xpath("/ENTARLSCANORDO/FichierDiagnostic"),
            format!("FichierDiagnostic is {:?}, the diagnostic file is {}", entete.fichier_diagnostic, diagnostic.name),
        );
    }
}

/// Etat and Activite of a diagnostic are those the table gives its cause.
pub fn diagnostic(diagnostic: &Diagnostic, entry: &CodeEntry, xpath: &str, findings: &mut Findings) {
    let file = DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example;
    for (column, element, found) in [("etat", "Etat", &diagnostic.etat), ("activite", "Activite", &diagnostic.activite)]
    {
        let expected = entry.extra(column).first().copied().unwrap_or_default();
        if found != expected {
            findings.raise(
                Check::ArlInconsistent,
                Location::file(file).with_xpath(format!("{xpath}/{element}")),
                format!(
                    "{element} {found:?} with cause {}, whose {element} is {expected:?} in the diagnostic table",
                    entry.code
                ),
            );
        }
    }
}

/// DiagDossier elements under a cause that does not announce them.
pub fn dossiers_without_dossiers_cause(document: &Arlscanordo, entry: &CodeEntry, findings: &mut Findings) {
    if !document.diag_dossier.is_empty() {
        findings.raise(
            Check::ArlInconsistent,
            Location::file(DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example).with_xpath("/ARL/DiagDossier"),
            format!(
                "{} DiagDossier under cause {} of level {}: only the dossiers cause announces them; they are ignored",
                document.diag_dossier.len(),
                entry.code,
                level(entry)
            ),
        );
    }
}

pub fn dossiers_cause_without_dossiers(findings: &mut Findings) {
    findings.raise(
        Check::ArlInconsistent,
        Location::file(DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example)
            .with_xpath("/ARL/DiagEntete/Diagnostic/Cause"),
        "the dossiers cause announces dossier diagnostics but the ARL has no DiagDossier",
    );
}

/// A cause of level `dossier` or `service` in DiagEntete: read as a header rejection.
pub fn header_cause_of_another_level(entry: &CodeEntry, findings: &mut Findings) {
    findings.raise(Check::ArlInconsistent,
        Location::file(DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example).with_xpath("/ARL/DiagEntete/Diagnostic/Cause"),
        format!(
            "cause {} is of level {} in the diagnostic table, not a header cause; the lot is read as rejected on its header",
            entry.code,
            level(entry)
        ),
    );
}

/// The one file a dossier diagnostic names: several files, a file of another dossier or of another
/// kind than its cause names are findings; the first file named is kept.
pub fn dossier_file(dossier: &DiagDossier, entry: &CodeEntry, xpath: &str, findings: &mut Findings) -> String {
    let location = Location::file(DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example)
        .with_xpath(format!("{xpath}/Fichier"));
    if level(entry) != "dossier" {
        findings.raise(
            Check::ArlInconsistent,
            location.clone(),
            format!("cause {} of a dossier diagnostic is of level {}", entry.code, level(entry)),
        );
    }
    let named = named_files(&dossier.fichier);
    if named.len() > 1 {
        findings.raise(
            Check::ArlDossierFile,
            location.clone(),
            format!(
                "the diagnostic names {} files ({}); a dossier diagnostic names one",
                named.len(),
                named.join(", ")
            ),
        );
    }
    let Some((file, kind, number)) = named.first().and_then(|file| file_kind(file).map(|(k, n)| (*file, k, n))) else {
        return dossier.fichier.clone();
    };
    if dossier.numero_dossier.parse::<u32>().ok() != Some(number) {
        findings.raise(
            Check::ArlDossierFile,
            location.clone(),
            format!("{file} is a file of dossier {number:03}, not of dossier {}", dossier.numero_dossier),
        );
    }
    let expected = entry.extra("file").first().copied().unwrap_or_default();
    if matches!(expected, "index" | "pj") && expected != kind {
        findings.raise(
            Check::ArlDossierFile,
            location,
            format!("{file} is a {kind} file; cause {} names the dossier's {expected} file", entry.code),
        );
    }
    file.to_owned()
}

/// The index and PJ file names a Fichier value holds, whatever separates them.
fn named_files(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '+'))
        .filter(|token| file_kind(token).is_some())
        .collect()
}

/// `index` or `pj` (as the diagnostic table's `file` column writes them), and the dossier number, of a
/// file name.
fn file_kind(name: &str) -> Option<(&'static str, u32)> {
    [FileNameKind::Index, FileNameKind::Pj].into_iter().find_map(|kind| {
        let number = DICTIONARY.file_name(kind).captures(name)?.name("dossier")?.as_str().parse().ok()?;
        Some((kind.as_str(), number))
    })
}

pub fn dossiers_diagnosed_twice(dossiers: &[DiagnosedDossier], findings: &mut Findings) {
    for (index, dossier) in dossiers.iter().enumerate() {
        if dossiers[..index].iter().any(|earlier| earlier.numero == dossier.numero) {
            findings.raise(
                Check::ArlDossierFile,
                Location::file(DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example)
                    .with_xpath(format!("/ARL/DiagDossier[{}]/NumeroDossier", index + 1)),
                format!("dossier {} is diagnosed more than once", dossier.numero),
            );
        }
    }
}

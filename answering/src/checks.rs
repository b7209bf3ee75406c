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
use scor_locale::{Text, text};
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
                text!("arl-stray-file", name = file.name.as_str()),
            );
        }
    }
}

/// The ARL file of file-name row `kind` is missing.
pub fn missing(received: &Received, kind: FileNameKind, findings: &mut Findings) {
    let file = DICTIONARY.file_name(kind).example;
    findings.raise(Check::ArlFileMissing, Location::file(&received.input), text!("arl-file-missing", file = file));
}

pub fn neither_arl_nor_service(received: &Received, findings: &mut Findings) {
    let subject = match (&received.subject, received.kind) {
        (Some(subject), _) => text!("arl-subject-not-service", subject = format!("{subject:?}")),
        (None, ReturnSource::Eml) => text!("arl-no-subject"),
        (None, _) => text!("arl-folder-no-service"),
    };
    let (header, diagnostic) = (
        DICTIONARY.file_name(FileNameKind::ArlHeader).example,
        DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example,
    );
    let service = DICTIONARY.file_name(FileNameKind::ServiceMessageSubject).example;
    findings.raise(
        Check::ArlFileMissing,
        Location::file(&received.input),
        text!(
            "arl-neither",
            header = header,
            diagnostic = diagnostic,
            subject = subject,
            example = format!("{service:?}")
        ),
    );
}

pub fn service_code(received: &Received, code: &str, findings: &mut Findings) {
    findings.raise(
        Check::ServiceMessageCode,
        Location::file(&received.input),
        text!("arl-service-code", code = format!("{code:?}")),
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
            text!("arl-subject-lot", named = identification.as_str(), lot = lot.as_str()),
        ),
        None => findings.raise(
            Check::ArlMismatch,
            Location::file(&received.input),
            text!(
                "arl-subject-shape",
                subject = format!("{:?}", received.subject.as_deref().unwrap_or("")),
                example = format!("{:?}", pattern.example)
            ),
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
            text!(
                "arl-diagnostic-file-name",
                named = format!("{:?}", entete.fichier_diagnostic),
                file = diagnostic.name.as_str()
            ),
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
                text!(
                    "arl-diagnostic-column",
                    element = element,
                    found = format!("{found:?}"),
                    cause = entry.code,
                    expected = format!("{expected:?}")
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
            text!(
                "arl-dossiers-under-other-cause",
                count = document.diag_dossier.len(),
                cause = entry.code,
                level = level(entry)
            ),
        );
    }
}

pub fn dossiers_cause_without_dossiers(findings: &mut Findings) {
    findings.raise(
        Check::ArlInconsistent,
        Location::file(DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example)
            .with_xpath("/ARL/DiagEntete/Diagnostic/Cause"),
        text!("arl-dossiers-cause-without-dossiers"),
    );
}

/// A cause of level `dossier` or `service` in DiagEntete: read as a header rejection.
pub fn header_cause_of_another_level(entry: &CodeEntry, findings: &mut Findings) {
    findings.raise(
        Check::ArlInconsistent,
        Location::file(DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example)
            .with_xpath("/ARL/DiagEntete/Diagnostic/Cause"),
        text!("arl-header-cause-other-level", cause = entry.code, level = level(entry)),
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
            text!("arl-dossier-cause-level", cause = entry.code, level = level(entry)),
        );
    }
    let named = named_files(&dossier.fichier);
    if named.len() > 1 {
        findings.raise(
            Check::ArlDossierFile,
            location.clone(),
            text!("arl-dossier-several-files", count = named.len(), files = named.join(", ")),
        );
    }
    let Some((file, kind, number)) = named.first().and_then(|file| file_kind(file).map(|(k, n)| (*file, k, n))) else {
        return dossier.fichier.clone();
    };
    if dossier.numero_dossier.parse::<u32>().ok() != Some(number) {
        findings.raise(
            Check::ArlDossierFile,
            location.clone(),
            text!(
                "arl-dossier-file-other-dossier",
                file = file,
                number = format!("{number:03}"),
                dossier = dossier.numero_dossier.as_str()
            ),
        );
    }
    let expected = entry.extra("file").first().copied().unwrap_or_default();
    if matches!(expected, "index" | "pj") && expected != kind {
        findings.raise(
            Check::ArlDossierFile,
            location,
            text!("arl-dossier-file-kind", file = file, kind = kind, cause = entry.code, expected = expected),
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
                text!("arl-dossier-twice", dossier = dossier.numero.as_str()),
            );
        }
    }
}

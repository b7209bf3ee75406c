//! Classifying a return: find the ARL's two files (or a service message's Subject), validate them with
//! the generated validators, and read the verdict at the level the diagnostic table gives its cause.

use crate::causes::{diagnostic_entry, level};
use crate::checks::{self, Findings};
use crate::classification::{Action, Classification, DiagnosedDossier, sources};
use crate::input::{ReadingProblem, Received, ReturnSource};
use scor_dictionary::latest::DICTIONARY;
use scor_dictionary::latest::arlscanordo::Arlscanordo;
use scor_dictionary::latest::entarlscanordo::Entarlscanordo;
use scor_dictionary::{Check, FileNameKind, Finding, Limit, Location, Message, Options, Severity};
use scor_locale::{Lang, Text, text};
use scor_lot::files::{LotFile, ReadProblem};
use scor_lot::mail::MailProblem;
use serde::Serialize;

/// A return, classified: what it says about which lot, and every finding met on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// The path or name the return was read from.
    pub input: String,
    pub kind: ReturnSource,
    /// The Identification of the lot the return is about (DiagEntete/Identification, or the Subject's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// What identifies the return itself: the ARL's Identification, else the message's Message-ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub classification: Classification,
    /// Every finding, errors and warnings, whether or not they prevented the classification.
    pub findings: Vec<Finding>,
}

/// Classifies a return read by [`crate::input`].
pub fn classify(received: &Received) -> Analysis {
    let mut findings = Findings::default();
    for problem in &received.problems {
        reading_problem(received, problem, &mut findings);
    }
    let header = arl_file(received, FileNameKind::ArlHeader);
    let diagnostic = arl_file(received, FileNameKind::ArlDiagnostic);
    checks::stray_files(received, [header, diagnostic], &mut findings);
    let mut about = About { lot: None, reference: received.message_id.clone() };
    let held_back = unread(received, FileNameKind::ArlDiagnostic).or_else(|| unread(received, FileNameKind::ArlHeader));
    let classification = match (header, diagnostic) {
        _ if let Some(name) = held_back => unreadable(text!("arl-unread-limit", name = name), &findings),
        (None, None) => service_message(received, &mut about, &mut findings),
        (_, None) => {
            checks::missing(received, FileNameKind::ArlDiagnostic, &mut findings);
            let file = DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example;
            unreadable(text!("arl-unreadable-missing", file = file), &findings)
        }
        (header, Some(diagnostic)) => arl(received, header, diagnostic, &mut about, &mut findings),
    };
    Analysis {
        input: received.input.clone(),
        kind: received.kind,
        lot: about.lot,
        reference: about.reference,
        classification,
        findings: findings.into_vec(),
    }
}

/// Which lot a return is about, and what identifies the return.
struct About {
    lot: Option<String>,
    reference: Option<String>,
}

/// The file of the return whose name matches file-name pattern `kind`.
fn arl_file(received: &Received, kind: FileNameKind) -> Option<&LotFile> {
    let pattern = DICTIONARY.file_name(kind);
    received.files.iter().find(|file| pattern.captures(&file.name).is_some())
}

/// An ARL file of file-name row `kind` that the return holds but a limit kept from being read.
fn unread(received: &Received, kind: FileNameKind) -> Option<&str> {
    let pattern = DICTIONARY.file_name(kind);
    received.unread.iter().map(String::as_str).find(|name| pattern.captures(name).is_some())
}

/// The finding of a problem met while reading: a limit names itself (ARL-LIMIT); anything else is an
/// unreadable message or a file left out.
fn reading_problem(received: &Received, problem: &ReadingProblem, findings: &mut Findings) {
    let (check, limit) = match problem {
        ReadingProblem::Message(MailProblem::MessageTooLarge { .. }) => (Check::ArlLimit, Some(Limit::MessageMaxBytes)),
        ReadingProblem::Message(MailProblem::TooManyParts { .. }) => (Check::ArlLimit, Some(Limit::MessageMaxParts)),
        ReadingProblem::Message(_) => (Check::MailUnreadable, None),
        ReadingProblem::File(ReadProblem::FileTooLarge { .. }) => (Check::ArlLimit, Some(Limit::XmlMaxBytes)),
        ReadingProblem::File(ReadProblem::TotalTooLarge { .. }) => (Check::ArlLimit, Some(Limit::LotMaxBytes)),
        ReadingProblem::File(ReadProblem::TooManyFiles { .. }) => (Check::ArlLimit, Some(Limit::LotMaxFiles)),
        ReadingProblem::File(_) => (Check::ArlFileMissing, None),
    };
    let message = match limit {
        Some(limit) => text!("arl-at-limit", problem = problem.text(), limit = limit.as_str()),
        None => problem.text(),
    };
    let at = match problem {
        ReadingProblem::File(ReadProblem::FileTooLarge { name, .. }) => Location::file(name),
        _ => Location::file(&received.input),
    };
    findings.raise(check, at, message);
}

/// A return without ARL files: a service message if its Subject says so.
fn service_message(received: &Received, about: &mut About, findings: &mut Findings) -> Classification {
    let pattern = DICTIONARY.file_name(FileNameKind::ServiceMessageSubject);
    let Some(captures) = received.subject.as_deref().and_then(|subject| pattern.captures(subject.trim())) else {
        checks::neither_arl_nor_service(received, findings);
        return unreadable(text!("arl-unreadable-neither"), findings);
    };
    about.lot = captures.name("identification").map(|m| m.as_str().to_owned());
    let code = captures.name("code").map_or("", |m| m.as_str());
    match diagnostic_entry(code).filter(|entry| level(entry) == "service") {
        Some(entry) => Classification::ServiceMessageRejection {
            code: entry.code,
            label: entry.label,
            action: Action::Retransmit,
            source: sources::SERVICE,
        },
        None => {
            checks::service_code(received, code, findings);
            unreadable(text!("arl-unreadable-service-code", code = format!("{code:?}")), findings)
        }
    }
}

/// A return with its diagnostic file (and, normally, its header file).
fn arl(
    received: &Received,
    header: Option<&LotFile>,
    diagnostic: &LotFile,
    about: &mut About,
    findings: &mut Findings,
) -> Classification {
    let entete = match header {
        Some(file) => read::<Entarlscanordo>(file, findings),
        None => {
            checks::missing(received, FileNameKind::ArlHeader, findings);
            None
        }
    };
    let Some(document) = read::<Arlscanordo>(diagnostic, findings) else {
        return unreadable(text!("arl-unreadable-diagnostic", file = diagnostic.name.as_str()), findings);
    };
    about.lot = Some(document.diag_entete.identification.clone());
    about.reference = Some(document.identification.clone());
    checks::subject(received, &document, findings);
    if let Some(entete) = &entete {
        checks::diagnostic_file_name(entete, diagnostic, findings);
    }
    verdict(&document, findings)
}

/// Validates `file` as message `M`; the model when one could be built. Findings about an ARL file
/// carry no ARL cause: no ARL answers an ARL.
fn read<M: Message>(file: &LotFile, findings: &mut Findings) -> Option<M> {
    let parsed = M::read(&file.name, &file.bytes, Options { reveal_patient_data: true });
    findings.extend(parsed.findings);
    parsed.message
}

/// The classification the diagnostic of DiagEntete leads to, at the level of its cause.
fn verdict(document: &Arlscanordo, findings: &mut Findings) -> Classification {
    let head = &document.diag_entete.diagnostic;
    let Some(entry) = diagnostic_entry(&head.cause) else {
        return unreadable(text!("arl-unreadable-header-cause", cause = format!("{:?}", head.cause)), findings);
    };
    checks::diagnostic(head, entry, "/ARL/DiagEntete/Diagnostic", findings);
    let level = level(entry);
    if level != "dossiers" {
        checks::dossiers_without_dossiers_cause(document, entry, findings);
    }
    match level {
        "accepted" => Classification::Accepted {
            cause: entry.code,
            label: entry.label,
            action: Action::None,
            source: sources::ACCEPTED,
        },
        "dossiers" => match dossiers(document, findings) {
            Ok(dossiers) => Classification::DossierRejection {
                cause: entry.code,
                label: entry.label,
                dossiers,
                action: Action::RebuildDossiers,
                source: sources::DOSSIERS,
            },
            Err(reason) => unreadable(reason, findings),
        },
        _ => {
            if level != "header" {
                checks::header_cause_of_another_level(entry, findings);
            }
            Classification::HeaderRejection {
                cause: entry.code,
                label: entry.label,
                libelle: head.libelle.clone(),
                action: Action::RetransmitWithNewHeader,
                source: sources::HEADER,
            }
        }
    }
}

/// The dossiers of a dossier-level rejection; `Err` when a cause is not in the diagnostic table.
fn dossiers(document: &Arlscanordo, findings: &mut Findings) -> Result<Vec<DiagnosedDossier>, Text> {
    if document.diag_dossier.is_empty() {
        checks::dossiers_cause_without_dossiers(findings);
    }
    let mut rejected = Vec::new();
    for (index, dossier) in document.diag_dossier.iter().enumerate() {
        let xpath = format!("/ARL/DiagDossier[{}]", index + 1);
        let cause = &dossier.diagnostic.cause;
        let entry = diagnostic_entry(cause).ok_or_else(|| {
            text!("arl-unreadable-dossier-cause", xpath = xpath.as_str(), cause = format!("{cause:?}"))
        })?;
        checks::diagnostic(&dossier.diagnostic, entry, &format!("{xpath}/Diagnostic"), findings);
        let file = checks::dossier_file(dossier, entry, &xpath, findings);
        rejected.push(DiagnosedDossier {
            numero: dossier.numero_dossier.clone(),
            file,
            cause: entry.code,
            label: entry.label,
            libelle: dossier.diagnostic.libelle.clone(),
        });
    }
    checks::dossiers_diagnosed_twice(&rejected, findings);
    Ok(rejected)
}

fn unreadable(reason: Text, findings: &Findings) -> Classification {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).cloned().collect();
    Classification::Unreadable {
        reason: reason.render(Lang::En),
        text: reason,
        findings: errors,
        source: sources::UNREADABLE,
    }
}

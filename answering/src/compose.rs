//! Writing returns as the receiving side sends them: an ARL message (E-ARLSCANORDO.xml and
//! D-ARLSCANORDO.xml attached) or a service message, from codes of the diagnostic table.

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::date::Date;
use mail_builder::headers::message_id::MessageId;
use scor_dictionary::latest::DICTIONARY;
use scor_dictionary::latest::arlscanordo::{Arlscanordo, DiagDossier, DiagEntete, Diagnostic};
use scor_dictionary::latest::entarlscanordo::{Destinataire, Emetteur, Entarlscanordo};
use scor_dictionary::schema::{CodeEntry, FileName};
use scor_dictionary::{CodeListKey, FileNameKind, Message, Profil, WriteError};
use scor_lot::files::from_files;
use scor_lot::mail::{MailHeaders, write_eml};

/// The lot a return answers, and who answers whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The lot's Identification (EF_PA_001_01) and Temps (EF_PA_001_02).
    pub lot: String,
    pub lot_temps: String,
    /// The ARL's own Identification (EF_MR_016_01) and Temps (EF_MR_016_02).
    pub arl: String,
    pub arl_temps: String,
    /// The issuing organism: code régime and code organisme.
    pub regime: String,
    pub organisme: String,
    /// The PS the return is for: billing number and ARL address.
    pub ps: String,
    pub ps_address: String,
    /// The organism's address (the message's From).
    pub organism_address: String,
    /// The message's Date (seconds since the Unix epoch, UTC) and Message-ID.
    pub date: i64,
    pub message_id: String,
}

/// One DiagDossier to write: the dossier number, the file named, the dossier cause.
#[derive(Debug, Clone, Copy)]
pub struct DossierDiagnostic<'a> {
    pub numero: u32,
    pub file: &'a str,
    pub cause: &'static CodeEntry,
}

/// ENTARLSCANORDO and ARLSCANORDO, as (file name, XML) pairs, for a header diagnostic `cause` and
/// its dossier diagnostics.
pub fn arl_files(
    exchange: &Exchange,
    cause: &'static CodeEntry,
    dossiers: &[DossierDiagnostic<'_>],
) -> Result<Vec<(String, Vec<u8>)>, WriteError> {
    let fonction = DICTIONARY.code_list(CodeListKey::Fonction).entries[0].code.to_owned();
    let diagnostic_name = DICTIONARY.file_name(FileNameKind::ArlDiagnostic).example.to_owned();
    let entete = Entarlscanordo {
        identification: exchange.arl.clone(),
        temps: exchange.arl_temps.clone(),
        fonction: fonction.clone(),
        emetteur: Emetteur { code_regime: exchange.regime.clone(), code_organisme: exchange.organisme.clone() },
        destinataire: Destinataire { numero_facturation_ps: exchange.ps.clone() },
        fichier_diagnostic: diagnostic_name.clone(),
        ..Entarlscanordo::default()
    };
    let document = Arlscanordo {
        identification: exchange.arl.clone(),
        temps: exchange.arl_temps.clone(),
        fonction: fonction.clone(),
        diag_entete: DiagEntete {
            identification: exchange.lot.clone(),
            temps: exchange.lot_temps.clone(),
            fonction,
            profil: DICTIONARY.message(Profil::Entscanordo).profil.to_owned(),
            diagnostic: diagnostic(cause),
        },
        diag_dossier: dossiers.iter().map(diag_dossier).collect(),
        ..Arlscanordo::default()
    };
    Ok(vec![
        (DICTIONARY.file_name(FileNameKind::ArlHeader).example.to_owned(), entete.to_xml()?.into_bytes()),
        (diagnostic_name, document.to_xml()?.into_bytes()),
    ])
}

/// An ARL message: Subject `ARL SCOR <lot>`, the two files attached.
pub fn arl_message(
    exchange: &Exchange,
    cause: &'static CodeEntry,
    dossiers: &[DossierDiagnostic<'_>],
) -> Result<Vec<u8>, WriteError> {
    let subject = fill(DICTIONARY.file_name(FileNameKind::ArlSubject), &[("identification", &exchange.lot)]);
    let files = from_files(arl_files(exchange, cause, dossiers)?);
    Ok(write_eml(&envelope(exchange, subject), &files))
}

/// A service message: Subject `SERVICE SCOR <lot> <code>`, a text body with the code and its label.
pub fn service_message(exchange: &Exchange, code: &'static CodeEntry) -> Vec<u8> {
    let subject = fill(
        DICTIONARY.file_name(FileNameKind::ServiceMessageSubject),
        &[("identification", &exchange.lot), ("code", code.code)],
    );
    let mut out = Vec::new();
    MessageBuilder::new()
        .from(Address::new_address(None::<&str>, exchange.organism_address.as_str()))
        .to(Address::new_address(None::<&str>, exchange.ps_address.as_str()))
        .subject(subject)
        .date(Date::new(exchange.date))
        .message_id(MessageId::new(exchange.message_id.as_str()))
        .text_body(format!("{} {}\n", code.code, code.label))
        .serialize(&mut out);
    out
}

fn envelope(exchange: &Exchange, subject: String) -> MailHeaders {
    MailHeaders {
        from: exchange.organism_address.clone(),
        to: vec![exchange.ps_address.clone()],
        subject,
        date: Some(exchange.date),
        message_id: Some(exchange.message_id.clone()),
    }
}

/// The example of a file-name or Subject row with its named groups replaced by `values`.
pub(crate) fn fill(row: &FileName, values: &[(&str, &str)]) -> String {
    let example = row.example;
    let captures = row.captures(example).expect("the example of a row matches its pattern (checked by scor-codegen)");
    let mut spans: Vec<(std::ops::Range<usize>, &str)> =
        values.iter().filter_map(|(group, value)| Some((captures.name(group)?.range(), *value))).collect();
    spans.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut subject = example.to_owned();
    for (range, value) in spans {
        subject.replace_range(range, value);
    }
    subject
}

fn diag_dossier(dossier: &DossierDiagnostic<'_>) -> DiagDossier {
    let width = Arlscanordo::schema().field("EF_MR_019_01").map_or(3, |f| f.min_length);
    DiagDossier {
        numero_dossier: format!("{:0width$}", dossier.numero),
        fichier: dossier.file.to_owned(),
        diagnostic: diagnostic(dossier.cause),
    }
}

/// A Diagnostic with the Activite, Etat and label the table gives its cause.
fn diagnostic(entry: &'static CodeEntry) -> Diagnostic {
    let column = |name: &str| entry.extra(name).first().copied().unwrap_or_default().to_owned();
    Diagnostic {
        activite: column("activite"),
        etat: column("etat"),
        cause: entry.code.to_owned(),
        libelle: Some(entry.label.to_owned()),
    }
}

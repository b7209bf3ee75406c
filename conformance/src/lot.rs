//! Checking one lot end to end: read it (folder, `.eml` or tar archive) within the dictionary's limits,
//! then transport, inventory, header, dossiers and PJ, then predict and write the ARL.

use crate::arl::{self, ArlError, ArlFiles};
use crate::checks::{Collector, deprecation, dossier, header, inventory, transport};
use crate::keys::Keys;
use crate::outcome::{FileOutcome, InputKind, LotOutcome, Source};
use rayon::prelude::*;
use scor_dictionary::{Check, Dictionary, Level, Limit, Location};
use scor_lot::files::{self, LotFile, ReadLimits};
use scor_lot::mail::{self, MailLimits, Transport};
use std::io;
use std::path::Path;
use std::sync::Arc;

/// What a check needs besides the lot.
#[derive(Debug, Clone)]
pub struct Config {
    pub dictionary: &'static Dictionary,
    pub keys: Arc<Keys>,
    /// Echo patient data (decrypted index values) in findings; off unless the user asks.
    pub reveal_patient_data: bool,
    /// When the predicted ARL is issued (seconds since the Unix epoch), and its sequence number.
    pub issued_at: i64,
    pub sequence: u32,
}

/// A checked lot: the outcome for reports, and the ARL documents when one can be written.
#[derive(Debug)]
pub struct Checked {
    pub outcome: LotOutcome,
    pub arl: Result<ArlFiles, ArlError>,
}

/// Checks the lot at `path`: a folder, or an SMTP message (any other file).
pub fn check_path(path: &Path, config: &Config) -> io::Result<Checked> {
    let input = path.display().to_string();
    if path.is_dir() {
        let read = files::read_folder(path, &read_limits(config.dictionary))?;
        let mut c = Collector::new(config.dictionary);
        for problem in &read.problems {
            transport::read_problem(&input, problem, &mut c);
        }
        Ok(check_files(input, InputKind::Folder, &read.files, None, c, config))
    } else {
        let read = mail::read_eml_file(path, &mail_limits(config.dictionary))?;
        Ok(check_message(input, read, config))
    }
}

/// Checks a lot given as an SMTP message in memory.
pub fn check_eml(input: String, raw: &[u8], config: &Config) -> Checked {
    check_message(input, mail::read_eml(raw, &mail_limits(config.dictionary)), config)
}

/// Checks a lot given as a tar archive in memory (a virtual folder).
pub fn check_tar(input: String, archive: &[u8], config: &Config) -> Checked {
    let read = files::read_tar(archive, &read_limits(config.dictionary));
    let mut c = Collector::new(config.dictionary);
    for problem in &read.problems {
        transport::read_problem(&input, problem, &mut c);
    }
    check_files(input, InputKind::Archive, &read.files, None, c, config)
}

/// Checks a lot given as files in memory, as if read from a folder.
pub fn check_files_in_memory(input: String, files: &[LotFile], config: &Config) -> Checked {
    check_files(input, InputKind::Folder, files, None, Collector::new(config.dictionary), config)
}

fn check_message(input: String, read: mail::ReadMail, config: &Config) -> Checked {
    let mut c = Collector::new(config.dictionary);
    transport::problems(&input, &read.problems, &mut c);
    check_files(input, InputKind::Eml, &read.files, Some(&read.transport), c, config)
}

/// The caps applied while reading a lot's files.
pub fn read_limits(dictionary: &Dictionary) -> ReadLimits {
    ReadLimits {
        max_total_bytes: dictionary.limit(Limit::LotMaxBytes),
        max_file_bytes: dictionary.limit(Limit::LotMaxBytes),
        max_files: usize::try_from(dictionary.limit(Limit::LotMaxFiles)).unwrap_or(usize::MAX),
    }
}

fn mail_limits(dictionary: &Dictionary) -> MailLimits {
    MailLimits { max_message_bytes: dictionary.limit(Limit::MessageMaxBytes), files: read_limits(dictionary) }
}

/// Every check on the files of a lot, in reading order.
fn check_files(
    input: String,
    kind: InputKind,
    lot: &[LotFile],
    transport: Option<&Transport>,
    mut c: Collector,
    config: &Config,
) -> Checked {
    let names: Vec<&str> = lot.iter().map(|f| f.name.as_str()).collect();
    // A message or archive that gave no file at all has already been reported as unreadable: an
    // inventory of nothing would only add a finding about the missing header.
    let inventory = if lot.is_empty() && c.has_error_in(&input) {
        c.skip(&input, "inventory and every check of the lot's files", "no file of the lot could be read");
        inventory::Inventory::default()
    } else {
        inventory::take(&input, &names, &mut c)
    };
    lot_size(&input, lot, &mut c);
    let header_file = inventory.header.as_deref().and_then(|name| lot.iter().find(|f| f.name == name));
    let header =
        header_file.and_then(|f| header::check(&f.name, &f.bytes, &inventory, config.reveal_patient_data, &mut c));
    deprecation::check(header.as_ref(), &mut c);
    if let Some(transport) = transport {
        let route = header.as_ref().and_then(|h| h.route);
        let identification = header.as_ref().and_then(|h| h.value("EF_PA_001_01"));
        transport::addressing(&input, transport, route, identification, &mut c);
    }
    let key = header.as_ref().and_then(|h| h.route).and_then(|address| config.keys.for_address(address));
    let cx = dossier::Context { header: header.as_ref(), key, reveal: config.reveal_patient_data };
    let opened = dossiers(&inventory, lot, cx, &mut c);
    let arl_prediction = arl::predict(config.dictionary, &c.findings);
    let arl = arl::write(config.dictionary, &arl_prediction, header.as_ref(), config.issued_at, config.sequence);
    let files = lot
        .iter()
        .map(|f| {
            let (role, dossier) = inventory.role_of(&f.name);
            let plain = opened.iter().find(|(name, _, _)| name == &f.name);
            FileOutcome {
                name: f.name.clone(),
                role,
                dossier,
                bytes: f.bytes.len() as u64,
                plain_bytes: plain.map(|(_, size, _)| *size),
                pages: plain.and_then(|(_, _, pages)| *pages),
            }
        })
        .collect();
    let outcome = LotOutcome {
        input,
        kind,
        identification: header.as_ref().and_then(|h| h.value("EF_PA_001_01")).map(str::to_owned),
        files,
        findings: c.findings,
        not_evaluated: c.not_evaluated,
        arl: arl_prediction,
        sources: sources(header_file),
        pages: c.pages,
    };
    Checked { outcome, arl }
}

/// The decrypted files of a lot: name, plain size, and page count for a PJ that parsed.
type Opened = Vec<(String, u64, Option<u32>)>;

/// Checks the dossiers in parallel (decryption dominates), then gathers their findings in dossier
/// order so reports and the predicted ARL do not depend on scheduling.
fn dossiers(inventory: &inventory::Inventory, lot: &[LotFile], cx: dossier::Context<'_>, c: &mut Collector) -> Opened {
    let dictionary = c.dictionary;
    let checked: Vec<(Collector, Opened)> = inventory
        .dossiers
        .par_iter()
        .filter(|(_, files)| files.index.is_some())
        .map(|(number, files)| {
            let mut own = Collector::new(dictionary);
            let opened = dossier::check(*number, files, lot, cx, &mut own);
            (own, opened)
        })
        .collect();
    let mut opened = Vec::new();
    for (own, files) in checked {
        c.findings.extend(own.findings);
        c.not_evaluated.extend(own.not_evaluated);
        c.pages.extend(own.pages);
        opened.extend(files);
    }
    opened
}

/// The lot's files together are at most `lot_max_bytes`.
fn lot_size(input: &str, lot: &[LotFile], c: &mut Collector) {
    let limit = c.dictionary.limit(Limit::LotMaxBytes);
    let total: u64 = lot.iter().map(|f| f.bytes.len() as u64).sum();
    let reported = c.findings.iter().any(|f| f.rule == c.dictionary.rule(Check::LotSize, None).id);
    if total > limit && !reported {
        let message = format!("the lot's files total {total} bytes; at most {limit} bytes");
        c.raise(Check::LotSize, Level::Header, Location::file(input), message);
    }
}

/// The header's text, for excerpts in reports (indexes are never kept: they hold patient data).
fn sources(file: Option<&LotFile>) -> Vec<Source> {
    let Some(file) = file else { return Vec::new() };
    match std::str::from_utf8(&file.bytes) {
        Ok(text) => vec![Source { file: file.name.clone(), text: text.to_owned(), level: Level::Header }],
        Err(_) => Vec::new(),
    }
}

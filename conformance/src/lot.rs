//! Checking one lot end to end: read it (folder, `.eml` or tar archive) within the dictionary's limits,
//! then transport, inventory, header, dossiers and PJ, then predict and write the ARL.

use crate::arl::{self, ArlError, ArlFiles};
use crate::checks::dossier::{self, Opened};
use crate::checks::inventory::Unread;
use crate::checks::{self, Collector, Context, header, inventory, stage, transport};
use crate::header::Header;
use crate::history::LotHistory;
use crate::keys::Keys;
use crate::outcome::{FileOutcome, LotOutcome, PredictedArl, Source};
use rayon::prelude::*;
use scor_dictionary::{Check, Dictionary, Level, Limit, Location};
use scor_locale::text;
use scor_lot::files::{self, LotFile, ReadLimits, ReadLot, ReadProblem};
use scor_lot::mail::{self, MailLimits, MailProblem, Transport};
use scor_lot::{LotKind, ReadInput};
use std::collections::HashMap;
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
    /// Make a thumbnail of each PJ page for the HTML report's page views (about 0.8 ms a page). Only
    /// with `reveal_patient_data`: a scan shows the patient.
    pub thumbnails: bool,
    /// The lots are given before sealing: plain `D-nnn.xml` and `P-nnn-iii.pdf` files.
    pub plain: bool,
    /// When the predicted ARL is issued (seconds since the Unix epoch), and its sequence number.
    pub issued_at: i64,
    pub sequence: u32,
    /// A history of earlier lots: lots already accepted, and the PJ EXTERNE pieces may refer to.
    pub history: Option<Arc<dyn LotHistory>>,
}

impl Config {
    /// A check of sealed lots with `dictionary` and `keys` that shows no patient data, makes no
    /// thumbnails, knows no earlier lot, and issues its ARL as number 1 at `issued_at`.
    pub fn new(dictionary: &'static Dictionary, keys: Arc<Keys>, issued_at: i64) -> Self {
        Self {
            dictionary,
            keys,
            reveal_patient_data: false,
            thumbnails: false,
            plain: false,
            issued_at,
            sequence: 1,
            history: None,
        }
    }

    /// Whether the pages' thumbnails are made: asked for, and patient data may be shown.
    fn makes_thumbnails(&self) -> bool {
        self.reveal_patient_data && self.thumbnails
    }
}

/// A checked lot: the outcome for reports, the ARL the receiving side would send, and its documents
/// when they can be written.
#[derive(Debug)]
pub struct Checked {
    pub outcome: LotOutcome,
    pub prediction: PredictedArl,
    pub arl: Result<ArlFiles, ArlError>,
    /// The lot's header as the checks read it (its element tree), when it could be read.
    pub header: Option<Header>,
}

/// Checks the lot at `path`: a folder, a tar archive (`.tar`), or an SMTP message (any other file).
pub fn check_path(path: &Path, config: &Config) -> io::Result<Checked> {
    check_stored(path, LotKind::of(path)?, config)
}

/// Checks the lot stored at `path` as `kind` (the kind it was found as).
pub fn check_stored(path: &Path, kind: LotKind, config: &Config) -> io::Result<Checked> {
    let read = scor_lot::stored::read(path, kind, &mail_limits(config.dictionary))?;
    Ok(check_read(path.display().to_string(), read, config))
}

/// Checks a lot given as an SMTP message in memory.
pub fn check_eml(input: String, raw: &[u8], config: &Config) -> Checked {
    check_read(input, ReadInput::Mail(mail::read_eml(raw, &mail_limits(config.dictionary))), config)
}

/// Checks a lot given as a tar archive in memory (a virtual folder).
pub fn check_tar(input: String, archive: &[u8], config: &Config) -> Checked {
    let read = files::read_tar(archive, &read_limits(config.dictionary));
    check_read(input, ReadInput::Files { kind: LotKind::Archive, read }, config)
}

/// Checks a lot given as files in memory, as if read from a folder.
pub fn check_files_in_memory(input: String, files: &[LotFile], config: &Config) -> Checked {
    let lot = Lot { kind: LotKind::Folder, files, transport: None, unread: Unread::NONE };
    check_files(input, lot, Collector::new(config.dictionary), config)
}

/// Checks one PDF as a PJ alone: its size, PDF/A-1b clause by clause and scan quality. The outcome
/// has no ARL (the receiving side answers lots, not PJ) and names the file `input`.
pub fn check_pj(input: String, pdf: &[u8], config: &Config) -> LotOutcome {
    let mut c = Collector::new(config.dictionary);
    let keys = Keys::default();
    let cx = Context {
        header: None,
        keys: &keys,
        plain: true,
        reveal: config.reveal_patient_data,
        thumbnails: config.makes_thumbnails(),
        history: None,
    };
    let file = LotFile { name: input.clone(), bytes: pdf.to_vec(), origin: scor_lot::Origin::Memory };
    let pages = crate::checks::pj::check(&file, pdf, 1, None, cx, &mut c);
    c.finish();
    let files = vec![FileOutcome {
        name: input.clone(),
        role: crate::outcome::FileRole::Pj,
        dossier: None,
        bytes: pdf.len() as u64,
        plain_bytes: Some(pdf.len() as u64),
        pages,
    }];
    LotOutcome {
        input,
        kind: LotKind::Pj,
        identification: None,
        files,
        findings: c.findings,
        not_evaluated: c.not_evaluated,
        arl: None,
        arl_fallbacks: Vec::new(),
        sources: Vec::new(),
        pages: c.pages,
        suppressed: Vec::new(),
        regraded: Vec::new(),
    }
}

/// A lot as the checks see it once read.
struct Lot<'a> {
    kind: LotKind,
    files: &'a [LotFile],
    transport: Option<&'a Transport>,
    unread: Unread<'a>,
}

/// Checks a lot as read: the problems met reading it, then its files.
pub fn check_read(input: String, read: ReadInput, config: &Config) -> Checked {
    let mut c = Collector::new(config.dictionary);
    match &read {
        ReadInput::Files { read: ReadLot { problems, .. }, .. } => {
            problems.iter().for_each(|problem| transport::read_problem(&input, problem, &mut c));
        }
        ReadInput::Mail(mail) => transport::problems(&input, &mail.problems, &mut c),
    }
    let unread = unread(&read, config.dictionary);
    let lot = Lot { kind: read.kind(), files: read.files(), transport: read.transport(), unread };
    check_files(input, lot, c, config)
}

/// What a limit kept from being read: the limit, the files held back, and whether every name was seen.
fn unread<'a>(read: &'a ReadInput, dictionary: &Dictionary) -> Unread<'a> {
    let file_limit = |problem: &ReadProblem| match problem {
        ReadProblem::TotalTooLarge { .. } | ReadProblem::FileTooLarge { .. } => Some((Limit::LotMaxBytes, true)),
        ReadProblem::TooManyFiles { .. } => Some((Limit::LotMaxFiles, false)),
        _ => None,
    };
    let stops: Vec<(Limit, bool)> = match read {
        ReadInput::Files { read, .. } => read.problems.iter().filter_map(file_limit).collect(),
        ReadInput::Mail(mail) => mail
            .problems
            .iter()
            .filter_map(|problem| match problem {
                MailProblem::Read(problem) => file_limit(problem),
                MailProblem::MessageTooLarge { .. } => Some((Limit::MessageMaxBytes, false)),
                MailProblem::TooManyParts { .. } => Some((Limit::MessageMaxParts, false)),
                _ => None,
            })
            .collect(),
    };
    // Names past `lot_max_files` are not kept: a full list of held-back names may hide more.
    let names_whole = (read.unread().len() as u64) < dictionary.limit(Limit::LotMaxFiles);
    Unread {
        names: read.unread(),
        limit: stops.first().map(|(limit, _)| *limit),
        listing_complete: names_whole && stops.iter().all(|(_, whole)| *whole),
    }
}

/// The caps applied while reading a lot's files.
pub fn read_limits(dictionary: &Dictionary) -> ReadLimits {
    ReadLimits {
        max_total_bytes: dictionary.limit(Limit::LotMaxBytes),
        max_file_bytes: dictionary.limit(Limit::LotMaxBytes),
        max_files: usize::try_from(dictionary.limit(Limit::LotMaxFiles)).unwrap_or(usize::MAX),
    }
}

/// The caps applied while reading a lot sent as a message (or a tar archive).
pub fn mail_limits(dictionary: &Dictionary) -> MailLimits {
    MailLimits {
        max_message_bytes: dictionary.limit(Limit::MessageMaxBytes),
        max_parts: usize::try_from(dictionary.limit(Limit::MessageMaxParts)).unwrap_or(usize::MAX),
        files: read_limits(dictionary),
    }
}

/// Every check on the files of a lot, in reading order.
fn check_files(input: String, lot: Lot<'_>, mut c: Collector, config: &Config) -> Checked {
    let Lot { kind, files: lot, transport, unread } = lot;
    // A message or archive that gave no file at all has already been reported as unreadable: an
    // inventory of nothing would only add a finding about the missing header.
    let inventory = if lot.is_empty() && unread.names.is_empty() && c.has_error_in(&input) {
        c.skip(
            &input,
            &[stage::XML, stage::HEADER, stage::ENVELOPE, stage::INDEX, stage::PJ, stage::PDF, stage::QUALITY],
            text!("skip-inventory-and-files"),
            text!("reason-no-file-read"),
        );
        inventory::Inventory::default()
    } else {
        inventory::take(&input, lot, unread, config.plain, &mut c)
    };
    lot_size(&input, lot, &mut c);
    held_back(&inventory, unread.limit, &mut c);
    if config.plain {
        c.skip(&input, &[stage::ENVELOPE], text!("skip-encryption"), text!("reason-plain"));
    }
    let header_file = inventory.header.as_ref().map(|h| h.file);
    let header = header_file.and_then(|file| header::check(file, &inventory, config.reveal_patient_data, &mut c));
    if let Some(transport) = transport {
        let route = header.as_ref().and_then(|h| h.route);
        let identification = header.as_ref().and_then(|h| h.value("EF_PA_001_01"));
        transport::addressing(&input, transport, route, identification, &mut c);
    }
    if let Some(header) = &header {
        checks::history::duplicate(header, config.history.as_deref(), &mut c);
    }
    let cx = Context {
        header: header.as_ref(),
        keys: &config.keys,
        plain: config.plain,
        reveal: config.reveal_patient_data,
        thumbnails: config.makes_thumbnails(),
        history: config.history.as_deref(),
    };
    let opened = dossiers(&inventory, cx, &mut c);
    c.finish();
    let arl_prediction = arl::predict(config.dictionary, &c.findings);
    let known = arl::Known { header: header.as_ref(), header_file: header_file.map(|f| f.name.as_str()), transport };
    let answered = arl::answered(config.dictionary, known, &crate::calendar::datetime(config.issued_at));
    let arl = arl::write(config.dictionary, &arl_prediction, &answered, config.issued_at, config.sequence);
    let arl_fallbacks = if arl.is_ok() { answered.fallbacks } else { Vec::new() };
    let outcome = LotOutcome {
        input,
        kind,
        identification: header.as_ref().and_then(|h| h.value("EF_PA_001_01")).map(str::to_owned),
        files: file_outcomes(lot, &inventory, &opened),
        findings: c.findings,
        not_evaluated: c.not_evaluated,
        arl: Some(arl_prediction.clone()),
        arl_fallbacks,
        sources: sources(header_file),
        pages: c.pages,
        suppressed: Vec::new(),
        regraded: Vec::new(),
    };
    Checked { outcome, prediction: arl_prediction, arl, header }
}

/// Every check a file held back by a limit could not have: the file's own, and for a header or an
/// index the checks that need it.
fn held_back(inventory: &inventory::Inventory<'_>, limit: Option<Limit>, c: &mut Collector) {
    let Some(limit) = limit else { return };
    let reason = text!("reason-not-read-limit", limit = limit.as_str());
    if let Some(header) = &inventory.unread_header {
        c.skip(
            header,
            &[stage::XML, stage::HEADER, stage::INDEX, stage::PJ, stage::PDF, stage::QUALITY],
            text!("skip-header-and-dependents"),
            reason.clone(),
        );
    }
    for files in inventory.dossiers.values() {
        if let Some(index) = &files.unread_index {
            let stages = &[stage::ENVELOPE, stage::XML, stage::INDEX];
            c.skip(index, stages, text!("skip-index"), reason.clone());
            for pj in files.pjs.values() {
                let reason = text!("reason-index-not-read-limit", limit = limit.as_str());
                c.skip(&pj.name, stage::PJ_CONTENT, text!("skip-pj"), reason);
            }
        }
        for pj in files.unread_pjs.values() {
            c.skip(pj, stage::PJ_CONTENT, text!("skip-pj"), reason.clone());
        }
    }
}

/// Each file of the lot, in lot order, with its role and what opening it gave.
fn file_outcomes(lot: &[LotFile], inventory: &inventory::Inventory<'_>, opened: &[Opened<'_>]) -> Vec<FileOutcome> {
    let by_file: HashMap<*const LotFile, &Opened<'_>> =
        opened.iter().map(|o| (std::ptr::from_ref(o.file), o)).collect();
    lot.iter()
        .zip(&inventory.roles)
        .map(|(file, &(role, dossier))| {
            let opened = by_file.get(&std::ptr::from_ref(file));
            FileOutcome {
                name: file.name.clone(),
                role,
                dossier,
                bytes: file.bytes.len() as u64,
                plain_bytes: opened.map(|o| o.plain_bytes),
                pages: opened.and_then(|o| o.pages),
            }
        })
        .collect()
}

/// Checks the dossiers in parallel (decryption dominates), then gathers their findings in dossier
/// order so reports and the predicted ARL do not depend on scheduling.
fn dossiers<'lot>(inventory: &inventory::Inventory<'lot>, cx: Context<'_>, c: &mut Collector) -> Vec<Opened<'lot>> {
    let dictionary = c.dictionary;
    let checked: Vec<(Collector, Vec<Opened<'lot>>)> = inventory
        .dossiers
        .par_iter()
        .filter(|(_, files)| files.index.is_some())
        .map(|(number, files)| {
            let mut own = Collector::new(dictionary);
            let opened = dossier::check(*number, files, cx, &mut own);
            (own, opened)
        })
        .collect();
    let mut opened = Vec::new();
    for (own, files) in checked {
        c.absorb(own);
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
        let message = text!("lot-size", total = total, limit = limit);
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

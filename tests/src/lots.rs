//! Lots for the conformance tests: the example lot of scor-sender sealed with the test PKI, ways to
//! change one thing in it (plan, header, index, file names, envelopes, PDF objects, transport), and the
//! checker configured as `cargo xtask conform` configures it.

use crate::repo_root;
use scor_answering::{History, ReceivedReturn, SentLot};
use scor_conformance::SharedHistory;
use scor_conformance::{Checked, Config, Keys, LotHistory};
use scor_dictionary::Message;
use scor_dictionary::latest::entscanordo::Entscanordo;
use scor_dictionary::latest::scanordo::Scanordo;
use scor_lot::cms::{ContentCipher, Key};
use scor_lot::files::{LotFile, Origin};
use scor_lot::mail::MailHeaders;
use scor_sender::{BuiltLot, LotPlan};
use std::sync::{Arc, OnceLock};

/// The test PKI folder (TEST ONLY keys).
pub fn test_pki() -> std::path::PathBuf {
    repo_root().join("test-pki")
}

/// The routing address of the example lot.
pub fn example_route() -> &'static str {
    let (regime, code) = scor_sender::example::ROUTE;
    scor_dictionary::latest::DICTIONARY.route(regime, code).expect("the example routes to a table address").address
}

/// Another routing address of the test PKI (same régime, another CPAM).
pub const OTHER_ROUTE: &str = "01.011@01.scor.rss.fr";

/// The checker with the test PKI's keys, issuing ARLs at a fixed time, and a history where the lot sent
/// before the example lot (the PJ its EXTERNE piece refers to) got a positive ARL.
pub fn config() -> Config {
    Config { history: Some(history(&[Earlier::Accepted])), ..config_without_history() }
}

/// What became of the lot sent before the example lot (`scor_sender::example::earlier_plan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Earlier {
    /// Sent; no return yet.
    Sent,
    /// Its ARL accepted it (Etat A).
    Accepted,
    /// Its ARL rejected it (Etat R, header rejection).
    Rejected,
    /// The example lot itself was sent and accepted too.
    ExampleAccepted,
}

/// A history in SQLite (in memory) where the earlier lot stands as `events` say.
pub fn history(events: &[Earlier]) -> Arc<dyn LotHistory> {
    let mut history = History::in_memory().expect("an in-memory history opens");
    let earlier = scor_sender::example::earlier_plan(&scor_dictionary::latest::DICTIONARY);
    let example = example_plan();
    record(&mut history, &earlier, 1);
    for event in events {
        let (lot, outcome) = match event {
            Earlier::Sent => continue,
            Earlier::Accepted => (&earlier, "accepted"),
            Earlier::Rejected => (&earlier, "header-rejection"),
            Earlier::ExampleAccepted => {
                record(&mut history, &example, 3);
                (&example, "accepted")
            }
        };
        let arl = ReceivedReturn {
            lot: lot.identification.clone(),
            reference: format!("ARL {}", lot.identification),
            outcome: outcome.to_owned(),
            cause: None,
            received_at: 2,
        };
        history.record_return(&arl).expect("the return is recorded");
    }
    Arc::new(SharedHistory::new(history))
}

/// Records `plan`'s lot as sent at `sent_at`, with the identifiers of the PJ it carries.
fn record(history: &mut History, plan: &LotPlan, sent_at: i64) {
    let pieces = plan.dossiers.iter().flat_map(|d| &d.pieces).filter(|p| p.pdf.is_some());
    let pjs = pieces.map(|p| p.identifier.clone()).collect();
    let lot = SentLot { identification: plan.identification.clone(), sent_at, retransmits: None, pjs };
    history.record_sent(&lot).expect("the lot is recorded");
}

/// The checker with the test PKI's keys, issuing ARLs at a fixed time; no history of lots.
pub fn config_without_history() -> Config {
    static KEYS: OnceLock<Arc<Keys>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| Arc::new(Keys::test_pki(&test_pki()).expect("the test PKI is committed")));
    Config::new(&scor_dictionary::latest::DICTIONARY, Arc::clone(keys), scor_sender::example::ARL_ISSUED_AT)
}

/// The example lot's plan (its scans are made once and shared).
pub fn example_plan() -> LotPlan {
    static PLAN: OnceLock<LotPlan> = OnceLock::new();
    PLAN.get_or_init(|| scor_sender::example::plan(&scor_dictionary::latest::DICTIONARY)).clone()
}

/// The test PKI's key and certificate for `address`.
pub fn test_key(address: &str) -> Key {
    scor_lot::pki::load(&test_pki(), address).expect("the test PKI has this address")
}

/// `plan` built and sealed for the example route's test certificate with `cipher`.
pub fn build_with(plan: &LotPlan, cipher: ContentCipher) -> BuiltLot {
    let key = test_key(example_route());
    scor_sender::build(plan, &key.cert, cipher).expect("the plan builds")
}

/// `plan` built and sealed with AES-256-CBC.
pub fn build(plan: &LotPlan) -> BuiltLot {
    build_with(plan, ContentCipher::Aes256Cbc)
}

/// Checks `files` as a lot folder named `lot`.
pub fn check(files: &[LotFile]) -> Checked {
    scor_conformance::check_files_in_memory("lot".to_owned(), files, &config())
}

/// Checks `files` as a lot folder named `lot`, echoing patient data in findings.
pub fn check_revealing(files: &[LotFile]) -> Checked {
    let config = Config { reveal_patient_data: true, thumbnails: true, ..config() };
    scor_conformance::check_files_in_memory("lot".to_owned(), files, &config)
}

/// Checks `raw` as an SMTP message named `lot.eml`.
pub fn check_eml(raw: &[u8]) -> Checked {
    scor_conformance::check_eml("lot.eml".to_owned(), raw, &config())
}

/// Checks `archive` as a tar archive named `lot.tar`.
pub fn check_tar(archive: &[u8]) -> Checked {
    scor_conformance::check_tar("lot.tar".to_owned(), archive, &config())
}

/// Checks `archive` as a tar archive named `lot.tar` of a lot given before sealing (`conform --plain`).
pub fn check_tar_before_sealing(archive: &[u8]) -> Checked {
    scor_conformance::check_tar("lot.tar".to_owned(), archive, &Config { plain: true, ..config() })
}

/// The name of the header file of `lot`.
pub fn header_name(lot: &BuiltLot) -> String {
    lot.files[0].name.clone()
}

/// The file of `files` named `name`.
pub fn file<'a>(files: &'a [LotFile], name: &str) -> &'a LotFile {
    files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("the lot has no file {name}"))
}

/// The file of `files` named `name`, to change it.
pub fn file_mut<'a>(files: &'a mut [LotFile], name: &str) -> &'a mut LotFile {
    files.iter_mut().find(|f| f.name == name).unwrap_or_else(|| panic!("the lot has no file {name}"))
}

/// Renames file `from` to `to`.
pub fn rename(files: &mut [LotFile], from: &str, to: &str) {
    file_mut(files, from).name = to.to_owned();
}

/// Removes file `name`.
pub fn remove(files: &mut Vec<LotFile>, name: &str) {
    let before = files.len();
    files.retain(|f| f.name != name);
    assert_eq!(files.len() + 1, before, "the lot has one file {name}");
}

/// A file in memory.
pub fn memory_file(name: &str, bytes: Vec<u8>) -> LotFile {
    LotFile { name: name.to_owned(), bytes, origin: Origin::Memory }
}

/// Changes the header model and writes the header file again.
pub fn rewrite_header(lot: &mut BuiltLot, change: impl FnOnce(&mut Entscanordo)) {
    change(&mut lot.header);
    let xml = lot.header.to_xml().expect("the changed header serialises");
    lot.files[0].bytes = xml.into_bytes();
}

/// Seals `plain` for the test certificate of `address` with `cipher`.
pub fn seal_for(address: &str, plain: &[u8], cipher: ContentCipher) -> Vec<u8> {
    scor_lot::cms::seal(plain, &test_key(address).cert, cipher).expect("sealing works")
}

/// Changes the index of dossier `number` (1-based) and seals it again for the example route.
pub fn rewrite_index(lot: &mut BuiltLot, number: usize, change: impl FnOnce(&mut Scanordo)) {
    let index = &mut lot.indexes[number - 1];
    change(index);
    let xml = index.to_xml().expect("the changed index serialises");
    let name = format!("D-{number:03}.pkcs7");
    file_mut(&mut lot.files, &name).bytes = seal_for(example_route(), xml.as_bytes(), ContentCipher::Aes256Cbc);
}

/// `der` with the last `count` bytes of its last primitive value removed, every enclosing length
/// shortened to match. For a CMS envelope this cuts the end of the encrypted content.
pub fn der_truncate_last(der: &[u8], count: usize) -> Vec<u8> {
    let (tag, header, length) = der_header(der);
    let content = &der[header..header + length];
    let new_content = if tag & 0x20 != 0 {
        let mut at = 0;
        let mut last = 0;
        while at < content.len() {
            last = at;
            let (_, h, l) = der_header(&content[at..]);
            at += h + l;
        }
        let mut out = content[..last].to_vec();
        out.extend(der_truncate_last(&content[last..], count));
        out
    } else {
        content[..content.len() - count].to_vec()
    };
    let mut out = der[..header - length_octets(der)].to_vec();
    out.extend(der_length(new_content.len()));
    out.extend(new_content);
    out
}

/// Tag byte, header length (tag and length octets) and content length of the DER value at `der`.
fn der_header(der: &[u8]) -> (u8, usize, usize) {
    let tag = der[0];
    let first = der[1];
    if first < 0x80 {
        return (tag, 2, usize::from(first));
    }
    let octets = usize::from(first & 0x7F);
    let length = der[2..2 + octets].iter().fold(0usize, |n, b| (n << 8) | usize::from(*b));
    (tag, 2 + octets, length)
}

fn length_octets(der: &[u8]) -> usize {
    let first = der[1];
    if first < 0x80 { 1 } else { 1 + usize::from(first & 0x7F) }
}

fn der_length(length: usize) -> Vec<u8> {
    if length < 0x80 {
        return vec![u8::try_from(length).expect("short form")];
    }
    let bytes: Vec<u8> = length.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
    let mut out = vec![0x80 | u8::try_from(bytes.len()).expect("few length octets")];
    out.extend(bytes);
    out
}

/// The objects of a PDF written by `scor_pdfa::write::assemble` (object n at index n-1), read back
/// from its cross-reference table so they can be changed and assembled again.
pub fn pdf_objects(pdf: &[u8]) -> Vec<Vec<u8>> {
    let xref = pdf.windows(6).rposition(|w| w == b"\nxref\n").expect("a cross-reference table") + 1;
    let table = std::str::from_utf8(&pdf[xref..]).expect("an ASCII table and trailer");
    let mut lines = table.lines().skip(1);
    let count: usize =
        lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|n| n.parse().ok()).expect("a subsection");
    let offsets: Vec<usize> = lines.skip(1).take(count - 1).map(|l| l[..10].parse().expect("an offset")).collect();
    offsets
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let end = offsets.get(i + 1).copied().unwrap_or(xref);
            let body = start + format!("{} 0 obj\n", i + 1).len();
            pdf[body..end - b"\nendobj\n".len()].to_vec()
        })
        .collect()
}

/// `pdf` (written by the scan writer) with its objects changed by `change` and assembled again.
pub fn pdf_with(pdf: &[u8], change: impl FnOnce(&mut Vec<Vec<u8>>)) -> Vec<u8> {
    let mut objects = pdf_objects(pdf);
    change(&mut objects);
    scor_pdfa::write::assemble(&objects, Some(5))
}

/// `hay` with the first `from` replaced by `to`.
pub fn replace_first(hay: &[u8], from: &str, to: &str) -> Vec<u8> {
    let from = from.as_bytes();
    let at = hay
        .windows(from.len())
        .position(|w| w == from)
        .unwrap_or_else(|| panic!("{:?} not found", String::from_utf8_lossy(from)));
    let mut out = hay[..at].to_vec();
    out.extend_from_slice(to.as_bytes());
    out.extend_from_slice(&hay[at + from.len()..]);
    out
}

/// A PDF/A-1b scan of one grey page of pseudo-random pixels (which Flate cannot compress), about
/// `bytes` bytes long.
pub fn noise_scan(bytes: usize, seed: u32) -> Vec<u8> {
    let width = 500u32;
    let height = u32::try_from(bytes.saturating_sub(4000) / 500).expect("a page height");
    let mut state = u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let pixels = (0..width * height)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        })
        .collect();
    let page = scor_pdfa::Page { width, height, dpi: 250, raster: scor_pdfa::Raster::Gray(pixels) };
    let info = scor_pdfa::DocInfo { title: Some(format!("PJ {seed}")), ..scor_pdfa::DocInfo::default() };
    scor_pdfa::write::scan(&[page], &info).expect("the page is well formed")
}

/// The headers of an SMTP message for the example lot: to its routing address, with the subject
/// `SCOR <Identification>`, at a fixed date.
pub fn example_headers(plan: &LotPlan) -> MailHeaders {
    MailHeaders {
        from: "cabinet.exemple@example.test".to_owned(),
        to: vec![example_route().to_owned()],
        subject: format!("SCOR {}", plan.identification),
        date: Some(1_795_400_000),
        message_id: Some("lot-00042@example.test".to_owned()),
    }
}

/// `files` as an SMTP message with `headers`.
pub fn eml(headers: &MailHeaders, files: &[LotFile]) -> Vec<u8> {
    scor_lot::mail::write_eml(headers, files)
}

/// `files` as a tar archive, in order.
pub fn tar(files: &[LotFile]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for file in files {
        let mut header = tar::Header::new_ustar();
        header.set_size(file.bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(1_795_400_000);
        builder.append_data(&mut header, &file.name, file.bytes.as_slice()).expect("a tar entry");
    }
    builder.into_inner().expect("a tar archive")
}

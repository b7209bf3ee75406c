//! The return of a lot: the conform engine's ARL (ENTARLSCANORDO + ARLSCANORDO, not encrypted) as an SMTP
//! message to the ARL-recipient field, or a service message (unreadable, no attachment, retransmitted twice).

use crate::address::Mailbox;
use scor_answering::compose::{Exchange, service_message};
use scor_conformance::arl::{ArlError, ArlFiles};
use scor_conformance::{Checked, PredictedArl};
use scor_dictionary::latest::DICTIONARY;
use scor_dictionary::latest::grammars::RECIPIENTS;
use scor_dictionary::schema::CodeEntry;
use scor_dictionary::{Check, CodeListKey, FileNameKind, Limit};
use scor_lot::files::from_files;
use scor_lot::mail::{MailHeaders, write_eml};
use std::collections::BTreeSet;

/// The service-message code for a lot received once more than it may be retransmitted: the header
/// cause of the `lot-retransmission` rule (rules.csv, seed 003 §8 TA).
pub fn retransmitted_too_often() -> &'static str {
    DICTIONARY.rule(Check::LotRetransmission, None).header_cause.expect("the retransmission rule has a service cause")
}

/// How many times a lot may be received: its first sending plus `lot_retransmissions_max`.
pub fn receptions_allowed() -> u32 {
    u32::try_from(DICTIONARY.limit(Limit::LotRetransmissionsMax)).unwrap_or(u32::MAX).saturating_add(1)
}

/// What the lot's header says about who answers whom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LotFacts {
    pub identification: Option<String>,
    /// The PS billing number (EF_PA_002_01).
    pub ps: Option<String>,
    /// The addresses of the ARL-recipient field (EF_PA_002_03), when it follows its grammar.
    pub arl_recipients: Vec<String>,
    /// Dossiers in the lot (one per invoice).
    pub dossiers: usize,
}

impl LotFacts {
    /// The facts of a checked lot, from its header as the checks read it (the values its ARL repeats).
    pub fn of(checked: &Checked) -> Self {
        let outcome = &checked.outcome;
        let value = |id| checked.header.as_ref().and_then(|h| h.value(id));
        let dossiers: BTreeSet<u32> = outcome.files.iter().filter_map(|f| f.dossier).collect();
        let arl_recipients = value(RECIPIENTS.element)
            .and_then(|text| RECIPIENTS.parse(text).ok())
            .map(|list| unique(list.into_iter().map(|r| r.address)))
            .unwrap_or_default();
        Self {
            identification: outcome.identification.clone(),
            ps: value("EF_PA_002_01").filter(|p| !p.is_empty()).map(str::to_owned),
            arl_recipients,
            dossiers: dossiers.len(),
        }
    }
}

fn unique(addresses: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    addresses.filter(|a| seen.insert(a.to_ascii_lowercase())).collect()
}

/// The return the PAIR sends for a lot (its ARL or a service message), ready to write and deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingReturn {
    /// `arl` or `service-message`.
    pub kind: &'static str,
    /// What it says: `accepted`, `header-rejection`, `dossier-rejection` or `service-message`.
    pub outcome: &'static str,
    pub cause: String,
    pub message_id: String,
    pub from: String,
    pub to: Vec<String>,
    pub eml: Vec<u8>,
}

/// What the return of a message says, before it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The engine's ARL.
    Arl,
    /// A service message with this code of the diagnostic table.
    Service(&'static str),
}

impl Verdict {
    /// The verdict for a checked lot received for the `reception`-th time.
    pub fn of(checked: &Checked, reception: Option<u32>) -> Self {
        if reception.is_some_and(|n| n > receptions_allowed()) {
            return Self::Service(code(retransmitted_too_often()).code);
        }
        match &checked.arl {
            Ok(_) => Self::Arl,
            // Unreadable message, no attachment (9xxx); or an ARL that cannot be written because the
            // header cannot be read: a service message carrying the header cause.
            Err(ArlError::ServiceMessage(cause)) => Self::Service(code(cause).code),
            Err(_) => Self::Service(code(checked.prediction.cause()).code),
        }
    }

    /// `accepted`, `header-rejection`, `dossier-rejection` or `service-message`, and the cause.
    pub fn outcome(self, predicted: &PredictedArl) -> (&'static str, &'static str) {
        match self {
            Self::Arl => (predicted.outcome(), predicted.cause()),
            Self::Service(cause) => ("service-message", cause),
        }
    }
}

fn code(cause: &str) -> &'static CodeEntry {
    let list = DICTIONARY.code_list(CodeListKey::Diagnostic);
    list.get(cause).or_else(|| list.get(retransmitted_too_often())).expect("codes/diagnostic.csv has the service codes")
}

/// Who sends and receives a return, and how it is named.
#[derive(Debug, Clone)]
pub struct Addressing<'a> {
    /// The message's row id (unique name of the return).
    pub id: i64,
    pub issued_at: i64,
    /// The routing address the lot was sent to: the organism answering.
    pub organism: &'a str,
    /// The SMTP envelope sender (MAIL FROM) of the lot.
    pub sender: &'a str,
}

/// The return of a checked lot.
pub fn build(checked: &Checked, facts: &LotFacts, verdict: Verdict, at: &Addressing<'_>) -> OutgoingReturn {
    let (outcome, cause) = verdict.outcome(&checked.prediction);
    let domain = at.organism.rsplit_once('@').map_or("pair.invalid", |(_, d)| d);
    let message_id =
        format!("{}-{}-{}@{domain}", if verdict == Verdict::Arl { "arl" } else { "sm" }, at.id, at.issued_at);
    let to = recipients(facts, verdict, at.sender);
    let eml = match (verdict, &checked.arl) {
        (Verdict::Arl, Ok(files)) => arl_eml(files, facts, at, &to, &message_id),
        _ => service_eml(code(cause), facts, at, &to, &message_id),
    };
    let kind = if verdict == Verdict::Arl { "arl" } else { "service-message" };
    OutgoingReturn { kind, outcome, cause: cause.to_owned(), message_id, from: at.organism.to_owned(), to, eml }
}

/// ARLs and the refusal of a second retransmission go to the ARL-recipient field; other service messages
/// (unreadable, no attachment, header unreadable) to the SMTP envelope sender, as does any return whose
/// ARL-recipient field does not follow its grammar or holds no RFC 5321 mailbox. Addresses are parsed
/// again here: only a valid mailbox becomes a recipient (the null sender `<>` gives none).
fn recipients(facts: &LotFacts, verdict: Verdict, sender: &str) -> Vec<String> {
    let to_field = match verdict {
        Verdict::Arl => true,
        Verdict::Service(cause) => cause == retransmitted_too_often(),
    };
    let field = if to_field { mailboxes(&facts.arl_recipients) } else { Vec::new() };
    if !field.is_empty() {
        return field;
    }
    mailboxes(&[sender])
}

/// The addresses of `addresses` that are RFC 5321 mailboxes, as parsed: nothing else reaches a header.
fn mailboxes(addresses: &[impl AsRef<str>]) -> Vec<String> {
    addresses.iter().filter_map(|a| Mailbox::parse(a.as_ref()).ok()).map(|m| m.to_string()).collect()
}

fn arl_eml(files: &ArlFiles, facts: &LotFacts, at: &Addressing<'_>, to: &[String], message_id: &str) -> Vec<u8> {
    let lot = facts.identification.as_deref().unwrap_or_default();
    let envelope = MailHeaders {
        from: at.organism.to_owned(),
        to: to.to_vec(),
        subject: subject(lot),
        date: Some(at.issued_at),
        message_id: Some(message_id.to_owned()),
    };
    let files = from_files(vec![
        (files.header_name.clone(), files.header.clone().into_bytes()),
        (files.diagnostic_name.clone(), files.diagnostic.clone().into_bytes()),
    ]);
    write_eml(&envelope, &files)
}

/// The ARL Subject: the table's example with its `identification` group replaced.
fn subject(lot: &str) -> String {
    let row = DICTIONARY.file_name(FileNameKind::ArlSubject);
    let mut subject = row.example.to_owned();
    if let Some(group) = row.captures(row.example).and_then(|c| c.name("identification")) {
        subject.replace_range(group.range(), lot);
    }
    subject
}

fn service_eml(
    entry: &'static CodeEntry,
    facts: &LotFacts,
    at: &Addressing<'_>,
    to: &[String],
    message_id: &str,
) -> Vec<u8> {
    let route = DICTIONARY.route_by_address(at.organism);
    let exchange = Exchange {
        lot: facts.identification.clone().unwrap_or_else(|| format!("message-{}", at.id)),
        lot_temps: String::new(),
        arl: String::new(),
        arl_temps: String::new(),
        regime: route.map(|r| r.regime.to_owned()).unwrap_or_default(),
        organisme: route.map(|r| r.code.to_owned()).unwrap_or_default(),
        ps: facts.ps.clone().unwrap_or_default(),
        ps_address: to.first().cloned().unwrap_or_default(),
        organism_address: at.organism.to_owned(),
        date: at.issued_at,
        message_id: message_id.to_owned(),
    };
    service_message(&exchange, entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arl_subject_follows_the_table() {
        assert_eq!(subject("565038410-2026112310150000001"), "ARL SCOR 565038410-2026112310150000001");
    }

    #[test]
    fn the_retransmission_code_is_a_service_code_of_the_table() {
        let entry = code(retransmitted_too_often());
        assert_eq!(entry.code, retransmitted_too_often());
        assert_eq!(receptions_allowed(), 2, "seed 003 §8 TA: retransmitted only once");
        assert_eq!(entry.extra("level").first().copied(), Some("service"));
    }

    #[test]
    fn the_facts_are_the_values_the_checks_read_in_the_header() {
        let mut plan = scor_tests::lots::example_plan();
        plan.arl_recipients = "PS:cabinet@a.test ; PRT:prt@b.test;PAIR:Cabinet@A.test".to_owned();
        let lot = scor_tests::lots::build(&plan);
        let facts = LotFacts::of(&scor_tests::lots::check(&lot.files));
        let expected = LotFacts {
            identification: Some(plan.identification.clone()),
            ps: Some(plan.ps_number.clone()),
            arl_recipients: vec!["cabinet@a.test".to_owned(), "prt@b.test".to_owned()],
            dossiers: 2,
        };
        assert_eq!(facts, expected, "each address once, ignoring case");

        plan.arl_recipients = "PAIR:pair@c.test".to_owned();
        let lot = scor_tests::lots::build(&plan);
        let facts = LotFacts::of(&scor_tests::lots::check(&lot.files));
        assert_eq!(facts.arl_recipients, Vec::<String>::new(), "PAIR alone is not a combination of the grammar");
        assert_eq!(facts.ps, expected.ps);
    }

    /// A header the checks read but the typed model refuses (no `Lot` element: a header rejection): its
    /// facts are those its ARL names, as for any other header rejection.
    #[test]
    fn a_header_the_typed_model_refuses_gives_the_facts_its_arl_names() {
        use scor_dictionary::latest::entscanordo::Entscanordo;
        use scor_dictionary::{Message, Options};
        let plan = scor_tests::lots::example_plan();
        let mut files = scor_tests::lots::build(&plan).files;
        let text = String::from_utf8(files[0].bytes.clone()).unwrap();
        let (start, end) = (text.find("<Lot>").unwrap(), text.find("</Lot>").unwrap() + "</Lot>".len());
        files[0].bytes = format!("{}{}", &text[..start], &text[end..]).into_bytes();
        let typed = Entscanordo::read(&files[0].name, &files[0].bytes, Options::default()).message;
        assert!(typed.is_none(), "the typed model refuses a header without Lot");
        let checked = scor_tests::lots::check(&files);
        assert_eq!(checked.prediction.outcome(), "header-rejection");
        let arl = checked.arl.as_ref().expect("a header rejection gets an ARL");
        let facts = LotFacts::of(&checked);
        let ps = facts.ps.as_deref().expect("the PS number is read");
        assert_eq!(ps, plan.ps_number);
        assert!(arl.header.contains(&format!(">{ps}<")) || arl.diagnostic.contains(&format!(">{ps}<")), "{arl:?}");
        assert_eq!(facts.arl_recipients, ["cabinet.exemple@example.test"]);
    }

    #[test]
    fn a_header_that_cannot_be_read_gives_no_facts_from_it() {
        let mut files = scor_tests::lots::build(&scor_tests::lots::example_plan()).files;
        let half = files[0].bytes.len() / 2;
        files[0].bytes.truncate(half);
        let facts = LotFacts::of(&scor_tests::lots::check(&files));
        assert_eq!(facts, LotFacts { dossiers: 2, ..LotFacts::default() });
    }

    #[test]
    fn service_messages_without_recipients_field_go_to_the_sender() {
        let facts = LotFacts::default();
        assert_eq!(recipients(&facts, Verdict::Service("9002"), "ps@example.test"), ["ps@example.test"]);
        assert!(recipients(&facts, Verdict::Service("9002"), "").is_empty());
    }

    #[test]
    fn only_parsed_mailboxes_become_recipients() {
        for hostile in ["..", "../x@b.test", "a\0b@b.test", "a@b.test\r\nBcc: c@d.test"] {
            assert!(recipients(&LotFacts::default(), Verdict::Service("9002"), hostile).is_empty(), "{hostile:?}");
        }
        let facts = LotFacts { arl_recipients: vec!["a..b@b.test".to_owned()], ..LotFacts::default() };
        assert_eq!(recipients(&facts, Verdict::Arl, "ps@example.test"), ["ps@example.test"], "field unusable");
    }
}

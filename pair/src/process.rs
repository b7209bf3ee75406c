//! Processing acknowledged messages through their states, resuming wherever a crash left it: the
//! conform engine runs on every core ([`checking`](crate::checking)); the decisions that depend on order
//! (retransmission, onboarding, duplicates) are taken here in acknowledgement order, and each state
//! is committed for a group of messages at once: checked, return written, delivered.

use crate::answer::{self, Addressing, LotFacts, Verdict};
use crate::checking::{Checker, Checking, Examined, Prepared};
use crate::delivery::{self, Delivery, DeliveryError, Parcel};
use crate::onboarding::{self, Enrolment, OnboardingLimits, Role};
use crate::spool::{Layout, link_all_durably, write_all_durably};
use crate::store::{
    AnswerRecord, CheckRecord, Decision, Delivered, MessageRow, ReviewRecord, State, Store, StoreError,
};
use scor_conformance::{Checked, Keys};
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Messages queued for the checking workers at most, ahead of the decisions.
const WINDOW: usize = 64;
/// Messages whose states are committed together at most.
const GROUP_MAX: usize = 64;

/// Why processing a message stopped.
#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

/// The processing side of the server: one per data directory. Workers check messages in parallel;
/// this one thread takes their results in the order messages were acknowledged (the retransmission
/// count, the onboarding and duplicates depend on it).
#[derive(Debug)]
pub struct Processor {
    store: Store,
    /// A second connection to the store, which the conform engine asks about earlier lots.
    earlier: Arc<Mutex<Store>>,
    checker: Arc<Checker>,
    checking: Checking,
    layout: Layout,
    delivery: Delivery,
    onboarding: OnboardingLimits,
    /// Messages whose delivery failed, and when to try again.
    retry_at: HashMap<i64, (Instant, u32)>,
    /// Each pass over the received messages is a round: results of an earlier round are dropped.
    round: u64,
}

/// A message checked in this run: the engine's result and what was decided.
#[derive(Debug)]
struct Decided {
    checked: Checked,
    facts: LotFacts,
    verdict: Verdict,
    role: Option<Role>,
}

/// A message decided, with its row as the decision leaves it (`checked`).
#[derive(Debug)]
struct Answering {
    row: MessageRow,
    decided: Decided,
}

/// A return written, to hand over.
#[derive(Debug)]
struct Handover {
    id: i64,
    /// The routing address the lot was sent to.
    from: String,
    to: Vec<String>,
    /// The return's Message-ID.
    answer_id: String,
    message: Vec<u8>,
    /// The return's durable file, `returns/ID.eml`.
    file: PathBuf,
}

/// The decisions of a group not committed yet, which the next messages of the group must see.
#[derive(Debug, Default)]
struct Group {
    receptions: HashMap<String, u32>,
    accepted: HashSet<String>,
    enrolments: HashMap<String, Enrolment>,
}

impl Group {
    fn note(&mut self, check: &CheckRecord, enrolment: Option<&Enrolment>) {
        if let Some(identification) = &check.identification {
            *self.receptions.entry(identification.clone()).or_default() += 1;
            if check.outcome == "accepted" {
                self.accepted.insert(identification.clone());
            }
        }
        if let Some(e) = enrolment {
            self.enrolments.insert(e.ps.clone(), e.clone());
        }
    }
}

impl Processor {
    pub fn new(layout: Layout, keys: Arc<Keys>, delivery: Delivery) -> Result<Self, ProcessError> {
        let checker = Arc::new(Checker { layout: layout.clone(), keys });
        let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        Ok(Self {
            store: Store::open(&layout.database())?,
            earlier: Arc::new(Mutex::new(Store::open(&layout.database())?)),
            checking: Checking::start(Arc::clone(&checker), &layout.database(), workers)?,
            checker,
            layout,
            delivery,
            onboarding: OnboardingLimits::from_tables(),
            retry_at: HashMap::new(),
            round: 0,
        })
    }

    /// Takes every pending message as far as it goes now; how many were delivered or failed for good.
    pub fn drain(&mut self) -> Result<usize, ProcessError> {
        self.drain_while(|| true)
    }

    /// As [`Processor::drain`], checking `keep_going` before each group of messages.
    pub fn drain_while(&mut self, keep_going: impl Fn() -> bool) -> Result<usize, ProcessError> {
        let finished = self.resume(&keep_going)?;
        Ok(finished + self.check_received(&keep_going)?)
    }

    /// Takes the messages left `checked`, `answered` or `delivering` (by a crash, or a delivery to try
    /// again) to their end.
    fn resume(&mut self, keep_going: &dyn Fn() -> bool) -> Result<usize, ProcessError> {
        let mut answering = Vec::new();
        let mut handovers = Vec::new();
        for row in self.store.pending()? {
            if !keep_going() {
                return Ok(0);
            }
            if self.retry_at.get(&row.id).is_some_and(|(at, _)| Instant::now() < *at) {
                continue;
            }
            match row.state {
                State::Checked => {
                    let decided = self.recheck(&row)?;
                    answering.push(Answering { row, decided });
                }
                State::Answered | State::Delivering => handovers.push(self.handover_of(&row)?),
                _ => {}
            }
        }
        handovers.extend(self.answer_all(&answering)?);
        self.deliver_all(&handovers)
    }

    /// The received messages, then those received meanwhile, until none is left: checked by the
    /// workers ([`WINDOW`] ahead), decided in order, committed by groups.
    fn check_received(&mut self, keep_going: &dyn Fn() -> bool) -> Result<usize, ProcessError> {
        self.round += 1;
        let mut waiting: VecDeque<MessageRow> = VecDeque::new();
        let mut queued_up_to = 0;
        let mut in_flight: VecDeque<i64> = VecDeque::new();
        let mut ready = HashMap::new();
        let mut finished = 0;
        loop {
            if waiting.is_empty() && in_flight.len() < WINDOW {
                waiting.extend(self.store.received_after(queued_up_to)?);
                queued_up_to = waiting.back().map_or(queued_up_to, |row| row.id);
            }
            while in_flight.len() < WINDOW
                && let Some(row) = waiting.pop_front()
            {
                in_flight.push_back(row.id);
                if !self.checking.submit(self.round, row) {
                    return Err(stopped());
                }
            }
            if in_flight.is_empty() || !keep_going() {
                return Ok(finished);
            }
            let group = self.gather(&mut in_flight, &mut ready)?;
            if !keep_going() {
                return Ok(finished);
            }
            finished += self.settle(group)?;
        }
    }

    /// The next results in order: waits for the first, then takes those already there after it.
    fn gather(
        &self,
        in_flight: &mut VecDeque<i64>,
        ready: &mut HashMap<i64, Prepared>,
    ) -> Result<Vec<Prepared>, ProcessError> {
        let mut group = Vec::new();
        while let Some(&id) = in_flight.front()
            && group.len() < GROUP_MAX
        {
            while let Some(prepared) = self.checking.ready() {
                self.keep(prepared, ready);
            }
            match ready.remove(&id) {
                Some(prepared) => {
                    in_flight.pop_front();
                    group.push(prepared);
                }
                None if group.is_empty() => self.keep(self.checking.next().ok_or_else(stopped)?, ready),
                None => break,
            }
        }
        Ok(group)
    }

    fn keep(&self, prepared: Prepared, ready: &mut HashMap<i64, Prepared>) {
        if prepared.round == self.round {
            ready.insert(prepared.row.id, prepared);
        }
    }

    /// Decides each message of `group` in order, commits the decisions in one transaction, then writes
    /// and delivers the returns. A message that cannot be decided stops the group there (the ones
    /// before it go on); it is tried again at the next pass.
    fn settle(&mut self, group: Vec<Prepared>) -> Result<usize, ProcessError> {
        let mut pending = Group::default();
        let mut answering = Vec::with_capacity(group.len());
        let mut records = Vec::with_capacity(group.len());
        let mut failure = None;
        for prepared in group {
            match self.decide(prepared, &mut pending) {
                Ok((decided, record)) => {
                    answering.push(decided);
                    records.push(record);
                }
                Err(error) => {
                    failure = Some(error);
                    break;
                }
            }
        }
        let mut finished = 0;
        if !records.is_empty() {
            self.store.record_checked_all(&records)?;
            let handovers = self.answer_all(&answering)?;
            finished = self.deliver_all(&handovers)?;
        }
        failure.map_or(Ok(finished), Err)
    }

    /// received → checked, in order: the engine's verdict (run again here if what it was told about
    /// earlier lots no longer holds), the reception count, the onboarding role and the PS's new
    /// enrolment, seeing the decisions of the group before it.
    fn decide(&self, prepared: Prepared, pending: &mut Group) -> Result<(Answering, Decision), ProcessError> {
        let Prepared { mut row, issued_at, examined, .. } = prepared;
        let mut examined = examined?;
        if !self.still_true(&examined, row.id, pending)? {
            examined = self.checker.examine(&row, issued_at, Arc::clone(&self.earlier), pending.accepted.clone())?;
        }
        let Examined { checked, facts, .. } = examined;
        let reception = match &facts.identification {
            Some(identification) => Some(self.receptions_before(identification, row.id, pending)? + 1),
            None => None,
        };
        let verdict = Verdict::of(&checked, reception);
        let (outcome, cause) = verdict.outcome(&checked.prediction);
        let before = match &facts.ps {
            Some(ps) if verdict == Verdict::Arl => self.enrolment(ps, pending)?,
            _ => None,
        };
        let role = facts
            .ps
            .as_ref()
            .filter(|_| verdict == Verdict::Arl)
            .map(|_| onboarding::role(before.as_ref(), facts.dossiers, issued_at, self.onboarding));
        let enrolment = facts.ps.as_deref().zip(role).map(|(ps, role)| {
            let accepted = outcome == "accepted";
            onboarding::after(before.as_ref(), ps, role, accepted, row.id, issued_at, self.onboarding)
        });
        let record = CheckRecord {
            issued_at,
            identification: facts.identification.clone(),
            ps: facts.ps.clone(),
            outcome: outcome.to_owned(),
            cause: cause.to_owned(),
            reception,
            onboarding: role.map(|r| r.as_str().to_owned()),
        };
        pending.note(&record, enrolment.as_ref());
        row.state = State::Checked;
        row.issued_at = Some(issued_at);
        let id = row.id;
        let decided = Decided { checked, facts, verdict, role };
        Ok((Answering { row, decided }, (id, record, enrolment)))
    }

    /// How many messages before `id` carried the lot `identification`: in the store or in the group.
    fn receptions_before(&self, identification: &str, id: i64, pending: &Group) -> Result<u32, ProcessError> {
        let in_group = pending.receptions.get(identification).copied().unwrap_or(0);
        Ok(self.store.receptions_before(identification, id)? + in_group)
    }

    /// The enrolment of PS `ps` as the group leaves it, else as the store has it.
    fn enrolment(&self, ps: &str, pending: &Group) -> Result<Option<Enrolment>, ProcessError> {
        match pending.enrolments.get(ps) {
            Some(enrolment) => Ok(Some(enrolment.clone())),
            None => Ok(self.store.enrolment(ps)?),
        }
    }

    /// Whether every answer the engine got about earlier lots is still the answer now that every
    /// message before `id` is decided (the store's, or the group's not committed yet).
    fn still_true(&self, examined: &Examined, id: i64, pending: &Group) -> Result<bool, ProcessError> {
        for (identification, answer) in &examined.answers {
            let accepted =
                pending.accepted.contains(identification) || self.store.accepted_before(identification, id)?.is_some();
            if *answer != Some(accepted) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// After a crash between checked and answered: the engine again, with the recorded issue time (so the
    /// same ARL), and the recorded decision.
    fn recheck(&self, row: &MessageRow) -> Result<Decided, ProcessError> {
        let issued_at = row.issued_at.unwrap_or_else(crate::store::now);
        let Examined { checked, facts, .. } =
            self.checker.examine(row, issued_at, Arc::clone(&self.earlier), HashSet::new())?;
        let verdict = Verdict::of(&checked, row.reception);
        let role = row.onboarding.as_deref().and_then(Role::parse);
        Ok(Decided { checked, facts, verdict, role })
    }

    /// checked → answered: the returns written durably (one directory sync for them all), linked for
    /// review in the onboarding, then recorded in one transaction.
    fn answer_all(&mut self, answering: &[Answering]) -> Result<Vec<Handover>, ProcessError> {
        let mut handovers = Vec::with_capacity(answering.len());
        let mut records = Vec::with_capacity(answering.len());
        for Answering { row, decided } in answering {
            let addressing = Addressing {
                id: row.id,
                issued_at: row.issued_at.unwrap_or_else(crate::store::now),
                organism: row.rcpt_to.first().map_or("", String::as_str),
                sender: &row.mail_from,
            };
            let answer = answer::build(&decided.checked, &decided.facts, decided.verdict, &addressing);
            let review = match (decided.role.and_then(Role::review_reason), &decided.facts.ps) {
                (Some(reason), Some(ps)) => Some(review_record(row.id, ps, reason)),
                _ => None,
            };
            let record = AnswerRecord {
                kind: answer.kind.to_owned(),
                message_id: answer.message_id.clone(),
                to: answer.to.clone(),
                file: format!("returns/{}.eml", row.id),
            };
            // Where a restart reads it back from too (`handover_of`).
            let file = self.layout.data.join(&record.file);
            records.push((row.id, record, review));
            handovers.push(Handover {
                id: row.id,
                from: addressing.organism.to_owned(),
                to: answer.to,
                answer_id: answer.message_id,
                message: answer.eml,
                file,
            });
        }
        if handovers.is_empty() {
            return Ok(handovers);
        }
        let names: Vec<String> = handovers.iter().map(|h| format!("{}.eml", h.id)).collect();
        let files: Vec<(&str, &[u8])> =
            names.iter().zip(&handovers).map(|(name, h)| (name.as_str(), h.message.as_slice())).collect();
        write_all_durably(&self.layout.returns(), &files)?;
        // The review copies: links to the returns just written, synced with their folders.
        let links: Vec<(PathBuf, PathBuf)> = records
            .iter()
            .filter_map(|(_, answer, review)| {
                review.as_ref().map(|review| (self.layout.data.join(&answer.file), self.layout.data.join(&review.file)))
            })
            .collect();
        link_all_durably(&links)?;
        self.store.record_answered_all(&records)?;
        Ok(handovers)
    }

    /// The return recorded for an `answered` or `delivering` row, read back from its file.
    fn handover_of(&self, row: &MessageRow) -> Result<Handover, ProcessError> {
        let file = self.layout.data.join(row.answer_file.as_deref().unwrap_or_default());
        let message = std::fs::read(&file)?;
        Ok(Handover {
            id: row.id,
            from: row.rcpt_to.first().cloned().unwrap_or_default(),
            to: row.answer_to.clone(),
            answer_id: row.answer_id.clone().unwrap_or_else(|| "return".to_owned()),
            message,
            file,
        })
    }

    /// answered → delivering → delivered, for a group; how many ended (delivered or failed for good).
    /// `delivering` is recorded (with each return's Message-ID already in its row) before the
    /// hand-over; a restart in `delivering` hands it over again, which the outbox makes idempotent and a
    /// relay may duplicate (same Message-ID) — see the README.
    fn deliver_all(&mut self, handovers: &[Handover]) -> Result<usize, ProcessError> {
        if handovers.is_empty() {
            return Ok(0);
        }
        // Row id and a hash of the return's Message-ID: the same on every attempt, never address text.
        let names: Vec<String> = handovers
            .iter()
            .map(|h| format!("{}.{}.eml", h.id, delivery::hex_digest(h.answer_id.as_bytes(), 8)))
            .collect();
        let parcels: Vec<Parcel<'_>> = handovers
            .iter()
            .zip(&names)
            .map(|(h, name)| Parcel { name, from: &h.from, to: &h.to, message: &h.message, kept: Some(&h.file) })
            .collect();
        let ids: Vec<i64> = handovers.iter().map(|h| h.id).collect();
        self.store.record_delivering_all(&ids)?;
        // The outbox syncs a group at once; a relay's hand-overs are recorded one by one, so that a crash
        // sends again at most the one return whose `delivered` was not committed.
        let at_once = match self.delivery {
            Delivery::Outbox(_) => parcels.len(),
            Delivery::Relay(_) => 1,
        };
        let mut finished = 0;
        for (ids, parcels) in ids.chunks(at_once).zip(parcels.chunks(at_once)) {
            let results = delivery::deliver_all(&self.delivery, parcels);
            let outcomes: Vec<_> = ids.iter().zip(results).map(|(id, result)| self.outcome(*id, result)).collect();
            finished += outcomes.iter().filter(|(_, o)| o.is_final()).count();
            self.store.record_deliveries(&outcomes, crate::store::now())?;
        }
        Ok(finished)
    }

    /// What becomes of hand-over `id`; a failure is tried again later, waiting longer each time.
    fn outcome(&mut self, id: i64, result: Result<String, DeliveryError>) -> (i64, Delivered) {
        match result {
            Ok(reply) => {
                self.retry_at.remove(&id);
                (id, Delivered::Taken(reply))
            }
            Err(error) => {
                let permanent = matches!(error, DeliveryError::Permanent(_));
                let tries = self.retry_at.get(&id).map_or(0, |(_, n)| *n) + 1;
                let wait = Duration::from_millis(500u64.saturating_mul(1 << tries.min(7)));
                self.retry_at.insert(id, (Instant::now() + wait, tries));
                (id, Delivered::Error { error: error.to_string(), permanent })
            }
        }
    }
}

fn stopped() -> ProcessError {
    ProcessError::Io(std::io::Error::other("the checking workers stopped"))
}

/// The review record of message `id` of PS `ps`: its copy of the return goes to `review/PS/ID.eml`.
fn review_record(id: i64, ps: &str, reason: &str) -> ReviewRecord {
    ReviewRecord {
        message: id,
        ps: ps.to_owned(),
        reason: reason.to_owned(),
        file: format!("review/{}/{id}.eml", safe(ps)),
        logged_at: crate::store::now(),
    }
}

/// A file-system-safe form of a PS number.
fn safe(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// The test PKI's keys (TEST ONLY) from `dir`.
pub fn test_keys(dir: &Path) -> std::io::Result<Arc<Keys>> {
    Ok(Arc::new(Keys::test_pki(dir)?))
}

//! Processing each acknowledged message through its states, resuming wherever a crash left it:
//! check with the conform engine (which asks the store about earlier lots), decide (retransmission,
//! onboarding), write the return, deliver it.

use crate::answer::{self, Addressing, LotFacts, Verdict};
use crate::delivery::{self, Delivery, DeliveryError, Parcel};
use crate::history::EarlierLots;
use crate::onboarding::{self, OnboardingLimits, Role};
use crate::spool::{Layout, write_durably};
use crate::store::{AnswerRecord, CheckRecord, MessageRow, ReviewRecord, State, Store, StoreError};
use scor_conformance::{Checked, Config, Keys};
use scor_dictionary::latest::DICTIONARY;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Why processing a message stopped.
#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The processing side of the server: one per data directory, run by one thread so that messages are
/// checked in the order they were acknowledged (the retransmission count depends on it).
#[derive(Debug)]
pub struct Processor {
    store: Store,
    /// A second connection to the store, which the conform engine asks about earlier lots.
    earlier: Arc<Mutex<Store>>,
    layout: Layout,
    keys: Arc<Keys>,
    delivery: Delivery,
    onboarding: OnboardingLimits,
    /// Messages whose delivery failed, and when to try again.
    retry_at: HashMap<i64, (Instant, u32)>,
}

/// A message checked in this run: the engine's result and what was decided.
struct Decided {
    checked: Checked,
    facts: LotFacts,
    verdict: Verdict,
    role: Option<Role>,
}

impl Processor {
    pub fn new(layout: Layout, keys: Arc<Keys>, delivery: Delivery) -> Result<Self, ProcessError> {
        Ok(Self {
            store: Store::open(&layout.database())?,
            earlier: Arc::new(Mutex::new(Store::open(&layout.database())?)),
            layout,
            keys,
            delivery,
            onboarding: OnboardingLimits::from_tables(),
            retry_at: HashMap::new(),
        })
    }

    /// Takes every pending message as far as it goes now; how many were delivered or failed for good.
    pub fn drain(&mut self) -> Result<usize, ProcessError> {
        self.drain_while(|| true)
    }

    /// As [`Processor::drain`], checking `keep_going` before each message.
    pub fn drain_while(&mut self, keep_going: impl Fn() -> bool) -> Result<usize, ProcessError> {
        let mut finished = 0;
        for row in self.store.pending()? {
            if !keep_going() {
                break;
            }
            if self.retry_at.get(&row.id).is_some_and(|(at, _)| Instant::now() < *at) {
                continue;
            }
            if matches!(self.advance(row)?, State::Delivered | State::Failed) {
                finished += 1;
            }
        }
        Ok(finished)
    }

    /// Moves one message through the states it has left; its state at the end.
    fn advance(&mut self, mut row: MessageRow) -> Result<State, ProcessError> {
        let mut decided = None;
        if row.state == State::Received {
            decided = Some(self.check(&row)?);
            row = self.store.message(row.id)?;
        }
        if row.state == State::Checked {
            let decided = match decided {
                Some(d) => d,
                None => self.recheck(&row)?,
            };
            self.answer(&row, &decided)?;
            row = self.store.message(row.id)?;
        }
        if matches!(row.state, State::Answered | State::Delivering) {
            self.deliver(&row)?;
            row = self.store.message(row.id)?;
        }
        Ok(row.state)
    }

    fn run_engine(&self, row: &MessageRow, issued_at: i64) -> Result<Checked, ProcessError> {
        let raw = std::fs::read(self.layout.spool().join(&row.spool))?;
        let config = Config {
            dictionary: &DICTIONARY,
            keys: Arc::clone(&self.keys),
            reveal_patient_data: false,
            plain: false,
            issued_at,
            sequence: u32::try_from(row.id).unwrap_or(u32::MAX),
            history: Some(Arc::new(EarlierLots { store: Arc::clone(&self.earlier), before: row.id })),
        };
        Ok(scor_conformance::check_eml(format!("message {}", row.id), &raw, &config))
    }

    /// received → checked: the engine's verdict, the reception count, the onboarding role, recorded
    /// with the PS's new enrolment in one transaction.
    fn check(&mut self, row: &MessageRow) -> Result<Decided, ProcessError> {
        let issued_at = now();
        let checked = self.run_engine(row, issued_at)?;
        let facts = LotFacts::of(&checked);
        let reception = match &facts.identification {
            Some(identification) => Some(self.store.receptions_before(identification, row.id)? + 1),
            None => None,
        };
        let verdict = Verdict::of(&checked, reception);
        let (outcome, cause) = verdict.outcome(&checked.prediction);
        let before = match &facts.ps {
            Some(ps) if verdict == Verdict::Arl => self.store.enrolment(ps)?,
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
        self.store.record_checked(row.id, &record, enrolment.as_ref())?;
        Ok(Decided { checked, facts, verdict, role })
    }

    /// After a crash between checked and answered: the engine again, with the recorded issue time (so the
    /// same ARL), and the recorded decision.
    fn recheck(&self, row: &MessageRow) -> Result<Decided, ProcessError> {
        let checked = self.run_engine(row, row.issued_at.unwrap_or_else(now))?;
        let facts = LotFacts::of(&checked);
        let verdict = Verdict::of(&checked, row.reception);
        let role = row.onboarding.as_deref().and_then(Role::parse);
        Ok(Decided { checked, facts, verdict, role })
    }

    /// checked → answered: the return written durably, and a copy for review in the onboarding.
    fn answer(&mut self, row: &MessageRow, decided: &Decided) -> Result<(), ProcessError> {
        let addressing = Addressing {
            id: row.id,
            issued_at: row.issued_at.unwrap_or_else(now),
            organism: row.rcpt_to.first().map_or("", String::as_str),
            sender: &row.mail_from,
        };
        let answer = answer::build(&decided.checked, &decided.facts, decided.verdict, &addressing);
        let file = format!("{}.eml", row.id);
        write_durably(&self.layout.returns().join(&file), &answer.eml)?;
        let review = match (decided.role.and_then(Role::review_reason), &decided.facts.ps) {
            (Some(reason), Some(ps)) => Some(self.log_for_review(row.id, ps, reason, &answer.eml)?),
            _ => None,
        };
        let record = AnswerRecord {
            kind: answer.kind.to_owned(),
            message_id: answer.message_id,
            to: answer.to,
            file: format!("returns/{file}"),
        };
        self.store.record_answered(row.id, &record, review.as_ref())?;
        Ok(())
    }

    fn log_for_review(&self, id: i64, ps: &str, reason: &str, eml: &[u8]) -> Result<ReviewRecord, ProcessError> {
        let dir = self.layout.review().join(safe(ps));
        std::fs::create_dir_all(&dir)?;
        let file = dir.join(format!("{id}.eml"));
        write_durably(&file, eml)?;
        Ok(ReviewRecord {
            message: id,
            ps: ps.to_owned(),
            reason: reason.to_owned(),
            file: format!("review/{}/{id}.eml", safe(ps)),
            logged_at: now(),
        })
    }

    /// answered → delivering → delivered. `delivering` is recorded (with the return's Message-ID
    /// already in the row) before the hand-over; a restart in `delivering` hands it over again, which
    /// the outbox makes idempotent and a relay may duplicate (same Message-ID) — see the README.
    fn deliver(&mut self, row: &MessageRow) -> Result<(), ProcessError> {
        let message = std::fs::read(self.layout.data.join(row.answer_file.as_deref().unwrap_or_default()))?;
        // Row id and a hash of the return's Message-ID: the same on every attempt, never address text.
        let message_id = row.answer_id.as_deref().unwrap_or("return");
        let name = format!("{}.{}.eml", row.id, delivery::hex_digest(message_id.as_bytes(), 8));
        let parcel = Parcel {
            name: &name,
            from: row.rcpt_to.first().map_or("", String::as_str),
            to: &row.answer_to,
            message: &message,
        };
        self.store.record_delivering(row.id)?;
        match delivery::deliver(&self.delivery, parcel) {
            Ok(reply) => {
                self.store.record_delivered(row.id, now(), &reply)?;
                self.retry_at.remove(&row.id);
            }
            Err(error) => {
                let permanent = matches!(error, DeliveryError::Permanent(_));
                self.store.record_delivery_error(row.id, &error.to_string(), permanent)?;
                let tries = self.retry_at.get(&row.id).map_or(0, |(_, n)| *n) + 1;
                let wait = Duration::from_millis(500u64.saturating_mul(1 << tries.min(7)));
                self.retry_at.insert(row.id, (Instant::now() + wait, tries));
            }
        }
        Ok(())
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

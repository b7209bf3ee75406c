//! `pair status`: the lots received with their return and delivery state, each PS's onboarding stage
//! and the ARLs logged for review, read from a data directory (as text or JSON).

use crate::onboarding::{Enrolment, Stage};
use crate::spool::Layout;
use crate::store::{MessageRow, ReviewRecord, State, Store, StoreError};
use scor_conformance::calendar::datetime;
use serde::Serialize;
use std::fmt;
use std::path::Path;

/// Everything `pair status` shows.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub lots: Vec<MessageRow>,
    pub ps: Vec<PsStatus>,
    pub reviews: Vec<ReviewRecord>,
    /// Messages kept for the postmaster (file names in `postmaster/`), sorted.
    pub postmaster: Vec<String>,
}

/// A PS's enrolment and its stage now.
#[derive(Debug, Clone, Serialize)]
pub struct PsStatus {
    #[serde(flatten)]
    pub enrolment: Enrolment,
    pub stage: Stage,
}

/// The status of the data directory `data` at `now`.
pub fn status(data: &Path, now: i64) -> Result<Status, StoreError> {
    let store = Store::open(&Layout { data: data.to_path_buf() }.database())?;
    let ps = store
        .enrolments()?
        .into_iter()
        .map(|enrolment| PsStatus { stage: enrolment.stage_at(now), enrolment })
        .collect();
    let postmaster = postmaster_files(&Layout { data: data.to_path_buf() });
    Ok(Status { lots: store.messages()?, ps, reviews: store.reviews()?, postmaster })
}

/// The file names of `postmaster/`, sorted (none when it does not exist).
fn postmaster_files(layout: &Layout) -> Vec<String> {
    let entries = std::fs::read_dir(layout.postmaster()).into_iter().flatten().flatten();
    let mut names: Vec<String> = entries.map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

impl Status {
    /// How many messages are in each state.
    pub fn count(&self, state: State) -> usize {
        self.lots.iter().filter(|m| m.state == state).count()
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "lots received: {}", self.lots.len())?;
        writeln!(
            f,
            "{:>5}  {:<19}  {:<31}  {:<3}  {:<18}  {:<5}  {:<20}  delivery",
            "id", "received", "identification", "rx", "return", "cause", "onboarding"
        )?;
        for m in &self.lots {
            writeln!(
                f,
                "{:>5}  {:<19}  {:<31}  {:<3}  {:<18}  {:<5}  {:<20}  {}{}",
                m.id,
                datetime(m.received_at),
                m.identification.as_deref().unwrap_or("-"),
                m.reception.map_or("-".to_owned(), |n| n.to_string()),
                m.outcome.as_deref().unwrap_or("-"),
                m.cause.as_deref().unwrap_or("-"),
                m.onboarding.as_deref().unwrap_or("-"),
                m.state.as_str(),
                m.error.as_deref().map(|e| format!("  ({e})")).unwrap_or_default(),
            )?;
        }
        writeln!(f, "\nPS onboarding: {}", self.ps.len())?;
        for p in &self.ps {
            let e = &p.enrolment;
            writeln!(
                f,
                "  {}  {}  (test lots: {}, first seen {})",
                e.ps,
                p.stage.describe(),
                e.test_lots,
                datetime(e.first_seen_at)
            )?;
        }
        writeln!(f, "\nARLs logged for review: {}", self.reviews.len())?;
        for r in &self.reviews {
            writeln!(f, "  message {}  PS {}  {}  {}", r.message, r.ps, r.reason, r.file)?;
        }
        writeln!(f, "\nmessages kept for the postmaster (not lots): {}", self.postmaster.len())?;
        for name in &self.postmaster {
            writeln!(f, "  postmaster/{name}")?;
        }
        Ok(())
    }
}

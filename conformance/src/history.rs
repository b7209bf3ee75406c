//! A history of earlier lots as the checks ask it: where a lot stands (a duplicate when already
//! accepted), and where the lots that carried a PJ stand (EXTERNE references).

/// Where an earlier lot stands in a history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Acknowledged {
    /// The history holds no such lot (or no lot carrying such a PJ).
    Unknown,
    /// Sent, and no return recorded yet.
    Awaiting { lot: String },
    /// Every return recorded rejects it (Etat R): the whole lot was rejected, nothing passed to the AMO.
    Rejected { lot: String },
    /// An ARL accepted it (Etat A): the whole lot was passed to the AMO.
    Accepted { lot: String },
}

/// A history of earlier lots the checks can ask (`conform --history`, the PAIR simulator's store).
pub trait LotHistory: Send + Sync + std::fmt::Debug {
    /// Where the lot with this Identification (EF_PA_001_01) stands.
    fn lot(&self, identification: &str) -> Result<Acknowledged, String>;

    /// Where the lots that carried the PJ with this identifier (EF_PA_005_04) stand, the furthest
    /// of them (accepted, then awaiting, then rejected); `None` when this history keeps no PJ.
    fn pj(&self, identifier: &str) -> Result<Option<Acknowledged>, String>;
}

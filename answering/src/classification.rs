//! What a return says about a lot, as the LPS acts on it: accepted, rejected on its header, on some
//! dossiers, by a service message, or unreadable; each with its label and the brief section it follows.

use scor_dictionary::Finding;
use scor_locale::{Lang, Text, text};
use serde::{Serialize, Serializer};

/// Brief sections each classification follows.
pub mod sources {
    pub const ACCEPTED: &str =
        "SCOR-BRIEF §2 Returns (Etat A: the whole lot is accepted and passed to the AMO); seed 003 §8 TA";
    pub const HEADER: &str = "SCOR-BRIEF §2 Returns (header-level rejection when the cause is not the dossiers cause 5999: \
         the LPS retransmits with a new header); seed 003 §8 TA";
    pub const DOSSIERS: &str = "SCOR-BRIEF §2 Returns (dossier-level rejection when EF_MR_018_03 = 5999: the LPS reads each \
         dossier diagnostic, which names one file, to find the dossiers to rebuild); seed 003 §8 TA";
    pub const SERVICE: &str = "SCOR-BRIEF §2 Returns (service messages are rejections) and §3 Diagnostic codes (9xxx: \
         service messages); seed 003 §7.2";
    pub const UNREADABLE: &str = "SCOR-BRIEF §2 Returns (an ARL message carries E-ARLSCANORDO.xml and D-ARLSCANORDO.xml) \
         and §3 ENTARLSCANORDO and ARLSCANORDO";
}

/// What the LPS has to do after a return (seed 003 §8 TA).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Nothing: the lot went to the AMO.
    None,
    /// Retransmit the lot with a new header.
    RetransmitWithNewHeader,
    /// Rebuild each listed dossier (the file its diagnostic names), then retransmit the lot.
    RebuildDossiers,
    /// The lot was not passed on: retransmit it, if its one retransmission is not spent.
    Retransmit,
}

impl Action {
    /// The action in words, in English.
    pub fn describe(self) -> String {
        self.text().render(Lang::En)
    }

    /// The action in words, for people: a text of the catalogues.
    pub fn text(self) -> Text {
        match self {
            Self::None => text!("action-none"),
            Self::RetransmitWithNewHeader => text!("action-new-header"),
            Self::RebuildDossiers => text!("action-rebuild-dossiers"),
            Self::Retransmit => text!("action-retransmit"),
        }
    }
}

/// A dossier an ARL diagnoses (a DiagDossier of a dossier-level rejection): the one file its diagnostic
/// names, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagnosedDossier {
    /// NumeroDossier as written in the ARL (EF_MR_019_01), e.g. `001`.
    pub numero: String,
    /// The file to rebuild (EF_MR_019_02); the first one when the diagnostic wrongly names several.
    pub file: String,
    /// The dossier diagnostic's cause (EF_MR_020_03).
    pub cause: &'static str,
    /// The cause's label in the diagnostic table.
    pub label: &'static str,
    /// The Libelle the ARL carries (EF_MR_020_04), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub libelle: Option<String>,
}

/// What a return says about its lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Classification {
    /// Etat A: the lot was passed to the AMO.
    Accepted { cause: &'static str, label: &'static str, action: Action, source: &'static str },
    /// The header (or the lot as a whole) is rejected: retransmit with a new header.
    HeaderRejection {
        cause: &'static str,
        label: &'static str,
        /// The Libelle the ARL carries (EF_MR_018_04), if any: the receiving side's own words.
        #[serde(skip_serializing_if = "Option::is_none")]
        libelle: Option<String>,
        action: Action,
        source: &'static str,
    },
    /// The dossiers cause (5999): the dossiers to rebuild, each with the one file its diagnostic names.
    DossierRejection {
        cause: &'static str,
        label: &'static str,
        dossiers: Vec<DiagnosedDossier>,
        action: Action,
        source: &'static str,
    },
    /// A service message instead of an ARL: the lot was not read.
    ServiceMessageRejection { code: &'static str, label: &'static str, action: Action, source: &'static str },
    /// The return cannot be classified: why, and the error findings that prevent it.
    Unreadable {
        /// Why, in English.
        reason: String,
        /// Why, to render in any language.
        #[serde(skip)]
        text: Text,
        findings: Vec<Finding>,
        source: &'static str,
    },
}

impl Classification {
    /// `accepted`, `header-rejection`, `dossier-rejection`, `service-message-rejection` or `unreadable`.
    pub fn outcome(&self) -> &'static str {
        match self {
            Self::Accepted { .. } => "accepted",
            Self::HeaderRejection { .. } => "header-rejection",
            Self::DossierRejection { .. } => "dossier-rejection",
            Self::ServiceMessageRejection { .. } => "service-message-rejection",
            Self::Unreadable { .. } => "unreadable",
        }
    }

    /// The header-level cause (EF_MR_018_03) or the service message's code.
    pub fn cause(&self) -> Option<&'static str> {
        match self {
            Self::Accepted { cause, .. }
            | Self::HeaderRejection { cause, .. }
            | Self::DossierRejection { cause, .. } => Some(cause),
            Self::ServiceMessageRejection { code, .. } => Some(code),
            Self::Unreadable { .. } => None,
        }
    }

    /// The label of the cause in the diagnostic table.
    pub fn label(&self) -> Option<&'static str> {
        match self {
            Self::Accepted { label, .. }
            | Self::HeaderRejection { label, .. }
            | Self::DossierRejection { label, .. }
            | Self::ServiceMessageRejection { label, .. } => Some(label),
            Self::Unreadable { .. } => None,
        }
    }

    /// The level of the diagnostic table the classification stands for (`accepted`, `header`,
    /// `dossiers`, `service`), `None` when unreadable.
    pub fn level(&self) -> Option<&'static str> {
        match self {
            Self::Accepted { .. } => Some("accepted"),
            Self::HeaderRejection { .. } => Some("header"),
            Self::DossierRejection { .. } => Some("dossiers"),
            Self::ServiceMessageRejection { .. } => Some("service"),
            Self::Unreadable { .. } => None,
        }
    }

    /// The lot was rejected (header, dossiers or service message).
    pub fn is_rejection(&self) -> bool {
        matches!(
            self,
            Self::HeaderRejection { .. } | Self::DossierRejection { .. } | Self::ServiceMessageRejection { .. }
        )
    }

    pub fn source(&self) -> &'static str {
        match self {
            Self::Accepted { source, .. }
            | Self::HeaderRejection { source, .. }
            | Self::DossierRejection { source, .. }
            | Self::ServiceMessageRejection { source, .. }
            | Self::Unreadable { source, .. } => source,
        }
    }
}

/// A text in English, as the JSON of an analysis carries it.
pub(crate) fn english<S: Serializer>(text: &Text, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&text.render(Lang::En))
}

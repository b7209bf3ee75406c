//! Onboarding of a PS as seed 000 describes it: a first test lot of reduced volume, then, once it is
//! accepted, a control period (table days) during which every ARL is also logged for review.

use scor_conformance::calendar::datetime;
use scor_dictionary::{Limit, latest::DICTIONARY};
use serde::Serialize;

const DAY: i64 = 86_400;

/// The onboarding values of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnboardingLimits {
    /// `onboarding_test_lot_max_dossiers`: the reduced volume of a test lot (one dossier per invoice).
    pub test_lot_max_dossiers: usize,
    /// `onboarding_control_period_days`.
    pub control_period_days: i64,
}

impl OnboardingLimits {
    pub fn from_tables() -> Self {
        let limit = |limit| DICTIONARY.limit(limit);
        Self {
            test_lot_max_dossiers: usize::try_from(limit(Limit::OnboardingTestLotMaxDossiers)).unwrap_or(usize::MAX),
            control_period_days: i64::try_from(limit(Limit::OnboardingControlPeriodDays)).unwrap_or(i64::MAX / DAY),
        }
    }
}

/// A PS's enrolment as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Enrolment {
    /// The PS billing number (EF_PA_002_01).
    pub ps: String,
    pub first_seen_at: i64,
    /// Test lots received (within the reduced volume or not).
    pub test_lots: u32,
    /// The message of the accepted test lot.
    pub accepted_test: Option<i64>,
    pub control_from: Option<i64>,
    pub control_until: Option<i64>,
}

/// Where a PS is at time `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "stage", rename_all = "kebab-case")]
pub enum Stage {
    /// Not enrolled: the next lot is a test lot.
    Test,
    /// Test lot accepted: every ARL is logged for review until `until`.
    Control { until: i64 },
    /// The control period is over.
    Enrolled,
}

impl Stage {
    pub fn describe(self) -> String {
        match self {
            Self::Test => "test: the next lot is a test lot".to_owned(),
            Self::Control { until } => format!("control period until {}", datetime(until)),
            Self::Enrolled => "enrolled: control period over".to_owned(),
        }
    }
}

impl Enrolment {
    /// A PS seen for the first time at `now`.
    pub fn new(ps: &str, now: i64) -> Self {
        Self {
            ps: ps.to_owned(),
            first_seen_at: now,
            test_lots: 0,
            accepted_test: None,
            control_from: None,
            control_until: None,
        }
    }

    /// The stage at `now`.
    pub fn stage_at(&self, now: i64) -> Stage {
        match self.control_until {
            None => Stage::Test,
            Some(until) if now < until => Stage::Control { until },
            Some(_) => Stage::Enrolled,
        }
    }
}

/// A lot's place in its PS's onboarding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The first lot of a PS not enrolled, within the reduced volume.
    TestLot,
    /// A test lot over the reduced volume: answered as any lot, but it does not count as the test.
    TestLotOverVolume,
    /// A lot of the control period.
    Control,
    /// A lot of an enrolled PS.
    Production,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TestLot => "test-lot",
            Self::TestLotOverVolume => "test-lot-over-volume",
            Self::Control => "control",
            Self::Production => "production",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::TestLot, Self::TestLotOverVolume, Self::Control, Self::Production]
            .into_iter()
            .find(|r| r.as_str() == text)
    }

    /// Why the lot's ARL is logged for review, if it is: test lots and the control period.
    pub fn review_reason(self) -> Option<&'static str> {
        match self {
            Self::TestLot => Some("test lot"),
            Self::TestLotOverVolume => Some("test lot over the reduced volume"),
            Self::Control => Some("control period"),
            Self::Production => None,
        }
    }
}

/// The role of a lot of `dossiers` dossiers from a PS whose enrolment is `before`, at `now`.
pub fn role(before: Option<&Enrolment>, dossiers: usize, now: i64, limits: OnboardingLimits) -> Role {
    match before.map_or(Stage::Test, |e| e.stage_at(now)) {
        Stage::Test if dossiers > limits.test_lot_max_dossiers => Role::TestLotOverVolume,
        Stage::Test => Role::TestLot,
        Stage::Control { .. } => Role::Control,
        Stage::Enrolled => Role::Production,
    }
}

/// The enrolment after lot `message` of role `role` was answered (`accepted`: Etat A) at `now`.
pub fn after(
    before: Option<&Enrolment>,
    ps: &str,
    role: Role,
    accepted: bool,
    message: i64,
    now: i64,
    limits: OnboardingLimits,
) -> Enrolment {
    let mut enrolment = before.cloned().unwrap_or_else(|| Enrolment::new(ps, now));
    match role {
        Role::TestLot | Role::TestLotOverVolume => enrolment.test_lots += 1,
        Role::Control | Role::Production => {}
    }
    if role == Role::TestLot && accepted {
        enrolment.accepted_test = Some(message);
        enrolment.control_from = Some(now);
        enrolment.control_until = Some(now.saturating_add(limits.control_period_days.saturating_mul(DAY)));
    }
    enrolment
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: OnboardingLimits = OnboardingLimits { test_lot_max_dossiers: 2, control_period_days: 90 };

    #[test]
    fn the_tables_give_the_seed_values() {
        let limits = OnboardingLimits::from_tables();
        assert_eq!(limits.control_period_days, 90);
        assert!(limits.test_lot_max_dossiers >= 1);
    }

    #[test]
    fn an_accepted_test_lot_opens_a_control_period_that_ends_after_the_table_days() {
        let now = 1_000;
        assert_eq!(role(None, 2, now, LIMITS), Role::TestLot);
        let e = after(None, "1", Role::TestLot, true, 7, now, LIMITS);
        assert_eq!(e.accepted_test, Some(7));
        assert_eq!(e.stage_at(now), Stage::Control { until: now + 90 * DAY });
        assert_eq!(role(Some(&e), 50, now + DAY, LIMITS), Role::Control);
        assert_eq!(e.stage_at(now + 90 * DAY), Stage::Enrolled);
        assert_eq!(role(Some(&e), 50, now + 90 * DAY, LIMITS), Role::Production);
    }

    #[test]
    fn a_rejected_or_too_large_test_lot_leaves_the_ps_in_test() {
        let e = after(None, "1", Role::TestLot, false, 1, 0, LIMITS);
        assert_eq!(e.stage_at(0), Stage::Test);
        assert_eq!(role(Some(&e), 3, 0, LIMITS), Role::TestLotOverVolume);
        let e = after(Some(&e), "1", Role::TestLotOverVolume, true, 2, 0, LIMITS);
        assert_eq!((e.stage_at(0), e.test_lots), (Stage::Test, 2));
    }

    #[test]
    fn roles_round_trip() {
        for role in [Role::TestLot, Role::TestLotOverVolume, Role::Control, Role::Production] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
    }
}

//! The receiving side's rules over SMTP: a lot retransmitted only once (the third reception gets the
//! 9003 service message), and onboarding (test lot of reduced volume, then the control period).

mod common;

use common::*;
use scor_dictionary::{Limit, latest::DICTIONARY};
use scor_pair::onboarding::Stage;
use scor_test_tools::require_tool;

#[test]
fn the_second_retransmission_of_a_lot_gets_service_message_9003() {
    let Some(python) = require_tool("python3") else { return };
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::start(&dir.path().join("data"), None);
    let lot = write(dir.path(), "dossier.eml", &dossier_rejection_lot(7));
    assert_eq!(send_with_smtplib(python, pair.address, &[lot.clone(), lot.clone(), lot]), [250, 250, 250]);
    let status = wait_finished(&pair.data, 3, 60);
    let receptions: Vec<_> = status.lots.iter().map(|m| (m.reception, m.outcome.clone().unwrap())).collect();
    assert_eq!(
        receptions,
        [
            (Some(1), "dossier-rejection".to_owned()),
            (Some(2), "dossier-rejection".to_owned()),
            (Some(3), "service-message".to_owned())
        ]
    );
    let third = &status.lots[2];
    assert_eq!(third.cause.as_deref(), Some("9003"));
    assert_eq!(third.answer_to, ["cabinet.exemple@example.test"], "to the ARL-recipient field");
    let returns = delivered(&pair.outbox());
    let (_, _, raw) = returns.iter().find(|(_, name, _)| name.starts_with("3.")).unwrap();
    let (outcome, cause, _) = classified(raw);
    assert_eq!((outcome.as_str(), cause.as_str()), ("service-message-rejection", "9003"));
    pair.stop();
}

#[test]
fn a_ps_is_enrolled_through_a_test_lot_then_a_control_period_logged_for_review() {
    let Some(python) = require_tool("python3") else { return };
    let max = usize::try_from(DICTIONARY.limit(Limit::OnboardingTestLotMaxDossiers)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pair = Pair::start(&dir.path().join("data"), None);
    let mut big = scor_tests::lots::example_plan();
    big.identification = format!("{}{:05}", &big.identification[..big.identification.len() - 5], 11);
    big.dossiers = (0..=max).map(|_| big.dossiers[0].clone()).collect();
    let files = [
        write(dir.path(), "over-volume.eml", &built(&big, |_| {})),
        write(dir.path(), "rejected-test.eml", &header_rejection_lot(12)),
        write(dir.path(), "test.eml", &lot_variant(13)),
        write(dir.path(), "control.eml", &lot_variant(14)),
    ];
    assert_eq!(send_with_smtplib(python, pair.address, &files), [250, 250, 250, 250]);
    let status = wait_finished(&pair.data, files.len(), 60);
    let roles: Vec<_> = status.lots.iter().map(|m| m.onboarding.clone().unwrap()).collect();
    assert_eq!(roles, ["test-lot-over-volume", "test-lot", "test-lot", "control"], "{status}");
    let outcomes: Vec<_> = status.lots.iter().skip(1).map(|m| m.outcome.clone().unwrap()).collect();
    assert_eq!(outcomes, ["header-rejection", "accepted", "accepted"]);
    let [ps] = status.ps.as_slice() else { panic!("one PS: {status}") };
    assert_eq!(ps.enrolment.test_lots, 3);
    assert_eq!(ps.enrolment.accepted_test, Some(status.lots[2].id));
    let from = ps.enrolment.control_from.unwrap();
    assert_eq!(ps.stage, Stage::Control { until: from + 90 * 86_400 });
    let reviewed: Vec<_> = status.reviews.iter().map(|r| (r.message, r.reason.as_str())).collect();
    assert_eq!(
        reviewed,
        [(1, "test lot over the reduced volume"), (2, "test lot"), (3, "test lot"), (4, "control period")]
    );
    assert!(status.reviews.iter().all(|r| pair.data.join(&r.file).exists()));
    let text = status.to_string();
    assert!(text.contains("control period until"), "{text}");
    pair.stop();
}

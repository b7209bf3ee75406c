//! Lots for the conformance tests: the example lot of scor-sender sealed with the test PKI, a way to
//! change one thing in it, and the checker configured as `cargo xtask conform` configures it.

use crate::repo_root;
use scor_conformance::{Checked, Config, Keys};
use scor_lot::envelope::ContentCipher;
use scor_lot::files::LotFile;
use scor_sender::{BuiltLot, LotPlan};

/// The test PKI folder (TEST ONLY keys).
pub fn test_pki() -> std::path::PathBuf {
    repo_root().join("test-pki")
}

/// The routing address of the example lot.
pub fn example_route() -> &'static str {
    let (regime, code) = scor_sender::example::ROUTE;
    scor_dictionary::latest::DICTIONARY.route(regime, code).expect("the example routes to a table address").address
}

/// The checker with the test PKI's keys, issuing ARLs at a fixed time.
pub fn config() -> Config {
    Config {
        dictionary: &scor_dictionary::latest::DICTIONARY,
        keys: Keys::test_pki(&test_pki()).expect("the test PKI is committed"),
        reveal_patient_data: false,
        issued_at: 1_795_430_400,
        sequence: 1,
    }
}

/// The example lot's plan.
pub fn example_plan() -> LotPlan {
    scor_sender::example::plan(&scor_dictionary::latest::DICTIONARY)
}

/// `plan` built and sealed for the example route's test certificate with `cipher`.
pub fn build_with(plan: &LotPlan, cipher: ContentCipher) -> BuiltLot {
    let key = scor_lot::pki::load(&test_pki(), example_route()).expect("the example route has a test key");
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

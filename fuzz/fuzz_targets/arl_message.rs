//! Fuzz target `arl_message`: any bytes as a return (SMTP message) read and classified by scor-answering.
//! Never panics; every finding names a rule of the dictionary, and classifying again gives the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scor_dictionary::latest::DICTIONARY;

fuzz_target!(|data: &[u8]| {
    let received = scor_answering::read_eml(&DICTIONARY, "arl.eml".to_owned(), data);
    let analysis = scor_answering::classify(&received);
    for finding in &analysis.findings {
        assert!(DICTIONARY.rule_by_id(finding.rule).is_some(), "unknown rule {}", finding.rule);
    }
    assert_eq!(scor_answering::classify(&received), analysis);
});

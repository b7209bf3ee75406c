//! Fuzz target `recipients`: any text parsed with the ARL-recipient grammar of EF_PA_002_03.
//! Never panics; what it accepts is an allowed role sequence of valid addresses, and reparses equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scor_dictionary::latest::grammars::RECIPIENTS;

fuzz_target!(|text: &str| {
    let Ok(recipients) = RECIPIENTS.parse(text) else { return };
    let roles: Vec<&str> = recipients.iter().map(|r| r.role.as_str()).collect();
    assert!(RECIPIENTS.combinations.contains(&roles.as_slice()), "{text:?} accepted with roles {roles:?}");
    for recipient in &recipients {
        assert!(RECIPIENTS.address.1.is_match(&recipient.address), "{text:?}: {recipient:?}");
    }
    let written: Vec<String> = recipients.iter().map(|r| format!("{}:{}", r.role, r.address)).collect();
    let written = written.join(";");
    assert_eq!(RECIPIENTS.parse(&written).as_ref(), Ok(&recipients), "{text:?} rewritten as {written:?}");
});

//! Fuzz target `smtp_session`: any bytes as what a client sends to the PAIR's SMTP listener, framed and
//! answered by scor-pair's session without sockets (`scor_pair::rehearsal`), its invariants checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte chooses how the stream is cut into reads (1 to 64 bytes); the rest is the stream.
    let Some((cut, input)) = data.split_first() else { return };
    if let Err(broken) = scor_pair::rehearsal::property(input, usize::from(cut % 64) + 1) {
        panic!("{broken}\ninput: {:?}", String::from_utf8_lossy(input));
    }
});

//! The seeds of fuzz target `smtp_session` (fuzz/seeds/smtp_session/) replayed on stable through its
//! property (`scor_pair::rehearsal::property`), with the messages each one must store.

mod common;

use common::repo_root;

/// (seed, senders of the messages stored, in order).
const SEEDS: &[(&str, &[&str])] = &[
    ("abandoned", &[]),
    ("bare-lf-commands", &[]),
    ("clean", &["lps@cabinet.test"]),
    ("hostile-senders", &["a/b@b.test"]),
    ("long-line", &[]),
    ("open-relay", &[]),
    ("oversize", &[]),
    ("pipelined-two", &["lps@cabinet.test", ""]),
    ("postmaster", &["lps@cabinet.test"]),
    ("quoted-and-literal", &["\"a>b\\\"c\"@[IPv6:2001:db8::1]"]),
    ("smuggle-cr-dot-crlf", &[]),
    ("smuggle-crlf-dot-lf", &[]),
    ("smuggle-lf-dot-crlf", &[]),
    ("smuggle-lf-dot-lf", &[]),
    // Found by the first campaign: a line with one leading dot not stuffed (".RSS.FR>"); the property
    // wrongly expected stuffing to be reversible, the listener was right (RFC 5321 §4.5.2).
    ("unstuffed-dot-line", &["\"a>b\\\"c\"@[IPv6:2001:db8::1]"]),
];

#[test]
fn every_smtp_session_seed_keeps_the_invariants_and_stores_what_it_should() {
    let dir = repo_root().join("fuzz/seeds/smtp_session");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".smtp").to_owned())
        .collect();
    names.sort();
    assert_eq!(names, SEEDS.iter().map(|(name, _)| *name).collect::<Vec<_>>(), "seeds and this table agree");
    for (name, senders) in SEEDS {
        let data = std::fs::read(dir.join(format!("{name}.smtp"))).unwrap();
        let (cut, input) = data.split_first().unwrap();
        let transcript = scor_pair::rehearsal::property(input, usize::from(cut % 64) + 1)
            .unwrap_or_else(|broken| panic!("seed {name}: {broken}"));
        let stored: Vec<&str> = transcript.stored.iter().map(|s| s.smtp_envelope.mail_from.as_str()).collect();
        assert_eq!(&stored, senders, "seed {name}");
    }
}

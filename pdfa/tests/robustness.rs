//! Bad input never panics and stays bounded: every truncation, byte flips, random mutations, and
//! Flate decompression bombs (small stream, huge output) stopped by the limit, which they name.

mod common;

use std::time::{Duration, Instant};

use common::*;
use proptest::prelude::*;
use scor_pdfa::ReadingLimit::{DecodedStreamBytes as Bytes, Objects, Pages};
use scor_pdfa::write::{flate, flate_zeros, stream_object};
use scor_pdfa::{Limits, PdfLocation, Report, check};

const BUDGET: Duration = Duration::from_secs(5);

/// Checks and asserts the run was bounded and no internal error was swallowed.
fn bounded(pdf: &[u8], limits: &Limits) -> Report {
    let start = Instant::now();
    let r = check(pdf, limits);
    assert!(start.elapsed() < BUDGET, "check took {:?}", start.elapsed());
    assert!(!r.not_evaluated.iter().any(|(_, why)| why.contains("internal error")), "{}", describe(&r));
    r
}

#[test]
fn every_truncation_is_reported_without_panic() {
    let pdf = clean_pdf();
    assert!(pdf.ends_with(b"%%EOF\n"));
    // Dropping only the optional EOL after %%EOF leaves a valid file.
    for len in 0..pdf.len() - 1 {
        let r = bounded(&pdf[..len], &limits());
        assert!(!r.violations.is_empty(), "truncated at {len} but reported clean");
    }
}

#[test]
fn byte_flips_do_not_panic() {
    let pdf = clean_pdf();
    for at in (0..pdf.len()).step_by(3) {
        for value in [0u8, b' ', b'(', b')', b'<', b'>', b'[', b'/', b'%', b'9', 0xFF] {
            let mut bad = pdf.clone();
            bad[at] = value;
            bounded(&bad, &limits());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_edits_do_not_panic(edits in proptest::collection::vec((any::<u16>(), any::<u8>(), 0u8..3), 1..12)) {
        let mut pdf = clean_pdf();
        for (pos, byte, kind) in edits {
            let at = usize::from(pos) % pdf.len();
            match kind {
                0 => pdf[at] = byte,
                1 => pdf.insert(at, byte),
                _ => { pdf.remove(at); }
            }
        }
        bounded(&pdf, &limits());
    }

    #[test]
    fn arbitrary_bytes_do_not_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut pdf = b"%PDF-1.4\n".to_vec();
        pdf.extend(bytes);
        bounded(&pdf, &limits());
    }
}

#[test]
fn flate_bomb_in_page_content_is_a_limit_stop() {
    let bomb = flate_zeros(4 << 30); // 4 GiB once inflated, about 4 MB compressed
    let pdf = with_objects(&[], |objs| objs[6] = stream_object("/Filter /FlateDecode", &bomb));
    let r = bounded(&pdf, &limits());
    assert_eq!(stops(&r), ["stream 7 0 R decodes past 16777216 bytes"], "{}", describe(&r));
    assert_eq!(r.stops[0].location, PdfLocation::object((7, 0)));
    assert_eq!(at_limit(&r), [("6.1.12", Bytes), ("6.2.3", Bytes), ("6.2.10", Bytes)]);
    assert!(r.violations.is_empty() && r.not_evaluated.is_empty(), "{}", describe(&r));
}

#[test]
fn flate_bomb_in_metadata_is_a_limit_stop() {
    let bomb = flate_zeros(1 << 30);
    let pdf =
        with_objects(&[], |objs| objs[2] = stream_object("/Type /Metadata /Subtype /XML /Filter /FlateDecode", &bomb));
    let r = bounded(&pdf, &limits());
    assert_only(&r, &[("6.7.2", 2)]);
    assert_eq!(stops(&r), ["stream 3 0 R decodes past 16777216 bytes"]);
    assert_eq!(at_limit(&r), [("6.7.3", Bytes), ("6.7.5", Bytes), ("6.7.9", Bytes), ("6.7.11", Bytes)]);
}

#[test]
fn a_flood_of_operators_is_read_one_at_a_time() {
    // 4 million `q` (8 MB decoded, 8 kB compressed): one finding, no operator list held in memory.
    let content = flate(&b"q\n".repeat(4_000_000));
    let pdf = with_objects(&[], |objs| objs[6] = stream_object("/Filter /FlateDecode", &content));
    let r = bounded(&pdf, &limits());
    assert_only(&r, &[("6.1.12", 8)]);
    assert!(r.not_evaluated.is_empty() && r.stops.is_empty(), "{}", describe(&r));
}

#[test]
fn input_and_object_limits_are_honoured() {
    let pdf = clean_pdf();
    let small = Limits { max_input_bytes: 100, ..limits() };
    let r = bounded(&pdf, &small);
    assert!(r.violations.is_empty() && r.stops.is_empty(), "{}", describe(&r));
    let reason = format!("the file ({} bytes) is larger than max_input_bytes (100)", pdf.len());
    assert_eq!(r.not_evaluated.len(), 20);
    assert!(r.not_evaluated.iter().all(|(_, why)| *why == reason), "{}", describe(&r));
    let few = Limits { max_objects: 3, max_pages: 1, ..limits() };
    let r = bounded(&pdf, &few);
    assert_eq!(
        stops(&r),
        [
            "the file has 11 indirect objects, more than 3: only the first 3 were read",
            "the page tree holds more than 1 pages: only the first 1 were read"
        ]
    );
    assert_eq!(r.stops.iter().map(|s| (s.limit, s.value)).collect::<Vec<_>>(), [(Objects, 3), (Pages, 1)]);
    assert!(at_limit(&r).contains(&("6.1.12", Objects)) && at_limit(&r).contains(&("6.5.3", Pages)));
    assert_eq!(r.pages, Some(1));
}

#[test]
fn page_tree_loops_end() {
    // Page tree whose Kids point back at itself, many times.
    let pdf = with_objects(&[], |objs| {
        objs[1] = b"<< /Type /Pages /Kids [2 0 R 2 0 R 6 0 R 2 0 R] /Count 3 >>".to_vec();
    });
    let r = bounded(&pdf, &limits());
    assert_eq!(r.pages, Some(1), "{}", describe(&r));
    let loops = "the page tree loops: a Kids entry of 2 0 R refers to 2 0 R itself";
    let messages: Vec<&str> = r.violations.iter().map(|v| v.message.as_str()).collect();
    assert_eq!(messages, [loops], "{}", describe(&r));
}

//! Bad input never panics and stays bounded: every truncation, byte flips, random mutations,
//! and a Flate decompression bomb (small stream, huge output) that must be stopped by the limit.

mod common;

use std::time::{Duration, Instant};

use common::*;
use flate2::{Compress, Compression, FlushCompress};
use proptest::prelude::*;
use scor_pdfa::write::stream_object;
use scor_pdfa::{Limits, Report, check};

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

/// A zlib stream inflating to `mib` MiB of zeros: one compressed MiB repeated (its back-references
/// only reach zeros), then a final block and the right Adler-32.
fn zlib_bomb(mib: usize) -> Vec<u8> {
    let zeros = vec![0u8; 1 << 20];
    let mut c = Compress::new(Compression::best(), false);
    let mut first = Vec::with_capacity(1 << 16);
    c.compress_vec(&zeros, &mut first, FlushCompress::Sync).unwrap();
    let mut repeat = Vec::with_capacity(1 << 16);
    c.compress_vec(&zeros, &mut repeat, FlushCompress::Sync).unwrap();
    let mut end = Vec::with_capacity(64);
    c.compress_vec(&[], &mut end, FlushCompress::Finish).unwrap();
    let mut out = vec![0x78, 0xDA];
    out.extend(&first);
    for _ in 1..mib {
        out.extend(&repeat);
    }
    out.extend(&end);
    let n = (mib as u64) << 20;
    let adler = ((n % 65521) << 16) | 1;
    out.extend((adler as u32).to_be_bytes());
    out
}

#[test]
fn bomb_helper_really_inflates() {
    use std::io::Read;
    let bomb = zlib_bomb(3);
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(&bomb[..]).read_to_end(&mut out).unwrap();
    assert_eq!(out.len(), 3 << 20);
    assert!(out.iter().all(|b| *b == 0));
}

#[test]
fn flate_bomb_in_page_content_is_not_evaluated() {
    let bomb = zlib_bomb(4096); // 4 GiB once inflated, a few MB compressed
    let pdf = with_objects(&[], |objs| objs[6] = stream_object("/Filter /FlateDecode", &bomb));
    let r = bounded(&pdf, &limits());
    assert!(r.not_evaluated.iter().any(|(c, why)| *c == "6.2.10" && why.contains("limit")), "{}", describe(&r));
}

#[test]
fn flate_bomb_in_metadata_is_not_evaluated() {
    let bomb = zlib_bomb(1024);
    let pdf =
        with_objects(&[], |objs| objs[2] = stream_object("/Type /Metadata /Subtype /XML /Filter /FlateDecode", &bomb));
    let r = bounded(&pdf, &limits());
    assert!(r.has("6.7.2", 2), "{}", describe(&r));
    assert!(r.not_evaluated.iter().any(|(c, _)| *c == "6.7.11"), "{}", describe(&r));
}

#[test]
fn input_and_object_limits_are_honoured() {
    let pdf = clean_pdf();
    let small = Limits { max_input_bytes: 100, ..limits() };
    let r = bounded(&pdf, &small);
    assert!(r.violations.is_empty() && !r.not_evaluated.is_empty(), "{}", describe(&r));
    let few = Limits { max_objects: 3, max_pages: 1, ..limits() };
    let r = bounded(&pdf, &few);
    assert!(r.not_evaluated.iter().any(|(c, _)| *c == "6.1.12"), "{}", describe(&r));
    assert_eq!(r.pages, None);
}

#[test]
fn page_tree_loops_end() {
    // Page tree whose Kids point back at itself, many times.
    let pdf = with_objects(&[], |objs| {
        objs[1] = b"<< /Type /Pages /Kids [2 0 R 2 0 R 6 0 R 2 0 R] /Count 3 >>".to_vec();
    });
    let r = bounded(&pdf, &limits());
    assert_eq!(r.pages, Some(1), "{}", describe(&r));
}

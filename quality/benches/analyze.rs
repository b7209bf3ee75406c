//! Benchmarks of the analysis of one A4 page scanned at 250 DPI (the seed's scanning constraints), on a
//! PDF parsed once as the PJ check shares it: bitonal Flate, bitonal CCITT G4 and 8-bit grey Flate, decoding
//! included, without thumbnails (the PJ check's default) and, for the bitonal page, with them. Times are
//! the benchmark thread's CPU time ([`cpu_time`]), which a machine loaded by other work does not inflate.

#[path = "../tests/common/mod.rs"]
mod common;
mod cpu_time;

use common::{A4, LIMITS, Spec, Tone, g4_pdf, pdf, thresholds};
use cpu_time::CpuTime;
use criterion::{Criterion, criterion_group, criterion_main};
use scor_pdfa::Parsed;
use scor_quality::{Limits, analyze_parsed};
use std::hint::black_box;

const NO_THUMBNAILS: Limits = Limits { thumbnail_max_side: 0, ..LIMITS };

fn parsed(bytes: &[u8]) -> Parsed {
    Parsed::load(bytes, LIMITS.max_decoded_bytes as usize, LIMITS.max_pages).expect("the page parses")
}

fn a4_pages(c: &mut Criterion<CpuTime>) {
    let thresholds = thresholds();
    let spec = Spec::text(A4, 250, 1).angle(1.5);
    let bitonal = spec.render();
    let grey = spec.tone(Tone::Grey { paper: 235, ink: 40, noise: 6 }).render();
    let cases = [
        ("A4 250 DPI bitonal Flate", parsed(&pdf(std::slice::from_ref(&bitonal))), NO_THUMBNAILS),
        ("A4 250 DPI bitonal CCITT G4", parsed(&g4_pdf(&bitonal)), NO_THUMBNAILS),
        ("A4 250 DPI bitonal CCITT G4, thumbnail", parsed(&g4_pdf(&bitonal)), LIMITS),
        ("A4 250 DPI grey Flate", parsed(&pdf(&[grey])), NO_THUMBNAILS),
    ];
    let mut group = c.benchmark_group("quality");
    group.sample_size(30);
    for (name, parsed, limits) in &cases {
        let report = analyze_parsed(Ok(parsed), limits, &thresholds);
        assert_eq!(report.pages.len(), 1, "{name}: {:?}", report.not_evaluated);
        group.bench_function(*name, |b| b.iter(|| analyze_parsed(Ok(black_box(parsed)), limits, &thresholds)));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = a4_pages
}
criterion_main!(benches);

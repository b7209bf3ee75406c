//! Benchmark of the analysis of one A4 page scanned at 250 DPI, bitonal, Flate-compressed (the PJ of
//! the seed's scanning constraints): decoding, measures, thumbnail. Target: at most 20 ms on one core.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{A4, LIMITS, Spec, pdf, thresholds};
use criterion::{Criterion, criterion_group, criterion_main};
use scor_quality::analyze;
use std::hint::black_box;

fn a4_bitonal_250_dpi(c: &mut Criterion) {
    let bytes = pdf(&[Spec::text(A4, 250, 1).angle(1.5).render()]);
    let thresholds = thresholds();
    let report = analyze(&bytes, &LIMITS, &thresholds);
    assert_eq!(report.pages.len(), 1, "{:?}", report.not_evaluated);
    let mut group = c.benchmark_group("quality");
    group.sample_size(30);
    group.bench_function("analyze A4 250 DPI bitonal Flate", |b| {
        b.iter(|| analyze(black_box(&bytes), &LIMITS, &thresholds))
    });
    group.finish();
}

criterion_group!(benches, a4_bitonal_250_dpi);
criterion_main!(benches);

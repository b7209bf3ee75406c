//! Criterion benchmarks of the conformance check: the whole check of a lot in memory (the bundled
//! example lot, and a 20-dossier lot built with scor-sender), the typical lot in lots per second (one
//! dossier of two bitonal 250 DPI PJ, on one core), then its stages alone (streaming
//! validation of a header and an index, inspecting and opening one envelope, PDF/A-1b check of one PJ),
//! and hostile input (a header of 8,000 dossiers).
//!
//! `cargo bench -p scor-conformance --bench conform`; results and how to read them: docs/performance.md.

mod support;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use scor_dictionary::{Limit, Options, Profil};
use scor_lot::cms;
use scor_lot::files::LotFile;
use std::hint::black_box;

/// Dossiers (of two PJ each) in the larger lot.
const DOSSIERS: usize = 20;

fn whole_lot(c: &mut Criterion) {
    let config = support::config();
    let example = support::example_lot();
    let large = support::built_lot(DOSSIERS);
    let limit = support::dictionary().limit(Limit::LotMaxBytes);
    assert!(support::lot_bytes(&large) <= limit, "the {DOSSIERS}-dossier lot stays within lot_max_bytes");
    let mut group = c.benchmark_group("lot");
    for (name, lot) in [("example", &example), ("20-dossiers-40-pj", &large)] {
        // The example refers to a PJ of an earlier lot: without a history it is not fully evaluated.
        let checked = scor_conformance::check_files_in_memory(name.to_owned(), lot, &config);
        let verdict = checked.outcome.verdict();
        assert_ne!(verdict, scor_conformance::Verdict::NotConformant, "{name}: {:?}", checked.outcome.findings);
        group.throughput(Throughput::Bytes(support::lot_bytes(lot)));
        group.bench_with_input(BenchmarkId::new("check_files_in_memory", name), lot, |b, lot| {
            b.iter(|| scor_conformance::check_files_in_memory(name.to_owned(), black_box(lot), &config))
        });
    }
    group.finish();
}

/// The typical lot (one dossier, two bitonal 250 DPI PJ of 1 and 2 pages, four files), checked in
/// process on one core: throughput in lots per second.
fn typical_lot(c: &mut Criterion) {
    let config = support::config();
    let lot = support::built_lot(1);
    let checked = scor_conformance::check_files_in_memory("typical".to_owned(), &lot, &config);
    assert!(checked.outcome.is_conformant(), "the typical lot is conformant: {:?}", checked.outcome.findings);
    let one_core = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread pool");
    let mut group = c.benchmark_group("typical");
    group.throughput(Throughput::Elements(1));
    group.bench_function("lot_in_process_one_core", |b| {
        b.iter(|| {
            one_core.install(|| scor_conformance::check_files_in_memory("typical".to_owned(), black_box(&lot), &config))
        })
    });
    group.finish();
}

/// Hostile input: a 3.9 MB header of 8,000 dossiers (the example's first, repeated), within every size
/// limit, checked alone. Its time grows linearly with its size (1,000 dossiers took 2 s, 8,000 minutes,
/// while element positions were found by rescanning the file from its start).
fn hostile_header(c: &mut Criterion) {
    let config = support::config();
    let mut plan = scor_sender::example::plan(support::dictionary());
    plan.dossiers = vec![plan.dossiers[0].clone(); 8_000];
    let header = vec![scor_sender::header_file(&plan).expect("the header is written")];
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(header[0].bytes.len() as u64));
    group.bench_function("header_of_8000_dossiers", |b| {
        b.iter(|| scor_conformance::check_files_in_memory("lot".to_owned(), black_box(&header), &config))
    });
    group.finish();
}

fn file<'a>(lot: &'a [LotFile], prefix: &str) -> &'a LotFile {
    lot.iter().find(|f| f.name.starts_with(prefix)).unwrap_or_else(|| panic!("the lot has a {prefix} file"))
}

fn stages(c: &mut Criterion) {
    let dictionary = support::dictionary();
    let key = support::key();
    let example = support::example_lot();
    let large = support::built_lot(DOSSIERS);
    let options = Options { reveal_patient_data: false };
    let mut group = c.benchmark_group("stage");

    // Streaming validation of the header (ENTSCANORDO), plain XML.
    let header_schema = dictionary.message(Profil::Entscanordo);
    for (name, lot) in [("example", &example), ("20-dossiers", &large)] {
        let header = file(lot, "E-");
        group.throughput(Throughput::Bytes(header.bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("validate_header", name), &header.bytes, |b, bytes| {
            b.iter(|| scor_dictionary::stream::validate(header_schema, "header", black_box(bytes), options))
        });
    }

    // Streaming validation of one decrypted index (SCANORDO).
    let index_schema = dictionary.message(Profil::Scanordo);
    let index_envelope = file(&example, "D-001");
    let index = cms::open(&index_envelope.bytes, &key, dictionary.xml_limits.max_bytes).expect("the index opens");
    group.throughput(Throughput::Bytes(index.len() as u64));
    group.bench_function("validate_index", |b| {
        b.iter(|| scor_dictionary::stream::validate(index_schema, "index", black_box(&index), options))
    });

    // One envelope: its structure without decrypting, then opening it (RSA key transport + AES-256-CBC).
    let pj_limit = dictionary.limit(Limit::PjMaxBytes);
    let pj_envelope = file(&example, "P-002-001");
    for (name, sealed) in [("index", index_envelope), ("pj", pj_envelope)] {
        group.throughput(Throughput::Bytes(sealed.bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("envelope_inspect", name), &sealed.bytes, |b, der| {
            b.iter(|| cms::inspect(black_box(der)).expect("the envelope reads"))
        });
        group.bench_with_input(BenchmarkId::new("envelope_open", name), &sealed.bytes, |b, der| {
            b.iter(|| cms::open(black_box(der), &key, pj_limit).expect("the envelope opens"))
        });
    }

    // What `xtask conform` does once before any lot: load every key of the test PKI (PEM certificates
    // and RSA-2048 PKCS#8 keys through OpenSSL's decoders).
    let pki = support::repo_root().join("test-pki");
    group.throughput(Throughput::Elements(
        scor_lot::pki::TestPki::open(&pki).expect("test PKI").addresses().len() as u64
    ));
    group.bench_function("load_test_pki_keys", |b| {
        b.iter(|| scor_conformance::Keys::test_pki(black_box(&pki)).expect("the test PKI loads"))
    });

    // PDF/A-1b check of one PJ, decrypted once outside the timed loop; limits as the checker sets them.
    let limits = scor_conformance::checks::pj::pdfa_limits(dictionary);
    for name in ["P-001-001", "P-002-001"] {
        let pdf = cms::open(&file(&example, name).bytes, &key, pj_limit).expect("the PJ opens");
        let report = scor_pdfa::check(&pdf, &limits);
        assert!(report.violations.is_empty(), "{name} is PDF/A-1b: {:?}", report.violations);
        group.throughput(Throughput::Bytes(pdf.len() as u64));
        group.bench_with_input(BenchmarkId::new("pdfa_check", name), &pdf, |b, pdf| {
            b.iter(|| scor_pdfa::check(black_box(pdf), &limits))
        });
        // For scale: what `sha256sum` does to the same bytes (the checker also digests every PJ).
        group.bench_with_input(BenchmarkId::new("sha256", name), &pdf, |b, pdf| {
            b.iter(|| <sha2::Sha256 as sha2::Digest>::digest(black_box(pdf)))
        });
    }
    group.finish();
}

criterion_group!(benches, whole_lot, typical_lot, stages, hostile_header);
criterion_main!(benches);

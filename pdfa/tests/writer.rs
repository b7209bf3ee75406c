//! The writer's output: clean for the checker, deterministic, well-formed for qpdf and Ghostscript.
//! A test that needs an external tool fails when it is missing, naming it (see scor-test-tools).

mod common;

use std::process::Command;

use common::*;
use scor_pdfa::icc::{gray_profile, parse_header};
use scor_pdfa::{DocInfo, Page, Raster, ScanError, scan};

#[test]
fn writer_output_is_clean() {
    let r = run(&clean_pdf());
    assert!(r.is_clean(), "{}", describe(&r));
    assert_eq!(r.pages, Some(2));
}

#[test]
fn writer_output_without_info_is_clean() {
    let pdf = scan(&[gray_page(10, 10, 300)], &DocInfo::default()).unwrap();
    let r = run(&pdf);
    assert!(r.is_clean(), "{}", describe(&r));
}

#[test]
fn writer_is_deterministic() {
    assert_eq!(clean_pdf(), clean_pdf());
}

#[test]
fn writer_rejects_bad_pages() {
    assert_eq!(scan(&[], &info()), Err(ScanError::NoPages));
    let short = Page { width: 9, height: 2, dpi: 100, raster: Raster::Bitonal(vec![0; 3]) };
    assert_eq!(scan(&[short], &info()), Err(ScanError::RasterSize { page: 1, expected: 4, got: 3 }));
    let zero = Page { width: 0, height: 2, dpi: 100, raster: Raster::Gray(vec![]) };
    assert_eq!(scan(&[zero], &info()), Err(ScanError::EmptyPage { page: 1 }));
    let huge = Page { width: 20_001, height: 1, dpi: 100, raster: Raster::Gray(vec![0; 20_001]) };
    assert_eq!(scan(&[huge], &info()), Err(ScanError::PageTooLarge { page: 1 }));
}

#[test]
fn gray_profile_is_a_v2_monitor_profile() {
    let p = gray_profile();
    let h = parse_header(&p).unwrap();
    assert_eq!(&h.class, b"mntr");
    assert_eq!(&h.colour_space, b"GRAY");
    assert_eq!(h.major, 2);
    assert_eq!(u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize, p.len());
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("scor-pdfa-writer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn qpdf_accepts_writer_output() {
    let Some(qpdf) = scor_test_tools::require_tool("qpdf") else { return };
    let path = temp_file("clean.pdf", &clean_pdf());
    let out = Command::new(qpdf).arg("--check").arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "qpdf --check failed:\n{text}");
    assert!(text.contains("No syntax or stream encoding errors"), "{text}");
}

#[test]
fn ghostscript_renders_writer_output() {
    let Some(gs) = scor_test_tools::require_tool("gs") else { return };
    let path = temp_file("render.pdf", &clean_pdf());
    let out = Command::new(gs)
        .args(["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pgmraw", "-r50", "-sOutputFile=%stdout"])
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.trim().is_empty(), "gs failed: {err}");
    assert!(out.stdout.starts_with(b"P5"), "gs produced no image");
}

#[test]
fn a4_scan_at_250_dpi_is_clean_and_quick() {
    let pages = [bitonal_page(2067, 2923, 250), bitonal_page(2067, 2923, 250)];
    let pdf = scan(&pages, &info()).unwrap();
    let start = std::time::Instant::now();
    let r = run(&pdf);
    assert!(r.is_clean(), "{}", describe(&r));
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "{:?}", start.elapsed());
    println!("A4 250 dpi, 2 pages: {} bytes, checked in {:?}", pdf.len(), start.elapsed());
}

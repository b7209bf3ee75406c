//! Files from real PDF/A producers installed from Debian: img2pdf --pdfa and Ghostscript's
//! PDF/A-1 output. A missing tool fails its test, naming the tool (`cargo xtask test` installs both;
//! `SCOR_KIT_SKIP_MISSING_TOOLS=1` skips the test instead, see scor-test-tools).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use scor_pdfa::Report;
use scor_test_tools::require_tool;

fn work_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scor-pdfa-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run_tool(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
}

fn check_file(path: &Path) -> Report {
    let r = run(&std::fs::read(path).unwrap());
    println!("{}:\n{}", path.display(), describe(&r));
    r
}

// ---- a tiny PNG writer for the inputs ----

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn png(width: u32, height: u32, bit_depth: u8, rows: &[Vec<u8>]) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        c.extend_from_slice(&body);
        c.extend_from_slice(&crc32(&body).to_be_bytes());
        c
    };
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[bit_depth, 0, 0, 0, 0]);
    let raw: Vec<u8> = rows.iter().flat_map(|r| std::iter::once(0).chain(r.iter().copied())).collect();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &scor_pdfa::write::flate(&raw)));
    out.extend(chunk(b"IEND", &[]));
    out
}

fn gray_png(dir: &Path) -> PathBuf {
    let rows: Vec<Vec<u8>> = (0..60).map(|y| (0..80).map(|x| ((x * 3 + y) % 256) as u8).collect()).collect();
    let path = dir.join("gray.png");
    std::fs::write(&path, png(80, 60, 8, &rows)).unwrap();
    path
}

fn bitonal_png(dir: &Path) -> PathBuf {
    let rows: Vec<Vec<u8>> =
        (0..64).map(|y| (0..8).map(|x| if (x + y / 8) % 2 == 0 { 0xF0 } else { 0x0F }).collect()).collect();
    let path = dir.join("bitonal.png");
    std::fs::write(&path, png(64, 64, 1, &rows)).unwrap();
    path
}

/// An RGB v2 ICC profile for img2pdf's output intent: Debian's default path, else Ghostscript's.
fn rgb_profile() -> PathBuf {
    let candidates = ["/usr/share/color/icc/sRGB.icc", "/usr/share/color/icc/ghostscript/srgb.icc"];
    let found = candidates.iter().map(PathBuf::from).find(|p| p.exists());
    found.expect("an sRGB ICC profile: Ghostscript's is missing (apt-get install --reinstall libgs-common)")
}

#[test]
fn img2pdf_pdfa_output_is_clean() {
    let Some(img2pdf) = require_tool("img2pdf") else { return };
    let Some(_) = require_tool("gs") else { return }; // its sRGB profile
    let profile = rgb_profile();
    let dir = work_dir("img2pdf");
    for input in [gray_png(&dir), bitonal_png(&dir)] {
        let out = input.with_extension("pdf");
        run_tool(Command::new(img2pdf).arg(format!("--pdfa={}", profile.display())).arg("-o").arg(&out).arg(&input));
        let r = check_file(&out);
        assert!(r.is_clean(), "img2pdf --pdfa output {}:\n{}", out.display(), describe(&r));
        assert_eq!(r.pages, Some(1));
    }
}

/// Ghostscript's PDFA_def.ps with `profile` as its output intent, written to `dir`.
fn pdfa_def(dir: &Path, profile: &str) -> PathBuf {
    let missing = "Ghostscript's PDFA_def.ps (apt-get install --reinstall libgs10-common)";
    let template = std::fs::read_dir("/usr/share/ghostscript")
        .expect(missing)
        .filter_map(Result::ok)
        .map(|e| e.path().join("lib/PDFA_def.ps"))
        .find(|p| p.exists())
        .expect(missing);
    let text = std::fs::read_to_string(template).unwrap().replace("(srgb.icc)", &format!("({profile})"));
    let path = dir.join("PDFA_def.ps");
    std::fs::write(&path, text).unwrap();
    path
}

const PS_PAGE: &str = "%!PS\n/Helvetica findfont 24 scalefont setfont\n72 700 moveto (Ordonnance de test) show\n\
                       0.5 setgray 72 600 200 50 rectfill\nshowpage\n";

fn gs_pdfa(gs: &str, dir: &Path, strategy: &str, def: Option<&Path>, input: &Path, out: &Path) {
    let mut cmd = Command::new(gs);
    cmd.args(["-q", "-dPDFA=1", "-dBATCH", "-dNOPAUSE", "-dPDFACompatibilityPolicy=1", "-sDEVICE=pdfwrite"])
        .arg(format!("-sColorConversionStrategy={strategy}"))
        .arg("--permit-file-read=/usr/share/color/icc/ghostscript/")
        .arg(format!("-sOutputFile={}", out.display()))
        .current_dir(dir);
    if strategy == "Gray" {
        cmd.arg("-sProcessColorModel=DeviceGray");
    }
    if let Some(def) = def {
        cmd.arg(def);
    }
    run_tool(cmd.arg(input));
}

#[test]
fn ghostscript_pdfa1_with_output_intent_is_clean() {
    let Some(gs) = require_tool("gs") else { return };
    let dir = work_dir("gs-def");
    let input = dir.join("page.ps");
    std::fs::write(&input, PS_PAGE).unwrap();
    let cases = [
        ("Gray", "/usr/share/color/icc/ghostscript/default_gray.icc"),
        ("RGB", "/usr/share/color/icc/ghostscript/srgb.icc"),
    ];
    for (strategy, profile) in cases {
        let def = pdfa_def(&dir, profile);
        let out = dir.join(format!("gs-{strategy}.pdf"));
        gs_pdfa(gs, &dir, strategy, Some(&def), &input, &out);
        let r = check_file(&out);
        // Ghostscript embeds a font: its program is not parsed, so 6.3.5-6.3.7 are reported as
        // not evaluated, but nothing is violated.
        assert!(r.violations.is_empty(), "gs {strategy}:\n{}", describe(&r));
        assert!(r.not_evaluated.iter().all(|(c, _)| c.starts_with("6.3.")), "{}", describe(&r));
    }
}

/// Ghostscript 10.0 run with -dPDFA=1 but without a PDFA_def.ps writes no OutputIntents while its
/// page content paints with DeviceGray (`0 g`, `0.5 g`). That is a genuine PDF/A-1b violation:
/// veraPDF PDF/A-1B profile, clause 6.2.3 test 4 (object PDDeviceGray): "If an uncalibrated colour
/// space is used in a file then that file shall contain a PDF/A-1 OutputIntent", test
/// `gOutputCS != null`. Ghostscript's documentation asks for PDFA_def.ps for this reason.
#[test]
fn ghostscript_pdfa1_without_output_intent_lacks_it() {
    let Some(gs) = require_tool("gs") else { return };
    let dir = work_dir("gs-nodef");
    let input = dir.join("page.ps");
    std::fs::write(&input, PS_PAGE).unwrap();
    let out = dir.join("gs-no-intent.pdf");
    gs_pdfa(gs, &dir, "Gray", None, &input, &out);
    let r = check_file(&out);
    assert_only(&r, &[("6.2.3", 4)]);
}

#[test]
fn ghostscript_converts_writer_output_cleanly() {
    let Some(gs) = require_tool("gs") else { return };
    let dir = work_dir("gs-convert");
    let def = pdfa_def(&dir, "/usr/share/color/icc/ghostscript/default_gray.icc");
    let input = dir.join("writer.pdf");
    std::fs::write(&input, clean_pdf()).unwrap();
    let out = dir.join("writer-gs.pdf");
    gs_pdfa(gs, &dir, "Gray", Some(&def), &input, &out);
    let r = check_file(&out);
    assert!(r.is_clean(), "{}", describe(&r));
    assert_eq!(r.pages, Some(2));
}

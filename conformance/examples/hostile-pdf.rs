//! Writes one lot per class of hostile PJ (a page tree that is not a tree, decompression bombs and a
//! content stream of 24.5 million operators within pj_max_bytes) into DIR/<class>/: the example plan with dossier 001's PJ changed, built with
//! scor-sender and sealed with the test PKI (TEST ONLY keys). `scripts/hostile-pdf.sh` measures them.
//!
//! `cargo run --release -p scor-conformance --example hostile-pdf -- DIR`

#[path = "../benches/support/mod.rs"]
mod support;

use scor_lot::cms::ContentCipher;
use scor_pdfa::write::{assemble, flate, flate_zeros, stream_object};
use std::path::Path;
use std::process::ExitCode;

/// A class of hostile PJ: its name and how the example PJ's objects (object n at n-1: catalog 1, page
/// tree 2, profile 4, page 6, content 7, image 8) are changed.
type Class = (&'static str, fn(&mut Vec<Vec<u8>>));

const CLASSES: [Class; 9] = [
    ("control", |_| {}),
    ("zero-pages", |o| o[1] = b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()),
    ("unparsable-page", |o| o[5] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1 1 >> )".to_vec()),
    ("self-loop", |o| o[1] = b"<< /Type /Pages /Kids [6 0 R 2 0 R 2 0 R 2 0 R] /Count 4 >>".to_vec()),
    ("parent-loop", |o| {
        o[1] = b"<< /Type /Pages /Kids [9 0 R] /Count 1 >>".to_vec();
        o.push(b"<< /Type /Pages /Parent 2 0 R /Kids [6 0 R 2 0 R] /Count 1 >>".to_vec());
    }),
    ("image-bomb-480MB", |o| o[7] = stream_object(&image_dict(&o[7]), &flate_zeros(480_000_000))),
    ("flate-of-flate-bomb-2GB", |o| {
        o[6] = stream_object("/Filter [/FlateDecode /FlateDecode]", &flate(&flate_zeros(2_000_000_000)));
    }),
    ("icc-bomb-400MB", |o| o[3] = stream_object("/N 1 /Filter /FlateDecode", &flate_zeros(400_000_000))),
    ("operator-flood-49MB", |o| o[6] = stream_object("/Filter /FlateDecode", &flate(&b"q\n".repeat(24_500_000)))),
];

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: hostile-pdf DIR");
        return ExitCode::from(2);
    };
    for (name, change) in CLASSES {
        let mut plan = scor_sender::example::plan(support::dictionary());
        let piece = &mut plan.dossiers[0].pieces[0];
        let mut objects = objects(piece.pdf.as_deref().expect("the example's first piece carries its PDF"));
        change(&mut objects);
        let pdf = assemble(&objects, Some(5));
        let pj_bytes = pdf.len();
        piece.pdf = Some(pdf);
        let built = scor_sender::build(&plan, &support::key().cert, ContentCipher::Aes256Cbc).expect("the plan builds");
        let folder = Path::new(&dir).join(name);
        if let Err(e) = write(&folder, &built.files) {
            eprintln!("{}: {e}", folder.display());
            return ExitCode::from(2);
        }
        println!("{}: PJ P-001-001 of {pj_bytes} bytes", folder.display());
    }
    ExitCode::SUCCESS
}

fn write(folder: &Path, files: &[scor_lot::files::LotFile]) -> std::io::Result<()> {
    if folder.exists() {
        std::fs::remove_dir_all(folder)?;
    }
    std::fs::create_dir_all(folder)?;
    files.iter().try_for_each(|f| std::fs::write(folder.join(&f.name), &f.bytes))
}

/// The image object's dictionary entries without its Length.
fn image_dict(image: &[u8]) -> String {
    let text = String::from_utf8_lossy(image);
    let start = text.find("<< ").map_or(0, |at| at + 3);
    let end = text.find(" /Length").unwrap_or(start);
    text[start..end].to_owned()
}

/// The objects of a PDF written by `scor_pdfa::write::assemble` (object n at index n-1), read back
/// from its cross-reference table.
fn objects(pdf: &[u8]) -> Vec<Vec<u8>> {
    let xref = pdf.windows(6).rposition(|w| w == b"\nxref\n").expect("a cross-reference table") + 1;
    let table = String::from_utf8_lossy(&pdf[xref..]);
    let mut lines = table.lines().skip(1);
    let count: usize = lines.next().and_then(|l| l.split(' ').nth(1)?.parse().ok()).expect("a subsection");
    let offsets: Vec<usize> = lines.skip(1).take(count - 1).map(|l| l[..10].parse().expect("an offset")).collect();
    let body = |i: usize, start: usize| {
        let end = offsets.get(i + 1).copied().unwrap_or(xref);
        pdf[start + format!("{} 0 obj\n", i + 1).len()..end - b"\nendobj\n".len()].to_vec()
    };
    offsets.iter().enumerate().map(|(i, &start)| body(i, start)).collect()
}

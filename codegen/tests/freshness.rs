//! `cargo test` fails when the committed generated files differ from what the tables produce,
//! including generated files that are missing or no longer produced.

use std::path::Path;

#[test]
fn generated_files_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("codegen lives in the repository");
    if let Err(error) = scor_codegen::generate(root, true) {
        panic!("{error}");
    }
}

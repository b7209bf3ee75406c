//! `cargo run -p scor-codegen [-- --check]`: the generator without xtask, for when the generated crate
//! does not compile yet (xtask depends on it). `cargo xtask codegen` is the usual way.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("codegen lives in the repository");
    match scor_codegen::generate(root, check) {
        Ok(changed) => {
            changed.iter().for_each(|path| println!("wrote {path}"));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

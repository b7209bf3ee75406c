//! Writes every hostile lot of the catalogue (`scor_tests::hostile`) under DIR, one folder, `.eml` or
//! `.tar` each, and prints `path<TAB>class` for each: `scripts/hostile-inputs.sh` measures them.
//!
//! `cargo run --release -p scor-tests --example hostile-lots -- DIR`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: hostile-lots DIR");
        return ExitCode::from(2);
    };
    let dir = std::path::PathBuf::from(dir);
    for hostile in scor_tests::hostile::catalogue() {
        match std::fs::create_dir_all(&dir).and_then(|()| scor_tests::hostile::write(&dir, &hostile)) {
            Ok(path) => println!("{}\t{}", path.display(), hostile.class),
            Err(error) => {
                eprintln!("{}: {error}", dir.display());
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

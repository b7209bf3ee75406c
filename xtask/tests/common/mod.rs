//! What the command-line tests of xtask share: the xtask binary, run from a folder, in English (the
//! tests read its English sentences; the default language would follow the machine's locale).

use std::path::Path;
use std::process::Command;

/// `cargo xtask` run from `dir`, its reports in English.
pub fn xtask_in(dir: impl AsRef<Path>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.env("LC_ALL", "en_US.UTF-8").current_dir(dir);
    command
}

//! Checking for the tools of [`TOOLS`](crate::TOOLS) and installing the missing ones: Debian packages
//! with apt-get, Python packages with pip. `cargo xtask test` and this crate's program use it.

use crate::{Install, Need, PYTHON, TOOLS, Tool};
use std::process::Command;

/// The tools of [`TOOLS`](crate::TOOLS) for `needs` that are missing now.
pub fn missing(needs: &[Need]) -> Vec<&'static Tool> {
    TOOLS.iter().filter(|t| needs.contains(&t.need) && t.find().is_none()).collect()
}

/// The commands that install `tools`, in order: `apt-get update` and one `apt-get install -y` for the
/// Debian packages, then one `python3 -m pip install` for the Python packages.
pub fn commands(tools: &[&Tool]) -> Vec<Vec<String>> {
    let mut apt: Vec<String> = Vec::new();
    let mut pip: Vec<String> = Vec::new();
    for tool in tools {
        let (list, packages) = match tool.install {
            Install::Apt(packages) => (&mut apt, packages),
            Install::Pip(packages) => (&mut pip, packages),
        };
        for package in packages.split_whitespace() {
            if !list.iter().any(|p| p == package) {
                list.push(package.to_owned());
            }
        }
    }
    let words = |w: &[&str]| w.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let mut out = Vec::new();
    if !apt.is_empty() {
        out.push(words(&["apt-get", "update"]));
        out.push([words(&["apt-get", "install", "-y"]), apt].concat());
    }
    if !pip.is_empty() {
        out.push([words(&[PYTHON, "-m", "pip", "install"]), pip].concat());
    }
    out
}

/// Whether this process runs as root (uid 0), as `id -u` says.
pub fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.status.success() && o.stdout.trim_ascii() == b"0")
}

/// Runs `commands` in order, each echoed first; the first that fails stops.
pub fn run(commands: &[Vec<String>]) -> Result<(), String> {
    for command in commands {
        let shown = command.join(" ");
        eprintln!("+ {shown}");
        let status = Command::new(&command[0])
            .args(&command[1..])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .map_err(|e| format!("`{shown}` did not start: {e}"))?;
        if !status.success() {
            return Err(format!("`{shown}` failed ({status})"));
        }
    }
    Ok(())
}

/// One line per tool: its name, what needs it, and how it is installed.
pub fn describe(tools: &[&Tool]) -> String {
    tools.iter().map(|t| format!("  {:<11} {} ({})\n", t.name, t.needed_by, t.install.command())).collect()
}

/// Makes sure the tools for `needs` are there: as root, installs the missing ones and checks again;
/// otherwise the error lists them and the exact commands to run. `Ok` holds the tools installed.
pub fn ensure(needs: &[Need]) -> Result<Vec<&'static Tool>, String> {
    let missing = missing(needs);
    if missing.is_empty() {
        return Ok(missing);
    }
    let commands = commands(&missing);
    if !is_root() {
        let shown: String = commands.iter().map(|c| format!("  {}\n", c.join(" "))).collect();
        return Err(format!(
            "missing tools:\n{}run these commands as root (or with sudo), then try again:\n{shown}",
            describe(&missing)
        ));
    }
    eprintln!("installing missing tools:\n{}", describe(&missing));
    run(&commands)?;
    let still = self::missing(needs);
    if !still.is_empty() {
        return Err(format!("still missing after installing:\n{}", describe(&still)));
    }
    Ok(missing)
}

//! A maintainer's workflow in a copy of the repository, `<target>/tmp/spec-workflow/repo`.
//!
//! The copy holds spec/, locale/, dictionary/, generated/, lot/ and answering/ under a minimal workspace, plus a
//! small `probe` crate that writes the ARL vectors. The generator runs in this test's process (the
//! library `cargo run -p scor-codegen` and `cargo xtask codegen` call, given the copy as its root), so
//! the copy builds only what the workflow must compile: the probe and the crates under it, the new
//! dictionary module among them. That build shares the suite's build folder (`CARGO_BUILD_BUILD_DIR`):
//! registry crates the suite built with the same features are reused, and the copy's own crates, at
//! another path, get artifacts of their own; its binaries go to `<target>/spec-workflow/target`. Copied
//! files keep their modification times, so with incremental compilation a second run rebuilds little.
//!
//! The maintainer starts a version from the newest one (`cargo xtask spec new`), edits one table (the
//! label of a diagnostic code), regenerates: only the new version's files, `versions.rs` and `names.rs`
//! change, the new module compiles, the freshness check passes, `spec diff` names the change and the
//! vector it touches, and of the new version's vectors exactly that one differs from the previous
//! version's.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

/// The feature only the copy's scor-dictionary has.
const COPY_FEATURE: &str = "spec-workflow-copy";

/// The crates the copy holds; the probe is written by this test.
const CRATES: [&str; 4] = ["locale", "dictionary", "lot", "answering"];

/// The target folder of the suite: `CARGO_TARGET_TMPDIR` is its `tmp/`.
fn suite_target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("CARGO_TARGET_TMPDIR is <target>/tmp").to_path_buf()
}

/// The folder the suite's intermediate artifacts are in: the build folder when one is set, else the
/// target folder.
fn suite_build_dir() -> PathBuf {
    std::env::var_os("CARGO_BUILD_BUILD_DIR").map_or_else(suite_target, PathBuf::from)
}

/// Writes `contents` to `path` with the newest modification time of `sources` (the files it is made
/// from), so that cargo sees it changed exactly when one of them did.
fn write_from(path: &Path, contents: &str, sources: &[&Path]) {
    fs::write(path, contents).unwrap();
    let newest = sources.iter().map(|s| fs::metadata(s).unwrap().modified().unwrap()).max().unwrap();
    fs::File::options().write(true).open(path).unwrap().set_modified(newest).unwrap();
}

/// Copies `from` to `to`, each file with its modification time.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
            let modified = fs::metadata(&path).unwrap().modified().unwrap();
            fs::File::options().write(true).open(&target).unwrap().set_modified(modified).unwrap();
        }
    }
}

/// The root manifest with only the copied crates (and the probe) as members and path dependencies.
fn manifest(root: &str) -> String {
    let mut out = String::new();
    for line in root.lines() {
        if line.starts_with("members") {
            out.push_str("members = [\"locale\", \"dictionary\", \"lot\", \"answering\", \"probe\"]\n");
        } else if line.contains("path = \"") && !CRATES.iter().any(|c| line.contains(&format!("path = \"{c}\""))) {
            continue;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A copy of the repository's relevant parts at `dir` (replacing an earlier one).
fn copy_repository(dir: &Path) {
    if dir.exists() {
        fs::remove_dir_all(dir).unwrap();
    }
    let repo = repo_root();
    for part in ["spec", "locale", "dictionary", "generated", "lot", "answering"] {
        copy_dir(&repo.join(part), &dir.join(part));
    }
    fs::copy(repo.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let root_manifest = repo.join("Cargo.toml");
    let this_test = repo.join("xtask/tests/spec_workflow.rs");
    let text = manifest(&fs::read_to_string(&root_manifest).unwrap());
    write_from(&dir.join("Cargo.toml"), &text, &[&root_manifest, &this_test]);
    // The answering tests need crates the copy does not hold.
    let answering = repo.join("answering/Cargo.toml");
    let text = fs::read_to_string(&answering).unwrap();
    let kept: String = text.split("\n[dev-dependencies]").next().unwrap().to_owned()
        + text.split("\n[lints]").nth(1).map(|rest| format!("\n[lints]{rest}")).unwrap_or_default().as_str();
    write_from(&dir.join("answering/Cargo.toml"), &kept, &[&answering, &this_test]);
    // The copy's scor-dictionary differs from the suite's (the new version) at the same path relative to
    // its workspace, which cargo hashes alike: a feature of its own keeps its artifacts apart from the
    // suite's in the shared build folder. (scor-lot, the same files, is rightly shared.)
    let dictionary = repo.join("dictionary/Cargo.toml");
    let text = fs::read_to_string(&dictionary).unwrap();
    assert!(text.contains("\n[features]\n"), "{text}");
    let marked = text.replacen("\n[features]\n", &format!("\n[features]\n{COPY_FEATURE} = []\n"), 1);
    write_from(&dir.join("dictionary/Cargo.toml"), &marked, &[&dictionary, &this_test]);
    fs::create_dir_all(dir.join("probe/src")).unwrap();
    let probe = "[package]\nname = \"probe\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\nscor-answering.workspace = true\n\
                 scor-dictionary = { workspace = true, features = [\"spec-workflow-copy\"] }\n";
    fs::write(dir.join("probe/Cargo.toml"), probe).unwrap();
    write_from(
        &dir.join("probe/src/main.rs"),
        "//! Writes the ARL vectors of every dictionary version under the root given.\n\
         fn main() {\n    let root = std::path::PathBuf::from(std::env::args().nth(1).expect(\"a root\"));\n    \
         for change in scor_answering::vectors::sync_all(&root, false).expect(\"vectors\") {\n        println!(\"{change}\");\n    }\n}\n",
        &[&this_test],
    );
    fs::write(dir.join("probe/Cargo.toml"), format!("{probe}{}", aligned_dependencies(dir))).unwrap();
}

/// The registry packages `cargo tree` lists in `dir` with `args`: (name, version) and their features.
fn tree(dir: &Path, args: &[&str]) -> BTreeMap<(String, String), String> {
    let listing = ok(cargo(dir, &[&["tree", "--prefix", "none", "--format", "{p}|{f}"], args].concat()), "cargo tree");
    let mut out = BTreeMap::new();
    for line in listing.lines() {
        let Some((package, features)) = line.trim_end_matches(" (*)").split_once('|') else { continue };
        let mut words = package.split_whitespace();
        if let (Some(name), Some(version), false) = (words.next(), words.next(), package.contains(" (/")) {
            out.insert((name.to_owned(), version.trim_start_matches('v').to_owned()), features.to_owned());
        }
    }
    out
}

/// Dependencies for the probe that make cargo build the copy's registry crates as the suite builds
/// them, so that their artifacts are shared: each crate the copy builds that the suite builds as a
/// normal (not build or proc-macro) dependency, where the copy's features differ or the copy builds it
/// only for proc macros, with the suite's features (pinned to the locked version). Nothing here changes
/// the workflow, only what is reused: a crate left out is built apart.
fn aligned_dependencies(dir: &Path) -> String {
    let suite = tree(&repo_root(), &["--workspace", "-e", "normal,dev,no-proc-macro"]);
    let copy_normal = tree(dir, &["-p", "probe", "-e", "normal,no-proc-macro"]);
    let mut out = String::from("\n# Features as the suite builds them (spec_workflow.rs, aligned_dependencies).\n");
    for key in tree(dir, &["-p", "probe", "-e", "normal,build"]).keys() {
        let Some(features) = suite.get(key) else { continue };
        if copy_normal.get(key) == Some(features) {
            continue;
        }
        let (name, version) = key;
        let list: Vec<String> = features.split(',').filter(|f| !f.is_empty()).map(|f| format!("\"{f}\"")).collect();
        let alias = format!("{name}-{version}").replace(['.', '+'], "-");
        out += &format!(
            "{alias} = {{ package = \"{name}\", version = \"={version}\", default-features = false, features = [{}] }}\n",
            list.join(", ")
        );
    }
    out
}

/// Cargo in the copy: intermediate artifacts in the suite's build folder, binaries apart.
fn cargo(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    Command::new(cargo)
        .current_dir(dir)
        .env("CARGO_BUILD_BUILD_DIR", suite_build_dir())
        .env("CARGO_TARGET_DIR", suite_target().join("spec-workflow/target"))
        .args(["--quiet", "--offline"])
        .args(args)
        .output()
        .expect("cargo runs")
}

fn xtask(args: &[&str]) -> Output {
    common::xtask_in(repo_root()).args(args).output().expect("xtask runs")
}

fn ok(output: Output, what: &str) -> String {
    let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{what} failed:\n{stdout}\n{stderr}");
    stdout.into_owned()
}

/// Every file under `dir/sub`, relative to `dir`, with its bytes.
fn files(dir: &Path, sub: &str) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.join(sub)];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = fs::read_dir(&folder) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Every generated file: the Rust of `dictionary/src/generated/` and the rest under `generated/`.
fn generated_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = files(dir, "generated");
    out.extend(files(dir, "dictionary/src/generated"));
    out
}

/// The paths whose bytes differ between two listings (added, removed or changed).
fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let paths: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    paths.into_iter().filter(|p| before.get(*p) != after.get(*p)).cloned().collect()
}

#[test]
fn copy_a_version_edit_a_table_regenerate() {
    let dir = suite_target().join("tmp/spec-workflow/repo");
    copy_repository(&dir);
    let versions = scor_codegen::versions(&dir).unwrap();
    let from = versions.last().unwrap().clone();
    let (major, minor) = from.split_once('.').unwrap();
    let version = format!("{major}.{}", minor.parse::<u32>().unwrap() + 1);
    let module = format!("v{}", version.replace('.', "_"));
    let generated_before = generated_files(&dir);

    // Start the version and edit one table.
    ok(xtask(&["spec", "--root", dir.to_str().unwrap(), "new", &version, "--from", &from]), "spec new");
    let table = dir.join(format!("spec/scor/{version}/codes/diagnostic.csv"));
    let text = fs::read_to_string(&table).unwrap();
    let edited = text.replacen("5206,Nature de PJ non autorisée pour le PS", "5206,Nature de PJ non autorisée", 1);
    assert_ne!(text, edited, "the diagnostic table has code 5206");
    fs::write(&table, edited).unwrap();

    // Regenerate: only the new version's files and the list of versions change.
    scor_codegen::generate(&dir, false).expect("codegen");
    let generated_after = generated_files(&dir);
    let touched = changed(&generated_before, &generated_after);
    let own = |p: &str| {
        p.starts_with(&format!("dictionary/src/generated/{module}/"))
            || p.starts_with(&format!("generated/xsd/{version}/"))
            || p == format!("generated/docs/dictionary-{version}.md")
            || p == format!("generated/docs/changelog-{version}.md")
            || p == "dictionary/src/generated/versions.rs"
            || p == "dictionary/src/generated/names.rs"
    };
    let others: Vec<&String> = touched.iter().filter(|p| !own(p)).collect();
    assert!(others.is_empty(), "regenerating touched files of other versions: {others:#?}");
    assert!(touched.contains(&format!("dictionary/src/generated/{module}/codes/diagnostic.rs")), "{touched:#?}");
    let changelog =
        String::from_utf8(generated_after[&format!("generated/docs/changelog-{version}.md")].clone()).unwrap();
    assert!(changelog.contains("| `diagnostic 5206` | changed | label"), "{changelog}");

    // The freshness check passes, and the diff names the change and its vector.
    scor_codegen::generate(&dir, true).expect("codegen --check");
    let diff = ok(xtask(&["spec", "--root", dir.to_str().unwrap(), "diff", &from, &version]), "spec diff");
    assert!(diff.contains("2 change(s), 0 breaking"), "{diff}");
    assert!(diff.contains("code diagnostic 5206 changed: label"), "{diff}");
    let glob = format!("generated/vectors/{version}/arl/5206-*.eml");
    let d = scor_codegen::diff_versions(&dir, &from, &version).unwrap();
    assert_eq!(d.vectors().into_iter().collect::<Vec<_>>(), [glob.as_str()]);

    // The new module compiles (building the vector writer builds it), and its vectors are those of the
    // previous version but for the one the diff names.
    let vectors_before = files(&dir, "generated/vectors");
    let written = ok(cargo(&dir, &["run", "-p", "probe", "--", dir.to_str().unwrap()]), "vector writer");
    assert!(
        written.lines().all(|l| l.starts_with(&format!("generated/vectors/{version}/arl/"))),
        "vectors of other versions changed:\n{written}"
    );
    let vectors_after = files(&dir, "generated/vectors");
    let old_changed: Vec<String> =
        changed(&vectors_before, &vectors_after).into_iter().filter(|p| !p.contains(&format!("/{version}/"))).collect();
    assert!(old_changed.is_empty(), "{old_changed:#?}");
    let of = |v: &str| -> BTreeMap<String, Vec<u8>> {
        let prefix = format!("generated/vectors/{v}/arl/");
        vectors_after.iter().filter_map(|(p, b)| Some((p.strip_prefix(&prefix)?.to_owned(), b.clone()))).collect()
    };
    let (previous, new) = (of(&from), of(&version));
    assert!(!previous.is_empty(), "the previous version has vectors");
    assert_eq!(previous.keys().collect::<Vec<_>>(), new.keys().collect::<Vec<_>>(), "one vector per code in both");
    assert_eq!(changed(&previous, &new), ["5206-dossier-rejection.eml"]);
}

//! `cargo xtask spec` as a maintainer runs it, on fixture roots (`--root`): `check` finds each table
//! mistake of a fixture set at its `file:line` and exits 1; `new` starts a version; `diff` prints the
//! changes and writes them as Markdown. The older `spec-check` still works on this repository.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn xtask(args: &[&str]) -> Output {
    common::xtask_in(repo_root()).args(args).output().expect("xtask runs")
}

fn spec(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["spec", "--root", root.to_str().unwrap()];
    all.extend(args);
    xtask(&all)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() { copy_dir(&path, &target) } else { fs::copy(&path, &target).map(|_| ()).unwrap() }
    }
}

/// A root holding a copy of spec/scor/2.13.
fn fixture_root() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("spec/scor/2.13"), &root.path().join("spec/scor/2.13"));
    root
}

/// Replaces `from` by `to` on the one line of `table` starting with `prefix`; returns that line's number.
fn edit_row(root: &Path, table: &str, prefix: &str, from: &str, to: &str) -> usize {
    let path = root.join("spec/scor/2.13").join(table);
    let mut lines: Vec<String> = fs::read_to_string(&path).unwrap().lines().map(str::to_owned).collect();
    let index = lines.iter().position(|l| l.starts_with(prefix)).unwrap();
    assert!(lines[index].contains(from), "{}", lines[index]);
    lines[index] = lines[index].replacen(from, to, 1);
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    index + 1
}

#[test]
fn spec_check_finds_each_mistake_of_the_fixture_set_at_its_line() {
    let root = fixture_root();
    let r = root.path();
    let first = edit_row(r, "data-elements.csv", "EF_PA_003_01,", "EF_PA_003_01", "EF_PA_003_01");
    let duplicate = edit_row(r, "data-elements.csv", "EF_PA_003_02,", "EF_PA_003_02", "EF_PA_003_01");
    let dangling = edit_row(r, "data-elements.csv", "EF_PA_001_03,", ",fonction,", ",fonctionx,");
    let pattern = edit_row(r, "data-elements.csv", "EF_PA_005_06,", "[0-9a-f]{64}", "[0-9a-f{64}");
    let kind = edit_row(r, "data-elements.csv", "EF_PA_004_02,", ",numeric,", ",texte,");
    let output = spec(r, &["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    let stderr = text(&output.stderr);
    let file = "spec/scor/2.13/data-elements.csv";
    for expected in [
        format!("{file}:{duplicate}: duplicate id `EF_PA_003_01` (first at line {first})"),
        format!("{file}:{dangling}: code list `fonctionx` is referenced but missing"),
        format!("{file}:{pattern}: pattern `[0-9a-f{{64}}` is not a valid regular expression"),
        format!("{file}:{kind}: unknown type `texte`"),
    ] {
        assert!(stderr.lines().any(|l| l.starts_with(&expected)), "no line {expected:?} in:\n{stderr}");
    }
    assert!(stderr.contains("mistake(s) in the spec tables"), "{stderr}");
}

#[test]
fn spec_check_passes_on_sound_tables_and_spec_check_is_kept() {
    let root = fixture_root();
    let output = spec(root.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "tables of 2.13 are sound\n");
    let output = xtask(&["spec-check"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("tables of 2.13") && stdout.ends_with(" are sound\n"), "{stdout}");
}

#[test]
fn spec_new_then_diff_writes_markdown() {
    let root = fixture_root();
    let r = root.path();
    let output = spec(r, &["new", "2.20", "--from", "2.13"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("wrote spec/scor/2.20/version.toml"), "{}", text(&output.stdout));
    let limits = r.join("spec/scor/2.20/limits.csv");
    let table = fs::read_to_string(&limits).unwrap().replacen("pj_max_bytes,250000", "pj_max_bytes,200000", 1);
    fs::write(&limits, table).unwrap();
    let out = r.join("diff.md");
    let output = spec(r, &["diff", "2.13", "2.20", "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("SCOR dictionary 2.13 → 2.20: 2 change(s), 1 breaking\n"), "{stdout}");
    assert!(stdout.contains("BREAKING limit pj_max_bytes changed: 250000 → 200000 bytes"), "{stdout}");
    let markdown = fs::read_to_string(&out).unwrap();
    assert!(markdown.starts_with("# Changes from SCOR dictionary 2.13 to 2.20\n"), "{markdown}");
    assert!(markdown.contains("## Limits\n"), "{markdown}");

    let again = spec(r, &["new", "2.20", "--from", "2.13"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("version 2.20 already exists"), "{}", text(&again.stderr));
    let unknown = spec(r, &["diff", "2.13", "9.9"]);
    assert_eq!(unknown.status.code(), Some(2));
}

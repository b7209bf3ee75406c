//! Table mistakes are reported at their `file:line` with a message that says what is wrong.
//!
//! Each test copies `spec/scor/2.13` into a temporary repository root, makes one (or several)
//! mistakes in the copy, and runs `scor_codegen::check_tables` on it. The expected line is computed
//! from where the edit was made, never written by hand.

use scor_codegen::{SpecError, check_tables};
use std::fs;
use std::path::{Path, PathBuf};

const VERSION_DIR: &str = "spec/scor/2.13";

/// A copy of the 2.13 tables laid out as `<tmp>/spec/scor/2.13/...`.
struct Spec {
    root: tempfile::TempDir,
}

impl Spec {
    fn new() -> Self {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(VERSION_DIR);
        let root = tempfile::tempdir().unwrap();
        copy_dir(&source, &root.path().join(VERSION_DIR));
        Self { root }
    }

    fn root(&self) -> &Path {
        self.root.path()
    }

    /// Path of a table inside the copy, e.g. `data-elements.csv` or `codes/etat.csv`.
    fn path(&self, table: &str) -> PathBuf {
        self.root().join(VERSION_DIR).join(table)
    }

    /// The name under which errors report a table: `spec/scor/2.13/<table>`.
    fn file(table: &str) -> String {
        format!("{VERSION_DIR}/{table}")
    }

    fn lines(&self, table: &str) -> Vec<String> {
        let text = fs::read_to_string(self.path(table)).unwrap();
        text.lines().map(str::to_owned).collect()
    }

    fn write_lines(&self, table: &str, lines: &[String]) {
        let mut text = lines.join("\n");
        text.push('\n');
        fs::write(self.path(table), text).unwrap();
    }

    /// Replaces `from` by `to` (once) on the single line that starts with `prefix`; returns the
    /// 1-based number of that line.
    fn edit_row(&self, table: &str, prefix: &str, from: &str, to: &str) -> usize {
        let mut lines = self.lines(table);
        let matching: Vec<usize> =
            lines.iter().enumerate().filter(|(_, l)| l.starts_with(prefix)).map(|(i, _)| i).collect();
        assert_eq!(matching.len(), 1, "{table}: expected exactly one line starting with {prefix:?}");
        let index = matching[0];
        assert!(lines[index].contains(from), "{table}:{}: {:?} does not contain {from:?}", index + 1, lines[index]);
        lines[index] = lines[index].replacen(from, to, 1);
        self.write_lines(table, &lines);
        index + 1
    }

    /// Appends a row; returns its 1-based line number.
    fn append(&self, table: &str, row: &str) -> usize {
        let mut lines = self.lines(table);
        lines.push(row.to_owned());
        self.write_lines(table, &lines);
        lines.len()
    }

    /// Inserts `text` as a new line after the single line equal to `after` (trimmed); returns the new
    /// line's 1-based number.
    fn insert_after(&self, table: &str, after: &str, text: &str) -> usize {
        let mut lines = self.lines(table);
        let matching: Vec<usize> =
            lines.iter().enumerate().filter(|(_, l)| l.trim() == after).map(|(i, _)| i).collect();
        assert_eq!(matching.len(), 1, "{table}: expected exactly one line {after:?}");
        lines.insert(matching[0] + 1, text.to_owned());
        self.write_lines(table, &lines);
        matching[0] + 2
    }

    /// Deletes the single line that starts with `prefix`; returns the number it had.
    fn delete_row(&self, table: &str, prefix: &str) -> usize {
        let mut lines = self.lines(table);
        let matching: Vec<usize> =
            lines.iter().enumerate().filter(|(_, l)| l.starts_with(prefix)).map(|(i, _)| i).collect();
        assert_eq!(matching.len(), 1, "{table}: expected exactly one line starting with {prefix:?}");
        lines.remove(matching[0]);
        self.write_lines(table, &lines);
        matching[0] + 1
    }

    fn errors(&self) -> Vec<SpecError> {
        check_tables(self.root()).expect("the tables load and check (mistakes come back as SpecErrors)")
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn listing(errors: &[SpecError]) -> String {
    errors.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n")
}

/// The error at exactly `file:line` whose message contains `phrase`.
#[track_caller]
fn find<'a>(errors: &'a [SpecError], table: &str, line: usize, phrase: &str) -> &'a SpecError {
    let file = Spec::file(table);
    errors
        .iter()
        .find(|e| e.file == file && e.line == line && e.message.contains(phrase))
        .unwrap_or_else(|| panic!("no error at {file}:{line} containing {phrase:?}; got:\n{}", listing(errors)))
}

#[test]
fn unmodified_copy_has_no_mistake() {
    let spec = Spec::new();
    let errors = spec.errors();
    assert!(errors.is_empty(), "the committed tables have mistakes:\n{}", listing(&errors));
}

#[test]
fn duplicate_element_id() {
    let spec = Spec::new();
    let first = spec.lines("data-elements.csv").iter().position(|l| l.starts_with("EF_PA_001_01,")).unwrap() + 1;
    let line = spec
        .append("data-elements.csv", "EF_PA_001_01,ENTSCANORDO,Horodatage,Doublon,numeric,1,2,,,,,0..1,modelled,test");
    let errors = spec.errors();
    let error = find(&errors, "data-elements.csv", line, "duplicate id `EF_PA_001_01`");
    assert!(error.message.contains(&format!("first at line {first}")), "{error}");
}

#[test]
fn missing_code_list() {
    let spec = Spec::new();
    let line = spec.edit_row("data-elements.csv", "EF_PA_001_03,", ",fonction,", ",fonctionx,");
    let errors = spec.errors();
    find(&errors, "data-elements.csv", line, "code list `fonctionx` is referenced but missing");
}

#[test]
fn invalid_regex() {
    let spec = Spec::new();
    let line = spec.edit_row("data-elements.csv", "EF_PA_003_01,", r"[A-Za-z0-9\-]+", "[0-9");
    let errors = spec.errors();
    find(&errors, "data-elements.csv", line, "`[0-9` is not a valid regular expression");
}

#[test]
fn non_portable_pattern() {
    let spec = Spec::new();
    let line = spec.edit_row("data-elements.csv", "EF_PA_005_06,", "[0-9a-f]{64}", "^abc");
    let errors = spec.errors();
    find(&errors, "data-elements.csv", line, "uses the anchor `^`");
}

#[test]
fn unknown_type() {
    let spec = Spec::new();
    let line = spec.edit_row("data-elements.csv", "EF_PA_003_02,", ",alphanumeric,", ",texte,");
    let errors = spec.errors();
    find(&errors, "data-elements.csv", line, "unknown type `texte`");
}

#[test]
fn path_in_undeclared_group() {
    let spec = Spec::new();
    let line = spec.edit_row("data-elements.csv", "EF_PA_003_03,", ",Editeur/VersionLogiciel,", ",Nope/Thing,");
    let errors = spec.errors();
    let error = find(&errors, "data-elements.csv", line, "group `Nope` is not declared");
    assert!(error.message.contains("Nope/Thing") && error.message.contains("ENTSCANORDO"), "{error}");
}

#[test]
fn duplicate_code() {
    let spec = Spec::new();
    let line = spec.append("codes/etat.csv", "A,Doublon,seed,test");
    let errors = spec.errors();
    find(&errors, "codes/etat.csv", line, "duplicate code `A` (first at line 2)");
}

#[test]
fn rule_cause_not_a_diagnostic_code() {
    let spec = Spec::new();
    let line = spec.edit_row("rules.csv", "FIELD-SPECIALITE,", ",5113,", ",5150,");
    let errors = spec.errors();
    find(&errors, "rules.csv", line, "cause `5150` is not a code of list diagnostic");
}

#[test]
fn rules_without_french_descriptions() {
    let spec = Spec::new();
    // The table as it was before it described rules in French: no `description_fr` column at all.
    let lines: Vec<String> = spec
        .lines("rules.csv")
        .iter()
        .map(|line| {
            let cut = if line.ends_with('"') { line.rfind(",\"") } else { line.rfind(',') };
            line[..cut.unwrap()].to_owned()
        })
        .collect();
    assert!(lines[0].ends_with(",source,description"), "{}", lines[0]);
    spec.write_lines("rules.csv", &lines);
    let errors = spec.errors();
    find(
        &errors,
        "rules.csv",
        1,
        "expected `id,check,applies_to,element,severity,decided_by,header_cause,dossier_cause,provenance,source,description,description_fr`",
    );
}

#[test]
fn rule_with_empty_or_missing_french_description() {
    let spec = Spec::new();
    let french = ",La clé du NIR ne correspond pas au NIR";
    let empty_line = spec.edit_row("rules.csv", "INDEX-NIR-KEY,", french, ", ");
    let errors = spec.errors();
    find(&errors, "rules.csv", empty_line, "description_fr is empty");
    assert_eq!(errors.len(), 1, "{}", listing(&errors));

    let spec = Spec::new();
    let short_line = spec.edit_row("rules.csv", "INDEX-NIR-KEY,", french, "");
    let errors = spec.errors();
    find(&errors, "rules.csv", short_line, "unreadable row");
}

#[test]
fn missing_required_limit() {
    let spec = Spec::new();
    spec.delete_row("limits.csv", "xml_max_depth,");
    let errors = spec.errors();
    // A table-wide mistake is reported at the header line.
    find(&errors, "limits.csv", 1, "limit `xml_max_depth` is required");
}

#[test]
fn group_without_element() {
    let spec = Spec::new();
    let line = spec.insert_after(
        "messages.toml",
        r#"{ path = "Editeur", occurs = "1" },"#,
        r#"  { path = "Annexe", occurs = "0..1" },"#,
    );
    let errors = spec.errors();
    find(&errors, "messages.toml", line, "group `Annexe` holds no data element");
}

#[test]
fn bad_provenance() {
    let spec = Spec::new();
    let line = spec.edit_row("data-elements.csv", "EF_MR_018_02,", ",seed,seed 003", ",sead,seed 003");
    let errors = spec.errors();
    find(&errors, "data-elements.csv", line, "provenance `sead` is not seed, public or modelled");
}

#[test]
fn display_is_file_line_message() {
    let spec = Spec::new();
    let line = spec.append("codes/etat.csv", "R,Doublon,seed,test");
    let errors = spec.errors();
    let error = find(&errors, "codes/etat.csv", line, "duplicate code `R`");
    assert_eq!(error.to_string(), format!("spec/scor/2.13/codes/etat.csv:{line}: {}", error.message));
    assert_eq!(line, 4);
    assert_eq!(error.to_string(), "spec/scor/2.13/codes/etat.csv:4: duplicate code `R` (first at line 3)");
}

#[test]
fn every_mistake_is_reported_in_one_run() {
    let spec = Spec::new();
    let type_line = spec.edit_row("data-elements.csv", "EF_PA_003_02,", ",alphanumeric,", ",texte,");
    let regex_line = spec.edit_row("data-elements.csv", "EF_PA_003_01,", r"[A-Za-z0-9\-]+", "[0-9");
    let code_line = spec.append("codes/etat.csv", "A,Doublon,seed,test");
    let cause_line = spec.edit_row("rules.csv", "FIELD-SPECIALITE,", ",5113,", ",5150,");
    spec.delete_row("limits.csv", "xml_max_depth,");
    let group_line = spec.insert_after(
        "messages.toml",
        r#"{ path = "Editeur", occurs = "1" },"#,
        r#"  { path = "Annexe", occurs = "0..1" },"#,
    );
    let errors = spec.errors();
    find(&errors, "data-elements.csv", type_line, "unknown type `texte`");
    find(&errors, "data-elements.csv", regex_line, "is not a valid regular expression");
    find(&errors, "codes/etat.csv", code_line, "duplicate code `A`");
    find(&errors, "rules.csv", cause_line, "cause `5150`");
    find(&errors, "limits.csv", 1, "limit `xml_max_depth` is required");
    find(&errors, "messages.toml", group_line, "group `Annexe` holds no data element");
    assert_eq!(errors.len(), 6, "one error per mistake, no more:\n{}", listing(&errors));
}

#[test]
fn every_reading_mistake_is_reported_in_one_run() {
    let spec = Spec::new();
    let element_line = spec.edit_row("data-elements.csv", "EF_MR_018_02,", ",seed,seed 003", ",sead,seed 003");
    let code_line = spec.edit_row("codes/etat.csv", "R,", ",seed,", ",publique,");
    let limit_line = spec.edit_row("limits.csv", "xml_max_text_bytes,", ",4096,", ",4k,");
    let errors = spec.errors();
    find(&errors, "data-elements.csv", element_line, "provenance `sead`");
    find(&errors, "codes/etat.csv", code_line, "provenance `publique`");
    find(&errors, "limits.csv", limit_line, "value `4k` is not a whole number");
    assert_eq!(errors.len(), 3, "one error per mistake, no more:\n{}", listing(&errors));
}

//! `explain RULE`: a rule of the dictionary in words — description, provenance and source, ARL causes
//! and labels, the limits it reads, and a failing and a passing example from the repository's fixtures.

use crate::outcome::LotOutcome;
use scor_dictionary::schema::LimitRow;
use scor_dictionary::{CodeListKey, Dictionary, Rule};
use scor_locale::{Text, text};
use std::path::Path;

/// Everything `explain` says about one rule.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub rule: &'static Rule,
    pub version: &'static str,
    /// ARL causes with their labels: (level, cause, label).
    pub causes: Vec<(&'static str, &'static str, &'static str)>,
    /// The limits of `limits.csv` the rule's source names.
    pub limits: Vec<&'static LimitRow>,
    /// Who decides the rule (`decided_by` of `rules.csv`): the PAIR's automated controls, the caisse,
    /// or the PS's own duties.
    pub decided_by: scor_dictionary::DecidedBy,
    pub failing: Option<Example>,
    pub passing: Option<Example>,
}

/// An example from the repository: where it is and what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// `tests/conform/header.rs:117`, or a path of the repository.
    pub place: String,
    pub what: Text,
}

impl Explanation {
    /// The explanation of rule `id` in `dictionary`; examples are looked for under `repository` (the
    /// scor-kit checkout) when given, `example_lot` being the outcome of its bundled example lot.
    /// `None` when the dictionary has no such rule.
    pub fn of(
        dictionary: &'static Dictionary,
        id: &str,
        repository: Option<&Path>,
        example_lot: Option<&LotOutcome>,
    ) -> Option<Self> {
        let rule = *dictionary.rules.iter().find(|rule| rule.id == id)?;
        let diagnostics = dictionary.code_list(CodeListKey::Diagnostic);
        let label = |cause: &'static str| diagnostics.get(cause).map_or("", |entry| entry.label);
        let causes = [("header", rule.header_cause), ("dossier", rule.dossier_cause)]
            .into_iter()
            .filter_map(|(level, cause)| cause.map(|cause| (level, cause, label(cause))))
            .collect();
        let limits = dictionary.limits.iter().filter(|limit| names_limit(rule.source, limit.name)).collect();
        let (failing, passing) = match repository {
            Some(root) => (failing_example(root, rule), passing_example(root, rule, dictionary.version, example_lot)),
            None => (None, None),
        };
        Some(Self { rule, version: dictionary.version, causes, limits, decided_by: rule.decided_by, failing, passing })
    }
}

/// Whether `source` names limit `name`, by name or by a `prefix_*` pattern after `limits.csv`.
fn names_limit(source: &str, name: &str) -> bool {
    let Some(after) = source.find("limits.csv").map(|at| &source[at..]) else { return false };
    after.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '*')).any(|word| {
        word == name || word.strip_suffix('*').is_some_and(|prefix| !prefix.is_empty() && name.starts_with(prefix))
    })
}

/// The deviation fixture (`tests/conform/*.rs`) whose test first names the rule: the test's place and
/// the deviation's own description.
fn failing_example(root: &Path, rule: &Rule) -> Option<Example> {
    let folder = root.join("tests/conform");
    let mut files: Vec<_> = std::fs::read_dir(&folder).ok()?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    let quoted = format!("\"{}\"", rule.id);
    files.iter().find_map(|path| {
        let text = std::fs::read_to_string(path).ok()?;
        let lines: Vec<&str> = text.lines().collect();
        let hit = lines.iter().position(|line| line.contains(&quoted) && !line.trim_start().starts_with("//"))?;
        let start = lines[..hit].iter().rposition(|line| line.trim_start().starts_with("fn "))?;
        let test = lines[start].trim_start().trim_start_matches("fn ").split('(').next()?.to_owned();
        let doc = lines[start..=hit]
            .iter()
            .flat_map(|line| called_functions(line))
            .find_map(|name| deviation_doc(&lines, &name));
        let what = match doc {
            Some(doc) => text!("explain-fixture", doc = doc, test = test),
            None => text!("explain-fixture-undocumented", test = test),
        };
        let file = path.strip_prefix(root).unwrap_or(path).display().to_string();
        Some(Example { place: format!("{file}:{}", start + 1), what })
    })
}

/// The functions called without arguments in `line`: `header_identification` of
/// `let checked = header_identification();`, `pdfa_6_7` of `one_pdfa_violation(pdfa_6_7(), …)`.
fn called_functions(line: &str) -> Vec<String> {
    line.match_indices("()")
        .filter_map(|(at, _)| {
            let before = &line[..at];
            let start = before.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
            let name = &before[start..];
            (!name.is_empty()).then(|| name.to_owned())
        })
        .collect()
}

/// The `///` lines of `deviation!( … name,` in `lines`.
fn deviation_doc(lines: &[&str], name: &str) -> Option<String> {
    let at = lines.iter().position(|line| line.trim() == format!("{name},"))?;
    let docs: Vec<&str> = lines[..at]
        .iter()
        .rev()
        .take_while(|line| line.trim_start().starts_with("///"))
        .map(|line| line.trim_start().trim_start_matches("///").trim())
        .collect();
    (!docs.is_empty()).then(|| docs.into_iter().rev().collect::<Vec<_>>().join(" "))
}

/// The bundled example lot (every check passes) and, for a rule with an ARL cause, the golden ARL
/// vectors of its cause and of acceptance.
fn passing_example(root: &Path, rule: &Rule, version: &str, example_lot: Option<&LotOutcome>) -> Option<Example> {
    let lot = example_lot?;
    if lot.findings.iter().any(|finding| finding.rule == rule.id) || !lot.not_evaluated.is_empty() {
        return None;
    }
    let vectors = root.join("generated/vectors").join(version).join("arl");
    let vector = |prefix: &str| -> Option<String> {
        let mut names: Vec<String> = std::fs::read_dir(&vectors)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|name| name.starts_with(prefix))
            .collect();
        names.sort();
        names.into_iter().next().map(|name| format!("generated/vectors/{version}/arl/{name}"))
    };
    let verdict = lot.verdict().as_str();
    let mut what = text!("explain-example-lot", rule = rule.id, verdict = verdict);
    if let (Some(cause), Some(accepted)) = (rule.header_cause.or(rule.dossier_cause), vector("0000-"))
        && let Some(rejected) = vector(&format!("{cause}-"))
    {
        what = text!(
            "explain-example-lot-vectors",
            example = what,
            accepted = accepted,
            cause = cause,
            rejected = rejected
        );
    }
    Some(Example { place: "examples/lot".to_owned(), what })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_named_by_name_or_prefix() {
        assert!(names_limit("SCOR-BRIEF §3 (modelled reading limits: limits.csv xml_*)", "xml_max_depth"));
        assert!(names_limit("seed 003 §7.1 (limits.csv lot_max_bytes)", "lot_max_bytes"));
        assert!(!names_limit("seed 003 §7.1 (limits.csv lot_max_bytes)", "lot_max_files"));
        assert!(!names_limit("lot_max_bytes, no table named", "lot_max_bytes"));
    }

    #[test]
    fn deviation_calls_are_read() {
        assert_eq!(called_functions("    let checked = header_identification();"), ["header_identification"]);
        assert_eq!(called_functions("    one(pdf::bomb(), \"X\", None);"), ["bomb"]);
        assert!(called_functions("    let x = 1;").is_empty());
    }
}

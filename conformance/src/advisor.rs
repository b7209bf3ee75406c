//! The advisor file (`scor-advisor.toml`): a team's decisions to suppress or re-grade findings of a rule,
//! each with its reason and expiry date; read with `file:line` errors, then applied to checked lots.

use crate::calendar::day_number;
use crate::outcome::{AdvisorOutcome, EntryRef, LotOutcome, Regraded, Suppressed};
use scor_dictionary::{Dictionary, Finding, Severity};
use scor_locale::{Lang, Text, text};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The name `conform` looks for in the working directory when no `--advisor` is given.
pub const DEFAULT_FILE_NAME: &str = "scor-advisor.toml";

/// A parsed advisor file.
#[derive(Debug, Clone)]
pub struct Advisor {
    /// The path as given, for messages and reports.
    pub file: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    pub entries: Vec<Entry>,
}

/// One `[[advice]]` entry: which findings it matches, and what it does with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Line of the entry's `[[advice]]` in the file.
    pub line: u32,
    pub rule: String,
    /// A file-name pattern (`*` any run of characters, `?` one), matched against the finding's file.
    pub file: Option<String>,
    /// The dossier number of the finding's file.
    pub dossier: Option<u32>,
    /// An XPath: matches the finding's XPath and every XPath under it.
    pub xpath: Option<String>,
    /// A clause: matches the finding's clause, or a sub-clause of it (`6.1` matches `ISO 19005-1 6.1.12`).
    pub clause: Option<String>,
    pub action: Action,
    pub reason: String,
    /// `AAAA-MM-JJ`: the last day the entry applies.
    pub expires: String,
}

/// What an entry does with the findings it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The finding is kept aside as suppressed, with the entry's reason; it no longer counts.
    Suppress,
    /// The finding gets this severity instead of its rule's.
    Severity(Severity),
}

impl Action {
    /// `suppress`, or the severity set.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Suppress => "suppress",
            Self::Severity(severity) => severity.as_str(),
        }
    }
}

/// A mistake in an advisor file, at `file:line`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct AdvisorError {
    pub file: String,
    pub line: u32,
    /// What is wrong, in English (the error's `Display`).
    pub message: String,
    /// The same, to render in any language.
    pub text: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    advice: Vec<toml::Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    rule: toml::Spanned<String>,
    file: Option<String>,
    dossier: Option<u32>,
    xpath: Option<String>,
    clause: Option<String>,
    suppress: Option<bool>,
    severity: Option<toml::Spanned<String>>,
    reason: toml::Spanned<String>,
    expires: toml::Spanned<toml::Value>,
}

impl Advisor {
    /// The advisor file to use: `explicit` when given, else `scor-advisor.toml` in `working_dir` when
    /// there is one (an empty `working_dir` is the process's working directory), else none.
    pub fn locate(explicit: Option<&Path>, working_dir: &Path) -> Option<std::path::PathBuf> {
        match explicit {
            Some(path) => Some(path.to_owned()),
            None => Some(working_dir.join(DEFAULT_FILE_NAME)).filter(|path| path.is_file()),
        }
    }

    /// `AAAA-MM-JJ` (UTC) of `unix_seconds`: the day expiry dates are compared with.
    pub fn day_of(unix_seconds: i64) -> String {
        crate::calendar::datetime(unix_seconds)[..10].to_owned()
    }

    /// Reads and checks the advisor file at `path` against `dictionary` (rule ids must exist).
    pub fn read(path: &Path, dictionary: &Dictionary) -> Result<Self, AdvisorError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|error| at(&name, 0, Text::verbatim(error.to_string())))?;
        Self::parse(&name, &bytes, dictionary)
    }

    /// Parses the advisor file `bytes`, named `file` in messages.
    pub fn parse(file: &str, bytes: &[u8], dictionary: &Dictionary) -> Result<Self, AdvisorError> {
        let sha256 = hex(&Sha256::digest(bytes));
        let text = std::str::from_utf8(bytes)
            .map_err(|error| at(file, line_of(bytes, error.valid_up_to()), text!("advisor-not-utf8")))?;
        let raw: RawFile = toml::from_str(text).map_err(|error| {
            let line = error.span().map_or(1, |span| line_of(bytes, span.start));
            at(file, line, Text::verbatim(error.message().trim()))
        })?;
        let entries =
            raw.advice.into_iter().map(|entry| entry_of(file, text, entry, dictionary)).collect::<Result<_, _>>()?;
        Ok(Self { file: file.to_owned(), sha256, entries })
    }

    /// Applies the live entries (`expires` on or after `today`, a `AAAA-MM-JJ` date) to every lot: the
    /// first live entry matching a finding decides. The predicted ARL is left as the checks made it.
    pub fn apply(&self, lots: &mut [LotOutcome], today: &str) -> AdvisorOutcome {
        let today_day = day_number(today).unwrap_or(i64::MIN);
        let live: Vec<bool> =
            self.entries.iter().map(|e| day_number(&e.expires).is_some_and(|d| d >= today_day)).collect();
        let mut used = vec![false; self.entries.len()];
        for lot in lots.iter_mut() {
            self.apply_to_lot(lot, &live, &mut used);
        }
        let pick = |keep: &dyn Fn(usize) -> bool| -> Vec<EntryRef> {
            (0..self.entries.len()).filter(|&i| keep(i)).map(|i| self.reference(&self.entries[i])).collect()
        };
        AdvisorOutcome {
            file: self.file.clone(),
            sha256: self.sha256.clone(),
            entries: self.entries.len(),
            expired: pick(&|i| !live[i]),
            unused: pick(&|i| live[i] && !used[i]),
        }
    }

    fn apply_to_lot(&self, lot: &mut LotOutcome, live: &[bool], used: &mut [bool]) {
        let findings = std::mem::take(&mut lot.findings);
        for mut finding in findings {
            let dossier = lot.files.iter().find(|f| f.name == finding.location.file).and_then(|f| f.dossier);
            let matching = (0..self.entries.len()).find(|&i| live[i] && self.entries[i].matches(&finding, dossier));
            let Some(position) = matching else {
                lot.findings.push(finding);
                continue;
            };
            used[position] = true;
            let entry = &self.entries[position];
            let advice = self.reference(entry);
            match entry.action {
                Action::Suppress => lot.suppressed.push(Suppressed { finding, advice }),
                Action::Severity(severity) => {
                    let from = finding.severity;
                    finding.severity = severity;
                    lot.regraded.push(Regraded { finding: lot.findings.len(), from, advice });
                    lot.findings.push(finding);
                }
            }
        }
    }

    fn reference(&self, entry: &Entry) -> EntryRef {
        EntryRef {
            file: self.file.clone(),
            line: entry.line,
            rule: entry.rule.clone(),
            reason: entry.reason.clone(),
            expires: entry.expires.clone(),
        }
    }
}

impl Entry {
    /// Whether the entry applies to `finding`, in a file of dossier `dossier`.
    pub fn matches(&self, finding: &Finding, dossier: Option<u32>) -> bool {
        self.rule == finding.rule
            && self.file.as_deref().is_none_or(|pattern| glob(pattern, &finding.location.file))
            && self.dossier.is_none_or(|wanted| dossier == Some(wanted))
            && self
                .xpath
                .as_deref()
                .is_none_or(|wanted| finding.location.xpath.as_deref().is_some_and(|x| under(x, wanted)))
            && self
                .clause
                .as_deref()
                .is_none_or(|wanted| finding.clause.as_deref().is_some_and(|c| clause_of(c, wanted)))
    }
}

/// Whether `xpath` is `wanted` or below it.
fn under(xpath: &str, wanted: &str) -> bool {
    let wanted = wanted.trim_end_matches('/');
    xpath == wanted || xpath.strip_prefix(wanted).is_some_and(|rest| rest.starts_with('/') || rest.starts_with('['))
}

/// Whether `clause` (`ISO 19005-1 6.1.12`) is `wanted` (`ISO 19005-1 6.1.12`, `6.1.12`, `6.1`) or under it.
fn clause_of(clause: &str, wanted: &str) -> bool {
    let number = clause.rsplit(' ').next().unwrap_or(clause);
    [clause, number].iter().any(|c| *c == wanted || c.strip_prefix(wanted).is_some_and(|rest| rest.starts_with('.')))
}

/// Glob matching: `*` any run of characters, `?` one character, everything else itself.
pub fn glob(pattern: &str, name: &str) -> bool {
    let (pattern, name): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut p, mut n, mut star, mut mark) = (0, 0, None, 0);
    while n < name.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == name[n]) {
            p += 1;
            n += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some(p);
            mark = n;
            p += 1;
        } else if let Some(s) = star {
            p = s + 1;
            mark += 1;
            n = mark;
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

fn entry_of(
    file: &str,
    text: &str,
    raw: toml::Spanned<RawEntry>,
    dictionary: &Dictionary,
) -> Result<Entry, AdvisorError> {
    let line = line_of(text.as_bytes(), raw.span().start);
    let raw = raw.into_inner();
    let line_at = |span: std::ops::Range<usize>| line_of(text.as_bytes(), span.start);
    let rule = raw.rule.get_ref().clone();
    if dictionary.rule_by_id(&rule).is_none() {
        let message = text!("advisor-unknown-rule", rule = rule.as_str(), version = dictionary.version);
        return Err(at(file, line_at(raw.rule.span()), message));
    }
    let action = match (raw.suppress, &raw.severity) {
        (Some(true), None) => Action::Suppress,
        (None | Some(false), Some(severity)) => match Severity::parse(severity.get_ref()) {
            Some(level) => Action::Severity(level),
            None => {
                let message = text!("advisor-bad-severity", severity = severity.get_ref().as_str());
                return Err(at(file, line_at(severity.span()), message));
            }
        },
        _ => return Err(at(file, line, text!("advisor-no-action"))),
    };
    if raw.reason.get_ref().trim().is_empty() {
        return Err(at(file, line_at(raw.reason.span()), text!("advisor-empty-reason")));
    }
    let expires = expiry(raw.expires.get_ref())
        .ok_or_else(|| at(file, line_at(raw.expires.span()), text!("advisor-bad-expiry")))?;
    Ok(Entry {
        line,
        rule,
        file: raw.file,
        dossier: raw.dossier,
        xpath: raw.xpath,
        clause: raw.clause,
        action,
        reason: raw.reason.into_inner(),
        expires,
    })
}

/// `AAAA-MM-JJ` of a TOML date (`2027-06-30`) or string (`"2027-06-30"`), when it is a valid date.
fn expiry(value: &toml::Value) -> Option<String> {
    let text = match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Datetime(datetime) if datetime.time.is_none() => datetime.to_string(),
        _ => return None,
    };
    (text.len() == 10 && day_number(&text).is_some()).then_some(text)
}

fn at(file: &str, line: u32, text: Text) -> AdvisorError {
    AdvisorError { file: file.to_owned(), line, message: text.render(Lang::En), text }
}

/// The 1-based line of byte `offset` in `bytes`.
fn line_of(bytes: &[u8], offset: usize) -> u32 {
    let before = &bytes[..offset.min(bytes.len())];
    u32::try_from(before.iter().filter(|b| **b == b'\n').count() + 1).unwrap_or(u32::MAX)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_names() {
        assert!(glob("P-*.pkcs7", "P-001-002.pkcs7"));
        assert!(glob("D-00?.pkcs7", "D-001.pkcs7"));
        assert!(!glob("D-00?.pkcs7", "D-0011.pkcs7"));
        assert!(glob("*", ""));
        assert!(!glob("E-*", "P-001-001.pkcs7"));
    }

    #[test]
    fn xpaths_and_clauses_match_below() {
        assert!(under("/ENTSCANORDO/Emetteur/CodeSpecialite", "/ENTSCANORDO/Emetteur"));
        assert!(!under("/ENTSCANORDO/EmetteurX", "/ENTSCANORDO/Emetteur"));
        assert!(clause_of("ISO 19005-1 6.1.12", "6.1"));
        assert!(clause_of("ISO 19005-1 6.1.12", "ISO 19005-1 6.1.12"));
        assert!(!clause_of("ISO 19005-1 6.1.12", "6.1.1"));
    }
}

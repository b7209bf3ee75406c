//! What every deviation test asserts: the one finding of its rule (severity, element, clause, file,
//! XPath and line, cause), the full set of error rules, and the predicted ARL with its documents.

use scor_conformance::{Checked, PredictedArl, RejectedDossier};
use scor_dictionary::{CodeListKey, FileNameKind, Finding, Severity};
use std::collections::BTreeSet;

/// The example lot's header file.
pub const HEADER: &str = "E-2026-ENTSCANORDO-00042.xml";

/// A deviation: a lot changed in one way, checked once and shared by its test and by the tests
/// that look at every deviation.
pub type Deviation = (&'static str, fn() -> &'static Checked);

/// Defines `fn $name() -> &'static Checked`, computing the checked lot once (used through
/// `#[macro_use]` on this module).
macro_rules! deviation {
    ($(#[$doc:meta])* $name:ident, $body:block) => {
        $(#[$doc])*
        pub fn $name() -> &'static scor_conformance::Checked {
            static CHECKED: std::sync::OnceLock<scor_conformance::Checked> = std::sync::OnceLock::new();
            CHECKED.get_or_init(|| $body)
        }
    };
}

/// The finding a test expects, field by field.
#[derive(Debug, Clone, Copy)]
pub struct Want<'a> {
    pub rule: &'a str,
    pub severity: Severity,
    pub element: Option<&'a str>,
    pub clause: Option<&'a str>,
    pub file: &'a str,
    pub xpath: Option<&'a str>,
    pub line: Option<u32>,
    pub cause: Option<&'a str>,
}

impl<'a> Want<'a> {
    /// An error of `rule` in `file`, with ARL cause `cause`; nothing else known yet.
    pub fn error(rule: &'a str, file: &'a str, cause: &'a str) -> Self {
        Self {
            rule,
            severity: Severity::Error,
            element: None,
            clause: None,
            file,
            xpath: None,
            line: None,
            cause: Some(cause),
        }
    }

    /// A finding of `severity` (warning or info: no ARL cause) of `rule` in `file`.
    pub fn notice(rule: &'a str, severity: Severity, file: &'a str) -> Self {
        Self { severity, cause: None, ..Self::error(rule, file, "") }
    }

    pub fn element(self, element: &'a str) -> Self {
        Self { element: Some(element), ..self }
    }

    pub fn clause(self, clause: &'a str) -> Self {
        Self { clause: Some(clause), ..self }
    }

    /// Where in an XML file: XPath and line.
    pub fn at(self, xpath: &'a str, line: u32) -> Self {
        Self { xpath: Some(xpath), line: Some(line), ..self }
    }

    /// An XPath without a line (a header element named for a dossier file).
    pub fn xpath(self, xpath: &'a str) -> Self {
        Self { xpath: Some(xpath), ..self }
    }
}

/// Asserts that exactly one finding of `want.rule` is in `want.file` at `want.xpath`, and that it has
/// every field `want` gives; returns it.
#[track_caller]
pub fn finding<'c>(checked: &'c Checked, want: Want<'_>) -> &'c Finding {
    let findings = &checked.outcome.findings;
    let matching: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == want.rule && f.location.file == want.file && f.location.xpath.as_deref() == want.xpath)
        .collect();
    let [one] = matching.as_slice() else {
        panic!("expected one {} in {} at {:?}; findings:\n{}", want.rule, want.file, want.xpath, describe(checked));
    };
    let found = (one.severity, one.element, one.clause.as_deref(), one.location.line, one.cause);
    assert_eq!(found, (want.severity, want.element, want.clause, want.line, want.cause), "{one}");
    assert!(!one.message.is_empty(), "{one}");
    one
}

/// Asserts that the error rules raised are exactly `rules`.
#[track_caller]
pub fn errors(checked: &Checked, rules: &[&str]) {
    assert_eq!(rule_set(checked, Severity::Error), rules.iter().copied().collect(), "{}", describe(checked));
}

/// Asserts that the warning rules raised are exactly `rules`.
#[track_caller]
pub fn warnings(checked: &Checked, rules: &[&str]) {
    assert_eq!(rule_set(checked, Severity::Warning), rules.iter().copied().collect(), "{}", describe(checked));
}

fn rule_set(checked: &Checked, severity: Severity) -> BTreeSet<&'static str> {
    checked.outcome.findings.iter().filter(|f| f.severity == severity).map(|f| f.rule).collect()
}

/// Number of findings of `rule`.
pub fn count(checked: &Checked, rule: &str) -> usize {
    checked.outcome.findings.iter().filter(|f| f.rule == rule).count()
}

/// Every finding and not-evaluated check, one a line, for assertion messages.
pub fn describe(checked: &Checked) -> String {
    let mut text: Vec<String> =
        checked.outcome.findings.iter().map(|f| format!("  {f} (cause {:?})", f.cause)).collect();
    text.extend(
        checked
            .outcome
            .not_evaluated
            .iter()
            .map(|n| format!("  not evaluated: {}: {}", n.file, n.checks.render(scor_locale::Lang::En))),
    );
    text.push(format!("  ARL: {:?}", checked.prediction));
    text.join("\n")
}

/// Asserts the lot is accepted: Etat A, cause 0000, and an ARL saying so.
#[track_caller]
pub fn accepted(checked: &Checked) {
    assert!(matches!(checked.prediction, PredictedArl::Accepted { cause: "0000", .. }), "{}", describe(checked));
    let arl = checked.arl.as_ref().expect("an accepted lot gets an ARL");
    assert!(arl.diagnostic.contains("<Etat>A</Etat>") && arl.diagnostic.contains("<Cause>0000</Cause>"));
    assert!(!arl.diagnostic.contains("<DiagDossier>"), "{}", arl.diagnostic);
}

/// Asserts a header-level rejection with `cause`; when the header could be read, the ARL says so.
#[track_caller]
pub fn header_rejection(checked: &Checked, cause: &str) {
    match &checked.prediction {
        PredictedArl::HeaderRejection { cause: found, .. } => assert_eq!(*found, cause, "{}", describe(checked)),
        other => panic!("expected a header rejection {cause}, got {other:?}\n{}", describe(checked)),
    }
    if let Ok(arl) = &checked.arl {
        assert!(arl.diagnostic.contains(&format!("<Cause>{cause}</Cause>")), "{}", arl.diagnostic);
        assert!(arl.diagnostic.contains("<Etat>R</Etat>") && !arl.diagnostic.contains("<DiagDossier>"));
    }
}

/// Asserts a header-level rejection with `cause` when the header cannot be read: the ARL is still
/// written (what the receiving point would send), and every value not read from the header is named.
#[track_caller]
pub fn header_rejection_without_arl(checked: &Checked, cause: &str) {
    header_rejection(checked, cause);
    let arl = checked.arl.as_ref().expect("an ARL is written even when the header cannot be read");
    assert!(arl.diagnostic.contains(&format!("<Cause>{cause}</Cause>")), "{}", arl.diagnostic);
    assert!(!checked.outcome.arl_fallbacks.is_empty(), "the fallbacks are named: {}", describe(checked));
    if checked.outcome.identification.is_none() {
        let named =
            |id: &str| checked.outcome.arl_fallbacks.iter().any(|f| f.render(scor_locale::Lang::En).contains(id));
        assert!(named("EF_PA_001_01") && named("EF_PA_002_01"), "{:?}", checked.outcome.arl_fallbacks);
    }
    let dictionary = &scor_dictionary::latest::DICTIONARY;
    for (profil, text) in [
        (scor_dictionary::Profil::Entarlscanordo, &arl.header),
        (scor_dictionary::Profil::Arlscanordo, &arl.diagnostic),
    ] {
        let schema = dictionary.message(profil);
        let options = scor_dictionary::Options { reveal_patient_data: true };
        let findings = scor_dictionary::stream::validate(schema, schema.file.example, text.as_bytes(), options);
        assert!(findings.is_empty(), "{findings:?}\n{text}");
    }
}

/// Asserts the caisse cannot use the PJ: `rules` are exactly the caisse errors, none with an ARL cause.
#[track_caller]
pub fn not_usable_by_the_caisse(checked: &Checked, rules: &[&str]) {
    assert_eq!(checked.outcome.caisse_verdict(), scor_conformance::CaisseVerdict::NotUsable, "{}", describe(checked));
    let found: BTreeSet<&str> = checked.outcome.caisse_findings().map(|f| f.rule).collect();
    assert_eq!(found, rules.iter().copied().collect(), "{}", describe(checked));
    assert!(checked.outcome.caisse_findings().all(|f| f.cause.is_none()), "{}", describe(checked));
}

/// Asserts a dossier-level rejection (5999) of exactly `dossiers`: (number, the one file named, cause);
/// the ARL has one DiagDossier for each.
#[track_caller]
pub fn dossier_rejection(checked: &Checked, dossiers: &[(u32, &str, &str)]) {
    let PredictedArl::DossierRejection { cause, dossiers: found, .. } = &checked.prediction else {
        panic!("expected a dossier rejection, got {:?}\n{}", checked.prediction, describe(checked));
    };
    assert_eq!(*cause, "5999");
    let found: Vec<(u32, &str, &str)> =
        found.iter().map(|RejectedDossier { dossier, file, cause, .. }| (*dossier, file.as_str(), *cause)).collect();
    assert_eq!(found, dossiers, "{}", describe(checked));
    let arl = checked.arl.as_ref().expect("a dossier rejection gets an ARL");
    assert!(arl.diagnostic.contains("<Cause>5999</Cause>"), "{}", arl.diagnostic);
    assert_eq!(arl.diagnostic.matches("<DiagDossier>").count(), dossiers.len(), "{}", arl.diagnostic);
    let dictionary = &scor_dictionary::latest::DICTIONARY;
    for (number, file, cause) in dossiers {
        // The kind of file each cause names (codes/diagnostic.csv `file`, when the table has it).
        let kind =
            dictionary.code_list(CodeListKey::Diagnostic).get(cause).and_then(|e| e.extra("file").first().copied());
        // A lot checked before sealing names its files by the plain patterns.
        let is = |kind: FileNameKind| {
            let plain = match kind {
                FileNameKind::Index => FileNameKind::IndexPlain,
                _ => FileNameKind::PjPlain,
            };
            [kind, plain].iter().any(|kind| dictionary.file_name(*kind).captures(file).is_some())
        };
        match kind {
            Some("index") => assert!(is(FileNameKind::Index), "cause {cause} names an index, not {file}"),
            Some("pj") => assert!(is(FileNameKind::Pj), "cause {cause} names a PJ, not {file}"),
            Some("either") => assert!(
                is(FileNameKind::Index) || is(FileNameKind::Pj),
                "cause {cause} names a dossier file, not {file}"
            ),
            _ => {}
        }
        let sealed = scor_conformance::arl::sealed_name(dictionary, file);
        let diag = format!("<NumeroDossier>{number:03}</NumeroDossier>\n    <Fichier>{sealed}</Fichier>");
        assert!(arl.diagnostic.contains(&diag), "{diag} in {}", arl.diagnostic);
        assert!(arl.diagnostic.contains(&format!("<Cause>{cause}</Cause>")), "{}", arl.diagnostic);
    }
}

/// Asserts a service message with `cause` instead of an ARL.
#[track_caller]
pub fn service_message(checked: &Checked, cause: &str) {
    match &checked.prediction {
        PredictedArl::ServiceMessage { cause: found, .. } => assert_eq!(*found, cause, "{}", describe(checked)),
        other => panic!("expected a service message {cause}, got {other:?}\n{}", describe(checked)),
    }
    assert!(checked.arl.is_err(), "a service message is no ARL");
}

//! Every deviation reported in French and in English: each message is a text of the catalogues, rule
//! ids and elements do not change with the language, and no English sentence is left in any format of
//! the French report.

use super::deviations;
use regex::Regex;
use scor_conformance::{Checked, Run, Tool};
use scor_locale::{Arg, Lang, Text};
use scor_reports::{Format, Options};
use scor_tests::lots::{build, check, example_plan};
use std::sync::LazyLock;

/// Words of English sentences that French never uses. Quoted values, identifiers and codes are left
/// out before looking (see [`prose`]).
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "are",
    "was",
    "of",
    "and",
    "not",
    "with",
    "has",
    "have",
    "this",
    "that",
    "which",
    "from",
    "for",
    "by",
    "be",
    "been",
    "than",
    "only",
    "must",
    "should",
    "could",
    "would",
    "does",
    "into",
    "when",
    "its",
    "it",
    "there",
    "their",
    "found",
    "missing",
    "expected",
    "error",
    "errors",
    "warning",
    "warnings",
    "checked",
    "evaluated",
    "accepted",
    "rejected",
    "unknown",
    "none",
    "every",
    "file",
    "files",
    "findings",
    "finding",
    "header",
    "read",
    "written",
    "without",
    "at",
    "most",
    "least",
    "bytes",
    "limit",
    "decoded",
    "could",
    "cannot",
    "too",
    "no",
];

fn lots() -> Vec<(&'static str, &'static Checked)> {
    static EXAMPLE: LazyLock<Checked> = LazyLock::new(|| check(&build(&example_plan()).files));
    let mut lots = vec![("example", &*EXAMPLE)];
    lots.extend(deviations().into_iter().map(|(name, run)| (name, run())));
    lots
}

fn run_of(checked: &Checked) -> Run {
    let dictionary = &scor_dictionary::latest::DICTIONARY;
    Run { tool: Tool::SCOR_KIT, dictionary, lots: vec![checked.outcome.clone()], advisor: None }
}

/// Whether `text` is a sentence of the catalogues: a verbatim text only as an argument (a library's
/// error, a value), never as the sentence itself.
fn from_catalogue(text: &Text) -> bool {
    !text.is_verbatim()
        && text.args().iter().all(|(_, arg)| match arg {
            Arg::Text(inner) => inner.is_verbatim() || from_catalogue(inner),
            _ => true,
        })
}

#[test]
fn every_message_of_every_deviation_is_a_text_of_the_catalogues() {
    for (name, checked) in lots() {
        let outcome = &checked.outcome;
        for finding in &outcome.findings {
            assert!(from_catalogue(&finding.text), "{name}: {} says {:?}", finding.rule, finding.message);
        }
        for item in &outcome.not_evaluated {
            assert!(from_catalogue(&item.checks) && from_catalogue(&item.reason), "{name}: {item:?}");
        }
        for fallback in &outcome.arl_fallbacks {
            assert!(from_catalogue(fallback), "{name}: {fallback:?}");
        }
    }
}

#[test]
fn rule_ids_elements_and_causes_do_not_change_with_the_language() {
    for (name, checked) in lots() {
        let run = run_of(checked);
        let json = |lang| -> serde_json::Value {
            let bytes = scor_reports::render(&run, Format::Json, &Options { color: false, lang });
            serde_json::from_slice(&bytes).unwrap()
        };
        let (mut fr, mut en) = (json(Lang::Fr), json(Lang::En));
        assert_eq!((&fr["lang"], &en["lang"]), (&"fr".into(), &"en".into()));
        for doc in [&mut fr, &mut en] {
            doc["lang"] = serde_json::Value::Null;
            strip_prose(doc);
        }
        assert_eq!(fr, en, "{name}: the French and English reports differ beyond their sentences");
    }
}

/// Blanks the fields that hold sentences, so that what is left must be the same in every language.
fn strip_prose(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if matches!(key.as_str(), "message" | "checks" | "reason" | "fallbacks") {
                    *field = serde_json::Value::Null;
                } else {
                    strip_prose(field);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_prose),
        _ => {}
    }
}

#[test]
fn no_english_sentence_is_left_in_any_format_of_the_french_report() {
    let mut english = Vec::new();
    for (name, checked) in lots() {
        let run = run_of(checked);
        for format in Format::ALL {
            let bytes = scor_reports::render(&run, *format, &Options { color: false, lang: Lang::Fr });
            let report = String::from_utf8(bytes).unwrap();
            for sentence in sentences(*format, &report) {
                if let Some(word) = english_word(&sentence) {
                    english.push(format!("{name} ({format}): «{word}» in {sentence:?}"));
                }
            }
        }
    }
    english.dedup();
    assert!(english.is_empty(), "{} English sentences in French reports:\n{}", english.len(), english.join("\n"));
}

/// The texts of a report people read: messages, reasons, headings, labels; not its keys, enumerated
/// values, identifiers or source excerpts.
fn sentences(format: Format, report: &str) -> Vec<String> {
    match format {
        Format::Json => {
            let mut out = Vec::new();
            json_strings(
                &serde_json::from_str(report).unwrap(),
                &["message", "checks", "reason", "fallbacks"],
                &mut out,
            );
            out
        }
        Format::Sarif => {
            let mut out = Vec::new();
            json_strings(
                &serde_json::from_str(report).unwrap(),
                &["text", "justification", "checks", "reason"],
                &mut out,
            );
            out
        }
        Format::Junit => {
            static PARTS: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r#"(?:message|name)="([^"]*)"|>([^<]+)<"#).unwrap());
            PARTS
                .captures_iter(report)
                .filter_map(|c| c.get(1).or(c.get(2)).map(|m| unescape(m.as_str())))
                .filter(|text| !text.trim().is_empty())
                .collect()
        }
        Format::Html => {
            static STYLE: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r"(?s)<style>.*?</style>|<pre>.*?</pre>").unwrap());
            static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").unwrap());
            let visible = STYLE.replace_all(report, "\n");
            TAG.replace_all(&visible, "\n").lines().map(unescape).filter(|l| !l.trim().is_empty()).collect()
        }
        _ => {
            static EXCERPT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\d*\s+\|").unwrap());
            report.lines().filter(|line| !EXCERPT.is_match(line)).map(str::to_owned).collect()
        }
    }
}

fn json_strings(value: &serde_json::Value, keys: &[&str], out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, field) in map {
                match field {
                    serde_json::Value::String(text) if keys.contains(&key.as_str()) => out.push(text.clone()),
                    serde_json::Value::Array(items) if keys.contains(&key.as_str()) => {
                        out.extend(items.iter().filter_map(|item| item.as_str().map(str::to_owned)));
                    }
                    _ => json_strings(field, keys, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| json_strings(item, keys, out)),
        _ => {}
    }
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// `sentence` without what it quotes or names: «…», "…", <elements>, and words holding digits,
/// underscores, dots, slashes, colons or only capitals (ids, codes, paths, file names).
fn prose(sentence: &str) -> String {
    static QUOTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"«[^»]*»|"[^"]*"|<[^>]*>|`[^`]*`"#).unwrap());
    QUOTED
        .replace_all(sentence, " ")
        .split_whitespace()
        .filter(|word| !word.chars().any(|c| c.is_ascii_digit() || "_./:@=".contains(c)))
        .filter(|word| word.chars().any(char::is_lowercase))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first English word of `sentence`'s prose, if any; words in capitals are identifiers
/// (`HEADER-PIECE-INDICES`), never English.
fn english_word(sentence: &str) -> Option<String> {
    prose(sentence)
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|word| word.chars().any(char::is_lowercase))
        .map(str::to_lowercase)
        .find(|word| ENGLISH.contains(&word.as_str()))
}

#[test]
fn the_word_finder_finds_english_and_leaves_french_and_identifiers() {
    assert_eq!(english_word("the PJ is 12 bytes"), Some("the".to_owned()));
    assert_eq!(english_word("la PJ fait 12 octets ; au plus 10"), None);
    assert_eq!(english_word("XML mal formé : « expected '>' at the end »"), None);
    assert_eq!(english_word("règle FIELD-PATTERN, fichier E-2026-ENTSCANORDO-00042.xml"), None);
    assert_eq!(english_word("<NotAnElement> manque"), None);
    assert_eq!(english_word("erreur[HEADER-PIECE-INDICES] : trou dans les numéros"), None);
}

/// The lot with specialty 99 (a header rejection, an EXTERNE reference not evaluated without a history),
/// in the text and JSON formats, in French and in English.
#[test]
fn the_same_lot_in_french_and_in_english() {
    let run = run_of(super::header::field_specialite());
    for lang in Lang::ALL {
        for format in [Format::Text, Format::Json] {
            let bytes = scor_reports::render(&run, format, &Options { color: false, lang });
            let report = String::from_utf8(bytes).unwrap();
            let report = report.replace(run.dictionary.checksum, "[checksum]");
            insta::assert_snapshot!(format!("field_specialite_{format}_{lang}"), report);
        }
    }
}

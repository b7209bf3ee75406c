//! The checker's messages in French and English: `localize` re-renders every violation, limit stop and
//! unevaluated clause of a report from its text, and English gives back the messages `check` wrote.

mod common;

use std::path::Path;

use scor_locale::Lang;
use scor_pdfa::{Limits, Report, check};

/// A file of the veraPDF corpus (PDF/A-1b folder).
fn corpus(path: &str) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/verapdf-pdfa-1b/PDF_A-1b");
    std::fs::read(root.join(path)).expect("corpus file is readable")
}

/// Every message of a report, after what it is attached to, in order.
fn messages(r: &Report) -> Vec<(String, String)> {
    let violations =
        r.violations.iter().map(|v| (format!("{} t{} {:?}", v.clause, v.test, v.location), v.message.clone()));
    let skipped = r.not_evaluated.iter().map(|(clause, why)| (format!("{clause} not evaluated"), why.clone()));
    let stops = r.stops.iter().map(|s| (format!("stop {:?} {} {:?}", s.limit, s.value, s.location), s.message.clone()));
    violations.chain(skipped).chain(stops).collect()
}

/// Words of the English messages that no French message may hold (PDF names and quoted values aside).
const ENGLISH: [&str; 14] = [
    " the ", " is ", " has ", " of ", " and ", " not ", " with ", " remove ", " add ", " could ", " font ", " stream ",
    "further", " are ",
];

/// Checks `bytes` within `limits`, localizes the report into French, then back into English.
fn round_trip(bytes: &[u8], limits: &Limits) -> (Report, Report) {
    let english = check(bytes, limits);
    assert!(!english.is_clean(), "the file breaks PDF/A-1b");
    let mut french = english.clone();
    french.localize(Lang::Fr);
    let mut back = french.clone();
    back.localize(Lang::En);
    assert_eq!(messages(&back), messages(&english), "English again is the English check wrote");
    assert_eq!(back, english);
    for ((place, fr), (_, en)) in messages(&french).iter().zip(messages(&english)) {
        assert_ne!(fr, &en, "{place}: the French message differs from the English one");
        // The parser's own words (6.1.1) are quoted as it wrote them.
        let ours = if place.starts_with("6.1.1 ") { fr.split('(').next().unwrap_or_default() } else { fr };
        let padded = format!(" {ours} ");
        assert!(!ENGLISH.iter().any(|w| padded.contains(w)), "{place}: English left in French: {fr}");
    }
    (english, french)
}

#[test]
fn violations_read_in_french_and_again_in_the_same_english() {
    let limits = common::limits();
    let bytes = corpus("6.3 Fonts/6.3.6 Font metrics/veraPDF test suite 6-3-6-t01-fail-a.pdf");
    let (english, french) = round_trip(&bytes, &limits);
    let width = |r: &Report| r.violations.iter().find(|v| v.clause == "6.3.6").map(|v| v.message.clone());
    let en = "a font: the width of code 97 is 0 in the Widths array but 1000 in its glyph procedure (d0/d1); \
              make them agree";
    let fr = "une police : la chasse du code 97 vaut 0 dans le tableau Widths mais 1000 dans sa procédure de glyphe \
              (d0/d1) ; mettez-les en accord";
    assert_eq!(width(&english).as_deref(), Some(en));
    assert_eq!(width(&french).as_deref(), Some(fr));
    let kept = |r: &Report| r.violations.iter().map(|v| (v.clause, v.test, v.location.clone())).collect::<Vec<_>>();
    assert_eq!(kept(&french), kept(&english), "clauses, tests and places do not change with the language");
}

#[test]
fn capped_findings_and_alpha_values_read_in_french() {
    let bytes = corpus("6.1 File structure/6.1.12 Implementation limits/veraPDF test suite 6-1-12-t06-fail-a.pdf");
    let (english, french) = round_trip(&bytes, &common::limits());
    let has = |r: &Report, m: &str| r.violations.iter().any(|v| v.message == m);
    assert!(has(&english, "further findings of 6.4 test 5 are not listed"));
    assert!(has(&french, "les autres constats du test 5 de la clause 6.4 ne sont pas listés"));
    assert!(has(&english, "an ExtGState sets stroke alpha CA to 0.5: PDF/A-1 requires 1.0"));
    assert!(has(&french, "un ExtGState fixe l'alpha de trait CA à 0.5 : PDF/A-1 exige 1.0"));
}

#[test]
fn limit_stops_and_unevaluated_clauses_read_in_french() {
    let bytes = corpus("6.3 Fonts/6.3.6 Font metrics/veraPDF test suite 6-3-6-t01-fail-a.pdf");
    let limits = Limits { max_objects: 5, ..common::limits() };
    let (english, french) = round_trip(&bytes, &limits);
    let stop = |r: &Report| r.stops.iter().map(|s| s.message.clone()).collect::<Vec<_>>();
    assert_eq!(stop(&english), ["the file has 20 indirect objects, more than 5: only the first 5 were read"]);
    assert_eq!(stop(&french), ["le fichier compte 20 objets indirects, plus que 5 : seuls les 5 premiers ont été lus"]);

    // The header and the first object alone: no cross-reference data, no trailer, nothing to load.
    let (english, french) = round_trip(&bytes[..64], &common::limits());
    assert!(!english.not_evaluated.is_empty());
    assert!(english.not_evaluated.iter().all(|(_, why)| why == "the file did not parse"));
    assert!(french.not_evaluated.iter().all(|(_, why)| why == "le fichier n'a pas pu être analysé"));
    let parse = |r: &Report| r.violations.iter().find(|v| v.clause == "6.1.1").map(|v| v.message.clone());
    let (en, fr) = (parse(&english).unwrap_or_default(), parse(&french).unwrap_or_default());
    assert!(en.starts_with("the file could not be parsed as PDF ("), "{en}");
    assert!(fr.starts_with("le fichier n'a pas pu être analysé comme un PDF ("), "{fr}");
    let quoted = |m: &str| m.split_once('(').and_then(|(_, rest)| rest.rsplit_once(')')).map(|(q, _)| q.to_owned());
    let (en, fr) = (quoted(&en).unwrap_or_default(), quoted(&fr).unwrap_or_default());
    assert_eq!(format!("« {en} »"), fr, "the parser's own words are quoted as they are, between « » in French");
}

//! The top-level API: format names, `render` dispatching to each format, colour only when asked, and
//! the text report's pieces that the plain snapshot cannot show.

mod common;

use common::{header_rejection, representative_run, run_of};
use scor_locale::{Lang, Text};
use scor_reports::{Format, Options, render};

#[test]
fn format_names_round_trip() {
    for format in Format::ALL {
        assert_eq!(format.name().parse::<Format>(), Ok(*format));
        assert_eq!(format.to_string(), format.name());
    }
    assert_eq!("SARIF".parse::<Format>(), Ok(Format::Sarif));
    assert_eq!("HTML".parse::<Format>(), Ok(Format::Html));
    assert_eq!(Format::Html.extension(), "html");
    let error = "pdf".parse::<Format>().unwrap_err();
    assert_eq!(error.to_string(), "unknown report format `pdf` (expected one of: text, json, junit, sarif, html)");
}

#[test]
fn render_dispatches_to_each_format() {
    let run = representative_run();
    let options = Options { color: false, lang: Lang::En };
    let text = |format| String::from_utf8(render(&run, format, &options)).unwrap();
    assert_eq!(text(Format::Text), scor_reports::text::render(&run, &options));
    assert_eq!(text(Format::Json), scor_reports::json::render(&run, Lang::En));
    assert_eq!(text(Format::Junit), scor_reports::junit::render(&run, Lang::En));
    assert_eq!(text(Format::Sarif), scor_reports::sarif::render(&run, Lang::En));
    assert_eq!(text(Format::Html), scor_reports::html::render(&run, Lang::En));
}

#[test]
fn plain_text_has_no_escape_and_colour_has_them() {
    let run = representative_run();
    let plain = scor_reports::text::render(&run, &Options { color: false, lang: Lang::En });
    assert!(!plain.contains('\u{1b}'));
    let coloured = scor_reports::text::render(&run, &Options { color: true, lang: Lang::En });
    assert!(coloured.contains("\u{1b}[1m\u{1b}[31merror[FIELD-SPECIALITE]\u{1b}[0m"), "red error:\n{coloured}");
    assert!(coloured.contains("\u{1b}[33mwarning[INVENTORY-EXTENSION]"), "yellow warning");
    assert!(coloured.contains("\u{1b}[34minfo[PJ-EXTERNE]"), "blue info");
}

#[test]
fn text_never_prints_control_characters_of_the_run() {
    let mut lot = header_rejection();
    lot.findings[0].retell(|_| Text::verbatim("bad \u{1b}[2J value"));
    lot.sources[0].text = lot.sources[0].text.replace("<CodeSpecialite>", "<CodeSpecialite>\u{7}");
    let text = scor_reports::text::render(&run_of(vec![lot]), &Options { color: false, lang: Lang::En });
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text}");
}

#[test]
fn no_excerpt_without_the_source() {
    let mut lot = header_rejection();
    lot.sources.clear();
    let text = scor_reports::text::render(&run_of(vec![lot]), &Options { color: false, lang: Lang::En });
    assert!(text.contains("--> E-2026-ENTSCANORDO-00042.xml:15:21, /ENTSCANORDO/Emetteur/CodeSpecialite"));
    assert!(!text.contains(" | "), "{text}");
}

#[test]
fn an_empty_run_still_says_what_checked_it() {
    let text = scor_reports::text::render(&run_of(Vec::new()), &Options { color: false, lang: Lang::En });
    assert!(text.starts_with("total: 0 lots (0 conformant, 0 NOT conformant, 0 not fully evaluated)"), "{text}");
    let named = format!("scor-kit 0.1.0, SCOR dictionary {} (checksum ", common::DICTIONARY.version_label());
    assert!(text.contains(&named), "{text}");
}

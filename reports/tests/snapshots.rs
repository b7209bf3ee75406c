//! Snapshots of the text (plain), JSON and JUnit reports of a representative run, reviewed by hand;
//! the dictionary checksum is masked so that editing a spec table does not move them.

mod common;

use scor_locale::Lang;
use scor_reports::{Format, Options, render};

fn rendered(format: Format) -> String {
    String::from_utf8(render(&common::representative_run(), format, &Options { color: false, lang: Lang::En })).unwrap()
}

fn masked(text: &str) -> String {
    text.replace(common::DICTIONARY.checksum, "[checksum]")
}

#[test]
fn text_report() {
    insta::assert_snapshot!(masked(&rendered(Format::Text)));
}

#[test]
fn json_report() {
    insta::assert_snapshot!(masked(&rendered(Format::Json)));
}

#[test]
fn junit_report() {
    insta::assert_snapshot!(masked(&rendered(Format::Junit)));
}

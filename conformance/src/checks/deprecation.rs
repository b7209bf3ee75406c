//! Codes used on a day they do not apply to: a code of the header deprecated on the lot's date (its
//! Temps, EF_PA_001_02) or not yet valid then, as the validity columns of the code lists say. Warnings.

use super::Collector;
use crate::header::Header;
use scor_dictionary::schema::is_date;
use scor_dictionary::{Check, Level};
use scor_locale::text;

/// The lot's date: the day of Temps.
const LOT_DATE: &str = "EF_PA_001_02";

/// Warns for every code of the header that is deprecated, or not yet valid, on the lot's date.
pub fn check(header: &Header, c: &mut Collector) {
    let Some(day) = header.value(LOT_DATE).and_then(|t| t.get(..10)).filter(|d| is_date(d)) else { return };
    let document = &header.document;
    for field in document.schema.fields() {
        let Some(list) = &field.code_list else { continue };
        let Some(codes) = c.dictionary.code_lists.iter().find(|l| l.key == list.key) else { continue };
        for element in document.root.all(field.path) {
            let Some(entry) = codes.get(&element.text) else { continue };
            let what =
                text!("code-of-list", name = field.name, code = entry.code, label = entry.label, list = codes.key);
            let message = if entry.is_deprecated_on(day) {
                let since = entry.deprecated_from.unwrap_or_default();
                match entry.replaced_by {
                    Some(code) => {
                        let label = codes.get(code).map_or("", |e| e.label);
                        text!(
                            "code-deprecated-replaced",
                            what = what,
                            since = since,
                            day = day,
                            code = code,
                            label = label
                        )
                    }
                    None => text!("code-deprecated", what = what, since = since, day = day),
                }
            } else if entry.is_before_validity(day) {
                let from = entry.valid_from.unwrap_or_default();
                text!("code-not-yet-valid", what = what, from = from, day = day)
            } else {
                continue;
            };
            let finding = c.raise(Check::CodeDeprecated, Level::Header, document.location(element), message);
            finding.element = Some(field.id);
        }
    }
}

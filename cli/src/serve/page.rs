//! `GET /`: one self-contained page (no script, style or font from elsewhere) where billing staff drop a
//! lot folder's files, an `.eml` or one PDF and read the report in place, in the request's language.

use super::respond;
use axum::http::header::{CONTENT_LANGUAGE, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::response::IntoResponse;
use scor_locale::{Lang, Text, text};

/// The page, with its script and style inline; `{{name}}` marks a text of the catalogues.
pub const PAGE: &str = include_str!("page/index.html");

/// Nothing may load from elsewhere; the report is shown in a sandboxed frame from `srcdoc`.
const POLICY: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
img-src 'self' data: blob:; connect-src 'self'; frame-src 'self' about: data:; form-action 'self'";

pub async fn page() -> impl IntoResponse {
    let lang = respond::lang();
    let content_language = lang.code();
    (
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CONTENT_SECURITY_POLICY, POLICY),
            (CONTENT_LANGUAGE, content_language),
        ],
        render(lang),
    )
}

/// The page in `lang`.
pub fn render(lang: Lang) -> String {
    let other = match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    };
    let mut page = PAGE.replace("{{lang}}", lang.code()).replace("{{other-code}}", other.code());
    for (name, text) in markup_texts() {
        page = page.replace(&format!("{{{{{name}}}}}"), &escape(&text.render(lang)));
    }
    let script: serde_json::Map<String, serde_json::Value> =
        script_texts().into_iter().map(|(name, text)| (name.to_owned(), text.render(lang).into())).collect();
    // `<` escaped so that no text can close the script element.
    let script = serde_json::Value::Object(script).to_string().replace('<', "\\u003c");
    page.replace("{{texts}}", &script)
}

/// The texts of the markup, by placeholder.
fn markup_texts() -> [(&'static str, Text); 9] {
    [
        ("title", text!("page-title")),
        ("other", text!("page-other-language")),
        ("intro", text!("page-intro")),
        ("drop", text!("page-drop")),
        ("pick-files", text!("page-pick-files")),
        ("pick-folder", text!("page-pick-folder")),
        ("json", text!("page-download-json")),
        ("sarif", text!("page-download-sarif")),
        ("report", text!("page-report")),
    ]
}

/// The texts the script shows, by key; `{n}` stands for a count.
fn script_texts() -> [(&'static str, Text); 9] {
    [
        ("checking", text!("page-checking")),
        ("files", text!("page-files", count = "{n}")),
        ("conformant", text!("page-conformant")),
        ("not-conformant", text!("page-not-conformant")),
        ("not-fully-evaluated", text!("page-not-fully-evaluated")),
        ("findings", text!("page-findings", count = "{n}")),
        ("arl", text!("page-arl")),
        ("error", text!("page-error")),
        ("none", text!("page-no-arl")),
    ]
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled_in_both_languages() {
        for lang in Lang::ALL {
            let page = render(lang);
            assert!(!page.contains("{{"), "{lang}: a placeholder is left: {}", &page[page.find("{{").unwrap()..][..40]);
            assert!(page.contains(&format!("<html lang=\"{}\">", lang.code())));
        }
        assert!(render(Lang::Fr).contains("Contrôle d'un lot SCOR"));
        assert!(render(Lang::En).contains("Check a SCOR lot"));
    }
}

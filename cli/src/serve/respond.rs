//! What the service answers: a report in the format asked for (`?format=`, else `Accept`; JSON by
//! default) with the status of its verdict, or a problem (400, 404, 408, 413, 503) as JSON.

use axum::http::header::{ACCEPT, ACCEPT_LANGUAGE, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use scor_conformance::{Run, Verdict};
use scor_locale::{Lang, Text, text};
use scor_reports::{Format, Options};

/// Header naming the verdict of a report: `conformant`, `not-conformant` or `not-fully-evaluated`.
pub const VERDICT_HEADER: &str = "x-scor-verdict";

tokio::task_local! {
    /// The language of the request being answered (`?lang=`, else `Accept-Language`, else the service's).
    pub static LANG: Lang;
}

/// The language of the request being answered; French outside a request.
pub fn lang() -> Lang {
    LANG.try_with(|lang| *lang).unwrap_or_default()
}

/// The language a request asks for: `?lang=fr|en`, else the first of `Accept-Language` we speak.
pub fn requested_lang(query: Option<&str>, headers: &HeaderMap) -> Option<Lang> {
    let from_query = query.and_then(|query| {
        query.split('&').find_map(|pair| pair.strip_prefix("lang=")).and_then(|code| code.parse().ok())
    });
    let accept = || headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language);
    from_query.or_else(accept)
}

/// A request the service does not check, and why.
#[derive(Debug)]
pub struct Problem {
    pub status: StatusCode,
    pub message: Text,
}

impl Problem {
    pub fn bad_request(message: Text) -> Self {
        Self { status: StatusCode::BAD_REQUEST, message }
    }

    pub fn not_found(message: Text) -> Self {
        Self { status: StatusCode::NOT_FOUND, message }
    }

    pub fn too_large(max: u64) -> Self {
        Self { status: StatusCode::PAYLOAD_TOO_LARGE, message: text!("service-too-large", max = max) }
    }

    pub fn slow() -> Self {
        Self { status: StatusCode::REQUEST_TIMEOUT, message: text!("service-slow") }
    }

    pub fn busy(message: Text) -> Self {
        Self { status: StatusCode::SERVICE_UNAVAILABLE, message }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let error = self.message.render(lang());
        let body = serde_json::json!({ "status": self.status.as_u16(), "error": error });
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// The format of `?format=` when given, else the first of `Accept` the service renders, else JSON.
pub fn format(query: Option<&str>, headers: &HeaderMap) -> Result<Format, Problem> {
    if let Some(name) = query {
        return name.parse().map_err(|_| Problem::bad_request(text!("service-unknown-format", name = name)));
    }
    let accept = headers.get(ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let formats = accept.split(',').filter_map(|item| media_format(item.split(';').next()?.trim()));
    Ok(formats.into_iter().next().unwrap_or(Format::Json))
}

fn media_format(media: &str) -> Option<Format> {
    match media.to_ascii_lowercase().as_str() {
        "application/json" => Some(Format::Json),
        "application/sarif+json" => Some(Format::Sarif),
        "application/junit+xml" | "application/xml" | "text/xml" => Some(Format::Junit),
        "text/html" => Some(Format::Html),
        "text/plain" => Some(Format::Text),
        _ => None,
    }
}

/// The media type a report of `format` is sent as.
pub fn media_type(format: Format) -> &'static str {
    match format {
        Format::Json => "application/json",
        Format::Sarif => "application/sarif+json",
        Format::Junit => "application/xml",
        Format::Html => "text/html; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    }
}

/// The status of a verdict: 200 conformant or not fully evaluated (said in the body), 422 not conformant.
pub fn status(verdict: Verdict) -> StatusCode {
    match verdict {
        Verdict::NotConformant => StatusCode::UNPROCESSABLE_ENTITY,
        Verdict::Conformant | Verdict::NotFullyEvaluated => StatusCode::OK,
    }
}

/// The report of `run` in `format`, with its verdict as status and header.
pub fn report(run: &Run, format: Format, lang: Lang) -> Response {
    let verdict = crate::conform::run_verdict(&run.lots);
    let body = scor_reports::render(run, format, &Options { color: false, lang });
    let mut response = (status(verdict), body).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(media_type(format)));
    headers.insert(VERDICT_HEADER, HeaderValue::from_static(verdict.as_str()));
    response
}

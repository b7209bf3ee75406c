//! The router of `scor serve`, from the table of endpoints, and the handlers: each request admitted,
//! read within the limits, checked on a worker, answered.

use super::endpoints::ENDPOINTS;
use super::input::{self, LotInput};
use super::respond::{self, Problem};
use super::service::Service;
use super::{catalog, openapi, page};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use axum::{Json, Router};
use scor_conformance::{Config, Run, Tool};
use scor_locale::text;
use scor_reports::Format;
use std::sync::Arc;
use tokio::time::Instant;

type Shared = Arc<Service>;

/// The handler of each endpoint of [`ENDPOINTS`].
fn handler(path: &str) -> MethodRouter<Shared> {
    match path {
        "/v1/lots" => post(lots),
        "/v1/pj" => post(pj),
        "/v1/arl" => post(arl),
        "/v1/dictionary/{version}" => get(dictionary),
        "/v1/rules/{id}" => get(rule),
        "/health" => get(health),
        "/v1/openapi.json" => get(|| async { ([("content-type", "application/json")], openapi::document_text()) }),
        "/" => get(page::page),
        _ => unreachable!("every endpoint of ENDPOINTS has a handler"),
    }
}

/// The router of every endpoint, with a log line per request (method, path, status, time; nothing of
/// the body).
pub fn router(service: Shared) -> Router {
    let mut router = Router::new();
    for endpoint in ENDPOINTS {
        router = router.route(endpoint.path, handler(endpoint.path));
    }
    router
        .fallback(|| async { Problem::not_found(text!("service-no-endpoint")) })
        .layer(axum::middleware::from_fn_with_state(service.clone(), language))
        .layer(axum::middleware::from_fn(log))
        .with_state(service)
}

/// Answers the request in its language: `?lang=`, else `Accept-Language`, else the service's.
async fn language(State(service): State<Shared>, request: Request, next: axum::middleware::Next) -> Response {
    let lang = respond::requested_lang(request.uri().query(), request.headers()).unwrap_or(service.lang);
    respond::LANG.scope(lang, next.run(request)).await
}

async fn log(request: Request, next: axum::middleware::Next) -> Response {
    let (method, path, start) = (request.method().clone(), request.uri().path().to_owned(), Instant::now());
    let response = next.run(request).await;
    eprintln!("{method} {path} {} {}ms", response.status().as_u16(), start.elapsed().as_millis());
    response
}

#[derive(Debug, serde::Deserialize)]
struct Params {
    format: Option<String>,
    spec: Option<String>,
}

/// The configuration of one check: the service's, dated now, with page thumbnails only for a report
/// that shows the pages.
fn config(service: &Config, format: Format) -> Config {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    Config {
        issued_at: i64::try_from(now.as_secs()).unwrap_or(i64::MAX),
        thumbnails: service.thumbnails && format.shows_pages(),
        ..service.clone()
    }
}

/// Runs `check` on a worker within the request's deadline; 503 when it cannot.
async fn checked<T: Send + 'static>(
    service: &Service,
    deadline: Instant,
    format: Format,
    check: impl FnOnce(Config) -> T + Send + 'static,
) -> Result<T, Problem> {
    let config = config(&service.config, format);
    service.gate.run(deadline, move || check(config)).await.map_err(|refusal| match refusal {
        super::gate::Refusal::QueueTimeout => Problem::busy(text!("service-queue-timeout")),
        super::gate::Refusal::CheckTimeout => Problem::busy(text!("service-check-timeout")),
        super::gate::Refusal::Failed => Problem::busy(text!("service-check-failed")),
    })
}

async fn lots(State(service): State<Shared>, Query(params): Query<Params>, request: Request) -> Response {
    let result = async {
        let format = respond::format(params.format.as_deref(), request.headers())?;
        let _ticket = service.gate.admit().ok_or_else(|| Problem::busy(text!("service-busy")))?;
        let deadline = Instant::now() + service.time_limit;
        let lot = input::lot(request, service.max_body_bytes, deadline).await?;
        let run = checked(&service, deadline, format, move |config| check_lot(lot, &config)).await?;
        Ok::<_, Problem>(respond::report(&run, format, respond::lang()))
    };
    result.await.unwrap_or_else(IntoResponse::into_response)
}

fn check_lot(lot: LotInput, config: &Config) -> Run {
    let checked = match lot {
        LotInput::Eml { name, bytes } => scor_conformance::check_eml(name, &bytes, config),
        LotInput::Tar { name, bytes } => scor_conformance::check_tar(name, &bytes, config),
        LotInput::Files(files) => {
            let files = scor_lot::files::from_files(files);
            scor_conformance::check_files_in_memory("lot".to_owned(), &files, config)
        }
    };
    Run { tool: Tool::SCOR_KIT, dictionary: config.dictionary, lots: vec![checked.outcome], advisor: None }
}

async fn pj(State(service): State<Shared>, Query(params): Query<Params>, request: Request) -> Response {
    let result = async {
        let format = respond::format(params.format.as_deref(), request.headers())?;
        let _ticket = service.gate.admit().ok_or_else(|| Problem::busy(text!("service-busy")))?;
        let deadline = Instant::now() + service.time_limit;
        let (name, pdf) = input::pdf(request, service.max_body_bytes, deadline).await?;
        let run = checked(&service, deadline, format, move |config| crate::pj::check_pdf(name, &pdf, &config)).await?;
        Ok::<_, Problem>(respond::report(&run, format, respond::lang()))
    };
    result.await.unwrap_or_else(IntoResponse::into_response)
}

async fn arl(State(service): State<Shared>, request: Request) -> Response {
    let result = async {
        let _ticket = service.gate.admit().ok_or_else(|| Problem::busy(text!("service-busy")))?;
        let deadline = Instant::now() + service.time_limit;
        let input = input::arl(request, service.max_body_bytes, deadline).await?;
        let analyzed = checked(&service, deadline, Format::Json, move |config| analyze_return(input, &config)).await?;
        let analyzed =
            analyzed.map_err(|error| Problem::busy(text!("service-return-failed", detail = error.to_string())))?;
        let status = match analyzed.analysis.classification {
            scor_answering::Classification::Unreadable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::OK,
        };
        Ok::<_, Problem>((status, Json(analyzed)).into_response())
    };
    result.await.unwrap_or_else(IntoResponse::into_response)
}

fn analyze_return(
    input: LotInput,
    config: &Config,
) -> Result<scor_answering::AnalyzedReturn, scor_answering::HistoryError> {
    let dictionary = config.dictionary;
    let received = match input {
        LotInput::Eml { name, bytes } => scor_answering::read_eml(dictionary, name, &bytes),
        LotInput::Tar { name, bytes } => {
            let limits = scor_answering::input::read_limits(dictionary);
            let read = scor_lot::files::read_tar(&bytes, &limits);
            let files = read.files.into_iter().map(|file| (file.name, file.bytes)).collect();
            scor_answering::read_files(dictionary, name, files)
        }
        LotInput::Files(files) => scor_answering::read_files(dictionary, "return".to_owned(), files),
    };
    scor_answering::analyze(&received, None, config.issued_at)
}

async fn dictionary(Path(version): Path<String>) -> Response {
    match catalog::version(&version) {
        Some(dictionary) => Json(catalog::dictionary(dictionary)).into_response(),
        None => Problem::not_found(text!("service-no-version", version = version)).into_response(),
    }
}

async fn rule(State(service): State<Shared>, Path(id): Path<String>, Query(params): Query<Params>) -> Response {
    let dictionary = match params.spec.as_deref() {
        None => Some(service.config.dictionary),
        Some(version) => catalog::version(version),
    };
    let Some(dictionary) = dictionary else {
        return Problem::not_found(text!("service-no-version", version = params.spec.unwrap_or_default()))
            .into_response();
    };
    match dictionary.rules.iter().find(|rule| rule.id.eq_ignore_ascii_case(&id)) {
        Some(rule) => Json(catalog::rule(rule)).into_response(),
        None => Problem::not_found(text!("service-no-rule", id = id, version = dictionary.version)).into_response(),
    }
}

async fn health(State(service): State<Shared>) -> Json<serde_json::Value> {
    let versions: Vec<&str> = scor_dictionary::DICTIONARIES.iter().map(|d| d.version).collect();
    Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "dictionary": service.config.dictionary.version,
        "dictionaries": versions,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbnails_only_for_an_html_report_of_a_service_that_shows_patient_data() {
        for reveal_patient_data in [false, true] {
            let options = crate::conform::Options { reveal_patient_data, ..Default::default() };
            let service = crate::conform::config(&options).unwrap();
            for &format in Format::ALL {
                let expected = reveal_patient_data && format == Format::Html;
                assert_eq!(config(&service, format).thumbnails, expected, "{format:?}, reveal {reveal_patient_data}");
            }
        }
    }
}

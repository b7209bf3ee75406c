//! The endpoints of `scor serve`, in one table that builds the router and the OpenAPI document, and
//! their handlers: each admitted, read within the limits, checked on a worker, answered.

use super::input::{self, LotInput};
use super::respond::{self, Problem};
use super::{Service, catalog, openapi, page};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use axum::{Json, Router};
use scor_conformance::{Config, Run, Tool};
use std::sync::Arc;
use tokio::time::Instant;

type Shared = Arc<Service>;

/// One endpoint: what the OpenAPI document says of it, and its handler.
#[derive(Debug)]
pub struct Endpoint {
    pub method: &'static str,
    pub path: &'static str,
    pub summary: &'static str,
    /// Media types of the request body (none for GET).
    pub accepts: &'static [&'static str],
    /// Statuses it answers with, and when.
    pub statuses: &'static [(u16, &'static str)],
    /// Media types of the successful answer.
    pub produces: &'static [&'static str],
}

const REPORTS: &[&str] = &["application/json", "application/sarif+json", "application/xml", "text/html", "text/plain"];
const CHECKED: &[(u16, &str)] = &[
    (200, "conformant, or not fully evaluated (the verdict is in the body and in X-Scor-Verdict)"),
    (400, "unreadable request: media type, empty body, malformed multipart, unknown format"),
    (408, "the body did not arrive within the time limit"),
    (413, "the body is larger than the dictionary's message_max_bytes"),
    (422, "not conformant (the report lists every finding)"),
    (503, "every worker busy and the queue full, or the time limit passed while waiting or checking"),
];
const LOT_TYPES: &[&str] = &["message/rfc822", "application/x-tar", "multipart/form-data"];

/// Every endpoint, in the order the OpenAPI document lists them.
pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: "post",
        path: "/v1/lots",
        summary: "Check a lot (an .eml, a tar archive, or the files of a lot folder) and predict its ARL",
        accepts: LOT_TYPES,
        statuses: CHECKED,
        produces: REPORTS,
    },
    Endpoint {
        method: "post",
        path: "/v1/pj",
        summary: "Check one PDF as a PJ: size, PDF/A-1b clause by clause, scan quality",
        accepts: &["application/pdf", "multipart/form-data"],
        statuses: CHECKED,
        produces: REPORTS,
    },
    Endpoint {
        method: "post",
        path: "/v1/arl",
        summary: "Classify a return (ARL or service message): accepted, rejected (header, dossiers) or unreadable",
        accepts: LOT_TYPES,
        statuses: &[
            (200, "the return was read and classified"),
            (400, "unreadable request"),
            (408, "the body did not arrive within the time limit"),
            (413, "the body is larger than the dictionary's message_max_bytes"),
            (422, "the return is unreadable as an ARL or service message"),
            (503, "busy, or the time limit passed"),
        ],
        produces: &["application/json"],
    },
    Endpoint {
        method: "get",
        path: "/v1/dictionary/{version}",
        summary: "A dictionary version compiled in (or `latest`): messages, limits, code lists, rules",
        accepts: &[],
        statuses: &[(200, "the dictionary"), (404, "no such version")],
        produces: &["application/json"],
    },
    Endpoint {
        method: "get",
        path: "/v1/rules/{id}",
        summary: "One rule of the dictionary (`?spec=` a version, default the one served)",
        accepts: &[],
        statuses: &[(200, "the rule"), (404, "no such rule or version")],
        produces: &["application/json"],
    },
    Endpoint {
        method: "get",
        path: "/health",
        summary: "The service is up: its version and dictionary versions",
        accepts: &[],
        statuses: &[(200, "up")],
        produces: &["application/json"],
    },
    Endpoint {
        method: "get",
        path: "/v1/openapi.json",
        summary: "This document",
        accepts: &[],
        statuses: &[(200, "the OpenAPI document")],
        produces: &["application/json"],
    },
    Endpoint {
        method: "get",
        path: "/",
        summary: "A page to drop a lot folder's files, an .eml or a PDF and read the report (French; ?lang=en)",
        accepts: &[],
        statuses: &[(200, "the page")],
        produces: &["text/html"],
    },
];

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
        .fallback(|| async { Problem::not_found("no such endpoint; see /v1/openapi.json".to_owned()) })
        .layer(axum::middleware::from_fn(log))
        .with_state(service)
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

/// The configuration of one check: the service's, dated now.
fn config(service: &Service) -> Config {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    Config { issued_at: i64::try_from(now.as_secs()).unwrap_or(i64::MAX), ..service.config.clone() }
}

/// Runs `check` on a worker within the request's deadline; 503 when it cannot.
async fn checked<T: Send + 'static>(
    service: &Service,
    deadline: Instant,
    check: impl FnOnce(Config) -> T + Send + 'static,
) -> Result<T, Problem> {
    let config = config(service);
    service.gate.run(deadline, move || check(config)).await.map_err(|refusal| match refusal {
        super::gate::Refusal::QueueTimeout => Problem::busy("no worker became free within the time limit"),
        super::gate::Refusal::CheckTimeout => Problem::busy("the check did not finish within the time limit"),
        super::gate::Refusal::Failed => Problem::busy("the check failed"),
    })
}

async fn lots(State(service): State<Shared>, Query(params): Query<Params>, request: Request) -> Response {
    let result = async {
        let format = respond::format(params.format.as_deref(), request.headers())?;
        let _ticket =
            service.gate.admit().ok_or_else(|| Problem::busy("every worker is busy and the queue is full"))?;
        let deadline = Instant::now() + service.time_limit;
        let lot = input::lot(request, service.max_body_bytes, deadline).await?;
        let run = checked(&service, deadline, move |config| check_lot(lot, &config)).await?;
        Ok::<_, Problem>(respond::report(&run, format))
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
    Run { tool: Tool::SCOR_KIT, dictionary: config.dictionary, lots: vec![checked.outcome] }
}

async fn pj(State(service): State<Shared>, Query(params): Query<Params>, request: Request) -> Response {
    let result = async {
        let format = respond::format(params.format.as_deref(), request.headers())?;
        let _ticket =
            service.gate.admit().ok_or_else(|| Problem::busy("every worker is busy and the queue is full"))?;
        let deadline = Instant::now() + service.time_limit;
        let (name, pdf) = input::pdf(request, service.max_body_bytes, deadline).await?;
        let run = checked(&service, deadline, move |config| crate::pdfa::check_pdf(name, &pdf, &config)).await?;
        Ok::<_, Problem>(respond::report(&run, format))
    };
    result.await.unwrap_or_else(IntoResponse::into_response)
}

async fn arl(State(service): State<Shared>, request: Request) -> Response {
    let result = async {
        let _ticket =
            service.gate.admit().ok_or_else(|| Problem::busy("every worker is busy and the queue is full"))?;
        let deadline = Instant::now() + service.time_limit;
        let input = input::arl(request, service.max_body_bytes, deadline).await?;
        let analyzed = checked(&service, deadline, move |config| analyze_return(input, &config)).await?;
        let analyzed =
            analyzed.map_err(|error| Problem::busy(&format!("the return could not be analysed: {error}")))?;
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
        None => Problem::not_found(format!("no dictionary version {version}")).into_response(),
    }
}

async fn rule(State(service): State<Shared>, Path(id): Path<String>, Query(params): Query<Params>) -> Response {
    let dictionary = match params.spec.as_deref() {
        None => Some(service.config.dictionary),
        Some(version) => catalog::version(version),
    };
    let Some(dictionary) = dictionary else {
        return Problem::not_found(format!("no dictionary version {}", params.spec.unwrap_or_default()))
            .into_response();
    };
    match dictionary.rules.iter().find(|rule| rule.id.eq_ignore_ascii_case(&id)) {
        Some(rule) => Json(catalog::rule(rule)).into_response(),
        None => Problem::not_found(format!("no rule {id} in dictionary {}", dictionary.version)).into_response(),
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

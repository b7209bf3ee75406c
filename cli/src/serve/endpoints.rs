//! The endpoints of `scor serve` in one table: the router (`routes`) gives each its handler, the
//! OpenAPI document (`openapi`) is written from it, so the two cannot disagree.

/// One endpoint: what the OpenAPI document says of it (its handler is in `routes`).
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

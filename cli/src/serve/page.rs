//! `GET /`: one self-contained page (no script, style or font from elsewhere) where billing staff drop a
//! lot folder's files, an `.eml` or one PDF and read the report in place. French; English with `?lang=en`.

use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::response::IntoResponse;

/// The page, with its script and style inline.
pub const PAGE: &str = include_str!("page/index.html");

/// Nothing may load from elsewhere; the report is shown in a sandboxed frame from `srcdoc`.
const POLICY: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
img-src 'self' data: blob:; connect-src 'self'; frame-src 'self' about: data:; form-action 'self'";

pub async fn page() -> impl IntoResponse {
    ([(CONTENT_TYPE, "text/html; charset=utf-8"), (CONTENT_SECURITY_POLICY, POLICY)], PAGE)
}

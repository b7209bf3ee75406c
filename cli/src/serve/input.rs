//! A request body read within the limits (size: 413, time: 408), then taken as what the endpoint
//! checks: a lot (`.eml`, tar, or multipart files), one PDF, or a return. Anything else is a 400.

use super::respond::Problem;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use scor_locale::{Text, text};
use tokio::time::Instant;

/// A lot as the request gave it.
#[derive(Debug)]
pub enum LotInput {
    /// An SMTP message.
    Eml { name: String, bytes: Bytes },
    /// A tar archive.
    Tar { name: String, bytes: Bytes },
    /// The files of a lot folder.
    Files(Vec<(String, Vec<u8>)>),
}

/// The kind of body, from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Eml,
    Tar,
    Pdf,
    Multipart,
}

fn kind(request: &Request) -> Option<Kind> {
    let value = request.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    let mime = value.split(';').next()?.trim().to_ascii_lowercase();
    match mime.as_str() {
        "message/rfc822" => Some(Kind::Eml),
        "application/x-tar" | "application/tar" => Some(Kind::Tar),
        "application/pdf" => Some(Kind::Pdf),
        "multipart/form-data" => Some(Kind::Multipart),
        _ => None,
    }
}

/// The whole body, refused with 413 past `max` bytes (announced or sent) and 408 past `deadline`.
async fn body(request: Request, max: u64, deadline: Instant) -> Result<(axum::http::request::Parts, Bytes), Problem> {
    let announced = request.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if announced.is_some_and(|length| length > max) {
        return Err(Problem::too_large(max));
    }
    let (parts, body) = request.into_parts();
    let limit = usize::try_from(max).unwrap_or(usize::MAX);
    match tokio::time::timeout_at(deadline, axum::body::to_bytes(body, limit)).await {
        Err(_) => Err(Problem::slow()),
        Ok(Err(error)) if is_length_limit(&error) => Err(Problem::too_large(max)),
        Ok(Err(error)) => Err(Problem::bad_request(text!("service-body-unreadable", detail = error.to_string()))),
        Ok(Ok(bytes)) => Ok((parts, bytes)),
    }
}

fn is_length_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = source {
        if error.to_string().contains("length limit exceeded") {
            return true;
        }
        source = error.source();
    }
    false
}

/// The files of a `multipart/form-data` body already read: every part with a file name, named by the
/// last component of that name (a folder upload sends `lot/E-….xml`).
async fn files(parts: axum::http::request::Parts, bytes: Bytes) -> Result<Vec<(String, Bytes)>, Problem> {
    let request = Request::from_parts(parts, Body::from(bytes));
    let mut multipart = Multipart::from_request(request, &()).await.map_err(|e| Problem::bad_request(malformed(&e)))?;
    let mut files = Vec::new();
    loop {
        let field = multipart.next_field().await.map_err(|e| Problem::bad_request(malformed(&e)))?;
        let Some(field) = field else { break };
        let Some(name) = field.file_name().map(file_name) else { continue };
        let bytes = field.bytes().await.map_err(|e| Problem::bad_request(malformed(&e)))?;
        files.push((name, bytes));
    }
    if files.is_empty() {
        return Err(Problem::bad_request(text!("service-multipart-no-file")));
    }
    Ok(files)
}

fn file_name(name: &str) -> String {
    name.rsplit(['/', '\\']).next().unwrap_or(name).to_owned()
}

fn has_extension(name: &str, extension: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, e)| e.eq_ignore_ascii_case(extension))
}

/// What a malformed multipart body gives.
fn malformed(error: &impl std::fmt::Display) -> Text {
    text!("service-multipart", detail = error.to_string())
}

/// A lot: an `.eml`, a tar archive, or the files of a folder (one `.eml` or `.tar` file alone is read
/// as that message or archive).
pub async fn lot(request: Request, max: u64, deadline: Instant) -> Result<LotInput, Problem> {
    let kind = kind(&request).ok_or_else(|| Problem::bad_request(text!("service-lot-types")))?;
    let (parts, bytes) = body(request, max, deadline).await?;
    if bytes.is_empty() {
        return Err(Problem::bad_request(text!("service-empty-body", types = text!("service-lot-types"))));
    }
    match kind {
        Kind::Eml => Ok(LotInput::Eml { name: "lot.eml".to_owned(), bytes }),
        Kind::Tar => Ok(LotInput::Tar { name: "lot.tar".to_owned(), bytes }),
        Kind::Pdf => Err(Problem::bad_request(text!("service-pdf-to-pj", types = text!("service-lot-types")))),
        Kind::Multipart => {
            let mut files = files(parts, bytes).await?;
            match files.as_slice() {
                [(name, _)] if has_extension(name, "eml") => {
                    let (name, bytes) = files.remove(0);
                    Ok(LotInput::Eml { name, bytes })
                }
                [(name, _)] if has_extension(name, "tar") => {
                    let (name, bytes) = files.remove(0);
                    Ok(LotInput::Tar { name, bytes })
                }
                _ => Ok(LotInput::Files(files.into_iter().map(|(name, bytes)| (name, bytes.to_vec())).collect())),
            }
        }
    }
}

/// One PDF: `application/pdf`, or one file of a multipart body.
pub async fn pdf(request: Request, max: u64, deadline: Instant) -> Result<(String, Bytes), Problem> {
    let types = || Problem::bad_request(text!("service-pdf-types"));
    let kind = kind(&request).ok_or_else(types)?;
    let (parts, bytes) = body(request, max, deadline).await?;
    match kind {
        Kind::Pdf if !bytes.is_empty() => Ok(("document.pdf".to_owned(), bytes)),
        Kind::Multipart => match <[_; 1]>::try_from(files(parts, bytes).await?) {
            Ok([file]) => Ok(file),
            Err(_) => Err(types()),
        },
        _ => Err(types()),
    }
}

/// A return (ARL or service message): `.eml`, a tar archive, or its files.
pub async fn arl(request: Request, max: u64, deadline: Instant) -> Result<LotInput, Problem> {
    lot(request, max, deadline).await
}

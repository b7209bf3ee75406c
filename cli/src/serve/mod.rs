//! `scor serve`: the checks over HTTP (axum on tokio). Stateless: a request carries a lot, a PDF or a
//! return and gets its report; nothing is written to disk, keys come from the command line only.
//!
//! - [`endpoints`]: the table of endpoints the router and the OpenAPI document are built from.
//! - [`routes`]: the router and the handlers.
//! - [`service`]: what every request shares: the check configuration, the gate and the limits.
//! - [`gate`]: bounded concurrency (a queue, then 503) and the per-request time limit.
//! - [`input`]: a request body read within the limits, as a lot, a PDF or a return.
//! - [`respond`]: the report in the format asked for, with the status of its verdict.
//! - [`catalog`]: the dictionary and its rules as JSON; [`openapi`]: the OpenAPI document; [`page`]: `/`.

pub mod catalog;
pub mod endpoints;
pub mod gate;
pub mod input;
pub mod openapi;
pub mod page;
pub mod respond;
pub mod routes;
pub mod service;

use crate::error::TaskError;
pub use service::{Args, Service};
use std::sync::Arc;

/// Runs the service until interrupted.
pub fn run(args: &Args) -> Result<(), TaskError> {
    if !args.listen.ip().is_loopback() && !args.allow_remote {
        return Err(format!("{} is not a loopback address: add --allow-remote to listen on it", args.listen).into());
    }
    let service = Arc::new(Service::new(args)?);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen).await.map_err(TaskError::about(args.listen))?;
        let address = listener.local_addr()?;
        println!("scor serve: listening on http://{address}/ (dictionary {})", service.config.dictionary.version);
        if service.config.reveal_patient_data {
            println!("scor serve: patient data is shown in reports (--reveal-patient-data)");
        }
        axum::serve(listener, routes::router(service)).with_graceful_shutdown(interrupted()).await?;
        Ok(())
    })
}

async fn interrupted() {
    let _ = tokio::signal::ctrl_c().await;
}

//! `scor serve` called by clients not written here: curl for each endpoint and status, and Python's
//! requests and httpx (`tests/clients/http_clients.py`) for every status, oversize and malformed
//! bodies, a slow client and 200 concurrent requests.

mod common;

use common::{Server, root};
use std::process::Command;

/// `curl` on `url` with `args`: (status, body).
fn curl(args: &[&str], url: &str) -> (u16, String) {
    let Some(curl) = scor_test_tools::require_tool("curl") else { return (0, String::new()) };
    let output = Command::new(curl)
        .args(["--silent", "--show-error", "--write-out", "\n%{http_code}"])
        .args(args)
        .arg(url)
        .output()
        .expect("curl runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let (body, status) = text.rsplit_once('\n').expect("curl writes the status last");
    (status.parse().expect("a status"), body.to_owned())
}

#[test]
fn curl_gets_every_endpoint_and_status() {
    if scor_test_tools::require_tool("curl").is_none() {
        return;
    }
    let server = Server::start(&[]);
    let url = &server.url;
    let example = root().join("examples/lot.eml");
    let eml = format!("@{}", example.display());
    let (status, body) = curl(&[], &format!("{url}/health"));
    assert_eq!(status, 200, "{body}");
    let (status, body) =
        curl(&["-H", "Content-Type: message/rfc822", "--data-binary", &eml], &format!("{url}/v1/lots"));
    assert_eq!(status, 200, "{body}");
    let report: serde_json::Value = serde_json::from_str(&body).expect("a JSON report");
    // Not fully evaluated: without a history of lots, its EXTERNE reference cannot be looked up.
    assert_eq!(report["lots"][0]["verdict"], "not-fully-evaluated", "{body}");
    let dir = tempfile::tempdir().unwrap();
    let rejected = common::rejected_lot(dir.path());
    let mut form = Vec::new();
    for entry in std::fs::read_dir(&rejected).unwrap() {
        form.push("-F".to_owned());
        form.push(format!("files=@{}", entry.unwrap().path().display()));
    }
    let form: Vec<&str> = form.iter().map(String::as_str).collect();
    let (status, body) = curl(&form, &format!("{url}/v1/lots?format=sarif"));
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("FIELD-SPECIALITE"), "{body}");
    let (status, _) = curl(&["-H", "Content-Type: text/plain", "--data-binary", "x"], &format!("{url}/v1/lots"));
    assert_eq!(status, 400);
    let pdf = format!("@{}", root().join("fuzz/seeds/pdfa/P-001-001.pdf").display());
    let (status, body) = curl(&["-H", "Content-Type: application/pdf", "--data-binary", &pdf], &format!("{url}/v1/pj"));
    assert!(status == 200 || status == 422, "{status} {body}");
    let vector = format!("@{}", root().join("generated/vectors/2.14/arl/0000-accepted.eml").display());
    let (status, body) =
        curl(&["-H", "Content-Type: message/rfc822", "--data-binary", &vector], &format!("{url}/v1/arl"));
    assert_eq!(status, 200, "{body}");
    assert_eq!(curl(&[], &format!("{url}/v1/dictionary/latest")).0, 200);
    assert_eq!(curl(&[], &format!("{url}/v1/dictionary/0.0")).0, 404);
    assert_eq!(curl(&[], &format!("{url}/v1/rules/FIELD-SPECIALITE")).0, 200);
    let (status, served) = curl(&[], &format!("{url}/v1/openapi.json"));
    assert_eq!(status, 200);
    let committed = std::fs::read_to_string(root().join("cli/openapi.json")).unwrap();
    assert_eq!(
        served, committed,
        "cli/openapi.json is stale: run `cargo run -p scor-kit -- openapi > cli/openapi.json`"
    );
    let (status, page) = curl(&[], &format!("{url}/"));
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"fr\">"), "French by default");
    let (_, page) = curl(&["-H", "Accept-Language: en-GB,en;q=0.9,fr;q=0.5"], &format!("{url}/"));
    assert!(page.contains("<html lang=\"en\">") && page.contains("Check a SCOR lot"), "English for an English browser");
    let (status, problem) = curl(&["-H", "Accept-Language: en"], &format!("{url}/v1/dictionary/0.0?lang=fr"));
    assert_eq!(status, 404);
    assert!(problem.contains("aucune version 0.0 du dictionnaire"), "?lang= wins over Accept-Language: {problem}");
    // 413 from the announced length, before any byte of the body is read.
    let big = dir.path().join("big.eml");
    std::fs::write(&big, vec![b'x'; 6_000_001]).unwrap();
    let big = format!("@{}", big.display());
    let (status, _) = curl(&["-H", "Content-Type: message/rfc822", "--data-binary", &big], &format!("{url}/v1/lots"));
    assert_eq!(status, 413);
}

#[test]
fn python_requests_and_httpx_get_every_status_and_bounded_resources() {
    for module in ["requests", "httpx"] {
        if scor_test_tools::require_python_module(module).is_none() {
            return;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let main = Server::start(&["--queue", "256"]);
    // Routed to an address whose public certificate only is known: checks not evaluated, no error.
    let certs = dir.path().join("certs");
    std::fs::create_dir(&certs).unwrap();
    std::fs::copy(root().join("test-pki/01.751@01.scor.rss.fr.cert.pem"), certs.join("01.021@01.scor.rss.fr.pem"))
        .unwrap();
    let nfe = Server::start(&["--certs", certs.to_str().unwrap()]);
    let nfe_lot = common::rejected_lot(dir.path());
    let nfe_lot = {
        let target = dir.path().join("other-route");
        std::fs::rename(&nfe_lot, &target).unwrap();
        let header = std::fs::read_dir(&target)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "xml"))
            .unwrap();
        let xml = std::fs::read_to_string(&header).unwrap();
        let xml = xml
            .replace("<CodeSpecialite>99<", "<CodeSpecialite>01<")
            .replace("<CodeOrganisme>751<", "<CodeOrganisme>021<")
            .replace(".01_751_0001.", ".01_021_0001.");
        std::fs::write(&header, xml).unwrap();
        target
    };
    let busy = Server::start(&["--workers", "1", "--queue", "2"]);
    let slow = Server::start(&["--time-limit", "2"]);
    let rejected = common::rejected_lot(dir.path());
    let config = serde_json::json!({
        "main": main.url, "main_pid": main.pid(), "nfe": nfe.url, "busy": busy.url, "slow": slow.url,
        "openapi": root().join("cli/openapi.json"),
        "example_eml": root().join("examples/lot.eml"),
        "example_lot": root().join("examples/lot"),
        "rejected_lot": rejected,
        "nfe_lot": nfe_lot,
        "pdf": root().join("fuzz/seeds/pdfa/P-001-001.pdf"),
        "arl_vectors": root().join("generated/vectors/2.14/arl"),
    });
    let path = dir.path().join("config.json");
    std::fs::write(&path, config.to_string()).unwrap();
    common::python("http_clients.py", &[path.to_str().unwrap()]);
}

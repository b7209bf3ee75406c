//! The page of `scor serve` in headless Chromium (chromedriver, Selenium): upload the example lot and a
//! rejected lot, read their verdicts and findings; screenshots in `target/tmp/serve-page/`.

mod common;

#[test]
fn the_page_shows_the_verdicts_and_findings_of_uploaded_lots() {
    for tool in ["chromium", "chromedriver"] {
        if scor_test_tools::require_tool(tool).is_none() {
            return;
        }
    }
    if scor_test_tools::require_python_module("selenium").is_none() {
        return;
    }
    let server = common::Server::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let rejected = common::rejected_lot(dir.path());
    let example = common::root().join("examples/lot");
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-page");
    common::python(
        "page_browser.py",
        &[&server.url, example.to_str().unwrap(), rejected.to_str().unwrap(), out.to_str().unwrap()],
    );
}

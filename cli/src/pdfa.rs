//! `scor pdfa FILE|FOLDER…` (and `cargo xtask pdfa`): PDF files checked against PDF/A-1b in parallel with
//! the checker `conform` uses, one verdict per file. Exit 0 all pass, 1 a fail, 2 usage or I/O, 3 not fully evaluated.

use crate::error::TaskError;
use clap::Args as ClapArgs;
use scor_locale::{Lang, Text, text};
use scor_pdfa::{Limits, Report};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// PDF files, or folders searched (recursively) for `.pdf` files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Report format: text, json or sarif.
    #[arg(long, short, default_value = "text")]
    format: PdfaFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Worker threads (default: the available cores).
    #[arg(long)]
    jobs: Option<usize>,
    #[command(flatten)]
    lang: crate::lang::LangArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfaFormat {
    Text,
    Json,
    Sarif,
}

/// A file's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    Pass,
    NotFullyEvaluated,
    Fail,
}

impl Verdict {
    fn of(report: &Report) -> Self {
        if !report.violations.is_empty() {
            Verdict::Fail
        } else if report.is_clean() {
            Verdict::Pass
        } else {
            Verdict::NotFullyEvaluated
        }
    }

    /// The verdict's value in JSON and SARIF: `pass`, `fail`, `not fully evaluated`.
    fn name(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::NotFullyEvaluated => "not fully evaluated",
        }
    }

    /// The verdict in words, for people.
    fn words(self) -> Text {
        match self {
            Verdict::Pass => text!("pdfa-cli-pass"),
            Verdict::Fail => text!("pdfa-cli-fail"),
            Verdict::NotFullyEvaluated => text!("pdfa-cli-not-fully-evaluated"),
        }
    }
}

/// One checked file.
struct Checked {
    path: PathBuf,
    report: Report,
}

/// Runs the command: 0 every file passes, 1 a file fails, 2 usage or I/O error, 3 a file not fully
/// evaluated and none failing.
pub fn run(args: &Args) -> ExitCode {
    match pdfa(args) {
        Ok(Verdict::Pass) => ExitCode::SUCCESS,
        Ok(Verdict::Fail) => ExitCode::from(1),
        Ok(Verdict::NotFullyEvaluated) => ExitCode::from(3),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn pdfa(args: &Args) -> Result<Verdict, TaskError> {
    let mut files = Vec::new();
    for path in &args.paths {
        collect(path, &mut files)?;
    }
    if files.is_empty() {
        return Err("no PDF file found in the given paths".into());
    }
    // Any PDF, not only a PJ: read up to the largest lot (no PJ can be larger), the PJ size being a SCOR
    // rule that `conform` and `scor pj` check, not a PDF/A clause.
    let dictionary = &scor_dictionary::applicable::DICTIONARY;
    let max_input_bytes = usize::try_from(dictionary.limit(scor_dictionary::Limit::LotMaxBytes)).unwrap_or(usize::MAX);
    let limits = scor_pdfa::Limits { max_input_bytes, ..scor_conformance::checks::pj::pdfa_limits(dictionary) };
    let lang = args.lang.resolve();
    let mut checked = check_all(&files, &limits, args.jobs)?;
    checked.iter_mut().for_each(|c| c.report.localize(lang));
    let verdict = checked.iter().map(|c| Verdict::of(&c.report)).max().unwrap_or(Verdict::Pass);
    let report = match args.format {
        PdfaFormat::Text => text(&checked, lang),
        PdfaFormat::Json => serde_json::to_string_pretty(&json_report(&checked, lang))? + "\n",
        PdfaFormat::Sarif => serde_json::to_string_pretty(&sarif(&checked, lang))? + "\n",
    };
    match &args.output {
        Some(path) => std::fs::write(path, report).map_err(TaskError::file(path))?,
        None => std::io::stdout().write_all(report.as_bytes())?,
    }
    Ok(verdict)
}

/// The PDF files of a path: the file itself, or the `.pdf` files under a folder, sorted.
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), TaskError> {
    let meta = std::fs::metadata(path).map_err(TaskError::file(path))?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(path).map_err(TaskError::file(path))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, out)?;
        } else if entry.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            out.push(entry);
        }
    }
    Ok(())
}

/// Checks every file on `jobs` threads; the reports come back in the files' order.
fn check_all(files: &[PathBuf], limits: &Limits, jobs: Option<usize>) -> Result<Vec<Checked>, TaskError> {
    let workers = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Report, TaskError>>>> = Mutex::new((0..files.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers.min(files.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let result = std::fs::read(path)
                        .map(|bytes| scor_pdfa::check(&bytes, limits))
                        .map_err(TaskError::file(path));
                    if let Ok(mut all) = results.lock() {
                        all[i] = Some(result);
                    }
                }
            });
        }
    });
    let results = results.into_inner().map_err(|_| TaskError::from("a worker thread failed".to_string()))?;
    files
        .iter()
        .zip(results)
        .map(|(path, r)| {
            let report = r.ok_or_else(|| TaskError::from(format!("{} was not checked", path.display())))??;
            Ok(Checked { path: path.clone(), report })
        })
        .collect()
}

fn where_(loc: &scor_pdfa::PdfLocation, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some((n, g)) = loc.object {
        parts.push(text!("pdfa-cli-object", object = format!("{n} {g} R")));
    }
    if let Some(p) = loc.page {
        parts.push(text!("place-page", page = p));
    }
    if let Some(o) = loc.byte_offset {
        parts.push(text!("pdfa-cli-offset", offset = o));
    }
    parts.iter().map(|part| part.render(lang)).collect::<Vec<_>>().join(", ")
}

/// Not-evaluated entries of a report: clause and reason (limit stops included), in `lang`.
fn not_evaluated(report: &Report, lang: Lang) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        report.not_evaluated.iter().map(|(c, r)| ((*c).to_string(), r.clone())).collect();
    for (clause, limit) in &report.not_evaluated_at_limit {
        let why = match report.stops.iter().find(|s| s.limit == *limit) {
            Some(stop) => text!("pdfa-cli-stopped-by", stop = stop.text.clone()),
            None => text!("pdfa-cli-stopped", limit = format!("{limit:?}")),
        };
        out.push(((*clause).to_string(), why.render(lang)));
    }
    out
}

fn text(checked: &[Checked], lang: Lang) -> String {
    let mut out = String::new();
    let mut counts = [0usize; 3];
    for c in checked {
        let verdict = Verdict::of(&c.report);
        counts[verdict as usize] += 1;
        out.push_str(&format!("{}: {}\n", c.path.display(), verdict.words().render(lang)));
        for v in &c.report.violations {
            let line = text!(
                "pdfa-cli-violation",
                clause = v.clause,
                test = v.test,
                place = where_(&v.location, lang),
                message = v.message.as_str()
            );
            out.push_str(&format!("  {}\n", line.render(lang)));
        }
        for (clause, why) in not_evaluated(&c.report, lang) {
            out.push_str(&format!(
                "  {}\n",
                text!("pdfa-cli-not-evaluated", clause = clause, reason = why).render(lang)
            ));
        }
    }
    let totals = text!(
        "pdfa-cli-totals",
        files = checked.len(),
        pass = counts[Verdict::Pass as usize],
        fail = counts[Verdict::Fail as usize],
        not_fully_evaluated = counts[Verdict::NotFullyEvaluated as usize]
    );
    out.push_str(&format!("{}\n", totals.render(lang)));
    out
}

fn location_json(loc: &scor_pdfa::PdfLocation) -> Value {
    json!({
        "object": loc.object.map(|(n, g)| format!("{n} {g} R")),
        "page": loc.page,
        "byteOffset": loc.byte_offset,
    })
}

fn json_report(checked: &[Checked], lang: Lang) -> Value {
    let files: Vec<Value> = checked
        .iter()
        .map(|c| {
            json!({
                "path": c.path.display().to_string(),
                "verdict": Verdict::of(&c.report).name(),
                "pages": c.report.pages,
                "violations": c.report.violations.iter().map(|v| json!({
                    "clause": v.clause,
                    "test": v.test,
                    "message": v.message,
                    "location": location_json(&v.location),
                })).collect::<Vec<_>>(),
                "notEvaluated": not_evaluated(&c.report, lang).into_iter()
                    .map(|(clause, reason)| json!({"clause": clause, "reason": reason}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "tool": "scor-kit", "version": env!("CARGO_PKG_VERSION"), "standard": "ISO 19005-1 PDF/A-1b", "lang": lang, "files": files })
}

/// A file path as a URI reference (spaces and other unsafe bytes percent-encoded).
fn uri(path: &Path) -> String {
    let mut out = String::new();
    for b in path.display().to_string().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn sarif(checked: &[Checked], lang: Lang) -> Value {
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for c in checked {
        let artifact = json!({ "uri": uri(&c.path) });
        for v in &c.report.violations {
            let mut physical = json!({ "artifactLocation": artifact });
            if let Some(o) = v.location.byte_offset {
                physical["region"] = json!({ "byteOffset": o });
            }
            physical["properties"] =
                json!({ "page": v.location.page, "object": v.location.object.map(|(n, g)| format!("{n} {g} R")) });
            results.push(json!({
                "ruleId": format!("{}-t{}", v.clause, v.test),
                "level": "error",
                "message": { "text": v.message },
                "locations": [{
                    "physicalLocation": physical,
                    "logicalLocations": [{ "fullyQualifiedName": v.clause, "name": v.clause, "kind": "clause" }],
                }],
            }));
        }
        let open = not_evaluated(&c.report, lang);
        for (clause, reason) in &open {
            let message = text!("pdfa-cli-not-evaluated", clause = clause.as_str(), reason = reason.as_str());
            results.push(json!({
                "kind": "open",
                "level": "none",
                "message": { "text": message.render(lang) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact } }],
                "properties": { "checks": [clause], "reason": reason },
            }));
        }
        if Verdict::of(&c.report) == Verdict::NotFullyEvaluated {
            notifications.push(json!({
                "level": "warning",
                "message": { "text": text!("sarif-lot-not-fully-evaluated", lot = c.path.display().to_string(), count = open.len()).render(lang) },
                "properties": { "file": c.path.display().to_string(), "verdict": "not fully evaluated" },
            }));
        }
    }
    json!({
        "$schema": "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "scor-kit pdfa", "version": env!("CARGO_PKG_VERSION"), "informationUri": env!("CARGO_PKG_REPOSITORY") } },
            "language": lang.code(),
            "invocations": [{ "executionSuccessful": true, "toolExecutionNotifications": notifications }],
            "results": results,
            "properties": { "files": checked.iter().map(|c| json!({ "path": c.path.display().to_string(), "verdict": Verdict::of(&c.report).name() })).collect::<Vec<_>>() },
        }],
    })
}

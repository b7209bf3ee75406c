//! `cargo xtask fuzz`: seed corpora and the XML dictionary of the fuzz targets in `fuzz/`, and runs of
//! `cargo +nightly fuzz` (one target or all) summarised as a table from libFuzzer's final stats.

use scor_conformance::panics::CaughtPanics;
use scor_conformance::{Config, Keys};
use scor_dictionary::latest::entscanordo::Entscanordo;
use scor_dictionary::schema::{Content, Node};
use scor_dictionary::{Limit, Message};
use scor_kit::TaskError;
use scor_lot::files::{LotFile, Origin};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::Instant;

/// The example route, whose test key opens the example lot.
const EXAMPLE_ROUTE: &str = "01.751@01.scor.rss.fr";

/// Targets given the XML token dictionary (`fuzz/dict/xml.dict`).
const XML_TARGETS: &[&str] = &["arl_xml", "entarl_xml", "entscanordo_xml", "scanordo_xml", "arl_message"];

/// Committed corpora a target also reads as seeds, besides `fuzz/seeds/<target>/`: the veraPDF
/// PDF/A-1b test suite (a passing and a failing file for each clause) for the PJ checker.
const CORPUS_SEEDS: &[(&str, &str)] = &[("pdfa", "pdfa/tests/corpus/verapdf-pdfa-1b")];

#[derive(clap::Args)]
pub struct Args {
    /// `seed` (write fuzz/seeds/ and fuzz/dict/), `list`, `all`, or a target of fuzz/Cargo.toml.
    what: String,
    /// How long each target runs.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Sanitizer of the build (`address`, the default, or `none`).
    #[arg(long, default_value = "address")]
    sanitizer: String,
    /// The build for volume: no sanitizer, no comparison tracing, no debug assertions (its own target
    /// folder). About twice the executions per CPU second of `--sanitizer none`; the AddressSanitizer
    /// build stays the one that finds memory errors.
    #[arg(long, conflicts_with = "sanitizer")]
    throughput: bool,
    /// More arguments for libFuzzer (after `--`).
    #[arg(last = true)]
    libfuzzer: Vec<String>,
}

impl Args {
    /// The build's name: its sanitizer, or `throughput`.
    fn build(&self) -> &str {
        if self.throughput { "throughput" } else { &self.sanitizer }
    }
}

/// Runs `cargo xtask fuzz <what>`.
pub fn run(root: &Path, args: &Args) -> ExitCode {
    let result = match args.what.as_str() {
        "seed" => seed(root).map(|()| ExitCode::SUCCESS),
        "list" => targets(root).map(|targets| {
            targets.iter().for_each(|t| println!("{t}"));
            ExitCode::SUCCESS
        }),
        "all" => targets(root).and_then(|targets| campaign(root, &targets, args)),
        target => campaign(root, &[target.to_owned()], args),
    };
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    })
}

/// The `[[bin]]` names of `fuzz/Cargo.toml`, in file order.
fn targets(root: &Path) -> Result<Vec<String>, TaskError> {
    let manifest = root.join("fuzz/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(TaskError::file(&manifest))?;
    let mut targets = Vec::new();
    let mut in_bin = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
        } else if in_bin && let Some(name) = line.strip_prefix("name = ") {
            targets.push(name.trim_matches('"').to_owned());
        }
    }
    Ok(targets)
}

/// What one run of one target did, from libFuzzer's output.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Stats {
    executions: u64,
    exec_per_sec: u64,
    corpus: u64,
    cov: u64,
    ft: u64,
    /// Crash, timeout, OOM and leak inputs written.
    artifacts: Vec<String>,
    /// The fuzzer stopped on a failure (exit status other than 0).
    failed: bool,
    /// Panics of the parsers the checks catch (not crashes), at least as many as the log's lines say.
    caught: CaughtPanics,
}

impl Stats {
    /// Folds one line of libFuzzer output in.
    fn line(&mut self, line: &str) {
        let number = |text: &str| text.trim().parse::<u64>().ok();
        if self.caught.read_line(line) {
            return;
        }
        if let Some(value) = line.strip_prefix("stat::number_of_executed_units:").and_then(number) {
            self.executions = value;
        } else if let Some(value) = line.strip_prefix("stat::average_exec_per_sec:").and_then(number) {
            self.exec_per_sec = value;
        } else if let Some(path) = line.split("Test unit written to ").nth(1) {
            self.artifacts.push(path.trim().to_owned());
        } else if line.starts_with('#') && line.contains(" cov: ") {
            let mut words = line.split_whitespace();
            while let Some(word) = words.next() {
                let value = words.clone().next().unwrap_or_default();
                match word {
                    "cov:" => self.cov = number(value).unwrap_or(self.cov),
                    "ft:" => self.ft = number(value).unwrap_or(self.ft),
                    "corp:" => self.corpus = value.split('/').next().and_then(number).unwrap_or(self.corpus),
                    _ => {}
                }
            }
            if let Some(at) = line.strip_prefix('#').and_then(|l| l.split_whitespace().next()).and_then(number) {
                self.executions = self.executions.max(at);
            }
        }
    }
}

/// Builds every target once, then runs each for `args.seconds` and prints the table.
fn campaign(root: &Path, targets: &[String], args: &Args) -> Result<ExitCode, TaskError> {
    let known = self::targets(root)?;
    if let Some(unknown) = targets.iter().find(|t| !known.contains(t)) {
        return Err(format!("no fuzz target {unknown}; targets: {}", known.join(", ")).into());
    }
    let started = Instant::now();
    let mut build = nightly_fuzz(root, "build", args);
    if let [target] = targets {
        build.arg(target);
    }
    let status = build.status().map_err(TaskError::about("cargo +nightly fuzz build"))?;
    if !status.success() {
        return Err(format!("cargo +nightly fuzz build failed ({status})").into());
    }
    println!("built {} target(s) in {:.0} s", targets.len(), started.elapsed().as_secs_f64());
    let mut rows = Vec::new();
    for target in targets {
        let stats = run_target(root, target, args)?;
        rows.push((target.clone(), stats));
    }
    print_table(&rows, args);
    let failed = rows.iter().any(|(_, s)| s.failed || !s.artifacts.is_empty());
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// `cargo +nightly fuzz <command>` from the repository root, with the sanitizer (and, for a build
/// without one, its own target directory so that the two builds do not evict each other). With
/// `SCOR_FUZZ_TARGET_DIR` set, builds go there (one folder per sanitizer), so that a CI machine can keep
/// them between fresh clones.
fn nightly_fuzz(root: &Path, command: &str, args: &Args) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root).args(["+nightly", "fuzz", command]);
    if args.throughput {
        cmd.args(["--sanitizer", "none", "--no-trace-compares", "--release"]);
    } else {
        cmd.args(["--sanitizer", &args.sanitizer]);
    }
    let build = args.build();
    if let Some(dir) = std::env::var_os("SCOR_FUZZ_TARGET_DIR") {
        cmd.arg("--target-dir").arg(Path::new(&dir).join(build));
    } else if build != "address" {
        cmd.arg("--target-dir").arg(root.join(format!("fuzz/target-{build}")));
    }
    // The nightly toolchain must not inherit the stable one `cargo xtask` runs under.
    cmd.env_remove("RUSTUP_TOOLCHAIN").env_remove("CARGO").env_remove("RUSTC");
    cmd
}

/// One run of `target`; libFuzzer's output goes to `fuzz/logs/<target>.log`.
fn run_target(root: &Path, target: &str, args: &Args) -> Result<Stats, TaskError> {
    let fuzz = root.join("fuzz");
    let corpus = fuzz.join("corpus").join(target);
    let seeds = fuzz.join("seeds").join(target);
    let logs = fuzz.join("logs");
    for dir in [&corpus, &seeds, &logs, &fuzz.join("artifacts").join(target)] {
        std::fs::create_dir_all(dir).map_err(TaskError::file(dir))?;
    }
    let mut cmd = nightly_fuzz(root, "run", args);
    cmd.arg(target).arg(&corpus).arg(&seeds);
    cmd.args(CORPUS_SEEDS.iter().filter(|(name, _)| *name == target).map(|(_, dir)| root.join(dir))).arg("--");
    cmd.arg(format!("-max_total_time={}", args.seconds)).args(["-print_final_stats=1", "-timeout=20"]);
    if XML_TARGETS.contains(&target) {
        cmd.arg(format!("-dict={}", fuzz.join("dict/xml.dict").display()));
    }
    cmd.args(&args.libfuzzer).stdout(Stdio::null()).stderr(Stdio::piped());
    println!("fuzzing {target} for {} s ({} build)", args.seconds, args.build());
    let log_path = logs.join(format!("{target}.log"));
    let mut log = std::fs::File::create(&log_path).map_err(TaskError::file(&log_path))?;
    let mut child = cmd.spawn().map_err(TaskError::about("cargo +nightly fuzz run"))?;
    let mut stats = Stats::default();
    let stderr = child.stderr.take().expect("stderr is piped");
    for line in BufReader::new(stderr).lines() {
        let line = line?;
        let _ = writeln!(log, "{line}");
        stats.line(&line);
    }
    let status = child.wait()?;
    stats.failed = !status.success();
    if stats.failed {
        eprintln!("{target}: the fuzzer stopped ({status}); see {}", log_path.display());
    }
    for artifact in &stats.artifacts {
        eprintln!("{target}: {artifact}");
    }
    Ok(stats)
}

fn print_table(rows: &[(String, Stats)], args: &Args) {
    println!();
    println!("| target | build | seconds | executions | exec/s | corpus | cov | ft | crashes | caught panics |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (target, s) in rows {
        let crashes = if s.failed { s.artifacts.len().max(1) } else { s.artifacts.len() };
        println!(
            "| {target} | {} | {} | {} | {} | {} | {} | {} | {crashes} | {} |",
            args.build(),
            args.seconds,
            s.executions,
            s.exec_per_sec,
            s.corpus,
            s.cov,
            s.ft,
            caught(&s.caught)
        );
    }
    for (target, s) in rows {
        for (place, count) in s.caught.places() {
            println!("{target}: a caught parser panicked at {place}, at least {count} time(s)");
        }
    }
}

/// Writes `fuzz/seeds/<target>/` from the golden data and `fuzz/dict/xml.dict` from the schemas.
fn seed(root: &Path) -> Result<(), TaskError> {
    let golden = Golden::load(root)?;
    let seeds = root.join("fuzz/seeds");
    let mut written = 0;
    for (target, files) in golden.seeds() {
        let dir = seeds.join(target);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(TaskError::file(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(TaskError::file(&dir))?;
        for (name, bytes) in files {
            std::fs::write(dir.join(&name), bytes).map_err(TaskError::file(&name))?;
            written += 1;
        }
    }
    let dict = root.join("fuzz/dict/xml.dict");
    std::fs::create_dir_all(dict.parent().expect("a file in fuzz/dict"))?;
    let tokens = xml_tokens();
    std::fs::write(&dict, dictionary_file(&tokens)).map_err(TaskError::file(&dict))?;
    println!("wrote {written} seeds under {} and {} tokens in {}", seeds.display(), tokens.len(), dict.display());
    Ok(())
}

/// Files as (name, bytes).
type NamedFiles = Vec<(String, Vec<u8>)>;

/// The golden data seeds are made from.
struct Golden {
    /// The example lot's files, as in `examples/lot/`.
    lot: Vec<LotFile>,
    /// Its decrypted indexes and PJ, by file name.
    plain: NamedFiles,
    eml: Vec<u8>,
    seed_arl: Vec<u8>,
    /// ARLs the checker writes for the example lot and two broken variants: (name, header, diagnostic).
    arls: Vec<(&'static str, String, String)>,
    /// The ARL messages of `generated/vectors/` (`.eml`), when the folder exists, by name.
    vectors: NamedFiles,
}

impl Golden {
    fn load(root: &Path) -> Result<Self, TaskError> {
        let read = |path: PathBuf| std::fs::read(&path).map_err(TaskError::file(path));
        let folder = root.join("examples/lot");
        let mut names: Vec<String> = std::fs::read_dir(&folder)
            .map_err(TaskError::file(&folder))?
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect();
        names.sort();
        let mut lot = Vec::new();
        for name in names {
            let bytes = read(folder.join(&name))?;
            lot.push(LotFile { name, bytes, origin: Origin::Memory });
        }
        let pki = root.join("test-pki");
        let key = scor_lot::pki::load(&pki, EXAMPLE_ROUTE).map_err(TaskError::about("test-pki"))?;
        let mut plain = Vec::new();
        for file in lot.iter().filter(|f| f.name.ends_with(".pkcs7")) {
            let opened =
                scor_lot::cms::open(&file.bytes, &key, scor_dictionary::latest::DICTIONARY.limit(Limit::LotMaxBytes))
                    .map_err(TaskError::about(&file.name))?;
            plain.push((file.name.replace(".pkcs7", ""), opened));
        }
        let keys = Arc::new(Keys::test_pki(&pki).map_err(TaskError::about("test-pki"))?);
        let config = Config::new(&scor_dictionary::latest::DICTIONARY, keys, scor_sender::example::ARL_ISSUED_AT);
        let mut arls = Vec::new();
        for (variant, files) in variants(&lot)? {
            let checked = scor_conformance::check_files_in_memory("lot".to_owned(), &files, &config);
            if let Ok(arl) = checked.arl {
                arls.push((variant, arl.header, arl.diagnostic));
            }
        }
        let mut vectors = Vec::new();
        collect_vectors(&root.join("generated/vectors"), &mut vectors)?;
        vectors.sort();
        Ok(Self {
            lot,
            plain,
            eml: read(root.join("examples/lot.eml"))?,
            seed_arl: read(root.join("tests/fixtures/seed-arl-cleaned.xml"))?,
            arls,
            vectors,
        })
    }

    fn file(&self, name: &str) -> &[u8] {
        self.lot.iter().find(|f| f.name == name).map_or(&[], |f| &f.bytes)
    }

    fn header(&self) -> &LotFile {
        self.lot.iter().find(|f| f.name.ends_with(".xml")).expect("the example lot has its header")
    }

    /// Seed files by target.
    fn seeds(&self) -> Vec<(&'static str, NamedFiles)> {
        let seed = |name: &str, bytes: &[u8]| (name.to_owned(), bytes.to_vec());
        let plain = |prefix: &'static str| self.plain.iter().filter(move |(n, _)| n.starts_with(prefix));
        let header = self.header();
        let mut arl = vec![seed("seed-arl-cleaned.xml", &self.seed_arl)];
        let mut entarl = Vec::new();
        for (variant, head, diagnostic) in &self.arls {
            arl.push(seed(&format!("arl-{variant}.xml"), diagnostic.as_bytes()));
            entarl.push(seed(&format!("entarl-{variant}.xml"), head.as_bytes()));
        }
        // A few vectors (one of each outcome), and the two XML files each carries.
        let limits = scor_conformance::lot::mail_limits(&scor_dictionary::latest::DICTIONARY);
        let mut messages = Vec::new();
        for outcome in ["accepted", "header-rejection", "dossier-rejection", "service"] {
            let Some((name, bytes)) = self.vectors.iter().find(|(n, _)| n.contains(outcome)) else { continue };
            messages.push(seed(name, bytes));
            for file in scor_lot::mail::read_eml(bytes, &limits).files {
                let stem = name.trim_end_matches(".eml");
                let target = if file.name.starts_with("E-") { &mut entarl } else { &mut arl };
                target.push(seed(&format!("vector-{stem}-{}", file.name), &file.bytes));
            }
        }
        let indexes: Vec<_> = plain("D-").map(|(n, b)| seed(&format!("{n}.xml"), b)).collect();
        let model_bytes = |docs: &[(String, Vec<u8>)]| {
            docs.iter().map(|(n, b)| (format!("model-{n}"), b.clone())).collect::<Vec<_>>()
        };
        let mut lot_docs = vec![seed(&header.name, &header.bytes)];
        lot_docs.extend(indexes.iter().cloned());
        let recipients = Entscanordo::read(&header.name, &header.bytes, Default::default())
            .message
            .map(|h| h.emetteur.adresse_arl)
            .unwrap_or_default();
        let tar_all = tar(&self.lot);
        let first_dossier: Vec<LotFile> = self.lot.iter().filter(|f| !f.name.contains("-002")).cloned().collect();
        let pjs: Vec<_> = plain("P-").map(|(n, b)| seed(&format!("{n}.pdf"), b)).collect();
        // The same lot before sealing: its indexes and PJ in the clear, where mutations reach them.
        let mut before_sealing = vec![header.clone()];
        before_sealing.extend(indexes.iter().chain(&pjs).map(|(name, bytes)| LotFile {
            name: name.clone(),
            bytes: bytes.clone(),
            origin: Origin::Memory,
        }));
        vec![
            ("arl_xml", arl.clone()),
            ("entarl_xml", entarl.clone()),
            ("arl_model", model_bytes(&[arl, entarl].concat())),
            ("entscanordo_xml", vec![seed(&header.name, &header.bytes)]),
            ("scanordo_xml", indexes),
            ("lot_model", model_bytes(&lot_docs)),
            (
                "recipients",
                vec![
                    seed("example.txt", recipients.as_bytes()),
                    seed("ps.txt", b"PS:ps@example.test"),
                    seed("prt-pair.txt", b"PRT:prt@example.test;PAIR:pair@01.scor.rss.fr"),
                    seed("three.txt", b"PS : ps@example.test ; PRT : prt@example.fr ; PAIR : pair@example.fr"),
                ],
            ),
            (
                "cms_envelope",
                vec![
                    seed("D-001.pkcs7", self.file("D-001.pkcs7")),
                    seed("P-001-001.pkcs7", self.file("P-001-001.pkcs7")),
                ],
            ),
            ("pdfa", pjs),
            ("lot_tar", vec![seed("example-lot.tar", &tar_all), seed("first-dossier.tar", &tar(&first_dossier))]),
            ("lot_plain", vec![seed("before-sealing.tar", &tar(&before_sealing))]),
            ("lot_eml", vec![seed("lot.eml", &self.eml)]),
            ("arl_message", messages),
        ]
    }
}

/// Every `.eml` file under `dir` (none when it does not exist), sorted by name.
fn collect_vectors(dir: &Path, out: &mut NamedFiles) -> Result<(), TaskError> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for path in entries.filter_map(|e| Some(e.ok()?.path())) {
        if path.is_dir() {
            collect_vectors(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "eml") {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            out.push((name, std::fs::read(&path).map_err(TaskError::file(&path))?));
        }
    }
    out.sort();
    Ok(())
}

/// The example lot, and two variants whose ARLs reject a dossier (a cut envelope) and the header.
fn variants(lot: &[LotFile]) -> Result<Vec<(&'static str, Vec<LotFile>)>, TaskError> {
    let mut broken_pj = lot.to_vec();
    let pj = broken_pj.iter_mut().find(|f| f.name == "P-002-001.pkcs7").ok_or("the example lot has no P-002-001")?;
    pj.bytes.truncate(pj.bytes.len() / 2);
    let mut bad_header = lot.to_vec();
    let header = bad_header.iter_mut().find(|f| f.name.ends_with(".xml")).ok_or("the example lot has no header")?;
    let mut model = Entscanordo::read(&header.name, &header.bytes, Default::default())
        .message
        .ok_or("the example header does not read")?;
    model.emetteur.code_specialite = "00".to_owned();
    header.bytes = model.to_xml()?.into_bytes();
    Ok(vec![("accepted", lot.to_vec()), ("dossier-rejected", broken_pj), ("header-rejected", bad_header)])
}

/// `files` as a tar archive.
fn tar(files: &[LotFile]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for file in files {
        let mut header = tar::Header::new_ustar();
        header.set_size(file.bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(scor_sender::example::SENT_AT.unsigned_abs());
        header.set_cksum();
        builder.append_data(&mut header, &file.name, file.bytes.as_slice()).expect("writing to memory");
    }
    builder.into_inner().expect("writing to memory")
}

/// Element names, roots, namespaces, fixed attribute values and codes of every message, and XML
/// syntax.
fn xml_tokens() -> BTreeSet<String> {
    let mut tokens: BTreeSet<String> = [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<?xml",
        "?>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<!DOCTYPE",
        "<!ENTITY",
        "</",
        "/>",
        "=\"",
        "xmlns=\"",
        "xmlns:scor=\"",
        "scor:",
        "&amp;",
        "&lt;",
        "&gt;",
        "&quot;",
        "&apos;",
        "&#",
        "&#x",
        "Version=\"",
        "Profil=\"",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    fn walk(nodes: &[Node], tokens: &mut BTreeSet<String>) {
        for node in nodes {
            tokens.insert(format!("<{}>", node.name));
            tokens.insert(format!("</{}>", node.name));
            match &node.content {
                Content::Group(children) => walk(children, tokens),
                Content::Field(field) => {
                    let codes = field.code_list.as_ref().map_or(&[][..], |list| list.codes);
                    tokens.extend(codes.iter().take(16).map(|c| (*c).to_owned()));
                }
            }
        }
    }
    for schema in scor_dictionary::latest::DICTIONARY.messages {
        tokens.insert(format!("<{}", schema.root));
        tokens.insert(format!("</{}>", schema.root));
        tokens.extend([schema.namespace, schema.version, schema.profil].map(str::to_owned));
        walk(schema.children, &mut tokens);
    }
    tokens
}

/// libFuzzer's dictionary format: one quoted token a line, `\\`, `\"` and non-printable bytes escaped.
fn dictionary_file(tokens: &BTreeSet<String>) -> String {
    let mut out = String::from("# XML tokens of the SCOR messages; written by `cargo xtask fuzz seed`.\n");
    for token in tokens {
        out.push('"');
        for byte in token.bytes() {
            match byte {
                b'"' | b'\\' => {
                    out.push('\\');
                    out.push(byte as char);
                }
                0x20..=0x7e => out.push(byte as char),
                _ => out.push_str(&format!("\\x{byte:02X}")),
            }
        }
        out.push_str("\"\n");
    }
    out
}

/// The caught panics of a run: none, or at least how many (the log has a line at each power of ten).
fn caught(panics: &CaughtPanics) -> String {
    match panics.total() {
        0 => "0".to_owned(),
        total => format!("≥ {total}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_come_from_libfuzzer_lines() {
        let mut stats = Stats::default();
        for line in [
            "#2\tINITED cov: 10 ft: 11 corp: 2/3Kb exec/s: 0 rss: 40Mb",
            "#524288\tpulse  cov: 900 ft: 3000 corp: 120/40Kb lim: 4096 exec/s: 52000 rss: 80Mb",
            "#600000\tDONE   cov: 912 ft: 3050 corp: 125/41Kb lim: 4096 exec/s: 50000 rss: 80Mb",
            "stat::number_of_executed_units: 600001",
            "stat::average_exec_per_sec:     50000",
            "artifact_prefix='fuzz/artifacts/arl_xml/'; Test unit written to fuzz/artifacts/arl_xml/crash-00ff",
            "caught parser panic: 10 at lopdf-0.37.0/src/reader.rs:10 (lopdf): attempt to add with overflow",
        ] {
            stats.line(line);
        }
        assert_eq!((stats.executions, stats.exec_per_sec), (600_001, 50_000));
        assert_eq!((stats.corpus, stats.cov, stats.ft), (125, 912, 3050));
        assert_eq!(stats.artifacts, ["fuzz/artifacts/arl_xml/crash-00ff"]);
        assert_eq!(caught(&stats.caught), "≥ 10");
        assert_eq!(caught(&Stats::default().caught), "0");
    }

    /// What `cargo xtask fuzz seed` would write is what is committed, so that a change of the golden data
    /// (the example lot, the vectors) cannot leave the seeds behind.
    #[test]
    fn the_committed_seeds_are_what_the_golden_data_gives() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf();
        let golden = Golden::load(&root).expect("the golden data loads");
        for (target, files) in golden.seeds() {
            let dir = root.join("fuzz/seeds").join(target);
            let mut committed: Vec<String> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            committed.sort();
            let mut names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
            names.sort_unstable();
            assert_eq!(committed, names, "fuzz/seeds/{target}: run `cargo xtask fuzz seed`");
            for (name, bytes) in &files {
                let stale = std::fs::read(dir.join(name)).unwrap() != *bytes;
                assert!(!stale, "fuzz/seeds/{target}/{name} is stale: run `cargo xtask fuzz seed`");
            }
        }
        let dict = std::fs::read_to_string(root.join("fuzz/dict/xml.dict")).unwrap();
        assert!(dict == dictionary_file(&xml_tokens()), "fuzz/dict/xml.dict is stale: run `cargo xtask fuzz seed`");
    }

    #[test]
    fn dictionary_lines_are_quoted_and_escaped() {
        let tokens: BTreeSet<String> = ["xmlns=\"".to_owned(), "é".to_owned()].into();
        let text = dictionary_file(&tokens);
        assert!(text.contains("\"xmlns=\\\"\"\n"), "{text}");
        assert!(text.contains("\"\\xC3\\xA9\"\n"), "{text}");
    }
}

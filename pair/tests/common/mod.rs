//! Shared by the scor-pair tests: the `scor-pair` program as a child process, lots to send (the golden
//! example and broken ones), SMTP clients not written here (Python's smtplib, swaks), and ARL checks.
#![allow(dead_code)]

use scor_dictionary::latest::DICTIONARY;
use scor_lot::files::LotFile;
use scor_pair::store::State;
use scor_sender::LotPlan;
use scor_tests::lots;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// A `scor-pair serve` child process on a free loopback port.
pub struct Pair {
    pub child: Child,
    pub address: SocketAddr,
    pub data: PathBuf,
    /// The lines it has written on standard error since the one giving its address.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Pair {
    /// Starts `scor-pair serve` on `data`, delivering into `data/outbox` or through `relay`.
    pub fn start(data: &Path, relay: Option<&str>) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_scor-pair"));
        command.args(["serve", "--listen", "127.0.0.1:0", "--data"]).arg(data);
        if let Some(relay) = relay {
            command.args(["--relay", relay]);
        }
        let mut child = command.stderr(Stdio::piped()).stdout(Stdio::null()).spawn().expect("scor-pair starts");
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        let address = line
            .split_whitespace()
            .find_map(|word| word.parse().ok())
            .unwrap_or_else(|| panic!("scor-pair printed its address: {line:?}"));
        // Keep reading stderr so the child never blocks on it.
        let log = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&log);
        std::thread::spawn(move || stderr.lines().map_while(Result::ok).for_each(|l| kept.lock().unwrap().push(l)));
        Self { child, address, data: data.to_path_buf(), log }
    }

    /// SIGKILL, no chance to clean up.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGTERM and wait.
    pub fn stop(mut self) {
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        self.child.wait().unwrap();
    }

    pub fn outbox(&self) -> PathBuf {
        self.data.join("outbox")
    }
}

/// A test that panics does not leave its server running.
impl Drop for Pair {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until `count` messages are delivered (or failed); panics after `seconds`.
pub fn wait_finished(data: &Path, count: usize, seconds: u64) -> scor_pair::Status {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Ok(status) = scor_pair::status(data, scor_pair::store::now()) {
            if status.count(State::Delivered) + status.count(State::Failed) >= count {
                return status;
            }
            assert!(Instant::now() < deadline, "not finished in {seconds} s:\n{status}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The golden example lot as an SMTP message.
pub fn example_lot() -> Vec<u8> {
    std::fs::read(repo_root().join("examples/lot.eml")).unwrap()
}

/// The example lot with Identification ending in `serial` (and its own Subject and Message-ID).
pub fn lot_variant(serial: u32) -> Vec<u8> {
    let mut plan = lots::example_plan();
    plan.identification = format!("{}{serial:05}", &plan.identification[..plan.identification.len() - 5]);
    built(&plan, |_| {})
}

/// `plan` built, changed by `change`, as an SMTP message with the example envelope.
pub fn built(plan: &LotPlan, change: impl FnOnce(&mut Vec<LotFile>)) -> Vec<u8> {
    let mut lot = lots::build(plan);
    change(&mut lot.files);
    let mut envelope = lots::example_headers(plan);
    envelope.message_id = Some(format!("{}@example.test", plan.identification));
    lots::eml(&envelope, &lot.files)
}

/// A lot rejected on its header: a specialty code that is not in the table (5113).
pub fn header_rejection_lot(serial: u32) -> Vec<u8> {
    let mut plan = lots::example_plan();
    plan.identification = format!("{}{serial:05}", &plan.identification[..plan.identification.len() - 5]);
    plan.specialty = "99".to_owned();
    built(&plan, |_| {})
}

/// A lot rejected on a dossier: the first PJ of dossier 1 is not a CMS envelope (undecryptable).
pub fn dossier_rejection_lot(serial: u32) -> Vec<u8> {
    let mut plan = lots::example_plan();
    plan.identification = format!("{}{serial:05}", &plan.identification[..plan.identification.len() - 5]);
    built(&plan, |files| lots::file_mut(files, "P-001-001.pkcs7").bytes = b"not an envelope".to_vec())
}

/// A message without attachment: a service message to the sender (9002).
pub fn no_attachment_message() -> Vec<u8> {
    b"From: <cabinet.exemple@example.test>\r\nTo: <01.751@01.scor.rss.fr>\r\nSubject: SCOR 565038410-2026112310150099999\r\n\
Message-ID: <no-attachment@example.test>\r\nDate: Mon, 23 Nov 2026 10:15:00 +0000\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n\
The scans were forgotten.\r\n.leading dot line\r\n--b--\r\n"
        .to_vec()
}

/// The return the conform engine predicts for `raw`: (outcome, cause, rejected dossiers as (numero, file, cause)).
pub fn predicted(raw: &[u8]) -> (String, String, Vec<(u32, String, String)>) {
    let checked = lots::check_eml(raw);
    let arl = &checked.prediction;
    let dossiers = match arl {
        scor_conformance::PredictedArl::DossierRejection { dossiers, .. } => {
            dossiers.iter().map(|d| (d.dossier, d.file.clone(), d.cause.to_owned())).collect()
        }
        _ => Vec::new(),
    };
    let outcome = if arl.outcome() == "service-message" { "service-message-rejection" } else { arl.outcome() };
    (outcome.to_owned(), arl.cause().to_owned(), dossiers)
}

/// A return read back and classified by scor-answering, in the same shape as [`predicted`].
pub fn classified(raw: &[u8]) -> (String, String, Vec<(u32, String, String)>) {
    let received = scor_answering::read_eml(&DICTIONARY, "return.eml".to_owned(), raw);
    let analysis = scor_answering::classify(&received);
    let c = &analysis.classification;
    let dossiers = match c {
        scor_answering::Classification::DossierRejection { dossiers, .. } => {
            dossiers.iter().map(|d| (d.numero.parse().unwrap(), d.file.clone(), d.cause.to_owned())).collect()
        }
        _ => Vec::new(),
    };
    (c.outcome().to_owned(), c.cause().unwrap_or("none").to_owned(), dossiers)
}

/// The lot Identification a return is about (ARL Subject or service-message Subject).
pub fn return_lot(raw: &[u8]) -> Option<String> {
    let received = scor_answering::read_eml(&DICTIONARY, "return.eml".to_owned(), raw);
    scor_answering::classify(&received).lot
}

/// Every file delivered in the maildirs of `outbox`: (recipient maildir, file name, bytes).
pub fn delivered(outbox: &Path) -> Vec<(String, String, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(maildirs) = std::fs::read_dir(outbox) else { return out };
    for maildir in maildirs.flatten() {
        for file in std::fs::read_dir(maildir.path().join("new")).into_iter().flatten().flatten() {
            out.push((
                maildir.file_name().to_string_lossy().into_owned(),
                file.file_name().to_string_lossy().into_owned(),
                std::fs::read(file.path()).unwrap(),
            ));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// Sends each message of `files` with Python's smtplib run by `python` (one connection each); the DATA
/// reply codes.
pub fn send_with_smtplib(python: &str, address: SocketAddr, files: &[PathBuf]) -> Vec<u16> {
    let script = r#"
import smtplib, sys
host, port = sys.argv[1], int(sys.argv[2])
for path in sys.argv[3:]:
    raw = open(path, 'rb').read()
    with smtplib.SMTP(host, port, timeout=30) as s:
        s.ehlo('lps.example.test')
        s.mail('cabinet.exemple@example.test', ['SIZE=%d' % len(raw)])
        code, _ = s.rcpt('01.751@01.scor.rss.fr')
        assert code == 250, code
        code, _ = s.data(raw)
        print(code, flush=True)
"#;
    let output = Command::new(python)
        .args(["-c", script, &address.ip().to_string(), &address.port().to_string()])
        .args(files)
        .output()
        .expect("python3 runs");
    assert!(output.status.success(), "smtplib: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(|l| l.trim().parse().unwrap()).collect()
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
    path
}

/// A raw SMTP client over TCP: bytes as given (no line-end fixing), replies read whole.
pub struct RawClient {
    reader: BufReader<std::net::TcpStream>,
    pub writer: std::net::TcpStream,
}

impl RawClient {
    /// Connects and reads the 220 greeting.
    pub fn connect(address: SocketAddr) -> Self {
        let stream = std::net::TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut client = Self { reader: BufReader::new(stream.try_clone().unwrap()), writer: stream };
        let greeting = client.reply();
        assert!(greeting.starts_with("220 "), "{greeting}");
        client
    }

    /// One reply (every line of a multi-line one), line ends included.
    pub fn reply(&mut self) -> String {
        let mut text = String::new();
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).unwrap();
            text.push_str(&line);
            if line.as_bytes().get(3) != Some(&b'-') {
                return text;
            }
        }
    }

    /// Sends `bytes` and reads one reply.
    pub fn say(&mut self, bytes: &[u8]) -> String {
        self.writer.write_all(bytes).unwrap();
        self.reply()
    }

    /// True when the server closed the connection (nothing more to read).
    pub fn closed(&mut self) -> bool {
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap_or(0) == 0
    }
}

/// A PAIR in this process on a free loopback port, data in `dir/data`, outbox `dir/data/outbox`.
pub fn start_in_process(dir: &Path) -> scor_pair::Running {
    let mut config = scor_pair::PairConfig::new(dir.join("data"), repo_root().join("test-pki"));
    config.listen = "127.0.0.1:0".parse().unwrap();
    scor_pair::Running::start(&config).unwrap()
}

/// Every file and folder under `dir`, as paths relative to it, sorted.
pub fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            out.push(path.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            if entry.file_type().unwrap().is_dir() {
                pending.push(path);
            }
        }
    }
    out.sort();
    out
}

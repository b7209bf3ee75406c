//! `cargo xtask pki` and `cargo xtask example-lot`: the committed test PKI (TEST ONLY keys) and the
//! example lot sealed with it, which `cargo xtask conform` checks when given no path.

use scor_kit::TaskError;
use scor_lot::mail::{self, MailHeaders};
use std::path::Path;

/// `cargo xtask pki export DIR`.
#[derive(clap::Subcommand)]
pub enum PkiExport {
    /// Write the test PKI's organism certificates (TEST ONLY) as `<routing address>.der` in DIR, as an
    /// LPS's certificate table lays them out; `conform --certs DIR` reads the same layout.
    Export { dir: std::path::PathBuf },
}

/// Writes the test PKI's certificates in `dir` as `<routing address>.der`.
pub fn export_pki(root: &Path, dir: &Path) -> Result<(), TaskError> {
    let pki_dir = root.join("test-pki");
    let pki = scor_lot::pki::TestPki::open(&pki_dir).map_err(TaskError::file(&pki_dir))?;
    let written = pki.export_certificates(dir).map_err(TaskError::file(dir))?;
    println!("wrote {} TEST ONLY certificates in {}", written.len(), dir.display());
    Ok(())
}

/// Regenerates the test PKI for the addresses it has, plus `extra` ones; then the example lot, which
/// the new keys would otherwise no longer open.
pub fn pki(root: &Path, extra: &[String]) -> Result<(), TaskError> {
    let dir = root.join("test-pki");
    let mut addresses: Vec<String> =
        scor_lot::pki::TestPki::open(&dir).map(|pki| pki.addresses().to_vec()).unwrap_or_default();
    addresses.extend(extra.iter().cloned());
    let dictionary = &scor_dictionary::latest::DICTIONARY;
    let (regime, code) = scor_sender::example::ROUTE;
    addresses.extend(dictionary.route(regime, code).map(|r| r.address.to_owned()));
    addresses.sort();
    addresses.dedup();
    for address in &addresses {
        if dictionary.route_by_address(address).is_none() {
            return Err(format!("{address} is not a routing address of the tables").into());
        }
    }
    let refs: Vec<&str> = addresses.iter().map(String::as_str).collect();
    scor_lot::pki::generate(&dir, &refs).map_err(TaskError::file(&dir))?;
    println!("wrote the test PKI for {} addresses in {}", addresses.len(), dir.display());
    example_lot(root)
}

/// Writes `examples/lot/` (a lot folder) and `examples/lot.eml` (the same lot as an SMTP message).
pub fn example_lot(root: &Path) -> Result<(), TaskError> {
    let dictionary = &scor_dictionary::latest::DICTIONARY;
    let (regime, code) = scor_sender::example::ROUTE;
    let route = dictionary.route(regime, code).ok_or("the example route is not in the routing table")?.address;
    let key =
        scor_lot::pki::load(&root.join("test-pki"), route).map_err(TaskError::about(format!("test-pki {route}")))?;
    let plan = scor_sender::example::plan(dictionary);
    let lot = scor_sender::build(&plan, &key.cert, Default::default())?;
    let folder = root.join("examples/lot");
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(TaskError::file(&folder))?;
    }
    std::fs::create_dir_all(&folder).map_err(TaskError::file(&folder))?;
    for file in &lot.files {
        std::fs::write(folder.join(&file.name), &file.bytes).map_err(TaskError::file(&file.name))?;
    }
    let sender = plan.arl_recipients.split_once(':').map_or("ps@example.test", |(_, address)| address.trim());
    let headers = MailHeaders {
        from: sender.to_owned(),
        to: vec![route.to_owned()],
        subject: format!("SCOR {}", plan.identification),
        date: Some(scor_sender::example::SENT_AT),
        message_id: Some(format!("{}@example.test", plan.identification)),
    };
    let eml = root.join("examples/lot.eml");
    std::fs::write(&eml, mail::write_eml(&headers, &lot.files)).map_err(TaskError::file(&eml))?;
    println!("wrote {} and {}", folder.display(), eml.display());
    earlier_lot(root, &key)
}

/// Writes `examples/lot-earlier/`: the lot sent before the example lot, carrying the PJ the example
/// lot's EXTERNE piece refers to (the README's loop through a history of lots).
fn earlier_lot(root: &Path, key: &scor_lot::cms::Key) -> Result<(), TaskError> {
    let plan = scor_sender::example::earlier_plan(&scor_dictionary::latest::DICTIONARY);
    let lot = scor_sender::build(&plan, &key.cert, Default::default())?;
    let folder = root.join("examples/lot-earlier");
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(TaskError::file(&folder))?;
    }
    std::fs::create_dir_all(&folder).map_err(TaskError::file(&folder))?;
    for file in &lot.files {
        std::fs::write(folder.join(&file.name), &file.bytes).map_err(TaskError::file(&file.name))?;
    }
    println!("wrote {}", folder.display());
    Ok(())
}

//! Hostile lots: inputs built to make a checker crash, hang, run out of memory, write outside its
//! folder or miss what matters. The tests assert the finding each gets; `scripts/hostile-inputs.sh`
//! writes them with the `hostile-lots` example and measures time and peak memory of `conform` on each.

use crate::lots::{build, eml, example_headers, example_plan, file_mut, header_name, memory_file, tar};
use scor_lot::files::LotFile;

/// How a hostile lot is stored.
#[derive(Debug, Clone)]
pub enum Stored {
    Folder(Vec<LotFile>),
    Eml(Vec<u8>),
    Tar(Vec<u8>),
}

/// One class of hostile input: a name, what it is, and the lot.
#[derive(Debug, Clone)]
pub struct Hostile {
    /// A file or folder name: `header-8000-dossiers`.
    pub name: &'static str,
    /// The input class, as the README's table says it.
    pub class: &'static str,
    pub lot: Stored,
}

/// Every hostile lot of the catalogue, in the README's order.
pub fn catalogue() -> Vec<Hostile> {
    vec![
        Hostile {
            name: "header-8000-dossiers",
            class: "header of 8,000 dossiers (3.9 MB)",
            lot: header_8000_dossiers(),
        },
        Hostile {
            name: "header-entities",
            class: "header with a DTD and nested entities (billion laughs)",
            lot: header_entities(),
        },
        Hostile { name: "header-deep", class: "header nested 100,000 elements deep", lot: header_deep() },
        Hostile { name: "header-over-4mb", class: "header file over lot_max_bytes", lot: header_over_limit() },
        Hostile { name: "files-over-limit", class: "2,000 files before the lot's own (tar)", lot: files_over_limit() },
        Hostile { name: "tar-traversal", class: "tar entries named ../ and /etc/", lot: tar_traversal() },
        Hostile { name: "eml-traversal", class: "attachment names holding paths (../../)", lot: eml_traversal() },
        Hostile {
            name: "eml-190000-parts",
            class: "message of 190,000 empty MIME parts (5.5 MB)",
            lot: eml_parts(190_000),
        },
        Hostile { name: "eml-oversize", class: "message over message_max_bytes", lot: eml_oversize() },
    ]
}

fn header_8000_dossiers() -> Stored {
    let mut plan = example_plan();
    plan.dossiers = vec![plan.dossiers[0].clone(); 8_000];
    Stored::Folder(vec![scor_sender::header_file(&plan).expect("the header is written")])
}

fn with_header(text: Vec<u8>) -> Stored {
    let lot = build(&example_plan());
    let header = header_name(&lot);
    let mut files = lot.files;
    file_mut(&mut files, &header).bytes = text;
    Stored::Folder(files)
}

fn header_entities() -> Stored {
    let mut dtd = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE ENTSCANORDO [\n<!ENTITY a0 \"lol\">\n");
    for level in 1..10 {
        let previous = format!("&a{};", level - 1);
        dtd.push_str(&format!("<!ENTITY a{level} \"{}\">\n", previous.repeat(10)));
    }
    dtd.push_str("]>\n<ENTSCANORDO xmlns=\"http://www.interregime.fr/ENTSCANORDO\">&a9;</ENTSCANORDO>\n");
    with_header(dtd.into_bytes())
}

fn header_deep() -> Stored {
    let depth = 100_000;
    let root = "<ENTSCANORDO xmlns=\"http://www.interregime.fr/ENTSCANORDO\" Version=\"04.00\" Profil=\"ENTSCANORDO\">";
    let text = format!("{root}{}{}</ENTSCANORDO>", "<Lot>".repeat(depth), "</Lot>".repeat(depth));
    with_header(text.into_bytes())
}

fn header_over_limit() -> Stored {
    let lot = build(&example_plan());
    let name = header_name(&lot);
    let mut files = lot.files;
    let header = file_mut(&mut files, &name);
    let padding = 4_000_001 - header.bytes.len();
    header.bytes.extend(std::iter::repeat_n(b' ', padding));
    Stored::Folder(files)
}

fn files_over_limit() -> Stored {
    let mut files: Vec<LotFile> =
        (0..2_000).map(|n| memory_file(&format!("notes-{n:04}.txt"), b"x".to_vec())).collect();
    files.extend(build(&example_plan()).files);
    Stored::Tar(tar(&files))
}

/// A tar archive holding entries a careless reader would write outside its folder.
fn tar_traversal() -> Stored {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, bytes) in [("../escape.txt", b"out".as_slice()), ("sub/../../escape2.txt", b"out"), ("etc/passwd", b"x")]
    {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        // Names the builder would refuse are written into the header directly.
        header.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
        header.set_cksum();
        builder.append(&header, bytes).expect("a tar entry");
    }
    for file in build(&example_plan()).files {
        let mut header = tar::Header::new_ustar();
        header.set_size(file.bytes.len() as u64);
        header.set_mode(0o644);
        builder.append_data(&mut header, &file.name, file.bytes.as_slice()).expect("a tar entry");
    }
    Stored::Tar(builder.into_inner().expect("a tar archive"))
}

fn eml_traversal() -> Stored {
    let plan = example_plan();
    let mut files = build(&plan).files;
    files.push(memory_file("../../etc/cron.d/evil", b"* * * * * root true".to_vec()));
    files.push(memory_file("/tmp/absolute.txt", b"x".to_vec()));
    Stored::Eml(eml(&example_headers(&plan), &files))
}

/// The example's message headers around `count` empty MIME parts and no attachment.
pub fn eml_parts(count: usize) -> Stored {
    let raw = String::from_utf8(eml(&example_headers(&example_plan()), &[])).expect("a message is text");
    let boundary = raw.split("boundary=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("a boundary");
    let closing = format!("--{boundary}--");
    let parts = format!("--{boundary}\r\n\r\n").repeat(count);
    Stored::Eml(raw.replace(&closing, &format!("{parts}{closing}")).into_bytes())
}

fn eml_oversize() -> Stored {
    let plan = example_plan();
    let mut files = build(&plan).files;
    files.push(memory_file("notes.txt", vec![b'x'; 4_600_000]));
    Stored::Eml(eml(&example_headers(&plan), &files))
}

/// Writes `hostile` under `dir`: a folder of its files, or `<name>.eml` / `<name>.tar`. Returns the path.
pub fn write(dir: &std::path::Path, hostile: &Hostile) -> std::io::Result<std::path::PathBuf> {
    match &hostile.lot {
        Stored::Folder(files) => {
            let folder = dir.join(hostile.name);
            std::fs::create_dir_all(&folder)?;
            for file in files {
                std::fs::write(folder.join(&file.name), &file.bytes)?;
            }
            Ok(folder)
        }
        Stored::Eml(raw) => {
            let path = dir.join(format!("{}.eml", hostile.name));
            std::fs::write(&path, raw)?;
            Ok(path)
        }
        Stored::Tar(archive) => {
            let path = dir.join(format!("{}.tar", hostile.name));
            std::fs::write(&path, archive)?;
            Ok(path)
        }
    }
}

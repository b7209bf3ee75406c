//! Indexes the Fluent catalogues at build time: the file names of `catalogues/<lang>/`, and for each
//! language every message id with the place of its entry, sorted by id. A run then parses only the
//! messages it renders, without reading the catalogues first.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const LANGS: [&str; 2] = ["fr", "en"];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("catalogues");
    println!("cargo:rerun-if-changed={}", root.display());
    let names = file_names(&root.join(LANGS[0]));
    let mut out = String::from(
        "// Written by build.rs from catalogues/: the catalogue files and the index of their entries.\n\n",
    );
    writeln!(out, "/// The catalogue files of each language, by name (`locale/catalogues/<lang>/<name>.ftl`).")
        .unwrap();
    writeln!(out, "pub const FILES: &[&str] = &{names:?};").unwrap();
    for lang in LANGS {
        let dir = root.join(lang);
        assert_eq!(file_names(&dir), names, "catalogues/{lang} and catalogues/{} hold different files", LANGS[0]);
        let upper = lang.to_uppercase();
        let paths: Vec<String> = names
            .iter()
            .map(|name| format!("include_str!({:?})", dir.join(format!("{name}.ftl")).display().to_string()))
            .collect();
        writeln!(out, "const {upper}: &[&str] = &[{}];", paths.join(", ")).unwrap();
        let mut entries = Vec::new();
        for (file, name) in names.iter().enumerate() {
            let path = dir.join(format!("{name}.ftl"));
            println!("cargo:rerun-if-changed={}", path.display());
            let source = std::fs::read_to_string(&path).unwrap();
            entries.extend(messages(&source).map(|(id, start, end)| (id.to_owned(), file, start, end)));
        }
        entries.sort();
        // Integers only, with the ids in one string (see `Entry` in src/catalogue.rs).
        let mut ids = String::new();
        let mut rows = Vec::new();
        for (id, file, start, end) in &entries {
            let id_range = format!("{}..{}", ids.len(), ids.len() + id.len());
            rows.push(format!("Entry {{ id: {id_range}, file: {file}, lines: {start}..{end} }}"));
            ids.push_str(id);
        }
        writeln!(out, "/// The message ids of `{lang}`, one after the other (ranges in `{upper}_ENTRIES`).").unwrap();
        writeln!(out, "const {upper}_IDS: &str = {ids:?};").unwrap();
        writeln!(out, "/// Every message of `{lang}`, sorted by id.").unwrap();
        writeln!(out, "const {upper}_ENTRIES: &[Entry] = &[{}];", rows.join(", ")).unwrap();
    }
    std::fs::write(PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("catalogues.rs"), out).unwrap();
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The messages of one catalogue file, each with the byte range of its entry. As in Fluent's own
/// grammar, an entry starts on a line that begins with a letter (a message), `-` (a term) or `#` (a
/// comment), and runs to the next such line. The catalogue tests check that each entry parses alone
/// to the same message as in its whole file.
fn messages(source: &str) -> impl Iterator<Item = (&str, usize, usize)> {
    let lines = std::iter::once(0).chain(source.match_indices('\n').map(|(at, _)| at + 1));
    let mut starts: Vec<usize> = lines.filter(|&at| source[at..].starts_with(starts_entry)).collect();
    starts.push(source.len());
    let bounds: Vec<(usize, usize)> = starts.windows(2).map(|pair| (pair[0], pair[1])).collect();
    bounds.into_iter().filter_map(|(start, end)| {
        let entry = &source[start..end];
        let id = entry.split_once('=')?.0.trim_end();
        let is_message = entry.starts_with(|c: char| c.is_ascii_alphabetic())
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        is_message.then_some((id, start, end))
    })
}

fn starts_entry(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '-' || c == '#'
}

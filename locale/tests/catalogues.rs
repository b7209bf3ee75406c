//! The catalogues against the code: the same ids in French and English, every id the code uses present,
//! no id the code does not use, and the same arguments on both sides.

use fluent_bundle::FluentResource;
use fluent_syntax::ast::Entry;
use regex::Regex;
use scor_locale::{Catalogue, Lang};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Message id -> the variables its pattern reads, over every file of `lang`.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let id = Regex::new(r"^([a-z][a-z0-9-]*)\s*=").unwrap();
    let variable = Regex::new(r"\$([a-z_][a-z0-9_]*)").unwrap();
    let mut messages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, source) in Catalogue::sources(lang) {
        let mut current = None;
        for line in source.lines() {
            if let Some(caps) = id.captures(line) {
                let name = caps[1].to_owned();
                assert!(!messages.contains_key(&name), "{lang}: {name} is defined twice");
                messages.insert(name.clone(), BTreeSet::new());
                current = Some(name);
            }
            if let Some(name) = &current {
                let vars = messages.get_mut(name).unwrap();
                vars.extend(variable.captures_iter(line).map(|c| c[1].to_owned()));
            }
        }
    }
    messages
}

/// Every message id written in the workspace's Rust code, with the first file that uses it.
fn used_ids() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let call = Regex::new(r#"(?:text!\(|Text::new\()\s*"([a-z][a-z0-9-]*)""#).unwrap();
    let mut used = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy();
            if path.is_dir() {
                if !name.starts_with('.') && name != "target" && name != "corpus" && name != "artifacts" {
                    stack.push(path);
                }
            } else if name.ends_with(".rs") && !path.ends_with("locale/src/lib.rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                for caps in call.captures_iter(&source) {
                    used.entry(caps[1].to_owned()).or_insert_with(|| path.display().to_string());
                }
            }
        }
    }
    used
}

#[test]
fn both_languages_have_the_same_ids_and_arguments() {
    let (fr, en) = (messages(Lang::Fr), messages(Lang::En));
    let only_fr: Vec<_> = fr.keys().filter(|id| !en.contains_key(*id)).collect();
    let only_en: Vec<_> = en.keys().filter(|id| !fr.contains_key(*id)).collect();
    assert!(only_fr.is_empty(), "ids with no English message: {only_fr:?}");
    assert!(only_en.is_empty(), "ids with no French message: {only_en:?}");
    for (id, vars) in &fr {
        assert_eq!(vars, &en[id], "{id}: French and English read different arguments");
    }
}

#[test]
fn every_id_the_code_uses_is_in_the_catalogues_and_every_catalogue_id_is_used() {
    let used = used_ids();
    let defined = messages(Lang::En);
    let missing: Vec<String> =
        used.iter().filter(|(id, _)| !defined.contains_key(*id)).map(|(id, file)| format!("{id} ({file})")).collect();
    assert!(missing.is_empty(), "ids used in the code but in no catalogue: {missing:#?}");
    let unused: Vec<&String> = defined.keys().filter(|id| !used.contains_key(*id)).collect();
    assert!(unused.is_empty(), "catalogue ids no code uses: {unused:?}");
    for lang in Lang::ALL {
        let catalogue = Catalogue::of(lang);
        assert!(used.keys().all(|id| catalogue.has(id)), "{lang}: the bundle lacks an id");
    }
}

#[test]
fn a_text_renders_its_arguments_in_each_language() {
    let inner = scor_locale::text!("test-inner", count = 2);
    let text = scor_locale::text!("test-outer", name = "EF_PA_001", detail = inner);
    assert_eq!(text.render(Lang::En), "EF_PA_001: 2 pages");
    assert_eq!(text.render(Lang::Fr), "EF_PA_001 : 2 pages");
    let one = scor_locale::text!("test-inner", count = 1);
    assert_eq!(one.render(Lang::En), "1 page");
}

#[test]
fn every_file_parses_whole_without_error_or_duplicate() {
    for lang in Lang::ALL {
        assert_eq!(Catalogue::errors(lang), Vec::<String>::new(), "{lang}");
    }
}

/// The catalogue parses each message alone, from the lines of its entry: each entry must hold that
/// message and nothing else, the same as Fluent reads it in the whole file.
#[test]
fn each_entry_alone_parses_to_its_message_in_the_whole_file() {
    for lang in Lang::ALL {
        let mut whole = BTreeMap::new();
        for (_, source) in Catalogue::sources(lang) {
            let resource = FluentResource::try_new(source.to_owned()).expect("the files parse");
            for entry in resource.entries() {
                if let Entry::Message(message) = entry {
                    whole.insert(message.id.name.to_owned(), shape(message));
                }
            }
        }
        let mut alone = BTreeMap::new();
        for (id, lines) in Catalogue::entries(lang) {
            let resource = FluentResource::try_new(lines.to_owned())
                .unwrap_or_else(|(_, errors)| panic!("{lang}, {id} alone: {errors:?}"));
            let messages: Vec<_> = resource
                .entries()
                .filter_map(|entry| match entry {
                    Entry::Message(message) => Some(message),
                    _ => None,
                })
                .collect();
            assert_eq!(messages.len(), 1, "{lang}, {id}: the entry holds {} messages", messages.len());
            assert_eq!(messages[0].id.name, id, "{lang}: entry {id} holds another message");
            alone.insert(id.to_owned(), shape(messages[0]));
        }
        assert_eq!(alone, whole, "{lang}: the entries differ from the whole files");
    }
}

/// A message's value and attributes, without the comment above it (a comment is an entry of its own).
fn shape(message: &fluent_syntax::ast::Message<&str>) -> String {
    format!("{:?} {:?}", message.value, message.attributes)
}

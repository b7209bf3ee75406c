//! `scor dictionary` (and `cargo xtask dictionary`): prints a dictionary version as a reader wants it, from the generated
//! models (what the code uses), not from the tables.

use crate::error::TaskError;
use scor_dictionary::schema::{Content, Field, FieldType, Node};
use scor_dictionary::{DICTIONARIES, Dictionary};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dictionary version (default: the newest).
    #[arg(long = "spec")]
    version: Option<String>,
    /// Show only this message (ENTSCANORDO, SCANORDO, ENTARLSCANORDO, ARLSCANORDO).
    #[arg(long)]
    message: Option<String>,
}

pub fn show(args: &Args) -> Result<(), TaskError> {
    let dictionary = pick(args.version.as_deref())?;
    println!("SCOR dictionary {} (tables sha256 {})", dictionary.version, dictionary.checksum);
    for message in dictionary.messages {
        if args.message.as_deref().is_some_and(|m| !m.eq_ignore_ascii_case(message.profil)) {
            continue;
        }
        println!();
        println!("{} — {}", message.profil, message.description);
        println!(
            "  <{} Version=\"{}\" Profil=\"{}\" xmlns=\"{}\">  file {}",
            message.root, message.version, message.profil, message.namespace, message.file.example
        );
        print_nodes(message.children, 2);
    }
    if args.message.is_none() {
        println!();
        println!(
            "{} rules; see generated/docs/dictionary-{}.md for code lists, limits and routing",
            dictionary.rules.len(),
            dictionary.version
        );
    }
    Ok(())
}

fn pick(version: Option<&str>) -> Result<&'static Dictionary, TaskError> {
    match version {
        None => DICTIONARIES.last().copied().ok_or_else(|| "no dictionary version generated".into()),
        Some(v) => scor_dictionary::dictionary(v).ok_or_else(|| {
            let known: Vec<&str> = DICTIONARIES.iter().map(|d| d.version).collect();
            format!("unknown dictionary version {v} (known: {})", known.join(", ")).into()
        }),
    }
}

fn print_nodes(nodes: &[Node], indent: usize) {
    for node in nodes {
        let occurs = match (node.min, node.max) {
            (a, b) if a == b => format!("{a}"),
            (a, u32::MAX) => format!("{a}..n"),
            (a, b) => format!("{a}..{b}"),
        };
        match &node.content {
            Content::Group(children) => {
                println!("{:indent$}{} [{occurs}]", "", node.name);
                print_nodes(children, indent + 2);
            }
            Content::Field(field) => {
                println!("{:indent$}{:<28} [{occurs:>5}] {:<13} {}", "", node.name, field.id, describe(field));
            }
        }
    }
}

fn describe(field: &Field) -> String {
    let kind = match field.kind {
        FieldType::Alphanumeric => "alphanumeric",
        FieldType::Numeric => "numeric",
        FieldType::Date => "date",
        FieldType::Datetime => "datetime",
        FieldType::Code => "code",
        FieldType::Identifier => "identifier",
        FieldType::Recipients => "recipients",
    };
    let mut text = format!("{kind} {}..{}", field.min_length, field.max_length);
    if let Some(list) = &field.code_list {
        text.push_str(&format!(" list {}", list.name));
    }
    if let (Some(min), Some(max)) = (field.min_value, field.max_value) {
        text.push_str(&format!(" range {min}..{max}"));
    }
    format!("{text} ({}) {}", field.provenance, field.name)
}

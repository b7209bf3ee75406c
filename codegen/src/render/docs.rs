//! Renders the dictionary reference `generated/docs/dictionary-<version>.md`: every message as one
//! table of its elements, then code lists, routing, limits, file names, grammar and rules, with provenance.

use crate::ir::{Dictionary, Field, Group, Message, Node};
use crate::load::{CodeListTable, ExtraColumn, Provenance, RouteRow, Tables};
use crate::output::{self, Output};
use std::collections::BTreeMap;

/// Key of the code list whose rows the routing table summarises (its labels name the régimes).
const REGIME_LIST: &str = "regime";

pub fn render(dictionary: &Dictionary) -> Vec<Output> {
    let mut doc = Doc::default();
    header(&mut doc, &dictionary.tables);
    title(&mut doc, &dictionary.tables);
    for message in &dictionary.messages {
        message_section(&mut doc, dictionary, message);
    }
    code_lists(&mut doc, &dictionary.tables);
    routing(&mut doc, &dictionary.tables);
    limits(&mut doc, &dictionary.tables);
    file_names(&mut doc, &dictionary.tables);
    grammar(&mut doc, &dictionary.tables);
    rules(&mut doc, &dictionary.tables);
    vec![Output { path: format!("generated/docs/dictionary-{}.md", dictionary.version), contents: doc.finish() }]
}

/// The HTML comment naming every table of the version and their checksum.
fn header(doc: &mut Doc, tables: &Tables) {
    let prefix = format!("{}/", tables.dir);
    let inputs: Vec<&str> = tables.files.keys().map(|p| p.strip_prefix(&prefix).unwrap_or(p)).collect();
    doc.line("<!--");
    for line in output::header_lines(tables, &inputs) {
        doc.line(&comment_safe(&line));
    }
    doc.line("-->");
    doc.blank();
}

fn title(doc: &mut Doc, tables: &Tables) {
    let v = &tables.version;
    doc.line(&format!("# SCOR dictionary {}", v.version));
    doc.blank();
    doc.line(&format!("- Corpus: {}", v.corpus));
    doc.line(&format!("- SEH exchange contract: {}", v.seh_contract));
    doc.line(&format!("- Provenance: {} ({})", tag(v.provenance), v.source));
    doc.blank();
    doc.line("Every row below carries its provenance:");
    doc.blank();
    for (provenance, meaning) in [
        (Provenance::Seed, "stated in the seed documents (the source names the document and section)"),
        (Provenance::Public, "a public fact found outside the seeds (source given)"),
        (
            Provenance::Modelled,
            "a decision of scor-kit where the public material is silent; replace it by editing the tables",
        ),
    ] {
        doc.line(&format!("- {}: {meaning}", tag(provenance)));
    }
    doc.blank();
}

fn tag(provenance: Provenance) -> String {
    format!("`{}`", provenance.as_str())
}

fn message_section(doc: &mut Doc, dictionary: &Dictionary, message: &Message) {
    let row = &message.row;
    doc.line(&format!("## {}", row.profil));
    doc.blank();
    doc.line(&row.description);
    doc.blank();
    for (name, value) in [
        ("Root", code(&row.root)),
        ("Namespace", code(&row.namespace)),
        ("Version", code(&row.version)),
        ("Profil", code(&row.profil)),
        ("File", code(&row.file)),
        ("ARL level", row.level.clone()),
        ("Confidential", if row.confidential { "yes".into() } else { "no".into() }),
        ("Provenance", format!("{} ({})", tag(row.provenance), row.source)),
    ] {
        doc.line(&format!("- {name}: {value}"));
    }
    doc.blank();
    let mut table =
        Table::new(&["Path", "EF id", "Name", "Type", "Length", "Pattern / values", "Occurs", "Provenance", "Source"]);
    element_rows(&mut table, dictionary, message, &message.root);
    table.render(doc);
}

fn element_rows(table: &mut Table, dictionary: &Dictionary, message: &Message, group: &Group) {
    for child in &group.children {
        match child {
            Node::Field(field) => table.row(field_row(dictionary, message, field)),
            Node::Group(g) => {
                table.row(group_row(message, g));
                element_rows(table, dictionary, message, g);
            }
        }
    }
}

fn full_path(message: &Message, path: &str) -> String {
    code(&format!("{}/{path}", message.row.root))
}

fn group_row(message: &Message, group: &Group) -> Vec<String> {
    let declared = message.row.groups.iter().find(|g| g.path == group.path).map(|g| g.occurs.as_str());
    vec![
        full_path(message, &group.path),
        String::new(),
        format!("*group* (Rust {})", code(&group.struct_name)),
        "group".into(),
        String::new(),
        String::new(),
        occurs(group.min, group.max, declared.unwrap_or("")),
        tag(message.row.provenance),
        format!("messages.toml ({})", message.row.profil),
    ]
}

fn field_row(dictionary: &Dictionary, message: &Message, field: &Field) -> Vec<String> {
    let e = &field.element;
    vec![
        full_path(message, &e.path),
        e.id.clone(),
        e.name.clone(),
        e.kind.clone(),
        range(&e.min_length.to_string(), &e.max_length.to_string()),
        values(dictionary, field),
        occurs(field.min, field.max, &e.occurs),
        tag(e.provenance),
        e.source.clone(),
    ]
}

/// `n` or `min..max`.
fn range(min: &str, max: &str) -> String {
    if min == max { min.to_owned() } else { format!("{min}..{max}") }
}

/// The cardinality as numbers, followed by the table's text when it names limits.
fn occurs(min: u32, max: u32, declared: &str) -> String {
    let max_text = if max == u32::MAX { "n".to_owned() } else { max.to_string() };
    let numbers = range(&min.to_string(), &max_text);
    if declared.is_empty() || declared == numbers { numbers } else { format!("{numbers} ({})", code(declared)) }
}

/// What the value may be: its code list, pattern, date form, range or grammar.
fn values(dictionary: &Dictionary, field: &Field) -> String {
    let e = &field.element;
    match e.kind.as_str() {
        "code" => e.code_list.as_deref().map(|key| format!("code list {}", code(key))).unwrap_or_default(),
        "date" => code("AAAA-MM-JJ"),
        "datetime" => code("AAAA-MM-JJThh:mm:ss"),
        "recipients" => "grammar (see ARL-recipient grammar)".into(),
        "numeric" => numeric_values(dictionary, field),
        _ => e.pattern.as_deref().map(code).unwrap_or_default(),
    }
}

fn numeric_values(dictionary: &Dictionary, field: &Field) -> String {
    let e = &field.element;
    let bound = |text: &Option<String>| {
        text.as_deref().map(|t| match dictionary.limits.get(t) {
            Some(value) => format!("{value} ({})", code(t)),
            None => t.to_owned(),
        })
    };
    let digits = code(&format!("[0-9]{{{}}}", digits_quantifier(e.min_length, e.max_length)));
    let bounds = match (bound(&e.min_value), bound(&e.max_value)) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => return format!("digits {digits}"),
    };
    format!("digits {digits}, {bounds}")
}

/// `n` or `min,max`, as in a regular-expression quantifier.
fn digits_quantifier(min: usize, max: usize) -> String {
    if min == max { min.to_string() } else { format!("{min},{max}") }
}

fn code_lists(doc: &mut Doc, tables: &Tables) {
    doc.line("## Code lists");
    doc.blank();
    doc.line("The routing addresses are summarised in their own section below.");
    doc.blank();
    for list in &tables.code_lists {
        code_list(doc, tables, list);
    }
}

fn code_list(doc: &mut Doc, tables: &Tables, list: &CodeListTable) {
    doc.line(&format!("### {} ({})", list.key, code(&list.name)));
    doc.blank();
    let file = list.file.strip_prefix(&format!("{}/", tables.dir)).unwrap_or(&list.file);
    doc.line(&format!("{} File {}, {} codes.", list.description, code(file), list.codes.len()));
    for column in &list.extra_columns {
        doc.line(&format!("Column {}: {}.", code(&column.name), extra_meaning(column)));
    }
    if list.dated {
        doc.line("Columns `valid_from`, `deprecated_from` and `replaced_by`: when a code applies; a lot dated on or after `deprecated_from` gets a warning naming the replacement.");
    }
    doc.blank();
    let mut headers = vec!["Code", "Label"];
    headers.extend(list.extra_columns.iter().map(|c| c.name.as_str()));
    if list.dated {
        headers.extend(crate::load::VALIDITY_COLUMNS);
    }
    headers.extend(["Provenance", "Source"]);
    let mut table = Table::new(&headers);
    let opt = |v: &Option<String>| v.as_deref().map(code).unwrap_or_default();
    for row in &list.codes {
        let mut cells = vec![code(&row.code), row.label.clone()];
        cells.extend(row.extra.iter().map(|v| if v.is_empty() { String::new() } else { code(v) }));
        if list.dated {
            let v = &row.validity;
            cells.extend([opt(&v.valid_from), opt(&v.deprecated_from), opt(&v.replaced_by)]);
        }
        cells.extend([tag(row.provenance), row.source.clone()]);
        table.row(cells);
    }
    table.render(doc);
}

fn extra_meaning(column: &ExtraColumn) -> String {
    if !column.values.is_empty() {
        let values: Vec<String> = column.values.iter().map(|v| code(v)).collect();
        return format!("one of {}", values.join(", "));
    }
    if column.elements {
        return "ids of the data elements a message using the code must carry, separated by spaces".to_owned();
    }
    if column.bound {
        return "a whole number, or the name of a limit of `limits.csv` (may be empty)".to_owned();
    }
    let target = column.code_list.as_deref().map(code).unwrap_or_default();
    if column.many {
        format!("codes of list {target}, separated by spaces (`*` = every code)")
    } else {
        format!("a code of list {target} (may be empty)")
    }
}

fn routing(doc: &mut Doc, tables: &Tables) {
    doc.line("## Routing addresses");
    doc.blank();
    doc.line(&format!(
        "{} addresses in {}, one per régime and organisme (régime 01: CPAM code) or region code (other régimes).",
        tables.routes.len(),
        code("routing-addresses.csv")
    ));
    doc.blank();
    let labels: BTreeMap<&str, &str> = tables
        .code_lists
        .iter()
        .filter(|l| l.key == REGIME_LIST)
        .flat_map(|l| l.codes.iter().map(|c| (c.code.as_str(), c.label.as_str())))
        .collect();
    let mut per_regime: BTreeMap<&str, Vec<&RouteRow>> = BTreeMap::new();
    for route in &tables.routes {
        per_regime.entry(route.regime.as_str()).or_default().push(route);
    }
    let mut table = Table::new(&["Régime", "Label", "Addresses", "Example", "Provenance", "Source"]);
    for (regime, routes) in per_regime {
        let provenances: Vec<String> = distinct(routes.iter().map(|r| tag(r.provenance)));
        let sources: Vec<String> = distinct(routes.iter().map(|r| r.source.clone()));
        table.row(vec![
            code(regime),
            labels.get(regime).copied().unwrap_or("").to_owned(),
            routes.len().to_string(),
            code(&routes[0].address),
            provenances.join(", "),
            sources.join("; "),
        ]);
    }
    table.render(doc);
}

/// Values in first-seen order, without repeats.
fn distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

fn limits(doc: &mut Doc, tables: &Tables) {
    doc.line("## Limits");
    doc.blank();
    let mut table = Table::new(&["Name", "Value", "Unit", "Provenance", "Source", "Reason"]);
    for l in &tables.limits {
        table.row(vec![
            code(&l.name),
            l.value.to_string(),
            l.unit.clone(),
            tag(l.provenance),
            l.source.clone(),
            l.reason.clone(),
        ]);
    }
    table.render(doc);
}

fn file_names(doc: &mut Doc, tables: &Tables) {
    doc.line("## File names");
    doc.blank();
    let mut table = Table::new(&["Name", "Pattern", "Canonical extension", "Example", "Provenance", "Source"]);
    for f in &tables.file_names {
        table.row(vec![
            code(&f.name),
            code(&f.pattern),
            code(&f.canonical_extension),
            code(&f.example),
            tag(f.provenance),
            f.source.clone(),
        ]);
    }
    table.render(doc);
}

fn grammar(doc: &mut Doc, tables: &Tables) {
    let Some(g) = &tables.recipients else { return };
    doc.line("## ARL-recipient grammar");
    doc.blank();
    let spaces = if g.spaces_around_separators { "allowed" } else { "not allowed" };
    for (name, value) in [
        ("Element", code(&g.element)),
        ("Item separator", code(&g.item_separator)),
        ("Role separator", code(&g.role_separator)),
        ("Spaces around separators", spaces.to_owned()),
        ("Roles", format!("code list {}", code(&g.roles))),
        ("Address pattern", code(&g.address_pattern)),
        ("Provenance", format!("{} ({})", tag(g.provenance), g.source)),
    ] {
        doc.line(&format!("- {name}: {value}"));
    }
    doc.blank();
    doc.line("Allowed role combinations, in this order:");
    doc.blank();
    let mut table = Table::new(&["Roles", "Form"]);
    for roles in &g.combinations {
        let items: Vec<String> = roles.iter().map(|r| format!("{r}{}adresse{r}@domaine", g.role_separator)).collect();
        table.row(vec![roles.join(", "), code(&items.join(&g.item_separator))]);
    }
    table.render(doc);
}

fn rules(doc: &mut Doc, tables: &Tables) {
    doc.line("## Rules");
    doc.blank();
    let mut table = Table::new(&[
        "Id",
        "Check",
        "Element",
        "Severity",
        "Decided by",
        "Header cause",
        "Dossier cause",
        "Provenance",
        "Description",
        "Description (fr)",
        "Source",
    ]);
    let opt = |v: &Option<String>| v.as_deref().map(code).unwrap_or_default();
    for r in &tables.rules {
        table.row(vec![
            code(&r.id),
            r.check.clone(),
            opt(&r.element),
            r.severity.clone(),
            r.decided_by.clone(),
            opt(&r.header_cause),
            opt(&r.dossier_cause),
            tag(r.provenance),
            r.description.clone(),
            r.description_fr.clone(),
            r.source.clone(),
        ]);
    }
    table.render(doc);
}

/// Inline code, with a fence longer than any backtick run inside.
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if longest > 0 { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A table cell: `|` escaped (also inside code spans, as GitHub Markdown wants), one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// `text` with every `--` broken into `- -`, so it can sit in an HTML comment.
fn comment_safe(text: &str) -> String {
    let mut safe = text.to_owned();
    while safe.contains("--") {
        safe = safe.replace("--", "- -");
    }
    safe
}

/// A Markdown table being built.
struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(headers: &[&str]) -> Self {
        Self { headers: headers.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }

    fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        self.rows.push(cells);
    }

    fn render(&self, doc: &mut Doc) {
        doc.line(&line(&self.headers));
        doc.line(&line(&vec!["---".to_owned(); self.headers.len()]));
        for row in &self.rows {
            doc.line(&line(row));
        }
        doc.blank();
    }
}

fn line(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    format!("| {} |", cells.join(" | "))
}

/// The Markdown text being written.
#[derive(Default)]
struct Doc {
    out: String,
}

impl Doc {
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    /// The text with exactly one trailing newline.
    fn finish(mut self) -> String {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn dictionary() -> Dictionary {
        let repo_root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        crate::versions::dictionary(repo_root, "2.13").unwrap_or_else(|e| panic!("{e}"))
    }

    fn document() -> Output {
        let outputs = render(&dictionary());
        assert_eq!(outputs.len(), 1);
        outputs.into_iter().next().unwrap()
    }

    #[test]
    fn document_starts_with_its_header_and_title() {
        let doc = document();
        assert_eq!(doc.path, "generated/docs/dictionary-2.13.md");
        assert_eq!(doc, document(), "output is deterministic");
        let text = &doc.contents;
        assert!(text.starts_with("<!--\nGenerated by `cargo xtask codegen` from spec/scor/2.13"), "{text}");
        let comment = text.split("-->").next().unwrap();
        assert!(!comment["<!--".len()..].contains("--"));
        for table in ["version.toml", "messages.toml", "routing-addresses.csv", "codes/specialite.csv"] {
            assert!(comment.contains(table), "header lacks {table}");
        }
        assert!(text.contains("\n# SCOR dictionary 2.13\n"));
        assert!(text.contains("- SEH exchange contract: 4.00 (September 2015)"));
        assert!(text.ends_with("|\n") && !text.ends_with("\n\n"));
    }

    #[test]
    fn messages_have_one_table_with_groups_and_elements() {
        let text = document().contents;
        for profil in ["ENTSCANORDO", "SCANORDO", "ENTARLSCANORDO", "ARLSCANORDO"] {
            assert!(text.contains(&format!("\n## {profil}\n")), "no section {profil}");
        }
        let row = text.lines().find(|l| l.contains("| EF_PA_002_03 |")).expect("row of EF_PA_002_03");
        assert!(
            row.starts_with("| `ENTSCANORDO/Emetteur/AdresseARL` | EF_PA_002_03 | Adresse du destinataire"),
            "{row}"
        );
        assert!(row.contains("| recipients | 4..255 |") && row.contains("| `seed` |"), "{row}");
        let group = text.lines().find(|l| l.starts_with("| `ARL/DiagDossier` |")).expect("group row");
        assert!(group.contains("| 0..999 (`0..dossiers_per_lot_max`) |"), "{group}");
        let cause = text.lines().find(|l| l.contains("| EF_MR_018_03 |")).unwrap();
        assert!(cause.contains("code list `diagnostic`"), "{cause}");
        let nir = text.lines().find(|l| l.contains("| EF_IX_002_01 |")).unwrap();
        assert!(nir.contains(r"`[1-478][0-9]{4}(?:2A\|2B\|[0-9]{2})[0-9]{6}`"), "pipes escaped: {nir}");
        let indice = text.lines().find(|l| l.contains("| EF_PA_005_01 |")).unwrap();
        assert!(indice.contains("digits `[0-9]{3}`, 1 (`indice_min`) to 999 (`indice_max`)"), "{indice}");
    }

    #[test]
    fn reference_sections_follow_the_tables() {
        let text = document().contents;
        for section in [
            "## Code lists",
            "## Routing addresses",
            "## Limits",
            "## File names",
            "## ARL-recipient grammar",
            "## Rules",
        ] {
            assert!(text.contains(&format!("\n{section}\n")), "no section {section}");
        }
        assert!(text.contains("| `5113` |"), "diagnostic 5113 listed");
        assert!(text.contains("\n### nature-pj (`NaturePj`)\n"));
        assert!(text.contains("| `01` | Régime général | 134 |"), "routing summary of régime 01");
        let routing = text.split("\n## Routing addresses\n").nth(1).unwrap().split("\n## ").next().unwrap();
        let regimes: std::collections::BTreeSet<String> =
            dictionary().tables.routes.iter().map(|r| r.regime.clone()).collect();
        assert_eq!(routing.lines().filter(|l| l.starts_with("| `")).count(), regimes.len(), "one row per régime");
        assert!(text.contains("| `lot_max_bytes` | 4000000 | bytes | `seed` |"));
        assert!(text.contains("| `FIELD-SPECIALITE` | code | `EF_PA_002_02` | error | pair | `5113` |"));
        assert!(text.contains("`PS:adressePS@domaine;PRT:adressePRT@domaine;PAIR:adressePAIR@domaine`"));
    }

    #[test]
    fn every_table_row_has_the_columns_of_its_header() {
        let text = document().contents;
        let mut columns = None;
        for line in text.lines() {
            if !line.starts_with('|') {
                columns = None;
                continue;
            }
            let count = line.replace(r"\|", "").matches('|').count();
            assert_eq!(*columns.get_or_insert(count), count, "{line}");
        }
    }

    #[test]
    fn helpers_escape_markdown() {
        assert_eq!(cell("a|b\nc"), r"a\|b c");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("x"), "`x`");
        assert_eq!(occurs(1, u32::MAX, "1..n"), "1..n");
        assert_eq!(occurs(0, 1, "0..1"), "0..1");
        assert_eq!(comment_safe("a--b"), "a- -b");
    }
}

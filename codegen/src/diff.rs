//! What changed between two dictionary versions: every data element, code list, code, limit, rule,
//! file pattern, message and grammar change, each marked breaking or not, with the files it touches.
//!
//! A change is **breaking** when an output valid under the old version may be invalid under the new
//! one (an element added required or removed, a facet tightened, a pattern or type changed, a code
//! removed, a limit tightened, a new error rule…). When the direction of a change cannot be told
//! (a pattern rewritten, a limit whose name says neither `max` nor `min`), it is counted breaking.

use crate::check::value_bound;
use crate::ir::Dictionary;
use crate::load::{CodeListTable, CodeRow, ElementRow, ExtraColumn, GroupRow, LimitRow, MessageRow, Validity};
use crate::names;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The ARL golden vectors (scor-answering's `vectors`) are one per code of this list, in
/// `generated/vectors/<version>/arl/<code>-<outcome>.eml`.
pub const VECTOR_LIST: &str = "diagnostic";
/// Every vector is built with the first routing address and these file-name rows: changing them
/// changes every vector of the version.
pub const VECTOR_FILE_NAMES: [&str; 4] = ["index", "pj", "arl_header", "arl_diagnostic"];

/// Every change from one version to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub from: String,
    pub to: String,
    pub changes: Vec<Change>,
}

/// What a change is about, in the order the Markdown lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Version,
    Message,
    DataElement,
    CodeList,
    Code,
    Limit,
    Rule,
    FileName,
    Grammar,
    Route,
}

impl Area {
    pub const ALL: [Area; 10] = [
        Area::Version,
        Area::Message,
        Area::DataElement,
        Area::CodeList,
        Area::Code,
        Area::Limit,
        Area::Rule,
        Area::FileName,
        Area::Grammar,
        Area::Route,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Area::Version => "Version",
            Area::Message => "Messages",
            Area::DataElement => "Data elements",
            Area::CodeList => "Code lists",
            Area::Code => "Codes",
            Area::Limit => "Limits",
            Area::Rule => "Rules",
            Area::FileName => "File names",
            Area::Grammar => "Grammars",
            Area::Route => "Routing addresses",
        }
    }

    fn singular(self) -> &'static str {
        match self {
            Area::Version => "version",
            Area::Message => "message",
            Area::DataElement => "data element",
            Area::CodeList => "code list",
            Area::Code => "code",
            Area::Limit => "limit",
            Area::Rule => "rule",
            Area::FileName => "file name",
            Area::Grammar => "grammar",
            Area::Route => "route",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Added,
    Removed,
    Changed,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
        }
    }
}

/// One change: an item added or removed, or one property of it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub area: Area,
    pub kind: Kind,
    /// The item (`EF_PA_002_04`, `nature-pj S3404`, `pj_max_bytes`…).
    pub item: String,
    /// What changed, for people (`max_length 4 → 5`).
    pub what: String,
    pub breaking: bool,
    /// Why it is (or is not) breaking.
    pub why: String,
    /// Generated files of the new version (of the old one for removals) the change touches.
    pub generated: Vec<String>,
    /// Golden vectors the change touches.
    pub vectors: Vec<String>,
}

impl Diff {
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    /// Every generated file some change touches, sorted.
    pub fn generated(&self) -> BTreeSet<&str> {
        self.changes.iter().flat_map(|c| c.generated.iter().map(String::as_str)).collect()
    }

    /// Every golden vector some change touches, sorted.
    pub fn vectors(&self) -> BTreeSet<&str> {
        self.changes.iter().flat_map(|c| c.vectors.iter().map(String::as_str)).collect()
    }

    /// One line per change, for a terminal.
    pub fn text(&self) -> String {
        let mut out = format!(
            "SCOR dictionary {} → {}: {} change(s), {} breaking\n",
            self.from,
            self.to,
            self.changes.len(),
            self.breaking()
        );
        for c in &self.changes {
            let mark = if c.breaking { "BREAKING" } else { "        " };
            let _ =
                writeln!(out, "  {mark} {} {} {}: {} ({})", c.area.singular(), c.item, c.kind.as_str(), c.what, c.why);
        }
        out
    }

    /// The diff as Markdown, under `title`.
    pub fn markdown(&self, title: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {title}\n");
        let _ = writeln!(
            out,
            "From SCOR dictionary {} (`spec/scor/{}`) to {} (`spec/scor/{}`): **{} change(s), {} breaking**.\n",
            self.from,
            self.from,
            self.to,
            self.to,
            self.changes.len(),
            self.breaking()
        );
        let _ = writeln!(
            out,
            "A change is *breaking* when an output valid under {} may be invalid under {}; when its direction cannot be told, it counts as breaking. Besides the files listed, every change regenerates `dictionary/src/generated/{}/mod.rs` (checksum of the tables) and `generated/docs/dictionary-{}.md`.\n",
            self.from,
            self.to,
            names::version_module(&self.to),
            self.to
        );
        if self.changes.is_empty() {
            out.push_str("No change.\n");
            return out;
        }
        for area in Area::ALL {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| c.area == area).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "## {}\n", area.title());
            out.push_str("| Item | Change | What | Breaking | Why | Generated | Vectors |\n");
            out.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
            for c in changes {
                let list = |items: &[String]| items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join("<br>");
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    cell(&format!("`{}`", c.item)),
                    c.kind.as_str(),
                    cell(&c.what),
                    if c.breaking { "**yes**" } else { "no" },
                    cell(&c.why),
                    cell(&list(&c.generated)),
                    cell(&list(&c.vectors)),
                );
            }
            out.push('\n');
        }
        out.push_str("## Generated items touched\n\n");
        for path in self.generated() {
            let _ = writeln!(out, "- `{path}`");
        }
        out.push_str("\n## Golden vectors touched\n\n");
        let vectors = self.vectors();
        if vectors.is_empty() {
            out.push_str("None.\n");
        }
        for path in vectors {
            let _ = writeln!(out, "- `{path}`");
        }
        out
    }
}

/// A table cell on one line, `|` escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// Every change from `a` to `b`.
pub fn diff(a: &Dictionary, b: &Dictionary) -> Diff {
    let mut d = Differ { a, b, changes: Vec::new() };
    d.version();
    d.messages();
    d.elements();
    d.code_lists();
    d.limits();
    d.rules();
    d.file_names();
    d.grammar();
    d.routes();
    d.changes.sort_by_key(|c| c.area);
    Diff { from: a.version.clone(), to: b.version.clone(), changes: d.changes }
}

struct Differ<'a> {
    a: &'a Dictionary,
    b: &'a Dictionary,
    changes: Vec<Change>,
}

/// Whether a change breaks, and why.
type Verdict = (bool, String);

fn breaks(why: impl Into<String>) -> Verdict {
    (true, why.into())
}

fn keeps(why: impl Into<String>) -> Verdict {
    (false, why.into())
}

fn opt(value: &Option<String>) -> String {
    value.as_deref().map_or_else(|| "(none)".to_owned(), |v| format!("`{v}`"))
}

impl Differ<'_> {
    fn push(&mut self, area: Area, kind: Kind, item: &str, what: String, verdict: Verdict, generated: Vec<String>) {
        let vectors = Vec::new();
        let (breaking, why) = verdict;
        self.changes.push(Change { area, kind, item: item.to_owned(), what, breaking, why, generated, vectors });
    }

    fn with_vectors(&mut self, vectors: Vec<String>) {
        if let Some(last) = self.changes.last_mut() {
            last.vectors = vectors;
        }
    }

    /// The dictionary a change's files belong to: the new one, or the old one for a removal.
    fn side(&self, kind: Kind) -> &Dictionary {
        if kind == Kind::Removed { self.a } else { self.b }
    }

    fn src(&self, kind: Kind, file: &str) -> String {
        format!("{}/{}/{file}", crate::output::RUST_DIR, self.side(kind).module)
    }

    fn message_files(&self, kind: Kind, profil: &str) -> Vec<String> {
        let d = self.side(kind);
        vec![
            format!("{}/{}/{}.rs", crate::output::RUST_DIR, d.module, profil.to_lowercase()),
            format!("generated/xsd/{}/{profil}.xsd", d.version),
        ]
    }

    fn version(&mut self) {
        let (a, b) = (&self.a.tables.version, &self.b.tables.version);
        for (field, old, new) in [
            ("corpus", &a.corpus, &b.corpus),
            ("seh_contract", &a.seh_contract, &b.seh_contract),
            ("provenance", &a.provenance.as_str().to_owned(), &b.provenance.as_str().to_owned()),
            ("source", &a.source, &b.source),
        ] {
            if old != new {
                let files = vec![self.src(Kind::Changed, "mod.rs")];
                let item = "version.toml";
                self.push(
                    Area::Version,
                    Kind::Changed,
                    item,
                    format!("{field} `{old}` → `{new}`"),
                    keeps("description of the version"),
                    files,
                );
            }
        }
    }

    fn messages(&mut self) {
        let old: BTreeMap<&str, &MessageRow> = self.a.tables.messages.iter().map(|m| (m.profil.as_str(), m)).collect();
        let new: BTreeMap<&str, &MessageRow> = self.b.tables.messages.iter().map(|m| (m.profil.as_str(), m)).collect();
        for (profil, m) in &new {
            let Some(o) = old.get(profil) else {
                let files = self.message_files(Kind::Added, profil);
                self.push(
                    Area::Message,
                    Kind::Added,
                    profil,
                    format!("root `{}`", m.root),
                    keeps("a new message"),
                    files,
                );
                continue;
            };
            let files = self.message_files(Kind::Changed, profil);
            for (field, old, new, breaking) in [
                ("root", &o.root, &m.root, true),
                ("namespace", &o.namespace, &m.namespace, true),
                ("version", &o.version, &m.version, true),
                ("file", &o.file, &m.file, true),
                ("level", &o.level, &m.level, false),
                ("description", &o.description, &m.description, false),
                ("source", &o.source, &m.source, false),
            ] {
                if old != new {
                    let verdict = if breaking {
                        breaks(format!("documents must carry the new {field}"))
                    } else {
                        keeps("the documents do not change")
                    };
                    self.push(
                        Area::Message,
                        Kind::Changed,
                        profil,
                        format!("{field} `{old}` → `{new}`"),
                        verdict,
                        files.clone(),
                    );
                }
            }
            self.groups(profil, &o.groups, &m.groups, &files);
        }
        for profil in old.keys().filter(|p| !new.contains_key(*p)) {
            let files = self.message_files(Kind::Removed, profil);
            self.push(
                Area::Message,
                Kind::Removed,
                profil,
                "message removed".into(),
                breaks("documents of this message are no longer known"),
                files,
            );
        }
    }

    fn groups(&mut self, profil: &str, old: &[GroupRow], new: &[GroupRow], files: &[String]) {
        for g in new {
            let item = format!("{profil}/{}", g.path);
            match old.iter().find(|o| o.path == g.path) {
                None => {
                    let (min, _) = self.occurs_b(&g.occurs);
                    let verdict = if min > 0 { breaks("a required group") } else { keeps("an optional group") };
                    self.push(
                        Area::Message,
                        Kind::Added,
                        &item,
                        format!("group, occurs `{}`", g.occurs),
                        verdict,
                        files.to_vec(),
                    );
                }
                Some(o) if o.occurs != g.occurs => {
                    let verdict = self.occurs_verdict(&o.occurs, &g.occurs);
                    self.push(
                        Area::Message,
                        Kind::Changed,
                        &item,
                        format!("occurs `{}` → `{}`", o.occurs, g.occurs),
                        verdict,
                        files.to_vec(),
                    );
                }
                Some(_) => {}
            }
        }
        for o in old.iter().filter(|o| !new.iter().any(|g| g.path == o.path)) {
            let item = format!("{profil}/{}", o.path);
            self.push(
                Area::Message,
                Kind::Removed,
                &item,
                "group removed".into(),
                breaks("documents carrying the group become invalid"),
                files.to_vec(),
            );
        }
    }

    fn occurs_a(&self, text: &str) -> (u32, u32) {
        crate::check::occurs(text, &self.a.limits).unwrap_or((0, u32::MAX))
    }

    fn occurs_b(&self, text: &str) -> (u32, u32) {
        crate::check::occurs(text, &self.b.limits).unwrap_or((0, u32::MAX))
    }

    fn occurs_verdict(&self, old: &str, new: &str) -> Verdict {
        let ((a_min, a_max), (b_min, b_max)) = (self.occurs_a(old), self.occurs_b(new));
        if b_min > a_min || b_max < a_max { breaks("cardinality tightened") } else { keeps("cardinality loosened") }
    }

    fn elements(&mut self) {
        let old: BTreeMap<&str, &ElementRow> = self.a.tables.elements.iter().map(|e| (e.id.as_str(), e)).collect();
        for e in &self.b.tables.elements {
            let item = format!("{} ({}/{})", e.id, e.message, e.path);
            let files = self.message_files(Kind::Added, &e.message);
            let Some(o) = old.get(e.id.as_str()) else {
                let (min, _) = self.occurs_b(&e.occurs);
                let what = format!(
                    "{}: {} {}..{}, occurs `{}` ({})",
                    e.name,
                    e.kind,
                    e.min_length,
                    e.max_length,
                    e.occurs,
                    e.provenance.as_str()
                );
                let verdict = if min > 0 { breaks("a required element") } else { keeps("an optional element") };
                self.push(Area::DataElement, Kind::Added, &item, what, verdict, files);
                continue;
            };
            self.element(&item, o, e, &files);
        }
        for o in self.a.tables.elements.iter().filter(|o| !self.b.tables.elements.iter().any(|e| e.id == o.id)) {
            let item = format!("{} ({}/{})", o.id, o.message, o.path);
            let files = self.message_files(Kind::Removed, &o.message);
            self.push(
                Area::DataElement,
                Kind::Removed,
                &item,
                o.name.clone(),
                breaks("documents carrying the element become invalid"),
                files,
            );
        }
        self.order();
    }

    fn element(&mut self, item: &str, o: &ElementRow, e: &ElementRow, files: &[String]) {
        let mut facets: Vec<(String, Verdict)> = Vec::new();
        let mut text = |field: &str, old: &str, new: &str, verdict: Verdict| {
            if old != new {
                facets.push((format!("{field} `{old}` → `{new}`"), verdict));
            }
        };
        text("message", &o.message, &e.message, breaks("the element moved"));
        text("path", &o.path, &e.path, breaks("the element moved"));
        text("name", &o.name, &e.name, keeps("a label"));
        text("type", &o.kind, &e.kind, breaks("type changed"));
        text(
            "code_list",
            o.code_list.as_deref().unwrap_or(""),
            e.code_list.as_deref().unwrap_or(""),
            breaks("another code list"),
        );
        text("provenance", o.provenance.as_str(), e.provenance.as_str(), keeps("documentation"));
        text("source", &o.source, &e.source, keeps("documentation"));
        if o.min_length != e.min_length {
            let verdict = if e.min_length > o.min_length {
                breaks("minimum length raised")
            } else {
                keeps("minimum length lowered")
            };
            facets.push((format!("min_length {} → {}", o.min_length, e.min_length), verdict));
        }
        if o.max_length != e.max_length {
            let verdict = if e.max_length < o.max_length {
                breaks("maximum length lowered")
            } else {
                keeps("maximum length raised")
            };
            facets.push((format!("max_length {} → {}", o.max_length, e.max_length), verdict));
        }
        if o.pattern != e.pattern {
            let verdict = match (&o.pattern, &e.pattern) {
                (Some(_), None) => keeps("pattern removed"),
                (None, Some(_)) => breaks("pattern added"),
                _ => breaks("pattern rewritten: whether it only loosens cannot be told"),
            };
            facets.push((format!("pattern {} → {}", opt(&o.pattern), opt(&e.pattern)), verdict));
        }
        let bound = |text: &Option<String>, limits| text.as_deref().and_then(|t| value_bound(t, limits).ok());
        let (a_min, b_min) = (bound(&o.min_value, &self.a.limits), bound(&e.min_value, &self.b.limits));
        if a_min != b_min {
            let verdict = if b_min.unwrap_or(0) > a_min.unwrap_or(0) {
                breaks("lower bound raised")
            } else {
                keeps("lower bound lowered")
            };
            facets.push((format!("min_value {} → {}", num(a_min), num(b_min)), verdict));
        }
        let (a_max, b_max) = (bound(&o.max_value, &self.a.limits), bound(&e.max_value, &self.b.limits));
        if a_max != b_max {
            let verdict = if b_max.unwrap_or(u64::MAX) < a_max.unwrap_or(u64::MAX) {
                breaks("upper bound lowered")
            } else {
                keeps("upper bound raised")
            };
            facets.push((format!("max_value {} → {}", num(a_max), num(b_max)), verdict));
        }
        if self.occurs_a(&o.occurs) != self.occurs_b(&e.occurs) {
            let verdict = self.occurs_verdict(&o.occurs, &e.occurs);
            facets.push((format!("occurs `{}` → `{}`", o.occurs, e.occurs), verdict));
        }
        for (what, verdict) in facets {
            self.push(Area::DataElement, Kind::Changed, item, what, verdict, files.to_vec());
        }
    }

    /// Elements both versions have must keep their relative order within a message.
    fn order(&mut self) {
        for m in &self.b.tables.messages {
            let ids = |d: &Dictionary| -> Vec<String> {
                d.tables.elements.iter().filter(|e| e.message == m.profil).map(|e| e.id.clone()).collect()
            };
            let (old, new) = (ids(self.a), ids(self.b));
            let common_old: Vec<&String> = old.iter().filter(|id| new.contains(id)).collect();
            let common_new: Vec<&String> = new.iter().filter(|id| old.contains(id)).collect();
            if common_old != common_new {
                let files = self.message_files(Kind::Changed, &m.profil);
                self.push(
                    Area::DataElement,
                    Kind::Changed,
                    &m.profil,
                    "order of the data elements".into(),
                    breaks("documents in the old order become invalid"),
                    files,
                );
            }
        }
    }

    /// The files a code list's change touches: its enum, the lists whose extra columns refer to it,
    /// and the messages whose elements take their codes from it (XSD enumerations).
    fn code_list_files(&self, kind: Kind, key: &str) -> Vec<String> {
        let d = self.side(kind);
        let mut files = vec![self.src(kind, &format!("codes/{}.rs", names::snake(key)))];
        for list in &d.tables.code_lists {
            if list.extra_columns.iter().any(|c| c.code_list.as_deref() == Some(key)) {
                files.push(self.src(kind, &format!("codes/{}.rs", names::snake(&list.key))));
            }
        }
        let messages: BTreeSet<&str> = d
            .tables
            .elements
            .iter()
            .filter(|e| e.code_list.as_deref() == Some(key))
            .map(|e| e.message.as_str())
            .collect();
        for profil in messages {
            files.push(format!("generated/xsd/{}/{profil}.xsd", d.version));
        }
        files
    }

    fn code_lists(&mut self) {
        for list in &self.b.tables.code_lists {
            let files = self.code_list_files(Kind::Added, &list.key);
            let Some(old) = self.a.tables.code_lists.iter().find(|l| l.key == list.key) else {
                let what = format!("{} ({} code(s))", list.name, list.codes.len());
                self.push(Area::CodeList, Kind::Added, &list.key, what, keeps("a new list"), files.clone());
                for row in &list.codes {
                    self.code_added(list, row, files.clone());
                }
                continue;
            };
            self.columns(old, list, &files);
            for row in &list.codes {
                match old.codes.iter().find(|c| c.code == row.code) {
                    None => self.code_added(list, row, files.clone()),
                    Some(o) => self.code_changed(old, list, o, row, &files),
                }
            }
            for o in old.codes.iter().filter(|o| !list.codes.iter().any(|c| c.code == o.code)) {
                let item = format!("{} {}", list.key, o.code);
                self.push(
                    Area::Code,
                    Kind::Removed,
                    &item,
                    o.label.clone(),
                    breaks("documents using the code become invalid"),
                    files.clone(),
                );
                self.code_vectors(&list.key, &o.code, self.a);
            }
        }
        for old in &self.a.tables.code_lists {
            if !self.b.tables.code_lists.iter().any(|l| l.key == old.key) {
                let files = self.code_list_files(Kind::Removed, &old.key);
                self.push(
                    Area::CodeList,
                    Kind::Removed,
                    &old.key,
                    old.name.clone(),
                    breaks("its codes are no longer known"),
                    files,
                );
            }
        }
    }

    fn columns(&mut self, old: &CodeListTable, new: &CodeListTable, files: &[String]) {
        for column in &new.extra_columns {
            if !old.extra_columns.iter().any(|c| c.name == column.name) {
                let what = format!("column `{}` ({})", column.name, column_kind(column));
                self.push(
                    Area::CodeList,
                    Kind::Added,
                    &new.key,
                    what,
                    keeps("rows say what it means for them"),
                    files.to_vec(),
                );
            }
        }
        for column in &old.extra_columns {
            if !new.extra_columns.iter().any(|c| c.name == column.name) {
                let what = format!("column `{}`", column.name);
                self.push(
                    Area::CodeList,
                    Kind::Removed,
                    &new.key,
                    what,
                    keeps("the column no longer constrains the codes"),
                    files.to_vec(),
                );
            }
        }
        if old.dated != new.dated {
            let what = if new.dated { "validity columns added" } else { "validity columns removed" };
            self.push(
                Area::CodeList,
                Kind::Changed,
                &new.key,
                what.into(),
                keeps("rows say when they apply"),
                files.to_vec(),
            );
        }
    }

    fn code_added(&mut self, list: &CodeListTable, row: &CodeRow, files: Vec<String>) {
        let item = format!("{} {}", list.key, row.code);
        let mut what = format!("{} ({})", row.label, row.provenance.as_str());
        for (column, value) in list.extra_columns.iter().zip(&row.extra) {
            if !value.is_empty() {
                let _ = write!(what, "; {} `{value}`", column.name);
            }
        }
        what.push_str(&validity_text(&row.validity));
        self.push(Area::Code, Kind::Added, &item, what, keeps("a new code"), files);
        self.code_vectors(&list.key, &row.code, self.b);
    }

    fn code_changed(
        &mut self,
        old_list: &CodeListTable,
        list: &CodeListTable,
        o: &CodeRow,
        row: &CodeRow,
        files: &[String],
    ) {
        let item = format!("{} {}", list.key, row.code);
        let mut facets: Vec<(String, Verdict)> = Vec::new();
        if o.label != row.label {
            facets.push((format!("label `{}` → `{}`", o.label, row.label), keeps("a label")));
        }
        if o.provenance != row.provenance || o.source != row.source {
            let what = format!(
                "provenance {} ({}) → {} ({})",
                o.provenance.as_str(),
                o.source,
                row.provenance.as_str(),
                row.source
            );
            facets.push((what, keeps("documentation")));
        }
        for (column, value) in list.extra_columns.iter().zip(&row.extra) {
            let index = old_list.extra_columns.iter().position(|c| c.name == column.name);
            let old_value = index.map_or("", |i| o.extra[i].as_str());
            if old_value != value {
                let what = format!("{} `{old_value}` → `{value}`", column.name);
                let verdict = if column.bound {
                    bound_verdict(&column.name, self.bound(self.a, old_value), self.bound(self.b, value))
                } else {
                    extra_verdict(column, old_value, value)
                };
                facets.push((what, verdict));
            }
        }
        let (a, b) = (&o.validity, &row.validity);
        for (field, old, new) in [
            ("valid_from", &a.valid_from, &b.valid_from),
            ("deprecated_from", &a.deprecated_from, &b.deprecated_from),
            ("replaced_by", &a.replaced_by, &b.replaced_by),
        ] {
            if old != new {
                facets.push((format!("{field} {} → {}", opt(old), opt(new)), keeps("dates only ever warn")));
            }
        }
        for (what, verdict) in facets {
            self.push(Area::Code, Kind::Changed, &item, what, verdict, files.to_vec());
            self.code_vectors(&list.key, &row.code, self.b);
        }
    }

    /// The number a `bound` cell stands for in `side`'s tables.
    fn bound(&self, side: &Dictionary, value: &str) -> Option<u64> {
        if value.is_empty() { None } else { crate::check::value_bound(value, &side.limits).ok() }
    }

    /// The vector of a diagnostic code, in the folder of `side`'s version.
    fn code_vectors(&mut self, key: &str, code: &str, side: &Dictionary) {
        if key == VECTOR_LIST {
            let vectors = vec![format!("generated/vectors/{}/arl/{code}-*.eml", side.version)];
            self.with_vectors(vectors);
        }
    }

    fn limits(&mut self) {
        let old: BTreeMap<&str, &LimitRow> = self.a.tables.limits.iter().map(|l| (l.name.as_str(), l)).collect();
        for l in &self.b.tables.limits {
            let files = self.limit_files(Kind::Added, &l.name);
            match old.get(l.name.as_str()) {
                None => {
                    let what = format!("{} {} ({})", l.value, l.unit, l.provenance.as_str());
                    self.push(
                        Area::Limit,
                        Kind::Added,
                        &l.name,
                        what,
                        keeps("a new limit constrains nothing until a rule or element uses it"),
                        files,
                    );
                }
                Some(o) => {
                    if o.value != l.value {
                        let what = format!("{} → {} {}", o.value, l.value, l.unit);
                        self.push(
                            Area::Limit,
                            Kind::Changed,
                            &l.name,
                            what,
                            limit_verdict(&l.name, o.value, l.value),
                            files.clone(),
                        );
                    }
                    if o.unit != l.unit || o.provenance != l.provenance || o.source != l.source || o.reason != l.reason
                    {
                        let what = format!(
                            "unit, provenance, source or reason ({} → {})",
                            o.provenance.as_str(),
                            l.provenance.as_str()
                        );
                        self.push(Area::Limit, Kind::Changed, &l.name, what, keeps("documentation"), files);
                    }
                }
            }
        }
        for o in self.a.tables.limits.iter().filter(|o| !self.b.tables.limits.iter().any(|l| l.name == o.name)) {
            let files = self.limit_files(Kind::Removed, &o.name);
            self.push(
                Area::Limit,
                Kind::Removed,
                &o.name,
                format!("{} {}", o.value, o.unit),
                breaks("whatever relied on it changes"),
                files,
            );
        }
    }

    /// `limits.rs`, and the messages whose cardinalities or value bounds name the limit.
    fn limit_files(&self, kind: Kind, name: &str) -> Vec<String> {
        let d = self.side(kind);
        let mut files = vec![self.src(kind, "limits.rs")];
        let uses = |text: &str| text.split("..").any(|part| part == name);
        let mut messages: BTreeSet<&str> = d
            .tables
            .elements
            .iter()
            .filter(|e| uses(&e.occurs) || [&e.min_value, &e.max_value].into_iter().flatten().any(|v| v == name))
            .map(|e| e.message.as_str())
            .collect();
        messages.extend(
            d.tables.messages.iter().filter(|m| m.groups.iter().any(|g| uses(&g.occurs))).map(|m| m.profil.as_str()),
        );
        for profil in messages {
            files.extend(self.message_files(kind, profil));
        }
        files
    }

    fn rules(&mut self) {
        for r in &self.b.tables.rules {
            let files = vec![self.src(Kind::Added, "rules.rs")];
            let Some(o) = self.a.tables.rules.iter().find(|o| o.id == r.id) else {
                let what = format!("{} ({}, {}): {}", r.check, r.severity, r.applies_to, r.description);
                let verdict = if r.severity == "error" {
                    breaks("a new error rule")
                } else {
                    keeps(format!("a new {} rule", r.severity))
                };
                self.push(Area::Rule, Kind::Added, &r.id, what, verdict, files);
                continue;
            };
            let opt = |v: &Option<String>| v.clone().unwrap_or_default();
            for (field, old, new, verdict) in [
                ("check", o.check.clone(), r.check.clone(), breaks("another check raises it")),
                ("applies_to", o.applies_to.clone(), r.applies_to.clone(), breaks("it applies elsewhere")),
                ("element", opt(&o.element), opt(&r.element), breaks("it applies to another element")),
                ("decided_by", o.decided_by.clone(), r.decided_by.clone(), decided_by_verdict(&r.decided_by)),
                (
                    "header_cause",
                    opt(&o.header_cause),
                    opt(&r.header_cause),
                    keeps("the ARL cause changes, not what is valid"),
                ),
                (
                    "dossier_cause",
                    opt(&o.dossier_cause),
                    opt(&r.dossier_cause),
                    keeps("the ARL cause changes, not what is valid"),
                ),
                (
                    "provenance",
                    o.provenance.as_str().to_owned(),
                    r.provenance.as_str().to_owned(),
                    keeps("documentation"),
                ),
                ("description", o.description.clone(), r.description.clone(), keeps("documentation")),
                ("description_fr", o.description_fr.clone(), r.description_fr.clone(), keeps("documentation")),
                ("source", o.source.clone(), r.source.clone(), keeps("documentation")),
            ] {
                if old != new {
                    self.push(
                        Area::Rule,
                        Kind::Changed,
                        &r.id,
                        format!("{field} `{old}` → `{new}`"),
                        verdict,
                        files.clone(),
                    );
                }
            }
            if o.severity != r.severity {
                let verdict = if r.severity == "error" { breaks("now an error") } else { keeps("no longer an error") };
                self.push(
                    Area::Rule,
                    Kind::Changed,
                    &r.id,
                    format!("severity {} → {}", o.severity, r.severity),
                    verdict,
                    files,
                );
            }
        }
        for o in self.a.tables.rules.iter().filter(|o| !self.b.tables.rules.iter().any(|r| r.id == o.id)) {
            let files = vec![self.src(Kind::Removed, "rules.rs")];
            self.push(Area::Rule, Kind::Removed, &o.id, o.description.clone(), keeps("one rule fewer"), files);
        }
    }

    fn file_names(&mut self) {
        for f in &self.b.tables.file_names {
            let files = vec![self.src(Kind::Added, "file_names.rs")];
            let every_vector = VECTOR_FILE_NAMES.contains(&f.name.as_str());
            let Some(o) = self.a.tables.file_names.iter().find(|o| o.name == f.name) else {
                self.push(
                    Area::FileName,
                    Kind::Added,
                    &f.name,
                    format!("`{}`", f.pattern),
                    keeps("a new file name"),
                    files,
                );
                continue;
            };
            if o.pattern != f.pattern {
                let what = format!("pattern `{}` → `{}`", o.pattern, f.pattern);
                self.push(Area::FileName, Kind::Changed, &f.name, what, breaks("pattern rewritten"), files.clone());
                if every_vector {
                    self.with_vectors(vec![format!("generated/vectors/{}/arl/*.eml", self.b.version)]);
                }
            }
            for (field, old, new) in [
                ("canonical_extension", &o.canonical_extension, &f.canonical_extension),
                ("example", &o.example, &f.example),
            ] {
                if old != new {
                    let what = format!("{field} `{old}` → `{new}`");
                    self.push(
                        Area::FileName,
                        Kind::Changed,
                        &f.name,
                        what,
                        keeps("another extension case only warns"),
                        files.clone(),
                    );
                    if every_vector && field == "example" {
                        self.with_vectors(vec![format!("generated/vectors/{}/arl/*.eml", self.b.version)]);
                    }
                }
            }
        }
        for o in self.a.tables.file_names.iter().filter(|o| !self.b.tables.file_names.iter().any(|f| f.name == o.name))
        {
            let files = vec![self.src(Kind::Removed, "file_names.rs")];
            self.push(
                Area::FileName,
                Kind::Removed,
                &o.name,
                format!("`{}`", o.pattern),
                breaks("files of that name are no longer known"),
                files,
            );
        }
    }

    fn grammar(&mut self) {
        let (Some(o), Some(g)) = (&self.a.tables.recipients, &self.b.tables.recipients) else { return };
        let mut files = vec![self.src(Kind::Changed, "grammars.rs")];
        if let Some(e) = self.b.tables.elements.iter().find(|e| e.id == g.element) {
            files.push(format!("generated/xsd/{}/{}.xsd", self.b.version, e.message));
        }
        let item = "recipients";
        for (field, old, new) in [
            ("element", &o.element, &g.element),
            ("item_separator", &o.item_separator, &g.item_separator),
            ("role_separator", &o.role_separator, &g.role_separator),
            ("roles", &o.roles, &g.roles),
            ("address_pattern", &o.address_pattern, &g.address_pattern),
        ] {
            if old != new {
                self.push(
                    Area::Grammar,
                    Kind::Changed,
                    item,
                    format!("{field} `{old}` → `{new}`"),
                    breaks("the grammar changed"),
                    files.clone(),
                );
            }
        }
        if o.spaces_around_separators != g.spaces_around_separators {
            let verdict = if g.spaces_around_separators {
                keeps("spaces now allowed")
            } else {
                breaks("spaces no longer allowed")
            };
            let what =
                format!("spaces_around_separators {} → {}", o.spaces_around_separators, g.spaces_around_separators);
            self.push(Area::Grammar, Kind::Changed, item, what, verdict, files.clone());
        }
        for combination in g.combinations.iter().filter(|c| !o.combinations.contains(c)) {
            self.push(
                Area::Grammar,
                Kind::Added,
                item,
                format!("combination {}", combination.join("+")),
                keeps("one more combination allowed"),
                files.clone(),
            );
        }
        for combination in o.combinations.iter().filter(|c| !g.combinations.contains(c)) {
            self.push(
                Area::Grammar,
                Kind::Removed,
                item,
                format!("combination {}", combination.join("+")),
                breaks("a combination no longer allowed"),
                files.clone(),
            );
        }
    }

    fn routes(&mut self) {
        let key = |r: &crate::load::RouteRow| (r.regime.clone(), r.code.clone());
        let old: BTreeMap<_, _> = self.a.tables.routes.iter().map(|r| (key(r), r)).collect();
        let new: BTreeMap<_, _> = self.b.tables.routes.iter().map(|r| (key(r), r)).collect();
        let first_changed =
            self.a.tables.routes.first().map(|r| &r.address) != self.b.tables.routes.first().map(|r| &r.address);
        for (k, r) in &new {
            let item = format!("{}/{}", k.0, k.1);
            let files = vec![self.src(Kind::Added, "routing.rs")];
            match old.get(k) {
                None => self.push(
                    Area::Route,
                    Kind::Added,
                    &item,
                    format!("`{}`", r.address),
                    keeps("a new address"),
                    files,
                ),
                Some(o) if o.address != r.address => {
                    let what = format!("`{}` → `{}`", o.address, r.address);
                    self.push(
                        Area::Route,
                        Kind::Changed,
                        &item,
                        what,
                        breaks("lots must go to the new address"),
                        files,
                    );
                }
                Some(_) => continue,
            }
            if first_changed && self.b.tables.routes.first().is_some_and(|f| key(f) == *k) {
                self.with_vectors(vec![format!("generated/vectors/{}/arl/*.eml", self.b.version)]);
            }
        }
        for (k, o) in old.iter().filter(|(k, _)| !new.contains_key(*k)) {
            let item = format!("{}/{}", k.0, k.1);
            let files = vec![self.src(Kind::Removed, "routing.rs")];
            self.push(
                Area::Route,
                Kind::Removed,
                &item,
                format!("`{}`", o.address),
                breaks("lots can no longer be routed there"),
                files,
            );
        }
    }
}

fn num(value: Option<u64>) -> String {
    value.map_or_else(|| "(none)".to_owned(), |v| v.to_string())
}

fn column_kind(column: &ExtraColumn) -> String {
    if column.elements {
        "data elements the code requires".to_owned()
    } else if let Some(list) = &column.code_list {
        format!("codes of `{list}`")
    } else {
        format!("one of {}", column.values.join(", "))
    }
}

fn validity_text(v: &Validity) -> String {
    let mut out = String::new();
    for (field, value) in
        [("valid_from", &v.valid_from), ("deprecated_from", &v.deprecated_from), ("replaced_by", &v.replaced_by)]
    {
        if let Some(value) = value {
            let _ = write!(out, "; {field} `{value}`");
        }
    }
    out
}

/// Codes allowed by a `many` column (allowed specialties) or elements required by an `elements`
/// column: fewer allowed or more required breaks; a column of fixed values or one code changes the
/// meaning of the code, which counts as breaking.
fn extra_verdict(column: &ExtraColumn, old: &str, new: &str) -> Verdict {
    let set = |v: &str| -> BTreeSet<String> { v.split_whitespace().map(str::to_owned).collect() };
    let (old_set, new_set) = (set(old), set(new));
    if column.elements {
        return if new_set.is_subset(&old_set) {
            keeps("fewer data elements required")
        } else {
            breaks("more data elements required")
        };
    }
    if column.many {
        let allows_all = |s: &BTreeSet<String>| s.contains("*");
        let widened = allows_all(&new_set) || (!allows_all(&old_set) && old_set.is_subset(&new_set));
        return if widened { keeps("more codes allowed") } else { breaks("codes no longer allowed") };
    }
    breaks("the meaning of the code changed")
}

/// A `bound` column changed: tightened or loosened by its name's direction, like a limit; a value
/// added where there was none constrains more, one removed constrains less.
fn bound_verdict(column: &str, old: Option<u64>, new: Option<u64>) -> Verdict {
    match (old, new) {
        (Some(old), Some(new)) => limit_verdict(column, old, new),
        (None, Some(_)) => breaks("a value now constrains the code"),
        (_, None) => keeps("no value constrains the code any more"),
    }
}

/// A rule moved to the receiving point now changes the ARL (lots it accepted may be rejected); moved
/// away from it, it stays a finding but no longer rejects.
fn decided_by_verdict(new: &str) -> Verdict {
    if new == "pair" {
        breaks("the receiving point now decides it: the predicted ARL may reject lots it accepted")
    } else {
        keeps("the receiving point no longer decides it: the predicted ARL no longer rejects on it")
    }
}

/// A limit whose name says `max` is tightened when lowered, `min` when raised; a threshold whose
/// direction the name does not tell (`…_permille`, neither `max` nor `min`) counts as breaking.
fn limit_verdict(name: &str, old: u64, new: u64) -> Verdict {
    let words: Vec<&str> = name.split('_').collect();
    let (max, min) = (words.contains(&"max"), words.contains(&"min"));
    if name.ends_with("_permille") || max == min {
        return breaks("direction of the threshold unknown");
    }
    if (max && new < old) || (min && new > old) { breaks("limit tightened") } else { keeps("limit loosened") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_tightened_by_their_direction() {
        assert!(limit_verdict("pj_max_bytes", 250_000, 200_000).0);
        assert!(!limit_verdict("pj_max_bytes", 250_000, 500_000).0);
        assert!(limit_verdict("scan_dpi_min", 150, 200).0);
        assert!(!limit_verdict("indice_min", 1, 0).0);
        assert!(limit_verdict("quality_blank_max_content_permille", 1, 2).0, "unknown direction");
        assert!(limit_verdict("pj_lot_max_days_after_invoice", 30, 20).0);
    }

    #[test]
    fn extra_columns_break_when_they_allow_less_or_require_more() {
        let many = ExtraColumn {
            name: "allowed".into(),
            values: vec![],
            code_list: Some("x".into()),
            many: true,
            elements: false,
            bound: false,
        };
        assert!(!extra_verdict(&many, "01", "01 02").0);
        assert!(extra_verdict(&many, "01 02", "01").0);
        assert!(extra_verdict(&many, "*", "01").0);
        assert!(!extra_verdict(&many, "01", "*").0);
        let elements = ExtraColumn { elements: true, many: false, code_list: None, ..many };
        assert!(extra_verdict(&elements, "", "EF_A").0);
        assert!(!extra_verdict(&elements, "EF_A EF_B", "EF_A").0);
    }
}

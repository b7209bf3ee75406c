//! Stage 1: read the tables of one dictionary version into typed rows, each row remembering its
//! `file:line`. Only the form of each cell is checked here; relations between tables are `check`'s job.

use crate::error::{At, Error, SpecError, io};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Provenance {
    Seed,
    Public,
    Modelled,
}

impl Provenance {
    fn parse(text: &str) -> Option<Self> {
        match text {
            "seed" => Some(Self::Seed),
            "public" => Some(Self::Public),
            "modelled" => Some(Self::Modelled),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Seed => "seed",
            Self::Public => "public",
            Self::Modelled => "modelled",
        }
    }
}

/// Every table of one version, as read.
#[derive(Debug, Clone)]
pub struct Tables {
    /// The version folder relative to the repository root, e.g. `spec/scor/2.13`.
    pub dir: String,
    /// Every file of the folder (path relative to the repository root → bytes), for checksums.
    pub files: BTreeMap<String, Vec<u8>>,
    pub version: VersionRow,
    pub messages: Vec<MessageRow>,
    pub elements: Vec<ElementRow>,
    pub code_lists: Vec<CodeListTable>,
    pub routes: Vec<RouteRow>,
    pub rules: Vec<RuleRow>,
    pub limits: Vec<LimitRow>,
    pub file_names: Vec<FileNameRow>,
    pub recipients: Option<RecipientsRow>,
}

#[derive(Debug, Clone)]
pub struct VersionRow {
    pub at: At,
    pub version: String,
    pub corpus: String,
    pub seh_contract: String,
    pub provenance: Provenance,
    /// `applicable` (the version the seeds call applicable: checked by default) or `modelled`.
    pub status: String,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct MessageRow {
    pub at: At,
    pub profil: String,
    pub description: String,
    pub root: String,
    pub namespace: String,
    pub version: String,
    pub file: String,
    pub level: String,
    pub confidential: bool,
    pub provenance: Provenance,
    pub source: String,
    pub groups: Vec<GroupRow>,
}

#[derive(Debug, Clone)]
pub struct GroupRow {
    pub at: At,
    pub path: String,
    pub occurs: String,
}

#[derive(Debug, Clone)]
pub struct ElementRow {
    pub at: At,
    pub id: String,
    pub message: String,
    pub path: String,
    pub name: String,
    pub kind: String,
    pub min_length: usize,
    pub max_length: usize,
    pub pattern: Option<String>,
    pub min_value: Option<String>,
    pub max_value: Option<String>,
    pub code_list: Option<String>,
    pub occurs: String,
    pub provenance: Provenance,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct CodeListTable {
    pub at: At,
    /// Key in `code-lists.toml`, also the CSV's file stem (`nature-pj`).
    pub key: String,
    /// Rust type name (`NaturePj`).
    pub name: String,
    pub description: String,
    pub file: String,
    pub extra_columns: Vec<ExtraColumn>,
    /// Whether the CSV has the validity columns (`VALIDITY_COLUMNS`).
    pub dated: bool,
    pub codes: Vec<CodeRow>,
}

#[derive(Debug, Clone)]
pub struct ExtraColumn {
    pub name: String,
    pub values: Vec<String>,
    pub code_list: Option<String>,
    pub many: bool,
    /// The column lists data element ids (space-separated): the elements a message using the code must carry.
    pub elements: bool,
    /// The column holds a whole number or the name of a limit of `limits.csv` (empty: no value).
    pub bound: bool,
}

/// The optional validity columns of a code list, in this order, just before `provenance`.
pub const VALIDITY_COLUMNS: [&str; 3] = ["valid_from", "deprecated_from", "replaced_by"];

/// When a row applies, as phive dates its rule sets: valid from a day, deprecated from a day (still
/// accepted, with a warning), replaced by another code of the same list. Dates are `AAAA-MM-JJ`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validity {
    pub valid_from: Option<String>,
    pub deprecated_from: Option<String>,
    pub replaced_by: Option<String>,
}

impl Validity {
    pub fn is_empty(&self) -> bool {
        self.valid_from.is_none() && self.deprecated_from.is_none() && self.replaced_by.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct CodeRow {
    pub at: At,
    pub code: String,
    pub label: String,
    /// Values of the extra columns, in the order of `CodeListTable::extra_columns`.
    pub extra: Vec<String>,
    pub validity: Validity,
    pub provenance: Provenance,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct RouteRow {
    pub at: At,
    pub regime: String,
    pub code: String,
    pub address: String,
    pub provenance: Provenance,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct RuleRow {
    pub at: At,
    pub id: String,
    pub check: String,
    /// `lot` (checks of what an éditeur sends) or `return` (checks of an ARL or service message).
    pub applies_to: String,
    pub element: Option<String>,
    pub severity: String,
    /// `pair` (the receiving point's automated controls: the ARL), `caisse` (usability of a PJ when the
    /// invoice is paid) or `ps` (the PS's own duties before sending).
    pub decided_by: String,
    pub header_cause: Option<String>,
    pub dossier_cause: Option<String>,
    pub provenance: Provenance,
    pub source: String,
    pub description: String,
    /// The same description in French (`description_fr`), for reports and `explain` in French.
    pub description_fr: String,
}

#[derive(Debug, Clone)]
pub struct LimitRow {
    pub at: At,
    pub name: String,
    pub value: u64,
    pub unit: String,
    pub provenance: Provenance,
    pub source: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct FileNameRow {
    pub at: At,
    pub name: String,
    pub pattern: String,
    pub canonical_extension: String,
    pub example: String,
    pub provenance: Provenance,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct RecipientsRow {
    pub at: At,
    pub element: String,
    pub item_separator: String,
    pub role_separator: String,
    pub spaces_around_separators: bool,
    pub roles: String,
    pub address_pattern: String,
    pub combinations: Vec<Vec<String>>,
    pub provenance: Provenance,
    pub source: String,
}

/// Read every table of `repo_root/dir`.
pub fn load(repo_root: &Path, dir: &str) -> Result<Tables, Error> {
    let mut reader = Reader { root: repo_root, dir, errors: Vec::new(), files: BTreeMap::new() };
    reader.read_all_files()?;
    let version = reader.version();
    let messages = reader.messages();
    let elements = reader.elements();
    let code_lists = reader.code_lists();
    let routes = reader.routes();
    let rules = reader.rules();
    let limits = reader.limits();
    let file_names = reader.file_names();
    let recipients = reader.recipients();
    if !reader.errors.is_empty() {
        return Err(Error::Spec(reader.errors));
    }
    Ok(Tables {
        dir: dir.to_owned(),
        files: reader.files,
        version: version.expect("version.toml read without error"),
        messages,
        elements,
        code_lists,
        routes,
        rules,
        limits,
        file_names,
        recipients,
    })
}

struct Reader<'a> {
    root: &'a Path,
    dir: &'a str,
    errors: Vec<SpecError>,
    files: BTreeMap<String, Vec<u8>>,
}

/// One CSV row: its place and its cells by column name.
struct Row {
    at: At,
    cells: BTreeMap<String, String>,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        self.cells.get(column).map(String::as_str).unwrap_or("")
    }

    fn optional(&self, column: &str) -> Option<String> {
        Some(self.get(column).trim()).filter(|v| !v.is_empty()).map(str::to_owned)
    }
}

impl Reader<'_> {
    fn read_all_files(&mut self) -> Result<(), Error> {
        let base = self.root.join(self.dir);
        let mut stack = vec![base.clone()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).map_err(io(&dir))? {
                let path = entry.map_err(io(&dir))?.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let bytes = fs::read(&path).map_err(io(&path))?;
                    let rel = path.strip_prefix(self.root).unwrap_or(&path);
                    self.files.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
                }
            }
        }
        Ok(())
    }

    fn path(&self, name: &str) -> String {
        format!("{}/{name}", self.dir)
    }

    fn text(&mut self, name: &str) -> Option<(String, String)> {
        let path = self.path(name);
        match self.files.get(&path).map(|bytes| String::from_utf8(bytes.clone())) {
            Some(Ok(text)) => Some((path, text)),
            Some(Err(_)) => {
                self.errors.push(At::new(&path, 1).error("not UTF-8"));
                None
            }
            None => {
                self.errors.push(At::new(&path, 1).error("table missing"));
                None
            }
        }
    }

    /// The header row of a CSV table, when it can be read.
    fn header_of(&self, name: &str) -> Option<Vec<String>> {
        let bytes = self.files.get(&self.path(name))?;
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes.as_slice());
        reader.headers().ok().map(|h| h.iter().map(str::to_owned).collect())
    }

    /// Rows of a CSV table whose header must be exactly `columns`.
    fn csv(&mut self, name: &str, columns: &[&str]) -> Vec<Row> {
        let Some((path, text)) = self.text(name) else { return Vec::new() };
        self.csv_text(&path, &text, columns)
    }

    fn csv_text(&mut self, path: &str, text: &str, columns: &[&str]) -> Vec<Row> {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(str::to_owned).collect(),
            Err(e) => {
                self.errors.push(At::new(path, 1).error(format!("unreadable header: {e}")));
                return Vec::new();
            }
        };
        if header != columns {
            self.errors.push(At::new(path, 1).error(format!(
                "columns are `{}`; expected `{}`",
                header.join(","),
                columns.join(",")
            )));
            return Vec::new();
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| p.line() as usize);
                    let cells = header.iter().cloned().zip(record.iter().map(str::to_owned)).collect();
                    rows.push(Row { at: At::new(path, line), cells });
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    self.errors.push(At::new(path, line).error(format!("unreadable row: {e}")));
                }
            }
        }
        rows
    }

    fn provenance(&mut self, row: &Row) -> Provenance {
        let text = row.get("provenance");
        Provenance::parse(text).unwrap_or_else(|| {
            self.errors.push(row.at.error(format!("provenance `{text}` is not seed, public or modelled")));
            Provenance::Modelled
        })
    }

    fn number<T: std::str::FromStr + Default>(&mut self, row: &Row, column: &str) -> T {
        let text = row.get(column).trim();
        text.parse().unwrap_or_else(|_| {
            self.errors.push(row.at.error(format!("{column} `{text}` is not a whole number")));
            T::default()
        })
    }

    fn toml<T: for<'de> Deserialize<'de>>(&mut self, name: &str) -> Option<(String, String, T)> {
        let (path, text) = self.text(name)?;
        match toml::from_str::<T>(&text) {
            Ok(value) => Some((path, text, value)),
            Err(e) => {
                let line = e.span().map_or(1, |span| line_of(&text, span.start));
                self.errors.push(At::new(&path, line).error(e.message().to_owned()));
                None
            }
        }
    }

    fn version(&mut self) -> Option<VersionRow> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            dictionary: toml::Spanned<Dict>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Dict {
            version: String,
            corpus: String,
            seh_contract: String,
            provenance: String,
            status: String,
            source: String,
        }
        let (path, text, file) = self.toml::<File>("version.toml")?;
        let at = At::new(&path, line_of(&text, file.dictionary.span().start));
        let dict = file.dictionary.into_inner();
        let provenance = Provenance::parse(&dict.provenance).unwrap_or_else(|| {
            self.errors.push(at.error(format!("provenance `{}` is not seed, public or modelled", dict.provenance)));
            Provenance::Modelled
        });
        Some(VersionRow {
            at,
            version: dict.version,
            corpus: dict.corpus,
            seh_contract: dict.seh_contract,
            provenance,
            status: dict.status,
            source: dict.source,
        })
    }

    fn messages(&mut self) -> Vec<MessageRow> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Message {
            description: String,
            root: String,
            namespace: String,
            version: String,
            profil: String,
            file: String,
            level: String,
            #[serde(default)]
            confidential: bool,
            provenance: String,
            source: String,
            groups: Vec<toml::Spanned<Group>>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Group {
            path: String,
            occurs: String,
        }
        let Some((path, text, file)) = self.toml::<BTreeMap<String, toml::Spanned<Message>>>("messages.toml") else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for (key, message) in file {
            let at = At::new(&path, line_of(&text, message.span().start));
            let m = message.into_inner();
            let provenance = Provenance::parse(&m.provenance).unwrap_or_else(|| {
                self.errors.push(at.error(format!("provenance `{}` is not seed, public or modelled", m.provenance)));
                Provenance::Modelled
            });
            if key != m.profil {
                self.errors.push(at.error(format!("table `{key}` must be named after its profil `{}`", m.profil)));
            }
            let groups = m
                .groups
                .into_iter()
                .map(|g| {
                    let at = At::new(&path, line_of(&text, g.span().start));
                    let g = g.into_inner();
                    GroupRow { at, path: g.path, occurs: g.occurs }
                })
                .collect();
            rows.push(MessageRow {
                at,
                profil: m.profil,
                description: m.description,
                root: m.root,
                namespace: m.namespace,
                version: m.version,
                file: m.file,
                level: m.level,
                confidential: m.confidential,
                provenance,
                source: m.source,
                groups,
            });
        }
        rows
    }

    fn elements(&mut self) -> Vec<ElementRow> {
        let columns = [
            "id",
            "message",
            "path",
            "name",
            "type",
            "min_length",
            "max_length",
            "pattern",
            "min_value",
            "max_value",
            "code_list",
            "occurs",
            "provenance",
            "source",
        ];
        let rows = self.csv("data-elements.csv", &columns);
        rows.iter()
            .map(|row| ElementRow {
                at: row.at.clone(),
                id: row.get("id").to_owned(),
                message: row.get("message").to_owned(),
                path: row.get("path").to_owned(),
                name: row.get("name").to_owned(),
                kind: row.get("type").to_owned(),
                min_length: self.number(row, "min_length"),
                max_length: self.number(row, "max_length"),
                pattern: row.optional("pattern"),
                min_value: row.optional("min_value"),
                max_value: row.optional("max_value"),
                code_list: row.optional("code_list"),
                occurs: row.get("occurs").to_owned(),
                provenance: self.provenance(row),
                source: row.get("source").to_owned(),
            })
            .collect()
    }

    fn code_lists(&mut self) -> Vec<CodeListTable> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct List {
            name: String,
            description: String,
            #[serde(default)]
            extra_columns: Vec<Extra>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Extra {
            name: String,
            #[serde(default)]
            values: Vec<String>,
            code_list: Option<String>,
            #[serde(default)]
            many: bool,
            #[serde(default)]
            elements: bool,
            #[serde(default)]
            bound: bool,
        }
        let Some((path, text, lists)) = self.toml::<BTreeMap<String, toml::Spanned<List>>>("code-lists.toml") else {
            return Vec::new();
        };
        let mut tables = Vec::new();
        for (key, list) in lists {
            let at = At::new(&path, line_of(&text, list.span().start));
            let list = list.into_inner();
            let extra_columns: Vec<ExtraColumn> = list
                .extra_columns
                .into_iter()
                .map(|e| ExtraColumn {
                    name: e.name,
                    values: e.values,
                    code_list: e.code_list,
                    many: e.many,
                    elements: e.elements,
                    bound: e.bound,
                })
                .collect();
            let file = format!("codes/{key}.csv");
            let mut columns = vec!["code", "label"];
            columns.extend(extra_columns.iter().map(|e| e.name.as_str()));
            let mut dated_columns = columns.clone();
            dated_columns.extend(VALIDITY_COLUMNS);
            columns.extend(["provenance", "source"]);
            dated_columns.extend(["provenance", "source"]);
            // The validity columns are optional: a list has all three or none.
            let dated = self.header_of(&file).is_some_and(|header| header == dated_columns);
            let rows = self.csv(&file, if dated { &dated_columns } else { &columns });
            let codes = rows
                .iter()
                .map(|row| CodeRow {
                    at: row.at.clone(),
                    code: row.get("code").to_owned(),
                    label: row.get("label").to_owned(),
                    extra: extra_columns.iter().map(|e| row.get(&e.name).trim().to_owned()).collect(),
                    validity: Validity {
                        valid_from: row.optional("valid_from"),
                        deprecated_from: row.optional("deprecated_from"),
                        replaced_by: row.optional("replaced_by"),
                    },
                    provenance: self.provenance(row),
                    source: row.get("source").to_owned(),
                })
                .collect();
            tables.push(CodeListTable {
                at,
                key,
                name: list.name,
                description: list.description,
                file: self.path(&file),
                extra_columns,
                dated,
                codes,
            });
        }
        tables
    }

    fn routes(&mut self) -> Vec<RouteRow> {
        let rows = self.csv("routing-addresses.csv", &["regime", "code", "address", "provenance", "source"]);
        rows.iter()
            .map(|row| RouteRow {
                at: row.at.clone(),
                regime: row.get("regime").to_owned(),
                code: row.get("code").to_owned(),
                address: row.get("address").to_owned(),
                provenance: self.provenance(row),
                source: row.get("source").to_owned(),
            })
            .collect()
    }

    fn rules(&mut self) -> Vec<RuleRow> {
        let columns = [
            "id",
            "check",
            "applies_to",
            "element",
            "severity",
            "decided_by",
            "header_cause",
            "dossier_cause",
            "provenance",
            "source",
            "description",
            "description_fr",
        ];
        let rows = self.csv("rules.csv", &columns);
        rows.iter()
            .map(|row| RuleRow {
                at: row.at.clone(),
                id: row.get("id").to_owned(),
                check: row.get("check").to_owned(),
                applies_to: row.get("applies_to").to_owned(),
                element: row.optional("element"),
                severity: row.get("severity").to_owned(),
                decided_by: row.get("decided_by").to_owned(),
                header_cause: row.optional("header_cause"),
                dossier_cause: row.optional("dossier_cause"),
                provenance: self.provenance(row),
                source: row.get("source").to_owned(),
                description: row.get("description").to_owned(),
                description_fr: row.get("description_fr").to_owned(),
            })
            .collect()
    }

    fn limits(&mut self) -> Vec<LimitRow> {
        let rows = self.csv("limits.csv", &["name", "value", "unit", "provenance", "source", "reason"]);
        rows.iter()
            .map(|row| LimitRow {
                at: row.at.clone(),
                name: row.get("name").to_owned(),
                value: self.number(row, "value"),
                unit: row.get("unit").to_owned(),
                provenance: self.provenance(row),
                source: row.get("source").to_owned(),
                reason: row.get("reason").to_owned(),
            })
            .collect()
    }

    fn file_names(&mut self) -> Vec<FileNameRow> {
        let columns = ["name", "pattern", "canonical_extension", "example", "provenance", "source"];
        let rows = self.csv("file-names.csv", &columns);
        rows.iter()
            .map(|row| FileNameRow {
                at: row.at.clone(),
                name: row.get("name").to_owned(),
                pattern: row.get("pattern").to_owned(),
                canonical_extension: row.get("canonical_extension").to_owned(),
                example: row.get("example").to_owned(),
                provenance: self.provenance(row),
                source: row.get("source").to_owned(),
            })
            .collect()
    }

    fn recipients(&mut self) -> Option<RecipientsRow> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            recipients: toml::Spanned<Grammar>,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Grammar {
            element: String,
            item_separator: String,
            role_separator: String,
            spaces_around_separators: bool,
            roles: String,
            address_pattern: String,
            combinations: Vec<Vec<String>>,
            provenance: String,
            source: String,
        }
        let (path, text, file) = self.toml::<File>("grammars.toml")?;
        let at = At::new(&path, line_of(&text, file.recipients.span().start));
        let g = file.recipients.into_inner();
        let provenance = Provenance::parse(&g.provenance).unwrap_or_else(|| {
            self.errors.push(at.error(format!("provenance `{}` is not seed, public or modelled", g.provenance)));
            Provenance::Modelled
        });
        Some(RecipientsRow {
            at,
            element: g.element,
            item_separator: g.item_separator,
            role_separator: g.role_separator,
            spaces_around_separators: g.spaces_around_separators,
            roles: g.roles,
            address_pattern: g.address_pattern,
            combinations: g.combinations,
            provenance,
            source: g.source,
        })
    }
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}

//! Stage 2: check the tables of one version against each other before anything is generated.
//! Every mistake is reported at its `file:line`; all of them at once, not just the first.

use crate::error::{At, SpecError};
use crate::load::{CodeListTable, CodeRow, ElementRow, RuleRow, Tables};
use crate::pattern;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Data element types (see `spec/README.md`).
pub const TYPES: [&str; 7] = ["alphanumeric", "numeric", "date", "datetime", "code", "identifier", "recipients"];

/// Limits the generator itself reads (the streaming XML reader's limits go into each `DICTIONARY`).
pub const READER_LIMITS: [&str; 5] =
    ["xml_max_bytes", "xml_max_depth", "xml_max_text_bytes", "xml_max_attributes", "xml_max_findings"];

pub const SEVERITIES: [&str; 3] = ["error", "warning", "info"];
/// What a rule checks: a lot the éditeur sends, a return (ARL, service message) it receives, or the
/// history of lots only the receiving side keeps.
pub const APPLIES_TO: [&str; 3] = ["lot", "return", "history"];
pub const LEVELS: [&str; 2] = ["header", "dossier"];
/// Who decides on a rule's findings: the receiving point (its controls make the ARL), the caisse
/// (usability of a PJ when the invoice is paid), or the PS (its own duties before sending).
pub const DECIDED_BY: [&str; 3] = ["pair", "caisse", "ps"];
/// A version's status: the one the seeds call applicable (checked by default), or one scor-kit models.
pub const STATUSES: [&str; 2] = ["applicable", "modelled"];

/// Every mistake found in `tables`.
pub fn check(tables: &Tables, folder_version: &str) -> Vec<SpecError> {
    let mut c = Checker { tables, errors: Vec::new() };
    if tables.version.version != folder_version {
        c.errors.push(
            tables
                .version
                .at
                .error(format!("version `{}` differs from its folder name `{folder_version}`", tables.version.version)),
        );
    }
    if !STATUSES.contains(&tables.version.status.as_str()) {
        let message = format!("status `{}` is not one of {}", tables.version.status, STATUSES.join(", "));
        c.errors.push(tables.version.at.error(message));
    }
    c.code_lists();
    c.limits();
    c.messages();
    c.elements();
    c.routes();
    c.rules();
    c.file_names();
    c.recipients();
    c.errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    c.errors
}

struct Checker<'a> {
    tables: &'a Tables,
    errors: Vec<SpecError>,
}

/// Parses a cardinality (`1`, `0..1`, `1..n`, `MIN..MAX` with numbers or limit names).
pub fn occurs(text: &str, limits: &BTreeMap<String, u64>) -> Result<(u32, u32), String> {
    let bound = |part: &str, upper: bool| -> Result<u32, String> {
        if upper && part == "n" {
            return Ok(u32::MAX);
        }
        if let Ok(n) = part.parse::<u32>() {
            return Ok(n);
        }
        limits
            .get(part)
            .and_then(|v| u32::try_from(*v).ok())
            .ok_or_else(|| format!("`{part}` is neither a number nor a limit of limits.csv"))
    };
    let (min, max) = match text.split_once("..") {
        Some((min, max)) => (bound(min, false)?, bound(max, true)?),
        None => {
            let n = bound(text, false)?;
            (n, n)
        }
    };
    if max == 0 || min > max {
        return Err(format!("cardinality `{text}` is empty"));
    }
    Ok((min, max))
}

/// A bound of `min_value`/`max_value`: a number, or the name of a limit.
pub fn value_bound(text: &str, limits: &BTreeMap<String, u64>) -> Result<u64, String> {
    text.parse::<u64>()
        .ok()
        .or_else(|| limits.get(text).copied())
        .ok_or_else(|| format!("`{text}` is neither a number nor a limit of limits.csv"))
}

pub fn limit_map(tables: &Tables) -> BTreeMap<String, u64> {
    tables.limits.iter().map(|l| (l.name.clone(), l.value)).collect()
}

impl Checker<'_> {
    fn push(&mut self, at: &At, message: impl Into<String>) {
        self.errors.push(at.error(message));
    }

    fn list(&self, key: &str) -> Option<&CodeListTable> {
        self.tables.code_lists.iter().find(|l| l.key == key)
    }

    fn has_code(&self, list: &str, code: &str) -> bool {
        self.list(list).is_some_and(|l| l.codes.iter().any(|c| c.code == code))
    }

    /// Checks pattern `source` and returns it anchored and compiled, when it compiles.
    fn regex(&mut self, at: &At, what: &str, source: &str) -> Option<regex_lite::Regex> {
        let compiled = regex_lite::Regex::new(&pattern::anchored(source));
        if let Err(e) = &compiled {
            self.push(at, format!("{what} `{source}` is not a valid regular expression: {e}"));
        } else if let Some(problem) = pattern::portability_problem(source) {
            self.push(at, format!("{what} `{source}` {problem}"));
        }
        compiled.ok()
    }

    fn code_lists(&mut self) {
        let mut names = HashMap::new();
        for list in &self.tables.code_lists {
            if !is_type_name(&list.name) {
                self.push(&list.at, format!("name `{}` is not a Rust type name (CamelCase)", list.name));
            }
            if let Some(first) = names.insert(list.name.clone(), list.at.line) {
                self.push(&list.at, format!("name `{}` already used at line {first}", list.name));
            }
            if list.codes.is_empty() {
                self.push(&list.at, format!("code list `{}` has no codes", list.key));
            }
            for column in &list.extra_columns {
                let kinds = usize::from(!column.values.is_empty())
                    + usize::from(column.code_list.is_some())
                    + usize::from(column.elements)
                    + usize::from(column.bound);
                if kinds != 1 {
                    self.push(
                        &list.at,
                        format!("extra column `{}` needs one of values, code_list, elements or bound", column.name),
                    );
                }
                if let Some(target) = &column.code_list
                    && self.list(target).is_none()
                {
                    self.push(
                        &list.at,
                        format!("extra column `{}` refers to a missing code list `{target}`", column.name),
                    );
                }
            }
            let mut seen = HashMap::new();
            for row in &list.codes {
                if row.code.trim().is_empty() || row.code.trim() != row.code {
                    self.push(&row.at, format!("code `{}` is empty or has surrounding spaces", row.code));
                }
                if let Some(first) = seen.insert(row.code.clone(), row.at.line) {
                    self.push(&row.at, format!("duplicate code `{}` (first at line {first})", row.code));
                }
                self.validity(list, row);
                for (column, value) in list.extra_columns.iter().zip(&row.extra) {
                    if !column.values.is_empty() && !column.values.contains(value) {
                        self.push(
                            &row.at,
                            format!("{} `{value}` is not one of {}", column.name, column.values.join(", ")),
                        );
                    }
                    if column.bound
                        && !value.is_empty()
                        && let Err(e) = value_bound(value, &limit_map(self.tables))
                    {
                        self.push(&row.at, format!("{} {e}", column.name));
                    }
                    if column.elements {
                        for id in value.split_whitespace() {
                            if !self.tables.elements.iter().any(|e| e.id == id) {
                                self.push(
                                    &row.at,
                                    format!("{} `{id}` is not a data element of data-elements.csv", column.name),
                                );
                            }
                        }
                    }
                    if let Some(target) = &column.code_list {
                        let codes: Vec<&str> =
                            if column.many { value.split_whitespace().collect() } else { vec![value.as_str()] };
                        for code in codes.into_iter().filter(|c| !(c.is_empty() || column.many && *c == "*")) {
                            if !self.has_code(target, code) {
                                self.push(
                                    &row.at,
                                    format!("{} `{code}` is not a code of list `{target}`", column.name),
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    /// Validity columns: real dates, deprecated after valid, replaced by another code of the list.
    fn validity(&mut self, list: &CodeListTable, row: &CodeRow) {
        let v = &row.validity;
        for (column, date) in [("valid_from", &v.valid_from), ("deprecated_from", &v.deprecated_from)] {
            if let Some(date) = date
                && !is_date(date)
            {
                self.push(&row.at, format!("{column} `{date}` is not a date AAAA-MM-JJ"));
            }
        }
        if let (Some(from), Some(deprecated)) = (&v.valid_from, &v.deprecated_from)
            && deprecated <= from
        {
            self.push(&row.at, format!("deprecated_from {deprecated} is not after valid_from {from}"));
        }
        if let Some(replacement) = &v.replaced_by {
            if v.deprecated_from.is_none() {
                self.push(&row.at, format!("replaced_by `{replacement}` needs a deprecated_from date"));
            }
            if replacement == &row.code || !list.codes.iter().any(|c| &c.code == replacement) {
                self.push(&row.at, format!("replaced_by `{replacement}` is not another code of list `{}`", list.key));
            }
        }
    }

    fn limits(&mut self) {
        let mut seen = HashMap::new();
        for limit in &self.tables.limits {
            if let Some(first) = seen.insert(limit.name.clone(), limit.at.line) {
                self.push(&limit.at, format!("duplicate limit `{}` (first at line {first})", limit.name));
            }
            if !limit.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                self.push(&limit.at, format!("limit name `{}` must be snake_case", limit.name));
            }
        }
        for name in READER_LIMITS {
            if !seen.contains_key(name) {
                let at = At::new(&format!("{}/limits.csv", self.tables.dir), 1);
                self.push(&at, format!("limit `{name}` is required by the XML reader"));
            }
        }
    }

    fn messages(&mut self) {
        let limits = limit_map(self.tables);
        let files: BTreeSet<&str> = self.tables.file_names.iter().map(|f| f.name.as_str()).collect();
        for message in &self.tables.messages {
            if !LEVELS.contains(&message.level.as_str()) {
                self.push(&message.at, format!("level `{}` is not one of {}", message.level, LEVELS.join(", ")));
            }
            if !files.contains(message.file.as_str()) {
                self.push(&message.at, format!("file `{}` is not a row of file-names.csv", message.file));
            }
            let mut seen = HashMap::new();
            for group in &message.groups {
                if let Err(e) = occurs(&group.occurs, &limits) {
                    self.push(&group.at, e);
                }
                if let Some(first) = seen.insert(group.path.clone(), group.at.line) {
                    self.push(&group.at, format!("group `{}` declared twice (first at line {first})", group.path));
                }
                if let Some((parent, _)) = group.path.rsplit_once('/')
                    && !seen.contains_key(parent)
                {
                    self.push(&group.at, format!("group `{}` has no declared parent `{parent}` before it", group.path));
                }
                let used = self
                    .tables
                    .elements
                    .iter()
                    .any(|e| e.message == message.profil && e.path.starts_with(&format!("{}/", group.path)));
                if !used {
                    self.push(&group.at, format!("group `{}` holds no data element", group.path));
                }
            }
        }
    }

    fn elements(&mut self) {
        let limits = limit_map(self.tables);
        let mut ids = HashMap::new();
        let mut paths = HashMap::new();
        for element in &self.tables.elements {
            if let Some(first) = ids.insert(element.id.clone(), element.at.line) {
                self.push(&element.at, format!("duplicate id `{}` (first at line {first})", element.id));
            }
            if let Some(first) = paths.insert((element.message.clone(), element.path.clone()), element.at.line) {
                self.push(&element.at, format!("path `{}` already used at line {first}", element.path));
            }
            self.element(element, &limits);
        }
        self.contiguity();
    }

    fn element(&mut self, element: &ElementRow, limits: &BTreeMap<String, u64>) {
        let at = &element.at;
        if !element.id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            || element.id.is_empty()
        {
            self.push(at, format!("id `{}` must be made of A-Z, 0-9 and _", element.id));
        }
        let Some(message) = self.tables.messages.iter().find(|m| m.profil == element.message) else {
            self.push(at, format!("message `{}` is not in messages.toml", element.message));
            return;
        };
        if let Some((parent, _)) = element.path.rsplit_once('/')
            && !message.groups.iter().any(|g| g.path == parent)
        {
            self.push(
                at,
                format!(
                    "path `{}` is not in message {}: group `{parent}` is not declared",
                    element.path, message.profil
                ),
            );
        }
        if element.path.split('/').any(|s| s.is_empty() || s.starts_with('@') || s.contains(char::is_whitespace)) {
            self.push(at, format!("path `{}` is not a path of element names", element.path));
        }
        if message.groups.iter().any(|g| g.path == element.path) {
            self.push(at, format!("path `{}` is declared as a group in messages.toml", element.path));
        }
        if !TYPES.contains(&element.kind.as_str()) {
            self.push(at, format!("unknown type `{}` (types: {})", element.kind, TYPES.join(", ")));
        }
        if element.min_length > element.max_length || element.max_length == 0 {
            self.push(at, format!("length {}..{} is empty", element.min_length, element.max_length));
        }
        if let Some(p) = &element.pattern {
            let _ = self.regex(at, "pattern", p);
        } else if element.kind == "identifier" {
            self.push(at, "type identifier needs a pattern");
        }
        match (&element.code_list, element.kind.as_str()) {
            (Some(list), "code") if self.list(list).is_none() => {
                self.push(at, format!("code list `{list}` is referenced but missing from code-lists.toml"));
            }
            (None, "code") => self.push(at, "type code needs a code_list"),
            (Some(list), kind) if kind != "code" => {
                self.push(at, format!("code_list `{list}` is only allowed on type code"));
            }
            _ => {}
        }
        let has_range = element.min_value.is_some() || element.max_value.is_some();
        if has_range && element.kind != "numeric" {
            self.push(at, "min_value/max_value are only allowed on type numeric");
        }
        for bound in [&element.min_value, &element.max_value].into_iter().flatten() {
            if let Err(e) = value_bound(bound, limits) {
                self.push(at, e);
            }
        }
        if element.kind == "recipients" && self.tables.recipients.as_ref().is_none_or(|g| g.element != element.id) {
            self.push(at, "type recipients needs the grammar of grammars.toml to name this element");
        }
        if let Err(e) = occurs(&element.occurs, limits) {
            self.push(at, e);
        }
    }

    /// The elements of a group must follow each other, since row order is document order.
    fn contiguity(&mut self) {
        let mut closed: BTreeSet<(String, String)> = BTreeSet::new();
        let mut previous: Option<&ElementRow> = None;
        for element in &self.tables.elements {
            let open = ancestors(&element.path);
            if let Some(prev) = previous.filter(|p| p.message == element.message) {
                for group in ancestors(&prev.path) {
                    if !open.contains(&group) {
                        closed.insert((prev.message.clone(), group));
                    }
                }
            }
            for group in &open {
                if closed.contains(&(element.message.clone(), group.clone())) {
                    self.push(
                        &element.at,
                        format!(
                            "element `{}` comes after group `{group}` was closed: rows of a group must be contiguous",
                            element.path
                        ),
                    );
                }
            }
            previous = Some(element);
        }
    }

    fn routes(&mut self) {
        let mut seen = HashMap::new();
        let mut addresses = HashMap::new();
        for route in &self.tables.routes {
            if !self.has_code("regime", &route.regime) {
                self.push(&route.at, format!("régime `{}` is not a code of list regime", route.regime));
            }
            if let Some(first) = seen.insert((route.regime.clone(), route.code.clone()), route.at.line) {
                self.push(
                    &route.at,
                    format!("duplicate route {}/{} (first at line {first})", route.regime, route.code),
                );
            }
            if let Some(first) = addresses.insert(route.address.to_lowercase(), route.at.line) {
                self.push(&route.at, format!("duplicate address `{}` (first at line {first})", route.address));
            }
            if route.address.split('@').count() != 2 {
                self.push(&route.at, format!("address `{}` is not an e-mail address", route.address));
            }
        }
    }

    fn rules(&mut self) {
        let mut seen = HashMap::new();
        for rule in &self.tables.rules {
            if let Some(first) = seen.insert(rule.id.clone(), rule.at.line) {
                self.push(&rule.at, format!("duplicate rule id `{}` (first at line {first})", rule.id));
            }
            if !APPLIES_TO.contains(&rule.applies_to.as_str()) {
                self.push(
                    &rule.at,
                    format!("applies_to `{}` is not one of {}", rule.applies_to, APPLIES_TO.join(", ")),
                );
            }
            if !SEVERITIES.contains(&rule.severity.as_str()) {
                self.push(&rule.at, format!("severity `{}` is not one of {}", rule.severity, SEVERITIES.join(", ")));
            }
            self.decided_by(rule);
            for cause in [&rule.header_cause, &rule.dossier_cause].into_iter().flatten() {
                if !self.has_code("diagnostic", cause) {
                    self.push(&rule.at, format!("cause `{cause}` is not a code of list diagnostic"));
                }
            }
            if let Some(element) = &rule.element
                && !self.tables.elements.iter().any(|e| &e.id == element)
            {
                self.push(&rule.at, format!("element `{element}` is not in data-elements.csv"));
            }
            if rule.check.is_empty() {
                self.push(&rule.at, "check is empty");
            }
            self.descriptions(rule);
        }
        let checks: BTreeSet<&str> = self.tables.rules.iter().map(|r| r.check.as_str()).collect();
        for check in checks {
            let rows: Vec<&RuleRow> = self.tables.rules.iter().filter(|r| r.check == check).collect();
            let generic = rows.iter().filter(|r| r.element.is_none()).count();
            if generic > 1 || (generic == 0 && rows.len() > 1) {
                self.push(
                    &rows[0].at,
                    format!(
                        "check `{check}` needs one rule without element (raised by default) or a single rule; \
                         found {} rules, {generic} without element",
                        rows.len()
                    ),
                );
            }
        }
    }

    /// A rule is described in English and in French (`description`, `description_fr`): reports and
    /// `explain` show the one of the reader's language, so neither may be empty.
    fn descriptions(&mut self, rule: &RuleRow) {
        for (column, text) in [("description", &rule.description), ("description_fr", &rule.description_fr)] {
            if text.trim().is_empty() {
                self.push(&rule.at, format!("{column} is empty"));
            }
        }
    }

    /// `decided_by` is known; only the receiving point's rules answer in the ARL, and each of its
    /// errors on a lot does.
    fn decided_by(&mut self, rule: &RuleRow) {
        let decided_by = rule.decided_by.as_str();
        if !DECIDED_BY.contains(&decided_by) {
            self.push(&rule.at, format!("decided_by `{decided_by}` is not one of {}", DECIDED_BY.join(", ")));
            return;
        }
        let has_cause = rule.header_cause.is_some() || rule.dossier_cause.is_some();
        if decided_by != "pair" && has_cause {
            self.push(
                &rule.at,
                format!("a rule decided by the {decided_by} carries no ARL cause: only the receiving point answers"),
            );
        }
        if decided_by == "pair" && rule.severity == "error" && rule.applies_to != "return" && !has_cause {
            self.push(
                &rule.at,
                "an error the receiving point decides needs an ARL cause (header_cause or dossier_cause)",
            );
        }
    }

    fn file_names(&mut self) {
        let mut seen = HashMap::new();
        for file in &self.tables.file_names {
            if let Some(first) = seen.insert(file.name.clone(), file.at.line) {
                self.push(&file.at, format!("duplicate file name `{}` (first at line {first})", file.name));
            }
            if let Some(regex) = self.regex(&file.at, "pattern", &file.pattern) {
                if !regex.is_match(&file.example) {
                    self.push(&file.at, format!("example `{}` does not match the pattern", file.example));
                }
                // A row without canonical extension is a message Subject (`arl_subject`), not a file.
                let file_row = !file.canonical_extension.is_empty();
                if file_row && !regex.capture_names().any(|n| n == Some("extension")) {
                    self.push(&file.at, "pattern needs a group (?P<extension>…)");
                }
            }
        }
    }

    fn recipients(&mut self) {
        let Some(grammar) = &self.tables.recipients else { return };
        let at = &grammar.at;
        match self.tables.elements.iter().find(|e| e.id == grammar.element) {
            Some(e) if e.kind == "recipients" => {}
            _ => self.push(at, format!("element `{}` is not a data element of type recipients", grammar.element)),
        }
        for (what, sep) in [("item_separator", &grammar.item_separator), ("role_separator", &grammar.role_separator)] {
            if sep.chars().count() != 1 {
                self.push(at, format!("{what} `{sep}` must be one character"));
            }
        }
        if self.list(&grammar.roles).is_none() {
            self.push(at, format!("roles list `{}` is missing from code-lists.toml", grammar.roles));
        }
        let _ = self.regex(at, "address_pattern", &grammar.address_pattern);
        if grammar.combinations.is_empty() {
            self.push(at, "combinations is empty");
        }
        for role in grammar.combinations.iter().flatten() {
            if !self.has_code(&grammar.roles, role) {
                self.push(at, format!("role `{role}` is not a code of list {}", grammar.roles));
            }
        }
    }
}

/// `A/B/C` → `["A", "A/B"]`.
pub fn ancestors(path: &str) -> Vec<String> {
    let parts: Vec<&str> = path.split('/').collect();
    (1..parts.len()).map(|n| parts[..n].join("/")).collect()
}

/// `AAAA-MM-JJ`, a real day of the Gregorian calendar.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts[..] else { return false };
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return false;
    }
    let (year, month, day): (u32, u32, u32) =
        (year.parse().unwrap_or(0), month.parse().unwrap_or(0), day.parse().unwrap_or(0));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days).contains(&day)
}

fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric())
}

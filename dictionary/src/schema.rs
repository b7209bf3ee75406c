//! The shapes the generated code fills in: a message's element tree, its data elements with their
//! facets, the rules and limits of a dictionary version. Checking one value against its element lives here.

use crate::finding::{Level, Provenance, Rule};
use crate::generated::{Check, CodeListKey, FileNameKind, Limit, Profil};
/// The named parts of a value matched by a table pattern.
pub use regex_lite::Captures;
use regex_lite::Regex;
use scor_locale::{Arg, Text, text};
use std::sync::LazyLock;

/// One version of the dictionary, as generated from `spec/scor/<version>/`.
#[derive(Debug)]
pub struct Dictionary {
    /// Dictionary version, e.g. `2.13`.
    pub version: &'static str,
    /// SHA-256 of every table of the version, in path order.
    pub checksum: &'static str,
    /// Whether the seeds call this version applicable, or scor-kit models it (`version.toml`).
    pub status: VersionStatus,
    /// The rules of `rules.csv`.
    pub rules: &'static [&'static Rule],
    /// Limits of the streaming XML reader (from `limits.csv`).
    pub xml_limits: XmlLimits,
    /// The messages of the version.
    pub messages: &'static [&'static MessageSchema],
    /// The limits of `limits.csv`.
    pub limits: &'static [LimitRow],
    /// The code lists of `codes/`, by key.
    pub code_lists: &'static [&'static CodeList],
    /// The routing addresses of `routing-addresses.csv`.
    pub routes: &'static [Route],
    /// The file-name patterns of `file-names.csv`.
    pub file_names: &'static [&'static FileName],
    /// The grammar of the ARL-recipient field.
    pub recipients: &'static RecipientsGrammar,
    /// The rule each check raises by default, in [`Check`] order.
    pub rule_by_check: &'static [&'static Rule; Check::COUNT],
    /// The rules a check raises on one data element instead of its default.
    pub rules_by_element: &'static [(Check, &'static str, &'static Rule)],
    /// The limits every version has, in [`Limit`] order.
    pub limit_by_name: &'static [&'static LimitRow; Limit::COUNT],
    /// The file names every version has, in [`FileNameKind`] order.
    pub file_name_by_kind: &'static [&'static FileName; FileNameKind::COUNT],
    /// The code lists every version has, in [`CodeListKey`] order.
    pub code_list_by_key: &'static [&'static CodeList; CodeListKey::COUNT],
    /// The messages every version has, in [`Profil`] order.
    pub message_by_profil: &'static [&'static MessageSchema; Profil::COUNT],
}

/// Where a dictionary version stands (`status` of `version.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VersionStatus {
    /// The version the seeds call applicable: `conform` checks against it by default.
    Applicable,
    /// A version scor-kit models where the public material is silent.
    Modelled,
}

impl VersionStatus {
    /// `applicable` or `modelled`, as `version.toml` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Applicable => "applicable",
            Self::Modelled => "modelled",
        }
    }
}

impl Dictionary {
    /// `2.13`, or `2.14 (modelled)` for a version scor-kit models: how reports name the version.
    pub fn version_label(&self) -> String {
        match self.status {
            VersionStatus::Applicable => self.version.to_owned(),
            VersionStatus::Modelled => format!("{} ({})", self.version, self.status.as_str()),
        }
    }

    /// The rule `check` raises on `element`: the element's own rule if the table has one, else the
    /// check's default rule (its rule without element, or its only rule).
    pub fn rule(&self, check: Check, element: Option<&str>) -> &'static Rule {
        let specific = element.and_then(|element| {
            self.rules_by_element.iter().find(|(c, e, _)| *c == check && *e == element).map(|(_, _, rule)| *rule)
        });
        specific.unwrap_or(self.rule_by_check[check as usize])
    }

    /// The rule with this id.
    pub fn rule_by_id(&self, id: &str) -> Option<&'static Rule> {
        self.rules.iter().copied().find(|rule| rule.id == id)
    }

    /// The message of this profil.
    pub fn message(&self, profil: Profil) -> &'static MessageSchema {
        self.message_by_profil[profil as usize]
    }

    /// The message whose Profil is written `profil` (`ENTSCANORDO`), if this version has it.
    pub fn message_named(&self, profil: &str) -> Option<&'static MessageSchema> {
        self.messages.iter().copied().find(|m| m.profil == profil)
    }

    /// The value of a limit.
    pub fn limit(&self, limit: Limit) -> u64 {
        self.limit_row(limit).value
    }

    /// The row of a limit, with its unit and provenance.
    pub fn limit_row(&self, limit: Limit) -> &'static LimitRow {
        self.limit_by_name[limit as usize]
    }

    /// The row of the limit written `name`, if this version has it.
    pub fn limit_named(&self, name: &str) -> Option<&'static LimitRow> {
        self.limits.iter().find(|l| l.name == name)
    }

    /// A code list (`specialite`, `nature-pj`...).
    pub fn code_list(&self, key: CodeListKey) -> &'static CodeList {
        self.code_list_by_key[key as usize]
    }

    /// The code list written `key`, if this version has it.
    pub fn code_list_named(&self, key: &str) -> Option<&'static CodeList> {
        self.code_lists.iter().copied().find(|l| l.key == key)
    }

    /// The routing address of a régime and organism (régime 01) or region code (other régimes).
    pub fn route(&self, regime: &str, code: &str) -> Option<&'static Route> {
        self.routes.iter().find(|r| r.regime == regime && r.code == code)
    }

    /// The route of an address, compared without regard to ASCII case.
    pub fn route_by_address(&self, address: &str) -> Option<&'static Route> {
        self.routes.iter().find(|r| r.address.eq_ignore_ascii_case(address))
    }

    /// A file-name pattern (`header`, `index`, `pj`...).
    pub fn file_name(&self, kind: FileNameKind) -> &'static FileName {
        self.file_name_by_kind[kind as usize]
    }
}

/// A code list of `codes/`, readable whatever the version (the typed enums of each version's
/// `codes` module say the same).
#[derive(Debug)]
pub struct CodeList {
    /// Key in `code-lists.toml` (`nature-pj`).
    pub key: &'static str,
    pub entries: &'static [CodeEntry],
}

impl CodeList {
    pub fn get(&self, code: &str) -> Option<&'static CodeEntry> {
        self.entries.iter().find(|e| e.code == code)
    }

    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }
}

/// A code with its label, provenance and extra columns.
#[derive(Debug)]
pub struct CodeEntry {
    pub code: &'static str,
    pub label: &'static str,
    pub provenance: Provenance,
    pub source: &'static str,
    /// Extra columns by name; a `many` column is split into its codes, with `*` expanded.
    pub extra: &'static [(&'static str, &'static [&'static str])],
    /// The numbers of the `bound` extra columns (a number, or a limit named in the cell), by column.
    pub bounds: &'static [(&'static str, u64)],
    /// The first day the code may be used (`AAAA-MM-JJ`), when the table dates it.
    pub valid_from: Option<&'static str>,
    /// The day from which the code is deprecated: still accepted, with a warning.
    pub deprecated_from: Option<&'static str>,
    /// The code of the same list to use instead.
    pub replaced_by: Option<&'static str>,
}

impl CodeEntry {
    /// The values of extra column `column` (empty when the column is empty or absent).
    pub fn extra(&self, column: &str) -> &'static [&'static str] {
        self.extra.iter().find(|(name, _)| *name == column).map_or(&[], |(_, values)| values)
    }

    /// The number of `bound` column `column`, when the cell is not empty.
    pub fn bound(&self, column: &str) -> Option<u64> {
        self.bounds.iter().find(|(name, _)| *name == column).map(|(_, value)| *value)
    }

    /// Whether the code is deprecated on `day` (`AAAA-MM-JJ`).
    pub fn is_deprecated_on(&self, day: &str) -> bool {
        self.deprecated_from.is_some_and(|from| day >= from)
    }

    /// Whether the code is not yet valid on `day` (`AAAA-MM-JJ`).
    pub fn is_before_validity(&self, day: &str) -> bool {
        self.valid_from.is_some_and(|from| day < from)
    }
}

/// Reading limits applied to every XML file (entities are never expanded, whatever the limits).
#[derive(Debug, Clone, Copy)]
pub struct XmlLimits {
    pub max_bytes: u64,
    pub max_depth: usize,
    pub max_text_bytes: usize,
    pub max_attributes: usize,
    pub max_findings: usize,
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A message of the dictionary: root element, namespace, fixed attributes and element tree.
pub struct MessageSchema {
    pub dictionary: &'static Dictionary,
    pub profil: &'static str,
    pub root: &'static str,
    pub namespace: &'static str,
    pub version: &'static str,
    pub description: &'static str,
    /// Level of the ARL diagnostic a finding in this message leads to.
    pub level: Level,
    /// Values of this message are patient data: never echoed in findings unless asked for.
    pub confidential: bool,
    /// The name pattern of the file that carries the message.
    pub file: &'static FileName,
    pub children: &'static [Node],
}

impl MessageSchema {
    /// The data element `id` (`EF_PA_001_05`) of this message, found in its element tree.
    pub fn field(&self, id: &str) -> Option<&'static Field> {
        fn find(nodes: &'static [Node], id: &str) -> Option<&'static Field> {
            nodes.iter().find_map(|node| match &node.content {
                Content::Field(field) if field.id == id => Some(*field),
                Content::Field(_) => None,
                Content::Group(children) => find(children, id),
            })
        }
        find(self.children, id)
    }

    /// Every data element of the message, in document order.
    pub fn fields(&self) -> Vec<&'static Field> {
        fn walk(nodes: &'static [Node], out: &mut Vec<&'static Field>) {
            for node in nodes {
                match &node.content {
                    Content::Field(field) => out.push(field),
                    Content::Group(children) => walk(children, out),
                }
            }
        }
        let mut out = Vec::new();
        walk(self.children, &mut out);
        out
    }
}

/// The dictionary lists its messages and each message points back at its dictionary: show the
/// dictionary by its version only.
impl std::fmt::Debug for MessageSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageSchema")
            .field("dictionary", &self.dictionary.version)
            .field("profil", &self.profil)
            .field("root", &self.root)
            .field("namespace", &self.namespace)
            .field("version", &self.version)
            .field("level", &self.level)
            .field("confidential", &self.confidential)
            .field("file", &self.file.name)
            .field("children", &self.children)
            .finish()
    }
}

/// A file-name pattern of `file-names.csv`.
#[derive(Debug)]
pub struct FileName {
    pub name: &'static str,
    /// The table's pattern, and the same anchored and compiled (named groups kept).
    pub pattern: (&'static str, &'static LazyLock<Regex>),
    pub canonical_extension: &'static str,
    pub example: &'static str,
    pub provenance: Provenance,
}

impl FileName {
    /// The named parts of `name` (`dossier`, `indice`, `extension`...) if it matches.
    pub fn captures<'a>(&self, name: &'a str) -> Option<Captures<'a>> {
        self.pattern.1.captures(name)
    }
}

/// A limit of `limits.csv`.
#[derive(Debug)]
pub struct LimitRow {
    pub name: &'static str,
    pub value: u64,
    pub unit: &'static str,
    pub provenance: Provenance,
    pub source: &'static str,
    pub reason: &'static str,
}

/// A routing address of `routing-addresses.csv`.
#[derive(Debug)]
pub struct Route {
    pub regime: &'static str,
    /// Organism code (régime 01) or region code (other régimes).
    pub code: &'static str,
    pub address: &'static str,
    pub provenance: Provenance,
}

/// A code that is not in its list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    pub list: &'static str,
    pub code: String,
}

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a code of the list {}", self.code, self.list)
    }
}

impl std::error::Error for UnknownCode {}

/// An element of a message tree, with its cardinality among its siblings.
#[derive(Debug)]
pub struct Node {
    pub name: &'static str,
    pub min: u32,
    /// `u32::MAX` stands for "n".
    pub max: u32,
    pub content: Content,
}

#[derive(Debug)]
pub enum Content {
    /// A data element holding text.
    Field(&'static Field),
    /// A group holding elements, in this order.
    Group(&'static [Node]),
}

/// The type of a data element (see `spec/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Alphanumeric,
    Numeric,
    Date,
    Datetime,
    Code,
    Identifier,
    Recipients,
}

/// A code list as a data element refers to it.
#[derive(Debug)]
pub struct CodeListRef {
    /// Key of the list in `code-lists.toml` (`nature-pj`), for [`Dictionary::code_list_named`].
    pub key: &'static str,
    pub name: &'static str,
    pub contains: fn(&str) -> bool,
    /// Every code of the list.
    pub codes: &'static [&'static str],
}

/// A data element of `data-elements.csv` with its facets.
#[derive(Debug)]
pub struct Field {
    pub id: &'static str,
    pub name: &'static str,
    /// Path from the root element, e.g. `Lot/Exercice`.
    pub path: &'static str,
    pub kind: FieldType,
    pub min_length: usize,
    pub max_length: usize,
    /// The table's pattern, and the same anchored and compiled.
    pub pattern: Option<(&'static str, &'static LazyLock<Regex>)>,
    pub min_value: Option<u64>,
    pub max_value: Option<u64>,
    pub code_list: Option<CodeListRef>,
    pub grammar: Option<&'static RecipientsGrammar>,
    pub provenance: Provenance,
}

/// Why a value breaks its data element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub check: Check,
    pub message: Text,
}

impl Field {
    /// Every way `value` breaks this element. `reveal` allows echoing the value in messages.
    pub fn check(&self, value: &str, reveal: bool) -> Vec<Violation> {
        let shown = Shown { value, reveal };
        let mut out = Vec::new();
        let length = value.chars().count();
        if length < self.min_length || length > self.max_length {
            out.push(violation(
                Check::Length,
                text!(
                    "value-length",
                    value = shown,
                    length = length,
                    id = self.id,
                    allowed = length_range(self.min_length, self.max_length)
                ),
            ));
        }
        if let Some(bad) = value.chars().find(|c| !is_xml_char(*c)) {
            out.push(violation(
                Check::Format,
                text!("value-character", value = shown, code = format!("{:04X}", bad as u32)),
            ));
        }
        self.check_type(value, shown, &mut out);
        if let Some((source, regex)) = self.pattern
            && !regex.is_match(value)
        {
            out.push(violation(Check::Pattern, text!("value-pattern", value = shown, pattern = source)));
        }
        if let Some(list) = &self.code_list
            && !(list.contains)(value)
        {
            out.push(violation(Check::Code, text!("value-code", value = shown, list = list.name)));
        }
        if let Some(grammar) = self.grammar
            && let Err(why) = grammar.parse(value)
        {
            out.push(violation(Check::Grammar, why.describe(reveal)));
        }
        out
    }

    fn check_type(&self, value: &str, shown: Shown<'_>, out: &mut Vec<Violation>) {
        match self.kind {
            FieldType::Numeric => {
                if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                    out.push(violation(Check::Format, text!("value-digits", value = shown)));
                } else if let Some(range) = self.out_of_range(value) {
                    out.push(violation(Check::Range, text!("value-range", value = shown, range = range)));
                }
            }
            FieldType::Date if !is_date(value) => {
                out.push(violation(Check::Format, text!("value-date", value = shown)));
            }
            FieldType::Datetime if !is_datetime(value) => {
                out.push(violation(Check::Format, text!("value-datetime", value = shown)));
            }
            _ => {}
        }
    }

    fn out_of_range(&self, digits: &str) -> Option<String> {
        let (min, max) = (self.min_value, self.max_value);
        if min.is_none() && max.is_none() {
            return None;
        }
        // More than 19 significant digits is past any u64 bound the tables can hold.
        let number = digits.trim_start_matches('0');
        let number: Option<u64> = if number.is_empty() { Some(0) } else { number.parse().ok() };
        let inside = number.is_some_and(|n| min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m));
        (!inside).then(|| match (min, max) {
            (Some(min), Some(max)) => format!("{min}..{max}"),
            (Some(min), None) => format!("{min}.."),
            (None, Some(max)) => format!("..{max}"),
            (None, None) => unreachable!(),
        })
    }
}

fn violation(check: Check, message: Text) -> Violation {
    Violation { check, message }
}

fn length_range(min: usize, max: usize) -> Text {
    if min == max { text!("length-exactly", count = min) } else { text!("length-range", min = min, max = max) }
}

/// A value as a finding may show it: quoted, or masked for patient data.
#[derive(Clone, Copy)]
struct Shown<'a> {
    value: &'a str,
    reveal: bool,
}

impl From<Shown<'_>> for Arg {
    fn from(shown: Shown<'_>) -> Arg {
        if shown.reveal { Arg::Str(format!("{:?}", shown.value)) } else { Arg::from(text!("value-masked")) }
    }
}

/// The `Char` production of XML 1.0.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `AAAA-MM-JJ`, a real day of the Gregorian calendar (which has no year 0000, nor has XML Schema's
/// `xs:date`).
pub fn is_date(text: &str) -> bool {
    parse_date(text).is_some()
}

/// Year, month and day of a `AAAA-MM-JJ` date.
pub fn parse_date(text: &str) -> Option<(u32, u32, u32)> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = digits(&text[0..4])?;
    let month = digits(&text[5..7])?;
    let day = digits(&text[8..10])?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (year >= 1 && (1..=days).contains(&day)).then_some((year, month, day))
}

/// `AAAA-MM-JJThh:mm:ss`, a real date and a time of day.
pub fn is_datetime(text: &str) -> bool {
    let Some((date, time)) = text.split_once('T') else { return false };
    let time_bytes = time.as_bytes();
    is_date(date)
        && time_bytes.len() == 8
        && time_bytes[2] == b':'
        && time_bytes[5] == b':'
        && digits(&time[0..2]).is_some_and(|h| h < 24)
        && digits(&time[3..5]).is_some_and(|m| m < 60)
        && digits(&time[6..8]).is_some_and(|s| s < 60)
}

fn digits(text: &str) -> Option<u32> {
    if text.bytes().all(|b| b.is_ascii_digit()) { text.parse().ok() } else { None }
}

/// The grammar of a list of ARL recipients (`grammars.toml`, element EF_PA_002_03).
#[derive(Debug)]
pub struct RecipientsGrammar {
    pub element: &'static str,
    pub item_separator: char,
    pub role_separator: char,
    pub spaces_around_separators: bool,
    pub address: (&'static str, &'static LazyLock<Regex>),
    /// Role sequences allowed, in order.
    pub combinations: &'static [&'static [&'static str]],
}

/// One recipient of the ARL: a role (`PS`, `PRT`, `PAIR`) and an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub role: String,
    pub address: String,
}

/// Why a recipient list does not follow its grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipientsError {
    EmptyItem { position: usize },
    NoRoleSeparator { position: usize },
    BadAddress { position: usize, address: String },
    Spaces { position: usize },
    Combination { roles: Vec<String>, allowed: String },
}

impl RecipientsError {
    pub fn describe(&self, reveal: bool) -> Text {
        match self {
            Self::EmptyItem { position } => text!("recipient-empty", position = *position),
            Self::NoRoleSeparator { position } => text!("recipient-no-role", position = *position),
            Self::BadAddress { position, address } if reveal => {
                text!("recipient-bad-address-shown", position = *position, address = format!("{address:?}"))
            }
            Self::BadAddress { position, .. } => text!("recipient-bad-address", position = *position),
            Self::Spaces { position } => text!("recipient-spaces", position = *position),
            Self::Combination { roles, allowed } => {
                text!("recipient-combination", roles = roles.join(", "), allowed = allowed)
            }
        }
    }
}

impl RecipientsGrammar {
    /// The recipients of a value, or why it breaks the grammar.
    pub fn parse(&self, value: &str) -> Result<Vec<Recipient>, RecipientsError> {
        let mut recipients = Vec::new();
        for (index, item) in value.split(self.item_separator).enumerate() {
            let position = index + 1;
            let item = self.space(item, position)?;
            if item.is_empty() {
                return Err(RecipientsError::EmptyItem { position });
            }
            let (role, address) =
                item.split_once(self.role_separator).ok_or(RecipientsError::NoRoleSeparator { position })?;
            let role = self.space(role, position)?;
            let address = self.space(address, position)?;
            if !self.address.1.is_match(address) {
                return Err(RecipientsError::BadAddress { position, address: address.to_owned() });
            }
            recipients.push(Recipient { role: role.to_owned(), address: address.to_owned() });
        }
        let roles: Vec<&str> = recipients.iter().map(|r| r.role.as_str()).collect();
        if !self.combinations.contains(&roles.as_slice()) {
            return Err(RecipientsError::Combination {
                roles: roles.iter().map(|r| (*r).to_owned()).collect(),
                allowed: self.combinations.iter().map(|c| c.join("+")).collect::<Vec<_>>().join(" | "),
            });
        }
        Ok(recipients)
    }

    fn space<'a>(&self, part: &'a str, position: usize) -> Result<&'a str, RecipientsError> {
        let trimmed = part.trim_matches(' ');
        if trimmed.len() != part.len() && !self.spaces_around_separators {
            return Err(RecipientsError::Spaces { position });
        }
        Ok(trimmed)
    }
}

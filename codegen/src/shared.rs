//! The names every dictionary version shares (checks, limits, file names, code lists, messages), which
//! the generated code turns into enums so that hand-written code names them through the compiler.

use crate::ir::Dictionary;
use crate::names;

/// One kind of name, in the order of the first version's tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSet {
    /// The names every version has, each with its enum variant.
    pub shared: Vec<SharedName>,
    /// Names some versions lack (not in the enum), with the versions that have them.
    pub partial: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedName {
    /// The name as the tables write it (`lot_max_bytes`, `pdfa-6.1`, `nature-pj`).
    pub text: String,
    /// The enum variant (`LotMaxBytes`, `Pdfa6_1`, `NaturePj`).
    pub variant: String,
    /// One line for the variant's documentation, from the newest version.
    pub doc: String,
}

/// The shared names of every kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedNames {
    pub checks: NameSet,
    pub limits: NameSet,
    pub file_names: NameSet,
    pub code_lists: NameSet,
    pub profils: NameSet,
}

impl SharedNames {
    pub fn of(dictionaries: &[Dictionary]) -> Self {
        Self {
            checks: name_set(dictionaries, checks),
            limits: name_set(dictionaries, |d| {
                d.tables
                    .limits
                    .iter()
                    .map(|l| (l.name.clone(), format!("{} {} ({})", l.value, l.unit, l.source)))
                    .collect()
            }),
            file_names: name_set(dictionaries, |d| {
                d.tables.file_names.iter().map(|f| (f.name.clone(), format!("`{}`", f.example))).collect()
            }),
            code_lists: name_set(dictionaries, |d| {
                d.tables.code_lists.iter().map(|l| (l.key.clone(), l.description.clone())).collect()
            }),
            profils: name_set(dictionaries, |d| {
                d.tables.messages.iter().map(|m| (m.profil.clone(), m.description.clone())).collect()
            }),
        }
    }
}

/// Each check once, in table order, with the rules that raise it.
fn checks(dictionary: &Dictionary) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for rule in &dictionary.tables.rules {
        let text = match &rule.element {
            Some(element) => format!("`{}` on {element} ({})", rule.id, rule.description),
            None => format!("`{}` ({})", rule.id, rule.description),
        };
        match out.iter_mut().find(|(check, _)| *check == rule.check) {
            Some((_, doc)) => doc.push_str(&format!(", {text}")),
            None => out.push((rule.check.clone(), format!("raises {text}"))),
        }
    }
    out
}

fn name_set(dictionaries: &[Dictionary], names_of: impl Fn(&Dictionary) -> Vec<(String, String)>) -> NameSet {
    let per_version: Vec<Vec<(String, String)>> = dictionaries.iter().map(&names_of).collect();
    let newest = per_version.last().cloned().unwrap_or_default();
    let mut all: Vec<String> = Vec::new();
    for names in &per_version {
        for (name, _) in names {
            if !all.contains(name) {
                all.push(name.clone());
            }
        }
    }
    let mut set = NameSet { shared: Vec::new(), partial: Vec::new() };
    for name in all {
        let having: Vec<String> = dictionaries
            .iter()
            .zip(&per_version)
            .filter(|(_, names)| names.iter().any(|(n, _)| *n == name))
            .map(|(d, _)| d.version.clone())
            .collect();
        if having.len() == dictionaries.len() {
            let doc = newest.iter().find(|(n, _)| *n == name).map(|(_, d)| d.clone()).unwrap_or_default();
            set.shared.push(SharedName { variant: variant(&name), text: name, doc });
        } else {
            set.partial.push((name, having));
        }
    }
    set
}

/// `pdfa-6.1` → `Pdfa6_1`, `lot_max_bytes` → `LotMaxBytes`, `ENTSCANORDO` → `Entscanordo`: CamelCase,
/// with `_` kept only between two digits, so that `6.1` and `61` stay apart.
pub fn variant(name: &str) -> String {
    let mut out = String::new();
    for part in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        if out.ends_with(|c: char| c.is_ascii_digit()) && part.starts_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        out.push_str(&names::camel(part));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::variant;

    #[test]
    fn variants_keep_numbered_clauses_apart() {
        assert_eq!(variant("pdfa-6.1"), "Pdfa6_1");
        assert_eq!(variant("lot_max_bytes"), "LotMaxBytes");
        assert_eq!(variant("nature-pj"), "NaturePj");
        assert_eq!(variant("ENTSCANORDO"), "Entscanordo");
        assert_eq!(variant("arl_header"), "ArlHeader");
    }
}

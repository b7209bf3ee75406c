//! Rust names derived from table names: `NumeroFacturationPS` → `numero_facturation_ps`,
//! `LotFSE` → `LotFse`, code `ORDN` → variant `Ordn`, code `5113` → variant `C5113`.

/// Words of an XML or table name, splitting on case changes, digits runs kept with letters.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if c.is_uppercase() && p.is_lowercase() => true,
            Some(p) if c.is_uppercase() && p.is_uppercase() => next.is_some_and(char::is_lowercase),
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

pub fn snake(name: &str) -> String {
    let snake = words(name).iter().map(|w| w.to_lowercase()).collect::<Vec<_>>().join("_");
    match snake.as_str() {
        "type" | "match" | "ref" | "mod" | "fn" | "struct" | "enum" | "use" => format!("{snake}_"),
        _ => snake,
    }
}

pub fn camel(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            chars.next().map(|f| f.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect()
}

/// Enum variant of a code: its CamelCase when it starts with a letter, `C` + code otherwise.
pub fn variant(code: &str) -> String {
    if code.starts_with(|c: char| c.is_ascii_alphabetic()) {
        camel(code)
    } else {
        format!("C{}", code.to_uppercase().replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
    }
}

/// `2.13` → `v2_13`.
pub fn version_module(version: &str) -> String {
    format!("v{}", version.replace(['.', '-'], "_"))
}

/// `EF_PA_001_01` or `XML-SYNTAX` → `EF_PA_001_01` or `XML_SYNTAX` (a constant name).
pub fn constant(id: &str) -> String {
    id.to_uppercase().replace(|c: char| !c.is_ascii_alphanumeric(), "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_rust_conventions() {
        assert_eq!(snake("NumeroFacturationPS"), "numero_facturation_ps");
        assert_eq!(snake("IdentifiantPJ"), "identifiant_pj");
        assert_eq!(snake("LotFSE"), "lot_fse");
        assert_eq!(snake("CleNIR"), "cle_nir");
        assert_eq!(camel("LotFSE"), "LotFse");
        assert_eq!(camel("nature-pj"), "NaturePj");
        assert_eq!(camel("ARL"), "Arl");
        assert_eq!(variant("ORDN"), "Ordn");
        assert_eq!(variant("5113"), "C5113");
        assert_eq!(variant("2A"), "C2A");
        assert_eq!(version_module("2.13"), "v2_13");
        assert_eq!(constant("XML-SYNTAX"), "XML_SYNTAX");
    }
}

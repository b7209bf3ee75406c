//! Table patterns are written once and used twice: by Rust's `regex-lite` (anchored here) and by XSD
//! (where every pattern is implicitly anchored and groups cannot be named or non-capturing).

/// The constructs a table pattern may not use, because XSD or Rust would read them differently.
pub fn portability_problem(pattern: &str) -> Option<String> {
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(escaped) = chars.next() else { return Some("ends with a lone backslash".into()) };
                if matches!(escaped, 'b' | 'B' | 'A' | 'z' | 'Z') {
                    return Some(format!("uses \\{escaped}, which XSD does not have"));
                }
                if matches!(escaped, 'd' | 'D' | 'w' | 'W' | 's' | 'S') {
                    return Some(format!(
                        "uses \\{escaped}, a Unicode class in XSD but an ASCII one in regex-lite: write the class out (e.g. [0-9])"
                    ));
                }
            }
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '^' | '$' if !in_class => {
                return Some(format!("uses the anchor `{c}`: table patterns are anchored implicitly"));
            }
            '(' if !in_class && chars.peek() == Some(&'?') => {
                chars.next();
                match chars.next() {
                    Some(':') => {}
                    Some('P') if chars.peek() == Some(&'<') => {}
                    _ => return Some("uses a group flag other than (?: or (?P<name>".into()),
                }
            }
            '*' | '+' | '?' | '}' if !in_class && chars.peek() == Some(&'?') => {
                return Some("uses a lazy quantifier, which XSD does not have".into());
            }
            _ => {}
        }
    }
    None
}

/// The pattern for Rust's `regex-lite`: the whole value must match.
pub fn anchored(pattern: &str) -> String {
    format!("^(?:{pattern})$")
}

/// The pattern for XSD: named and non-capturing groups become plain groups.
pub fn xsd(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = rest.find("(?") {
        let escaped = rest[..start].chars().rev().take_while(|c| *c == '\\').count() % 2 == 1;
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        if escaped {
            out.push_str("(?");
            rest = after;
        } else if let Some(after_colon) = after.strip_prefix(':') {
            out.push('(');
            rest = after_colon;
        } else if let Some(named) = after.strip_prefix("P<") {
            out.push('(');
            rest = named.split_once('>').map_or("", |(_, tail)| tail);
        } else {
            out.push_str("(?");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xsd_drops_group_names_and_flags() {
        assert_eq!(xsd("(?P<ps>[0-9]{9})-(?:2A|2B)"), "([0-9]{9})-(2A|2B)");
        assert_eq!(xsd(r"a\(?:b"), r"a\(?:b");
    }

    #[test]
    fn portability_rejects_anchors_and_lazy_quantifiers() {
        assert!(portability_problem("^abc").is_some());
        assert!(portability_problem("a+?").is_some());
        assert!(portability_problem(r"\bword").is_some());
        assert!(portability_problem("(?i)abc").is_some());
        assert!(portability_problem(r"[0-9]\d").is_some());
        assert!(portability_problem(r"\w+").is_some());
        assert!(portability_problem("[^a]b(?P<x>c)(?:d)").is_none());
    }
}

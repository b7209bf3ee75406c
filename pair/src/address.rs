//! Envelope addresses parsed by the syntax of RFC 5321 §4.1.2 (paths, mailboxes, ESMTP parameters): the
//! only form in which a client's address reaches the store, a return's headers, a relay or the outbox.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// RFC 5321 §4.5.3.1.1: a local part has at most 64 octets.
const LOCAL_PART_MAX: usize = 64;
/// RFC 5321 §4.5.3.1.2: a domain has at most 255 octets.
const DOMAIN_MAX: usize = 255;
/// RFC 5321 §4.5.3.1.3: a path has at most 256 octets, angle brackets included.
const PATH_MAX: usize = 256;

/// Why an address or a parameter was refused (the text of a 501 reply).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("the address must be written in angle brackets, as <local-part@domain>")]
    NoBrackets,
    #[error("control characters (NUL, CR, LF...) are not allowed in a command")]
    ControlCharacter,
    #[error("only ASCII is accepted in an address (SMTPUTF8 is not offered)")]
    NotAscii,
    #[error("the path is longer than the 256 octets of RFC 5321 section 4.5.3.1.3")]
    PathTooLong,
    #[error("the local part is longer than the 64 octets of RFC 5321 section 4.5.3.1.1")]
    LocalPartTooLong,
    #[error("the domain is longer than the 255 octets of RFC 5321 section 4.5.3.1.2")]
    DomainTooLong,
    #[error("the address has no @ between its local part and its domain")]
    NoDomain,
    #[error("the local part is neither a dot-string nor a quoted string (RFC 5321 section 4.1.2)")]
    LocalPart,
    #[error("the domain is neither a domain name nor an address literal (RFC 5321 section 4.1.2)")]
    Domain,
    #[error("the source route is not a list of @domain (RFC 5321 section 4.1.2)")]
    SourceRoute,
    #[error("the parameters after the path are not keyword[=value] separated by spaces")]
    Parameters,
}

/// A mailbox, `Local-part "@" ( Domain / address-literal )`, as the client wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    local_part: String,
    domain: String,
}

impl Mailbox {
    /// Parses `local-part@domain` (no angle brackets).
    pub fn parse(text: &str) -> Result<Self, AddressError> {
        check_characters(text)?;
        let (local_part, domain) = split_mailbox(text)?;
        if local_part.len() > LOCAL_PART_MAX {
            return Err(AddressError::LocalPartTooLong);
        }
        if domain.len() > DOMAIN_MAX {
            return Err(AddressError::DomainTooLong);
        }
        if !(is_dot_string(local_part) || is_quoted_string(local_part)) {
            return Err(AddressError::LocalPart);
        }
        if !(is_domain(domain) || is_address_literal(domain)) {
            return Err(AddressError::Domain);
        }
        Ok(Self { local_part: local_part.to_owned(), domain: domain.to_owned() })
    }

    pub fn local_part(&self) -> &str {
        &self.local_part
    }

    pub fn domain(&self) -> &str {
        &self.domain
    }
}

impl fmt::Display for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local_part, self.domain)
    }
}

/// The path of MAIL FROM or RCPT TO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Path {
    /// `<>`: the null reverse path (MAIL FROM only).
    Null,
    /// `<Postmaster>` without a domain (RCPT TO only, RFC 5321 §4.1.1.3).
    Postmaster,
    /// A mailbox; a source route before it is dropped (RFC 5321 §4.1.2, §C).
    Mailbox(Mailbox),
}

/// A command argument after its keyword (`FROM:` or `TO:`): the path and the ESMTP parameters as
/// (keyword, value) pairs. Spaces between the keyword and `<` are tolerated, as by most servers.
pub fn path_and_parameters(argument: &str) -> Result<(Path, Vec<(String, String)>), AddressError> {
    check_characters(argument)?;
    let argument = argument.trim_start_matches(' ');
    let (inside, rest) = split_path(argument)?;
    let parameters = parameters(rest)?;
    Ok((path(inside)?, parameters))
}

/// The inside of `<...>` and what follows the `>`.
fn split_path(argument: &str) -> Result<(&str, &str), AddressError> {
    let rest = argument.strip_prefix('<').ok_or(AddressError::NoBrackets)?;
    let end = closing_bracket(rest).ok_or(AddressError::NoBrackets)?;
    if end + 2 > PATH_MAX {
        return Err(AddressError::PathTooLong);
    }
    let after = &rest[end + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return Err(AddressError::NoBrackets);
    }
    Ok((&rest[..end], after))
}

/// The index of the `>` that closes a path, skipping quoted strings of the local part.
fn closing_bracket(text: &str) -> Option<usize> {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '>' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// `<>`, `<Postmaster>` or `[A-d-l ":"] Mailbox`.
fn path(inside: &str) -> Result<Path, AddressError> {
    if inside.is_empty() {
        return Ok(Path::Null);
    }
    if inside.eq_ignore_ascii_case("postmaster") {
        return Ok(Path::Postmaster);
    }
    let mailbox = match inside.strip_prefix('@') {
        Some(_) => {
            let (route, mailbox) = inside.split_once(':').ok_or(AddressError::SourceRoute)?;
            check_source_route(route)?;
            mailbox
        }
        None => inside,
    };
    Mailbox::parse(mailbox).map(Path::Mailbox)
}

/// `A-d-l = At-domain *( "," At-domain )`, `At-domain = "@" Domain`.
fn check_source_route(route: &str) -> Result<(), AddressError> {
    let valid = route.split(',').all(|hop| hop.strip_prefix('@').is_some_and(is_domain));
    if valid { Ok(()) } else { Err(AddressError::SourceRoute) }
}

/// `Mail-parameters = esmtp-param *(SP esmtp-param)`, after the path's `>` (empty or starting with SP).
fn parameters(rest: &str) -> Result<Vec<(String, String)>, AddressError> {
    let mut out = Vec::new();
    for parameter in rest.split(' ').filter(|p| !p.is_empty()) {
        let (keyword, value) = match parameter.split_once('=') {
            Some((keyword, value)) if is_esmtp_value(value) => (keyword, value),
            Some(_) => return Err(AddressError::Parameters),
            None => (parameter, ""),
        };
        if !is_esmtp_keyword(keyword) {
            return Err(AddressError::Parameters);
        }
        out.push((keyword.to_ascii_uppercase(), value.to_owned()));
    }
    Ok(out)
}

/// `esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")`.
fn is_esmtp_keyword(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphanumeric()) && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `esmtp-value = 1*(%d33-60 / %d62-126)`.
fn is_esmtp_value(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| (33..=126).contains(&b) && b != b'=')
}

/// No control character (C0, DEL) and nothing but ASCII.
fn check_characters(text: &str) -> Result<(), AddressError> {
    if text.chars().any(|c| c.is_ascii_control()) {
        return Err(AddressError::ControlCharacter);
    }
    if !text.is_ascii() {
        return Err(AddressError::NotAscii);
    }
    Ok(())
}

/// The local part and the domain: after a quoted string, or at the first `@` of a dot-string.
fn split_mailbox(text: &str) -> Result<(&str, &str), AddressError> {
    let at = match text.strip_prefix('"') {
        Some(rest) => quoted_end(rest).map(|end| end + 2).ok_or(AddressError::LocalPart)?,
        None => text.find('@').ok_or(AddressError::NoDomain)?,
    };
    match text[at..].strip_prefix('@') {
        Some(domain) => Ok((&text[..at], domain)),
        None => Err(AddressError::NoDomain),
    }
}

/// The index of the closing quote in the text after an opening one.
fn quoted_end(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// `Dot-string = Atom *("." Atom)`, `Atom = 1*atext` (RFC 5322 §3.2.3).
fn is_dot_string(text: &str) -> bool {
    text.split('.').all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
}

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// `Quoted-string = DQUOTE *QcontentSMTP DQUOTE`: `qtextSMTP` is %d32-33 / %d35-91 / %d93-126,
/// `quoted-pairSMTP` is a backslash and %d32-126.
fn is_quoted_string(text: &str) -> bool {
    let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else { return false };
    let mut bytes = inner.bytes();
    while let Some(b) = bytes.next() {
        let valid = match b {
            b'\\' => bytes.next().is_some_and(|next| (32..=126).contains(&next)),
            b'"' => false,
            _ => (32..=126).contains(&b),
        };
        if !valid {
            return false;
        }
    }
    true
}

/// `Domain = sub-domain *("." sub-domain)`, `sub-domain = Let-dig [Ldh-str]`.
pub fn is_domain(text: &str) -> bool {
    !text.is_empty() && text.len() <= DOMAIN_MAX && text.split('.').all(is_sub_domain)
}

fn is_sub_domain(label: &str) -> bool {
    let bytes = label.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

/// `address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]"`.
pub fn is_address_literal(text: &str) -> bool {
    let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else { return false };
    if inner.parse::<Ipv4Addr>().is_ok() {
        return true;
    }
    match inner.split_once(':') {
        Some((tag, address)) if tag.eq_ignore_ascii_case("IPv6") => address.parse::<Ipv6Addr>().is_ok(),
        Some((tag, content)) => is_general_literal(tag, content),
        None => false,
    }
}

/// `General-address-literal = Standardized-tag ":" 1*dcontent`, `dcontent = %d33-90 / %d94-126`.
fn is_general_literal(tag: &str, content: &str) -> bool {
    let tag_valid = tag.ends_with(|c: char| c.is_ascii_alphanumeric()) && is_esmtp_keyword(tag);
    tag_valid && !content.is_empty() && content.bytes().all(|b| (33..=90).contains(&b) || (94..=126).contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox(text: &str) -> Result<String, AddressError> {
        match path_and_parameters(text)?.0 {
            Path::Mailbox(m) => Ok(m.to_string()),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn mailboxes_of_rfc_5321() {
        assert_eq!(mailbox("<a@b.test>"), Ok("a@b.test".to_owned()));
        assert_eq!(
            mailbox("  <first.last+tag@sub.example-1.test>"),
            Ok("first.last+tag@sub.example-1.test".to_owned())
        );
        assert_eq!(mailbox("<\"two words\"@b.test>"), Ok("\"two words\"@b.test".to_owned()));
        assert_eq!(mailbox("<\"a>b\\\"c\"@b.test>"), Ok("\"a>b\\\"c\"@b.test".to_owned()));
        assert_eq!(mailbox("<a/b@b.test>"), Ok("a/b@b.test".to_owned()), "'/' is atext");
        assert_eq!(mailbox("<a@[192.0.2.1]>"), Ok("a@[192.0.2.1]".to_owned()));
        assert_eq!(mailbox("<a@[IPv6:2001:db8::1]>"), Ok("a@[IPv6:2001:db8::1]".to_owned()));
        assert_eq!(mailbox("<@r1.test,@r2.test:a@b.test>"), Ok("a@b.test".to_owned()), "source route dropped");
    }

    #[test]
    fn null_path_postmaster_and_parameters() {
        assert_eq!(path_and_parameters("<>"), Ok((Path::Null, vec![])));
        assert_eq!(path_and_parameters("<PostMaster>"), Ok((Path::Postmaster, vec![])));
        let (_, parameters) = path_and_parameters("<> SIZE=10 body=8BITMIME  X-FOO").unwrap();
        let expected = [("SIZE", "10"), ("BODY", "8BITMIME"), ("X-FOO", "")];
        assert_eq!(parameters, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    }

    #[test]
    fn hostile_and_malformed_paths_are_refused() {
        let cases = [
            ("<..>", AddressError::NoDomain),
            ("..", AddressError::NoBrackets),
            ("a@b.test", AddressError::NoBrackets),
            ("<a@b.test", AddressError::NoBrackets),
            ("<a@b.test>x", AddressError::NoBrackets),
            ("<../../x@b.test>", AddressError::LocalPart),
            ("<a..b@b.test>", AddressError::LocalPart),
            (".a@b.test", AddressError::NoBrackets),
            ("<a\0b@b.test>", AddressError::ControlCharacter),
            ("<a@b.test\r>", AddressError::ControlCharacter),
            ("<a@b.test>\n", AddressError::ControlCharacter),
            ("<a\tb@b.test>", AddressError::ControlCharacter),
            ("<é@b.test>", AddressError::NotAscii),
            ("<a@b_c.test>", AddressError::Domain),
            ("<a@-b.test>", AddressError::Domain),
            ("<a@b..test>", AddressError::Domain),
            ("<a@/etc>", AddressError::Domain),
            ("<a@[300.0.0.1]>", AddressError::Domain),
            ("<a b@b.test>", AddressError::LocalPart),
            ("<\"a\"b@b.test>", AddressError::NoDomain),
            ("<@r1.test:>", AddressError::NoDomain),
            ("<@r_1:a@b.test>", AddressError::SourceRoute),
            ("<a@b.test> SIZE==1", AddressError::Parameters),
            ("<a@b.test> -X=1", AddressError::Parameters),
        ];
        for (text, error) in cases {
            assert_eq!(path_and_parameters(text), Err(error), "{text:?}");
        }
        let long_local = format!("<{}@b.test>", "a".repeat(65));
        assert_eq!(path_and_parameters(&long_local), Err(AddressError::LocalPartTooLong));
        let long_path = format!("<a@{}.test>", "b".repeat(60).repeat(5));
        assert_eq!(path_and_parameters(&long_path), Err(AddressError::PathTooLong));
    }
}

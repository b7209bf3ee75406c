//! Data elements a code requires: a code list's `requires` column names the elements a header using
//! the code must carry (a clinic's NumeroFINESS, the mandat mention of an S3404 statement), in the same
//! group occurrence as the code. A version whose dictionary lacks the element is not checked for it.

use super::Collector;
use crate::document::Element;
use crate::header::Header;
use scor_dictionary::schema::Field;
use scor_dictionary::{Check, Level};
use scor_locale::{Text, text};
use std::collections::BTreeSet;

/// The extra column of a code list that names the data elements a code requires.
pub const COLUMN: &str = "requires";

/// Raises `code-requires` for every code of the header whose required elements are missing.
pub fn check(header: &Header, c: &mut Collector) {
    let document = &header.document;
    let schema = document.schema;
    for field in schema.fields() {
        let Some(list) = &field.code_list else { continue };
        let Some(codes) = c.dictionary.code_lists.iter().find(|l| l.key == list.key) else { continue };
        let required: BTreeSet<&str> = codes.entries.iter().flat_map(|e| e.extra(COLUMN).iter().copied()).collect();
        for id in required {
            // The dictionary version lacks the element: nothing can require it.
            let Some(target) = schema.field(id) else { continue };
            let group = common_group(field.path, target.path);
            let below = |path: &'static str| if group.is_empty() { path } else { &path[group.len() + 1..] };
            let occurrences: Vec<&Element> =
                if group.is_empty() { vec![&document.root] } else { document.root.all(group) };
            for occurrence in occurrences {
                if occurrence.at(below(target.path)).is_some() {
                    continue;
                }
                for element in occurrence.all(below(field.path)) {
                    let Some(entry) = codes.get(&element.text) else { continue };
                    if entry.extra(COLUMN).contains(&id) {
                        let message = message(field, entry.code, entry.label, target, group);
                        let finding = c.raise(Check::CodeRequires, Level::Header, document.location(element), message);
                        finding.element = Some(target.id);
                    }
                }
            }
        }
    }
}

fn message(field: &Field, code: &str, label: &str, target: &Field, group: &str) -> Text {
    let place = match group.rsplit('/').next().filter(|g| !g.is_empty()) {
        Some(group) => text!("requires-in-group", group = group),
        None => text!("requires-in-header"),
    };
    text!(
        "code-requires",
        name = field.name,
        code = code,
        label = label,
        target = target.name,
        id = target.id,
        path = target.path,
        place = place
    )
}

/// The deepest group holding both paths (`Dossiers/Dossier/Piece` for two elements of a piece; empty
/// for the root): a prefix of `a`.
fn common_group(a: &'static str, b: &str) -> &'static str {
    let (pa, pb): (Vec<&str>, Vec<&str>) = (a.split('/').collect(), b.split('/').collect());
    // Groups only: the last part of each path is the element itself.
    let shared = pa[..pa.len() - 1].iter().zip(&pb[..pb.len() - 1]).take_while(|(x, y)| x == y).count();
    let length = pa[..shared].iter().map(|p| p.len()).sum::<usize>() + shared.saturating_sub(1);
    &a[..length]
}

#[cfg(test)]
mod tests {
    use super::common_group;

    #[test]
    fn the_common_group_of_two_paths() {
        assert_eq!(
            common_group("Dossiers/Dossier/Piece/Nature", "Dossiers/Dossier/Piece/MentionMandat"),
            "Dossiers/Dossier/Piece"
        );
        assert_eq!(common_group("Emetteur/CodeSpecialite", "Emetteur/NumeroFINESS"), "Emetteur");
        assert_eq!(common_group("Emetteur/CodeSpecialite", "Lot/Exercice"), "");
        assert_eq!(common_group("Temps", "Emetteur/NumeroFINESS"), "");
    }
}

//! Helpers over the lopdf object model: resolving references, reading names, numbers and dicts.
//! Every lookup is total: a missing or mistyped entry gives None, never an error or a panic.

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Follows references (at most a few hops, so loops end).
pub(crate) fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    let mut cur = obj;
    for _ in 0..8 {
        match cur {
            Object::Reference(id) => match doc.objects.get(id) {
                Some(next) => cur = next,
                None => return &Object::Null,
            },
            _ => return cur,
        }
    }
    &Object::Null
}

/// Entry of a dictionary, resolved.
pub(crate) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| resolve(doc, o)).filter(|o| !matches!(o, Object::Null))
}

/// Dictionary of an object (a stream's dictionary too).
pub(crate) fn as_dict(obj: &Object) -> Option<&Dictionary> {
    match obj {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// Entry of a dictionary as a dictionary (or stream dictionary), resolved.
pub(crate) fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    get(doc, dict, key).and_then(as_dict)
}

/// Entry of a dictionary as an array, resolved.
pub(crate) fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, dict, key) {
        Some(Object::Array(a)) => Some(a),
        _ => None,
    }
}

/// Entry of a dictionary as a name.
pub(crate) fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, dict, key) {
        Some(Object::Name(n)) => Some(n),
        _ => None,
    }
}

/// Entry of a dictionary as a number.
pub(crate) fn get_number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f64> {
    match get(doc, dict, key) {
        Some(Object::Integer(i)) => Some(*i as f64),
        Some(Object::Real(r)) => Some(f64::from(*r)),
        _ => None,
    }
}

/// Entry of a dictionary as an integer.
pub(crate) fn get_int(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<i64> {
    match get(doc, dict, key) {
        Some(Object::Integer(i)) => Some(*i),
        _ => None,
    }
}

/// The reference an entry holds, if it is indirect.
pub(crate) fn ref_of(dict: &Dictionary, key: &[u8]) -> Option<ObjectId> {
    match dict.get(key) {
        Ok(Object::Reference(id)) => Some(*id),
        _ => None,
    }
}

/// Lossy text of a name, for messages.
pub(crate) fn show(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

/// Filter names of a stream (a name or an array of names).
pub(crate) fn filters<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Vec<&'a [u8]> {
    match get(doc, dict, key) {
        Some(Object::Name(n)) => vec![n.as_slice()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| match resolve(doc, o) {
                Object::Name(n) => Some(n.as_slice()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

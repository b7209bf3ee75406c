//! The bytes the derived `Arbitrary` reads back as a given value: how the committed seeds of the
//! structured targets (`pdf_page_tree`, `pj_image`) are written.

/// Variant `index` of an enum of `count` variants.
pub fn variant(out: &mut Vec<u8>, index: u64, count: u64) {
    out.extend(((((2 * index + 1) << 32) / (2 * count)) as u32).to_le_bytes());
}

/// An `Option`: its flag, then the value when there is one.
pub fn option<T>(out: &mut Vec<u8>, value: Option<T>, write: impl FnOnce(&mut Vec<u8>, T)) {
    out.push(u8::from(value.is_some()));
    if let Some(value) = value {
        write(out, value);
    }
}

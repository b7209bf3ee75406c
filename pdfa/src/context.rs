//! The state the object-model checks share: the document, the caller's limits, the findings, the
//! colour space of the output intent and the dictionaries already visited.

use std::collections::{BTreeSet, HashMap, HashSet};

use lopdf::{Dictionary, Document};
use scor_locale::text;

use crate::model::get_name;
use crate::report::{Findings, Limits, PdfLocation};

/// A device colour space, as 6.2.3 tests them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeviceCs {
    Rgb,
    Cmyk,
    Gray,
}

/// A font that content shows text with, and the character codes it shows.
#[derive(Debug)]
pub(crate) struct UsedFont<'a> {
    pub(crate) font: &'a Dictionary,
    pub(crate) loc: PdfLocation,
    pub(crate) codes: BTreeSet<u32>,
}

/// State shared by the object-model checks.
pub(crate) struct Ctx<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) limits: &'a Limits,
    pub(crate) f: &'a mut Findings,
    /// Colour space of the GTS_PDFA1 output intent profile (veraPDF's gOutputCS).
    pub(crate) output_cs: Option<[u8; 4]>,
    /// The output intent's profile decodes past the stream limit: its colour space is unknown.
    pub(crate) output_at_limit: bool,
    visited: HashSet<usize>,
    /// Content streams (forms, patterns, glyphs) already checked where they are used.
    content_seen: HashSet<usize>,
    /// Fonts content shows text with, and their codes.
    pub(crate) used_fonts: Vec<UsedFont<'a>>,
    font_index: HashMap<usize, usize>,
}

impl<'a> Ctx<'a> {
    /// The state of the checks of `doc`, before the output intent is read.
    pub(crate) fn new(doc: &'a Document, limits: &'a Limits, f: &'a mut Findings) -> Self {
        Self {
            doc,
            limits,
            f,
            output_cs: None,
            output_at_limit: false,
            visited: HashSet::new(),
            content_seen: HashSet::new(),
            used_fonts: Vec::new(),
            font_index: HashMap::new(),
        }
    }

    /// True the first time a given dictionary is seen.
    pub(crate) fn first_visit(&mut self, d: &Dictionary) -> bool {
        self.visited.insert(std::ptr::from_ref(d) as usize)
    }

    /// Records the character codes of a string shown with `font` (two-byte codes for a Type 0 font).
    pub(crate) fn show_text(&mut self, font: &'a Dictionary, loc: &PdfLocation, bytes: &[u8]) {
        let key = std::ptr::from_ref(font) as usize;
        let index = *self.font_index.entry(key).or_insert_with(|| {
            self.used_fonts.push(UsedFont { font, loc: loc.clone(), codes: Default::default() });
            self.used_fonts.len() - 1
        });
        let two_bytes = get_name(self.doc, font, b"Subtype") == Some(b"Type0");
        let codes = &mut self.used_fonts[index].codes;
        if two_bytes {
            codes.extend(bytes.chunks(2).map(|c| u32::from(c[0]) << 8 | u32::from(c.get(1).copied().unwrap_or(0))));
        } else {
            codes.extend(bytes.iter().map(|b| u32::from(*b)));
        }
    }

    /// True the first time a content stream is checked where it is used.
    pub(crate) fn first_content_visit(&mut self, s: &lopdf::Stream) -> bool {
        self.content_seen.insert(std::ptr::from_ref(s) as usize)
    }

    pub(crate) fn first_visit_outline(&mut self, d: &Dictionary) -> bool {
        self.first_visit(d)
    }

    pub(crate) fn first_visit_field(&mut self, d: &Dictionary) -> bool {
        self.first_visit(d)
    }

    /// 6.2.3 tests 2-4: a device colour space needs a fitting PDF/A-1 output intent.
    /// Not evaluated when the output intent's profile is past the stream limit.
    pub(crate) fn use_device(&mut self, kind: DeviceCs, loc: PdfLocation) {
        if self.output_at_limit {
            return;
        }
        let out = self.output_cs;
        let (test, ok, msg) = match kind {
            DeviceCs::Rgb => (2, out == Some(*b"RGB "), text!("pdfa-device-rgb")),
            DeviceCs::Cmyk => (3, out == Some(*b"CMYK"), text!("pdfa-device-cmyk")),
            DeviceCs::Gray => (4, out.is_some(), text!("pdfa-device-gray")),
        };
        if !ok {
            self.f.add("6.2.3", test, msg, loc);
        }
    }
}

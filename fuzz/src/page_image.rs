//! Page images for the `pj_image` target: an image XObject (size, bits, colour space,
//! filters and their parameters, the stream's bytes) drawn over a one-page PDF, and what its scan
//! analysis must keep.

use crate::seed_bytes::{option, variant};
use arbitrary::{Arbitrary, Unstructured};

/// One image, drawn over the whole of the only page.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub width: u16,
    pub height: u16,
    /// `/BitsPerComponent`, as given (1, 2, 4, 8 and 16 are the valid ones).
    pub bits: u8,
    pub space: Space,
    pub filter: Filter,
    /// `/Decode` with each component's range reversed.
    pub inverted: bool,
    /// The samples (deflated here when the filter says so) or the stream's bytes: the rest of the
    /// input.
    pub data: Vec<u8>,
}

/// `/ColorSpace`, or `/ImageMask true`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
pub enum Space {
    Gray,
    Rgb,
    Cmyk,
    Mask,
    /// `[/Indexed base hival lookup]` with an RGB or grey base and a lookup table of `hival + 1`
    /// entries.
    Indexed {
        rgb: bool,
        hival: u8,
    },
    /// No colour space at all.
    Missing,
    /// A colour space the analysis does not read.
    Lab,
}

/// `/Filter` and `/DecodeParms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
pub enum Filter {
    None,
    /// FlateDecode of the data deflated here, with `/Predictor` when given (columns and colours from
    /// the image).
    Flate {
        predictor: Option<u8>,
    },
    /// FlateDecode over the data as given: a corrupt or truncated stream, mostly.
    RawFlate,
    /// CCITTFaxDecode over the data as given (`k` < 0: G4; 0: G3 one-dimensional; > 0: G3 mixed).
    Ccitt {
        k: i8,
        black_is_1: bool,
        byte_align: bool,
        end_of_block: bool,
        rows: bool,
    },
    /// `[/FlateDecode /CCITTFaxDecode]`: the data deflated here, G4.
    FlateCcitt {
        black_is_1: bool,
    },
    Dct,
    /// `[/DCTDecode /FlateDecode]`: a codec before a generic filter.
    CodecFirst,
    /// A filter by name: LZW, RunLength, ASCIIHex, ASCII85, JBIG2, JPX, or one that does not exist.
    Named(u8),
}

const NAMED: [&str; 7] =
    ["LZWDecode", "RunLengthDecode", "ASCIIHexDecode", "ASCII85Decode", "JBIG2Decode", "JPXDecode", "NoSuchDecode"];

impl Image {
    /// The image a fuzzer's input describes: its fields as `arbitrary` reads them (zero when the input
    /// runs short), then the rest of the input as the data.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        let mut u = Unstructured::new(bytes);
        let width = u.arbitrary().unwrap_or_default();
        let height = u.arbitrary().unwrap_or_default();
        let bits = u.arbitrary().unwrap_or_default();
        let space = u.arbitrary().unwrap_or(Space::Gray);
        let filter = u.arbitrary().unwrap_or(Filter::None);
        let inverted = u.arbitrary().unwrap_or_default();
        Self { width, height, bits, space, filter, inverted, data: u.take_rest().to_vec() }
    }

    /// The document: catalog, pages, the page (A4 in points), its content and the image.
    pub fn pdf(&self) -> Vec<u8> {
        let objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>".to_vec(),
            scor_pdfa::write::stream_object("", b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
            scor_pdfa::write::stream_object(&self.entries(), &self.stream()),
        ];
        scor_pdfa::write::assemble(&objects, None)
    }

    fn components(&self) -> usize {
        match self.space {
            Space::Rgb => 3,
            Space::Cmyk => 4,
            _ => 1,
        }
    }

    fn entries(&self) -> String {
        let mut e = format!("/Type /XObject /Subtype /Image /Width {} /Height {}", self.width, self.height);
        match self.space {
            Space::Mask => e.push_str(" /ImageMask true"),
            Space::Gray => e.push_str(" /ColorSpace /DeviceGray"),
            Space::Rgb => e.push_str(" /ColorSpace /DeviceRGB"),
            Space::Cmyk => e.push_str(" /ColorSpace /DeviceCMYK"),
            Space::Lab => e.push_str(" /ColorSpace [/Lab << /WhitePoint [0.95 1 1.09] >>]"),
            Space::Missing => {}
            Space::Indexed { rgb, hival } => {
                let (base, size) = if rgb { ("/DeviceRGB", 3) } else { ("/DeviceGray", 1) };
                let lookup: String =
                    (0..(usize::from(hival) + 1) * size).map(|i| format!("{:02X}", i * 37 % 256)).collect();
                e.push_str(&format!(" /ColorSpace [/Indexed {base} {hival} <{lookup}>]"));
            }
        }
        if self.space != Space::Mask {
            e.push_str(&format!(" /BitsPerComponent {}", self.bits));
        }
        if self.inverted {
            let ranges = if self.space == Space::Mask { 1 } else { self.components() };
            e.push_str(&format!(" /Decode [{}]", vec!["1 0"; ranges].join(" ")));
        }
        let ccitt = |k: i8, black_is_1: bool| format!("/K {k} /Columns {} /BlackIs1 {black_is_1}", self.width);
        match self.filter {
            Filter::None => {}
            Filter::Flate { predictor: None } | Filter::RawFlate => e.push_str(" /Filter /FlateDecode"),
            Filter::Flate { predictor: Some(p) } => e.push_str(&format!(
                " /Filter /FlateDecode /DecodeParms << /Predictor {p} /Colors {} /BitsPerComponent {} /Columns {} >>",
                self.components(),
                self.bits,
                self.width
            )),
            Filter::Ccitt { k, black_is_1, byte_align, end_of_block, rows } => {
                let mut parms = ccitt(k, black_is_1);
                parms.push_str(&format!(" /EncodedByteAlign {byte_align} /EndOfBlock {end_of_block}"));
                if rows {
                    parms.push_str(&format!(" /Rows {}", self.height));
                }
                e.push_str(&format!(" /Filter /CCITTFaxDecode /DecodeParms << {parms} >>"));
            }
            Filter::FlateCcitt { black_is_1 } => e.push_str(&format!(
                " /Filter [/FlateDecode /CCITTFaxDecode] /DecodeParms [null << {} >>]",
                ccitt(-1, black_is_1)
            )),
            Filter::Dct => e.push_str(" /Filter /DCTDecode"),
            Filter::CodecFirst => e.push_str(" /Filter [/DCTDecode /FlateDecode]"),
            Filter::Named(n) => e.push_str(&format!(" /Filter /{}", NAMED[usize::from(n) % NAMED.len()])),
        }
        e
    }

    fn stream(&self) -> Vec<u8> {
        match self.filter {
            Filter::Flate { .. } | Filter::FlateCcitt { .. } => scor_pdfa::write::flate(&self.data),
            _ => self.data.clone(),
        }
    }
}

/// Checks one image: the analysis never panics, reports the one page once (analysed or not
/// evaluated), and an analysed page has the image's size and measures within their ranges. Returns the
/// report.
pub fn check(image: &Image) -> scor_quality::Report {
    let pdf = image.pdf();
    let (limits, thresholds) = scor_conformance::checks::pj::quality_settings(&scor_dictionary::latest::DICTIONARY, 64);
    let report = scor_quality::analyze(&pdf, &limits, &thresholds);
    assert_eq!(report.page_count, 1, "{report:#?}");
    let analysed = report.pages.iter().filter(|p| p.page == 1).count();
    let skipped = report.not_evaluated.iter().any(|(page, _)| *page == Some(1))
        || report.not_evaluated_at_limit.iter().any(|(page, _)| *page == Some(1));
    assert!(
        analysed == 1 && report.pages.len() == 1 || analysed == 0 && skipped,
        "page 1 neither analysed once nor not evaluated: {report:#?}"
    );
    for page in &report.pages {
        assert_eq!((page.width_px, page.height_px), (u32::from(image.width), u32::from(image.height)));
        let m = &page.metrics;
        for share in [m.dark_permille, m.content_permille, m.contrast_permille, m.grey_permille, m.colour_permille] {
            assert!((0.0..=1000.0).contains(&share), "a share out of range: {m:#?}");
        }
        assert!(m.ink.is_none_or(|ink| ink <= m.background), "ink lighter than the background: {m:#?}");
        assert!(m.skew_degrees.is_none_or(|s| s.abs() <= 16.0), "skew out of the searched range: {m:#?}");
        assert!(page.dpi_x.is_finite() && page.dpi_y.is_finite() && page.dpi_x > 0.0 && page.dpi_y > 0.0);
        assert!(
            !page.thumbnail_png.is_empty()
                && page.thumbnail_width.max(page.thumbnail_height) <= limits.thumbnail_max_side
        );
    }
    report
}

/// The bytes [`Image::from_bytes`] reads back as `image`: how the committed seeds are written.
pub fn encode(image: &Image) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(image.width.to_le_bytes());
    out.extend(image.height.to_le_bytes());
    out.push(image.bits);
    match image.space {
        Space::Gray => variant(&mut out, 0, 7),
        Space::Rgb => variant(&mut out, 1, 7),
        Space::Cmyk => variant(&mut out, 2, 7),
        Space::Mask => variant(&mut out, 3, 7),
        Space::Indexed { rgb, hival } => {
            variant(&mut out, 4, 7);
            out.extend([u8::from(rgb), hival]);
        }
        Space::Missing => variant(&mut out, 5, 7),
        Space::Lab => variant(&mut out, 6, 7),
    }
    match image.filter {
        Filter::None => variant(&mut out, 0, 8),
        Filter::Flate { predictor } => {
            variant(&mut out, 1, 8);
            option(&mut out, predictor, |out, p| out.push(p));
        }
        Filter::RawFlate => variant(&mut out, 2, 8),
        Filter::Ccitt { k, black_is_1, byte_align, end_of_block, rows } => {
            variant(&mut out, 3, 8);
            out.extend([k as u8, u8::from(black_is_1), u8::from(byte_align), u8::from(end_of_block), u8::from(rows)]);
        }
        Filter::FlateCcitt { black_is_1 } => {
            variant(&mut out, 4, 8);
            out.push(u8::from(black_is_1));
        }
        Filter::Dct => variant(&mut out, 5, 8),
        Filter::CodecFirst => variant(&mut out, 6, 8),
        Filter::Named(n) => {
            variant(&mut out, 7, 8);
            out.push(n);
        }
    }
    out.push(u8::from(image.inverted));
    out.extend(&image.data);
    out
}

/// Whether the pixel at `x`, `y` of a page `width` wide is ink: a line of bars every `pitch` rows
/// (12 for the small seeds; a page's lines are further apart).
fn ink(x: usize, y: usize, width: usize, pitch: usize) -> bool {
    (4..=8).contains(&(y % pitch)) && (4..width.saturating_sub(4)).contains(&x) && x % 10 < 6
}

/// A bitonal page of `width × height` pixels, packed rows (the first pixel the highest bit, 1 white).
fn text_rows(width: u16, height: u16, pitch: usize) -> Vec<u8> {
    let (width, height) = (usize::from(width), usize::from(height));
    let stride = width.div_ceil(8);
    let mut rows = vec![0xFFu8; stride * height];
    for (y, x) in (0..height).flat_map(|y| (0..width).map(move |x| (y, x))).filter(|&(y, x)| ink(x, y, width, pitch)) {
        rows[y * stride + x / 8] &= !(0x80 >> (x % 8));
    }
    rows
}

/// The same page in 8-bit grey: dark grey ink on light grey paper, as a scanner gives it.
fn text_levels(width: u16, height: u16, pitch: usize) -> Vec<u8> {
    let (width, height) = (usize::from(width), usize::from(height));
    (0..height).flat_map(|y| (0..width).map(move |x| if ink(x, y, width, pitch) { 40 } else { 235 })).collect()
}

/// The encoders the seeds need and the targets do not (the tests give them, with the `fax` and
/// `jpeg-encoder` crates).
pub trait SeedEncoders {
    /// CCITT G4 of packed rows of `width` pixels (1 white).
    fn g4(&self, width: u16, rows: &[u8]) -> Vec<u8>;
    /// A JPEG of 8-bit samples, 1, 3 or 4 a pixel (grey, RGB, CMYK), baseline or progressive.
    fn jpeg(&self, width: u16, height: u16, samples: &[u8], progressive: bool) -> Vec<u8>;
}

/// Width and height of an A4 page scanned at 250 DPI, the size of a real PJ's page.
const A4_250_DPI: (u16, u16) = (2067, 2923);

/// Rows from one line of bars to the next on the A4 seeds.
const A4_LINE_PITCH: usize = 60;

/// The seeds of `fuzz/seeds/pj_image/`: one image of each kind the analysis decodes, and some it
/// does not; real JPEGs (baseline and progressive, grey, RGB and CMYK); and whole A4 pages (Flate as
/// it arrives, CCITT G4, a grey JPEG), so that the decoders are fuzzed on streams of a real page's size.
pub fn seeds(encoders: &impl SeedEncoders) -> Vec<(&'static str, Image)> {
    let image =
        |width, height, bits, space, filter, data| Image { width, height, bits, space, filter, inverted: false, data };
    let grey: Vec<u8> = (0..64u32 * 48).map(|i| if (i / 64) % 12 < 4 { 255 } else { (i % 64 * 4) as u8 }).collect();
    let rgb: Vec<u8> = (0..16u32 * 8 * 3).map(|i| (i * 7 % 256) as u8).collect();
    // PNG predictor rows: a filter byte (Up) before each row of 16 grey samples.
    let predicted: Vec<u8> =
        (0..8u32).flat_map(|y| std::iter::once(2).chain((0..16).map(move |x| (x * y) as u8))).collect();
    let indexed: Vec<u8> = (0..8u32 * 8).map(|i| (i % 4) as u8 * 0x11).collect();
    let text = text_rows(200, 120, 12);
    let colours = |width: u32, height: u32, components: u32| -> Vec<u8> {
        (0..width * height * components)
            .map(|i| ((i % (width * components)) * 5 + i / (width * components) * 3) as u8)
            .collect()
    };
    let (a4_width, a4_height) = A4_250_DPI;
    let a4_text = text_rows(a4_width, a4_height, A4_LINE_PITCH);
    // The A4 page at 100 DPI, in grey: a JPEG of a real scan's size.
    let (grey_width, grey_height) = (827u16, 1169u16);
    let grey_text = text_levels(grey_width, grey_height, A4_LINE_PITCH);
    let ccitt = Filter::Ccitt { k: -1, black_is_1: false, byte_align: false, end_of_block: true, rows: true };
    vec![
        ("grey-8", image(64, 48, 8, Space::Gray, Filter::None, grey.clone())),
        (
            "grey-8-flate",
            Image { inverted: true, ..image(64, 48, 8, Space::Gray, Filter::Flate { predictor: None }, grey.clone()) },
        ),
        ("bitonal-flate", image(200, 120, 1, Space::Gray, Filter::Flate { predictor: None }, text.clone())),
        ("mask-flate", image(200, 120, 1, Space::Mask, Filter::Flate { predictor: None }, text.clone())),
        ("ccitt-g4", image(200, 120, 1, Space::Gray, ccitt, encoders.g4(200, &text))),
        (
            "flate-ccitt-g4",
            image(200, 120, 1, Space::Gray, Filter::FlateCcitt { black_is_1: false }, encoders.g4(200, &text)),
        ),
        ("rgb-8", image(16, 8, 8, Space::Rgb, Filter::None, rgb.clone())),
        ("cmyk-8-raw-flate", image(8, 8, 8, Space::Cmyk, Filter::RawFlate, rgb)),
        ("grey-png-predictor", image(16, 8, 8, Space::Gray, Filter::Flate { predictor: Some(12) }, predicted)),
        ("indexed-4", image(8, 8, 4, Space::Indexed { rgb: true, hival: 3 }, Filter::None, indexed)),
        ("grey-16", image(4, 4, 16, Space::Gray, Filter::None, (0..32).collect())),
        ("dct-junk", image(8, 8, 8, Space::Gray, Filter::Dct, vec![0xFF, 0xD8, 0xFF, 0xDB, 0, 0x43])),
        ("jbig2", image(8, 8, 1, Space::Gray, Filter::Named(4), vec![0; 8])),
        ("codec-first", image(8, 8, 8, Space::Gray, Filter::CodecFirst, vec![0; 64])),
        ("over-pixels", image(u16::MAX, u16::MAX, 1, Space::Gray, Filter::None, vec![0; 8])),
        ("dct-grey", image(64, 48, 8, Space::Gray, Filter::Dct, encoders.jpeg(64, 48, &grey, false))),
        (
            "dct-rgb-progressive",
            image(48, 32, 8, Space::Rgb, Filter::Dct, encoders.jpeg(48, 32, &colours(48, 32, 3), true)),
        ),
        ("dct-cmyk", image(16, 16, 8, Space::Cmyk, Filter::Dct, encoders.jpeg(16, 16, &colours(16, 16, 4), false))),
        (
            "a4-bitonal-raw-flate",
            image(a4_width, a4_height, 1, Space::Gray, Filter::RawFlate, scor_pdfa::write::flate(&a4_text)),
        ),
        ("a4-ccitt-g4", image(a4_width, a4_height, 1, Space::Gray, ccitt, encoders.g4(a4_width, &a4_text))),
        (
            "a4-100-dpi-dct-grey",
            image(
                grey_width,
                grey_height,
                8,
                Space::Gray,
                Filter::Dct,
                encoders.jpeg(grey_width, grey_height, &grey_text, false),
            ),
        ),
    ]
}

/// The seeds that [`seeds`] makes not to be analysed: the filters the analysis does not read, data
/// that is not the stream it says, and an image over the limits.
pub const NOT_EVALUATED_SEEDS: [&str; 5] = ["cmyk-8-raw-flate", "dct-junk", "jbig2", "codec-first", "over-pixels"];

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_dir() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/pj_image")
    }

    /// The seeds' encoders: `fax` for CCITT G4, `jpeg-encoder` for JPEG.
    struct Encoders;

    impl SeedEncoders for Encoders {
        fn g4(&self, width: u16, rows: &[u8]) -> Vec<u8> {
            let stride = usize::from(width).div_ceil(8);
            let mut encoder = fax::encoder::Encoder::new(fax::VecWriter::new());
            for row in rows.chunks(stride) {
                let pels = (0..usize::from(width))
                    .map(|x| if row[x / 8] & (0x80 >> (x % 8)) != 0 { fax::Color::White } else { fax::Color::Black });
                encoder.encode_line(pels, u32::from(width)).expect("encodes");
            }
            encoder.finish().expect("ends").finish()
        }

        fn jpeg(&self, width: u16, height: u16, samples: &[u8], progressive: bool) -> Vec<u8> {
            let colour = match samples.len() / (usize::from(width) * usize::from(height)) {
                1 => jpeg_encoder::ColorType::Luma,
                3 => jpeg_encoder::ColorType::Rgb,
                _ => jpeg_encoder::ColorType::Cmyk,
            };
            let mut bytes = Vec::new();
            let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 75);
            encoder.set_progressive(progressive);
            encoder.encode(samples, width, height, colour).expect("encodes");
            bytes
        }
    }

    /// Every committed seed is what its image encodes to, keeps the properties, and is analysed or
    /// not evaluated as [`NOT_EVALUATED_SEEDS`] says.
    #[test]
    fn the_committed_seeds_are_the_encoded_images_and_keep_the_properties() {
        for (name, image) in seeds(&Encoders) {
            let bytes = std::fs::read(seed_dir().join(format!("{name}.bin"))).unwrap();
            assert_eq!(bytes, encode(&image), "{name}");
            assert_eq!(Image::from_bytes(&bytes), image, "{name}");
            let report = check(&image);
            let analysed = !NOT_EVALUATED_SEEDS.contains(&name);
            assert_eq!(report.pages.len(), usize::from(analysed), "{name}: {report:#?}");
        }
    }

    /// Rewrites the seeds: `cargo test --lib -- --ignored page_image::tests::write_seeds` in fuzz/.
    #[test]
    #[ignore]
    fn write_seeds() {
        std::fs::create_dir_all(seed_dir()).unwrap();
        for (name, image) in seeds(&Encoders) {
            std::fs::write(seed_dir().join(format!("{name}.bin")), encode(&image)).unwrap();
        }
    }
}

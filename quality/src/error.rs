//! Why a PDF or the image of one of its pages could not be analysed: the reason a report lists as not
//! evaluated.

use scor_locale::{Text, text};
use scor_pdfa::LimitStop;
use scor_pdfa::decode::DecodeError;
use zune_jpeg::errors::DecodeErrors;

/// Why the PDF did not load, or why a page's image could not be found or decoded.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    /// lopdf could not parse the file or an object of it.
    #[error(transparent)]
    Pdf(#[from] lopdf::Error),
    /// A stream of the page decodes past the decoded-bytes limit.
    #[error("{}", .0.message)]
    OverLimit(LimitStop),
    #[error("the page draws no image: only scanned pages are analysed")]
    NoImage,
    #[error("the image has no valid Width and Height")]
    NoSize,
    #[error("the page image has {pixels} pixels ({width} × {height}), over the limit of {max}")]
    PageOverPixels { pixels: u64, width: u32, height: u32, max: u64 },
    #[error("the image has {pixels} pixels, over the limit of {max}")]
    OverPixels { pixels: u64, max: u64 },
    #[error("the image decodes to {bytes} bytes, over the limit of {max}")]
    OverBytes { bytes: u64, max: u64 },
    #[error("the image has no ColorSpace")]
    NoColourSpace,
    #[error("BitsPerComponent {0} is not supported")]
    BitsPerComponent(i64),
    #[error("{0} bits per component are not supported")]
    UnsupportedBits(usize),
    #[error("the image data holds {held} bytes, {needed} expected for its size")]
    ShortData { held: usize, needed: usize },
    #[error("the image's Filter is neither a name nor an array")]
    FilterNotName,
    #[error("the image's filters {0} are not supported in this order")]
    FilterOrder(String),
    #[error("filter {0} is not supported")]
    UnsupportedFilter(String),
    #[error("the image data could not be decoded: {0}")]
    Filters(DecodeError),
    #[error("the CCITT image's Columns, Width or BitsPerComponent disagree")]
    CcittMismatch,
    #[error("CCITTFaxDecode: {0:?}")]
    Ccitt(hayro_ccitt::DecodeError),
    #[error("CCITTFaxDecode: no row decoded")]
    CcittNoRow,
    #[error("DCTDecode: {0:?}")]
    Jpeg(DecodeErrors),
    #[error("{0}: the decoder failed on this data")]
    DecoderFailed(&'static str),
    #[error("DCTDecode: no image header")]
    JpegNoHeader,
    #[error("DCTDecode: {decoded} bytes decoded, {expected} expected")]
    JpegShort { decoded: usize, expected: u64 },
    #[error("the JPEG is {jpeg_width} × {jpeg_height} pixels, the image dictionary says {width} × {height}")]
    JpegSize { jpeg_width: u32, jpeg_height: u32, width: u32, height: u32 },
    #[error("the page image is JBIG2-encoded: scor-quality has no JBIG2 decoder")]
    Jbig2,
    #[error("the page image is JPEG 2000-encoded (JPXDecode, forbidden by PDF/A-1): not decoded")]
    Jpx,
    #[error("the colour space nests too deeply")]
    ColourSpaceTooDeep,
    #[error("the image's colour space is malformed")]
    MalformedColourSpace,
    #[error("the image's ICCBased colour space has no valid N")]
    IccWithoutN,
    #[error("the Indexed colour space has no base")]
    IndexedWithoutBase,
    #[error("the Indexed colour space has an invalid base")]
    IndexedBase,
    #[error("the Indexed palette could not be read: {0}")]
    IndexedPalette(lopdf::Error),
    #[error("the Indexed colour space has no palette")]
    IndexedWithoutPalette,
    #[error("colour space {0} is not supported")]
    UnsupportedColourSpace(String),
}

impl ImageError {
    /// The reason, as a text of the catalogues; a decoder's or lopdf's own words stay as they were given.
    pub fn text(&self) -> Text {
        let detail = |words: String| Text::verbatim(words);
        match self {
            Self::Pdf(error) => detail(error.to_string()),
            Self::OverLimit(stop) => stop.text.clone(),
            Self::NoImage => text!("image-none"),
            Self::NoSize => text!("image-no-size"),
            Self::PageOverPixels { pixels, width, height, max } => {
                text!("image-page-over-pixels", pixels = *pixels, width = *width, height = *height, max = *max)
            }
            Self::OverPixels { pixels, max } => text!("image-over-pixels", pixels = *pixels, max = *max),
            Self::OverBytes { bytes, max } => text!("image-over-bytes", bytes = *bytes, max = *max),
            Self::NoColourSpace => text!("image-no-colour-space"),
            Self::BitsPerComponent(bits) => text!("image-bits-per-component", bits = *bits),
            Self::UnsupportedBits(bits) => text!("image-unsupported-bits", bits = *bits),
            Self::ShortData { held, needed } => text!("image-short-data", held = *held, needed = *needed),
            Self::FilterNotName => text!("image-filter-not-name"),
            Self::FilterOrder(filters) => text!("image-filter-order", filters = filters),
            Self::UnsupportedFilter(filter) => text!("image-unsupported-filter", filter = filter),
            Self::Filters(error) => text!("image-filters", detail = error.text()),
            Self::CcittMismatch => text!("image-ccitt-mismatch"),
            Self::Ccitt(error) => text!("image-ccitt", detail = detail(format!("{error:?}"))),
            Self::CcittNoRow => text!("image-ccitt-no-row"),
            Self::Jpeg(error) => text!("image-jpeg", detail = detail(format!("{error:?}"))),
            Self::DecoderFailed(filter) => text!("image-decoder-failed", filter = *filter),
            Self::JpegNoHeader => text!("image-jpeg-no-header"),
            Self::JpegShort { decoded, expected } => {
                text!("image-jpeg-short", decoded = *decoded, expected = *expected)
            }
            Self::JpegSize { jpeg_width, jpeg_height, width, height } => text!(
                "image-jpeg-size",
                jpeg_width = *jpeg_width,
                jpeg_height = *jpeg_height,
                width = *width,
                height = *height
            ),
            Self::Jbig2 => text!("image-jbig2"),
            Self::Jpx => text!("image-jpx"),
            Self::ColourSpaceTooDeep => text!("image-colour-space-too-deep"),
            Self::MalformedColourSpace => text!("image-colour-space-malformed"),
            Self::IccWithoutN => text!("image-icc-without-n"),
            Self::IndexedWithoutBase => text!("image-indexed-without-base"),
            Self::IndexedBase => text!("image-indexed-base"),
            Self::IndexedPalette(error) => text!("image-indexed-palette", detail = detail(error.to_string())),
            Self::IndexedWithoutPalette => text!("image-indexed-without-palette"),
            Self::UnsupportedColourSpace(space) => text!("image-unsupported-colour-space", space = space),
        }
    }
}

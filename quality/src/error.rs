//! Why a PDF or the image of one of its pages could not be analysed: the reason a report lists as not
//! evaluated.

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

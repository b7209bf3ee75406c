//! The resource limits a caller sets on the analysis of one PDF: pixels and decoded bytes per page,
//! pages analysed, thumbnail size.

/// Resource limits, from the caller (the spec's reading limits). A page over a limit is not evaluated;
/// a stream decoding past `max_decoded_bytes`, or pages past `max_pages`, are limit stops.
/// Memory per page stays within about `max_decoded_bytes` plus two bytes per pixel; time is linear in
/// the pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most pixels (width × height) a page image may have.
    pub max_pixels_per_page: u64,
    /// Most bytes one image stream may decode to (before conversion to 8-bit grey), and most bytes of
    /// a page's content stream.
    pub max_decoded_bytes: u64,
    /// Most pages analysed; later pages are reported as not evaluated.
    pub max_pages: u32,
    /// Longest side of a thumbnail, in pixels; 0 for no thumbnails.
    pub thumbnail_max_side: u32,
}

//! Stream decoding within a byte limit: each filter stage stops one byte past the limit and never
//! allocates beyond it, so a decompression bomb costs the limit, not its decoded size.

use std::borrow::Cow;
use std::io::{ErrorKind, Read};

use flate2::read::{DeflateDecoder, ZlibDecoder};
use lopdf::{DecompressError, Dictionary, Document, Object, ObjectId, Stream};
use scor_locale::{Lang, Text, text};

use crate::model::{as_dict, filters, get, resolve, show};

/// Why a stream was not decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A filter stage produced more than `limit` bytes; decoding stopped one byte past it.
    OverLimit { limit: usize },
    /// A filter this decoder does not apply: an image codec (DCT, CCITT, JBIG2, JPX) or an unknown name.
    Unsupported(String),
    /// More filters than lopdf applies to one stream.
    TooManyFilters(usize),
    /// A general filter refused the data (the filter's own words).
    Failed(String),
}

impl DecodeError {
    /// Why, to render in any language.
    pub fn text(&self) -> Text {
        match self {
            Self::OverLimit { limit } => text!("pdfa-decode-over-limit", limit = *limit),
            Self::Unsupported(filter) => text!("pdfa-decode-unsupported", filter = filter),
            Self::TooManyFilters(n) => text!("pdfa-decode-too-many-filters", filters = *n, max = Stream::MAX_FILTERS),
            Self::Failed(reason) => Text::verbatim(reason.clone()),
        }
    }
}

/// In English; [`DecodeError::text`] renders it in any language.
impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().render(Lang::En))
    }
}

impl std::error::Error for DecodeError {}

/// How a capped read ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capped {
    /// The reader reached its end within the limit.
    Complete,
    /// `limit + 1` bytes were read; the rest was left unread.
    Over,
}

/// Bytes asked of a reader at a time.
const CHUNK: usize = 64 * 1024;

/// Reads `reader` into `out` up to its end or `limit + 1` bytes in all, whichever comes first. `out`
/// never holds nor reserves more than `limit + 1` bytes. A read error leaves what was read in `out`.
pub fn read_capped(mut reader: impl Read, limit: usize, out: &mut Vec<u8>) -> std::io::Result<Capped> {
    let cap = limit.saturating_add(1);
    loop {
        let start = out.len();
        if start >= cap {
            return Ok(Capped::Over);
        }
        let end = start + (cap - start).min(CHUNK);
        if out.capacity() < end {
            let target = end.max(out.capacity().saturating_mul(2)).min(cap);
            out.reserve_exact(target - start);
        }
        out.resize(end, 0);
        let read = loop {
            match reader.read(&mut out[start..]) {
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        out.truncate(start + *read.as_ref().unwrap_or(&0));
        match read {
            Ok(0) => return Ok(Capped::Complete),
            Ok(_) => {}
            Err(e) => return Err(e),
        }
    }
}

/// Inflates zlib data (raw deflate after the two header bytes when the zlib header is damaged), at most
/// `limit` bytes. Like lopdf, data that is corrupt after some output gives that output.
pub fn inflate(input: &[u8], limit: usize) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::new();
    let ended = match read_capped(ZlibDecoder::new(input), limit, &mut out) {
        Err(_) if out.is_empty() && input.len() > 2 => read_capped(DeflateDecoder::new(&input[2..]), limit, &mut out),
        other => other,
    };
    match ended {
        Ok(Capped::Over) => Err(DecodeError::OverLimit { limit }),
        _ => Ok(out),
    }
}

/// The data of `stream` through all its filters, at most `limit` bytes at every stage.
pub fn decode(doc: &Document, stream: &Stream, limit: usize) -> Result<Vec<u8>, DecodeError> {
    decode_first(doc, stream, usize::MAX, limit)
}

/// The data of `stream` through its first `count` filters, at most `limit` bytes at every stage.
pub fn decode_first(doc: &Document, stream: &Stream, count: usize, limit: usize) -> Result<Vec<u8>, DecodeError> {
    let names = filters(doc, &stream.dict, b"Filter");
    if names.len() > Stream::MAX_FILTERS {
        return Err(DecodeError::TooManyFilters(names.len()));
    }
    let mut data = Cow::Borrowed(stream.content.as_slice());
    for (index, name) in names.into_iter().take(count).enumerate() {
        let params = params(doc, &stream.dict, index);
        data = Cow::Owned(stage(&data, name, params, limit)?);
    }
    Ok(data.into_owned())
}

/// The DecodeParms of filter `index` (a dictionary, or an array of them).
fn params<'a>(doc: &'a Document, dict: &'a Dictionary, index: usize) -> Option<&'a Dictionary> {
    match get(doc, dict, b"DecodeParms")? {
        Object::Array(all) => all.get(index).map(|p| resolve(doc, p)).and_then(as_dict),
        other => as_dict(other),
    }
}

/// One filter: Flate without a predictor here, the other general filters through lopdf, one at a time.
fn stage(input: &[u8], name: &[u8], params: Option<&Dictionary>, limit: usize) -> Result<Vec<u8>, DecodeError> {
    let predicted = |p: Option<&Dictionary>| p.and_then(|p| p.get(b"Predictor").ok()?.as_i64().ok()) > Some(1);
    match name {
        b"FlateDecode" if !predicted(params) => inflate(input, limit),
        b"FlateDecode" | b"LZWDecode" | b"ASCII85Decode" | b"ASCIIHexDecode" | b"RunLengthDecode" => {
            by_lopdf(input, name, params, limit)
        }
        other => Err(DecodeError::Unsupported(show(other))),
    }
}

/// One general filter applied by lopdf, which also stops one byte past the limit.
fn by_lopdf(input: &[u8], name: &[u8], params: Option<&Dictionary>, limit: usize) -> Result<Vec<u8>, DecodeError> {
    let mut dict = Dictionary::new();
    dict.set("Filter", Object::Name(name.to_vec()));
    if let Some(params) = params {
        dict.set("DecodeParms", Object::Dictionary(params.clone()));
    }
    match Stream::new(dict, input.to_vec()).decompressed_content_with_limit(limit) {
        Ok(data) => Ok(data),
        Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
            Err(DecodeError::OverLimit { limit })
        }
        Err(e) => Err(DecodeError::Failed(e.to_string())),
    }
}

/// What the page's content streams hold, joined by newlines, within `limit` bytes in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageContent {
    /// The joined, decoded content.
    Decoded(Vec<u8>),
    /// One stream decodes past the limit (its object when it is indirect).
    StreamOverLimit(Option<ObjectId>),
    /// Every stream decodes within the limit but together they pass it.
    TotalOverLimit,
    /// A stream could not be decoded for another reason.
    Failed(DecodeError),
}

/// Decodes the page's Contents (a stream or an array of streams), within `limit` bytes in all.
pub fn page_content(doc: &Document, page: &Dictionary, limit: usize) -> PageContent {
    let streams: Vec<(Option<ObjectId>, &Stream)> = match page.get(b"Contents") {
        Ok(contents @ Object::Reference(id)) => match resolve(doc, contents) {
            Object::Stream(s) => vec![(Some(*id), s)],
            Object::Array(a) => content_streams(doc, a),
            _ => Vec::new(),
        },
        Ok(Object::Stream(s)) => vec![(None, s)],
        Ok(Object::Array(a)) => content_streams(doc, a),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for (id, stream) in streams {
        let data = match decode(doc, stream, limit) {
            Ok(data) => data,
            Err(DecodeError::OverLimit { .. }) => return PageContent::StreamOverLimit(id),
            Err(e) => return PageContent::Failed(e),
        };
        if out.len() + data.len() + 1 > limit {
            return PageContent::TotalOverLimit;
        }
        out.extend_from_slice(&data);
        out.push(b'\n');
    }
    PageContent::Decoded(out)
}

fn content_streams<'a>(doc: &'a Document, items: &'a [Object]) -> Vec<(Option<ObjectId>, &'a Stream)> {
    items
        .iter()
        .filter_map(|o| {
            let id = match o {
                Object::Reference(id) => Some(*id),
                _ => None,
            };
            match resolve(doc, o) {
                Object::Stream(s) => Some((id, s)),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{flate, flate_zeros};

    /// A reader of endless zeros that counts what it hands out.
    struct Counting {
        given: usize,
    }

    impl Read for Counting {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(0);
            self.given += buf.len();
            Ok(buf.len())
        }
    }

    #[test]
    fn a_capped_read_takes_limit_plus_one_bytes_and_reserves_no_more() {
        for limit in [0, 1, 1000, CHUNK - 1, CHUNK, 3 * CHUNK + 7] {
            let mut reader = Counting { given: 0 };
            let mut out = Vec::new();
            assert_eq!(read_capped(&mut reader, limit, &mut out).unwrap(), Capped::Over);
            assert_eq!((reader.given, out.len()), (limit + 1, limit + 1));
            assert!(out.capacity() <= limit + 1, "limit {limit}: capacity {}", out.capacity());
        }
        let mut out = Vec::new();
        assert_eq!(read_capped(&b"12345"[..], 5, &mut out).unwrap(), Capped::Complete);
        assert_eq!(out, b"12345");
    }

    #[test]
    fn inflating_a_bomb_stops_one_byte_past_the_limit() {
        let bomb = flate_zeros(480_000_000);
        assert!(bomb.len() < 500_000, "{}", bomb.len());
        let mut out = Vec::new();
        let ended = read_capped(ZlibDecoder::new(bomb.as_slice()), 50_000_000, &mut out).unwrap();
        assert_eq!((ended, out.len()), (Capped::Over, 50_000_001));
        assert!(out.capacity() <= 50_000_001);
        assert_eq!(inflate(&bomb, 50_000_000), Err(DecodeError::OverLimit { limit: 50_000_000 }));
    }

    #[test]
    fn flate_zeros_is_a_valid_zlib_stream_of_zeros() {
        let len = 3 * (1 << 20) + 12_345;
        let mut out = Vec::new();
        ZlibDecoder::new(flate_zeros(len as u64).as_slice()).read_to_end(&mut out).unwrap();
        assert_eq!(out.len(), len);
        assert!(out.iter().all(|b| *b == 0));
    }

    fn stream(filter: &str, data: Vec<u8>) -> Stream {
        let dict = lopdf::dictionary! { "Filter" => Object::Array(filter.split(' ').map(|f| Object::Name(f.into())).collect()) };
        Stream::new(dict, data)
    }

    #[test]
    fn a_doubly_flated_bomb_stops_at_the_second_stage() {
        let bomb = flate(&flate_zeros(2_000_000_000));
        assert!(bomb.len() < 20_000, "{}", bomb.len());
        let doc = Document::new();
        let s = stream("FlateDecode FlateDecode", bomb);
        assert_eq!(decode(&doc, &s, 50_000_000), Err(DecodeError::OverLimit { limit: 50_000_000 }));
        // The first stage alone (about 2 MB) is within the limit.
        assert!(decode_first(&doc, &s, 1, 50_000_000).is_ok_and(|d| d.len() < 3_000_000));
    }

    #[test]
    fn general_filters_decode_as_lopdf_does() {
        let doc = Document::new();
        let s = stream("ASCIIHexDecode FlateDecode", format!("{}>", hex(&flate(b"q Q"))).into_bytes());
        assert_eq!(decode(&doc, &s, 100).unwrap(), b"q Q");
        assert_eq!(decode(&doc, &s, 2), Err(DecodeError::OverLimit { limit: 2 }));
        let dct = stream("DCTDecode", vec![0xFF, 0xD8]);
        assert_eq!(decode(&doc, &dct, 100), Err(DecodeError::Unsupported("DCTDecode".into())));
        assert_eq!(decode_first(&doc, &dct, 0, 100).unwrap(), [0xFF, 0xD8]);
    }

    fn hex(data: &[u8]) -> String {
        data.iter().map(|b| format!("{b:02X}")).collect()
    }
}

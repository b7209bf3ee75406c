//! Finding the image of each page of the shared page list: inherited MediaBox and Resources, the content
//! stream's matrices down to each `Do` of an image (through forms), and the image's stream decoded.

use crate::decode::{self, Ccitt, Raster, Samples, Space};
use crate::error::ImageError;
use crate::limits::Limits;
use lopdf::{Dictionary, Object, ObjectId, Stream};
use scor_locale::{Text, text};
use scor_pdfa::decode::{DecodeError, PageContent, decode, decode_first, page_content};
use scor_pdfa::ops::{self, Event, Operand};
use scor_pdfa::{LimitStop, Parsed};

/// Deepest nesting of form XObjects followed, and most `Do` operators followed per page.
const MAX_FORM_DEPTH: u32 = 4;
const MAX_DO_PER_PAGE: usize = 256;

/// A parsed PDF and its pages in order, as scor-pdfa's page tree walk found them.
pub struct Document<'a> {
    doc: &'a lopdf::Document,
    pages: &'a [ObjectId],
}

/// The image a page is drawn from, decoded, with its drawn size.
pub struct PageImage {
    pub raster: Raster,
    /// The stream's last filter, or `none`.
    pub encoding: String,
    /// Drawn width and height of the image, in points.
    pub placed: (f64, f64),
    /// Remarks for the not-evaluated list (other images of the page left out...).
    pub notes: Vec<Text>,
}

impl PageImage {
    /// Pixels per inch of the drawn image, horizontally and vertically (0 when it is drawn with no size).
    pub fn dpi(&self) -> (f64, f64) {
        let per_inch = |pixels: u32, points: f64| if points > 0.0 { f64::from(pixels) * 72.0 / points } else { 0.0 };
        (per_inch(self.raster.width, self.placed.0), per_inch(self.raster.height, self.placed.1))
    }
}

/// An image drawn on the page: its object and the CTM it was drawn with.
#[derive(Debug, Clone, Copy)]
struct Placement {
    image: ObjectId,
    ctm: [f64; 6],
}

impl Placement {
    /// Drawn width and height in points: the lengths of the image space's unit vectors.
    fn size(&self) -> (f64, f64) {
        let [a, b, c, d, _, _] = self.ctm;
        (a.hypot(b), c.hypot(d))
    }

    fn area(&self) -> f64 {
        let [a, b, c, d, _, _] = self.ctm;
        (a * d - b * c).abs()
    }
}

impl<'d> Document<'d> {
    pub fn new(parsed: &'d Parsed) -> Self {
        Self { doc: &parsed.doc, pages: &parsed.tree.pages }
    }

    pub fn page_count(&self) -> u32 {
        self.pages.len() as u32
    }

    /// The largest image drawn on page `number` (from 1), decoded.
    pub fn page_image(&self, number: u32, limits: &Limits) -> Result<PageImage, ImageError> {
        let page_id = self.pages[number as usize - 1];
        let resources = self.page_resources(page_id);
        let max_content = usize::try_from(limits.max_decoded_bytes).unwrap_or(usize::MAX);
        let page = self.doc.get_dictionary(page_id)?;
        let content = match page_content(self.doc, page, max_content) {
            PageContent::Decoded(content) => content,
            PageContent::StreamOverLimit(id) => return Err(ImageError::OverLimit(LimitStop::stream(id, max_content))),
            PageContent::TotalOverLimit => {
                return Err(ImageError::OverLimit(LimitStop::page_content(number, page_id, max_content)));
            }
            // Unreadable content: the page's largest image is looked for in its resources.
            PageContent::Failed(_) => Vec::new(),
        };
        let mut placements = Vec::new();
        self.walk(&content, &resources, IDENTITY, 0, &mut placements);
        let mut notes = Vec::new();
        let chosen = match placements.iter().copied().max_by(|a, b| a.area().total_cmp(&b.area())) {
            Some(chosen) => {
                let others = placements.iter().filter(|p| p.image != chosen.image).count();
                if others > 0 && chosen.area() < 0.9 * self.media_area(page_id) {
                    notes.push(text!("quality-several-images", count = others + 1));
                }
                chosen
            }
            None => {
                // No `Do` found (content unreadable): the largest image of the resources, on the MediaBox.
                let image = self
                    .resource_images(&resources)
                    .into_iter()
                    .max_by_key(|(_, pixels)| *pixels)
                    .map(|(id, _)| id)
                    .ok_or(ImageError::NoImage)?;
                let [x0, y0, x1, y1] = self.media_box(page_id);
                Placement { image, ctm: [(x1 - x0).abs(), 0.0, 0.0, (y1 - y0).abs(), x0, y0] }
            }
        };
        let stream = self.doc.get_object(chosen.image).and_then(Object::as_stream)?;
        let (raster, encoding) = self.decode_image(stream, &resources, limits).map_err(|e| match e {
            ImageError::Filters(DecodeError::OverLimit { limit }) => {
                ImageError::OverLimit(LimitStop::stream(Some(chosen.image), limit))
            }
            e => e,
        })?;
        Ok(PageImage { raster, encoding, placed: chosen.size(), notes })
    }

    /// The page's resource dictionaries: its own (or inherited) one and those it refers to.
    fn page_resources(&self, page_id: ObjectId) -> Vec<&Dictionary> {
        let Ok((direct, ids)) = self.doc.get_page_resources(page_id) else { return Vec::new() };
        direct.into_iter().chain(ids.into_iter().filter_map(|id| self.doc.get_dictionary(id).ok())).collect()
    }

    /// The image XObjects named in `resources`, with their pixel counts.
    fn resource_images(&self, resources: &[&Dictionary]) -> Vec<(ObjectId, u64)> {
        let mut images = Vec::new();
        for resource in resources {
            let Some(xobjects) = self.deref_dict(resource.get(b"XObject").ok()) else { continue };
            for (_, value) in xobjects.iter() {
                let Ok(id) = value.as_reference() else { continue };
                let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else { continue };
                if is_subtype(&stream.dict, b"Image") {
                    let size = |key: &[u8]| stream.dict.get(key).and_then(Object::as_i64).unwrap_or(0).max(0) as u64;
                    images.push((id, size(b"Width") * size(b"Height")));
                }
            }
        }
        images
    }

    fn deref_dict<'a>(&'a self, object: Option<&'a Object>) -> Option<&'a Dictionary> {
        let (_, object) = self.doc.dereference(object?).ok()?;
        object.as_dict().ok()
    }

    fn deref<'a>(&'a self, object: &'a Object) -> &'a Object {
        self.doc.dereference(object).map_or(object, |(_, o)| o)
    }

    /// The XObject named `name` in the first of `resources` that has it.
    fn xobject(&self, resources: &[&Dictionary], name: &[u8]) -> Option<(ObjectId, &Stream)> {
        resources.iter().find_map(|resource| {
            let xobjects = self.deref_dict(resource.get(b"XObject").ok())?;
            let id = xobjects.get(name).ok()?.as_reference().ok()?;
            Some((id, self.doc.get_object(id).ok()?.as_stream().ok()?))
        })
    }

    /// Follows `q`, `Q`, `cm` and `Do` through `content`, collecting the images drawn.
    fn walk(&self, content: &[u8], resources: &[&Dictionary], ctm: [f64; 6], depth: u32, out: &mut Vec<Placement>) {
        let mut stack: Vec<[f64; 6]> = Vec::new();
        let mut ctm = ctm;
        ops::walk(content, |event| match event {
            Event::Op(b"q", _) if stack.len() < 64 => stack.push(ctm),
            Event::Op(b"Q", _) => ctm = stack.pop().unwrap_or(ctm),
            Event::Op(b"cm", operands) => {
                if let Some(matrix) = matrix(operands) {
                    ctm = multiply(matrix, ctm);
                }
            }
            Event::Op(b"Do", [Operand::Name(name), ..]) if out.len() < MAX_DO_PER_PAGE => {
                let Some((id, stream)) = self.xobject(resources, name) else { return };
                if is_subtype(&stream.dict, b"Image") {
                    out.push(Placement { image: id, ctm });
                } else if is_subtype(&stream.dict, b"Form") && depth < MAX_FORM_DEPTH {
                    self.walk_form(stream, resources, ctm, depth, out);
                }
            }
            _ => {}
        });
    }

    fn walk_form(&self, form: &Stream, resources: &[&Dictionary], ctm: [f64; 6], depth: u32, out: &mut Vec<Placement>) {
        let form_matrix = form.dict.get(b"Matrix").ok().and_then(|m| m.as_array().ok()).and_then(|m| array_matrix(m));
        let own = self.deref_dict(form.dict.get(b"Resources").ok());
        let inner: Vec<&Dictionary> = own.into_iter().chain(resources.iter().copied()).collect();
        // Forms are small: a limit of one megabyte keeps a hostile one from costing much.
        let Ok(data) = decode(self.doc, form, 1 << 20) else { return };
        self.walk(&data, &inner, multiply(form_matrix.unwrap_or(IDENTITY), ctm), depth + 1, out);
    }

    /// The page's MediaBox, inherited through the page tree; US Letter if none is found.
    fn media_box(&self, page_id: ObjectId) -> [f64; 4] {
        let mut node = self.doc.get_dictionary(page_id).ok();
        for _ in 0..32 {
            let Some(dict) = node else { break };
            if let Ok(array) = dict.get(b"MediaBox").map(|o| self.deref(o)).and_then(Object::as_array) {
                let numbers: Vec<f64> = array.iter().filter_map(number).collect();
                if let [x0, y0, x1, y1] = numbers[..] {
                    return [x0, y0, x1, y1];
                }
            }
            node = dict.get(b"Parent").and_then(Object::as_reference).and_then(|id| self.doc.get_dictionary(id)).ok();
        }
        [0.0, 0.0, 612.0, 792.0]
    }

    fn media_area(&self, page_id: ObjectId) -> f64 {
        let [x0, y0, x1, y1] = self.media_box(page_id);
        ((x1 - x0) * (y1 - y0)).abs()
    }

    /// Decodes an image XObject to a raster; the error says why it cannot be.
    fn decode_image(
        &self,
        stream: &Stream,
        resources: &[&Dictionary],
        limits: &Limits,
    ) -> Result<(Raster, String), ImageError> {
        let dict = &stream.dict;
        let int = |key: &[u8]| dict.get(key).map(|o| self.deref(o)).and_then(Object::as_i64).ok();
        let (width, height) = match (int(b"Width"), int(b"Height")) {
            (Some(w), Some(h)) if w > 0 && h > 0 && w <= i64::from(u32::MAX) && h <= i64::from(u32::MAX) => {
                (w as u32, h as u32)
            }
            _ => return Err(ImageError::NoSize),
        };
        let pixels = u64::from(width) * u64::from(height);
        if pixels > limits.max_pixels_per_page {
            return Err(ImageError::PageOverPixels { pixels, width, height, max: limits.max_pixels_per_page });
        }
        let mask = dict.get(b"ImageMask").and_then(Object::as_bool).unwrap_or(false);
        let space = if mask {
            Space::Mask
        } else {
            let object = dict.get(b"ColorSpace").map_err(|_| ImageError::NoColourSpace)?;
            self.colour_space(object, resources, 0)?
        };
        let bits = if mask { 1 } else { int(b"BitsPerComponent").unwrap_or(8) };
        let bits = u8::try_from(bits).map_err(|_| ImageError::BitsPerComponent(bits))?;
        let decode = dict
            .get(b"Decode")
            .map(|o| self.deref(o))
            .and_then(Object::as_array)
            .ok()
            .map(|values| values.iter().filter_map(number).collect::<Vec<f64>>());
        let samples = Samples { width, height, bits, space, decode };

        let filters: Vec<Vec<u8>> = match dict.get(b"Filter").map(|o| self.deref(o)) {
            Err(_) => Vec::new(),
            Ok(Object::Name(name)) => vec![name.clone()],
            Ok(Object::Array(names)) => names
                .iter()
                .map(|n| self.deref(n).as_name().map(<[u8]>::to_vec).map_err(ImageError::Pdf))
                .collect::<Result<_, _>>()?,
            Ok(_) => return Err(ImageError::FilterNotName),
        };
        let encoding = filters.last().map_or_else(|| "none".to_owned(), |f| String::from_utf8_lossy(f).into_owned());
        let codec = filters.last().filter(|f| is_codec(f)).cloned();
        let generic = filters.len() - usize::from(codec.is_some());
        if filters[..generic].iter().any(|f| is_codec(f)) {
            return Err(ImageError::FilterOrder(names(&filters)));
        }
        let max_bytes = usize::try_from(limits.max_decoded_bytes).unwrap_or(usize::MAX);
        let whole_flate =
            codec.is_none() && filters.len() == 1 && filters[0] == b"FlateDecode" && self.unpredicted(dict);
        if whole_flate
            && samples.bits == 1
            && samples.space.components() == 1
            && let Some(raster) = inflate_bitonal(&stream.content, &samples, max_bytes)
        {
            return raster.map(|raster| (raster, encoding));
        }
        let whole = whole_flate
            .then(|| inflate_whole(&stream.content, usize::try_from(samples_len(&samples)).ok()?.min(max_bytes)))
            .flatten();
        let data = match whole {
            Some(data) => data,
            None => self.generic_decode(stream, generic, max_bytes)?,
        };
        let params = self.params(dict, filters.len().saturating_sub(1));
        let raster = match codec.as_deref() {
            None => {
                let expected = samples_len(&samples);
                if expected > limits.max_decoded_bytes {
                    return Err(ImageError::OverBytes { bytes: expected, max: max_bytes as u64 });
                }
                decode::raster(&samples, data)?
            }
            Some(b"CCITTFaxDecode") => {
                let ccitt = self.ccitt_params(params, width, height);
                if ccitt.columns != width || samples.bits != 1 || samples.space.components() != 1 {
                    return Err(ImageError::CcittMismatch);
                }
                decode::ccitt(&data, &ccitt, &samples)?
            }
            Some(b"DCTDecode") => {
                let jpeg = decode::jpeg(&data, limits.max_pixels_per_page, limits.max_decoded_bytes)?;
                if (jpeg.width, jpeg.height) != (width, height) {
                    return Err(ImageError::JpegSize {
                        jpeg_width: jpeg.width,
                        jpeg_height: jpeg.height,
                        width,
                        height,
                    });
                }
                // The JPEG's own components win over the dictionary's colour space (Decode still applies).
                let space = match (&samples.space, &jpeg.space) {
                    (Space::Indexed { .. }, _) | (Space::Mask, _) => jpeg.space.clone(),
                    (declared, decoded) if declared.components() == decoded.components() => declared.clone(),
                    (_, decoded) => decoded.clone(),
                };
                decode::raster(&Samples { bits: 8, space, ..samples }, jpeg.data)?
            }
            Some(b"JBIG2Decode") => {
                return Err(ImageError::Jbig2);
            }
            Some(b"JPXDecode") => {
                return Err(ImageError::Jpx);
            }
            Some(other) => return Err(ImageError::UnsupportedFilter(String::from_utf8_lossy(other).into_owned())),
        };
        Ok((raster, encoding))
    }

    /// The stream's data through its first `count` filters (FlateDecode with predictors, LZW, ASCII85,
    /// ASCIIHex, RunLength), at most `max_bytes` at every stage (scor-pdfa's bounded decoder).
    fn generic_decode(&self, stream: &Stream, count: usize, max_bytes: usize) -> Result<Vec<u8>, ImageError> {
        decode_first(self.doc, stream, count, max_bytes).map_err(ImageError::Filters)
    }

    /// Whether a FlateDecode stream has no predictor: no DecodeParms, or parameters without one.
    fn unpredicted(&self, dict: &Dictionary) -> bool {
        dict.get(b"DecodeParms").is_err() || self.params(dict, 0).is_some_and(|p| p.get(b"Predictor").is_err())
    }

    /// The DecodeParms of filter `index`.
    fn params<'a>(&'a self, dict: &'a Dictionary, index: usize) -> Option<&'a Dictionary> {
        match dict.get(b"DecodeParms").map(|o| self.deref(o)).ok()? {
            Object::Dictionary(params) => Some(params),
            Object::Array(params) => params.get(index).map(|p| self.deref(p)).and_then(|p| p.as_dict().ok()),
            _ => None,
        }
    }

    fn ccitt_params(&self, params: Option<&Dictionary>, width: u32, height: u32) -> Ccitt {
        let int = |key: &[u8], default: i64| {
            params.and_then(|p| p.get(key).ok()).map(|o| self.deref(o)).and_then(|o| o.as_i64().ok()).unwrap_or(default)
        };
        let flag = |key: &[u8], default: bool| {
            params
                .and_then(|p| p.get(key).ok())
                .map(|o| self.deref(o))
                .and_then(|o| o.as_bool().ok())
                .unwrap_or(default)
        };
        let rows = int(b"Rows", 0);
        // Columns default to 1728 in ISO 32000-1; producers that omit them mean the image width.
        Ccitt {
            k: int(b"K", 0),
            columns: u32::try_from(int(b"Columns", i64::from(width))).unwrap_or(0),
            // The image's Height bounds the rows decoded, whatever Rows says.
            rows: if rows > 0 { (rows as u64).min(u64::from(height)) as u32 } else { height },
            end_of_block: flag(b"EndOfBlock", true),
            end_of_line: flag(b"EndOfLine", false),
            byte_align: flag(b"EncodedByteAlign", false),
            black_is_1: flag(b"BlackIs1", false),
        }
    }

    /// A colour space: a name, an array, or a name of the resources' ColorSpace dictionary.
    fn colour_space(&self, object: &Object, resources: &[&Dictionary], depth: u32) -> Result<Space, ImageError> {
        if depth > 4 {
            return Err(ImageError::ColourSpaceTooDeep);
        }
        let object = self.deref(object);
        let (family, array): (&[u8], &[Object]) = match object {
            Object::Name(name) => (name, &[]),
            Object::Array(items) => match items.first().map(|o| self.deref(o)) {
                Some(Object::Name(name)) => (name, &items[1..]),
                _ => return Err(ImageError::MalformedColourSpace),
            },
            _ => return Err(ImageError::MalformedColourSpace),
        };
        let space = match family {
            b"DeviceGray" | b"G" | b"CalGray" => Space::Grey,
            b"DeviceRGB" | b"RGB" | b"CalRGB" | b"Lab" => Space::Rgb,
            b"DeviceCMYK" | b"CMYK" => Space::Cmyk,
            b"ICCBased" => {
                let stream = array.first().map(|o| self.deref(o)).and_then(|o| o.as_stream().ok());
                match stream.and_then(|s| s.dict.get(b"N").ok()).and_then(|n| self.deref(n).as_i64().ok()) {
                    Some(1) => Space::Grey,
                    Some(3) => Space::Rgb,
                    Some(4) => Space::Cmyk,
                    _ => return Err(ImageError::IccWithoutN),
                }
            }
            b"Indexed" | b"I" => {
                let base = array.first().ok_or(ImageError::IndexedWithoutBase)?;
                let base = self.colour_space(base, resources, depth + 1)?;
                let palette = match array.get(2).map(|o| self.deref(o)) {
                    Some(Object::String(bytes, _)) => bytes.clone(),
                    Some(Object::Stream(stream)) => {
                        stream.decompressed_content_with_limit(1 << 16).map_err(ImageError::IndexedPalette)?
                    }
                    _ => return Err(ImageError::IndexedWithoutPalette),
                };
                if matches!(base, Space::Indexed { .. } | Space::Mask) {
                    return Err(ImageError::IndexedBase);
                }
                Space::Indexed { base: Box::new(base), palette }
            }
            name => {
                let named = resources
                    .iter()
                    .find_map(|resource| self.deref_dict(resource.get(b"ColorSpace").ok())?.get(name).ok());
                match named {
                    Some(named) if array.is_empty() => self.colour_space(named, resources, depth + 1)?,
                    _ => {
                        return Err(ImageError::UnsupportedColourSpace(String::from_utf8_lossy(name).into_owned()));
                    }
                }
            }
        };
        Ok(space)
    }
}

const IDENTITY: [f64; 6] = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n` for PDF matrices `[a b c d e f]` (row vectors: a point is transformed by m, then n).
fn multiply(m: [f64; 6], n: [f64; 6]) -> [f64; 6] {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// The six numbers of a `cm` operator.
fn matrix(operands: &[Operand]) -> Option<[f64; 6]> {
    let numbers: Vec<f64> = operands
        .iter()
        .filter_map(|o| match o {
            Operand::Number(n) | Operand::Real(n) => Some(*n),
            _ => None,
        })
        .collect();
    let matrix: [f64; 6] = numbers.try_into().ok()?;
    matrix.iter().all(|v| v.is_finite()).then_some(matrix)
}

/// A Matrix entry's six numbers.
fn array_matrix(values: &[Object]) -> Option<[f64; 6]> {
    let numbers: Vec<f64> = values.iter().filter_map(number).collect();
    let matrix: [f64; 6] = numbers.try_into().ok()?;
    matrix.iter().all(|v| v.is_finite()).then_some(matrix)
}

fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn is_subtype(dict: &Dictionary, subtype: &[u8]) -> bool {
    dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|name| name == subtype)
}

/// Filters that decode to image samples (or refuse to): always the last of a chain.
fn is_codec(filter: &[u8]) -> bool {
    matches!(filter, b"CCITTFaxDecode" | b"DCTDecode" | b"JBIG2Decode" | b"JPXDecode")
}

fn names(filters: &[Vec<u8>]) -> String {
    filters.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect::<Vec<_>>().join(", ")
}

/// zlib data inflated in one call into a buffer of `size` bytes, when it is a whole stream that fits in
/// them, checksum included; `None` for anything else (more data, damage), which scor-pdfa's bounded
/// decoder then reads as it reads every other stream.
fn inflate_whole(input: &[u8], size: usize) -> Option<Vec<u8>> {
    // zlib reads into a byte of its own when given no room, and may then say the stream ended.
    if size == 0 {
        return None;
    }
    let mut out = vec![0u8; size];
    let (inflated, code) = zlib_rs::decompress_slice(&mut out, input, zlib_rs::InflateConfig::default());
    let written = inflated.len();
    (code == zlib_rs::ReturnCode::Ok).then(|| {
        out.truncate(written);
        out
    })
}

/// Output of the zlib decoder handed to the work image at a time: a few dozen rows, which stay in the
/// processor's cache.
const INFLATE_CHUNK_BYTES: usize = 64 * 1024;

/// One-bit samples of one component inflated and reduced to the work image together, a few rows at a
/// time: no page of samples is kept. `None` when the data is not one whole zlib stream of at most the
/// samples' size (more data, damage, a cut) or the samples are over `max_bytes`: the other path then
/// reads it, as it reads every other stream.
fn inflate_bitonal(input: &[u8], samples: &Samples, max_bytes: usize) -> Option<Result<Raster, ImageError>> {
    let stride = (samples.width as usize).div_ceil(8);
    let needed = stride.checked_mul(samples.height as usize)?;
    if needed == 0 || needed > max_bytes {
        return None;
    }
    let mut work = decode::packed_work(samples);
    let mut inflate = zlib_rs::Inflate::new(true, 15);
    let mut buffer = vec![0u8; (INFLATE_CHUNK_BYTES / stride).max(1) * stride];
    let mut filled = 0;
    loop {
        let (consumed, written) = (inflate.total_in() as usize, inflate.total_out());
        let status =
            inflate.decompress(&input[consumed..], &mut buffer[filled..], zlib_rs::InflateFlush::NoFlush).ok()?;
        let progress = inflate.total_in() as usize > consumed || inflate.total_out() > written;
        filled += (inflate.total_out() - written) as usize;
        if inflate.total_out() > needed as u64 {
            return None;
        }
        let rows = filled / stride * stride;
        for row in buffer[..rows].chunks_exact(stride) {
            work.packed_row(row);
        }
        buffer.copy_within(rows..filled, 0);
        filled -= rows;
        match status {
            zlib_rs::Status::StreamEnd => break,
            _ if !progress => return None,
            _ => {}
        }
    }
    let held = inflate.total_out() as usize;
    if held < needed {
        return Some(Err(ImageError::ShortData { held, needed }));
    }
    Some(Ok(decode::reduced(samples, work)))
}

/// Bytes of uncompressed samples for `samples`.
fn samples_len(samples: &Samples) -> u64 {
    let row = (u64::from(samples.width) * samples.space.components() as u64 * u64::from(samples.bits)).div_ceil(8);
    row * u64::from(samples.height)
}

#[cfg(test)]
mod tests {
    //! The one-call and streaming inflates against scor-pdfa's bounded decoder, which reads every other
    //! stream.
    use super::{inflate_bitonal, inflate_whole};
    use crate::decode::{Pixels, Raster, Samples, Space, raster};
    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use std::io::Write;

    /// A small xorshift generator: the same data on every run.
    fn xorshift(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(data).expect("in memory");
        encoder.finish().expect("in memory")
    }

    #[test]
    fn a_whole_stream_inflates_as_the_bounded_decoder_reads_it() {
        let mut next = xorshift(9);
        for length in [0usize, 1, 2, 100, 70_000, 300_000] {
            let noisy: Vec<u8> = (0..length).map(|_| next() as u8).collect();
            let flat: Vec<u8> = (0..length).map(|i| if (i / 97) % 5 == 0 { 0 } else { 255 }).collect();
            for data in [noisy, flat] {
                let good = zlib(&data);
                let mut variants = vec![good.clone(), good[..good.len() / 2].to_vec(), good[2..].to_vec()];
                let mut damaged = good.clone();
                let last = damaged.len() - 1;
                damaged[last] ^= 1;
                variants.push(damaged);
                let mut inner = good.clone();
                inner[good.len() / 2] ^= 0x55;
                variants.push(inner);
                variants.push([good.as_slice(), b"trailing"].concat());
                for input in &variants {
                    for size in [length, length + 1, length.saturating_sub(1), length * 2 + 10] {
                        let Some(whole) = inflate_whole(input, size) else { continue };
                        // The page's limit is at least the samples' size.
                        let bounded = scor_pdfa::decode::inflate(input, size + 1000).expect("within the limit");
                        assert_eq!(whole, bounded, "length {length}, size {size}");
                    }
                }
                if length > 0 {
                    assert_eq!(inflate_whole(&good, length).as_deref(), Some(data.as_slice()));
                }
            }
        }
    }

    /// The work image and black pixels of a bitonal raster, or the error's text.
    fn reduced(raster: Result<Raster, crate::error::ImageError>) -> Result<(Vec<u8>, u64), String> {
        match raster.map_err(|e| e.to_string())?.pixels {
            Pixels::Reduced(r) => Ok((r.work.luma, r.black)),
            Pixels::Grey(_) => Err("grey".into()),
        }
    }

    #[test]
    fn streamed_bitonal_samples_reduce_as_the_whole_samples_do() {
        let mut next = xorshift(5);
        for (width, height) in [(1u32, 1u32), (9, 17), (2067, 300), (64, 2000), (3001, 40)] {
            let stride = (width as usize).div_ceil(8);
            // Text-like rows, padding bits left as they come (the reduction must ignore them).
            let bits: Vec<u8> = (0..stride * height as usize + 40)
                .map(|i| if (i / stride).is_multiple_of(3) { next() as u8 } else { 0xFF })
                .collect();
            for decode in [None, Some(vec![1.0, 0.0]), Some(vec![1.0, 1.0])] {
                let samples = Samples { width, height, bits: 1, space: Space::Grey, decode };
                let needed = stride * height as usize;
                for data in [&bits[..needed], &bits[..needed / 2], &bits[..needed + 40]] {
                    let good = zlib(data);
                    let mut damaged = good.clone();
                    let middle = damaged.len() / 2;
                    damaged[middle] ^= 0x55;
                    for input in [good.clone(), good[..good.len() / 2].to_vec(), damaged] {
                        let Some(streamed) = inflate_bitonal(&input, &samples, usize::MAX) else { continue };
                        let whole = scor_pdfa::decode::inflate(&input, needed * 2 + 100).expect("within the limit");
                        let expected = if whole.len() < needed {
                            Err(crate::error::ImageError::ShortData { held: whole.len(), needed })
                        } else {
                            raster(&samples, whole)
                        };
                        assert_eq!(reduced(streamed), reduced(expected), "{width}×{height} {}", data.len());
                    }
                    // Whole streams of the samples' size or less are always streamed.
                    if data.len() <= needed {
                        assert!(inflate_bitonal(&good, &samples, usize::MAX).is_some(), "{width}×{height}");
                    }
                }
                // Over the limit: left to the other path, which refuses it.
                assert!(inflate_bitonal(&zlib(&bits[..needed]), &samples, needed - 1).is_none());
            }
        }
    }
}

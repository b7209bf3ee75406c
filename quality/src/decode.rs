//! Image decoding: the codecs of a page image (CCITT G3/G4 runs counted straight into the work image's
//! cells, DCT) and the conversion of samples, through colour space and Decode array, to grey levels or,
//! for one-bit samples, to the work image.

use crate::bitonal::{BitonalWork, Counted, Reduced};
use crate::error::ImageError;
use hayro_ccitt::{DecodeSettings, DecoderContext, EncodingMode};
use zune_jpeg::JpegDecoder;
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;

/// A decoded page image, rows from top to bottom.
#[derive(Debug, Clone)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub pixels: Pixels,
    /// Pixels whose colour channels differ visibly (0 for grey and bitonal images).
    pub coloured: u64,
}

/// The pixels of a [`Raster`].
#[derive(Debug, Clone)]
pub enum Pixels {
    /// One byte per pixel, 0 = black, 255 = white.
    Grey(Vec<u8>),
    /// A bitonal image known by its work image and black pixels, reduced as its rows were decoded
    /// (never a page of pixels).
    Reduced(Reduced),
}

impl Raster {
    pub fn is_bitonal(&self) -> bool {
        matches!(self.pixels, Pixels::Reduced(_))
    }
}

/// How the samples of an image become grey levels.
#[derive(Debug, Clone, PartialEq)]
pub enum Space {
    /// One component, 0 = black (DeviceGray, CalGray, ICCBased N 1).
    Grey,
    /// Three components (DeviceRGB, CalRGB, Lab read as RGB, ICCBased N 3).
    Rgb,
    /// Four components, subtractive.
    Cmyk,
    /// A palette over one of the above, `hival + 1` entries of the base's components.
    Indexed { base: Box<Space>, palette: Vec<u8> },
    /// A stencil mask: samples paint (black) or leave the page (white).
    Mask,
}

impl Space {
    pub fn components(&self) -> usize {
        match self {
            Space::Grey | Space::Mask | Space::Indexed { .. } => 1,
            Space::Rgb => 3,
            Space::Cmyk => 4,
        }
    }
}

/// What is known of an image before its samples are converted.
#[derive(Debug, Clone)]
pub struct Samples {
    pub width: u32,
    pub height: u32,
    pub bits: u8,
    pub space: Space,
    /// The Decode array, when it is not the default.
    pub decode: Option<Vec<f64>>,
}

/// The parameters of CCITTFaxDecode that matter here.
#[derive(Debug, Clone, Copy)]
pub struct Ccitt {
    pub k: i64,
    pub columns: u32,
    pub rows: u32,
    pub end_of_block: bool,
    pub end_of_line: bool,
    pub byte_align: bool,
    pub black_is_1: bool,
}

/// Decodes CCITT data straight to the black pixels of each block of `factor × factor` pixels (the work
/// image's cells): the decoder's runs are added to the cells they cover, no pixel is written. At most
/// `rows` rows are decoded; missing rows are white as the filter outputs them. Which of the filter's
/// colours shows black follows `samples` (colour space and Decode array), as for packed samples.
pub fn ccitt(data: &[u8], params: &Ccitt, samples: &Samples) -> Result<Raster, ImageError> {
    let (width, height) = (samples.width as usize, samples.height as usize);
    // The runs counted are the filter's black: sample 0, or 1 with BlackIs1.
    let mut sink = RunSink {
        work: BitonalWork::new(width, height, counted(samples, u8::from(params.black_is_1))),
        columns: params.columns as usize,
        max_rows: (params.rows as usize).min(height),
    };
    let result = guarded("CCITTFaxDecode", || {
        Ok(hayro_ccitt::decode(data, &mut sink, &mut DecoderContext::new(settings(params))))
    })?;
    if sink.work.rows() == 0 {
        return Err(match result {
            Err(e) => ImageError::Ccitt(e),
            Ok(_) => ImageError::CcittNoRow,
        });
    }
    // Fewer rows than the image has: the samples are short, as packed rows would be.
    if (params.rows as usize) < height {
        let stride = width.div_ceil(8);
        return Err(ImageError::ShortData { held: stride * params.rows as usize, needed: stride * height });
    }
    Ok(reduced(samples, sink.work))
}

/// The decoder's settings for `params` (never strict: a damaged stream gives the rows it can).
fn settings(params: &Ccitt) -> DecodeSettings {
    let encoding = match params.k {
        k if k < 0 => EncodingMode::Group4,
        0 => EncodingMode::Group3_1D,
        _ => EncodingMode::Group3_2D,
    };
    DecodeSettings {
        columns: params.columns,
        rows: params.rows,
        end_of_block: params.end_of_block,
        end_of_line: params.end_of_line,
        rows_are_byte_aligned: params.byte_align,
        encoding,
        strict: false,
    }
}

/// Hands the decoder's rows, as changes of colour, to the work image (missing rows count nothing: the
/// filter's white).
struct RunSink {
    work: BitonalWork,
    columns: usize,
    max_rows: usize,
}

impl hayro_ccitt::Decoder for RunSink {
    fn push_row(&mut self, changes: &[u32]) {
        if self.work.rows() < self.max_rows {
            self.work.runs_row(changes, self.columns);
        }
    }
}

/// A decoded JPEG: its samples and what they are.
pub struct Jpeg {
    pub width: u32,
    pub height: u32,
    pub space: Space,
    pub data: Vec<u8>,
}

/// Runs a third-party decoder on an image's data, a panic of which becomes
/// [`ImageError::DecoderFailed`]: the page is then not evaluated, and the check goes on. zune-jpeg
/// 0.5.15 panics on some hostile JPEGs (an `unwrap` in its inverse DCT, among others reported upstream).
fn guarded<T>(filter: &'static str, decode: impl FnOnce() -> Result<T, ImageError>) -> Result<T, ImageError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode)).unwrap_or(Err(ImageError::DecoderFailed(filter)))
}

/// Decodes DCT data to 8-bit grey, RGB or CMYK samples, refusing images over `max_pixels` or whose
/// decoded size would exceed `max_bytes` before decoding them.
pub fn jpeg(data: &[u8], max_pixels: u64, max_bytes: u64) -> Result<Jpeg, ImageError> {
    guarded("DCTDecode", || jpeg_unguarded(data, max_pixels, max_bytes))
}

fn jpeg_unguarded(data: &[u8], max_pixels: u64, max_bytes: u64) -> Result<Jpeg, ImageError> {
    let options = DecoderOptions::default().set_max_width(1 << 16).set_max_height(1 << 16);
    let mut decoder = JpegDecoder::new_with_options(ZCursor::new(data), options);
    decoder.decode_headers().map_err(ImageError::Jpeg)?;
    let info = decoder.info().ok_or(ImageError::JpegNoHeader)?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    let pixels = u64::from(width) * u64::from(height);
    if pixels > max_pixels {
        return Err(ImageError::OverPixels { pixels, max: max_pixels });
    }
    let (space, out) = match info.components {
        1 => (Space::Grey, ColorSpace::Luma),
        4 => (Space::Cmyk, ColorSpace::CMYK),
        _ => (Space::Rgb, ColorSpace::RGB),
    };
    let bytes = pixels * space.components() as u64;
    if bytes > max_bytes {
        return Err(ImageError::OverBytes { bytes, max: max_bytes });
    }
    decoder.set_options(options.jpeg_set_out_colorspace(out));
    let data = decoder.decode().map_err(ImageError::Jpeg)?;
    if data.len() as u64 != bytes {
        return Err(ImageError::JpegShort { decoded: data.len(), expected: bytes });
    }
    Ok(Jpeg { width, height, space, data })
}

/// The Decode range of `component`: the Decode array's pair, or the default for the colour space.
fn decode_range(samples: &Samples, component: usize, max_sample: u32) -> (f64, f64) {
    match &samples.decode {
        Some(d) if d.len() >= 2 * (component + 1) => (d[2 * component], d[2 * component + 1]),
        _ => match &samples.space {
            Space::Indexed { .. } => (0.0, f64::from(max_sample)),
            _ => (0.0, 1.0),
        },
    }
}

/// Converts samples (`bits` per component, rows padded to a byte) to a [`Raster`], reusing `data`'s
/// memory where the samples already are what the raster holds.
pub fn raster(samples: &Samples, mut data: Vec<u8>) -> Result<Raster, ImageError> {
    let (width, height) = (samples.width, samples.height);
    let components = samples.space.components();
    let bits = usize::from(samples.bits);
    if ![1, 2, 4, 8, 16].contains(&bits) || (matches!(samples.space, Space::Mask) && bits != 1) {
        return Err(ImageError::UnsupportedBits(bits));
    }
    let stride = (width as usize * components * bits).div_ceil(8);
    let needed = stride * height as usize;
    if data.len() < needed {
        return Err(ImageError::ShortData { held: data.len(), needed });
    }
    data.truncate(needed);
    let max_sample = (1u32 << bits.min(8)) - 1;
    if bits == 1 && components == 1 {
        return Ok(bitonal(samples, &data, stride));
    }
    // One lookup table per component: sample value (top 8 bits) to a value in 0..=255 (or palette index).
    let tables: Vec<[u8; 256]> = (0..components)
        .map(|c| {
            let (min, max) = decode_range(samples, c, max_sample);
            let mut table = [0u8; 256];
            for (s, entry) in table.iter_mut().enumerate().take(max_sample as usize + 1) {
                let value = min + s as f64 * (max - min) / f64::from(max_sample);
                *entry = match samples.space {
                    Space::Indexed { .. } => value.round().clamp(0.0, 255.0) as u8,
                    _ => (value * 255.0).round().clamp(0.0, 255.0) as u8,
                };
            }
            table
        })
        .collect();
    if bits == 8 && samples.space == Space::Grey {
        // The samples are the grey levels, mapped in place when a Decode array changes them.
        if tables[0].iter().enumerate().any(|(s, &level)| usize::from(level) != s) {
            data.iter_mut().for_each(|s| *s = tables[0][usize::from(*s)]);
        }
        return Ok(Raster { width, height, pixels: Pixels::Grey(data), coloured: 0 });
    }
    let mut grey = Vec::with_capacity(width as usize * height as usize);
    let mut coloured = 0u64;
    let mut values = vec![0u8; components];
    for row in data.chunks_exact(stride) {
        for x in 0..width as usize {
            for (c, value) in values.iter_mut().enumerate() {
                let sample = sample_at(row, x * components + c, bits);
                *value = tables[c][sample as usize];
            }
            let (luma, tinted) = to_grey(&samples.space, &values);
            coloured += u64::from(tinted);
            grey.push(luma);
        }
    }
    Ok(Raster { width, height, pixels: Pixels::Grey(grey), coloured })
}

/// The sample at index `i` of a row, reduced to 8 bits.
fn sample_at(row: &[u8], i: usize, bits: usize) -> u32 {
    match bits {
        8 => u32::from(row[i]),
        16 => u32::from(row[2 * i]),
        _ => {
            let bit = i * bits;
            let byte = row[bit / 8];
            let shift = 8 - bits - bit % 8;
            u32::from((byte >> shift) & ((1u8 << bits) - 1))
        }
    }
}

/// Grey level of one pixel and whether it is visibly coloured.
fn to_grey(space: &Space, values: &[u8]) -> (u8, bool) {
    match space {
        Space::Grey | Space::Mask => (values[0], false),
        Space::Rgb => rgb(values[0], values[1], values[2]),
        Space::Cmyk => cmyk(values),
        Space::Indexed { base, palette } => {
            let n = base.components();
            let start = usize::from(values[0]) * n;
            match palette.get(start..start + n) {
                Some(entry) => to_grey(base, entry),
                None => (0, false),
            }
        }
    }
}

/// Channels further apart than this make a pixel coloured.
const COLOUR_SPREAD: u8 = 40;

fn rgb(r: u8, g: u8, b: u8) -> (u8, bool) {
    let luma = (299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b)) / 1000;
    let spread = r.max(g).max(b) - r.min(g).min(b);
    (luma as u8, spread > COLOUR_SPREAD)
}

fn cmyk(values: &[u8]) -> (u8, bool) {
    let k = u32::from(values[3]);
    let channel = |c: u8| (255 - (u32::from(c) + k).min(255)) as u8;
    rgb(channel(values[0]), channel(values[1]), channel(values[2]))
}

/// What the two values of a one-bit sample show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OneBit {
    /// This sample value shows white, the other black.
    WhiteIs(u8),
    /// Both values show the same: a uniform page, light or dark.
    Uniform { light: bool },
}

/// What the sample values of a one-bit, one-component image show, through its colour space and the
/// Decode range `(min, max)`.
fn one_bit(samples: &Samples, (min, max): (f64, f64)) -> OneBit {
    let white_sample: Option<u8> = match &samples.space {
        // A stencil paints where the sample maps to 0 (Decode [0 1]: sample 0 paints).
        Space::Mask => Some(if min == 0.0 { 1 } else { 0 }),
        Space::Indexed { base, palette } => {
            let grey = |index: usize| {
                let n = base.components();
                palette.get(index * n..index * n + n).map_or(0, |entry| to_grey(base, entry).0)
            };
            let (zero, one) = (grey(min.round() as usize), grey(max.round() as usize));
            match (zero, one) {
                (0..=127, 128..) => Some(1),
                (128.., 0..=127) => Some(0),
                _ => None,
            }
        }
        _ => {
            let (zero, one) = (min, max);
            match (zero < 0.5, one < 0.5) {
                (true, false) => Some(1),
                (false, true) => Some(0),
                _ => None,
            }
        }
    };
    match white_sample {
        Some(white) => OneBit::WhiteIs(white),
        // Both values show the same: all white if both are light.
        None => OneBit::Uniform { light: matches!(samples.space, Space::Grey) && min >= 0.5 },
    }
}

/// One-bit samples of one component reduced to the work image.
fn bitonal(samples: &Samples, bits: &[u8], stride: usize) -> Raster {
    let mut work = packed_work(samples);
    for row in bits.chunks_exact(stride).take(samples.height as usize) {
        work.packed_row(row);
    }
    reduced(samples, work)
}

/// The work image of one-bit samples of one component, taking packed rows (their 0 bits counted).
pub fn packed_work(samples: &Samples) -> BitonalWork {
    BitonalWork::new(samples.width as usize, samples.height as usize, counted(samples, 0))
}

/// What pixels of one-bit sample `sample` show, through the colour space and Decode array.
fn counted(samples: &Samples, sample: u8) -> Counted {
    match one_bit(samples, decode_range(samples, 0, 1)) {
        OneBit::WhiteIs(white) if white != sample => Counted::Black,
        OneBit::WhiteIs(_) => Counted::White,
        OneBit::Uniform { light: true } => Counted::AllWhite,
        OneBit::Uniform { light: false } => Counted::AllBlack,
    }
}

/// The raster of `samples` once `work` took all its rows.
pub fn reduced(samples: &Samples, work: BitonalWork) -> Raster {
    Raster { width: samples.width, height: samples.height, pixels: Pixels::Reduced(work.finish()), coloured: 0 }
}

/// The filter's output as packed rows (a 0 bit is black unless `BlackIs1`), missing rows white: what
/// [`ccitt`] reduces without writing, kept to test it against.
#[cfg(test)]
pub fn reference_ccitt(data: &[u8], params: &Ccitt) -> Option<Vec<u8>> {
    struct Packed {
        rows: Vec<u8>,
        stride: usize,
        columns: u32,
        max_rows: usize,
        white: u8,
    }
    impl hayro_ccitt::Decoder for Packed {
        fn push_row(&mut self, changes: &[u32]) {
            if self.rows.len() >= self.max_rows * self.stride {
                return;
            }
            let fill = if self.white == 1 { 0xFF } else { 0 };
            let start = self.rows.len();
            self.rows.resize(start + self.stride, fill);
            let mut x = 0u32;
            let mut black = false;
            let mut bounds = changes.iter().copied().chain(std::iter::once(self.columns));
            while x < self.columns {
                let end = bounds.next().unwrap_or(self.columns).min(self.columns);
                if black {
                    for bit in x..end.max(x) {
                        let byte = &mut self.rows[start + bit as usize / 8];
                        *byte ^= 0x80 >> (bit % 8);
                    }
                }
                x = x.max(end);
                black = !black;
            }
        }
    }
    let stride = (params.columns as usize).div_ceil(8);
    let white = if params.black_is_1 { 0 } else { 1 };
    let mut sink = Packed { rows: Vec::new(), stride, columns: params.columns, max_rows: params.rows as usize, white };
    let _ = hayro_ccitt::decode(data, &mut sink, &mut DecoderContext::new(settings(params)));
    if sink.rows.is_empty() {
        return None;
    }
    sink.rows.resize(stride * params.rows as usize, if white == 1 { 0xFF } else { 0 });
    Some(sink.rows)
}

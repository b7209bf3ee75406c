//! Image decoding: the codecs of a page image (CCITT G3/G4, DCT) and the conversion of its samples,
//! through its colour space and Decode array, to one bit per pixel or 8-bit grey, within the limits.

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
    /// One bit per pixel, most significant first, rows padded to a byte; 1 = white.
    Bits(Vec<u8>),
    /// One byte per pixel, 0 = black, 255 = white.
    Grey(Vec<u8>),
}

impl Raster {
    pub fn is_bitonal(&self) -> bool {
        matches!(self.pixels, Pixels::Bits(_))
    }

    /// Bytes per row of [`Pixels::Bits`].
    pub fn stride(&self) -> usize {
        (self.width as usize).div_ceil(8)
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

/// Decodes CCITT data into one bit per pixel as the filter outputs it (a 0 bit is black unless
/// `BlackIs1`), padded rows; missing rows stay white. At most `rows` rows are decoded.
pub fn ccitt(data: &[u8], params: &Ccitt) -> Result<Vec<u8>, ImageError> {
    let stride = (params.columns as usize).div_ceil(8);
    let (black, white) = if params.black_is_1 { (1u8, 0u8) } else { (0, 1) };
    let mut sink = CcittSink {
        rows: Vec::with_capacity(stride * params.rows as usize),
        stride,
        columns: params.columns,
        max_rows: params.rows as usize,
        white,
        black,
    };
    let encoding = match params.k {
        k if k < 0 => EncodingMode::Group4,
        0 => EncodingMode::Group3_1D,
        _ => EncodingMode::Group3_2D,
    };
    let settings = DecodeSettings {
        columns: params.columns,
        rows: params.rows,
        end_of_block: params.end_of_block,
        end_of_line: params.end_of_line,
        rows_are_byte_aligned: params.byte_align,
        encoding,
        strict: false,
    };
    let mut context = DecoderContext::new(settings);
    let result = hayro_ccitt::decode(data, &mut sink, &mut context);
    let decoded = sink.rows.len() / stride.max(1);
    if decoded == 0 {
        return Err(match result {
            Err(e) => ImageError::Ccitt(e),
            Ok(_) => ImageError::CcittNoRow,
        });
    }
    let fill = if white == 1 { 0xFF } else { 0x00 };
    sink.rows.resize(stride * params.rows as usize, fill);
    Ok(sink.rows)
}

struct CcittSink {
    rows: Vec<u8>,
    stride: usize,
    columns: u32,
    max_rows: usize,
    white: u8,
    black: u8,
}

impl hayro_ccitt::Decoder for CcittSink {
    fn push_row(&mut self, changes: &[u32]) {
        if self.rows.len() >= self.max_rows * self.stride {
            return;
        }
        let start = self.rows.len();
        self.rows.resize(start + self.stride, if self.white == 1 { 0xFF } else { 0 });
        let row = &mut self.rows[start..];
        // Runs alternate white, black, white... starting at column 0; changes[i] starts run i+1.
        let mut x = 0u32;
        let mut colour = self.white;
        let mut bounds = changes.iter().copied().chain(std::iter::once(self.columns));
        while x < self.columns {
            let end = bounds.next().unwrap_or(self.columns).min(self.columns);
            if colour != self.white && end > x {
                paint(row, x as usize, end as usize, self.black);
            }
            x = x.max(end);
            colour ^= 1;
        }
    }
}

/// Sets bits `from..to` (`from < to`) of a packed row, most significant first, to `value`, whole
/// bytes at a time.
fn paint(row: &mut [u8], from: usize, to: usize, value: u8) {
    let fill = if value == 1 { 0xFFu8 } else { 0 };
    let (first, last) = (from / 8, (to - 1) / 8);
    let head = 0xFFu8 >> (from % 8);
    let tail = !(0xFFu16 >> ((to - 1) % 8 + 1)) as u8;
    let mut put = |index: usize, mask: u8| row[index] = (row[index] & !mask) | (fill & mask);
    if first == last {
        put(first, head & tail);
        return;
    }
    put(first, head);
    put(last, tail);
    row[first + 1..last].fill(fill);
}

/// A decoded JPEG: its samples and what they are.
pub struct Jpeg {
    pub width: u32,
    pub height: u32,
    pub space: Space,
    pub data: Vec<u8>,
}

/// Decodes DCT data to 8-bit grey, RGB or CMYK samples, refusing images over `max_pixels` or whose
/// decoded size would exceed `max_bytes` before decoding them.
pub fn jpeg(data: &[u8], max_pixels: u64, max_bytes: u64) -> Result<Jpeg, ImageError> {
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

/// Converts samples (`bits` per component, rows padded to a byte) to a [`Raster`].
pub fn raster(samples: &Samples, data: &[u8]) -> Result<Raster, ImageError> {
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
    let data = &data[..needed];
    let max_sample = (1u32 << bits.min(8)) - 1;
    let decode = |component: usize| -> (f64, f64) {
        match &samples.decode {
            Some(d) if d.len() >= 2 * (component + 1) => (d[2 * component], d[2 * component + 1]),
            _ => match &samples.space {
                Space::Indexed { .. } => (0.0, f64::from(max_sample)),
                _ => (0.0, 1.0),
            },
        }
    };
    if bits == 1 && components == 1 {
        return Ok(bitonal(samples, data, stride, decode(0)));
    }
    // One lookup table per component: sample value (top 8 bits) to a value in 0..=255 (or palette index).
    let tables: Vec<[u8; 256]> = (0..components)
        .map(|c| {
            let (min, max) = decode(c);
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
    let mut grey = Vec::with_capacity(width as usize * height as usize);
    if bits == 8 && samples.space == Space::Grey {
        grey.extend(data.iter().map(|&s| tables[0][usize::from(s)]));
        return Ok(Raster { width, height, pixels: Pixels::Grey(grey), coloured: 0 });
    }
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

/// One-bit samples of one component as [`Pixels::Bits`], 1 = white.
fn bitonal(samples: &Samples, data: &[u8], stride: usize, (min, max): (f64, f64)) -> Raster {
    let (width, height) = (samples.width, samples.height);
    // Which sample value shows white.
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
    let mut bits = data.to_vec();
    match white_sample {
        Some(1) => {}
        Some(_) => bits.iter_mut().for_each(|b| *b = !*b),
        // Both values show the same: a uniform page (all white if both are light).
        None => {
            let light = match &samples.space {
                Space::Grey => min >= 0.5,
                _ => false,
            };
            bits.iter_mut().for_each(|b| *b = if light { 0xFF } else { 0 });
        }
    }
    // Padding bits set to white, so that counts over whole bytes stay right.
    let pad = stride * 8 - width as usize;
    if pad > 0 {
        let mask = (1u8 << pad) - 1;
        for row in bits.chunks_exact_mut(stride) {
            row[stride - 1] |= mask;
        }
    }
    Raster { width, height, pixels: Pixels::Bits(bits), coloured: 0 }
}

#[cfg(test)]
mod tests {
    //! Run painting against bit-by-bit setting.
    use super::paint;

    #[test]
    fn painting_a_run_sets_exactly_its_bits() {
        for value in [0u8, 1] {
            for from in 0..40 {
                for to in from + 1..=40 {
                    let background = if value == 1 { 0x00 } else { 0xFF };
                    let mut row = vec![background; 5];
                    paint(&mut row, from, to, value);
                    for x in 0..40 {
                        let bit = (row[x / 8] >> (7 - x % 8)) & 1;
                        let expected = if (from..to).contains(&x) { value } else { 1 - value };
                        assert_eq!(bit, expected, "run {from}..{to} of {value}, bit {x}");
                    }
                }
            }
        }
    }
}

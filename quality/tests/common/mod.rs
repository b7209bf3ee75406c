//! Synthetic scanned pages for the quality tests and benchmark: text-like content rendered at a given
//! DPI, bitonal or grey, blank or black, rotated, shifted, speckled; and the limits and thresholds used.
#![allow(dead_code)] // each test binary uses its own part of this module

use scor_dictionary::Limit;
use scor_pdfa::write::{DocInfo, Page, Raster, assemble, scan_objects, stream_object};
use scor_quality::{Limits, Thresholds};

/// Limits as the engine would pass them (the spec's reading limits), thumbnails of 200 pixels.
pub const LIMITS: Limits =
    Limits { max_pixels_per_page: 40_000_000, max_decoded_bytes: 50_000_000, max_pages: 1000, thumbnail_max_side: 200 };

/// The thresholds of dictionary 2.13 (`spec/scor/2.13/limits.csv`).
pub fn thresholds() -> Thresholds {
    let d = &scor_dictionary::v2_13::DICTIONARY;
    Thresholds {
        blank_max_content_permille: d.limit(Limit::QualityBlankMaxContentPermille),
        black_min_dark_permille: d.limit(Limit::QualityBlackMinDarkPermille),
        contrast_min_permille: d.limit(Limit::QualityContrastMinPermille),
        truncated_max_margin_permille: d.limit(Limit::QualityTruncatedMaxMarginPermille),
        skew_max_tenths_of_degree: d.limit(Limit::QualitySkewMaxTenthsOfDegree),
        duplicate_max_distance_permille: d.limit(Limit::QualityDuplicateMaxDistancePermille),
        min_dpi: d.limit(Limit::ScanDpiMin),
        grey_max_permille: d.limit(Limit::QualityGreyMaxPermille),
    }
}

/// How the page is stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tone {
    /// One bit per pixel.
    Bitonal,
    /// 8-bit grey holding only black and white.
    PureGrey,
    /// 8-bit grey: paper and ink levels, anti-aliased edges, noise amplitude.
    Grey { paper: u8, ink: u8, noise: u8 },
}

/// What is on the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Content {
    /// Lines of text-like glyphs laid out from a seed, with a title, a rule and a stamp.
    Text(u64),
    /// The title, rule and stamp of form `form` with the lines of text `text`: pages of one form.
    Form { form: u64, text: u64 },
    /// The title, rule and stamp only: a nearly empty page that is not blank.
    Sparse(u64),
    /// Nothing but paper (and specks).
    Blank,
    /// Ink everywhere (and specks of paper).
    Black,
}

/// One synthetic scanned page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    pub width_mm: f64,
    pub height_mm: f64,
    pub dpi: u32,
    pub tone: Tone,
    pub content: Content,
    /// Clockwise rotation of the content, degrees.
    pub angle: f64,
    /// Displacement of the content, millimetres (right, down).
    pub shift: (f64, f64),
    /// Random specks (1 to 3 pixels) and their seed.
    pub specks: u32,
    pub speck_seed: u64,
    /// A dark scanner border of this width around the page, millimetres.
    pub frame_mm: f64,
}

pub const A4: (f64, f64) = (210.0, 297.0);
pub const A5: (f64, f64) = (148.0, 210.0);
pub const A6: (f64, f64) = (105.0, 148.0);

impl Spec {
    /// A bitonal text page of `size` at `dpi`, straight, centred, with a few specks.
    pub fn text((width_mm, height_mm): (f64, f64), dpi: u32, seed: u64) -> Self {
        Spec {
            width_mm,
            height_mm,
            dpi,
            tone: Tone::Bitonal,
            content: Content::Text(seed),
            angle: 0.0,
            shift: (0.0, 0.0),
            specks: 30,
            speck_seed: seed ^ 0x5EED,
            frame_mm: 0.0,
        }
    }

    pub fn tone(self, tone: Tone) -> Self {
        Spec { tone, ..self }
    }

    pub fn content(self, content: Content) -> Self {
        Spec { content, ..self }
    }

    pub fn angle(self, angle: f64) -> Self {
        Spec { angle, ..self }
    }

    pub fn shift(self, x: f64, y: f64) -> Self {
        Spec { shift: (x, y), ..self }
    }

    pub fn specks(self, specks: u32, speck_seed: u64) -> Self {
        Spec { specks, speck_seed, ..self }
    }

    pub fn frame(self, frame_mm: f64) -> Self {
        Spec { frame_mm, ..self }
    }

    pub fn pixels(&self) -> (u32, u32) {
        let px = |mm: f64| (mm / 25.4 * f64::from(self.dpi)).round() as u32;
        (px(self.width_mm), px(self.height_mm))
    }

    /// The page, rendered.
    pub fn render(&self) -> Page {
        let (width, height) = self.pixels();
        let layout = Layout::new(self);
        let mm_per_px = 25.4 / f64::from(self.dpi);
        let (sin, cos) = self.angle.to_radians().sin_cos();
        let (cx, cy) = (self.width_mm / 2.0, self.height_mm / 2.0);
        // Content coordinates (mm) of a point of the page (mm): undo the shift, then the rotation.
        let source = |x: f64, y: f64| {
            let (dx, dy) = (x - self.shift.0 - cx, y - self.shift.1 - cy);
            (cx + dx * cos + dy * sin, cy - dx * sin + dy * cos)
        };
        let frame = |x: f64, y: f64| {
            x < self.frame_mm
                || y < self.frame_mm
                || x >= self.width_mm - self.frame_mm
                || y >= self.height_mm - self.frame_mm
        };
        let coverage = |px: u32, py: u32, samples: u32| -> f64 {
            if frame((f64::from(px) + 0.5) * mm_per_px, (f64::from(py) + 0.5) * mm_per_px) {
                return 1.0;
            }
            let mut inked = 0;
            for sy in 0..samples {
                for sx in 0..samples {
                    let x = (f64::from(px) + (f64::from(sx) + 0.5) / f64::from(samples)) * mm_per_px;
                    let y = (f64::from(py) + (f64::from(sy) + 0.5) / f64::from(samples)) * mm_per_px;
                    let (u, v) = source(x, y);
                    inked += u32::from(layout.ink(u, v));
                }
            }
            f64::from(inked) / f64::from(samples * samples)
        };
        let mut rng = Rng(self.speck_seed | 1);
        let specks: Vec<(u32, u32, u32)> =
            (0..self.specks).map(|_| (rng.below(width), rng.below(height), 1 + rng.below(3))).collect();
        let speck_at =
            |px: u32, py: u32| specks.iter().any(|&(x, y, size)| px >= x && px < x + size && py >= y && py < y + size);
        let speck_rows: std::collections::HashSet<u32> = specks.iter().flat_map(|&(_, y, size)| y..y + size).collect();
        match self.tone {
            Tone::Bitonal | Tone::PureGrey => {
                let stride = width.div_ceil(8) as usize;
                let mut bits = vec![0xFFu8; stride * height as usize];
                let mut grey = Vec::new();
                for py in 0..height {
                    let row = &mut bits[py as usize * stride..(py as usize + 1) * stride];
                    for px in 0..width {
                        let mut ink = coverage(px, py, 1) >= 0.5;
                        if speck_rows.contains(&py) && speck_at(px, py) {
                            ink = !matches!(self.content, Content::Black);
                        }
                        if ink {
                            row[px as usize / 8] &= !(0x80 >> (px % 8));
                        }
                    }
                    if self.tone == Tone::PureGrey {
                        grey.extend(
                            (0..width).map(|px| if row[px as usize / 8] & (0x80 >> (px % 8)) == 0 { 0 } else { 255 }),
                        );
                    }
                }
                let raster = if self.tone == Tone::PureGrey { Raster::Gray(grey) } else { Raster::Bitonal(bits) };
                Page { width, height, dpi: self.dpi, raster }
            }
            Tone::Grey { paper, ink, noise } => {
                let mut grey = Vec::with_capacity((width * height) as usize);
                for py in 0..height {
                    for px in 0..width {
                        let mut cover = coverage(px, py, 2);
                        if speck_rows.contains(&py) && speck_at(px, py) {
                            cover = if matches!(self.content, Content::Black) { 0.0 } else { 1.0 };
                        }
                        let level = f64::from(paper) - cover * (f64::from(paper) - f64::from(ink));
                        let jitter = if noise == 0 {
                            0.0
                        } else {
                            f64::from(rng.below(2 * u32::from(noise) + 1)) - f64::from(noise)
                        };
                        grey.push((level + jitter).round().clamp(0.0, 255.0) as u8);
                    }
                }
                Page { width, height, dpi: self.dpi, raster: Raster::Gray(grey) }
            }
        }
    }
}

/// A PDF/A-1b file of the pages, from the project's writer.
pub fn pdf(pages: &[Page]) -> Vec<u8> {
    scor_pdfa::write::scan(pages, &DocInfo::default()).expect("valid pages")
}

/// Index in `scan_objects` of the image object of the first page (object 8).
pub const IMAGE: usize = 7;

/// The writer's PDF of `page` with its image object replaced by `dict` and `data`.
pub fn with_image(page: &Page, dict: &str, data: &[u8]) -> Vec<u8> {
    let mut objects = scan_objects(std::slice::from_ref(page), &DocInfo::default()).unwrap();
    objects[IMAGE] = stream_object(dict, data);
    assemble(&objects, Some(5))
}

/// G4 encoding of a bitonal raster (1 = white), rows padded to a byte.
pub fn g4(width: u32, bits: &[u8]) -> Vec<u8> {
    let stride = width.div_ceil(8) as usize;
    let mut encoder = fax::encoder::Encoder::new(fax::VecWriter::new());
    for row in bits.chunks(stride) {
        let pels = (0..width as usize)
            .map(|x| if row[x / 8] & (0x80 >> (x % 8)) == 0 { fax::Color::Black } else { fax::Color::White });
        encoder.encode_line(pels, width).unwrap();
    }
    encoder.finish().unwrap().finish()
}

/// The writer's PDF of a bitonal `page` with its image G4-encoded (CCITTFaxDecode, K -1).
pub fn g4_pdf(page: &Page) -> Vec<u8> {
    let Raster::Bitonal(bits) = &page.raster else { panic!("a bitonal page") };
    let dict = format!(
        "/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 \
         /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {w} /Rows {h} >>",
        w = page.width,
        h = page.height
    );
    with_image(page, &dict, &g4(page.width, bits))
}

/// A small deterministic generator (xorshift).
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u32) -> u32 {
        (self.next() % u64::from(n.max(1))) as u32
    }
}

/// Where the ink is, in millimetres of the unrotated page.
struct Layout {
    kind: Content,
    left: f64,
    top: f64,
    pitch: f64,
    glyph_w: f64,
    glyph_h: f64,
    slot: f64,
    /// Per line, its slots: `None` a space, `Some(bits)` a 5×7 glyph.
    lines: Vec<Vec<Option<u64>>>,
    /// The title: bigger glyphs on the first line.
    title: Vec<Option<u64>>,
    title_scale: f64,
    rule_y: f64,
    right: f64,
    stamp: (f64, f64, f64, f64),
}

impl Layout {
    fn new(spec: &Spec) -> Self {
        let margin = 14.0;
        let (glyph_w, glyph_h, slot, pitch, title_scale) = (1.8, 2.6, 2.2, 5.5, 2.0);
        let (form_seed, text_seed) = match spec.content {
            Content::Text(seed) | Content::Sparse(seed) => (seed, seed),
            Content::Form { form, text } => (form, text),
            Content::Blank | Content::Black => (1, 1),
        };
        let mut rng = Rng(form_seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let width = spec.width_mm - 2.0 * margin;
        let slots = (width / slot) as u32;
        let glyph = |rng: &mut Rng| {
            // A stroke down one of three columns, plus random cells: a texture like print.
            let column = [0u32, 2, 4][rng.below(3) as usize];
            let mut bits = rng.next() & rng.next() & ((1 << 35) - 1);
            for row in 0..7 {
                bits |= 1 << (row * 5 + column);
            }
            bits
        };
        let line = |rng: &mut Rng, slots: u32| {
            let length = slots / 2 + rng.below(slots / 2 + 1);
            let mut out = Vec::new();
            while (out.len() as u32) < length {
                let word = 2 + rng.below(8);
                for _ in 0..word.min(length.saturating_sub(out.len() as u32)) {
                    out.push(Some(glyph(rng)));
                }
                out.push(None);
            }
            out
        };
        let title_slots = (width / (slot * title_scale)) as u32;
        let title = line(&mut rng, title_slots / 2);
        let top = margin;
        let rule_y = top + glyph_h * title_scale + 2.0;
        let first = rule_y + 4.0;
        let stamp_h = 16.0;
        let count = ((spec.height_mm - margin - stamp_h - 4.0 - first) / pitch).max(0.0) as usize;
        let mut rng = Rng(text_seed.wrapping_mul(0xD1B5_4A32_D192_ED03) | 1);
        let count = if matches!(spec.content, Content::Sparse(_)) { 0 } else { count };
        let lines = (0..count).map(|_| line(&mut rng, slots)).collect();
        let right = spec.width_mm - margin;
        let stamp = (right - 40.0, spec.height_mm - margin - stamp_h, right, spec.height_mm - margin);
        Layout {
            kind: spec.content,
            left: margin,
            top: first,
            pitch,
            glyph_w,
            glyph_h,
            slot,
            lines,
            title,
            title_scale,
            rule_y,
            right,
            stamp,
        }
    }

    fn ink(&self, x: f64, y: f64) -> bool {
        match self.kind {
            Content::Blank => false,
            Content::Black => true,
            Content::Text(_) | Content::Form { .. } | Content::Sparse(_) => self.text_ink(x, y),
        }
    }

    fn text_ink(&self, x: f64, y: f64) -> bool {
        if x < self.left || x >= self.right {
            return false;
        }
        // The rule under the title.
        if (self.rule_y..self.rule_y + 0.35).contains(&y) {
            return true;
        }
        // The stamp: a frame 0.6 mm thick with a diagonal.
        let (x0, y0, x1, y1) = self.stamp;
        if x >= x0 && x < x1 && y >= y0 && y < y1 {
            let frame = x < x0 + 0.6 || x >= x1 - 0.6 || y < y0 + 0.6 || y >= y1 - 0.6;
            let diagonal = ((y - y0) - (x - x0) * (y1 - y0) / (x1 - x0)).abs() < 0.5;
            return frame || diagonal;
        }
        let title_top = self.rule_y - 2.0 - self.glyph_h * self.title_scale;
        if y >= title_top && y < self.rule_y - 2.0 {
            return self.glyph_ink(&self.title, x - self.left, y - title_top, self.title_scale);
        }
        if y < self.top {
            return false;
        }
        let index = ((y - self.top) / self.pitch) as usize;
        let dy = y - self.top - index as f64 * self.pitch;
        match self.lines.get(index) {
            Some(line) if dy < self.glyph_h => self.glyph_ink(line, x - self.left, dy, 1.0),
            _ => false,
        }
    }

    fn glyph_ink(&self, line: &[Option<u64>], dx: f64, dy: f64, scale: f64) -> bool {
        let slot = self.slot * scale;
        let index = (dx / slot) as usize;
        let Some(Some(bits)) = line.get(index) else { return false };
        let inside = dx - index as f64 * slot;
        let column = (inside / (self.glyph_w * scale / 5.0)) as u32;
        let row = (dy / (self.glyph_h * scale / 7.0)) as u32;
        column < 5 && row < 7 && bits >> (row * 5 + column) & 1 == 1
    }
}

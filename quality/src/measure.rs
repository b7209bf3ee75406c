//! The measures of one page image: histogram, a downscaled work image, content cells, margins, skew by
//! projection profiles, and a gradient fingerprint for comparing consecutive pages.

use crate::decode::{Pixels, Raster};
use crate::work::{Work, work_factor};
use std::borrow::Cow;

/// A work cell is marked when darker than the background by more than this many levels.
const MARK_DELTA: i32 = 24;
/// Grey levels from `GREY_LOW` to `GREY_HIGH` count as grey (neither near black nor near white).
const GREY_LOW: usize = 32;
const GREY_HIGH: usize = 223;
/// A side of the page whose outermost line is marked at least this much is a scanner frame, trimmed
/// up to `FRAME_MAX_PERMILLE` of the page.
const FRAME_MARKED: f64 = 0.8;
const FRAME_MAX_PERMILLE: usize = 50;
/// Patches of marked cells smaller than this across and down are specks.
const SPECK_CELLS: usize = 3;
/// The content box leaves out this share of the content cells on each side (specks, dust).
const BOX_TRIM: f64 = 0.001;
/// Skew: angles searched (degrees), coarse and fine steps, most points used, least structure.
const SKEW_RANGE: f64 = 15.0;
const SKEW_COARSE: f64 = 0.5;
const SKEW_FINE: f64 = 0.1;
const SKEW_MAX_POINTS: usize = 8_000;
// A bin's count, at most the number of points, is squared in 32 bits.
const _: () = assert!(SKEW_MAX_POINTS < 1 << 16);
const SKEW_COARSE_POINTS: usize = 2_000;
const SKEW_MIN_POINTS: usize = 60;
const SKEW_MIN_PEAK: f64 = 1.15;
/// Fingerprint: grid size, and the difference of neighbouring cells below which they count as equal.
const GRID: usize = 24;
const GRID_EPSILON: i32 = 3;

/// Everything measured on a page.
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    pub metrics: Metrics,
    pub fingerprint: Fingerprint,
    pub work: Cow<'a, Work>,
}

/// The measures of one page. Ratios are per mille (with decimals), levels 0 (black) to 255 (white).
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Pixels darker than mid-grey.
    pub dark_permille: f64,
    /// Cells of the page (blocks of a few pixels) holding marks darker than the background, isolated
    /// specks and a scanner frame left out.
    pub content_permille: f64,
    /// Median grey level: the paper.
    pub background: u8,
    /// Grey level of the darkest tenth of the marks, when there are marks.
    pub ink: Option<u8>,
    /// Background minus ink, per mille of full scale (0 without marks).
    pub contrast_permille: f64,
    /// Distance from the content to each edge, per mille of the page width or height; `None` without
    /// content.
    pub margins: Option<Margins>,
    /// Estimated rotation of the content in degrees (positive: clockwise as displayed); `None` when the
    /// page has too few marks, or no line structure, to tell.
    pub skew_degrees: Option<f64>,
    /// Pixels neither near black nor near white.
    pub grey_permille: f64,
    /// Pixels with a visible colour (channels differing).
    pub colour_permille: f64,
    /// Difference from the previous page's image, per mille; `None` for the first page or when either
    /// page has no content to compare.
    pub distance_to_previous_permille: Option<f64>,
}

/// Distance from the content to each edge, per mille of the page width (left, right) or height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Margins {
    /// The four sides with their names, in reading order.
    pub fn sides(&self) -> [(&'static str, f64); 4] {
        [("top", self.top), ("bottom", self.bottom), ("left", self.left), ("right", self.right)]
    }
}

/// The direction of grey-level change between neighbouring cells of a coarse grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(Vec<i8>);

impl Fingerprint {
    /// Per mille of the grid's changes that differ, among those either page has; `None` when neither
    /// has enough to compare (blank pages).
    pub fn distance_permille(&self, other: &Fingerprint) -> Option<f64> {
        let (mut differ, mut either) = (0u32, 0u32);
        for (a, b) in self.0.iter().zip(&other.0) {
            if *a != 0 || *b != 0 {
                either += 1;
                differ += u32::from(a != b);
            }
        }
        (either >= 16 && self.0.len() == other.0.len()).then(|| f64::from(differ) * 1000.0 / f64::from(either))
    }
}

pub fn analyze(raster: &Raster) -> Analysis<'_> {
    let (histogram, work) = reduce(raster);
    let total: u64 = histogram.iter().sum();
    let permille = |count: u64| if total == 0 { 0.0 } else { count as f64 * 1000.0 / total as f64 };
    let background = percentile(&histogram, 0.5);
    let dark: u64 = histogram[..128].iter().sum();
    let grey: u64 = histogram[GREY_LOW..=GREY_HIGH].iter().sum();

    let marked = Marks::new(&work, background);
    let frame = frame_box(&work, &marked);
    let content = content_cells(&marked, frame);
    let box_cells = (frame.x1 - frame.x0) * (frame.y1 - frame.y0);
    let content_permille = if box_cells == 0 { 0.0 } else { content.cells as f64 * 1000.0 / box_cells as f64 };
    let ink_threshold = (i32::from(background) - MARK_DELTA).max(0) as usize;
    let ink_count: u64 = histogram[..ink_threshold].iter().sum();
    let ink = (ink_count > 0).then(|| percentile(&histogram[..ink_threshold], 0.1));
    let contrast_permille = ink.map_or(0.0, |ink| f64::from(background.saturating_sub(ink)) * 1000.0 / 255.0);
    let content_box = content_box(&content, frame);
    let margins = content_box.map(|c| margins(c, frame));
    let skew_degrees = skew(&content, frame);
    let metrics = Metrics {
        dark_permille: permille(dark),
        content_permille,
        background,
        ink,
        contrast_permille,
        margins,
        skew_degrees,
        grey_permille: permille(grey),
        colour_permille: permille(raster.coloured),
        distance_to_previous_permille: None,
    };
    let fingerprint = fingerprint(&work, content_box.unwrap_or(frame));
    Analysis { metrics, fingerprint, work }
}

/// The histogram of grey levels and the work image, in one pass over the pixels (bitonal images were
/// reduced as they were decoded).
fn reduce(raster: &Raster) -> ([u64; 256], Cow<'_, Work>) {
    match &raster.pixels {
        Pixels::Grey(grey) => {
            let (histogram, work) = reduce_grey(raster, grey);
            (histogram, Cow::Owned(work))
        }
        Pixels::Reduced(reduced) => {
            let (width, height) = (raster.width as usize, raster.height as usize);
            (two_levels(width, height, reduced.black), Cow::Borrowed(&reduced.work))
        }
    }
}

/// The histogram of a bitonal raster: `black` pixels at 0, the others at 255.
fn two_levels(width: usize, height: usize, black: u64) -> [u64; 256] {
    let mut histogram = [0u64; 256];
    histogram[0] = black;
    histogram[255] = width as u64 * height as u64 - black;
    histogram
}

/// An 8-bit grey raster reduced: its histogram and block sums in the same pass over each row. The rows
/// of a band are first added column by column ([`add_levels`], 16-bit sums, the fingerprint's loop),
/// and the columns summed into cells once per band.
fn reduce_grey(raster: &Raster, grey: &[u8]) -> ([u64; 256], Work) {
    let (width, height) = (raster.width as usize, raster.height as usize);
    let factor = work_factor(width, height);
    let (ww, wh) = (width.div_ceil(factor), height.div_ceil(factor));
    let mut luma = Vec::with_capacity(ww * wh);
    // Four histograms filled in turn, so that equal neighbouring levels do not wait on each other.
    let mut histograms = [[0u32; 256]; 4];
    let mut sums = vec![0u32; ww];
    let mut columns = vec![0u16; width];
    for cy in 0..wh {
        sums.iter_mut().for_each(|s| *s = 0);
        let rows = cy * factor..((cy + 1) * factor).min(height);
        let band = rows.len() as u32;
        for (i, y) in rows.enumerate() {
            let row = &grey[y * width..(y + 1) * width];
            add_levels(&mut columns, row);
            if (i + 1) % LEVEL_ROWS == 0 || i + 1 == band as usize {
                for (sum, chunk) in sums.iter_mut().zip(columns.chunks(factor)) {
                    *sum += chunk.iter().map(|&c| u32::from(c)).sum::<u32>();
                }
                columns.fill(0);
            }
            let mut quads = row.chunks_exact(4);
            for quad in &mut quads {
                for (histogram, &level) in histograms.iter_mut().zip(quad) {
                    histogram[usize::from(level)] += 1;
                }
            }
            for &level in quads.remainder() {
                histograms[0][usize::from(level)] += 1;
            }
        }
        for (cx, &sum) in sums.iter().enumerate() {
            let pixels = (width - cx * factor).min(factor) as u32 * band;
            luma.push(((sum + pixels / 2) / pixels) as u8);
        }
    }
    let mut histogram = [0u64; 256];
    for partial in &histograms {
        for (total, &count) in histogram.iter_mut().zip(partial) {
            *total += u64::from(count);
        }
    }
    (histogram, Work { width: ww, height: wh, luma })
}

/// The grey level below which `share` of the counted pixels lie.
fn percentile(histogram: &[u64], share: f64) -> u8 {
    let total: u64 = histogram.iter().sum();
    let target = (total as f64 * share).ceil().max(1.0) as u64;
    let mut seen = 0;
    for (level, &count) in histogram.iter().enumerate() {
        seen += count;
        if seen >= target {
            return level as u8;
        }
    }
    (histogram.len().max(1) - 1) as u8
}

/// A rectangle of work cells, `x1` and `y1` excluded.
#[derive(Debug, Clone, Copy)]
struct CellBox {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
}

/// The work image less a scanner frame: sides whose outer line is nearly all marked are trimmed.
fn frame_box(work: &Work, marked: &Marks) -> CellBox {
    let (w, h) = (work.width, work.height);
    let mut b = CellBox { x0: 0, y0: 0, x1: w, y1: h };
    let max_x = (w * FRAME_MAX_PERMILLE / 1000).max(1);
    let max_y = (h * FRAME_MAX_PERMILLE / 1000).max(1);
    let row_marked = |b: &CellBox, y: usize| {
        (b.x0..b.x1).filter(|&x| marked.get(x, y)).count() as f64 >= FRAME_MARKED * (b.x1 - b.x0) as f64
    };
    let column_marked = |b: &CellBox, x: usize| {
        (b.y0..b.y1).filter(|&y| marked.get(x, y)).count() as f64 >= FRAME_MARKED * (b.y1 - b.y0) as f64
    };
    while b.y0 < max_y && b.y1 > b.y0 + 1 && row_marked(&b, b.y0) {
        b.y0 += 1;
    }
    while h - b.y1 < max_y && b.y1 > b.y0 + 1 && row_marked(&b, b.y1 - 1) {
        b.y1 -= 1;
    }
    while b.x0 < max_x && b.x1 > b.x0 + 1 && column_marked(&b, b.x0) {
        b.x0 += 1;
    }
    while w - b.x1 < max_x && b.x1 > b.x0 + 1 && column_marked(&b, b.x1 - 1) {
        b.x1 -= 1;
    }
    // Half-trimmed frames leave a marked line; if so, the frame is not a frame: keep the whole page.
    if b.x1 <= b.x0 + 1 || b.y1 <= b.y0 + 1 { CellBox { x0: 0, y0: 0, x1: w, y1: h } } else { b }
}

/// The content of a page: the marked cells inside a box that belong to a patch (8-connected) spanning
/// at least [`SPECK_CELLS`] cells across or down, isolated specks and dust left out; as runs of cells
/// along the rows, in the order of the rows.
#[derive(Debug, Clone, PartialEq, Default)]
struct Content {
    runs: Vec<Run>,
    cells: usize,
}

/// Cells `x0..x1` of row `y`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    y: u32,
    x0: u32,
    x1: u32,
}

impl Content {
    /// Every `step`-th cell, in the order of the rows, from the first.
    fn every(&self, step: usize) -> Every<'_> {
        Every { runs: self.runs.iter(), run: Run { y: 0, x0: 0, x1: 0 }, at: 0, step }
    }
}

/// The iterator of [`Content::every`]: `at` is the next sample's place in `run`, or past its end by as
/// many cells as the next runs must skip (no division per run).
struct Every<'a> {
    runs: std::slice::Iter<'a, Run>,
    run: Run,
    at: usize,
    step: usize,
}

impl Iterator for Every<'_> {
    type Item = (u32, u32);

    fn next(&mut self) -> Option<(u32, u32)> {
        loop {
            let len = (self.run.x1 - self.run.x0) as usize;
            if self.at < len {
                let cell = (self.run.x0 + self.at as u32, self.run.y);
                self.at += self.step;
                return Some(cell);
            }
            self.at -= len;
            self.run = *self.runs.next()?;
        }
    }
}

/// The content inside `b`: the runs of the marked cells that are not specks ([`Marks::without_specks`]).
fn content_cells(marked: &Marks, b: CellBox) -> Content {
    // Specks are whole runs of the marks: the content has at most as many.
    let mut content = Content { runs: Vec::with_capacity(marked.count_runs(b)), cells: 0 };
    marked.without_specks(b, |y, row| {
        row_runs(row, b.x0, b.x1, |x0, x1| {
            content.cells += x1 - x0;
            content.runs.push(Run { y: y as u32, x0: x0 as u32, x1: x1 as u32 });
        });
    });
    content
}

/// The marked cells of the work image (darker than the background by more than [`MARK_DELTA`]), one
/// bit each, 64 cells to a word (the first cell the lowest bit).
#[derive(Debug, Clone)]
struct Marks {
    words_per_row: usize,
    bits: Vec<u64>,
}

impl Marks {
    fn new(work: &Work, background: u8) -> Self {
        let words_per_row = work.width.div_ceil(64);
        let mut bits = vec![0u64; words_per_row * work.height];
        // Levels below `below` are marked (none when the background is within MARK_DELTA of black).
        let below = u8::try_from((i32::from(background) - MARK_DELTA).max(0)).unwrap_or(0);
        mark_rows(&work.luma, work.width.max(1), below, &mut bits);
        Self { words_per_row, bits }
    }

    #[inline]
    fn get(&self, x: usize, y: usize) -> bool {
        self.bits[y * self.words_per_row + x / 64] >> (x % 64) & 1 == 1
    }

    /// The words of row `y`.
    fn row(&self, y: usize) -> &[u64] {
        &self.bits[y * self.words_per_row..(y + 1) * self.words_per_row]
    }

    /// The marked cells of `b` less the specks, as `f(y, words)` for each row `y` holding some (the
    /// row's words, the cells outside `b` clear): the patches (8-connected) that fit in two cells
    /// across and two down, found a word at a time without labelling the patches.
    ///
    /// In a window of 2 × 2 cells every two cells touch, so the marked cells of a window belong to one
    /// patch; that patch is the whole of it when no marked cell outside the window touches one of them.
    /// A speck is the marked cells of every window that holds it, so the specks are the marked cells of
    /// the windows that pass this test, windows at every cell of `b`; windows on two empty rows are
    /// skipped.
    fn without_specks(&self, b: CellBox, mut f: impl FnMut(usize, &[u64])) {
        const _: () = assert!(SPECK_CELLS == 3, "specks are found in windows of 2 × 2 cells");
        if b.x1 <= b.x0 || b.y1 <= b.y0 {
            return;
        }
        // The rows of `b` from one above to two below, a clear word each side, and which hold a
        // marked cell.
        let words = self.words_per_row;
        let stride = words + 2;
        let rows = b.y1 - b.y0 + 3;
        let (mut plain, mut inked) = (vec![0u64; rows * stride], vec![false; rows]);
        for y in b.y0..b.y1 {
            let r = y - b.y0 + 1;
            for (base, word) in masked_words(self.row(y), b.x0, b.x1) {
                plain[r * stride + 1 + base / 64] = word;
                inked[r] |= word != 0;
            }
        }
        let at = |r: usize, j: usize| Shifted::of(&plain[r * stride..(r + 1) * stride], j);
        let (mut pass, mut speck) = (vec![0u64; stride], vec![0u64; rows * stride]);
        for r in (1..rows - 2).filter(|&r| inked[r] || inked[r + 1]) {
            // The window of rows r and r + 1 and columns a and a + 1, at each bit a.
            for (j, pass) in pass.iter_mut().enumerate().take(words + 1).skip(1) {
                let (above, top, bottom, below) = (at(r - 1, j), at(r, j), at(r + 1, j), at(r + 2, j));
                let (left, right) = (top.before | bottom.before, top.after2 | bottom.after2);
                let touched = (top.here & (above.around | left))
                    | (top.after & (above.ahead | right))
                    | (bottom.here & (left | below.around))
                    | (bottom.after & (right | below.ahead));
                *pass = (top.here | top.after | bottom.here | bottom.after) & !touched;
            }
            for j in 1..=words {
                let window = pass[j] | pass[j] << 1 | pass[j - 1] >> 63;
                speck[r * stride + j] |= plain[r * stride + j] & window;
                speck[(r + 1) * stride + j] |= plain[(r + 1) * stride + j] & window;
            }
        }
        let mut content = vec![0u64; words];
        for y in (b.y0..b.y1).filter(|y| inked[y - b.y0 + 1]) {
            let r = (y - b.y0 + 1) * stride + 1;
            for ((cell, &marked), &speck) in content.iter_mut().zip(&plain[r..r + words]).zip(&speck[r..r + words]) {
                *cell = marked & !speck;
            }
            f(y, &content);
        }
    }

    /// How many runs of marked cells the rows of `b` hold: the cells marked where the one before is
    /// not.
    fn count_runs(&self, b: CellBox) -> usize {
        if b.x1 <= b.x0 {
            return 0;
        }
        let mut count = 0;
        for y in b.y0..b.y1 {
            let mut before = 0u64;
            for (_, word) in masked_words(self.row(y), b.x0, b.x1) {
                count += (word & !(word << 1 | before)).count_ones() as usize;
                before = word >> 63;
            }
        }
        count
    }
}

/// The words of a row holding cells `x0..x1` (`x0 < x1`), with the place of each word's first cell;
/// the cells outside `x0..x1` cleared.
fn masked_words(row: &[u64], x0: usize, x1: usize) -> impl Iterator<Item = (usize, u64)> + '_ {
    let (first, last) = (x0 / 64, (x1 - 1) / 64);
    (first..=last).map(move |i| {
        let low = if i == first { u64::MAX << (x0 % 64) } else { u64::MAX };
        let high = if i == last { u64::MAX >> (63 - (x1 - 1) % 64) } else { u64::MAX };
        (i * 64, row[i] & low & high)
    })
}

/// The runs of marked cells of a row (its words) within `x0..x1`, in order, as `f(start, end)` (end
/// excluded): the places where a cell differs from the one before it, one word at a time.
fn row_runs(row: &[u64], x0: usize, x1: usize, mut f: impl FnMut(usize, usize)) {
    if x1 <= x0 {
        return;
    }
    let (mut start, mut before) = (None, 0u64);
    for (base, word) in masked_words(row, x0, x1) {
        let mut changes = word ^ (word << 1 | before);
        before = word >> 63;
        while changes != 0 {
            let x = base + changes.trailing_zeros() as usize;
            changes &= changes - 1;
            match start.take() {
                None => start = Some(x),
                Some(from) => f(from, x),
            }
        }
    }
    if let Some(from) = start {
        f(from, x1);
    }
}

/// A word of a row of cells seen from each bit a: the cell at a - 1 (`before`), a, a + 1 and a + 2,
/// and whether one of the cells a - 1 to a + 1 (`around`) or a to a + 2 (`ahead`) is marked.
#[derive(Debug, Clone, Copy)]
struct Shifted {
    before: u64,
    here: u64,
    after: u64,
    after2: u64,
    around: u64,
    ahead: u64,
}

impl Shifted {
    /// Word `j` of `row`, whose first and last words are clear.
    #[inline(always)]
    fn of(row: &[u64], j: usize) -> Self {
        let (previous, here, next) = (row[j - 1], row[j], row[j + 1]);
        let before = here << 1 | previous >> 63;
        let after = here >> 1 | next << 63;
        let after2 = here >> 2 | next << 62;
        Self { before, here, after, after2, around: before | here | after, ahead: here | after | after2 }
    }
}

/// One bit per level below `below`, rows of `width` levels into rows of 64-bit words (the first level
/// the lowest bit): each row compared into 0/1 bytes (a loop the compiler vectorises, with AVX2 when
/// the processor has it), then eight bytes gathered into eight bits by one multiplication.
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn mark_rows(luma: &[u8], width: usize, below: u8, bits: &mut [u64]) {
    let words_per_row = width.div_ceil(64);
    // Past the row's width the flags stay 0.
    let mut flags = vec![0u8; words_per_row * 64];
    for (row, words) in luma.chunks_exact(width).zip(bits.chunks_exact_mut(words_per_row)) {
        for (flag, &level) in flags.iter_mut().zip(row) {
            *flag = u8::from(level < below);
        }
        for (word, sixty_four) in words.iter_mut().zip(flags.chunks_exact(64)) {
            *word = sixty_four.chunks_exact(8).enumerate().fold(0, |word, (k, eight)| {
                let lanes = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
                word | (lanes.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k)
            });
        }
    }
}

/// The box of the content inside `b`, leaving out [`BOX_TRIM`] of the content on each side.
fn content_box(content: &Content, b: CellBox) -> Option<CellBox> {
    if content.cells == 0 {
        return None;
    }
    let skip = ((content.cells as f64 * BOX_TRIM) as usize).max(2).min(content.cells - 1);
    // Counts per column (from the changes at each run's ends) and per row, then the first and last
    // lines past `skip` cells.
    let (mut changes, mut rows) = (vec![0isize; b.x1 + 1], vec![0usize; b.y1]);
    for run in &content.runs {
        changes[run.x0 as usize] += 1;
        changes[run.x1 as usize] -= 1;
        rows[run.y as usize] += (run.x1 - run.x0) as usize;
    }
    let columns: Vec<usize> = changes[..b.x1]
        .iter()
        .scan(0isize, |count, change| {
            *count += change;
            Some(*count as usize)
        })
        .collect();
    let bounds = |counts: &[usize]| {
        let first = counts
            .iter()
            .scan(0, |seen, c| {
                *seen += c;
                Some(*seen)
            })
            .position(|seen| seen > skip)
            .unwrap_or(0);
        let last = counts.len()
            - 1
            - counts
                .iter()
                .rev()
                .scan(0, |seen, c| {
                    *seen += c;
                    Some(*seen)
                })
                .position(|seen| seen > skip)
                .unwrap_or(0);
        (first, last + 1)
    };
    let ((x0, x1), (y0, y1)) = (bounds(&columns), bounds(&rows));
    Some(CellBox { x0: x0.max(b.x0), y0: y0.max(b.y0), x1: x1.min(b.x1).max(x0 + 1), y1: y1.min(b.y1).max(y0 + 1) })
}

/// Margins of `content` (a box) inside `b`, per mille of `b`'s width and height.
fn margins(content: CellBox, b: CellBox) -> Margins {
    let (bw, bh) = ((b.x1 - b.x0) as f64, (b.y1 - b.y0) as f64);
    Margins {
        left: (content.x0 - b.x0) as f64 * 1000.0 / bw,
        right: b.x1.saturating_sub(content.x1) as f64 * 1000.0 / bw,
        top: (content.y0 - b.y0) as f64 * 1000.0 / bh,
        bottom: b.y1.saturating_sub(content.y1) as f64 * 1000.0 / bh,
    }
}

/// The rotation of the content's lines (horizontal or vertical) by projection profiles, in degrees.
fn skew(content: &Content, b: CellBox) -> Option<f64> {
    if content.cells < SKEW_MIN_POINTS {
        return None;
    }
    // At most `SKEW_MAX_POINTS` cells, evenly spread over the rows.
    let step = content.cells.div_ceil(SKEW_MAX_POINTS);
    let (cx, cy) = ((b.x0 + b.x1) as f64 / 2.0, (b.y0 + b.y1) as f64 / 2.0);
    let points = content.cells.div_ceil(step);
    let (mut xs, mut ys) = (Vec::with_capacity(points), Vec::with_capacity(points));
    for (x, y) in content.every(step) {
        xs.push(f64::from(x) - cx);
        ys.push(f64::from(y) - cy);
    }
    let span = ((b.x1 - b.x0).max(b.y1 - b.y0) as f64 * 1.5) as usize + 2;
    // [`SETS`] sets of `2 * span` bins, cleared.
    let mut bins = vec![0u16; SETS * 2 * span];
    // One sample of the points for the coarse angles of both directions.
    let (coarse_xs, coarse_ys) = (coarse_sample(&xs), coarse_sample(&ys));
    let horizontal = coarse_angle(&coarse_xs, &coarse_ys, &mut bins);
    // Lines along the other axis: the points with their coordinates swapped.
    let vertical = coarse_angle(&coarse_ys, &coarse_xs, &mut bins);
    // The same rotation shows on vertical lines with the opposite sign. Only the direction with the
    // more concentrated projection is searched finely.
    let ((xs, ys), (centre, peak), sign) =
        if vertical.1 > horizontal.1 { ((&ys, &xs), vertical, -1.0) } else { ((&xs, &ys), horizontal, 1.0) };
    (peak >= SKEW_MIN_PEAK).then(|| sign * fine_angle(xs, ys, centre, &mut bins))
}

/// At most [`SKEW_COARSE_POINTS`] of the points' coordinates, evenly spread: those the coarse angles
/// are scored on.
fn coarse_sample(values: &[f64]) -> Vec<f64> {
    let every = values.len().div_ceil(SKEW_COARSE_POINTS).max(1);
    values.iter().step_by(every).copied().collect()
}

/// The coarse angle whose projection of the points (`xs`, `ys`: the sample of at most
/// [`SKEW_COARSE_POINTS`]) is most concentrated, and how much more than the average coarse angle's.
fn coarse_angle(xs: &[f64], ys: &[f64], bins: &mut [u16]) -> (f64, f64) {
    let mut projected = vec![0u32; xs.len()];
    let corners = Corners::of(xs, ys);
    let steps = (SKEW_RANGE / SKEW_COARSE) as i32;
    let coarse: Vec<(f64, f64)> = (-steps..=steps)
        .map(|i| {
            let angle = f64::from(i) * SKEW_COARSE;
            (angle, profile_score(xs, ys, corners, angle, &mut projected, bins))
        })
        .collect();
    let mean = coarse.iter().map(|c| c.1).sum::<f64>() / coarse.len() as f64;
    let &(centre, best) = coarse.iter().max_by(|a, b| a.1.total_cmp(&b.1)).expect("angles");
    (centre, if mean > 0.0 { best / mean } else { 0.0 })
}

/// The fine angle around the coarse `centre` whose projection of all the points (`xs`, `ys`) is most
/// concentrated (the first of equals).
fn fine_angle(xs: &[f64], ys: &[f64], centre: f64, bins: &mut [u16]) -> f64 {
    let mut projected = vec![0u32; xs.len()];
    let corners = Corners::of(xs, ys);
    let fine_steps = (SKEW_COARSE / SKEW_FINE).round() as i32;
    let mut best = (centre, f64::MIN);
    for i in -fine_steps..=fine_steps {
        let angle = centre + f64::from(i) * SKEW_FINE;
        let score = profile_score(xs, ys, corners, angle, &mut projected, bins);
        if score > best.1 {
            best = (angle, score);
        }
    }
    best.0
}

/// Sets of bins filled in turn by consecutive points: neighbouring points fall in the same bin, and
/// increments of one counter would wait on each other.
const SETS: usize = 4;

/// The corners of the points' bounding box: the lowest and highest `x`, the lowest and highest `y`.
#[derive(Debug, Clone, Copy)]
struct Corners([f64; 4]);

impl Corners {
    fn of(xs: &[f64], ys: &[f64]) -> Self {
        let range = |values: &[f64]| values.iter().fold((f64::MAX, f64::MIN), |(l, h), &v| (l.min(v), h.max(v)));
        let ((x0, x1), (y0, y1)) = (range(xs), range(ys));
        Self([x0, x1, y0, y1])
    }

    /// The bins of the lowest and the highest projection of a corner, one more each side, within
    /// `0..=last`: every point's bin lies between them, its projection being between theirs.
    fn bins(self, (sin, cos, offset): (f64, f64, f64), last: usize) -> (usize, usize) {
        let [x0, x1, y0, y1] = self.0;
        let ends = [(x0, y0), (x0, y1), (x1, y0), (x1, y1)].map(|(x, y)| y * cos - x * sin + offset);
        let (low, high) = ends.iter().fold((f64::MAX, f64::MIN), |(l, h), &p| (l.min(p), h.max(p)));
        ((low.max(1.0) as usize - 1).min(last), (high.max(0.0) as usize + 1).min(last))
    }
}

/// Sum of squared counts of the points (`xs`, `ys`, within `corners`) projected across lines at
/// `angle` degrees: the projections first, then the counts, into [`SETS`] sets of bins in turn, read
/// back, summed and cleared together between the bins of the lowest and the highest corner. Every
/// projection lies within the bins: they span one and a half times the box's longest side around its
/// centre, and a point is at most half the box's width plus half its height away from it. The squares
/// are summed exactly, as integers.
fn profile_score(xs: &[f64], ys: &[f64], corners: Corners, angle: f64, projected: &mut [u32], bins: &mut [u16]) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    let (sin, cos) = angle.to_radians().sin_cos();
    let projected = &mut projected[..xs.len()];
    let length = bins.len() / SETS;
    let offset = (length / 2) as f64;
    project(xs, ys, (sin, cos, offset), projected);
    let (low, high) = corners.bins((sin, cos, offset), length - 1);
    let (b0, rest) = bins.split_at_mut(length);
    let (b1, rest) = rest.split_at_mut(length);
    let (b2, b3) = rest.split_at_mut(length);
    let mut quads = projected.chunks_exact(SETS);
    for quad in &mut quads {
        b0[quad[0] as usize] += 1;
        b1[quad[1] as usize] += 1;
        b2[quad[2] as usize] += 1;
        b3[quad[3] as usize] += 1;
    }
    for &bin in quads.remainder() {
        b0[bin as usize] += 1;
    }
    // Only the bins between the lowest and the highest corner were filled.
    let filled = low..high + 1;
    squares(&mut b0[filled.clone()], &mut b1[filled.clone()], &mut b2[filled.clone()], &mut b3[filled]) as f64
}

/// The sum over the bins of the square of the four sets' total, the bins cleared: eight bins at a time
/// with AVX2, picked at run time. A bin's total is at most the number of points (below 2^16), so a
/// set's count fits 16 bits, which keeps the four sets of bins within the first-level cache.
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn squares(b0: &mut [u16], b1: &mut [u16], b2: &mut [u16], b3: &mut [u16]) -> u64 {
    let mut total = 0u64;
    for (((c0, c1), c2), c3) in b0.iter_mut().zip(b1.iter_mut()).zip(b2.iter_mut()).zip(b3.iter_mut()) {
        let count = u32::from(*c0) + u32::from(*c1) + u32::from(*c2) + u32::from(*c3);
        total += u64::from(count * count);
        (*c0, *c1, *c2, *c3) = (0, 0, 0, 0);
    }
    total
}

/// The bin of each point at the angle of `sin` and `cos` (its projection, at least 0 and below 2^31):
/// a loop built for each instruction set of the processor (AVX2 packs four projections in one
/// instruction) and picked at run time. The operations, and so the bins, are the same on every processor.
#[multiversion::multiversion(targets("x86_64+avx2", "x86_64+sse4.1"))]
fn project(xs: &[f64], ys: &[f64], (sin, cos, offset): (f64, f64, f64), projected: &mut [u32]) {
    for ((bin, &x), &y) in projected.iter_mut().zip(xs).zip(ys) {
        *bin = bin_index(y * cos - x * sin + offset);
    }
}

/// `value as u32` for `0 <= value < 2^31`, in operations the compiler vectorises: the value rounded by
/// adding 2^52, and taken one lower when that rounded it up.
#[inline(always)]
fn bin_index(value: f64) -> u32 {
    const MAGIC: f64 = 4_503_599_627_370_496.0;
    let shifted = value + MAGIC;
    let up = u32::from(shifted - MAGIC > value);
    (shifted.to_bits() as u32).wrapping_sub(up)
}

/// Most rows whose levels [`add_levels`] can add to the same 16-bit column sums before they are read.
const LEVEL_ROWS: usize = (u16::MAX / 255) as usize;

/// Adds each level of `row` to its column's sum: a loop built for each instruction set and picked at
/// run time (AVX2 adds sixteen at a time).
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn add_levels(columns: &mut [u16], row: &[u8]) {
    for (sum, &level) in columns.iter_mut().zip(row) {
        *sum += u16::from(level);
    }
}

/// Directions of change between neighbouring cells of a `GRID × GRID` grid laid over `b` (the content
/// box, so that a page scanned again a little shifted gives the same grid).
fn fingerprint(work: &Work, b: CellBox) -> Fingerprint {
    let mut grid = vec![0i32; GRID * GRID];
    let mut counts = vec![0i32; GRID * GRID];
    let (bw, bh) = (b.x1 - b.x0, b.y1 - b.y0);
    // The columns of the box each grid column covers (`x * GRID / bw` rises with `x`).
    let mut spans = vec![(0usize, 0usize); GRID];
    for x in 0..bw {
        let span = &mut spans[x * GRID / bw];
        if span.1 == 0 {
            span.0 = x;
        }
        span.1 = x + 1;
    }
    // Each row's levels added to its column's sum, the sums added to the grid at the end of the
    // rows of a grid row (or before a sum could pass 16 bits).
    let mut columns = vec![0u16; bw];
    let mut rows = 0;
    for y in b.y0..b.y1 {
        let gy = (y - b.y0) * GRID / bh;
        add_levels(&mut columns, &work.luma[y * work.width + b.x0..y * work.width + b.x1]);
        rows += 1;
        if y + 1 == b.y1 || (y + 1 - b.y0) * GRID / bh != gy || rows == LEVEL_ROWS {
            for (gx, &(from, to)) in spans.iter().enumerate().filter(|(_, (from, to))| to > from) {
                grid[gy * GRID + gx] += columns[from..to].iter().map(|&sum| i32::from(sum)).sum::<i32>();
                counts[gy * GRID + gx] += ((to - from) * rows) as i32;
            }
            columns.fill(0);
            rows = 0;
        }
    }
    let mean: Vec<i32> = grid.iter().zip(&counts).map(|(s, c)| if *c > 0 { s / c } else { 255 }).collect();
    let state = |a: i32, b: i32| match a - b {
        d if d > GRID_EPSILON => 1i8,
        d if d < -GRID_EPSILON => -1,
        _ => 0,
    };
    let mut states = Vec::with_capacity(2 * GRID * GRID);
    for y in 0..GRID {
        for x in 0..GRID {
            if x + 1 < GRID {
                states.push(state(mean[y * GRID + x], mean[y * GRID + x + 1]));
            }
            if y + 1 < GRID {
                states.push(state(mean[y * GRID + x], mean[(y + 1) * GRID + x]));
            }
        }
    }
    Fingerprint(states)
}

#[cfg(test)]
mod tests {
    //! The one-pass reductions against the straightforward histogram and block averages they replace.
    use super::*;
    use crate::decode::{Samples, Space, raster};

    /// The pixels a test raster was made from: packed rows (padding bits white) or grey levels.
    enum Source {
        Bits(Vec<u8>),
        Grey(Vec<u8>),
    }

    /// Counts of each grey level over the whole raster.
    fn reference_histogram(raster: &Raster, source: &Source) -> [u64; 256] {
        let mut histogram = [0u64; 256];
        match source {
            Source::Bits(bits) => {
                // Padding bits are white: count them out.
                let stride = (raster.width as usize).div_ceil(8);
                let pad = (stride * 8 - raster.width as usize) as u64 * u64::from(raster.height);
                let white: u64 = bits.iter().map(|b| u64::from(b.count_ones())).sum::<u64>() - pad;
                let total = u64::from(raster.width) * u64::from(raster.height);
                histogram[255] = white;
                histogram[0] = total - white;
            }
            Source::Grey(grey) => {
                for &level in grey {
                    histogram[usize::from(level)] += 1;
                }
            }
        }
        histogram
    }

    /// The raster averaged over blocks of `factor × factor` pixels (partial blocks at the right and bottom).
    fn reference_work(raster: &Raster, source: &Source) -> Work {
        let (width, height) = (raster.width as usize, raster.height as usize);
        let factor = width.max(height).div_ceil(crate::work::WORK_MAX_SIDE).max(1);
        let (ww, wh) = (width.div_ceil(factor), height.div_ceil(factor));
        let mut luma = Vec::with_capacity(ww * wh);
        // Sums of white (bits) or of grey levels per cell of the current band of rows.
        let mut sums = vec![0u32; ww];
        let block_width = |cx: usize| (width - cx * factor).min(factor) as u32;
        for cy in 0..wh {
            sums.iter_mut().for_each(|s| *s = 0);
            let rows = cy * factor..((cy + 1) * factor).min(height);
            let band = rows.len() as u32;
            match source {
                Source::Bits(bits) => {
                    let stride = (width).div_ceil(8);
                    for y in rows {
                        add_bit_row(&bits[y * stride..(y + 1) * stride], width, factor, &mut sums);
                    }
                    for (cx, &white) in sums.iter().enumerate() {
                        let pixels = block_width(cx) * band;
                        luma.push(((white * 255 + pixels / 2) / pixels) as u8);
                    }
                }
                Source::Grey(grey) => {
                    for y in rows {
                        let row = &grey[y * width..(y + 1) * width];
                        for (cx, chunk) in row.chunks(factor).enumerate() {
                            sums[cx] += chunk.iter().map(|&l| u32::from(l)).sum::<u32>();
                        }
                    }
                    for (cx, &sum) in sums.iter().enumerate() {
                        let pixels = block_width(cx) * band;
                        luma.push(((sum + pixels / 2) / pixels) as u8);
                    }
                }
            }
        }
        Work { width: ww, height: wh, luma }
    }

    /// Adds the white pixels of one packed row (padding bits white) to the cells they fall in.
    fn add_bit_row(row: &[u8], width: usize, factor: usize, sums: &mut [u32]) {
        if row.iter().all(|&b| b == 0xFF) {
            for (cell, sum) in sums.iter_mut().enumerate() {
                *sum += ((cell + 1) * factor).min(width).saturating_sub(cell * factor) as u32;
            }
            return;
        }
        let mut start = 0;
        for sum in sums.iter_mut() {
            let end = (start + factor).min(width);
            *sum += ones(row, start, end);
            start = end;
        }
    }

    /// The 1 bits of `row` from bit `from` to bit `to` (excluded), most significant bit first.
    fn ones(row: &[u8], from: usize, to: usize) -> u32 {
        let (first, last) = (from >> 3, (to - 1) >> 3);
        let head = 0xFFu8 >> (from & 7);
        let tail = !(0xFFu16 >> (((to - 1) & 7) + 1)) as u8;
        if first == last {
            return (row[first] & head & tail).count_ones();
        }
        let middle: u32 = row[first + 1..last].iter().map(|b| b.count_ones()).sum();
        (row[first] & head).count_ones() + middle + (row[last] & tail).count_ones()
    }

    /// Marked cells inside `b` belonging to a patch (8-connected) that spans at least [`SPECK_CELLS`]
    /// cells across or down: isolated specks and dust are left out.
    fn reference_content_cells(work: &Work, marked: &[bool], b: CellBox) -> Vec<(u32, u32)> {
        let w = work.width;
        let mut seen = vec![false; marked.len()];
        let mut cells = Vec::new();
        let mut patch: Vec<(u32, u32)> = Vec::new();
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for y in b.y0..b.y1 {
            for x in b.x0..b.x1 {
                if !marked[y * w + x] || seen[y * w + x] {
                    continue;
                }
                seen[y * w + x] = true;
                stack.push((x, y));
                patch.clear();
                let (mut x0, mut y0, mut x1, mut y1) = (x, y, x, y);
                while let Some((px, py)) = stack.pop() {
                    patch.push((px as u32, py as u32));
                    (x0, y0, x1, y1) = (x0.min(px), y0.min(py), x1.max(px), y1.max(py));
                    for ny in py.saturating_sub(1).max(b.y0)..(py + 2).min(b.y1) {
                        for nx in px.saturating_sub(1).max(b.x0)..(px + 2).min(b.x1) {
                            let i = ny * w + nx;
                            if marked[i] && !seen[i] {
                                seen[i] = true;
                                stack.push((nx, ny));
                            }
                        }
                    }
                }
                if x1 - x0 + 1 >= SPECK_CELLS || y1 - y0 + 1 >= SPECK_CELLS {
                    cells.extend_from_slice(&patch);
                }
            }
        }
        cells
    }

    /// The grid means of the fingerprint as first written: one addition per cell.
    fn reference_fingerprint(work: &Work, b: CellBox) -> Fingerprint {
        let mut grid = vec![0i32; GRID * GRID];
        let mut counts = vec![0i32; GRID * GRID];
        let (bw, bh) = (b.x1 - b.x0, b.y1 - b.y0);
        for y in b.y0..b.y1 {
            for x in b.x0..b.x1 {
                let cell = (y - b.y0) * GRID / bh * GRID + (x - b.x0) * GRID / bw;
                grid[cell] += i32::from(work.luma[y * work.width + x]);
                counts[cell] += 1;
            }
        }
        let mean: Vec<i32> = grid.iter().zip(&counts).map(|(s, c)| if *c > 0 { s / c } else { 255 }).collect();
        let state = |a: i32, b: i32| match a - b {
            d if d > GRID_EPSILON => 1i8,
            d if d < -GRID_EPSILON => -1,
            _ => 0,
        };
        let mut states = Vec::new();
        for y in 0..GRID {
            for x in 0..GRID {
                if x + 1 < GRID {
                    states.push(state(mean[y * GRID + x], mean[y * GRID + x + 1]));
                }
                if y + 1 < GRID {
                    states.push(state(mean[y * GRID + x], mean[(y + 1) * GRID + x]));
                }
            }
        }
        Fingerprint(states)
    }

    /// The angle search as first written: one projection and count per point.
    fn reference_best_angle(points: &[(f64, f64)], bins: &mut [u32]) -> (f64, f64) {
        let score = |points: &[(f64, f64)], angle: f64, bins: &mut [u32]| {
            bins.iter_mut().for_each(|b| *b = 0);
            let (sin, cos) = angle.to_radians().sin_cos();
            let offset = (bins.len() / 2) as f64;
            let last = bins.len() - 1;
            for &(x, y) in points {
                let bin = (y * cos - x * sin + offset) as usize;
                bins[bin.min(last)] += 1;
            }
            bins.iter().map(|&c| f64::from(c) * f64::from(c)).sum::<f64>()
        };
        let steps = (SKEW_RANGE / SKEW_COARSE) as i32;
        let every = points.len().div_ceil(SKEW_COARSE_POINTS).max(1);
        let sample: Vec<(f64, f64)> = points.iter().step_by(every).copied().collect();
        let coarse: Vec<(f64, f64)> = (-steps..=steps)
            .map(|i| {
                let angle = f64::from(i) * SKEW_COARSE;
                (angle, score(&sample, angle, bins))
            })
            .collect();
        let mean = coarse.iter().map(|c| c.1).sum::<f64>() / coarse.len() as f64;
        let &(centre, coarse_best) = coarse.iter().max_by(|a, b| a.1.total_cmp(&b.1)).expect("angles");
        let fine_steps = (SKEW_COARSE / SKEW_FINE).round() as i32;
        let (mut best, mut best_score) = (centre, f64::MIN);
        for i in -fine_steps..=fine_steps {
            let angle = centre + f64::from(i) * SKEW_FINE;
            let score = score(points, angle, bins);
            if score > best_score {
                (best, best_score) = (angle, score);
            }
        }
        (best, if mean > 0.0 { coarse_best / mean } else { 0.0 })
    }

    #[test]
    fn angle_search_equals_the_reference() {
        let mut state = 7u64;
        for (count, slope) in [(60usize, 0.0), (500, 0.02), (8000, -0.1), (3000, 0.26)] {
            let points: Vec<(f64, f64)> = (0..count)
                .map(|i| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let x = (state >> 40) as f64 % 500.0 - 250.0;
                    let line = (i % 20) as f64 * 30.0 - 300.0;
                    (x, line + x * slope + (state >> 60) as f64)
                })
                .collect();
            let mut bins = vec![0u16; SETS * 2 * 1100];
            let mut reference_bins = vec![0u32; 2 * 1100];
            let (xs, ys): (Vec<f64>, Vec<f64>) = points.iter().copied().unzip();
            let (centre, peak) = coarse_angle(&coarse_sample(&xs), &coarse_sample(&ys), &mut bins);
            let found = (fine_angle(&xs, &ys, centre, &mut bins), peak);
            assert_eq!(found, reference_best_angle(&points, &mut reference_bins));
        }
    }

    /// A random raster, and what it was made from.
    fn random_raster(seed: u64, width: u32, height: u32, bitonal: bool) -> (Raster, Source) {
        let mut state = seed | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        if bitonal {
            let stride = (width as usize).div_ceil(8);
            let mut bits: Vec<u8> = (0..stride * height as usize)
                .map(|_| match next() % 4 {
                    0 => next() as u8,
                    _ => 0xFF,
                })
                .collect();
            let pad = stride * 8 - width as usize;
            if pad > 0 {
                for row in bits.chunks_exact_mut(stride) {
                    row[stride - 1] |= (1u8 << pad) - 1;
                }
            }
            let samples = Samples { width, height, bits: 1, space: Space::Grey, decode: None };
            (raster(&samples, bits.clone()).expect("whole rows"), Source::Bits(bits))
        } else {
            let grey: Vec<u8> = (0..width as usize * height as usize).map(|_| next() as u8).collect();
            (Raster { width, height, pixels: Pixels::Grey(grey.clone()), coloured: 0 }, Source::Grey(grey))
        }
    }

    #[test]
    fn one_pass_reduction_equals_the_reference() {
        // Cells of 1, 2, 3, 4, 8 and 9 pixels.
        let sizes =
            [(1, 1), (7, 3), (9, 17), (801, 5), (1203, 1900), (2067, 2923), (3001, 20), (64, 64), (6001, 9), (6403, 5)];
        for (seed, &(width, height)) in sizes.iter().enumerate() {
            for bitonal in [true, false] {
                let (raster, source) = random_raster(seed as u64 + 11, width, height, bitonal);
                let (histogram, work) = reduce(&raster);
                let reference = reference_work(&raster, &source);
                assert_eq!(histogram, reference_histogram(&raster, &source), "{width}×{height} bitonal {bitonal}");
                assert_eq!((work.width, work.height), (reference.width, reference.height));
                assert_eq!(work.luma, reference.luma, "{width}×{height} bitonal {bitonal}");
                let background = percentile(&histogram, 0.5);
                let marked: Vec<bool> =
                    work.luma.iter().map(|&l| i32::from(l) + MARK_DELTA < i32::from(background)).collect();
                let marks = Marks::new(&work, background);
                for (i, &m) in marked.iter().enumerate() {
                    assert_eq!(marks.get(i % work.width, i / work.width), m);
                }
                let frame = frame_box(&work, &marks);
                let content = content_cells(&marks, frame);
                let mut reference = reference_content_cells(&work, &marked, frame);
                reference.sort_by_key(|&(x, y)| (y, x));
                let cells: Vec<(u32, u32)> = content.every(1).collect();
                assert_eq!(cells, reference, "{width}×{height}");
                assert_eq!(content.cells, reference.len());
                for step in [2, 3, 7, 1000] {
                    let every: Vec<(u32, u32)> = content.every(step).collect();
                    assert_eq!(every, reference.iter().copied().step_by(step).collect::<Vec<_>>(), "step {step}");
                }
                let (w, h) = (work.width, work.height);
                let boxes = [
                    frame,
                    CellBox { x0: w / 3, y0: h / 4, x1: w / 3 + 1, y1: h },
                    CellBox { x0: w / 5, y0: h / 7, x1: w - w / 9, y1: h - h / 11 },
                ];
                for b in boxes.into_iter().filter(|b| b.x1 > b.x0 && b.y1 > b.y0) {
                    assert_eq!(fingerprint(&work, b), reference_fingerprint(&work, b), "{width}×{height} {b:?}");
                    let mut reference = reference_content_cells(&work, &marked, b);
                    reference.sort_by_key(|&(x, y)| (y, x));
                    let content = content_cells(&marks, b);
                    assert_eq!(content.every(1).collect::<Vec<_>>(), reference, "{width}×{height} {b:?}");
                    let (mut runs, mut reference_runs) = (Vec::new(), Vec::new());
                    for y in b.y0..b.y1 {
                        row_runs(marks.row(y), b.x0, b.x1, |x0, x1| runs.push((y, x0, x1)));
                        let mut x = b.x0;
                        while x < b.x1 {
                            let start = x;
                            x += (x..b.x1).take_while(|&x| marked[y * work.width + x]).count();
                            if x > start {
                                reference_runs.push((y, start, x));
                            }
                            x += 1;
                        }
                    }
                    assert_eq!(runs, reference_runs, "{width}×{height} {b:?}");
                    assert_eq!(marks.count_runs(b), runs.len());
                }
            }
        }
    }

    /// A random bitonal page of text-like runs, packed, 1 = white, padding bits white.
    fn random_bits(seed: u64, width: u32, height: u32, density: u64) -> Vec<u8> {
        let (_, Source::Bits(mut bits)) = random_raster(seed, width, height, true) else { unreachable!() };
        // Every `density`-th row holds ink: blank bands between lines, as on a page.
        let stride = (width as usize).div_ceil(8);
        for (y, row) in bits.chunks_exact_mut(stride).enumerate() {
            if !(y as u64).is_multiple_of(density) {
                row.fill(0xFF);
            }
        }
        bits
    }

    fn g4(width: u32, bits: &[u8], black_is_1: bool) -> Vec<u8> {
        let stride = (width as usize).div_ceil(8);
        let mut encoder = fax::encoder::Encoder::new(fax::VecWriter::new());
        for row in bits.chunks(stride) {
            let pels = (0..width as usize).map(|x| {
                let white = row[x / 8] & (0x80 >> (x % 8)) != 0;
                if white != black_is_1 { fax::Color::White } else { fax::Color::Black }
            });
            encoder.encode_line(pels, width).expect("encodes");
        }
        encoder.finish().expect("ends").finish()
    }

    #[test]
    fn ccitt_runs_reduce_as_the_packed_rows_do() {
        use crate::decode::{Ccitt, Samples, Space, ccitt, raster, reference_ccitt};
        let sizes = [(1u32, 1u32), (9, 17), (801, 5), (2067, 2923), (1203, 1900), (3001, 20), (64, 64), (6001, 9)];
        let spaces = [
            (Space::Grey, None),
            (Space::Grey, Some(vec![1.0, 0.0])),
            (Space::Grey, Some(vec![0.0, 0.0])),
            (Space::Grey, Some(vec![1.0, 1.0])),
            (Space::Mask, None),
            (Space::Mask, Some(vec![1.0, 0.0])),
        ];
        for (seed, &(width, height)) in sizes.iter().enumerate() {
            let bits = random_bits(seed as u64 + 5, width, height, 1 + seed as u64 % 3);
            for black_is_1 in [false, true] {
                let data = g4(width, &bits, black_is_1);
                for cut in [data.len(), data.len() / 2] {
                    let params = Ccitt {
                        k: -1,
                        columns: width,
                        rows: height,
                        end_of_block: true,
                        end_of_line: false,
                        byte_align: false,
                        black_is_1,
                    };
                    for (space, decode) in &spaces {
                        let samples = Samples { width, height, bits: 1, space: space.clone(), decode: decode.clone() };
                        let cells = ccitt(&data[..cut], &params, &samples);
                        let packed = reference_ccitt(&data[..cut], &params).map(|rows| raster(&samples, rows));
                        if height > 1 {
                            // Fewer Rows than the image's Height: short samples, said the same way.
                            let short = Ccitt { rows: height / 2, ..params };
                            let cells = ccitt(&data[..cut], &short, &samples).map(|_| ()).unwrap_err();
                            let packed = raster(&samples, reference_ccitt(&data[..cut], &short).expect("rows"));
                            assert_eq!(cells.to_string(), packed.map(|_| ()).unwrap_err().to_string());
                        }
                        let (Ok(cells), Some(Ok(packed))) = (cells, packed) else {
                            panic!("{width}×{height} cut {cut}: one of the decoders failed")
                        };
                        let ((h1, w1), (h2, w2)) = (reduce(&cells), reduce(&packed));
                        let case = format!("{width}×{height} BlackIs1 {black_is_1} cut {cut} {space:?} {decode:?}");
                        assert_eq!(h1, h2, "{case}");
                        assert_eq!((w1.width, w1.height, &w1.luma), (w2.width, w2.height, &w2.luma), "{case}");
                    }
                }
            }
        }
    }

    /// A box whose grid rows are more than [`LEVEL_ROWS`] rows tall (taller than any work image), so
    /// that the column sums are read before they could pass 16 bits, within a grid row.
    #[test]
    fn fingerprint_of_tall_grid_rows_equals_the_reference() {
        let (width, height) = (40, GRID * (LEVEL_ROWS + 50));
        // Levels from 16 to 254: darker down the box, lighter across it.
        let luma = (0..width * height).map(|i| (215 - (i / width) * 200 / height + i % width) as u8).collect();
        let work = Work { width, height, luma };
        for b in [CellBox { x0: 0, y0: 0, x1: width, y1: height }, CellBox { x0: 3, y0: 11, x1: 37, y1: height - 5 }] {
            assert_eq!(fingerprint(&work, b), reference_fingerprint(&work, b), "{b:?}");
        }
    }

    #[test]
    fn bin_index_is_the_truncation() {
        let mut state = 3u64;
        let mut values = vec![0.0, -0.0, 0.5, 1.0, 1.5, 2.5, 2195.0, 2195.5, f64::MIN_POSITIVE, 2147483647.0];
        values.extend([1.0f64, 2.0, 3.0, 1e9].map(f64::next_down));
        values.extend((0..200_000).map(|i| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            match i % 3 {
                0 => (state >> 11) as f64 / (1u64 << 53) as f64 * 2400.0,
                1 => f64::from((state >> 40) as u32 % 4800) / 2.0,
                _ => (state >> 33) as f64 + (state & 0xFFFF) as f64 / 65536.0,
            }
        }));
        for value in values {
            assert_eq!(bin_index(value), value as u32, "{value:e}");
        }
    }
}

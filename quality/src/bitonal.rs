//! The work image of a bitonal page, built band by band as its rows are decoded: packed rows (Flate,
//! uncompressed samples) or runs (CCITT) are counted into the cells of the current band, no page kept.

use crate::work::{Work, work_factor};

/// What the counted pixels of the source (0 bits of packed rows, the filter's black runs of CCITT) show
/// on the page, through the image's colour space and Decode array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Counted pixels are black, the others white.
    Black,
    /// Counted pixels are white, the others black.
    White,
    /// Both sample values show the same: every pixel white, or every pixel black.
    AllWhite,
    AllBlack,
}

/// A bitonal image known by its work image and its black pixels.
#[derive(Debug, Clone)]
pub struct Reduced {
    pub work: Work,
    pub black: u64,
}

/// The work image of a `width × height` bitonal image taking its rows one after the other.
#[derive(Debug)]
pub struct BitonalWork {
    width: usize,
    height: usize,
    factor: usize,
    counted: Counted,
    /// Counted pixels of each cell of the current band, and the cells that may hold some (the others
    /// are empty).
    band: Vec<u32>,
    inked: Span,
    /// The cell of each column.
    cell_of: Vec<u32>,
    /// Rows taken so far.
    rows: usize,
    /// Packed rows: byte-lane counters per column byte, the rows added to them since their last sum,
    /// and where each byte's lanes go.
    counters: Vec<u64>,
    lane_rows: usize,
    /// The counters that may hold some (as columns of bytes).
    lanes_inked: Span,
    /// The row's leading whole words counted by cells instead, when cells are 1, 2, 4 or 8 pixels wide.
    groups: Option<Groups>,
    bytes: ByteCells,
    /// The level of a full cell with `index` white pixels (empty when cells are too large to list).
    full_levels: Vec<u8>,
    luma: Vec<u8>,
    black: u64,
}

impl BitonalWork {
    pub fn new(width: usize, height: usize, counted: Counted) -> Self {
        let factor = work_factor(width, height);
        let (ww, wh) = (width.div_ceil(factor), height.div_ceil(factor));
        let full = (factor * factor) as u32;
        let full_levels =
            if full <= 1 << 16 { (0..=full).map(|white| level(white, full)).collect() } else { Vec::new() };
        let stride = width.div_ceil(8);
        Self {
            width,
            height,
            factor,
            counted,
            band: vec![0; ww],
            inked: Span::EMPTY,
            cell_of: (0..width).map(|x| (x / factor) as u32).collect(),
            rows: 0,
            counters: vec![0; stride],
            lane_rows: 0,
            lanes_inked: Span::EMPTY,
            groups: Groups::new(width, factor),
            bytes: ByteCells::new(width, stride, factor),
            full_levels,
            luma: Vec::with_capacity(ww * wh),
            black: 0,
        }
    }

    /// Rows taken so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Takes one packed row (`width` pixels, the first the highest bit, padded to a byte): its 0 bits
    /// are counted. When cells are 1, 2, 4 or 8 pixels wide, the leading whole words are counted by
    /// cell ([`Groups`]); each other byte holding one adds its pixels, spread one to a byte lane, to
    /// its column's counter. Whole words without one are skipped.
    pub fn packed_row(&mut self, row: &[u8]) {
        if self.rows >= self.height {
            return;
        }
        let head = self.group_bytes();
        if let Some(groups) = &mut self.groups
            && let Some((first, end)) = groups.add(&row[..head])
        {
            self.lanes_inked.cover(first, end);
        }
        if let Some((first, end)) = add_row(&row[head..], &mut self.counters[head..]) {
            self.lanes_inked.cover(head + first, head + end);
        }
        self.lane_rows += 1;
        if self.lane_rows == LANE_ROWS {
            self.sum_lanes();
        }
        self.end_row();
    }

    /// Takes one row given by its changes of colour, as a CCITT decoder gives them: runs alternate
    /// not counted, counted, not counted… from column 0, `changes[i]` starting run `i + 1`. Columns
    /// from `columns` on are not counted.
    pub fn runs_row(&mut self, changes: &[u32], columns: usize) {
        if self.rows >= self.height {
            return;
        }
        let width = columns.min(self.width);
        let (mut x, mut counted) = (0usize, false);
        for &change in changes {
            if x >= width {
                break;
            }
            let end = (change as usize).min(width);
            if counted && end > x {
                self.add_run(x, end);
            }
            x = x.max(end);
            counted = !counted;
        }
        if counted && x < width {
            self.add_run(x, width);
        }
        self.end_row();
    }

    /// Counts pixels `from..to` (`from < to`) of the current row.
    #[inline(always)]
    fn add_run(&mut self, from: usize, to: usize) {
        let factor = self.factor;
        let (first, last) = (self.cell_of[from] as usize, self.cell_of[to - 1] as usize);
        self.inked.cover(first, last + 1);
        if first == last {
            self.band[first] += (to - from) as u32;
            return;
        }
        self.band[first] += ((first + 1) * factor - from) as u32;
        for cell in &mut self.band[first + 1..last] {
            *cell += factor as u32;
        }
        self.band[last] += (to - last * factor) as u32;
    }

    fn end_row(&mut self) {
        self.rows += 1;
        if self.rows.is_multiple_of(self.factor) || self.rows == self.height {
            self.end_band();
        }
    }

    /// The leading bytes of a packed row that [`Groups`] count (none without them).
    fn group_bytes(&self) -> usize {
        self.groups.as_ref().map_or(0, Groups::bytes)
    }

    /// Adds the lanes of the packed rows' counters to the cells they fall in, and clears them.
    fn sum_lanes(&mut self) {
        let Span { first, end } = std::mem::replace(&mut self.lanes_inked, Span::EMPTY);
        self.lane_rows = 0;
        if first < end {
            let head = self.group_bytes();
            if let Some(groups) = &mut self.groups {
                groups.flush(first.min(head), end.min(head), &mut self.band);
            }
            let from = first.max(head);
            self.bytes.flush(from, &mut self.counters[from..end.max(from)], &mut self.band);
            let last_pixel = (end * 8).min(self.width) - 1;
            self.inked.cover(self.cell_of[first * 8] as usize, self.cell_of[last_pixel] as usize + 1);
        }
    }

    /// Turns the current band's counts into levels of the work image: black pixels per cell first,
    /// then their levels (a full cell's from the table). Cells without counted pixels, when counted
    /// pixels are black, are white without being looked at.
    fn end_band(&mut self) {
        self.sum_lanes();
        let (width, factor) = (self.width, self.factor);
        let band = self.luma.len() / self.band.len();
        let rows = ((band + 1) * factor).min(self.height) - band * factor;
        let pixels = |cx: usize| ((width - cx * factor).min(factor) * rows) as u32;
        let inked = std::mem::replace(&mut self.inked, Span::EMPTY);
        let Span { first, end } = match self.counted {
            Counted::Black => inked,
            _ => Span { first: 0, end: self.band.len() },
        };
        let (first, end) = (first.min(end), end);
        self.luma.resize(self.luma.len() + first, 255);
        let cells = &mut self.band[first..end];
        match self.counted {
            Counted::Black => {}
            Counted::White => cells.iter_mut().enumerate().for_each(|(i, cell)| *cell = pixels(first + i) - *cell),
            Counted::AllWhite => cells.fill(0),
            Counted::AllBlack => cells.iter_mut().enumerate().for_each(|(i, cell)| *cell = pixels(first + i)),
        }
        self.black += cells.iter().map(|&black| u64::from(black)).sum::<u64>();
        // Cells as wide as `factor` in a band of `factor` rows: all but a narrower last one.
        let whole =
            if rows == factor && !self.full_levels.is_empty() { (width / factor).clamp(first, end) } else { first };
        let full = (factor * factor) as u32;
        let cells = self.band[first..whole].iter();
        if full.is_power_of_two() {
            // `level` with its division by `full` a shift: a loop the compiler vectorises.
            let shift = full.trailing_zeros();
            self.luma.extend(cells.map(|&black| (((full - black) * 255 + full / 2) >> shift) as u8));
        } else {
            let levels = &self.full_levels;
            self.luma.extend(cells.map(|&black| levels[(full - black) as usize]));
        }
        for (cx, &black) in self.band.iter().enumerate().take(end).skip(whole) {
            self.luma.push(level(pixels(cx) - black, pixels(cx)));
        }
        self.band[first..end].fill(0);
        self.luma.resize(self.luma.len() + self.band.len() - end, 255);
    }

    /// The work image; rows never taken count nothing (what a short source leaves).
    pub fn finish(mut self) -> Reduced {
        while self.rows < self.height {
            self.end_row();
        }
        let factor = self.factor;
        let work = Work { width: self.width.div_ceil(factor), height: self.height.div_ceil(factor), luma: self.luma };
        Reduced { work, black: self.black }
    }
}

/// A range of cells or columns, `first..end`; empty when `first >= end`.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: usize,
    end: usize,
}

impl Span {
    const EMPTY: Span = Span { first: usize::MAX, end: 0 };

    /// Grows to cover `first..end` as well.
    fn cover(&mut self, first: usize, end: usize) {
        (self.first, self.end) = (self.first.min(first), self.end.max(end));
    }
}

/// The mean grey level of a cell of `pixels` pixels of which `white` are white.
fn level(white: u32, pixels: u32) -> u8 {
    ((white * 255 + pixels / 2) / pixels) as u8
}

/// Rows added to byte-lane counters before they are summed: a lane then holds at most this many, and
/// the eight lanes of a counter at most 8 × 31 = 248, so that one multiplication sums them.
const LANE_ROWS: usize = 31;

/// Each 0 bit of a byte (the first pixel the highest bit) as a 1 in its byte lane (the first pixel
/// the lowest lane).
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut byte = 0;
    while byte < 256 {
        let mut pixel = 0;
        while pixel < 8 {
            if byte & (0x80 >> pixel) == 0 {
                table[byte] |= 1 << (8 * pixel);
            }
            pixel += 1;
        }
        byte += 1;
    }
    table
};

/// Adds the 0 bits of one packed row to the byte-lane counters of its columns; the columns that held
/// some (to the word), if any. Built for each instruction set and picked at run time.
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn add_row(row: &[u8], counters: &mut [u64]) -> Option<(usize, usize)> {
    let mut words = row.chunks_exact(8);
    let mut column = 0;
    let (mut first, mut end) = (usize::MAX, 0);
    for word in &mut words {
        if u64::from_ne_bytes(word.try_into().expect("eight bytes")) != u64::MAX {
            for (counter, &byte) in counters[column..column + 8].iter_mut().zip(word) {
                *counter += SPREAD[usize::from(byte)];
            }
            (first, end) = (first.min(column), column + 8);
        }
        column += 8;
    }
    let rest = words.remainder();
    if rest.iter().any(|&byte| byte != 0xFF) {
        for (counter, &byte) in counters[column..].iter_mut().zip(rest) {
            *counter += SPREAD[usize::from(byte)];
        }
        (first, end) = (first.min(column), column + rest.len());
    }
    (first < end).then_some((first, end))
}

/// For each byte of a packed row, the work cells its pixels fall in and the mask of its byte lanes in
/// each; pixels past the row's width (padding) are in none.
#[derive(Debug)]
struct ByteCells {
    spans: Vec<std::ops::Range<usize>>,
    masks: Vec<(u32, u64)>,
}

impl ByteCells {
    fn new(width: usize, stride: usize, factor: usize) -> Self {
        let (mut spans, mut masks) = (Vec::with_capacity(stride), Vec::new());
        for byte in 0..stride {
            let start = masks.len();
            let (first, end) = (byte * 8, (byte * 8 + 8).min(width));
            let mut x = first;
            while x < end {
                let cell = x / factor;
                let to = ((cell + 1) * factor).min(end);
                let lanes = (x - first..to - first).fold(0u64, |mask, lane| mask | 0xFF << (8 * lane));
                masks.push((cell as u32, lanes));
                x = to;
            }
            spans.push(start..masks.len());
        }
        Self { spans, masks }
    }

    /// Adds the lanes of `counters` (those of columns `first..`) to the cells they fall in and clears
    /// them.
    fn flush(&self, first: usize, counters: &mut [u64], cells: &mut [u32]) {
        for (counter, span) in counters.iter_mut().zip(&self.spans[first..]) {
            if *counter == 0 {
                continue;
            }
            for &(cell, lanes) in &self.masks[span.clone()] {
                cells[cell as usize] += lane_sum(*counter & lanes);
            }
            *counter = 0;
        }
    }
}

/// Counters of the leading whole words of packed rows (eight bytes, 64 pixels) when cells are
/// `factor` = 1, 2, 4 or 8 pixels wide, so that a byte holds `8 / factor` whole cells: per word and
/// per cell of a byte (the first pixels first), a `u64` whose byte lanes count the 0 bits of that cell
/// in each of the word's eight bytes. A row adds to a lane at most `factor` ≤ 8, so lanes hold the
/// [`LANE_ROWS`] rows between flushes.
#[derive(Debug)]
struct Groups {
    factor: usize,
    sums: Vec<u64>,
}

impl Groups {
    fn new(width: usize, factor: usize) -> Option<Self> {
        let words = width / 64;
        (8 % factor == 0 && words > 0).then(|| Self { factor, sums: vec![0; words * (8 / factor)] })
    }

    /// The bytes of a row these counters take.
    fn bytes(&self) -> usize {
        self.sums.len() / (8 / self.factor) * 8
    }

    /// Adds the 0 bits of a row's leading whole words (`self.bytes()` bytes); the columns of bytes
    /// that held some (to the word), if any.
    fn add(&mut self, row: &[u8]) -> Option<(usize, usize)> {
        match self.factor {
            1 => add_groups::<1>(row, &mut self.sums),
            2 => add_groups::<2>(row, &mut self.sums),
            4 => add_groups::<4>(row, &mut self.sums),
            _ => add_groups::<8>(row, &mut self.sums),
        }
    }

    /// Adds the counts of columns of bytes `first..end` (whole words) to their cells and clears them.
    fn flush(&mut self, first: usize, end: usize, cells: &mut [u32]) {
        match self.factor {
            1 => flush_groups::<64>(first, end, &mut self.sums, cells),
            2 => flush_groups::<32>(first, end, &mut self.sums, cells),
            4 => flush_groups::<16>(first, end, &mut self.sums, cells),
            _ => flush_groups::<8>(first, end, &mut self.sums, cells),
        }
    }
}

/// [`Groups::flush`] with `CELLS` cells to a word: each word's counts put in the order of its cells,
/// then added to them (a loop the compiler vectorises).
fn flush_groups<const CELLS: usize>(first: usize, end: usize, sums: &mut [u64], cells: &mut [u32]) {
    let per_byte = CELLS / 8;
    let (first, end) = (first / 8, end.div_ceil(8));
    let words = sums[first * per_byte..end * per_byte].chunks_exact_mut(per_byte);
    let cells = cells[first * CELLS..].chunks_exact_mut(CELLS);
    for (sums, cells) in words.zip(cells) {
        if sums.iter().all(|&sum| sum == 0) {
            continue;
        }
        let mut counts = [0u8; CELLS];
        for (m, sum) in sums.iter_mut().enumerate() {
            for (k, lane) in sum.to_le_bytes().into_iter().enumerate() {
                counts[k * per_byte + m] = lane;
            }
            *sum = 0;
        }
        for (cell, count) in cells.iter_mut().zip(counts) {
            *cell += u32::from(count);
        }
    }
}

/// [`Groups::add`] for cells `FACTOR` pixels wide: the words from the first to the last holding a 0
/// bit, each one's 0 bits counted in groups of `FACTOR` bits by halving sums within the bytes, then
/// each cell's counts added to its lanes (a loop without branches, which the compiler vectorises).
/// Built for each instruction set and picked at run time.
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn add_groups<const FACTOR: usize>(row: &[u8], sums: &mut [u64]) -> Option<(usize, usize)> {
    let per_byte = 8 / FACTOR;
    let lanes = 0x0101_0101_0101_0101u64 * ((1u64 << FACTOR) - 1);
    let words = row.chunks_exact(8).map(|word| u64::from_le_bytes(word.try_into().expect("eight bytes")));
    // A white row, the most common, is told in one pass without a branch per word.
    if words.clone().fold(u64::MAX, |all, word| all & word) == u64::MAX {
        return None;
    }
    // Both found: the row has ink.
    let first = words.clone().position(|word| word != u64::MAX)?;
    let end = words.len() - words.clone().rev().position(|word| word != u64::MAX)?;
    let sums = sums[first * per_byte..end * per_byte].chunks_exact_mut(per_byte);
    for (word, sums) in words.skip(first).zip(sums) {
        let mut counts = !word;
        if FACTOR >= 2 {
            counts -= (counts >> 1) & 0x5555_5555_5555_5555;
        }
        if FACTOR >= 4 {
            counts = (counts & 0x3333_3333_3333_3333) + ((counts >> 2) & 0x3333_3333_3333_3333);
        }
        if FACTOR == 8 {
            counts = (counts + (counts >> 4)) & 0x0F0F_0F0F_0F0F_0F0F;
        }
        for (m, sum) in sums.iter_mut().enumerate() {
            *sum += (counts >> (FACTOR * (per_byte - 1 - m))) & lanes;
        }
    }
    Some((first * 8, end * 8))
}

/// The sum of the eight byte lanes of `lanes`, when it is below 256.
fn lane_sum(lanes: u64) -> u32 {
    (lanes.wrapping_mul(0x0101_0101_0101_0101) >> 56) as u32
}

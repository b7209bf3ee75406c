//! The work image: a page downscaled to square blocks of pixels, each cell the blocks' mean grey level,
//! on which every measure of the page is taken.

/// Longest side of the work image: pages are measured on blocks of `factor × factor` pixels.
pub const WORK_MAX_SIDE: usize = 800;

/// The downscaled page: each cell the mean grey level of a square block of pixels.
#[derive(Debug, Clone)]
pub struct Work {
    pub width: usize,
    pub height: usize,
    pub luma: Vec<u8>,
}

/// Size of the work image's blocks for a `width × height` raster.
pub fn work_factor(width: usize, height: usize) -> usize {
    width.max(height).div_ceil(WORK_MAX_SIDE).max(1)
}

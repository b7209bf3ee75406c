//! Page thumbnails: the work image averaged down to a given longest side and written as an 8-bit grey
//! PNG, small enough to embed in a report.

use crate::work::Work;

/// The PNG bytes, width and height of a thumbnail of `work` whose longest side is at most `max_side`
/// pixels; empty with size 0 when `max_side` is 0.
pub fn png(work: &Work, max_side: u32) -> (Vec<u8>, u32, u32) {
    if max_side == 0 || work.width == 0 || work.height == 0 {
        return (Vec::new(), 0, 0);
    }
    let factor = work.width.max(work.height).div_ceil(max_side as usize).max(1);
    let (width, height) = (work.width.div_ceil(factor), work.height.div_ceil(factor));
    let mut pixels = Vec::with_capacity(width * height);
    for ty in 0..height {
        for tx in 0..width {
            let (mut sum, mut count) = (0u32, 0u32);
            for y in ty * factor..((ty + 1) * factor).min(work.height) {
                let row = &work.luma[y * work.width..(y + 1) * work.width];
                for &level in &row[tx * factor..((tx + 1) * factor).min(work.width)] {
                    sum += u32::from(level);
                    count += 1;
                }
            }
            pixels.push((sum / count.max(1)) as u8);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width as u32, height as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Balanced);
    let written = encoder.write_header().and_then(|mut writer| writer.write_image_data(&pixels));
    match written {
        Ok(()) => (out, width as u32, height as u32),
        Err(_) => (Vec::new(), 0, 0),
    }
}

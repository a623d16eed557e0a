//! Many small images (filters, feature maps, digits) tiled into one RGBA pixel buffer, which the
//! page puts on a canvas in one call: thousands of cells without thousands of DOM nodes.

use super::views::viridis_rgb;

/// How values become colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// Each tile stretched from its own minimum to its maximum, viridis (feature maps).
    PerTile,
    /// Symmetric around 0 over all tiles: blue negative, white 0, red positive (weights).
    Diverging,
    /// 0 black to 1 white, clamped (MNIST digits: white ink on black).
    Gray,
}

/// An RGBA image, row-major, 4 bytes a pixel.
#[derive(Clone, Debug, PartialEq)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pub rgba: Vec<u8>,
}

/// The background between tiles.
const GAP_COLOUR: [u8; 3] = [255, 255, 255];

/// Tiles `tiles` (each `h`×`w` values, row-major) in rows of `cols`, `gap` pixels apart.
/// A tile with fewer than h·w values is padded with NaN, which is drawn grey.
pub fn tile(tiles: &[&[f32]], h: usize, w: usize, cols: usize, gap: usize, scale: Scale) -> Raster {
    let cols = cols.clamp(1, tiles.len().max(1));
    let rows = tiles.len().div_ceil(cols);
    let width = cols * w + cols.saturating_sub(1) * gap;
    let height = rows * h + rows.saturating_sub(1) * gap;
    let mut rgba = Vec::with_capacity(width * height * 4);
    for _ in 0..width * height {
        rgba.extend_from_slice(&[GAP_COLOUR[0], GAP_COLOUR[1], GAP_COLOUR[2], 255]);
    }
    let global = tiles
        .iter()
        .flat_map(|t| t.iter())
        .filter(|v| v.is_finite())
        .fold(0.0f32, |m, v| m.max(v.abs()));
    for (k, t) in tiles.iter().enumerate() {
        let (x0, y0) = ((k % cols) * (w + gap), (k / cols) * (h + gap));
        let (lo, hi) = t
            .iter()
            .filter(|v| v.is_finite())
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        for y in 0..h {
            for x in 0..w {
                let v = t.get(y * w + x).copied().unwrap_or(f32::NAN);
                let rgb = colour_of(v, scale, lo, hi, global);
                let at = ((y0 + y) * width + x0 + x) * 4;
                rgba[at..at + 3].copy_from_slice(&rgb);
            }
        }
    }
    Raster {
        width,
        height,
        rgba,
    }
}

fn colour_of(v: f32, scale: Scale, lo: f32, hi: f32, global: f32) -> [u8; 3] {
    if !v.is_finite() {
        return [0x88; 3];
    }
    match scale {
        Scale::PerTile => {
            let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.0 };
            viridis_rgb(f64::from(t))
        }
        Scale::Gray => {
            let g = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
            [g; 3]
        }
        Scale::Diverging => {
            let t = if global > 0.0 { v / global } else { 0.0 };
            let fade = ((1.0 - t.abs()) * 255.0).round() as u8;
            if t >= 0.0 {
                [255, fade, fade]
            } else {
                [fade, fade, 255]
            }
        }
    }
}

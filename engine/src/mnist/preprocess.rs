//! A drawn digit made to look like an MNIST digit, the way MNIST's own were made: crop to the
//! ink, scale the longer side to 20 px keeping the aspect ratio (box-filter averaging, so thin
//! strokes keep their weight), then paste into 28×28 so the ink's centre of mass lies at the
//! centre. A network trained on MNIST only knows digits framed like this.

use super::asset::{PIXELS, SIDE};
use crate::i18n::Text;

/// Side of the box the digit is scaled into.
pub const BOX: usize = 20;
/// Pixels at or below this intensity are background (antialiasing haze on a canvas).
pub const INK: f32 = 0.05;

#[derive(Clone, Debug, PartialEq)]
pub enum PreprocessError {
    /// Width × height does not match the number of values (or is zero).
    Size {
        width: usize,
        height: usize,
        len: usize,
    },
    /// A value outside [0, 1] or not a number.
    Value { index: usize },
    /// Nothing is drawn.
    NoInk,
}

impl PreprocessError {
    pub fn text(&self) -> Text {
        match self {
            PreprocessError::NoInk => Text::new(
                "画布是空的：先写一个数字",
                "The canvas is empty: draw a digit first",
            ),
            _ => Text::new("画布图像无效", "The canvas image is not valid"),
        }
    }
}

impl std::fmt::Display for PreprocessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PreprocessError::Size { width, height, len } => {
                write!(f, "{width}×{height} image but {len} values")
            }
            PreprocessError::Value { index } => write!(f, "value {index} is not in [0, 1]"),
            PreprocessError::NoInk => write!(f, "no ink above {INK}"),
        }
    }
}

impl std::error::Error for PreprocessError {}

/// `ink`: row-major grayscale, 0 = background, 1 = full ink. Returns 28×28 row-major in [0, 1].
pub fn to_mnist(ink: &[f32], width: usize, height: usize) -> Result<Vec<f32>, PreprocessError> {
    if width == 0 || height == 0 || width.checked_mul(height) != Some(ink.len()) {
        return Err(PreprocessError::Size {
            width,
            height,
            len: ink.len(),
        });
    }
    if let Some(index) = ink.iter().position(|v| !(0.0..=1.0).contains(v)) {
        return Err(PreprocessError::Value { index });
    }
    let (x0, y0, x1, y1) = bounding_box(ink, width).ok_or(PreprocessError::NoInk)?;
    let (w, h) = (x1 - x0, y1 - y0);
    let crop = |x: usize, y: usize| ink[(y0 + y) * width + x0 + x];
    let boxed = box_scale(&crop, w, h);
    Ok(centre(&boxed))
}

/// Smallest rectangle [x0, x1) × [y0, y1) holding every value above [`INK`].
fn bounding_box(ink: &[f32], width: usize) -> Option<(usize, usize, usize, usize)> {
    let mut b: Option<(usize, usize, usize, usize)> = None;
    for (i, &v) in ink.iter().enumerate() {
        if v > INK {
            let (x, y) = (i % width, i / width);
            b = Some(match b {
                None => (x, y, x + 1, y + 1),
                Some((a, c, d, e)) => (a.min(x), c.min(y), d.max(x + 1), e.max(y + 1)),
            });
        }
    }
    b
}

/// Scales a w×h image so its longer side is [`BOX`]: each output pixel is the mean of the
/// source area it covers (exact overlap areas), so ink mass per area is kept.
fn box_scale(src: &dyn Fn(usize, usize) -> f32, w: usize, h: usize) -> Image {
    let s = w.max(h) as f64 / BOX as f64; // source pixels per output pixel
    let tw = ((w as f64 / s).round() as usize).clamp(1, BOX);
    let th = ((h as f64 / s).round() as usize).clamp(1, BOX);
    let mut out = vec![0.0f64; tw * th];
    for ty in 0..th {
        let (sy0, sy1) = (ty as f64 * s, (ty + 1) as f64 * s);
        for tx in 0..tw {
            let (sx0, sx1) = (tx as f64 * s, (tx + 1) as f64 * s);
            let mut sum = 0.0;
            for y in sy0.floor() as usize..(sy1.ceil() as usize).min(h) {
                let oy = (sy1.min(y as f64 + 1.0) - sy0.max(y as f64)).max(0.0);
                for x in sx0.floor() as usize..(sx1.ceil() as usize).min(w) {
                    let ox = (sx1.min(x as f64 + 1.0) - sx0.max(x as f64)).max(0.0);
                    sum += ox * oy * f64::from(src(x, y));
                }
            }
            out[ty * tw + tx] = sum / (s * s);
        }
    }
    Image {
        w: tw,
        h: th,
        v: out,
    }
}

struct Image {
    w: usize,
    h: usize,
    v: Vec<f64>,
}

/// Centre of mass (x, y) in pixel-index coordinates; `None` for an image with no mass.
pub fn centre_of_mass(v: &[f64], w: usize) -> Option<(f64, f64)> {
    let (mut m, mut mx, mut my) = (0.0, 0.0, 0.0);
    for (i, &p) in v.iter().enumerate() {
        m += p;
        mx += p * (i % w) as f64;
        my += p * (i / w) as f64;
    }
    (m > 0.0).then(|| (mx / m, my / m))
}

/// Pastes `img` into 28×28, shifted by whole pixels so its centre of mass lands nearest to the
/// field's centre (13.5, 13.5); ink shifted outside the field is dropped.
fn centre(img: &Image) -> Vec<f32> {
    let mid = (SIDE as f64 - 1.0) / 2.0;
    let (cx, cy) =
        centre_of_mass(&img.v, img.w).unwrap_or((img.w as f64 / 2.0, img.h as f64 / 2.0));
    let (dx, dy) = ((mid - cx).round() as i64, (mid - cy).round() as i64);
    let mut out = vec![0.0f32; PIXELS];
    for y in 0..img.h {
        for x in 0..img.w {
            let (px, py) = (x as i64 + dx, y as i64 + dy);
            if (0..SIDE as i64).contains(&px) && (0..SIDE as i64).contains(&py) {
                out[py as usize * SIDE + px as usize] = img.v[y * img.w + x].clamp(0.0, 1.0) as f32;
            }
        }
    }
    out
}

//! One colour per class, and the colour of a point of the plane from the class probabilities
//! there: the classes' colours mixed by probability, paler where the network is unsure. Classes
//! 0 and 1 keep TF Playground's orange and blue; 2–4 are Okabe–Ito's green, pink and a violet,
//! chosen to stay apart with common colour-vision deficiencies.

pub const CLASS_COLOURS: [(u8, u8, u8); 5] = [
    (245, 147, 34),
    (8, 119, 189),
    (0, 158, 115),
    (204, 121, 167),
    (110, 80, 160),
];

/// `probs` (one per class, summing to 1): Σ pᵢ·colourᵢ, mixed with white by how sure the
/// network is, from white-ish at a uniform guess (1/k each) to the full colour at certainty.
pub fn blend(probs: &[f64]) -> (u8, u8, u8) {
    let k = probs.len().clamp(1, CLASS_COLOURS.len());
    if probs.iter().any(|p| !p.is_finite()) {
        return (136, 136, 136);
    }
    let mut mix = [0.0f64; 3];
    for (p, c) in probs.iter().zip(CLASS_COLOURS).take(k) {
        mix[0] += p * f64::from(c.0);
        mix[1] += p * f64::from(c.1);
        mix[2] += p * f64::from(c.2);
    }
    let top = probs.iter().copied().fold(0.0, f64::max);
    let floor = 1.0 / k as f64;
    let sure = if k > 1 {
        ((top - floor) / (1.0 - floor)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let t = 0.15 + 0.85 * sure;
    let channel = |m: f64| (255.0 + (m - 255.0) * t).round().clamp(0.0, 255.0) as u8;
    (channel(mix[0]), channel(mix[1]), channel(mix[2]))
}

/// `#rrggbb`.
pub fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

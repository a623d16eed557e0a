//! Seeded 2-D data sets like TensorFlow Playground's, in [-6, 6]²: the same seed gives the same
//! points on every machine and in every browser.

use crate::lessons::xor::rng::SplitMix64;

/// Half the side of the square the points live in (TF Playground's domain).
pub const RADIUS: f64 = 6.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatasetKind {
    Circle,
    Xor,
    Gauss,
    Spiral,
    /// Regression: the target is a plane over the square.
    Plane,
}

impl DatasetKind {
    pub const ALL: [DatasetKind; 5] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gauss,
        DatasetKind::Spiral,
        DatasetKind::Plane,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DatasetKind::Circle => "circle",
            DatasetKind::Xor => "xor",
            DatasetKind::Gauss => "gauss",
            DatasetKind::Spiral => "spiral",
            DatasetKind::Plane => "plane",
        }
    }

    pub fn from_name(name: &str) -> Option<DatasetKind> {
        DatasetKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// True for the regression set (linear output, MSE); the others are 0/1 classification.
    pub fn is_regression(self) -> bool {
        self == DatasetKind::Plane
    }
}

/// One sample: a position and its label (0 or 1) or regression target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub label: f64,
}

/// The regression set's target: a plane from −1 at (−6, −6) to 1 at (6, 6).
pub fn plane_target(x: f64, y: f64) -> f64 {
    (x + y) / (2.0 * RADIUS)
}

fn clamp(v: f64) -> f64 {
    v.clamp(-RADIUS, RADIUS)
}

/// Standard normal by Box–Muller (1 − u keeps the logarithm's argument in (0, 1]).
fn normal(rng: &mut SplitMix64) -> f64 {
    let u = 1.0 - rng.uniform(0.0, 1.0);
    let v = rng.uniform(0.0, 1.0);
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// `n` points of `kind`; `noise` in [0, 0.5] moves each point (the label stays the clean
/// point's, so noise makes the classes overlap). Half the points have each label.
pub fn generate(kind: DatasetKind, n: usize, noise: f64, seed: u64) -> Vec<Point> {
    let mut rng = SplitMix64::new(seed);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let label = (i % 2) as f64;
        let p = match kind {
            DatasetKind::Circle => circle(&mut rng, label, noise),
            DatasetKind::Xor => xor(&mut rng, label, noise),
            DatasetKind::Gauss => gauss(&mut rng, label, noise),
            DatasetKind::Spiral => spiral(&mut rng, i / 2, n.div_ceil(2), label, noise),
            DatasetKind::Plane => plane(&mut rng, noise),
        };
        out.push(Point {
            x: clamp(p.x),
            y: clamp(p.y),
            label: p.label,
        });
    }
    out
}

/// Positive points inside radius 2.5, negative in the ring 3.5–5.
fn circle(rng: &mut SplitMix64, label: f64, noise: f64) -> Point {
    let r = if label == 1.0 {
        rng.uniform(0.0, 2.5)
    } else {
        rng.uniform(3.5, 5.0)
    };
    let t = rng.uniform(0.0, std::f64::consts::TAU);
    let (nx, ny) = (
        rng.uniform(-RADIUS, RADIUS) * noise,
        rng.uniform(-RADIUS, RADIUS) * noise,
    );
    Point {
        x: r * t.cos() + nx,
        y: r * t.sin() + ny,
        label,
    }
}

/// Quadrants, kept 0.3 away from the axes; label 1 where x·y > 0 (the sign pattern is
/// chosen from the label, so the classes stay balanced).
fn xor(rng: &mut SplitMix64, label: f64, noise: f64) -> Point {
    let pad = 0.3;
    let x = rng.uniform(pad, 5.0);
    let y = rng.uniform(pad, 5.0);
    let sx = if rng.next_u64() & 1 == 1 { -1.0 } else { 1.0 };
    let sy = if label == 1.0 { sx } else { -sx };
    Point {
        x: sx * x + rng.uniform(-RADIUS, RADIUS) * noise,
        y: sy * y + rng.uniform(-RADIUS, RADIUS) * noise,
        label,
    }
}

/// Two round clouds at (2, 2) (label 1) and (−2, −2); noise widens them (σ 0.5 → 4).
fn gauss(rng: &mut SplitMix64, label: f64, noise: f64) -> Point {
    let sd = 0.5 + 7.0 * noise;
    let c = if label == 1.0 { 2.0 } else { -2.0 };
    Point {
        x: c + sd * normal(rng),
        y: c + sd * normal(rng),
        label,
    }
}

/// Two interleaved arms: the `i`-th of `per_arm` points on the arm of `label`.
fn spiral(rng: &mut SplitMix64, i: usize, per_arm: usize, label: f64, noise: f64) -> Point {
    let f = i as f64 / per_arm.max(1) as f64;
    let r = 5.0 * f;
    let t = 1.75 * std::f64::consts::TAU * f + label * std::f64::consts::PI;
    Point {
        x: r * t.sin() + rng.uniform(-1.0, 1.0) * noise * RADIUS,
        y: r * t.cos() + rng.uniform(-1.0, 1.0) * noise * RADIUS,
        label,
    }
}

/// Uniform positions; the target is the plane at the clean position.
fn plane(rng: &mut SplitMix64, noise: f64) -> Point {
    let x = rng.uniform(-RADIUS, RADIUS);
    let y = rng.uniform(-RADIUS, RADIUS);
    Point {
        x: x + rng.uniform(-RADIUS, RADIUS) * noise,
        y: y + rng.uniform(-RADIUS, RADIUS) * noise,
        label: plane_target(x, y),
    }
}

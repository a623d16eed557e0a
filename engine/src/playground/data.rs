//! Seeded 2-D data sets like TensorFlow Playground's, in [-6, 6]²: the same seed gives the same
//! points on every machine and in every browser.

use crate::base::rng::SplitMix64;
use crate::i18n::Text;

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
    /// 2–5 round clouds, one per class, on a ring.
    Blobs,
    /// A spiral with one arm per class (2–5).
    Arms,
    /// The learner's own points, imported from CSV (no generator).
    Csv,
}

/// Most classes a data set may have (softmax outputs).
pub const MAX_CLASSES: usize = 5;

impl DatasetKind {
    /// Every generated kind (the imported [`DatasetKind::Csv`] has no generator).
    pub const ALL: [DatasetKind; 7] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gauss,
        DatasetKind::Spiral,
        DatasetKind::Plane,
        DatasetKind::Blobs,
        DatasetKind::Arms,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DatasetKind::Circle => "circle",
            DatasetKind::Xor => "xor",
            DatasetKind::Gauss => "gauss",
            DatasetKind::Spiral => "spiral",
            DatasetKind::Plane => "plane",
            DatasetKind::Blobs => "blobs",
            DatasetKind::Arms => "arms",
            DatasetKind::Csv => "csv",
        }
    }

    /// What the learner reads; [`DatasetKind::name`] is the link token.
    pub fn label(self) -> Text {
        match self {
            DatasetKind::Circle => Text::new("圆环", "circle"),
            DatasetKind::Xor => Text::new("异或", "XOR"),
            DatasetKind::Gauss => Text::new("两团高斯", "Gaussian"),
            DatasetKind::Spiral => Text::new("螺旋", "spiral"),
            DatasetKind::Plane => Text::new("平面", "plane"),
            DatasetKind::Blobs => Text::new("团簇", "blobs"),
            DatasetKind::Arms => Text::new("旋臂", "arms"),
            DatasetKind::Csv => Text::new("导入的 CSV", "imported CSV"),
        }
    }

    pub fn from_name(name: &str) -> Option<DatasetKind> {
        DatasetKind::ALL
            .into_iter()
            .chain([DatasetKind::Csv])
            .find(|k| k.name() == name)
    }

    /// True for the sets whose number of classes the learner picks.
    pub fn has_class_choice(self) -> bool {
        matches!(self, DatasetKind::Blobs | DatasetKind::Arms)
    }

    /// True for the regression set (linear output, MSE); the others are 0/1 classification.
    pub fn is_regression(self) -> bool {
        self == DatasetKind::Plane
    }
}

/// One sample: a position and its class (0, 1, … k − 1) or regression target.
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
/// point's, so noise makes the classes overlap). Half the points have each label; the
/// multi-class sets have two classes here (see [`generate_classes`]).
pub fn generate(kind: DatasetKind, n: usize, noise: f64, seed: u64) -> Vec<Point> {
    generate_classes(kind, n, noise, seed, 2)
}

/// As [`generate`], with `classes` (2–5) classes for [`DatasetKind::Blobs`] and
/// [`DatasetKind::Arms`]: point i has class i mod k, so the classes are balanced. The other
/// kinds have two classes whatever `classes` says; [`DatasetKind::Csv`] gives no points.
pub fn generate_classes(
    kind: DatasetKind,
    n: usize,
    noise: f64,
    seed: u64,
    classes: usize,
) -> Vec<Point> {
    let mut rng = SplitMix64::new(seed);
    let mut out = Vec::with_capacity(n);
    let k = classes.clamp(2, MAX_CLASSES);
    for i in 0..n {
        let label = (i % 2) as f64;
        let p = match kind {
            DatasetKind::Circle => circle(&mut rng, label, noise),
            DatasetKind::Xor => xor(&mut rng, label, noise),
            DatasetKind::Gauss => gauss(&mut rng, label, noise),
            DatasetKind::Spiral => spiral(&mut rng, i / 2, n.div_ceil(2), label, noise),
            DatasetKind::Plane => plane(&mut rng, noise),
            DatasetKind::Blobs => blob(&mut rng, i % k, k, noise),
            DatasetKind::Arms => arm(&mut rng, i / k, n.div_ceil(k), i % k, k, noise),
            DatasetKind::Csv => return vec![],
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

/// Class `c` of `k`: a round cloud (σ 0.6, noise widens it to 3.6) around a centre 3.5 from
/// the origin, the centres evenly spaced on the ring.
fn blob(rng: &mut SplitMix64, c: usize, k: usize, noise: f64) -> Point {
    let sd = 0.6 + 6.0 * noise;
    let t = std::f64::consts::TAU * c as f64 / k as f64 + std::f64::consts::FRAC_PI_4;
    Point {
        x: 3.5 * t.cos() + sd * normal(rng),
        y: 3.5 * t.sin() + sd * normal(rng),
        label: c as f64,
    }
}

/// The `i`-th of `per_arm` points on arm `c` of `k`: one and a quarter turns, the arms
/// rotated 1/k of a turn apart; like [`spiral`], noise moves points uniformly.
fn arm(rng: &mut SplitMix64, i: usize, per_arm: usize, c: usize, k: usize, noise: f64) -> Point {
    let f = i as f64 / per_arm.max(1) as f64;
    let r = 0.3 + 4.7 * f;
    let t = 1.25 * std::f64::consts::TAU * f + std::f64::consts::TAU * c as f64 / k as f64;
    Point {
        x: r * t.sin() + rng.uniform(-1.0, 1.0) * noise * RADIUS,
        y: r * t.cos() + rng.uniform(-1.0, 1.0) * noise * RADIUS,
        label: c as f64,
    }
}

/// True for a whole number 0 … k − 1.
pub fn is_class(label: f64, k: usize) -> bool {
    label.fract() == 0.0 && (0.0..k as f64).contains(&label)
}

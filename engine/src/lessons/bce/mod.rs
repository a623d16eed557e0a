//! Lesson `bce`: article 001 §4.3, binary cross-entropy of four predictions term by term, its
//! gradient, and gradient steps on the predictions' logits.

pub mod errata;
pub mod model;
pub mod setup;
pub mod walkthrough;

use self::model::{BceNumbers, compute};
pub use self::setup::{N, SETTINGS, article_values};
use crate::lessons::kit::prelude::*;
use burn::prelude::*;

pub const ID: &str = "bce";

pub const LESSON: LessonDef = lesson_def!(
    "001_5028b7b2186777f3.txt",
    formulas: article_formulas!("bce"),
    gradcheck: Some(CheckSpec {
        targets: check_targets,
        nudge: nudge_logit,
    }),
);

/// The gradient check moves the logits z, the lesson's parameters (the settings are the
/// predictions ŷ = σ(z), so σ′ is on the path the check tests).
fn check_targets(_: &Values, t: &LessonTrace) -> Vec<(String, f64)> {
    let grad = t
        .quantity("z")
        .and_then(|q| q.grad.as_ref())
        .map(|g| g.flat())
        .unwrap_or_default();
    grad.iter()
        .enumerate()
        .map(|(i, g)| (format!("z[{i}]"), *g))
        .collect()
}

/// z[i] + δ, written back as the prediction p[i] = σ(z[i] + δ).
fn nudge_logit(v: &mut Values, name: &str, delta: f64) {
    let Some(i) = name
        .strip_prefix("z[")
        .and_then(|r| r.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok())
    else {
        return;
    };
    let p = format!("p[{i}]");
    let z = model::logit(v.get(&p)) + delta;
    v.put(&p, 1.0 / (1.0 + (-z).exp()));
}

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    let label = |plain: &str, tex: &str| Formula::new().both(plain, tex);
    let quantities = vec![
        Quantity::input("y", label("y", "y"), Value::Vector(n.y.clone())),
        Quantity::param(
            "z",
            label("z", "z"),
            Value::Vector(n.z.clone()),
            Value::Vector(n.grad_z.clone()),
            Value::Vector(n.z_next.clone()),
        ),
        Quantity {
            name: "p".into(),
            label: label("ŷ", r"\hat{y}"),
            role: Role::Node,
            value: Value::Vector(n.p.clone()),
            grad: Some(Value::Vector(n.grad_p.clone())),
            updated: Some(Value::Vector(n.p_next.clone())),
        },
        Quantity {
            name: "terms".into(),
            label: label("ℓ", r"\ell"),
            role: Role::Node,
            value: Value::Vector(n.terms.clone()),
            grad: None,
            updated: None,
        },
    ];
    let next = (0..N).map(|i| (format!("p[{i}]"), n.p_next[i])).collect();
    Ok(LessonTrace {
        loss: Some(n.loss),
        steps: walkthrough::steps(&n),
        quantities,
        metrics: vec![],
        views: vec![View::Plot(term_curves(&n)), View::Table(term_table(&n))],
        next,
        graph: Some(n.graph.clone()),
    })
}

/// One term's loss as a function of its prediction: ℓ(ŷ; y) = −[y ln ŷ + (1 − y) ln(1 − ŷ)].
pub fn term_loss(p: f64, y: f64) -> f64 {
    -(y * p.ln() + (1.0 - y) * (1.0 - p).ln())
}

const CURVE_COLOURS: [&str; 4] = ["#2563eb", "#ea580c", "#16a34a", "#9333ea"];

/// The picture: each label's loss curve over ŷ, each sample's term on its curve, and the
/// curve's slope there, ∂ℓᵢ/∂ŷᵢ = n·∂L/∂ŷᵢ from the model's gradient (L is the mean of the
/// terms), drawn as a tangent.
fn term_curves(n: &BceNumbers) -> Plot {
    // One curve per distinct label (0 and 1 in the article; a soft label gets its own).
    let mut labels: Vec<f64> = Vec::new();
    for &y in &n.y {
        if !labels.iter().any(|l| (l - y).abs() < 1e-9) {
            labels.push(y);
        }
    }
    let colour = |y: f64| {
        let k = labels
            .iter()
            .position(|l| (l - y).abs() < 1e-9)
            .unwrap_or(0);
        CURVE_COLOURS[k % CURVE_COLOURS.len()]
    };
    let highest = n
        .terms
        .iter()
        .copied()
        .filter(|t| t.is_finite())
        .fold(0.0, f64::max);
    let curves = labels
        .iter()
        .map(|&y| PlotCurve {
            label: format!("y = {}", shown(y)),
            colour: colour(y),
            points: (1..200)
                .map(|k| {
                    let p = k as f64 / 200.0;
                    (p, term_loss(p, y))
                })
                .collect(),
        })
        .collect();
    let marks = (0..N)
        .map(|i| PlotMark {
            label: (i + 1).to_string(),
            colour: colour(n.y[i]),
            x: n.p[i],
            y: n.terms[i],
            slope: Some(N as f64 * n.grad_p[i]),
        })
        .collect();
    Plot {
        id: "term-curves",
        title: Text::new(
            "每一项 ℓᵢ 落在它的标签的损失曲线上；虚线的斜率是 ∂ℓᵢ/∂ŷᵢ",
            "Each term ℓᵢ on its label's loss curve; the dashed slope is ∂ℓᵢ/∂ŷᵢ",
        ),
        x_label: "ŷ".into(),
        y_label: "ℓ".into(),
        x_range: (0.0, 1.0),
        y_range: (0.0, (1.15 * highest).ceil().max(3.0)),
        curves,
        marks,
    }
}

/// The per-term breakdown: each sample's label, prediction, loss term and gradients.
fn term_table(n: &BceNumbers) -> Table {
    let f = shown;
    Table {
        id: "terms",
        title: Text::new("逐项分解", "Term by term"),
        columns: vec![
            Text::new("i", "i"),
            Text::new("yᵢ", "yᵢ"),
            Text::new("ŷᵢ", "ŷᵢ"),
            Text::new("ℓᵢ", "ℓᵢ"),
            Text::new("∂L/∂ŷᵢ", "∂L/∂ŷᵢ"),
            Text::new("∂L/∂zᵢ", "∂L/∂zᵢ"),
        ],
        rows: (0..N)
            .map(|i| {
                vec![
                    (i + 1).to_string(),
                    f(n.y[i]),
                    f(n.p[i]),
                    f(n.terms[i]),
                    f(n.grad_p[i]),
                    f(n.grad_z[i]),
                ]
            })
            .collect(),
    }
}

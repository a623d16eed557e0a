//! The computation with burn: ŷ = softmax(z), terms ℓₖ = −yₖ ln ŷₖ, L = Σ ℓₖ, backward, one
//! gradient step on the logits, and the loss surface over (z₁, z₂), all read back at once.

use burn::prelude::*;
use burn::tensor::activation::{log_softmax, softmax};

use super::{K, walkthrough};
use crate::autograph::{Graph, Tape};
use crate::base::readback::{Readback, tensor};
use crate::base::views::{Surface, SurfacePath, Table, View};
use crate::i18n::Text;
use crate::lessons::kit::breaks::Break;
use crate::lessons::kit::{LessonTrace, Quantity, Role, TraceError, Values};
use crate::math::Formula;
use crate::model::value::Value;
use crate::state::number::format_number;

/// The surface spans z₁, z₂ ∈ [−SPAN, SPAN] on a GRID × GRID lattice.
pub const SPAN: f64 = 8.0;
pub const GRID: usize = 25;

/// Every number of the lesson, read back from burn in one transaction.
pub struct SoftmaxNumbers {
    pub y: Vec<f64>,
    pub z: Vec<f64>,
    pub exp_z: Vec<f64>,
    pub p: Vec<f64>,
    pub terms: Vec<f64>,
    pub loss: f64,
    pub grad_p: Vec<f64>,
    pub grad_z: Vec<f64>,
    pub z_next: Vec<f64>,
    pub p_next: Vec<f64>,
    pub lr: f64,
    /// `surface[row][col]`: the loss at z₁ = grid(col), z₂ = grid(row).
    pub surface: Vec<Vec<f64>>,
    /// The forward pass as it ran.
    pub graph: Graph,
}

/// The `i`-th lattice coordinate of the surface.
pub fn grid(i: usize) -> f64 {
    -SPAN + 2.0 * SPAN * i as f64 / (GRID - 1) as f64
}

pub async fn compute(v: &Values, device: &Device) -> Result<SoftmaxNumbers, TraceError> {
    let ad = device.clone().autodiff();
    let y_in = v.vector("y", K);
    let z_in = v.vector("z", K);
    let lr = v.get("lr");

    // The forward pass runs through a tape: it keeps ŷ's gradient and records the graph.
    let mut tape = Tape::new();
    let y = tape.input("y", tensor(&y_in, [K], &ad));
    let z = tape.param("z", tensor(&z_in, [K], &ad).require_grad());
    let p = tape.softmax(&z);
    tape.name(&p, "ŷ");
    let log_p = tape.log(&p);
    let y_log_p = tape.mul(&y, &log_p);
    let terms = tape.neg(&y_log_p);
    tape.name(&terms, "ℓ");
    let loss = tape.sum(&terms);
    tape.name(&loss, "L");
    let grads = tape.loss(&loss, Break::of(v)).tensor().backward();
    let (p, terms, loss, z) = (p.tensor(), terms.tensor(), loss.tensor(), z.tensor());
    let grad_z = z.grad(&grads).unwrap_or_else(|| Tensor::zeros([K], &ad));
    let mut rb = Readback::new();
    let graph = tape.read_into(&grads, &mut rb);
    // The gradient step, outside the graph: z ← z − α·∂L/∂z.
    let z_plain = z.without_autodiff();
    let grad_z = grad_z.without_autodiff();
    let z_next = z_plain.clone() - grad_z.clone().mul_scalar(lr as f32);
    let p_next = softmax(z_next.clone(), 0);

    let first = rb.add(z_plain.clone().exp());
    rb.add(p);
    rb.add(terms);
    rb.add(loss);
    rb.add(grad_z);
    rb.add(z_next);
    rb.add(p_next);
    rb.add(z_plain);
    rb.add(surface_losses(&y_in, device));
    let r = rb.read().await?;
    let graph = graph.resolve(&r);
    let r = &r[first..];
    let grad_p = graph
        .node("ŷ")
        .and_then(|n| n.grad.clone())
        .unwrap_or_else(|| vec![0.0; K]);
    Ok(SoftmaxNumbers {
        y: y_in,
        exp_z: r[0].clone(),
        p: r[1].clone(),
        terms: r[2].clone(),
        loss: r[3][0],
        grad_p,
        grad_z: r[4].clone(),
        z_next: r[5].clone(),
        p_next: r[6].clone(),
        z: r[7].clone(),
        lr,
        surface: r[8].chunks(GRID).map(<[f64]>::to_vec).collect(),
        graph,
    })
}

/// The loss at every lattice point, row-major from (−SPAN, −SPAN); log-softmax keeps the far
/// corners finite.
fn surface_losses(y: &[f64], device: &Device) -> Tensor<1> {
    let mut points = Vec::with_capacity(GRID * GRID * K);
    for row in 0..GRID {
        for col in 0..GRID {
            points.extend([grid(col), grid(row)]);
        }
    }
    let z = tensor(&points, [GRID * GRID, K], device);
    let y = tensor(y, [1, K], device);
    (log_softmax(z, 1) * y)
        .sum_dim(1)
        .neg()
        .reshape([GRID * GRID])
}

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    let label = |plain: &str, tex: &str| Formula::new().both(plain, tex);
    let quantity = |name: &str, label, role, value: &[f64]| Quantity {
        name: name.into(),
        label,
        role,
        value: Value::Vector(value.to_vec()),
        grad: None,
        updated: None,
    };
    let quantities = vec![
        quantity("y", label("y", "y"), Role::Input, &n.y),
        Quantity {
            grad: Some(Value::Vector(n.grad_z.clone())),
            updated: Some(Value::Vector(n.z_next.clone())),
            ..quantity("z", label("z", "z"), Role::Param, &n.z)
        },
        quantity("exp", label("eᶻ", "e^{z}"), Role::Node, &n.exp_z),
        Quantity {
            grad: Some(Value::Vector(n.grad_p.clone())),
            updated: Some(Value::Vector(n.p_next.clone())),
            ..quantity("p", label("ŷ", r"\hat{y}"), Role::Node, &n.p)
        },
        quantity("terms", label("ℓ", r"\ell"), Role::Node, &n.terms),
    ];
    let next = (0..K).map(|k| (format!("z[{k}]"), n.z_next[k])).collect();
    Ok(LessonTrace {
        loss: Some(n.loss),
        steps: walkthrough::steps(&n),
        quantities,
        metrics: vec![],
        views: vec![View::Table(term_table(&n)), View::Surface(surface(&n))],
        next,
        graph: Some(n.graph.clone()),
    })
}

/// The per-class breakdown: logit, e^z, probability, label, loss term and gradient.
fn term_table(n: &SoftmaxNumbers) -> Table {
    let f = |v: f64| format_number(v, walkthrough::DIGITS);
    let t = |s: &'static str| Text::new(s, s);
    Table {
        id: "terms",
        title: Text::new("逐类分解", "Class by class"),
        columns: vec![
            Text::new("类别", "Class"),
            t("zₖ"),
            t("e^zₖ"),
            t("ŷₖ = softmax(z)ₖ"),
            t("yₖ"),
            t("−yₖ ln ŷₖ"),
            t("∂L/∂zₖ"),
        ],
        rows: (0..K)
            .map(|k| {
                vec![
                    ["A", "B"][k].to_string(),
                    f(n.z[k]),
                    f(n.exp_z[k]),
                    f(n.p[k]),
                    f(n.y[k]),
                    f(n.terms[k]),
                    f(n.grad_z[k]),
                ]
            })
            .collect(),
    }
}

/// The loss over both logits: its valleys run along the diagonal, since adding the same number
/// to both logits changes no probability.
fn surface(n: &SoftmaxNumbers) -> Surface {
    Surface {
        id: "loss-surface",
        title: Text::new("损失随 (z₁, z₂) 的变化", "Loss over (z₁, z₂)"),
        x_label: "z₁".into(),
        y_label: "z₂".into(),
        x_range: (-SPAN, SPAN),
        y_range: (-SPAN, SPAN),
        z: n.surface.clone(),
        paths: vec![SurfacePath {
            label: "GD",
            x_name: "z[0]".into(),
            y_name: "z[1]".into(),
            colour: "#d62728",
        }],
        click_sets: Some(("z[0]".into(), "z[1]".into())),
    }
}

//! The computation with burn: ŷ = σ(z) with the logits z as parameters, terms
//! ℓᵢ = −[yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)], L = mean ℓ, backward, and one SGD step on z.

use burn::prelude::*;
use burn::tensor::activation::sigmoid;

use super::{N, walkthrough};
use crate::i18n::Text;
use crate::lessons::kit::readback::{Readback, tensor};
use crate::lessons::kit::views::{Table, View};
use crate::lessons::kit::{LessonTrace, Quantity, Role, TraceError, Values};
use crate::math::Formula;
use crate::model::value::Value;
use crate::state::number::format_number;

/// The logit whose sigmoid is `p`: the parameter a gradient step moves.
pub fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

/// Every number of the lesson, read back from burn in one transaction.
pub struct BceNumbers {
    pub y: Vec<f64>,
    pub p: Vec<f64>,
    pub z: Vec<f64>,
    pub terms: Vec<f64>,
    pub loss: f64,
    pub grad_p: Vec<f64>,
    pub grad_z: Vec<f64>,
    pub z_next: Vec<f64>,
    pub p_next: Vec<f64>,
    pub lr: f64,
}

pub async fn compute(v: &Values, device: &Device) -> Result<BceNumbers, TraceError> {
    let device = device.clone().autodiff();
    let y_in = v.vector("y", N);
    let p_in = v.vector("p", N);
    let lr = v.get("lr");
    let z0: Vec<f64> = p_in.iter().map(|&p| logit(p)).collect();

    let y = tensor(&y_in, [N], &device);
    let z = tensor(&z0, [N], &device).require_grad();
    let tap = Tensor::<1>::zeros([N], &device).require_grad();
    let p = sigmoid(z.clone()) + tap.clone();
    let one = Tensor::<1>::ones([N], &device);
    let terms = (y.clone() * p.clone().log() + (one.clone() - y) * (one - p.clone()).log()).neg();
    let loss = terms.clone().mean();
    let grads = loss.backward();
    let grad_p = tap
        .grad(&grads)
        .unwrap_or_else(|| Tensor::zeros([N], &device));
    let grad_z = z
        .grad(&grads)
        .unwrap_or_else(|| Tensor::zeros([N], &device));
    // The SGD step, outside the graph: z ← z − α·∂L/∂z.
    let z_plain = z.clone().without_autodiff();
    let grad_z = grad_z.without_autodiff();
    let z_next = z_plain.clone() - grad_z.clone().mul_scalar(lr as f32);
    let p_next = sigmoid(z_next.clone());

    let mut rb = Readback::new();
    rb.add(p);
    rb.add(terms);
    rb.add(loss);
    rb.add(grad_p);
    rb.add(grad_z);
    rb.add(z_next);
    rb.add(p_next);
    rb.add(z_plain);
    let r = rb.read().await?;
    Ok(BceNumbers {
        y: y_in,
        p: r[0].clone(),
        z: r[7].clone(),
        terms: r[1].clone(),
        loss: r[2][0],
        grad_p: r[3].clone(),
        grad_z: r[4].clone(),
        z_next: r[5].clone(),
        p_next: r[6].clone(),
        lr,
    })
}

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    let label = |plain: &str, tex: &str| Formula::new().both(plain, tex);
    let quantities = vec![
        Quantity {
            name: "y".into(),
            label: label("y", "y"),
            role: Role::Input,
            value: Value::Vector(n.y.clone()),
            grad: None,
            updated: None,
        },
        Quantity {
            name: "z".into(),
            label: label("z", "z"),
            role: Role::Param,
            value: Value::Vector(n.z.clone()),
            grad: Some(Value::Vector(n.grad_z.clone())),
            updated: Some(Value::Vector(n.z_next.clone())),
        },
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
        views: vec![View::Table(term_table(&n))],
        next,
    })
}

/// The per-term breakdown: each sample's label, prediction, loss term and gradients.
fn term_table(n: &BceNumbers) -> Table {
    let f = |v: f64| format_number(v, walkthrough::DIGITS);
    Table {
        id: "terms",
        title: Text::new("逐项分解", "Term by term"),
        columns: vec![
            Text::new("i", "i"),
            Text::new("yᵢ", "yᵢ"),
            Text::new("ŷᵢ", "ŷᵢ"),
            Text::new("ℓᵢ", "ℓᵢ"),
            Text::new("∂L/∂ŷᵢ", "∂L/∂ŷᵢ"),
            Text::new("∂L/∂zᵢ = (ŷᵢ − yᵢ)/n", "∂L/∂zᵢ = (ŷᵢ − yᵢ)/n"),
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

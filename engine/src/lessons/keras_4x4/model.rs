//! The computation with burn: a = x·W1 + b1, h = σ(a), z = h·W2 + b2, ŷ = σ(z),
//! L = mean BCE (from the logits, as Keras does for a sigmoid output), backward, and one
//! Keras-style Adam step on all four samples at once.

use burn::prelude::*;

use super::setup::{D, H, N, PARAMS};
use crate::autograph::{Graph, Tape};
use crate::base::readback::{Readback, tensor};
use crate::lessons::kit::breaks::Break;
use crate::lessons::kit::{TraceError, Values};

/// Every number of one epoch, read back from burn in one transaction.
pub struct KerasNumbers {
    /// The inputs, one row per sample.
    pub x: Vec<Vec<f64>>,
    pub y: Vec<f64>,
    /// `a[n][k]`, `h[n][k]`: sample n, hidden unit k.
    pub a: Vec<Vec<f64>>,
    pub h: Vec<Vec<f64>>,
    pub z: Vec<f64>,
    pub p: Vec<f64>,
    pub loss: f64,
    pub grad_z: Vec<f64>,
    pub grad_h: Vec<Vec<f64>>,
    pub grad_a: Vec<Vec<f64>>,
    /// Parameters, gradients, Adam moments before and after, updated values: in `PARAMS` order.
    pub theta: Vec<f64>,
    pub grad: Vec<f64>,
    pub m: Vec<f64>,
    pub v: Vec<f64>,
    pub m_next: Vec<f64>,
    pub v_next: Vec<f64>,
    pub theta_next: Vec<f64>,
    pub lr: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    /// Adam's step number (epochs done + 1) and its bias-corrected step size.
    pub t: f64,
    pub alpha_t: f64,
    /// The forward pass as it ran.
    pub graph: Graph,
}

impl KerasNumbers {
    /// Share of samples on the right side of 0.5: with four samples, a multiple of 25 %.
    pub fn accuracy(&self) -> f64 {
        let right = self
            .p
            .iter()
            .zip(&self.y)
            .filter(|&(&p, &y)| (p >= 0.5) == (y >= 0.5))
            .count();
        right as f64 / N as f64
    }

    /// The value of a parameter by name.
    pub fn param(&self, name: &str) -> f64 {
        PARAMS
            .iter()
            .position(|p| *p == name)
            .map_or(f64::NAN, |i| self.theta[i])
    }
}

fn rows(flat: &[f64], cols: usize) -> Vec<Vec<f64>> {
    flat.chunks(cols).map(<[f64]>::to_vec).collect()
}

/// Shapes of W1, b1, W2, b2; their entries fill `PARAMS` in this order, row by row.
const SHAPES: [[usize; 2]; 4] = [[D, H], [1, H], [H, 1], [1, 1]];

pub async fn compute(v: &Values, device: &Device) -> Result<KerasNumbers, TraceError> {
    let ad = device.clone().autodiff();
    let brk = Break::of(v);
    let y_in = v.vector("y", N);
    let (lr, beta1, beta2, eps) = (v.get("lr"), v.get("beta1"), v.get("beta2"), v.get("eps"));
    let t = v.get("epoch") + 1.0;
    // Keras folds both bias corrections into the step size: α·√(1 − β₂ᵗ)/(1 − β₁ᵗ).
    let alpha_t = lr * (1.0 - beta2.powf(t)).sqrt() / (1.0 - beta1.powf(t));
    let read = |prefix: &str| -> Vec<f64> {
        PARAMS
            .iter()
            .map(|p| v.get(&format!("{prefix}{p}")))
            .collect()
    };
    let (theta, m, vv) = (read(""), read("m."), read("v."));

    let x_in = v.matrix("x", N, D);
    let x_flat: Vec<f64> = x_in.iter().flatten().copied().collect();
    // The forward pass runs through a tape: it keeps every node's gradient and the graph.
    let mut tape = Tape::new();
    let x = tape.input("x", tensor(&x_flat, [N, D], &ad));
    let y = tape.input("y", tensor(&y_in, [N, 1], &ad));
    let mut params = Vec::with_capacity(4);
    let mut at = 0;
    for (shape, name) in SHAPES.into_iter().zip(["W1", "b1", "W2", "b2"]) {
        let len = shape[0] * shape[1];
        let t = tensor(&theta[at..at + len], shape, &ad).require_grad();
        params.push(tape.param(name, t));
        at += len;
    }
    let xw1 = tape.matmul(&x, &params[0]);
    let a = tape.add(&xw1, &params[1]);
    tape.name(&a, "a");
    let h = tape.sigmoid(&a, brk);
    tape.name(&h, "h");
    let hw2 = tape.matmul(&h, &params[2]);
    let z = tape.add(&hw2, &params[3]);
    tape.name(&z, "z");
    // Shown, not differentiated: Keras computes the loss from the logits.
    let p = tape.sigmoid(&z, Break::Correct);
    tape.name(&p, "ŷ");
    // −[y ln σ(z) + (1 − y) ln(1 − σ(z))] = max(z, 0) − y·z + ln(1 + e^(−|z|)), finite for any z.
    let relu_z = tape.relu(&z);
    let yz = tape.mul(&y, &z);
    let linear = tape.sub(&relu_z, &yz);
    let abs_z = tape.abs(&z);
    let minus_abs = tape.neg(&abs_z);
    let e = tape.exp(&minus_abs);
    let soft = tape.log1p(&e);
    let terms = tape.add(&linear, &soft);
    let loss = tape.mean(&terms);
    tape.name(&loss, "L");
    let grads = tape.loss(&loss, brk).tensor().backward();
    let (a, h, z, p, loss) = (a.id(), h.id(), z.id(), p.id(), loss.id());
    let params: Vec<Tensor<2>> = params.iter().map(|p| p.tensor()).collect();

    let mut rb = Readback::new();
    let graph = tape.read_into(&grads, &mut rb);
    let mut slots = Vec::new();
    // Adam, outside the graph: m ← m + (1 − β₁)(g − m), v ← v + (1 − β₂)(g² − v),
    // θ ← θ − α_t·m / (√v + ε).
    let mut at = 0;
    for (param, shape) in params.iter().zip(SHAPES) {
        let len = shape[0] * shape[1];
        let g = param
            .grad(&grads)
            .unwrap_or_else(|| Tensor::zeros(shape, &ad))
            .without_autodiff();
        let m0 = tensor(&m[at..at + len], shape, device);
        let v0 = tensor(&vv[at..at + len], shape, device);
        let m1 = m0.clone() + (g.clone() - m0).mul_scalar((1.0 - beta1) as f32);
        let v1 = v0.clone() + (g.clone() * g.clone() - v0).mul_scalar((1.0 - beta2) as f32);
        let step =
            m1.clone().mul_scalar(alpha_t as f32) / (v1.clone().sqrt().add_scalar(eps as f32));
        let next = param.clone().without_autodiff() - step;
        slots.extend([rb.add(g), rb.add(m1), rb.add(v1), rb.add(next)]);
        at += len;
    }
    let r = rb.read().await?;
    let graph = graph.resolve(&r);
    let value = |id: usize| graph.nodes[id].value.clone();
    let grad = |id: usize| {
        let n = &graph.nodes[id];
        n.grad.clone().unwrap_or_else(|| vec![0.0; n.value.len()])
    };
    // The four per-parameter-tensor slots (g, m, v, θ) concatenated in `PARAMS` order.
    let gather = |which: usize| -> Vec<f64> {
        (0..4)
            .flat_map(|i| r[slots[4 * i + which]].clone())
            .collect()
    };
    Ok(KerasNumbers {
        x: x_in,
        y: y_in,
        a: rows(&value(a), H),
        h: rows(&value(h), H),
        z: value(z),
        p: value(p),
        loss: value(loss)[0],
        grad_z: grad(z),
        grad_h: rows(&grad(h), H),
        grad_a: rows(&grad(a), H),
        grad: gather(0),
        m_next: gather(1),
        v_next: gather(2),
        theta_next: gather(3),
        theta,
        m,
        v: vv,
        lr,
        beta1,
        beta2,
        eps,
        t,
        alpha_t,
        graph,
    })
}

/// The settings the next epoch starts from: parameters, both moments, the step counter.
pub fn next_values(n: &KerasNumbers) -> Vec<(String, f64)> {
    let mut next = Vec::with_capacity(3 * PARAMS.len() + 1);
    for (i, name) in PARAMS.iter().enumerate() {
        next.push((name.to_string(), n.theta_next[i]));
        next.push((format!("m.{name}"), n.m_next[i]));
        next.push((format!("v.{name}"), n.v_next[i]));
    }
    next.push(("epoch".into(), n.t));
    next
}

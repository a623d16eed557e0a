//! An independent second implementation of the 2-2-1 network in plain f64: hand-derived
//! gradients, and a forward pass for central finite differences. Shared by the tests.

#![allow(dead_code)]

use engine::model::mlp221::{LossKind, Mlp221Params};

pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Parameters flattened: W1[0][0], W1[0][1], W1[1][0], W1[1][1], b1[0], b1[1], W2[0], W2[1], b2.
pub fn flatten(p: &Mlp221Params) -> [f64; 9] {
    [
        p.w1[0][0], p.w1[0][1], p.w1[1][0], p.w1[1][1], p.b1[0], p.b1[1], p.w2[0], p.w2[1], p.b2,
    ]
}

pub fn unflatten(base: &Mlp221Params, v: [f64; 9]) -> Mlp221Params {
    Mlp221Params {
        w1: [[v[0], v[1]], [v[2], v[3]]],
        b1: [v[4], v[5]],
        w2: [v[6], v[7]],
        b2: v[8],
        ..base.clone()
    }
}

pub struct Forward {
    pub z1: [f64; 2],
    pub a1: [f64; 2],
    pub z2: f64,
    pub a2: f64,
    pub loss: f64,
}

pub fn loss_of(kind: LossKind, a: f64, y: f64) -> f64 {
    match kind {
        LossKind::Bce => -(y * a.ln() + (1.0 - y) * (1.0 - a).ln()),
        LossKind::Mse => (a - y).powi(2),
    }
}

pub fn forward(p: &Mlp221Params) -> Forward {
    let z1 = [0, 1].map(|i| p.w1[i][0] * p.x[0] + p.w1[i][1] * p.x[1] + p.b1[i]);
    let a1 = z1.map(sigmoid);
    let z2 = p.w2[0] * a1[0] + p.w2[1] * a1[1] + p.b2;
    let a2 = sigmoid(z2);
    Forward {
        z1,
        a1,
        z2,
        a2,
        loss: loss_of(p.loss, a2, p.y),
    }
}

/// Hand-derived gradients (chain rule written out by hand).
pub struct Backward {
    pub d_a2: f64,
    pub d_z2: f64,
    pub d_a1: [f64; 2],
    pub d_z1: [f64; 2],
    /// Same order as [`flatten`].
    pub d_params: [f64; 9],
}

pub fn backward(p: &Mlp221Params) -> Backward {
    let f = forward(p);
    let d_a2 = match p.loss {
        LossKind::Bce => -p.y / f.a2 + (1.0 - p.y) / (1.0 - f.a2),
        LossKind::Mse => 2.0 * (f.a2 - p.y),
    };
    let d_z2 = d_a2 * f.a2 * (1.0 - f.a2);
    let d_a1 = [0, 1].map(|i| d_z2 * p.w2[i]);
    let d_z1 = [0, 1].map(|i| d_a1[i] * f.a1[i] * (1.0 - f.a1[i]));
    let d_params = [
        d_z1[0] * p.x[0],
        d_z1[0] * p.x[1],
        d_z1[1] * p.x[0],
        d_z1[1] * p.x[1],
        d_z1[0],
        d_z1[1],
        d_z2 * f.a1[0],
        d_z2 * f.a1[1],
        d_z2,
    ];
    Backward {
        d_a2,
        d_z2,
        d_a1,
        d_z1,
        d_params,
    }
}

/// Central finite difference of the loss with respect to parameter `k` (flattened order).
pub fn finite_difference(p: &Mlp221Params, k: usize, eps: f64) -> f64 {
    let mut plus = flatten(p);
    let mut minus = flatten(p);
    plus[k] += eps;
    minus[k] -= eps;
    (forward(&unflatten(p, plus)).loss - forward(&unflatten(p, minus)).loss) / (2.0 * eps)
}

/// True when f32 cannot hold every number a softmax over the logits `z` shows (by an f64
/// evaluation): some e^zₖ above f32::MAX, or some probability below f32's normal range, where
/// it loses its digits and soon rounds to 0 (and 0·ln 0 is NaN). Only then may a softmax
/// lesson's trace stop being finite.
pub fn softmax_beyond_f32(z: &[f64]) -> bool {
    let max = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = z.iter().map(|v| (v - max).exp()).sum();
    let smallest = z
        .iter()
        .map(|v| (v - max).exp() / sum)
        .fold(f64::INFINITY, f64::min);
    max > f64::from(f32::MAX).ln() || smallest < f64::from(f32::MIN_POSITIVE)
}

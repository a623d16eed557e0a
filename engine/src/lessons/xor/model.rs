//! The computation with burn. `single`: z = X·W + b. `hidden`: a = X·W1ᵀ + b1, h = tanh(a),
//! z = h·W2 + b2. Both: ŷ = σ(z), L = mean (ŷ − y)², backward, one gradient-descent step.

use burn::prelude::*;
use burn::tensor::activation::sigmoid;

use super::{H, N, X, boundary, walkthrough};
use crate::i18n::Text;
use crate::lessons::kit::readback::{Readback, tensor};
use crate::lessons::kit::{LessonTrace, Metric, TraceError, Values, View};

/// The hidden layer's numbers (the `hidden` model only).
pub struct HiddenLayer {
    /// `w1[k][j]`: input j → hidden unit k.
    pub w1: Vec<Vec<f64>>,
    pub b1: Vec<f64>,
    /// `a[n][k]`, `h[n][k]`: sample n, unit k.
    pub a: Vec<Vec<f64>>,
    pub h: Vec<Vec<f64>>,
    pub grad_w1: Vec<Vec<f64>>,
    pub grad_b1: Vec<f64>,
    pub grad_a: Vec<Vec<f64>>,
    pub grad_h: Vec<Vec<f64>>,
    pub w1_next: Vec<Vec<f64>>,
    pub b1_next: Vec<f64>,
}

/// Every number of one training step, read back from burn in one transaction.
pub struct XorNumbers {
    pub y: Vec<f64>,
    pub lr: f64,
    pub epoch: f64,
    pub hidden: Option<HiddenLayer>,
    /// Output layer: `W`, `b` (single) or `W2`, `b2` (hidden).
    pub w: Vec<f64>,
    pub b: f64,
    pub z: Vec<f64>,
    pub p: Vec<f64>,
    pub loss: f64,
    pub grad_w: Vec<f64>,
    pub grad_b: f64,
    pub grad_z: Vec<f64>,
    pub grad_p: Vec<f64>,
    pub w_next: Vec<f64>,
    pub b_next: f64,
    /// ŷ over the boundary grid, row by row (empty unless asked for).
    pub grid: Vec<f64>,
}

impl XorNumbers {
    /// Names of the output layer's settings.
    pub fn out_names(&self) -> (&'static str, &'static str) {
        if self.hidden.is_some() {
            ("W2", "b2")
        } else {
            ("W", "b")
        }
    }

    /// Share of samples on the right side of 0.5 (a label ≥ 0.5 counts as class 1).
    pub fn accuracy(&self) -> f64 {
        let right = self
            .p
            .iter()
            .zip(&self.y)
            .filter(|&(&p, &y)| (p >= 0.5) == (y >= 0.5))
            .count();
        right as f64 / N as f64
    }
}

fn rows(flat: &[f64], cols: usize) -> Vec<Vec<f64>> {
    flat.chunks(cols.max(1)).map(<[f64]>::to_vec).collect()
}

fn grad_or_zero<const D: usize>(
    t: &Tensor<D>,
    grads: &burn::tensor::Gradients,
    shape: [usize; D],
    device: &Device,
) -> Tensor<D> {
    t.grad(grads)
        .unwrap_or_else(|| Tensor::zeros(shape, device))
}

/// One forward pass, backward pass and update; with `with_grid` also ŷ over the boundary grid.
pub async fn compute(
    v: &Values,
    device: &Device,
    with_grid: bool,
) -> Result<XorNumbers, TraceError> {
    let hidden = v.choice("model") == "hidden";
    let ad = device.clone().autodiff();
    let y_in = v.vector("y", N);
    let lr = v.get("lr");
    let x_flat: Vec<f64> = X.iter().flatten().copied().collect();
    let x = tensor(&x_flat, [N, 2], &ad);
    let y = tensor(&y_in, [N, 1], &ad);
    let (wn, bn, d) = if hidden {
        ("W2", "b2", H)
    } else {
        ("W", "b", 2)
    };
    let w_in = v.vector(wn, d);
    let b_in = v.get(bn);

    let mut rb = Readback::new();
    // The hidden layer, with zero taps on a and h so their gradients can be read.
    let mut layer = None;
    let input = if hidden {
        let w1_in: Vec<f64> = v.matrix("W1", H, 2).concat();
        let b1_in = v.vector("b1", H);
        let w1 = tensor(&w1_in, [H, 2], &ad).require_grad();
        let b1 = tensor(&b1_in, [1, H], &ad).require_grad();
        let tap_a = Tensor::<2>::zeros([N, H], &ad).require_grad();
        let tap_h = Tensor::<2>::zeros([N, H], &ad).require_grad();
        let a = x.clone().matmul(w1.clone().transpose()) + b1.clone() + tap_a.clone();
        let h = a.clone().tanh() + tap_h.clone();
        layer = Some((w1, b1, tap_a, tap_h, a, h.clone()));
        h
    } else {
        x.clone()
    };
    let w = tensor(&w_in, [d, 1], &ad).require_grad();
    let b = tensor(&[b_in], [1, 1], &ad).require_grad();
    let tap_z = Tensor::<2>::zeros([N, 1], &ad).require_grad();
    let tap_p = Tensor::<2>::zeros([N, 1], &ad).require_grad();
    let z = input.matmul(w.clone()) + b.clone() + tap_z.clone();
    let p = sigmoid(z.clone()) + tap_p.clone();
    let diff = p.clone() - y;
    let loss = (diff.clone() * diff).mean();
    let grads = loss.backward();

    // Gradient descent outside the graph: θ ← θ − α·∂L/∂θ.
    let step = |t: &Tensor<2>, shape: [usize; 2]| {
        let g = grad_or_zero(t, &grads, shape, &ad).without_autodiff();
        let next = t.clone().without_autodiff() - g.clone().mul_scalar(lr as f32);
        (g, next)
    };
    let (gw, w_next) = step(&w, [d, 1]);
    let (gb, b_next) = step(&b, [1, 1]);
    let mut slots = vec![
        rb.add(z.clone()),
        rb.add(p.clone()),
        rb.add(loss),
        rb.add(gw),
        rb.add(gb),
        rb.add(grad_or_zero(&tap_z, &grads, [N, 1], &ad)),
        rb.add(grad_or_zero(&tap_p, &grads, [N, 1], &ad)),
        rb.add(w_next.clone()),
        rb.add(b_next.clone()),
    ];
    let mut grid_inputs = None;
    if let Some((w1, b1, tap_a, tap_h, a, h)) = &layer {
        let (gw1, w1_next) = step(w1, [H, 2]);
        let (gb1, b1_next) = step(b1, [1, H]);
        slots.extend([
            rb.add(a.clone()),
            rb.add(h.clone()),
            rb.add(gw1),
            rb.add(gb1),
            rb.add(grad_or_zero(tap_a, &grads, [N, H], &ad)),
            rb.add(grad_or_zero(tap_h, &grads, [N, H], &ad)),
            rb.add(w1_next),
            rb.add(b1_next),
        ]);
        grid_inputs = Some((w1.clone().without_autodiff(), b1.clone().without_autodiff()));
    }
    let grid_slot = with_grid.then(|| {
        let g = boundary::predict(
            grid_inputs,
            w.clone().without_autodiff(),
            b.clone().without_autodiff(),
            device,
        );
        rb.add(g)
    });
    let r = rb.read().await?;
    let hidden_layer = layer.map(|_| HiddenLayer {
        w1: v.matrix("W1", H, 2),
        b1: v.vector("b1", H),
        a: rows(&r[slots[9]], H),
        h: rows(&r[slots[10]], H),
        grad_w1: rows(&r[slots[11]], 2),
        grad_b1: r[slots[12]].clone(),
        grad_a: rows(&r[slots[13]], H),
        grad_h: rows(&r[slots[14]], H),
        w1_next: rows(&r[slots[15]], 2),
        b1_next: r[slots[16]].clone(),
    });
    Ok(XorNumbers {
        y: y_in,
        lr,
        epoch: v.get("epoch"),
        hidden: hidden_layer,
        w: w_in,
        b: b_in,
        z: r[slots[0]].clone(),
        p: r[slots[1]].clone(),
        loss: r[slots[2]][0],
        grad_w: r[slots[3]].clone(),
        grad_b: r[slots[4]][0],
        grad_z: r[slots[5]].clone(),
        grad_p: r[slots[6]].clone(),
        w_next: r[slots[7]].clone(),
        b_next: r[slots[8]][0],
        grid: grid_slot.map(|s| r[s].clone()).unwrap_or_default(),
    })
}

/// The settings the next step starts from: the active model's updated weights, epoch + 1.
pub fn next_values(n: &XorNumbers) -> Vec<(String, f64)> {
    let (wn, bn) = n.out_names();
    let mut next: Vec<(String, f64)> = n
        .w_next
        .iter()
        .enumerate()
        .map(|(i, &v)| (format!("{wn}[{i}]"), v))
        .collect();
    next.push((bn.to_string(), n.b_next));
    if let Some(l) = &n.hidden {
        for (k, row) in l.w1_next.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                next.push((format!("W1[{k}][{j}]"), v));
            }
        }
        for (k, &v) in l.b1_next.iter().enumerate() {
            next.push((format!("b1[{k}]"), v));
        }
    }
    next.push(("epoch".into(), n.epoch + 1.0));
    next
}

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device, true).await?;
    Ok(LessonTrace {
        loss: Some(n.loss),
        quantities: walkthrough::quantities(&n),
        steps: walkthrough::steps(&n),
        metrics: vec![
            Metric {
                name: "accuracy",
                label: Text::new("准确率", "Accuracy"),
                value: n.accuracy(),
            },
            Metric {
                name: "epoch",
                label: Text::new("轮次", "Epoch"),
                value: n.epoch,
            },
        ],
        views: vec![View::Heatmap(boundary::heatmap(&n))],
        next: next_values(&n),
    })
}

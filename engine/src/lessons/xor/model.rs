//! The computation with burn. `single`: z = X·W + b. `hidden`: a = X·W1ᵀ + b1, h = tanh(a),
//! z = h·W2 + b2. Both: ŷ = σ(z), L = mean (ŷ − y)², backward, one gradient-descent step.

use burn::prelude::*;

use super::boundary;
use super::setup::{H, N, X};
use crate::autograph::{Graph, Tape};
use crate::base::readback::{Readback, tensor};
use crate::lessons::kit::breaks::Break;
use crate::lessons::kit::{TraceError, Values};

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
    /// The forward pass as it ran.
    pub graph: Graph,
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
    let brk = Break::of(v);
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

    // The forward pass runs through a tape: it keeps every node's gradient and the graph.
    let mut tape = Tape::new();
    let x = tape.input("X", x);
    let y = tape.input("y", y);
    let mut layer = None;
    let input = if hidden {
        let w1_in: Vec<f64> = v.matrix("W1", H, 2).concat();
        let b1 = tensor(&v.vector("b1", H), [1, H], &ad).require_grad();
        let w1 = tape.param("W1", tensor(&w1_in, [H, 2], &ad).require_grad());
        let b1 = tape.param("b1", b1);
        let w1t = tape.transpose(&w1);
        let xw1 = tape.matmul(&x, &w1t);
        let a = tape.add(&xw1, &b1);
        tape.name(&a, "a");
        let h = tape.tanh(&a);
        tape.name(&h, "h");
        layer = Some((w1.tensor(), b1.tensor(), a.id(), h.id()));
        h
    } else {
        x
    };
    let w = tape.param(wn, tensor(&w_in, [d, 1], &ad).require_grad());
    let b = tape.param(bn, tensor(&[b_in], [1, 1], &ad).require_grad());
    let xw = tape.matmul(&input, &w);
    let z = tape.add(&xw, &b);
    tape.name(&z, "z");
    let p = tape.sigmoid(&z, brk);
    tape.name(&p, "ŷ");
    let diff = tape.sub(&p, &y);
    let squared = tape.square(&diff);
    let loss = tape.mean(&squared);
    tape.name(&loss, "L");
    let grads = tape.loss(&loss, brk).tensor().backward();
    let (z, p, loss) = (z.id(), p.id(), loss.id());
    let (w, b) = (w.tensor(), b.tensor());
    let mut rb = Readback::new();
    let graph = tape.read_into(&grads, &mut rb);

    // Gradient descent outside the graph: θ ← θ − α·∂L/∂θ.
    let step = |t: &Tensor<2>, shape: [usize; 2]| {
        let g = grad_or_zero(t, &grads, shape, &ad).without_autodiff();
        let next = t.clone().without_autodiff() - g.clone().mul_scalar(lr as f32);
        (g, next)
    };
    let (gw, w_next) = step(&w, [d, 1]);
    let (gb, b_next) = step(&b, [1, 1]);
    let mut slots = vec![
        rb.add(gw),
        rb.add(gb),
        rb.add(w_next.clone()),
        rb.add(b_next.clone()),
    ];
    let mut grid_inputs = None;
    if let Some((w1, b1, _, _)) = &layer {
        let (gw1, w1_next) = step(w1, [H, 2]);
        let (gb1, b1_next) = step(b1, [1, H]);
        slots.extend([rb.add(gw1), rb.add(gb1), rb.add(w1_next), rb.add(b1_next)]);
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
    let graph = graph.resolve(&r);
    let value = |id: usize| graph.nodes[id].value.clone();
    let grad = |id: usize| {
        let n = &graph.nodes[id];
        n.grad.clone().unwrap_or_else(|| vec![0.0; n.value.len()])
    };
    let hidden_layer = layer.map(|(_, _, a, h)| HiddenLayer {
        w1: v.matrix("W1", H, 2),
        b1: v.vector("b1", H),
        a: rows(&value(a), H),
        h: rows(&value(h), H),
        grad_w1: rows(&r[slots[4]], 2),
        grad_b1: r[slots[5]].clone(),
        grad_a: rows(&grad(a), H),
        grad_h: rows(&grad(h), H),
        w1_next: rows(&r[slots[6]], 2),
        b1_next: r[slots[7]].clone(),
    });
    Ok(XorNumbers {
        y: y_in,
        lr,
        epoch: v.get("epoch"),
        hidden: hidden_layer,
        w: w_in,
        b: b_in,
        z: value(z),
        p: value(p),
        loss: value(loss)[0],
        grad_w: r[slots[0]].clone(),
        grad_b: r[slots[1]][0],
        grad_z: grad(z),
        grad_p: grad(p),
        w_next: r[slots[2]].clone(),
        b_next: r[slots[3]][0],
        grid: grid_slot.map(|s| r[s].clone()).unwrap_or_default(),
        graph,
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

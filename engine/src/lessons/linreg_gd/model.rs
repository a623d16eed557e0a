//! The computation with burn: ŷᵢ = w·xᵢ + b, MSE = (1/m) Σ (ŷᵢ − yᵢ)², its gradient by autodiff,
//! and one gradient-descent step with either the correct gradient or the article's printed one.

use burn::prelude::*;

use super::setup::PROBES;
use super::surface::{self, GRID};
use crate::autograph::{Graph, PendingGraph, Tape};
use crate::base::readback::{Readback, tensor};
use crate::lessons::kit::breaks::Break;
use crate::lessons::kit::{TraceError, Values};

/// Which gradient the update subtracts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// ∂MSE/∂w = (2/m) Σ (ŷᵢ − yᵢ) xᵢ, from autodiff.
    Correct,
    /// Article 002's printed ∇θ₁ = (1/m) Σ (yᵢ − ŷᵢ) xᵢ: the wrong sign (and half the size).
    Article,
}

impl Rule {
    pub fn of(v: &Values) -> Rule {
        match v.choice("formula") {
            "article" => Rule::Article,
            _ => Rule::Correct,
        }
    }
}

/// Article 003's data: xᵢ = 2i, yᵢ = i for i = 1..m.
pub fn data(m: usize) -> (Vec<f64>, Vec<f64>) {
    (1..=m).map(|i| (2.0 * i as f64, i as f64)).unzip()
}

/// The sample count from the settings, kept in range even for a hand-edited link.
pub fn sample_count(v: &Values) -> usize {
    v.get("m").clamp(2.0, 100.0) as usize
}

/// The eigenvalues (largest first) of the MSE's Hessian 2·[[mean x², mean x], [mean x, 1]].
pub fn hessian_eigenvalues(mean_x: f64, mean_xx: f64) -> (f64, f64) {
    let half_trace = mean_xx + 1.0;
    let root = ((mean_xx - 1.0).powi(2) + 4.0 * mean_x * mean_x).sqrt();
    (half_trace + root, half_trace - root)
}

/// One evaluation and update, as burn tensors outside the autodiff graph.
struct Pass {
    pred: Tensor<1>,
    loss: Tensor<1>,
    grad_pred: Tensor<1>,
    grad_w: Tensor<1>,
    grad_b: Tensor<1>,
    dir_w: Tensor<1>,
    dir_b: Tensor<1>,
    w_next: Tensor<1>,
    b_next: Tensor<1>,
    /// The forward pass's graph, when it was recorded.
    graph: Option<PendingGraph>,
}

/// Forward (recorded on a tape, which keeps ∂L/∂ŷ), backward and the update w ← w − α·d;
/// with `record`, the tape's graph is registered for readback there.
#[allow(clippy::too_many_arguments)]
fn gd_pass(
    record: Option<&mut Readback>,
    w: Tensor<1>,
    b: Tensor<1>,
    x: &Tensor<1>,
    y: &Tensor<1>,
    lr: f64,
    rule: Rule,
    brk: Break,
) -> Pass {
    let m = x.dims()[0];
    let mut tape = Tape::new();
    let xv = tape.input("x", x.clone().autodiff());
    let yv = tape.input("y", y.clone().autodiff());
    let wa = tape.param("w", w.clone().autodiff().require_grad());
    let ba = tape.param("b", b.clone().autodiff().require_grad());
    let wx = tape.mul(&wa, &xv);
    let pred = tape.add(&wx, &ba);
    tape.name(&pred, "ŷ");
    let gap = tape.sub(&pred, &yv);
    let squared = tape.square(&gap);
    let mse = tape.mean(&squared);
    tape.name(&mse, "L");
    let loss = tape.loss(&mse, brk).tensor();
    let grads = loss.backward();
    let zero = || Tensor::<1>::zeros([1], &x.device());
    let grad_w = wa.tensor().grad(&grads).unwrap_or_else(zero);
    let grad_b = ba.tensor().grad(&grads).unwrap_or_else(zero);
    let grad_pred = tape
        .grad(&pred, &grads)
        .unwrap_or_else(|| Tensor::zeros([m], &x.device()));
    let pred = pred.tensor();
    let graph = record.map(|rb| tape.read_into(&grads, rb));
    let pred = pred.without_autodiff();
    let (dir_w, dir_b) = match rule {
        Rule::Correct => (grad_w.clone(), grad_b.clone()),
        Rule::Article => {
            let gap = y.clone() - pred.clone();
            ((gap.clone() * x.clone()).mean(), gap.mean())
        }
    };
    let w_next = w - dir_w.clone().mul_scalar(lr as f32);
    let b_next = b - dir_b.clone().mul_scalar(lr as f32);
    Pass {
        graph,
        pred,
        loss: loss.without_autodiff(),
        grad_pred,
        grad_w,
        grad_b,
        dir_w,
        dir_b,
        w_next,
        b_next,
    }
}

/// Every number of one trace, read back from burn in one transaction.
pub struct LinregNumbers {
    /// The forward pass as it ran.
    pub graph: Option<Graph>,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub w: f64,
    pub b: f64,
    pub lr: f64,
    pub rule: Rule,
    pub pred: Vec<f64>,
    pub loss: f64,
    pub grad_pred: Vec<f64>,
    pub grad_w: f64,
    pub grad_b: f64,
    /// What the update multiplies by α: the gradient, or the article's printed expression.
    pub dir_w: f64,
    pub dir_b: f64,
    pub w_next: f64,
    pub b_next: f64,
    /// Predictions w·x + b at article 003's new inputs 3, 5, 10.
    pub probes: Vec<f64>,
    pub mean_x: f64,
    pub mean_xx: f64,
    /// MSE over the surface grid, row-major (b rows, w columns).
    pub grid: Vec<f64>,
}

impl LinregNumbers {
    /// 2/λ_max: GD on this quadratic converges exactly when α is below it.
    pub fn lr_max(&self) -> f64 {
        2.0 / hessian_eigenvalues(self.mean_x, self.mean_xx).0
    }

    pub fn condition(&self) -> f64 {
        let (hi, lo) = hessian_eigenvalues(self.mean_x, self.mean_xx);
        hi / lo
    }
}

pub async fn compute(v: &Values, device: &Device) -> Result<LinregNumbers, TraceError> {
    let (xs, ys) = data(sample_count(v));
    let (w0, b0, lr, rule) = (v.get("w"), v.get("b"), v.get("lr"), Rule::of(v));
    let x = tensor(&xs, [xs.len()], device);
    let y = tensor(&ys, [ys.len()], device);
    let w = tensor(&[w0], [1], device);
    let b = tensor(&[b0], [1], device);
    let probes = tensor(&PROBES, [PROBES.len()], device) * w.clone().expand([PROBES.len()])
        + b.clone().expand([PROBES.len()]);
    let grid = surface::mse_grid(&x, &y);
    let mut rb = Readback::new();
    let p = gd_pass(Some(&mut rb), w, b, &x, &y, lr, rule, Break::of(v));
    let graph = p.graph;
    let pred_at = rb.add(p.pred);
    let [loss_at, grad_pred_at, grad_w_at, grad_b_at] =
        rb.add_all([p.loss, p.grad_pred, p.grad_w, p.grad_b]);
    let [dir_w_at, dir_b_at, w_next_at, b_next_at, probes_at] =
        rb.add_all([p.dir_w, p.dir_b, p.w_next, p.b_next, probes]);
    let mean_x_at = rb.add(x.clone().mean());
    let mean_xx_at = rb.add(x.square().mean());
    let grid_at = rb.add(grid.reshape([GRID * GRID]));
    let r = rb.read().await?;
    let graph = graph.map(|g| g.resolve(&r));
    Ok(LinregNumbers {
        graph,
        x: xs,
        y: ys,
        w: w0,
        b: b0,
        lr,
        rule,
        pred: r[pred_at].clone(),
        loss: r.scalar(loss_at),
        grad_pred: r[grad_pred_at].clone(),
        grad_w: r.scalar(grad_w_at),
        grad_b: r.scalar(grad_b_at),
        dir_w: r.scalar(dir_w_at),
        dir_b: r.scalar(dir_b_at),
        w_next: r.scalar(w_next_at),
        b_next: r.scalar(b_next_at),
        probes: r[probes_at].clone(),
        mean_x: r.scalar(mean_x_at),
        mean_xx: r.scalar(mean_xx_at),
        grid: r[grid_at].clone(),
    })
}

/// The MSE of iterations `checkpoints` (the loss computed before that iteration's update) and
/// the parameters after `iterations` updates, from the settings' w, b, lr and formula.
pub struct Run {
    pub mse: Vec<f64>,
    pub w: f64,
    pub b: f64,
    pub probes: Vec<f64>,
}

/// Runs GD on burn tensors with no readback until the end (errata need 1000 iterations).
pub async fn run(
    v: &Values,
    iterations: usize,
    checkpoints: &[usize],
    device: &Device,
) -> Result<Run, TraceError> {
    let (xs, ys) = data(sample_count(v));
    let (lr, rule) = (v.get("lr"), Rule::of(v));
    let x = tensor(&xs, [xs.len()], device);
    let y = tensor(&ys, [ys.len()], device);
    let mut w = tensor(&[v.get("w")], [1], device);
    let mut b = tensor(&[v.get("b")], [1], device);
    let mut rb = Readback::new();
    let mut mse_at = Vec::new();
    for k in 1..=iterations {
        let p = gd_pass(None, w, b, &x, &y, lr, rule, Break::of(v));
        if checkpoints.contains(&k) {
            mse_at.push(rb.add(p.loss));
        }
        (w, b) = (p.w_next, p.b_next);
    }
    let n = PROBES.len();
    let probes = tensor(&PROBES, [n], device) * w.clone().expand([n]) + b.clone().expand([n]);
    let [w_at, b_at, probes_at] = rb.add_all([w, b, probes]);
    let r = rb.read().await?;
    Ok(Run {
        mse: mse_at.iter().map(|&s| r.scalar(s)).collect(),
        w: r.scalar(w_at),
        b: r.scalar(b_at),
        probes: r[probes_at].clone(),
    })
}

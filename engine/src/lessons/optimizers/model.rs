//! The race with burn: every optimiser's loss and gradient from one autodiff graph (positions
//! as a 4×2 parameter), then the four update rules as plain tensor ops, read back once.

use burn::prelude::*;

use super::setup::RACERS;
use crate::autograph::{Graph, Tape};
use crate::base::readback::{Readback, tensor};
use crate::lessons::kit::breaks::Break;
use crate::lessons::kit::{TraceError, Values};

pub const N: usize = 6;
/// Features: the second is about four times the first, so the loss valley is long and narrow.
pub const X: [[f64; 2]; N] = [
    [1.0, 6.0],
    [2.0, -2.0],
    [-1.0, 8.0],
    [0.5, -6.0],
    [-2.0, -4.0],
    [1.5, 10.0],
];
/// y ≈ 2x₁ − 0.25x₂ with a little noise, so the best fit is not exact.
pub const Y: [f64; N] = [0.6, 4.3, -3.95, 2.65, -3.1, 0.5];

pub const GRID: usize = 41;
pub const W1_RANGE: (f64, f64) = (-3.0, 4.0);
pub const W2_RANGE: (f64, f64) = (-1.5, 1.5);

/// The sample SGD uses at step `t`: a fixed hash of (seed, t), the same on every device.
pub fn sample_index(seed: f64, t: f64) -> usize {
    let mut h = (seed as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (t as u64);
    h = (h ^ (h >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 29;
    (h % N as u64) as usize
}

/// Each racer's position: all at the start before the first step, else the carried state.
pub fn positions(v: &Values) -> Vec<f64> {
    if v.get("t") == 0.0 {
        return v.vector("start", 2).repeat(4);
    }
    RACERS.iter().flat_map(|r| v.vector(r, 2)).collect()
}

pub struct RaceNumbers {
    /// The race's loss as it ran.
    pub graph: Graph,
    pub t: f64,
    pub sample: usize,
    /// 4×2, rows in `RACERS` order.
    pub pos: Vec<f64>,
    pub grads: Vec<f64>,
    pub next: Vec<f64>,
    /// Full-batch loss of each racer.
    pub losses: Vec<f64>,
    /// The loss on SGD's one sample, whose gradient SGD follows.
    pub sample_loss: f64,
    pub vel: Vec<f64>,
    pub vel_next: Vec<f64>,
    pub m: Vec<f64>,
    pub m_next: Vec<f64>,
    pub v: Vec<f64>,
    pub v_next: Vec<f64>,
    pub m_hat: Vec<f64>,
    pub v_hat: Vec<f64>,
    pub lr: [f64; 4],
    pub momentum: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    /// Hessian diagonal (2/N) Σ xᵢⱼ², the ∇²J the article's Adam line names.
    pub hess_diag: Vec<f64>,
    pub grid: Vec<f64>,
}

fn row(t: &Tensor<2>, r: usize) -> Tensor<2> {
    t.clone().slice([r..r + 1, 0..2])
}

pub async fn compute(v: &Values, device: &Device) -> Result<RaceNumbers, TraceError> {
    let t = v.get("t");
    let sample = sample_index(v.get("seed"), t);
    let lr = [
        v.get("lr_gd"),
        v.get("lr_sgd"),
        v.get("lr_momentum"),
        v.get("lr_adam"),
    ];
    let (momentum, beta1, beta2, eps) = (
        v.get("momentum"),
        v.get("beta1"),
        v.get("beta2"),
        v.get("eps"),
    );
    let pos_in = positions(v);
    let (vel_in, m_in, v_in) = (v.vector("vel", 2), v.vector("m", 2), v.vector("v", 2));

    let x = tensor(&X.concat(), [N, 2], device);
    let y = tensor(&Y, [1, N], device);
    // The loss runs through a tape: the race's autodiff graph.
    let mut tape = Tape::new();
    let xv = tape.input("X", x.clone().autodiff());
    let yv = tape.input("y", y.clone().autodiff());
    let pv = tape.param(
        "θ",
        tensor(&pos_in, [4, 2], device).autodiff().require_grad(),
    );
    let xt = tape.transpose(&xv);
    let pred = tape.matmul(&pv, &xt);
    // One row per racer, one column per sample.
    let resid = tape.sub(&pred, &yv);
    tape.name(&resid, "r");
    let squared = tape.square(&resid);
    let losses = tape.mean_rows(&squared).reshape([4]);
    tape.name(&losses, "J");
    let sample_loss = tape.slice(&squared, 1..2, sample..sample + 1).reshape([1]);
    // SGD (row 1) follows its sample; the others the full batch.
    let mask = tape.constant(
        "mask",
        tensor(&[1.0, 0.0, 1.0, 1.0], [4], device).autodiff(),
    );
    let masked = tape.mul(&losses, &mask);
    let batch = tape.sum(&masked);
    let total = tape.add(&batch, &sample_loss);
    tape.name(&total, "ΣJ");
    let grads = tape.loss(&total, Break::of(v)).tensor().backward();
    let (p, losses, sample_loss) = (pv.tensor(), losses.tensor(), sample_loss.tensor());
    let g = p
        .grad(&grads)
        .unwrap_or_else(|| Tensor::zeros([4, 2], device));
    let p = p.without_autodiff();

    let vel = tensor(&vel_in, [1, 2], device);
    let m = tensor(&m_in, [1, 2], device);
    let sq = tensor(&v_in, [1, 2], device);
    let gd_next = row(&p, 0) - row(&g, 0).mul_scalar(lr[0] as f32);
    let sgd_next = row(&p, 1) - row(&g, 1).mul_scalar(lr[1] as f32);
    let vel_next = vel.mul_scalar(momentum as f32) + row(&g, 2);
    let mom_next = row(&p, 2) - vel_next.clone().mul_scalar(lr[2] as f32);
    let g3 = row(&g, 3);
    let m_next = m.mul_scalar(beta1 as f32) + g3.clone().mul_scalar((1.0 - beta1) as f32);
    let v_next = sq.mul_scalar(beta2 as f32) + g3.square().mul_scalar((1.0 - beta2) as f32);
    let step = t + 1.0;
    let m_hat = m_next.clone().div_scalar((1.0 - beta1.powf(step)) as f32);
    let v_hat = v_next.clone().div_scalar((1.0 - beta2.powf(step)) as f32);
    let adam_next = row(&p, 3)
        - (m_hat.clone() / (v_hat.clone().sqrt().add_scalar(eps as f32))).mul_scalar(lr[3] as f32);
    let next = Tensor::cat(vec![gd_next, sgd_next, mom_next, adam_next], 0);
    let hess_diag = x.clone().square().mean_dim(0).mul_scalar(2.0);
    let grid = loss_grid(&x, &y);

    let mut rb = Readback::new();
    let graph = tape.read_into(&grads, &mut rb);
    let [
        pos_at,
        grads_at,
        next_at,
        vel_next_at,
        m_next_at,
        v_next_at,
        m_hat_at,
        v_hat_at,
    ] = rb.add_all([p, g, next, vel_next, m_next, v_next, m_hat, v_hat]);
    let hess_diag_at = rb.add(hess_diag);
    let losses_at = rb.add(losses);
    let sample_loss_at = rb.add(sample_loss);
    let grid_at = rb.add(grid.reshape([GRID * GRID]));
    let r = rb.read().await?;
    let graph = graph.resolve(&r);
    Ok(RaceNumbers {
        graph,
        t,
        sample,
        pos: r[pos_at].clone(),
        grads: r[grads_at].clone(),
        next: r[next_at].clone(),
        vel: vel_in,
        vel_next: r[vel_next_at].clone(),
        m: m_in,
        m_next: r[m_next_at].clone(),
        v: v_in,
        v_next: r[v_next_at].clone(),
        m_hat: r[m_hat_at].clone(),
        v_hat: r[v_hat_at].clone(),
        hess_diag: r[hess_diag_at].clone(),
        losses: r[losses_at].clone(),
        sample_loss: r.scalar(sample_loss_at),
        grid: r[grid_at].clone(),
        lr,
        momentum,
        beta1,
        beta2,
        eps,
    })
}

/// The grid coordinates along one axis.
pub fn axis(range: (f64, f64)) -> Vec<f64> {
    let step = (range.1 - range.0) / (GRID - 1) as f64;
    (0..GRID).map(|i| range.0 + step * i as f64).collect()
}

/// Full-batch loss at every grid point: rows θ₂, columns θ₁.
fn loss_grid(x: &Tensor<2>, y: &Tensor<2>) -> Tensor<2> {
    let device = x.device();
    let shape = [GRID, GRID, N];
    let w1 = tensor(&axis(W1_RANGE), [1, GRID, 1], &device).expand(shape);
    let w2 = tensor(&axis(W2_RANGE), [GRID, 1, 1], &device).expand(shape);
    let x1 = x
        .clone()
        .slice([0..N, 0..1])
        .reshape([1, 1, N])
        .expand(shape);
    let x2 = x
        .clone()
        .slice([0..N, 1..2])
        .reshape([1, 1, N])
        .expand(shape);
    let ys = y.clone().reshape([1, 1, N]).expand(shape);
    (w1 * x1 + w2 * x2 - ys)
        .square()
        .mean_dim(2)
        .reshape([GRID, GRID])
}

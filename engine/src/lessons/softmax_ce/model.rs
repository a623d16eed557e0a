//! The computation with burn: ŷ = softmax(z), terms ℓₖ = −yₖ ln ŷₖ, L = Σ ℓₖ, backward, one
//! gradient step on the logits, and the loss surface over (z₁, z₂), all read back at once.

use burn::prelude::*;
use burn::tensor::activation::{log_softmax, softmax};

use super::setup::K;
use crate::autograph::{Graph, Tape};
use crate::base::readback::{Readback, tensor};
use crate::lessons::kit::breaks::Break;
use crate::lessons::kit::{TraceError, Values};

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

    let exp_z_at = rb.add(z_plain.clone().exp());
    let p_at = rb.add(p);
    let terms_at = rb.add(terms);
    let loss_at = rb.add(loss);
    let grad_z_at = rb.add(grad_z);
    let z_next_at = rb.add(z_next);
    let p_next_at = rb.add(p_next);
    let z_at = rb.add(z_plain);
    let surface_at = rb.add(surface_losses(&y_in, device));
    let r = rb.read().await?;
    let graph = graph.resolve(&r);
    let grad_p = graph
        .node("ŷ")
        .and_then(|n| n.grad.clone())
        .unwrap_or_else(|| vec![0.0; K]);
    Ok(SoftmaxNumbers {
        y: y_in,
        exp_z: r[exp_z_at].clone(),
        p: r[p_at].clone(),
        terms: r[terms_at].clone(),
        loss: r.scalar(loss_at),
        grad_p,
        grad_z: r[grad_z_at].clone(),
        z_next: r[z_next_at].clone(),
        p_next: r[p_next_at].clone(),
        z: r[z_at].clone(),
        lr,
        surface: r[surface_at].chunks(GRID).map(<[f64]>::to_vec).collect(),
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

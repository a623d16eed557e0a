//! The computation with burn: ŷ = σ(z) with the logits z as parameters, terms
//! ℓᵢ = −[yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)], L = mean ℓ, backward, and one SGD step on z.

use burn::prelude::*;
use burn::tensor::activation::sigmoid;

use super::setup::N;
use crate::autograph::{Graph, Tape};
use crate::base::readback::{Readback, tensor};
use crate::lessons::kit::breaks::Break;
use crate::lessons::kit::{TraceError, Values};

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
    /// The forward pass as it ran.
    pub graph: Graph,
}

pub async fn compute(v: &Values, device: &Device) -> Result<BceNumbers, TraceError> {
    let device = device.clone().autodiff();
    let y_in = v.vector("y", N);
    let p_in = v.vector("p", N);
    let lr = v.get("lr");
    let brk = Break::of(v);
    let z0: Vec<f64> = p_in.iter().map(|&p| logit(p)).collect();

    // The forward pass runs through a tape: it keeps ŷ's gradient and records the graph.
    let mut tape = Tape::new();
    let y = tape.input("y", tensor(&y_in, [N], &device));
    let z = tape.param("z", tensor(&z0, [N], &device).require_grad());
    let p = tape.sigmoid(&z, brk);
    tape.name(&p, "ŷ");
    let one = tape.constant("1", Tensor::<1>::ones([N], &device));
    let log_p = tape.log(&p);
    let first = tape.mul(&y, &log_p);
    let one_y = tape.sub(&one, &y);
    let one_p = tape.sub(&one, &p);
    let log_one_p = tape.log(&one_p);
    let second = tape.mul(&one_y, &log_one_p);
    let both = tape.add(&first, &second);
    let terms = tape.neg(&both);
    tape.name(&terms, "ℓ");
    let loss = tape.mean(&terms);
    tape.name(&loss, "L");
    let grads = tape.loss(&loss, brk).tensor().backward();
    let (p, terms, loss, z) = (p.tensor(), terms.tensor(), loss.tensor(), z.tensor());
    let grad_z = z
        .grad(&grads)
        .unwrap_or_else(|| Tensor::zeros([N], &device));
    let mut rb = Readback::new();
    let graph = tape.read_into(&grads, &mut rb);
    // The SGD step, outside the graph: z ← z − α·∂L/∂z.
    let z_plain = z.clone().without_autodiff();
    let grad_z = grad_z.without_autodiff();
    let z_next = z_plain.clone() - grad_z.clone().mul_scalar(lr as f32);
    let p_next = sigmoid(z_next.clone());

    let p_at = rb.add(p);
    let terms_at = rb.add(terms);
    let loss_at = rb.add(loss);
    let grad_z_at = rb.add(grad_z);
    let z_next_at = rb.add(z_next);
    let p_next_at = rb.add(p_next);
    let z_at = rb.add(z_plain);
    let r = rb.read().await?;
    let graph = graph.resolve(&r);
    let grad_p = graph
        .node("ŷ")
        .and_then(|n| n.grad.clone())
        .unwrap_or_else(|| vec![0.0; N]);
    Ok(BceNumbers {
        y: y_in,
        p: r[p_at].clone(),
        z: r[z_at].clone(),
        terms: r[terms_at].clone(),
        loss: r.scalar(loss_at),
        grad_p,
        grad_z: r[grad_z_at].clone(),
        z_next: r[z_next_at].clone(),
        p_next: r[p_next_at].clone(),
        lr,
        graph,
    })
}

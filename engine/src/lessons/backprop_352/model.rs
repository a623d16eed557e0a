//! The computation with burn: z¹ = W¹x + b¹, a¹ = σ(z¹), z² = W²a¹ + b², ŷ = softmax(z²),
//! L = −Σ yₖ ln ŷₖ; autodiff for every gradient (zero taps on the intermediates), one
//! gradient-descent step, and the loss after it, all read back at once.

use burn::prelude::*;

use super::setup::{N_HID, N_IN, N_OUT};
use crate::autograph::{Graph, Tape};
use crate::base::readback::{Readback, Slot, tensor};
use crate::lessons::kit::breaks::Break;
use crate::lessons::kit::{TraceError, Values};

/// Every number of the lesson.
pub struct NetNumbers {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub lr: f64,
    pub w1: Vec<Vec<f64>>,
    pub b1: Vec<f64>,
    pub w2: Vec<Vec<f64>>,
    pub b2: Vec<f64>,
    pub z1: Vec<f64>,
    pub a1: Vec<f64>,
    pub z2: Vec<f64>,
    pub p: Vec<f64>,
    pub loss: f64,
    pub grad_p: Vec<f64>,
    pub grad_z2: Vec<f64>,
    pub grad_a1: Vec<f64>,
    pub grad_z1: Vec<f64>,
    pub grad_w1: Vec<Vec<f64>>,
    pub grad_b1: Vec<f64>,
    pub grad_w2: Vec<Vec<f64>>,
    pub grad_b2: Vec<f64>,
    pub w1_next: Vec<Vec<f64>>,
    pub b1_next: Vec<f64>,
    pub w2_next: Vec<Vec<f64>>,
    pub b2_next: Vec<f64>,
    /// The loss again after the update: one step should lower it.
    pub loss_next: f64,
    /// The forward pass as it ran.
    pub graph: Graph,
}

/// The network's nodes for one sample, each a `[1, n]` row.
struct Forward {
    z1: Tensor<2>,
    a1: Tensor<2>,
    z2: Tensor<2>,
    p: Tensor<2>,
    loss: Tensor<1>,
}

struct Params {
    w1: Tensor<2>,
    b1: Tensor<2>,
    w2: Tensor<2>,
    b2: Tensor<2>,
}

/// One forward pass, recorded on `tape` (which keeps every node's gradient).
fn forward(tape: &mut Tape, x: Tensor<2>, y: Tensor<2>, p: &Params, brk: Break) -> Forward {
    let x = tape.input("x", x);
    let y = tape.input("y", y);
    let w1 = tape.param("W1", p.w1.clone());
    let b1 = tape.param("b1", p.b1.clone());
    let w2 = tape.param("W2", p.w2.clone());
    let b2 = tape.param("b2", p.b2.clone());
    let w1t = tape.transpose(&w1);
    let xw1 = tape.matmul(&x, &w1t);
    let z1 = tape.add(&xw1, &b1);
    tape.name(&z1, "z1");
    let a1 = tape.sigmoid(&z1, brk);
    tape.name(&a1, "a1");
    let w2t = tape.transpose(&w2);
    let aw2 = tape.matmul(&a1, &w2t);
    let z2 = tape.add(&aw2, &b2);
    tape.name(&z2, "z2");
    let prob = tape.softmax(&z2);
    tape.name(&prob, "ŷ");
    let log_p = tape.log(&prob);
    let y_log_p = tape.mul(&y, &log_p);
    let total = tape.sum(&y_log_p);
    let loss = tape.neg(&total);
    tape.name(&loss, "L");
    Forward {
        z1: z1.tensor(),
        a1: a1.tensor(),
        z2: z2.tensor(),
        p: prob.tensor(),
        loss: tape.loss(&loss, brk).tensor(),
    }
}

fn flat(m: &[Vec<f64>]) -> Vec<f64> {
    m.concat()
}

fn rows(v: &[f64], cols: usize) -> Vec<Vec<f64>> {
    v.chunks(cols).map(<[f64]>::to_vec).collect()
}

/// The gradient of a tracked tensor, left off the graph (zeros when it took no part).
fn grad_of(t: &Tensor<2>, grads: &burn::tensor::Gradients, device: &Device) -> Tensor<2> {
    t.grad(grads)
        .unwrap_or_else(|| Tensor::zeros(t.shape(), device))
        .without_autodiff()
}

pub async fn compute(v: &Values, device: &Device) -> Result<NetNumbers, TraceError> {
    let ad = device.clone().autodiff();
    let lr = v.get("lr");
    let x_in = v.vector("x", N_IN);
    let y_in = v.vector("y", N_OUT);
    let param = |m: &[f64], shape: [usize; 2]| tensor(m, shape, &ad).require_grad();
    let params = Params {
        w1: param(&flat(&v.matrix("W1", N_HID, N_IN)), [N_HID, N_IN]),
        b1: param(&v.vector("b1", N_HID), [1, N_HID]),
        w2: param(&flat(&v.matrix("W2", N_OUT, N_HID)), [N_OUT, N_HID]),
        b2: param(&v.vector("b2", N_OUT), [1, N_OUT]),
    };
    let x = tensor(&x_in, [1, N_IN], &ad);
    let y = tensor(&y_in, [1, N_OUT], &ad);
    let mut tape = Tape::new();
    let fw = forward(&mut tape, x.clone(), y.clone(), &params, Break::of(v));
    let grads = fw.loss.backward();
    let all = [&params.w1, &params.b1, &params.w2, &params.b2];
    let param_grads = all.map(|t| grad_of(t, &grads, &ad));
    // The gradient step, off the graph: θ ← θ − α·∂L/∂θ.
    let plain = all.map(|t| t.clone().without_autodiff());
    let next: Vec<Tensor<2>> = plain
        .iter()
        .zip(&param_grads)
        .map(|(t, g)| t.clone() - g.clone().mul_scalar(lr as f32))
        .collect();
    let stepped = Params {
        w1: next[0].clone(),
        b1: next[1].clone(),
        w2: next[2].clone(),
        b2: next[3].clone(),
    };
    let after = forward(
        &mut Tape::new(),
        x.without_autodiff(),
        y.without_autodiff(),
        &stepped,
        Break::Correct,
    );

    let mut rb = Readback::new();
    let graph = tape.read_into(&grads, &mut rb);
    let [z1_at, a1_at, z2_at, p_at] = rb.add_all([fw.z1, fw.a1, fw.z2, fw.p]);
    let loss_at = rb.add(fw.loss);
    let grads_at = rb.add_all(param_grads);
    let plain_at = rb.add_all(plain);
    let next_at: Vec<Slot> = next.into_iter().map(|t| rb.add(t)).collect();
    let loss_next_at = rb.add(after.loss);
    let r = rb.read().await?;
    let graph = graph.resolve(&r);
    let grad = |name: &str| {
        graph
            .node(name)
            .and_then(|n| n.grad.clone())
            .unwrap_or_default()
    };
    let (grad_z1, grad_a1, grad_z2, grad_p) = (grad("z1"), grad("a1"), grad("z2"), grad("ŷ"));
    Ok(NetNumbers {
        x: x_in,
        y: y_in,
        lr,
        z1: r[z1_at].clone(),
        a1: r[a1_at].clone(),
        z2: r[z2_at].clone(),
        p: r[p_at].clone(),
        loss: r.scalar(loss_at),
        grad_z1,
        grad_a1,
        grad_z2,
        grad_p,
        grad_w1: rows(&r[grads_at[0]], N_IN),
        grad_b1: r[grads_at[1]].clone(),
        grad_w2: rows(&r[grads_at[2]], N_HID),
        grad_b2: r[grads_at[3]].clone(),
        w1: rows(&r[plain_at[0]], N_IN),
        b1: r[plain_at[1]].clone(),
        w2: rows(&r[plain_at[2]], N_HID),
        b2: r[plain_at[3]].clone(),
        w1_next: rows(&r[next_at[0]], N_IN),
        b1_next: r[next_at[1]].clone(),
        w2_next: rows(&r[next_at[2]], N_HID),
        b2_next: r[next_at[3]].clone(),
        loss_next: r.scalar(loss_next_at),
        graph,
    })
}

//! The computation with burn: Q = XW_Q, K = XW_K, V = XW_V; per head Sₕ = QₕKₕᵀ/√d_k,
//! Aₕ = softmax(Sₕ) along each row, headₕ = AₕVₕ; H = Concat(heads), O = H·W_O with two heads
//! (O = H with one); L = ½‖O − T‖²; backward through zero taps; one gradient step on the weights.

use burn::prelude::*;

use super::setup::{D, N, heads};
use crate::autograph::{Graph, Tape, Var};
use crate::base::readback::{Readback, Slot, tensor};
use crate::lessons::kit::breaks::Break;
use crate::lessons::kit::{TraceError, Values};

pub type Mat = Vec<Vec<f64>>;

/// A trained weight matrix: its value, ∂L/∂W and the value after the step.
pub struct Param {
    /// `WQ`, `WK`, `WV` or `WO`, as in the settings.
    pub name: &'static str,
    pub value: Mat,
    pub grad: Mat,
    pub next: Mat,
}

/// Every number of the lesson, read back from burn in one transaction.
pub struct AttnNumbers {
    pub heads: usize,
    /// Width of one head's queries and keys: d_model / heads.
    pub dk: usize,
    pub lr: f64,
    pub x: Mat,
    pub t: Mat,
    pub q: Mat,
    pub k: Mat,
    pub v: Mat,
    /// Scores and weights, one 3×3 matrix per head.
    pub s: Vec<Mat>,
    pub a: Vec<Mat>,
    /// The heads' outputs side by side.
    pub h: Mat,
    pub o: Mat,
    pub loss: f64,
    pub g_q: Mat,
    pub g_k: Mat,
    pub g_v: Mat,
    pub g_s: Vec<Mat>,
    pub g_a: Vec<Mat>,
    pub g_h: Mat,
    pub g_o: Mat,
    /// W_Q, W_K, W_V, and W_O when there are two heads.
    pub params: Vec<Param>,
    /// The forward pass as it ran.
    pub graph: Graph,
}

impl AttnNumbers {
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.name == name)
    }
}

/// Row-major numbers as rows of `cols`.
fn rows(flat: &[f64], cols: usize) -> Mat {
    flat.chunks(cols).map(<[f64]>::to_vec).collect()
}

pub async fn compute(v: &Values, device: &Device) -> Result<AttnNumbers, TraceError> {
    let dev = device.clone().autodiff();
    let heads = heads(v);
    let dk = D / heads;
    let lr = v.get("lr");
    let x_in = v.matrix("X", N, D);
    let t_in = v.matrix("T", N, D);
    let names: &[&'static str] = if heads == 2 {
        &["WQ", "WK", "WV", "WO"]
    } else {
        &["WQ", "WK", "WV"]
    };
    let w_in: Vec<Mat> = names.iter().map(|n| v.matrix(n, D, D)).collect();

    // The forward pass runs through a tape: it keeps every node's gradient and the graph.
    let mut tape = Tape::new();
    let x = tape.input("X", tensor(&x_in.concat(), [N, D], &dev));
    let t = tape.input("T", tensor(&t_in.concat(), [N, D], &dev));
    let w: Vec<Var<2>> = names
        .iter()
        .zip(&w_in)
        .map(|(&n, m)| tape.param(n, tensor(&m.concat(), [D, D], &dev).require_grad()))
        .collect();
    let q = tape.matmul(&x, &w[0]);
    tape.name(&q, "Q");
    let k = tape.matmul(&x, &w[1]);
    tape.name(&k, "K");
    let val = tape.matmul(&x, &w[2]);
    tape.name(&val, "V");
    let scale = 1.0 / (dk as f64).sqrt();
    let (mut s_ids, mut a_ids, mut outs) = (vec![], vec![], vec![]);
    for head in 0..heads {
        let cols = head * dk..(head + 1) * dk;
        let qh = tape.slice(&q, 0..N, cols.clone());
        let kh = tape.slice(&k, 0..N, cols.clone());
        let vh = tape.slice(&val, 0..N, cols);
        let kt = tape.transpose(&kh);
        let qk = tape.matmul(&qh, &kt);
        let s = tape.scale(&qk, scale);
        tape.name(&s, &format!("S{}", head + 1));
        // Each query's row sums to 1: the softmax runs over the keys.
        let a = tape.softmax(&s);
        tape.name(&a, &format!("A{}", head + 1));
        outs.push(tape.matmul(&a, &vh));
        s_ids.push(s.id());
        a_ids.push(a.id());
    }
    let h = if heads > 1 {
        tape.concat(&outs)
    } else {
        outs[0].clone()
    };
    tape.name(&h, "H");
    let o = match w.get(3) {
        Some(wo) => {
            let o = tape.matmul(&h, wo);
            tape.name(&o, "O");
            o
        }
        // One head: O is H itself.
        None => h.clone(),
    };
    let gap = tape.sub(&o, &t);
    let squared = tape.square(&gap);
    let total = tape.sum(&squared);
    let loss = tape.scale(&total, 0.5);
    tape.name(&loss, "L");
    let grads = tape.loss(&loss, Break::of(v)).tensor().backward();
    let ids = [q.id(), k.id(), val.id(), h.id(), o.id(), loss.id()];
    let w: Vec<Tensor<2>> = w.iter().map(Var::tensor).collect();
    let grad = |x: &Tensor<2>, shape: [usize; 2]| {
        x.grad(&grads)
            .unwrap_or_else(|| Tensor::zeros(shape, &dev))
            .without_autodiff()
    };

    let mut rb = Readback::new();
    let graph = tape.read_into(&grads, &mut rb);
    // Each weight matrix's (gradient, updated value) slots.
    let params_at: Vec<[Slot; 2]> = w
        .iter()
        .map(|wi| {
            let g = grad(wi, [D, D]);
            // The gradient step, outside the graph: W ← W − α·∂L/∂W.
            let next = wi.clone().without_autodiff() - g.clone().mul_scalar(lr as f32);
            rb.add_all([g, next])
        })
        .collect();
    let r = rb.read().await?;
    let graph = graph.resolve(&r);
    let value = |id: usize| graph.nodes[id].value.clone();
    let grad = |id: usize| {
        let n = &graph.nodes[id];
        n.grad.clone().unwrap_or_else(|| vec![0.0; n.value.len()])
    };
    let m = |slot: Slot| rows(&r[slot], D);
    let params = names
        .iter()
        .zip(w_in)
        .zip(params_at)
        .map(|((&name, value), [grad_at, next_at])| Param {
            name,
            value,
            grad: m(grad_at),
            next: m(next_at),
        })
        .collect();
    Ok(AttnNumbers {
        heads,
        dk,
        lr,
        x: x_in,
        t: t_in,
        q: rows(&value(ids[0]), D),
        k: rows(&value(ids[1]), D),
        v: rows(&value(ids[2]), D),
        h: rows(&value(ids[3]), D),
        o: rows(&value(ids[4]), D),
        loss: value(ids[5])[0],
        g_q: rows(&grad(ids[0]), D),
        g_k: rows(&grad(ids[1]), D),
        g_v: rows(&grad(ids[2]), D),
        g_h: rows(&grad(ids[3]), D),
        g_o: rows(&grad(ids[4]), D),
        s: s_ids.iter().map(|&i| rows(&value(i), N)).collect(),
        a: a_ids.iter().map(|&i| rows(&value(i), N)).collect(),
        g_s: s_ids.iter().map(|&i| rows(&grad(i), N)).collect(),
        g_a: a_ids.iter().map(|&i| rows(&grad(i), N)).collect(),
        params,
        graph,
    })
}

//! The computation with burn: Q = XW_Q, K = XW_K, V = XW_V; per head Sₕ = QₕKₕᵀ/√d_k,
//! Aₕ = softmax(Sₕ) along each row, headₕ = AₕVₕ; H = Concat(heads), O = H·W_O with two heads
//! (O = H with one); L = ½‖O − T‖²; backward through zero taps; one gradient step on the weights.

use burn::prelude::*;
use burn::tensor::activation::softmax;

use super::{D, N, heads, views, walkthrough};
use crate::lessons::kit::breaks::{self, Break};
use crate::lessons::kit::readback::{Readback, tensor};
use crate::lessons::kit::{LessonTrace, Quantity, Role, TraceError, Values};
use crate::math::Formula;
use crate::model::value::Value;

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

    let x = tensor(&x_in.concat(), [N, D], &dev);
    let t = tensor(&t_in.concat(), [N, D], &dev);
    let w: Vec<Tensor<2>> = w_in
        .iter()
        .map(|m| tensor(&m.concat(), [D, D], &dev).require_grad())
        .collect();
    // Zero taps: adding them changes nothing, and their gradients are those of the sums.
    let tap = |r: usize, c: usize| Tensor::<2>::zeros([r, c], &dev).require_grad();
    let (tq, tk, tv, th, to) = (tap(N, D), tap(N, D), tap(N, D), tap(N, D), tap(N, D));
    let q = x.clone().matmul(w[0].clone()) + tq.clone();
    let k = x.clone().matmul(w[1].clone()) + tk.clone();
    let val = x.matmul(w[2].clone()) + tv.clone();
    let scale = 1.0 / (dk as f64).sqrt();
    let (mut s_all, mut a_all, mut s_taps, mut a_taps, mut outs) =
        (vec![], vec![], vec![], vec![], vec![]);
    for head in 0..heads {
        let cols = head * dk..(head + 1) * dk;
        let qh = q.clone().slice([0..N, cols.clone()]);
        let kh = k.clone().slice([0..N, cols.clone()]);
        let vh = val.clone().slice([0..N, cols]);
        let (ts, ta) = (tap(N, N), tap(N, N));
        let s = qh.matmul(kh.transpose()).mul_scalar(scale) + ts.clone();
        // Each query's row sums to 1: the softmax runs over the keys (dimension 1).
        let a = softmax(s.clone(), 1) + ta.clone();
        outs.push(a.clone().matmul(vh));
        s_all.push(s);
        a_all.push(a);
        s_taps.push(ts);
        a_taps.push(ta);
    }
    let h = Tensor::cat(outs, 1) + th.clone();
    let o = match w.get(3) {
        Some(wo) => h.clone().matmul(wo.clone()),
        None => h.clone(),
    } + to.clone();
    let loss = breaks::loss((o.clone() - t).square().sum().mul_scalar(0.5), Break::of(v));
    let grads = loss.backward();
    let grad = |x: &Tensor<2>, shape: [usize; 2]| {
        x.grad(&grads)
            .unwrap_or_else(|| Tensor::zeros(shape, &dev))
            .without_autodiff()
    };

    let mut rb = Readback::new();
    for t in [&q, &k, &val, &h, &o] {
        rb.add(t.clone());
    }
    rb.add(loss);
    for t in [&tq, &tk, &tv, &th, &to] {
        rb.add(grad(t, [N, D]));
    }
    for i in 0..heads {
        rb.add(s_all[i].clone());
        rb.add(a_all[i].clone());
        rb.add(grad(&s_taps[i], [N, N]));
        rb.add(grad(&a_taps[i], [N, N]));
    }
    for wi in &w {
        let g = grad(wi, [D, D]);
        // The gradient step, outside the graph: W ← W − α·∂L/∂W.
        let next = wi.clone().without_autodiff() - g.clone().mul_scalar(lr as f32);
        rb.add(g);
        rb.add(next);
    }
    let r = rb.read().await?;
    let m = |i: usize| rows(&r[i], D);
    let sq = |i: usize| rows(&r[i], N);
    let per_head = |k: usize| (0..heads).map(|i| sq(11 + 4 * i + k)).collect::<Vec<_>>();
    let base = 11 + 4 * heads;
    let params = names
        .iter()
        .zip(w_in)
        .enumerate()
        .map(|(i, (&name, value))| Param {
            name,
            value,
            grad: m(base + 2 * i),
            next: m(base + 2 * i + 1),
        })
        .collect();
    Ok(AttnNumbers {
        heads,
        dk,
        lr,
        x: x_in,
        t: t_in,
        q: m(0),
        k: m(1),
        v: m(2),
        h: m(3),
        o: m(4),
        loss: r[5][0],
        g_q: m(6),
        g_k: m(7),
        g_v: m(8),
        g_h: m(9),
        g_o: m(10),
        s: per_head(0),
        a: per_head(1),
        g_s: per_head(2),
        g_a: per_head(3),
        params,
    })
}

fn quantity(name: String, label: Formula, role: Role, value: &Mat, grad: Option<&Mat>) -> Quantity {
    Quantity {
        name,
        label,
        role,
        value: Value::Matrix(value.clone()),
        grad: grad.map(|g| Value::Matrix(g.clone())),
        updated: None,
    }
}

pub async fn trace(v: &Values, device: &Device) -> Result<LessonTrace, TraceError> {
    let n = compute(v, device).await?;
    let sym = |plain: &str, tex: &str| Formula::new().both(plain, tex);
    let mut quantities = vec![
        quantity("X".into(), sym("X", "X"), Role::Input, &n.x, None),
        quantity("T".into(), sym("T", "T"), Role::Input, &n.t, None),
    ];
    for p in &n.params {
        let mut q = quantity(
            p.name.into(),
            walkthrough::weight_symbol(p.name),
            Role::Param,
            &p.value,
            Some(&p.grad),
        );
        q.updated = Some(Value::Matrix(p.next.clone()));
        quantities.push(q);
    }
    for (name, value, grad) in [
        ("Q", &n.q, &n.g_q),
        ("K", &n.k, &n.g_k),
        ("V", &n.v, &n.g_v),
    ] {
        quantities.push(quantity(
            name.into(),
            sym(name, name),
            Role::Node,
            value,
            Some(grad),
        ));
    }
    for i in 0..n.heads {
        let s = walkthrough::head_name("S", n.heads, i);
        let a = walkthrough::head_name("A", n.heads, i);
        let s_sym = walkthrough::head_symbol("S", n.heads, i);
        let a_sym = walkthrough::head_symbol("A", n.heads, i);
        quantities.push(quantity(s, s_sym, Role::Node, &n.s[i], Some(&n.g_s[i])));
        quantities.push(quantity(a, a_sym, Role::Node, &n.a[i], Some(&n.g_a[i])));
    }
    if n.heads == 2 {
        quantities.push(quantity(
            "H".into(),
            sym("H", "H"),
            Role::Node,
            &n.h,
            Some(&n.g_h),
        ));
    }
    quantities.push(quantity(
        "O".into(),
        sym("O", "O"),
        Role::Node,
        &n.o,
        Some(&n.g_o),
    ));
    let next = n
        .params
        .iter()
        .flat_map(|p| {
            (0..D).flat_map(move |a| {
                (0..D).map(move |b| (format!("{}[{a}][{b}]", p.name), p.next[a][b]))
            })
        })
        .collect();
    Ok(LessonTrace {
        loss: Some(n.loss),
        steps: walkthrough::steps(&n),
        quantities,
        metrics: vec![],
        views: views::views(&n),
        next,
        graph: None,
    })
}

//! Lesson `backprop-352`: every node, gradient and update burn computes, against a plain f64
//! network with hand-derived backpropagation and central finite differences; the steps, the
//! views and the errata's truths.

use burn::prelude::Device;
use engine::lessons::backprop_352::{self, errata::errata, model};
use engine::lessons::kit::{Phase, Values, View};
use engine::state::number::format_number;
use engine::state::setting::Settings;

const PARAMS: [(&str, usize, usize); 4] = [("W1", 5, 3), ("b1", 5, 0), ("W2", 2, 5), ("b2", 2, 0)];

/// Every setting name of a weight or bias.
fn param_names() -> Vec<String> {
    let mut out = Vec::new();
    for (base, rows, cols) in PARAMS {
        for i in 0..rows {
            if cols == 0 {
                out.push(format!("{base}[{i}]"));
            }
            for j in 0..cols {
                out.push(format!("{base}[{i}][{j}]"));
            }
        }
    }
    out
}

/// The network in f64, with offsets added to z¹, a¹, z², ŷ (for finite differences on nodes).
struct Net {
    z1: Vec<f64>,
    a1: Vec<f64>,
    z2: Vec<f64>,
    p: Vec<f64>,
    loss: f64,
}

fn forward(v: &Values, off: &[Vec<f64>; 4]) -> Net {
    let (x, y) = (v.vector("x", 3), v.vector("y", 2));
    let (w1, b1) = (v.matrix("W1", 5, 3), v.vector("b1", 5));
    let (w2, b2) = (v.matrix("W2", 2, 5), v.vector("b2", 2));
    let z1: Vec<f64> = (0..5)
        .map(|i| (0..3).map(|j| w1[i][j] * x[j]).sum::<f64>() + b1[i] + off[0][i])
        .collect();
    let a1: Vec<f64> = (0..5)
        .map(|i| 1.0 / (1.0 + (-z1[i]).exp()) + off[1][i])
        .collect();
    let z2: Vec<f64> = (0..2)
        .map(|k| (0..5).map(|i| w2[k][i] * a1[i]).sum::<f64>() + b2[k] + off[2][k])
        .collect();
    let e: Vec<f64> = z2.iter().map(|z| z.exp()).collect();
    let p: Vec<f64> = (0..2).map(|k| e[k] / (e[0] + e[1]) + off[3][k]).collect();
    let loss = -(0..2).map(|k| y[k] * p[k].ln()).sum::<f64>();
    Net {
        z1,
        a1,
        z2,
        p,
        loss,
    }
}

fn no_offsets() -> [Vec<f64>; 4] {
    [vec![0.0; 5], vec![0.0; 5], vec![0.0; 2], vec![0.0; 2]]
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn setups() -> Vec<Values> {
    let mut other = backprop_352::article_values();
    other
        .apply_all([
            "x[0]=-2",
            "x[2]=3",
            "y[0]=0",
            "y[1]=1",
            "W1[3][1]=1.5",
            "b2[1]=-0.7",
        ])
        .unwrap();
    let mut soft = backprop_352::article_values();
    soft.apply_all(["y[0]=0.3", "y[1]=0.5", "W2[1][4]=-2", "lr=0.1"])
        .unwrap();
    vec![backprop_352::article_values(), other, soft]
}

#[test]
fn values_and_gradients_match_hand_derived_backpropagation() {
    let device = Device::flex();
    for v in setups() {
        let n = pollster::block_on(model::compute(&v, &device)).unwrap();
        let o = forward(&v, &no_offsets());
        let (x, y, lr) = (v.vector("x", 3), v.vector("y", 2), v.get("lr"));
        let (w1, b1) = (v.matrix("W1", 5, 3), v.vector("b1", 5));
        let (w2, b2) = (v.matrix("W2", 2, 5), v.vector("b2", 2));
        assert!(close(n.loss, o.loss, 1e-5), "{} vs {}", n.loss, o.loss);
        let y_sum: f64 = y.iter().sum();
        let d2: Vec<f64> = (0..2).map(|k| o.p[k] * y_sum - y[k]).collect();
        let ga1: Vec<f64> = (0..5)
            .map(|i| (0..2).map(|k| w2[k][i] * d2[k]).sum())
            .collect();
        let d1: Vec<f64> = (0..5).map(|i| ga1[i] * o.a1[i] * (1.0 - o.a1[i])).collect();
        for k in 0..2 {
            assert!(close(n.z2[k], o.z2[k], 1e-5));
            assert!(close(n.p[k], o.p[k], 1e-5));
            assert!(close(n.grad_p[k], -y[k] / o.p[k], 1e-4));
            assert!(close(n.grad_z2[k], d2[k], 1e-5));
            assert!(close(n.grad_b2[k], d2[k], 1e-5));
            assert!(close(n.b2_next[k], b2[k] - lr * d2[k], 1e-5));
            for (i, a) in o.a1.iter().enumerate() {
                let g = d2[k] * a;
                assert!(close(n.grad_w2[k][i], g, 1e-5));
                assert!(close(n.w2_next[k][i], w2[k][i] - lr * g, 1e-5));
            }
        }
        for i in 0..5 {
            assert!(close(n.z1[i], o.z1[i], 1e-5));
            assert!(close(n.a1[i], o.a1[i], 1e-5));
            assert!(close(n.grad_a1[i], ga1[i], 1e-5));
            assert!(close(n.grad_z1[i], d1[i], 1e-5));
            assert!(close(n.grad_b1[i], d1[i], 1e-5));
            assert!(close(n.b1_next[i], b1[i] - lr * d1[i], 1e-5));
            for j in 0..3 {
                let g = d1[i] * x[j];
                assert!(close(n.grad_w1[i][j], g, 1e-5));
                assert!(close(n.w1_next[i][j], w1[i][j] - lr * g, 1e-5));
            }
        }
        let after = forward(&model_next(&v, &n), &no_offsets());
        assert!(close(n.loss_next, after.loss, 1e-4));
    }
}

/// The settings after the lesson's step, written by hand from its updated numbers.
fn model_next(v: &Values, n: &model::NetNumbers) -> Values {
    let mut next = v.clone();
    for i in 0..5 {
        next.put(&format!("b1[{i}]"), n.b1_next[i]);
        for j in 0..3 {
            next.put(&format!("W1[{i}][{j}]"), n.w1_next[i][j]);
        }
    }
    for k in 0..2 {
        next.put(&format!("b2[{k}]"), n.b2_next[k]);
        for i in 0..5 {
            next.put(&format!("W2[{k}][{i}]"), n.w2_next[k][i]);
        }
    }
    next
}

#[test]
fn gradients_match_central_finite_differences() {
    let device = Device::flex();
    let h = 1e-6;
    for v in setups().into_iter().take(2) {
        let t = pollster::block_on((backprop_352::LESSON.trace)(&v, &device)).unwrap();
        let n = pollster::block_on(model::compute(&v, &device)).unwrap();
        for name in param_names() {
            let at = |d: f64| {
                let mut w = v.clone();
                w.put(&name, v.get(&name) + d);
                forward(&w, &no_offsets()).loss
            };
            let fd = (at(h) - at(-h)) / (2.0 * h);
            let (base, rest) = name.split_once('[').unwrap();
            let idx: Vec<usize> = rest
                .split(['[', ']'])
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            let grad = t.quantity(base).unwrap().grad.as_ref().unwrap().flat();
            let cols = if base.starts_with('W') {
                PARAMS.iter().find(|p| p.0 == base).unwrap().2
            } else {
                1
            };
            let g = grad[idx[0] * cols + idx.get(1).copied().unwrap_or(0)];
            assert!(close(g, fd, 1e-4), "∂L/∂{name}: {g} vs {fd}");
        }
        let nodes: [(&str, &Vec<f64>); 4] = [
            ("z1", &n.grad_z1),
            ("a1", &n.grad_a1),
            ("z2", &n.grad_z2),
            ("p", &n.grad_p),
        ];
        for (slot, (name, grad)) in nodes.iter().enumerate() {
            for (i, &g) in grad.iter().enumerate() {
                let at = |d: f64| {
                    let mut off = no_offsets();
                    off[slot][i] = d;
                    forward(&v, &off).loss
                };
                let fd = (at(h) - at(-h)) / (2.0 * h);
                assert!(close(g, fd, 1e-4), "∂L/∂{name}[{i}]: {g} vs {fd}");
            }
        }
    }
}

/// The number a step target names, looked up in the computed numbers.
fn target_value(n: &model::NetNumbers, target: &str) -> f64 {
    if target == "loss" {
        return n.loss;
    }
    let (kind, rest) = target.split_once('[').unwrap();
    let idx: Vec<usize> = rest
        .split(['[', ']'])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    let (i, j) = (idx[0], idx.get(1).copied().unwrap_or(0));
    match kind {
        "z1" => n.z1[i],
        "a1" => n.a1[i],
        "z2" => n.z2[i],
        "p" => n.p[i],
        "grad:p" => n.grad_p[i],
        "grad:z2" => n.grad_z2[i],
        "grad:W2" => n.grad_w2[i][j],
        "grad:b2" => n.grad_b2[i],
        "grad:a1" => n.grad_a1[i],
        "grad:z1" => n.grad_z1[i],
        "grad:W1" => n.grad_w1[i][j],
        "grad:b1" => n.grad_b1[i],
        "updated:W2" => n.w2_next[i][j],
        "updated:b2" => n.b2_next[i],
        "updated:W1" => n.w1_next[i][j],
        "updated:b1" => n.b1_next[i],
        other => panic!("unexpected step {other}"),
    }
}

#[test]
fn every_step_shows_the_number_of_the_trace() {
    let device = Device::flex();
    for v in setups() {
        let t = pollster::block_on((backprop_352::LESSON.trace)(&v, &device)).unwrap();
        let n = pollster::block_on(model::compute(&v, &device)).unwrap();
        assert_eq!(t.steps.len(), 15 + 46 + 32);
        for s in &t.steps {
            let expected = target_value(&n, &s.target);
            assert_eq!(s.value, expected, "{}", s.target);
            assert!(
                s.substituted.plain.ends_with(&format_number(expected, 4)),
                "{}",
                s.target
            );
        }
        let phases: Vec<Phase> = t.steps.iter().map(|s| s.phase).collect();
        assert!(phases.is_sorted_by_key(|p| *p as u8));
    }
    let v = backprop_352::article_values();
    let t = pollster::block_on((backprop_352::LESSON.trace)(&v, &device)).unwrap();
    let step = |target: &str| t.steps.iter().find(|s| s.target == target).unwrap();
    assert_eq!(step("grad:z2[0]").formula.plain, "∂L/∂z²₁ = ŷ₁ − y₁");
    assert_eq!(
        step("grad:z1[2]").formula.plain,
        "∂L/∂z¹₃ = ∂L/∂a¹₃·a¹₃(1 − a¹₃)"
    );
    assert_eq!(step("grad:W1[4][2]").formula.plain, "∂L/∂W¹₅₃ = ∂L/∂z¹₅·x₃");
}

#[test]
fn views_hold_the_trace_numbers() {
    let device = Device::flex();
    let v = backprop_352::article_values();
    let t = pollster::block_on((backprop_352::LESSON.trace)(&v, &device)).unwrap();
    let n = pollster::block_on(model::compute(&v, &device)).unwrap();
    let [View::Table(table), View::Heatmap(w2), View::Heatmap(w1)] = t.views.as_slice() else {
        panic!("expected a table and two heatmaps");
    };
    assert_eq!(table.rows.len(), 2 + 5);
    assert_eq!(table.rows[0][5], format_number(n.grad_z2[0], 4));
    assert_eq!(table.rows[2 + 4][5], format_number(n.grad_z1[4], 4));
    assert_eq!(w2.cells, n.grad_w2);
    assert_eq!(w1.cells, n.grad_w1);
}

#[test]
fn training_lowers_the_loss_and_extremes_never_panic() {
    let device = Device::flex();
    let mut v = backprop_352::article_values();
    let first = pollster::block_on(model::compute(&v, &device)).unwrap();
    assert!(first.loss_next < first.loss);
    for _ in 0..20 {
        let t = pollster::block_on((backprop_352::LESSON.trace)(&v, &device)).unwrap();
        assert!(t.all_finite());
        v = t.advance(&v);
    }
    let later = pollster::block_on(model::compute(&v, &device))
        .unwrap()
        .loss;
    assert!(later < first.loss / 2.0, "{later} vs {}", first.loss);
    let mut v = backprop_352::article_values();
    let mut extreme = vec!["lr=100".to_string(), "x[0]=10".into(), "x[1]=-10".into()];
    extreme.extend(param_names().into_iter().map(|name| format!("{name}=10")));
    v.apply_all(extreme.iter().map(String::as_str)).unwrap();
    // Like the page: steps until a trace holds a NaN or ∞ (the page then stops with its
    // "diverged" banner). Until then the loss is the f64 oracle's; the stop may only come
    // where f32 cannot hold the output's probabilities (here the first update sends z² to
    // about ±100, and ŷ₂ = e^−225 rounds to 0 in f32).
    let mut diverged = false;
    for step in 0..5 {
        let t = pollster::block_on((backprop_352::LESSON.trace)(&v, &device)).unwrap();
        let net = forward(&v, &no_offsets());
        if !t.all_finite() {
            assert!(
                crate::oracle::softmax_beyond_f32(&net.z2),
                "step {step}: not finite though f32 holds every probability: z² = {:?}",
                net.z2
            );
            diverged = true;
            break;
        }
        assert!(
            close(t.loss.unwrap(), net.loss, 1e-4),
            "step {step}: {:?} vs {}",
            t.loss,
            net.loss
        );
        v = t.advance(&v);
    }
    assert!(diverged, "lr = 100 from weights of 10 leaves f32's range");
}

#[test]
fn errata_truths_are_the_oracle_values() {
    let device = Device::flex();
    let rows = pollster::block_on(errata(&backprop_352::setup::article_values(), &device)).unwrap();
    let row = |id: &str| rows.iter().find(|r| r.id == id).unwrap();
    let v = backprop_352::article_values();
    let o = forward(&v, &no_offsets());
    let list = |v: &[f64]| {
        let items: Vec<String> = v.iter().map(|&x| format_number(x, 4)).collect();
        format!("[{}]", items.join(", "))
    };
    let w2 = v.matrix("W2", 2, 5);
    let d2 = [o.p[0] - 1.0, o.p[1]];
    let ga1: Vec<f64> = (0..5)
        .map(|i| w2[0][i] * d2[0] + w2[1][i] * d2[1])
        .collect();
    let d1: Vec<f64> = (0..5).map(|i| ga1[i] * o.a1[i] * (1.0 - o.a1[i])).collect();
    let w2_row: Vec<f64> = o.a1.iter().map(|a| d2[0] * a).collect();
    assert_eq!(
        row("setup").truth.en,
        format!(
            "x = [1, 0.5, −1], y = [1, 0]: ŷ = {}, L = {}",
            list(&o.p),
            format_number(o.loss, 4)
        )
    );
    assert_eq!(
        row("output-grad").truth.en,
        format!(
            "∂L/∂z² = ŷ − y = {}; ∂L/∂W² = (ŷ − y)·a¹ᵀ (2×5), row 1 = {}",
            list(&d2),
            list(&w2_row)
        )
    );
    assert_eq!(
        row("hidden-grad").truth.en,
        format!("δ¹ = (W²ᵀδ²) ⊙ a¹(1 − a¹) = {}", list(&d1))
    );
    assert_eq!(
        row("hidden-grad").recomputed,
        Some(engine::i18n::Phrase::same(format!(
            "Σₖ δ²ₖ W²ₖᵢ = {}",
            list(&ga1)
        )))
    );
    assert_eq!(
        row("names").truth.en,
        "∂L/∂W¹ (input → hidden, 5×3) = δ¹xᵀ; ∂L/∂W² (hidden → output, 2×5) = δ²a¹ᵀ"
    );
    for r in &rows {
        assert!(!r.explanation.zh.is_empty() && !r.explanation.en.is_empty());
    }
}

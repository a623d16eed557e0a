//! Lesson `softmax-ce`: every value and gradient burn computes, against hand-derived f64
//! formulas and central finite differences; the steps, the views and the errata's truths.

use burn::prelude::Device;
use engine::lessons::kit::{Phase, Values, View};
use engine::lessons::softmax_ce::{self, errata::errata, model};
use engine::state::number::format_number;
use engine::state::setting::Settings;

fn softmax(z: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().map(|v| v / s).collect()
}

fn ce(y: &[f64], p: &[f64]) -> f64 {
    y.iter().zip(p).map(|(y, p)| -y * p.ln()).sum()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn setups() -> Vec<Values> {
    let mut soft = softmax_ce::article_values();
    soft.apply_all(["z[0]=-1.5", "z[1]=0.25", "y[0]=0.6", "y[1]=0.3", "lr=0.3"])
        .unwrap();
    let mut far = softmax_ce::article_values();
    far.apply_all(["z[0]=-20", "z[1]=20", "lr=1000"]).unwrap();
    vec![softmax_ce::article_values(), soft, far]
}

#[test]
fn values_and_gradients_match_the_hand_derived_formulas() {
    let device = Device::flex();
    for v in setups() {
        let n = pollster::block_on(model::compute(&v, &device)).unwrap();
        let (z, y, lr) = (v.vector("z", 2), v.vector("y", 2), v.get("lr"));
        let p = softmax(&z);
        let y_sum: f64 = y.iter().sum();
        assert!(
            close(n.loss, ce(&y, &p), 1e-5),
            "{} vs {}",
            n.loss,
            ce(&y, &p)
        );
        let z_next: Vec<f64> = (0..2).map(|k| z[k] - lr * (p[k] * y_sum - y[k])).collect();
        let p_next = softmax(&z_next);
        for k in 0..2 {
            assert!(close(n.exp_z[k], z[k].exp(), 1e-5));
            assert!(close(n.p[k], p[k], 1e-5), "p{k}: {} vs {}", n.p[k], p[k]);
            assert!(close(n.terms[k], -y[k] * p[k].ln(), 1e-5));
            // ∂L/∂ŷₖ = −yₖ/ŷₖ; ∂L/∂zₖ = ŷₖ Σy − yₖ (ŷₖ − yₖ for one-hot labels).
            assert!(close(n.grad_p[k], -y[k] / p[k], 1e-4));
            assert!(close(n.grad_z[k], p[k] * y_sum - y[k], 1e-5));
            assert!(close(n.z_next[k], z_next[k], 1e-5));
            assert!(close(n.p_next[k], p_next[k], 1e-5));
        }
    }
}

#[test]
fn gradients_match_central_finite_differences() {
    let device = Device::flex();
    for v in setups().into_iter().take(2) {
        let n = pollster::block_on(model::compute(&v, &device)).unwrap();
        let (z, y) = (v.vector("z", 2), v.vector("y", 2));
        let p = softmax(&z);
        let h = 1e-6;
        for k in 0..2 {
            let along_z = |d: f64| {
                let mut q = z.clone();
                q[k] += d;
                ce(&y, &softmax(&q))
            };
            let fd_z = (along_z(h) - along_z(-h)) / (2.0 * h);
            assert!(
                close(n.grad_z[k], fd_z, 1e-4),
                "∂L/∂z{k}: {} vs {fd_z}",
                n.grad_z[k]
            );
            let along_p = |d: f64| {
                let mut q = p.clone();
                q[k] += d;
                ce(&y, &q)
            };
            let fd_p = (along_p(h) - along_p(-h)) / (2.0 * h);
            assert!(
                close(n.grad_p[k], fd_p, 1e-4),
                "∂L/∂ŷ{k}: {} vs {fd_p}",
                n.grad_p[k]
            );
        }
    }
}

#[test]
fn every_step_shows_the_number_of_the_trace() {
    let device = Device::flex();
    for v in setups().into_iter().take(2) {
        let t = pollster::block_on((softmax_ce::LESSON.trace)(&v, &device)).unwrap();
        let n = pollster::block_on(model::compute(&v, &device)).unwrap();
        assert_eq!(t.steps.len(), 2 + 2 + 2 + 1 + 2 + 2 + 2 + 2);
        for s in &t.steps {
            let expected = match s.target.as_str() {
                "loss" => n.loss,
                target => {
                    let (kind, k) = target.split_once('[').unwrap();
                    let k: usize = k.trim_end_matches(']').parse().unwrap();
                    match kind {
                        "exp" => n.exp_z[k],
                        "p" => n.p[k],
                        "terms" => n.terms[k],
                        "grad:p" => n.grad_p[k],
                        "grad:z" => n.grad_z[k],
                        "updated:z" => n.z_next[k],
                        "updated:p" => n.p_next[k],
                        other => panic!("unexpected step {other}"),
                    }
                }
            };
            assert_eq!(s.value, expected, "{}", s.target);
            assert!(s.substituted.plain.ends_with(&format_number(expected, 4)));
        }
        assert_eq!(t.steps[0].phase, Phase::Forward);
        assert_eq!(t.steps.last().unwrap().phase, Phase::Update);
    }
    // One-hot labels show the gradient as ŷ − y.
    let t = pollster::block_on((softmax_ce::LESSON.trace)(
        &softmax_ce::article_values(),
        &device,
    ))
    .unwrap();
    let g = t.steps.iter().find(|s| s.target == "grad:z[0]").unwrap();
    assert_eq!(g.formula.plain, "∂L/∂z₁ = ŷ₁ − y₁");
    assert_eq!(g.substituted.plain, "= 0.7311 − 1 = −0.2689");
}

#[test]
fn views_hold_the_trace_numbers() {
    let device = Device::flex();
    let v = softmax_ce::article_values();
    let t = pollster::block_on((softmax_ce::LESSON.trace)(&v, &device)).unwrap();
    let [View::Table(table), View::Surface(surface)] = t.views.as_slice() else {
        panic!("expected a table and a surface");
    };
    assert_eq!(
        table.rows[0],
        ["A", "2", "7.3891", "0.7311", "1", "0.3133", "−0.2689"]
    );
    assert_eq!(
        table.rows[1],
        ["B", "1", "2.7183", "0.2689", "0", "0", "0.2689"]
    );
    assert_eq!(surface.z.len(), model::GRID);
    for (row, col) in [(0, 0), (3, 17), (24, 5), (12, 12)] {
        let z = [model::grid(col), model::grid(row)];
        let expected = ce(&[1.0, 0.0], &softmax(&z));
        assert!(close(surface.z[row][col], expected, 1e-5), "{row},{col}");
    }
}

#[test]
fn training_lowers_the_loss_and_extremes_never_panic() {
    let device = Device::flex();
    let mut v = softmax_ce::article_values();
    let first = pollster::block_on(model::compute(&v, &device))
        .unwrap()
        .loss;
    for _ in 0..10 {
        let t = pollster::block_on((softmax_ce::LESSON.trace)(&v, &device)).unwrap();
        v = t.advance(&v);
    }
    let later = pollster::block_on(model::compute(&v, &device))
        .unwrap()
        .loss;
    assert!(later < first / 2.0, "{later} vs {first}");
    // Like the page: steps until a trace holds a NaN or ∞ (the page then stops with its
    // "diverged" banner). Until then the loss is the f64 oracle's; the stop may only come
    // where f32 cannot hold e^z or ŷ (lr = 1000 sends the logits to about ±980).
    let mut v = setups().pop().unwrap();
    let mut diverged = false;
    for step in 0..5 {
        let t = pollster::block_on((softmax_ce::LESSON.trace)(&v, &device)).unwrap();
        let (z, y) = (v.vector("z", 2), v.vector("y", 2));
        if !t.all_finite() {
            assert!(
                crate::oracle::softmax_beyond_f32(&z),
                "step {step}: not finite though f32 holds e^z and ŷ: z = {z:?}"
            );
            diverged = true;
            break;
        }
        let want = ce(&y, &softmax(&z));
        assert!(
            close(t.loss.unwrap(), want, 1e-4),
            "step {step}: {:?} vs {want}",
            t.loss
        );
        v = t.advance(&v);
    }
    assert!(diverged, "lr = 1000 from z = [−20, 20] leaves f32's range");
}

#[test]
fn errata_truths_are_the_oracle_values() {
    let device = Device::flex();
    let rows = pollster::block_on(errata(&softmax_ce::setup::article_values(), &device)).unwrap();
    let row = |id: &str| rows.iter().find(|r| r.id == id).unwrap();
    let f = |v: f64| format_number(v, 4);
    let p = softmax(&[2.0, 1.0]);
    let loss = ce(&[1.0, 0.0], &p);
    assert_eq!(
        row("setup").truth.en,
        format!(
            "z = [2, 1], y = [1, 0]: ŷ = [{}, {}], L = {}, ∂L/∂z = [{}, {}]",
            f(p[0]),
            f(p[1]),
            f(loss),
            f(p[0] - 1.0),
            f(p[1])
        )
    );
    assert_eq!(
        row("shared-theta").truth.en,
        "ŷ(z) = [0.7311, 0.2689] = ŷ(z + 5) = [0.7311, 0.2689]"
    );
    assert_eq!(row("counts").truth.en, f(2f64.ln()));
    assert_eq!(row("counts").truth.en, "0.6931");
    assert_eq!(
        row("counts").recomputed.as_ref().map(|p| p.en.as_str()),
        Some("69.3147")
    );
    assert_eq!(row("labels").truth.en, "A: [−0.4, 0.4]; B: [0.6, −0.6]");
    assert_eq!(
        row("labels").recomputed.as_ref().map(|p| p.en.as_str()),
        Some("A: [0, 0]; B: [0, 0]")
    );
    // 003 §4.2.2: the truth is ŷ − y, checked by central differences of the loss; the
    // article's formula (1/ŷ dropped) is, for the one-hot label [1, 0], ŷ₀·(ŷ − y) by hand.
    let h = 1e-6;
    let fd: Vec<f64> = (0..2)
        .map(|j| {
            let mut up = [2.0, 1.0];
            let mut down = [2.0, 1.0];
            up[j] += h;
            down[j] -= h;
            (ce(&[1.0, 0.0], &softmax(&up)) - ce(&[1.0, 0.0], &softmax(&down))) / (2.0 * h)
        })
        .collect();
    assert_eq!(
        row("ce-gradient-003").truth.en,
        format!("∂L/∂z = [{}, {}]", f(fd[0]), f(fd[1]))
    );
    assert_eq!(
        row("ce-gradient-003")
            .recomputed
            .as_ref()
            .map(|p| p.en.as_str()),
        Some(
            format!(
                "−Σₖ y*ₖ·∂ŷₖ/∂z = [{}, {}]",
                f(p[0] * (p[0] - 1.0)),
                f(p[0] * p[1])
            )
            .as_str()
        )
    );
    for r in &rows {
        assert!(!r.explanation.zh.is_empty() && !r.explanation.en.is_empty());
    }
}

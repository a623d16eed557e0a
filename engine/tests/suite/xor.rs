//! Lesson `xor`: every value and gradient burn computes, against hand-derived f64 formulas and
//! central finite differences; training behaviour of both models; the errata's truths.

// The oracle loops by sample and input index, as the formulas are written.
#![allow(clippy::needless_range_loop)]

use burn::prelude::Device;
use engine::lessons::kit::{LessonTrace, Values, View};
use engine::lessons::xor::{self, H, X, boundary, errata};
use engine::state::number::format_number;
use engine::state::setting::Settings;

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The oracle's forward pass: hidden activations (empty for `single`), logits, predictions.
struct Fwd {
    h: Vec<Vec<f64>>,
    a: Vec<Vec<f64>>,
    z: Vec<f64>,
    p: Vec<f64>,
}

fn hidden(v: &Values) -> bool {
    v.choice("model") == "hidden"
}

fn forward_at(v: &Values, pt: [f64; 2]) -> (Vec<f64>, Vec<f64>, f64) {
    if hidden(v) {
        let (w1, b1) = (v.matrix("W1", H, 2), v.vector("b1", H));
        let a: Vec<f64> = (0..H)
            .map(|k| w1[k][0] * pt[0] + w1[k][1] * pt[1] + b1[k])
            .collect();
        let h: Vec<f64> = a.iter().map(|x| x.tanh()).collect();
        let w2 = v.vector("W2", H);
        let z = (0..H).map(|k| w2[k] * h[k]).sum::<f64>() + v.get("b2");
        (a, h, z)
    } else {
        let w = v.vector("W", 2);
        (vec![], vec![], w[0] * pt[0] + w[1] * pt[1] + v.get("b"))
    }
}

fn forward(v: &Values) -> Fwd {
    let mut f = Fwd {
        h: vec![],
        a: vec![],
        z: vec![],
        p: vec![],
    };
    for pt in X {
        let (a, h, z) = forward_at(v, pt);
        f.a.push(a);
        f.h.push(h);
        f.z.push(z);
        f.p.push(sigmoid(z));
    }
    f
}

fn loss(v: &Values) -> f64 {
    let y = v.vector("y", 4);
    forward(v)
        .p
        .iter()
        .zip(&y)
        .map(|(p, y)| (p - y).powi(2))
        .sum::<f64>()
        / 4.0
}

/// Hand-derived gradients: ∂L/∂ŷ = (ŷ − y)/2, ∂L/∂z = ∂L/∂ŷ·ŷ(1 − ŷ), then the chain rule.
fn gradients(v: &Values) -> Vec<(String, f64)> {
    let f = forward(v);
    let y = v.vector("y", 4);
    let gz: Vec<f64> = (0..4)
        .map(|s| (f.p[s] - y[s]) / 2.0 * f.p[s] * (1.0 - f.p[s]))
        .collect();
    let mut out = vec![];
    if hidden(v) {
        let w2 = v.vector("W2", H);
        let ga = |s: usize, k: usize| gz[s] * w2[k] * (1.0 - f.h[s][k].powi(2));
        for k in 0..H {
            for j in 0..2 {
                out.push((
                    format!("W1[{k}][{j}]"),
                    (0..4).map(|s| ga(s, k) * X[s][j]).sum(),
                ));
            }
        }
        for k in 0..H {
            out.push((format!("b1[{k}]"), (0..4).map(|s| ga(s, k)).sum()));
        }
        for k in 0..H {
            out.push((format!("W2[{k}]"), (0..4).map(|s| gz[s] * f.h[s][k]).sum()));
        }
        out.push(("b2".into(), gz.iter().sum()));
    } else {
        for j in 0..2 {
            out.push((format!("W[{j}]"), (0..4).map(|s| gz[s] * X[s][j]).sum()));
        }
        out.push(("b".into(), gz.iter().sum()));
    }
    out
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn with(mut v: Values, sets: &[&str]) -> Values {
    v.apply_all(sets.iter().copied()).unwrap();
    v
}

fn setups() -> Vec<Values> {
    let art = xor::article_values();
    vec![
        art.clone(),
        with(art.clone(), &["model=hidden"]),
        with(art.clone(), &["model=hidden", "seed=7", "y[0]=1", "lr=0.3"]),
        with(art, &["W[0]=2.5", "W[1]=-1.5", "b=0.3", "y[3]=1"]),
    ]
    .into_iter()
    .map(|mut v| {
        // A new seed needs new weights.
        if v.get("seed") != 0.0 {
            xor::reseed(&mut v);
        }
        v
    })
    .collect()
}

fn trace(v: &Values) -> LessonTrace {
    pollster::block_on((xor::LESSON.trace)(v, &Device::flex())).unwrap()
}

fn flat(t: &LessonTrace, name: &str) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let q = t
        .quantity(name)
        .unwrap_or_else(|| panic!("no quantity {name}"));
    let g = q.grad.as_ref().map(|g| g.flat()).unwrap_or_default();
    let u = q.updated.as_ref().map(|u| u.flat()).unwrap_or_default();
    (q.value.flat(), g, u)
}

#[test]
fn values_gradients_and_updates_match_the_hand_derived_formulas() {
    for v in setups() {
        let t = trace(&v);
        let f = forward(&v);
        assert!(close(t.loss.unwrap(), loss(&v), 1e-5));
        let (z, _, _) = flat(&t, "z");
        let (p, gp, _) = flat(&t, "p");
        let y = v.vector("y", 4);
        for s in 0..4 {
            assert!(close(z[s], f.z[s], 1e-5));
            assert!(close(p[s], f.p[s], 1e-5));
            assert!(close(gp[s], (f.p[s] - y[s]) / 2.0, 1e-5));
        }
        if hidden(&v) {
            let (a, _, _) = flat(&t, "a");
            let (h, _, _) = flat(&t, "h");
            for s in 0..4 {
                for k in 0..H {
                    assert!(close(a[s * H + k], f.a[s][k], 1e-5));
                    assert!(close(h[s * H + k], f.h[s][k], 1e-5));
                }
            }
        }
        let lr = v.get("lr");
        for (name, g) in gradients(&v) {
            let (base, i) = match name.split_once('[') {
                Some((b, rest)) => (b.to_string(), rest),
                None => (name.clone(), ""),
            };
            let (vals, grads, upd) = flat(&t, &base);
            // Position of the entry in the flattened quantity.
            let idx: Vec<usize> = i
                .split(['[', ']'])
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            let at = match idx.as_slice() {
                [] => 0,
                [i] => *i,
                [k, j] => k * 2 + j,
                _ => unreachable!(),
            };
            assert!(close(vals[at], v.get(&name), 1e-6), "{name}");
            assert!(
                close(grads[at], g, 1e-4),
                "∂L/∂{name}: {} vs {g}",
                grads[at]
            );
            assert!(
                close(upd[at], v.get(&name) - lr * g, 1e-4),
                "updated {name}"
            );
        }
    }
}

#[test]
fn gradients_match_central_finite_differences() {
    let h = 1e-6;
    for v in setups() {
        let t = trace(&v);
        for (name, _) in gradients(&v) {
            let at = |d: f64| {
                let mut w = v.clone();
                w.put(&name, v.get(&name) + d);
                loss(&w)
            };
            let fd = (at(h) - at(-h)) / (2.0 * h);
            let step = t
                .steps
                .iter()
                .find(|s| s.target == format!("grad:{name}"))
                .unwrap();
            assert!(
                close(step.value, fd, 1e-4),
                "∂L/∂{name}: {} vs {fd}",
                step.value
            );
        }
    }
}

#[test]
fn every_step_shows_the_number_of_the_trace() {
    for v in setups() {
        let t = trace(&v);
        let (n_params, nodes) = if hidden(&v) {
            (4 * H + 1, 2 * 4 * H)
        } else {
            (3, 0)
        };
        // Forward: nodes, z, ŷ, loss; backward: ŷ, z, nodes, params; update: params.
        assert_eq!(
            t.steps.len(),
            nodes + 8 + 1 + 8 + nodes + n_params + n_params
        );
        for s in &t.steps {
            let (kind, rest) = s.target.split_once(':').unwrap_or(("value", &s.target));
            let expected = if rest == "loss" {
                t.loss.unwrap()
            } else {
                let (base, idx) = rest.split_once('[').unwrap_or((rest, ""));
                let (vals, grads, upd) = flat(&t, base);
                let idx: Vec<usize> = idx
                    .split(['[', ']'])
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse().unwrap())
                    .collect();
                let cols = match base {
                    "a" | "h" => H,
                    _ => 2,
                };
                let at = match idx.as_slice() {
                    [] => 0,
                    [i] => *i,
                    [r, c] => r * cols + c,
                    _ => unreachable!(),
                };
                match kind {
                    "value" => vals[at],
                    "grad" => grads[at],
                    "updated" => upd[at],
                    other => panic!("unexpected step kind {other}"),
                }
            };
            assert_eq!(s.value, expected, "{}", s.target);
            assert!(
                s.substituted.plain.ends_with(&format_number(expected, 4)),
                "{}",
                s.target
            );
        }
    }
}

#[test]
fn the_boundary_heatmap_is_the_model_on_the_grid() {
    for v in setups() {
        let t = trace(&v);
        let View::Heatmap(map) = &t.views[0] else {
            panic!("expected the boundary heatmap")
        };
        assert_eq!(map.cells.len(), boundary::SIDE);
        assert_eq!(map.points.len(), 4);
        for (r, c) in [(0, 0), (3, 17), (20, 20), (39, 5), (39, 39)] {
            let pt = [boundary::coord(c), boundary::coord(r)];
            let want = sigmoid(forward_at(&v, pt).2);
            assert!(close(map.cells[r][c], want, 1e-5), "cell {r},{c}");
        }
    }
}

/// Steps of training with the lesson's own trace; returns the last trace.
fn run(mut v: Values, steps: usize, mut each: impl FnMut(&LessonTrace)) -> LessonTrace {
    let mut t = trace(&v);
    for _ in 0..steps {
        each(&t);
        v = t.advance(&v);
        t = trace(&v);
    }
    t
}

fn accuracy(t: &LessonTrace) -> f64 {
    t.metrics
        .iter()
        .find(|m| m.name == "accuracy")
        .unwrap()
        .value
}

/// f64 gradient descent with the oracle's gradients.
fn oracle_train(mut v: Values, steps: usize) -> Values {
    for _ in 0..steps {
        let lr = v.get("lr");
        for (name, g) in gradients(&v) {
            let x = v.get(&name);
            v.put(&name, x - lr * g);
        }
    }
    v
}

fn oracle_accuracy(v: &Values) -> f64 {
    let y = v.vector("y", 4);
    let p = forward(v).p;
    (0..4).filter(|&s| (p[s] >= 0.5) == (y[s] >= 0.5)).count() as f64 / 4.0
}

#[test]
fn the_single_layer_never_beats_the_flat_answer() {
    // Independent check of the floor: a grid over (W₀, W₁, b) never goes below 0.25.
    let mut v = xor::article_values();
    let mut best = f64::INFINITY;
    for i in -24..=24 {
        for j in -24..=24 {
            for k in -24..=24 {
                v.put("W[0]", i as f64 * 0.5);
                v.put("W[1]", j as f64 * 0.5);
                v.put("b", k as f64 * 0.5);
                best = best.min(loss(&v));
            }
        }
    }
    assert!(best >= 0.25 - 1e-12, "{best}");
    // Training from several seeds (oracle in f64 for speed): loss ≥ 0.25, never 100 %.
    for seed in 0..4 {
        let mut v = with(xor::article_values(), &[&format!("seed={seed}")]);
        xor::reseed(&mut v);
        for _ in 0..30 {
            v = oracle_train(v, 100);
            assert!(loss(&v) >= 0.25 - 1e-9);
            assert!(oracle_accuracy(&v) < 1.0);
        }
    }
    // And burn's own run of the lesson, from the article's seed.
    let t = run(xor::article_values(), 300, |t| {
        assert!(t.loss.unwrap() >= 0.25 - 1e-6);
        assert!(accuracy(t) < 1.0);
    });
    assert!(t.loss.unwrap() < trace(&xor::article_values()).loss.unwrap());
}

#[test]
fn the_hidden_layer_learns_xor_from_the_default_seed() {
    let v = with(xor::article_values(), &["model=hidden"]);
    let first = trace(&v).loss.unwrap();
    let mut solved_at = None;
    let mut step = 0;
    let t = run(v, 200, |t| {
        if solved_at.is_none() && accuracy(t) == 1.0 {
            solved_at = Some(step);
        }
        step += 1;
    });
    assert!(
        solved_at.is_some_and(|s| s <= 200),
        "not solved; loss {}",
        t.loss.unwrap()
    );
    eprintln!("hidden model solved XOR at step {solved_at:?}");
    assert!(t.loss.unwrap() < first / 4.0);
    assert_eq!(
        t.metrics.iter().find(|m| m.name == "epoch").unwrap().value,
        200.0
    );
}

#[test]
fn errata_truths_are_the_oracle_values() {
    let rows = pollster::block_on(errata::errata(&xor::article_values(), &Device::flex())).unwrap();
    let row = |id: &str| rows.iter().find(|r| r.id == id).unwrap();
    let trained = oracle_train(xor::article_values(), errata::STEPS);
    let want = format!(
        "L ≥ 0.25 (ŷ = 0.5 everywhere); after {} steps from seed 0: L = {}, accuracy {} %",
        errata::STEPS,
        format_number(loss(&trained), 4),
        format_number(100.0 * oracle_accuracy(&trained), 4)
    );
    assert_eq!(row("single-layer").truth.en, want);
    assert_eq!(row("accuracy").truth.en, "≤ 75 % (3 of 4)");
    for r in &rows {
        assert!(!r.explanation.zh.is_empty() && !r.explanation.en.is_empty());
    }
}

#[test]
fn extreme_settings_never_panic() {
    let art = xor::article_values();
    for sets in [
        &["lr=1000", "W[0]=100", "W[1]=-100", "b=100"][..],
        &[
            "model=hidden",
            "lr=1000",
            "W1[0][0]=100",
            "W2[1]=-100",
            "b2=100",
        ][..],
        &["model=hidden", "lr=1000", "y[0]=1", "y[3]=1"][..],
    ] {
        let v = with(art.clone(), sets);
        let t = run(v, 20, |_| {});
        assert!(t.all_finite(), "{sets:?}: saturated sigmoids stay finite");
    }
}

#[test]
fn reseed_is_deterministic_and_seed_dependent() {
    let a = xor::article_values();
    let b = xor::article_values();
    assert_eq!(a, b);
    let mut c = with(a.clone(), &["seed=1"]);
    xor::reseed(&mut c);
    assert_ne!(a.get("W[0]"), c.get("W[0]"));
    assert!(a.values.iter().all(|x| x.abs() <= 1.0 || *x == 1.0));
}

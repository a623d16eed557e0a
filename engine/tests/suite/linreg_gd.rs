//! Lesson `linreg-gd`: every value and gradient burn computes, against hand-derived f64 formulas
//! and central finite differences; the stability limit; the errata's truths against an f64 run.

use burn::prelude::Device;
use engine::lessons::kit::{LessonTrace, Phase, Values, View};
use engine::lessons::linreg_gd::{self, errata, model};
use engine::state::number::format_number;
use engine::state::setting::Settings;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn data(m: usize) -> (Vec<f64>, Vec<f64>) {
    (
        (1..=m).map(|i| 2.0 * i as f64).collect(),
        (1..=m).map(|i| i as f64).collect(),
    )
}

/// MSE = (1/m) Σ (w xᵢ + b − yᵢ)², in f64.
fn mse(m: usize, w: f64, b: f64) -> f64 {
    let (x, y) = data(m);
    x.iter()
        .zip(&y)
        .map(|(x, y)| (w * x + b - y).powi(2))
        .sum::<f64>()
        / m as f64
}

/// (∂MSE/∂w, ∂MSE/∂b) = (2/m) Σ (ŷᵢ − yᵢ)(xᵢ, 1).
fn grad(m: usize, w: f64, b: f64) -> (f64, f64) {
    let (x, y) = data(m);
    let r: Vec<f64> = x.iter().zip(&y).map(|(x, y)| w * x + b - y).collect();
    let k = 2.0 / m as f64;
    (
        k * r.iter().zip(&x).map(|(r, x)| r * x).sum::<f64>(),
        k * r.iter().sum::<f64>(),
    )
}

/// The article's printed (1/m) Σ (yᵢ − ŷᵢ)(xᵢ, 1): −½ of the gradient.
fn printed(m: usize, w: f64, b: f64) -> (f64, f64) {
    let (gw, gb) = grad(m, w, b);
    (-gw / 2.0, -gb / 2.0)
}

/// f64 GD: the MSE of each iteration in `at` (before its update) and (w, b) after `n` updates.
fn gd(m: usize, w0: f64, b0: f64, lr: f64, n: usize, at: &[usize]) -> (Vec<f64>, f64, f64) {
    let (mut w, mut b, mut out) = (w0, b0, vec![]);
    for k in 1..=n {
        if at.contains(&k) {
            out.push(mse(m, w, b));
        }
        let (gw, gb) = grad(m, w, b);
        (w, b) = (w - lr * gw, b - lr * gb);
    }
    (out, w, b)
}

/// 2 / λ_max of the Hessian 2·[[Σx², Σx], [Σx, m]] / m, from its trace and determinant.
fn lr_max(m: usize) -> f64 {
    let (x, _) = data(m);
    let n = m as f64;
    let (a, c, off) = (
        2.0 * x.iter().map(|x| x * x).sum::<f64>() / n,
        2.0,
        2.0 * x.iter().sum::<f64>() / n,
    );
    let tr = a + c;
    let det = a * c - off * off;
    2.0 / (tr / 2.0 + (tr * tr / 4.0 - det).sqrt())
}

/// The numbers in a displayed text (`−` as minus), skipping labels such as `(1/n)Σ(yᵢ`.
fn numbers(text: &str) -> Vec<f64> {
    text.replace('\u{2212}', "-")
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter_map(|s| s.parse().ok())
        .collect()
}

fn setups() -> Vec<Values> {
    let mut other = linreg_gd::article_values();
    other
        .apply_all(["m=7", "w=-0.3", "b=2", "lr=0.01"])
        .unwrap();
    let mut article = errata::article_formula_values();
    article.apply_all(["w=0.7", "b=-0.4"]).unwrap();
    vec![linreg_gd::article_values(), other, article]
}

fn trace(v: &Values) -> LessonTrace {
    pollster::block_on((linreg_gd::LESSON.trace)(v, &Device::flex())).unwrap()
}

#[test]
fn values_and_gradients_match_the_hand_derived_formulas() {
    let device = Device::flex();
    for v in setups() {
        let n = pollster::block_on(model::compute(&v, &device)).unwrap();
        let (m, w, b, lr) = (v.get("m") as usize, v.get("w"), v.get("b"), v.get("lr"));
        let (x, y) = data(m);
        assert!(
            close(n.loss, mse(m, w, b), 1e-5),
            "{} vs {}",
            n.loss,
            mse(m, w, b)
        );
        for i in 0..m {
            assert!(close(n.pred[i], w * x[i] + b, 1e-6));
            let g = 2.0 * (w * x[i] + b - y[i]) / m as f64;
            assert!(close(n.grad_pred[i], g, 1e-5), "∂L/∂ŷ{i}");
        }
        let (gw, gb) = grad(m, w, b);
        assert!(close(n.grad_w, gw, 1e-4), "{} vs {gw}", n.grad_w);
        assert!(close(n.grad_b, gb, 1e-4), "{} vs {gb}", n.grad_b);
        let (dw, db) = if v.choice("formula") == "article" {
            printed(m, w, b)
        } else {
            (gw, gb)
        };
        assert!(close(n.dir_w, dw, 1e-4) && close(n.dir_b, db, 1e-4));
        assert!(close(n.w_next, w - lr * dw, 1e-5) && close(n.b_next, b - lr * db, 1e-5));
        for (p, x) in n.probes.iter().zip(linreg_gd::PROBES) {
            assert!(close(*p, w * x + b, 1e-6));
        }
        assert!(
            close(n.lr_max(), lr_max(m), 1e-5),
            "{} vs {}",
            n.lr_max(),
            lr_max(m)
        );
    }
}

#[test]
fn gradients_match_central_finite_differences() {
    let device = Device::flex();
    for v in setups() {
        let n = pollster::block_on(model::compute(&v, &device)).unwrap();
        let (m, w, b) = (v.get("m") as usize, v.get("w"), v.get("b"));
        let h = 1e-6;
        let fd_w = (mse(m, w + h, b) - mse(m, w - h, b)) / (2.0 * h);
        let fd_b = (mse(m, w, b + h) - mse(m, w, b - h)) / (2.0 * h);
        assert!(close(n.grad_w, fd_w, 1e-4), "∂L/∂w {} vs {fd_w}", n.grad_w);
        assert!(close(n.grad_b, fd_b, 1e-4), "∂L/∂b {} vs {fd_b}", n.grad_b);
        // ∂L/∂ŷᵢ: nudge one prediction alone.
        let (x, y) = data(m);
        for i in [0, m - 1] {
            let at = |d: f64| {
                (0..m)
                    .map(|j| (w * x[j] + b + if j == i { d } else { 0.0 } - y[j]).powi(2))
                    .sum::<f64>()
                    / m as f64
            };
            let fd = (at(h) - at(-h)) / (2.0 * h);
            assert!(close(n.grad_pred[i], fd, 1e-4), "∂L/∂ŷ{i}");
        }
    }
}

#[test]
fn every_step_shows_the_number_of_the_trace() {
    for v in setups() {
        let t = trace(&v);
        let m = v.get("m") as usize;
        assert_eq!(t.steps.len(), 2 * m + 5);
        let q = |name: &str| t.quantity(name).unwrap();
        for s in &t.steps {
            let expected = match s.target.as_str() {
                "loss" => t.loss.unwrap(),
                "grad:w" => q("w").grad.as_ref().unwrap().flat()[0],
                "grad:b" => q("b").grad.as_ref().unwrap().flat()[0],
                "updated:w" => q("w").updated.as_ref().unwrap().flat()[0],
                "updated:b" => q("b").updated.as_ref().unwrap().flat()[0],
                target => {
                    let (kind, i) = target.split_once('[').unwrap();
                    let i: usize = i.trim_end_matches(']').parse().unwrap();
                    match kind {
                        "pred" => q("pred").value.flat()[i],
                        "grad:pred" => q("pred").grad.as_ref().unwrap().flat()[i],
                        other => panic!("unexpected step {other}"),
                    }
                }
            };
            assert_eq!(s.value, expected, "{}", s.target);
            assert!(
                s.substituted.plain.ends_with(&format_number(expected, 4)),
                "{}",
                s.substituted.plain
            );
        }
        assert_eq!(t.steps[0].phase, Phase::Forward);
        assert_eq!(t.steps.last().unwrap().phase, Phase::Update);
    }
}

#[test]
fn training_falls_with_the_gradient_and_climbs_with_the_printed_formula() {
    let mut v = linreg_gd::article_values();
    let mut losses = vec![];
    for _ in 0..12 {
        let t = trace(&v);
        losses.push(t.loss.unwrap());
        v = t.advance(&v);
    }
    assert!(losses.windows(2).all(|w| w[1] < w[0]), "{losses:?}");
    assert_eq!(v.get("t"), 12.0);
    // The run recorded its own MSE at iterations 1 and 10, and the table shows them.
    assert!(close(v.get("mse_1"), mse(100, 0.1, 0.1), 1e-5));
    assert_eq!(v.get("mse_10"), losses[9]);
    let t = trace(&v);
    let Some(View::Table(table)) = t
        .views
        .iter()
        .find(|view| matches!(view, View::Table(t) if t.id == "mse_table"))
    else {
        panic!("no MSE table");
    };
    assert_eq!(
        table.rows[0],
        vec!["1".to_string(), "0.45".into(), format_number(losses[0], 4)]
    );
    assert_eq!(table.rows[2][2], "—");

    let mut v = errata::article_formula_values();
    let first = trace(&v).loss.unwrap();
    for _ in 0..5 {
        v = trace(&v).advance(&v);
    }
    assert!(trace(&v).loss.unwrap() > 10.0 * first);
}

#[test]
fn the_stability_limit_separates_convergence_from_divergence() {
    let device = Device::flex();
    for m in [100, 9] {
        let mut v = linreg_gd::article_values();
        v.put("m", m as f64);
        let limit = trace(&v)
            .metrics
            .iter()
            .find(|x| x.name == "lr_max")
            .unwrap()
            .value;
        assert!(close(limit, lr_max(m), 1e-5));
        for (factor, converges) in [(0.97, true), (1.03, false)] {
            v.put("lr", factor * limit);
            let r = pollster::block_on(model::run(&v, 400, &[1, 400], &device)).unwrap();
            if converges {
                assert!(
                    r.mse[1] < 1e-2 * r.mse[0],
                    "m = {m}, α = {factor}·limit: {:?}",
                    r.mse
                );
            } else {
                assert!(
                    r.mse[1] > 1e2 * r.mse[0],
                    "m = {m}, α = {factor}·limit: {:?}",
                    r.mse
                );
            }
        }
    }
}

#[test]
fn the_surface_holds_the_start_the_optimum_and_the_true_mse() {
    let t = trace(&linreg_gd::article_values());
    let Some(View::Surface(s)) = t.views.first() else {
        panic!("no surface")
    };
    let inside = |(lo, hi): (f64, f64), v: f64| lo < v && v < hi;
    assert!(inside(s.x_range, 0.1) && inside(s.x_range, 0.5));
    assert!(inside(s.y_range, 0.1) && inside(s.y_range, 0.0));
    let ws = linreg_gd::surface::axis(s.x_range);
    let bs = linreg_gd::surface::axis(s.y_range);
    assert_eq!(s.z.len(), bs.len());
    for (r, c) in [(0, 0), (7, 30), (40, 40), (20, 10)] {
        assert!(close(s.z[r][c], mse(100, ws[c], bs[r]), 1e-5));
    }
    assert_eq!(
        (s.paths[0].x_name.as_str(), s.paths[0].y_name.as_str()),
        ("w", "b")
    );
}

#[test]
fn errata_truths_are_the_oracle_values() {
    let device = Device::flex();
    let started = std::time::Instant::now();
    let rows =
        pollster::block_on(errata::errata(&linreg_gd::setup::article_values(), &device)).unwrap();
    eprintln!("errata took {:?}", started.elapsed());
    let row = |id: &str| rows.iter().find(|r| r.id == id).unwrap();
    // The data are y = x/2 exactly: the least-squares fit is w = 0.5, b = 0, and it predicts
    // half of 3, 5 and 10; the MSE at the start is the oracle's, to four digits.
    let why = |id: &str| row(id).explanation.en.clone();
    assert!(
        why("converged").contains("optimum is w = 0.5, b = 0 (MSE 0)"),
        "{}",
        why("converged")
    );
    assert!(
        why("predictions").contains("the exact fit gives 1.5, 2.5, 5)"),
        "{}",
        why("predictions")
    );
    assert!(
        why("mse_1").contains("off by 79.9 at sample 100"),
        "{}",
        why("mse_1")
    );
    let lr = linreg_gd::article_values().get("lr");
    let (table, w, b) = gd(100, 0.1, 0.1, lr, 1000, &[1, 10, 100, 1000]);
    let f = |v: f64| format_number(v, 4);
    // f32 (summed in SIMD lanes natively) agrees with f64 to about 1e-7 relative.
    assert!(
        row("mse_1").truth.en.starts_with("2157.3"),
        "{}",
        row("mse_1").truth.en
    );
    assert!(close(
        row("mse_1").truth.en.parse().unwrap(),
        table[0],
        1e-6
    ));
    // f32 over 1000 steps: compare the later rows numerically.
    let ours: Vec<f64> = row("mse_table")
        .truth
        .en
        .split(", ")
        .map(|s| s.parse().unwrap())
        .collect();
    for (a, b) in ours.iter().zip(&table[1..]) {
        assert!((a - b).abs() < 2e-4, "{a} vs {b}");
    }
    // f32 carries about 7 digits: large truths are compared as numbers.
    let (gw, gb) = grad(100, 0.1, 0.1);
    let near = |text: &str, expected: &[f64]| {
        let got = numbers(text);
        assert_eq!(got.len(), expected.len(), "{text}");
        for (a, b) in got.iter().zip(expected) {
            assert!(close(*a, *b, 1e-6), "{text}: {a} vs {b}");
        }
    };
    near(&row("gradient").truth.en, &[gb, gw]);
    let (pw, pb) = printed(100, 0.1, 0.1);
    near(
        row("gradient")
            .recomputed
            .as_ref()
            .map(|p| p.en.as_str())
            .unwrap(),
        &[pb, pw],
    );
    near(&row("scale").truth.en, &[gw * 50.0]);
    assert_eq!(
        row("learning_rate").truth.en,
        format!("α < 2/λ_max = {}", f(lr_max(100)))
    );
    assert_eq!(row("learning_rate").truth.en, "α < 2/λ_max = 7.388e−5");
    // The printed formula, followed for 10 updates: half-steps of gradient ascent.
    let (mut cw, mut cb) = (0.1, 0.1);
    for _ in 0..errata::CLIMB_STEPS {
        let (dw, db) = printed(100, cw, cb);
        (cw, cb) = (cw - lr * dw, cb - lr * db);
    }
    let climb: Vec<f64> = row("climb")
        .truth
        .en
        .split(" → ")
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(close(climb[1], mse(100, cw, cb), 1e-3) && climb[1] > climb[0]);
    let r = pollster::block_on(errata::trained_run(
        &linreg_gd::setup::article_values(),
        &device,
    ))
    .unwrap();
    assert!(
        (r.w - w).abs() < 1e-4 && (r.b - b).abs() < 1e-4,
        "{} {} vs {w} {b}",
        r.w,
        r.b
    );
    for (p, x) in r.probes.iter().zip(linreg_gd::PROBES) {
        assert!((p - (w * x + b)).abs() < 1e-3);
    }
    // Fair to the article: its three predictions lie on one line to the decimals it prints
    // (no row may say otherwise), and that line is about y = x.
    assert!(rows.iter().all(|r| r.id != "collinear"));
    let (pw, pb) = errata::printed_predictions_line();
    for (x, printed) in errata::PRINTED_PREDICTIONS {
        assert_eq!(
            format!("{:.2}", pw * x + pb),
            format!("{printed:.2}"),
            "x = {x}"
        );
    }
    assert!((pw - 1.0).abs() < 0.03 && pb.abs() < 0.02, "{pw} {pb}");
    assert_eq!(
        row("predictions").recomputed.clone().unwrap().en,
        format!("w = {}, b = {}", format_number(pw, 4), format_number(pb, 4))
    );
    for r in &rows {
        assert!(!r.explanation.zh.is_empty() && !r.explanation.en.is_empty());
    }
}

#[test]
fn extreme_settings_never_panic() {
    let mut v = linreg_gd::article_values();
    v.apply_all(["m=2", "w=100", "b=-100", "lr=10", "formula=article"])
        .unwrap();
    for _ in 0..60 {
        let t = trace(&v);
        v = t.advance(&v);
    }
    assert!(!v.all_finite() || v.get("w").abs() > 1e6);
    let mut v = linreg_gd::article_values();
    v.apply_all(["lr=10"]).unwrap();
    for _ in 0..40 {
        v = trace(&v).advance(&v);
    }
}

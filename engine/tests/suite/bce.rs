//! Lesson `bce`: every value and gradient burn computes, against hand-derived f64 formulas and
//! central finite differences; the errata's truths against the same oracle.

use burn::prelude::Device;
use engine::lessons::bce::{self, errata::errata, model::compute};
use engine::lessons::kit::{Phase, Values};
use engine::state::setting::Settings;

fn bce_loss(y: &[f64], p: &[f64]) -> f64 {
    let n = y.len() as f64;
    y.iter()
        .zip(p)
        .map(|(y, p)| -(y * p.ln() + (1.0 - y) * (1.0 - p).ln()))
        .sum::<f64>()
        / n
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn setups() -> Vec<Values> {
    let mut out = vec![bce::article_values()];
    let mut v = bce::article_values();
    v.apply_all(["y[0]=1", "p[0]=0.05", "y[2]=0.3", "p[3]=0.999", "lr=2"])
        .unwrap();
    out.push(v);
    out
}

#[test]
fn values_and_gradients_match_the_hand_derived_formulas() {
    let device = Device::flex();
    for v in setups() {
        let n = pollster::block_on(compute(&v, &device)).unwrap();
        let (y, p) = (v.vector("y", 4), v.vector("p", 4));
        assert!(
            close(n.loss, bce_loss(&y, &p), 1e-5),
            "{} vs {}",
            n.loss,
            bce_loss(&y, &p)
        );
        for i in 0..4 {
            let term = -(y[i] * p[i].ln() + (1.0 - y[i]) * (1.0 - p[i]).ln());
            assert!(close(n.terms[i], term, 1e-5));
            // ∂L/∂ŷ = (ŷ − y) / (n ŷ (1 − ŷ)), ∂L/∂z = (ŷ − y) / n.
            assert!(close(
                n.grad_p[i],
                (p[i] - y[i]) / (4.0 * p[i] * (1.0 - p[i])),
                1e-3
            ));
            assert!(close(n.grad_z[i], (p[i] - y[i]) / 4.0, 1e-4));
            let z_next = (p[i] / (1.0 - p[i])).ln() - v.get("lr") * (p[i] - y[i]) / 4.0;
            assert!(close(n.z_next[i], z_next, 1e-4));
            assert!(close(n.p_next[i], sigmoid(z_next), 1e-4));
        }
    }
}

#[test]
fn gradients_match_central_finite_differences() {
    let device = Device::flex();
    let v = bce::article_values();
    let n = pollster::block_on(compute(&v, &device)).unwrap();
    let (y, p) = (v.vector("y", 4), v.vector("p", 4));
    let h = 1e-6;
    for i in 0..4 {
        let at = |d: f64| {
            let mut q = p.clone();
            q[i] += d;
            bce_loss(&y, &q)
        };
        let fd_p = (at(h) - at(-h)) / (2.0 * h);
        assert!(
            close(n.grad_p[i], fd_p, 1e-4),
            "∂L/∂ŷ{i}: {} vs {fd_p}",
            n.grad_p[i]
        );
        let at_z = |d: f64| {
            let mut q = p.clone();
            q[i] = sigmoid((p[i] / (1.0 - p[i])).ln() + d);
            bce_loss(&y, &q)
        };
        let fd_z = (at_z(h) - at_z(-h)) / (2.0 * h);
        assert!(
            close(n.grad_z[i], fd_z, 1e-4),
            "∂L/∂z{i}: {} vs {fd_z}",
            n.grad_z[i]
        );
    }
}

#[test]
fn every_step_shows_the_number_of_the_trace() {
    let device = Device::flex();
    let v = bce::article_values();
    let t = pollster::block_on((bce::LESSON.trace)(&v, &device)).unwrap();
    let n = pollster::block_on(compute(&v, &device)).unwrap();
    assert_eq!(t.steps.len(), 4 + 1 + 4 + 4 + 8);
    for s in &t.steps {
        let expected = match s.target.as_str() {
            "loss" => n.loss,
            target => {
                let (kind, i) = target.split_once('[').unwrap();
                let i: usize = i.trim_end_matches(']').parse().unwrap();
                match kind {
                    "terms" => n.terms[i],
                    "grad:p" => n.grad_p[i],
                    "grad:z" => n.grad_z[i],
                    "updated:z" => n.z_next[i],
                    "updated:p" => n.p_next[i],
                    other => panic!("unexpected step {other}"),
                }
            }
        };
        assert_eq!(s.value, expected, "{}", s.target);
        assert!(
            s.substituted
                .plain
                .ends_with(&engine::state::number::format_number(expected, 4))
        );
    }
    assert_eq!(t.steps[0].phase, Phase::Forward);
    assert_eq!(t.steps.last().unwrap().phase, Phase::Update);
    // Training moves the predictions toward the labels and lowers the loss.
    let next = t.advance(&v);
    let n2 = pollster::block_on(compute(&next, &device)).unwrap();
    assert!(n2.loss < n.loss);
}

#[test]
fn errata_truths_are_the_oracle_values() {
    let device = Device::flex();
    let rows = pollster::block_on(errata(&bce::setup::article_values(), &device)).unwrap();
    let row = |id: &str| rows.iter().find(|r| r.id == id).unwrap();
    let truth = bce_loss(&[0.0, 1.0, 0.0, 1.0], &[0.3, 0.7, 0.5, 0.6]);
    assert_eq!(
        row("loss").truth.en,
        engine::state::number::format_number(truth, 4)
    );
    assert_eq!(row("loss").truth.en, "0.4793");
    assert_eq!(row("sum").truth.en, "6.5105");
    assert_eq!(row("quarter").truth.en, "−1.3764");
    assert_eq!(row("update").truth.en, "[0.08, 0.18]");
    assert_eq!(row("logs").truth.en, "−0.3567, −0.9163, −0.5108");
    assert_eq!(
        row("loss").recomputed.as_ref().map(|p| p.en.as_str()),
        Some("0.675")
    );
    for r in &rows {
        assert!(!r.explanation.zh.is_empty() && !r.explanation.en.is_empty());
    }
}

/// The picture: each term sits on its label's curve, and the tangent drawn there has the
/// curve's slope (central finite differences of the hand-written term), from the model's
/// gradient; one curve per distinct label (a soft label gets its own).
#[test]
fn the_term_curves_put_each_term_on_its_curve_with_its_slope() {
    use engine::lessons::kit::View;
    let device = Device::flex();
    for v in setups() {
        let t = pollster::block_on(bce::trace(&v, &device)).unwrap();
        let Some(View::Plot(plot)) = t.views.iter().find(|w| w.id() == "term-curves") else {
            panic!("no term-curves view");
        };
        let (y, p) = (v.vector("y", 4), v.vector("p", 4));
        let term = |p: f64, y: f64| -(y * p.ln() + (1.0 - y) * (1.0 - p).ln());
        assert_eq!(plot.marks.len(), 4);
        for (i, m) in plot.marks.iter().enumerate() {
            assert!(close(m.x, p[i], 1e-6), "the model's ŷ {i} (f32)");
            assert!(close(m.y, term(p[i], y[i]), 1e-5), "term {i}");
            let h = 1e-5 * p[i].min(1.0 - p[i]);
            let fd = (term(p[i] + h, y[i]) - term(p[i] - h, y[i])) / (2.0 * h);
            let slope = m.slope.unwrap();
            assert!(close(slope, fd, 1e-3), "slope {i}: {slope} vs {fd}");
        }
        let mut distinct: Vec<f64> = y.clone();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        assert_eq!(plot.curves.len(), distinct.len());
        for c in &plot.curves {
            let label: f64 = c.label.trim_start_matches("y = ").parse().unwrap();
            for &(x, l) in c.points.iter().step_by(37) {
                assert!(close(l, term(x, label), 1e-12), "{} at {x}", c.label);
            }
        }
        // Every term is inside the plotted range.
        assert!(plot.marks.iter().all(|m| m.y <= plot.y_range.1));
    }
}

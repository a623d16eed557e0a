//! The burn trace of `mlp-step` against the independent f64 oracle: every node value, node
//! gradient, parameter gradient and SGD update, for y = 0 and y = 1, BCE and MSE.

use crate::oracle::{backward, finite_difference, flatten, forward};
use burn::prelude::Device;
use engine::lessons::mlp_step::article_params;
use engine::model::mlp221::{LossKind, Mlp221Params, Mlp221Trace, trace_step};

const TOL: f64 = 1e-5;

fn trace(p: &Mlp221Params) -> Mlp221Trace {
    pollster::block_on(trace_step(p, &Device::flex())).expect("flex trace")
}

fn close(what: &str, got: f64, want: f64) {
    assert!(
        (got - want).abs() <= TOL * want.abs().max(1.0),
        "{what}: burn gave {got}, the oracle {want}"
    );
}

fn close_all(what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        close(&format!("{what}[{i}]"), *g, *w);
    }
}

fn trace_params_flat(
    t: &Mlp221Trace,
    pick: fn(&engine::model::mlp221::ParamTrace) -> Vec<f64>,
) -> Vec<f64> {
    [&t.w1, &t.b1, &t.w2, &t.b2]
        .into_iter()
        .flat_map(pick)
        .collect()
}

/// Checks one configuration completely against the oracle.
fn check(p: &Mlp221Params) {
    let t = trace(p);
    let f = forward(p);
    let b = backward(p);
    let tag = format!("y={} loss={:?}", p.y, p.loss);

    close(&format!("{tag} loss"), t.loss, f.loss);
    close_all(&format!("{tag} z1"), &t.z1.value.flat(), &f.z1);
    close_all(&format!("{tag} a1"), &t.a1.value.flat(), &f.a1);
    close(&format!("{tag} z2"), t.z2.value.flat()[0], f.z2);
    close(&format!("{tag} a2"), t.a2.value.flat()[0], f.a2);

    close(&format!("{tag} dL/da2"), t.a2.grad.flat()[0], b.d_a2);
    close(&format!("{tag} dL/dz2"), t.z2.grad.flat()[0], b.d_z2);
    close_all(&format!("{tag} dL/da1"), &t.a1.grad.flat(), &b.d_a1);
    close_all(&format!("{tag} dL/dz1"), &t.z1.grad.flat(), &b.d_z1);

    let grads = trace_params_flat(&t, |p| p.grad.flat());
    close_all(&format!("{tag} param grads (hand)"), &grads, &b.d_params);
    let fd: Vec<f64> = (0..9).map(|k| finite_difference(p, k, 1e-6)).collect();
    close_all(
        &format!("{tag} param grads (finite differences)"),
        &grads,
        &fd,
    );

    close_all(
        &format!("{tag} values"),
        &trace_params_flat(&t, |p| p.value.flat()),
        &flatten(p),
    );
    let want_updated: Vec<f64> = flatten(p)
        .iter()
        .zip(&b.d_params)
        .map(|(v, g)| v - p.lr * g)
        .collect();
    close_all(
        &format!("{tag} SGD update"),
        &trace_params_flat(&t, |p| p.updated.flat()),
        &want_updated,
    );
}

fn with(y: f64, loss: LossKind) -> Mlp221Params {
    Mlp221Params {
        y,
        loss,
        ..article_params()
    }
}

#[test]
fn article_setup_bce_label_one() {
    check(&with(1.0, LossKind::Bce));
}

#[test]
fn article_setup_bce_label_zero() {
    check(&with(0.0, LossKind::Bce));
}

#[test]
fn article_setup_mse_label_one() {
    check(&with(1.0, LossKind::Mse));
}

#[test]
fn article_setup_mse_label_zero() {
    check(&with(0.0, LossKind::Mse));
}

/// Unsaturated weights, where every gradient is large enough to test meaningfully.
#[test]
fn moderate_weights_all_labels_and_losses() {
    let base = Mlp221Params {
        x: [0.5, -1.5],
        w1: [[0.3, -0.8], [1.2, 0.4]],
        b1: [0.1, -0.2],
        w2: [-0.7, 1.1],
        b2: 0.05,
        lr: 0.5,
        ..article_params()
    };
    for y in [0.0, 1.0] {
        for loss in [LossKind::Bce, LossKind::Mse] {
            check(&Mlp221Params {
                y,
                loss,
                ..base.clone()
            });
        }
    }
}

/// Repeated steps lower the loss (the update goes downhill).
#[test]
fn repeated_updates_lower_the_loss() {
    let mut p = Mlp221Params {
        lr: 0.5,
        ..article_params()
    };
    let first = trace(&p).loss;
    for _ in 0..50 {
        let t = trace(&p);
        p = t.updated_params(&p);
    }
    let last = trace(&p).loss;
    assert!(last < first * 0.9, "loss went {first} -> {last}");
}

/// The values this lesson's numbers are known to have (hand-computed, f64), guarding the setup.
#[test]
fn article_setup_known_values() {
    let t = trace(&article_params());
    let a11 = 1.0 / (1.0 + (-5.0f64).exp());
    let a2 = 1.0 / (1.0 + (-a11).exp());
    close("z1[0]", t.z1.value.flat()[0], 5.0);
    close("z1[1]", t.z1.value.flat()[1], 11.0);
    close("z2", t.z2.value.flat()[0], a11);
    close("loss", t.loss, -a2.ln());
    close("dL/dz2 = a - y", t.z2.grad.flat()[0], a2 - 1.0);
}

/// A saturated output in f32 gives a non-finite loss, which the trace reports as such.
#[test]
fn saturation_is_reported_not_hidden() {
    let p = Mlp221Params {
        w2: [100.0, 100.0],
        y: 0.0,
        ..article_params()
    };
    let t = trace(&p);
    assert!(
        !t.all_finite(),
        "σ(200) rounds to 1 in f32, so ln(1 − a²) = −∞"
    );
    assert!(trace(&article_params()).all_finite());
}

/// A learning rate far too large drives the sigmoids into saturation until the loss is no
/// longer a finite number: the run the page reports as diverged.
#[test]
fn huge_learning_rate_diverges() {
    let mut p = Mlp221Params {
        lr: 1000.0,
        y: 0.0,
        ..article_params()
    };
    let mut diverged_at = None;
    for step in 0..200 {
        let t = trace(&p);
        if !t.all_finite() {
            diverged_at = Some(step);
            break;
        }
        p = t.updated_params(&p);
    }
    let step = diverged_at.expect("lr = 1000 diverges within 200 steps");
    println!("lr = 1000 diverged at step {step}");
}

//! The step-through and the errata read their numbers from the trace, and the errata
//! are real slips.

use crate::oracle::{backward, forward, sigmoid};
use burn::prelude::Device;
use engine::lessons::kit::Phase;
use engine::lessons::mlp_step::article_params;
use engine::lessons::mlp_step::errata::{ERRATA, Truth};
use engine::lessons::mlp_step::walkthrough::{forward_len, steps, update_lines};
use engine::model::mlp221::trace_step;

#[test]
fn steps_follow_the_trace_in_order() {
    let p = article_params();
    let t = pollster::block_on(trace_step(&p, &Device::flex())).unwrap();
    let s = steps(&p, &t);
    assert_eq!(forward_len(&s), 7);
    assert_eq!(s.len(), engine::lessons::mlp_step::walkthrough::STEP_COUNT);
    let targets: Vec<&str> = s.iter().map(|s| s.target.as_str()).collect();
    assert_eq!(
        &targets[..7],
        ["z1[0]", "a1[0]", "z1[1]", "a1[1]", "z2", "a2", "loss"]
    );
    assert_eq!(targets[7], "grad:a2");
    assert_eq!(targets[8], "grad:z2");
    assert!(s[7..].iter().all(|s| s.phase == Phase::Backward));
    // Every gradient step comes after the steps it uses.
    for (i, step) in s.iter().enumerate() {
        for u in &step.uses {
            if let Some(j) = targets.iter().position(|t| t == u) {
                assert!(j < i, "{} uses {u} before it is revealed", step.target);
            }
        }
    }
    let f = forward(&p);
    let b = backward(&p);
    let value = |name: &str| s.iter().find(|s| s.target == name).unwrap().value;
    assert!((value("a2") - f.a2).abs() < 1e-6);
    assert!((value("grad:z2") - b.d_z2).abs() < 1e-6);
    assert!((value("grad:W1[0][1]") - b.d_params[1]).abs() < 1e-6);
    // The substituted formula ends in the shown value.
    let z = s.iter().find(|s| s.target == "z1[0]").unwrap();
    assert_eq!(z.substituted.plain, "= 1·1 + 2·2 + 0 = 5");
    assert_eq!(z.substituted.tex, r"= 1 \cdot 1 + 2 \cdot 2 + 0 = 5");
    assert_eq!(z.formula.plain, "z¹₁ = W¹₁₁·x₁ + W¹₁₂·x₂ + b¹₁");
    let g = s.iter().find(|s| s.target == "grad:z2").unwrap();
    assert_eq!(
        g.formula.plain,
        "∂L/∂z² = ∂L/∂a²·σ′(z²) = ∂L/∂a²·a²(1 − a²)"
    );
    let u = update_lines(&p, &t);
    let w2 = u.iter().find(|l| l.name == "W2[0]").unwrap();
    assert!((w2.after - (1.0 - 0.01 * b.d_params[6])).abs() < 1e-6);
}

#[test]
fn uses_name_the_right_quantities() {
    let uses = |t: &str| engine::lessons::mlp_step::NETWORK.uses(t);
    assert_eq!(uses("grad:W1[1][0]"), ["grad:z1[1]", "x[0]"]);
    assert_eq!(uses("grad:z1[0]"), ["grad:a1[0]", "a1[0]"]);
    assert_eq!(
        uses("z1[1]"),
        ["W1[1][0]", "W1[1][1]", "x[0]", "x[1]", "b1[1]"]
    );
    assert_eq!(uses("grad:W2[1]"), ["grad:z2", "a1[1]"]);
    assert_eq!(uses("grad:a1[1]"), ["grad:z2", "W2[1]"]);
    assert_eq!(uses("loss"), ["a2", "y"]);
    assert_eq!(uses("updated:b2"), ["b2", "grad:b2"]);
}

/// The 3-5-2 network's softmax: an output and the logits' gradient read every logit or output.
#[test]
fn uses_of_the_softmax_network() {
    let uses = |t: &str| engine::lessons::backprop_352::NETWORK.uses(t);
    assert_eq!(uses("p[1]"), ["z2[0]", "z2[1]"]);
    assert_eq!(uses("grad:z2[0]"), ["p[0]", "p[1]", "y[0]", "y[1]"]);
    assert_eq!(uses("grad:p[1]"), ["p[1]", "y[1]", "loss"]);
    assert_eq!(
        uses("z2[1]"),
        [
            "W2[1][0]", "W2[1][1]", "W2[1][2]", "W2[1][3]", "W2[1][4]", "a1[0]", "a1[1]", "a1[2]",
            "a1[3]", "a1[4]", "b2[1]"
        ]
    );
    assert_eq!(
        uses("grad:a1[3]"),
        ["grad:z2[0]", "grad:z2[1]", "W2[0][3]", "W2[1][3]"]
    );
    assert_eq!(uses("grad:W1[4][2]"), ["grad:z1[4]", "x[2]"]);
    assert_eq!(uses("seed"), Vec::<String>::new());
    assert_eq!(
        engine::lessons::backprop_352::NETWORK.sample_of("grad:z2[0]"),
        None
    );
}

#[test]
fn errata_truths_are_computed_and_differ_from_the_article() {
    let p = article_params();
    let t = pollster::block_on(trace_step(&p, &Device::flex())).unwrap();
    let f = forward(&p);
    let b = backward(&p);
    let mut numeric = 0;
    for e in ERRATA {
        assert!(
            !e.explanation.zh.is_empty() && !e.explanation.en.is_empty(),
            "{}",
            e.id
        );
        if let (Truth::Computed(truth), Some(claimed)) = (e.truth, e.article_value) {
            let v = truth(&p, &t);
            assert!(
                (v - claimed).abs() > 0.002,
                "{}: the article's {claimed} is no slip (truth {v})",
                e.id
            );
            numeric += 1;
        }
    }
    assert_eq!(numeric, 10);
    let truth = |id: &str| match ERRATA.iter().find(|e| e.id == id).unwrap().truth {
        Truth::Computed(f) => f(&p, &t),
        Truth::Stated(_) => unreachable!(),
    };
    // Against the independent oracle.
    assert!((truth("a2") - f.a2).abs() < 1e-6);
    assert!((truth("loss") - f.loss).abs() < 1e-6);
    assert!((truth("delta-2") - b.d_z2).abs() < 1e-6);
    assert!((truth("delta-1") - b.d_z1[0]).abs() < 1e-6);
    assert!((truth("sigmoid-derivative") - f.a2 * (1.0 - f.a2)).abs() < 1e-6);
    // The article's a² is e^(−z²), the slip the explanation names.
    let recomputed = |id: &str| {
        (ERRATA
            .iter()
            .find(|e| e.id == id)
            .unwrap()
            .recomputed
            .unwrap())()
    };
    assert!(((-0.993f64).exp() - 0.371).abs() < 0.001);
    assert!((recomputed("a2") - sigmoid(0.993)).abs() < 1e-12);
    assert!(
        recomputed("loss") < 0.0,
        "the printed loss formula is negative as written"
    );
    assert!((recomputed("delta-2") - 0.862).abs() < 0.001);
}

/// Every formula of every step, in both losses, renders as MathML without a TeX error.
#[test]
fn every_formula_renders_as_mathml() {
    for loss in ["bce", "mse"] {
        let mut p = article_params();
        p.loss = engine::model::mlp221::LossKind::from_name(loss).unwrap();
        let t = pollster::block_on(trace_step(&p, &Device::flex())).unwrap();
        let tex: Vec<String> = steps(&p, &t)
            .into_iter()
            .flat_map(|s| [s.formula.tex, s.substituted.tex])
            .chain(
                update_lines(&p, &t)
                    .into_iter()
                    .flat_map(|l| [l.formula.tex, l.substituted.tex]),
            )
            .collect();
        assert_eq!(tex.len(), 2 * 22 + 2 * 9);
        for src in tex {
            let ml = engine::math::mathml(&src, true);
            assert!(ml.starts_with("<math"), "{src}: {ml}");
            assert!(!ml.contains("merror"), "{src} has a TeX error: {ml}");
        }
    }
}

#[test]
fn article_notation_in_both_forms() {
    use engine::lessons::kit::network::labels::{grad_label, label, tex_label};
    assert_eq!(label("W1[0][1]"), "W¹₁₂");
    assert_eq!(tex_label("W1[0][1]"), "W^{1}_{12}");
    assert_eq!(label("z2"), "z²");
    assert_eq!(tex_label("b2"), "b^{2}");
    assert_eq!(label("x[1]"), "x₂");
    assert_eq!(tex_label("x[1]"), "x_{2}");
    assert_eq!(
        (label("lr"), tex_label("lr")),
        ("α".to_string(), r"\alpha".to_string())
    );
    assert_eq!(label("loss"), "L");
    assert_eq!(grad_label("a1[0]"), "∂L/∂a¹₁");
}

/// keras-4x4's batch: a node reads its own sample's entries, a weight's gradient reads every
/// sample's, and the picture follows the sample a step works on.
#[test]
fn uses_of_the_batched_network() {
    let net = engine::lessons::keras_4x4::NETWORK;
    let uses = |t: &str| net.uses(t);
    assert_eq!(
        uses("a[2][1]"),
        [
            "W1[0][1]", "W1[1][1]", "W1[2][1]", "W1[3][1]", "x[2][0]", "x[2][1]", "x[2][2]",
            "x[2][3]", "b1[1]"
        ]
    );
    assert_eq!(uses("h[3][0]"), ["a[3][0]"]);
    assert_eq!(uses("z[1]"), ["W2[0]", "W2[1]", "h[1][0]", "h[1][1]", "b2"]);
    assert_eq!(uses("p[0]"), ["z[0]"]);
    // Binary cross-entropy from the logits: ∂L/∂z reads ŷ and y; there is no ∂L/∂ŷ step.
    assert_eq!(uses("grad:z[3]"), ["p[3]", "y[3]"]);
    assert_eq!(uses("grad:h[0][1]"), ["grad:z[0]", "W2[1]"]);
    assert_eq!(uses("grad:a[1][0]"), ["grad:h[1][0]", "h[1][0]"]);
    assert_eq!(
        uses("grad:W1[2][1]"),
        [
            "grad:a[0][1]",
            "x[0][2]",
            "grad:a[1][1]",
            "x[1][2]",
            "grad:a[2][1]",
            "x[2][2]",
            "grad:a[3][1]",
            "x[3][2]"
        ]
    );
    assert_eq!(
        uses("grad:b2"),
        ["grad:z[0]", "grad:z[1]", "grad:z[2]", "grad:z[3]"]
    );
    assert_eq!(
        uses("loss"),
        [
            "p[0]", "y[0]", "p[1]", "y[1]", "p[2]", "y[2]", "p[3]", "y[3]"
        ]
    );
    assert_eq!(uses("updated:W2[0]"), ["W2[0]", "grad:W2[0]"]);
    assert_eq!(net.sample_of("grad:h[2][1]"), Some(2));
    assert_eq!(net.sample_of("x[3][0]"), Some(3));
    assert_eq!(net.sample_of("grad:W1[0][0]"), None);
    assert_eq!(net.sample_of("loss"), None);
}

/// xor's two pictures: the single layer's z = W·x + b reads the fixed point X straight, with
/// no hidden layer; the 2-4-1 network stores W1 hidden-first and keeps the MSE's ∂L/∂ŷ step.
#[test]
fn uses_of_the_xor_networks() {
    use engine::lessons::kit::Values;
    use engine::lessons::xor::{NETWORKS, SETTINGS};
    let mut v = Values::defaults(SETTINGS);
    let single = NETWORKS.pick(&v).expect("the single layer");
    assert_eq!((single.hidden, single.output_fan_in()), (0, 2));
    assert_eq!(
        single.uses("z[2]"),
        ["W[0]", "W[1]", "X[2][0]", "X[2][1]", "b"]
    );
    assert_eq!(single.uses("grad:p[1]"), ["p[1]", "y[1]", "loss"]);
    assert_eq!(single.uses("grad:z[1]"), ["grad:p[1]", "p[1]"]);
    assert_eq!(
        single.uses("grad:W[1]"),
        [
            "grad:z[0]",
            "X[0][1]",
            "grad:z[1]",
            "X[1][1]",
            "grad:z[2]",
            "X[2][1]",
            "grad:z[3]",
            "X[3][1]"
        ]
    );
    assert_eq!(single.uses("updated:b"), ["b", "grad:b"]);
    assert_eq!(single.sample_of("X[3][0]"), Some(3));
    v.put("model", 1.0);
    let hidden = NETWORKS.pick(&v).expect("the hidden-layer network");
    assert_eq!((hidden.hidden, hidden.output_fan_in()), (4, 4));
    assert_eq!(
        hidden.uses("a[1][3]"),
        ["W1[3][0]", "W1[3][1]", "X[1][0]", "X[1][1]", "b1[3]"]
    );
    assert_eq!(
        hidden.uses("z[0]"),
        [
            "W2[0]", "W2[1]", "W2[2]", "W2[3]", "h[0][0]", "h[0][1]", "h[0][2]", "h[0][3]", "b2"
        ]
    );
    assert_eq!(hidden.uses("grad:h[2][3]"), ["grad:z[2]", "W2[3]"]);
    assert_eq!(hidden.w1(3, 1), "W1[3][1]");
    assert_eq!(
        engine::lessons::kit::network::labels::label("X[1][0]"),
        "x₂₁"
    );
}

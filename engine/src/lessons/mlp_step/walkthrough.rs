//! The step-through: each forward node, each gradient and the update, with the formula and
//! the same formula with the trace's numbers substituted. Every number comes from the trace.

use crate::lessons::kit::network::labels::{grad_sym, sym};
use crate::lessons::kit::shown::DIGITS;
use crate::lessons::kit::{Phase, Step};
use crate::math::Formula;
use crate::model::mlp221::{LossKind, Mlp221Params, Mlp221Trace};

/// Forward (7) and backward (15) steps of the 2-2-1 network: the most a link's `step=` may hold.
pub const STEP_COUNT: usize = 22;

/// One line of the SGD update for a parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct UpdateLine {
    pub name: String,
    pub formula: Formula,
    pub substituted: Formula,
    pub before: f64,
    pub after: f64,
}

/// Names of the parameters, entry by entry, in the order the diagram lists them.
pub const PARAM_ENTRIES: [&str; 10] = [
    "W1[0][0]", "W1[0][1]", "W1[1][0]", "W1[1][1]", "b1[0]", "b1[1]", "W2[0]", "W2[1]", "b2", "lr",
];

/// The value, gradient and updated value of one parameter entry, read from the trace.
pub fn param_entry(t: &Mlp221Trace, name: &str) -> Option<(f64, f64, f64)> {
    let (p, i) = match name {
        "W1[0][0]" => (&t.w1, 0),
        "W1[0][1]" => (&t.w1, 1),
        "W1[1][0]" => (&t.w1, 2),
        "W1[1][1]" => (&t.w1, 3),
        "b1[0]" => (&t.b1, 0),
        "b1[1]" => (&t.b1, 1),
        "W2[0]" => (&t.w2, 0),
        "W2[1]" => (&t.w2, 1),
        "b2" => (&t.b2, 0),
        _ => return None,
    };
    Some((p.value.flat()[i], p.grad.flat()[i], p.updated.flat()[i]))
}

/// The value and gradient of one node entry (`z1[0]`, `a2`, …).
pub fn node_entry(t: &Mlp221Trace, name: &str) -> Option<(f64, f64)> {
    let (node, i) = match name {
        "z1[0]" => (&t.z1, 0),
        "z1[1]" => (&t.z1, 1),
        "a1[0]" => (&t.a1, 0),
        "a1[1]" => (&t.a1, 1),
        "z2" => (&t.z2, 0),
        "a2" => (&t.a2, 0),
        _ => return None,
    };
    Some((node.value.flat()[i], node.grad.flat()[i]))
}

/// Every forward and backward step, in the order a learner clicks through them.
pub fn steps(p: &Mlp221Params, t: &Mlp221Trace) -> Vec<Step> {
    let node = |name: &str| node_entry(t, name).expect("known node");
    let param = |name: &str| param_entry(t, name).expect("known parameter");
    let num = |v: f64| Formula::new().num(v, DIGITS);
    let mut out = Vec::new();
    let mut push = |phase, target: String, formula: Formula, subst: Formula, v: f64| {
        let reads = super::setup::NETWORK.uses(&target);
        out.push(Step {
            uses: reads,
            ..Step::computed(phase, target, formula, subst, v, DIGITS)
        })
    };
    // σ(z) = 1 / (1 + e^(−z)), with z given as a formula.
    let sigmoid_of = |z: Formula| {
        Formula::new().frac(
            Formula::new().t("1"),
            Formula::new()
                .t("1 + ")
                .exp(Formula::new().both("−", "-").f(z)),
        )
    };
    // a(1 − a), the sigmoid's derivative written with its output.
    let sigmoid_slope = |a: Formula| a.clone().t("(1").minus().f(a).t(")");

    // Forward: z¹ᵢ, a¹ᵢ for each hidden unit, then z², a², L.
    for i in 0..2 {
        let (z, a) = (format!("z1[{i}]"), format!("a1[{i}]"));
        let (w0, w1, b) = (
            format!("W1[{i}][0]"),
            format!("W1[{i}][1]"),
            format!("b1[{i}]"),
        );
        push(
            Phase::Forward,
            z.clone(),
            sym(&z)
                .t(" = ")
                .f(sym(&w0))
                .times()
                .f(sym("x[0]"))
                .t(" + ")
                .f(sym(&w1))
                .times()
                .f(sym("x[1]"))
                .t(" + ")
                .f(sym(&b)),
            num(param(&w0).0)
                .times()
                .f(num(p.x[0]))
                .t(" + ")
                .f(num(param(&w1).0))
                .times()
                .f(num(p.x[1]))
                .t(" + ")
                .f(num(param(&b).0)),
            node(&z).0,
        );
        push(
            Phase::Forward,
            a.clone(),
            sym(&a)
                .t(" = ")
                .both("σ", r"\sigma")
                .t("(")
                .f(sym(&z))
                .t(") = ")
                .f(sigmoid_of(sym(&z))),
            sigmoid_of(num(node(&z).0)),
            node(&a).0,
        );
    }
    push(
        Phase::Forward,
        "z2".into(),
        sym("z2")
            .t(" = ")
            .f(sym("W2[0]"))
            .times()
            .f(sym("a1[0]"))
            .t(" + ")
            .f(sym("W2[1]"))
            .times()
            .f(sym("a1[1]"))
            .t(" + ")
            .f(sym("b2")),
        num(param("W2[0]").0)
            .times()
            .f(num(node("a1[0]").0))
            .t(" + ")
            .f(num(param("W2[1]").0))
            .times()
            .f(num(node("a1[1]").0))
            .t(" + ")
            .f(num(param("b2").0)),
        node("z2").0,
    );
    push(
        Phase::Forward,
        "a2".into(),
        sym("a2")
            .t(" = ")
            .both("σ", r"\sigma")
            .t("(")
            .f(sym("z2"))
            .t(") = ")
            .f(sigmoid_of(sym("z2"))),
        sigmoid_of(num(node("z2").0)),
        node("a2").0,
    );
    let a2 = node("a2").0;
    let ln = |x: Formula| Formula::new().both("ln ", r"\ln ").f(x);
    let (loss_formula, loss_subst) = match p.loss {
        LossKind::Bce => (
            Formula::new()
                .t("L = ")
                .both("−[", r"-\left[")
                .t("y")
                .times()
                .f(ln(sym("a2")))
                .t(" + (1")
                .minus()
                .t("y)")
                .times()
                .f(ln(Formula::new().t("(1").minus().f(sym("a2")).t(")")))
                .both("]", r"\right]"),
            Formula::new()
                .both("−[", r"-\left[")
                .f(num(p.y))
                .times()
                .f(ln(num(a2)))
                .t(" + ")
                .f(num(1.0 - p.y))
                .times()
                .f(ln(num(1.0 - a2)))
                .both("]", r"\right]"),
        ),
        LossKind::Mse => (
            Formula::new().t("L = ").squared(sym("a2").minus().t("y")),
            Formula::new().squared(num(a2).minus().f(num(p.y))),
        ),
    };
    push(
        Phase::Forward,
        "loss".into(),
        loss_formula,
        loss_subst,
        t.loss,
    );

    // Backward: the chain rule from L back to every parameter.
    let g_a2 = node("a2").1;
    let (ga2_formula, ga2_subst) = match p.loss {
        LossKind::Bce => (
            grad_sym("a2")
                .t(" = ")
                .both("−", "-")
                .frac(Formula::new().t("y"), sym("a2"))
                .t(" + ")
                .frac(
                    Formula::new().t("1").minus().t("y"),
                    Formula::new().t("1").minus().f(sym("a2")),
                ),
            Formula::new()
                .both("−", "-")
                .frac(num(p.y), num(a2))
                .t(" + ")
                .frac(num(1.0 - p.y), num(1.0 - a2)),
        ),
        LossKind::Mse => (
            grad_sym("a2")
                .t(" = 2")
                .times()
                .t("(")
                .f(sym("a2"))
                .minus()
                .t("y)"),
            Formula::new()
                .t("2")
                .times()
                .t("(")
                .f(num(a2))
                .minus()
                .f(num(p.y))
                .t(")"),
        ),
    };
    push(
        Phase::Backward,
        "grad:a2".into(),
        ga2_formula,
        ga2_subst,
        g_a2,
    );
    let g_z2 = node("z2").1;
    push(
        Phase::Backward,
        "grad:z2".into(),
        grad_sym("z2")
            .t(" = ")
            .f(grad_sym("a2"))
            .times()
            .both("σ′", r"\sigma'")
            .t("(")
            .f(sym("z2"))
            .t(") = ")
            .f(grad_sym("a2"))
            .times()
            .f(sigmoid_slope(sym("a2"))),
        num(g_a2).times().f(sigmoid_slope(num(a2))),
        g_z2,
    );
    for i in 0..2 {
        let (w, a) = (format!("W2[{i}]"), format!("a1[{i}]"));
        push(
            Phase::Backward,
            format!("grad:{w}"),
            grad_sym(&w).t(" = ").f(grad_sym("z2")).times().f(sym(&a)),
            num(g_z2).times().f(num(node(&a).0)),
            param(&w).1,
        );
    }
    push(
        Phase::Backward,
        "grad:b2".into(),
        grad_sym("b2").t(" = ").f(grad_sym("z2")).times().t("1"),
        num(g_z2),
        param("b2").1,
    );
    for i in 0..2 {
        let (a, w) = (format!("a1[{i}]"), format!("W2[{i}]"));
        push(
            Phase::Backward,
            format!("grad:{a}"),
            grad_sym(&a).t(" = ").f(grad_sym("z2")).times().f(sym(&w)),
            num(g_z2).times().f(num(param(&w).0)),
            node(&a).1,
        );
    }
    for i in 0..2 {
        let (a, z) = (format!("a1[{i}]"), format!("z1[{i}]"));
        let (av, ag) = node(&a);
        push(
            Phase::Backward,
            format!("grad:{z}"),
            grad_sym(&z)
                .t(" = ")
                .f(grad_sym(&a))
                .times()
                .f(sigmoid_slope(sym(&a))),
            num(ag).times().f(sigmoid_slope(num(av))),
            node(&z).1,
        );
    }
    for i in 0..2 {
        let z = format!("z1[{i}]");
        for j in 0..2 {
            let w = format!("W1[{i}][{j}]");
            push(
                Phase::Backward,
                format!("grad:{w}"),
                grad_sym(&w)
                    .t(" = ")
                    .f(grad_sym(&z))
                    .times()
                    .f(sym(&format!("x[{j}]"))),
                num(node(&z).1).times().f(num(p.x[j])),
                param(&w).1,
            );
        }
    }
    for i in 0..2 {
        let (b, z) = (format!("b1[{i}]"), format!("z1[{i}]"));
        push(
            Phase::Backward,
            format!("grad:{b}"),
            grad_sym(&b).t(" = ").f(grad_sym(&z)).times().t("1"),
            num(node(&z).1),
            param(&b).1,
        );
    }
    out
}

/// The SGD update θ ← θ − α·∂L/∂θ for every parameter entry, from the trace.
pub fn update_lines(p: &Mlp221Params, t: &Mlp221Trace) -> Vec<UpdateLine> {
    let num = |v: f64| Formula::new().num(v, DIGITS);
    PARAM_ENTRIES
        .iter()
        .filter_map(|&name| {
            let (before, grad, after) = param_entry(t, name)?;
            Some(UpdateLine {
                name: name.to_string(),
                formula: sym(name)
                    .both(" ← ", r" \leftarrow ")
                    .f(sym(name))
                    .minus()
                    .f(sym("lr"))
                    .times()
                    .f(grad_sym(name)),
                substituted: Formula::new()
                    .t("= ")
                    .f(num(before))
                    .minus()
                    .f(num(p.lr))
                    .times()
                    .f(num(grad))
                    .t(" = ")
                    .result(after, DIGITS),
                before,
                after,
            })
        })
        .collect()
}

/// How many steps the forward phase has (the rest are backward).
pub fn forward_len(steps: &[Step]) -> usize {
    steps.iter().filter(|s| s.phase == Phase::Forward).count()
}

//! The quantities and the step-through of one epoch: forward node by node, each gradient, and
//! each parameter's Adam update.

// The loops index by sample, input and unit because those indices are the symbols' subscripts.
#![allow(clippy::needless_range_loop)]

use super::model::KerasNumbers;
use super::setup::{D, H, N, PARAMS};
use crate::lessons::kit::notation::grad_of;
use crate::lessons::kit::notation::sum;
use crate::lessons::kit::shown::num;
use crate::lessons::kit::{Phase, Quantity, Role, Step};
use crate::lessons::xor::walkthrough::{step, sym};
use crate::math::Formula;
use crate::model::value::Value;

fn q(name: &str, plain: &str, tex: &str, role: Role, value: Value) -> Quantity {
    Quantity {
        name: name.into(),
        label: Formula::new().both(plain, tex),
        role,
        value,
        grad: None,
        updated: None,
    }
}

/// A parameter slice of `PARAMS` order as the quantity's shape.
fn shaped(v: &[f64], rows: usize, cols: usize) -> Value {
    match (rows, cols) {
        (1, 1) => Value::Scalar(v[0]),
        (1, _) | (_, 1) => Value::Vector(v.to_vec()),
        _ => Value::Matrix(v.chunks(cols).map(<[f64]>::to_vec).collect()),
    }
}

pub fn quantities(n: &KerasNumbers) -> Vec<Quantity> {
    let mut out = vec![
        q("x", "x", "x", Role::Input, Value::Matrix(n.x.clone())),
        q("y", "y", "y", Role::Input, Value::Vector(n.y.clone())),
    ];
    let params = [
        ("W1", "W¹", "W^{1}", 0, D, H),
        ("b1", "b¹", "b^{1}", D * H, 1, H),
        ("W2", "W²", "W^{2}", D * H + H, H, 1),
        ("b2", "b²", "b^{2}", D * H + 2 * H, 1, 1),
    ];
    for (name, plain, tex, at, r, c) in params {
        let len = r * c;
        out.push(Quantity {
            grad: Some(shaped(&n.grad[at..at + len], r, c)),
            updated: Some(shaped(&n.theta_next[at..at + len], r, c)),
            ..q(
                name,
                plain,
                tex,
                Role::Param,
                shaped(&n.theta[at..at + len], r, c),
            )
        });
    }
    out.push(Quantity {
        grad: Some(Value::Matrix(n.grad_a.clone())),
        ..q("a", "a", "a", Role::Node, Value::Matrix(n.a.clone()))
    });
    out.push(Quantity {
        grad: Some(Value::Matrix(n.grad_h.clone())),
        ..q("h", "h", "h", Role::Node, Value::Matrix(n.h.clone()))
    });
    out.push(Quantity {
        grad: Some(Value::Vector(n.grad_z.clone())),
        ..q("z", "z", "z", Role::Node, Value::Vector(n.z.clone()))
    });
    out.push(q(
        "p",
        "ŷ",
        r"\hat{y}",
        Role::Node,
        Value::Vector(n.p.clone()),
    ));
    out
}

fn sigma(inner: Formula) -> Formula {
    Formula::new()
        .both("σ(", r"\sigma\left(")
        .f(inner)
        .both(")", r"\right)")
}

fn w1(j: usize, k: usize) -> Formula {
    sym("W¹", "W^{1}", &[j, k])
}

pub fn steps(n: &KerasNumbers) -> Vec<Step> {
    let mut out = Vec::new();
    let w2 = |k: usize| n.param(&format!("W2[{k}]"));
    for s in 0..N {
        for k in 0..H {
            let formula = sym("a", "a", &[s, k]).t(" = ").f(sum((0..D)
                .map(|j| sym("x", "x", &[s, j]).times().f(w1(j, k)))
                .chain([sym("b¹", "b^{1}", &[k])])));
            let subst = sum((0..D)
                .map(|j| {
                    num(n.x[s][j])
                        .times()
                        .f(num(n.param(&format!("W1[{j}][{k}]"))))
                })
                .chain([num(n.param(&format!("b1[{k}]")))]));
            out.push(step(
                Phase::Forward,
                format!("a[{s}][{k}]"),
                formula,
                subst,
                n.a[s][k],
            ));
            let formula = sym("h", "h", &[s, k])
                .t(" = ")
                .f(sigma(sym("a", "a", &[s, k])));
            out.push(step(
                Phase::Forward,
                format!("h[{s}][{k}]"),
                formula,
                sigma(num(n.a[s][k])),
                n.h[s][k],
            ));
        }
    }
    for s in 0..N {
        let formula = sym("z", "z", &[s]).t(" = ").f(sum((0..H)
            .map(|k| sym("h", "h", &[s, k]).times().f(sym("W²", "W^{2}", &[k])))
            .chain([Formula::new().both("b²", "b^{2}")])));
        let subst = sum((0..H)
            .map(|k| num(n.h[s][k]).times().f(num(w2(k))))
            .chain([num(n.param("b2"))]));
        out.push(step(
            Phase::Forward,
            format!("z[{s}]"),
            formula,
            subst,
            n.z[s],
        ));
        let formula = sym("ŷ", r"\hat{y}", &[s])
            .t(" = ")
            .f(sigma(sym("z", "z", &[s])));
        out.push(step(
            Phase::Forward,
            format!("p[{s}]"),
            formula,
            sigma(num(n.z[s])),
            n.p[s],
        ));
    }
    loss_step(n, &mut out);
    backward(n, &mut out);
    for (i, name) in PARAMS.iter().enumerate() {
        out.push(adam_step(n, i, name));
    }
    out
}

fn loss_step(n: &KerasNumbers, out: &mut Vec<Step>) {
    let ln = crate::lessons::kit::notation::ln;
    let term = |y: Formula, p: Formula| {
        Formula::new()
            .f(y.clone())
            .t(" ")
            .f(ln(p.clone()))
            .t(" + (1")
            .minus()
            .f(y)
            .t(") ")
            .f(ln(Formula::new().t("1").minus().f(p)))
    };
    let formula = Formula::new().t("L = ").both("−", "-").frac(
        sum((0..N).map(|s| term(sym("y", "y", &[s]), sym("ŷ", r"\hat{y}", &[s])))),
        Formula::new().t(&N.to_string()),
    );
    let subst = Formula::new().both("−", "-").frac(
        sum((0..N).map(|s| term(num(n.y[s]), num(n.p[s])))),
        Formula::new().t(&N.to_string()),
    );
    out.push(step(Phase::Forward, "loss".into(), formula, subst, n.loss));
}

fn backward(n: &KerasNumbers, out: &mut Vec<Step>) {
    let gz = |s: usize| grad_of(sym("z", "z", &[s]));
    let ga = |s: usize, k: usize| grad_of(sym("a", "a", &[s, k]));
    for s in 0..N {
        let formula = gz(s).t(" = ").frac(
            sym("ŷ", r"\hat{y}", &[s]).minus().f(sym("y", "y", &[s])),
            Formula::new().t(&N.to_string()),
        );
        let subst = Formula::new().frac(
            num(n.p[s]).minus().f(num(n.y[s])),
            Formula::new().t(&N.to_string()),
        );
        out.push(step(
            Phase::Backward,
            format!("grad:z[{s}]"),
            formula,
            subst,
            n.grad_z[s],
        ));
    }
    for s in 0..N {
        for k in 0..H {
            let hsk = sym("h", "h", &[s, k]);
            let formula =
                grad_of(hsk.clone())
                    .t(" = ")
                    .f(gz(s))
                    .times()
                    .f(sym("W²", "W^{2}", &[k]));
            let subst = num(n.grad_z[s])
                .times()
                .f(num(n.param(&format!("W2[{k}]"))));
            out.push(step(
                Phase::Backward,
                format!("grad:h[{s}][{k}]"),
                formula,
                subst,
                n.grad_h[s][k],
            ));
            let formula = ga(s, k)
                .t(" = ")
                .f(grad_of(hsk.clone()))
                .times()
                .f(hsk.clone())
                .t("(1")
                .minus()
                .f(hsk)
                .t(")");
            let subst = num(n.grad_h[s][k])
                .times()
                .f(num(n.h[s][k]))
                .t("(1")
                .minus()
                .f(num(n.h[s][k]))
                .t(")");
            out.push(step(
                Phase::Backward,
                format!("grad:a[{s}][{k}]"),
                formula,
                subst,
                n.grad_a[s][k],
            ));
        }
    }
    for (i, name) in PARAMS.iter().enumerate() {
        let (formula, subst) = param_grad(n, name);
        out.push(step(
            Phase::Backward,
            format!("grad:{name}"),
            formula,
            subst,
            n.grad[i],
        ));
    }
}

/// ∂L/∂θ as a sum over the samples, in symbols and in numbers.
fn param_grad(n: &KerasNumbers, name: &str) -> (Formula, Formula) {
    let idx: Vec<usize> = name
        .split(['[', ']'])
        .filter_map(|s| s.parse().ok())
        .collect();
    let gz = |s: usize| grad_of(sym("z", "z", &[s]));
    let ga = |s: usize, k: usize| grad_of(sym("a", "a", &[s, k]));
    match (name.split('[').next().unwrap_or(name), idx.as_slice()) {
        ("W1", &[j, k]) => (
            grad_of(w1(j, k)).t(" = ").f(sum(
                (0..N).map(|s| ga(s, k).times().f(sym("x", "x", &[s, j])))
            )),
            sum((0..N).map(|s| num(n.grad_a[s][k]).times().f(num(n.x[s][j])))),
        ),
        ("b1", &[k]) => (
            grad_of(sym("b¹", "b^{1}", &[k]))
                .t(" = ")
                .f(sum((0..N).map(|s| ga(s, k)))),
            sum((0..N).map(|s| num(n.grad_a[s][k]))),
        ),
        ("W2", &[k]) => (
            grad_of(sym("W²", "W^{2}", &[k]))
                .t(" = ")
                .f(sum((0..N).map(|s| gz(s).times().f(sym("h", "h", &[s, k]))))),
            sum((0..N).map(|s| num(n.grad_z[s]).times().f(num(n.h[s][k])))),
        ),
        _ => (
            grad_of(Formula::new().both("b²", "b^{2}"))
                .t(" = ")
                .f(sum((0..N).map(gz))),
            sum((0..N).map(|s| num(n.grad_z[s]))),
        ),
    }
}

/// θ ← θ − α_t·m / (√v + ε), with m and v already updated and α_t = α√(1 − β₂ᵗ)/(1 − β₁ᵗ).
fn adam_step(n: &KerasNumbers, i: usize, name: &str) -> Step {
    let theta = Formula::new().t(name);
    let formula = theta
        .clone()
        .both(" ← ", r" \leftarrow ")
        .f(theta)
        .minus()
        .both("α_t·", r"\alpha_t \cdot ")
        .frac(
            Formula::new().t("m"),
            Formula::new().both("√v + ε", r"\sqrt{v} + \epsilon"),
        );
    let subst = num(n.theta[i]).minus().f(num(n.alpha_t)).times().frac(
        num(n.m_next[i]),
        Formula::new()
            .both("√", r"\sqrt{")
            .f(num(n.v_next[i]))
            .both("", "}")
            .t(" + ")
            .f(num(n.eps)),
    );
    step(
        Phase::Update,
        format!("updated:{name}"),
        formula,
        subst,
        n.theta_next[i],
    )
}

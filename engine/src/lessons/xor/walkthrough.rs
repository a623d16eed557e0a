//! The quantities and the step-through of one training step: forward node by node, each
//! gradient, each update, with the formula in symbols and with the numbers substituted.

// The loops index by sample and unit because those indices are the symbols' subscripts.
#![allow(clippy::needless_range_loop)]

use super::model::{HiddenLayer, XorNumbers};
use super::setup::{N, X};
use crate::lessons::kit::notation::{grad_of, subscript, sum};
use crate::lessons::kit::shown::{DIGITS, num};
use crate::lessons::kit::{Phase, Quantity, Role, Step};
use crate::math::Formula;
use crate::model::value::Value;

/// A symbol with 1-based indices: `sym("a", "a", &[0, 2])` is a₁₃.
pub fn sym(plain: &str, tex: &str, idx: &[usize]) -> Formula {
    let sub: String = idx.iter().map(|i| subscript(i + 1)).collect();
    let tex_sub: Vec<String> = idx.iter().map(|i| (i + 1).to_string()).collect();
    Formula::new().both(
        &format!("{plain}{sub}"),
        &format!("{tex}_{{{}}}", tex_sub.join(",")),
    )
}

pub fn step(phase: Phase, target: String, formula: Formula, subst: Formula, value: f64) -> Step {
    Step::computed(phase, target, formula, subst, value, DIGITS)
}

struct Names {
    /// The output layer's weight and bias symbols (plain, TeX) and setting names.
    w: (&'static str, &'static str, &'static str),
    b: (&'static str, &'static str, &'static str),
    /// The output layer's input symbol: x (single) or h (hidden).
    inp: (&'static str, &'static str),
}

fn names(n: &XorNumbers) -> Names {
    if n.hidden.is_some() {
        Names {
            w: ("W²", "W^{2}", "W2"),
            b: ("b²", "b^{2}", "b2"),
            inp: ("h", "h"),
        }
    } else {
        Names {
            w: ("W", "W", "W"),
            b: ("b", "b", "b"),
            inp: ("x", "x"),
        }
    }
}

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

pub fn quantities(n: &XorNumbers) -> Vec<Quantity> {
    let nm = names(n);
    let mut out = vec![
        q(
            "X",
            "X",
            "X",
            Role::Input,
            Value::Matrix(X.iter().map(|r| r.to_vec()).collect()),
        ),
        q("y", "y", "y", Role::Input, Value::Vector(n.y.clone())),
    ];
    if let Some(l) = &n.hidden {
        out.push(Quantity {
            grad: Some(Value::Matrix(l.grad_w1.clone())),
            updated: Some(Value::Matrix(l.w1_next.clone())),
            ..q(
                "W1",
                "W¹",
                "W^{1}",
                Role::Param,
                Value::Matrix(l.w1.clone()),
            )
        });
        out.push(Quantity {
            grad: Some(Value::Vector(l.grad_b1.clone())),
            updated: Some(Value::Vector(l.b1_next.clone())),
            ..q(
                "b1",
                "b¹",
                "b^{1}",
                Role::Param,
                Value::Vector(l.b1.clone()),
            )
        });
        out.push(Quantity {
            grad: Some(Value::Matrix(l.grad_a.clone())),
            ..q("a", "a", "a", Role::Node, Value::Matrix(l.a.clone()))
        });
        out.push(Quantity {
            grad: Some(Value::Matrix(l.grad_h.clone())),
            ..q("h", "h", "h", Role::Node, Value::Matrix(l.h.clone()))
        });
    }
    out.push(Quantity {
        grad: Some(Value::Vector(n.grad_w.clone())),
        updated: Some(Value::Vector(n.w_next.clone())),
        ..q(
            nm.w.2,
            nm.w.0,
            nm.w.1,
            Role::Param,
            Value::Vector(n.w.clone()),
        )
    });
    out.push(Quantity {
        grad: Some(Value::Scalar(n.grad_b)),
        updated: Some(Value::Scalar(n.b_next)),
        ..q(nm.b.2, nm.b.0, nm.b.1, Role::Param, Value::Scalar(n.b))
    });
    out.push(Quantity {
        grad: Some(Value::Vector(n.grad_z.clone())),
        ..q("z", "z", "z", Role::Node, Value::Vector(n.z.clone()))
    });
    out.push(Quantity {
        grad: Some(Value::Vector(n.grad_p.clone())),
        ..q("p", "ŷ", r"\hat{y}", Role::Node, Value::Vector(n.p.clone()))
    });
    out
}

/// The output layer's input for sample `s`: the point itself or the hidden activations.
fn inputs(n: &XorNumbers, s: usize) -> Vec<f64> {
    match &n.hidden {
        Some(l) => l.h[s].clone(),
        None => X[s].to_vec(),
    }
}

pub fn steps(n: &XorNumbers) -> Vec<Step> {
    let mut out = Vec::new();
    if let Some(l) = &n.hidden {
        hidden_forward(l, &mut out);
    }
    output_forward(n, &mut out);
    output_backward(n, &mut out);
    if let Some(l) = &n.hidden {
        hidden_backward(n, l, &mut out);
    }
    updates(n, &mut out);
    out
}

fn hidden_forward(l: &HiddenLayer, out: &mut Vec<Step>) {
    let w1 = |k: usize, j: usize| sym("W¹", "W^{1}", &[k, j]);
    for s in 0..N {
        for k in 0..l.b1.len() {
            let formula = sym("a", "a", &[s, k]).t(" = ").f(sum((0..2)
                .map(|j| w1(k, j).times().f(sym("x", "x", &[s, j])))
                .chain([sym("b¹", "b^{1}", &[k])])));
            let subst = sum((0..2)
                .map(|j| num(l.w1[k][j]).times().f(num(X[s][j])))
                .chain([num(l.b1[k])]));
            out.push(step(
                Phase::Forward,
                format!("a[{s}][{k}]"),
                formula,
                subst,
                l.a[s][k],
            ));
            let formula = sym("h", "h", &[s, k])
                .both(" = tanh(", r" = \tanh\left(")
                .f(sym("a", "a", &[s, k]))
                .both(")", r"\right)");
            let subst = Formula::new()
                .both("tanh(", r"\tanh\left(")
                .f(num(l.a[s][k]))
                .both(")", r"\right)");
            out.push(step(
                Phase::Forward,
                format!("h[{s}][{k}]"),
                formula,
                subst,
                l.h[s][k],
            ));
        }
    }
}

fn output_forward(n: &XorNumbers, out: &mut Vec<Step>) {
    let nm = names(n);
    for s in 0..N {
        let inp = inputs(n, s);
        let formula = sym("z", "z", &[s]).t(" = ").f(sum((0..inp.len())
            .map(|j| {
                sym(nm.w.0, nm.w.1, &[j])
                    .times()
                    .f(sym(nm.inp.0, nm.inp.1, &[s, j]))
            })
            .chain([Formula::new().both(nm.b.0, nm.b.1)])));
        let subst = sum((0..inp.len())
            .map(|j| num(n.w[j]).times().f(num(inp[j])))
            .chain([num(n.b)]));
        out.push(step(
            Phase::Forward,
            format!("z[{s}]"),
            formula,
            subst,
            n.z[s],
        ));
        let formula = sym("ŷ", r"\hat{y}", &[s])
            .both(" = σ(", r" = \sigma\left(")
            .f(sym("z", "z", &[s]))
            .both(")", r"\right)");
        let subst = Formula::new().frac(
            Formula::new().t("1"),
            Formula::new()
                .t("1 + ")
                .exp(Formula::new().both("−", "-").f(num(n.z[s]))),
        );
        out.push(step(
            Phase::Forward,
            format!("p[{s}]"),
            formula,
            subst,
            n.p[s],
        ));
    }
    let formula = Formula::new().t("L = ").frac(
        sum((0..N).map(|s| {
            Formula::new().squared(sym("ŷ", r"\hat{y}", &[s]).minus().f(sym("y", "y", &[s])))
        })),
        Formula::new().t(&N.to_string()),
    );
    let subst = Formula::new().frac(
        sum((0..N).map(|s| Formula::new().squared(num(n.p[s]).minus().f(num(n.y[s]))))),
        Formula::new().t(&N.to_string()),
    );
    out.push(step(Phase::Forward, "loss".into(), formula, subst, n.loss));
}

fn output_backward(n: &XorNumbers, out: &mut Vec<Step>) {
    let nm = names(n);
    let p = |s: usize| sym("ŷ", r"\hat{y}", &[s]);
    let z = |s: usize| sym("z", "z", &[s]);
    for s in 0..N {
        // ∂L/∂ŷ = 2(ŷ − y)/N
        let formula = grad_of(p(s)).t(" = ").frac(
            Formula::new()
                .t("2(")
                .f(p(s))
                .minus()
                .f(sym("y", "y", &[s]))
                .t(")"),
            Formula::new().t(&N.to_string()),
        );
        let subst = Formula::new().frac(
            Formula::new()
                .t("2(")
                .f(num(n.p[s]))
                .minus()
                .f(num(n.y[s]))
                .t(")"),
            Formula::new().t(&N.to_string()),
        );
        out.push(step(
            Phase::Backward,
            format!("grad:p[{s}]"),
            formula,
            subst,
            n.grad_p[s],
        ));
        // ∂L/∂z = ∂L/∂ŷ · ŷ(1 − ŷ)
        let formula = grad_of(z(s))
            .t(" = ")
            .f(grad_of(p(s)))
            .times()
            .f(p(s))
            .t("(1")
            .minus()
            .f(p(s))
            .t(")");
        let subst = num(n.grad_p[s])
            .times()
            .f(num(n.p[s]))
            .t("(1")
            .minus()
            .f(num(n.p[s]))
            .t(")");
        out.push(step(
            Phase::Backward,
            format!("grad:z[{s}]"),
            formula,
            subst,
            n.grad_z[s],
        ));
    }
    let inp: Vec<Vec<f64>> = (0..N).map(|s| inputs(n, s)).collect();
    for j in 0..n.w.len() {
        let formula = grad_of(sym(nm.w.0, nm.w.1, &[j])).t(" = ").f(sum(
            (0..N).map(|s| grad_of(z(s)).times().f(sym(nm.inp.0, nm.inp.1, &[s, j])))
        ));
        let subst = sum((0..N).map(|s| num(n.grad_z[s]).times().f(num(inp[s][j]))));
        out.push(step(
            Phase::Backward,
            format!("grad:{}[{j}]", nm.w.2),
            formula,
            subst,
            n.grad_w[j],
        ));
    }
    let formula = grad_of(Formula::new().both(nm.b.0, nm.b.1))
        .t(" = ")
        .f(sum((0..N).map(|s| grad_of(z(s)))));
    let subst = sum((0..N).map(|s| num(n.grad_z[s])));
    out.push(step(
        Phase::Backward,
        format!("grad:{}", nm.b.2),
        formula,
        subst,
        n.grad_b,
    ));
}

fn hidden_backward(n: &XorNumbers, l: &HiddenLayer, out: &mut Vec<Step>) {
    let h = |s: usize, k: usize| sym("h", "h", &[s, k]);
    let a = |s: usize, k: usize| sym("a", "a", &[s, k]);
    let hn = l.b1.len();
    for s in 0..N {
        for k in 0..hn {
            // ∂L/∂h = ∂L/∂z · W²ₖ, then ∂L/∂a = ∂L/∂h · (1 − h²)
            let formula = grad_of(h(s, k))
                .t(" = ")
                .f(grad_of(sym("z", "z", &[s])))
                .times()
                .f(sym("W²", "W^{2}", &[k]));
            let subst = num(n.grad_z[s]).times().f(num(n.w[k]));
            out.push(step(
                Phase::Backward,
                format!("grad:h[{s}][{k}]"),
                formula,
                subst,
                l.grad_h[s][k],
            ));
            let formula = grad_of(a(s, k))
                .t(" = ")
                .f(grad_of(h(s, k)))
                .times()
                .t("(1")
                .minus()
                .f(h(s, k))
                .t("²)");
            let subst = num(l.grad_h[s][k])
                .times()
                .t("(1")
                .minus()
                .f(num(l.h[s][k]))
                .t("²)");
            out.push(step(
                Phase::Backward,
                format!("grad:a[{s}][{k}]"),
                formula,
                subst,
                l.grad_a[s][k],
            ));
        }
    }
    for k in 0..hn {
        for j in 0..2 {
            let formula = grad_of(sym("W¹", "W^{1}", &[k, j])).t(" = ").f(sum(
                (0..N).map(|s| grad_of(a(s, k)).times().f(sym("x", "x", &[s, j])))
            ));
            let subst = sum((0..N).map(|s| num(l.grad_a[s][k]).times().f(num(X[s][j]))));
            out.push(step(
                Phase::Backward,
                format!("grad:W1[{k}][{j}]"),
                formula,
                subst,
                l.grad_w1[k][j],
            ));
        }
        let formula = grad_of(sym("b¹", "b^{1}", &[k]))
            .t(" = ")
            .f(sum((0..N).map(|s| grad_of(a(s, k)))));
        let subst = sum((0..N).map(|s| num(l.grad_a[s][k])));
        out.push(step(
            Phase::Backward,
            format!("grad:b1[{k}]"),
            formula,
            subst,
            l.grad_b1[k],
        ));
    }
}

/// θ ← θ − α·∂L/∂θ for one parameter entry.
fn update(target: String, symbol: Formula, value: f64, grad: f64, lr: f64, next: f64) -> Step {
    let formula = symbol
        .clone()
        .both(" ← ", r" \leftarrow ")
        .f(symbol.clone())
        .minus()
        .both("α·", r"\alpha \cdot ")
        .f(grad_of(symbol));
    let subst = num(value).minus().f(num(lr)).times().f(num(grad));
    step(Phase::Update, target, formula, subst, next)
}

fn updates(n: &XorNumbers, out: &mut Vec<Step>) {
    let nm = names(n);
    if let Some(l) = &n.hidden {
        for k in 0..l.b1.len() {
            for j in 0..2 {
                out.push(update(
                    format!("updated:W1[{k}][{j}]"),
                    sym("W¹", "W^{1}", &[k, j]),
                    l.w1[k][j],
                    l.grad_w1[k][j],
                    n.lr,
                    l.w1_next[k][j],
                ));
            }
            out.push(update(
                format!("updated:b1[{k}]"),
                sym("b¹", "b^{1}", &[k]),
                l.b1[k],
                l.grad_b1[k],
                n.lr,
                l.b1_next[k],
            ));
        }
    }
    for j in 0..n.w.len() {
        out.push(update(
            format!("updated:{}[{j}]", nm.w.2),
            sym(nm.w.0, nm.w.1, &[j]),
            n.w[j],
            n.grad_w[j],
            n.lr,
            n.w_next[j],
        ));
    }
    out.push(update(
        format!("updated:{}", nm.b.2),
        Formula::new().both(nm.b.0, nm.b.1),
        n.b,
        n.grad_b,
        n.lr,
        n.b_next,
    ));
}

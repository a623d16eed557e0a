//! The step-through: forward node by node, backward layer by layer (ŷ, z², W², b², a¹, z¹, W¹,
//! b¹), then every update, each with its formula in symbols and with the numbers substituted.

use super::model::NetNumbers;
use super::setup::{N_HID, N_IN, N_OUT};
use crate::lessons::kit::notation::{grad_of, ln, subscript, sum, superscript, sym_sub};
use crate::lessons::kit::shown::{num, step};
use crate::lessons::kit::softmax_ce;
use crate::lessons::kit::{Phase, Step};
use crate::math::Formula;

/// A node of layer `layer`, unit `i` (0-based): z¹₁, a¹₂, …
fn node(plain: &str, tex: &str, layer: usize, i: usize) -> Formula {
    Formula::new().both(
        &format!("{plain}{}{}", superscript(layer), subscript(i + 1)),
        &format!("{tex}^{{{layer}}}_{{{}}}", i + 1),
    )
}

/// The weight from unit `j` of layer `layer − 1` to unit `i` of layer `layer`.
fn weight(layer: usize, i: usize, j: usize) -> Formula {
    Formula::new().both(
        &format!(
            "W{}{}{}",
            superscript(layer),
            subscript(i + 1),
            subscript(j + 1)
        ),
        &format!("W^{{{layer}}}_{{{}{}}}", i + 1, j + 1),
    )
}

fn z(layer: usize, i: usize) -> Formula {
    node("z", "z", layer, i)
}

fn a1(i: usize) -> Formula {
    node("a", "a", 1, i)
}

fn bias(layer: usize, i: usize) -> Formula {
    node("b", "b", layer, i)
}

fn x(j: usize) -> Formula {
    sym_sub("x", "x", j)
}

fn y(k: usize) -> Formula {
    sym_sub("y", "y", k)
}

fn p(k: usize) -> Formula {
    sym_sub("ŷ", r"\hat{y}", k)
}

pub fn steps(n: &NetNumbers) -> Vec<Step> {
    let mut out = forward(n);
    out.extend(backward_output(n));
    out.extend(backward_hidden(n));
    out.extend(updates(n));
    // What each formula reads, for the network picture to light.
    for s in &mut out {
        s.uses = super::setup::NETWORK.uses(&s.target);
    }
    out
}

fn forward(n: &NetNumbers) -> Vec<Step> {
    let mut out = Vec::new();
    // z¹ᵢ = Σⱼ W¹ᵢⱼ xⱼ + b¹ᵢ
    for i in 0..N_HID {
        out.push(step(
            Phase::Forward,
            format!("z1[{i}]"),
            z(1, i)
                .t(" = ")
                .f(sum((0..N_IN).map(|j| weight(1, i, j).f(x(j)))))
                .t(" + ")
                .f(bias(1, i)),
            sum((0..N_IN).map(|j| num(n.w1[i][j]).times().f(num(n.x[j]))))
                .t(" + ")
                .f(num(n.b1[i])),
            n.z1[i],
        ));
    }
    // a¹ᵢ = σ(z¹ᵢ)
    for i in 0..N_HID {
        out.push(step(
            Phase::Forward,
            format!("a1[{i}]"),
            a1(i)
                .both(" = σ(", r" = \sigma\left(")
                .f(z(1, i))
                .both(")", r"\right)"),
            Formula::new().frac(
                Formula::new().t("1"),
                Formula::new()
                    .t("1 + ")
                    .exp(Formula::new().both("−", "-").f(num(n.z1[i]))),
            ),
            n.a1[i],
        ));
    }
    // z²ₖ = Σᵢ W²ₖᵢ a¹ᵢ + b²ₖ
    for k in 0..N_OUT {
        out.push(step(
            Phase::Forward,
            format!("z2[{k}]"),
            z(2, k)
                .t(" = ")
                .f(sum((0..N_HID).map(|i| weight(2, k, i).f(a1(i)))))
                .t(" + ")
                .f(bias(2, k)),
            sum((0..N_HID).map(|i| num(n.w2[k][i]).times().f(num(n.a1[i]))))
                .t(" + ")
                .f(num(n.b2[k])),
            n.z2[k],
        ));
    }
    // ŷₖ = e^z²ₖ / Σ e^z²
    for k in 0..N_OUT {
        out.push(step(
            Phase::Forward,
            format!("p[{k}]"),
            p(k).t(" = ").frac(
                Formula::new().exp(z(2, k)),
                sum((0..N_OUT).map(|j| Formula::new().exp(z(2, j)))),
            ),
            Formula::new().frac(
                Formula::new().exp(num(n.z2[k])),
                sum((0..N_OUT).map(|j| Formula::new().exp(num(n.z2[j])))),
            ),
            n.p[k],
        ));
    }
    // L = −Σ yₖ ln ŷₖ
    out.push(step(
        Phase::Forward,
        "loss".into(),
        Formula::new()
            .both("L = −(", r"L = -\left(")
            .f(sum((0..N_OUT).map(|k| y(k).t(" ").f(ln(p(k))))))
            .both(")", r"\right)"),
        Formula::new()
            .both("−(", r"-\left(")
            .f(sum(
                (0..N_OUT).map(|k| num(n.y[k]).t(" ").f(ln(num(n.p[k]))))
            ))
            .both(")", r"\right)"),
        n.loss,
    ));
    out
}

/// ∂L/∂ŷ, the output error δ² = ∂L/∂z², and the output layer's weights and biases.
fn backward_output(n: &NetNumbers) -> Vec<Step> {
    // ∂L/∂ŷₖ, then softmax and cross-entropy together: ∂L/∂z²ₖ = ŷₖ Σy − yₖ.
    let numbers = softmax_ce::Numbers {
        y: &n.y,
        p: &n.p,
        grad_p: &n.grad_p,
        grad_z: &n.grad_z2,
    };
    let logit = |k| z(2, k);
    let symbols = softmax_ce::Symbols {
        prob: &p,
        label: &y,
        logit: &logit,
    };
    let mut out = softmax_ce::backward_steps(&numbers, &symbols, "p", "z2");
    for k in 0..N_OUT {
        for i in 0..N_HID {
            out.push(step(
                Phase::Backward,
                format!("grad:W2[{k}][{i}]"),
                grad_of(weight(2, k, i))
                    .t(" = ")
                    .f(grad_of(z(2, k)))
                    .times()
                    .f(a1(i)),
                num(n.grad_z2[k]).times().f(num(n.a1[i])),
                n.grad_w2[k][i],
            ));
        }
    }
    for k in 0..N_OUT {
        out.push(step(
            Phase::Backward,
            format!("grad:b2[{k}]"),
            grad_of(bias(2, k)).t(" = ").f(grad_of(z(2, k))),
            num(n.grad_z2[k]),
            n.grad_b2[k],
        ));
    }
    out
}

/// The error carried back through W² and σ to the hidden layer's weights and biases.
fn backward_hidden(n: &NetNumbers) -> Vec<Step> {
    let mut out = Vec::new();
    // ∂L/∂a¹ᵢ = Σₖ W²ₖᵢ ∂L/∂z²ₖ
    for i in 0..N_HID {
        out.push(step(
            Phase::Backward,
            format!("grad:a1[{i}]"),
            grad_of(a1(i)).t(" = ").f(sum(
                (0..N_OUT).map(|k| weight(2, k, i).times().f(grad_of(z(2, k))))
            )),
            sum((0..N_OUT).map(|k| num(n.w2[k][i]).times().f(num(n.grad_z2[k])))),
            n.grad_a1[i],
        ));
    }
    // ∂L/∂z¹ᵢ = ∂L/∂a¹ᵢ · σ'(z¹ᵢ), with σ' = a(1 − a)
    for i in 0..N_HID {
        out.push(step(
            Phase::Backward,
            format!("grad:z1[{i}]"),
            grad_of(z(1, i))
                .t(" = ")
                .f(grad_of(a1(i)))
                .times()
                .f(a1(i))
                .t("(1")
                .minus()
                .f(a1(i))
                .t(")"),
            num(n.grad_a1[i])
                .times()
                .f(num(n.a1[i]))
                .t("(1")
                .minus()
                .f(num(n.a1[i]))
                .t(")"),
            n.grad_z1[i],
        ));
    }
    for i in 0..N_HID {
        for j in 0..N_IN {
            out.push(step(
                Phase::Backward,
                format!("grad:W1[{i}][{j}]"),
                grad_of(weight(1, i, j))
                    .t(" = ")
                    .f(grad_of(z(1, i)))
                    .times()
                    .f(x(j)),
                num(n.grad_z1[i]).times().f(num(n.x[j])),
                n.grad_w1[i][j],
            ));
        }
    }
    for i in 0..N_HID {
        out.push(step(
            Phase::Backward,
            format!("grad:b1[{i}]"),
            grad_of(bias(1, i)).t(" = ").f(grad_of(z(1, i))),
            num(n.grad_z1[i]),
            n.grad_b1[i],
        ));
    }
    out
}

/// θ ← θ − α·∂L/∂θ for every weight and bias, output layer first.
fn updates(n: &NetNumbers) -> Vec<Step> {
    let update = |target: String, sym: Formula, old: f64, grad: f64, new: f64| {
        step(
            Phase::Update,
            target,
            sym.clone()
                .both(" ← ", r" \leftarrow ")
                .f(sym.clone())
                .minus()
                .both("α·", r"\alpha \cdot ")
                .f(grad_of(sym)),
            num(old).minus().f(num(n.lr)).times().f(num(grad)),
            new,
        )
    };
    let mut out = Vec::new();
    for k in 0..N_OUT {
        for i in 0..N_HID {
            let (w, g, new) = (n.w2[k][i], n.grad_w2[k][i], n.w2_next[k][i]);
            out.push(update(
                format!("updated:W2[{k}][{i}]"),
                weight(2, k, i),
                w,
                g,
                new,
            ));
        }
    }
    for k in 0..N_OUT {
        let (b, g, new) = (n.b2[k], n.grad_b2[k], n.b2_next[k]);
        out.push(update(format!("updated:b2[{k}]"), bias(2, k), b, g, new));
    }
    for i in 0..N_HID {
        for j in 0..N_IN {
            let (w, g, new) = (n.w1[i][j], n.grad_w1[i][j], n.w1_next[i][j]);
            out.push(update(
                format!("updated:W1[{i}][{j}]"),
                weight(1, i, j),
                w,
                g,
                new,
            ));
        }
    }
    for i in 0..N_HID {
        let (b, g, new) = (n.b1[i], n.grad_b1[i], n.b1_next[i]);
        out.push(update(format!("updated:b1[{i}]"), bias(1, i), b, g, new));
    }
    out
}

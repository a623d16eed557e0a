//! The step-through: e^z, each probability, each loss term, the sum, each gradient and each
//! updated logit, with the formula in symbols and with the numbers substituted.

use super::model::SoftmaxNumbers;
use super::setup::K;
use crate::lessons::kit::notation::{grad_of, ln, sum, sym_sub};
use crate::lessons::kit::shown::{num, step};
use crate::lessons::kit::softmax_ce;
use crate::lessons::kit::{Phase, Step};
use crate::math::Formula;

fn y(k: usize) -> Formula {
    sym_sub("y", "y", k)
}

fn p(k: usize) -> Formula {
    sym_sub("ŷ", r"\hat{y}", k)
}

fn z(k: usize) -> Formula {
    sym_sub("z", "z", k)
}

fn e_to(power: Formula) -> Formula {
    Formula::new().exp(power)
}

pub fn steps(n: &SoftmaxNumbers) -> Vec<Step> {
    let mut out = Vec::new();
    for k in 0..K {
        out.push(step(
            Phase::Forward,
            format!("exp[{k}]"),
            e_to(z(k)),
            e_to(num(n.z[k])),
            n.exp_z[k],
        ));
    }
    // ŷₖ = e^zₖ / (e^z₁ + e^z₂)
    for k in 0..K {
        out.push(step(
            Phase::Forward,
            format!("p[{k}]"),
            p(k).t(" = ")
                .frac(e_to(z(k)), sum((0..K).map(|j| e_to(z(j))))),
            Formula::new().frac(num(n.exp_z[k]), sum((0..K).map(|j| num(n.exp_z[j])))),
            n.p[k],
        ));
    }
    // ℓₖ = −yₖ ln ŷₖ
    for k in 0..K {
        out.push(step(
            Phase::Forward,
            format!("terms[{k}]"),
            sym_sub("ℓ", r"\ell", k)
                .t(" = ")
                .both("−", "-")
                .f(y(k))
                .t(" ")
                .f(ln(p(k))),
            Formula::new()
                .both("−", "-")
                .f(num(n.y[k]))
                .t(" ")
                .f(ln(num(n.p[k]))),
            n.terms[k],
        ));
    }
    out.push(step(
        Phase::Forward,
        "loss".into(),
        Formula::new()
            .t("L = ")
            .f(sum((0..K).map(|k| sym_sub("ℓ", r"\ell", k)))),
        sum((0..K).map(|k| num(n.terms[k]))),
        n.loss,
    ));
    // ∂L/∂ŷₖ = −yₖ / ŷₖ, then ∂L/∂zₖ = ŷₖ(y₁ + y₂) − yₖ (ŷₖ − yₖ for labels summing to 1).
    let numbers = softmax_ce::Numbers {
        y: &n.y,
        p: &n.p,
        grad_p: &n.grad_p,
        grad_z: &n.grad_z,
    };
    let symbols = softmax_ce::Symbols {
        prob: &p,
        label: &y,
        logit: &z,
    };
    out.extend(softmax_ce::backward_steps(&numbers, &symbols, "p", "z"));
    // zₖ ← zₖ − α ∂L/∂zₖ, then the new probabilities.
    for k in 0..K {
        out.push(step(
            Phase::Update,
            format!("updated:z[{k}]"),
            z(k).both(" ← ", r" \leftarrow ")
                .f(z(k))
                .minus()
                .both("α·", r"\alpha \cdot ")
                .f(grad_of(z(k))),
            num(n.z[k]).minus().f(num(n.lr)).times().f(num(n.grad_z[k])),
            n.z_next[k],
        ));
    }
    for k in 0..K {
        out.push(step(
            Phase::Update,
            format!("updated:p[{k}]"),
            p(k).both(" ← ", r" \leftarrow ")
                .frac(e_to(z(k)), sum((0..K).map(|j| e_to(z(j))))),
            Formula::new().frac(
                e_to(num(n.z_next[k])),
                sum((0..K).map(|j| e_to(num(n.z_next[j])))),
            ),
            n.p_next[k],
        ));
    }
    out
}

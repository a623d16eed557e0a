//! The backward steps of softmax with cross-entropy, written once for every lesson that shows
//! them (softmax-ce, backprop-352, the playground's softmax head).

use super::notation::{grad_of, sum};
use super::shown::{num, step};
use super::trace::{Phase, Step};
use crate::math::Formula;

/// True for labels that form a distribution: then ∂L/∂zₖ is exactly ŷₖ − yₖ.
pub fn labels_sum_to_one(y: &[f64]) -> bool {
    (y.iter().sum::<f64>() - 1.0).abs() < 1e-9
}

/// The symbols of one softmax output: its probability ŷₖ, label yₖ and logit zₖ.
pub struct Symbols<'a> {
    pub prob: &'a dyn Fn(usize) -> Formula,
    pub label: &'a dyn Fn(usize) -> Formula,
    pub logit: &'a dyn Fn(usize) -> Formula,
}

/// ∂L/∂zₖ in symbols and with numbers: ŷₖ(Σⱼ yⱼ) − yₖ, which is ŷₖ − yₖ for labels that sum
/// to 1 (softmax and cross-entropy together: Σⱼ ∂L/∂ŷⱼ · ∂ŷⱼ/∂zₖ).
pub fn logit_gradient(k: usize, p: &[f64], y: &[f64], s: &Symbols) -> (Formula, Formula) {
    if labels_sum_to_one(y) {
        return (
            (s.prob)(k).minus().f((s.label)(k)),
            num(p[k]).minus().f(num(y[k])),
        );
    }
    (
        (s.prob)(k)
            .t("(")
            .f(sum((0..y.len()).map(s.label)))
            .t(")")
            .minus()
            .f((s.label)(k)),
        num(p[k])
            .t("(")
            .f(sum(y.iter().map(|&v| num(v))))
            .t(")")
            .minus()
            .f(num(y[k])),
    )
}

/// The numbers the backward steps show.
pub struct Numbers<'a> {
    pub y: &'a [f64],
    pub p: &'a [f64],
    pub grad_p: &'a [f64],
    pub grad_z: &'a [f64],
}

/// Every ∂L/∂ŷₖ = −yₖ/ŷₖ, then every ∂L/∂zₖ; step targets `grad:{p_name}[k]` and
/// `grad:{z_name}[k]`.
pub fn backward_steps(n: &Numbers, s: &Symbols, p_name: &str, z_name: &str) -> Vec<Step> {
    let classes = n.p.len();
    let mut out = Vec::with_capacity(2 * classes);
    for k in 0..classes {
        out.push(step(
            Phase::Backward,
            format!("grad:{p_name}[{k}]"),
            grad_of((s.prob)(k))
                .t(" = ")
                .both("−", "-")
                .frac((s.label)(k), (s.prob)(k)),
            Formula::new().both("−", "-").frac(num(n.y[k]), num(n.p[k])),
            n.grad_p[k],
        ));
    }
    for k in 0..classes {
        let (formula, subst) = logit_gradient(k, n.p, n.y, s);
        out.push(step(
            Phase::Backward,
            format!("grad:{z_name}[{k}]"),
            grad_of((s.logit)(k)).t(" = ").f(formula),
            subst,
            n.grad_z[k],
        ));
    }
    out
}

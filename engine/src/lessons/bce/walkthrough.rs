//! The step-through: each term, the mean, each gradient and each updated prediction, with the
//! formula in symbols and with the numbers substituted.

use super::model::BceNumbers;
use super::setup::N;
use crate::lessons::kit::notation::{grad_of, ln, sym_sub};
use crate::lessons::kit::shown::{num, step};
use crate::lessons::kit::{Phase, Step};
use crate::math::Formula;

fn y(i: usize) -> Formula {
    sym_sub("y", "y", i)
}

fn p(i: usize) -> Formula {
    sym_sub("ŷ", r"\hat{y}", i)
}

fn z(i: usize) -> Formula {
    sym_sub("z", "z", i)
}

pub fn steps(n: &BceNumbers) -> Vec<Step> {
    let mut out = Vec::new();
    // ℓᵢ = −[yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)]
    for i in 0..N {
        let ell = sym_sub("ℓ", r"\ell", i);
        let formula = ell
            .clone()
            .t(" = ")
            .both("−[", r"-\left[")
            .f(y(i))
            .t(" ")
            .f(ln(p(i)))
            .t(" + (1")
            .minus()
            .f(y(i))
            .t(") ")
            .f(ln(Formula::new().t("1").minus().f(p(i))))
            .both("]", r"\right]");
        let subst = Formula::new()
            .both("−[", r"-\left[")
            .f(num(n.y[i]))
            .t(" ")
            .f(ln(num(n.p[i])))
            .t(" + (1")
            .minus()
            .f(num(n.y[i]))
            .t(") ")
            .f(ln(Formula::new().t("1").minus().f(num(n.p[i]))))
            .both("]", r"\right]");
        out.push(step(
            Phase::Forward,
            format!("terms[{i}]"),
            formula,
            subst,
            n.terms[i],
        ));
    }
    // L = (ℓ₁ + ℓ₂ + ℓ₃ + ℓ₄) / 4
    let mut sum_sym = Formula::new();
    let mut sum_num = Formula::new();
    for i in 0..N {
        if i > 0 {
            sum_sym = sum_sym.t(" + ");
            sum_num = sum_num.t(" + ");
        }
        sum_sym = sum_sym.f(sym_sub("ℓ", r"\ell", i));
        sum_num = sum_num.f(num(n.terms[i]));
    }
    out.push(step(
        Phase::Forward,
        "loss".into(),
        Formula::new()
            .t("L = ")
            .frac(sum_sym, Formula::new().t(&N.to_string())),
        Formula::new().frac(sum_num, Formula::new().t(&N.to_string())),
        n.loss,
    ));
    // ∂L/∂ŷᵢ = (ŷᵢ − yᵢ) / (n ŷᵢ (1 − ŷᵢ))
    for i in 0..N {
        out.push(step(
            Phase::Backward,
            format!("grad:p[{i}]"),
            grad_of(p(i)).t(" = ").frac(
                p(i).minus().f(y(i)),
                Formula::new()
                    .t("n ")
                    .f(p(i))
                    .t("(1")
                    .minus()
                    .f(p(i))
                    .t(")"),
            ),
            Formula::new().frac(
                num(n.p[i]).minus().f(num(n.y[i])),
                Formula::new()
                    .t(&format!("{N}"))
                    .times()
                    .f(num(n.p[i]))
                    .t("(1")
                    .minus()
                    .f(num(n.p[i]))
                    .t(")"),
            ),
            n.grad_p[i],
        ));
    }
    // ∂L/∂zᵢ = ∂L/∂ŷᵢ · ŷᵢ(1 − ŷᵢ) = (ŷᵢ − yᵢ) / n
    for i in 0..N {
        out.push(step(
            Phase::Backward,
            format!("grad:z[{i}]"),
            grad_of(z(i))
                .t(" = ")
                .frac(p(i).minus().f(y(i)), Formula::new().t("n")),
            Formula::new().frac(
                num(n.p[i]).minus().f(num(n.y[i])),
                Formula::new().t(&format!("{N}")),
            ),
            n.grad_z[i],
        ));
    }
    // zᵢ ← zᵢ − α ∂L/∂zᵢ, then ŷᵢ = σ(zᵢ)
    for i in 0..N {
        out.push(step(
            Phase::Update,
            format!("updated:z[{i}]"),
            z(i).both(" ← ", r" \leftarrow ")
                .f(z(i))
                .minus()
                .both("α·", r"\alpha \cdot ")
                .f(grad_of(z(i))),
            num(n.z[i]).minus().f(num(n.lr)).times().f(num(n.grad_z[i])),
            n.z_next[i],
        ));
        out.push(step(
            Phase::Update,
            format!("updated:p[{i}]"),
            p(i).both(" ← σ(", r" \leftarrow \sigma\left(")
                .f(z(i))
                .both(")", r"\right)"),
            Formula::new().frac(
                Formula::new().t("1"),
                Formula::new()
                    .t("1 + ")
                    .exp(Formula::new().both("−", "-").f(num(n.z_next[i]))),
            ),
            n.p_next[i],
        ));
    }
    out
}

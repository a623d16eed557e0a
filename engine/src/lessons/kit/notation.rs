//! Small helpers for writing article notation in both plain text and TeX.

use crate::math::Formula;

const SUB: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// `12` as `₁₂`.
pub fn subscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| SUB[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// `2` as `²`.
pub fn superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| SUP[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// A symbol with a 1-based subscript: `sym_sub("ŷ", r"\hat{y}", 0)` is ŷ₁.
pub fn sym_sub(plain: &str, tex: &str, index: usize) -> Formula {
    Formula::new().both(
        &format!("{plain}{}", subscript(index + 1)),
        &format!("{tex}_{{{}}}", index + 1),
    )
}

/// ∂L/∂(symbol), as a fraction in TeX.
pub fn grad_of(symbol: Formula) -> Formula {
    Formula::new().both(
        &format!("∂L/∂{}", symbol.plain),
        &format!(r"\frac{{\partial L}}{{\partial {}}}", symbol.tex),
    )
}

/// `ln(…)`.
pub fn ln(inner: Formula) -> Formula {
    Formula::new()
        .both("ln(", r"\ln\left(")
        .f(inner)
        .both(")", r"\right)")
}

/// `t₁ + t₂ + …` of formulas.
pub fn sum(terms: impl IntoIterator<Item = Formula>) -> Formula {
    let mut out = Formula::new();
    for (i, t) in terms.into_iter().enumerate() {
        if i > 0 {
            out = out.t(" + ");
        }
        out = out.f(t);
    }
    out
}

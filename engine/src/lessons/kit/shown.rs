//! How every lesson shows a number: one precision for steps, tables and errata, and the small
//! builders on it, so a lesson declares none of its own.

use super::trace::{Phase, Step};
use crate::math::Formula;
use crate::state::number::format_number;

/// Decimals shown everywhere in a lesson (values are f32: more would show noise).
pub const DIGITS: usize = 4;

/// A number as a formula piece.
pub fn num(v: f64) -> Formula {
    Formula::new().num(v, DIGITS)
}

/// A computed step: `target = formula = subst = value`.
pub fn step(phase: Phase, target: String, formula: Formula, subst: Formula, value: f64) -> Step {
    Step::computed(phase, target, formula, subst, value, DIGITS)
}

/// A number as text.
pub fn shown(v: f64) -> String {
    format_number(v, DIGITS)
}

/// Numbers as text, comma-separated.
pub fn shown_joined(v: &[f64]) -> String {
    v.iter().map(|&x| shown(x)).collect::<Vec<_>>().join(", ")
}

/// Numbers as text in brackets: `[0.1, −0.2]`.
pub fn shown_list(v: &[f64]) -> String {
    format!("[{}]", shown_joined(v))
}

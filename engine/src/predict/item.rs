//! The next value to predict, built from a lesson's own step: the question (the formula in
//! symbols), the computed value, the worked formula to show after the guess, and the slips
//! this kind of step invites.

use super::slips::{self, Slip};
use crate::lessons::kit::{LessonTrace, Phase, Step};
use crate::math::Formula;

#[derive(Clone, Debug, PartialEq)]
pub struct PredictItem {
    /// The step's target (`z1[0]`, `grad:W2[1]`), as in the walkthrough's `data-target`.
    pub target: String,
    /// The formula in symbols: what the learner evaluates.
    pub question: Formula,
    pub value: f64,
    /// The formula with the numbers substituted, shown after the guess.
    pub substituted: Formula,
    /// Values a known mistake gives, most specific first.
    pub slips: Vec<Slip>,
}

/// One entry of a quantity: its value, and its gradient where the lesson has one.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Entry {
    value: f64,
    grad: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Activation {
    Sigmoid,
    Tanh,
    Relu,
}

/// The activation a forward step applies, read from its formula.
fn activation_in(formula: &Formula) -> Option<Activation> {
    let plain = formula.plain.to_ascii_lowercase();
    if formula.plain.contains('σ') {
        Some(Activation::Sigmoid)
    } else if plain.contains("tanh") {
        Some(Activation::Tanh)
    } else if plain.contains("relu") {
        Some(Activation::Relu)
    } else {
        None
    }
}

/// `a1[0]` → (`a`, `1[0]`): the letter and the rest, so `z1[0]` is its pre-activation.
fn swap_letter(target: &str, letter: char) -> Option<String> {
    let mut chars = target.chars();
    let first = chars.next()?;
    matches!(first, 'a' | 'z').then(|| format!("{letter}{}", chars.as_str()))
}

/// The slips for a step, given how to look up entries and the activation producing `a…`.
fn slips_for(
    phase: Phase,
    target: &str,
    formula: &Formula,
    value: f64,
    entry: &dyn Fn(&str) -> Option<Entry>,
    activation_of: &dyn Fn(&str) -> Option<Activation>,
) -> Vec<Slip> {
    let mut out = Vec::new();
    match phase {
        Phase::Forward => {
            if formula.plain.contains("ln") {
                out.push(slips::natural_log(value));
            }
            let z = swap_letter(target, 'z').and_then(|z| entry(&z));
            if let (true, Some(z)) = (activation_of(target) == Some(Activation::Sigmoid), z) {
                out.extend(slips::sigmoid_forward(z.value));
            }
        }
        Phase::Backward => {
            let node = target.strip_prefix("grad:").unwrap_or(target);
            if node.starts_with('z') {
                let a_name = swap_letter(node, 'a');
                let a = a_name.as_deref().and_then(entry);
                let act = a_name.as_deref().and_then(activation_of);
                if let (Some(a), Some(act)) = (a, act) {
                    let grad_a = a.grad.unwrap_or(f64::NAN);
                    match act {
                        Activation::Sigmoid => out.extend(slips::sigmoid_backward(grad_a, a.value)),
                        Activation::Tanh => out.extend(slips::tanh_backward(grad_a, a.value)),
                        Activation::Relu => {
                            if let Some(z) = entry(node) {
                                out.extend(slips::relu_backward(grad_a, z.value));
                            }
                        }
                    }
                }
            }
        }
        Phase::Update => {
            let param = target.strip_prefix("updated:").unwrap_or(target);
            if let Some(before) = entry(param) {
                out.push(slips::update_direction(before.value, value));
                if let (Some(g), true) = (before.grad, formula.plain.contains('α')) {
                    out.push(slips::forgot_rate(before.value, g));
                }
            }
        }
    }
    out.extend(slips::generic(value));
    out
}

fn kit_activation(steps: &[Step], a_target: &str) -> Option<Activation> {
    steps
        .iter()
        .find(|s| s.phase == Phase::Forward && s.target == a_target)
        .and_then(|s| activation_in(&s.formula))
}

/// The item for step `index` of a kit lesson's (or the playground's) walkthrough.
pub fn for_kit_step(trace: &LessonTrace, index: usize) -> Option<PredictItem> {
    for_steps(trace, &trace.steps, index)
}

/// The item for one of `steps` of the playground's point trace (its inspector shows a subset).
pub fn for_playground_step(trace: &LessonTrace, step: &Step) -> PredictItem {
    item(trace, &trace.steps, step)
}

fn for_steps(trace: &LessonTrace, steps: &[Step], index: usize) -> Option<PredictItem> {
    steps.get(index).map(|s| item(trace, steps, s))
}

fn item(trace: &LessonTrace, steps: &[Step], s: &Step) -> PredictItem {
    let entry = |name: &str| trace.entry(name).map(|(value, grad)| Entry { value, grad });
    let activation_of = |name: &str| kit_activation(steps, name);
    PredictItem {
        target: s.target.clone(),
        question: s.formula.clone(),
        value: s.value,
        substituted: s.substituted.clone(),
        slips: slips_for(
            s.phase,
            &s.target,
            &s.formula,
            s.value,
            &entry,
            &activation_of,
        ),
    }
}

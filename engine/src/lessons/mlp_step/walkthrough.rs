//! The step-through: each forward node, each gradient and the update, with the formula and
//! the same formula with the trace's numbers substituted. Every number comes from the trace.

use super::labels::{grad_label, label};
use crate::model::mlp221::{LossKind, Mlp221Params, Mlp221Trace};
use crate::state::number::format_number;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Forward,
    Backward,
}

/// One click of Forward ▸ or Backward ▸.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub phase: Phase,
    /// What this step reveals: a node (`z1[0]`, `loss`) or a gradient (`grad:W1[0][1]`).
    pub target: String,
    /// The quantity in article notation.
    pub label: String,
    /// The formula in symbols.
    pub formula: String,
    /// The formula with the current numbers substituted, ending in the value.
    pub substituted: String,
    pub value: f64,
    /// The quantities this step reads (names as in `target`), for highlighting.
    pub uses: Vec<String>,
}

/// Digits shown in the page and in formulas.
pub const DIGITS: usize = 4;

fn n(v: f64) -> String {
    let s = format_number(v, DIGITS);
    if v < 0.0 { format!("({s})") } else { s }
}

/// One line of the SGD update for a parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct UpdateLine {
    pub name: String,
    pub formula: String,
    pub substituted: String,
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
    let mut out = Vec::new();
    let mut push =
        |phase, target: String, label: String, formula: String, subst: String, v: f64| {
            out.push(Step {
                phase,
                label,
                formula,
                substituted: format!("{subst} = {}", format_number(v, DIGITS)),
                value: v,
                uses: uses(&target),
                target,
            })
        };

    // Forward: z¹ᵢ, a¹ᵢ for each hidden unit, then z², a², L.
    for i in 0..2 {
        let z = format!("z1[{i}]");
        let a = format!("a1[{i}]");
        let (w_a, w_b) = (
            param(&format!("W1[{i}][0]")).0,
            param(&format!("W1[{i}][1]")).0,
        );
        let b = param(&format!("b1[{i}]")).0;
        push(
            Phase::Forward,
            z.clone(),
            label(&z),
            format!(
                "{} = {}·x₁ + {}·x₂ + {}",
                label(&z),
                label(&format!("W1[{i}][0]")),
                label(&format!("W1[{i}][1]")),
                label(&format!("b1[{i}]"))
            ),
            format!(
                "= {}·{} + {}·{} + {}",
                n(w_a),
                n(p.x[0]),
                n(w_b),
                n(p.x[1]),
                n(b)
            ),
            node(&z).0,
        );
        push(
            Phase::Forward,
            a.clone(),
            label(&a),
            format!(
                "{} = σ({}) = 1 / (1 + e^(−{}))",
                label(&a),
                label(&z),
                label(&z)
            ),
            format!("= 1 / (1 + e^(−{}))", n(node(&z).0)),
            node(&a).0,
        );
    }
    let (a11, a12) = (node("a1[0]").0, node("a1[1]").0);
    push(
        Phase::Forward,
        "z2".into(),
        label("z2"),
        "z² = W²₁·a¹₁ + W²₂·a¹₂ + b²".into(),
        format!(
            "= {}·{} + {}·{} + {}",
            n(param("W2[0]").0),
            n(a11),
            n(param("W2[1]").0),
            n(a12),
            n(param("b2").0)
        ),
        node("z2").0,
    );
    push(
        Phase::Forward,
        "a2".into(),
        label("a2"),
        "a² = σ(z²) = 1 / (1 + e^(−z²))".into(),
        format!("= 1 / (1 + e^(−{}))", n(node("z2").0)),
        node("a2").0,
    );
    let a2 = node("a2").0;
    let (loss_formula, loss_subst) = match p.loss {
        LossKind::Bce => (
            "L = −[y·ln a² + (1 − y)·ln(1 − a²)]".to_string(),
            format!(
                "= −[{}·ln {} + {}·ln {}]",
                n(p.y),
                n(a2),
                n(1.0 - p.y),
                n(1.0 - a2)
            ),
        ),
        LossKind::Mse => (
            "L = (a² − y)²".to_string(),
            format!("= ({} − {})²", n(a2), n(p.y)),
        ),
    };
    push(
        Phase::Forward,
        "loss".into(),
        "L".into(),
        loss_formula,
        loss_subst,
        t.loss,
    );

    // Backward: the chain rule from L back to every parameter.
    let g_a2 = node("a2").1;
    let (ga2_formula, ga2_subst) = match p.loss {
        LossKind::Bce => (
            "∂L/∂a² = −y/a² + (1 − y)/(1 − a²)".to_string(),
            format!("= −{}/{} + {}/{}", n(p.y), n(a2), n(1.0 - p.y), n(1.0 - a2)),
        ),
        LossKind::Mse => (
            "∂L/∂a² = 2·(a² − y)".to_string(),
            format!("= 2·({} − {})", n(a2), n(p.y)),
        ),
    };
    push(
        Phase::Backward,
        "grad:a2".into(),
        grad_label("a2"),
        ga2_formula,
        ga2_subst,
        g_a2,
    );
    let g_z2 = node("z2").1;
    push(
        Phase::Backward,
        "grad:z2".into(),
        grad_label("z2"),
        "∂L/∂z² = ∂L/∂a² · σ′(z²) = ∂L/∂a² · a²(1 − a²)".into(),
        format!("= {}·{}·(1 − {})", n(g_a2), n(a2), n(a2)),
        g_z2,
    );
    for (i, a) in [a11, a12].into_iter().enumerate() {
        let w = format!("W2[{i}]");
        push(
            Phase::Backward,
            format!("grad:{w}"),
            grad_label(&w),
            format!(
                "{} = ∂L/∂z² · {}",
                grad_label(&w),
                label(&format!("a1[{i}]"))
            ),
            format!("= {}·{}", n(g_z2), n(a)),
            param(&w).1,
        );
    }
    push(
        Phase::Backward,
        "grad:b2".into(),
        grad_label("b2"),
        "∂L/∂b² = ∂L/∂z² · 1".into(),
        format!("= {}", n(g_z2)),
        param("b2").1,
    );
    for i in 0..2 {
        let a = format!("a1[{i}]");
        let w = format!("W2[{i}]");
        push(
            Phase::Backward,
            format!("grad:{a}"),
            grad_label(&a),
            format!("{} = ∂L/∂z² · {}", grad_label(&a), label(&w)),
            format!("= {}·{}", n(g_z2), n(param(&w).0)),
            node(&a).1,
        );
    }
    for i in 0..2 {
        let a = format!("a1[{i}]");
        let z = format!("z1[{i}]");
        let (av, ag) = node(&a);
        push(
            Phase::Backward,
            format!("grad:{z}"),
            grad_label(&z),
            format!(
                "{} = {} · {}(1 − {})",
                grad_label(&z),
                grad_label(&a),
                label(&a),
                label(&a)
            ),
            format!("= {}·{}·(1 − {})", n(ag), n(av), n(av)),
            node(&z).1,
        );
    }
    for i in 0..2 {
        let gz = node(&format!("z1[{i}]")).1;
        for j in 0..2 {
            let w = format!("W1[{i}][{j}]");
            push(
                Phase::Backward,
                format!("grad:{w}"),
                grad_label(&w),
                format!(
                    "{} = {} · x{}",
                    grad_label(&w),
                    grad_label(&format!("z1[{i}]")),
                    sub1(j)
                ),
                format!("= {}·{}", n(gz), n(p.x[j])),
                param(&w).1,
            );
        }
    }
    for i in 0..2 {
        let b = format!("b1[{i}]");
        push(
            Phase::Backward,
            format!("grad:{b}"),
            grad_label(&b),
            format!(
                "{} = {} · 1",
                grad_label(&b),
                grad_label(&format!("z1[{i}]"))
            ),
            format!("= {}", n(node(&format!("z1[{i}]")).1)),
            param(&b).1,
        );
    }
    out
}

fn sub1(j: usize) -> &'static str {
    ["₁", "₂"][j]
}

/// The SGD update θ ← θ − α·∂L/∂θ for every parameter entry, from the trace.
pub fn update_lines(p: &Mlp221Params, t: &Mlp221Trace) -> Vec<UpdateLine> {
    PARAM_ENTRIES
        .iter()
        .filter_map(|&name| {
            let (before, grad, after) = param_entry(t, name)?;
            Some(UpdateLine {
                name: name.to_string(),
                formula: format!("{} ← {} − α·{}", label(name), label(name), grad_label(name)),
                substituted: format!(
                    "= {} − {}·{} = {}",
                    n(before),
                    n(p.lr),
                    n(grad),
                    format_number(after, DIGITS)
                ),
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

/// The quantities a step's formula reads.
pub fn uses(target: &str) -> Vec<String> {
    // The bracketed indices of a name: "grad:W1[1][0]" -> [1, 0].
    let idx = |t: &str| -> Vec<usize> {
        t.split('[')
            .skip(1)
            .filter_map(|s| s.trim_end_matches(']').parse().ok())
            .collect()
    };
    let list: Vec<String> = match target {
        "z2" => vec!["W2[0]", "W2[1]", "a1[0]", "a1[1]", "b2"]
            .into_iter()
            .map(String::from)
            .collect(),
        "a2" => vec!["z2".into()],
        "loss" => vec!["a2".into(), "y".into()],
        "grad:a2" => vec!["a2".into(), "y".into(), "loss".into()],
        "grad:z2" => vec!["grad:a2".into(), "a2".into()],
        "grad:b2" => vec!["grad:z2".into()],
        t if t.starts_with("z1[") => {
            let i = idx(t)[0];
            vec![
                format!("W1[{i}][0]"),
                format!("W1[{i}][1]"),
                "x[0]".into(),
                "x[1]".into(),
                format!("b1[{i}]"),
            ]
        }
        t if t.starts_with("a1[") => vec![format!("z1[{}]", idx(t)[0])],
        t if t.starts_with("grad:W2[") => vec!["grad:z2".into(), format!("a1[{}]", idx(t)[0])],
        t if t.starts_with("grad:a1[") => vec!["grad:z2".into(), format!("W2[{}]", idx(t)[0])],
        t if t.starts_with("grad:z1[") => {
            let i = idx(t)[0];
            vec![format!("grad:a1[{i}]"), format!("a1[{i}]")]
        }
        t if t.starts_with("grad:W1[") => {
            let d = idx(t);
            vec![format!("grad:z1[{}]", d[0]), format!("x[{}]", d[1])]
        }
        t if t.starts_with("grad:b1[") => vec![format!("grad:z1[{}]", idx(t)[0])],
        _ => Vec::new(),
    };
    list
}

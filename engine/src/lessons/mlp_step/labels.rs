//! The article's notation for each quantity: `W1[0][1]` is shown as W¹₁₂ (1-based, as printed).

const SUB: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

fn sub(i: usize) -> String {
    (i + 1)
        .to_string()
        .chars()
        .map(|c| SUB[c as usize - '0' as usize])
        .collect()
}

/// Article notation for a node or parameter name such as `z1[0]`, `W1[1][0]`, `b2`.
pub fn label(name: &str) -> String {
    let (base, rest) = name.split_at(name.find('[').unwrap_or(name.len()));
    let indices: Vec<usize> = rest
        .split(['[', ']'])
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let subs: String = indices.into_iter().map(sub).collect();
    let head = match base {
        "z1" => "z¹",
        "a1" => "a¹",
        "z2" => "z²",
        "a2" => "a²",
        "W1" => "W¹",
        "b1" => "b¹",
        "W2" => "W²",
        "b2" => "b²",
        "x" => "x",
        "y" => "y",
        "lr" => "α",
        "loss" => "L",
        other => other,
    };
    format!("{head}{subs}")
}

/// ∂L/∂(label) for a node or parameter name.
pub fn grad_label(name: &str) -> String {
    format!("∂L/∂{}", label(name))
}

/// The same notation in TeX: `W1[0][1]` is `W^{1}_{12}`.
pub fn tex_label(name: &str) -> String {
    let (base, rest) = name.split_at(name.find('[').unwrap_or(name.len()));
    let subs: String = rest
        .split(['[', ']'])
        .filter_map(|s| s.parse::<usize>().ok())
        .map(|i| (i + 1).to_string())
        .collect();
    let (head, layer) = match base {
        "z1" => ("z", "1"),
        "a1" => ("a", "1"),
        "z2" => ("z", "2"),
        "a2" => ("a", "2"),
        "W1" => ("W", "1"),
        "b1" => ("b", "1"),
        "W2" => ("W", "2"),
        "b2" => ("b", "2"),
        "lr" => (r"\alpha", ""),
        "loss" => ("L", ""),
        other => (other, ""),
    };
    let mut s = head.to_string();
    if !layer.is_empty() {
        s.push_str(&format!("^{{{layer}}}"));
    }
    if !subs.is_empty() {
        s.push_str(&format!("_{{{subs}}}"));
    }
    s
}

/// A quantity in both notations.
pub fn sym(name: &str) -> Formula {
    Formula::new().both(&label(name), &tex_label(name))
}

/// ∂L/∂(quantity) in both notations.
pub fn grad_sym(name: &str) -> Formula {
    Formula::new().both(
        &grad_label(name),
        &format!(r"\frac{{\partial L}}{{\partial {}}}", tex_label(name)),
    )
}

use crate::math::Formula;

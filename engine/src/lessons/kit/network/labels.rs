//! The article's notation for each quantity: `W1[0][1]` is shown as W¹₁₂ (1-based, as printed),
//! in plain text and in TeX (`W^{1}_{12}`), both from one reading of the name.

use crate::math::Formula;

const SUB: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

/// A name read once: its letter in each notation, its layer, and its 1-based indices.
struct Notation<'a> {
    plain: &'a str,
    tex: &'a str,
    layer: Option<u8>,
    indices: Vec<usize>,
}

fn notation(name: &str) -> Notation<'_> {
    let (base, rest) = name.split_at(name.find('[').unwrap_or(name.len()));
    let indices = rest
        .split(['[', ']'])
        .filter_map(|s| s.parse::<usize>().ok())
        .map(|i| i + 1)
        .collect();
    let (plain, tex, layer) = match base {
        "z1" => ("z", "z", Some(1)),
        "a1" => ("a", "a", Some(1)),
        "W1" => ("W", "W", Some(1)),
        "b1" => ("b", "b", Some(1)),
        "z2" => ("z", "z", Some(2)),
        "a2" => ("a", "a", Some(2)),
        "W2" => ("W", "W", Some(2)),
        "b2" => ("b", "b", Some(2)),
        // xor's fixed points are the matrix X; one point's coordinate is x.
        "x" | "X" => ("x", "x", None),
        // backprop-352's softmax output, as the article writes it.
        "p" => ("ŷ", r"\hat{y}", None),
        "y" => ("y", "y", None),
        "lr" => ("α", r"\alpha", None),
        "loss" => ("L", "L", None),
        other => (other, other, None),
    };
    Notation {
        plain,
        tex,
        layer,
        indices,
    }
}

/// Article notation for a node or parameter name such as `z1[0]`, `W1[1][0]`, `b2`.
pub fn label(name: &str) -> String {
    let n = notation(name);
    let layer = match n.layer {
        Some(1) => "¹",
        Some(2) => "²",
        _ => "",
    };
    let subs: String = n
        .indices
        .iter()
        .flat_map(|i| i.to_string().chars().collect::<Vec<_>>())
        .map(|c| SUB[c as usize - '0' as usize])
        .collect();
    format!("{}{layer}{subs}", n.plain)
}

/// ∂L/∂(label) for a node or parameter name.
pub fn grad_label(name: &str) -> String {
    format!("∂L/∂{}", label(name))
}

/// The same notation in TeX: `W1[0][1]` is `W^{1}_{12}`.
pub fn tex_label(name: &str) -> String {
    let n = notation(name);
    let mut s = n.tex.to_string();
    if let Some(layer) = n.layer {
        s.push_str(&format!("^{{{layer}}}"));
    }
    if !n.indices.is_empty() {
        let subs: String = n.indices.iter().map(usize::to_string).collect();
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

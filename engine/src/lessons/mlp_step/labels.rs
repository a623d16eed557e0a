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

//! The common slips: for a step, the values a learner gets by making a known mistake, each
//! with what went wrong. A guess that matches one (and not the truth) is explained by it.

use super::tolerance::RIGHT;
use crate::i18n::Text;

#[derive(Clone, Debug, PartialEq)]
pub struct Slip {
    /// The value the slip gives.
    pub value: f64,
    pub why: Text,
}

fn slip(value: f64, why: Text) -> Slip {
    Slip { value, why }
}

/// The first slip the guess matches, unless that slip also gives (nearly) the true value.
pub fn diagnose(guess: f64, truth: f64, slips: &[Slip]) -> Option<&Slip> {
    slips.iter().find(|s| {
        s.value.is_finite() && RIGHT.accepts(guess, s.value) && !RIGHT.accepts(s.value, truth)
    })
}

/// Slips possible in any step: a flipped sign, a factor of two.
pub fn generic(truth: f64) -> Vec<Slip> {
    vec![
        slip(
            -truth,
            Text::new(
                "符号反了：数值对，正负号错了（文章里也有这种翻转的符号）。",
                "The sign is flipped: the size is right, the sign is not (the articles flip signs too).",
            ),
        ),
        slip(
            2.0 * truth,
            Text::new(
                "多了一个因子 2（例如把平方的导数 2(ŷ − y) 用在了不带 2 的公式里）。",
                "A factor of 2 too many (for instance the square's derivative 2(ŷ − y) where the formula has none).",
            ),
        ),
        slip(
            truth / 2.0,
            Text::new(
                "少了一个因子 2：检查平方求导时的 2。",
                "A factor of 2 too few: check the 2 from differentiating a square.",
            ),
        ),
    ]
}

/// ∂L/∂z through a sigmoid, ∂L/∂a · a(1 − a), and what comes out with the wrong slope.
pub fn sigmoid_backward(grad_a: f64, a: f64) -> Vec<Slip> {
    vec![
        slip(
            grad_a * (1.0 + a),
            Text::new(
                "你用了 σ′ = 1 + a（文章的笔误）；sigmoid 的导数是 σ′ = a(1 − a)。",
                "You used σ′ = 1 + a (the article's slip); the sigmoid's derivative is σ′ = a(1 − a).",
            ),
        ),
        slip(
            grad_a,
            Text::new(
                "漏乘了 sigmoid 的导数 a(1 − a)：链式法则经过 σ 时要乘上它。",
                "The sigmoid's slope a(1 − a) is missing: the chain rule multiplies by it on the way through σ.",
            ),
        ),
        slip(
            grad_a * a,
            Text::new(
                "你把 σ′ 当成了 a；它是 a(1 − a)。",
                "You took σ′ to be a; it is a(1 − a).",
            ),
        ),
    ]
}

/// ∂L/∂z through tanh, ∂L/∂a · (1 − a²).
pub fn tanh_backward(grad_a: f64, a: f64) -> Vec<Slip> {
    vec![
        slip(
            grad_a * (1.0 - a),
            Text::new(
                "你用了 1 − a；tanh 的导数是 1 − a²。",
                "You used 1 − a; the derivative of tanh is 1 − a².",
            ),
        ),
        slip(
            grad_a,
            Text::new(
                "漏乘了 tanh 的导数 1 − a²。",
                "The tanh slope 1 − a² is missing.",
            ),
        ),
    ]
}

/// ∂L/∂z through ReLU: ∂L/∂a where z > 0, else 0.
pub fn relu_backward(grad_a: f64, z: f64) -> Vec<Slip> {
    let gate = if z > 0.0 { 0.0 } else { grad_a };
    vec![slip(
        gate,
        Text::new(
            "ReLU 的门反了：z > 0 时梯度原样通过，z ≤ 0 时为 0。",
            "ReLU's gate is the wrong way round: the gradient passes where z > 0 and is 0 where z ≤ 0.",
        ),
    )]
}

/// a = σ(z) computed with the wrong exponent or without the fraction.
pub fn sigmoid_forward(z: f64) -> Vec<Slip> {
    vec![
        slip(
            1.0 / (1.0 + z.exp()),
            Text::new(
                "指数的符号错了：σ(z) = 1 / (1 + e^(−z))，不是 e^(+z)。",
                "The exponent's sign is wrong: σ(z) = 1 / (1 + e^(−z)), not e^(+z).",
            ),
        ),
        slip(
            (-z).exp(),
            Text::new(
                "只算了 e^(−z)：还要取 1 / (1 + e^(−z))。",
                "That is e^(−z) alone: σ(z) takes 1 / (1 + e^(−z)).",
            ),
        ),
    ]
}

/// A loss with ln, computed with log₁₀.
pub fn natural_log(truth: f64) -> Slip {
    slip(
        truth / std::f64::consts::LN_10,
        Text::new(
            "你用了以 10 为底的对数；交叉熵用自然对数 ln。",
            "You used the base-10 logarithm; cross-entropy uses the natural log ln.",
        ),
    )
}

/// An update step taken uphill: θ + (θ − θ′) instead of θ′.
pub fn update_direction(before: f64, after: f64) -> Slip {
    slip(
        2.0 * before - after,
        Text::new(
            "方向反了：梯度下降沿梯度的反方向走（θ − α·g），你往上坡走了。",
            "Wrong direction: gradient descent moves against the gradient (θ − α·g); yours walks uphill.",
        ),
    )
}

/// θ − g: the learning rate left out of a gradient step.
pub fn forgot_rate(before: f64, grad: f64) -> Slip {
    slip(
        before - grad,
        Text::new(
            "漏乘了学习率 α：这一步走的是 α·g，不是 g。",
            "The learning rate α is missing: the step is α·g, not g.",
        ),
    )
}

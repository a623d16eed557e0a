//! What article 001 §4.2 gets wrong in its Adam rule, shown on this lesson's race at its start
//! (the article gives the rules only, no numbers).

use burn::prelude::Device;

use super::model::compute;
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::shown::shown_list;
use crate::lessons::kit::{Erratum, RowKind, TraceError, Values};
use crate::state::number::format_number;

fn pair(a: f64, b: f64) -> String {
    shown_list(&[a, b])
}

/// Adam's first step as the article prints it: α·m₁/(√v₁ + ε) with no bias correction.
pub fn uncorrected_first_step(g: f64, lr: f64, beta1: f64, beta2: f64, eps: f64) -> f64 {
    let m = (1.0 - beta1) * g;
    let v = (1.0 - beta2) * g * g;
    -lr * m / (v.sqrt() + eps)
}

pub async fn errata(values: &Values, device: &Device) -> Result<Vec<Erratum>, TraceError> {
    let n = compute(values, device).await?;
    let (g1, g2) = (n.grads[6], n.grads[7]);
    let step = |j: usize| n.next[6 + j] - n.pos[6 + j];
    let printed = |g: f64| uncorrected_first_step(g, n.lr[3], n.beta1, n.beta2, n.eps);
    Ok(vec![
        Erratum {
            id: "grad_squared",
            kind: RowKind::Slip,
            quantity: Text::new("Adam 的 v_t", "Adam's v_t"),
            article: r"v_t = \beta_2 v_{t-1} + (1 - \beta_2) \nabla_\theta^2 J(\theta; x^{(t)}, y^{(t)})",
            gloss: None,
            truth: Phrase::same(format!("(∇J)² = {}", pair(g1 * g1, g2 * g2))),
            recomputed: {
                let diag = pair(n.hess_diag[0], n.hess_diag[1]);
                Some(Phrase::new(
                    format!("∇²J（对角线）= {diag}"),
                    format!("∇²J (diag) = {diag}"),
                ))
            },
            explanation: Text::new(
                "∇² 表示二阶导数（Hessian 或拉普拉斯），而 Adam 的 v 累积的是梯度逐元素的平方 (∇J)²。两者完全不同：这里起点处梯度平方与 Hessian 对角线相差很大，而且 Hessian 对平方损失是常数，不会随训练变化。文章紧接着把 v_t 称为二阶矩估计，可见本意就是 (∇J)²，错在写法。",
                "∇² means second derivatives (the Hessian or the Laplacian), whereas Adam's v accumulates the element-wise square of the gradient, (∇J)². They are different things: at this start the squared gradient and the Hessian diagonal differ widely, and for a squared loss the Hessian is constant, never changing as training goes. The next line calls v_t the second-moment estimate, so (∇J)² is clearly what is meant; the notation is the slip.",
            ).into(),
        },
        Erratum {
            id: "bias_correction",
            kind: RowKind::Slip,
            quantity: Text::new("Adam 第一步的位移", "Adam's first step"),
            article: r"\theta_{t+1} = \theta_{t} - \alpha \cdot \frac{m_t}{\sqrt{v_t} + \epsilon}",
            gloss: None,
            truth: Phrase::same(pair(step(0), step(1))),
            recomputed: Some(Phrase::same(pair(printed(g1), printed(g2)))),
            explanation: {
                // |m₁|/√v₁ = (1 − β₁)|g|/(√(1 − β₂)|g|): the first uncorrected step in units of α.
                let factor = format_number(
                    (1.0 - values.get("beta1")) / (1.0 - values.get("beta2")).sqrt(),
                    3,
                );
                Phrase::new(
                    format!("缺少偏差校正 m̂ = m/(1 − β₁ᵗ)、v̂ = v/(1 − β₂ᵗ)。m 和 v 从 0 开始，早期被拉向 0；不校正时第一步的大小是 α(1 − β₁)/√(1 − β₂) ≈ {factor}α，而不是约 α。"),
                    format!("The bias correction m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) is missing. m and v start at 0 and are pulled toward 0 early on; uncorrected, the first step has size α(1 − β₁)/√(1 − β₂) ≈ {factor}α instead of about α."),
                )
            },
        },
    ])
}

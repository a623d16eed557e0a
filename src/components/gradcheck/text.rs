//! The gradient check's words.

use engine::i18n::Text;

pub const TITLE: Text = Text::new("梯度检验", "Gradient check");
pub const TOGGLE: Text = Text::new(
    "用有限差分核对每个梯度",
    "Check every gradient by finite differences",
);
pub const EPS: Text = Text::new("步长 ε", "Step ε");
pub const BACKWARD: Text = Text::new("反向传播", "Backward pass");
pub const PARAMETER: Text = Text::new("参数", "Parameter");
pub const AUTODIFF: Text = Text::new("自动微分", "Autodiff");
pub const NUMERIC: Text = Text::new("有限差分", "Finite difference");
pub const RELATIVE: Text = Text::new("相对误差", "Relative error");
pub const AGREES: Text = Text::new("一致", "agrees");
pub const NEARLY: Text = Text::new("接近", "nearly");
pub const DISAGREES: Text = Text::new("不一致", "disagrees");
pub const CHECKING: Text = Text::new("正在核对 {done} / {total}…", "Checking {done} / {total}…");
pub const ALL_AGREE: Text = Text::new(
    "{n} 个梯度全部一致（最大相对误差 {worst}）。",
    "All {n} gradients agree (largest relative error {worst}).",
);
pub const SOME_DISAGREE: Text = Text::new(
    "{n} 个梯度中有 {bad} 个与有限差分不一致：反向传播算错了。",
    "{bad} of {n} gradients disagree with the finite differences: the backward pass is wrong.",
);
pub const SOME_NEARLY: Text = Text::new(
    "{n} 个梯度中有 {bad} 个只是接近：试试别的 ε。",
    "{bad} of {n} gradients only nearly agree: try another ε.",
);
pub const HOW: Text = Text::new(
    "每个参数 θ 移动 ±ε，用同一个模型重新算损失：(L(θ + ε) − L(θ − ε)) / 2ε。相对误差 ≤ {agrees} 为一致，≤ {nearly} 为接近（后端用 f32 计算，梯度接近 0 时以损失的舍入误差为准）。ε 太大有截断误差，太小则舍入误差变大。",
    "Each parameter θ is moved by ±ε and the loss recomputed by the same model: (L(θ + ε) − L(θ − ε)) / 2ε. A relative error ≤ {agrees} agrees, ≤ {nearly} nearly agrees (the backends compute in f32; for gradients near 0 the loss's rounding decides). Too large an ε adds truncation error, too small a one rounding error.",
);
pub const BAD_EPS: Text = Text::new(
    "ε 须在 {min} 到 {max} 之间",
    "ε must be between {min} and {max}",
);

/// The break's name in the select.
pub fn break_label(name: &str) -> Text {
    match name {
        "one-plus-a" => Text::new(
            "弄错：σ′ = 1 + a（文章 000 的笔误）",
            "Broken: σ′ = 1 + a (article 000's slip)",
        ),
        "flipped-sign" => Text::new(
            "弄错：梯度符号反了",
            "Broken: every gradient's sign flipped",
        ),
        _ => Text::new("正确（自动微分）", "Correct (autodiff)"),
    }
}

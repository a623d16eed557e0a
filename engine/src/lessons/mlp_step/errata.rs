//! What article 000 §4.3 gets wrong, each claim beside the value this app computes.
//!
//! The article's numbers are quoted as data (`article`). The truth is read from a trace of
//! the article's own setup; `recomputed` evaluates the article's own formula with its own
//! inputs, which separates wrong formulas from wrong arithmetic.

use burn::prelude::Device;

use super::setup::params_of;
use super::walkthrough::{node_entry, param_entry};
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::shown::shown;
use crate::lessons::kit::{Erratum as KitErratum, RowKind, TraceError, Values};
use crate::model::mlp221::{Mlp221Params, Mlp221Trace, trace_step};

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// What the app holds to be true for a row.
#[derive(Clone, Copy)]
pub enum Truth {
    /// Read from the trace of the article's setup.
    Computed(fn(&Mlp221Params, &Mlp221Trace) -> f64),
    /// A fact about the setup rather than a number.
    Stated(Text),
}

#[derive(Clone, Copy)]
pub struct Erratum {
    pub id: &'static str,
    /// The quantity in article notation (and, for updated values, a word in each language).
    pub quantity: Text,
    /// The claim exactly as printed in the article.
    pub article: &'static str,
    /// The claim as a number, where it is one.
    pub article_value: Option<f64>,
    pub truth: Truth,
    /// The article's own formula evaluated exactly with the article's own inputs.
    pub recomputed: Option<fn() -> f64>,
    pub explanation: Text,
}

fn node(t: &Mlp221Trace, name: &str) -> (f64, f64) {
    node_entry(t, name).expect("known node")
}

fn updated(t: &Mlp221Trace, name: &str) -> f64 {
    param_entry(t, name).expect("known parameter").2
}

pub const ERRATA: &[Erratum] = &[
    Erratum {
        id: "inputs",
        quantity: Text::new("x", "x"),
        article: "x = [1, 2, 3, 4], y = [0, 1, 0, 1]",
        article_value: None,
        truth: Truth::Stated(Text::new(
            "x = (x₁, x₂) = (1, 2)，一个样本",
            "x = (x₁, x₂) = (1, 2), one sample",
        )),
        recomputed: None,
        explanation: Text::new(
            "网络只有两个输入，文章却列出四个输入值和四个标签，随后只用 x₁ = 1、x₂ = 2 做了一次前向传播。本课用 (1, 2)。",
            "The network has two inputs, yet the example lists four input values and four labels, then runs one forward pass with x₁ = 1, x₂ = 2 only. This lesson uses (1, 2).",
        ),
    },
    Erratum {
        id: "w2-2",
        quantity: Text::new("W²₂", "W²₂"),
        article: "—",
        article_value: None,
        truth: Truth::Stated(Text::new("0（z² 只用了 a¹₁）", "0 (z² uses a¹₁ only)")),
        recomputed: None,
        explanation: Text::new(
            "输出神经元有两个输入，文章只给了 W²₁；它算 z² 时漏掉了 a¹₂，等于取 W²₂ = 0。",
            "The output neuron has two inputs but only W²₁ is given; the article's z² leaves a¹₂ out, which amounts to W²₂ = 0.",
        ),
    },
    Erratum {
        id: "a1-2",
        quantity: Text::new("a¹₂ = σ(11)", "a¹₂ = σ(11)"),
        article: "0.995",
        article_value: Some(0.995),
        truth: Truth::Computed(|_, t| node(t, "a1[1]").0),
        recomputed: Some(|| sigmoid(11.0)),
        explanation: Text::new(
            "不是舍入造成的：σ(11) 与 1 的差要到小数点后第五位才出现，保留三位小数也是 1，而不是 0.995。",
            "Not a rounding: σ(11) differs from 1 only in the fifth decimal place, so to three decimals it is still 1, not 0.995.",
        ),
    },
    Erratum {
        id: "a2",
        quantity: Text::new("a² = σ(z²)", "a² = σ(z²)"),
        article: "0.371",
        article_value: Some(0.371),
        truth: Truth::Computed(|_, t| node(t, "a2").0),
        recomputed: Some(|| sigmoid(0.993)),
        explanation: Text::new(
            "0.371 是分母里的 e^(−0.993)，不是 1/(1 + e^(−0.993))。z² 为正时，σ(z²) 不可能小于 0.5。",
            "0.371 is e^(−0.993), the term in the denominator, not 1/(1 + e^(−0.993)). For a positive z², σ(z²) cannot be below 0.5.",
        ),
    },
    Erratum {
        id: "loss",
        quantity: Text::new("L", "L"),
        article: "≈ 0.693",
        article_value: Some(0.693),
        truth: Truth::Computed(|_, t| t.loss),
        // The printed formula, literally: the bracket closes after the first sample's terms,
        // so the second sample's terms escape both the minus sign and the 1/4 (y₁ = 0, y₂ = 1).
        recomputed: Some(|| {
            let a: f64 = 0.371;
            let (y1, y2) = (0.0, 1.0);
            -0.25 * (y1 * a.ln() + (1.0 - y1) * (1.0 - a).ln())
                + y2 * a.ln()
                + (1.0 - y2) * (1.0 - a).ln()
        }),
        explanation: Text::new(
            "公式的括号闭合太早：第二个样本的两项落到了负号和 1/4 之外，照印刷的式子算出来甚至是负数。0.693 = ln 2 是预测恰为 0.5 时的损失，这个网络并没有输出 0.5。一个 y = 1 的样本，损失是 −ln a²。",
            "The bracket closes too early: the second sample's terms escape the minus sign and the 1/4, so the formula as printed is even negative. 0.693 = ln 2 is the loss of a prediction of exactly 0.5, which this network does not make. For one sample with y = 1 the loss is −ln a².",
        ),
    },
    Erratum {
        id: "sigmoid-derivative",
        quantity: Text::new("σ′(z²)", "σ′(z²)"),
        article: "(1 + 0.371)",
        article_value: Some(1.371),
        truth: Truth::Computed(|_, t| {
            let a = node(t, "a2").0;
            a * (1.0 - a)
        }),
        recomputed: None,
        explanation: Text::new(
            "sigmoid 的导数是 σ(z)(1 − σ(z))，不是 1 + σ(z)。σ′ 最大只有 1/4，而 1 + σ 总大于 1。",
            "The sigmoid's derivative is σ(z)(1 − σ(z)), not 1 + σ(z). σ′ is at most 1/4, while 1 + σ is always above 1.",
        ),
    },
    Erratum {
        id: "delta-2",
        quantity: Text::new("δ² = ∂L/∂z²", "δ² = ∂L/∂z²"),
        article: "(1 − 0.371)·(1 + 0.371) ≈ 0.629",
        article_value: Some(0.629),
        truth: Truth::Computed(|_, t| node(t, "z2").1),
        recomputed: Some(|| (1.0 - 0.371) * (1.0 + 0.371)),
        explanation: Text::new(
            "三处错误：符号（y − a 是 −∂L/∂z，配上 W − α·δ·a 的更新规则会让损失上升）、导数（1 + a），以及乘法本身。用交叉熵时 σ′ 被约掉：∂L/∂z² = a² − y。",
            "Three slips: the sign ((y − a) is −∂L/∂z, so the update W − α·δ·a climbs the loss), the derivative (1 + a), and the product itself. With cross-entropy σ′ cancels: ∂L/∂z² = a² − y.",
        ),
    },
    Erratum {
        id: "delta-1",
        quantity: Text::new("δ¹₁ = ∂L/∂z¹₁", "δ¹₁ = ∂L/∂z¹₁"),
        article: "0.371 · 0.629 · (1 + 0.993) ≈ 0.250",
        article_value: Some(0.250),
        truth: Truth::Computed(|_, t| node(t, "z1[0]").1),
        recomputed: Some(|| 0.371 * 0.629 * (1.0 + 0.993)),
        explanation: Text::new(
            "链式法则经过的是权重 W²₁，而不是某个激活值：∂L/∂z¹₁ = ∂L/∂z² · W²₁ · a¹₁(1 − a¹₁)。文章乘的是 0.371（它的 a²），又用了 1 + a，乘积也不等于 0.250。",
            "The chain rule runs through the weight W²₁, not through an activation: ∂L/∂z¹₁ = ∂L/∂z² · W²₁ · a¹₁(1 − a¹₁). The article multiplies by 0.371 (its a²), uses 1 + a again, and the product is not 0.250 either.",
        ),
    },
    Erratum {
        id: "w2-1-updated",
        quantity: Text::new("W²₁（更新后）", "W²₁ (updated)"),
        article: "1 − 0.01 · 0.629 · 0.993 ≈ 0.980",
        article_value: Some(0.980),
        truth: Truth::Computed(|_, t| updated(t, "W2[0]")),
        recomputed: Some(|| 1.0 - 0.01 * 0.629 * 0.993),
        explanation: Text::new(
            "即使用文章自己的 δ，算出来也不是 0.980（见“按原式重算”一栏）。真实的梯度为负，所以 W²₁ 略微变大：输出要朝 y = 1 上升。",
            "Even with the article's own δ the arithmetic does not give 0.980 (see the “Its formula, recomputed” column). The true gradient is negative, so W²₁ grows slightly: the output has to rise towards y = 1.",
        ),
    },
    Erratum {
        id: "b2-updated",
        quantity: Text::new("b²（更新后）", "b² (updated)"),
        article: "0 − 0.01 · 0.629 ≈ −0.006",
        article_value: Some(-0.006),
        truth: Truth::Computed(|_, t| updated(t, "b2")),
        recomputed: Some(|| 0.0 - 0.01 * 0.629),
        explanation: Text::new(
            "对它自己的 δ 来说乘法没错，但 δ 的符号反了：真实的更新让 b² 变大。",
            "The arithmetic is right for its δ, but that δ has the wrong sign: the true update raises b².",
        ),
    },
    Erratum {
        id: "w1-11-updated",
        quantity: Text::new("W¹₁₁（更新后）", "W¹₁₁ (updated)"),
        article: "1 − 0.01 · 0.250 · 1 ≈ 0.975",
        article_value: Some(0.975),
        truth: Truth::Computed(|_, t| updated(t, "W1[0][0]")),
        recomputed: Some(|| 1.0 - 0.01 * 0.250 * 1.0),
        explanation: Text::new(
            "小数点错位：0.01 · 0.250 = 0.0025。真实梯度很小，因为 z¹₁ = 5 时 σ′ 很小：这个隐藏单元已经饱和。",
            "The decimal point slipped: 0.01 · 0.250 = 0.0025. The true gradient is tiny because σ′ is small at z¹₁ = 5: the hidden unit is saturated.",
        ),
    },
    Erratum {
        id: "w1-12-updated",
        quantity: Text::new("W¹₁₂（更新后）", "W¹₁₂ (updated)"),
        article: "2 − 0.01 · 0.250 · 2 ≈ 1.950",
        article_value: Some(1.950),
        truth: Truth::Computed(|_, t| updated(t, "W1[0][1]")),
        recomputed: Some(|| 2.0 - 0.01 * 0.250 * 2.0),
        explanation: Text::new(
            "同样的小数点错位：0.01 · 0.250 · 2 = 0.005。",
            "The same decimal slip: 0.01 · 0.250 · 2 = 0.005.",
        ),
    },
];

/// The table as the kit's rows, its truths computed at `values` (the page passes the
/// article's setup): what the errata panel, the language and staleness tests read.
pub async fn errata(values: &Values, device: &Device) -> Result<Vec<KitErratum>, TraceError> {
    let p = params_of(values);
    let t = trace_step(&p, device).await?;
    Ok(ERRATA
        .iter()
        .map(|e| KitErratum {
            id: e.id,
            kind: RowKind::Slip,
            quantity: e.quantity,
            article: e.article,
            gloss: None,
            truth: match e.truth {
                Truth::Computed(f) => Phrase::same(shown(f(&p, &t))),
                Truth::Stated(text) => text.into(),
            },
            recomputed: e.recomputed.map(|g| Phrase::same(shown(g()))),
            explanation: e.explanation.into(),
        })
        .collect())
}

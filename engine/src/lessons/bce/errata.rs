//! What article 001 §4.3 gets wrong about binary cross-entropy, beside what burn computes at
//! the article's own setup (y = [0, 1, 0, 1], ŷ = [0.3, 0.7, 0.5, 0.6]).

use burn::prelude::Device;

use super::model::compute;
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::shown::{shown, shown_list};
use crate::lessons::kit::{Erratum, RowKind, TraceError, Values};

/// The article's four printed "logs" and the sum it prints for them (quoted: they are the claim).
const PRINTED_LOGS: [f64; 4] = [1.9459, 1.3863, 1.3863, 1.7920];
const PRINTED_SUM: f64 = 5.5055;

pub async fn errata(values: &Values, device: &Device) -> Result<Vec<Erratum>, TraceError> {
    let n = compute(values, device).await?;
    // The article's own bracket, evaluated with true logarithms: −¼[ln .7 + ln .4 + ln .4 + ln .6].
    let own_terms = -0.25 * (0.7f64.ln() + 0.4f64.ln() + 0.4f64.ln() + 0.6f64.ln());
    // The article's update, θ − α·∇ with its own θ = [0.1, 0.2], α = 0.1, ∇ = 0.2.
    let own_update = [0.1 - 0.1 * 0.2, 0.2 - 0.1 * 0.2];
    // Its gradient formula ¼Σ(ŷᵢ − yᵢ)·xᵢ for a bias (xᵢ = 1) is the sum of ∂L/∂zᵢ.
    let bias_grad: f64 = n.grad_z.iter().sum();
    let printed_sum: f64 = PRINTED_LOGS.iter().sum();
    let quarter = -0.25 * PRINTED_SUM;
    Ok(vec![
        Erratum {
            id: "formula",
            kind: RowKind::Slip,
            quantity: Text::new("BCE 公式", "BCE formula"),
            article: r"-\frac{1}{n}\sum y_i\log(\hat{y}_i) + (1 - y_i)\log(1 - \hat{y}_i)",
            gloss: None,
            truth: Phrase::same("−(1/n) Σ [yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)]"),
            recomputed: None,
            explanation: Text::new(
                "少了方括号：照印出来的式子，求和与负号只作用于第一项，第二项被加在和的外面。",
                "A bracket is missing: as printed, the sum and the minus sign cover the first term only, and the second term is added outside the sum.",
            ).into(),
        },
        Erratum {
            id: "terms",
            kind: RowKind::Slip,
            quantity: Text::new("第 2、3 项", "Terms 2 and 3"),
            article: "(0·log(0.5) + 1·log(0.4)), (0·log(0.5) + 1·log(0.4))",
            gloss: None,
            truth: Phrase::same(format!(
                "ℓ₂ = −ln 0.7 = {}, ℓ₃ = −ln 0.5 = {}",
                shown(n.terms[1]),
                shown(n.terms[2])
            )),
            recomputed: None,
            explanation: Text::new(
                "第 2 个样本 y = 1、ŷ = 0.7，应取 ln 0.7；第 3 个样本 y = 0、ŷ = 0.5，应取 ln(1 − 0.5)。文章两处都写成了 log(0.4)，与任何一个样本都对不上。",
                "Sample 2 has y = 1, ŷ = 0.7 and needs ln 0.7; sample 3 has y = 0, ŷ = 0.5 and needs ln(1 − 0.5). The article writes log(0.4) for both, which matches neither sample.",
            ).into(),
        },
        Erratum {
            id: "logs",
            kind: RowKind::Slip,
            quantity: Text::new(
                "log(0.7), log(0.4), log(0.6)",
                "log(0.7), log(0.4), log(0.6)",
            ),
            article: "1.9459, 1.3863, 1.7920",
            gloss: None,
            truth: Phrase::same(format!("{}, {}, {}", shown(0.7f64.ln()), shown(0.4f64.ln()), shown(0.6f64.ln()))),
            recomputed: Some(Phrase::same(format!(
                "ln 7 = {}, ln 4 = {}, ln 6 = {}",
                shown(7f64.ln()),
                shown(4f64.ln()),
                shown(6f64.ln())
            ))),
            explanation: Text::new(
                "文章的数是 ln 7、ln 4 和约等于 ln 6 的数：小数点丢了。小于 1 的数的对数是负的，所以交叉熵前面要有负号。",
                "The article's numbers are ln 7, ln 4 and ≈ ln 6: the decimal point was lost. The log of a number below 1 is negative, which is why cross-entropy carries a minus sign.",
            ).into(),
        },
        Erratum {
            id: "sum",
            kind: RowKind::Slip,
            quantity: Text::new(
                "1.9459 + 1.3863 + 1.3863 + 1.7920",
                "1.9459 + 1.3863 + 1.3863 + 1.7920",
            ),
            article: "5.5055",
            gloss: None,
            truth: Phrase::same(shown(printed_sum)),
            recomputed: None,
            explanation: Phrase::new(
                format!("即使按文章自己的四个数相加，和也是 {}，不是 {}。", shown(printed_sum), shown(PRINTED_SUM)),
                format!("Even the article's own four numbers add up to {}, not {}.", shown(printed_sum), shown(PRINTED_SUM)),
            ),
        },
        Erratum {
            id: "quarter",
            kind: RowKind::Slip,
            quantity: Text::new("−¼ × 5.5055", "−¼ × 5.5055"),
            article: "−1.3264",
            gloss: None,
            truth: Phrase::same(shown(quarter)),
            recomputed: None,
            explanation: Phrase::new(
                format!("再一处算术错误：−{} / 4 = {}。", shown(PRINTED_SUM), shown(quarter)),
                format!("Another arithmetic slip: −{} / 4 = {}.", shown(PRINTED_SUM), shown(quarter)),
            ),
        },
        Erratum {
            id: "loss",
            kind: RowKind::Slip,
            quantity: Text::new("L", "L"),
            article: "−1.3264",
            gloss: None,
            truth: Phrase::same(shown(n.loss)),
            recomputed: Some(Phrase::same(shown(own_terms))),
            explanation: Phrase::new(
                format!("交叉熵不可能是负数：每一项 −ln(概率) ≥ 0。正确的平均值约为 {}。文章自己那组（错的）项用真正的对数算出来是 {}。", shown(n.loss), shown(own_terms)),
                format!("Cross-entropy cannot be negative: every term −ln(probability) is ≥ 0. The true mean is about {}. The article's own (wrong) terms with true logarithms give {}.", shown(n.loss), shown(own_terms)),
            ),
        },
        Erratum {
            id: "gradient",
            kind: RowKind::Slip,
            quantity: Text::new("∇θ 损失", "∇θ Loss"),
            article: "x = [1, 0.3, 0.7, 0.5, 0.6]; ∇ = 0.2",
            gloss: None,
            truth: Phrase::same(format!("∂L/∂z = {}; Σ = {}", shown_list(&n.grad_z), shown(bias_grad))),
            recomputed: None,
            explanation: Text::new(
                "文章给了 5 个特征却只有 4 个样本，求和时又用了 1, 0, 1, 0 而不是给出的 x；梯度也应是每个参数一个分量，而不是一个数。本课把每个预测的 logit zᵢ 当作参数：∂L/∂zᵢ = (ŷᵢ − yᵢ)/n；若只有一个偏置（xᵢ = 1），它的梯度是这些分量之和。",
                "The article gives 5 features for 4 samples, then sums with 1, 0, 1, 0 instead of the x it gave; and a gradient has one entry per parameter, not one number. This lesson takes each prediction's logit zᵢ as a parameter: ∂L/∂zᵢ = (ŷᵢ − yᵢ)/n; for a single bias (xᵢ = 1) the gradient is the sum of these entries.",
            ).into(),
        },
        Erratum {
            id: "update",
            kind: RowKind::Slip,
            quantity: Text::new("θ_new", "θ_new"),
            article: "[0.1, 0.2] − 0.1·[0.2, 0.2] = [0, 0]",
            gloss: None,
            truth: Phrase::same(shown_list(&own_update)),
            recomputed: None,
            explanation: Text::new(
                "按文章自己的式子，0.1 − 0.1 × 0.2 = 0.08，0.2 − 0.1 × 0.2 = 0.18，不是 [0, 0]。",
                "By the article's own formula, 0.1 − 0.1 × 0.2 = 0.08 and 0.2 − 0.1 × 0.2 = 0.18, not [0, 0].",
            ).into(),
        },
        Erratum {
            id: "adam",
            kind: RowKind::Slip,
            quantity: Text::new("优化器", "Optimiser"),
            article: "使用二元交叉熵损失函数和Adam优化器",
            gloss: Some("Use the binary cross-entropy loss function and the Adam optimiser"),
            truth: Phrase::new("θ ← θ − α∇（普通梯度下降）", "θ ← θ − α∇ (plain gradient descent)"),
            recomputed: None,
            explanation: Text::new(
                "文章说用 Adam，但它的更新式 θ − α∇ 是普通梯度下降：没有 m、v，也没有偏差校正。",
                "The article says Adam, but its update θ − α∇ is plain gradient descent: no m, no v, no bias correction.",
            ).into(),
        },
    ])
}

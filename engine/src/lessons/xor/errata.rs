//! What article 004 §4.4 (and the loss it names in §4.1) gets wrong about fitting XOR with
//! ŷ = σ(W·x + b), beside what the lesson's model computes.

use burn::prelude::Device;

use super::model::{XorNumbers, compute};
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::shown::shown;
use crate::lessons::kit::{Erratum, RowKind, TraceError, Values};

/// Gradient steps the errata train the single layer for (cheap enough to run on page open).
pub const STEPS: usize = 300;

/// Trains the article's single layer from the start in `base` for `steps` steps; returns the
/// last numbers.
pub async fn train_single(
    base: &Values,
    steps: usize,
    device: &Device,
) -> Result<XorNumbers, TraceError> {
    let mut v = base.clone();
    v.put("model", 0.0);
    let mut n = compute(&v, device, false).await?;
    for _ in 0..steps {
        for (name, x) in super::model::next_values(&n) {
            v.put(&name, x);
        }
        n = compute(&v, device, false).await?;
    }
    Ok(n)
}

/// The single layer at W = 0, b = 0: ŷ = 0.5 everywhere, the best it can do on XOR.
async fn flat_loss(base: &Values, device: &Device) -> Result<f64, TraceError> {
    let mut v = base.clone();
    v.put("model", 0.0);
    for name in ["W[0]", "W[1]", "b"] {
        v.put(name, 0.0);
    }
    Ok(compute(&v, device, false).await?.loss)
}

pub async fn errata(values: &Values, device: &Device) -> Result<Vec<Erratum>, TraceError> {
    let floor = flat_loss(values, device).await?;
    let trained = train_single(values, STEPS, device).await?;
    let seed = values.get("seed");
    Ok(vec![
        Erratum {
            id: "single-layer",
            kind: RowKind::Slip,
            quantity: Text::new(
                "单层 σ(W·x + b) 在 XOR 上的损失",
                "Loss of the single layer σ(W·x + b) on XOR",
            ),
            article: "通过迭代计算损失函数的梯度，并更新模型参数，我们可以逐步优化模型。",
            gloss: Some("By iteratively computing the gradient of the loss function and updating the model parameters, we can optimise the model step by step."),
            truth: {
                let (lo, l, acc) = (shown(floor), shown(trained.loss), shown(100.0 * trained.accuracy()));
                Phrase::new(
                    format!("L ≥ {lo}（处处 ŷ = 0.5）；从随机种子 {seed} 训练 {STEPS} 步后：L = {l}，准确率 {acc} %"),
                    format!("L ≥ {lo} (ŷ = 0.5 everywhere); after {STEPS} steps from seed {seed}: L = {l}, accuracy {acc} %"),
                )
            },
            recomputed: None,
            explanation: Text::new(
                "对这组数据，单层模型怎么迭代都学不会异或。四个 logit 满足 z(0,0) + z(1,1) = z(0,1) + z(1,0)，所以把四个误差 |ŷ − y| 各自换成 logit 后相加恒为 0；在这个约束下，误差平方和最小是 1，也就是 MSE 不可能低于 0.25——与处处输出 0.5 一样差。梯度下降只会让损失停在 0.25 附近。",
                "On this data set no amount of iterating teaches the single layer XOR. Its four logits satisfy z(0,0) + z(1,1) = z(0,1) + z(1,0), so the logits of the four errors |ŷ − y| always add up to 0; under that constraint the squared errors add up to at least 1, so the MSE can never go below 0.25, no better than answering 0.5 everywhere. Gradient descent only brings the loss to rest near 0.25.",
            ).into(),
        },
        Erratum {
            id: "accuracy",
            kind: RowKind::Slip,
            quantity: Text::new("单层模型的准确率", "Accuracy of the single layer"),
            article: "ŷᵢ = σ(W·xᵢ + b)",
            gloss: None,
            truth: Phrase::new("≤ 75 %（4 个中对 3 个）", "≤ 75 % (3 of 4)"),
            recomputed: None,
            explanation: Text::new(
                "要把 (0,1)、(1,0) 判为 1 而把 (0,0)、(1,1) 判为 0，需要 z(0,1) + z(1,0) > 0 > z(0,0) + z(1,1)，但对任何 W、b 这两个和都相等。一条直线最多分对 4 个点中的 3 个。加一层隐藏层（本课的 `hidden` 模型）后，网络先把平面弯折，再用直线分开。",
                "Calling (0,1), (1,0) class 1 and (0,0), (1,1) class 0 needs z(0,1) + z(1,0) > 0 > z(0,0) + z(1,1), but for every W and b the two sums are equal. One straight line gets at most 3 of the 4 points right. With a hidden layer (this lesson's `hidden` model) the network first bends the plane, then separates it with a line.",
            ).into(),
        },
        Erratum {
            id: "cross-entropy",
            kind: RowKind::Note,
            quantity: Text::new("§4.1.2 交叉熵公式", "§4.1.2 cross-entropy formula"),
            article: r"Cross-Entropy Loss = -\frac{1}{m} \sum_{i=1}^{m} y_i \log(\hat{y}_i)",
            gloss: None,
            truth: Phrase::same("−(1/m) Σ [yᵢ ln ŷᵢ + (1 − yᵢ) ln(1 − ŷᵢ)]"),
            recomputed: None,
            explanation: Text::new(
                "这是多分类交叉熵的写法（ŷ 是对所有类别的 softmax，y 是独热标签），文章写的没有错，也没有把它用在 sigmoid 输出上。要注意的是：像 XOR 这样只有一个 sigmoid 输出、y ∈ {0, 1} 时，要用二分类交叉熵（上一行的式子）；只留 y ln ŷ 一项的话，y = 0 的样本毫无贡献。",
                "This is the multi-class cross-entropy (ŷ a softmax over every class, y one-hot), correct as printed, and the article never applies it to a sigmoid output. Worth knowing: with a single sigmoid output and y ∈ {0, 1}, as in XOR, the binary cross-entropy (the line above) is the one to use; with the y ln ŷ term alone, samples with y = 0 would add nothing.",
            ).into(),
        },
    ])
}

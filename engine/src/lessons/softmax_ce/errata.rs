//! What article 002 §Mathematical models 2 gets wrong about softmax and cross-entropy, beside
//! what burn computes. The article gives no logits, so the lesson's setup is its own choice.

use burn::prelude::Device;

use super::model::{SoftmaxNumbers, compute};
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::shown::{shown, shown_list};
use crate::lessons::kit::{Erratum, RowKind, TraceError, Values};

/// The lesson's model at logits `z` and labels `y`.
async fn at(
    base: &Values,
    z: [f64; 2],
    y: [f64; 2],
    device: &Device,
) -> Result<SoftmaxNumbers, TraceError> {
    let mut v = base.clone();
    for k in 0..2 {
        v.put(&format!("z[{k}]"), z[k]);
        v.put(&format!("y[{k}]"), y[k]);
    }
    compute(&v, device).await
}

/// The setup with both logits raised by the same amount (a change of the shared θ₀).
fn shifted(v: &Values, by: f64) -> Values {
    let mut s = v.clone();
    for k in 0..2 {
        let name = format!("z[{k}]");
        s.put(&name, v.get(&name) + by);
    }
    s
}

pub async fn errata(values: &Values, device: &Device) -> Result<Vec<Erratum>, TraceError> {
    let n = compute(values, device).await?;
    let moved = compute(&shifted(values, 5.0), device).await?;
    // Every one of the 100 samples predicts 50 : 50; 60 are class A and 40 class B.
    let even = at(values, [0.0, 0.0], [0.6, 0.4], device).await?;
    let article_even = -(60.0 * 0.5f64.ln() + 40.0 * 0.5f64.ln());
    // Every sample already predicts the class frequencies 60 : 40.
    let counts = [60.0, 40.0];
    let share = counts.map(|c: f64| c / 100.0);
    let sample_a = at(values, share.map(f64::ln), [1.0, 0.0], device).await?;
    let sample_b = at(values, share.map(f64::ln), [0.0, 1.0], device).await?;
    // The article's loss per sample is −(60 ln ŷ_A + 40 ln ŷ_B)/100: its gradient with respect
    // to the logits is ŷ − [60, 40]/100, the same for every sample.
    let article_grad: Vec<f64> = (0..2).map(|k| share[k] - counts[k] / 100.0).collect();
    let article_003 = gradient_without_reciprocal(&n.y, &n.p);
    Ok(vec![
        Erratum {
            id: "setup",
            kind: RowKind::Note,
            quantity: Text::new("本课的例子", "This lesson's example"),
            article: "假设我们有一个二分类问题，有 100 个样本，其中 60 个样本属于类别 A，40 个样本属于类别 B。",
            gloss: Some("Suppose we have a binary classification problem with 100 samples, 60 of which belong to class A and 40 to class B."),
            truth: Phrase::same(format!(
                "z = {}, y = {}: ŷ = {}, L = {}, ∂L/∂z = {}",
                shown_list(&n.z),
                shown_list(&n.y),
                shown_list(&n.p),
                shown(n.loss),
                shown_list(&n.grad_z)
            )),
            recomputed: None,
            explanation: Text::new(
                "文章没有给出任何 logit 或参数的数值，所以本课自选了一个 A 类样本：z = [2, 1]，y = [1, 0]。可以任意修改。",
                "The article gives no number for any logit or parameter, so this lesson picks one class-A sample of its own: z = [2, 1], y = [1, 0]. Edit them freely.",
            ).into(),
        },
        Erratum {
            id: "shared-theta",
            kind: RowKind::Slip,
            quantity: Text::new("ŷ_A, ŷ_B 的 logit", "The logits of ŷ_A, ŷ_B"),
            article: r"\hat{y}_A = \frac{e^{\theta_0 + \theta_1 \cdot x_1}}{e^{\theta_0 + \theta_1 \cdot x_1} + e^{\theta_0 + \theta_1 \cdot x_2}}",
            gloss: None,
            truth: Phrase::same(format!("ŷ(z) = {} = ŷ(z + 5) = {}", shown_list(&n.p), shown_list(&moved.p))),
            recomputed: None,
            explanation: Text::new(
                "两个类别共用同一组 θ₀、θ₁，只是换了输入 x₁、x₂。给两个 logit 加上同一个数，softmax 不变（计算见“实际计算”一栏），所以 θ₀ 被约掉，它的梯度恒为 0，永远学不到东西；ŷ_A 只取决于 θ₁(x₁ − x₂)。分类器应当对同一个输入 x 给每个类别各自的参数：z_A = θ_A0 + θ_A1·x，z_B = θ_B0 + θ_B1·x。",
                "Both classes share the same θ₀ and θ₁ and only swap the input x₁ for x₂. Adding the same number to both logits leaves the softmax unchanged (see the Computed column), so θ₀ cancels: its gradient is always 0 and it never learns; ŷ_A depends on θ₁(x₁ − x₂) alone. A classifier gives each class its own parameters on the same input x: z_A = θ_A0 + θ_A1·x, z_B = θ_B0 + θ_B1·x.",
            ).into(),
        },
        Erratum {
            id: "counts",
            kind: RowKind::Slip,
            quantity: Text::new(
                "J(θ)，每个样本都预测 50 : 50",
                "J(θ) with every sample predicting 50 : 50",
            ),
            article: r"J(\theta) = -\frac{1}{100} \sum_{i=1}^{100} \left(60 \cdot \log(\hat{y}_A^{(i)}) + 40 \cdot \log(\hat{y}_B^{(i)})\right)",
            gloss: None,
            truth: Phrase::same(shown(even.loss)),
            recomputed: Some(Phrase::same(shown(article_even))),
            explanation: Text::new(
                "对 100 个样本求和时，60 和 40 已经通过每个样本的标签计入了；文章又在每一项里乘上 60 和 40，于是每个类别被数了 100 次，损失大了 100 倍。正确写法是 −(1/100) Σᵢ [y_A⁽ⁱ⁾ ln ŷ_A⁽ⁱ⁾ + y_B⁽ⁱ⁾ ln ŷ_B⁽ⁱ⁾]，其中每个 y⁽ⁱ⁾ 是 0 或 1。",
                "Summing over the 100 samples already counts the 60 and the 40 through each sample's label; the article multiplies every term by 60 and 40 again, so each class is counted 100 times and the loss is 100 times too large. The correct form is −(1/100) Σᵢ [y_A⁽ⁱ⁾ ln ŷ_A⁽ⁱ⁾ + y_B⁽ⁱ⁾ ln ŷ_B⁽ⁱ⁾], each y⁽ⁱ⁾ being 0 or 1.",
            ).into(),
        },
        Erratum {
            id: "labels",
            kind: RowKind::Slip,
            quantity: Text::new("ŷ = [0.6, 0.4] 时的 ∂J/∂z", "∂J/∂z at ŷ = [0.6, 0.4]"),
            article: r"60 \cdot \log(\hat{y}_A^{(i)}) + 40 \cdot \log(\hat{y}_B^{(i)})",
            gloss: None,
            truth: Phrase::same(format!(
                "A: {}; B: {}",
                shown_list(&sample_a.grad_z),
                shown_list(&sample_b.grad_z)
            )),
            recomputed: Some(Phrase::same(format!("A: {0}; B: {0}", shown_list(&article_grad)))),
            explanation: Text::new(
                "文章的损失里没有第 i 个样本自己的标签：每个样本的项都一样，所以当每个样本都预测 60 % A 时梯度为 0，训练就停了，不管这个样本其实是 A 还是 B。模型永远学不会区分两类。用每个样本自己的标签，A 类样本仍被推向 A，B 类样本被推向 B（梯度 ŷ − y）。",
                "The article's loss holds no label of sample i itself: every sample's term is the same, so once every sample predicts 60 % A the gradient is 0 and training stops, whether the sample is really A or B. The model can never learn to tell the classes apart. With each sample's own label, a class-A sample is still pushed toward A and a class-B sample toward B (gradient ŷ − y).",
            ).into(),
        },
        Erratum {
            id: "ce-gradient-003",
            kind: RowKind::Slip,
            quantity: Text::new("003 §4.2.2：∇_w CE", "003 §4.2.2: ∇_w CE"),
            article: r"\nabla_w CE = -\frac{1}{m} \sum_{i=1}^{m} y_i^* \nabla_w shown(x_i; w)",
            gloss: None,
            truth: Phrase::same(format!("∂L/∂z = {}", shown_list(&n.grad_z))),
            recomputed: Some(Phrase::same(format!("−Σₖ y*ₖ·∂ŷₖ/∂z = {}", shown_list(&article_003)))),
            explanation: Text::new(
                "文章先写出 ∇_w CE = −(1/m)Σ y*ᵢ ∇_w log yᵢ（这一步对），代入时却把 ∇_w log yᵢ 换成了 ∇_w yᵢ，丢掉了链式法则带出的 1/yᵢ：∇ log y = ∇y / y。把本课的 logit z 当作 w、ŷ = softmax(z)，正确的梯度是 ŷ − y*（见“实际计算”一栏）；按文章的式子算（见“按原式重算”一栏），对独热标签它等于正确梯度再乘以真实类别的概率，预测越差，梯度反而越小。",
                "The article first writes ∇_w CE = −(1/m)Σ y*ᵢ ∇_w log yᵢ (correct), then substitutes ∇_w yᵢ for ∇_w log yᵢ and loses the chain rule's 1/yᵢ: ∇ log y = ∇y / y. With this lesson's logits z as w and ŷ = softmax(z), the true gradient is ŷ − y* (the Computed column); the article's formula (the “Its formula, recomputed” column) gives, for a one-hot label, the true gradient times the true class's probability, so the worse the prediction, the smaller the step.",
            ).into(),
        },
    ])
}

/// Article 003 §4.2.2's gradient with the lesson's logits as w: −Σₖ y*ₖ ∂ŷₖ/∂zⱼ, the softmax
/// Jacobian ∂ŷₖ/∂zⱼ = ŷₖ(δₖⱼ − ŷⱼ) in place of ∂ log ŷₖ/∂zⱼ (one sample, m = 1).
pub fn gradient_without_reciprocal(y: &[f64], p: &[f64]) -> Vec<f64> {
    (0..p.len())
        .map(|j| {
            -(0..p.len())
                .map(|k| y[k] * p[k] * (f64::from(u8::from(k == j)) - p[j]))
                .sum::<f64>()
        })
        .collect()
}

//! What article 002 §Mathematical models 3 gets wrong about backpropagation in its 3-5-2
//! network, beside what burn computes. The article gives no numbers, activations or loss; the
//! lesson's setup (sigmoid hidden layer, softmax + cross-entropy output) is its own choice.

use burn::prelude::Device;

use super::model::compute;
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::shown::{shown, shown_list};
use crate::lessons::kit::{Erratum, RowKind, TraceError, Values};

pub async fn errata(values: &Values, device: &Device) -> Result<Vec<Erratum>, TraceError> {
    let n = compute(values, device).await?;
    let shape = |m: &[Vec<f64>]| format!("{}×{}", m.len(), m.first().map_or(0, Vec::len));
    Ok(vec![
        Erratum {
            id: "setup",
            kind: RowKind::Note,
            quantity: Text::new("本课的例子", "This lesson's example"),
            article: "输入层有 3 个神经元，隐藏层有 5 个神经元，输出层有 2 个神经元",
            gloss: Some("The input layer has 3 neurons, the hidden layer 5 neurons, the output layer 2 neurons"),
            truth: Phrase::same(format!(
                "x = {}, y = {}: ŷ = {}, L = {}",
                shown_list(&n.x),
                shown_list(&n.y),
                shown_list(&n.p),
                shown(n.loss)
            )),
            recomputed: None,
            explanation: Text::new(
                "文章没有给出任何数值，也没有说明激活函数和损失函数。本课自选：隐藏层用 sigmoid，输出层用 softmax 加交叉熵（文章的 ŷ − y 在这种搭配下成立），x = [1, 0.5, −1]，y = [1, 0]，以及一组固定的小权重。所有数都可以修改。",
                "The article gives no numbers and names no activation or loss. This lesson chooses: a sigmoid hidden layer, a softmax output with cross-entropy (a pairing for which the article's ŷ − y holds), x = [1, 0.5, −1], y = [1, 0], and fixed small weights. Every number can be edited.",
            ).into(),
        },
        Erratum {
            id: "output-grad",
            kind: RowKind::Slip,
            quantity: Text::new("输出层的梯度", "The output layer's gradient"),
            article: r"\nabla_{\theta_{\text{output}}} J(\theta_{\text{output}}) = \hat{y}_2^{(i)} - y^{(i)}",
            gloss: None,
            truth: {
                let (dz, s) = (shown_list(&n.grad_z2), shape(&n.grad_w2));
                let row = shown_list(n.grad_w2.first().map_or(&[][..], Vec::as_slice));
                Phrase::new(
                    format!("∂L/∂z² = ŷ − y = {dz}；∂L/∂W² = (ŷ − y)·a¹ᵀ（{s}），第 1 行 = {row}"),
                    format!("∂L/∂z² = ŷ − y = {dz}; ∂L/∂W² = (ŷ − y)·a¹ᵀ ({s}), row 1 = {row}"),
                )
            },
            recomputed: None,
            explanation: Text::new(
                "ŷ − y 是损失对输出层输入 z² 的梯度（输出误差 δ²），不是对输出层权重的梯度：权重梯度还要乘上它所连接的隐藏层输出，∂L/∂W²ₖᵢ = δ²ₖ a¹ᵢ，是一个 2×5 的矩阵，和 W² 同形，才能用来更新 W²。而且 ∂L/∂z² = ŷ − y 只在输出层和损失函数相互匹配时成立：softmax 配交叉熵、sigmoid 配二元交叉熵，或线性输出配 ½ 平方误差；文章对这个网络既没说激活函数，也没说损失函数。ŷ₂ 的下标 2 含义不明：如果指第 2 个输出单元，式子就只写出了梯度的一项（每个输出单元各有一项）；也可能指第 2 层。",
                "ŷ − y is the gradient of the loss with respect to the output layer's inputs z² (the output error δ²), not with respect to its weights: a weight's gradient also multiplies the hidden output it connects, ∂L/∂W²ₖᵢ = δ²ₖ a¹ᵢ, a 2×5 matrix shaped like W², which is what can update W². And ∂L/∂z² = ŷ − y holds only when the output and the loss are a matching pair: softmax with cross-entropy, sigmoid with binary cross-entropy, or a linear output with ½ squared error; the article names neither an activation nor a loss for this network. The subscript 2 in ŷ₂ is ambiguous: if it means output unit 2, only one entry of the gradient is written (there is one per output unit); it may also mean layer 2.",
            ).into(),
        },
        Erratum {
            id: "hidden-grad",
            kind: RowKind::Slip,
            quantity: Text::new("隐藏层的梯度 δ¹", "The hidden layer's gradient δ¹"),
            // Braces added to the printed double subscript \theta_{\text{output}}_k (see mod.rs).
            article: r"\nabla_{\theta_{\text{hidden}}} J(\theta_{\text{hidden}}) = \sum_{k=1}^{2} \nabla_{{\theta_{\text{output}}}_k} J(\theta_{\text{output}}) \cdot \hat{\theta}_{\text{output}_k}^{(i)}",
            gloss: None,
            truth: Phrase::same(format!("δ¹ = (W²ᵀδ²) ⊙ a¹(1 − a¹) = {}", shown_list(&n.grad_z1))),
            recomputed: Some(Phrase::same(format!("Σₖ δ²ₖ W²ₖᵢ = {}", shown_list(&n.grad_a1)))),
            explanation: Text::new(
                "文章的求和只是误差传到隐藏层输出 a¹ 的部分 ∂L/∂a¹，漏了隐藏层激活函数的导数。本课的隐藏层用 sigmoid，导数 σ′(z¹) = a¹(1 − a¹) ≤ ¼，所以求和得到的数至少大了 4 倍。隐藏层权重的梯度还要再乘输入：∂L/∂W¹ᵢⱼ = δ¹ᵢ xⱼ。此外，求和里乘的其实是输出误差 δ²ₖ，而不是输出层权重的梯度（见上一行）；输出层权重也不该带样本上标 (i)：权重对所有样本都相同，应写 W²ₖᵢ。",
                "The article's sum is only the error arriving at the hidden outputs, ∂L/∂a¹: it leaves out the hidden activation's derivative. With this lesson's sigmoid hidden layer that derivative is σ′(z¹) = a¹(1 − a¹) ≤ ¼, so the sum's numbers are at least 4 times too large. A hidden weight's gradient then multiplies the input as well: ∂L/∂W¹ᵢⱼ = δ¹ᵢ xⱼ. Also, what the sum multiplies is the output error δ²ₖ, not the output weights' gradient (see the row above); and the output weight should carry no sample index (i): a weight is the same for every sample, so it should read W²ₖᵢ.",
            ).into(),
        },
        Erratum {
            id: "names",
            kind: RowKind::Slip,
            quantity: Text::new(
                "第二个公式算的是哪一层",
                "Which layer the second formula is for",
            ),
            article: "然后，计算隐藏层到输出层的梯度：",
            gloss: Some("Then compute the gradient from the hidden layer to the output layer:"),
            truth: {
                let (s1, s2) = (shape(&n.grad_w1), shape(&n.grad_w2));
                Phrase::new(
                    format!("∂L/∂W¹（输入层 → 隐藏层，{s1}）= δ¹xᵀ；∂L/∂W²（隐藏层 → 输出层，{s2}）= δ²a¹ᵀ"),
                    format!("∂L/∂W¹ (input → hidden, {s1}) = δ¹xᵀ; ∂L/∂W² (hidden → output, {s2}) = δ²a¹ᵀ"),
                )
            },
            recomputed: None,
            explanation: Text::new(
                "第一个公式（输出误差）已经属于隐藏层到输出层的连接 W²；第二个公式把误差再往回传，得到的是输入层到隐藏层的权重 W¹ 所需的梯度，文章却又把它称为“隐藏层到输出层的梯度”。",
                "The first formula (the output error) already belongs to the hidden-to-output connections W²; the second carries the error one layer further back and serves the input-to-hidden weights W¹, yet the article calls it the hidden-to-output gradient again.",
            ).into(),
        },
    ])
}

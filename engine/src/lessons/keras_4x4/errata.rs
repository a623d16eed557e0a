//! What article 000 §5 claims about its Keras example, beside what the lesson's model computes:
//! the accuracy it reports is not a value four samples allow (only 75 % is near it), and 100 %
//! is within reach.

use burn::prelude::Device;

use super::model::{KerasNumbers, compute, next_values};
use super::setup::{N, article_values};
use crate::i18n::{Phrase, Text};
use crate::lessons::kit::shown::shown;
use crate::lessons::kit::{Erratum, RowKind, TraceError, Values};

/// Trains `epochs` epochs from `v`; returns the numbers of the state reached (after the last
/// update, as Keras' `evaluate` sees it).
pub async fn train(
    mut v: Values,
    epochs: usize,
    device: &Device,
) -> Result<KerasNumbers, TraceError> {
    for _ in 0..epochs {
        let n = compute(&v, device).await?;
        for (name, x) in next_values(&n) {
            v.put(&name, x);
        }
    }
    compute(&v, device).await
}

/// How many of `seeds` end `epochs` epochs at 0, 1, 2, 3 and 4 samples right.
pub async fn tally(
    seeds: std::ops::Range<u64>,
    epochs: usize,
    device: &Device,
) -> Result<[usize; N + 1], TraceError> {
    let mut counts = [0; N + 1];
    for seed in seeds {
        let mut v = article_values();
        v.put("seed", seed as f64);
        super::setup::reseed(&mut v);
        let n = train(v, epochs, device).await?;
        counts[(n.accuracy() * N as f64).round() as usize] += 1;
    }
    Ok(counts)
}

/// A hand-built weight setting that classifies all four rows. Every row is the previous one
/// plus 4, so each hidden unit sees a + k·n for row n: unit 1 is nearly linear in n (a small
/// slope, a large output weight), unit 2 is a sharp step between rows 2 and 3; together
/// 80·σ(0.1(n − 1.5)) − 4·σ(20(n − 1.5)) − 38 alternates −, +, −, +.
pub fn perfect_values(base: &Values) -> Values {
    let mut v = base.clone();
    for name in super::setup::PARAMS {
        v.put(name, 0.0);
    }
    for (name, x) in [
        ("W1[0][0]", 0.025),
        ("b1[0]", -0.175),
        ("W1[0][1]", 5.0),
        ("b1[1]", -35.0),
        ("W2[0]", 80.0),
        ("W2[1]", -4.0),
        ("b2", -38.0),
    ] {
        v.put(name, x);
    }
    v
}

pub async fn errata(values: &Values, device: &Device) -> Result<Vec<Erratum>, TraceError> {
    let perfect = compute(&perfect_values(values), device).await?;
    let start = compute(values, device).await?;
    let seed = values.get("seed");
    let widest = start.a.iter().flatten().fold(0.0f64, |m, a| m.max(a.abs()));
    let preds: Vec<String> = perfect.p.iter().map(|&p| shown(p)).collect();
    Ok(vec![
        Erratum {
            id: "accuracy",
            kind: RowKind::Slip,
            quantity: Text::new(
                "1000 轮后的训练集准确率",
                "Training accuracy after 1000 epochs",
            ),
            article: "经过 1000 轮训练后，模型在训练集上的准确率约为 80%。",
            gloss: Some("After 1000 epochs of training, the model's accuracy on the training set is about 80%."),
            truth: Phrase::new("0 %、25 %、50 %、75 % 或 100 %", "0 %, 25 %, 50 %, 75 % or 100 %"),
            recomputed: None,
            explanation: Text::new(
                "训练集只有 4 个样本，准确率就是分对的个数除以 4，只能是 25 % 的整数倍，所以“约为 80%”只能是 75 %（4 个分对 3 个）。本课随机种子 0–19 训练 1000 轮后也都停在 75 %（见下方注释）。4 个样本上的准确率是个确切的数，照实写 75 % 即可。可以用“运行”按钮换不同的随机种子亲自看看。",
                "The training set has only 4 samples, so accuracy is the number right divided by 4, a multiple of 25 %: “about 80 %” can only stand for 75 % (3 of 4). That is also where seeds 0–19 all end after 1000 epochs in this lesson (see the notes below). On 4 samples accuracy is an exact number, so it is better reported as it is: 75 %. Try several seeds with the Run button.",
            ).into(),
        },
        Erratum {
            id: "perfect",
            kind: RowKind::Note,
            quantity: Text::new(
                "这个 4-2-1 网络能否做到 100 %",
                "Can this 4-2-1 network reach 100 %",
            ),
            article: "虽然这个结果并不完美",
            gloss: Some("Although this result is not perfect"),
            truth: {
                let (acc, p) = (shown(100.0 * perfect.accuracy()), preds.join(", "));
                Phrase::new(
                    format!("{acc} %：W¹ 第 1 列 = (0.025, 0, 0, 0)，b¹₁ = −0.175，第 2 列 = (5, 0, 0, 0)，b¹₂ = −35，W² = (80, −4)，b² = −38：ŷ = [{p}]"),
                    format!("{acc} % with W¹ column 1 = (0.025, 0, 0, 0), b¹₁ = −0.175, column 2 = (5, 0, 0, 0), b¹₂ = −35, W² = (80, −4), b² = −38: ŷ = [{p}]"),
                )
            },
            recomputed: None,
            explanation: Text::new(
                "这个网络完全表示得出 100 %。每一行都是上一行加 4，所以隐藏单元看到的是行号 n 的线性函数 c + d·n。取一个斜率很小、几乎是直线的单元，再加一个在第 2、3 行之间陡然下跳的单元，输出就能按 −、+、−、+ 交替。能不能学到是另一回事：输入大到 16，没有归一化，sigmoid 很快饱和，Adam 以 0.01 的步长走 1000 步，随机种子 0–19 全部停在 75 %：输出随行号单调变化，只能分对 3 行。",
                "The network can represent 100 %. Each row is the previous row plus 4, so a hidden unit sees a linear function c + d·n of the row number n. One unit with a tiny slope (nearly a straight line) plus one that drops sharply between rows 2 and 3 make the output alternate −, +, −, +. Whether training finds it is another matter: inputs up to 16, not normalised, saturate the sigmoids fast, and with 1000 Adam steps of 0.01 seeds 0–19 all stop at 75 %: the output stays monotone in the row number, which gets 3 rows right.",
            ).into(),
        },
        Erratum {
            id: "normalisation",
            kind: RowKind::Note,
            quantity: Text::new("数据预处理", "Data preprocessing"),
            article: "数据预处理是深度学习项目的重要步骤，它包括数据清洗、归一化、编码等操作。",
            gloss: Some("Data preprocessing is an important step of a deep learning project; it includes data cleaning, normalisation, encoding and so on."),
            truth: Phrase::new(
                format!("随机种子 {seed} 时 max |a| = {}（输入最大到 16，未归一化）", shown(widest)),
                format!("max |a| at seed {seed} = {} (inputs up to 16, not normalised)", shown(widest)),
            ),
            recomputed: None,
            explanation: Text::new(
                "文章强调归一化，代码却把 1…16 原样送进网络。`glorot` 初始化的权重在 ±1 之间，隐藏层的输入一开始就可能达到几十，sigmoid 的导数 σ(1 − σ) 在那里几乎为 0，梯度很难把它拉回来。把每列缩放到 [0, 1] 或标准化，训练会容易得多。",
                "The article stresses normalisation, but the code feeds 1…16 in as they are. With `glorot` weights within ±1, hidden inputs can start in the tens, where the sigmoid's slope σ(1 − σ) is almost 0 and gradients barely move them back. Scaling each column to [0, 1] or standardising makes training much easier.",
            ).into(),
        },
    ])
}

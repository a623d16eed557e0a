//! Lesson `keras-4x4`: article 000 §5, the Keras example Dense(2, sigmoid) → Dense(1, sigmoid)
//! on four rows x = 1…16, y = [0, 1, 0, 1], binary cross-entropy and Adam (lr 0.01), with
//! Keras' defaults: glorot-uniform kernels, zero biases, β₁ 0.9, β₂ 0.999, ε 1e-7, one batch
//! of all four samples per epoch. One epoch per trace.

pub mod errata;
pub mod model;
pub mod walkthrough;

use super::kit::{ArticleFormula, LessonDef, SettingSpec, Values};
use crate::base::rng::SplitMix64;
use crate::i18n::Text;

pub const ID: &str = "keras-4x4";
/// Samples, inputs, hidden units.
pub const N: usize = 4;
pub const D: usize = 4;
pub const H: usize = 2;
/// The article's inputs (the defaults of the `x[i][j]` settings).
pub const X: [[f64; D]; N] = [
    [1.0, 2.0, 3.0, 4.0],
    [5.0, 6.0, 7.0, 8.0],
    [9.0, 10.0, 11.0, 12.0],
    [13.0, 14.0, 15.0, 16.0],
];
/// The trained parameters, in the order of the Adam moments' settings.
pub const PARAMS: [&str; 13] = [
    "W1[0][0]", "W1[0][1]", "W1[1][0]", "W1[1][1]", "W1[2][0]", "W1[2][1]", "W1[3][0]", "W1[3][1]",
    "b1[0]", "b1[1]", "W2[0]", "W2[1]", "b2",
];

const INPUTS: Text = Text::new("输入 x（4 个样本）", "Inputs x (4 samples)");
const DATA: Text = Text::new("标签", "Labels");
const WEIGHTS: Text = Text::new("权重", "Weights");
const TRAIN: Text = Text::new("训练（Adam）", "Training (Adam)");

/// Weights default to 0 here; `article_values` draws them from the seed as Keras would.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::number("x[0][0]", 1.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[0][1]", 2.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[0][2]", 3.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[0][3]", 4.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[1][0]", 5.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[1][1]", 6.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[1][2]", 7.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[1][3]", 8.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[2][0]", 9.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[2][1]", 10.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[2][2]", 11.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[2][3]", 12.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[3][0]", 13.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[3][1]", 14.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[3][2]", 15.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[3][3]", 16.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("y[0]", 0.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[1]", 1.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[2]", 0.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[3]", 1.0, 0.0, 1.0, DATA),
    SettingSpec::number("W1[0][0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[0][1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[1][0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[1][1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[2][0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[2][1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[3][0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[3][1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("b1[0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("b1[1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W2[0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W2[1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("b2", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("m.W1[0][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[0][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[1][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[1][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[2][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[2][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[3][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[3][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.b1[0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.b1[1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W2[0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W2[1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.b2", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[0][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[0][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[1][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[1][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[2][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[2][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[3][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[3][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.b1[0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.b1[1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W2[0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W2[1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.b2", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::positive("lr", 0.01, 0.0, 1000.0, TRAIN),
    SettingSpec::number("beta1", 0.9, 0.0, 0.999_999, TRAIN),
    SettingSpec::number("beta2", 0.999, 0.0, 0.999_999, TRAIN),
    SettingSpec::positive("eps", 1e-7, 0.0, 1.0, TRAIN),
    SettingSpec::integer("seed", 0.0, 0.0, 1_000_000.0, TRAIN),
    // Adam's step counter t: epochs done so far (one step per epoch).
    SettingSpec::integer("epoch", 0.0, 0.0, 1e9, TRAIN).hidden(),
    super::kit::breaks::WITH_SIGMOID,
];

/// Glorot-uniform kernels (limit √(6 / (fan_in + fan_out))) from SplitMix64 seeded with
/// `seed`, zero biases, zero Adam moments, epoch 0.
pub fn reseed(v: &mut Values) {
    let mut rng = SplitMix64::new(v.get("seed") as u64);
    let l1 = (6.0 / (D + H) as f64).sqrt();
    let l2 = (6.0 / (H + 1) as f64).sqrt();
    for name in PARAMS {
        let x = if name.starts_with("W1") {
            rng.uniform(-l1, l1)
        } else if name.starts_with("W2") {
            rng.uniform(-l2, l2)
        } else {
            0.0
        };
        v.put(name, x);
        v.put(&format!("m.{name}"), 0.0);
        v.put(&format!("v.{name}"), 0.0);
    }
    v.put("epoch", 0.0);
}

/// The article's setup: Keras draws the initial weights at random; here seed 0 does.
pub fn article_values() -> Values {
    let mut v = Values::defaults(SETTINGS);
    reseed(&mut v);
    v
}

/// The article's formulas for this example, as printed.
const FORMULAS: &[ArticleFormula] = &[
    ArticleFormula {
        section: "§5",
        article: r"\texttt{Dense(2, sigmoid)} \to \texttt{Dense(1, sigmoid)}, \ \texttt{Adam(0.01)}, \ \texttt{binary\_crossentropy}",
        ours: r"\hat{y} = \sigma\left(W^{2} \sigma(W^{1} x + b^{1}) + b^{2}\right), \quad L = -\frac{1}{4} \sum_{i=1}^{4} \left[y_i \ln \hat{y}_i + (1 - y_i) \ln(1 - \hat{y}_i)\right]",
        note: Text::new(
            "模型和文章的代码一致；训练用 Keras 的 Adam 形式。",
            "The model is the article's code; training uses Keras' form of Adam.",
        ),
    },
    ArticleFormula {
        section: "§5.4",
        article: r"\text{accuracy} \approx 80\%",
        ours: r"\text{accuracy} = \frac{\#\{i : [\hat{y}_i > 0.5] = y_i\}}{4} \in \{0, 25, 50, 75, 100\}\%",
        note: Text::new(
            "4 个样本的准确率只能是 25% 的整数倍，80% 不可能出现。",
            "With 4 samples the accuracy is a multiple of 25 %: 80 % cannot occur.",
        ),
    },
];

pub const LESSON: LessonDef = LessonDef {
    id: ID,
    article_file: "000_43c5c6e8a9ce5015.txt",
    settings: SETTINGS,
    formulas: FORMULAS,
    trace: |v, d| Box::pin(model::trace(v, d)),
    errata: |d| Box::pin(errata::errata(d)),
    reseed: Some(reseed),
    article_values,
    gradcheck: None,
};

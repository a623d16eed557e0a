//! Lesson `xor`: article 004 §4.4, ŷ = σ(W·x + b) trained with MSE and gradient descent on
//! the four XOR points. The article's single layer cannot separate them; a 2-4-1 network with
//! tanh hidden units can. One full-batch gradient step per trace.

pub mod boundary;
pub mod errata;
pub mod model;

pub mod walkthrough;

use super::kit::{ArticleFormula, LessonDef, SettingSpec, Values};
use crate::base::rng::SplitMix64;
use crate::i18n::Text;

pub const ID: &str = "xor";
/// Samples: the four corners of the unit square.
pub const N: usize = 4;
/// Hidden units of the `hidden` model.
pub const H: usize = 4;
pub const X: [[f64; 2]; N] = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];

const MODEL: Text = Text::new("模型", "Model");
const DATA: Text = Text::new("标签", "Labels");
const SINGLE: Text = Text::new("单层权重", "Single-layer weights");
const HIDDEN: Text = Text::new("隐藏层网络权重", "Hidden-layer weights");
const TRAIN: Text = Text::new("训练", "Training");

const fn w(name: &'static str, group: Text) -> SettingSpec {
    SettingSpec::number(name, 0.0, -100.0, 100.0, group)
}

/// Weights default to 0 here; `article_values` draws them from the seed.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::choice("model", 0, &["single", "hidden"], MODEL),
    SettingSpec::number("y[0]", 0.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[1]", 1.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[2]", 1.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[3]", 0.0, 0.0, 1.0, DATA),
    w("W[0]", SINGLE),
    w("W[1]", SINGLE),
    w("b", SINGLE),
    w("W1[0][0]", HIDDEN),
    w("W1[0][1]", HIDDEN),
    w("W1[1][0]", HIDDEN),
    w("W1[1][1]", HIDDEN),
    w("W1[2][0]", HIDDEN),
    w("W1[2][1]", HIDDEN),
    w("W1[3][0]", HIDDEN),
    w("W1[3][1]", HIDDEN),
    w("b1[0]", HIDDEN),
    w("b1[1]", HIDDEN),
    w("b1[2]", HIDDEN),
    w("b1[3]", HIDDEN),
    w("W2[0]", HIDDEN),
    w("W2[1]", HIDDEN),
    w("W2[2]", HIDDEN),
    w("W2[3]", HIDDEN),
    w("b2", HIDDEN),
    SettingSpec::positive("lr", 1.0, 0.0, 1000.0, TRAIN),
    SettingSpec::integer("seed", 0.0, 0.0, 1_000_000.0, TRAIN),
    SettingSpec::integer("epoch", 0.0, 0.0, 1e9, TRAIN).hidden(),
    super::kit::breaks::WITH_SIGMOID,
];

/// Every weight drawn uniformly from [−1, 1) by SplitMix64 seeded with `seed`; the epoch
/// counter restarts.
pub fn reseed(v: &mut Values) {
    let mut rng = SplitMix64::new(v.get("seed") as u64);
    let names: Vec<&'static str> = SETTINGS
        .iter()
        .filter(|s| s.group == SINGLE || s.group == HIDDEN)
        .map(|s| s.name)
        .collect();
    for name in names {
        v.put(name, rng.uniform(-1.0, 1.0));
    }
    v.put("epoch", 0.0);
}

/// The article gives no initial weights: they come from seed 0.
pub fn article_values() -> Values {
    let mut v = Values::defaults(SETTINGS);
    reseed(&mut v);
    v
}

/// The article's formulas for this example, as printed.
const FORMULAS: &[ArticleFormula] = &[
    ArticleFormula {
        section: "§4.4",
        article: r"\hat{y}_i = \sigma(W \cdot x_i + b)",
        ours: r"\hat{y}_i = \sigma\left(W^{2} \tanh(W^{1} x_i + b^{1}) + b^{2}\right)",
        note: Text::new(
            "单层 σ(W·x + b) 的决策边界是一条直线，分不开异或；需要一个隐藏层。",
            "A single layer σ(W·x + b) has a straight decision boundary and cannot separate XOR; a hidden layer is needed.",
        ),
    },
    ArticleFormula {
        section: "§4.1.2",
        article: r"Cross-Entropy Loss = -\frac{1}{m} \sum_{i=1}^{m} y_i \log(\hat{y}_i)",
        ours: r"L = -\frac{1}{m} \sum_{i=1}^{m} \left[y_i \ln \hat{y}_i + (1 - y_i) \ln(1 - \hat{y}_i)\right]",
        note: Text::new(
            "对单个 sigmoid 输出，只有 y log ŷ 一项时 y = 0 的样本不贡献损失。",
            "For one sigmoid output, with the y log ŷ term alone the samples with y = 0 add no loss.",
        ),
    },
];

pub const LESSON: LessonDef = LessonDef {
    id: ID,
    article_file: "004_881d8bd8d43a727e.txt",
    settings: SETTINGS,
    formulas: FORMULAS,
    trace: |v, d| Box::pin(model::trace(v, d)),
    errata: |d| Box::pin(errata::errata(d)),
    reseed: Some(reseed),
    article_values,
    gradcheck: None,
};

//! Lesson `softmax-ce`: article 002 §Mathematical models 2, a two-class softmax with
//! cross-entropy on one sample: probabilities, each loss term, the gradient ŷ − y, and gradient
//! steps on the logits.

pub mod errata;
pub mod model;
pub mod walkthrough;

use super::kit::{ArticleFormula, LessonDef, SettingSpec, Values};
use crate::i18n::Text;

pub const ID: &str = "softmax-ce";
/// Two classes, A and B, as in the article.
pub const K: usize = 2;

const LOGITS: Text = Text::new("logits", "Logits");
const LABELS: Text = Text::new("标签", "Labels");
const TRAIN: Text = Text::new("训练", "Training");

/// The article gives no logits: the lesson starts from one class-A sample with z = [2, 1].
/// The range keeps every e^z and every probability representable in f32.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::number("z[0]", 2.0, -20.0, 20.0, LOGITS),
    SettingSpec::number("z[1]", 1.0, -20.0, 20.0, LOGITS),
    // Labels may be soft (class frequencies); one-hot is the usual case.
    SettingSpec::number("y[0]", 1.0, 0.0, 1.0, LABELS),
    SettingSpec::number("y[1]", 0.0, 0.0, 1.0, LABELS),
    SettingSpec::positive("lr", 1.0, 0.0, 1000.0, TRAIN),
    super::kit::breaks::SIGN_ONLY,
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

/// The article's formulas for this example, as printed.
const FORMULAS: &[ArticleFormula] = &[
    ArticleFormula {
        section: "§Mathematical models 2",
        article: r"J(\theta) = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=1}^{K} y_k^{(i)} \log (\hat{y}_k^{(i)})",
        ours: r"L = -\sum_{k=1}^{2} y_k \ln \hat{y}_k, \quad \hat{y}_k = \frac{e^{z_k}}{e^{z_1} + e^{z_2}}, \quad \frac{\partial L}{\partial z_k} = \hat{y}_k - y_k",
        note: Text::new(
            "这一条是对的；本课对一个样本计算它（m = 1）。",
            "This one is right; the lesson computes it for one sample (m = 1).",
        ),
    },
    ArticleFormula {
        section: "§Mathematical models 2",
        article: r"\hat{y}_A = \frac{e^{\theta_0 + \theta_1 \cdot x_1}}{e^{\theta_0 + \theta_1 \cdot x_1} + e^{\theta_0 + \theta_1 \cdot x_2}}",
        ours: r"\hat{y}_A = \frac{e^{z_A}}{e^{z_A} + e^{z_B}}, \quad z_k = \theta_{0k} + \theta_{1k} x",
        note: Text::new(
            "两类共用 θ₀、θ₁，θ₀ 被约掉；每一类要有自己的参数，作用于同一个输入 x。",
            "Both classes share θ₀ and θ₁, so θ₀ cancels; each class needs its own parameters on the same input x.",
        ),
    },
    ArticleFormula {
        section: "§Mathematical models 2",
        article: r"J(\theta) = -\frac{1}{100} \sum_{i=1}^{100} \left(60 \cdot \log(\hat{y}_A^{(i)}) + 40 \cdot \log(\hat{y}_B^{(i)})\right)",
        ours: r"J = -\frac{1}{100} \sum_{i=1}^{100} \left(y_A^{(i)} \ln \hat{y}_A^{(i)} + y_B^{(i)} \ln \hat{y}_B^{(i)}\right)",
        note: Text::new(
            "文章把类别计数 60、40 放进了每个样本的项里，既把每类数了 100 次，又丢掉了每个样本自己的标签。",
            "The article puts the class counts 60 and 40 inside every sample's term: each class is counted 100 times and each sample's own label is lost.",
        ),
    },
];

pub const LESSON: LessonDef = LessonDef {
    id: ID,
    article_file: "002_5db701f3b4928dee.txt",
    settings: SETTINGS,
    formulas: FORMULAS,
    trace: |v, d| Box::pin(model::trace(v, d)),
    errata: |d| Box::pin(errata::errata(d)),
    reseed: None,
    article_values,
    gradcheck: None,
};

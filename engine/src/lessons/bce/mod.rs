//! Lesson `bce`: article 001 §4.3, binary cross-entropy of four predictions term by term, its
//! gradient, and gradient steps on the predictions' logits.

pub mod errata;
pub mod model;
pub mod walkthrough;

use super::kit::{ArticleFormula, CheckSpec, LessonDef, LessonTrace, SettingSpec, Values};
use crate::i18n::Text;

pub const ID: &str = "bce";
pub const N: usize = 4;

const DATA: Text = Text::new("标签与预测", "Labels and predictions");
const TRAIN: Text = Text::new("训练", "Training");

/// Article 001 §4.3: y = [0, 1, 0, 1], ŷ = [0.3, 0.7, 0.5, 0.6], α = 0.1.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::number("y[0]", 0.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[1]", 1.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[2]", 0.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[3]", 1.0, 0.0, 1.0, DATA),
    // A prediction of exactly 0 or 1 makes a log infinite: the open interval is required.
    SettingSpec::positive("p[0]", 0.3, 0.0, 0.999_999, DATA),
    SettingSpec::positive("p[1]", 0.7, 0.0, 0.999_999, DATA),
    SettingSpec::positive("p[2]", 0.5, 0.0, 0.999_999, DATA),
    SettingSpec::positive("p[3]", 0.6, 0.0, 0.999_999, DATA),
    SettingSpec::positive("lr", 0.1, 0.0, 1000.0, TRAIN),
    super::kit::breaks::WITH_SIGMOID,
];

/// Article 001 §4.1 and §4.3, as printed.
const FORMULAS: &[ArticleFormula] = &[
    ArticleFormula {
        section: "§4.1",
        article: r"Binary Cross-Entropy = -\frac{1}{n}\sum_{i=1}^{n}y_i\log(\hat{y}_i) + (1 - y_i)\log(1 - \hat{y}_i)",
        ours: r"L = -\frac{1}{n}\sum_{i=1}^{n}\left[y_i\ln\hat{y}_i + (1 - y_i)\ln(1 - \hat{y}_i)\right]",
        note: Text::new(
            "文章少了方括号：求和只覆盖了第一项。",
            "The article's bracket is missing: the sum covers the first term only.",
        ),
    },
    ArticleFormula {
        section: "§4.3",
        article: r"\nabla_\theta Loss = \frac{1}{4}\sum_{i=1}^{4}(\hat{y}_i - y_i) \cdot x_i^T",
        ours: r"\frac{\partial L}{\partial z_i} = \frac{\hat{y}_i - y_i}{n}, \quad \hat{y}_i = \sigma(z_i)",
        note: Text::new(
            "文章的式子是逻辑回归权重的梯度（对 xᵢ 加权）；本课把每个预测的 logit 当作参数，梯度就是 (ŷᵢ − yᵢ)/n。",
            "The article's formula is the gradient of logistic-regression weights (weighted by xᵢ); this lesson takes each prediction's logit as the parameter, whose gradient is (ŷᵢ − yᵢ)/n.",
        ),
    },
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

pub const LESSON: LessonDef = LessonDef {
    id: ID,
    article_file: "001_5028b7b2186777f3.txt",
    settings: SETTINGS,
    formulas: FORMULAS,
    trace: |v, d| Box::pin(model::trace(v, d)),
    errata: |d| Box::pin(errata::errata(d)),
    reseed: None,
    article_values,
    gradcheck: Some(CheckSpec {
        targets: check_targets,
        nudge: nudge_logit,
    }),
};

/// The gradient check moves the logits z, the lesson's parameters (the settings are the
/// predictions ŷ = σ(z), so σ′ is on the path the check tests).
fn check_targets(_: &Values, t: &LessonTrace) -> Vec<(String, f64)> {
    let grad = t
        .quantity("z")
        .and_then(|q| q.grad.as_ref())
        .map(|g| g.flat())
        .unwrap_or_default();
    grad.iter()
        .enumerate()
        .map(|(i, g)| (format!("z[{i}]"), *g))
        .collect()
}

/// z[i] + δ, written back as the prediction p[i] = σ(z[i] + δ).
fn nudge_logit(v: &mut Values, name: &str, delta: f64) {
    let Some(i) = name
        .strip_prefix("z[")
        .and_then(|r| r.strip_suffix(']'))
        .and_then(|i| i.parse::<usize>().ok())
    else {
        return;
    };
    let p = format!("p[{i}]");
    let z = model::logit(v.get(&p)) + delta;
    v.put(&p, 1.0 / (1.0 + (-z).exp()));
}

//! Lesson `linreg-gd`: article 002 §"Mathematical models 1" (y = θ₀ + θ₁x, MSE, gradient
//! descent, with a sign slip in the printed gradient) and article 003 §4.3 (xᵢ = 2i, yᵢ = i,
//! w = b = 0.1, an MSE table and predictions). One full-batch GD step per trace.

pub mod errata;
pub mod model;
pub mod views;
pub mod walkthrough;

use super::kit::{ArticleFormula, LessonDef, SettingSpec, Values};
use crate::i18n::Text;

pub const ID: &str = "linreg-gd";

/// The iterations of article 003's MSE table; the run records its own MSE at each.
pub const CHECKPOINTS: [usize; 4] = [1, 10, 100, 1000];
/// The new inputs of article 003's prediction table.
pub const PROBES: [f64; 3] = [3.0, 5.0, 10.0];

const DATA: Text = Text::new("数据", "Data");
const PARAMS: Text = Text::new("参数", "Parameters");
const TRAIN: Text = Text::new("训练", "Training");
const STATE: Text = Text::new("训练状态", "Training state");

/// Article 003 §4.3: m = 100 samples, w = b = 0.1. The article gives no learning rate: 5·10⁻⁵
/// is below the stability limit 2/λ_max ≈ 7.39·10⁻⁵ of this data.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::integer("m", 100.0, 2.0, 100.0, DATA),
    SettingSpec::number("w", 0.1, -100.0, 100.0, PARAMS),
    SettingSpec::number("b", 0.1, -100.0, 100.0, PARAMS),
    SettingSpec::positive("lr", 0.000_05, 0.0, 10.0, TRAIN),
    SettingSpec::choice("formula", 0, &["correct", "article"], TRAIN),
    SettingSpec::integer("t", 0.0, 0.0, 1e9, STATE).hidden(),
    SettingSpec::number("mse_1", 0.0, 0.0, f64::MAX, STATE).hidden(),
    SettingSpec::number("mse_10", 0.0, 0.0, f64::MAX, STATE).hidden(),
    SettingSpec::number("mse_100", 0.0, 0.0, f64::MAX, STATE).hidden(),
    SettingSpec::number("mse_1000", 0.0, 0.0, f64::MAX, STATE).hidden(),
    super::kit::breaks::SIGN_ONLY,
];

/// The hidden setting that records the run's MSE at iteration `k`.
pub fn checkpoint_name(k: usize) -> String {
    format!("mse_{k}")
}

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

/// The article's formulas for this example, as printed.
const FORMULAS: &[ArticleFormula] = &[
    ArticleFormula {
        section: "002 §Mathematical models 1",
        article: r"\nabla_{\theta_1} J(\theta_0, \theta_1) = \frac{1}{n} \sum_{i=1}^{n} (y_i - (\theta_0 + \theta_1 \cdot x_i)) \cdot x_i",
        ours: r"\frac{\partial \,\mathrm{MSE}}{\partial w} = -\frac{2}{m} \sum_{i=1}^{m} (y_i - (w x_i + b))\, x_i",
        note: Text::new(
            "符号反了（少了负号），系数也与它自己的 J = ½Σ(…)² 不符：照它更新是在往上爬。",
            "The sign is flipped (the minus is missing) and the factor does not match its own J = ½Σ(…)²: following it climbs uphill.",
        ),
    },
    ArticleFormula {
        section: "002 §Mathematical models 1",
        article: r"J(\theta_0, \theta_1) = \frac{1}{2} \sum_{i=1}^{n} (y_i - (\theta_0 + \theta_1 \cdot x_i))^2",
        ours: r"\mathrm{MSE}(w, b) = \frac{1}{m} \sum_{i=1}^{m} (y_i - (w x_i + b))^2",
        note: Text::new(
            "文章称之为均方误差，但没有除以 n，它是平方误差之和的一半。",
            "The article calls this the mean squared error, but it never divides by n: it is half the sum of squared errors.",
        ),
    },
    ArticleFormula {
        section: "003 §4.3.3",
        article: r"w_{t+1} = w_t - \alpha \nabla_w MSE",
        ours: r"w \leftarrow w - \alpha \frac{\partial \,\mathrm{MSE}}{\partial w}, \quad b \leftarrow b - \alpha \frac{\partial \,\mathrm{MSE}}{\partial b}",
        note: Text::new(
            "这一条是对的，但文章从未给出 α；本课算出能收敛的最大 α。",
            "This one is right, but the article never gives α; the lesson computes the largest α that converges.",
        ),
    },
];

pub const LESSON: LessonDef = LessonDef {
    id: ID,
    article_file: "003_3ef749dac949cac8.txt",
    settings: SETTINGS,
    formulas: FORMULAS,
    trace: |v, d| Box::pin(model::trace(v, d)),
    errata: |d| Box::pin(errata::errata(d)),
    reseed: None,
    article_values,
    gradcheck: None,
};

//! The lesson's settings: article 003's data size, the start, the learning rate and which gradient formula runs.

use crate::i18n::Text;
use crate::lessons::kit::{SettingSpec, Values};

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
    SettingSpec::choice("formula", 0, &["correct", "article"], TRAIN).labelled(&[
        Text::new("正确的梯度", "The correct gradient"),
        Text::new("文章的梯度公式", "The article's gradient formula"),
    ]),
    SettingSpec::integer("t", 0.0, 0.0, 1e9, STATE).hidden(),
    SettingSpec::number("mse_1", 0.0, 0.0, f64::MAX, STATE).hidden(),
    SettingSpec::number("mse_10", 0.0, 0.0, f64::MAX, STATE).hidden(),
    SettingSpec::number("mse_100", 0.0, 0.0, f64::MAX, STATE).hidden(),
    SettingSpec::number("mse_1000", 0.0, 0.0, f64::MAX, STATE).hidden(),
    crate::lessons::kit::breaks::SIGN_ONLY,
];

/// The hidden setting that records the run's MSE at iteration `k`.
pub fn checkpoint_name(k: usize) -> String {
    format!("mse_{k}")
}

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

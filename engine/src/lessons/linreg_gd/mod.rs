//! Lesson `linreg-gd`: article 002 §"Mathematical models 1" (y = θ₀ + θ₁x, MSE, gradient
//! descent, with a sign slip in the printed gradient) and article 003 §4.3 (xᵢ = 2i, yᵢ = i,
//! w = b = 0.1, an MSE table and predictions). One full-batch GD step per trace.

pub mod errata;
pub mod model;
pub mod views;
pub mod walkthrough;

use super::kit::{LessonDef, SettingSpec, Values};
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
];

/// The hidden setting that records the run's MSE at iteration `k`.
pub fn checkpoint_name(k: usize) -> String {
    format!("mse_{k}")
}

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

pub const LESSON: LessonDef = LessonDef {
    id: ID,
    article_file: "003_3ef749dac949cac8.txt",
    settings: SETTINGS,
    trace: |v, d| Box::pin(model::trace(v, d)),
    errata: |d| Box::pin(errata::errata(d)),
    reseed: None,
    article_values,
};

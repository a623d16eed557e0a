//! The lesson's settings: article 001 §4.3's labels, predictions and learning rate.

use crate::i18n::Text;
use crate::lessons::kit::{SettingSpec, Values};

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
    crate::lessons::kit::breaks::WITH_SIGMOID,
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

//! Lesson `bce`: article 001 §4.3, binary cross-entropy of four predictions term by term, its
//! gradient, and gradient steps on the predictions' logits.

pub mod errata;
pub mod model;
pub mod walkthrough;

use super::kit::{LessonDef, SettingSpec, Values};
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
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

pub const LESSON: LessonDef = LessonDef {
    id: ID,
    article_file: "001_5028b7b2186777f3.txt",
    settings: SETTINGS,
    trace: |v, d| Box::pin(model::trace(v, d)),
    errata: |d| Box::pin(errata::errata(d)),
    reseed: None,
    article_values,
};

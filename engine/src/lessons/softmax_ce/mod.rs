//! Lesson `softmax-ce`: article 002 §Mathematical models 2, a two-class softmax with
//! cross-entropy on one sample: probabilities, each loss term, the gradient ŷ − y, and gradient
//! steps on the logits.

pub mod errata;
pub mod model;
pub mod walkthrough;

use super::kit::{LessonDef, SettingSpec, Values};
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
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

pub const LESSON: LessonDef = LessonDef {
    id: ID,
    article_file: "002_5db701f3b4928dee.txt",
    settings: SETTINGS,
    trace: |v, d| Box::pin(model::trace(v, d)),
    errata: |d| Box::pin(errata::errata(d)),
    reseed: None,
    article_values,
};

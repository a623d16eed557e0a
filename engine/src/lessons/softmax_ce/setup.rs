//! The lesson's settings: one sample's logits and labels (the article gives none) and the rate.

use crate::i18n::Text;
use crate::lessons::kit::{SettingSpec, Values};

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
    crate::lessons::kit::breaks::SIGN_ONLY,
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

//! The lesson's settings: the start, each racer's rate and hyperparameters, and the optimisers' state.

use crate::i18n::{Lang, Text};
use crate::lessons::kit::lesson::common_field_label;
use crate::lessons::kit::{SettingSpec, Values};

/// The racers, in the order of every per-optimiser vector.
pub const RACERS: [&str; 4] = ["gd", "sgd", "momentum", "adam"];

/// The racers as the learner reads them (legend, loss readouts), in the order of [`RACERS`].
pub const RACER_NAMES: [Text; 4] = [
    Text::new("GD", "GD"),
    Text::new("SGD", "SGD"),
    Text::new("动量法", "Momentum"),
    Text::new("Adam", "Adam"),
];

/// The form's captions: the start point by its axes; the shared words for the rest.
pub fn field_label(spec: &SettingSpec, lang: Lang) -> String {
    match spec.name {
        "start[0]" => Text::new("起点 θ₁", "Start θ₁").get(lang).to_string(),
        "start[1]" => Text::new("起点 θ₂", "Start θ₂").get(lang).to_string(),
        _ => common_field_label(spec, lang),
    }
}

const START: Text = Text::new("起点", "Start");

const RATES: Text = Text::new("学习率", "Learning rates");

const MOMENTS: Text = Text::new("动量法与 Adam", "Momentum and Adam");

const STATE: Text = Text::new("训练状态", "Training state");

/// The article gives the rules but no numbers: the defaults are the usual β₁ = 0.9,
/// β₂ = 0.999, ε = 10⁻⁸ and rates below each rule's stability limit on this data.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::number("start[0]", -2.0, -10.0, 10.0, START),
    SettingSpec::number("start[1]", 1.2, -10.0, 10.0, START),
    SettingSpec::positive("lr_gd", 0.02, 0.0, 10.0, RATES),
    SettingSpec::positive("lr_sgd", 0.004, 0.0, 10.0, RATES),
    SettingSpec::positive("lr_momentum", 0.004, 0.0, 10.0, RATES),
    SettingSpec::positive("lr_adam", 0.1, 0.0, 10.0, RATES),
    SettingSpec::number("momentum", 0.9, 0.0, 0.999, MOMENTS),
    SettingSpec::number("beta1", 0.9, 0.0, 0.999, MOMENTS),
    SettingSpec::number("beta2", 0.999, 0.0, 0.999_999, MOMENTS),
    SettingSpec::positive("eps", 1e-8, 0.0, 1.0, MOMENTS),
    SettingSpec::integer("seed", 1.0, 0.0, 1e6, MOMENTS),
    SettingSpec::integer("t", 0.0, 0.0, 1e9, STATE).hidden(),
    // Positions default to the start so a drawn path begins there; at t = 0 the trace reads
    // the start settings anyway, in case the learner moved them.
    SettingSpec::number("gd[0]", -2.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("gd[1]", 1.2, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("sgd[0]", -2.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("sgd[1]", 1.2, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("momentum[0]", -2.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("momentum[1]", 1.2, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("adam[0]", -2.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("adam[1]", 1.2, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("vel[0]", 0.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("vel[1]", 0.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("m[0]", 0.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("m[1]", 0.0, f64::MIN, f64::MAX, STATE).hidden(),
    SettingSpec::number("v[0]", 0.0, 0.0, f64::MAX, STATE).hidden(),
    SettingSpec::number("v[1]", 0.0, 0.0, f64::MAX, STATE).hidden(),
    crate::lessons::kit::breaks::SIGN_ONLY,
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

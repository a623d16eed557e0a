//! New numbers for the same exercise: a seeded variant of a lesson's setup, so every student of
//! a class can get a different sheet (and a learner can try again) while the lesson, its
//! formulas and its hyperparameters stay the same.

use super::spec::{SettingSpec, Values};
use crate::base::rng::SplitMix64;

/// Which settings a variant changes: the numbers that may take either sign (inputs, weights,
/// logits, targets). Labels (0‥1), rates (> 0), counts, choices and hidden optimiser state
/// keep their values.
pub fn varies(spec: &SettingSpec) -> bool {
    !spec.hidden && !spec.integer && spec.choices.is_empty() && spec.min < 0.0
}

/// Seed 0 is the article's setup; any other seed moves every varying value by up to half its
/// size (at least ±0.25), rounded to one decimal so the sums stay workable by hand, kept in
/// the setting's range.
pub fn variant(base: &Values, seed: u64) -> Values {
    let mut out = base.clone();
    if seed == 0 {
        return out;
    }
    let mut rng = SplitMix64::new(seed ^ 0x0C1A_55E5);
    for (spec, v) in base.specs.iter().zip(out.values.iter_mut()) {
        if !varies(spec) {
            continue;
        }
        *v = moved(*v, &mut rng).clamp(spec.min, spec.max);
    }
    out
}

/// One value moved by up to half its size (at least ±0.25), rounded to one decimal.
pub fn moved(v: f64, rng: &mut SplitMix64) -> f64 {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
    ((v + u * v.abs().max(0.5)) * 10.0).round() / 10.0
}

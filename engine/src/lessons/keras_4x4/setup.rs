//! The lesson's settings: article 000 §5's 4×4 inputs, labels, the 4-2-1 network's weights and Adam's.

use crate::base::rng::SplitMix64;
use crate::i18n::Text;
use crate::lessons::kit::{SettingSpec, Values};

/// Samples, inputs, hidden units.
pub const N: usize = 4;

pub const D: usize = 4;

pub const H: usize = 2;

/// The article's inputs (the defaults of the `x[i][j]` settings).
pub const X: [[f64; D]; N] = [
    [1.0, 2.0, 3.0, 4.0],
    [5.0, 6.0, 7.0, 8.0],
    [9.0, 10.0, 11.0, 12.0],
    [13.0, 14.0, 15.0, 16.0],
];

/// The trained parameters, in the order of the Adam moments' settings.
pub const PARAMS: [&str; 13] = [
    "W1[0][0]", "W1[0][1]", "W1[1][0]", "W1[1][1]", "W1[2][0]", "W1[2][1]", "W1[3][0]", "W1[3][1]",
    "b1[0]", "b1[1]", "W2[0]", "W2[1]", "b2",
];

const INPUTS: Text = Text::new("输入 x（4 个样本）", "Inputs x (4 samples)");

const DATA: Text = Text::new("标签", "Labels");

const WEIGHTS: Text = Text::new("权重", "Weights");

const TRAIN: Text = Text::new("训练（Adam）", "Training (Adam)");

/// Weights default to 0 here; `article_values` draws them from the seed as Keras would.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::number("x[0][0]", 1.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[0][1]", 2.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[0][2]", 3.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[0][3]", 4.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[1][0]", 5.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[1][1]", 6.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[1][2]", 7.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[1][3]", 8.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[2][0]", 9.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[2][1]", 10.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[2][2]", 11.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[2][3]", 12.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[3][0]", 13.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[3][1]", 14.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[3][2]", 15.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("x[3][3]", 16.0, -1000.0, 1000.0, INPUTS),
    SettingSpec::number("y[0]", 0.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[1]", 1.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[2]", 0.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[3]", 1.0, 0.0, 1.0, DATA),
    SettingSpec::number("W1[0][0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[0][1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[1][0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[1][1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[2][0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[2][1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[3][0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W1[3][1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("b1[0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("b1[1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W2[0]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("W2[1]", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("b2", 0.0, -100.0, 100.0, WEIGHTS),
    SettingSpec::number("m.W1[0][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[0][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[1][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[1][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[2][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[2][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[3][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W1[3][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.b1[0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.b1[1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W2[0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.W2[1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("m.b2", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[0][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[0][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[1][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[1][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[2][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[2][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[3][0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W1[3][1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.b1[0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.b1[1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W2[0]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.W2[1]", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::number("v.b2", 0.0, -1e9, 1e9, TRAIN).hidden(),
    SettingSpec::positive("lr", 0.01, 0.0, 1000.0, TRAIN),
    SettingSpec::number("beta1", 0.9, 0.0, 0.999_999, TRAIN),
    SettingSpec::number("beta2", 0.999, 0.0, 0.999_999, TRAIN),
    SettingSpec::positive("eps", 1e-7, 0.0, 1.0, TRAIN),
    SettingSpec::integer("seed", 0.0, 0.0, 1_000_000.0, TRAIN),
    // Adam's step counter t: epochs done so far (one step per epoch).
    SettingSpec::integer("epoch", 0.0, 0.0, 1e9, TRAIN).hidden(),
    crate::lessons::kit::breaks::WITH_SIGMOID,
];

/// Glorot-uniform kernels (limit √(6 / (fan_in + fan_out))) from SplitMix64 seeded with
/// `seed`, zero biases, zero Adam moments, epoch 0.
pub fn reseed(v: &mut Values) {
    let mut rng = SplitMix64::new(v.get("seed") as u64);
    let l1 = (6.0 / (D + H) as f64).sqrt();
    let l2 = (6.0 / (H + 1) as f64).sqrt();
    for name in PARAMS {
        let x = if name.starts_with("W1") {
            rng.uniform(-l1, l1)
        } else if name.starts_with("W2") {
            rng.uniform(-l2, l2)
        } else {
            0.0
        };
        v.put(name, x);
        v.put(&format!("m.{name}"), 0.0);
        v.put(&format!("v.{name}"), 0.0);
    }
    v.put("epoch", 0.0);
}

/// The article's setup: Keras draws the initial weights at random; here seed 0 does.
pub fn article_values() -> Values {
    let mut v = Values::defaults(SETTINGS);
    reseed(&mut v);
    v
}

/// The picture's network: four inputs, two sigmoid hidden units, one sigmoid output, the
/// four samples one at a time.
pub const NETWORK: crate::lessons::kit::network::NetworkShape =
    crate::lessons::kit::network::NetworkShape {
        inputs: D,
        hidden: H,
        outputs: 1,
        output: "p",
        softmax: false,
        loss_on_logits: true,
        naming: crate::lessons::kit::network::Naming::Samples(
            crate::lessons::kit::network::Batch {
                samples: N,
                input: "x",
                w1_input_first: true,
            },
        ),
    };

//! The lesson's settings: the XOR points and labels, the single-layer or hidden model's weights, and the rate.

use crate::base::rng::SplitMix64;
use crate::i18n::Text;
use crate::lessons::kit::network::{Batch, Naming, NetworkShape, ShapeByChoice};
use crate::lessons::kit::{SettingSpec, Values};

/// Samples: the four corners of the unit square.
pub const N: usize = 4;

/// Hidden units of the `hidden` model.
pub const H: usize = 4;

pub const X: [[f64; 2]; N] = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]];

const MODEL: Text = Text::new("模型", "Model");

const DATA: Text = Text::new("标签", "Labels");

const SINGLE: Text = Text::new("单层权重", "Single-layer weights");

const HIDDEN: Text = Text::new("隐藏层网络权重", "Hidden-layer weights");

const TRAIN: Text = Text::new("训练", "Training");

const fn w(name: &'static str, group: Text) -> SettingSpec {
    SettingSpec::number(name, 0.0, -100.0, 100.0, group)
}

/// Weights default to 0 here; `article_values` draws them from the seed.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::choice("model", 0, &["single", "hidden"], MODEL).labelled(&[
        Text::new(
            "单层 σ(W·x + b)（文章的）",
            "One layer σ(W·x + b) (the article's)",
        ),
        Text::new("2-4-1，tanh 隐藏层", "2-4-1 with a tanh hidden layer"),
    ]),
    SettingSpec::number("y[0]", 0.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[1]", 1.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[2]", 1.0, 0.0, 1.0, DATA),
    SettingSpec::number("y[3]", 0.0, 0.0, 1.0, DATA),
    w("W[0]", SINGLE),
    w("W[1]", SINGLE),
    w("b", SINGLE),
    w("W1[0][0]", HIDDEN),
    w("W1[0][1]", HIDDEN),
    w("W1[1][0]", HIDDEN),
    w("W1[1][1]", HIDDEN),
    w("W1[2][0]", HIDDEN),
    w("W1[2][1]", HIDDEN),
    w("W1[3][0]", HIDDEN),
    w("W1[3][1]", HIDDEN),
    w("b1[0]", HIDDEN),
    w("b1[1]", HIDDEN),
    w("b1[2]", HIDDEN),
    w("b1[3]", HIDDEN),
    w("W2[0]", HIDDEN),
    w("W2[1]", HIDDEN),
    w("W2[2]", HIDDEN),
    w("W2[3]", HIDDEN),
    w("b2", HIDDEN),
    SettingSpec::positive("lr", 1.0, 0.0, 1000.0, TRAIN),
    SettingSpec::integer("seed", 0.0, 0.0, 1_000_000.0, TRAIN),
    SettingSpec::integer("epoch", 0.0, 0.0, 1e9, TRAIN).hidden(),
    crate::lessons::kit::breaks::WITH_SIGMOID,
];

/// Every weight drawn uniformly from [−1, 1) by SplitMix64 seeded with `seed`; the epoch
/// counter restarts.
pub fn reseed(v: &mut Values) {
    let mut rng = SplitMix64::new(v.get("seed") as u64);
    let names: Vec<&'static str> = SETTINGS
        .iter()
        .filter(|s| s.group == SINGLE || s.group == HIDDEN)
        .map(|s| s.name)
        .collect();
    for name in names {
        v.put(name, rng.uniform(-1.0, 1.0));
    }
    v.put("epoch", 0.0);
}

/// The article gives no initial weights: they come from seed 0.
pub fn article_values() -> Values {
    let mut v = Values::defaults(SETTINGS);
    reseed(&mut v);
    v
}

/// The pictures: the article's single layer (2-1, edges straight to the output) or the
/// 2-4-1 network, each drawn for one of the four points at a time. The inputs are the fixed
/// matrix `X`; W1 is stored hidden-first.
pub const NETWORKS: ShapeByChoice = ShapeByChoice {
    setting: "model",
    shapes: &[("single", network(0)), ("hidden", network(H))],
};

const fn network(hidden: usize) -> NetworkShape {
    NetworkShape {
        inputs: 2,
        hidden,
        outputs: 1,
        output: "p",
        softmax: false,
        loss_on_logits: false,
        naming: Naming::Samples(Batch {
            samples: N,
            input: "X",
            w1_input_first: false,
        }),
    }
}

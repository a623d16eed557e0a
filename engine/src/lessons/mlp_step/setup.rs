//! The lesson's settings as a kit table (article 000 §4.3's setup; see `params.rs`), and the
//! network's parameters read from them.

use crate::i18n::Lang;
use crate::i18n::Text;
use crate::lessons::kit::breaks::{Break, WITH_SIGMOID};
use crate::lessons::kit::lesson::common_field_label;
use crate::lessons::kit::{SettingSpec, Values};
use crate::model::mlp221::{LossKind, Mlp221Params};

const INPUT: Text = Text::new("输入与标签", "Input and label");
const WEIGHTS: Text = Text::new("权重与偏置", "Weights and biases");
const TRAIN: Text = Text::new("训练", "Training");

/// Inputs, weights and biases accept any number of this size: beyond it a sigmoid is flat to
/// every digit shown.
const LIMIT: f64 = 1e6;

/// Largest learning rate accepted; beyond it one step throws the sigmoids into saturation.
pub const MAX_LR: f64 = 1000.0;

/// Article 000 §4.3: x = (1, 2), y = 1, W¹ = [[1, 2], [3, 4]], b¹ = 0, W² = (1, 0), b² = 0,
/// α = 0.01, binary cross-entropy. Names and order are those of the page's links.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::number("x[0]", 1.0, -LIMIT, LIMIT, INPUT),
    SettingSpec::number("x[1]", 2.0, -LIMIT, LIMIT, INPUT),
    // A label is a probability: BCE needs y in [0, 1].
    SettingSpec::number("y", 1.0, 0.0, 1.0, INPUT),
    SettingSpec::number("W1[0][0]", 1.0, -LIMIT, LIMIT, WEIGHTS),
    SettingSpec::number("W1[0][1]", 2.0, -LIMIT, LIMIT, WEIGHTS),
    SettingSpec::number("W1[1][0]", 3.0, -LIMIT, LIMIT, WEIGHTS),
    SettingSpec::number("W1[1][1]", 4.0, -LIMIT, LIMIT, WEIGHTS),
    SettingSpec::number("b1[0]", 0.0, -LIMIT, LIMIT, WEIGHTS),
    SettingSpec::number("b1[1]", 0.0, -LIMIT, LIMIT, WEIGHTS),
    SettingSpec::number("W2[0]", 1.0, -LIMIT, LIMIT, WEIGHTS),
    SettingSpec::number("W2[1]", 0.0, -LIMIT, LIMIT, WEIGHTS),
    SettingSpec::number("b2", 0.0, -LIMIT, LIMIT, WEIGHTS),
    SettingSpec::positive("lr", 0.01, 0.0, MAX_LR, TRAIN),
    SettingSpec::choice("loss", 0, &["bce", "mse"], TRAIN).labelled(&[
        Text::new("二元交叉熵（BCE）", "Binary cross-entropy (BCE)"),
        Text::new("均方误差（MSE）", "Squared error (MSE)"),
    ]),
    WITH_SIGMOID,
];

/// The form's captions: the article's notation for the numbers (W¹₁₂, α), the common words
/// for the loss.
pub fn field_label(spec: &SettingSpec, lang: Lang) -> String {
    match spec.name {
        "loss" => common_field_label(spec, lang),
        name => crate::lessons::kit::network::labels::label(name),
    }
}

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

/// The article's network. The article never gives W²₂: it computes z² from a¹₁ alone, which is
/// W²₂ = 0. Its δ² uses y₂ = 1, so the label is 1.
pub fn article_params() -> Mlp221Params {
    params_of(&article_values())
}

/// The network's parameters at these settings.
pub fn params_of(v: &Values) -> Mlp221Params {
    Mlp221Params {
        x: [v.get("x[0]"), v.get("x[1]")],
        y: v.get("y"),
        w1: [
            [v.get("W1[0][0]"), v.get("W1[0][1]")],
            [v.get("W1[1][0]"), v.get("W1[1][1]")],
        ],
        b1: [v.get("b1[0]"), v.get("b1[1]")],
        w2: [v.get("W2[0]"), v.get("W2[1]")],
        b2: v.get("b2"),
        lr: v.get("lr"),
        loss: LossKind::from_name(v.choice("loss")).unwrap_or(LossKind::Bce),
        backward: Break::of(v),
    }
}

/// The settings that give these parameters (the inverse of [`params_of`]).
pub fn values_of(p: &Mlp221Params) -> Values {
    let mut v = article_values();
    let numbers = [
        ("x[0]", p.x[0]),
        ("x[1]", p.x[1]),
        ("y", p.y),
        ("W1[0][0]", p.w1[0][0]),
        ("W1[0][1]", p.w1[0][1]),
        ("W1[1][0]", p.w1[1][0]),
        ("W1[1][1]", p.w1[1][1]),
        ("b1[0]", p.b1[0]),
        ("b1[1]", p.b1[1]),
        ("W2[0]", p.w2[0]),
        ("W2[1]", p.w2[1]),
        ("b2", p.b2),
        ("lr", p.lr),
    ];
    for (name, x) in numbers {
        v.put(name, x);
    }
    let choice = |name: &str, chosen: &str| {
        let spec = SETTINGS.iter().find(|s| s.name == name).expect("a setting");
        spec.choices.iter().position(|c| *c == chosen).unwrap_or(0) as f64
    };
    v.put("loss", choice("loss", p.loss.name()));
    v.put(
        WITH_SIGMOID.name,
        choice(WITH_SIGMOID.name, p.backward.name()),
    );
    v
}

/// The picture's network: two inputs, two sigmoid hidden units, one sigmoid output.
pub const NETWORK: crate::lessons::kit::network::NetworkShape =
    crate::lessons::kit::network::NetworkShape {
        inputs: 2,
        hidden: 2,
        outputs: 1,
        output: "a2",
        softmax: false,
        loss_on_logits: false,
        naming: crate::lessons::kit::network::Naming::Layers,
    };

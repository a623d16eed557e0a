//! The lesson's settings: the 3-5-2 network's input, labels, weights and learning rate (the article gives no numbers).

use crate::i18n::Text;
use crate::lessons::kit::{SettingSpec, Values};

pub const N_IN: usize = 3;

pub const N_HID: usize = 5;

pub const N_OUT: usize = 2;

const INPUT: Text = Text::new("输入与标签", "Input and label");

const HIDDEN: Text = Text::new("隐藏层 W¹, b¹", "Hidden layer W¹, b¹");

const OUTPUT: Text = Text::new("输出层 W², b²", "Output layer W², b²");

const TRAIN: Text = Text::new("训练", "Training");

/// The article gives no numbers. The lesson uses x = [1, 0.5, −1], y = [1, 0] and small fixed
/// weights W¹ᵢⱼ = ((3i + 2j) mod 7 − 3)/10, W²ₖᵢ = ((2k + 3i) mod 5 − 2)/5: no two rows of W¹
/// alike, so no two hidden units compute the same thing.
pub const SETTINGS: &[SettingSpec] = &[
    SettingSpec::number("x[0]", 1.0, -10.0, 10.0, INPUT),
    SettingSpec::number("x[1]", 0.5, -10.0, 10.0, INPUT),
    SettingSpec::number("x[2]", -1.0, -10.0, 10.0, INPUT),
    SettingSpec::number("y[0]", 1.0, 0.0, 1.0, INPUT),
    SettingSpec::number("y[1]", 0.0, 0.0, 1.0, INPUT),
    SettingSpec::number("W1[0][0]", -0.3, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[0][1]", -0.1, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[0][2]", 0.1, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[1][0]", 0.0, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[1][1]", 0.2, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[1][2]", -0.3, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[2][0]", 0.3, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[2][1]", -0.2, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[2][2]", 0.0, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[3][0]", -0.1, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[3][1]", 0.1, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[3][2]", 0.3, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[4][0]", 0.2, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[4][1]", -0.3, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W1[4][2]", -0.1, -10.0, 10.0, HIDDEN),
    SettingSpec::number("b1[0]", 0.1, -10.0, 10.0, HIDDEN),
    SettingSpec::number("b1[1]", -0.1, -10.0, 10.0, HIDDEN),
    SettingSpec::number("b1[2]", 0.0, -10.0, 10.0, HIDDEN),
    SettingSpec::number("b1[3]", 0.2, -10.0, 10.0, HIDDEN),
    SettingSpec::number("b1[4]", -0.2, -10.0, 10.0, HIDDEN),
    SettingSpec::number("W2[0][0]", -0.4, -10.0, 10.0, OUTPUT),
    SettingSpec::number("W2[0][1]", 0.2, -10.0, 10.0, OUTPUT),
    SettingSpec::number("W2[0][2]", -0.2, -10.0, 10.0, OUTPUT),
    SettingSpec::number("W2[0][3]", 0.4, -10.0, 10.0, OUTPUT),
    SettingSpec::number("W2[0][4]", 0.0, -10.0, 10.0, OUTPUT),
    SettingSpec::number("W2[1][0]", 0.0, -10.0, 10.0, OUTPUT),
    SettingSpec::number("W2[1][1]", -0.4, -10.0, 10.0, OUTPUT),
    SettingSpec::number("W2[1][2]", 0.2, -10.0, 10.0, OUTPUT),
    SettingSpec::number("W2[1][3]", -0.2, -10.0, 10.0, OUTPUT),
    SettingSpec::number("W2[1][4]", 0.4, -10.0, 10.0, OUTPUT),
    SettingSpec::number("b2[0]", 0.0, -10.0, 10.0, OUTPUT),
    SettingSpec::number("b2[1]", 0.0, -10.0, 10.0, OUTPUT),
    SettingSpec::positive("lr", 0.5, 0.0, 100.0, TRAIN),
    crate::lessons::kit::breaks::WITH_SIGMOID,
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

/// The picture's network: three inputs, five sigmoid hidden units, two softmax outputs.
pub const NETWORK: crate::lessons::kit::network::NetworkShape =
    crate::lessons::kit::network::NetworkShape {
        inputs: N_IN,
        hidden: N_HID,
        outputs: N_OUT,
        output: "p",
        softmax: true,
        loss_on_logits: true,
        naming: crate::lessons::kit::network::Naming::Layers,
    };

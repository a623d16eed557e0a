//! Lesson `backprop-352`: article 002 §Mathematical models 3, a 3-5-2 network (sigmoid hidden
//! layer, softmax output, cross-entropy) on one sample: forward node by node, the output error
//! ŷ − y carried back layer by layer to every weight, and one gradient-descent step.

pub mod errata;
pub mod model;
pub mod views;
pub mod walkthrough;

use super::kit::{ArticleFormula, LessonDef, SettingSpec, Values};
use crate::i18n::Text;

pub const ID: &str = "backprop-352";
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
    super::kit::breaks::WITH_SIGMOID,
];

pub fn article_values() -> Values {
    Values::defaults(SETTINGS)
}

/// The article's formulas for this example, as printed.
const FORMULAS: &[ArticleFormula] = &[
    ArticleFormula {
        section: "§Mathematical models 3",
        article: r"\nabla_{\theta_{\text{output}}} J(\theta_{\text{output}}) = \hat{y}_2^{(i)} - y^{(i)}",
        ours: r"\delta^{2} = \frac{\partial L}{\partial z^{2}} = \hat{y} - y, \quad \frac{\partial L}{\partial W^{2}} = \delta^{2} (a^{1})^{T}",
        note: Text::new(
            "ŷ − y 是输出层的 δ（对 z² 的梯度），不是权重的梯度；权重梯度还要乘上 a¹ᵀ。",
            "ŷ − y is the output layer's δ (the gradient with respect to z²), not the weights' gradient, which also multiplies by a¹ᵀ.",
        ),
    },
    ArticleFormula {
        section: "§Mathematical models 3",
        // As printed but for one pair of braces: the article writes the double subscript
        // \theta_{\text{output}}_k, which TeX refuses; {\theta_{\text{output}}}_k renders it.
        article: r"\nabla_{\theta_{\text{hidden}}} J(\theta_{\text{hidden}}) = \sum_{k=1}^{2} \nabla_{{\theta_{\text{output}}}_k} J(\theta_{\text{output}}) \cdot \hat{\theta}_{\text{output}_k}^{(i)}",
        ours: r"\delta^{1}_i = \left(\sum_{k=1}^{2} W^{2}_{ki} \delta^{2}_k\right) a^{1}_i (1 - a^{1}_i), \quad \frac{\partial L}{\partial W^{1}_{ij}} = \delta^{1}_i x_j",
        note: Text::new(
            "文章的和少了激活函数的导数 a(1 − a) 和输入 xⱼ。",
            "The article's sum leaves out the activation's derivative a(1 − a) and the input xⱼ.",
        ),
    },
];

pub const LESSON: LessonDef = LessonDef {
    id: ID,
    article_file: "002_5db701f3b4928dee.txt",
    settings: SETTINGS,
    formulas: FORMULAS,
    trace: |v, d| Box::pin(model::trace(v, d)),
    errata: |d| Box::pin(errata::errata(d)),
    reseed: None,
    article_values,
    gradcheck: None,
};
